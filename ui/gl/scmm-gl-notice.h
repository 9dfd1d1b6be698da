/* scmm-gl-notice.h: the window's notice that figures are drawn without OpenGL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Puts a hidden, dismissable bar above the window's child. It shows "OpenGL
 * is unavailable: figures are drawn with cairo (reason)" when a figure view
 * reports the failure (ScmmGlStatus), in the first window to hear of it: once
 * a process. Call once the window has its child. */
void       scmm_gl_notice_attach     (GtkWindow *window);
/* The bar attach added to the window, NULL when none (for tests). */
GtkWidget *scmm_gl_notice_get_bar    (GtkWindow *window);

G_END_DECLS
