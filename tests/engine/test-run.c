/* test-run.c: runs end to end on the demo corpora: the folder, the results,
 * a run stopped and resumed giving the same numbers as one that was not,
 * snapshots, and the errors that say what to change. */
#include <glib/gstdio.h>
#include <math.h>

#include "scmm-blas.h"
#include "scmm-checkpoint.h"
#include "scmm-error.h"
#include "scmm-experiment.h"
#include "scmm-run.h"
#include "scmm-test-util.h"

/* A small experiment on the demo corpora: quick, and still every stage. */
static ScmmExperiment *
tiny_experiment (void)
{
  ScmmExperiment *e = scmm_experiment_preset ("demo");
  g_assert_nonnull (e);
  e->pretrain_epochs = 2;
  e->pretrain_batch = 64;
  e->finetune_epochs = 3;
  e->finetune_batch = 64;
  e->threads = 2;
  /* three target subjects are enough */
  g_strfreev (e->target.subjects.names);
  e->target.subjects.all = FALSE;
  e->target.subjects.names = g_strsplit ("1,2,3", ",", -1);
  return e;
}

static char *
new_run_dir (const char *name)
{
  static char *base;
  if (base == NULL)
    base = g_dir_make_tmp ("scmm-run-XXXXXX", NULL);
  return g_build_filename (base, name, NULL);
}

