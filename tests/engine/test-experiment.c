/* test-experiment.c: the experiment .ini: defaults, presets that round-trip
 * exactly, fidelity defaults that explicit keys override, errors that name
 * the file, group and key, the protocols' rules, relative corpus paths and
 * the example configs in docs/examples. */
#include <glib/gstdio.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-experiment.h"

#define EXAMPLES_DIR SCMM_TEST_FIXTURES_DIR "/../../docs/examples"

/* ---- helpers ---- */

static void
assert_selection_equal (const char *what, const ScmmSelection *a, const ScmmSelection *b)
{
  if (a->all != b->all)
    g_error ("%s: all is %d and %d", what, a->all, b->all);
  if (a->all)
    return;
  g_assert_nonnull (a->names);
  g_assert_nonnull (b->names);
  if (!g_strv_equal ((const char *const *) a->names, (const char *const *) b->names))
    {
      g_autofree char *x = g_strjoinv (",", a->names);
      g_autofree char *y = g_strjoinv (",", b->names);
      g_error ("%s: [%s] and [%s]", what, x, y);
    }
}

static void
assert_strv_equal (const char *what, GStrv a, GStrv b)
{
  if (a == NULL || b == NULL)
    {
      if (a != b)
        g_error ("%s: one is NULL", what);
      return;
    }
  if (!g_strv_equal ((const char *const *) a, (const char *const *) b))
    g_error ("%s differ", what);
}

/* Every field. The embedded engine structs hold only 4-byte members, so
 * their bytes compare exactly. */
static void
assert_experiment_equal (const ScmmExperiment *a, const ScmmExperiment *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpint (a->protocol, ==, b->protocol);
  g_assert_cmpint (a->n_methods, ==, b->n_methods);
  g_assert_cmpmem (a->methods, a->n_methods * sizeof (ScmmMethod), b->methods,
                   b->n_methods * sizeof (ScmmMethod));
  g_assert_cmpint (a->released_fidelity, ==, b->released_fidelity);

  g_assert_cmpstr (a->source.corpus, ==, b->source.corpus);
  assert_selection_equal ("source subjects", &a->source.subjects, &b->source.subjects);
  assert_selection_equal ("source sessions", &a->source.sessions, &b->source.sessions);
  g_assert_cmpstr (a->target.corpus, ==, b->target.corpus);
  assert_selection_equal ("target subjects", &a->target.subjects, &b->target.subjects);
  assert_selection_equal ("target sessions", &a->target.sessions, &b->target.sessions);
  assert_selection_equal ("finetune trials", &a->finetune_trials, &b->finetune_trials);
  assert_selection_equal ("test trials", &a->test_trials, &b->test_trials);

  g_assert_cmpint (a->class_mapping, ==, b->class_mapping);
  assert_strv_equal ("class maps", a->class_map, b->class_map);
  g_assert_cmpstr (a->deap_label, ==, b->deap_label);

  g_assert_cmpint (a->pretrain_epochs, ==, b->pretrain_epochs);
  g_assert_cmpint (a->pretrain_batch, ==, b->pretrain_batch);
  g_assert_true (a->pretrain_lr == b->pretrain_lr);
  g_assert_cmpint (a->pretrain_subset, ==, b->pretrain_subset);
  g_assert_cmpint (a->pretrain_subset_size, ==, b->pretrain_subset_size);
  g_assert_cmpmem (&a->mask, sizeof a->mask, &b->mask, sizeof b->mask);
  g_assert_cmpmem (&a->loss, sizeof a->loss, &b->loss, sizeof b->loss);

  g_assert_cmpint (a->finetune_epochs, ==, b->finetune_epochs);
  g_assert_cmpint (a->finetune_batch, ==, b->finetune_batch);
  g_assert_true (a->finetune_lr == b->finetune_lr);
  g_assert_cmpint (a->gradient_accumulation, ==, b->gradient_accumulation);
  g_assert_cmpint (a->model_selection, ==, b->model_selection);
  g_assert_true (a->validation_fraction == b->validation_fraction);
  g_assert_cmpint (a->normalisation, ==, b->normalisation);
  g_assert_cmpmem (&a->adam, sizeof a->adam, &b->adam, sizeof b->adam);

  g_assert_cmpuint (a->seed, ==, b->seed);
  g_assert_cmpint (a->threads, ==, b->threads);
  g_assert_cmpint (a->snapshot_every, ==, b->snapshot_every);
}

/* to_data, then load_data: the same experiment, and the same text again. */
static void
assert_round_trip (const ScmmExperiment *e)
{
  g_autofree char *data = scmm_experiment_to_data (e);
  GError *error = NULL;
  g_autoptr (ScmmExperiment) back = scmm_experiment_load_data (data, "round-trip.ini", &error);
  if (error != NULL)
    g_error ("%s\n%s", error->message, data);
  assert_experiment_equal (e, back);
  g_autofree char *again = scmm_experiment_to_data (back);
  g_assert_cmpstr (data, ==, again);
}

static ScmmExperiment *
load_ok (const char *data)
{
  GError *error = NULL;
  ScmmExperiment *e = scmm_experiment_load_data (data, "test.ini", &error);
  g_assert_no_error (error);
  g_assert_nonnull (e);
  return e;
}

/* Loading fails with INVALID_ARGUMENT and a message holding every fragment. */
static void
assert_error (const char *data, ...)
{
  GError *error = NULL;
  g_autoptr (ScmmExperiment) e = scmm_experiment_load_data (data, "bad.ini", &error);
  if (e != NULL)
    g_error ("loaded, but should not:\n%s", data);
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_prefix (error->message, "bad.ini: "));
  va_list args;
  va_start (args, data);
  for (const char *fragment; (fragment = va_arg (args, const char *)) != NULL;)
    if (strstr (error->message, fragment) == NULL)
      g_error ("“%s” lacks “%s”", error->message, fragment);
  va_end (args);
  g_test_message ("%s", error->message);
  g_error_free (error);
}

