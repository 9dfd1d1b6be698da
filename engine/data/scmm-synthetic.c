/* scmm-synthetic.c: class-structured synthetic samples. */
#include "scmm-synthetic.h"

#include "scmm-rng.h"

void
scmm_synthetic_samples (float *x, int32_t *labels, int n, const ScmmSyntheticConfig *config,
                        guint64 seed)
{
  const int c = config->channels, f = config->bands, k = config->classes;
  const gsize sample = (gsize) c * f;
  float *patterns = g_new (float, sample * k);
  ScmmRng rng;

  /* The class patterns come from a stream of their own, so that they do not
   * depend on how many samples are drawn. */
  scmm_rng_init_stream (&rng, seed, 0);
  for (gsize i = 0; i < sample * k; i++)
    patterns[i] = 0.25f + 0.5f * scmm_rng_uniform (&rng);

  scmm_rng_init_stream (&rng, seed, 1);
  for (int s = 0; s < n; s++)
    {
      int label = s % k;
      if (labels != NULL)
        labels[s] = label;
      const float *p = patterns + (gsize) label * sample;
      float *xs = x + (gsize) s * sample;
      for (gsize i = 0; i < sample; i++)
        {
          float v = p[i] + config->noise * (float) scmm_rng_normal (&rng);
          xs[i] = CLAMP (v, 0.0f, 1.0f);
        }
    }
  g_free (patterns);
}
