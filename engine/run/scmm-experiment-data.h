/* scmm-experiment-data.h: an experiment's samples, ready for training.
 *
 * From the config: the corpora opened (stores or demo corpora), aligned on
 * their common channels when they differ (SEED with DEAP: DEAP's 32), the
 * classes mapped onto the experiment's (the target's after mapping; source
 * trials of classes without a counterpart dropped), the pre-training set
 * (source subjects x sessions, every trial), and per target subject its
 * fine-tuning, validation and test sets from the trial split, normalised as
 * the config says. Every problem is an error that says what to change. */
#pragma once

#include <glib.h>

#include "scmm-experiment.h"
#include "scmm-samples.h"

G_BEGIN_DECLS

typedef struct {
  char        *name;
  ScmmSamples *finetune;
  ScmmSamples *validation;   /* NULL unless model selection is on validation */
  ScmmSamples *test;
} ScmmTargetSubject;

typedef struct {
  GStrv        class_names;
  int          n_classes;
  GStrv        channel_names;
  int          n_channels;
  int          bands;
  ScmmSamples *pretrain;
  GPtrArray   *targets;            /* ScmmTargetSubject */
  char        *source_name;
  char        *target_name;
  char        *source_fingerprint; /* the store's seal, or the demo corpus' name and seed */
  char        *target_fingerprint;
  GString     *notes;              /* what was aligned or dropped, for the run record */
} ScmmExperimentData;

ScmmExperimentData *scmm_experiment_data_build (const ScmmExperiment *experiment, GError **error);
void                scmm_experiment_data_free  (ScmmExperimentData *data);

/* A corpus' fingerprint: "sha256:<hex>" from a store's seal, or
 * "demo:seed seed=<n> scmm-studio <version>". */
char               *scmm_corpus_fingerprint    (const char *spec, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmExperimentData, scmm_experiment_data_free)

G_END_DECLS
