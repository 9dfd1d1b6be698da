/* scmm-run-task.c: an experiment run on a worker thread, seen from the main loop. */
#include "scmm-run-task.h"

#include <string.h>

#include "scmm-error.h"
#include "scmm-run.h"

/* A queued event with its strings owned. */
typedef struct {
  ScmmRunEvent event;
  char        *method;
  char        *subject;
  char        *message;
} QueuedEvent;

struct _ScmmRunTask {
  GObject         parent_instance;

  ScmmExperiment *experiment;    /* NULL: resume the run in dir */
  GError         *setup_error;   /* the experiment could not be copied */
  char           *dir;
  ScmmRunControl *control;
  GThread        *thread;
  GMainContext   *context;

  /* shared with the worker, under `lock` */
  GMutex          lock;
  GQueue          pending;           /* QueuedEvent */
  QueuedEvent     pending_latest;
  gboolean        has_pending_latest;
  ScmmSnapshot   *pending_snapshot;
  GSource        *flush_source;      /* the idle that delivers them, or NULL */
  gboolean        worker_done;
  gboolean        worker_ok;
  GError         *worker_error;

  /* the main thread's */
  QueuedEvent     latest;
  gboolean        has_latest;
  ScmmSnapshot   *snapshot;
  gboolean        running;
  gboolean        paused;
  gboolean        cancelled;
  double          fraction;
  GError         *error;
};

G_DEFINE_FINAL_TYPE (ScmmRunTask, scmm_run_task, G_TYPE_OBJECT)

enum { PROP_0, PROP_RUNNING, PROP_PAUSED, PROP_FRACTION, PROP_DIR, N_PROPS };
enum { SIGNAL_PROGRESS, SIGNAL_EVENT, SIGNAL_SNAPSHOT, SIGNAL_FINISHED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
queued_event_clear (QueuedEvent *q)
{
  g_clear_pointer (&q->method, g_free);
  g_clear_pointer (&q->subject, g_free);
  g_clear_pointer (&q->message, g_free);
}

static void
queued_event_set (QueuedEvent *q, const ScmmRunEvent *event)
{
  queued_event_clear (q);
  q->event = *event;
  q->method = g_strdup (event->method);
  q->subject = g_strdup (event->subject);
  q->message = g_strdup (event->message);
  q->event.method = q->method;
  q->event.subject = q->subject;
  q->event.message = q->message;
  q->event.snapshot = NULL;
}

static void
queued_event_free (gpointer data)
{
  queued_event_clear (data);
  g_free (data);
}

/* ---- on the main thread ---- */

static gboolean
flush (gpointer user_data)
{
  ScmmRunTask *self = user_data;
  GQueue events = G_QUEUE_INIT;
  QueuedEvent latest = { 0 };
  gboolean has_latest, done, ok = FALSE;
  ScmmSnapshot *snapshot;
  GError *error = NULL;

  g_mutex_lock (&self->lock);
  events = self->pending;
  g_queue_init (&self->pending);
  has_latest = self->has_pending_latest;
  latest = self->pending_latest;
  memset (&self->pending_latest, 0, sizeof self->pending_latest);
  self->has_pending_latest = FALSE;
  snapshot = g_steal_pointer (&self->pending_snapshot);
  done = self->worker_done;
  if (done)
    {
      ok = self->worker_ok;
      error = g_steal_pointer (&self->worker_error);
    }
  g_clear_pointer (&self->flush_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  g_object_ref (self);
  QueuedEvent *q;
  while ((q = g_queue_pop_head (&events)) != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_EVENT], 0, &q->event);
      queued_event_free (q);
    }
  if (has_latest)
    {
      queued_event_clear (&self->latest);
      self->latest = latest;
      self->has_latest = TRUE;
      if (self->latest.event.fraction_done != self->fraction)
        {
          self->fraction = self->latest.event.fraction_done;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
        }
      g_signal_emit (self, signals[SIGNAL_PROGRESS], 0);
    }
  if (snapshot != NULL)
    {
      g_clear_pointer (&self->snapshot, scmm_snapshot_unref);
      self->snapshot = snapshot;
      g_signal_emit (self, signals[SIGNAL_SNAPSHOT], 0, snapshot);
    }
  if (done && self->running)
    {
      if (self->thread != NULL)
        g_thread_join (g_steal_pointer (&self->thread));
      self->running = FALSE;
      self->cancelled = !ok && g_error_matches (error, SCMM_ERROR, SCMM_ERROR_CANCELLED);
      if (self->cancelled)
        g_clear_error (&error);
      if (ok)
        {
          self->fraction = 1.0;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
        }
      g_clear_error (&self->error);
      self->error = error;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, ok);
    }
  else
    g_clear_error (&error);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* ---- on the worker thread ---- */

