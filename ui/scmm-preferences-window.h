/* scmm-preferences-window.h: the preferences (GSettings): training threads
 * and the runs folder. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SCMM_TYPE_PREFERENCES_WINDOW (scmm_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ScmmPreferencesWindow, scmm_preferences_window, SCMM, PREFERENCES_WINDOW,
                      GtkWindow)

GtkWidget *scmm_preferences_window_new (GtkWindow *parent);

G_END_DECLS
