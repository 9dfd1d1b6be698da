/* scmm-awl.h: the learned loss weighting of SCMM-METHOD.md §6.
 *
 * L = sum_i 0.5 / p_i^2 L_i + ln(1 + p_i^2), with p = awl.params (p1 weights
 * L_C, p2 weights L_R), both trained. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

double scmm_awl_forward  (const float *params, const double *losses, int k);
/* dlosses [k] = dL/dL_i = 0.5 / p_i^2 (overwritten);
 * dparams [k] += -L_i / p_i^3 + 2 p_i / (1 + p_i^2). */
void   scmm_awl_backward (float *dparams, float *dlosses, const float *params,
                          const double *losses, int k);

G_END_DECLS
