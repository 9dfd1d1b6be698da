/* scmm-results-page.c: the Results page
 *
 * Shows a run folder as the engine reads it back (ScmmRunFolder: the subjects
 * done so far and the mean ± std over them, also of a run stopped in the
 * middle of a method). The tables' models hold keys (a method's index, a
 * subject's name); the cells look the values up in the ScmmRunFolder. The
 * figures are those of one method, chosen in a drop-down, on the pages of a
 * stack: "Confusion", the confusion matrix summed over the target subjects
 * or of one (a drop-down; counts or row-normalised) beside the accuracy of
 * each subject (a click on a bar picks its subject); "Curves", the
 * pre-training losses, the mean fine-tuning accuracy, the learned loss
 * weights and the learning rate per epoch; "Compare Runs", those curves of
 * several runs overlaid (ScmmRunComparison: the runs beside this one and in
 * the runs folder). Other pages can be added (the embedding map).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "scmm-error-dialog.h"
#include "scmm-embedding-view.h"
#include "scmm-error.h"
#include "scmm-experiment.h"
#include "scmm-figure-view.h"
#include "scmm-resources.h"
#include "scmm-results-page.h"
#include "scmm-run-comparison-curves.h"
#include "scmm-run-comparison.h"
#include "scmm-run-folder.h"
#include "scmm-settings.h"

static const char *
model_selection_text (ScmmModelSelection selection)
{
  switch (selection)
    {
    case SCMM_SELECT_LAST:
      return _("last epoch");
    case SCMM_SELECT_VALIDATION:
      return _("best on validation");
    case SCMM_SELECT_BEST_TEST:
      return _("best test epoch (optimistic, as released)");
    default:
      return "?";
    }
}

/* ---- the page ---- */

typedef enum {
  COMPARISON_METHOD,
  COMPARISON_ACCURACY,
  COMPARISON_F1,
  COMPARISON_SUBJECTS,
} ComparisonColumn;

typedef enum {
  SUBJECT_NAME,
  SUBJECT_ACCURACY,
  SUBJECT_F1,
  SUBJECT_EPOCH,
  SUBJECT_BOTH,      /* "accuracy / macro-F1", as results.md: one column per method */
} SubjectColumn;

struct _ScmmResultsPage
{
  GtkWidget parent_instance;

  /* Template children */
  GtkStack       *content_stack;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *details_label;
  GtkWidget      *status_box;
  GtkLabel       *status_label;
  GtkButton      *export_button;
  GtkColumnView  *comparison_view;
  GtkLabel       *comparison_note;
  GtkLabel       *subjects_heading;
  GtkColumnView  *subjects_view;
  GtkDropDown    *method_dropdown;
  GtkStack       *figures_stack;
  GtkDropDown    *subject_dropdown;
  GtkToggleButton *normalised_button;
  GtkWidget      *confusion_figure_box;
  GtkWidget      *subject_curve_figure_box;
  GtkWidget      *pretrain_figure_box;
  GtkWidget      *finetune_figure_box;
  GtkWidget      *weights_figure_box;
  GtkWidget      *lr_figure_box;
  GtkWidget      *compare_box;

  ScmmRunFolder  *results;
  GtkStringList  *comparison_keys;   /* method indices */
  GtkStringList  *subject_keys;      /* subject names */
  GtkStringList  *method_names;      /* the drop-down's */
  GtkStringList  *confusion_subjects; /* "All subjects (sum)", then the method's subjects */

  GtkWidget      *confusion_view;
  GtkWidget      *subject_curve_view;
  GtkWidget      *pretrain_view;
  GtkWidget      *finetune_view;
  GtkWidget      *weights_view;
  GtkWidget      *lr_view;
  ScmmRunComparison *comparison;
  ScmmEmbeddingView *embedding;     /* its page in figures_stack */
  gboolean        runs_listed;      /* the comparison lists the runs beside this one */

  GtkFileChooserNative *export_chooser;
};

G_DEFINE_FINAL_TYPE (ScmmResultsPage, scmm_results_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- cells ---- */

static void
set_cell (GtkLabel   *label,
          const char *text,
          gboolean    bold)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (label, attrs);
  gtk_label_set_label (label, text);
  pango_attr_list_unref (attrs);
}

static void
format_percent (char   *buffer,
                gsize   size,
                double  value)
{
  if (isfinite (value))
    g_snprintf (buffer, size, "%.2f", 100 * value);
  else
    g_strlcpy (buffer, "–", size);
}

static void
format_mean_std (char   *buffer,
                 gsize   size,
                 double  mean,
                 double  std)
{
  if (isfinite (mean) && isfinite (std))
    g_snprintf (buffer, size, "%.2f ± %.2f", 100 * mean, 100 * std);
  else
    g_strlcpy (buffer, "–", size);
}

static void
text_cell_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  gboolean numeric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "numeric"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
method_cell_setup (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *best = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  /* GTK 4.8's theme has no label.success: GNOME's green reads on light and dark. */
  gtk_label_set_markup (GTK_LABEL (best), "<span foreground=\"#26a269\" weight=\"bold\">★ best</span>");
  gtk_widget_add_css_class (best, "caption");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), best);
  gtk_list_item_set_child (item, box);
}

