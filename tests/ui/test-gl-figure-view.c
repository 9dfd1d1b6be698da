/* test-gl-figure-view.c: figure views drawn with OpenGL, and their cairo fallback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs three times (tests/ui/meson.build): as is, where the views must draw
 * their data with OpenGL; with GDK_SCALE=2, the same at twice the pixels;
 * and with GDK_DEBUG=gl-disable, where they must draw everything with
 * cairo, report it once to ScmmGlStatus and have the window say so once.
 * Either way the same pixel checks hold on screenshots of realized views (in
 * device pixels): a similarity matrix's diagonal has the colormap's top
 * colour, its colorbar ends the colormap's ends, line series their palette
 * colours, a confusion matrix's cells their share of the row, a scalp map
 * its gradient cut to its disc under its outline, bars their colours; and
 * scalp maps and bar charts are, to a few edge pixels, the cairo drawing
 * an export makes. Like the app, the windows use the cairo GSK renderer on
 * software OpenGL. Set SCMM_SCREENSHOT_DIR to keep the screenshots (gl-*.png
 * or cairo-*.png, -scale2 at a scale factor of 2).
 */

#include "scmm-build-config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "gl/scmm-figure-private.h"
#include "gl/scmm-gl-notice.h"
#include "gl/scmm-gl-status.h"
#include "scmm-figure-view.h"
#include "scmm-montage.h"
#include "scmm-renderer-choice.h"
#include "scmm-test-figure.h"
#include "scmm-test-screenshot.h"

#define WAIT_MS 10000

static gboolean expect_gl;

/* ---- pixels of a screenshot ---- */

typedef ScmmTestPixel Pixel;

typedef struct
{
  int      width, height;   /* in device pixels */
  guint32 *pixels;          /* premultiplied ARGB, opaque where a figure is */
  int      scale;           /* device pixels a unit of the layout */
} Shot;

/* The view as on screen, in device pixels: at a scale factor above 1 (run
 * with GDK_SCALE=2), rendered again at that scale once the screenshot
 * helper has seen it current, as the screen has it rather than scaled
 * down. */
static GdkTexture *
device_screenshot (GtkWidget *view,
                   int        scale)
{
  GdkTexture *texture = scmm_test_screenshot (view);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (view), height = gtk_widget_get_height (view);

  if (scale == 1)
    return texture;

  g_object_unref (texture);
  paintable = gtk_widget_paintable_new (view);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot, scale, scale);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (view)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width * scale, height * scale));
}

static Shot
shot_take (GtkWidget  *view,
           const char *name)
{
  int scale = gtk_widget_get_scale_factor (view);
  g_autoptr(GdkTexture) texture = device_screenshot (view, scale);
  g_autofree char *file_name = g_strdup_printf ("%s-%s%s", expect_gl ? "gl" : "cairo", name,
                                                scale > 1 ? "-scale2" : "");
  g_autofree char *path = NULL;
  Shot shot;

  g_assert_nonnull (texture);
  path = scmm_test_save_screenshot (texture, file_name);
  shot.width = gdk_texture_get_width (texture);
  shot.height = gdk_texture_get_height (texture);
  shot.scale = scale;
  g_assert_cmpint (shot.width, ==, gtk_widget_get_width (view) * scale);
  shot.pixels = g_new (guint32, (gsize) shot.width * (gsize) shot.height);
  gdk_texture_download (texture, (guchar *) shot.pixels, (gsize) shot.width * 4);
  return shot;
}

/* The device pixel (ix, iy). */
static Pixel
shot_device_pixel (const Shot *shot,
                   int         ix,
                   int         iy)
{
  guint32 v;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, shot->width);
  g_assert_cmpint (iy, <, shot->height);
  v = shot->pixels[(gsize) iy * (gsize) shot->width + (gsize) ix];
  return (Pixel) { (int) (v >> 16 & 0xff), (int) (v >> 8 & 0xff), (int) (v & 0xff) };
}

/* The pixel at (x, y) in the layout's units. */
static Pixel
shot_pixel (const Shot *shot,
            double      x,
            double      y)
{
  return shot_device_pixel (shot, (int) floor (x * shot->scale), (int) floor (y * shot->scale));
}

/* The pixel nearest in colour to `expected` within `radius` pixels of
 * (x, y): a line's colour is exact only at its middle. */
static Pixel
shot_pixel_around (const Shot *shot,
                   double      x,
                   double      y,
                   int         radius,
                   Pixel       expected)
{
  Pixel best = shot_pixel (shot, x, y);

  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        Pixel p = shot_pixel (shot, x + dx, y + dy);

        if (scmm_test_pixel_distance (p, expected) < scmm_test_pixel_distance (best, expected))
          best = p;
      }
  return best;
}

/* ---- views in windows ---- */

/* A window of the size asked showing the view (under the notice bar when
 * `notice`), once it has been drawn a few frames. */
static GtkWindow *
present_view (GtkWidget *view,
              int        width,
              int        height,
              gboolean   notice)
{
  GtkWindow *window = scmm_test_figure_window_new (view, width, height);

  if (notice)
    scmm_gl_notice_attach (window);
  scmm_test_figure_window_present (window, view);
  return window;
}

/* The path the view took is the one this run expects. */
static void
assert_path (GtkWidget *view)
{
  g_assert_cmpint (scmm_figure_view_is_using_gl (SCMM_FIGURE_VIEW (view)), ==, expect_gl);
  g_assert_cmpint (scmm_gl_status_get_unavailable (scmm_gl_status_get_default ()), ==, !expect_gl);
}