/* Under the lock: one idle on the main context for everything pending. The
 * idle holds no reference (a reference taken here, on the worker, could be the
 * one that outlives the task); dispose destroys it instead, after the worker
 * has ended. */
static void
schedule_flush_locked (ScmmRunTask *self)
{
  if (self->flush_source != NULL)
    return;
  self->flush_source = g_idle_source_new ();
  /* below redraw and input: the window draws first, then hears the news */
  g_source_set_priority (self->flush_source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (self->flush_source, flush, self, NULL);
  g_source_set_static_name (self->flush_source, "[scmm] run task flush");
  g_source_attach (self->flush_source, self->context);
}

static void
on_run_event (const ScmmRunEvent *event, gpointer user_data)
{
  ScmmRunTask *self = user_data;
  g_mutex_lock (&self->lock);
  switch (event->kind)
    {
    case SCMM_RUN_EVENT_STEP:
      queued_event_set (&self->pending_latest, event);
      self->has_pending_latest = TRUE;
      break;
    case SCMM_RUN_EVENT_SNAPSHOT:
      g_clear_pointer (&self->pending_snapshot, scmm_snapshot_unref);
      self->pending_snapshot = scmm_snapshot_ref (event->snapshot);
      break;
    case SCMM_RUN_EVENT_EPOCH:
      queued_event_set (&self->pending_latest, event);
      self->has_pending_latest = TRUE;
      G_GNUC_FALLTHROUGH;
    default:
      {
        QueuedEvent *q = g_new0 (QueuedEvent, 1);
        queued_event_set (q, event);
        g_queue_push_tail (&self->pending, q);
      }
      break;
    }
  schedule_flush_locked (self);
  g_mutex_unlock (&self->lock);
}

static gpointer
run_thread (gpointer user_data)
{
  ScmmRunTask *self = user_data;
  GError *error = NULL;
  gboolean ok = self->experiment != NULL
                  ? scmm_run_experiment (self->experiment, self->dir, on_run_event, self,
                                         self->control, &error)
                  : scmm_run_resume (self->dir, on_run_event, self, self->control, &error);
  g_mutex_lock (&self->lock);
  self->worker_done = TRUE;
  self->worker_ok = ok;
  self->worker_error = error;
  schedule_flush_locked (self);
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* ---- API ---- */

ScmmRunTask *
scmm_run_task_new (const ScmmExperiment *experiment, const char *dir)
{
  g_return_val_if_fail (dir != NULL, NULL);
  ScmmRunTask *self = g_object_new (SCMM_TYPE_RUN_TASK, NULL);
  self->dir = g_strdup (dir);
  if (experiment != NULL)
    {
      /* a copy, through the config text: the run must not see later edits;
       * the thread count is the caller's (the window applies the preference) */
      g_autofree char *text = scmm_experiment_to_data (experiment);
      self->experiment = scmm_experiment_load_data (text, "the experiment", &self->setup_error);
    }
  return self;
}

void
scmm_run_task_start (ScmmRunTask *self)
{
  g_return_if_fail (SCMM_IS_RUN_TASK (self));
  /* One run per task. */
  g_return_if_fail (!self->running && self->thread == NULL && self->context == NULL);
  self->running = TRUE;
  self->context = g_main_context_ref_thread_default ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (self->setup_error != NULL)
    {
      /* Nothing to run: it ends at once, through the main loop as usual. */
      g_mutex_lock (&self->lock);
      self->worker_done = TRUE;
      self->worker_error = g_steal_pointer (&self->setup_error);
      schedule_flush_locked (self);
      g_mutex_unlock (&self->lock);
      return;
    }
  /* The worker holds no reference: scmm_run_task_stop (and dispose) cancels
   * it and joins it, so it never outlives the task (and never finalizes it
   * off the main thread). */
  self->thread = g_thread_new ("scmm-run", run_thread, self);
}

void
scmm_run_task_stop (ScmmRunTask *self)
{
  g_return_if_fail (SCMM_IS_RUN_TASK (self));
  if (self->thread == NULL)
    return;
  scmm_run_control_set_paused (self->control, FALSE);
  scmm_run_control_cancel (self->control);
  g_thread_join (g_steal_pointer (&self->thread));
}

void
scmm_run_task_cancel (ScmmRunTask *self)
{
  g_return_if_fail (SCMM_IS_RUN_TASK (self));
  scmm_run_control_cancel (self->control);
}

void
scmm_run_task_set_paused (ScmmRunTask *self, gboolean paused)
{
  g_return_if_fail (SCMM_IS_RUN_TASK (self));
  paused = !!paused;
  if (self->paused == paused)
    return;
  self->paused = paused;
  scmm_run_control_set_paused (self->control, paused);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

gboolean
scmm_run_task_get_running (ScmmRunTask *self)
{
  return self->running;
}

gboolean
scmm_run_task_get_paused (ScmmRunTask *self)
{
  return self->paused;
}

const char *
scmm_run_task_get_dir (ScmmRunTask *self)
{
  return self->dir;
}

const ScmmRunEvent *
scmm_run_task_get_progress (ScmmRunTask *self)
{
  return self->has_latest ? &self->latest.event : NULL;
}

ScmmSnapshot *
scmm_run_task_get_snapshot (ScmmRunTask *self)
{
  return self->snapshot;
}

const GError *
scmm_run_task_get_error (ScmmRunTask *self)
{
  return self->error;
}

gboolean
scmm_run_task_get_cancelled (ScmmRunTask *self)
{
  return self->cancelled;
}

/* ---- GObject ---- */

static void
scmm_run_task_dispose (GObject *object)
{
  ScmmRunTask *self = SCMM_RUN_TASK (object);

  /* The last reference went with the window: stop the run between two steps
   * and wait for it, so that no worker outlives its task; then nothing can
   * schedule a delivery any more, and the pending one is dropped. */
  scmm_run_task_stop (self);
  g_mutex_lock (&self->lock);
  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }
  g_mutex_unlock (&self->lock);
  G_OBJECT_CLASS (scmm_run_task_parent_class)->dispose (object);
}

static void
scmm_run_task_finalize (GObject *object)
{
  ScmmRunTask *self = SCMM_RUN_TASK (object);
  scmm_experiment_free (self->experiment);
  g_clear_error (&self->setup_error);
  g_free (self->dir);
  scmm_run_control_free (self->control);
  g_queue_clear_full (&self->pending, queued_event_free);
  queued_event_clear (&self->pending_latest);
  queued_event_clear (&self->latest);
  g_clear_pointer (&self->pending_snapshot, scmm_snapshot_unref);
  g_clear_pointer (&self->snapshot, scmm_snapshot_unref);
  g_clear_error (&self->worker_error);
  g_clear_error (&self->error);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (scmm_run_task_parent_class)->finalize (object);
}

static void
scmm_run_task_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ScmmRunTask *self = SCMM_RUN_TASK (object);
  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_run_task_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  ScmmRunTask *self = SCMM_RUN_TASK (object);
  switch (prop_id)
    {
    case PROP_PAUSED:
      scmm_run_task_set_paused (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_run_task_class_init (ScmmRunTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->dispose = scmm_run_task_dispose;
  object_class->finalize = scmm_run_task_finalize;
  object_class->get_property = scmm_run_task_get_property;
  object_class->set_property = scmm_run_task_set_property;

  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] = g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIR] = g_param_spec_string ("dir", NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_EVENT] = g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_SNAPSHOT] = g_signal_new ("snapshot", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
scmm_run_task_init (ScmmRunTask *self)
{
  g_mutex_init (&self->lock);
  g_queue_init (&self->pending);
  self->control = scmm_run_control_new ();
}