static const ScmmRunMethod *
method_for_item (ScmmResultsPage *self,
                 GtkListItem     *item,
                 int             *index)
{
  GtkStringObject *key = gtk_list_item_get_item (item);
  int m = atoi (gtk_string_object_get_string (key));

  if (self->results == NULL || m < 0 || m >= (int) self->results->methods->len)
    return NULL;
  if (index != NULL)
    *index = m;
  return g_ptr_array_index (self->results->methods, m);
}

static void
comparison_cell_bind (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  ScmmResultsPage *self = user_data;
  ComparisonColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *child = gtk_list_item_get_child (item);
  const ScmmRunMethod *method;
  gboolean best;
  char text[64];
  int m = -1;

  method = method_for_item (self, item, &m);
  if (method == NULL)
    return;
  best = m == self->results->best && self->results->methods->len > 1;

  switch (column)
    {
    case COMPARISON_METHOD:
      set_cell (GTK_LABEL (gtk_widget_get_first_child (child)), method->name, best);
      gtk_widget_set_visible (gtk_widget_get_last_child (child), best);
      return;

    case COMPARISON_ACCURACY:
      format_mean_std (text, sizeof text, method->accuracy_mean, method->accuracy_std);
      break;

    case COMPARISON_F1:
      format_mean_std (text, sizeof text, method->f1_mean, method->f1_std);
      break;

    case COMPARISON_SUBJECTS:
      if (self->results->target_subjects >= 0)
        g_snprintf (text, sizeof text, _("%d of %d"), (int) method->subjects->len,
                    self->results->target_subjects);
      else
        g_snprintf (text, sizeof text, "%d", (int) method->subjects->len);
      break;

    default:
      g_assert_not_reached ();
    }

  set_cell (GTK_LABEL (child), text, best && column != COMPARISON_SUBJECTS);
}

/* Per subject: the column's method and what it shows, packed in the factory. */
static void
subject_cell_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  ScmmResultsPage *self = user_data;
  SubjectColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  int m = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "method"));
  const char *subject = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const ScmmRunMethod *method;
  const ScmmRunSubject *score;
  gboolean best = FALSE;
  char text[64];

  if (self->results == NULL)
    return;

  if (column == SUBJECT_NAME)
    {
      set_cell (label, subject, FALSE);
      return;
    }

  method = g_ptr_array_index (self->results->methods, m);
  score = scmm_run_method_find_subject (method, subject);
  if (score == NULL)
    {
      set_cell (label, "–", FALSE);
      return;
    }

  /* With several methods, the best accuracy of the subject stands out. */
  if ((column == SUBJECT_ACCURACY || column == SUBJECT_BOTH) && self->results->methods->len > 1)
    {
      best = TRUE;
      for (guint o = 0; o < self->results->methods->len; o++)
        {
          const ScmmRunSubject *other_score =
            scmm_run_method_find_subject (g_ptr_array_index (self->results->methods, o), subject);

          if (other_score != NULL && other_score->accuracy > score->accuracy)
            best = FALSE;
        }
    }

  switch (column)
    {
    case SUBJECT_ACCURACY:
      format_percent (text, sizeof text, score->accuracy);
      break;
    case SUBJECT_F1:
      format_percent (text, sizeof text, score->macro_f1);
      break;
    case SUBJECT_EPOCH:
      g_snprintf (text, sizeof text, "%d", score->selected_epoch);
      break;
    case SUBJECT_BOTH:
      g_snprintf (text, sizeof text, "%.2f / %.2f", 100 * score->accuracy, 100 * score->macro_f1);
      break;
    default:
      g_assert_not_reached ();
    }
  set_cell (label, text, best);
}

static void
add_column (ScmmResultsPage *self,
            GtkColumnView   *view,
            const char      *title,
            GCallback        setup,
            GCallback        bind,
            int              column,
            int              method,
            gboolean         numeric,
            gboolean         expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (factory), "method", GINT_TO_POINTER (method));
  g_object_set_data (G_OBJECT (factory), "numeric", GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (view, view_column);
  g_object_unref (view_column);
}

static void
remove_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
}

static void
build_subject_columns (ScmmResultsPage *self)
{
  const ScmmRunFolder *results = self->results;

  remove_columns (self->subjects_view);
  add_column (self, self->subjects_view, _("Subject"), G_CALLBACK (text_cell_setup),
              G_CALLBACK (subject_cell_bind), SUBJECT_NAME, 0, FALSE, FALSE);

  if (results->methods->len == 1)
    {
      gtk_label_set_label (self->subjects_heading, _("Per Target Subject"));
      add_column (self, self->subjects_view, _("Accuracy (%)"), G_CALLBACK (text_cell_setup),
                  G_CALLBACK (subject_cell_bind), SUBJECT_ACCURACY, 0, TRUE, TRUE);
      add_column (self, self->subjects_view, _("Macro-F1 (%)"), G_CALLBACK (text_cell_setup),
                  G_CALLBACK (subject_cell_bind), SUBJECT_F1, 0, TRUE, TRUE);
      add_column (self, self->subjects_view, _("Selected epoch"), G_CALLBACK (text_cell_setup),
                  G_CALLBACK (subject_cell_bind), SUBJECT_EPOCH, 0, TRUE, TRUE);
      return;
    }

  /* Several methods: one column each, so that a comparison fits. */
  gtk_label_set_label (self->subjects_heading, _("Per Target Subject: accuracy / macro-F1 (%)"));
  for (guint m = 0; m < results->methods->len; m++)
    {
      const ScmmRunMethod *method = g_ptr_array_index (results->methods, m);

      add_column (self, self->subjects_view, method->name, G_CALLBACK (text_cell_setup),
                  G_CALLBACK (subject_cell_bind), SUBJECT_BOTH, (int) m, TRUE, TRUE);
    }
}

