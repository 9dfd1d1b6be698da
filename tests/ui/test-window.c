/* test-window.c: the application and its main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include "scmm-application.h"
#include "scmm-data-page.h"
#include "scmm-experiment-page.h"
#include "scmm-preferences-window.h"
#include "scmm-results-page.h"
#include "scmm-settings.h"
#include "scmm-training-page.h"
#include "scmm-window.h"
#include "scmm-test-screenshot.h"

#define WAIT_MS 10000
/* A whole tiny run through the window, on 2 cores shared with Xvfb. */
#define RUN_WAIT_MS 120000

static const struct
{
  const char *name;
  const char *title;
} expected_pages[] = {
  { "data", "Data" },
  { "experiment", "Experiment" },
  { "training", "Training" },
  { "results", "Results" },
  { "teach", "Teach" },
};

/* One registered application for the whole run, as in the real program:
 * startup has run, so actions, accels, CSS and the help overlay are in place. */
static ScmmApplication *app;

static GtkStack *
window_stack (ScmmWindow *window)
{
  GObject *stack = gtk_widget_get_template_child (GTK_WIDGET (window), SCMM_TYPE_WINDOW, "stack");

  g_assert_true (GTK_IS_STACK (stack));
  return GTK_STACK (stack);
}

/* The pages crossfade: a screenshot waits for the new one alone. */
static gboolean
stack_settled (gpointer user_data)
{
  return !gtk_stack_get_transition_running (GTK_STACK (user_data));
}

static gboolean
widget_is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

/* Lets the main loop run for `ms` milliseconds. */
static void
spin_main_loop (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

static ScmmWindow *
present_new_window (void)
{
  ScmmWindow *window = scmm_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (scmm_test_wait_until (widget_is_mapped, window, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (window), 2, WAIT_MS));

  return window;
}

static void
destroy_window (ScmmWindow *window)
{
  gpointer weak = window;
  gpointer *pointers[] = { &weak, NULL };

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (scmm_test_wait_for_weak_pointers (pointers, WAIT_MS));
}

static void
test_application_actions (void)
{
  g_auto(GStrv) quit_accels = NULL;
  g_auto(GStrv) results_accels = NULL;

  g_assert_cmpstr (g_application_get_application_id (G_APPLICATION (app)), ==, SCMM_APP_ID);
  g_assert_cmpstr (g_application_get_resource_base_path (G_APPLICATION (app)), ==,
                   "/io/github/scmm_studio/ScmmStudio");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_true (g_strv_contains ((const char * const *) quit_accels, "<Control>q"));

  results_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.page::results");
  g_assert_true (g_strv_contains ((const char * const *) results_accels, "<Alt>4"));
}

static void
test_window_pages (void)
{
  ScmmWindow *window = scmm_window_new (app);
  GtkStack *stack = window_stack (window);
  GObject *header_bar = gtk_widget_get_template_child (GTK_WIDGET (window), SCMM_TYPE_WINDOW, "header_bar");
  GObject *menu_button = gtk_widget_get_template_child (GTK_WIDGET (window), SCMM_TYPE_WINDOW, "primary_menu_button");
  GtkWidget *title_widget;
  GtkWidget *child;
  guint n_pages = 0;
  int width, height;

  g_assert_true (GTK_IS_HEADER_BAR (header_bar));
  g_assert_true (gtk_window_get_titlebar (GTK_WINDOW (window)) == GTK_WIDGET (header_bar));

  title_widget = gtk_header_bar_get_title_widget (GTK_HEADER_BAR (header_bar));
  g_assert_true (GTK_IS_STACK_SWITCHER (title_widget));
  g_assert_true (gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (title_widget)) == stack);

  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  g_assert_cmpstr (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (menu_button)), ==, "open-menu-symbolic");
  g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));

  for (child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), n_pages++)
    {
      GtkStackPage *page = gtk_stack_get_page (stack, child);

      g_assert_cmpuint (n_pages, <, G_N_ELEMENTS (expected_pages));
      g_assert_cmpstr (gtk_stack_page_get_name (page), ==, expected_pages[n_pages].name);
      g_assert_cmpstr (gtk_stack_page_get_title (page), ==, expected_pages[n_pages].title);
    }
  g_assert_cmpuint (n_pages, ==, G_N_ELEMENTS (expected_pages));

  g_assert_true (SCMM_IS_DATA_PAGE (scmm_window_get_page_widget (window, "data")));
  g_assert_true (SCMM_IS_EXPERIMENT_PAGE (scmm_window_get_page_widget (window, "experiment")));
  g_assert_true (SCMM_IS_TRAINING_PAGE (scmm_window_get_page_widget (window, "training")));
  g_assert_true (SCMM_IS_RESULTS_PAGE (scmm_window_get_page_widget (window, "results")));

  /* The app starts on the built-in demo corpus, with no file at all. */
  g_assert_cmpstr (scmm_data_page_get_corpus (SCMM_DATA_PAGE (scmm_window_get_page_widget (window, "data"))),
                   ==, "demo:seed");

  g_assert_cmpstr (scmm_window_get_page (window), ==, "data");

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1200);
  g_assert_cmpint (height, ==, 800);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_window_switch_pages (void)
{
  ScmmWindow *window = present_new_window ();
  GtkStack *stack = window_stack (window);
  g_autofree char *page = NULL;
  guint notifications = 0;

  g_signal_connect (window, "notify::page", G_CALLBACK (count_notify), &notifications);

  /* Through the C API. */
  for (guint i = 0; i < G_N_ELEMENTS (expected_pages); i++)
    {
      scmm_window_set_page (window, expected_pages[i].name);
      g_assert_cmpstr (scmm_window_get_page (window), ==, expected_pages[i].name);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, expected_pages[i].name);
    }
  /* "data" was already visible: a change for each of the others. */
  g_assert_cmpuint (notifications, ==, G_N_ELEMENTS (expected_pages) - 1);

  /* Through the property. */
  g_object_set (window, "page", "experiment", NULL);
  g_object_get (window, "page", &page, NULL);
  g_assert_cmpstr (page, ==, "experiment");

  /* Through the action the accelerators and the shortcuts window use. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "training"));
  g_assert_cmpstr (scmm_window_get_page (window), ==, "training");

  /* Through the switcher, as a user would: the stack follows, and so does
   * the window's property. */
  gtk_stack_set_visible_child_name (stack, "results");
  g_assert_cmpstr (scmm_window_get_page (window), ==, "results");

  g_signal_handlers_disconnect_by_func (window, count_notify, &notifications);
  destroy_window (window);
}

