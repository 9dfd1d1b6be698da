/* test-embedding-map.c: the embedding map of a real (tiny) demo run: the
 * points per corpus, determinism for a seed, PCA's variance ratios against
 * an eigen-decomposition of h done here, the two models (the run's
 * initialisation and pretrained.h5), t-SNE, re-projection, cancel, errors,
 * the neighbour purity against a brute-force count, and `scmm embedding`
 * writing its CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "scmm-checkpoint.h"
#include "scmm-embedding-map.h"
#include "scmm-encoder-features.h"
#include "scmm-error.h"
#include "scmm-neighbour-purity.h"
#include "scmm-run.h"
#include "scmm-test-util.h"
#include "scmm-trainer.h"

static char *work_dir;
static char *run_dir;

/* The demo experiment, small: three source subjects, two pre-training
 * epochs of three methods (scmm second, so that its initialisation comes
 * from a stream other than the first method's), one target subject. */
static ScmmExperiment *
tiny_demo (void)
{
  ScmmExperiment *e = scmm_experiment_preset ("demo");
  static const ScmmMethod methods[] = {
    SCMM_METHOD_HARD_CONTRASTIVE, SCMM_METHOD_SCMM, SCMM_METHOD_SUPERVISED,
  };
  g_free (e->methods);
  e->methods = g_memdup2 (methods, sizeof methods);
  e->n_methods = G_N_ELEMENTS (methods);
  e->pretrain_epochs = 2;
  e->pretrain_batch = 64;
  e->finetune_epochs = 1;
  e->threads = 2;
  g_strfreev (e->source.subjects.names);
  e->source.subjects.all = FALSE;
  e->source.subjects.names = g_strsplit ("1,2,3", ",", -1);
  g_strfreev (e->target.subjects.names);
  e->target.subjects.all = FALSE;
  e->target.subjects.names = g_strsplit ("1", ",", -1);
  return e;
}

static ScmmEmbeddingMapOptions
options_of (ScmmEmbeddingProjection projection, int per_corpus, uint64_t seed)
{
  ScmmEmbeddingMapOptions options = scmm_embedding_map_options_default ();
  options.projection = projection;
  options.per_corpus = per_corpus;
  options.seed = seed;
  return options;
}

static ScmmEmbeddingMap *
compute (const char *method, ScmmEmbeddingProjection projection, int per_corpus, uint64_t seed)
{
  ScmmEmbeddingMapOptions options = options_of (projection, per_corpus, seed);
  GError *error = NULL;
  ScmmEmbeddingMap *map = scmm_embedding_map_compute_run (run_dir, method, &options, NULL, NULL,
                                                          &error);
  g_assert_no_error (error);
  g_assert_nonnull (map);
  return map;
}

static void
assert_finite (const float *v, gsize n)
{
  for (gsize i = 0; i < n; i++)
    g_assert_true (isfinite (v[i]));
}

/* Points of each corpus as the windows say, source first, in the map and its CSV order. */
static void
assert_points (const ScmmEmbeddingMap *map, int per_corpus)
{
  const ScmmEmbeddingWindows *w = map->windows;
  g_assert_cmpint (w->count[SCMM_EMBEDDING_SOURCE], ==, per_corpus);
  g_assert_cmpint (w->count[SCMM_EMBEDDING_TARGET], ==, per_corpus);
  g_assert_cmpint (w->n, ==, 2 * per_corpus);
  int seen[SCMM_EMBEDDING_CORPORA] = { 0 };
  for (int i = 0; i < w->n; i++)
    {
      g_assert_cmpint (w->corpus[i], ==, i < per_corpus ? SCMM_EMBEDDING_SOURCE
                                                        : SCMM_EMBEDDING_TARGET);
      seen[w->corpus[i]]++;
    }
  g_assert_cmpint (seen[SCMM_EMBEDDING_SOURCE], ==, per_corpus);
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      assert_finite (map->xy[m], (gsize) w->n * 2);
      assert_finite (map->h[m], (gsize) w->n * map->hidden);
    }
}

static gboolean
same_floats (const float *a, const float *b, gsize n)
{
  return memcmp (a, b, n * sizeof (float)) == 0;
}

/* ---- PCA ---- */

