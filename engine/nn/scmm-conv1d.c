/* scmm-conv1d.c: 1-D convolution as one matrix product with a banded weight. */
#include "scmm-conv1d.h"

#include <cblas.h>
#include <string.h>

ScmmConv1dShape
scmm_conv1d_shape (int in_ch, int out_ch, int kernel, int pad, int in_len)
{
  ScmmConv1dShape s = {
    .in_ch = in_ch,
    .out_ch = out_ch,
    .kernel = kernel,
    .pad = pad,
    .in_len = in_len,
    .out_len = in_len + 2 * pad - kernel + 1,
  };
  return s;
}

gsize
scmm_conv1d_expanded_size (const ScmmConv1dShape *s)
{
  return (gsize) s->in_ch * s->in_len * s->out_ch * s->out_len;
}

/* T[ci*L + l, co*Lo + t] = w[co, ci, k] with k = l - t + pad, when 0 <= k < K. */
void
scmm_conv1d_expand (float *T, const float *weight, const ScmmConv1dShape *s)
{
  const int cols = s->out_ch * s->out_len;
  memset (T, 0, sizeof (float) * scmm_conv1d_expanded_size (s));
  for (int ci = 0; ci < s->in_ch; ci++)
    for (int l = 0; l < s->in_len; l++)
      {
        float *row = T + (size_t) (ci * s->in_len + l) * cols;
        for (int co = 0; co < s->out_ch; co++)
          {
            const float *w = weight + ((size_t) co * s->in_ch + ci) * s->kernel;
            for (int t = 0; t < s->out_len; t++)
              {
                int k = l - t + s->pad;
                if (k >= 0 && k < s->kernel)
                  row[co * s->out_len + t] = w[k];
              }
          }
      }
}

void
scmm_conv1d_forward (float *out, const float *in, const float *T, int n,
                     const ScmmConv1dShape *s)
{
  const int rows = s->in_ch * s->in_len;
  const int cols = s->out_ch * s->out_len;
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, cols, rows,
               1.0f, in, rows, T, cols, 0.0f, out, cols);
}

void
scmm_conv1d_backward (float *din, float *dweight, float *dT, const float *dout,
                      const float *in, const float *T, int n, const ScmmConv1dShape *s)
{
  const int rows = s->in_ch * s->in_len;
  const int cols = s->out_ch * s->out_len;

  /* dT = X^T dY, then fold the band back onto the kernel taps. */
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, rows, cols, n,
               1.0f, in, rows, dout, cols, 0.0f, dT, cols);
  for (int ci = 0; ci < s->in_ch; ci++)
    for (int l = 0; l < s->in_len; l++)
      {
        const float *row = dT + (size_t) (ci * s->in_len + l) * cols;
        for (int co = 0; co < s->out_ch; co++)
          {
            float *dw = dweight + ((size_t) co * s->in_ch + ci) * s->kernel;
            for (int t = 0; t < s->out_len; t++)
              {
                int k = l - t + s->pad;
                if (k >= 0 && k < s->kernel)
                  dw[k] += row[co * s->out_len + t];
              }
          }
      }

  if (din != NULL)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, n, rows, cols,
                 1.0f, dout, cols, T, cols, 1.0f, din, rows);
}
