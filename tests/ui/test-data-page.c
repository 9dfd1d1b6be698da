/* test-data-page.c: the Data page, and the import task behind it
 *
 * The page on the built-in corpora, stores written here (a demo corpus, an
 * unlabelled one with a one-window trial, a damaged file), folders in SEED's
 * feature layout written here with matio and imported on a worker thread,
 * the scalp maps (of the demo corpus through the page's controls, of real
 * SEED-IV recordings, of channels without positions), screenshots, and the
 * page going away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <matio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scmm-data-page.h"
#include "scmm-demo.h"
#include "scmm-figure-view.h"
#include "scmm-import.h"
#include "scmm-import-task.h"
#include "scmm-montage.h"
#include "scmm-scalp-maps-view.h"
#include "scmm-settings.h"
#include "scmm-store.h"
#include "scmm-topomap.h"
#include "scmm-test-screenshot.h"

#define WAIT_MS 20000

static GThread *main_thread;

/* ---- helpers ---- */

static GObject *
child (ScmmDataPage *page,
       const char   *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page), SCMM_TYPE_DATA_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
label_text (ScmmDataPage *page,
            const char   *name)
{
  return gtk_label_get_label (GTK_LABEL (child (page, name)));
}

/* The page in a window of the main window's content size, shown. */
static GtkWindow *
present_page (ScmmDataPage **page_out)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = scmm_data_page_new ();

  gtk_window_set_default_size (window, 1200, 760);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  g_assert_true (scmm_test_wait_until (scmm_test_widget_is_mapped, page, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (page, 3, WAIT_MS));

  *page_out = SCMM_DATA_PAGE (page);
  return window;
}

static void
destroy_window (GtkWindow *window)
{
  gpointer weak = window;
  gpointer *pointers[] = { &weak, NULL };

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (window);
  g_assert_true (scmm_test_wait_for_weak_pointers (pointers, WAIT_MS));
}

static ScmmFigureView *
figure_view (ScmmDataPage *page)
{
  GtkWidget *box = GTK_WIDGET (child (page, "figure_box"));
  GtkWidget *view = gtk_widget_get_first_child (box);

  g_assert_true (SCMM_IS_FIGURE_VIEW (view));
  return SCMM_FIGURE_VIEW (view);
}

static ScmmFigure *
page_figure (ScmmDataPage *page)
{
  ScmmFigure *figure = scmm_figure_view_get_figure (figure_view (page));

  g_assert_nonnull (figure);
  g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_HEATMAP);
  return figure;
}

#define PROBE_W 900.0
#define PROBE_H 600.0

/* What the figure says about its cells: the distinct descriptions met along
 * a horizontal and a vertical line through the middle of the heatmap's
 * cells. A heatmap of C channels by W windows has W distinct cells along a
 * row and C along a column. */
static GHashTable *
describe_line (ScmmFigure *figure,
               gboolean    horizontal,
               double      at)
{
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  double length = horizontal ? PROBE_W : PROBE_H;

  for (double t = 0.5; t < length; t += 0.5)
    {
      char *text = horizontal ? scmm_figure_describe_at (figure, PROBE_W, PROBE_H, t, at)
                              : scmm_figure_describe_at (figure, PROBE_W, PROBE_H, at, t);

      if (text != NULL)
        g_hash_table_add (seen, text);
    }

  return seen;
}

/* A point inside the heatmap: the first one met along the middle row. */
static void
find_cell (ScmmFigure *figure,
           double     *x,
           double     *y)
{
  *y = PROBE_H / 2;
  for (*x = 0.5; *x < PROBE_W; *x += 0.5)
    {
      g_autofree char *text = scmm_figure_describe_at (figure, PROBE_W, PROBE_H, *x, *y);

      if (text != NULL)
        {
          *x += 2.0;
          return;
        }
    }
  g_assert_not_reached ();
}

static void
assert_heatmap_shape (ScmmFigure *figure,
                      int         channels,
                      int         windows)
{
  double x, y;

  find_cell (figure, &x, &y);
  {
    g_autoptr(GHashTable) row = describe_line (figure, TRUE, y);
    g_autoptr(GHashTable) column = describe_line (figure, FALSE, x);

    /* A colorbar may describe its own values along the row: the cells are
     * at least the windows, and the column holds exactly the channels. */
    g_assert_cmpuint (g_hash_table_size (row), >=, (guint) windows);
    g_assert_cmpuint (g_hash_table_size (column), ==, (guint) channels);
  }
}

static ScmmTrial *
trial_of (const ScmmCorpus *corpus,
          const char       *subject,
          const char       *session,
          const char       *trial)
{
  ScmmSubject *s = scmm_corpus_find_subject (corpus, subject);
  ScmmSession *x = s != NULL ? scmm_subject_find_session (s, session) : NULL;
  ScmmTrial *t = x != NULL ? scmm_session_find_trial (x, trial) : NULL;

  g_assert_nonnull (t);
  return t;
}

static guint
tree_root_items (ScmmDataPage *page)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (child (page, "tree_view")));
  GListModel *tree = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));

  return g_list_model_get_n_items (gtk_tree_list_model_get_model (GTK_TREE_LIST_MODEL (tree)));
}

