/* test-results-page.c: the Results page of real run folders
 *
 * A tiny comparison (scmm and supervised on the demo corpora) is run once with
 * the engine, and a second tiny run of scmm beside it; the page shows its
 * tables and figures (the confusion matrix summed and of each subject as
 * their result.ini files have them, the loss weights and learning rate, the
 * two runs' curves overlaid), exports what results.csv holds, shows an
 * unfinished copy of it for what it is, and refuses a folder that is not a
 * run, naming it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "scmm-error.h"
#include "scmm-experiment.h"
#include "scmm-figure-view.h"
#include "scmm-embedding-view.h"
#include "scmm-results-page.h"
#include "scmm-run.h"
#include "scmm-run-comparison.h"
#include "scmm-settings.h"
#include "scmm-test-screenshot.h"

#define WAIT_MS 10000

static char *work_dir;
static char *run_dir;
static char *second_run_dir;    /* another run, of scmm alone, beside it */

static GObject *
child (GtkWidget  *page,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (page, SCMM_TYPE_RESULTS_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static ScmmFigure *
figure_in (GtkWidget  *page,
           const char *box_name)
{
  GtkWidget *view = gtk_widget_get_first_child (GTK_WIDGET (child (page, box_name)));

  g_assert_true (SCMM_IS_FIGURE_VIEW (view));
  return scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view));
}

static guint
n_rows (GtkWidget  *page,
        const char *view_name)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (child (page, view_name));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

/* Whether a label under `widget` shows exactly `text`. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c, text))
      return TRUE;

  return FALSE;
}

static char *
read_text (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
copy_file (const char *from_dir,
           const char *to_dir,
           const char *name)
{
  g_autofree char *text = read_text (from_dir, name);
  g_autofree char *path = g_build_filename (to_dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* results.csv's mean and std row of a method, as the page prints them. */
static char *
expected_mean_std (const char *method,
                   int         column)
{
  g_autofree char *csv = read_text (run_dir, "results.csv");
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_autofree char *mean_prefix = g_strdup_printf ("%s,mean,", method);
  g_autofree char *std_prefix = g_strdup_printf ("%s,std,", method);
  double mean = NAN, std = NAN;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      if (g_str_has_prefix (lines[i], mean_prefix))
        mean = g_ascii_strtod (fields[column], NULL);
      else if (g_str_has_prefix (lines[i], std_prefix))
        std = g_ascii_strtod (fields[column], NULL);
    }
  g_assert_true (isfinite (mean) && isfinite (std));

  return g_strdup_printf ("%.2f ± %.2f", 100 * mean, 100 * std);
}

static GtkWindow *
present_page (GtkWidget *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1200, 760);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  g_assert_true (scmm_test_wait_until (scmm_test_widget_is_mapped, page, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (page, 2, WAIT_MS));

  return window;
}


/* ---- tests ---- */

