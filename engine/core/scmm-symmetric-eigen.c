/* scmm-symmetric-eigen.c: cyclic Jacobi eigenvalue algorithm (Golub and Van
 * Loan, Matrix Computations, section 8.5). */
#include "scmm-symmetric-eigen.h"

#include <math.h>
#include <string.h>

#define MAX_SWEEPS 100

static double
off_diagonal_squares (const double *a, int n)
{
  double s = 0.0;
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      s += a[i * n + j] * a[i * n + j];
  return s;
}

/* The rotation that zeroes a[p, q], applied to a (both sides) and to the
 * eigenvector columns. */
static void
rotate (double *a, double *v, int n, int p, int q)
{
  double apq = a[p * n + q];
  double theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
  double t = (theta >= 0.0 ? 1.0 : -1.0) / (fabs (theta) + sqrt (theta * theta + 1.0));
  double c = 1.0 / sqrt (t * t + 1.0), s = t * c;
  for (int k = 0; k < n; k++)
    {
      double akp = a[k * n + p], akq = a[k * n + q];
      a[k * n + p] = c * akp - s * akq;
      a[k * n + q] = s * akp + c * akq;
    }
  for (int k = 0; k < n; k++)
    {
      double apk = a[p * n + k], aqk = a[q * n + k];
      a[p * n + k] = c * apk - s * aqk;
      a[q * n + k] = s * apk + c * aqk;
    }
  for (int k = 0; k < n; k++)
    {
      double vkp = v[k * n + p], vkq = v[k * n + q];
      v[k * n + p] = c * vkp - s * vkq;
      v[k * n + q] = s * vkp + c * vkq;
    }
}

void
scmm_symmetric_eigen (double *a, int n, double *eigenvalues, double *eigenvectors)
{
  g_autofree double *v = g_new0 (double, (gsize) n * n);
  for (int i = 0; i < n; i++)
    v[i * n + i] = 1.0;
  double total = 0.0;
  for (int i = 0; i < n * n; i++)
    total += a[i] * a[i];

  for (int sweep = 0; sweep < MAX_SWEEPS; sweep++)
    {
      if (off_diagonal_squares (a, n) <= 1e-30 * total)
        break;
      for (int p = 0; p < n; p++)
        for (int q = p + 1; q < n; q++)
          if (a[p * n + q] != 0.0)
            rotate (a, v, n, p, q);
    }

  /* Order by decreasing eigenvalue (selection sort: n is small). */
  g_autofree int *order = g_new (int, n);
  for (int i = 0; i < n; i++)
    order[i] = i;
  for (int i = 0; i < n; i++)
    {
      int best = i;
      for (int j = i + 1; j < n; j++)
        if (a[order[j] * n + order[j]] > a[order[best] * n + order[best]])
          best = j;
      int t = order[i];
      order[i] = order[best];
      order[best] = t;
    }
  for (int i = 0; i < n; i++)
    {
      eigenvalues[i] = a[order[i] * n + order[i]];
      for (int k = 0; k < n; k++)
        eigenvectors[k * n + i] = v[k * n + order[i]];
    }
}
