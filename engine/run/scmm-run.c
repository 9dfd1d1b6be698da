/* scmm-run.c: an experiment run and its folder. */
#include "scmm-run.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "scmm-blas.h"
#include "scmm-build-config.h"
#include "scmm-checkpoint.h"
#include "scmm-error.h"
#include "scmm-experiment-data.h"
#include "scmm-h5.h"
#include "scmm-metrics.h"
#include "scmm-run-folder.h"
#include "scmm-trainer.h"
#include "scmm-vcs.h"

typedef struct {
  char                     *dir;
  ScmmExperiment           *experiment;
  ScmmExperimentData       *data;
  ScmmRunCallback           callback;
  gpointer                  user_data;
  ScmmRunControl           *control;
  GString                  *csv;        /* the pre-training CSV of the current method */
  char                     *csv_path;
  char                     *state_path;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->dir);
  scmm_experiment_free (run->experiment);
  scmm_experiment_data_free (run->data);
  if (run->csv != NULL)
    g_string_free (run->csv, TRUE);
  g_free (run->csv_path);
  g_free (run->state_path);
  /* the blocks kept for the next snapshots are not needed after the run */
  scmm_snapshot_pool_trim ();
}

/* ---- files ---- */

static gboolean
write_file (const char *path, const char *contents, GError **error)
{
  g_autoptr (GError) local = NULL;
  /* g_file_set_contents writes a temporary file and renames it */
  if (!g_file_set_contents (path, contents, -1, &local))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_dir (const char *path, GError **error)
{
  if (g_mkdir_with_parents (path, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: cannot create the folder: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static char *
method_dir (const Run *run, ScmmMethod method)
{
  return g_build_filename (run->dir, scmm_method_to_string (method), NULL);
}

static char *
subject_dir (const Run *run, ScmmMethod method, const char *subject)
{
  return scmm_run_subject_dir (run->dir, scmm_method_to_string (method), subject);
}

static void
append_json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s ? s : ""; *p; p++)
    {
      unsigned char c = (unsigned char) *p;
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static gboolean
write_record (const Run *run, const char *status, GError **error)
{
  const ScmmExperiment *e = run->experiment;
  g_autofree char *blas = scmm_blas_describe ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  GString *out = g_string_new ("{\n  \"program\": \"scmm-studio " SCMM_VERSION "\",\n");
  g_string_append (out, "  \"git_revision\": ");
  append_json_string (out, SCMM_VCS_REVISION);
  g_string_append_printf (out, ",\n  \"seed\": %" G_GUINT64_FORMAT ",\n  \"threads\": %d,\n",
                          e->seed, scmm_blas_get_threads ());
  g_string_append (out, "  \"blas\": ");
  append_json_string (out, blas);
  g_string_append (out, ",\n  \"host\": ");
  append_json_string (out, g_get_host_name ());
  g_string_append (out, ",\n  \"source\": {\"corpus\": ");
  append_json_string (out, e->source.corpus);
  g_string_append (out, ", \"name\": ");
  append_json_string (out, run->data ? run->data->source_name : "");
  g_string_append (out, ", \"fingerprint\": ");
  append_json_string (out, run->data ? run->data->source_fingerprint : "");
  g_string_append (out, "},\n  \"target\": {\"corpus\": ");
  append_json_string (out, e->target.corpus);
  g_string_append (out, ", \"name\": ");
  append_json_string (out, run->data ? run->data->target_name : "");
  g_string_append (out, ", \"fingerprint\": ");
  append_json_string (out, run->data ? run->data->target_fingerprint : "");
  g_string_append (out, "},\n  \"notes\": ");
  append_json_string (out, run->data ? run->data->notes->str : "");
  g_string_append (out, ",\n  \"updated\": ");
  append_json_string (out, when);
  g_string_append (out, ",\n  \"status\": ");
  append_json_string (out, status);
  g_string_append (out, "\n}\n");
  g_autofree char *path = g_build_filename (run->dir, "record.json", NULL);
  gboolean ok = write_file (path, out->str, error);
  g_string_free (out, TRUE);
  return ok;
}

/* ---- pre-training state ---- */

typedef struct {
  const ScmmPretrainState *state;
} StateExtra;

static char *
rng_to_hex (const ScmmRng *rng)
{
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x%016"
                          G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
                          rng->s[0], rng->s[1], rng->s[2], rng->s[3]);
}

static gboolean
rng_from_hex (const char *hex, ScmmRng *rng)
{
  if (hex == NULL || strlen (hex) != 64)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      char part[17];
      memcpy (part, hex + 16 * i, 16);
      part[16] = '\0';
      char *end = NULL;
      rng->s[i] = g_ascii_strtoull (part, &end, 16);
      if (end != part + 16)
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_optimiser (ScmmH5 *h5, gconstpointer data, GError **error)
{
  const StateExtra *extra = data;
  const ScmmPretrainState *s = extra->state;
  ScmmShape shape = SCMM_SHAPE1 ((int64_t) s->model->model->n_values);
  g_autofree char *rng = rng_to_hex (&s->rng);
  gboolean ok = scmm_h5_write_f32 (h5, "/optimizer/m", &shape, s->adam->m, error)
                && scmm_h5_write_f32 (h5, "/optimizer/v", &shape, s->adam->v, error)
                && scmm_h5_write_attr_int (h5, "/optimizer", "step", s->adam->t, error)
                && scmm_h5_write_attr_int (h5, "/optimizer", "epochs_done", s->epochs_done, error)
                && scmm_h5_write_attr_string (h5, "/optimizer", "rng", rng, error);
  if (ok && s->subset != NULL)
    {
      ScmmShape sub = SCMM_SHAPE1 (s->subset_n);
      ok = scmm_h5_write_i32 (h5, "/optimizer/subset", &sub, (const gint32 *) s->subset, error);
    }
  return ok;
}

static gboolean
load_state (const char *path, ScmmPretrainState *s, GError **error)
{
  g_autoptr (ScmmModel) model = scmm_checkpoint_load (path, NULL, NULL, error);
  if (model == NULL)
    return FALSE;
  if (model->model->n_values != s->model->model->n_values)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: a model of another shape than this run's", path);
      return FALSE;
    }
  g_autoptr (ScmmH5) h5 = scmm_h5_open (path, error);
  if (h5 == NULL)
    return FALSE;
  ScmmShape shape = SCMM_SHAPE1 ((int64_t) s->model->model->n_values);
  int64_t t, epochs;
  g_autofree char *rng = NULL;
  if (!scmm_h5_read_f32_into (h5, "/optimizer/m", &shape, s->adam->m, error)
      || !scmm_h5_read_f32_into (h5, "/optimizer/v", &shape, s->adam->v, error)
      || !scmm_h5_read_attr_int (h5, "/optimizer", "step", &t, error)
      || !scmm_h5_read_attr_int (h5, "/optimizer", "epochs_done", &epochs, error)
      || (rng = scmm_h5_read_attr_string (h5, "/optimizer", "rng", error)) == NULL)
    return FALSE;
  if (!rng_from_hex (rng, &s->rng))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: the RNG state is damaged", path);
      return FALSE;
    }
  if (s->subset != NULL)
    {
      ScmmShape sub = SCMM_SHAPE1 (s->subset_n);
      g_autofree gint32 *subset = scmm_h5_read_i32 (h5, "/optimizer/subset", &sub, NULL, error);
      if (subset == NULL)
        return FALSE;
      memcpy (s->subset, subset, sizeof (guint32) * s->subset_n);
    }
  scmm_tensor_set_copy_values (s->model->model, model->model);
  s->adam->t = t;
  s->epochs_done = (int) epochs;
  return TRUE;
}

#define PRETRAIN_CSV_HEADER "epoch,loss,loss_c,loss_r,p1,p2,lr,seconds\n"

static void
append_pretrain_row (GString *csv, const ScmmPretrainEpoch *e)
{
  g_string_append_printf (csv, "%d,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.3f\n", e->epoch, e->loss,
                          e->loss_c, e->loss_r, e->p1, e->p2, e->lr, e->seconds);
}

/* After each pre-training epoch: the CSV row, then the state to resume from. */
static gboolean
epoch_done (const ScmmPretrainState *state, const ScmmRunEvent *ev, gpointer data, GError **error)
{
  Run *run = data;
  ScmmPretrainEpoch row = { ev->epoch, ev->loss, ev->loss_c, ev->loss_r, ev->p1, ev->p2, ev->lr,
                            ev->step_seconds };
  append_pretrain_row (run->csv, &row);
  StateExtra extra = { state };
  return write_file (run->csv_path, run->csv->str, error)
         && scmm_checkpoint_save_with (state->model, NULL, write_optimiser, &extra,
                                       run->state_path, error);
}

/* The CSV so far, without rows beyond the state's epochs (a run killed
 * between the two writes). The rows print as they were read: %.9g and %.3f
 * round-trip through a double. */
static GString *
existing_csv (const Run *run, ScmmMethod method, int epochs_done, GError **error)
{
  g_autoptr (GArray) rows = scmm_run_pretrain_read (run->dir, scmm_method_to_string (method),
                                                    error);
  if (rows == NULL)
    return NULL;
  GString *csv = g_string_new (PRETRAIN_CSV_HEADER);
  for (guint i = 0; i < rows->len; i++)
    {
      const ScmmPretrainEpoch *e = &g_array_index (rows, ScmmPretrainEpoch, i);
      if (e->epoch >= 1 && e->epoch <= epochs_done)
        append_pretrain_row (csv, e);
    }
  return csv;
}

static ScmmModel *
pretrain_method (Run *run, ScmmTrainContext *ctx, GError **error)
{
  const ScmmExperiment *e = run->experiment;
  g_autofree char *dir = method_dir (run, ctx->method);
  g_autofree char *final = g_build_filename (dir, "pretrained.h5", NULL);
  if (!make_dir (dir, error))
    return NULL;
  if (g_file_test (final, G_FILE_TEST_EXISTS))
    {
      double steps = scmm_trainer_pretrain_steps (e, run->data->pretrain->n);
      ctx->work_done += steps;
      ctx->work_skipped += steps;
      return scmm_checkpoint_load (final, NULL, NULL, error);
    }
  ScmmPretrainState state;
  scmm_pretrain_state_init (&state, e, run->data, ctx->method_index);
  g_free (run->state_path);
  run->state_path = g_build_filename (dir, "pretrain-state.h5", NULL);
  g_free (run->csv_path);
  run->csv_path = g_build_filename (dir, "pretrain.csv", NULL);
  if (g_file_test (run->state_path, G_FILE_TEST_EXISTS)
      && !load_state (run->state_path, &state, error))
    {
      scmm_pretrain_state_clear (&state);
      return NULL;
    }
  if (run->csv != NULL)
    g_string_free (run->csv, TRUE);
  run->csv = existing_csv (run, ctx->method, state.epochs_done, error);
  if (run->csv == NULL)
    {
      scmm_pretrain_state_clear (&state);
      return NULL;
    }
  double per_epoch = scmm_trainer_pretrain_steps (e, run->data->pretrain->n) / e->pretrain_epochs;
  ctx->work_done += per_epoch * state.epochs_done;
  ctx->work_skipped += per_epoch * state.epochs_done;

  ScmmCheckpointTraining training;
  scmm_method_pretrain_config (e, ctx->method, &training.loss, &training.mask);
  gboolean ok = scmm_trainer_pretrain (ctx, &state, run->data->pretrain, epoch_done, run, error)
                && scmm_checkpoint_save (state.model, &training, final, error);
  ScmmModel *model = ok ? g_steal_pointer (&state.model) : NULL;
  scmm_pretrain_state_clear (&state);
  return model;
}

/* ---- fine-tuning results ---- */

typedef struct {
  double accuracy;
  double f1;
  int    selected_epoch;
  gint64 *confusion;   /* [K, K] */
} SubjectScore;

static gboolean
write_subject (const Run *run, ScmmMethod method, const ScmmTargetSubject *t,
               const ScmmSubjectResult *r, GError **error)
{
  const int k = run->data->n_classes;
  g_autofree char *dir = subject_dir (run, method, t->name);
  if (!make_dir (dir, error))
    return FALSE;
  GString *csv = g_string_new ("epoch,loss,train_accuracy,test_accuracy,test_macro_f1,"
                               "validation_accuracy\n");
  for (guint i = 0; i < r->epochs->len; i++)
    {
      const ScmmFinetuneEpoch *ep = &g_array_index (r->epochs, ScmmFinetuneEpoch, i);
      g_string_append_printf (csv, "%d,%.9g,%.6f,%.6f,%.6f,%.6f\n", ep->epoch, ep->loss,
                              ep->train_accuracy, ep->test_accuracy, ep->test_f1,
                              ep->validation_accuracy);
    }
  g_autofree char *csv_path = g_build_filename (dir, "finetune.csv", NULL);
  g_autofree char *model_path = g_build_filename (dir, "model.h5", NULL);
  g_autofree char *result_path = g_build_filename (dir, "result.ini", NULL);
  gboolean ok = write_file (csv_path, csv->str, error)
                && scmm_checkpoint_save (r->model, NULL, model_path, error);
  g_string_free (csv, TRUE);
  if (!ok)
    return FALSE;
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_key_file_set_string (kf, "result", "subject", t->name);
  g_key_file_set_double (kf, "result", "accuracy", r->accuracy);
  g_key_file_set_double (kf, "result", "macro_f1", r->f1);
  g_key_file_set_integer (kf, "result", "selected_epoch", r->selected_epoch);
  g_key_file_set_integer (kf, "result", "test_windows", t->test->n);
  g_key_file_set_string_list (kf, "result", "classes",
                              (const char *const *) run->data->class_names, k);
  g_autofree gint *confusion = g_new (gint, k * k);
  for (int i = 0; i < k * k; i++)
    confusion[i] = (gint) r->confusion->counts[i];
  g_key_file_set_integer_list (kf, "result", "confusion", confusion, k * k);
  g_autofree char *text = g_key_file_to_data (kf, NULL, NULL);
  return write_file (result_path, text, error);   /* last: its presence means "done" */
}

/* The subject's result.ini, when it is done (the engine's own reader of it). */
static gboolean
read_subject (const Run *run, ScmmMethod method, const char *subject, SubjectScore *score,
              gboolean *found, GError **error)
{
  const int k = run->data->n_classes;
  g_autofree char *dir = subject_dir (run, method, subject);
  g_autofree char *path = g_build_filename (dir, "result.ini", NULL);
  *found = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!*found)
    return TRUE;
  g_autoptr (ScmmRunSubject) result = scmm_run_result_read (path, error);
  if (result == NULL)
    return FALSE;
  if (result->confusion->classes != k)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: damaged (the confusion matrix has the wrong size)", path);
      return FALSE;
    }
  score->accuracy = result->accuracy;
  score->f1 = result->macro_f1;
  score->selected_epoch = result->selected_epoch;
  score->confusion = g_memdup2 (result->confusion->counts, sizeof (gint64) * k * k);
  return TRUE;
}

