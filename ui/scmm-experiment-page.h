/* scmm-experiment-page.h: the Experiment page: a form bound to an experiment
 * config (docs/experiment-config.md), with the presets, validation as you
 * type, and .ini files to open and save. */
#pragma once

#include <gtk/gtk.h>

#include "scmm-experiment.h"

G_BEGIN_DECLS

#define SCMM_TYPE_EXPERIMENT_PAGE (scmm_experiment_page_get_type ())
G_DECLARE_FINAL_TYPE (ScmmExperimentPage, scmm_experiment_page, SCMM, EXPERIMENT_PAGE, GtkWidget)

GtkWidget      *scmm_experiment_page_new            (void);
/* Fills the form from an experiment (copied). */
void            scmm_experiment_page_set_experiment (ScmmExperimentPage *page,
                                                     const ScmmExperiment *experiment);
/* The experiment the form describes, checked as `scmm run` checks a file;
 * NULL with the error (which names the setting) when the form is not valid. */
ScmmExperiment *scmm_experiment_page_get_experiment (ScmmExperimentPage *page, GError **error);
gboolean        scmm_experiment_page_load_file      (ScmmExperimentPage *page, const char *path,
                                                     GError **error);
gboolean        scmm_experiment_page_save_file      (ScmmExperimentPage *page, const char *path,
                                                     GError **error);
void            scmm_experiment_page_choose_open    (ScmmExperimentPage *page, GtkWindow *parent);
void            scmm_experiment_page_choose_save    (ScmmExperimentPage *page, GtkWindow *parent);
/* Whether the form is valid now. */
gboolean        scmm_experiment_page_get_valid      (ScmmExperimentPage *page);

/* Properties: "valid" (gboolean), "problem" (string: why it is not valid).
 * Signals: "error" (GError *error): a file could not be read or written. */

G_END_DECLS
