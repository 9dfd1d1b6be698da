/* scmm-step-dump.c: one pre-training step from files, everything written out. */
#include "scmm-step-dump.h"

#include "scmm-checkpoint.h"
#include "scmm-error.h"
#include "scmm-h5.h"

void
scmm_step_batch_free (ScmmStepBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->x);
  g_free (batch->keep);
  g_free (batch);
}

static gboolean
read_loss_attributes (ScmmH5 *h5, ScmmPretrainLoss *loss, GError **error)
{
  double alpha, sigma, tau;
  if (!scmm_h5_read_attr_double (h5, "/", "alpha", &alpha, error)
      || !scmm_h5_read_attr_double (h5, "/", "sigma", &sigma, error)
      || !scmm_h5_read_attr_double (h5, "/", "tau", &tau, error))
    return FALSE;
  g_autofree char *recon = scmm_h5_read_attr_string (h5, "/", "recon_target", error);
  if (recon == NULL)
    return FALSE;
  g_strstrip (recon);
  if (!scmm_recon_target_from_string (recon, &loss->recon_target))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: attribute “recon_target” is “%s”; expected “own_input” or “original”",
                   h5->path, recon);
      return FALSE;
    }
  *loss = (ScmmPretrainLoss) { (float) alpha, (float) sigma, (float) tau, loss->recon_target,
                               TRUE, TRUE, TRUE };
  g_autoptr (GError) local = NULL;
  if (!scmm_pretrain_loss_check (loss, &local))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: %s", h5->path, local->message);
      return FALSE;
    }
  return TRUE;
}

ScmmStepBatch *
scmm_step_batch_load (const char *path, const ScmmModelConfig *config, GError **error)
{
  g_autoptr (ScmmH5) h5 = scmm_h5_open (path, error);
  if (h5 == NULL)
    return NULL;
  g_autoptr (ScmmStepBatch) batch = g_new0 (ScmmStepBatch, 1);
  ScmmShape x_shape, keep_shape;
  ScmmShape x_expect = SCMM_SHAPE3 (-1, config->channels, config->bands);
  ScmmShape keep_expect = SCMM_SHAPE3 (-1, config->channels, config->bands);

  batch->x = scmm_h5_read_f32 (h5, "x", &x_expect, &x_shape, error);
  if (batch->x == NULL)
    return NULL;
  batch->b = (int) x_shape.dim[0];
  if (batch->b < 2)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: dataset “x” holds %d sample(s); batch norm needs at least 2",
                   path, batch->b);
      return NULL;
    }
  batch->keep = scmm_h5_read_mask (h5, "keep", &keep_expect, &keep_shape, error);
  if (batch->keep == NULL)
    return NULL;
  if (keep_shape.dim[0] < batch->b || keep_shape.dim[0] % batch->b != 0
      || keep_shape.dim[0] / batch->b > 16)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: dataset “keep” has %" G_GINT64_FORMAT " rows; expected M x %d "
                   "(M masked views of the %d samples of “x”, 1 <= M <= 16)",
                   path, keep_shape.dim[0], batch->b, batch->b);
      return NULL;
    }
  batch->views = (int) (keep_shape.dim[0] / batch->b);
  if ((gint64) (batch->views + 1) * batch->b > SCMM_STEP_MAX_ROWS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: datasets “x” and “keep” make %d rows; one step takes at most %d",
                   path, (batch->views + 1) * batch->b, SCMM_STEP_MAX_ROWS);
      return NULL;
    }
  if (!read_loss_attributes (h5, &batch->loss, error))
    return NULL;
  return g_steal_pointer (&batch);
}

static gboolean
write_tensor (ScmmH5 *h5, const char *name, const float *data, ScmmShape shape, GError **error)
{
  return scmm_h5_write_f32 (h5, name, &shape, data, error);
}

static gboolean
write_set_group (ScmmH5 *h5, const char *group, const ScmmTensorSet *set, gboolean grads,
                 GError **error)
{
  for (guint i = 0; i < scmm_tensor_set_count (set); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_info (set, i);
      gboolean is_param = info->kind == SCMM_TENSOR_PARAMETER;
      if (grads != is_param)
        continue;
      g_autofree char *name = g_strdup_printf ("%s/%s", group, info->name);
      const float *data = grads ? scmm_tensor_set_grad_at (set, i)
                                : scmm_tensor_set_data_at (set, i);
      if (!scmm_h5_write_f32 (h5, name, &info->shape, data, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_dump (ScmmH5 *h5, const ScmmPretrainStep *step, const ScmmModel *model, GError **error)
{
  const int n = step->n;
  const int c = model->config.channels;
  const int f = model->config.bands;
  const ScmmModelDims *d = &step->dims;
  return scmm_h5_write_scalar (h5, "loss", step->result.loss, error)
         && scmm_h5_write_scalar (h5, "loss_c", step->result.loss_c, error)
         && scmm_h5_write_scalar (h5, "loss_r", step->result.loss_r, error)
         && write_tensor (h5, "S", step->S, SCMM_SHAPE2 (n, n), error)
         && write_tensor (h5, "W", step->W, SCMM_SHAPE2 (n, n), error)
         && write_tensor (h5, "R", step->R, SCMM_SHAPE2 (n, n), error)
         && write_tensor (h5, "h", step->encoder->pool[SCMM_ENCODER_BLOCKS - 1],
                          SCMM_SHAPE2 (n, d->hidden), error)
         && write_tensor (h5, "z", step->projector->z, SCMM_SHAPE2 (n, d->proj_out), error)
         && write_tensor (h5, "x_hat", step->x_hat, SCMM_SHAPE3 (n, c, f), error)
         && write_tensor (h5, "x_in", step->x_in, SCMM_SHAPE3 (n, c, f), error)
         && write_set_group (h5, "/grad", model->model, TRUE, error)
         && write_set_group (h5, "/running", model->model, FALSE, error);
}

gboolean
scmm_step_dump_write (const ScmmPretrainStep *step, const ScmmModel *model, const char *path,
                      GError **error)
{
  ScmmH5 *h5 = scmm_h5_create_atomic (path, error);
  if (h5 == NULL)
    return FALSE;
  if (!write_dump (h5, step, model, error))
    {
      scmm_h5_close_quietly (h5);
      return FALSE;
    }
  return scmm_h5_close (h5, error);
}

gboolean
scmm_step_dump_run (const char *checkpoint_path, const char *batch_path, const char *out_path,
                    ScmmPretrainResult *result, GError **error)
{
  g_autoptr (ScmmModel) model = scmm_checkpoint_load (checkpoint_path, NULL, NULL, error);
  if (model == NULL)
    return FALSE;
  g_autoptr (ScmmStepBatch) batch = scmm_step_batch_load (batch_path, &model->config, error);
  if (batch == NULL)
    return FALSE;
  g_autoptr (ScmmPretrainStep) step = scmm_pretrain_step_new (&model->dims, batch->b,
                                                              batch->views);
  scmm_tensor_set_zero_grads (model->model);
  if (!scmm_pretrain_step_run (step, model, batch->x, batch->keep, &batch->loss, error))
    return FALSE;
  if (result != NULL)
    *result = step->result;
  return scmm_step_dump_write (step, model, out_path, error);
}
