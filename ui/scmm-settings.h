/* scmm-settings.h: the application's preferences (GSettings schema
 * io.github.scmm_studio.ScmmStudio): training threads, the runs folder, data
 * folders, recent corpora, the window's size. Without the compiled schema (a
 * build run in place without GSETTINGS_SCHEMA_DIR) the defaults are used and
 * nothing is remembered. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SCMM_SETTINGS_SCHEMA "io.github.scmm_studio.ScmmStudio"

/* The settings object, or NULL when the schema is not installed. */
GSettings *scmm_settings_get                 (void);
int        scmm_settings_get_threads         (void);
/* The runs folder: the setting, or <user data dir>/scmm-studio/runs. */
char      *scmm_settings_get_runs_folder     (void);
/* The folders where the user keeps corpus stores: the Data page lists the
 * stores in them and its file choosers start in the first. */
GStrv      scmm_settings_get_data_folders    (void);
void       scmm_settings_set_data_folders    (const char *const *folders);
GStrv      scmm_settings_get_recent_corpora  (void);
void       scmm_settings_add_recent_corpus   (const char *path);
void       scmm_settings_get_window          (int *width, int *height, gboolean *maximized);
void       scmm_settings_save_window         (int width, int height, gboolean maximized);

G_END_DECLS
