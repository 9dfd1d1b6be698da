/* scmm-studio-main.c: entry point of the SCMM Studio application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include "scmm-application.h"
#include "scmm-renderer-choice.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ScmmApplication) app = NULL;

  /* The display is opened here, before the application starts any thread,
   * so that the renderer can still be chosen (GTK reads GSK_RENDERER once).
   * Without a display, GtkApplication reports the problem itself. */
  if (gtk_init_check ())
    g_free (scmm_renderer_prefer_cairo_on_software_gl ());

  app = scmm_application_new (SCMM_APP_ID, G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
