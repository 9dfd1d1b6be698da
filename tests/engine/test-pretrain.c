/* test-pretrain.c: the whole pre-training step.
 * - against the independent PyTorch reference (tests/reference/): losses, S,
 *   W, R, h, z, x_hat, every gradient and the running statistics to 1e-4
 *   relative (max |diff| <= 1e-4 max |reference| per tensor), and one Adam step;
 * - the gradient of the whole loss against finite differences;
 * - determinism for a seed; a short run on synthetic data where the loss falls;
 * - a diverging step is an error, not a NaN. */
#include <math.h>

#include "scmm-adam.h"
#include "scmm-blas.h"
#include "scmm-checkpoint.h"
#include "scmm-error.h"
#include "scmm-masking.h"
#include "scmm-step-dump.h"
#include "scmm-synthetic.h"
#include "scmm-test-util.h"

#define REFERENCE_RTOL 1e-4
#define REFERENCE_ATOL 1e-10   /* for tensors that are exactly zero in the reference */

static void
compare_set (ScmmH5 *expected, const char *group, const ScmmTensorSet *set, gboolean grads,
             double *worst)
{
  for (guint i = 0; i < scmm_tensor_set_count (set); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_info (set, i);
      if ((info->kind == SCMM_TENSOR_PARAMETER) != grads)
        continue;
      g_autofree char *name = g_strdup_printf ("%s/%s", group, info->name);
      g_autofree float *ref = scmm_test_read_expected (expected, name, info->numel);
      const float *mine = grads ? scmm_tensor_set_grad_at (set, i) : scmm_tensor_set_data_at (set, i);
      double rel = scmm_test_assert_close (name, mine, ref, info->numel, REFERENCE_RTOL,
                                           REFERENCE_ATOL);
      *worst = MAX (*worst, rel);
    }
}

static void
compare_tensor (ScmmH5 *expected, const char *name, const float *mine, gsize n, double *worst)
{
  g_autofree float *ref = scmm_test_read_expected (expected, name, n);
  *worst = MAX (*worst, scmm_test_assert_close (name, mine, ref, n, REFERENCE_RTOL,
                                                REFERENCE_ATOL));
}

static void
compare_scalar (ScmmH5 *expected, const char *name, double mine)
{
  double ref;
  GError *error = NULL;
  g_assert_true (scmm_h5_read_scalar (expected, name, &ref, &error));
  g_assert_no_error (error);
  if (!(fabs (mine - ref) <= REFERENCE_RTOL * fabs (ref)))
    g_error ("%s: %.9g, reference %.9g", name, mine, ref);
}

