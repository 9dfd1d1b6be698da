/* scmm-batchnorm.c: batch normalisation, train and eval, forward and backward.
 *
 * Per-channel sums are accumulated in double; the loops run over the batch
 * outermost so that the channel (and length) axis is contiguous. */
#include "scmm-batchnorm.h"

#include <math.h>
#include <string.h>

/* sums[c] += sum over (n, l) of a[n, c, l] (and of a*b when b != NULL into prods). */
static void
channel_sums (double *sums, double *prods, const float *a, const float *b,
              const ScmmBatchNormShape *s)
{
  const int row = s->ch * s->len;
  for (int c = 0; c < s->ch; c++)
    sums[c] = 0.0;
  if (prods != NULL)
    for (int c = 0; c < s->ch; c++)
      prods[c] = 0.0;
  for (int i = 0; i < s->n; i++)
    {
      const float *ai = a + (size_t) i * row;
      const float *bi = b != NULL ? b + (size_t) i * row : NULL;
      for (int c = 0; c < s->ch; c++)
        {
          double acc = 0.0, accp = 0.0;
          for (int l = 0; l < s->len; l++)
            {
              acc += ai[c * s->len + l];
              if (bi != NULL)
                accp += (double) ai[c * s->len + l] * bi[c * s->len + l];
            }
          sums[c] += acc;
          if (prods != NULL)
            prods[c] += accp;
        }
    }
}

void
scmm_batchnorm_forward_train (float *out, float *mean, float *rstd, const float *in,
                              const float *gamma, const float *beta,
                              float *running_mean, float *running_var,
                              const ScmmBatchNormShape *s)
{
  const int row = s->ch * s->len;
  const double m = (double) s->n * s->len;
  double *sums = g_alloca (sizeof (double) * s->ch);
  double *sq = g_alloca (sizeof (double) * s->ch);

  channel_sums (sums, NULL, in, NULL, s);
  for (int c = 0; c < s->ch; c++)
    {
      mean[c] = (float) (sums[c] / m);
      sq[c] = 0.0;
    }
  /* Second pass for the variance: no cancellation. */
  for (int i = 0; i < s->n; i++)
    {
      const float *xi = in + (size_t) i * row;
      for (int c = 0; c < s->ch; c++)
        {
          double acc = 0.0;
          for (int l = 0; l < s->len; l++)
            {
              double d = (double) xi[c * s->len + l] - mean[c];
              acc += d * d;
            }
          sq[c] += acc;
        }
    }
  for (int c = 0; c < s->ch; c++)
    {
      double var = sq[c] / m;
      rstd[c] = (float) (1.0 / sqrt (var + (double) SCMM_BN_EPS));
      if (running_mean != NULL)
        {
          double unbiased = m > 1.0 ? sq[c] / (m - 1.0) : var;
          running_mean[c] = (1.0f - SCMM_BN_MOMENTUM) * running_mean[c]
                            + SCMM_BN_MOMENTUM * mean[c];
          running_var[c] = (float) ((1.0 - (double) SCMM_BN_MOMENTUM) * running_var[c]
                                    + (double) SCMM_BN_MOMENTUM * unbiased);
        }
    }
  for (int i = 0; i < s->n; i++)
    {
      const float *xi = in + (size_t) i * row;
      float *yi = out + (size_t) i * row;
      for (int c = 0; c < s->ch; c++)
        for (int l = 0; l < s->len; l++)
          yi[c * s->len + l] = (xi[c * s->len + l] - mean[c]) * rstd[c] * gamma[c] + beta[c];
    }
}

void
scmm_batchnorm_forward_eval (float *out, const float *in, const float *gamma, const float *beta,
                             const float *running_mean, const float *running_var,
                             const ScmmBatchNormShape *s)
{
  const int row = s->ch * s->len;
  float *scale = g_alloca (sizeof (float) * s->ch);
  for (int c = 0; c < s->ch; c++)
    scale[c] = gamma[c] / sqrtf (running_var[c] + SCMM_BN_EPS);
  for (int i = 0; i < s->n; i++)
    {
      const float *xi = in + (size_t) i * row;
      float *yi = out + (size_t) i * row;
      for (int c = 0; c < s->ch; c++)
        for (int l = 0; l < s->len; l++)
          yi[c * s->len + l] = (xi[c * s->len + l] - running_mean[c]) * scale[c] + beta[c];
    }
}

void
scmm_batchnorm_backward (float *din, float *dgamma, float *dbeta, const float *dout,
                         const float *in, const float *mean, const float *rstd,
                         const float *gamma, const ScmmBatchNormShape *s)
{
  const int row = s->ch * s->len;
  const double m = (double) s->n * s->len;
  double *sum_dy = g_alloca (sizeof (double) * s->ch);
  double *sum_dy_x = g_alloca (sizeof (double) * s->ch);

  /* sum(dy xhat) = rstd (sum(dy x) - mean sum(dy)). */
  channel_sums (sum_dy, sum_dy_x, dout, in, s);
  float *a = g_alloca (sizeof (float) * s->ch);
  float *b = g_alloca (sizeof (float) * s->ch);
  float *k = g_alloca (sizeof (float) * s->ch);
  for (int c = 0; c < s->ch; c++)
    {
      double dbeta_c = sum_dy[c];
      double dgamma_c = rstd[c] * (sum_dy_x[c] - mean[c] * sum_dy[c]);
      dbeta[c] += (float) dbeta_c;
      dgamma[c] += (float) dgamma_c;
      /* din = k (dy - dbeta/m - xhat dgamma/m), k = gamma rstd, xhat = (x - mean) rstd. */
      k[c] = gamma[c] * rstd[c];
      a[c] = (float) (dbeta_c / m);
      b[c] = (float) (dgamma_c / m) * rstd[c];
    }
  for (int i = 0; i < s->n; i++)
    {
      const float *xi = in + (size_t) i * row;
      const float *dyi = dout + (size_t) i * row;
      float *dxi = din + (size_t) i * row;
      for (int c = 0; c < s->ch; c++)
        for (int l = 0; l < s->len; l++)
          {
            int j = c * s->len + l;
            dxi[j] += k[c] * (dyi[j] - a[c] - (xi[j] - mean[c]) * b[c]);
          }
    }
}
