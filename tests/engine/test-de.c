/* test-de.c: differential entropy features against scipy, analytic checks,
 * errors, smoothing, the real EEGMMIDB recording and a timing.
 *
 * tests/fixtures/de/de.h5 comes from tests/reference/de_reference.py (scipy's
 * butter + sosfiltfilt on 20 s of S001R03.edf, stored with the raw samples). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scmm-de.h"
#include "scmm-error.h"
#include "scmm-test-util.h"

/* In scmm-de.c, outside the header: the band-pass design alone. */
gboolean scmm_de_design_bandpass (int order, double low_hz, double high_hz, double rate_hz,
                                  double *sos);

static ScmmH5 *
open_fixture (void)
{
  g_autofree char *path = scmm_test_fixture ("de/de.h5");
  GError *error = NULL;
  ScmmH5 *h5 = scmm_h5_open (path, &error);
  g_assert_no_error (error);
  return h5;
}

/* max |a - e| / |e| over the elements, and max |a - e| / max |e|. */
static void
relative_errors (const float *actual, const double *expected, gsize n, double *per_element,
                 double *global)
{
  double worst = 0.0, max_diff = 0.0, max_e = 0.0;
  for (gsize i = 0; i < n; i++)
    {
      double d = fabs ((double) actual[i] - expected[i]);
      if (isnan (d))
        d = INFINITY;
      worst = MAX (worst, d / MAX (fabs (expected[i]), 1e-30));
      max_diff = MAX (max_diff, d);
      max_e = MAX (max_e, fabs (expected[i]));
    }
  *per_element = worst;
  *global = max_diff / max_e;
}

static void
assert_matches (const char *what, const float *actual, const double *expected, gsize n)
{
  double per_element, global;
  relative_errors (actual, expected, n, &per_element, &global);
  g_test_message ("%s: max |diff| / max |expected| = %.2e, max per-element relative %.2e",
                  what, global, per_element);
  if (!(global <= 1e-3))
    g_error ("%s: max |diff| / max |expected| = %.3g > 1e-3", what, global);
  /* What double filtering and float output reach: a few float ulps. */
  if (!(per_element <= 1e-5))
    g_error ("%s: per-element relative error %.3g > 1e-5", what, per_element);
}

/* ---- the design against scipy.signal.butter ---- */

static void
test_design_matches_scipy (void)
{
  g_autoptr (ScmmH5) h5 = open_fixture ();
  GError *error = NULL;
  g_auto (GStrv) names = scmm_h5_list_group (h5, "sos", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), >=, 10);
  double worst = 0.0;
  for (char **name = names; *name != NULL; name++)
    {
      g_autofree char *object = g_strdup_printf ("sos/%s", *name);
      double rate, low, high;
      int64_t order;
      g_assert_true (scmm_h5_read_attr_double (h5, object, "rate", &rate, &error));
      g_assert_true (scmm_h5_read_attr_double (h5, object, "low", &low, &error));
      g_assert_true (scmm_h5_read_attr_double (h5, object, "high", &high, &error));
      g_assert_true (scmm_h5_read_attr_int (h5, object, "order", &order, &error));
      ScmmShape expect = SCMM_SHAPE2 (order, 6);
      g_autofree double *want = scmm_h5_read_f64 (h5, object, &expect, NULL, &error);
      g_assert_no_error (error);
      double got[6 * 16];
      g_assert_true (scmm_de_design_bandpass ((int) order, low, high, rate, got));
      double max_diff = 0.0, max_want = 0.0;
      for (int i = 0; i < 6 * order; i++)
        {
          max_diff = MAX (max_diff, fabs (got[i] - want[i]));
          max_want = MAX (max_want, fabs (want[i]));
        }
      double rel = max_diff / max_want;
      if (!(rel <= 1e-10))
        g_error ("butter(%d, [%g, %g], fs=%g): sos differs from scipy by %.3g relative",
                 (int) order, low, high, rate, rel);
      worst = MAX (worst, rel);
    }
  g_test_message ("sos coefficients: worst relative difference to scipy %.2e", worst);

  double sos[6 * 16];
  g_assert_false (scmm_de_design_bandpass (0, 1, 4, 200, sos));
  g_assert_false (scmm_de_design_bandpass (4, 4, 1, 200, sos));
  g_assert_false (scmm_de_design_bandpass (4, 1, 100, 200, sos));
  g_assert_false (scmm_de_design_bandpass (4, 0, 4, 200, sos));
}

