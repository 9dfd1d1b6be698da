/* test-experiment-page.c: the Experiment page: presets that fill the form and
 * come back exactly, edits that change the experiment, problems named as the
 * .ini names them, .ini files saved and opened, screenshots, finalization.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "scmm-error.h"
#include "scmm-experiment-page.h"
#include "scmm-test-screenshot.h"

#define WAIT_MS 10000

/* ---- helpers ---- */

static gpointer
child (ScmmExperimentPage *page,
       const char         *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page), SCMM_TYPE_EXPERIMENT_PAGE,
                                                   name);

  g_assert_nonnull (object);
  return object;
}

static ScmmExperimentPage *
new_page (void)
{
  return SCMM_EXPERIMENT_PAGE (g_object_ref_sink (scmm_experiment_page_new ()));
}

/* The experiment the form describes, as the .ini writes it. */
static char *
form_text (ScmmExperimentPage *page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScmmExperiment) experiment = scmm_experiment_page_get_experiment (page, &error);

  g_assert_no_error (error);
  g_assert_nonnull (experiment);
  return scmm_experiment_to_data (experiment);
}

static char *
experiment_text (const ScmmExperiment *experiment)
{
  return scmm_experiment_to_data (experiment);
}

static ScmmExperiment *
experiment_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  ScmmExperiment *experiment = scmm_experiment_load_data (text, "test", &error);

  g_assert_no_error (error);
  return experiment;
}

static void
assert_round_trip (ScmmExperimentPage   *page,
                   const ScmmExperiment *experiment)
{
  g_autofree char *expected = experiment_text (experiment);
  g_autofree char *got = NULL;

  scmm_experiment_page_set_experiment (page, experiment);
  g_assert_true (scmm_experiment_page_get_valid (page));
  got = form_text (page);
  g_assert_cmpstr (got, ==, expected);
}

static char *
page_problem (ScmmExperimentPage *page)
{
  char *problem = NULL;

  g_object_get (page, "problem", &problem, NULL);
  return problem;
}

static gboolean
page_is_valid (ScmmExperimentPage *page)
{
  gboolean valid = FALSE;

  g_object_get (page, "valid", &valid, NULL);
  g_assert_true (valid == scmm_experiment_page_get_valid (page));
  return valid;
}

static void
set_text (ScmmExperimentPage *page,
          const char         *name,
          const char         *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (page, name)), text);
}

static gboolean
banner_shown (gpointer user_data)
{
  ScmmExperimentPage *page = user_data;

  return gtk_info_bar_get_revealed (child (page, "problem_bar"));
}

static gboolean
widget_is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* ---- tests ---- */

static void
test_starts_on_demo (void)
{
  g_autoptr(ScmmExperimentPage) page = new_page ();
  g_autoptr(ScmmExperiment) demo = scmm_experiment_preset ("demo");
  g_autofree char *expected = experiment_text (demo);
  g_autofree char *got = form_text (page);
  g_autofree char *problem = page_problem (page);

  g_assert_cmpstr (got, ==, expected);
  g_assert_true (page_is_valid (page));
  g_assert_null (problem);
  g_assert_false (gtk_info_bar_get_revealed (child (page, "problem_bar")));

  /* Learning rates read as a person writes them. */
  g_assert_cmpstr (gtk_editable_get_text (child (page, "pretrain_lr_entry")), ==, "5e-4");
  g_assert_cmpstr (gtk_editable_get_text (child (page, "eps_entry")), ==, "1e-8");
  g_assert_cmpstr (gtk_editable_get_text (child (page, "seed_entry")), ==, "42");
  g_assert_cmpstr (gtk_editable_get_text (child (page, "source_corpus_entry")), ==, "demo:seed");
  g_assert_cmpstr (gtk_editable_get_text (child (page, "finetune_trials_entry")), ==, "1-12");
}

/* Every preset, from the menu's action and from set_experiment, fills the
 * form and comes back byte for byte. */
