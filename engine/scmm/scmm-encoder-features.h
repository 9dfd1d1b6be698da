/* scmm-encoder-features.h: the encoder's output h for a set of samples, as
 * a trained model sees them at test time (batch norm in eval mode, with the
 * running statistics), for plots of the embedding. */
#pragma once

#include <glib.h>

#include "scmm-model.h"

G_BEGIN_DECLS

#define SCMM_ENCODER_FEATURES_BATCH 256

/* h [n, model->dims.hidden] (g_malloc'd) of x [n, channels, bands], run
 * through scmm_encoder_forward in eval mode `batch` rows at a time (<= 0:
 * SCMM_ENCODER_FEATURES_BATCH; in eval mode the rows are independent, so the
 * batch size changes only the memory used). Fails when channels or bands
 * differ from the model's, when n < 1, or when x holds NaN or Inf. */
float *scmm_encoder_features (const ScmmModel *model, const float *x, int n, int channels,
                              int bands, int batch, GError **error);

G_END_DECLS
