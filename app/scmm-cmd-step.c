/* scmm-cmd-step.c: `scmm step`, one pre-training step written out. */
#include <stdlib.h>

#include "scmm-blas.h"
#include "scmm-cmd.h"
#include "scmm-step-dump.h"

int
scmm_cmd_step (int argc, char **argv)
{
  g_autofree char *checkpoint = NULL, *batch = NULL, *out = NULL;
  int threads = 0;
  GOptionEntry entries[] = {
    { "checkpoint", 0, 0, G_OPTION_ARG_FILENAME, &checkpoint, "Model checkpoint (HDF5)", "CK.h5" },
    { "batch", 0, 0, G_OPTION_ARG_FILENAME, &batch, "Batch: x [B,C,F], keep [M*B,C,F] and loss attributes", "BATCH.h5" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Where to write the dump (HDF5)", "DUMP.h5" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "OpenBLAS threads (default: all processors)", "N" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- one pre-training step, written out");
  g_option_context_set_summary (context,
    "Runs one SCMM pre-training forward and backward pass in train mode with exactly the\n"
    "masks given (no randomness) and writes the losses, S, W, R, h, z, x_hat and the\n"
    "gradient of every parameter to DUMP.h5.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!scmm_cmd_parse_options (context, "step", &argc, &argv, 0))
    return SCMM_EXIT_USAGE;
  if (checkpoint == NULL || batch == NULL || out == NULL)
    {
      g_printerr ("scmm step: --checkpoint, --batch and --out are required\n"
                  "Try “scmm step --help”.\n");
      return SCMM_EXIT_USAGE;
    }
  if (!scmm_cmd_check_threads ("step", threads))
    return SCMM_EXIT_USAGE;
  scmm_blas_set_threads (threads);
  GError *error = NULL;
  ScmmPretrainResult result;
  if (!scmm_step_dump_run (checkpoint, batch, out, &result, &error))
    return scmm_cmd_fail (error);
  g_print ("step loss=%.9g loss_c=%.9g loss_r=%.9g out=%s\n", result.loss, result.loss_c,
           result.loss_r, out);
  return EXIT_SUCCESS;
}