/* ---- the DE of real EEG against scipy ---- */

typedef struct {
  float  *raw;
  int     channels;
  gint64  samples;
  double  rate;
} Raw;

static Raw
read_raw (ScmmH5 *h5)
{
  GError *error = NULL;
  ScmmShape shape;
  Raw r = { 0 };
  r.raw = scmm_h5_read_f32 (h5, "raw", NULL, &shape, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shape.ndim, ==, 2);
  r.channels = (int) shape.dim[0];
  r.samples = shape.dim[1];
  g_assert_true (scmm_h5_read_attr_double (h5, "raw", "rate", &r.rate, &error));
  return r;
}

static ScmmDeConfig
read_case_config (ScmmH5 *h5, const char *group)
{
  GError *error = NULL;
  ScmmDeConfig config = scmm_de_config_default ();
  int64_t order, ma;
  g_assert_true (scmm_h5_read_attr_double (h5, group, "window_s", &config.window_s, &error));
  g_assert_true (scmm_h5_read_attr_int (h5, group, "order", &order, &error));
  g_assert_true (scmm_h5_read_attr_int (h5, group, "moving_average", &ma, &error));
  config.filter_order = (int) order;
  config.moving_average = (int) ma;
  g_autofree char *name = g_strdup_printf ("%s/bands", group);
  ScmmShape expect = SCMM_SHAPE2 (SCMM_DE_BANDS, 2);
  g_autofree double *bands = scmm_h5_read_f64 (h5, name, &expect, NULL, &error);
  g_assert_no_error (error);
  for (int b = 0; b < SCMM_DE_BANDS; b++)
    {
      config.bands[b].low_hz = bands[2 * b];
      config.bands[b].high_hz = bands[2 * b + 1];
    }
  return config;
}

static double *
read_expected_de (ScmmH5 *h5, const char *name, int windows, int channels)
{
  GError *error = NULL;
  ScmmShape expect = SCMM_SHAPE3 (windows, channels, SCMM_DE_BANDS);
  double *v = scmm_h5_read_f64 (h5, name, &expect, NULL, &error);
  g_assert_no_error (error);
  return v;
}

static void
test_fixture_case (gconstpointer data)
{
  const char *name = data;
  g_autoptr (ScmmH5) h5 = open_fixture ();
  g_autofree char *group = g_strdup_printf ("case/%s", name);
  Raw r = read_raw (h5);
  ScmmDeConfig config = read_case_config (h5, group);
  GError *error = NULL;

  int windows = -1;
  g_autofree float *de = scmm_de_extract (r.raw, r.channels, r.samples, r.rate, &config,
                                          &windows, &error);
  g_assert_no_error (error);
  g_assert_cmpint (windows, ==, (int) (r.samples / llround (config.window_s * r.rate)));
  const gsize n = (gsize) windows * r.channels * SCMM_DE_BANDS;

  g_autofree char *de_name = g_strdup_printf ("%s/de", group);
  g_autofree double *want = read_expected_de (h5, de_name, windows, r.channels);
  g_autofree char *what = g_strdup_printf ("%s DE", name);
  assert_matches (what, de, want, n);

  /* The smoothers, on the C features, against the reference's (computed
   * from the float64 features, without a Kalman recursion). */
  const ScmmSmoothing modes[] = { SCMM_SMOOTH_LDS, SCMM_SMOOTH_MOVING_AVERAGE };
  const char *datasets[] = { "lds", "moving_average" };
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autofree float *smoothed = g_memdup2 (de, n * sizeof (float));
      scmm_de_smooth (smoothed, windows, r.channels, SCMM_DE_BANDS, modes[m],
                      config.moving_average);
      g_autofree char *ds = g_strdup_printf ("%s/%s", group, datasets[m]);
      g_autofree double *swant = read_expected_de (h5, ds, windows, r.channels);
      g_autofree char *swhat = g_strdup_printf ("%s %s", name, datasets[m]);
      assert_matches (swhat, smoothed, swant, n);

      /* the same through scmm_de_extract's config */
      ScmmDeConfig with = config;
      with.smoothing = modes[m];
      int w2 = 0;
      g_autofree float *direct = scmm_de_extract (r.raw, r.channels, r.samples, r.rate, &with,
                                                  &w2, &error);
      g_assert_no_error (error);
      g_assert_cmpint (w2, ==, windows);
      g_assert_cmpmem (direct, n * sizeof (float), smoothed, n * sizeof (float));
    }
  g_free (r.raw);
}

