/* scmm-teach-session.c: one real pre-training batch held still for teaching.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "scmm-teach-session.h"

#include <math.h>
#include <string.h>

#include "scmm-checkpoint.h"
#include "scmm-demo.h"
#include "scmm-error.h"
#include "scmm-experiment-data.h"
#include "scmm-trainer.h"

/* The session's own random streams (a run's are 100 + method and up): the
 * windows of the batch, and its masks. */
#define STREAM_TEACH_BATCH 90
#define STREAM_TEACH_MASKS 91

struct _ScmmTeachSession
{
  ScmmExperiment     *experiment;   /* a copy */
  ScmmExperimentData *data;
  ScmmMethod          method;
  ScmmPretrainState   state;        /* the model, Adam and the training RNG, as a run's */
  ScmmPretrainLoss    loss;         /* the method's, with the user's alpha, sigma, tau */
  ScmmMaskConfig      mask;
  ScmmTeachParams     defaults;
  int                 b;
  float              *x;            /* [b, C, F] */
  int32_t            *labels;       /* [b] */
  guint8             *keep;         /* [views b, C, F] */
  float              *saved_buffers; /* the running statistics, put back after a forward */
  ScmmPretrainStep   *step;
  guint32            *order;        /* the training epoch's shuffle */
  int                 steps_trained;
  GArray             *history;      /* ScmmTeachLosses */
};

static ScmmExperiment *
copy_experiment (const ScmmExperiment *e, GError **error)
{
  g_autofree char *text = scmm_experiment_to_data (e);
  return scmm_experiment_load_data (text, "the experiment", error);
}

static void
params_from (ScmmTeachParams *p, const ScmmMaskConfig *mask, const ScmmPretrainLoss *loss)
{
  p->mask_mode = mask->mode;
  p->mask_ratio = mask->ratio;
  p->mask_threshold = mask->threshold;
  p->alpha = loss->alpha;
  p->sigma = loss->sigma;
  p->tau = loss->tau;
}

static void
draw_masks (ScmmTeachSession *self)
{
  ScmmRng rng;
  scmm_rng_init_stream (&rng, self->experiment->seed, STREAM_TEACH_MASKS);
  scmm_masking_generate (self->keep, &rng, &self->mask, self->b, self->data->n_channels,
                         self->data->bands);
}

/* The forward pass of the fixed batch. Train mode, as in a step (batch
 * statistics); the running statistics it moves are restored, so that
 * looking never changes the model. */
static gboolean
recompute (ScmmTeachSession *self, GError **error)
{
  ScmmTensorSet *set = self->state.model->model;
  const gsize bytes = sizeof (float) * set->n_buffer_values;
  memcpy (self->saved_buffers, set->buffers, bytes);
  gboolean ok = scmm_pretrain_forward (self->step, self->state.model, self->x, self->keep,
                                       &self->loss, error);
  memcpy (set->buffers, self->saved_buffers, bytes);
  return ok;
}

static void
choose_batch (ScmmTeachSession *self)
{
  const ScmmSamples *samples = self->data->pretrain;
  const gsize per = (gsize) samples->channels * samples->bands;
  g_autofree guint32 *order = g_new (guint32, samples->n);
  ScmmRng rng;
  scmm_rng_init_stream (&rng, self->experiment->seed, STREAM_TEACH_BATCH);
  scmm_rng_permutation (&rng, order, (guint32) samples->n);
  for (int i = 0; i < self->b; i++)
    {
      memcpy (self->x + i * per, samples->x + order[i] * per, sizeof (float) * per);
      self->labels[i] = samples->y[order[i]];
    }
}

static void
alloc_step (ScmmTeachSession *self)
{
  scmm_pretrain_step_free (self->step);
  self->step = scmm_pretrain_step_new (&self->state.model->dims, self->b, self->mask.views);
  g_free (self->saved_buffers);
  self->saved_buffers = g_new (float, MAX (self->state.model->model->n_buffer_values, 1));
}

