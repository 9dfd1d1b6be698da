/* scmm-figure-draw-marks.c: a heatmap's marked regions and selected row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Marked regions (S's original and masked quadrants) are white outlines on
 * a dark halo, so that they read on any colour of the colormap, on the
 * cells' boundaries, with their label in a small box in their top-left
 * corner. The selected row is a band outlined in the highlight colour just
 * outside the row, so that its own cells stay as they are.
 */

#include <math.h>

#include "gl/scmm-figure-private.h"

/* The part of [first, first + count) inside [0, limit), as [*lo, *hi);
 * FALSE when it is empty. */
static gboolean
clip_span (int  first,
           int  count,
           int  limit,
           int *lo,
           int *hi)
{
  *lo = MAX (first, 0);
  *hi = (int) MIN ((gint64) first + count, (gint64) limit);
  return *lo < *hi;
}

/* The device box of the cells [r0, r1) x [c0, c1), on whole pixels. */
static Box
cells_box (const Layout *layout,
           int           r0,
           int           r1,
           int           c0,
           int           c1)
{
  double x0 = round (scmm_figure_layout_map_x (layout, c0));
  double x1 = round (scmm_figure_layout_map_x (layout, c1));
  double y0 = round (scmm_figure_layout_map_y (layout, r0));
  double y1 = round (scmm_figure_layout_map_y (layout, r1));

  return (Box) { x0, y0, x1 - x0, y1 - y0 };
}

static void
draw_rect_label (cairo_t      *cr,
                 PangoContext *pango,
                 const Layout *layout,
                 const Box    *box,
                 const char   *label)
{
  double size = layout->tick_size * 0.85;
  double inset = layout->gap * 0.6;
  g_autoptr(PangoLayout) text = NULL;
  double w, h;

  text = scmm_figure_text_make (pango, label, FALSE, size, TRUE, MAX (box->w - 4 * inset, 1));
  scmm_figure_text_size (text, &w, &h);
  if (w + 2 * inset > box->w || h + 2 * inset > box->h)
    return;

  cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
  cairo_rectangle (cr, box->x + inset, box->y + inset, w + 2 * inset, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  scmm_figure_text_show (cr, text, box->x + 2 * inset, box->y + inset, ALIGN_START, ALIGN_START, FALSE);
}

static void
draw_rects (const ScmmFigure *figure,
            cairo_t          *cr,
            PangoContext     *pango,
            const Layout     *layout)
{
  double lw = MAX (1.0, round (1.5 * layout->scale));

  for (guint i = 0; i < figure->heatmap_rects->len; i++)
    {
      const HeatmapRect *rect = &g_array_index (figure->heatmap_rects, HeatmapRect, i);
      int r0, r1, c0, c1;
      double x0, y0, x1, y1;
      Box box;

      if (!clip_span (rect->row0, rect->rows, figure->rows, &r0, &r1) ||
          !clip_span (rect->col0, rect->cols, figure->cols, &c0, &c1))
        continue;

      box = cells_box (layout, r0, r1, c0, c1);
      /* The white line on the boundary, on whole pixels; the halo is a
       * pixel outside and inside it. */
      x0 = scmm_figure_draw_snap (box.x, lw);
      y0 = scmm_figure_draw_snap (box.y, lw);
      x1 = scmm_figure_draw_snap (box.x + box.w, lw);
      y1 = scmm_figure_draw_snap (box.y + box.h, lw);
      cairo_set_line_width (cr, lw + 2);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_stroke (cr);
      cairo_set_line_width (cr, lw);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_stroke (cr);

      if (scmm_figure_has_text (rect->label))
        draw_rect_label (cr, pango, layout, &box, rect->label);
    }
}

static void
draw_selected_row (const ScmmFigure *figure,
                   cairo_t          *cr,
                   const Layout     *layout)
{
  int row = figure->selected_row;
  double lw = MAX (2.0, round (2.0 * layout->scale));
  double out = lw / 2;
  Box box;

  if (row < 0 || row >= figure->rows)
    return;

  box = cells_box (layout, row, row + 1, 0, figure->cols);
  /* Just outside the row, a white rim inside the coloured line. */
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, box.x - 0.5, box.y - 0.5, box.w + 1, box.h + 1);
  cairo_stroke (cr);
  cairo_set_line_width (cr, lw);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_highlight);
  cairo_rectangle (cr, box.x - 1 - out, box.y - 1 - out, box.w + 2 + lw, box.h + 2 + lw);
  cairo_stroke (cr);
}

void
scmm_figure_draw_heatmap_marks (const ScmmFigure *figure,
                                cairo_t          *cr,
                                PangoContext     *pango,
                                const Layout     *layout)
{
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  draw_rects (figure, cr, pango, layout);
  draw_selected_row (figure, cr, layout);
  cairo_restore (cr);
}
