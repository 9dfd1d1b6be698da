/* test-teach-session.c: the teaching session on the demo corpus.
 * - its forward pass is scmm_pretrain_forward run by hand on the same batch,
 *   masks and a model initialised as a run initialises it;
 * - tau changes R, L_C and L_R but not h, z, S or W; sigma changes W; the
 *   mask ratio sets the masked share; a mask setting changed and changed
 *   back gives the same masks again;
 * - settings never change the model's weights or running statistics;
 * - training lowers the loss of the fixed batch; a loaded checkpoint gives
 *   the forward pass of the model saved; cancelling stops between steps;
 * - deterministic for a seed; bad settings are errors naming the setting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "scmm-checkpoint.h"
#include "scmm-demo.h"
#include "scmm-error.h"
#include "scmm-experiment-data.h"
#include "scmm-teach-session.h"
#include "scmm-test-util.h"
#include "scmm-trainer.h"

static ScmmTeachSession *
demo_session (guint64 seed, int batch)
{
  g_autoptr (ScmmExperiment) e = scmm_experiment_preset ("demo");
  e->seed = seed;
  g_autoptr (GError) error = NULL;
  ScmmTeachSession *session = scmm_teach_session_new (e, batch, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static gsize
nn (const ScmmPretrainStep *step)
{
  return (gsize) step->n * step->n;
}

static gboolean
same (const float *a, const float *b, gsize n)
{
  return memcmp (a, b, sizeof (float) * n) == 0;
}

static float *
dup_floats (const float *v, gsize n)
{
  return g_memdup2 (v, sizeof (float) * n);
}

static void
test_forward_by_hand (void)
{
  g_autoptr (ScmmTeachSession) session = demo_session (42, SCMM_TEACH_DEFAULT_BATCH);
  const ScmmPretrainStep *mine = scmm_teach_session_get_step (session);
  g_assert_cmpint (mine->b, ==, SCMM_TEACH_DEFAULT_BATCH);
  g_assert_cmpint (mine->n, ==, 2 * SCMM_TEACH_DEFAULT_BATCH);

  /* a model initialised as the run's first method's, by hand */
  g_autoptr (ScmmExperiment) e = scmm_experiment_preset ("demo");
  g_autoptr (GError) error = NULL;
  g_autoptr (ScmmExperimentData) data = scmm_experiment_data_build (e, &error);
  g_assert_no_error (error);
  ScmmPretrainState state;
  scmm_pretrain_state_init (&state, e, data, 0);
  const ScmmModel *model = scmm_teach_session_get_model (session);
  g_assert_true (same (state.model->model->values, model->model->values,
                       model->model->n_values));

  /* the batch's windows are windows of the source corpus */
  const gsize per = (gsize) data->n_channels * data->bands;
  const float *x = scmm_teach_session_get_batch (session);
  for (int i = 0; i < mine->b; i += 17)
    {
      gboolean found = FALSE;
      for (int k = 0; k < data->pretrain->n && !found; k++)
        found = same (x + i * per, data->pretrain->x + k * per, per);
      g_assert_true (found);
    }

  ScmmPretrainLoss loss;
  ScmmMaskConfig mask;
  scmm_method_pretrain_config (e, e->methods[0], &loss, &mask);
  g_autoptr (ScmmPretrainStep) step = scmm_pretrain_step_new (&state.model->dims, mine->b, 1);
  g_assert_true (scmm_pretrain_forward (step, state.model, x, scmm_teach_session_get_keep (session),
                                        &loss, &error));
  g_assert_no_error (error);
  const gsize n_in = (gsize) step->n * step->dims.input_dim;
  g_assert_true (same (step->x_in, mine->x_in, n_in));
  g_assert_true (same (step->encoder->pool[2], mine->encoder->pool[2],
                       (gsize) step->n * step->dims.hidden));
  g_assert_true (same (step->projector->z, mine->projector->z,
                       (gsize) step->n * step->dims.proj_out));
  g_assert_true (same (step->S, mine->S, nn (step)));
  g_assert_true (same (step->W, mine->W, nn (step)));
  g_assert_true (same (step->R, mine->R, nn (step)));
  g_assert_true (same (step->x_hat, mine->x_hat, n_in));
  g_assert_cmpfloat (step->result.loss_c, ==, mine->result.loss_c);
  g_assert_cmpfloat (step->result.loss_r, ==, mine->result.loss_r);
  g_assert_cmpfloat (step->result.loss, ==, mine->result.loss);
  g_assert_true (isfinite (mine->result.loss) && mine->result.loss_c > 0);
  scmm_pretrain_state_clear (&state);
}

