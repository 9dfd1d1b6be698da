/* scmm-eeglab.h: EEGLAB datasets (.set, a MATLAB struct `EEG`, with the
 * samples either inside it or in a separate .fdt of float32, channels x
 * samples, column-major). Events from EEG.event (type, latency in samples,
 * duration) are kept. */
#pragma once

#include <glib.h>

#include "scmm-recording.h"

G_BEGIN_DECLS

ScmmRecording *scmm_eeglab_read (const char *set_path, GError **error);

G_END_DECLS
