/* scmm-aggregator.c: H_rec = R H and its backward through the softmax. */
#include "scmm-aggregator.h"

#include <cblas.h>

void
scmm_aggregator_forward (float *Hrec, const float *R, const float *H, int n, int d)
{
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, d, n,
               1.0f, R, n, H, d, 0.0f, Hrec, d);
}

void
scmm_aggregator_backward (float *dH, float *dS, float *dR, const float *dHrec, const float *R,
                          const float *H, int n, int d, float tau)
{
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, n, d, n,
               1.0f, R, n, dHrec, d, 1.0f, dH, d);
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, n, n, d,
               1.0f, dHrec, d, H, d, 0.0f, dR, n);

  const float inv_tau = 1.0f / tau;
  for (int i = 0; i < n; i++)
    {
      const float *r = R + (size_t) i * n;
      const float *g = dR + (size_t) i * n;
      float *ds = dS + (size_t) i * n;
      double dot = 0.0;
      for (int j = 0; j < n; j++)
        dot += (double) r[j] * g[j];
      const float mean = (float) dot;
      /* R_ii = 0, so the excluded diagonal gets nothing. */
      for (int j = 0; j < n; j++)
        ds[j] += r[j] * (g[j] - mean) * inv_tau;
    }
}
