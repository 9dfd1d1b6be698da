/* test-linear.c: y = x W^T + b against a direct loop; gradients. */
#include "scmm-linear.h"
#include "scmm-test-util.h"

enum { N = 7, IN = 9, OUT = 5 };

typedef struct {
  float x[N * IN], w[OUT * IN], b[OUT], y[N * OUT], wy[N * OUT];
} LinearCase;

static double
linear_loss (gpointer data)
{
  LinearCase *c = data;
  scmm_linear_forward (c->y, c->x, c->w, c->b, N, IN, OUT);
  return scmm_test_dot (c->y, c->wy, N * OUT);
}

static void
test_linear (void)
{
  ScmmRng rng;
  scmm_rng_init (&rng, 5);
  LinearCase *c = g_new0 (LinearCase, 1);
  scmm_test_fill_uniform (c->x, N * IN, &rng, -1, 1);
  scmm_test_fill_uniform (c->w, OUT * IN, &rng, -1, 1);
  scmm_test_fill_uniform (c->b, OUT, &rng, -1, 1);
  scmm_test_fill_uniform (c->wy, N * OUT, &rng, -1, 1);

  linear_loss (c);
  for (int i = 0; i < N; i++)
    for (int o = 0; o < OUT; o++)
      {
        double acc = c->b[o];
        for (int k = 0; k < IN; k++)
          acc += (double) c->x[i * IN + k] * c->w[o * IN + k];
        g_assert_cmpfloat_with_epsilon (c->y[i * OUT + o], acc, 1e-5);
      }

  float dx[N * IN] = { 0 }, dw[OUT * IN] = { 0 }, db[OUT] = { 0 };
  scmm_linear_backward (dx, dw, db, c->wy, c->x, c->w, N, IN, OUT);
  scmm_test_gradcheck ("linear dx", linear_loss, c, c->x, dx, N * IN, 1e-2f, 20, 1e-3, &rng);
  scmm_test_gradcheck ("linear dw", linear_loss, c, c->w, dw, OUT * IN, 1e-2f, 20, 1e-3, &rng);
  scmm_test_gradcheck ("linear db", linear_loss, c, c->b, db, OUT, 1e-2f, OUT, 1e-3, &rng);
  g_free (c);
}

static void
test_column_sums_long (void)
{
  /* More columns than one accumulator block. */
  enum { ROWS = 3, COLS = 600 };
  float *m = g_new (float, ROWS * COLS), sums[COLS] = { 0 };
  for (int i = 0; i < ROWS * COLS; i++)
    m[i] = (float) (i % COLS) + 0.5f * (float) (i / COLS);
  scmm_add_column_sums (sums, m, ROWS, COLS);
  for (int j = 0; j < COLS; j++)
    g_assert_cmpfloat (sums[j], ==, 3.0f * j + 1.5f);
  g_free (m);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/linear/forward-backward", test_linear);
  g_test_add_func ("/linear/column-sums-long", test_column_sums_long);
  return g_test_run ();
}
