/* scmm-masking.h: hybrid masking of a pre-training batch (SCMM-METHOD.md §2).
 *
 * For each masked view row and EEG channel a uniform u decides the kind of
 * mask: u > threshold (delta) masks element-wise (each band kept with
 * probability 1 - ratio); otherwise the whole channel is kept or zeroed, kept
 * with probability 1 - ratio. The ablation modes: `random` (element-wise only),
 * `channel` (channel only), `parallel` (one u per sample instead of per
 * channel). Masked values become 0. */
#pragma once

#include <glib.h>

#include "scmm-rng.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_MASK_HYBRID,
  SCMM_MASK_RANDOM,
  SCMM_MASK_CHANNEL,
  SCMM_MASK_PARALLEL,
} ScmmMaskMode;

typedef struct {
  ScmmMaskMode mode;
  float        ratio;      /* r: probability of masking, 0.5 */
  float        threshold;  /* delta: probability of a channel mask, 0.1 */
  int          views;      /* M: masked views per sample, 1 */
} ScmmMaskConfig;

#define SCMM_MASK_CONFIG_DEFAULT ((ScmmMaskConfig) { SCMM_MASK_HYBRID, 0.5f, 0.1f, 1 })

const char *scmm_mask_mode_to_string   (ScmmMaskMode mode);
gboolean    scmm_mask_mode_from_string (const char *name, ScmmMaskMode *mode);

/* keep [views * b, c, f]: 1 = kept, 0 = masked. Row v*b + s is view v of sample s. */
void scmm_masking_generate (guint8 *keep, ScmmRng *rng, const ScmmMaskConfig *config,
                            int b, int c, int f);

/* x_in [(views + 1) * b, c, f] = [x ; x * keep]: the originals first, then
 * the masked views. */
void scmm_masking_apply    (float *x_in, const float *x, const guint8 *keep, int views,
                            int b, int c, int f);

G_END_DECLS
