/* scmm-figure-draw-grid.c: a heatmap or a confusion matrix drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A heatmap is an image of one pixel a cell, scaled up without smoothing,
 * with its colorbar; a confusion matrix is filled cells with their numbers.
 */

#include <math.h>

#include "gl/scmm-figure-private.h"

static gboolean
target_is_vector (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The heatmap as an image of rows x cols pixels, one a cell, scaled up
 * with the nearest filter. Vector outputs get each cell as a block of
 * pixels, since viewers smooth small images whatever the file asks. */
static cairo_surface_t *
heatmap_image (const ScmmFigure *figure,
               const Layout     *layout,
               int               block)
{
  const guint32 *lut = scmm_colormap_lut (figure->colormap);
  guint32 missing;
  int rows = figure->rows, cols = figure->cols;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cols * block, rows * block);
  guchar *data;
  int stride;
  double scale = (LUT_SIZE - 1) / (layout->vmax - layout->vmin);

  {
    double rgb[3] = { scmm_figure_theme_missing.r, scmm_figure_theme_missing.g, scmm_figure_theme_missing.b };

    missing = scmm_colormap_pack_rgb (rgb);
  }

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int r = 0; r < rows; r++)
    {
      const float *row = figure->values + (gsize) r * (gsize) cols;

      for (int b = 0; b < block; b++)
        {
          guint32 *pixels = (guint32 *) (gpointer) (data + (gsize) (r * block + b) * (gsize) stride);

          for (int c = 0; c < cols; c++)
            {
              double v = row[c];
              guint32 pixel;

              if (isnan (v))
                pixel = missing;
              else
                pixel = lut[(int) CLAMP (lround ((v - layout->vmin) * scale), 0, LUT_SIZE - 1)];
              for (int k = 0; k < block; k++)
                pixels[c * block + k] = pixel;
            }
        }
    }
  cairo_surface_mark_dirty (image);

  return image;
}

void
scmm_figure_draw_image (cairo_t         *cr,
                        cairo_surface_t *image,
                        const Box       *box,
                        cairo_filter_t   filter)
{
  int w = cairo_image_surface_get_width (image);
  int h = cairo_image_surface_get_height (image);

  scmm_figure_draw_clip_to (cr, box);
  cairo_translate (cr, box->x, box->y);
  cairo_scale (cr, box->w / w, box->h / h);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), filter);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
scmm_figure_draw_colorbar (const ScmmFigure *figure,
                           cairo_t          *cr,
                           PangoContext     *pango,
                           const Layout     *layout)
{
  const Box *bar = &layout->colorbar;
  const guint32 *lut = scmm_colormap_lut (figure->colormap);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, LUT_SIZE);
  guchar *data;
  int stride;
  double lw = layout->line_width;
  double label_x;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int i = 0; i < LUT_SIZE; i++)
    *(guint32 *) (gpointer) (data + (gsize) i * (gsize) stride) = lut[LUT_SIZE - 1 - i];
  cairo_surface_mark_dirty (image);
  scmm_figure_draw_image (cr, image, bar, CAIRO_FILTER_GOOD);
  cairo_surface_destroy (image);

  cairo_set_line_width (cr, lw);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_axis);
  cairo_rectangle (cr, scmm_figure_draw_snap (bar->x, lw), scmm_figure_draw_snap (bar->y, lw),
                   round (bar->w), round (bar->h));
  for (int i = 0; i < layout->c_ticks.n; i++)
    {
      double t = (layout->c_ticks.pos[i] - layout->vmin) / (layout->vmax - layout->vmin);
      double y = scmm_figure_draw_snap (bar->y + bar->h - t * bar->h, lw);

      cairo_move_to (cr, bar->x + bar->w, y);
      cairo_line_to (cr, bar->x + bar->w + layout->tick_len, y);
    }
  cairo_stroke (cr);

  scmm_figure_theme_set_source (cr, &scmm_figure_theme_text);
  for (int i = 0; i < layout->c_ticks.n; i++)
    {
      double t = (layout->c_ticks.pos[i] - layout->vmin) / (layout->vmax - layout->vmin);
      g_autoptr(PangoLayout) text = scmm_figure_text_make (pango, layout->c_ticks.markup[i], TRUE,
                                                           layout->tick_size, FALSE, 0);

      scmm_figure_text_show (cr, text, bar->x + bar->w + layout->tick_len + layout->gap, bar->y + bar->h - t * bar->h,
                             ALIGN_START, ALIGN_CENTRE, FALSE);
    }

  if (scmm_figure_has_text (figure->colorbar_label))
    {
      g_autoptr(PangoLayout) text = scmm_figure_text_make (pango, figure->colorbar_label, FALSE,
                                                           layout->label_size, FALSE,
                                                           bar->h + layout->tick_len * 4);

      label_x = bar->x + bar->w + layout->tick_len + layout->gap + layout->c_tick_width + layout->gap * 1.5;
      scmm_figure_text_show (cr, text, label_x, bar->y + bar->h / 2, ALIGN_START, ALIGN_CENTRE, TRUE);
    }
}

