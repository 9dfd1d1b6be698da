/* scmm-band-values.h: one band's DE value per channel, as a scalp map shows
 * it: one window of one trial, or the mean over every window of a class.
 *
 * The values are the corpus' own (raw DE, not min-max scaled), in the
 * corpus' channel order (corpus->channel_names), ready for
 * scmm_topomap_render. */
#pragma once

#include <glib.h>

#include "scmm-corpus.h"

G_BEGIN_DECLS

/* values [n_channels] = trial->de[window, :, band]. */
gboolean scmm_band_values_window     (const ScmmCorpus *corpus, const ScmmTrial *trial,
                                      int window, int band, float *values, GError **error);

/* values [n_channels]: the mean of de[w, :, band] over all windows of all
 * trials labelled `label` (every subject and session); *windows (may be
 * NULL) is how many windows went into it. A class without windows is an
 * error. */
gboolean scmm_band_values_class_mean (const ScmmCorpus *corpus, int label, int band,
                                      float *values, gint64 *windows, GError **error);

G_END_DECLS
