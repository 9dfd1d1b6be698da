/* scmm-edf.h: EDF, EDF+ (continuous and discontinuous) and BDF/BDF+ reader.
 *
 * Ordinary signals that share the sampling rate of the first ordinary
 * signal become the recording's channels; annotation signals ("EDF
 * Annotations", "BDF Annotations") become its events; anything else is
 * listed in `skipped`. Errors name the file and the field. */
#pragma once

#include <glib.h>

#include "scmm-recording.h"

G_BEGIN_DECLS

ScmmRecording *scmm_edf_read (const char *path, GError **error);

G_END_DECLS
