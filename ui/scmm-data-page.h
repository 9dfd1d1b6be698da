/* scmm-data-page.h: the Data page: corpora and their recordings.
 *
 * A list of corpora (the built-in demo:seed and demo:deap first, then recent
 * stores), and for the selected one its subjects, sessions and trials; for a
 * trial its label, length, the class counts, and its DE features as a heatmap
 * (channels by windows, one band at a time); below, the DE scalp maps of
 * the five bands, of a window of that trial or of a class' mean. A corpus
 * comes from a store or from importing a folder (progress per file,
 * cancellable). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SCMM_TYPE_DATA_PAGE (scmm_data_page_get_type ())
G_DECLARE_FINAL_TYPE (ScmmDataPage, scmm_data_page, SCMM, DATA_PAGE, GtkWidget)

GtkWidget  *scmm_data_page_new             (void);
/* Shows a corpus: "demo:seed", "demo:deap" or a store's path; FALSE (with the
 * error, which names the file) when it cannot be opened. */
gboolean    scmm_data_page_open_corpus     (ScmmDataPage *page, const char *spec, GError **error);
/* The corpus shown ("demo:seed", a path). */
const char *scmm_data_page_get_corpus      (ScmmDataPage *page);
/* Asks for a store to open / a folder to import (file choosers on `parent`). */
void        scmm_data_page_choose_store    (ScmmDataPage *page, GtkWindow *parent);
void        scmm_data_page_choose_import   (ScmmDataPage *page, GtkWindow *parent);
/* Selects a trial of the shown corpus (for tests and --screenshot). */
gboolean    scmm_data_page_select_trial    (ScmmDataPage *page, const char *subject,
                                            const char *session, const char *trial);

/* Signals: "corpus-opened" (const char *spec); "error" (GError *error): a file
 * could not be opened or imported (the window shows it). */

G_END_DECLS
