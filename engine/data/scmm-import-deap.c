/* scmm-import-deap.c: DEAP's data_preprocessed_matlab (DATASETS.md).
 *
 * s01.mat ... s32.mat: data 40 x 40 x 8064 (trial x channel x sample) at
 * 128 Hz, of which channels 0-31 are EEG in Geneva order; each trial starts
 * with a 3-s baseline. labels 40 x 4: valence, arousal, dominance, liking,
 * rated 1 to 9. The whole trial (baseline included) is band-passed, cut into
 * 1-s windows, and the baseline windows are either subtracted (their mean DE
 * per channel and band) or dropped. Classes: a rating above 5 is high. */
#include "scmm-build-config.h"
#include "scmm-import-private.h"

#include <string.h>

#include "scmm-error.h"
#include "scmm-montage.h"

#define DEAP_RATE        128.0
#define DEAP_BASELINE_S  3
#define DEAP_EEG         32
#define DEAP_RATINGS     4

static const char *const rating_names[] = { "valence", "arousal", "dominance", "liking", NULL };

static int
rating_index (const char *label)
{
  for (int i = 0; rating_names[i] != NULL; i++)
    if (g_strcmp0 (label, rating_names[i]) == 0)
      return i;
  return -1;
}

/* [W, C, 5] of the trial windows after the baseline ones, with the baseline
 * handled; `de` holds all windows of the trial. */
static float *
handle_baseline (const float *de, int windows, int baseline_windows, ScmmBaseline baseline,
                 int *kept)
{
  const int per_window = DEAP_EEG * SCMM_DE_BANDS;
  *kept = windows - baseline_windows;
  float *out = g_new (float, (gsize) *kept * per_window);
  memcpy (out, de + (gsize) baseline_windows * per_window, sizeof (float) * *kept * per_window);
  if (baseline == SCMM_BASELINE_SUBTRACT)
    for (int j = 0; j < per_window; j++)
      {
        double mean = 0.0;
        for (int w = 0; w < baseline_windows; w++)
          mean += de[(gsize) w * per_window + j];
        mean /= baseline_windows;
        for (int w = 0; w < *kept; w++)
          out[(gsize) w * per_window + j] -= (float) mean;
      }
  return out;
}

static gboolean
import_subject (ScmmCorpus *corpus, const char *path, const char *subject_name, int label_index,
                const ScmmImportOptions *options, GError **error)
{
  g_autoptr (ScmmMat) mat = scmm_mat_open (path, error);
  if (mat == NULL)
    return FALSE;
  int rank;
  size_t dims[4], ldims[4];
  g_autofree double *data = scmm_mat_read_doubles (mat, "data", &rank, dims, FALSE, error);
  if (data == NULL)
    return FALSE;
  const size_t trials = dims[0], channels = dims[1], samples = dims[2];
  const size_t baseline_samples = (size_t) (DEAP_BASELINE_S * DEAP_RATE);
  if (rank != 3 || channels < DEAP_EEG || samples <= baseline_samples + (size_t) DEAP_RATE)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: variable “data” is %zu x %zu x %zu, expected trials x 40 x samples "
                   "(32 EEG channels first, more than 4 s of samples at 128 Hz)", path, dims[0],
                   dims[1], rank > 2 ? dims[2] : 1);
      return FALSE;
    }
  g_autofree double *labels = scmm_mat_read_doubles (mat, "labels", &rank, ldims, FALSE, error);
  if (labels == NULL)
    return FALSE;
  if (rank != 2 || ldims[0] != trials || ldims[1] < DEAP_RATINGS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: variable “labels” is %zu x %zu, expected %zu x 4", path, ldims[0],
                   ldims[1], trials);
      return FALSE;
    }

  ScmmSession *session = scmm_subject_session (scmm_corpus_subject (corpus, subject_name), "1");
  g_autofree float *signal = g_new (float, DEAP_EEG * samples);
  for (size_t t = 0; t < trials; t++)
    {
      /* element (t, c, s) of the trials x channels x samples array */
      for (size_t c = 0; c < DEAP_EEG; c++)
        for (size_t s = 0; s < samples; s++)
          signal[c * samples + s] = (float) data[t + trials * (c + channels * s)];
      g_autofree char *what = g_strdup_printf ("%s: trial %zu", path, t + 1);
      int windows = 0;
      g_autofree float *de = scmm_import_de (signal, DEAP_EEG, (gint64) samples, DEAP_RATE, 1.0,
                                             options, &windows, what, error);
      if (de == NULL)
        return FALSE;
      int kept = 0;
      float *trial_de = handle_baseline (de, windows, DEAP_BASELINE_S, options->baseline, &kept);
      double rating = labels[t + trials * label_index];
      g_autofree char *name = g_strdup_printf ("%zu", t + 1);
      ScmmTrial *trial = scmm_session_add_trial (session, name, rating > 5.0 ? 1 : 0, trial_de,
                                                 kept);
      trial->ratings = g_new (float, DEAP_RATINGS);
      for (int r = 0; r < DEAP_RATINGS; r++)
        trial->ratings[r] = (float) labels[t + trials * r];
    }
  return TRUE;
}

ScmmCorpus *
scmm_import_deap (const char *path, const ScmmImportOptions *options, GError **error)
{
  const char *label = options->label ? options->label : "valence";
  int label_index = rating_index (label);
  if (label_index < 0 || label_index > 1)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "DEAP labels are “valence” or “arousal”, not “%s”", label);
      return NULL;
    }
  g_autoptr (GPtrArray) files = scmm_import_list_files (path, "^s[0-9]+\\.mat$", error);
  if (files == NULL)
    return NULL;
  if (files->len == 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: no s01.mat ... s32.mat files",
                   path);
      return NULL;
    }
  g_autofree char *low = g_strdup_printf ("low %s", label);
  g_autofree char *high = g_strdup_printf ("high %s", label);
  const char *classes[] = { low, high, NULL };
  g_autoptr (ScmmCorpus) corpus = scmm_corpus_new ("DEAP", classes, scmm_montage_deap32,
                                                   SCMM_DEAP_CHANNELS, scmm_de_bands_standard, 1.0);
  g_free (corpus->importer);
  corpus->importer = g_strdup ("deap");
  g_free (corpus->importer_version);
  corpus->importer_version = g_strdup (SCMM_IMPORTER_VERSION);
  g_free (corpus->smoothing);
  corpus->smoothing = g_strdup (scmm_smoothing_to_string (options->smoothing));
  corpus->source_rate_hz = DEAP_RATE;
  scmm_corpus_set_ratings (corpus, rating_names);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *base = g_path_get_basename (file);
      /* s01.mat -> subject "1" */
      g_autofree char *subject = g_strdup_printf ("%d", atoi (base + 1));
      if (!scmm_import_begin_file (options, corpus, file, (int) i + 1, (int) files->len, error)
          || !import_subject (corpus, file, subject, label_index, options, error))
        return NULL;
    }
  return g_steal_pointer (&corpus);
}
