/* scmm-screenshot.c: PNG screenshots of the window's pages. */
#include "scmm-screenshot.h"

#include <glib/gstdio.h>

#include <string.h>

#include "scmm-teach-page.h"
#include "scmm-training-page.h"

/* Frames a page may take to get ready (the Teach page prepares its batch
 * on a worker) before it is taken as it is. */
#define READY_FRAMES_MAX 3000

gboolean
scmm_screenshot_save (GdkPaintable *paintable, GtkWidget *widget, const char *path,
                      GError **error)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  if (width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: the window is not shown", path);
      return FALSE;
    }
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  g_autoptr (GskRenderNode) node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: nothing was drawn", path);
      return FALSE;
    }
  /* GTK 4.8's GL renderer, rendering to a texture, drops the odd row of
   * pixels (a list separator, the stem of a rotated "l") that it draws on
   * screen; the cairo renderer draws the node as the screen shows it. */
  g_autoptr (GskRenderer) renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, error))
    return FALSE;
  g_autoptr (GdkTexture) texture =
    gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot be written", path);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  GtkWindow    *window;
  GtkStack     *stack;
  char         *dir;
  GdkPaintable *paintable;
  GPtrArray    *pages;       /* names still to take */
  int           frames;      /* frames drawn since the page was shown */
  int           waited;      /* frames waited for the page to get ready */
  gboolean      invalidated;
  guint         tick;
  GCallback     done;
  gpointer      user_data;
} Shooter;

static void
shooter_finish (Shooter *s)
{
  if (s->tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (s->window), s->tick);
  g_signal_handlers_disconnect_by_data (s->paintable, s);
  g_object_unref (s->paintable);
  g_ptr_array_unref (s->pages);
  void (*done) (gpointer) = (void (*) (gpointer)) s->done;
  gpointer user_data = s->user_data;
  g_free (s->dir);
  g_object_unref (s->window);
  g_free (s);
  if (done != NULL)
    done (user_data);
}

static void
on_invalidated (GdkPaintable *paintable, Shooter *s)
{
  s->invalidated = TRUE;
}

/* "training-similarity": the Training page with its Similarity view. */
static void
show_next (Shooter *s)
{
  const char *name = g_ptr_array_index (s->pages, 0);
  const char *view = strchr (name, '-');
  g_autofree char *page_name = view != NULL ? g_strndup (name, view - name) : g_strdup (name);
  GtkWidget *page;

  s->frames = 0;
  s->waited = 0;
  s->invalidated = FALSE;
  gtk_stack_set_visible_child_name (s->stack, page_name);
  page = gtk_stack_get_visible_child (s->stack);
  if (SCMM_IS_TRAINING_PAGE (page))
    scmm_training_page_show_view (SCMM_TRAINING_PAGE (page), view != NULL ? view + 1 : "curves");
  gtk_widget_queue_draw (GTK_WIDGET (s->window));
}

/* Whether the visible page has what it shows: the Teach page its batch (it
 * is then shown at the soft contrastive stage, the method's own). */
static gboolean
page_ready (Shooter *s)
{
  GtkWidget *page = gtk_stack_get_visible_child (s->stack);
  if (!SCMM_IS_TEACH_PAGE (page) || s->waited >= READY_FRAMES_MAX)
    return TRUE;
  if (scmm_teach_page_get_session (SCMM_TEACH_PAGE (page)) == NULL)
    return FALSE;
  if (scmm_teach_page_get_stage (SCMM_TEACH_PAGE (page)) != SCMM_TEACH_STAGE_CONTRASTIVE)
    {
      scmm_teach_page_set_stage (SCMM_TEACH_PAGE (page), SCMM_TEACH_STAGE_CONTRASTIVE);
      return FALSE;
    }
  return scmm_teach_page_get_settled (SCMM_TEACH_PAGE (page));
}

/* Each page gets a few frames to lay out and draw (and a run's last figures
 * to arrive, the Teach page its batch) and the stack's crossfade ends, then
 * it is captured. */
static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  Shooter *s = user_data;
  if (!page_ready (s))
    {
      s->waited++;
      s->frames = 0;
      gtk_widget_queue_draw (widget);
      return G_SOURCE_CONTINUE;
    }
  if (++s->frames < 6 || !s->invalidated || gtk_stack_get_transition_running (s->stack))
    {
      gtk_widget_queue_draw (widget);
      return G_SOURCE_CONTINUE;
    }
  const char *name = g_ptr_array_index (s->pages, 0);
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (s->dir, file, NULL);
  g_autoptr (GError) error = NULL;
  if (!scmm_screenshot_save (s->paintable, GTK_WIDGET (s->window), path, &error))
    g_printerr ("scmm-studio: %s\n", error->message);
  else
    g_print ("%s\n", path);
  g_ptr_array_remove_index (s->pages, 0);
  if (s->pages->len == 0)
    {
      s->tick = 0;
      shooter_finish (s);
      return G_SOURCE_REMOVE;
    }
  show_next (s);
  return G_SOURCE_CONTINUE;
}

void
scmm_screenshot_pages (GtkWindow *window, GtkStack *stack, const char *dir, GCallback done,
                       gpointer user_data)
{
  Shooter *s = g_new0 (Shooter, 1);
  s->window = g_object_ref (window);
  s->stack = stack;
  s->dir = g_strdup (dir);
  s->done = done;
  s->user_data = user_data;
  s->pages = g_ptr_array_new_with_free_func (g_free);
  g_mkdir_with_parents (dir, 0755);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStackPage *page = gtk_stack_get_page (stack, child);
      const char *name = page != NULL ? gtk_stack_page_get_name (page) : NULL;
      if (name == NULL)
        continue;
      g_ptr_array_add (s->pages, g_strdup (name));
      /* The Training page's other views, each a picture of its own. */
      if (SCMM_IS_TRAINING_PAGE (child))
        for (const char *const *view = scmm_training_page_view_names () + 1; *view != NULL; view++)
          g_ptr_array_add (s->pages, g_strdup_printf ("%s-%s", name, *view));
    }
  /* GTK 4.8: the paintable is invalidated only by draws queued after it exists. */
  s->paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_signal_connect (s->paintable, "invalidate-contents", G_CALLBACK (on_invalidated), s);
  if (s->pages->len == 0)
    {
      shooter_finish (s);
      return;
    }
  show_next (s);
  s->tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, s, NULL);
}
