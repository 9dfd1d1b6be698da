/* test-edf.c: the EDF/EDF+/BDF reader on real files, on files written here
 * byte by byte, on damaged headers and on random mutations.
 *
 * Expected values for the real files were read once with an independent
 * reader (a few lines of Python's standard library: struct.unpack over the
 * records and a split of the TALs on 0x14/0x15/0x00). */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scmm-edf.h"
#include "scmm-error.h"

/* ---- helpers ---------------------------------------------------------- */

/* A file of ../shared/data, or NULL (and the test skipped) when the folder
 * is absent, as in a fresh clone. */
static char *
shared_file (const char *relative)
{
  const char *dir = g_getenv ("SCMM_SHARED_DATA_DIR");
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/data is absent: the real EDF files are not tested");
      return NULL;
    }
  char *path = g_build_filename (dir, relative, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static char *tmp_dir;

static char *
write_temp (const char *name, const guint8 *bytes, gsize n)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  GError *error = NULL;
  g_file_set_contents (path, (const char *) bytes, n, &error);
  g_assert_no_error (error);
  return path;
}

static float
sample (const ScmmRecording *r, int channel, gint64 t)
{
  g_assert_cmpint (channel, <, r->n_channels);
  g_assert_cmpint (t, <, r->n_samples);
  return r->data[(gsize) channel * r->n_samples + t];
}

static const ScmmEvent *
event (const ScmmRecording *r, guint i)
{
  g_assert_cmpuint (i, <, r->events->len);
  return &g_array_index (r->events, ScmmEvent, i);
}

static void
assert_event (const ScmmRecording *r, guint i, double onset, double duration, const char *text)
{
  const ScmmEvent *e = event (r, i);
  g_assert_cmpfloat_with_epsilon (e->onset_s, onset, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->duration_s, duration, 1e-9);
  g_assert_cmpstr (e->text, ==, text);
}

/* The invariants every recording keeps, however odd its file. */
static void
assert_well_formed (const ScmmRecording *r)
{
  g_assert_nonnull (r->format);
  g_assert_nonnull (r->subject);
  g_assert_cmpint (r->n_channels, >, 0);
  g_assert_cmpint (r->n_samples, >, 0);
  g_assert_true (r->rate_hz > 0 && isfinite (r->rate_hz));
  g_assert_cmpuint (g_strv_length (r->channel_names), ==, (guint) r->n_channels);
  g_assert_cmpuint (g_strv_length (r->channel_units), ==, (guint) r->n_channels);
  g_assert_nonnull (r->skipped);
  g_assert_nonnull (r->events);
  for (guint i = 0; i < r->events->len; i++)
    {
      g_assert_true (g_utf8_validate (event (r, i)->text, -1, NULL));
      if (i > 0)
        g_assert_cmpfloat (event (r, i - 1)->onset_s, <=, event (r, i)->onset_s);
    }
  for (int c = 0; c < r->n_channels; c++)
    g_assert_true (g_utf8_validate (r->channel_names[c], -1, NULL));
}

/* The error every bad file must give: ours, with the file's name in it and,
 * when given, the words that say what is wrong. */
static void
assert_error_names (GError *error, const char *path, const char *words)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == SCMM_ERROR);
  g_assert_true (error->code == SCMM_ERROR_FORMAT || error->code == SCMM_ERROR_IO);
  g_autofree char *base = g_path_get_basename (path);
  if (strstr (error->message, base) == NULL
      || (words != NULL && strstr (error->message, words) == NULL))
    g_error ("error message “%s” should name %s and say “%s”", error->message, base,
             words != NULL ? words : "");
}

/* ---- writing EDF and BDF files ---------------------------------------- */

typedef struct {
  const char *label, *unit, *pmin, *pmax, *dmin, *dmax, *samples, *reserved;
} TestSignal;

typedef struct {
  gboolean          bdf;
  const char       *patient;
  const char       *reserved;
  const char       *n_records;
  const char       *duration;
  const char       *n_signals;     /* NULL: the real count */
  const char       *header_bytes;  /* NULL: the right size */
  int               count;
  const TestSignal *signals;
} TestHeader;