static char *
temp_dir (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("scmm-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  if (d != NULL)
    g_dir_close (d);
  g_rmdir (dir);
}

static void
assert_names (const ScmmSelection *selection, const char *joined)
{
  g_assert_false (selection->all);
  g_autofree char *names = g_strjoinv (",", selection->names);
  g_assert_cmpstr (names, ==, joined);
}

/* ---- defaults and presets ---- */

static void
test_experiment_defaults (void)
{
  g_autoptr (ScmmExperiment) e = scmm_experiment_new_default ();
  g_assert_cmpint (e->protocol, ==, SCMM_PROTOCOL_CROSS_CORPUS);
  g_assert_cmpint (e->n_methods, ==, 1);
  g_assert_cmpint (e->methods[0], ==, SCMM_METHOD_SCMM);
  g_assert_false (e->released_fidelity);
  g_assert_cmpstr (e->source.corpus, ==, "demo:seed");
  g_assert_cmpstr (e->target.corpus, ==, "demo:deap");
  g_assert_true (e->source.subjects.all && e->source.sessions.all && e->target.subjects.all);
  assert_names (&e->target.sessions, "1");
  assert_names (&e->finetune_trials, "1,2,3,4,5,6,7,8,9");
  assert_names (&e->test_trials, "10,11,12,13,14,15");
  g_assert_cmpint (e->class_mapping, ==, SCMM_CLASSES_AS_IS);
  g_assert_null (e->class_map);
  g_assert_cmpstr (e->deap_label, ==, "valence");

  /* SCMM-METHOD.md §6, §8: SEED-IV -> SEED */
  g_assert_cmpint (e->pretrain_epochs, ==, 200);
  g_assert_cmpint (e->pretrain_batch, ==, 256);
  g_assert_cmpfloat (e->pretrain_lr, ==, 5e-4);
  g_assert_false (e->pretrain_subset);
  g_assert_cmpint (e->pretrain_subset_size, ==, 2560);
  g_assert_cmpint (e->mask.mode, ==, SCMM_MASK_HYBRID);
  g_assert_cmpfloat (e->mask.ratio, ==, 0.5f);
  g_assert_cmpfloat (e->mask.threshold, ==, 0.1f);
  g_assert_cmpint (e->mask.views, ==, 1);
  g_assert_cmpfloat (e->loss.alpha, ==, 0.5f);
  g_assert_cmpfloat (e->loss.sigma, ==, 0.05f);
  g_assert_cmpfloat (e->loss.tau, ==, 0.5f);
  g_assert_cmpint (e->loss.recon_target, ==, SCMM_RECON_OWN_INPUT);
  g_assert_cmpint (e->finetune_epochs, ==, 50);
  g_assert_cmpint (e->finetune_batch, ==, 128);
  g_assert_cmpfloat (e->finetune_lr, ==, 5e-4);
  g_assert_false (e->gradient_accumulation);
  g_assert_cmpint (e->model_selection, ==, SCMM_SELECT_LAST);
  g_assert_cmpfloat (e->validation_fraction, ==, 0.2);
  g_assert_cmpint (e->normalisation, ==, SCMM_NORMALISE_TRAIN_ONLY);
  g_assert_cmpfloat (e->adam.beta1, ==, 0.9f);
  g_assert_cmpfloat (e->adam.beta2, ==, 0.99f);
  g_assert_cmpfloat (e->adam.eps, ==, 1e-8f);
  g_assert_cmpfloat (e->adam.weight_decay, ==, 3e-4f);
  g_assert_cmpuint (e->seed, ==, 42);
  g_assert_cmpint (e->threads, ==, 0);
  g_assert_cmpint (e->snapshot_every, ==, 0);

  /* an empty file, and one with only empty groups, are the defaults */
  g_autoptr (ScmmExperiment) empty = load_ok ("");
  assert_experiment_equal (e, empty);
  g_autoptr (ScmmExperiment) groups = load_ok ("# nothing set\n[experiment]\n[pretrain]\n");
  assert_experiment_equal (e, groups);
  assert_round_trip (e);
}

static void
test_experiment_presets (void)
{
  const char *const *names = scmm_experiment_preset_names ();
  g_assert_cmpint (g_strv_length ((GStrv) names), ==, 7);
  for (int i = 0; names[i] != NULL; i++)
    {
      g_test_message ("preset %s", names[i]);
      g_autoptr (ScmmExperiment) e = scmm_experiment_preset (names[i]);
      g_assert_nonnull (e);
      assert_round_trip (e);
      /* with released fidelity too */
      e->released_fidelity = TRUE;
      e->pretrain_subset = e->gradient_accumulation = TRUE;
      e->model_selection = SCMM_SELECT_BEST_TEST;
      e->normalisation = SCMM_NORMALISE_PER_SET;
      assert_round_trip (e);
    }
  g_assert_null (scmm_experiment_preset ("seed-to-mars"));
  g_assert_null (scmm_experiment_preset (NULL));
}

/* The four settings of SCMM-METHOD.md §8 and the two single-corpus ones. */
static void
test_experiment_preset_values (void)
{
  static const struct {
    const char *name, *source, *target, *finetune, *test;
    ScmmClassMapping mapping;
    float alpha, sigma, tau;
    int finetune_epochs;
  } rows[] = {
    { "seed-iv-to-seed", "seed-iv.h5", "seed.h5", "1-9", "10-15", SCMM_CLASSES_SAME_CLASS,
      0.5f, 0.05f, 0.5f, 50 },
    { "seed-to-seed-iv", "seed.h5", "seed-iv.h5", "1-16", "17-24", SCMM_CLASSES_SAME_CLASS,
      0.75f, 0.5f, 0.5f, 50 },
    { "deap-to-seed", "deap.h5", "seed.h5", "1-9", "10-15", SCMM_CLASSES_AS_IS,
      0.5f, 0.05f, 0.5f, 50 },
    { "seed-to-deap", "seed.h5", "deap.h5", "1-24", "25-40", SCMM_CLASSES_AS_IS,
      0.5f, 0.2f, 0.05f, 500 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (ScmmExperiment) e = scmm_experiment_preset (rows[i].name);
      g_assert_cmpint (e->protocol, ==, SCMM_PROTOCOL_CROSS_CORPUS);
      g_assert_cmpstr (e->source.corpus, ==, rows[i].source);
      g_assert_cmpstr (e->target.corpus, ==, rows[i].target);
      g_autofree char *ini = g_strdup_printf ("[target]\nfinetune_trials = %s\n"
                                              "test_trials = %s\n", rows[i].finetune,
                                              rows[i].test);
      g_autoptr (ScmmExperiment) expected = load_ok (ini);
      assert_selection_equal ("finetune", &e->finetune_trials, &expected->finetune_trials);
      assert_selection_equal ("test", &e->test_trials, &expected->test_trials);
      g_assert_cmpint (e->class_mapping, ==, rows[i].mapping);
      g_assert_cmpfloat (e->loss.alpha, ==, rows[i].alpha);
      g_assert_cmpfloat (e->loss.sigma, ==, rows[i].sigma);
      g_assert_cmpfloat (e->loss.tau, ==, rows[i].tau);
      g_assert_cmpint (e->finetune_epochs, ==, rows[i].finetune_epochs);
      g_assert_cmpint (e->pretrain_epochs, ==, 200);
      g_assert_false (e->released_fidelity);
    }

  g_autoptr (ScmmExperiment) subject = scmm_experiment_preset ("cross-subject");
  g_assert_cmpint (subject->protocol, ==, SCMM_PROTOCOL_CROSS_SUBJECT);
  g_assert_cmpstr (subject->source.corpus, ==, subject->target.corpus);
  assert_names (&subject->source.subjects, "1,2,3,4,5,6,7,8,9,10");
  assert_names (&subject->target.subjects, "11,12,13,14,15");
  assert_names (&subject->source.sessions, "1");
  assert_names (&subject->target.sessions, "1");
  g_assert_cmpint (g_strv_length (subject->finetune_trials.names), ==, 16);
  g_assert_cmpint (g_strv_length (subject->test_trials.names), ==, 8);
  g_assert_cmpint (subject->model_selection, ==, SCMM_SELECT_LAST);

  g_autoptr (ScmmExperiment) session = scmm_experiment_preset ("cross-session");
  g_assert_cmpint (session->protocol, ==, SCMM_PROTOCOL_CROSS_SESSION);
  assert_names (&session->source.sessions, "1,2");
  assert_names (&session->target.sessions, "3");

  g_autoptr (ScmmExperiment) demo = scmm_experiment_preset ("demo");
  g_assert_cmpstr (demo->source.corpus, ==, "demo:seed");
  g_assert_cmpstr (demo->target.corpus, ==, "demo:deap");
  g_assert_cmpint (demo->pretrain_epochs, <=, 30);
  g_assert_cmpint (demo->finetune_epochs, <=, 60);
  g_assert_cmpint (g_strv_length (demo->finetune_trials.names), ==, 12);
  g_assert_cmpint (g_strv_length (demo->test_trials.names), ==, 8);
}

/* A full config: every key set away from its default. */
static const char full_config[] =
  "[experiment]\n"
  "name = Everything set\n"
  "protocol = cross-corpus\n"
  "method = scmm, supervised, parallel-mask\n"
  "fidelity = released\n"
  "[source]\n"
  "corpus = /data/seed-iv.h5\n"
  "subjects = 1-3, 7, S001R03\n"
  "sessions = 2, 3\n"
  "[target]\n"
  "corpus = demo:seed\n"
  "subjects = 01, 2\n"
  "sessions = all\n"
  "finetune_trials = 1-4\n"
  "test_trials = 5-8, 10\n"
  "[classes]\n"
  "mapping = map\n"
  "map = sad : negative, happy:positive , neutral:neutral\n"
  "deap_label = arousal\n"
  "[pretrain]\n"
  "epochs = 0\n"
  "batch_size = 64\n"
  "learning_rate = 1e-3\n"
  "subset = full\n"
  "subset_size = 1000\n"
  "[mask]\n"
  "mode = channel\n"
  "ratio = 0.25\n"
  "threshold = 1\n"
  "views = 3\n"
  "[loss]\n"
  "alpha = 1\n"
  "sigma = 0.3\n"
  "tau = 0.07\n"
  "recon_target = original\n"
  "[finetune]\n"
  "epochs = 7\n"
  "batch_size = 2\n"
  "learning_rate = 0.1\n"
  "gradient_accumulation = no\n"
  "model_selection = validation\n"
  "validation_fraction = 0.3333333333333333\n"
  "normalisation = none\n"
  "[optimizer]\n"
  "beta1 = 0\n"
  "beta2 = 0.999\n"
  "eps = 1e-6\n"
  "weight_decay = 0\n"
  "[run]\n"
  "seed = 18446744073709551615\n"
  "threads = 2\n"
  "snapshot_every = 25\n";

static void
test_experiment_full_config (void)
{
  g_autoptr (ScmmExperiment) e = load_ok (full_config);
  g_assert_cmpstr (e->name, ==, "Everything set");
  g_assert_cmpint (e->n_methods, ==, 3);
  g_assert_cmpint (e->methods[2], ==, SCMM_METHOD_PARALLEL_MASK);
  g_assert_true (e->released_fidelity);
  assert_names (&e->source.subjects, "1,2,3,7,S001R03");
  assert_names (&e->target.subjects, "1,2");
  g_assert_true (e->target.sessions.all);
  g_assert_cmpint (e->class_mapping, ==, SCMM_CLASSES_MAP);
  g_autofree char *map = g_strjoinv ("|", e->class_map);
  g_assert_cmpstr (map, ==, "sad:negative|happy:positive|neutral:neutral");
  g_assert_cmpstr (e->deap_label, ==, "arousal");
  g_assert_cmpint (e->pretrain_epochs, ==, 0);
  g_assert_false (e->pretrain_subset);   /* explicit, over the released default */
  g_assert_cmpint (e->pretrain_subset_size, ==, 1000);
  g_assert_cmpint (e->mask.mode, ==, SCMM_MASK_CHANNEL);
  g_assert_cmpfloat (e->mask.threshold, ==, 1.0f);
  g_assert_cmpint (e->mask.views, ==, 3);
  g_assert_cmpfloat (e->loss.tau, ==, 0.07f);
  g_assert_cmpint (e->loss.recon_target, ==, SCMM_RECON_ORIGINAL);
  g_assert_false (e->gradient_accumulation);
  g_assert_cmpint (e->model_selection, ==, SCMM_SELECT_VALIDATION);
  g_assert_cmpfloat (e->validation_fraction, ==, 0.3333333333333333);
  g_assert_cmpint (e->normalisation, ==, SCMM_NORMALISE_NONE);
  g_assert_cmpfloat (e->adam.beta1, ==, 0.0f);
  g_assert_cmpfloat (e->adam.eps, ==, 1e-6f);
  g_assert_cmpuint (e->seed, ==, G_MAXUINT64);
  g_assert_cmpint (e->threads, ==, 2);
  g_assert_cmpint (e->snapshot_every, ==, 25);
  assert_round_trip (e);

  /* every setting is written, numbers in their shortest exact form */
  g_autofree char *data = scmm_experiment_to_data (e);
  g_assert_nonnull (strstr (data, "\ntau = 0.07\n"));
  g_assert_nonnull (strstr (data, "\nlearning_rate = 0.001\n"));
  g_assert_nonnull (strstr (data, "\nvalidation_fraction = 0.3333333333333333\n"));
  g_assert_nonnull (strstr (data, "\nsubjects = 1-3, 7, S001R03\n"));
  g_assert_nonnull (strstr (data, "\nsubjects = 1, 2\n"));
  g_assert_nonnull (strstr (data, "\nmap = sad:negative, happy:positive, neutral:neutral\n"));
  g_assert_nonnull (strstr (data, "\n# "));
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  int keys = 0, groups = 0;
  for (int i = 0; lines[i] != NULL; i++)
    {
      keys += lines[i][0] != '#' && lines[i][0] != '[' && strstr (lines[i], " = ") != NULL;
      groups += lines[i][0] == '[';
      if (lines[i][0] == '[')
        g_assert_true (g_str_has_prefix (lines[i - 1], "# "));   /* a comment before each */
    }
  g_assert_cmpint (keys, ==, 42);
  g_assert_cmpint (groups, ==, 10);
}

static void
test_experiment_odd_values_round_trip (void)
{
  g_autoptr (ScmmExperiment) e = load_ok ("[experiment]\nname = \\sleading space, tab\\tand "
                                          "newline\\n\nmethod = all\n"
                                          "[loss]\ntau = 0.1234567\nsigma = 3e-7\n"
                                          "[pretrain]\nlearning_rate = 0.1\n");
  g_assert_cmpstr (e->name, ==, " leading space, tab\tand newline");   /* trailing one dropped */
  g_assert_cmpint (e->n_methods, ==, SCMM_N_METHODS);
  for (int i = 0; i < SCMM_N_METHODS; i++)
    g_assert_cmpint (e->methods[i], ==, i);
  assert_round_trip (e);

  e->pretrain_lr = 1.0 / 3.0;
  e->loss.alpha = 1.0f / 3.0f;
  e->adam.eps = 1.17549435e-38f;   /* FLT_MIN */
  assert_round_trip (e);
}

/* ---- fidelity ---- */

static void
test_experiment_fidelity (void)
{
  g_autoptr (ScmmExperiment) released = load_ok ("[experiment]\nfidelity = released\n");
  g_assert_true (released->released_fidelity);
  g_assert_true (released->pretrain_subset);
  g_assert_cmpint (released->pretrain_subset_size, ==, 2560);
  g_assert_true (released->gradient_accumulation);
  g_assert_cmpint (released->model_selection, ==, SCMM_SELECT_BEST_TEST);
  g_assert_cmpint (released->normalisation, ==, SCMM_NORMALISE_PER_SET);
  assert_round_trip (released);

  g_autoptr (ScmmExperiment) honest = load_ok ("[experiment]\nfidelity = honest\n");
  g_autoptr (ScmmExperiment) defaults = scmm_experiment_new_default ();
  assert_experiment_equal (honest, defaults);

  /* an explicit key wins, whether it comes before or after the fidelity */
  const char *after = "[experiment]\nfidelity = released\n"
                      "[finetune]\nmodel_selection = last\nnormalisation = train-only\n"
                      "[pretrain]\nsubset = full\n";
  const char *before = "[pretrain]\nsubset = full\n"
                       "[finetune]\nnormalisation = train-only\nmodel_selection = last\n"
                       "[experiment]\nfidelity = released\n";
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (ScmmExperiment) e = load_ok (i == 0 ? after : before);
      g_assert_true (e->released_fidelity);
      g_assert_false (e->pretrain_subset);
      g_assert_cmpint (e->model_selection, ==, SCMM_SELECT_LAST);
      g_assert_cmpint (e->normalisation, ==, SCMM_NORMALISE_TRAIN_ONLY);
      g_assert_true (e->gradient_accumulation);   /* not given: the released default */
      assert_round_trip (e);
    }
  g_autoptr (ScmmExperiment) mixed = load_ok ("[finetune]\ngradient_accumulation = true\n"
                                              "[experiment]\nfidelity = honest\n");
  g_assert_true (mixed->gradient_accumulation);
  g_assert_cmpint (mixed->model_selection, ==, SCMM_SELECT_LAST);
}

/* subset = first-N; subset_size follows batch_size (10 batches) unless given. */
static void
test_experiment_subset (void)
{
  g_autoptr (ScmmExperiment) a = load_ok ("[pretrain]\nsubset = first-1000\n");
  g_assert_true (a->pretrain_subset);
  g_assert_cmpint (a->pretrain_subset_size, ==, 1000);
  g_autoptr (ScmmExperiment) b = load_ok ("[pretrain]\nbatch_size = 128\nsubset = first\n");
  g_assert_cmpint (b->pretrain_subset_size, ==, 1280);
  g_autoptr (ScmmExperiment) c = load_ok ("[pretrain]\nbatch_size = 128\nsubset_size = 300\n"
                                          "subset = first-300\n");
  g_assert_cmpint (c->pretrain_subset_size, ==, 300);
  assert_error ("[pretrain]\nsubset_size = 300\nsubset = first-400\n", "[pretrain] subset",
                "first-400", "subset_size = 300", NULL);
  assert_error ("[pretrain]\nsubset = half\n", "[pretrain] subset = half", "full", NULL);
  assert_error ("[pretrain]\nsubset = first-\n", "[pretrain] subset = first-", NULL);
  assert_error ("[pretrain]\nsubset = first-100\n", "[pretrain] subset_size = 100",
                "batch_size = 256", NULL);
  /* no pre-training: a small subset does not matter */
  g_autoptr (ScmmExperiment) d = load_ok ("[pretrain]\nepochs = 0\nsubset = first-100\n");
  g_assert_cmpint (d->pretrain_epochs, ==, 0);
}

/* ---- errors ---- */

static void
test_experiment_unknown_names (void)
{
  assert_error ("[pretrain]\nepoch = 10\n", "[pretrain] unknown key “epoch”",
                "(known: epochs, batch_size, learning_rate, subset, subset_size)", NULL);
  assert_error ("[trainer]\nepochs = 10\n", "unknown group [trainer]",
                "[experiment], [source], [target], [classes], [pretrain], [mask], [loss], "
                "[finetune], [optimizer], [run]", NULL);
  assert_error ("[target]\nfinetune_trials = 1-9\ntrials = 1-3\n", "[target] unknown key "
                "“trials”", "finetune_trials, test_trials", NULL);
  assert_error ("[experiment]\nname[de] = Versuch\n", "unknown key “name[de]”", NULL);
  assert_error ("[run]\nseed = 1\nseed = 2\n", "[run] seed: given twice", NULL);
  /* a group given twice is one group (GKeyFile merges them), a key in both is twice */
  g_autoptr (ScmmExperiment) e = load_ok ("[run]\nseed = 1\n[mask]\nviews = 2\n[run]\n"
                                          "threads = 1\n");
  g_assert_cmpuint (e->seed, ==, 1);
  g_assert_cmpint (e->threads, ==, 1);
  assert_error ("[run]\nseed = 1\n[mask]\n[run]\nseed = 2\n", "[run] seed: given twice", NULL);
}

static void
test_experiment_bad_values (void)
{
  static const struct {
    const char *group, *key, *value, *expected;
  } cases[] = {
    /* types */
    { "pretrain", "epochs", "ten", "not a whole number (must be from 0 to 100000)" },
    { "pretrain", "epochs", "12.5", "not a whole number" },
    { "pretrain", "epochs", "", "not a whole number" },
    { "mask", "views", "two", "not a whole number (must be from 1 to 16)" },
    { "loss", "tau", "half", "not a number (must be > 0)" },
    { "loss", "tau", "0.5.1", "not a number" },
    { "finetune", "gradient_accumulation", "maybe", "must be true or false" },
    { "run", "seed", "-1", "must be a whole number from 0 to 18446744073709551615" },
    { "run", "seed", "18446744073709551616", "must be a whole number" },
    { "run", "threads", "2 # two", "(a comment must be on a line of its own)" },
    /* ranges */
    { "loss", "tau", "-1", "must be > 0" },
    { "loss", "tau", "0", "must be > 0" },
    { "loss", "sigma", "nan", "must be > 0" },
    { "loss", "sigma", "inf", "must be > 0" },
    { "loss", "alpha", "0", "must be in (0, 1]" },
    { "loss", "alpha", "1.5", "must be in (0, 1]" },
    { "mask", "ratio", "1", "must be in [0, 1)" },
    { "mask", "ratio", "0.99999999999", "must be in [0, 1)" },   /* 1 as a float */
    { "mask", "threshold", "1.01", "must be in [0, 1]" },
    { "mask", "views", "17", "must be from 1 to 16" },
    { "mask", "views", "0", "must be from 1 to 16" },
    { "pretrain", "epochs", "-1", "must be from 0 to 100000" },
    { "pretrain", "epochs", "100001", "must be from 0 to 100000" },
    { "finetune", "epochs", "0", "must be from 1 to 100000" },
    { "pretrain", "batch_size", "1", "must be from 2 to 65536" },
    { "finetune", "batch_size", "65537", "must be from 2 to 65536" },
    { "pretrain", "learning_rate", "0", "must be in (0, 1]" },
    { "finetune", "learning_rate", "2", "must be in (0, 1]" },
    { "finetune", "validation_fraction", "1", "must be in (0, 1)" },
    { "finetune", "validation_fraction", "0", "must be in (0, 1)" },
    { "optimizer", "beta1", "1", "must be in [0, 1)" },
    { "optimizer", "beta2", "-0.1", "must be in [0, 1)" },
    { "optimizer", "eps", "0", "must be > 0" },
    { "optimizer", "weight_decay", "-1e-4", "must be >= 0" },
    { "optimizer", "weight_decay", "1e39", "must be >= 0" },   /* infinite as a float */
    { "run", "threads", "1025", "must be from 0 to 1024" },
    { "run", "snapshot_every", "-1", "must be >= 0" },
    { "pretrain", "subset_size", "0", "must be >= 1" },
    /* choices */
    { "experiment", "protocol", "cross-corpora", "must be one of cross-corpus, cross-subject, "
      "cross-session" },
    { "experiment", "fidelity", "faithful", "must be one of honest, released" },
    { "mask", "mode", "element", "must be one of hybrid, random, channel, parallel" },
    { "loss", "recon_target", "input", "must be one of own_input, original" },
    { "finetune", "model_selection", "best", "must be one of last, validation, best-test" },
    { "finetune", "normalisation", "global", "must be one of train-only, per-set, none" },
    { "classes", "mapping", "same", "must be one of as-is, same-class, map" },
    { "classes", "deap_label", "dominance", "must be one of valence, arousal" },
    { "source", "corpus", "demo:seed-iv", "the built-in corpora are demo:seed and demo:deap" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = g_strdup_printf ("[%s]\n%s = %s\n", cases[i].group, cases[i].key,
                                               cases[i].value);
      g_autofree char *named = g_strdup_printf ("[%s] %s = %s: ", cases[i].group, cases[i].key,
                                                cases[i].value);
      assert_error (data, named, cases[i].expected, NULL);
    }
}

static void
test_experiment_methods (void)
{
  assert_error ("[experiment]\nmethod = scm\n", "[experiment] method = scm",
                "unknown method “scm” (known: scmm, supervised, hard-contrastive, "
                "reconstruction-only, no-aggregator, random-mask, channel-mask, parallel-mask, "
                "or all)", NULL);
  assert_error ("[experiment]\nmethod = scmm, scmm\n", "scmm is listed twice", NULL);
  assert_error ("[experiment]\nmethod = scmm, all\n", "all cannot be combined", NULL);
  assert_error ("[experiment]\nmethod =\n", "[experiment] method = : names no method", NULL);
  g_autoptr (ScmmExperiment) e = load_ok ("[experiment]\nmethod = supervised,scmm\n");
  g_assert_cmpint (e->n_methods, ==, 2);
  g_assert_cmpint (e->methods[0], ==, SCMM_METHOD_SUPERVISED);
  g_assert_cmpint (e->methods[1], ==, SCMM_METHOD_SCMM);

  for (int i = 0; i < SCMM_N_METHODS; i++)
    {
      ScmmMethod m;
      g_assert_true (scmm_method_from_string (scmm_method_to_string ((ScmmMethod) i), &m));
      g_assert_cmpint (m, ==, i);
    }
  ScmmMethod m;
  g_assert_false (scmm_method_from_string ("SCMM", &m));
  g_assert_cmpstr (scmm_protocol_to_string (SCMM_PROTOCOL_CROSS_SESSION), ==, "cross-session");
}

static void
test_experiment_selections (void)
{
  g_autoptr (ScmmExperiment) e =
    load_ok ("[source]\nsubjects = 3 - 5,1, S001R03 ,sub 7, 010\nsessions = ALL\n");
  assert_names (&e->source.subjects, "3,4,5,1,S001R03,sub 7,10");
  g_assert_true (e->source.sessions.all);
  g_assert_true (scmm_selection_contains (&e->source.subjects, "4"));
  g_assert_true (scmm_selection_contains (&e->source.subjects, "04"));   /* numbers as numbers */
  g_assert_true (scmm_selection_contains (&e->source.subjects, "10"));
  g_assert_true (scmm_selection_contains (&e->source.subjects, "S001R03"));
  g_assert_false (scmm_selection_contains (&e->source.subjects, "s001r03"));
  g_assert_false (scmm_selection_contains (&e->source.subjects, "2"));
  g_assert_false (scmm_selection_contains (&e->source.subjects, "0"));
  g_assert_true (scmm_selection_contains (&e->source.sessions, "anything"));
  assert_round_trip (e);

  static const struct {
    const char *value, *expected;
  } bad[] = {
    { "10-1", "the range 10-1 runs backwards (write 1-10)" },
    { "1,,2", "an empty item between commas" },
    { "1,", "an empty item" },
    { "", "empty (write all" },
    { "1-", "“1-” is not a range" },
    { "-3", "“-3” is not a range" },
    { "1-2-3", "“1-2-3” is not a range" },
    { "all, 3", "all cannot be combined" },
    { "1, 2, 1", "1 is listed twice" },
    { "1-5, 3", "3 is listed twice" },
    { "1, 01", "1 is listed twice" },
    { "1-200000", "more than 100000 items" },
    { "12345678901", "is larger than 999999999" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *data = g_strdup_printf ("[target]\nsubjects = %s\n", bad[i].value);
      assert_error (data, "[target] subjects = ", bad[i].expected, NULL);
    }
}

static void
test_experiment_trial_overlap (void)
{
  assert_error ("[target]\nfinetune_trials = 1-10\ntest_trials = 10-15\n",
                "[target] finetune_trials = 1-10 and test_trials = 10-15 overlap (trial 10)",
                NULL);
  assert_error ("[target]\nfinetune_trials = all\ntest_trials = 3\n",
                "finetune_trials = all and test_trials = 3 overlap", NULL);
  assert_error ("[target]\nfinetune_trials = all\ntest_trials = all\n",
                "overlap (every trial)", NULL);
  assert_error ("[target]\nfinetune_trials = a, b\ntest_trials = c, b\n", "(trial b)", NULL);
  g_autoptr (ScmmExperiment) e = load_ok ("[target]\nfinetune_trials = 1-3, 7\n"
                                          "test_trials = 4-6, 8\n");
  assert_names (&e->test_trials, "4,5,6,8");
}

static void
test_experiment_class_map (void)
{
  assert_error ("[classes]\nmapping = map\n", "[classes] mapping = map: needs [classes] map",
                NULL);
  assert_error ("[classes]\nmapping = map\nmap = sad negative\n",
                "[classes] map = sad negative: “sad negative” is not a pair", NULL);
  assert_error ("[classes]\nmapping = map\nmap = sad:\n", "lacks a class name", NULL);
  assert_error ("[classes]\nmapping = map\nmap = a:b:c\n", "is not a pair", NULL);
  assert_error ("[classes]\nmapping = map\nmap = sad:negative, SAD:neutral\n",
                "“SAD” is mapped twice", NULL);
  assert_error ("[classes]\nmapping = same-class\nmap = sad:negative\n",
                "[classes] map = sad:negative: only read when mapping = map", NULL);
  /* an empty map is what to_data writes when mapping is not map */
  g_autoptr (ScmmExperiment) e = load_ok ("[classes]\nmapping = same-class\nmap =\n");
  g_assert_null (e->class_map);
  g_autoptr (ScmmExperiment) f = load_ok ("[classes]\nmapping = map\n"
                                          "map = low valence:negative, high valence:positive\n");
  g_assert_cmpstr (f->class_map[0], ==, "low valence:negative");
  assert_round_trip (f);
}

static void
test_experiment_protocols (void)
{
  /* cross-corpus: two corpora */
  assert_error ("[source]\ncorpus = demo:deap\n",
                "[experiment] protocol = cross-corpus, but [source] corpus and [target] corpus "
                "are both demo:deap", NULL);
  assert_error ("[target]\ncorpus =\n", "[target] corpus: empty", NULL);
  assert_error ("[source]\ncorpus =\n", "[source] corpus: empty", NULL);

  /* cross-subject: one corpus, disjoint subject lists */
  const char *subjects = "[experiment]\nprotocol = cross-subject\n"
                         "[source]\ncorpus = seed-iv.h5\nsubjects = 1-10\n"
                         "[target]\nsubjects = 11-15\n";
  g_autoptr (ScmmExperiment) e = load_ok (subjects);
  g_assert_cmpstr (e->target.corpus, ==, "seed-iv.h5");   /* the source's */
  assert_round_trip (e);
  g_autoptr (ScmmExperiment) same = load_ok ("[experiment]\nprotocol = cross-subject\n"
                                             "[source]\ncorpus = a.h5\nsubjects = 1\n"
                                             "[target]\ncorpus = a.h5\nsubjects = 2\n");
  g_assert_cmpstr (same->target.corpus, ==, "a.h5");
  g_autoptr (ScmmExperiment) empty = load_ok ("[experiment]\nprotocol = cross-subject\n"
                                              "[source]\ncorpus = a.h5\nsubjects = 1\n"
                                              "[target]\ncorpus =\nsubjects = 2\n");
  g_assert_cmpstr (empty->target.corpus, ==, "a.h5");
  assert_error ("[experiment]\nprotocol = cross-subject\n"
                "[source]\ncorpus = a.h5\nsubjects = 1\n[target]\ncorpus = b.h5\nsubjects = 2\n",
                "protocol = cross-subject uses one corpus, but [source] corpus = a.h5 and "
                "[target] corpus = b.h5", NULL);
  assert_error ("[experiment]\nprotocol = cross-subject\n",
                "protocol = cross-subject needs [source] subjects and [target] subjects as "
                "lists", NULL);
  assert_error ("[experiment]\nprotocol = cross-subject\n[source]\nsubjects = 1-10\n",
                "needs [source] subjects and [target] subjects", "not all", NULL);
  assert_error ("[experiment]\nprotocol = cross-subject\n"
                "[source]\nsubjects = 1-10\n[target]\nsubjects = 10-15\n",
                "[source] subjects = 1-10 and [target] subjects = 10-15 share 10", NULL);

  /* cross-session: disjoint session lists; subjects may be the same */
  g_autoptr (ScmmExperiment) s = load_ok ("[experiment]\nprotocol = cross-session\n"
                                          "[source]\nsessions = 1, 2\n[target]\nsessions = 3\n");
  g_assert_cmpstr (s->target.corpus, ==, "demo:seed");
  assert_error ("[experiment]\nprotocol = cross-session\n[source]\nsessions = 1\n",
                "[target] sessions = 1 share 1", NULL);
  assert_error ("[experiment]\nprotocol = cross-session\n[target]\nsessions = 2\n",
                "protocol = cross-session needs [source] sessions and [target] sessions", NULL);
}

static void
test_experiment_syntax_and_io (void)
{
  GError *error = NULL;
  g_autoptr (ScmmExperiment) a = scmm_experiment_load_data ("[experiment\nname = x\n",
                                                            "broken.ini", &error);
  g_assert_null (a);
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT);
  g_assert_true (g_str_has_prefix (error->message, "broken.ini: "));
  g_clear_error (&error);

  g_autoptr (ScmmExperiment) b = scmm_experiment_load_data ("name = x\n", "nogroup.ini",
                                                            &error);
  g_assert_null (b);
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT);
  g_clear_error (&error);

  assert_error ("[experiment]\nname = bad \\q escape\n", "[experiment] name", "escape", NULL);

  g_autoptr (ScmmExperiment) c = scmm_experiment_load ("/nonexistent/experiment.ini", &error);
  g_assert_null (c);
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/experiment.ini"));
  g_clear_error (&error);

  g_autoptr (ScmmExperiment) e = scmm_experiment_new_default ();
  g_assert_false (scmm_experiment_save (e, "/nonexistent/dir/out.ini", &error));
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_IO);
  g_clear_error (&error);
}

