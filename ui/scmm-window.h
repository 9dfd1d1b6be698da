/* scmm-window.h: the main window: the Data, Experiment, Training and Results
 * pages, the actions that connect them, and the run in progress. */
#pragma once

#include <gtk/gtk.h>

#include "scmm-application.h"
#include "scmm-run-task.h"

G_BEGIN_DECLS

#define SCMM_TYPE_WINDOW (scmm_window_get_type ())
G_DECLARE_FINAL_TYPE (ScmmWindow, scmm_window, SCMM, WINDOW, GtkApplicationWindow)

ScmmWindow  *scmm_window_new          (ScmmApplication *application);

const char  *scmm_window_get_page     (ScmmWindow *self);
void         scmm_window_set_page     (ScmmWindow *self, const char *name);
/* Opens a corpus store (.h5) on the Data page or an experiment (.ini) on the
 * Experiment page; FALSE with the error (which names the file) otherwise: the
 * caller shows it. */
gboolean     scmm_window_open_file    (ScmmWindow *self, const char *path, GError **error);
/* Runs the experiment of the Experiment page into a new folder of the runs
 * folder (win.start-run). */
gboolean     scmm_window_start_run    (ScmmWindow *self, GError **error);
/* Continues the stopped run in `dir` where its last checkpoint left it
 * (win.continue-run, whose parameter is the folder; "" is the last run). */
gboolean     scmm_window_continue_run (ScmmWindow *self, const char *dir, GError **error);
/* The run in progress or the last one, or NULL. */
ScmmRunTask *scmm_window_get_run_task (ScmmWindow *self);
/* The page widgets, by name ("data", "experiment", "training", "results"). */
GtkWidget   *scmm_window_get_page_widget (ScmmWindow *self, const char *name);
/* The folder new runs go into (the runs-folder setting, or the user data folder). */
char        *scmm_window_get_runs_folder (ScmmWindow *self);

G_END_DECLS