/* ---- analytic checks ---- */

/* |H(f)|^2 of a cascade of sections at frequency f. */
static double
response_power (const double *sos, int sections, double f, double rate)
{
  double w = 2.0 * G_PI * f / rate;
  double power = 1.0;
  for (int s = 0; s < sections; s++)
    {
      const double *b = sos + 6 * s, *a = b + 3;
      /* B(e^-jw) = b0 + b1 e^-jw + b2 e^-2jw */
      double br = b[0] + b[1] * cos (w) + b[2] * cos (2 * w);
      double bi = -b[1] * sin (w) - b[2] * sin (2 * w);
      double ar = a[0] + a[1] * cos (w) + a[2] * cos (2 * w);
      double ai = -a[1] * sin (w) - a[2] * sin (2 * w);
      power *= (br * br + bi * bi) / (ar * ar + ai * ai);
    }
  return power;
}

static void
test_sine_lands_in_alpha (void)
{
  const double rate = 200.0, amplitude = 20.0;
  const int samples = 2000;
  float *x = g_new (float, samples);
  for (int i = 0; i < samples; i++)
    x[i] = (float) (amplitude * sin (2.0 * G_PI * 10.0 * i / rate));
  ScmmDeConfig config = scmm_de_config_default ();
  GError *error = NULL;
  int windows = 0;
  g_autofree float *de = scmm_de_extract (x, 1, samples, rate, &config, &windows, &error);
  g_assert_no_error (error);
  g_assert_cmpint (windows, ==, 10);

  /* alpha passes a 10-Hz sine whole: var = A^2 / 2 */
  const double expected = 0.5 * log (2.0 * G_PI * M_E * amplitude * amplitude / 2.0);
  for (int w = 0; w < windows; w++)
    {
      const float *row = de + w * SCMM_DE_BANDS;
      g_assert_cmpfloat_with_epsilon (row[2], expected, 0.03);
      /* away from the edges (where the long delta response rings) every other
       * band is far below */
      if (w > 0 && w < windows - 1)
        for (int b = 0; b < SCMM_DE_BANDS; b++)
          if (b != 2)
            g_assert_cmpfloat (row[b], <, row[2] - 4.0);
    }
  g_free (x);
}

/* White Gaussian noise of variance s^2 filtered forward and backward has the
 * variance s^2 (2 / rate) integral_0^{rate/2} |H(f)|^4 df; its DE is that of
 * a Gaussian with this variance. The windows' variances, exp(2 DE) / 2 pi e,
 * average to it without the bias that averaging the logarithms would have. */
static void
test_white_noise_de (void)
{
  const double rate = 200.0, sigma = 7.0;
  const gint64 samples = 200 * 1200;
  ScmmRng rng;
  scmm_rng_init (&rng, 20240611);
  float *x = g_new (float, samples);
  for (gint64 i = 0; i < samples; i++)
    x[i] = (float) (sigma * scmm_rng_normal (&rng));
  ScmmDeConfig config = scmm_de_config_default ();
  config.window_s = 20.0;
  GError *error = NULL;
  int windows = 0;
  g_autofree float *de = scmm_de_extract (x, 1, samples, rate, &config, &windows, &error);
  g_assert_no_error (error);
  g_assert_cmpint (windows, ==, 60);

  const double two_pi_e = 2.0 * G_PI * M_E;
  for (int b = 0; b < SCMM_DE_BANDS; b++)
    {
      double sos[6 * 16];
      g_assert_true (scmm_de_design_bandpass (config.filter_order, config.bands[b].low_hz,
                                              config.bands[b].high_hz, rate, sos));
      const int steps = 200000;
      double integral = 0.0;
      for (int k = 0; k < steps; k++)
        {
          double f = (k + 0.5) * (rate / 2.0) / steps;
          double p = response_power (sos, config.filter_order, f, rate);
          integral += p * p;
        }
      double var = sigma * sigma * integral / steps;
      double expected = 0.5 * log (two_pi_e * var);
      double mean_var = 0.0;
      for (int w = 0; w < windows; w++)
        mean_var += exp (2.0 * de[w * SCMM_DE_BANDS + b]) / two_pi_e;
      mean_var /= windows;
      double got = 0.5 * log (two_pi_e * mean_var);
      g_test_message ("white noise, band %d: DE of the mean variance %.4f, analytic %.4f",
                      b, got, expected);
      /* the statistical error is about 0.01 for delta (3 Hz x 20 s x 60 windows) */
      g_assert_cmpfloat_with_epsilon (got, expected, 0.025);
    }
  g_free (x);
}