/* Relative corpus paths are relative to the file's folder; errors name the
 * file as given. */
static void
test_experiment_files (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "SEED-IV to SEED.ini", NULL);
  const char *ini = "[source]\ncorpus = ../stores/seed-iv.h5\n"
                    "[target]\ncorpus = seed.h5\n";
  GError *error = NULL;
  g_assert_true (g_file_set_contents (path, ini, -1, &error));
  g_autoptr (ScmmExperiment) e = scmm_experiment_load (path, &error);
  g_assert_no_error (error);
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *source = g_build_filename (parent, "stores", "seed-iv.h5", NULL);
  g_autofree char *target = g_build_filename (dir, "seed.h5", NULL);
  g_assert_cmpstr (e->source.corpus, ==, source);
  g_assert_cmpstr (e->target.corpus, ==, target);
  g_assert_cmpstr (e->name, ==, "SEED-IV to SEED");   /* the file's name by default */

  /* saved and loaded again from elsewhere: the paths are absolute now */
  g_autofree char *saved = g_build_filename (dir, "config.ini", NULL);
  g_assert_true (scmm_experiment_save (e, saved, &error));
  g_assert_no_error (error);
  g_autoptr (ScmmExperiment) back = scmm_experiment_load (saved, &error);
  g_assert_no_error (error);
  assert_experiment_equal (e, back);

  /* load_data keeps them as given; demo corpora and absolute paths stay */
  g_autoptr (ScmmExperiment) d = load_ok (ini);
  g_assert_cmpstr (d->source.corpus, ==, "../stores/seed-iv.h5");
  g_assert_true (g_file_set_contents (path, "[experiment]\nname = Named\n"
                                      "[source]\ncorpus = /abs/a.h5\n", -1, &error));
  g_autoptr (ScmmExperiment) f = scmm_experiment_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->source.corpus, ==, "/abs/a.h5");
  g_assert_cmpstr (f->target.corpus, ==, "demo:deap");
  g_assert_cmpstr (f->name, ==, "Named");

  /* errors carry the path as given */
  g_assert_true (g_file_set_contents (path, "[loss]\ntau = -1\n", -1, &error));
  g_autoptr (ScmmExperiment) bad = scmm_experiment_load (path, &error);
  g_assert_null (bad);
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT);
  g_autofree char *expected = g_strdup_printf ("%s: [loss] tau = -1: must be > 0", path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  remove_dir (dir);
}

