/* scmm-import-seed.c: SEED and SEED-IV, features and raw EEG (DATASETS.md). */
#include "scmm-build-config.h"
#include "scmm-import-private.h"

#include <string.h>

#include "scmm-error.h"
#include "scmm-montage.h"

#define SEED_TRIALS     15
#define SEED_IV_TRIALS  24
#define SEED_RAW_RATE   200.0
#define SEED_IV_RAW_RATE 1000.0

static const char *const seed_classes[] = { "negative", "neutral", "positive", NULL };
static const char *const seed_iv_classes[] = { "neutral", "sad", "fear", "happy", NULL };

/* SEED-IV's labels, fixed per session (0 neutral, 1 sad, 2 fear, 3 happy). */
static const int seed_iv_labels[3][SEED_IV_TRIALS] = {
  { 1, 2, 3, 0, 2, 0, 0, 1, 0, 1, 2, 1, 1, 1, 2, 3, 2, 2, 3, 3, 0, 3, 0, 3 },
  { 2, 1, 3, 0, 0, 2, 0, 2, 3, 3, 2, 3, 2, 0, 1, 1, 2, 1, 0, 3, 0, 1, 3, 1 },
  { 1, 2, 2, 1, 3, 3, 3, 1, 1, 2, 1, 0, 2, 3, 3, 0, 2, 3, 0, 0, 2, 0, 1, 0 },
};

typedef struct {
  char *path;
  char *subject;   /* the number before the underscore */
  char *date;
  char *session;
} SeedFile;

static void
seed_file_clear (gpointer data)
{
  SeedFile *f = data;
  g_free (f->path);
  g_free (f->subject);
  g_free (f->date);
  g_free (f->session);
}

static gboolean
is_four_class (ScmmImportFormat format)
{
  return format == SCMM_FORMAT_SEED_IV_FEATURES || format == SCMM_FORMAT_SEED_IV_RAW;
}

static gboolean
is_raw (ScmmImportFormat format)
{
  return format == SCMM_FORMAT_SEED_RAW || format == SCMM_FORMAT_SEED_IV_RAW;
}

static void
add_files_of (GArray *out, const char *dir, const char *session, GError **error)
{
  g_autoptr (GPtrArray) files = scmm_import_list_files (dir, "^[0-9]+_[0-9]+\\.mat$", error);
  if (files == NULL)
    return;
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *base = g_path_get_basename (path);
      char *underscore = strchr (base, '_');
      char *dot = strrchr (base, '.');
      SeedFile f = {
        .path = g_strdup (path),
        .subject = g_strndup (base, underscore - base),
        .date = g_strndup (underscore + 1, dot - underscore - 1),
        .session = g_strdup (session),
      };
      g_array_append_val (out, f);
    }
}

static int
compare_seed_files (gconstpointer a, gconstpointer b)
{
  const SeedFile *x = a, *y = b;
  int c = scmm_import_natural_compare (x->subject, y->subject);
  if (c != 0)
    return c;
  c = scmm_import_natural_compare (x->session ? x->session : "", y->session ? y->session : "");
  return c != 0 ? c : strcmp (x->date, y->date);
}

/* SEED: a subject's sessions are its files in date order. */
static void
assign_sessions_by_date (GArray *files)
{
  int n = 0;
  for (guint i = 0; i < files->len; i++)
    {
      SeedFile *f = &g_array_index (files, SeedFile, i);
      SeedFile *prev = i > 0 ? &g_array_index (files, SeedFile, i - 1) : NULL;
      n = prev != NULL && strcmp (prev->subject, f->subject) == 0 ? n + 1 : 1;
      g_free (f->session);
      f->session = g_strdup_printf ("%d", n);
    }
}

static GArray *
collect_files (const char *path, ScmmImportFormat format, GError **error)
{
  GArray *files = g_array_new (FALSE, TRUE, sizeof (SeedFile));
  g_array_set_clear_func (files, seed_file_clear);
  if (is_four_class (format))
    {
      for (int s = 1; s <= 3; s++)
        {
          g_autofree char *session = g_strdup_printf ("%d", s);
          g_autofree char *dir = g_build_filename (path, session, NULL);
          if (g_file_test (dir, G_FILE_TEST_IS_DIR))
            add_files_of (files, dir, session, NULL);
        }
    }
  else
    {
      add_files_of (files, path, NULL, error);
    }
  g_array_sort (files, compare_seed_files);
  if (!is_four_class (format))
    assign_sessions_by_date (files);
  if (files->len == 0 && (error == NULL || *error == NULL))
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                 "%s: no <subject>_<date>.mat files%s", path,
                 is_four_class (format) ? " in the session folders 1, 2, 3" : "");
  if (error != NULL && *error != NULL)
    {
      g_array_unref (files);
      return NULL;
    }
  return files;
}

