/* scmm-training-page.c: the Training page
 *
 * Follows a ScmmRunTask. The task's "progress" signal may come every frame, so
 * it only formats a few numbers into labels and the bar; curve points are
 * appended on EPOCH events (the losses; the learned loss weights p1, p2 and
 * the learning rate, as a fraction of its initial value, on a second
 * figure), subject rows on SUBJECT events. Snapshots of a pre-training
 * batch go to the masks, similarity and reconstruction views, each a page
 * of the views' stack: they draw at most once a frame, and only while
 * shown. A resumed run does
 * not replay what was done before, so what is already in its folder (the
 * pre-training epochs, the subjects done) is read from there, with the
 * engine's ScmmRunFolder reader, when a stage begins. The past runs are the
 * folders of the runs folder that hold a config.ini, newest first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "scmm-figure-view.h"
#include "scmm-masks-view.h"
#include "scmm-reconstruction-view.h"
#include "scmm-resources.h"
#include "scmm-run-folder.h"
#include "scmm-similarity-view.h"
#include "scmm-trainer.h"
#include "scmm-training-page.h"

typedef struct
{
  char   *method;
  char   *subject;
  double  accuracy;
  double  f1;
  int     epoch;
} SubjectRow;

typedef enum {
  COLUMN_METHOD,
  COLUMN_SUBJECT,
  COLUMN_ACCURACY,
  COLUMN_F1,
  COLUMN_EPOCH,
} SubjectColumn;

typedef enum {
  STATS_PRETRAIN,
  STATS_FINETUNE,
} StatsMode;

struct _ScmmTrainingPage
{
  GtkWidget parent_instance;

  /* Template children */
  GtkPaned       *paned;
  GtkStack       *content_stack;
  GtkButton      *start_button;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkWidget      *controls_box;
  GtkWidget      *continue_button;
  GtkWidget      *pause_button;
  GtkWidget      *resume_button;
  GtkWidget      *cancel_button;
  GtkProgressBar *progress_bar;
  GtkWidget      *loss_stat;
  GtkWidget      *loss_c_stat;
  GtkWidget      *loss_r_stat;
  GtkWidget      *weights_stat;
  GtkWidget      *lr_stat;
  GtkWidget      *accuracy_stat;
  GtkWidget      *f1_stat;
  GtkLabel       *loss_caption;
  GtkLabel       *loss_value;
  GtkLabel       *loss_c_value;
  GtkLabel       *loss_r_value;
  GtkLabel       *weights_value;
  GtkLabel       *lr_value;
  GtkLabel       *accuracy_value;
  GtkLabel       *accuracy_caption;
  GtkLabel       *f1_value;
  GtkLabel       *f1_caption;
  GtkStack       *views_stack;
  GtkWidget      *pretrain_figure_box;
  GtkWidget      *weights_figure_box;
  GtkWidget      *finetune_figure_box;
  GtkWidget      *masks_box;
  GtkWidget      *similarity_box;
  GtkWidget      *reconstruction_box;
  GtkLabel       *subjects_heading;
  GtkStack       *subjects_stack;
  GtkColumnView  *subjects_view;
  GtkLabel       *runs_folder_label;
  GtkLabel       *runs_none_label;
  GtkStack       *runs_stack;
  GtkListBox     *runs_list;
  GtkButton      *refresh_button;

  /* The run followed */
  ScmmRunTask    *task;
  ScmmExperiment *config;           /* the run's config.ini, once it is written */
  char           *methods_text;     /* from it: "scmm, supervised" */
  char           *experiment_name;
  StatsMode       stats_mode;
  gboolean        finished;
  gboolean        listed;           /* the run's folder is among the past runs */

  /* Curves */
  ScmmFigure     *pretrain_figure;
  ScmmFigure     *weights_figure;
  ScmmFigure     *finetune_figure;
  GtkWidget      *pretrain_view;
  GtkWidget      *weights_view;
  GtkWidget      *finetune_view;
  char           *pretrain_method;  /* whose curves are shown */
  char           *finetune_method;
  int             loss_series, loss_c_series, loss_r_series;
  int             p1_series, p2_series, lr_series;
  double          lr0;              /* the learning rate's initial value; 0 unknown */
  gboolean        pretrain_log;
  GHashTable     *finetune_series;  /* subject -> series index + 1 */

  /* The latest snapshot's views */
  GtkWidget      *masks_view;
  GtkWidget      *similarity_view;
  GtkWidget      *reconstruction_view;
  char           *masks_method;     /* whose masking the masks view names */

  /* Subjects' results */
  GArray         *subject_rows;     /* SubjectRow */
  GtkStringList  *subject_keys;     /* the rows' indices, as the column view's model */
  GHashTable     *subjects_seen;    /* "method/subject" */
  GtkColumnViewColumn *method_column;

  /* Past runs */
  char           *runs_folder;
};

