/* scmm-figure.c: a figure's description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ScmmFigure is plain data plus a revision counter: the setters below
 * record what to draw and bump the revision, nothing else. Drawing goes
 * through one layout pass (scmm_figure_layout_compute) shared by the
 * renderer and by scmm_figure_describe_at, so a point maps back to exactly
 * what was drawn. The text, the ticks, the layout, the drawing, the export
 * and the value under a point have a file each (scmm-figure-private.h
 * lists them); this one holds only the data.
 */

#include <math.h>
#include <string.h>

#include "gl/scmm-figure-private.h"

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->name);
  g_array_unref (series->x);
  g_array_unref (series->y);
  g_free (series);
}

static void
heatmap_rect_clear (gpointer data)
{
  HeatmapRect *rect = data;

  g_free (rect->label);
}

static void
figure_changed (ScmmFigure *figure)
{
  figure->revision++;
}

/* A setting changed: the revision moves only when its value does, so that
 * views do not redraw for nothing. */
static void
set_int (ScmmFigure *figure,
         int        *field,
         int         value)
{
  if (*field == value)
    return;
  *field = value;
  figure_changed (figure);
}

/* Removes the lines or the scatter plot's categories. */
static void
clear_series (ScmmFigure *figure,
              GPtrArray  *all)
{
  g_ptr_array_set_size (all, 0);
  figure_changed (figure);
}

ScmmFigure *
scmm_figure_new (const char *title)
{
  ScmmFigure *figure = g_new0 (ScmmFigure, 1);

  g_ref_count_init (&figure->ref_count);
  figure->revision = 1;
  figure->kind = SCMM_FIGURE_EMPTY;
  figure->title = g_strdup (title);
  figure->y_scale = SCMM_SCALE_LINEAR;
  figure->y_min = NAN;
  figure->y_max = NAN;
  figure->lines = g_ptr_array_new_with_free_func (series_free);
  figure->x_view[0] = figure->x_view[1] = NAN;
  figure->y_view[0] = figure->y_view[1] = NAN;
  figure->vmin = NAN;
  figure->vmax = NAN;
  figure->heatmap_rects = g_array_new (FALSE, FALSE, sizeof (HeatmapRect));
  g_array_set_clear_func (figure->heatmap_rects, heatmap_rect_clear);
  figure->selected_row = -1;
  figure->outline_xy = g_array_new (FALSE, FALSE, sizeof (double));
  figure->outline_lengths = g_array_new (FALSE, FALSE, sizeof (int));
  figure->points = g_ptr_array_new_with_free_func (series_free);
  figure->bar_highlight = g_array_new (FALSE, FALSE, sizeof (int));

  return figure;
}

ScmmFigure *
scmm_figure_ref (ScmmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);

  g_ref_count_inc (&figure->ref_count);
  return figure;
}

static void
clear_heatmap (ScmmFigure *figure)
{
  g_clear_pointer (&figure->values, g_free);
  figure->rows = 0;
  figure->cols = 0;
  g_clear_pointer (&figure->colorbar_label, g_free);
}

static void
clear_confusion (ScmmFigure *figure)
{
  g_clear_pointer (&figure->counts, g_free);
  g_clear_pointer (&figure->class_names, g_strfreev);
  figure->k = 0;
}

static void
clear_electrodes (ScmmFigure *figure)
{
  g_clear_pointer (&figure->electrode_xy, g_free);
  g_clear_pointer (&figure->electrode_values, g_free);
  g_clear_pointer (&figure->electrode_names, g_strfreev);
  figure->n_electrodes = 0;
}

static void
clear_bars (ScmmFigure *figure)
{
  g_clear_pointer (&figure->bars, g_free);
  g_clear_pointer (&figure->bar_labels, g_strfreev);
  figure->n_bars = 0;
}