/* ---- figures ---- */

static void
set_view_figure (GtkWidget  *view,
                 ScmmFigure *figure)
{
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  scmm_figure_unref (figure);
}

/* The method whose figures are shown, or NULL. */
static const ScmmRunMethod *
shown_method (ScmmResultsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->method_dropdown);

  if (self->results == NULL || selected >= self->results->methods->len)
    return NULL;
  return g_ptr_array_index (self->results->methods, selected);
}

/* The subject of the confusion page, or NULL for all of them (the sum). */
static const ScmmRunSubject *
shown_subject (ScmmResultsPage     *self,
               const ScmmRunMethod *method)
{
  guint selected = gtk_drop_down_get_selected (self->subject_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > method->subjects->len)
    return NULL;
  return g_ptr_array_index (method->subjects, selected - 1);
}

static ScmmFigure *
confusion_figure (const ScmmRunMethod  *method,
                  const ScmmRunSubject *subject,
                  gboolean              row_normalised)
{
  const ScmmConfusion *confusion = subject != NULL ? subject->confusion : method->confusion;
  const GStrv classes = subject != NULL ? subject->classes : method->classes;
  g_autofree char *title = NULL;
  ScmmFigure *figure;
  int done = (int) method->subjects->len;

  if (subject != NULL)
    title = g_strdup_printf (_("%s: confusion, subject %s (%.2f %%)"), method->name, subject->name,
                             100 * subject->accuracy);
  else
    title = g_strdup_printf (ngettext ("%s: confusion, %d subject",
                                       "%s: confusion, sum of %d subjects", done),
                             method->name, done);
  figure = scmm_figure_new (title);
  if (confusion != NULL)
    {
      scmm_figure_set_confusion (figure, confusion->counts, confusion->classes,
                                 (const char *const *) classes, row_normalised);
      scmm_figure_set_axis_labels (figure, _("predicted class"), _("true class"));
    }
  else
    {
      g_autofree char *empty = subject != NULL
        ? g_strdup_printf (_("%s: subject %s has no confusion matrix in its folder"), method->name,
                           subject->name)
        : g_strdup_printf (_("%s: confusion, no subject done yet"), method->name);

      scmm_figure_set_title (figure, empty);
    }

  return figure;
}

/* The test accuracy of every subject done, the shown one highlighted. */
static ScmmFigure *
subjects_figure (const ScmmRunMethod  *method,
                 const ScmmRunSubject *shown)
{
  g_autofree char *title = g_strdup_printf (_("%s: accuracy per target subject"), method->name);
  ScmmFigure *figure = scmm_figure_new (title);
  int n = (int) method->subjects->len;
  g_autofree double *accuracy = g_new (double, MAX (n, 1));
  g_autofree const char **names = g_new0 (const char *, n + 1);
  int highlight = -1;

  for (int i = 0; i < n; i++)
    {
      const ScmmRunSubject *subject = g_ptr_array_index (method->subjects, i);

      accuracy[i] = 100 * subject->accuracy;
      names[i] = subject->name;
      if (subject == shown)
        highlight = i;
    }
  scmm_figure_set_axis_labels (figure, _("target subject"), _("test accuracy (%)"));
  if (n > 0)
    {
      scmm_figure_set_y_range (figure, 0, 100);
      scmm_figure_set_bars (figure, accuracy, n, names);
      if (highlight >= 0)
        scmm_figure_set_bar_highlight (figure, &highlight, 1);
    }
  return figure;
}

