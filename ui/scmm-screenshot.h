/* scmm-screenshot.h: PNG screenshots of the window's pages, as
 * `scmm-studio --screenshot DIR` writes them (and the docs' pictures). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Renders `widget` (mapped, drawn) with its window's renderer, so GL content
 * is captured too, and writes a PNG. */
gboolean scmm_screenshot_save (GdkPaintable *paintable, GtkWidget *widget, const char *path,
                               GError **error);

/* Shows each page of `window` in turn, waits until it is drawn, writes
 * DIR/<page>.png, then calls `done` (on the main loop). */
void     scmm_screenshot_pages (GtkWindow *window, GtkStack *stack, const char *dir,
                                GCallback done, gpointer user_data);

G_END_DECLS