/* docs/examples/<preset>.ini is the preset as written by to_data, byte for
 * byte. SCMM_REGENERATE_EXAMPLES=1 test-experiment writes them anew. */
static void
test_experiment_example_files (void)
{
  const char *const *names = scmm_experiment_preset_names ();
  gboolean regenerate = g_getenv ("SCMM_REGENERATE_EXAMPLES") != NULL;
  for (int i = 0; names[i] != NULL; i++)
    {
      g_autoptr (ScmmExperiment) preset = scmm_experiment_preset (names[i]);
      g_autofree char *expected = scmm_experiment_to_data (preset);
      g_autofree char *file = g_strdup_printf ("%s.ini", names[i]);
      g_autofree char *path = g_build_filename (EXAMPLES_DIR, file, NULL);
      GError *error = NULL;
      if (regenerate)
        {
          g_assert_true (scmm_experiment_save (preset, path, &error));
          g_assert_no_error (error);
        }
      g_autofree char *text = NULL;
      g_assert_true (g_file_get_contents (path, &text, NULL, &error));
      g_assert_no_error (error);
      if (strcmp (text, expected) != 0)
        g_error ("%s is not the preset as written; regenerate the examples with "
                 "SCMM_REGENERATE_EXAMPLES=1 tests/engine/test-experiment", path);
    }
}

