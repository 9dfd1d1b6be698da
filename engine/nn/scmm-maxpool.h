/* scmm-maxpool.h: 1-D max pooling with -inf padding (PyTorch's MaxPool1d).
 *
 * out_len = floor((in_len + 2 pad - kernel) / stride) + 1. Padding never wins
 * (it is -inf); among equal values the FIRST wins, and backward routes the
 * gradient to that one, as PyTorch does. */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct {
  int n;         /* rows */
  int ch;        /* channels */
  int in_len;
  int kernel;
  int stride;
  int pad;
  int out_len;
} ScmmMaxPoolShape;

ScmmMaxPoolShape scmm_maxpool_shape (int n, int ch, int in_len, int kernel, int stride, int pad);

/* out [n, ch, out_len]; argmax [n, ch, out_len] = the input position chosen. */
void scmm_maxpool_forward  (float *out, int32_t *argmax, const float *in,
                            const ScmmMaxPoolShape *s);
/* din [n, ch, in_len] += dout routed through argmax. */
void scmm_maxpool_backward (float *din, const float *dout, const int32_t *argmax,
                            const ScmmMaxPoolShape *s);

G_END_DECLS