G_DEFINE_FINAL_TYPE (ScmmTrainingPage, scmm_training_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TASK,
  PROP_RUNS_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_OPEN_RUN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- small helpers ---- */

static void
subject_row_clear (gpointer data)
{
  SubjectRow *row = data;

  g_free (row->method);
  g_free (row->subject);
}

/* GtkLabel relayouts on every set; the progress signal can come every frame
 * with the same text, so only real changes reach the label. */
static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

/* m:ss, or h:mm:ss from an hour on. */
static void
format_duration (double seconds,
                 char  *buffer,
                 gsize  size)
{
  gint64 s = (gint64) llround (MAX (seconds, 0));

  if (s >= 3600)
    g_snprintf (buffer, size, "%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
  else
    g_snprintf (buffer, size, "%d:%02d", (int) (s / 60), (int) (s % 60));
}

/* A learning rate as 5.00×10⁻⁴: what a slide would show. */
static void
format_scientific (double value,
                   char  *buffer,
                   gsize  size)
{
  static const char *const superscripts[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  char exponent_text[32] = "";
  int exponent;
  double mantissa;

  if (value == 0 || !isfinite (value))
    {
      g_snprintf (buffer, size, "%g", value);
      return;
    }

  exponent = (int) floor (log10 (fabs (value)));
  mantissa = value / pow (10, exponent);
  if (fabs (mantissa) >= 9.995)
    {
      mantissa /= 10;
      exponent++;
    }

  if (exponent < 0)
    g_strlcat (exponent_text, "⁻", sizeof exponent_text);
  {
    char digits[16];

    g_snprintf (digits, sizeof digits, "%d", ABS (exponent));
    for (const char *d = digits; *d != '\0'; d++)
      g_strlcat (exponent_text, superscripts[*d - '0'], sizeof exponent_text);
  }
  g_snprintf (buffer, size, "%.2f×10%s", mantissa, exponent_text);
}

static const char *
stage_title (ScmmRunStage stage)
{
  switch (stage)
    {
    case SCMM_RUN_STAGE_PREPARE:
      return _("Preparing the data");
    case SCMM_RUN_STAGE_PRETRAIN:
      return _("Pre-training");
    case SCMM_RUN_STAGE_FINETUNE:
      return _("Fine-tuning");
    case SCMM_RUN_STAGE_DONE:
      return _("Done");
    default:
      return "";
    }
}

/* What a run compares: "scmm, supervised", or all methods. */
static char *
format_methods (const ScmmExperiment *config)
{
  GString *text;

  if (config->n_methods == SCMM_N_METHODS)
    return g_strdup (_("all methods"));

  text = g_string_new (NULL);
  for (int m = 0; m < config->n_methods; m++)
    g_string_append_printf (text, "%s%s", m > 0 ? ", " : "", scmm_method_to_string (config->methods[m]));
  return g_string_free (text, FALSE);
}

/* ---- curves ---- */

static void
pretrain_append (ScmmTrainingPage        *self,
                 const ScmmPretrainEpoch *e)
{
  double values[3] = { e->loss, e->loss_c, e->loss_r };
  int series[3] = { self->loss_series, self->loss_c_series, self->loss_r_series };
  double weights[3] = { e->p1, e->p2, NAN };
  int weight_series[3] = { self->p1_series, self->p2_series, self->lr_series };

  /* Log y needs positive values; a method whose loss can reach 0 gets a linear axis. */
  for (int i = 0; i < 3; i++)
    if (series[i] >= 0 && self->pretrain_log && !(values[i] > 0))
      {
        self->pretrain_log = FALSE;
        scmm_figure_set_y_scale (self->pretrain_figure, SCMM_SCALE_LINEAR);
        scmm_figure_set_axis_labels (self->pretrain_figure, _("epoch"), _("loss"));
      }

  for (int i = 0; i < 3; i++)
    if (series[i] >= 0 && isfinite (values[i]))
      scmm_figure_line_append (self->pretrain_figure, series[i], e->epoch, values[i]);

  /* The schedule as a fraction of its start: on the scale of p1 and p2. */
  if (!(self->lr0 > 0) && e->lr > 0)
    self->lr0 = e->lr;
  if (self->lr0 > 0)
    weights[2] = e->lr / self->lr0;
  for (int i = 0; i < 3; i++)
    if (weight_series[i] >= 0 && isfinite (weights[i]))
      scmm_figure_line_append (self->weights_figure, weight_series[i], e->epoch, weights[i]);
}

/* The epochs of a method's pre-training that the run's folder holds. */
static GArray *
read_pretrain (ScmmTrainingPage *self,
               const char       *method)
{
  g_autoptr(GError) error = NULL;
  GArray *rows;

  if (method == NULL || self->task == NULL || scmm_run_task_get_dir (self->task) == NULL)
    return NULL;

  rows = scmm_run_pretrain_read (scmm_run_task_get_dir (self->task), method, &error);
  if (rows == NULL)
    g_debug ("no pre-training curve to show: %s", error->message);
  return rows;
}

/* The epochs already in the run's folder, up to `up_to`. */
static void
pretrain_prefill (ScmmTrainingPage *self,
                  const char       *method,
                  int               up_to)
{
  g_autoptr(GArray) rows = read_pretrain (self, method);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const ScmmPretrainEpoch *e = &g_array_index (rows, ScmmPretrainEpoch, i);

      if (e->epoch >= 1 && e->epoch <= up_to)
        pretrain_append (self, e);
    }
}

static gboolean
has_pretraining (ScmmTrainingPage *self,
                 const char       *method)
{
  g_autoptr(GArray) rows = read_pretrain (self, method);

  return rows != NULL && rows->len > 0;
}

static void
begin_pretrain_curves (ScmmTrainingPage *self,
                       const char       *method,
                       int               epochs_done)
{
  g_autofree char *title = NULL;
  gboolean reconstruction_only = g_strcmp0 (method, "reconstruction-only") == 0;

  if (method == NULL || g_strcmp0 (method, self->pretrain_method) == 0)
    return;

  g_free (self->pretrain_method);
  self->pretrain_method = g_strdup (method);

  title = g_strdup_printf (_("Pre-training losses — %s"), method);
  scmm_figure_set_title (self->pretrain_figure, title);
  scmm_figure_clear_lines (self->pretrain_figure);
  self->pretrain_log = TRUE;
  scmm_figure_set_y_scale (self->pretrain_figure, SCMM_SCALE_LOG);
  scmm_figure_set_axis_labels (self->pretrain_figure, _("epoch"), _("loss (log scale)"));

  self->loss_series = scmm_figure_add_line (self->pretrain_figure, _("L (total)"), NULL, NULL, 0);
  /* Reconstruction only has no contrastive term: L_C is 0 throughout, p1 unused. */
  self->loss_c_series = reconstruction_only
                        ? -1 : scmm_figure_add_line (self->pretrain_figure, "L_C", NULL, NULL, 0);
  self->loss_r_series = scmm_figure_add_line (self->pretrain_figure, "L_R", NULL, NULL, 0);

  g_free (title);
  title = g_strdup_printf (_("Loss weights and learning rate — %s"), method);
  scmm_figure_set_title (self->weights_figure, title);
  scmm_figure_clear_lines (self->weights_figure);
  self->p1_series = reconstruction_only
                    ? -1 : scmm_figure_add_line (self->weights_figure, _("p1 (of L_C)"), NULL, NULL, 0);
  self->p2_series = scmm_figure_add_line (self->weights_figure, _("p2 (of L_R)"), NULL, NULL, 0);
  self->lr_series = scmm_figure_add_line (self->weights_figure, _("lr / lr₀"), NULL, NULL, 0);
  self->lr0 = self->config != NULL ? self->config->pretrain_lr : 0;

  if (epochs_done > 0)
    pretrain_prefill (self, method, epochs_done);

  scmm_figure_view_update (SCMM_FIGURE_VIEW (self->pretrain_view));
  scmm_figure_view_update (SCMM_FIGURE_VIEW (self->weights_view));
}

static int
finetune_series_for (ScmmTrainingPage *self,
                     const char       *subject)
{
  gpointer found = g_hash_table_lookup (self->finetune_series, subject);
  int series;

  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;

  series = scmm_figure_add_line (self->finetune_figure, subject, NULL, NULL, 0);
  g_hash_table_insert (self->finetune_series, g_strdup (subject), GINT_TO_POINTER (series + 1));
  return series;
}

static void add_subject_row (ScmmTrainingPage *self,
                             const char       *method,
                             const char       *subject,
                             double            accuracy,
                             double            f1,
                             int               epoch);

/* A resumed run skips the subjects done before: their results and curves
 * are in the run folder. */
static void
finetune_prefill (ScmmTrainingPage *self,
                  const char       *method)
{
  g_autoptr(ScmmRunMethod) done = NULL;
  g_autoptr(GError) error = NULL;

  if (self->task == NULL || scmm_run_task_get_dir (self->task) == NULL)
    return;

  done = scmm_run_method_read (scmm_run_task_get_dir (self->task), method, &error);
  if (done == NULL)
    {
      g_debug ("no subjects to show: %s", error->message);
      return;
    }

  for (guint i = 0; i < done->subjects->len; i++)
    {
      const ScmmRunSubject *subject = g_ptr_array_index (done->subjects, i);
      int series;

      add_subject_row (self, method, subject->name, subject->accuracy, subject->macro_f1,
                       subject->selected_epoch);

      if (subject->finetune->len == 0)
        continue;
      series = finetune_series_for (self, subject->name);
      for (guint e = 0; e < subject->finetune->len; e++)
        {
          const ScmmFinetuneEpoch *epoch = &g_array_index (subject->finetune, ScmmFinetuneEpoch, e);

          scmm_figure_line_append (self->finetune_figure, series, epoch->epoch,
                                   100 * epoch->test_accuracy);
        }
    }
}

static void
begin_finetune_curves (ScmmTrainingPage *self,
                       const char       *method)
{
  g_autofree char *title = NULL;

  if (method == NULL || g_strcmp0 (method, self->finetune_method) == 0)
    return;

  g_free (self->finetune_method);
  self->finetune_method = g_strdup (method);

  title = g_strdup_printf (_("Fine-tuning test accuracy — %s"), method);
  scmm_figure_set_title (self->finetune_figure, title);
  scmm_figure_clear_lines (self->finetune_figure);
  g_hash_table_remove_all (self->finetune_series);

  finetune_prefill (self, method);
  scmm_figure_view_update (SCMM_FIGURE_VIEW (self->finetune_view));
}

static void
reset_curves (ScmmTrainingPage *self)
{
  g_clear_pointer (&self->pretrain_method, g_free);
  g_clear_pointer (&self->finetune_method, g_free);
  g_hash_table_remove_all (self->finetune_series);
  self->loss_series = self->loss_c_series = self->loss_r_series = -1;
  self->p1_series = self->p2_series = self->lr_series = -1;
  self->lr0 = 0;

  scmm_figure_clear_lines (self->pretrain_figure);
  scmm_figure_set_title (self->pretrain_figure, _("Pre-training losses"));
  scmm_figure_set_axis_labels (self->pretrain_figure, _("epoch"), _("loss (log scale)"));
  scmm_figure_set_y_scale (self->pretrain_figure, SCMM_SCALE_LOG);

  scmm_figure_clear_lines (self->weights_figure);
  scmm_figure_set_title (self->weights_figure, _("Loss weights and learning rate"));
  scmm_figure_set_axis_labels (self->weights_figure, _("epoch"), _("p1, p2 and lr / lr₀"));

  scmm_figure_clear_lines (self->finetune_figure);
  scmm_figure_set_title (self->finetune_figure, _("Fine-tuning test accuracy"));
  scmm_figure_set_axis_labels (self->finetune_figure, _("epoch"), _("test accuracy (%)"));

  scmm_figure_view_update (SCMM_FIGURE_VIEW (self->pretrain_view));
  scmm_figure_view_update (SCMM_FIGURE_VIEW (self->weights_view));
  scmm_figure_view_update (SCMM_FIGURE_VIEW (self->finetune_view));
}

/* ---- the subjects' results ---- */

static SubjectRow *
subject_row_for_item (ScmmTrainingPage *self,
                      GtkListItem      *item)
{
  GtkStringObject *key = gtk_list_item_get_item (item);
  guint index = (guint) atoi (gtk_string_object_get_string (key));

  g_return_val_if_fail (index < self->subject_rows->len, NULL);
  return &g_array_index (self->subject_rows, SubjectRow, index);
}

static void
subject_cell_setup (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  SubjectColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_METHOD || column == COLUMN_SUBJECT ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
subject_cell_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  ScmmTrainingPage *self = user_data;
  SubjectColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  SubjectRow *row = subject_row_for_item (self, item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  char text[64];

  if (row == NULL)
    return;

  switch (column)
    {
    case COLUMN_METHOD:
      gtk_label_set_label (label, row->method);
      return;
    case COLUMN_SUBJECT:
      gtk_label_set_label (label, row->subject);
      return;
    case COLUMN_ACCURACY:
      g_snprintf (text, sizeof text, "%.2f %%", 100 * row->accuracy);
      break;
    case COLUMN_F1:
      g_snprintf (text, sizeof text, "%.2f %%", 100 * row->f1);
      break;
    case COLUMN_EPOCH:
      g_snprintf (text, sizeof text, "%d", row->epoch);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (label, text);
}

static GtkColumnViewColumn *
add_subject_column (ScmmTrainingPage *self,
                    const char       *title,
                    SubjectColumn     column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (subject_cell_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (subject_cell_bind), self);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, TRUE);
  gtk_column_view_append_column (self->subjects_view, view_column);
  g_object_unref (view_column);

  return view_column;
}

static void
update_subjects_heading (ScmmTrainingPage *self,
                         int               subjects)
{
  g_autofree char *text = NULL;
  guint done = self->subject_rows->len;

  if (subjects > 0)
    text = g_strdup_printf (_("Target Subjects (%u done, %d per method)"), done, subjects);
  else
    text = g_strdup_printf (_("Target Subjects (%u done)"), done);
  set_label_text (self->subjects_heading, text);
}

/* The subjects' list follows its newest row, as a log does. GtkListBase
 * scrolls by anchoring an item, so setting the adjustment is undone at the
 * next layout; its "list.scroll-to-item" action moves the anchor. GTK 4.8's
 * GtkColumnView has no scroll_to (4.12) and installs the action on its
 * inner GtkListView. */
static void
scroll_subjects_to (ScmmTrainingPage *self,
                    guint             position)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->subjects_view));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      {
        gtk_widget_activate_action (c, "list.scroll-to-item", "u", position);
        return;
      }
}