/* Every .ini in docs/examples loads; one per preset, equal to it (its corpus
 * paths resolved against the examples' folder). */
static void
test_experiment_examples (void)
{
  GError *error = NULL;
  g_autoptr (GDir) d = g_dir_open (EXAMPLES_DIR, 0, &error);
  g_assert_no_error (error);
  g_autofree char *examples = g_canonicalize_filename (EXAMPLES_DIR, NULL);
  int loaded = 0, presets = 0;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_suffix (name, ".ini"))
        continue;
      g_autofree char *path = g_build_filename (EXAMPLES_DIR, name, NULL);
      g_test_message ("%s", path);
      g_autoptr (ScmmExperiment) e = scmm_experiment_load (path, &error);
      g_assert_no_error (error);
      loaded++;
      g_autofree char *preset_name = g_strndup (name, strlen (name) - strlen (".ini"));
      g_autoptr (ScmmExperiment) preset = scmm_experiment_preset (preset_name);
      if (preset == NULL)
        continue;
      for (int side = 0; side < 2; side++)
        {
          char **corpus = side == 0 ? &preset->source.corpus : &preset->target.corpus;
          if (!g_str_has_prefix (*corpus, "demo:"))
            {
              char *resolved = g_canonicalize_filename (*corpus, examples);
              g_free (*corpus);
              *corpus = resolved;
            }
        }
      assert_experiment_equal (preset, e);
      presets++;
    }
  g_assert_cmpint (presets, ==, (int) g_strv_length ((GStrv) scmm_experiment_preset_names ()));
  g_assert_cmpint (loaded, >=, presets);
}

