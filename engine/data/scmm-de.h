/* scmm-de.h: differential entropy (DE) features of raw EEG.
 *
 * Each channel is band-passed into the five bands (Butterworth, applied
 * forward and backward for zero phase, with scipy.signal.sosfiltfilt's
 * padding and initial conditions), cut into non-overlapping windows, and
 * DE = 0.5 ln(2 pi e sigma^2) of each band's signal in each window, sigma^2
 * the window's variance. Optional smoothing along the windows of a trial:
 * a linear dynamic system (Kalman filter and RTS smoother on a random walk,
 * as the SEED features' "LDS") or a centred moving average. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SCMM_DE_BANDS 5

typedef struct {
  double low_hz;
  double high_hz;
} ScmmBand;

typedef enum {
  SCMM_SMOOTH_NONE,
  SCMM_SMOOTH_LDS,
  SCMM_SMOOTH_MOVING_AVERAGE,
} ScmmSmoothing;

typedef struct {
  ScmmBand      bands[SCMM_DE_BANDS];
  double        window_s;        /* 1 (SEED, DEAP) or 4 (SEED-IV) */
  int           filter_order;    /* Butterworth order of each band-pass (4) */
  ScmmSmoothing smoothing;
  int           moving_average;  /* window of the moving average, in windows (odd) */
} ScmmDeConfig;

/* delta 1-4, theta 4-8, alpha 8-14, beta 14-31, gamma 31-50 Hz. */
extern const ScmmBand scmm_de_bands_standard[SCMM_DE_BANDS];
/* The defaults: standard bands, 1-s windows, order 4, no smoothing, moving average 5. */
ScmmDeConfig scmm_de_config_default (void);

const char *scmm_smoothing_to_string   (ScmmSmoothing smoothing);
gboolean    scmm_smoothing_from_string (const char *name, ScmmSmoothing *smoothing);

/* de [windows, channels, 5] (g_malloc'd) from x [channels, samples] at rate_hz;
 * windows = floor(samples / (window_s rate_hz)). Fails (naming the problem)
 * when a band does not fit under the Nyquist frequency, when there is not one
 * whole window, or when x holds NaN or Inf. */
float   *scmm_de_extract (const float *x, int channels, gint64 samples, double rate_hz,
                          const ScmmDeConfig *config, int *windows, GError **error);

/* Smooths de [windows, channels, bands] in place along the windows. */
void     scmm_de_smooth  (float *de, int windows, int channels, int bands,
                          ScmmSmoothing smoothing, int moving_average);

G_END_DECLS