/* Filtering is linear: scaling the input by s shifts every DE by ln s. */
static void
test_scale_shifts_de (void)
{
  const double rate = 128.0;
  const gint64 samples = 128 * 8;
  ScmmRng rng;
  scmm_rng_init (&rng, 7);
  float *x = g_new (float, 2 * samples);
  for (gint64 i = 0; i < samples; i++)
    {
      x[i] = (float) scmm_rng_normal (&rng);
      x[samples + i] = 1000.0f * x[i];
    }
  ScmmDeConfig config = scmm_de_config_default ();
  config.bands[4].high_hz = 45.0;
  GError *error = NULL;
  int windows = 0;
  g_autofree float *de = scmm_de_extract (x, 2, samples, rate, &config, &windows, &error);
  g_assert_no_error (error);
  for (int w = 0; w < windows; w++)
    for (int b = 0; b < SCMM_DE_BANDS; b++)
      g_assert_cmpfloat_with_epsilon (de[(w * 2 + 1) * SCMM_DE_BANDS + b]
                                      - de[(w * 2) * SCMM_DE_BANDS + b], log (1000.0), 1e-4);
  g_free (x);
}

/* A flat channel: a finite floor, not -inf. */
static void
test_flat_channel_is_finite (void)
{
  float *x = g_new0 (float, 400);
  ScmmDeConfig config = scmm_de_config_default ();
  GError *error = NULL;
  int windows = 0;
  g_autofree float *de = scmm_de_extract (x, 1, 400, 200.0, &config, &windows, &error);
  g_assert_no_error (error);
  g_assert_cmpint (windows, ==, 2);
  for (int i = 0; i < windows * SCMM_DE_BANDS; i++)
    {
      g_assert_true (isfinite (de[i]));
      g_assert_cmpfloat (de[i], <, -30.0);
    }
  g_free (x);
}

/* ---- errors ---- */

static void
expect_error (const float *x, int channels, gint64 samples, double rate,
              const ScmmDeConfig *config, int code, const char *const *needles)
{
  GError *error = NULL;
  int windows = 123;
  float *de = scmm_de_extract (x, channels, samples, rate, config, &windows, &error);
  g_assert_null (de);
  g_assert_error (error, SCMM_ERROR, code);
  g_assert_cmpint (windows, ==, 0);
  for (const char *const *n = needles; *n != NULL; n++)
    if (strstr (error->message, *n) == NULL)
      g_error ("error “%s” does not mention “%s”", error->message, *n);
  g_test_message ("error: %s", error->message);
  g_error_free (error);
}

