/* scmm-pretrain.c: one SCMM pre-training step. */
#include "scmm-pretrain.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "scmm-aggregator.h"
#include "scmm-awl.h"
#include "scmm-error.h"
#include "scmm-linear.h"
#include "scmm-masking.h"
#include "scmm-mse.h"
#include "scmm-soft-contrastive.h"

static const char *const recon_names[] = {
  [SCMM_RECON_OWN_INPUT] = "own_input",
  [SCMM_RECON_ORIGINAL] = "original",
};

const char *
scmm_recon_target_to_string (ScmmReconTarget target)
{
  g_return_val_if_fail (target <= SCMM_RECON_ORIGINAL, "own_input");
  return recon_names[target];
}

gboolean
scmm_recon_target_from_string (const char *name, ScmmReconTarget *target)
{
  for (guint i = 0; i < G_N_ELEMENTS (recon_names); i++)
    if (g_strcmp0 (name, recon_names[i]) == 0)
      {
        *target = (ScmmReconTarget) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
scmm_pretrain_loss_check (const ScmmPretrainLoss *loss, GError **error)
{
  if (!(loss->alpha > 0.0f && loss->alpha <= 1.0f))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "alpha (the soft-weight upper bound) must be in (0, 1], not %g",
                   (double) loss->alpha);
      return FALSE;
    }
  if (!(loss->sigma > 0.0f && isfinite (loss->sigma)))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "sigma (the soft-weight sharpness) must be positive, not %g",
                   (double) loss->sigma);
      return FALSE;
    }
  if (!(loss->tau > 0.0f && isfinite (loss->tau)))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "tau (the temperature) must be positive, not %g", (double) loss->tau);
      return FALSE;
    }
  return TRUE;
}

ScmmPretrainStep *
scmm_pretrain_step_new (const ScmmModelDims *dims, int b, int views)
{
  g_return_val_if_fail (b >= 1 && views >= 1, NULL);
  ScmmPretrainStep *step = g_new0 (ScmmPretrainStep, 1);
  const int n = (views + 1) * b;
  const gsize nn = (gsize) n * n;
  step->dims = *dims;
  step->b = b;
  step->views = views;
  step->n = n;
  step->x_in = g_new (float, (gsize) n * dims->input_dim);
  step->encoder = scmm_encoder_pass_new (dims, n);
  step->projector = scmm_projector_pass_new (dims, n);
  step->S = g_new (float, nn);
  step->W = g_new (float, nn);
  step->R = g_new (float, nn);
  step->h_rec = g_new (float, (gsize) n * dims->hidden);
  step->x_hat = g_new (float, (gsize) n * dims->input_dim);
  step->norms = g_new (float, n);
  step->dS = g_new (float, nn);
  step->dR = g_new (float, nn);
  step->dz = g_new (float, (gsize) n * dims->proj_out);
  step->dh = g_new (float, (gsize) n * dims->hidden);
  step->dh_rec = g_new (float, (gsize) n * dims->hidden);
  step->dx_hat = g_new (float, (gsize) n * dims->input_dim);
  return step;
}

void
scmm_pretrain_step_free (ScmmPretrainStep *step)
{
  if (step == NULL)
    return;
  g_free (step->x_in);
  scmm_encoder_pass_free (step->encoder);
  scmm_projector_pass_free (step->projector);
  g_free (step->S);
  g_free (step->W);
  g_free (step->R);
  g_free (step->h_rec);
  g_free (step->x_hat);
  g_free (step->norms);
  g_free (step->dS);
  g_free (step->dR);
  g_free (step->dz);
  g_free (step->dh);
  g_free (step->dh_rec);
  g_free (step->dx_hat);
  g_free (step);
}

/* The rows that L_R compares, and with what. */
static int
recon_rows (const ScmmPretrainStep *step, const ScmmPretrainLoss *loss)
{
  return loss->recon_target == SCMM_RECON_ORIGINAL ? step->b : step->n;
}

/* W: soft targets (SCMM), hard ones (1 for positives, 0 elsewhere), or none
 * (all zero, when there is no L_C). */
static void
compute_targets (ScmmPretrainStep *step, const ScmmPretrainLoss *loss)
{
  const int n = step->n;
  if (loss->contrastive && loss->soft_weights)
    {
      ScmmSoftWeightConfig soft = { loss->alpha, loss->sigma };
      scmm_soft_targets (step->W, step->norms, step->x_in, n, step->dims.input_dim, step->b,
                         &soft);
      return;
    }
  memset (step->W, 0, sizeof (float) * n * n);
  if (!loss->contrastive)
    return;
  for (int i = 0; i < n; i++)
    for (int j = i % step->b; j < n; j += step->b)
      if (j != i)
        step->W[(gsize) i * n + j] = 1.0f;
}

