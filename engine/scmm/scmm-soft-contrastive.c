/* scmm-soft-contrastive.c: the soft contrastive loss and its gradient. */
#include "scmm-soft-contrastive.h"

#include <float.h>
#include <math.h>

double
scmm_soft_contrastive_forward (float *P, const float *S, const float *W, int n, float tau)
{
  const float inv_tau = 1.0f / tau;
  double loss = 0.0;
  for (int i = 0; i < n; i++)
    {
      const float *s = S + (size_t) i * n;
      const float *w = W + (size_t) i * n;
      float *p = P + (size_t) i * n;

      /* The diagonal is excluded (S_ii = |z_i|^2 is usually the largest
       * entry: it must not even be exponentiated). */
      float max = -FLT_MAX;
      for (int j = 0; j < n; j++)
        {
          float v = s[j] * inv_tau;
          max = j != i && v > max ? v : max;
        }
      double z = 0.0;
      for (int j = 0; j < i; j++)
        {
          p[j] = expf (s[j] * inv_tau - max);
          z += p[j];
        }
      p[i] = 0.0f;
      for (int j = i + 1; j < n; j++)
        {
          p[j] = expf (s[j] * inv_tau - max);
          z += p[j];
        }
      const float inv_z = (float) (1.0 / z);
      const double log_z = log (z) + max;

      /* sum_j W_ij log p_ij = sum_j W_ij S_ij / tau - log Z_i sum_j W_ij (W_ii = 0). */
      double ws = 0.0, wsum = 0.0;
      for (int j = 0; j < n; j++)
        {
          p[j] *= inv_z;
          ws += (double) w[j] * s[j];
          wsum += w[j];
        }
      loss -= ws * inv_tau - log_z * wsum;
    }
  return loss / ((double) n * (n - 1));
}

void
scmm_soft_contrastive_backward (float *dS, const float *P, const float *W, int n, float tau,
                                float dloss)
{
  const float scale = (float) ((double) dloss / ((double) tau * n * (n - 1)));
  for (int i = 0; i < n; i++)
    {
      const float *p = P + (size_t) i * n;
      const float *w = W + (size_t) i * n;
      float *d = dS + (size_t) i * n;
      double wsum = 0.0;
      for (int j = 0; j < n; j++)
        wsum += w[j];
      const float row_w = (float) wsum;
      /* p_ii = W_ii = 0: the diagonal gets nothing. */
      for (int j = 0; j < n; j++)
        d[j] += scale * (p[j] * row_w - w[j]);
    }
}
