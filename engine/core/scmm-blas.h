/* scmm-blas.h: the glue between the engine and OpenBLAS.
 *
 * The engine's matrix products all go to cblas_sgemm (and friends); OpenBLAS
 * owns the worker threads that run them. The engine adds no threads of its
 * own, so "threads" means OpenBLAS's thread count and the two never
 * oversubscribe the cores. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets OpenBLAS's thread count; n <= 0 means "all online processors". */
void   scmm_blas_set_threads (int n);
int    scmm_blas_get_threads (void);
/* A one-line description of the BLAS library: build options and kernel. */
char  *scmm_blas_describe    (void);

G_END_DECLS
