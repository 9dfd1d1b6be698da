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
#include "scmm-experiment-page.h"
#include "scmm-renderer-choice.h"
#include "scmm-settings.h"
#include "scmm-window.h"

typedef struct
{
  GArray  *intervals_ms;   /* double */
  gint64   last_frame_us;  /* frame clock time of the previous tick, 0 none */
  gboolean recording;
} FrameRecorder;

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  FrameRecorder *recorder = user_data;
  /* The wall clock, not the frame time: the frame clock smooths its frame
   * times, and a blocked main loop is what is measured here. */
  gint64 now = g_get_monotonic_time ();

  if (recorder->recording && recorder->last_frame_us != 0)
    {
      double interval = (double) (now - recorder->last_frame_us) / 1000.0;
      g_array_append_val (recorder->intervals_ms, interval);
    }
  recorder->last_frame_us = now;
  return G_SOURCE_CONTINUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The q-quantile of values (sorted in place), nearest rank. */
static double
quantile (GArray *values,
          double  q)
{
  gsize rank;

  if (values->len == 0)
    return NAN;
  g_array_sort (values, compare_doubles);
  rank = (gsize) ceil (q * (double) values->len);
  rank = CLAMP (rank, 1, values->len);
  return g_array_index (values, double, rank - 1);
}

static double
median_of (double *values,
           guint   n)
{
  g_autoptr(GArray) array = g_array_sized_new (FALSE, FALSE, sizeof (double), n);

  g_array_append_vals (array, values, n);
  return quantile (array, 0.5);
}

typedef struct
{
  double p50, p99, max;
  guint  frames;
  double seconds;
} PhaseStats;

static PhaseStats
phase_stats (FrameRecorder *recorder,
             double         seconds)
{
  PhaseStats stats = { 0 };

  stats.frames = recorder->intervals_ms->len;
  stats.p50 = quantile (recorder->intervals_ms, 0.50);
  stats.p99 = quantile (recorder->intervals_ms, 0.99);
  stats.max = quantile (recorder->intervals_ms, 1.0);
  stats.seconds = seconds;
  return stats;
}

static void
begin_phase (FrameRecorder *recorder)
{
  g_array_set_size (recorder->intervals_ms, 0);
  recorder->last_frame_us = 0;
  recorder->recording = TRUE;
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

static gboolean
stop_loop (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin_for (double seconds)
{
  gboolean done = FALSE;

  g_timeout_add ((guint) (seconds * 1000), stop_loop, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static ScmmExperiment *
bench_experiment (gboolean quick)
{
  ScmmExperiment *experiment = scmm_experiment_preset ("demo");

  if (quick)
    {
      experiment->pretrain_epochs = 2;
      experiment->finetune_epochs = 3;
      g_strfreev (experiment->target.subjects.names);
      experiment->target.subjects.all = FALSE;
      experiment->target.subjects.names = g_strsplit ("1,2", ",", -1);
    }
  return experiment;
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
  FrameRecorder recorder = { 0 };
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

  /* Runs go to a temporary folder, not into the user's data. */
  runs_folder = g_dir_make_tmp ("scmm-bench-runs-XXXXXX", &error);
  if (runs_folder == NULL || scmm_settings_get () == NULL)
    {
      g_printerr ("bench-responsiveness: %s\n",
                  error != NULL ? error->message
                                : "the settings schema is not found: set GSETTINGS_SCHEMA_DIR to build/resources");
      return 1;
    }
  g_settings_set_string (scmm_settings_get (), "runs-folder", runs_folder);

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
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, &recorder, NULL);
  spin_for (1.0);   /* mapped, first frames drawn, fonts loaded */
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
      g_autoptr(ScmmExperiment) experiment = bench_experiment (quick);
      ScmmExperimentPage *page =
        SCMM_EXPERIMENT_PAGE (scmm_window_get_page_widget (window, "experiment"));
      ScmmRunTask *task;
      PhaseStats idle, train;
      gint64 start;

      begin_phase (&recorder);
      spin_for (idle_seconds);
      idle = phase_stats (&recorder, idle_seconds);
      print_phase ("idle", run, runs, &idle);

      scmm_experiment_page_set_experiment (page, experiment);
      start = g_get_monotonic_time ();
      begin_phase (&recorder);
      if (!gtk_widget_activate_action (GTK_WIDGET (window), "win.start-run", NULL) ||
          (task = scmm_window_get_run_task (window)) == NULL || !scmm_run_task_get_running (task))
        {
          g_printerr ("bench-responsiveness: the run did not start\n");
          return 1;
        }
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
    double idle99 = median_of (idle_p99, runs);
    double train50 = median_of (train_p50, runs);
    double train99 = median_of (train_p99, runs);

    g_print ("ui-responsiveness median_of=%d training_p50_ms=%.1f training_p99_ms=%.1f "
             "idle_p99_ms=%.1f p99_ratio_to_idle=%.2f target_p99_ms=20 %s\n",
             runs, train50, train99, idle99, train99 / idle99,
             train99 < 20.0 ? "met" : "MISSED");
  }

  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (recorder.intervals_ms);
  g_object_unref (app);
  {
    /* The run folders were only for the measurement. */
    const char *rm[] = { "rm", "-rf", runs_folder, NULL };
    int status = 1;

    if (!g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                       &status, NULL) || status != 0)
      g_printerr ("bench-responsiveness: could not remove %s\n", runs_folder);
  }
  return 0;
}
