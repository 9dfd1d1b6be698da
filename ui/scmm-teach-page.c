/* scmm-teach-page.c: the Teach page: one SCMM step, stage by stage
 *
 * The page owns a ScmmTeachSession (a real batch and model) on the main
 * thread, except while it trains: then a GTask's worker owns it and hands it
 * back when done, and the page only shows the progress it is sent. Every
 * setting recomputes the batch at once and every view is redrawn from a
 * fresh snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <glib/gi18n.h>

#include "scmm-blas.h"
#include "scmm-error.h"
#include "scmm-figure-view.h"
#include "scmm-masks-view.h"
#include "scmm-reconstruction-view.h"
#include "scmm-resources.h"
#include "scmm-settings.h"
#include "scmm-similarity-view.h"
#include "scmm-teach-page.h"
#include "scmm-teach-stages.h"

struct _ScmmTeachPage
{
  GtkWidget parent_instance;

  /* Template children */
  GtkWidget         *main_box;
  GtkDropDown       *corpus_dropdown;
  GtkDropDown       *mode_dropdown;
  GtkSpinButton     *ratio_spin;
  GtkSpinButton     *threshold_spin;
  GtkSpinButton     *alpha_spin;
  GtkSpinButton     *sigma_spin;
  GtkSpinButton     *tau_spin;
  GtkSpinButton     *steps_spin;
  GtkProgressBar    *progress_bar;
  GtkToggleButton   *play_button;
  GtkBox            *diagram_box;
  GtkLabel          *title_label;
  GtkLabel          *formula_label;
  GtkLabel          *explanation_label;
  GtkLabel          *numbers_label;
  GtkLabel          *status_label;
  GtkBox            *curve_box;
  GtkStack          *view_stack;

  /* Built in code */
  ScmmPipelineDiagram    *diagram;
  ScmmMasksView          *masks_view;
  ScmmSimilarityView     *similarity_view;
  ScmmReconstructionView *reconstruction_view;
  ScmmFigure             *figures[5];       /* FIGURE_* */
  ScmmFigureView         *figure_views[5];
  ScmmFigure             *curve;
  ScmmFigureView         *curve_view;

  ScmmTeachSession *session;       /* NULL while loading or training */
  ScmmTeachStage    stage;
  int               sample;
  int               batch;         /* b of the session shown */
  gboolean          updating;      /* the controls are being set from the session */
  gboolean          loading;       /* a new session is being prepared; the old one stays shown */
  char             *loading_corpus; /* the corpus of the session being prepared */
  guint             corpus_choice; /* the corpus drop-down's item of the session shown */
  gboolean          training;
  gboolean          disposed;
  gboolean          compact;       /* a small window: smaller text (SCMM_TEACH_COMPACT_WIDTH) */
  guint             compact_id;    /* the idle that applies a change of `compact` */
  GtkEventController *root_keys;   /* on the window: Page Down / Up from outside the page */
  GCancellable     *cancellable;   /* of the training */
  GtkNativeDialog  *chooser;       /* the model's file chooser, while open */
  guint             play_id;
  guint             play_ms;
  char             *numbers_text;
  ScmmTeachExperimentFunc experiment_func;
  gpointer          experiment_data;
  ScmmTeachCorpusFunc corpus_func;
  gpointer          corpus_data;
};

G_DEFINE_FINAL_TYPE (ScmmTeachPage, scmm_teach_page, GTK_TYPE_WIDGET)

enum {
  FIGURE_INPUT,
  FIGURE_H,
  FIGURE_Z,
  FIGURE_ERRORS,
  FIGURE_TERMS,
  N_FIGURES
};

static const char *const figure_names[N_FIGURES] = { "input", "h", "z", "errors", "terms" };

enum {
  PROP_0,
  PROP_STAGE,
  PROP_SAMPLE,
  PROP_TRAINING,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
scmm_teach_page_new (void)
{
  return g_object_new (SCMM_TYPE_TEACH_PAGE, NULL);
}

/* ---- the views ---- */

static const char *
stage_view_name (ScmmTeachStage stage)
{
  switch (stage)
    {
    case SCMM_TEACH_STAGE_INPUT: return "input";
    case SCMM_TEACH_STAGE_MASKING: return "masks";
    case SCMM_TEACH_STAGE_ENCODER: return "h";
    case SCMM_TEACH_STAGE_PROJECTOR: return "z";
    case SCMM_TEACH_STAGE_SIMILARITY:
    case SCMM_TEACH_STAGE_CONTRASTIVE:
    case SCMM_TEACH_STAGE_AGGREGATOR: return "similarity";
    case SCMM_TEACH_STAGE_DECODER: return "reconstruction";
    case SCMM_TEACH_STAGE_RECONSTRUCTION_LOSS: return "errors";
    case SCMM_TEACH_STAGE_TOTAL_LOSS: return "terms";
    case SCMM_TEACH_N_STAGES:
    default: return "input";
    }
}

static void
update_figure_input (ScmmTeachPage *self, const ScmmPretrainStep *step)
{
  ScmmFigure *f = self->figures[FIGURE_INPUT];
  scmm_figure_set_heatmap (f, scmm_teach_session_get_batch (self->session), step->b,
                           step->dims.input_dim, SCMM_COLORMAP_VIRIDIS, 0, 1, _("DE, scaled"));
  scmm_figure_set_heatmap_selected_row (f, self->sample);
}

static void
update_figure_rows (ScmmFigure *f, const float *values, int n, int b, int cols,
                    ScmmColormap colormap, gboolean symmetric, const char *label)
{
  double lo = NAN, hi = NAN;
  if (symmetric)
    {
      float m = 0;
      for (gsize i = 0; i < (gsize) n * cols; i++)
        m = MAX (m, fabsf (values[i]));
      lo = -m;
      hi = m;
    }
  scmm_figure_set_heatmap (f, values, n, cols, colormap, lo, hi, label);
  scmm_figure_clear_heatmap_rects (f);
  scmm_figure_add_heatmap_rect (f, 0, 0, b, cols, _("originals"));
  scmm_figure_add_heatmap_rect (f, b, 0, n - b, cols, _("masked copies"));
}

static void
update_figure_errors (ScmmTeachPage *self, const ScmmPretrainStep *step)
{
  g_autofree double *errors = g_new (double, step->n);
  scmm_teach_session_get_row_errors (self->session, errors);
  scmm_figure_set_bars (self->figures[FIGURE_ERRORS], errors, step->n, NULL);
  int highlight[2] = { self->sample, self->sample + step->b };
  scmm_figure_set_bar_highlight (self->figures[FIGURE_ERRORS], highlight, 2);
}

static void
update_figure_terms (ScmmTeachPage *self)
{
  double terms[4];
  const char *labels[] = { "L_C / (2p₁²)", "ln(1 + p₁²)", "L_R / (2p₂²)", "ln(1 + p₂²)", NULL };
  scmm_teach_session_get_loss_terms (self->session, terms);
  scmm_figure_set_bars (self->figures[FIGURE_TERMS], terms, 4, labels);
}

static void
update_curve (ScmmTeachPage *self)
{
  GArray *history = scmm_teach_session_get_history (self->session);
  const guint n = history->len;
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *l = g_new (double, MAX (n, 1));
  g_autofree double *lc = g_new (double, MAX (n, 1));
  g_autofree double *lr = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const ScmmTeachLosses *h = &g_array_index (history, ScmmTeachLosses, i);
      x[i] = h->step;
      l[i] = h->loss;
      lc[i] = h->loss_c;
      lr[i] = h->loss_r;
    }
  scmm_figure_clear_lines (self->curve);
  scmm_figure_set_title (self->curve, n > 0 ? _("Training steps: the batches' losses")
                                            : _("No training steps yet: press T"));
  scmm_figure_add_line (self->curve, "L", x, l, (int) n);
  scmm_figure_add_line (self->curve, "L_C", x, lc, (int) n);
  scmm_figure_add_line (self->curve, "L_R", x, lr, (int) n);
  scmm_figure_view_update (self->curve_view);
}

