/* scmm-figure-draw-bars.c: a bar chart drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Horizontal grid lines, the bars from the zero baseline (the highlighted
 * ones in the highlight colour, drawn over the others' colour), clipped to
 * the plot, the baseline, the axes and the ticks. Where each bar goes
 * (scmm_figure_layout_bar_box) is on whole pixels, so that the bars are
 * filled without antialiasing and stay sharp; OpenGL draws the same boxes
 * (scmm-gl-marks.c).
 */

#include <math.h>

#include "gl/scmm-figure-private.h"

/* Adds the path of the bars that are (or are not) highlighted. */
static void
bars_path (const ScmmFigure *figure,
           cairo_t          *cr,
           const Layout     *layout,
           gboolean          highlighted)
{
  for (int i = 0; i < figure->n_bars; i++)
    {
      Box box;

      if (scmm_figure_layout_bar_highlighted (figure, i) == highlighted &&
          scmm_figure_layout_bar_box (figure, layout, i, &box))
        cairo_rectangle (cr, box.x, box.y, box.w, box.h);
    }
}

void
scmm_figure_draw_bars_baseline (const ScmmFigure *figure,
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
  scmm_figure_draw_xy (figure, cr, pango, layout, FALSE, draw_all_bars, scmm_figure_draw_bars_baseline, NULL, NULL);
}
