/* scmm-preferences-window.c: the preferences window. */
#include "scmm-preferences-window.h"

#include <glib/gi18n.h>

#include "scmm-settings.h"

struct _ScmmPreferencesWindow {
  GtkWindow       parent_instance;
  GtkSpinButton  *threads;
  GtkEntry       *runs_folder;
};

G_DEFINE_FINAL_TYPE (ScmmPreferencesWindow, scmm_preferences_window, GTK_TYPE_WINDOW)

static GtkWidget *
row_label (const char *text, const char *hint)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new_with_mnemonic (text);
  GtkWidget *sub = gtk_label_new (hint);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (sub), 40);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

static void
on_folder_chosen (GtkNativeDialog *dialog, int response, ScmmPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->runs_folder), path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_folder (GtkButton *button, ScmmPreferencesWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Runs Folder"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), _("_Cancel"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
scmm_preferences_window_class_init (ScmmPreferencesWindowClass *klass)
{
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
scmm_preferences_window_init (ScmmPreferencesWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, -1);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  GtkWidget *grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_widget_set_margin_start (grid, 24);
  gtk_widget_set_margin_end (grid, 24);
  gtk_widget_set_margin_top (grid, 24);
  gtk_widget_set_margin_bottom (grid, 24);

  self->threads = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1024, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->threads), GTK_ALIGN_CENTER);
  gtk_grid_attach (GTK_GRID (grid),
                   row_label (_("Training _threads"),
                              _("OpenBLAS threads of runs started here; 0 leaves one core to "
                                "the window and uses the others.")), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->threads), 1, 0, 2, 1);

  self->runs_folder = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->runs_folder), 240, -1);
  gtk_widget_set_valign (GTK_WIDGET (self->runs_folder), GTK_ALIGN_CENTER);
  g_autofree char *default_folder = scmm_settings_get_runs_folder ();
  gtk_entry_set_placeholder_text (self->runs_folder, default_folder);
  GtkWidget *choose = gtk_button_new_from_icon_name ("folder-open-symbolic");
  gtk_widget_set_tooltip_text (choose, _("Choose a folder"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect (choose, "clicked", G_CALLBACK (choose_folder), self);
  gtk_grid_attach (GTK_GRID (grid),
                   row_label (_("_Runs folder"),
                              _("Where new runs are written and past runs are listed.")),
                   0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->runs_folder), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), choose, 2, 1, 1, 1);

  GSettings *settings = scmm_settings_get ();
  if (settings != NULL)
    {
      g_settings_bind (settings, "threads", self->threads, "value", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "runs-folder", self->runs_folder, "text", G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      gtk_widget_set_sensitive (grid, FALSE);
      gtk_widget_set_tooltip_text (grid, _("The settings schema is not installed: preferences "
                                           "cannot be kept."));
    }
  gtk_window_set_child (GTK_WINDOW (self), grid);
}

GtkWidget *
scmm_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (SCMM_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}
