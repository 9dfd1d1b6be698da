/* scmm-teach-page.h: the Teach page: one SCMM pre-training step, stage by
 * stage, on a real batch
 *
 * The pipeline diagram (ScmmPipelineDiagram) with the current stage lit;
 * under it the stage's formula, a plain explanation, the live numbers and
 * the stage's actual tensors (the snapshot views and figures, linked: the
 * sample selected in one is selected in the others). The settings of the
 * batch (mask mode, r, delta, alpha, sigma, tau) recompute it at once
 * (ScmmTeachSession, no training); Train runs real pre-training steps on a
 * worker thread. Keys for a presenter's clicker: Right, Page Down, Space:
 * next stage; Left, Page Up, BackSpace: previous; Home, End: first, last;
 * P, Return: play (the next stage every few seconds); T: train. The page
 * sees the stage keys before its widgets do: Page Down / Page Up wherever
 * the focus is in the page (a spin button too), the others unless a field
 * is being edited; Escape leaves the field (the focus goes to the diagram,
 * as when the page is shown); b and period, the blank-screen keys of some
 * clickers, are ignored.
 *
 * Actions (group "teach"): teach.next, teach.previous, teach.first,
 * teach.last, teach.play, teach.train, teach.stop, teach.reset,
 * teach.load-model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "scmm-experiment.h"
#include "scmm-pipeline-diagram.h"
#include "scmm-teach-session.h"

G_BEGIN_DECLS

#define SCMM_TEACH_PLAY_MS 5000
/* Narrower than this, the page sets its text a size smaller. */
#define SCMM_TEACH_COMPACT_WIDTH 1450

#define SCMM_TYPE_TEACH_PAGE (scmm_teach_page_get_type ())
G_DECLARE_FINAL_TYPE (ScmmTeachPage, scmm_teach_page, SCMM, TEACH_PAGE, GtkWidget)

/* Where the page gets the experiment of "Experiment's source" from. */
typedef ScmmExperiment *(*ScmmTeachExperimentFunc) (gpointer user_data, GError **error);

/* Where the page gets the corpus of "Data page's corpus" from (a spec:
 * "demo:seed", a store's path; NULL with an error when there is none). */
typedef char *(*ScmmTeachCorpusFunc) (gpointer user_data, GError **error);

GtkWidget        *scmm_teach_page_new       (void);
/* Builds a session on `experiment`'s source corpus on a worker thread
 * (the page shows it when ready: notify::session). The first time the page
 * is shown it loads the demo experiment by itself. */
void              scmm_teach_page_load_experiment (ScmmTeachPage *page,
                                                   const ScmmExperiment *experiment);
void              scmm_teach_page_set_experiment_func (ScmmTeachPage *page,
                                                       ScmmTeachExperimentFunc func,
                                                       gpointer user_data);
/* The same on a whole corpus (every window of it), with the demo
 * experiment's settings (seed, masks, alpha, sigma, tau). */
void              scmm_teach_page_load_corpus (ScmmTeachPage *page, const char *corpus);
void              scmm_teach_page_set_corpus_func (ScmmTeachPage *page,
                                                   ScmmTeachCorpusFunc func,
                                                   gpointer user_data);
/* Replaces the model by a checkpoint's (a run's pretrained.h5 or
 * pretrain-state.h5), on the same batch; the error names the file. FALSE
 * too while the page loads or trains. "teach.load-model" asks for the file. */
gboolean          scmm_teach_page_load_model (ScmmTeachPage *page, const char *path,
                                              GError **error);
/* The session shown (NULL while loading or training: the worker owns it). */
ScmmTeachSession *scmm_teach_page_get_session (ScmmTeachPage *page);
/* The current stage (property "stage"). */
void              scmm_teach_page_set_stage   (ScmmTeachPage *page, ScmmTeachStage stage);
ScmmTeachStage    scmm_teach_page_get_stage   (ScmmTeachPage *page);
/* TRUE while Train runs (property "training"). */
gboolean          scmm_teach_page_get_training (ScmmTeachPage *page);
/* Whether play is on (P, Return or the play button toggle it). */
gboolean          scmm_teach_page_get_playing (ScmmTeachPage *page);
/* How long play stays on a stage (SCMM_TEACH_PLAY_MS by default). */
void              scmm_teach_page_set_play_interval (ScmmTeachPage *page, guint ms);
/* The sample the linked views show (property "sample"). */
void              scmm_teach_page_set_sample  (ScmmTeachPage *page, int sample);
int               scmm_teach_page_get_sample  (ScmmTeachPage *page);

/* TRUE when the page has its batch and the stage's view is shown alone
 * (not crossfading): what a screenshot waits for. */
gboolean          scmm_teach_page_get_settled (ScmmTeachPage *page);

/* For tests and the screenshot mode: the diagram, the view of the stage
 * and the controls. */
ScmmPipelineDiagram *scmm_teach_page_get_diagram   (ScmmTeachPage *page);
GtkWidget          *scmm_teach_page_get_stage_view (ScmmTeachPage *page);
GtkSpinButton      *scmm_teach_page_get_param_spin (ScmmTeachPage *page, const char *name);
/* The numbers shown for the stage, as text. */
const char         *scmm_teach_page_get_numbers_text (ScmmTeachPage *page);

G_END_DECLS
