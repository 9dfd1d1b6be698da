/* scmm-checkpoint.h: model checkpoints in HDF5.
 *
 * Layout (docs/file-formats.md):
 *   /                 attributes: format = "scmm-checkpoint", format_version = 1,
 *                     program, channels (C), bands (F), classes (K, 0 = none),
 *                     and the training configuration when known
 *   /model/<name>     one float32 dataset per tensor of the encoder, projector,
 *                     decoder and awl, named and shaped as the released PyTorch
 *                     code's state_dict (SCMM-METHOD.md §9)
 *   /classifier/<name> fc.weight, fc.bias, classifier.weight, classifier.bias
 * Loading checks every name and shape and that all values are finite.
 * Saving writes a temporary file and renames it: a crash never leaves a
 * half-written checkpoint behind, and an existing one is replaced whole. */
#pragma once

#include <glib.h>

#include "scmm-h5.h"
#include "scmm-masking.h"
#include "scmm-model.h"
#include "scmm-pretrain.h"

G_BEGIN_DECLS

#define SCMM_CHECKPOINT_FORMAT         "scmm-checkpoint"
#define SCMM_CHECKPOINT_FORMAT_VERSION 1

/* The pre-training configuration stored with a checkpoint, when known. */
typedef struct {
  ScmmPretrainLoss loss;
  ScmmMaskConfig   mask;
} ScmmCheckpointTraining;

/* Writes more into a checkpoint before it is closed (a run's optimiser state). */
typedef gboolean (*ScmmCheckpointExtra) (ScmmH5 *h5, gconstpointer data, GError **error);

/* training may be NULL. */
gboolean   scmm_checkpoint_save (const ScmmModel *model, const ScmmCheckpointTraining *training,
                                 const char *path, GError **error);
/* The same, with `extra` called (when non-NULL) after the model is written. */
gboolean   scmm_checkpoint_save_with (const ScmmModel *model,
                                      const ScmmCheckpointTraining *training,
                                      ScmmCheckpointExtra extra, gconstpointer extra_data,
                                      const char *path, GError **error);
/* training may be NULL; when the file has no training attributes it is left
 * at the defaults and *has_training (if given) is FALSE. */
ScmmModel *scmm_checkpoint_load (const char *path, ScmmCheckpointTraining *training,
                                 gboolean *has_training, GError **error);

G_END_DECLS
