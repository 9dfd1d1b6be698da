/* scmm-application.h: the SCMM Studio application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SCMM_TYPE_APPLICATION (scmm_application_get_type ())

G_DECLARE_FINAL_TYPE (ScmmApplication, scmm_application, SCMM, APPLICATION, GtkApplication)

ScmmApplication *scmm_application_new (const char        *application_id,
                                       GApplicationFlags  flags);

G_END_DECLS
