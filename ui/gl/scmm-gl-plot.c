/* scmm-gl-plot.c: a GtkGLArea that draws a figure's data with OpenGL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GtkShadertoy pattern: the renderers (scmm-gl-grid.c, scmm-gl-marks.c)
 * are created on the first render, with the area's context current, and
 * freed on unrealize.
 *
 * Under GSK's OpenGL renderers the data go the GtkGLArea way: rendered
 * into the area's framebuffer, whose texture GSK draws. Under GSK's cairo
 * renderer (the application's on software OpenGL, ui/scmm-renderer-choice.c)
 * the area renders in its own snapshot, into a framebuffer of its own, and
 * reads the pixels back in cairo's format (premultiplied ARGB in native
 * words: GL_BGRA with GL_UNSIGNED_INT_8_8_8_8_REV; OpenGL ES reads RGBA,
 * packed here) into an image that a cairo node paints: that renderer
 * converts any texture pixel by pixel through floats every frame (GDK 4.8),
 * which cost a streaming heatmap a third of its frame time, and composites
 * a cairo image as it is.
 *
 * A context older than desktop OpenGL 3.3 or OpenGL ES 3.0, a shader that
 * does not compile or a GL error while drawing sets the area's error
 * (gtk_gl_area_set_error), which its owner reads to fall back to cairo.
 * The area is transparent where the data leave it so: the cairo
 * layer under it (the plot's background and grid lines) shows through.
 */

#include <string.h>

#include "gl/scmm-gl-plot.h"
#include "gl/scmm-gl-private.h"

struct _ScmmGlPlot
{
  GtkGLArea    parent_instance;

  ScmmFigure  *figure;
  double       drawing_width;
  double       drawing_height;
  double       x, y;

  gboolean     initialised;
  GLuint       framebuffer;
  GLuint       renderbuffer;
  int          framebuffer_width;
  int          framebuffer_height;
  ScmmGlGrid   grid;
  ScmmGlMarks  marks;
  guint64      n_frames;
};

G_DEFINE_FINAL_TYPE (ScmmGlPlot, scmm_gl_plot, GTK_TYPE_GL_AREA)

GtkWidget *
scmm_gl_plot_new (void)
{
  return g_object_new (SCMM_TYPE_GL_PLOT, NULL);
}

gboolean
scmm_gl_plot_draws_kind (ScmmFigureKind kind)
{
  return kind == SCMM_FIGURE_HEATMAP || kind == SCMM_FIGURE_CONFUSION || kind == SCMM_FIGURE_SCALP_MAP ||
         kind == SCMM_FIGURE_LINES || kind == SCMM_FIGURE_SCATTER || kind == SCMM_FIGURE_BARS;
}

void
scmm_gl_plot_show (ScmmGlPlot *plot,
                   ScmmFigure *figure,
                   double      width,
                   double      height,
                   double      x,
                   double      y)
{
  g_return_if_fail (SCMM_IS_GL_PLOT (plot));

  if (figure != NULL)
    scmm_figure_ref (figure);
  g_clear_pointer (&plot->figure, scmm_figure_unref);
  plot->figure = figure;
  plot->drawing_width = width;
  plot->drawing_height = height;
  plot->x = x;
  plot->y = y;
  gtk_gl_area_queue_render (GTK_GL_AREA (plot));
}

guint64
scmm_gl_plot_get_n_frames (ScmmGlPlot *plot)
{
  g_return_val_if_fail (SCMM_IS_GL_PLOT (plot), 0);

  return plot->n_frames;
}

static gboolean
init_renderers (ScmmGlPlot *self,
                GError    **error)
{
  GdkGLContext *context = gtk_gl_area_get_context (GTK_GL_AREA (self));
  gboolean use_es = gdk_gl_context_get_use_es (context);
  int major, minor;

  gdk_gl_context_get_version (context, &major, &minor);
  if ((use_es && major < 3) || (!use_es && major * 10 + minor < 33))
    {
      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE,
                   "OpenGL%s %d.%d is too old (%s 3.%d is needed)", use_es ? " ES" : "", major, minor,
                   use_es ? "OpenGL ES" : "OpenGL", use_es ? 0 : 3);
      return FALSE;
    }

  if (!scmm_gl_grid_init (&self->grid, use_es, error))
    return FALSE;
  if (!scmm_gl_marks_init (&self->marks, use_es, error))
    {
      scmm_gl_grid_free (&self->grid);
      return FALSE;
    }
  self->initialised = TRUE;
  return TRUE;
}

