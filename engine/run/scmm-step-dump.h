/* scmm-step-dump.h: `scmm step`: one pre-training forward and backward with
 * exactly the masks given, and everything it computed written to HDF5.
 *
 * BATCH.h5: `x` [B, C, F] float32, `keep` [M B, C, F] uint8 (1 = kept);
 * attributes alpha, sigma, tau (numbers) and recon_target ("own_input" or
 * "original").
 * DUMP.h5: scalars `loss`, `loss_c`, `loss_r` (float64); `S`, `W` (soft
 * targets), `R` [N, N]; `h` [N, hidden]; `z` [N, 128]; `x_hat` and `x_in`
 * [N, C, F]; `grad/<parameter>` for every trainable parameter; `running/<name>`
 * for the batch-norm running statistics after the step. Train mode, no
 * randomness. The dump is written to a temporary file and renamed. */
#pragma once

#include <glib.h>

#include "scmm-model.h"
#include "scmm-pretrain.h"

G_BEGIN_DECLS

/* (M + 1) B: the N x N matrices of a step grow with its square. */
#define SCMM_STEP_MAX_ROWS 16384

typedef struct {
  int              b;
  int              views;
  float           *x;       /* [b, C, F] */
  guint8          *keep;    /* [views b, C, F] */
  ScmmPretrainLoss loss;
} ScmmStepBatch;

/* Reads and checks a batch file against the model's C and F. */
ScmmStepBatch *scmm_step_batch_load (const char *path, const ScmmModelConfig *config,
                                     GError **error);
void           scmm_step_batch_free (ScmmStepBatch *batch);

/* Writes what the last scmm_pretrain_step_run computed (and the model's
 * gradients) to `path`. */
gboolean       scmm_step_dump_write (const ScmmPretrainStep *step, const ScmmModel *model,
                                     const char *path, GError **error);

/* The whole command: load, one step (gradients from zero), write. */
gboolean       scmm_step_dump_run   (const char *checkpoint_path, const char *batch_path,
                                     const char *out_path, ScmmPretrainResult *result,
                                     GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmStepBatch, scmm_step_batch_free)

G_END_DECLS
