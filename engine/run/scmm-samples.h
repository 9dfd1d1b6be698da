/* scmm-samples.h: the samples a training stage sees: windows of DE features
 * [n, C, F] and their class labels, and their min-max normalisation. */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct {
  int      n;
  int      capacity;
  int      channels;
  int      bands;
  float   *x;         /* [n, channels, bands] */
  int32_t *y;         /* [n]: class index, -1 = unlabelled */
} ScmmSamples;

ScmmSamples *scmm_samples_new    (int channels, int bands);
void         scmm_samples_free   (ScmmSamples *samples);
/* Appends `windows` windows of [windows, channels, bands], all of class `label`. */
void         scmm_samples_append (ScmmSamples *samples, const float *de, int windows, int label);
/* The first n samples only (n <= samples->n). */
void         scmm_samples_truncate (ScmmSamples *samples, int n);
/* Reorders the samples by `order` [n] (a permutation). */
void         scmm_samples_permute  (ScmmSamples *samples, const guint32 *order);

/* Min-max scaling of every (channel, band) column to [0, 1] (SCMM-METHOD.md
 * §1): fitted on one set, applied to it or to others. A constant column is
 * scaled by 1, as scikit-learn's MinMaxScaler does. */
typedef struct {
  int    columns;
  float *low;
  float *scale;       /* 1 / (high - low), or 1 */
} ScmmMinMax;

ScmmMinMax  *scmm_minmax_fit   (const ScmmSamples *samples);
void         scmm_minmax_apply (const ScmmMinMax *minmax, ScmmSamples *samples);
void         scmm_minmax_free  (ScmmMinMax *minmax);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmSamples, scmm_samples_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmMinMax, scmm_minmax_free)

G_END_DECLS
