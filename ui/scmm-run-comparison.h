/* scmm-run-comparison.h: several runs' curves overlaid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of run folders with a check button each, and four figures with one
 * series per checked run, named by the run: the pre-training loss L, the
 * fine-tuning test accuracy (the mean over the target subjects), the learned
 * loss weights p1 and p2, and the learning rate, per epoch. The curves are
 * those of one method (the Results page's); a run without it shows its best
 * method's, named so.
 */
#pragma once

#include <gtk/gtk.h>

#include "gl/scmm-figure.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_COMPARISON_LOSS,
  SCMM_COMPARISON_ACCURACY,
  SCMM_COMPARISON_WEIGHTS,
  SCMM_COMPARISON_LEARNING_RATE,
  SCMM_COMPARISON_N_FIGURES
} ScmmComparisonFigure;

#define SCMM_TYPE_RUN_COMPARISON (scmm_run_comparison_get_type ())
G_DECLARE_FINAL_TYPE (ScmmRunComparison, scmm_run_comparison, SCMM, RUN_COMPARISON, GtkWidget)

GtkWidget  *scmm_run_comparison_new          (void);
/* The runs to choose from (run folders; those that are not are left out),
 * listed newest first. `current` (may be NULL) is listed too, and checked;
 * the runs checked before stay checked when still listed. */
void        scmm_run_comparison_set_runs     (ScmmRunComparison *comparison, const char *const *dirs,
                                              const char *current);
/* The method whose curves are compared ("scmm"). */
void        scmm_run_comparison_set_method   (ScmmRunComparison *comparison, const char *method);
/* Checks or unchecks a listed run; FALSE when it is not listed (or, to
 * check, cannot be read: its row then says why). */
gboolean    scmm_run_comparison_set_checked  (ScmmRunComparison *comparison, const char *dir,
                                              gboolean checked);
/* The checked runs, in the list's order. */
GStrv       scmm_run_comparison_get_checked  (ScmmRunComparison *comparison);
ScmmFigure *scmm_run_comparison_get_figure   (ScmmRunComparison *comparison, ScmmComparisonFigure which);
/* A run's name in the legends: its folder's name, shortened in the middle
 * when long. */
char       *scmm_run_comparison_series_name  (const char *dir);

G_END_DECLS
