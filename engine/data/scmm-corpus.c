/* scmm-corpus.c: an EEG emotion corpus in memory. */
#include "scmm-corpus.h"

#include <math.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-montage.h"

void
scmm_trial_free (ScmmTrial *trial)
{
  if (trial == NULL)
    return;
  g_free (trial->name);
  g_free (trial->de);
  g_free (trial->ratings);
  if (trial->events != NULL)
    {
      for (guint i = 0; i < trial->events->len; i++)
        g_free (g_array_index (trial->events, ScmmTrialEvent, i).text);
      g_array_unref (trial->events);
    }
  g_free (trial);
}

static void
session_free (gpointer data)
{
  ScmmSession *session = data;
  g_free (session->name);
  g_ptr_array_unref (session->trials);
  g_free (session);
}

static void
subject_free (gpointer data)
{
  ScmmSubject *subject = data;
  g_free (subject->name);
  g_ptr_array_unref (subject->sessions);
  g_free (subject);
}

static void
provenance_clear (gpointer data)
{
  ScmmProvenance *p = data;
  g_free (p->path);
  g_free (p->sha256);
}

ScmmCorpus *
scmm_corpus_new (const char *name, const char *const *class_names,
                 const char *const *channel_names, int n_channels, const ScmmBand *bands,
                 double window_s)
{
  ScmmCorpus *corpus = g_new0 (ScmmCorpus, 1);
  corpus->name = g_strdup (name);
  corpus->importer = g_strdup ("");
  corpus->importer_version = g_strdup ("");
  corpus->feature = g_strdup ("de");
  corpus->smoothing = g_strdup ("none");
  corpus->class_names = g_strdupv ((char **) class_names);
  corpus->n_classes = (int) g_strv_length (corpus->class_names);
  corpus->n_channels = n_channels;
  corpus->channel_names = g_new0 (char *, n_channels + 1);
  for (int c = 0; c < n_channels; c++)
    {
      corpus->channel_names[c] = scmm_channel_name_normalize (channel_names[c]);
      if (corpus->channel_names[c] == NULL)
        corpus->channel_names[c] = g_strdup_printf ("ch%d", c + 1);
    }
  corpus->n_bands = SCMM_DE_BANDS;
  memcpy (corpus->bands, bands, sizeof corpus->bands);
  corpus->window_s = window_s;
  corpus->provenance = g_array_new (FALSE, TRUE, sizeof (ScmmProvenance));
  g_array_set_clear_func (corpus->provenance, provenance_clear);
  corpus->subjects = g_ptr_array_new_with_free_func (subject_free);
  return corpus;
}

void
scmm_corpus_free (ScmmCorpus *corpus)
{
  if (corpus == NULL)
    return;
  g_free (corpus->name);
  g_free (corpus->importer);
  g_free (corpus->importer_version);
  g_free (corpus->feature);
  g_free (corpus->smoothing);
  g_strfreev (corpus->class_names);
  g_strfreev (corpus->channel_names);
  g_strfreev (corpus->rating_names);
  g_array_unref (corpus->provenance);
  g_ptr_array_unref (corpus->subjects);
  g_free (corpus);
}

void
scmm_corpus_set_ratings (ScmmCorpus *corpus, const char *const *rating_names)
{
  g_strfreev (corpus->rating_names);
  corpus->rating_names = g_strdupv ((char **) rating_names);
  corpus->n_ratings = rating_names ? (int) g_strv_length (corpus->rating_names) : 0;
}

void
scmm_corpus_add_provenance (ScmmCorpus *corpus, const char *path, const char *sha256,
                            gint64 bytes)
{
  ScmmProvenance p = { g_strdup (path), g_strdup (sha256), bytes };
  g_array_append_val (corpus->provenance, p);
}

ScmmSubject *
scmm_corpus_find_subject (const ScmmCorpus *corpus, const char *name)
{
  for (guint i = 0; i < corpus->subjects->len; i++)
    {
      ScmmSubject *s = g_ptr_array_index (corpus->subjects, i);
      if (strcmp (s->name, name) == 0)
        return s;
    }
  return NULL;
}

ScmmSubject *
scmm_corpus_subject (ScmmCorpus *corpus, const char *name)
{
  ScmmSubject *s = scmm_corpus_find_subject (corpus, name);
  if (s != NULL)
    return s;
  s = g_new0 (ScmmSubject, 1);
  s->name = g_strdup (name);
  s->sessions = g_ptr_array_new_with_free_func (session_free);
  g_ptr_array_add (corpus->subjects, s);
  return s;
}

