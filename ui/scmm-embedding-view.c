/* scmm-embedding-view.c: the embedding map of a run, before and after pre-training
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine computes (engine/run/scmm-embedding-map.h) in a GTask thread;
 * the thread writes how far it is into its job under a lock and a 10 Hz
 * timeout on the main loop reads it into the progress bar, so a fast worker
 * never floods the main loop and the main loop never waits for it. A new
 * projection of a map already shown is made on a copy of it: the view keeps
 * drawing (and recolouring) its own map meanwhile. A job that a newer one
 * replaced (another run folder) is cancelled and its result dropped; so is
 * the job of a view closed while it computes (the task holds the view only
 * weakly, so the view's dispose runs at once and cancels it).
 */

#include "scmm-build-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "scmm-embedding-view.h"
#include "scmm-error.h"
#include "scmm-figure-view.h"
#include "scmm-placeholder.h"
#include "scmm-run-folder.h"
#include "scmm-tsne.h"

#define SPACING            10
#define PROGRESS_PERIOD_MS 100
#define MIN_PER_CORPUS     20
#define DEFAULT_PER_CORPUS 500
/* How far the corpora are apart, from the corpus purity over its chance
 * level: (purity - chance) / (1 - chance), 0 mixed, 1 apart. */
#define APART              0.75
#define PARTLY_APART       0.35
/* A change of the purity smaller than this is no change. */
#define PURITY_CHANGE      0.05

/* The worker's state; the stage, model and fraction under the lock. */
typedef struct {
  char                    *run_dir;
  char                    *method_name;
  ScmmEmbeddingMapOptions  options;
  ScmmEmbeddingMap        *map;          /* a copy to project again, or NULL: compute */
  GCancellable            *cancellable;
  GWeakRef                 view;         /* the view, if it is still there */
  GMutex                   lock;
  ScmmEmbeddingStage       stage;
  ScmmEmbeddingModel       model;
  double                   fraction;
} Job;

struct _ScmmEmbeddingView
{
  GtkWidget                parent_instance;

  /* Widgets */
  GtkWidget               *box;
  GtkLabel                *heading;
  GtkDropDown             *projection_dropdown;
  GtkDropDown             *colour_dropdown;
  GtkSpinButton           *per_corpus_spin;
  GtkWidget               *compute_button;
  GtkWidget               *progress_row;
  GtkLabel                *progress_label;
  GtkProgressBar          *progress_bar;
  GtkWidget               *cancel_button;
  GtkLabel                *status_label;
  GtkStack                *stack;
  GtkLabel                *placeholder_title;
  GtkLabel                *placeholder_text;
  ScmmFigureView          *views[SCMM_EMBEDDING_MODELS];
  ScmmFigure              *figures[SCMM_EMBEDDING_MODELS];
  GtkLabel                *verdict;       /* what the numbers say */
  GtkLabel                *caption;       /* what the maps show, and how */
  char                    *caption_text;  /* both */

  /* The run and the choices */
  char                    *run_dir;
  char                    *method_name;
  ScmmEmbeddingProjection  projection;
  ScmmEmbeddingColour      colour;
  int                      per_corpus;
  gboolean                 syncing;       /* the controls are being set from code */

  /* The map shown, and the computation going on */
  ScmmEmbeddingMap        *map;
  GTask                   *task;
  guint                    progress_source;
};

