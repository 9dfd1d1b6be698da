/* scmm-application.c: the SCMM Studio application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <glib/gi18n.h>

#include "scmm-application.h"
#include "scmm-data-page.h"
#include "scmm-error-dialog.h"
#include "scmm-preferences-window.h"
#include "scmm-renderer-choice.h"
#include "scmm-resources.h"
#include "scmm-screenshot.h"
#include "scmm-window.h"

struct _ScmmApplication
{
  GtkApplication parent_instance;

  char *run_path;          /* --run EXPERIMENT.ini */
  char *screenshot_dir;    /* --screenshot DIR */
  gboolean screenshots_armed;
};

G_DEFINE_FINAL_TYPE (ScmmApplication, scmm_application, GTK_TYPE_APPLICATION)

typedef struct
{
  const char *action;
  const char *accels[3];
} ScmmAccel;

static const ScmmAccel scmm_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.open-corpus", { "<Control>o", NULL } },
  { "app.import-corpus", { "<Control>i", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.open-experiment", { "<Control><Shift>o", NULL } },
  { "win.save-experiment", { "<Control>s", NULL } },
  { "win.start-run", { "<Control>r", NULL } },
  { "win.cancel-run", { "<Control>period", NULL } },
  { "win.export-figure", { "<Control>e", NULL } },
  { "win.page::data", { "<Alt>1", NULL } },
  { "win.page::experiment", { "<Alt>2", NULL } },
  { "win.page::training", { "<Alt>3", NULL } },
  { "win.page::results", { "<Alt>4", NULL } },
  { "win.page::teach", { "<Alt>5", NULL } },
};

ScmmApplication *
scmm_application_new (const char        *application_id,
                      GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (SCMM_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", SCMM_RESOURCE_BASE_PATH,
                       NULL);
}

static GtkWindow *
scmm_application_get_or_create_window (ScmmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (scmm_window_new (self));

  return window;
}

static void
scmm_application_quit (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
scmm_application_about (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  ScmmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_show_about_dialog (parent,
                         "program-name", _("SCMM Studio"),
                         "version", SCMM_VERSION,
                         "comments", _("Self-supervised EEG emotion recognition across corpora: "
                                       "Soft Contrastive Masked Modeling, seen and trained"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "logo-icon-name", SCMM_APP_ID,
                         NULL);
}

static void
scmm_application_open_corpus (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  ScmmApplication *self = user_data;
  ScmmWindow *window = SCMM_WINDOW (scmm_application_get_or_create_window (self));
  ScmmDataPage *page = SCMM_DATA_PAGE (scmm_window_get_page_widget (window, "data"));

  gtk_window_present (GTK_WINDOW (window));
  scmm_window_set_page (window, "data");
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "import-corpus"))
    scmm_data_page_choose_import (page, GTK_WINDOW (window));
  else
    scmm_data_page_choose_store (page, GTK_WINDOW (window));
}

static void
scmm_application_preferences (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  ScmmApplication *self = user_data;
  GtkWindow *parent = scmm_application_get_or_create_window (self);

  gtk_window_present (GTK_WINDOW (scmm_preferences_window_new (parent)));
}

static const GActionEntry scmm_application_actions[] = {
  { .name = "quit", .activate = scmm_application_quit },
  { .name = "about", .activate = scmm_application_about },
  { .name = "open-corpus", .activate = scmm_application_open_corpus },
  { .name = "import-corpus", .activate = scmm_application_open_corpus },
  { .name = "preferences", .activate = scmm_application_preferences },
};

static void
scmm_application_load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* GTK 4.8's GtkApplication does not load style.css from the resource base
   * path by itself (libadwaita's AdwApplication does); do it here. */
  gtk_css_provider_load_from_resource (provider, SCMM_RESOURCE_BASE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
scmm_application_startup (GApplication *application)
{
  ScmmApplication *self = SCMM_APPLICATION (application);

  G_APPLICATION_CLASS (scmm_application_parent_class)->startup (application);

  /* The display is open and no window is realized yet: the renderer can
   * still be chosen (GTK reads GSK_RENDERER once, for the first window). */
  g_autofree char *software_gl = scmm_renderer_prefer_cairo_on_software_gl ();
  if (software_gl != NULL)
    g_debug ("OpenGL is software (%s): drawing with the cairo renderer", software_gl);

  scmm_application_load_css ();

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   scmm_application_actions,
                                   G_N_ELEMENTS (scmm_application_actions),
                                   self);

  for (gsize i = 0; i < G_N_ELEMENTS (scmm_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           scmm_accels[i].action,
                                           scmm_accels[i].accels);
}

/* ---- --run and --screenshot ---- */

static void
screenshots_done (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
take_screenshots (ScmmApplication *self,
                  ScmmWindow      *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (scmm_window_get_page_widget (window, "data")));

  scmm_screenshot_pages (GTK_WINDOW (window), stack, self->screenshot_dir,
                         G_CALLBACK (screenshots_done), self);
}

static void
on_run_finished (ScmmApplication *self,
                 gboolean         ok,
                 ScmmRunTask     *task)
{
  ScmmWindow *window = SCMM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self)));

  if (!ok && scmm_run_task_get_error (task) != NULL)
    g_printerr ("scmm-studio: %s\n", scmm_run_task_get_error (task)->message);
  if (self->screenshot_dir != NULL && window != NULL)
    take_screenshots (self, window);
}

