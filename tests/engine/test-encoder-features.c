/* test-encoder-features.c: eval-mode encoder outputs for the embedding map:
 * against PyTorch in eval mode, against the pre-training step's h, batch
 * sizes, and the errors.
 *
 * tests/fixtures/embedding/embedding.h5 (encoder/) comes from
 * tests/reference/embedding_reference.py: the fine-tuning fixture's
 * checkpoint, 21 samples, h in eval mode computed in float64. */
#include <math.h>
#include <string.h>

#include "scmm-batchnorm.h"
#include "scmm-checkpoint.h"
#include "scmm-encoder-features.h"
#include "scmm-error.h"
#include "scmm-step-dump.h"
#include "scmm-test-util.h"

static ScmmModel *
load_model (const char *fixture)
{
  g_autofree char *path = scmm_test_fixture (fixture);
  GError *error = NULL;
  ScmmModel *model = scmm_checkpoint_load (path, NULL, NULL, &error);
  g_assert_no_error (error);
  return model;
}

static float *
features (const ScmmModel *model, const float *x, int n, int batch)
{
  GError *error = NULL;
  float *h = scmm_encoder_features (model, x, n, model->config.channels, model->config.bands,
                                    batch, &error);
  g_assert_no_error (error);
  g_assert_nonnull (h);
  return h;
}

static void
test_matches_pytorch_eval (void)
{
  g_autoptr (ScmmModel) model = load_model ("finetune/checkpoint.h5");
  g_autoptr (ScmmH5) h5 = scmm_test_open_fixture ("embedding/embedding.h5");
  GError *error = NULL;
  ScmmShape x_shape = SCMM_SHAPE3 (-1, model->config.channels, model->config.bands), got;
  g_autofree float *x = scmm_h5_read_f32 (h5, "encoder/x", &x_shape, &got, &error);
  g_assert_no_error (error);
  const int n = (int) got.dim[0];
  g_autofree float *expected = scmm_test_read_expected (h5, "encoder/h_eval",
                                                        (gsize) n * model->dims.hidden);
  /* 21 rows: five batches of 4 and one of 1, and one batch of all */
  const int batches[] = { 4, 0 };
  for (guint k = 0; k < G_N_ELEMENTS (batches); k++)
    {
      g_autofree float *h = features (model, x, n, batches[k]);
      double rel = scmm_test_assert_close ("h (eval mode)", h, expected,
                                           (gsize) n * model->dims.hidden, 1e-4, 1e-7);
      g_test_message ("h of %d samples in eval mode, batch %d, against PyTorch (float64): max "
                      "|diff| / max |reference| %.2e", n, batches[k], rel);
    }
}

/* With the running statistics set to the batch's own statistics, eval mode
 * computes what train mode computes: the pre-training step's h. */
static void
test_equals_pretrain_step_h (void)
{
  g_autoptr (ScmmModel) model = load_model ("step-hybrid-own/checkpoint.h5");
  g_autofree char *batch_path = scmm_test_fixture ("step-hybrid-own/batch.h5");
  GError *error = NULL;
  g_autoptr (ScmmStepBatch) batch = scmm_step_batch_load (batch_path, &model->config, &error);
  g_assert_no_error (error);
  g_autoptr (ScmmPretrainStep) step = scmm_pretrain_step_new (&model->dims, batch->b,
                                                              batch->views);
  g_assert_true (scmm_pretrain_forward (step, model, batch->x, batch->keep, &batch->loss,
                                        &error));
  g_assert_no_error (error);
  const int n = step->n, hidden = model->dims.hidden;
  const float *train_h = step->encoder->pool[SCMM_ENCODER_BLOCKS - 1];

  ScmmEncoderTensors *e = &model->param.encoder;
  for (int i = 0; i < SCMM_ENCODER_BLOCKS; i++)
    for (int c = 0; c < model->dims.conv[i].out_ch; c++)
      {
        float rstd = step->encoder->bn_rstd[i][c];
        e->bn_running_mean[i][c] = step->encoder->bn_mean[i][c];
        e->bn_running_var[i][c] = 1.0f / (rstd * rstd) - SCMM_BN_EPS;
      }
  g_autofree float *h = features (model, step->x_in, n, 5);
  double rel = scmm_test_assert_close ("eval-mode h vs the step's h", h, train_h,
                                       (gsize) n * hidden, 1e-5, 1e-7);
  g_test_message ("eval mode with the batch's statistics against the pre-training step's "
                  "train-mode h (%d rows): max |diff| / max |h| %.2e", n, rel);

  g_autoptr (ScmmH5) expected = scmm_test_open_fixture ("step-hybrid-own/expected.h5");
  g_autofree float *reference = scmm_test_read_expected (expected, "h", (gsize) n * hidden);
  rel = scmm_test_assert_close ("eval-mode h vs PyTorch's train-mode h", h, reference,
                                (gsize) n * hidden, 1e-4, 1e-7);
  g_test_message ("and against PyTorch's train-mode h: %.2e", rel);
}

