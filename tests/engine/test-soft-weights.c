/* test-soft-weights.c: soft targets against a direct double-precision
 * computation of SCMM-METHOD.md §4 steps 1-4, and their structure. */
#include <math.h>

#include "scmm-soft-weights.h"
#include "scmm-test-util.h"

static void
reference_targets (double *W, const float *x, int n, int d, int b, double alpha, double sigma)
{
  double *D = g_new (double, (gsize) n * n);
  double gmin = INFINITY;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      {
        double dot = 0, ni = 0, nj = 0;
        for (int k = 0; k < d; k++)
          {
            dot += (double) x[i * d + k] * x[j * d + k];
            ni += (double) x[i * d + k] * x[i * d + k];
            nj += (double) x[j * d + k] * x[j * d + k];
          }
        D[i * n + j] = -dot / (fmax (sqrt (ni), 1e-8) * fmax (sqrt (nj), 1e-8));
        if (i != j)
          gmin = fmin (gmin, D[i * n + j]);
      }
  for (int i = 0; i < n; i++)
    D[i * n + i] = gmin;
  for (int j = 0; j < n; j++)
    {
      double lo = INFINITY, hi = -INFINITY;
      for (int i = 0; i < n; i++)
        lo = fmin (lo, D[i * n + j]), hi = fmax (hi, D[i * n + j]);
      double range = hi - lo == 0 ? 1 : hi - lo;
      for (int i = 0; i < n; i++)
        {
          double w = 2 * alpha / (1 + exp ((D[i * n + j] - lo) / range / sigma));
          gboolean positive = i != j && i % b == j % b;
          W[i * n + j] = i == j ? 0 : positive ? 1 : w;
        }
    }
  g_free (D);
}

static void
check_targets (int b, int views, double alpha, double sigma, gboolean zero_row)
{
  const int n = (views + 1) * b, d = 12;
  ScmmRng rng;
  scmm_rng_init (&rng, (guint64) (b * 100 + views));
  float *x = g_new (float, (gsize) n * d);
  scmm_test_fill_uniform (x, (gsize) n * d, &rng, 0, 1);
  if (zero_row)   /* a fully masked row: its norm is clamped, its cosine 0 */
    for (int k = 0; k < d; k++)
      x[(n - 1) * d + k] = 0.0f;
  float *W = g_new (float, (gsize) n * n), *norms = g_new (float, n);
  double *expect = g_new (double, (gsize) n * n);
  ScmmSoftWeightConfig config = { (float) alpha, (float) sigma };
  scmm_soft_targets (W, norms, x, n, d, b, &config);
  reference_targets (expect, x, n, d, b, alpha, sigma);
  for (int i = 0; i < n * n; i++)
    {
      g_assert_cmpfloat_with_epsilon (W[i], expect[i], 2e-5);
      g_assert_true (W[i] >= 0.0f && W[i] <= 1.0f);
    }
  for (int i = 0; i < n; i++)
    {
      g_assert_cmpfloat (W[i * n + i], ==, 0.0f);
      for (int j = 0; j < n; j++)
        if (i != j && i % b == j % b)
          g_assert_cmpfloat (W[i * n + j], ==, 1.0f);
        else if (i != j)
          g_assert_cmpfloat (W[i * n + j], <=, alpha + 1e-6);
    }
  g_free (x); g_free (W); g_free (norms); g_free (expect);
}

static void
test_soft_weights_one_view (void)
{
  check_targets (6, 1, 0.5, 0.05, FALSE);
}

static void
test_soft_weights_two_views (void)
{
  check_targets (5, 2, 0.75, 0.5, FALSE);
}

static void
test_soft_weights_zero_row (void)
{
  check_targets (4, 1, 0.5, 0.2, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/soft-weights/one-view", test_soft_weights_one_view);
  g_test_add_func ("/soft-weights/two-views", test_soft_weights_two_views);
  g_test_add_func ("/soft-weights/zero-row", test_soft_weights_zero_row);
  return g_test_run ();
}