G_DEFINE_FINAL_TYPE (ScmmEmbeddingView, scmm_embedding_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROJECTION,
  PROP_COLOUR_BY,
  PROP_PER_CORPUS,
  PROP_COMPUTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
scmm_embedding_view_new (void)
{
  return g_object_new (SCMM_TYPE_EMBEDDING_VIEW, NULL);
}

/* ---- the job ---- */

static void
job_free (Job *job)
{
  g_free (job->run_dir);
  g_free (job->method_name);
  scmm_embedding_map_free (job->map);
  g_clear_object (&job->cancellable);
  g_weak_ref_clear (&job->view);
  g_mutex_clear (&job->lock);
  g_free (job);
}

/* On the worker's thread. */
static gboolean
job_progress (ScmmEmbeddingStage stage,
              ScmmEmbeddingModel model,
              double             fraction,
              gpointer           user_data)
{
  Job *job = user_data;

  g_mutex_lock (&job->lock);
  job->stage = stage;
  job->model = model;
  job->fraction = fraction;
  g_mutex_unlock (&job->lock);

  return !g_cancellable_is_cancelled (job->cancellable);
}

static void
job_run (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  ScmmEmbeddingMap *map;

  if (job->map != NULL)
    {
      map = scmm_embedding_map_project (job->map, &job->options, job_progress, job, &error)
              ? g_steal_pointer (&job->map) : NULL;
    }
  else
    {
      map = scmm_embedding_map_compute_run (job->run_dir, job->method_name, &job->options,
                                            job_progress, job, &error);
    }

  if (map != NULL)
    g_task_return_pointer (task, map, (GDestroyNotify) scmm_embedding_map_free);
  else
    g_task_return_error (task, error);
}

/* ---- what the map shows ---- */

static const char *
model_title (ScmmEmbeddingModel model)
{
  return model == SCMM_EMBEDDING_BEFORE ? _("Before pre-training") : _("After pre-training");
}

/* A category of the map's points: those of `corpus` with class `label`
 * (-1: unlabelled; any label when all_labels). */
static void
add_category (ScmmFigure             *figure,
              const ScmmEmbeddingMap *map,
              ScmmEmbeddingModel      model,
              ScmmEmbeddingCorpus     corpus,
              int                     label,
              gboolean                all_labels,
              const char             *name,
              int                     colour,
              ScmmMarker              marker)
{
  const ScmmEmbeddingWindows *w = map->windows;
  g_autofree double *x = g_new (double, MAX (w->n, 1));
  g_autofree double *y = g_new (double, MAX (w->n, 1));
  int n = 0;
  int category;

  for (int i = 0; i < w->n; i++)
    {
      int own = w->label[i] >= 0 && w->label[i] < w->n_classes ? w->label[i] : -1;

      if (w->corpus[i] != corpus || (!all_labels && own != label))
        continue;
      x[n] = map->xy[model][2 * i];
      y[n] = map->xy[model][2 * i + 1];
      n++;
    }
  if (n == 0)
    return;
  category = scmm_figure_add_points (figure, name, x, y, n);
  scmm_figure_set_points_style (figure, category, colour, marker);
}

/* By class: a colour per class, the source's markers filled and the
 * target's hollow; windows of none of the experiment's classes (a source
 * corpus whose classes are not mapped onto the target's, or one without
 * labels) in the colour after the classes'. Named by side, not corpus: in
 * a cross-subject run both are one corpus. */
static void
add_class_categories (ScmmFigure             *figure,
                      const ScmmEmbeddingMap *map,
                      ScmmEmbeddingModel      model)
{
  const ScmmEmbeddingWindows *w = map->windows;
  int unlabelled_colour = w->n_classes;

  for (int corpus = SCMM_EMBEDDING_SOURCE; corpus < SCMM_EMBEDDING_CORPORA; corpus++)
    {
      ScmmMarker marker = corpus == SCMM_EMBEDDING_SOURCE ? SCMM_MARKER_FILLED : SCMM_MARKER_HOLLOW;
      const char *unlabelled = corpus == SCMM_EMBEDDING_SOURCE ? _("no target class (source)")
                                                               : _("no class (target)");

      for (int c = 0; c < w->n_classes; c++)
        {
          g_autofree char *name = g_strdup_printf (corpus == SCMM_EMBEDDING_SOURCE ? _("%s (source)") : _("%s (target)"),
                                                   w->class_names[c]);

          add_category (figure, map, model, corpus, c, FALSE, name, c, marker);
        }
      add_category (figure, map, model, corpus, -1, FALSE, unlabelled, unlabelled_colour, marker);
    }
}

static void
fill_figure (ScmmEmbeddingView  *self,
             ScmmEmbeddingModel  model)
{
  ScmmFigure *figure = self->figures[model];
  const ScmmEmbeddingMap *map = self->map;

  scmm_figure_clear_points (figure);
  scmm_figure_set_title (figure, model_title (model));
  if (map->options.projection == SCMM_EMBEDDING_PCA)
    {
      g_autofree char *x_label = g_strdup_printf (_("PC1 (%.1f %% of h’s variance)"),
                                                  100 * map->variance_ratio[model][0]);
      g_autofree char *y_label = g_strdup_printf (_("PC2 (%.1f %%)"), 100 * map->variance_ratio[model][1]);

      scmm_figure_set_axis_labels (figure, x_label, y_label);
    }
  else
    scmm_figure_set_axis_labels (figure, _("t-SNE 1"), _("t-SNE 2"));

  if (self->colour == SCMM_EMBEDDING_COLOUR_BY_CLASS)
    add_class_categories (figure, map, model);
  else
    for (int corpus = SCMM_EMBEDDING_SOURCE; corpus < SCMM_EMBEDDING_CORPORA; corpus++)
      {
        g_autofree char *name = g_strdup_printf (corpus == SCMM_EMBEDDING_SOURCE ? _("%s (source)") : _("%s (target)"),
                                                 map->windows->corpus_name[corpus]);

        add_category (figure, map, model, corpus, -1, TRUE, name, corpus, SCMM_MARKER_FILLED);
      }
  scmm_figure_view_update (self->views[model]);
}

/* How apart the corpora are before pre-training, with the numbers:
 * apart = (purity - chance) / (1 - chance), 0 mixed, 1 apart. */
static char *
before_sentence (const ScmmEmbeddingMap *map)
{
  double purity = 100 * map->corpus_purity_h[SCMM_EMBEDDING_BEFORE];
  double chance = 100 * map->corpus_purity_chance;
  double apart = (purity - chance) / (100 - chance);
  int k = map->options.neighbours;

  if (apart >= APART)
    return g_strdup_printf (_("Before pre-training the source and target windows form separate clouds: "
                              "%.1f %% of each window’s %d nearest neighbours in h are on its own "
                              "side (%.0f %% if they were mixed)."), purity, k, chance);
  if (apart >= PARTLY_APART)
    return g_strdup_printf (_("Before pre-training the source and target windows are partly apart: "
                              "%.1f %% of each window’s %d nearest neighbours in h are on its own "
                              "side (%.0f %% if they were mixed)."), purity, k, chance);
  return g_strdup_printf (_("Before pre-training the source and target windows are mixed together: "
                            "%.1f %% of each window’s %d nearest neighbours in h are on its own "
                            "side (%.0f %% if they were mixed)."), purity, k, chance);
}

static char *
after_sentence (const ScmmEmbeddingMap *map)
{
  double before = map->corpus_purity_h[SCMM_EMBEDDING_BEFORE];
  double after = map->corpus_purity_h[SCMM_EMBEDDING_AFTER];

  if (after <= before - PURITY_CHANGE)
    return g_strdup_printf (_("After pre-training %.1f %%: it brought source and target closer together."),
                            100 * after);
  if (after >= before + PURITY_CHANGE)
    return g_strdup_printf (_("After pre-training %.1f %%: it pulled source and target further apart."),
                            100 * after);
  return g_strdup_printf (_("After pre-training %.1f %%: they are about as apart as before."),
                          100 * after);
}

static void
append_projection (GString                *text,
                   const ScmmEmbeddingMap *map)
{
  const double (*ratio)[2] = map->variance_ratio;

  if (map->options.projection == SCMM_EMBEDDING_PCA)
    g_string_append_printf (text,
                            _("PCA, fitted on each model separately (the two maps’ axes differ): "
                              "its axes hold %.1f %% and %.1f %% of h’s variance before, "
                              "%.1f %% and %.1f %% after."),
                            100 * ratio[SCMM_EMBEDDING_BEFORE][0], 100 * ratio[SCMM_EMBEDDING_BEFORE][1],
                            100 * ratio[SCMM_EMBEDDING_AFTER][0], 100 * ratio[SCMM_EMBEDDING_AFTER][1]);
  else
    g_string_append_printf (text,
                            _("t-SNE (perplexity %g), both maps started from the same seed: "
                              "who is near whom means something, the distances between "
                              "clouds and their sizes do not."),
                            MIN (map->options.perplexity, (map->windows->n - 1) / 3.0));
}

static void
update_caption (ScmmEmbeddingView *self)
{
  const ScmmEmbeddingMap *map = self->map;
  const ScmmEmbeddingWindows *w = map->windows;
  const double *corpus = map->corpus_purity_h;
  const double *class = map->class_purity_h;
  g_autoptr(GString) verdict = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  if (isfinite (corpus[SCMM_EMBEDDING_BEFORE]) && isfinite (corpus[SCMM_EMBEDDING_AFTER]))
    {
      g_autofree char *before = before_sentence (map);
      g_autofree char *after = after_sentence (map);

      g_string_append_printf (verdict, "%s %s", before, after);
    }

  g_string_append_printf (text,
                          _("Encoder outputs h (%d values) of %d windows of %s (source) and %d of "
                            "%s (target), through the run’s initial encoder (before) and %s’s "
                            "pre-trained one (after). "),
                          map->hidden, w->count[SCMM_EMBEDDING_SOURCE], w->corpus_name[SCMM_EMBEDDING_SOURCE],
                          w->count[SCMM_EMBEDDING_TARGET], w->corpus_name[SCMM_EMBEDDING_TARGET],
                          map->method_name);
  append_projection (text, map);
  if (isfinite (class[SCMM_EMBEDDING_BEFORE]) && isfinite (class[SCMM_EMBEDDING_AFTER]))
    {
      g_string_append (text, " ");
      g_string_append_printf (text,
                              _("Among the target’s windows, %.1f %% of the neighbours in h are of "
                                "the same class before pre-training, %.1f %% after (%.0f %% by chance)."),
                              100 * class[SCMM_EMBEDDING_BEFORE], 100 * class[SCMM_EMBEDDING_AFTER],
                              100 * map->class_purity_chance);
    }

  gtk_label_set_text (self->verdict, verdict->str);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict), verdict->len > 0);
  gtk_label_set_text (self->caption, text->str);
  g_free (self->caption_text);
  self->caption_text = g_strconcat (verdict->str, verdict->len > 0 ? "\n" : "", text->str, NULL);
}

