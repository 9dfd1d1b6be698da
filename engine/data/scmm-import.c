/* scmm-import.c: format detection, dispatch, and what the importers share. */
#include "scmm-build-config.h"
#include "scmm-import-private.h"

#include <string.h>

#include "scmm-error.h"
#include "scmm-file.h"

static const char *const format_names[] = {
  [SCMM_FORMAT_AUTO] = "auto",
  [SCMM_FORMAT_SEED_FEATURES] = "seed-features",
  [SCMM_FORMAT_SEED_RAW] = "seed-raw",
  [SCMM_FORMAT_SEED_IV_FEATURES] = "seed-iv-features",
  [SCMM_FORMAT_SEED_IV_RAW] = "seed-iv-raw",
  [SCMM_FORMAT_DEAP] = "deap",
  [SCMM_FORMAT_NPY] = "npy",
  [SCMM_FORMAT_EDF] = "edf",
  [SCMM_FORMAT_EEGLAB] = "eeglab",
};

const char *
scmm_import_format_to_string (ScmmImportFormat format)
{
  g_return_val_if_fail (format <= SCMM_FORMAT_EEGLAB, "auto");
  return format_names[format];
}

gboolean
scmm_import_format_from_string (const char *name, ScmmImportFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i]) == 0)
      {
        *format = (ScmmImportFormat) i;
        return TRUE;
      }
  return FALSE;
}

void
scmm_import_options_init (ScmmImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->format = SCMM_FORMAT_AUTO;
  options->smoothing = SCMM_SMOOTH_LDS;
  options->baseline = SCMM_BASELINE_SUBTRACT;
}

void
scmm_import_options_clear (ScmmImportOptions *options)
{
  g_free (options->feature);
  g_free (options->label);
  g_free (options->npy_labels);
  g_free (options->npy_trials);
  g_free (options->npy_subject);
  g_free (options->npy_session);
  g_free (options->npy_channels);
  g_free (options->npy_classes);
  memset (options, 0, sizeof *options);
}

int
scmm_import_natural_compare (const char *a, const char *b)
{
  while (*a && *b)
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          char *ea, *eb;
          guint64 na = g_ascii_strtoull (a, &ea, 10), nb = g_ascii_strtoull (b, &eb, 10);
          if (na != nb)
            return na < nb ? -1 : 1;
          a = ea;
          b = eb;
          continue;
        }
      int ca = g_ascii_tolower (*a), cb = g_ascii_tolower (*b);
      if (ca != cb)
        return ca < cb ? -1 : 1;
      a++;
      b++;
    }
  return (*a != '\0') - (*b != '\0');
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  g_autofree char *x = g_path_get_basename (*(const char *const *) a);
  g_autofree char *y = g_path_get_basename (*(const char *const *) b);
  return scmm_import_natural_compare (x, y);
}

