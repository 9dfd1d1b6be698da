/* scmm-experiment-data.c: an experiment's samples, ready for training. */
#include "scmm-experiment-data.h"

#include <stdio.h>
#include <string.h>

#include "scmm-build-config.h"
#include "scmm-corpus-align.h"
#include "scmm-demo.h"
#include "scmm-error.h"
#include "scmm-h5-seal.h"

/* Same-class transfer (SCMM-METHOD.md §8): SEED-IV's sad and happy are SEED's
 * negative and positive; fear has no counterpart. Names not listed map to
 * themselves. */
static const struct { const char *from; const char *to; } same_class[] = {
  { "sad", "negative" },
  { "happy", "positive" },
  { "fear", NULL },
};

static void
target_subject_free (gpointer data)
{
  ScmmTargetSubject *t = data;
  g_free (t->name);
  scmm_samples_free (t->finetune);
  scmm_samples_free (t->validation);
  scmm_samples_free (t->test);
  g_free (t);
}

void
scmm_experiment_data_free (ScmmExperimentData *d)
{
  if (d == NULL)
    return;
  g_strfreev (d->class_names);
  g_strfreev (d->channel_names);
  scmm_samples_free (d->pretrain);
  if (d->targets != NULL)
    g_ptr_array_unref (d->targets);
  g_free (d->source_name);
  g_free (d->target_name);
  g_free (d->source_fingerprint);
  g_free (d->target_fingerprint);
  if (d->notes != NULL)
    g_string_free (d->notes, TRUE);
  g_free (d);
}

char *
scmm_corpus_fingerprint (const char *spec, GError **error)
{
  if (g_str_has_prefix (spec, "demo:"))
    return g_strdup_printf ("%s seed=%d scmm-studio %s", spec, SCMM_DEMO_SEED_DEFAULT,
                            SCMM_VERSION);
  /* the store's seal is the SHA-256 of its contents */
  FILE *f = fopen (spec, "rb");
  char block[SCMM_H5_SEAL_SIZE + 1] = { 0 };
  gboolean ok = f != NULL && fread (block, 1, SCMM_H5_SEAL_SIZE, f) == SCMM_H5_SEAL_SIZE;
  if (f != NULL)
    fclose (f);
  const char *at = ok ? strstr (block, "sha256 ") : NULL;
  if (at == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: not a sealed corpus store", spec);
      return NULL;
    }
  return g_strdup_printf ("sha256:%.64s", at + strlen ("sha256 "));
}

/* ---- classes ---- */

/* The experiment class of a corpus class: an index, -1 unlabelled, -2 dropped. */
typedef struct {
  int *of_class;   /* [corpus classes] */
} ClassMap;

static const char *
same_class_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (same_class); i++)
    if (g_ascii_strcasecmp (name, same_class[i].from) == 0)
      return same_class[i].to;
  return name;
}

/* `map = sad:negative, happy:positive, neutral:neutral`: a class named on
 * the left becomes the name on the right; a class named only on the right
 * (SEED's negative) keeps its name; any other class is dropped. */
static const char *
explicit_name (const ScmmExperiment *e, const char *name)
{
  for (int i = 0; e->class_map != NULL && e->class_map[i] != NULL; i++)
    {
      const char *colon = strchr (e->class_map[i], ':');
      if (colon != NULL && (gsize) (colon - e->class_map[i]) == strlen (name)
          && g_ascii_strncasecmp (e->class_map[i], name, strlen (name)) == 0)
        return colon + 1;
    }
  for (int i = 0; e->class_map != NULL && e->class_map[i] != NULL; i++)
    {
      const char *colon = strchr (e->class_map[i], ':');
      if (colon != NULL && g_ascii_strcasecmp (colon + 1, name) == 0)
        return colon + 1;
    }
  return NULL;
}

/* The experiment's name of a corpus class, or NULL when it is dropped. */
static const char *
mapped_name (const ScmmExperiment *e, const char *name)
{
  switch (e->class_mapping)
    {
    case SCMM_CLASSES_SAME_CLASS:
      return same_class_name (name);
    case SCMM_CLASSES_MAP:
      return explicit_name (e, name);
    case SCMM_CLASSES_AS_IS:
    default:
      return name;
    }
}

static int
index_of (GStrv names, const char *name)
{
  for (int i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (names[i], name) == 0)
      return i;
  return -1;
}

