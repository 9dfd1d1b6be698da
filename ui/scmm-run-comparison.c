/* scmm-run-comparison.c: several runs' curves overlaid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list holds what a run folder's summary says (config.ini and
 * record.json: cheap); a run is read whole only when it is checked, and
 * read again when the list is set again (a run may have gone on since).
 */

#include "scmm-build-config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "scmm-figure-view.h"
#include "scmm-run-comparison-curves.h"
#include "scmm-run-comparison.h"
#include "scmm-run-folder.h"

/* Legends hold names up to this long; longer ones lose their middle. */
#define MAX_SERIES_NAME 30

typedef struct
{
  char          *dir;
  char          *name;        /* the legends' */
  char          *details;     /* its experiment, status and time */
  gint64         time;        /* the last update, for the order */
  gboolean       checked;
  ScmmRunFolder *folder;      /* read when checked */
  GtkWidget     *check;
  GtkWidget     *caption;
} Run;

struct _ScmmRunComparison
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkListBox     *list;
  GtkLabel       *hint;
  ScmmFigureView *views[SCMM_COMPARISON_N_FIGURES];
  ScmmFigure     *figures[SCMM_COMPARISON_N_FIGURES];

  GPtrArray      *runs;       /* Run *, in the list's order */
  char           *method;
  gboolean        syncing;    /* check buttons set from code */
};

G_DEFINE_FINAL_TYPE (ScmmRunComparison, scmm_run_comparison, GTK_TYPE_WIDGET)

static void
run_free (Run *run)
{
  g_free (run->dir);
  g_free (run->name);
  g_free (run->details);
  g_clear_pointer (&run->folder, scmm_run_folder_free);
  g_free (run);
}

GtkWidget *
scmm_run_comparison_new (void)
{
  return g_object_new (SCMM_TYPE_RUN_COMPARISON, NULL);
}

char *
scmm_run_comparison_series_name (const char *dir)
{
  g_autofree char *base = g_path_get_basename (dir);
  glong length = g_utf8_strlen (base, -1);
  const glong head = MAX_SERIES_NAME / 2 - 1, tail = MAX_SERIES_NAME - head - 1;

  if (length <= MAX_SERIES_NAME)
    return g_steal_pointer (&base);

  /* "demo-demo-seed-t…20261123-033350": the start says what, the end when. */
  {
    g_autofree char *start = g_utf8_substring (base, 0, head);
    g_autofree char *end = g_utf8_substring (base, length - tail, length);

    return g_strconcat (start, "…", end, NULL);
  }
}

static Run *
find_run (ScmmRunComparison *self,
          const char        *dir)
{
  for (guint i = 0; i < self->runs->len; i++)
    {
      Run *run = g_ptr_array_index (self->runs, i);

      if (g_strcmp0 (run->dir, dir) == 0)
        return run;
    }
  return NULL;
}

/* ---- the figures ---- */

/* The method of a run whose curves are shown, and the series' name. */
static const ScmmRunMethod *
run_method (ScmmRunComparison *self,
            const Run         *run,
            char             **series)
{
  const ScmmRunFolder *folder = run->folder;
  const ScmmRunMethod *method = NULL;

  if (self->method != NULL)
    method = scmm_run_folder_find_method (folder, self->method);
  if (method == NULL && folder->methods->len > 0)
    method = g_ptr_array_index (folder->methods, folder->best >= 0 ? (guint) folder->best : 0);
  if (method == NULL)
    return NULL;

  if (self->method == NULL || strcmp (method->name, self->method) == 0)
    *series = g_strdup (run->name);
  else
    *series = g_strdup_printf ("%s (%s)", run->name, method->name);
  return method;
}

static void
reset_figure (ScmmFigure *figure,
              const char *title,
              const char *y_label)
{
  scmm_figure_clear_lines (figure);
  scmm_figure_set_title (figure, title);
  scmm_figure_set_axis_labels (figure, _("epoch"), y_label);
  scmm_figure_set_y_scale (figure, SCMM_SCALE_LINEAR);
}