static void
test_tau_and_sigma (void)
{
  g_autoptr (ScmmTeachSession) session = demo_session (42, 32);
  const ScmmPretrainStep *step = scmm_teach_session_get_step (session);
  const gsize n_h = (gsize) step->n * step->dims.hidden, n_z = (gsize) step->n * step->dims.proj_out;
  g_autofree float *h = dup_floats (step->encoder->pool[2], n_h);
  g_autofree float *z = dup_floats (step->projector->z, n_z);
  g_autofree float *S = dup_floats (step->S, nn (step));
  g_autofree float *W = dup_floats (step->W, nn (step));
  g_autofree float *R = dup_floats (step->R, nn (step));
  g_autofree guint8 *keep = g_memdup2 (scmm_teach_session_get_keep (session),
                                       (gsize) step->n / 2 * step->dims.input_dim);
  double lc = step->result.loss_c, lr = step->result.loss_r;

  ScmmTeachParams p;
  scmm_teach_session_get_params (session, &p);
  g_assert_cmpfloat (p.tau, ==, 0.05f);   /* the demo preset's */
  p.tau = 0.5f;
  g_autoptr (GError) error = NULL;
  g_assert_true (scmm_teach_session_set_params (session, &p, &error));
  g_assert_no_error (error);
  g_assert_true (step == scmm_teach_session_get_step (session));
  g_assert_true (same (h, step->encoder->pool[2], n_h));
  g_assert_true (same (z, step->projector->z, n_z));
  g_assert_true (same (S, step->S, nn (step)));   /* S = z z^T: no tau in it */
  g_assert_true (same (W, step->W, nn (step)));   /* W comes from the inputs */
  g_assert_false (same (R, step->R, nn (step)));
  g_assert_cmpfloat (fabs (step->result.loss_c - lc), >, 1e-6);
  g_assert_cmpfloat (fabs (step->result.loss_r - lr), >, 1e-9);
  g_assert_true (memcmp (keep, scmm_teach_session_get_keep (session),
                         (gsize) step->n / 2 * step->dims.input_dim) == 0);

  /* a larger tau flattens R: its largest off-diagonal weight falls */
  float max_before = 0, max_after = 0;
  for (gsize i = 0; i < nn (step); i++)
    {
      max_before = MAX (max_before, R[i]);
      max_after = MAX (max_after, step->R[i]);
    }
  g_assert_cmpfloat (max_after, <, max_before);

  /* sigma changes W and nothing before it */
  g_autofree float *W2 = dup_floats (step->W, nn (step));
  p.sigma = 0.8f;
  g_assert_true (scmm_teach_session_set_params (session, &p, &error));
  g_assert_true (same (S, step->S, nn (step)));
  g_assert_false (same (W2, step->W, nn (step)));
}

