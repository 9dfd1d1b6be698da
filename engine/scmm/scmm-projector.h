/* scmm-projector.h: the projector P, Linear BN ReLU Linear, forward and backward.
 * Its output z is NOT normalised (SCMM-METHOD.md §3). */
#pragma once

#include <glib.h>

#include "scmm-model.h"

G_BEGIN_DECLS

typedef struct {
  ScmmModelDims dims;
  int           capacity;
  int           n;
  const float  *h;        /* [n, hidden], the caller's */
  float        *fc1;      /* [n, proj_hidden] = BN input */
  float        *act;      /* ReLU(BN(fc1)) */
  float        *z;        /* [n, proj_out] */
  float        *bn_mean;
  float        *bn_rstd;
  float        *d_act;
  float        *d_bn_out;
  float        *d_fc1;
} ScmmProjectorPass;

ScmmProjectorPass *scmm_projector_pass_new  (const ScmmModelDims *dims, int capacity);
void               scmm_projector_pass_free (ScmmProjectorPass *pass);

/* z [n, proj_out] (owned by the pass), train mode. */
const float *scmm_projector_forward  (ScmmProjectorPass *pass, const ScmmModelTensors *param,
                                      const float *h, int n);
/* Accumulates parameter gradients and dh [n, hidden] += from dz [n, proj_out].
 * projector.0.bias feeds straight into a train-mode batch norm, which removes
 * any constant shift: its gradient is exactly zero and is left untouched. */
void         scmm_projector_backward (ScmmProjectorPass *pass, const ScmmModelTensors *param,
                                      ScmmModelTensors *grad, const float *dz, float *dh);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmProjectorPass, scmm_projector_pass_free)

G_END_DECLS
