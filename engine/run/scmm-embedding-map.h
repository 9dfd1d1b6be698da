/* scmm-embedding-map.h: the embedding map of a run (issue 6, view 7).
 *
 * The same windows of the source and the target corpus
 * (scmm-embedding-windows.h) through the encoder twice: as the run
 * initialised it ("before pre-training": the model of the run's seed, the
 * method's pre-training stream, exactly what pre-training started from) and
 * as pre-training left it (<method>/pretrained.h5). Each set of encoder
 * outputs h (eval mode, scmm-encoder-features.h) is projected to 2-D: PCA,
 * fitted on each model's h separately (the two maps' axes are each model's
 * own principal directions, so compare their shapes, not their
 * coordinates), or exact t-SNE, started from the same seed for both. With
 * the maps, numbers that say what they show: PCA's explained-variance
 * ratios, and the k-nearest-neighbour purity of the corpora (how separate
 * the two corpora are; chance when they are mixed) and of the target's
 * classes, measured in h itself and in the 2-D map.
 *
 * Pure engine: no GTK. The work runs on the caller's thread; a progress
 * callback reports it and can cancel it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "scmm-embedding-windows.h"
#include "scmm-experiment.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_EMBEDDING_PCA,
  SCMM_EMBEDDING_TSNE,
} ScmmEmbeddingProjection;

typedef enum {
  SCMM_EMBEDDING_BEFORE,     /* the model as the run initialised it */
  SCMM_EMBEDDING_AFTER,      /* the pre-trained model */
  SCMM_EMBEDDING_MODELS
} ScmmEmbeddingModel;

typedef enum {
  SCMM_EMBEDDING_STAGE_LOADING,     /* opening the corpora, picking the windows, the models */
  SCMM_EMBEDDING_STAGE_ENCODING,    /* h of both models */
  SCMM_EMBEDDING_STAGE_PROJECTING,  /* PCA or t-SNE of one model's h */
  SCMM_EMBEDDING_STAGE_MEASURING,   /* the neighbour purities */
} ScmmEmbeddingStage;

/* Windows per corpus at most (PCA); t-SNE takes SCMM_TSNE_MAX_POINTS / 2. */
#define SCMM_EMBEDDING_MAP_MAX_PER_CORPUS 5000

typedef struct {
  ScmmEmbeddingProjection projection;   /* PCA */
  int                     per_corpus;   /* 500 windows of each corpus */
  uint64_t                seed;         /* 42: the windows drawn and t-SNE's start */
  int                     neighbours;   /* 10: k of the purities */
  double                  perplexity;   /* 30: t-SNE's, lowered to (n - 1) / 3 for few points */
} ScmmEmbeddingMapOptions;

ScmmEmbeddingMapOptions scmm_embedding_map_options_default (void);
/* Whether compute takes the options: a known projection, windows per
 * corpus, neighbours and perplexity in range (SCMM_ERROR_INVALID_ARGUMENT
 * says which is not). */
gboolean                scmm_embedding_map_options_check   (const ScmmEmbeddingMapOptions *options,
                                                            GError **error);

typedef struct {
  ScmmEmbeddingWindows   *windows;     /* the points: their corpus and class, source first */
  char                   *method_name; /* "scmm", ... */
  int                     hidden;      /* h's dimension */
  float                  *h[SCMM_EMBEDDING_MODELS];   /* [windows->n, hidden] */

  /* The options of the last projection, per_corpus that of the windows
   * (seed: the windows' when only compute projected them; t-SNE's start). */
  ScmmEmbeddingMapOptions options;
  float                  *xy[SCMM_EMBEDDING_MODELS];  /* [windows->n, 2] */
  /* PCA: the share of h's total variance along each axis; NAN for t-SNE. */
  double                  variance_ratio[SCMM_EMBEDDING_MODELS][2];
  /* k-NN purity of the corpora over every window, of the classes over the
   * target's labelled windows; in h and in the map. NAN when there is only
   * one corpus, or fewer than two classes or k + 1 such windows. */
  double                  corpus_purity_h[SCMM_EMBEDDING_MODELS];
  double                  corpus_purity_map[SCMM_EMBEDDING_MODELS];
  double                  corpus_purity_chance;
  double                  class_purity_h[SCMM_EMBEDDING_MODELS];
  double                  class_purity_map[SCMM_EMBEDDING_MODELS];
  double                  class_purity_chance;
} ScmmEmbeddingMap;

/* fraction: of the whole call, 0 to 1. Returning FALSE stops the work with
 * SCMM_ERROR_CANCELLED (t-SNE stops within SCMM_TSNE_REPORT_EVERY iterations). */
typedef gboolean (*ScmmEmbeddingProgress) (ScmmEmbeddingStage stage, ScmmEmbeddingModel model,
                                           double fraction, gpointer user_data);

/* The map of a run folder's method (NULL: the first of the config's methods
 * that has a pretrained.h5): its config.ini and <method>/pretrained.h5.
 * progress may be NULL. */
ScmmEmbeddingMap *scmm_embedding_map_compute_run (const char *run_dir, const char *method_name,
                                                  const ScmmEmbeddingMapOptions *options,
                                                  ScmmEmbeddingProgress progress,
                                                  gpointer user_data, GError **error);
/* The same from an experiment, one of its methods (it decides the "before"
 * model's initialisation) and the pre-trained model's checkpoint. */
ScmmEmbeddingMap *scmm_embedding_map_compute     (const ScmmExperiment *experiment,
                                                  const char *method_name,
                                                  const char *model_path,
                                                  const ScmmEmbeddingMapOptions *options,
                                                  ScmmEmbeddingProgress progress,
                                                  gpointer user_data, GError **error);
/* Projects the map's h again with other options (a PCA map made a t-SNE
 * one): the windows stay those the map was computed with (per_corpus is not
 * looked at; the seed only starts t-SNE). On failure (cancelled) the map
 * keeps its previous projection. */
gboolean          scmm_embedding_map_project     (ScmmEmbeddingMap *map,
                                                  const ScmmEmbeddingMapOptions *options,
                                                  ScmmEmbeddingProgress progress,
                                                  gpointer user_data, GError **error);

/* "before" / "after". */
const char       *scmm_embedding_model_to_string (ScmmEmbeddingModel model);
/* "pca" / "tsne"; from_string also takes "t-sne". */
const char       *scmm_embedding_projection_to_string   (ScmmEmbeddingProjection projection);
gboolean          scmm_embedding_projection_from_string (const char *name,
                                                         ScmmEmbeddingProjection *projection);

/* The points as CSV, C locale: the header "model,corpus,class,x,y", then a
 * row per window and model (the "before" rows first): model "before" or
 * "after", corpus "source" or "target", the class name (empty when
 * unlabelled; quoted when it holds a comma or a quote). */
char             *scmm_embedding_map_to_csv      (const ScmmEmbeddingMap *map);
/* A deep copy (to project again on another thread while the map is shown). */
ScmmEmbeddingMap *scmm_embedding_map_copy        (const ScmmEmbeddingMap *map);
/* A few lines for people: the windows, the projection, the variance ratios
 * and the purities. */
char             *scmm_embedding_map_describe    (const ScmmEmbeddingMap *map);
void              scmm_embedding_map_free        (ScmmEmbeddingMap *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmEmbeddingMap, scmm_embedding_map_free)

G_END_DECLS
