/* test-store.c: the corpus store round-trips a corpus exactly, keeps the
 * order of subjects, sessions and trials, and refuses damaged stores with
 * messages that name the file and the dataset. */
#include <glib/gstdio.h>
#include <math.h>

#include "scmm-corpus-align.h"
#include "scmm-demo.h"
#include "scmm-error.h"
#include "scmm-h5-seal.h"
#include "scmm-montage.h"
#include "scmm-store.h"
#include "scmm-test-util.h"

static char *
temp_store (const char *name)
{
  static char *dir;
  if (dir == NULL)
    dir = g_dir_make_tmp ("scmm-store-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

/* A small corpus with everything a store can hold. */
static ScmmCorpus *
small_corpus (void)
{
  const char *classes[] = { "low", "high", NULL };
  const char *channels[] = { "fp1", "Fz.", "T3", NULL };   /* normalised on the way in */
  ScmmCorpus *c = scmm_corpus_new ("Tiny", classes, channels, 3, scmm_de_bands_standard, 2.0);
  const char *ratings[] = { "valence", "arousal", NULL };
  scmm_corpus_set_ratings (c, ratings);
  scmm_corpus_add_provenance (c, "/data/s01.mat", "ab12", 1234);
  c->source_rate_hz = 128;
  ScmmRng rng;
  scmm_rng_init (&rng, 3);
  /* subjects named so that alphabetical order differs from insertion order */
  const char *subjects[] = { "10", "2", "subject/with/slashes" };
  for (int s = 0; s < 3; s++)
    {
      ScmmSession *session = scmm_subject_session (scmm_corpus_subject (c, subjects[s]), "b");
      scmm_subject_session (scmm_corpus_subject (c, subjects[s]), "a");
      for (int t = 0; t < 3; t++)
        {
          int windows = 2 + t;
          float *de = g_new (float, windows * 3 * 5);
          scmm_test_fill_uniform (de, windows * 15, &rng, 5, 30);
          g_autofree char *name = g_strdup_printf ("%d", 11 - t);
          ScmmTrial *trial = scmm_session_add_trial (session, name, t == 2 ? -1 : t % 2, de,
                                                     windows);
          trial->ratings = g_new (float, 2);
          trial->ratings[0] = 1 + t;
          trial->ratings[1] = 9 - t;
        }
      float *de = g_new (float, 15);
      scmm_test_fill_uniform (de, 15, &rng, 5, 30);
      ScmmTrial *t = scmm_session_add_trial (scmm_subject_session (scmm_corpus_subject (c, subjects[s]), "a"),
                                             "x", 1, de, 1);
      t->events = g_array_new (FALSE, TRUE, sizeof (ScmmTrialEvent));
      ScmmTrialEvent e = { 1.5, 0.25, g_strdup ("T1 “quoted” é") };
      g_array_append_val (t->events, e);
    }
  return c;
}

static void
assert_same_corpus (const ScmmCorpus *a, const ScmmCorpus *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstrv (a->class_names, b->class_names);
  g_assert_cmpstrv (a->channel_names, b->channel_names);
  g_assert_cmpstrv (a->rating_names, b->rating_names);
  g_assert_cmpfloat (a->window_s, ==, b->window_s);
  g_assert_cmpfloat (a->source_rate_hz, ==, b->source_rate_hz);
  g_assert_cmpmem (a->bands, sizeof a->bands, b->bands, sizeof b->bands);
  g_assert_cmpuint (a->provenance->len, ==, b->provenance->len);
  g_assert_cmpuint (a->subjects->len, ==, b->subjects->len);
  for (guint i = 0; i < a->subjects->len; i++)
    {
      ScmmSubject *sa = g_ptr_array_index (a->subjects, i), *sb = g_ptr_array_index (b->subjects, i);
      g_assert_cmpstr (sa->name, ==, sb->name);
      g_assert_cmpuint (sa->sessions->len, ==, sb->sessions->len);
      for (guint j = 0; j < sa->sessions->len; j++)
        {
          ScmmSession *xa = g_ptr_array_index (sa->sessions, j), *xb = g_ptr_array_index (sb->sessions, j);
          g_assert_cmpstr (xa->name, ==, xb->name);
          g_assert_cmpuint (xa->trials->len, ==, xb->trials->len);
          for (guint k = 0; k < xa->trials->len; k++)
            {
              ScmmTrial *ta = g_ptr_array_index (xa->trials, k), *tb = g_ptr_array_index (xb->trials, k);
              g_assert_cmpstr (ta->name, ==, tb->name);
              g_assert_cmpint (ta->label, ==, tb->label);
              g_assert_cmpint (ta->windows, ==, tb->windows);
              g_assert_cmpmem (ta->de, ta->windows * a->n_channels * a->n_bands * 4, tb->de,
                               tb->windows * b->n_channels * b->n_bands * 4);
              g_assert_true ((ta->ratings == NULL) == (tb->ratings == NULL));
              if (ta->ratings)
                g_assert_cmpmem (ta->ratings, 8, tb->ratings, 8);
              g_assert_true ((ta->events == NULL) == (tb->events == NULL));
              if (ta->events)
                {
                  ScmmTrialEvent *ea = &g_array_index (ta->events, ScmmTrialEvent, 0);
                  ScmmTrialEvent *eb = &g_array_index (tb->events, ScmmTrialEvent, 0);
                  g_assert_cmpfloat (ea->onset_s, ==, eb->onset_s);
                  g_assert_cmpstr (ea->text, ==, eb->text);
                }
            }
        }
    }
}

static void
test_store_round_trip (void)
{
  g_autoptr (ScmmCorpus) c = small_corpus ();
  g_assert_cmpstr (c->channel_names[0], ==, "Fp1");
  g_assert_cmpstr (c->channel_names[2], ==, "T7");
  g_autofree char *path = temp_store ("tiny.h5");
  GError *error = NULL;
  g_assert_true (scmm_store_save (c, path, &error));
  g_assert_no_error (error);
  g_assert_true (scmm_store_is_store (path));
  g_autoptr (ScmmCorpus) back = scmm_store_load (path, &error);
  g_assert_no_error (error);
  assert_same_corpus (c, back);
  ScmmCorpusCounts n = scmm_corpus_count (back);
  g_assert_cmpint (n.subjects, ==, 3);
  g_assert_cmpint (n.sessions, ==, 6);
  g_assert_cmpint (n.trials, ==, 12);
  g_assert_cmpint (n.windows, ==, 3 * (2 + 3 + 4 + 1));
  g_assert_cmpint (n.unlabelled_windows, ==, 3 * 4);
}

static void
test_store_demo_round_trip (void)
{
  g_autoptr (ScmmCorpus) c = scmm_demo_corpus (SCMM_DEMO_DEAP, 1);
  g_autofree char *path = temp_store ("demo.h5");
  GError *error = NULL;
  g_assert_true (scmm_store_save (c, path, &error));
  g_autoptr (ScmmCorpus) back = scmm_corpus_open (path, &error);
  g_assert_no_error (error);
  assert_same_corpus (c, back);
}

static void
expect_load_error (const char *path, const char *fragment)
{
  GError *error = NULL;
  ScmmCorpus *c = scmm_store_load (path, &error);
  g_assert_null (c);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
  g_clear_error (&error);
}

/* Closes a store changed behind the program's back and seals it again, so
 * that the loader's own checks (not the seal's) are what is tested. */
static void
close_and_reseal (hid_t f, const char *path)
{
  H5Fclose (f);
  GError *error = NULL;
  g_assert_true (scmm_h5_seal (path, path, &error));
  g_assert_no_error (error);
}

/* Opens a saved copy of the tiny store for changes. */
static hid_t
open_copy (const char *path)
{
  g_autoptr (ScmmCorpus) c = small_corpus ();
  g_assert_true (scmm_store_save (c, path, NULL));
  return H5Fopen (path, H5F_ACC_RDWR, H5P_DEFAULT);
}

static void
test_store_bad_files (void)
{
  g_autofree char *path = temp_store ("bad.h5");

  /* a NaN in a trial's features */
  hid_t f = open_copy (path);
  hid_t ds = H5Dopen2 (f, "/subjects/2/b/10/de", H5P_DEFAULT);
  float v[3 * 3 * 5];
  H5Dread (ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v);
  v[7] = NAN;
  H5Dwrite (ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v);
  H5Dclose (ds);
  close_and_reseal (f, path);
  expect_load_error (path, "“/subjects/2/b/10/de” holds NaN");

  /* a label beyond the classes */
  f = open_copy (path);
  int label = 7;
  /* replaced rather than rewritten: HDF5 1.10 cannot find an attribute to
   * rewrite in place beside a variable-length string one */
  H5Adelete_by_name (f, "/subjects/10/b/11", "label", H5P_DEFAULT);
  hid_t scalar = H5Screate (H5S_SCALAR);
  hid_t a = H5Acreate_by_name (f, "/subjects/10/b/11", "label", H5T_STD_I32LE, scalar,
                               H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  g_assert_cmpint (H5Awrite (a, H5T_NATIVE_INT, &label), >=, 0);
  H5Aclose (a);
  H5Sclose (scalar);
  close_and_reseal (f, path);
  expect_load_error (path, "has label 7");

  /* a missing dataset */
  f = open_copy (path);
  H5Ldelete (f, "/channel_names", H5P_DEFAULT);
  close_and_reseal (f, path);
  expect_load_error (path, "“/channel_names” is missing");

  /* a trial with the wrong number of channels */
  f = open_copy (path);
  H5Ldelete (f, "/subjects/2/a/x/de", H5P_DEFAULT);
  hsize_t dims[3] = { 1, 4, 5 };
  hid_t space = H5Screate_simple (3, dims, NULL);
  ds = H5Dcreate2 (f, "/subjects/2/a/x/de", H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT,
                   H5P_DEFAULT);
  float zeros[20] = { 0 };
  H5Dwrite (ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, zeros);
  H5Dclose (ds);
  H5Sclose (space);
  close_and_reseal (f, path);
  expect_load_error (path, "has shape [1, 4, 5], expected [?, 3, 5]");

  /* a sealed HDF5 file of another kind */
  g_autofree char *ck = scmm_test_fixture ("step-hybrid-own/checkpoint.h5");
  f = open_copy (path);
  H5Adelete (f, "format");
  hid_t one = H5Screate (H5S_SCALAR);
  hid_t str = H5Tcopy (H5T_C_S1);
  H5Tset_size (str, 16);
  hid_t fa = H5Acreate2 (f, "format", str, one, H5P_DEFAULT, H5P_DEFAULT);
  H5Awrite (fa, str, "scmm-checkpoint\0");
  H5Aclose (fa);
  H5Tclose (str);
  H5Sclose (one);
  close_and_reseal (f, path);
  expect_load_error (path, "not a corpus store");
  /* a truncated store, a flipped bit, a changed value: damage, caught by the seal */
  g_autoptr (ScmmCorpus) c = small_corpus ();
  g_assert_true (scmm_store_save (c, path, NULL));
  g_autofree char *bytes = NULL;
  gsize length;
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length / 2, NULL));
  expect_load_error (path, "do not match its seal");
  bytes[length - 100] ^= 0x10;
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));
  expect_load_error (path, "do not match its seal");
  f = open_copy (path);
  H5Ldelete (f, "/band_names", H5P_DEFAULT);
  H5Fclose (f);
  expect_load_error (path, "do not match its seal");
  /* an HDF5 file without a seal (a checkpoint) is not a store */
  expect_load_error (ck, "no seal");
}

