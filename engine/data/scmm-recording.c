/* scmm-recording.c: a raw EEG recording. */
#include "scmm-recording.h"

void
scmm_recording_free (ScmmRecording *recording)
{
  if (recording == NULL)
    return;
  g_free (recording->source_path);
  g_free (recording->format);
  g_free (recording->subject);
  g_strfreev (recording->channel_names);
  g_strfreev (recording->channel_units);
  g_free (recording->data);
  if (recording->events != NULL)
    {
      for (guint i = 0; i < recording->events->len; i++)
        g_free (g_array_index (recording->events, ScmmEvent, i).text);
      g_array_unref (recording->events);
    }
  g_strfreev (recording->skipped);
  g_free (recording);
}

void
scmm_events_append (GArray *events, double onset_s, double duration_s, char *text)
{
  ScmmEvent e = { onset_s, duration_s, text };
  g_array_append_val (events, e);
}

static gint
compare_events (gconstpointer a, gconstpointer b)
{
  double x = ((const ScmmEvent *) a)->onset_s, y = ((const ScmmEvent *) b)->onset_s;
  return (x > y) - (x < y);
}

void
scmm_events_sort (GArray *events)
{
  g_array_sort (events, compare_events);   /* stable since GLib 2.32: ties keep file order */
}