static void
update_diagram (ScmmTeachPage *self, const ScmmPretrainStep *step, const ScmmTeachParams *p)
{
  const int b = step->b, n = step->n, C = step->dims.conv[0].in_ch, F = step->dims.conv[0].in_len;
  static const char *const modes[] = { "hybrid", "random", "channel", "parallel" };
  struct { ScmmTeachStage stage; char *detail; } boxes[] = {
    { SCMM_TEACH_STAGE_INPUT, g_strdup_printf (_("x: %d × %d × %d"), b, C, F) },
    { SCMM_TEACH_STAGE_MASKING, g_strdup_printf (_("X<sub>in</sub>: %d × %d × %d\n%s, r %.2f"),
                                                 n, C, F, modes[p->mask_mode],
                                                 (double) p->mask_ratio) },
    { SCMM_TEACH_STAGE_ENCODER, g_strdup_printf (_("h: %d × %d"), n, step->dims.hidden) },
    { SCMM_TEACH_STAGE_PROJECTOR, g_strdup_printf (_("z: %d × %d"), n, step->dims.proj_out) },
    { SCMM_TEACH_STAGE_SIMILARITY, g_strdup_printf (_("S: %d × %d"), n, n) },
    { SCMM_TEACH_STAGE_CONTRASTIVE, g_strdup_printf (_("W: %d × %d\nL<sub>C</sub> = %.3f"), n, n,
                                                     step->result.loss_c) },
    { SCMM_TEACH_STAGE_AGGREGATOR, g_strdup_printf (_("R: %d × %d, τ %.2f"), n, n,
                                                    (double) p->tau) },
    { SCMM_TEACH_STAGE_DECODER, g_strdup_printf (_("x̂: %d × %d × %d"), n, C, F) },
    { SCMM_TEACH_STAGE_RECONSTRUCTION_LOSS, g_strdup_printf (_("L<sub>R</sub> = %.4f"),
                                                             step->result.loss_r) },
    { SCMM_TEACH_STAGE_TOTAL_LOSS, g_strdup_printf (_("L = %.3f"), step->result.loss) },
  };
  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      scmm_pipeline_diagram_set_box_text (self->diagram, boxes[i].stage, NULL, boxes[i].detail);
      g_free (boxes[i].detail);
    }
}

static void
update_numbers (ScmmTeachPage *self, const ScmmPretrainStep *step)
{
  double p1, p2;
  scmm_teach_session_get_loss_weights (self->session, &p1, &p2);
  const ScmmExperiment *e = scmm_teach_session_get_experiment (self->session);
  g_autofree char *corpus = g_markup_escape_text (e->source.corpus, -1);
  g_autofree char *markup = g_strdup_printf (
    _("<span size='%s'>L<sub>C</sub> = <b>%.4f</b>    L<sub>R</sub> = <b>%.4f</b>    "
      "L = <b>%.4f</b>\np<sub>1</sub> = %.3f    p<sub>2</sub> = %.3f    masked %.1f %%\n"
      "%d steps trained    batch of %d windows of %s</span>"),
    self->compact ? "medium" : "large", step->result.loss_c, step->result.loss_r,
    step->result.loss, p1, p2,
    100 * scmm_teach_session_get_masked_share (self->session),
    scmm_teach_session_get_steps_trained (self->session), step->b, corpus);
  gtk_label_set_markup (self->numbers_label, markup);
  g_free (self->numbers_text);
  self->numbers_text = g_strdup (gtk_label_get_text (self->numbers_label));
}

static void
sync_controls (ScmmTeachPage *self)
{
  ScmmTeachParams p;
  scmm_teach_session_get_params (self->session, &p);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->mode_dropdown, p.mask_mode);
  gtk_spin_button_set_value (self->ratio_spin, p.mask_ratio);
  gtk_spin_button_set_value (self->threshold_spin, p.mask_threshold);
  gtk_spin_button_set_value (self->alpha_spin, p.alpha);
  gtk_spin_button_set_value (self->sigma_spin, p.sigma);
  gtk_spin_button_set_value (self->tau_spin, p.tau);
  self->updating = FALSE;
}

