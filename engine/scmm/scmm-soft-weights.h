/* scmm-soft-weights.h: the soft contrastive targets from input space
 * (SCMM-METHOD.md §4, steps 1-4).
 *
 * D_ij = -cos(x_i, x_j) on the flattened model inputs (masked rows as they
 * are), each norm clamped at 1e-8 on its own; the diagonal is set to one
 * value, the smallest off-diagonal entry; each COLUMN is min-max normalised
 * (zero range counts as 1); w_ij = 2 alpha / (1 + exp(Dn_ij / sigma)).
 * The target matrix is W_ij = 1 for positives (the other views of the same
 * sample: j != i, j = i mod b), w_ij for every other j != i, 0 on the
 * diagonal. No gradient flows through it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  float alpha;   /* upper bound of a soft weight */
  float sigma;   /* sharpness */
} ScmmSoftWeightConfig;

/* W [n, n] from x_in [n, d]; b = samples per view (n = views_total * b).
 * norms [n] is scratch. */
void scmm_soft_targets (float *W, float *norms, const float *x_in, int n, int d, int b,
                        const ScmmSoftWeightConfig *config);

G_END_DECLS
