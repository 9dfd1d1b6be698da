/* scmm-import-task.c: a folder imported into a store on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-import-task.h"

#include "scmm-import.h"
#include "scmm-store.h"

struct _ScmmImportTask
{
  GObject       parent_instance;

  char         *folder;
  char         *store_path;
  GCancellable *cancellable;
  GMainContext *context;     /* where the signals are emitted */
  gboolean      started;
  gboolean      running;
  gboolean      cancelled;
  GError       *error;

  /* Shared with the worker, under `lock`: the latest progress, and the idle
   * that delivers it (NULL when none is pending). */
  GMutex        lock;
  int           pending_index;
  int           pending_total;
  char         *pending_file;
  gboolean      pending_writing;
  GSource      *progress_source;
  gboolean      paused;      /* the worker waits before its next file */
  GCond         resumed;

  /* What the main thread has delivered. */
  int           index;
  int           total;
  char         *file;
  gboolean      writing;
};

G_DEFINE_FINAL_TYPE (ScmmImportTask, scmm_import_task, G_TYPE_OBJECT)

/* Names of their own: scmm-data-page.c includes this file for now. */
enum {
  TASK_PROP_0,
  TASK_PROP_RUNNING,
  TASK_PROP_FRACTION,
  TASK_N_PROPS
};

enum {
  TASK_SIGNAL_PROGRESS,
  TASK_SIGNAL_FINISHED,
  TASK_N_SIGNALS
};

static GParamSpec *task_properties[TASK_N_PROPS];
static guint task_signals[TASK_N_SIGNALS];

ScmmImportTask *
scmm_import_task_new (const char *folder,
                      const char *store_path)
{
  ScmmImportTask *self;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (SCMM_TYPE_IMPORT_TASK, NULL);
  self->folder = g_strdup (folder);
  self->store_path = g_strdup (store_path);
  return self;
}

/* ---- the main thread's side of the progress ---- */

/* Moves the pending progress (if any) into the delivered one and emits
 * "progress". Main thread. */
static void
scmm_import_task_deliver_progress (ScmmImportTask *self)
{
  gboolean changed = FALSE;

  g_mutex_lock (&self->lock);
  if (self->progress_source != NULL)
    {
      g_source_destroy (self->progress_source);
      g_clear_pointer (&self->progress_source, g_source_unref);
      self->index = self->pending_index;
      self->total = self->pending_total;
      self->writing = self->pending_writing;
      g_free (self->file);
      self->file = g_steal_pointer (&self->pending_file);
      changed = TRUE;
    }
  g_mutex_unlock (&self->lock);

  if (changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), task_properties[TASK_PROP_FRACTION]);
      g_signal_emit (self, task_signals[TASK_SIGNAL_PROGRESS], 0);
    }
}

static gboolean
scmm_import_task_progress_idle (gpointer user_data)
{
  scmm_import_task_deliver_progress (SCMM_IMPORT_TASK (user_data));
  return G_SOURCE_REMOVE;
}

/* ---- the worker's side ---- */

/* Stores the latest progress and makes sure one idle will deliver it. Any
 * thread; no GTK, no signal. */
static void
scmm_import_task_publish (ScmmImportTask *self,
                          int             index,
                          int             total,
                          const char     *path,
                          gboolean        writing)
{
  g_mutex_lock (&self->lock);
  self->pending_index = index;
  self->pending_total = total;
  self->pending_writing = writing;
  g_free (self->pending_file);
  self->pending_file = path != NULL ? g_path_get_basename (path) : NULL;
  if (self->progress_source == NULL)
    {
      self->progress_source = g_idle_source_new ();
      g_source_set_priority (self->progress_source, G_PRIORITY_DEFAULT);
      g_source_set_name (self->progress_source, "[scmm] import progress");
      g_source_set_callback (self->progress_source, scmm_import_task_progress_idle,
                             g_object_ref (self), g_object_unref);
      g_source_attach (self->progress_source, self->context);
    }
  g_mutex_unlock (&self->lock);
}

static void
scmm_import_task_on_file (int         index,
                          int         total,
                          const char *file,
                          gpointer    user_data)
{
  ScmmImportTask *self = SCMM_IMPORT_TASK (user_data);

  /* Paused: wait here, before the file, until resumed or cancelled. */
  g_mutex_lock (&self->lock);
  while (self->paused && !g_cancellable_is_cancelled (self->cancellable))
    g_cond_wait (&self->resumed, &self->lock);
  g_mutex_unlock (&self->lock);

  scmm_import_task_publish (self, index, total, file, FALSE);
}