/* The experiment's classes: the target's, mapped, in the target's order. */
static GStrv
experiment_classes (const ScmmExperiment *e, const ScmmCorpus *target)
{
  GPtrArray *names = g_ptr_array_new ();
  for (int k = 0; k < target->n_classes; k++)
    {
      const char *name = mapped_name (e, target->class_names[k]);
      gboolean seen = FALSE;
      for (guint i = 0; name != NULL && i < names->len; i++)
        seen |= g_ascii_strcasecmp (g_ptr_array_index (names, i), name) == 0;
      if (name != NULL && !seen)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

/* For the target every class must be an experiment class or dropped; for the
 * source (pre-training ignores labels) a class that is not one is kept,
 * unlabelled, unless the mapping drops it. */
static int *
class_map_for (const ScmmExperiment *e, const ScmmCorpus *corpus, GStrv classes)
{
  int *map = g_new (int, MAX (corpus->n_classes, 1));
  for (int k = 0; k < corpus->n_classes; k++)
    {
      const char *name = mapped_name (e, corpus->class_names[k]);
      map[k] = name == NULL ? -2 : index_of (classes, name);
    }
  return map;
}

/* ---- selections ---- */

static void
add_trials (ScmmSamples *samples, const ScmmCorpus *corpus, const ScmmSession *session,
            const int *class_map, const ScmmSelection *trials)
{
  for (guint k = 0; k < session->trials->len; k++)
    {
      const ScmmTrial *t = g_ptr_array_index (session->trials, k);
      if (trials != NULL && !scmm_selection_contains (trials, t->name))
        continue;
      int label = t->label >= 0 && t->label < corpus->n_classes ? class_map[t->label] : -1;
      if (label == -2)
        continue;   /* a class the mapping drops */
      scmm_samples_append (samples, t->de, t->windows, label);
    }
}

static ScmmSamples *
pretrain_samples (const ScmmExperiment *e, const ScmmCorpus *source, const int *class_map,
                  GError **error)
{
  ScmmSamples *s = scmm_samples_new (source->n_channels, source->n_bands);
  for (guint i = 0; i < source->subjects->len; i++)
    {
      const ScmmSubject *subject = g_ptr_array_index (source->subjects, i);
      if (!scmm_selection_contains (&e->source.subjects, subject->name))
        continue;
      for (guint j = 0; j < subject->sessions->len; j++)
        {
          const ScmmSession *session = g_ptr_array_index (subject->sessions, j);
          if (scmm_selection_contains (&e->source.sessions, session->name))
            add_trials (s, source, session, class_map, NULL);
        }
    }
  if (s->n < e->pretrain_batch && e->pretrain_epochs > 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "[source] the selected subjects and sessions of %s hold %d windows, fewer "
                   "than one pre-training batch ([pretrain] batch_size = %d): select more, or "
                   "lower batch_size", source->name, s->n, e->pretrain_batch);
      scmm_samples_free (s);
      return NULL;
    }
  return s;
}

/* The fine-tuning trials' windows must hold every class. */
static gboolean
check_classes_present (const ScmmSamples *s, GStrv classes, const char *subject, GError **error)
{
  int n = (int) g_strv_length (classes);
  for (int k = 0; k < n; k++)
    {
      gboolean present = FALSE;
      for (int i = 0; i < s->n && !present; i++)
        present = s->y[i] == k;
      if (!present)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                       "target subject %s has no “%s” window in its fine-tuning trials: choose "
                       "[target] finetune_trials that cover every class, or leave the subject "
                       "out of [target] subjects", subject, classes[k]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The last trials of the fine-tuning split become the validation set. */
static ScmmSamples *
split_validation (const ScmmExperiment *e, const ScmmCorpus *target, const ScmmSubject *subject,
                  const int *class_map, ScmmSamples **finetune, GError **error)
{
  GPtrArray *trials = g_ptr_array_new ();
  for (guint j = 0; j < subject->sessions->len; j++)
    {
      const ScmmSession *session = g_ptr_array_index (subject->sessions, j);
      if (!scmm_selection_contains (&e->target.sessions, session->name))
        continue;
      for (guint k = 0; k < session->trials->len; k++)
        {
          ScmmTrial *t = g_ptr_array_index (session->trials, k);
          if (scmm_selection_contains (&e->finetune_trials, t->name))
            g_ptr_array_add (trials, t);
        }
    }
  int n_val = (int) (trials->len * e->validation_fraction + 0.5);
  n_val = CLAMP (n_val, 1, (int) trials->len - 1);
  if (trials->len < 2)
    {
      g_ptr_array_unref (trials);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "target subject %s has %u fine-tuning trial(s): validation needs 2 or more "
                   "([finetune] model_selection = last avoids it)", subject->name, trials->len);
      return NULL;
    }
  ScmmSamples *train = scmm_samples_new (target->n_channels, target->n_bands);
  ScmmSamples *val = scmm_samples_new (target->n_channels, target->n_bands);
  for (guint k = 0; k < trials->len; k++)
    {
      const ScmmTrial *t = g_ptr_array_index (trials, k);
      int label = t->label >= 0 ? class_map[t->label] : -1;
      if (label == -2)
        continue;
      scmm_samples_append ((int) k < (int) trials->len - n_val ? train : val, t->de, t->windows,
                           label);
    }
  g_ptr_array_unref (trials);
  scmm_samples_free (*finetune);
  *finetune = train;
  return val;
}

static void
normalise_target (const ScmmExperiment *e, ScmmTargetSubject *t)
{
  ScmmSamples *sets[] = { t->finetune, t->validation, t->test };
  if (e->normalisation == SCMM_NORMALISE_NONE)
    return;
  if (e->normalisation == SCMM_NORMALISE_PER_SET)
    {
      for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
        if (sets[i] != NULL)
          {
            g_autoptr (ScmmMinMax) mm = scmm_minmax_fit (sets[i]);
            scmm_minmax_apply (mm, sets[i]);
          }
      return;
    }
  g_autoptr (ScmmMinMax) mm = scmm_minmax_fit (t->finetune);   /* fitted on training only */
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    if (sets[i] != NULL)
      scmm_minmax_apply (mm, sets[i]);
}

static ScmmTargetSubject *
target_subject (const ScmmExperiment *e, const ScmmCorpus *target, const ScmmSubject *subject,
                const int *class_map, GStrv classes, GError **error)
{
  ScmmTargetSubject *t = g_new0 (ScmmTargetSubject, 1);
  t->name = g_strdup (subject->name);
  t->finetune = scmm_samples_new (target->n_channels, target->n_bands);
  t->test = scmm_samples_new (target->n_channels, target->n_bands);
  for (guint j = 0; j < subject->sessions->len; j++)
    {
      const ScmmSession *session = g_ptr_array_index (subject->sessions, j);
      if (!scmm_selection_contains (&e->target.sessions, session->name))
        continue;
      add_trials (t->finetune, target, session, class_map, &e->finetune_trials);
      add_trials (t->test, target, session, class_map, &e->test_trials);
    }
  if (t->finetune->n == 0 || t->test->n == 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "target subject %s has no %s windows in the selected sessions: check "
                   "[target] sessions, finetune_trials and test_trials", subject->name,
                   t->finetune->n == 0 ? "fine-tuning" : "test");
      target_subject_free (t);
      return NULL;
    }
  if (e->model_selection == SCMM_SELECT_VALIDATION)
    {
      t->validation = split_validation (e, target, subject, class_map, &t->finetune, error);
      if (t->validation == NULL)
        {
          target_subject_free (t);
          return NULL;
        }
    }
  if (!check_classes_present (t->finetune, classes, subject->name, error))
    {
      target_subject_free (t);
      return NULL;
    }
  normalise_target (e, t);
  return t;
}

/* ---- the whole ---- */

static gboolean
check_deap_label (const ScmmExperiment *e, const ScmmCorpus *c, GError **error)
{
  if (e->deap_label == NULL || g_strcmp0 (c->importer, "deap") != 0)
    return TRUE;
  for (int k = 0; k < c->n_classes; k++)
    if (strstr (c->class_names[k], e->deap_label) != NULL)
      return TRUE;
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
               "[classes] deap_label = %s, but the DEAP store's classes are “%s”: import DEAP "
               "again with --label %s, or change deap_label", e->deap_label, c->class_names[0],
               e->deap_label);
  return FALSE;
}

