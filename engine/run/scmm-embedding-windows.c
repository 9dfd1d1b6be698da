/* scmm-embedding-windows.c: a balanced, reproducible choice of source and
 * target windows for the embedding map. */
#include "scmm-embedding-windows.h"

#include <stdlib.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-rng.h"

#define MAX_PER_CORPUS 100000

/* One window of one of a corpus' sample sets. */
typedef struct {
  const ScmmSamples *set;
  int                row;
} WindowRef;

void
scmm_embedding_windows_free (ScmmEmbeddingWindows *w)
{
  if (w == NULL)
    return;
  g_free (w->x);
  g_free (w->corpus);
  g_free (w->label);
  for (int c = 0; c < SCMM_EMBEDDING_CORPORA; c++)
    g_free (w->corpus_name[c]);
  g_strfreev (w->class_names);
  g_free (w);
}

static void
add_set (GArray *pool, const ScmmSamples *set)
{
  for (int r = 0; set != NULL && r < set->n; r++)
    {
      WindowRef ref = { set, r };
      g_array_append_val (pool, ref);
    }
}

/* Every window of one corpus, in the experiment data's order. */
static GArray *
corpus_pool (const ScmmExperimentData *data, ScmmEmbeddingCorpus corpus)
{
  GArray *pool = g_array_new (FALSE, FALSE, sizeof (WindowRef));
  if (corpus == SCMM_EMBEDDING_SOURCE)
    {
      add_set (pool, data->pretrain);
      return pool;
    }
  for (guint i = 0; i < data->targets->len; i++)
    {
      const ScmmTargetSubject *t = g_ptr_array_index (data->targets, i);
      add_set (pool, t->finetune);
      add_set (pool, t->validation);
      add_set (pool, t->test);
    }
  return pool;
}

/* Group g of a window: its class, or n_classes for unlabelled ones. */
static int
group_of (const WindowRef *ref, int n_classes)
{
  int label = ref->set->y[ref->row];
  return label >= 0 && label < n_classes ? label : n_classes;
}

/* take [groups]: `wanted` shared out as evenly as the groups' sizes
 * `available` allow; the groups that cannot fill their share give it to the
 * others, and the remainder of an uneven split goes to the first groups. */
static void
share_out (const int *available, int groups, int wanted, int *take)
{
  g_autofree gboolean *settled = g_new0 (gboolean, groups);
  int open = 0;
  for (int g = 0; g < groups; g++)
    {
      take[g] = 0;
      if (available[g] == 0)
        settled[g] = TRUE;
      else
        open++;
    }
  gboolean changed = TRUE;
  while (open > 0 && changed)
    {
      changed = FALSE;
      int share = wanted / open;
      for (int g = 0; g < groups; g++)
        if (!settled[g] && available[g] <= share)
          {
            take[g] = available[g];
            wanted -= available[g];
            settled[g] = TRUE;
            open--;
            changed = TRUE;
          }
    }
  if (open == 0)
    return;
  int share = wanted / open, extra = wanted % open;
  for (int g = 0; g < groups; g++)
    if (!settled[g])
      take[g] = share + (extra-- > 0 ? 1 : 0);
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

/* chosen [<= per_corpus]: indices into the pool, ascending. Returns their count. */
static int
choose (const GArray *pool, int n_classes, int per_corpus, ScmmRng *rng, int *chosen)
{
  const int groups = n_classes + 1;
  g_autofree int *available = g_new0 (int, groups);
  g_autofree int *take = g_new0 (int, groups);
  g_autofree int *members = g_new (int, MAX (pool->len, 1));
  g_autofree int *start = g_new0 (int, groups + 1);
  for (guint i = 0; i < pool->len; i++)
    available[group_of (&g_array_index (pool, WindowRef, i), n_classes)]++;
  for (int g = 0; g < groups; g++)
    start[g + 1] = start[g] + available[g];
  /* members, grouped: counting sort by group, in pool order */
  g_autofree int *fill = g_memdup2 (start, sizeof (int) * groups);
  for (guint i = 0; i < pool->len; i++)
    members[fill[group_of (&g_array_index (pool, WindowRef, i), n_classes)]++] = (int) i;

  share_out (available, groups, per_corpus, take);
  int count = 0;
  for (int g = 0; g < groups; g++)
    {
      /* the first take[g] places of a partial Fisher-Yates shuffle */
      int *m = members + start[g];
      for (int k = 0; k < take[g]; k++)
        {
          int j = k + (int) scmm_rng_below (rng, (uint32_t) (available[g] - k));
          int t = m[k];
          m[k] = m[j];
          m[j] = t;
          chosen[count++] = m[k];
        }
    }
  qsort (chosen, count, sizeof (int), compare_int);
  return count;
}

static void
copy_windows (ScmmEmbeddingWindows *w, const GArray *pool, const int *chosen, int count,
              ScmmEmbeddingCorpus corpus)
{
  const gsize row_size = (gsize) w->channels * w->bands;
  for (int k = 0; k < count; k++)
    {
      const WindowRef *ref = &g_array_index (pool, WindowRef, chosen[k]);
      memcpy (w->x + (gsize) w->n * row_size, ref->set->x + (gsize) ref->row * row_size,
              sizeof (float) * row_size);
      w->corpus[w->n] = (guint8) corpus;
      w->label[w->n] = ref->set->y[ref->row];
      w->n++;
    }
  w->count[corpus] = count;
}

ScmmEmbeddingWindows *
scmm_embedding_windows_pick (const ScmmExperimentData *data, int per_corpus, uint64_t seed,
                             GError **error)
{
  if (per_corpus < 1 || per_corpus > MAX_PER_CORPUS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the embedding map takes 1 to %d windows per corpus, not %d", MAX_PER_CORPUS,
                   per_corpus);
      return NULL;
    }
  g_autoptr (ScmmEmbeddingWindows) w = g_new0 (ScmmEmbeddingWindows, 1);
  w->channels = data->n_channels;
  w->bands = data->bands;
  w->class_names = g_strdupv (data->class_names);
  w->n_classes = data->n_classes;
  w->corpus_name[SCMM_EMBEDDING_SOURCE] = g_strdup (data->source_name);
  w->corpus_name[SCMM_EMBEDDING_TARGET] = g_strdup (data->target_name);
  w->x = g_new (float, (gsize) SCMM_EMBEDDING_CORPORA * per_corpus * w->channels * w->bands);
  w->corpus = g_new (guint8, (gsize) SCMM_EMBEDDING_CORPORA * per_corpus);
  w->label = g_new (int32_t, (gsize) SCMM_EMBEDDING_CORPORA * per_corpus);

  for (int c = 0; c < SCMM_EMBEDDING_CORPORA; c++)
    {
      g_autoptr (GArray) pool = corpus_pool (data, (ScmmEmbeddingCorpus) c);
      g_autofree int *chosen = g_new (int, per_corpus);
      ScmmRng rng;
      scmm_rng_init_stream (&rng, seed, (uint64_t) c);
      int count = choose (pool, w->n_classes, per_corpus, &rng, chosen);
      copy_windows (w, pool, chosen, count, (ScmmEmbeddingCorpus) c);
    }
  if (w->n == 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the experiment has no source or target window to show");
      return NULL;
    }
  return g_steal_pointer (&w);
}
