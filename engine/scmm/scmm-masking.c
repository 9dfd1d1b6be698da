/* scmm-masking.c: hybrid, random, channel and parallel masking. */
#include "scmm-masking.h"

#include <string.h>

static const char *const mode_names[] = {
  [SCMM_MASK_HYBRID] = "hybrid",
  [SCMM_MASK_RANDOM] = "random",
  [SCMM_MASK_CHANNEL] = "channel",
  [SCMM_MASK_PARALLEL] = "parallel",
};

const char *
scmm_mask_mode_to_string (ScmmMaskMode mode)
{
  g_return_val_if_fail (mode <= SCMM_MASK_PARALLEL, "hybrid");
  return mode_names[mode];
}

gboolean
scmm_mask_mode_from_string (const char *name, ScmmMaskMode *mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (mode_names); i++)
    if (g_strcmp0 (name, mode_names[i]) == 0)
      {
        *mode = (ScmmMaskMode) i;
        return TRUE;
      }
  return FALSE;
}

static void
mask_elements (guint8 *keep, ScmmRng *rng, float ratio, int f)
{
  for (int k = 0; k < f; k++)
    keep[k] = scmm_rng_uniform (rng) >= ratio;
}

static void
mask_channel (guint8 *keep, ScmmRng *rng, float ratio, int f)
{
  memset (keep, scmm_rng_uniform (rng) >= ratio, f);
}

void
scmm_masking_generate (guint8 *keep, ScmmRng *rng, const ScmmMaskConfig *config, int b, int c,
                       int f)
{
  const int rows = config->views * b;
  for (int n = 0; n < rows; n++)
    {
      /* parallel: one decision for the whole sample (drawn only in that mode,
       * so that the other modes' streams do not depend on it). */
      gboolean sample_elementwise = config->mode == SCMM_MASK_PARALLEL
                                    && scmm_rng_uniform (rng) > config->threshold;
      for (int ch = 0; ch < c; ch++)
        {
          guint8 *row = keep + ((size_t) n * c + ch) * f;
          gboolean elementwise;
          switch (config->mode)
            {
            case SCMM_MASK_RANDOM:
              elementwise = TRUE;
              break;
            case SCMM_MASK_CHANNEL:
              elementwise = FALSE;
              break;
            case SCMM_MASK_PARALLEL:
              elementwise = sample_elementwise;
              break;
            case SCMM_MASK_HYBRID:
            default:
              elementwise = scmm_rng_uniform (rng) > config->threshold;
              break;
            }
          if (elementwise)
            mask_elements (row, rng, config->ratio, f);
          else
            mask_channel (row, rng, config->ratio, f);
        }
    }
}

void
scmm_masking_apply (float *x_in, const float *x, const guint8 *keep, int views, int b, int c,
                    int f)
{
  const size_t sample = (size_t) c * f;
  memcpy (x_in, x, sizeof (float) * sample * b);
  for (int v = 0; v < views; v++)
    {
      float *dst = x_in + (size_t) (v + 1) * b * sample;
      const guint8 *k = keep + (size_t) v * b * sample;
      for (size_t i = 0; i < sample * b; i++)
        dst[i] = k[i] ? x[i] : 0.0f;
    }
}