/* ---- the results table ---- */

static void
append_confusion_csv (GString *out, GStrv classes, const gint64 *counts, int k)
{
  g_string_append (out, "true\\predicted");
  for (int j = 0; j < k; j++)
    g_string_append_printf (out, ",%s", classes[j]);
  g_string_append_c (out, '\n');
  for (int i = 0; i < k; i++)
    {
      g_string_append (out, classes[i]);
      for (int j = 0; j < k; j++)
        g_string_append_printf (out, ",%" G_GINT64_FORMAT, counts[i * k + j]);
      g_string_append_c (out, '\n');
    }
}

static gboolean
write_results (const Run *run, GError **error)
{
  const ScmmExperiment *e = run->experiment;
  const ScmmExperimentData *d = run->data;
  const int k = d->n_classes, subjects = (int) d->targets->len;
  GString *csv = g_string_new ("method,subject,accuracy,macro_f1,selected_epoch\n");
  GString *md = g_string_new (NULL);
  g_string_append_printf (md, "# %s\n\n%s (%s) -> %s (%s), %s, %d target subjects, "
                          "model selection: %s.\n\n",
                          e->name ? e->name : "Experiment", d->source_name, e->source.corpus,
                          d->target_name, e->target.corpus ? e->target.corpus : e->source.corpus,
                          scmm_protocol_to_string (e->protocol), subjects,
                          e->model_selection == SCMM_SELECT_LAST ? "last epoch"
                          : e->model_selection == SCMM_SELECT_VALIDATION ? "best on validation"
                          : "best test epoch (optimistic, as released)");
  g_string_append (md, "| method | accuracy (%) | macro-F1 (%) | subjects |\n|---|---|---|---|\n");
  GString *per_subject = g_string_new ("\n## Per subject (accuracy / macro-F1, %)\n\n| method |");
  for (int s = 0; s < subjects; s++)
    g_string_append_printf (per_subject, " %s |",
                            ((ScmmTargetSubject *) g_ptr_array_index (d->targets, s))->name);
  g_string_append (per_subject, "\n|---|");
  for (int s = 0; s < subjects; s++)
    g_string_append (per_subject, "---|");
  g_string_append_c (per_subject, '\n');
  GString *confusions = g_string_new ("\n## Confusion matrices, summed over subjects\n");

  for (int m = 0; m < e->n_methods; m++)
    {
      ScmmMethod method = e->methods[m];
      const char *name = scmm_method_to_string (method);
      g_autofree double *acc = g_new0 (double, subjects);
      g_autofree double *f1 = g_new0 (double, subjects);
      g_autofree gint64 *summed = g_new0 (gint64, k * k);
      int done = 0;
      g_string_append_printf (per_subject, "| %s |", name);
      for (int s = 0; s < subjects; s++)
        {
          const ScmmTargetSubject *t = g_ptr_array_index (d->targets, s);
          SubjectScore score = { 0 };
          gboolean found;
          if (!read_subject (run, method, t->name, &score, &found, error))
            return FALSE;
          if (!found)
            {
              g_string_append (per_subject, " - |");
              continue;
            }
          acc[done] = score.accuracy;
          f1[done] = score.f1;
          done++;
          for (int i = 0; i < k * k; i++)
            summed[i] += score.confusion[i];
          g_string_append_printf (csv, "%s,%s,%.6f,%.6f,%d\n", name, t->name, score.accuracy,
                                  score.f1, score.selected_epoch);
          g_string_append_printf (per_subject, " %.2f / %.2f |", 100 * score.accuracy,
                                  100 * score.f1);
          g_free (score.confusion);
        }
      g_string_append_c (per_subject, '\n');
      double am, as, fm, fs;
      scmm_mean_std (acc, done, &am, &as);
      scmm_mean_std (f1, done, &fm, &fs);
      g_string_append_printf (csv, "%s,mean,%.6f,%.6f,\n%s,std,%.6f,%.6f,\n", name, am, fm, name,
                              as, fs);
      g_string_append_printf (md, "| %s | %.2f ± %.2f | %.2f ± %.2f | %d of %d |\n", name,
                              100 * am, 100 * as, 100 * fm, 100 * fs, done, subjects);
      GString *c = g_string_new (NULL);
      append_confusion_csv (c, d->class_names, summed, k);
      g_autofree char *mdir = method_dir (run, method);
      g_autofree char *cpath = g_build_filename (mdir, "confusion.csv", NULL);
      gboolean ok = done == 0 || (make_dir (mdir, error) && write_file (cpath, c->str, error));
      g_string_append_printf (confusions, "\n%s (rows: true class, columns: predicted)\n\n```\n%s```\n",
                              name, c->str);
      g_string_free (c, TRUE);
      if (!ok)
        return FALSE;
    }
  g_string_append (md, "\nMean ± standard deviation (population) over the target subjects.\n");
  g_string_append (md, per_subject->str);
  g_string_append (md, confusions->str);
  g_autofree char *csv_path = g_build_filename (run->dir, "results.csv", NULL);
  g_autofree char *md_path = g_build_filename (run->dir, "results.md", NULL);
  gboolean ok = write_file (csv_path, csv->str, error) && write_file (md_path, md->str, error);
  g_string_free (csv, TRUE);
  g_string_free (md, TRUE);
  g_string_free (per_subject, TRUE);
  g_string_free (confusions, TRUE);
  return ok;
}