static guint
sidebar_rows (ScmmDataPage *page)
{
  GtkListBox *list = GTK_LIST_BOX (child (page, "corpus_list"));
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static void
assert_screenshot_plausible (GtkWidget *widget,
                             const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  g_assert_true (scmm_test_wait_for_frames (widget, 2, WAIT_MS));
  texture = scmm_test_screenshot (widget);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), >, 100);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 100);
  /* Antialiased text and a colormap: many colours; a blank render has one. */
  g_assert_cmpuint (scmm_test_count_colours (texture, 256), >=, 64);
  path = scmm_test_save_screenshot (texture, name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static char *
temp_dir (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("scmm-data-page-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* ---- SEED's feature layout, written with matio ---- */

static void
write_mat (const char          *path,
           int                  n,
           const char *const   *names,
           const int           *ranks,
           const size_t       (*dims)[3],
           double *const       *data)
{
  mat_t *mat = Mat_CreateVer (path, NULL, MAT_FT_MAT5);

  g_assert_nonnull (mat);
  for (int i = 0; i < n; i++)
    {
      size_t d[3] = { dims[i][0], dims[i][1], dims[i][2] };
      matvar_t *var = Mat_VarCreate (names[i], MAT_C_DOUBLE, MAT_T_DOUBLE, ranks[i], d, data[i], 0);

      g_assert_cmpint (Mat_VarWrite (mat, var, MAT_COMPRESSION_NONE), ==, 0);
      Mat_VarFree (var);
    }
  Mat_Close (mat);
}

/* <subject>_<date>.mat with de_LDS1..15 (62 x windows x 5, column-major),
 * values like real DE: a level per band and a little structure. */
static void
write_seed_subject (const char *dir,
                    const char *file,
                    int         windows)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  const char *names[15];
  int ranks[15];
  size_t dims[15][3];
  double *data[15];

  for (int v = 0; v < 15; v++)
    {
      names[v] = g_strdup_printf ("de_LDS%d", v + 1);
      g_ptr_array_add (owned, (gpointer) names[v]);
      ranks[v] = 3;
      dims[v][0] = 62;
      dims[v][1] = (size_t) windows;
      dims[v][2] = 5;
      data[v] = g_new (double, 62 * windows * 5);
      g_ptr_array_add (owned, data[v]);
      for (int b = 0; b < 5; b++)
        for (int w = 0; w < windows; w++)
          for (int c = 0; c < 62; c++)
            data[v][c + 62 * (w + windows * b)] = 24.0 - 2.0 * b + 0.02 * c + 0.1 * w + 0.3 * v;
    }
  write_mat (path, 15, names, ranks, (const size_t (*)[3]) dims, data);
}

/* A SEED ExtractedFeatures folder: label.mat and one file per subject and
 * session (their dates in order). */
static char *
write_seed_folder_sessions (int subjects,
                            int sessions)
{
  char *dir = temp_dir ();
  g_autofree char *label_path = g_build_filename (dir, "label.mat", NULL);
  double labels[15] = { 1, 0, -1, -1, 0, 1, -1, 0, 1, 1, 0, -1, 0, 1, -1 };
  const char *names[] = { "label" };
  int ranks[] = { 2 };
  size_t dims[1][3] = { { 1, 15, 1 } };
  double *data[] = { labels };

  write_mat (label_path, 1, names, ranks, (const size_t (*)[3]) dims, data);
  for (int s = 1; s <= subjects; s++)
    for (int x = 1; x <= sessions; x++)
      {
        g_autofree char *file = g_strdup_printf ("%d_2015%02d%02d.mat", s, 6 + x, s);
        write_seed_subject (dir, file, 3 + s);
      }
  return dir;
}

static char *
write_seed_folder (int subjects)
{
  return write_seed_folder_sessions (subjects, 1);
}

/* ---- the page on the built-in corpora ---- */

static void
test_page_builds_on_demo (void)
{
  ScmmDataPage *page;
  GtkWindow *window = present_page (&page);
  g_autoptr(ScmmCorpus) expected = scmm_demo_corpus (SCMM_DEMO_SEED, SCMM_DEMO_SEED_DEFAULT);
  ScmmCorpusCounts counts = scmm_corpus_count (expected);
  g_autofree char *trials = g_strdup_printf ("%d", counts.trials);

  g_assert_cmpstr (scmm_data_page_get_corpus (page), ==, "demo:seed");
  g_assert_cmpuint (tree_root_items (page), ==, 15);
  g_assert_cmpstr (label_text (page, "subjects_value"), ==, "15");
  g_assert_cmpstr (label_text (page, "trials_value"), ==, trials);
  g_assert_cmpstr (label_text (page, "corpus_title"), ==, "Demo SEED-like");
  g_assert_cmpuint (sidebar_rows (page), ==, 2);

  /* Never empty: the first trial is shown, with its heatmap. */
  g_assert_cmpstr (label_text (page, "trial_title"), ==, "Trial 1");
  g_assert_cmpstr (label_text (page, "trial_label_value"), ==,
                   expected->class_names[trial_of (expected, "1", "1", "1")->label]);
  assert_heatmap_shape (page_figure (page), 62, trial_of (expected, "1", "1", "1")->windows);

  destroy_window (window);
}

static void
test_page_select_trial (void)
{
  ScmmDataPage *page;
  GtkWindow *window = present_page (&page);
  g_autoptr(ScmmCorpus) expected = scmm_demo_corpus (SCMM_DEMO_SEED, SCMM_DEMO_SEED_DEFAULT);
  ScmmTrial *trial = trial_of (expected, "3", "1", "7");
  g_autofree char *windows = g_strdup_printf ("%d", trial->windows);
  g_autofree char *length = g_strdup_printf ("%d s", trial->windows);
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (child (page, "tree_view")));
  GtkTreeListRow *row;
  g_autoptr(GObject) node = NULL;

  g_assert_true (scmm_data_page_select_trial (page, "3", "1", "7"));
  g_assert_cmpstr (label_text (page, "trial_title"), ==, "Trial 7");
  g_assert_cmpstr (label_text (page, "trial_label_value"), ==, expected->class_names[trial->label]);
  g_assert_cmpstr (label_text (page, "trial_windows_value"), ==, windows);
  g_assert_cmpstr (label_text (page, "trial_length_value"), ==, length);
  g_assert_cmpstr (label_text (page, "session_classes_caption"), ==, "In session 1");
  g_assert_nonnull (strstr (label_text (page, "trial_subtitle"), "Subject 3"));
  assert_heatmap_shape (page_figure (page), 62, trial->windows);

  /* The tree shows it selected. */
  row = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
  g_assert_nonnull (row);
  g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 2);

  /* Unknown names leave the trial shown as it was. */
  g_assert_false (scmm_data_page_select_trial (page, "3", "1", "99"));
  g_assert_false (scmm_data_page_select_trial (page, "no such subject", "1", "1"));
  g_assert_cmpstr (label_text (page, "trial_title"), ==, "Trial 7");

  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (page), 2, WAIT_MS));
  destroy_window (window);
}

static void
test_page_band (void)
{
  ScmmDataPage *page;
  GtkWindow *window = present_page (&page);
  ScmmFigure *figure;
  GtkToggleButton *delta, *gamma;
  guint64 revision;
  double x, y;
  int band = -1;

  g_assert_true (scmm_data_page_select_trial (page, "2", "1", "3"));
  figure = page_figure (page);
  find_cell (figure, &x, &y);

  delta = GTK_TOGGLE_BUTTON (child (page, "band_delta"));
  gamma = GTK_TOGGLE_BUTTON (child (page, "band_gamma"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "data.band", "i", 0));
  g_object_get (page, "band", &band, NULL);
  g_assert_cmpint (band, ==, 0);
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (page), 1, WAIT_MS));
  g_assert_true (gtk_toggle_button_get_active (delta));
  g_assert_false (gtk_toggle_button_get_active (gamma));
  {
    g_autofree char *delta_text = scmm_figure_describe_at (figure, PROBE_W, PROBE_H, x, y);
    g_autofree char *gamma_text = NULL;

    revision = scmm_figure_get_revision (figure);

    /* A click on the Gamma button. */
    g_signal_emit_by_name (gamma, "clicked");
    g_object_get (page, "band", &band, NULL);
    g_assert_cmpint (band, ==, 4);
    g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (page), 1, WAIT_MS));
    g_assert_true (gtk_toggle_button_get_active (gamma));
    g_assert_false (gtk_toggle_button_get_active (delta));

    g_assert_true (page_figure (page) == figure);
    g_assert_cmpuint (scmm_figure_get_revision (figure), >, revision);
    gamma_text = scmm_figure_describe_at (figure, PROBE_W, PROBE_H, x, y);
    g_assert_nonnull (delta_text);
    g_assert_nonnull (gamma_text);
    g_test_message ("delta: %s; gamma: %s", delta_text, gamma_text);
    g_assert_cmpstr (delta_text, !=, gamma_text);
  }

  destroy_window (window);
}

/* ---- stores ---- */

static void
note_spec (ScmmDataPage *page,
           const char   *spec,
           gpointer      user_data)
{
  char **out = user_data;

  g_assert_true (g_thread_self () == main_thread);
  g_free (*out);
  *out = g_strdup (spec);
}