static void
test_results_page_empty (void)
{
  GtkWidget *page = scmm_results_page_new ();
  g_autofree char *path = g_build_filename (work_dir, "nothing.csv", NULL);
  GError *error = NULL;

  g_object_ref_sink (page);
  g_assert_null (scmm_results_page_get_run (SCMM_RESULTS_PAGE (page)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "content_stack"))), ==, "empty");

  g_assert_false (scmm_results_page_export_csv (SCMM_RESULTS_PAGE (page), path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_finalize_object (page);
}

static void
test_results_page_comparison (void)
{
  GtkWidget *page = scmm_results_page_new ();
  g_autofree char *scmm_accuracy = expected_mean_std ("scmm", 2);
  g_autofree char *scmm_f1 = expected_mean_std ("scmm", 3);
  g_autofree char *supervised_accuracy = expected_mean_std ("supervised", 2);
  g_autofree char *supervised_f1 = expected_mean_std ("supervised", 3);
  g_autofree char *export_path = g_build_filename (work_dir, "export.csv", NULL);
  g_autofree char *results_csv = read_text (run_dir, "results.csv");
  g_autofree char *exported = NULL;
  GtkColumnView *subjects_view;
  GListModel *subjects;
  GtkDropDown *dropdown;
  GtkWindow *window;
  GError *error = NULL;

  g_object_ref_sink (page);
  window = present_page (page);

  g_assert_true (scmm_results_page_show_run (SCMM_RESULTS_PAGE (page), run_dir, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scmm_results_page_get_run (SCMM_RESULTS_PAGE (page)), ==, run_dir);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "content_stack"))), ==, "run");
  g_assert_true (scmm_test_wait_for_frames (page, 3, WAIT_MS));

  /* The header. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "title_label"))), ==, "Tiny comparison");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (page, "subtitle_label"))), "→"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (page, "details_label"))), "cross-corpus"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (page, "details_label"))), "last epoch"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (page, "status_box"))));

  /* The comparison: two methods with results.csv's means. */
  g_assert_cmpuint (n_rows (page, "comparison_view"), ==, 2);
  g_assert_true (shows_text (GTK_WIDGET (child (page, "comparison_view")), scmm_accuracy));
  g_assert_true (shows_text (GTK_WIDGET (child (page, "comparison_view")), scmm_f1));
  g_assert_true (shows_text (GTK_WIDGET (child (page, "comparison_view")), supervised_accuracy));
  g_assert_true (shows_text (GTK_WIDGET (child (page, "comparison_view")), supervised_f1));
  g_assert_true (shows_text (GTK_WIDGET (child (page, "comparison_view")), "2 of 2"));

  /* Per subject: both target subjects, accuracy and macro-F1 of each method. */
  subjects_view = GTK_COLUMN_VIEW (child (page, "subjects_view"));
  subjects = G_LIST_MODEL (gtk_column_view_get_model (subjects_view));
  g_assert_cmpuint (g_list_model_get_n_items (subjects), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_no_selection_get_model (GTK_NO_SELECTION (subjects))), 0), ==, "1");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_no_selection_get_model (GTK_NO_SELECTION (subjects))), 1), ==, "2");
  /* Subject, then "accuracy / macro-F1" per method. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (subjects_view)), ==, 1 + 2);
  {
    g_autofree char *csv = read_text (run_dir, "results.csv");
    g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
    g_auto(GStrv) fields = g_strsplit (lines[1], ",", -1);   /* scmm, subject 1 */
    g_autofree char *cell = g_strdup_printf ("%.2f / %.2f", 100 * g_ascii_strtod (fields[2], NULL),
                                             100 * g_ascii_strtod (fields[3], NULL));

    g_assert_cmpstr (fields[1], ==, "1");
    g_assert_true (shows_text (GTK_WIDGET (subjects_view), cell));
  }

  /* The figures of the best method, then of the other. */
  dropdown = GTK_DROP_DOWN (child (page, "method_dropdown"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);
  g_assert_cmpint (scmm_figure_get_kind (figure_in (page, "confusion_figure_box")), ==, SCMM_FIGURE_CONFUSION);
  g_assert_cmpint (scmm_figure_get_kind (figure_in (page, "finetune_figure_box")), ==, SCMM_FIGURE_LINES);
  gtk_drop_down_set_selected (dropdown, 0);   /* scmm */
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "pretrain_figure_box")), ==, 3);
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "finetune_figure_box")), ==, 2);
  scmm_test_save_page_screenshot (page, "results-page");
  gtk_drop_down_set_selected (dropdown, 1);   /* supervised: no pre-training */
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "pretrain_figure_box")), ==, 0);
  g_assert_cmpint (scmm_figure_get_kind (figure_in (page, "confusion_figure_box")), ==, SCMM_FIGURE_CONFUSION);
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "finetune_figure_box")), ==, 2);
  scmm_test_save_page_screenshot (page, "results-page-supervised");

  /* Export: what results.csv holds. */
  g_assert_true (scmm_results_page_export_csv (SCMM_RESULTS_PAGE (page), export_path, &error));
  g_assert_no_error (error);
  exported = read_text (work_dir, "export.csv");
  g_assert_cmpstr (exported, ==, results_csv);

  /* A folder that cannot be written to: the error names the file. */
  {
    g_autofree char *bad = g_build_filename (work_dir, "no-such-folder", "export.csv", NULL);

    g_assert_false (scmm_results_page_export_csv (SCMM_RESULTS_PAGE (page), bad, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, bad));
    g_clear_error (&error);
  }

  g_object_unref (page);
  scmm_test_destroy_and_check_finalized (window, page);
}

