/* scmm-gl-decor.c: what cairo draws around a figure's OpenGL data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The under layer is the figure's own cairo drawing with the plot box
 * clipped out, then the plot's background and grid lines in it: so the
 * title, ticks, labels, legend and colorbar are exactly the exported
 * ones. The over layer draws what lies on the data with the functions the
 * cairo drawing uses: a heatmap's marks, a confusion matrix's numbers, a
 * scalp map's outline and electrodes, a bar chart's baseline, the frame or
 * the axis lines. Both read the layout the GL area reads
 * (scmm_figure_layout_cached).
 *
 * The key hashes what the layers depend on. For heatmaps, line and scatter
 * plots that is the layout (ticks, boxes, ranges, legend) and the
 * decorations' own settings, not the data: a stream of new values with the
 * same axes reuses the layers. Other kinds hash their revision.
 */

#include <math.h>

#include "gl/scmm-gl-decor.h"
#include "gl/scmm-figure-private.h"

static PangoContext *
pango_for (cairo_t *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoContext *pango;

  cairo_get_font_options (cr, options);
  pango = scmm_figure_text_create_context (options);
  cairo_font_options_destroy (options);
  return pango;
}

void
scmm_gl_decor_draw_under (const ScmmFigure *figure,
                          cairo_t          *cr,
                          double            width,
                          double            height)
{
  const Layout *layout = scmm_figure_layout_cached (figure, width, height);
  const Box *plot = &layout->plot;

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_rectangle (cr, 0, 0, width, height);
  if (layout->has_data)
    cairo_rectangle (cr, plot->x, plot->y, plot->w, plot->h);
  cairo_clip (cr);
  scmm_figure_draw_cairo (figure, cr, width, height);
  cairo_restore (cr);

  if (!layout->has_data)
    return;

  scmm_figure_draw_clip_to (cr, plot);
  scmm_figure_theme_set_source (cr, &scmm_figure_theme_background);
  cairo_paint (cr);
  /* As scmm_figure_draw_xy draws them for each kind. */
  if (figure->kind == SCMM_FIGURE_LINES || figure->kind == SCMM_FIGURE_SCATTER)
    scmm_figure_draw_grid_lines (cr, layout, TRUE);
  else if (figure->kind == SCMM_FIGURE_BARS)
    scmm_figure_draw_grid_lines (cr, layout, FALSE);
  cairo_restore (cr);
}

void
scmm_gl_decor_draw_over (const ScmmFigure *figure,
                         cairo_t          *cr,
                         double            width,
                         double            height)
{
  const Layout *layout = scmm_figure_layout_cached (figure, width, height);
  const Box *plot = &layout->plot;
  PangoContext *pango;

  if (!layout->has_data)
    return;

  pango = pango_for (cr);
  /* A scalp map's outline and electrodes cross the plot box's edge: the
   * under layer draws what is outside it, this one what is inside, to the
   * pixel (the box is on whole units). */
  scmm_figure_draw_clip_to (cr, plot);
  if (figure->kind == SCMM_FIGURE_HEATMAP)
    scmm_figure_draw_heatmap_marks (figure, cr, pango, layout);
  else if (figure->kind == SCMM_FIGURE_CONFUSION)
    scmm_figure_draw_confusion_numbers (figure, cr, pango, layout);
  else if (figure->kind == SCMM_FIGURE_SCALP_MAP)
    scmm_figure_draw_scalp_marks (figure, cr, pango, layout);
  cairo_restore (cr);

  if (figure->kind == SCMM_FIGURE_HEATMAP || figure->kind == SCMM_FIGURE_CONFUSION)
    scmm_figure_draw_plot_frame (cr, layout);
  else if (figure->kind == SCMM_FIGURE_BARS)
    scmm_figure_draw_bars_baseline (figure, cr, layout);
  if (figure->kind == SCMM_FIGURE_LINES || figure->kind == SCMM_FIGURE_SCATTER || figure->kind == SCMM_FIGURE_BARS)
    scmm_figure_draw_axis_lines (cr, layout);
  g_object_unref (pango);
}

/* The part of a width x height drawing a layer covers: all of it under
 * the data; over them, the plot box and its frame. */
static cairo_rectangle_int_t
layer_extent (const ScmmFigure *figure,
              gboolean          over,
              int               width,
              int               height)
{
  const Layout *layout = scmm_figure_layout_cached (figure, width, height);
  cairo_rectangle_int_t all = { 0, 0, width, height };
  int margin, x0, y0, x1, y1;

  if (!over || !layout->has_data)
    return all;

  margin = (int) ceil (layout->line_width) + 1;
  x0 = MAX (0, (int) floor (layout->plot.x) - margin);
  y0 = MAX (0, (int) floor (layout->plot.y) - margin);
  x1 = MIN (width, (int) ceil (layout->plot.x + layout->plot.w) + margin);
  y1 = MIN (height, (int) ceil (layout->plot.y + layout->plot.h) + margin);
  return (cairo_rectangle_int_t) { x0, y0, MAX (1, x1 - x0), MAX (1, y1 - y0) };
}

