/* scmm-awl.c: the automatic (learned) weighting of several losses. */
#include "scmm-awl.h"

#include <math.h>

double
scmm_awl_forward (const float *params, const double *losses, int k)
{
  double total = 0.0;
  for (int i = 0; i < k; i++)
    {
      double p2 = (double) params[i] * params[i];
      total += 0.5 / p2 * losses[i] + log1p (p2);
    }
  return total;
}

void
scmm_awl_backward (float *dparams, float *dlosses, const float *params, const double *losses,
                   int k)
{
  for (int i = 0; i < k; i++)
    {
      double p = params[i];
      double p2 = p * p;
      dlosses[i] = (float) (0.5 / p2);
      dparams[i] += (float) (-losses[i] / (p2 * p) + 2.0 * p / (1.0 + p2));
    }
}