static void
note_error (ScmmDataPage *page,
            const GError *error,
            gpointer      user_data)
{
  GError **out = user_data;

  g_assert_true (g_thread_self () == main_thread);
  g_assert_nonnull (error);
  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
test_page_open_store (void)
{
  ScmmDataPage *page;
  GtkWindow *window = present_page (&page);
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "deap-like.h5", NULL);
  g_autoptr(ScmmCorpus) corpus = scmm_demo_corpus (SCMM_DEMO_DEAP, 7);
  g_autofree char *opened = NULL;
  GError *error = NULL;
  ScmmTrial *trial;

  g_assert_true (scmm_store_save (corpus, path, &error));
  g_assert_no_error (error);

  g_signal_connect (page, "corpus-opened", G_CALLBACK (note_spec), &opened);
  g_assert_true (scmm_data_page_open_corpus (page, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (opened, ==, path);
  g_assert_cmpstr (scmm_data_page_get_corpus (page), ==, path);
  g_assert_cmpuint (tree_root_items (page), ==, corpus->subjects->len);
  g_assert_cmpstr (label_text (page, "corpus_title"), ==, "Demo DEAP-like");
  g_assert_cmpuint (sidebar_rows (page), ==, 3);

  trial = trial_of (corpus, "5", "1", "4");
  g_assert_true (scmm_data_page_select_trial (page, "5", "1", "4"));
  g_assert_cmpstr (label_text (page, "trial_label_value"), ==, corpus->class_names[trial->label]);
  assert_heatmap_shape (page_figure (page), 32, trial->windows);

  /* Opened again: one row for it still. */
  g_assert_true (scmm_data_page_open_corpus (page, path, &error));
  g_assert_cmpuint (sidebar_rows (page), ==, 3);

  /* Back to a demo through its sidebar row. */
  gtk_list_box_select_row (GTK_LIST_BOX (child (page, "corpus_list")),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (page, "corpus_list")), 1));
  g_assert_cmpstr (scmm_data_page_get_corpus (page), ==, "demo:deap");
  g_assert_cmpstr (opened, ==, "demo:deap");

  g_signal_handlers_disconnect_by_func (page, note_spec, &opened);
  destroy_window (window);
  scmm_test_remove_tree (dir);
}

/* The stores in the data folders of the preferences are listed, by file name
 * in order, and follow the setting; other files and subfolders are not. */
static const char *
sidebar_row_title (ScmmDataPage *page,
                   int           index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (page, "corpus_list")), index);

  g_assert_nonnull (row);
  return gtk_label_get_label (g_object_get_data (G_OBJECT (row), "title-label"));
}

static void
test_page_data_folders (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *other = temp_dir ();
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(ScmmCorpus) corpus = scmm_demo_corpus (SCMM_DEMO_DEAP, 3);
  const char *stores[][2] = {
    { dir, "b-corpus.h5" }, { dir, "a-corpus.h5" }, { sub, "hidden.h5" }, { other, "x.h5" },
  };
  const char *one[] = { dir, NULL };
  const char *two[] = { dir, other, NULL };
  const char *none[] = { NULL };
  g_autofree char *a_path = g_build_filename (dir, "a-corpus.h5", NULL);
  GError *error = NULL;
  ScmmDataPage *page;
  GtkWindow *window;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autofree char *path = g_build_filename (stores[i][0], stores[i][1], NULL);

      g_assert_true (scmm_store_save (corpus, path, &error));
      g_assert_no_error (error);
    }
  g_assert_true (g_file_set_contents (notes, "not a store", -1, NULL));

  scmm_settings_set_data_folders (one);
  window = present_page (&page);

  /* The two demos, then the folder's stores in name order. */
  g_assert_cmpuint (sidebar_rows (page), ==, 4);
  g_assert_cmpstr (sidebar_row_title (page, 2), ==, "a-corpus");
  g_assert_cmpstr (sidebar_row_title (page, 3), ==, "b-corpus");

  /* A folder added in the preferences shows up at once. */
  scmm_settings_set_data_folders (two);
  g_assert_cmpuint (sidebar_rows (page), ==, 5);
  g_assert_cmpstr (sidebar_row_title (page, 4), ==, "x");

  /* A listed store opens from its row, and is then named by its corpus. */
  gtk_list_box_select_row (GTK_LIST_BOX (child (page, "corpus_list")),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (page, "corpus_list")), 2));
  g_assert_cmpstr (scmm_data_page_get_corpus (page), ==, a_path);
  g_assert_cmpstr (sidebar_row_title (page, 2), ==, "Demo DEAP-like");

  /* A folder removed: its stores go, but the corpus shown stays. */
  scmm_settings_set_data_folders (one);
  g_assert_cmpuint (sidebar_rows (page), ==, 4);
  scmm_settings_set_data_folders (none);
  g_assert_cmpuint (sidebar_rows (page), ==, 3);
  g_assert_cmpstr (scmm_data_page_get_corpus (page), ==, a_path);

  destroy_window (window);
  scmm_test_remove_tree (dir);
  scmm_test_remove_tree (other);
}

/* A corpus without classes, whose last trial has one window. */
static void
test_page_unlabelled_store (void)
{
  static const char *const no_classes[] = { NULL };
  ScmmDataPage *page;
  GtkWindow *window = present_page (&page);
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "unlabelled.h5", NULL);
  g_autoptr(ScmmCorpus) corpus = scmm_corpus_new ("Recordings", no_classes, scmm_montage_deap32,
                                                  SCMM_DEAP_CHANNELS, scmm_de_bands_standard, 1.0);
  ScmmSession *session = scmm_subject_session (scmm_corpus_subject (corpus, "sub-01"), "1");
  GtkWidget *classes = GTK_WIDGET (child (page, "classes_grid"));
  GError *error = NULL;
  gboolean found = FALSE;

  for (int t = 0; t < 2; t++)
    {
      int windows = t == 0 ? 12 : 1;
      float *de = g_new (float, (gsize) windows * SCMM_DEAP_CHANNELS * SCMM_DE_BANDS);
      g_autofree char *name = g_strdup_printf ("rec%d", t + 1);

      for (int i = 0; i < windows * SCMM_DEAP_CHANNELS * SCMM_DE_BANDS; i++)
        de[i] = 10.0f + (float) (i % 97) * 0.1f;
      scmm_session_add_trial (session, name, -1, de, windows);
    }
  g_assert_true (scmm_store_save (corpus, path, &error));
  g_assert_no_error (error);

  g_assert_true (scmm_data_page_open_corpus (page, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label_text (page, "trial_label_value"), ==, "unlabelled");
  for (GtkWidget *w = gtk_widget_get_first_child (classes); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (w)), "unlabelled") == 0)
      found = TRUE;
  g_assert_true (found);

  g_assert_true (scmm_data_page_select_trial (page, "sub-01", "1", "rec2"));
  g_assert_cmpstr (label_text (page, "trial_windows_value"), ==, "1");
  g_assert_cmpstr (label_text (page, "trial_length_value"), ==, "1 s");
  assert_heatmap_shape (page_figure (page), SCMM_DEAP_CHANNELS, 1);
  assert_screenshot_plausible (GTK_WIDGET (figure_view (page)), "data-page-one-window");
  assert_screenshot_plausible (GTK_WIDGET (page), "data-page-unlabelled");

  destroy_window (window);
  scmm_test_remove_tree (dir);
}

