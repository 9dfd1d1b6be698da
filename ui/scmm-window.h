/* scmm-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "scmm-application.h"

G_BEGIN_DECLS

#define SCMM_TYPE_WINDOW (scmm_window_get_type ())

G_DECLARE_FINAL_TYPE (ScmmWindow, scmm_window, SCMM, WINDOW, GtkApplicationWindow)

ScmmWindow *scmm_window_new      (ScmmApplication *application);
const char *scmm_window_get_page (ScmmWindow      *self);
void        scmm_window_set_page (ScmmWindow      *self,
                                  const char      *name);

G_END_DECLS
