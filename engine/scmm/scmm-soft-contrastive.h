/* scmm-soft-contrastive.h: the soft contrastive loss L_C (SCMM-METHOD.md §4).
 *
 * log p_ij = S_ij / tau - log sum_{k != i} exp(S_ik / tau)
 * L_C = -(1 / (n (n - 1))) sum_i sum_{j != i} W_ij log p_ij
 * dL_C / dS_ij = (p_ij sum_k W_ik - W_ij) / (tau n (n - 1)),  j != i.
 * The same p, with p_ii = 0, is the aggregator's weight matrix R (§5). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* P [n, n] = row softmax of S / tau over k != i (P_ii = 0). Returns L_C. */
double scmm_soft_contrastive_forward  (float *P, const float *S, const float *W, int n,
                                       float tau);

/* dS [n, n] += dloss dL_C/dS. */
void   scmm_soft_contrastive_backward (float *dS, const float *P, const float *W, int n,
                                       float tau, float dloss);

G_END_DECLS
