/* scmm-pretrain.h: one SCMM pre-training step, forward and backward
 * (SCMM-METHOD.md §2 to §6).
 *
 * X_in = [x ; x masked] -> encoder -> h -> projector -> z; S = z z^T;
 * soft targets W from X_in; L_C from S and W; R = softmax(S / tau) without
 * the diagonal; H_rec = R h; X_hat = decoder(H_rec); L_R = MSE(X_hat, target);
 * L = learned weighting of L_C and L_R. The gradients of every parameter are
 * ACCUMULATED into the model's gradient arena (zero it before the step). */
#pragma once

#include <glib.h>

#include "scmm-encoder.h"
#include "scmm-model.h"
#include "scmm-projector.h"
#include "scmm-soft-weights.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_RECON_OWN_INPUT,   /* released code: every row against its own (masked) input */
  SCMM_RECON_ORIGINAL,    /* paper figure / SimMTM: the B original rows against x */
} ScmmReconTarget;

typedef struct {
  float           alpha;         /* soft-weight upper bound */
  float           sigma;         /* soft-weight sharpness */
  float           tau;           /* temperature of S */
  ScmmReconTarget recon_target;
  /* The ablations (all TRUE for SCMM itself): */
  gboolean        soft_weights;  /* FALSE: hard contrastive, W = 1 for positives, 0 elsewhere */
  gboolean        contrastive;   /* FALSE: no L_C; L = the learned weighting of L_R alone */
  gboolean        aggregator;    /* FALSE: H_rec = H, each row rebuilt from its own embedding */
} ScmmPretrainLoss;

#define SCMM_PRETRAIN_LOSS_DEFAULT \
  ((ScmmPretrainLoss) { 0.5f, 0.05f, 0.5f, SCMM_RECON_OWN_INPUT, TRUE, TRUE, TRUE })

const char *scmm_recon_target_to_string   (ScmmReconTarget target);
gboolean    scmm_recon_target_from_string (const char *name, ScmmReconTarget *target);
gboolean    scmm_pretrain_loss_check      (const ScmmPretrainLoss *loss, GError **error);

typedef struct {
  double loss;
  double loss_c;
  double loss_r;
} ScmmPretrainResult;

typedef struct {
  ScmmModelDims      dims;
  int                b;          /* samples */
  int                views;      /* masked views per sample, M */
  int                n;          /* rows, (M + 1) b */
  float             *x_in;       /* [n, C F] */
  ScmmEncoderPass   *encoder;    /* encoder->pool[2] is h [n, hidden] */
  ScmmProjectorPass *projector;  /* projector->z is z [n, proj_out] */
  float             *S;          /* [n, n] */
  float             *W;          /* [n, n] soft targets */
  float             *R;          /* [n, n] aggregator weights = p of L_C */
  float             *h_rec;      /* [n, hidden] */
  float             *x_hat;      /* [n, C F] */
  float             *norms;      /* [n] scratch */
  float             *dS, *dR, *dz, *dh, *dh_rec, *dx_hat;
  ScmmPretrainResult result;
} ScmmPretrainStep;

ScmmPretrainStep *scmm_pretrain_step_new  (const ScmmModelDims *dims, int b, int views);
void              scmm_pretrain_step_free (ScmmPretrainStep *step);

/* Forward only (train mode: batch statistics, running statistics move).
 * x [b, C, F]; keep [views b, C, F] (1 = kept). Fails when a loss is not finite. */
gboolean scmm_pretrain_forward  (ScmmPretrainStep *step, ScmmModel *model, const float *x,
                                 const guint8 *keep, const ScmmPretrainLoss *loss,
                                 GError **error);
/* Backward of the last forward: accumulates every parameter's gradient. */
void     scmm_pretrain_backward (ScmmPretrainStep *step, ScmmModel *model,
                                 const ScmmPretrainLoss *loss);
/* Forward and backward. */
gboolean scmm_pretrain_step_run (ScmmPretrainStep *step, ScmmModel *model, const float *x,
                                 const guint8 *keep, const ScmmPretrainLoss *loss,
                                 GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmPretrainStep, scmm_pretrain_step_free)

G_END_DECLS