/* The framebuffer the data are drawn into, of width x height pixels. */
static gboolean
ensure_framebuffer (ScmmGlPlot *self,
                    int         width,
                    int         height,
                    GError    **error)
{
  GLenum status;

  if (self->framebuffer != 0 && self->framebuffer_width == width && self->framebuffer_height == height)
    {
      glBindFramebuffer (GL_FRAMEBUFFER, self->framebuffer);
      return TRUE;
    }

  if (self->framebuffer == 0)
    {
      glGenFramebuffers (1, &self->framebuffer);
      glGenRenderbuffers (1, &self->renderbuffer);
    }
  glBindRenderbuffer (GL_RENDERBUFFER, self->renderbuffer);
  glRenderbufferStorage (GL_RENDERBUFFER, GL_RGBA8, width, height);
  glBindFramebuffer (GL_FRAMEBUFFER, self->framebuffer);
  glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, self->renderbuffer);
  status = glCheckFramebufferStatus (GL_FRAMEBUFFER);
  if (status != GL_FRAMEBUFFER_COMPLETE)
    {
      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE,
                   "The figure's framebuffer of %d × %d is incomplete (0x%x)", width, height, status);
      return FALSE;
    }
  self->framebuffer_width = width;
  self->framebuffer_height = height;
  return TRUE;
}

/* Draws the figure's data into the bound framebuffer, width x height
 * pixels, `scale` of them a layout unit. */
static void
draw_data (ScmmGlPlot *self,
           int         width,
           int         height,
           int         scale)
{
  GlTarget target = { self->x, self->y, width, height, scale };
  const Layout *layout;

  glViewport (0, 0, width, height);
  glClearColor (0, 0, 0, 0);
  glClear (GL_COLOR_BUFFER_BIT);

  if (self->figure == NULL || !scmm_gl_plot_draws_kind (self->figure->kind) || self->drawing_width <= 0 ||
      self->drawing_height <= 0)
    return;

  layout = scmm_figure_layout_cached (self->figure, self->drawing_width, self->drawing_height);
  if (!layout->has_data)
    return;
  if (self->figure->kind == SCMM_FIGURE_HEATMAP || self->figure->kind == SCMM_FIGURE_CONFUSION ||
      self->figure->kind == SCMM_FIGURE_SCALP_MAP)
    scmm_gl_grid_draw (&self->grid, self->figure, layout, &target);
  else
    scmm_gl_marks_draw (&self->marks, self->figure, layout, &target);
}

/* The framebuffer's pixels, top row first, as a cairo image of `scale`
 * pixels a unit: GL_BGRA in native 32-bit words is cairo's premultiplied
 * ARGB; OpenGL ES reads bytes in RGBA order, packed here. */
static cairo_surface_t *
read_pixels (ScmmGlPlot *self,
             int         width,
             int         height,
             int         scale)
{
  gboolean use_es = gdk_gl_context_get_use_es (gtk_gl_area_get_context (GTK_GL_AREA (self)));
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  gsize stride = (gsize) cairo_image_surface_get_stride (image);
  guchar *bottom_up = g_malloc ((gsize) width * 4 * (gsize) height);
  guchar *top_down;

  cairo_surface_flush (image);
  top_down = cairo_image_surface_get_data (image);
  glPixelStorei (GL_PACK_ALIGNMENT, 4);
  if (use_es)
    glReadPixels (0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up);
  else
    glReadPixels (0, 0, width, height, GL_BGRA, GL_UNSIGNED_INT_8_8_8_8_REV, bottom_up);

  for (int row = 0; row < height; row++)
    {
      const guchar *src = bottom_up + (gsize) width * 4 * (gsize) (height - 1 - row);
      guchar *dest = top_down + stride * (gsize) row;

      if (!use_es)
        {
          memcpy (dest, src, (gsize) width * 4);
          continue;
        }
      for (int i = 0; i < width; i++, src += 4)
        ((guint32 *) (gpointer) dest)[i] = (guint32) src[3] << 24 | (guint32) src[0] << 16 |
                                          (guint32) src[1] << 8 | src[2];
    }
  g_free (bottom_up);
  cairo_surface_mark_dirty (image);
  cairo_surface_set_device_scale (image, scale, scale);
  return image;
}

/* FALSE, with the area's error set, after a GL error. */
static gboolean
check_gl_error (GtkGLArea *area)
{
  g_autoptr(GError) error = NULL;
  GLenum gl_error = glGetError ();

  if (gl_error == GL_NO_ERROR)
    return TRUE;
  g_set_error (&error, GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE, "OpenGL error 0x%x while drawing a figure",
               gl_error);
  gtk_gl_area_set_error (area, error);
  return FALSE;
}