static void
test_errors (void)
{
  const gint64 samples = 1000;
  float *x = g_new0 (float, 3 * samples);
  for (gint64 i = 0; i < 3 * samples; i++)
    x[i] = (float) sin (0.1 * i);
  ScmmDeConfig config = scmm_de_config_default ();

  /* gamma (31-50 Hz) above the Nyquist frequency of an 80-Hz recording */
  expect_error (x, 3, samples, 80.0, &config, SCMM_ERROR_INVALID_ARGUMENT,
                (const char *[]) { "gamma", "31-50 Hz", "80 Hz", "40 Hz", NULL });
  /* a high edge exactly at Nyquist is out too */
  expect_error (x, 3, samples, 100.0, &config, SCMM_ERROR_INVALID_ARGUMENT,
                (const char *[]) { "gamma", "100 Hz", NULL });
  /* shorter than one window */
  expect_error (x, 3, 150, 200.0, &config, SCMM_ERROR_SHAPE,
                (const char *[]) { "150 samples", "window", NULL });
  /* orders */
  ScmmDeConfig bad = config;
  bad.filter_order = 0;
  expect_error (x, 3, samples, 200.0, &bad, SCMM_ERROR_INVALID_ARGUMENT,
                (const char *[]) { "order", NULL });
  bad.filter_order = -3;
  expect_error (x, 3, samples, 200.0, &bad, SCMM_ERROR_INVALID_ARGUMENT,
                (const char *[]) { "order", "-3", NULL });
  /* an upside-down band */
  bad = config;
  bad.bands[1] = (ScmmBand) { 8.0, 4.0 };
  expect_error (x, 3, samples, 200.0, &bad, SCMM_ERROR_INVALID_ARGUMENT,
                (const char *[]) { "theta", NULL });
  /* a window without two samples, and a nonsense rate */
  bad = config;
  bad.window_s = 0.0;
  expect_error (x, 3, samples, 200.0, &bad, SCMM_ERROR_INVALID_ARGUMENT,
                (const char *[]) { "window", NULL });
  expect_error (x, 3, samples, NAN, &config, SCMM_ERROR_INVALID_ARGUMENT,
                (const char *[]) { "rate", NULL });
  /* tiny windows: one window fits but the filter's padding does not */
  bad = config;
  bad.window_s = 0.1;
  expect_error (x, 1, 25, 200.0, &bad, SCMM_ERROR_SHAPE, (const char *[]) { "padding", NULL });

  /* NaN and Inf, naming the channel and the sample */
  x[2 * samples + 17] = NAN;
  expect_error (x, 3, samples, 200.0, &config, SCMM_ERROR_NUMERIC,
                (const char *[]) { "channel 2", "NaN", "sample 17", NULL });
  x[2 * samples + 17] = 0.0f;
  x[samples + 999] = -INFINITY;
  expect_error (x, 3, samples, 200.0, &config, SCMM_ERROR_NUMERIC,
                (const char *[]) { "channel 1", "infinite", "sample 999", NULL });
  g_free (x);
}

/* ---- smoothing ---- */

static double
series_variance (const float *v, int n)
{
  double mean = 0.0, sq = 0.0;
  for (int i = 0; i < n; i++)
    mean += v[i];
  mean /= n;
  for (int i = 0; i < n; i++)
    sq += (v[i] - mean) * (v[i] - mean);
  return sq / n;
}

static void
test_lds_reduces_noise (void)
{
  const int windows = 240, channels = 3, bands = 5;
  const int n = windows * channels * bands;
  ScmmRng rng;
  scmm_rng_init (&rng, 99);
  float *de = g_new (float, n);
  for (int i = 0; i < n; i++)
    de[i] = (float) (5.0 + 0.3 * scmm_rng_normal (&rng));
  float *col_before = g_new (float, windows), *col_after = g_new (float, windows);
  for (int w = 0; w < windows; w++)
    col_before[w] = de[w * channels * bands + 7];
  scmm_de_smooth (de, windows, channels, bands, SCMM_SMOOTH_LDS, 5);
  for (int w = 0; w < windows; w++)
    col_after[w] = de[w * channels * bands + 7];
  double before = series_variance (col_before, windows), after = series_variance (col_after, windows);
  g_test_message ("LDS on N(5, 0.3^2): variance %.4f -> %.6f", before, after);
  g_assert_cmpfloat (after, <, before / 10.0);
  double mean = 0.0;
  for (int w = 0; w < windows; w++)
    mean += col_after[w];
  g_assert_cmpfloat_with_epsilon (mean / windows, 5.0, 0.1);

  /* a constant stays exactly constant */
  for (int i = 0; i < n; i++)
    de[i] = 3.25f;
  scmm_de_smooth (de, windows, channels, bands, SCMM_SMOOTH_LDS, 5);
  for (int i = 0; i < n; i++)
    g_assert_cmpfloat (de[i], ==, 3.25f);
  g_free (de);
  g_free (col_before);
  g_free (col_after);
}

