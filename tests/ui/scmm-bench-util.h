/* scmm-bench-util.h: what the UI benchmarks share
 *
 * Frame intervals measured at each tick of a widget's frame clock (wall
 * clock, not frame time: a blocked main loop is what is measured), their
 * quantiles, and a training run started the way a user starts one: the
 * application's window, the demo experiment, win.start-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "scmm-window.h"

G_BEGIN_DECLS

typedef struct
{
  GArray  *intervals_ms;   /* double */
  gint64   last_frame_us;  /* wall clock of the previous tick, 0 none */
  gboolean recording;
} ScmmFrameRecorder;

/* A tick callback (user_data: a ScmmFrameRecorder) that records while
 * recording is set. */
gboolean        scmm_bench_record_tick  (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data);
/* Forgets what was recorded and records from the next tick. */
void            scmm_bench_begin_phase  (ScmmFrameRecorder *recorder);
/* The q-quantile of values (sorted in place), nearest rank; NAN when empty. */
double          scmm_bench_quantile     (GArray *values, double q);
double          scmm_bench_median_of    (const double *values, guint n);
/* Iterates the main loop for that long. */
void            scmm_bench_spin_for     (double seconds);
/* The demo preset, or a small experiment when quick. */
ScmmExperiment *scmm_bench_experiment   (gboolean quick);
/* Runs go to a new temporary folder (returned): not into the user's data.
 * NULL with a message printed when it fails. */
char           *scmm_bench_runs_folder  (const char *program);
/* Sets the experiment on the window's page and starts it; FALSE when the
 * run did not start. */
gboolean        scmm_bench_start_run    (ScmmWindow *window, ScmmExperiment *experiment);
/* Removes the temporary runs folder. */
void            scmm_bench_remove_folder (const char *program, const char *folder);

G_END_DECLS