static void
test_window_unknown_page (void)
{
  if (g_test_subprocess ())
    {
      ScmmWindow *window = scmm_window_new (app);

      scmm_window_set_page (window, "no-such-page");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*no page named*no-such-page*");
}

static void
test_window_finalize (void)
{
  ScmmWindow *window = present_new_window ();
  GtkStack *stack = window_stack (window);
  gpointer weak_window = window;
  gpointer weak_stack = stack;
  gpointer weak_header_bar = gtk_widget_get_template_child (GTK_WIDGET (window), SCMM_TYPE_WINDOW, "header_bar");
  gpointer weak_switcher = gtk_widget_get_template_child (GTK_WIDGET (window), SCMM_TYPE_WINDOW, "page_switcher");
  gpointer weak_menu_button = gtk_widget_get_template_child (GTK_WIDGET (window), SCMM_TYPE_WINDOW, "primary_menu_button");
  gpointer weak_page = gtk_stack_get_child_by_name (stack, "results");
  gpointer *pointers[] = {
    &weak_window, &weak_stack, &weak_header_bar, &weak_switcher, &weak_menu_button, &weak_page, NULL
  };

  for (guint i = 0; pointers[i] != NULL; i++)
    {
      g_assert_nonnull (*pointers[i]);
      g_object_add_weak_pointer (G_OBJECT (*pointers[i]), pointers[i]);
    }

  /* Visit every page, so each has been realized and drawn once. */
  for (guint i = 0; i < G_N_ELEMENTS (expected_pages); i++)
    {
      scmm_window_set_page (window, expected_pages[i].name);
      g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (window), 1, WAIT_MS));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (scmm_test_wait_for_weak_pointers (pointers, WAIT_MS));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static void
assert_plausible_screenshot (GdkTexture *texture,
                             GtkWidget  *widget)
{
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (widget));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, gtk_widget_get_height (widget));
  g_assert_cmpint (gdk_texture_get_width (texture), >=, 200);
  g_assert_cmpint (gdk_texture_get_height (texture), >=, 200);
  g_assert_cmpint (gdk_texture_get_width (texture), <=, 4096);
  g_assert_cmpint (gdk_texture_get_height (texture), <=, 4096);

  /* Text and icons are antialiased: a drawn page has many colours, a blank
   * or failed render has one or two. */
  g_assert_cmpuint (scmm_test_count_colours (texture, 64), >=, 16);
}

