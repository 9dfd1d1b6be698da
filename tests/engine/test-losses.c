/* test-losses.c: cross-entropy and mean squared error, values and gradients. */
#include <math.h>

#include "scmm-cross-entropy.h"
#include "scmm-mse.h"
#include "scmm-test-util.h"

enum { N = 6, K = 4 };

typedef struct {
  float logits[N * K], probs[N * K];
  int32_t labels[N];
} CeCase;

static double
ce_loss (gpointer data)
{
  CeCase *c = data;
  return scmm_cross_entropy_forward (c->probs, c->logits, c->labels, N, K);
}

static void
test_cross_entropy (void)
{
  ScmmRng rng;
  scmm_rng_init (&rng, 9);
  CeCase c;
  scmm_test_fill_uniform (c.logits, N * K, &rng, -3, 3);
  for (int i = 0; i < N; i++)
    c.labels[i] = i % K;
  double loss = ce_loss (&c);
  double expect = 0.0;
  for (int i = 0; i < N; i++)
    {
      double z = 0.0;
      for (int j = 0; j < K; j++)
        z += exp (c.logits[i * K + j]);
      expect -= c.logits[i * K + c.labels[i]] - log (z);
    }
  g_assert_cmpfloat_with_epsilon (loss, expect / N, 1e-6);
  float d[N * K] = { 0 };
  scmm_cross_entropy_backward (d, c.probs, c.labels, N, K, 1.0f);
  scmm_test_gradcheck ("cross-entropy", ce_loss, &c, c.logits, d, N * K, 1e-2f, N * K, 1e-3,
                       &rng);

  /* Huge logits stay finite (the max is subtracted). */
  c.logits[0] = 1e4f;
  g_assert_true (isfinite (ce_loss (&c)));
}

typedef struct {
  float pred[20], target[20];
} MseCase;

static double
mse_loss (gpointer data)
{
  MseCase *c = data;
  return scmm_mse_forward (c->pred, c->target, 20);
}

static void
test_mse (void)
{
  ScmmRng rng;
  scmm_rng_init (&rng, 10);
  MseCase c;
  scmm_test_fill_uniform (c.pred, 20, &rng, -1, 1);
  scmm_test_fill_uniform (c.target, 20, &rng, -1, 1);
  double expect = 0;
  for (int i = 0; i < 20; i++)
    expect += (c.pred[i] - c.target[i]) * (double) (c.pred[i] - c.target[i]);
  g_assert_cmpfloat_with_epsilon (mse_loss (&c), expect / 20, 1e-7);
  float d[20] = { 0 };
  scmm_mse_backward (d, c.pred, c.target, 20, 1.0f);
  scmm_test_gradcheck ("mse", mse_loss, &c, c.pred, d, 20, 1e-2f, 20, 1e-3, &rng);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/losses/cross-entropy", test_cross_entropy);
  g_test_add_func ("/losses/mse", test_mse);
  return g_test_run ();
}