static void
add_subject_row (ScmmTrainingPage *self,
                 const char       *method,
                 const char       *subject,
                 double            accuracy,
                 double            f1,
                 int               epoch)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", method != NULL ? method : "", subject);
  SubjectRow row = {
    .method = g_strdup (method != NULL ? method : ""),
    .subject = g_strdup (subject),
    .accuracy = accuracy,
    .f1 = f1,
    .epoch = epoch,
  };
  char index[16];

  if (!g_hash_table_add (self->subjects_seen, g_steal_pointer (&key)))
    {
      subject_row_clear (&row);
      return;
    }

  g_array_append_val (self->subject_rows, row);
  g_snprintf (index, sizeof index, "%u", self->subject_rows->len - 1);
  gtk_string_list_append (self->subject_keys, index);
  gtk_stack_set_visible_child_name (self->subjects_stack, "list");

  scroll_subjects_to (self, self->subject_rows->len - 1);
}

static void
clear_subject_rows (ScmmTrainingPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->subject_keys));

  gtk_string_list_splice (self->subject_keys, 0, n, NULL);
  g_array_set_size (self->subject_rows, 0);
  g_hash_table_remove_all (self->subjects_seen);
  gtk_stack_set_visible_child_name (self->subjects_stack, "none");
  gtk_column_view_column_set_visible (self->method_column, FALSE);
  update_subjects_heading (self, 0);
}

/* ---- live values ---- */