static void
update_stage_text (ScmmTeachPage *self)
{
  ScmmReconTarget target = SCMM_RECON_OWN_INPUT;
  ScmmMaskMode mode = SCMM_MASK_HYBRID;
  if (self->session != NULL)
    {
      ScmmTeachParams p;
      scmm_teach_session_get_params (self->session, &p);
      target = scmm_teach_session_get_experiment (self->session)->loss.recon_target;
      mode = p.mask_mode;
    }
  ScmmTeachStageText t = scmm_teach_stage_text (self->stage, mode, target);
  /* projector sizes; one step smaller in a small window */
  g_autofree char *title = g_strdup_printf ("<span size='%s' weight='bold'>%s</span>",
                                            self->compact ? "x-large" : "xx-large", t.title);
  g_autofree char *formula = g_strdup_printf ("<span size='%s'>%s</span>",
                                              self->compact ? "large" : "x-large", t.formula);
  g_autofree char *explanation = g_markup_printf_escaped ("<span size='%s'>%s</span>",
                                                         self->compact ? "medium" : "large",
                                                         t.explanation);
  gtk_label_set_markup (self->title_label, title);
  gtk_label_set_markup (self->formula_label, formula);
  gtk_label_set_markup (self->explanation_label, explanation);
}

static void
update_actions (ScmmTeachPage *self)
{
  gboolean ready = self->session != NULL && !self->training && !self->loading;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teach.train", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teach.reset", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teach.load-model", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teach.stop", self->training);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_dropdown), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ratio_spin), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_spin), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->alpha_spin), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sigma_spin), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tau_spin), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->corpus_dropdown), ready || (!self->loading
                                                                          && !self->training));
}