static void
show_placeholder (ScmmEmbeddingView *self,
                  const char        *title,
                  const char        *text)
{
  gtk_label_set_text (self->placeholder_title, title);
  gtk_label_set_text (self->placeholder_text, text);
  gtk_stack_set_visible_child_name (self->stack, "none");
}

static void
show_map (ScmmEmbeddingView *self)
{
  if (self->map == NULL)
    return;
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    fill_figure (self, m);
  update_caption (self);
  gtk_stack_set_visible_child_name (self->stack, "maps");
}

/* ---- the computation, on the main loop ---- */

static const char *
stage_text (ScmmEmbeddingStage stage,
            ScmmEmbeddingModel model)
{
  switch (stage)
    {
    case SCMM_EMBEDDING_STAGE_LOADING:
      return _("Opening the corpora and the models");
    case SCMM_EMBEDDING_STAGE_ENCODING:
      return _("Encoding the windows");
    case SCMM_EMBEDDING_STAGE_PROJECTING:
      return model == SCMM_EMBEDDING_BEFORE ? _("Projecting the map before pre-training")
                                            : _("Projecting the map after pre-training");
    case SCMM_EMBEDDING_STAGE_MEASURING:
    default:
      return _("Measuring the neighbourhoods");
    }
}

static gboolean
update_progress (gpointer user_data)
{
  ScmmEmbeddingView *self = user_data;
  Job *job = g_task_get_task_data (self->task);
  ScmmEmbeddingStage stage;
  ScmmEmbeddingModel model;
  double fraction;
  g_autofree char *text = NULL;

  g_mutex_lock (&job->lock);
  stage = job->stage;
  model = job->model;
  fraction = job->fraction;
  g_mutex_unlock (&job->lock);

  text = g_strdup_printf ("%s… %.0f %%", stage_text (stage, model), 100 * fraction);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_label_set_text (self->progress_label, text);

  return G_SOURCE_CONTINUE;
}