static void
test_window_screenshot (void)
{
  ScmmWindow *window = present_new_window ();

  for (guint i = 0; i < G_N_ELEMENTS (expected_pages); i++)
    {
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *name = g_strconcat ("window-", expected_pages[i].name, NULL);
      g_autofree char *path = NULL;

      scmm_window_set_page (window, expected_pages[i].name);
      g_assert_true (scmm_test_wait_until (stack_settled, window_stack (window), WAIT_MS));
      g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (window), 2, WAIT_MS));

      texture = scmm_test_screenshot (GTK_WIDGET (window));
      assert_plausible_screenshot (texture, GTK_WIDGET (window));
      g_test_message ("%s: %dx%d", name, gdk_texture_get_width (texture), gdk_texture_get_height (texture));

      path = scmm_test_save_screenshot (texture, name);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  destroy_window (window);
}

static void
test_window_help_overlay (void)
{
  ScmmWindow *window = present_new_window ();
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (scmm_test_wait_until (widget_is_mapped, overlay, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (overlay), 2, WAIT_MS));

  texture = scmm_test_screenshot (GTK_WIDGET (overlay));
  assert_plausible_screenshot (texture, GTK_WIDGET (overlay));
  path = scmm_test_save_screenshot (texture, "help-overlay");

  gtk_widget_hide (GTK_WIDGET (overlay));
  destroy_window (window);
}

static void
test_window_primary_menu (void)
{
  ScmmWindow *window = present_new_window ();
  GtkMenuButton *menu_button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                SCMM_TYPE_WINDOW,
                                                                                "primary_menu_button"));
  GtkPopover *popover;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  /* Both entries lead somewhere: their actions exist and are enabled. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-help-overlay"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "about"));

  gtk_menu_button_popup (menu_button);
  popover = gtk_menu_button_get_popover (menu_button);
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_true (scmm_test_wait_until (widget_is_mapped, popover, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (popover), 2, WAIT_MS));

  texture = scmm_test_screenshot (GTK_WIDGET (popover));
  g_assert_nonnull (texture);
  g_assert_cmpuint (scmm_test_count_colours (texture, 64), >=, 16);
  path = scmm_test_save_screenshot (texture, "primary-menu");

  /* The popover's pointer grab sends it an enter event, which arms GTK's
   * 500 ms tooltip timer; GTK 4.8 fires that timer even when the popover has
   * gone meanwhile (a critical). A person keeps a menu open longer than that. */
  spin_main_loop (600);
  gtk_menu_button_popdown (menu_button);
  destroy_window (window);
}

/* The app's icons come with it (from its resources, installed or not): the
 * application icon for the about dialog and the symbolic icons the pages use. */
static void
test_application_icons (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  const char *names[] = { SCMM_APP_ID, "scmm-eeg-symbolic" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GtkIconPaintable) icon = NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *uri = NULL;
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      g_assert_true (gtk_icon_theme_has_icon (theme, names[i]));
      icon = gtk_icon_theme_lookup_icon (theme, names[i], NULL, 64, 1, GTK_TEXT_DIR_LTR, 0);
      file = gtk_icon_paintable_get_file (icon);
      g_assert_nonnull (file);
      uri = g_file_get_uri (file);
      g_test_message ("%s: %s", names[i], uri);
      g_assert_true (g_str_has_prefix (uri, "resource:///io/github/scmm_studio/ScmmStudio/icons/"));

      /* It draws: a loading failure would leave nothing (and warn). */
      gdk_paintable_snapshot (GDK_PAINTABLE (icon), GDK_SNAPSHOT (snapshot), 64, 64);
      node = gtk_snapshot_free_to_node (snapshot);
      g_assert_nonnull (node);
    }
}

/* Preferences: a window over the main one, bound to the settings; the data
 * folders are listed with a remove button each. */
