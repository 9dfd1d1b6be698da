/* test-snapshot-views.c: the masks, similarity and reconstruction views
 *
 * A real snapshot: a batch of the demo corpus' pre-training samples, masked
 * and run through a few SCMM pre-training steps by the engine, as a run does
 * every snapshot_every steps. The views are checked on their pixels, found
 * through scmm_figure_describe_at (so no layout number is assumed): masked
 * cells where the masks say, and only there; S's diagonal in the top
 * colours; the blocks' outlines; the positive pair's bar; the selected row
 * following the spin button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <math.h>
#include <string.h>

#include "scmm-adam.h"
#include "scmm-experiment-data.h"
#include "scmm-experiment.h"
#include "scmm-figure-view.h"
#include "scmm-masks-view.h"
#include "scmm-masking.h"
#include "scmm-model.h"
#include "scmm-pretrain.h"
#include "scmm-reconstruction-view.h"
#include "scmm-similarity-view.h"
#include "scmm-test-screenshot.h"

#define WAIT_MS 10000
#define BATCH 256
#define TRAIN_STEPS 15

/* The figures' theme (ui/gl/scmm-figure-theme.c): missing values, the
 * highlight, and the diverging colormap's ends. */
#define MISSING_GREY 0xbdbdbd
#define HIGHLIGHT 0xd55e00

static ScmmSnapshot *snapshot;

/* ---- a real snapshot ---- */

static ScmmSnapshot *
train_snapshot (int b)
{
  g_autoptr(ScmmExperiment) experiment = scmm_experiment_preset ("demo");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScmmExperimentData) data = NULL;
  g_autoptr(ScmmModel) model = NULL;
  g_autoptr(ScmmPretrainStep) step = NULL;
  g_autoptr(ScmmAdam) adam = NULL;
  g_autofree guint32 *order = NULL;
  g_autofree float *x = NULL;
  g_autofree guint8 *keep = NULL;
  g_autofree int32_t *labels = NULL;
  ScmmPretrainLoss loss = SCMM_PRETRAIN_LOSS_DEFAULT;
  ScmmMaskConfig mask = SCMM_MASK_CONFIG_DEFAULT;
  ScmmModelConfig config;
  ScmmRng rng;
  gsize per;

  data = scmm_experiment_data_build (experiment, &error);
  g_assert_no_error (error);
  g_assert_cmpint (data->pretrain->n, >=, b);
  config = (ScmmModelConfig) { data->n_channels, data->bands };
  per = (gsize) config.channels * config.bands;

  model = scmm_model_new (&config);
  scmm_rng_init (&rng, 7);
  scmm_model_init_default (model, &rng);
  adam = scmm_adam_new (model->model, NULL, &SCMM_ADAM_CONFIG_DEFAULT);
  step = scmm_pretrain_step_new (&model->dims, b, mask.views);

  /* A shuffled batch, as pre-training draws it: several trials and classes. */
  order = g_new (guint32, data->pretrain->n);
  x = g_new (float, (gsize) b * per);
  labels = g_new (int32_t, b);
  keep = g_new (guint8, (gsize) mask.views * b * per);
  for (int s = 0; s <= TRAIN_STEPS; s++)
    {
      scmm_rng_permutation (&rng, order, (guint32) data->pretrain->n);
      for (int i = 0; i < b; i++)
        {
          memcpy (x + (gsize) i * per, data->pretrain->x + (gsize) order[i] * per, per * sizeof (float));
          labels[i] = data->pretrain->y[order[i]];
        }
      scmm_masking_generate (keep, &rng, &mask, b, config.channels, config.bands);
      scmm_tensor_set_zero_grads (model->model);
      g_assert_true (scmm_pretrain_step_run (step, model, x, keep, &loss, &error));
      g_assert_no_error (error);
      if (s < TRAIN_STEPS)
        scmm_adam_step (adam, adam->config.lr);
    }

  return scmm_snapshot_new (step, keep, labels, "scmm", 1, TRAIN_STEPS + 1);
}

/* ---- pixels ---- */

typedef struct
{
  int r, g, b;
} Pixel;

typedef struct
{
  GdkTexture *texture;
  guchar     *data;
  gsize       stride;
  int         width, height;
} Shot;

