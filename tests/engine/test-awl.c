/* test-awl.c: the learned loss weighting. */
#include <math.h>

#include "scmm-awl.h"
#include "scmm-test-util.h"

typedef struct {
  float p[2];
  double losses[2];
} AwlCase;

static double
awl_loss (gpointer data)
{
  AwlCase *c = data;
  return scmm_awl_forward (c->p, c->losses, 2);
}

static void
test_awl (void)
{
  ScmmRng rng;
  scmm_rng_init (&rng, 4);
  AwlCase c = { { 1.0f, 1.0f }, { 2.0, 0.3 } };
  /* p = 1: 0.5 L_C + ln 2 + 0.5 L_R + ln 2 */
  g_assert_cmpfloat_with_epsilon (awl_loss (&c), 0.5 * 2.3 + 2 * log (2.0), 1e-12);
  c.p[0] = 0.9f;
  c.p[1] = 1.2f;
  float dp[2] = { 0, 0 }, dl[2];
  scmm_awl_backward (dp, dl, c.p, c.losses, 2);
  g_assert_cmpfloat_with_epsilon (dl[0], 0.5 / (0.9 * 0.9), 1e-6);
  g_assert_cmpfloat_with_epsilon (dl[1], 0.5 / (1.2 * 1.2), 1e-6);
  scmm_test_gradcheck ("awl params", awl_loss, &c, c.p, dp, 2, 1e-2f, 2, 1e-3, &rng);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/awl/forward-backward", test_awl);
  return g_test_run ();
}
