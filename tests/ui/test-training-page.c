/* test-training-page.c: the Training page follows a real run
 *
 * A tiny experiment on the demo corpora runs through a real ScmmRunTask; the
 * page shows its progress, curves and subjects, and the batch snapshots it
 * takes in the masks, similarity and reconstruction views; its Pause /
 * Resume buttons reach the window's actions, and the finished run is listed
 * as a past run that opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "scmm-experiment.h"
#include "scmm-figure-view.h"
#include "scmm-masks-view.h"
#include "scmm-run-task.h"
#include "scmm-snapshot-view.h"
#include "scmm-test-screenshot.h"
#include "scmm-training-page.h"

#define WAIT_MS 10000
#define RUN_MS 45000

static char *runs_folder;

static GObject *
child (GtkWidget  *page,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (page, SCMM_TYPE_TRAINING_PAGE, name);

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

static ScmmSnapshotView *
snapshot_view_in (GtkWidget  *page,
                  const char *box_name)
{
  GtkWidget *view = gtk_widget_get_first_child (GTK_WIDGET (child (page, box_name)));

  g_assert_true (SCMM_IS_SNAPSHOT_VIEW (view));
  return SCMM_SNAPSHOT_VIEW (view);
}

static gboolean
view_is_up_to_date (gpointer user_data)
{
  return scmm_snapshot_view_is_up_to_date (SCMM_SNAPSHOT_VIEW (user_data));
}

/* ---- a window like ScmmWindow, with the run actions the page's buttons name ---- */

static void
pause_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  scmm_run_task_set_paused (scmm_training_page_get_task (user_data), TRUE);
}

static void
resume_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  scmm_run_task_set_paused (scmm_training_page_get_task (user_data), FALSE);
}

static void
cancel_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  scmm_run_task_cancel (scmm_training_page_get_task (user_data));
}

static GtkWindow *
present_page (GtkWidget *page)
{
  /* start-run does nothing here: the window's starts the experiment page's run. */
  static const GActionEntry entries[] = {
    { .name = "start-run" },
    { .name = "continue-run", .parameter_type = "s" },
    { .name = "pause-run", .activate = pause_activated },
    { .name = "resume-run", .activate = resume_activated },
    { .name = "cancel-run", .activate = cancel_activated },
  };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), page);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "win", G_ACTION_GROUP (actions));

  gtk_window_set_default_size (window, 1200, 760);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  g_assert_true (scmm_test_wait_until (scmm_test_widget_is_mapped, page, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (page, 2, WAIT_MS));

  return window;
}


/* A small experiment on the demo corpora, as tests/engine/test-run.c runs. */
static ScmmExperiment *
tiny_experiment (void)
{
  ScmmExperiment *e = scmm_experiment_preset ("demo");

  g_assert_nonnull (e);
  g_free (e->name);
  e->name = g_strdup ("Tiny demo");
  e->pretrain_epochs = 2;
  e->pretrain_batch = 64;
  e->finetune_epochs = 2;
  e->finetune_batch = 64;
  e->threads = 1;
  e->snapshot_every = 0;   /* the tests that want snapshots ask for them */
  g_strfreev (e->target.subjects.names);
  e->target.subjects.all = FALSE;
  e->target.subjects.names = g_strsplit ("1,2", ",", -1);
  return e;
}

/* ---- tests ---- */