static void
test_page_damaged_store (void)
{
  ScmmDataPage *page;
  GtkWindow *window = present_page (&page);
  g_autofree char *dir = temp_dir ();
  g_autofree char *damaged = g_build_filename (dir, "damaged.h5", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.h5", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.h5", NULL);
  g_autoptr(ScmmCorpus) corpus = scmm_demo_corpus (SCMM_DEMO_DEAP, 3);
  g_autofree char *bytes = NULL;
  gsize length;
  GError *error = NULL;
  GError *signalled = NULL;

  g_assert_true (g_file_set_contents (damaged, "not a store at all\n", -1, NULL));
  g_assert_true (scmm_store_save (corpus, truncated, &error));
  g_assert_true (g_file_get_contents (truncated, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, bytes, (gssize) length / 2, NULL));

  /* Through the API: the error, the page as it was. */
  g_assert_false (scmm_data_page_open_corpus (page, damaged, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, damaged));
  g_clear_error (&error);
  g_assert_cmpstr (scmm_data_page_get_corpus (page), ==, "demo:seed");
  g_assert_cmpuint (sidebar_rows (page), ==, 2);

  /* Through the page's own controls (what the store chooser does): "error". */
  g_signal_connect (page, "error", G_CALLBACK (note_error), &signalled);
  for (guint i = 0; i < 3; i++)
    {
      const char *path = i == 0 ? damaged : i == 1 ? truncated : missing;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "data.open", "s", path));
      g_assert_nonnull (signalled);
      g_test_message ("%s", signalled->message);
      g_assert_nonnull (strstr (signalled->message, path));
      g_clear_error (&signalled);
    }
  g_assert_cmpstr (scmm_data_page_get_corpus (page), ==, "demo:seed");
  g_assert_cmpstr (label_text (page, "corpus_title"), ==, "Demo SEED-like");
  g_assert_cmpuint (sidebar_rows (page), ==, 2);

  g_signal_handlers_disconnect_by_func (page, note_error, &signalled);
  destroy_window (window);
  scmm_test_remove_tree (dir);
}

/* ---- the import task ---- */

typedef struct
{
  int      progress_calls;
  int      last_index;
  int      last_total;
  char    *last_file;
  gboolean saw_writing;
  gboolean finished;
  gboolean ok;
} ImportWatch;

static void
watch_progress (ScmmImportTask *task,
                ImportWatch    *watch)
{
  g_assert_true (g_thread_self () == main_thread);
  watch->progress_calls++;
  /* Coalesced, but never backwards. */
  g_assert_cmpint (scmm_import_task_get_index (task), >=, watch->last_index);
  watch->last_index = scmm_import_task_get_index (task);
  watch->last_total = scmm_import_task_get_total (task);
  if (scmm_import_task_get_file (task) != NULL)
    {
      g_free (watch->last_file);
      watch->last_file = g_strdup (scmm_import_task_get_file (task));
      g_assert_null (strchr (watch->last_file, G_DIR_SEPARATOR));
    }
  watch->saw_writing |= scmm_import_task_get_writing (task);
  g_assert_cmpfloat (scmm_import_task_get_fraction (task), >=, 0.0);
  g_assert_cmpfloat (scmm_import_task_get_fraction (task), <=, 1.0);
}

static void
watch_finished (ScmmImportTask *task,
                gboolean        ok,
                ImportWatch    *watch)
{
  g_assert_true (g_thread_self () == main_thread);
  g_assert_false (watch->finished);
  watch->finished = TRUE;
  watch->ok = ok;
}

static gboolean
watch_done (gpointer user_data)
{
  return ((ImportWatch *) user_data)->finished;
}

static void
test_import_task_completes (void)
{
  g_autofree char *folder = write_seed_folder (3);
  g_autofree char *out = temp_dir ();
  g_autofree char *store = g_build_filename (out, "seed.h5", NULL);
  g_autoptr(ScmmImportTask) task = scmm_import_task_new (folder, store);
  g_autoptr(ScmmCorpus) corpus = NULL;
  ImportWatch watch = { 0 };
  GError *error = NULL;

  g_signal_connect (task, "progress", G_CALLBACK (watch_progress), &watch);
  g_signal_connect (task, "finished", G_CALLBACK (watch_finished), &watch);
  scmm_import_task_start (task);
  g_assert_true (scmm_import_task_get_running (task));
  g_assert_true (scmm_test_wait_until (watch_done, &watch, WAIT_MS));

  g_assert_true (watch.ok);
  g_assert_false (scmm_import_task_get_running (task));
  g_assert_false (scmm_import_task_get_cancelled (task));
  g_assert_null (scmm_import_task_get_error (task));
  g_assert_cmpint (watch.progress_calls, >=, 1);
  /* label.mat and three subjects' files */
  g_assert_cmpint (watch.last_total, ==, 4);
  g_assert_cmpint (watch.last_index, ==, 4);
  g_assert_true (watch.saw_writing);
  g_assert_cmpfloat (scmm_import_task_get_fraction (task), ==, 1.0);
  g_assert_nonnull (watch.last_file);
  g_assert_true (g_str_has_suffix (watch.last_file, ".mat"));

  corpus = scmm_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (corpus->subjects->len, ==, 3);
  g_assert_cmpint (trial_of (corpus, "2", "1", "15")->windows, ==, 5);

  g_free (watch.last_file);
  scmm_test_remove_tree (folder);
  scmm_test_remove_tree (out);
}

static void
test_import_task_cancel (void)
{
  g_autofree char *folder = write_seed_folder (6);
  g_autofree char *out = temp_dir ();
  g_autofree char *store = g_build_filename (out, "seed.h5", NULL);
  g_autoptr(ScmmImportTask) task = scmm_import_task_new (folder, store);
  ImportWatch watch = { 0 };

  g_signal_connect (task, "progress", G_CALLBACK (watch_progress), &watch);
  g_signal_connect (task, "finished", G_CALLBACK (watch_finished), &watch);
  /* Held at its first file, so that the cancel surely comes mid-way. */
  scmm_import_task_set_paused (task, TRUE);
  scmm_import_task_start (task);
  scmm_import_task_cancel (task);
  g_assert_true (scmm_test_wait_until (watch_done, &watch, WAIT_MS));

  g_assert_false (watch.ok);
  g_assert_true (scmm_import_task_get_cancelled (task));
  g_assert_null (scmm_import_task_get_error (task));
  g_assert_false (watch.saw_writing);
  /* Nothing written: no store, no temporary file beside it. */
  g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (out), ==, 0);

  g_free (watch.last_file);
  scmm_test_remove_tree (folder);
  scmm_test_remove_tree (out);
}

static void
test_import_task_bad_folder (void)
{
  g_autofree char *folder = temp_dir ();
  g_autofree char *out = temp_dir ();
  g_autofree char *store = g_build_filename (out, "nothing.h5", NULL);
  g_autofree char *readme = g_build_filename (folder, "README.txt", NULL);
  g_autoptr(ScmmImportTask) task = scmm_import_task_new (folder, store);
  ImportWatch watch = { 0 };

  g_assert_true (g_file_set_contents (readme, "no EEG here\n", -1, NULL));
  g_signal_connect (task, "finished", G_CALLBACK (watch_finished), &watch);
  scmm_import_task_start (task);
  g_assert_true (scmm_test_wait_until (watch_done, &watch, WAIT_MS));

  g_assert_false (watch.ok);
  g_assert_false (scmm_import_task_get_cancelled (task));
  g_assert_nonnull (scmm_import_task_get_error (task));
  g_test_message ("%s", scmm_import_task_get_error (task)->message);
  g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));

  scmm_test_remove_tree (folder);
  scmm_test_remove_tree (out);
}