/* The layout the view drew with (the same one describe_at reads). */
static const Layout *
view_layout (GtkWidget *view)
{
  return scmm_figure_layout_cached (scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view)),
                                    gtk_widget_get_width (view), gtk_widget_get_height (view));
}

/* `figure` in `view`, in a window of width x height, drawn the way this
 * run expects; its screenshot `name`. */
static Shot
show_figure (GtkWidget   *view,
             ScmmFigure  *figure,
             int          width,
             int          height,
             const char  *name,
             GtkWindow  **window)
{
  Shot shot;

  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  *window = present_view (view, width, height, FALSE);
  shot = shot_take (view, name);
  assert_path (view);
  return shot;
}

/* ---- a similarity matrix ---- */

/* n x n like a batch's S: 1 on the diagonal, higher within blocks of
 * `block` samples (a class) than across them. */
static float *
similarity (int n,
            int block,
            int phase)
{
  float *s = g_new (float, (gsize) n * (gsize) n);

  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      {
        double v = i / block == j / block ? 0.6 : 0.1;

        if (i == j)
          v = 1.0;
        else
          v += 0.05 * sin ((i * 7 + j * 3 + phase) * 0.1);
        s[(gsize) i * (gsize) n + (gsize) j] = (float) v;
      }
  return s;
}

static void
test_heatmap (void)
{
  const int n = 48, block = 12;
  g_autofree float *s = similarity (n, block, 0);
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Similarity S");
  GtkWidget *view = scmm_figure_view_new ();
  const guint32 *lut = scmm_colormap_lut (SCMM_COLORMAP_VIRIDIS);
  Pixel top = { (int) (lut[LUT_SIZE - 1] >> 16 & 0xff), (int) (lut[LUT_SIZE - 1] >> 8 & 0xff),
                (int) (lut[LUT_SIZE - 1] & 0xff) };
  Pixel bottom = { (int) (lut[0] >> 16 & 0xff), (int) (lut[0] >> 8 & 0xff), (int) (lut[0] & 0xff) };
  GtkWindow *window;
  const Layout *layout;
  Shot shot;
  double cw, ch;

  scmm_figure_set_heatmap (figure, s, n, n, SCMM_COLORMAP_VIRIDIS, 0.0, 1.0, "similarity");
  scmm_figure_set_axis_labels (figure, "sample", "sample");
  shot = show_figure (view, figure, 640, 560, "heatmap", &window);

  layout = view_layout (view);
  cw = layout->plot.w / n;
  ch = layout->plot.h / n;
  for (int i = 0; i < n; i++)
    {
      g_autofree char *what = g_strdup_printf ("diagonal cell %d", i);

      scmm_test_assert_pixel_near (shot_pixel (&shot, layout->plot.x + (i + 0.5) * cw,
                                               layout->plot.y + (i + 0.5) * ch), top, 2, what);
    }
  /* Across blocks: low values, dark. */
  g_assert_cmpint (scmm_test_pixel_distance (shot_pixel (&shot, layout->plot.x + (n - 0.5) * cw,
                                                         layout->plot.y + 0.5 * ch), bottom), <, 80);
  /* The colorbar's ends. */
  scmm_test_assert_pixel_near (shot_pixel (&shot, layout->colorbar.x + layout->colorbar.w / 2,
                                           layout->colorbar.y + 2), top, 6, "colorbar top");
  scmm_test_assert_pixel_near (shot_pixel (&shot, layout->colorbar.x + layout->colorbar.w / 2,
                                           layout->colorbar.y + layout->colorbar.h - 2), bottom, 6,
                               "colorbar bottom");

  g_free (shot.pixels);
  scmm_test_destroy_window (window);
}

static Pixel
pixel_from_rgb (const Rgb *rgb)
{
  return (Pixel) { (int) lround (rgb->r * 255), (int) lround (rgb->g * 255), (int) lround (rgb->b * 255) };
}

/* Where the layout puts a point in axis units. */
static void
map_point (const Layout *layout,
           double        u,
           double        v,
           double       *x,
           double       *y)
{
  *x = scmm_figure_layout_map_x (layout, u);
  *y = scmm_figure_layout_map_y (layout, v);
}

