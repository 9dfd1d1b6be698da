/* scmm-figure-draw-scalp.c: a scalp map drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map's grid as an image, smoothed and clipped to its disc (NaN cells
 * inside it let the background show), then what lies on it: the head's
 * outline, the electrodes as dots with their names (dark, or white on a
 * dark part of the map); then the colorbar. With OpenGL the grid is drawn
 * by scmm-gl-grid.c from the same cell values, and what lies on it by
 * scmm_figure_draw_scalp_marks in the layer over it (scmm-gl-decor.c).
 */

#include <math.h>

#include "gl/scmm-figure-private.h"

double
scmm_figure_draw_scalp_cell (const ScmmFigure *figure,
                             int               row,
                             int               col)
{
  int size = figure->rows;
  double v = figure->values[(gsize) row * (gsize) size + (gsize) col];
  double u = 2.0 * (col + 0.5) / size - 1, w = 1 - 2.0 * (row + 0.5) / size;
  double sum = 0;
  int n = 0;

  if (!isnan (v) || u * u + w * w <= 1.0)
    return v;

  for (int r = MAX (row - 1, 0); r <= MIN (row + 1, size - 1); r++)
    for (int c = MAX (col - 1, 0); c <= MIN (col + 1, size - 1); c++)
      {
        double n_v = figure->values[(gsize) r * (gsize) size + (gsize) c];

        if (isfinite (n_v))
          {
            sum += n_v;
            n++;
          }
      }
  return n > 0 ? sum / n : NAN;
}

/* The grid as an ARGB image, one pixel a cell, NaN transparent. */
static cairo_surface_t *
scalp_image (const ScmmFigure *figure,
             const Layout     *layout)
{
  const guint32 *lut = scmm_colormap_lut (figure->colormap);
  int size = figure->rows;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  double scale = (LUT_SIZE - 1) / (layout->vmax - layout->vmin);
  guchar *data;
  int stride;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int r = 0; r < size; r++)
    {
      guint32 *pixels = (guint32 *) (gpointer) (data + (gsize) r * (gsize) stride);

      for (int c = 0; c < size; c++)
        {
          double v = scmm_figure_draw_scalp_cell (figure, r, c);

          pixels[c] = isnan (v) ? 0 : lut[(int) CLAMP (lround ((v - layout->vmin) * scale), 0, LUT_SIZE - 1)];
        }
    }
  cairo_surface_mark_dirty (image);
  return image;
}