/* One fixture case: checkpoint.h5 + batch.h5 -> the step -> expected.h5. */
static void
test_pretrain_reference (gconstpointer data)
{
  const char *name = data;
  g_autofree char *dir = scmm_test_fixture (name);
  g_autofree char *ck = g_build_filename (dir, "checkpoint.h5", NULL);
  g_autofree char *batch_path = g_build_filename (dir, "batch.h5", NULL);
  g_autofree char *expected_path = g_build_filename (dir, "expected.h5", NULL);
  GError *error = NULL;

  g_autoptr (ScmmModel) model = scmm_checkpoint_load (ck, NULL, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (ScmmStepBatch) batch = scmm_step_batch_load (batch_path, &model->config, &error);
  g_assert_no_error (error);
  g_autoptr (ScmmPretrainStep) step = scmm_pretrain_step_new (&model->dims, batch->b,
                                                              batch->views);
  scmm_tensor_set_zero_grads (model->model);
  g_assert_true (scmm_pretrain_step_run (step, model, batch->x, batch->keep, &batch->loss,
                                         &error));
  g_assert_no_error (error);

  g_autoptr (ScmmH5) expected = scmm_h5_open (expected_path, &error);
  g_assert_no_error (error);
  compare_scalar (expected, "loss", step->result.loss);
  compare_scalar (expected, "loss_c", step->result.loss_c);
  compare_scalar (expected, "loss_r", step->result.loss_r);

  const gsize n = step->n, nn = n * n;
  const ScmmModelDims *d = &model->dims;
  double worst_tensor = 0, worst_grad = 0, worst_running = 0;
  compare_tensor (expected, "S", step->S, nn, &worst_tensor);
  compare_tensor (expected, "W", step->W, nn, &worst_tensor);
  compare_tensor (expected, "R", step->R, nn, &worst_tensor);
  compare_tensor (expected, "h", step->encoder->pool[SCMM_ENCODER_BLOCKS - 1], n * d->hidden,
                  &worst_tensor);
  compare_tensor (expected, "z", step->projector->z, n * d->proj_out, &worst_tensor);
  compare_tensor (expected, "x_hat", step->x_hat, n * d->input_dim, &worst_tensor);
  compare_set (expected, "grad", model->model, TRUE, &worst_grad);
  compare_set (expected, "running", model->model, FALSE, &worst_running);
  /* projector.0.bias feeds a train-mode batch norm: exactly zero. */
  const float *bias_grad = scmm_tensor_set_grad (model->model, "projector.0.bias");
  for (int i = 0; i < d->proj_hidden; i++)
    g_assert_cmpfloat (bias_grad[i], ==, 0.0f);

  g_test_message ("%s: worst relative difference: tensors %.2e, gradients %.2e, running %.2e",
                  name, worst_tensor, worst_grad, worst_running);

  if (scmm_h5_exists (expected, "adam"))
    {
      /* One Adam step from the checkpoint's values with the reference's own
       * gradients (Adam's first step is close to lr sign(g): it must not be
       * fed gradients that differ in the last bits). */
      g_autoptr (ScmmModel) fresh = scmm_checkpoint_load (ck, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < scmm_tensor_set_count (fresh->model); i++)
        {
          const ScmmTensorInfo *info = scmm_tensor_set_info (fresh->model, i);
          if (info->kind != SCMM_TENSOR_PARAMETER)
            continue;
          g_autofree char *gname = g_strdup_printf ("grad/%s", info->name);
          g_autofree float *g = scmm_test_read_expected (expected, gname, info->numel);
          memcpy (scmm_tensor_set_grad_at (fresh->model, i), g, sizeof (float) * info->numel);
        }
      g_autoptr (ScmmAdam) adam = scmm_adam_new (fresh->model, NULL, &SCMM_ADAM_CONFIG_DEFAULT);
      scmm_adam_step (adam, adam->config.lr);
      double worst_adam = 0;
      for (guint i = 0; i < scmm_tensor_set_count (fresh->model); i++)
        {
          const ScmmTensorInfo *info = scmm_tensor_set_info (fresh->model, i);
          if (info->kind != SCMM_TENSOR_PARAMETER)
            continue;
          g_autofree char *aname = g_strdup_printf ("adam/%s", info->name);
          compare_tensor (expected, aname, scmm_tensor_set_data_at (fresh->model, i),
                          info->numel, &worst_adam);
        }
      g_test_message ("%s: one Adam step: worst relative difference %.2e", name, worst_adam);
    }
}

/* ---- finite differences on the whole loss ---- */

typedef struct {
  ScmmModel *model;
  ScmmPretrainStep *step;
  float *x;
  guint8 *keep;
  ScmmPretrainLoss loss;
} WholeLossCase;

static double
whole_loss (gpointer data)
{
  WholeLossCase *c = data;
  GError *error = NULL;
  g_assert_true (scmm_pretrain_forward (c->step, c->model, c->x, c->keep, &c->loss, &error));
  return c->step->result.loss;
}

static void
check_whole_loss (int channels, int bands, int b, int views, ScmmMaskMode mode,
                  ScmmPretrainLoss loss, guint64 seed)
{
  ScmmModelConfig config = { channels, bands };
  g_autoptr (ScmmModel) model = scmm_model_new (&config);
  ScmmRng rng;
  scmm_rng_init (&rng, seed);
  scmm_model_init_default (model, &rng);
  /* Non-trivial batch norms and loss weights, so that every path is exercised. */
  for (guint i = 0; i < scmm_tensor_set_count (model->model); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_info (model->model, i);
      float *v = scmm_tensor_set_data_at (model->model, i);
      if (info->shape.ndim == 1 && g_str_has_suffix (info->name, ".weight"))
        scmm_test_fill_uniform (v, info->numel, &rng, 0.5f, 1.5f);
      else if (info->shape.ndim == 1 && g_str_has_prefix (info->name, "encoder.")
               && g_str_has_suffix (info->name, ".bias"))
        scmm_test_fill_uniform (v, info->numel, &rng, -0.2f, 0.2f);
    }
  model->param.awl[0] = 0.9f;
  model->param.awl[1] = 1.2f;

  const gsize sample = (gsize) channels * bands;
  WholeLossCase c = { .model = model, .loss = loss };
  c.x = g_new (float, b * sample);
  c.keep = g_new (guint8, views * b * sample);
  ScmmSyntheticConfig data = { channels, bands, 3, 0.2f };
  scmm_synthetic_samples (c.x, NULL, b, &data, seed);
  ScmmMaskConfig mask = { mode, 0.5f, 0.1f, views };
  scmm_masking_generate (c.keep, &rng, &mask, b, channels, bands);
  c.step = scmm_pretrain_step_new (&model->dims, b, views);

  scmm_tensor_set_zero_grads (model->model);
  GError *error = NULL;
  g_assert_true (scmm_pretrain_step_run (c.step, model, c.x, c.keep, &loss, &error));
  g_assert_no_error (error);
  g_autofree float *grads = g_memdup2 (model->model->grads, sizeof (float) * model->model->n_values);

  for (guint i = 0; i < scmm_tensor_set_count (model->model); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_info (model->model, i);
      if (info->kind != SCMM_TENSOR_PARAMETER || strcmp (info->name, "projector.0.bias") == 0)
        continue;
      g_autofree char *label = g_strdup_printf ("whole loss, %s (%s, M %d)", info->name,
                                                scmm_recon_target_to_string (loss.recon_target),
                                                views);
      scmm_test_gradcheck (label, whole_loss, &c, scmm_tensor_set_data_at (model->model, i),
                           grads + info->offset, info->numel, 1e-3f, 0, 3e-2, &rng);
    }
  scmm_pretrain_step_free (c.step);
  g_free (c.x);
  g_free (c.keep);
}

static void
test_pretrain_gradcheck_own_input (void)
{
  ScmmPretrainLoss loss = { 0.5f, 0.05f, 0.5f, SCMM_RECON_OWN_INPUT, TRUE, TRUE, TRUE };
  check_whole_loss (4, 5, 24, 1, SCMM_MASK_HYBRID, loss, 5);
}

static void
test_pretrain_gradcheck_original_two_views (void)
{
  ScmmPretrainLoss loss = { 0.75f, 0.5f, 0.2f, SCMM_RECON_ORIGINAL, TRUE, TRUE, TRUE };
  check_whole_loss (3, 5, 16, 2, SCMM_MASK_CHANNEL, loss, 6);
}

/* The ablations of the comparison table: each is its own loss, with its
 * own gradient. */
static void
test_pretrain_gradcheck_ablations (void)
{
  ScmmPretrainLoss hard = { 0.5f, 0.05f, 0.5f, SCMM_RECON_OWN_INPUT, FALSE, TRUE, TRUE };
  ScmmPretrainLoss recon_only = { 0.5f, 0.05f, 0.5f, SCMM_RECON_OWN_INPUT, TRUE, FALSE, TRUE };
  ScmmPretrainLoss no_aggregator = { 0.5f, 0.05f, 0.5f, SCMM_RECON_ORIGINAL, TRUE, TRUE, FALSE };
  check_whole_loss (4, 5, 16, 1, SCMM_MASK_HYBRID, hard, 11);
  check_whole_loss (4, 5, 16, 1, SCMM_MASK_HYBRID, recon_only, 12);
  check_whole_loss (4, 5, 16, 1, SCMM_MASK_HYBRID, no_aggregator, 13);
}

/* Another band count: the encoder's lengths (8 -> 9 -> 5, 5 -> 6 -> 4,
 * 4 -> 5 -> 3) and h follow from F. */
static void
test_pretrain_gradcheck_eight_bands (void)
{
  ScmmPretrainLoss loss = { 0.5f, 0.2f, 0.5f, SCMM_RECON_OWN_INPUT, TRUE, TRUE, TRUE };
  check_whole_loss (3, 8, 20, 1, SCMM_MASK_RANDOM, loss, 7);
}

/* ---- training runs ---- */

typedef struct {
  double first_epoch;
  double last_epoch;
  double first_c, last_c, first_r, last_r;
} RunSummary;

/* A short pre-training run on synthetic data: shuffled batches, fresh masks,
 * Adam, cosine schedule. */
static RunSummary
pretrain_run (guint64 seed, int epochs, ScmmModel **model_out)
{
  enum { C = 16, SAMPLES = 512, B = 64 };
  const gsize sample = (gsize) C * 5;
  ScmmModelConfig config = { C, 5 };
  ScmmModel *model = scmm_model_new (&config);
  ScmmRng rng;
  scmm_rng_init (&rng, seed);
  scmm_model_init_default (model, &rng);

  float *x = g_new (float, SAMPLES * sample), *xb = g_new (float, B * sample);
  guint8 *keep = g_new (guint8, B * sample);
  guint32 *order = g_new (guint32, SAMPLES);
  ScmmSyntheticConfig data = { C, 5, 3, 0.1f };
  scmm_synthetic_samples (x, NULL, SAMPLES, &data, seed);
  ScmmPretrainStep *step = scmm_pretrain_step_new (&model->dims, B, 1);
  ScmmAdam *adam = scmm_adam_new (model->model, NULL, &SCMM_ADAM_CONFIG_DEFAULT);
  ScmmPretrainLoss loss = SCMM_PRETRAIN_LOSS_DEFAULT;
  ScmmMaskConfig mask = SCMM_MASK_CONFIG_DEFAULT;
  RunSummary summary = { 0 };

  for (int epoch = 0; epoch < epochs; epoch++)
    {
      float lr = (float) scmm_cosine_lr (5e-3, 0.0, epoch, epochs);
      double total = 0, total_c = 0, total_r = 0;
      int steps = SAMPLES / B;
      scmm_rng_permutation (&rng, order, SAMPLES);
      for (int s = 0; s < steps; s++)
        {
          for (int i = 0; i < B; i++)
            memcpy (xb + i * sample, x + order[s * B + i] * sample, sizeof (float) * sample);
          scmm_masking_generate (keep, &rng, &mask, B, C, 5);
          scmm_tensor_set_zero_grads (model->model);
          GError *error = NULL;
          g_assert_true (scmm_pretrain_step_run (step, model, xb, keep, &loss, &error));
          g_assert_no_error (error);
          scmm_adam_step (adam, lr);
          total += step->result.loss;
          total_c += step->result.loss_c;
          total_r += step->result.loss_r;
        }
      if (epoch == 0)
        summary = (RunSummary) { total / steps, 0, total_c / steps, 0, total_r / steps, 0 };
      summary.last_epoch = total / steps;
      summary.last_c = total_c / steps;
      summary.last_r = total_r / steps;
    }
  scmm_pretrain_step_free (step);
  scmm_adam_free (adam);
  g_free (x); g_free (xb); g_free (keep); g_free (order);
  if (model_out != NULL)
    *model_out = model;
  else
    scmm_model_free (model);
  return summary;
}

static void
test_pretrain_loss_falls (void)
{
  RunSummary s = pretrain_run (42, 10, NULL);
  g_test_message ("loss %.4f -> %.4f; L_C %.4f -> %.4f; L_R %.4f -> %.4f", s.first_epoch,
                  s.last_epoch, s.first_c, s.last_c, s.first_r, s.last_r);
  g_assert_cmpfloat (s.last_epoch, <, s.first_epoch - 0.05);
  g_assert_cmpfloat (s.last_c, <, s.first_c);
  g_assert_cmpfloat (s.last_r, <, 0.5 * s.first_r);
}

static void
test_pretrain_deterministic (void)
{
  ScmmModel *a = NULL, *b = NULL;
  pretrain_run (7, 2, &a);
  pretrain_run (7, 2, &b);
  g_assert_cmpmem (a->model->values, a->model->n_values * sizeof (float),
                   b->model->values, b->model->n_values * sizeof (float));
  g_assert_cmpmem (a->model->buffers, a->model->n_buffer_values * sizeof (float),
                   b->model->buffers, b->model->n_buffer_values * sizeof (float));
  ScmmModel *c = NULL;
  pretrain_run (8, 2, &c);
  g_assert_true (memcmp (a->model->values, c->model->values,
                         a->model->n_values * sizeof (float)) != 0);
  scmm_model_free (a);
  scmm_model_free (b);
  scmm_model_free (c);
}

/* What each ablation leaves out is really left out. */
static void
test_pretrain_ablations_differ (void)
{
  ScmmModelConfig config = { 4, 5 };
  g_autoptr (ScmmModel) model = scmm_model_new (&config);
  ScmmRng rng;
  scmm_rng_init (&rng, 2);
  scmm_model_init_default (model, &rng);
  enum { B = 6 };
  float x[B * 20];
  guint8 keep[B * 20];
  ScmmSyntheticConfig data = { 4, 5, 3, 0.2f };
  scmm_synthetic_samples (x, NULL, B, &data, 1);
  ScmmMaskConfig mask = SCMM_MASK_CONFIG_DEFAULT;
  scmm_masking_generate (keep, &rng, &mask, B, 4, 5);
  g_autoptr (ScmmPretrainStep) step = scmm_pretrain_step_new (&model->dims, B, 1);
  GError *error = NULL;

  ScmmPretrainLoss hard = SCMM_PRETRAIN_LOSS_DEFAULT;
  hard.soft_weights = FALSE;
  scmm_tensor_set_zero_grads (model->model);
  g_assert_true (scmm_pretrain_step_run (step, model, x, keep, &hard, &error));
  for (int i = 0; i < 2 * B; i++)
    for (int j = 0; j < 2 * B; j++)
      g_assert_cmpfloat (step->W[i * 2 * B + j], ==, i != j && i % B == j % B ? 1.0f : 0.0f);

  ScmmPretrainLoss recon_only = SCMM_PRETRAIN_LOSS_DEFAULT;
  recon_only.contrastive = FALSE;
  scmm_tensor_set_zero_grads (model->model);
  g_assert_true (scmm_pretrain_step_run (step, model, x, keep, &recon_only, &error));
  g_assert_cmpfloat (step->result.loss_c, ==, 0.0);
  g_assert_cmpfloat (model->grad.awl[0], ==, 0.0f);   /* p1 weights nothing */
  double p2 = model->param.awl[1];
  g_assert_cmpfloat_with_epsilon (step->result.loss, 0.5 / (p2 * p2) * step->result.loss_r + log1p (p2 * p2), 1e-6);

  ScmmPretrainLoss no_aggregator = SCMM_PRETRAIN_LOSS_DEFAULT;
  no_aggregator.aggregator = FALSE;
  g_assert_true (scmm_pretrain_step_run (step, model, x, keep, &no_aggregator, &error));
  const float *h = step->encoder->pool[SCMM_ENCODER_BLOCKS - 1];
  g_assert_cmpmem (step->h_rec, 2 * B * model->dims.hidden * 4, h, 2 * B * model->dims.hidden * 4);
  g_assert_no_error (error);
}

static void
test_pretrain_divergence_is_an_error (void)
{
  ScmmModelConfig config = { 4, 5 };
  g_autoptr (ScmmModel) model = scmm_model_new (&config);
  ScmmRng rng;
  scmm_rng_init (&rng, 1);
  scmm_model_init_default (model, &rng);
  model->param.awl[0] = 0.0f;   /* 0.5 / p^2 = inf */
  float x[4 * 20];
  guint8 keep[4 * 20];
  scmm_test_fill_uniform (x, 80, &rng, 0, 1);
  memset (keep, 1, sizeof keep);
  g_autoptr (ScmmPretrainStep) step = scmm_pretrain_step_new (&model->dims, 4, 1);
  ScmmPretrainLoss loss = SCMM_PRETRAIN_LOSS_DEFAULT;
  GError *error = NULL;
  g_assert_false (scmm_pretrain_step_run (step, model, x, keep, &loss, &error));
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC);
  g_assert_nonnull (strstr (error->message, "diverged"));
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  scmm_blas_set_threads (2);
  const char *cases[] = { "step-hybrid-own", "step-channel-original-m2", "step-random-tau005",
                          "step-parallel-own" };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pretrain/reference/%s", cases[i]);
      g_test_add_data_func (path, cases[i], test_pretrain_reference);
    }
  g_test_add_func ("/pretrain/gradcheck/own-input", test_pretrain_gradcheck_own_input);
  g_test_add_func ("/pretrain/gradcheck/original-two-views",
                   test_pretrain_gradcheck_original_two_views);
  g_test_add_func ("/pretrain/gradcheck/eight-bands", test_pretrain_gradcheck_eight_bands);
  g_test_add_func ("/pretrain/gradcheck/ablations", test_pretrain_gradcheck_ablations);
  g_test_add_func ("/pretrain/ablations-differ", test_pretrain_ablations_differ);
  g_test_add_func ("/pretrain/loss-falls", test_pretrain_loss_falls);
  g_test_add_func ("/pretrain/deterministic", test_pretrain_deterministic);
  g_test_add_func ("/pretrain/divergence-is-an-error", test_pretrain_divergence_is_an_error);
  return g_test_run ();
}