static void
test_lines (void)
{
  const double x[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  const double rising[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  const double flat[] = { 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8 };
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Training curves");
  GtkWidget *view = scmm_figure_view_new ();
  GtkWindow *window;
  const Layout *layout;
  Shot shot;
  double px, py;

  scmm_figure_add_line (figure, "L", x, rising, G_N_ELEMENTS (x));
  scmm_figure_add_line (figure, "L_C", x, flat, G_N_ELEMENTS (x));
  scmm_figure_set_axis_labels (figure, "epoch", "loss");
  shot = show_figure (view, figure, 640, 420, "lines", &window);

  layout = view_layout (view);
  /* On each series, between its points: its palette colour. */
  map_point (layout, 2.5, 2.5, &px, &py);
  scmm_test_assert_pixel_near (shot_pixel_around (&shot, px, py, 2,
                                                  pixel_from_rgb (scmm_figure_theme_palette_colour (0))),
                               pixel_from_rgb (scmm_figure_theme_palette_colour (0)), 6, "on the rising series");
  map_point (layout, 1.5, 8, &px, &py);
  scmm_test_assert_pixel_near (shot_pixel_around (&shot, px, py, 2,
                                                  pixel_from_rgb (scmm_figure_theme_palette_colour (1))),
                               pixel_from_rgb (scmm_figure_theme_palette_colour (1)), 6, "on the flat series");
  /* Off the series, inside the plot: the background (a grid line may
   * pass there; nothing of a series' colour). */
  map_point (layout, 7.5, 2.3, &px, &py);
  for (int s = 0; s < 2; s++)
    {
      Pixel colour = pixel_from_rgb (scmm_figure_theme_palette_colour (s));

      g_assert_cmpint (scmm_test_pixel_distance (shot_pixel_around (&shot, px, py, 3, colour), colour), >, 100);
    }

  g_free (shot.pixels);
  scmm_test_destroy_window (window);
}

static void
test_confusion (void)
{
  const gint64 counts[] = { 40, 10, 0,
                            5, 30, 15,
                            0, 0, 50 };
  const char *const names[] = { "negative", "neutral", "positive", NULL };
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Confusion, subject 3");
  GtkWidget *view = scmm_figure_view_new ();
  GtkWindow *window;
  const Layout *layout;
  Shot shot;
  double cw, ch;

  scmm_figure_set_confusion (figure, counts, 3, names, TRUE);
  shot = show_figure (view, figure, 520, 460, "confusion", &window);

  layout = view_layout (view);
  cw = layout->plot.w / 3;
  ch = layout->plot.h / 3;
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      {
        double rgb[3];
        Rgb cell;
        g_autofree char *what = g_strdup_printf ("cell %d, %d", r, c);

        scmm_colormap_blues_rgb (scmm_figure_confusion_fraction (figure, r, c, NULL), rgb);
        cell = (Rgb) { rgb[0], rgb[1], rgb[2] };
        /* A corner of the cell, clear of its number. */
        scmm_test_assert_pixel_near (shot_pixel (&shot, layout->plot.x + c * cw + 6, layout->plot.y + r * ch + 6),
                                     pixel_from_rgb (&cell), 2, what);
      }

  g_free (shot.pixels);
  scmm_test_destroy_window (window);
}

static void
test_scatter (void)
{
  double x[200], y[200];
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Embedding");
  GtkWidget *view = scmm_figure_view_new ();
  GtkWindow *window;
  const Layout *layout;
  Shot shot;
  double px, py;
  int source, target;

  for (int i = 0; i < 100; i++)
    {
      x[i] = cos (i * 0.37) * (1 + i % 7 * 0.1);
      y[i] = sin (i * 0.37) * (1 + i % 5 * 0.1);
      x[100 + i] = 4 + cos (i * 0.53) * (0.5 + i % 3 * 0.2);
      y[100 + i] = 1 + sin (i * 0.53) * (0.5 + i % 4 * 0.2);
    }
  source = scmm_figure_add_points (figure, "source", x, y, 100);
  target = scmm_figure_add_points (figure, "target", x + 100, y + 100, 100);
  scmm_figure_set_points_style (figure, target, 1, SCMM_MARKER_HOLLOW);
  g_assert_cmpint (source, ==, 0);
  shot = show_figure (view, figure, 640, 460, "scatter", &window);

  layout = view_layout (view);
  /* A filled marker's centre: its colour at 80 % on white. */
  map_point (layout, x[0], y[0], &px, &py);
  {
    const Rgb *c = scmm_figure_theme_palette_colour (0);
    Rgb blend = { c->r * 0.8 + 0.2, c->g * 0.8 + 0.2, c->b * 0.8 + 0.2 };

    scmm_test_assert_pixel_near (shot_pixel (&shot, px, py), pixel_from_rgb (&blend), 40, "a filled marker");
  }

  g_free (shot.pixels);
  scmm_test_destroy_window (window);
}

/* ---- scalp maps and bar charts ---- */

/* The figure drawn by cairo alone at the view's size, with the view's font
 * options: what the fallback and an export show. */
static Shot
cairo_drawing (GtkWidget *view)
{
  int width = gtk_widget_get_width (view), height = gtk_widget_get_height (view);
  int scale = gtk_widget_get_scale_factor (view);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (gtk_widget_get_pango_context (view));
  cairo_t *cr;
  Shot shot = { width * scale, height * scale, g_new (guint32, (gsize) (width * scale) * (gsize) (height * scale)),
                scale };

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  if (options != NULL)
    cairo_set_font_options (cr, options);
  scmm_figure_draw_cairo (scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view)), cr, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < shot.height; y++)
    memcpy (shot.pixels + (gsize) y * (gsize) shot.width,
            cairo_image_surface_get_data (surface) + (gsize) y * (gsize) cairo_image_surface_get_stride (surface),
            (gsize) shot.width * 4);
  cairo_surface_destroy (surface);
  return shot;
}

/* The view's pixels are the cairo drawing's: at most `share` of them
 * differ by more than `tolerance` on a channel. */