static void
update_sensitivity (ScmmEmbeddingView *self)
{
  gboolean computing = self->task != NULL;

  gtk_widget_set_visible (self->progress_row, computing);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), !computing && gtk_label_get_text (self->status_label)[0] != '\0');
  gtk_widget_set_sensitive (self->compute_button, !computing && self->run_dir != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->per_corpus_spin), !computing);
}

static void
set_status (ScmmEmbeddingView *self,
            const char        *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  update_sensitivity (self);
}

/* Forgets the job going on (its result will be dropped) and cancels it. */
static void
drop_job (ScmmEmbeddingView *self)
{
  Job *job;

  if (self->task == NULL)
    return;
  job = g_task_get_task_data (self->task);
  g_cancellable_cancel (job->cancellable);
  g_clear_object (&self->task);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
}

/* The task holds the view only weakly: a view closed while it computes is
 * disposed at once, and its dispose cancels the job. */
static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  g_autoptr(ScmmEmbeddingView) self = g_weak_ref_get (&job->view);
  g_autoptr(GError) error = NULL;
  ScmmEmbeddingMap *map = g_task_propagate_pointer (task, &error);

  if (self == NULL || task != self->task || self->box == NULL)
    {
      /* the view is gone, or a newer job replaced this one */
      scmm_embedding_map_free (map);
      return;
    }
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->task);

  if (map != NULL)
    {
      scmm_embedding_map_free (self->map);
      self->map = map;
      set_status (self, NULL);
      show_map (self);
    }
  else if (g_error_matches (error, SCMM_ERROR, SCMM_ERROR_CANCELLED))
    {
      set_status (self, self->map != NULL ? _("Cancelled: the maps shown are the previous ones.")
                                          : _("Cancelled."));
      if (self->map == NULL)
        show_placeholder (self, _("Embedding map"), _("Cancelled. Press Compute to start again."));
    }
  else
    {
      set_status (self, NULL);
      scmm_embedding_map_free (g_steal_pointer (&self->map));
      show_placeholder (self, _("No embedding map"), error->message);
    }
  /* the projection shown is the map's, whatever the dropdown said meanwhile */
  if (self->map != NULL && self->map->options.projection != self->projection)
    scmm_embedding_view_set_projection (self, self->map->options.projection);
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
}

