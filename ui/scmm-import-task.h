/* scmm-import-task.h: a folder imported into a store on a worker thread, seen
 * from the main loop.
 *
 * The worker runs scmm_import() and then scmm_store_save() and never calls
 * GTK. The importer's per-file progress is coalesced as in scmm-run-task.h:
 * the worker stores the latest (file index, total, file name) under a lock and
 * schedules one idle on the main context if none is pending, so however fast
 * the import, one delivery is pending at a time. Cancelling stops the
 * import between files; a cancelled import writes nothing (the store writer
 * writes a temporary file and renames it, and is not started once cancelled).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SCMM_TYPE_IMPORT_TASK (scmm_import_task_get_type ())
G_DECLARE_FINAL_TYPE (ScmmImportTask, scmm_import_task, SCMM, IMPORT_TASK, GObject)

/* An import of `folder` (its format detected) into the store `store_path`.
 * Nothing starts before scmm_import_task_start. */
ScmmImportTask *scmm_import_task_new           (const char *folder, const char *store_path);
/* Starts the worker; signals are emitted on the thread-default main context
 * of the caller. Once only. */
void            scmm_import_task_start         (ScmmImportTask *task);
void            scmm_import_task_cancel        (ScmmImportTask *task);
/* Paused, the worker waits before its next file (cancel still ends it);
 * it may be set before start, to hold the import at its first file. */
void            scmm_import_task_set_paused    (ScmmImportTask *task, gboolean paused);

const char     *scmm_import_task_get_folder    (ScmmImportTask *task);
const char     *scmm_import_task_get_store_path (ScmmImportTask *task);
gboolean        scmm_import_task_get_running   (ScmmImportTask *task);

/* The latest progress (main thread): the file being read, from 1 to total
 * (0 before the first), its name without folder (NULL before the first), and
 * whether the files are read and the store is being written. */
int             scmm_import_task_get_index     (ScmmImportTask *task);
int             scmm_import_task_get_total     (ScmmImportTask *task);
const char     *scmm_import_task_get_file      (ScmmImportTask *task);
gboolean        scmm_import_task_get_writing   (ScmmImportTask *task);
/* Files done / total, in [0, 1]. */
double          scmm_import_task_get_fraction  (ScmmImportTask *task);

/* After "finished" with FALSE: why (NULL when it was cancelled). */
const GError   *scmm_import_task_get_error     (ScmmImportTask *task);
gboolean        scmm_import_task_get_cancelled (ScmmImportTask *task);

/* Signals (all on the main thread):
 *   "progress" ()          the latest progress changed (coalesced)
 *   "finished" (gboolean)  the worker is done: TRUE when the store is written
 * Properties (read-only): "running", "fraction". */

G_END_DECLS