static void
test_training_page_empty (void)
{
  GtkWidget *page = scmm_training_page_new ();
  GtkWindow *window;
  GObject *start_button;
  g_autofree char *empty_runs = g_build_filename (runs_folder, "empty", NULL);

  g_object_ref_sink (page);
  g_assert_null (scmm_training_page_get_task (SCMM_TRAINING_PAGE (page)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "content_stack"))), ==, "empty");

  start_button = child (page, "start_button");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (start_button)), ==, "win.start-run");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (child (page, "pause_button"))), ==, "win.pause-run");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (child (page, "resume_button"))), ==, "win.resume-run");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (child (page, "cancel_button"))), ==, "win.cancel-run");

  /* No runs folder; then one with nothing in it. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "runs_stack"))), ==, "none");
  g_assert_cmpint (g_mkdir_with_parents (empty_runs, 0755), ==, 0);
  scmm_training_page_set_runs_folder (SCMM_TRAINING_PAGE (page), empty_runs);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "runs_stack"))), ==, "none");
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (child (page, "runs_list"))));

  /* No snapshot: the views say what will come. */
  g_assert_null (scmm_snapshot_view_get_snapshot (snapshot_view_in (page, "masks_box")));
  g_assert_null (scmm_snapshot_view_get_snapshot (snapshot_view_in (page, "similarity_box")));
  g_assert_null (scmm_snapshot_view_get_snapshot (snapshot_view_in (page, "reconstruction_box")));

  window = present_page (page);
  scmm_test_save_page_screenshot (page, "training-page-empty");

  g_object_unref (page);
  scmm_test_destroy_and_check_finalized (window, page);
}

typedef struct
{
  gboolean finished;
  gboolean ok;
  gboolean paused_seen;
  guint    epochs;
  guint    snapshots;
  GtkWidget *page;
} RunWatch;

static void
run_finished (ScmmRunTask *task,
              gboolean     ok,
              gpointer     user_data)
{
  RunWatch *watch = user_data;

  watch->finished = TRUE;
  watch->ok = ok;
}

static void
run_event (ScmmRunTask *task,
           gpointer     data,
           gpointer     user_data)
{
  const ScmmRunEvent *ev = data;
  RunWatch *watch = user_data;

  if (ev->kind == SCMM_RUN_EVENT_EPOCH)
    watch->epochs++;
}

static void
run_snapshot (ScmmRunTask *task,
              gpointer     snapshot,
              gpointer     user_data)
{
  RunWatch *watch = user_data;

  g_assert_nonnull (snapshot);
  watch->snapshots++;
}

static gboolean
run_is_finished (gpointer user_data)
{
  return ((RunWatch *) user_data)->finished;
}

static gboolean
has_epochs (gpointer user_data)
{
  RunWatch *watch = user_data;

  return watch->epochs > 0 || watch->finished;
}

static gboolean
resume_button_shown (gpointer user_data)
{
  RunWatch *watch = user_data;

  return gtk_widget_get_visible (GTK_WIDGET (child (watch->page, "resume_button"))) || watch->finished;
}

static GtkWidget *
find_run_row (GtkWidget  *page,
              const char *dir)
{
  GtkWidget *list = GTK_WIDGET (child (page, "runs_list"));

  for (GtkWidget *w = gtk_widget_get_first_child (list); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LIST_BOX_ROW (w) && g_strcmp0 (g_object_get_data (G_OBJECT (w), "run-dir"), dir) == 0)
      return w;

  return NULL;
}

static const char *row_label (GtkWidget *row,
                              guint      index);

static void
note_open_run (ScmmTrainingPage *page,
               const char       *dir,
               gpointer          user_data)
{
  char **opened = user_data;

  g_free (*opened);
  *opened = g_strdup (dir);
}

