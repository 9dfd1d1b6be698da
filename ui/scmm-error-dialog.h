/* scmm-error-dialog.h: errors as dialogs that name the file and the problem. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal message dialog on `parent` with `title` and the error's message. */
void scmm_show_error (GtkWindow *parent, const char *title, const GError *error);

G_END_DECLS
