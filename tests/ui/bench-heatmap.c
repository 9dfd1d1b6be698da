/* bench-heatmap.c: a 512 x 512 similarity heatmap updated every frame while a run trains
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window with one figure view showing S of a 256-sample batch (512 x 512:
 * 1 on the diagonal, the positive pairs and the class blocks brighter than
 * the rest), given new values at every tick of its frame clock for
 * --seconds while the demo run trains on the engine thread (started from the
 * application's window as a user would). Prints the frame intervals'
 * median, p90 and p99 and the frames per second, once with the view's
 * OpenGL path and once with the cairo fallback: the program runs itself
 * twice, the second time with GDK_DEBUG=gl-disable, so both are measured
 * under the same conditions in one run. Like the application, it uses the
 * cairo GSK renderer on software OpenGL. The target is 60 frames per second.
 * --runs N measures each path N times, alternating, and prints the medians.
 */

#include "scmm-build-config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scmm-application.h"
#include "scmm-bench-util.h"
#include "scmm-figure-view.h"
#include "scmm-renderer-choice.h"
#include "scmm-run-task.h"

#define N 512
#define BATCH 256
#define CLASSES 4
#define N_VARIANTS 8
#define TARGET_FPS 60.0

typedef struct
{
  ScmmFigure *figure;
  GtkWidget  *view;
  float      *variants[N_VARIANTS];
  guint       frame;
  ScmmFrameRecorder recorder;
} Bench;

/* S of a batch and its masked views: sample i and i + BATCH are a positive
 * pair, samples of a class alike, a little noise that moves with `phase`. */
static float *
make_similarity (int phase)
{
  float *s = g_new (float, (gsize) N * N);
  guint32 seed = 12345u + (guint32) phase * 7919u;

  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      {
        int a = i % BATCH, b = j % BATCH;
        double v = (a * CLASSES / BATCH == b * CLASSES / BATCH) ? 0.55 : 0.05;

        if (i == j)
          v = 1.0;
        else if (a == b)
          v = 0.85;
        seed = seed * 1664525u + 1013904223u;
        v += ((seed >> 8) / 16777216.0 - 0.5) * 0.2;
        s[(gsize) i * N + (gsize) j] = (float) CLAMP (v, -1.0, 1.0);
      }
  return s;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;

  scmm_bench_record_tick (widget, clock, &bench->recorder);
  scmm_figure_set_heatmap (bench->figure, bench->variants[bench->frame++ % N_VARIANTS], N, N,
                           SCMM_COLORMAP_DIVERGING, -1.0, 1.0, "cosine similarity");
  scmm_figure_view_update (SCMM_FIGURE_VIEW (bench->view));
  return G_SOURCE_CONTINUE;
}

/* One measurement, in this process: prints a heatmap-frames line. */
static int
measure (const char *path_name,
         double      seconds,
         gboolean    quick)
{
  g_autofree char *runs_folder = NULL;
  g_autofree char *software_gl = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScmmExperiment) experiment = NULL;
  Bench bench = { 0 };
  ScmmApplication *app;
  ScmmWindow *app_window;
  GtkWindow *window;
  ScmmRunTask *task;
  gboolean trained_throughout;
  gint64 start;
  double elapsed, p50, p90, p99;
  guint frames;
  gboolean used_gl;
  guint tick;

  gtk_init ();
  software_gl = scmm_renderer_prefer_cairo_on_software_gl ();
  runs_folder = scmm_bench_runs_folder ("bench-heatmap");
  if (runs_folder == NULL)
    return 1;

  app = scmm_application_new (SCMM_APP_ID, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-heatmap: %s\n", error->message);
      return 1;
    }
  app_window = scmm_window_new (app);
  gtk_window_present (GTK_WINDOW (app_window));
  scmm_window_set_page (app_window, "training");

  for (int i = 0; i < N_VARIANTS; i++)
    bench.variants[i] = make_similarity (i);
  bench.figure = scmm_figure_new ("Similarity S (512 × 512)");
  scmm_figure_set_axis_labels (bench.figure, "sample", "sample");
  scmm_figure_add_heatmap_rect (bench.figure, 0, 0, BATCH, BATCH, "original");
  scmm_figure_add_heatmap_rect (bench.figure, BATCH, BATCH, BATCH, BATCH, "masked");
  scmm_figure_set_heatmap (bench.figure, bench.variants[0], N, N, SCMM_COLORMAP_DIVERGING, -1.0, 1.0,
                           "cosine similarity");
  bench.view = scmm_figure_view_new ();
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (bench.view), bench.figure);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (window, "bench-heatmap");
  gtk_window_set_default_size (window, 720, 640);
  gtk_window_set_child (window, bench.view);
  gtk_window_present (window);

  bench.recorder.intervals_ms = g_array_new (FALSE, FALSE, sizeof (double));
  tick = gtk_widget_add_tick_callback (bench.view, on_tick, &bench, NULL);
  scmm_bench_spin_for (1.0);   /* mapped, first frames drawn, fonts loaded */

  experiment = scmm_bench_experiment (quick);
  if (!scmm_bench_start_run (app_window, experiment))
    {
      g_printerr ("bench-heatmap: the run did not start\n");
      return 1;
    }
  task = scmm_window_get_run_task (app_window);
  scmm_bench_spin_for (0.5);   /* the engine thread is training */

  scmm_bench_begin_phase (&bench.recorder);
  start = g_get_monotonic_time ();
  scmm_bench_spin_for (seconds);
  bench.recorder.recording = FALSE;
  elapsed = (double) (g_get_monotonic_time () - start) / 1e6;
  trained_throughout = scmm_run_task_get_running (task);
  used_gl = scmm_figure_view_is_using_gl (SCMM_FIGURE_VIEW (bench.view));

  frames = bench.recorder.intervals_ms->len;
  p50 = scmm_bench_quantile (bench.recorder.intervals_ms, 0.50);
  p90 = scmm_bench_quantile (bench.recorder.intervals_ms, 0.90);
  p99 = scmm_bench_quantile (bench.recorder.intervals_ms, 0.99);
  g_print ("heatmap-frames path=%s data_drawn_with=%s renderer=%s%s%s p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f "
           "fps=%.1f frames=%u seconds=%.1f training=%s\n",
           path_name, used_gl ? "opengl" : "cairo",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
           software_gl != NULL ? ",software-gl=" : "", software_gl != NULL ? software_gl : "", p50, p90, p99,
           frames / elapsed, frames, elapsed, trained_throughout ? "throughout" : "ENDED-EARLY");

  gtk_widget_remove_tick_callback (bench.view, tick);
  if (scmm_run_task_get_running (task))
    {
      scmm_run_task_cancel (task);
      while (scmm_run_task_get_running (task))
        g_main_context_iteration (NULL, TRUE);
    }
  gtk_window_destroy (window);
  gtk_window_destroy (GTK_WINDOW (app_window));
  scmm_figure_unref (bench.figure);
  for (int i = 0; i < N_VARIANTS; i++)
    g_free (bench.variants[i]);
  g_array_unref (bench.recorder.intervals_ms);
  g_object_unref (app);
  scmm_bench_remove_folder ("bench-heatmap", runs_folder);
  return 0;
}

