/* test-batchnorm.c: batch statistics, running statistics, eval mode and the
 * closed-form backward against finite differences. */
#include <math.h>

#include "scmm-batchnorm.h"
#include "scmm-test-util.h"

typedef struct {
  ScmmBatchNormShape s;
  float *x, *gamma, *beta, *y, *w, *mean, *rstd;
} BnCase;

static double
bn_loss (gpointer data)
{
  BnCase *c = data;
  scmm_batchnorm_forward_train (c->y, c->mean, c->rstd, c->x, c->gamma, c->beta, NULL, NULL,
                                &c->s);
  return scmm_test_dot (c->y, c->w, (gsize) c->s.n * c->s.ch * c->s.len);
}

static void
check_batchnorm (int n, int ch, int len)
{
  ScmmRng rng;
  scmm_rng_init (&rng, 11 + n + ch + len);
  BnCase c = { .s = { n, ch, len } };
  gsize size = (gsize) n * ch * len;
  c.x = g_new (float, size);
  c.y = g_new (float, size);
  c.w = g_new (float, size);
  c.gamma = g_new (float, ch);
  c.beta = g_new (float, ch);
  c.mean = g_new (float, ch);
  c.rstd = g_new (float, ch);
  scmm_test_fill_uniform (c.x, size, &rng, -2, 3);
  scmm_test_fill_uniform (c.w, size, &rng, -1, 1);
  scmm_test_fill_uniform (c.gamma, ch, &rng, 0.5f, 1.5f);
  scmm_test_fill_uniform (c.beta, ch, &rng, -0.5f, 0.5f);

  /* Normalised output: per channel, mean beta and biased variance gamma^2. */
  float *rm = g_new (float, ch), *rv = g_new (float, ch);
  for (int k = 0; k < ch; k++)
    rm[k] = 0.0f, rv[k] = 1.0f;
  scmm_batchnorm_forward_train (c.y, c.mean, c.rstd, c.x, c.gamma, c.beta, rm, rv, &c.s);
  for (int k = 0; k < ch; k++)
    {
      double sum = 0, sq = 0, xsum = 0, xsq = 0;
      for (int i = 0; i < n; i++)
        for (int l = 0; l < len; l++)
          {
            gsize j = ((gsize) i * ch + k) * len + l;
            sum += c.y[j];
            xsum += c.x[j];
          }
      double m = (double) n * len, ymean = sum / m, xmean = xsum / m;
      for (int i = 0; i < n; i++)
        for (int l = 0; l < len; l++)
          {
            gsize j = ((gsize) i * ch + k) * len + l;
            sq += (c.y[j] - ymean) * (c.y[j] - ymean);
            xsq += (c.x[j] - xmean) * (c.x[j] - xmean);
          }
      g_assert_cmpfloat_with_epsilon (ymean, c.beta[k], 1e-5);
      g_assert_cmpfloat_with_epsilon (sq / m, c.gamma[k] * c.gamma[k] * (xsq / m) / (xsq / m + 1e-5), 1e-4);
      /* running: momentum 0.1 toward the mean and the UNBIASED variance */
      g_assert_cmpfloat_with_epsilon (rm[k], 0.1 * xmean, 1e-6);
      g_assert_cmpfloat_with_epsilon (rv[k], 0.9 + 0.1 * xsq / (m - 1), 1e-5);
    }

  /* Eval mode with the running statistics is an affine map per channel. */
  float *ye = g_new (float, size);
  scmm_batchnorm_forward_eval (ye, c.x, c.gamma, c.beta, rm, rv, &c.s);
  for (gsize j = 0; j < size; j++)
    {
      int k = (int) ((j / len) % ch);
      double expect = (c.x[j] - rm[k]) / sqrt (rv[k] + 1e-5) * c.gamma[k] + c.beta[k];
      g_assert_cmpfloat_with_epsilon (ye[j], expect, 1e-5);
    }

  float *dx = g_new0 (float, size), *dgamma = g_new0 (float, ch), *dbeta = g_new0 (float, ch);
  bn_loss (&c);
  scmm_batchnorm_backward (dx, dgamma, dbeta, c.w, c.x, c.mean, c.rstd, c.gamma, &c.s);
  scmm_test_gradcheck ("batchnorm dx", bn_loss, &c, c.x, dx, size, 1e-2f, 30, 5e-3, &rng);
  scmm_test_gradcheck ("batchnorm dgamma", bn_loss, &c, c.gamma, dgamma, ch, 1e-2f, ch, 5e-3, &rng);
  scmm_test_gradcheck ("batchnorm dbeta", bn_loss, &c, c.beta, dbeta, ch, 1e-2f, ch, 5e-3, &rng);

  /* Shifting every input of a channel changes nothing: the input gradient
   * of each channel sums to zero. */
  for (int k = 0; k < ch; k++)
    {
      double s = 0, scale = 0;
      for (int i = 0; i < n; i++)
        for (int l = 0; l < len; l++)
          {
            s += dx[((gsize) i * ch + k) * len + l];
            scale += fabs (dx[((gsize) i * ch + k) * len + l]);
          }
      g_assert_cmpfloat (fabs (s), <=, 1e-5 * scale + 1e-7);
    }

  g_free (rm); g_free (rv); g_free (ye); g_free (dx); g_free (dgamma); g_free (dbeta);
  g_free (c.x); g_free (c.y); g_free (c.w); g_free (c.gamma); g_free (c.beta);
  g_free (c.mean); g_free (c.rstd);
}

static void
test_batchnorm_conv_layout (void)
{
  check_batchnorm (16, 5, 6);
}

static void
test_batchnorm_linear_layout (void)
{
  check_batchnorm (24, 7, 1);
}

/* Rows longer than the stack scratch (1024 values) take the heap path. */
static void
test_batchnorm_long_rows (void)
{
  check_batchnorm (6, 3, 400);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/batchnorm/conv-layout", test_batchnorm_conv_layout);
  g_test_add_func ("/batchnorm/linear-layout", test_batchnorm_linear_layout);
  g_test_add_func ("/batchnorm/long-rows", test_batchnorm_long_rows);
  return g_test_run ();
}
