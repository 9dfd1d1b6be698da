/* test-import.c: the importers end to end.
 * - the real SEED-IV session-1 files in ../shared/data (skipped with a
 *   message where they are absent): 15 subjects, 851 windows each, the
 *   official labels and values;
 * - SEED (features and raw), DEAP and NumPy layouts written here with matio
 *   and by hand;
 * - the real EDF and EEGLAB recordings;
 * - detection, and bad input. */
#include <glib/gstdio.h>
#include <math.h>
#include <matio.h>

#include "scmm-error.h"
#include "scmm-import.h"
#include "scmm-montage.h"
#include "scmm-store.h"
#include "scmm-test-util.h"

static const int seed_iv_session1[24] = { 1, 2, 3, 0, 2, 0, 0, 1, 0, 1, 2, 1,
                                          1, 1, 2, 3, 2, 2, 3, 3, 0, 3, 0, 3 };
static const int seed_iv_windows1[24] = { 42, 23, 49, 32, 22, 40, 38, 52, 36, 42, 12, 27,
                                          54, 42, 64, 35, 17, 44, 35, 12, 28, 28, 43, 34 };

static char *
shared_data (const char *relative)
{
  const char *dir = g_getenv ("SCMM_SHARED_DATA_DIR");
  if (dir == NULL)
    return NULL;
  char *path = g_build_filename (dir, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_free (path);
      return NULL;
    }
  return path;
}

static char *
temp_dir (void)
{
  return g_dir_make_tmp ("scmm-import-XXXXXX", NULL);
}

static ScmmTrial *
trial_at (const ScmmCorpus *c, const char *subject, const char *session, const char *trial)
{
  ScmmSubject *s = scmm_corpus_find_subject (c, subject);
  g_assert_nonnull (s);
  ScmmSession *x = scmm_subject_find_session (s, session);
  g_assert_nonnull (x);
  ScmmTrial *t = scmm_session_find_trial (x, trial);
  g_assert_nonnull (t);
  return t;
}

static void
test_import_real_seed_iv (void)
{
  g_autofree char *dir = shared_data ("seed-iv/eeg_feature_smooth");
  if (dir == NULL)
    {
      g_test_skip ("../shared/data is absent: the real SEED-IV files are not here");
      return;
    }
  ScmmImportOptions options;
  scmm_import_options_init (&options);
  GError *error = NULL;
  g_test_timer_start ();
  g_assert_cmpint (scmm_import_detect (dir, &error), ==, SCMM_FORMAT_SEED_IV_FEATURES);
  g_autoptr (ScmmCorpus) c = scmm_import (dir, NULL, &options, &error);
  g_assert_no_error (error);
  g_test_message ("15 SEED-IV files imported in %.2f s", g_test_timer_elapsed ());
  g_assert_cmpint (c->subjects->len, ==, 15);
  g_assert_cmpint (c->n_classes, ==, 4);
  g_assert_cmpfloat (c->window_s, ==, 4.0);
  g_assert_cmpuint (c->provenance->len, ==, 15);
  for (guint i = 0; i < c->subjects->len; i++)
    {
      ScmmSubject *s = g_ptr_array_index (c->subjects, i);
      g_assert_cmpuint (s->sessions->len, ==, 1);
      ScmmSession *x = g_ptr_array_index (s->sessions, 0);
      g_assert_cmpstr (x->name, ==, "1");
      g_assert_cmpuint (x->trials->len, ==, 24);
      int windows = 0;
      for (int t = 0; t < 24; t++)
        {
          ScmmTrial *trial = g_ptr_array_index (x->trials, t);
          g_assert_cmpint (trial->label, ==, seed_iv_session1[t]);
          g_assert_cmpint (trial->windows, ==, seed_iv_windows1[t]);
          windows += trial->windows;
        }
      g_assert_cmpint (windows, ==, 851);
    }
  /* subject 1, de_LDS1, channel 0, band 0, windows 0..2 */
  ScmmTrial *t = trial_at (c, "1", "1", "1");
  const double expect[3] = { 27.79550063, 27.79681682, 27.79766669 };
  for (int w = 0; w < 3; w++)
    g_assert_cmpfloat_with_epsilon (t->de[(w * 62 + 0) * 5 + 0], expect[w], 1e-5);
  /* and one value deeper inside: channel 61, band 4 of the last window is read
   * from the column-major position c + 62 (w + W b) */
  g_assert_true (isfinite (t->de[((t->windows - 1) * 62 + 61) * 5 + 4]));

  /* the same through the store */
  g_autofree char *tmp = temp_dir ();
  g_autofree char *store = g_build_filename (tmp, "seed-iv.h5", NULL);
  g_assert_true (scmm_store_save (c, store, &error));
  g_autoptr (ScmmCorpus) back = scmm_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (trial_at (back, "1", "1", "1")->de[5], ==, t->de[5]);
  g_unlink (store);
  g_rmdir (tmp);
  scmm_import_options_clear (&options);
}

