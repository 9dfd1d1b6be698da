/* scmm-finetune.c: classifier head, cross-entropy, forward and backward. */
#include "scmm-finetune.h"

#include <math.h>
#include <string.h>

#include "scmm-activation.h"
#include "scmm-cross-entropy.h"
#include "scmm-error.h"
#include "scmm-linear.h"

ScmmFinetuneStep *
scmm_finetune_step_new (const ScmmModelDims *dims, int classes, int capacity)
{
  g_return_val_if_fail (classes >= 2 && capacity >= 1, NULL);
  ScmmFinetuneStep *step = g_new0 (ScmmFinetuneStep, 1);
  const gsize hidden = (gsize) capacity * SCMM_CLASSIFIER_HIDDEN;
  step->dims = *dims;
  step->classes = classes;
  step->capacity = capacity;
  step->encoder = scmm_encoder_pass_new (dims, capacity);
  step->fc = g_new (float, hidden);
  step->act = g_new (float, hidden);
  step->logits = g_new (float, (gsize) capacity * classes);
  step->probs = g_new (float, (gsize) capacity * classes);
  step->d_logits = g_new (float, (gsize) capacity * classes);
  step->d_act = g_new (float, hidden);
  step->d_fc = g_new (float, hidden);
  step->dh = g_new (float, (gsize) capacity * dims->hidden);
  return step;
}

void
scmm_finetune_step_free (ScmmFinetuneStep *step)
{
  if (step == NULL)
    return;
  scmm_encoder_pass_free (step->encoder);
  g_free (step->fc);
  g_free (step->act);
  g_free (step->logits);
  g_free (step->probs);
  g_free (step->d_logits);
  g_free (step->d_act);
  g_free (step->d_fc);
  g_free (step->dh);
  g_free (step);
}

gboolean
scmm_finetune_forward (ScmmFinetuneStep *step, ScmmModel *model, const float *x,
                       const int32_t *labels, int n, gboolean train, GError **error)
{
  g_return_val_if_fail (model->classifier != NULL && model->classes == step->classes, FALSE);
  g_return_val_if_fail (n >= 1 && n <= step->capacity, FALSE);
  const int k = step->classes;
  const int hidden = step->dims.hidden;
  const ScmmClassifierTensors *c = &model->cls_param;

  if (labels != NULL)
    for (int i = 0; i < n; i++)
      if (labels[i] < 0 || labels[i] >= k)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                       "label %d of sample %d is outside the %d classes", labels[i], i, k);
          return FALSE;
        }

  step->n = n;
  step->train = train;
  step->labels = labels;
  const float *h = scmm_encoder_forward (step->encoder, &model->param, x, n, train);
  scmm_linear_forward (step->fc, h, c->fc_weight, c->fc_bias, n, hidden, SCMM_CLASSIFIER_HIDDEN);
  scmm_sigmoid_forward (step->act, step->fc, (gsize) n * SCMM_CLASSIFIER_HIDDEN);
  scmm_linear_forward (step->logits, step->act, c->out_weight, c->out_bias, n,
                       SCMM_CLASSIFIER_HIDDEN, k);
  step->loss = NAN;
  if (labels != NULL)
    {
      step->loss = scmm_cross_entropy_forward (step->probs, step->logits, labels, n, k);
      if (!isfinite (step->loss))
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                       "the fine-tuning loss is not finite: training diverged; lower the "
                       "learning rate");
          return FALSE;
        }
    }
  return TRUE;
}

void
scmm_finetune_backward (ScmmFinetuneStep *step, ScmmModel *model)
{
  g_return_if_fail (step->train && step->labels != NULL);
  const int n = step->n;
  const int k = step->classes;
  const int hidden = step->dims.hidden;
  const gsize act_size = (gsize) n * SCMM_CLASSIFIER_HIDDEN;
  const ScmmClassifierTensors *c = &model->cls_param;
  ScmmClassifierTensors *g = &model->cls_grad;
  const float *h = step->encoder->pool[SCMM_ENCODER_BLOCKS - 1];

  memset (step->d_logits, 0, sizeof (float) * n * k);
  scmm_cross_entropy_backward (step->d_logits, step->probs, step->labels, n, k, 1.0f);
  memset (step->d_act, 0, sizeof (float) * act_size);
  scmm_linear_backward (step->d_act, g->out_weight, g->out_bias, step->d_logits, step->act,
                        c->out_weight, n, SCMM_CLASSIFIER_HIDDEN, k);
  memset (step->d_fc, 0, sizeof (float) * act_size);
  scmm_sigmoid_backward (step->d_fc, step->d_act, step->act, act_size);
  memset (step->dh, 0, sizeof (float) * n * hidden);
  scmm_linear_backward (step->dh, g->fc_weight, g->fc_bias, step->d_fc, h, c->fc_weight, n,
                        hidden, SCMM_CLASSIFIER_HIDDEN);
  scmm_encoder_backward (step->encoder, &model->param, &model->grad, step->dh);
}

void
scmm_finetune_predict (const ScmmFinetuneStep *step, int32_t *predicted)
{
  const int k = step->classes;
  for (int i = 0; i < step->n; i++)
    {
      const float *z = step->logits + (size_t) i * k;
      int best = 0;
      for (int j = 1; j < k; j++)
        if (z[j] > z[best])
          best = j;
      predicted[i] = best;
    }
}