/* ---- importing through the page ---- */

static gboolean
not_importing (gpointer user_data)
{
  gboolean importing = TRUE;

  g_object_get (user_data, "importing", &importing, NULL);
  return !importing;
}

static void
test_page_import (void)
{
  ScmmDataPage *page;
  GtkWindow *window = present_page (&page);
  g_autofree char *folder = write_seed_folder (3);
  g_autofree char *out = temp_dir ();
  g_autofree char *store = g_build_filename (out, "ExtractedFeatures.h5", NULL);
  GtkRevealer *revealer = GTK_REVEALER (child (page, "import_revealer"));
  g_autofree char *opened = NULL;
  GError *signalled = NULL;

  g_signal_connect (page, "corpus-opened", G_CALLBACK (note_spec), &opened);
  g_signal_connect (page, "error", G_CALLBACK (note_error), &signalled);

  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "data.import", "(ss)", folder, store));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (scmm_test_wait_until (not_importing, page, WAIT_MS));

  g_assert_null (signalled);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (opened, ==, store);
  g_assert_cmpstr (scmm_data_page_get_corpus (page), ==, store);
  g_assert_cmpuint (tree_root_items (page), ==, 3);
  g_assert_cmpuint (sidebar_rows (page), ==, 3);
  g_assert_cmpstr (label_text (page, "trial_label_value"), ==, "positive");
  g_assert_nonnull (strstr (label_text (page, "import_status"), "writing ExtractedFeatures.h5"));

  /* A folder with nothing to import: "error", and the store stays shown. */
  {
    g_autofree char *empty = temp_dir ();
    g_autofree char *nothing = g_build_filename (out, "nothing.h5", NULL);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "data.import", "(ss)", empty, nothing));
    g_assert_true (scmm_test_wait_until (not_importing, page, WAIT_MS));
    g_assert_nonnull (signalled);
    g_test_message ("%s", signalled->message);
    g_clear_error (&signalled);
    g_assert_cmpstr (scmm_data_page_get_corpus (page), ==, store);
    g_assert_false (g_file_test (nothing, G_FILE_TEST_EXISTS));
    scmm_test_remove_tree (empty);
  }

  /* Cancelled: nothing happens, nothing is written. The folder is large
   * enough (12 files) that the cancel, pressed at once, comes before the end
   * (the worker's side of it is checked exactly by /import-task/cancel). */
  {
    g_autofree char *other = g_build_filename (out, "cancelled.h5", NULL);
    g_autofree char *big = write_seed_folder (12);

    g_clear_pointer (&opened, g_free);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "data.import", "(ss)", big, other));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "data.cancel-import", NULL));
    g_assert_true (scmm_test_wait_until (not_importing, page, WAIT_MS));
    g_assert_null (signalled);
    g_assert_null (opened);
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_files (out), ==, 1);
    g_assert_cmpstr (scmm_data_page_get_corpus (page), ==, store);
    scmm_test_remove_tree (big);
  }

  /* The imported store is remembered: a new page lists it, by its file's name. */
  if (scmm_settings_get () != NULL)
    {
      GtkWidget *next = g_object_ref_sink (scmm_data_page_new ());
      GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (next, SCMM_TYPE_DATA_PAGE,
                                                                      "corpus_list"));
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 2);

      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), ==, store);
      g_assert_null (gtk_list_box_get_row_at_index (list, 3));
      g_assert_finalize_object (next);
    }
  else
    g_test_message ("no GSettings schema: recent stores not checked");

  g_signal_handlers_disconnect_by_func (page, note_spec, &opened);
  g_signal_handlers_disconnect_by_func (page, note_error, &signalled);
  destroy_window (window);
  scmm_test_remove_tree (folder);
  scmm_test_remove_tree (out);
}

/* The import bar, caught while a larger folder is read. */
static void
test_page_import_screenshot (void)
{
  ScmmDataPage *page;
  GtkWindow *window = present_page (&page);
  g_autofree char *folder = write_seed_folder_sessions (15, 3);
  g_autofree char *out = temp_dir ();
  g_autofree char *store = g_build_filename (out, "seed.h5", NULL);
  GtkRevealer *revealer = GTK_REVEALER (child (page, "import_revealer"));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  /* No slide: the bar is whole in the first frame. */
  gtk_revealer_set_transition_duration (revealer, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "data.import", "(ss)", folder, store));
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (page), 2, WAIT_MS));
  if (!not_importing (page))
    {
      texture = scmm_test_screenshot (GTK_WIDGET (page));
      path = scmm_test_save_screenshot (texture, "data-page-importing");
    }
  else
    g_test_message ("the import ended before the screenshot");
  g_assert_true (scmm_test_wait_until (not_importing, page, WAIT_MS));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (scmm_data_page_get_corpus (page), ==, store);
  g_assert_cmpuint (tree_root_items (page), ==, 15);
  g_assert_true (scmm_data_page_select_trial (page, "15", "3", "15"));

  destroy_window (window);
  scmm_test_remove_tree (folder);
  scmm_test_remove_tree (out);
}

/* ---- scalp maps ---- */

#define MAP_W 360.0
#define MAP_H 320.0

static ScmmScalpMapsView *
scalp_view (ScmmDataPage *page)
{
  GtkWidget *view = gtk_widget_get_first_child (GTK_WIDGET (child (page, "scalp_box")));

  g_assert_true (SCMM_IS_SCALP_MAPS_VIEW (view));
  return SCMM_SCALP_MAPS_VIEW (view);
}

static gboolean
is_map_text (const char *text)
{
  return text != NULL && g_str_has_prefix (text, "DE (nats): ");
}

/* Where a MAP_W x MAP_H drawing of a scalp map puts its disc: the centre
 * and the radius in pixels, found from what the figure says is on the map
 * (a chord along the middle row gives the centre's x, the vertical
 * diameter through it the rest). */
static void
find_disc (ScmmFigure *figure,
           double     *cx,
           double     *cy,
           double     *radius)
{
  double lo = -1, hi = -1;

  for (double x = 0.5; x < MAP_W; x += 0.5)
    {
      g_autofree char *text = scmm_figure_describe_at (figure, MAP_W, MAP_H, x, MAP_H / 2);

      if (is_map_text (text))
        {
          lo = lo < 0 ? x : lo;
          hi = x;
        }
    }
  g_assert_cmpfloat (lo, >, 0);
  *cx = (lo + hi) / 2;

  lo = hi = -1;
  for (double y = 0.5; y < MAP_H; y += 0.5)
    {
      g_autofree char *text = scmm_figure_describe_at (figure, MAP_W, MAP_H, *cx, y);

      if (is_map_text (text))
        {
          lo = lo < 0 ? y : lo;
          hi = y;
        }
    }
  g_assert_cmpfloat (lo, >, 0);
  *cy = (lo + hi) / 2;
  *radius = (hi - lo) / 2;
  g_assert_cmpfloat (*radius, >, 40);
}

/* What the map says at electrode `e` of `map` (the same channels' topomap,
 * made here): "electrode Cz: 23.45". */
static char *
describe_electrode (ScmmFigure        *figure,
                    const ScmmTopomap *map,
                    int                e)
{
  double cx, cy, radius;

  find_disc (figure, &cx, &cy, &radius);
  return scmm_figure_describe_at (figure, MAP_W, MAP_H,
                                  cx + map->electrode_xy[2 * e] / map->radius * radius,
                                  cy - map->electrode_xy[2 * e + 1] / map->radius * radius);
}

