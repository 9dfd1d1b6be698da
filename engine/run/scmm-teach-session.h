/* scmm-teach-session.h: one real SCMM pre-training batch, held still so that
 * each stage of the method can be looked at (the application's Teach page).
 *
 * A session takes b windows of an experiment's source corpus (chosen by the
 * experiment's seed), a model initialised exactly as a run initialises it
 * (or loaded from a run's pretrained.h5 / pretrain-state.h5) and masks drawn
 * as the trainer draws them, and computes the forward pass of one
 * pre-training step (SCMM-METHOD.md §2 to §6) on that batch: x_in, h, z, S,
 * W, R, h_rec, x_hat, L_C, L_R and L.
 *
 * Changing a setting (mask mode, ratio, threshold, alpha, sigma, tau)
 * recomputes the forward pass on the SAME batch at once and never changes
 * the model: there is no weight update, and the batch-norm running
 * statistics that a train-mode forward moves are put back as they were. The
 * masks are redrawn from the same seed whenever a mask setting changes, so
 * what changes is only the setting's effect. Training runs real
 * pre-training steps (batches of the corpus, fresh masks, Adam, the cosine
 * schedule of the experiment) and then recomputes the fixed batch, so the
 * stages can be watched as they evolve.
 *
 * Not thread-safe: one thread at a time owns a session (the application
 * hands it to a worker while it trains).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <stdint.h>

#include "scmm-experiment.h"
#include "scmm-masking.h"
#include "scmm-model.h"
#include "scmm-pretrain.h"
#include "scmm-run-events.h"

G_BEGIN_DECLS

#define SCMM_TEACH_DEFAULT_BATCH 64
#define SCMM_TEACH_MAX_BATCH     256

/* What the user can change on the batch. */
typedef struct {
  ScmmMaskMode mask_mode;
  float        mask_ratio;      /* r, [0, 1) */
  float        mask_threshold;  /* delta, [0, 1] */
  float        alpha;           /* (0, 1] */
  float        sigma;           /* > 0 */
  float        tau;             /* > 0 */
} ScmmTeachParams;

/* One training step's losses (the steps the session trained). */
typedef struct {
  int    step;                  /* 1-based, over the session's life */
  double loss, loss_c, loss_r;
} ScmmTeachLosses;

typedef struct _ScmmTeachSession ScmmTeachSession;

/* Called on the training thread after each step. */
typedef void (*ScmmTeachProgress) (const ScmmTeachLosses *losses, int done, int total,
                                   gpointer user_data);

/* The source corpus of `experiment` opened, b windows (1 < b <= 256)
 * chosen, the model initialised as a run's first method, masks drawn and
 * the forward pass computed. The parameters start at the experiment's. */
ScmmTeachSession *scmm_teach_session_new   (const ScmmExperiment *experiment, int batch,
                                            GError **error);
/* The same on a whole corpus ("demo:seed", "demo:deap" or a store's path):
 * every window of every subject, session and trial is a candidate for the
 * batch, normalised as `settings` says; the settings (seed, masks, loss,
 * optimiser) are `settings`', whose source is replaced by the corpus and
 * whose target is not used. */
ScmmTeachSession *scmm_teach_session_new_on_corpus (const ScmmExperiment *settings,
                                                    const char *corpus, int batch,
                                                    GError **error);
void              scmm_teach_session_free  (ScmmTeachSession *session);

/* Replaces the model by a checkpoint's (a run's pretrained.h5 or
 * pretrain-state.h5); its channels and bands must be the corpus'. The
 * optimiser starts afresh and the step count from 0. */
gboolean scmm_teach_session_load_model (ScmmTeachSession *session, const char *path,
                                        GError **error);

void     scmm_teach_session_get_params (ScmmTeachSession *session, ScmmTeachParams *params);
/* Checks the parameters (an error names the bad one and leaves everything
 * as it was), redraws the masks if a mask setting changed and recomputes
 * the forward pass. */
gboolean scmm_teach_session_set_params (ScmmTeachSession *session, const ScmmTeachParams *params,
                                        GError **error);
/* The parameters the experiment gives (what a reset goes back to). */
void     scmm_teach_session_get_default_params (ScmmTeachSession *session,
                                                ScmmTeachParams *params);

/* The forward pass of the batch as it stands (owned by the session, valid
 * until the next set_params, train or load_model). */
const ScmmPretrainStep *scmm_teach_session_get_step   (ScmmTeachSession *session);
/* keep [views b, C, F]: 1 = kept. */
const guint8           *scmm_teach_session_get_keep   (ScmmTeachSession *session);
/* x [b, C, F] and the windows' labels [b]. */
const float            *scmm_teach_session_get_batch  (ScmmTeachSession *session);
const int32_t          *scmm_teach_session_get_labels (ScmmTeachSession *session);
const ScmmModel        *scmm_teach_session_get_model  (ScmmTeachSession *session);
const ScmmExperiment   *scmm_teach_session_get_experiment (ScmmTeachSession *session);
/* The corpus' channel names (NULL-terminated) and class names. */
const char *const      *scmm_teach_session_get_channel_names (ScmmTeachSession *session);
const char *const      *scmm_teach_session_get_class_names (ScmmTeachSession *session);
int                     scmm_teach_session_get_batch_size (ScmmTeachSession *session);
/* The learned loss weights p1 (of L_C) and p2 (of L_R). */
void     scmm_teach_session_get_loss_weights (ScmmTeachSession *session, double *p1, double *p2);
/* The share of the masked views' cells that are masked. */
double   scmm_teach_session_get_masked_share (ScmmTeachSession *session);

/* The reconstruction error of each row, mean of (x_hat - target)^2 over its
 * C F values, into errors [n] (the rows L_R does not compare get NAN). */
void     scmm_teach_session_get_row_errors (ScmmTeachSession *session, double *errors);
/* The four terms of L (SCMM-METHOD.md §6): 0.5 / p1^2 L_C, ln(1 + p1^2),
 * 0.5 / p2^2 L_R, ln(1 + p2^2), into terms [4]; their sum is L. */
void     scmm_teach_session_get_loss_terms (ScmmTeachSession *session, double *terms);

/* A copy of the batch's tensors for the snapshot views (unref when done). */
ScmmSnapshot *scmm_teach_session_make_snapshot (ScmmTeachSession *session);

/* Runs `steps` real pre-training steps and recomputes the batch. Cancelled
 * (between steps) with SCMM_ERROR_CANCELLED: the steps done are kept and
 * the batch recomputed all the same. progress may be NULL. */
gboolean scmm_teach_session_train (ScmmTeachSession *session, int steps,
                                   GCancellable *cancellable, ScmmTeachProgress progress,
                                   gpointer user_data, GError **error);
int      scmm_teach_session_get_steps_trained (ScmmTeachSession *session);
/* The losses of every step trained, oldest first (ScmmTeachLosses). */
GArray  *scmm_teach_session_get_history (ScmmTeachSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmTeachSession, scmm_teach_session_free)

G_END_DECLS
