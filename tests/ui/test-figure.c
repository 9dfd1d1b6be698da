/* test-figure.c: figures, their cairo renderer, their export and their view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pixel checks on renders into image surfaces, located through
 * scmm_figure_describe_at() rather than through layout numbers, so they test
 * that what is described is what is drawn. Set SCMM_SCREENSHOT_DIR to keep
 * the renders (figure-*.png).
 */

#include "scmm-build-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "scmm-error.h"

#include "gl/scmm-figure.h"
#include "scmm-montage.h"
#include "scmm-figure-view.h"
#include "scmm-test-figure.h"
#include "scmm-test-screenshot.h"

#define WAIT_MS 10000

/* Okabe-Ito blue and vermillion: the palette's first two colours. */
#define FIRST_SERIES_COLOUR 0x0072b2
#define SECOND_SERIES_COLOUR 0xd55e00

/* ---- images ---- */

typedef ScmmTestPixel Pixel;

static cairo_surface_t *
render (const ScmmFigure *figure,
        int               width,
        int               height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  scmm_figure_draw_cairo (figure, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 value;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  memcpy (&value, data + (gsize) y * (gsize) stride + (gsize) x * 4, sizeof value);
  /* Opaque everywhere (the figure paints its background): no unpremultiply. */
  return (Pixel) { (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };
}

static Pixel
pixel_from_hex (guint32 hex)
{
  return (Pixel) { (hex >> 16) & 0xff, (hex >> 8) & 0xff, hex & 0xff };
}

static gboolean
is_colourful (Pixel p)
{
  return MAX (MAX (p.r, p.g), p.b) - MIN (MIN (p.r, p.g), p.b) > 60;
}

static double
pixel_luminance (Pixel p)
{
  return 0.2126 * p.r + 0.7152 * p.g + 0.0722 * p.b;
}

/* Keeps a render as NAME.png in the screenshot directory. */
static void
save_render (cairo_surface_t *surface,
             const char      *name)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * (gsize) height);
  /* cairo's ARGB32 is GDK's default memory format (premultiplied BGRA on
   * little-endian). */
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, (gsize) stride);
  path = scmm_test_save_screenshot (texture, name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* ---- describe_at, parsed ---- */

typedef struct
{
  int    row;
  int    col;
  double value;
} Cell;

/* "row R, column C: V" (a heatmap without labels). */
static gboolean
parse_heatmap_cell (const char *text,
                    Cell       *cell)
{
  return text != NULL && sscanf (text, "row %d, column %d: %lf", &cell->row, &cell->col, &cell->value) == 3;
}

/* The cell at (x, y), only when the points 2 pixels around it are in the
 * same cell: away from the edges, where rounding may go either way. */
static gboolean
heatmap_cell_inside (const ScmmFigure *figure,
                     int               width,
                     int               height,
                     int               x,
                     int               y,
                     Cell             *cell)
{
  static const int offsets[4][2] = { { -2, 0 }, { 2, 0 }, { 0, -2 }, { 0, 2 } };
  g_autofree char *text = scmm_figure_describe_at (figure, width, height, x, y);

  if (!parse_heatmap_cell (text, cell))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autofree char *other = scmm_figure_describe_at (figure, width, height, x + offsets[i][0],
                                                        y + offsets[i][1]);

      if (g_strcmp0 (text, other) != 0)
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  Cell  cell;
  Pixel pixel;
} CellSample;

/* The pixels, every `step` in both directions, well inside a cell of a
 * render of `figure`, with the cell describe_at names there. */
static GArray *
sample_cells (const ScmmFigure *figure,
              cairo_surface_t  *surface,
              int               step)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (CellSample));
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  for (int py = 0; py < height; py += step)
    for (int px = 0; px < width; px += step)
      {
        CellSample sample;

        if (!heatmap_cell_inside (figure, width, height, px, py, &sample.cell))
          continue;
        sample.pixel = pixel_at (surface, px, py);
        g_array_append_val (samples, sample);
      }
  return samples;
}

/* ---- the description ---- */

static void
test_figure_revision (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Losses");
  static const double x[] = { 1, 2, 3 };
  static const double y[] = { 3, 2, 1 };
  static const float values[] = { 1, 2, 3, 4 };
  static const gint64 counts[] = { 3, 1, 0, 4 };
  guint64 revision = scmm_figure_get_revision (figure);
  int series;

  g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_EMPTY);
  g_assert_cmpint (scmm_figure_get_n_lines (figure), ==, 0);

#define ASSERT_BUMPED()                                                  \
  G_STMT_START {                                                         \
    g_assert_cmpuint (scmm_figure_get_revision (figure), >, revision);  \
    revision = scmm_figure_get_revision (figure);                        \
  } G_STMT_END

  scmm_figure_set_title (figure, "Pre-training losses");
  ASSERT_BUMPED ();
  g_assert_cmpstr (scmm_figure_get_title (figure), ==, "Pre-training losses");
  scmm_figure_set_axis_labels (figure, "epoch", "loss");
  ASSERT_BUMPED ();
  scmm_figure_set_y_scale (figure, SCMM_SCALE_LOG);
  ASSERT_BUMPED ();
  scmm_figure_set_y_range (figure, 0.01, NAN);
  ASSERT_BUMPED ();

  series = scmm_figure_add_line (figure, "L", x, y, 3);
  ASSERT_BUMPED ();
  g_assert_cmpint (series, ==, 0);
  g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_LINES);
  /* Live curves start empty, x may be left to the indices. */
  g_assert_cmpint (scmm_figure_add_line (figure, "L_C", NULL, NULL, 0), ==, 1);
  ASSERT_BUMPED ();
  g_assert_cmpint (scmm_figure_add_line (figure, NULL, NULL, y, 3), ==, 2);
  ASSERT_BUMPED ();
  scmm_figure_line_append (figure, 1, 4, 0.5);
  ASSERT_BUMPED ();
  g_assert_cmpint (scmm_figure_get_n_lines (figure), ==, 3);
  scmm_figure_clear_lines (figure);
  ASSERT_BUMPED ();
  g_assert_cmpint (scmm_figure_get_n_lines (figure), ==, 0);

  scmm_figure_set_heatmap (figure, values, 2, 2, SCMM_COLORMAP_VIRIDIS, NAN, NAN, "value");
  ASSERT_BUMPED ();
  g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_HEATMAP);
  scmm_figure_set_heatmap_labels (figure, (const char *const[]) { "a", "b", NULL }, NULL);
  ASSERT_BUMPED ();

  scmm_figure_set_confusion (figure, counts, 2, (const char *const[]) { "sad", "happy", NULL }, TRUE);
  ASSERT_BUMPED ();
  g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_CONFUSION);

  /* A line after a confusion matrix: the figure is a line plot again. */
  scmm_figure_add_line (figure, "again", x, y, 3);
  ASSERT_BUMPED ();
  g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_LINES);
  g_assert_cmpint (scmm_figure_get_n_lines (figure), ==, 1);

#undef ASSERT_BUMPED

  g_assert_true (scmm_figure_ref (figure) == figure);
  scmm_figure_unref (figure);
}

static void
test_colormaps (void)
{
  double previous = -1;

  /* viridis's published colours at 0, 1/4, 1/2, 3/4 and 1 */
  scmm_test_assert_pixel_near (scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.0), pixel_from_hex (0x440154), 6,
                               "viridis(0)");
  scmm_test_assert_pixel_near (scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.25), pixel_from_hex (0x3b528b), 6,
                               "viridis(0.25)");
  scmm_test_assert_pixel_near (scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.5), pixel_from_hex (0x21918c), 6,
                               "viridis(0.5)");
  scmm_test_assert_pixel_near (scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.75), pixel_from_hex (0x5ec962), 6,
                               "viridis(0.75)");
  scmm_test_assert_pixel_near (scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 1.0), pixel_from_hex (0xfde725), 6,
                               "viridis(1)");

  /* Perceptual: lightness grows all the way. */
  for (int i = 0; i <= 100; i++)
    {
      double l = pixel_luminance (scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, i / 100.0));

      g_assert_cmpfloat (l, >, previous);
      previous = l;
    }

  /* Out of range clamps. */
  scmm_test_assert_pixel_near (scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, -3),
                               scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0), 0, "viridis(-3)");
  scmm_test_assert_pixel_near (scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 7),
                               scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 1), 0, "viridis(7)");

  /* Diverging: blue, white, red. */
  {
    Pixel low = scmm_test_pixel_from_colormap (SCMM_COLORMAP_DIVERGING, 0.0);
    Pixel middle = scmm_test_pixel_from_colormap (SCMM_COLORMAP_DIVERGING, 0.5);
    Pixel high = scmm_test_pixel_from_colormap (SCMM_COLORMAP_DIVERGING, 1.0);

    g_assert_cmpint (low.b, >, low.r + 80);
    g_assert_cmpint (high.r, >, high.b + 80);
    g_assert_cmpint (MIN (MIN (middle.r, middle.g), middle.b), >=, 240);
  }
}

/* ---- heatmaps ---- */

static ScmmFigure *
ramp_heatmap (int n)
{
  ScmmFigure *figure = scmm_figure_new ("A ramp");
  g_autofree float *values = g_new (float, n * n);

  for (int i = 0; i < n * n; i++)
    values[i] = (float) i;
  scmm_figure_set_heatmap (figure, values, n, n, SCMM_COLORMAP_VIRIDIS, NAN, NAN, "value");
  return figure;
}

static void
test_heatmap_colorbar (void)
{
  g_autoptr(ScmmFigure) figure = ramp_heatmap (16);
  cairo_surface_t *surface = render (figure, 640, 480);
  int x = 639, y = 240, top, bottom;

  /* The colorbar is the rightmost colourful thing: labels and frames are
   * grey. Its ends are viridis's. */
  while (x > 320 && !is_colourful (pixel_at (surface, x, y)))
    x--;
  g_assert_cmpint (x, >, 320);
  x -= 4;
  g_assert_true (is_colourful (pixel_at (surface, x, y)));

  for (top = y; top > 0 && is_colourful (pixel_at (surface, x, top - 1)); top--)
    ;
  for (bottom = y; bottom < 479 && is_colourful (pixel_at (surface, x, bottom + 1)); bottom++)
    ;
  g_test_message ("colorbar at x = %d, from y = %d to %d", x, top, bottom);
  g_assert_cmpint (bottom - top, >, 200);

  scmm_test_assert_pixel_near (pixel_at (surface, x, top + 1), pixel_from_hex (0xfde725), 12, "colorbar top");
  scmm_test_assert_pixel_near (pixel_at (surface, x, bottom - 1), pixel_from_hex (0x440154), 12, "colorbar bottom");

  /* The ramp's first cell (top left) and last (bottom right) too. */
  {
    g_autoptr(GArray) samples = sample_cells (figure, surface, 3);
    gboolean seen_first = FALSE, seen_last = FALSE;

    for (guint i = 0; i < samples->len; i++)
      {
        const CellSample *sample = &g_array_index (samples, CellSample, i);

        if (sample->cell.row == 0 && sample->cell.col == 0)
          {
            scmm_test_assert_pixel_near (sample->pixel, pixel_from_hex (0x440154), 12, "first cell");
            seen_first = TRUE;
          }
        if (sample->cell.row == 15 && sample->cell.col == 15)
          {
            scmm_test_assert_pixel_near (sample->pixel, pixel_from_hex (0xfde725), 12, "last cell");
            seen_last = TRUE;
          }
      }
    g_assert_true (seen_first);
    g_assert_true (seen_last);
  }

  cairo_surface_destroy (surface);
}

