/* scmm-trainer.h: the training loops of a run: pre-training on the source
 * samples and fine-tuning and testing on one target subject (SCMM-METHOD.md
 * §6, §7), with events, cancel and pause between steps. */
#pragma once

#include <glib.h>

#include "scmm-adam.h"
#include "scmm-experiment-data.h"
#include "scmm-experiment.h"
#include "scmm-metrics.h"
#include "scmm-model.h"
#include "scmm-rng.h"
#include "scmm-run-events.h"

G_BEGIN_DECLS

typedef struct {
  const ScmmExperiment *experiment;
  ScmmMethod            method;
  int                   method_index;
  int                   methods;
  ScmmRunCallback       callback;       /* may be NULL */
  gpointer              user_data;
  ScmmRunControl       *control;        /* may be NULL */
  /* progress over the whole run, in training steps */
  double                work_total;
  double                work_done;
  gint64                started_us;
  double                work_skipped;   /* of work_done: found done (a resumed run), not timed */
} ScmmTrainContext;

/* Where pre-training stands: what a resumed run continues from. */
typedef struct {
  ScmmModel *model;
  ScmmAdam  *adam;
  ScmmRng    rng;
  int        epochs_done;
  guint32   *subset;        /* released fidelity: the chosen source samples, else NULL */
  int        subset_n;
} ScmmPretrainState;

/* Called after each pre-training epoch (to write the run's files). */
typedef gboolean (*ScmmEpochDone) (const ScmmPretrainState *state, const ScmmRunEvent *epoch,
                                   gpointer user_data, GError **error);

/* The pre-training loss and masks of a method. */
void     scmm_method_pretrain_config (const ScmmExperiment *e, ScmmMethod method,
                                      ScmmPretrainLoss *loss, ScmmMaskConfig *mask);

/* Training steps of pre-training, and of fine-tuning one subject. */
double   scmm_trainer_pretrain_steps  (const ScmmExperiment *e, int samples);
double   scmm_trainer_finetune_steps  (const ScmmExperiment *e, int samples);

/* A fresh pre-training state for the method (model initialised, Adam new). */
void     scmm_pretrain_state_init  (ScmmPretrainState *state, const ScmmExperiment *e,
                                    const ScmmExperimentData *data, int method_index);
void     scmm_pretrain_state_clear (ScmmPretrainState *state);

/* Runs the remaining epochs. FALSE with SCMM_ERROR_CANCELLED when cancelled
 * (the state then holds the last whole epoch's model only if `done` saved it). */
gboolean scmm_trainer_pretrain (ScmmTrainContext *ctx, ScmmPretrainState *state,
                                const ScmmSamples *samples, ScmmEpochDone done,
                                gpointer done_data, GError **error);

typedef struct {
  int    epoch;
  double loss;
  double train_accuracy;
  double test_accuracy;
  double test_f1;
  double validation_accuracy;   /* -1 when there is no validation set */
} ScmmFinetuneEpoch;

typedef struct {
  int            selected_epoch;   /* 1-based */
  double         accuracy;
  double         f1;
  ScmmConfusion *confusion;        /* of the selected epoch */
  GArray        *epochs;           /* ScmmFinetuneEpoch */
  ScmmModel     *model;            /* the selected epoch's model */
} ScmmSubjectResult;

void     scmm_subject_result_clear (ScmmSubjectResult *result);

/* Fine-tunes a copy of `pretrained` (NULL: a random encoder, the supervised
 * baseline) with a new classifier on the subject's fine-tuning set and tests
 * after every epoch; the model selection of the experiment picks the result. */
gboolean scmm_trainer_finetune (ScmmTrainContext *ctx, const ScmmModel *pretrained,
                                const ScmmTargetSubject *subject, int subject_index,
                                int subjects, int classes, ScmmSubjectResult *result,
                                GError **error);

G_END_DECLS