/* SEED's label.mat: label 1 x 15 of -1, 0, 1 -> classes 0, 1, 2. */
static gboolean
read_seed_labels (const char *dir, ScmmCorpus *corpus, const ScmmImportOptions *options,
                  int labels[SEED_TRIALS], GError **error)
{
  g_autofree char *path = g_build_filename (dir, "label.mat", NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: missing; SEED's labels come from the label.mat distributed beside "
                   "the features", path);
      return FALSE;
    }
  if (!scmm_import_record (corpus, path, error))
    return FALSE;
  g_autoptr (ScmmMat) mat = scmm_mat_open (path, error);
  if (mat == NULL)
    return FALSE;
  int rank;
  size_t dims[4];
  g_autofree double *v = scmm_mat_read_doubles (mat, "label", &rank, dims, FALSE, error);
  if (v == NULL)
    return FALSE;
  if (dims[0] * dims[1] * dims[2] * dims[3] != SEED_TRIALS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: variable “label” has %zu values, expected %d", path,
                   dims[0] * dims[1] * dims[2] * dims[3], SEED_TRIALS);
      return FALSE;
    }
  for (int t = 0; t < SEED_TRIALS; t++)
    {
      if (v[t] != -1.0 && v[t] != 0.0 && v[t] != 1.0)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s: label %d is %g; SEED labels are -1, 0 and 1", path, t + 1, v[t]);
          return FALSE;
        }
      labels[t] = (int) v[t] + 1;
    }
  return TRUE;
}

static gboolean
import_feature_trial (ScmmMat *mat, ScmmSession *session, const char *feature, int trial,
                      int label, GError **error)
{
  g_autofree char *name = g_strdup_printf ("%s%d", feature, trial);
  int rank;
  size_t dims[4];
  g_autofree double *m = scmm_mat_read_doubles (mat, name, &rank, dims, FALSE, error);
  if (m == NULL)
    return FALSE;
  if (rank != 3 || dims[0] != SCMM_SEED_CHANNELS || dims[2] != SCMM_DE_BANDS || dims[1] < 1)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: variable “%s” is %zu x %zu x %zu, expected 62 x W x 5", mat->path, name,
                   dims[0], rank > 1 ? dims[1] : 1, rank > 2 ? dims[2] : 1);
      return FALSE;
    }
  float *de = scmm_import_features_from_mat (m, dims[0], dims[1], dims[2]);
  g_autofree char *trial_name = g_strdup_printf ("%d", trial);
  scmm_session_add_trial (session, trial_name, label, de, (int) dims[1]);
  return TRUE;
}

/* The raw trials of a file: variables <initials>_eeg<k>, any initials. */
static gboolean
find_raw_variables (ScmmMat *mat, int trials, char **names, GError **error)
{
  g_auto (GStrv) vars = scmm_mat_variables (mat, error);
  if (vars == NULL)
    return FALSE;
  g_autoptr (GRegex) re = g_regex_new ("^[A-Za-z]+_eeg([0-9]+)$", 0, 0, NULL);
  for (int i = 0; vars[i] != NULL; i++)
    {
      g_autoptr (GMatchInfo) match = NULL;
      if (!g_regex_match (re, vars[i], 0, &match))
        continue;
      g_autofree char *digits = g_match_info_fetch (match, 1);
      int k = atoi (digits);
      if (k >= 1 && k <= trials && names[k - 1] == NULL)
        names[k - 1] = g_strdup (vars[i]);
    }
  for (int k = 0; k < trials; k++)
    if (names[k] == NULL)
      {
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                     "%s: no variable <initials>_eeg%d (trial %d of %d)", mat->path, k + 1, k + 1,
                     trials);
        return FALSE;
      }
  return TRUE;
}

static gboolean
import_raw_trial (ScmmMat *mat, ScmmSession *session, const char *var, int trial, int label,
                  double rate, double window_s, const ScmmImportOptions *options, GError **error)
{
  int rank;
  size_t dims[4];
  g_autofree double *m = scmm_mat_read_doubles (mat, var, &rank, dims, FALSE, error);
  if (m == NULL)
    return FALSE;
  if (rank != 2 || dims[0] != SCMM_SEED_CHANNELS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: variable “%s” is %zu x %zu, expected 62 x N", mat->path, var, dims[0],
                   dims[1]);
      return FALSE;
    }
  g_autofree float *signal = scmm_import_signal_from_mat (m, dims[0], dims[1]);
  g_autofree char *what = g_strdup_printf ("%s: variable “%s”", mat->path, var);
  int windows = 0;
  float *de = scmm_import_de (signal, (int) dims[0], (gint64) dims[1], rate, window_s, options,
                              &windows, what, error);
  if (de == NULL)
    return FALSE;
  g_autofree char *trial_name = g_strdup_printf ("%d", trial);
  scmm_session_add_trial (session, trial_name, label, de, windows);
  return TRUE;
}

