/* scmm-synthetic.h: class-structured synthetic samples for tests and benchmarks.
 *
 * Each class has its own pattern of values over channels x bands (as band
 * powers over scalp regions would); a sample is its class pattern plus
 * Gaussian noise, clipped to [0, 1] like min-max normalised DE features.
 * Deterministic for a seed. */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct {
  int   channels;
  int   bands;
  int   classes;
  float noise;     /* standard deviation of the per-value noise */
} ScmmSyntheticConfig;

/* x [n, channels, bands]; labels [n] (may be NULL), classes in turn. */
void scmm_synthetic_samples (float *x, int32_t *labels, int n, const ScmmSyntheticConfig *config,
                             guint64 seed);

G_END_DECLS