static void
set_stats_mode (ScmmTrainingPage *self,
                StatsMode         mode)
{
  gboolean pretrain = mode == STATS_PRETRAIN;

  if (self->stats_mode == mode)
    return;
  self->stats_mode = mode;

  gtk_widget_set_visible (self->loss_c_stat, pretrain);
  gtk_widget_set_visible (self->loss_r_stat, pretrain);
  gtk_widget_set_visible (self->weights_stat, pretrain);
  gtk_widget_set_visible (self->lr_stat, pretrain);
  gtk_widget_set_visible (self->accuracy_stat, !pretrain);
  gtk_widget_set_visible (self->f1_stat, !pretrain);
  set_label_text (self->loss_caption, pretrain ? _("Loss L") : _("Loss (cross-entropy)"));
}

static void
reset_stats (ScmmTrainingPage *self)
{
  GtkLabel *labels[] = { self->loss_value, self->loss_c_value, self->loss_r_value,
                         self->weights_value, self->lr_value, self->accuracy_value,
                         self->f1_value };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    set_label_text (labels[i], "–");
  self->stats_mode = STATS_FINETUNE;
  set_stats_mode (self, STATS_PRETRAIN);
}

static void
show_values (ScmmTrainingPage   *self,
             const ScmmRunEvent *ev)
{
  char text[128];

  if (ev->stage == SCMM_RUN_STAGE_PRETRAIN)
    {
      set_stats_mode (self, STATS_PRETRAIN);
      g_snprintf (text, sizeof text, "%.4f", ev->loss);
      set_label_text (self->loss_value, text);
      g_snprintf (text, sizeof text, "%.4f", ev->loss_c);
      set_label_text (self->loss_c_value, text);
      g_snprintf (text, sizeof text, "%.4f", ev->loss_r);
      set_label_text (self->loss_r_value, text);
      g_snprintf (text, sizeof text, "%.3f  %.3f", ev->p1, ev->p2);
      set_label_text (self->weights_value, text);
      format_scientific (ev->lr, text, sizeof text);
      set_label_text (self->lr_value, text);
    }
  else if (ev->stage == SCMM_RUN_STAGE_FINETUNE)
    {
      set_stats_mode (self, STATS_FINETUNE);
      g_snprintf (text, sizeof text, "%.4f", ev->loss);
      set_label_text (self->loss_value, text);
      /* Fine-tuning scores come with its epochs. */
      if (ev->kind == SCMM_RUN_EVENT_EPOCH)
        {
          g_snprintf (text, sizeof text, "%.2f %%", 100 * ev->accuracy);
          set_label_text (self->accuracy_value, text);
          g_snprintf (text, sizeof text, "%.2f %%", 100 * ev->f1);
          set_label_text (self->f1_value, text);
          /* Whose: the subject being fine-tuned, at this epoch. */
          g_snprintf (text, sizeof text, _("Test accuracy · subject %s, epoch %d"),
                      ev->subject != NULL ? ev->subject : "?", ev->epoch);
          set_label_text (self->accuracy_caption, text);
          g_snprintf (text, sizeof text, _("Test macro-F1 · subject %s, epoch %d"),
                      ev->subject != NULL ? ev->subject : "?", ev->epoch);
          set_label_text (self->f1_caption, text);
        }
    }
}

/* "Pre-training · scmm (1/3) · epoch 3/20 · step 12/40 · 42 % · 0:31 left" */
static void
format_progress (ScmmTrainingPage   *self,
                 const ScmmRunEvent *ev,
                 GString            *out)
{
  char eta[32];

  if (self->task != NULL && scmm_run_task_get_paused (self->task))
    g_string_append (out, _("Paused · "));

  g_string_append (out, stage_title (ev->stage));

  if (ev->method != NULL)
    {
      if (ev->methods > 1)
        g_string_append_printf (out, " · %s (%d/%d)", ev->method, ev->method_index + 1, ev->methods);
      else
        g_string_append_printf (out, " · %s", ev->method);
    }

  if (ev->stage == SCMM_RUN_STAGE_FINETUNE && ev->subjects > 0)
    {
      char index[16];

      g_snprintf (index, sizeof index, "%d", ev->subject_index);
      g_string_append_printf (out, _(" · subject %d/%d"), ev->subject_index, ev->subjects);
      if (ev->subject != NULL && strcmp (ev->subject, index) != 0)
        g_string_append_printf (out, " (%s)", ev->subject);
    }

  if (ev->epochs > 0 && ev->epoch > 0)
    g_string_append_printf (out, _(" · epoch %d/%d"), ev->epoch, ev->epochs);

  if (ev->stage == SCMM_RUN_STAGE_PRETRAIN && ev->kind == SCMM_RUN_EVENT_STEP && ev->steps > 0)
    g_string_append_printf (out, _(" · step %d/%d"), ev->step, ev->steps);

  g_string_append_printf (out, " · %d %%", (int) floor (100 * CLAMP (ev->fraction_done, 0, 1)));

  if (ev->eta_s >= 0 && isfinite (ev->eta_s))
    {
      format_duration (ev->eta_s, eta, sizeof eta);
      g_string_append_printf (out, _(" · %s left"), eta);
    }
}

static void
update_progress_bar (ScmmTrainingPage   *self,
                     const ScmmRunEvent *ev)
{
  GString *text = g_string_sized_new (128);
  double fraction = CLAMP (ev->fraction_done, 0, 1);

  format_progress (self, ev, text);
  if (g_strcmp0 (gtk_progress_bar_get_text (self->progress_bar), text->str) != 0)
    gtk_progress_bar_set_text (self->progress_bar, text->str);
  if (fabs (gtk_progress_bar_get_fraction (self->progress_bar) - fraction) > 1e-4)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  g_string_free (text, TRUE);
}

/* ---- the snapshot views ---- */

static void
set_placeholders (ScmmTrainingPage *self)
{
  static const char *const what[] = {
    N_("its samples and their masked views"),
    N_("its similarity S, soft targets W and aggregator weights R"),
    N_("its reconstructions"),
  };
  GtkWidget *views[] = { self->masks_view, self->similarity_view, self->reconstruction_view };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *text = NULL;

      if (self->config == NULL)
        continue;
      if (self->config->snapshot_every <= 0)
        text = g_strdup_printf (_("This run takes no snapshots of its batches. To see %s, set "
                                  "“Snapshot every” on the Experiment page (snapshot_every in [run]) "
                                  "before starting a run."), _(what[i]));
      else
        text = g_strdup_printf (ngettext ("A snapshot of the batch is taken every %d pre-training step: "
                                          "%s show here from the first.",
                                          "A snapshot of the batch is taken every %d pre-training steps: "
                                          "%s show here from the first.",
                                          self->config->snapshot_every),
                                self->config->snapshot_every, _(what[i]));
      scmm_snapshot_view_set_placeholder_text (SCMM_SNAPSHOT_VIEW (views[i]), text);
    }
}

