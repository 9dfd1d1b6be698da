/* scmm-edf.c: EDF, EDF+ and BDF/BDF+ reader.
 *
 * The layout (EDF: Kemp et al. 1992; EDF+: Kemp & Olivan 2003; BDF: BioSemi):
 * a 256-byte fixed header, then 256 bytes per signal stored field by field
 * (all labels, then all transducers, ...), then the data records. A record
 * holds, signal after signal, that signal's samples per record as 16-bit
 * (EDF) or 24-bit (BDF) little-endian two's-complement integers. Annotation
 * signals carry bytes instead: EDF+ time-stamped annotation lists (TALs).
 *
 * The header is read and checked first, then the records in one pass, a few
 * MiB at a time, decoding each channel straight into its row of the output. */
#define G_LOG_DOMAIN "scmm-edf"

#include "scmm-edf.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "scmm-error.h"

#define FIXED_HEADER_BYTES 256
#define SIGNAL_HEADER_BYTES 256
/* Records decoded per read: enough to read a typical EDF in one go, little
 * enough that a multi-GB BDF does not need a second copy in memory. */
#define CHUNK_BYTES ((gsize) 4 << 20)
/* Onsets of consecutive EDF+D records closer than this count as contiguous. */
#define GAP_TOLERANCE_S 1e-6

/* Offsets and widths in the fixed header. */
enum {
  HDR_VERSION = 0,
  HDR_PATIENT = 8,
  HDR_HEADER_BYTES = 184,
  HDR_RESERVED = 192,
  HDR_N_RECORDS = 236,
  HDR_RECORD_DURATION = 244,
  HDR_N_SIGNALS = 252,
};

/* The per-signal fields, in the order they are stored. */
typedef enum {
  SIG_LABEL,
  SIG_TRANSDUCER,
  SIG_UNIT,
  SIG_PHYS_MIN,
  SIG_PHYS_MAX,
  SIG_DIG_MIN,
  SIG_DIG_MAX,
  SIG_PREFILTER,
  SIG_SAMPLES,
  SIG_RESERVED,
  N_SIG_FIELDS
} SignalField;

static const struct {
  const char *name;
  int         width;
} signal_fields[N_SIG_FIELDS] = {
  [SIG_LABEL] = { "label", 16 },
  [SIG_TRANSDUCER] = { "transducer type", 80 },
  [SIG_UNIT] = { "physical dimension", 8 },
  [SIG_PHYS_MIN] = { "physical minimum", 8 },
  [SIG_PHYS_MAX] = { "physical maximum", 8 },
  [SIG_DIG_MIN] = { "digital minimum", 8 },
  [SIG_DIG_MAX] = { "digital maximum", 8 },
  [SIG_PREFILTER] = { "prefiltering", 80 },
  [SIG_SAMPLES] = { "number of samples in each data record", 8 },
  [SIG_RESERVED] = { "reserved", 32 },
};

typedef struct {
  char    *label;
  gint64   samples;       /* per data record */
  gsize    byte_offset;   /* of its first sample within a record */
  gboolean annotation;
  int      channel;       /* row in the recording, -1 when not a channel */
  double   gain, offset;  /* value = gain * digital + offset, in the channel's unit */
} EdfSignal;

/* An annotation as stored: onset in seconds from the header's start time. */
typedef struct {
  double onset_s;
  double duration_s;
  char  *text;
} TalAnnotation;

typedef struct {
  const char    *path;
  FILE          *file;
  gint64         file_size;
  const guint8  *fixed;          /* the 256-byte fixed header */
  const guint8  *signal_block;   /* the n_signals x 256 signal header */
  gboolean       bdf;
  int            sample_bytes;   /* 2 (EDF) or 3 (BDF) */
  gboolean       plus;           /* EDF+ or BDF+ */
  gboolean       discontinuous;  /* EDF+D or BDF+D */
  int            n_signals;
  gint64         n_records;
  double         record_s;
  gsize          record_bytes;
  EdfSignal     *signals;
  int            n_channels;
  gint64         channel_samples; /* per record, shared by all channels */
  int            first_annotation; /* signal index, -1 when none */
  GPtrArray     *channel_names;
  GPtrArray     *channel_units;
  GPtrArray     *skipped;
  GArray        *annotations;    /* TalAnnotation */
  double        *record_onsets;  /* from the time-keeping TALs, NAN when absent */
} EdfReader;