void
scmm_figure_unref (ScmmFigure *figure)
{
  g_return_if_fail (figure != NULL);

  if (!g_ref_count_dec (&figure->ref_count))
    return;

  g_free (figure->title);
  g_free (figure->x_label);
  g_free (figure->y_label);
  g_ptr_array_unref (figure->lines);
  clear_heatmap (figure);
  g_strfreev (figure->row_labels);
  g_strfreev (figure->col_labels);
  clear_confusion (figure);
  g_array_unref (figure->heatmap_rects);
  g_array_unref (figure->outline_xy);
  g_array_unref (figure->outline_lengths);
  clear_electrodes (figure);
  g_ptr_array_unref (figure->points);
  clear_bars (figure);
  g_array_unref (figure->bar_highlight);
  g_clear_pointer (&figure->describe_layout, scmm_figure_layout_free);
  g_free (figure);
}

ScmmFigureKind
scmm_figure_get_kind (const ScmmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, SCMM_FIGURE_EMPTY);

  return figure->kind;
}

static void
replace_string (char **field, const char *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

void
scmm_figure_set_title (ScmmFigure *figure,
                       const char *title)
{
  g_return_if_fail (figure != NULL);

  replace_string (&figure->title, title);
  figure_changed (figure);
}

const char *
scmm_figure_get_title (const ScmmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);

  return figure->title;
}

void
scmm_figure_set_axis_labels (ScmmFigure *figure,
                             const char *x_label,
                             const char *y_label)
{
  g_return_if_fail (figure != NULL);

  replace_string (&figure->x_label, x_label);
  replace_string (&figure->y_label, y_label);
  figure_changed (figure);
}

guint64
scmm_figure_get_revision (const ScmmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return figure->revision;
}

/* One panel at a time: switching to another kind drops the other's data
 * (but not what outlives a stream of set_heatmap, set_scalp_map or
 * set_bars: the heatmap's labels and marks, the head and its electrodes,
 * the highlighted bars). A scalp map's grid is the heatmap's values. */
static void
become (ScmmFigure     *figure,
        ScmmFigureKind  kind)
{
  if (figure->kind == kind)
    return;

  if (kind != SCMM_FIGURE_LINES)
    g_ptr_array_set_size (figure->lines, 0);
  if (kind != SCMM_FIGURE_HEATMAP)
    clear_heatmap (figure);
  if (kind != SCMM_FIGURE_CONFUSION)
    clear_confusion (figure);
  if (kind != SCMM_FIGURE_SCATTER)
    g_ptr_array_set_size (figure->points, 0);
  if (kind != SCMM_FIGURE_BARS)
    clear_bars (figure);
  figure->kind = kind;
}

/* ---- lines ---- */

void
scmm_figure_set_y_scale (ScmmFigure *figure,
                         ScmmScale   scale)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (scale == SCMM_SCALE_LINEAR || scale == SCMM_SCALE_LOG);

  figure->y_scale = scale;
  figure_changed (figure);
}

/* Either end may be NAN (that end follows the data); a log axis also lets
 * the data decide an end that is not positive. */
void
scmm_figure_set_y_range (ScmmFigure *figure,
                         double      lo,
                         double      hi)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (!isinf (lo) && !isinf (hi));
  g_return_if_fail (isnan (lo) || isnan (hi) || lo < hi);

  figure->y_min = lo;
  figure->y_max = hi;
  figure_changed (figure);
}

static void
set_view (ScmmFigure *figure,
          double      view[2],
          double      lo,
          double      hi)
{
  g_return_if_fail (!isinf (lo) && !isinf (hi));
  g_return_if_fail (isnan (lo) || isnan (hi) || lo < hi);

  if (isnan (lo) || isnan (hi))
    lo = hi = NAN;
  if ((isnan (lo) && isnan (view[0])) || (lo == view[0] && hi == view[1]))
    return;
  view[0] = lo;
  view[1] = hi;
  figure_changed (figure);
}

/* NAN for either end: the data's range. */
void
scmm_figure_set_x_view (ScmmFigure *figure,
                        double      lo,
                        double      hi)
{
  g_return_if_fail (figure != NULL);

  set_view (figure, figure->x_view, lo, hi);
}