static void
test_presets (void)
{
  g_autoptr(ScmmExperimentPage) page = new_page ();
  const char *const *names = scmm_experiment_preset_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(ScmmExperiment) preset = scmm_experiment_preset (names[i]);
      g_autofree char *expected = experiment_text (preset);
      g_autoptr(ScmmExperiment) demo = scmm_experiment_preset ("demo");
      g_autofree char *got = NULL;
      GtkStack *target_corpus = child (page, "target_corpus_stack");

      g_test_message ("preset %s", names[i]);
      scmm_experiment_page_set_experiment (page, demo);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "experiment.preset", "s",
                                                 names[i]));
      got = form_text (page);
      g_assert_cmpstr (got, ==, expected);
      g_assert_true (page_is_valid (page));

      /* One corpus: the target's is the source's, and the form says so. */
      g_assert_cmpstr (gtk_stack_get_visible_child_name (target_corpus), ==,
                       preset->protocol == SCMM_PROTOCOL_CROSS_CORPUS ? "corpus" : "same");

      assert_round_trip (page, preset);

      /* Both fidelities. */
      {
        g_autofree char *released_text = g_strdup_printf ("%s", expected);
        g_autoptr(GString) edited = g_string_new (released_text);
        g_autoptr(ScmmExperiment) released = NULL;

        g_string_replace (edited, "fidelity = honest", "fidelity = released", 1);
        g_string_replace (edited, "gradient_accumulation = false", "gradient_accumulation = true", 1);
        g_string_replace (edited, "model_selection = last", "model_selection = best-test", 1);
        g_string_replace (edited, "normalisation = train-only", "normalisation = per-set", 1);
        g_string_replace (edited, "subset = full", "subset = first", 1);
        released = experiment_from_text (edited->str);
        g_assert_true (released->released_fidelity);
        assert_round_trip (page, released);
      }
    }
}

/* A config with every key away from its default, and values the controls
 * must not round: a spin button's range or digits cannot hold them. */
static void
test_odd_values_round_trip (void)
{
  static const char config[] =
    "[experiment]\n"
    "name = \\s odd: name, with [brackets] #\n"
    "protocol = cross-subject\n"
    "method = parallel-mask, supervised, scmm\n"
    "fidelity = released\n"
    "[source]\n"
    "corpus = /data/some store.h5\n"
    "subjects = 1-10, 12, S003\n"
    "sessions = 1, 2\n"
    "[target]\n"
    "subjects = 13-15\n"
    "sessions = all\n"
    "finetune_trials = 1-7, 9\n"
    "test_trials = 8, 10-15\n"
    "[classes]\n"
    "mapping = map\n"
    "map = sad:negative, happy:positive, low valence:neutral\n"
    "deap_label = arousal\n"
    "[pretrain]\n"
    "epochs = 0\n"
    "batch_size = 3\n"
    "learning_rate = 0.00012\n"
    "subset = first-1000\n"
    "[mask]\n"
    "mode = parallel\n"
    "ratio = 0.995\n"
    "threshold = 1\n"
    "views = 16\n"
    "[loss]\n"
    "alpha = 0.125\n"
    "sigma = 0.0001\n"
    "tau = 2000\n"
    "recon_target = original\n"
    "[finetune]\n"
    "epochs = 100000\n"
    "batch_size = 65536\n"
    "learning_rate = 1\n"
    "gradient_accumulation = false\n"
    "model_selection = validation\n"
    "validation_fraction = 0.3333333333333333\n"
    "normalisation = none\n"
    "[optimizer]\n"
    "beta1 = 0\n"
    "beta2 = 0.9999\n"
    "eps = 1e-7\n"
    "weight_decay = 0\n"
    "[run]\n"
    "seed = 18446744073709551615\n"
    "threads = 1024\n"
    "snapshot_every = 2147483647\n";
  g_autoptr(ScmmExperimentPage) page = new_page ();
  g_autoptr(ScmmExperiment) odd = experiment_from_text (config);

  assert_round_trip (page, odd);
  g_assert_true (gtk_widget_get_visible (child (page, "map_row")));
  g_assert_true (gtk_widget_get_visible (child (page, "validation_fraction_row")));
  g_assert_true (gtk_widget_get_visible (child (page, "subset_size_row")));

  /* The method order is the file's. */
  {
    g_autoptr(ScmmExperiment) back = scmm_experiment_page_get_experiment (page, NULL);

    g_assert_cmpint (back->n_methods, ==, 3);
    g_assert_cmpint (back->methods[0], ==, SCMM_METHOD_PARALLEL_MASK);
    g_assert_cmpint (back->methods[1], ==, SCMM_METHOD_SUPERVISED);
    g_assert_cmpint (back->methods[2], ==, SCMM_METHOD_SCMM);
  }

  /* And back to a preset: nothing of the odd values stays. */
  {
    g_autoptr(ScmmExperiment) preset = scmm_experiment_preset ("seed-iv-to-seed");

    assert_round_trip (page, preset);
    g_assert_false (gtk_widget_get_visible (child (page, "map_row")));
    g_assert_false (gtk_widget_get_visible (child (page, "validation_fraction_row")));
    g_assert_false (gtk_widget_get_visible (child (page, "subset_size_row")));
  }
}