static void
test_mask_ratio (void)
{
  g_autoptr (ScmmTeachSession) session = demo_session (42, SCMM_TEACH_DEFAULT_BATCH);
  const ScmmPretrainStep *step = scmm_teach_session_get_step (session);
  const gsize cells = (gsize) step->b * step->dims.input_dim;
  g_autofree guint8 *keep = g_memdup2 (scmm_teach_session_get_keep (session), cells);
  g_autofree float *h = dup_floats (step->encoder->pool[2], (gsize) step->n * step->dims.hidden);
  g_assert_cmpfloat (fabs (scmm_teach_session_get_masked_share (session) - 0.5), <, 0.02);

  ScmmTeachParams p;
  scmm_teach_session_get_params (session, &p);
  const float ratios[] = { 0.1f, 0.3f, 0.75f, 0.0f };
  for (guint i = 0; i < G_N_ELEMENTS (ratios); i++)
    {
      p.mask_ratio = ratios[i];
      g_assert_true (scmm_teach_session_set_params (session, &p, NULL));
      double share = scmm_teach_session_get_masked_share (session);
      g_test_message ("ratio %.2f: masked share %.4f", ratios[i], share);
      g_assert_cmpfloat (fabs (share - ratios[i]), <, 0.02);
      /* the masked rows' inputs are zero exactly where keep says */
      const guint8 *k = scmm_teach_session_get_keep (session);
      const float *masked_in = step->x_in + cells;
      for (gsize c = 0; c < cells; c++)
        if (!k[c])
          g_assert_cmpfloat (masked_in[c], ==, 0.0f);
    }
  /* the originals' embeddings change too (batch statistics over all rows),
   * but going back to the ratio gives back the same masks and h */
  p.mask_ratio = 0.5f;
  g_assert_true (scmm_teach_session_set_params (session, &p, NULL));
  g_assert_true (memcmp (keep, scmm_teach_session_get_keep (session), cells) == 0);
  g_assert_true (same (h, step->encoder->pool[2], (gsize) step->n * step->dims.hidden));

  /* channel masks zero whole channels */
  p.mask_mode = SCMM_MASK_CHANNEL;
  g_assert_true (scmm_teach_session_set_params (session, &p, NULL));
  const guint8 *k = scmm_teach_session_get_keep (session);
  const int F = step->dims.conv[0].in_len;
  for (gsize c = 0; c < cells; c += F)
    for (int f = 1; f < F; f++)
      g_assert_cmpint (k[c + f], ==, k[c]);
}

static void
test_params_keep_model (void)
{
  g_autoptr (ScmmTeachSession) session = demo_session (7, 48);
  const ScmmModel *model = scmm_teach_session_get_model (session);
  const ScmmTensorSet *set = model->model;
  g_autofree float *values = dup_floats (set->values, set->n_values);
  g_autofree float *buffers = dup_floats (set->buffers, set->n_buffer_values);
  ScmmTeachParams p;
  scmm_teach_session_get_params (session, &p);
  for (int i = 0; i < 5; i++)
    {
      p.tau = 0.05f + 0.2f * i;
      p.alpha = 0.2f + 0.15f * i;
      p.mask_ratio = 0.1f * (i + 1);
      p.mask_mode = (ScmmMaskMode) (i % 4);
      g_assert_true (scmm_teach_session_set_params (session, &p, NULL));
    }
  g_assert_true (same (values, set->values, set->n_values));
  g_assert_true (same (buffers, set->buffers, set->n_buffer_values));
  g_assert_cmpint (scmm_teach_session_get_steps_trained (session), ==, 0);
}