static ScmmFigure *
pretrain_figure (const ScmmRunMethod *method)
{
  g_autofree char *title = g_strdup_printf (_("%s: pre-training losses"), method->name);
  ScmmFigure *figure = scmm_figure_new (title);
  /* Reconstruction only has no contrastive term: L_C is 0 throughout. */
  gboolean contrastive = strcmp (method->name, "reconstruction-only") != 0;

  scmm_figure_set_axis_labels (figure, _("epoch"), _("loss"));

  if (method->pretrain->len == 0)
    {
      g_autofree char *none = strcmp (method->name, "supervised") == 0
        ? g_strdup (_("supervised: no pre-training"))
        : g_strdup_printf (_("%s: no pre-training epoch yet"), method->name);

      scmm_figure_set_title (figure, none);
      return figure;
    }

  if (scmm_run_curve_pretrain_positive (method->pretrain, SCMM_PRETRAIN_LOSS, SCMM_PRETRAIN_LOSS)
      && scmm_run_curve_pretrain_positive (method->pretrain, SCMM_PRETRAIN_LOSS_R, SCMM_PRETRAIN_LOSS_R)
      && (!contrastive
          || scmm_run_curve_pretrain_positive (method->pretrain, SCMM_PRETRAIN_LOSS_C, SCMM_PRETRAIN_LOSS_C)))
    {
      scmm_figure_set_y_scale (figure, SCMM_SCALE_LOG);
      scmm_figure_set_axis_labels (figure, _("epoch"), _("loss (log scale)"));
    }
  scmm_run_curve_add_pretrain (figure, _("L (total)"), method->pretrain, SCMM_PRETRAIN_LOSS);
  if (contrastive)
    scmm_run_curve_add_pretrain (figure, "L_C", method->pretrain, SCMM_PRETRAIN_LOSS_C);
  scmm_run_curve_add_pretrain (figure, "L_R", method->pretrain, SCMM_PRETRAIN_LOSS_R);

  return figure;
}

/* The learned loss weights, or the learning rate, per pre-training epoch. */
static ScmmFigure *
pretrain_column_figure (const ScmmRunMethod *method,
                        gboolean             weights)
{
  g_autofree char *title = weights ? g_strdup_printf (_("%s: learned loss weights"), method->name)
                                   : g_strdup_printf (_("%s: learning rate"), method->name);
  ScmmFigure *figure = scmm_figure_new (title);
  int series;

  scmm_figure_set_axis_labels (figure, _("epoch"), weights ? _("weight") : _("learning rate"));
  if (weights)
    {
      /* Named as on the Training page; reconstruction only has no L_C, so
       * no p1 to learn. */
      int p1 = strcmp (method->name, "reconstruction-only") == 0
               ? -1 : scmm_run_curve_add_pretrain (figure, _("p1 (of L_C)"), method->pretrain, SCMM_PRETRAIN_P1);
      int p2 = scmm_run_curve_add_pretrain (figure, _("p2 (of L_R)"), method->pretrain, SCMM_PRETRAIN_P2);

      series = MAX (p1, p2);
    }
  else
    series = scmm_run_curve_add_pretrain (figure, _("learning rate"), method->pretrain, SCMM_PRETRAIN_LR);

  if (series < 0)
    {
      g_autofree char *none = g_strdup_printf (weights ? _("%s: no learned loss weights")
                                                       : _("%s: no pre-training learning rate"),
                                               method->name);

      scmm_figure_set_title (figure, none);
    }
  return figure;
}

/* The mean over the subjects of the test (and train) accuracy per epoch. */
static ScmmFigure *
finetune_figure (const ScmmRunMethod *method)
{
  g_autofree char *title = NULL;
  int subjects = method->finetune_subjects;
  ScmmFigure *figure;

  title = g_strdup_printf (ngettext ("%s: fine-tuning, %d subject",
                                     "%s: fine-tuning, mean of %d subjects", subjects),
                           method->name, subjects);
  figure = scmm_figure_new (title);
  scmm_figure_set_axis_labels (figure, _("epoch"), _("accuracy (%)"));
  if (method->finetune_mean->len > 0)
    {
      scmm_run_curve_add_finetune (figure, _("test"), method->finetune_mean, SCMM_FINETUNE_TEST_ACCURACY);
      scmm_run_curve_add_finetune (figure, _("train"), method->finetune_mean, SCMM_FINETUNE_TRAIN_ACCURACY);
    }
  else
    {
      g_autofree char *none = g_strdup_printf (_("%s: fine-tuning, no subject done yet"), method->name);

      scmm_figure_set_title (figure, none);
    }

  return figure;
}

static void
show_confusion (ScmmResultsPage *self)
{
  const ScmmRunMethod *method = shown_method (self);
  const ScmmRunSubject *subject;

  if (method == NULL)
    {
      scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (self->confusion_view), NULL);
      scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (self->subject_curve_view), NULL);
      return;
    }

  subject = shown_subject (self, method);
  set_view_figure (self->confusion_view,
                   confusion_figure (method, subject, gtk_toggle_button_get_active (self->normalised_button)));
  set_view_figure (self->subject_curve_view, subjects_figure (method, subject));
}

/* The confusion drop-down: the sum, then the method's subjects; the subject
 * shown stays shown when the method has it. */
static void
fill_confusion_subjects (ScmmResultsPage     *self,
                         const ScmmRunMethod *method)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  const char *previous = NULL;
  guint selected = gtk_drop_down_get_selected (self->subject_dropdown);
  guint keep = 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    previous = gtk_string_list_get_string (self->confusion_subjects, selected);

  g_strv_builder_add (builder, _("All subjects (sum)"));
  for (guint i = 0; method != NULL && i < method->subjects->len; i++)
    {
      const ScmmRunSubject *subject = g_ptr_array_index (method->subjects, i);
      g_autofree char *name = g_strdup_printf (_("Subject %s"), subject->name);

      if (g_strcmp0 (previous, name) == 0)
        keep = i + 1;
      g_strv_builder_add (builder, name);
    }
  names = g_strv_builder_end (builder);

  g_signal_handlers_block_by_func (self->subject_dropdown, show_confusion, self);
  gtk_string_list_splice (self->confusion_subjects, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->confusion_subjects)),
                          (const char *const *) names);
  gtk_drop_down_set_selected (self->subject_dropdown, keep);
  g_signal_handlers_unblock_by_func (self->subject_dropdown, show_confusion, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->subject_dropdown), method != NULL && method->subjects->len > 0);
}

