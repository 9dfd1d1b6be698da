/* scmm-figure-draw-lines.c: a line plot drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid at the major ticks, the series clipped to the plot (breaks at
 * NaN, a dot for a lone point), the axes and the legend; the grid, the
 * axes and the legend serve scatter plots and bar charts too.
 */

#include "gl/scmm-figure-private.h"

/* The palette's colour; past its end, the colours again, dashed. */
static void
set_series_style (cairo_t *cr,
                  guint    series,
                  double   line_width)
{
  guint n = scmm_figure_theme_n_line_colours;

  scmm_figure_theme_set_source (cr, &scmm_figure_theme_line_palette[series % n]);
  if ((series / n) % 2 == 1)
    {
      const double dashes[] = { line_width * 3, line_width * 2.5 };

      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
    }
  else
    {
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

void
scmm_figure_draw_grid_lines (cairo_t      *cr,
                             const Layout *layout,
                             gboolean      vertical)
{
  const Box *plot = &layout->plot;
  double lw = layout->line_width;

  cairo_set_line_width (cr, lw);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_grid);
  for (int i = 0; vertical && i < layout->x_ticks.n; i++)
    {
      double x = scmm_figure_draw_snap (scmm_figure_layout_map_x (layout, layout->x_ticks.pos[i]), lw);

      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->h);
    }
  for (int i = 0; i < layout->y_ticks.n; i++)
    {
      double y = scmm_figure_draw_snap (scmm_figure_layout_map_y (layout, layout->y_ticks.pos[i]), lw);

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->w, y);
    }
  cairo_stroke (cr);
}

void
scmm_figure_draw_axis_lines (cairo_t      *cr,
                             const Layout *layout)
{
  const Box *plot = &layout->plot;
  double lw = layout->line_width;

  cairo_set_line_width (cr, lw);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_axis);
  cairo_move_to (cr, scmm_figure_draw_snap (plot->x, lw), plot->y);
  cairo_line_to (cr, scmm_figure_draw_snap (plot->x, lw), scmm_figure_draw_snap (plot->y + plot->h, lw));
  cairo_line_to (cr, plot->x + plot->w, scmm_figure_draw_snap (plot->y + plot->h, lw));
  cairo_stroke (cr);
}

/* A series' swatch: a short line in its style. */
static void
line_swatch (cairo_t      *cr,
             const Layout *layout,
             const Series *series,
             guint         index,
             double        x,
             double        y,
             double        width)
{
  double line_w = 2.0 * layout->scale;

  set_series_style (cr, index, line_w);
  cairo_set_line_width (cr, line_w * 1.25);
  cairo_move_to (cr, x + line_w, y);
  cairo_line_to (cr, x + width - line_w, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

void
scmm_figure_draw_legend (cairo_t         *cr,
                         PangoContext    *pango,
                         const Layout    *layout,
                         const GPtrArray *all,
                         LegendSwatch     swatch)
{
  double swatch_w = 22 * layout->scale;

  if (!layout->has_legend)
    return;

  for (guint s = 0; s < all->len; s++)
    {
      const LegendEntry *entry = &g_array_index (layout->legend_entries, LegendEntry, s);
      const Series *series = g_ptr_array_index (all, s);
      char buffer[32];
      const char *name = scmm_figure_layout_series_name (series, (int) s, buffer, sizeof buffer);
      g_autoptr(PangoLayout) text = scmm_figure_text_make (pango, name, FALSE, layout->tick_size, FALSE,
                                                           entry->text_width + 1);

      swatch (cr, layout, series, s, entry->x, entry->y, swatch_w);
      scmm_figure_theme_set_source (cr, &scmm_figure_theme_text);
      scmm_figure_text_show (cr, text, entry->x + swatch_w + layout->gap * 1.5, entry->y,
                             ALIGN_START, ALIGN_CENTRE, FALSE);
    }
}

void
scmm_figure_draw_clip_to (cairo_t   *cr,
                          const Box *box)
{
  cairo_save (cr);
  cairo_rectangle (cr, box->x, box->y, box->w, box->h);
  cairo_clip (cr);
}

void
scmm_figure_draw_xy (const ScmmFigure *figure,
                     cairo_t          *cr,
                     PangoContext     *pango,
                     const Layout     *layout,
                     gboolean          vertical_grid,
                     XyData            data,
                     XyData            over,
                     const GPtrArray  *legend,
                     LegendSwatch      swatch)
{
  scmm_figure_draw_grid_lines (cr, layout, vertical_grid);

  scmm_figure_draw_clip_to (cr, &layout->plot);
  data (figure, cr, layout);
  cairo_restore (cr);

  if (over != NULL)
    over (figure, cr, layout);
  scmm_figure_draw_axis_lines (cr, layout);
  scmm_figure_draw_ticks (cr, pango, layout);
  if (legend != NULL)
    scmm_figure_draw_legend (cr, pango, layout, legend, swatch);
}

/* The series, breaks at NaN, a dot for a lone point. */
static void
draw_series (const ScmmFigure *figure,
             cairo_t          *cr,
             const Layout     *layout)
{
  double line_w = 2.0 * layout->scale;

  cairo_set_line_width (cr, line_w);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint s = 0; s < figure->lines->len; s++)
    {
      const Series *series = g_ptr_array_index (figure->lines, s);
      double last_x = 0, last_y = 0;
      int run = 0;

      set_series_style (cr, s, line_w);
      for (guint i = 0; i <= series->x->len; i++)
        {
          double u, v;
          PointState state = i < series->x->len
                             ? scmm_figure_layout_series_point (series, i, layout->y_log, &u, &v)
                             : POINT_BREAK;

          if (state == POINT_SKIP)
            continue;
          if (state == POINT_BREAK)
            {
              /* A point alone between breaks: a dot, or it would not show. */
              if (run == 1)
                {
                  cairo_new_path (cr);
                  cairo_arc (cr, last_x, last_y, line_w * 1.25, 0, 2 * G_PI);
                  cairo_fill (cr);
                }
              else if (run > 1)
                {
                  cairo_stroke (cr);
                }
              run = 0;
              continue;
            }

          last_x = scmm_figure_layout_map_x (layout, u);
          last_y = scmm_figure_layout_map_y (layout, v);
          if (run == 0)
            cairo_move_to (cr, last_x, last_y);
          else
            cairo_line_to (cr, last_x, last_y);
          run++;
          /* Stroke long runs in pieces: cairo's tessellation is quadratic
           * in a self-crossing path's length. */
          if (run % 4096 == 0)
            {
              cairo_stroke (cr);
              cairo_move_to (cr, last_x, last_y);
            }
        }
    }
}

void
scmm_figure_draw_lines (const ScmmFigure *figure,
                        cairo_t          *cr,
                        PangoContext     *pango,
                        const Layout     *layout)
{
  scmm_figure_draw_xy (figure, cr, pango, layout, TRUE, draw_series, NULL, figure->lines, line_swatch);
}
