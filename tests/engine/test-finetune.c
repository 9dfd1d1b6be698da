/* test-finetune.c: the classifier head on the encoder against the PyTorch
 * reference (train-mode logits, loss, gradients, running statistics; eval-mode
 * logits), finite differences, and gradient accumulation. */
#include <math.h>

#include "scmm-adam.h"
#include "scmm-blas.h"
#include "scmm-checkpoint.h"
#include "scmm-error.h"
#include "scmm-finetune.h"
#include "scmm-synthetic.h"
#include "scmm-test-util.h"

static void
compare_grads (ScmmH5 *expected, const ScmmTensorSet *set, const char *prefix)
{
  for (guint i = 0; i < scmm_tensor_set_count (set); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_info (set, i);
      if (info->kind != SCMM_TENSOR_PARAMETER || !g_str_has_prefix (info->name, prefix))
        continue;
      g_autofree char *name = g_strdup_printf ("grad/%s", info->name);
      g_autofree float *ref = scmm_test_read_expected (expected, name, info->numel);
      scmm_test_assert_close (name, scmm_tensor_set_grad_at (set, i), ref, info->numel, 1e-4,
                              1e-10);
    }
}

static void
test_finetune_reference (void)
{
  g_autofree char *ck = scmm_test_fixture ("finetune/checkpoint.h5");
  g_autofree char *batch_path = scmm_test_fixture ("finetune/batch.h5");
  g_autofree char *expected_path = scmm_test_fixture ("finetune/expected.h5");
  GError *error = NULL;
  g_autoptr (ScmmModel) model = scmm_checkpoint_load (ck, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model->classifier);
  g_assert_cmpint (model->classes, ==, 3);

  g_autoptr (ScmmH5) batch = scmm_h5_open (batch_path, &error);
  g_assert_no_error (error);
  ScmmShape shape;
  g_autofree float *x = scmm_h5_read_f32 (batch, "x", NULL, &shape, &error);
  g_assert_no_error (error);
  const int n = (int) shape.dim[0];
  g_autofree gint32 *labels = scmm_h5_read_i32 (batch, "labels", NULL, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (ScmmH5) expected = scmm_h5_open (expected_path, &error);
  g_assert_no_error (error);

  g_autoptr (ScmmFinetuneStep) step = scmm_finetune_step_new (&model->dims, 3, n);
  /* eval mode first: the reference used the checkpoint's running statistics */
  g_assert_true (scmm_finetune_forward (step, model, x, NULL, n, FALSE, &error));
  g_autofree float *eval_logits = scmm_test_read_expected (expected, "eval_logits", n * 3);
  scmm_test_assert_close ("eval_logits", step->logits, eval_logits, n * 3, 1e-4, 0);

  scmm_tensor_set_zero_grads (model->model);
  scmm_tensor_set_zero_grads (model->classifier);
  g_assert_true (scmm_finetune_forward (step, model, x, labels, n, TRUE, &error));
  g_assert_no_error (error);
  scmm_finetune_backward (step, model);
  double loss;
  g_assert_true (scmm_h5_read_scalar (expected, "loss", &loss, &error));
  g_assert_cmpfloat_with_epsilon (step->loss, loss, 1e-4 * loss);
  g_autofree float *logits = scmm_test_read_expected (expected, "logits", n * 3);
  scmm_test_assert_close ("logits", step->logits, logits, n * 3, 1e-4, 0);
  compare_grads (expected, model->model, "encoder.");
  compare_grads (expected, model->classifier, "");
  for (guint i = 0; i < scmm_tensor_set_count (model->model); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_info (model->model, i);
      if (info->kind != SCMM_TENSOR_BUFFER || !g_str_has_prefix (info->name, "encoder."))
        continue;
      g_autofree char *name = g_strdup_printf ("running/%s", info->name);
      g_autofree float *ref = scmm_test_read_expected (expected, name, info->numel);
      scmm_test_assert_close (name, scmm_tensor_set_data_at (model->model, i), ref,
                              info->numel, 1e-4, 0);
    }
  /* the projector and decoder take no part in fine-tuning */
  g_assert_cmpfloat (scmm_tensor_set_grad (model->model, "decoder.weight")[0], ==, 0.0f);
}

typedef struct {
  ScmmModel *model;
  ScmmFinetuneStep *step;
  float *x;
  int32_t *labels;
  int n;
} FtCase;

static double
ft_loss (gpointer data)
{
  FtCase *c = data;
  g_assert_true (scmm_finetune_forward (c->step, c->model, c->x, c->labels, c->n, TRUE, NULL));
  return c->step->loss;
}

static void
test_finetune_gradcheck_and_accumulation (void)
{
  ScmmModelConfig config = { 5, 5 };
  g_autoptr (ScmmModel) model = scmm_model_new (&config);
  scmm_model_add_classifier (model, 3, NULL);
  ScmmRng rng;
  scmm_rng_init (&rng, 12);
  scmm_model_init_default (model, &rng);
  FtCase c = { .model = model, .n = 48 };
  c.x = g_new (float, c.n * 25);
  c.labels = g_new (int32_t, c.n);
  ScmmSyntheticConfig data = { 5, 5, 3, 0.2f };
  scmm_synthetic_samples (c.x, c.labels, c.n, &data, 3);
  c.step = scmm_finetune_step_new (&model->dims, 3, c.n);

  scmm_tensor_set_zero_grads (model->model);
  scmm_tensor_set_zero_grads (model->classifier);
  ft_loss (&c);
  scmm_finetune_backward (c.step, model);
  const ScmmTensorSet *sets[] = { model->model, model->classifier };
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < scmm_tensor_set_count (sets[s]); i++)
      {
        const ScmmTensorInfo *info = scmm_tensor_set_info (sets[s], i);
        if (info->kind != SCMM_TENSOR_PARAMETER || (s == 0 && !g_str_has_prefix (info->name, "encoder.")))
          continue;
        g_autofree float *g = g_memdup2 (scmm_tensor_set_grad_at (sets[s], i), sizeof (float) * info->numel);
        g_autofree char *label = g_strdup_printf ("fine-tuning loss, %s", info->name);
        scmm_test_gradcheck (label, ft_loss, &c, scmm_tensor_set_data_at (sets[s], i), g,
                             info->numel, 1e-3f, 0, 3e-2, &rng);
      }

  /* The released code never zeroes gradients in fine-tuning: a second
   * backward without zeroing adds the same gradient again. */
  scmm_tensor_set_zero_grads (model->model);
  scmm_tensor_set_zero_grads (model->classifier);
  ft_loss (&c);
  scmm_finetune_backward (c.step, model);
  g_autofree float *once = g_memdup2 (model->classifier->grads, sizeof (float) * model->classifier->n_values);
  ft_loss (&c);
  scmm_finetune_backward (c.step, model);
  for (gsize i = 0; i < model->classifier->n_values; i++)
    g_assert_cmpfloat_with_epsilon (model->classifier->grads[i], 2 * once[i], 1e-6 + 1e-5 * fabs (once[i]));

  int32_t predicted[48];
  scmm_finetune_predict (c.step, predicted);
  for (int i = 0; i < c.n; i++)
    g_assert_true (predicted[i] >= 0 && predicted[i] < 3);

  /* A label outside the classes is an error, not a crash. */
  c.labels[2] = 3;
  GError *error = NULL;
  g_assert_false (scmm_finetune_forward (c.step, model, c.x, c.labels, c.n, TRUE, &error));
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  scmm_finetune_step_free (c.step);
  g_free (c.x);
  g_free (c.labels);
}

