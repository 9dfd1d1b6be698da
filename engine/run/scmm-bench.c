/* scmm-bench.c: the pre-training step benchmark and its sgemm peer. */
#include "scmm-bench.h"

#include <cblas.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "scmm-adam.h"
#include "scmm-blas.h"
#include "scmm-error.h"
#include "scmm-masking.h"
#include "scmm-model.h"
#include "scmm-pretrain.h"
#include "scmm-run-events.h"
#include "scmm-synthetic.h"

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
scmm_bench_median (double *values, int n)
{
  if (n <= 0)
    return 0.0;
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* The peer: what OpenBLAS's sgemm reaches at a size typical of the step. */
static double
measure_sgemm_gflops (ScmmRng *rng)
{
  enum { M = 512, N = 384, K = 512, REPEAT = 30 };
  float *a = g_new (float, M * K), *b = g_new (float, K * N), *c = g_new (float, M * N);
  for (int i = 0; i < M * K; i++)
    a[i] = scmm_rng_uniform (rng);
  for (int i = 0; i < K * N; i++)
    b[i] = scmm_rng_uniform (rng);
  double times[REPEAT];
  for (int r = -3; r < REPEAT; r++)
    {
      double t0 = now_ms ();
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1.0f, a, K, b, N, 0.0f,
                   c, N);
      if (r >= 0)
        times[r] = now_ms () - t0;
    }
  g_free (a);
  g_free (b);
  g_free (c);
  double median = scmm_bench_median (times, REPEAT);
  return 2.0 * M * N * K / (median * 1e-3) / 1e9;
}

/* The peak resident set of this process. VmHWM rather than getrusage's
 * ru_maxrss, which Linux carries over from the parent across fork and exec
 * (a benchmark started from a large Python process would report its size). */
static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *line = strstr (status, "VmHWM:");
      if (line != NULL)
        return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;   /* kB */
    }
  struct rusage usage;
  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0.0;
  return usage.ru_maxrss / 1024.0;
}

gboolean
scmm_bench_pretrain (const ScmmBenchConfig *config, ScmmBenchProgress progress,
                     gpointer user_data, ScmmBenchResult *result, GError **error)
{
  if (config->steps < 1 || config->batch < 2 || config->views < 1)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the benchmark needs at least one step, a batch of 2 or more and one view");
      return FALSE;
    }
  scmm_blas_set_threads (config->threads);

  ScmmModelConfig model_config = { config->channels, config->bands };
  g_autoptr (ScmmModel) model = scmm_model_new (&model_config);
  ScmmRng rng;
  scmm_rng_init (&rng, config->seed);
  scmm_model_init_default (model, &rng);

  const int b = config->batch;
  const gsize sample = (gsize) config->channels * config->bands;
  /* A few batches of data, cycled. */
  enum { BATCHES = 4 };
  ScmmSyntheticConfig data = { config->channels, config->bands, 3, 0.15f };
  g_autofree float *x = g_new (float, BATCHES * b * sample);
  scmm_synthetic_samples (x, NULL, BATCHES * b, &data, config->seed);
  g_autofree guint8 *keep = g_new (guint8, (gsize) config->views * b * sample);

  g_autoptr (ScmmPretrainStep) step = scmm_pretrain_step_new (&model->dims, b, config->views);
  g_autoptr (ScmmAdam) adam = scmm_adam_new (model->model, NULL, &SCMM_ADAM_CONFIG_DEFAULT);
  ScmmPretrainLoss loss = SCMM_PRETRAIN_LOSS_DEFAULT;
  ScmmMaskConfig mask = SCMM_MASK_CONFIG_DEFAULT;
  mask.views = config->views;

  const int total = config->warmup + config->steps;
  g_autofree double *times = g_new (double, config->steps);
  g_autofree double *snap_times = g_new (double, config->steps);
  for (int pass = 0; pass < (config->snapshots ? 2 : 1); pass++)
    for (int s = 0; s < total; s++)
      {
        const float *xb = x + (gsize) (s % BATCHES) * b * sample;
        double t0 = now_ms ();
        scmm_masking_generate (keep, &rng, &mask, b, config->channels, config->bands);
        scmm_tensor_set_zero_grads (model->model);
        if (!scmm_pretrain_step_run (step, model, xb, keep, &loss, error))
          return FALSE;
        scmm_adam_step (adam, adam->config.lr);
        if (pass == 1)   /* what a run does for its views every snapshot_every steps */
          scmm_snapshot_unref (scmm_snapshot_new (step, keep, NULL, "bench", 1, s + 1));
        double ms = now_ms () - t0;
        if (s >= config->warmup)
          {
            int k = s - config->warmup;
            (pass == 0 ? times : snap_times)[k] = ms;
            if (progress != NULL && pass == 0)
              progress (k + 1, config->steps, ms, user_data);
          }
      }
  result->snapshot_median_ms = config->snapshots ? scmm_bench_median (snap_times, config->steps)
                                                 : 0.0;

  result->threads = scmm_blas_get_threads ();
  result->last_loss = step->result.loss;
  result->min_ms = result->max_ms = times[0];
  for (int k = 1; k < config->steps; k++)
    {
      result->min_ms = MIN (result->min_ms, times[k]);
      result->max_ms = MAX (result->max_ms, times[k]);
    }
  result->median_ms = scmm_bench_median (times, config->steps);
  result->samples_per_s = b / (result->median_ms * 1e-3);
  result->gflops = SCMM_BENCH_STEP_GFLOP / (result->median_ms * 1e-3);
  result->sgemm_gflops = measure_sgemm_gflops (&rng);
  result->peak_rss_mb = peak_rss_mb ();
  return TRUE;
}
