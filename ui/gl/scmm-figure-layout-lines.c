/* scmm-figure-layout-lines.c: the layout of a line plot, and its axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data's range (padded, at least a minimum span, with the ends the
 * caller fixed), the ticks of both axes, and the legend: a column right of
 * the plot, or rows under the title when that would squeeze the plot. The
 * axes and the legend serve scatter plots and bar charts too
 * (scmm_figure_layout_xy).
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
gboolean
scmm_figure_layout_series_range (const GPtrArray *all,
                                 gboolean         y_log,
                                 double           range[4],
                                 gboolean        *integral_x)
{
  gboolean any = FALSE;

  *integral_x = TRUE;

  range[0] = range[2] = G_MAXDOUBLE;
  range[1] = range[3] = -G_MAXDOUBLE;

  for (guint s = 0; s < all->len; s++)
    {
      const Series *series = g_ptr_array_index (all, s);

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
void
scmm_figure_layout_y_range (const ScmmFigure *figure,
                            gboolean          y_log,
                            double            data_lo,
                            double            data_hi,
                            double           *lo,
                            double           *hi)
{
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
layout_legend (const GPtrArray *all,
               PangoContext    *pango,
               double           width,
               double           top,
               Layout          *layout)
{
  double gap = layout->gap;
  double swatch = 22 * layout->scale;
  double available = width - 2 * layout->pad;
  double widest = 0, x, y;

  layout->legend_row = scmm_figure_text_line_height (pango, layout->tick_size, FALSE) * 1.35;
  layout->legend_entries = g_array_sized_new (FALSE, TRUE, sizeof (LegendEntry), all->len);
  g_array_set_size (layout->legend_entries, all->len);

  for (guint i = 0; i < all->len; i++)
    {
      LegendEntry *entry = &g_array_index (layout->legend_entries, LegendEntry, i);
      char buffer[32];
      const char *name = scmm_figure_layout_series_name (g_ptr_array_index (all, i), (int) i,
                                                         buffer, sizeof buffer);

      entry->text_width = scmm_figure_text_measure_width (pango, name, FALSE, layout->tick_size, FALSE,
                                                          width * 0.28);
      widest = MAX (widest, entry->text_width);
    }

  layout->legend.w = swatch + gap * 1.5 + widest;
  layout->legend.h = layout->legend_row * all->len;
  layout->legend_on_top = layout->legend.w + 4 * gap > width * 0.25;
  if (!layout->legend_on_top)
    return top;

  /* Rows: entries left to right, centred, as many as fit in each. */
  x = 0;
  y = top + layout->legend_row / 2;
  {
    guint row_start = 0;

    for (guint i = 0; i <= all->len; i++)
      {
        LegendEntry *entry = i < all->len ? &g_array_index (layout->legend_entries, LegendEntry, i) : NULL;
        double entry_w = 0;

        if (entry != NULL)
          {
            char buffer[32];
            const char *name = scmm_figure_layout_series_name (g_ptr_array_index (all, i), (int) i,
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

/* The y ticks for a plot `plot_h` high, and the room their labels take. */
static void
layout_y_ticks (PangoContext *pango,
                double        plot_h,
                Layout       *layout)
{
  TickSpace space = scmm_figure_layout_tick_space (layout, pango, plot_h, 40 * layout->scale, FALSE);

  if (layout->y_log)
    scmm_figure_ticks_log (&layout->y_ticks, &space, layout->y_lo, layout->y_hi);
  else
    scmm_figure_ticks_linear (&layout->y_ticks, &space, layout->y_lo, layout->y_hi, 0);
  layout->y_tick_width = layout->y_ticks.extent;
}

/* The x ticks for a plot `plot_w` wide; *first_half and *last_half (may be
 * NULL) get how far the outer labels reach beyond the plot's sides. */
static void
layout_x_ticks (PangoContext *pango,
                const XyAxes *axes,
                double        plot_w,
                Layout       *layout,
                double       *first_half,
                double       *last_half)
{
  TickSpace space = scmm_figure_layout_tick_space (layout, pango, plot_w, 80 * layout->scale, TRUE);

  if (axes->categories > 0)
    {
      scmm_figure_ticks_category (&layout->x_ticks, &space, axes->category_labels, axes->categories, 0);
      return;
    }

  scmm_figure_ticks_linear (&layout->x_ticks, &space, layout->x_lo, layout->x_hi, axes->integral_x ? 1.0 : 0.0);
  if (layout->x_ticks.n > 0 && first_half != NULL)
    {
      double first_x = (layout->x_ticks.pos[0] - layout->x_lo) / (layout->x_hi - layout->x_lo) * plot_w;
      double last_x = (layout->x_hi - layout->x_ticks.pos[layout->x_ticks.n - 1]) /
                      (layout->x_hi - layout->x_lo) * plot_w;
      double first_w = scmm_figure_text_measure_width (pango, layout->x_ticks.markup[0], TRUE,
                                                       layout->tick_size, FALSE, 0);
      double last_w = scmm_figure_text_measure_width (pango, layout->x_ticks.markup[layout->x_ticks.n - 1], TRUE,
                                                      layout->tick_size, FALSE, 0);

      *first_half = MAX (0, first_w / 2 - first_x);
      *last_half = MAX (0, last_w / 2 - last_x);
    }
}

/* A unit as long on both axes: the plot shrinks along the axis whose units
 * are longer, stays centred, and that axis gets its ticks again. */
static void
equalise_units (PangoContext *pango,
                const XyAxes *axes,
                Layout       *layout)
{
  double x_unit = layout->plot.w / (layout->x_hi - layout->x_lo);
  double y_unit = layout->plot.h / (layout->y_hi - layout->y_lo);

  if (x_unit > y_unit)
    {
      double w = round (y_unit * (layout->x_hi - layout->x_lo));

      layout->plot.x += round ((layout->plot.w - w) / 2);
      layout->plot.w = MAX (1, w);
      layout_x_ticks (pango, axes, layout->plot.w, layout, NULL, NULL);
    }
  else if (y_unit > x_unit)
    {
      double h = round (x_unit * (layout->y_hi - layout->y_lo));

      layout->plot.y += round ((layout->plot.h - h) / 2);
      layout->plot.h = MAX (1, h);
      layout_y_ticks (pango, layout->plot.h, layout);
    }
}

void
scmm_figure_layout_xy (const ScmmFigure *figure,
                       PangoContext     *pango,
                       double            width,
                       double            height,
                       double            top,
                       const XyAxes     *axes,
                       Layout           *layout)
{
  double gap = layout->gap;
  double tick_h = scmm_figure_text_line_height (pango, layout->tick_size, FALSE);
  double label_h = scmm_figure_text_line_height (pango, layout->label_size, FALSE);
  double bottom, left, right, last_half = 0, first_half = 0;

  /* The legend: a column right of the plot, or, when that would squeeze
   * the plot, rows under the title. */
  right = layout->pad;
  layout->has_legend = axes->legend != NULL && axes->legend->len >= 2;
  if (layout->has_legend)
    top = layout_legend (axes->legend, pango, width, top, layout);
  if (layout->has_legend && !layout->legend_on_top)
    right += layout->legend.w + 4 * gap;

  /* Vertical: title, half a tick label above the plot, the x axis below. */
  top += tick_h / 2;
  bottom = layout->tick_len + gap + tick_h + layout->pad;
  if (scmm_figure_has_text (figure->x_label))
    bottom += gap + label_h;
  layout->plot.y = round (top);
  layout->plot.h = round (MAX (10, height - top - bottom));

  layout_y_ticks (pango, layout->plot.h, layout);

  left = layout->pad + layout->y_tick_width + gap + layout->tick_len;
  if (scmm_figure_has_text (figure->y_label))
    left += label_h + gap * 1.5;

  /* x ticks twice: the first pass tells how far the outer labels reach
   * beyond the plot's sides. */
  for (int pass = 0; pass < 2; pass++)
    {
      double plot_w = MAX (10, width - MAX (left, layout->pad + first_half) - right - last_half);

      layout_x_ticks (pango, axes, plot_w, layout, &first_half, &last_half);
    }

  left = MAX (left, layout->pad + first_half);
  layout->plot.x = round (left);
  layout->plot.w = round (MAX (10, width - left - right - last_half));
  if (axes->categories > 0)
    layout_x_ticks (pango, axes, layout->plot.w, layout, NULL, NULL);
  if (axes->equal_units)
    equalise_units (pango, axes, layout);

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

void
scmm_figure_layout_lines (const ScmmFigure *figure,
                          PangoContext     *pango,
                          double            width,
                          double            height,
                          double            top,
                          Layout           *layout)
{
  double range[4];
  XyAxes axes = { figure->lines, FALSE, FALSE, 0, NULL };

  layout->y_log = figure->y_scale == SCMM_SCALE_LOG;
  layout->has_data = scmm_figure_layout_series_range (figure->lines, layout->y_log, range, &axes.integral_x);
  if (!layout->has_data)
    return;

  layout->x_lo = range[0];
  layout->x_hi = range[1];
  scmm_figure_layout_pad_range (&layout->x_lo, &layout->x_hi, 0.02, 0.5);
  scmm_figure_layout_y_range (figure, layout->y_log, range[2], range[3], &layout->y_lo, &layout->y_hi);
  scmm_figure_layout_apply_view (figure, layout);
  scmm_figure_layout_xy (figure, pango, width, height, top, &axes, layout);
}

void
scmm_figure_layout_apply_view (const ScmmFigure *figure,
                               Layout           *layout)
{
  layout->data_x[0] = layout->x_lo;
  layout->data_x[1] = layout->x_hi;
  layout->data_y[0] = layout->y_lo;
  layout->data_y[1] = layout->y_hi;
  if (!isnan (figure->x_view[0]))
    {
      layout->x_lo = figure->x_view[0];
      layout->x_hi = figure->x_view[1];
    }
  if (!isnan (figure->y_view[0]) && (!layout->y_log || figure->y_view[0] > 0))
    {
      layout->y_lo = layout->y_log ? log10 (figure->y_view[0]) : figure->y_view[0];
      layout->y_hi = layout->y_log ? log10 (figure->y_view[1]) : figure->y_view[1];
    }
}

gboolean
scmm_figure_layout_nearest_point (const GPtrArray *all,
                                  const Layout    *layout,
                                  double           x,
                                  double           y,
                                  double           radius,
                                  guint           *series_index,
                                  guint           *point)
{
  double best = G_MAXDOUBLE;

  if (x < layout->plot.x - radius || x > layout->plot.x + layout->plot.w + radius ||
      y < layout->plot.y - radius || y > layout->plot.y + layout->plot.h + radius)
    return FALSE;

  for (guint s = 0; s < all->len; s++)
    {
      const Series *series = g_ptr_array_index (all, s);

      for (guint i = 0; i < series->x->len; i++)
        {
          double u, v, dx, dy, d;

          if (scmm_figure_layout_series_point (series, i, layout->y_log, &u, &v) != POINT_OK ||
              v < layout->y_lo || v > layout->y_hi || u < layout->x_lo || u > layout->x_hi)
            continue;
          dx = scmm_figure_layout_map_x (layout, u) - x;
          dy = scmm_figure_layout_map_y (layout, v) - y;
          d = dx * dx + dy * dy;
          if (d < best)
            {
              best = d;
              *series_index = s;
              *point = i;
            }
        }
    }

  return best <= radius * radius;
}