static void
test_edits (void)
{
  g_autoptr(ScmmExperimentPage) page = new_page ();
  g_autoptr(ScmmExperiment) experiment = NULL;
  GtkCheckButton *supervised = NULL;
  GtkWidget *check;

  gtk_spin_button_set_value (child (page, "tau_spin"), 0.25);
  gtk_spin_button_set_value (child (page, "pretrain_epochs_spin"), 7);
  set_text (page, "name_entry", "My run");
  set_text (page, "pretrain_lr_entry", "1e-3");
  set_text (page, "target_subjects_entry", "1-3, 5");
  set_text (page, "seed_entry", "7");
  gtk_drop_down_set_selected (child (page, "recon_target_dropdown"), 1);
  gtk_switch_set_active (child (page, "gradient_accumulation_switch"), TRUE);

  /* Tick "supervised": the methods are compared in the order ticked. */
  for (check = gtk_widget_get_first_child (child (page, "methods_grid")); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    if (g_str_has_suffix (gtk_widget_get_tooltip_text (check), "(supervised)"))
      supervised = GTK_CHECK_BUTTON (check);
  g_assert_nonnull (supervised);
  gtk_check_button_set_active (supervised, TRUE);

  /* A number typed but not committed counts already. */
  gtk_editable_set_text (child (page, "sigma_spin"), "0.125");

  experiment = scmm_experiment_page_get_experiment (page, NULL);
  g_assert_nonnull (experiment);
  g_assert_cmpfloat (experiment->loss.tau, ==, 0.25f);
  g_assert_cmpfloat (experiment->loss.sigma, ==, 0.125f);
  g_assert_cmpint (experiment->pretrain_epochs, ==, 7);
  g_assert_cmpstr (experiment->name, ==, "My run");
  g_assert_cmpfloat (experiment->pretrain_lr, ==, 1e-3);
  g_assert_cmpuint (experiment->seed, ==, 7);
  g_assert_cmpint (experiment->loss.recon_target, ==, SCMM_RECON_ORIGINAL);
  g_assert_true (experiment->gradient_accumulation);
  g_assert_false (experiment->target.subjects.all);
  g_assert_true (scmm_selection_contains (&experiment->target.subjects, "5"));
  g_assert_false (scmm_selection_contains (&experiment->target.subjects, "4"));
  g_assert_cmpint (experiment->n_methods, ==, 2);
  g_assert_cmpint (experiment->methods[0], ==, SCMM_METHOD_SCMM);
  g_assert_cmpint (experiment->methods[1], ==, SCMM_METHOD_SUPERVISED);
  g_clear_pointer (&experiment, scmm_experiment_free);

  /* No method at all is a problem of [experiment] method. */
  for (check = gtk_widget_get_first_child (child (page, "methods_grid")); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_false (page_is_valid (page));
  {
    g_autofree char *problem = page_problem (page);
    g_assert_true (g_str_has_prefix (problem, "[experiment] method"));
  }
  gtk_check_button_set_active (supervised, TRUE);
  g_assert_true (page_is_valid (page));

  /* The built-in corpora from the corpus menu's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "experiment.target-corpus", "s",
                                             "demo:seed"));
  g_assert_cmpstr (gtk_editable_get_text (child (page, "target_corpus_entry")), ==, "demo:seed");
  g_assert_false (page_is_valid (page));   /* cross-corpus from demo:seed to demo:seed */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "experiment.source-corpus", "s",
                                             "demo:deap"));
  g_assert_true (page_is_valid (page));
  experiment = scmm_experiment_page_get_experiment (page, NULL);
  g_assert_cmpstr (experiment->source.corpus, ==, "demo:deap");
  g_assert_cmpstr (experiment->target.corpus, ==, "demo:seed");
}