/* ---- MATLAB files written here ---- */

static void
write_mat (const char *path, int n, const char *const *names, const int *ranks,
           const size_t (*dims)[3], double *const *data)
{
  mat_t *mat = Mat_CreateVer (path, NULL, MAT_FT_MAT5);
  g_assert_nonnull (mat);
  for (int i = 0; i < n; i++)
    {
      size_t d[3] = { dims[i][0], dims[i][1], dims[i][2] };
      matvar_t *var = Mat_VarCreate (names[i], MAT_C_DOUBLE, MAT_T_DOUBLE, ranks[i], d, data[i], 0);
      g_assert_cmpint (Mat_VarWrite (mat, var, MAT_COMPRESSION_NONE), ==, 0);
      Mat_VarFree (var);
    }
  Mat_Close (mat);
}

/* A SEED feature file: de_LDS1..15 and de_movingAve1..15, 62 x W x 5, with
 * value(c, w, b) = base + c + 100 w + 1000 b (and + 0.5 for movingAve). */
static void
write_seed_features (const char *path, double base, int windows)
{
  const char *names[30];
  int ranks[30];
  size_t dims[30][3];
  double *data[30];
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  for (int v = 0; v < 30; v++)
    {
      gboolean lds = v < 15;
      names[v] = g_strdup_printf ("%s%d", lds ? "de_LDS" : "de_movingAve", v % 15 + 1);
      g_ptr_array_add (owned, (gpointer) names[v]);
      ranks[v] = 3;
      dims[v][0] = 62;
      dims[v][1] = windows;
      dims[v][2] = 5;
      data[v] = g_new (double, 62 * windows * 5);
      g_ptr_array_add (owned, data[v]);
      for (int b = 0; b < 5; b++)
        for (int w = 0; w < windows; w++)
          for (int c = 0; c < 62; c++)
            data[v][c + 62 * (w + windows * b)] = base + c + 100 * w + 1000 * b + (lds ? 0 : 0.5)
                                                   + 10000 * (v % 15);
    }
  write_mat (path, 30, names, ranks, (const size_t (*)[3]) dims, data);
}

static void
write_seed_labels (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "label.mat", NULL);
  double labels[15] = { 1, 0, -1, -1, 0, 1, -1, 0, 1, 1, 0, -1, 0, 1, -1 };
  const char *names[] = { "label" };
  int ranks[] = { 2 };
  size_t dims[1][3] = { { 1, 15, 1 } };
  double *data[] = { labels };
  write_mat (path, 1, names, ranks, (const size_t (*)[3]) dims, data);
}

