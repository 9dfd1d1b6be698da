/* test-aggregator.c: H_rec = R H with R = softmax(S / tau) without the
 * diagonal; gradients into S (through R) and H. */
#include "scmm-aggregator.h"
#include "scmm-soft-contrastive.h"
#include "scmm-test-util.h"

enum { N = 8, D = 6 };

typedef struct {
  float S[N * N], W[N * N], R[N * N], H[N * D], Hrec[N * D], G[N * D];
  float tau;
} AggCase;

/* L = <G, R(S) H>: R comes from the soft contrastive forward, as in the step. */
static double
agg_loss (gpointer data)
{
  AggCase *c = data;
  scmm_soft_contrastive_forward (c->R, c->S, c->W, N, c->tau);
  scmm_aggregator_forward (c->Hrec, c->R, c->H, N, D);
  return scmm_test_dot (c->Hrec, c->G, N * D);
}

static void
test_aggregator (void)
{
  ScmmRng rng;
  scmm_rng_init (&rng, 33);
  AggCase c = { .tau = 0.5f };
  scmm_test_fill_uniform (c.S, N * N, &rng, -1, 1);
  scmm_test_fill_uniform (c.H, N * D, &rng, -1, 1);
  scmm_test_fill_uniform (c.G, N * D, &rng, -1, 1);
  agg_loss (&c);

  /* Each row is a weighted sum of the OTHER rows. */
  for (int i = 0; i < N; i++)
    for (int k = 0; k < D; k++)
      {
        double acc = 0;
        for (int j = 0; j < N; j++)
          if (j != i)
            acc += (double) c.R[i * N + j] * c.H[j * D + k];
        g_assert_cmpfloat_with_epsilon (c.Hrec[i * D + k], acc, 1e-5);
      }

  float dH[N * D] = { 0 }, dS[N * N] = { 0 }, dR[N * N];
  scmm_aggregator_backward (dH, dS, dR, c.G, c.R, c.H, N, D, c.tau);
  scmm_test_gradcheck ("aggregator dH", agg_loss, &c, c.H, dH, N * D, 1e-2f, 20, 2e-3, &rng);
  scmm_test_gradcheck ("aggregator dS", agg_loss, &c, c.S, dS, N * N, 1e-2f, 30, 2e-3, &rng);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/aggregator/forward-backward", test_aggregator);
  return g_test_run ();
}
