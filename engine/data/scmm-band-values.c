/* scmm-band-values.c: per-channel values of one band for scalp maps. */
#include "scmm-band-values.h"

#include "scmm-error.h"

/* "<owner> has <count> <things> (0 to <count - 1>); there is no <thing> <index>" */
static gboolean
check_index (int index, int count, const char *owner, const char *things, const char *thing,
             GError **error)
{
  if (index >= 0 && index < count)
    return TRUE;
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
               "%s has %d %s (0 to %d); there is no %s %d", owner, count, things, count - 1, thing,
               index);
  return FALSE;
}

gboolean
scmm_band_values_window (const ScmmCorpus *corpus, const ScmmTrial *trial, int window, int band,
                         float *values, GError **error)
{
  g_autofree char *owner = g_strdup_printf ("trial %s of %s", trial->name, corpus->name);
  if (!check_index (band, corpus->n_bands, corpus->name, "bands", "band", error)
      || !check_index (window, trial->windows, owner, "windows", "window", error))
    return FALSE;
  const int channels = corpus->n_channels, bands = corpus->n_bands;
  const float *row = trial->de + (gsize) window * channels * bands;
  for (int c = 0; c < channels; c++)
    values[c] = row[c * bands + band];
  return TRUE;
}

/* sum [n_channels] += de[w, :, band] over the trial's windows. */
static void
add_trial_band (const ScmmCorpus *corpus, const ScmmTrial *trial, int band, double *sum)
{
  const int channels = corpus->n_channels, bands = corpus->n_bands;
  for (int w = 0; w < trial->windows; w++)
    {
      const float *row = trial->de + (gsize) w * channels * bands;
      for (int c = 0; c < channels; c++)
        sum[c] += row[c * bands + band];
    }
}

gboolean
scmm_band_values_class_mean (const ScmmCorpus *corpus, int label, int band, float *values,
                             gint64 *windows, GError **error)
{
  if (!check_index (band, corpus->n_bands, corpus->name, "bands", "band", error)
      || !check_index (label, corpus->n_classes, corpus->name, "classes", "class", error))
    return FALSE;
  g_autofree double *sum = g_new0 (double, corpus->n_channels);
  gint64 count = 0;
  for (guint s = 0; s < corpus->subjects->len; s++)
    {
      const ScmmSubject *subject = g_ptr_array_index (corpus->subjects, s);
      for (guint k = 0; k < subject->sessions->len; k++)
        {
          const ScmmSession *session = g_ptr_array_index (subject->sessions, k);
          for (guint t = 0; t < session->trials->len; t++)
            {
              const ScmmTrial *trial = g_ptr_array_index (session->trials, t);
              if (trial->label != label)
                continue;
              add_trial_band (corpus, trial, band, sum);
              count += trial->windows;
            }
        }
    }
  if (windows != NULL)
    *windows = count;
  if (count == 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "%s has no window of class “%s” to average", corpus->name,
                   corpus->class_names[label]);
      return FALSE;
    }
  for (int c = 0; c < corpus->n_channels; c++)
    values[c] = (float) (sum[c] / (double) count);
  return TRUE;
}
