/* scmm-soft-weights.c: soft contrastive targets from input-space cosine distance. */
#include "scmm-soft-weights.h"

#include <cblas.h>
#include <float.h>
#include <math.h>

void
scmm_soft_targets (float *W, float *norms, const float *x_in, int n, int d, int b,
                   const ScmmSoftWeightConfig *config)
{
  /* Gram matrix x x^T into W, then turned into D = -cos in place. */
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, n, n, d,
               1.0f, x_in, d, x_in, d, 0.0f, W, n);
  for (int i = 0; i < n; i++)
    {
      const float *x = x_in + (size_t) i * d;
      double sq = 0.0;
      for (int k = 0; k < d; k++)
        sq += (double) x[k] * x[k];
      float norm = (float) sqrt (sq);
      norms[i] = norm > 1e-8f ? norm : 1e-8f;
    }

  float global_min = FLT_MAX;
  for (int i = 0; i < n; i++)
    {
      float *row = W + (size_t) i * n;
      const float inv_i = 1.0f / norms[i];
      for (int j = 0; j < n; j++)
        row[j] = -(row[j] * inv_i) / norms[j];
      /* Comparisons rather than fminf/fmaxf: no NaN here, and they inline. */
      for (int j = 0; j < n; j++)
        if (j != i && row[j] < global_min)
          global_min = row[j];
    }
  for (int i = 0; i < n; i++)
    W[(size_t) i * n + i] = global_min;

  /* Column maxima; every column's minimum is the diagonal's global_min. */
  float *col_max = g_alloca (sizeof (float) * n);
  for (int j = 0; j < n; j++)
    col_max[j] = -FLT_MAX;
  for (int i = 0; i < n; i++)
    {
      const float *row = W + (size_t) i * n;
      for (int j = 0; j < n; j++)
        col_max[j] = row[j] > col_max[j] ? row[j] : col_max[j];
    }
  float *inv_range_over_sigma = g_alloca (sizeof (float) * n);
  for (int j = 0; j < n; j++)
    {
      float range = col_max[j] - global_min;
      if (range == 0.0f)
        range = 1.0f;
      inv_range_over_sigma[j] = 1.0f / range / config->sigma;
    }

  const float two_alpha = 2.0f * config->alpha;
  for (int i = 0; i < n; i++)
    {
      float *row = W + (size_t) i * n;
      for (int j = 0; j < n; j++)
        row[j] = two_alpha / (1.0f + expf ((row[j] - global_min) * inv_range_over_sigma[j]));
      /* positives and the diagonal */
      for (int j = i % b; j < n; j += b)
        row[j] = j == i ? 0.0f : 1.0f;
    }
}