static void
test_pca_points (void)
{
  g_autoptr (ScmmEmbeddingMap) map = compute (NULL, SCMM_EMBEDDING_PCA, 150, 7);
  /* the first method with a pretrained.h5 */
  g_assert_cmpstr (map->method_name, ==, "hard-contrastive");
  assert_points (map, 150);
  g_assert_cmpint (map->hidden, ==, 384);
  g_assert_cmpint (map->windows->channels, ==, 32);
  /* demo:seed's classes have no counterpart in DEAP's valence: unlabelled;
   * the target's windows are all labelled, both classes drawn */
  int per_class[2] = { 0 };
  for (int i = 0; i < map->windows->n; i++)
    if (map->windows->corpus[i] == SCMM_EMBEDDING_SOURCE)
      g_assert_cmpint (map->windows->label[i], ==, -1);
    else
      per_class[map->windows->label[i]]++;
  g_assert_cmpint (per_class[0], ==, 75);
  g_assert_cmpint (per_class[1], ==, 75);
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      g_assert_true (map->variance_ratio[m][0] >= map->variance_ratio[m][1]);
      g_assert_true (map->variance_ratio[m][1] > 0.0);
      g_assert_true (map->corpus_purity_h[m] >= 0.0 && map->corpus_purity_h[m] <= 1.0);
      g_assert_true (map->class_purity_map[m] >= 0.0 && map->class_purity_map[m] <= 1.0);
    }
  g_assert_cmpfloat_with_epsilon (map->corpus_purity_chance, 149.0 / 299.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (map->class_purity_chance, 74.0 / 149.0, 1e-12);
}

/* The covariance of x [n, d] (divisor n - 1), in double. */
static double *
covariance (const float *x, int n, int d)
{
  g_autofree double *mean = g_new0 (double, d);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < d; j++)
      mean[j] += x[(gsize) i * d + j] / (double) n;
  double *c = g_new0 (double, (gsize) d * d);
  for (int i = 0; i < n; i++)
    for (int a = 0; a < d; a++)
      {
        double xa = x[(gsize) i * d + a] - mean[a];
        for (int b = 0; b < d; b++)
          c[(gsize) a * d + b] += xa * (x[(gsize) i * d + b] - mean[b]) / (n - 1);
      }
  return c;
}

/* The largest eigenvalue of the symmetric c [d, d] by power iteration. */
static double
top_eigenvalue (const double *c, int d, double *v)
{
  g_autofree double *w = g_new (double, d);
  for (int j = 0; j < d; j++)
    v[j] = 1.0 + 0.01 * j;
  double lambda = 0.0;
  for (int it = 0; it < 20000; it++)
    {
      double norm = 0.0;
      for (int a = 0; a < d; a++)
        {
          w[a] = 0.0;
          for (int b = 0; b < d; b++)
            w[a] += c[(gsize) a * d + b] * v[b];
          norm += w[a] * w[a];
        }
      norm = sqrt (norm);
      double change = 0.0;
      for (int a = 0; a < d; a++)
        {
          change = MAX (change, fabs (w[a] / norm - v[a]));
          v[a] = w[a] / norm;
        }
      lambda = norm;
      if (change < 1e-12)
        break;
    }
  return lambda;
}

static double
coordinate_variance (const float *xy, int n, int axis)
{
  double mean = 0.0, sum = 0.0;
  for (int i = 0; i < n; i++)
    mean += xy[2 * i + axis] / (double) n;
  for (int i = 0; i < n; i++)
    sum += (xy[2 * i + axis] - mean) * (xy[2 * i + axis] - mean);
  return sum / (n - 1);
}

/* Both ratios from a power iteration with deflation on h's covariance, and
 * from the variance of the map's own coordinates. */
static void
test_pca_variance_ratios (void)
{
  g_autoptr (ScmmEmbeddingMap) map = compute ("scmm", SCMM_EMBEDDING_PCA, 120, 3);
  const int n = map->windows->n, d = map->hidden;
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      g_autofree double *c = covariance (map->h[m], n, d);
      double trace = 0.0;
      for (int j = 0; j < d; j++)
        trace += c[(gsize) j * d + j];
      g_autofree double *v = g_new (double, d);
      double lambda1 = top_eigenvalue (c, d, v);
      for (int a = 0; a < d; a++)
        for (int b = 0; b < d; b++)
          c[(gsize) a * d + b] -= lambda1 * v[a] * v[b];
      double lambda2 = top_eigenvalue (c, d, v);
      g_test_message ("%s: PC1 %.4f (power iteration %.4f), PC2 %.4f (%.4f)",
                      scmm_embedding_model_to_string (m), map->variance_ratio[m][0],
                      lambda1 / trace, map->variance_ratio[m][1], lambda2 / trace);
      g_assert_cmpfloat (fabs (map->variance_ratio[m][0] - lambda1 / trace), <, 1e-5);
      g_assert_cmpfloat (fabs (map->variance_ratio[m][1] - lambda2 / trace), <, 1e-5);
      for (int axis = 0; axis < 2; axis++)
        g_assert_cmpfloat (fabs (coordinate_variance (map->xy[m], n, axis) / trace
                                 - map->variance_ratio[m][axis]), <, 1e-4);
    }
}

