/* test-band-values.c: one band's values per channel for scalp maps: a
 * window's, a class mean, and the errors. */
#include <math.h>
#include <string.h>

#include "scmm-band-values.h"
#include "scmm-error.h"
#include "scmm-test-util.h"

/* Three channels; two subjects with trials of classes 0, 1, 0 and one
 * unlabelled; de[w, c, b] = 100 label + 10 w + c + 0.1 b + 1000 subject. */
typedef struct {
  ScmmCorpus      *corpus;
  const ScmmTrial *trial;     /* subject 2, trial 2: class 1, 3 windows */
  float            values[3];
  GError          *error;
} Tiny;

static void
tiny_set_up (Tiny *t, gconstpointer data)
{
  const char *classes[] = { "calm", "excited", NULL };
  const char *channels[] = { "Fz", "Cz", "Pz" };
  t->corpus = scmm_corpus_new ("Tiny", classes, channels, 3, scmm_de_bands_standard, 1.0);
  const int labels[] = { 0, 1, 0, -1 }, windows[] = { 2, 3, 4, 1 };
  for (int s = 0; s < 2; s++)
    {
      g_autofree char *subject = g_strdup_printf ("%d", s + 1);
      ScmmSession *session = scmm_subject_session (scmm_corpus_subject (t->corpus, subject), "1");
      for (int k = 0; k < 4; k++)
        {
          float *de = g_new (float, windows[k] * 3 * SCMM_DE_BANDS);
          for (int w = 0; w < windows[k]; w++)
            for (int c = 0; c < 3; c++)
              for (int b = 0; b < SCMM_DE_BANDS; b++)
                de[(w * 3 + c) * SCMM_DE_BANDS + b] = 100.0f * MAX (labels[k], 0) + 10.0f * w + c
                                                      + 0.1f * b + 1000.0f * s;
          g_autofree char *name = g_strdup_printf ("%d", k + 1);
          ScmmTrial *trial = scmm_session_add_trial (session, name, labels[k], de, windows[k]);
          if (s == 1 && k == 1)
            t->trial = trial;
        }
    }
}

static void
tiny_tear_down (Tiny *t, gconstpointer data)
{
  g_assert_no_error (t->error);
  scmm_corpus_free (t->corpus);
}

/* Registers a test that runs on a fresh Tiny. */
static void
add_tiny_test (const char *path, void (*test) (Tiny *, gconstpointer))
{
  g_test_add (path, Tiny, NULL, tiny_set_up, test, tiny_tear_down);
}

static void
test_window_out_of_range (Tiny *t, gconstpointer data)
{
  g_assert_false (scmm_band_values_window (t->corpus, t->trial, 3, 0, t->values, &t->error));
  scmm_test_assert_error (&t->error, SCMM_ERROR_INVALID_ARGUMENT,
                          "trial 2 of Tiny has 3 windows (0 to 2); there is no window 3");
  g_assert_false (scmm_band_values_window (t->corpus, t->trial, 0, 5, t->values, &t->error));
  scmm_test_assert_error (&t->error, SCMM_ERROR_INVALID_ARGUMENT,
                          "Tiny has 5 bands (0 to 4); there is no band 5");
}

static void
test_class_out_of_range (Tiny *t, gconstpointer data)
{
  g_assert_false (scmm_band_values_class_mean (t->corpus, 2, 0, t->values, NULL, &t->error));
  scmm_test_assert_error (&t->error, SCMM_ERROR_INVALID_ARGUMENT,
                          "Tiny has 2 classes (0 to 1); there is no class 2");
  g_assert_false (scmm_band_values_class_mean (t->corpus, -1, 0, t->values, NULL, &t->error));
  scmm_test_assert_error (&t->error, SCMM_ERROR_INVALID_ARGUMENT, "no class -1");
}

static void
test_class_without_windows (void)
{
  const char *classes[] = { "a", "b", NULL };
  const char *channels[] = { "Fz" };
  g_autoptr (ScmmCorpus) corpus = scmm_corpus_new ("Empty", classes, channels, 1,
                                                   scmm_de_bands_standard, 1.0);
  float value;
  gint64 windows = -1;
  GError *error = NULL;
  g_assert_false (scmm_band_values_class_mean (corpus, 1, 0, &value, &windows, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "“b”");
  g_assert_cmpint (windows, ==, 0);
}

static void
test_window (Tiny *t, gconstpointer data)
{
  g_assert_true (scmm_band_values_window (t->corpus, t->trial, 2, 3, t->values, &t->error));
  for (int c = 0; c < 3; c++)
    g_assert_cmpfloat_with_epsilon (t->values[c], 1000 + 100 + 20 + c + 0.3, 1e-3);
}

static void
test_class_mean (Tiny *t, gconstpointer data)
{
  gint64 windows = 0;
  /* class 0: trials 1 (w 0..1) and 3 (w 0..3) in both subjects: 12 windows;
   * mean of 10 w = 10 (0 + 1 + 0 + 1 + 2 + 3) / 6, mean of 1000 s = 500 */
  g_assert_true (scmm_band_values_class_mean (t->corpus, 0, 1, t->values, &windows, &t->error));
  g_assert_cmpint (windows, ==, 12);
  for (int c = 0; c < 3; c++)
    g_assert_cmpfloat_with_epsilon (t->values[c], 500 + 70.0 / 6 + c + 0.1, 1e-3);
  /* class 1: trial 2 (w 0..2) in both subjects */
  g_assert_true (scmm_band_values_class_mean (t->corpus, 1, 4, t->values, &windows, &t->error));
  g_assert_cmpint (windows, ==, 6);
  for (int c = 0; c < 3; c++)
    g_assert_cmpfloat_with_epsilon (t->values[c], 500 + 100 + 10 + c + 0.4, 1e-3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  add_tiny_test ("/band-values/window", test_window);
  add_tiny_test ("/band-values/window-out-of-range", test_window_out_of_range);
  add_tiny_test ("/band-values/class-mean", test_class_mean);
  add_tiny_test ("/band-values/class-out-of-range", test_class_out_of_range);
  g_test_add_func ("/band-values/class-without-windows", test_class_without_windows);
  return g_test_run ();
}