void
scmm_figure_draw_plot_frame (cairo_t      *cr,
                             const Layout *layout)
{
  double lw = layout->line_width;

  cairo_set_line_width (cr, lw);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_axis);
  cairo_rectangle (cr, scmm_figure_draw_snap (layout->plot.x, lw), scmm_figure_draw_snap (layout->plot.y, lw),
                   round (layout->plot.w), round (layout->plot.h));
  cairo_stroke (cr);
}

void
scmm_figure_draw_heatmap (const ScmmFigure *figure,
                          cairo_t          *cr,
                          PangoContext     *pango,
                          const Layout     *layout)
{
  int block = 1;
  cairo_surface_t *image;

  /* On vector outputs, blocks of about 4 points a cell, up to 1024 pixels
   * a side: sharp cells in any viewer, small files. */
  if (target_is_vector (cr))
    block = CLAMP ((int) ceil (MAX (layout->plot.w / figure->cols, layout->plot.h / figure->rows) / 4.0), 1,
                   MAX (1, 1024 / MAX (figure->cols, figure->rows)));

  image = heatmap_image (figure, layout, block);
  scmm_figure_draw_image (cr, image, &layout->plot, CAIRO_FILTER_NEAREST);
  cairo_surface_destroy (image);

  scmm_figure_draw_plot_frame (cr, layout);
  scmm_figure_draw_heatmap_marks (figure, cr, pango, layout);
  scmm_figure_draw_ticks (cr, pango, layout);
  scmm_figure_draw_colorbar (figure, cr, pango, layout);
}

/* A confusion matrix's cell in device units, on whole pixels. */
static void
confusion_cell (const Layout *layout,
                int           k,
                int           r,
                int           c,
                double        box[4])
{
  const Box *plot = &layout->plot;

  box[0] = round (plot->x + c * plot->w / k);
  box[1] = round (plot->y + r * plot->h / k);
  box[2] = round (plot->x + (c + 1) * plot->w / k);
  box[3] = round (plot->y + (r + 1) * plot->h / k);
}

void
scmm_figure_draw_confusion_numbers (const ScmmFigure *figure,
                                    cairo_t          *cr,
                                    PangoContext     *pango,
                                    const Layout     *layout)
{
  const Box *plot = &layout->plot;
  int k = figure->k;
  double separator = MAX (1.0, round (layout->scale));

  if (layout->cell_text_size <= 0)
    return;

  for (int r = 0; r < k; r++)
    for (int c = 0; c < k; c++)
      {
        double fraction = scmm_figure_confusion_fraction (figure, r, c, NULL);
        g_autofree char *text = figure->row_normalised
                                ? g_strdup_printf (layout->cell_text_whole_percent ? "%.0f%%" : "%.1f%%",
                                                   fraction * 100.0)
                                : g_strdup_printf ("%" G_GINT64_FORMAT, figure->counts[r * k + c]);
        g_autoptr(PangoLayout) pango_text = scmm_figure_text_make (pango, text, FALSE, layout->cell_text_size,
                                                                   FALSE, 0);
        double rgb[3], box[4];
        Rgb colour;

        scmm_colormap_blues_rgb (fraction, rgb);
        colour = scmm_figure_theme_text_colour_on (rgb);
        confusion_cell (layout, k, r, c, box);
        scmm_figure_theme_set_source (cr, &colour);
        scmm_figure_text_show (cr, pango_text, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2, ALIGN_CENTRE,
                               ALIGN_CENTRE, FALSE);
      }

  /* Thin white lines between the cells: a grid that reads as a table. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, separator);
  for (int i = 1; i < k; i++)
    {
      double x = scmm_figure_draw_snap (plot->x + i * plot->w / k, separator);
      double y = scmm_figure_draw_snap (plot->y + i * plot->h / k, separator);

      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->h);
      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->w, y);
    }
  cairo_stroke (cr);
}

void
scmm_figure_draw_confusion (const ScmmFigure *figure,
                            cairo_t          *cr,
                            PangoContext     *pango,
                            const Layout     *layout)
{
  int k = figure->k;

  for (int r = 0; r < k; r++)
    for (int c = 0; c < k; c++)
      {
        double rgb[3], box[4];

        scmm_colormap_blues_rgb (scmm_figure_confusion_fraction (figure, r, c, NULL), rgb);
        confusion_cell (layout, k, r, c, box);
        cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
        cairo_rectangle (cr, box[0], box[1], box[2] - box[0], box[3] - box[1]);
        cairo_fill (cr);
      }

  scmm_figure_draw_confusion_numbers (figure, cr, pango, layout);
  scmm_figure_draw_plot_frame (cr, layout);
  scmm_figure_draw_ticks (cr, pango, layout);
}
