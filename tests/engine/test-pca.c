/* test-pca.c: PCA to 2-D: a known dominant direction, numpy's numbers (both
 * the Jacobi and the subspace-iteration path), low rank, determinism, errors
 * and a timing.
 *
 * tests/fixtures/embedding/embedding.h5 comes from tests/reference/embedding_reference.py. */
#include <math.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-pca.h"
#include "scmm-test-util.h"

static double
dot (const double *a, const double *b, int d)
{
  double s = 0.0;
  for (int i = 0; i < d; i++)
    s += a[i] * b[i];
  return s;
}

static void
assert_orthonormal (const ScmmPca *pca)
{
  const int d = pca->dim;
  const double *c0 = pca->components, *c1 = pca->components + d;
  g_assert_cmpfloat (fabs (dot (c0, c0, d) - 1.0), <, 1e-10);
  g_assert_cmpfloat (fabs (dot (c1, c1, d) - 1.0), <, 1e-10);
  g_assert_cmpfloat (fabs (dot (c0, c1, d)), <, 1e-8);
}

/* A fit that must succeed, with orthonormal components. */
static ScmmPca *
fit (const float *x, int n, int d)
{
  GError *error = NULL;
  ScmmPca *pca = scmm_pca_fit (x, n, d, &error);
  g_assert_no_error (error);
  assert_orthonormal (pca);
  return pca;
}

/* x [n, d] = t u + s v + noise, u and v [d] random orthonormal (NULL: not
 * wanted), var(t) 9, var(s) 1, noise 0.03 per coordinate (variance 9e-4),
 * offset 5. */
static float *
two_directions (int n, int d, uint64_t seed, double *u, double *v)
{
  ScmmRng rng;
  scmm_rng_init (&rng, seed);
  g_autofree double *own_u = u == NULL ? g_new (double, d) : NULL;
  g_autofree double *own_v = v == NULL ? g_new (double, d) : NULL;
  u = u != NULL ? u : own_u;
  v = v != NULL ? v : own_v;
  for (int j = 0; j < d; j++)
    {
      u[j] = scmm_rng_normal (&rng);
      v[j] = scmm_rng_normal (&rng);
    }
  double nu = sqrt (dot (u, u, d));
  for (int j = 0; j < d; j++)
    u[j] /= nu;
  double uv = dot (u, v, d);
  for (int j = 0; j < d; j++)
    v[j] -= uv * u[j];
  double nv = sqrt (dot (v, v, d));
  for (int j = 0; j < d; j++)
    v[j] /= nv;
  float *x = g_new (float, (gsize) n * d);
  for (int i = 0; i < n; i++)
    {
      double t = 3.0 * scmm_rng_normal (&rng), s = scmm_rng_normal (&rng);
      for (int j = 0; j < d; j++)
        x[(gsize) i * d + j] = (float) (5.0 + t * u[j] + s * v[j] + 0.03 * scmm_rng_normal (&rng));
    }
  return x;
}

static void
check_known_directions (int d)
{
  const int n = 4000;
  g_autofree double *u = g_new (double, d);
  g_autofree double *v = g_new (double, d);
  g_autofree float *x = two_directions (n, d, 100 + d, u, v);
  g_autoptr (ScmmPca) pca = fit (x, n, d);
  double along_u = fabs (dot (pca->components, u, d));
  double along_v = fabs (dot (pca->components + d, v, d));
  /* expected ratios: 9 and 1 of 9 + 1 + 9e-4 d, up to sampling (the sample
   * correlation of t and s, about 1 / sqrt(n), tilts the components by
   * about 0.006 radians) */
  double total = 10.0 + 9e-4 * d;
  g_test_message ("D = %d: |<c1, u>| = %.6f, |<c2, v>| = %.6f, ratios %.4f %.4f (expected about "
                  "%.4f %.4f)", d, along_u, along_v, pca->variance_ratio[0],
                  pca->variance_ratio[1], 9.0 / total, 1.0 / total);
  g_assert_cmpfloat (along_u, >, 0.9995);
  g_assert_cmpfloat (along_v, >, 0.999);
  g_assert_cmpfloat (fabs (pca->variance_ratio[0] - 9.0 / total), <, 0.02);
  g_assert_cmpfloat (fabs (pca->variance_ratio[1] - 1.0 / total), <, 0.01);
  g_assert_cmpfloat (fabs (pca->variance[0] / 9.0 - 1.0), <, 0.06);
  /* the sign convention: each component's largest loading is positive */
  for (int c = 0; c < SCMM_PCA_COMPONENTS; c++)
    {
      const double *comp = pca->components + (gsize) c * d;
      int largest = 0;
      for (int j = 1; j < d; j++)
        if (fabs (comp[j]) > fabs (comp[largest]))
          largest = j;
      g_assert_cmpfloat (comp[largest], >, 0.0);
    }
  /* the projection is centred and has the components' variances */
  g_autofree float *y = g_new (float, (gsize) n * 2);
  GError *error = NULL;
  g_assert_true (scmm_pca_transform (pca, x, n, d, y, &error));
  double mean = 0.0, var = 0.0;
  for (int i = 0; i < n; i++)
    mean += y[2 * i];
  mean /= n;
  for (int i = 0; i < n; i++)
    var += (y[2 * i] - mean) * (y[2 * i] - mean);
  var /= n - 1;
  g_assert_cmpfloat (fabs (mean), <, 1e-4);
  g_assert_cmpfloat (fabs (var / pca->variance[0] - 1.0), <, 1e-4);
}

