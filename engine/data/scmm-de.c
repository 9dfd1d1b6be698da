/* scmm-de.c: differential entropy (DE) features of raw EEG.
 *
 * The band-pass filters are designed the way scipy.signal.butter (N, [lo, hi],
 * btype='band', fs=rate, output='sos') designs them (scipy 1.10,
 * signal/_filter_design.py): the analog Butterworth prototype, the low-pass
 * to band-pass transform, the bilinear transform with pre-warped edges, and
 * zpk2sos's "nearest" pairing of poles and zeros into second-order sections.
 * They run the way scipy.signal.sosfiltfilt runs them (signal/_signaltools.py):
 * the signal is extended at both ends by an odd reflection of padlen =
 * 3 (2 n_sections + 1) samples, filtered forward with the states started at
 * sosfilt_zi times the first extended sample, then backward with the states
 * started at sosfilt_zi times the last forward output, and the padding is cut.
 * Everything is in double; only the features are float.
 *
 * The five bands of a channel share one pass over the samples: the forward
 * pass feeds the same input to 5 x N independent section recursions, which
 * keeps the pipeline busy where a single recursion would wait on its own
 * latency. The band outputs are interleaved [sample][band] in one scratch
 * buffer that every channel reuses. */
#include "scmm-de.h"

#include <complex.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scmm-error.h"

/* Not in the header: the band-pass design on its own, for the tests to compare
 * with scipy's coefficients. sos [order, 6] = b0 b1 b2 a0 a1 a2 per section,
 * in scipy's section order; returns FALSE when the band does not fit in
 * (0, rate/2) or the order is out of range. */
gboolean scmm_de_design_bandpass (int order, double low_hz, double high_hz, double rate_hz,
                                  double *sos);

#define NB SCMM_DE_BANDS

/* Orders above this make no sense for EEG band-passes; the cap keeps every
 * per-section array on the stack. */
#define MAX_ORDER 16

/* A window whose band signal has (almost) no variance would give DE = -inf;
 * the variance is floored here (in squared input units, e.g. uV^2), so that a
 * flat channel gives a finite, very low DE (about -33.1) instead. scipy has no
 * such floor; real EEG variances are many orders of magnitude above it. */
#define VAR_FLOOR 1e-30

/* The LDS smoother: a scalar random walk per (channel, band) series along the
 * windows, x[t] = x[t-1] + w, w ~ N(0, Q), observed as y[t] = x[t] + v,
 * v ~ N(0, R) (transition 1, observation 1), with a flat prior, so that the
 * first observation is the prior: x[0] ~ N(y[0], R). Kalman filter forward,
 * Rauch-Tung-Striebel smoother backward. DE is a logarithm, so its
 * fluctuations are in nats whatever the input units: fixed Q and R suit every
 * corpus. Only the ratio Q/R matters for the smoothed mean; Q/R = 0.01 gives
 * a steady-state Kalman gain of about 0.095 (the filter remembers ~10
 * windows; the two-sided smoother about as much on each side). On real EEG
 * (EEGMMIDB, 4-s windows) this brings the median change between neighbouring
 * windows from ~0.1 nat to ~0.0015 nat, the order of what the published
 * SEED-IV de_LDS features show (~0.0011). */
#define LDS_Q 1e-2
#define LDS_R 1.0

const ScmmBand scmm_de_bands_standard[SCMM_DE_BANDS] = {
  { 1.0, 4.0 },   /* delta */
  { 4.0, 8.0 },   /* theta */
  { 8.0, 14.0 },  /* alpha */
  { 14.0, 31.0 }, /* beta */
  { 31.0, 50.0 }, /* gamma */
};

static const char *const band_names[SCMM_DE_BANDS] = { "delta", "theta", "alpha", "beta", "gamma" };

ScmmDeConfig
scmm_de_config_default (void)
{
  ScmmDeConfig config = {
    .window_s = 1.0,
    .filter_order = 4,
    .smoothing = SCMM_SMOOTH_NONE,
    .moving_average = 5,
  };
  memcpy (config.bands, scmm_de_bands_standard, sizeof config.bands);
  return config;
}