static void
test_import_seed_features_layout (void)
{
  g_autofree char *dir = temp_dir ();
  write_seed_labels (dir);
  g_autofree char *a2 = g_build_filename (dir, "1_20200301.mat", NULL);
  g_autofree char *a1 = g_build_filename (dir, "1_20200105.mat", NULL);
  g_autofree char *b1 = g_build_filename (dir, "10_20200202.mat", NULL);
  write_seed_features (a2, 0.25, 3);
  write_seed_features (a1, 0.75, 2);
  write_seed_features (b1, 0.5, 4);

  ScmmImportOptions options;
  scmm_import_options_init (&options);
  GError *error = NULL;
  g_assert_cmpint (scmm_import_detect (dir, &error), ==, SCMM_FORMAT_SEED_FEATURES);
  g_autoptr (ScmmCorpus) c = scmm_import (dir, NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->class_names[0], ==, "negative");
  g_assert_cmpuint (c->subjects->len, ==, 2);
  ScmmSubject *s1 = scmm_corpus_find_subject (c, "1");
  g_assert_cmpuint (s1->sessions->len, ==, 2);
  /* sessions in date order: 2020-01-05 is session 1 */
  ScmmTrial *t = trial_at (c, "1", "1", "1");
  g_assert_cmpint (t->windows, ==, 2);
  g_assert_cmpfloat (t->de[0], ==, 0.75f);
  /* (w 1, c 7, b 3) of trial 4 of the 2020-03-01 file, label -1 -> negative (0) */
  t = trial_at (c, "1", "2", "4");
  g_assert_cmpint (t->label, ==, 0);
  g_assert_cmpfloat (t->de[(1 * 62 + 7) * 5 + 3], ==, (float) (0.25 + 7 + 100 + 3000 + 30000));
  g_assert_cmpint (trial_at (c, "1", "1", "1")->label, ==, 2);   /* label 1 -> positive */
  g_assert_cmpint (trial_at (c, "10", "1", "2")->label, ==, 1);  /* label 0 -> neutral */
  g_assert_cmpuint (c->provenance->len, ==, 4);   /* label.mat and three files */

  g_free (options.feature);
  options.feature = g_strdup ("de_movingAve");
  g_autoptr (ScmmCorpus) m = scmm_import (dir, NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (trial_at (m, "1", "1", "1")->de[0], ==, 1.25f);
  g_assert_cmpstr (m->feature, ==, "de_movingAve");

  /* a file missing a trial: the error names the file and the variable */
  const char *names[] = { "de_LDS1" };
  int ranks[] = { 3 };
  size_t dims[1][3] = { { 62, 2, 5 } };
  g_autofree double *v = g_new0 (double, 62 * 2 * 5);
  double *data[] = { v };
  write_mat (b1, 1, names, ranks, (const size_t (*)[3]) dims, data);
  g_free (options.feature);
  options.feature = NULL;
  g_assert_null (scmm_import (dir, NULL, &options, &error));
  g_assert_nonnull (strstr (error->message, "10_20200202.mat"));
  g_assert_nonnull (strstr (error->message, "“de_LDS2” is missing"));
  g_clear_error (&error);

  /* the labels missing */
  g_autofree char *label_path = g_build_filename (dir, "label.mat", NULL);
  g_autofree char *label_moved = g_build_filename (dir, "label.mat.bak", NULL);
  g_rename (label_path, label_moved);
  g_assert_null (scmm_import (dir, NULL, &options, &error));
  g_assert_nonnull (error);
  g_test_message ("labels missing: %s", error->message);
  g_clear_error (&error);
  options.format = SCMM_FORMAT_SEED_FEATURES;
  g_assert_null (scmm_import (dir, NULL, &options, &error));
  g_assert_nonnull (strstr (error->message, "label.mat: missing"));
  g_clear_error (&error);
  options.format = SCMM_FORMAT_AUTO;
  g_rename (label_moved, label_path);

  /* a truncated file */
  g_autofree char *bytes = NULL;
  gsize length;
  g_file_get_contents (a1, &bytes, &length, NULL);
  g_file_set_contents (a1, bytes, (gssize) length / 3, NULL);
  write_seed_features (b1, 0.5, 4);
  g_assert_null (scmm_import (dir, NULL, &options, &error));
  g_assert_nonnull (error);
  g_test_message ("truncated: %s", error->message);
  g_assert_nonnull (strstr (error->message, "1_20200105.mat"));
  g_clear_error (&error);
  scmm_import_options_clear (&options);
}

static void
test_import_seed_raw_layout (void)
{
  g_autofree char *dir = temp_dir ();
  write_seed_labels (dir);
  /* 15 trials of 3 s at 200 Hz; channel 5 carries a 10 Hz sine */
  const int n = 600;
  const char *names[15];
  int ranks[15];
  size_t dims[15][3];
  double *data[15];
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  ScmmRng rng;
  scmm_rng_init (&rng, 4);
  for (int t = 0; t < 15; t++)
    {
      names[t] = g_strdup_printf ("xyz_eeg%d", t + 1);
      g_ptr_array_add (owned, (gpointer) names[t]);
      ranks[t] = 2;
      dims[t][0] = 62;
      dims[t][1] = n;
      dims[t][2] = 1;
      data[t] = g_new (double, 62 * n);
      g_ptr_array_add (owned, data[t]);
      for (int s = 0; s < n; s++)
        for (int c = 0; c < 62; c++)
          data[t][c + 62 * s] = scmm_rng_normal (&rng) + (c == 5 ? 20 * sin (2 * G_PI * 10 * s / 200.0) : 0);
    }
  g_autofree char *file = g_build_filename (dir, "3_20190101.mat", NULL);
  write_mat (file, 15, names, ranks, (const size_t (*)[3]) dims, data);

  ScmmImportOptions options;
  scmm_import_options_init (&options);
  GError *error = NULL;
  g_assert_cmpint (scmm_import_detect (dir, &error), ==, SCMM_FORMAT_SEED_RAW);
  g_autoptr (ScmmCorpus) c = scmm_import (dir, NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (c->source_rate_hz, ==, 200);
  g_assert_cmpstr (c->smoothing, ==, "lds");
  ScmmTrial *t = trial_at (c, "3", "1", "15");
  g_assert_cmpint (t->windows, ==, 3);
  /* the sine's alpha stands out on channel 5, not on channel 6 */
  float alpha5 = t->de[(1 * 62 + 5) * 5 + 2], alpha6 = t->de[(1 * 62 + 6) * 5 + 2];
  g_assert_cmpfloat (alpha5, >, alpha6 + 3);
  scmm_import_options_clear (&options);
}

/* DEAP: s01.mat with 2 trials x 40 channels x (3 s + 5 s) at 128 Hz. */
static void
test_import_deap_layout (void)
{
  g_autofree char *dir = temp_dir ();
  const int trials = 2, channels = 40, samples = 128 * 8;
  g_autofree double *data = g_new (double, trials * channels * samples);
  ScmmRng rng;
  scmm_rng_init (&rng, 6);
  for (int s = 0; s < samples; s++)
    for (int c = 0; c < channels; c++)
      for (int t = 0; t < trials; t++)
        {
          /* trial 1 is louder after its baseline on channel 0 */
          double gain = (t == 1 && c == 0 && s >= 384) ? 4.0 : 1.0;
          data[t + trials * (c + channels * s)] = gain * scmm_rng_normal (&rng);
        }
  double labels[8] = { 7, 3,  2, 8,  5, 5,  1, 9 };   /* column-major 2 x 4: valence 7, 3 */
  const char *names[] = { "data", "labels" };
  int ranks[] = { 3, 2 };
  size_t dims[2][3] = { { trials, channels, samples }, { trials, 4, 1 } };
  double *arrays[] = { data, labels };
  g_autofree char *file = g_build_filename (dir, "s01.mat", NULL);
  write_mat (file, 2, names, ranks, (const size_t (*)[3]) dims, arrays);

  ScmmImportOptions options;
  scmm_import_options_init (&options);
  options.smoothing = SCMM_SMOOTH_NONE;
  GError *error = NULL;
  g_assert_cmpint (scmm_import_detect (dir, &error), ==, SCMM_FORMAT_DEAP);
  g_autoptr (ScmmCorpus) c = scmm_import (dir, NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c->n_channels, ==, 32);
  g_assert_cmpstr (c->channel_names[0], ==, "Fp1");
  g_assert_cmpstr (c->class_names[1], ==, "high valence");
  ScmmTrial *t1 = trial_at (c, "1", "1", "1"), *t2 = trial_at (c, "1", "1", "2");
  g_assert_cmpint (t1->windows, ==, 5);
  g_assert_cmpint (t1->label, ==, 1);    /* valence 7 > 5 */
  g_assert_cmpint (t2->label, ==, 0);    /* valence 3 */
  g_assert_cmpfloat (t1->ratings[1], ==, 2);   /* arousal kept */
  /* baseline subtracted: white noise of the same level gives about 0,
   * 4 times louder gives about ln 4 */
  g_assert_cmpfloat (fabs (t1->de[0 * 5 + 3]), <, 0.5);
  g_assert_cmpfloat_with_epsilon (t2->de[0 * 5 + 3], log (4.0), 0.5);

  options.baseline = SCMM_BASELINE_DROP;
  g_free (options.label);
  options.label = g_strdup ("arousal");
  g_autoptr (ScmmCorpus) d = scmm_import (dir, NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trial_at (d, "1", "1", "1")->label, ==, 0);   /* arousal 2 */
  /* nothing subtracted: the DE of unit white noise in beta (14-31 Hz of the
   * 64 Hz band), 0.5 ln (2 pi e 17/64) = 0.76 */
  g_assert_cmpfloat_with_epsilon (trial_at (d, "1", "1", "1")->de[3], 0.5 * log (2 * G_PI * G_E * 17 / 64.0), 0.2);
  scmm_import_options_clear (&options);
}

/* ---- NumPy ---- */

static void
write_npy (const char *path, const char *descr, const char *shape, const void *data, gsize bytes)
{
  g_autofree char *dict = g_strdup_printf ("{'descr': '%s', 'fortran_order': False, 'shape': %s, }",
                                           descr, shape);
  gsize len = strlen (dict) + 1, padded = ((10 + len + 63) / 64) * 64 - 10;
  GString *s = g_string_new_len ("\x93NUMPY\x01\x00", 8);
  g_string_append_c (s, (char) (padded & 0xff));
  g_string_append_c (s, (char) (padded >> 8));
  g_string_append (s, dict);
  while (s->len < 10 + padded - 1)
    g_string_append_c (s, ' ');
  g_string_append_c (s, '\n');
  g_string_append_len (s, data, (gssize) bytes);
  g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, NULL));
  g_string_free (s, TRUE);
}

