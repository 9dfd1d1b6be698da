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

/* The encoder's pool, kernel 2, stride 2, padding 1: output t sees inputs
 * 2t - 1 and 2t, of which only the existing ones. */
static void
maxpool_forward_2_2_1 (float *out, int32_t *argmax, const float *in, const ScmmMaxPoolShape *s)
{
  const gsize rows = (gsize) s->n * s->ch;
  const int L = s->in_len;
  for (gsize r = 0; r < rows; r++)
    {
      const float *x = in + r * L;
      float *y = out + r * s->out_len;
      int32_t *a = argmax + r * s->out_len;
      y[0] = x[0];
      a[0] = 0;
      for (int t = 1; t < s->out_len; t++)
        {
          int l = 2 * t - 1;
          /* the second wins only if strictly greater (first maximum); NaN propagates */
          gboolean second = l + 1 < L && (x[l + 1] > x[l] || isnan (x[l + 1])) && !isnan (x[l]);
          y[t] = second ? x[l + 1] : x[l];
          a[t] = second ? l + 1 : l;
        }
    }
}

void
scmm_maxpool_forward (float *out, int32_t *argmax, const float *in, const ScmmMaxPoolShape *s)
{
  if (s->kernel == 2 && s->stride == 2 && s->pad == 1)
    {
      maxpool_forward_2_2_1 (out, argmax, in, s);
      return;
    }
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