static void
test_known_direction_small (void)
{
  check_known_directions (6);
}

static void
test_known_direction_large (void)
{
  check_known_directions (384);
}

/* ---- against numpy ---- */

static void
check_fixture_case (const char *name)
{
  g_autoptr (ScmmH5) h5 = scmm_test_open_fixture ("embedding/embedding.h5");
  GError *error = NULL;
  g_autofree char *group = g_strdup_printf ("pca/%s", name);
  g_autofree char *x_name = g_strconcat (group, "/x", NULL);
  ScmmShape shape;
  ScmmShape any2 = SCMM_SHAPE2 (-1, -1);
  g_autofree float *x = scmm_h5_read_f32 (h5, x_name, &any2, &shape, &error);
  g_assert_no_error (error);
  const int n = (int) shape.dim[0], d = (int) shape.dim[1];
  g_autoptr (ScmmPca) pca = fit (x, n, d);

  struct { const char *key; ScmmShape shape; const double *actual; } parts[] = {
    { "mean", SCMM_SHAPE1 (d), pca->mean },
    { "components", SCMM_SHAPE2 (2, d), pca->components },
    { "variance", SCMM_SHAPE1 (2), pca->variance },
    { "variance_ratio", SCMM_SHAPE1 (2), pca->variance_ratio },
  };
  for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
    {
      g_autofree char *key = g_strdup_printf ("%s/%s", group, parts[k].key);
      g_autofree double *expected = scmm_h5_read_f64 (h5, key, &parts[k].shape, NULL, &error);
      g_assert_no_error (error);
      int64_t m = scmm_shape_numel (&parts[k].shape);
      double worst = 0.0, scale = 0.0;
      for (int64_t i = 0; i < m; i++)
        {
          worst = MAX (worst, fabs (parts[k].actual[i] - expected[i]));
          scale = MAX (scale, fabs (expected[i]));
        }
      g_test_message ("%s %s: max |diff| / max |numpy| = %.2e", name, parts[k].key,
                      worst / scale);
      if (!(worst <= 1e-4 * scale))
        g_error ("%s %s differs from numpy by %.3g relative", name, parts[k].key, worst / scale);
    }

  g_autofree char *proj_name = g_strconcat (group, "/projection", NULL);
  ScmmShape proj_shape = SCMM_SHAPE2 (n, 2);
  g_autofree double *expected = scmm_h5_read_f64 (h5, proj_name, &proj_shape, NULL, &error);
  g_assert_no_error (error);
  g_autofree float *expected32 = g_new (float, (gsize) n * 2);
  for (int i = 0; i < 2 * n; i++)
    expected32[i] = (float) expected[i];
  g_autofree float *y = g_new (float, (gsize) n * 2);
  g_assert_true (scmm_pca_transform (pca, x, n, d, y, &error));
  double rel = scmm_test_assert_close ("projection", y, expected32, (gsize) n * 2, 1e-4, 0.0);
  g_test_message ("%s (%d x %d) projection: max |diff| / max |numpy| = %.2e", name, n, d, rel);
}

static void
test_matches_numpy_jacobi (void)
{
  check_fixture_case ("small");
}

