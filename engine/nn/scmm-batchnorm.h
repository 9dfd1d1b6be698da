/* scmm-batchnorm.h: batch normalisation (PyTorch's BatchNorm1d).
 *
 * Tensors are [n, ch, len] (len = 1 for a [n, ch] input): statistics are per
 * channel over n x len values. Train mode normalises with the batch's mean
 * and biased variance and moves the running statistics by `momentum` toward
 * the batch's mean and UNBIASED variance; eval mode uses the running ones. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SCMM_BN_EPS      1e-5f
#define SCMM_BN_MOMENTUM 0.1f

typedef struct {
  int n;
  int ch;
  int len;
} ScmmBatchNormShape;

/* out = gamma (in - mean) rstd + beta; saves mean [ch] and rstd [ch] for the
 * backward pass; updates running_mean, running_var [ch] unless they are NULL. */
void scmm_batchnorm_forward_train (float *out, float *mean, float *rstd, const float *in,
                                   const float *gamma, const float *beta,
                                   float *running_mean, float *running_var,
                                   const ScmmBatchNormShape *s);

void scmm_batchnorm_forward_eval  (float *out, const float *in, const float *gamma,
                                   const float *beta, const float *running_mean,
                                   const float *running_var, const ScmmBatchNormShape *s);

/* The closed-form backward of train mode (float32 loses accuracy through the
 * graph of mean and variance otherwise):
 * din += gamma rstd / m (m dout - sum dout - xhat sum(dout xhat)), m = n len. */
void scmm_batchnorm_backward      (float *din, float *dgamma, float *dbeta, const float *dout,
                                   const float *in, const float *mean, const float *rstd,
                                   const float *gamma, const ScmmBatchNormShape *s);

G_END_DECLS
