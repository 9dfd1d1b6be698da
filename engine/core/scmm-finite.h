/* scmm-finite.h: the check that a matrix holds only finite numbers, with an
 * error that says where the first NaN or infinity is. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when every value of x [rows, cols] is finite. Otherwise
 * SCMM_ERROR_NUMERIC: "<what> holds NaN at row r, column c". */
gboolean scmm_check_finite (const float *x, gsize rows, gsize cols, const char *what,
                            GError **error);

G_END_DECLS