static const char *const smoothing_names[] = {
  [SCMM_SMOOTH_NONE] = "none",
  [SCMM_SMOOTH_LDS] = "lds",
  [SCMM_SMOOTH_MOVING_AVERAGE] = "moving-average",
};

const char *
scmm_smoothing_to_string (ScmmSmoothing smoothing)
{
  g_return_val_if_fail (smoothing <= SCMM_SMOOTH_MOVING_AVERAGE, "none");
  return smoothing_names[smoothing];
}

gboolean
scmm_smoothing_from_string (const char *name, ScmmSmoothing *smoothing)
{
  for (guint i = 0; i < G_N_ELEMENTS (smoothing_names); i++)
    if (g_strcmp0 (name, smoothing_names[i]) == 0)
      {
        *smoothing = (ScmmSmoothing) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- Butterworth band-pass design (scipy's iirfilter + zpk2sos) ---- */

static gboolean
is_real (double complex z)
{
  /* _cplxreal's test: |imag| <= 100 eps |z| */
  return fabs (cimag (z)) <= 100.0 * DBL_EPSILON * cabs (z);
}

/* Poles and zeros as zpk2sos sees them after _cplxreal: one of each
 * conjugate pair (positive imaginary part) first, sorted by real part then
 * |imag|, then the real ones sorted ascending. `used` marks deleted ones;
 * deleting keeps the order of the rest, as np.delete does. */
typedef struct {
  double complex v[4 * MAX_ORDER];
  gboolean       used[4 * MAX_ORDER];
  int            n;
} RootSet;

static int
compare_complex (gconstpointer a, gconstpointer b)
{
  const double complex *x = a, *y = b;
  if (creal (*x) != creal (*y))
    return creal (*x) < creal (*y) ? -1 : 1;
  double ix = fabs (cimag (*x)), iy = fabs (cimag (*y));
  return ix < iy ? -1 : ix > iy;
}

static void
root_set_init (RootSet *set, const double complex *roots, int n)
{
  double complex cplx[4 * MAX_ORDER], real[4 * MAX_ORDER];
  int nc = 0, nr = 0;
  for (int i = 0; i < n; i++)
    if (is_real (roots[i]))
      real[nr++] = creal (roots[i]);
    else if (cimag (roots[i]) > 0.0)
      cplx[nc++] = roots[i];
  qsort (cplx, nc, sizeof cplx[0], compare_complex);
  qsort (real, nr, sizeof real[0], compare_complex);
  set->n = 0;
  for (int i = 0; i < nc; i++)
    set->v[set->n++] = cplx[i];
  for (int i = 0; i < nr; i++)
    set->v[set->n++] = real[i];
  memset (set->used, 0, sizeof set->used);
}

static int
root_set_left (const RootSet *set, gboolean real_only)
{
  int n = 0;
  for (int i = 0; i < set->n; i++)
    n += !set->used[i] && (!real_only || is_real (set->v[i]));
  return n;
}

/* zpk2sos's idx_worst for a digital filter: the pole closest to the unit
 * circle (first one on ties, as np.argmin). */
static int
worst_pole (const RootSet *p, gboolean real_only)
{
  int best = -1;
  double best_d = INFINITY;
  for (int i = 0; i < p->n; i++)
    {
      if (p->used[i] || (real_only && !is_real (p->v[i])))
        continue;
      double d = fabs (1.0 - cabs (p->v[i]));
      if (d < best_d)
        {
          best_d = d;
          best = i;
        }
    }
  return best;
}

typedef enum { PICK_ANY, PICK_REAL, PICK_COMPLEX } Pick;

/* _nearest_real_complex_idx: the unused zero nearest to `to` of the kind asked. */
static int
nearest_zero (const RootSet *z, double complex to, Pick which)
{
  int best = -1;
  double best_d = INFINITY;
  for (int i = 0; i < z->n; i++)
    {
      if (z->used[i])
        continue;
      if ((which == PICK_REAL && !is_real (z->v[i]))
          || (which == PICK_COMPLEX && is_real (z->v[i])))
        continue;
      double d = cabs (z->v[i] - to);
      if (d < best_d)
        {
          best_d = d;
          best = i;
        }
    }
  return best;
}

/* _single_zpksos: b = poly(zeros), a = poly(poles), right-aligned in 3 slots. */
static void
single_section (double *sos, const double complex *z, int nz, const double complex *p, int np)
{
  const double complex *roots[2] = { z, p };
  const int counts[2] = { nz, np };
  memset (sos, 0, 6 * sizeof (double));
  for (int k = 0; k < 2; k++)
    {
      double complex c[3] = { 1.0, 0.0, 0.0 };
      for (int r = 0; r < counts[k]; r++)
        {
          /* c *= (x - root), as np.poly's convolutions */
          for (int j = r + 1; j >= 1; j--)
            c[j] = c[j] - roots[k][r] * c[j - 1];
        }
      int len = counts[k] + 1;
      for (int j = 0; j < len; j++)
        sos[3 * k + 3 - len + j] = creal (c[j]);
    }
}

/* zpk2sos (z, p, k) with pairing='nearest', for equal numbers of poles and
 * zeros (a band-pass has 2N of each); n_sections = N. */
static void
zpk_to_sos (const double complex *zeros, const double complex *poles, int n, double k,
            double *sos, int n_sections)
{
  RootSet z, p;
  root_set_init (&z, zeros, n);
  root_set_init (&p, poles, n);

  for (int si = n_sections - 1; si >= 0; si--)
    {
      double *sec = sos + 6 * si;
      int i1 = worst_pole (&p, FALSE);
      double complex p1 = p.v[i1];
      p.used[i1] = TRUE;

      if (is_real (p1) && root_set_left (&p, TRUE) == 0)
        {
          /* the last real pole: a first-order section padded with a pole and
           * a zero at the origin */
          int j = nearest_zero (&z, p1, PICK_REAL);
          double complex zz[2] = { z.v[j], 0.0 }, pp[2] = { p1, 0.0 };
          z.used[j] = TRUE;
          single_section (sec, zz, 2, pp, 2);
        }
      else if (root_set_left (&p, FALSE) + 1 == root_set_left (&z, FALSE) && !is_real (p1)
               && root_set_left (&p, TRUE) == 1 && root_set_left (&z, TRUE) == 1)
        {
          /* one real pole and one real zero left: p1 must take a complex zero */
          int j = nearest_zero (&z, p1, PICK_COMPLEX);
          double complex zz[2] = { z.v[j], conj (z.v[j]) }, pp[2] = { p1, conj (p1) };
          z.used[j] = TRUE;
          single_section (sec, zz, 2, pp, 2);
        }
      else
        {
          double complex p2;
          if (is_real (p1))
            {
              int i2 = worst_pole (&p, TRUE);
              p2 = p.v[i2];
              p.used[i2] = TRUE;
            }
          else
            p2 = conj (p1);
          double complex pp[2] = { p1, p2 };
          if (root_set_left (&z, FALSE) > 0)
            {
              int j1 = nearest_zero (&z, p1, PICK_ANY);
              double complex z1 = z.v[j1];
              z.used[j1] = TRUE;
              if (!is_real (z1))
                {
                  double complex zz[2] = { z1, conj (z1) };
                  single_section (sec, zz, 2, pp, 2);
                }
              else if (root_set_left (&z, FALSE) > 0)
                {
                  int j2 = nearest_zero (&z, p1, PICK_REAL);
                  double complex zz[2] = { z1, z.v[j2] };
                  z.used[j2] = TRUE;
                  single_section (sec, zz, 2, pp, 2);
                }
              else
                single_section (sec, &z1, 1, pp, 2);
            }
          else
            single_section (sec, NULL, 0, pp, 2);
        }
    }
  for (int j = 0; j < 3; j++)
    sos[j] *= k;
}

gboolean
scmm_de_design_bandpass (int order, double low_hz, double high_hz, double rate_hz, double *sos)
{
  const int n = order;
  if (n < 1 || n > MAX_ORDER || !(low_hz > 0.0) || !(low_hz < high_hz)
      || !(high_hz < rate_hz / 2.0))
    return FALSE;

  /* Pre-warp the normalised edges (iirfilter works at fs = 2). */
  const double fs = 2.0;
  double wn[2] = { 2.0 * low_hz / rate_hz, 2.0 * high_hz / rate_hz };
  double warped[2];
  for (int i = 0; i < 2; i++)
    warped[i] = 2.0 * fs * tan (G_PI * wn[i] / fs);
  const double bw = warped[1] - warped[0];
  const double wo = sqrt (warped[0] * warped[1]);

  /* buttap: poles -exp(i pi m / 2N), m = -N+1, -N+3, ..., N-1; no zeros; gain 1.
   * lp2bp_zpk: each pole p -> p bw/2 +- sqrt((p bw/2)^2 - wo^2); N zeros at 0;
   * gain bw^N. */
  double complex poles[2 * MAX_ORDER], zeros[2 * MAX_ORDER];
  for (int i = 0; i < n; i++)
    {
      int m = -n + 1 + 2 * i;
      double complex proto = -cexp (I * (G_PI * m / (2.0 * n)));
      double complex lp = proto * bw / 2.0;
      double complex root = csqrt (lp * lp - wo * wo);
      poles[i] = lp + root;
      poles[n + i] = lp - root;
    }
  double k = pow (bw, n);

  /* bilinear_zpk at fs = 2: s -> (2 fs + s) / (2 fs - s); the N zeros at the
   * origin go to +1 and the N at infinity to -1 (Nyquist). */
  const double fs2 = 2.0 * fs;
  double complex num = 1.0, den = 1.0;
  for (int i = 0; i < 2 * n; i++)
    {
      den *= fs2 - poles[i];
      poles[i] = (fs2 + poles[i]) / (fs2 - poles[i]);
    }
  for (int i = 0; i < n; i++)
    {
      num *= fs2;  /* fs2 - 0 */
      zeros[i] = 1.0;
      zeros[n + i] = -1.0;
    }
  k *= creal (num / den);

  zpk_to_sos (zeros, poles, 2 * n, k, sos, n);
  return TRUE;
}

/* ---- zero-phase filtering ---- */

/* The coefficients of the 5 bands' cascades, laid out [section][band] so that
 * the band loop is innermost; zi is sosfilt_zi's steady state for a unit step. */
typedef struct {
  int    sections;
  int    padlen;
  double b0[MAX_ORDER][NB], b1[MAX_ORDER][NB], b2[MAX_ORDER][NB];
  double a1[MAX_ORDER][NB], a2[MAX_ORDER][NB];
  double zi0[MAX_ORDER][NB], zi1[MAX_ORDER][NB];
} FilterBank;

/* lfilter_zi of one section (a0 = 1), solved in closed form: zi = A zi + B
 * with A the transposed companion matrix of a. */
static void
section_zi (const double *sec, double *zi)
{
  const double *b = sec, *a = sec + 3;
  double B0 = b[1] - a[1] * b[0];
  double B1 = b[2] - a[2] * b[0];
  zi[0] = (B0 + B1) / (1.0 + a[1] + a[2]);
  zi[1] = B1 - a[2] * zi[0];
}

/* sosfiltfilt's default padlen: 3 ntaps, ntaps = 2 n_sections + 1 less the
 * sections that are really first order (b2 = a2 = 0). A band-pass has none:
 * its zeros are +1 and -1, so every b2 is +-k or +-1. */
static int
default_padlen (int order)
{
  return 3 * (2 * order + 1);
}

static void
filter_bank_init (FilterBank *fb, const ScmmDeConfig *config, double rate_hz)
{
  const int ns = config->filter_order;
  fb->sections = ns;
  fb->padlen = default_padlen (ns);
  for (int band = 0; band < NB; band++)
    {
      double sos[MAX_ORDER * 6];
      gboolean ok = scmm_de_design_bandpass (ns, config->bands[band].low_hz,
                                             config->bands[band].high_hz, rate_hz, sos);
      g_assert (ok);  /* the caller validated the bands */
      double scale = 1.0;
      for (int s = 0; s < ns; s++)
        {
          const double *sec = sos + 6 * s;
          g_assert (sec[2] != 0.0 && sec[5] != 0.0);
          /* sosfilt_zi: each section's zi is scaled by the DC gain of the ones before it */
          double zi[2];
          section_zi (sec, zi);
          fb->b0[s][band] = sec[0];
          fb->b1[s][band] = sec[1];
          fb->b2[s][band] = sec[2];
          fb->a1[s][band] = sec[4];
          fb->a2[s][band] = sec[5];
          fb->zi0[s][band] = scale * zi[0];
          fb->zi1[s][band] = scale * zi[1];
          scale *= (sec[0] + sec[1] + sec[2]) / (sec[3] + sec[4] + sec[5]);
        }
    }
}

/* One sample through every band's cascade: the transposed direct form II
 * recursion of scipy's sosfilt (y = b0 x + z0, z0 = b1 x - a1 y + z1,
 * z1 = b2 x - a2 y). in [NB] is each band's input, out [NB] its output; they
 * may be the same (the backward pass works in place). */
static inline void
run_cascade (const FilterBank *fb, double z0[MAX_ORDER][NB], double z1[MAX_ORDER][NB],
             const double *in, double *out)
{
  double v[NB];
  for (int b = 0; b < NB; b++)
    v[b] = in[b];
  for (int s = 0; s < fb->sections; s++)
    for (int b = 0; b < NB; b++)
      {
        double x = v[b];
        double y = fb->b0[s][b] * x + z0[s][b];
        z0[s][b] = fb->b1[s][b] * x - fb->a1[s][b] * y + z1[s][b];
        z1[s][b] = fb->b2[s][b] * x - fb->a2[s][b] * y;
        v[b] = y;
      }
  for (int b = 0; b < NB; b++)
    out[b] = v[b];
}

/* sosfiltfilt of ext [n] (already odd-extended) through every band:
 * y [n][NB]. */
static void
filtfilt_bands (const FilterBank *fb, const double *ext, gint64 n, double *y)
{
  double z0[MAX_ORDER][NB], z1[MAX_ORDER][NB];

  /* forward, states at zi x ext[0] */
  for (int s = 0; s < fb->sections; s++)
    for (int b = 0; b < NB; b++)
      {
        z0[s][b] = fb->zi0[s][b] * ext[0];
        z1[s][b] = fb->zi1[s][b] * ext[0];
      }
  for (gint64 i = 0; i < n; i++)
    {
      double in[NB];
      for (int b = 0; b < NB; b++)
        in[b] = ext[i];
      run_cascade (fb, z0, z1, in, y + i * NB);
    }

  /* backward, states at zi x the last forward output of each band */
  const double *last = y + (n - 1) * NB;
  for (int s = 0; s < fb->sections; s++)
    for (int b = 0; b < NB; b++)
      {
        z0[s][b] = fb->zi0[s][b] * last[b];
        z1[s][b] = fb->zi1[s][b] * last[b];
      }
  for (gint64 i = n - 1; i >= 0; i--)
    run_cascade (fb, z0, z1, y + i * NB, y + i * NB);
}

/* odd_ext: 2 x[0] - x[pad..1] before, 2 x[n-1] - x[n-2..n-1-pad] after. */
static void
odd_extend (const float *x, gint64 n, int pad, double *ext)
{
  const double first = x[0], last = x[n - 1];
  for (int i = 0; i < pad; i++)
    ext[i] = 2.0 * first - (double) x[pad - i];
  for (gint64 i = 0; i < n; i++)
    ext[pad + i] = x[i];
  for (int i = 0; i < pad; i++)
    ext[pad + n + i] = 2.0 * last - (double) x[n - 2 - i];
}

/* DE = 0.5 ln(2 pi e var) of each band of each window; y [.][NB] starts at
 * the first sample of the first window. */
static void
window_de (const double *y, int windows, gint64 win_len, int channels, int channel, float *de)
{
  const double log_2pie = log (2.0 * G_PI * M_E);
  for (int w = 0; w < windows; w++)
    {
      const double *yw = y + (gint64) w * win_len * NB;
      double sum[NB] = { 0 }, sq[NB] = { 0 };
      for (gint64 j = 0; j < win_len; j++)
        for (int b = 0; b < NB; b++)
          sum[b] += yw[j * NB + b];
      double mean[NB];
      for (int b = 0; b < NB; b++)
        mean[b] = sum[b] / (double) win_len;
      /* a second pass for the variance: no cancellation */
      for (gint64 j = 0; j < win_len; j++)
        for (int b = 0; b < NB; b++)
          {
            double d = yw[j * NB + b] - mean[b];
            sq[b] += d * d;
          }
      float *out = de + ((gsize) w * channels + channel) * NB;
      for (int b = 0; b < NB; b++)
        {
          double var = MAX (sq[b] / (double) win_len, VAR_FLOOR);
          out[b] = (float) (0.5 * (log_2pie + log (var)));
        }
    }
}

/* ---- validation ---- */

static gboolean
validate (const float *x, int channels, gint64 samples, double rate_hz,
          const ScmmDeConfig *config, gint64 *win_len, GError **error)
{
  if (config->filter_order < 1 || config->filter_order > MAX_ORDER)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the Butterworth filter order is %d; it must be between 1 and %d",
                   config->filter_order, MAX_ORDER);
      return FALSE;
    }
  if (!(rate_hz > 0.0) || !isfinite (rate_hz))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the sampling rate is %g Hz; it must be a positive number", rate_hz);
      return FALSE;
    }
  for (int b = 0; b < NB; b++)
    {
      const ScmmBand *band = &config->bands[b];
      if (!(band->low_hz > 0.0) || !(band->low_hz < band->high_hz))
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                       "band %d (%s, %g-%g Hz) is not a band: it needs 0 < low < high",
                       b + 1, band_names[b], band->low_hz, band->high_hz);
          return FALSE;
        }
      if (!(band->high_hz < rate_hz / 2.0))
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                       "band %d (%s, %g-%g Hz) does not fit under the Nyquist frequency "
                       "(%g Hz) of a recording sampled at %g Hz",
                       b + 1, band_names[b], band->low_hz, band->high_hz, rate_hz / 2.0,
                       rate_hz);
          return FALSE;
        }
    }
  /* The window is rounded to whole samples (exact for the usual rates). */
  double win = config->window_s * rate_hz;
  if (!(config->window_s > 0.0) || !isfinite (win) || llround (win) < 2)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "a window of %g s at %g Hz does not hold two samples", config->window_s,
                   rate_hz);
      return FALSE;
    }
  *win_len = llround (win);
  if (channels < 1 || samples < *win_len)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "the recording (%d channels, %" G_GINT64_FORMAT " samples, %.3f s at %g Hz) "
                   "does not hold one whole %g-s window", channels, samples,
                   (double) samples / rate_hz, rate_hz, config->window_s);
      return FALSE;
    }
  int padlen = default_padlen (config->filter_order);
  if (samples <= padlen)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "the recording has %" G_GINT64_FORMAT " samples; filtering with order %d "
                   "needs more than %d (the edge padding)", samples, config->filter_order,
                   padlen);
      return FALSE;
    }
  for (int c = 0; c < channels; c++)
    {
      const float *xc = x + (gsize) c * samples;
      for (gint64 i = 0; i < samples; i++)
        if (!isfinite (xc[i]))
          {
            g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                         "channel %d (counting from 0) holds %s at sample %" G_GINT64_FORMAT
                         " (%.3f s)", c, isnan (xc[i]) ? "NaN" : "an infinite value", i,
                         (double) i / rate_hz);
            return FALSE;
          }
    }
  return TRUE;
}

