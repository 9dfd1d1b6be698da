/* scmm-figure-layout-grid.c: the layout of a heatmap or a confusion matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A grid of cells with category ticks on both axes (labels or indices), a
 * colorbar for heatmaps, and for confusion matrices the size of the numbers
 * in the cells.
 */

#include <math.h>

#include <glib/gi18n.h>

#include "gl/scmm-figure-private.h"

static const char *const *
labels_if_complete (const char *const *labels,
                    int                n)
{
  if (labels == NULL || g_strv_length ((char **) labels) != (guint) n)
    return NULL;
  return labels;
}

GridShape
scmm_figure_layout_grid_shape (const ScmmFigure *figure)
{
  GridShape grid;

  if (figure->kind == SCMM_FIGURE_HEATMAP)
    {
      grid.rows = figure->rows;
      grid.cols = figure->cols;
      grid.row_labels = labels_if_complete ((const char *const *) figure->row_labels, grid.rows);
      grid.col_labels = labels_if_complete ((const char *const *) figure->col_labels, grid.cols);
    }
  else
    {
      grid.rows = grid.cols = figure->k;
      grid.row_labels = grid.col_labels = labels_if_complete ((const char *const *) figure->class_names, figure->k);
    }
  return grid;
}

/* The data range of a heatmap (or a scalp map), or the asked one; never
 * empty. */
void
scmm_figure_layout_value_range (const ScmmFigure *figure,
                                double           *vmin,
                                double           *vmax)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  gsize n = (gsize) figure->rows * (gsize) figure->cols;

  if (isnan (figure->vmin) || isnan (figure->vmax))
    for (gsize i = 0; i < n; i++)
      {
        double v = figure->values[i];

        if (!isfinite (v))
          continue;
        lo = MIN (lo, v);
        hi = MAX (hi, v);
      }
  if (lo > hi)
    lo = 0, hi = 1;

  *vmin = isnan (figure->vmin) ? lo : figure->vmin;
  *vmax = isnan (figure->vmax) ? hi : figure->vmax;
  if (*vmax < *vmin)
    {
      double t = *vmin;

      *vmin = *vmax;
      *vmax = t;
    }
  scmm_figure_layout_pad_range (vmin, vmax, 0, 0);
}

#define COLORBAR_GAP 14
#define COLORBAR_WIDTH 16

void
scmm_figure_layout_colorbar_ticks (PangoContext *pango,
                                   double        length,
                                   Layout       *layout)
{
  TickSpace space = scmm_figure_layout_tick_space (layout, pango, length, 40 * layout->scale, FALSE);

  scmm_figure_ticks_linear (&layout->c_ticks, &space, layout->vmin, layout->vmax, 0);
}

/* The room right of the plot: the gap, the bar, its ticks and its label;
 * the colorbar's label goes beyond the ticks as they are now. */
double
scmm_figure_layout_colorbar_room (const ScmmFigure *figure,
                                  PangoContext     *pango,
                                  Layout           *layout)
{
  double room;

  layout->c_tick_width = layout->c_ticks.extent;
  room = (COLORBAR_GAP + COLORBAR_WIDTH) * layout->scale + layout->tick_len + layout->gap +
                layout->c_tick_width;

  if (scmm_figure_has_text (figure->colorbar_label))
    room += layout->gap * 1.5 + scmm_figure_text_line_height (pango, layout->label_size, FALSE);
  return room;
}

void
scmm_figure_layout_colorbar_place (Layout *layout,
                                   double  y,
                                   double  h)
{
  layout->colorbar.x = layout->plot.x + layout->plot.w + round (COLORBAR_GAP * layout->scale);
  layout->colorbar.y = y;
  layout->colorbar.w = round (COLORBAR_WIDTH * layout->scale);
  layout->colorbar.h = h;
}

/* The ticks along a grid's height: its rows', and a heatmap's colorbar's. */
static void
layout_grid_height_ticks (const ScmmFigure *figure,
                          PangoContext     *pango,
                          const GridShape  *grid,
                          double            plot_h,
                          Layout           *layout)
{
  TickSpace space = scmm_figure_layout_tick_space (layout, pango, plot_h, 40 * layout->scale, FALSE);

  scmm_figure_ticks_category (&layout->y_ticks, &space, grid->row_labels, grid->rows, layout->max_label_width);
  if (figure->kind == SCMM_FIGURE_HEATMAP)
    scmm_figure_layout_colorbar_ticks (pango, plot_h, layout);
}