static void
assert_like_cairo (GtkWidget  *view,
                   const Shot *shot,
                   int         tolerance,
                   double      share,
                   const char *what)
{
  Shot drawing = cairo_drawing (view);
  int differing = 0, n = 0, largest = 0;

  g_assert_cmpint (drawing.width, ==, shot->width);
  for (int y = 0; y < shot->height; y++)
    for (int x = 0; x < shot->width; x++)
      {
        Pixel a = shot_device_pixel (shot, x, y), b = shot_device_pixel (&drawing, x, y);
        int d = scmm_test_pixel_distance (a, b);

        largest = MAX (largest, d);
        if (d > tolerance && differing < 6)
          g_test_message ("  (%d, %d): #%02x%02x%02x, cairo's #%02x%02x%02x", x, y, a.r, a.g, a.b, b.r, b.g, b.b);
        differing += d > tolerance;
        n++;
      }
  g_test_message ("%s: %d of %d pixels differ from cairo's by more than %d (at most %d)", what, differing, n,
                  tolerance, largest);
  if (differing > share * n)
    g_error ("%s: %d of %d pixels differ from cairo's by more than %d", what, differing, n, tolerance);
  g_free (drawing.pixels);
}

/* Whether the theme's text colour (the outline's, an electrode's) is within
 * `reach` pixels of (x, y), to an antialiased line's blend. */
static gboolean
is_dark_around (const Shot *shot,
                double      x,
                double      y,
                int         reach)
{
  Pixel text = pixel_from_rgb (&scmm_figure_theme_text);

  return scmm_test_pixel_distance (shot_pixel_around (shot, x, y, reach, text), text) < 70;
}

static void
test_scalp (void)
{
  g_autoptr(ScmmFigure) figure = scmm_test_scalp_gradient ();
  GtkWidget *view = scmm_figure_view_new ();
  const Pixel white = pixel_from_rgb (&scmm_figure_theme_background);
  GtkWindow *window;
  Shot shot;
  Box square;
  double cx, cy, r;
  int blended = 0;

  shot = show_figure (view, figure, 560, 480, "scalp", &window);

  square = scmm_figure_layout_scalp_square (view_layout (view));
  cx = square.x + square.w / 2;
  cy = square.y + square.h / 2;
  r = square.w / 2;
  g_assert_cmpfloat (r, >, 120);
  /* Low on the left, high on the right, at the colormap's colours (a cell
   * is 1/32 of the radius: a tolerance of a cell's colour step). */
  scmm_test_assert_pixel_near (shot_pixel (&shot, cx - 0.6 * r, cy),
                               scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.2), 14, "x = -0.6");
  scmm_test_assert_pixel_near (shot_pixel (&shot, cx + 0.6 * r, cy - 0.3 * r),
                               scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.8), 14, "x = 0.6");
  scmm_test_assert_pixel_near (shot_pixel (&shot, cx, cy + 0.2 * r),
                               scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.5), 14, "x = 0");
  /* Outside the disc, in the grid's square: the background. */
  scmm_test_assert_pixel_near (shot_pixel (&shot, cx + 0.78 * r, cy - 0.78 * r), white, 0, "a corner of the grid");
  scmm_test_assert_pixel_near (shot_pixel (&shot, cx - 0.8 * r, cy + 0.8 * r), white, 0, "another corner");
  /* The outline over the map: dark on the circle, at 45° and at 200°; an
   * electrode a dark dot. */
  g_assert_true (is_dark_around (&shot, cx + r * cos (G_PI / 4), cy - r * sin (G_PI / 4), 2));
  g_assert_true (is_dark_around (&shot, cx + r * cos (G_PI * 200 / 180), cy - r * sin (G_PI * 200 / 180), 2));
  g_assert_true (is_dark_around (&shot, cx + 0.5 * r, cy + 0.5 * r, 1));
  g_assert_false (is_dark_around (&shot, cx + 0.9 * r * cos (G_PI / 4), cy - 0.9 * r * sin (G_PI / 4), 2));
  /* The whole figure is the cairo drawing's, to a pixel here and there. */
  assert_like_cairo (view, &shot, 16, 0.001, "scalp map");
  g_free (shot.pixels);

  /* Without the outline, the disc's edge: smooth, from the map's colour to
   * the background over a pixel or two, as cairo's clip. */
  scmm_figure_set_scalp_outline (figure, NULL, NULL, 0);
  scmm_figure_set_scalp_electrodes (figure, NULL, NULL, NULL, 0);
  scmm_figure_view_update (SCMM_FIGURE_VIEW (view));
  g_assert_true (scmm_test_wait_for_frames (view, 2, WAIT_MS));
  shot = shot_take (view, "scalp-bare");
  assert_path (view);
  for (int k = 0; k < 8; k++)
    {
      double angle = G_PI / 8 + k * G_PI / 4;
      Pixel inside = shot_pixel (&shot, cx + (r - 4) * cos (angle), cy - (r - 4) * sin (angle));

      g_assert_cmpint (scmm_test_pixel_distance (inside, white), >, 40);
      for (double d = r - 2; d <= r + 2; d += 0.5)
        {
          Pixel p = shot_pixel (&shot, cx + d * cos (angle), cy - d * sin (angle));

          if (scmm_test_pixel_distance (p, white) > 12 && scmm_test_pixel_distance (p, inside) > 12)
            {
              blended++;
              break;
            }
        }
    }
  g_test_message ("antialiased edge seen on %d of 8 rays", blended);
  g_assert_cmpint (blended, >=, 6);
  assert_like_cairo (view, &shot, 16, 0.001, "bare scalp map");
  g_free (shot.pixels);
  scmm_test_destroy_window (window);
}