void
scmm_figure_set_y_view (ScmmFigure *figure,
                        double      lo,
                        double      hi)
{
  g_return_if_fail (figure != NULL);

  set_view (figure, figure->y_view, lo, hi);
}

gboolean
scmm_figure_get_view (const ScmmFigure *figure,
                      ScmmAxis          axis,
                      double           *lo,
                      double           *hi)
{
  const double *view;

  g_return_val_if_fail (figure != NULL, FALSE);
  g_return_val_if_fail (axis == SCMM_AXIS_X || axis == SCMM_AXIS_Y, FALSE);

  view = axis == SCMM_AXIS_X ? figure->x_view : figure->y_view;
  if (lo != NULL)
    *lo = view[0];
  if (hi != NULL)
    *hi = view[1];
  return !isnan (view[0]);
}

/* A series (a line, or a scatter plot's category) of n points appended to
 * `all`; x may be NULL: the points are then at 0, 1, ..., n - 1. Returns
 * its index. */
static int
add_series (ScmmFigure   *figure,
            GPtrArray    *all,
            const char   *name,
            const double *x,
            const double *y,
            int           n)
{
  Series *series = g_new0 (Series, 1);

  series->name = g_strdup (name);
  series->x = g_array_sized_new (FALSE, FALSE, sizeof (double), (guint) n);
  series->y = g_array_sized_new (FALSE, FALSE, sizeof (double), (guint) n);
  series->colour = -1;
  series->marker = SCMM_MARKER_FILLED;
  for (int i = 0; i < n; i++)
    {
      double xi = x != NULL ? x[i] : (double) i;

      g_array_append_val (series->x, xi);
    }
  if (n > 0)
    g_array_append_vals (series->y, y, (guint) n);

  g_ptr_array_add (all, series);
  figure_changed (figure);

  return (int) all->len - 1;
}

/* x may be NULL: the points are then at 0, 1, ..., n - 1. */
int
scmm_figure_add_line (ScmmFigure   *figure,
                      const char   *name,
                      const double *x,
                      const double *y,
                      int           n)
{
  g_return_val_if_fail (figure != NULL, -1);
  g_return_val_if_fail (n >= 0, -1);
  g_return_val_if_fail (n == 0 || y != NULL, -1);

  become (figure, SCMM_FIGURE_LINES);
  return add_series (figure, figure->lines, name, x, y, n);
}

void
scmm_figure_line_append (ScmmFigure *figure,
                         int         series,
                         double      x,
                         double      y)
{
  Series *s;

  g_return_if_fail (figure != NULL);
  g_return_if_fail (series >= 0 && (guint) series < figure->lines->len);

  s = g_ptr_array_index (figure->lines, series);
  g_array_append_val (s->x, x);
  g_array_append_val (s->y, y);
  figure_changed (figure);
}

void
scmm_figure_clear_lines (ScmmFigure *figure)
{
  g_return_if_fail (figure != NULL);

  clear_series (figure, figure->lines);
}

int
scmm_figure_get_n_lines (const ScmmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return (int) figure->lines->len;
}

/* ---- heatmap ---- */

/* The values of a heatmap or a scalp map, and how they are coloured. */
static void
set_grid (ScmmFigure   *figure,
          const float  *values,
          int           rows,
          int           cols,
          ScmmColormap  colormap,
          double        vmin,
          double        vmax,
          const char   *colorbar_label)
{
  gsize n = (gsize) rows * (gsize) cols;

  if (figure->values == NULL || (gsize) figure->rows * (gsize) figure->cols != n)
    {
      g_free (figure->values);
      figure->values = g_new (float, n);
    }
  memcpy (figure->values, values, n * sizeof (float));
  figure->rows = rows;
  figure->cols = cols;
  figure->colormap = colormap;
  figure->vmin = vmin;
  figure->vmax = vmax;
  replace_string (&figure->colorbar_label, colorbar_label);
  figure_changed (figure);
}

