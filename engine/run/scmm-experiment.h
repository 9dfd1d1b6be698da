/* scmm-experiment.h: an experiment, as one GKeyFile .ini (docs/experiment-config.md).
 *
 * The same file drives `scmm run` and the application. Every setting has a
 * default; unknown groups or keys and out-of-range values are errors that
 * name the key. `fidelity = released` switches the defaults of the four
 * released-code quirks (fine-tuning gradients never zeroed, best-test model
 * selection, pre-training on the first 2,560 shuffled samples, every set
 * normalised on its own) to the released behaviour; `honest` (the default)
 * accumulates nothing, selects the last epoch, pre-trains on the full source
 * and fits the normalisation on the fine-tuning set only. */
#pragma once

#include <glib.h>

#include "scmm-adam.h"
#include "scmm-masking.h"
#include "scmm-pretrain.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_PROTOCOL_CROSS_CORPUS,   /* pre-train on the source corpus, fine-tune/test per target subject */
  SCMM_PROTOCOL_CROSS_SUBJECT,  /* one corpus: source subjects pre-train, target subjects fine-tune/test */
  SCMM_PROTOCOL_CROSS_SESSION,  /* one corpus: source sessions pre-train, target session fine-tunes/tests */
} ScmmProtocol;

typedef enum {
  SCMM_METHOD_SCMM,                 /* the method */
  SCMM_METHOD_SUPERVISED,           /* no pre-training: fine-tune from a random encoder */
  SCMM_METHOD_HARD_CONTRASTIVE,     /* soft weights off: W = 1 for positives, 0 elsewhere */
  SCMM_METHOD_RECONSTRUCTION_ONLY,  /* no L_C */
  SCMM_METHOD_NO_AGGREGATOR,        /* each row rebuilt from its own embedding */
  SCMM_METHOD_RANDOM_MASK,          /* SCMM with element-wise masks only */
  SCMM_METHOD_CHANNEL_MASK,         /* SCMM with channel masks only */
  SCMM_METHOD_PARALLEL_MASK,        /* SCMM with one mask kind per sample */
  SCMM_N_METHODS
} ScmmMethod;

typedef enum {
  SCMM_SELECT_LAST,        /* the last fine-tuning epoch (honest) */
  SCMM_SELECT_VALIDATION,  /* the best epoch on a validation split of the fine-tuning trials */
  SCMM_SELECT_BEST_TEST,   /* the best TEST accuracy over epochs (released; optimistic) */
} ScmmModelSelection;

typedef enum {
  SCMM_NORMALISE_TRAIN_ONLY,  /* min-max fitted on the fine-tuning set, applied to the test set */
  SCMM_NORMALISE_PER_SET,     /* every set scaled on its own (released; transductive) */
  SCMM_NORMALISE_NONE,
} ScmmNormalisation;

typedef enum {
  SCMM_CLASSES_AS_IS,       /* source and target classes are the same list */
  SCMM_CLASSES_SAME_CLASS,  /* SEED-IV {neutral, sad, happy} = SEED {neutral, negative, positive}, fear dropped */
  SCMM_CLASSES_MAP,         /* the explicit `map` */
} ScmmClassMapping;

/* A set of subjects, sessions or trials: "all", or numbers and ranges like
 * "1-10, 12" (1-based, as the corpora name them), or names. */
typedef struct {
  gboolean all;
  GStrv    names;     /* when !all: the listed names, ranges expanded */
} ScmmSelection;

typedef struct {
  char          *corpus;    /* a store path or demo:seed / demo:deap */
  ScmmSelection  subjects;
  ScmmSelection  sessions;
} ScmmCorpusSide;

typedef struct {
  char              *name;
  ScmmProtocol       protocol;
  ScmmMethod        *methods;          /* one or more: several make a comparison */
  int                n_methods;
  gboolean           released_fidelity;

  ScmmCorpusSide     source;
  ScmmCorpusSide     target;
  ScmmSelection      finetune_trials;  /* per target subject: these trials fine-tune ... */
  ScmmSelection      test_trials;      /* ... and these test */

  ScmmClassMapping   class_mapping;
  GStrv              class_map;        /* SCMM_CLASSES_MAP: "source:target" pairs */
  char              *deap_label;       /* "valence" / "arousal": informational, checked against the store */

  /* pre-training (SCMM-METHOD.md §2 to §6, §8) */
  int                pretrain_epochs;
  int                pretrain_batch;
  double             pretrain_lr;
  gboolean           pretrain_subset;  /* the first 2,560 shuffled source samples only (released) */
  int                pretrain_subset_size;
  ScmmMaskConfig     mask;
  ScmmPretrainLoss   loss;

  /* fine-tuning (§7) */
  int                finetune_epochs;
  int                finetune_batch;
  double             finetune_lr;
  gboolean           gradient_accumulation;   /* gradients never zeroed (released) */
  ScmmModelSelection model_selection;
  double             validation_fraction;     /* SCMM_SELECT_VALIDATION: the last trials of the fine-tuning split */
  ScmmNormalisation  normalisation;

  ScmmAdamConfig     adam;            /* lr is per stage; betas, eps, weight decay shared */

  guint64            seed;
  int                threads;         /* OpenBLAS threads; 0 = all processors */
  int                snapshot_every;  /* steps between batch snapshots for the views; 0 = none */
} ScmmExperiment;

const char   *scmm_method_to_string     (ScmmMethod method);
gboolean      scmm_method_from_string   (const char *name, ScmmMethod *method);
const char   *scmm_protocol_to_string   (ScmmProtocol protocol);
/* The names the .ini uses: "last", "train-only", "as-is", ... */
const char   *scmm_model_selection_to_string (ScmmModelSelection selection);
const char   *scmm_normalisation_to_string   (ScmmNormalisation normalisation);
const char   *scmm_class_mapping_to_string   (ScmmClassMapping mapping);

/* The defaults (SCMM-METHOD.md §8, SEED-IV -> SEED), honest fidelity. */
ScmmExperiment *scmm_experiment_new_default (void);
void            scmm_experiment_free        (ScmmExperiment *experiment);

/* Parses a .ini; errors name the file, the group and the key. */
ScmmExperiment *scmm_experiment_load        (const char *path, GError **error);
ScmmExperiment *scmm_experiment_load_data   (const char *data, const char *label, GError **error);
/* Every setting written out explicitly (the config "as used"). */
char           *scmm_experiment_to_data     (const ScmmExperiment *experiment);
gboolean        scmm_experiment_save        (const ScmmExperiment *experiment, const char *path,
                                             GError **error);

/* The built-in presets: "seed-iv-to-seed", "seed-to-seed-iv", "deap-to-seed",
 * "seed-to-deap" (SCMM-METHOD.md §8, corpora given as store paths to fill in),
 * "cross-subject", "cross-session", and "demo" (the demo corpora, small enough
 * to finish in under a minute). NULL for an unknown name. */
ScmmExperiment *scmm_experiment_preset      (const char *name);
const char *const *scmm_experiment_preset_names (void);

/* Whether a selection holds a name. */
gboolean        scmm_selection_contains     (const ScmmSelection *selection, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmExperiment, scmm_experiment_free)

G_END_DECLS