float *
scmm_de_extract (const float *x, int channels, gint64 samples, double rate_hz,
                 const ScmmDeConfig *config, int *windows, GError **error)
{
  g_return_val_if_fail (x != NULL || channels * samples == 0, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (windows != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *windows = 0;
  gint64 win_len = 0;
  if (!validate (x, channels, samples, rate_hz, config, &win_len, error))
    return NULL;
  const gint64 nw = samples / win_len;
  if (nw > G_MAXINT)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE, "%" G_GINT64_FORMAT " windows are too many",
                   nw);
      return NULL;
    }

  FilterBank fb;
  filter_bank_init (&fb, config, rate_hz);
  const int pad = fb.padlen;
  const gint64 n_ext = samples + 2 * (gint64) pad;

  float *de = g_new (float, (gsize) nw * channels * NB);
  /* one scratch reused by every channel: the extended input, then the band outputs */
  double *ext = g_new (double, (gsize) n_ext);
  double *y = g_new (double, (gsize) n_ext * NB);
  for (int c = 0; c < channels; c++)
    {
      odd_extend (x + (gsize) c * samples, samples, pad, ext);
      filtfilt_bands (&fb, ext, n_ext, y);
      window_de (y + (gsize) pad * NB, (int) nw, win_len, channels, c, de);
    }
  g_free (ext);
  g_free (y);

  if (config->smoothing != SCMM_SMOOTH_NONE)
    scmm_de_smooth (de, (int) nw, channels, NB, config->smoothing, config->moving_average);
  *windows = (int) nw;
  return de;
}