/* A run stopped after one subject of its first method: no results.csv yet. */
static void
test_results_page_unfinished (void)
{
  g_autofree char *partial = g_build_filename (work_dir, "partial", NULL);
  g_autofree char *record = read_text (run_dir, "record.json");
  g_autofree char *record_path = g_build_filename (partial, "record.json", NULL);
  g_autoptr(GString) stopped = g_string_new (record);
  g_autofree char *export_path = g_build_filename (work_dir, "partial.csv", NULL);
  g_autofree char *exported = NULL;
  GtkWidget *page = scmm_results_page_new ();
  GtkWindow *window;
  GError *error = NULL;

  copy_file (run_dir, partial, "config.ini");
  copy_file (run_dir, partial, "scmm/pretrain.csv");
  copy_file (run_dir, partial, "scmm/subjects/1/result.ini");
  copy_file (run_dir, partial, "scmm/subjects/1/finetune.csv");
  g_string_replace (stopped, "\"finished\"", "\"stopped: stopped\"", 1);
  g_file_set_contents (record_path, stopped->str, -1, &error);
  g_assert_no_error (error);

  g_object_ref_sink (page);
  window = present_page (page);
  g_assert_true (scmm_results_page_show_run (SCMM_RESULTS_PAGE (page), partial, &error));
  g_assert_no_error (error);
  g_assert_true (scmm_test_wait_for_frames (page, 3, WAIT_MS));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (page, "status_box"))));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (page, "status_label"))), "(stopped)"));
  g_assert_cmpuint (n_rows (page, "comparison_view"), ==, 2);
  g_assert_true (shows_text (GTK_WIDGET (child (page, "comparison_view")), "1 of 2"));
  g_assert_true (shows_text (GTK_WIDGET (child (page, "comparison_view")), "0 of 2"));
  g_assert_cmpuint (n_rows (page, "subjects_view"), ==, 1);
  /* The confusion matrix is the one subject's. */
  g_assert_cmpint (scmm_figure_get_kind (figure_in (page, "confusion_figure_box")), ==, SCMM_FIGURE_CONFUSION);
  scmm_test_save_page_screenshot (page, "results-page-unfinished");

  /* The export holds the subject done, its mean and a std of 0. */
  g_assert_true (scmm_results_page_export_csv (SCMM_RESULTS_PAGE (page), export_path, &error));
  g_assert_no_error (error);
  exported = read_text (work_dir, "partial.csv");
  g_assert_true (g_str_has_prefix (exported, "method,subject,accuracy,macro_f1,selected_epoch\nscmm,1,"));
  g_assert_nonnull (strstr (exported, "\nscmm,std,0.000000,0.000000,\n"));
  g_assert_null (strstr (exported, "supervised"));

  g_object_unref (page);
  scmm_test_destroy_and_check_finalized (window, page);
}

