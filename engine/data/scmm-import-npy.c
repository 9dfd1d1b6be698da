/* scmm-import-npy.c: DE features kept as NumPy arrays, appended to a store.
 *
 * X.npy (N, C, F) float32 or float64 with F = 5 bands; Y.npy (N,) integer
 * labels 0..K-1; optional T.npy (N,) trial ids. Windows with the same trial
 * id form a trial (in order of first appearance); without trial ids, each
 * run of equal labels is a trial. The channels are named by --channels
 * (seed62, deap32 or a comma-separated list). */
#include "scmm-build-config.h"
#include "scmm-import-private.h"

#include <math.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-montage.h"
#include "scmm-npy.h"

/* The montage tables are plain arrays, not NULL-terminated. */
static GStrv
copy_names (const char *const *names, int n)
{
  GStrv out = g_new0 (char *, n + 1);
  for (int i = 0; i < n; i++)
    out[i] = g_strdup (names[i]);
  return out;
}

static GStrv
channel_list (const char *spec, GError **error)
{
  if (spec == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "name the channels with --channels seed62, deap32 or a comma-separated list");
      return NULL;
    }
  if (g_ascii_strcasecmp (spec, "seed62") == 0)
    return copy_names (scmm_montage_seed62, SCMM_SEED_CHANNELS);
  if (g_ascii_strcasecmp (spec, "deap32") == 0)
    return copy_names (scmm_montage_deap32, SCMM_DEAP_CHANNELS);
  GStrv names = g_strsplit (spec, ",", -1);
  for (int i = 0; names[i] != NULL; i++)
    g_strstrip (names[i]);
  return names;
}

/* For the trial of each window: its index among the trials (-1 = not yet). */
static gboolean
group_trials (const double *trial_ids, const double *labels, gsize n, int *trial_of,
              GPtrArray *names, const char *trials_path, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *key = NULL;
      if (trial_ids != NULL)
        {
          if (trial_ids[i] != floor (trial_ids[i]))
            {
              g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                           "%s: trial id %g of window %" G_GSIZE_FORMAT " is not a whole number",
                           trials_path, trial_ids[i], i);
              return FALSE;
            }
          key = g_strdup_printf ("%.0f", trial_ids[i]);
        }
      else
        {
          gboolean new_run = i == 0 || labels[i] != labels[i - 1];
          key = g_strdup_printf ("%u", names->len + (new_run ? 1 : 0));
        }
      gpointer index;
      if (g_hash_table_lookup_extended (seen, key, NULL, &index))
        trial_of[i] = GPOINTER_TO_INT (index);
      else
        {
          trial_of[i] = (int) names->len;
          g_ptr_array_add (names, g_strdup (key));
          g_hash_table_insert (seen, g_strdup (key), GINT_TO_POINTER (trial_of[i]));
        }
    }
  return TRUE;
}

static gboolean
check_compatible (const ScmmCorpus *into, GStrv channels, int n_channels, double window_s,
                  GStrv classes, const char *data_path, GError **error)
{
  if (into->n_channels != n_channels)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: %d channels, but the store has %d", data_path, n_channels,
                   into->n_channels);
      return FALSE;
    }
  for (int c = 0; c < n_channels; c++)
    if (!scmm_channel_names_equal (into->channel_names[c], channels[c]))
      {
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                     "%s: channel %d is %s, but the store's is %s", data_path, c + 1, channels[c],
                     into->channel_names[c]);
        return FALSE;
      }
  if (fabs (into->window_s - window_s) > 1e-9)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: windows of %g s, but the store's are %g s", data_path, window_s,
                   into->window_s);
      return FALSE;
    }
  if (classes != NULL && !g_strv_equal ((const char *const *) classes,
                                        (const char *const *) into->class_names))
    {
      g_autofree char *mine = g_strjoinv (",", classes);
      g_autofree char *theirs = g_strjoinv (",", into->class_names);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: classes %s, but the store's are %s", data_path, mine, theirs);
      return FALSE;
    }
  return TRUE;
}

static GStrv
default_classes (const double *labels, gsize n)
{
  int k = 0;
  for (gsize i = 0; i < n; i++)
    k = MAX (k, (int) labels[i] + 1);
  GStrv names = g_new0 (char *, k + 1);
  for (int i = 0; i < k; i++)
    names[i] = g_strdup_printf ("%d", i);
  return names;
}