static Shot
shot_take (GtkWidget *widget)
{
  Shot shot = { 0 };

  g_assert_true (scmm_test_wait_for_frames (widget, 3, WAIT_MS));
  shot.texture = scmm_test_screenshot (widget);
  g_assert_nonnull (shot.texture);
  shot.width = gdk_texture_get_width (shot.texture);
  shot.height = gdk_texture_get_height (shot.texture);
  shot.stride = (gsize) shot.width * 4;
  shot.data = g_malloc (shot.stride * shot.height);
  gdk_texture_download (shot.texture, shot.data, shot.stride);
  return shot;
}

static void
shot_clear (Shot *shot)
{
  g_clear_object (&shot->texture);
  g_clear_pointer (&shot->data, g_free);
}

/* Cairo's ARGB32, little-endian: B G R A. */
static Pixel
shot_pixel (const Shot *shot,
            int         x,
            int         y)
{
  const guchar *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, shot->width);
  g_assert_cmpint (y, <, shot->height);
  p = shot->data + (gsize) y * shot->stride + (gsize) x * 4;
  return (Pixel) { p[2], p[1], p[0] };
}

static Pixel
pixel_from_hex (guint32 hex)
{
  return (Pixel) { (hex >> 16) & 0xff, (hex >> 8) & 0xff, hex & 0xff };
}

static gboolean
pixel_near (Pixel a,
            Pixel b,
            int   tolerance)
{
  return ABS (a.r - b.r) <= tolerance && ABS (a.g - b.g) <= tolerance && ABS (a.b - b.b) <= tolerance;
}

/* The plot box of a figure drawn at its view's size, found with
 * describe_at: [x0, x1) x [y0, y1), where it names a cell or a bar. */
typedef struct
{
  int x0, x1, y0, y1;
} PlotBox;

static gboolean
described (ScmmFigure *figure,
           int         width,
           int         height,
           int         x,
           int         y)
{
  g_autofree char *text = scmm_figure_describe_at (figure, width, height, x + 0.5, y + 0.5);

  return text != NULL;
}

static PlotBox
find_plot_box (ScmmFigure *figure,
               int         width,
               int         height)
{
  PlotBox box = { -1, -1, -1, -1 };
  int y = height / 2, x;

  for (x = 0; x < width && box.x0 < 0; x++)
    if (described (figure, width, height, x, y))
      box.x0 = x;
  g_assert_cmpint (box.x0, >=, 0);
  for (x = box.x0; x < width && described (figure, width, height, x, y); x++)
    ;
  box.x1 = x;

  x = (box.x0 + box.x1) / 2;
  for (y = 0; y < height && box.y0 < 0; y++)
    if (described (figure, width, height, x, y))
      box.y0 = y;
  for (y = box.y0; y < height && described (figure, width, height, x, y); y++)
    ;
  box.y1 = y;
  return box;
}

/* The centre pixel of cell (row, col) of a rows x cols grid in box. */
static void
cell_centre (const PlotBox *box,
             int            rows,
             int            cols,
             int            row,
             int            col,
             int           *x,
             int           *y)
{
  *x = box->x0 + (int) floor ((col + 0.5) * (box->x1 - box->x0) / cols);
  *y = box->y0 + (int) floor ((row + 0.5) * (box->y1 - box->y0) / rows);
}

/* ---- widgets ---- */