static void
test_heatmap_diverging (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Diverging");
  g_autoptr(GArray) samples = NULL;
  float values[8 * 3];
  cairo_surface_t *surface;
  guint n_middle = 0, n_low = 0, n_high = 0;

  for (int r = 0; r < 8; r++)
    {
      values[r * 3 + 0] = -2.0f;
      values[r * 3 + 1] = 0.5f;
      values[r * 3 + 2] = 3.0f;
    }
  /* The middle of [-2, 3] is 0.5: white. */
  scmm_figure_set_heatmap (figure, values, 8, 3, SCMM_COLORMAP_DIVERGING, NAN, NAN, NULL);
  surface = render (figure, 500, 400);
  samples = sample_cells (figure, surface, 3);

  for (guint i = 0; i < samples->len; i++)
    {
      const CellSample *sample = &g_array_index (samples, CellSample, i);
      Pixel p = sample->pixel;

      if (sample->cell.col == 1)
        {
          g_assert_cmpint (MIN (MIN (p.r, p.g), p.b), >=, 235);
          n_middle++;
        }
      else if (sample->cell.col == 0)
        {
          g_assert_cmpint (p.b, >, p.r + 80);
          n_low++;
        }
      else
        {
          g_assert_cmpint (p.r, >, p.b + 80);
          n_high++;
        }
    }
  g_assert_cmpuint (n_middle, >, 100);
  g_assert_cmpuint (n_low, >, 100);
  g_assert_cmpuint (n_high, >, 100);

  cairo_surface_destroy (surface);
}

static void
test_heatmap_diagonal (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Similarity");
  g_autofree float *values = g_new0 (float, 32 * 32);
  Pixel on = scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 1.0);
  Pixel off = scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.0);
  g_autoptr(GArray) samples = NULL;
  cairo_surface_t *surface;
  guint n_on = 0, n_off = 0;

  for (int i = 0; i < 32; i++)
    values[i * 32 + i] = 1.0f;
  scmm_figure_set_heatmap (figure, values, 32, 32, SCMM_COLORMAP_VIRIDIS, 0.0, 1.0, "S");
  surface = render (figure, 600, 600);
  samples = sample_cells (figure, surface, 2);

  for (guint i = 0; i < samples->len; i++)
    {
      const CellSample *sample = &g_array_index (samples, CellSample, i);
      gboolean diagonal = sample->cell.row == sample->cell.col;

      g_assert_cmpfloat (sample->cell.value, ==, diagonal ? 1.0 : 0.0);
      scmm_test_assert_pixel_near (sample->pixel, diagonal ? on : off, 4,
                                   diagonal ? "diagonal cell" : "off-diagonal cell");
      if (diagonal)
        n_on++;
      else
        n_off++;
    }
  g_test_message ("%u diagonal and %u off-diagonal samples", n_on, n_off);
  g_assert_cmpuint (n_on, >, 32);
  g_assert_cmpuint (n_off, >, 32 * 31);

  cairo_surface_destroy (surface);
}

/* Labels, values and NaN: describe_at names the cell under the point, and
 * that cell has the colour of its value. */
static void
test_heatmap_describe (void)
{
  static const char *const rows[] = { "Fp1", "Fp2", "Cz", "O2", NULL };
  static const char *const cols[] = { "window 0", "window 1", "window 2", "window 3", "window 4", NULL };
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Channels by windows");
  float values[4 * 5];
  cairo_surface_t *surface;
  gboolean seen[4][5] = { { FALSE } };
  g_autofree char *outside = NULL;

  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 5; c++)
      values[r * 5 + c] = (float) (r * 10 + c);
  values[2 * 5 + 3] = NAN;
  scmm_figure_set_heatmap (figure, values, 4, 5, SCMM_COLORMAP_VIRIDIS, 0, 40, "DE");
  scmm_figure_set_heatmap_labels (figure, rows, cols);
  scmm_figure_set_axis_labels (figure, "window", "channel");
  surface = render (figure, 640, 480);

  for (int py = 0; py < 480; py += 4)
    for (int px = 0; px < 640; px += 4)
      {
        g_autofree char *text = scmm_figure_describe_at (figure, 640, 480, px, py);
        g_autofree char *left = scmm_figure_describe_at (figure, 640, 480, px - 2, py);
        g_autofree char *right = scmm_figure_describe_at (figure, 640, 480, px + 2, py);
        g_autofree char *up = scmm_figure_describe_at (figure, 640, 480, px, py - 2);
        g_autofree char *down = scmm_figure_describe_at (figure, 640, 480, px, py + 2);
        int r, c;

        if (text == NULL)
          continue;
        for (r = 0; r < 4; r++)
          if (g_str_has_prefix (text, rows[r]) && text[strlen (rows[r])] == ',')
            break;
        g_assert_cmpint (r, <, 4);
        for (c = 0; c < 5; c++)
          {
            g_autofree char *expected_prefix = g_strdup_printf ("%s, %s: ", rows[r], cols[c]);

            if (g_str_has_prefix (text, expected_prefix))
              break;
          }
        g_assert_cmpint (c, <, 5);
        if (r >= 4 || c >= 5)
          g_assert_not_reached ();
        seen[r][c] = TRUE;

        if (r == 2 && c == 3)
          g_assert_cmpstr (text, ==, "Cz, window 3: no value");
        else
          {
            g_autofree char *expected = g_strdup_printf ("%s, %s: %d", rows[r], cols[c], r * 10 + c);

            g_assert_cmpstr (text, ==, expected);
          }

        /* Inside the cell, the pixel is the value's colour (grey for NaN). */
        if (g_strcmp0 (text, left) == 0 && g_strcmp0 (text, right) == 0 &&
            g_strcmp0 (text, up) == 0 && g_strcmp0 (text, down) == 0)
          {
            Pixel p = pixel_at (surface, px, py);

            if (r == 2 && c == 3)
              g_assert_false (is_colourful (p));
            else
              scmm_test_assert_pixel_near (p, scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, (r * 10 + c) / 40.0), 4,
                                           "cell colour");
          }
      }

  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 5; c++)
      g_assert_true (seen[r][c]);

  outside = scmm_figure_describe_at (figure, 640, 480, 2, 2);
  g_assert_null (outside);
  g_assert_null (scmm_figure_describe_at (figure, 640, 480, -5, 100));
  g_assert_null (scmm_figure_describe_at (figure, 640, 480, 700, 100));

  cairo_surface_destroy (surface);
}

/* A large heatmap with many labelled rows draws (labels thinned) and its
 * cells are still found. */
static void
test_heatmap_many_labels (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("62 channels × 200 windows");
  g_autofree float *values = g_new (float, 62 * 200);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  cairo_surface_t *surface;
  g_autofree char *text = NULL;

  for (int i = 0; i < 62 * 200; i++)
    values[i] = sinf (i * 0.01f);
  for (int i = 0; i < 62; i++)
    g_ptr_array_add (names, g_strdup_printf ("channel %d", i));
  g_ptr_array_add (names, NULL);

  scmm_figure_set_heatmap (figure, values, 62, 200, SCMM_COLORMAP_DIVERGING, -1, 1, "DE (z-score)");
  scmm_figure_set_heatmap_labels (figure, (const char *const *) names->pdata, NULL);
  scmm_figure_set_axis_labels (figure, "window", "channel");
  surface = render (figure, 400, 300);
  g_assert_cmpuint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  save_render (surface, "figure-heatmap-many-labels");

  text = scmm_figure_describe_at (figure, 400, 300, 200, 150);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "channel "));
  g_assert_nonnull (strstr (text, ", column "));

  cairo_surface_destroy (surface);
}

/* ---- lines ---- */

typedef struct
{
  int    n;
  double sx, sy, sxx, sxy, syy;
  int    min_x, max_x;
  int    y_at_min_x, y_at_max_x;
} PixelFit;

static void
fit_add (PixelFit *fit,
         int       x,
         int       y)
{
  if (fit->n == 0 || x < fit->min_x)
    fit->min_x = x, fit->y_at_min_x = y;
  if (fit->n == 0 || x > fit->max_x)
    fit->max_x = x, fit->y_at_max_x = y;
  fit->n++;
  fit->sx += x;
  fit->sy += y;
  fit->sxx += (double) x * x;
  fit->sxy += (double) x * y;
  fit->syy += (double) y * y;
}

/* The RMS distance of the points to their least-squares line y = a x + b. */
static double
fit_residual (const PixelFit *fit,
              double         *slope)
{
  double n = fit->n;
  double cov = fit->sxy / n - (fit->sx / n) * (fit->sy / n);
  double var_x = fit->sxx / n - (fit->sx / n) * (fit->sx / n);
  double var_y = fit->syy / n - (fit->sy / n) * (fit->sy / n);
  double a = cov / var_x;
  double residual_var = var_y - a * cov;

  *slope = a;
  return sqrt (MAX (0.0, residual_var) / (1 + a * a));
}

/* The pixels of a colour: their fit, in the plot (not the legend). */
static PixelFit
find_colour (cairo_surface_t *surface,
             guint32          hex,
             int              tolerance)
{
  PixelFit fit = { 0 };
  Pixel colour = pixel_from_hex (hex);

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if (scmm_test_pixel_distance (pixel_at (surface, x, y), colour) <= tolerance)
        fit_add (&fit, x, y);

  return fit;
}

static gboolean
parse_point (const char *text,
             const char *series,
             double     *x,
             double     *y)
{
  g_autofree char *format = NULL;

  if (text == NULL || !g_str_has_prefix (text, series) || text[strlen (series)] != ':')
    return FALSE;
  return sscanf (text + strlen (series), ": x = %lf, y = %lf", x, y) == 2;
}

typedef struct
{
  PixelFit fit;
  double   slope;            /* on screen: y grows downwards */
  double   left[2];          /* { x, y } of the points at the line's ends */
  double   right[2];
} StraightLine;

/* Renders `figure` at 640 x 480 and checks that its one series, `series`,
 * is drawn in the palette's first colour as a straight line over most of
 * the width; describe_at names its ends. `shot_name` keeps the render. */
static StraightLine
check_straight_line (const ScmmFigure *figure,
                     const char       *series,
                     const char       *shot_name)
{
  cairo_surface_t *surface = render (figure, 640, 480);
  StraightLine line = { find_colour (surface, FIRST_SERIES_COLOUR, 24) };
  double residual = fit_residual (&line.fit, &line.slope);
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;

  g_test_message ("%s: %d pixels, slope %.3f, residual %.2f px", series, line.fit.n, line.slope, residual);
  g_assert_cmpint (line.fit.n, >, 400);
  g_assert_cmpint (line.fit.max_x - line.fit.min_x, >, 400);
  g_assert_cmpfloat (residual, <, 1.5);

  left = scmm_figure_describe_at (figure, 640, 480, line.fit.min_x, line.fit.y_at_min_x);
  right = scmm_figure_describe_at (figure, 640, 480, line.fit.max_x, line.fit.y_at_max_x);
  g_assert_true (parse_point (left, series, &line.left[0], &line.left[1]));
  g_assert_true (parse_point (right, series, &line.right[0], &line.right[1]));

  if (shot_name != NULL)
    save_render (surface, shot_name);
  cairo_surface_destroy (surface);
  return line;
}

static void
test_lines_palette (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("y = x");
  double x[201], y[201];
  StraightLine line;

  for (int i = 0; i < 201; i++)
    x[i] = y[i] = i * 0.05;
  scmm_figure_add_line (figure, "identity", x, y, 201);
  scmm_figure_set_axis_labels (figure, "x", "y");

  /* Drawn in the palette's first colour, as a straight line rising to the
   * right; its ends are where the data's ends are. */
  line = check_straight_line (figure, "identity", NULL);
  g_assert_cmpfloat (line.slope, <, -0.3);
  g_assert_cmpfloat_with_epsilon (line.left[0], 0.0, 0.11);
  g_assert_cmpfloat_with_epsilon (line.right[0], 10.0, 0.11);

  /* Nowhere near the line: nothing. */
  g_assert_null (scmm_figure_describe_at (figure, 640, 480, line.fit.min_x + 20, line.fit.y_at_max_x + 5));
}

