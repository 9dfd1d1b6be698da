/* test-conv1d.c: the banded-matrix convolution against a direct loop, and
 * its gradients against finite differences. */
#include <math.h>

#include "scmm-conv1d.h"
#include "scmm-test-util.h"

typedef struct {
  ScmmConv1dShape s;
  int n;
  float *x, *w, *T, *y, *wy;
} ConvCase;

static void
conv_direct (const ConvCase *c, double *out)
{
  const ScmmConv1dShape *s = &c->s;
  for (int i = 0; i < c->n; i++)
    for (int co = 0; co < s->out_ch; co++)
      for (int t = 0; t < s->out_len; t++)
        {
          double acc = 0.0;
          for (int ci = 0; ci < s->in_ch; ci++)
            for (int k = 0; k < s->kernel; k++)
              {
                int l = t + k - s->pad;
                if (l >= 0 && l < s->in_len)
                  acc += (double) c->w[(co * s->in_ch + ci) * s->kernel + k]
                         * c->x[(i * s->in_ch + ci) * s->in_len + l];
              }
          out[(i * s->out_ch + co) * s->out_len + t] = acc;
        }
}

static double
conv_loss (gpointer data)
{
  ConvCase *c = data;
  scmm_conv1d_expand (c->T, c->w, &c->s);
  scmm_conv1d_forward (c->y, c->x, c->T, c->n, &c->s);
  return scmm_test_dot (c->y, c->wy, (gsize) c->n * c->s.out_ch * c->s.out_len);
}

static void
check_shape (int in_ch, int out_ch, int in_len)
{
  ScmmRng rng;
  scmm_rng_init (&rng, 7 + in_ch + in_len);
  ConvCase c = { .s = scmm_conv1d_shape (in_ch, out_ch, 8, 4, in_len), .n = 5 };
  const ScmmConv1dShape *s = &c.s;
  gsize nx = (gsize) c.n * in_ch * in_len, nw = (gsize) out_ch * in_ch * 8;
  gsize ny = (gsize) c.n * out_ch * s->out_len;
  g_assert_cmpint (s->out_len, ==, in_len + 1);
  c.x = g_new (float, nx);
  c.w = g_new (float, nw);
  c.T = g_new (float, scmm_conv1d_expanded_size (s));
  c.y = g_new (float, ny);
  c.wy = g_new (float, ny);
  scmm_test_fill_uniform (c.x, nx, &rng, -1, 1);
  scmm_test_fill_uniform (c.w, nw, &rng, -0.3f, 0.3f);
  scmm_test_fill_uniform (c.wy, ny, &rng, -1, 1);

  double *direct = g_new (double, ny);
  conv_direct (&c, direct);
  conv_loss (&c);
  for (gsize i = 0; i < ny; i++)
    g_assert_cmpfloat_with_epsilon (c.y[i], direct[i], 1e-5);

  float *dx = g_new0 (float, nx), *dw = g_new0 (float, nw);
  float *dT = g_new (float, scmm_conv1d_expanded_size (s));
  scmm_conv1d_backward (dx, dw, dT, c.wy, c.x, c.T, c.n, s);
  scmm_test_gradcheck ("conv1d dx", conv_loss, &c, c.x, dx, nx, 1e-2f, 30, 2e-3, &rng);
  scmm_test_gradcheck ("conv1d dw", conv_loss, &c, c.w, dw, nw, 1e-2f, 30, 2e-3, &rng);

  /* Accumulation: a second backward doubles the gradients. */
  float *dw2 = g_memdup2 (dw, sizeof (float) * nw);
  scmm_conv1d_backward (NULL, dw2, dT, c.wy, c.x, c.T, c.n, s);
  for (gsize i = 0; i < nw; i++)
    g_assert_cmpfloat_with_epsilon (dw2[i], 2 * dw[i], 1e-5);

  g_free (direct); g_free (dx); g_free (dw); g_free (dw2); g_free (dT);
  g_free (c.x); g_free (c.w); g_free (c.T); g_free (c.y); g_free (c.wy);
}

/* The three encoder blocks for 5 bands: lengths 5, 4, 3. */
static void
test_conv1d_encoder_shapes (void)
{
  check_shape (6, 4, 5);
  check_shape (4, 3, 4);
  check_shape (3, 5, 3);
}

/* A sample longer than the kernel, where T is genuinely banded. */
static void
test_conv1d_long_input (void)
{
  check_shape (2, 3, 17);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/conv1d/encoder-shapes", test_conv1d_encoder_shapes);
  g_test_add_func ("/conv1d/long-input", test_conv1d_long_input);
  return g_test_run ();
}