/* The embedding map follows the run and the method shown; it is computed
 * when its page is in view (PCA takes a second or two), not for every run
 * the user clicks through. */
static void
show_embedding (ScmmResultsPage     *self,
                const ScmmRunMethod *method)
{
  scmm_embedding_view_set_run_folder (self->embedding,
                                      self->results != NULL ? self->results->dir : NULL,
                                      method != NULL ? method->name : NULL);
  if (self->results != NULL
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->figures_stack), "embedding") == 0)
    scmm_embedding_view_compute (self->embedding);
}

static void list_comparable_runs (ScmmResultsPage *self);

/* The runs to compare are looked for (a summary read per run folder) when
 * their page is shown, not for every run opened. */
static void
list_runs_if_shown (ScmmResultsPage *self)
{
  if (self->results != NULL && !self->runs_listed
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->figures_stack), "compare") == 0)
    list_comparable_runs (self);
}

static void
figures_page_changed (ScmmResultsPage *self)
{
  list_runs_if_shown (self);
  if (self->results != NULL
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->figures_stack), "embedding") == 0
      && scmm_embedding_view_get_map (self->embedding) == NULL
      && !scmm_embedding_view_is_computing (self->embedding))
    scmm_embedding_view_compute (self->embedding);
}

static void
show_method_figures (ScmmResultsPage *self)
{
  const ScmmRunMethod *method = shown_method (self);

  fill_confusion_subjects (self, method);
  show_confusion (self);
  scmm_run_comparison_set_method (self->comparison, method != NULL ? method->name : NULL);
  show_embedding (self, method);

  if (method == NULL)
    {
      scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (self->pretrain_view), NULL);
      scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (self->finetune_view), NULL);
      scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (self->weights_view), NULL);
      scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (self->lr_view), NULL);
      return;
    }

  set_view_figure (self->pretrain_view, pretrain_figure (method));
  set_view_figure (self->finetune_view, finetune_figure (method));
  set_view_figure (self->weights_view, pretrain_column_figure (method, TRUE));
  set_view_figure (self->lr_view, pretrain_column_figure (method, FALSE));
}

/* A click on a subject's bar shows that subject's confusion matrix. */
static void
subject_bar_activated (ScmmResultsPage *self,
                       int              row,
                       int              col,
                       ScmmFigureView  *view)
{
  const ScmmRunMethod *method = shown_method (self);

  if (method != NULL && row < 0 && col >= 0 && col < (int) method->subjects->len)
    gtk_drop_down_set_selected (self->subject_dropdown, (guint) col + 1);
}

/* ---- the runs to compare ---- */

/* The run folders directly in `folder` (those with a config.ini). */
static void
add_run_folders (GPtrArray  *dirs,
                 const char *folder)
{
  g_autoptr(GDir) dir = folder != NULL ? g_dir_open (folder, 0, NULL) : NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_canonicalize_filename (name, folder);
      g_autofree char *config = g_build_filename (path, "config.ini", NULL);

      if (g_file_test (config, G_FILE_TEST_IS_REGULAR)
          && !g_ptr_array_find_with_equal_func (dirs, path, g_str_equal, NULL))
        g_ptr_array_add (dirs, g_steal_pointer (&path));
    }
}

/* The runs beside the shown one, and those of the runs folder. */
static void
list_comparable_runs (ScmmResultsPage *self)
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  /* One spelling of each folder, so that a run is listed once. */
  g_autofree char *current = g_canonicalize_filename (self->results->dir, NULL);
  g_autofree char *parent = g_path_get_dirname (current);
  g_autofree char *runs_folder = scmm_settings_get_runs_folder ();

  add_run_folders (dirs, parent);
  add_run_folders (dirs, runs_folder);
  g_ptr_array_add (dirs, NULL);
  scmm_run_comparison_set_runs (self->comparison, (const char *const *) dirs->pdata, current);
  self->runs_listed = TRUE;
}

/* ---- the header ---- */

