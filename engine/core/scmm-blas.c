/* scmm-blas.c: OpenBLAS thread count and configuration. */
#include "scmm-blas.h"

#include <cblas.h>

void
scmm_blas_set_threads (int n)
{
  if (n <= 0)
    n = (int) g_get_num_processors ();
  openblas_set_num_threads (n);
}

int
scmm_blas_get_threads (void)
{
  return openblas_get_num_threads ();
}

char *
scmm_blas_describe (void)
{
  return g_strdup_printf ("%s | core %s | %d threads",
                          openblas_get_config (),
                          openblas_get_corename (),
                          openblas_get_num_threads ());
}