static void
update_figures (ScmmRunComparison *self)
{
  ScmmFigure **f = self->figures;
  g_autofree char *loss_title = NULL;
  gboolean positive = TRUE;
  int checked = 0;

  loss_title = self->method != NULL ? g_strdup_printf (_("Pre-training loss L, %s"), self->method)
                                    : g_strdup (_("Pre-training loss L"));
  reset_figure (f[SCMM_COMPARISON_LOSS], loss_title, _("loss"));
  reset_figure (f[SCMM_COMPARISON_ACCURACY], _("Fine-tuning test accuracy, mean of the subjects"),
                _("accuracy (%)"));
  reset_figure (f[SCMM_COMPARISON_WEIGHTS], _("Learned loss weights p1, p2"), _("weight"));
  reset_figure (f[SCMM_COMPARISON_LEARNING_RATE], _("Learning rate"), _("learning rate"));

  for (guint i = 0; i < self->runs->len; i++)
    {
      const Run *run = g_ptr_array_index (self->runs, i);
      const ScmmRunMethod *method;
      g_autofree char *series = NULL;

      if (!run->checked || run->folder == NULL || (method = run_method (self, run, &series)) == NULL)
        continue;
      checked++;

      if (scmm_run_curve_add_pretrain (f[SCMM_COMPARISON_LOSS], series, method->pretrain,
                                       SCMM_PRETRAIN_LOSS) >= 0)
        positive = positive && scmm_run_curve_pretrain_positive (method->pretrain, SCMM_PRETRAIN_LOSS,
                                                                 SCMM_PRETRAIN_LOSS);
      scmm_run_curve_add_finetune (f[SCMM_COMPARISON_ACCURACY], series, method->finetune_mean,
                                   SCMM_FINETUNE_TEST_ACCURACY);
      {
        g_autofree char *p1 = g_strdup_printf ("%s · p1", series);
        g_autofree char *p2 = g_strdup_printf ("%s · p2", series);

        scmm_run_curve_add_pretrain (f[SCMM_COMPARISON_WEIGHTS], p1, method->pretrain, SCMM_PRETRAIN_P1);
        scmm_run_curve_add_pretrain (f[SCMM_COMPARISON_WEIGHTS], p2, method->pretrain, SCMM_PRETRAIN_P2);
      }
      scmm_run_curve_add_pretrain (f[SCMM_COMPARISON_LEARNING_RATE], series, method->pretrain,
                                   SCMM_PRETRAIN_LR);
    }

  if (positive && scmm_figure_get_n_lines (f[SCMM_COMPARISON_LOSS]) > 0)
    {
      scmm_figure_set_y_scale (f[SCMM_COMPARISON_LOSS], SCMM_SCALE_LOG);
      scmm_figure_set_axis_labels (f[SCMM_COMPARISON_LOSS], _("epoch"), _("loss (log scale)"));
    }

  gtk_label_set_label (self->hint,
                       checked == 0 ? _("Check runs to overlay their curves.")
                                    : g_dngettext (NULL, "One run shown; check others to compare.",
                                                   "The checked runs, one series each.", (gulong) checked));
  for (int i = 0; i < SCMM_COMPARISON_N_FIGURES; i++)
    scmm_figure_view_update (self->views[i]);
}

/* ---- the list ---- */

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) date = time > 0 ? g_date_time_new_from_unix_local (time) : NULL;

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* Reads the run whole, when checked; FALSE (the row says why) when it
 * cannot be. */
static gboolean
run_read (Run *run)
{
  g_autoptr(GError) error = NULL;

  if (run->folder != NULL)
    return TRUE;
  run->folder = scmm_run_folder_read (run->dir, &error);
  if (run->folder != NULL)
    return TRUE;

  {
    g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"#c01c28\">%s</span>",
                                                       _("cannot be read"));
    gtk_label_set_markup (GTK_LABEL (run->caption), markup);
    gtk_widget_set_tooltip_text (run->check, error->message);
  }
  return FALSE;
}