/* ---- the two models ---- */

static float *
features_of (const ScmmModel *model, const ScmmEmbeddingWindows *w)
{
  GError *error = NULL;
  float *h = scmm_encoder_features (model, w->x, w->n, w->channels, w->bands, 0, &error);
  g_assert_no_error (error);
  return h;
}

/* "before" is the model the method's pre-training started from (the run's
 * seed, the method's stream), "after" its pretrained.h5. */
static void
test_models (void)
{
  g_autoptr (ScmmEmbeddingMap) map = compute ("scmm", SCMM_EMBEDDING_PCA, 60, 5);
  const ScmmEmbeddingWindows *w = map->windows;
  const gsize size = (gsize) w->n * map->hidden;
  GError *error = NULL;
  g_autofree char *path = g_build_filename (run_dir, "scmm", "pretrained.h5", NULL);
  g_autoptr (ScmmModel) trained = scmm_checkpoint_load (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_autofree float *h_after = features_of (trained, w);
  g_assert_true (same_floats (map->h[SCMM_EMBEDDING_AFTER], h_after, size));

  g_autoptr (ScmmExperiment) e = tiny_demo ();
  g_autoptr (ScmmExperimentData) data = scmm_experiment_data_build (e, &error);
  g_assert_no_error (error);
  ScmmPretrainState state;
  scmm_pretrain_state_init (&state, e, data, 1);   /* scmm is the run's second method */
  g_autofree float *h_before = features_of (state.model, w);
  scmm_pretrain_state_clear (&state);
  g_assert_true (same_floats (map->h[SCMM_EMBEDDING_BEFORE], h_before, size));
  g_assert_false (same_floats (h_before, h_after, size));

  /* another method of the run: another initialisation, another model */
  g_autoptr (ScmmEmbeddingMap) other = compute ("hard-contrastive", SCMM_EMBEDDING_PCA, 60, 5);
  g_assert_true (same_floats (other->windows->x, w->x, (gsize) w->n * w->channels * w->bands));
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    g_assert_false (same_floats (other->h[m], map->h[m], size));
}

/* ---- determinism ---- */

static void
assert_same_maps (const ScmmEmbeddingMap *a, const ScmmEmbeddingMap *b, gboolean same)
{
  g_assert_cmpint (a->windows->n, ==, b->windows->n);
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    g_assert_true (same_floats (a->xy[m], b->xy[m], (gsize) a->windows->n * 2) == same);
}

static void
test_deterministic (void)
{
  for (int p = SCMM_EMBEDDING_PCA; p <= SCMM_EMBEDDING_TSNE; p++)
    {
      g_autoptr (ScmmEmbeddingMap) a = compute ("scmm", p, 80, 11);
      g_autoptr (ScmmEmbeddingMap) b = compute ("scmm", p, 80, 11);
      g_autoptr (ScmmEmbeddingMap) c = compute ("scmm", p, 80, 12);
      assert_same_maps (a, b, TRUE);
      assert_same_maps (a, c, FALSE);
      g_autofree char *csv_a = scmm_embedding_map_to_csv (a);
      g_autofree char *csv_b = scmm_embedding_map_to_csv (b);
      g_assert_cmpstr (csv_a, ==, csv_b);
    }
}

/* ---- t-SNE ---- */

static void
test_tsne (void)
{
  g_autoptr (ScmmEmbeddingMap) map = compute ("scmm", SCMM_EMBEDDING_TSNE, 100, 9);
  assert_points (map, 100);
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      g_assert_true (isnan (map->variance_ratio[m][0]) && isnan (map->variance_ratio[m][1]));
      g_assert_true (map->corpus_purity_map[m] >= 0.0 && map->corpus_purity_map[m] <= 1.0);
    }
  /* A PCA map projected again with t-SNE is the t-SNE map: the same windows, h and start. */
  g_autoptr (ScmmEmbeddingMap) again = compute ("scmm", SCMM_EMBEDDING_PCA, 100, 9);
  GError *error = NULL;
  ScmmEmbeddingMapOptions options = options_of (SCMM_EMBEDDING_TSNE, 100, 9);
  g_assert_true (scmm_embedding_map_project (again, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_same_maps (map, again, TRUE);
  g_assert_true (again->options.projection == SCMM_EMBEDDING_TSNE);
  g_assert_cmpfloat (again->corpus_purity_map[1], ==, map->corpus_purity_map[1]);

  /* t-SNE is exact: at most 1500 windows a corpus */
  options = options_of (SCMM_EMBEDDING_TSNE, 1501, 9);
  g_assert_null (scmm_embedding_map_compute_run (run_dir, "scmm", &options, NULL, NULL, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "1500");
}

/* ---- progress and cancel ---- */

typedef struct {
  int                stop_at_stage;  /* cancel at a report of this stage (-1: never) ... */
  int                let_pass;       /* ... after letting this many of them pass */
  int                reports;
  int                projecting;
  double             last_fraction;
  ScmmEmbeddingStage last_stage;
} Watch;

static gboolean
watch (ScmmEmbeddingStage stage, ScmmEmbeddingModel model, double fraction, gpointer user_data)
{
  Watch *w = user_data;
  g_assert_cmpfloat (fraction, >=, w->last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_assert_cmpint (stage, >=, w->last_stage);
  w->last_fraction = fraction;
  w->last_stage = stage;
  w->reports++;
  w->projecting += stage == SCMM_EMBEDDING_STAGE_PROJECTING;
  return (int) stage != w->stop_at_stage || w->let_pass-- > 0;
}

static void
test_progress_and_cancel (void)
{
  ScmmEmbeddingMapOptions options = options_of (SCMM_EMBEDDING_TSNE, 100, 1);
  Watch all = { -1, 0, 0, 0, 0.0, 0 };
  GError *error = NULL;
  g_autoptr (ScmmEmbeddingMap) map =
    scmm_embedding_map_compute_run (run_dir, "scmm", &options, watch, &all, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (all.last_fraction, ==, 1.0);
  /* t-SNE reports every 25 of its 1000 iterations, for each model */
  g_assert_cmpint (all.projecting, >=, 2 * 1000 / 25);

  for (int stage = SCMM_EMBEDDING_STAGE_LOADING; stage <= SCMM_EMBEDDING_STAGE_MEASURING; stage++)
    {
      /* t-SNE is cancelled between its iterations: in the middle of the first model's */
      Watch stop = { stage, stage == SCMM_EMBEDDING_STAGE_PROJECTING ? 3 : 0, 0, 0, 0.0, 0 };
      gint64 start = g_get_monotonic_time ();
      g_assert_null (scmm_embedding_map_compute_run (run_dir, "scmm", &options, watch, &stop,
                                                     &error));
      scmm_test_assert_error (&error, SCMM_ERROR_CANCELLED, NULL);
      g_test_message ("cancelled at stage %d after %d reports, %.0f ms", stage, stop.reports,
                      (g_get_monotonic_time () - start) / 1e3);
      g_assert_cmpint (stop.last_stage, ==, stage);
    }

  /* a cancelled re-projection leaves the map as it was */
  g_autofree float *xy = g_memdup2 (map->xy[SCMM_EMBEDDING_AFTER],
                                    sizeof (float) * 2 * map->windows->n);
  ScmmEmbeddingMapOptions pca = options_of (SCMM_EMBEDDING_PCA, 100, 1);
  Watch stop = { SCMM_EMBEDDING_STAGE_MEASURING, 0, 0, 0, 0.0, 0 };
  g_assert_false (scmm_embedding_map_project (map, &pca, watch, &stop, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_CANCELLED, NULL);
  g_assert_true (map->options.projection == SCMM_EMBEDDING_TSNE);
  g_assert_true (same_floats (map->xy[SCMM_EMBEDDING_AFTER], xy, 2 * map->windows->n));
  g_assert_true (isnan (map->variance_ratio[SCMM_EMBEDDING_AFTER][0]));
}

/* ---- errors ---- */

static void
test_errors (void)
{
  ScmmEmbeddingMapOptions options = options_of (SCMM_EMBEDDING_PCA, 50, 1);
  GError *error = NULL;
  g_assert_null (scmm_embedding_map_compute_run (work_dir, NULL, &options, NULL, NULL, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_FORMAT, "not a run folder");
  g_assert_null (scmm_embedding_map_compute_run (run_dir, "supervised", &options, NULL, NULL,
                                                 &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "no pre-training");
  g_assert_null (scmm_embedding_map_compute_run (run_dir, "channel-mask", &options, NULL, NULL,
                                                 &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "has no method");

  /* a run whose pre-training has not ended yet: its config alone */
  g_autofree char *young = g_build_filename (work_dir, "young", NULL);
  g_autofree char *config = g_build_filename (run_dir, "config.ini", NULL);
  g_autofree char *young_config = g_build_filename (young, "config.ini", NULL);
  g_autofree char *text = NULL;
  g_assert_cmpint (g_mkdir (young, 0755), ==, 0);
  g_assert_true (g_file_get_contents (config, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (young_config, text, -1, NULL));
  g_assert_null (scmm_embedding_map_compute_run (young, NULL, &options, NULL, NULL, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_IO, "no method has a pre-trained model yet");
  g_assert_null (scmm_embedding_map_compute_run (young, "scmm", &options, NULL, NULL, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_IO, "no pre-trained model yet");

  /* a damaged pretrained.h5 (cut short, or not HDF5 at all): an error that
   * names it, no crash */
  g_autofree char *young_method = g_build_filename (young, "scmm", NULL);
  g_autofree char *damaged = g_build_filename (young_method, "pretrained.h5", NULL);
  g_autofree char *whole_model = g_build_filename (run_dir, "scmm", "pretrained.h5", NULL);
  g_autofree char *bytes = NULL;
  gsize length;
  g_assert_cmpint (g_mkdir (young_method, 0755), ==, 0);
  g_assert_true (g_file_get_contents (whole_model, &bytes, &length, NULL));
  const gsize cuts[] = { length / 2, 0 };
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_assert_true (g_file_set_contents (damaged, bytes, (gssize) cuts[i], NULL));
      g_assert_null (scmm_embedding_map_compute_run (young, "scmm", &options, NULL, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("pretrained.h5 cut to %" G_GSIZE_FORMAT " bytes: %s", cuts[i], error->message);
      g_assert_nonnull (strstr (error->message, damaged));
      g_clear_error (&error);
    }
  /* a method name that is none: the error lists the run's */
  g_assert_null (scmm_embedding_map_compute_run (run_dir, "simclr", &options, NULL, NULL, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "hard-contrastive, scmm");

  /* from the experiment: a method without pre-training, one it does not have */
  g_autoptr (ScmmExperiment) e = tiny_demo ();
  g_autofree char *model = g_build_filename (run_dir, "scmm", "pretrained.h5", NULL);
  g_assert_null (scmm_embedding_map_compute (e, "supervised", model, &options, NULL, NULL,
                                             &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "no pre-training");
  g_assert_null (scmm_embedding_map_compute (e, "random-mask", model, &options, NULL, NULL,
                                             &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "has no method");
  options.per_corpus = 0;
  g_assert_null (scmm_embedding_map_compute (e, "scmm", model, &options, NULL, NULL, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "windows per corpus");
  options.per_corpus = 50;
  options.neighbours = 0;
  g_assert_null (scmm_embedding_map_compute (e, "scmm", model, &options, NULL, NULL, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "neighbours");
}

/* ---- the neighbour purity ---- */

/* Points on a line at 0, 1, ..., 9, alternating groups: every inner point's
 * two nearest are of the other group; the ends have one of their own. */
static void
test_purity_line (void)
{
  float x[10];
  int group[10];
  for (int i = 0; i < 10; i++)
    {
      x[i] = (float) i;
      group[i] = i % 2;
    }
  double purity;
  GError *error = NULL;
  g_assert_true (scmm_neighbour_purity (x, 10, 1, group, 2, &purity, &error));
  g_assert_cmpfloat_with_epsilon (purity, (0.5 + 0.5) / 10, 1e-12);
  g_assert_cmpfloat_with_epsilon (scmm_neighbour_purity_chance (group, 10), 40.0 / 90.0, 1e-12);

  /* two halves far apart: pure; a left-out point is nobody's neighbour */
  for (int i = 0; i < 10; i++)
    {
      x[i] = i < 5 ? (float) i : (float) i + 100.0f;
      group[i] = i < 5 ? 0 : 1;
    }
  g_assert_true (scmm_neighbour_purity (x, 10, 1, group, 2, &purity, &error));
  g_assert_cmpfloat (purity, ==, 1.0);
  /* 4 left out, 5 moved to 3.5: 3's nearest are 3.5 and 2 (half its own),
   * 3.5's are 3 and 2 (none), the others' their own */
  group[4] = -1;
  x[5] = 3.5f;
  g_assert_true (scmm_neighbour_purity (x, 10, 1, group, 2, &purity, &error));
  g_assert_cmpfloat_with_epsilon (purity, (9.0 - 0.5 - 1.0) / 9.0, 1e-12);

  g_assert_false (scmm_neighbour_purity (x, 10, 1, group, 9, &purity, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "at least 10 points");
  x[0] = NAN;
  g_assert_false (scmm_neighbour_purity (x, 10, 1, group, 2, &purity, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_NUMERIC, NULL);
}

/* Random points against counting every distance in double. */
static void
test_purity_brute_force (void)
{
  const int n = 300, d = 7, k = 5;
  ScmmRng rng;
  scmm_rng_init (&rng, 77);
  g_autofree float *x = g_new (float, n * d);
  g_autofree int *group = g_new (int, n);
  scmm_test_fill_uniform (x, (gsize) n * d, &rng, -1.0f, 1.0f);
  for (int i = 0; i < n; i++)
    {
      group[i] = (int) scmm_rng_below (&rng, 4) - 1;   /* -1 (left out), 0, 1, 2 */
      x[i * d] += group[i] >= 0 ? 0.6f * group[i] : 0.0f;
    }
  double expected = 0.0;
  int m = 0;
  g_autofree double *dist = g_new (double, n);
  for (int i = 0; i < n; i++)
    {
      if (group[i] < 0)
        continue;
      m++;
      for (int j = 0; j < n; j++)
        {
          dist[j] = INFINITY;
          if (j != i && group[j] >= 0)
            {
              dist[j] = 0.0;
              for (int c = 0; c < d; c++)
                dist[j] += (x[i * d + c] - (double) x[j * d + c]) * (x[i * d + c] - x[j * d + c]);
            }
        }
      for (int q = 0; q < k; q++)
        {
          int best = 0;
          for (int j = 1; j < n; j++)
            best = dist[j] < dist[best] ? j : best;
          expected += (group[best] == group[i]) / (double) k;
          dist[best] = INFINITY;
        }
    }
  expected /= m;
  double purity;
  GError *error = NULL;
  g_assert_true (scmm_neighbour_purity (x, n, d, group, k, &purity, &error));
  g_test_message ("purity %.6f, brute force %.6f, chance %.4f", purity, expected,
                  scmm_neighbour_purity_chance (group, n));
  g_assert_cmpfloat_with_epsilon (purity, expected, 1e-12);
  g_assert_cmpfloat (purity, >, scmm_neighbour_purity_chance (group, n));
}

/* ---- the command ---- */

static int
run_cli (const char *const *args, char **out, char **err)
{
  const char *cli = g_getenv ("SCMM_CLI");
  g_assert_nonnull (cli);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_strv_builder_add (builder, cli);
  g_strv_builder_addv (builder, (const char **) args);
  g_auto (GStrv) argv = g_strv_builder_end (builder);
  int status;
  GError *error = NULL;
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *csv_path = g_build_filename (work_dir, "map.csv", NULL);
  const char *args[] = { "embedding", run_dir, "--method", "tsne", "--per-corpus", "120",
                         "--method-name", "scmm", "--seed", "4", "--output", csv_path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "corpus purity of the 10 nearest neighbours"));
  g_autofree char *csv = NULL;
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "model,corpus,class,x,y");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 2 * 2 * 120 + 1);   /* and the last newline */
  g_assert_cmpstr (lines[2 * 2 * 120 + 1], ==, "");
  int rows[SCMM_EMBEDDING_MODELS][SCMM_EMBEDDING_CORPORA] = { { 0 } };
  for (int i = 1; i <= 2 * 2 * 120; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 5);
      int model = g_str_equal (f[0], "after");
      g_assert_true (model || g_str_equal (f[0], "before"));
      int corpus = g_str_equal (f[1], "target");
      g_assert_true (corpus || g_str_equal (f[1], "source"));
      rows[model][corpus]++;
      g_assert_true (corpus ? g_str_equal (f[2], "low valence") || g_str_equal (f[2], "high valence")
                            : f[2][0] == '\0');
      g_assert_true (isfinite (g_ascii_strtod (f[3], NULL)) && isfinite (g_ascii_strtod (f[4], NULL)));
    }
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    for (int c = 0; c < SCMM_EMBEDDING_CORPORA; c++)
      g_assert_cmpint (rows[m][c], ==, 120);

  /* the same map as the engine's, and standard output without --output */
  g_autoptr (ScmmEmbeddingMap) map = compute ("scmm", SCMM_EMBEDDING_TSNE, 120, 4);
  g_autofree char *expected = scmm_embedding_map_to_csv (map);
  g_assert_cmpstr (csv, ==, expected);
  const char *to_stdout[] = { "embedding", run_dir, "-n", "30", NULL };
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_assert_cmpint (run_cli (to_stdout, &out2, &err2), ==, 0);
  g_assert_true (g_str_has_prefix (out2, "model,corpus,class,x,y\n"));
  g_assert_nonnull (strstr (err2, "hard-contrastive: 30 windows"));

  const char *bad[] = { "embedding", run_dir, "--method", "umap", NULL };
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_assert_cmpint (run_cli (bad, &out3, &err3), ==, 2);
  g_assert_nonnull (strstr (err3, "pca or tsne"));
  const char *missing[] = { "embedding", work_dir, NULL };
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_assert_cmpint (run_cli (missing, &out4, &err4), ==, 1);
  g_assert_nonnull (strstr (err4, "not a run folder"));

  /* an option out of range is a wrong command line (2), told before any work */
  const char *none[] = { "embedding", run_dir, "--per-corpus", "0", NULL };
  g_autofree char *out5 = NULL, *err5 = NULL;
  g_assert_cmpint (run_cli (none, &out5, &err5), ==, 2);
  g_assert_nonnull (strstr (err5, "windows per corpus"));
  const char *too_many[] = { "embedding", run_dir, "--method", "tsne", "-n", "2000", NULL };
  g_autofree char *out6 = NULL, *err6 = NULL;
  g_assert_cmpint (run_cli (too_many, &out6, &err6), ==, 2);
  g_assert_nonnull (strstr (err6, "t-SNE"));
  /* an output that cannot be written: 1, naming it */
  g_autofree char *nowhere = g_build_filename (work_dir, "no-such-folder", "map.csv", NULL);
  const char *unwritable[] = { "embedding", run_dir, "-n", "30", "-o", nowhere, NULL };
  g_autofree char *out7 = NULL, *err7 = NULL;
  g_assert_cmpint (run_cli (unwritable, &out7, &err7), ==, 1);
  g_assert_nonnull (strstr (err7, nowhere));
}

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                               NULL, NULL);
  GFileInfo *info;
  GFile *child;
  /* a file has no children: it is deleted at once */
  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL)
         && info != NULL)
    remove_tree (child);
  g_file_delete (file, NULL, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("scmm-embedding-map-XXXXXX", NULL);
  run_dir = g_build_filename (work_dir, "run", NULL);
  g_autoptr (ScmmExperiment) e = tiny_demo ();
  GError *error = NULL;
  if (!scmm_run_experiment (e, run_dir, NULL, NULL, NULL, &error))
    g_error ("the tiny demo run failed: %s", error->message);

  g_test_add_func ("/embedding-map/pca-points", test_pca_points);
  g_test_add_func ("/embedding-map/pca-variance-ratios", test_pca_variance_ratios);
  g_test_add_func ("/embedding-map/models", test_models);
  g_test_add_func ("/embedding-map/deterministic", test_deterministic);
  g_test_add_func ("/embedding-map/tsne", test_tsne);
  g_test_add_func ("/embedding-map/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/embedding-map/errors", test_errors);
  g_test_add_func ("/embedding-map/cli", test_cli);
  g_test_add_func ("/neighbour-purity/line", test_purity_line);
  g_test_add_func ("/neighbour-purity/brute-force", test_purity_brute_force);
  int status = g_test_run ();
  g_autoptr (GFile) dir = g_file_new_for_path (work_dir);
  remove_tree (dir);
  return status;
}
