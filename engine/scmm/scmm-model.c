/* scmm-model.c: the parameter layout of the SCMM networks and their
 * initialisation. */
#include "scmm-model.h"

#include <math.h>
#include <string.h>

#include "scmm-error.h"

static const int block_channels[SCMM_ENCODER_BLOCKS] = { 32, 64, 128 };
/* Index of each block's conv and BN in the released nn.Sequential. */
static const int block_conv_index[SCMM_ENCODER_BLOCKS] = { 0, 4, 8 };

gboolean
scmm_model_config_check (const ScmmModelConfig *config, GError **error)
{
  if (config->channels < 1 || config->channels > 4096)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the number of EEG channels must be between 1 and 4096, not %d",
                   config->channels);
      return FALSE;
    }
  if (config->bands < 1 || config->bands > 1024)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the number of bands must be between 1 and 1024, not %d", config->bands);
      return FALSE;
    }
  return TRUE;
}

ScmmModelDims
scmm_model_dims (const ScmmModelConfig *config)
{
  ScmmModelDims d = { 0 };
  int in_ch = config->channels;
  int len = config->bands;
  for (int i = 0; i < SCMM_ENCODER_BLOCKS; i++)
    {
      d.conv[i] = scmm_conv1d_shape (in_ch, block_channels[i], SCMM_CONV_KERNEL,
                                     SCMM_CONV_PAD, len);
      int conv_len = d.conv[i].out_len;
      d.pool_len[i] = (conv_len + 2 * SCMM_POOL_PAD - SCMM_POOL_KERNEL) / SCMM_POOL_STRIDE + 1;
      in_ch = block_channels[i];
      len = d.pool_len[i];
    }
  d.input_dim = config->channels * config->bands;
  d.hidden = SCMM_ENCODER_OUT * d.pool_len[SCMM_ENCODER_BLOCKS - 1];
  d.proj_hidden = 2 * SCMM_ENCODER_OUT;
  d.proj_out = SCMM_ENCODER_OUT;
  return d;
}

static void
declare_batchnorm (ScmmTensorSet *set, const char *prefix, int ch)
{
  ScmmShape shape = SCMM_SHAPE1 (ch);
  g_autofree char *w = g_strconcat (prefix, ".weight", NULL);
  g_autofree char *b = g_strconcat (prefix, ".bias", NULL);
  g_autofree char *rm = g_strconcat (prefix, ".running_mean", NULL);
  g_autofree char *rv = g_strconcat (prefix, ".running_var", NULL);
  scmm_tensor_set_declare (set, w, &shape, SCMM_TENSOR_PARAMETER);
  scmm_tensor_set_declare (set, b, &shape, SCMM_TENSOR_PARAMETER);
  scmm_tensor_set_declare (set, rm, &shape, SCMM_TENSOR_BUFFER);
  scmm_tensor_set_declare (set, rv, &shape, SCMM_TENSOR_BUFFER);
}

static void
declare_linear (ScmmTensorSet *set, const char *prefix, int out, int in)
{
  ScmmShape w_shape = SCMM_SHAPE2 (out, in);
  ScmmShape b_shape = SCMM_SHAPE1 (out);
  g_autofree char *w = g_strconcat (prefix, ".weight", NULL);
  g_autofree char *b = g_strconcat (prefix, ".bias", NULL);
  scmm_tensor_set_declare (set, w, &w_shape, SCMM_TENSOR_PARAMETER);
  scmm_tensor_set_declare (set, b, &b_shape, SCMM_TENSOR_PARAMETER);
}

static float *
must_find (ScmmTensorSet *set, const char *name, gboolean grad)
{
  float *p = grad ? scmm_tensor_set_grad (set, name) : scmm_tensor_set_data (set, name);
  g_assert (p != NULL);
  return p;
}