static gboolean
import_file (ScmmCorpus *corpus, const SeedFile *f, ScmmImportFormat format,
             const int *seed_labels, const char *feature, double rate, double window_s,
             const ScmmImportOptions *options, GError **error)
{
  const gboolean four = is_four_class (format);
  const int trials = four ? SEED_IV_TRIALS : SEED_TRIALS;
  int session_index = atoi (f->session);
  if (four && (session_index < 1 || session_index > 3))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: SEED-IV has sessions 1, 2 and 3, not “%s”", f->path, f->session);
      return FALSE;
    }
  g_autoptr (ScmmMat) mat = scmm_mat_open (f->path, error);
  if (mat == NULL)
    return FALSE;
  ScmmSession *session = scmm_subject_session (scmm_corpus_subject (corpus, f->subject),
                                               f->session);
  g_autofree char **raw_names = g_new0 (char *, trials + 1);
  if (is_raw (format) && !find_raw_variables (mat, trials, raw_names, error))
    {
      g_strfreev (g_steal_pointer (&raw_names));
      return FALSE;
    }
  gboolean ok = TRUE;
  for (int t = 1; ok && t <= trials; t++)
    {
      int label = four ? seed_iv_labels[session_index - 1][t - 1] : seed_labels[t - 1];
      ok = is_raw (format)
             ? import_raw_trial (mat, session, raw_names[t - 1], t, label, rate, window_s, options,
                                 error)
             : import_feature_trial (mat, session, feature, t, label, error);
    }
  g_strfreev (g_steal_pointer (&raw_names));
  return ok;
}

ScmmCorpus *
scmm_import_seed_family (const char *path, ScmmImportFormat format,
                         const ScmmImportOptions *options, GError **error)
{
  const gboolean four = is_four_class (format);
  const char *feature = options->feature ? options->feature : "de_LDS";
  if (!is_raw (format) && strcmp (feature, "de_LDS") != 0 && strcmp (feature, "de_movingAve") != 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "feature “%s”: SEED features are read as de_LDS or de_movingAve", feature);
      return NULL;
    }
  double window_s = options->window_s > 0 ? options->window_s : four ? 4.0 : 1.0;
  double rate = options->rate_hz > 0 ? options->rate_hz : four ? SEED_IV_RAW_RATE : SEED_RAW_RATE;

  g_autoptr (GArray) files = collect_files (path, format, error);
  if (files == NULL)
    return NULL;
  g_autoptr (ScmmCorpus) corpus = scmm_corpus_new (four ? "SEED-IV" : "SEED",
                                                   four ? seed_iv_classes : seed_classes,
                                                   scmm_montage_seed62, SCMM_SEED_CHANNELS,
                                                   scmm_de_bands_standard, window_s);
  g_free (corpus->importer);
  corpus->importer = g_strdup (scmm_import_format_to_string (format));
  g_free (corpus->importer_version);
  corpus->importer_version = g_strdup (SCMM_IMPORTER_VERSION);
  g_free (corpus->feature);
  corpus->feature = g_strdup (is_raw (format) ? "de" : feature);
  g_free (corpus->smoothing);
  corpus->smoothing = g_strdup (is_raw (format) ? scmm_smoothing_to_string (options->smoothing)
                                                : "source");
  /* The distributed features were computed from EEG at 200 Hz. */
  corpus->source_rate_hz = is_raw (format) ? rate : SEED_RAW_RATE;

  int seed_labels[SEED_TRIALS] = { 0 };
  if (!four && !read_seed_labels (path, corpus, options, seed_labels, error))
    return NULL;
  for (guint i = 0; i < files->len; i++)
    {
      const SeedFile *f = &g_array_index (files, SeedFile, i);
      if (!scmm_import_begin_file (options, corpus, f->path, (int) i + 1, (int) files->len, error)
          || !import_file (corpus, f, format, seed_labels, feature, rate, window_s, options,
                           error))
        return NULL;
    }
  return g_steal_pointer (&corpus);
}
