/* scmm-run-events.h: what a run tells its watcher, and how it is steered.
 *
 * A run calls its callback on the run's own thread, between steps, with a
 * struct that lives for the duration of the call; whoever shows it (the
 * terminal, the application's main loop) copies what it needs. Snapshots of
 * one batch's internals are reference-counted and may be kept. Cancel and
 * pause are honoured between steps. */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "scmm-pretrain.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_RUN_STAGE_PREPARE,    /* corpora opened, samples built */
  SCMM_RUN_STAGE_PRETRAIN,
  SCMM_RUN_STAGE_FINETUNE,
  SCMM_RUN_STAGE_DONE,
} ScmmRunStage;

typedef enum {
  SCMM_RUN_EVENT_STAGE,      /* a stage (of a method, or of a target subject) begins */
  SCMM_RUN_EVENT_STEP,       /* a training step is done */
  SCMM_RUN_EVENT_EPOCH,      /* an epoch is done: its mean losses, accuracy */
  SCMM_RUN_EVENT_SUBJECT,    /* a target subject's result is known */
  SCMM_RUN_EVENT_SNAPSHOT,   /* a batch's internals (every snapshot_every steps) */
  SCMM_RUN_EVENT_MESSAGE,    /* something to tell the user */
} ScmmRunEventKind;

/* One pre-training batch, as the views show it. */
typedef struct {
  gint     ref_count;
  int      b, views, n;     /* samples, masked views, rows N = (views + 1) b */
  int      channels, bands;
  float   *x_in;            /* [N, C, F]: the originals, then the masked views */
  guint8  *keep;            /* [views b, C, F] */
  float   *S, *W, *R;       /* [N, N] */
  float   *x_hat;           /* [N, C, F] */
  int32_t *labels;          /* [b]: class of each sample, -1 unknown */
  char    *method;
  int      epoch, step;
  double   loss, loss_c, loss_r;
  gpointer block;           /* private: the one allocation the arrays live in */
  gsize    block_size;
} ScmmSnapshot;

/* A copy of what the step computed (x_in, S, W, R, x_hat) with its masks and
 * the samples' labels [b]. */
ScmmSnapshot *scmm_snapshot_new   (const ScmmPretrainStep *step, const guint8 *keep,
                                   const int32_t *labels, const char *method, int epoch,
                                   int step_index);
ScmmSnapshot *scmm_snapshot_ref   (ScmmSnapshot *snapshot);
void          scmm_snapshot_unref (ScmmSnapshot *snapshot);
/* Frees the few blocks kept for reuse by the next snapshots (each as large as
 * one snapshot); a run calls it when it ends. */
void          scmm_snapshot_pool_trim (void);

typedef struct {
  ScmmRunEventKind kind;
  ScmmRunStage     stage;
  const char      *method;
  int              method_index, methods;
  const char      *subject;        /* fine-tuning: the target subject */
  int              subject_index, subjects;
  int              epoch, epochs;   /* 1-based */
  int              step, steps;     /* within the epoch, 1-based */
  double           loss, loss_c, loss_r;
  double           p1, p2;          /* the learned loss weights */
  double           lr;
  double           accuracy, f1;    /* fine-tuning: the epoch's test (or selected) scores */
  double           train_accuracy;
  double           step_seconds;
  double           elapsed_s, eta_s;
  double           fraction_done;   /* of the whole run, 0 to 1 */
  ScmmSnapshot    *snapshot;        /* SNAPSHOT events */
  const char      *message;
} ScmmRunEvent;

typedef void (*ScmmRunCallback) (const ScmmRunEvent *event, gpointer user_data);

/* Cancel and pause, from any thread. */
typedef struct ScmmRunControl ScmmRunControl;

ScmmRunControl *scmm_run_control_new       (void);
void            scmm_run_control_free      (ScmmRunControl *control);
void            scmm_run_control_cancel    (ScmmRunControl *control);
void            scmm_run_control_set_paused (ScmmRunControl *control, gboolean paused);
gboolean        scmm_run_control_is_paused (ScmmRunControl *control);
/* On the run's thread, between steps: waits while paused; TRUE when cancelled. */
gboolean        scmm_run_control_checkpoint (ScmmRunControl *control);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmRunControl, scmm_run_control_free)

G_END_DECLS
