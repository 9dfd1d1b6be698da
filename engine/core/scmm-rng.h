/* scmm-rng.h: a small, fast, reproducible random number generator.
 *
 * xoshiro256** seeded through SplitMix64. The same seed gives the same
 * stream on every machine and with any thread count: everything random in a
 * run (initialisation, shuffling, masks) is drawn from one of these, in a
 * fixed order. */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct {
  uint64_t s[4];
} ScmmRng;

void     scmm_rng_init          (ScmmRng *rng, uint64_t seed);
/* An independent stream: the same parent seed and stream id always give the
 * same child, without advancing the parent. */
void     scmm_rng_init_stream   (ScmmRng *rng, uint64_t seed, uint64_t stream);
uint64_t scmm_rng_next_u64      (ScmmRng *rng);
/* Uniform in [0, 1) with 24 random bits (exactly representable in float). */
float    scmm_rng_uniform       (ScmmRng *rng);
/* Uniform in [0, 1) with 53 random bits. */
double   scmm_rng_uniform_double (ScmmRng *rng);
/* Uniform integer in [0, n), without modulo bias. */
uint32_t scmm_rng_below         (ScmmRng *rng, uint32_t n);
/* Standard normal (Box-Muller, no cached second value: reproducible order). */
double   scmm_rng_normal        (ScmmRng *rng);
/* Fills out[0..n) with a uniformly random permutation of 0..n-1. */
void     scmm_rng_permutation   (ScmmRng *rng, uint32_t *out, uint32_t n);

G_END_DECLS
