/* scmm-import.h: corpora as distributed, into the corpus model (then the store).
 *
 * Formats, detected from the folder layout (or forced):
 *   seed-features     SEED/ExtractedFeatures: <subject>_<yyyymmdd>.mat with de_LDS1..15
 *                     (or de_movingAve*), label.mat; a subject's dates sorted = sessions
 *   seed-raw          SEED/Preprocessed_EEG: <initials>_eeg1..15, 62 x N at 200 Hz,
 *                     label.mat; DE at 1-s windows
 *   seed-iv-features  SEED_IV/eeg_feature_smooth/{1,2,3}/: de_LDS1..24, 4-s windows,
 *                     sessions from the folder names, labels from the session tables
 *   seed-iv-raw       SEED_IV/eeg_raw_data/{1,2,3}/: <initials>_eeg1..24; DE at 4-s windows
 *   deap              DEAP/data_preprocessed_matlab/s01..s32.mat: 32 EEG channels at
 *                     128 Hz, 3-s baseline, DE at 1-s windows, ratings binarised at 5
 *   npy               NumPy arrays of DE features (N, C, F), labels (N,), optional trials
 *   edf               EDF / EDF+ / BDF recordings (a file or a folder of them)
 *   eeglab            EEGLAB .set (+ .fdt) recordings (a file or a folder of them)
 * Every importer reports progress per file, can be cancelled between files,
 * and records every source file with its SHA-256. */
#pragma once

#include <gio/gio.h>
#include <glib.h>

#include "scmm-corpus.h"
#include "scmm-de.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_FORMAT_AUTO,
  SCMM_FORMAT_SEED_FEATURES,
  SCMM_FORMAT_SEED_RAW,
  SCMM_FORMAT_SEED_IV_FEATURES,
  SCMM_FORMAT_SEED_IV_RAW,
  SCMM_FORMAT_DEAP,
  SCMM_FORMAT_NPY,
  SCMM_FORMAT_EDF,
  SCMM_FORMAT_EEGLAB,
} ScmmImportFormat;

typedef enum {
  SCMM_BASELINE_SUBTRACT,   /* DE of each trial window minus the mean DE of the baseline */
  SCMM_BASELINE_DROP,       /* the baseline seconds are dropped, nothing subtracted */
} ScmmBaseline;

/* Called before each file: index from 1 to total. */
typedef void (*ScmmImportProgress) (int index, int total, const char *file, gpointer user_data);

typedef struct {
  ScmmImportFormat   format;
  char              *feature;         /* seed/seed-iv features: "de_LDS" (default) or "de_movingAve" */
  ScmmSmoothing      smoothing;       /* raw sources: LDS by default, like the distributed features */
  double             window_s;        /* raw sources: 0 = the corpus' own (1 s; SEED-IV 4 s) */
  double             rate_hz;         /* seed-iv-raw: 0 = 1000 Hz; seed-raw: 0 = 200 Hz */
  char              *label;           /* deap: "valence" (default) or "arousal" */
  ScmmBaseline       baseline;        /* deap */
  /* npy */
  char              *npy_labels;
  char              *npy_trials;
  char              *npy_subject;
  char              *npy_session;
  char              *npy_channels;    /* "seed62", "deap32" or comma-separated names */
  char              *npy_classes;     /* comma-separated class names; default "0", "1", ... */
  double             npy_window_s;
  ScmmImportProgress progress;
  gpointer           progress_data;
  GCancellable      *cancellable;
} ScmmImportOptions;

void             scmm_import_options_init  (ScmmImportOptions *options);
void             scmm_import_options_clear (ScmmImportOptions *options);

const char      *scmm_import_format_to_string   (ScmmImportFormat format);
gboolean         scmm_import_format_from_string (const char *name, ScmmImportFormat *format);

/* The format of a folder (or file), from its layout and a look inside. */
ScmmImportFormat scmm_import_detect (const char *path, GError **error);

/* Imports `path` (for npy: the data file). For npy, `into` (may be NULL) is
 * an existing corpus to append to; it is consumed and returned (or freed on
 * error). For other formats `into` must be NULL. */
ScmmCorpus      *scmm_import (const char *path, ScmmCorpus *into, const ScmmImportOptions *options,
                              GError **error);

G_END_DECLS