static void
edf_reader_clear (EdfReader *r)
{
  if (r->file != NULL)
    fclose (r->file);
  if (r->signals != NULL)
    for (int i = 0; i < r->n_signals; i++)
      g_free (r->signals[i].label);
  g_free (r->signals);
  g_clear_pointer (&r->channel_names, g_ptr_array_unref);
  g_clear_pointer (&r->channel_units, g_ptr_array_unref);
  g_clear_pointer (&r->skipped, g_ptr_array_unref);
  if (r->annotations != NULL)
    {
      for (guint i = 0; i < r->annotations->len; i++)
        g_free (g_array_index (r->annotations, TalAnnotation, i).text);
      g_array_unref (r->annotations);
    }
  g_free (r->record_onsets);
}

G_GNUC_PRINTF (3, 4) static gboolean
fail (EdfReader *r, GError **error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: %s", r->path, message);
  return FALSE;
}

/* ---- header fields ---------------------------------------------------- */

/* A header field as text: NULs (some writers pad with them) become blanks,
 * the ends are trimmed, and bytes that are not UTF-8 are read as Latin-1,
 * which is what writers that put "µV" in a header use. */
static char *
field_text (const guint8 *bytes, int width)
{
  g_autofree char *raw = g_malloc (width + 1);
  for (int i = 0; i < width; i++)
    raw[i] = bytes[i] == '\0' ? ' ' : (char) bytes[i];
  raw[width] = '\0';
  g_strstrip (raw);
  if (g_utf8_validate (raw, -1, NULL))
    return g_steal_pointer (&raw);
  char *converted = g_convert (raw, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  return converted != NULL ? converted : g_utf8_make_valid (raw, -1);
}

static char *
fixed_field (EdfReader *r, int offset, int width)
{
  return field_text (r->fixed + offset, width);
}

static char *
signal_field (EdfReader *r, int signal, SignalField field)
{
  gsize offset = 0;
  for (int f = 0; f < (int) field; f++)
    offset += (gsize) signal_fields[f].width * r->n_signals;
  offset += (gsize) signal_fields[field].width * signal;
  return field_text (r->signal_block + offset, signal_fields[field].width);
}

/* A decimal number; a lone decimal comma ("0,5", written by some European
 * tools) is read as a point. */
static gboolean
parse_number (const char *text, double *value)
{
  if (text[0] == '\0' || strlen (text) > 63)
    return FALSE;
  char buffer[64];
  g_strlcpy (buffer, text, sizeof buffer);
  char *comma = strchr (buffer, ',');
  if (comma != NULL && strchr (buffer, '.') == NULL && strchr (comma + 1, ',') == NULL)
    *comma = '.';
  char *end = NULL;
  errno = 0;
  double v = g_ascii_strtod (buffer, &end);
  if (end == buffer || *end != '\0' || errno == ERANGE || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

/* An integer, also when written "160.0". */
static gboolean
parse_integer (const char *text, gint64 *value)
{
  double v;
  if (!parse_number (text, &v) || v != floor (v) || fabs (v) > 9007199254740992.0)
    return FALSE;
  *value = (gint64) v;
  return TRUE;
}

static gboolean
not_a_number (EdfReader *r, const char *field, const char *text, GError **error)
{
  g_autofree char *shown = g_strescape (text, NULL);
  return fail (r, error, "header field “%s” is “%s”, not a number", field, shown);
}

static gboolean
signal_not_a_number (EdfReader *r, int signal, SignalField field, const char *text,
                     GError **error)
{
  g_autofree char *shown = g_strescape (text, NULL);
  return fail (r, error, "signal %d (“%s”): header field “%s” is “%s”, not a number",
               signal + 1, r->signals[signal].label, signal_fields[field].name, shown);
}

static gboolean
fixed_integer (EdfReader *r, int offset, int width, const char *name, gint64 *value,
               GError **error)
{
  g_autofree char *text = fixed_field (r, offset, width);
  if (!parse_integer (text, value))
    return not_a_number (r, name, text, error);
  return TRUE;
}

static gboolean
signal_number (EdfReader *r, int signal, SignalField field, double *value, GError **error)
{
  g_autofree char *text = signal_field (r, signal, field);
  if (!parse_number (text, value))
    return signal_not_a_number (r, signal, field, text, error);
  return TRUE;
}

/* ---- reading the header ----------------------------------------------- */

static gboolean
open_file (EdfReader *r, GError **error)
{
  r->file = g_fopen (r->path, "rb");
  if (r->file == NULL)
    {
      int saved = errno;
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: cannot be opened: %s", r->path,
                   g_strerror (saved));
      return FALSE;
    }
  struct stat st;
  if (fstat (fileno (r->file), &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: not a regular file", r->path);
      return FALSE;
    }
  r->file_size = (gint64) st.st_size;
  return TRUE;
}

static gboolean
read_exactly (EdfReader *r, guint8 *buffer, gsize n, const char *what, GError **error)
{
  if (fread (buffer, 1, n, r->file) == n)
    return TRUE;
  if (ferror (r->file))
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: cannot read the %s: %s", r->path,
                 what, g_strerror (errno));
  else
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO,
                 "%s: the file ended while reading the %s (did it change while being read?)",
                 r->path, what);
  return FALSE;
}

/* The version field: "0" for EDF, 0xFF "BIOSEMI" for BDF. */
static gboolean
read_version (EdfReader *r, GError **error)
{
  r->bdf = r->fixed[0] == 0xFF && memcmp (r->fixed + 1, "BIOSEMI", 7) == 0;
  r->sample_bytes = r->bdf ? 3 : 2;
  if (r->bdf)
    return TRUE;
  g_autofree char *version = fixed_field (r, HDR_VERSION, 8);
  gboolean digits = version[0] != '\0';
  for (const char *c = version; *c != '\0'; c++)
    digits = digits && g_ascii_isdigit (*c);
  if (!digits)
    {
      g_autofree char *shown = g_strescape (version, NULL);
      return fail (r, error, "not an EDF or BDF file (the version field is “%s”, not “0” "
                   "or “\\377BIOSEMI”)", shown);
    }
  return TRUE;
}

/* "EDF+C", "EDF+D", "BDF+C", "BDF+D" mark the + variants; anything else in
 * the reserved field (BDF's "24BIT", leftovers of other writers) is ignored. */
static void
read_variant (EdfReader *r)
{
  g_autofree char *reserved = fixed_field (r, HDR_RESERVED, 44);
  r->plus = g_str_has_prefix (reserved, "EDF+") || g_str_has_prefix (reserved, "BDF+");
  r->discontinuous = r->plus && reserved[4] == 'D';
}

static gboolean
read_fixed_header (EdfReader *r, guint8 *fixed, GError **error)
{
  if (r->file_size == 0)
    return fail (r, error, "the file is empty, not an EDF or BDF file");
  if (r->file_size < FIXED_HEADER_BYTES)
    return fail (r, error, "truncated: %" G_GINT64_FORMAT " bytes, less than the %d-byte "
                 "header of an EDF or BDF file", r->file_size, FIXED_HEADER_BYTES);
  if (!read_exactly (r, fixed, FIXED_HEADER_BYTES, "header", error))
    return FALSE;
  r->fixed = fixed;
  if (!read_version (r, error))
    return FALSE;
  read_variant (r);

  gint64 n_signals = 0, header_bytes = 0;
  if (!fixed_integer (r, HDR_N_SIGNALS, 4, "number of signals", &n_signals, error))
    return FALSE;
  if (n_signals <= 0)
    return fail (r, error, "header field “number of signals” is %" G_GINT64_FORMAT
                 ", there must be at least one signal", n_signals);
  /* 4 digits bound n_signals to 9999: the sizes below cannot overflow. */
  r->n_signals = (int) n_signals;
  gint64 expected = (gint64) SIGNAL_HEADER_BYTES * (n_signals + 1);
  if (!fixed_integer (r, HDR_HEADER_BYTES, 8, "number of bytes in header", &header_bytes,
                      error))
    return FALSE;
  if (header_bytes != expected)
    return fail (r, error, "header field “number of bytes in header” is %" G_GINT64_FORMAT
                 ", but %d signals need %" G_GINT64_FORMAT, header_bytes, r->n_signals,
                 expected);
  if (r->file_size < expected)
    return fail (r, error, "truncated inside the header: %" G_GINT64_FORMAT " bytes, the "
                 "header of %d signals needs %" G_GINT64_FORMAT, r->file_size, r->n_signals,
                 expected);

  g_autofree char *duration = fixed_field (r, HDR_RECORD_DURATION, 8);
  if (!parse_number (duration, &r->record_s))
    return not_a_number (r, "duration of a data record", duration, error);
  /* Below a microsecond is damage, and would make rates overflow. */
  if (r->record_s < 1e-6)
    return fail (r, error, "header field “duration of a data record” is %g s; it must be "
                 "positive (at least a microsecond)", r->record_s);
  return TRUE;
}

/* Checks the signal headers and lays out a data record. */
static gboolean
read_signal_layout (EdfReader *r, GError **error)
{
  r->signals = g_new0 (EdfSignal, r->n_signals);
  r->first_annotation = -1;
  guint64 offset = 0;
  for (int i = 0; i < r->n_signals; i++)
    {
      EdfSignal *s = &r->signals[i];
      s->label = signal_field (r, i, SIG_LABEL);
      s->channel = -1;
      s->annotation = strcmp (s->label, "EDF Annotations") == 0
                      || strcmp (s->label, "BDF Annotations") == 0;
      if (s->annotation && r->first_annotation < 0)
        r->first_annotation = i;

      g_autofree char *samples = signal_field (r, i, SIG_SAMPLES);
      if (!parse_integer (samples, &s->samples))
        return signal_not_a_number (r, i, SIG_SAMPLES, samples, error);
      if (s->samples <= 0 || s->samples > G_MAXINT32)
        return fail (r, error, "signal %d (“%s”): header field “%s” is %" G_GINT64_FORMAT
                     "; it must be between 1 and %d", i + 1, s->label,
                     signal_fields[SIG_SAMPLES].name, s->samples, G_MAXINT32);
      s->byte_offset = offset;
      /* At most 9999 signals x 2^31 samples x 3 bytes: no overflow in 64 bits. */
      offset += (guint64) s->samples * r->sample_bytes;
      if (offset > (guint64) r->file_size)
        return fail (r, error, "one data record would need more than the %" G_GINT64_FORMAT
                     " bytes of the whole file (signal %d, “%s”, has %" G_GINT64_FORMAT
                     " samples per record)", r->file_size, i + 1, s->label, s->samples);
    }
  r->record_bytes = (gsize) offset;
  return TRUE;
}

/* "uV" for every voltage; other units are kept as written. */
static double
unit_scale (const char *unit, const char **converted)
{
  static const char *const micro[] = {
    "uV", "\xc2\xb5V" /* µV, micro sign */, "\xce\xbcV" /* μV, Greek mu */,
    "microV", "microvolt", "microvolts",
  };
  *converted = unit;
  for (gsize i = 0; i < G_N_ELEMENTS (micro); i++)
    if (g_ascii_strcasecmp (unit, micro[i]) == 0)
      {
        *converted = "uV";
        return 1.0;
      }
  if (g_ascii_strcasecmp (unit, "mV") == 0)
    {
      *converted = "uV";
      return 1e3;
    }
  if (g_ascii_strcasecmp (unit, "V") == 0)
    {
      *converted = "uV";
      return 1e6;
    }
  if (g_ascii_strcasecmp (unit, "nV") == 0)
    {
      *converted = "uV";
      return 1e-3;
    }
  return 1.0;
}

/* physical = (digital - dmin) (pmax - pmin) / (dmax - dmin) + pmin, folded
 * into one multiply-add and scaled to microvolts. */
static gboolean
read_scaling (EdfReader *r, int i, GError **error)
{
  EdfSignal *s = &r->signals[i];
  double pmin, pmax, dmin, dmax;
  if (!signal_number (r, i, SIG_PHYS_MIN, &pmin, error)
      || !signal_number (r, i, SIG_PHYS_MAX, &pmax, error)
      || !signal_number (r, i, SIG_DIG_MIN, &dmin, error)
      || !signal_number (r, i, SIG_DIG_MAX, &dmax, error))
    return FALSE;
  if (dmin == dmax)
    return fail (r, error, "signal %d (“%s”): digital minimum and maximum are both %g, so "
                 "its values cannot be scaled", i + 1, s->label, dmin);
  g_autofree char *unit = signal_field (r, i, SIG_UNIT);
  const char *converted;
  double scale = unit_scale (unit, &converted);
  /* Bounded so that no digital value, however far outside [dmin, dmax],
   * scales beyond what a float holds. */
  if (fabs (pmin * scale) > 1e30 || fabs (pmax * scale) > 1e30)
    return fail (r, error, "signal %d (“%s”): physical range %g to %g %s is out of range",
                 i + 1, s->label, pmin, pmax, unit);
  double gain = (pmax - pmin) / (dmax - dmin);
  s->gain = gain * scale;
  s->offset = (pmin - dmin * gain) * scale;
  g_ptr_array_add (r->channel_units, g_strdup (converted));
  return TRUE;
}

static char *
format_rate (double hz)
{
  return g_strdup_printf ("%.6g Hz", hz);
}

/* The channels are the ordinary signals sampled like the first one. */
static gboolean
choose_channels (EdfReader *r, GError **error)
{
  r->channel_names = g_ptr_array_new_with_free_func (g_free);
  r->channel_units = g_ptr_array_new_with_free_func (g_free);
  r->skipped = g_ptr_array_new_with_free_func (g_free);
  r->channel_samples = -1;
  for (int i = 0; i < r->n_signals; i++)
    {
      EdfSignal *s = &r->signals[i];
      if (s->annotation)
        {
          g_ptr_array_add (r->skipped,
                           g_strdup_printf ("%s: annotations (read as events)", s->label));
          continue;
        }
      if (r->channel_samples < 0)
        r->channel_samples = s->samples;
      if (s->samples != r->channel_samples)
        {
          g_autofree char *rate = format_rate (s->samples / r->record_s);
          g_autofree char *wanted = format_rate (r->channel_samples / r->record_s);
          g_ptr_array_add (r->skipped, g_strdup_printf ("%s: %s, not %s", s->label, rate,
                                                        wanted));
          continue;
        }
      if (!read_scaling (r, i, error))
        return FALSE;
      s->channel = r->n_channels++;
      g_ptr_array_add (r->channel_names, g_strdup (s->label));
    }
  if (r->n_channels == 0)
    return fail (r, error, "holds only annotation signals, no EEG");
  return TRUE;
}

/* A record count of -1 (or blank, or anything not positive) means "unknown":
 * it comes from the file size, and a last partial record is dropped. A count
 * the file cannot hold is refused rather than silently shortened. */
static gboolean
count_records (EdfReader *r, GError **error)
{
  gint64 header_bytes = (gint64) SIGNAL_HEADER_BYTES * (r->n_signals + 1);
  gint64 data_bytes = r->file_size - header_bytes;
  gint64 available = data_bytes / (gint64) r->record_bytes;
  g_autofree char *text = fixed_field (r, HDR_N_RECORDS, 8);
  gint64 claimed = -1;
  if (text[0] != '\0' && !parse_integer (text, &claimed))
    return not_a_number (r, "number of data records", text, error);
  if (available == 0)
    return fail (r, error, "truncated before the first data record: %" G_GINT64_FORMAT
                 " bytes after the header, one record needs %" G_GSIZE_FORMAT,
                 data_bytes, r->record_bytes);
  if (claimed <= 0)
    {
      g_debug ("%s: number of data records is “%s”; %" G_GINT64_FORMAT
               " from the file size", r->path, text, available);
      r->n_records = available;
    }
  else if (claimed > available)
    return fail (r, error, "header field “number of data records” is %" G_GINT64_FORMAT
                 ", but the file holds only %" G_GINT64_FORMAT " (truncated?)", claimed,
                 available);
  else
    r->n_records = claimed;
  if (data_bytes % (gint64) r->record_bytes != 0 || r->n_records < available)
    g_debug ("%s: %" G_GINT64_FORMAT " bytes after the last data record ignored", r->path,
             data_bytes - r->n_records * (gint64) r->record_bytes);
  return TRUE;
}

static gboolean
read_header (EdfReader *r, guint8 *fixed, guint8 **signal_block, GError **error)
{
  if (!read_fixed_header (r, fixed, error))
    return FALSE;
  gsize block_bytes = (gsize) SIGNAL_HEADER_BYTES * r->n_signals;
  *signal_block = g_malloc (block_bytes);
  if (!read_exactly (r, *signal_block, block_bytes, "signal headers", error))
    return FALSE;
  r->signal_block = *signal_block;
  return read_signal_layout (r, error) && choose_channels (r, error)
         && count_records (r, error);
}

/* ---- annotations ------------------------------------------------------ */

/* An onset ("+12.5", "-0.1") or a duration ("4.2") of a TAL. */
static gboolean
parse_tal_number (const guint8 *bytes, gsize n, gboolean signed_required, double *value)
{
  if (n == 0 || n > 63)
    return FALSE;
  if (signed_required && bytes[0] != '+' && bytes[0] != '-')
    return FALSE;
  char buffer[64];
  memcpy (buffer, bytes, n);
  buffer[n] = '\0';
  return parse_number (buffer, value);
}

static void
add_annotation (EdfReader *r, double onset, double duration, const guint8 *text, gsize n)
{
  TalAnnotation a = { onset, duration, g_utf8_make_valid ((const char *) text, n) };
  g_array_append_val (r->annotations, a);
}

/* One TAL: onset [0x15 duration] 0x14 (text 0x14)*. Empty texts (the
 * time-keeping TAL's) are not events. Returns FALSE when the TAL is damaged;
 * it is skipped then. `first_empty` tells whether its first text was empty,
 * which is what marks the time-keeping TAL. */
static gboolean
parse_tal (EdfReader *r, const guint8 *tal, gsize n, double *onset, gboolean *first_empty)
{
  const guint8 *end = tal + n;
  const guint8 *p = tal;
  while (p < end && *p != 0x14 && *p != 0x15)
    p++;
  if (p == end || !parse_tal_number (tal, p - tal, TRUE, onset))
    return FALSE;
  double duration = 0;
  if (*p == 0x15)
    {
      const guint8 *d = ++p;
      while (p < end && *p != 0x14)
        p++;
      if (p == end)
        return FALSE;
      if (!parse_tal_number (d, p - d, FALSE, &duration) || duration < 0)
        duration = 0;
    }
  p++;   /* the 0x14 after onset and duration */
  *first_empty = p >= end || *p == 0x14;
  while (p < end)
    {
      const guint8 *text = p;
      while (p < end && *p != 0x14)
        p++;
      if (p > text)
        add_annotation (r, *onset, duration, text, p - text);
      p++;
    }
  return TRUE;
}

/* The TALs of one annotation signal in one record: each ends with 0x00,
 * and the unused rest of the signal is 0x00 too. */
static void
parse_annotation_signal (EdfReader *r, const guint8 *bytes, gsize n, gint64 record,
                         gboolean time_keeping)
{
  gsize i = 0;
  gboolean first = TRUE;
  while (i < n)
    {
      if (bytes[i] == 0)
        {
          i++;
          continue;
        }
      gsize start = i;
      while (i < n && bytes[i] != 0)
        i++;
      double onset;
      gboolean first_empty;
      if (parse_tal (r, bytes + start, i - start, &onset, &first_empty) && first
          && time_keeping && first_empty)
        r->record_onsets[record] = onset;
      first = FALSE;
    }
}

/* ---- data records ----------------------------------------------------- */

static void
decode_edf (const guint8 *src, gint64 n, double gain, double offset, float *dst)
{
  for (gint64 i = 0; i < n; i++)
    {
      int d = src[2 * i] | src[2 * i + 1] << 8;
      d = (d ^ 0x8000) - 0x8000;   /* sign-extend 16 bits */
      dst[i] = (float) (gain * d + offset);
    }
}

static void
decode_bdf (const guint8 *src, gint64 n, double gain, double offset, float *dst)
{
  for (gint64 i = 0; i < n; i++)
    {
      gint32 d = src[3 * i] | src[3 * i + 1] << 8 | (gint32) src[3 * i + 2] << 16;
      d = (d ^ 0x800000) - 0x800000;   /* sign-extend 24 bits */
      dst[i] = (float) (gain * d + offset);
    }
}

static void
decode_record (EdfReader *r, const guint8 *record, gint64 index, float *data, gint64 n_samples)
{
  for (int i = 0; i < r->n_signals; i++)
    {
      const EdfSignal *s = &r->signals[i];
      const guint8 *src = record + s->byte_offset;
      if (s->annotation)
        parse_annotation_signal (r, src, (gsize) s->samples * r->sample_bytes, index,
                                 i == r->first_annotation);
      else if (s->channel >= 0)
        {
          float *dst = data + (gsize) s->channel * n_samples + (gsize) index * s->samples;
          if (r->bdf)
            decode_bdf (src, s->samples, s->gain, s->offset, dst);
          else
            decode_edf (src, s->samples, s->gain, s->offset, dst);
        }
    }
}

static gboolean
read_records (EdfReader *r, float *data, gint64 n_samples, GError **error)
{
  gsize per_chunk = MAX (CHUNK_BYTES / r->record_bytes, 1);
  per_chunk = MIN (per_chunk, (gsize) r->n_records);
  g_autofree guint8 *buffer = g_try_malloc (per_chunk * r->record_bytes);
  if (buffer == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FAILED,
                   "%s: not enough memory for one data record (%" G_GSIZE_FORMAT " bytes)",
                   r->path, r->record_bytes);
      return FALSE;
    }
  for (gint64 first = 0; first < r->n_records; first += per_chunk)
    {
      gsize count = MIN (per_chunk, (gsize) (r->n_records - first));
      if (!read_exactly (r, buffer, count * r->record_bytes, "data records", error))
        return FALSE;
      for (gsize k = 0; k < count; k++)
        decode_record (r, buffer + k * r->record_bytes, first + k, data, n_samples);
    }
  return TRUE;
}

