/* scmm-encoder-features.c: eval-mode encoder outputs, a batch at a time. */
#include "scmm-encoder-features.h"

#include <string.h>

#include "scmm-encoder.h"
#include "scmm-error.h"
#include "scmm-finite.h"

static gboolean
check_input (const ScmmModel *model, const float *x, int n, int channels, int bands,
             GError **error)
{
  if (channels != model->config.channels || bands != model->config.bands)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "the samples have %d channels x %d bands but the model was built for %d x "
                   "%d: use the model trained on this montage (or align the corpus' channels)",
                   channels, bands, model->config.channels, model->config.bands);
      return FALSE;
    }
  if (n < 1)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "there are no samples to embed (n = %d)", n);
      return FALSE;
    }
  return scmm_check_finite (x, (gsize) n, (gsize) channels * bands, "the samples to embed",
                            error);
}

float *
scmm_encoder_features (const ScmmModel *model, const float *x, int n, int channels, int bands,
                       int batch, GError **error)
{
  if (!check_input (model, x, n, channels, bands, error))
    return NULL;
  const ScmmModelDims *d = &model->dims;
  batch = MIN (batch > 0 ? batch : SCMM_ENCODER_FEATURES_BATCH, n);
  g_autoptr (ScmmEncoderPass) pass = scmm_encoder_pass_new (d, batch);
  float *h = g_new (float, (gsize) n * d->hidden);
  for (int start = 0; start < n; start += batch)
    {
      int rows = MIN (batch, n - start);
      const float *out = scmm_encoder_forward (pass, &model->param,
                                               x + (gsize) start * d->input_dim, rows, FALSE);
      memcpy (h + (gsize) start * d->hidden, out, sizeof (float) * rows * d->hidden);
    }
  return h;
}
