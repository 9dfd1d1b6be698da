/* scmm-figure-layout-lines.c: the layout of a line plot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data's range (padded, at least a minimum span, with the ends the
 * caller fixed), the ticks of both axes, and the legend: a column right of
 * the plot, or rows under the title when that would squeeze the plot.
 */

#include <math.h>

#include <glib/gi18n.h>

#include "gl/scmm-figure-private.h"

/* A point of a series in axis units; PointState (scmm-figure-private.h)
 * tells when it is not drawn. */
PointState
scmm_figure_layout_series_point (const Series *series,
                                 guint         i,
                                 gboolean      y_log,
                                 double       *u,
                                 double       *v)
{
  double x = g_array_index (series->x, double, i);
  double y = g_array_index (series->y, double, i);

  if (!isfinite (x) || !isfinite (y))
    return POINT_BREAK;
  if (y_log && y <= 0)
    return POINT_SKIP;

  *u = x;
  *v = y_log ? log10 (y) : y;
  return POINT_OK;
}

/* The data's range in axis units; FALSE when there is no point to draw.
 * *integral_x tells whether every x is a whole number (epochs, steps):
 * their axis then has no ticks between them. */
static gboolean
lines_range (const ScmmFigure *figure,
             double            range[4],
             gboolean         *integral_x)
{
  gboolean y_log = figure->y_scale == SCMM_SCALE_LOG;
  gboolean any = FALSE;

  *integral_x = TRUE;

  range[0] = range[2] = G_MAXDOUBLE;
  range[1] = range[3] = -G_MAXDOUBLE;

  for (guint s = 0; s < figure->lines->len; s++)
    {
      const Series *series = g_ptr_array_index (figure->lines, s);

      for (guint i = 0; i < series->x->len; i++)
        {
          double u, v;

          if (scmm_figure_layout_series_point (series, i, y_log, &u, &v) != POINT_OK)
            continue;
          range[0] = MIN (range[0], u);
          range[1] = MAX (range[1], u);
          range[2] = MIN (range[2], v);
          range[3] = MAX (range[3], v);
          *integral_x = *integral_x && u == floor (u);
          any = TRUE;
        }
    }

  return any;
}

/* The smallest span of an automatic y range, as a fraction of the data's
 * magnitude (on a log axis, of the ratio of its ends): an accuracy that
 * wanders between 49.2 % and 49.7 % fills a fifth of the height, not all of
 * it, so that noise does not read as a trend. */
#define MIN_RELATIVE_Y_SPAN 0.05

/* An end of the y range the caller fixed, in axis units; NAN when the
 * data decide it. */
static double
fixed_y_end (double   value,
             gboolean y_log)
{
  if (!y_log)
    return value;
  return value > 0 ? log10 (value) : NAN;
}

/* The y range in axis units for data in [data_lo, data_hi]: padded, at
 * least MIN_RELATIVE_Y_SPAN wide, with the ends the caller fixed. */
static void
lines_y_range (const ScmmFigure *figure,
               double            data_lo,
               double            data_hi,
               double           *lo,
               double           *hi)
{
  gboolean y_log = figure->y_scale == SCMM_SCALE_LOG;
  double fixed_lo = fixed_y_end (figure->y_min, y_log);
  double fixed_hi = fixed_y_end (figure->y_max, y_log);
  double min_span = y_log ? log10 (1.0 + MIN_RELATIVE_Y_SPAN)
                          : MIN_RELATIVE_Y_SPAN * MAX (fabs (data_lo), fabs (data_hi));
  double span = data_hi - data_lo;

  *lo = data_lo;
  *hi = data_hi;
  /* A single value keeps scmm_figure_layout_pad_range's wider margin. */
  if (span > fabs (data_hi) * 1e-12 && span < min_span)
    {
      double middle = (data_lo + data_hi) / 2;

      *lo = middle - min_span / 2;
      *hi = middle + min_span / 2;
    }
  scmm_figure_layout_pad_range (lo, hi, 0.05, y_log ? 0.5 : 0);
  span = *hi - *lo;

  /* Data wholly beyond a fixed end (all below a fixed lower end): the
   * free end goes the automatic range's span away from it. */
  if (!isnan (fixed_lo))
    *lo = fixed_lo;
  if (!isnan (fixed_hi))
    *hi = fixed_hi;
  if (*hi <= *lo)
    {
      if (isnan (fixed_hi))
        *hi = *lo + span;
      else
        *lo = *hi - span;
    }
}

