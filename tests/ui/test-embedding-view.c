/* test-embedding-view.c: the embedding map view on a real (tiny) demo run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view computes in the background (the main loop keeps ticking: the
 * longest gap between two 5 ms timeouts is measured), then shows two
 * scatter plots whose points are in the palette's colours (by corpus: the
 * source's and the target's; by class: each class' and the unlabelled
 * source's), a caption with the purities the engine measured; t-SNE comes
 * from the projection dropdown; Cancel stops a long t-SNE and keeps the
 * maps shown; a folder that is no run says why.
 */

#include "scmm-build-config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "scmm-embedding-view.h"
#include "scmm-experiment.h"
#include "scmm-run.h"
#include "scmm-test-screenshot.h"

#define WAIT_MS    10000
#define COMPUTE_MS 120000
/* A pixel is of a palette colour when each channel is this close to the
 * colour over white at an opacity from 0.7 (the markers are drawn at 0.8,
 * overlapping ones darker) to 1. */
#define COLOUR_TOLERANCE 24

static char *work_dir;
static char *run_dir;

/* Okabe and Ito's colours as the figure theme uses them: the palette's
 * first three (source / class 0, target / class 1, unlabelled with two classes). */
static const guint32 BLUE = 0x0072b2, VERMILLION = 0xd55e00, GREEN = 0x009e73;

/* The demo corpora, made small enough to run in a few seconds. */
static const char tiny_config[] =
  "[experiment]\n"
  "name = Embedding view\n"
  "method = scmm\n"
  "[source]\n"
  "corpus = demo:seed\n"
  "subjects = 1-3\n"
  "[target]\n"
  "corpus = demo:deap\n"
  "subjects = 1\n"
  "sessions = 1\n"
  "finetune_trials = 1-12\n"
  "test_trials = 13-20\n"
  "[classes]\n"
  "mapping = as-is\n"
  "deap_label = valence\n"
  "[pretrain]\n"
  "epochs = 2\n"
  "batch_size = 64\n"
  "[finetune]\n"
  "epochs = 1\n"
  "[run]\n"
  "threads = 2\n";

/* ---- waiting, measuring the main loop ---- */

static gboolean
computing_ended (gpointer user_data)
{
  return !scmm_embedding_view_is_computing (SCMM_EMBEDDING_VIEW (user_data));
}

/* Runs compute-like `start` and waits for the view to finish, checking
 * that the call returned at once and that the main loop kept ticking.
 * `first_map`: the map is the first the figures show, so their OpenGL
 * areas are realized then (a context and its shaders compiled: tens of ms
 * of the main thread with llvmpipe, once); that gap is printed, not held
 * to the bound of the computation's. */
static void
compute_and_wait (ScmmEmbeddingView *view,
                  void             (*start) (ScmmEmbeddingView *view, gpointer data),
                  gpointer           data,
                  const char        *what,
                  gboolean           first_map)
{
  ScmmTestPulse pulse;
  gint64 t0, returned_us, total_us;

  scmm_test_pulse_start (&pulse);
  t0 = g_get_monotonic_time ();
  start (view, data);
  returned_us = g_get_monotonic_time () - t0;
  g_assert_true (scmm_embedding_view_is_computing (view));
  g_assert_true (scmm_test_wait_until (computing_ended, view, COMPUTE_MS));
  total_us = g_get_monotonic_time () - t0;
  scmm_test_pulse_stop (&pulse);

  g_test_message ("%s: the call returned after %.1f ms, the map came after %.0f ms; "
                  "the main loop ticked %u times, its longest gap %.0f ms (%.1f ms of the "
                  "main thread's processor time)",
                  what, returned_us / 1e3, total_us / 1e3, pulse.ticks, pulse.longest_gap_us / 1e3,
                  pulse.longest_cpu_gap_us / 1e3);
  g_assert_cmpint (returned_us, <, 100000);
  /* A blocked main loop would tick once, at the end, after the whole
   * computation; the main thread's own work between two ticks stays short
   * (the wall-clock gap also holds whatever else the loaded machine ran). */
  g_assert_cmpuint (pulse.ticks, >=, 3);
  g_assert_cmpint (pulse.longest_gap_us, <, total_us);
  if (!first_map)
    g_assert_cmpint (pulse.longest_cpu_gap_us, <, 100000);
}

static void
start_compute (ScmmEmbeddingView *view,
               gpointer           data)
{
  scmm_embedding_view_compute (view);
}

/* What a user does: picks t-SNE in the dropdown (the map is projected again). */
static void
start_tsne_from_dropdown (ScmmEmbeddingView *view,
                          gpointer           data)
{
  GtkDropDown *dropdown = data;

  gtk_drop_down_set_selected (dropdown, SCMM_EMBEDDING_TSNE);
}