/* The corpus of one side; the error names the config key. */
static ScmmCorpus *
open_side (const char *group, const char *spec, GError **error)
{
  g_autoptr (GError) local = NULL;
  ScmmCorpus *corpus = scmm_corpus_open (spec, &local);
  if (corpus == NULL)
    {
      /* the store's messages start with its path: say it once */
      const char *why = local->message;
      if (g_str_has_prefix (why, spec) && g_str_has_prefix (why + strlen (spec), ": "))
        why += strlen (spec) + 2;
      g_set_error (error, SCMM_ERROR, local->code, "[%s] corpus = %s: %s", group, spec, why);
    }
  return corpus;
}

static gboolean
open_corpora (const ScmmExperiment *e, ScmmCorpus **source, ScmmCorpus **target, GError **error)
{
  const char *target_spec = e->target.corpus != NULL && e->target.corpus[0] != '\0'
                              ? e->target.corpus : e->source.corpus;
  *source = open_side ("source", e->source.corpus, error);
  if (*source == NULL)
    return FALSE;
  *target = open_side ("target", target_spec, error);
  if (*target == NULL)
    return FALSE;
  return check_deap_label (e, *source, error) && check_deap_label (e, *target, error);
}

static gboolean
same_channels (const ScmmCorpus *a, const ScmmCorpus *b)
{
  if (a->n_channels != b->n_channels)
    return FALSE;
  for (int c = 0; c < a->n_channels; c++)
    if (g_strcmp0 (a->channel_names[c], b->channel_names[c]) != 0)
      return FALSE;
  return TRUE;
}

