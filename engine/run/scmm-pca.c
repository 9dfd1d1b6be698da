/* scmm-pca.c: PCA to 2-D: covariance, top eigenvectors, projection. */
#include "scmm-pca.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-finite.h"
#include "scmm-rng.h"
#include "scmm-symmetric-eigen.h"

/* Subspace iteration block: the two wanted vectors and ten more, so that the
 * convergence rate is lambda_13 / lambda_2 rather than lambda_3 / lambda_2. */
#define BLOCK              12
#define MAX_ITERATIONS     1000
#define RESIDUAL_TOLERANCE 1e-9
#define START_SEED         20240816u

void
scmm_pca_free (ScmmPca *pca)
{
  if (pca != NULL)
    g_free (pca->mean);   /* and the components after it */
  g_free (pca);
}

static gboolean
check_input (const float *x, int n, int d, GError **error)
{
  if (n < 2 || d < SCMM_PCA_COMPONENTS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "PCA to 2-D needs at least 2 points of at least 2 dimensions, not %d x %d",
                   n, d);
      return FALSE;
    }
  return scmm_check_finite (x, (gsize) n, (gsize) d, "the points to project", error);
}

/* xc [n, d] = x - mean, in double; mean [d]. */
static double *
centre (const float *x, int n, int d, double *mean)
{
  memset (mean, 0, sizeof (double) * d);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < d; j++)
      mean[j] += x[(gsize) i * d + j];
  for (int j = 0; j < d; j++)
    mean[j] /= n;
  double *xc = g_new (double, (gsize) n * d);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < d; j++)
      xc[(gsize) i * d + j] = x[(gsize) i * d + j] - mean[j];
  return xc;
}

/* cov [d, d] = xc^T xc / (n - 1). */
static double *
covariance (const double *xc, int n, int d)
{
  double *cov = g_new (double, (gsize) d * d);
  cblas_dsyrk (CblasRowMajor, CblasUpper, CblasTrans, d, n, 1.0 / (n - 1), xc, d, 0.0, cov, d);
  for (int i = 0; i < d; i++)
    for (int j = 0; j < i; j++)
      cov[i * d + j] = cov[j * d + i];
  return cov;
}

/* Makes the p columns of v [d, p] orthonormal (Gram-Schmidt, twice for
 * accuracy); a column that vanishes (a covariance of low rank) is replaced
 * by a random one. */
static void
orthonormalise_columns (double *v, int d, int p, ScmmRng *rng)
{
  for (int c = 0; c < p; c++)
    {
      double before = 0.0, norm = 0.0;
      for (int i = 0; i < d; i++)
        before += v[i * p + c] * v[i * p + c];
      for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < c; k++)
          {
            double dot = 0.0;
            for (int i = 0; i < d; i++)
              dot += v[i * p + k] * v[i * p + c];
            for (int i = 0; i < d; i++)
              v[i * p + c] -= dot * v[i * p + k];
          }
      for (int i = 0; i < d; i++)
        norm += v[i * p + c] * v[i * p + c];
      if (!(norm > 1e-20 * before) || norm == 0.0)
        {
          for (int i = 0; i < d; i++)
            v[i * p + c] = scmm_rng_normal (rng);
          c--;   /* orthogonalise the new column again */
          continue;
        }
      norm = sqrt (norm);
      for (int i = 0; i < d; i++)
        v[i * p + c] /= norm;
    }
}

/* c [rows, p] = a [rows, p] . q [p, p] */
static void
times_small (const double *a, const double *q, int rows, int p, double *c)
{
  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, p, p, 1.0, a, p, q, p, 0.0, c, p);
}

/* The largest |A v_i - theta_i v_i| of the wanted Ritz pairs. */
static double
ritz_residual (const double *av, const double *v, const double *theta, int d, int p, int k)
{
  double worst = 0.0;
  for (int c = 0; c < k; c++)
    {
      double s = 0.0;
      for (int i = 0; i < d; i++)
        {
          double r = av[i * p + c] - theta[c] * v[i * p + c];
          s += r * r;
        }
      worst = MAX (worst, sqrt (s));
    }
  return worst;
}

/* values [k], vectors [k, d] (rows): the top k eigenpairs of cov [d, d] by
 * subspace iteration with Rayleigh-Ritz. */
