/* scmm-batchnorm.c: batch normalisation, train and eval, forward and backward.
 *
 * The work runs along whole rows: per-channel quantities are first spread
 * over the ch x len positions of a row, so that every inner loop is
 * contiguous and vectorises. Sums over the batch are accumulated in double. */
#include "scmm-batchnorm.h"

#include <math.h>
#include <string.h>

/* Rows of up to this many values use stack scratch; longer ones the heap. */
#define STACK_ROW 1024

typedef struct {
  double  dstack[2][STACK_ROW];
  float   fstack[4][STACK_ROW];
  double *d[2];      /* per-position double accumulators */
  float  *f[4];      /* per-position float coefficients */
  gpointer heap;
} RowScratch;

static void
row_scratch_init (RowScratch *rs, int row)
{
  rs->heap = NULL;
  if (row <= STACK_ROW)
    {
      for (int k = 0; k < 2; k++)
        rs->d[k] = rs->dstack[k];
      for (int k = 0; k < 4; k++)
        rs->f[k] = rs->fstack[k];
      return;
    }
  /* two double rows, then four float rows (which take the room of two doubles) */
  double *d = g_new (double, 4 * (gsize) row);
  rs->heap = d;
  rs->d[0] = d;
  rs->d[1] = d + row;
  float *f = (float *) (d + 2 * (gsize) row);
  for (int k = 0; k < 4; k++)
    rs->f[k] = f + (gsize) k * row;
}

static void
row_scratch_clear (RowScratch *rs)
{
  g_free (rs->heap);
}

/* out[c * len + l] = v[c] */
static void
spread (float *out, const float *v, const ScmmBatchNormShape *s)
{
  for (int c = 0; c < s->ch; c++)
    for (int l = 0; l < s->len; l++)
      out[c * s->len + l] = v[c];
}

/* Per channel: sum over l of acc[c * len + l]. */
static double
channel_total (const double *acc, int c, int len)
{
  double t = 0.0;
  for (int l = 0; l < len; l++)
    t += acc[c * len + l];
  return t;
}

