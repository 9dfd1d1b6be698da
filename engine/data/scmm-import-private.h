/* scmm-import-private.h: what the importers share (not part of the engine's API). */
#pragma once

#include "scmm-import.h"
#include "scmm-mat.h"

G_BEGIN_DECLS

#define SCMM_IMPORTER_VERSION "scmm-studio " SCMM_VERSION

/* Files of `dir` whose base name matches `pattern` (a GRegex), sorted
 * naturally (numbers compare as numbers), as full paths. */
GPtrArray  *scmm_import_list_files (const char *dir, const char *pattern, GError **error);
/* Natural order: "s2" < "s10". */
int         scmm_import_natural_compare (const char *a, const char *b);

/* Reports progress on file `index` of `total` and checks cancellation. */
gboolean    scmm_import_progress   (const ScmmImportOptions *options, const char *path, int index,
                                    int total, GError **error);
/* Records a source file with its SHA-256 in the corpus' provenance. */
gboolean    scmm_import_record     (ScmmCorpus *corpus, const char *path, GError **error);
/* Both. */
gboolean    scmm_import_begin_file (const ScmmImportOptions *options, ScmmCorpus *corpus,
                                    const char *path, int index, int total, GError **error);

/* [W, C, F] floats from a C x W x F column-major MATLAB array. */
float      *scmm_import_features_from_mat (const double *m, size_t channels, size_t windows,
                                           size_t bands);
/* [C, N] floats from a C x N column-major MATLAB array. */
float      *scmm_import_signal_from_mat (const double *m, size_t channels, size_t samples);

/* DE [W, C, 5] of a [C, N] signal with the options' smoothing. */
float      *scmm_import_de (const float *signal, int channels, gint64 samples, double rate_hz,
                            double window_s, const ScmmImportOptions *options, int *windows,
                            const char *what, GError **error);

ScmmCorpus *scmm_import_seed_family (const char *path, ScmmImportFormat format,
                                     const ScmmImportOptions *options, GError **error);
ScmmCorpus *scmm_import_deap        (const char *path, const ScmmImportOptions *options,
                                     GError **error);
ScmmCorpus *scmm_import_npy         (const char *path, ScmmCorpus *into,
                                     const ScmmImportOptions *options, GError **error);
ScmmCorpus *scmm_import_recordings  (const char *path, ScmmImportFormat format,
                                     const ScmmImportOptions *options, GError **error);

G_END_DECLS