void
scmm_embedding_view_compute (ScmmEmbeddingView *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (SCMM_IS_EMBEDDING_VIEW (self));

  if (self->run_dir == NULL)
    return;
  drop_job (self);

  job = g_new0 (Job, 1);
  g_mutex_init (&job->lock);
  job->run_dir = g_strdup (self->run_dir);
  job->method_name = g_strdup (self->method_name);
  job->options = scmm_embedding_map_options_default ();
  job->options.projection = self->projection;
  job->options.per_corpus = self->per_corpus;
  job->cancellable = g_cancellable_new ();
  g_weak_ref_init (&job->view, self);
  if (self->map != NULL && self->map->options.per_corpus == self->per_corpus)
    job->map = scmm_embedding_map_copy (self->map);

  task = g_task_new (NULL, job->cancellable, job_done, NULL);
  g_task_set_source_tag (task, scmm_embedding_view_compute);
  g_task_set_name (task, "[scmm] embedding map");
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* the job's own result, a cancelled one included */
  g_task_set_check_cancellable (task, FALSE);
  self->task = g_object_ref (task);
  g_task_run_in_thread (task, job_run);

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_text (self->progress_label, _("Starting…"));
  self->progress_source = g_timeout_add (PROGRESS_PERIOD_MS, update_progress, self);
  set_status (self, NULL);
  if (self->map == NULL)
    show_placeholder (self, _("Embedding map"), _("Computing the map…"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
}

void
scmm_embedding_view_cancel (ScmmEmbeddingView *self)
{
  g_return_if_fail (SCMM_IS_EMBEDDING_VIEW (self));

  if (self->task != NULL)
    g_cancellable_cancel (((Job *) g_task_get_task_data (self->task))->cancellable);
}

gboolean
scmm_embedding_view_is_computing (ScmmEmbeddingView *self)
{
  g_return_val_if_fail (SCMM_IS_EMBEDDING_VIEW (self), FALSE);

  return self->task != NULL;
}

/* ---- the run ---- */

static void
update_heading (ScmmEmbeddingView *self)
{
  g_autoptr(ScmmRunFolder) folder = NULL;
  g_autofree char *text = NULL;

  if (self->run_dir == NULL)
    {
      gtk_label_set_text (self->heading, _("Embedding map"));
      return;
    }
  folder = scmm_run_folder_read_summary (self->run_dir, NULL);
  if (folder != NULL)
    text = g_strdup_printf (_("Embedding map: %s → %s"), folder->source_name, folder->target_name);
  gtk_label_set_text (self->heading, text != NULL ? text : _("Embedding map"));
}

void
scmm_embedding_view_set_run_folder (ScmmEmbeddingView *self,
                                    const char        *path,
                                    const char        *method_name)
{
  g_return_if_fail (SCMM_IS_EMBEDDING_VIEW (self));

  drop_job (self);
  g_free (self->run_dir);
  self->run_dir = g_strdup (path);
  g_free (self->method_name);
  self->method_name = g_strdup (method_name);
  scmm_embedding_map_free (g_steal_pointer (&self->map));
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    scmm_figure_clear_points (self->figures[m]);
  gtk_label_set_text (self->verdict, "");
  gtk_label_set_text (self->caption, "");
  g_clear_pointer (&self->caption_text, g_free);
  set_status (self, NULL);
  update_heading (self);

  if (path == NULL)
    show_placeholder (self, _("No run"), _("Open a run to see how its encoder maps the two corpora."));
  else
    show_placeholder (self, _("Embedding map"),
                      _("The same windows of the source and the target corpus through the "
                        "encoder before and after pre-training, projected to 2-D: does "
                        "pre-training bring the corpora together? Press Compute."));
  update_sensitivity (self);
}

/* ---- the choices ---- */

void
scmm_embedding_view_set_projection (ScmmEmbeddingView       *self,
                                    ScmmEmbeddingProjection  projection)
{
  g_return_if_fail (SCMM_IS_EMBEDDING_VIEW (self));
  g_return_if_fail (projection == SCMM_EMBEDDING_PCA || projection == SCMM_EMBEDDING_TSNE);

  if (self->projection == projection)
    return;
  self->projection = projection;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->projection_dropdown, projection);
  self->syncing = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTION]);
}

