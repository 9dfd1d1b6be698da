/* fuzz-npy.c: libFuzzer harness for the .npy reader. */
#include <glib.h>
#include <stdint.h>

#include "scmm-npy.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  ScmmShape shape;
  GError *error = NULL;
  double *values = scmm_npy_parse (data, size, "fuzz.npy", &shape, &error);
  if (values != NULL)
    {
      /* touch every value: a wrong size would show here under ASan */
      double sum = 0;
      for (int64_t i = 0; i < scmm_shape_numel (&shape); i++)
        sum += values[i];
      (void) sum;
      g_free (values);
    }
  else
    {
      g_assert (error != NULL && error->message != NULL);
      g_error_free (error);
    }
  return 0;
}