static void
bind_model_views (ScmmModel *model, ScmmModelTensors *t, gboolean grad)
{
  ScmmTensorSet *set = model->model;
  for (int i = 0; i < SCMM_ENCODER_BLOCKS; i++)
    {
      char name[64];
      int conv = block_conv_index[i];
      g_snprintf (name, sizeof name, "encoder.%d.weight", conv);
      t->encoder.conv_weight[i] = must_find (set, name, grad);
      g_snprintf (name, sizeof name, "encoder.%d.weight", conv + 1);
      t->encoder.bn_weight[i] = must_find (set, name, grad);
      g_snprintf (name, sizeof name, "encoder.%d.bias", conv + 1);
      t->encoder.bn_bias[i] = must_find (set, name, grad);
      g_snprintf (name, sizeof name, "encoder.%d.running_mean", conv + 1);
      t->encoder.bn_running_mean[i] = grad ? NULL : must_find (set, name, FALSE);
      g_snprintf (name, sizeof name, "encoder.%d.running_var", conv + 1);
      t->encoder.bn_running_var[i] = grad ? NULL : must_find (set, name, FALSE);
    }
  t->projector.fc1_weight = must_find (set, "projector.0.weight", grad);
  t->projector.fc1_bias = must_find (set, "projector.0.bias", grad);
  t->projector.bn_weight = must_find (set, "projector.1.weight", grad);
  t->projector.bn_bias = must_find (set, "projector.1.bias", grad);
  t->projector.bn_running_mean = grad ? NULL : must_find (set, "projector.1.running_mean", FALSE);
  t->projector.bn_running_var = grad ? NULL : must_find (set, "projector.1.running_var", FALSE);
  t->projector.fc2_weight = must_find (set, "projector.3.weight", grad);
  t->projector.fc2_bias = must_find (set, "projector.3.bias", grad);
  t->decoder_weight = must_find (set, "decoder.weight", grad);
  t->decoder_bias = must_find (set, "decoder.bias", grad);
  t->awl = must_find (set, "awl.params", grad);
}

ScmmModel *
scmm_model_new (const ScmmModelConfig *config)
{
  g_return_val_if_fail (scmm_model_config_check (config, NULL), NULL);
  ScmmModel *model = g_new0 (ScmmModel, 1);
  model->config = *config;
  model->dims = scmm_model_dims (config);
  const ScmmModelDims *d = &model->dims;

  ScmmTensorSet *set = model->model = scmm_tensor_set_new ();
  for (int i = 0; i < SCMM_ENCODER_BLOCKS; i++)
    {
      char name[64];
      ScmmShape w = SCMM_SHAPE3 (d->conv[i].out_ch, d->conv[i].in_ch, d->conv[i].kernel);
      g_snprintf (name, sizeof name, "encoder.%d.weight", block_conv_index[i]);
      scmm_tensor_set_declare (set, name, &w, SCMM_TENSOR_PARAMETER);
      g_snprintf (name, sizeof name, "encoder.%d", block_conv_index[i] + 1);
      declare_batchnorm (set, name, d->conv[i].out_ch);
    }
  declare_linear (set, "projector.0", d->proj_hidden, d->hidden);
  declare_batchnorm (set, "projector.1", d->proj_hidden);
  declare_linear (set, "projector.3", d->proj_out, d->proj_hidden);
  declare_linear (set, "decoder", d->input_dim, d->hidden);
  ScmmShape awl = SCMM_SHAPE1 (2);
  scmm_tensor_set_declare (set, "awl.params", &awl, SCMM_TENSOR_PARAMETER);
  scmm_tensor_set_allocate (set);

  bind_model_views (model, &model->param, FALSE);
  bind_model_views (model, &model->grad, TRUE);
  return model;
}

void
scmm_model_free (ScmmModel *model)
{
  if (model == NULL)
    return;
  scmm_tensor_set_free (model->model);
  scmm_tensor_set_free (model->classifier);
  g_free (model);
}

static void
fill_uniform (float *v, gsize n, ScmmRng *rng, float bound)
{
  for (gsize i = 0; i < n; i++)
    v[i] = (2.0f * scmm_rng_uniform (rng) - 1.0f) * bound;
}

static void
fill_constant (float *v, gsize n, float value)
{
  for (gsize i = 0; i < n; i++)
    v[i] = value;
}

/* PyTorch's default for Conv1d and Linear (kaiming_uniform with a = sqrt(5)
 * for the weight, and the same bound for the bias): U(-b, b), b = 1/sqrt(fan_in). */
static void
init_layer (float *weight, gsize weight_numel, float *bias, gsize bias_numel, int fan_in,
            ScmmRng *rng)
{
  float bound = 1.0f / sqrtf ((float) fan_in);
  fill_uniform (weight, weight_numel, rng, bound);
  if (bias != NULL)
    fill_uniform (bias, bias_numel, rng, bound);
}

