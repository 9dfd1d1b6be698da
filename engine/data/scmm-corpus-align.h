/* scmm-corpus-align.h: two corpora on their common channels.
 *
 * Cross-corpus work needs the same input channels on both sides: SEED (62)
 * with DEAP (32) is done on DEAP's 32, in DEAP's order. */
#pragma once

#include <glib.h>

#include "scmm-corpus.h"

G_BEGIN_DECLS

/* A copy of the corpus with only the channels index[0..n) in that order. */
ScmmCorpus *scmm_corpus_select_channels (const ScmmCorpus *corpus, const int *index, int n);

/* Replaces *a and *b by copies on the channels they share, in the order of
 * the one with fewer channels (b when equal). Fails, naming both, when they
 * share none. Unchanged corpora (already the same channels) are kept. */
gboolean    scmm_corpus_align           (ScmmCorpus **a, ScmmCorpus **b, GError **error);

G_END_DECLS