/* Heatmaps and confusion matrices: a grid of cells with labels on both
 * axes; heatmaps have a colorbar on the right. Square grids get square
 * cells. */
void
scmm_figure_layout_grid (const ScmmFigure *figure,
                         PangoContext     *pango,
                         double            width,
                         double            height,
                         double            top,
                         Layout           *layout)
{
  gboolean heatmap = figure->kind == SCMM_FIGURE_HEATMAP;
  GridShape grid = scmm_figure_layout_grid_shape (figure);
  int rows = grid.rows, cols = grid.cols;
  double s = layout->scale;
  double gap = layout->gap;
  double tick_h = scmm_figure_text_line_height (pango, layout->tick_size, FALSE);
  double label_h = scmm_figure_text_line_height (pango, layout->label_size, FALSE);
  double bottom, left, right, plot_w, plot_h;

  layout->has_data = rows > 0 && cols > 0;
  if (!layout->has_data)
    return;

  if (!heatmap)
    {
      layout->x_label = g_strdup (scmm_figure_has_text (figure->x_label) ? figure->x_label : _("Predicted class"));
      layout->y_label = g_strdup (scmm_figure_has_text (figure->y_label) ? figure->y_label : _("True class"));
    }
  else
    {
      layout->x_label = g_strdup (figure->x_label);
      layout->y_label = g_strdup (figure->y_label);
    }

  layout->x_lo = 0;
  layout->x_hi = cols;
  layout->y_lo = 0;
  layout->y_hi = rows;
  layout->y_down = TRUE;
  layout->max_label_width = width * 0.25;

  top += tick_h / 2;
  bottom = layout->tick_len + gap + tick_h + layout->pad;
  if (scmm_figure_has_text (layout->x_label))
    bottom += gap + label_h;
  plot_h = MAX (10, height - top - bottom);

  if (heatmap)
    scmm_figure_layout_value_range (figure, &layout->vmin, &layout->vmax);
  layout_grid_height_ticks (figure, pango, &grid, plot_h, layout);

  right = layout->pad;
  if (heatmap)
    right += scmm_figure_layout_colorbar_room (figure, pango, layout);

  layout->y_tick_width = layout->y_ticks.extent;
  left = layout->pad + layout->y_tick_width + gap + layout->tick_len;
  if (scmm_figure_has_text (layout->y_label))
    left += label_h + gap * 1.5;
  plot_w = MAX (10, width - left - right);

  if (rows == cols)
    {
      double side = MIN (plot_w, plot_h);

      /* Centre the square and what hangs on its sides. */
      left += (plot_w - side) / 2;
      plot_w = plot_h = side;
      layout_grid_height_ticks (figure, pango, &grid, plot_h, layout);
    }

  layout->plot.x = round (left);
  layout->plot.y = round (top);
  layout->plot.w = round (plot_w);
  layout->plot.h = round (plot_h);

  {
    TickSpace space = scmm_figure_layout_tick_space (layout, pango, layout->plot.w, 70 * s, TRUE);

    scmm_figure_ticks_category (&layout->x_ticks, &space, grid.col_labels, cols,
                                MIN (layout->max_label_width, MAX (layout->plot.w / 2, 40 * s)));
  }

  if (heatmap)
    {
      scmm_figure_layout_colorbar_place (layout, layout->plot.y, layout->plot.h);
    }
  else
    {
      /* The numbers in the cells: one size for all, as large as the
       * narrowest cell allows. */
      double cell = MIN (layout->plot.w / cols, layout->plot.h / rows);
      double size = MIN (layout->label_size * 1.4, cell * 0.24);
      double widest = 0;
      gint64 largest = 0;

      for (int i = 0; i < rows * cols; i++)
        largest = MAX (largest, figure->counts[i]);

      if (figure->row_normalised)
        {
          widest = scmm_figure_text_measure_width (pango, "100.0%", FALSE, size, FALSE, 0);
          if (widest > cell * 0.72 || size < 10 * s)
            {
              layout->cell_text_whole_percent = TRUE;
              widest = scmm_figure_text_measure_width (pango, "100%", FALSE, size, FALSE, 0);
            }
        }
      else
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, largest);

          widest = scmm_figure_text_measure_width (pango, text, FALSE, size, FALSE, 0);
        }
      if (widest > cell * 0.72)
        size *= cell * 0.72 / widest;
      layout->cell_text_size = size >= 6 ? size : 0;
    }
}
