/* scmm-rng.c: xoshiro256** (Blackman and Vigna) seeded with SplitMix64. */
#include "scmm-rng.h"

#include <math.h>

static uint64_t
splitmix64 (uint64_t *state)
{
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static inline uint64_t
rotl (uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

void
scmm_rng_init (ScmmRng *rng, uint64_t seed)
{
  uint64_t state = seed;
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

void
scmm_rng_init_stream (ScmmRng *rng, uint64_t seed, uint64_t stream)
{
  uint64_t mix = seed ^ (stream * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
  scmm_rng_init (rng, splitmix64 (&mix));
}

uint64_t
scmm_rng_next_u64 (ScmmRng *rng)
{
  uint64_t *s = rng->s;
  uint64_t result = rotl (s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

float
scmm_rng_uniform (ScmmRng *rng)
{
  return (float) (scmm_rng_next_u64 (rng) >> 40) * 0x1.0p-24f;
}

double
scmm_rng_uniform_double (ScmmRng *rng)
{
  return (double) (scmm_rng_next_u64 (rng) >> 11) * 0x1.0p-53;
}

uint32_t
scmm_rng_below (ScmmRng *rng, uint32_t n)
{
  /* Lemire's multiply-shift with rejection. */
  uint64_t m = (uint64_t) (uint32_t) (scmm_rng_next_u64 (rng) >> 32) * n;
  uint32_t low = (uint32_t) m;
  if (low < n)
    {
      uint32_t threshold = -n % n;
      while (low < threshold)
        {
          m = (uint64_t) (uint32_t) (scmm_rng_next_u64 (rng) >> 32) * n;
          low = (uint32_t) m;
        }
    }
  return (uint32_t) (m >> 32);
}

double
scmm_rng_normal (ScmmRng *rng)
{
  double u1 = 1.0 - scmm_rng_uniform_double (rng); /* (0, 1]: log is finite */
  double u2 = scmm_rng_uniform_double (rng);
  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

void
scmm_rng_permutation (ScmmRng *rng, uint32_t *out, uint32_t n)
{
  for (uint32_t i = 0; i < n; i++)
    out[i] = i;
  for (uint32_t i = n; i > 1; i--)
    {
      uint32_t j = scmm_rng_below (rng, i);
      uint32_t tmp = out[i - 1];
      out[i - 1] = out[j];
      out[j] = tmp;
    }
}
