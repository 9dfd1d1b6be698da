/* scmm-mse.h: mean squared error (PyTorch's nn.MSELoss, mean reduction). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* mean over `count` values of (pred - target)^2, accumulated in double. */
double scmm_mse_forward  (const float *pred, const float *target, gsize count);
/* dpred += dloss 2 (pred - target) / count. */
void   scmm_mse_backward (float *dpred, const float *pred, const float *target, gsize count,
                          float dloss);

G_END_DECLS
