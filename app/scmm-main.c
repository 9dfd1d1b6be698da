/* scmm-main.c: the `scmm` command line. Thin: each command parses its options
 * and calls the engine.
 *
 * Exit status: 0 success, 1 the work failed (the message says why), 2 the
 * command line was wrong. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "scmm-blas.h"
#include "scmm-build-config.h"
#include "scmm-cmd.h"

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct {
  const char *name;
  const char *summary;
  CommandFunc run;
} Command;

int
scmm_cmd_version (int argc, char **argv)
{
  g_autofree char *blas = scmm_blas_describe ();
  g_print ("scmm %s\n%s\n", SCMM_VERSION, blas);
  return EXIT_SUCCESS;
}

static const Command commands[] = {
  { "import", "import a corpus (SEED, SEED-IV, DEAP, NumPy, EDF/BDF, EEGLAB) into a store", scmm_cmd_import },
  { "info", "summarise a corpus store (or a built-in demo corpus)", scmm_cmd_info },
  { "run", "run an experiment (pre-train, fine-tune and test per target subject)", scmm_cmd_run },
  { "embedding", "a run's embedding map before and after pre-training (PCA or t-SNE), as CSV", scmm_cmd_embedding },
  { "step", "one pre-training step from files, with every tensor written out", scmm_cmd_step },
  { "bench", "time pre-training steps against the machine's sgemm", scmm_cmd_bench },
  { "version", "print the version and the BLAS configuration", scmm_cmd_version },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "Usage: scmm COMMAND [OPTIONS]\n\n"
                   "SCMM Studio's command line: Soft Contrastive Masked Modeling for\n"
                   "cross-corpus EEG emotion recognition.\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-9s %s\n", commands[i].name, commands[i].summary);
  fprintf (stream, "\nRun “scmm COMMAND --help” for the options of a command.\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* Numbers on the command line and in output are C-locale: machine-readable. */
  setlocale (LC_NUMERIC, "C");
  g_set_prgname ("scmm");

  if (argc < 2)
    {
      print_usage (stderr);
      return SCMM_EXIT_USAGE;
    }
  const char *name = argv[1];
  if (g_strcmp0 (name, "--help") == 0 || g_strcmp0 (name, "-h") == 0
      || g_strcmp0 (name, "help") == 0)
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }
  if (g_strcmp0 (name, "--version") == 0)
    return scmm_cmd_version (argc - 1, argv + 1);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (name, commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);
  g_printerr ("scmm: unknown command “%s”\n\n", name);
  print_usage (stderr);
  return SCMM_EXIT_USAGE;
}