/* ---- the widgets inside ---- */

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        g_ptr_array_add (found, c);
      collect (c, type, found);
    }
}

/* The index-th descendant of a type, depth first; NULL when there are fewer. */
static GtkWidget *
find_child (GtkWidget *widget,
            GType      type,
            guint      index)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (widget, type, found);
  return index < found->len ? g_ptr_array_index (found, index) : NULL;
}

/* The view's own stack (the dropdowns have theirs): the last of its box. */
static const char *
visible_page (GtkWidget *view)
{
  GtkWidget *stack = gtk_widget_get_last_child (gtk_widget_get_first_child (view));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* ---- pixels ---- */

typedef struct {
  int      width, height;
  guint32 *pixels;       /* B G R A bytes in memory: 0xAARRGGBB on little-endian */
} Pixels;

static Pixels
download (GtkWidget  *widget,
          const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  Pixels p;

  g_assert_true (scmm_test_wait_for_frames (widget, 3, WAIT_MS));
  texture = scmm_test_screenshot (widget);
  g_assert_nonnull (texture);
  path = scmm_test_save_screenshot (texture, name);
  p.width = gdk_texture_get_width (texture);
  p.height = gdk_texture_get_height (texture);
  p.pixels = g_new (guint32, (gsize) p.width * p.height);
  gdk_texture_download (texture, (guchar *) p.pixels, (gsize) p.width * 4);
  return p;
}

static gboolean
close_to (guint32 pixel,
          guint32 rgb)
{
  for (int opacity = 70; opacity <= 100; opacity += 5)
    {
      gboolean close = TRUE;

      for (int shift = 0; shift <= 16 && close; shift += 8)
        {
          int over_white = (((rgb >> shift) & 0xff) * opacity + 255 * (100 - opacity)) / 100;

          close = ABS ((int) ((pixel >> shift) & 0xff) - over_white) <= COLOUR_TOLERANCE;
        }
      if (close)
        return TRUE;
    }
  return FALSE;
}

/* Pixels of colour rgb in the columns [x0, x1). */
static guint
count_colour (const Pixels *p,
              int           x0,
              int           x1,
              guint32       rgb)
{
  guint n = 0;

  for (int y = 0; y < p->height; y++)
    for (int x = x0; x < x1; x++)
      n += close_to (p->pixels[(gsize) y * p->width + x], rgb);
  return n;
}

/* Each half of the view (a figure each) shows many points of every colour:
 * far more pixels than a legend's marker has. */
static void
assert_colours (const Pixels  *p,
                const guint32 *colours,
                guint          n_colours,
                guint          at_least)
{
  for (int half = 0; half < 2; half++)
    for (guint c = 0; c < n_colours; c++)
      {
        guint n = count_colour (p, half * p->width / 2, (half + 1) * p->width / 2, colours[c]);

        g_test_message ("%s half: %u pixels of #%06x", half == 0 ? "left" : "right", n, colours[c]);
        g_assert_cmpuint (n, >=, at_least);
      }
}

/* ---- tests ---- */

static GtkWindow *
present (GtkWidget *view)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1400, 860);
  gtk_widget_set_margin_top (view, 12);
  gtk_widget_set_margin_bottom (view, 12);
  gtk_widget_set_margin_start (view, 12);
  gtk_widget_set_margin_end (view, 12);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  g_assert_true (scmm_test_wait_until (scmm_test_widget_is_mapped, view, WAIT_MS));
  return window;
}

static void
assert_caption_holds (ScmmEmbeddingView *view,
                      double             value)
{
  g_autofree char *text = g_strdup_printf ("%.1f %%", 100 * value);

  g_assert_nonnull (strstr (scmm_embedding_view_get_caption (view), text));
}