/* The pre-training set of a whole corpus: every trial of every subject and
 * session (labels kept where it has them, unused), normalised as the
 * experiment says. No target side: nothing is fine-tuned here. */
static ScmmExperimentData *
corpus_data (const ScmmExperiment *e, const char *spec, GError **error)
{
  g_autoptr (ScmmCorpus) corpus = scmm_corpus_open (spec, error);
  if (corpus == NULL)
    return NULL;
  g_autoptr (ScmmExperimentData) d = g_new0 (ScmmExperimentData, 1);
  d->notes = g_string_new (NULL);
  d->source_name = g_strdup (corpus->name);
  d->target_name = g_strdup (corpus->name);
  d->n_channels = corpus->n_channels;
  d->bands = corpus->n_bands;
  d->channel_names = g_strdupv (corpus->channel_names);
  d->class_names = g_strdupv (corpus->class_names);
  d->n_classes = corpus->n_classes;
  d->targets = g_ptr_array_new ();
  d->pretrain = scmm_samples_new (corpus->n_channels, corpus->n_bands);
  for (guint i = 0; i < corpus->subjects->len; i++)
    {
      const ScmmSubject *subject = g_ptr_array_index (corpus->subjects, i);
      for (guint j = 0; j < subject->sessions->len; j++)
        {
          const ScmmSession *session = g_ptr_array_index (subject->sessions, j);
          for (guint k = 0; k < session->trials->len; k++)
            {
              const ScmmTrial *t = g_ptr_array_index (session->trials, k);
              int label = t->label >= 0 && t->label < corpus->n_classes ? t->label : -1;
              scmm_samples_append (d->pretrain, t->de, t->windows, label);
            }
        }
    }
  if (e->normalisation != SCMM_NORMALISE_NONE && d->pretrain->n > 0)
    {
      g_autoptr (ScmmMinMax) mm = scmm_minmax_fit (d->pretrain);
      scmm_minmax_apply (mm, d->pretrain);
    }
  return g_steal_pointer (&d);
}

