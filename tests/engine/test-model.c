/* test-model.c: the parameter layout (names, shapes, counts of
 * SCMM-METHOD.md §3 and §9) and the default initialisation. */
#include <math.h>

#include "scmm-error.h"
#include "scmm-model.h"
#include "scmm-test-util.h"

static void
test_model_parameter_counts (void)
{
  ScmmModelConfig config = { 62, 5 };
  g_autoptr (ScmmModel) model = scmm_model_new (&config);
  g_assert_cmpint (model->dims.hidden, ==, 384);
  g_assert_cmpint (scmm_model_count_parameters (model, "encoder."), ==, 98240);
  g_assert_cmpint (scmm_model_count_parameters (model, "projector."), ==, 131968);
  g_assert_cmpint (scmm_model_count_parameters (model, "decoder."), ==, 119350);
  g_assert_cmpint (scmm_model_count_parameters (model, "awl."), ==, 2);
  scmm_model_add_classifier (model, 3, NULL);
  g_assert_cmpint (scmm_model_count_parameters (model, "fc.")
                   + scmm_model_count_parameters (model, "classifier."), ==, 49667);
}

static void
test_model_names_and_shapes (void)
{
  ScmmModelConfig config = { 62, 5 };
  g_autoptr (ScmmModel) model = scmm_model_new (&config);
  struct { const char *name; ScmmShape shape; ScmmTensorKind kind; } expect[] = {
    { "encoder.0.weight", SCMM_SHAPE3 (32, 62, 8), SCMM_TENSOR_PARAMETER },
    { "encoder.1.running_var", SCMM_SHAPE1 (32), SCMM_TENSOR_BUFFER },
    { "encoder.4.weight", SCMM_SHAPE3 (64, 32, 8), SCMM_TENSOR_PARAMETER },
    { "encoder.5.bias", SCMM_SHAPE1 (64), SCMM_TENSOR_PARAMETER },
    { "encoder.8.weight", SCMM_SHAPE3 (128, 64, 8), SCMM_TENSOR_PARAMETER },
    { "encoder.9.running_mean", SCMM_SHAPE1 (128), SCMM_TENSOR_BUFFER },
    { "projector.0.weight", SCMM_SHAPE2 (256, 384), SCMM_TENSOR_PARAMETER },
    { "projector.1.weight", SCMM_SHAPE1 (256), SCMM_TENSOR_PARAMETER },
    { "projector.3.weight", SCMM_SHAPE2 (128, 256), SCMM_TENSOR_PARAMETER },
    { "projector.3.bias", SCMM_SHAPE1 (128), SCMM_TENSOR_PARAMETER },
    { "decoder.weight", SCMM_SHAPE2 (310, 384), SCMM_TENSOR_PARAMETER },
    { "awl.params", SCMM_SHAPE1 (2), SCMM_TENSOR_PARAMETER },
  };
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_find (model->model, expect[i].name);
      g_assert_nonnull (info);
      g_assert_true (scmm_shape_equal (&info->shape, &expect[i].shape));
      g_assert_cmpint (info->kind, ==, expect[i].kind);
    }
  /* 4 x 3 BN layers + 3 conv weights + 2 x 3 linear + awl */
  g_assert_cmpint (scmm_tensor_set_count (model->model), ==, 4 * 4 + 3 + 6 + 1);
  g_assert_null (scmm_tensor_set_find (model->model, "encoder.0.bias"));
}

static void
test_model_default_init (void)
{
  ScmmModelConfig config = { 62, 5 };
  g_autoptr (ScmmModel) model = scmm_model_new (&config);
  scmm_model_add_classifier (model, 3, NULL);
  ScmmRng rng;
  scmm_rng_init (&rng, 42);
  scmm_model_init_default (model, &rng);

  struct { const char *name; double bound; } uniform[] = {
    { "encoder.0.weight", 1 / sqrt (62 * 8) },
    { "encoder.8.weight", 1 / sqrt (64 * 8) },
    { "projector.0.bias", 1 / sqrt (384) },
    { "projector.3.weight", 1 / sqrt (256) },
    { "decoder.bias", 1 / sqrt (384) },
  };
  for (guint i = 0; i < G_N_ELEMENTS (uniform); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_find (model->model, uniform[i].name);
      const float *v = scmm_tensor_set_data (model->model, uniform[i].name);
      double max = 0, sum = 0;
      for (gsize k = 0; k < info->numel; k++)
        {
          max = fmax (max, fabs (v[k]));
          sum += v[k];
        }
      g_assert_cmpfloat (max, <=, uniform[i].bound);
      g_assert_cmpfloat (max, >, 0.9 * uniform[i].bound);  /* it fills the range */
      g_assert_cmpfloat (fabs (sum / info->numel), <, 0.2 * uniform[i].bound);
    }
  const float *fc = scmm_tensor_set_data (model->classifier, "fc.weight");
  for (int k = 0; k < 128 * 384; k++)
    g_assert_cmpfloat (fabs (fc[k]), <=, 1 / sqrt (384));
  g_assert_cmpfloat (scmm_tensor_set_data (model->model, "encoder.5.weight")[3], ==, 1.0f);
  g_assert_cmpfloat (scmm_tensor_set_data (model->model, "encoder.5.bias")[3], ==, 0.0f);
  g_assert_cmpfloat (scmm_tensor_set_data (model->model, "projector.1.running_var")[7], ==, 1.0f);
  g_assert_cmpfloat (scmm_tensor_set_data (model->model, "awl.params")[1], ==, 1.0f);

  /* The same seed gives the same model. */
  g_autoptr (ScmmModel) again = scmm_model_new (&config);
  scmm_model_add_classifier (again, 3, NULL);
  scmm_rng_init (&rng, 42);
  scmm_model_init_default (again, &rng);
  g_assert_cmpmem (model->model->values, model->model->n_values * sizeof (float),
                   again->model->values, again->model->n_values * sizeof (float));
}

static void
test_model_rejects_bad_config (void)
{
  ScmmModelConfig bad = { 0, 5 };
  GError *error = NULL;
  g_assert_false (scmm_model_config_check (&bad, &error));
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/parameter-counts", test_model_parameter_counts);
  g_test_add_func ("/model/names-and-shapes", test_model_names_and_shapes);
  g_test_add_func ("/model/default-init", test_model_default_init);
  g_test_add_func ("/model/rejects-bad-config", test_model_rejects_bad_config);
  return g_test_run ();
}
