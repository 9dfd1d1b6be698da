/* fuzz-edf.c: libFuzzer harness for the EDF / EDF+ / BDF reader. */
#include "fuzz-file.h"
#include "scmm-edf.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_write_file (".edf", data, size);
  GError *error = NULL;
  ScmmRecording *r = scmm_edf_read (path, &error);
  if (r != NULL)
    {
      double sum = 0;
      for (int64_t i = 0; i < (int64_t) r->n_channels * r->n_samples; i++)
        sum += r->data[i];
      (void) sum;
      scmm_recording_free (r);
    }
  else
    {
      g_assert (error != NULL && error->message != NULL);
      g_error_free (error);
    }
  return 0;
}