static void
test_results_page_not_a_run (void)
{
  g_autofree char *folder = g_build_filename (work_dir, "not-a-run", NULL);
  g_autofree char *missing = g_build_filename (work_dir, "missing", NULL);
  g_autofree char *broken = g_build_filename (work_dir, "broken", NULL);
  g_autofree char *broken_csv = g_build_filename (broken, "results.csv", NULL);
  GtkWidget *page = scmm_results_page_new ();
  GError *error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_object_ref_sink (page);

  g_assert_true (scmm_results_page_show_run (SCMM_RESULTS_PAGE (page), run_dir, &error));
  g_assert_no_error (error);

  /* Errors name the folder, and the page keeps the run it showed. */
  g_assert_false (scmm_results_page_show_run (SCMM_RESULTS_PAGE (page), folder, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_nonnull (strstr (error->message, "not a run folder"));
  g_clear_error (&error);
  g_assert_cmpstr (scmm_results_page_get_run (SCMM_RESULTS_PAGE (page)), ==, run_dir);

  g_assert_false (scmm_results_page_show_run (SCMM_RESULTS_PAGE (page), missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* A damaged results table names the file. */
  copy_file (run_dir, broken, "config.ini");
  g_file_set_contents (broken_csv, "method,subject,accuracy,macro_f1,selected_epoch\nscmm,1,oops\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (scmm_results_page_show_run (SCMM_RESULTS_PAGE (page), broken, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, broken_csv));
  g_clear_error (&error);
  g_assert_cmpstr (scmm_results_page_get_run (SCMM_RESULTS_PAGE (page)), ==, run_dir);

  g_assert_finalize_object (page);
}

/* ---- confusion per subject, curves, runs compared ---- */

#define PROBE_W 900.0
#define PROBE_H 600.0

/* A confusion matrix as the figure describes its cells ("true a, predicted
 * b: 12 (...)"): counts [k, k], found by probing the drawing. */
static void
shown_counts (ScmmFigure        *figure,
              const char *const *classes,
              int                k,
              gint64            *counts)
{
  int found = 0;

  for (int i = 0; i < k * k; i++)
    counts[i] = -1;
  for (double y = 1; y < PROBE_H && found < k * k; y += 4)
    for (double x = 1; x < PROBE_W && found < k * k; x += 4)
      {
        g_autofree char *text = scmm_figure_describe_at (figure, PROBE_W, PROBE_H, x, y);

        for (int r = 0; text != NULL && r < k; r++)
          for (int c = 0; c < k; c++)
            {
              g_autofree char *prefix = g_strdup_printf ("true %s, predicted %s: ", classes[r], classes[c]);

              if (counts[r * k + c] < 0 && g_str_has_prefix (text, prefix))
                {
                  counts[r * k + c] = g_ascii_strtoll (text + strlen (prefix), NULL, 10);
                  found++;
                }
            }
      }
  g_assert_cmpint (found, ==, k * k);
}

/* A subject's result.ini: its classes and confusion counts [k, k]. */
static int
subject_confusion (const char  *method,
                   const char  *subject,
                   GStrv       *classes,
                   gint64     **counts)
{
  g_autofree char *path = g_build_filename (run_dir, method, "subjects", subject, "result.ini", NULL);
  g_autoptr(GKeyFile) ini = g_key_file_new ();
  g_auto(GStrv) numbers = NULL;
  GError *error = NULL;
  gsize k, n;

  g_key_file_load_from_file (ini, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  *classes = g_key_file_get_string_list (ini, "result", "classes", &k, &error);
  g_assert_no_error (error);
  numbers = g_key_file_get_string_list (ini, "result", "confusion", &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, k * k);
  *counts = g_new (gint64, n);
  for (gsize i = 0; i < n; i++)
    (*counts)[i] = g_ascii_strtoll (numbers[i], NULL, 10);
  return (int) k;
}

static void
assert_counts (const gint64 *shown,
               const gint64 *expected,
               int           n)
{
  for (int i = 0; i < n; i++)
    g_assert_cmpint (shown[i], ==, expected[i]);
}

/* The figure drawn into an image (to compare two drawings). */
static GBytes *
draw_figure (ScmmFigure *figure)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) PROBE_W, (int) PROBE_H);
  cairo_t *cr = cairo_create (surface);
  GBytes *bytes;

  scmm_figure_draw_cairo (figure, cr, PROBE_W, PROBE_H);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * (gsize) PROBE_H);
  cairo_surface_destroy (surface);
  return bytes;
}

/* The page showing the tiny comparison, with scmm's figures. */
static GtkWindow *
present_run (GtkWidget *page)
{
  GtkWindow *window;
  GError *error = NULL;

  g_object_ref_sink (page);
  window = present_page (page);
  g_assert_true (scmm_results_page_show_run (SCMM_RESULTS_PAGE (page), run_dir, &error));
  g_assert_no_error (error);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, "method_dropdown")), 0);   /* scmm */
  return window;
}

