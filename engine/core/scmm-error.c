/* scmm-error.c: the engine's GError domain. */
#include "scmm-error.h"

G_DEFINE_QUARK (scmm-error-quark, scmm_error)