void
scmm_figure_set_heatmap (ScmmFigure   *figure,
                         const float  *values,
                         int           rows,
                         int           cols,
                         ScmmColormap  colormap,
                         double        vmin,
                         double        vmax,
                         const char   *colorbar_label)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (values != NULL);
  g_return_if_fail (rows > 0 && cols > 0);
  g_return_if_fail (colormap == SCMM_COLORMAP_VIRIDIS || colormap == SCMM_COLORMAP_DIVERGING);

  become (figure, SCMM_FIGURE_HEATMAP);
  set_grid (figure, values, rows, cols, colormap, vmin, vmax, colorbar_label);
}

/* Labels are drawn only when there is one per row (column); otherwise the
 * axis shows indices. */
void
scmm_figure_set_heatmap_labels (ScmmFigure        *figure,
                                const char *const *row_labels,
                                const char *const *col_labels)
{
  g_return_if_fail (figure != NULL);

  g_strfreev (figure->row_labels);
  g_strfreev (figure->col_labels);
  figure->row_labels = g_strdupv ((char **) row_labels);
  figure->col_labels = g_strdupv ((char **) col_labels);
  figure_changed (figure);
}

void
scmm_figure_add_heatmap_rect (ScmmFigure *figure,
                              int         row0,
                              int         col0,
                              int         rows,
                              int         cols,
                              const char *label)
{
  HeatmapRect rect = { row0, col0, rows, cols, NULL };

  g_return_if_fail (figure != NULL);
  g_return_if_fail (row0 >= 0 && col0 >= 0 && rows > 0 && cols > 0);

  rect.label = g_strdup (label);
  g_array_append_val (figure->heatmap_rects, rect);
  figure_changed (figure);
}

void
scmm_figure_clear_heatmap_rects (ScmmFigure *figure)
{
  g_return_if_fail (figure != NULL);

  g_array_set_size (figure->heatmap_rects, 0);
  figure_changed (figure);
}

void
scmm_figure_set_heatmap_selected_row (ScmmFigure *figure,
                                      int         row)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (row >= -1);

  set_int (figure, &figure->selected_row, row);
}

/* ---- confusion matrix ---- */

void
scmm_figure_set_confusion (ScmmFigure        *figure,
                           const gint64      *counts,
                           int                k,
                           const char *const *class_names,
                           gboolean           row_normalised)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (counts != NULL);
  g_return_if_fail (k > 0);

  become (figure, SCMM_FIGURE_CONFUSION);
  clear_confusion (figure);

  figure->counts = g_memdup2 (counts, (gsize) k * (gsize) k * sizeof (gint64));
  figure->k = k;
  figure->class_names = g_strdupv ((char **) class_names);
  figure->row_normalised = row_normalised;
  figure_changed (figure);
}

double
scmm_figure_confusion_fraction (const ScmmFigure *figure,
                                int               row,
                                int               col,
                                gint64           *row_total)
{
  gint64 total = 0;

  for (int j = 0; j < figure->k; j++)
    total += figure->counts[row * figure->k + j];
  if (row_total != NULL)
    *row_total = total;

  return total > 0 ? (double) figure->counts[row * figure->k + col] / (double) total : 0.0;
}

/* ---- scalp map ---- */

void
scmm_figure_set_scalp_map (ScmmFigure   *figure,
                           const float  *grid,
                           int           size,
                           double        vmin,
                           double        vmax,
                           ScmmColormap  colormap,
                           const char   *colorbar_label)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (grid != NULL);
  g_return_if_fail (size > 0);
  g_return_if_fail (colormap == SCMM_COLORMAP_VIRIDIS || colormap == SCMM_COLORMAP_DIVERGING);

  become (figure, SCMM_FIGURE_SCALP_MAP);
  set_grid (figure, grid, size, size, colormap, vmin, vmax, colorbar_label);
}

