/* scmm-embedding-windows.h: the windows an embedding map shows.
 *
 * From an experiment's data (scmm-experiment-data.h), up to K windows of the
 * source corpus (the pre-training set) and up to K of the target corpus (all
 * target subjects' fine-tuning, validation and test sets), as the model sees
 * them: aligned channels, the experiment's classes, the experiment's
 * normalisation. Within a corpus the K are shared out evenly over its
 * classes (unlabelled windows count as one more group), a class with fewer
 * windows giving its share to the others, and drawn at random without
 * replacement: the same data and seed always give the same windows. */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "scmm-experiment-data.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_EMBEDDING_SOURCE,
  SCMM_EMBEDDING_TARGET,
  SCMM_EMBEDDING_CORPORA
} ScmmEmbeddingCorpus;

typedef struct {
  int      n;                                    /* windows, source ones first */
  int      channels;
  int      bands;
  float   *x;                                    /* [n, channels, bands] */
  guint8  *corpus;                               /* [n] ScmmEmbeddingCorpus */
  int32_t *label;                                /* [n] experiment class, -1 = unlabelled */
  int      count[SCMM_EMBEDDING_CORPORA];        /* windows of each corpus */
  char    *corpus_name[SCMM_EMBEDDING_CORPORA];
  GStrv    class_names;                          /* the experiment's */
  int      n_classes;
} ScmmEmbeddingWindows;

/* Up to per_corpus windows of each corpus (1 <= per_corpus <= 100000). An
 * experiment without pre-training (0 pre-training epochs) has no source
 * set: its windows are the target's alone. No window at all is an error. */
ScmmEmbeddingWindows *scmm_embedding_windows_pick (const ScmmExperimentData *data, int per_corpus,
                                                   uint64_t seed, GError **error);
void                  scmm_embedding_windows_free (ScmmEmbeddingWindows *windows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmEmbeddingWindows, scmm_embedding_windows_free)

G_END_DECLS
