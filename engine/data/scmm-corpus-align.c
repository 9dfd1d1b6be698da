/* scmm-corpus-align.c: two corpora on their common channels. */
#include "scmm-corpus-align.h"

#include <string.h>

#include "scmm-error.h"
#include "scmm-montage.h"

static float *
select_de (const float *de, int windows, int channels, int bands, const int *index, int n)
{
  float *out = g_new (float, (gsize) windows * n * bands);
  for (int w = 0; w < windows; w++)
    for (int k = 0; k < n; k++)
      memcpy (out + ((gsize) w * n + k) * bands, de + ((gsize) w * channels + index[k]) * bands,
              sizeof (float) * bands);
  return out;
}

ScmmCorpus *
scmm_corpus_select_channels (const ScmmCorpus *c, const int *index, int n)
{
  g_autofree const char **names = g_new0 (const char *, n + 1);
  for (int k = 0; k < n; k++)
    names[k] = c->channel_names[index[k]];
  ScmmCorpus *out = scmm_corpus_new (c->name, (const char *const *) c->class_names, names, n,
                                     c->bands, c->window_s);
  g_free (out->importer);
  out->importer = g_strdup (c->importer);
  g_free (out->importer_version);
  out->importer_version = g_strdup (c->importer_version);
  g_free (out->feature);
  out->feature = g_strdup (c->feature);
  g_free (out->smoothing);
  out->smoothing = g_strdup (c->smoothing);
  out->source_rate_hz = c->source_rate_hz;
  scmm_corpus_set_ratings (out, (const char *const *) c->rating_names);
  for (guint i = 0; i < c->provenance->len; i++)
    {
      const ScmmProvenance *p = &g_array_index (c->provenance, ScmmProvenance, i);
      scmm_corpus_add_provenance (out, p->path, p->sha256, p->bytes);
    }
  for (guint i = 0; i < c->subjects->len; i++)
    {
      const ScmmSubject *subject = g_ptr_array_index (c->subjects, i);
      ScmmSubject *s = scmm_corpus_subject (out, subject->name);
      for (guint j = 0; j < subject->sessions->len; j++)
        {
          const ScmmSession *session = g_ptr_array_index (subject->sessions, j);
          ScmmSession *ss = scmm_subject_session (s, session->name);
          for (guint k = 0; k < session->trials->len; k++)
            {
              const ScmmTrial *t = g_ptr_array_index (session->trials, k);
              float *de = select_de (t->de, t->windows, c->n_channels, c->n_bands, index, n);
              ScmmTrial *copy = scmm_session_add_trial (ss, t->name, t->label, de, t->windows);
              if (t->ratings != NULL)
                copy->ratings = g_memdup2 (t->ratings, sizeof (float) * c->n_ratings);
            }
        }
    }
  return out;
}

gboolean
scmm_corpus_align (ScmmCorpus **a, ScmmCorpus **b, GError **error)
{
  /* the smaller montage gives the order */
  gboolean b_leads = (*b)->n_channels <= (*a)->n_channels;
  ScmmCorpus *lead = b_leads ? *b : *a, *other = b_leads ? *a : *b;
  g_autofree int *index_other = g_new (int, lead->n_channels);
  g_autofree int *index_lead = g_new (int, lead->n_channels);
  int n = scmm_montage_common ((const char *const *) other->channel_names, other->n_channels,
                               (const char *const *) lead->channel_names, lead->n_channels,
                               index_other, index_lead);
  if (n == 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s and %s share no channel", (*a)->name, (*b)->name);
      return FALSE;
    }
  ScmmCorpus *new_lead = n == lead->n_channels ? NULL
                                               : scmm_corpus_select_channels (lead, index_lead, n);
  gboolean other_same = n == other->n_channels;
  for (int k = 0; other_same && k < n; k++)
    other_same = index_other[k] == k;
  ScmmCorpus *new_other = other_same ? NULL
                                     : scmm_corpus_select_channels (other, index_other, n);
  ScmmCorpus **lead_slot = b_leads ? b : a, **other_slot = b_leads ? a : b;
  if (new_lead != NULL)
    {
      scmm_corpus_free (*lead_slot);
      *lead_slot = new_lead;
    }
  if (new_other != NULL)
    {
      scmm_corpus_free (*other_slot);
      *other_slot = new_other;
    }
  return TRUE;
}
