/* scmm-masks-view.h: the hybrid masks of a pre-training batch
 *
 * One sample of a snapshot: its original (channels x bands) beside each of
 * its masked views, masked cells grey, so that element-wise masks (scattered
 * cells) and whole-channel masks (full grey rows) are told apart; a caption
 * with the masking mode and the mask ratio measured from the masks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "scmm-masking.h"
#include "scmm-snapshot-view.h"

G_BEGIN_DECLS

#define SCMM_TYPE_MASKS_VIEW (scmm_masks_view_get_type ())
G_DECLARE_FINAL_TYPE (ScmmMasksView, scmm_masks_view, SCMM, MASKS_VIEW, ScmmSnapshotView)

GtkWidget *scmm_masks_view_new          (void);
/* Shows a snapshot (a reference is kept); NULL: the placeholder. */
void       scmm_masks_view_set_snapshot (ScmmMasksView *view, ScmmSnapshot *snapshot);
/* The masking the run's method uses (copied), for the caption; NULL: unknown. */
void       scmm_masks_view_set_mask_config (ScmmMasksView *view, const ScmmMaskConfig *config);
/* The sample shown, 0 to b - 1 (the property "selected"; a spin button sets it). */
void       scmm_masks_view_set_sample   (ScmmMasksView *view, int sample);
int        scmm_masks_view_get_sample   (ScmmMasksView *view);

G_END_DECLS