/* ---- smoothing along the windows ---- */

/* Kalman filter + RTS smoother (see LDS_Q, LDS_R). The variances and gains
 * do not depend on the data, so they are computed once; then every series
 * (one column of the [windows][series] matrix) runs through the same gains,
 * a row at a time. */
static void
smooth_lds (float *de, int windows, gsize series)
{
  double *gain = g_new (double, 2 * (gsize) windows);
  double *back = gain + windows;
  double p = LDS_R;   /* the variance after the first observation */
  gain[0] = 1.0;
  for (int t = 1; t < windows; t++)
    {
      double predicted = p + LDS_Q;
      back[t - 1] = p / predicted;           /* RTS gain J[t-1] = P[t-1] / P[t|t-1] */
      gain[t] = predicted / (predicted + LDS_R);
      p = (1.0 - gain[t]) * predicted;
    }

  double *m = g_new (double, (gsize) windows * series);
  for (gsize j = 0; j < series; j++)
    m[j] = de[j];
  for (int t = 1; t < windows; t++)
    {
      const double k = gain[t];
      const double *prev = m + (gsize) (t - 1) * series;
      double *cur = m + (gsize) t * series;
      const float *obs = de + (gsize) t * series;
      for (gsize j = 0; j < series; j++)
        cur[j] = prev[j] + k * ((double) obs[j] - prev[j]);
    }
  /* the smoothed mean: s[t] = m[t] + J[t] (s[t+1] - m[t]) */
  for (int t = windows - 2; t >= 0; t--)
    {
      const double jt = back[t];
      const double *next = m + (gsize) (t + 1) * series;
      double *cur = m + (gsize) t * series;
      for (gsize j = 0; j < series; j++)
        cur[j] += jt * (next[j] - cur[j]);
    }
  for (gsize i = 0; i < (gsize) windows * series; i++)
    de[i] = (float) m[i];
  g_free (m);
  g_free (gain);
}