static void
test_results_page_confusion_subjects (void)
{
  GtkWidget *page = scmm_results_page_new ();
  GtkDropDown *methods, *subjects;
  GtkToggleButton *counts_button;
  g_auto(GStrv) classes = NULL;
  g_autofree gint64 *one = NULL;
  g_autofree gint64 *two = NULL;
  g_autofree gint64 *shown = NULL;
  g_autofree gint64 *sum = NULL;
  GtkWindow *window = present_run (page);
  int k;

  methods = GTK_DROP_DOWN (child (page, "method_dropdown"));
  subjects = GTK_DROP_DOWN (child (page, "subject_dropdown"));

  /* "All subjects (sum)", then each subject. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (subjects)), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (subjects)), 0), ==,
                   "All subjects (sum)");
  g_assert_cmpuint (gtk_drop_down_get_selected (subjects), ==, 0);

  k = subject_confusion ("scmm", "1", &classes, &one);
  {
    g_auto(GStrv) classes_two = NULL;

    g_assert_cmpint (subject_confusion ("scmm", "2", &classes_two, &two), ==, k);
    g_assert_true (g_strv_equal ((const char *const *) classes, (const char *const *) classes_two));
  }
  shown = g_new (gint64, k * k);
  sum = g_new (gint64, k * k);
  for (int i = 0; i < k * k; i++)
    sum[i] = one[i] + two[i];

  /* The sum: the subjects' counts added, as confusion.csv has them. */
  shown_counts (figure_in (page, "confusion_figure_box"), (const char *const *) classes, k, shown);
  assert_counts (shown, sum, k * k);
  {
    g_autofree char *csv = read_text (run_dir, "scmm/confusion.csv");
    g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

    for (int r = 0; r < k; r++)
      {
        g_auto(GStrv) fields = g_strsplit (lines[r + 1], ",", -1);

        for (int c = 0; c < k; c++)
          g_assert_cmpint (g_ascii_strtoll (fields[c + 1], NULL, 10), ==, sum[r * k + c]);
      }
  }
  g_test_message ("summed counts: %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                  shown[0], shown[1], shown[2], shown[3]);

  /* Subject 2, from the drop-down: its result.ini's counts. */
  gtk_drop_down_set_selected (subjects, 2);
  g_assert_nonnull (strstr (scmm_figure_get_title (figure_in (page, "confusion_figure_box")), "subject 2"));
  shown_counts (figure_in (page, "confusion_figure_box"), (const char *const *) classes, k, shown);
  assert_counts (shown, two, k * k);

  /* Counts or row-normalised: another drawing, the same counts. */
  counts_button = GTK_TOGGLE_BUTTON (child (page, "counts_button"));
  {
    g_autoptr(GBytes) normalised = draw_figure (figure_in (page, "confusion_figure_box"));
    g_autoptr(GBytes) counted = NULL;
    g_autoptr(GBytes) again = NULL;

    gtk_toggle_button_set_active (counts_button, TRUE);
    counted = draw_figure (figure_in (page, "confusion_figure_box"));
    g_assert_false (g_bytes_equal (normalised, counted));
    shown_counts (figure_in (page, "confusion_figure_box"), (const char *const *) classes, k, shown);
    assert_counts (shown, two, k * k);
    scmm_test_save_page_screenshot (page, "results-page-subject-counts");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (page, "normalised_button")), TRUE);
    g_assert_false (gtk_toggle_button_get_active (counts_button));
    again = draw_figure (figure_in (page, "confusion_figure_box"));
    g_assert_true (g_bytes_equal (normalised, again));
  }

  /* A click on subject 1's bar shows subject 1, highlighted. */
  g_assert_cmpint (scmm_figure_get_kind (figure_in (page, "subject_curve_figure_box")), ==, SCMM_FIGURE_BARS);
  g_signal_emit_by_name (gtk_widget_get_first_child (GTK_WIDGET (child (page, "subject_curve_figure_box"))),
                         "cell-activated", -1, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (subjects), ==, 1);
  shown_counts (figure_in (page, "confusion_figure_box"), (const char *const *) classes, k, shown);
  assert_counts (shown, one, k * k);

  /* The other method keeps the subject. */
  gtk_drop_down_set_selected (methods, 1);   /* supervised */
  g_assert_cmpuint (gtk_drop_down_get_selected (subjects), ==, 1);
  g_assert_nonnull (strstr (scmm_figure_get_title (figure_in (page, "confusion_figure_box")), "supervised"));
  g_assert_nonnull (strstr (scmm_figure_get_title (figure_in (page, "confusion_figure_box")), "subject 1"));

  g_object_unref (page);
  scmm_test_destroy_and_check_finalized (window, page);
}