/* The value the map gives for the electrode of channel `name`. */
static double
electrode_value (ScmmFigure        *figure,
                 const ScmmTopomap *map,
                 const ScmmCorpus  *corpus,
                 const char        *name)
{
  g_autofree char *needle = g_strdup_printf ("electrode %s: ", name);

  for (int e = 0; e < map->n_electrodes; e++)
    if (strcmp (corpus->channel_names[map->electrode_channel[e]], name) == 0)
      {
        g_autofree char *text = describe_electrode (figure, map, e);
        const char *at = text != NULL ? strstr (text, needle) : NULL;

        g_assert_nonnull (at);
        return g_ascii_strtod (at + strlen (needle), NULL);
      }
  g_assert_not_reached ();
}

static int
channel_index (const ScmmCorpus *corpus,
               const char       *name)
{
  for (int c = 0; c < corpus->n_channels; c++)
    if (strcmp (corpus->channel_names[c], name) == 0)
      return c;
  g_assert_not_reached ();
}

/* The mean of de[w, channel, band] over every window of class `label`,
 * computed here in double. */
static double
class_mean (const ScmmCorpus *corpus,
            int               label,
            int               channel,
            int               band)
{
  const int C = corpus->n_channels, F = corpus->n_bands;
  double sum = 0;
  gint64 n = 0;

  for (guint s = 0; s < corpus->subjects->len; s++)
    {
      ScmmSubject *subject = g_ptr_array_index (corpus->subjects, s);

      for (guint x = 0; x < subject->sessions->len; x++)
        {
          ScmmSession *session = g_ptr_array_index (subject->sessions, x);

          for (guint t = 0; t < session->trials->len; t++)
            {
              ScmmTrial *trial = g_ptr_array_index (session->trials, t);

              if (trial->label != label)
                continue;
              for (int w = 0; w < trial->windows; w++)
                sum += trial->de[((gsize) w * C + channel) * F + band];
              n += trial->windows;
            }
        }
    }
  g_assert_cmpint (n, >, 0);
  return sum / (double) n;
}

/* %.4g of the tooltip: four significant digits. */
static void
assert_shown_value (double shown,
                    double expected)
{
  g_assert_cmpfloat_with_epsilon (shown, expected, 6e-4 * fabs (expected));
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (gsize) lround (y) * stride + 4 * (gsize) lround (x)) & 0xffffff;
}

/* Whether a pixel is far from the background: a line of the outline. */
static gboolean
is_ink (guint32 pixel,
        guint32 background)
{
  int d = 0;

  for (int shift = 0; shift < 24; shift += 8)
    d += abs ((int) ((pixel >> shift) & 0xff) - (int) ((background >> shift) & 0xff));
  return d > 120;
}

/* A scalp map as drawn: its colours inside the disc, the head outline
 * (the nose above the disc, the ears beside it) drawn in ink on the
 * background, and every electrode of the montage where the topomap puts it,
 * named in the tooltip. */
static void
assert_scalp_map (ScmmFigure        *figure,
                  const ScmmTopomap *map,
                  const ScmmCorpus  *corpus)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) MAP_W, (int) MAP_H);
  cairo_t *cr = cairo_create (surface);
  double cx, cy, radius;
  guint32 background;
  gboolean nose = FALSE, left_ear = FALSE, right_ear = FALSE;
  const double nose_tip = 0.56 / map->radius, ear = 0.54 / map->radius;

  g_assert_cmpint (scmm_figure_get_kind (figure), ==, SCMM_FIGURE_SCALP_MAP);
  scmm_figure_draw_cairo (figure, cr, MAP_W, MAP_H);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  find_disc (figure, &cx, &cy, &radius);

  /* Outside the head and its ears, at the corner of the disc's square. */
  background = pixel_at (surface, cx - 0.95 * radius, cy - 0.95 * radius);
  g_assert_false (is_ink (pixel_at (surface, cx - 0.9 * radius, cy - 1.05 * radius), background));
  for (double y = cy - (nose_tip + 0.02) * radius; y < cy - 1.02 * radius; y += 1)
    nose = nose || is_ink (pixel_at (surface, cx, y), background);
  for (double x = 1.02 * radius; x < (ear + 0.02) * radius; x += 1)
    {
      left_ear = left_ear || is_ink (pixel_at (surface, cx - x, cy), background);
      right_ear = right_ear || is_ink (pixel_at (surface, cx + x, cy), background);
    }
  g_assert_true (nose);
  g_assert_true (left_ear);
  g_assert_true (right_ear);
  /* Inside: the colormap, not the background. */
  g_assert_true (is_ink (pixel_at (surface, cx, cy), background)
                 || pixel_at (surface, cx, cy) != background);
  cairo_surface_destroy (surface);

  for (int e = 0; e < map->n_electrodes; e++)
    {
      g_autofree char *text = describe_electrode (figure, map, e);
      g_autofree char *needle = g_strdup_printf ("electrode %s: ",
                                                 corpus->channel_names[map->electrode_channel[e]]);

      g_assert_nonnull (text);
      if (strstr (text, needle) == NULL)
        g_error ("electrode %d: “%s” where “%s…” was expected", e, text, needle);
    }
}

static char *
join_tick_labels (ScmmFigure *figure)
{
  g_auto(GStrv) labels = scmm_figure_get_tick_labels (figure, MAP_W, MAP_H, SCMM_AXIS_COLORBAR);

  g_assert_cmpuint (g_strv_length (labels), >=, 2);
  return g_strjoinv (" ", labels);
}

