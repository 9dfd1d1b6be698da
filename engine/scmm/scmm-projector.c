/* scmm-projector.c: the projector head of pre-training. */
#include "scmm-projector.h"

#include <string.h>

#include "scmm-activation.h"
#include "scmm-batchnorm.h"
#include "scmm-linear.h"

ScmmProjectorPass *
scmm_projector_pass_new (const ScmmModelDims *dims, int capacity)
{
  ScmmProjectorPass *pass = g_new0 (ScmmProjectorPass, 1);
  gsize hidden = (gsize) capacity * dims->proj_hidden;
  pass->dims = *dims;
  pass->capacity = capacity;
  pass->fc1 = g_new (float, hidden);
  pass->act = g_new (float, hidden);
  pass->z = g_new (float, (gsize) capacity * dims->proj_out);
  pass->bn_mean = g_new (float, dims->proj_hidden);
  pass->bn_rstd = g_new (float, dims->proj_hidden);
  pass->d_act = g_new (float, hidden);
  pass->d_bn_out = g_new (float, hidden);
  pass->d_fc1 = g_new (float, hidden);
  return pass;
}

void
scmm_projector_pass_free (ScmmProjectorPass *pass)
{
  if (pass == NULL)
    return;
  g_free (pass->fc1);
  g_free (pass->act);
  g_free (pass->z);
  g_free (pass->bn_mean);
  g_free (pass->bn_rstd);
  g_free (pass->d_act);
  g_free (pass->d_bn_out);
  g_free (pass->d_fc1);
  g_free (pass);
}

const float *
scmm_projector_forward (ScmmProjectorPass *pass, const ScmmModelTensors *param, const float *h,
                        int n)
{
  g_return_val_if_fail (n <= pass->capacity, NULL);
  const ScmmModelDims *d = &pass->dims;
  const ScmmProjectorTensors *p = &param->projector;
  ScmmBatchNormShape bn = { n, d->proj_hidden, 1 };
  pass->n = n;
  pass->h = h;
  scmm_linear_forward (pass->fc1, h, p->fc1_weight, p->fc1_bias, n, d->hidden, d->proj_hidden);
  scmm_batchnorm_forward_train (pass->act, pass->bn_mean, pass->bn_rstd, pass->fc1,
                                p->bn_weight, p->bn_bias, p->bn_running_mean,
                                p->bn_running_var, &bn);
  scmm_relu_forward (pass->act, pass->act, (gsize) n * d->proj_hidden);
  scmm_linear_forward (pass->z, pass->act, p->fc2_weight, p->fc2_bias, n, d->proj_hidden,
                       d->proj_out);
  return pass->z;
}

void
scmm_projector_backward (ScmmProjectorPass *pass, const ScmmModelTensors *param,
                         ScmmModelTensors *grad, const float *dz, float *dh)
{
  const ScmmModelDims *d = &pass->dims;
  const ScmmProjectorTensors *p = &param->projector;
  ScmmProjectorTensors *g = &grad->projector;
  const int n = pass->n;
  const gsize hidden = (gsize) n * d->proj_hidden;
  ScmmBatchNormShape bn = { n, d->proj_hidden, 1 };

  memset (pass->d_act, 0, sizeof (float) * hidden);
  scmm_linear_backward (pass->d_act, g->fc2_weight, g->fc2_bias, dz, pass->act, p->fc2_weight,
                        n, d->proj_hidden, d->proj_out);
  memset (pass->d_bn_out, 0, sizeof (float) * hidden);
  scmm_relu_backward (pass->d_bn_out, pass->d_act, pass->act, hidden);
  memset (pass->d_fc1, 0, sizeof (float) * hidden);
  scmm_batchnorm_backward (pass->d_fc1, g->bn_weight, g->bn_bias, pass->d_bn_out, pass->fc1,
                           pass->bn_mean, pass->bn_rstd, p->bn_weight, &bn);
  scmm_linear_backward (dh, g->fc1_weight, NULL, pass->d_fc1, pass->h, p->fc1_weight, n,
                        d->hidden, d->proj_hidden);
}