/* Centred mean over `span` windows (an even span counts as span + 1); near the
 * ends the window is cut to the windows that exist, as MATLAB's
 * movmean (x, span) ("shrink") does. */
static void
smooth_moving_average (float *de, int windows, gsize series, int span)
{
  const int half = span / 2;
  float *orig = g_memdup2 (de, (gsize) windows * series * sizeof (float));
  double *acc = g_new (double, series);
  for (int t = 0; t < windows; t++)
    {
      int lo = MAX (0, t - half), hi = MIN (windows - 1, t + half);
      memset (acc, 0, series * sizeof (double));
      for (int u = lo; u <= hi; u++)
        {
          const float *row = orig + (gsize) u * series;
          for (gsize j = 0; j < series; j++)
            acc[j] += row[j];
        }
      float *out = de + (gsize) t * series;
      const double count = hi - lo + 1;
      for (gsize j = 0; j < series; j++)
        out[j] = (float) (acc[j] / count);
    }
  g_free (acc);
  g_free (orig);
}

void
scmm_de_smooth (float *de, int windows, int channels, int bands, ScmmSmoothing smoothing,
                int moving_average)
{
  g_return_if_fail (de != NULL || windows <= 0);
  if (windows < 2 || channels < 1 || bands < 1)
    return;
  const gsize series = (gsize) channels * bands;
  switch (smoothing)
    {
    case SCMM_SMOOTH_NONE:
      break;
    case SCMM_SMOOTH_LDS:
      smooth_lds (de, windows, series);
      break;
    case SCMM_SMOOTH_MOVING_AVERAGE:
      if (moving_average > 1)
        smooth_moving_average (de, windows, series, moving_average);
      break;
    default:
      g_return_if_reached ();
    }
}