static GtkWindow *
find_toplevel_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_WINDOW (toplevel);
    }
  return NULL;
}

static GtkWidget *
find_descendant_of_type (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant_of_type (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
list_box_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static void
test_application_preferences (void)
{
  ScmmWindow *window = present_new_window ();
  const char *folders[] = { "/tmp/scmm-data-a", "/tmp/scmm-data-b", NULL };
  const char *none[] = { NULL };
  g_auto(GStrv) left = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkWindow *preferences;
  GtkListBox *list;
  GtkWidget *remove;

  scmm_settings_set_data_folders (folders);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_toplevel_of_type (SCMM_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  g_assert_true (scmm_test_wait_until (widget_is_mapped, preferences, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (preferences), 2, WAIT_MS));

  list = GTK_LIST_BOX (find_descendant_of_type (GTK_WIDGET (preferences), GTK_TYPE_LIST_BOX));
  g_assert_nonnull (list);
  g_assert_cmpuint (list_box_rows (list), ==, 2);

  texture = scmm_test_screenshot (GTK_WIDGET (preferences));
  assert_plausible_screenshot (texture, GTK_WIDGET (preferences));
  path = scmm_test_save_screenshot (texture, "preferences");

  /* Removing the first folder: the setting keeps the second, and the list follows. */
  remove = find_descendant_of_type (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), GTK_TYPE_BUTTON);
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  left = scmm_settings_get_data_folders ();
  g_assert_cmpuint (g_strv_length (left), ==, 1);
  g_assert_cmpstr (left[0], ==, "/tmp/scmm-data-b");
  g_assert_cmpuint (list_box_rows (list), ==, 1);

  scmm_settings_set_data_folders (none);
  gtk_window_destroy (preferences);
  destroy_window (window);
}

static GtkAboutDialog *
find_about_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_ABOUT_DIALOG (toplevel))
        return GTK_ABOUT_DIALOG (toplevel);
    }

  return NULL;
}

static void
test_application_about (void)
{
  ScmmWindow *window = present_new_window ();
  GtkAboutDialog *about;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  gpointer weak_about;
  gpointer *pointers[] = { &weak_about, NULL };

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_about_dialog ();
  g_assert_nonnull (about);

  g_assert_cmpstr (gtk_about_dialog_get_program_name (about), ==, "SCMM Studio");
  g_assert_cmpstr (gtk_about_dialog_get_version (about), ==, SCMM_VERSION);
  g_assert_cmpstr (gtk_about_dialog_get_comments (about), ==,
                   "Self-supervised EEG emotion recognition across corpora: "
                   "Soft Contrastive Masked Modeling, seen and trained");
  g_assert_cmpint (gtk_about_dialog_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_null (gtk_about_dialog_get_website (about));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  g_assert_true (scmm_test_wait_until (widget_is_mapped, about, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (about), 2, WAIT_MS));
  texture = scmm_test_screenshot (GTK_WIDGET (about));
  assert_plausible_screenshot (texture, GTK_WIDGET (about));
  path = scmm_test_save_screenshot (texture, "about");

  /* Closing hides the dialog (gtk_show_about_dialog() keeps it on its parent
   * for the next time); it goes away with the window. */
  weak_about = about;
  g_object_add_weak_pointer (G_OBJECT (about), &weak_about);
  gtk_window_close (GTK_WINDOW (about));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (about)));

  destroy_window (window);
  g_assert_true (scmm_test_wait_for_weak_pointers (pointers, WAIT_MS));
}

/* ---- runs through the window ---- */

/* New runs go here (the runs-folder setting), not into the user's data. */
static char *runs_folder;

/* The demo preset, made small: two pre-training epochs of every method would
 * take too long, so one method, two target subjects. */
static ScmmExperiment *
small_demo_experiment (int pretrain_epochs)
{
  ScmmExperiment *e = scmm_experiment_preset ("demo");

  g_assert_nonnull (e);
  e->pretrain_epochs = pretrain_epochs;
  e->pretrain_batch = 64;
  e->finetune_epochs = 3;
  e->finetune_batch = 64;
  /* One core stays with the window and Xvfb. */
  e->threads = 1;
  g_strfreev (e->target.subjects.names);
  e->target.subjects.all = FALSE;
  e->target.subjects.names = g_strsplit ("1,2", ",", -1);
  return e;
}

