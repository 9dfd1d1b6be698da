/* scmm-cross-entropy.h: softmax cross-entropy, mean over the batch
 * (PyTorch's nn.CrossEntropyLoss with default reduction). */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

/* Returns mean_i -log softmax(logits_i)[labels_i]; probs [n, k] keeps the
 * softmax for the backward pass. Labels must be in [0, k). */
double scmm_cross_entropy_forward  (float *probs, const float *logits, const int32_t *labels,
                                    int n, int k);
/* dlogits [n, k] += dloss (probs - onehot(labels)) / n. */
void   scmm_cross_entropy_backward (float *dlogits, const float *probs, const int32_t *labels,
                                    int n, int k, float dloss);

G_END_DECLS