static void
show_status (ScmmTeachPage *self, const char *message)
{
  gtk_label_set_text (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

/* Everything shown again from the session. */
static void
refresh (ScmmTeachPage *self)
{
  if (self->session == NULL)
    return;
  const ScmmPretrainStep *step = scmm_teach_session_get_step (self->session);
  ScmmTeachParams p;
  scmm_teach_session_get_params (self->session, &p);
  self->batch = step->b;
  self->sample = CLAMP (self->sample, 0, step->b - 1);

  ScmmSnapshot *snapshot = scmm_teach_session_make_snapshot (self->session);
  ScmmMaskConfig mask = { p.mask_mode, p.mask_ratio, p.mask_threshold, step->views };
  scmm_masks_view_set_mask_config (self->masks_view, &mask);
  scmm_masks_view_set_snapshot (self->masks_view, snapshot);
  scmm_similarity_view_set_snapshot (self->similarity_view, snapshot);
  scmm_reconstruction_view_set_snapshot (self->reconstruction_view, snapshot);
  scmm_snapshot_unref (snapshot);

  update_figure_input (self, step);
  update_figure_rows (self->figures[FIGURE_H], step->encoder->pool[2], step->n, step->b,
                      step->dims.hidden, SCMM_COLORMAP_VIRIDIS, FALSE, "h");
  update_figure_rows (self->figures[FIGURE_Z], step->projector->z, step->n, step->b,
                      step->dims.proj_out, SCMM_COLORMAP_DIVERGING, TRUE, "z");
  scmm_figure_set_heatmap_selected_row (self->figures[FIGURE_H], self->sample);
  scmm_figure_set_heatmap_selected_row (self->figures[FIGURE_Z], self->sample);
  update_figure_errors (self, step);
  update_figure_terms (self);
  for (int i = 0; i < N_FIGURES; i++)
    scmm_figure_view_update (self->figure_views[i]);
  update_curve (self);
  update_diagram (self, step, &p);
  update_numbers (self, step);
  update_stage_text (self);
  sync_controls (self);
}

/* ---- stages and samples ---- */

void
scmm_teach_page_set_stage (ScmmTeachPage  *self,
                           ScmmTeachStage  stage)
{
  g_return_if_fail (SCMM_IS_TEACH_PAGE (self));
  g_return_if_fail (stage < SCMM_TEACH_N_STAGES);

  self->stage = stage;
  scmm_pipeline_diagram_set_stage (self->diagram, stage);
  gtk_stack_set_visible_child_name (self->view_stack, stage_view_name (stage));
  if (stage == SCMM_TEACH_STAGE_SIMILARITY)
    scmm_similarity_view_set_matrix (self->similarity_view, SCMM_SIMILARITY_S);
  else if (stage == SCMM_TEACH_STAGE_CONTRASTIVE)
    scmm_similarity_view_set_matrix (self->similarity_view, SCMM_SIMILARITY_W);
  else if (stage == SCMM_TEACH_STAGE_AGGREGATOR)
    scmm_similarity_view_set_matrix (self->similarity_view, SCMM_SIMILARITY_R);
  update_stage_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

ScmmTeachStage
scmm_teach_page_get_stage (ScmmTeachPage *self)
{
  g_return_val_if_fail (SCMM_IS_TEACH_PAGE (self), SCMM_TEACH_STAGE_INPUT);
  return self->stage;
}

void
scmm_teach_page_set_sample (ScmmTeachPage *self,
                            int            sample)
{
  g_return_if_fail (SCMM_IS_TEACH_PAGE (self));

  sample = CLAMP (sample, 0, MAX (self->batch - 1, 0));
  if (sample == self->sample)
    return;
  self->sample = sample;
  scmm_masks_view_set_sample (self->masks_view, sample);
  scmm_reconstruction_view_set_sample (self->reconstruction_view, sample);
  if (self->batch > 0 && scmm_similarity_view_get_row (self->similarity_view) % self->batch != sample)
    scmm_similarity_view_set_row (self->similarity_view, sample);
  scmm_figure_set_heatmap_selected_row (self->figures[FIGURE_INPUT], sample);
  scmm_figure_set_heatmap_selected_row (self->figures[FIGURE_H], sample);
  scmm_figure_set_heatmap_selected_row (self->figures[FIGURE_Z], sample);
  int highlight[2] = { sample, sample + self->batch };
  scmm_figure_set_bar_highlight (self->figures[FIGURE_ERRORS], highlight, 2);
  for (int i = 0; i < N_FIGURES; i++)
    scmm_figure_view_update (self->figure_views[i]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE]);
}

int
scmm_teach_page_get_sample (ScmmTeachPage *self)
{
  g_return_val_if_fail (SCMM_IS_TEACH_PAGE (self), 0);
  return self->sample;
}

static void
on_view_selected (ScmmTeachPage *self,
                  GParamSpec    *pspec,
                  GObject       *view)
{
  int selected = scmm_snapshot_view_get_selected (SCMM_SNAPSHOT_VIEW (view));
  if (self->batch > 0)
    scmm_teach_page_set_sample (self, selected % self->batch);
}

static void
on_cell_activated (ScmmTeachPage  *self,
                   int             row,
                   int             col,
                   ScmmFigureView *view)
{
  int index = row >= 0 ? row : col;
  if (self->batch > 0 && index >= 0)
    scmm_teach_page_set_sample (self, index % self->batch);
}

static void
on_stage_activated (ScmmTeachPage *self,
                    int            stage)
{
  scmm_teach_page_set_stage (self, stage);
}

/* ---- settings ---- */

static void
on_param_changed (ScmmTeachPage *self)
{
  if (self->updating || self->session == NULL || self->loading)
    return;
  ScmmTeachParams p;
  scmm_teach_session_get_params (self->session, &p);
  p.mask_mode = (ScmmMaskMode) gtk_drop_down_get_selected (self->mode_dropdown);
  p.mask_ratio = (float) gtk_spin_button_get_value (self->ratio_spin);
  p.mask_threshold = (float) gtk_spin_button_get_value (self->threshold_spin);
  p.alpha = (float) gtk_spin_button_get_value (self->alpha_spin);
  p.sigma = (float) gtk_spin_button_get_value (self->sigma_spin);
  p.tau = (float) gtk_spin_button_get_value (self->tau_spin);
  g_autoptr (GError) error = NULL;
  if (!scmm_teach_session_set_params (self->session, &p, &error))
    {
      show_status (self, error->message);
      sync_controls (self);
      return;
    }
  show_status (self, NULL);
  refresh (self);
}

/* ---- loading a session ---- */

/* What the loading worker reads: its own copies. */
typedef struct {
  char *experiment;   /* as text */
  char *corpus;       /* a whole corpus instead of the experiment's source, or NULL */
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;
  g_free (load->experiment);
  g_free (load->corpus);
  g_free (load);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  GError *error = NULL;
  g_autoptr (ScmmExperiment) experiment = scmm_experiment_load_data (load->experiment,
                                                                     "the experiment", &error);
  ScmmTeachSession *session = NULL;
  if (experiment != NULL && load->corpus != NULL)
    session = scmm_teach_session_new_on_corpus (experiment, load->corpus,
                                                SCMM_TEACH_DEFAULT_BATCH, &error);
  else if (experiment != NULL)
    session = scmm_teach_session_new (experiment, SCMM_TEACH_DEFAULT_BATCH, &error);
  if (session == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, session, (GDestroyNotify) scmm_teach_session_free);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (source);
  g_autoptr (GError) error = NULL;
  ScmmTeachSession *session = g_task_propagate_pointer (G_TASK (result), &error);

  self->loading = FALSE;
  if (self->disposed)   /* the window closed meanwhile */
    {
      scmm_teach_session_free (session);
      return;
    }
  if (session == NULL)
    {
      /* the batch shown before stays, and so does its corpus' choice */
      g_autofree char *message = g_strdup_printf (_("Could not prepare a batch of %s: %s"),
                                                  self->loading_corpus, error->message);
      show_status (self, message);
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->corpus_dropdown, self->corpus_choice);
      self->updating = FALSE;
      gtk_progress_bar_set_text (self->progress_bar, NULL);
      update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
      return;
    }
  g_clear_pointer (&self->session, scmm_teach_session_free);
  self->session = session;
  self->corpus_choice = gtk_drop_down_get_selected (self->corpus_dropdown);
  show_status (self, NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("0 steps trained"));
  refresh (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
load (ScmmTeachPage *self, const ScmmExperiment *experiment, const char *corpus)
{
  if (self->training || self->loading)
    return;
  self->loading = TRUE;
  g_free (self->loading_corpus);
  self->loading_corpus = g_strdup (corpus != NULL ? corpus : experiment->source.corpus);
  show_status (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  update_actions (self);
  g_autofree char *preparing = g_strdup_printf (_("Preparing a batch of %s…"),
                                                self->loading_corpus);
  gtk_progress_bar_set_text (self->progress_bar, preparing);
  g_autoptr (GTask) task = g_task_new (self, NULL, load_done, NULL);
  g_task_set_source_tag (task, scmm_teach_page_load_experiment);
  LoadData *data = g_new0 (LoadData, 1);
  data->experiment = scmm_experiment_to_data (experiment);
  data->corpus = g_strdup (corpus);
  g_task_set_task_data (task, data, load_data_free);
  g_task_run_in_thread (task, load_worker);
}

void
scmm_teach_page_load_experiment (ScmmTeachPage        *self,
                                 const ScmmExperiment *experiment)
{
  g_return_if_fail (SCMM_IS_TEACH_PAGE (self));
  g_return_if_fail (experiment != NULL);
  load (self, experiment, NULL);
}

void
scmm_teach_page_load_corpus (ScmmTeachPage *self,
                             const char    *corpus)
{
  g_autoptr (ScmmExperiment) demo = scmm_experiment_preset ("demo");

  g_return_if_fail (SCMM_IS_TEACH_PAGE (self));
  g_return_if_fail (corpus != NULL);
  load (self, demo, corpus);
}

void
scmm_teach_page_set_experiment_func (ScmmTeachPage           *self,
                                     ScmmTeachExperimentFunc  func,
                                     gpointer                 user_data)
{
  g_return_if_fail (SCMM_IS_TEACH_PAGE (self));
  self->experiment_func = func;
  self->experiment_data = user_data;
}

void
scmm_teach_page_set_corpus_func (ScmmTeachPage       *self,
                                 ScmmTeachCorpusFunc  func,
                                 gpointer             user_data)
{
  g_return_if_fail (SCMM_IS_TEACH_PAGE (self));
  self->corpus_func = func;
  self->corpus_data = user_data;
}

static void
load_demo (ScmmTeachPage *self)
{
  g_autoptr (ScmmExperiment) demo = scmm_experiment_preset ("demo");
  scmm_teach_page_load_experiment (self, demo);
}

/* The corpus drop-down's items (the .ui's). */
enum {
  CORPUS_DEMO,
  CORPUS_EXPERIMENT_SOURCE,
  CORPUS_DATA_PAGE,
};

static void
on_corpus_changed (ScmmTeachPage *self)
{
  if (self->updating)
    return;
  guint choice = gtk_drop_down_get_selected (self->corpus_dropdown);
  /* the choice put back after an error (its notification may come late) */
  if (choice == self->corpus_choice && self->session != NULL && !self->loading)
    return;
  if (choice == CORPUS_DEMO)
    {
      load_demo (self);
      return;
    }
  g_autoptr (GError) error = NULL;
  if (choice == CORPUS_DATA_PAGE)
    {
      g_autofree char *corpus = self->corpus_func != NULL
        ? self->corpus_func (self->corpus_data, &error) : NULL;
      if (corpus != NULL)
        {
          scmm_teach_page_load_corpus (self, corpus);
          return;
        }
      g_autofree char *message = g_strdup_printf (
        _("The Data page's corpus cannot be used: %s"),
        error != NULL ? error->message : _("there is no Data page"));
      show_status (self, message);
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->corpus_dropdown, self->corpus_choice);
      self->updating = FALSE;
      return;
    }
  g_autoptr (ScmmExperiment) experiment = self->experiment_func != NULL
    ? self->experiment_func (self->experiment_data, &error) : NULL;
  if (experiment == NULL)
    {
      g_autofree char *message = g_strdup_printf (
        _("The Experiment page's source cannot be used: %s"),
        error != NULL ? error->message : _("there is no Experiment page"));
      show_status (self, message);
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->corpus_dropdown, self->corpus_choice);
      self->updating = FALSE;
      return;
    }
  scmm_teach_page_load_experiment (self, experiment);
}

ScmmTeachSession *
scmm_teach_page_get_session (ScmmTeachPage *self)
{
  g_return_val_if_fail (SCMM_IS_TEACH_PAGE (self), NULL);
  return self->loading ? NULL : self->session;
}

gboolean
scmm_teach_page_get_training (ScmmTeachPage *self)
{
  g_return_val_if_fail (SCMM_IS_TEACH_PAGE (self), FALSE);
  return self->training;
}

/* ---- training ---- */

typedef struct {
  ScmmTeachSession *session;
  int               steps;
  int               threads;   /* OpenBLAS's, as a run's */
} TrainData;

typedef struct {
  ScmmTeachPage  *page;   /* a reference */
  ScmmTeachLosses losses;
  int             done, total;
} TrainProgress;

static void
train_progress_free (gpointer data)
{
  TrainProgress *progress = data;
  g_object_unref (progress->page);
  g_free (progress);
}

static gboolean
train_progress_main (gpointer data)
{
  TrainProgress *progress = data;
  ScmmTeachPage *self = progress->page;

  if (self->disposed || !self->training)
    return G_SOURCE_REMOVE;
  g_autofree char *text = g_strdup_printf (_("%d / %d steps"), progress->done, progress->total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) progress->done / progress->total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  if (scmm_figure_get_n_lines (self->curve) == 3)
    {
      scmm_figure_set_title (self->curve, _("Training steps: the batches' losses"));
      scmm_figure_line_append (self->curve, 0, progress->losses.step, progress->losses.loss);
      scmm_figure_line_append (self->curve, 1, progress->losses.step, progress->losses.loss_c);
      scmm_figure_line_append (self->curve, 2, progress->losses.step, progress->losses.loss_r);
      scmm_figure_view_update (self->curve_view);
    }
  return G_SOURCE_REMOVE;
}

/* On the worker: each step's losses to the main loop. */
static void
train_progress (const ScmmTeachLosses *losses,
                int                    done,
                int                    total,
                gpointer               user_data)
{
  TrainProgress *progress = g_new (TrainProgress, 1);
  progress->page = g_object_ref (user_data);
  progress->losses = *losses;
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, train_progress_main, progress,
                              train_progress_free);
}

static void
train_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TrainData *data = task_data;
  GError *error = NULL;

  scmm_blas_set_threads (data->threads);
  if (scmm_teach_session_train (data->session, data->steps, cancellable, train_progress,
                                source_object, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
train_data_free (gpointer data)
{
  TrainData *train = data;
  /* only when the page never got it back */
  scmm_teach_session_free (train->session);
  g_free (train);
}

static void
train_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (source);
  TrainData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  self->session = g_steal_pointer (&data->session);
  self->training = FALSE;
  g_clear_object (&self->cancellable);
  if (self->disposed)   /* the window closed meanwhile: the session is freed with the page */
    return;
  if (error != NULL && !g_error_matches (error, SCMM_ERROR, SCMM_ERROR_CANCELLED))
    show_status (self, error->message);
  else
    show_status (self, NULL);
  g_autofree char *text = g_strdup_printf (_("%d steps trained"),
                                           scmm_teach_session_get_steps_trained (self->session));
  gtk_progress_bar_set_fraction (self->progress_bar, 1);
  gtk_progress_bar_set_text (self->progress_bar, text);
  refresh (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (widget);

  if (self->session == NULL || self->training || self->loading)
    return;
  TrainData *data = g_new0 (TrainData, 1);
  data->session = g_steal_pointer (&self->session);
  data->steps = gtk_spin_button_get_value_as_int (self->steps_spin);
  /* as a run: the preference, by default all processors but one (the window's) */
  data->threads = scmm_settings_get_threads ();
  if (data->threads <= 0)
    data->threads = MAX (1, (int) g_get_num_processors () - 1);
  self->training = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, train_done, NULL);
  g_task_set_source_tag (task, train_action);
  g_task_set_task_data (task, data, train_data_free);
  /* the error, not the cancelled flag, says how it ended: the session comes back either way */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, train_worker);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (widget);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (widget);
  if (self->session == NULL || self->loading)
    return;
  ScmmTeachParams p;
  scmm_teach_session_get_default_params (self->session, &p);
  if (scmm_teach_session_set_params (self->session, &p, NULL))
    refresh (self);
}

/* ---- a trained model ---- */

gboolean
scmm_teach_page_load_model (ScmmTeachPage  *self,
                            const char     *path,
                            GError        **error)
{
  g_return_val_if_fail (SCMM_IS_TEACH_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->session == NULL || self->loading)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("The batch is being prepared or trained: wait for it, then load the model"));
      return FALSE;
    }
  if (!scmm_teach_session_load_model (self->session, path, error))
    return FALSE;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *text = g_strdup_printf (_("model of %s"), name);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  show_status (self, NULL);
  refresh (self);
  return TRUE;
}

