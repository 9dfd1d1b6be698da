/* test-tsne.c: exact t-SNE: two separated clusters stay apart, the same seed
 * gives the same map, progress and cancellation, errors, and a timing. */
#include <math.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-test-util.h"
#include "scmm-tsne.h"

/* x [n, d]: `clusters` Gaussian clusters (unit variance) whose centres are
 * `separation` apart along the axes; point i belongs to cluster i % clusters,
 * written to label [n] unless it is NULL. */
static float *
gaussian_clusters (int n, int d, int clusters, double separation, uint64_t seed, int *label)
{
  ScmmRng rng;
  scmm_rng_init (&rng, seed);
  float *x = g_new (float, (gsize) n * d);
  for (int i = 0; i < n; i++)
    {
      if (label != NULL)
        label[i] = i % clusters;
      for (int j = 0; j < d; j++)
        x[(gsize) i * d + j] = (float) (scmm_rng_normal (&rng)
                                        + (j % clusters == i % clusters ? separation : 0.0));
    }
  return x;
}

/* The share of points whose nearest other point in the map has their label. */
static double
nearest_neighbour_purity (const float *y, const int *label, int n)
{
  int agree = 0;
  for (int i = 0; i < n; i++)
    {
      int best = -1;
      double best_d = INFINITY;
      for (int j = 0; j < n; j++)
        {
          double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
          double dist = dx * dx + dy * dy;
          if (j != i && dist < best_d)
            {
              best_d = dist;
              best = j;
            }
        }
      agree += label[best] == label[i];
    }
  return (double) agree / n;
}

/* The default settings with fewer iterations (and perplexity) for small tests. */
static ScmmTsneConfig
short_run (int iterations, double perplexity)
{
  ScmmTsneConfig config = scmm_tsne_config_default ();
  config.iterations = iterations;
  config.perplexity = perplexity;
  return config;
}

static void
run_tsne (const float *x, int n, int d, const ScmmTsneConfig *config, float *y)
{
  GError *error = NULL;
  g_assert_true (scmm_tsne (x, n, d, config, NULL, NULL, y, &error));
  g_assert_no_error (error);
}

static void
test_separates_two_clusters (void)
{
  const int n = 240, d = 10;
  int label[240];
  g_autofree float *x = gaussian_clusters (n, d, 2, 6.0, 1, label);
  ScmmTsneConfig config = short_run (400, 30);
  float y[2 * 240];
  run_tsne (x, n, d, &config, y);
  double purity = nearest_neighbour_purity (y, label, n);
  /* and the clusters' centres are far apart compared with their spread */
  double centre[2][2] = { { 0 } }, spread[2] = { 0 };
  for (int i = 0; i < n; i++)
    for (int a = 0; a < 2; a++)
      centre[label[i]][a] += y[2 * i + a] / (n / 2);
  for (int i = 0; i < n; i++)
    spread[label[i]] += hypot (y[2 * i] - centre[label[i]][0], y[2 * i + 1] - centre[label[i]][1])
                        / (n / 2);
  double gap = hypot (centre[0][0] - centre[1][0], centre[0][1] - centre[1][1]);
  g_test_message ("two clusters: nearest-neighbour purity %.4f, centre distance %.2f, mean "
                  "spread %.2f %.2f", purity, gap, spread[0], spread[1]);
  g_assert_cmpfloat (purity, >, 0.95);
  g_assert_cmpfloat (gap, >, 2.0 * MAX (spread[0], spread[1]));
}

static void
test_deterministic (void)
{
  g_autofree float *x = gaussian_clusters (90, 6, 3, 4.0, 2, NULL);
  ScmmTsneConfig config = short_run (150, 10);
  float a[180], b[180], c[180];
  run_tsne (x, 90, 6, &config, a);
  run_tsne (x, 90, 6, &config, b);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  config.seed++;
  run_tsne (x, 90, 6, &config, c);
  g_assert_true (memcmp (a, c, sizeof a) != 0);
}

typedef struct {
  int    calls;
  int    last_iteration;
  double first_kl;
  double last_kl;
  int    stop_at;   /* 0 = never */
} Progress;

static gboolean
on_progress (int iteration, int iterations, double kl, gpointer user_data)
{
  Progress *p = user_data;
  g_assert_cmpint (iteration, >, p->last_iteration);
  g_assert_cmpint (iteration, <=, iterations);
  g_assert_true (isfinite (kl) && kl >= 0.0);
  if (p->calls++ == 0)
    p->first_kl = kl;
  p->last_kl = kl;
  p->last_iteration = iteration;
  return p->stop_at == 0 || iteration < p->stop_at;
}

