/* scmm-mse.c: mean squared error. */
#include "scmm-mse.h"

double
scmm_mse_forward (const float *pred, const float *target, gsize count)
{
  double sum = 0.0;
  for (gsize i = 0; i < count; i++)
    {
      double d = (double) pred[i] - target[i];
      sum += d * d;
    }
  return sum / (double) count;
}

void
scmm_mse_backward (float *dpred, const float *pred, const float *target, gsize count,
                   float dloss)
{
  const float scale = 2.0f * dloss / (float) count;
  for (gsize i = 0; i < count; i++)
    dpred[i] += scale * (pred[i] - target[i]);
}