static void
collect_figure_views (GtkWidget *widget,
                      GPtrArray *views)
{
  if (SCMM_IS_FIGURE_VIEW (widget))
    {
      g_ptr_array_add (views, widget);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_figure_views (c, views);
}

/* The figure views inside a view, in order. */
static GPtrArray *
figure_views_of (GtkWidget *view)
{
  GPtrArray *views = g_ptr_array_new ();

  collect_figure_views (view, views);
  return views;
}

static gboolean
view_is_up_to_date (gpointer user_data)
{
  return scmm_snapshot_view_is_up_to_date (SCMM_SNAPSHOT_VIEW (user_data));
}

static GtkWindow *
present (GtkWidget *view,
         int        width,
         int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_widget_set_margin_start (view, 12);
  gtk_widget_set_margin_end (view, 12);
  gtk_widget_set_margin_top (view, 12);
  gtk_widget_set_margin_bottom (view, 12);
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  g_assert_true (scmm_test_wait_until (scmm_test_widget_is_mapped, view, WAIT_MS));
  return window;
}

static void
show_snapshot (GtkWidget    *view,
               ScmmSnapshot *shown)
{
  scmm_snapshot_view_set_snapshot (SCMM_SNAPSHOT_VIEW (view), shown);
  g_assert_true (scmm_test_wait_until (view_is_up_to_date, view, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (view, 2, WAIT_MS));
}

static void
save (GtkWidget  *widget,
      const char *name)
{
  Shot shot = shot_take (widget);
  g_autofree char *path = scmm_test_save_screenshot (shot.texture, name);

  g_assert_cmpuint (scmm_test_count_colours (shot.texture, 64), >=, 16);
  shot_clear (&shot);
}

/* ---- masks ---- */

/* Every cell of a channels x bands figure is grey exactly where `keep`
 * masks it (keep NULL: nowhere). */
static void
assert_masked_cells (GtkWidget    *figure_view,
                     const guint8 *keep,
                     guint        *n_masked)
{
  ScmmFigure *figure = scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (figure_view));
  Shot shot = shot_take (figure_view);
  PlotBox box = find_plot_box (figure, shot.width, shot.height);
  int C = snapshot->channels, F = snapshot->bands;

  g_assert_cmpint (box.y1 - box.y0, >=, C * 4);
  for (int c = 0; c < C; c++)
    for (int f = 0; f < F; f++)
      {
        gboolean masked = keep != NULL && keep[c * F + f] == 0;
        int x, y;
        Pixel p;

        cell_centre (&box, C, F, c, f, &x, &y);
        p = shot_pixel (&shot, x, y);
        if (pixel_near (p, pixel_from_hex (MISSING_GREY), 6) != masked)
          g_error ("channel %d band %d: keep %d, pixel (%d, %d) is #%02x%02x%02x", c, f,
                   keep != NULL ? keep[c * F + f] : 1, x, y, p.r, p.g, p.b);
        *n_masked += masked;
      }
  shot_clear (&shot);
}

/* A sample of the batch with a channel masked whole and another masked
 * element-wise, in view 1. */
static int
sample_with_both_masks (void)
{
  int C = snapshot->channels, F = snapshot->bands;

  for (int s = 0; s < snapshot->b; s++)
    {
      const guint8 *keep = snapshot->keep + (gsize) s * C * F;
      gboolean whole = FALSE, partial = FALSE;

      for (int c = 0; c < C; c++)
        {
          int kept = 0;

          for (int f = 0; f < F; f++)
            kept += keep[c * F + f];
          whole |= kept == 0;
          partial |= kept > 0 && kept < F;
        }
      if (whole && partial)
        return s;
    }
  g_assert_not_reached ();
}

static void
test_masks (void)
{
  GtkWidget *view = scmm_masks_view_new ();
  g_autoptr(GPtrArray) figures = NULL;
  ScmmMaskConfig mask = SCMM_MASK_CONFIG_DEFAULT;
  int C = snapshot->channels, F = snapshot->bands;
  int sample = sample_with_both_masks ();
  const guint8 *keep = snapshot->keep + (gsize) sample * C * F;
  g_autofree char *expected = NULL;
  guint masked = 0, masked_in_original = 0, masked_count = 0;
  GtkWindow *window;

  g_object_ref_sink (view);
  window = present (view, 1200, 900);

  /* Before the first snapshot: the placeholder, no figure on screen. */
  figures = figure_views_of (view);
  g_assert_cmpuint (figures->len, ==, 2);
  g_assert_false (gtk_widget_get_mapped (g_ptr_array_index (figures, 0)));
  g_assert_false (scmm_snapshot_view_is_up_to_date (SCMM_SNAPSHOT_VIEW (view)));
  save (view, "snapshot-masks-placeholder");

  scmm_masks_view_set_mask_config (SCMM_MASKS_VIEW (view), &mask);
  scmm_masks_view_set_sample (SCMM_MASKS_VIEW (view), sample);
  show_snapshot (view, snapshot);
  g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (figures, 0)));

  /* The original has nothing masked; the masked view is grey exactly where keep is 0. */
  assert_masked_cells (g_ptr_array_index (figures, 0), NULL, &masked_in_original);
  assert_masked_cells (g_ptr_array_index (figures, 1), keep, &masked);
  g_assert_cmpuint (masked_in_original, ==, 0);
  for (int i = 0; i < C * F; i++)
    masked_count += keep[i] == 0;
  g_assert_cmpuint (masked, ==, masked_count);
  g_assert_cmpuint (masked, >, 0);
  g_test_message ("sample %d: %u of %d cells masked", sample, masked, C * F);

  /* The caption: the mode and this sample's measured ratio. */
  expected = g_strdup_printf ("%.1f %% of this sample", 100.0 * masked_count / (C * F));
  g_assert_nonnull (scmm_test_find_label (view, expected, FALSE));
  g_assert_nonnull (scmm_test_find_label (view, "Hybrid masking", FALSE));
  save (view, "snapshot-masks");

  g_object_unref (view);
  gtk_window_destroy (window);
}