ScmmEmbeddingProjection
scmm_embedding_view_get_projection (ScmmEmbeddingView *self)
{
  g_return_val_if_fail (SCMM_IS_EMBEDDING_VIEW (self), SCMM_EMBEDDING_PCA);

  return self->projection;
}

void
scmm_embedding_view_set_colour_by (ScmmEmbeddingView   *self,
                                   ScmmEmbeddingColour  colour)
{
  g_return_if_fail (SCMM_IS_EMBEDDING_VIEW (self));
  g_return_if_fail (colour == SCMM_EMBEDDING_COLOUR_BY_CORPUS || colour == SCMM_EMBEDDING_COLOUR_BY_CLASS);

  if (self->colour == colour)
    return;
  self->colour = colour;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->colour_dropdown, colour);
  self->syncing = FALSE;
  if (self->map != NULL)
    for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
      fill_figure (self, m);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR_BY]);
}

ScmmEmbeddingColour
scmm_embedding_view_get_colour_by (ScmmEmbeddingView *self)
{
  g_return_val_if_fail (SCMM_IS_EMBEDDING_VIEW (self), SCMM_EMBEDDING_COLOUR_BY_CORPUS);

  return self->colour;
}

void
scmm_embedding_view_set_per_corpus (ScmmEmbeddingView *self,
                                    int                per_corpus)
{
  g_return_if_fail (SCMM_IS_EMBEDDING_VIEW (self));

  per_corpus = CLAMP (per_corpus, MIN_PER_CORPUS, SCMM_TSNE_MAX_POINTS / SCMM_EMBEDDING_CORPORA);
  if (self->per_corpus == per_corpus)
    return;
  self->per_corpus = per_corpus;
  self->syncing = TRUE;
  gtk_spin_button_set_value (self->per_corpus_spin, per_corpus);
  self->syncing = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PER_CORPUS]);
}

int
scmm_embedding_view_get_per_corpus (ScmmEmbeddingView *self)
{
  g_return_val_if_fail (SCMM_IS_EMBEDDING_VIEW (self), DEFAULT_PER_CORPUS);

  return self->per_corpus;
}

const ScmmEmbeddingMap *
scmm_embedding_view_get_map (ScmmEmbeddingView *self)
{
  g_return_val_if_fail (SCMM_IS_EMBEDDING_VIEW (self), NULL);

  return self->map;
}

ScmmFigure *
scmm_embedding_view_get_figure (ScmmEmbeddingView  *self,
                                ScmmEmbeddingModel  model)
{
  g_return_val_if_fail (SCMM_IS_EMBEDDING_VIEW (self), NULL);
  g_return_val_if_fail (model == SCMM_EMBEDDING_BEFORE || model == SCMM_EMBEDDING_AFTER, NULL);

  return self->figures[model];
}

const char *
scmm_embedding_view_get_caption (ScmmEmbeddingView *self)
{
  g_return_val_if_fail (SCMM_IS_EMBEDDING_VIEW (self), NULL);

  return self->caption_text != NULL ? self->caption_text : "";
}

/* ---- the controls ---- */

static void
projection_changed (ScmmEmbeddingView *self)
{
  ScmmEmbeddingProjection projection = gtk_drop_down_get_selected (self->projection_dropdown);

  if (self->syncing || projection == self->projection)
    return;
  self->projection = projection;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTION]);
  /* a map shown is projected again at once */
  if (self->map != NULL || self->task != NULL)
    scmm_embedding_view_compute (self);
}

static void
colour_changed (ScmmEmbeddingView *self)
{
  if (!self->syncing)
    scmm_embedding_view_set_colour_by (self, gtk_drop_down_get_selected (self->colour_dropdown));
}

static void
per_corpus_changed (ScmmEmbeddingView *self)
{
  if (!self->syncing)
    scmm_embedding_view_set_per_corpus (self, gtk_spin_button_get_value_as_int (self->per_corpus_spin));
}

