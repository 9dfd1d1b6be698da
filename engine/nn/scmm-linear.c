/* scmm-linear.c: fully connected layer on row-major float buffers. */
#include "scmm-linear.h"

#include <cblas.h>
#include <string.h>

void
scmm_linear_forward (float *out, const float *in, const float *weight, const float *bias,
                     int n, int in_dim, int out_dim)
{
  float beta = 0.0f;
  if (bias != NULL)
    {
      for (int i = 0; i < n; i++)
        memcpy (out + (size_t) i * out_dim, bias, sizeof (float) * out_dim);
      beta = 1.0f;
    }
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, n, out_dim, in_dim,
               1.0f, in, in_dim, weight, in_dim, beta, out, out_dim);
}

void
scmm_add_column_sums (float *colsum, const float *m, int rows, int cols)
{
  /* Double accumulators on the stack, a block of columns at a time: exact
   * enough for long columns and no allocation in the training loop. */
  enum { BLOCK = 256 };
  double acc[BLOCK];
  for (int j0 = 0; j0 < cols; j0 += BLOCK)
    {
      int width = MIN (BLOCK, cols - j0);
      for (int j = 0; j < width; j++)
        acc[j] = 0.0;
      for (int i = 0; i < rows; i++)
        {
          const float *row = m + (size_t) i * cols + j0;
          for (int j = 0; j < width; j++)
            acc[j] += row[j];
        }
      for (int j = 0; j < width; j++)
        colsum[j0 + j] += (float) acc[j];
    }
}

void
scmm_linear_backward (float *din, float *dweight, float *dbias, const float *dout,
                      const float *in, const float *weight, int n, int in_dim, int out_dim)
{
  if (din != NULL)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, in_dim, out_dim,
                 1.0f, dout, out_dim, weight, in_dim, 1.0f, din, in_dim);
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, out_dim, in_dim, n,
               1.0f, dout, out_dim, in, in_dim, 1.0f, dweight, in_dim);
  if (dbias != NULL)
    scmm_add_column_sums (dbias, dout, n, out_dim);
}