/* ---- similarity ---- */

/* Where t in [0, 1] of the diverging colormap the pixel is nearest. */
static double
diverging_position (Pixel p)
{
  double best = G_MAXDOUBLE, best_t = 0;

  for (int i = 0; i <= 200; i++)
    {
      double rgb[3], t = i / 200.0, d;

      scmm_colormap_rgb (SCMM_COLORMAP_DIVERGING, t, rgb);
      d = pow (rgb[0] * 255 - p.r, 2) + pow (rgb[1] * 255 - p.g, 2) + pow (rgb[2] * 255 - p.b, 2);
      if (d < best)
        {
          best = d;
          best_t = t;
        }
    }
  return best_t;
}

/* The rows of pixels of the plot that hold the highlight colour, as their mean y. */
static double
highlight_mean_y (const Shot    *shot,
                  const PlotBox *box)
{
  double sum = 0;
  int n = 0;

  for (int y = MAX (box->y0 - 6, 0); y < MIN (box->y1 + 6, shot->height); y++)
    {
      int hits = 0;

      for (int x = box->x0; x < box->x1; x++)
        hits += pixel_near (shot_pixel (shot, x, y), pixel_from_hex (HIGHLIGHT), 24);
      /* The band's long sides: most of a row of pixels. */
      if (hits > (box->x1 - box->x0) / 2)
        {
          sum += y;
          n++;
        }
    }
  g_assert_cmpint (n, >, 0);
  return sum / n;
}

