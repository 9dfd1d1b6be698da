/* scmm-run-comparison-curves.h: a run's curves as figure series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns of a method's pretrain.csv and of a fine-tuning curve
 * (finetune.csv, or the mean over the subjects) made line series, for the
 * Results page's figures of one run and for the overlay of several runs.
 */
#pragma once

#include "gl/scmm-figure.h"
#include "scmm-run-folder.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_PRETRAIN_LOSS,      /* L */
  SCMM_PRETRAIN_LOSS_C,
  SCMM_PRETRAIN_LOSS_R,
  SCMM_PRETRAIN_P1,        /* the learned loss weights */
  SCMM_PRETRAIN_P2,
  SCMM_PRETRAIN_LR,
} ScmmPretrainColumn;

typedef enum {
  SCMM_FINETUNE_TEST_ACCURACY,
  SCMM_FINETUNE_TRAIN_ACCURACY,
} ScmmFinetuneColumn;

/* Adds the column of `pretrain` (ScmmPretrainEpoch rows) as a series named
 * `name`, by epoch; returns its index, or -1 when there are no rows or the
 * column holds no finite value (a run that did not record it). */
int      scmm_run_curve_add_pretrain  (ScmmFigure *figure, const char *name, const GArray *pretrain,
                                       ScmmPretrainColumn column);
/* Adds the column of `finetune` (ScmmFinetuneEpoch rows) in percent; the
 * same. */
int      scmm_run_curve_add_finetune  (ScmmFigure *figure, const char *name, const GArray *finetune,
                                       ScmmFinetuneColumn column);
/* Whether every row of the columns [first, last] is > 0: a log scale fits. */
gboolean scmm_run_curve_pretrain_positive (const GArray *pretrain, ScmmPretrainColumn first,
                                           ScmmPretrainColumn last);

G_END_DECLS