/* Runs this program with --path NAME (and GDK_DEBUG=gl-disable for
 * cairo); echoes its output and returns its heatmap-frames line. */
static char *
run_child (const char *self,
           const char *path_name,
           double      seconds,
           gboolean    quick)
{
  g_autofree char *seconds_arg = g_strdup_printf ("--seconds=%g", seconds);
  const char *argv[] = { self, "--path", path_name, seconds_arg, quick ? "--quick" : NULL, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  char *line;
  int status = 1;

  if (strcmp (path_name, "cairo") == 0)
    env = g_environ_setenv (env, "GDK_DEBUG", "gl-disable", TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-heatmap: the %s measurement failed: %s\n", path_name, error->message);
      return NULL;
    }
  g_print ("%s", out);
  line = strstr (out, "heatmap-frames ");
  return line != NULL ? g_strndup (line, strcspn (line, "\n")) : NULL;
}

static double
field (const char *line,
       const char *name)
{
  const char *at = line != NULL ? strstr (line, name) : NULL;

  return at != NULL ? g_ascii_strtod (at + strlen (name), NULL) : NAN;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of a field over the lines of several runs. */
static double
median_field (GPtrArray  *lines,
              const char *name)
{
  g_autofree double *values = g_new (double, lines->len);
  guint n = lines->len;

  for (guint i = 0; i < n; i++)
    values[i] = field (g_ptr_array_index (lines, i), name);
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path_name = NULL;
  double seconds = 10.0;
  int runs = 1;
  gboolean quick = FALSE;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "Seconds measured (default 10)", "S" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each path, alternating; medians are printed (default 1)",
      "N" },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "A small experiment instead of the demo preset", NULL },
    { "path", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &path_name, "Measure this path only", "gl|cairo" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- a 512 x 512 heatmap updated every frame");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gl = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cairo = g_ptr_array_new_with_free_func (g_free);
  double gl_fps;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || seconds <= 0 || runs < 1)
    {
      g_printerr ("bench-heatmap: %s\n",
                  error != NULL ? error->message : "--seconds and --runs must be positive");
      return 2;
    }
  if (path_name != NULL)
    return measure (path_name, seconds, quick);

  /* The paths alternate, so that both see the same load. */
  for (int i = 0; i < runs; i++)
    {
      char *gl_line = run_child (argv[0], "gl", seconds, quick);
      char *cairo_line = run_child (argv[0], "cairo", seconds, quick);

      if (gl_line == NULL || cairo_line == NULL)
        {
          g_free (gl_line);
          g_free (cairo_line);
          return 1;
        }
      g_ptr_array_add (gl, gl_line);
      g_ptr_array_add (cairo, cairo_line);
    }

  gl_fps = median_field (gl, "fps=");
  g_print ("heatmap-fps runs=%d opengl_fps=%.1f opengl_p50_ms=%.2f opengl_p90_ms=%.2f opengl_p99_ms=%.2f "
           "cairo_fps=%.1f cairo_p50_ms=%.2f cairo_p90_ms=%.2f cairo_p99_ms=%.2f target_fps=%.0f %s "
           "(medians)\n",
           runs, gl_fps, median_field (gl, "p50_ms="), median_field (gl, "p90_ms="), median_field (gl, "p99_ms="),
           median_field (cairo, "fps="), median_field (cairo, "p50_ms="), median_field (cairo, "p90_ms="),
           median_field (cairo, "p99_ms="), TARGET_FPS, gl_fps >= TARGET_FPS * 0.97 ? "met" : "MISSED");
  return 0;
}
