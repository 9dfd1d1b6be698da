/* scmm-error-dialog.c: errors as dialogs. */
#include "scmm-error-dialog.h"

static void
on_response (GtkDialog *dialog, int response, gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

void
scmm_show_error (GtkWindow *parent, const char *title, const GError *error)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  /* GtkAlertDialog is GTK 4.10; GtkMessageDialog is what 4.8 has. */
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", title);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            error ? error->message : "");
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_widget_add_css_class (dialog, "scmm-error");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}