/* The renderers, created with the context current on the first frame:
 * FALSE, with the area's error set, when they cannot be. */
static gboolean
ensure_renderers (ScmmGlPlot *self)
{
  g_autoptr(GError) error = NULL;

  if (self->initialised || init_renderers (self, &error))
    return TRUE;
  gtk_gl_area_set_error (GTK_GL_AREA (self), error);
  return FALSE;
}

/* GSK's OpenGL renderers: GtkGLArea's own path, its framebuffer's texture
 * drawn by GSK as it is. */
static gboolean
scmm_gl_plot_render (GtkGLArea    *area,
                     GdkGLContext *context)
{
  ScmmGlPlot *self = SCMM_GL_PLOT (area);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));

  if (gtk_gl_area_get_error (area) != NULL || !ensure_renderers (self))
    return TRUE;
  draw_data (self, gtk_widget_get_width (GTK_WIDGET (area)) * scale,
             gtk_widget_get_height (GTK_WIDGET (area)) * scale, scale);
  if (check_gl_error (area))
    self->n_frames++;
  return TRUE;
}

/* GSK's cairo renderer: the data rendered into the plot's own framebuffer
 * and read back, appended as a cairo node that paints them (the renderer
 * composites it as it is, where it would convert a texture pixel by
 * pixel). A failure sets the area's error and appends nothing. */
static void
scmm_gl_plot_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  ScmmGlPlot *self = SCMM_GL_PLOT (widget);
  GtkGLArea *area = GTK_GL_AREA (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  cairo_t *cr;
  int scale = gtk_widget_get_scale_factor (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (!GSK_IS_CAIRO_RENDERER (renderer))
    {
      GTK_WIDGET_CLASS (scmm_gl_plot_parent_class)->snapshot (widget, snapshot);
      return;
    }

  if (width <= 0 || height <= 0 || gtk_gl_area_get_error (area) != NULL)
    return;
  gtk_gl_area_make_current (area);
  if (gtk_gl_area_get_error (area) != NULL)
    return;
  if (gtk_gl_area_get_context (area) == NULL)
    {
      g_set_error_literal (&error, GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE, "No OpenGL context for the figure");
      gtk_gl_area_set_error (area, error);
      return;
    }
  if (!ensure_renderers (self))
    return;
  if (!ensure_framebuffer (self, width * scale, height * scale, &error))
    {
      gtk_gl_area_set_error (area, error);
      return;
    }

  draw_data (self, width * scale, height * scale, scale);
  image = read_pixels (self, width * scale, height * scale, scale);
  glBindFramebuffer (GL_FRAMEBUFFER, 0);
  if (check_gl_error (area))
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      self->n_frames++;
    }
  cairo_surface_destroy (image);
}

static void
scmm_gl_plot_unrealize (GtkWidget *widget)
{
  ScmmGlPlot *self = SCMM_GL_PLOT (widget);

  if (self->initialised)
    {
      gtk_gl_area_make_current (GTK_GL_AREA (widget));
      if (gtk_gl_area_get_error (GTK_GL_AREA (widget)) == NULL)
        {
          scmm_gl_grid_free (&self->grid);
          scmm_gl_marks_free (&self->marks);
          if (self->framebuffer != 0)
            {
              glDeleteFramebuffers (1, &self->framebuffer);
              glDeleteRenderbuffers (1, &self->renderbuffer);
            }
        }
      self->initialised = FALSE;
      self->framebuffer = self->renderbuffer = 0;
    }

  GTK_WIDGET_CLASS (scmm_gl_plot_parent_class)->unrealize (widget);
}

static void
scmm_gl_plot_finalize (GObject *object)
{
  ScmmGlPlot *self = SCMM_GL_PLOT (object);

  g_clear_pointer (&self->figure, scmm_figure_unref);

  G_OBJECT_CLASS (scmm_gl_plot_parent_class)->finalize (object);
}

static void
scmm_gl_plot_class_init (ScmmGlPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkGLAreaClass *area_class = GTK_GL_AREA_CLASS (klass);

  object_class->finalize = scmm_gl_plot_finalize;
  widget_class->unrealize = scmm_gl_plot_unrealize;
  widget_class->snapshot = scmm_gl_plot_snapshot;
  area_class->render = scmm_gl_plot_render;
}

static void
scmm_gl_plot_init (ScmmGlPlot *self)
{
  /* The view under it takes the pointer: tooltips, clicks, menus. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}