static void
test_smoothing_short_series (void)
{
  /* one window: nothing to smooth */
  float one[2] = { 1.5f, -2.0f };
  for (int m = SCMM_SMOOTH_NONE; m <= SCMM_SMOOTH_MOVING_AVERAGE; m++)
    {
      float v[2] = { one[0], one[1] };
      scmm_de_smooth (v, 1, 2, 1, (ScmmSmoothing) m, 5);
      g_assert_cmpfloat (v[0], ==, one[0]);
      g_assert_cmpfloat (v[1], ==, one[1]);
    }

  /* two windows, LDS: symmetric, mean-preserving, pulled together */
  float v[2] = { 2.0f, 4.0f };
  scmm_de_smooth (v, 2, 1, 1, SCMM_SMOOTH_LDS, 5);
  g_assert_cmpfloat_with_epsilon (v[0] + v[1], 6.0, 1e-6);
  g_assert_cmpfloat (v[0], >, 2.0);
  g_assert_cmpfloat (v[0], <, v[1]);
  g_assert_cmpfloat (v[1], <, 4.0);

  /* two windows, moving average of 5: both become the mean */
  float a[2] = { 2.0f, 4.0f };
  scmm_de_smooth (a, 2, 1, 1, SCMM_SMOOTH_MOVING_AVERAGE, 5);
  g_assert_cmpfloat (a[0], ==, 3.0f);
  g_assert_cmpfloat (a[1], ==, 3.0f);

  /* none leaves the values alone; a span of 1 too */
  float b[3] = { 1.0f, 9.0f, 2.0f };
  scmm_de_smooth (b, 3, 1, 1, SCMM_SMOOTH_NONE, 5);
  scmm_de_smooth (b, 3, 1, 1, SCMM_SMOOTH_MOVING_AVERAGE, 1);
  g_assert_cmpfloat (b[1], ==, 9.0f);
}

