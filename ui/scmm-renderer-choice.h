/* scmm-renderer-choice.h: which GSK renderer draws the windows.
 *
 * GTK 4.8 draws with OpenGL when it can. Without a GPU, OpenGL is Mesa's
 * software rasterizer (llvmpipe), which redraws the whole window on the same
 * processors the training thread uses: while a run trains, frames then take
 * 25 ms and more. The cairo renderer redraws only what changed. So, unless the
 * user chose (GSK_RENDERER is set), a software OpenGL means cairo. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Call after gtk_init() and before the first window is realized (the
 * application's startup): GTK reads GSK_RENDERER once, for the first window.
 * It may set GSK_RENDERER; the helper threads running then (GDBus', Mesa's)
 * do not read the environment. Returns the OpenGL renderer's name when it is
 * software and cairo was chosen, else NULL. */
char *scmm_renderer_prefer_cairo_on_software_gl (void);

G_END_DECLS
