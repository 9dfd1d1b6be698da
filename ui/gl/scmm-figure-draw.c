/* scmm-figure-draw.c: a figure drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One layout, then the background, the title, the panel (lines in
 * scmm-figure-draw-lines.c, heatmaps and confusion matrices in
 * scmm-figure-draw-grid.c, scalp maps, scatter plots and bar charts in
 * scmm-figure-draw-{scalp,scatter,bars}.c), the ticks and the axis labels;
 * a placeholder when there is no data.
 */

#include <math.h>

#include <glib/gi18n.h>

#include "gl/scmm-figure-private.h"

/* A coordinate on which a line of width lw falls on whole pixels. */
double
scmm_figure_draw_snap (double v,
                       double lw)
{
  return ((int) lw % 2 == 1) ? floor (v) + 0.5 : round (v);
}

static void
draw_title (const ScmmFigure *figure,
            cairo_t          *cr,
            PangoContext     *pango,
            const Layout     *layout,
            double            width)
{
  g_autoptr(PangoLayout) text = NULL;

  if (!scmm_figure_has_text (figure->title))
    return;

  text = scmm_figure_text_make (pango, figure->title, FALSE, layout->title_size, TRUE, width - 2 * layout->pad);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_text);
  scmm_figure_text_show (cr, text, width / 2, layout->title_y, ALIGN_CENTRE, ALIGN_START, FALSE);
}

static void
draw_placeholder (cairo_t      *cr,
                  PangoContext *pango,
                  const Layout *layout)
{
  g_autoptr(PangoLayout) text = scmm_figure_text_make (pango, _("No data"), FALSE, layout->label_size * 1.2, FALSE, 0);
  const Box *area = &layout->area;

  scmm_figure_theme_set_source (cr, &scmm_figure_theme_placeholder);
  scmm_figure_text_show (cr, text, area->x + area->w / 2, area->y + area->h / 2, ALIGN_CENTRE, ALIGN_CENTRE, FALSE);
}

/* Tick marks and labels below the plot (x) and left of it (y). */
void
scmm_figure_draw_ticks (cairo_t      *cr,
                        PangoContext *pango,
                        const Layout *layout)
{
  const Box *plot = &layout->plot;
  double lw = layout->line_width;
  double bottom = plot->y + plot->h;

  cairo_set_line_width (cr, lw);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_axis);
  for (int i = 0; i < layout->x_ticks.n; i++)
    {
      double x = scmm_figure_draw_snap (scmm_figure_layout_map_x (layout, layout->x_ticks.pos[i]), lw);

      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + layout->tick_len);
    }
  for (int i = 0; i < layout->y_ticks.n; i++)
    {
      double y = scmm_figure_draw_snap (scmm_figure_layout_map_y (layout, layout->y_ticks.pos[i]), lw);

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x - layout->tick_len, y);
    }
  for (int i = 0; i < layout->y_ticks.n_minor; i++)
    {
      double y = scmm_figure_draw_snap (scmm_figure_layout_map_y (layout, layout->y_ticks.minor[i]), lw);

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x - layout->tick_len * 0.6, y);
    }
  cairo_stroke (cr);

  scmm_figure_theme_set_source (cr, &scmm_figure_theme_text);
  for (int i = 0; i < layout->x_ticks.n; i++)
    {
      g_autoptr(PangoLayout) text =
        scmm_figure_text_make (pango, layout->x_ticks.markup[i], TRUE, layout->tick_size, FALSE,
                               layout->y_down ? MIN (layout->max_label_width,
                                                     MAX (plot->w / 2, 40 * layout->scale)) : 0);

      scmm_figure_text_show (cr, text, scmm_figure_layout_map_x (layout, layout->x_ticks.pos[i]),
                             bottom + layout->tick_len + layout->gap, ALIGN_CENTRE, ALIGN_START, FALSE);
    }
  for (int i = 0; i < layout->y_ticks.n; i++)
    {
      g_autoptr(PangoLayout) text =
        scmm_figure_text_make (pango, layout->y_ticks.markup[i], TRUE, layout->tick_size, FALSE,
                               layout->y_down ? layout->max_label_width : 0);

      scmm_figure_text_show (cr, text, plot->x - layout->tick_len - layout->gap,
                             scmm_figure_layout_map_y (layout, layout->y_ticks.pos[i]), ALIGN_END, ALIGN_CENTRE, FALSE);
    }
}

