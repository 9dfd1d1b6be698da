/* scmm-figure-layout-scalp.c: the layout of a scalp map, and what is under a point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map's square [-1, 1]², widened to hold the head's outline and the
 * electrodes, drawn square and centred, with a colorbar on its right as
 * tall as the map's disc. Axis units are the map's coordinates (y up). The
 * electrodes' names are drawn when the closest two are far enough apart for
 * them not to collide.
 */

#include <math.h>

#include <glib/gi18n.h>

#include "gl/scmm-figure-private.h"

/* Room around the farthest thing drawn, as a fraction of its distance. */
#define EXTENT_MARGIN 1.04

/* Half the side of the square drawn: the map's disc, the outline and the
 * electrodes, with a margin. */
static double
scalp_extent (const ScmmFigure *figure)
{
  double extent = 1.0;

  for (guint i = 0; i < figure->outline_xy->len; i++)
    {
      double v = fabs (g_array_index (figure->outline_xy, double, i));

      if (isfinite (v))
        extent = MAX (extent, v);
    }
  for (int i = 0; i < 2 * figure->n_electrodes; i++)
    if (isfinite (figure->electrode_xy[i]))
      extent = MAX (extent, fabs (figure->electrode_xy[i]));
  return extent * EXTENT_MARGIN;
}

static double
electrode_x (const ScmmFigure *figure,
             const Layout     *layout,
             int               i)
{
  return scmm_figure_layout_map_x (layout, figure->electrode_xy[2 * i]);
}

static double
electrode_y (const ScmmFigure *figure,
             const Layout     *layout,
             int               i)
{
  return scmm_figure_layout_map_y (layout, figure->electrode_xy[2 * i + 1]);
}

/* The dots' size, and the names' when they fit under their dots without
 * touching a neighbour's (0 when they do not, at a legible size). */
static void
layout_electrodes (const ScmmFigure *figure,
                   PangoContext     *pango,
                   Layout           *layout)
{
  double closest = G_MAXDOUBLE, widest = 0;
  double size = layout->tick_size * 0.75;

  for (int i = 0; i < figure->n_electrodes; i++)
    for (int j = i + 1; j < figure->n_electrodes; j++)
      closest = MIN (closest, hypot (electrode_x (figure, layout, i) - electrode_x (figure, layout, j),
                                     electrode_y (figure, layout, i) - electrode_y (figure, layout, j)));

  layout->electrode_radius = MIN (2.5 * layout->scale, MAX (1.5, closest / 5));
  layout->electrode_text_size = 0;
  if (figure->electrode_names == NULL)
    return;

  for (int i = 0; i < figure->n_electrodes; i++)
    widest = MAX (widest, scmm_figure_text_measure_width (pango, figure->electrode_names[i], FALSE, size,
                                                          FALSE, 0));
  if (widest + layout->gap > closest)
    size *= closest / (widest + layout->gap);
  if (size >= MAX (7.0, 6.5 * layout->scale))
    layout->electrode_text_size = size;
}

void
scmm_figure_layout_scalp (const ScmmFigure *figure,
                          PangoContext     *pango,
                          double            width,
                          double            height,
                          double            top,
                          Layout           *layout)
{
  double extent, available_w, available_h, side, right, disc_top, disc_bottom;

  layout->has_data = figure->values != NULL && figure->rows > 0;
  if (!layout->has_data)
    return;

  extent = scalp_extent (figure);
  layout->x_lo = layout->y_lo = -extent;
  layout->x_hi = layout->y_hi = extent;
  scmm_figure_layout_value_range (figure, &layout->vmin, &layout->vmax);

  /* The colorbar is as tall as the map's disc: 1 / extent of the square. */
  available_h = MAX (10, height - top - layout->pad);
  scmm_figure_layout_colorbar_ticks (pango, available_h / extent, layout);
  right = layout->pad + scmm_figure_layout_colorbar_room (figure, pango, layout);
  available_w = MAX (10, width - layout->pad - right);

  side = MIN (available_w, available_h);
  layout->plot.x = round (layout->pad + (available_w - side) / 2);
  layout->plot.y = round (top + (available_h - side) / 2);
  layout->plot.w = layout->plot.h = round (side);

  scmm_figure_layout_colorbar_ticks (pango, layout->plot.h / extent, layout);
  disc_top = round (scmm_figure_layout_map_y (layout, 1.0));
  disc_bottom = round (scmm_figure_layout_map_y (layout, -1.0));
  scmm_figure_layout_colorbar_place (layout, disc_top, disc_bottom - disc_top);

  layout_electrodes (figure, pango, layout);
}