static void
clear_snapshot_views (ScmmTrainingPage *self)
{
  GtkWidget *views[] = { self->masks_view, self->similarity_view, self->reconstruction_view };

  g_clear_pointer (&self->masks_method, g_free);
  scmm_masks_view_set_mask_config (SCMM_MASKS_VIEW (self->masks_view), NULL);
  scmm_masks_view_set_snapshot (SCMM_MASKS_VIEW (self->masks_view), NULL);
  scmm_similarity_view_set_snapshot (SCMM_SIMILARITY_VIEW (self->similarity_view), NULL);
  scmm_reconstruction_view_set_snapshot (SCMM_RECONSTRUCTION_VIEW (self->reconstruction_view), NULL);
  /* Until the run's config says more. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    scmm_snapshot_view_set_placeholder_text (SCMM_SNAPSHOT_VIEW (views[i]),
                                             _("The batch shows here at the first snapshot of pre-training."));
}

/* The run's config, once its folder has one: what the header names, and
 * the masking and snapshot cadence the views tell of. */
static void
read_config (ScmmTrainingPage *self)
{
  const char *dir = self->task != NULL ? scmm_run_task_get_dir (self->task) : NULL;
  g_autoptr(ScmmRunFolder) folder = NULL;

  if (self->config != NULL || dir == NULL)
    return;

  folder = scmm_run_folder_read_summary (dir, NULL);
  if (folder == NULL || folder->config == NULL)
    return;

  self->config = g_steal_pointer (&folder->config);
  self->experiment_name = g_strdup (self->config->name);
  self->methods_text = format_methods (self->config);
  set_placeholders (self);
}

/* The masking of the snapshot's method, as the engine sets it up. */
static void
follow_masks_method (ScmmTrainingPage   *self,
                     const ScmmSnapshot *snapshot)
{
  ScmmPretrainLoss loss;
  ScmmMaskConfig mask;
  ScmmMethod method;

  if (g_strcmp0 (snapshot->method, self->masks_method) == 0)
    return;

  g_free (self->masks_method);
  self->masks_method = g_strdup (snapshot->method);
  if (self->config != NULL && scmm_method_from_string (snapshot->method, &method))
    {
      scmm_method_pretrain_config (self->config, method, &loss, &mask);
      scmm_masks_view_set_mask_config (SCMM_MASKS_VIEW (self->masks_view), &mask);
    }
  else
    scmm_masks_view_set_mask_config (SCMM_MASKS_VIEW (self->masks_view), NULL);
}

static void
task_snapshot (ScmmTrainingPage *self,
               gpointer          data,
               ScmmRunTask      *task)
{
  ScmmSnapshot *snapshot = data;

  if (snapshot == NULL)
    return;

  read_config (self);
  follow_masks_method (self, snapshot);
  /* Each view draws it at its next frame, or when it is shown. */
  scmm_masks_view_set_snapshot (SCMM_MASKS_VIEW (self->masks_view), snapshot);
  scmm_similarity_view_set_snapshot (SCMM_SIMILARITY_VIEW (self->similarity_view), snapshot);
  scmm_reconstruction_view_set_snapshot (SCMM_RECONSTRUCTION_VIEW (self->reconstruction_view), snapshot);
}

/* ---- the header and controls ---- */

static void
update_header (ScmmTrainingPage *self,
               const char       *status)
{
  const char *dir = self->task != NULL ? scmm_run_task_get_dir (self->task) : NULL;
  g_autofree char *base = dir != NULL ? g_path_get_basename (dir) : g_strdup (_("Run"));
  g_autofree char *subtitle = NULL;
  GString *parts = g_string_new (NULL);

  read_config (self);

  set_label_text (self->title_label, base);
  if (dir != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), dir);

  if (self->experiment_name != NULL && self->experiment_name[0] != '\0')
    g_string_append (parts, self->experiment_name);
  if (self->methods_text != NULL)
    g_string_append_printf (parts, "%s%s", parts->len > 0 ? " · " : "", self->methods_text);
  if (status != NULL)
    g_string_append_printf (parts, "%s%s", parts->len > 0 ? " · " : "", status);

  subtitle = g_string_free (parts, FALSE);
  set_label_text (self->subtitle_label, subtitle);
}

static void
update_controls (ScmmTrainingPage *self)
{
  gboolean running = self->task != NULL && !self->finished && scmm_run_task_get_running (self->task);
  gboolean paused = running && scmm_run_task_get_paused (self->task);

  gtk_widget_set_visible (self->controls_box, running);
  gtk_widget_set_visible (self->pause_button, !paused);
  gtk_widget_set_visible (self->resume_button, paused);
}

/* ---- the task's signals ---- */

/* The run's folder holds its record once training begins: list it. */
static void
list_run_once (ScmmTrainingPage *self)
{
  if (self->listed)
    return;
  self->listed = TRUE;
  scmm_training_page_refresh_runs (self);
}

static void
task_progress (ScmmTrainingPage *self,
               ScmmRunTask      *task)
{
  const ScmmRunEvent *ev = scmm_run_task_get_progress (task);

  if (ev == NULL || self->finished)
    return;

  update_progress_bar (self, ev);
  show_values (self, ev);
}

static void
task_event (ScmmTrainingPage *self,
            gpointer          data,
            ScmmRunTask      *task)
{
  const ScmmRunEvent *ev = data;
  int series;

  switch (ev->kind)
    {
    case SCMM_RUN_EVENT_STAGE:
      switch (ev->stage)
        {
        case SCMM_RUN_STAGE_PREPARE:
          update_header (self, _("preparing the corpora"));
          gtk_progress_bar_set_text (self->progress_bar, _("Preparing the corpora and samples…"));
          break;
        case SCMM_RUN_STAGE_PRETRAIN:
          list_run_once (self);
          update_header (self, _("running"));
          begin_pretrain_curves (self, ev->method, ev->epoch);
          set_stats_mode (self, STATS_PRETRAIN);
          update_progress_bar (self, ev);
          break;
        case SCMM_RUN_STAGE_FINETUNE:
          list_run_once (self);
          update_header (self, _("running"));
          /* A resumed run whose pre-training was done says nothing of it. */
          if (g_strcmp0 (ev->method, self->pretrain_method) != 0 && has_pretraining (self, ev->method))
            begin_pretrain_curves (self, ev->method, G_MAXINT);
          begin_finetune_curves (self, ev->method);
          if (ev->subject != NULL)
            {
              finetune_series_for (self, ev->subject);
              scmm_figure_view_update (SCMM_FIGURE_VIEW (self->finetune_view));
            }
          set_stats_mode (self, STATS_FINETUNE);
          set_label_text (self->loss_value, "–");
          set_label_text (self->accuracy_value, "–");
          set_label_text (self->f1_value, "–");
          set_label_text (self->accuracy_caption, _("Test accuracy"));
          set_label_text (self->f1_caption, _("Test macro-F1"));
          update_subjects_heading (self, ev->subjects);
          update_progress_bar (self, ev);
          break;
        case SCMM_RUN_STAGE_DONE:
          gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
          break;
        default:
          break;
        }
      break;

    case SCMM_RUN_EVENT_EPOCH:
      if (ev->stage == SCMM_RUN_STAGE_PRETRAIN)
        {
          ScmmPretrainEpoch epoch = {
            .epoch = ev->epoch, .loss = ev->loss, .loss_c = ev->loss_c, .loss_r = ev->loss_r,
            .p1 = ev->p1, .p2 = ev->p2, .lr = ev->lr,
          };

          begin_pretrain_curves (self, ev->method, ev->epoch - 1);
          pretrain_append (self, &epoch);
          scmm_figure_view_update (SCMM_FIGURE_VIEW (self->pretrain_view));
          scmm_figure_view_update (SCMM_FIGURE_VIEW (self->weights_view));
        }
      else if (ev->stage == SCMM_RUN_STAGE_FINETUNE && ev->subject != NULL)
        {
          begin_finetune_curves (self, ev->method);
          series = finetune_series_for (self, ev->subject);
          scmm_figure_line_append (self->finetune_figure, series, ev->epoch, 100 * ev->accuracy);
          scmm_figure_view_update (SCMM_FIGURE_VIEW (self->finetune_view));
        }
      show_values (self, ev);
      break;

    case SCMM_RUN_EVENT_SUBJECT:
      if (ev->subject != NULL)
        {
          if (ev->methods > 1)
            gtk_column_view_column_set_visible (self->method_column, TRUE);
          add_subject_row (self, ev->method, ev->subject, ev->accuracy, ev->f1, ev->epoch);
          update_subjects_heading (self, ev->subjects);
        }
      break;

    default:
      break;
    }
}