/* Fields that depend on others, and the fidelity's four settings. */
static void
test_dependent_fields (void)
{
  g_autoptr(ScmmExperimentPage) page = new_page ();
  g_autoptr(ScmmExperiment) experiment = NULL;
  g_autofree char *problem = NULL;

  g_assert_false (gtk_widget_get_visible (child (page, "map_row")));
  gtk_drop_down_set_selected (child (page, "mapping_dropdown"), SCMM_CLASSES_MAP);
  g_assert_true (gtk_widget_get_visible (child (page, "map_row")));
  g_assert_false (page_is_valid (page));
  problem = page_problem (page);
  g_assert_true (g_str_has_prefix (problem, "[classes] mapping = map: needs [classes] map"));
  /* A choice shows its problem at once, and marks the keys it names. */
  g_assert_true (banner_shown (page));
  g_assert_true (gtk_widget_has_css_class (child (page, "map_entry"), "error"));
  set_text (page, "map_entry", "neutral:negative, positive:positive");
  g_assert_true (page_is_valid (page));
  g_assert_false (gtk_widget_has_css_class (child (page, "map_entry"), "error"));
  g_assert_false (banner_shown (page));

  /* Back to as-is: the hidden map is not read (and keeps its text). */
  gtk_drop_down_set_selected (child (page, "mapping_dropdown"), SCMM_CLASSES_AS_IS);
  g_assert_true (page_is_valid (page));
  g_assert_false (gtk_widget_get_visible (child (page, "map_row")));
  g_assert_cmpstr (gtk_editable_get_text (child (page, "map_entry")), ==,
                   "neutral:negative, positive:positive");

  gtk_drop_down_set_selected (child (page, "model_selection_dropdown"), SCMM_SELECT_VALIDATION);
  g_assert_true (gtk_widget_get_visible (child (page, "validation_fraction_row")));
  gtk_drop_down_set_selected (child (page, "subset_dropdown"), 1);
  g_assert_true (gtk_widget_get_visible (child (page, "subset_size_row")));

  /* Released: the four settings follow the fidelity. */
  gtk_drop_down_set_selected (child (page, "fidelity_dropdown"), 1);
  experiment = scmm_experiment_page_get_experiment (page, NULL);
  g_assert_true (experiment->released_fidelity);
  g_assert_true (experiment->gradient_accumulation);
  g_assert_cmpint (experiment->model_selection, ==, SCMM_SELECT_BEST_TEST);
  g_assert_true (experiment->pretrain_subset);
  g_assert_cmpint (experiment->normalisation, ==, SCMM_NORMALISE_PER_SET);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (child (page, "fidelity_description")),
                                   "As released"));
  g_clear_pointer (&experiment, scmm_experiment_free);

  gtk_drop_down_set_selected (child (page, "fidelity_dropdown"), 0);
  experiment = scmm_experiment_page_get_experiment (page, NULL);
  g_assert_false (experiment->released_fidelity);
  g_assert_false (experiment->gradient_accumulation);
  g_assert_cmpint (experiment->model_selection, ==, SCMM_SELECT_LAST);
  g_assert_false (experiment->pretrain_subset);
  g_assert_cmpint (experiment->normalisation, ==, SCMM_NORMALISE_TRAIN_ONLY);
  g_clear_pointer (&experiment, scmm_experiment_free);

  /* Within one corpus the target's corpus is the source's. */
  gtk_drop_down_set_selected (child (page, "protocol_dropdown"), SCMM_PROTOCOL_CROSS_SESSION);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "target_corpus_stack")), ==,
                   "same");
  g_clear_pointer (&problem, g_free);
  problem = page_problem (page);
  g_assert_nonnull (strstr (problem, "[source] sessions and [target] sessions"));
  g_assert_true (gtk_widget_has_css_class (child (page, "source_sessions_entry"), "error"));
  g_assert_true (gtk_widget_has_css_class (child (page, "target_sessions_entry"), "error"));
  g_assert_false (gtk_widget_has_css_class (child (page, "target_corpus_entry"), "error"));
  set_text (page, "source_sessions_entry", "1, 2");
  set_text (page, "target_sessions_entry", "3");
  g_assert_true (page_is_valid (page));
  experiment = scmm_experiment_page_get_experiment (page, NULL);
  g_assert_cmpint (experiment->protocol, ==, SCMM_PROTOCOL_CROSS_SESSION);
  g_assert_cmpstr (experiment->target.corpus, ==, experiment->source.corpus);
}