static void
test_moving_average (void)
{
  /* a constant is the constant */
  const int windows = 9, series = 4;
  float c[9 * 4];
  for (int i = 0; i < windows * series; i++)
    c[i] = 7.125f;
  scmm_de_smooth (c, windows, 2, 2, SCMM_SMOOTH_MOVING_AVERAGE, 5);
  for (int i = 0; i < windows * series; i++)
    g_assert_cmpfloat (c[i], ==, 7.125f);

  /* a ramp, by hand: the window is cut at the ends */
  float r[6] = { 0, 1, 2, 3, 4, 5 };
  scmm_de_smooth (r, 6, 1, 1, SCMM_SMOOTH_MOVING_AVERAGE, 5);
  const float want[6] = { 1.0f, 1.5f, 2.0f, 3.0f, 3.5f, 4.0f };
  for (int i = 0; i < 6; i++)
    g_assert_cmpfloat_with_epsilon (r[i], want[i], 1e-6);

  /* an even span counts as the next odd one */
  float e4[6] = { 0, 1, 2, 3, 4, 5 }, e5[6] = { 0, 1, 2, 3, 4, 5 };
  scmm_de_smooth (e4, 6, 1, 1, SCMM_SMOOTH_MOVING_AVERAGE, 4);
  scmm_de_smooth (e5, 6, 1, 1, SCMM_SMOOTH_MOVING_AVERAGE, 5);
  g_assert_cmpmem (e4, sizeof e4, e5, sizeof e5);

  /* series do not mix: channel 1 band 0 sees only its own values */
  float m[3 * 2] = { 0, 100, 0, 200, 0, 300 };
  scmm_de_smooth (m, 3, 2, 1, SCMM_SMOOTH_MOVING_AVERAGE, 3);
  g_assert_cmpfloat (m[0], ==, 0.0f);
  g_assert_cmpfloat_with_epsilon (m[1], 150.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (m[3], 200.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (m[5], 250.0, 1e-4);
}

static void
test_names_and_defaults (void)
{
  const ScmmSmoothing all[] = { SCMM_SMOOTH_NONE, SCMM_SMOOTH_LDS, SCMM_SMOOTH_MOVING_AVERAGE };
  const char *names[] = { "none", "lds", "moving-average" };
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_assert_cmpstr (scmm_smoothing_to_string (all[i]), ==, names[i]);
      ScmmSmoothing back = 99;
      g_assert_true (scmm_smoothing_from_string (names[i], &back));
      g_assert_cmpint (back, ==, all[i]);
    }
  ScmmSmoothing s = SCMM_SMOOTH_LDS;
  g_assert_false (scmm_smoothing_from_string ("kalman", &s));
  g_assert_false (scmm_smoothing_from_string (NULL, &s));
  g_assert_cmpint (s, ==, SCMM_SMOOTH_LDS);

  ScmmDeConfig c = scmm_de_config_default ();
  g_assert_cmpfloat (c.window_s, ==, 1.0);
  g_assert_cmpint (c.filter_order, ==, 4);
  g_assert_cmpint (c.smoothing, ==, SCMM_SMOOTH_NONE);
  g_assert_cmpint (c.moving_average, ==, 5);
  const double edges[] = { 1, 4, 8, 14, 31, 50 };
  for (int b = 0; b < SCMM_DE_BANDS; b++)
    {
      g_assert_cmpfloat (c.bands[b].low_hz, ==, edges[b]);
      g_assert_cmpfloat (c.bands[b].high_hz, ==, edges[b + 1]);
      g_assert_cmpfloat (scmm_de_bands_standard[b].low_hz, ==, edges[b]);
    }
}

/* ---- the whole recording, from the shared data ---- */

/* A minimal EDF reader for the test only: the ordinary signals at the first
 * signal's rate, physical units, [channels, samples]. */
static float *
read_edf_minimal (const char *path, int *channels, gint64 *samples, double *rate,
                  char ***labels)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  GError *error = NULL;
  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_cmpuint (len, >, 256);
  g_autofree char *f_records = g_strndup (data + 236, 8);
  g_autofree char *f_duration = g_strndup (data + 244, 8);
  g_autofree char *f_ns = g_strndup (data + 252, 4);
  const int records = atoi (f_records), ns = atoi (f_ns);
  const double duration = g_ascii_strtod (f_duration, NULL);
  if (ns <= 0 || ns > 4096 || records <= 0)
    g_error ("%s: not an EDF file this reader understands", path);
  const char *h = data + 256;
#define FIELD(offset_per, width, i) g_strstrip (g_strndup (h + ns * (offset_per) + (i) * (width), (width)))
  double *pmin = g_new (double, ns), *pmax = g_new (double, ns);
  double *dmin = g_new (double, ns), *dmax = g_new (double, ns);
  int *nsamp = g_new (int, ns);
  char **names = g_new0 (char *, ns + 1);
  int record = 0;
  for (int i = 0; i < ns; i++)
    {
      names[i] = FIELD (0, 16, i);
      char *v;
      v = FIELD (104, 8, i); pmin[i] = g_ascii_strtod (v, NULL); g_free (v);
      v = FIELD (112, 8, i); pmax[i] = g_ascii_strtod (v, NULL); g_free (v);
      v = FIELD (120, 8, i); dmin[i] = g_ascii_strtod (v, NULL); g_free (v);
      v = FIELD (128, 8, i); dmax[i] = g_ascii_strtod (v, NULL); g_free (v);
      v = FIELD (216, 8, i); nsamp[i] = atoi (v); g_free (v);
      record += nsamp[i];
    }
#undef FIELD
  g_assert_cmpuint (len, >=, 256 + 256 * (gsize) ns + 2 * (gsize) record * records);
  int nc = 0;
  for (int i = 0; i < ns; i++)
    nc += nsamp[i] == nsamp[0] && !g_str_has_suffix (names[i], "Annotations");
  const gint64 n = (gint64) records * nsamp[0];
  float *x = g_new (float, (gsize) nc * n);
  const guint8 *body = (const guint8 *) data + 256 + 256 * ns;
  for (int r = 0; r < records; r++)
    {
      int offset = 0, c = 0;
      for (int i = 0; i < ns; i++)
        {
          if (nsamp[i] == nsamp[0] && !g_str_has_suffix (names[i], "Annotations"))
            {
              const double gain = (pmax[i] - pmin[i]) / (dmax[i] - dmin[i]);
              for (int j = 0; j < nsamp[i]; j++)
                {
                  const guint8 *p = body + 2 * ((gsize) r * record + offset + j);
                  gint16 d = (gint16) (p[0] | (p[1] << 8));
                  x[(gsize) c * n + (gsize) r * nsamp[0] + j] =
                    (float) ((d - dmin[i]) * gain + pmin[i]);
                }
              c++;
            }
          offset += nsamp[i];
        }
    }
  *channels = nc;
  *samples = n;
  *rate = nsamp[0] / duration;
  *labels = names;
  g_free (pmin);
  g_free (pmax);
  g_free (dmin);
  g_free (dmax);
  g_free (nsamp);
  return x;
}