static GtkWidget *
labelled (GtkWidget  *row,
          const char *mnemonic,
          GtkWidget  *widget,
          const char *tooltip)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_set_tooltip_text (widget, tooltip);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), widget);
  return widget;
}

static GtkWidget *
build_controls (ScmmEmbeddingView *self)
{
  static const char *const projections[] = { N_("PCA"), N_("t-SNE"), NULL };
  static const char *const colourings[] = { N_("By corpus"), N_("By class"), NULL };
  const char *projection_names[G_N_ELEMENTS (projections)];
  const char *colour_names[G_N_ELEMENTS (colourings)];
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *spin;

  for (guint i = 0; i < G_N_ELEMENTS (projections); i++)
    {
      projection_names[i] = projections[i] != NULL ? _(projections[i]) : NULL;
      colour_names[i] = colourings[i] != NULL ? _(colourings[i]) : NULL;
    }

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_hexpand (heading, TRUE);
  self->heading = GTK_LABEL (heading);
  gtk_box_append (GTK_BOX (row), heading);

  self->projection_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (projection_names));
  labelled (row, _("_Projection"), GTK_WIDGET (self->projection_dropdown),
            _("PCA: the two directions of most variance, a linear view. t-SNE: who is near whom, "
              "slower (a few seconds for a thousand windows)"));
  g_signal_connect_object (self->projection_dropdown, "notify::selected", G_CALLBACK (projection_changed), self,
                           G_CONNECT_SWAPPED);

  self->colour_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (colour_names));
  labelled (row, _("C_olour"), GTK_WIDGET (self->colour_dropdown),
            _("By corpus: the source and the target in two colours. By class: a colour per class, "
              "the source’s markers filled and the target’s hollow"));
  g_signal_connect_object (self->colour_dropdown, "notify::selected", G_CALLBACK (colour_changed), self,
                           G_CONNECT_SWAPPED);

  spin = gtk_spin_button_new_with_range (MIN_PER_CORPUS, SCMM_TSNE_MAX_POINTS / SCMM_EMBEDDING_CORPORA, 50);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), DEFAULT_PER_CORPUS);
  self->per_corpus_spin = GTK_SPIN_BUTTON (spin);
  labelled (row, _("_Windows per corpus"), spin,
            _("Windows drawn from each corpus, spread evenly over its classes"));
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (per_corpus_changed), self, G_CONNECT_SWAPPED);

  self->compute_button = gtk_button_new_with_mnemonic (_("_Compute"));
  gtk_widget_add_css_class (self->compute_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->compute_button,
                               _("Put the windows through both encoders and project them (in the background)"));
  g_signal_connect_object (self->compute_button, "clicked", G_CALLBACK (scmm_embedding_view_compute), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), self->compute_button);

  return row;
}

static GtkWidget *
build_progress (ScmmEmbeddingView *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_width_chars (GTK_LABEL (label), 44);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  self->progress_label = GTK_LABEL (label);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  self->progress_bar = GTK_PROGRESS_BAR (bar);
  gtk_box_append (GTK_BOX (row), label);
  self->cancel_button = gtk_button_new_with_mnemonic (_("C_ancel"));
  g_signal_connect_object (self->cancel_button, "clicked", G_CALLBACK (scmm_embedding_view_cancel), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), bar);
  gtk_box_append (GTK_BOX (row), self->cancel_button);
  gtk_widget_set_visible (row, FALSE);
  self->progress_row = row;
  return row;
}

static GtkWidget *
build_maps (ScmmEmbeddingView *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, SPACING);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, SPACING);
  GtkWidget *verdict = gtk_label_new (NULL);
  GtkWidget *caption = gtk_label_new (NULL);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_widget_set_vexpand (row, TRUE);
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      self->figures[m] = scmm_figure_new (model_title (m));
      scmm_figure_set_equal_axes (self->figures[m], TRUE);
      self->views[m] = SCMM_FIGURE_VIEW (scmm_figure_view_new ());
      scmm_figure_view_set_figure (self->views[m], self->figures[m]);
      gtk_widget_set_hexpand (GTK_WIDGET (self->views[m]), TRUE);
      gtk_widget_set_vexpand (GTK_WIDGET (self->views[m]), TRUE);
      gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->views[m]));
    }

  gtk_label_set_xalign (GTK_LABEL (verdict), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (verdict), TRUE);
  self->verdict = GTK_LABEL (verdict);
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "dim-label");
  self->caption = GTK_LABEL (caption);

  gtk_box_append (GTK_BOX (page), row);
  gtk_box_append (GTK_BOX (page), verdict);
  gtk_box_append (GTK_BOX (page), caption);
  return page;
}

