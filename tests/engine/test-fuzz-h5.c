/* test-fuzz-h5.c: damaged checkpoints and batches never crash the loaders.
 *
 * Real files from tests/fixtures are mutated (bytes flipped, blocks zeroed or
 * overwritten, the file cut short) from a fixed seed, and fed to the
 * checkpoint and batch loaders: each must either load (with finite values)
 * or fail with an SCMM error that names the file. */
#include <glib/gstdio.h>

#include "scmm-checkpoint.h"
#include "scmm-error.h"
#include "scmm-step-dump.h"
#include "scmm-test-util.h"

typedef enum { FUZZ_CHECKPOINT, FUZZ_BATCH } FuzzTarget;

static void
mutate (guint8 *bytes, gsize *length, ScmmRng *rng)
{
  int kind = (int) scmm_rng_below (rng, 4);
  gsize len = *length;
  switch (kind)
    {
    case 0:  /* a few random bit flips */
      for (int i = 0; i < 1 + (int) scmm_rng_below (rng, 8); i++)
        bytes[scmm_rng_below (rng, (guint32) len)] ^= (guint8) (1u << scmm_rng_below (rng, 8));
      break;
    case 1:  /* a zeroed block */
      {
        gsize at = scmm_rng_below (rng, (guint32) len);
        gsize block = 1 + scmm_rng_below (rng, 256);   /* not inside MIN: evaluated once */
        gsize n = MIN (len - at, block);
        memset (bytes + at, 0, n);
      }
      break;
    case 2:  /* random bytes in the first 4 KiB, where the metadata lives */
      for (int i = 0; i < 4; i++)
        bytes[scmm_rng_below (rng, (guint32) MIN (len, 4096))] = (guint8) scmm_rng_below (rng, 256);
      break;
    default: /* cut short */
      *length = 1 + scmm_rng_below (rng, (guint32) len - 1);
      break;
    }
}

static void
fuzz (FuzzTarget target, const char *fixture, int rounds, guint64 seed)
{
  g_autofree char *source = scmm_test_fixture (fixture);
  g_autofree char *original = NULL;
  gsize original_length;
  g_assert_true (g_file_get_contents (source, &original, &original_length, NULL));
  g_autofree char *dir = g_dir_make_tmp ("scmm-fuzz-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fuzzed.h5", NULL);
  guint8 *bytes = g_malloc (original_length);
  ScmmRng rng;
  scmm_rng_init (&rng, seed);
  ScmmModelConfig config = { 6, 5 };
  int loaded = 0, refused = 0;

  for (int r = 0; r < rounds; r++)
    {
      gsize length = original_length;
      memcpy (bytes, original, length);
      mutate (bytes, &length, &rng);
      g_assert_true (g_file_set_contents (path, (const char *) bytes, (gssize) length, NULL));
      GError *error = NULL;
      gboolean ok;
      if (target == FUZZ_CHECKPOINT)
        {
          ScmmModel *model = scmm_checkpoint_load (path, NULL, NULL, &error);
          ok = model != NULL;
          scmm_model_free (model);
        }
      else
        {
          ScmmStepBatch *batch = scmm_step_batch_load (path, &config, &error);
          ok = batch != NULL;
          scmm_step_batch_free (batch);
        }
      if (ok)
        loaded++;
      else
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == SCMM_ERROR);
          if (strstr (error->message, path) == NULL)
            g_error ("round %d: the message does not name the file: %s", r, error->message);
          refused++;
          g_clear_error (&error);
        }
    }
  g_test_message ("%s: %d mutations loaded (harmless), %d refused with a message", fixture,
                  loaded, refused);
  g_assert_cmpint (refused, >, 0);
  g_free (bytes);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_fuzz_checkpoint (void)
{
  fuzz (FUZZ_CHECKPOINT, "step-hybrid-own/checkpoint.h5", 400, 1);
}

static void
test_fuzz_batch (void)
{
  fuzz (FUZZ_BATCH, "step-hybrid-own/batch.h5", 600, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz/checkpoint", test_fuzz_checkpoint);
  g_test_add_func ("/fuzz/batch", test_fuzz_batch);
  return g_test_run ();
}