/* The names of a line plot's series, as its tooltip gives them ("name: x = 1,
 * y = 2"), found by probing the drawing. */
static GHashTable *
series_names (ScmmFigure *figure)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (double y = 1; y < PROBE_H; y += 3)
    for (double x = 1; x < PROBE_W; x += 6)
      {
        g_autofree char *text = scmm_figure_describe_at (figure, PROBE_W, PROBE_H, x, y);
        const char *end = text != NULL ? strstr (text, ": x = ") : NULL;

        if (end != NULL)
          g_hash_table_add (names, g_strndup (text, (gsize) (end - text)));
      }
  return names;
}

static void
test_results_page_curves (void)
{
  GtkWidget *page = scmm_results_page_new ();
  GtkWindow *window = present_run (page);
  GtkDropDown *methods = GTK_DROP_DOWN (child (page, "method_dropdown"));

  gtk_stack_set_visible_child_name (GTK_STACK (child (page, "figures_stack")), "curves");

  /* The learned loss weights and the learning rate, as pretrain.csv has them. */
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "weights_figure_box")), ==, 2);
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "lr_figure_box")), ==, 1);
  {
    g_autoptr(GHashTable) names = series_names (figure_in (page, "weights_figure_box"));

    g_assert_true (g_hash_table_contains (names, "p1 (of L_C)"));
    g_assert_true (g_hash_table_contains (names, "p2 (of L_R)"));
  }
  scmm_test_save_page_screenshot (page, "results-page-curves");

  /* Supervised has no pre-training: it says so. */
  gtk_drop_down_set_selected (methods, 1);
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "weights_figure_box")), ==, 0);
  g_assert_nonnull (strstr (scmm_figure_get_title (figure_in (page, "weights_figure_box")), "no learned"));

  g_object_unref (page);
  scmm_test_destroy_and_check_finalized (window, page);
}