static void
show_header (ScmmResultsPage *self)
{
  const ScmmRunFolder *results = self->results;
  const ScmmExperiment *config = results->config;
  const ScmmRunRecord *record = results->record;
  g_autofree char *subtitle = g_strdup_printf ("%s → %s", results->source_name, results->target_name);
  g_autofree char *base = g_path_get_basename (results->dir);
  GString *details = g_string_new (NULL);
  guint most_done = 0;

  g_string_append_printf (details, _("%s · model selection: %s"), scmm_protocol_to_string (config->protocol),
                          model_selection_text (config->model_selection));
  if (config->released_fidelity)
    g_string_append (details, _(" · released-code fidelity"));
  if (results->target_subjects >= 0)
    g_string_append_printf (details, ngettext (" · %d target subject", " · %d target subjects",
                                               results->target_subjects),
                            results->target_subjects);
  g_string_append_printf (details, _(" · run folder %s"), base);

  set_cell (self->title_label, config->name != NULL ? config->name : _("Experiment"), FALSE);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->details_label, details->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_label), results->dir);
  g_string_free (details, TRUE);

  for (guint m = 0; m < results->methods->len; m++)
    most_done = MAX (most_done, ((ScmmRunMethod *) g_ptr_array_index (results->methods, m))->subjects->len);

  /* An unfinished run says so, and what the table holds. */
  if (record->status != SCMM_RUN_STATUS_FINISHED)
    {
      g_autofree char *text = NULL;
      g_autofree char *state = NULL;

      if (record->status == SCMM_RUN_STATUS_NONE)
        state = g_strdup (_("not started"));
      else if (record->status == SCMM_RUN_STATUS_RUNNING)
        state = g_strdup (_("running, or interrupted"));
      else if (record->why != NULL)
        state = g_strdup_printf ("%s: %s", record->status_word, record->why);
      else
        state = g_strdup (record->status_word);

      g_autofree char *sentence = g_strdup_printf (_("This run is not finished (%s): the tables show "
                                                     "the subjects done so far."), state);

      /* GTK 4.8's theme has no label.warning: GNOME's orange reads on light and dark. */
      text = g_markup_printf_escaped ("<span foreground=\"#e66100\" weight=\"bold\">⚠</span> %s",
                                      sentence);
      gtk_label_set_markup (self->status_label, text);
      gtk_widget_set_visible (self->status_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->status_box, FALSE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), most_done > 0);
}

static void
show_results (ScmmResultsPage *self)
{
  const ScmmRunFolder *results = self->results;
  g_autoptr(GPtrArray) method_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree const char **subjects = NULL;
  guint selected;

  show_header (self);

  for (guint m = 0; m < results->methods->len; m++)
    {
      g_ptr_array_add (keys, g_strdup_printf ("%u", m));
      g_ptr_array_add (method_names, g_strdup (((ScmmRunMethod *) g_ptr_array_index (results->methods, m))->name));
    }
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (method_names, NULL);

  gtk_string_list_splice (self->comparison_keys, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->comparison_keys)),
                          (const char *const *) keys->pdata);

  build_subject_columns (self);
  subjects = g_new0 (const char *, results->subjects->len + 1);
  for (guint s = 0; s < results->subjects->len; s++)
    subjects[s] = g_ptr_array_index (results->subjects, s);
  gtk_string_list_splice (self->subject_keys, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->subject_keys)),
                          subjects);

  /* The figures show the best method first. */
  selected = results->best >= 0 ? (guint) results->best : 0;
  g_signal_handlers_block_by_func (self->method_dropdown, show_method_figures, self);
  gtk_string_list_splice (self->method_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->method_names)),
                          (const char *const *) method_names->pdata);
  gtk_drop_down_set_selected (self->method_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->method_dropdown, show_method_figures, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_dropdown), results->methods->len > 1);
  self->runs_listed = FALSE;
  list_runs_if_shown (self);
  show_method_figures (self);

  gtk_stack_set_visible_child_name (self->content_stack, "run");
}

/* ---- public API ---- */

GtkWidget *
scmm_results_page_new (void)
{
  return g_object_new (SCMM_TYPE_RESULTS_PAGE, NULL);
}

/**
 * scmm_results_page_show_run:
 * @page: a #ScmmResultsPage
 * @dir: a run folder, finished or not
 * @error: where a folder that cannot be shown says why
 *
 * Reads and shows the run in @dir. On error the page keeps what it showed,
 * and the error names the folder or file.
 */
gboolean
scmm_results_page_show_run (ScmmResultsPage  *page,
                            const char       *dir,
                            GError          **error)
{
  ScmmRunFolder *results;

  g_return_val_if_fail (SCMM_IS_RESULTS_PAGE (page), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  results = scmm_run_folder_read (dir, error);
  if (results == NULL)
    return FALSE;

  /* The old results go after the models stop pointing into them. */
  gtk_string_list_splice (page->comparison_keys, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (page->comparison_keys)), NULL);
  gtk_string_list_splice (page->subject_keys, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (page->subject_keys)), NULL);
  scmm_run_folder_free (page->results);
  page->results = results;

  show_results (page);
  g_object_notify_by_pspec (G_OBJECT (page), properties[PROP_RUN]);
  return TRUE;
}

/**
 * scmm_results_page_add_figures_page:
 * @page: a #ScmmResultsPage
 * @name: the page's name in the figures' stack ("embedding")
 * @title: its title in the switcher
 * @child: what it shows
 *
 * Adds a page of figures beside "confusion", "curves" and "compare".
 */
