/* scmm-run-task.h: an experiment run on a worker thread, seen from the main loop.
 *
 * The worker runs the engine (scmm_run_experiment / scmm_run_resume) and never
 * calls GTK. Its events are coalesced, as sysprof's document tasks do: the
 * worker stores the latest progress and queues the events that matter (epochs,
 * subjects, stages, the latest snapshot) under a lock, and schedules one idle
 * on the main context if none is pending; the idle delivers them as signals.
 * However fast the worker, there is one delivery pending at a time, at idle
 * priority: below input and redraw, so the window draws first. */
#pragma once

#include <gio/gio.h>

#include "scmm-experiment.h"
#include "scmm-run-events.h"

G_BEGIN_DECLS

#define SCMM_TYPE_RUN_TASK (scmm_run_task_get_type ())
G_DECLARE_FINAL_TYPE (ScmmRunTask, scmm_run_task, SCMM, RUN_TASK, GObject)

/* A new run of `experiment` (copied, its thread count as given) into `dir`,
 * or the continuation of the run in `dir` (experiment NULL; it keeps the
 * thread count of its config, so that it computes the same numbers).
 * Nothing starts before scmm_run_task_start, which may be called once. */
ScmmRunTask        *scmm_run_task_new         (const ScmmExperiment *experiment, const char *dir);
void                scmm_run_task_start       (ScmmRunTask *task);
void                scmm_run_task_cancel      (ScmmRunTask *task);
/* Cancels the run and waits for the worker to end (between two steps: at
 * most one step or one checkpoint write); for quitting. The run folder is
 * left stopped and can be continued. "finished" still comes from the main
 * loop, if it runs again. */
void                scmm_run_task_stop        (ScmmRunTask *task);
void                scmm_run_task_set_paused  (ScmmRunTask *task, gboolean paused);

gboolean            scmm_run_task_get_running (ScmmRunTask *task);
gboolean            scmm_run_task_get_paused  (ScmmRunTask *task);
const char         *scmm_run_task_get_dir     (ScmmRunTask *task);
/* The latest STEP or EPOCH event (its strings owned by the task), or NULL. */
const ScmmRunEvent *scmm_run_task_get_progress (ScmmRunTask *task);
/* The latest snapshot (no reference added), or NULL. */
ScmmSnapshot       *scmm_run_task_get_snapshot (ScmmRunTask *task);
/* After "finished" with FALSE: why (NULL when it finished, or was cancelled). */
const GError       *scmm_run_task_get_error   (ScmmRunTask *task);
/* Whether it ended because it was cancelled. */
gboolean            scmm_run_task_get_cancelled (ScmmRunTask *task);

/* Signals (all on the main thread):
 *   "progress" ()                      the latest progress changed (coalesced)
 *   "event" (gpointer event)           each STAGE, EPOCH and SUBJECT event, in order;
 *                                      a const ScmmRunEvent * valid during the emission
 *   "snapshot" (gpointer snapshot)     a new snapshot (ScmmSnapshot *, no reference given)
 *   "finished" (gboolean ok)           the worker is done
 * Properties: "running", "paused" (read-write), "fraction" (double), "dir". */

G_END_DECLS