void
scmm_figure_set_scalp_outline (ScmmFigure   *figure,
                               const double *xy,
                               const int    *n_points,
                               int           n_polylines)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (n_polylines >= 0);
  g_return_if_fail (n_polylines == 0 || (xy != NULL && n_points != NULL));

  g_array_set_size (figure->outline_xy, 0);
  g_array_set_size (figure->outline_lengths, 0);
  for (int k = 0; k < n_polylines; k++)
    {
      g_return_if_fail (n_points[k] >= 0);

      g_array_append_vals (figure->outline_xy, xy + figure->outline_xy->len, (guint) n_points[k] * 2);
      g_array_append_val (figure->outline_lengths, n_points[k]);
    }
  figure_changed (figure);
}

void
scmm_figure_set_scalp_electrodes (ScmmFigure        *figure,
                                  const double      *xy,
                                  const char *const *names,
                                  const float       *values,
                                  int                n)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (n >= 0);
  g_return_if_fail (n == 0 || xy != NULL);

  clear_electrodes (figure);
  if (n > 0)
    {
      figure->electrode_xy = g_memdup2 (xy, (gsize) n * 2 * sizeof (double));
      if (values != NULL)
        figure->electrode_values = g_memdup2 (values, (gsize) n * sizeof (float));
      if (names != NULL)
        {
          figure->electrode_names = g_new0 (char *, (gsize) n + 1);
          for (int i = 0; i < n; i++)
            figure->electrode_names[i] = g_strdup (names[i] != NULL ? names[i] : "");
        }
    }
  figure->n_electrodes = n;
  figure_changed (figure);
}

/* ---- scatter plot ---- */

int
scmm_figure_add_points (ScmmFigure   *figure,
                        const char   *name,
                        const double *x,
                        const double *y,
                        int           n)
{
  g_return_val_if_fail (figure != NULL, -1);
  g_return_val_if_fail (n >= 0, -1);
  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), -1);

  become (figure, SCMM_FIGURE_SCATTER);
  return add_series (figure, figure->points, name, x, y, n);
}

void
scmm_figure_set_points_style (ScmmFigure *figure,
                              int         category,
                              int         colour,
                              ScmmMarker  marker)
{
  Series *series;

  g_return_if_fail (figure != NULL);
  g_return_if_fail (category >= 0 && (guint) category < figure->points->len);
  g_return_if_fail (colour >= -1);
  g_return_if_fail (marker == SCMM_MARKER_FILLED || marker == SCMM_MARKER_HOLLOW);

  series = g_ptr_array_index (figure->points, category);
  series->colour = colour;
  series->marker = marker;
  figure_changed (figure);
}

void
scmm_figure_clear_points (ScmmFigure *figure)
{
  g_return_if_fail (figure != NULL);

  clear_series (figure, figure->points);
}

void
scmm_figure_set_equal_axes (ScmmFigure *figure,
                            gboolean    equal)
{
  g_return_if_fail (figure != NULL);

  set_int (figure, &figure->equal_axes, !!equal);
}

/* ---- bar chart ---- */

void
scmm_figure_set_bars (ScmmFigure        *figure,
                      const double      *values,
                      int                n,
                      const char *const *labels)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (n > 0);
  g_return_if_fail (values != NULL);

  become (figure, SCMM_FIGURE_BARS);
  clear_bars (figure);

  figure->bars = g_memdup2 (values, (gsize) n * sizeof (double));
  figure->n_bars = n;
  figure->bar_labels = g_strdupv ((char **) labels);
  figure_changed (figure);
}

void
scmm_figure_set_bar_highlight (ScmmFigure *figure,
                               const int  *indices,
                               int         n)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (n >= 0);
  g_return_if_fail (n == 0 || indices != NULL);

  g_array_set_size (figure->bar_highlight, 0);
  if (n > 0)
    g_array_append_vals (figure->bar_highlight, indices, (guint) n);
  figure_changed (figure);
}
