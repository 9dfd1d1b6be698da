/* scmm-corpus-info.c: a corpus summarised for people and for programs. */
#include "scmm-corpus-info.h"

static void
append_json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_json_number (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.10g", v));
}

char *
scmm_corpus_to_json (const ScmmCorpus *c)
{
  ScmmCorpusCounts n = scmm_corpus_count (c);
  GString *out = g_string_new ("{");
  g_string_append (out, "\"name\": ");
  append_json_string (out, c->name);
  g_string_append (out, ", \"importer\": ");
  append_json_string (out, c->importer);
  g_string_append (out, ", \"feature\": ");
  append_json_string (out, c->feature);
  g_string_append (out, ", \"smoothing\": ");
  append_json_string (out, c->smoothing);
  g_string_append_printf (out, ", \"subjects\": %d, \"sessions\": %d, \"trials\": %d, "
                               "\"windows\": %" G_GINT64_FORMAT ", \"channels\": %d, "
                               "\"bands\": %d, \"window_s\": ",
                          n.subjects, n.sessions, n.trials, n.windows, c->n_channels, c->n_bands);
  append_json_number (out, c->window_s);
  g_string_append (out, ", \"source_rate_hz\": ");
  append_json_number (out, c->source_rate_hz);
  g_string_append (out, ", \"classes\": [");
  for (int k = 0; k < c->n_classes; k++)
    {
      g_string_append (out, k ? ", {\"name\": " : "{\"name\": ");
      append_json_string (out, c->class_names[k]);
      g_string_append_printf (out, ", \"windows\": %" G_GINT64_FORMAT "}",
                              k < SCMM_CORPUS_MAX_CLASSES ? n.class_windows[k] : 0);
    }
  g_string_append_printf (out, "], \"unlabelled_windows\": %" G_GINT64_FORMAT
                               ", \"channel_names\": [", n.unlabelled_windows);
  for (int ch = 0; ch < c->n_channels; ch++)
    {
      if (ch)
        g_string_append (out, ", ");
      append_json_string (out, c->channel_names[ch]);
    }
  g_string_append (out, "], \"band_edges_hz\": [");
  for (int b = 0; b < c->n_bands; b++)
    {
      g_string_append (out, b ? ", [" : "[");
      append_json_number (out, c->bands[b].low_hz);
      g_string_append (out, ", ");
      append_json_number (out, c->bands[b].high_hz);
      g_string_append (out, "]");
    }
  g_string_append_printf (out, "], \"source_files\": %u}", c->provenance->len);
  return g_string_free (out, FALSE);
}

char *
scmm_corpus_describe (const ScmmCorpus *c)
{
  ScmmCorpusCounts n = scmm_corpus_count (c);
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "%s (imported by %s %s)\n", c->name, c->importer,
                          c->importer_version);
  g_string_append_printf (out, "  %d subjects, %d sessions, %d trials, %" G_GINT64_FORMAT
                               " windows of %g s\n",
                          n.subjects, n.sessions, n.trials, n.windows, c->window_s);
  g_string_append_printf (out, "  %d channels x %d bands; features %s, smoothing %s",
                          c->n_channels, c->n_bands, c->feature, c->smoothing);
  if (c->source_rate_hz > 0)
    g_string_append_printf (out, "; EEG at %g Hz", c->source_rate_hz);
  g_string_append (out, "\n  classes:");
  for (int k = 0; k < c->n_classes; k++)
    g_string_append_printf (out, " %s (%" G_GINT64_FORMAT " windows)%s", c->class_names[k],
                            n.class_windows[k], k + 1 < c->n_classes ? "," : "");
  if (c->n_classes == 0)
    g_string_append (out, " none (unlabelled)");
  if (n.unlabelled_windows > 0 && c->n_classes > 0)
    g_string_append_printf (out, "; %" G_GINT64_FORMAT " unlabelled windows",
                            n.unlabelled_windows);
  g_string_append_printf (out, "\n  bands:");
  static const char *const names[] = { "delta", "theta", "alpha", "beta", "gamma" };
  for (int b = 0; b < c->n_bands && b < 5; b++)
    g_string_append_printf (out, " %s %g-%g Hz%s", names[b], c->bands[b].low_hz,
                            c->bands[b].high_hz, b + 1 < c->n_bands ? "," : "");
  g_string_append_printf (out, "\n  %u source files\n", c->provenance->len);
  return g_string_free (out, FALSE);
}