/* ---- GObject ---- */

static void
scmm_embedding_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ScmmEmbeddingView *self = SCMM_EMBEDDING_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROJECTION:
      g_value_set_int (value, self->projection);
      break;
    case PROP_COLOUR_BY:
      g_value_set_int (value, self->colour);
      break;
    case PROP_PER_CORPUS:
      g_value_set_int (value, self->per_corpus);
      break;
    case PROP_COMPUTING:
      g_value_set_boolean (value, self->task != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_embedding_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ScmmEmbeddingView *self = SCMM_EMBEDDING_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROJECTION:
      scmm_embedding_view_set_projection (self, g_value_get_int (value));
      break;
    case PROP_COLOUR_BY:
      scmm_embedding_view_set_colour_by (self, g_value_get_int (value));
      break;
    case PROP_PER_CORPUS:
      scmm_embedding_view_set_per_corpus (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_embedding_view_dispose (GObject *object)
{
  ScmmEmbeddingView *self = SCMM_EMBEDDING_VIEW (object);

  drop_job (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (scmm_embedding_view_parent_class)->dispose (object);
}

static void
scmm_embedding_view_finalize (GObject *object)
{
  ScmmEmbeddingView *self = SCMM_EMBEDDING_VIEW (object);

  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    g_clear_pointer (&self->figures[m], scmm_figure_unref);
  scmm_embedding_map_free (self->map);
  g_free (self->run_dir);
  g_free (self->method_name);
  g_free (self->caption_text);

  G_OBJECT_CLASS (scmm_embedding_view_parent_class)->finalize (object);
}

static void
scmm_embedding_view_class_init (ScmmEmbeddingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = scmm_embedding_view_get_property;
  object_class->set_property = scmm_embedding_view_set_property;
  object_class->dispose = scmm_embedding_view_dispose;
  object_class->finalize = scmm_embedding_view_finalize;

  /**
   * ScmmEmbeddingView:projection:
   *
   * The projection to 2-D, a #ScmmEmbeddingProjection: PCA (0) or t-SNE (1).
   */
  properties[PROP_PROJECTION] =
    g_param_spec_int ("projection", NULL, NULL,
                      SCMM_EMBEDDING_PCA, SCMM_EMBEDDING_TSNE, SCMM_EMBEDDING_PCA,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ScmmEmbeddingView:colour-by:
   *
   * A #ScmmEmbeddingColour: by corpus (0) or by class (1).
   */
  properties[PROP_COLOUR_BY] =
    g_param_spec_int ("colour-by", NULL, NULL,
                      SCMM_EMBEDDING_COLOUR_BY_CORPUS, SCMM_EMBEDDING_COLOUR_BY_CLASS,
                      SCMM_EMBEDDING_COLOUR_BY_CORPUS,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ScmmEmbeddingView:per-corpus:
   *
   * The windows drawn from each corpus by the next Compute.
   */
  properties[PROP_PER_CORPUS] =
    g_param_spec_int ("per-corpus", NULL, NULL,
                      MIN_PER_CORPUS, SCMM_TSNE_MAX_POINTS / SCMM_EMBEDDING_CORPORA, DEFAULT_PER_CORPUS,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ScmmEmbeddingView:computing:
   *
   * Whether a computation is going on.
   */
  properties[PROP_COMPUTING] =
    g_param_spec_boolean ("computing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scmm-embedding-view");
}

static void
scmm_embedding_view_init (ScmmEmbeddingView *self)
{
  GtkWidget *status = gtk_label_new (NULL);

  self->per_corpus = DEFAULT_PER_CORPUS;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, SPACING);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), build_controls (self));
  gtk_box_append (GTK_BOX (self->box), build_progress (self));

  gtk_label_set_xalign (GTK_LABEL (status), 0.0f);
  gtk_widget_add_css_class (status, "dim-label");
  self->status_label = GTK_LABEL (status);
  gtk_box_append (GTK_BOX (self->box), status);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, build_maps (self), "maps");
  gtk_stack_add_named (self->stack,
                       scmm_placeholder_new ("view-grid-symbolic", &self->placeholder_title, &self->placeholder_text),
                       "none");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));

  scmm_embedding_view_set_run_folder (self, NULL, NULL);
}