static void
test_page_scalp_maps (void)
{
  ScmmDataPage *page;
  GtkWindow *window = present_page (&page);
  g_autoptr(ScmmCorpus) expected = scmm_demo_corpus (SCMM_DEMO_SEED, SCMM_DEMO_SEED_DEFAULT);
  g_autoptr(ScmmTopomap) map = scmm_topomap_new ((const char *const *) expected->channel_names,
                                                 expected->n_channels, 2, NULL);
  ScmmScalpMapsView *view = scalp_view (page);
  ScmmTrial *trial = trial_of (expected, "3", "1", "7");
  const int C = expected->n_channels, F = expected->n_bands;
  const int cz = channel_index (expected, "Cz"), oz = channel_index (expected, "Oz");
  GtkSpinButton *spin;
  GtkDropDown *mode;
  double x, y;

  g_assert_nonnull (map);
  g_assert_cmpint (map->n_electrodes, ==, 62);
  g_assert_true (scmm_data_page_select_trial (page, "3", "1", "7"));
  g_assert_true (scmm_scalp_maps_view_has_maps (view));
  for (int b = 0; b < F; b++)
    assert_scalp_map (scmm_scalp_maps_view_get_figure (view, b), map, expected);
  g_assert_null (scmm_scalp_maps_view_get_figure (view, F));

  /* The window, from the spin button: the maps show that window's values. */
  spin = GTK_SPIN_BUTTON (scmm_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (spin, 7);
  g_assert_cmpint (scmm_scalp_maps_view_get_window (view), ==, 7);
  g_assert_true (scmm_test_find_label (GTK_WIDGET (view), "window 7 of", TRUE) != NULL);
  for (int b = 0; b < F; b += 2)
    assert_shown_value (electrode_value (scmm_scalp_maps_view_get_figure (view, b), map, expected, "Cz"),
                        trial->de[((gsize) 7 * C + cz) * F + b]);

  /* A click on the heatmap's column 3 picks window 3; the heatmap marks it. */
  g_signal_emit_by_name (figure_view (page), "cell-activated", 10, 3);
  g_assert_cmpint (scmm_scalp_maps_view_get_window (view), ==, 3);
  assert_shown_value (electrode_value (scmm_scalp_maps_view_get_figure (view, 4), map, expected, "Oz"),
                      trial->de[((gsize) 3 * C + oz) * F + 4]);
  /* Beyond the trial: its last window. */
  scmm_scalp_maps_view_set_window (view, 10000);
  g_assert_cmpint (scmm_scalp_maps_view_get_window (view), ==, trial->windows - 1);
  find_cell (page_figure (page), &x, &y);

  /* One colour scale per band (the default: each band's pattern shows),
   * then one for the five bands. */
  {
    g_autofree char *own_delta = join_tick_labels (scmm_scalp_maps_view_get_figure (view, 0));
    g_autofree char *own_gamma = join_tick_labels (scmm_scalp_maps_view_get_figure (view, 4));
    GtkCheckButton *shared = GTK_CHECK_BUTTON (scmm_test_find_widget (GTK_WIDGET (view), GTK_TYPE_CHECK_BUTTON));

    g_assert_false (gtk_check_button_get_active (shared));
    g_assert_cmpstr (own_delta, !=, own_gamma);
    assert_screenshot_plausible (GTK_WIDGET (page), "data-page-scalp-own-scales");
    gtk_check_button_set_active (shared, TRUE);
    {
      g_autofree char *delta = join_tick_labels (scmm_scalp_maps_view_get_figure (view, 0));
      g_autofree char *gamma = join_tick_labels (scmm_scalp_maps_view_get_figure (view, 4));

      g_test_message ("shared: %s / %s; delta: %s; gamma: %s", delta, gamma, own_delta, own_gamma);
      g_assert_cmpstr (delta, ==, gamma);
    }
    gtk_check_button_set_active (shared, FALSE);
  }

  /* A class' mean, from the drop-down ("Window", then the classes): equal
   * to the mean computed here. */
  mode = GTK_DROP_DOWN (scmm_test_find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (mode);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (mode)), ==, 1 + expected->n_classes);
  gtk_drop_down_set_selected (mode, 1 + 2);
  g_assert_cmpint (scmm_scalp_maps_view_get_label (view), ==, 2);
  g_assert_true (scmm_test_find_label (GTK_WIDGET (view), expected->class_names[2], TRUE) != NULL);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (spin)));
  for (int b = 0; b < F; b++)
    {
      double shown = electrode_value (scmm_scalp_maps_view_get_figure (view, b), map, expected, "Oz");
      double mean = class_mean (expected, 2, oz, b);

      g_test_message ("band %d: Oz mean of class 2 %.6f, shown %g", b, mean, shown);
      assert_shown_value (shown, mean);
    }
  assert_screenshot_plausible (GTK_WIDGET (page), "data-page-scalp-class");

  /* Another trial keeps the class; "Window" comes back to the trial's window. */
  g_assert_true (scmm_data_page_select_trial (page, "2", "1", "3"));
  g_assert_cmpint (scmm_scalp_maps_view_get_label (view), ==, 2);
  gtk_drop_down_set_selected (mode, 0);
  g_assert_cmpint (scmm_scalp_maps_view_get_label (view), ==, -1);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (spin)));

  /* Another corpus with the same kind of positions: maps at once. */
  scmm_scalp_maps_view_set_window (view, 5);
  g_assert_true (scmm_data_page_open_corpus (page, "demo:deap", NULL));
  g_assert_true (scmm_scalp_maps_view_has_maps (view));
  g_assert_cmpint (scmm_scalp_maps_view_get_window (view), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (mode)), ==, 1 + 2);
  assert_screenshot_plausible (GTK_WIDGET (page), "data-page-scalp-deap");

  /* No trial: the placeholder says what to do, not that a trial is empty. */
  scmm_scalp_maps_view_set_trial (view, NULL);
  g_assert_false (scmm_scalp_maps_view_has_maps (view));
  g_assert_nonnull (scmm_test_find_label (GTK_WIDGET (view), "Select a trial", TRUE));
  g_assert_null (scmm_test_find_label (GTK_WIDGET (view), "has no window", TRUE));

  destroy_window (window);
}

/* Channels without a known position: a placeholder that says why. */
static void
test_scalp_maps_no_positions (void)
{
  static const char *const classes[] = { "low", "high", NULL };
  static const char *const channels[] = { "ch1", "ch2", "ch3", "ch4" };
  g_autoptr(ScmmCorpus) corpus = scmm_corpus_new ("Numbers", classes, channels, 4,
                                                  scmm_de_bands_standard, 1.0);
  ScmmSession *session = scmm_subject_session (scmm_corpus_subject (corpus, "1"), "1");
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *view = scmm_scalp_maps_view_new ();
  float *de = g_new0 (float, 3 * 4 * SCMM_DE_BANDS);
  ScmmTrial *trial = scmm_session_add_trial (session, "1", 0, de, 3);

  gtk_window_set_default_size (window, 1100, 300);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  g_assert_true (scmm_test_wait_until (scmm_test_widget_is_mapped, view, WAIT_MS));

  g_assert_false (scmm_scalp_maps_view_has_maps (SCMM_SCALP_MAPS_VIEW (view)));
  scmm_scalp_maps_view_set_corpus (SCMM_SCALP_MAPS_VIEW (view), corpus);
  scmm_scalp_maps_view_set_trial (SCMM_SCALP_MAPS_VIEW (view), trial);
  g_assert_true (scmm_test_wait_for_frames (view, 2, WAIT_MS));
  g_assert_false (scmm_scalp_maps_view_has_maps (SCMM_SCALP_MAPS_VIEW (view)));
  g_assert_true (scmm_test_find_label (view, "No Electrode Positions", TRUE) != NULL);
  g_assert_true (scmm_test_find_label (view, "ch1", TRUE) != NULL);
  g_assert_true (scmm_test_find_label (view, "known scalp position", TRUE) != NULL);
  assert_screenshot_plausible (view, "scalp-maps-no-positions");

  scmm_scalp_maps_view_set_corpus (SCMM_SCALP_MAPS_VIEW (view), NULL);
  destroy_window (window);
}