static void
test_lines_view (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("y = x, from 2 to 6");
  g_auto(GStrv) ticks = NULL;
  double x[201], y[201], lo, hi;
  StraightLine line;

  for (int i = 0; i < 201; i++)
    x[i] = y[i] = i * 0.05;
  scmm_figure_add_line (figure, "identity", x, y, 201);
  g_assert_false (scmm_figure_get_view (figure, SCMM_AXIS_X, NULL, NULL));

  /* Only the view is drawn, edge to edge, and described; the y axis keeps
   * the data's range. */
  scmm_figure_set_x_view (figure, 2.0, 6.0);
  g_assert_true (scmm_figure_get_view (figure, SCMM_AXIS_X, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 2.0);
  g_assert_cmpfloat (hi, ==, 6.0);
  line = check_straight_line (figure, "identity", "figure-lines-view");
  g_assert_cmpfloat_with_epsilon (line.left[0], 2.0, 0.11);
  g_assert_cmpfloat_with_epsilon (line.right[0], 6.0, 0.11);
  ticks = scmm_figure_get_tick_labels (figure, 640, 480, SCMM_AXIS_X);
  g_assert_cmpuint (g_strv_length (ticks), >=, 3);
  for (guint i = 0; ticks[i] != NULL; i++)
    {
      double value = g_ascii_strtod (ticks[i], NULL);

      g_assert_cmpfloat (value, >=, 2.0);
      g_assert_cmpfloat (value, <=, 6.0);
    }
  g_clear_pointer (&ticks, g_strfreev);
  ticks = scmm_figure_get_tick_labels (figure, 640, 480, SCMM_AXIS_Y);
  g_assert_cmpfloat (g_ascii_strtod (ticks[0], NULL), <=, 0.0);

  /* A y view too; (NAN, NAN) is the data's range again. */
  scmm_figure_set_y_view (figure, 3.0, 4.0);
  g_clear_pointer (&ticks, g_strfreev);
  ticks = scmm_figure_get_tick_labels (figure, 640, 480, SCMM_AXIS_Y);
  g_assert_cmpfloat (g_ascii_strtod (ticks[0], NULL), >=, 3.0);
  g_assert_cmpfloat (g_ascii_strtod (ticks[g_strv_length (ticks) - 1], NULL), <=, 4.0);
  scmm_figure_set_x_view (figure, NAN, NAN);
  scmm_figure_set_y_view (figure, NAN, 1.0);
  g_assert_false (scmm_figure_get_view (figure, SCMM_AXIS_X, NULL, NULL));
  g_assert_false (scmm_figure_get_view (figure, SCMM_AXIS_Y, NULL, NULL));
  line = check_straight_line (figure, "identity", NULL);
  g_assert_cmpfloat_with_epsilon (line.left[0], 0.0, 0.11);
  g_assert_cmpfloat_with_epsilon (line.right[0], 10.0, 0.11);
}

static void
test_lines_log (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Loss over four decades");
  double x[201], y[201];
  StraightLine line;
  cairo_surface_t *surface;
  PixelFit curve;
  double slope;

  for (int i = 0; i < 201; i++)
    {
      x[i] = i * 0.02;
      y[i] = pow (10.0, x[i]);
    }
  /* Non-positive values are left out of a log plot, not drawn as breaks. */
  y[60] = 0.0;
  y[120] = -3.0;
  scmm_figure_add_line (figure, "loss", x, y, 201);
  scmm_figure_set_axis_labels (figure, "epoch", "loss");

  /* Linear: a curve. */
  surface = render (figure, 640, 480);
  curve = find_colour (surface, FIRST_SERIES_COLOUR, 24);
  g_test_message ("linear y: %d pixels", curve.n);
  g_assert_cmpfloat (fit_residual (&curve, &slope), >, 15);
  cairo_surface_destroy (surface);

  /* Log: a straight line, four decades evenly spaced. */
  scmm_figure_set_y_scale (figure, SCMM_SCALE_LOG);
  line = check_straight_line (figure, "loss", "figure-log-one-series");
  g_assert_cmpfloat_with_epsilon (line.left[1], 1.0, 0.1);
  g_assert_cmpfloat_with_epsilon (line.right[1], 10000.0, 500.0);
}

static void
test_lines_nan_breaks (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("A gap");
  double x[21], y[21], y2[21];
  cairo_surface_t *surface;
  g_autofree gboolean *column_has_line = g_new0 (gboolean, 640);
  int first = -1, last = -1, widest_gap = 0, run = 0;

  for (int i = 0; i < 21; i++)
    {
      x[i] = i * 0.5;
      y[i] = 5;
      y2[i] = 10 - x[i];
    }
  y[10] = NAN;
  scmm_figure_add_line (figure, "flat", x, y, 21);
  scmm_figure_add_line (figure, "falling", x, y2, 21);
  surface = render (figure, 640, 480);

  for (int py = 0; py < 480; py++)
    for (int px = 0; px < 640; px++)
      if (scmm_test_pixel_distance (pixel_at (surface, px, py), pixel_from_hex (FIRST_SERIES_COLOUR)) <= 24)
        column_has_line[px] = TRUE;

  /* The first series spans the plot with a hole in the middle; the legend
   * swatch is on the right, past a wide gap, so look left of the widest
   * run's end only. */
  for (int px = 0; px < 640; px++)
    if (column_has_line[px])
      {
        if (first < 0)
          first = px;
        if (last >= 0 && px - last > 1 && px - last > widest_gap && px - first < 400)
          widest_gap = px - last;
        last = px;
        run++;
      }
  g_test_message ("blue columns %d..%d, widest gap %d px", first, last, widest_gap);
  g_assert_cmpint (widest_gap, >, 20);

  /* The second series, with its own colour. */
  g_assert_cmpint (find_colour (surface, SECOND_SERIES_COLOUR, 24).n, >, 300);

  cairo_surface_destroy (surface);
}

/* ---- line plots: axes and ranges ---- */

/* Whether every label is a whole number ("12", "−3"): no decimals, no
 * power of ten. */
static gboolean
labels_are_whole_numbers (char **labels)
{
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *digits = g_str_has_prefix (labels[i], "−") ? labels[i] + strlen ("−") : labels[i];

      if (digits[0] == '\0' || strspn (digits, "0123456789") != strlen (digits))
        return FALSE;
    }
  return TRUE;
}

/* A tick label as a number (a true minus sign allowed). */
static double
label_value (const char *label)
{
  if (g_str_has_prefix (label, "−"))
    return -g_ascii_strtod (label + strlen ("−"), NULL);
  return g_ascii_strtod (label, NULL);
}

/* The x tick labels of three accuracies at x[0..2], 1200 x 400. */
static GStrv
three_points_x_labels (const double x[3])
{
  static const double accuracy[] = { 48.2, 51.0, 55.3 };
  g_autoptr(ScmmFigure) figure = scmm_figure_new (NULL);

  scmm_figure_add_line (figure, "accuracy", x, accuracy, 3);
  return scmm_figure_get_tick_labels (figure, 1200, 400, SCMM_AXIS_X);
}

/* Epochs are whole numbers: their axis never has a tick between two,
 * however few epochs and however wide the plot. */
static void
test_lines_integer_axis (void)
{
  static const int n_epochs[] = { 1, 2, 3, 4, 7, 12, 60, 250 };
  static const int widths[] = { 220, 480, 800, 1600 };

  for (guint e = 0; e < G_N_ELEMENTS (n_epochs); e++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        g_autoptr(ScmmFigure) figure = scmm_figure_new ("Fine-tuning accuracy");
        g_auto(GStrv) labels = NULL;
        g_autofree char *joined = NULL;
        int series = scmm_figure_add_line (figure, "accuracy", NULL, NULL, 0);

        for (int epoch = 1; epoch <= n_epochs[e]; epoch++)
          scmm_figure_line_append (figure, series, epoch, 40 + 10 * sin (epoch));
        labels = scmm_figure_get_tick_labels (figure, widths[w], 300, SCMM_AXIS_X);
        joined = g_strjoinv (" ", labels);
        g_test_message ("%d epochs, %d px wide: %s", n_epochs[e], widths[w], joined);
        g_assert_cmpuint (g_strv_length (labels), >=, n_epochs[e] >= 2 ? 2 : 1);
        g_assert_true (labels_are_whole_numbers (labels));
        /* On the data's range, padded a little (0 for 1..60). */
        for (guint i = 0; labels[i] != NULL; i++)
          {
            g_assert_cmpfloat (label_value (labels[i]), >=, 0);
            g_assert_cmpfloat (label_value (labels[i]), <=, n_epochs[e] * 1.05);
          }
      }

  /* Three epochs in a wide plot: each labelled, nothing between; the same
   * points at fractional x do get ticks between them. */
  {
    static const double epochs[] = { 1, 2, 3 };
    static const double fractional[] = { 1, 1.5, 3 };
    g_auto(GStrv) whole = three_points_x_labels (epochs);
    g_auto(GStrv) between = three_points_x_labels (fractional);

    g_assert_cmpstrv (whole, ((const char *const[]) { "1", "2", "3", NULL }));
    g_assert_false (labels_are_whole_numbers (between));
  }
}

/* The plot's top and bottom: the ends of the y axis, the longest vertical
 * run of the axis's grey. */
static void
find_plot_rows (cairo_surface_t *surface,
                int             *top,
                int             *bottom)
{
  Pixel axis = pixel_from_hex (0x595959);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int longest = 0;

  for (int x = 0; x < width; x++)
    for (int y = 0, run = 0; y < height; y++)
      {
        run = scmm_test_pixel_distance (pixel_at (surface, x, y), axis) <= 10 ? run + 1 : 0;
        if (run > longest)
          {
            longest = run;
            *top = y - run + 1;
            *bottom = y;
          }
      }
  g_assert_cmpint (longest, >, height / 3);
}

/* The rows the pixels of a colour span. */
static void
find_colour_rows (cairo_surface_t *surface,
                  guint32          hex,
                  int             *top,
                  int             *bottom)
{
  Pixel colour = pixel_from_hex (hex);

  *top = G_MAXINT;
  *bottom = -1;
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if (scmm_test_pixel_distance (pixel_at (surface, x, y), colour) <= 24)
        {
          *top = MIN (*top, y);
          *bottom = MAX (*bottom, y);
        }
  g_assert_cmpint (*bottom, >=, *top);
}

/* How much of the plot's height a one-series figure's line takes, from 0
 * to 1, at 640 x 480, less the line's own width. */
static double
line_height_fraction (const ScmmFigure *figure,
                      const char       *shot_name)
{
  cairo_surface_t *surface = render (figure, 640, 480);
  int plot_top, plot_bottom, line_top, line_bottom;
  double fraction;

  find_plot_rows (surface, &plot_top, &plot_bottom);
  find_colour_rows (surface, FIRST_SERIES_COLOUR, &line_top, &line_bottom);
  fraction = (line_bottom - line_top - 2.0) / (plot_bottom - plot_top);
  g_test_message ("plot rows %d..%d, line rows %d..%d: %.3f of the height", plot_top, plot_bottom, line_top,
                  line_bottom, fraction);
  if (shot_name != NULL)
    save_render (surface, shot_name);
  cairo_surface_destroy (surface);
  return fraction;
}

static ScmmFigure *
accuracy_figure (double lo,
                 double hi)
{
  ScmmFigure *figure = scmm_figure_new ("Fine-tuning test accuracy");
  double epochs[30], accuracy[30];

  for (int i = 0; i < 30; i++)
    {
      epochs[i] = i + 1;
      accuracy[i] = lo + (hi - lo) * (0.5 + 0.5 * sin (i * 1.3));
    }
  accuracy[0] = lo;
  accuracy[1] = hi;
  scmm_figure_set_axis_labels (figure, "epoch", "accuracy (%)");
  scmm_figure_add_line (figure, "accuracy", epochs, accuracy, 30);
  return figure;
}

/* A nearly flat curve is not stretched over the whole height: its range
 * spans at least 5 % of its magnitude. A curve that moves keeps its own. */
static void
test_lines_flat_range (void)
{
  g_autoptr(ScmmFigure) flat = accuracy_figure (49.15, 49.7);
  g_autoptr(ScmmFigure) moving = accuracy_figure (40, 60);
  double min_span = 0.05 * 49.7;
  double fraction = line_height_fraction (flat, "figure-lines-flat");
  g_auto(GStrv) labels = scmm_figure_get_tick_labels (flat, 640, 480, SCMM_AXIS_Y);
  guint n = g_strv_length (labels);

  /* 0.55 points of accuracy in a range of at least min_span, padded. */
  g_assert_cmpfloat (fraction, <=, (49.7 - 49.15) / min_span);
  g_assert_cmpfloat (fraction, >=, 0.1);

  /* The ticks reach (within a step at each end) beyond the data by half the
   * missing span on each side. */
  g_assert_cmpuint (n, >=, 3);
  {
    double step = label_value (labels[1]) - label_value (labels[0]);

    g_assert_cmpfloat (label_value (labels[0]) - step, <=, (49.15 + 49.7) / 2 - min_span / 2);
    g_assert_cmpfloat (label_value (labels[n - 1]) + step, >=, (49.15 + 49.7) / 2 + min_span / 2);
  }

  g_assert_cmpfloat (line_height_fraction (moving, NULL), >=, 0.85);
}