/* `text` left-aligned in a field of `width`, padded with blanks. */
static void
put_field (GByteArray *out, const char *text, int width)
{
  int n = MIN ((int) strlen (text), width);
  g_byte_array_append (out, (const guint8 *) text, n);
  for (int i = n; i < width; i++)
    g_byte_array_append (out, (const guint8 *) " ", 1);
}

static GByteArray *
build_header (const TestHeader *h)
{
  GByteArray *out = g_byte_array_new ();
  if (h->bdf)
    g_byte_array_append (out, (const guint8 *) "\xff" "BIOSEMI", 8);
  else
    put_field (out, "0", 8);
  put_field (out, h->patient ? h->patient : "X X X X", 80);
  put_field (out, "Startdate 01-JAN-2024 X X test", 80);
  put_field (out, "01.01.24", 8);
  put_field (out, "10.00.00", 8);
  g_autofree char *bytes = g_strdup_printf ("%d", 256 * (h->count + 1));
  put_field (out, h->header_bytes ? h->header_bytes : bytes, 8);
  put_field (out, h->reserved ? h->reserved : "", 44);
  put_field (out, h->n_records, 8);
  put_field (out, h->duration ? h->duration : "1", 8);
  g_autofree char *count = g_strdup_printf ("%d", h->count);
  put_field (out, h->n_signals ? h->n_signals : count, 4);
#define EACH(member, width) \
  for (int i = 0; i < h->count; i++) \
    put_field (out, h->signals[i].member ? h->signals[i].member : "", width)
  EACH (label, 16);
  for (int i = 0; i < h->count; i++)
    put_field (out, "AgAgCl electrode", 80);
  EACH (unit, 8);
  EACH (pmin, 8);
  EACH (pmax, 8);
  EACH (dmin, 8);
  EACH (dmax, 8);
  for (int i = 0; i < h->count; i++)
    put_field (out, "HP:0.1Hz LP:75Hz", 80);
  EACH (samples, 8);
  EACH (reserved, 32);
#undef EACH
  return out;
}

static void
put_sample (GByteArray *out, gint32 value, gboolean bdf)
{
  guint8 b[3] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff };
  g_byte_array_append (out, b, bdf ? 3 : 2);
}

/* TALs (with their 0x00 ends) zero-padded to an annotation signal of
 * `samples` samples. */
static void
put_tals (GByteArray *out, const char *tals, gsize len, int samples, gboolean bdf)
{
  gsize room = (gsize) samples * (bdf ? 3 : 2);
  g_assert_cmpuint (len, <=, room);
  g_byte_array_append (out, (const guint8 *) tals, len);
  for (gsize i = len; i < room; i++)
    g_byte_array_append (out, (const guint8 *) "", 1);
}

#define TAL(s) s, sizeof (s) - 1

static char *
write_bytes (const char *name, GByteArray *bytes)
{
  char *path = write_temp (name, bytes->data, bytes->len);
  g_byte_array_unref (bytes);
  return path;
}