static void
test_problems (void)
{
  g_autoptr(ScmmExperimentPage) page = new_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ScmmExperiment) experiment = NULL;
  g_autofree char *problem = NULL;
  guint valid_notifications = 0;
  guint problem_notifications = 0;
  GtkWidget *subjects = child (page, "target_subjects_entry");

  g_signal_connect (page, "notify::valid", G_CALLBACK (count_notify), &valid_notifications);
  g_signal_connect (page, "notify::problem", G_CALLBACK (count_notify), &problem_notifications);

  /* A range that runs backwards. */
  set_text (page, "target_subjects_entry", "10-1");
  g_assert_false (page_is_valid (page));
  g_assert_cmpuint (valid_notifications, ==, 1);
  g_assert_cmpuint (problem_notifications, >=, 1);   /* set_text: a delete, then an insert */
  problem = page_problem (page);
  g_assert_cmpstr (problem, ==,
                   "[target] subjects = 10-1: the range 10-1 runs backwards (write 1-10)");
  experiment = scmm_experiment_page_get_experiment (page, &error);
  g_assert_null (experiment);
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, problem);
  g_clear_error (&error);

  /* Typed text shows its problem once the typing pauses. */
  g_assert_true (scmm_test_wait_until (banner_shown, page, WAIT_MS));
  g_assert_cmpstr (gtk_label_get_text (child (page, "problem_label")), ==, problem);
  g_assert_true (gtk_widget_has_css_class (subjects, "error"));
  g_assert_true (gtk_widget_get_visible (child (page, "show_problem_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "experiment.show-problem", NULL));

  /* Fixed: valid again at once. */
  set_text (page, "target_subjects_entry", "1-10");
  g_assert_true (page_is_valid (page));
  g_assert_cmpuint (valid_notifications, ==, 2);
  g_clear_pointer (&problem, g_free);
  problem = page_problem (page);
  g_assert_null (problem);
  g_assert_false (gtk_widget_has_css_class (subjects, "error"));
  g_assert_false (banner_shown (page));

  /* Trials in both sets: both keys are marked. */
  set_text (page, "finetune_trials_entry", "1-13");
  g_assert_false (page_is_valid (page));
  problem = page_problem (page);
  g_assert_true (g_str_has_prefix (problem, "[target] finetune_trials = 1-13 and test_trials = 13-20 overlap"));
  g_assert_true (scmm_test_wait_until (banner_shown, page, WAIT_MS));
  g_assert_true (gtk_widget_has_css_class (child (page, "finetune_trials_entry"), "error"));
  g_assert_true (gtk_widget_has_css_class (child (page, "test_trials_entry"), "error"));
  set_text (page, "test_trials_entry", "14-20");
  g_assert_true (page_is_valid (page));
  g_assert_false (gtk_widget_has_css_class (child (page, "finetune_trials_entry"), "error"));

  /* A spin button's text is checked before it is committed. */
  gtk_editable_set_text (child (page, "tau_spin"), "0");
  g_assert_false (page_is_valid (page));
  g_clear_pointer (&problem, g_free);
  problem = page_problem (page);
  g_assert_cmpstr (problem, ==, "[loss] tau = 0: must be > 0");
  gtk_editable_set_text (child (page, "tau_spin"), "0.05");
  g_assert_true (page_is_valid (page));

  /* A learning rate that is not a number. */
  set_text (page, "finetune_lr_entry", "fast");
  g_clear_pointer (&problem, g_free);
  problem = page_problem (page);
  g_assert_cmpstr (problem, ==, "[finetune] learning_rate = fast: not a number (must be in (0, 1])");
  set_text (page, "finetune_lr_entry", "5e-4");
  g_assert_true (page_is_valid (page));
}

static void
test_files (void)
{
  g_autoptr(ScmmExperimentPage) page = new_page ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scmm-experiment-page-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "run.ini", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.ini", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *loaded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);

  gtk_spin_button_set_value (child (page, "alpha_spin"), 0.75);
  set_text (page, "name_entry", "Saved and loaded");
  set_text (page, "source_subjects_entry", "1-5, 7");
  saved = form_text (page);
  g_assert_true (scmm_experiment_page_save_file (page, path, &error));
  g_assert_no_error (error);

  /* Another experiment in the form, then the file again. */
  gtk_widget_activate_action (GTK_WIDGET (page), "experiment.preset", "s", "cross-session");
  g_assert_true (scmm_experiment_page_load_file (page, path, &error));
  g_assert_no_error (error);
  loaded = form_text (page);
  g_assert_cmpstr (loaded, ==, saved);

  /* A file that is not there: the form stays as it is. */
  before = form_text (page);
  g_assert_false (scmm_experiment_page_load_file (page, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  after = form_text (page);
  g_assert_cmpstr (after, ==, before);

  /* An invalid form is not saved. */
  set_text (page, "test_trials_entry", "1-");
  g_assert_false (scmm_experiment_page_save_file (page, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "[target] test_trials = 1-"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  guint   count;
  GError *error;
} ErrorCatch;

static void
catch_error (ScmmExperimentPage *page,
             const GError       *error,
             gpointer            user_data)
{
  ErrorCatch *caught = user_data;

  caught->count++;
  g_clear_error (&caught->error);
  caught->error = g_error_copy (error);
}


static gboolean
file_exists (gpointer user_data)
{
  return g_file_test (user_data, G_FILE_TEST_EXISTS);
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *file;
} ChooserWait;

static gboolean
chooser_has_file (gpointer user_data)
{
  ChooserWait *wait = user_data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (wait->chooser);

  return file != NULL && g_file_equal (file, wait->file);
}

/* Picks the file in the chooser the page shows (GtkFileChooserNative falls
 * back to a GtkFileChooserDialog without a portal) and accepts it. The
 * chooser selects the file once it has read its folder. */
static void
choose_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChooserWait wait = { NULL, file };

  g_assert_true (scmm_test_wait_until (scmm_test_file_chooser_shown, NULL, WAIT_MS));
  wait.chooser = scmm_test_find_file_chooser ();
  /* Saving, the name is what the chooser's entry holds: the whole path, as
   * a person may type it. */
  if (gtk_file_chooser_get_action (wait.chooser) == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (wait.chooser, path);
  else
    g_assert_true (gtk_file_chooser_set_file (wait.chooser, file, NULL));
  g_assert_true (scmm_test_wait_until (chooser_has_file, &wait, WAIT_MS));
  gtk_dialog_response (GTK_DIALOG (wait.chooser), GTK_RESPONSE_ACCEPT);
}

/* The page in a window with a header bar, as in the application. */
static GtkWindow *
present_page (ScmmExperimentPage *page,
              int                 width,
              int                 height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *header_bar = gtk_header_bar_new ();

  gtk_header_bar_set_title_widget (GTK_HEADER_BAR (header_bar), gtk_label_new ("Experiment"));
  gtk_window_set_titlebar (window, header_bar);
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  g_assert_true (scmm_test_wait_until (widget_is_mapped, page, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (page), 3, WAIT_MS));
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

/* Open… with a broken file: the page says so with "error", naming the file,
 * and the form keeps what it had. Then Open… with a good one, Save… to a new
 * file, and "…" for a corpus store. */
static void
test_choosers (void)
{
  g_autoptr(ScmmExperimentPage) page = new_page ();
  GtkWindow *window = present_page (page, 900, 700);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scmm-experiment-page-XXXXXX", &error);
  g_autofree char *broken = g_build_filename (dir, "broken.ini", NULL);
  g_autofree char *good = g_build_filename (dir, "good.ini", NULL);
  g_autofree char *saved = g_build_filename (dir, "saved.ini", NULL);
  g_autofree char *store = g_build_filename (dir, "store.h5", NULL);
  g_autofree char *form = NULL;
  g_autofree char *before = form_text (page);
  g_autofree char *after = NULL;
  g_autoptr(ScmmExperiment) preset = scmm_experiment_preset ("cross-subject");
  ErrorCatch caught = { 0 };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (broken, "[pretrain]\nepoch = 3\n", -1, &error));
  g_assert_true (scmm_experiment_save (preset, good, &error));
  g_assert_no_error (error);
  g_signal_connect (page, "error", G_CALLBACK (catch_error), &caught);

  scmm_experiment_page_choose_open (page, window);
  choose_file (broken);

  g_assert_cmpuint (caught.count, ==, 1);
  g_assert_nonnull (strstr (caught.error->message, broken));
  g_assert_nonnull (strstr (caught.error->message, "[pretrain] unknown key “epoch”"));
  after = form_text (page);
  g_assert_cmpstr (after, ==, before);

  /* The Open… button's action, and a good file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "experiment.open", NULL));
  choose_file (good);
  g_assert_cmpuint (caught.count, ==, 1);
  g_clear_pointer (&after, g_free);
  {
    g_autoptr(ScmmExperiment) back = scmm_experiment_page_get_experiment (page, NULL);

    g_assert_cmpint (back->protocol, ==, SCMM_PROTOCOL_CROSS_SUBJECT);
    g_assert_true (g_str_has_suffix (back->source.corpus, "/seed-iv.h5"));
  }

  /* Save… */
  gtk_spin_button_set_value (child (page, "sigma_spin"), 0.3);
  form = form_text (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "experiment.save", NULL));
  choose_file (saved);
  /* The chooser checks the folder before it answers. */
  g_assert_true (scmm_test_wait_until (file_exists, saved, WAIT_MS));
  g_assert_cmpuint (caught.count, ==, 1);
  {
    g_autoptr(ScmmExperiment) back = scmm_experiment_load (saved, &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    text = experiment_text (back);
    g_assert_cmpstr (text, ==, form);
  }

  /* "…" for the target's corpus: a cross-corpus preset first. */
  gtk_widget_activate_action (GTK_WIDGET (page), "experiment.preset", "s", "demo");
  g_assert_true (g_file_set_contents (store, "", 0, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "experiment.choose-corpus", "s",
                                             "target"));
  choose_file (store);
  g_assert_cmpstr (gtk_editable_get_text (child (page, "target_corpus_entry")), ==, store);
  g_assert_true (page_is_valid (page));

  g_clear_error (&caught.error);
  g_signal_handlers_disconnect_by_func (page, catch_error, &caught);
  destroy_window (window);
  g_unlink (broken);
  g_unlink (good);
  g_unlink (saved);
  g_unlink (store);
  g_rmdir (dir);
}

static void
assert_plausible_screenshot (GdkTexture *texture,
                             GtkWidget  *widget)
{
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (widget));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, gtk_widget_get_height (widget));
  /* Text, frames, controls: far more than a blank page's few colours. */
  g_assert_cmpuint (scmm_test_count_colours (texture, 64), >=, 32);
}

/* The page's window: the page draws no background of its own. */
static void
screenshot (ScmmExperimentPage *page,
            const char         *name)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page)));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (page), 3, WAIT_MS));
  texture = scmm_test_screenshot (window);
  assert_plausible_screenshot (texture, window);
  path = scmm_test_save_screenshot (texture, name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Scrolls the form so that the row of a control is at the top. */
static void
scroll_to (ScmmExperimentPage *page,
           const char         *name)
{
  GtkWidget *row = gtk_widget_get_ancestor (child (page, name), GTK_TYPE_LIST_BOX_ROW);
  GtkAdjustment *vadjustment =
    gtk_scrolled_window_get_vadjustment (child (page, "scrolled_window"));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (row, child (page, "form_box"), &bounds));
  gtk_adjustment_set_value (vadjustment, bounds.origin.y - 60);
}