/* Samples of another montage or band count than the model's. */
static void
test_shape_mismatch (void)
{
  g_autoptr (ScmmModel) model = load_model ("finetune/checkpoint.h5");
  const int c = model->config.channels, f = model->config.bands;
  g_autofree float *x = g_new0 (float, (gsize) 4 * (c + 1) * f);
  GError *error = NULL;
  g_assert_null (scmm_encoder_features (model, x, 4, c + 1, f, 0, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_SHAPE, "built for 6 x 5");
  g_assert_null (scmm_encoder_features (model, x, 4, c, f - 1, 0, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_SHAPE, NULL);
}

/* No samples, or a NaN among them. */
static void
test_bad_samples (void)
{
  g_autoptr (ScmmModel) model = load_model ("finetune/checkpoint.h5");
  const int c = model->config.channels, f = model->config.bands;
  g_autofree float *x = g_new0 (float, (gsize) 4 * c * f);
  GError *error = NULL;
  g_assert_null (scmm_encoder_features (model, x, 0, c, f, 0, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, NULL);

  x[2 * c * f + 7] = NAN;
  g_assert_null (scmm_encoder_features (model, x, 4, c, f, 0, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_NUMERIC, "row 2");
}

static void
test_batch_size_does_not_matter (void)
{
  g_autoptr (ScmmModel) model = load_model ("finetune/checkpoint.h5");
  const int n = 37, size = model->dims.input_dim, hidden = model->dims.hidden;
  ScmmRng rng;
  scmm_rng_init (&rng, 3);
  g_autofree float *x = g_new (float, (gsize) n * size);
  scmm_test_fill_uniform (x, (gsize) n * size, &rng, 0.0f, 1.0f);
  g_autofree float *all = features (model, x, n, n);
  const int batches[] = { 1, 5, 36, 1000 };
  for (guint k = 0; k < G_N_ELEMENTS (batches); k++)
    {
      g_autofree float *h = features (model, x, n, batches[k]);
      scmm_test_assert_close ("h by batch size", h, all, (gsize) n * hidden, 1e-6, 0.0);
    }
  /* and the model is unchanged: eval mode moves no running statistic */
  g_autoptr (ScmmModel) fresh = load_model ("finetune/checkpoint.h5");
  for (int i = 0; i < SCMM_ENCODER_BLOCKS; i++)
    g_assert_cmpmem (model->param.encoder.bn_running_mean[i],
                     sizeof (float) * model->dims.conv[i].out_ch,
                     fresh->param.encoder.bn_running_mean[i],
                     sizeof (float) * model->dims.conv[i].out_ch);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/encoder-features/matches-pytorch-eval", test_matches_pytorch_eval);
  g_test_add_func ("/encoder-features/equals-pretrain-step-h", test_equals_pretrain_step_h);
  g_test_add_func ("/encoder-features/shape-mismatch", test_shape_mismatch);
  g_test_add_func ("/encoder-features/bad-samples", test_bad_samples);
  g_test_add_func ("/encoder-features/batch-size", test_batch_size_does_not_matter);
  return g_test_run ();
}