static void
test_matches_numpy_subspace (void)
{
  check_fixture_case ("large");
}

/* ---- edge cases ---- */

/* Five points in 64 dimensions: a covariance of rank 4. */
static void
test_low_rank (void)
{
  const int n = 5, d = 64;
  ScmmRng rng;
  scmm_rng_init (&rng, 9);
  float x[5 * 64];
  scmm_test_fill_uniform (x, G_N_ELEMENTS (x), &rng, -1.0f, 1.0f);
  g_autoptr (ScmmPca) pca = fit (x, n, d);
  g_assert_cmpfloat (pca->variance[0], >=, pca->variance[1]);
  g_assert_cmpfloat (pca->variance_ratio[0] + pca->variance_ratio[1], <=, 1.0 + 1e-12);
  g_assert_cmpfloat (pca->variance_ratio[1], >, 0.0);

  /* two points: one direction, the second component has no variance */
  g_autoptr (ScmmPca) line = fit (x, 2, d);
  g_assert_cmpfloat (fabs (line->variance_ratio[0] - 1.0), <, 1e-9);
  g_assert_cmpfloat (fabs (line->variance_ratio[1]), <, 1e-9);
}

static void
test_deterministic (void)
{
  const int n = 300, d = 50;
  g_autofree float *x = two_directions (n, d, 4, NULL, NULL);
  g_autoptr (ScmmPca) a = fit (x, n, d);
  g_autoptr (ScmmPca) b = fit (x, n, d);
  g_assert_cmpmem (a->components, sizeof (double) * 2 * d, b->components, sizeof (double) * 2 * d);
  g_assert_cmpmem (a->variance, sizeof a->variance, b->variance, sizeof b->variance);
}

static void
test_errors (void)
{
  float x[4 * 3] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  GError *error = NULL;

  g_assert_null (scmm_pca_fit (x, 1, 3, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, NULL);
  g_assert_null (scmm_pca_fit (x, 4, 1, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, NULL);

  x[7] = NAN;
  g_assert_null (scmm_pca_fit (x, 4, 3, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_NUMERIC, "NaN at row 2, column 1");
  x[7] = INFINITY;
  g_assert_null (scmm_pca_fit (x, 4, 3, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_NUMERIC, NULL);

  float same[3 * 2] = { 1, 2, 1, 2, 1, 2 };
  g_assert_null (scmm_pca_fit (same, 3, 2, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_NUMERIC, "the same");

  float ok[3 * 2] = { 1, 2, 3, 5, 2, 0 };
  g_autoptr (ScmmPca) pca = fit (ok, 3, 2);
  float y[6];
  g_assert_false (scmm_pca_transform (pca, x, 2, 3, y, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_SHAPE, "fitted on 2");
}

/* ---- timing ---- */

static void
test_timing (void)
{
  const int n = 2000, d = 128;
  g_autofree float *x = two_directions (n, d, 77, NULL, NULL);
  ScmmRng rng;
  scmm_rng_init (&rng, 78);
  /* give it a real spectrum: some more spread along every axis */
  for (gsize i = 0; i < (gsize) n * d; i++)
    x[i] += (float) (0.3 * scmm_rng_normal (&rng) * (1.0 + (i % d) / 32.0));
  g_autofree float *y = g_new (float, (gsize) n * 2);
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (ScmmPca) pca = fit (x, n, d);
  GError *error = NULL;
  g_assert_true (scmm_pca_transform (pca, x, n, d, y, &error));
  gint64 t1 = g_get_monotonic_time ();
  g_test_message ("timing: PCA of %d x %d (fit + projection): %.1f ms; ratios %.3f %.3f", n, d,
                  (t1 - t0) / 1e3, pca->variance_ratio[0], pca->variance_ratio[1]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pca/known-direction-small", test_known_direction_small);
  g_test_add_func ("/pca/known-direction-large", test_known_direction_large);
  g_test_add_func ("/pca/matches-numpy-jacobi", test_matches_numpy_jacobi);
  g_test_add_func ("/pca/matches-numpy-subspace", test_matches_numpy_subspace);
  g_test_add_func ("/pca/low-rank", test_low_rank);
  g_test_add_func ("/pca/deterministic", test_deterministic);
  g_test_add_func ("/pca/errors", test_errors);
  g_test_add_func ("/pca/timing", test_timing);
  return g_test_run ();
}
