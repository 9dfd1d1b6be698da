/* scmm-embedding-view.h: the embedding map of a run, before and after pre-training
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two scatter plots side by side, "Before pre-training" and "After
 * pre-training": the same windows of the source and the target corpus
 * through the run's initial encoder and through its pre-trained one,
 * projected to 2-D by the engine (engine/run/scmm-embedding-map.h: PCA
 * fitted per model, or t-SNE from one seed), with equal axes. Controls:
 * the projection, the colouring (by corpus: one colour each; by class: a
 * colour per class, the source's markers filled and the target's hollow),
 * the windows per corpus, Compute and Cancel. The computation runs in a
 * GTask thread with a progress bar; the main loop never waits for it. A
 * caption says what the maps show, with the numbers measured: how much of
 * h's variance the PCA axes hold, and how separate the corpora are (the
 * k-nearest-neighbour corpus purity in h, before against after).
 *
 * Properties: "projection" (ScmmEmbeddingProjection), "colour-by"
 * (ScmmEmbeddingColour), "per-corpus" (windows), "computing" (read-only).
 */
#pragma once

#include <gtk/gtk.h>

#include "gl/scmm-figure.h"
#include "scmm-embedding-map.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_EMBEDDING_COLOUR_BY_CORPUS,
  SCMM_EMBEDDING_COLOUR_BY_CLASS,
} ScmmEmbeddingColour;

#define SCMM_TYPE_EMBEDDING_VIEW (scmm_embedding_view_get_type ())
G_DECLARE_FINAL_TYPE (ScmmEmbeddingView, scmm_embedding_view, SCMM, EMBEDDING_VIEW, GtkWidget)

GtkWidget              *scmm_embedding_view_new            (void);
/* The run folder whose map is shown, and its method (NULL: the first one
 * with a pretrained.h5). Cancels a computation going on and clears the
 * maps; nothing is computed until Compute (scmm_embedding_view_compute).
 * NULL path: no run. */
void                    scmm_embedding_view_set_run_folder (ScmmEmbeddingView *view,
                                                            const char        *path,
                                                            const char        *method_name);
/* What the Compute button does: the map of the run folder with the chosen
 * projection and windows, in a thread. When a map of the same windows is
 * there already, only the projection is done again. */
void                    scmm_embedding_view_compute        (ScmmEmbeddingView *view);
/* Stops a computation going on; the maps shown stay. */
void                    scmm_embedding_view_cancel         (ScmmEmbeddingView *view);
gboolean                scmm_embedding_view_is_computing   (ScmmEmbeddingView *view);

/* Also the properties. The projection set here applies at the next
 * Compute (the drop-down, a user's choice, projects a map shown again at
 * once); changing the colouring only redraws. */
void                    scmm_embedding_view_set_projection (ScmmEmbeddingView       *view,
                                                            ScmmEmbeddingProjection  projection);
ScmmEmbeddingProjection scmm_embedding_view_get_projection (ScmmEmbeddingView       *view);
void                    scmm_embedding_view_set_colour_by  (ScmmEmbeddingView       *view,
                                                            ScmmEmbeddingColour      colour);
ScmmEmbeddingColour     scmm_embedding_view_get_colour_by  (ScmmEmbeddingView       *view);
void                    scmm_embedding_view_set_per_corpus (ScmmEmbeddingView       *view,
                                                            int                      per_corpus);
int                     scmm_embedding_view_get_per_corpus (ScmmEmbeddingView       *view);

/* The map shown (NULL before the first one), its figures and the caption
 * under them. */
const ScmmEmbeddingMap *scmm_embedding_view_get_map        (ScmmEmbeddingView       *view);
ScmmFigure             *scmm_embedding_view_get_figure     (ScmmEmbeddingView       *view,
                                                            ScmmEmbeddingModel       model);
const char             *scmm_embedding_view_get_caption    (ScmmEmbeddingView       *view);

G_END_DECLS
