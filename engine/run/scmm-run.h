/* scmm-run.h: an experiment run, and its folder (docs/run-folder.md).
 *
 *   DIR/config.ini                       the config as used, every setting explicit
 *   DIR/record.json                      program version, git revision, seed, threads,
 *                                        OpenBLAS configuration, corpus fingerprints, times
 *   DIR/<method>/pretrain.csv            per epoch: loss, L_C, L_R, p1, p2, lr, seconds
 *   DIR/<method>/pretrain-state.h5       after every epoch: model, optimiser, RNG (for --resume)
 *   DIR/<method>/pretrained.h5           the pre-trained model
 *   DIR/<method>/subjects/<s>/finetune.csv   per epoch: loss, accuracies, macro-F1
 *   DIR/<method>/subjects/<s>/result.ini     accuracy, macro-F1, confusion, selected epoch
 *   DIR/<method>/subjects/<s>/model.h5       the selected fine-tuned model
 *   DIR/<method>/confusion.csv           the confusion matrix summed over subjects
 *   DIR/results.csv, DIR/results.md      the table: per subject and mean +- std per method
 * Every file is written whole (a temporary file renamed); a killed run loses
 * at most the epoch it was in, and `scmm run --resume DIR` continues it. */
#pragma once

#include <glib.h>

#include "scmm-experiment.h"
#include "scmm-run-events.h"

G_BEGIN_DECLS

/* Runs the experiment into `dir` (which must not exist, or be empty). */
gboolean scmm_run_experiment (const ScmmExperiment *experiment, const char *dir,
                              ScmmRunCallback callback, gpointer user_data,
                              ScmmRunControl *control, GError **error);

/* Continues the run in `dir` from where it stopped. */
gboolean scmm_run_resume     (const char *dir, ScmmRunCallback callback, gpointer user_data,
                              ScmmRunControl *control, GError **error);

/* The results table of a finished (or partly finished) run, as Markdown. */
char    *scmm_run_results_markdown (const char *dir, GError **error);

G_END_DECLS
