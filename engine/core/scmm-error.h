/* scmm-error.h: the engine's GError domain.
 *
 * Every error a user can see carries a message that says what is wrong and,
 * where there is one, which file and which dataset. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SCMM_ERROR (scmm_error_quark ())

typedef enum {
  SCMM_ERROR_FAILED,        /* anything else */
  SCMM_ERROR_IO,            /* a file cannot be opened, read or written */
  SCMM_ERROR_FORMAT,        /* a file is not what it claims to be (missing dataset, wrong type) */
  SCMM_ERROR_SHAPE,         /* a tensor has the wrong shape */
  SCMM_ERROR_NUMERIC,       /* NaN or Inf where a finite number is needed; a diverging loss */
  SCMM_ERROR_INVALID_ARGUMENT, /* a setting or option out of range */
  SCMM_ERROR_CANCELLED,     /* the user stopped it */
} ScmmError;

GQuark scmm_error_quark (void);

G_END_DECLS
