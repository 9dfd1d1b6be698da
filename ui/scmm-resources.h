/* scmm-resources.h: the UI's compiled-in GResource bundle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void scmm_resources_ensure_registered (void);

G_END_DECLS