static gboolean
task_stopped (gpointer user_data)
{
  return !scmm_run_task_get_running (SCMM_RUN_TASK (user_data));
}

/* Error dialogs are GtkMessageDialogs with the "scmm-error" class. */
static guint
count_error_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_widget_has_css_class (GTK_WIDGET (toplevel), "scmm-error") &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        n++;
    }
  return n;
}

typedef struct
{
  guint progress;
  guint epochs;
  guint subjects;
  int   first_pretrain_epoch;   /* the first pre-training epoch seen, 0 none */
  int   last_pretrain_epoch;
  int   last_step;              /* of the latest progress */
} RunWatch;

static void
on_watch_progress (ScmmRunTask *task,
                   RunWatch    *watch)
{
  const ScmmRunEvent *latest = scmm_run_task_get_progress (task);

  watch->progress++;
  g_assert_nonnull (latest);
  g_assert_true (latest->kind == SCMM_RUN_EVENT_STEP || latest->kind == SCMM_RUN_EVENT_EPOCH);
  watch->last_step = latest->step + 100000 * latest->epoch;
}

static void
on_watch_event (ScmmRunTask        *task,
                const ScmmRunEvent *event,
                RunWatch           *watch)
{
  /* Delivered on the main thread, where GTK may be called. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));

  if (event->kind == SCMM_RUN_EVENT_EPOCH && event->stage == SCMM_RUN_STAGE_PRETRAIN)
    {
      watch->epochs++;
      if (watch->first_pretrain_epoch == 0)
        watch->first_pretrain_epoch = event->epoch;
      watch->last_pretrain_epoch = event->epoch;
    }
  if (event->kind == SCMM_RUN_EVENT_SUBJECT)
    watch->subjects++;
}

static void
watch_task (ScmmRunTask *task,
            RunWatch    *watch)
{
  memset (watch, 0, sizeof *watch);
  g_signal_connect (task, "progress", G_CALLBACK (on_watch_progress), watch);
  g_signal_connect (task, "event", G_CALLBACK (on_watch_event), watch);
}

static GtkWidget *
start_button (ScmmWindow *window)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), SCMM_TYPE_WINDOW,
                                                    "start_button"));
}

static void
save_window_screenshot (ScmmWindow *window,
                        const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  g_assert_true (scmm_test_wait_until (stack_settled, window_stack (window), WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (window), 2, WAIT_MS));
  texture = scmm_test_screenshot (GTK_WIDGET (window));
  assert_plausible_screenshot (texture, GTK_WIDGET (window));
  path = scmm_test_save_screenshot (texture, name);
}

static void
assert_file_in (const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("%s was not written", path);
}

static void
test_window_run_demo (void)
{
  ScmmWindow *window = present_new_window ();
  ScmmExperimentPage *experiment_page =
    SCMM_EXPERIMENT_PAGE (scmm_window_get_page_widget (window, "experiment"));
  ScmmResultsPage *results_page = SCMM_RESULTS_PAGE (scmm_window_get_page_widget (window, "results"));
  g_autoptr(ScmmExperiment) experiment = small_demo_experiment (2);
  ScmmRunTask *task;
  RunWatch watch;
  g_autofree char *dir = NULL;

  scmm_experiment_page_set_experiment (experiment_page, experiment);
  g_assert_true (scmm_experiment_page_get_valid (experiment_page));
  g_assert_true (gtk_widget_get_sensitive (start_button (window)));

  /* What the Start button and Ctrl+R do. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-run", NULL));
  task = scmm_window_get_run_task (window);
  g_assert_nonnull (task);
  g_object_ref (task);
  watch_task (task, &watch);
  dir = g_strdup (scmm_run_task_get_dir (task));
  g_assert_true (g_str_has_prefix (dir, runs_folder));
  g_assert_true (scmm_run_task_get_running (task));
  g_assert_cmpstr (scmm_window_get_page (window), ==, "training");
  g_assert_true (scmm_training_page_get_task (SCMM_TRAINING_PAGE (scmm_window_get_page_widget (window, "training"))) == task);
  /* One run at a time. */
  g_assert_false (gtk_widget_get_sensitive (start_button (window)));

  /* The window keeps drawing frames while the worker trains. */
  g_assert_true (scmm_test_wait_for_frames (GTK_WIDGET (window), 10, RUN_WAIT_MS));

  g_assert_true (scmm_test_wait_until (task_stopped, task, RUN_WAIT_MS));
  g_test_message ("run %s: %u progress signals, %u pre-training epochs, %u subjects",
                  dir, watch.progress, watch.epochs, watch.subjects);
  g_assert_null (scmm_run_task_get_error (task));
  g_assert_false (scmm_run_task_get_cancelled (task));
  g_assert_cmpuint (watch.epochs, ==, 2);
  g_assert_cmpuint (watch.subjects, ==, 2);
  g_assert_cmpuint (watch.progress, >, 0);
  g_assert_cmpuint (count_error_dialogs (), ==, 0);

  /* The finished run's folder is complete and its results are shown. */
  assert_file_in (dir, "config.ini");
  assert_file_in (dir, "record.json");
  assert_file_in (dir, "results.csv");
  assert_file_in (dir, "results.md");
  g_assert_cmpstr (scmm_window_get_page (window), ==, "results");
  g_assert_cmpstr (scmm_results_page_get_run (results_page), ==, dir);
  g_assert_true (gtk_widget_get_sensitive (start_button (window)));
  save_window_screenshot (window, "run-results");

  scmm_window_set_page (window, "training");
  save_window_screenshot (window, "run-training-finished");

  g_signal_handlers_disconnect_by_data (task, &watch);
  g_object_unref (task);
  destroy_window (window);
}