/* A fixed y range: the ticks, where the points are drawn and what
 * describe_at says all follow it; NAN ends follow the data again. */
static void
test_lines_y_range (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Accuracy on [0, 100]");
  static const double epochs[] = { 1, 2, 3, 4, 5 };
  static const double accuracy[] = { 30, 50, 70, 50, 30 };
  cairo_surface_t *surface;
  g_auto(GStrv) labels = NULL;
  PixelFit fit;
  int plot_top, plot_bottom, row_of_70, row_of_30;

  scmm_figure_add_line (figure, "accuracy", epochs, accuracy, 5);
  scmm_figure_set_y_range (figure, 0, 100);
  labels = scmm_figure_get_tick_labels (figure, 640, 480, SCMM_AXIS_Y);
  g_assert_cmpstr (labels[0], ==, "0");
  g_assert_cmpstr (labels[g_strv_length (labels) - 1], ==, "100");

  /* 30 and 70 are drawn at 30 % and 70 % of the plot's height, where
   * describe_at finds them. */
  surface = render (figure, 640, 480);
  save_render (surface, "figure-lines-fixed-range");
  find_plot_rows (surface, &plot_top, &plot_bottom);
  find_colour_rows (surface, FIRST_SERIES_COLOUR, &row_of_70, &row_of_30);
  g_assert_cmpfloat_with_epsilon ((plot_bottom - (row_of_70 + 1.5)) / (plot_bottom - plot_top), 0.7, 0.01);
  g_assert_cmpfloat_with_epsilon ((plot_bottom - (row_of_30 - 1.5)) / (plot_bottom - plot_top), 0.3, 0.01);
  fit = find_colour (surface, FIRST_SERIES_COLOUR, 24);
  {
    g_autofree char *top = scmm_figure_describe_at (figure, 640, 480, (fit.min_x + fit.max_x) / 2.0, row_of_70);
    g_autofree char *left = scmm_figure_describe_at (figure, 640, 480, fit.min_x, fit.y_at_min_x);
    double x, y;

    g_assert_true (parse_point (top, "accuracy", &x, &y));
    g_assert_cmpfloat (y, ==, 70);
    g_assert_true (parse_point (left, "accuracy", &x, &y));
    g_assert_cmpfloat (y, ==, 30);
  }
  cairo_surface_destroy (surface);

  /* A point beyond the range is clipped, and nothing describes it. */
  scmm_figure_line_append (figure, 0, 6, 180);
  for (int py = 0; py < 480; py += 2)
    for (int px = 0; px < 640; px += 2)
      {
        g_autofree char *text = scmm_figure_describe_at (figure, 640, 480, px, py);

        g_assert_false (text != NULL && strstr (text, "y = 180") != NULL);
      }

  /* One end fixed, the other the data's. */
  scmm_figure_set_y_range (figure, 0, NAN);
  g_clear_pointer (&labels, g_strfreev);
  labels = scmm_figure_get_tick_labels (figure, 640, 480, SCMM_AXIS_Y);
  g_assert_cmpstr (labels[0], ==, "0");
  g_assert_cmpfloat (label_value (labels[g_strv_length (labels) - 1]), >=, 180 - 40);

  /* Automatic again. */
  scmm_figure_set_y_range (figure, NAN, NAN);
  g_clear_pointer (&labels, g_strfreev);
  labels = scmm_figure_get_tick_labels (figure, 640, 480, SCMM_AXIS_Y);
  g_assert_cmpfloat (label_value (labels[0]), >=, 20);

  /* On a log axis, in data units. */
  scmm_figure_set_y_scale (figure, SCMM_SCALE_LOG);
  scmm_figure_set_y_range (figure, 1, 1000);
  g_clear_pointer (&labels, g_strfreev);
  labels = scmm_figure_get_tick_labels (figure, 640, 480, SCMM_AXIS_Y);
  g_assert_cmpstrv (labels, ((const char *const[]) { "1", "10", "100", "1000", NULL }));
}

/* ---- confusion matrix ---- */

typedef struct
{
  int    x0, y0, x1, y1;       /* bounding box, from describe_at */
  gint64 count;
  double percent;
  gboolean seen;
} CellBox;

static void
find_confusion_cells (const ScmmFigure *figure,
                      int               width,
                      int               height,
                      const char *const *names,
                      int               k,
                      CellBox          *boxes)
{
  for (int py = 0; py < height; py += 2)
    for (int px = 0; px < width; px += 2)
      {
        g_autofree char *text = scmm_figure_describe_at (figure, width, height, px, py);
        int r, c;

        if (text == NULL)
          continue;
        for (r = 0; r < k; r++)
          for (c = 0; c < k; c++)
            {
              g_autofree char *prefix = g_strdup_printf ("true %s, predicted %s: ", names[r], names[c]);
              CellBox *box = &boxes[r * k + c];
              gint64 count;
              double percent;

              if (!g_str_has_prefix (text, prefix))
                continue;
              g_assert_cmpint (sscanf (text + strlen (prefix), "%" G_GINT64_FORMAT " (%lf%% of the row)",
                                       &count, &percent), ==, 2);
              if (!box->seen)
                *box = (CellBox) { px, py, px, py, count, percent, TRUE };
              box->x0 = MIN (box->x0, px);
              box->y0 = MIN (box->y0, py);
              box->x1 = MAX (box->x1, px);
              box->y1 = MAX (box->y1, py);
              goto next;
            }
        g_error ("describe_at said “%s”", text);
next:
        ;
      }
}

static void
check_confusion (gboolean    row_normalised,
                 const char *shot_name)
{
  static const char *const names[] = { "negative", "neutral", "positive", NULL };
  static const gint64 counts[] = {
    50, 5, 0,
    10, 30, 10,
    2, 8, 40,
  };
  g_autoptr(ScmmFigure) figure = scmm_figure_new (row_normalised ? "Confusion (row %)" : "Confusion (counts)");
  CellBox boxes[9] = { { 0 } };
  double background_luminance[9];
  cairo_surface_t *surface;

  scmm_figure_set_confusion (figure, counts, 3, names, row_normalised);
  surface = render (figure, 600, 520);
  find_confusion_cells (figure, 600, 520, names, 3, boxes);

  for (int i = 0; i < 9; i++)
    {
      CellBox *box = &boxes[i];
      int row_total = 0;
      Pixel background;
      guint n_text = 0;

      g_assert_true (box->seen);
      g_assert_cmpint (box->count, ==, counts[i]);
      for (int j = 0; j < 3; j++)
        row_total += (int) counts[(i / 3) * 3 + j];
      g_assert_cmpfloat_with_epsilon (box->percent, 100.0 * counts[i] / row_total, 0.051);
      g_assert_cmpint (box->x1 - box->x0, >, 60);
      g_assert_cmpint (box->y1 - box->y0, >, 60);

      /* The cell's colour near a corner; text in the middle stands out. */
      background = pixel_at (surface, box->x0 + 6, box->y0 + 6);
      background_luminance[i] = pixel_luminance (background);
      for (int py = box->y0 + (box->y1 - box->y0) / 4; py < box->y1 - (box->y1 - box->y0) / 4; py++)
        for (int px = box->x0 + (box->x1 - box->x0) / 5; px < box->x1 - (box->x1 - box->x0) / 5; px++)
          if (scmm_test_pixel_distance (pixel_at (surface, px, py), background) > 80)
            n_text++;
      g_test_message ("cell %d: count %" G_GINT64_FORMAT ", %u text pixels, luminance %.0f", i, box->count,
                      n_text, background_luminance[i]);
      g_assert_cmpuint (n_text, >, 15);
    }

  /* Darker with a larger share of the row. */
  for (int i = 0; i < 9; i++)
    for (int j = 0; j < 9; j++)
      if (boxes[i].percent > boxes[j].percent + 2.0)
        g_assert_cmpfloat (background_luminance[i], <, background_luminance[j]);

  save_render (surface, shot_name);
  cairo_surface_destroy (surface);
}

static void
test_confusion_counts (void)
{
  check_confusion (FALSE, "figure-confusion-counts");
}

static void
test_confusion_row_normalised (void)
{
  check_confusion (TRUE, "figure-confusion-percent");
}

/* ---- empty ---- */

static guint
count_non_background (cairo_surface_t *surface,
                      int              x0,
                      int              y0,
                      int              x1,
                      int              y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (scmm_test_pixel_distance (pixel_at (surface, x, y), pixel_from_hex (0xffffff)) > 40)
        n++;
  return n;
}

