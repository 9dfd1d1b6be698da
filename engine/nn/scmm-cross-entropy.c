/* scmm-cross-entropy.c: softmax cross-entropy. */
#include "scmm-cross-entropy.h"

#include <math.h>

double
scmm_cross_entropy_forward (float *probs, const float *logits, const int32_t *labels, int n,
                            int k)
{
  double total = 0.0;
  for (int i = 0; i < n; i++)
    {
      const float *z = logits + (size_t) i * k;
      float *p = probs + (size_t) i * k;
      float max = z[0];
      for (int j = 1; j < k; j++)
        max = fmaxf (max, z[j]);
      double sum = 0.0;
      for (int j = 0; j < k; j++)
        sum += exp ((double) z[j] - max);
      double log_sum = log (sum);
      for (int j = 0; j < k; j++)
        p[j] = (float) exp ((double) z[j] - max - log_sum);
      total -= (double) z[labels[i]] - max - log_sum;
    }
  return total / n;
}

void
scmm_cross_entropy_backward (float *dlogits, const float *probs, const int32_t *labels, int n,
                             int k, float dloss)
{
  const float scale = dloss / (float) n;
  for (int i = 0; i < n; i++)
    {
      const float *p = probs + (size_t) i * k;
      float *d = dlogits + (size_t) i * k;
      for (int j = 0; j < k; j++)
        d[j] += scale * (p[j] - (j == labels[i] ? 1.0f : 0.0f));
    }
}