static ScmmRecording *
read_ok (const char *path)
{
  GError *error = NULL;
  ScmmRecording *r = scmm_edf_read (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  assert_well_formed (r);
  return r;
}

static void
read_fails (const char *path, const char *words)
{
  GError *error = NULL;
  ScmmRecording *r = scmm_edf_read (path, &error);
  g_assert_null (r);
  assert_error_names (error, path, words);
  g_error_free (error);
}

/* ---- real files ------------------------------------------------------- */

static void
test_eegmmidb_r03 (void)
{
  g_autofree char *path = shared_file ("eegmmidb/S001R03.edf");
  if (path == NULL)
    return;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (ScmmRecording) r = read_ok (path);
  g_test_message ("S001R03.edf (2.6 MB) read in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpstr (r->format, ==, "EDF+C");
  g_assert_cmpstr (r->subject, ==, "");   /* "X X X X": every subfield unknown */
  g_assert_cmpint (r->n_channels, ==, 64);
  g_assert_cmpfloat (r->rate_hz, ==, 160.0);
  g_assert_cmpint (r->n_samples, ==, 20000);   /* 125 records of 1 s */
  g_assert_cmpstr (r->channel_names[0], ==, "Fc5.");
  g_assert_cmpstr (r->channel_names[10], ==, "Cz..");
  g_assert_cmpstr (r->channel_names[43], ==, "T10.");
  g_assert_cmpstr (r->channel_names[63], ==, "Iz..");
  for (int c = 0; c < 64; c++)
    g_assert_cmpstr (r->channel_units[c], ==, "uV");
  g_assert_cmpuint (g_strv_length (r->skipped), ==, 1);
  g_assert_true (g_str_has_prefix (r->skipped[0], "EDF Annotations"));

  /* Digital values; pmin = dmin and pmax = dmax here, so these are µV. The
   * pairs around t = 160 cross a record boundary. */
  g_assert_cmpfloat (sample (r, 0, 0), ==, -57);
  g_assert_cmpfloat (sample (r, 0, 1), ==, -49);
  g_assert_cmpfloat (sample (r, 0, 159), ==, -92);
  g_assert_cmpfloat (sample (r, 0, 160), ==, -86);
  g_assert_cmpfloat (sample (r, 5, 12345), ==, -24);
  g_assert_cmpfloat (sample (r, 10, 10000), ==, 61);
  g_assert_cmpfloat (sample (r, 31, 777), ==, -36);
  g_assert_cmpfloat (sample (r, 63, 19000), ==, 23);

  /* Plausible scalp EEG: within ±1 mV, with a spread of some µV. */
  for (int c = 0; c < r->n_channels; c++)
    {
      double sum = 0, sum2 = 0;
      for (gint64 t = 0; t < r->n_samples; t++)
        {
          float v = sample (r, c, t);
          g_assert_cmpfloat (fabsf (v), <, 1000);
          sum += v;
          sum2 += (double) v * v;
        }
      double sd = sqrt (sum2 / r->n_samples - pow (sum / r->n_samples, 2));
      g_assert_cmpfloat (sd, >, 1);
      g_assert_cmpfloat (sd, <, 300);
    }

  g_assert_cmpuint (r->events->len, ==, 30);
  assert_event (r, 0, 0.0, 4.2, "T0");
  assert_event (r, 1, 4.2, 4.1, "T2");
  assert_event (r, 3, 12.5, 4.1, "T1");
  assert_event (r, 13, 54.0, 4.1, "T1");
  assert_event (r, 28, 116.2, 4.2, "T0");
  assert_event (r, 29, 120.4, 4.1, "T1");
}

static void
test_eegmmidb_r04 (void)
{
  g_autofree char *path = shared_file ("eegmmidb/S001R04.edf");
  if (path == NULL)
    return;
  g_autoptr (ScmmRecording) r = read_ok (path);
  g_assert_cmpstr (r->format, ==, "EDF+C");
  g_assert_cmpint (r->n_channels, ==, 64);
  g_assert_cmpint (r->n_samples, ==, 20000);
  g_assert_cmpfloat (sample (r, 0, 0), ==, -5);
  g_assert_cmpfloat (sample (r, 0, 1), ==, -12);
  g_assert_cmpfloat (sample (r, 31, 777), ==, -3);
  g_assert_cmpfloat (sample (r, 63, 19000), ==, 6);
  g_assert_cmpuint (r->events->len, ==, 30);
  assert_event (r, 13, 54.0, 4.1, "T2");   /* T1 in run 3 */
  assert_event (r, 15, 62.3, 4.1, "T1");
}

static void
test_eeglab_edf (void)
{
  g_autofree char *path = shared_file ("eeglab/test.edf");
  if (path == NULL)
    return;
  g_autoptr (ScmmRecording) r = read_ok (path);
  static const char *const names[] = {
    "EEG Fp1", "EEG Fp2", "EEG T3", "EEG T4", "EEG T5", "EEG T6", "EEG F7", "EEG F8",
    "EEG F3", "EEG F4", "EEG C3", "EEG C4", "EEG P3", "EEG P4", "EEG O1", "EEG O2",
  };
  g_assert_cmpstr (r->format, ==, "EDF");
  g_assert_cmpstr (r->subject, ==, "J. B. (1066 28)");
  g_assert_cmpint (r->n_channels, ==, 16);
  g_assert_cmpfloat (r->rate_hz, ==, 256.0);
  g_assert_cmpint (r->n_samples, ==, 60 * 256);
  for (int c = 0; c < 16; c++)
    g_assert_cmpstr (r->channel_names[c], ==, names[c]);
  g_assert_cmpuint (r->events->len, ==, 0);
  g_assert_cmpuint (g_strv_length (r->skipped), ==, 0);
  /* Digital ±2046 maps to ±682 µV: a third of a µV per step. */
  g_assert_cmpfloat_with_epsilon (sample (r, 0, 0), 16 / 3.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (sample (r, 3, 1000), 29 / 3.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (sample (r, 8, 777), 17 / 3.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (sample (r, 15, 15000), -73 / 3.0, 1e-4);
}

/* ---- written files ---------------------------------------------------- */

/* EDF+ with a -1 record count, junk after "EDF+C" and in a signal's
 * reserved field, NUL padding in a label, a mV channel, a signal at another
 * rate, annotations (one out of order, two texts in one TAL) and a partial
 * last record. Records of 0.5 s: 4 samples (8 Hz) for the channels, 2 for
 * "Resp". */
static void
test_written_edf (void)
{
  const TestSignal signals[] = {
    { "Fp1", "uV", "-3276.8", "3276.7", "-32768", "32767", "4", "" },
    { "Cz", "mV", "0", "10", "0", "1000", "4", "written by hand" },
    { "Resp", "%", "0", "100", "0", "100", "2", "" },
    { "EDF Annotations", "", "-1", "1", "-32768", "32767", "20", "" },
  };
  TestHeader h = {
    .patient = "MCH-0234567 F 02-MAY-1951 Haagse_Harry",
    .reserved = "EDF+C (and some junk)",
    .n_records = "-1",
    .duration = "0.5",
    .count = G_N_ELEMENTS (signals),
    .signals = signals,
  };
  GByteArray *out = build_header (&h);
  /* "Fp1" padded with NULs instead of blanks. */
  memcpy (out->data + 256, "Fp1\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
  for (int rec = 0; rec < 3; rec++)
    {
      for (int s = 0; s < 4; s++)
        put_sample (out, 1000 * rec + s - 2, FALSE);        /* Fp1: 0.1 µV steps */
      for (int s = 0; s < 4; s++)
        put_sample (out, -5 + 10 * rec + s, FALSE);         /* Cz: 10 µV steps */
      for (int s = 0; s < 2; s++)
        put_sample (out, 50, FALSE);
      if (rec == 0)
        put_tals (out, TAL ("+0\x14\x14\0+0.5\x15" "0.25\x14Stim A\x14\0"), 20, FALSE);
      else if (rec == 1)
        put_tals (out, TAL ("+0.5\x14\x14\0+0.75\x14Stim B\x14Stim C\x14\0"), 20, FALSE);
      else
        put_tals (out, TAL ("+1\x14\x14\0+0.1\x14" "Early\x14\0"), 20, FALSE);
    }
  g_byte_array_append (out, (const guint8 *) "partial", 7);
  g_autofree char *path = write_bytes ("written.edf", out);

  g_autoptr (ScmmRecording) r = read_ok (path);
  g_assert_cmpstr (r->format, ==, "EDF+C");
  g_assert_cmpstr (r->subject, ==, "MCH-0234567");
  g_assert_cmpint (r->n_channels, ==, 2);
  g_assert_cmpfloat (r->rate_hz, ==, 8.0);
  g_assert_cmpint (r->n_samples, ==, 12);   /* 3 records; the partial one dropped */
  g_assert_cmpstr (r->channel_names[0], ==, "Fp1");
  g_assert_cmpstr (r->channel_names[1], ==, "Cz");
  g_assert_cmpstr (r->channel_units[0], ==, "uV");
  g_assert_cmpstr (r->channel_units[1], ==, "uV");
  for (int rec = 0; rec < 3; rec++)
    for (int s = 0; s < 4; s++)
      {
        int t = rec * 4 + s;
        g_assert_cmpfloat_with_epsilon (sample (r, 0, t), 0.1 * (1000 * rec + s - 2), 1e-4);
        g_assert_cmpfloat_with_epsilon (sample (r, 1, t), 10.0 * (-5 + 10 * rec + s), 1e-3);
      }
  g_assert_cmpuint (g_strv_length (r->skipped), ==, 2);
  g_assert_cmpstr (r->skipped[0], ==, "Resp: 4 Hz, not 8 Hz");
  g_assert_true (g_str_has_prefix (r->skipped[1], "EDF Annotations"));
  g_assert_cmpuint (r->events->len, ==, 4);
  assert_event (r, 0, 0.1, 0, "Early");
  assert_event (r, 1, 0.5, 0.25, "Stim A");
  assert_event (r, 2, 0.75, 0, "Stim B");
  assert_event (r, 3, 0.75, 0, "Stim C");
}

/* Onsets count from the first sample: a first record that starts 0.25 s
 * after the header's start time shifts every annotation. */
static void
test_written_edf_start_offset (void)
{
  const TestSignal signals[] = {
    { "C3", "uV", "-100", "100", "-100", "100", "2", "" },
    { "EDF Annotations", "", "-1", "1", "-32768", "32767", "16", "" },
  };
  TestHeader h = { .reserved = "EDF+C", .n_records = "2", .count = 2, .signals = signals };
  GByteArray *out = build_header (&h);
  for (int rec = 0; rec < 2; rec++)
    {
      put_sample (out, rec, FALSE);
      put_sample (out, -rec, FALSE);
      if (rec == 0)
        put_tals (out, TAL ("+0.25\x14\x14\0+1.5\x14Go\x14\0"), 16, FALSE);
      else
        put_tals (out, TAL ("+1.25\x14\x14\0"), 16, FALSE);
    }
  g_autofree char *path = write_bytes ("offset.edf", out);
  g_autoptr (ScmmRecording) r = read_ok (path);
  g_assert_cmpuint (r->events->len, ==, 1);
  assert_event (r, 0, 1.25, 0, "Go");
}

/* EDF+D: records at 0, 1 and 5 s; the timeline lays them end to end, marks
 * the gap with a "boundary" event and moves later onsets with it. */
static void
test_written_edf_discontinuous (void)
{
  const TestSignal signals[] = {
    { "Oz", "uV", "-100", "100", "-100", "100", "2", "" },
    { "EDF Annotations", "", "-1", "1", "-32768", "32767", "16", "" },
  };
  TestHeader h = { .reserved = "EDF+D", .n_records = "3", .count = 2, .signals = signals };
  GByteArray *out = build_header (&h);
  const char *tals[3] = { "+0\x14\x14", "+1\x14\x14", "+5\x14\x14" };
  for (int rec = 0; rec < 3; rec++)
    {
      put_sample (out, rec, FALSE);
      put_sample (out, rec, FALSE);
      GString *t = g_string_new (tals[rec]);
      g_string_append_c (t, '\0');
      if (rec == 2)
        g_string_append_len (t, TAL ("+5.5\x14Late\x14\0+3\x14Gap\x14\0"));
      put_tals (out, t->str, t->len, 16, FALSE);
      g_string_free (t, TRUE);
    }
  g_autofree char *path = write_bytes ("discontinuous.edf", out);
  g_autoptr (ScmmRecording) r = read_ok (path);
  g_assert_cmpstr (r->format, ==, "EDF+D");
  g_assert_cmpint (r->n_samples, ==, 6);
  g_assert_cmpuint (r->events->len, ==, 3);
  assert_event (r, 0, 2.0, 0, "Gap");       /* inside the gap: where the gap is */
  assert_event (r, 1, 2.0, 0, "boundary");
  assert_event (r, 2, 2.5, 0, "Late");
}

/* BDF: 24-bit samples sign-extended, a volt channel scaled to µV. */
static void
test_written_bdf (void)
{
  const TestSignal signals[] = {
    { "A1", "uV", "-8388608", "8388607", "-8388608", "8388607", "5", "" },
    { "A2", "V", "-1", "1", "-1000000", "1000000", "5", "" },
  };
  TestHeader h = { .bdf = TRUE, .reserved = "24BIT", .n_records = "-1", .count = 2,
                   .signals = signals };
  GByteArray *out = build_header (&h);
  const gint32 a1[5] = { 8388607, -8388608, -1, 1, 0x123456 };
  const gint32 a2[5] = { 250, -250, 1000000, -1000000, 0 };
  for (int rec = 0; rec < 2; rec++)
    {
      for (int s = 0; s < 5; s++)
        put_sample (out, rec == 0 ? a1[s] : -a1[s] - 1, TRUE);
      for (int s = 0; s < 5; s++)
        put_sample (out, a2[s], TRUE);
    }
  g_autofree char *path = write_bytes ("written.bdf", out);
  g_autoptr (ScmmRecording) r = read_ok (path);
  g_assert_cmpstr (r->format, ==, "BDF");
  g_assert_cmpint (r->n_samples, ==, 10);
  g_assert_cmpfloat (r->rate_hz, ==, 5.0);
  for (int s = 0; s < 5; s++)
    {
      g_assert_cmpfloat (sample (r, 0, s), ==, (float) a1[s]);
      g_assert_cmpfloat (sample (r, 0, 5 + s), ==, (float) (-a1[s] - 1));
      g_assert_cmpfloat_with_epsilon (sample (r, 1, s), (float) a2[s], 1e-3 * abs (a2[s]) + 1e-6);
    }
  g_assert_cmpstr (r->channel_units[1], ==, "uV");
}

/* BDF+ with "BDF Annotations": TALs in 3-byte samples. */
static void
test_written_bdf_plus (void)
{
  const TestSignal signals[] = {
    { "Fz", "\xb5V", "-100", "100", "-100", "100", "3", "" },   /* µV in Latin-1 */
    { "BDF Annotations", "", "-1", "1", "-8388608", "8388607", "10", "" },
  };
  TestHeader h = { .bdf = TRUE, .reserved = "BDF+C", .patient = "X M X Jane_Doe",
                   .n_records = "2", .count = 2, .signals = signals };
  GByteArray *out = build_header (&h);
  for (int rec = 0; rec < 2; rec++)
    {
      for (int s = 0; s < 3; s++)
        put_sample (out, -s, TRUE);
      if (rec == 0)
        put_tals (out, TAL ("+0\x14\x14\0"), 10, TRUE);
      else
        put_tals (out, TAL ("+1\x14\x14\0+1.5\x15" "2\x14R\xc3\xa9veil\x14\0"), 10, TRUE);
    }
  g_autofree char *path = write_bytes ("written-plus.bdf", out);
  g_autoptr (ScmmRecording) r = read_ok (path);
  g_assert_cmpstr (r->format, ==, "BDF+");
  g_assert_cmpstr (r->subject, ==, "Jane_Doe");   /* no code: the name */
  g_assert_cmpstr (r->channel_units[0], ==, "uV");
  g_assert_cmpfloat (sample (r, 0, 5), ==, -2);
  g_assert_cmpuint (r->events->len, ==, 1);
  assert_event (r, 0, 1.5, 2, "Réveil");
}

/* ---- bad input -------------------------------------------------------- */

static const TestSignal good_signals[] = {
  { "Fp1", "uV", "-100", "100", "-2048", "2047", "4", "" },
  { "Fp2", "uV", "-100", "100", "-2048", "2047", "4", "" },
};

/* A good two-signal file of `records` records (2 x 4 x 2 bytes each),
 * with `h` adjusted by the caller. */
static GByteArray *
good_file (TestHeader *h, int records)
{
  if (h->n_records == NULL)
    h->n_records = "3";
  h->count = 2;
  if (h->signals == NULL)
    h->signals = good_signals;
  GByteArray *out = build_header (h);
  for (int i = 0; i < records * 8; i++)
    put_sample (out, i, FALSE);
  return out;
}

static void
fails_with (const char *name, TestHeader h, int records, const char *words)
{
  g_autofree char *path = write_bytes (name, good_file (&h, records));
  read_fails (path, words);
}

static void
test_bad_headers (void)
{
  g_autofree char *empty = write_temp ("empty.edf", (const guint8 *) "", 0);
  read_fails (empty, "empty");

  g_autofree char *tiny = write_temp ("tiny.edf", (const guint8 *) "0       X", 9);
  read_fails (tiny, "truncated");

  GByteArray *text = g_byte_array_new ();
  put_field (text, "Hello, this is a text file and not EEG at all.", 300);
  g_autofree char *not_edf = write_bytes ("text.edf", text);
  read_fails (not_edf, "not an EDF or BDF file");

  fails_with ("signals-abc.edf", (TestHeader) { .n_signals = "abc" }, 3,
              "header field “number of signals” is “abc”, not a number");
  fails_with ("signals-0.edf", (TestHeader) { .n_signals = "0" }, 3, "number of signals");
  fails_with ("header-bytes.edf", (TestHeader) { .header_bytes = "512" }, 3,
              "number of bytes in header");
  fails_with ("records-abc.edf", (TestHeader) { .n_records = "many" }, 3,
              "number of data records");
  fails_with ("records-10.edf", (TestHeader) { .n_records = "10" }, 3,
              "the file holds only 3");
  fails_with ("no-records.edf", (TestHeader) { 0 }, 0, "truncated before the first data record");
  fails_with ("duration-0.edf", (TestHeader) { .duration = "0" }, 3, "duration of a data record");
  fails_with ("duration-x.edf", (TestHeader) { .duration = "x" }, 3, "duration of a data record");

  const TestSignal bad_dmin[] = {
    { "Fp1", "uV", "-100", "100", "low", "2047", "4", "" }, good_signals[1],
  };
  fails_with ("dmin.edf", (TestHeader) { .signals = bad_dmin }, 3,
              "signal 1 (“Fp1”): header field “digital minimum” is “low”");
  const TestSignal flat[] = {
    good_signals[0], { "Fp2", "uV", "-100", "100", "7", "7", "4", "" },
  };
  fails_with ("flat.edf", (TestHeader) { .signals = flat }, 3, "digital minimum and maximum");
  const TestSignal no_samples[] = {
    { "Fp1", "uV", "-100", "100", "-2048", "2047", "0", "" }, good_signals[1],
  };
  fails_with ("samples-0.edf", (TestHeader) { .signals = no_samples }, 3,
              "number of samples in each data record");
  const TestSignal huge[] = {
    { "Fp1", "uV", "-100", "100", "-2048", "2047", "99999999", "" }, good_signals[1],
  };
  fails_with ("huge.edf", (TestHeader) { .signals = huge }, 3, "more than");
  const TestSignal only_annotations[] = {
    { "EDF Annotations", "", "-1", "1", "-32768", "32767", "4", "" },
    { "EDF Annotations", "", "-1", "1", "-32768", "32767", "4", "" },
  };
  fails_with ("annotations.edf", (TestHeader) { .signals = only_annotations }, 3,
              "only annotation signals");

  /* Cut inside the signal headers. */
  TestHeader h = { 0 };
  GByteArray *cut = good_file (&h, 3);
  g_byte_array_set_size (cut, 256 + 300);
  g_autofree char *cut_path = write_bytes ("cut.edf", cut);
  read_fails (cut_path, "truncated inside the header");

  g_autofree char *missing = g_build_filename (tmp_dir, "missing.edf", NULL);
  read_fails (missing, "cannot be opened");
  read_fails (tmp_dir, "not a regular file");
}

/* A good header with lenient quirks still reads: "+4" and "4.0" for
 * integers, a decimal comma, a blank record count. */
static void
test_lenient_numbers (void)
{
  const TestSignal quirky[] = {
    { "Fp1", "uV", "-100,5", "100,5", "-2048", "2047.0", "+4", "" }, good_signals[1],
  };
  TestHeader h = { .signals = quirky, .n_records = "", .duration = "1.0" };
  g_autofree char *path = write_bytes ("quirky.edf", good_file (&h, 2));
  g_autoptr (ScmmRecording) r = read_ok (path);
  g_assert_cmpint (r->n_samples, ==, 8);
  /* digital 0 -> (0 + 2048) * 201 / 4095 - 100.5 */
  g_assert_cmpfloat_with_epsilon (sample (r, 0, 0), 2048 * 201.0 / 4095 - 100.5, 1e-4);
}

/* Writes without the fsync of g_file_set_contents (these files live for
 * one read; GLib 2.74's G_FILE_SET_CONTENTS_NONE does not truncate). */
static void
write_quickly (const char *path, const guint8 *bytes, gsize n)
{
  FILE *file = g_fopen (path, "wb");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (bytes, 1, n, file), ==, n);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* ---- mutations -------------------------------------------------------- */

static const guint8 interesting[] = { '0', '1', '9', '-', '+', '.', ',', ' ', 'e', 'X',
                                      0x00, 0x14, 0x15, 0xff, 0x80 };

static guint8
mutant_byte (GRand *rand)
{
  if (g_rand_boolean (rand))
    return interesting[g_rand_int_range (rand, 0, G_N_ELEMENTS (interesting))];
  return (guint8) g_rand_int_range (rand, 0, 256);
}

/* Byte flips in the header and in the first record's annotations, and
 * truncations, of the head of a real file: every outcome is a recording
 * that keeps its invariants or an error that names the file. */
static void
test_mutations (void)
{
  g_autofree char *path = shared_file ("eegmmidb/S001R03.edf");
  if (path == NULL)
    return;
  g_autofree char *contents = NULL;
  gsize length;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  const gsize header = 16896, record = 20640, annotations = 64 * 160 * 2;
  /* Three records are enough, and quicker to write 300 times. */
  length = MIN (length, header + 3 * record);
  memcpy (contents + 236, "3       ", 8);

  g_autoptr (GRand) rand = g_rand_new_with_seed (20240601);
  g_autofree char *mutant_path = g_build_filename (tmp_dir, "mutant.edf", NULL);
  int accepted = 0;
  for (int round = 0; round < 300; round++)
    {
      g_autofree guint8 *bytes = g_memdup2 (contents, length);
      gsize n = length;
      int kind = g_rand_int_range (rand, 0, 10);
      if (kind < 7)
        for (int k = g_rand_int_range (rand, 1, 9); k > 0; k--)
          bytes[g_rand_int_range (rand, 0, header)] = mutant_byte (rand);
      else if (kind < 9)
        for (int k = g_rand_int_range (rand, 1, 17); k > 0; k--)
          bytes[header + annotations + g_rand_int_range (rand, 0, 160)] = mutant_byte (rand);
      else
        n = g_rand_int_range (rand, 0, length);
      write_quickly (mutant_path, bytes, n);

      GError *error = NULL;
      ScmmRecording *r = scmm_edf_read (mutant_path, &error);
      if (r != NULL)
        {
          g_assert_no_error (error);
          assert_well_formed (r);
          accepted++;
          scmm_recording_free (r);
        }
      else
        {
          assert_error_names (error, mutant_path, NULL);
          g_error_free (error);
        }
    }
  g_test_message ("%d of 300 mutants read, the rest refused", accepted);
}

/* ---- main ------------------------------------------------------------- */

static void
remove_tmp_dir (void)
{
  g_autoptr (GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("scmm-test-edf-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/edf/eegmmidb-r03", test_eegmmidb_r03);
  g_test_add_func ("/edf/eegmmidb-r04", test_eegmmidb_r04);
  g_test_add_func ("/edf/eeglab-test-edf", test_eeglab_edf);
  g_test_add_func ("/edf/written-edf", test_written_edf);
  g_test_add_func ("/edf/written-edf-start-offset", test_written_edf_start_offset);
  g_test_add_func ("/edf/written-edf-discontinuous", test_written_edf_discontinuous);
  g_test_add_func ("/edf/written-bdf", test_written_bdf);
  g_test_add_func ("/edf/written-bdf-plus", test_written_bdf_plus);
  g_test_add_func ("/edf/bad-headers", test_bad_headers);
  g_test_add_func ("/edf/lenient-numbers", test_lenient_numbers);
  g_test_add_func ("/edf/mutations", test_mutations);

  int status = g_test_run ();
  remove_tmp_dir ();
  return status;
}