static void
task_finished (ScmmTrainingPage *self,
               gboolean          ok,
               ScmmRunTask      *task)
{
  const ScmmRunEvent *last = scmm_run_task_get_progress (task);
  char elapsed[32] = "";
  g_autofree char *status = NULL;

  self->finished = TRUE;

  if (last != NULL)
    format_duration (last->elapsed_s, elapsed, sizeof elapsed);

  if (ok)
    {
      status = last != NULL ? g_strdup_printf (_("finished in %s"), elapsed) : g_strdup (_("finished"));
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      gtk_progress_bar_set_text (self->progress_bar, _("Finished · the results are on the Results page"));
    }
  else if (scmm_run_task_get_cancelled (task))
    {
      status = g_strdup (_("stopped"));
      gtk_progress_bar_set_text (self->progress_bar,
                                 _("Stopped · what was done is kept; Continue goes on from there"));
    }
  else
    {
      const GError *error = scmm_run_task_get_error (task);

      status = g_strdup (_("failed"));
      if (error != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Failed: %s"), error->message);

          gtk_progress_bar_set_text (self->progress_bar, text);
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress_bar), error->message);
        }
      else
        gtk_progress_bar_set_text (self->progress_bar, _("Failed"));
    }

  /* A stopped or failed run keeps what it did: it can go on (win.continue-run). */
  if (!ok && scmm_run_task_get_dir (task) != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->continue_button), "s",
                                        scmm_run_task_get_dir (task));
      gtk_widget_set_visible (self->continue_button, TRUE);
    }

  update_header (self, status);
  update_controls (self);
  scmm_training_page_refresh_runs (self);
}

static void
task_notify_running_or_paused (ScmmTrainingPage *self,
                               GParamSpec       *pspec,
                               ScmmRunTask      *task)
{
  const ScmmRunEvent *ev = scmm_run_task_get_progress (task);

  update_controls (self);
  if (ev != NULL && !self->finished)
    update_progress_bar (self, ev);
}

/* ---- past runs ---- */

typedef struct
{
  char   *dir;
  char   *name;
  char   *experiment;
  char   *methods;
  char   *status;
  char   *why;       /* a failed run's reason */
  gint64  time;      /* unix seconds */
} PastRun;

static void
past_run_free (gpointer data)
{
  PastRun *run = data;

  g_free (run->dir);
  g_free (run->name);
  g_free (run->experiment);
  g_free (run->methods);
  g_free (run->status);
  g_free (run->why);
  g_free (run);
}

static int
past_run_compare_newest_first (gconstpointer a,
                               gconstpointer b)
{
  const PastRun *ra = *(const PastRun *const *) a;
  const PastRun *rb = *(const PastRun *const *) b;

  if (ra->time != rb->time)
    return ra->time > rb->time ? -1 : 1;
  return g_utf8_collate (ra->name, rb->name);
}

static PastRun *
read_past_run (ScmmTrainingPage *self,
               const char       *dir,
               const char       *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScmmRunFolder) folder = scmm_run_folder_read_summary (dir, &error);
  PastRun *run = g_new0 (PastRun, 1);
  GStatBuf st;

  run->dir = g_strdup (dir);
  run->name = g_strdup (name);

  if (folder == NULL)
    {
      /* Listed still: what is wrong goes in the tooltip. */
      run->status = g_strdup (_("cannot be read"));
      run->why = g_strdup (error->message);
    }
  else
    {
      run->experiment = g_strdup (folder->config->name);
      run->methods = format_methods (folder->config);
      run->time = folder->record->updated;
      /* "stopped", "failed": the word, and why in the tooltip. */
      run->status = g_strdup (folder->record->status_word != NULL ? folder->record->status_word
                                                                  : _("not started"));
      run->why = g_strdup (folder->record->why);
    }

  if (run->time == 0 && g_stat (dir, &st) == 0)
    run->time = st.st_mtime;

  if (folder != NULL && folder->record->status == SCMM_RUN_STATUS_RUNNING)
    {
      const char *task_dir = self->task != NULL ? scmm_run_task_get_dir (self->task) : NULL;
      gboolean ours = FALSE;

      if (task_dir != NULL)
        {
          g_autofree char *a = g_canonicalize_filename (task_dir, NULL);
          g_autofree char *b = g_canonicalize_filename (dir, NULL);

          ours = strcmp (a, b) == 0 && !self->finished;
        }
      /* A record left at "running" by a run that is not going on any more:
       * killed, or the application quit. */
      g_free (run->status);
      run->status = g_strdup (ours ? _("running") : _("interrupted"));
    }

  return run;
}

static GtkWidget *
past_run_row_new (const PastRun *run)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (run->name);
  GtkWidget *details;
  GtkWidget *methods = gtk_label_new (run->methods != NULL ? run->methods : "");
  g_autofree char *details_text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *tooltip = NULL;
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (run->time);

  date = time != NULL ? g_date_time_format (time, "%e %b %Y, %H:%M") : g_strdup ("");
  details_text = g_strdup_printf ("%s · %s", g_strstrip (date), run->status);
  details = gtk_label_new (details_text);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");

  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  if (g_strcmp0 (run->status, "failed") == 0)
    gtk_widget_add_css_class (details, "error");
  else
    gtk_widget_add_css_class (details, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (methods), 0);
  gtk_label_set_ellipsize (GTK_LABEL (methods), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (methods, "caption");
  gtk_widget_add_css_class (methods, "dim-label");

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_box_append (GTK_BOX (box), methods);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (line), box);

  /* What did not finish can go on from where it stopped. */
  if (g_strcmp0 (run->status, "stopped") == 0 || g_strcmp0 (run->status, "interrupted") == 0
      || g_strcmp0 (run->status, "failed") == 0)
    {
      GtkWidget *resume = gtk_button_new_from_icon_name ("media-playback-start-symbolic");

      gtk_widget_add_css_class (resume, "flat");
      gtk_widget_set_valign (resume, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (resume, _("Continue this run from where it stopped"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (resume), "win.continue-run");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (resume), "s", run->dir);
      gtk_box_append (GTK_BOX (line), resume);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);

  tooltip = g_strdup_printf ("%s%s%s\n%s",
                             run->experiment != NULL ? run->experiment : run->name,
                             run->why != NULL ? "\n" : "", run->why != NULL ? run->why : "",
                             run->dir);
  gtk_widget_set_tooltip_text (row, tooltip);
  g_object_set_data_full (G_OBJECT (row), "run-dir", g_strdup (run->dir), g_free);

  return row;
}