static void
model_chosen (ScmmTeachPage   *self,
              int              response,
              GtkNativeDialog *chooser)
{
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT
    ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->chooser);
  if (path != NULL && !scmm_teach_page_load_model (self, path, &error))
    show_status (self, error->message);
}

static void
load_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr (GtkFileFilter) models = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  GtkFileChooserNative *native =
    gtk_file_chooser_native_new (_("Load a Trained Model"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Load"), _("_Cancel"));
  gtk_file_filter_set_name (models, _("Models (*.h5)"));
  gtk_file_filter_add_pattern (models, "*.h5");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), models);
  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (model_chosen), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

/* ---- moving through the stages ---- */

static void
step_stage (ScmmTeachPage *self, int delta)
{
  int stage = CLAMP ((int) self->stage + delta, 0, SCMM_TEACH_N_STAGES - 1);
  scmm_teach_page_set_stage (self, stage);
}

static void
stage_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (widget);

  if (g_str_equal (action_name, "teach.next"))
    step_stage (self, 1);
  else if (g_str_equal (action_name, "teach.previous"))
    step_stage (self, -1);
  else if (g_str_equal (action_name, "teach.first"))
    scmm_teach_page_set_stage (self, SCMM_TEACH_STAGE_INPUT);
  else if (g_str_equal (action_name, "teach.last"))
    scmm_teach_page_set_stage (self, SCMM_TEACH_N_STAGES - 1);
}

