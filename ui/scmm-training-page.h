/* scmm-training-page.h: the Training page: the run in progress (stage,
 * method, epoch, ETA, live losses and curves, each target subject's result as
 * it comes, pause / resume / cancel) and the past runs of the runs folder. */
#pragma once

#include <gtk/gtk.h>

#include "scmm-run-task.h"

G_BEGIN_DECLS

#define SCMM_TYPE_TRAINING_PAGE (scmm_training_page_get_type ())
G_DECLARE_FINAL_TYPE (ScmmTrainingPage, scmm_training_page, SCMM, TRAINING_PAGE, GtkWidget)

GtkWidget   *scmm_training_page_new         (void);
/* Follows a run task (a reference is kept); NULL: no run. */
void         scmm_training_page_set_task    (ScmmTrainingPage *page, ScmmRunTask *task);
ScmmRunTask *scmm_training_page_get_task    (ScmmTrainingPage *page);
/* The folder whose run folders are listed as past runs. */
void         scmm_training_page_set_runs_folder (ScmmTrainingPage *page, const char *folder);
/* Lists the past runs again. */
void         scmm_training_page_refresh_runs (ScmmTrainingPage *page);
/* The views the page switches between: "curves", "masks", "similarity",
 * "reconstruction" (NULL-terminated, static), and showing one of them. */
const char *const *scmm_training_page_view_names (void);
void         scmm_training_page_show_view   (ScmmTrainingPage *page, const char *name);

/* Signals: "open-run" (const char *dir): the user wants to see a past run's
 * results. The buttons activate win.pause-run, win.resume-run, win.cancel-run. */

G_END_DECLS