static void
test_screenshots (void)
{
  g_autoptr(ScmmExperimentPage) page = new_page ();
  GtkWindow *window = present_page (page, 1000, 800);
  GtkAdjustment *vadjustment =
    gtk_scrolled_window_get_vadjustment (child (page, "scrolled_window"));

  /* The demo, at the top. */
  screenshot (page, "experiment-page");

  /* Half-way down: masking, loss, fine-tuning. */
  gtk_adjustment_set_value (vadjustment, (gtk_adjustment_get_upper (vadjustment)
                                          - gtk_adjustment_get_page_size (vadjustment)) / 2);
  screenshot (page, "experiment-page-middle");

  /* A problem: the banner, and the key it names marked. */
  gtk_adjustment_set_value (vadjustment, 0);
  g_assert_true (gtk_widget_is_sensitive (child (page, "save_button")));
  set_text (page, "target_subjects_entry", "10-1");
  /* Save… needs a valid form. */
  g_assert_false (gtk_widget_is_sensitive (child (page, "save_button")));
  g_assert_true (scmm_test_wait_until (banner_shown, page, WAIT_MS));
  screenshot (page, "experiment-page-invalid");

  /* Show goes to it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "experiment.show-problem", NULL));
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (page), 3, WAIT_MS));
  {
    GtkWidget *focus = gtk_window_get_focus (window);

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, child (page, "target_subjects_entry")));
  }
  screenshot (page, "experiment-page-invalid-shown");

  /* The end of the form. */
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  screenshot (page, "experiment-page-bottom");

  /* Within one corpus, with a class map: from the target's corpus down. */
  gtk_widget_activate_action (GTK_WIDGET (page), "experiment.preset", "s", "cross-subject");
  gtk_drop_down_set_selected (child (page, "mapping_dropdown"), SCMM_CLASSES_MAP);
  set_text (page, "map_entry", "sad:negative, happy:positive, neutral:neutral, fear:fear");
  g_assert_true (page_is_valid (page));
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (page), 3, WAIT_MS));
  scroll_to (page, "target_corpus_stack");
  screenshot (page, "experiment-page-cross-subject");

  /* Released fidelity, validation selection, a pre-training subset. */
  gtk_drop_down_set_selected (child (page, "fidelity_dropdown"), 1);
  gtk_drop_down_set_selected (child (page, "model_selection_dropdown"), SCMM_SELECT_VALIDATION);
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (page), 3, WAIT_MS));
  scroll_to (page, "finetune_epochs_spin");
  screenshot (page, "experiment-page-released");

  destroy_window (window);
}

