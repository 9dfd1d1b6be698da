/* scmm-activation.c: ReLU and sigmoid. */
#include "scmm-activation.h"

#include <math.h>

void
scmm_relu_forward (float *out, const float *in, gsize n)
{
  for (gsize i = 0; i < n; i++)
    out[i] = in[i] > 0.0f ? in[i] : 0.0f;
}

void
scmm_relu_backward (float *din, const float *dout, const float *out, gsize n)
{
  /* Both loads unconditional, so that the loop vectorises. */
  for (gsize i = 0; i < n; i++)
    {
      float g = dout[i];
      din[i] += out[i] > 0.0f ? g : 0.0f;
    }
}

void
scmm_sigmoid_forward (float *out, const float *in, gsize n)
{
  for (gsize i = 0; i < n; i++)
    out[i] = 1.0f / (1.0f + expf (-in[i]));
}

void
scmm_sigmoid_backward (float *din, const float *dout, const float *out, gsize n)
{
  for (gsize i = 0; i < n; i++)
    din[i] += dout[i] * out[i] * (1.0f - out[i]);
}