static void
test_training_page_run (void)
{
  g_autoptr(ScmmExperiment) experiment = tiny_experiment ();
  g_autofree char *dir = g_build_filename (runs_folder, "tiny-run", NULL);
  g_autofree char *opened = NULL;
  ScmmRunTask *task = NULL;
  GtkWidget *page = scmm_training_page_new ();
  RunWatch watch = { .page = page };
  GtkProgressBar *progress_bar;
  GtkColumnView *subjects_view;
  GtkListBox *runs_list;
  GtkListBoxRow *row = NULL;
  ScmmFigure *pretrain, *finetune;
  GtkWindow *window;
  gpointer weak_task;
  gpointer *task_pointers[] = { &weak_task, NULL };

  /* A snapshot of the batch every 3 steps, for the views. */
  experiment->snapshot_every = 3;
  task = scmm_run_task_new (experiment, dir);
  weak_task = task;

  g_object_ref_sink (page);
  scmm_training_page_set_runs_folder (SCMM_TRAINING_PAGE (page), runs_folder);
  scmm_training_page_set_task (SCMM_TRAINING_PAGE (page), task);
  g_assert_true (scmm_training_page_get_task (SCMM_TRAINING_PAGE (page)) == task);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "content_stack"))), ==, "run");

  window = present_page (page);

  g_signal_connect (task, "finished", G_CALLBACK (run_finished), &watch);
  g_signal_connect (task, "event", G_CALLBACK (run_event), &watch);
  g_signal_connect (task, "snapshot", G_CALLBACK (run_snapshot), &watch);
  g_test_timer_start ();
  scmm_run_task_start (task);

  /* Pause and resume through the buttons, which go through win.* actions. */
  g_assert_true (scmm_test_wait_until (has_epochs, &watch, RUN_MS));
  if (!watch.finished)
    {
      /* Listed among the past runs as soon as it trains. */
      g_assert_nonnull (find_run_row (page, dir));
      g_assert_nonnull (strstr (row_label (find_run_row (page, dir), 1), "running"));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (page, "controls_box"))));
      g_signal_emit_by_name (child (page, "pause_button"), "clicked");
      g_assert_true (scmm_run_task_get_paused (task));
      g_assert_true (scmm_test_wait_until (resume_button_shown, &watch, WAIT_MS));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (page, "pause_button"))));
      g_assert_true (g_str_has_prefix (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (child (page, "progress_bar"))),
                                       "Paused"));
      g_signal_emit_by_name (child (page, "resume_button"), "clicked");
      g_assert_false (scmm_run_task_get_paused (task));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (page, "pause_button"))));
    }

  g_assert_true (scmm_test_wait_until (run_is_finished, &watch, RUN_MS));
  g_test_message ("tiny run through the page: %.1f s", g_test_timer_elapsed ());
  if (!watch.ok)
    g_error ("the run failed: %s", scmm_run_task_get_error (task) ? scmm_run_task_get_error (task)->message : "?");

  /* The bar is full and says so; the controls are gone. */
  progress_bar = GTK_PROGRESS_BAR (child (page, "progress_bar"));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress_bar), ==, 1.0);
  g_assert_true (g_str_has_prefix (gtk_progress_bar_get_text (progress_bar), "Finished"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (page, "controls_box"))));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "title_label"))), ==, "tiny-run");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (page, "subtitle_label"))), "scmm"));

  /* The curves got their points: three losses, one series per subject. */
  pretrain = figure_in (page, "pretrain_figure_box");
  finetune = figure_in (page, "finetune_figure_box");
  g_assert_cmpint (scmm_figure_get_kind (pretrain), ==, SCMM_FIGURE_LINES);
  g_assert_cmpint (scmm_figure_get_n_lines (pretrain), ==, 3);
  g_assert_cmpint (scmm_figure_get_kind (finetune), ==, SCMM_FIGURE_LINES);
  g_assert_cmpint (scmm_figure_get_n_lines (finetune), ==, 2);
  /* 2 pre-training epochs and 2 x 2 fine-tuning epochs reached the page. */
  g_assert_cmpuint (watch.epochs, ==, 2 + 2 * 2);
  /* p1, p2 and the learning rate (as a fraction of its start) beside the losses. */
  g_assert_cmpint (scmm_figure_get_kind (figure_in (page, "weights_figure_box")), ==, SCMM_FIGURE_LINES);
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "weights_figure_box")), ==, 3);
  g_assert_nonnull (strstr (scmm_figure_get_title (figure_in (page, "weights_figure_box")), "scmm"));

  /* One row per target subject. */
  subjects_view = GTK_COLUMN_VIEW (child (page, "subjects_view"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (subjects_view))), ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "subjects_stack"))), ==, "list");

  /* The run is a past run now, and opens. */
  runs_list = GTK_LIST_BOX (child (page, "runs_list"));
  row = GTK_LIST_BOX_ROW (find_run_row (page, dir));
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (row_label (GTK_WIDGET (row), 1), "finished"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "runs_stack"))), ==, "list");
  g_signal_connect (page, "open-run", G_CALLBACK (note_open_run), &opened);
  g_signal_emit_by_name (runs_list, "row-activated", row);
  g_assert_cmpstr (opened, ==, dir);

  scmm_test_save_page_screenshot (page, "training-page-run");

  /* The snapshots (one every 3 steps) reached the views: the last one is
   * held by all three, drawn only once its page is shown. */
  g_test_message ("%u snapshots reached the page", watch.snapshots);
  g_assert_cmpuint (watch.snapshots, >, 0);
  g_assert_nonnull (scmm_run_task_get_snapshot (task));
  {
    static const char *const pages[][2] = {
      { "masks", "masks_box" },
      { "similarity", "similarity_box" },
      { "reconstruction", "reconstruction_box" },
    };
    GtkStack *views_stack = GTK_STACK (child (page, "views_stack"));

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        ScmmSnapshotView *view = snapshot_view_in (page, pages[i][1]);
        g_autofree char *name = g_strdup_printf ("training-page-%s", pages[i][0]);

        g_assert_true (scmm_snapshot_view_get_snapshot (view) == scmm_run_task_get_snapshot (task));
        g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));
        g_assert_false (scmm_snapshot_view_is_up_to_date (view));
        gtk_stack_set_visible_child_name (views_stack, pages[i][0]);
        g_assert_true (scmm_test_wait_until (view_is_up_to_date, view, WAIT_MS));
        scmm_test_save_page_screenshot (page, name);
      }
    /* The masks name the run's masking, read from its config. */
    gtk_stack_set_visible_child_name (views_stack, "masks");
    g_assert_true (scmm_test_wait_until (scmm_test_widget_is_mapped, snapshot_view_in (page, "masks_box"), WAIT_MS));
    g_assert_nonnull (scmm_test_find_label (GTK_WIDGET (snapshot_view_in (page, "masks_box")), "Hybrid masking", FALSE));
    /* The masks and the reconstruction show the same sample. */
    scmm_masks_view_set_sample (SCMM_MASKS_VIEW (snapshot_view_in (page, "masks_box")), 9);
    g_assert_cmpint (scmm_snapshot_view_get_selected (snapshot_view_in (page, "reconstruction_box")), ==, 9);
    gtk_stack_set_visible_child_name (views_stack, "curves");
  }

  /* Back to no run: the empty state, the past runs still there. */
  scmm_training_page_set_task (SCMM_TRAINING_PAGE (page), NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "content_stack"))), ==, "empty");
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (runs_list)));
  scmm_test_save_page_screenshot (page, "training-page-past-runs");

  /* A task that is over already shows as over. */
  scmm_training_page_set_task (SCMM_TRAINING_PAGE (page), task);
  g_assert_true (g_str_has_prefix (gtk_progress_bar_get_text (progress_bar), "Finished"));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress_bar), ==, 1.0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (page, "controls_box"))));
  scmm_training_page_set_task (SCMM_TRAINING_PAGE (page), NULL);

  g_object_add_weak_pointer (G_OBJECT (task), &weak_task);
  g_object_unref (task);
  g_assert_true (scmm_test_wait_for_weak_pointers (task_pointers, WAIT_MS));

  g_object_unref (page);
  scmm_test_destroy_and_check_finalized (window, page);
}

