/* scmm-conv1d.h: 1-D convolution without bias (PyTorch's nn.Conv1d, bias=False).
 *
 * EEG samples are short along the convolved axis (5 bands, then 4, then 3),
 * and the kernel (8) with padding (4) is longer than the input. So instead of
 * im2col, the weight is expanded once per step into the dense banded matrix T
 * that maps a whole input sample [in_ch * in_len] to a whole output sample
 * [out_ch * out_len]. The convolution of a batch is then ONE matrix product,
 * Y = X T, with no zero padding copied and with every product useful: fewer
 * flops than im2col and one large sgemm instead of many small ones.
 *
 * Layouts are PyTorch's: input [n, in_ch, in_len], output [n, out_ch, out_len],
 * weight [out_ch, in_ch, kernel]. Cross-correlation, as in PyTorch:
 * y[co, t] = sum_{ci, k} w[co, ci, k] x[ci, t + k - pad]. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int in_ch;
  int out_ch;
  int kernel;
  int pad;
  int in_len;
  int out_len;   /* in_len + 2 pad - kernel + 1 */
} ScmmConv1dShape;

ScmmConv1dShape scmm_conv1d_shape       (int in_ch, int out_ch, int kernel, int pad, int in_len);
/* Number of floats of the expanded matrix T: in_ch*in_len x out_ch*out_len. */
gsize           scmm_conv1d_expanded_size (const ScmmConv1dShape *s);

/* T [in_ch*in_len, out_ch*out_len] from weight [out_ch, in_ch, kernel]. */
void scmm_conv1d_expand   (float *T, const float *weight, const ScmmConv1dShape *s);

/* out [n, out_ch, out_len] = in [n, in_ch, in_len] (*) weight, via T. */
void scmm_conv1d_forward  (float *out, const float *in, const float *T, int n,
                           const ScmmConv1dShape *s);

/* dweight [out_ch, in_ch, kernel] += d/dweight; din [n, in_ch, in_len] += d/din
 * (skipped when din is NULL). dT is scratch of scmm_conv1d_expanded_size. */
void scmm_conv1d_backward (float *din, float *dweight, float *dT, const float *dout,
                           const float *in, const float *T, int n, const ScmmConv1dShape *s);

G_END_DECLS