/* Real-looking maps, to look at side by side with the fallback's. */
static void
test_scalp_montage (void)
{
  g_autoptr(ScmmFigure) figure = scmm_test_showcase_scalp (SCMM_SEED_CHANNELS);
  GtkWidget *view = scmm_figure_view_new ();
  GtkWindow *window;
  Shot shot;

  shot = show_figure (view, figure, 720, 600, "scalp-seed62", &window);
  assert_like_cairo (view, &shot, 16, 0.002, "SEED map");
  g_free (shot.pixels);
  scmm_test_destroy_window (window);
}

static void
test_bars (void)
{
  const double values[] = { 3, -2, 5, 1, 4, 2.5, -1, 3.5 };
  const int highlight[] = { 4 };
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Soft weights");
  GtkWidget *view = scmm_figure_view_new ();
  const Pixel bar = pixel_from_rgb (&scmm_figure_theme_bar), hot = pixel_from_rgb (&scmm_figure_theme_highlight);
  const Pixel white = pixel_from_rgb (&scmm_figure_theme_background);
  GtkWindow *window;
  const Layout *layout;
  Shot shot;
  double x, y;

  scmm_figure_set_bars (figure, values, G_N_ELEMENTS (values), NULL);
  scmm_figure_set_bar_highlight (figure, highlight, 1);
  scmm_figure_set_axis_labels (figure, "sample", "weight");
  shot = show_figure (view, figure, 600, 400, "bars", &window);

  layout = view_layout (view);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *what = g_strdup_printf ("bar %u", i);

      map_point (layout, i + 0.5, values[i] / 2, &x, &y);
      scmm_test_assert_pixel_near (shot_pixel (&shot, x, y), i == 4 ? hot : bar, 0, what);
      /* Above a positive bar, below a negative one, and between bars: the
       * background (or a grid line next to it). */
      map_point (layout, i + 0.5, values[i] + (values[i] > 0 ? 0.15 : -0.15), &x, &y);
      scmm_test_assert_pixel_near (shot_pixel_around (&shot, x, y, 1, white), white, 0, "beyond a bar's end");
      map_point (layout, i + 0.05, values[i] / 2, &x, &y);
      scmm_test_assert_pixel_near (shot_pixel_around (&shot, x, y, 1, white), white, 0, "between bars");
    }
  assert_like_cairo (view, &shot, 8, 0, "bars");
  g_free (shot.pixels);

  /* Hundreds: thin bars, the highlighted one still a few pixels wide in
   * its colour. */
  {
    g_autoptr(ScmmFigure) many = scmm_test_showcase_bars (512);
    int hot_columns = 0;

    scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), many);
    g_assert_true (scmm_test_wait_for_frames (view, 3, WAIT_MS));
    shot = shot_take (view, "bars-512");
    assert_path (view);
    layout = view_layout (view);
    map_point (layout, 0, 0.2, &x, &y);
    for (double px = layout->plot.x; px < layout->plot.x + layout->plot.w; px++)
      hot_columns += scmm_test_pixel_distance (shot_pixel (&shot, px, y), hot) == 0;
    g_test_message ("512 bars: the highlighted one %d pixels wide", hot_columns);
    g_assert_cmpint (hot_columns, >=, 3);
    g_assert_cmpint (hot_columns, <=, 4);
    assert_like_cairo (view, &shot, 8, 0, "512 bars");
    g_free (shot.pixels);
  }
  scmm_test_destroy_window (window);
}

/* ---- zoom and pan ---- */

static Pixel
palette_pixel (int index)
{
  return pixel_from_rgb (scmm_figure_theme_palette_colour (index));
}

/* The series' colour within `radius` pixels of where the layout puts
 * (u, v), or (expect FALSE) nothing of it there. */
static void
assert_series_at (const Shot   *shot,
                  const Layout *layout,
                  double        u,
                  double        v,
                  gboolean      expect,
                  const char   *what)
{
  double px, py;
  Pixel p;

  map_point (layout, u, v, &px, &py);
  p = shot_pixel_around (shot, px, py, 2, palette_pixel (0));
  if (expect)
    scmm_test_assert_pixel_near (p, palette_pixel (0), 8, what);
  else if (scmm_test_pixel_distance (p, palette_pixel (0)) <= 100)
    g_error ("%s: #%02x%02x%02x is the series' colour", what, p.r, p.g, p.b);
}

/* The first x tick's value, parsed from its label. */
static double
first_x_tick (GtkWidget *view)
{
  g_auto(GStrv) labels = scmm_figure_get_tick_labels (scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view)),
                                                      gtk_widget_get_width (view), gtk_widget_get_height (view),
                                                      SCMM_AXIS_X);

  g_assert_nonnull (labels[0]);
  return g_ascii_strtod (labels[0], NULL);
}