static void
test_similarity (void)
{
  GtkWidget *view = scmm_similarity_view_new ();
  g_autoptr(GPtrArray) figures = NULL;
  GtkSpinButton *spin;
  GtkWidget *heatmap_view, *bars_view;
  ScmmFigure *heatmap, *bars;
  int N = snapshot->n, b = snapshot->b;
  int row = 5, positive, hot_diagonal = 0, hot_elsewhere = 0, checked = 0;
  int neighbours[SCMM_SIMILARITY_NEIGHBOURS];
  double y_before, y_after, cell_h;
  PlotBox box;
  Shot shot;
  GtkWindow *window;

  g_object_ref_sink (view);
  window = present (view, 1600, 1000);
  scmm_similarity_view_set_row (SCMM_SIMILARITY_VIEW (view), row);
  show_snapshot (view, snapshot);
  save (view, "snapshot-similarity-S");

  figures = figure_views_of (view);
  g_assert_cmpuint (figures->len, ==, 2);
  heatmap_view = g_ptr_array_index (figures, 0);
  bars_view = g_ptr_array_index (figures, 1);
  heatmap = scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (heatmap_view));
  bars = scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (bars_view));
  g_assert_cmpint (scmm_figure_get_kind (heatmap), ==, SCMM_FIGURE_HEATMAP);
  g_assert_cmpint (scmm_figure_get_kind (bars), ==, SCMM_FIGURE_BARS);

  /* S's diagonal (cosine 1) in the top colour: the diagonal cells, away
   * from the outlines and the selected row, are; other cells mostly not. */
  shot = shot_take (heatmap_view);
  box = find_plot_box (heatmap, shot.width, shot.height);
  g_test_message ("S heatmap: plot %d x %d for %d x %d cells", box.x1 - box.x0, box.y1 - box.y0, N, N);
  g_assert_cmpint (box.x1 - box.x0, >=, N / 2);
  for (int i = 3; i < N; i += 7)
    {
      int x, y, xo, yo;

      if (i % b < 3 || i % b > b - 4 || ABS (i - row) < 3)
        continue;
      cell_centre (&box, N, N, i, i, &x, &y);
      cell_centre (&box, N, N, i, (i + 97) % N, &xo, &yo);
      hot_diagonal += diverging_position (shot_pixel (&shot, x, y)) >= 0.95;
      hot_elsewhere += diverging_position (shot_pixel (&shot, xo, yo)) >= 0.95;
      checked++;
    }
  g_test_message ("S: %d of %d diagonal cells hot, %d off the diagonal", hot_diagonal, checked, hot_elsewhere);
  g_assert_cmpint (hot_diagonal, >=, checked * 9 / 10);
  g_assert_cmpint (hot_elsewhere, <=, checked / 4);

  shot_clear (&shot);

  /* The bar chart: the positive pair (row + b) in the highlight colour,
   * one bar and no other. */
  positive = (row + b) % N;
  {
    int lo = -1, hi = -1, named_lo = -1, named_hi = -1;
    g_autofree char *expected = g_strdup_printf ("bar %d:", positive);
    PlotBox bars_box;

    shot = shot_take (bars_view);
    bars_box = find_plot_box (bars, shot.width, shot.height);
    for (int x = bars_box.x0; x < bars_box.x1; x++)
      for (int y = bars_box.y0; y < bars_box.y1; y++)
        if (pixel_near (shot_pixel (&shot, x, y), pixel_from_hex (HIGHLIGHT), 24))
          {
            if (lo < 0)
              lo = x;
            hi = x;
            break;
          }
    g_assert_cmpint (lo, >=, 0);
    g_assert_cmpint (hi - lo, <, 12);
    /* Where describe_at names the positive's bar: under the highlight. */
    for (int x = bars_box.x0; x < bars_box.x1; x++)
      {
        g_autofree char *text = scmm_figure_describe_at (bars, shot.width, shot.height, x + 0.5,
                                                         bars_box.y1 - 2.5);

        if (text != NULL && g_str_has_prefix (text, expected))
          {
            if (named_lo < 0)
              named_lo = x;
            named_hi = x;
          }
      }
    g_test_message ("highlighted bar at x %d-%d; bar %d at x %d-%d", lo, hi, positive, named_lo, named_hi);
    g_assert_cmpint (named_lo, >=, 0);
    g_assert_cmpint (lo, <=, named_hi);
    g_assert_cmpint (hi, >=, named_lo);
    shot_clear (&shot);
  }

  /* The strongest neighbours: the first is the row's largest S off the diagonal. */
  g_assert_cmpint (scmm_similarity_neighbours (snapshot, row, neighbours, SCMM_SIMILARITY_NEIGHBOURS), ==,
                   SCMM_SIMILARITY_NEIGHBOURS);
  for (int j = 0; j < N; j++)
    if (j != row)
      g_assert_cmpfloat (snapshot->S[(gsize) row * N + j], <=, snapshot->S[(gsize) row * N + neighbours[0]]);
  for (int k = 1; k < SCMM_SIMILARITY_NEIGHBOURS; k++)
    g_assert_cmpfloat (snapshot->S[(gsize) row * N + neighbours[k]], <=,
                       snapshot->S[(gsize) row * N + neighbours[k - 1]]);

  /* On W (viridis: no white, no orange): the blocks' outlines, white
   * across the plot on the boundary between originals and masked views
   * (row b) and down it (column b), and the selected row's band. */
  scmm_similarity_view_set_matrix (SCMM_SIMILARITY_VIEW (view), SCMM_SIMILARITY_W);
  g_assert_true (scmm_test_wait_until (view_is_up_to_date, view, WAIT_MS));
  g_assert_cmpstr (scmm_figure_get_title (heatmap), ==, "Soft targets W");
  shot = shot_take (heatmap_view);
  box = find_plot_box (heatmap, shot.width, shot.height);
  {
    int boundary_y = box.y0 + (int) round ((double) b * (box.y1 - box.y0) / N);
    int boundary_x = box.x0 + (int) round ((double) b * (box.x1 - box.x0) / N);
    int white_across = 0, white_down = 0, white_inside = 0, inside_y = (box.y0 + boundary_y) / 2;

    for (int x = box.x0 + 8; x < box.x1 - 8; x++)
      {
        for (int dy = -1; dy <= 1; dy++)
          if (pixel_near (shot_pixel (&shot, x, boundary_y + dy), pixel_from_hex (0xffffff), 20))
            {
              white_across++;
              break;
            }
        white_inside += pixel_near (shot_pixel (&shot, x, inside_y), pixel_from_hex (0xffffff), 20);
      }
    for (int y = box.y0 + 8; y < box.y1 - 8; y++)
      for (int dx = -1; dx <= 1; dx++)
        if (pixel_near (shot_pixel (&shot, boundary_x + dx, y), pixel_from_hex (0xffffff), 20))
          {
            white_down++;
            break;
          }
    g_test_message ("outline: %d white pixels across, %d down, %d inside a block",
                    white_across, white_down, white_inside);
    g_assert_cmpint (white_across, >=, (box.x1 - box.x0 - 16) * 9 / 10);
    g_assert_cmpint (white_down, >=, (box.y1 - box.y0 - 16) * 9 / 10);
    g_assert_cmpint (white_inside, <, (box.x1 - box.x0) / 10);
  }

  /* The selected row's band is where row 5 is. */
  cell_h = (double) (box.y1 - box.y0) / N;
  y_before = highlight_mean_y (&shot, &box);
  g_assert_cmpfloat (fabs (y_before - (box.y0 + (row + 0.5) * cell_h)), <, 3 + cell_h);

  shot_clear (&shot);

  /* The spin button, which says row 5 (set before the first snapshot),
   * moves the highlighted row. */
  spin = GTK_SPIN_BUTTON (scmm_test_find_widget (view, GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (spin)), ==, N - 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, row);
  gtk_spin_button_set_value (spin, 400);
  g_assert_cmpint (scmm_similarity_view_get_row (SCMM_SIMILARITY_VIEW (view)), ==, 400);
  g_assert_true (scmm_test_wait_until (view_is_up_to_date, view, WAIT_MS));
  shot = shot_take (heatmap_view);
  y_after = highlight_mean_y (&shot, &box);
  g_test_message ("selected row band: y %.1f for row %d, %.1f for row 400", y_before, row, y_after);
  g_assert_cmpfloat (fabs (y_after - (box.y0 + 400.5 * cell_h)), <, 3 + cell_h);
  shot_clear (&shot);

  save (view, "snapshot-similarity-W");
  scmm_similarity_view_set_matrix (SCMM_SIMILARITY_VIEW (view), SCMM_SIMILARITY_R);
  g_assert_true (scmm_test_wait_until (view_is_up_to_date, view, WAIT_MS));
  save (view, "snapshot-similarity-R");

  g_object_unref (view);
  gtk_window_destroy (window);
}

