/* scmm-adam.c: Adam, as torch.optim.Adam computes it, and the cosine schedule. */
#include "scmm-adam.h"

#include <math.h>

ScmmAdam *
scmm_adam_new (ScmmTensorSet *set, const char *prefix, const ScmmAdamConfig *config)
{
  ScmmAdam *adam = g_new0 (ScmmAdam, 1);
  adam->config = *config;
  adam->set = set;
  adam->indices = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < scmm_tensor_set_count (set); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_info (set, i);
      if (info->kind == SCMM_TENSOR_PARAMETER
          && (prefix == NULL || g_str_has_prefix (info->name, prefix)))
        g_array_append_val (adam->indices, i);
    }
  adam->m = g_new0 (float, MAX (set->n_values, 1));
  adam->v = g_new0 (float, MAX (set->n_values, 1));
  return adam;
}

void
scmm_adam_free (ScmmAdam *adam)
{
  if (adam == NULL)
    return;
  g_array_unref (adam->indices);
  g_free (adam->m);
  g_free (adam->v);
  g_free (adam);
}

/* As torch.optim.Adam (1.13, single-tensor path) computes it on float32
 * tensors: scalars are Python doubles cast to float at each operation, the
 * bias corrections are doubles, and the update is addcdiv(m, denom). */
void
scmm_adam_step (ScmmAdam *adam, float lr)
{
  const ScmmAdamConfig *c = &adam->config;
  adam->t++;
  const double beta1 = c->beta1, beta2 = c->beta2;
  const double bias1 = 1.0 - pow (beta1, (double) adam->t);
  const double bias2 = 1.0 - pow (beta2, (double) adam->t);
  const float neg_step_size = (float) (-(double) lr / bias1);
  const float bias2_sqrt = (float) sqrt (bias2);
  const float b1 = c->beta1, b2 = c->beta2;
  const float one_minus_b1 = (float) (1.0 - beta1), one_minus_b2 = (float) (1.0 - beta2);
  const float wd = c->weight_decay, eps = c->eps;

  for (guint k = 0; k < adam->indices->len; k++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_info (adam->set,
                                                         g_array_index (adam->indices, guint, k));
      float *theta = adam->set->values + info->offset;
      const float *grad = adam->set->grads + info->offset;
      float *m = adam->m + info->offset;
      float *v = adam->v + info->offset;
      for (gsize i = 0; i < info->numel; i++)
        {
          float g = grad[i] + wd * theta[i];
          m[i] = m[i] * b1 + one_minus_b1 * g;
          v[i] = v[i] * b2 + one_minus_b2 * g * g;
          float denom = sqrtf (v[i]) / bias2_sqrt + eps;
          theta[i] = theta[i] + neg_step_size * (m[i] / denom);
        }
    }
}

double
scmm_cosine_lr (double base_lr, double eta_min, int epoch, int t_max)
{
  if (t_max <= 0)
    return base_lr;
  return eta_min + (base_lr - eta_min) * (1.0 + cos (G_PI * epoch / t_max)) / 2.0;
}
