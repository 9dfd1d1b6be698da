/* scmm-store.h: the corpus store, one HDF5 file per corpus (docs/corpus-store.md).
 *
 *   /                      attributes: format = "scmm-corpus", format_version = 1,
 *                          program, name, importer, importer_version, feature,
 *                          smoothing, window_s, source_rate_hz
 *   /class_names           strings [K]
 *   /channel_names         strings [C] (normalised 10-05 names)
 *   /band_names            strings [5]
 *   /band_edges_hz         float64 [5, 2]
 *   /rating_names          strings [R] (when the corpus has ratings)
 *   /provenance/path       strings [P]: the source files,
 *   /provenance/sha256     strings [P]: their SHA-256,
 *   /provenance/bytes      float64 [P]: their sizes
 *   /subjects/<subject>/<session>/<trial>/
 *                          attributes: index (order), label (-1 = none);
 *                          de float32 [W, C, 5]; ratings float32 [R];
 *                          events/onset_s, events/duration_s float64 [E], events/text strings [E]
 *   subject and session groups carry an `index` attribute too.
 * Datasets are contiguous and read whole. Saving writes a temporary file and
 * renames it, so a store is never left half-written. Loading checks every
 * shape, label and value and names the file and the dataset when one is wrong. */
#pragma once

#include <glib.h>

#include "scmm-corpus.h"

G_BEGIN_DECLS

#define SCMM_STORE_FORMAT         "scmm-corpus"
#define SCMM_STORE_FORMAT_VERSION 1

gboolean    scmm_store_save (const ScmmCorpus *corpus, const char *path, GError **error);
ScmmCorpus *scmm_store_load (const char *path, GError **error);

/* Whether `path` looks like a corpus store (an HDF5 file with format "scmm-corpus"). */
gboolean    scmm_store_is_store (const char *path);

G_END_DECLS
