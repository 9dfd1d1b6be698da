/* scmm-figure-layout-bars.c: the layout of a bar chart, and what is under a point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cell of the x axis a bar (axis units 0 .. n, bar i in [i, i + 1]),
 * its label below (thinned by the category ticks when there are many), a
 * numeric value axis that always holds the zero baseline and starts at it
 * when every value is on one side, unless the caller fixed its ends
 * (set_y_range).
 */

#include <math.h>

#include <glib/gi18n.h>

#include "gl/scmm-figure-private.h"

/* The labels, when there is one a bar. */
static const char *const *
bar_labels (const ScmmFigure *figure)
{
  if (figure->bar_labels == NULL || g_strv_length (figure->bar_labels) != (guint) figure->n_bars)
    return NULL;
  return (const char *const *) figure->bar_labels;
}

void
scmm_figure_layout_bars (const ScmmFigure *figure,
                         PangoContext     *pango,
                         double            width,
                         double            height,
                         double            top,
                         Layout           *layout)
{
  XyAxes axes = { NULL, FALSE, FALSE, figure->n_bars, bar_labels (figure) };
  double lo = 0, hi = 0;

  layout->has_data = figure->bars != NULL && figure->n_bars > 0;
  if (!layout->has_data)
    return;

  for (int i = 0; i < figure->n_bars; i++)
    if (isfinite (figure->bars[i]))
      {
        lo = MIN (lo, figure->bars[i]);
        hi = MAX (hi, figure->bars[i]);
      }

  layout->y_log = FALSE;
  layout->x_lo = 0;
  layout->x_hi = figure->n_bars;
  scmm_figure_layout_y_range (figure, FALSE, lo, hi, &layout->y_lo, &layout->y_hi);
  /* Bars stand on the baseline: no margin below it (above it for
   * negative bars) unless asked for. */
  if (lo >= 0 && isnan (figure->y_min) && hi > 0)
    layout->y_lo = 0;
  if (hi <= 0 && isnan (figure->y_max) && lo < 0)
    layout->y_hi = 0;

  scmm_figure_layout_xy (figure, pango, width, height, top, &axes, layout);
}

gboolean
scmm_figure_layout_bar_highlighted (const ScmmFigure *figure,
                                    int               i)
{
  for (guint k = 0; k < figure->bar_highlight->len; k++)
    if (g_array_index (figure->bar_highlight, int, k) == i)
      return TRUE;
  return FALSE;
}

gboolean
scmm_figure_layout_bar_box (const ScmmFigure *figure,
                            const Layout     *layout,
                            int               i,
                            Box              *box)
{
  double cell = layout->plot.w / figure->n_bars;
  double fill = cell >= 4 ? 0.8 : 1.0;
  double zero = round (scmm_figure_layout_map_y (layout, 0));
  double min_highlight = MAX (3, round (3 * layout->scale));
  double v = figure->bars[i];
  double x0, x1, y;

  if (!isfinite (v))
    return FALSE;
  x0 = round (scmm_figure_layout_map_x (layout, i + (1 - fill) / 2));
  x1 = MAX (x0 + 1, round (scmm_figure_layout_map_x (layout, i + 1 - (1 - fill) / 2)));
  if (x1 - x0 < min_highlight && scmm_figure_layout_bar_highlighted (figure, i))
    {
      double middle = scmm_figure_layout_map_x (layout, i + 0.5);

      x0 = round (middle - min_highlight / 2);
      x1 = x0 + min_highlight;
    }
  y = round (CLAMP (scmm_figure_layout_map_y (layout, v), layout->plot.y - 2, layout->plot.y + layout->plot.h + 2));
  *box = (Box) { x0, MIN (y, zero), x1 - x0, fabs (y - zero) };
  return TRUE;
}

/* "Fp1: 0.0312" for the bar whose column is under (x, y). */
char *
scmm_figure_layout_bars_describe (const ScmmFigure *figure,
                                  const Layout     *layout,
                                  double            x,
                                  double            y)
{
  const Box *plot = &layout->plot;
  const char *const *labels = bar_labels (figure);
  g_autofree char *name = NULL;
  double value;
  int i;

  if (x < plot->x || x >= plot->x + plot->w || y < plot->y || y >= plot->y + plot->h)
    return NULL;

  i = CLAMP ((int) floor ((x - plot->x) / plot->w * figure->n_bars), 0, figure->n_bars - 1);
  name = labels != NULL ? g_strdup (labels[i]) : g_strdup_printf (_("bar %d"), i);
  value = figure->bars[i];
  if (isnan (value))
    return g_strdup_printf (_("%s: no value"), name);
  return g_strdup_printf ("%s: %.4g", name, value);
}