/* ---- reconstruction ---- */

static void
test_reconstruction (void)
{
  GtkWidget *view = scmm_reconstruction_view_new ();
  g_autoptr(GPtrArray) figures = NULL;
  int C = snapshot->channels, F = snapshot->bands, sample = 17;
  const guint8 *keep = snapshot->keep + (gsize) sample * C * F;
  const float *x = snapshot->x_in + (gsize) sample * C * F;
  const float *x_hat = snapshot->x_hat + (gsize) sample * C * F;   /* the original row's */
  double masked_mse, kept_mse, sum = 0;
  g_autofree char *expected = NULL;
  guint masked = 0, none = 0;
  int n = 0;
  GtkWindow *window;

  g_object_ref_sink (view);
  window = present (view, 1200, 900);
  scmm_reconstruction_view_set_sample (SCMM_RECONSTRUCTION_VIEW (view), sample);
  show_snapshot (view, snapshot);

  /* The error of the original row's x̂ on the cells its masked view hid, counted here. */
  for (int i = 0; i < C * F; i++)
    if (keep[i] == 0)
      {
        sum += ((double) x_hat[i] - x[i]) * ((double) x_hat[i] - x[i]);
        n++;
      }
  g_assert_cmpint (scmm_reconstruction_errors (snapshot, 0, sample, &masked_mse, &kept_mse), ==, n);
  g_assert_cmpfloat_with_epsilon (masked_mse, sum / n, 1e-9);
  expected = g_strdup_printf ("on the %d cells the masked view hid: %.4f", n, sum / n);
  g_assert_nonnull (scmm_test_find_label (view, expected, FALSE));
  g_test_message ("sample %d: MSE %.4f on %d masked cells, %.4f on the kept ones", sample, masked_mse, n, kept_mse);

  /* x and x̂ have no grey; the masked x is grey where keep says. */
  figures = figure_views_of (view);
  g_assert_cmpuint (figures->len, ==, 3);
  assert_masked_cells (g_ptr_array_index (figures, 0), NULL, &none);
  assert_masked_cells (g_ptr_array_index (figures, 1), keep, &masked);
  assert_masked_cells (g_ptr_array_index (figures, 2), NULL, &none);
  g_assert_cmpuint (masked, ==, (guint) n);
  g_assert_cmpuint (none, ==, 0);
  save (view, "snapshot-reconstruction");

  g_object_unref (view);
  gtk_window_destroy (window);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Frame intervals of a view whose content changes at every frame. */
typedef struct
{
  GArray *intervals;     /* ms */
  gint64  last_us;
  int     frames;
  int     target;
  gboolean change;
} FrameWatch;

static gboolean
frame_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  FrameWatch *watch = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (watch->last_us != 0)
    {
      double ms = (now - watch->last_us) / 1000.0;

      g_array_append_val (watch->intervals, ms);
    }
  watch->last_us = now;

  /* A new row and another matrix: all of the view is redone, as for a new
   * snapshot; or only a redraw. */
  if (watch->change)
    {
      scmm_similarity_view_set_row (SCMM_SIMILARITY_VIEW (widget), (watch->frames * 37) % snapshot->n);
      scmm_similarity_view_set_matrix (SCMM_SIMILARITY_VIEW (widget), (ScmmSimilarityMatrix) (watch->frames % 3));
    }
  else
    gtk_widget_queue_draw (widget);
  return ++watch->frames < watch->target ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
frames_done (gpointer user_data)
{
  FrameWatch *watch = user_data;

  return watch->frames >= watch->target;
}

static double
median_frame_ms (GtkWidget *view,
                 gboolean   change,
                 int        frames)
{
  FrameWatch watch = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0, frames, change };
  double median;

  gtk_widget_add_tick_callback (view, frame_tick, &watch, NULL);
  g_assert_true (scmm_test_wait_until (frames_done, &watch, 60000));
  g_array_sort (watch.intervals, compare_doubles);
  median = g_array_index (watch.intervals, double, watch.intervals->len / 2);
  g_array_unref (watch.intervals);
  return median;
}

