/* scmm-metrics.h: classification results: confusion matrices, accuracy,
 * macro-F1, and mean +- std over subjects. */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct {
  int     classes;
  gint64 *counts;     /* [classes, classes]: row = true class, column = predicted */
} ScmmConfusion;

ScmmConfusion *scmm_confusion_new      (int classes);
void           scmm_confusion_free     (ScmmConfusion *confusion);
void           scmm_confusion_clear    (ScmmConfusion *confusion);
void           scmm_confusion_add      (ScmmConfusion *confusion, const int32_t *truth,
                                        const int32_t *predicted, int n);
void           scmm_confusion_add_all  (ScmmConfusion *sum, const ScmmConfusion *other);
gint64         scmm_confusion_total    (const ScmmConfusion *confusion);
double         scmm_confusion_accuracy (const ScmmConfusion *confusion);
/* The mean over the classes that occur (truly or predicted) of F1 = 2 TP /
 * (2 TP + FP + FN), as scikit-learn's f1_score(average="macro"). */
double         scmm_confusion_macro_f1 (const ScmmConfusion *confusion);

/* Mean and standard deviation (population, as numpy.std) of n values. */
void           scmm_mean_std           (const double *values, int n, double *mean, double *std);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmConfusion, scmm_confusion_free)

G_END_DECLS
