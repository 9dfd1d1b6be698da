/* scmm-finetune.h: the fine-tuning classifier on the encoder (SCMM-METHOD.md §7).
 *
 * logits = classifier(sigmoid(fc(h))), h = encoder(x); cross-entropy, mean
 * over the batch. Gradients reach the encoder (model set) and the classifier
 * set, ACCUMULATED: the released code never zeroes them in fine-tuning, and
 * the caller decides whether to (scmm_tensor_set_zero_grads). */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "scmm-encoder.h"
#include "scmm-model.h"

G_BEGIN_DECLS

typedef struct {
  ScmmModelDims    dims;
  int              classes;
  int              capacity;
  int              n;
  gboolean         train;
  const int32_t   *labels;      /* the caller's, for the backward pass */
  ScmmEncoderPass *encoder;     /* encoder->pool[2] is h */
  float           *fc;          /* [n, 128] */
  float           *act;         /* sigmoid(fc) */
  float           *logits;      /* [n, K] */
  float           *probs;       /* [n, K] softmax */
  float           *d_logits, *d_act, *d_fc, *dh;
  double           loss;        /* mean cross-entropy of the last forward with labels */
} ScmmFinetuneStep;

ScmmFinetuneStep *scmm_finetune_step_new  (const ScmmModelDims *dims, int classes, int capacity);
void              scmm_finetune_step_free (ScmmFinetuneStep *step);

/* Logits of x [n, C, F] (in step->logits). Train mode uses batch statistics
 * in the encoder (and moves the running ones). With labels, the loss too;
 * labels must lie in [0, K). */
gboolean scmm_finetune_forward  (ScmmFinetuneStep *step, ScmmModel *model, const float *x,
                                 const int32_t *labels, int n, gboolean train, GError **error);
/* Backward of the last (train-mode, labelled) forward. */
void     scmm_finetune_backward (ScmmFinetuneStep *step, ScmmModel *model);
/* predicted [n] = argmax of the last forward's logits (first maximum). */
void     scmm_finetune_predict  (const ScmmFinetuneStep *step, int32_t *predicted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmFinetuneStep, scmm_finetune_step_free)

G_END_DECLS
