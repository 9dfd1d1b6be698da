/* test-results-page.c: the Results page of real run folders
 *
 * A tiny comparison (scmm and supervised on the demo corpora) is run once with
 * the engine; the page shows its tables and figures, exports what results.csv
 * holds, shows an unfinished copy of it for what it is, and refuses a folder
 * that is not a run, naming it.
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
#include "scmm-resources.h"
#include "scmm-results-page.h"
#include "scmm-run.h"
#include "scmm-test-screenshot.h"

#define WAIT_MS 10000

static char *work_dir;
static char *run_dir;

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

static gboolean
widget_is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
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
  g_assert_true (scmm_test_wait_until (widget_is_mapped, page, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (page, 2, WAIT_MS));

  return window;
}

static void
destroy_and_check_finalized (GtkWindow *window,
                             GtkWidget *page)
{
  gpointer weak_window = window;
  gpointer weak_page = page;
  gpointer *pointers[] = { &weak_window, &weak_page, NULL };

  g_object_add_weak_pointer (G_OBJECT (window), &weak_window);
  g_object_add_weak_pointer (G_OBJECT (page), &weak_page);
  gtk_window_destroy (window);
  g_assert_true (scmm_test_wait_for_weak_pointers (pointers, WAIT_MS));
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  g_assert_true (scmm_test_wait_for_frames (widget, 3, WAIT_MS));
  texture = scmm_test_screenshot (widget);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (widget));
  g_assert_cmpuint (scmm_test_count_colours (texture, 64), >=, 16);
  path = scmm_test_save_screenshot (texture, name);
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
  save_screenshot (page, "results-page");
  gtk_drop_down_set_selected (dropdown, 1);   /* supervised: no pre-training */
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "pretrain_figure_box")), ==, 0);
  g_assert_cmpint (scmm_figure_get_kind (figure_in (page, "confusion_figure_box")), ==, SCMM_FIGURE_CONFUSION);
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "finetune_figure_box")), ==, 2);
  save_screenshot (page, "results-page-supervised");

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
  destroy_and_check_finalized (window, page);
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
  save_screenshot (page, "results-page-unfinished");

  /* The export holds the subject done, its mean and a std of 0. */
  g_assert_true (scmm_results_page_export_csv (SCMM_RESULTS_PAGE (page), export_path, &error));
  g_assert_no_error (error);
  exported = read_text (work_dir, "partial.csv");
  g_assert_true (g_str_has_prefix (exported, "method,subject,accuracy,macro_f1,selected_epoch\nscmm,1,"));
  g_assert_nonnull (strstr (exported, "\nscmm,std,0.000000,0.000000,\n"));
  g_assert_null (strstr (exported, "supervised"));

  g_object_unref (page);
  destroy_and_check_finalized (window, page);
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

/* ---- the run ---- */

static void
run_tiny_comparison (void)
{
  g_autoptr(ScmmExperiment) e = scmm_experiment_preset ("demo");
  GError *error = NULL;

  g_assert_nonnull (e);
  g_free (e->name);
  e->name = g_strdup ("Tiny comparison");
  e->pretrain_epochs = 2;
  e->pretrain_batch = 64;
  e->finetune_epochs = 2;
  e->finetune_batch = 64;
  e->threads = 2;
  g_strfreev (e->target.subjects.names);
  e->target.subjects.all = FALSE;
  e->target.subjects.names = g_strsplit ("1,2", ",", -1);
  g_free (e->methods);
  e->n_methods = 2;
  e->methods = g_new (ScmmMethod, 2);
  e->methods[0] = SCMM_METHOD_SCMM;
  e->methods[1] = SCMM_METHOD_SUPERVISED;

  run_dir = g_build_filename (work_dir, "comparison", NULL);
  if (!scmm_run_experiment (e, run_dir, NULL, NULL, NULL, &error))
    g_error ("the tiny comparison failed: %s", error->message);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_path = g_build_filename (path, name, NULL);

      if (g_file_test (child_path, G_FILE_TEST_IS_DIR) && !g_file_test (child_path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child_path);
      else
        g_unlink (child_path);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  scmm_test_park_pointer ();

  /* The application's own styling, so the screenshots look like the app. */
  scmm_resources_ensure_registered ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/scmm_studio/ScmmStudio/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  work_dir = g_dir_make_tmp ("scmm-results-page-XXXXXX", NULL);
  g_assert_nonnull (work_dir);
  run_tiny_comparison ();

  g_test_add_func ("/results-page/empty", test_results_page_empty);
  g_test_add_func ("/results-page/comparison", test_results_page_comparison);
  g_test_add_func ("/results-page/unfinished", test_results_page_unfinished);
  g_test_add_func ("/results-page/not-a-run", test_results_page_not_a_run);

  status = g_test_run ();

  remove_tree (work_dir);
  g_free (work_dir);
  g_free (run_dir);
  scmm_test_screenshot_cleanup ();

  return status;
}
