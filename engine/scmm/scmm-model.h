/* scmm-model.h: the SCMM networks' parameters (SCMM-METHOD.md §3 and §9).
 *
 * Encoder E: three blocks Conv1d(k 8, pad 4, no bias) BN ReLU MaxPool(2, 2, pad 1)
 * with 32, 64, 128 channels; h = the last block's output flattened
 * channel-major (128 x 3 = 384 for 5 bands). Projector P: Linear(384, 256) BN
 * ReLU Linear(256, 128). Decoder D: Linear(384, C F). Learned loss weights
 * awl.params [2]. Classifier (fine-tuning): Linear(384, 128) sigmoid
 * Linear(128, K). Parameter names and shapes are the released PyTorch code's,
 * so checkpoints map one to one onto its state_dict. */
#pragma once

#include <glib.h>

#include "scmm-conv1d.h"
#include "scmm-rng.h"
#include "scmm-tensor-set.h"

G_BEGIN_DECLS

#define SCMM_ENCODER_BLOCKS 3
#define SCMM_CONV_KERNEL    8
#define SCMM_CONV_PAD       4
#define SCMM_POOL_KERNEL    2
#define SCMM_POOL_STRIDE    2
#define SCMM_POOL_PAD       1
#define SCMM_ENCODER_OUT    128   /* channels of the last block (encoder_out_dim) */
#define SCMM_CLASSIFIER_HIDDEN 128

typedef struct {
  int channels;   /* C: EEG channels (conv input channels) */
  int bands;      /* F: values per channel, the convolved axis (5 bands) */
} ScmmModelConfig;

typedef struct {
  ScmmConv1dShape conv[SCMM_ENCODER_BLOCKS];
  int             pool_len[SCMM_ENCODER_BLOCKS];
  int             input_dim;    /* C F */
  int             hidden;       /* encoder output: 128 x pool_len[2] */
  int             proj_hidden;  /* 2 x 128 */
  int             proj_out;     /* 128 */
} ScmmModelDims;

/* Pointers into a tensor set's values (or its grads: running stats NULL). */
typedef struct {
  float *conv_weight[SCMM_ENCODER_BLOCKS];
  float *bn_weight[SCMM_ENCODER_BLOCKS];
  float *bn_bias[SCMM_ENCODER_BLOCKS];
  float *bn_running_mean[SCMM_ENCODER_BLOCKS];
  float *bn_running_var[SCMM_ENCODER_BLOCKS];
} ScmmEncoderTensors;

typedef struct {
  float *fc1_weight, *fc1_bias;
  float *bn_weight, *bn_bias, *bn_running_mean, *bn_running_var;
  float *fc2_weight, *fc2_bias;
} ScmmProjectorTensors;

typedef struct {
  ScmmEncoderTensors   encoder;
  ScmmProjectorTensors projector;
  float               *decoder_weight;
  float               *decoder_bias;
  float               *awl;
} ScmmModelTensors;

typedef struct {
  float *fc_weight, *fc_bias;
  float *out_weight, *out_bias;
} ScmmClassifierTensors;

typedef struct {
  ScmmModelConfig       config;
  ScmmModelDims         dims;
  int                   classes;        /* K; 0 until a classifier is added */
  ScmmTensorSet        *model;          /* encoder, projector, decoder, awl: "/model" */
  ScmmTensorSet        *classifier;     /* fc, classifier: "/classifier"; NULL before fine-tuning */
  ScmmModelTensors      param;          /* views of model->values / buffers */
  ScmmModelTensors      grad;           /* views of model->grads */
  ScmmClassifierTensors cls_param;
  ScmmClassifierTensors cls_grad;
} ScmmModel;

gboolean   scmm_model_config_check (const ScmmModelConfig *config, GError **error);
ScmmModelDims scmm_model_dims      (const ScmmModelConfig *config);

/* A model with every tensor zero (see scmm_model_init_default). */
ScmmModel *scmm_model_new             (const ScmmModelConfig *config);
void       scmm_model_free            (ScmmModel *model);
/* PyTorch's default initialisation: conv and linear weights and biases
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)); BN weight 1, bias 0, running mean 0,
 * running var 1; awl.params 1. */
void       scmm_model_init_default    (ScmmModel *model, ScmmRng *rng);
/* Adds (or replaces) a K-class classifier, zero-filled; init with rng when non-NULL. */
void       scmm_model_add_classifier  (ScmmModel *model, int classes, ScmmRng *rng);
/* Trainable values in the model set (encoder + projector + decoder + awl)
 * and in its encoder alone. */
gsize      scmm_model_count_parameters (const ScmmModel *model, const char *prefix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmModel, scmm_model_free)

G_END_DECLS
