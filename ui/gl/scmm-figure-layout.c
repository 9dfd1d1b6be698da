/* scmm-figure-layout.c: where a figure's parts go, for drawing and describe_at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One layout pass (scmm_figure_layout_compute) places the title, the plot,
 * its ticks and labels, the legend or the colorbar. The renderer,
 * scmm_figure_describe_at and scmm_figure_get_tick_labels all read the same
 * Layout, so a point maps back to exactly what was drawn; the last one
 * computed is kept for the next question about the same size. Each kind's
 * own pass is in a file of its own (scmm-figure-layout-lines.c, -grid.c,
 * -scalp.c, -scatter.c, -bars.c).
 *
 * Sizes (fonts, margins, line widths) are in device units times a scale that
 * grows with the figure's area, so an export at twice the size looks like the
 * screen's, only sharper.
 */

#include <math.h>

#include "gl/scmm-figure-private.h"

void
scmm_figure_layout_free (Layout *layout)
{
  g_clear_pointer (&layout->legend_entries, g_array_unref);
  scmm_figure_ticks_clear (&layout->x_ticks);
  scmm_figure_ticks_clear (&layout->y_ticks);
  scmm_figure_ticks_clear (&layout->c_ticks);
  g_free (layout->x_label);
  g_free (layout->y_label);
  g_free (layout);
}

TickSpace
scmm_figure_layout_tick_space (const Layout *layout,
                               PangoContext *pango,
                               double        length,
                               double        spacing,
                               gboolean      horizontal)
{
  return (TickSpace) { pango, length, spacing, horizontal, layout->tick_size, layout->gap };
}

double
scmm_figure_layout_map_x (const Layout *layout,
                          double        u)
{
  return layout->plot.x + (u - layout->x_lo) / (layout->x_hi - layout->x_lo) * layout->plot.w;
}

double
scmm_figure_layout_map_y (const Layout *layout,
                          double        u)
{
  double t = (u - layout->y_lo) / (layout->y_hi - layout->y_lo);

  return layout->y_down ? layout->plot.y + t * layout->plot.h
                        : layout->plot.y + layout->plot.h - t * layout->plot.h;
}

/* Widens [*lo, *hi] by `fraction` of its span on each side. A single value
 * gets `empty_half_width` on each side, or 10 % of itself when that is 0. */
void
scmm_figure_layout_pad_range (double *lo,
                              double *hi,
                              double  fraction,
                              double  empty_half_width)
{
  double span = *hi - *lo;

  if (span <= fabs (*hi) * 1e-12)
    {
      double half = empty_half_width > 0 ? empty_half_width : *hi != 0 ? fabs (*hi) * 0.1 : 0.5;

      *lo -= half;
      *hi += half;
      return;
    }
  *lo -= span * fraction;
  *hi += span * fraction;
}

/* Title at the top; returns the top of what remains. */
static double
layout_title (const ScmmFigure *figure,
              PangoContext     *pango,
              Layout           *layout)
{
  layout->title_y = layout->pad;
  if (!scmm_figure_has_text (figure->title))
    return layout->pad;
  return layout->pad + scmm_figure_text_line_height (pango, layout->title_size, TRUE) + layout->gap * 1.5;
}

void
scmm_figure_layout_compute (const ScmmFigure *figure,
                            PangoContext     *pango,
                            double            width,
                            double            height,
                            Layout           *layout)
{
  double s = CLAMP (sqrt (MAX (width, 1) * MAX (height, 1)) / 560.0, 0.9, 2.5);
  double top;

  layout->scale = s;
  layout->pad = 12 * s;
  layout->gap = 5 * s;
  layout->tick_len = 5 * s;
  layout->tick_size = 12 * s;
  layout->label_size = 13 * s;
  layout->title_size = 15.5 * s;
  layout->line_width = MAX (1.0, round (s));
  layout->x_lo = 0;
  layout->x_hi = 1;
  layout->y_lo = 0;
  layout->y_hi = 1;

  top = layout_title (figure, pango, layout);
  layout->area = (Box) { 0, top, width, MAX (0, height - top) };

  switch (figure->kind)
    {
    case SCMM_FIGURE_LINES:
      scmm_figure_layout_lines (figure, pango, width, height, top, layout);
      break;

    case SCMM_FIGURE_HEATMAP:
    case SCMM_FIGURE_CONFUSION:
      scmm_figure_layout_grid (figure, pango, width, height, top, layout);
      break;

    case SCMM_FIGURE_SCALP_MAP:
      scmm_figure_layout_scalp (figure, pango, width, height, top, layout);
      break;

    case SCMM_FIGURE_SCATTER:
      scmm_figure_layout_scatter (figure, pango, width, height, top, layout);
      break;

    case SCMM_FIGURE_BARS:
      scmm_figure_layout_bars (figure, pango, width, height, top, layout);
      break;

    case SCMM_FIGURE_EMPTY:
    default:
      layout->has_data = FALSE;
      break;
    }

  /* The axes' labels as set, unless the kind's pass resolved its own (a
   * confusion matrix's defaults); a scalp map has no axes. */
  if (layout->x_label == NULL && layout->y_label == NULL && figure->kind != SCMM_FIGURE_SCALP_MAP)
    {
      layout->x_label = g_strdup (figure->x_label);
      layout->y_label = g_strdup (figure->y_label);
    }
}

/* The layout of a width x height drawing, kept for the next call: a
 * tooltip asks many times for the same figure at the same size. */
const Layout *
scmm_figure_layout_cached (const ScmmFigure *figure,
                           double            width,
                           double            height)
{
  ScmmFigure *cache = (ScmmFigure *) figure;   /* the layout cache only */

  if (cache->describe_layout == NULL || cache->describe_revision != figure->revision ||
      cache->describe_width != width || cache->describe_height != height)
    {
      PangoContext *pango = scmm_figure_text_create_context (NULL);

      g_clear_pointer (&cache->describe_layout, scmm_figure_layout_free);
      cache->describe_layout = g_new0 (Layout, 1);
      scmm_figure_layout_compute (figure, pango, width, height, cache->describe_layout);
      g_object_unref (pango);
      cache->describe_revision = figure->revision;
      cache->describe_width = width;
      cache->describe_height = height;
    }
  return cache->describe_layout;
}
