/* test-embedding-windows.c: the balanced, reproducible choice of source and
 * target windows for the embedding map: shares per class, small classes,
 * the copied rows, the seed, the demo experiment and the errors. */
#include <string.h>

#include "scmm-embedding-windows.h"
#include "scmm-error.h"
#include "scmm-experiment-data.h"
#include "scmm-test-util.h"

#define CHANNELS 2
#define BANDS    3

/* Appends `windows` windows of class `label` whose first value is
 * base + their index in the set, so a copied row tells where it came from. */
static void
append_marked (ScmmSamples *s, int windows, int label, float base)
{
  for (int w = 0; w < windows; w++)
    {
      float row[CHANNELS * BANDS] = { 0 };
      row[0] = base + (float) s->n;
      row[1] = (float) label;
      scmm_samples_append (s, row, 1, label);
    }
}

/* Experiment data by hand: a source of 3 "a", 50 "b" and 10 unlabelled
 * windows; one target subject with 40 "a" and 40 "b" (fine-tuning 20 + 20,
 * test 20 + 20). Free it with free_data. */
static ScmmExperimentData *
hand_made_data (void)
{
  ScmmExperimentData *d = g_new0 (ScmmExperimentData, 1);
  const char *classes[] = { "a", "b", NULL };
  d->class_names = g_strdupv ((char **) classes);
  d->n_classes = 2;
  d->n_channels = CHANNELS;
  d->bands = BANDS;
  d->source_name = g_strdup ("Source");
  d->target_name = g_strdup ("Target");
  d->pretrain = scmm_samples_new (CHANNELS, BANDS);
  append_marked (d->pretrain, 10, -1, 0.0f);
  append_marked (d->pretrain, 50, 1, 0.0f);
  append_marked (d->pretrain, 3, 0, 0.0f);
  ScmmTargetSubject *t = g_new0 (ScmmTargetSubject, 1);
  t->name = g_strdup ("1");
  t->finetune = scmm_samples_new (CHANNELS, BANDS);
  append_marked (t->finetune, 20, 0, 1000.0f);
  append_marked (t->finetune, 20, 1, 1000.0f);
  t->test = scmm_samples_new (CHANNELS, BANDS);
  append_marked (t->test, 20, 1, 2000.0f);
  append_marked (t->test, 20, 0, 2000.0f);
  d->targets = g_ptr_array_new ();
  g_ptr_array_add (d->targets, t);
  return d;
}

static void
free_data (ScmmExperimentData *d)
{
  for (guint i = 0; i < d->targets->len; i++)
    {
      ScmmTargetSubject *t = g_ptr_array_index (d->targets, i);
      g_free (t->name);
      scmm_samples_free (t->finetune);
      scmm_samples_free (t->test);
      g_free (t);
    }
  scmm_experiment_data_free (d);
}

/* A pick that must succeed: source windows first, counts that add up. */
typedef struct {
  ScmmExperimentData *d;
} HandMade;

static void
hand_made_set_up (HandMade *h, gconstpointer data)
{
  h->d = hand_made_data ();
}

static void
hand_made_tear_down (HandMade *h, gconstpointer data)
{
  free_data (h->d);
}

/* Registers a test that runs on a fresh HandMade. */
static void
add_hand_made_test (const char *path, void (*test) (HandMade *, gconstpointer))
{
  g_test_add (path, HandMade, NULL, hand_made_set_up, test, hand_made_tear_down);
}