/* After the window is shown: start the --run experiment, and when there is
 * nothing to wait for, take the --screenshot pictures. */
static void
scmm_application_after_present (ScmmApplication *self,
                                ScmmWindow      *window)
{
  g_autoptr(GError) error = NULL;

  if (self->screenshots_armed)
    return;
  self->screenshots_armed = TRUE;

  if (self->run_path != NULL)
    {
      if (!scmm_window_open_file (window, self->run_path, &error)
          || !scmm_window_start_run (window, &error))
        {
          g_printerr ("scmm-studio: %s\n", error->message);
          if (self->screenshot_dir == NULL)
            scmm_show_error (GTK_WINDOW (window), _("The experiment cannot start"), error);
          else
            take_screenshots (self, window);
          return;
        }
      g_signal_connect_object (scmm_window_get_run_task (window), "finished",
                               G_CALLBACK (on_run_finished), self, G_CONNECT_SWAPPED);
      return;
    }
  if (self->screenshot_dir != NULL)
    take_screenshots (self, window);
}

static void
scmm_application_activate (GApplication *application)
{
  ScmmApplication *self = SCMM_APPLICATION (application);
  GtkWindow *window = scmm_application_get_or_create_window (self);

  gtk_window_present (window);
  scmm_application_after_present (self, SCMM_WINDOW (window));
}

static void
scmm_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  ScmmApplication *self = SCMM_APPLICATION (application);
  GtkWindow *window = scmm_application_get_or_create_window (self);

  gtk_window_present (window);
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      g_autoptr(GError) error = NULL;
      if (path != NULL && !scmm_window_open_file (SCMM_WINDOW (window), path, &error))
        scmm_show_error (window, _("The file cannot be opened"), error);
    }
  scmm_application_after_present (self, SCMM_WINDOW (window));
}

static int
scmm_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  ScmmApplication *self = SCMM_APPLICATION (application);

  g_variant_dict_lookup (options, "run", "^ay", &self->run_path);
  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot_dir);
  /* a run or screenshots belong to this process: do not hand them to another instance */
  if (self->run_path != NULL || self->screenshot_dir != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
  return -1;
}

static void
scmm_application_finalize (GObject *object)
{
  ScmmApplication *self = SCMM_APPLICATION (object);

  g_free (self->run_path);
  g_free (self->screenshot_dir);
  G_OBJECT_CLASS (scmm_application_parent_class)->finalize (object);
}

/* Quitting with a run in progress: each run stops between two steps and its
 * worker ends before the process does (the run folder is left stopped, to be
 * continued later). */
static void
scmm_application_shutdown (GApplication *application)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    if (SCMM_IS_WINDOW (l->data))
      {
        ScmmRunTask *task = scmm_window_get_run_task (SCMM_WINDOW (l->data));

        if (task != NULL)
          scmm_run_task_stop (task);
      }

  G_APPLICATION_CLASS (scmm_application_parent_class)->shutdown (application);
}

static void
scmm_application_class_init (ScmmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scmm_application_finalize;
  app_class->startup = scmm_application_startup;
  app_class->shutdown = scmm_application_shutdown;
  app_class->activate = scmm_application_activate;
  app_class->open = scmm_application_open;
  app_class->handle_local_options = scmm_application_handle_local_options;

  /* gtk/help-overlay.ui and style.css must be reachable before startup. */
  scmm_resources_ensure_registered ();
}

static const GOptionEntry scmm_application_options[] = {
  { "run", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the experiment and start it at once"), N_("EXPERIMENT.ini") },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("When the run ends (or at once, without --run), write a PNG of every page into DIR and quit"),
    N_("DIR") },
  { NULL }
};

static void
scmm_application_init (ScmmApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), scmm_application_options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[CORPUS.h5|EXPERIMENT.ini]"));
}