static void
test_zoom_lines (void)
{
  double x[101], y[101];
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Loss, zoomed");
  GtkWidget *view = scmm_figure_view_new ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "scmm-zoomed-lines.png", NULL);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  const Layout *layout;
  Shot shot;
  double lo, hi, full_lo, full_hi, px, py, before_x;
  g_autofree char *text = NULL;

  for (int i = 0; i <= 100; i++)
    {
      x[i] = i;
      y[i] = i;
    }
  scmm_figure_add_line (figure, "L", x, y, 101);
  scmm_figure_set_axis_labels (figure, "step", "loss");
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  window = present_view (view, 640, 420, FALSE);
  layout = view_layout (view);
  full_lo = layout->x_lo;
  full_hi = layout->x_hi;
  g_assert_cmpfloat (first_x_tick (view), ==, 0);
  g_assert_false (scmm_figure_get_view (figure, SCMM_AXIS_X, NULL, NULL));

  /* Scrolling in around x = 60: a fifth of the range, 60 stays put. */
  map_point (layout, 60, 60, &before_x, &py);
  g_assert_true (scmm_figure_view_zoom (SCMM_FIGURE_VIEW (view), 0.2, before_x, py));
  g_assert_true (scmm_figure_get_view (figure, SCMM_AXIS_X, &lo, &hi));
  g_assert_false (scmm_figure_get_view (figure, SCMM_AXIS_Y, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (hi - lo, (full_hi - full_lo) * 0.2, 1e-9);
  g_assert_true (lo < 60 && hi > 60);
  g_assert_true (scmm_test_wait_for_frames (view, 3, WAIT_MS));
  layout = view_layout (view);
  map_point (layout, 60, 60, &px, &py);
  /* The plot box may move with the new tick labels, by a few pixels. */
  g_assert_cmpfloat (fabs (px - before_x), <, 12);
  /* The ticks follow: whole steps inside the view. */
  g_assert_cmpfloat (first_x_tick (view), >=, lo);
  g_assert_cmpfloat (first_x_tick (view), >, 40);

  shot = shot_take (view, "lines-zoomed");
  assert_path (view);
  assert_series_at (&shot, layout, 60, 60, TRUE, "on the series at 60");
  assert_series_at (&shot, layout, lo + 1, lo + 1, TRUE, "on the series at the view's left");
  /* Clipped: the series below the view would be left of the plot box. */
  map_point (layout, lo - 0.4, lo - 0.4, &px, &py);
  g_assert_cmpfloat (px, <, layout->plot.x);
  assert_series_at (&shot, layout, lo - 0.4, lo - 0.4, FALSE, "left of the plot");
  g_free (shot.pixels);

  /* The tooltip describes what is shown, and not what is clipped. */
  map_point (layout, 60, 60, &px, &py);
  text = scmm_figure_describe_at (figure, gtk_widget_get_width (view), gtk_widget_get_height (view), px, py);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "x = 60,"));

  /* The export draws the view. */
  g_assert_true (scmm_figure_export (figure, path, 640, 420, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
    const Layout *exported = scmm_figure_layout_cached (figure, 640, 420);
    Shot file = { 640, 420, g_new (guint32, 640 * 420), 1 };

    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), ==, 640);
    gdk_texture_download (texture, (guchar *) file.pixels, 640 * 4);
    g_assert_cmpfloat (exported->x_lo, ==, lo);
    assert_series_at (&file, exported, 60, 60, TRUE, "exported, at 60");
    assert_series_at (&file, exported, lo - 0.4, lo - 0.4, FALSE, "exported, left of the plot");
    g_free (file.pixels);
    g_unlink (path);
  }

  /* Dragging right by 50 pixels moves the view left by as many units,
   * and no further than the data's start. */
  layout = view_layout (view);
  {
    double units = 50 / layout->plot.w * (hi - lo), lo2, hi2;

    g_assert_true (scmm_figure_view_pan (SCMM_FIGURE_VIEW (view), 50, 30));
    g_assert_true (scmm_figure_get_view (figure, SCMM_AXIS_X, &lo2, &hi2));
    g_assert_cmpfloat_with_epsilon (lo2, lo - units, 1e-9);
    g_assert_cmpfloat_with_epsilon (hi2 - lo2, hi - lo, 1e-9);
    g_assert_false (scmm_figure_get_view (figure, SCMM_AXIS_Y, NULL, NULL));
    g_assert_true (scmm_figure_view_pan (SCMM_FIGURE_VIEW (view), 1e6, 0));
    g_assert_true (scmm_figure_get_view (figure, SCMM_AXIS_X, &lo2, &hi2));
    g_assert_cmpfloat (lo2, ==, full_lo);
  }

  /* The keys' actions: + zooms in around the middle, 0 resets, and
   * zooming out past the data's range is the data's range. */
  gtk_widget_activate_action (view, "figure.zoom-reset", NULL);
  g_assert_false (scmm_figure_get_view (figure, SCMM_AXIS_X, NULL, NULL));
  gtk_widget_activate_action (view, "figure.zoom-in", NULL);
  g_assert_true (scmm_figure_get_view (figure, SCMM_AXIS_X, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (hi - lo, (full_hi - full_lo) / 1.25, 1e-9);
  g_assert_cmpfloat_with_epsilon ((lo + hi) / 2, (full_lo + full_hi) / 2, (full_hi - full_lo) * 0.01);
  gtk_widget_activate_action (view, "figure.zoom-out", NULL);
  gtk_widget_activate_action (view, "figure.zoom-out", NULL);
  g_assert_false (scmm_figure_get_view (figure, SCMM_AXIS_X, NULL, NULL));
  g_assert_true (scmm_test_wait_for_frames (view, 2, WAIT_MS));
  g_assert_cmpfloat (view_layout (view)->x_lo, ==, full_lo);

  scmm_test_destroy_window (window);
}

static void
test_zoom_scatter (void)
{
  double x[400], y[400];
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Embedding, zoomed");
  GtkWidget *view = scmm_figure_view_new ();
  GtkWindow *window;
  const Layout *layout;
  Shot shot;
  double px, py, x_lo, x_hi, y_lo, y_hi;

  for (int i = 0; i < 400; i++)
    {
      x[i] = (i % 20) * 0.5;
      y[i] = (i / 20) * 0.5;
    }
  scmm_figure_add_points (figure, "windows", x, y, 400);
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  window = present_view (view, 640, 460, FALSE);
  layout = view_layout (view);

  /* Both axes zoom around the point under the pointer. */
  map_point (layout, 5, 5, &px, &py);
  g_assert_true (scmm_figure_view_zoom (SCMM_FIGURE_VIEW (view), 0.25, px, py));
  g_assert_true (scmm_figure_get_view (figure, SCMM_AXIS_X, &x_lo, &x_hi));
  g_assert_true (scmm_figure_get_view (figure, SCMM_AXIS_Y, &y_lo, &y_hi));
  g_assert_true (x_lo < 5 && x_hi > 5 && y_lo < 5 && y_hi > 5);
  g_assert_cmpfloat (x_hi - x_lo, <, 3);
  g_assert_true (scmm_test_wait_for_frames (view, 3, WAIT_MS));
  layout = view_layout (view);

  shot = shot_take (view, "scatter-zoomed");
  assert_path (view);
  /* A marker inside the view, and the gap between markers, now wide. */
  {
    const Rgb *c = scmm_figure_theme_palette_colour (0);
    Rgb blend = { c->r * 0.8 + 0.2, c->g * 0.8 + 0.2, c->b * 0.8 + 0.2 };

    map_point (layout, 5, 5, &px, &py);
    scmm_test_assert_pixel_near (shot_pixel (&shot, px, py), pixel_from_rgb (&blend), 40, "a marker in the view");
    map_point (layout, 5.25, 5.25, &px, &py);
    g_assert_cmpint (scmm_test_pixel_distance (shot_pixel (&shot, px, py), pixel_from_rgb (&blend)), >, 60);
  }
  g_free (shot.pixels);

  /* Dragging down and right shows what is up and left. */
  g_assert_true (scmm_figure_view_pan (SCMM_FIGURE_VIEW (view), 20, 20));
  {
    double x_lo2, y_lo2;

    g_assert_true (scmm_figure_get_view (figure, SCMM_AXIS_X, &x_lo2, NULL));
    g_assert_true (scmm_figure_get_view (figure, SCMM_AXIS_Y, &y_lo2, NULL));
    g_assert_cmpfloat (x_lo2, <, x_lo);
    g_assert_cmpfloat (y_lo2, >, y_lo);
  }
  g_assert_true (scmm_figure_view_reset_zoom (SCMM_FIGURE_VIEW (view)));
  g_assert_false (scmm_figure_get_view (figure, SCMM_AXIS_Y, NULL, NULL));

  scmm_test_destroy_window (window);
}

/* The first controller of `type` on the widget (for the click gesture of
 * the primary button, the one with that button). */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type,
                 guint      button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) &&
          (button == 0 || gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == button))
        return controller;
    }
  g_error ("no %s on the view", g_type_name (type));
  return NULL;
}

