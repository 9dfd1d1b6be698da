/* scmm-maxpool.c: 1-D max pooling with -inf padding. */
#include "scmm-maxpool.h"

#include <math.h>

ScmmMaxPoolShape
scmm_maxpool_shape (int n, int ch, int in_len, int kernel, int stride, int pad)
{
  ScmmMaxPoolShape s = {
    .n = n, .ch = ch, .in_len = in_len, .kernel = kernel, .stride = stride, .pad = pad,
    .out_len = (in_len + 2 * pad - kernel) / stride + 1,
  };
  return s;
}

void
scmm_maxpool_forward (float *out, int32_t *argmax, const float *in, const ScmmMaxPoolShape *s)
{
  const gsize rows = (gsize) s->n * s->ch;
  for (gsize r = 0; r < rows; r++)
    {
      const float *x = in + r * s->in_len;
      float *y = out + r * s->out_len;
      int32_t *a = argmax + r * s->out_len;
      for (int t = 0; t < s->out_len; t++)
        {
          int start = t * s->stride - s->pad;
          float best = -INFINITY;
          int32_t where = -1;
          for (int j = 0; j < s->kernel; j++)
            {
              int l = start + j;
              if (l < 0 || l >= s->in_len)
                continue;
              /* `>` keeps the first maximum; NaN propagates as in PyTorch. */
              if (where < 0 || x[l] > best || isnan (x[l]))
                {
                  best = x[l];
                  where = l;
                  if (isnan (best))
                    break;
                }
            }
          y[t] = best;
          a[t] = where;
        }
    }
}

void
scmm_maxpool_backward (float *din, const float *dout, const int32_t *argmax,
                       const ScmmMaxPoolShape *s)
{
  const gsize rows = (gsize) s->n * s->ch;
  for (gsize r = 0; r < rows; r++)
    {
      float *dx = din + r * s->in_len;
      const float *dy = dout + r * s->out_len;
      const int32_t *a = argmax + r * s->out_len;
      for (int t = 0; t < s->out_len; t++)
        if (a[t] >= 0)
          dx[a[t]] += dy[t];
    }
}