static gboolean
set_checked (ScmmRunComparison *self,
             Run               *run,
             gboolean           checked)
{
  gboolean ok = !checked || run_read (run);

  run->checked = checked && ok;
  self->syncing = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (run->check), run->checked);
  self->syncing = FALSE;
  return ok;
}

static void
check_toggled (ScmmRunComparison *self,
               GtkCheckButton    *check)
{
  Run *run = g_object_get_data (G_OBJECT (check), "run");

  if (self->syncing || run == NULL)
    return;
  set_checked (self, run, gtk_check_button_get_active (check));
  update_figures (self);
}

/* A run as its summary (config.ini, record.json) lists it; NULL when the
 * folder is no run. */
static Run *
run_new (const char *dir)
{
  g_autoptr(ScmmRunFolder) summary = scmm_run_folder_read_summary (dir, NULL);
  g_autofree char *when = NULL;
  const char *status;
  Run *run;
  GStatBuf st;

  if (summary == NULL)
    return NULL;

  run = g_new0 (Run, 1);
  run->dir = g_strdup (dir);
  run->name = scmm_run_comparison_series_name (dir);
  run->time = summary->record->updated;
  if (run->time == 0 && g_stat (dir, &st) == 0)
    run->time = st.st_mtime;

  when = format_time (run->time);
  status = summary->record->status_word != NULL ? summary->record->status_word : _("not started");
  run->details = summary->config->name != NULL && summary->config->name[0] != '\0'
                 ? g_strdup_printf ("%s · %s · %s", summary->config->name, status, when)
                 : g_strdup_printf ("%s · %s", status, when);
  return run;
}

static GtkWidget *
run_row (ScmmRunComparison *self,
         Run               *run)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *base = g_path_get_basename (run->dir);
  GtkWidget *name = gtk_label_new (base);
  GtkWidget *caption = gtk_label_new (run->details);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), caption);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), text);
  gtk_widget_set_tooltip_text (check, run->dir);
  gtk_widget_set_margin_top (check, 2);
  gtk_widget_set_margin_bottom (check, 2);

  run->check = check;
  run->caption = caption;
  g_object_set_data (G_OBJECT (check), "run", run);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled), self, G_CONNECT_SWAPPED);
  return check;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const Run *ra = *(const Run *const *) a;
  const Run *rb = *(const Run *const *) b;

  if (ra->time != rb->time)
    return ra->time > rb->time ? -1 : 1;
  return g_utf8_collate (ra->dir, rb->dir);
}

void
scmm_run_comparison_set_runs (ScmmRunComparison *self,
                              const char *const *dirs,
                              const char        *current)
{
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  GtkWidget *row;

  g_return_if_fail (SCMM_IS_RUN_COMPARISON (self));

  if (current != NULL)
    g_ptr_array_add (wanted, (gpointer) current);
  for (guint i = 0; dirs != NULL && dirs[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (wanted, dirs[i], g_str_equal, NULL))
      g_ptr_array_add (wanted, (gpointer) dirs[i]);

  old = g_steal_pointer (&self->runs);
  self->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) run_free);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, row);

  for (guint i = 0; i < wanted->len; i++)
    {
      Run *run = run_new (g_ptr_array_index (wanted, i));

      if (run != NULL)
        g_ptr_array_add (self->runs, run);
    }
  g_ptr_array_sort (self->runs, compare_newest_first);

  for (guint i = 0; i < self->runs->len; i++)
    {
      Run *run = g_ptr_array_index (self->runs, i);
      gboolean was_checked = FALSE;

      for (guint j = 0; old != NULL && j < old->len; j++)
        if (strcmp (((Run *) g_ptr_array_index (old, j))->dir, run->dir) == 0)
          was_checked = ((Run *) g_ptr_array_index (old, j))->checked;

      gtk_list_box_append (self->list, run_row (self, run));
      set_checked (self, run, was_checked || g_strcmp0 (run->dir, current) == 0);
    }

  update_figures (self);
}