static gboolean
play_tick (gpointer data)
{
  ScmmTeachPage *self = data;

  if (self->stage + 1 >= SCMM_TEACH_N_STAGES)
    {
      self->play_id = 0;
      gtk_toggle_button_set_active (self->play_button, FALSE);
      return G_SOURCE_REMOVE;
    }
  step_stage (self, 1);
  return G_SOURCE_CONTINUE;
}

static void
on_play_toggled (ScmmTeachPage *self)
{
  gboolean playing = gtk_toggle_button_get_active (self->play_button);

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  if (playing && self->play_id == 0)
    {
      if (self->stage + 1 >= SCMM_TEACH_N_STAGES)
        scmm_teach_page_set_stage (self, SCMM_TEACH_STAGE_INPUT);
      self->play_id = g_timeout_add (self->play_ms, play_tick, self);
    }
  else if (!playing)
    g_clear_handle_id (&self->play_id, g_source_remove);
}

gboolean
scmm_teach_page_get_playing (ScmmTeachPage *self)
{
  g_return_val_if_fail (SCMM_IS_TEACH_PAGE (self), FALSE);
  return gtk_toggle_button_get_active (self->play_button);
}

void
scmm_teach_page_set_play_interval (ScmmTeachPage *self,
                                   guint          ms)
{
  g_return_if_fail (SCMM_IS_TEACH_PAGE (self));
  g_return_if_fail (ms > 0);
  self->play_ms = ms;
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (widget);
  gtk_toggle_button_set_active (self->play_button,
                                !gtk_toggle_button_get_active (self->play_button));
}

/* ---- for tests ---- */

gboolean
scmm_teach_page_get_settled (ScmmTeachPage *self)
{
  g_return_val_if_fail (SCMM_IS_TEACH_PAGE (self), FALSE);
  return self->session != NULL && !self->loading
         && !gtk_stack_get_transition_running (self->view_stack);
}

ScmmPipelineDiagram *
scmm_teach_page_get_diagram (ScmmTeachPage *self)
{
  return self->diagram;
}

GtkWidget *
scmm_teach_page_get_stage_view (ScmmTeachPage *self)
{
  return gtk_stack_get_visible_child (self->view_stack);
}

GtkSpinButton *
scmm_teach_page_get_param_spin (ScmmTeachPage *self,
                                const char    *name)
{
  if (g_str_equal (name, "ratio"))
    return self->ratio_spin;
  if (g_str_equal (name, "threshold"))
    return self->threshold_spin;
  if (g_str_equal (name, "alpha"))
    return self->alpha_spin;
  if (g_str_equal (name, "sigma"))
    return self->sigma_spin;
  if (g_str_equal (name, "tau"))
    return self->tau_spin;
  if (g_str_equal (name, "steps"))
    return self->steps_spin;
  return NULL;
}

const char *
scmm_teach_page_get_numbers_text (ScmmTeachPage *self)
{
  return self->numbers_text;
}

/* ---- the widget ---- */

/* ---- the page's size ---- */

static gboolean
apply_compact (gpointer data)
{
  ScmmTeachPage *self = data;

  self->compact_id = 0;
  update_stage_text (self);
  if (self->session != NULL)
    update_numbers (self, scmm_teach_session_get_step (self->session));
  gtk_widget_set_size_request (GTK_WIDGET (self->curve_view), -1, self->compact ? 150 : 220);
  return G_SOURCE_REMOVE;
}

static void
scmm_teach_page_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  gtk_widget_measure (SCMM_TEACH_PAGE (widget)->main_box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

/* A page narrower than SCMM_TEACH_COMPACT_WIDTH (the default window of
 * 1200 x 800) sets its text a size smaller, so that the formula and the
 * numbers fit beside the views; the texts change after this allocation. */
static void
scmm_teach_page_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (widget);
  gboolean compact = width < SCMM_TEACH_COMPACT_WIDTH;

  gtk_widget_allocate (self->main_box, width, height, baseline, NULL);
  if (compact != self->compact)
    {
      self->compact = compact;
      if (self->compact_id == 0)
        self->compact_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_compact, self, NULL);
    }
}

