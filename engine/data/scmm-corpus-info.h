/* scmm-corpus-info.h: what `scmm info` prints about a corpus. */
#pragma once

#include <glib.h>

#include "scmm-corpus.h"

G_BEGIN_DECLS

/* A few lines for a person. */
char *scmm_corpus_describe (const ScmmCorpus *corpus);
/* One JSON object: name, importer, feature, smoothing, subjects, sessions,
 * trials, windows, channels, bands, window_s, source_rate_hz, classes (name
 * and window count of each), unlabelled_windows, channel_names, band_edges_hz,
 * source_files. */
char *scmm_corpus_to_json  (const ScmmCorpus *corpus);

G_END_DECLS