const char *
scmm_figure_layout_series_name (const Series *series,
                                int           index,
                                char         *buffer,
                                gsize         size)
{
  if (scmm_figure_has_text (series->name))
    return series->name;
  g_snprintf (buffer, size, _("Series %d"), index + 1);
  return buffer;
}

/* Measures the legend and places it: in a column on the right when it
 * takes at most a quarter of the width (its entries are then positioned
 * once the plot is), else in rows flowing under the title. Returns the top
 * of what remains. */
static double
layout_legend (const ScmmFigure *figure,
               PangoContext     *pango,
               double            width,
               double            top,
               Layout           *layout)
{
  double gap = layout->gap;
  double swatch = 22 * layout->scale;
  double available = width - 2 * layout->pad;
  double widest = 0, x, y;

  layout->legend_row = scmm_figure_text_line_height (pango, layout->tick_size, FALSE) * 1.35;
  layout->legend_entries = g_array_sized_new (FALSE, TRUE, sizeof (LegendEntry), figure->lines->len);
  g_array_set_size (layout->legend_entries, figure->lines->len);

  for (guint i = 0; i < figure->lines->len; i++)
    {
      LegendEntry *entry = &g_array_index (layout->legend_entries, LegendEntry, i);
      char buffer[32];
      const char *name = scmm_figure_layout_series_name (g_ptr_array_index (figure->lines, i), (int) i,
                                                         buffer, sizeof buffer);

      entry->text_width = scmm_figure_text_measure_width (pango, name, FALSE, layout->tick_size, FALSE,
                                                          width * 0.28);
      widest = MAX (widest, entry->text_width);
    }

  layout->legend.w = swatch + gap * 1.5 + widest;
  layout->legend.h = layout->legend_row * figure->lines->len;
  layout->legend_on_top = layout->legend.w + 4 * gap > width * 0.25;
  if (!layout->legend_on_top)
    return top;

  /* Rows: entries left to right, centred, as many as fit in each. */
  x = 0;
  y = top + layout->legend_row / 2;
  {
    guint row_start = 0;

    for (guint i = 0; i <= figure->lines->len; i++)
      {
        LegendEntry *entry = i < figure->lines->len ? &g_array_index (layout->legend_entries, LegendEntry, i) : NULL;
        double entry_w = 0;

        if (entry != NULL)
          {
            char buffer[32];
            const char *name = scmm_figure_layout_series_name (g_ptr_array_index (figure->lines, i), (int) i,
                                                               buffer, sizeof buffer);

            entry->text_width = scmm_figure_text_measure_width (pango, name, FALSE, layout->tick_size, FALSE,
                                                                available - swatch - gap * 1.5);
            entry_w = swatch + gap * 1.5 + entry->text_width;
          }

        /* The row is full (or the entries are done): centre it. */
        if (entry == NULL || (i > row_start && x + entry_w > available))
          {
            double row_w = x - 4 * gap;
            double shift = layout->pad + (available - row_w) / 2;

            for (guint j = row_start; j < i; j++)
              g_array_index (layout->legend_entries, LegendEntry, j).x += shift;
            if (entry == NULL)
              break;
            row_start = i;
            x = 0;
            y += layout->legend_row;
          }

        entry->x = x;
        entry->y = y;
        x += entry_w + 4 * gap;
      }
  }

  return y + layout->legend_row / 2 + gap;
}

