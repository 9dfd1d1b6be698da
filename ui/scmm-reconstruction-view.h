/* scmm-reconstruction-view.h: what the decoder rebuilds of a masked sample
 *
 * One sample of a snapshot: the original x, its masked view and the
 * reconstruction x̂ of the original row, side by side on one colour scale.
 * The aggregator rebuilds each row from the OTHER rows (R has no diagonal),
 * so x̂ of the original comes mostly from its masked view and from similar
 * samples; the caption gives its error on the cells the masked view hid and
 * on the others, and the weight R gives the masked view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "scmm-snapshot-view.h"

G_BEGIN_DECLS

#define SCMM_TYPE_RECONSTRUCTION_VIEW (scmm_reconstruction_view_get_type ())
G_DECLARE_FINAL_TYPE (ScmmReconstructionView, scmm_reconstruction_view, SCMM, RECONSTRUCTION_VIEW,
                      ScmmSnapshotView)

GtkWidget *scmm_reconstruction_view_new          (void);
/* Shows a snapshot (a reference is kept); NULL: the placeholder. */
void       scmm_reconstruction_view_set_snapshot (ScmmReconstructionView *view, ScmmSnapshot *snapshot);
/* The sample shown, 0 to b - 1 (the property "selected"; a spin button sets it);
 * its first masked view is shown. */
void       scmm_reconstruction_view_set_sample   (ScmmReconstructionView *view, int sample);
int        scmm_reconstruction_view_get_sample   (ScmmReconstructionView *view);

/* Mean squared errors of x̂ of the original row `sample` against x, over
 * the cells masked in masked view `view` (0-based) and over the others
 * (NAN when there is none); returns the number of masked cells. */
int        scmm_reconstruction_errors (const ScmmSnapshot *snapshot, int view, int sample,
                                       double *masked_mse, double *kept_mse);

G_END_DECLS