void
scmm_run_comparison_set_method (ScmmRunComparison *self,
                                const char        *method)
{
  g_return_if_fail (SCMM_IS_RUN_COMPARISON (self));

  if (g_strcmp0 (self->method, method) == 0)
    return;
  g_free (self->method);
  self->method = g_strdup (method);
  update_figures (self);
}

gboolean
scmm_run_comparison_set_checked (ScmmRunComparison *self,
                                 const char        *dir,
                                 gboolean           checked)
{
  Run *run;
  gboolean ok;

  g_return_val_if_fail (SCMM_IS_RUN_COMPARISON (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  run = find_run (self, dir);
  if (run == NULL)
    return FALSE;
  ok = set_checked (self, run, checked);
  update_figures (self);
  return ok;
}

GStrv
scmm_run_comparison_get_checked (ScmmRunComparison *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SCMM_IS_RUN_COMPARISON (self), NULL);

  for (guint i = 0; i < self->runs->len; i++)
    {
      const Run *run = g_ptr_array_index (self->runs, i);

      if (run->checked)
        g_strv_builder_add (builder, run->dir);
    }
  return g_strv_builder_end (builder);
}

ScmmFigure *
scmm_run_comparison_get_figure (ScmmRunComparison    *self,
                                ScmmComparisonFigure  which)
{
  g_return_val_if_fail (SCMM_IS_RUN_COMPARISON (self), NULL);
  g_return_val_if_fail (which < SCMM_COMPARISON_N_FIGURES, NULL);

  return self->figures[which];
}

/* ---- GObject ---- */

static void
scmm_run_comparison_dispose (GObject *object)
{
  ScmmRunComparison *self = SCMM_RUN_COMPARISON (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (scmm_run_comparison_parent_class)->dispose (object);
}

static void
scmm_run_comparison_finalize (GObject *object)
{
  ScmmRunComparison *self = SCMM_RUN_COMPARISON (object);

  for (int i = 0; i < SCMM_COMPARISON_N_FIGURES; i++)
    g_clear_pointer (&self->figures[i], scmm_figure_unref);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_free (self->method);

  G_OBJECT_CLASS (scmm_run_comparison_parent_class)->finalize (object);
}

static void
scmm_run_comparison_class_init (ScmmRunComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scmm_run_comparison_dispose;
  object_class->finalize = scmm_run_comparison_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scmm-run-comparison");
}

static GtkWidget *
build_list (ScmmRunComparison *self)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Runs"));
  GtkWidget *hint = gtk_label_new (NULL);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_label_set_xalign (GTK_LABEL (hint), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Runs to compare"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_frame_set_child (GTK_FRAME (frame), scroller);
  gtk_widget_set_size_request (column, 260, -1);

  gtk_box_append (GTK_BOX (column), heading);
  gtk_box_append (GTK_BOX (column), frame);
  gtk_box_append (GTK_BOX (column), hint);
  self->list = GTK_LIST_BOX (list);
  self->hint = GTK_LABEL (hint);
  return column;
}

static void
scmm_run_comparison_init (ScmmRunComparison *self)
{
  GtkWidget *grid = gtk_grid_new ();

  self->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) run_free);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), build_list (self));

  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_hexpand (grid, TRUE);
  for (int i = 0; i < SCMM_COMPARISON_N_FIGURES; i++)
    {
      GtkWidget *frame = gtk_frame_new (NULL);

      self->figures[i] = scmm_figure_new (NULL);
      self->views[i] = SCMM_FIGURE_VIEW (scmm_figure_view_new ());
      scmm_figure_view_set_figure (self->views[i], self->figures[i]);
      gtk_widget_set_hexpand (GTK_WIDGET (self->views[i]), TRUE);
      gtk_widget_set_vexpand (GTK_WIDGET (self->views[i]), TRUE);
      gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->views[i]));
      gtk_grid_attach (GTK_GRID (grid), frame, i % 2, i / 2, 1, 1);
    }
  gtk_box_append (GTK_BOX (self->box), grid);

  update_figures (self);
}
