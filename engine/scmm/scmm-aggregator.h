/* scmm-aggregator.h: the aggregator of SCMM-METHOD.md §5.
 *
 * H_rec = R H, with R = softmax_rows(S / tau) over k != i (the P of the soft
 * contrastive loss): each row is rebuilt as a weighted sum of the OTHER rows'
 * encoder outputs. Gradients flow into both R (to S) and H. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Hrec [n, d] = R [n, n] . H [n, d] */
void scmm_aggregator_forward  (float *Hrec, const float *R, const float *H, int n, int d);

/* dH [n, d] += R^T dHrec
 * dS [n, n] += R_ij (dR_ij - sum_k R_ik dR_ik) / tau, with dR = dHrec H^T
 * (dR [n, n] is scratch). */
void scmm_aggregator_backward (float *dH, float *dS, float *dR, const float *dHrec,
                               const float *R, const float *H, int n, int d, float tau);

G_END_DECLS