/* The choice names are the ones the .ini reads and writes. */
static void
test_experiment_choice_names (void)
{
  static const struct {
    const char *key;
    int         n;
  } choices[] = {
    { "model_selection", SCMM_SELECT_BEST_TEST + 1 },
    { "normalisation", SCMM_NORMALISE_NONE + 1 },
    { "mapping", SCMM_CLASSES_MAP + 1 },
  };
  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    for (int v = 0; v < choices[c].n; v++)
      {
        g_autoptr (ScmmExperiment) e = scmm_experiment_new_default ();
        const char *name;
        if (c == 0)
          name = scmm_model_selection_to_string (e->model_selection = (ScmmModelSelection) v);
        else if (c == 1)
          name = scmm_normalisation_to_string (e->normalisation = (ScmmNormalisation) v);
        else
          {
            name = scmm_class_mapping_to_string (e->class_mapping = (ScmmClassMapping) v);
            if (e->class_mapping == SCMM_CLASSES_MAP)
              e->class_map = g_strsplit ("sad:negative", ",", -1);
          }
        g_autofree char *line = g_strdup_printf ("\n%s = %s\n", choices[c].key, name);
        g_autofree char *data = scmm_experiment_to_data (e);
        g_assert_nonnull (strstr (data, line));
        GError *error = NULL;
        g_autoptr (ScmmExperiment) back = scmm_experiment_load_data (data, "t", &error);
        g_assert_no_error (error);
        g_autofree char *again = scmm_experiment_to_data (back);
        g_assert_cmpstr (again, ==, data);
      }
  g_assert_cmpstr (scmm_model_selection_to_string (SCMM_SELECT_VALIDATION), ==, "validation");
  g_assert_cmpstr (scmm_normalisation_to_string (SCMM_NORMALISE_PER_SET), ==, "per-set");
  g_assert_cmpstr (scmm_class_mapping_to_string (SCMM_CLASSES_SAME_CLASS), ==, "same-class");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/experiment/defaults", test_experiment_defaults);
  g_test_add_func ("/experiment/presets", test_experiment_presets);
  g_test_add_func ("/experiment/preset-values", test_experiment_preset_values);
  g_test_add_func ("/experiment/full-config", test_experiment_full_config);
  g_test_add_func ("/experiment/odd-values", test_experiment_odd_values_round_trip);
  g_test_add_func ("/experiment/fidelity", test_experiment_fidelity);
  g_test_add_func ("/experiment/subset", test_experiment_subset);
  g_test_add_func ("/experiment/unknown-names", test_experiment_unknown_names);
  g_test_add_func ("/experiment/bad-values", test_experiment_bad_values);
  g_test_add_func ("/experiment/methods", test_experiment_methods);
  g_test_add_func ("/experiment/selections", test_experiment_selections);
  g_test_add_func ("/experiment/trial-overlap", test_experiment_trial_overlap);
  g_test_add_func ("/experiment/class-map", test_experiment_class_map);
  g_test_add_func ("/experiment/protocols", test_experiment_protocols);
  g_test_add_func ("/experiment/syntax-and-io", test_experiment_syntax_and_io);
  g_test_add_func ("/experiment/files", test_experiment_files);
  g_test_add_func ("/experiment/example-files", test_experiment_example_files);
  g_test_add_func ("/experiment/examples", test_experiment_examples);
  g_test_add_func ("/experiment/choice-names", test_experiment_choice_names);
  return g_test_run ();
}
