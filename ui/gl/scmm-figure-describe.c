/* scmm-figure-describe.c: the value under a point, and the tick labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both read the cached layout of the drawing's size (scmm-figure-layout.c):
 * a tooltip asks many times for the same figure at the same size, and the
 * answer must match what was drawn.
 */

#include <math.h>

#include <glib/gi18n.h>

#include "gl/scmm-figure-private.h"

static char *
describe_lines (const ScmmFigure *figure,
                const Layout     *layout,
                double            x,
                double            y)
{
  double radius = MAX (6.0, 5.0 * layout->scale);
  const Series *series;
  guint s, i;
  char buffer[32];

  if (!scmm_figure_layout_nearest_point (figure->lines, layout, x, y, radius, &s, &i))
    return NULL;

  series = g_ptr_array_index (figure->lines, s);
  return g_strdup_printf ("%s: x = %.6g, y = %.6g",
                          scmm_figure_layout_series_name (series, (int) s, buffer, sizeof buffer),
                          g_array_index (series->x, double, i), g_array_index (series->y, double, i));
}

/* The cell under (x, y), or FALSE outside the grid. */
static gboolean
grid_cell (const Layout *layout,
           int           rows,
           int           cols,
           double        x,
           double        y,
           int          *row,
           int          *col)
{
  const Box *plot = &layout->plot;

  if (x < plot->x || x >= plot->x + plot->w || y < plot->y || y >= plot->y + plot->h)
    return FALSE;

  *col = CLAMP ((int) floor ((x - plot->x) / plot->w * cols), 0, cols - 1);
  *row = CLAMP ((int) floor ((y - plot->y) / plot->h * rows), 0, rows - 1);
  return TRUE;
}

/* A row's or a column's name: its label, or what it is and its index. */
static char *
label_or_index (const char *const *labels,
                int                i,
                const char        *what)
{
  if (labels != NULL)
    return g_strdup (labels[i]);
  return g_strdup_printf ("%s %d", what, i);
}

/* The labels of the marked regions cell (row, col) is in, as " (a, b)",
 * or "" when there is none. */
static char *
heatmap_marks_at (const ScmmFigure *figure,
                  int               row,
                  int               col)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < figure->heatmap_rects->len; i++)
    {
      const HeatmapRect *rect = &g_array_index (figure->heatmap_rects, HeatmapRect, i);

      if (!scmm_figure_has_text (rect->label) || row < rect->row0 || row >= rect->row0 + rect->rows ||
          col < rect->col0 || col >= rect->col0 + rect->cols)
        continue;
      g_string_append (text, text->len == 0 ? " (" : ", ");
      g_string_append (text, rect->label);
    }
  if (text->len > 0)
    g_string_append_c (text, ')');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The cell under (x, y) of a heatmap ("Fp1, window 12: 23.4") or of a
 * confusion matrix ("true sad, predicted happy: 3 (6.0% of the row)"). */
static char *
describe_grid (const ScmmFigure *figure,
               const Layout     *layout,
               double            x,
               double            y)
{
  gboolean heatmap = figure->kind == SCMM_FIGURE_HEATMAP;
  GridShape grid = scmm_figure_layout_grid_shape (figure);
  g_autofree char *row_name = NULL;
  g_autofree char *col_name = NULL;
  gint64 total;
  double fraction;
  int r, c;

  if (!grid_cell (layout, grid.rows, grid.cols, x, y, &r, &c))
    return NULL;

  row_name = label_or_index (grid.row_labels, r, heatmap ? _("row") : _("class"));
  col_name = label_or_index (grid.col_labels, c, heatmap ? _("column") : _("class"));

  if (heatmap)
    {
      double v = figure->values[(gsize) r * (gsize) figure->cols + (gsize) c];

      g_autofree char *marks = heatmap_marks_at (figure, r, c);

      if (isnan (v))
        return g_strdup_printf (_("%s, %s: no value%s"), row_name, col_name, marks);
      return g_strdup_printf ("%s, %s: %.4g%s", row_name, col_name, v, marks);
    }

  fraction = scmm_figure_confusion_fraction (figure, r, c, &total);
  if (total == 0)
    return g_strdup_printf (_("true %s, predicted %s: 0 (no sample of this class)"), row_name, col_name);
  return g_strdup_printf (_("true %s, predicted %s: %" G_GINT64_FORMAT " (%.1f%% of the row)"),
                          row_name, col_name, figure->counts[r * figure->k + c], fraction * 100.0);
}

char *
scmm_figure_describe_at (const ScmmFigure *figure,
                         double            width,
                         double            height,
                         double            x,
                         double            y)
{
  const Layout *layout;

  g_return_val_if_fail (figure != NULL, NULL);

  if (width <= 0 || height <= 0 || x < 0 || y < 0 || x >= width || y >= height)
    return NULL;
  if (figure->kind == SCMM_FIGURE_EMPTY)
    return NULL;

  layout = scmm_figure_layout_cached (figure, width, height);
  if (!layout->has_data)
    return NULL;

  switch (figure->kind)
    {
    case SCMM_FIGURE_LINES:
      return describe_lines (figure, layout, x, y);
    case SCMM_FIGURE_HEATMAP:
    case SCMM_FIGURE_CONFUSION:
      return describe_grid (figure, layout, x, y);
    case SCMM_FIGURE_SCALP_MAP:
      return scmm_figure_layout_scalp_describe (figure, layout, x, y);
    case SCMM_FIGURE_SCATTER:
      return scmm_figure_layout_scatter_describe (figure, layout, x, y);
    case SCMM_FIGURE_BARS:
      return scmm_figure_layout_bars_describe (figure, layout, x, y);
    case SCMM_FIGURE_EMPTY:
    default:
      return NULL;
    }
}

GStrv
scmm_figure_get_tick_labels (const ScmmFigure *figure,
                             double            width,
                             double            height,
                             ScmmAxis          axis)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const Layout *layout;
  const Ticks *ticks;

  g_return_val_if_fail (figure != NULL, NULL);
  g_return_val_if_fail (axis == SCMM_AXIS_X || axis == SCMM_AXIS_Y || axis == SCMM_AXIS_COLORBAR, NULL);

  if (width > 0 && height > 0)
    {
      layout = scmm_figure_layout_cached (figure, width, height);
      ticks = axis == SCMM_AXIS_X ? &layout->x_ticks : axis == SCMM_AXIS_Y ? &layout->y_ticks : &layout->c_ticks;
      if (layout->has_data)
        for (int i = 0; i < ticks->n; i++)
          g_strv_builder_add (builder, ticks->markup[i]);
    }
  return g_strv_builder_end (builder);
}