void
scmm_results_page_add_figures_page (ScmmResultsPage *page,
                                    const char      *name,
                                    const char      *title,
                                    GtkWidget       *child)
{
  g_return_if_fail (SCMM_IS_RESULTS_PAGE (page));
  g_return_if_fail (name != NULL && title != NULL);
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_stack_add_titled (page->figures_stack, child, name, title);
}

const char *
scmm_results_page_get_run (ScmmResultsPage *page)
{
  g_return_val_if_fail (SCMM_IS_RESULTS_PAGE (page), NULL);

  return page->results != NULL ? page->results->dir : NULL;
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (strpbrk (text, ",\"\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * scmm_results_page_export_csv:
 * @page: a #ScmmResultsPage showing a run
 * @path: the CSV file to write
 * @error: where a failure says why, naming the file
 *
 * Writes the per-subject table as results.csv has it: method, subject,
 * accuracy, macro_f1, selected_epoch, then a mean and a std row per method.
 */
gboolean
scmm_results_page_export_csv (ScmmResultsPage  *page,
                              const char       *path,
                              GError          **error)
{
  g_autoptr(GString) csv = NULL;
  g_autoptr(GError) local = NULL;
  char number[2][G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (SCMM_IS_RESULTS_PAGE (page), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (page->results == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "%s: no run is shown, so there is nothing to export", path);
      return FALSE;
    }

  csv = g_string_new ("method,subject,accuracy,macro_f1,selected_epoch\n");
  for (guint m = 0; m < page->results->methods->len; m++)
    {
      const ScmmRunMethod *method = g_ptr_array_index (page->results->methods, m);

      if (method->subjects->len == 0)
        continue;

      for (guint s = 0; s < page->results->subjects->len; s++)
        {
          const char *subject = g_ptr_array_index (page->results->subjects, s);
          const ScmmRunSubject *score = scmm_run_method_find_subject (method, subject);

          if (score == NULL)
            continue;
          append_csv_field (csv, method->name);
          g_string_append_c (csv, ',');
          append_csv_field (csv, subject);
          g_string_append_printf (csv, ",%s,%s,%d\n",
                                  g_ascii_formatd (number[0], sizeof number[0], "%.6f", score->accuracy),
                                  g_ascii_formatd (number[1], sizeof number[1], "%.6f", score->macro_f1),
                                  score->selected_epoch);
        }

      append_csv_field (csv, method->name);
      g_string_append_printf (csv, ",mean,%s,%s,\n",
                              g_ascii_formatd (number[0], sizeof number[0], "%.6f", method->accuracy_mean),
                              g_ascii_formatd (number[1], sizeof number[1], "%.6f", method->f1_mean));
      append_csv_field (csv, method->name);
      g_string_append_printf (csv, ",std,%s,%s,\n",
                              g_ascii_formatd (number[0], sizeof number[0], "%.6f", method->accuracy_std),
                              g_ascii_formatd (number[1], sizeof number[1], "%.6f", method->f1_std));
    }

  if (!g_file_set_contents (path, csv->str, (gssize) csv->len, &local))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: cannot be written: %s", path,
                   local->message);
      return FALSE;
    }

  return TRUE;
}

static void
export_chooser_response (ScmmResultsPage      *self,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (chooser));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !scmm_results_page_export_csv (self, path, &error))
        scmm_show_error (parent, _("The results cannot be exported"), error);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  if (self->export_chooser == chooser)
    g_clear_object (&self->export_chooser);
}

/**
 * scmm_results_page_choose_export:
 * @page: a #ScmmResultsPage showing a run
 * @parent: (nullable): the window the file chooser belongs to
 *
 * Asks where to write the per-subject table, then writes it; a failure is
 * an error dialog naming the file.
 */
