/* scmm-trainer.c: pre-training and fine-tuning loops. */
#include "scmm-trainer.h"

#include <math.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-finetune.h"
#include "scmm-masking.h"
#include "scmm-pretrain.h"

/* Seeds of the streams a run draws from, so that each stage's randomness is
 * its own: a resumed or partial run draws the same numbers. */
#define STREAM_PRETRAIN(method) (100 + (guint64) (method))
#define STREAM_FINETUNE(method, subject) (10000 + 1000 * (guint64) (method) + (guint64) (subject))

static const char *
method_name (const ScmmTrainContext *ctx)
{
  return scmm_method_to_string (ctx->method);
}

static void
emit (ScmmTrainContext *ctx, ScmmRunEvent *event)
{
  if (ctx->callback == NULL)
    return;
  event->method = method_name (ctx);
  event->method_index = ctx->method_index;
  event->methods = ctx->methods;
  double elapsed = (g_get_monotonic_time () - ctx->started_us) / 1e6;
  double done_here = ctx->work_done - ctx->work_skipped;
  event->elapsed_s = elapsed;
  event->fraction_done = ctx->work_total > 0 ? MIN (1.0, ctx->work_done / ctx->work_total) : 0;
  event->eta_s = done_here > 0 ? elapsed / done_here * (ctx->work_total - ctx->work_done) : -1;
  ctx->callback (event, ctx->user_data);
}

void
scmm_method_pretrain_config (const ScmmExperiment *e, ScmmMethod method, ScmmPretrainLoss *loss,
                             ScmmMaskConfig *mask)
{
  *loss = e->loss;
  loss->soft_weights = method != SCMM_METHOD_HARD_CONTRASTIVE;
  loss->contrastive = method != SCMM_METHOD_RECONSTRUCTION_ONLY;
  loss->aggregator = method != SCMM_METHOD_NO_AGGREGATOR;
  *mask = e->mask;
  if (method == SCMM_METHOD_RANDOM_MASK)
    mask->mode = SCMM_MASK_RANDOM;
  else if (method == SCMM_METHOD_CHANNEL_MASK)
    mask->mode = SCMM_MASK_CHANNEL;
  else if (method == SCMM_METHOD_PARALLEL_MASK)
    mask->mode = SCMM_MASK_PARALLEL;
}

static int
pretrain_sample_count (const ScmmExperiment *e, int samples)
{
  return e->pretrain_subset ? MIN (samples, e->pretrain_subset_size) : samples;
}

double
scmm_trainer_pretrain_steps (const ScmmExperiment *e, int samples)
{
  return (double) e->pretrain_epochs * (pretrain_sample_count (e, samples) / e->pretrain_batch);
}

double
scmm_trainer_finetune_steps (const ScmmExperiment *e, int samples)
{
  return (double) e->finetune_epochs * ((samples + e->finetune_batch - 1) / e->finetune_batch);
}

void
scmm_pretrain_state_init (ScmmPretrainState *state, const ScmmExperiment *e,
                          const ScmmExperimentData *data, int method_index)
{
  memset (state, 0, sizeof *state);
  ScmmModelConfig config = { data->n_channels, data->bands };
  state->model = scmm_model_new (&config);
  scmm_rng_init_stream (&state->rng, e->seed, STREAM_PRETRAIN (method_index));
  scmm_model_init_default (state->model, &state->rng);
  ScmmAdamConfig adam = e->adam;
  adam.lr = (float) e->pretrain_lr;
  state->adam = scmm_adam_new (state->model->model, NULL, &adam);
  if (e->pretrain_subset && data->pretrain != NULL)
    {
      /* released: the source shuffled once, its first subset_size samples kept */
      state->subset = g_new (guint32, data->pretrain->n);
      scmm_rng_permutation (&state->rng, state->subset, (guint32) data->pretrain->n);
      state->subset_n = pretrain_sample_count (e, data->pretrain->n);
    }
}

void
scmm_pretrain_state_clear (ScmmPretrainState *state)
{
  scmm_model_free (state->model);
  scmm_adam_free (state->adam);
  g_free (state->subset);
  memset (state, 0, sizeof *state);
}

static gboolean
cancelled (ScmmTrainContext *ctx, GError **error)
{
  if (!scmm_run_control_checkpoint (ctx->control))
    return FALSE;
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_CANCELLED, "stopped");
  return TRUE;
}