/* ---- events ----------------------------------------------------------- */

/* Where the recording's timeline (samples laid end to end) puts an onset
 * given relative to the header's start time. Records are contiguous except
 * in EDF+D, where each record's time-keeping TAL says when it starts. */
static double
timeline_onset (EdfReader *r, double onset)
{
  const double *starts = r->record_onsets;
  if (!r->discontinuous || onset < starts[0])
    return onset - starts[0];
  gint64 lo = 0, hi = r->n_records - 1;   /* last record starting at or before onset */
  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo + 1) / 2;
      if (starts[mid] <= onset)
        lo = mid;
      else
        hi = mid - 1;
    }
  double into = onset - starts[lo];
  if (lo < r->n_records - 1)
    into = MIN (into, r->record_s);   /* in a gap: at the start of the next record */
  return lo * r->record_s + into;
}

/* Records without a time-keeping TAL follow the one before; EDF+D onsets
 * must not go backwards (that would overlap records), so they are kept
 * monotonic. */
static void
complete_record_onsets (EdfReader *r)
{
  double *starts = r->record_onsets;
  if (isnan (starts[0]))
    starts[0] = 0;
  for (gint64 i = 1; i < r->n_records; i++)
    {
      double contiguous = starts[i - 1] + r->record_s;
      if (isnan (starts[i]) || !r->discontinuous || starts[i] < contiguous)
        starts[i] = contiguous;
    }
}

