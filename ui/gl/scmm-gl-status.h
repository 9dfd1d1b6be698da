/* scmm-gl-status.h: whether OpenGL works in this process, for everyone to see
 *
 * Each figure view draws its data with OpenGL and falls back to cairo, for
 * good, when its GL area cannot be realized or reports an error. Views report
 * that here; the window watches the "unavailable" property and says so once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SCMM_TYPE_GL_STATUS (scmm_gl_status_get_type ())
G_DECLARE_FINAL_TYPE (ScmmGlStatus, scmm_gl_status, SCMM, GL_STATUS, GObject)

/* The process's one status (main thread only). */
ScmmGlStatus *scmm_gl_status_get_default     (void);
/* TRUE once a view could not draw with OpenGL. */
gboolean      scmm_gl_status_get_unavailable (ScmmGlStatus *status);
/* Why, in the words of the first error reported; NULL while available. */
const char   *scmm_gl_status_get_reason      (ScmmGlStatus *status);
/* A view could not use OpenGL: the first report sets "unavailable". */
void          scmm_gl_status_report_failure  (ScmmGlStatus *status, const GError *error);
/* TRUE the first time it is called after a failure, FALSE ever after: the
 * notice is shown once a process, whichever window asks first. */
gboolean      scmm_gl_status_claim_notice    (ScmmGlStatus *status);

G_END_DECLS
