/* scmm-test-screenshot.c: widget screenshots and main-loop waits for UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <dlfcn.h>
#include <errno.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "scmm-resources.h"
#include "scmm-test-screenshot.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* Xvfb starts with the pointer in the middle of the screen, over every window
 * a test presents: GTK then arms its tooltip timer, and GTK 4.8's timer
 * fires on the surface of a window the test has destroyed meanwhile (a
 * critical, fatal in tests). The pointer goes to the screen's bottom-right
 * corner, away from the windows, which open at the top left. */
void
scmm_test_park_pointer (void)
{
#ifdef GDK_WINDOWING_X11
  GdkDisplay *display = gdk_display_get_default ();

  if (GDK_IS_X11_DISPLAY (display))
    {
      Display *xdisplay = gdk_x11_display_get_xdisplay (display);
      Window root = DefaultRootWindow (xdisplay);
      int width = DisplayWidth (xdisplay, DefaultScreen (xdisplay));
      int height = DisplayHeight (xdisplay, DefaultScreen (xdisplay));

      XWarpPointer (xdisplay, None, root, 0, 0, 0, 0, width - 1, height - 1);
      XSync (xdisplay, False);
    }
#endif
}

#ifdef GDK_WINDOWING_X11
/* XTest, looked up at run time (libXtst.so.6, a dependency of Xvfb's
 * clients; its development files are not needed): real input events, as
 * the X server gets them from a keyboard or mouse. */
typedef int (*FakeKeyEvent) (Display *display, unsigned int keycode, Bool press,
                             unsigned long delay);
typedef int (*FakeButtonEvent) (Display *display, unsigned int button, Bool press,
                                unsigned long delay);

static gboolean
xtest_lookup (FakeKeyEvent *key, FakeButtonEvent *button)
{
  static void *library;
  static gsize looked_up;

  if (g_once_init_enter (&looked_up))
    {
      library = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_LOCAL);
      g_once_init_leave (&looked_up, 1);
    }
  if (library == NULL)
    return FALSE;
  *key = (FakeKeyEvent) dlsym (library, "XTestFakeKeyEvent");
  *button = (FakeButtonEvent) dlsym (library, "XTestFakeButtonEvent");
  return *key != NULL && *button != NULL;
}

/* The X display and window of `widget`'s native, or FALSE. */
static gboolean
x11_window_of (GtkWidget *widget, Display **xdisplay, Window *xid)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkDisplay *display = gtk_widget_get_display (widget);

  if (native == NULL || !GDK_IS_X11_DISPLAY (display))
    return FALSE;
  *xdisplay = gdk_x11_display_get_xdisplay (display);
  *xid = gdk_x11_surface_get_xid (gtk_native_get_surface (native));
  return TRUE;
}
#endif

gboolean
scmm_test_xtest_available (void)
{
#ifdef GDK_WINDOWING_X11
  FakeKeyEvent key;
  FakeButtonEvent button;
  return GDK_IS_X11_DISPLAY (gdk_display_get_default ()) && xtest_lookup (&key, &button);
#else
  return FALSE;
#endif
}

gboolean
scmm_test_send_key (GtkWidget *window,
                    guint      keyval)
{
#ifdef GDK_WINDOWING_X11
  FakeKeyEvent key;
  FakeButtonEvent button;
  Display *xdisplay;
  Window xid;

  if (!xtest_lookup (&key, &button) || !x11_window_of (window, &xdisplay, &xid))
    return FALSE;
  /* GDK keyvals are X keysyms */
  KeyCode code = XKeysymToKeycode (xdisplay, keyval);
  if (code == 0)
    return FALSE;
  XSetInputFocus (xdisplay, xid, RevertToParent, CurrentTime);
  key (xdisplay, code, True, CurrentTime);
  key (xdisplay, code, False, CurrentTime);
  XSync (xdisplay, False);
  return TRUE;
#else
  return FALSE;
#endif
}

gboolean
scmm_test_click (GtkWidget *widget,
                 double     x,
                 double     y)
{
#ifdef GDK_WINDOWING_X11
  FakeKeyEvent key;
  FakeButtonEvent button;
  Display *xdisplay;
  Window xid, child;
  graphene_point_t p;
  double sx, sy;
  int rx, ry;

  if (!xtest_lookup (&key, &button) || !x11_window_of (widget, &xdisplay, &xid))
    return FALSE;
  GtkNative *native = gtk_widget_get_native (widget);
  if (!gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p))
    return FALSE;
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (xdisplay, xid, DefaultRootWindow (xdisplay), (int) (p.x + sx),
                         (int) (p.y + sy), &rx, &ry, &child);
  XSetInputFocus (xdisplay, xid, RevertToParent, CurrentTime);
  XWarpPointer (xdisplay, None, DefaultRootWindow (xdisplay), 0, 0, 0, 0, rx, ry);
  button (xdisplay, 1, True, CurrentTime);
  button (xdisplay, 1, False, CurrentTime);
  XSync (xdisplay, False);
  return TRUE;