gboolean
scmm_pretrain_forward (ScmmPretrainStep *step, ScmmModel *model, const float *x,
                       const guint8 *keep, const ScmmPretrainLoss *loss, GError **error)
{
  const ScmmModelDims *d = &step->dims;
  const int n = step->n;
  const ScmmModelTensors *p = &model->param;

  scmm_masking_apply (step->x_in, x, keep, step->views, step->b, model->config.channels,
                      model->config.bands);

  const float *h = scmm_encoder_forward (step->encoder, p, step->x_in, n, TRUE);
  const float *z = scmm_projector_forward (step->projector, p, h, n);

  /* S = z z^T (raw dot products). */
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, n, n, d->proj_out,
               1.0f, z, d->proj_out, z, d->proj_out, 0.0f, step->S, n);

  compute_targets (step, loss);
  /* R is the same softmax whatever the targets; with no L_C the targets
   * are all zero and the loss this returns is 0. */
  double loss_c = scmm_soft_contrastive_forward (step->R, step->S, step->W, n, loss->tau);

  if (loss->aggregator)
    scmm_aggregator_forward (step->h_rec, step->R, h, n, d->hidden);
  else
    memcpy (step->h_rec, h, sizeof (float) * n * d->hidden);
  scmm_linear_forward (step->x_hat, step->h_rec, p->decoder_weight, p->decoder_bias, n,
                       d->hidden, d->input_dim);
  int rows = recon_rows (step, loss);
  double loss_r = scmm_mse_forward (step->x_hat, step->x_in, (gsize) rows * d->input_dim);

  double losses[2] = { loss_c, loss_r };
  step->result.loss_c = loss_c;
  step->result.loss_r = loss_r;
  /* Without L_C the weighting has one term, L_R's (p2). */
  step->result.loss = loss->contrastive ? scmm_awl_forward (p->awl, losses, 2)
                                        : scmm_awl_forward (p->awl + 1, losses + 1, 1);
  if (!isfinite (step->result.loss))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                   "the pre-training loss is not finite (L_C = %g, L_R = %g): training "
                   "diverged; lower the learning rate or raise the temperature tau",
                   loss_c, loss_r);
      return FALSE;
    }
  return TRUE;
}

void
scmm_pretrain_backward (ScmmPretrainStep *step, ScmmModel *model, const ScmmPretrainLoss *loss)
{
  const ScmmModelDims *d = &step->dims;
  const int n = step->n;
  const ScmmModelTensors *p = &model->param;
  ScmmModelTensors *g = &model->grad;
  const float *h = step->encoder->pool[SCMM_ENCODER_BLOCKS - 1];
  const float *z = step->projector->z;
  const gsize nn = (gsize) n * n;

  double losses[2] = { step->result.loss_c, step->result.loss_r };
  float dlosses[2] = { 0.0f, 0.0f };
  if (loss->contrastive)
    scmm_awl_backward (g->awl, dlosses, p->awl, losses, 2);
  else
    scmm_awl_backward (g->awl + 1, dlosses + 1, p->awl + 1, losses + 1, 1);

  /* L_R -> decoder -> H_rec */
  int rows = recon_rows (step, loss);
  memset (step->dx_hat, 0, sizeof (float) * n * d->input_dim);
  scmm_mse_backward (step->dx_hat, step->x_hat, step->x_in, (gsize) rows * d->input_dim,
                     dlosses[1]);
  memset (step->dh_rec, 0, sizeof (float) * n * d->hidden);
  scmm_linear_backward (step->dh_rec, g->decoder_weight, g->decoder_bias, step->dx_hat,
                        step->h_rec, p->decoder_weight, rows, d->hidden, d->input_dim);

  /* L_C -> S, then the aggregator -> S and h */
  memset (step->dS, 0, sizeof (float) * nn);
  if (loss->contrastive)
    scmm_soft_contrastive_backward (step->dS, step->R, step->W, n, loss->tau, dlosses[0]);
  memset (step->dh, 0, sizeof (float) * n * d->hidden);
  if (loss->aggregator)
    scmm_aggregator_backward (step->dh, step->dS, step->dR, step->dh_rec, step->R, h, n,
                              d->hidden, loss->tau);
  else
    memcpy (step->dh, step->dh_rec, sizeof (float) * n * d->hidden);

  /* S = z z^T: dz = (dS + dS^T) z */
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, d->proj_out, n,
               1.0f, step->dS, n, z, d->proj_out, 0.0f, step->dz, d->proj_out);
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, n, d->proj_out, n,
               1.0f, step->dS, n, z, d->proj_out, 1.0f, step->dz, d->proj_out);

  scmm_projector_backward (step->projector, p, g, step->dz, step->dh);
  scmm_encoder_backward (step->encoder, p, g, step->dh);
}

gboolean
scmm_pretrain_step_run (ScmmPretrainStep *step, ScmmModel *model, const float *x,
                        const guint8 *keep, const ScmmPretrainLoss *loss, GError **error)
{
  if (!scmm_pretrain_forward (step, model, x, keep, loss, error))
    return FALSE;
  scmm_pretrain_backward (step, model, loss);
  return TRUE;
}
