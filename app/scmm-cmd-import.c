/* scmm-cmd-import.c: `scmm import`, a corpus as distributed into a store. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "scmm-cmd.h"
#include "scmm-corpus-info.h"
#include "scmm-error.h"
#include "scmm-import.h"
#include "scmm-store.h"

typedef struct {
  gboolean tty;
  gint64   started;
} Progress;

static void
show_progress (int index, int total, const char *file, gpointer user_data)
{
  Progress *p = user_data;
  if (!p->tty || total <= 0)
    return;
  g_autofree char *base = g_path_get_basename (file);
  double seconds = (g_get_monotonic_time () - p->started) / 1e6;
  g_printerr ("\r\033[K[%*d/%d] %s  (%.1f s)", total >= 10 ? 2 : 1, index, total, base, seconds);
}

static gboolean
parse_choice (const char *option, const char *value, const char *const *choices, int *out)
{
  for (int i = 0; choices[i] != NULL; i++)
    if (g_strcmp0 (value, choices[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  g_autofree char *list = g_strjoinv (", ", (char **) choices);
  g_printerr ("scmm import: %s must be one of %s, not “%s”\n", option, list, value);
  return FALSE;
}

int
scmm_cmd_import (int argc, char **argv)
{
  g_autofree char *out = NULL, *format = NULL, *data = NULL, *smoothing = NULL, *baseline = NULL;
  ScmmImportOptions options;
  scmm_import_options_init (&options);
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "The store to write", "CORPUS.h5" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "seed-features, seed-raw, seed-iv-features, seed-iv-raw, deap, npy, edf, eeglab (default: detected)", "F" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, "Replace an existing store", NULL },
    { "feature", 0, 0, G_OPTION_ARG_STRING, &options.feature, "SEED features: de_LDS (default) or de_movingAve", "NAME" },
    { "smoothing", 0, 0, G_OPTION_ARG_STRING, &smoothing, "DE from raw EEG: lds (default), moving-average or none", "S" },
    { "window-s", 0, 0, G_OPTION_ARG_DOUBLE, &options.window_s, "DE window from raw EEG in seconds (default: 1; SEED-IV 4); for npy the windows' length", "W" },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &options.rate_hz, "Sampling rate of SEED raw files (default: 200 Hz; SEED-IV 1000 Hz)", "HZ" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &options.label, "DEAP: valence (default) or arousal", "RATING" },
    { "baseline", 0, 0, G_OPTION_ARG_STRING, &baseline, "DEAP's 3-s baseline: subtract (default) or drop", "HOW" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, "npy: DE features (N, C, 5)", "X.npy" },
    { "labels", 0, 0, G_OPTION_ARG_FILENAME, &options.npy_labels, "npy: labels (N,)", "Y.npy" },
    { "trials", 0, 0, G_OPTION_ARG_FILENAME, &options.npy_trials, "npy: trial ids (N,)", "T.npy" },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &options.npy_subject, "npy: the subject", "S" },
    { "session", 0, 0, G_OPTION_ARG_STRING, &options.npy_session, "npy: the session", "K" },
    { "channels", 0, 0, G_OPTION_ARG_STRING, &options.npy_channels, "npy: seed62, deap32 or comma-separated names", "LIST" },
    { "classes", 0, 0, G_OPTION_ARG_STRING, &options.npy_classes, "npy: comma-separated class names (default 0, 1, ...)", "NAMES" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("PATH - import a corpus into a store");
  g_option_context_set_summary (context,
    "Reads a corpus as it is distributed and writes the project's HDF5 store\n"
    "(docs/corpus-store.md). The format is detected from the folder layout:\n"
    "SEED ExtractedFeatures or Preprocessed_EEG, SEED-IV eeg_feature_smooth or\n"
    "eeg_raw_data, DEAP data_preprocessed_matlab, EDF/EDF+/BDF and EEGLAB recordings.\n"
    "NumPy features are appended to a store:\n"
    "  scmm import --format npy --data X.npy --labels Y.npy --subject S --session K\n"
    "              [--trials T.npy] --channels seed62|deap32|NAMES --window-s W --out CORPUS.h5");
  g_option_context_add_main_entries (context, entries, NULL);
  int status = SCMM_EXIT_USAGE;
  g_autoptr (ScmmCorpus) existing = NULL;
  g_autoptr (ScmmCorpus) corpus = NULL;
  GError *error = NULL;
  const char *path = NULL;
  Progress progress = { isatty (fileno (stderr)), g_get_monotonic_time () };
  static const char *const smoothings[] = { "none", "lds", "moving-average", NULL };
  static const char *const baselines[] = { "subtract", "drop", NULL };
  int choice;

  if (!scmm_cmd_parse_options (context, "import", &argc, &argv, 1))
    goto out;
  if (format != NULL && !scmm_import_format_from_string (format, &options.format))
    {
      g_printerr ("scmm import: --format “%s” is not one of seed-features, seed-raw, "
                  "seed-iv-features, seed-iv-raw, deap, npy, edf, eeglab\n", format);
      goto out;
    }
  if (smoothing != NULL)
    {
      if (!parse_choice ("--smoothing", smoothing, smoothings, &choice))
        goto out;
      options.smoothing = (ScmmSmoothing) choice;
    }
  if (baseline != NULL)
    {
      if (!parse_choice ("--baseline", baseline, baselines, &choice))
        goto out;
      options.baseline = choice == 0 ? SCMM_BASELINE_SUBTRACT : SCMM_BASELINE_DROP;
    }
  if (options.format == SCMM_FORMAT_NPY)
    {
      path = data;
      options.npy_window_s = options.window_s;
    }
  else
    path = argc > 1 ? argv[1] : NULL;
  if (path == NULL || out == NULL)
    {
      g_printerr (options.format == SCMM_FORMAT_NPY
                    ? "scmm import: --data and --out are required\n"
                    : "scmm import: give the corpus folder (or file) and --out\n");
      g_printerr ("Try “scmm import --help”.\n");
      goto out;
    }
  if (options.format != SCMM_FORMAT_NPY && g_file_test (out, G_FILE_TEST_EXISTS) && !force)
    {
      g_printerr ("scmm import: %s exists; give --force to replace it (NumPy imports append "
                  "to it instead)\n", out);
      goto out;
    }

  if (options.format == SCMM_FORMAT_NPY && g_file_test (out, G_FILE_TEST_EXISTS))
    {
      existing = scmm_store_load (out, &error);
      if (existing == NULL)
        {
          status = scmm_cmd_fail (error);
          goto out;
        }
    }
  options.progress = show_progress;
  options.progress_data = &progress;
  corpus = scmm_import (path, g_steal_pointer (&existing), &options, &error);
  if (progress.tty)
    g_printerr ("\r\033[K");
  if (corpus == NULL || !scmm_store_save (corpus, out, &error))
    {
      status = scmm_cmd_fail (error);
      goto out;
    }
  {
    g_autofree char *summary = scmm_corpus_describe (corpus);
    g_print ("%s", summary);
    g_print ("written to %s in %.2f s\n", out,
             (g_get_monotonic_time () - progress.started) / 1e6);
  }
  status = EXIT_SUCCESS;

out:
  scmm_import_options_clear (&options);
  return status;
}