static void
scmm_import_task_worker (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  ScmmImportTask *self = source_object;
  g_autoptr(ScmmCorpus) corpus = NULL;
  ScmmImportOptions options;
  GError *error = NULL;

  scmm_import_options_init (&options);
  options.progress = scmm_import_task_on_file;
  options.progress_data = self;
  options.cancellable = cancellable;

  corpus = scmm_import (self->folder, NULL, &options, &error);
  options.cancellable = NULL;
  scmm_import_options_clear (&options);

  /* The last file may have been read after Cancel was pressed: write nothing then. */
  if (corpus != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      int total = (int) corpus->provenance->len;

      scmm_import_task_publish (self, total, total, NULL, TRUE);
      scmm_store_save (corpus, self->store_path, &error);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
scmm_import_task_done (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ScmmImportTask *self = SCMM_IMPORT_TASK (object);
  GError *error = NULL;
  gboolean ok;

  /* Progress queued before the end is delivered before "finished". */
  scmm_import_task_deliver_progress (self);

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->cancelled = TRUE;
          g_clear_error (&error);
        }
      else
        self->error = error;
    }

  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), task_properties[TASK_PROP_RUNNING]);
  g_signal_emit (self, task_signals[TASK_SIGNAL_FINISHED], 0, ok);
}

void
scmm_import_task_start (ScmmImportTask *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SCMM_IS_IMPORT_TASK (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  self->running = TRUE;
  self->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, self->cancellable, scmm_import_task_done, NULL);
  g_task_set_source_tag (task, scmm_import_task_start);
  g_task_set_name (task, "[scmm] import");
  /* What the worker returns decides: a store written while Cancel was being
   * pressed is reported as written, not as cancelled. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, scmm_import_task_worker);

  g_object_notify_by_pspec (G_OBJECT (self), task_properties[TASK_PROP_RUNNING]);
}

void
scmm_import_task_cancel (ScmmImportTask *self)
{
  g_return_if_fail (SCMM_IS_IMPORT_TASK (self));

  g_cancellable_cancel (self->cancellable);
  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->resumed);
  g_mutex_unlock (&self->lock);
}

void
scmm_import_task_set_paused (ScmmImportTask *self,
                             gboolean        paused)
{
  g_return_if_fail (SCMM_IS_IMPORT_TASK (self));

  g_mutex_lock (&self->lock);
  self->paused = !!paused;
  g_cond_broadcast (&self->resumed);
  g_mutex_unlock (&self->lock);
}

const char *
scmm_import_task_get_folder (ScmmImportTask *self)
{
  g_return_val_if_fail (SCMM_IS_IMPORT_TASK (self), NULL);
  return self->folder;
}

const char *
scmm_import_task_get_store_path (ScmmImportTask *self)
{
  g_return_val_if_fail (SCMM_IS_IMPORT_TASK (self), NULL);
  return self->store_path;
}

gboolean
scmm_import_task_get_running (ScmmImportTask *self)
{
  g_return_val_if_fail (SCMM_IS_IMPORT_TASK (self), FALSE);
  return self->running;
}

int
scmm_import_task_get_index (ScmmImportTask *self)
{
  g_return_val_if_fail (SCMM_IS_IMPORT_TASK (self), 0);
  return self->index;
}

int
scmm_import_task_get_total (ScmmImportTask *self)
{
  g_return_val_if_fail (SCMM_IS_IMPORT_TASK (self), 0);
  return self->total;
}

const char *
scmm_import_task_get_file (ScmmImportTask *self)
{
  g_return_val_if_fail (SCMM_IS_IMPORT_TASK (self), NULL);
  return self->file;
}

gboolean
scmm_import_task_get_writing (ScmmImportTask *self)
{
  g_return_val_if_fail (SCMM_IS_IMPORT_TASK (self), FALSE);
  return self->writing;
}

double
scmm_import_task_get_fraction (ScmmImportTask *self)
{
  g_return_val_if_fail (SCMM_IS_IMPORT_TASK (self), 0.0);

  if (self->writing)
    return 1.0;
  if (self->total <= 0 || self->index <= 0)
    return 0.0;
  /* Progress is reported before each file: file i of n means i - 1 are done. */
  return CLAMP ((double) (self->index - 1) / self->total, 0.0, 1.0);
}

const GError *
scmm_import_task_get_error (ScmmImportTask *self)
{
  g_return_val_if_fail (SCMM_IS_IMPORT_TASK (self), NULL);
  return self->error;
}

gboolean
scmm_import_task_get_cancelled (ScmmImportTask *self)
{
  g_return_val_if_fail (SCMM_IS_IMPORT_TASK (self), FALSE);
  return self->cancelled;
}

static void
scmm_import_task_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ScmmImportTask *self = SCMM_IMPORT_TASK (object);

  switch (prop_id)
    {
    case TASK_PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case TASK_PROP_FRACTION:
      g_value_set_double (value, scmm_import_task_get_fraction (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_import_task_finalize (GObject *object)
{
  ScmmImportTask *self = SCMM_IMPORT_TASK (object);

  /* A pending idle holds a reference, so none can be left here. */
  g_assert (self->progress_source == NULL);

  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->store_path, g_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->pending_file, g_free);
  g_clear_pointer (&self->file, g_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->resumed);

  G_OBJECT_CLASS (scmm_import_task_parent_class)->finalize (object);
}

static void
scmm_import_task_class_init (ScmmImportTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = scmm_import_task_get_property;
  object_class->finalize = scmm_import_task_finalize;

  task_properties[TASK_PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  task_properties[TASK_PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, TASK_N_PROPS, task_properties);

  task_signals[TASK_SIGNAL_PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  task_signals[TASK_SIGNAL_FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
scmm_import_task_init (ScmmImportTask *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->resumed);
  self->cancellable = g_cancellable_new ();
}
