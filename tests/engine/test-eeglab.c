/* test-eeglab.c: the EEGLAB .set/.fdt reader on EEGLAB's tutorial dataset,
 * on datasets written here with matio (embedded, epoched, top-level
 * fields, an old .dat) and on broken ones.
 *
 * Expected values for the tutorial dataset come from its own files: the
 * labels from eeglab_chan32.locs, the samples from the .fdt read directly,
 * the event latencies as read once with an independent MAT-file parser
 * (Python's standard library). */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <matio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scmm-eeglab.h"
#include "scmm-error.h"

/* ---- helpers ---------------------------------------------------------- */

static char *tmp_dir;

static const char *
shared_dir (void)
{
  const char *dir = g_getenv ("SCMM_SHARED_DATA_DIR");
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/data is absent: the EEGLAB tutorial dataset is not tested");
      return NULL;
    }
  return dir;
}

static char *
shared_file (const char *relative)
{
  const char *dir = shared_dir ();
  if (dir == NULL)
    return NULL;
  char *path = g_build_filename (dir, relative, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* A fresh folder under tmp_dir, so that each dataset sees only its files. */
static char *
fresh_dir (const char *name)
{
  char *dir = g_build_filename (tmp_dir, name, NULL);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  return dir;
}

static char *
link_into (const char *dir, const char *name, const char *target)
{
  char *path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (symlink (target, path), ==, 0);
  return path;
}

static float
sample (const ScmmRecording *r, int channel, gint64 t)
{
  g_assert_cmpint (channel, <, r->n_channels);
  g_assert_cmpint (t, <, r->n_samples);
  return r->data[(gsize) channel * r->n_samples + t];
}

static void
assert_event (const ScmmRecording *r, guint i, double onset, double duration, const char *text)
{
  g_assert_cmpuint (i, <, r->events->len);
  const ScmmEvent *e = &g_array_index (r->events, ScmmEvent, i);
  g_assert_cmpfloat_with_epsilon (e->onset_s, onset, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->duration_s, duration, 1e-9);
  g_assert_cmpstr (e->text, ==, text);
}

static ScmmRecording *
read_ok (const char *path)
{
  GError *error = NULL;
  ScmmRecording *r = scmm_eeglab_read (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->format, ==, "EEGLAB");
  g_assert_nonnull (r->subject);
  g_assert_cmpuint (g_strv_length (r->channel_names), ==, (guint) r->n_channels);
  g_assert_cmpuint (g_strv_length (r->channel_units), ==, (guint) r->n_channels);
  g_assert_nonnull (r->skipped);
  for (guint i = 1; i < r->events->len; i++)
    g_assert_cmpfloat (g_array_index (r->events, ScmmEvent, i - 1).onset_s, <=,
                       g_array_index (r->events, ScmmEvent, i).onset_s);
  return r;
}

/* The error must be ours and name `named` (a file) and say `words`. */
static void
read_fails (const char *path, const char *named, const char *words)
{
  GError *error = NULL;
  ScmmRecording *r = scmm_eeglab_read (path, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_assert_true (error->domain == SCMM_ERROR);
  g_assert_true (error->code == SCMM_ERROR_FORMAT || error->code == SCMM_ERROR_IO);
  g_autofree char *base = g_path_get_basename (named);
  if (strstr (error->message, base) == NULL
      || (words != NULL && strstr (error->message, words) == NULL))
    g_error ("error message “%s” should name %s and say “%s”", error->message, base,
             words != NULL ? words : "");
  g_error_free (error);
}

/* ---- writing MAT files with matio ------------------------------------- */

static matvar_t *
mat_text (const char *text)
{
  size_t dims[2] = { 1, strlen (text) };
  return Mat_VarCreate (NULL, MAT_C_CHAR, MAT_T_UINT8, 2, dims, (void *) text, 0);
}

/* A char array as MATLAB itself stores one: UTF-16 code units. */
static matvar_t *
mat_utf16 (const char *text)
{
  glong n = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);
  size_t dims[2] = { 1, (size_t) n };
  return Mat_VarCreate (NULL, MAT_C_CHAR, MAT_T_UINT16, 2, dims, units, 0);
}

static matvar_t *
mat_number (double value)
{
  size_t dims[2] = { 1, 1 };
  return Mat_VarCreate (NULL, MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims, &value, 0);
}

static matvar_t *
mat_empty (void)
{
  size_t dims[2] = { 0, 0 };
  return Mat_VarCreate (NULL, MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims, NULL, 0);
}

static matvar_t *
mat_struct (const char *name, size_t n, const char *const *fields)
{
  size_t dims[2] = { 1, n };
  return Mat_VarCreateStruct2 (name, 2, dims, fields);
}

static void
set_field (matvar_t *s, const char *field, size_t index, matvar_t *value)
{
  g_assert_nonnull (value);
  g_assert_null (Mat_VarSetStructFieldByName (s, field, index, value));
}

static void
write_mat_version (const char *path, matvar_t **vars, int n, enum mat_ft version)
{
  mat_t *mat = Mat_CreateVer (path, NULL, version);
  g_assert_nonnull (mat);
  for (int i = 0; i < n; i++)
    {
      g_assert_cmpint (Mat_VarWrite (mat, vars[i], MAT_COMPRESSION_NONE), ==, 0);
      Mat_VarFree (vars[i]);
    }
  Mat_Close (mat);
}

static void
write_mat (const char *path, matvar_t **vars, int n)
{
  write_mat_version (path, vars, n, MAT_FT_MAT5);
}

static matvar_t *
chanlocs (int n, const char *const *labels)
{
  static const char *const fields[] = { "labels", "theta", NULL };
  matvar_t *s = mat_struct (NULL, n, fields);
  for (int c = 0; c < n; c++)
    {
      set_field (s, "labels", c, c % 2 ? mat_utf16 (labels[c]) : mat_text (labels[c]));
      set_field (s, "theta", c, mat_number (c * 10));
    }
  return s;
}

/* EEG with the common scalar fields; `data` and the rest are the caller's. */
static const char *const eeg_fields[] = {
  "setname", "subject", "nbchan", "pnts", "trials", "srate", "data", "chanlocs", "event", NULL
};

static matvar_t *
eeg_struct (int nbchan, int pnts, int trials, double srate)
{
  matvar_t *eeg = mat_struct ("EEG", 1, eeg_fields);
  set_field (eeg, "setname", 0, mat_text ("written by test-eeglab"));
  set_field (eeg, "subject", 0, mat_utf16 ("S07"));
  set_field (eeg, "nbchan", 0, mat_number (nbchan));
  set_field (eeg, "pnts", 0, mat_number (pnts));
  set_field (eeg, "trials", 0, mat_number (trials));
  set_field (eeg, "srate", 0, mat_number (srate));
  return eeg;
}

/* ---- the tutorial dataset --------------------------------------------- */

static GStrv
labels_from_locs (const char *path)
{
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *labels = g_ptr_array_new ();
  for (char **line = lines; *line != NULL; line++)
    {
      g_auto (GStrv) words = g_strsplit_set (g_strstrip (*line), " \t", -1);
      GPtrArray *kept = g_ptr_array_new ();
      for (char **w = words; *w != NULL; w++)
        if (**w != '\0')
          g_ptr_array_add (kept, *w);
      if (kept->len == 4)
        g_ptr_array_add (labels, g_strdup (kept->pdata[3]));
      g_ptr_array_free (kept, TRUE);
    }
  g_ptr_array_add (labels, NULL);
  return (GStrv) g_ptr_array_free (labels, FALSE);
}

static void
assert_tutorial (const ScmmRecording *r, const char *dir)
{
  g_assert_cmpint (r->n_channels, ==, 32);
  g_assert_cmpfloat (r->rate_hz, ==, 128.0);
  g_assert_cmpint (r->n_samples, ==, 30504);   /* 238.3 s */
  g_assert_cmpfloat (r->n_samples / r->rate_hz, ==, 238.3125);
  g_assert_cmpstr (r->subject, ==, "");

  g_autofree char *locs = g_build_filename (dir, "eeglab_chan32.locs", NULL);
  g_auto (GStrv) labels = labels_from_locs (locs);
  g_assert_cmpuint (g_strv_length (labels), ==, 32);
  for (int c = 0; c < 32; c++)
    {
      g_assert_cmpstr (r->channel_names[c], ==, labels[c]);
      g_assert_cmpstr (r->channel_units[c], ==, "uV");
    }
  g_assert_cmpstr (r->channel_names[0], ==, "FPz");
  g_assert_cmpstr (r->channel_names[1], ==, "EOG1");

  g_assert_cmpuint (r->events->len, ==, 154);
  int square = 0, rt = 0;
  for (guint i = 0; i < r->events->len; i++)
    {
      const char *text = g_array_index (r->events, ScmmEvent, i).text;
      square += strcmp (text, "square") == 0;
      rt += strcmp (text, "rt") == 0;
    }
  g_assert_cmpint (square, ==, 80);
  g_assert_cmpint (rt, ==, 74);
  assert_event (r, 0, (129.00875 - 1) / 128, 0, "square");
  assert_event (r, 1, (218.00874999999996 - 1) / 128, 0, "square");
  assert_event (r, 2, (267.5481362500059 - 1) / 128, 0, "rt");
  assert_event (r, 76, (14896.012031249957 - 1) / 128, 0, "rt");
  assert_event (r, 152, (30248.00875 - 1) / 128, 0, "square");
  assert_event (r, 153, (30305.484678750006 - 1) / 128, 0, "rt");

  /* Every sample against the .fdt read here: float32 LE, sample-major. */
  g_autofree char *fdt_path = g_build_filename (dir, "eeglab_data.fdt", NULL);
  g_autofree char *fdt = NULL;
  gsize length;
  g_assert_true (g_file_get_contents (fdt_path, &fdt, &length, NULL));
  g_assert_cmpuint (length, ==, (gsize) 32 * 30504 * 4);
  gsize mismatches = 0;
  float largest = 0;
  for (gint64 t = 0; t < 30504; t++)
    for (int c = 0; c < 32; c++)
      {
        guint32 bits;
        float expected;
        memcpy (&bits, fdt + (t * 32 + c) * 4, 4);
        bits = GUINT32_FROM_LE (bits);
        memcpy (&expected, &bits, 4);
        mismatches += sample (r, c, t) != expected;
        largest = MAX (largest, fabsf (expected));
      }
  g_assert_cmpuint (mismatches, ==, 0);
  g_assert_cmpfloat (largest, >, 10);     /* microvolts, not volts */
  g_assert_cmpfloat (largest, <, 2000);
}

static void
test_tutorial (void)
{
  g_autofree char *path = shared_file ("eeglab/eeglab_data.set");
  if (path == NULL)
    return;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (ScmmRecording) r = read_ok (path);
  g_test_message ("eeglab_data.set + .fdt (3.9 MB) read in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_autofree char *dir = g_path_get_dirname (path);
  assert_tutorial (r, dir);
  g_assert_cmpuint (g_strv_length (r->skipped), ==, 0);
}

/* The .fdt beside the .set is found whatever its case, and a dataset
 * renamed on disk (.set and .fdt alike) still finds its samples. */
static void
test_tutorial_moved (void)
{
  const char *shared = shared_dir ();
  if (shared == NULL)
    return;
  g_autofree char *src_dir = g_build_filename (shared, "eeglab", NULL);
  g_autofree char *set = g_build_filename (src_dir, "eeglab_data.set", NULL);
  g_autofree char *fdt = g_build_filename (src_dir, "eeglab_data.fdt", NULL);

  g_autofree char *upper = fresh_dir ("upper");
  g_autofree char *set1 = link_into (upper, "Subject1.set", set);
  g_free (link_into (upper, "EEGLAB_DATA.FDT", fdt));
  g_autoptr (ScmmRecording) r1 = read_ok (set1);
  assert_tutorial (r1, src_dir);

  g_autofree char *renamed = fresh_dir ("renamed");
  g_autofree char *set2 = link_into (renamed, "study.set", set);
  g_free (link_into (renamed, "study.fdt", fdt));
  g_autoptr (ScmmRecording) r2 = read_ok (set2);
  g_assert_cmpint (r2->n_samples, ==, 30504);
  g_assert_cmpfloat (sample (r2, 31, 30503), ==, sample (r1, 31, 30503));
}

/* ---- written datasets ------------------------------------------------- */

/* Epoched (3 channels x 4 points x 2 trials, single, in the .set): epochs
 * laid end to end with a "boundary" between them; events with a char type,
 * a numeric type and a duration, and one without a latency (left out).
 * Written as MATLAB 5 and as 7.3 (HDF5), which EEGLAB uses for big sets. */
static void
test_written_epoched (gconstpointer data)
{
  enum mat_ft version = GPOINTER_TO_INT (data);
  matvar_t *eeg = eeg_struct (3, 4, 2, 4.0);
  float values[3 * 4 * 2];
  for (int k = 0; k < 2; k++)
    for (int t = 0; t < 4; t++)
      for (int c = 0; c < 3; c++)
        values[c + 3 * (t + 4 * k)] = c * 100 + k * 10 + t - 0.5f;
  size_t dims[3] = { 3, 4, 2 };
  set_field (eeg, "data", 0, Mat_VarCreate (NULL, MAT_C_SINGLE, MAT_T_SINGLE, 3, dims, values, 0));
  static const char *const labels[] = { "Fp1", "Oz\xc2\xb5", "C3 " };
  set_field (eeg, "chanlocs", 0, chanlocs (3, labels));
  static const char *const event_fields[] = { "type", "latency", "duration", NULL };
  matvar_t *events = mat_struct (NULL, 3, event_fields);
  set_field (events, "type", 0, mat_utf16 ("stim"));
  set_field (events, "latency", 0, mat_number (2));
  set_field (events, "duration", 0, mat_empty ());
  set_field (events, "type", 1, mat_number (7));
  set_field (events, "latency", 1, mat_number (6.5));
  set_field (events, "duration", 1, mat_number (2));
  set_field (events, "type", 2, mat_text ("lost"));
  set_field (events, "latency", 2, mat_empty ());
  set_field (events, "duration", 2, mat_empty ());
  set_field (eeg, "event", 0, events);
  g_autofree char *dir = fresh_dir (version == MAT_FT_MAT73 ? "epoched-73" : "epoched");
  g_autofree char *path = g_build_filename (dir, "epoched.set", NULL);
  write_mat_version (path, &eeg, 1, version);

  g_autoptr (ScmmRecording) r = read_ok (path);
  g_assert_cmpint (r->n_channels, ==, 3);
  g_assert_cmpint (r->n_samples, ==, 8);
  g_assert_cmpfloat (r->rate_hz, ==, 4.0);
  g_assert_cmpstr (r->subject, ==, "S07");
  g_assert_cmpstr (r->channel_names[0], ==, "Fp1");
  g_assert_cmpstr (r->channel_names[1], ==, "Oz\xc2\xb5");
  g_assert_cmpstr (r->channel_names[2], ==, "C3");
  for (int c = 0; c < 3; c++)
    for (int k = 0; k < 2; k++)
      for (int t = 0; t < 4; t++)
        g_assert_cmpfloat (sample (r, c, k * 4 + t), ==, c * 100 + k * 10 + t - 0.5f);
  g_assert_cmpuint (r->events->len, ==, 3);
  assert_event (r, 0, 0.25, 0, "stim");
  assert_event (r, 1, 1.0, 0, "boundary");
  assert_event (r, 2, 1.375, 0.5, "7");
}

/* EEGLAB 2021+ layout: the fields as top-level variables, double data,
 * no channel locations (channels numbered), no events. */
static void
test_written_top_level (void)
{
  double values[2 * 3] = { 1, -1, 2, -2, 3, -3 };   /* column-major 2 x 3 */
  size_t dims[2] = { 2, 3 };
  matvar_t *vars[] = {
    mat_text ("flat"), mat_number (2), mat_number (3), mat_number (1), mat_number (250),
    Mat_VarCreate ("data", MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims, values, 0), mat_empty (),
  };
  const char *names[] = { "setname", "nbchan", "pnts", "trials", "srate", "data", "chanlocs" };
  for (gsize i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      free (vars[i]->name);   /* matio's own allocation */
      vars[i]->name = strdup (names[i]);
    }
  g_autofree char *dir = fresh_dir ("top-level");
  g_autofree char *path = g_build_filename (dir, "flat.set", NULL);
  write_mat (path, vars, G_N_ELEMENTS (vars));

  g_autoptr (ScmmRecording) r = read_ok (path);
  g_assert_cmpint (r->n_channels, ==, 2);
  g_assert_cmpint (r->n_samples, ==, 3);
  g_assert_cmpfloat (r->rate_hz, ==, 250.0);
  g_assert_cmpstr (r->channel_names[0], ==, "1");
  g_assert_cmpstr (r->channel_names[1], ==, "2");
  for (int t = 0; t < 3; t++)
    {
      g_assert_cmpfloat (sample (r, 0, t), ==, t + 1);
      g_assert_cmpfloat (sample (r, 1, t), ==, -(t + 1));
    }
  g_assert_cmpuint (r->events->len, ==, 0);
}

/* EEGLAB before 6 wrote .dat files, channel-major; EEG.data may carry the
 * folder of the machine that saved it. */
static void
test_written_dat (void)
{
  matvar_t *eeg = eeg_struct (2, 3, 1, 100);
  set_field (eeg, "data", 0, mat_text ("C:\\Users\\someone\\old.dat"));
  static const char *const labels[] = { "A", "B" };
  set_field (eeg, "chanlocs", 0, chanlocs (2, labels));
  set_field (eeg, "event", 0, mat_empty ());
  g_autofree char *dir = fresh_dir ("dat");
  g_autofree char *path = g_build_filename (dir, "old.set", NULL);
  write_mat (path, &eeg, 1);
  const float values[6] = { 1, 2, 3, 4, 5, 6 };
  guint32 le[6];
  for (int i = 0; i < 6; i++)
    {
      memcpy (&le[i], &values[i], 4);
      le[i] = GUINT32_TO_LE (le[i]);
    }
  g_autofree char *dat = g_build_filename (dir, "old.dat", NULL);
  g_assert_true (g_file_set_contents (dat, (const char *) le, sizeof le, NULL));

  g_autoptr (ScmmRecording) r = read_ok (path);
  for (int t = 0; t < 3; t++)
    {
      g_assert_cmpfloat (sample (r, 0, t), ==, t + 1);
      g_assert_cmpfloat (sample (r, 1, t), ==, t + 4);
    }
}

/* ---- broken datasets -------------------------------------------------- */

static char *
write_eeg (const char *folder, matvar_t *eeg)
{
  g_autofree char *dir = fresh_dir (folder);
  char *path = g_build_filename (dir, "broken.set", NULL);
  write_mat (path, &eeg, 1);
  return path;
}

static matvar_t *
good_eeg (void)
{
  matvar_t *eeg = eeg_struct (2, 3, 1, 100);
  float values[6] = { 0 };
  size_t dims[2] = { 2, 3 };
  set_field (eeg, "data", 0, Mat_VarCreate (NULL, MAT_C_SINGLE, MAT_T_SINGLE, 2, dims, values, 0));
  static const char *const labels[] = { "A", "B" };
  set_field (eeg, "chanlocs", 0, chanlocs (2, labels));
  set_field (eeg, "event", 0, mat_empty ());
  return eeg;
}

static void
replace_field (matvar_t *eeg, const char *field, matvar_t *value)
{
  matvar_t *old = Mat_VarSetStructFieldByName (eeg, field, 0, value);
  if (old != NULL)
    Mat_VarFree (old);
}

static void
test_broken (void)
{
  /* Sanity: the good one reads. */
  g_autofree char *good = write_eeg ("good", good_eeg ());
  g_autoptr (ScmmRecording) r = read_ok (good);
  g_assert_cmpint (r->n_samples, ==, 3);

  matvar_t *eeg = good_eeg ();
  replace_field (eeg, "srate", mat_empty ());
  g_autofree char *no_srate = write_eeg ("no-srate", eeg);
  read_fails (no_srate, no_srate, "EEG.srate is empty");

  static const char *const few_fields[] = { "nbchan", "pnts", "data", NULL };
  eeg = mat_struct ("EEG", 1, few_fields);
  set_field (eeg, "nbchan", 0, mat_number (1));
  set_field (eeg, "pnts", 0, mat_number (1));
  set_field (eeg, "data", 0, mat_number (1));
  g_autofree char *missing_srate = write_eeg ("missing-srate", eeg);
  read_fails (missing_srate, missing_srate, "EEG.srate is missing");

  eeg = good_eeg ();
  replace_field (eeg, "nbchan", mat_number (0));
  g_autofree char *no_channels = write_eeg ("no-channels", eeg);
  read_fails (no_channels, no_channels, "EEG.nbchan is 0");

  eeg = good_eeg ();
  replace_field (eeg, "pnts", mat_number (2.5));
  g_autofree char *half = write_eeg ("half", eeg);
  read_fails (half, half, "EEG.pnts is 2.5");

  eeg = good_eeg ();
  replace_field (eeg, "pnts", mat_number (4));
  g_autofree char *short_data = write_eeg ("short-data", eeg);
  read_fails (short_data, short_data, "EEG.data holds 6 values");

  eeg = good_eeg ();
  replace_field (eeg, "nbchan", mat_number (3));
  g_autofree char *few_labels = write_eeg ("few-labels", eeg);
  read_fails (few_labels, few_labels, "EEG.chanlocs has 2 entries");

  eeg = good_eeg ();
  replace_field (eeg, "data", mat_text ("gone.fdt"));
  g_autofree char *gone = write_eeg ("gone", eeg);
  read_fails (gone, "gone.fdt", "not in");

  eeg = good_eeg ();
  replace_field (eeg, "data", mat_text ("small.fdt"));
  g_autofree char *small = write_eeg ("small", eeg);
  g_autofree char *small_dir = g_path_get_dirname (small);
  g_autofree char *small_fdt = g_build_filename (small_dir, "small.fdt", NULL);
  g_assert_true (g_file_set_contents (small_fdt, "0123456789", 10, NULL));
  read_fails (small, "small.fdt", "holds 10 bytes");

  /* A MAT file without EEG. */
  size_t dims[2] = { 1, 1 };
  double one = 1;
  matvar_t *foo = Mat_VarCreate ("foo", MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims, &one, 0);
  g_autofree char *foo_dir = fresh_dir ("foo");
  g_autofree char *foo_set = g_build_filename (foo_dir, "foo.set", NULL);
  write_mat (foo_set, &foo, 1);
  read_fails (foo_set, foo_set, "no variable “EEG”");

  g_autofree char *text = g_build_filename (tmp_dir, "text.set", NULL);
  g_assert_true (g_file_set_contents (text, "this is not a MATLAB file at all\n", -1, NULL));
  read_fails (text, text, NULL);
  g_autofree char *empty = g_build_filename (tmp_dir, "empty.set", NULL);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  read_fails (empty, empty, NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.set", NULL);
  read_fails (missing, missing, "no such file");
}

/* The tutorial .set without its .fdt, and cut short at several lengths. */
static void
test_broken_tutorial (void)
{
  g_autofree char *set = shared_file ("eeglab/eeglab_data.set");
  if (set == NULL)
    return;
  g_autofree char *alone = fresh_dir ("alone");
  g_autofree char *set_alone = link_into (alone, "eeglab_data.set", set);
  read_fails (set_alone, "eeglab_data.fdt", "named by EEG.data");

  g_autofree char *contents = NULL;
  gsize length;
  g_assert_true (g_file_get_contents (set, &contents, &length, NULL));
  g_autofree char *cut_dir = fresh_dir ("cut");
  g_autofree char *fdt = g_build_filename (shared_dir (), "eeglab", "eeglab_data.fdt", NULL);
  g_free (link_into (cut_dir, "eeglab_data.fdt", fdt));
  g_autofree char *cut = g_build_filename (cut_dir, "eeglab_data.set", NULL);
  const gsize lengths[] = { 1, 100, 127, 128, 136, 200, 1000, 5000, 50000, length - 1 };
  for (gsize i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_assert_true (g_file_set_contents (cut, contents, lengths[i], NULL));
      read_fails (cut, cut, NULL);
    }
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

/* Random bytes in the first 4 KiB of the tutorial .set (its header, the
 * struct's field names and small fields): a recording or an error naming
 * the file, never a crash. */
static void
test_mutations (void)
{
  g_autofree char *set = shared_file ("eeglab/eeglab_data.set");
  if (set == NULL)
    return;
  g_autofree char *contents = NULL;
  gsize length;
  g_assert_true (g_file_get_contents (set, &contents, &length, NULL));
  g_autofree char *dir = fresh_dir ("mutants");
  g_autofree char *fdt = g_build_filename (shared_dir (), "eeglab", "eeglab_data.fdt", NULL);
  g_free (link_into (dir, "eeglab_data.fdt", fdt));
  g_autofree char *mutant = g_build_filename (dir, "eeglab_data.set", NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240602);
  int accepted = 0;
  for (int round = 0; round < 100; round++)
    {
      g_autofree guint8 *bytes = g_memdup2 (contents, length);
      for (int k = g_rand_int_range (rand, 1, 9); k > 0; k--)
        bytes[g_rand_int_range (rand, 0, MIN (length, 4096))] = g_rand_int_range (rand, 0, 256);
      write_quickly (mutant, bytes, length);
      GError *error = NULL;
      ScmmRecording *r = scmm_eeglab_read (mutant, &error);
      if (r != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (g_strv_length (r->channel_names), ==, (guint) r->n_channels);
          accepted++;
          scmm_recording_free (r);
        }
      else
        {
          g_assert_true (error->domain == SCMM_ERROR);
          g_assert_nonnull (strstr (error->message, "eeglab_data"));
          g_error_free (error);
        }
    }
  g_test_message ("%d of 100 mutants read, the rest refused", accepted);
}

/* ---- main ------------------------------------------------------------- */

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("scmm-test-eeglab-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/eeglab/tutorial", test_tutorial);
  g_test_add_func ("/eeglab/tutorial-moved", test_tutorial_moved);
  g_test_add_data_func ("/eeglab/written-epoched", GINT_TO_POINTER (MAT_FT_MAT5),
                        test_written_epoched);
  g_test_add_data_func ("/eeglab/written-epoched-v7.3", GINT_TO_POINTER (MAT_FT_MAT73),
                        test_written_epoched);
  g_test_add_func ("/eeglab/written-top-level", test_written_top_level);
  g_test_add_func ("/eeglab/written-dat", test_written_dat);
  g_test_add_func ("/eeglab/broken", test_broken);
  g_test_add_func ("/eeglab/broken-tutorial", test_broken_tutorial);
  g_test_add_func ("/eeglab/mutations", test_mutations);

  int status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
