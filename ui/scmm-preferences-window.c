/* scmm-preferences-window.c: the preferences window. */
#include "scmm-preferences-window.h"

#include <glib/gi18n.h>

#include "scmm-settings.h"

struct _ScmmPreferencesWindow {
  GtkWindow       parent_instance;
  GtkSpinButton  *threads;
  GtkEntry       *runs_folder;
  GtkListBox     *data_folders;
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
  /* Modal: Preferences cannot close under it. */
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_folder_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- data folders: a list of folders with a remove button each ---- */

static void
set_data_folders_without (const char *removed,
                          const char *added)
{
  g_auto(GStrv) folders = scmm_settings_get_data_folders ();
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; folders[i] != NULL; i++)
    if (g_strcmp0 (folders[i], removed) != 0 && g_strcmp0 (folders[i], added) != 0)
      g_strv_builder_add (kept, folders[i]);
  if (added != NULL)
    g_strv_builder_add (kept, added);
  result = g_strv_builder_end (kept);
  scmm_settings_set_data_folders ((const char *const *) result);
}

static void
remove_data_folder (GtkButton *button,
                    gpointer   user_data)
{
  set_data_folders_without (g_object_get_data (G_OBJECT (button), "folder"), NULL);
}

static void
fill_data_folders (ScmmPreferencesWindow *self)
{
  g_auto(GStrv) folders = scmm_settings_get_data_folders ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->data_folders))) != NULL)
    gtk_list_box_remove (self->data_folders, child);

  for (guint i = 0; folders[i] != NULL; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (folders[i]);
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_tooltip_text (remove, _("Remove this folder"));
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data_full (G_OBJECT (remove), "folder", g_strdup (folders[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_data_folder), NULL);
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 4);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), remove);
      gtk_list_box_append (self->data_folders, box);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->data_folders), folders[0] != NULL);
}

static void
on_data_folder_chosen (GtkNativeDialog       *dialog,
                       int                    response,
                       ScmmPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        set_data_folders_without (NULL, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_data_folder (GtkButton             *button,
                 ScmmPreferencesWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Add a Data Folder"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_data_folder_chosen), self, 0);
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

  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Folder…"));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect (add, "clicked", G_CALLBACK (add_data_folder), self);
  gtk_grid_attach (GTK_GRID (grid),
                   row_label (_("_Data folders"),
                              _("Where you keep corpus stores: the Data page lists the stores "
                                "in them, and its file choosers start in the first.")),
                   0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), add, 1, 2, 2, 1);
  self->data_folders = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->data_folders, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->data_folders), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->data_folders), "frame");
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->data_folders), 0, 3, 3, 1);

  GSettings *settings = scmm_settings_get ();
  if (settings != NULL)
    {
      g_settings_bind (settings, "threads", self->threads, "value", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "runs-folder", self->runs_folder, "text", G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (settings, "changed::data-folders", G_CALLBACK (fill_data_folders),
                               self, G_CONNECT_SWAPPED);
      fill_data_folders (self);
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