static ScmmEmbeddingWindows *
pick (const ScmmExperimentData *d, int per_corpus, uint64_t seed)
{
  GError *error = NULL;
  ScmmEmbeddingWindows *w = scmm_embedding_windows_pick (d, per_corpus, seed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (w->n, ==, w->count[SCMM_EMBEDDING_SOURCE] + w->count[SCMM_EMBEDDING_TARGET]);
  for (int i = 0; i < w->n; i++)
    g_assert_cmpint (w->corpus[i], ==, i < w->count[SCMM_EMBEDDING_SOURCE]
                                         ? SCMM_EMBEDDING_SOURCE : SCMM_EMBEDDING_TARGET);
  return w;
}

static void
assert_counts (const ScmmEmbeddingWindows *w, int source, int target)
{
  g_assert_cmpint (w->count[SCMM_EMBEDDING_SOURCE], ==, source);
  g_assert_cmpint (w->count[SCMM_EMBEDDING_TARGET], ==, target);
}

static void
count_groups (const ScmmEmbeddingWindows *w, int corpus, int counts[3])
{
  counts[0] = counts[1] = counts[2] = 0;
  for (int i = 0; i < w->n; i++)
    if (w->corpus[i] == corpus)
      counts[w->label[i] >= 0 ? w->label[i] : 2]++;
}

static void
test_shares (HandMade *h, gconstpointer data)
{
  ScmmExperimentData *d = h->d;
  g_autoptr (ScmmEmbeddingWindows) w = pick (d, 30, 1);
  assert_counts (w, 30, 30);
  g_assert_cmpstr (w->corpus_name[SCMM_EMBEDDING_TARGET], ==, "Target");
  g_assert_cmpint (w->n_classes, ==, 2);
  g_assert_cmpstr (w->class_names[1], ==, "b");
  int counts[3];
  /* source: 10 each would be fair; "a" has only 3, the unlabelled 10, "b" gives the rest */
  count_groups (w, SCMM_EMBEDDING_SOURCE, counts);
  g_assert_cmpint (counts[0], ==, 3);
  g_assert_cmpint (counts[1], ==, 17);
  g_assert_cmpint (counts[2], ==, 10);
  /* target: 15 and 15, from both sets */
  count_groups (w, SCMM_EMBEDDING_TARGET, counts);
  g_assert_cmpint (counts[0], ==, 15);
  g_assert_cmpint (counts[1], ==, 15);

  /* source rows first; rows copied whole, labels kept, in the data's order */
  for (int i = 0; i < w->n; i++)
    {
      const float *row = w->x + (gsize) i * CHANNELS * BANDS;
      g_assert_cmpfloat (row[1], ==, (float) w->label[i]);
      if (i > 0 && w->corpus[i] == w->corpus[i - 1])
        g_assert_cmpfloat (row[0], >, w->x[(gsize) (i - 1) * CHANNELS * BANDS]);
    }
}

static void
test_takes_all_when_few (HandMade *h, gconstpointer data)
{
  ScmmExperimentData *d = h->d;
  g_autoptr (ScmmEmbeddingWindows) w = pick (d, 1000, 1);
  assert_counts (w, 63, 80);
  /* every window once */
  for (int i = 1; i < w->n; i++)
    if (w->corpus[i] == w->corpus[i - 1])
      g_assert_cmpfloat (w->x[(gsize) i * CHANNELS * BANDS], !=,
                         w->x[(gsize) (i - 1) * CHANNELS * BANDS]);
}

static void
test_seed (HandMade *h, gconstpointer data)
{
  ScmmExperimentData *d = h->d;
  g_autoptr (ScmmEmbeddingWindows) a = pick (d, 20, 7);
  g_autoptr (ScmmEmbeddingWindows) b = pick (d, 20, 7);
  g_autoptr (ScmmEmbeddingWindows) c = pick (d, 20, 8);
  gsize bytes = sizeof (float) * a->n * CHANNELS * BANDS;
  g_assert_cmpint (a->n, ==, b->n);
  g_assert_cmpmem (a->x, bytes, b->x, bytes);
  g_assert_cmpmem (a->label, sizeof (int32_t) * a->n, b->label, sizeof (int32_t) * b->n);
  g_assert_cmpint (a->n, ==, c->n);
  g_assert_true (memcmp (a->x, c->x, bytes) != 0);
}

static void
test_no_pretraining (HandMade *h, gconstpointer data)
{
  ScmmExperimentData *d = h->d;
  g_clear_pointer (&d->pretrain, scmm_samples_free);
  g_autoptr (ScmmEmbeddingWindows) w = pick (d, 10, 1);
  assert_counts (w, 0, 10);

  /* and with no target window either, there is nothing to show */
  ScmmTargetSubject *t = g_ptr_array_index (d->targets, 0);
  scmm_samples_truncate (t->finetune, 0);
  scmm_samples_truncate (t->test, 0);
  GError *error = NULL;
  g_assert_null (scmm_embedding_windows_pick (d, 10, 1, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, NULL);

  g_assert_null (scmm_embedding_windows_pick (d, 0, 1, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, NULL);
}

/* The demo experiment: demo:seed (aligned on DEAP's 32 channels, its
 * classes unlabelled: "as is" mapping onto DEAP's valence) to demo:deap. */
static void
test_demo_experiment (void)
{
  g_autoptr (ScmmExperiment) e = scmm_experiment_preset ("demo");
  GError *error = NULL;
  g_autoptr (ScmmExperimentData) d = scmm_experiment_data_build (e, &error);
  g_assert_no_error (error);
  g_autoptr (ScmmEmbeddingWindows) w = pick (d, 500, 42);
  g_assert_cmpint (w->channels, ==, 32);
  g_assert_cmpint (w->bands, ==, 5);
  assert_counts (w, 500, 500);
  int counts[3];
  count_groups (w, SCMM_EMBEDDING_TARGET, counts);
  g_test_message ("demo: source %s, target %s (%s %d, %s %d, unlabelled %d)",
                  w->corpus_name[0], w->corpus_name[1], w->class_names[0], counts[0],
                  w->class_names[1], counts[1], counts[2]);
  g_assert_cmpint (counts[0], ==, 250);
  g_assert_cmpint (counts[1], ==, 250);
  /* normalised as the model sees them: the source on itself, to [0, 1] */
  for (gsize i = 0; i < (gsize) w->count[SCMM_EMBEDDING_SOURCE] * w->channels * w->bands; i++)
    g_assert_true (w->x[i] >= 0.0f && w->x[i] <= 1.0f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/embedding-windows/demo-experiment", test_demo_experiment);
  add_hand_made_test ("/embedding-windows/shares", test_shares);
  add_hand_made_test ("/embedding-windows/takes-all-when-few", test_takes_all_when_few);
  add_hand_made_test ("/embedding-windows/seed", test_seed);
  add_hand_made_test ("/embedding-windows/no-pretraining", test_no_pretraining);
  return g_test_run ();
}