static void
test_results_page_compare_runs (void)
{
  GtkWidget *page = scmm_results_page_new ();
  g_autofree char *first_name = g_path_get_basename (run_dir);
  g_autofree char *second_name = g_path_get_basename (second_run_dir);
  ScmmRunComparison *comparison;
  g_auto(GStrv) checked = NULL;
  GtkWindow *window = present_run (page);

  /* The runs are looked for when their page is shown, not before. */
  comparison = SCMM_RUN_COMPARISON (gtk_widget_get_first_child (GTK_WIDGET (child (page, "compare_box"))));
  checked = scmm_run_comparison_get_checked (comparison);
  g_assert_cmpuint (g_strv_length (checked), ==, 0);
  g_clear_pointer (&checked, g_strfreev);
  gtk_stack_set_visible_child_name (GTK_STACK (child (page, "figures_stack")), "compare");

  /* The run shown is checked; its neighbour in the folder is listed. */
  checked = scmm_run_comparison_get_checked (comparison);
  g_assert_cmpuint (g_strv_length (checked), ==, 1);
  g_assert_cmpstr (checked[0], ==, run_dir);
  g_assert_cmpint (scmm_figure_get_n_lines (scmm_run_comparison_get_figure (comparison, SCMM_COMPARISON_LOSS)), ==, 1);

  /* Both: one series per run, named by the run. */
  g_assert_true (scmm_run_comparison_set_checked (comparison, second_run_dir, TRUE));
  g_clear_pointer (&checked, g_strfreev);
  checked = scmm_run_comparison_get_checked (comparison);
  g_assert_cmpuint (g_strv_length (checked), ==, 2);
  for (ScmmComparisonFigure f = SCMM_COMPARISON_LOSS; f < SCMM_COMPARISON_N_FIGURES; f++)
    {
      ScmmFigure *figure = scmm_run_comparison_get_figure (comparison, f);
      g_autoptr(GHashTable) names = series_names (figure);

      if (f == SCMM_COMPARISON_WEIGHTS)
        {
          g_autofree char *p1 = g_strdup_printf ("%s · p1", first_name);
          g_autofree char *p2 = g_strdup_printf ("%s · p2", second_name);

          g_assert_cmpint (scmm_figure_get_n_lines (figure), ==, 4);
          g_assert_true (g_hash_table_contains (names, p1));
          g_assert_true (g_hash_table_contains (names, p2));
          continue;
        }
      g_assert_cmpint (scmm_figure_get_n_lines (figure), ==, 2);
      g_assert_true (g_hash_table_contains (names, first_name));
      g_assert_true (g_hash_table_contains (names, second_name));
      g_assert_cmpuint (g_hash_table_size (names), ==, 2);
    }
  scmm_test_save_page_screenshot (page, "results-page-compare");

  /* Unchecked again: one series left. */
  g_assert_true (scmm_run_comparison_set_checked (comparison, run_dir, FALSE));
  g_assert_cmpint (scmm_figure_get_n_lines (scmm_run_comparison_get_figure (comparison, SCMM_COMPARISON_ACCURACY)), ==, 1);
  g_assert_false (scmm_run_comparison_set_checked (comparison, "/no/such/run", TRUE));

  /* Supervised: the second run has none, so it shows its own method, named so. */
  g_assert_true (scmm_run_comparison_set_checked (comparison, run_dir, TRUE));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, "method_dropdown")), 1);
  {
    g_autoptr(GHashTable) names = series_names (scmm_run_comparison_get_figure (comparison, SCMM_COMPARISON_ACCURACY));
    g_autofree char *other = g_strdup_printf ("%s (scmm)", second_name);

    g_assert_true (g_hash_table_contains (names, first_name));
    g_assert_true (g_hash_table_contains (names, other));
  }

  g_object_unref (page);
  scmm_test_destroy_and_check_finalized (window, page);
}

static gboolean
embedding_has_map (gpointer data)
{
  ScmmEmbeddingView *view = data;

  return scmm_embedding_view_get_map (view) != NULL && !scmm_embedding_view_is_computing (view);
}

/* The Embedding Map page computes the shown run's map when it comes into
 * view, and follows the method: supervised has no pre-trained encoder. */
