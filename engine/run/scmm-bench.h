/* scmm-bench.h: `scmm bench`, the pre-training step benchmark.
 *
 * Runs full pre-training steps (masks, forward, backward, Adam) at batch 256,
 * C = 62, F = 5, M = 1 on synthetic data, and cblas_sgemm at 512x384x512 in
 * the same run as the peer that says what the machine allows. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dense count of one step at batch 256, C = 62, F = 5, M = 1 (SCMM-METHOD.md §10). */
#define SCMM_BENCH_STEP_GFLOP 2.9

typedef struct {
  int     threads;   /* OpenBLAS threads; <= 0: all processors */
  int     steps;     /* timed steps */
  int     warmup;    /* untimed steps first */
  int     batch;
  int     channels;
  int     bands;
  int     views;
  guint64 seed;
  gboolean snapshots;   /* also time steps that take a snapshot every step */
} ScmmBenchConfig;

#define SCMM_BENCH_CONFIG_DEFAULT ((ScmmBenchConfig) { 0, 20, 3, 256, 62, 5, 1, 42, FALSE })

typedef struct {
  double median_ms;
  double min_ms;
  double max_ms;
  double samples_per_s;
  double gflops;         /* SCMM_BENCH_STEP_GFLOP / median step time */
  double sgemm_gflops;   /* median of cblas_sgemm 512x384x512 */
  double peak_rss_mb;
  double last_loss;
  int    threads;
  double snapshot_median_ms;   /* with a snapshot every step (config.snapshots), else 0 */
} ScmmBenchResult;

/* progress (may be NULL) is called after each timed step with its time. */
typedef void (*ScmmBenchProgress) (int step, int steps, double ms, gpointer user_data);

gboolean scmm_bench_pretrain (const ScmmBenchConfig *config, ScmmBenchProgress progress,
                              gpointer user_data, ScmmBenchResult *result, GError **error);

/* Median of n values (sorts them). */
double   scmm_bench_median   (double *values, int n);

G_END_DECLS