static void
scmm_teach_page_map (GtkWidget *widget)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (widget);

  GTK_WIDGET_CLASS (scmm_teach_page_parent_class)->map (widget);
  /* the demo batch, the first time the page is seen */
  if (self->session == NULL && !self->loading && !self->training)
    load_demo (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
}

/* On the page's window, after every widget (bubble phase): Page Down /
 * Page Up that nothing used, while the focus is outside the page (a header
 * bar's button), still move the stages of the page shown. */
static gboolean
on_root_key_pressed (ScmmTeachPage         *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self))
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_SHIFT_MASK)))
    return FALSE;
  if (keyval == GDK_KEY_Page_Down || keyval == GDK_KEY_KP_Page_Down)
    return gtk_widget_activate_action (GTK_WIDGET (self), "teach.next", NULL);
  if (keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up)
    return gtk_widget_activate_action (GTK_WIDGET (self), "teach.previous", NULL);
  return FALSE;
}

static void
scmm_teach_page_root (GtkWidget *widget)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (widget);

  GTK_WIDGET_CLASS (scmm_teach_page_parent_class)->root (widget);
  self->root_keys = gtk_event_controller_key_new ();
  g_signal_connect_object (self->root_keys, "key-pressed", G_CALLBACK (on_root_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (gtk_widget_get_root (widget)), self->root_keys);
}

/* Out of its window (closed): training stops at the next step and play
 * stops; the page may live on a moment, held by the worker's task. */
static void
scmm_teach_page_unroot (GtkWidget *widget)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (widget);

  if (self->root_keys != NULL)
    {
      gtk_widget_remove_controller (GTK_WIDGET (gtk_widget_get_root (widget)), self->root_keys);
      self->root_keys = NULL;
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_toggle_button_set_active (self->play_button, FALSE);
  GTK_WIDGET_CLASS (scmm_teach_page_parent_class)->unroot (widget);
}

static void
scmm_teach_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;
    case PROP_SAMPLE:
      g_value_set_int (value, self->sample);
      break;
    case PROP_TRAINING:
      g_value_set_boolean (value, self->training);
      break;
    case PROP_SESSION:
      g_value_set_pointer (value, scmm_teach_page_get_session (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_teach_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      scmm_teach_page_set_stage (self, g_value_get_int (value));
      break;
    case PROP_SAMPLE:
      scmm_teach_page_set_sample (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_teach_page_dispose (GObject *object)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->play_id, g_source_remove);
  g_clear_handle_id (&self->compact_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCMM_TYPE_TEACH_PAGE);

  G_OBJECT_CLASS (scmm_teach_page_parent_class)->dispose (object);
}

static void
scmm_teach_page_finalize (GObject *object)
{
  ScmmTeachPage *self = SCMM_TEACH_PAGE (object);

  g_clear_pointer (&self->session, scmm_teach_session_free);
  for (int i = 0; i < N_FIGURES; i++)
    g_clear_pointer (&self->figures[i], scmm_figure_unref);
  g_clear_pointer (&self->curve, scmm_figure_unref);
  g_clear_object (&self->cancellable);
  g_free (self->numbers_text);
  g_free (self->loading_corpus);

  G_OBJECT_CLASS (scmm_teach_page_parent_class)->finalize (object);
}

/* ---- a presenter's clicker ---- */

/* Whether the keyboard's focus is in text being edited (a spin button's):
 * there the arrows, Space, BackSpace, Home and End edit the text. */
static gboolean
focus_is_editing (ScmmTeachPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  return focus != NULL && GTK_IS_EDITABLE (focus);
}

/* The stage keys, before any widget of the page sees them (capture phase):
 * a clicker's Page Down / Page Up move the stages wherever the focus is
 * (also in a spin button, whose own page steps they replace), the arrows,
 * Space, BackSpace, Home and End unless text is being edited; Escape gives
 * the focus back to the diagram; the blank-screen keys of some clickers (b,
 * period) are ignored rather than typed into a field. Keys of the page's
 * popovers (the drop-downs' lists) are theirs. */
static gboolean
on_key_pressed (ScmmTeachPage         *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  const char *action = NULL;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_SHIFT_MASK))
    return FALSE;
  if (event != NULL && native != NULL
      && gdk_event_get_surface (event) != gtk_native_get_surface (native))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      action = "teach.next";
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      action = "teach.previous";
      break;
    case GDK_KEY_Escape:
      if (gtk_widget_has_focus (GTK_WIDGET (self->diagram)))
        return FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
      return TRUE;
    default:
      break;
    }
  if (action == NULL && focus_is_editing (self))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_space:
      action = "teach.next";
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_BackSpace:
      action = "teach.previous";
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      action = "teach.first";
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      action = "teach.last";
      break;
    case GDK_KEY_b:
    case GDK_KEY_B:
    case GDK_KEY_period:
    case GDK_KEY_KP_Decimal:
      return TRUE;   /* a clicker's "blank the screen": nothing to do here */
    default:
      break;
    }
  if (action == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
  return TRUE;
}

static void
add_key (GtkWidgetClass *widget_class, guint key, const char *action)
{
  gtk_widget_class_add_binding_action (widget_class, key, 0, action, NULL);
}

