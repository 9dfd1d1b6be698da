/* scmm-settings.c: the application's preferences. */
#include "scmm-settings.h"

#define MAX_RECENT 10

GSettings *
scmm_settings_get (void)
{
  static GSettings *settings;
  static gsize once = 0;
  if (g_once_init_enter (&once))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr (GSettingsSchema) schema =
        source != NULL ? g_settings_schema_source_lookup (source, SCMM_SETTINGS_SCHEMA, TRUE)
                       : NULL;
      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      g_once_init_leave (&once, 1);
    }
  return settings;
}

int
scmm_settings_get_threads (void)
{
  GSettings *s = scmm_settings_get ();
  return s != NULL ? g_settings_get_int (s, "threads") : 0;
}

char *
scmm_settings_get_runs_folder (void)
{
  GSettings *s = scmm_settings_get ();
  g_autofree char *folder = s != NULL ? g_settings_get_string (s, "runs-folder") : NULL;
  if (folder != NULL && folder[0] != '\0')
    return g_steal_pointer (&folder);
  return g_build_filename (g_get_user_data_dir (), "scmm-studio", "runs", NULL);
}

GStrv
scmm_settings_get_data_folders (void)
{
  GSettings *s = scmm_settings_get ();
  return s != NULL ? g_settings_get_strv (s, "data-folders") : g_new0 (char *, 1);
}

void
scmm_settings_set_data_folders (const char *const *folders)
{
  GSettings *s = scmm_settings_get ();
  if (s != NULL)
    g_settings_set_strv (s, "data-folders", folders);
}

GStrv
scmm_settings_get_recent_corpora (void)
{
  GSettings *s = scmm_settings_get ();
  return s != NULL ? g_settings_get_strv (s, "recent-corpora") : g_new0 (char *, 1);
}

void
scmm_settings_add_recent_corpus (const char *path)
{
  GSettings *s = scmm_settings_get ();
  if (s == NULL || path == NULL || g_str_has_prefix (path, "demo:"))
    return;
  g_auto (GStrv) old = g_settings_get_strv (s, "recent-corpora");
  GPtrArray *recent = g_ptr_array_new ();
  g_ptr_array_add (recent, (gpointer) path);
  for (int i = 0; old[i] != NULL && recent->len < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      g_ptr_array_add (recent, old[i]);
  g_ptr_array_add (recent, NULL);
  g_settings_set_strv (s, "recent-corpora", (const char *const *) recent->pdata);
  g_ptr_array_free (recent, TRUE);
}

void
scmm_settings_get_window (int *width, int *height, gboolean *maximized)
{
  GSettings *s = scmm_settings_get ();
  *width = s != NULL ? g_settings_get_int (s, "window-width") : 1200;
  *height = s != NULL ? g_settings_get_int (s, "window-height") : 800;
  *maximized = s != NULL && g_settings_get_boolean (s, "window-maximized");
  *width = MAX (*width, 640);
  *height = MAX (*height, 480);
}

void
scmm_settings_save_window (int width, int height, gboolean maximized)
{
  GSettings *s = scmm_settings_get ();
  if (s == NULL)
    return;
  g_settings_set_boolean (s, "window-maximized", maximized);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (s, "window-width", width);
      g_settings_set_int (s, "window-height", height);
    }
}