/* Events on the recording's timeline, by onset; an EDF+D gap between two
 * records becomes a "boundary" event, as EEGLAB marks discontinuities. */
static GArray *
build_events (EdfReader *r)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (ScmmEvent));
  complete_record_onsets (r);
  for (guint i = 0; i < r->annotations->len; i++)
    {
      TalAnnotation *a = &g_array_index (r->annotations, TalAnnotation, i);
      scmm_events_append (events, timeline_onset (r, a->onset_s), a->duration_s,
                    g_steal_pointer (&a->text));
    }
  if (r->discontinuous && r->first_annotation >= 0)
    for (gint64 i = 1; i < r->n_records; i++)
      if (r->record_onsets[i] - (r->record_onsets[i - 1] + r->record_s) > GAP_TOLERANCE_S)
        scmm_events_append (events, i * r->record_s, 0, g_strdup ("boundary"));
  scmm_events_sort (events);
  return events;
}

/* ---- the recording ---------------------------------------------------- */

/* EDF+ patient identification: "code sex birthdate name [more]", "X" for
 * an unknown subfield. The subject is the patient code, else the name, else
 * "". Plain EDF, and an EDF+ field that does not follow that form, keep
 * the whole field. */
static char *
read_subject (EdfReader *r)
{
  g_autofree char *patient = fixed_field (r, HDR_PATIENT, 80);
  if (!r->plus)
    return g_steal_pointer (&patient);
  g_auto (GStrv) parts = g_strsplit_set (patient, " ", 5);
  gboolean structured = g_strv_length (parts) >= 4
                        && (strcmp (parts[1], "M") == 0 || strcmp (parts[1], "F") == 0
                            || strcmp (parts[1], "X") == 0);
  if (!structured)
    return g_steal_pointer (&patient);
  if (strcmp (parts[0], "X") != 0)
    return g_strdup (parts[0]);
  if (strcmp (parts[3], "X") != 0)
    return g_strdup (parts[3]);
  return g_strdup ("");
}