static void
test_finalize (void)
{
  ScmmExperimentPage *page = SCMM_EXPERIMENT_PAGE (scmm_experiment_page_new ());
  GtkWindow *window;

  g_object_ref (page);
  window = present_page (page, 800, 600);
  /* A chooser still open goes with the page. */
  scmm_experiment_page_choose_save (page, window);
  g_assert_true (scmm_test_wait_until (scmm_test_file_chooser_shown, NULL, WAIT_MS));
  set_text (page, "test_trials_entry", "x-");   /* a problem waiting to be shown */
  destroy_window (window);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  scmm_test_park_pointer ();
  /* The banner slides in; tests look at it at once. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/experiment-page/starts-on-demo", test_starts_on_demo);
  g_test_add_func ("/experiment-page/presets", test_presets);
  g_test_add_func ("/experiment-page/odd-values", test_odd_values_round_trip);
  g_test_add_func ("/experiment-page/edits", test_edits);
  g_test_add_func ("/experiment-page/dependent-fields", test_dependent_fields);
  g_test_add_func ("/experiment-page/problems", test_problems);
  g_test_add_func ("/experiment-page/files", test_files);
  g_test_add_func ("/experiment-page/choosers", test_choosers);
  g_test_add_func ("/experiment-page/screenshots", test_screenshots);
  g_test_add_func ("/experiment-page/finalize", test_finalize);

  status = g_test_run ();
  scmm_test_screenshot_cleanup ();
  return status;
}