static ScmmTeachSession *
session_new (const ScmmExperiment *experiment, const char *corpus, int batch, GError **error)
{
  if (batch < 2 || batch > SCMM_TEACH_MAX_BATCH)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "batch (the windows shown) must be 2 to %d, not %d", SCMM_TEACH_MAX_BATCH,
                   batch);
      return NULL;
    }
  g_autoptr (ScmmTeachSession) self = g_new0 (ScmmTeachSession, 1);
  self->history = g_array_new (FALSE, FALSE, sizeof (ScmmTeachLosses));
  self->experiment = copy_experiment (experiment, error);
  if (self->experiment == NULL)
    return NULL;
  if (corpus != NULL)
    {
      g_free (self->experiment->source.corpus);
      self->experiment->source.corpus = g_strdup (corpus);
      self->data = corpus_data (self->experiment, corpus, error);
    }
  else
    self->data = scmm_experiment_data_build (self->experiment, error);
  if (self->data == NULL)
    return NULL;
  if (self->data->pretrain == NULL || self->data->pretrain->n < batch)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the source corpus %s has %d windows, fewer than the batch of %d",
                   self->data->source_name,
                   self->data->pretrain != NULL ? self->data->pretrain->n : 0, batch);
      return NULL;
    }
  self->method = self->experiment->methods[0];
  scmm_method_pretrain_config (self->experiment, self->method, &self->loss, &self->mask);
  params_from (&self->defaults, &self->mask, &self->loss);
  self->b = batch;
  const gsize per = (gsize) self->data->n_channels * self->data->bands;
  self->x = g_new (float, batch * per);
  self->labels = g_new (int32_t, batch);
  self->keep = g_new (guint8, (gsize) self->mask.views * batch * per);
  self->order = g_new (guint32, self->data->pretrain->n);
  scmm_pretrain_state_init (&self->state, self->experiment, self->data, 0);
  alloc_step (self);
  choose_batch (self);
  draw_masks (self);
  if (!recompute (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

ScmmTeachSession *
scmm_teach_session_new (const ScmmExperiment *experiment, int batch, GError **error)
{
  g_return_val_if_fail (experiment != NULL, NULL);
  return session_new (experiment, NULL, batch, error);
}

ScmmTeachSession *
scmm_teach_session_new_on_corpus (const ScmmExperiment *settings, const char *corpus, int batch,
                                  GError **error)
{
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (corpus != NULL, NULL);
  return session_new (settings, corpus, batch, error);
}

void
scmm_teach_session_free (ScmmTeachSession *self)
{
  if (self == NULL)
    return;
  if (self->state.model != NULL)
    scmm_pretrain_state_clear (&self->state);
  scmm_pretrain_step_free (self->step);
  scmm_experiment_data_free (self->data);
  scmm_experiment_free (self->experiment);
  g_free (self->x);
  g_free (self->labels);
  g_free (self->keep);
  g_free (self->order);
  g_free (self->saved_buffers);
  g_array_unref (self->history);
  g_free (self);
}

gboolean
scmm_teach_session_load_model (ScmmTeachSession *self, const char *path, GError **error)
{
  g_autoptr (ScmmModel) model = scmm_checkpoint_load (path, NULL, NULL, error);
  if (model == NULL)
    return FALSE;
  if (model->config.channels != self->data->n_channels || model->config.bands != self->data->bands)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: the model takes %d channels x %d bands, the corpus %s has %d x %d",
                   path, model->config.channels, model->config.bands, self->data->source_name,
                   self->data->n_channels, self->data->bands);
      return FALSE;
    }
  scmm_model_free (self->state.model);
  scmm_adam_free (self->state.adam);
  self->state.model = g_steal_pointer (&model);
  ScmmAdamConfig adam = self->experiment->adam;
  adam.lr = (float) self->experiment->pretrain_lr;
  self->state.adam = scmm_adam_new (self->state.model->model, NULL, &adam);
  self->state.epochs_done = 0;
  self->steps_trained = 0;
  g_array_set_size (self->history, 0);
  alloc_step (self);
  return recompute (self, error);
}

void
scmm_teach_session_get_params (ScmmTeachSession *self, ScmmTeachParams *params)
{
  params_from (params, &self->mask, &self->loss);
}

void
scmm_teach_session_get_default_params (ScmmTeachSession *self, ScmmTeachParams *params)
{
  *params = self->defaults;
}

static gboolean
check_params (const ScmmTeachParams *p, GError **error)
{
  if ((int) p->mask_mode < SCMM_MASK_HYBRID || (int) p->mask_mode > SCMM_MASK_PARALLEL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "mask mode must be hybrid, random, channel or parallel, not %d",
                   (int) p->mask_mode);
      return FALSE;
    }
  if (!(p->mask_ratio >= 0.0f && p->mask_ratio < 1.0f))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "mask ratio (r) must be in [0, 1), not %g", (double) p->mask_ratio);
      return FALSE;
    }
  if (!(p->mask_threshold >= 0.0f && p->mask_threshold <= 1.0f))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "mask threshold (delta) must be in [0, 1], not %g",
                   (double) p->mask_threshold);
      return FALSE;
    }
  ScmmPretrainLoss loss = SCMM_PRETRAIN_LOSS_DEFAULT;
  loss.alpha = p->alpha;
  loss.sigma = p->sigma;
  loss.tau = p->tau;
  return scmm_pretrain_loss_check (&loss, error);
}

