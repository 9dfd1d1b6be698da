/* scmm-application.c: the SCMM Studio application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <glib/gi18n.h>

#include "scmm-application.h"
#include "scmm-resources.h"
#include "scmm-window.h"

struct _ScmmApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (ScmmApplication, scmm_application, GTK_TYPE_APPLICATION)

typedef struct
{
  const char *action;
  const char *accels[3];
} ScmmAccel;

static const ScmmAccel scmm_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "win.page::data", { "<Alt>1", NULL } },
  { "win.page::experiment", { "<Alt>2", NULL } },
  { "win.page::training", { "<Alt>3", NULL } },
  { "win.page::results", { "<Alt>4", NULL } },
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
                         "logo-icon-name", "applications-science-symbolic",
                         NULL);
}

static const GActionEntry scmm_application_actions[] = {
  { .name = "quit", .activate = scmm_application_quit },
  { .name = "about", .activate = scmm_application_about },
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

static void
scmm_application_activate (GApplication *application)
{
  gtk_window_present (scmm_application_get_or_create_window (SCMM_APPLICATION (application)));
}

static void
scmm_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  /* Opening a project or a corpus from the command line comes with the data
   * store; until then a file argument just brings up the window. */
  gtk_window_present (scmm_application_get_or_create_window (SCMM_APPLICATION (application)));
}

static void
scmm_application_class_init (ScmmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = scmm_application_startup;
  app_class->activate = scmm_application_activate;
  app_class->open = scmm_application_open;

  /* gtk/help-overlay.ui and style.css must be reachable before startup. */
  scmm_resources_ensure_registered ();
}

static void
scmm_application_init (ScmmApplication *self)
{
}