static void
test_import_npy (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *x = g_build_filename (dir, "X.npy", NULL);
  g_autofree char *y = g_build_filename (dir, "Y.npy", NULL);
  g_autofree char *t = g_build_filename (dir, "T.npy", NULL);
  g_autofree char *store = g_build_filename (dir, "store.h5", NULL);
  enum { N = 10 };
  g_autofree float *xv = g_new (float, N * 32 * 5);
  for (int i = 0; i < N * 32 * 5; i++)
    xv[i] = (float) i;
  gint64 yv[N] = { 0, 0, 0, 1, 1, 1, 1, 0, 0, 0 };
  gint64 tv[N] = { 5, 5, 5, 6, 6, 6, 6, 7, 7, 7 };
  write_npy (x, "<f4", "(10, 32, 5)", xv, sizeof (float) * N * 32 * 5);
  write_npy (y, "<i8", "(10,)", yv, sizeof yv);
  write_npy (t, "<i8", "(10,)", tv, sizeof tv);

  ScmmImportOptions options;
  scmm_import_options_init (&options);
  options.format = SCMM_FORMAT_NPY;
  options.npy_labels = g_strdup (y);
  options.npy_trials = g_strdup (t);
  options.npy_subject = g_strdup ("7");
  options.npy_session = g_strdup ("1");
  options.npy_channels = g_strdup ("deap32");
  options.npy_classes = g_strdup ("low,high");
  options.npy_window_s = 1.0;
  GError *error = NULL;
  g_autoptr (ScmmCorpus) c = scmm_import (x, NULL, &options, &error);
  g_assert_no_error (error);
  ScmmTrial *t6 = trial_at (c, "7", "1", "6");
  g_assert_cmpint (t6->windows, ==, 4);
  g_assert_cmpint (t6->label, ==, 1);
  g_assert_cmpfloat (t6->de[0], ==, 3 * 160);
  g_assert_true (scmm_store_save (c, store, &error));

  /* append a second subject to the store; a repeat of the first is refused */
  g_free (options.npy_subject);
  options.npy_subject = g_strdup ("8");
  ScmmCorpus *existing = scmm_store_load (store, &error);
  g_autoptr (ScmmCorpus) appended = scmm_import (x, existing, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (appended->subjects->len, ==, 2);
  g_assert_cmpuint (appended->provenance->len, ==, 6);
  g_assert_null (scmm_import (x, scmm_store_load (store, NULL), (g_free (options.npy_subject), options.npy_subject = g_strdup ("7"), &options), &error));
  g_assert_nonnull (strstr (error->message, "already has a trial 5"));
  g_clear_error (&error);

  /* channels that do not match the store's */
  g_free (options.npy_channels);
  options.npy_channels = g_strdup ("seed62");
  g_assert_null (scmm_import (x, scmm_store_load (store, NULL), &options, &error));
  g_assert_nonnull (strstr (error->message, "expected (N, 62, 5)"));
  g_clear_error (&error);

  g_free (options.npy_channels);
  options.npy_channels = g_strdup ("deap32");

  /* NaN in the features */
  xv[77] = NAN;
  write_npy (x, "<f4", "(10, 32, 5)", xv, sizeof (float) * N * 32 * 5);
  g_assert_null (scmm_import (x, NULL, &options, &error));
  g_assert_nonnull (strstr (error->message, "X.npy: NaN in window 0"));
  g_clear_error (&error);
  xv[77] = 0;
  write_npy (x, "<f4", "(10, 32, 5)", xv, sizeof (float) * N * 32 * 5);

  /* a trial that mixes labels */
  gint64 mixed[N] = { 0, 1, 0, 1, 1, 1, 1, 0, 0, 0 };
  write_npy (y, "<i8", "(10,)", mixed, sizeof mixed);
  g_assert_null (scmm_import (x, NULL, &options, &error));
  g_assert_nonnull (strstr (error->message, "trial 5 mixes labels 0 and 1"));
  g_clear_error (&error);

  /* labels beyond the classes, and too few of them */
  gint64 big[N] = { 0, 0, 0, 2, 2, 2, 2, 0, 0, 0 };
  write_npy (y, "<i8", "(10,)", big, sizeof big);
  g_assert_null (scmm_import (x, NULL, &options, &error));
  g_assert_nonnull (strstr (error->message, "not a class index 0..1"));
  g_clear_error (&error);
  write_npy (y, "<i8", "(9,)", big, sizeof big - 8);
  g_assert_null (scmm_import (x, NULL, &options, &error));
  g_assert_nonnull (strstr (error->message, "9 labels for 10 windows"));
  g_clear_error (&error);
  scmm_import_options_clear (&options);
}

/* ---- raw recordings ---- */

static void
test_import_edf_recordings (void)
{
  g_autofree char *dir = shared_data ("eegmmidb");
  if (dir == NULL)
    {
      g_test_skip ("../shared/data is absent: the real EDF recordings are not here");
      return;
    }
  ScmmImportOptions options;
  scmm_import_options_init (&options);
  GError *error = NULL;
  g_assert_cmpint (scmm_import_detect (dir, &error), ==, SCMM_FORMAT_EDF);
  g_autoptr (ScmmCorpus) c = scmm_import (dir, NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c->n_channels, ==, 64);
  g_assert_cmpfloat (c->source_rate_hz, ==, 160);
  g_assert_cmpint (c->n_classes, ==, 0);
  g_assert_cmpstr (c->channel_names[0], ==, "FC5");     /* "Fc5." in the file */
  ScmmTrial *t = trial_at (c, "S001R03", "1", "S001R03");
  g_assert_cmpint (t->windows, ==, 125);
  g_assert_cmpint (t->label, ==, -1);
  g_assert_nonnull (t->events);
  g_assert_cmpuint (t->events->len, >, 20);
  g_assert_cmpstr (g_array_index (t->events, ScmmTrialEvent, 0).text, ==, "T0");
  for (int c0 = 0; c0 < 64 * 5; c0++)
    g_assert_true (isfinite (t->de[c0]));
  scmm_import_options_clear (&options);
}

static void
test_import_eeglab_recording (void)
{
  g_autofree char *set = shared_data ("eeglab/eeglab_data.set");
  if (set == NULL)
    {
      g_test_skip ("../shared/data is absent: the real EEGLAB data set is not here");
      return;
    }
  ScmmImportOptions options;
  scmm_import_options_init (&options);
  GError *error = NULL;
  g_autoptr (ScmmCorpus) c = scmm_import (set, NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c->n_channels, ==, 32);
  g_assert_cmpfloat (c->source_rate_hz, ==, 128);
  ScmmTrial *t = trial_at (c, "eeglab_data", "1", "eeglab_data");
  g_assert_cmpint (t->windows, ==, 238);
  g_assert_cmpuint (t->events->len, ==, 154);
  g_assert_cmpuint (c->provenance->len, ==, 2);   /* the .set and its .fdt */
  scmm_import_options_clear (&options);
}

static void
test_import_detect_unknown (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *junk = g_build_filename (dir, "notes.txt", NULL);
  g_file_set_contents (junk, "hello", -1, NULL);
  GError *error = NULL;
  g_assert_cmpint (scmm_import_detect (dir, &error), ==, SCMM_FORMAT_AUTO);
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, dir));
  g_assert_nonnull (strstr (error->message, "--format"));
  g_clear_error (&error);
  g_assert_cmpint (scmm_import_detect ("/no/such/folder", &error), ==, SCMM_FORMAT_AUTO);
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_IO);
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/real-seed-iv", test_import_real_seed_iv);
  g_test_add_func ("/import/seed-features-layout", test_import_seed_features_layout);
  g_test_add_func ("/import/seed-raw-layout", test_import_seed_raw_layout);
  g_test_add_func ("/import/deap-layout", test_import_deap_layout);
  g_test_add_func ("/import/npy", test_import_npy);
  g_test_add_func ("/import/edf-recordings", test_import_edf_recordings);
  g_test_add_func ("/import/eeglab-recording", test_import_eeglab_recording);
  g_test_add_func ("/import/detect-unknown", test_import_detect_unknown);
  return g_test_run ();
}
