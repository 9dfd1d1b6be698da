/* scmm-npy.h: NumPy .npy arrays (format versions 1, 2 and 3).
 *
 * "\x93NUMPY", major and minor version, the header length (2 bytes in v1, 4
 * in v2 and v3), an ASCII Python dict {'descr': '<f4', 'fortran_order':
 * False, 'shape': (N, 62, 5), }, then the data. Little- and big-endian
 * floats, signed and unsigned integers and booleans are read and converted
 * to double; Fortran order is reordered to C order. Errors name the file and
 * what is wrong (truncated data, an unsupported dtype, a malformed header). */
#pragma once

#include <glib.h>

#include "scmm-shape.h"

G_BEGIN_DECLS

/* The whole array as doubles in C (row-major) order; rank at most 4. */
double *scmm_npy_read (const char *path, ScmmShape *shape, GError **error);

/* The same from bytes in memory (`label` names them in messages). */
double *scmm_npy_parse (const guint8 *bytes, gsize length, const char *label, ScmmShape *shape,
                        GError **error);

G_END_DECLS
