/* scmm-cmd-bench.c: `scmm bench`, the pre-training step benchmark. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "scmm-bench.h"
#include "scmm-blas.h"
#include "scmm-cmd.h"

static void
bench_progress (int step, int steps, double ms, gpointer user_data)
{
  if (GPOINTER_TO_INT (user_data))
    g_printerr ("\rstep %d/%d  %.2f ms   ", step, steps, ms);
}

int
scmm_cmd_bench (int argc, char **argv)
{
  ScmmBenchConfig config = SCMM_BENCH_CONFIG_DEFAULT;
  GOptionEntry entries[] = {
    { "threads", 0, 0, G_OPTION_ARG_INT, &config.threads, "OpenBLAS threads (default: all processors)", "N" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &config.steps, "Timed steps (default: 20)", "K" },
    { "snapshots", 0, 0, G_OPTION_ARG_NONE, &config.snapshots, "Also time steps that copy a snapshot of the batch (for the views) every step", NULL },
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
  if (!scmm_cmd_parse_options (context, "bench", &argc, &argv, 0))
    return SCMM_EXIT_USAGE;
  if (config.steps < 1 || config.steps > 100000)
    {
      g_printerr ("scmm bench: --steps must be between 1 and 100000\n");
      return SCMM_EXIT_USAGE;
    }
  if (!scmm_cmd_check_threads ("bench", config.threads))
    return SCMM_EXIT_USAGE;

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
    return scmm_cmd_fail (error);
  if (tty)
    g_printerr ("\n");
  g_print ("# step min %.2f ms, max %.2f ms; loss after the run %.6f\n", result.min_ms,
           result.max_ms, result.last_loss);
  if (config.snapshots)
    g_print ("# with a snapshot every step: median %.3f ms (%+.1f%%)\n",
             result.snapshot_median_ms,
             100.0 * (result.snapshot_median_ms / result.median_ms - 1.0));
  g_print ("pretrain-step median_ms=%.3f samples_per_s=%.1f gflops=%.1f sgemm_gflops=%.1f "
           "peak_rss_mb=%.1f\n",
           result.median_ms, result.samples_per_s, result.gflops, result.sgemm_gflops,
           result.peak_rss_mb);
  return EXIT_SUCCESS;
}

