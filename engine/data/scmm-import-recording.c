/* scmm-import-recording.c: raw recordings (EDF, EDF+, BDF; EEGLAB .set) into
 * a corpus of DE features.
 *
 * Each recording becomes one trial of its own subject (named after the file,
 * session "1"), unlabelled, with its events and annotations kept. All the
 * recordings of one import must share their channels. */
#include "scmm-build-config.h"
#include "scmm-import-private.h"

#include <string.h>

#include "scmm-edf.h"
#include "scmm-eeglab.h"
#include "scmm-error.h"
#include "scmm-montage.h"

static GPtrArray *
recording_files (const char *path, ScmmImportFormat format, GError **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      GPtrArray *one = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (one, g_strdup (path));
      return one;
    }
  const char *pattern = format == SCMM_FORMAT_EDF ? "\\.(edf|bdf)$" : "\\.set$";
  GPtrArray *files = scmm_import_list_files (path, pattern, error);
  if (files != NULL && files->len == 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: no %s files", path,
                   format == SCMM_FORMAT_EDF ? ".edf or .bdf" : ".set");
      g_ptr_array_unref (files);
      return NULL;
    }
  return files;
}

static char *
file_stem (const char *path)
{
  char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return base;
}

static gboolean
same_channels (const ScmmCorpus *corpus, const ScmmRecording *r, GError **error)
{
  gboolean same = corpus->n_channels == r->n_channels;
  for (int c = 0; same && c < r->n_channels; c++)
    same = scmm_channel_names_equal (corpus->channel_names[c], r->channel_names[c]);
  if (!same)
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                 "%s: its %d channels are not those of the recordings before it (%d channels, "
                 "first %s); import recordings with different montages into different stores",
                 r->source_path, r->n_channels, corpus->n_channels, corpus->channel_names[0]);
  return same;
}

static void
add_events (ScmmTrial *trial, const ScmmRecording *r)
{
  if (r->events == NULL || r->events->len == 0)
    return;
  trial->events = g_array_new (FALSE, TRUE, sizeof (ScmmTrialEvent));
  for (guint i = 0; i < r->events->len; i++)
    {
      const ScmmEvent *e = &g_array_index (r->events, ScmmEvent, i);
      ScmmTrialEvent te = { e->onset_s, e->duration_s, g_strdup (e->text ? e->text : "") };
      g_array_append_val (trial->events, te);
    }
}

ScmmCorpus *
scmm_import_recordings (const char *path, ScmmImportFormat format,
                        const ScmmImportOptions *options, GError **error)
{
  g_autoptr (GPtrArray) files = recording_files (path, format, error);
  if (files == NULL)
    return NULL;
  const double window_s = options->window_s > 0 ? options->window_s : 1.0;
  g_autoptr (ScmmCorpus) corpus = NULL;
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      if (!scmm_import_progress (options, file, (int) i + 1, (int) files->len, error))
        return NULL;
      g_autoptr (ScmmRecording) r = format == SCMM_FORMAT_EDF ? scmm_edf_read (file, error)
                                                              : scmm_eeglab_read (file, error);
      if (r == NULL)
        return NULL;
      if (corpus == NULL)
        {
          const char *no_classes[] = { NULL };
          corpus = scmm_corpus_new (format == SCMM_FORMAT_EDF ? "EDF recordings"
                                                              : "EEGLAB recordings",
                                    no_classes, (const char *const *) r->channel_names,
                                    r->n_channels, scmm_de_bands_standard, window_s);
          g_free (corpus->importer);
          corpus->importer = g_strdup (scmm_import_format_to_string (format));
          g_free (corpus->importer_version);
          corpus->importer_version = g_strdup (SCMM_IMPORTER_VERSION);
          g_free (corpus->smoothing);
          corpus->smoothing = g_strdup (scmm_smoothing_to_string (options->smoothing));
          corpus->source_rate_hz = r->rate_hz;
        }
      else if (!same_channels (corpus, r, error))
        return NULL;
      if (!scmm_import_record (corpus, file, error))
        return NULL;
      if (format == SCMM_FORMAT_EEGLAB)
        {
          /* the samples may live beside the .set, in a .fdt of the same stem */
          g_autofree char *stem = file_stem (file);
          g_autofree char *dir = g_path_get_dirname (file);
          g_autofree char *fdt_name = g_strconcat (stem, ".fdt", NULL);
          g_autofree char *fdt = g_build_filename (dir, fdt_name, NULL);
          if (g_file_test (fdt, G_FILE_TEST_IS_REGULAR) && !scmm_import_record (corpus, fdt, error))
            return NULL;
        }

      int windows = 0;
      float *de = scmm_import_de (r->data, r->n_channels, r->n_samples, r->rate_hz, window_s,
                                  options, &windows, file, error);
      if (de == NULL)
        return NULL;
      g_autofree char *stem = file_stem (file);
      ScmmSession *session = scmm_subject_session (scmm_corpus_subject (corpus, stem), "1");
      ScmmTrial *trial = scmm_session_add_trial (session, stem, -1, de, windows);
      add_events (trial, r);
    }
  return g_steal_pointer (&corpus);
}