static void
init_batchnorm (float *weight, float *bias, float *running_mean, float *running_var, int ch)
{
  fill_constant (weight, ch, 1.0f);
  fill_constant (bias, ch, 0.0f);
  fill_constant (running_mean, ch, 0.0f);
  fill_constant (running_var, ch, 1.0f);
}

static void
init_classifier (ScmmModel *model, ScmmRng *rng)
{
  const ScmmClassifierTensors *c = &model->cls_param;
  int hidden = model->dims.hidden;
  init_layer (c->fc_weight, (gsize) SCMM_CLASSIFIER_HIDDEN * hidden, c->fc_bias,
              SCMM_CLASSIFIER_HIDDEN, hidden, rng);
  init_layer (c->out_weight, (gsize) model->classes * SCMM_CLASSIFIER_HIDDEN, c->out_bias,
              model->classes, SCMM_CLASSIFIER_HIDDEN, rng);
}

void
scmm_model_init_default (ScmmModel *model, ScmmRng *rng)
{
  const ScmmModelDims *d = &model->dims;
  ScmmModelTensors *t = &model->param;
  for (int i = 0; i < SCMM_ENCODER_BLOCKS; i++)
    {
      const ScmmConv1dShape *c = &d->conv[i];
      init_layer (t->encoder.conv_weight[i], (gsize) c->out_ch * c->in_ch * c->kernel, NULL, 0,
                  c->in_ch * c->kernel, rng);
      init_batchnorm (t->encoder.bn_weight[i], t->encoder.bn_bias[i],
                      t->encoder.bn_running_mean[i], t->encoder.bn_running_var[i], c->out_ch);
    }
  init_layer (t->projector.fc1_weight, (gsize) d->proj_hidden * d->hidden, t->projector.fc1_bias,
              d->proj_hidden, d->hidden, rng);
  init_batchnorm (t->projector.bn_weight, t->projector.bn_bias, t->projector.bn_running_mean,
                  t->projector.bn_running_var, d->proj_hidden);
  init_layer (t->projector.fc2_weight, (gsize) d->proj_out * d->proj_hidden, t->projector.fc2_bias,
              d->proj_out, d->proj_hidden, rng);
  init_layer (t->decoder_weight, (gsize) d->input_dim * d->hidden, t->decoder_bias,
              d->input_dim, d->hidden, rng);
  fill_constant (t->awl, 2, 1.0f);
  if (model->classifier != NULL)
    init_classifier (model, rng);
}

void
scmm_model_add_classifier (ScmmModel *model, int classes, ScmmRng *rng)
{
  g_return_if_fail (classes >= 2);
  scmm_tensor_set_free (model->classifier);
  ScmmTensorSet *set = model->classifier = scmm_tensor_set_new ();
  declare_linear (set, "fc", SCMM_CLASSIFIER_HIDDEN, model->dims.hidden);
  declare_linear (set, "classifier", classes, SCMM_CLASSIFIER_HIDDEN);
  scmm_tensor_set_allocate (set);
  model->classes = classes;
  model->cls_param = (ScmmClassifierTensors) {
    .fc_weight = must_find (set, "fc.weight", FALSE),
    .fc_bias = must_find (set, "fc.bias", FALSE),
    .out_weight = must_find (set, "classifier.weight", FALSE),
    .out_bias = must_find (set, "classifier.bias", FALSE),
  };
  model->cls_grad = (ScmmClassifierTensors) {
    .fc_weight = must_find (set, "fc.weight", TRUE),
    .fc_bias = must_find (set, "fc.bias", TRUE),
    .out_weight = must_find (set, "classifier.weight", TRUE),
    .out_bias = must_find (set, "classifier.bias", TRUE),
  };
  if (rng != NULL)
    init_classifier (model, rng);
}

gsize
scmm_model_count_parameters (const ScmmModel *model, const char *prefix)
{
  gsize total = 0;
  const ScmmTensorSet *sets[] = { model->model, model->classifier };
  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      if (sets[s] == NULL)
        continue;
      for (guint i = 0; i < scmm_tensor_set_count (sets[s]); i++)
        {
          const ScmmTensorInfo *info = scmm_tensor_set_info (sets[s], i);
          if (info->kind == SCMM_TENSOR_PARAMETER
              && (prefix == NULL || g_str_has_prefix (info->name, prefix)))
            total += info->numel;
        }
    }
  return total;
}