ScmmSession *
scmm_subject_find_session (const ScmmSubject *subject, const char *name)
{
  for (guint i = 0; i < subject->sessions->len; i++)
    {
      ScmmSession *s = g_ptr_array_index (subject->sessions, i);
      if (strcmp (s->name, name) == 0)
        return s;
    }
  return NULL;
}

ScmmSession *
scmm_subject_session (ScmmSubject *subject, const char *name)
{
  ScmmSession *s = scmm_subject_find_session (subject, name);
  if (s != NULL)
    return s;
  s = g_new0 (ScmmSession, 1);
  s->name = g_strdup (name);
  s->trials = g_ptr_array_new_with_free_func ((GDestroyNotify) scmm_trial_free);
  g_ptr_array_add (subject->sessions, s);
  return s;
}

ScmmTrial *
scmm_session_find_trial (const ScmmSession *session, const char *name)
{
  for (guint i = 0; i < session->trials->len; i++)
    {
      ScmmTrial *t = g_ptr_array_index (session->trials, i);
      if (strcmp (t->name, name) == 0)
        return t;
    }
  return NULL;
}

ScmmTrial *
scmm_session_add_trial (ScmmSession *session, const char *name, int label, float *de,
                        int windows)
{
  ScmmTrial *t = g_new0 (ScmmTrial, 1);
  t->name = g_strdup (name);
  t->label = label;
  t->de = de;
  t->windows = windows;
  g_ptr_array_add (session->trials, t);
  return t;
}

ScmmCorpusCounts
scmm_corpus_count (const ScmmCorpus *corpus)
{
  ScmmCorpusCounts counts = { 0 };
  counts.subjects = (int) corpus->subjects->len;
  for (guint i = 0; i < corpus->subjects->len; i++)
    {
      ScmmSubject *subject = g_ptr_array_index (corpus->subjects, i);
      counts.sessions += (int) subject->sessions->len;
      for (guint j = 0; j < subject->sessions->len; j++)
        {
          ScmmSession *session = g_ptr_array_index (subject->sessions, j);
          counts.trials += (int) session->trials->len;
          for (guint k = 0; k < session->trials->len; k++)
            {
              ScmmTrial *t = g_ptr_array_index (session->trials, k);
              counts.windows += t->windows;
              if (t->label >= 0 && t->label < SCMM_CORPUS_MAX_CLASSES)
                counts.class_windows[t->label] += t->windows;
              else
                counts.unlabelled_windows += t->windows;
            }
        }
    }
  return counts;
}

static gboolean
validate_trial (const ScmmCorpus *corpus, const ScmmSubject *subject, const ScmmSession *session,
                const ScmmTrial *t, GError **error)
{
  if (t->label < -1 || t->label >= corpus->n_classes)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "subject %s, session %s, trial %s: label %d is not one of the %d classes",
                   subject->name, session->name, t->name, t->label, corpus->n_classes);
      return FALSE;
    }
  if (t->windows < 1 || t->de == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "subject %s, session %s, trial %s: no windows", subject->name,
                   session->name, t->name);
      return FALSE;
    }
  gsize n = (gsize) t->windows * corpus->n_channels * corpus->n_bands;
  for (gsize i = 0; i < n; i++)
    if (!isfinite (t->de[i]))
      {
        gsize per_window = (gsize) corpus->n_channels * corpus->n_bands;
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                     "subject %s, session %s, trial %s: %s at window %" G_GSIZE_FORMAT
                     ", channel %s, band %" G_GSIZE_FORMAT, subject->name, session->name,
                     t->name, isnan (t->de[i]) ? "NaN" : "an infinite value", i / per_window,
                     corpus->channel_names[(i % per_window) / corpus->n_bands],
                     i % corpus->n_bands);
        return FALSE;
      }
  return TRUE;
}

gboolean
scmm_corpus_validate (const ScmmCorpus *corpus, GError **error)
{
  /* 0 classes: an unlabelled corpus (raw recordings), every label -1. */
  if (corpus->n_classes < 0 || corpus->n_classes > SCMM_CORPUS_MAX_CLASSES)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "the corpus has %d classes; 0 to %d are supported", corpus->n_classes,
                   SCMM_CORPUS_MAX_CLASSES);
      return FALSE;
    }
  if (corpus->n_channels < 1)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "the corpus has no channels");
      return FALSE;
    }
  for (guint i = 0; i < corpus->subjects->len; i++)
    {
      ScmmSubject *subject = g_ptr_array_index (corpus->subjects, i);
      for (guint j = 0; j < subject->sessions->len; j++)
        {
          ScmmSession *session = g_ptr_array_index (subject->sessions, j);
          for (guint k = 0; k < session->trials->len; k++)
            if (!validate_trial (corpus, subject, session, g_ptr_array_index (session->trials, k),
                                 error))
              return FALSE;
        }
    }
  return TRUE;
}