static void
draw_map (const ScmmFigure *figure,
          cairo_t          *cr,
          const Layout     *layout)
{
  Box box = scmm_figure_layout_scalp_square (layout);
  cairo_surface_t *image = scalp_image (figure, layout);

  cairo_save (cr);
  cairo_arc (cr, box.x + box.w / 2, box.y + box.h / 2, box.w / 2, 0, 2 * G_PI);
  cairo_clip (cr);
  scmm_figure_draw_image (cr, image, &box, CAIRO_FILTER_GOOD);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

static void
draw_outline (const ScmmFigure *figure,
              cairo_t          *cr,
              const Layout     *layout)
{
  const double *xy = (const double *) (gpointer) figure->outline_xy->data;
  guint at = 0;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.5 * layout->scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_text);
  for (guint k = 0; k < figure->outline_lengths->len; k++)
    {
      int n = g_array_index (figure->outline_lengths, int, k);

      cairo_new_sub_path (cr);
      for (int i = 0; i < n; i++, at++)
        {
          double x = scmm_figure_layout_map_x (layout, xy[2 * at]);
          double y = scmm_figure_layout_map_y (layout, xy[2 * at + 1]);

          if (!isfinite (x) || !isfinite (y))
            cairo_new_sub_path (cr);
          else
            cairo_line_to (cr, x, y);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The map's colour under (u, v), in its coordinates; FALSE outside the map. */
static gboolean
map_colour (const ScmmFigure *figure,
            const Layout     *layout,
            double            u,
            double            v,
            double            rgb[3])
{
  double value = scmm_figure_layout_scalp_value_at (figure, u, v);

  if (isnan (value))
    return FALSE;
  scmm_colormap_rgb (figure->colormap, CLAMP ((value - layout->vmin) / (layout->vmax - layout->vmin), 0, 1), rgb);
  return TRUE;
}

/* Electrode i's name under its dot: dark or white, whichever reads on the
 * map there; dark on a light halo when it reaches beyond the map. */
static void
draw_electrode_name (const ScmmFigure *figure,
                     cairo_t          *cr,
                     PangoContext     *pango,
                     const Layout     *layout,
                     int               i)
{
  double u = figure->electrode_xy[2 * i], v = figure->electrode_xy[2 * i + 1];
  double x = scmm_figure_layout_map_x (layout, u);
  double y = scmm_figure_layout_map_y (layout, v) + layout->electrode_radius + 0.5;
  double unit = (layout->y_hi - layout->y_lo) / layout->plot.h;   /* map units a pixel */
  g_autoptr(PangoLayout) text = NULL;
  double w, h, rgb[3];
  gboolean inside = TRUE;
  Rgb colour = scmm_figure_theme_text;

  if (!isfinite (x) || !isfinite (y) || !scmm_figure_has_text (figure->electrode_names[i]))
    return;
  text = scmm_figure_text_make (pango, figure->electrode_names[i], FALSE, layout->electrode_text_size, FALSE, 0);
  scmm_figure_text_size (text, &w, &h);

  /* The name's corners, in the map's coordinates. */
  for (int corner = 0; corner < 4; corner++)
    {
      double cu = u + (corner % 2 == 0 ? -w / 2 : w / 2) * unit;
      double cv = v - (layout->electrode_radius + 0.5 + (corner < 2 ? 0 : h)) * unit;

      inside = inside && cu * cu + cv * cv <= 1.0;
    }

  if (inside && map_colour (figure, layout, u, v - (layout->electrode_radius + 0.5 + h / 2) * unit, rgb))
    {
      colour = scmm_figure_theme_text_colour_on (rgb);
      scmm_figure_theme_set_source (cr, &colour);
      scmm_figure_text_show (cr, text, x, y, ALIGN_CENTRE, ALIGN_START, FALSE);
      return;
    }

  cairo_move_to (cr, x - w / 2, y);
  pango_cairo_layout_path (cr, text);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, MAX (2.0, layout->electrode_text_size * 0.3));
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_stroke_preserve (cr);
  scmm_figure_theme_set_source (cr, &colour);
  cairo_fill (cr);
}

/* The outline, then the electrodes over it. */
void
scmm_figure_draw_scalp_marks (const ScmmFigure *figure,
                              cairo_t          *cr,
                              PangoContext     *pango,
                              const Layout     *layout)
{
  double radius = layout->electrode_radius;

  draw_outline (figure, cr, layout);
  cairo_save (cr);
  for (int i = 0; i < figure->n_electrodes; i++)
    {
      double x = scmm_figure_layout_map_x (layout, figure->electrode_xy[2 * i]);
      double y = scmm_figure_layout_map_y (layout, figure->electrode_xy[2 * i + 1]);

      if (!isfinite (x) || !isfinite (y))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
    }
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_text);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_set_line_width (cr, MAX (1.0, radius * 0.4));
  cairo_stroke (cr);

  if (layout->electrode_text_size > 0)
    for (int i = 0; i < figure->n_electrodes; i++)
      draw_electrode_name (figure, cr, pango, layout, i);
  cairo_restore (cr);
}

void
scmm_figure_draw_scalp (const ScmmFigure *figure,
                        cairo_t          *cr,
                        PangoContext     *pango,
                        const Layout     *layout)
{
  draw_map (figure, cr, layout);
  scmm_figure_draw_scalp_marks (figure, cr, pango, layout);
  scmm_figure_draw_colorbar (figure, cr, pango, layout);
}