static void
test_empty (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new (NULL);
  g_autoptr(ScmmFigure) no_points = scmm_figure_new ("Waiting for the first epoch");
  cairo_surface_t *surface = render (figure, 400, 300);

  g_assert_null (scmm_figure_get_title (figure));
  /* A "No data" placeholder in the middle, nothing at the edges. */
  g_assert_cmpuint (count_non_background (surface, 100, 100, 300, 200), >, 20);
  g_assert_cmpuint (count_non_background (surface, 0, 0, 400, 60), ==, 0);
  g_assert_cmpuint (count_non_background (surface, 0, 250, 400, 300), ==, 0);
  g_assert_null (scmm_figure_describe_at (figure, 400, 300, 200, 150));
  save_render (surface, "figure-empty");
  cairo_surface_destroy (surface);

  /* A line plot whose series have no point yet (live curves before the
   * first epoch), or only NaN: the same, under the title. */
  scmm_figure_add_line (no_points, "L", NULL, NULL, 0);
  scmm_figure_line_append (no_points, 0, 1, NAN);
  scmm_figure_set_y_scale (no_points, SCMM_SCALE_LOG);
  surface = render (no_points, 400, 300);
  g_assert_cmpuint (count_non_background (surface, 100, 100, 300, 200), >, 20);
  g_assert_cmpuint (count_non_background (surface, 0, 0, 400, 40), >, 20);
  g_assert_null (scmm_figure_describe_at (no_points, 400, 300, 200, 150));
  cairo_surface_destroy (surface);

  /* Nothing to draw into: nothing happens. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  {
    cairo_t *cr = cairo_create (surface);

    scmm_figure_draw_cairo (figure, cr, 0, 0);
    scmm_figure_draw_cairo (figure, cr, 1, 1);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
  }
  cairo_surface_destroy (surface);
}

/* ---- export ---- */

static ScmmFigure *
showcase_lines (void)
{
  ScmmFigure *figure = scmm_figure_new ("Pre-training losses");
  double epochs[60], total[60], contrastive[60], reconstruction[60];

  for (int i = 0; i < 60; i++)
    {
      double e = i + 1;

      epochs[i] = e;
      contrastive[i] = 4.2 * exp (-e / 14.0) + 0.35 + 0.04 * sin (e * 1.7);
      reconstruction[i] = 0.9 * exp (-e / 6.0) + 0.012 + 0.002 * cos (e * 2.3);
      total[i] = contrastive[i] + reconstruction[i];
    }
  /* A NaN epoch (a skipped evaluation) breaks the reconstruction curve. */
  reconstruction[30] = NAN;

  scmm_figure_set_axis_labels (figure, "epoch", "loss (log scale)");
  scmm_figure_set_y_scale (figure, SCMM_SCALE_LOG);
  scmm_figure_add_line (figure, "L (total)", epochs, total, 60);
  scmm_figure_add_line (figure, "L_C (contrastive)", epochs, contrastive, 60);
  scmm_figure_add_line (figure, "L_R (reconstruction)", epochs, reconstruction, 60);
  return figure;
}

static ScmmFigure *
showcase_heatmap (void)
{
  static const char *const channels[] = {
    "FP1", "FPZ", "FP2", "AF3", "AF4", "F7", "F5", "F3", "F1", "FZ", "F2", "F4", "F6", "F8",
    "FT7", "FC5", "FC3", "FC1", "FCZ", "FC2", "FC4", "FC6", "FT8", "T7", "C5", "C3", "C1", "CZ", NULL,
  };
  static const char *const bands[] = { "δ", "θ", "α", "β", "γ", NULL };
  ScmmFigure *figure = scmm_figure_new ("Differential entropy, one window");
  float values[28 * 5];

  for (int r = 0; r < 28; r++)
    for (int c = 0; c < 5; c++)
      values[r * 5 + c] = (float) (0.8 + 0.5 * c + 0.35 * sin (r * 0.45 + c) + (r % 7 == 3 ? 0.6 : 0));
  values[4 * 5 + 2] = NAN;
  scmm_figure_set_heatmap (figure, values, 28, 5, SCMM_COLORMAP_VIRIDIS, NAN, NAN, "DE (nats)");
  scmm_figure_set_heatmap_labels (figure, channels, bands);
  scmm_figure_set_axis_labels (figure, "frequency band", "channel");
  return figure;
}

static ScmmFigure *
showcase_similarity (int n)
{
  ScmmFigure *figure = scmm_figure_new ("Similarity S (original | masked)");
  g_autofree float *values = g_new (float, (gsize) n * n);

  for (int r = 0; r < n; r++)
    for (int c = 0; c < n; c++)
      {
        int d = abs (r - c);
        int half = n / 2;

        values[(gsize) r * n + c] = (float) (r == c ? 1.0
                                             : abs (d - half) == 0 ? 0.8
                                             : 0.5 * cos (r * 0.11) * sin (c * 0.07) * exp (-d / 80.0));
      }
  scmm_figure_set_heatmap (figure, values, n, n, SCMM_COLORMAP_DIVERGING, -1, 1, "cosine similarity");
  scmm_figure_set_axis_labels (figure, "sample", "sample");
  return figure;
}

/* ---- the other kinds: showcases ---- */

/* An embedding's map: three emotions, the source corpus filled and the
 * target hollow in the class's colour, `per_category` points each. */
static ScmmFigure *
showcase_scatter (int per_category)
{
  static const char *const classes[] = { "negative", "neutral", "positive" };
  ScmmFigure *figure = scmm_figure_new ("t-SNE of the embeddings");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree double *x = g_new (double, per_category);
  g_autofree double *y = g_new (double, per_category);

  for (int corpus = 0; corpus < 2; corpus++)
    for (int c = 0; c < 3; c++)
      {
        g_autofree char *name = g_strdup_printf ("%s (%s)", classes[c], corpus == 0 ? "SEED" : "SEED-IV");
        double cx = 12 * cos (c * 2.1 + corpus * 0.35), cy = 9 * sin (c * 2.1 + corpus * 0.35);
        int category;

        for (int i = 0; i < per_category; i++)
          {
            double r = 4.0 * sqrt (-2 * log (g_rand_double_range (rand, 1e-9, 1)));
            double a = g_rand_double_range (rand, 0, 2 * G_PI);

            x[i] = cx + r * cos (a);
            y[i] = cy + 0.7 * r * sin (a);
          }
        category = scmm_figure_add_points (figure, name, x, y, per_category);
        scmm_figure_set_points_style (figure, category, c, corpus == 0 ? SCMM_MARKER_FILLED : SCMM_MARKER_HOLLOW);
      }
  scmm_figure_set_equal_axes (figure, TRUE);
  scmm_figure_set_axis_labels (figure, "t-SNE 1", "t-SNE 2");
  return figure;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

typedef struct
{
  char *root;
  guint depth;
  guint elements;
} SvgParse;

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element_name,
                   const char          **attribute_names,
                   const char          **attribute_values,
                   gpointer              user_data,
                   GError              **error)
{
  SvgParse *parse = user_data;

  if (parse->root == NULL)
    parse->root = g_strdup (element_name);
  parse->elements++;
}

static void
export_and_check (const ScmmFigure *figure,
                  const char       *dir,
                  const char       *basename_)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, basename_, NULL);
  g_autofree char *lower = g_ascii_strdown (basename_, -1);
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize size;

  g_assert_true (scmm_figure_export (figure, path, 640, 480, &error));
  g_assert_no_error (error);
  bytes = read_file (path);
  data = g_bytes_get_data (bytes, &size);
  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", basename_, size);

  if (g_str_has_suffix (lower, ".png"))
    {
      g_autoptr(GdkTexture) texture = NULL;

      g_assert_cmpuint (size, >, 8);
      g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
      texture = gdk_texture_new_from_filename (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 640);
      g_assert_cmpint (gdk_texture_get_height (texture), ==, 480);
    }
  else if (g_str_has_suffix (lower, ".svg"))
    {
      static const GMarkupParser parser = { svg_start_element, NULL, NULL, NULL, NULL };
      SvgParse parse = { 0 };
      GMarkupParseContext *context = g_markup_parse_context_new (&parser, 0, &parse, NULL);

      g_assert_true (g_markup_parse_context_parse (context, data, (gssize) size, &error));
      g_assert_no_error (error);
      g_assert_true (g_markup_parse_context_end_parse (context, &error));
      g_assert_no_error (error);
      g_markup_parse_context_free (context);

      g_assert_cmpstr (parse.root, ==, "svg");
      g_assert_cmpuint (parse.elements, >, 10);
      g_free (parse.root);
    }
  else
    {
      gsize end = size;

      g_assert_cmpuint (size, >, 20);
      g_assert_cmpmem (data, 5, "%PDF-", 5);
      while (end > 0 && (data[end - 1] == '\n' || data[end - 1] == '\r'))
        end--;
      g_assert_cmpuint (end, >=, 5);
      g_assert_cmpmem (data + end - 5, 5, "%%EOF", 5);
    }

  g_unlink (path);
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scmm-figure-XXXXXX", &error);
  g_autoptr(ScmmFigure) lines = showcase_lines ();
  g_autoptr(ScmmFigure) heatmap = showcase_heatmap ();
  g_autoptr(ScmmFigure) empty = scmm_figure_new ("Nothing yet");
  const ScmmFigure *figures[] = { lines, heatmap, empty };
  static const char *const names[] = { "figure.png", "figure.svg", "figure.pdf", "FIGURE.PNG", "Figure.Svg",
                                       "figure.PDF" };

  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      export_and_check (figures[f], dir, names[i]);

  /* An unknown or missing extension: an error naming the file, no file. */
  {
    g_autofree char *path = g_build_filename (dir, "figure.jpeg", NULL);

    g_assert_false (scmm_figure_export (lines, path, 640, 480, &error));
    g_assert_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, path));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_clear_error (&error);
  }
  {
    g_autofree char *path = g_build_filename (dir, "figure", NULL);

    g_assert_false (scmm_figure_export (lines, path, 640, 480, &error));
    g_assert_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, path));
    g_clear_error (&error);
  }

  /* An unwritable place. */
  {
    g_autofree char *path = g_build_filename (dir, "no-such-folder", "figure.pdf", NULL);

    g_assert_false (scmm_figure_export (lines, path, 640, 480, &error));
    g_assert_error (error, SCMM_ERROR, SCMM_ERROR_IO);
    g_assert_nonnull (strstr (error->message, path));
    g_test_message ("%s", error->message);
    g_clear_error (&error);
  }

  /* A size that cannot be. */
  {
    g_autofree char *path = g_build_filename (dir, "figure.png", NULL);

    g_assert_false (scmm_figure_export (lines, path, 0, 480, &error));
    g_assert_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- heatmap marks ---- */

/* The first and last pixels of a heatmap's column `index` along pixel row
 * `at` (`along_x`), or of its row `index` along pixel column `at`, found
 * through describe_at; FALSE when there is none. */
static gboolean
heatmap_span (const ScmmFigure *figure,
              int               width,
              int               height,
              int               at,
              gboolean          along_x,
              int               index,
              int              *first,
              int              *last)
{
  *first = -1;
  for (int p = 0; p < (along_x ? width : height); p++)
    {
      Cell cell;
      g_autofree char *text = scmm_figure_describe_at (figure, width, height, along_x ? p : at, along_x ? at : p);

      if (parse_heatmap_cell (text, &cell) && (along_x ? cell.col : cell.row) == index)
        {
          if (*first < 0)
            *first = p;
          *last = p;
        }
    }
  return *first >= 0;
}

/* The x of the first pixel of column `col` along pixel row y. */
static int
heatmap_column_start (const ScmmFigure *figure,
                      int               width,
                      int               height,
                      int               y,
                      int               col)
{
  int first, last;

  g_assert_true (heatmap_span (figure, width, height, y, TRUE, col, &first, &last));
  return first;
}

/* The y of the first pixel of row `row` along pixel column x. */
static int
heatmap_row_start (const ScmmFigure *figure,
                   int               width,
                   int               height,
                   int               x,
                   int               row)
{
  int first, last;

  g_assert_true (heatmap_span (figure, width, height, x, FALSE, row, &first, &last));
  return first;
}

/* The middle of cell (row, col), in pixels. */
static void
heatmap_cell_middle (const ScmmFigure *figure,
                     int               width,
                     int               height,
                     int               row,
                     int               col,
                     int              *x,
                     int              *y)
{
  int first, last;

  g_assert_true (heatmap_span (figure, width, height, width / 2, FALSE, row, &first, &last));
  *y = (first + last) / 2;
  g_assert_true (heatmap_span (figure, width, height, *y, TRUE, col, &first, &last));
  *x = (first + last) / 2;
}

/* Whether a pixel within `reach` of (x, y) along one axis is near `colour`. */
static gboolean
colour_near_along (cairo_surface_t *surface,
                   int              x,
                   int              y,
                   gboolean         horizontal,
                   int              reach,
                   Pixel            colour,
                   int              tolerance)
{
  for (int d = -reach; d <= reach; d++)
    {
      Pixel p = pixel_at (surface, horizontal ? x + d : x, horizontal ? y : y + d);

      if (scmm_test_pixel_distance (p, colour) <= tolerance)
        return TRUE;
    }
  return FALSE;
}

/* A uniform 8 x 8 heatmap, a region marked on it and a row selected: the
 * outline is on the region's cell boundaries and nowhere else, describe_at
 * names the region, the selected row is framed in the highlight colour. */
static void
test_heatmap_marks (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new (NULL);
  const int width = 560, height = 520;
  const Pixel white = pixel_from_hex (0xffffff);
  const Pixel highlight = pixel_from_hex (SECOND_SERIES_COLOUR);
  Pixel cell_colour = scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.25);
  float values[64];
  cairo_surface_t *surface;
  int x, y, boundary;
  g_autofree char *inside = NULL;
  g_autofree char *outside = NULL;

  for (int i = 0; i < 64; i++)
    values[i] = 0.25f;
  /* Marks set before the values outlive them. */
  scmm_figure_add_heatmap_rect (figure, 2, 4, 3, 4, "masked");
  scmm_figure_add_heatmap_rect (figure, 6, 6, 5, 5, NULL);    /* beyond the grid: clipped */
  scmm_figure_set_heatmap_selected_row (figure, 6);
  scmm_figure_set_heatmap (figure, values, 8, 8, SCMM_COLORMAP_VIRIDIS, 0, 1, NULL);
  surface = render (figure, width, height);
  save_render (surface, "figure-heatmap-marks");

  /* Row 3, inside the region's rows: the region's left edge (column 4)
   * has the white outline, the boundary of columns 1 and 2 none. */
  heatmap_cell_middle (figure, width, height, 3, 1, &x, &y);
  scmm_test_assert_pixel_near (pixel_at (surface, x, y), cell_colour, 3, "an unmarked cell");
  boundary = heatmap_column_start (figure, width, height, y, 4);
  g_assert_true (colour_near_along (surface, boundary, y, TRUE, 1, white, 10));
  boundary = heatmap_column_start (figure, width, height, y, 2);
  g_assert_false (colour_near_along (surface, boundary, y, TRUE, 3, white, 60));
  /* The region's right edge, the grid's: past column 7's last pixel. */
  {
    int first, last;

    g_assert_true (heatmap_span (figure, width, height, y, TRUE, 7, &first, &last));
    g_assert_true (colour_near_along (surface, last + 1, y, TRUE, 1, white, 10));
  }

  /* Column 5: the region's top edge (row 2) is outlined, row 5's (below
   * the region) is not; the region's cells keep their colour. */
  heatmap_cell_middle (figure, width, height, 3, 5, &x, &y);
  scmm_test_assert_pixel_near (pixel_at (surface, x, y), cell_colour, 3, "a marked cell");
  g_assert_true (colour_near_along (surface, x, heatmap_row_start (figure, width, height, x, 2), FALSE, 1, white,
                                    10));
  g_assert_true (colour_near_along (surface, x, heatmap_row_start (figure, width, height, x, 5), FALSE, 1, white,
                                    10));
  g_assert_false (colour_near_along (surface, x, heatmap_row_start (figure, width, height, x, 4), FALSE, 3, white,
                                     60));

  /* The clipped region: its left edge at column 6 in row 7, not beyond. */
  heatmap_cell_middle (figure, width, height, 7, 3, &x, &y);
  g_assert_true (colour_near_along (surface, heatmap_column_start (figure, width, height, y, 6), y, TRUE, 1, white,
                                    10));

  /* The selected row 6: the highlight colour along its top and bottom,
   * not along row 2's. */
  heatmap_cell_middle (figure, width, height, 6, 2, &x, &y);
  g_assert_true (colour_near_along (surface, x, heatmap_row_start (figure, width, height, x, 6), FALSE, 4,
                                    highlight, 30));
  g_assert_true (colour_near_along (surface, x, heatmap_row_start (figure, width, height, x, 7), FALSE, 4,
                                    highlight, 30));
  g_assert_false (colour_near_along (surface, x, heatmap_row_start (figure, width, height, x, 2), FALSE, 4,
                                     highlight, 80));
  scmm_test_assert_pixel_near (pixel_at (surface, x, y), cell_colour, 3, "a selected row's cell");

  /* describe_at names the region a cell is in, and only there. */
  heatmap_cell_middle (figure, width, height, 4, 7, &x, &y);
  inside = scmm_figure_describe_at (figure, width, height, x, y);
  g_assert_cmpstr (inside, ==, "row 4, column 7: 0.25 (masked)");
  heatmap_cell_middle (figure, width, height, 5, 7, &x, &y);
  outside = scmm_figure_describe_at (figure, width, height, x, y);
  g_assert_cmpstr (outside, ==, "row 5, column 7: 0.25");
  cairo_surface_destroy (surface);

  /* Cleared, there is no outline. */
  scmm_figure_clear_heatmap_rects (figure);
  scmm_figure_set_heatmap_selected_row (figure, -1);
  surface = render (figure, width, height);
  heatmap_cell_middle (figure, width, height, 3, 5, &x, &y);
  g_assert_false (colour_near_along (surface, x, heatmap_row_start (figure, width, height, x, 2), FALSE, 3, white,
                                     60));
  heatmap_cell_middle (figure, width, height, 6, 2, &x, &y);
  g_assert_false (colour_near_along (surface, x, heatmap_row_start (figure, width, height, x, 6), FALSE, 4,
                                     highlight, 80));
  cairo_surface_destroy (surface);
}