static void
runs_list_row_activated (ScmmTrainingPage *self,
                         GtkListBoxRow    *row,
                         GtkListBox       *list)
{
  const char *dir = g_object_get_data (G_OBJECT (row), "run-dir");

  if (dir != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_RUN], 0, dir);
}

/**
 * scmm_training_page_refresh_runs:
 * @page: a #ScmmTrainingPage
 *
 * Lists the run folders of the runs folder again: every folder holding a
 * config.ini, newest first, with its date, status and methods.
 */
const char *const *
scmm_training_page_view_names (void)
{
  static const char *const names[] = { "curves", "masks", "similarity", "reconstruction", NULL };

  return names;
}

void
scmm_training_page_show_view (ScmmTrainingPage *page,
                              const char       *name)
{
  g_return_if_fail (SCMM_IS_TRAINING_PAGE (page));
  g_return_if_fail (g_strv_contains (scmm_training_page_view_names (), name));

  gtk_stack_set_visible_child_name (page->views_stack, name);
}

void
scmm_training_page_refresh_runs (ScmmTrainingPage *page)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (past_run_free);
  g_autoptr(GDir) dir = NULL;
  GtkWidget *child;
  const char *name;

  g_return_if_fail (SCMM_IS_TRAINING_PAGE (page));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (page->runs_list))) != NULL)
    gtk_list_box_remove (page->runs_list, child);

  if (page->runs_folder == NULL)
    {
      set_label_text (page->runs_folder_label, "");
      set_label_text (page->runs_none_label, _("No runs folder is set."));
      gtk_stack_set_visible_child_name (page->runs_stack, "none");
      return;
    }

  set_label_text (page->runs_folder_label, page->runs_folder);
  gtk_widget_set_tooltip_text (GTK_WIDGET (page->runs_folder_label), page->runs_folder);

  dir = g_dir_open (page->runs_folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (page->runs_folder, name, NULL);
      g_autofree char *config = g_build_filename (path, "config.ini", NULL);

      if (g_file_test (config, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (runs, read_past_run (page, path, name));
    }
  g_ptr_array_sort (runs, past_run_compare_newest_first);

  for (guint i = 0; i < runs->len; i++)
    gtk_list_box_append (page->runs_list, past_run_row_new (g_ptr_array_index (runs, i)));

  if (runs->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("No runs in %s yet."), page->runs_folder);

      set_label_text (page->runs_none_label, text);
    }
  gtk_stack_set_visible_child_name (page->runs_stack, runs->len > 0 ? "list" : "none");
}

/* ---- public API ---- */

GtkWidget *
scmm_training_page_new (void)
{
  return g_object_new (SCMM_TYPE_TRAINING_PAGE, NULL);
}

static void
disconnect_task (ScmmTrainingPage *self)
{
  if (self->task == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->task, self);
  g_clear_object (&self->task);
}

/**
 * scmm_training_page_set_task:
 * @page: a #ScmmTrainingPage
 * @task: (nullable): the run to follow
 *
 * Follows @task (a reference is kept): its progress, curves and subjects'
 * results. %NULL shows the empty state.
 */
