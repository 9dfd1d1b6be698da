/* scmm-studio-main.c: entry point of the SCMM Studio application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include "scmm-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ScmmApplication) app = scmm_application_new (SCMM_APP_ID, G_APPLICATION_HANDLES_OPEN);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