/* ---- scalp maps ---- */

/* The disc's centre and radius in pixels, from where describe_at gives a
 * map value ("gradient: v"). */
static void
find_disc (const ScmmFigure *figure,
           int               width,
           int               height,
           double           *cx,
           double           *cy,
           double           *radius)
{
  int x_lo = width, x_hi = -1, y_lo = height, y_hi = -1;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        g_autofree char *text = scmm_figure_describe_at (figure, width, height, x, y);
        double v;

        if (text == NULL || sscanf (text, "gradient: %lf", &v) != 1)
          continue;
        x_lo = MIN (x_lo, x);
        x_hi = MAX (x_hi, x);
        y_lo = MIN (y_lo, y);
        y_hi = MAX (y_hi, y);
      }
  g_assert_cmpint (x_hi, >, x_lo);
  *cx = (x_lo + x_hi + 1) / 2.0;
  *cy = (y_lo + y_hi + 1) / 2.0;
  *radius = (x_hi + 1 - x_lo) / 2.0;
  /* A disc, not an ellipse: the map is square. */
  g_assert_cmpfloat (fabs ((y_hi + 1 - y_lo) / 2.0 - *radius), <=, 1.5);
}

static double
darkest_around (cairo_surface_t *surface,
                double           x,
                double           y,
                int              reach)
{
  double darkest = 255;

  for (int dy = -reach; dy <= reach; dy++)
    for (int dx = -reach; dx <= reach; dx++)
      darkest = MIN (darkest, pixel_luminance (pixel_at (surface, (int) lround (x) + dx, (int) lround (y) + dy)));
  return darkest;
}

static void
test_scalp_map (void)
{
  g_autoptr(ScmmFigure) figure = scmm_test_scalp_gradient ();
  const int width = 640, height = 520;
  double cx, cy, r;
  cairo_surface_t *surface;

  g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_SCALP_MAP);
  surface = render (figure, width, height);
  save_render (surface, "figure-scalp-gradient");
  find_disc (figure, width, height, &cx, &cy, &r);
  g_test_message ("disc centre (%.1f, %.1f), radius %.1f px", cx, cy, r);
  g_assert_cmpfloat (r, >, 150);

  /* Low on the left, high on the right, at their colormap colours (the
   * cells are 1/32 of the radius: a tolerance of a cell's colour step). */
  scmm_test_assert_pixel_near (pixel_at (surface, (int) (cx - 0.6 * r), (int) cy),
                               scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.2), 14, "x = -0.6");
  scmm_test_assert_pixel_near (pixel_at (surface, (int) (cx + 0.6 * r), (int) (cy - 0.3 * r)),
                               scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.8), 14, "x = 0.6");
  scmm_test_assert_pixel_near (pixel_at (surface, (int) cx, (int) (cy + 0.2 * r)),
                               scmm_test_pixel_from_colormap (SCMM_COLORMAP_VIRIDIS, 0.5), 14, "x = 0");
  /* Outside the disc, in the grid's square: the background. */
  scmm_test_assert_pixel_near (pixel_at (surface, (int) (cx + 0.78 * r), (int) (cy - 0.78 * r)),
                               pixel_from_hex (0xffffff), 0, "a corner of the grid");
  scmm_test_assert_pixel_near (pixel_at (surface, (int) (cx - 0.8 * r), (int) (cy + 0.8 * r)),
                               pixel_from_hex (0xffffff), 0, "another corner of the grid");
  /* The outline: dark on the circle, at 45° and at 200°. */
  g_assert_cmpfloat (darkest_around (surface, cx + r * cos (G_PI / 4), cy - r * sin (G_PI / 4), 2), <, 90);
  g_assert_cmpfloat (darkest_around (surface, cx + r * cos (G_PI * 200 / 180), cy - r * sin (G_PI * 200 / 180), 2),
                     <, 90);
  /* An electrode: a dark dot at its place. */
  g_assert_cmpfloat (darkest_around (surface, cx + 0.5 * r, cy + 0.5 * r, 1), <, 60);

  /* describe_at: the map's value, and an electrode's near it (its own
   * value, or the map's under it when it has none). */
  {
    g_autofree char *left = scmm_figure_describe_at (figure, width, height, cx - 0.5 * r, cy);
    g_autofree char *p4 = scmm_figure_describe_at (figure, width, height, cx + 0.5 * r + 1, cy + 0.5 * r);
    g_autofree char *fz = scmm_figure_describe_at (figure, width, height, cx, cy - 0.4 * r);
    g_autofree char *corner = scmm_figure_describe_at (figure, width, height, cx + 0.78 * r, cy - 0.78 * r);
    double value;

    g_assert_nonnull (left);
    g_assert_cmpint (sscanf (left, "gradient: %lf", &value), ==, 1);
    g_assert_cmpfloat (fabs (value + 0.5), <, 0.04);
    g_assert_nonnull (p4);
    g_assert_true (g_str_has_suffix (p4, "; electrode P4: 0.75"));
    g_assert_cmpstr (fz, ==, "gradient: 0.01562; electrode Fz: 0.01562");
    g_assert_null (corner);
  }
  cairo_surface_destroy (surface);

  /* Without electrodes and outline, the same map. */
  scmm_figure_set_scalp_outline (figure, NULL, NULL, 0);
  scmm_figure_set_scalp_electrodes (figure, NULL, NULL, NULL, 0);
  surface = render (figure, width, height);
  g_assert_cmpfloat (darkest_around (surface, cx + r * cos (G_PI / 4), cy - r * sin (G_PI / 4), 2), >, 60);
  cairo_surface_destroy (surface);
}

/* ---- scatter plots ---- */

/* The centre in pixels of the points describe_at names `what`: the middle
 * of the pixels it gives that name. */
static gboolean
find_described (const ScmmFigure *figure,
                int               width,
                int               height,
                const char       *what,
                double           *x,
                double           *y)
{
  double sx = 0, sy = 0;
  int n = 0;

  for (int py = 0; py < height; py++)
    for (int px = 0; px < width; px++)
      {
        g_autofree char *text = scmm_figure_describe_at (figure, width, height, px, py);

        if (g_strcmp0 (text, what) == 0)
          {
            sx += px;
            sy += py;
            n++;
          }
      }
  if (n == 0)
    return FALSE;
  *x = sx / n;
  *y = sy / n;
  return TRUE;
}

/* A colour drawn at 80 % over white, as a filled marker is. */
static Pixel
over_white (guint32 hex,
            double  alpha)
{
  Pixel p = pixel_from_hex (hex);

  return (Pixel) { (int) lround (p.r * alpha + 255 * (1 - alpha)), (int) lround (p.g * alpha + 255 * (1 - alpha)),
                   (int) lround (p.b * alpha + 255 * (1 - alpha)) };
}

static void
test_scatter (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Two categories");
  const int width = 640, height = 480;
  const double ax[] = { 0, 0, 4 }, ay[] = { 0, 2, 1 };
  const double bx[] = { 4, 2 }, by[] = { 0, 2 };
  const double cx[] = { 1.3 }, cy[] = { 0.7 };   /* off the grid lines */
  cairo_surface_t *surface;
  double x, y, x0, y0, x4, y2;
  int a, b, c;

  a = scmm_figure_add_points (figure, "source", ax, ay, 3);
  b = scmm_figure_add_points (figure, "target", bx, by, 2);
  c = scmm_figure_add_points (figure, "target, again", cx, cy, 1);
  g_assert_cmpint (a, ==, 0);
  g_assert_cmpint (b, ==, 1);
  /* The third category shares the first's colour, hollow. */
  scmm_figure_set_points_style (figure, c, 0, SCMM_MARKER_HOLLOW);
  g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_SCATTER);
  surface = render (figure, width, height);
  save_render (surface, "figure-scatter-two");

  /* Each point where describe_at names it, in its category's colour. */
  g_assert_true (find_described (figure, width, height, "source: x = 0, y = 0", &x0, &y0));
  scmm_test_assert_pixel_near (pixel_at (surface, (int) lround (x0), (int) lround (y0)),
                               over_white (FIRST_SERIES_COLOUR, 0.8), 12, "a source point");
  g_assert_true (find_described (figure, width, height, "source: x = 4, y = 1", &x, &y));
  scmm_test_assert_pixel_near (pixel_at (surface, (int) lround (x), (int) lround (y)),
                               over_white (FIRST_SERIES_COLOUR, 0.8), 12, "another source point");
  g_assert_true (find_described (figure, width, height, "target: x = 4, y = 0", &x4, &y));
  scmm_test_assert_pixel_near (pixel_at (surface, (int) lround (x4), (int) lround (y)),
                               over_white (SECOND_SERIES_COLOUR, 0.8), 12, "a target point");
  g_assert_cmpfloat (fabs (y - y0), <=, 1);     /* same y, same row */
  g_assert_cmpfloat (x4 - x0, >, width / 2);
  /* The hollow one: white inside, its colour on its rim. */
  g_assert_true (find_described (figure, width, height, "target, again: x = 1.3, y = 0.7", &x, &y));
  scmm_test_assert_pixel_near (pixel_at (surface, (int) lround (x), (int) lround (y)), pixel_from_hex (0xffffff), 16,
                               "a hollow marker's middle");
  g_assert_true (colour_near_along (surface, (int) lround (x), (int) lround (y), TRUE, 6,
                                    over_white (FIRST_SERIES_COLOUR, 0.95), 20));
  /* y up. */
  g_assert_true (find_described (figure, width, height, "target: x = 2, y = 2", &x, &y2));
  g_assert_cmpfloat (y2, <, y0 - height / 3);
  /* Away from every point: nothing. */
  g_assert_null (scmm_figure_describe_at (figure, width, height, (x0 + x4) / 2, (y0 + y2) / 2 + 20));
  cairo_surface_destroy (surface);

  /* Drawn scaled (as on a high-density screen, or into a file), markers
   * are paths rather than copies of one: the same colours at the same
   * places. */
  {
    cairo_surface_t *scaled = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * width, 2 * height);
    cairo_t *cr = cairo_create (scaled);

    cairo_scale (cr, 2, 2);
    scmm_figure_draw_cairo (figure, cr, width, height);
    cairo_destroy (cr);
    cairo_surface_flush (scaled);
    scmm_test_assert_pixel_near (pixel_at (scaled, (int) lround (2 * x0), (int) lround (2 * y0)),
                                 over_white (FIRST_SERIES_COLOUR, 0.8), 12, "a source point, scaled");
    scmm_test_assert_pixel_near (pixel_at (scaled, (int) lround (2 * x4), (int) lround (2 * y0)),
                                 over_white (SECOND_SERIES_COLOUR, 0.8), 12, "a target point, scaled");
    cairo_surface_destroy (scaled);
  }

  /* Equal axes: a unit as long across as up. */
  scmm_figure_set_equal_axes (figure, TRUE);
  g_assert_true (find_described (figure, width, height, "source: x = 0, y = 0", &x0, &y0));
  g_assert_true (find_described (figure, width, height, "target: x = 4, y = 0", &x4, &y));
  g_assert_true (find_described (figure, width, height, "source: x = 0, y = 2", &x, &y2));
  g_test_message ("equal axes: %.2f px a unit across, %.2f up", (x4 - x0) / 4, (y0 - y2) / 2);
  g_assert_cmpfloat (fabs ((x4 - x0) / 4 - (y0 - y2) / 2), <, 1.0);

  /* Cleared, there is nothing to draw. */
  scmm_figure_clear_points (figure);
  g_assert_null (scmm_figure_describe_at (figure, width, height, x0, y0));
}