/* Fine-tuning as the released code sets it up: one Adam for the encoder
 * (the model set, of which only encoder.* has gradients), one for the
 * classifier. On separable synthetic classes the loss falls and the
 * accuracy on held-out samples rises above chance. */
static void
test_finetune_loss_falls (void)
{
  enum { C = 8, N = 240, B = 48, K = 3, EPOCHS = 12 };
  ScmmModelConfig config = { C, 5 };
  g_autoptr (ScmmModel) model = scmm_model_new (&config);
  scmm_model_add_classifier (model, K, NULL);
  ScmmRng rng;
  scmm_rng_init (&rng, 21);
  scmm_model_init_default (model, &rng);
  g_autofree float *x = g_new (float, N * C * 5);
  g_autofree int32_t *y = g_new (int32_t, N);
  ScmmSyntheticConfig data = { C, 5, K, 0.15f };
  scmm_synthetic_samples (x, y, N, &data, 5);
  g_autoptr (ScmmFinetuneStep) step = scmm_finetune_step_new (&model->dims, K, B);
  g_autoptr (ScmmAdam) encoder_adam = scmm_adam_new (model->model, "encoder.",
                                                     &SCMM_ADAM_CONFIG_DEFAULT);
  g_autoptr (ScmmAdam) classifier_adam = scmm_adam_new (model->classifier, NULL,
                                                        &SCMM_ADAM_CONFIG_DEFAULT);
  const int train = N - B;   /* the last batch is held out */
  double first = 0, last = 0;
  for (int epoch = 0; epoch < EPOCHS; epoch++)
    {
      double total = 0;
      for (int s = 0; s < train / B; s++)
        {
          scmm_tensor_set_zero_grads (model->model);
          scmm_tensor_set_zero_grads (model->classifier);
          g_assert_true (scmm_finetune_forward (step, model, x + s * B * C * 5, y + s * B, B, TRUE,
                                                NULL));
          scmm_finetune_backward (step, model);
          scmm_adam_step (encoder_adam, 5e-3f);
          scmm_adam_step (classifier_adam, 5e-3f);
          total += step->loss;
        }
      if (epoch == 0)
        first = total / (train / B);
      last = total / (train / B);
    }
  g_assert_true (scmm_finetune_forward (step, model, x + train * C * 5, NULL, B, FALSE, NULL));
  int32_t predicted[B];
  scmm_finetune_predict (step, predicted);
  int correct = 0;
  for (int i = 0; i < B; i++)
    correct += predicted[i] == y[train + i];
  g_test_message ("fine-tuning loss %.4f -> %.4f; held-out accuracy %d/%d", first, last, correct, B);
  g_assert_cmpfloat (last, <, 0.5 * first);
  g_assert_cmpint (correct, >, B * 2 / 3);
  /* The projector and decoder were never touched by the encoder's Adam. */
  g_assert_cmpfloat (encoder_adam->v[scmm_tensor_set_find (model->model, "decoder.bias")->offset],
                     ==, 0.0f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  scmm_blas_set_threads (2);
  g_test_add_func ("/finetune/reference", test_finetune_reference);
  g_test_add_func ("/finetune/gradcheck-and-accumulation", test_finetune_gradcheck_and_accumulation);
  g_test_add_func ("/finetune/loss-falls", test_finetune_loss_falls);
  return g_test_run ();
}
