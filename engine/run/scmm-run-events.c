/* scmm-run-events.c: snapshots, and cancelling and pausing a run. */
#include "scmm-run-events.h"

#include <string.h>

/* A snapshot's arrays live in one block. Blocks of freed snapshots are kept
 * (a few, all of one run's size) and reused: a fresh block of several MB costs
 * a page fault per 4 kB the first time it is written, which made a snapshot
 * every step cost 12 % of the step instead of 4 %. */
#define SNAPSHOT_POOL_SIZE 3

typedef struct {
  gpointer block;
  gsize    size;
} PooledBlock;

static GMutex snapshot_pool_lock;
static PooledBlock snapshot_pool[SNAPSHOT_POOL_SIZE];

static gpointer
snapshot_block_take (gsize size)
{
  gpointer block = NULL;

  g_mutex_lock (&snapshot_pool_lock);
  for (int i = 0; i < SNAPSHOT_POOL_SIZE && block == NULL; i++)
    if (snapshot_pool[i].block != NULL && snapshot_pool[i].size == size)
      {
        block = snapshot_pool[i].block;
        snapshot_pool[i].block = NULL;
      }
  g_mutex_unlock (&snapshot_pool_lock);
  return block != NULL ? block : g_malloc (size);
}

static void
snapshot_block_give_back (gpointer block,
                          gsize    size)
{
  gpointer evicted = block;

  g_mutex_lock (&snapshot_pool_lock);
  for (int i = 0; i < SNAPSHOT_POOL_SIZE; i++)
    if (snapshot_pool[i].block == NULL || snapshot_pool[i].size != size)
      {
        /* A free slot, or one of another size (an earlier run's): replaced. */
        evicted = snapshot_pool[i].block;
        snapshot_pool[i].block = block;
        snapshot_pool[i].size = size;
        break;
      }
  g_mutex_unlock (&snapshot_pool_lock);
  g_free (evicted);
}

void
scmm_snapshot_pool_trim (void)
{
  g_mutex_lock (&snapshot_pool_lock);
  for (int i = 0; i < SNAPSHOT_POOL_SIZE; i++)
    {
      g_free (snapshot_pool[i].block);
      snapshot_pool[i].block = NULL;
    }
  g_mutex_unlock (&snapshot_pool_lock);
}

ScmmSnapshot *
scmm_snapshot_new (const ScmmPretrainStep *step, const guint8 *keep, const int32_t *labels,
                   const char *method, int epoch, int step_index)
{
  const gsize n = (gsize) step->n, b = (gsize) step->b, d = (gsize) step->dims.input_dim;
  const gsize views = (gsize) step->views;
  /* floats first, then the labels (4-byte aligned too), then the masks */
  const gsize n_floats = 2 * n * d + 3 * n * n;
  const gsize size = sizeof (float) * n_floats + sizeof (int32_t) * b + views * b * d;
  ScmmSnapshot *snap = g_new0 (ScmmSnapshot, 1);
  float *f;

  snap->ref_count = 1;
  snap->b = step->b;
  snap->views = step->views;
  snap->n = step->n;
  snap->channels = step->dims.conv[0].in_ch;
  snap->bands = step->dims.conv[0].in_len;
  snap->block = snapshot_block_take (size);
  snap->block_size = size;
  f = snap->block;
  snap->x_in = f;
  snap->S = f + n * d;
  snap->W = snap->S + n * n;
  snap->R = snap->W + n * n;
  snap->x_hat = snap->R + n * n;
  memcpy (snap->x_in, step->x_in, sizeof (float) * n * d);
  memcpy (snap->S, step->S, sizeof (float) * n * n);
  memcpy (snap->W, step->W, sizeof (float) * n * n);
  memcpy (snap->R, step->R, sizeof (float) * n * n);
  memcpy (snap->x_hat, step->x_hat, sizeof (float) * n * d);
  if (labels != NULL)
    {
      snap->labels = (int32_t *) (f + n_floats);
      memcpy (snap->labels, labels, sizeof (int32_t) * b);
    }
  snap->keep = (guint8 *) (f + n_floats) + sizeof (int32_t) * b;
  memcpy (snap->keep, keep, views * b * d);
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
  snapshot_block_give_back (s->block, s->block_size);
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