ScmmCorpus *
scmm_import_npy (const char *path, ScmmCorpus *into, const ScmmImportOptions *options,
                 GError **error)
{
  g_autoptr (ScmmCorpus) corpus = into;
  if (options->npy_labels == NULL || options->npy_subject == NULL || options->npy_session == NULL
      || !(options->npy_window_s > 0))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "a NumPy import needs --labels, --subject, --session and --window-s");
      return NULL;
    }
  g_auto (GStrv) channels = channel_list (options->npy_channels, error);
  if (channels == NULL)
    return NULL;
  const int n_channels = (int) g_strv_length (channels);

  ScmmShape xs, ys, ts = { 0 };
  const int total = options->npy_trials ? 3 : 2;
  if (!scmm_import_progress (options, path, 1, total, error))
    return NULL;
  g_autofree double *x = scmm_npy_read (path, &xs, error);
  if (x == NULL)
    return NULL;
  if (xs.ndim != 3 || xs.dim[1] != n_channels || xs.dim[2] != SCMM_DE_BANDS || xs.dim[0] < 1)
    {
      g_autofree char *shape = scmm_shape_to_string (&xs);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: shape %s, expected (N, %d, 5): N windows of %d channels x 5 bands", path,
                   shape, n_channels, n_channels);
      return NULL;
    }
  const gsize n = (gsize) xs.dim[0];
  if (!scmm_import_progress (options, options->npy_labels, 2, total, error))
    return NULL;
  g_autofree double *y = scmm_npy_read (options->npy_labels, &ys, error);
  if (y == NULL)
    return NULL;
  if (scmm_shape_numel (&ys) != (gint64) n || ys.ndim > 2)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: %" G_GINT64_FORMAT " labels for %" G_GSIZE_FORMAT " windows",
                   options->npy_labels, scmm_shape_numel (&ys), n);
      return NULL;
    }
  g_autofree double *t = NULL;
  if (options->npy_trials != NULL)
    {
      if (!scmm_import_progress (options, options->npy_trials, 3, total, error))
        return NULL;
      t = scmm_npy_read (options->npy_trials, &ts, error);
      if (t == NULL)
        return NULL;
      if (scmm_shape_numel (&ts) != (gint64) n)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                       "%s: %" G_GINT64_FORMAT " trial ids for %" G_GSIZE_FORMAT " windows",
                       options->npy_trials, scmm_shape_numel (&ts), n);
          return NULL;
        }
    }

  g_auto (GStrv) classes = options->npy_classes ? g_strsplit (options->npy_classes, ",", -1) : NULL;
  for (int i = 0; classes != NULL && classes[i] != NULL; i++)
    g_strstrip (classes[i]);
  for (gsize i = 0; i < n; i++)
    {
      int k = classes ? (int) g_strv_length (classes)
                      : corpus ? corpus->n_classes : SCMM_CORPUS_MAX_CLASSES;
      if (!isfinite (y[i]) || y[i] != floor (y[i]) || y[i] < 0 || y[i] >= k)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s: label %g of window %" G_GSIZE_FORMAT " is not a class index 0..%d",
                       options->npy_labels, y[i], i, k - 1);
          return NULL;
        }
    }
  for (gsize i = 0; i < n * n_channels * SCMM_DE_BANDS; i++)
    if (!isfinite (x[i]))
      {
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                     "%s: %s in window %" G_GSIZE_FORMAT, path, isnan (x[i]) ? "NaN" : "Inf",
                     i / ((gsize) n_channels * SCMM_DE_BANDS));
        return NULL;
      }

  if (corpus == NULL)
    {
      g_auto (GStrv) names = classes ? g_strdupv (classes) : default_classes (y, n);
      corpus = scmm_corpus_new ("NumPy", (const char *const *) names,
                                (const char *const *) channels, n_channels,
                                scmm_de_bands_standard, options->npy_window_s);
      g_free (corpus->importer);
      corpus->importer = g_strdup ("npy");
      g_free (corpus->importer_version);
      corpus->importer_version = g_strdup (SCMM_IMPORTER_VERSION);
      g_free (corpus->smoothing);
      corpus->smoothing = g_strdup ("source");
    }
  else if (!check_compatible (corpus, channels, n_channels, options->npy_window_s, classes, path,
                              error))
    return NULL;
  const char *files[] = { path, options->npy_labels, options->npy_trials };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (files[i] != NULL && !scmm_import_record (corpus, files[i], error))
      return NULL;

  g_autofree int *trial_of = g_new (int, n);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  if (!group_trials (t, y, n, trial_of, names, options->npy_trials, error))
    return NULL;
  ScmmSession *session = scmm_subject_session (scmm_corpus_subject (corpus, options->npy_subject),
                                               options->npy_session);
  const gsize per_window = (gsize) n_channels * SCMM_DE_BANDS;
  for (guint k = 0; k < names->len; k++)
    {
      const char *name = g_ptr_array_index (names, k);
      if (scmm_session_find_trial (session, name) != NULL)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s: subject %s, session %s already has a trial %s in the store", path,
                       options->npy_subject, options->npy_session, name);
          return NULL;
        }
      int windows = 0, label = -1;
      for (gsize i = 0; i < n; i++)
        if (trial_of[i] == (int) k)
          {
            if (label >= 0 && label != (int) y[i])
              {
                g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                             "%s: trial %s mixes labels %d and %d", options->npy_labels, name,
                             label, (int) y[i]);
                return NULL;
              }
            label = (int) y[i];
            windows++;
          }
      float *de = g_new (float, windows * per_window);
      int w = 0;
      for (gsize i = 0; i < n; i++)
        if (trial_of[i] == (int) k)
          {
            for (gsize j = 0; j < per_window; j++)
              de[w * per_window + j] = (float) x[i * per_window + j];
            w++;
          }
      scmm_session_add_trial (session, name, label, de, windows);
    }
  return g_steal_pointer (&corpus);
}