/* Real SEED-IV recordings (two subjects of session 1, imported here). */
static void
test_scalp_maps_seed_iv (void)
{
  const char *shared = g_getenv ("SCMM_SHARED_DATA_DIR");
  g_autofree char *source = shared != NULL ? g_build_filename (shared, "seed-iv", "eeg_feature_smooth", "1", NULL)
                                           : NULL;
  g_autofree char *dir = NULL;
  g_autofree char *session_dir = NULL;
  g_autoptr(ScmmCorpus) corpus = NULL;
  g_autoptr(ScmmTopomap) map = NULL;
  ScmmImportOptions options;
  GtkWindow *window;
  GtkWidget *view;
  GError *error = NULL;
  const char *files[] = { "1_20160518.mat", "2_20150915.mat" };
  int oz, fp1;

  if (source == NULL || !g_file_test (source, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/data is absent (SCMM_SHARED_DATA_DIR): the real SEED-IV files are not here");
      return;
    }

  /* Two of the files, linked into a SEED-IV layout of their own. */
  dir = temp_dir ();
  session_dir = g_build_filename (dir, "eeg_feature_smooth", "1", NULL);
  g_assert_cmpint (g_mkdir_with_parents (session_dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_build_filename (source, files[i], NULL);
      g_autofree char *to = g_build_filename (session_dir, files[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_IS_REGULAR))
        {
          g_test_skip_printf ("%s is not there", from);
          scmm_test_remove_tree (dir);
          return;
        }
      g_assert_cmpint (symlink (from, to), ==, 0);
    }
  scmm_import_options_init (&options);
  {
    g_autofree char *root = g_build_filename (dir, "eeg_feature_smooth", NULL);
    corpus = scmm_import (root, NULL, &options, &error);
  }
  scmm_import_options_clear (&options);
  g_assert_no_error (error);
  g_assert_cmpuint (corpus->subjects->len, ==, 2);
  g_assert_cmpint (corpus->n_channels, ==, 62);
  map = scmm_topomap_new ((const char *const *) corpus->channel_names, corpus->n_channels, 2, &error);
  g_assert_no_error (error);
  oz = channel_index (corpus, "Oz");
  fp1 = channel_index (corpus, "Fp1");

  window = GTK_WINDOW (gtk_window_new ());
  view = scmm_scalp_maps_view_new ();
  gtk_window_set_default_size (window, 1200, 320);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  g_assert_true (scmm_test_wait_until (scmm_test_widget_is_mapped, view, WAIT_MS));

  scmm_scalp_maps_view_set_corpus (SCMM_SCALP_MAPS_VIEW (view), corpus);
  {
    ScmmTrial *trial = trial_of (corpus, "1", "1", "4");
    const int C = corpus->n_channels, F = corpus->n_bands;

    scmm_scalp_maps_view_set_trial (SCMM_SCALP_MAPS_VIEW (view), trial);
    scmm_scalp_maps_view_set_window (SCMM_SCALP_MAPS_VIEW (view), 12);
    g_assert_true (scmm_scalp_maps_view_has_maps (SCMM_SCALP_MAPS_VIEW (view)));
    for (int b = 0; b < F; b++)
      {
        ScmmFigure *figure = scmm_scalp_maps_view_get_figure (SCMM_SCALP_MAPS_VIEW (view), b);

        assert_scalp_map (figure, map, corpus);
        assert_shown_value (electrode_value (figure, map, corpus, "Fp1"), trial->de[((gsize) 12 * C + fp1) * F + b]);
      }
    assert_screenshot_plausible (view, "scalp-maps-seed-iv-window");
  }

  /* Each class' mean over both subjects, at Oz, in the gamma band. */
  for (int k = 0; k < corpus->n_classes; k++)
    {
      double mean = class_mean (corpus, k, oz, 4);
      double shown;

      scmm_scalp_maps_view_set_label (SCMM_SCALP_MAPS_VIEW (view), k);
      shown = electrode_value (scmm_scalp_maps_view_get_figure (SCMM_SCALP_MAPS_VIEW (view), 4), map, corpus, "Oz");
      g_test_message ("SEED-IV %s: gamma at Oz %.6f, shown %g", corpus->class_names[k], mean, shown);
      assert_shown_value (shown, mean);
    }
  scmm_scalp_maps_view_set_shared_scale (SCMM_SCALP_MAPS_VIEW (view), FALSE);
  assert_screenshot_plausible (view, "scalp-maps-seed-iv-class");

  scmm_scalp_maps_view_set_corpus (SCMM_SCALP_MAPS_VIEW (view), NULL);
  destroy_window (window);
  scmm_test_remove_tree (dir);
}

/* ---- screenshots and lifetime ---- */

static void
test_page_screenshots (void)
{
  ScmmDataPage *page;
  GtkWindow *window = present_page (&page);

  g_assert_true (scmm_data_page_select_trial (page, "3", "1", "7"));
  assert_screenshot_plausible (GTK_WIDGET (page), "data-page-seed");

  g_assert_true (scmm_data_page_open_corpus (page, "demo:deap", NULL));
  g_assert_true (scmm_data_page_select_trial (page, "2", "1", "4"));
  g_object_set (page, "band", 3, NULL);
  assert_screenshot_plausible (GTK_WIDGET (page), "data-page-deap");

  destroy_window (window);
}

static void
test_page_finalize (void)
{
  GtkWidget *page = scmm_data_page_new ();

  /* Never shown. */
  g_object_ref_sink (page);
  g_assert_finalize_object (page);

  /* Shown, a trial picked, an import running when the window goes. */
  {
    ScmmDataPage *shown;
    GtkWindow *window = present_page (&shown);
    /* Many files: the import is surely still reading them when the window
     * goes (six were read whole, now and then, before the page was gone). */
    g_autofree char *folder = write_seed_folder_sessions (15, 3);
    g_autofree char *out = temp_dir ();
    g_autofree char *store = g_build_filename (out, "seed.h5", NULL);
    gpointer weak = shown;
    gpointer *pointers[] = { &weak, NULL };

    g_object_add_weak_pointer (G_OBJECT (shown), &weak);
    g_assert_true (scmm_data_page_select_trial (shown, "4", "1", "2"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown), "data.import", "(ss)", folder, store));
    destroy_window (window);
    g_assert_true (scmm_test_wait_for_weak_pointers (pointers, WAIT_MS));

    /* The worker ends on its own, cancelled: let it, then check it wrote nothing. */
    for (int i = 0; i < 50; i++)
      {
        g_usleep (10000);
        while (g_main_context_iteration (NULL, FALSE))
          ;
      }
    g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));
    scmm_test_remove_tree (folder);
    scmm_test_remove_tree (out);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  scmm_test_init_ui (&argc, &argv);
  main_thread = g_thread_self ();

  g_test_add_func ("/data-page/builds-on-demo", test_page_builds_on_demo);
  g_test_add_func ("/data-page/select-trial", test_page_select_trial);
  g_test_add_func ("/data-page/band", test_page_band);
  g_test_add_func ("/data-page/open-store", test_page_open_store);
  g_test_add_func ("/data-page/unlabelled-store", test_page_unlabelled_store);
  g_test_add_func ("/data-page/damaged-store", test_page_damaged_store);
  g_test_add_func ("/data-page/data-folders", test_page_data_folders);
  g_test_add_func ("/import-task/completes", test_import_task_completes);
  g_test_add_func ("/import-task/cancel", test_import_task_cancel);
  g_test_add_func ("/import-task/bad-folder", test_import_task_bad_folder);
  g_test_add_func ("/data-page/import", test_page_import);
  g_test_add_func ("/data-page/import-screenshot", test_page_import_screenshot);
  g_test_add_func ("/data-page/scalp-maps", test_page_scalp_maps);
  g_test_add_func ("/scalp-maps/no-positions", test_scalp_maps_no_positions);
  g_test_add_func ("/scalp-maps/seed-iv", test_scalp_maps_seed_iv);
  g_test_add_func ("/data-page/screenshots", test_page_screenshots);
  g_test_add_func ("/data-page/finalize", test_page_finalize);

  status = g_test_run ();
  scmm_test_screenshot_cleanup ();

  return status;
}