static char *
read_text (const char *dir, const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

typedef struct {
  int steps;
  int epochs;
  int subjects;
  int snapshots;
  int cancel_after;         /* steps; 0 = never */
  ScmmRunControl *control;
  double last_fraction;
} Counter;

static void
count_events (const ScmmRunEvent *ev, gpointer user_data)
{
  Counter *c = user_data;
  switch (ev->kind)
    {
    case SCMM_RUN_EVENT_STEP:
      c->steps++;
      g_assert_true (isfinite (ev->loss));
      if (c->cancel_after > 0 && c->steps == c->cancel_after)
        scmm_run_control_cancel (c->control);
      break;
    case SCMM_RUN_EVENT_EPOCH:
      c->epochs++;
      break;
    case SCMM_RUN_EVENT_SUBJECT:
      c->subjects++;
      g_assert_true (ev->accuracy >= 0 && ev->accuracy <= 1);
      break;
    case SCMM_RUN_EVENT_SNAPSHOT:
      c->snapshots++;
      g_assert_nonnull (ev->snapshot);
      g_assert_cmpint (ev->snapshot->n, ==, 2 * ev->snapshot->b);
      g_assert_cmpfloat (ev->snapshot->W[0], ==, 0.0f);   /* the diagonal */
      break;
    default:
      break;
    }
  g_assert_cmpfloat (ev->fraction_done, >=, c->last_fraction - 1e-9);
  c->last_fraction = ev->fraction_done;
}

static void
test_run_demo_end_to_end (void)
{
  g_autoptr (ScmmExperiment) e = tiny_experiment ();
  e->snapshot_every = 10;
  g_autofree char *dir = new_run_dir ("plain");
  Counter c = { 0 };
  GError *error = NULL;
  g_test_timer_start ();
  g_assert_true (scmm_run_experiment (e, dir, count_events, &c, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("tiny demo run: %.1f s, %d steps, %d snapshots", g_test_timer_elapsed (),
                  c.steps, c.snapshots);
  g_assert_cmpint (c.subjects, ==, 3);
  g_assert_cmpint (c.snapshots, >, 0);

  const char *files[] = { "config.ini", "record.json", "results.csv", "results.md",
                          "scmm/pretrain.csv", "scmm/pretrained.h5", "scmm/confusion.csv",
                          "scmm/subjects/1/result.ini", "scmm/subjects/1/finetune.csv",
                          "scmm/subjects/1/model.h5" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_error ("the run folder lacks %s", files[i]);
    }
  g_autofree char *csv = read_text (dir, "scmm/pretrain.csv");
  g_auto (GStrv) lines = g_strsplit (g_strchomp (csv), "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, 3);   /* header + 2 epochs */
  g_autofree char *results = read_text (dir, "results.csv");
  g_assert_nonnull (strstr (results, "scmm,mean,"));
  g_autofree char *record = read_text (dir, "record.json");
  g_assert_nonnull (strstr (record, "\"status\": \"finished\""));
  g_assert_nonnull (strstr (record, "demo:seed seed="));
  /* the fine-tuned model loads, with its classifier */
  g_autofree char *model_path = g_build_filename (dir, "scmm/subjects/2/model.h5", NULL);
  g_autoptr (ScmmModel) model = scmm_checkpoint_load (model_path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (model->classes, ==, 2);
  g_assert_cmpint (model->config.channels, ==, 32);   /* aligned on DEAP's 32 */

  /* a non-empty folder is refused */
  g_assert_false (scmm_run_experiment (e, dir, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "--resume"));
  g_clear_error (&error);
}

/* Stopped in the middle of pre-training, then resumed: the same numbers. */
static void
test_run_resume_is_the_same_run (void)
{
  g_autoptr (ScmmExperiment) e = tiny_experiment ();
  g_autofree char *whole = new_run_dir ("whole");
  g_autofree char *parts = new_run_dir ("parts");
  GError *error = NULL;
  g_assert_true (scmm_run_experiment (e, whole, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_autoptr (ScmmRunControl) control = scmm_run_control_new ();
  Counter c = { .cancel_after = 50, .control = control };
  g_assert_false (scmm_run_experiment (e, parts, count_events, &c, control, &error));
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_CANCELLED);
  g_clear_error (&error);
  g_autofree char *record = read_text (parts, "record.json");
  g_assert_nonnull (strstr (record, "stopped"));
  g_assert_true (scmm_run_resume (parts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_autofree char *a = read_text (whole, "results.csv");
  g_autofree char *b = read_text (parts, "results.csv");
  g_assert_cmpstr (a, ==, b);
  /* pretrain.csv matches except for the timings column */
  g_autofree char *pa = read_text (whole, "scmm/pretrain.csv");
  g_autofree char *pb = read_text (parts, "scmm/pretrain.csv");
  g_auto (GStrv) la = g_strsplit (pa, "\n", -1);
  g_auto (GStrv) lb = g_strsplit (pb, "\n", -1);
  g_assert_cmpint (g_strv_length (la), ==, g_strv_length (lb));
  for (int i = 0; la[i] != NULL; i++)
    {
      char *ca = strrchr (la[i], ','), *cb = strrchr (lb[i], ',');
      if (ca != NULL && cb != NULL)
        *ca = *cb = '\0';
      g_assert_cmpstr (la[i], ==, lb[i]);
    }
  /* a resumed finished run does nothing more and keeps the results */
  g_assert_true (scmm_run_resume (parts, NULL, NULL, NULL, &error));
  g_autofree char *again = read_text (parts, "results.csv");
  g_assert_cmpstr (again, ==, a);
}

static void
test_run_comparison (void)
{
  g_autoptr (ScmmExperiment) e = tiny_experiment ();
  g_free (e->methods);
  e->n_methods = 3;
  e->methods = g_new (ScmmMethod, 3);
  e->methods[0] = SCMM_METHOD_SCMM;
  e->methods[1] = SCMM_METHOD_SUPERVISED;
  e->methods[2] = SCMM_METHOD_NO_AGGREGATOR;
  g_autofree char *dir = new_run_dir ("comparison");
  GError *error = NULL;
  g_assert_true (scmm_run_experiment (e, dir, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *md = read_text (dir, "results.md");
  g_assert_nonnull (strstr (md, "| scmm |"));
  g_assert_nonnull (strstr (md, "| supervised |"));
  g_assert_nonnull (strstr (md, "| no-aggregator |"));
  /* supervised has no pre-training */
  g_autofree char *pre = g_build_filename (dir, "supervised", "pretrained.h5", NULL);
  g_assert_false (g_file_test (pre, G_FILE_TEST_EXISTS));
}

static void
expect_run_error (ScmmExperiment *e, const char *name, const char *fragment)
{
  g_autofree char *dir = new_run_dir (name);
  GError *error = NULL;
  g_assert_false (scmm_run_experiment (e, dir, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", name, error->message);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
  g_clear_error (&error);
  /* what was written stays: the config at least */
  g_autofree char *config = g_build_filename (dir, "config.ini", NULL);
  g_assert_true (g_file_test (config, G_FILE_TEST_EXISTS));
}

static void
test_run_errors_say_what_to_change (void)
{
  g_autoptr (ScmmExperiment) missing = tiny_experiment ();
  g_free (missing->source.corpus);
  missing->source.corpus = g_strdup ("/nowhere/seed.h5");
  expect_run_error (missing, "missing", "[source] corpus = /nowhere/seed.h5");

  /* a target subject whose fine-tuning trials lack a class: demo:deap's
   * trials alternate classes, so trial 1 alone has only one */
  g_autoptr (ScmmExperiment) one_class = tiny_experiment ();
  g_strfreev (one_class->finetune_trials.names);
  one_class->finetune_trials.all = FALSE;
  one_class->finetune_trials.names = g_strsplit ("1", ",", -1);
  expect_run_error (one_class, "one-class", "finetune_trials that cover every class");

  /* a diverging run */
  g_autoptr (ScmmExperiment) diverging = tiny_experiment ();
  diverging->pretrain_lr = 1.0;
  diverging->loss.tau = 0.01f;
  diverging->adam.weight_decay = 0;
  g_autofree char *dir = new_run_dir ("diverging");
  GError *error = NULL;
  gboolean ok = scmm_run_experiment (diverging, dir, NULL, NULL, NULL, &error);
  if (ok)
    g_test_message ("lr 1 did not diverge on this data; the divergence path is tested in "
                    "test-pretrain");
  else
    {
      g_test_message ("diverging: %s", error->message);
      g_assert_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC);
      g_assert_nonnull (strstr (error->message, "learning rate"));
      g_clear_error (&error);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/run/demo-end-to-end", test_run_demo_end_to_end);
  g_test_add_func ("/run/resume-is-the-same-run", test_run_resume_is_the_same_run);
  g_test_add_func ("/run/comparison", test_run_comparison);
  g_test_add_func ("/run/errors-say-what-to-change", test_run_errors_say_what_to_change);
  return g_test_run ();
}