typedef struct
{
  gboolean finished;
  gboolean ok;
  guint    subjects;
  GtkWidget *page;
} CancelWatch;

/* Cancels through the page's Cancel button (win.cancel-run) once the first
 * target subject is done. */
static void
cancel_after_first_subject (ScmmRunTask *task,
                            gpointer     data,
                            gpointer     user_data)
{
  const ScmmRunEvent *ev = data;
  CancelWatch *watch = user_data;

  if (ev->kind == SCMM_RUN_EVENT_SUBJECT && watch->subjects++ == 0)
    g_signal_emit_by_name (child (watch->page, "cancel_button"), "clicked");
}

static void
cancel_watch_finished (ScmmRunTask *task,
                       gboolean     ok,
                       gpointer     user_data)
{
  CancelWatch *watch = user_data;

  watch->finished = TRUE;
  watch->ok = ok;
}

static gboolean
cancel_watch_is_finished (gpointer user_data)
{
  return ((CancelWatch *) user_data)->finished;
}

static void
assert_continues (GtkWidget  *button,
                  const char *dir)
{
  GVariant *target;

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.continue-run");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, dir);
}

/* A run stopped with Cancel, then resumed by a new task: the page shows what
 * the first part did (pre-training curves, the subject done) with the rest. */
static void
test_training_page_cancel_resume (void)
{
  g_autoptr(ScmmExperiment) experiment = tiny_experiment ();
  g_autofree char *dir = g_build_filename (runs_folder, "stopped-run", NULL);
  GtkWidget *page = scmm_training_page_new ();
  CancelWatch first = { .page = page };
  CancelWatch second = { .page = page };
  ScmmRunTask *task;
  GtkWindow *window;
  GtkColumnView *subjects_view;

  g_object_ref_sink (page);
  scmm_training_page_set_runs_folder (SCMM_TRAINING_PAGE (page), runs_folder);
  window = present_page (page);

  task = scmm_run_task_new (experiment, dir);
  g_signal_connect (task, "event", G_CALLBACK (cancel_after_first_subject), &first);
  g_signal_connect (task, "finished", G_CALLBACK (cancel_watch_finished), &first);
  scmm_training_page_set_task (SCMM_TRAINING_PAGE (page), task);
  scmm_run_task_start (task);
  g_assert_true (scmm_test_wait_until (cancel_watch_is_finished, &first, RUN_MS));
  g_assert_false (first.ok);
  g_assert_true (scmm_run_task_get_cancelled (task));
  g_assert_true (g_str_has_prefix (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (child (page, "progress_bar"))),
                                   "Stopped"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (page, "subtitle_label"))), "stopped"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (page, "controls_box"))));
  g_assert_true (g_str_has_suffix (row_label (find_run_row (page, dir), 1), " · stopped"));
  /* It can go on: from the header and from its row (win.continue-run DIR). */
  assert_continues (GTK_WIDGET (child (page, "continue_button")), dir);
  assert_continues (gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (find_run_row (page, dir)))),
                    dir);
  scmm_test_save_page_screenshot (page, "training-page-stopped");
  /* This run takes no snapshots (snapshot_every = 0): the views say how to get them. */
  g_assert_null (scmm_snapshot_view_get_snapshot (snapshot_view_in (page, "similarity_box")));
  gtk_stack_set_visible_child_name (GTK_STACK (child (page, "views_stack")), "similarity");
  g_assert_nonnull (scmm_test_find_label (GTK_WIDGET (snapshot_view_in (page, "similarity_box")), "Snapshot every", FALSE));
  scmm_test_save_page_screenshot (page, "training-page-no-snapshots");
  gtk_stack_set_visible_child_name (GTK_STACK (child (page, "views_stack")), "curves");
  g_object_unref (task);

  /* Resumed: a new task on the same folder. */
  task = scmm_run_task_new (NULL, dir);
  g_signal_connect (task, "finished", G_CALLBACK (cancel_watch_finished), &second);
  scmm_training_page_set_task (SCMM_TRAINING_PAGE (page), task);
  subjects_view = GTK_COLUMN_VIEW (child (page, "subjects_view"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (subjects_view))), ==, 0);
  scmm_run_task_start (task);
  g_assert_true (scmm_test_wait_until (cancel_watch_is_finished, &second, RUN_MS));
  g_assert_true (second.ok);

  /* The subject done before the stop is listed with the one done after; the
   * pre-training curves come from the folder. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (subjects_view))), ==, 2);
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "pretrain_figure_box")), ==, 3);
  g_assert_cmpint (scmm_figure_get_n_lines (figure_in (page, "finetune_figure_box")), ==, 2);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (child (page, "progress_bar"))), ==, 1.0);
  g_assert_nonnull (strstr (row_label (find_run_row (page, dir), 1), "finished"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (page, "continue_button"))));
  g_assert_false (GTK_IS_BUTTON (gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (find_run_row (page, dir))))));

  scmm_training_page_set_task (SCMM_TRAINING_PAGE (page), NULL);
  g_assert_finalize_object (task);

  g_object_unref (page);
  scmm_test_destroy_and_check_finalized (window, page);
}

/* Past runs: newest first, with their status; "running" in a record no task
 * is running is an interrupted run. */
