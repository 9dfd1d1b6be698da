/* scmm-window.c: the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <glib/gi18n.h>

#include "gl/scmm-gl-notice.h"
#include "scmm-data-page.h"
#include "scmm-error-dialog.h"
#include "scmm-experiment-page.h"
#include "scmm-figure-view.h"
#include "scmm-resources.h"
#include "scmm-results-page.h"
#include "scmm-settings.h"
#include "scmm-teach-page.h"
#include "scmm-training-page.h"
#include "scmm-window.h"

struct _ScmmWindow
{
  GtkApplicationWindow parent_instance;

  /* Template children */
  GtkHeaderBar     *header_bar;
  GtkStackSwitcher *page_switcher;
  GtkMenuButton    *primary_menu_button;
  GtkMenuButton    *open_menu_button;
  GtkButton        *start_button;
  GtkStack         *stack;

  /* The pages */
  ScmmDataPage       *data_page;
  ScmmExperimentPage *experiment_page;
  ScmmTrainingPage   *training_page;
  ScmmResultsPage    *results_page;
  ScmmTeachPage      *teach_page;

  ScmmRunTask *task;
};

G_DEFINE_FINAL_TYPE (ScmmWindow, scmm_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ScmmWindow *
scmm_window_new (ScmmApplication *application)
{
  g_return_val_if_fail (application == NULL || SCMM_IS_APPLICATION (application), NULL);

  return g_object_new (SCMM_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

const char *
scmm_window_get_page (ScmmWindow *self)
{
  g_return_val_if_fail (SCMM_IS_WINDOW (self), NULL);

  if (self->stack == NULL)
    return NULL;

  return gtk_stack_get_visible_child_name (self->stack);
}

void
scmm_window_set_page (ScmmWindow *self,
                      const char *name)
{
  g_return_if_fail (SCMM_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (gtk_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_critical ("ScmmWindow has no page named “%s”", name);
      return;
    }

  /* notify::page follows from the stack's notify::visible-child-name. */
  gtk_stack_set_visible_child_name (self->stack, name);
}

GtkWidget *
scmm_window_get_page_widget (ScmmWindow *self,
                             const char *name)
{
  g_return_val_if_fail (SCMM_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->stack, name);
}

ScmmRunTask *
scmm_window_get_run_task (ScmmWindow *self)
{
  g_return_val_if_fail (SCMM_IS_WINDOW (self), NULL);
  return self->task;
}

char *
scmm_window_get_runs_folder (ScmmWindow *self)
{
  return scmm_settings_get_runs_folder ();
}

static void
show_error (ScmmWindow *self,
            const char *title,
            GError     *error)
{
  scmm_show_error (GTK_WINDOW (self), title, error);
}

static void
on_page_error (ScmmWindow *self,
               GError     *error,
               GtkWidget  *page)
{
  show_error (self, _("Something went wrong"), error);
}

/* ---- running ---- */

static void
update_run_actions (ScmmWindow *self)
{
  gboolean running = self->task != NULL && scmm_run_task_get_running (self->task);
  gboolean paused = running && scmm_run_task_get_paused (self->task);
  gboolean valid = scmm_experiment_page_get_valid (self->experiment_page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-run", valid && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pause-run", running && !paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.resume-run", paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-run", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.continue-run", !running);
}

static void
on_task_finished (ScmmWindow  *self,
                  gboolean     ok,
                  ScmmRunTask *task)
{
  const char *dir = scmm_run_task_get_dir (task);
  g_autoptr(GError) error = NULL;

  update_run_actions (self);
  scmm_training_page_refresh_runs (self->training_page);
  if (!ok && !scmm_run_task_get_cancelled (task) && scmm_run_task_get_error (task) != NULL)
    show_error (self, _("The run stopped"), (GError *) scmm_run_task_get_error (task));
  if (ok)
    {
      if (!scmm_results_page_show_run (self->results_page, dir, &error))
        show_error (self, _("The results cannot be shown"), error);
      else
        scmm_window_set_page (self, "results");
    }
}

static void
follow_task (ScmmWindow  *self,
             ScmmRunTask *task)
{
  if (self->task != NULL)
    g_signal_handlers_disconnect_by_data (self->task, self);
  g_set_object (&self->task, task);
  scmm_training_page_set_task (self->training_page, task);
  g_signal_connect_object (task, "finished", G_CALLBACK (on_task_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (task, "notify::running", G_CALLBACK (update_run_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (task, "notify::paused", G_CALLBACK (update_run_actions), self,
                           G_CONNECT_SWAPPED);
}

/* A file-name-safe form of an experiment's name: lower case letters and
 * digits, other runs of characters as one '-' ("Demo: demo:seed to
 * demo:deap" gives "demo-demo-seed-to-demo-deap"); "run" when nothing is left. */
static char *
run_folder_slug (const char *name)
{
  GString *slug = g_string_new (NULL);

  for (const char *p = name != NULL ? name : ""; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
      if (slug->len >= 60)
        break;
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "run");
  return g_string_free (slug, FALSE);
}

/* A new folder for a run: <runs folder>/<experiment name>-<date and time>. */
static char *
new_run_dir (ScmmWindow           *self,
             const ScmmExperiment *experiment)
{
  g_autofree char *folder = scmm_window_get_runs_folder (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = run_folder_slug (experiment->name);

  for (int i = 1;; i++)
    {
      g_autofree char *base = i == 1 ? g_strdup_printf ("%s-%s", name, stamp)
                                     : g_strdup_printf ("%s-%s-%d", name, stamp, i);
      char *dir = g_build_filename (folder, base, NULL);
      if (!g_file_test (dir, G_FILE_TEST_EXISTS))
        return dir;
      g_free (dir);
    }
}

gboolean
scmm_window_start_run (ScmmWindow  *self,
                       GError     **error)
{
  g_return_val_if_fail (SCMM_IS_WINDOW (self), FALSE);

  if (self->task != NULL && scmm_run_task_get_running (self->task))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("A run is already in progress"));
      return FALSE;
    }
  g_autoptr(ScmmExperiment) experiment = scmm_experiment_page_get_experiment (self->experiment_page,
                                                                              error);
  if (experiment == NULL)
    return FALSE;
  /* The preference wins; its default (0) leaves one processor to the window
   * when the experiment would take them all. */
  int threads = scmm_settings_get_threads ();
  if (threads > 0)
    experiment->threads = threads;
  else if (experiment->threads == 0)
    experiment->threads = MAX (1, (int) g_get_num_processors () - 1);
  g_autofree char *dir = new_run_dir (self, experiment);
  g_autoptr(ScmmRunTask) task = scmm_run_task_new (experiment, dir);
  follow_task (self, task);
  scmm_run_task_start (task);
  update_run_actions (self);
  scmm_window_set_page (self, "training");
  return TRUE;
}

gboolean
scmm_window_continue_run (ScmmWindow  *self,
                          const char  *dir,
                          GError     **error)
{
  g_return_val_if_fail (SCMM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (self->task != NULL && scmm_run_task_get_running (self->task))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("A run is already in progress"));
      return FALSE;
    }
  g_autofree char *config = g_build_filename (dir, "config.ini", NULL);
  if (!g_file_test (config, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s is not a run folder: it has no config.ini"), dir);
      return FALSE;
    }
  g_autoptr(ScmmRunTask) task = scmm_run_task_new (NULL, dir);
  follow_task (self, task);
  scmm_run_task_start (task);
  update_run_actions (self);
  scmm_window_set_page (self, "training");
  return TRUE;
}

static void
continue_run_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ScmmWindow *self = SCMM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *dir = g_variant_get_string (parameter, NULL);

  /* An empty folder means the last run of this window. */
  if (dir[0] == '\0' && self->task != NULL)
    dir = scmm_run_task_get_dir (self->task);
  if (dir[0] == '\0')
    return;
  if (!scmm_window_continue_run (self, dir, &error))
    show_error (self, _("The run cannot continue"), error);
}

static void
start_run_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ScmmWindow *self = SCMM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!scmm_window_start_run (self, &error))
    show_error (self, _("The experiment cannot start"), error);
}

static void
pause_run_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ScmmWindow *self = SCMM_WINDOW (widget);

  if (self->task != NULL)
    scmm_run_task_set_paused (self->task, g_str_equal (action_name, "win.pause-run"));
}

static void
cancel_run_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ScmmWindow *self = SCMM_WINDOW (widget);

  if (self->task != NULL)
    {
      scmm_run_task_set_paused (self->task, FALSE);
      scmm_run_task_cancel (self->task);
    }
}

static void
on_open_run (ScmmWindow *self,
             const char *dir)
{
  g_autoptr(GError) error = NULL;

  if (!scmm_results_page_show_run (self->results_page, dir, &error))
    {
      show_error (self, _("The run cannot be opened"), error);
      return;
    }
  scmm_window_set_page (self, "results");
}

static void
on_run_folder_chosen (GtkNativeDialog *dialog,
                      int              response,
                      ScmmWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *dir = g_file_get_path (file);
      if (dir != NULL)
        on_open_run (self, dir);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_run_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ScmmWindow *self = SCMM_WINDOW (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Open a Run Folder"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"), _("_Cancel"));
  g_autofree char *folder = scmm_window_get_runs_folder (self);
  g_autoptr(GFile) start = g_file_new_for_path (folder);

  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_run_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- files ---- */

gboolean
scmm_window_open_file (ScmmWindow  *self,
                       const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (SCMM_IS_WINDOW (self), FALSE);

  if (g_str_has_suffix (path, ".ini"))
    {
      if (!scmm_experiment_page_load_file (self->experiment_page, path, error))
        return FALSE;
      scmm_window_set_page (self, "experiment");
      return TRUE;
    }
  if (!scmm_data_page_open_corpus (self->data_page, path, error))
    return FALSE;
  scmm_settings_add_recent_corpus (path);
  scmm_window_set_page (self, "data");
  return TRUE;
}

static void
open_experiment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ScmmWindow *self = SCMM_WINDOW (widget);
  scmm_experiment_page_choose_open (self->experiment_page, GTK_WINDOW (self));
  scmm_window_set_page (self, "experiment");
}

static void
save_experiment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ScmmWindow *self = SCMM_WINDOW (widget);
  scmm_experiment_page_choose_save (self->experiment_page, GTK_WINDOW (self));
}

static void
export_results_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ScmmWindow *self = SCMM_WINDOW (widget);

  if (scmm_results_page_get_run (self->results_page) == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                             _("No run is open on the Results page yet: finish a "
                                               "run or open a run folder first."));
      show_error (self, _("Nothing to export"), error);
      return;
    }
  scmm_results_page_choose_export (self->results_page, GTK_WINDOW (self));
}