#else
  return FALSE;
#endif
}

void
scmm_test_init_ui (int    *argc,
                   char ***argv)
{
  g_autoptr(GtkCssProvider) css = NULL;

  gtk_test_init (argc, argv, NULL);
  scmm_test_park_pointer ();

  scmm_resources_ensure_registered ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/scmm_studio/ScmmStudio/style.css");
  /* The display keeps the provider. */
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

gboolean
scmm_test_widget_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

GtkWidget *
scmm_test_find_widget (GtkWidget *root,
                       GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = scmm_test_find_widget (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkLabel *
scmm_test_find_label (GtkWidget  *root,
                      const char *text,
                      gboolean    mapped)
{
  if (GTK_IS_LABEL (root) && (!mapped || gtk_widget_get_mapped (root))
      && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = scmm_test_find_label (c, text, mapped);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
scmm_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *inner = g_build_filename (path, name, NULL);

          scmm_test_remove_tree (inner);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static gboolean
timeout_reached (gpointer user_data)
{
  gboolean *reached = user_data;

  *reached = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default main context until condition (user_data) holds or
 * timeout_ms pass. Returns whether the condition held. */
gboolean
scmm_test_wait_until (ScmmTestCondition condition,
                      gpointer          user_data,
                      guint             timeout_ms)
{
  gboolean reached = FALSE;
  guint timeout_id = g_timeout_add (timeout_ms, timeout_reached, &reached);

  while (!condition (user_data) && !reached)
    g_main_context_iteration (NULL, TRUE);

  if (!reached)
    g_source_remove (timeout_id);

  return condition (user_data);
}

typedef struct
{
  guint frames_left;
} FrameWait;

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  FrameWait *wait = user_data;

  if (wait->frames_left > 0)
    wait->frames_left--;

  return wait->frames_left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
frames_done (gpointer user_data)
{
  FrameWait *wait = user_data;

  return wait->frames_left == 0;
}

/* Waits until the widget's frame clock has ticked n_frames times, so that
 * whatever was queued before (a resize, a page switch) has been laid out. */
gboolean
scmm_test_wait_for_frames (GtkWidget *widget,
                           guint      n_frames,
                           guint      timeout_ms)
{
  FrameWait wait = { n_frames };
  guint tick_id;
  gboolean done;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (n_frames == 0)
    return TRUE;

  tick_id = gtk_widget_add_tick_callback (widget, count_frame, &wait, NULL);
  done = scmm_test_wait_until (frames_done, &wait, timeout_ms);
  if (!done)
    gtk_widget_remove_tick_callback (widget, tick_id);

  return done;
}

static gboolean
weak_pointers_cleared (gpointer user_data)
{
  gpointer **pointers = user_data;

  for (guint i = 0; pointers[i] != NULL; i++)
    if (*pointers[i] != NULL)
      return FALSE;

  return TRUE;
}

/* pointers is a NULL-terminated array of addresses of weak pointers. */
gboolean
scmm_test_wait_for_weak_pointers (gpointer *pointers[],
                                  guint     timeout_ms)
{
  return scmm_test_wait_until (weak_pointers_cleared, pointers, timeout_ms);
}

static void
note_invalidated (GdkPaintable *paintable,
                  gpointer      user_data)
{
  gboolean *invalidated = user_data;

  *invalidated = TRUE;
}

static gboolean
flag_is_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

/* Renders the widget as it is on screen into a texture, with the renderer
 * of its window, so GL content is captured too. The widget must be mapped. */
GdkTexture *
scmm_test_screenshot (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  gboolean invalidated = FALSE;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (gtk_widget_get_mapped (widget), NULL);

  paintable = gtk_widget_paintable_new (widget);
  g_signal_connect (paintable, "invalidate-contents", G_CALLBACK (note_invalidated), &invalidated);

  /* On GTK 4.8 the paintable is only invalidated by a draw queued after it
   * was created; wait for that draw so the contents are current. */
  gtk_widget_queue_draw (widget);
  if (!scmm_test_wait_until (flag_is_set, &invalidated, 5000))
    g_test_message ("no redraw of the widget within 5 s; taking the screenshot anyway");
  g_signal_handlers_disconnect_by_func (paintable, note_invalidated, &invalidated);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_return_val_if_fail (node != NULL, NULL);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Counts the distinct colours of the texture, stopping at limit. */
guint
scmm_test_count_colours (GdkTexture *texture,
                         guint       limit)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guint32 *pixels = NULL;
  int width, height;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), 0);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_new (guint32, (gsize) width * height);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);

  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      g_hash_table_add (colours, GUINT_TO_POINTER (pixels[i]));
      if (g_hash_table_size (colours) >= limit)
        break;
    }

  return g_hash_table_size (colours);
}

static char *screenshot_dir = NULL;
static gboolean screenshot_dir_is_temporary = FALSE;

/* $SCMM_SCREENSHOT_DIR if set (created if needed, kept), else a temporary
 * directory removed by scmm_test_screenshot_cleanup(). */
static const char *
get_screenshot_dir (void)
{
  if (screenshot_dir == NULL)
    {
      const char *from_env = g_getenv ("SCMM_SCREENSHOT_DIR");
      g_autoptr(GError) error = NULL;

      if (from_env != NULL && from_env[0] != '\0')
        {
          if (g_mkdir_with_parents (from_env, 0755) != 0)
            g_error ("cannot create SCMM_SCREENSHOT_DIR %s: %s", from_env, g_strerror (errno));
          screenshot_dir = g_strdup (from_env);
        }
      else
        {
          screenshot_dir = g_dir_make_tmp ("scmm-ui-test-XXXXXX", &error);
          g_assert_no_error (error);
          screenshot_dir_is_temporary = TRUE;
        }
    }

  return screenshot_dir;
}

/* Saves the texture as NAME.png in the screenshot directory and returns the
 * file's path. */
char *
scmm_test_save_screenshot (GdkTexture *texture,
                           const char *name)
{
  g_autofree char *basename = g_strconcat (name, ".png", NULL);
  char *path = g_build_filename (get_screenshot_dir (), basename, NULL);

  if (!gdk_texture_save_to_png (texture, path))
    g_error ("cannot write the screenshot %s", path);

  g_test_message ("screenshot: %s", path);
  return path;
}

void
scmm_test_screenshot_cleanup (void)
{
  if (screenshot_dir_is_temporary)
    scmm_test_remove_tree (screenshot_dir);

  g_clear_pointer (&screenshot_dir, g_free);
  screenshot_dir_is_temporary = FALSE;
}

/* ---- the main loop's pulse ---- */

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
pulse_tick (gpointer user_data)
{
  ScmmTestPulse *pulse = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (pulse->ticks > 0)
    {
      pulse->longest_gap_us = MAX (pulse->longest_gap_us, now - pulse->last_us);
      pulse->longest_cpu_gap_us = MAX (pulse->longest_cpu_gap_us, cpu - pulse->last_cpu_us);
    }
  pulse->last_us = now;
  pulse->last_cpu_us = cpu;
  pulse->ticks++;
  return G_SOURCE_CONTINUE;
}

void
scmm_test_pulse_start (ScmmTestPulse *pulse)
{
  memset (pulse, 0, sizeof *pulse);
  pulse->source = g_timeout_add (5, pulse_tick, pulse);
}

void
scmm_test_pulse_stop (ScmmTestPulse *pulse)
{
  g_clear_handle_id (&pulse->source, g_source_remove);
}

/* ---- pages, windows and dialogs ---- */

void
scmm_test_save_page_screenshot (GtkWidget  *widget,
                                const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  g_assert_true (scmm_test_wait_for_frames (widget, 3, 10000));
  texture = scmm_test_screenshot (widget);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (widget));
  /* Not a blank page: text, widgets, figures. */
  g_assert_cmpuint (scmm_test_count_colours (texture, 64), >=, 16);
  path = scmm_test_save_screenshot (texture, name);
}

void
scmm_test_destroy_and_check_finalized (GtkWindow *window,
                                       GtkWidget *widget)
{
  gpointer weak_window = window;
  gpointer weak_widget = widget;
  gpointer *pointers[] = { &weak_window, &weak_widget, NULL };

  g_object_add_weak_pointer (G_OBJECT (window), &weak_window);
  g_object_add_weak_pointer (G_OBJECT (widget), &weak_widget);
  gtk_window_destroy (window);
  g_assert_true (scmm_test_wait_for_weak_pointers (pointers, 10000));
}

GtkFileChooser *
scmm_test_find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return GTK_FILE_CHOOSER (toplevel);
    }
  return NULL;
}

gboolean
scmm_test_file_chooser_shown (gpointer unused)
{
  return scmm_test_find_file_chooser () != NULL;
}
