/* scmm-gl-notice.c: the window's notice that figures are drawn without OpenGL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkInfoBar (a warning, with a close button) in a vertical box with the
 * window's former child under it. It listens to the process's ScmmGlStatus
 * for as long as it lives, and claims the notice (scmm_gl_status_claim_notice)
 * before showing it, so that a process says it once however many windows it
 * opens.
 */

#include <glib/gi18n.h>

#include "gl/scmm-gl-notice.h"
#include "gl/scmm-gl-status.h"

#define BAR_KEY "scmm-gl-notice-bar"

static void
show_if_unavailable (ScmmGlStatus *status,
                     GParamSpec   *pspec,
                     GtkInfoBar   *bar)
{
  GtkWidget *label;
  g_autofree char *text = NULL;

  if (!scmm_gl_status_get_unavailable (status) || !scmm_gl_status_claim_notice (status))
    return;

  label = g_object_get_data (G_OBJECT (bar), "label");
  text = g_strdup_printf (_("OpenGL is unavailable: figures are drawn with cairo (%s)"),
                          scmm_gl_status_get_reason (status));
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (GTK_WIDGET (bar), TRUE);
  gtk_info_bar_set_revealed (bar, TRUE);
}

static void
dismiss (GtkInfoBar *bar,
         int         response,
         gpointer    user_data)
{
  if (response == GTK_RESPONSE_CLOSE)
    {
      gtk_info_bar_set_revealed (bar, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (bar), FALSE);
    }
}

void
scmm_gl_notice_attach (GtkWindow *window)
{
  ScmmGlStatus *status = scmm_gl_status_get_default ();
  GtkWidget *child, *box, *bar, *label;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (scmm_gl_notice_get_bar (window) == NULL);

  bar = gtk_info_bar_new ();
  gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), GTK_MESSAGE_WARNING);
  gtk_info_bar_set_show_close_button (GTK_INFO_BAR (bar), TRUE);
  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_info_bar_add_child (GTK_INFO_BAR (bar), label);
  g_object_set_data (G_OBJECT (bar), "label", label);
  gtk_widget_set_visible (bar, FALSE);
  g_signal_connect (bar, "response", G_CALLBACK (dismiss), NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), bar);
  child = gtk_window_get_child (window);
  if (child != NULL)
    {
      g_object_ref (child);
      gtk_window_set_child (window, NULL);
      gtk_widget_set_vexpand (child, TRUE);
      gtk_box_append (GTK_BOX (box), child);
      g_object_unref (child);
    }
  gtk_window_set_child (window, box);
  g_object_set_data (G_OBJECT (window), BAR_KEY, bar);

  g_signal_connect_object (status, "notify::unavailable", G_CALLBACK (show_if_unavailable), bar, 0);
  show_if_unavailable (status, NULL, GTK_INFO_BAR (bar));
}

GtkWidget *
scmm_gl_notice_get_bar (GtkWindow *window)
{
  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  return g_object_get_data (G_OBJECT (window), BAR_KEY);
}
