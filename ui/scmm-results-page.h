/* scmm-results-page.h: the Results page of a run folder: per target subject
 * accuracy and macro-F1, mean +- std, the comparison of the methods when the
 * run has several, the confusion matrices (summed and per target subject),
 * the training curves, the curves of several runs overlaid; export to CSV. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SCMM_TYPE_RESULTS_PAGE (scmm_results_page_get_type ())
G_DECLARE_FINAL_TYPE (ScmmResultsPage, scmm_results_page, SCMM, RESULTS_PAGE, GtkWidget)

GtkWidget  *scmm_results_page_new        (void);
/* Shows the run in `dir` (finished or not); the error names the file. */
gboolean    scmm_results_page_show_run   (ScmmResultsPage *page, const char *dir, GError **error);
const char *scmm_results_page_get_run    (ScmmResultsPage *page);
/* Writes the per-subject table as CSV. */
gboolean    scmm_results_page_export_csv (ScmmResultsPage *page, const char *path, GError **error);
void        scmm_results_page_choose_export (ScmmResultsPage *page, GtkWindow *parent);
/* Adds a page to the figures' stack ("confusion", "curves", "compare"):
 * `name` in the stack, `title` in its switcher. */
void        scmm_results_page_add_figures_page (ScmmResultsPage *page, const char *name,
                                                const char *title, GtkWidget *child);

G_END_DECLS
