/* scmm-figure-layout-scatter.c: the layout of a scatter plot, and what is under a point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The points' range, padded, on two numeric axes (the line plot's, in
 * scmm-figure-layout-lines.c), a unit as long on both when the figure asks
 * for equal axes, a legend of the categories, and markers that shrink as
 * the points grow many so that a cloud of thousands still shows its shape.
 */

#include <math.h>

#include "gl/scmm-figure-private.h"

/* The markers' radius in device units for `n` points: 4 units up to a
 * hundred, 3 for a thousand, 2 from ten thousand. */
static double
marker_radius (const GPtrArray *categories,
               double           scale)
{
  guint n = 0;

  for (guint i = 0; i < categories->len; i++)
    n += ((const Series *) g_ptr_array_index (categories, i))->x->len;
  return scale * CLAMP (6.0 - log10 (MAX (n, 1)), 2.0, 4.0);
}

void
scmm_figure_layout_scatter (const ScmmFigure *figure,
                            PangoContext     *pango,
                            double            width,
                            double            height,
                            double            top,
                            Layout           *layout)
{
  double range[4];
  gboolean integral_x;
  XyAxes axes = { figure->points, FALSE, figure->equal_axes, 0, NULL };

  layout->y_log = FALSE;
  layout->has_data = scmm_figure_layout_series_range (figure->points, FALSE, range, &integral_x);
  if (!layout->has_data)
    return;

  layout->x_lo = range[0];
  layout->x_hi = range[1];
  layout->y_lo = range[2];
  layout->y_hi = range[3];
  scmm_figure_layout_pad_range (&layout->x_lo, &layout->x_hi, 0.05, 0.5);
  scmm_figure_layout_pad_range (&layout->y_lo, &layout->y_hi, 0.05, 0.5);
  scmm_figure_layout_apply_view (figure, layout);
  layout->marker_radius = marker_radius (figure->points, layout->scale);
  scmm_figure_layout_xy (figure, pango, width, height, top, &axes, layout);
}

/* "target, happy: x = 1.2, y = -0.4": the nearest point's category and
 * coordinates, within a marker and a little of the pointer. */
char *
scmm_figure_layout_scatter_describe (const ScmmFigure *figure,
                                     const Layout     *layout,
                                     double            x,
                                     double            y)
{
  double radius = MAX (6.0, layout->marker_radius + 3 * layout->scale);
  const Series *category;
  char buffer[32];
  guint s, i;

  if (!scmm_figure_layout_nearest_point (figure->points, layout, x, y, radius, &s, &i))
    return NULL;

  category = g_ptr_array_index (figure->points, s);
  return g_strdup_printf ("%s: x = %.4g, y = %.4g",
                          scmm_figure_layout_series_name (category, (int) s, buffer, sizeof buffer),
                          g_array_index (category->x, double, i), g_array_index (category->y, double, i));
}
