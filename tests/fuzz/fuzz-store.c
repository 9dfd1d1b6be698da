/* fuzz-store.c: libFuzzer harness for the corpus store reader. */
#include "fuzz-file.h"
#include "scmm-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_write_file (".h5", data, size);
  GError *error = NULL;
  ScmmCorpus *corpus = scmm_store_load (path, &error);
  if (corpus != NULL)
    {
      g_assert (scmm_corpus_validate (corpus, NULL));
      scmm_corpus_free (corpus);
    }
  else
    {
      g_assert (error != NULL && error->message != NULL);
      g_error_free (error);
    }
  return 0;
}