static void
scmm_teach_page_class_init (ScmmTeachPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = scmm_teach_page_get_property;
  object_class->set_property = scmm_teach_page_set_property;
  object_class->dispose = scmm_teach_page_dispose;
  object_class->finalize = scmm_teach_page_finalize;
  widget_class->map = scmm_teach_page_map;
  widget_class->measure = scmm_teach_page_measure;
  widget_class->size_allocate = scmm_teach_page_size_allocate;
  widget_class->root = scmm_teach_page_root;
  widget_class->unroot = scmm_teach_page_unroot;

  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, 0, SCMM_TEACH_N_STAGES - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAMPLE] =
    g_param_spec_int ("sample", NULL, NULL, 0, SCMM_TEACH_MAX_BATCH - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAINING] =
    g_param_spec_boolean ("training", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* notified when the session comes or goes (loading, training) */
  properties[PROP_SESSION] =
    g_param_spec_pointer ("session", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "teach.next", NULL, stage_action);
  gtk_widget_class_install_action (widget_class, "teach.previous", NULL, stage_action);
  gtk_widget_class_install_action (widget_class, "teach.first", NULL, stage_action);
  gtk_widget_class_install_action (widget_class, "teach.last", NULL, stage_action);
  gtk_widget_class_install_action (widget_class, "teach.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "teach.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "teach.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "teach.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "teach.load-model", NULL, load_model_action);

  /* a presenter's clicker sends Page Down / Page Up (or Right / Left) */
  add_key (widget_class, GDK_KEY_Right, "teach.next");
  add_key (widget_class, GDK_KEY_Page_Down, "teach.next");
  add_key (widget_class, GDK_KEY_space, "teach.next");
  add_key (widget_class, GDK_KEY_Left, "teach.previous");
  add_key (widget_class, GDK_KEY_Page_Up, "teach.previous");
  add_key (widget_class, GDK_KEY_BackSpace, "teach.previous");
  add_key (widget_class, GDK_KEY_Home, "teach.first");
  add_key (widget_class, GDK_KEY_End, "teach.last");
  add_key (widget_class, GDK_KEY_p, "teach.play");
  add_key (widget_class, GDK_KEY_Return, "teach.play");
  add_key (widget_class, GDK_KEY_KP_Enter, "teach.play");
  add_key (widget_class, GDK_KEY_t, "teach.train");

  scmm_resources_ensure_registered ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SCMM_RESOURCE_BASE_PATH "/ui/scmm-teach-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, corpus_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, ratio_spin);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, alpha_spin);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, sigma_spin);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, tau_spin);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, steps_spin);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, play_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, diagram_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, formula_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, numbers_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, curve_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmTeachPage, view_stack);
}

static ScmmFigureView *
add_figure_view (ScmmTeachPage *self, ScmmFigure *figure, const char *name)
{
  GtkWidget *view = scmm_figure_view_new ();
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_vexpand (view, TRUE);
  g_signal_connect_object (view, "cell-activated", G_CALLBACK (on_cell_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->view_stack, view, name);
  return SCMM_FIGURE_VIEW (view);
}

static void
build_views (ScmmTeachPage *self)
{
  static const char *const titles[N_FIGURES] = {
    N_("The batch x: one window a row (channels × bands, flattened)"),
    N_("h = E(X_in): one row per window and masked copy"),
    N_("z = P(h): one row per window and masked copy"),
    N_("Reconstruction error of each row, mean (x̂ − input)²"),
    N_("The four terms of L"),
  };
  static const char *const x_labels[N_FIGURES] = {
    N_("channel × band"), N_("feature"), N_("feature"), N_("row (originals, then masked copies)"),
    NULL,
  };
  static const char *const y_labels[N_FIGURES] = {
    N_("window"), N_("row"), N_("row"), N_("mean squared error"), N_("value"),
  };

  self->masks_view = SCMM_MASKS_VIEW (scmm_masks_view_new ());
  self->similarity_view = SCMM_SIMILARITY_VIEW (scmm_similarity_view_new ());
  self->reconstruction_view = SCMM_RECONSTRUCTION_VIEW (scmm_reconstruction_view_new ());
  for (int i = 0; i < N_FIGURES; i++)
    {
      self->figures[i] = scmm_figure_new (_(titles[i]));
      scmm_figure_set_axis_labels (self->figures[i], x_labels[i] != NULL ? _(x_labels[i]) : NULL,
                                   _(y_labels[i]));
    }
  gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->masks_view), "masks");
  gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->similarity_view), "similarity");
  gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->reconstruction_view), "reconstruction");
  for (int i = 0; i < N_FIGURES; i++)
    self->figure_views[i] = add_figure_view (self, self->figures[i], figure_names[i]);
  GtkWidget *views[] = { GTK_WIDGET (self->masks_view), GTK_WIDGET (self->similarity_view),
                         GTK_WIDGET (self->reconstruction_view) };
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      scmm_snapshot_view_set_placeholder_text (SCMM_SNAPSHOT_VIEW (views[i]),
                                               _("Preparing the batch…"));
      g_signal_connect_object (views[i], "notify::selected", G_CALLBACK (on_view_selected), self,
                               G_CONNECT_SWAPPED);
    }

  self->curve = scmm_figure_new (_("No training steps yet: press T"));
  scmm_figure_set_axis_labels (self->curve, _("step"), _("loss"));
  scmm_figure_set_y_scale (self->curve, SCMM_SCALE_LOG);
  self->curve_view = SCMM_FIGURE_VIEW (scmm_figure_view_new ());
  scmm_figure_view_set_figure (self->curve_view, self->curve);
  gtk_widget_set_size_request (GTK_WIDGET (self->curve_view), -1, 220);
  gtk_widget_set_vexpand (GTK_WIDGET (self->curve_view), FALSE);
  gtk_box_append (self->curve_box, GTK_WIDGET (self->curve_view));
}

static void
scmm_teach_page_init (ScmmTeachPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->play_ms = SCMM_TEACH_PLAY_MS;

  self->diagram = SCMM_PIPELINE_DIAGRAM (scmm_pipeline_diagram_new ());
  gtk_box_append (self->diagram_box, GTK_WIDGET (self->diagram));
  g_signal_connect_object (self->diagram, "stage-activated", G_CALLBACK (on_stage_activated), self,
                           G_CONNECT_SWAPPED);
  build_views (self);

  GtkSpinButton *spins[] = { self->ratio_spin, self->threshold_spin, self->alpha_spin,
                             self->sigma_spin, self->tau_spin };
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_signal_connect_object (spins[i], "value-changed", G_CALLBACK (on_param_changed), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mode_dropdown, "notify::selected", G_CALLBACK (on_param_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->corpus_dropdown, "notify::selected",
                           G_CALLBACK (on_corpus_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->play_button, "toggled", G_CALLBACK (on_play_toggled), self,
                           G_CONNECT_SWAPPED);

  GtkEventController *keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  scmm_teach_page_set_stage (self, SCMM_TEACH_STAGE_INPUT);
  update_actions (self);
}
