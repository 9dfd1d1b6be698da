/* scmm-finite.c: NaN and infinity checks with a position. */
#include "scmm-finite.h"

#include <math.h>

#include "scmm-error.h"

gboolean
scmm_check_finite (const float *x, gsize rows, gsize cols, const char *what, GError **error)
{
  const gsize n = rows * cols;
  for (gsize i = 0; i < n; i++)
    if (!isfinite (x[i]))
      {
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC, "%s holds %s at row %" G_GSIZE_FORMAT
                     ", column %" G_GSIZE_FORMAT, what,
                     isnan (x[i]) ? "NaN" : "an infinite value", i / cols, i % cols);
        return FALSE;
      }
  return TRUE;
}
