/* scmm-main.c: the `scmm` command line. Thin: each command parses its options
 * and calls the engine.
 *
 * Exit status: 0 success, 1 the work failed (the message says why), 2 the
 * command line was wrong. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "scmm-bench.h"
#include "scmm-blas.h"
#include "scmm-build-config.h"
#include "scmm-error.h"
#include "scmm-step-dump.h"

enum { EXIT_USAGE = 2 };

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct {
  const char *name;
  const char *summary;
  CommandFunc run;
} Command;

static int
fail (GError *error)
{
  g_printerr ("scmm: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

/* Parses options; on a usage error prints it with a hint and returns FALSE. */
static gboolean
parse_options (GOptionContext *context, const char *command, int *argc, char ***argv)
{
  GError *error = NULL;
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("scmm %s: %s\nTry “scmm %s --help”.\n", command, error->message, command);
      g_error_free (error);
      return FALSE;
    }
  if (*argc > 1)
    {
      g_printerr ("scmm %s: unexpected argument “%s”\nTry “scmm %s --help”.\n", command,
                  (*argv)[1], command);
      return FALSE;
    }
  return TRUE;
}

static int
command_step (int argc, char **argv)
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
  if (!parse_options (context, "step", &argc, &argv))
    return EXIT_USAGE;
  if (checkpoint == NULL || batch == NULL || out == NULL)
    {
      g_printerr ("scmm step: --checkpoint, --batch and --out are required\n"
                  "Try “scmm step --help”.\n");
      return EXIT_USAGE;
    }
  if (threads < 0 || threads > 1024)
    {
      g_printerr ("scmm step: --threads must be between 1 and 1024 (0: all processors)\n");
      return EXIT_USAGE;
    }
  scmm_blas_set_threads (threads);
  GError *error = NULL;
  ScmmPretrainResult result;
  if (!scmm_step_dump_run (checkpoint, batch, out, &result, &error))
    return fail (error);
  g_print ("step loss=%.9g loss_c=%.9g loss_r=%.9g out=%s\n", result.loss, result.loss_c,
           result.loss_r, out);
  return EXIT_SUCCESS;
}

static void
bench_progress (int step, int steps, double ms, gpointer user_data)
{
  if (GPOINTER_TO_INT (user_data))
    g_printerr ("\rstep %d/%d  %.2f ms   ", step, steps, ms);
}

static int
command_bench (int argc, char **argv)
{
  ScmmBenchConfig config = SCMM_BENCH_CONFIG_DEFAULT;
  GOptionEntry entries[] = {
    { "threads", 0, 0, G_OPTION_ARG_INT, &config.threads, "OpenBLAS threads (default: all processors)", "N" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &config.steps, "Timed steps (default: 20)", "K" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- time pre-training steps");
  g_option_context_set_summary (context,
    "Times full SCMM pre-training steps (masks, forward, backward, Adam) at batch 256,\n"
    "C = 62, F = 5, M = 1 on synthetic data, and cblas_sgemm at 512x384x512 in the same\n"
    "run. The last line is machine-readable:\n"
    "pretrain-step median_ms=<x> samples_per_s=<y> gflops=<z> sgemm_gflops=<w> peak_rss_mb=<m>\n"
    "(gflops counts 2.9 GFLOP per step).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!parse_options (context, "bench", &argc, &argv))
    return EXIT_USAGE;
  if (config.steps < 1 || config.steps > 100000)
    {
      g_printerr ("scmm bench: --steps must be between 1 and 100000\n");
      return EXIT_USAGE;
    }
  if (config.threads < 0 || config.threads > 1024)
    {
      g_printerr ("scmm bench: --threads must be between 1 and 1024 (0: all processors)\n");
      return EXIT_USAGE;
    }

  scmm_blas_set_threads (config.threads);
  g_autofree char *blas = scmm_blas_describe ();
  g_print ("# scmm bench: batch %d, C %d, F %d, M %d; %d timed steps after %d warm-up\n",
           config.batch, config.channels, config.bands, config.views, config.steps,
           config.warmup);
  g_print ("# %s\n", blas);

  ScmmBenchResult result;
  GError *error = NULL;
  gboolean tty = isatty (fileno (stderr));
  if (!scmm_bench_pretrain (&config, bench_progress, GINT_TO_POINTER (tty), &result, &error))
    return fail (error);
  if (tty)
    g_printerr ("\n");
  g_print ("# step min %.2f ms, max %.2f ms; loss after the run %.6f\n", result.min_ms,
           result.max_ms, result.last_loss);
  g_print ("pretrain-step median_ms=%.3f samples_per_s=%.1f gflops=%.1f sgemm_gflops=%.1f "
           "peak_rss_mb=%.1f\n",
           result.median_ms, result.samples_per_s, result.gflops, result.sgemm_gflops,
           result.peak_rss_mb);
  return EXIT_SUCCESS;
}

static int
command_version (int argc, char **argv)
{
  g_autofree char *blas = scmm_blas_describe ();
  g_print ("scmm %s\n%s\n", SCMM_VERSION, blas);
  return EXIT_SUCCESS;
}

static const Command commands[] = {
  { "step", "one pre-training step from files, with every tensor written out", command_step },
  { "bench", "time pre-training steps against the machine's sgemm", command_bench },
  { "version", "print the version and the BLAS configuration", command_version },
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
      return EXIT_USAGE;
    }
  const char *name = argv[1];
  if (g_strcmp0 (name, "--help") == 0 || g_strcmp0 (name, "-h") == 0
      || g_strcmp0 (name, "help") == 0)
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }
  if (g_strcmp0 (name, "--version") == 0)
    return command_version (argc - 1, argv + 1);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (name, commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);
  g_printerr ("scmm: unknown command “%s”\n\n", name);
  print_usage (stderr);
  return EXIT_USAGE;
}
