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
figure_changed (ScmmFigure *figure)
{
  figure->revision++;
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
  figure->vmin = NAN;
  figure->vmax = NAN;

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
 * (but not the heatmap's labels, which outlive a stream of set_heatmap). */
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

/* x may be NULL: the points are then at 0, 1, ..., n - 1. */
int
scmm_figure_add_line (ScmmFigure   *figure,
                      const char   *name,
                      const double *x,
                      const double *y,
                      int           n)
{
  Series *series;

  g_return_val_if_fail (figure != NULL, -1);
  g_return_val_if_fail (n >= 0, -1);
  g_return_val_if_fail (n == 0 || y != NULL, -1);

  become (figure, SCMM_FIGURE_LINES);

  series = g_new0 (Series, 1);
  series->name = g_strdup (name);
  series->x = g_array_sized_new (FALSE, FALSE, sizeof (double), (guint) n);
  series->y = g_array_sized_new (FALSE, FALSE, sizeof (double), (guint) n);
  for (int i = 0; i < n; i++)
    {
      double xi = x != NULL ? x[i] : (double) i;

      g_array_append_val (series->x, xi);
    }
  if (n > 0)
    g_array_append_vals (series->y, y, (guint) n);

  g_ptr_array_add (figure->lines, series);
  figure_changed (figure);

  return (int) figure->lines->len - 1;
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

  g_ptr_array_set_size (figure->lines, 0);
  figure_changed (figure);
}

int
scmm_figure_get_n_lines (const ScmmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return (int) figure->lines->len;
}

/* ---- heatmap ---- */

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
  gsize n;

  g_return_if_fail (figure != NULL);
  g_return_if_fail (values != NULL);
  g_return_if_fail (rows > 0 && cols > 0);
  g_return_if_fail (colormap == SCMM_COLORMAP_VIRIDIS || colormap == SCMM_COLORMAP_DIVERGING);

  become (figure, SCMM_FIGURE_HEATMAP);

  n = (gsize) rows * (gsize) cols;
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
