/* bench-responsiveness.c: does the window stay smooth while a run trains?
 *
 * Drives the application as a person would: the main window on the Training
 * page, the demo experiment started through win.start-run. A tick callback on
 * the window records the interval between frames of the main loop's frame
 * clock, first with nothing running (the peer: what this machine and display
 * give an idle window), then while the run trains and the page follows it. A
 * frame interval grows when the main loop is blocked: by drawing, by layout,
 * by the events the worker posts. Each phase prints p50, p99 and the longest
 * interval; the last line gives the medians over the runs. The renderer is
 * chosen as scmm-studio chooses it (GSK_RENDERER=gl or cairo overrides).
 *
 * Usage (under a display; build-aux/bench.sh runs it under xvfb-run):
 *   bench-responsiveness [--runs N] [--idle-seconds S] [--page NAME] [--quick]
 * --quick trains a smaller experiment (for a check, not for the numbers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <math.h>

#include "scmm-application.h"
#include "scmm-bench-util.h"
#include "scmm-experiment-page.h"
#include "scmm-renderer-choice.h"
#include "scmm-settings.h"
#include "scmm-window.h"

typedef struct
{
  double p50, p99, max;
  guint  frames;
  double seconds;
} PhaseStats;

static PhaseStats
phase_stats (ScmmFrameRecorder *recorder,
             double         seconds)
{
  PhaseStats stats = { 0 };

  stats.frames = recorder->intervals_ms->len;
  stats.p50 = scmm_bench_quantile (recorder->intervals_ms, 0.50);
  stats.p99 = scmm_bench_quantile (recorder->intervals_ms, 0.99);
  stats.max = scmm_bench_quantile (recorder->intervals_ms, 1.0);
  stats.seconds = seconds;
  return stats;
}

static void
print_phase (const char       *name,
             int               run,
             int               runs,
             const PhaseStats *stats)
{
  g_print ("ui-frames %s run=%d/%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f frames=%u seconds=%.1f\n",
           name, run, runs, stats->p50, stats->p99, stats->max, stats->frames, stats->seconds);
}

int
main (int   argc,
      char *argv[])
{
  int runs = 3;
  double idle_seconds = 5.0;
  gboolean quick = FALSE;
  g_autofree char *watch_page = g_strdup ("training");
  GOptionEntry entries[] = {
    { "page", 0, 0, G_OPTION_ARG_STRING, &watch_page,
      "The page shown while the run trains (default training)", "NAME" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Training runs to measure (default 3)", "N" },
    { "idle-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &idle_seconds,
      "Seconds of the idle window measured before each run (default 5)", "S" },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "A small experiment instead of the demo preset", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- frame intervals while a run trains");
  g_autoptr(GError) error = NULL;
  g_autofree char *runs_folder = NULL;
  g_autofree double *idle_p99 = NULL, *train_p50 = NULL, *train_p99 = NULL;
  g_autofree char *software_gl = NULL;
  ScmmFrameRecorder recorder = { 0 };
  ScmmApplication *app;
  ScmmWindow *window;
  guint tick;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("bench-responsiveness: %s\n", error->message);
      return 2;
    }
  if (runs < 1 || idle_seconds <= 0)
    {
      g_printerr ("bench-responsiveness: --runs must be at least 1 and --idle-seconds positive\n");
      return 2;
    }
  gtk_init ();
  software_gl = scmm_renderer_prefer_cairo_on_software_gl ();

  runs_folder = scmm_bench_runs_folder ("bench-responsiveness");
  if (runs_folder == NULL)
    return 1;

  app = scmm_application_new (SCMM_APP_ID, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-responsiveness: %s\n", error->message);
      return 1;
    }
  window = scmm_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  scmm_window_set_page (window, "training");

  recorder.intervals_ms = g_array_new (FALSE, FALSE, sizeof (double));
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), scmm_bench_record_tick, &recorder, NULL);
  scmm_bench_spin_for (1.0);   /* mapped, first frames drawn, fonts loaded */
  g_print ("ui-renderer %s%s%s%s\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
           software_gl != NULL ? " (chosen over software OpenGL: " : "",
           software_gl != NULL ? software_gl : "",
           software_gl != NULL ? ")" : "");

  idle_p99 = g_new0 (double, runs);
  train_p50 = g_new0 (double, runs);
  train_p99 = g_new0 (double, runs);
  for (int run = 1; run <= runs; run++)
    {
      g_autoptr(ScmmExperiment) experiment = scmm_bench_experiment (quick);
      ScmmRunTask *task;
      PhaseStats idle, train;
      gint64 start;

      scmm_bench_begin_phase (&recorder);
      scmm_bench_spin_for (idle_seconds);
      idle = phase_stats (&recorder, idle_seconds);
      print_phase ("idle", run, runs, &idle);

      start = g_get_monotonic_time ();
      scmm_bench_begin_phase (&recorder);
      if (!scmm_bench_start_run (window, experiment))
        {
          g_printerr ("bench-responsiveness: the run did not start\n");
          return 1;
        }
      task = scmm_window_get_run_task (window);
      scmm_window_set_page (window, watch_page);
      while (scmm_run_task_get_running (task))
        g_main_context_iteration (NULL, TRUE);
      recorder.recording = FALSE;
      if (scmm_run_task_get_error (task) != NULL)
        {
          g_printerr ("bench-responsiveness: the run failed: %s\n", scmm_run_task_get_error (task)->message);
          return 1;
        }
      train = phase_stats (&recorder, (double) (g_get_monotonic_time () - start) / 1e6);
      print_phase ("training", run, runs, &train);

      idle_p99[run - 1] = idle.p99;
      train_p50[run - 1] = train.p50;
      train_p99[run - 1] = train.p99;
      scmm_window_set_page (window, "training");
    }

  {
    double idle99 = scmm_bench_median_of (idle_p99, runs);
    double train50 = scmm_bench_median_of (train_p50, runs);
    double train99 = scmm_bench_median_of (train_p99, runs);

    g_print ("ui-responsiveness median_of=%d training_p50_ms=%.1f training_p99_ms=%.1f "
             "idle_p99_ms=%.1f p99_ratio_to_idle=%.2f target_p99_ms=20 %s\n",
             runs, train50, train99, idle99, train99 / idle99,
             train99 < 20.0 ? "met" : "MISSED");
  }

  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (recorder.intervals_ms);
  g_object_unref (app);
  /* The run folders were only for the measurement. */
  scmm_bench_remove_folder ("bench-responsiveness", runs_folder);
  return 0;
}