/* The first figure of the visible page, depth first. */
static ScmmFigureView *
find_figure_view (GtkWidget *widget)
{
  if (SCMM_IS_FIGURE_VIEW (widget) && gtk_widget_get_mapped (widget))
    return SCMM_FIGURE_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ScmmFigureView *found = find_figure_view (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
export_figure_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ScmmWindow *self = SCMM_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  ScmmFigureView *view = page != NULL ? find_figure_view (page) : NULL;

  if (view == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                             _("This page shows no figure."));
      show_error (self, _("Nothing to export"), error);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (view), "figure.export", NULL);
}

/* ---- GObject ---- */

static void
scmm_window_stack_notify_visible_child_name (ScmmWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
scmm_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ScmmWindow *self = SCMM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, scmm_window_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ScmmWindow *self = SCMM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      scmm_window_set_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_window_save_size (ScmmWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  scmm_settings_save_window (width, height, gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
scmm_window_dispose (GObject *object)
{
  ScmmWindow *self = SCMM_WINDOW (object);

  if (self->task != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->task, self);
      g_clear_object (&self->task);   /* its dispose stops and joins the worker */
    }

  /* The stack changes its visible child as its pages go away; that must not
   * reach ScmmWindow:page (and the win.page action) once the template is
   * being torn down. */
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);

  /* GTK 4.8's gtk_widget_dispose_template() unparents the template's direct
   * children behind GtkWindow's back, and GtkWindow's dispose then unparents
   * its (freed) child and titlebar again. Detach them the GtkWindow way first. */
  gtk_window_set_titlebar (GTK_WINDOW (self), NULL);
  gtk_window_set_child (GTK_WINDOW (self), NULL);

  gtk_widget_dispose_template (GTK_WIDGET (object), SCMM_TYPE_WINDOW);

  G_OBJECT_CLASS (scmm_window_parent_class)->dispose (object);
}

static gboolean
scmm_window_close_request (GtkWindow *window)
{
  scmm_window_save_size (SCMM_WINDOW (window));
  return GTK_WINDOW_CLASS (scmm_window_parent_class)->close_request (window);
}

static void
scmm_window_class_init (ScmmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = scmm_window_get_property;
  object_class->set_property = scmm_window_set_property;
  object_class->dispose = scmm_window_dispose;
  window_class->close_request = scmm_window_close_request;

  /**
   * ScmmWindow:page:
   *
   * The name of the visible page: "data", "experiment", "training",
   * "results" or "teach".
   */
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL,
                         "data",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* win.page::NAME shows a page; the accelerators are the application's. */
  gtk_widget_class_install_property_action (widget_class, "win.page", "page");
  gtk_widget_class_install_action (widget_class, "win.start-run", NULL, start_run_action);
  gtk_widget_class_install_action (widget_class, "win.pause-run", NULL, pause_run_action);
  gtk_widget_class_install_action (widget_class, "win.resume-run", NULL, pause_run_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-run", NULL, cancel_run_action);
  gtk_widget_class_install_action (widget_class, "win.continue-run", "s", continue_run_action);
  gtk_widget_class_install_action (widget_class, "win.open-run", NULL, open_run_action);
  gtk_widget_class_install_action (widget_class, "win.open-experiment", NULL, open_experiment_action);
  gtk_widget_class_install_action (widget_class, "win.save-experiment", NULL, save_experiment_action);
  gtk_widget_class_install_action (widget_class, "win.export-results", NULL, export_results_action);
  gtk_widget_class_install_action (widget_class, "win.export-figure", NULL, export_figure_action);

  scmm_resources_ensure_registered ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SCMM_RESOURCE_BASE_PATH "/ui/scmm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScmmWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ScmmWindow, page_switcher);
  gtk_widget_class_bind_template_child (widget_class, ScmmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmWindow, open_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmWindow, start_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmWindow, stack);
}

/* The Training page lists the runs of the runs folder of the preferences. */
static void
scmm_window_runs_folder_changed (ScmmWindow *self)
{
  g_autofree char *runs = scmm_window_get_runs_folder (self);

  scmm_training_page_set_runs_folder (self->training_page, runs);
}

/* The Teach page's "Experiment's source": the Experiment page's experiment. */
static ScmmExperiment *
experiment_for_teaching (gpointer   user_data,
                         GError   **error)
{
  ScmmWindow *self = user_data;

  return scmm_experiment_page_get_experiment (self->experiment_page, error);
}

/* The Teach page's "Data page's corpus": the corpus the Data page shows. */
static char *
corpus_for_teaching (gpointer   user_data,
                     GError   **error)
{
  ScmmWindow *self = user_data;
  const char *corpus = scmm_data_page_get_corpus (self->data_page);

  if (corpus == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("the Data page shows no corpus"));
      return NULL;
    }
  return g_strdup (corpus);
}

static void
add_page (ScmmWindow *self,
          GtkWidget  *page,
          const char *name,
          const char *title)
{
  gtk_stack_add_titled (self->stack, page, name, title);
  g_signal_connect_object (page, "error", G_CALLBACK (on_page_error), self, G_CONNECT_SWAPPED);
}

static void
scmm_window_init (ScmmWindow *self)
{
  int width, height;
  gboolean maximized;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Says once a process when figures fall back to cairo. */
  scmm_gl_notice_attach (GTK_WINDOW (self));

  self->data_page = SCMM_DATA_PAGE (scmm_data_page_new ());
  self->experiment_page = SCMM_EXPERIMENT_PAGE (scmm_experiment_page_new ());
  self->training_page = SCMM_TRAINING_PAGE (scmm_training_page_new ());
  self->results_page = SCMM_RESULTS_PAGE (scmm_results_page_new ());
  add_page (self, GTK_WIDGET (self->data_page), "data", _("Data"));
  add_page (self, GTK_WIDGET (self->experiment_page), "experiment", _("Experiment"));
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->training_page), "training", _("Training"));
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->results_page), "results", _("Results"));
  self->teach_page = SCMM_TEACH_PAGE (scmm_teach_page_new ());
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->teach_page), "teach", _("Teach"));
  scmm_teach_page_set_experiment_func (self->teach_page, experiment_for_teaching, self);
  scmm_teach_page_set_corpus_func (self->teach_page, corpus_for_teaching, self);
  g_signal_connect_object (self->training_page, "open-run", G_CALLBACK (on_open_run), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->experiment_page, "notify::valid",
                           G_CALLBACK (update_run_actions), self, G_CONNECT_SWAPPED);

  scmm_window_runs_folder_changed (self);
  if (scmm_settings_get () != NULL)
    g_signal_connect_object (scmm_settings_get (), "changed::runs-folder",
                             G_CALLBACK (scmm_window_runs_folder_changed), self, G_CONNECT_SWAPPED);

  scmm_settings_get_window (&width, &height, &maximized);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (maximized)
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (scmm_window_stack_notify_visible_child_name),
                           self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->stack, "data");
  update_run_actions (self);
}