void
scmm_training_page_set_task (ScmmTrainingPage *page,
                             ScmmRunTask      *task)
{
  g_return_if_fail (SCMM_IS_TRAINING_PAGE (page));
  g_return_if_fail (task == NULL || SCMM_IS_RUN_TASK (task));

  if (page->task == task)
    return;

  disconnect_task (page);
  g_clear_pointer (&page->config, scmm_experiment_free);
  g_clear_pointer (&page->methods_text, g_free);
  g_clear_pointer (&page->experiment_name, g_free);
  page->finished = FALSE;
  page->listed = FALSE;
  gtk_widget_set_visible (page->continue_button, FALSE);

  reset_curves (page);
  clear_subject_rows (page);
  reset_stats (page);
  clear_snapshot_views (page);
  gtk_progress_bar_set_fraction (page->progress_bar, 0);
  gtk_progress_bar_set_text (page->progress_bar, _("Starting…"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (page->progress_bar), NULL);

  if (task != NULL)
    {
      const ScmmRunEvent *ev;

      page->task = g_object_ref (task);
      g_signal_connect_object (task, "progress", G_CALLBACK (task_progress), page, G_CONNECT_SWAPPED);
      g_signal_connect_object (task, "event", G_CALLBACK (task_event), page, G_CONNECT_SWAPPED);
      g_signal_connect_object (task, "snapshot", G_CALLBACK (task_snapshot), page, G_CONNECT_SWAPPED);
      g_signal_connect_object (task, "finished", G_CALLBACK (task_finished), page, G_CONNECT_SWAPPED);
      g_signal_connect_object (task, "notify::running", G_CALLBACK (task_notify_running_or_paused),
                               page, G_CONNECT_SWAPPED);
      g_signal_connect_object (task, "notify::paused", G_CALLBACK (task_notify_running_or_paused),
                               page, G_CONNECT_SWAPPED);

      update_header (page, scmm_run_task_get_running (task) ? _("running") : _("starting"));
      task_snapshot (page, scmm_run_task_get_snapshot (task), task);
      ev = scmm_run_task_get_progress (task);
      if (ev != NULL)
        task_progress (page, task);
      /* A task that is over already says so at once. */
      if (ev != NULL && !scmm_run_task_get_running (task))
        task_finished (page, scmm_run_task_get_error (task) == NULL && !scmm_run_task_get_cancelled (task),
                       task);
      gtk_stack_set_visible_child_name (page->content_stack, "run");
    }
  else
    gtk_stack_set_visible_child_name (page->content_stack, "empty");

  update_controls (page);
  scmm_training_page_refresh_runs (page);
  g_object_notify_by_pspec (G_OBJECT (page), properties[PROP_TASK]);
}

ScmmRunTask *
scmm_training_page_get_task (ScmmTrainingPage *page)
{
  g_return_val_if_fail (SCMM_IS_TRAINING_PAGE (page), NULL);

  return page->task;
}

/**
 * scmm_training_page_set_runs_folder:
 * @page: a #ScmmTrainingPage
 * @folder: (nullable): the folder whose run folders are the past runs
 */
void
scmm_training_page_set_runs_folder (ScmmTrainingPage *page,
                                    const char       *folder)
{
  g_return_if_fail (SCMM_IS_TRAINING_PAGE (page));

  if (g_strcmp0 (page->runs_folder, folder) == 0)
    return;

  g_free (page->runs_folder);
  page->runs_folder = g_strdup (folder);
  scmm_training_page_refresh_runs (page);
  g_object_notify_by_pspec (G_OBJECT (page), properties[PROP_RUNS_FOLDER]);
}

/* ---- GObject ---- */

static void
scmm_training_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ScmmTrainingPage *self = SCMM_TRAINING_PAGE (object);

  switch (prop_id)
    {
    case PROP_TASK:
      g_value_set_object (value, self->task);
      break;

    case PROP_RUNS_FOLDER:
      g_value_set_string (value, self->runs_folder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_training_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ScmmTrainingPage *self = SCMM_TRAINING_PAGE (object);

  switch (prop_id)
    {
    case PROP_TASK:
      scmm_training_page_set_task (self, g_value_get_object (value));
      break;

    case PROP_RUNS_FOLDER:
      scmm_training_page_set_runs_folder (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_training_page_dispose (GObject *object)
{
  ScmmTrainingPage *self = SCMM_TRAINING_PAGE (object);

  disconnect_task (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCMM_TYPE_TRAINING_PAGE);

  G_OBJECT_CLASS (scmm_training_page_parent_class)->dispose (object);
}

static void
scmm_training_page_finalize (GObject *object)
{
  ScmmTrainingPage *self = SCMM_TRAINING_PAGE (object);

  g_clear_pointer (&self->pretrain_figure, scmm_figure_unref);
  g_clear_pointer (&self->weights_figure, scmm_figure_unref);
  g_clear_pointer (&self->finetune_figure, scmm_figure_unref);
  g_clear_pointer (&self->masks_method, g_free);
  g_clear_pointer (&self->config, scmm_experiment_free);
  g_clear_pointer (&self->pretrain_method, g_free);
  g_clear_pointer (&self->finetune_method, g_free);
  g_clear_pointer (&self->finetune_series, g_hash_table_unref);
  g_clear_pointer (&self->subject_rows, g_array_unref);
  g_clear_pointer (&self->subjects_seen, g_hash_table_unref);
  g_clear_object (&self->subject_keys);
  g_clear_pointer (&self->methods_text, g_free);
  g_clear_pointer (&self->experiment_name, g_free);
  g_clear_pointer (&self->runs_folder, g_free);

  G_OBJECT_CLASS (scmm_training_page_parent_class)->finalize (object);
}

static void
scmm_training_page_class_init (ScmmTrainingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = scmm_training_page_get_property;
  object_class->set_property = scmm_training_page_set_property;
  object_class->dispose = scmm_training_page_dispose;
  object_class->finalize = scmm_training_page_finalize;

  /**
   * ScmmTrainingPage:task:
   *
   * The run followed, or %NULL.
   */
  properties[PROP_TASK] =
    g_param_spec_object ("task", NULL, NULL,
                         SCMM_TYPE_RUN_TASK,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ScmmTrainingPage:runs-folder:
   *
   * The folder whose run folders are listed as past runs.
   */
  properties[PROP_RUNS_FOLDER] =
    g_param_spec_string ("runs-folder", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScmmTrainingPage::open-run:
   * @page: the page
   * @dir: the run folder
   *
   * The user wants to see a past run's results.
   */
  signals[SIGNAL_OPEN_RUN] =
    g_signal_new ("open-run",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scmm-training-page");

  scmm_resources_ensure_registered ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SCMM_RESOURCE_BASE_PATH "/ui/scmm-training-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, paned);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, controls_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, resume_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, loss_stat);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, loss_c_stat);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, loss_r_stat);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, weights_stat);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, lr_stat);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, accuracy_stat);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, f1_stat);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, loss_caption);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, loss_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, loss_c_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, loss_r_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, weights_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, lr_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, accuracy_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, f1_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, accuracy_caption);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, f1_caption);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, views_stack);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, pretrain_figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, weights_figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, finetune_figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, masks_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, similarity_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, reconstruction_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, subjects_heading);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, subjects_stack);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, subjects_view);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, runs_folder_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, runs_none_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, runs_stack);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, runs_list);
  gtk_widget_class_bind_template_child (widget_class, ScmmTrainingPage, refresh_button);
}

static GtkWidget *
add_figure_view (GtkWidget  *box,
                 ScmmFigure *figure)
{
  GtkWidget *view = scmm_figure_view_new ();

  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_vexpand (view, TRUE);
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  gtk_box_append (GTK_BOX (box), view);

  return view;
}

static GtkWidget *
add_snapshot_view (GtkWidget *box,
                   GtkWidget *view)
{
  gtk_widget_set_vexpand (view, TRUE);
  gtk_widget_set_margin_top (view, 6);
  gtk_box_append (GTK_BOX (box), view);

  return view;
}

static void
scmm_training_page_init (ScmmTrainingPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loss_series = self->loss_c_series = self->loss_r_series = -1;
  self->p1_series = self->p2_series = self->lr_series = -1;
  self->stats_mode = STATS_PRETRAIN;

  /* Curves: created in code into the template's boxes. */
  self->pretrain_figure = scmm_figure_new (_("Pre-training losses"));
  self->weights_figure = scmm_figure_new (_("Loss weights and learning rate"));
  self->finetune_figure = scmm_figure_new (_("Fine-tuning test accuracy"));
  self->pretrain_view = add_figure_view (self->pretrain_figure_box, self->pretrain_figure);
  self->weights_view = add_figure_view (self->weights_figure_box, self->weights_figure);
  self->finetune_view = add_figure_view (self->finetune_figure_box, self->finetune_figure);

  /* The snapshot views; the masks and the reconstruction show the same sample. */
  self->masks_view = add_snapshot_view (self->masks_box, scmm_masks_view_new ());
  self->similarity_view = add_snapshot_view (self->similarity_box, scmm_similarity_view_new ());
  self->reconstruction_view = add_snapshot_view (self->reconstruction_box, scmm_reconstruction_view_new ());
  g_object_bind_property (self->masks_view, "selected", self->reconstruction_view, "selected",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  self->finetune_series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reset_curves (self);

  /* Subjects' results. */
  self->subject_rows = g_array_new (FALSE, TRUE, sizeof (SubjectRow));
  g_array_set_clear_func (self->subject_rows, subject_row_clear);
  self->subjects_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->subject_keys = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->subject_keys)));
  gtk_column_view_set_model (self->subjects_view, GTK_SELECTION_MODEL (selection));

  self->method_column = add_subject_column (self, _("Method"), COLUMN_METHOD);
  gtk_column_view_column_set_visible (self->method_column, FALSE);
  add_subject_column (self, _("Subject"), COLUMN_SUBJECT);
  add_subject_column (self, _("Accuracy"), COLUMN_ACCURACY);
  add_subject_column (self, _("Macro-F1"), COLUMN_F1);
  add_subject_column (self, _("Selected epoch"), COLUMN_EPOCH);

  g_signal_connect_object (self->runs_list, "row-activated",
                           G_CALLBACK (runs_list_row_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresh_button, "clicked",
                           G_CALLBACK (scmm_training_page_refresh_runs), self, G_CONNECT_SWAPPED);

  reset_stats (self);
  update_controls (self);
  scmm_training_page_refresh_runs (self);
}
