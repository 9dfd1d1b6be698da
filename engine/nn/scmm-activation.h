/* scmm-activation.h: element-wise nonlinearities (ReLU, sigmoid). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* out = max(in, 0); out may be in. */
void scmm_relu_forward     (float *out, const float *in, gsize n);
/* din += dout where out > 0 (PyTorch's rule: zero gradient at 0). */
void scmm_relu_backward    (float *din, const float *dout, const float *out, gsize n);

/* out = 1 / (1 + exp(-in)); out may be in. */
void scmm_sigmoid_forward  (float *out, const float *in, gsize n);
/* din += dout out (1 - out). */
void scmm_sigmoid_backward (float *din, const float *dout, const float *out, gsize n);

G_END_DECLS
