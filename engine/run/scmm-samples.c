/* scmm-samples.c: the samples of a training stage, and their normalisation. */
#include "scmm-samples.h"

#include <float.h>
#include <string.h>

ScmmSamples *
scmm_samples_new (int channels, int bands)
{
  ScmmSamples *s = g_new0 (ScmmSamples, 1);
  s->channels = channels;
  s->bands = bands;
  return s;
}

void
scmm_samples_free (ScmmSamples *samples)
{
  if (samples == NULL)
    return;
  g_free (samples->x);
  g_free (samples->y);
  g_free (samples);
}

void
scmm_samples_append (ScmmSamples *s, const float *de, int windows, int label)
{
  const gsize per = (gsize) s->channels * s->bands;
  if (s->n + windows > s->capacity)
    {
      s->capacity = MAX (s->n + windows, 2 * s->capacity);
      s->x = g_renew (float, s->x, (gsize) s->capacity * per);
      s->y = g_renew (int32_t, s->y, s->capacity);
    }
  memcpy (s->x + (gsize) s->n * per, de, sizeof (float) * windows * per);
  for (int i = 0; i < windows; i++)
    s->y[s->n + i] = label;
  s->n += windows;
}

void
scmm_samples_truncate (ScmmSamples *samples, int n)
{
  g_return_if_fail (n <= samples->n);
  samples->n = n;
}

void
scmm_samples_permute (ScmmSamples *s, const guint32 *order)
{
  const gsize per = (gsize) s->channels * s->bands;
  float *x = g_new (float, MAX ((gsize) s->n * per, 1));
  int32_t *y = g_new (int32_t, MAX (s->n, 1));
  for (int i = 0; i < s->n; i++)
    {
      memcpy (x + i * per, s->x + order[i] * per, sizeof (float) * per);
      y[i] = s->y[order[i]];
    }
  g_free (s->x);
  g_free (s->y);
  s->x = x;
  s->y = y;
  s->capacity = s->n;
}

ScmmMinMax *
scmm_minmax_fit (const ScmmSamples *s)
{
  const int columns = s->channels * s->bands;
  ScmmMinMax *mm = g_new0 (ScmmMinMax, 1);
  mm->columns = columns;
  mm->low = g_new (float, columns);
  mm->scale = g_new (float, columns);
  float *high = g_new (float, columns);
  for (int j = 0; j < columns; j++)
    {
      mm->low[j] = FLT_MAX;
      high[j] = -FLT_MAX;
    }
  for (int i = 0; i < s->n; i++)
    {
      const float *x = s->x + (gsize) i * columns;
      for (int j = 0; j < columns; j++)
        {
          mm->low[j] = x[j] < mm->low[j] ? x[j] : mm->low[j];
          high[j] = x[j] > high[j] ? x[j] : high[j];
        }
    }
  for (int j = 0; j < columns; j++)
    {
      if (s->n == 0)
        mm->low[j] = 0.0f, high[j] = 1.0f;
      float range = high[j] - mm->low[j];
      mm->scale[j] = range > 0.0f ? 1.0f / range : 1.0f;
    }
  g_free (high);
  return mm;
}

void
scmm_minmax_apply (const ScmmMinMax *mm, ScmmSamples *s)
{
  g_return_if_fail (mm->columns == s->channels * s->bands);
  for (int i = 0; i < s->n; i++)
    {
      float *x = s->x + (gsize) i * mm->columns;
      for (int j = 0; j < mm->columns; j++)
        x[j] = (x[j] - mm->low[j]) * mm->scale[j];
    }
}

void
scmm_minmax_free (ScmmMinMax *minmax)
{
  if (minmax == NULL)
    return;
  g_free (minmax->low);
  g_free (minmax->scale);
  g_free (minmax);
}