Box
scmm_figure_layout_scalp_square (const Layout *layout)
{
  double x0 = scmm_figure_layout_map_x (layout, -1), x1 = scmm_figure_layout_map_x (layout, 1);
  double y0 = scmm_figure_layout_map_y (layout, 1), y1 = scmm_figure_layout_map_y (layout, -1);

  return (Box) { x0, y0, x1 - x0, y1 - y0 };
}

/* The map's value at (u, v) in its coordinates: the cell's there, NAN
 * outside the disc or in a cell without one. */
double
scmm_figure_layout_scalp_value_at (const ScmmFigure *figure,
                                   double            u,
                                   double            v)
{
  int size = figure->rows;
  int row, col;

  if (!(u * u + v * v <= 1.0))
    return NAN;
  col = CLAMP ((int) floor ((u + 1) / 2 * size), 0, size - 1);
  row = CLAMP ((int) floor ((1 - v) / 2 * size), 0, size - 1);
  return figure->values[(gsize) row * (gsize) size + (gsize) col];
}

/* The electrode nearest (x, y) within `radius` pixels, or -1. */
static int
nearest_electrode (const ScmmFigure *figure,
                   const Layout     *layout,
                   double            x,
                   double            y,
                   double            radius)
{
  double best = radius * radius;
  int nearest = -1;

  for (int i = 0; i < figure->n_electrodes; i++)
    {
      double dx = electrode_x (figure, layout, i) - x;
      double dy = electrode_y (figure, layout, i) - y;

      if (dx * dx + dy * dy <= best)
        {
          best = dx * dx + dy * dy;
          nearest = i;
        }
    }
  return nearest;
}

/* "electrode Fp1: 3.05": its value as given, else (none given, or NaN)
 * the map's under it. */
static char *
describe_electrode (const ScmmFigure *figure,
                    int               i)
{
  g_autofree char *name = figure->electrode_names != NULL && figure->electrode_names[i][0] != '\0'
                          ? g_strdup (figure->electrode_names[i])
                          : g_strdup_printf ("%d", i);
  double value = figure->electrode_values != NULL ? figure->electrode_values[i] : NAN;

  if (isnan (value))
    value = scmm_figure_layout_scalp_value_at (figure, figure->electrode_xy[2 * i], figure->electrode_xy[2 * i + 1]);

  if (isnan (value))
    return g_strdup_printf (_("electrode %s"), name);
  return g_strdup_printf (_("electrode %s: %.4g"), name, value);
}

/* The map's value under (x, y) ("DE (nats): 3.12"), and the nearest
 * electrode's when the point is close to one ("...; electrode Fp1: 3.05"). */
char *
scmm_figure_layout_scalp_describe (const ScmmFigure *figure,
                                   const Layout     *layout,
                                   double            x,
                                   double            y)
{
  const Box *plot = &layout->plot;
  double u = layout->x_lo + (x - plot->x) / plot->w * (layout->x_hi - layout->x_lo);
  double v = layout->y_hi - (y - plot->y) / plot->h * (layout->y_hi - layout->y_lo);
  double value = scmm_figure_layout_scalp_value_at (figure, u, v);
  int electrode = nearest_electrode (figure, layout, x, y, MAX (6.0, 5.0 * layout->scale));
  g_autofree char *map_text = NULL;
  g_autofree char *electrode_text = NULL;

  if (!isnan (value))
    map_text = g_strdup_printf ("%s: %.4g",
                                scmm_figure_has_text (figure->colorbar_label) ? figure->colorbar_label : _("value"),
                                value);
  if (electrode >= 0)
    electrode_text = describe_electrode (figure, electrode);

  if (map_text != NULL && electrode_text != NULL)
    return g_strdup_printf ("%s; %s", map_text, electrode_text);
  if (map_text != NULL)
    return g_steal_pointer (&map_text);
  return g_steal_pointer (&electrode_text);
}