static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static const char *
row_label (GtkWidget *row,
           guint      index)
{
  GtkWidget *line = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *label = gtk_widget_get_first_child (gtk_widget_get_first_child (line));

  for (guint i = 0; i < index; i++)
    label = gtk_widget_get_next_sibling (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

static void
test_training_page_past_runs (void)
{
  g_autofree char *folder = g_build_filename (runs_folder, "listed", NULL);
  g_autofree char *old = g_build_filename (folder, "old", NULL);
  g_autofree char *new = g_build_filename (folder, "new", NULL);
  g_autofree char *killed = g_build_filename (folder, "killed", NULL);
  g_autofree char *not_a_run = g_build_filename (folder, "notes", NULL);
  GtkWidget *page = scmm_training_page_new ();
  GtkWidget *row;
  guint n_rows;

  write_file (old, "config.ini", "[experiment]\nname = Old\nmethod = scmm, supervised\n");
  write_file (old, "record.json", "{\n  \"updated\": \"2024-01-02T03:04:05Z\",\n  \"status\": \"finished\"\n}\n");
  write_file (new, "config.ini", "[experiment]\nmethod = all\n");
  write_file (new, "record.json", "{\n  \"updated\": \"2025-06-07T08:09:10Z\",\n  \"status\": \"failed: the loss diverged\"\n}\n");
  write_file (killed, "config.ini", "[experiment]\n");
  write_file (killed, "record.json", "{\n  \"updated\": \"2024-12-01T00:00:00Z\",\n  \"status\": \"running\"\n}\n");
  write_file (not_a_run, "readme.txt", "not a run\n");

  g_object_ref_sink (page);
  scmm_training_page_set_runs_folder (SCMM_TRAINING_PAGE (page), folder);

  row = gtk_widget_get_first_child (GTK_WIDGET (child (page, "runs_list")));
  g_assert_nonnull (row);
  g_assert_cmpstr (row_label (row, 0), ==, "new");
  g_assert_nonnull (strstr (row_label (row, 1), "2025"));
  g_assert_nonnull (strstr (row_label (row, 1), "failed"));
  g_assert_cmpstr (row_label (row, 2), ==, "all methods");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), "the loss diverged"));

  row = gtk_widget_get_next_sibling (row);
  g_assert_cmpstr (row_label (row, 0), ==, "killed");
  g_assert_nonnull (strstr (row_label (row, 1), "interrupted"));
  g_assert_cmpstr (row_label (row, 2), ==, "scmm");

  row = gtk_widget_get_next_sibling (row);
  g_assert_cmpstr (row_label (row, 0), ==, "old");
  g_assert_nonnull (strstr (row_label (row, 1), "finished"));
  g_assert_cmpstr (row_label (row, 2), ==, "scmm, supervised");

  g_assert_null (gtk_widget_get_next_sibling (row));

  /* A new run folder appears on refresh. */
  write_file (not_a_run, "config.ini", "[experiment]\n");
  scmm_training_page_refresh_runs (SCMM_TRAINING_PAGE (page));
  n_rows = 0;
  for (row = gtk_widget_get_first_child (GTK_WIDGET (child (page, "runs_list"))); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 4);

  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  scmm_test_init_ui (&argc, &argv);

  runs_folder = g_dir_make_tmp ("scmm-training-page-XXXXXX", NULL);
  g_assert_nonnull (runs_folder);

  g_test_add_func ("/training-page/empty", test_training_page_empty);
  g_test_add_func ("/training-page/past-runs", test_training_page_past_runs);
  g_test_add_func ("/training-page/run", test_training_page_run);
  g_test_add_func ("/training-page/cancel-resume", test_training_page_cancel_resume);

  status = g_test_run ();

  scmm_test_remove_tree (runs_folder);
  g_free (runs_folder);
  scmm_test_screenshot_cleanup ();

  return status;
}
