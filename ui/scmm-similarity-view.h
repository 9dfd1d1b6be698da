/* scmm-similarity-view.h: S, W and R of a pre-training batch
 *
 * The N x N matrices of one snapshot (N = (views + 1) b rows: the originals,
 * then the masked views): the similarity S = z zᵀ, the soft targets W and
 * the aggregator's weights R, one at a time as a heatmap with the original
 * and masked blocks outlined. A selected row (a click on the heatmap, or the
 * Row spin button) is highlighted; beside it, its soft weights W[row, :] as
 * a bar chart with its positive pair highlighted, and its strongest
 * neighbours in S.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "scmm-snapshot-view.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_SIMILARITY_S,   /* S = z zᵀ, drawn as cosines on a diverging scale [-1, 1] */
  SCMM_SIMILARITY_W,   /* the soft targets: 1 for positives, w elsewhere, 0 on the diagonal */
  SCMM_SIMILARITY_R,   /* the aggregator's weights, softmax of S / tau without the diagonal */
} ScmmSimilarityMatrix;

#define SCMM_SIMILARITY_NEIGHBOURS 8

#define SCMM_TYPE_SIMILARITY_VIEW (scmm_similarity_view_get_type ())
G_DECLARE_FINAL_TYPE (ScmmSimilarityView, scmm_similarity_view, SCMM, SIMILARITY_VIEW, ScmmSnapshotView)

GtkWidget *scmm_similarity_view_new          (void);
/* Shows a snapshot (a reference is kept); NULL: the placeholder. */
void       scmm_similarity_view_set_snapshot (ScmmSimilarityView *view, ScmmSnapshot *snapshot);
/* Which matrix the heatmap shows (toggle buttons set it too). */
void       scmm_similarity_view_set_matrix   (ScmmSimilarityView *view, ScmmSimilarityMatrix matrix);
ScmmSimilarityMatrix scmm_similarity_view_get_matrix (ScmmSimilarityView *view);
/* The selected row, 0 to N - 1 (the property "selected"; a click on the
 * heatmap, a click on a bar or the Row spin button sets it). */
void       scmm_similarity_view_set_row      (ScmmSimilarityView *view, int row);
int        scmm_similarity_view_get_row      (ScmmSimilarityView *view);

/* The positives of `row`: the other views of the same sample (j != row,
 * j mod b = row mod b, SCMM-METHOD.md §4), into positives [views]; returns
 * how many (views). */
int        scmm_similarity_positives  (const ScmmSnapshot *snapshot, int row, int *positives);
/* The n rows j != row of largest S[row, j], strongest first, into
 * neighbours [n]; returns how many (at most N - 1). */
int        scmm_similarity_neighbours (const ScmmSnapshot *snapshot, int row, int *neighbours, int n);

G_END_DECLS