/* Thousands of points draw fast. */
static void
test_scatter_timing (void)
{
  g_autoptr(ScmmFigure) figure = showcase_scatter (3000);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  double best = G_MAXDOUBLE;

  for (int i = 0; i < 4; i++)
    {
      cairo_t *cr = cairo_create (surface);
      double elapsed;

      g_test_timer_start ();
      scmm_figure_draw_cairo (figure, cr, 800, 600);
      cairo_surface_flush (surface);
      elapsed = g_test_timer_elapsed ();
      cairo_destroy (cr);
      best = MIN (best, elapsed);
    }
  g_test_message ("18000 points into 800 x 600: best of 4 draws %.1f ms", best * 1e3);
  g_test_minimized_result (best * 1e3, "18000-point scatter draw into 800x600: %.1f ms", best * 1e3);
  g_assert_cmpfloat (best, <, 0.25);
  cairo_surface_destroy (surface);
}

/* ---- bar charts ---- */

/* The rows [*top, *bottom] where pixel column x has `colour`; FALSE when
 * none has. */
static gboolean
colour_run (cairo_surface_t *surface,
            int              x,
            Pixel            colour,
            int             *top,
            int             *bottom)
{
  *top = -1;
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    if (scmm_test_pixel_distance (pixel_at (surface, x, y), colour) <= 6)
      {
        if (*top < 0)
          *top = y;
        *bottom = y;
      }
  return *top >= 0;
}

/* The pixel column in the middle of the bar describe_at names `what`
 * along pixel row y. */
static int
bar_middle (const ScmmFigure *figure,
            int               width,
            int               height,
            int               y,
            const char       *what)
{
  int first = -1, last = -1;

  for (int x = 0; x < width; x++)
    {
      g_autofree char *text = scmm_figure_describe_at (figure, width, height, x, y);

      if (g_strcmp0 (text, what) == 0)
        {
          if (first < 0)
            first = x;
          last = x;
        }
    }
  g_assert_cmpint (first, >=, 0);
  return (first + last) / 2;
}

static void
test_bars (void)
{
  g_autoptr(ScmmFigure) figure = scmm_figure_new ("Bars");
  const int width = 600, height = 400;
  const double values[] = { 3, -2, 5, 1, NAN };
  static const char *const labels[] = { "a", "b", "c", "d", "e", NULL };
  const int highlight[] = { 2 };
  const Pixel bar = pixel_from_hex (0x4c72b0);
  const Pixel hot = pixel_from_hex (SECOND_SERIES_COLOUR);
  cairo_surface_t *surface;
  int xa, xb, xc, ta, ba, tb, bb, tc, bc, te, be;
  int y = height / 2;

  /* The highlight outlives set_bars. */
  scmm_figure_set_bar_highlight (figure, highlight, 1);
  scmm_figure_set_bars (figure, values, 5, labels);
  g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_BARS);
  surface = render (figure, width, height);
  save_render (surface, "figure-bars-small");

  xa = bar_middle (figure, width, height, y, "a: 3");
  xb = bar_middle (figure, width, height, y, "b: -2");
  xc = bar_middle (figure, width, height, y, "c: 5");
  g_assert_cmpint (xa, <, xb);
  g_assert_cmpint (xb, <, xc);
  g_assert_true (colour_run (surface, xa, bar, &ta, &ba));
  g_assert_true (colour_run (surface, xb, bar, &tb, &bb));
  /* The highlighted bar is in the highlight colour, not the others'. */
  g_assert_true (colour_run (surface, xc, hot, &tc, &bc));
  g_assert_false (colour_run (surface, xc, bar, &te, &be));
  g_assert_false (colour_run (surface, xa, hot, &te, &be));
  /* A positive bar stands on the baseline, a negative one hangs below it;
   * heights are in proportion to the values. */
  g_assert_cmpint (abs (ba - bc), <=, 1);
  g_assert_cmpint (tb, >, ba);
  g_assert_cmpint (tb - ba, <=, 3);
  g_assert_cmpfloat (fabs ((bc - tc + 1.0) / (ba - ta + 1.0) - 5.0 / 3.0), <, 0.03);
  g_assert_cmpfloat (fabs ((bb - tb + 1.0) / (ba - ta + 1.0) - 2.0 / 3.0), <, 0.03);
  /* The NaN bar: described, not drawn. */
  {
    int xe = bar_middle (figure, width, height, y, "e: no value");

    g_assert_false (colour_run (surface, xe, bar, &te, &be));
  }
  cairo_surface_destroy (surface);

  /* A fixed value axis: [0, 10] halves the bars of [0, 5]... */
  {
    GStrv ticks;
    int t5, b5;

    scmm_figure_set_y_range (figure, 0, 10);
    ticks = scmm_figure_get_tick_labels (figure, width, height, SCMM_AXIS_Y);
    g_assert_cmpstr (ticks[0], ==, "0");
    g_assert_cmpstr (ticks[g_strv_length (ticks) - 1], ==, "10");
    g_strfreev (ticks);
    surface = render (figure, width, height);
    g_assert_true (colour_run (surface, xc, hot, &tc, &bc));
    cairo_surface_destroy (surface);

    scmm_figure_set_y_range (figure, 0, 5);
    surface = render (figure, width, height);
    g_assert_true (colour_run (surface, xc, hot, &t5, &b5));
    cairo_surface_destroy (surface);
    g_test_message ("bar of 5: %d px high on [0, 5], %d on [0, 10]", b5 - t5 + 1, bc - tc + 1);
    g_assert_cmpfloat (fabs ((b5 - t5 + 1.0) / (bc - tc + 1.0) - 2.0), <, 0.03);
  }
}

/* 512 bars: thinned labels that do not overlap, every bar drawn and
 * described, the highlighted one visible. */
static void
test_bars_many (void)
{
  g_autoptr(ScmmFigure) figure = scmm_test_showcase_bars (512);
  const int width = 800, height = 450;
  g_auto(GStrv) ticks = scmm_figure_get_tick_labels (figure, width, height, SCMM_AXIS_X);
  cairo_surface_t *surface = render (figure, width, height);
  int seen = 0, last = -1, hot_columns = 0, top, bottom;
  int y = height / 2;

  g_test_message ("512 bars: %u x tick labels", g_strv_length (ticks));
  g_assert_cmpuint (g_strv_length (ticks), >=, 4);
  g_assert_cmpuint (g_strv_length (ticks), <=, 20);
  for (int x = 0; x < width; x++)
    {
      g_autofree char *text = scmm_figure_describe_at (figure, width, height, x, y);
      int index;

      if (text != NULL && sscanf (text, "%d:", &index) == 1)
        {
          g_assert_cmpint (index, >=, last);
          if (index != last)
            seen++;
          last = index;
        }
      if (colour_run (surface, x, pixel_from_hex (SECOND_SERIES_COLOUR), &top, &bottom))
        hot_columns++;
    }
  g_assert_cmpint (seen, ==, 512);
  g_assert_cmpint (hot_columns, >=, 3);
  cairo_surface_destroy (surface);
}

/* Each new kind exports to the three formats. */
static void
test_export_kinds (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scmm-figure-XXXXXX", &error);
  g_autoptr(ScmmFigure) scalp = scmm_test_showcase_scalp (SCMM_SEED_CHANNELS);
  g_autoptr(ScmmFigure) scatter = showcase_scatter (200);
  g_autoptr(ScmmFigure) bars = scmm_test_showcase_bars (64);
  g_autoptr(ScmmFigure) marked = showcase_similarity (32);
  const ScmmFigure *figures[] = { scalp, scatter, bars, marked };
  static const char *const names[] = { "figure.png", "figure.svg", "figure.pdf" };

  g_assert_no_error (error);
  scmm_figure_add_heatmap_rect (marked, 0, 0, 16, 16, "original");
  scmm_figure_set_heatmap_selected_row (marked, 5);
  for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      export_and_check (figures[f], dir, names[i]);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The renders to look at, and a screenshot of each kind at the size an
 * export dialog uses. */
static void
test_showcase (void)
{
  g_autoptr(ScmmFigure) lines = showcase_lines ();
  g_autoptr(ScmmFigure) heatmap = showcase_heatmap ();
  g_autoptr(ScmmFigure) similarity = showcase_similarity (512);
  g_autoptr(ScmmFigure) small = showcase_lines ();
  g_autoptr(ScmmFigure) scalp = scmm_test_showcase_scalp (SCMM_SEED_CHANNELS);
  g_autoptr(ScmmFigure) scalp_small = scmm_test_showcase_scalp (SCMM_DEAP_CHANNELS);
  g_autoptr(ScmmFigure) scatter = showcase_scatter (300);
  g_autoptr(ScmmFigure) bars = scmm_test_showcase_bars (32);
  g_autoptr(ScmmFigure) many_bars = scmm_test_showcase_bars (512);
  g_autoptr(ScmmFigure) marked = showcase_similarity (64);
  struct
  {
    const ScmmFigure *figure;
    const char *name;
    int width, height;
  } shots[] = {
    { lines, "figure-lines-log", 800, 500 },
    { heatmap, "figure-heatmap", 640, 720 },
    { similarity, "figure-similarity-512", 800, 700 },
    { small, "figure-lines-small", 300, 200 },
    { scalp, "figure-scalp-seed62", 720, 600 },
    { scalp_small, "figure-scalp-deap32-small", 360, 300 },
    { scatter, "figure-scatter", 800, 600 },
    { bars, "figure-bars", 800, 450 },
    { many_bars, "figure-bars-512", 800, 450 },
    { marked, "figure-similarity-marked", 800, 700 },
  };

  scmm_figure_set_title (small, "A small view: 300 × 200");
  scmm_figure_add_heatmap_rect (marked, 0, 0, 32, 32, "original");
  scmm_figure_add_heatmap_rect (marked, 32, 32, 32, 32, "masked");
  scmm_figure_set_heatmap_selected_row (marked, 3);
  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      cairo_surface_t *surface = render (shots[i].figure, shots[i].width, shots[i].height);

      g_assert_cmpuint (count_non_background (surface, 0, 0, shots[i].width, shots[i].height), >, 1000);
      save_render (surface, shots[i].name);
      cairo_surface_destroy (surface);
    }
}

