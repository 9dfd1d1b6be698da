/* test-soft-contrastive.c: L_C and its gradient with respect to S; the
 * softmax without the diagonal. */
#include <math.h>

#include "scmm-soft-contrastive.h"
#include "scmm-test-util.h"

enum { N = 10 };

typedef struct {
  float S[N * N], W[N * N], P[N * N];
  float tau;
} LcCase;

static double
lc_loss (gpointer data)
{
  LcCase *c = data;
  return scmm_soft_contrastive_forward (c->P, c->S, c->W, N, c->tau);
}

static void
check_tau (float tau)
{
  ScmmRng rng;
  scmm_rng_init (&rng, 21);
  LcCase c = { .tau = tau };
  scmm_test_fill_uniform (c.S, N * N, &rng, -2, 2);
  scmm_test_fill_uniform (c.W, N * N, &rng, 0, 0.5f);
  for (int i = 0; i < N; i++)
    {
      c.S[i * N + i] = 1e4f;     /* the diagonal is excluded, however large */
      c.W[i * N + i] = 0.0f;
      c.W[i * N + (i + N / 2) % N] = 1.0f;
    }
  double loss = lc_loss (&c);
  g_assert_true (isfinite (loss));

  double expect = 0.0;
  for (int i = 0; i < N; i++)
    {
      double z = 0.0;
      for (int k = 0; k < N; k++)
        if (k != i)
          z += exp (c.S[i * N + k] / tau);
      double row = 0.0;
      for (int j = 0; j < N; j++)
        if (j != i)
          row += c.W[i * N + j] * (c.S[i * N + j] / tau - log (z));
      expect -= row;
    }
  expect /= N * (N - 1);
  g_assert_cmpfloat_with_epsilon (loss, expect, 1e-5 * fabs (expect));

  for (int i = 0; i < N; i++)
    {
      double sum = 0;
      for (int j = 0; j < N; j++)
        sum += c.P[i * N + j];
      g_assert_cmpfloat (c.P[i * N + i], ==, 0.0f);
      g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-5);
    }

  float dS[N * N] = { 0 };
  scmm_soft_contrastive_backward (dS, c.P, c.W, N, tau, 1.0f);
  for (int i = 0; i < N; i++)
    g_assert_cmpfloat (dS[i * N + i], ==, 0.0f);
  /* Check off-diagonal entries only: the diagonal is held at 1e4. */
  for (int i = 0; i < N; i++)
    c.S[i * N + i] = 0.0f;
  lc_loss (&c);
  scmm_test_gradcheck (tau < 0.1f ? "L_C dS (tau 0.05)" : "L_C dS", lc_loss, &c, c.S, dS, N * N,
                       tau * 1e-2f, 40, 3e-3, &rng);
}

static void
test_soft_contrastive_tau_half (void)
{
  check_tau (0.5f);
}

static void
test_soft_contrastive_tau_small (void)
{
  check_tau (0.05f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/soft-contrastive/tau-0.5", test_soft_contrastive_tau_half);
  g_test_add_func ("/soft-contrastive/tau-0.05", test_soft_contrastive_tau_small);
  return g_test_run ();
}
