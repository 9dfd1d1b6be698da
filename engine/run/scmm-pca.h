/* scmm-pca.h: principal component analysis to 2-D, for the embedding map.
 *
 * x [n, D] is centred, its covariance C [D, D] (divisor n - 1, as numpy's
 * and scikit-learn's) formed in double precision, and the top two
 * eigenvectors of C found without LAPACK (the Flatpak's OpenBLAS has none):
 * cyclic Jacobi on C itself when D <= 12, otherwise subspace iteration on a
 * block of 12 vectors with a Rayleigh-Ritz step (a 12 x 12 Jacobi), until
 * the two leading Ritz pairs' residuals |C v - lambda v| fall below 1e-9
 * lambda_1. Deterministic: the start block comes from a fixed seed, and each
 * component's sign makes its largest-magnitude loading positive (the first
 * one on a tie). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SCMM_PCA_COMPONENTS 2

typedef struct {
  int     dim;                                   /* D */
  double *mean;                                  /* [D], then the components in the same block */
  double *components;                            /* [2, D] unit rows, by decreasing variance */
  double  variance[SCMM_PCA_COMPONENTS];         /* eigenvalues of C along the components */
  double  variance_ratio[SCMM_PCA_COMPONENTS];   /* variance / total_variance */
  double  total_variance;                        /* trace of C */
} ScmmPca;

/* Fits x [n, d]: n >= 2, d >= 2, every value finite, not all rows equal. */
ScmmPca  *scmm_pca_fit       (const float *x, int n, int d, GError **error);
/* out [n, 2] = (x [n, d] - mean) . components^T; d must be the fitted D. */
gboolean  scmm_pca_transform (const ScmmPca *pca, const float *x, int n, int d, float *out,
                              GError **error);
void      scmm_pca_free      (ScmmPca *pca);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmPca, scmm_pca_free)

G_END_DECLS