/* Draw time of the worst case: S at batch 256 is 512 x 512. */
static void
test_heatmap_timing (void)
{
  g_autoptr(ScmmFigure) figure = showcase_similarity (512);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 800);
  double total = 0, best = G_MAXDOUBLE;
  const int repeats = 20;

  for (int i = 0; i <= repeats; i++)
    {
      cairo_t *cr = cairo_create (surface);
      double elapsed;

      g_test_timer_start ();
      scmm_figure_draw_cairo (figure, cr, 800, 800);
      cairo_surface_flush (surface);
      elapsed = g_test_timer_elapsed ();
      cairo_destroy (cr);

      /* The first draw builds the colormap tables and warms the fonts. */
      if (i == 0)
        {
          g_test_message ("512 x 512 heatmap into 800 x 800: first draw %.2f ms", elapsed * 1e3);
          continue;
        }
      total += elapsed;
      best = MIN (best, elapsed);
    }

  g_test_message ("512 x 512 heatmap into 800 x 800: %.2f ms a draw on average over %d, best %.2f ms",
                  total / repeats * 1e3, repeats, best * 1e3);
  g_test_minimized_result (total / repeats * 1e3, "512x512 heatmap draw into 800x800: %.2f ms",
                           total / repeats * 1e3);
  cairo_surface_destroy (surface);
}

/* ---- the view ---- */

static void
test_view_size (void)
{
  GtkWidget *view = g_object_ref_sink (scmm_figure_view_new ());
  int minimum, natural;

  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, 200);
  g_assert_cmpint (natural, >=, minimum);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, 150);
  g_assert_cmpint (natural, >=, minimum);

  g_assert_true (gtk_widget_get_has_tooltip (view));
  g_assert_null (scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view)));
  g_assert_finalize_object (view);
}

static void
test_view_screenshot (void)
{
  GtkWidget *view = scmm_figure_view_new ();
  g_autoptr(ScmmFigure) figure = showcase_heatmap ();
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window;

  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  g_assert_true (scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view)) == figure);
  g_object_ref (view);
  window = scmm_test_present_view (view, 560, 640);

  before = scmm_test_screenshot (view);
  g_assert_nonnull (before);
  g_assert_cmpint (gdk_texture_get_width (before), ==, gtk_widget_get_width (view));
  g_assert_cmpint (gdk_texture_get_height (before), ==, gtk_widget_get_height (view));
  g_assert_cmpuint (scmm_test_count_colours (before, 64), >=, 16);
  path = scmm_test_save_screenshot (before, "figure-view");

  /* A change shows after an update. */
  {
    float values[28 * 5];

    for (int i = 0; i < 28 * 5; i++)
      values[i] = (float) (i % 5);
    scmm_figure_set_heatmap (figure, values, 28, 5, SCMM_COLORMAP_DIVERGING, NAN, NAN, "band index");
    scmm_figure_view_update (SCMM_FIGURE_VIEW (view));
    g_assert_true (scmm_test_wait_for_frames (view, 2, WAIT_MS));
    after = scmm_test_screenshot (view);
    g_assert_cmpuint (scmm_test_count_colours (after, 64), >=, 16);
    g_clear_pointer (&path, g_free);
    path = scmm_test_save_screenshot (after, "figure-view-updated");
  }
  {
    gsize size = (gsize) gdk_texture_get_width (before) * gdk_texture_get_height (before) * 4;
    g_autofree guchar *a = g_malloc (size);
    g_autofree guchar *b = g_malloc (size);

    gdk_texture_download (before, a, (gsize) gdk_texture_get_width (before) * 4);
    gdk_texture_download (after, b, (gsize) gdk_texture_get_width (after) * 4);
    g_assert_true (memcmp (a, b, size) != 0);
  }

  /* The view drops its reference with the window; the figure lives on. */
  scmm_test_destroy_window (window);
  g_assert_finalize_object (view);
  g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_HEATMAP);
}

static void
test_view_no_figure (void)
{
  GtkWidget *view = scmm_figure_view_new ();
  g_autoptr(ScmmFigure) figure = ramp_heatmap (4);
  GtkWindow *window;

  g_object_ref (view);
  window = scmm_test_present_view (view, 300, 200);

  /* Nothing shown (and nothing drawn): the export does nothing. */
  gtk_widget_activate_action (view, "figure.export", NULL);
  g_assert_true (scmm_test_wait_for_frames (view, 1, WAIT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 1);

  /* Set, replaced by itself, then unset. */
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  g_assert_true (scmm_test_wait_for_frames (view, 1, WAIT_MS));
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), NULL);
  scmm_figure_view_update (SCMM_FIGURE_VIEW (view));
  g_assert_null (scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view)));
  g_assert_true (scmm_test_wait_for_frames (view, 1, WAIT_MS));

  scmm_test_destroy_window (window);
  g_assert_finalize_object (view);
}


/* user_data: { chooser, path } */
static gboolean
chooser_file_is (gpointer user_data)
{
  gpointer *args = user_data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (args[0]);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  return g_strcmp0 (path, args[1]) == 0;
}

static gboolean
file_chooser_hidden (gpointer user_data)
{
  return scmm_test_find_file_chooser () == NULL;
}

/* Activates figure.export and returns the file chooser it shows. */
static GtkFileChooser *
open_export_chooser (GtkWidget *view)
{
  g_assert_true (gtk_widget_activate_action (view, "figure.export", NULL));
  g_assert_true (scmm_test_wait_until (scmm_test_file_chooser_shown, NULL, WAIT_MS));
  return scmm_test_find_file_chooser ();
}

static gboolean
file_exists (gpointer user_data)
{
  return g_file_test (user_data, G_FILE_TEST_IS_REGULAR);
}

/* figure.export, through the file chooser GTK falls back to without a
 * portal: the filters, then a name without an extension, which gets the
 * chosen filter's. */
static void
test_view_export_action (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scmm-figure-view-XXXXXX", &error);
  g_autofree char *expected = NULL;
  g_autofree char *chosen = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(ScmmFigure) figure = showcase_lines ();
  g_autoptr(GBytes) bytes = NULL;
  GtkWidget *view = scmm_figure_view_new ();
  GtkFileChooser *chooser;
  GtkWindow *window;

  g_assert_no_error (error);
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  g_object_ref (view);
  window = scmm_test_present_view (view, 480, 360);

  chooser = open_export_chooser (view);
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  {
    g_autofree char *proposed = gtk_file_chooser_get_current_name (chooser);

    g_assert_cmpstr (proposed, ==, "pre-training-losses.png");
  }

  filters = gtk_file_chooser_get_filters (chooser);
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 3);
  {
    g_autoptr(GtkFileFilter) pdf = g_list_model_get_item (filters, 2);

    gtk_file_chooser_set_filter (chooser, pdf);
  }

  folder = g_file_new_for_path (dir);
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, &error));
  g_assert_no_error (error);
  chosen = g_build_filename (dir, "losses", NULL);
  gtk_file_chooser_set_current_name (chooser, chosen);
  /* The folder changes once it is loaded, in the background. */
  g_assert_true (scmm_test_wait_until (chooser_file_is, (gpointer[]) { chooser, chosen }, WAIT_MS));
  gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT));

  expected = g_build_filename (dir, "losses.pdf", NULL);
  g_assert_true (scmm_test_wait_until (file_exists, expected, WAIT_MS));
  bytes = read_file (expected);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);
  g_assert_false (scmm_test_file_chooser_shown (NULL));

  g_unlink (expected);
  g_rmdir (dir);
  scmm_test_destroy_window (window);
  g_assert_finalize_object (view);
}

/* The export proposes a file named after the title. */
static void
test_view_export_name (void)
{
  /* { title, proposed name } */
  static const char *const cases[][2] = {
    { "Similarity S (original | masked)", "similarity-s-original-masked.png" },
    { "  Accuracy: SEED → SEED-IV (%)  ", "accuracy-seed-seed-iv.png" },
    { "62 channels × 200 windows", "62-channels-200-windows.png" },
    { "Différence δ/θ", "différence-δ-θ.png" },
    { "../../etc/passwd", "etc-passwd.png" },
    { "*** ***", "figure.png" },
    { "", "figure.png" },
    { NULL, "figure.png" },
    { "An overlong title that goes on and on about losses, accuracies and epochs",
      "an-overlong-title-that-goes-on-and-on-about-losses-accuracies.png" },
  };
  g_autoptr(ScmmFigure) figure = showcase_heatmap ();
  GtkWidget *view = scmm_figure_view_new ();
  GtkWindow *window;

  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  g_object_ref (view);
  window = scmm_test_present_view (view, 480, 360);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkFileChooser *chooser;
      g_autofree char *proposed = NULL;

      scmm_figure_set_title (figure, cases[i][0]);
      scmm_figure_view_update (SCMM_FIGURE_VIEW (view));
      chooser = open_export_chooser (view);
      proposed = gtk_file_chooser_get_current_name (chooser);
      g_assert_cmpstr (proposed, ==, cases[i][1]);

      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
      g_assert_true (scmm_test_wait_until (file_chooser_hidden, NULL, WAIT_MS));
    }

  scmm_test_destroy_window (window);
  g_assert_finalize_object (view);
}

/* A screen reader names the figure by its title, without a tooltip. */
static void
test_view_accessible_label (void)
{
  g_autoptr(ScmmFigure) figure = showcase_lines ();
  GtkWidget *view = g_object_ref_sink (scmm_figure_view_new ());
  GtkAccessible *accessible = GTK_ACCESSIBLE (view);

  gtk_test_accessible_assert_role (accessible, GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_false (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL));

  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  gtk_test_accessible_assert_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "Pre-training losses");

  /* A new title follows with the update that redraws it. */
  scmm_figure_set_title (figure, "Fine-tuning test accuracy");
  scmm_figure_view_update (SCMM_FIGURE_VIEW (view));
  gtk_test_accessible_assert_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "Fine-tuning test accuracy");

  /* Untitled, it is still a figure; without one, there is nothing to name. */
  scmm_figure_set_title (figure, NULL);
  scmm_figure_view_update (SCMM_FIGURE_VIEW (view));
  gtk_test_accessible_assert_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "Figure");
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), NULL);
  g_assert_false (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL));

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's test accessibility backend instead of none: it needs no session
   * bus either, and it keeps the properties set, so that the view's
   * accessible label can be read back. Read once, at the first widget. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  scmm_test_park_pointer ();

  g_test_add_func ("/figure/revision", test_figure_revision);
  g_test_add_func ("/figure/colormaps", test_colormaps);
  g_test_add_func ("/figure/heatmap/colorbar", test_heatmap_colorbar);
  g_test_add_func ("/figure/heatmap/diverging", test_heatmap_diverging);
  g_test_add_func ("/figure/heatmap/diagonal", test_heatmap_diagonal);
  g_test_add_func ("/figure/heatmap/describe", test_heatmap_describe);
  g_test_add_func ("/figure/heatmap/many-labels", test_heatmap_many_labels);
  g_test_add_func ("/figure/heatmap/timing", test_heatmap_timing);
  g_test_add_func ("/figure/lines/palette", test_lines_palette);
  g_test_add_func ("/figure/lines/log", test_lines_log);
  g_test_add_func ("/figure/lines/view", test_lines_view);
  g_test_add_func ("/figure/lines/nan-breaks", test_lines_nan_breaks);
  g_test_add_func ("/figure/lines/integer-axis", test_lines_integer_axis);
  g_test_add_func ("/figure/lines/flat-range", test_lines_flat_range);
  g_test_add_func ("/figure/lines/y-range", test_lines_y_range);
  g_test_add_func ("/figure/confusion/counts", test_confusion_counts);
  g_test_add_func ("/figure/confusion/row-normalised", test_confusion_row_normalised);
  g_test_add_func ("/figure/heatmap/marks", test_heatmap_marks);
  g_test_add_func ("/figure/scalp-map", test_scalp_map);
  g_test_add_func ("/figure/scatter", test_scatter);
  g_test_add_func ("/figure/scatter/timing", test_scatter_timing);
  g_test_add_func ("/figure/bars", test_bars);
  g_test_add_func ("/figure/bars/many", test_bars_many);
  g_test_add_func ("/figure/export-kinds", test_export_kinds);
  g_test_add_func ("/figure/empty", test_empty);
  g_test_add_func ("/figure/export", test_export);
  g_test_add_func ("/figure/showcase", test_showcase);
  g_test_add_func ("/figure-view/size", test_view_size);
  g_test_add_func ("/figure-view/screenshot", test_view_screenshot);
  g_test_add_func ("/figure-view/no-figure", test_view_no_figure);
  g_test_add_func ("/figure-view/export-action", test_view_export_action);
  g_test_add_func ("/figure-view/export-name", test_view_export_name);
  g_test_add_func ("/figure-view/accessible-label", test_view_accessible_label);

  status = g_test_run ();

  scmm_test_screenshot_cleanup ();

  return status;
}