static void
test_shared_recording (void)
{
  const char *dir = g_getenv ("SCMM_SHARED_DATA_DIR");
  g_autofree char *path = dir ? g_build_filename (dir, "eegmmidb", "S001R03.edf", NULL) : NULL;
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no shared test data (SCMM_SHARED_DATA_DIR/eegmmidb/S001R03.edf)");
      return;
    }
  int channels = 0;
  gint64 samples = 0;
  double rate = 0.0;
  g_auto (GStrv) labels = NULL;
  g_autofree float *x = read_edf_minimal (path, &channels, &samples, &rate, &labels);
  g_assert_cmpint (channels, ==, 64);
  g_assert_cmpfloat (rate, ==, 160.0);

  ScmmDeConfig config = scmm_de_config_default ();
  GError *error = NULL;
  int windows = 0;
  g_test_timer_start ();
  g_autofree float *de = scmm_de_extract (x, channels, samples, rate, &config, &windows, &error);
  double elapsed = g_test_timer_elapsed ();
  g_assert_no_error (error);
  g_test_message ("S001R03.edf: %d channels x %" G_GINT64_FORMAT " samples at %g Hz -> %d "
                  "windows in %.3f s", channels, samples, rate, windows, elapsed);
  for (gsize i = 0; i < (gsize) windows * channels * SCMM_DE_BANDS; i++)
    g_assert_true (isfinite (de[i]));

  /* channels 0, 10, 31, 63 against scipy on the whole recording */
  g_autoptr (ScmmH5) h5 = open_fixture ();
  g_autofree double *want = read_expected_de (h5, "full/de", windows, 4);
  const int picks[4] = { 0, 10, 31, 63 };
  g_autofree float *got = g_new (float, (gsize) windows * 4 * SCMM_DE_BANDS);
  for (int w = 0; w < windows; w++)
    for (int k = 0; k < 4; k++)
      memcpy (got + ((gsize) w * 4 + k) * SCMM_DE_BANDS,
              de + ((gsize) w * channels + picks[k]) * SCMM_DE_BANDS,
              SCMM_DE_BANDS * sizeof (float));
  assert_matches ("S001R03 whole recording DE", got, want, (gsize) windows * 4 * SCMM_DE_BANDS);
}

/* ---- timing: a SEED-sized trial ---- */

static void
test_benchmark (void)
{
  const int channels = 62;
  const double rate = 200.0;
  const gint64 samples = 200 * 240;
  ScmmRng rng;
  scmm_rng_init (&rng, 3);
  float *x = g_new (float, (gsize) channels * samples);
  for (gsize i = 0; i < (gsize) channels * samples; i++)
    x[i] = (float) (10.0 * scmm_rng_normal (&rng) + 20.0 * sin (0.3 * (double) (i % samples)));
  ScmmDeConfig config = scmm_de_config_default ();
  config.smoothing = SCMM_SMOOTH_LDS;
  GError *error = NULL;
  int windows = 0;
  g_test_timer_start ();
  g_autofree float *de = scmm_de_extract (x, channels, samples, rate, &config, &windows, &error);
  double elapsed = g_test_timer_elapsed ();
  g_assert_no_error (error);
  g_assert_cmpint (windows, ==, 240);
  g_test_message ("DE of %d channels x %g Hz x %" G_GINT64_FORMAT " s (order 4, 5 bands, LDS): "
                  "%.3f s", channels, rate, samples / 200, elapsed);
  g_test_minimized_result (elapsed, "DE 62 ch x 200 Hz x 240 s: %.3f s", elapsed);
  g_free (x);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/de/design/scipy", test_design_matches_scipy);
  g_test_add_data_func ("/de/fixture/std_1s", "std_1s", test_fixture_case);
  g_test_add_data_func ("/de/fixture/std_4s", "std_4s", test_fixture_case);
  g_test_add_data_func ("/de/fixture/odd_2s", "odd_2s", test_fixture_case);
  g_test_add_func ("/de/analytic/sine-alpha", test_sine_lands_in_alpha);
  g_test_add_func ("/de/analytic/white-noise", test_white_noise_de);
  g_test_add_func ("/de/analytic/scale", test_scale_shifts_de);
  g_test_add_func ("/de/analytic/flat-channel", test_flat_channel_is_finite);
  g_test_add_func ("/de/errors", test_errors);
  g_test_add_func ("/de/smooth/lds-noise", test_lds_reduces_noise);
  g_test_add_func ("/de/smooth/short", test_smoothing_short_series);
  g_test_add_func ("/de/smooth/moving-average", test_moving_average);
  g_test_add_func ("/de/names-defaults", test_names_and_defaults);
  g_test_add_func ("/de/shared/S001R03", test_shared_recording);
  g_test_add_func ("/de/benchmark", test_benchmark);
  return g_test_run ();
}