static const char *
format_name (EdfReader *r)
{
  if (r->bdf)
    return r->plus ? "BDF+" : "BDF";
  if (r->plus)
    return r->discontinuous ? "EDF+D" : "EDF+C";
  return "EDF";
}

static char **
steal_strv (GPtrArray **array)
{
  g_ptr_array_add (*array, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (array), FALSE);
}

static float *
allocate_data (EdfReader *r, gint64 *n_samples, GError **error)
{
  gsize total;
  if (r->n_records > G_MAXINT64 / r->channel_samples
      || !g_size_checked_mul (&total, (gsize) r->n_channels,
                              (gsize) (r->n_records * r->channel_samples))
      || !g_size_checked_mul (&total, total, sizeof (float)))
    {
      fail (r, error, "too many samples to hold in memory");
      return NULL;
    }
  *n_samples = r->n_records * r->channel_samples;
  float *data = g_try_malloc (MAX (total, 1));
  if (data == NULL)
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_FAILED,
                 "%s: not enough memory for %d channels x %" G_GINT64_FORMAT " samples",
                 r->path, r->n_channels, *n_samples);
  return data;
}

ScmmRecording *
scmm_edf_read (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  EdfReader r = { .path = path };
  guint8 fixed[FIXED_HEADER_BYTES];
  g_autofree guint8 *signal_block = NULL;
  g_autofree float *data = NULL;
  gint64 n_samples = 0;
  ScmmRecording *recording = NULL;

  if (!open_file (&r, error) || !read_header (&r, fixed, &signal_block, error))
    goto out;
  data = allocate_data (&r, &n_samples, error);
  if (data == NULL)
    goto out;
  r.annotations = g_array_new (FALSE, FALSE, sizeof (TalAnnotation));
  r.record_onsets = g_new (double, r.n_records);
  for (gint64 i = 0; i < r.n_records; i++)
    r.record_onsets[i] = NAN;
  if (!read_records (&r, data, n_samples, error))
    goto out;

  recording = g_new0 (ScmmRecording, 1);
  recording->source_path = g_strdup (path);
  recording->format = g_strdup (format_name (&r));
  recording->subject = read_subject (&r);
  recording->n_channels = r.n_channels;
  recording->n_samples = n_samples;
  recording->rate_hz = r.channel_samples / r.record_s;
  recording->channel_names = steal_strv (&r.channel_names);
  recording->channel_units = steal_strv (&r.channel_units);
  recording->data = g_steal_pointer (&data);
  recording->events = build_events (&r);
  recording->skipped = steal_strv (&r.skipped);

out:
  edf_reader_clear (&r);
  return recording;
}