/* At batch 256, the similarity view redone every frame (the page's worst
 * case: a snapshot every frame): the frame interval, against frames that
 * only redraw the same. */
static void
test_similarity_speed (void)
{
  GtkWidget *view = scmm_similarity_view_new ();
  GtkWindow *window;
  double redraw, redone;

  g_object_ref_sink (view);
  window = present (view, 1600, 1000);
  show_snapshot (view, snapshot);

  redraw = median_frame_ms (view, FALSE, 60);
  redone = median_frame_ms (view, TRUE, 60);
  g_test_message ("similarity view at N = %d: median frame interval %.1f ms redrawn, %.1f ms redone "
                  "every frame (%.0f frames a second)", snapshot->n, redraw, redone, 1000 / redone);
  g_assert_cmpfloat (redone, <, 100);

  g_object_unref (view);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  scmm_test_init_ui (&argc, &argv);

  g_test_timer_start ();
  snapshot = train_snapshot (BATCH);
  g_test_message ("a real snapshot: %d samples, %d rows, %d x %d, after %d steps (%.1f s)", snapshot->b,
                  snapshot->n, snapshot->channels, snapshot->bands, TRAIN_STEPS, g_test_timer_elapsed ());

  g_test_add_func ("/snapshot-views/masks", test_masks);
  g_test_add_func ("/snapshot-views/similarity", test_similarity);
  g_test_add_func ("/snapshot-views/reconstruction", test_reconstruction);
  g_test_add_func ("/snapshot-views/similarity-speed", test_similarity_speed);

  status = g_test_run ();

  g_clear_pointer (&snapshot, scmm_snapshot_unref);
  scmm_snapshot_pool_trim ();
  scmm_test_screenshot_cleanup ();
  return status;
}