static gboolean
task_paused_with_progress (gpointer user_data)
{
  ScmmRunTask *task = user_data;
  const ScmmRunEvent *latest = scmm_run_task_get_progress (task);

  return latest != NULL && latest->stage == SCMM_RUN_STAGE_PRETRAIN && latest->epoch >= 2;
}

static gboolean
watch_moved (gpointer user_data)
{
  RunWatch *watch = user_data;

  return watch->progress > 0;
}

static void
test_window_pause_cancel_continue (void)
{
  ScmmWindow *window = present_new_window ();
  ScmmExperimentPage *experiment_page =
    SCMM_EXPERIMENT_PAGE (scmm_window_get_page_widget (window, "experiment"));
  ScmmResultsPage *results_page = SCMM_RESULTS_PAGE (scmm_window_get_page_widget (window, "results"));
  g_autoptr(ScmmExperiment) experiment = small_demo_experiment (4);
  g_autofree char *results_before = NULL;
  g_autofree char *dir = NULL;
  ScmmRunTask *task;
  RunWatch watch;
  int stopped_at;

  scmm_experiment_page_set_experiment (experiment_page, experiment);
  g_assert_true (scmm_window_start_run (window, NULL));
  task = g_object_ref (scmm_window_get_run_task (window));
  dir = g_strdup (scmm_run_task_get_dir (task));
  watch_task (task, &watch);

  /* Into the second pre-training epoch, then pause. */
  g_assert_true (scmm_test_wait_until (task_paused_with_progress, task, RUN_WAIT_MS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.pause-run", NULL));
  g_assert_true (scmm_run_task_get_paused (task));
  g_assert_true (scmm_run_task_get_running (task));
  save_window_screenshot (window, "run-paused");

  /* Paused: what was under way lands, then nothing moves. */
  spin_main_loop (500);
  watch.progress = 0;
  spin_main_loop (1000);
  g_assert_cmpuint (watch.progress, ==, 0);

  /* Resumed: it moves again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.resume-run", NULL));
  g_assert_false (scmm_run_task_get_paused (task));
  g_assert_true (scmm_test_wait_until (watch_moved, &watch, RUN_WAIT_MS));

  /* Cancelled: it stops, without an error, and the folder can continue. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-run", NULL));
  g_assert_true (scmm_test_wait_until (task_stopped, task, RUN_WAIT_MS));
  g_assert_true (scmm_run_task_get_cancelled (task));
  g_assert_null (scmm_run_task_get_error (task));
  g_assert_cmpuint (count_error_dialogs (), ==, 0);
  g_assert_cmpstr (scmm_window_get_page (window), ==, "training");
  g_assert_true (gtk_widget_get_sensitive (start_button (window)));
  stopped_at = watch.last_pretrain_epoch;
  g_assert_cmpint (stopped_at, >=, 1);
  g_assert_cmpint (stopped_at, <, 4);
  assert_file_in (dir, "config.ini");
  g_signal_handlers_disconnect_by_data (task, &watch);
  g_object_unref (task);
  save_window_screenshot (window, "run-cancelled");

  /* Continued ("" is the window's last run): pre-training goes on after the
   * last saved epoch instead of starting over, and the run finishes. */
  results_before = g_strdup (scmm_results_page_get_run (results_page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.continue-run", "s", ""));
  task = g_object_ref (scmm_window_get_run_task (window));
  g_assert_cmpstr (scmm_run_task_get_dir (task), ==, dir);
  watch_task (task, &watch);
  g_assert_true (scmm_test_wait_until (task_stopped, task, RUN_WAIT_MS));
  g_test_message ("stopped after pre-training epoch %d; continued from epoch %d",
                  stopped_at, watch.first_pretrain_epoch);
  g_assert_null (scmm_run_task_get_error (task));
  g_assert_cmpint (watch.first_pretrain_epoch, ==, stopped_at + 1);
  g_assert_cmpint (watch.last_pretrain_epoch, ==, 4);
  g_assert_cmpuint (watch.subjects, ==, 2);
  assert_file_in (dir, "results.md");
  g_assert_cmpstr (scmm_window_get_page (window), ==, "results");
  g_assert_cmpstr (scmm_results_page_get_run (results_page), ==, dir);

  g_signal_handlers_disconnect_by_data (task, &watch);
  g_object_unref (task);
  destroy_window (window);
}

static void
test_window_continue_not_a_run (void)
{
  ScmmWindow *window = scmm_window_new (app);
  g_autoptr(GError) error = NULL;

  g_assert_false (scmm_window_continue_run (window, runs_folder, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, runs_folder));
  g_assert_null (scmm_window_get_run_task (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_open_file_errors (void)
{
  ScmmWindow *window = scmm_window_new (app);
  g_autofree char *missing = g_build_filename (runs_folder, "no-such-corpus.h5", NULL);
  g_autofree char *bad_ini = g_build_filename (runs_folder, "bad.ini", NULL);
  g_autoptr(GError) error = NULL;

  /* A corpus that is not there: the error names the file. */
  g_assert_false (scmm_window_open_file (window, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-corpus.h5"));
  g_clear_error (&error);

  /* An experiment with a bad value: the error names the file and the setting. */
  g_assert_true (g_file_set_contents (bad_ini, "[pretrain]\nepochs = many\n", -1, NULL));
  g_assert_false (scmm_window_open_file (window, bad_ini, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "bad.ini"));
  g_assert_nonnull (strstr (error->message, "epochs"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  scmm_test_park_pointer ();

  runs_folder = g_dir_make_tmp ("scmm-ui-runs-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_nonnull (scmm_settings_get ());
  g_settings_set_string (scmm_settings_get (), "runs-folder", runs_folder);

  app = scmm_application_new (SCMM_APP_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/application/actions", test_application_actions);
  g_test_add_func ("/application/about", test_application_about);
  g_test_add_func ("/application/icons", test_application_icons);
  g_test_add_func ("/application/preferences", test_application_preferences);
  g_test_add_func ("/window/pages", test_window_pages);
  g_test_add_func ("/window/switch-pages", test_window_switch_pages);
  g_test_add_func ("/window/unknown-page", test_window_unknown_page);
  g_test_add_func ("/window/primary-menu", test_window_primary_menu);
  g_test_add_func ("/window/help-overlay", test_window_help_overlay);
  g_test_add_func ("/window/screenshot", test_window_screenshot);
  g_test_add_func ("/window/finalize", test_window_finalize);
  g_test_add_func ("/window/open-file-errors", test_window_open_file_errors);
  g_test_add_func ("/window/continue-not-a-run", test_window_continue_not_a_run);
  g_test_add_func ("/window/run-demo", test_window_run_demo);
  g_test_add_func ("/window/pause-cancel-continue", test_window_pause_cancel_continue);

  status = g_test_run ();

  g_clear_object (&app);
  scmm_test_screenshot_cleanup ();

  return status;
}