void
scmm_results_page_choose_export (ScmmResultsPage *page,
                                 GtkWindow       *parent)
{
  g_autoptr(GtkFileFilter) csv_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  g_return_if_fail (SCMM_IS_RESULTS_PAGE (page));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  if (page->results == NULL)
    return;

  if (page->export_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (page->export_chooser));
      g_clear_object (&page->export_chooser);
    }

  chooser = gtk_file_chooser_native_new (_("Export the Results"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (csv_filter, _("CSV files"));
  gtk_file_filter_add_pattern (csv_filter, "*.csv");
  gtk_file_filter_add_mime_type (csv_filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv_filter);
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), csv_filter);

  base = g_path_get_basename (page->results->dir);
  name = g_strdup_printf ("%s-results.csv", base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  page->export_chooser = chooser;
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chooser_response),
                           page, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_button_clicked (ScmmResultsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  scmm_results_page_choose_export (self, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

/* ---- GObject ---- */

static void
scmm_results_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ScmmResultsPage *self = SCMM_RESULTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_RUN:
      g_value_set_string (value, scmm_results_page_get_run (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_results_page_dispose (GObject *object)
{
  ScmmResultsPage *self = SCMM_RESULTS_PAGE (object);

  if (self->export_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->export_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
      g_clear_object (&self->export_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SCMM_TYPE_RESULTS_PAGE);

  G_OBJECT_CLASS (scmm_results_page_parent_class)->dispose (object);
}

static void
scmm_results_page_finalize (GObject *object)
{
  ScmmResultsPage *self = SCMM_RESULTS_PAGE (object);

  g_clear_object (&self->comparison_keys);
  g_clear_object (&self->subject_keys);
  g_clear_object (&self->method_names);
  g_clear_object (&self->confusion_subjects);
  g_clear_pointer (&self->results, scmm_run_folder_free);

  G_OBJECT_CLASS (scmm_results_page_parent_class)->finalize (object);
}

static void
scmm_results_page_class_init (ScmmResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = scmm_results_page_get_property;
  object_class->dispose = scmm_results_page_dispose;
  object_class->finalize = scmm_results_page_finalize;

  /**
   * ScmmResultsPage:run:
   *
   * The run folder shown, or %NULL.
   */
  properties[PROP_RUN] =
    g_param_spec_string ("run", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scmm-results-page");

  scmm_resources_ensure_registered ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SCMM_RESOURCE_BASE_PATH "/ui/scmm-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, comparison_view);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, comparison_note);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, subjects_heading);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, subjects_view);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, figures_stack);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, subject_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, normalised_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, confusion_figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, subject_curve_figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, pretrain_figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, finetune_figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, weights_figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, lr_figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, compare_box);
  /* Reachable with gtk_widget_get_template_child (tests), no field of their own. */
  gtk_widget_class_bind_template_child_full (widget_class, "counts_button", FALSE, 0);
}

static GtkWidget *
add_figure_view (GtkWidget *box)
{
  GtkWidget *view = scmm_figure_view_new ();

  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), view);

  return view;
}

static void
scmm_results_page_init (ScmmResultsPage *self)
{
  g_autoptr(GtkNoSelection) comparison = NULL;
  g_autoptr(GtkNoSelection) subjects = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->comparison_keys = gtk_string_list_new (NULL);
  comparison = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->comparison_keys)));
  gtk_column_view_set_model (self->comparison_view, GTK_SELECTION_MODEL (comparison));
  add_column (self, self->comparison_view, _("Method"), G_CALLBACK (method_cell_setup),
              G_CALLBACK (comparison_cell_bind), COMPARISON_METHOD, 0, FALSE, TRUE);
  add_column (self, self->comparison_view, _("Accuracy (%)"), G_CALLBACK (text_cell_setup),
              G_CALLBACK (comparison_cell_bind), COMPARISON_ACCURACY, 0, TRUE, FALSE);
  add_column (self, self->comparison_view, _("Macro-F1 (%)"), G_CALLBACK (text_cell_setup),
              G_CALLBACK (comparison_cell_bind), COMPARISON_F1, 0, TRUE, FALSE);
  add_column (self, self->comparison_view, _("Subjects"), G_CALLBACK (text_cell_setup),
              G_CALLBACK (comparison_cell_bind), COMPARISON_SUBJECTS, 0, TRUE, FALSE);

  self->subject_keys = gtk_string_list_new (NULL);
  subjects = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->subject_keys)));
  gtk_column_view_set_model (self->subjects_view, GTK_SELECTION_MODEL (subjects));

  self->method_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->method_dropdown, G_LIST_MODEL (self->method_names));
  g_signal_connect_object (self->method_dropdown, "notify::selected",
                           G_CALLBACK (show_method_figures), self, G_CONNECT_SWAPPED);

  self->embedding = SCMM_EMBEDDING_VIEW (scmm_embedding_view_new ());
  gtk_widget_set_margin_top (GTK_WIDGET (self->embedding), 6);
  scmm_results_page_add_figures_page (self, "embedding", _("Embedding Map"),
                                      GTK_WIDGET (self->embedding));
  g_signal_connect_object (self->figures_stack, "notify::visible-child",
                           G_CALLBACK (figures_page_changed), self, G_CONNECT_SWAPPED);

  self->confusion_subjects = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->subject_dropdown, G_LIST_MODEL (self->confusion_subjects));
  g_signal_connect_object (self->subject_dropdown, "notify::selected",
                           G_CALLBACK (show_confusion), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->normalised_button, "toggled",
                           G_CALLBACK (show_confusion), self, G_CONNECT_SWAPPED);

  self->confusion_view = add_figure_view (self->confusion_figure_box);
  self->subject_curve_view = add_figure_view (self->subject_curve_figure_box);
  self->pretrain_view = add_figure_view (self->pretrain_figure_box);
  self->finetune_view = add_figure_view (self->finetune_figure_box);
  self->weights_view = add_figure_view (self->weights_figure_box);
  self->lr_view = add_figure_view (self->lr_figure_box);
  g_signal_connect_object (self->subject_curve_view, "cell-activated",
                           G_CALLBACK (subject_bar_activated), self, G_CONNECT_SWAPPED);

  self->comparison = SCMM_RUN_COMPARISON (scmm_run_comparison_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->comparison), TRUE);
  gtk_box_append (GTK_BOX (self->compare_box), GTK_WIDGET (self->comparison));

  g_signal_connect_object (self->export_button, "clicked",
                           G_CALLBACK (export_button_clicked), self, G_CONNECT_SWAPPED);
}
