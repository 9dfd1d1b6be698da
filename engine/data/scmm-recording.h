/* scmm-recording.h: a raw EEG recording as read from a file (EDF, EDF+, BDF,
 * EEGLAB): channels, one sampling rate, samples in physical units, events.
 *
 * Readers are lenient where real files are sloppy (non-blank reserved
 * fields, odd padding, -1 record counts) and strict where a mistake would
 * corrupt data (sizes that do not add up, impossible rates). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double  onset_s;      /* from the start of the recording */
  double  duration_s;   /* 0 when the file gives none */
  char   *text;         /* annotation text or event type, UTF-8 */
} ScmmEvent;

typedef struct {
  char    *source_path;
  char    *format;          /* "EDF", "EDF+C", "EDF+D", "BDF", "BDF+", "EEGLAB" */
  char    *subject;         /* the file's patient/subject field, "" when none */
  int      n_channels;
  gint64   n_samples;       /* per channel */
  double   rate_hz;
  char   **channel_names;   /* n_channels, as in the file (trimmed); NULL-terminated */
  char   **channel_units;   /* n_channels, after conversion ("uV" for voltages); NULL-terminated */
  float   *data;            /* [n_channels, n_samples], row-major; voltages in microvolts */
  GArray  *events;          /* ScmmEvent, by onset */
  char   **skipped;         /* signals left out (annotations, other rates), with why; NULL-terminated */
} ScmmRecording;

void scmm_recording_free (ScmmRecording *recording);

/* Appends an event, taking `text`. */
void scmm_events_append  (GArray *events, double onset_s, double duration_s, char *text);
/* Sorts events by onset; events with the same onset keep their order. */
void scmm_events_sort    (GArray *events);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmRecording, scmm_recording_free)

G_END_DECLS