gboolean
scmm_trainer_pretrain (ScmmTrainContext *ctx, ScmmPretrainState *state,
                       const ScmmSamples *samples, ScmmEpochDone done, gpointer done_data,
                       GError **error)
{
  const ScmmExperiment *e = ctx->experiment;
  const int B = e->pretrain_batch, C = samples->channels, F = samples->bands;
  const gsize per = (gsize) C * F;
  const int n = state->subset != NULL ? state->subset_n : samples->n;
  const int steps = n / B;   /* the last partial batch is dropped */
  ScmmPretrainLoss loss;
  ScmmMaskConfig mask;
  scmm_method_pretrain_config (e, ctx->method, &loss, &mask);

  g_autoptr (ScmmPretrainStep) step = scmm_pretrain_step_new (&state->model->dims, B, mask.views);
  g_autofree float *x = g_new (float, B * per);
  g_autofree int32_t *labels = g_new (int32_t, B);
  g_autofree guint8 *keep = g_new (guint8, (gsize) mask.views * B * per);
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));

  ScmmRunEvent stage = { .kind = SCMM_RUN_EVENT_STAGE, .stage = SCMM_RUN_STAGE_PRETRAIN,
                         .epoch = state->epochs_done, .epochs = e->pretrain_epochs };
  emit (ctx, &stage);
  for (int epoch = state->epochs_done; epoch < e->pretrain_epochs; epoch++)
    {
      const float lr = (float) scmm_cosine_lr (e->pretrain_lr, 0.0, epoch, e->pretrain_epochs);
      double sum = 0, sum_c = 0, sum_r = 0;
      gint64 epoch_start = g_get_monotonic_time ();
      scmm_rng_permutation (&state->rng, order, (guint32) n);
      for (int s = 0; s < steps; s++)
        {
          if (cancelled (ctx, error))
            return FALSE;
          gint64 t0 = g_get_monotonic_time ();
          for (int i = 0; i < B; i++)
            {
              guint32 k = order[s * B + i];
              if (state->subset != NULL)
                k = state->subset[k];
              memcpy (x + i * per, samples->x + k * per, sizeof (float) * per);
              labels[i] = samples->y[k];
            }
          scmm_masking_generate (keep, &state->rng, &mask, B, C, F);
          scmm_tensor_set_zero_grads (state->model->model);
          g_autoptr (GError) local = NULL;
          if (!scmm_pretrain_step_run (step, state->model, x, keep, &loss, &local))
            {
              g_set_error (error, SCMM_ERROR, local->code, "%s, pre-training epoch %d step %d: "
                           "%s (in the config: [pretrain] learning_rate, [loss] tau)",
                           method_name (ctx), epoch + 1, s + 1, local->message);
              return FALSE;
            }
          scmm_adam_step (state->adam, lr);
          sum += step->result.loss;
          sum_c += step->result.loss_c;
          sum_r += step->result.loss_r;
          ctx->work_done += 1;

          ScmmRunEvent ev = {
            .kind = SCMM_RUN_EVENT_STEP, .stage = SCMM_RUN_STAGE_PRETRAIN,
            .epoch = epoch + 1, .epochs = e->pretrain_epochs, .step = s + 1, .steps = steps,
            .loss = step->result.loss, .loss_c = step->result.loss_c,
            .loss_r = step->result.loss_r, .p1 = state->model->param.awl[0],
            .p2 = state->model->param.awl[1], .lr = lr,
            .step_seconds = (g_get_monotonic_time () - t0) / 1e6,
          };
          emit (ctx, &ev);
          int global = epoch * steps + s + 1;
          if (e->snapshot_every > 0 && global % e->snapshot_every == 0 && ctx->callback != NULL)
            {
              ScmmRunEvent snap = ev;
              snap.kind = SCMM_RUN_EVENT_SNAPSHOT;
              snap.snapshot = scmm_snapshot_new (step, keep, labels, method_name (ctx),
                                                 epoch + 1, s + 1);
              emit (ctx, &snap);
              scmm_snapshot_unref (snap.snapshot);
            }
        }
      state->epochs_done = epoch + 1;
      ScmmRunEvent ev = {
        .kind = SCMM_RUN_EVENT_EPOCH, .stage = SCMM_RUN_STAGE_PRETRAIN,
        .epoch = epoch + 1, .epochs = e->pretrain_epochs, .steps = steps,
        .loss = steps ? sum / steps : 0, .loss_c = steps ? sum_c / steps : 0,
        .loss_r = steps ? sum_r / steps : 0, .p1 = state->model->param.awl[0],
        .p2 = state->model->param.awl[1], .lr = lr,
        .step_seconds = (g_get_monotonic_time () - epoch_start) / 1e6,
      };
      if (done != NULL && !done (state, &ev, done_data, error))
        return FALSE;
      emit (ctx, &ev);
    }
  return TRUE;
}