/* A store that cannot be written leaves the old one whole. */
static void
test_store_failed_save_keeps_old (void)
{
  g_autofree char *path = temp_store ("keep.h5");
  g_autoptr (ScmmCorpus) c = small_corpus ();
  g_assert_true (scmm_store_save (c, path, NULL));
  /* an invalid corpus is refused before anything is written */
  ScmmSubject *s = g_ptr_array_index (c->subjects, 0);
  ScmmSession *x = g_ptr_array_index (s->sessions, 0);
  ScmmTrial *t = g_ptr_array_index (x->trials, 0);
  t->de[3] = INFINITY;
  GError *error = NULL;
  g_assert_false (scmm_store_save (c, path, &error));
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC);
  g_assert_nonnull (strstr (error->message, "subject 10, session b, trial 11"));
  g_clear_error (&error);
  g_autoptr (ScmmCorpus) back = scmm_store_load (path, &error);
  g_assert_no_error (error);
  ScmmTrial *bt = g_ptr_array_index (((ScmmSession *) g_ptr_array_index (((ScmmSubject *) g_ptr_array_index (back->subjects, 0))->sessions, 0))->trials, 0);
  g_assert_true (isfinite (bt->de[3]));
}

static void
test_store_align_seed_with_deap (void)
{
  g_autoptr (ScmmCorpus) seed = scmm_demo_corpus (SCMM_DEMO_SEED, 1);
  g_autoptr (ScmmCorpus) deap = scmm_demo_corpus (SCMM_DEMO_DEAP, 1);
  ScmmTrial *before = g_ptr_array_index (((ScmmSession *) g_ptr_array_index (((ScmmSubject *) g_ptr_array_index (seed->subjects, 0))->sessions, 0))->trials, 0);
  g_autofree float *first_window = g_memdup2 (before->de, 62 * 5 * sizeof (float));
  ScmmCorpus *a = g_steal_pointer (&seed), *b = g_steal_pointer (&deap);
  GError *error = NULL;
  g_assert_true (scmm_corpus_align (&a, &b, &error));
  g_assert_cmpint (a->n_channels, ==, 32);
  g_assert_cmpint (b->n_channels, ==, 32);
  for (int c = 0; c < 32; c++)
    g_assert_cmpstr (a->channel_names[c], ==, scmm_montage_deap32[c]);
  /* the values follow their channels: DEAP's first channel Fp1 is SEED's 0,
   * its second AF3 SEED's 3 */
  ScmmTrial *after = g_ptr_array_index (((ScmmSession *) g_ptr_array_index (((ScmmSubject *) g_ptr_array_index (a->subjects, 0))->sessions, 0))->trials, 0);
  g_assert_cmpmem (after->de + 5, 5 * sizeof (float), first_window + 3 * 5, 5 * sizeof (float));
  scmm_corpus_free (a);
  scmm_corpus_free (b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/round-trip", test_store_round_trip);
  g_test_add_func ("/store/demo-round-trip", test_store_demo_round_trip);
  g_test_add_func ("/store/bad-files", test_store_bad_files);
  g_test_add_func ("/store/failed-save-keeps-old", test_store_failed_save_keeps_old);
  g_test_add_func ("/store/align-seed-with-deap", test_store_align_seed_with_deap);
  return g_test_run ();
}
