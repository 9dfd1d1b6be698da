/* scmm-encoder.c: Conv1d BN ReLU MaxPool, three times, forward and backward. */
#include "scmm-encoder.h"

#include <string.h>

#include "scmm-activation.h"
#include "scmm-batchnorm.h"
#include "scmm-conv1d.h"
#include "scmm-maxpool.h"

ScmmEncoderPass *
scmm_encoder_pass_new (const ScmmModelDims *dims, int capacity)
{
  ScmmEncoderPass *pass = g_new0 (ScmmEncoderPass, 1);
  pass->dims = *dims;
  pass->capacity = capacity;
  for (int i = 0; i < SCMM_ENCODER_BLOCKS; i++)
    {
      const ScmmConv1dShape *c = &dims->conv[i];
      gsize conv_size = (gsize) capacity * c->out_ch * c->out_len;
      gsize pool_size = (gsize) capacity * c->out_ch * dims->pool_len[i];
      pass->T[i] = g_new (float, scmm_conv1d_expanded_size (c));
      pass->dT[i] = g_new (float, scmm_conv1d_expanded_size (c));
      pass->conv[i] = g_new (float, conv_size);
      pass->act[i] = g_new (float, conv_size);
      pass->pool[i] = g_new (float, pool_size);
      pass->argmax[i] = g_new (int32_t, pool_size);
      pass->bn_mean[i] = g_new (float, c->out_ch);
      pass->bn_rstd[i] = g_new (float, c->out_ch);
      pass->d_act[i] = g_new (float, conv_size);
      pass->d_bn_out[i] = g_new (float, conv_size);
      pass->d_conv[i] = g_new (float, conv_size);
      if (i < SCMM_ENCODER_BLOCKS - 1)
        pass->d_pool[i] = g_new (float, pool_size);
    }
  return pass;
}

void
scmm_encoder_pass_free (ScmmEncoderPass *pass)
{
  if (pass == NULL)
    return;
  for (int i = 0; i < SCMM_ENCODER_BLOCKS; i++)
    {
      g_free (pass->T[i]);
      g_free (pass->dT[i]);
      g_free (pass->conv[i]);
      g_free (pass->act[i]);
      g_free (pass->pool[i]);
      g_free (pass->argmax[i]);
      g_free (pass->bn_mean[i]);
      g_free (pass->bn_rstd[i]);
      g_free (pass->d_act[i]);
      g_free (pass->d_bn_out[i]);
      g_free (pass->d_conv[i]);
      if (i < SCMM_ENCODER_BLOCKS - 1)
        g_free (pass->d_pool[i]);
    }
  g_free (pass);
}

static ScmmMaxPoolShape
pool_shape (const ScmmEncoderPass *pass, int block)
{
  const ScmmConv1dShape *c = &pass->dims.conv[block];
  return scmm_maxpool_shape (pass->n, c->out_ch, c->out_len, SCMM_POOL_KERNEL,
                             SCMM_POOL_STRIDE, SCMM_POOL_PAD);
}

const float *
scmm_encoder_forward (ScmmEncoderPass *pass, const ScmmModelTensors *param, const float *x,
                      int n, gboolean train)
{
  g_return_val_if_fail (n <= pass->capacity, NULL);
  pass->n = n;
  pass->train = train;
  pass->input = x;
  const ScmmEncoderTensors *e = &param->encoder;
  const float *in = x;
  for (int i = 0; i < SCMM_ENCODER_BLOCKS; i++)
    {
      const ScmmConv1dShape *c = &pass->dims.conv[i];
      ScmmBatchNormShape bn = { n, c->out_ch, c->out_len };
      ScmmMaxPoolShape pool = pool_shape (pass, i);

      scmm_conv1d_expand (pass->T[i], e->conv_weight[i], c);
      scmm_conv1d_forward (pass->conv[i], in, pass->T[i], n, c);
      if (train)
        scmm_batchnorm_forward_train (pass->act[i], pass->bn_mean[i], pass->bn_rstd[i],
                                      pass->conv[i], e->bn_weight[i], e->bn_bias[i],
                                      e->bn_running_mean[i], e->bn_running_var[i], &bn);
      else
        scmm_batchnorm_forward_eval (pass->act[i], pass->conv[i], e->bn_weight[i],
                                     e->bn_bias[i], e->bn_running_mean[i],
                                     e->bn_running_var[i], &bn);
      scmm_relu_forward (pass->act[i], pass->act[i], (gsize) n * c->out_ch * c->out_len);
      scmm_maxpool_forward (pass->pool[i], pass->argmax[i], pass->act[i], &pool);
      in = pass->pool[i];
    }
  return pass->pool[SCMM_ENCODER_BLOCKS - 1];
}

void
scmm_encoder_backward (ScmmEncoderPass *pass, const ScmmModelTensors *param,
                       ScmmModelTensors *grad, const float *dh)
{
  g_return_if_fail (pass->train);
  const int n = pass->n;
  const ScmmEncoderTensors *e = &param->encoder;
  ScmmEncoderTensors *g = &grad->encoder;
  const float *d_out = dh;
  for (int i = SCMM_ENCODER_BLOCKS - 1; i >= 0; i--)
    {
      const ScmmConv1dShape *c = &pass->dims.conv[i];
      gsize conv_size = (gsize) n * c->out_ch * c->out_len;
      ScmmBatchNormShape bn = { n, c->out_ch, c->out_len };
      ScmmMaxPoolShape pool = pool_shape (pass, i);

      memset (pass->d_act[i], 0, sizeof (float) * conv_size);
      scmm_maxpool_backward (pass->d_act[i], d_out, pass->argmax[i], &pool);
      memset (pass->d_bn_out[i], 0, sizeof (float) * conv_size);
      scmm_relu_backward (pass->d_bn_out[i], pass->d_act[i], pass->act[i], conv_size);
      memset (pass->d_conv[i], 0, sizeof (float) * conv_size);
      scmm_batchnorm_backward (pass->d_conv[i], g->bn_weight[i], g->bn_bias[i],
                               pass->d_bn_out[i], pass->conv[i], pass->bn_mean[i],
                               pass->bn_rstd[i], e->bn_weight[i], &bn);

      const float *in = i > 0 ? pass->pool[i - 1] : pass->input;
      float *d_in = NULL;
      if (i > 0)
        {
          d_in = pass->d_pool[i - 1];
          memset (d_in, 0, sizeof (float) * n * c->in_ch * c->in_len);
        }
      scmm_conv1d_backward (d_in, g->conv_weight[i], pass->dT[i], pass->d_conv[i], in,
                            pass->T[i], n, c);
      d_out = d_in;
    }
}
