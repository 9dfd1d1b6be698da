/* test-activation.c: ReLU and sigmoid, values and gradients. */
#include <math.h>

#include "scmm-activation.h"
#include "scmm-test-util.h"

enum { N = 64 };

typedef struct {
  float x[N], y[N], w[N];
  gboolean sigmoid;
} ActCase;

static double
act_loss (gpointer data)
{
  ActCase *c = data;
  if (c->sigmoid)
    scmm_sigmoid_forward (c->y, c->x, N);
  else
    scmm_relu_forward (c->y, c->x, N);
  return scmm_test_dot (c->y, c->w, N);
}

static void
check_activation (gboolean sigmoid)
{
  ScmmRng rng;
  scmm_rng_init (&rng, sigmoid ? 2 : 1);
  ActCase c = { .sigmoid = sigmoid };
  for (int i = 0; i < N; i++)
    {
      /* away from ReLU's kink, where the derivative is not defined */
      float v = 0.05f + 2.0f * scmm_rng_uniform (&rng);
      c.x[i] = i % 2 ? v : -v;
    }
  scmm_test_fill_uniform (c.w, N, &rng, -1, 1);
  act_loss (&c);
  for (int i = 0; i < N; i++)
    g_assert_cmpfloat_with_epsilon (c.y[i], sigmoid ? 1.0 / (1.0 + exp (-c.x[i]))
                                                    : fmax (c.x[i], 0.0), 1e-6);
  float dx[N] = { 0 };
  if (sigmoid)
    scmm_sigmoid_backward (dx, c.w, c.y, N);
  else
    scmm_relu_backward (dx, c.w, c.y, N);
  scmm_test_gradcheck (sigmoid ? "sigmoid" : "relu", act_loss, &c, c.x, dx, N, 1e-3f, N, 1e-3,
                       &rng);
}

static void
test_relu (void)
{
  check_activation (FALSE);
  /* PyTorch's rule: no gradient at exactly 0. */
  float x = 0.0f, y, d = 0.0f, one = 1.0f;
  scmm_relu_forward (&y, &x, 1);
  scmm_relu_backward (&d, &one, &y, 1);
  g_assert_cmpfloat (d, ==, 0.0f);
}

static void
test_sigmoid (void)
{
  check_activation (TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/activation/relu", test_relu);
  g_test_add_func ("/activation/sigmoid", test_sigmoid);
  return g_test_run ();
}
