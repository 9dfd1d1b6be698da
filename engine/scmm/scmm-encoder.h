/* scmm-encoder.h: the encoder's forward and backward over a batch.
 *
 * The activations of one batch live in a ScmmEncoderPass, allocated once for
 * a capacity of rows and reused every step: no allocation in the loop. */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "scmm-model.h"

G_BEGIN_DECLS

typedef struct {
  ScmmModelDims dims;
  int           capacity;                         /* rows */
  int           n;                                /* rows of the last forward */
  gboolean      train;                            /* mode of the last forward */
  const float  *input;                            /* [n, C, F], the caller's */
  float        *T[SCMM_ENCODER_BLOCKS];           /* expanded conv weights */
  float        *dT[SCMM_ENCODER_BLOCKS];
  float        *conv[SCMM_ENCODER_BLOCKS];        /* conv out = BN in [n, ch, conv_len] */
  float        *act[SCMM_ENCODER_BLOCKS];         /* ReLU(BN(conv)) */
  float        *pool[SCMM_ENCODER_BLOCKS];        /* [n, ch, pool_len]; pool[2] is h */
  int32_t      *argmax[SCMM_ENCODER_BLOCKS];
  float        *bn_mean[SCMM_ENCODER_BLOCKS];
  float        *bn_rstd[SCMM_ENCODER_BLOCKS];
  /* gradients of the activations */
  float        *d_pool[SCMM_ENCODER_BLOCKS - 1];  /* d of pool[0], pool[1] */
  float        *d_act[SCMM_ENCODER_BLOCKS];
  float        *d_bn_out[SCMM_ENCODER_BLOCKS];
  float        *d_conv[SCMM_ENCODER_BLOCKS];
} ScmmEncoderPass;

ScmmEncoderPass *scmm_encoder_pass_new  (const ScmmModelDims *dims, int capacity);
void             scmm_encoder_pass_free (ScmmEncoderPass *pass);

/* h [n, hidden] (owned by the pass) from x [n, C, F]. Train mode uses batch
 * statistics and moves the running ones; eval mode uses the running ones. */
const float *scmm_encoder_forward  (ScmmEncoderPass *pass, const ScmmModelTensors *param,
                                    const float *x, int n, gboolean train);

/* Accumulates the parameter gradients into `grad` from dh [n, hidden].
 * The last forward must have been in train mode. */
void         scmm_encoder_backward (ScmmEncoderPass *pass, const ScmmModelTensors *param,
                                    ScmmModelTensors *grad, const float *dh);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmEncoderPass, scmm_encoder_pass_free)

G_END_DECLS
