/* scmm-linear.h: fully connected layer, y = x W^T + b (PyTorch's nn.Linear).
 *
 * Like every layer in engine/nn, backward ACCUMULATES into the gradients of
 * its inputs and parameters (+=): callers zero them when a step begins. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* out [n, out_dim] = in [n, in_dim] . weight [out_dim, in_dim]^T + bias [out_dim]
 * (bias may be NULL). */
void scmm_linear_forward  (float       *out,
                           const float *in,
                           const float *weight,
                           const float *bias,
                           int          n,
                           int          in_dim,
                           int          out_dim);

/* din [n, in_dim] += dout . weight        (skipped when din is NULL)
 * dweight [out_dim, in_dim] += dout^T . in
 * dbias [out_dim] += column sums of dout (skipped when dbias is NULL) */
void scmm_linear_backward (float       *din,
                           float       *dweight,
                           float       *dbias,
                           const float *dout,
                           const float *in,
                           const float *weight,
                           int          n,
                           int          in_dim,
                           int          out_dim);

/* colsum [cols] += sum over rows of m [rows, cols], accumulated in double. */
void scmm_add_column_sums (float *colsum, const float *m, int rows, int cols);

G_END_DECLS
