/* test-adam.c: Adam against torch.optim.Adam (tests/fixtures/adam.h5) and the
 * cosine schedule against torch's CosineAnnealingLR. */
#include <math.h>

#include "scmm-adam.h"
#include "scmm-test-util.h"

static void
test_adam_matches_torch (void)
{
  g_autofree char *path = scmm_test_fixture ("adam.h5");
  GError *error = NULL;
  g_autoptr (ScmmH5) h5 = scmm_h5_open (path, &error);
  g_assert_no_error (error);
  /* The fixture is float64 (torch ran in double): read it so, use it as float. */
  ScmmShape shape;
  g_autofree double *param0_d = scmm_h5_read_f64 (h5, "param0", NULL, &shape, &error);
  g_assert_no_error (error);
  const int n = (int) shape.dim[0];
  g_autofree double *grads_d = scmm_h5_read_f64 (h5, "grads", NULL, &shape, &error);
  g_assert_no_error (error);
  const int steps = (int) shape.dim[0];
  g_autofree double *params_d = scmm_h5_read_f64 (h5, "params", NULL, NULL, &error);
  g_assert_no_error (error);
  g_autofree float *param0 = g_new (float, n);
  g_autofree float *grads = g_new (float, (gsize) steps * n);
  g_autofree float *params = g_new (float, (gsize) steps * n);
  for (gsize i = 0; i < (gsize) n; i++)
    param0[i] = (float) param0_d[i];
  for (gsize i = 0; i < (gsize) steps * n; i++)
    {
      grads[i] = (float) grads_d[i];
      params[i] = (float) params_d[i];
    }

  ScmmAdamConfig config;
  double v;
  g_assert_true (scmm_h5_read_attr_double (h5, "/", "lr", &v, &error)); config.lr = (float) v;
  g_assert_true (scmm_h5_read_attr_double (h5, "/", "beta1", &v, &error)); config.beta1 = (float) v;
  g_assert_true (scmm_h5_read_attr_double (h5, "/", "beta2", &v, &error)); config.beta2 = (float) v;
  g_assert_true (scmm_h5_read_attr_double (h5, "/", "eps", &v, &error)); config.eps = (float) v;
  g_assert_true (scmm_h5_read_attr_double (h5, "/", "weight_decay", &v, &error));
  config.weight_decay = (float) v;
  g_assert_no_error (error);

  g_autoptr (ScmmTensorSet) set = scmm_tensor_set_new ();
  ScmmShape p_shape = SCMM_SHAPE1 (n);
  scmm_tensor_set_declare (set, "p", &p_shape, SCMM_TENSOR_PARAMETER);
  scmm_tensor_set_allocate (set);
  memcpy (set->values, param0, sizeof (float) * n);
  g_autoptr (ScmmAdam) adam = scmm_adam_new (set, NULL, &config);
  for (int s = 0; s < steps; s++)
    {
      memcpy (set->grads, grads + (gsize) s * n, sizeof (float) * n);
      scmm_adam_step (adam, config.lr);
      g_autofree char *what = g_strdup_printf ("Adam step %d", s + 1);
      /* relative to the size of the update, not of the parameter */
      float *delta = g_new (float, n), *expect = g_new (float, n);
      const float *before = s == 0 ? param0 : params + (gsize) (s - 1) * n;
      for (int i = 0; i < n; i++)
        {
          delta[i] = set->values[i] - before[i];
          expect[i] = params[(gsize) s * n + i] - before[i];
        }
      scmm_test_assert_close (what, delta, expect, n, 1e-3, 0);
      /* continue from the reference, so that errors do not compound */
      memcpy (set->values, params + (gsize) s * n, sizeof (float) * n);
      g_free (delta);
      g_free (expect);
    }
}

static void
test_adam_prefix_and_skipped (void)
{
  g_autoptr (ScmmTensorSet) set = scmm_tensor_set_new ();
  ScmmShape shape = SCMM_SHAPE1 (2);
  scmm_tensor_set_declare (set, "encoder.w", &shape, SCMM_TENSOR_PARAMETER);
  scmm_tensor_set_declare (set, "decoder.w", &shape, SCMM_TENSOR_PARAMETER);
  scmm_tensor_set_allocate (set);
  for (int i = 0; i < 4; i++)
    set->values[i] = 1.0f, set->grads[i] = 0.5f;
  g_autoptr (ScmmAdam) adam = scmm_adam_new (set, "encoder.", &SCMM_ADAM_CONFIG_DEFAULT);
  scmm_adam_step (adam, 0.1f);
  /* The first step moves by lr (sign of the gradient); decoder.* is not touched. */
  g_assert_cmpfloat_with_epsilon (set->values[0], 0.9, 1e-6);
  g_assert_cmpfloat (set->values[2], ==, 1.0f);
}

static void
test_cosine_schedule (void)
{
  g_autofree char *path = scmm_test_fixture ("adam.h5");
  GError *error = NULL;
  g_autoptr (ScmmH5) h5 = scmm_h5_open (path, &error);
  g_assert_no_error (error);
  g_autofree double *lr = scmm_h5_read_f64 (h5, "cosine_lr", NULL, NULL, &error);
  g_assert_no_error (error);
  for (int e = 0; e <= 200; e++)
    g_assert_cmpfloat_with_epsilon (scmm_cosine_lr (5e-4, 0.0, e, 200), lr[e], 1e-9);
  g_assert_cmpfloat (scmm_cosine_lr (5e-4, 0.0, 0, 200), ==, 5e-4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/adam/matches-torch", test_adam_matches_torch);
  g_test_add_func ("/adam/prefix-and-skipped", test_adam_prefix_and_skipped);
  g_test_add_func ("/adam/cosine-schedule", test_cosine_schedule);
  return g_test_run ();
}