static void
test_train_lowers_loss (void)
{
  g_autoptr (ScmmTeachSession) session = demo_session (42, SCMM_TEACH_DEFAULT_BATCH);
  const ScmmPretrainStep *step = scmm_teach_session_get_step (session);
  const ScmmModel *model = scmm_teach_session_get_model (session);
  g_autofree float *values = dup_floats (model->model->values, model->model->n_values);
  double before = step->result.loss, before_r = step->result.loss_r;
  g_autoptr (GError) error = NULL;
  g_assert_true (scmm_teach_session_train (session, 40, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (scmm_teach_session_get_steps_trained (session), ==, 40);
  GArray *history = scmm_teach_session_get_history (session);
  g_assert_cmpuint (history->len, ==, 40);
  const ScmmTeachLosses *first = &g_array_index (history, ScmmTeachLosses, 0);
  const ScmmTeachLosses *last = &g_array_index (history, ScmmTeachLosses, 39);
  g_test_message ("fixed batch: L %.4f -> %.4f, L_R %.5f -> %.5f; training steps: L %.4f -> %.4f",
                  before, step->result.loss, before_r, step->result.loss_r, first->loss,
                  last->loss);
  g_assert_false (same (values, model->model->values, model->model->n_values));
  g_assert_cmpfloat (step->result.loss, <, before);
  g_assert_cmpfloat (step->result.loss_r, <, before_r);
  g_assert_cmpfloat (last->loss, <, first->loss);
}

static void
count_progress (const ScmmTeachLosses *losses, int done, int total, gpointer user_data)
{
  int *calls = user_data;
  g_assert_cmpint (done, ==, *calls + 1);
  g_assert_cmpint (total, ==, 3);
  g_assert_true (isfinite (losses->loss));
  (*calls)++;
}

static void
cancel_after_two (const ScmmTeachLosses *losses, int done, int total, gpointer user_data)
{
  if (done == 2)
    g_cancellable_cancel (user_data);
}

static void
test_progress_and_cancel (void)
{
  g_autoptr (ScmmTeachSession) session = demo_session (42, 16);
  int calls = 0;
  g_assert_true (scmm_teach_session_train (session, 3, NULL, count_progress, &calls, NULL));
  g_assert_cmpint (calls, ==, 3);

  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_assert_false (scmm_teach_session_train (session, 10, cancellable, cancel_after_two,
                                            cancellable, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_CANCELLED, "stopped after 2 of 10");
  g_assert_cmpint (scmm_teach_session_get_steps_trained (session), ==, 5);
  /* the batch is recomputed with the model as it is */
  g_assert_true (isfinite (scmm_teach_session_get_step (session)->result.loss));
}

static void
test_deterministic (void)
{
  g_autoptr (ScmmTeachSession) a = demo_session (3, 24);
  g_autoptr (ScmmTeachSession) b = demo_session (3, 24);
  g_autoptr (ScmmTeachSession) c = demo_session (4, 24);
  const ScmmPretrainStep *sa = scmm_teach_session_get_step (a);
  const ScmmPretrainStep *sb = scmm_teach_session_get_step (b);
  const ScmmPretrainStep *sc = scmm_teach_session_get_step (c);
  g_assert_true (same (sa->S, sb->S, nn (sa)));
  g_assert_false (same (sa->S, sc->S, nn (sa)));
  g_assert_true (scmm_teach_session_train (a, 3, NULL, NULL, NULL, NULL));
  g_assert_true (scmm_teach_session_train (b, 3, NULL, NULL, NULL, NULL));
  g_assert_true (same (sa->S, sb->S, nn (sa)));
  g_assert_true (same (sa->x_hat, sb->x_hat, (gsize) sa->n * sa->dims.input_dim));
}

static void
test_load_model (void)
{
  g_autoptr (ScmmTeachSession) trained = demo_session (42, 20);
  g_assert_true (scmm_teach_session_train (trained, 5, NULL, NULL, NULL, NULL));
  g_autofree char *dir = g_dir_make_tmp ("scmm-teach-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pretrained.h5", NULL);
  g_autoptr (GError) error = NULL;
  g_assert_true (scmm_checkpoint_save (scmm_teach_session_get_model (trained), NULL, path,
                                       &error));
  g_assert_no_error (error);

  g_autoptr (ScmmTeachSession) fresh = demo_session (42, 20);
  const ScmmPretrainStep *st = scmm_teach_session_get_step (trained);
  g_assert_false (same (st->S, scmm_teach_session_get_step (fresh)->S, nn (st)));
  g_assert_true (scmm_teach_session_load_model (fresh, path, &error));
  g_assert_no_error (error);
  g_assert_true (same (st->S, scmm_teach_session_get_step (fresh)->S, nn (st)));
  g_assert_cmpfloat (st->result.loss, ==, scmm_teach_session_get_step (fresh)->result.loss);

  g_assert_false (scmm_teach_session_load_model (fresh, "/nonexistent/pretrained.h5", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_bad_params (void)
{
  g_autoptr (ScmmTeachSession) session = demo_session (42, 16);
  ScmmTeachParams good, p;
  scmm_teach_session_get_params (session, &good);
  const ScmmPretrainStep *step = scmm_teach_session_get_step (session);
  g_autofree float *S = dup_floats (step->S, nn (step));
  g_autofree float *R = dup_floats (step->R, nn (step));
  g_autoptr (GError) error = NULL;

  p = good, p.tau = 0;
  g_assert_false (scmm_teach_session_set_params (session, &p, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "tau");
  p = good, p.sigma = -1;
  g_assert_false (scmm_teach_session_set_params (session, &p, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "sigma");
  p = good, p.alpha = 1.5f;
  g_assert_false (scmm_teach_session_set_params (session, &p, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "alpha");
  p = good, p.mask_ratio = 1.0f;
  g_assert_false (scmm_teach_session_set_params (session, &p, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "mask ratio");
  p = good, p.mask_threshold = NAN;
  g_assert_false (scmm_teach_session_set_params (session, &p, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "mask threshold");
  p = good, p.mask_mode = (ScmmMaskMode) 9;
  g_assert_false (scmm_teach_session_set_params (session, &p, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "mask mode");

  /* nothing changed */
  scmm_teach_session_get_params (session, &p);
  g_assert_true (memcmp (&p, &good, sizeof p) == 0);
  g_assert_true (same (S, step->S, nn (step)));
  g_assert_true (same (R, step->R, nn (step)));

  g_assert_false (scmm_teach_session_train (session, 0, NULL, NULL, NULL, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "steps");

  g_autoptr (ScmmExperiment) e = scmm_experiment_preset ("demo");
  g_assert_null (scmm_teach_session_new (e, 1, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "batch");
  g_assert_null (scmm_teach_session_new (e, 257, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "batch");
}

/* A session on a whole corpus (the Data page's): its batch rows are windows
 * of that corpus, min-max scaled over all of its windows (computed here by
 * hand), and its channels are the corpus'; a corpus that cannot be opened
 * is an error naming it. */
static void
test_on_corpus (void)
{
  g_autoptr (ScmmExperiment) e = scmm_experiment_preset ("demo");   /* its source is demo:seed */
  g_autoptr (GError) error = NULL;
  g_autoptr (ScmmTeachSession) session = scmm_teach_session_new_on_corpus (e, "demo:deap", 32,
                                                                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scmm_teach_session_get_experiment (session)->source.corpus, ==, "demo:deap");

  g_autoptr (ScmmCorpus) corpus = scmm_corpus_open ("demo:deap", &error);
  g_assert_no_error (error);
  const char *const *channels = scmm_teach_session_get_channel_names (session);
  g_assert_cmpuint (g_strv_length ((GStrv) channels), ==, corpus->n_channels);
  for (int c = 0; c < corpus->n_channels; c++)
    g_assert_cmpstr (channels[c], ==, corpus->channel_names[c]);

  /* every window of the corpus, each (channel, band) column scaled to [0, 1] */
  const int per = corpus->n_channels * corpus->n_bands;
  GArray *all = g_array_new (FALSE, FALSE, sizeof (float));
  for (guint i = 0; i < corpus->subjects->len; i++)
    {
      const ScmmSubject *subject = g_ptr_array_index (corpus->subjects, i);
      for (guint j = 0; j < subject->sessions->len; j++)
        {
          const ScmmSession *ses = g_ptr_array_index (subject->sessions, j);
          for (guint k = 0; k < ses->trials->len; k++)
            {
              const ScmmTrial *t = g_ptr_array_index (ses->trials, k);
              g_array_append_vals (all, t->de, (guint) t->windows * per);
            }
        }
    }
  const guint n = all->len / per;
  float *w = (float *) all->data;
  for (int col = 0; col < per; col++)
    {
      float lo = INFINITY, hi = -INFINITY;
      for (guint r = 0; r < n; r++)
        {
          lo = MIN (lo, w[r * per + col]);
          hi = MAX (hi, w[r * per + col]);
        }
      for (guint r = 0; r < n; r++)
        w[r * per + col] = hi > lo ? (w[r * per + col] - lo) / (hi - lo) : 0;
    }
  const float *x = scmm_teach_session_get_batch (session);
  for (int b = 0; b < 32; b++)
    {
      gboolean found = FALSE;
      for (guint r = 0; r < n && !found; r++)
        {
          found = TRUE;
          for (int v = 0; v < per && found; v++)
            found = fabsf (w[r * per + v] - x[b * per + v]) < 1e-5f;
        }
      if (!found)
        g_error ("batch row %d is no window of demo:deap", b);
    }
  g_test_message ("demo:deap: %u windows, %d channels; the 32 rows of the batch are among them",
                  n, corpus->n_channels);
  g_array_unref (all);

  g_assert_null (scmm_teach_session_new_on_corpus (e, "/nonexistent/teach-corpus.h5", 32, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "/nonexistent/teach-corpus.h5"));
}

static void
test_snapshot (void)
{
  g_autoptr (ScmmTeachSession) session = demo_session (42, 16);
  const ScmmPretrainStep *step = scmm_teach_session_get_step (session);
  ScmmSnapshot *snap = scmm_teach_session_make_snapshot (session);
  g_assert_cmpint (snap->b, ==, 16);
  g_assert_cmpint (snap->n, ==, 32);
  g_assert_true (same (snap->S, step->S, nn (step)));
  g_assert_true (memcmp (snap->keep, scmm_teach_session_get_keep (session),
                         (gsize) 16 * step->dims.input_dim) == 0);
  g_assert_true (memcmp (snap->labels, scmm_teach_session_get_labels (session),
                         sizeof (int32_t) * 16) == 0);
  g_assert_cmpfloat (snap->loss_c, ==, step->result.loss_c);
  scmm_snapshot_unref (snap);

  /* the terms of L add up to L; the rows' errors average to L_R */
  double terms[4];
  scmm_teach_session_get_loss_terms (session, terms);
  g_assert_cmpfloat_with_epsilon (terms[0] + terms[1] + terms[2] + terms[3], step->result.loss,
                                  1e-5 * step->result.loss);
  g_autofree double *errors = g_new (double, step->n);
  scmm_teach_session_get_row_errors (session, errors);
  double mean = 0;
  for (int i = 0; i < step->n; i++)
    mean += errors[i] / step->n;
  g_assert_cmpfloat_with_epsilon (mean, step->result.loss_r, 1e-5 * step->result.loss_r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/teach-session/forward-by-hand", test_forward_by_hand);
  g_test_add_func ("/teach-session/tau-and-sigma", test_tau_and_sigma);
  g_test_add_func ("/teach-session/mask-ratio", test_mask_ratio);
  g_test_add_func ("/teach-session/params-keep-model", test_params_keep_model);
  g_test_add_func ("/teach-session/train-lowers-loss", test_train_lowers_loss);
  g_test_add_func ("/teach-session/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/teach-session/deterministic", test_deterministic);
  g_test_add_func ("/teach-session/load-model", test_load_model);
  g_test_add_func ("/teach-session/on-corpus", test_on_corpus);
  g_test_add_func ("/teach-session/bad-params", test_bad_params);
  g_test_add_func ("/teach-session/snapshot", test_snapshot);
  return g_test_run ();
}