gboolean
scmm_teach_session_set_params (ScmmTeachSession *self, const ScmmTeachParams *params,
                               GError **error)
{
  if (!check_params (params, error))
    return FALSE;
  ScmmPretrainLoss old_loss = self->loss;
  ScmmMaskConfig old_mask = self->mask;
  self->loss.alpha = params->alpha;
  self->loss.sigma = params->sigma;
  self->loss.tau = params->tau;
  self->mask.mode = params->mask_mode;
  self->mask.ratio = params->mask_ratio;
  self->mask.threshold = params->mask_threshold;
  gboolean masks_changed = memcmp (&old_mask, &self->mask, sizeof old_mask) != 0;
  if (masks_changed)
    draw_masks (self);
  if (recompute (self, error))
    return TRUE;
  /* a diverging forward (a tiny tau): everything as it was */
  self->loss = old_loss;
  self->mask = old_mask;
  if (masks_changed)
    draw_masks (self);
  recompute (self, NULL);
  return FALSE;
}

const ScmmPretrainStep *
scmm_teach_session_get_step (ScmmTeachSession *self)
{
  return self->step;
}

const guint8 *
scmm_teach_session_get_keep (ScmmTeachSession *self)
{
  return self->keep;
}

const float *
scmm_teach_session_get_batch (ScmmTeachSession *self)
{
  return self->x;
}

const int32_t *
scmm_teach_session_get_labels (ScmmTeachSession *self)
{
  return self->labels;
}

const ScmmModel *
scmm_teach_session_get_model (ScmmTeachSession *self)
{
  return self->state.model;
}

const ScmmExperiment *
scmm_teach_session_get_experiment (ScmmTeachSession *self)
{
  return self->experiment;
}

const char *const *
scmm_teach_session_get_channel_names (ScmmTeachSession *self)
{
  return (const char *const *) self->data->channel_names;
}

const char *const *
scmm_teach_session_get_class_names (ScmmTeachSession *self)
{
  return (const char *const *) self->data->class_names;
}

int
scmm_teach_session_get_batch_size (ScmmTeachSession *self)
{
  return self->b;
}

void
scmm_teach_session_get_loss_weights (ScmmTeachSession *self, double *p1, double *p2)
{
  *p1 = self->state.model->param.awl[0];
  *p2 = self->state.model->param.awl[1];
}

double
scmm_teach_session_get_masked_share (ScmmTeachSession *self)
{
  const gsize cells = (gsize) self->mask.views * self->b * self->data->n_channels
                      * self->data->bands;
  gsize masked = 0;
  for (gsize i = 0; i < cells; i++)
    masked += self->keep[i] == 0;
  return cells > 0 ? (double) masked / cells : 0;
}

void
scmm_teach_session_get_row_errors (ScmmTeachSession *self, double *errors)
{
  const ScmmPretrainStep *step = self->step;
  const int d = step->dims.input_dim;
  const int compared = self->loss.recon_target == SCMM_RECON_ORIGINAL ? step->b : step->n;
  for (int i = 0; i < step->n; i++)
    {
      if (i >= compared)
        {
          errors[i] = NAN;
          continue;
        }
      double sum = 0;
      for (int k = 0; k < d; k++)
        {
          double diff = (double) step->x_hat[i * d + k] - step->x_in[i * d + k];
          sum += diff * diff;
        }
      errors[i] = sum / d;
    }
}

void
scmm_teach_session_get_loss_terms (ScmmTeachSession *self, double *terms)
{
  const double p1 = self->state.model->param.awl[0], p2 = self->state.model->param.awl[1];
  const ScmmPretrainResult *r = &self->step->result;
  terms[0] = self->loss.contrastive ? 0.5 / (p1 * p1) * r->loss_c : 0;
  terms[1] = self->loss.contrastive ? log1p (p1 * p1) : 0;
  terms[2] = 0.5 / (p2 * p2) * r->loss_r;
  terms[3] = log1p (p2 * p2);
}

ScmmSnapshot *
scmm_teach_session_make_snapshot (ScmmTeachSession *self)
{
  const int steps_per_epoch = MAX (1, self->data->pretrain->n / self->experiment->pretrain_batch);
  return scmm_snapshot_new (self->step, self->keep, self->labels,
                            scmm_method_to_string (self->method),
                            self->steps_trained / steps_per_epoch + 1,
                            self->steps_trained % steps_per_epoch);
}