static void
draw_axis_labels (cairo_t      *cr,
                  PangoContext *pango,
                  const Layout *layout)
{
  const Box *plot = &layout->plot;
  double tick_h = scmm_figure_text_line_height (pango, layout->tick_size, FALSE);

  scmm_figure_theme_set_source (cr, &scmm_figure_theme_text);
  if (scmm_figure_has_text (layout->x_label))
    {
      g_autoptr(PangoLayout) text = scmm_figure_text_make (pango, layout->x_label, FALSE, layout->label_size, FALSE,
                                                           layout->area.w - 2 * layout->pad);

      scmm_figure_text_show (cr, text, plot->x + plot->w / 2,
                             plot->y + plot->h + layout->tick_len + layout->gap + tick_h + layout->gap,
                             ALIGN_CENTRE, ALIGN_START, FALSE);
    }
  if (scmm_figure_has_text (layout->y_label))
    {
      g_autoptr(PangoLayout) text = scmm_figure_text_make (pango, layout->y_label, FALSE, layout->label_size, FALSE,
                                                           plot->h + layout->tick_len * 4);
      double x = plot->x - layout->tick_len - layout->gap - layout->y_tick_width - layout->gap * 1.5;

      scmm_figure_text_show (cr, text, x, plot->y + plot->h / 2, ALIGN_END, ALIGN_CENTRE, TRUE);
    }
}

void
scmm_figure_draw_with_context (const ScmmFigure *figure,
                               cairo_t          *cr,
                               PangoContext     *pango,
                               double            width,
                               double            height)
{
  g_autoptr(Layout) layout = g_new0 (Layout, 1);

  scmm_figure_layout_compute (figure, pango, width, height, layout);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_background);
  cairo_paint (cr);

  draw_title (figure, cr, pango, layout, width);

  if (!layout->has_data)
    {
      draw_placeholder (cr, pango, layout);
      cairo_restore (cr);
      return;
    }

  switch (figure->kind)
    {
    case SCMM_FIGURE_LINES:
      scmm_figure_draw_lines (figure, cr, pango, layout);
      break;

    case SCMM_FIGURE_HEATMAP:
      scmm_figure_draw_heatmap (figure, cr, pango, layout);
      break;

    case SCMM_FIGURE_CONFUSION:
      scmm_figure_draw_confusion (figure, cr, pango, layout);
      break;

    case SCMM_FIGURE_SCALP_MAP:
      scmm_figure_draw_scalp (figure, cr, pango, layout);
      break;

    case SCMM_FIGURE_SCATTER:
      scmm_figure_draw_scatter (figure, cr, pango, layout);
      break;

    case SCMM_FIGURE_BARS:
      scmm_figure_draw_bars (figure, cr, pango, layout);
      break;

    case SCMM_FIGURE_EMPTY:
    default:
      break;
    }
  draw_axis_labels (cr, pango, layout);

  cairo_restore (cr);
}

/* Draws the figure, background included, into the box (0, 0, width,
 * height) of cr's user space. The cr's font options (a widget sets its
 * own) decide antialiasing and hinting; they do not move anything. */
void
scmm_figure_draw_cairo (const ScmmFigure *figure,
                        cairo_t          *cr,
                        double            width,
                        double            height)
{
  PangoContext *pango;
  cairo_font_options_t *options;

  g_return_if_fail (figure != NULL);
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;

  options = cairo_font_options_create ();
  cairo_get_font_options (cr, options);
  pango = scmm_figure_text_create_context (options);
  cairo_font_options_destroy (options);

  scmm_figure_draw_with_context (figure, cr, pango, width, height);
  g_object_unref (pango);
}