void
scmm_figure_layout_lines (const ScmmFigure *figure,
                          PangoContext     *pango,
                          double            width,
                          double            height,
                          double            top,
                          Layout           *layout)
{
  double s = layout->scale;
  double gap = layout->gap;
  double range[4];
  double tick_h = scmm_figure_text_line_height (pango, layout->tick_size, FALSE);
  double label_h = scmm_figure_text_line_height (pango, layout->label_size, FALSE);
  double bottom, left, right, last_half = 0, first_half = 0;
  gboolean integral_x;

  layout->y_log = figure->y_scale == SCMM_SCALE_LOG;
  layout->has_data = lines_range (figure, range, &integral_x);
  if (!layout->has_data)
    return;

  layout->x_lo = range[0];
  layout->x_hi = range[1];
  scmm_figure_layout_pad_range (&layout->x_lo, &layout->x_hi, 0.02, 0.5);
  lines_y_range (figure, range[2], range[3], &layout->y_lo, &layout->y_hi);

  /* The legend: a column right of the plot, or, when that would squeeze
   * the plot, rows under the title. */
  right = layout->pad;
  layout->has_legend = figure->lines->len >= 2;
  if (layout->has_legend)
    top = layout_legend (figure, pango, width, top, layout);
  if (layout->has_legend && !layout->legend_on_top)
    right += layout->legend.w + 4 * gap;

  /* Vertical: title, half a tick label above the plot, the x axis below. */
  top += tick_h / 2;
  bottom = layout->tick_len + gap + tick_h + layout->pad;
  if (scmm_figure_has_text (figure->x_label))
    bottom += gap + label_h;
  layout->plot.y = round (top);
  layout->plot.h = round (MAX (10, height - top - bottom));

  {
    TickSpace space = scmm_figure_layout_tick_space (layout, pango, layout->plot.h, 40 * s, FALSE);

    if (layout->y_log)
      scmm_figure_ticks_log (&layout->y_ticks, &space, layout->y_lo, layout->y_hi);
    else
      scmm_figure_ticks_linear (&layout->y_ticks, &space, layout->y_lo, layout->y_hi, 0);
  }
  layout->y_tick_width = layout->y_ticks.extent;

  left = layout->pad + layout->y_tick_width + gap + layout->tick_len;
  if (scmm_figure_has_text (figure->y_label))
    left += label_h + gap * 1.5;

  /* x ticks twice: the first pass tells how far the outer labels reach
   * beyond the plot's sides. */
  for (int pass = 0; pass < 2; pass++)
    {
      double plot_w = MAX (10, width - MAX (left, layout->pad + first_half) - right - last_half);
      TickSpace space = scmm_figure_layout_tick_space (layout, pango, plot_w, 80 * s, TRUE);

      scmm_figure_ticks_linear (&layout->x_ticks, &space, layout->x_lo, layout->x_hi, integral_x ? 1.0 : 0.0);
      if (layout->x_ticks.n > 0)
        {
          double first_x = (layout->x_ticks.pos[0] - layout->x_lo) / (layout->x_hi - layout->x_lo) * plot_w;
          double last_x = (layout->x_hi - layout->x_ticks.pos[layout->x_ticks.n - 1]) /
                          (layout->x_hi - layout->x_lo) * plot_w;
          double first_w = scmm_figure_text_measure_width (pango, layout->x_ticks.markup[0], TRUE,
                                                           layout->tick_size, FALSE, 0);
          double last_w = scmm_figure_text_measure_width (pango, layout->x_ticks.markup[layout->x_ticks.n - 1], TRUE,
                                                          layout->tick_size, FALSE, 0);

          first_half = MAX (0, first_w / 2 - first_x);
          last_half = MAX (0, last_w / 2 - last_x);
        }
    }

  left = MAX (left, layout->pad + first_half);
  layout->plot.x = round (left);
  layout->plot.w = round (MAX (10, width - left - right - last_half));

  if (layout->has_legend && !layout->legend_on_top)
    {
      layout->legend.x = layout->plot.x + layout->plot.w + last_half + 3 * gap;
      layout->legend.y = layout->plot.y;
      for (guint i = 0; i < layout->legend_entries->len; i++)
        {
          LegendEntry *entry = &g_array_index (layout->legend_entries, LegendEntry, i);

          entry->x = layout->legend.x;
          entry->y = layout->legend.y + layout->legend_row * (i + 0.5);
        }
    }
}