/* out = (in - mean) scale + beta, with per-position coefficients. */
static void
normalise_rows (float *out, const float *in, const float *mean_p, const float *scale_p,
                const float *beta_p, const ScmmBatchNormShape *s)
{
  const int row = s->ch * s->len;
  for (int i = 0; i < s->n; i++)
    {
      const float *x = in + (gsize) i * row;
      float *y = out + (gsize) i * row;
      for (int j = 0; j < row; j++)
        y[j] = (x[j] - mean_p[j]) * scale_p[j] + beta_p[j];
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
  RowScratch rs;
  row_scratch_init (&rs, row);
  double *sum = rs.d[0], *sq = rs.d[1];
  float *mean_p = rs.f[0], *scale_p = rs.f[1], *beta_p = rs.f[2];

  memset (sum, 0, sizeof (double) * row);
  for (int i = 0; i < s->n; i++)
    {
      const float *x = in + (gsize) i * row;
      for (int j = 0; j < row; j++)
        sum[j] += x[j];
    }
  for (int c = 0; c < s->ch; c++)
    mean[c] = (float) (channel_total (sum, c, s->len) / m);
  spread (mean_p, mean, s);

  /* Second pass for the variance: no cancellation. */
  memset (sq, 0, sizeof (double) * row);
  for (int i = 0; i < s->n; i++)
    {
      const float *x = in + (gsize) i * row;
      for (int j = 0; j < row; j++)
        {
          double d = (double) x[j] - mean_p[j];
          sq[j] += d * d;
        }
    }
  for (int c = 0; c < s->ch; c++)
    {
      double total = channel_total (sq, c, s->len);
      double var = total / m;
      rstd[c] = (float) (1.0 / sqrt (var + (double) SCMM_BN_EPS));
      if (running_mean != NULL)
        {
          double unbiased = m > 1.0 ? total / (m - 1.0) : var;
          running_mean[c] = (float) ((1.0 - (double) SCMM_BN_MOMENTUM) * running_mean[c]
                                     + (double) SCMM_BN_MOMENTUM * mean[c]);
          running_var[c] = (float) ((1.0 - (double) SCMM_BN_MOMENTUM) * running_var[c]
                                    + (double) SCMM_BN_MOMENTUM * unbiased);
        }
    }
  for (int c = 0; c < s->ch; c++)
    for (int l = 0; l < s->len; l++)
      {
        scale_p[c * s->len + l] = rstd[c] * gamma[c];
        beta_p[c * s->len + l] = beta[c];
      }
  normalise_rows (out, in, mean_p, scale_p, beta_p, s);
  row_scratch_clear (&rs);
}

void
scmm_batchnorm_forward_eval (float *out, const float *in, const float *gamma, const float *beta,
                             const float *running_mean, const float *running_var,
                             const ScmmBatchNormShape *s)
{
  const int row = s->ch * s->len;
  RowScratch rs;
  row_scratch_init (&rs, row);
  float *mean_p = rs.f[0], *scale_p = rs.f[1], *beta_p = rs.f[2];
  for (int c = 0; c < s->ch; c++)
    for (int l = 0; l < s->len; l++)
      {
        mean_p[c * s->len + l] = running_mean[c];
        scale_p[c * s->len + l] = gamma[c] / sqrtf (running_var[c] + SCMM_BN_EPS);
        beta_p[c * s->len + l] = beta[c];
      }
  normalise_rows (out, in, mean_p, scale_p, beta_p, s);
  row_scratch_clear (&rs);
}

void
scmm_batchnorm_backward (float *din, float *dgamma, float *dbeta, const float *dout,
                         const float *in, const float *mean, const float *rstd,
                         const float *gamma, const ScmmBatchNormShape *s)
{
  const int row = s->ch * s->len;
  const double m = (double) s->n * s->len;
  RowScratch rs;
  row_scratch_init (&rs, row);
  double *sum_dy = rs.d[0], *sum_dy_xc = rs.d[1];
  float *mean_p = rs.f[0], *k_p = rs.f[1], *a_p = rs.f[2], *b_p = rs.f[3];

  spread (mean_p, mean, s);
  memset (sum_dy, 0, sizeof (double) * row);
  memset (sum_dy_xc, 0, sizeof (double) * row);
  for (int i = 0; i < s->n; i++)
    {
      const float *x = in + (gsize) i * row;
      const float *dy = dout + (gsize) i * row;
      for (int j = 0; j < row; j++)
        {
          sum_dy[j] += dy[j];
          sum_dy_xc[j] += (double) dy[j] * (x[j] - mean_p[j]);
        }
    }
  for (int c = 0; c < s->ch; c++)
    {
      /* dbeta = sum dy; dgamma = sum dy xhat = rstd sum dy (x - mean) */
      double dbeta_c = channel_total (sum_dy, c, s->len);
      double dgamma_c = rstd[c] * channel_total (sum_dy_xc, c, s->len);
      dbeta[c] += (float) dbeta_c;
      dgamma[c] += (float) dgamma_c;
      /* din = k (dy - dbeta/m - xhat dgamma/m), k = gamma rstd, xhat = (x - mean) rstd */
      for (int l = 0; l < s->len; l++)
        {
          k_p[c * s->len + l] = gamma[c] * rstd[c];
          a_p[c * s->len + l] = (float) (dbeta_c / m);
          b_p[c * s->len + l] = (float) (dgamma_c / m) * rstd[c];
        }
    }
  for (int i = 0; i < s->n; i++)
    {
      const float *x = in + (gsize) i * row;
      const float *dy = dout + (gsize) i * row;
      float *dx = din + (gsize) i * row;
      for (int j = 0; j < row; j++)
        dx[j] += k_p[j] * (dy[j] - a_p[j] - (x[j] - mean_p[j]) * b_p[j]);
    }
  row_scratch_clear (&rs);
}