static void
test_compute (void)
{
  GtkWidget *widget = scmm_embedding_view_new ();
  ScmmEmbeddingView *view = SCMM_EMBEDDING_VIEW (widget);
  GtkWindow *window = present (widget);
  GtkDropDown *projection = GTK_DROP_DOWN (find_child (widget, GTK_TYPE_DROP_DOWN, 0));
  const ScmmEmbeddingMap *map;
  const guint32 by_corpus[] = { BLUE, VERMILLION };
  const guint32 by_class[] = { BLUE, VERMILLION, GREEN };
  Pixels pixels;

  scmm_embedding_view_set_run_folder (view, run_dir, NULL);
  g_assert_cmpstr (visible_page (widget), ==, "none");
  g_assert_nonnull (scmm_test_find_label (widget, "Press Compute", TRUE));
  g_assert_nonnull (scmm_test_find_label (widget, "Demo SEED-like → Demo DEAP-like", TRUE));
  g_assert_null (scmm_embedding_view_get_map (view));

  compute_and_wait (view, start_compute, NULL, "PCA", TRUE);
  map = scmm_embedding_view_get_map (view);
  g_assert_nonnull (map);
  g_assert_cmpstr (visible_page (widget), ==, "maps");
  g_assert_cmpint (map->windows->count[SCMM_EMBEDDING_SOURCE], ==, 500);
  g_assert_cmpint (map->windows->count[SCMM_EMBEDDING_TARGET], ==, 500);
  g_assert_true (map->options.projection == SCMM_EMBEDDING_PCA);
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      ScmmFigure *figure = scmm_embedding_view_get_figure (view, m);

      g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_SCATTER);
      assert_caption_holds (view, map->corpus_purity_h[m]);
      assert_caption_holds (view, map->variance_ratio[m][0]);
    }
  g_assert_cmpstr (scmm_figure_get_title (scmm_embedding_view_get_figure (view, SCMM_EMBEDDING_BEFORE)), ==,
                   "Before pre-training");
  g_test_message ("caption: %s", scmm_embedding_view_get_caption (view));
  pixels = download (widget, "embedding-view-pca-by-corpus");
  assert_colours (&pixels, by_corpus, G_N_ELEMENTS (by_corpus), 1500);
  /* no class colour but the two corpora's yet */
  g_assert_cmpuint (count_colour (&pixels, 0, pixels.width, GREEN), <, 50);
  g_free (pixels.pixels);

  scmm_embedding_view_set_colour_by (view, SCMM_EMBEDDING_COLOUR_BY_CLASS);
  g_assert_true (scmm_embedding_view_get_map (view) == map);   /* a redraw, no computation */
  pixels = download (widget, "embedding-view-pca-by-class");
  assert_colours (&pixels, by_class, G_N_ELEMENTS (by_class), 1500);
  g_free (pixels.pixels);

  compute_and_wait (view, start_tsne_from_dropdown, projection, "t-SNE from the dropdown", FALSE);
  map = scmm_embedding_view_get_map (view);
  g_assert_true (map->options.projection == SCMM_EMBEDDING_TSNE);
  g_assert_cmpint (scmm_embedding_view_get_projection (view), ==, SCMM_EMBEDDING_TSNE);
  g_assert_nonnull (strstr (scmm_embedding_view_get_caption (view), "t-SNE"));
  pixels = download (widget, "embedding-view-tsne-by-class");
  assert_colours (&pixels, by_class, G_N_ELEMENTS (by_class), 1500);
  g_free (pixels.pixels);

  scmm_embedding_view_set_colour_by (view, SCMM_EMBEDDING_COLOUR_BY_CORPUS);
  pixels = download (widget, "embedding-view-tsne-by-corpus");
  assert_colours (&pixels, by_corpus, G_N_ELEMENTS (by_corpus), 1500);
  g_free (pixels.pixels);

  gtk_window_destroy (window);
}

/* A quarter done, or (which the test then fails on) done. */
static gboolean
progress_shown (gpointer user_data)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (find_child (GTK_WIDGET (user_data), GTK_TYPE_PROGRESS_BAR, 0));

  return gtk_progress_bar_get_fraction (bar) > 0.25 || computing_ended (user_data);
}