/* ---- fine-tuning ---- */

void
scmm_subject_result_clear (ScmmSubjectResult *r)
{
  scmm_confusion_free (r->confusion);
  if (r->epochs != NULL)
    g_array_unref (r->epochs);
  scmm_model_free (r->model);
  memset (r, 0, sizeof *r);
}

static ScmmModel *
copy_model (const ScmmModel *m)
{
  ScmmModel *copy = scmm_model_new (&m->config);
  scmm_tensor_set_copy_values (copy->model, m->model);
  if (m->classifier != NULL)
    {
      scmm_model_add_classifier (copy, m->classes, NULL);
      scmm_tensor_set_copy_values (copy->classifier, m->classifier);
    }
  return copy;
}

/* Eval-mode predictions over a set, in batches, into a confusion matrix. */
static gboolean
evaluate (ScmmFinetuneStep *step, ScmmModel *model, const ScmmSamples *set, ScmmConfusion *c,
          GError **error)
{
  scmm_confusion_clear (c);
  const gsize per = (gsize) set->channels * set->bands;
  g_autofree int32_t *predicted = g_new (int32_t, step->capacity);
  for (int i = 0; i < set->n; i += step->capacity)
    {
      int n = MIN (step->capacity, set->n - i);
      if (!scmm_finetune_forward (step, model, set->x + i * per, NULL, n, FALSE, error))
        return FALSE;
      scmm_finetune_predict (step, predicted);
      scmm_confusion_add (c, set->y + i, predicted, n);
    }
  return TRUE;
}

/* The fine-tuning epoch the experiment's model selection picks. */
static gboolean
is_better (const ScmmExperiment *e, const ScmmFinetuneEpoch *now, const ScmmFinetuneEpoch *best)
{
  switch (e->model_selection)
    {
    case SCMM_SELECT_BEST_TEST:
      return best == NULL || now->test_accuracy > best->test_accuracy;
    case SCMM_SELECT_VALIDATION:
      return best == NULL || now->validation_accuracy > best->validation_accuracy;
    case SCMM_SELECT_LAST:
    default:
      return TRUE;
    }
}