static void
test_results_page_embedding (void)
{
  GtkWidget *page = scmm_results_page_new ();
  GtkWindow *window = present_run (page);
  GtkStack *stack = GTK_STACK (child (page, "figures_stack"));
  ScmmEmbeddingView *view;

  /* Nothing is computed while another page is in view. */
  view = SCMM_EMBEDDING_VIEW (gtk_stack_get_child_by_name (stack, "embedding"));
  g_assert_nonnull (view);
  g_assert_null (scmm_embedding_view_get_map (view));
  g_assert_false (scmm_embedding_view_is_computing (view));

  gtk_stack_set_visible_child_name (stack, "embedding");
  g_assert_true (scmm_test_wait_until (embedding_has_map, view, 60000));
  {
    const ScmmEmbeddingMap *map = scmm_embedding_view_get_map (view);

    /* Both corpora, through the encoder before and after pre-training. */
    g_assert_cmpint (map->windows->count[SCMM_EMBEDDING_SOURCE], >, 0);
    g_assert_cmpint (map->windows->count[SCMM_EMBEDDING_TARGET], >, 0);
    g_assert_cmpstr (map->method_name, ==, "scmm");
  }
  scmm_test_save_page_screenshot (page, "results-page-embedding");

  /* Supervised: no pre-training, so no map, and the page says why. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, "method_dropdown")), 1);
  g_assert_true (scmm_test_wait_until (embedding_has_map, view, 2000) == FALSE);
  g_assert_null (scmm_embedding_view_get_map (view));

  g_object_unref (page);
  scmm_test_destroy_and_check_finalized (window, page);
}

static void
test_run_comparison_names (void)
{
  g_autofree char *short_name = scmm_run_comparison_series_name ("/runs/demo");
  g_autofree char *long_name = scmm_run_comparison_series_name ("/runs/demo-demo-seed-to-demo-deap-20261123-033350");

  g_assert_cmpstr (short_name, ==, "demo");
  g_assert_cmpstr (long_name, ==, "demo-demo-seed…20261123-033350");
}

/* ---- the run ---- */

/* A tiny experiment on the demo corpora: a few epochs, the given target
 * subjects and methods. */
static ScmmExperiment *
tiny_experiment (const char         *name,
                 const char         *subjects,
                 const ScmmMethod   *methods,
                 int                 n_methods,
                 int                 pretrain_epochs)
{
  ScmmExperiment *e = scmm_experiment_preset ("demo");

  g_assert_nonnull (e);
  g_free (e->name);
  e->name = g_strdup (name);
  e->pretrain_epochs = pretrain_epochs;
  e->pretrain_batch = 64;
  e->finetune_epochs = 2;
  e->finetune_batch = 64;
  e->threads = 2;
  g_strfreev (e->target.subjects.names);
  e->target.subjects.all = FALSE;
  e->target.subjects.names = g_strsplit (subjects, ",", -1);
  g_free (e->methods);
  e->n_methods = n_methods;
  e->methods = g_memdup2 (methods, (gsize) n_methods * sizeof (ScmmMethod));
  return e;
}

static void
run_tiny_comparison (void)
{
  static const ScmmMethod both[] = { SCMM_METHOD_SCMM, SCMM_METHOD_SUPERVISED };
  g_autoptr(ScmmExperiment) e = tiny_experiment ("Tiny comparison", "1,2", both, 2, 2);
  g_autoptr(ScmmExperiment) second = tiny_experiment ("Second run", "1", both, 1, 3);
  GError *error = NULL;

  run_dir = g_build_filename (work_dir, "comparison", NULL);
  if (!scmm_run_experiment (e, run_dir, NULL, NULL, NULL, &error))
    g_error ("the tiny comparison failed: %s", error->message);

  /* Another seed, scmm alone, a longer pre-training: a run to compare with. */
  second->seed = e->seed + 1;
  second_run_dir = g_build_filename (work_dir, "second", NULL);
  if (!scmm_run_experiment (second, second_run_dir, NULL, NULL, NULL, &error))
    g_error ("the second tiny run failed: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  scmm_test_init_ui (&argc, &argv);

  work_dir = g_dir_make_tmp ("scmm-results-page-XXXXXX", NULL);
  g_assert_nonnull (work_dir);
  run_tiny_comparison ();
  /* The runs folder is the test's own: the user's runs stay out of the list. */
  g_assert_nonnull (scmm_settings_get ());
  g_settings_set_string (scmm_settings_get (), "runs-folder", work_dir);

  g_test_add_func ("/results-page/empty", test_results_page_empty);
  g_test_add_func ("/results-page/comparison", test_results_page_comparison);
  g_test_add_func ("/results-page/unfinished", test_results_page_unfinished);
  g_test_add_func ("/results-page/not-a-run", test_results_page_not_a_run);
  g_test_add_func ("/results-page/confusion-subjects", test_results_page_confusion_subjects);
  g_test_add_func ("/results-page/curves", test_results_page_curves);
  g_test_add_func ("/results-page/compare-runs", test_results_page_compare_runs);
  g_test_add_func ("/results-page/embedding", test_results_page_embedding);
  g_test_add_func ("/run-comparison/names", test_run_comparison_names);

  status = g_test_run ();

  scmm_test_remove_tree (work_dir);
  g_free (work_dir);
  g_free (run_dir);
  g_free (second_run_dir);
  scmm_test_screenshot_cleanup ();

  return status;
}