ScmmExperimentData *
scmm_experiment_data_build (const ScmmExperiment *e, GError **error)
{
  g_autoptr (ScmmCorpus) source = NULL;
  g_autoptr (ScmmCorpus) target = NULL;
  if (!open_corpora (e, &source, &target, error))
    return NULL;
  g_autoptr (ScmmExperimentData) d = g_new0 (ScmmExperimentData, 1);
  d->notes = g_string_new (NULL);
  d->source_name = g_strdup (source->name);
  d->target_name = g_strdup (target->name);
  d->source_fingerprint = scmm_corpus_fingerprint (e->source.corpus, error);
  const char *target_spec = e->target.corpus && e->target.corpus[0] ? e->target.corpus
                                                                    : e->source.corpus;
  if (d->source_fingerprint == NULL
      || (d->target_fingerprint = scmm_corpus_fingerprint (target_spec, error)) == NULL)
    return NULL;

  if (source->n_bands != target->n_bands)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the source has %d bands and the target %d: import both with the same bands",
                   source->n_bands, target->n_bands);
      return NULL;
    }
  if (!same_channels (source, target))
    {
      int before_source = source->n_channels, before_target = target->n_channels;
      ScmmCorpus *a = g_steal_pointer (&source), *b = g_steal_pointer (&target);
      g_autoptr (GError) local = NULL;
      gboolean aligned = scmm_corpus_align (&a, &b, &local);
      source = a;
      target = b;
      if (!aligned)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                       "the source (%d channels) and the target (%d channels) share no channel "
                       "name: pair corpora recorded with the same montage, or import them with "
                       "channel names of the 10-05 system", before_source, before_target);
          return NULL;
        }
      g_string_append_printf (d->notes, "channels aligned on the %d the source (%d) and the "
                              "target (%d) share\n", target->n_channels, before_source,
                              before_target);
    }
  d->n_channels = target->n_channels;
  d->bands = target->n_bands;
  d->channel_names = g_strdupv (target->channel_names);
  d->class_names = experiment_classes (e, target);
  d->n_classes = (int) g_strv_length (d->class_names);
  if (d->n_classes < 2)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the target %s has %d class(es) after [classes] mapping: fine-tuning needs 2 "
                   "or more", target->name, d->n_classes);
      return NULL;
    }

  g_autofree int *source_map = class_map_for (e, source, d->class_names);
  g_autofree int *target_map = class_map_for (e, target, d->class_names);
  if (e->pretrain_epochs > 0)
    {
      d->pretrain = pretrain_samples (e, source, source_map, error);
      if (d->pretrain == NULL)
        return NULL;
      g_autoptr (ScmmMinMax) mm = scmm_minmax_fit (d->pretrain);
      if (e->normalisation != SCMM_NORMALISE_NONE)
        scmm_minmax_apply (mm, d->pretrain);
    }

  d->targets = g_ptr_array_new_with_free_func (target_subject_free);
  for (guint i = 0; i < target->subjects->len; i++)
    {
      const ScmmSubject *subject = g_ptr_array_index (target->subjects, i);
      if (!scmm_selection_contains (&e->target.subjects, subject->name))
        continue;
      ScmmTargetSubject *t = target_subject (e, target, subject, target_map, d->class_names,
                                             error);
      if (t == NULL)
        return NULL;
      g_ptr_array_add (d->targets, t);
    }
  if (d->targets->len == 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "[target] subjects selects none of the %u subjects of %s",
                   target->subjects->len, target->name);
      return NULL;
    }
  return g_steal_pointer (&d);
}
