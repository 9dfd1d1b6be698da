/* scmm-run-events.c: snapshots, and cancelling and pausing a run. */
#include "scmm-run-events.h"

ScmmSnapshot *
scmm_snapshot_new (const ScmmPretrainStep *step, const guint8 *keep, const int32_t *labels,
                   const char *method, int epoch, int step_index)
{
  const int n = step->n, b = step->b, d = step->dims.input_dim;
  ScmmSnapshot *snap = g_new0 (ScmmSnapshot, 1);
  snap->ref_count = 1;
  snap->b = b;
  snap->views = step->views;
  snap->n = n;
  snap->channels = step->dims.conv[0].in_ch;
  snap->bands = step->dims.conv[0].in_len;
  snap->x_in = g_memdup2 (step->x_in, sizeof (float) * n * d);
  snap->keep = g_memdup2 (keep, (gsize) step->views * b * d);
  snap->S = g_memdup2 (step->S, sizeof (float) * n * n);
  snap->W = g_memdup2 (step->W, sizeof (float) * n * n);
  snap->R = g_memdup2 (step->R, sizeof (float) * n * n);
  snap->x_hat = g_memdup2 (step->x_hat, sizeof (float) * n * d);
  snap->labels = labels != NULL ? g_memdup2 (labels, sizeof (int32_t) * b) : NULL;
  snap->method = g_strdup (method);
  snap->epoch = epoch;
  snap->step = step_index;
  snap->loss = step->result.loss;
  snap->loss_c = step->result.loss_c;
  snap->loss_r = step->result.loss_r;
  return snap;
}

ScmmSnapshot *
scmm_snapshot_ref (ScmmSnapshot *s)
{
  g_atomic_int_inc (&s->ref_count);
  return s;
}

void
scmm_snapshot_unref (ScmmSnapshot *s)
{
  if (s == NULL || !g_atomic_int_dec_and_test (&s->ref_count))
    return;
  g_free (s->x_in);
  g_free (s->keep);
  g_free (s->S);
  g_free (s->W);
  g_free (s->R);
  g_free (s->x_hat);
  g_free (s->labels);
  g_free (s->method);
  g_free (s);
}

struct ScmmRunControl {
  GMutex lock;
  GCond  resumed;
  gint   cancelled;
  gint   paused;
};

ScmmRunControl *
scmm_run_control_new (void)
{
  ScmmRunControl *c = g_new0 (ScmmRunControl, 1);
  g_mutex_init (&c->lock);
  g_cond_init (&c->resumed);
  return c;
}

void
scmm_run_control_free (ScmmRunControl *c)
{
  if (c == NULL)
    return;
  g_mutex_clear (&c->lock);
  g_cond_clear (&c->resumed);
  g_free (c);
}

void
scmm_run_control_cancel (ScmmRunControl *c)
{
  g_mutex_lock (&c->lock);
  g_atomic_int_set (&c->cancelled, 1);
  g_cond_broadcast (&c->resumed);
  g_mutex_unlock (&c->lock);
}

void
scmm_run_control_set_paused (ScmmRunControl *c, gboolean paused)
{
  g_mutex_lock (&c->lock);
  g_atomic_int_set (&c->paused, paused ? 1 : 0);
  g_cond_broadcast (&c->resumed);
  g_mutex_unlock (&c->lock);
}

gboolean
scmm_run_control_is_paused (ScmmRunControl *c)
{
  return g_atomic_int_get (&c->paused) != 0;
}

gboolean
scmm_run_control_checkpoint (ScmmRunControl *c)
{
  if (c == NULL)
    return FALSE;
  if (g_atomic_int_get (&c->paused))
    {
      g_mutex_lock (&c->lock);
      while (g_atomic_int_get (&c->paused) && !g_atomic_int_get (&c->cancelled))
        g_cond_wait (&c->resumed, &c->lock);
      g_mutex_unlock (&c->lock);
    }
  return g_atomic_int_get (&c->cancelled) != 0;
}