GskRenderNode *
scmm_gl_decor_node (const ScmmFigure           *figure,
                    gboolean                    over,
                    int                         width,
                    int                         height,
                    int                         scale,
                    const cairo_font_options_t *options,
                    gboolean                    as_texture)
{
  graphene_rect_t bounds;
  cairo_rectangle_int_t extent = layer_extent (figure, over, width, height);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, extent.width * scale,
                                                         extent.height * scale);
  GskRenderNode *node;
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  cairo_translate (cr, -extent.x, -extent.y);
  if (options != NULL)
    cairo_set_font_options (cr, options);
  if (over)
    scmm_gl_decor_draw_over (figure, cr, width, height);
  else
    scmm_gl_decor_draw_under (figure, cr, width, height);
  cairo_destroy (cr);

  bounds = GRAPHENE_RECT_INIT (extent.x, extent.y, extent.width, extent.height);
  cairo_surface_flush (surface);
  if (as_texture)
    {
      /* Cairo's ARGB32 is GDK's default format: premultiplied, native
       * order. */
      g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                                            (gsize) cairo_image_surface_get_stride (surface) *
                                                            (gsize) (extent.height * scale),
                                                            (GDestroyNotify) cairo_surface_destroy, surface);
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new (extent.width * scale, extent.height * scale,
                                                              GDK_MEMORY_DEFAULT, bytes,
                                                              (gsize) cairo_image_surface_get_stride (surface));

      return gsk_texture_node_new (texture, &bounds);
    }

  /* A cairo node that paints the image: GSK's cairo renderer composites
   * it as it is, where it would convert a texture pixel by pixel every
   * frame (GDK 4.8). */
  node = gsk_cairo_node_new (&bounds);
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_set_source_surface (cr, surface, extent.x, extent.y);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return node;
}

/* ---- the key ---- */

static void
hash_doubles (GChecksum    *sum,
              const double *values,
              gsize         n)
{
  if (n > 0)
    g_checksum_update (sum, (const guchar *) values, (gssize) (n * sizeof (double)));
}

static void
hash_ints (GChecksum *sum,
           const int *values,
           gsize      n)
{
  if (n > 0)
    g_checksum_update (sum, (const guchar *) values, (gssize) (n * sizeof (int)));
}

/* A string and its end, so that ("ab", "c") and ("a", "bc") differ. */
static void
hash_text (GChecksum  *sum,
           const char *text)
{
  g_checksum_update (sum, (const guchar *) (text != NULL ? text : "\x01"), -1);
  g_checksum_update (sum, (const guchar *) "", 1);
}

static void
hash_ticks (GChecksum   *sum,
            const Ticks *ticks)
{
  hash_ints (sum, &ticks->n, 1);
  hash_doubles (sum, ticks->pos, (gsize) ticks->n);
  for (int i = 0; i < ticks->n; i++)
    hash_text (sum, ticks->markup[i]);
  hash_ints (sum, &ticks->n_minor, 1);
  hash_doubles (sum, ticks->minor, (gsize) ticks->n_minor);
}

static void
hash_series (GChecksum       *sum,
             const GPtrArray *all)
{
  for (guint s = 0; s < all->len; s++)
    {
      const Series *series = g_ptr_array_index (all, s);
      int style[2] = { series->colour, (int) series->marker };

      hash_text (sum, series->name);
      hash_ints (sum, style, 2);
    }
}

static void
hash_layout (GChecksum    *sum,
             const Layout *layout)
{
  const double boxes[] = {
    layout->scale, layout->plot.x, layout->plot.y, layout->plot.w, layout->plot.h,
    layout->colorbar.x, layout->colorbar.y, layout->colorbar.w, layout->colorbar.h,
    layout->legend.x, layout->legend.y, layout->legend.w, layout->legend.h,
    layout->x_lo, layout->x_hi, layout->y_lo, layout->y_hi, layout->vmin, layout->vmax,
  };
  const int flags[] = { layout->has_data, layout->y_log, layout->y_down, layout->has_legend, layout->legend_on_top };

  hash_doubles (sum, boxes, G_N_ELEMENTS (boxes));
  hash_ints (sum, flags, G_N_ELEMENTS (flags));
  hash_ticks (sum, &layout->x_ticks);
  hash_ticks (sum, &layout->y_ticks);
  hash_ticks (sum, &layout->c_ticks);
  hash_text (sum, layout->x_label);
  hash_text (sum, layout->y_label);
  if (layout->legend_entries != NULL && layout->legend_entries->len > 0)
    g_checksum_update (sum, (const guchar *) layout->legend_entries->data,
                       (gssize) (layout->legend_entries->len * sizeof (LegendEntry)));
}

char *
scmm_gl_decor_key (const ScmmFigure *figure,
                   double            width,
                   double            height)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  const double size[2] = { width, height };
  const Layout *layout = scmm_figure_layout_cached (figure, width, height);
  const int kind = figure->kind;

  hash_doubles (sum, size, 2);
  hash_ints (sum, &kind, 1);
  hash_text (sum, figure->title);
  hash_text (sum, figure->x_label);
  hash_text (sum, figure->y_label);
  hash_layout (sum, layout);

  switch (figure->kind)
    {
    case SCMM_FIGURE_HEATMAP:
      {
        const int settings[2] = { (int) figure->colormap, figure->selected_row };

        hash_ints (sum, settings, 2);
        hash_text (sum, figure->colorbar_label);
        for (guint i = 0; i < figure->heatmap_rects->len; i++)
          {
            const HeatmapRect *rect = &g_array_index (figure->heatmap_rects, HeatmapRect, i);
            const int cells[4] = { rect->row0, rect->col0, rect->rows, rect->cols };

            hash_ints (sum, cells, 4);
            hash_text (sum, rect->label);
          }
      }
      break;

    case SCMM_FIGURE_LINES:
      hash_series (sum, figure->lines);
      break;

    case SCMM_FIGURE_SCATTER:
      hash_series (sum, figure->points);
      break;

    default:
      {
        /* Anything may show: the revision and the figure itself decide. */
        const guint64 identity[2] = { figure->revision, GPOINTER_TO_SIZE (figure) };

        g_checksum_update (sum, (const guchar *) identity, sizeof identity);
      }
      break;
    }

  return g_strdup (g_checksum_get_string (sum));
}