/* ---- the run ---- */

static double
total_work (const Run *run)
{
  const ScmmExperiment *e = run->experiment;
  double pre = run->data->pretrain ? scmm_trainer_pretrain_steps (e, run->data->pretrain->n) : 0;
  double fine = 0;
  for (guint s = 0; s < run->data->targets->len; s++)
    fine += scmm_trainer_finetune_steps (e, ((ScmmTargetSubject *) g_ptr_array_index (run->data->targets, s))->finetune->n);
  double total = 0;
  for (int m = 0; m < e->n_methods; m++)
    total += (e->methods[m] == SCMM_METHOD_SUPERVISED ? 0 : pre) + fine;
  return total;
}

static gboolean
run_methods (Run *run, GError **error)
{
  const ScmmExperiment *e = run->experiment;
  ScmmTrainContext ctx = {
    .experiment = e, .methods = e->n_methods, .callback = run->callback,
    .user_data = run->user_data, .control = run->control,
    .work_total = total_work (run), .started_us = g_get_monotonic_time (),
  };
  for (int m = 0; m < e->n_methods; m++)
    {
      ctx.method = e->methods[m];
      ctx.method_index = m;
      g_autoptr (ScmmModel) pretrained = NULL;
      if (ctx.method != SCMM_METHOD_SUPERVISED && e->pretrain_epochs > 0)
        {
          pretrained = pretrain_method (run, &ctx, error);
          if (pretrained == NULL)
            return FALSE;
        }
      for (guint s = 0; s < run->data->targets->len; s++)
        {
          const ScmmTargetSubject *t = g_ptr_array_index (run->data->targets, s);
          SubjectScore score = { 0 };
          gboolean found;
          if (!read_subject (run, ctx.method, t->name, &score, &found, error))
            return FALSE;
          g_free (score.confusion);
          if (found)
            {
              double steps = scmm_trainer_finetune_steps (e, t->finetune->n);
              ctx.work_done += steps;
              ctx.work_skipped += steps;
              continue;
            }
          ScmmSubjectResult result;
          gboolean ok = scmm_trainer_finetune (&ctx, pretrained, t, (int) s,
                                               (int) run->data->targets->len,
                                               run->data->n_classes, &result, error)
                        && write_subject (run, ctx.method, t, &result, error);
          scmm_subject_result_clear (&result);
          if (!ok)
            return FALSE;
        }
      if (!write_results (run, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
prepare_and_run (Run *run, GError **error)
{
  scmm_blas_set_threads (run->experiment->threads);
  if (run->callback != NULL)
    {
      ScmmRunEvent ev = { .kind = SCMM_RUN_EVENT_STAGE, .stage = SCMM_RUN_STAGE_PREPARE };
      run->callback (&ev, run->user_data);
    }
  run->data = scmm_experiment_data_build (run->experiment, error);
  if (run->data == NULL || !write_record (run, "running", error))
    return FALSE;
  g_autoptr (GError) local = NULL;
  gboolean ok = run_methods (run, &local);
  const char *status = ok ? "finished"
                       : g_error_matches (local, SCMM_ERROR, SCMM_ERROR_CANCELLED) ? "stopped"
                       : "failed";
  /* "stopped" says it all; a failure says why */
  g_autofree char *message = g_str_equal (status, "failed")
                               ? g_strdup_printf ("%s: %s", status, local->message)
                               : g_strdup (status);
  write_record (run, message, NULL);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (run->callback != NULL)
    {
      ScmmRunEvent ev = { .kind = SCMM_RUN_EVENT_STAGE, .stage = SCMM_RUN_STAGE_DONE,
                          .fraction_done = 1.0 };
      run->callback (&ev, run->user_data);
    }
  return TRUE;
}

static gboolean
dir_is_empty_or_absent (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return !g_file_test (dir, G_FILE_TEST_EXISTS);
  gboolean empty = g_dir_read_name (d) == NULL;
  g_dir_close (d);
  return empty;
}

gboolean
scmm_run_experiment (const ScmmExperiment *experiment, const char *dir, ScmmRunCallback callback,
                     gpointer user_data, ScmmRunControl *control, GError **error)
{
  if (!dir_is_empty_or_absent (dir))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "%s: the folder is not empty; give a new folder, or continue the run in it "
                   "with --resume", dir);
      return FALSE;
    }
  if (!make_dir (dir, error))
    return FALSE;
  /* The config as used, with the corpora's paths made absolute: a resumed run
   * reads it from the run folder, wherever it is started from. */
  g_autofree char *data = scmm_experiment_to_data (experiment);
  g_autoptr (ScmmExperiment) used = scmm_experiment_load_data (data, "the experiment", error);
  if (used == NULL)
    return FALSE;
  char **corpora[] = { &used->source.corpus, &used->target.corpus };
  for (guint i = 0; i < G_N_ELEMENTS (corpora); i++)
    if (*corpora[i] != NULL && (*corpora[i])[0] != '\0' && !g_str_has_prefix (*corpora[i], "demo:"))
      {
        char *absolute = g_canonicalize_filename (*corpora[i], NULL);
        g_free (*corpora[i]);
        *corpora[i] = absolute;
      }
  g_autofree char *config = g_build_filename (dir, "config.ini", NULL);
  if (!scmm_experiment_save (used, config, error))
    return FALSE;
  Run run = { .dir = g_strdup (dir), .callback = callback, .user_data = user_data,
              .control = control };
  /* the run uses the config as written, so a resumed run is the same run */
  run.experiment = scmm_experiment_load (config, error);
  gboolean ok = run.experiment != NULL && prepare_and_run (&run, error);
  run_clear (&run);
  return ok;
}

gboolean
scmm_run_resume (const char *dir, ScmmRunCallback callback, gpointer user_data,
                 ScmmRunControl *control, GError **error)
{
  g_autofree char *config = g_build_filename (dir, "config.ini", NULL);
  if (!g_file_test (config, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO,
                   "%s: not a run folder (it has no config.ini)", dir);
      return FALSE;
    }
  Run run = { .dir = g_strdup (dir), .callback = callback, .user_data = user_data,
              .control = control };
  run.experiment = scmm_experiment_load (config, error);
  gboolean ok = run.experiment != NULL && prepare_and_run (&run, error);
  run_clear (&run);
  return ok;
}

char *
scmm_run_results_markdown (const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "results.md", NULL);
  char *text = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &text, NULL, &local))
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: %s", path, local->message);
  return text;
}
