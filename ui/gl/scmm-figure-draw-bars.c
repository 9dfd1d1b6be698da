/* scmm-figure-draw-bars.c: a bar chart drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Horizontal grid lines, the bars from the zero baseline (the highlighted
 * ones in the highlight colour, drawn over the others' colour), clipped to
 * the plot, the baseline, the axes and the ticks. A bar takes 80 % of its
 * cell, or all of it when cells are only a few pixels wide (hundreds of
 * bars), and is at least a pixel wide on whole pixels so that it stays
 * sharp; a highlighted one at least three.
 */

#include <math.h>

#include "gl/scmm-figure-private.h"

/* Whether bar i is in the highlight set. */
static gboolean
is_highlighted (const ScmmFigure *figure,
                int               i)
{
  for (guint k = 0; k < figure->bar_highlight->len; k++)
    if (g_array_index (figure->bar_highlight, int, k) == i)
      return TRUE;
  return FALSE;
}

/* Adds the path of the bars that are (or are not) highlighted. */
static void
bars_path (const ScmmFigure *figure,
           cairo_t          *cr,
           const Layout     *layout,
           gboolean          highlighted)
{
  double cell = layout->plot.w / figure->n_bars;
  double fill = cell >= 4 ? 0.8 : 1.0;
  double zero = round (scmm_figure_layout_map_y (layout, 0));
  double min_highlight = MAX (3, round (3 * layout->scale));

  for (int i = 0; i < figure->n_bars; i++)
    {
      double v = figure->bars[i];
      double x0, x1, y;

      if (!isfinite (v) || is_highlighted (figure, i) != highlighted)
        continue;
      x0 = round (scmm_figure_layout_map_x (layout, i + (1 - fill) / 2));
      x1 = MAX (x0 + 1, round (scmm_figure_layout_map_x (layout, i + 1 - (1 - fill) / 2)));
      /* A highlighted bar among hundreds stays visible: a few pixels wide,
       * over its neighbours. */
      if (highlighted && x1 - x0 < min_highlight)
        {
          double middle = scmm_figure_layout_map_x (layout, i + 0.5);

          x0 = round (middle - min_highlight / 2);
          x1 = x0 + min_highlight;
        }
      /* Within a little of the plot: a bar past a fixed end is cut there. */
      y = round (CLAMP (scmm_figure_layout_map_y (layout, v), layout->plot.y - 2,
                        layout->plot.y + layout->plot.h + 2));
      cairo_rectangle (cr, x0, MIN (y, zero), x1 - x0, fabs (y - zero));
    }
}

static void
draw_baseline (const ScmmFigure *figure,
               cairo_t          *cr,
               const Layout     *layout)
{
  double lw = layout->line_width;
  double y;

  if (layout->y_lo > 0 || layout->y_hi < 0)
    return;
  y = scmm_figure_draw_snap (scmm_figure_layout_map_y (layout, 0), lw);
  cairo_set_line_width (cr, lw);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_axis);
  cairo_move_to (cr, layout->plot.x, y);
  cairo_line_to (cr, layout->plot.x + layout->plot.w, y);
  cairo_stroke (cr);
}

/* The bars, then the highlighted ones over them. */
static void
draw_all_bars (const ScmmFigure *figure,
               cairo_t          *cr,
               const Layout     *layout)
{
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  bars_path (figure, cr, layout, FALSE);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_bar);
  cairo_fill (cr);
  bars_path (figure, cr, layout, TRUE);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_highlight);
  cairo_fill (cr);
}

void
scmm_figure_draw_bars (const ScmmFigure *figure,
                       cairo_t          *cr,
                       PangoContext     *pango,
                       const Layout     *layout)
{
  scmm_figure_draw_xy (figure, cr, pango, layout, FALSE, draw_all_bars, draw_baseline, NULL, NULL);
}