/* One real pre-training step, as the trainer takes it: the next windows of
 * this epoch's shuffle, fresh masks, forward, backward, Adam at the cosine
 * schedule's rate. */
static gboolean
train_step (ScmmTeachSession *self, ScmmPretrainStep *step, float *x, guint8 *keep,
            guint32 *order, GError **error)
{
  const ScmmExperiment *e = self->experiment;
  const ScmmSamples *samples = self->data->pretrain;
  const int B = e->pretrain_batch, C = samples->channels, F = samples->bands;
  const gsize per = (gsize) C * F;
  const int n = self->state.subset != NULL ? self->state.subset_n : samples->n;
  const int steps_per_epoch = MAX (1, n / B);
  const int s = self->steps_trained % steps_per_epoch;
  const int epoch = self->steps_trained / steps_per_epoch;

  if (s == 0)
    scmm_rng_permutation (&self->state.rng, order, (guint32) n);
  for (int i = 0; i < B; i++)
    {
      guint32 k = order[s * B + i];
      if (self->state.subset != NULL)
        k = self->state.subset[k];
      memcpy (x + i * per, samples->x + k * per, sizeof (float) * per);
    }
  scmm_masking_generate (keep, &self->state.rng, &self->mask, B, C, F);
  scmm_tensor_set_zero_grads (self->state.model->model);
  if (!scmm_pretrain_step_run (step, self->state.model, x, keep, &self->loss, error))
    return FALSE;
  /* past the experiment's epochs the schedule stays at its end */
  const float lr = (float) scmm_cosine_lr (e->pretrain_lr, 0.0, MIN (epoch, e->pretrain_epochs - 1),
                                           e->pretrain_epochs);
  scmm_adam_step (self->state.adam, lr);
  self->steps_trained++;
  self->state.epochs_done = self->steps_trained / steps_per_epoch;
  ScmmTeachLosses losses = { self->steps_trained, step->result.loss, step->result.loss_c,
                             step->result.loss_r };
  g_array_append_val (self->history, losses);
  return TRUE;
}

gboolean
scmm_teach_session_train (ScmmTeachSession *self, int steps, GCancellable *cancellable,
                          ScmmTeachProgress progress, gpointer user_data, GError **error)
{
  const ScmmExperiment *e = self->experiment;
  const ScmmSamples *samples = self->data->pretrain;
  const int B = e->pretrain_batch;
  const gsize per = (gsize) samples->channels * samples->bands;
  const int n = self->state.subset != NULL ? self->state.subset_n : samples->n;

  if (steps < 1)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "steps (to train) must be at least 1, not %d", steps);
      return FALSE;
    }
  if (n < B)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the source corpus has %d windows, fewer than a pre-training batch of %d "
                   "(in the config: [pretrain] batch)", n, B);
      return FALSE;
    }
  g_autoptr (ScmmPretrainStep) step = scmm_pretrain_step_new (&self->state.model->dims, B,
                                                              self->mask.views);
  g_autofree float *x = g_new (float, B * per);
  g_autofree guint8 *keep = g_new (guint8, (gsize) self->mask.views * B * per);

  gboolean ok = TRUE;
  for (int i = 0; i < steps && ok; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_clear_error (error);
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_CANCELLED, "stopped after %d of %d steps",
                       i, steps);
          ok = FALSE;
          break;
        }
      ok = train_step (self, step, x, keep, self->order, error);
      if (ok && progress != NULL)
        progress (&g_array_index (self->history, ScmmTeachLosses, self->history->len - 1),
                  i + 1, steps, user_data);
    }
  if (!recompute (self, ok ? error : NULL))
    return FALSE;
  return ok;
}

int
scmm_teach_session_get_steps_trained (ScmmTeachSession *self)
{
  return self->steps_trained;
}

GArray *
scmm_teach_session_get_history (ScmmTeachSession *self)
{
  return self->history;
}