static void
test_progress_and_cancel (void)
{
  const int n = 100, d = 5;
  g_autofree float *x = gaussian_clusters (n, d, 2, 5.0, 3, NULL);
  ScmmTsneConfig config = short_run (200, 15);
  float y[200];
  GError *error = NULL;

  Progress p = { 0 };
  g_assert_true (scmm_tsne (x, n, d, &config, on_progress, &p, y, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p.calls, ==, 200 / SCMM_TSNE_REPORT_EVERY);
  g_assert_cmpint (p.last_iteration, ==, 200);
  g_test_message ("KL divergence: %.4f at iteration %d, %.4f at the end", p.first_kl,
                  SCMM_TSNE_REPORT_EVERY, p.last_kl);
  g_assert_cmpfloat (p.last_kl, <, p.first_kl);

  Progress stop = { .stop_at = 100 };
  float untouched[200];
  for (int i = 0; i < 200; i++)
    untouched[i] = y[i] = -7.0f;
  g_assert_false (scmm_tsne (x, n, d, &config, on_progress, &stop, y, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_CANCELLED, "100 of 200");
  g_assert_cmpint (stop.last_iteration, ==, 100);
  g_assert_cmpmem (y, sizeof y, untouched, sizeof untouched);
}

static void
test_errors (void)
{
  ScmmTsneConfig config = scmm_tsne_config_default ();
  GError *error = NULL;
  const int big = SCMM_TSNE_MAX_POINTS + 1;
  /* the cap is checked before anything is read or allocated */
  g_autofree float *x = g_new0 (float, (gsize) big * 2);
  g_autofree float *y = g_new (float, (gsize) big * 2);
  g_assert_false (scmm_tsne (x, big, 2, &config, NULL, NULL, y, &error));
  g_assert_nonnull (strstr (error->message, "PCA"));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "at most 3000 points");

  /* 20 points cannot carry a perplexity of 30 */
  for (int i = 0; i < 40; i++)
    x[i] = (float) i;
  g_assert_false (scmm_tsne (x, 20, 2, &config, NULL, NULL, y, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "perplexity");

  config.perplexity = 5;
  x[13] = NAN;
  g_assert_false (scmm_tsne (x, 20, 2, &config, NULL, NULL, y, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_NUMERIC, "row 6, column 1");
  x[13] = 13.0f;

  ScmmTsneConfig bad = config;
  bad.learning_rate = 0;
  g_assert_false (scmm_tsne (x, 20, 2, &bad, NULL, NULL, y, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "learning rate");
  bad = config;
  bad.final_momentum = 1.0;
  g_assert_false (scmm_tsne (x, 20, 2, &bad, NULL, NULL, y, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, NULL);
  bad = config;
  bad.iterations = 0;
  g_assert_false (scmm_tsne (x, 20, 2, &bad, NULL, NULL, y, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, NULL);

  g_assert_false (scmm_tsne (x, 2, 2, &config, NULL, NULL, y, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, NULL);

  /* identical points are not an error: they end up together */
  for (int i = 0; i < 40; i++)
    x[i] = 1.0f;
  g_assert_true (scmm_tsne (x, 20, 2, &config, NULL, NULL, y, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 40; i++)
    g_assert_true (isfinite (y[i]));
}

static void
test_timing (void)
{
  const int n = 1000, d = 128;
  g_autofree int *label = g_new (int, n);
  g_autofree float *x = gaussian_clusters (n, d, 4, 3.0, 4, label);
  g_autofree float *y = g_new (float, (gsize) n * 2);
  ScmmTsneConfig config = scmm_tsne_config_default ();
  gint64 t0 = g_get_monotonic_time ();
  run_tsne (x, n, d, &config, y);
  gint64 t1 = g_get_monotonic_time ();
  double purity = nearest_neighbour_purity (y, label, n);
  g_assert_cmpfloat (purity, >, 0.9);
  g_test_message ("timing: t-SNE of %d points (%d dimensions, %d iterations, perplexity %g): "
                  "%.2f s; nearest-neighbour purity of 4 clusters %.3f", n, d, config.iterations,
                  config.perplexity, (t1 - t0) / 1e6, purity);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tsne/separates-two-clusters", test_separates_two_clusters);
  g_test_add_func ("/tsne/deterministic", test_deterministic);
  g_test_add_func ("/tsne/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/tsne/errors", test_errors);
  g_test_add_func ("/tsne/timing", test_timing);
  return g_test_run ();
}
