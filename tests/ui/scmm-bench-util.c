/* scmm-bench-util.c: what the UI benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <math.h>

#include "scmm-bench-util.h"
#include "scmm-experiment-page.h"
#include "scmm-run-task.h"
#include "scmm-settings.h"

gboolean
scmm_bench_record_tick (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  ScmmFrameRecorder *recorder = user_data;
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

void
scmm_bench_begin_phase (ScmmFrameRecorder *recorder)
{
  g_array_set_size (recorder->intervals_ms, 0);
  recorder->last_frame_us = 0;
  recorder->recording = TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
scmm_bench_quantile (GArray *values,
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

double
scmm_bench_median_of (const double *values,
                      guint         n)
{
  g_autoptr(GArray) array = g_array_sized_new (FALSE, FALSE, sizeof (double), n);

  g_array_append_vals (array, values, n);
  return scmm_bench_quantile (array, 0.5);
}

static gboolean
stop_loop (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
scmm_bench_spin_for (double seconds)
{
  gboolean done = FALSE;

  g_timeout_add ((guint) (seconds * 1000), stop_loop, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

ScmmExperiment *
scmm_bench_experiment (gboolean quick)
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

char *
scmm_bench_runs_folder (const char *program)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("scmm-bench-runs-XXXXXX", &error);

  if (folder == NULL || scmm_settings_get () == NULL)
    {
      g_printerr ("%s: %s\n", program,
                  error != NULL ? error->message
                                : "the settings schema is not found: set GSETTINGS_SCHEMA_DIR to build/resources");
      g_free (folder);
      return NULL;
    }
  g_settings_set_string (scmm_settings_get (), "runs-folder", folder);
  return folder;
}

gboolean
scmm_bench_start_run (ScmmWindow     *window,
                      ScmmExperiment *experiment)
{
  ScmmExperimentPage *page = SCMM_EXPERIMENT_PAGE (scmm_window_get_page_widget (window, "experiment"));
  ScmmRunTask *task;

  scmm_experiment_page_set_experiment (page, experiment);
  return gtk_widget_activate_action (GTK_WIDGET (window), "win.start-run", NULL) &&
         (task = scmm_window_get_run_task (window)) != NULL && scmm_run_task_get_running (task);
}

void
scmm_bench_remove_folder (const char *program,
                          const char *folder)
{
  const char *rm[] = { "rm", "-rf", folder, NULL };
  int status = 1;

  if (!g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL) ||
      status != 0)
    g_printerr ("%s: could not remove %s\n", program, folder);
}