GPtrArray *
scmm_import_list_files (const char *dir, const char *pattern, GError **error)
{
  GDir *d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return NULL;
  g_autoptr (GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_regex_match (regex, name, 0, NULL) && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
  g_dir_close (d);
  g_ptr_array_sort (files, compare_paths);
  return files;
}

gboolean
scmm_import_progress (const ScmmImportOptions *options, const char *path, int index, int total,
                      GError **error)
{
  if (g_cancellable_set_error_if_cancelled (options->cancellable, error))
    return FALSE;
  if (options->progress != NULL)
    options->progress (index, total, path, options->progress_data);
  return TRUE;
}

gboolean
scmm_import_record (ScmmCorpus *corpus, const char *path, GError **error)
{
  gint64 bytes = 0;
  g_autofree char *sum = scmm_file_sha256 (path, &bytes, error);
  if (sum == NULL)
    return FALSE;
  scmm_corpus_add_provenance (corpus, path, sum, bytes);
  return TRUE;
}

gboolean
scmm_import_begin_file (const ScmmImportOptions *options, ScmmCorpus *corpus, const char *path,
                        int index, int total, GError **error)
{
  return scmm_import_progress (options, path, index, total, error)
         && scmm_import_record (corpus, path, error);
}

float *
scmm_import_features_from_mat (const double *m, size_t channels, size_t windows, size_t bands)
{
  float *de = g_new (float, channels * windows * bands);
  for (size_t w = 0; w < windows; w++)
    for (size_t c = 0; c < channels; c++)
      for (size_t b = 0; b < bands; b++)
        de[(w * channels + c) * bands + b] = (float) m[c + channels * (w + windows * b)];
  return de;
}

float *
scmm_import_signal_from_mat (const double *m, size_t channels, size_t samples)
{
  float *x = g_new (float, channels * samples);
  for (size_t n = 0; n < samples; n++)
    for (size_t c = 0; c < channels; c++)
      x[c * samples + n] = (float) m[c + channels * n];
  return x;
}

float *
scmm_import_de (const float *signal, int channels, gint64 samples, double rate_hz,
                double window_s, const ScmmImportOptions *options, int *windows,
                const char *what, GError **error)
{
  ScmmDeConfig config = scmm_de_config_default ();
  config.window_s = window_s;
  g_autoptr (GError) local = NULL;
  float *de = scmm_de_extract (signal, channels, samples, rate_hz, &config, windows, &local);
  if (de == NULL)
    {
      g_set_error (error, SCMM_ERROR, local->code, "%s: %s", what, local->message);
      return NULL;
    }
  scmm_de_smooth (de, *windows, channels, SCMM_DE_BANDS, options->smoothing,
                  config.moving_average);
  return de;
}

static gboolean
is_dir (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

static char *
child (const char *dir, const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* The first .mat file of a folder matching the SEED naming, or NULL. */
static char *
first_seed_file (const char *dir)
{
  g_autoptr (GPtrArray) files = scmm_import_list_files (dir, "^[0-9]+_[0-9]+\\.mat$", NULL);
  if (files == NULL || files->len == 0)
    return NULL;
  return g_strdup (g_ptr_array_index (files, 0));
}

/* Whether a SEED-layout .mat holds features (de_LDS1) or raw signals (*_eeg1). */
static ScmmImportFormat
peek_seed_file (const char *file, gboolean four_class)
{
  g_autoptr (ScmmMat) mat = scmm_mat_open (file, NULL);
  if (mat == NULL)
    return SCMM_FORMAT_AUTO;
  g_auto (GStrv) vars = scmm_mat_variables (mat, NULL);
  for (int i = 0; vars != NULL && vars[i] != NULL; i++)
    {
      if (g_str_has_prefix (vars[i], "de_LDS") || g_str_has_prefix (vars[i], "de_movingAve"))
        return four_class ? SCMM_FORMAT_SEED_IV_FEATURES : SCMM_FORMAT_SEED_FEATURES;
      if (g_regex_match_simple ("^[A-Za-z]+_eeg[0-9]+$", vars[i], 0, 0))
        return four_class ? SCMM_FORMAT_SEED_IV_RAW : SCMM_FORMAT_SEED_RAW;
    }
  return SCMM_FORMAT_AUTO;
}

static ScmmImportFormat
detect_dir (const char *path)
{
  /* SEED-IV: session folders 1, 2, 3 of SEED-layout files. */
  g_autofree char *session1 = child (path, "1");
  if (is_dir (session1))
    {
      g_autofree char *file = first_seed_file (session1);
      if (file != NULL)
        return peek_seed_file (file, TRUE);
    }
  /* SEED: SEED-layout files beside label.mat. */
  g_autofree char *label = child (path, "label.mat");
  if (g_file_test (label, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *file = first_seed_file (path);
      if (file != NULL)
        return peek_seed_file (file, FALSE);
    }
  /* DEAP: s01.mat ... */
  g_autoptr (GPtrArray) deap = scmm_import_list_files (path, "^s[0-9]+\\.mat$", NULL);
  if (deap != NULL && deap->len > 0)
    return SCMM_FORMAT_DEAP;
  g_autoptr (GPtrArray) edf = scmm_import_list_files (path, "\\.(edf|bdf)$", NULL);
  if (edf != NULL && edf->len > 0)
    return SCMM_FORMAT_EDF;
  g_autoptr (GPtrArray) set = scmm_import_list_files (path, "\\.set$", NULL);
  if (set != NULL && set->len > 0)
    return SCMM_FORMAT_EEGLAB;
  return SCMM_FORMAT_AUTO;
}

/* Folders one level up the distributions' trees lead to the right one. */
static const char *const known_subfolders[] = {
  "ExtractedFeatures", "Preprocessed_EEG", "eeg_feature_smooth", "eeg_raw_data",
  "data_preprocessed_matlab",
};

ScmmImportFormat
scmm_import_detect (const char *path, GError **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (g_regex_match_simple ("\\.(edf|bdf)$", path, G_REGEX_CASELESS, 0))
        return SCMM_FORMAT_EDF;
      if (g_regex_match_simple ("\\.set$", path, G_REGEX_CASELESS, 0))
        return SCMM_FORMAT_EEGLAB;
      if (g_regex_match_simple ("\\.npy$", path, G_REGEX_CASELESS, 0))
        return SCMM_FORMAT_NPY;
    }
  else if (is_dir (path))
    {
      ScmmImportFormat format = detect_dir (path);
      for (guint i = 0; format == SCMM_FORMAT_AUTO && i < G_N_ELEMENTS (known_subfolders); i++)
        {
          g_autofree char *sub = child (path, known_subfolders[i]);
          if (is_dir (sub))
            format = detect_dir (sub);
        }
      if (format != SCMM_FORMAT_AUTO)
        return format;
    }
  else
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: no such file or folder", path);
      return SCMM_FORMAT_AUTO;
    }
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
               "%s: not a corpus this program knows (SEED ExtractedFeatures or "
               "Preprocessed_EEG, SEED-IV eeg_feature_smooth or eeg_raw_data, DEAP "
               "data_preprocessed_matlab, EDF/BDF, EEGLAB .set, .npy); name the format with "
               "--format if it is one of them", path);
  return SCMM_FORMAT_AUTO;
}

/* For a folder given one level above the data (SEED/ rather than
 * SEED/ExtractedFeatures/), the folder that holds it. */
static char *
data_folder (const char *path, ScmmImportFormat format)
{
  static const struct { ScmmImportFormat format; const char *sub; } subs[] = {
    { SCMM_FORMAT_SEED_FEATURES, "ExtractedFeatures" },
    { SCMM_FORMAT_SEED_RAW, "Preprocessed_EEG" },
    { SCMM_FORMAT_SEED_IV_FEATURES, "eeg_feature_smooth" },
    { SCMM_FORMAT_SEED_IV_RAW, "eeg_raw_data" },
    { SCMM_FORMAT_DEAP, "data_preprocessed_matlab" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
    if (subs[i].format == format && detect_dir (path) == SCMM_FORMAT_AUTO)
      {
        char *sub = child (path, subs[i].sub);
        if (is_dir (sub))
          return sub;
        g_free (sub);
      }
  return g_strdup (path);
}

ScmmCorpus *
scmm_import (const char *path, ScmmCorpus *into, const ScmmImportOptions *options,
             GError **error)
{
  ScmmImportFormat format = options->format;
  if (format == SCMM_FORMAT_AUTO)
    {
      format = scmm_import_detect (path, error);
      if (format == SCMM_FORMAT_AUTO)
        {
          scmm_corpus_free (into);
          return NULL;
        }
    }
  if (format != SCMM_FORMAT_NPY && into != NULL)
    {
      scmm_corpus_free (into);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "only NumPy arrays are appended to an existing store; write %s to a new one",
                   path);
      return NULL;
    }
  g_autofree char *folder = data_folder (path, format);
  switch (format)
    {
    case SCMM_FORMAT_SEED_FEATURES:
    case SCMM_FORMAT_SEED_RAW:
    case SCMM_FORMAT_SEED_IV_FEATURES:
    case SCMM_FORMAT_SEED_IV_RAW:
      return scmm_import_seed_family (folder, format, options, error);
    case SCMM_FORMAT_DEAP:
      return scmm_import_deap (folder, options, error);
    case SCMM_FORMAT_NPY:
      return scmm_import_npy (path, into, options, error);
    case SCMM_FORMAT_EDF:
    case SCMM_FORMAT_EEGLAB:
      return scmm_import_recordings (path, format, options, error);
    case SCMM_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}
