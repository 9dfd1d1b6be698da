/* scmm-symmetric-eigen.h: all eigenvalues and eigenvectors of a small
 * symmetric matrix, by cyclic Jacobi rotations (the engine has no LAPACK:
 * the Flatpak's OpenBLAS is built without it). O(n^3) a sweep; for n up to
 * a few dozen. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* a [n, n] symmetric (destroyed). eigenvalues [n] by decreasing value;
 * eigenvectors [n, n] holds the matching unit eigenvectors as COLUMNS. */
void scmm_symmetric_eigen (double *a, int n, double *eigenvalues, double *eigenvectors);

G_END_DECLS