static void
top_eigen_subspace (const double *cov, int d, int k, double *values, double *vectors)
{
  const int p = BLOCK;
  ScmmRng rng;
  scmm_rng_init (&rng, START_SEED);
  g_autofree double *v = g_new (double, (gsize) d * p);
  g_autofree double *av = g_new (double, (gsize) d * p);
  g_autofree double *ritz_v = g_new (double, (gsize) d * p);
  g_autofree double *ritz_av = g_new (double, (gsize) d * p);
  double h[BLOCK * BLOCK], q[BLOCK * BLOCK], theta[BLOCK];
  for (gsize i = 0; i < (gsize) d * p; i++)
    v[i] = scmm_rng_normal (&rng);
  orthonormalise_columns (v, d, p, &rng);

  for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++)
    {
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, d, p, d, 1.0, cov, d, v, p, 0.0,
                   av, p);
      cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, p, p, d, 1.0, v, p, av, p, 0.0, h, p);
      for (int i = 0; i < p; i++)
        for (int j = 0; j < i; j++)
          h[i * p + j] = h[j * p + i] = 0.5 * (h[i * p + j] + h[j * p + i]);
      scmm_symmetric_eigen (h, p, theta, q);
      times_small (v, q, d, p, ritz_v);
      times_small (av, q, d, p, ritz_av);
      if (ritz_residual (ritz_av, ritz_v, theta, d, p, k) <= RESIDUAL_TOLERANCE * fabs (theta[0]))
        break;
      memcpy (v, ritz_av, sizeof (double) * d * p);
      orthonormalise_columns (v, d, p, &rng);
    }
  for (int c = 0; c < k; c++)
    {
      values[c] = theta[c];
      for (int i = 0; i < d; i++)
        vectors[c * d + i] = ritz_v[i * p + c];
    }
}

/* The same by Jacobi on the whole of cov, for small d. */
static void
top_eigen_jacobi (const double *cov, int d, int k, double *values, double *vectors)
{
  g_autofree double *a = g_memdup2 (cov, sizeof (double) * d * d);
  g_autofree double *all_values = g_new (double, d);
  g_autofree double *all_vectors = g_new (double, (gsize) d * d);
  scmm_symmetric_eigen (a, d, all_values, all_vectors);
  for (int c = 0; c < k; c++)
    {
      values[c] = all_values[c];
      for (int i = 0; i < d; i++)
        vectors[c * d + i] = all_vectors[i * d + c];
    }
}

/* Flips v [d] so that its largest-magnitude entry (the first on a tie) is positive. */
static void
fix_sign (double *v, int d)
{
  int largest = 0;
  for (int i = 1; i < d; i++)
    if (fabs (v[i]) > fabs (v[largest]))
      largest = i;
  if (v[largest] < 0.0)
    for (int i = 0; i < d; i++)
      v[i] = -v[i];
}

ScmmPca *
scmm_pca_fit (const float *x, int n, int d, GError **error)
{
  if (!check_input (x, n, d, error))
    return NULL;
  g_autoptr (ScmmPca) pca = g_new0 (ScmmPca, 1);
  pca->dim = d;
  pca->mean = g_new (double, (gsize) (1 + SCMM_PCA_COMPONENTS) * d);
  pca->components = pca->mean + d;
  g_autofree double *xc = centre (x, n, d, pca->mean);
  g_autofree double *cov = covariance (xc, n, d);
  for (int i = 0; i < d; i++)
    pca->total_variance += cov[i * d + i];
  if (!(pca->total_variance > 0.0))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                   "all %d points are the same: there is no direction to project on", n);
      return NULL;
    }

  if (d <= BLOCK)
    top_eigen_jacobi (cov, d, SCMM_PCA_COMPONENTS, pca->variance, pca->components);
  else
    top_eigen_subspace (cov, d, SCMM_PCA_COMPONENTS, pca->variance, pca->components);
  for (int c = 0; c < SCMM_PCA_COMPONENTS; c++)
    {
      fix_sign (pca->components + (gsize) c * d, d);
      pca->variance_ratio[c] = pca->variance[c] / pca->total_variance;
    }
  return g_steal_pointer (&pca);
}

gboolean
scmm_pca_transform (const ScmmPca *pca, const float *x, int n, int d, float *out, GError **error)
{
  if (d != pca->dim)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "the points have %d dimensions but the PCA was fitted on %d", d, pca->dim);
      return FALSE;
    }
  if (!scmm_check_finite (x, (gsize) n, (gsize) d, "the points to project", error))
    return FALSE;
  for (int i = 0; i < n; i++)
    for (int c = 0; c < SCMM_PCA_COMPONENTS; c++)
      {
        const double *component = pca->components + (gsize) c * d;
        double s = 0.0;
        for (int j = 0; j < d; j++)
          s += (x[(gsize) i * d + j] - pca->mean[j]) * component[j];
        out[i * SCMM_PCA_COMPONENTS + c] = (float) s;
      }
  return TRUE;
}