static void
test_cancel (void)
{
  GtkWidget *widget = scmm_embedding_view_new ();
  ScmmEmbeddingView *view = SCMM_EMBEDDING_VIEW (widget);
  GtkWindow *window = present (widget);
  const ScmmEmbeddingMap *pca;
  gpointer weak_view = widget;
  gpointer *pointers[] = { &weak_view, NULL };
  gint64 t0;

  scmm_embedding_view_set_run_folder (view, run_dir, "scmm");
  scmm_embedding_view_set_per_corpus (view, 1500);   /* t-SNE at its largest: seconds per map */

  /* The first map, cancelled: nothing to show, and the placeholder says so. */
  scmm_embedding_view_set_projection (view, SCMM_EMBEDDING_TSNE);
  scmm_embedding_view_compute (view);
  g_assert_true (scmm_test_wait_until (progress_shown, widget, COMPUTE_MS));
  g_assert_true (scmm_embedding_view_is_computing (view));
  t0 = g_get_monotonic_time ();
  scmm_embedding_view_cancel (view);
  g_assert_true (scmm_test_wait_until (computing_ended, view, WAIT_MS));
  g_test_message ("the cancelled job ended %.0f ms after Cancel", (g_get_monotonic_time () - t0) / 1e3);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 2000000);
  g_assert_null (scmm_embedding_view_get_map (view));
  g_assert_cmpstr (visible_page (widget), ==, "none");
  g_assert_nonnull (scmm_test_find_label (widget, "Cancelled", TRUE));

  /* A PCA map, then a t-SNE one cancelled: the PCA map stays. */
  scmm_embedding_view_set_projection (view, SCMM_EMBEDDING_PCA);
  compute_and_wait (view, start_compute, NULL, "PCA of 1500 windows a corpus", TRUE);
  pca = scmm_embedding_view_get_map (view);
  g_assert_nonnull (pca);
  scmm_embedding_view_set_projection (view, SCMM_EMBEDDING_TSNE);
  scmm_embedding_view_compute (view);
  g_assert_true (scmm_test_wait_until (progress_shown, widget, COMPUTE_MS));
  g_assert_true (scmm_embedding_view_is_computing (view));
  g_free (download (widget, "embedding-view-computing").pixels);
  scmm_embedding_view_cancel (view);
  g_assert_true (scmm_test_wait_until (computing_ended, view, WAIT_MS));
  g_assert_true (scmm_embedding_view_get_map (view) == pca);
  g_assert_cmpstr (visible_page (widget), ==, "maps");
  g_assert_cmpint (scmm_embedding_view_get_projection (view), ==, SCMM_EMBEDDING_PCA);
  g_assert_nonnull (scmm_test_find_label (widget, "Cancelled", TRUE));

  /* Closed while it computes: the job is cancelled and the view goes. */
  scmm_embedding_view_set_projection (view, SCMM_EMBEDDING_TSNE);
  scmm_embedding_view_compute (view);
  g_assert_true (scmm_test_wait_until (progress_shown, widget, COMPUTE_MS));
  g_assert_true (scmm_embedding_view_is_computing (view));
  g_object_add_weak_pointer (G_OBJECT (widget), &weak_view);
  t0 = g_get_monotonic_time ();
  gtk_window_destroy (window);
  g_assert_true (scmm_test_wait_for_weak_pointers (pointers, WAIT_MS));
  g_test_message ("closed while computing: the view was finalized %.0f ms later",
                  (g_get_monotonic_time () - t0) / 1e3);
  /* At once, not when the job is done: the job does not hold the view (its
   * dispose cancels the job). */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 1000000);
}

static void
test_not_a_run (void)
{
  GtkWidget *widget = scmm_embedding_view_new ();
  ScmmEmbeddingView *view = SCMM_EMBEDDING_VIEW (widget);
  GtkWindow *window = present (widget);
  GtkWidget *compute = NULL;

  for (guint i = 0; (compute = find_child (widget, GTK_TYPE_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (compute)), "_Compute") == 0)
      break;
  g_assert_nonnull (compute);

  g_assert_nonnull (scmm_test_find_label (widget, "Open a run", TRUE));
  g_assert_false (gtk_widget_get_sensitive (compute));

  scmm_embedding_view_set_run_folder (view, work_dir, NULL);
  g_assert_true (gtk_widget_get_sensitive (compute));
  scmm_embedding_view_compute (view);
  g_assert_true (scmm_test_wait_until (computing_ended, view, WAIT_MS));
  g_assert_null (scmm_embedding_view_get_map (view));
  g_assert_cmpstr (visible_page (widget), ==, "none");
  g_assert_nonnull (scmm_test_find_label (widget, "not a run folder", TRUE));
  g_free (download (widget, "embedding-view-not-a-run").pixels);

  gtk_window_destroy (window);
}

static void
make_run (void)
{
  g_autoptr(ScmmExperiment) e = NULL;
  GError *error = NULL;

  e = scmm_experiment_load_data (tiny_config, "the embedding view's run", &error);
  g_assert_no_error (error);
  run_dir = g_build_filename (work_dir, "run", NULL);
  if (!scmm_run_experiment (e, run_dir, NULL, NULL, NULL, &error))
    g_error ("the tiny run failed: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  scmm_test_init_ui (&argc, &argv);

  work_dir = g_dir_make_tmp ("scmm-embedding-view-XXXXXX", NULL);
  g_assert_nonnull (work_dir);
  make_run ();

  g_test_add_func ("/embedding-view/compute", test_compute);
  g_test_add_func ("/embedding-view/cancel", test_cancel);
  g_test_add_func ("/embedding-view/not-a-run", test_not_a_run);

  status = g_test_run ();

  scmm_test_remove_tree (work_dir);
  g_free (work_dir);
  g_free (run_dir);
  scmm_test_screenshot_cleanup ();

  return status;
}