/* What the pointer does reaches the zoom: the controllers' signals as
 * GTK emits them for a scroll, a drag and a double click. */
static void
test_zoom_events (void)
{
  double x[50], y[50];
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Accuracy");
  GtkWidget *view = scmm_figure_view_new ();
  GtkWindow *window;
  const Layout *layout;
  GtkEventController *motion, *scroll, *drag, *click;
  double px, py, lo, hi, lo2, hi2, full;
  gboolean handled = FALSE;

  for (int i = 0; i < 50; i++)
    {
      x[i] = i;
      y[i] = 50 + 40 * sin (i * 0.3);
    }
  scmm_figure_add_line (figure, "accuracy", x, y, 50);
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  window = present_view (view, 600, 400, FALSE);
  layout = view_layout (view);
  full = layout->x_hi - layout->x_lo;
  motion = find_controller (view, GTK_TYPE_EVENT_CONTROLLER_MOTION, 0);
  scroll = find_controller (view, GTK_TYPE_EVENT_CONTROLLER_SCROLL, 0);
  drag = find_controller (view, GTK_TYPE_GESTURE_DRAG, 0);
  click = find_controller (view, GTK_TYPE_GESTURE_CLICK, GDK_BUTTON_PRIMARY);

  /* Off the plot, a scroll does nothing; on it, a step down out of the
   * whole is left to the page, a step up zooms in. */
  g_signal_emit_by_name (motion, "motion", 2.0, 2.0);
  g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
  g_assert_false (handled);
  g_assert_false (scmm_figure_get_view (figure, SCMM_AXIS_X, NULL, NULL));
  map_point (layout, 30, 50, &px, &py);
  g_signal_emit_by_name (motion, "motion", px, py);
  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  g_assert_false (handled);
  g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
  g_assert_true (handled);
  g_assert_true (scmm_figure_get_view (figure, SCMM_AXIS_X, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (hi - lo, full / 1.25, 1e-9);
  g_assert_true (lo < 30 && hi > 30);

  /* A drag to the right shows what is left. */
  g_signal_emit_by_name (drag, "drag-begin", px, py);
  g_signal_emit_by_name (drag, "drag-update", 40.0, 0.0);
  g_signal_emit_by_name (drag, "drag-end", 40.0, 0.0);
  g_assert_true (scmm_figure_get_view (figure, SCMM_AXIS_X, &lo2, &hi2));
  g_assert_cmpfloat (lo2, <, lo);
  g_assert_cmpfloat_with_epsilon (hi2 - lo2, hi - lo, 1e-9);

  /* A double click shows it all. */
  g_signal_emit_by_name (click, "pressed", 2, px, py);
  g_assert_false (scmm_figure_get_view (figure, SCMM_AXIS_X, NULL, NULL));

  scmm_test_destroy_window (window);
}

/* Other kinds do not zoom, and keep no view. */
static void
test_zoom_other_kinds (void)
{
  const gint64 counts[] = { 3, 1, 2, 4 };
  const double values[] = { 1, 3, 2 };
  g_autoptr(ScmmFigure) confusion = scmm_figure_new ("Confusion");
  g_autoptr(ScmmFigure) scalp = scmm_test_scalp_gradient ();
  g_autoptr(ScmmFigure) bars = scmm_figure_new ("Weights");
  ScmmFigure *figures[] = { confusion, scalp, bars };
  GtkWidget *view = scmm_figure_view_new ();
  GtkWindow *window;

  scmm_figure_set_confusion (confusion, counts, 2, NULL, FALSE);
  scmm_figure_set_bars (bars, values, G_N_ELEMENTS (values), NULL);
  window = present_view (view, 400, 300, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figures[i]);
      g_assert_true (scmm_test_wait_for_frames (view, 2, WAIT_MS));
      g_assert_false (scmm_figure_view_zoom (SCMM_FIGURE_VIEW (view), 0.5, 200, 150));
      g_assert_false (scmm_figure_view_pan (SCMM_FIGURE_VIEW (view), 10, 10));
      g_assert_false (scmm_figure_view_reset_zoom (SCMM_FIGURE_VIEW (view)));
      g_assert_false (scmm_figure_get_view (figures[i], SCMM_AXIS_X, NULL, NULL));
      g_assert_false (scmm_figure_get_view (figures[i], SCMM_AXIS_Y, NULL, NULL));
      assert_path (view);
    }
  scmm_test_destroy_window (window);
}

/* Without OpenGL the first window says so, with the reason, and no other
 * window after it; with OpenGL none does. */
static void
test_notice_once (void)
{
  const double x[] = { 1, 2, 3 }, y[] = { 3, 1, 2 };
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Loss");
  GtkWidget *first_view = scmm_figure_view_new (), *second_view = scmm_figure_view_new ();
  GtkWindow *first, *second;
  GtkWidget *bar;

  scmm_figure_add_line (figure, "L", x, y, 3);
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (first_view), figure);
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (second_view), figure);

  first = present_view (first_view, 520, 400, TRUE);
  bar = scmm_gl_notice_get_bar (first);
  g_assert_nonnull (bar);
  g_assert_cmpint (gtk_widget_get_visible (bar), ==, !expect_gl);
  if (!expect_gl)
    {
      GtkWidget *label = gtk_widget_get_first_child (bar);
      const char *reason = scmm_gl_status_get_reason (scmm_gl_status_get_default ());
      g_autofree char *expected = g_strdup_printf ("OpenGL is unavailable: figures are drawn with cairo (%s)", reason);
      g_autoptr(GdkTexture) shot = NULL;
      g_autofree char *path = NULL;

      /* The label is inside the bar's own boxes. */
      while (label != NULL && !GTK_IS_LABEL (label))
        label = gtk_widget_get_first_child (label);
      g_assert_nonnull (label);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
      g_assert_nonnull (strstr (expected, "GDK_DEBUG"));
      shot = scmm_test_screenshot (GTK_WIDGET (first));
      path = scmm_test_save_screenshot (shot, "cairo-notice");
    }

  second = present_view (second_view, 520, 400, TRUE);
  g_assert_false (gtk_widget_get_visible (scmm_gl_notice_get_bar (second)));
  assert_path (second_view);

  scmm_test_destroy_window (second);
  scmm_test_destroy_window (first);
}