gboolean
scmm_trainer_finetune (ScmmTrainContext *ctx, const ScmmModel *pretrained,
                       const ScmmTargetSubject *subject, int subject_index, int subjects,
                       int classes, ScmmSubjectResult *result, GError **error)
{
  const ScmmExperiment *e = ctx->experiment;
  const ScmmSamples *train = subject->finetune;
  const int B = e->finetune_batch;
  const gsize per = (gsize) train->channels * train->bands;
  ScmmRng rng;
  scmm_rng_init_stream (&rng, e->seed, STREAM_FINETUNE (ctx->method_index, subject_index));

  g_autoptr (ScmmModel) model = NULL;
  if (pretrained != NULL)
    model = copy_model (pretrained);
  else
    {
      ScmmModelConfig config = { train->channels, train->bands };
      model = scmm_model_new (&config);
      scmm_model_init_default (model, &rng);   /* supervised: a random encoder */
    }
  scmm_model_add_classifier (model, classes, &rng);
  ScmmAdamConfig adam = e->adam;
  adam.lr = (float) e->finetune_lr;
  /* Two optimisers, as released: the model's (of which only the encoder has
   * gradients here, the rest is skipped) and the classifier's. */
  g_autoptr (ScmmAdam) encoder_adam = scmm_adam_new (model->model, "encoder.", &adam);
  g_autoptr (ScmmAdam) classifier_adam = scmm_adam_new (model->classifier, NULL, &adam);
  g_autoptr (ScmmFinetuneStep) step = scmm_finetune_step_new (&model->dims, classes, B);
  g_autofree float *x = g_new (float, B * per);
  g_autofree int32_t *y = g_new (int32_t, B);
  g_autofree int32_t *predicted = g_new (int32_t, B);
  g_autofree guint32 *order = g_new (guint32, train->n);
  g_autoptr (ScmmConfusion) test = scmm_confusion_new (classes);
  g_autoptr (ScmmConfusion) val = scmm_confusion_new (classes);

  memset (result, 0, sizeof *result);
  result->epochs = g_array_new (FALSE, TRUE, sizeof (ScmmFinetuneEpoch));
  result->confusion = scmm_confusion_new (classes);
  ScmmFinetuneEpoch best = { 0 };
  gboolean have_best = FALSE;

  ScmmRunEvent stage = { .kind = SCMM_RUN_EVENT_STAGE, .stage = SCMM_RUN_STAGE_FINETUNE,
                         .subject = subject->name, .subject_index = subject_index + 1,
                         .subjects = subjects, .epochs = e->finetune_epochs };
  emit (ctx, &stage);
  scmm_tensor_set_zero_grads (model->model);
  scmm_tensor_set_zero_grads (model->classifier);
  for (int epoch = 0; epoch < e->finetune_epochs; epoch++)
    {
      double sum = 0;
      gint64 correct = 0;
      int batches = 0;
      scmm_rng_permutation (&rng, order, (guint32) train->n);
      for (int i = 0; i < train->n; i += B)   /* the last partial batch is kept */
        {
          if (cancelled (ctx, error))
            return FALSE;
          int n = MIN (B, train->n - i);
          for (int k = 0; k < n; k++)
            {
              memcpy (x + k * per, train->x + order[i + k] * per, sizeof (float) * per);
              y[k] = train->y[order[i + k]];
            }
          /* released: gradients are never zeroed in fine-tuning */
          if (!e->gradient_accumulation)
            {
              scmm_tensor_set_zero_grads (model->model);
              scmm_tensor_set_zero_grads (model->classifier);
            }
          g_autoptr (GError) local = NULL;
          if (!scmm_finetune_forward (step, model, x, y, n, TRUE, &local))
            {
              g_set_error (error, SCMM_ERROR, local->code, "%s, subject %s, fine-tuning epoch "
                           "%d: %s (in the config: [finetune] learning_rate)", method_name (ctx),
                           subject->name, epoch + 1, local->message);
              return FALSE;
            }
          scmm_finetune_backward (step, model);
          scmm_adam_step (encoder_adam, (float) e->finetune_lr);
          scmm_adam_step (classifier_adam, (float) e->finetune_lr);
          scmm_finetune_predict (step, predicted);
          for (int k = 0; k < n; k++)
            correct += predicted[k] == y[k];
          sum += step->loss;
          batches++;
          ctx->work_done += 1;
        }
      if (!evaluate (step, model, subject->test, test, error)
          || (subject->validation != NULL && !evaluate (step, model, subject->validation, val, error)))
        return FALSE;
      ScmmFinetuneEpoch record = {
        .epoch = epoch + 1,
        .loss = sum / MAX (batches, 1),
        .train_accuracy = (double) correct / train->n,
        .test_accuracy = scmm_confusion_accuracy (test),
        .test_f1 = scmm_confusion_macro_f1 (test),
        .validation_accuracy = subject->validation != NULL ? scmm_confusion_accuracy (val) : -1,
      };
      g_array_append_val (result->epochs, record);
      if (is_better (e, &record, have_best ? &best : NULL))
        {
          best = record;
          have_best = TRUE;
          memcpy (result->confusion->counts, test->counts,
                  sizeof (gint64) * classes * classes);
          scmm_model_free (result->model);
          result->model = copy_model (model);
        }
      ScmmRunEvent ev = {
        .kind = SCMM_RUN_EVENT_EPOCH, .stage = SCMM_RUN_STAGE_FINETUNE,
        .subject = subject->name, .subject_index = subject_index + 1, .subjects = subjects,
        .epoch = epoch + 1, .epochs = e->finetune_epochs, .loss = record.loss,
        .accuracy = record.test_accuracy, .f1 = record.test_f1,
        .train_accuracy = record.train_accuracy, .lr = e->finetune_lr,
      };
      emit (ctx, &ev);
    }
  result->selected_epoch = best.epoch;
  result->accuracy = scmm_confusion_accuracy (result->confusion);
  result->f1 = scmm_confusion_macro_f1 (result->confusion);
  ScmmRunEvent done = {
    .kind = SCMM_RUN_EVENT_SUBJECT, .stage = SCMM_RUN_STAGE_FINETUNE, .subject = subject->name,
    .subject_index = subject_index + 1, .subjects = subjects, .epoch = best.epoch,
    .epochs = e->finetune_epochs, .accuracy = result->accuracy, .f1 = result->f1,
  };
  emit (ctx, &done);
  return TRUE;
}