int
main (int   argc,
      char *argv[])
{
  const char *debug = g_getenv ("GDK_DEBUG");

  expect_gl = debug == NULL || strstr (debug, "gl-disable") == NULL;
  gtk_test_init (&argc, &argv, NULL);
  scmm_test_park_pointer ();
  /* As the application does at startup. */
  g_free (scmm_renderer_prefer_cairo_on_software_gl ());

  g_test_add_func ("/gl-figure-view/heatmap", test_heatmap);
  g_test_add_func ("/gl-figure-view/lines", test_lines);
  g_test_add_func ("/gl-figure-view/confusion", test_confusion);
  g_test_add_func ("/gl-figure-view/scatter", test_scatter);
  g_test_add_func ("/gl-figure-view/scalp", test_scalp);
  g_test_add_func ("/gl-figure-view/scalp-montage", test_scalp_montage);
  g_test_add_func ("/gl-figure-view/bars", test_bars);
  g_test_add_func ("/gl-figure-view/zoom-lines", test_zoom_lines);
  g_test_add_func ("/gl-figure-view/zoom-scatter", test_zoom_scatter);
  g_test_add_func ("/gl-figure-view/zoom-events", test_zoom_events);
  g_test_add_func ("/gl-figure-view/zoom-other-kinds", test_zoom_other_kinds);
  g_test_add_func ("/gl-figure-view/notice-once", test_notice_once);

  return g_test_run ();
}
