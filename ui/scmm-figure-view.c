/* scmm-figure-view.c: a widget that shows a ScmmFigure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data of every kind (heatmaps, confusion matrices, scalp maps, line
 * and scatter plots, bar charts) are drawn with OpenGL by a ScmmGlPlot
 * child placed over the plot box of the figure's layout, between two cairo
 * layers drawn at the screen's scale (ui/gl/scmm-gl-decor.c): the figure
 * without its data under it, what lies on the data over it. The layers are
 * kept as render nodes until what they show changes, so a heatmap
 * streaming new values costs one upload of its values and one read-back of
 * the plot box a frame. A figure without data, and every view once OpenGL
 * failed (no GL, an error, GDK_DEBUG=gl-disable), are drawn whole with
 * cairo in the snapshot; the failure is reported to the process's
 * ScmmGlStatus, which the window watches to say so once.
 *
 * The view keeps the revision it last drew, so scmm_figure_view_update()
 * redraws only when the figure changed. The value under the pointer is the
 * tooltip; a primary click on a cell or a bar emits "cell-activated"; a
 * line plot zooms its x axis (a scatter plot both axes) with the scroll
 * wheel around the pointer and with the keys + and - when focused, pans by
 * dragging, and comes back whole on a double click or the key 0. The zoom
 * is the figure's view (scmm_figure_set_x_view): its ticks follow, and an
 * export draws what is shown. A right click (or Shift+F10, Menu)
 * opens a menu whose one entry is the "figure.export" action, which asks
 * for a file (named after the title) and writes PNG, SVG or PDF of what is
 * shown, always through cairo. The title is also the accessible label, so a
 * screen reader names the figure without hovering it.
 */

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "scmm-error.h"

#include "gl/scmm-figure-private.h"
#include "gl/scmm-gl-decor.h"
#include "gl/scmm-gl-plot.h"
#include "gl/scmm-gl-status.h"
#include "scmm-error-dialog.h"
#include "scmm-figure-view.h"

#define MIN_WIDTH 200
#define MIN_HEIGHT 150
#define NATURAL_WIDTH 480
#define NATURAL_HEIGHT 360

/* Exports without a widget size (never drawn) use this many points. */
#define DEFAULT_EXPORT_WIDTH 800
#define DEFAULT_EXPORT_HEIGHT 600

/* A scroll step, or a key press, zooms by this factor. */
#define ZOOM_STEP 1.25
/* The narrowest view, as a share of the data's range. */
#define MIN_VIEW_SHARE 1e-6

/* A proposed file name keeps at most this many characters of the title. */
#define MAX_FILE_NAME_STEM 64

struct _ScmmFigureView
{
  GtkWidget             parent_instance;

  ScmmFigure           *figure;
  guint64               drawn_revision;

  /* OpenGL: the plot (NULL once it failed) and the cairo layers around it,
   * kept while their key stays. */
  GtkWidget            *gl_plot;
  gboolean              drew_with_gl;     /* the last snapshot did */
  guint                 gl_failure_idle;
  GskRenderNode        *layers[2];        /* under, over */
  char                 *layers_key;
  int                   layers_scale;
  gboolean              layers_as_textures;
  char                 *accessible_label;   /* the label last set, NULL when reset */

  /* zoom and pan: the pointer (NAN outside), the drag's last offset */
  double                pointer_x, pointer_y;
  double                drag_x, drag_y;

  GtkWidget            *context_menu;
  GtkFileChooserNative *export_chooser;
  GtkFileFilter        *export_filters[3];
};

G_DEFINE_FINAL_TYPE (ScmmFigureView, scmm_figure_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void clear_layers (ScmmFigureView *self);

static const struct
{
  const char *name;
  const char *suffix;
  const char *mime_type;
} export_formats[] = {
  { N_("PNG image"), "png", "image/png" },
  { N_("SVG image"), "svg", "image/svg+xml" },
  { N_("PDF document"), "pdf", "application/pdf" },
};

GtkWidget *
scmm_figure_view_new (void)
{
  return g_object_new (SCMM_TYPE_FIGURE_VIEW, NULL);
}

/* The figure's title as the accessible label ("Figure" when it has none);
 * no label without a figure. */
static void
update_accessible_label (ScmmFigureView *self)
{
  const char *label = NULL;

  if (self->figure != NULL)
    {
      label = scmm_figure_get_title (self->figure);
      if (label == NULL || label[0] == '\0')
        label = _("Figure");
    }
  if (g_strcmp0 (label, self->accessible_label) == 0)
    return;

  g_free (self->accessible_label);
  self->accessible_label = g_strdup (label);
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * scmm_figure_view_set_figure:
 * @view: a #ScmmFigureView
 * @figure: (nullable): the figure to show
 *
 * Shows @figure, keeping a reference; %NULL shows nothing and disables
 * the export.
 */
void
scmm_figure_view_set_figure (ScmmFigureView *view,
                             ScmmFigure     *figure)
{
  g_return_if_fail (SCMM_IS_FIGURE_VIEW (view));

  if (view->figure == figure)
    {
      scmm_figure_view_update (view);
      return;
    }

  if (figure != NULL)
    scmm_figure_ref (figure);
  g_clear_pointer (&view->figure, scmm_figure_unref);
  view->figure = figure;
  view->drawn_revision = 0;
  update_accessible_label (view);

  gtk_widget_action_set_enabled (GTK_WIDGET (view), "figure.export", figure != NULL);
  clear_layers (view);
  gtk_widget_queue_allocate (GTK_WIDGET (view));
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

/**
 * scmm_figure_view_get_figure:
 * @view: a #ScmmFigureView
 *
 * Returns: (transfer none) (nullable): the figure shown.
 */
ScmmFigure *
scmm_figure_view_get_figure (ScmmFigureView *view)
{
  g_return_val_if_fail (SCMM_IS_FIGURE_VIEW (view), NULL);

  return view->figure;
}

/**
 * scmm_figure_view_update:
 * @view: a #ScmmFigureView
 *
 * Redraws the figure if it changed since it was last drawn, and follows a
 * new title with the accessible label. Cheap when nothing changed: call it
 * after every change, however often.
 */
void
scmm_figure_view_update (ScmmFigureView *view)
{
  g_return_if_fail (SCMM_IS_FIGURE_VIEW (view));

  update_accessible_label (view);
  if (view->figure != NULL && scmm_figure_get_revision (view->figure) == view->drawn_revision)
    return;

  /* The plot box may have moved: the GL plot follows it. */
  if (view->gl_plot != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (view));
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

/**
 * scmm_figure_view_is_using_gl:
 * @view: a #ScmmFigureView
 *
 * Returns: whether the last frame drew the data with OpenGL.
 */
gboolean
scmm_figure_view_is_using_gl (ScmmFigureView *view)
{
  g_return_val_if_fail (SCMM_IS_FIGURE_VIEW (view), FALSE);

  return view->drew_with_gl && view->gl_plot != NULL &&
         scmm_gl_plot_get_n_frames (SCMM_GL_PLOT (view->gl_plot)) > 0;
}

/* ---- OpenGL, and the fallback ---- */

static void
clear_layers (ScmmFigureView *self)
{
  g_clear_pointer (&self->layers[0], gsk_render_node_unref);
  g_clear_pointer (&self->layers[1], gsk_render_node_unref);
  g_clear_pointer (&self->layers_key, g_free);
}

/* The GL plot is gone: from now on everything is drawn with cairo. */
static void
drop_gl_plot (ScmmFigureView *self,
              const GError   *error)
{
  if (self->gl_plot == NULL)
    return;

  scmm_gl_status_report_failure (scmm_gl_status_get_default (), error);
  g_clear_pointer (&self->gl_plot, gtk_widget_unparent);
  clear_layers (self);
  self->drew_with_gl = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
drop_failed_gl_plot (gpointer data)
{
  ScmmFigureView *self = data;

  self->gl_failure_idle = 0;
  if (self->gl_plot != NULL)
    drop_gl_plot (self, gtk_gl_area_get_error (GTK_GL_AREA (self->gl_plot)));
  return G_SOURCE_REMOVE;
}

static void
scmm_figure_view_realize (GtkWidget *widget)
{
  ScmmFigureView *self = SCMM_FIGURE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  GTK_WIDGET_CLASS (scmm_figure_view_parent_class)->realize (widget);

  /* No OpenGL on this display (GDK_DEBUG=gl-disable, no driver): say so
   * before the GL area tries. */
  if (self->gl_plot != NULL && !gdk_display_prepare_gl (gtk_widget_get_display (widget), &error))
    drop_gl_plot (self, error);
}

/* Whether this frame's data go through the GL plot. */
static gboolean
wants_gl (ScmmFigureView *self,
          int             width,
          int             height)
{
  const Layout *layout;

  if (self->gl_plot == NULL || self->figure == NULL || width <= 0 || height <= 0 ||
      !scmm_gl_plot_draws_kind (scmm_figure_get_kind (self->figure)))
    return FALSE;
  layout = scmm_figure_layout_cached (self->figure, width, height);
  return layout->has_data && layout->plot.w >= 1 && layout->plot.h >= 1;
}

/* The cairo layers of this size and scale, drawn again when their key
 * moved. */
static void
ensure_layers (ScmmFigureView *self,
               int             width,
               int             height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autofree char *key = scmm_gl_decor_key (self->figure, width, height);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (self)));
  gboolean as_textures = !GSK_IS_CAIRO_RENDERER (renderer);
  const cairo_font_options_t *options;

  if (self->layers[0] != NULL && scale == self->layers_scale && as_textures == self->layers_as_textures &&
      g_strcmp0 (key, self->layers_key) == 0)
    return;

  clear_layers (self);
  options = pango_cairo_context_get_font_options (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  self->layers[0] = scmm_gl_decor_node (self->figure, FALSE, width, height, scale, options, as_textures);
  self->layers[1] = scmm_gl_decor_node (self->figure, TRUE, width, height, scale, options, as_textures);
  self->layers_as_textures = as_textures;
  self->layers_key = g_steal_pointer (&key);
  self->layers_scale = scale;
}

/* The data with OpenGL between the cairo layers; FALSE when the GL area
 * has failed (what was appended is then covered by the caller). */
static gboolean
snapshot_with_gl (ScmmFigureView *self,
                  GtkSnapshot    *snapshot,
                  int             width,
                  int             height)
{
  if (gtk_gl_area_get_error (GTK_GL_AREA (self->gl_plot)) != NULL)
    return FALSE;

  ensure_layers (self, width, height);
  gtk_snapshot_append_node (snapshot, self->layers[0]);
  gtk_widget_snapshot_child (GTK_WIDGET (self), self->gl_plot, snapshot);
  if (gtk_gl_area_get_error (GTK_GL_AREA (self->gl_plot)) != NULL)
    return FALSE;
  gtk_snapshot_append_node (snapshot, self->layers[1]);
  return TRUE;
}

/* ---- drawing ---- */

static void
snapshot_with_cairo (ScmmFigureView *self,
                     GtkSnapshot    *snapshot,
                     int             width,
                     int             height)
{
  const cairo_font_options_t *options;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The screen's antialiasing and hinting for the text. */
  options = pango_cairo_context_get_font_options (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  if (options != NULL)
    cairo_set_font_options (cr, options);

  scmm_figure_draw_cairo (self->figure, cr, width, height);
  cairo_destroy (cr);
}

static void
scmm_figure_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  ScmmFigureView *self = SCMM_FIGURE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  self->drew_with_gl = FALSE;
  if (self->figure == NULL || width <= 0 || height <= 0)
    return;

  if (wants_gl (self, width, height))
    {
      self->drew_with_gl = snapshot_with_gl (self, snapshot, width, height);
      /* Failed now: cairo this frame; the plot goes in an idle, not in the
       * middle of a snapshot. */
      if (!self->drew_with_gl && self->gl_failure_idle == 0)
        self->gl_failure_idle = g_idle_add (drop_failed_gl_plot, self);
    }
  if (!self->drew_with_gl)
    snapshot_with_cairo (self, snapshot, width, height);

  self->drawn_revision = scmm_figure_get_revision (self->figure);

  /* The figure is a plain widget to the theme, which draws no focus ring
   * for it: draw one, in Adwaita's accent blue, when the keyboard is used. */
  if (gtk_widget_has_visible_focus (widget))
    {
      GskRoundedRect outline;
      const float border[4] = { 2, 2, 2, 2 };
      const GdkRGBA accent = { 0.208f, 0.518f, 0.894f, 1.0f };
      const GdkRGBA colours[4] = { accent, accent, accent, accent };

      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 4);
      gtk_snapshot_append_border (snapshot, &outline, border, colours);
    }
}

static void
scmm_figure_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = NATURAL_HEIGHT;
    }
}

static void
scmm_figure_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  ScmmFigureView *self = SCMM_FIGURE_VIEW (widget);

  if (self->gl_plot != NULL)
    {
      gboolean shown = wants_gl (self, width, height);

      /* Over the plot box, on whole pixels, or out of sight. */
      gtk_widget_set_child_visible (self->gl_plot, shown);
      if (shown)
        {
          const Box *plot = &scmm_figure_layout_cached (self->figure, width, height)->plot;
          GtkAllocation box = { (int) round (plot->x), (int) round (plot->y), (int) round (plot->w),
                                (int) round (plot->h) };

          gtk_widget_size_allocate (self->gl_plot, &box, -1);
          scmm_gl_plot_show (SCMM_GL_PLOT (self->gl_plot), self->figure, width, height, box.x, box.y);
        }
    }

  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

/* The focus ring comes and goes with the focus-visible state. */
static void
scmm_figure_view_state_flags_changed (GtkWidget     *widget,
                                      GtkStateFlags  previous_flags)
{
  GtkStateFlags changed = previous_flags ^ gtk_widget_get_state_flags (widget);

  if (changed & (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED))
    gtk_widget_queue_draw (widget);

  GTK_WIDGET_CLASS (scmm_figure_view_parent_class)->state_flags_changed (widget, previous_flags);
}

static gboolean
scmm_figure_view_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  ScmmFigureView *self = SCMM_FIGURE_VIEW (widget);
  g_autofree char *text = NULL;

  if (self->figure == NULL || keyboard_mode)
    return FALSE;

  text = scmm_figure_describe_at (self->figure, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                                  x, y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- clicks on cells and bars ---- */

/* The cell of a heatmap or a confusion matrix under (x, y) of a width x
 * height drawing, or the bar of a bar chart (row -1): FALSE elsewhere. */
static gboolean
cell_at (const ScmmFigure *figure,
         double            width,
         double            height,
         double            x,
         double            y,
         int              *row,
         int              *col)
{
  const Layout *layout;
  const Box *plot;

  if (width <= 0 || height <= 0)
    return FALSE;
  if (figure->kind != SCMM_FIGURE_HEATMAP && figure->kind != SCMM_FIGURE_CONFUSION &&
      figure->kind != SCMM_FIGURE_BARS)
    return FALSE;

  layout = scmm_figure_layout_cached (figure, width, height);
  plot = &layout->plot;
  if (!layout->has_data || x < plot->x || x >= plot->x + plot->w || y < plot->y || y >= plot->y + plot->h)
    return FALSE;

  if (figure->kind == SCMM_FIGURE_BARS)
    {
      /* A category axis: bar i fills the cell [i, i + 1). */
      double u = layout->x_lo + (x - plot->x) / plot->w * (layout->x_hi - layout->x_lo);
      int i = (int) floor (u);

      if (i < 0 || i >= figure->n_bars)
        return FALSE;
      *row = -1;
      *col = i;
      return TRUE;
    }
  else
    {
      GridShape grid = scmm_figure_layout_grid_shape (figure);

      if (grid.rows <= 0 || grid.cols <= 0)
        return FALSE;
      *col = CLAMP ((int) floor ((x - plot->x) / plot->w * grid.cols), 0, grid.cols - 1);
      *row = CLAMP ((int) floor ((y - plot->y) / plot->h * grid.rows), 0, grid.rows - 1);
      return TRUE;
    }
}

static void
primary_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 ScmmFigureView  *self)
{
  int row, col;

  if (n_press == 2 && scmm_figure_view_reset_zoom (self))
    return;
  if (n_press != 1 || self->figure == NULL)
    return;
  if (!cell_at (self->figure, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
                x, y, &row, &col))
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_CELL_ACTIVATED], 0, row, col);
}

/* ---- zoom and pan ---- */

/* The layout of a figure that zooms (a line or scatter plot with data) at
 * the widget's size, or NULL. */
static const Layout *
zoomable_layout (ScmmFigureView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  const Layout *layout;

  if (self->figure == NULL || width <= 0 || height <= 0 ||
      (self->figure->kind != SCMM_FIGURE_LINES && self->figure->kind != SCMM_FIGURE_SCATTER))
    return NULL;
  layout = scmm_figure_layout_cached (self->figure, width, height);
  if (!layout->has_data || layout->plot.w < 1 || layout->plot.h < 1)
    return NULL;
  return layout;
}

/* Sets an axis's view from [lo, hi] in axis units (log10 on a log y);
 * (NAN, NAN) for the data's range. */
static void
set_axis_view (ScmmFigure   *figure,
               ScmmAxis      axis,
               const Layout *layout,
               double        lo,
               double        hi)
{
  if (axis == SCMM_AXIS_X)
    {
      scmm_figure_set_x_view (figure, lo, hi);
      return;
    }
  if (layout->y_log && !isnan (lo))
    {
      lo = pow (10, lo);
      hi = pow (10, hi);
    }
  scmm_figure_set_y_view (figure, lo, hi);
}

/* [lo, hi] zoomed by `factor` around `at`, in axis units, or the data's
 * range (NAN, NAN) when that is as wide as the data's or wider. */
static void
zoom_axis (ScmmFigure   *figure,
           ScmmAxis      axis,
           const Layout *layout,
           double        factor,
           double        at)
{
  gboolean x = axis == SCMM_AXIS_X;
  double lo = x ? layout->x_lo : layout->y_lo, hi = x ? layout->x_hi : layout->y_hi;
  const double *data = x ? layout->data_x : layout->data_y;
  double data_span = data[1] - data[0];
  double span = (hi - lo) * factor;

  if (span >= data_span)
    {
      set_axis_view (figure, axis, layout, NAN, NAN);
      return;
    }
  if (span < data_span * MIN_VIEW_SHARE)
    factor = data_span * MIN_VIEW_SHARE / (hi - lo);
  lo = at - (at - lo) * factor;
  hi = at + (hi - at) * factor;
  /* Within the data's range. */
  if (lo < data[0])
    {
      hi += data[0] - lo;
      lo = data[0];
    }
  if (hi > data[1])
    {
      lo -= hi - data[1];
      hi = data[1];
    }
  set_axis_view (figure, axis, layout, lo, hi);
}

static void
view_changed (ScmmFigureView *self)
{
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  scmm_figure_view_update (self);
}

/**
 * scmm_figure_view_zoom:
 * @view: a #ScmmFigureView
 * @factor: the view's new span over its span: < 1 zooms in
 * @x: where the pointer is, in the widget
 * @y: where the pointer is, in the widget
 *
 * Zooms a line plot's x axis, or a scatter plot's both axes, keeping the
 * point under (@x, @y) in place; a point outside the plot box zooms around
 * the nearest point in it.
 *
 * Returns: whether the figure zooms.
 */
gboolean
scmm_figure_view_zoom (ScmmFigureView *view,
                       double          factor,
                       double          x,
                       double          y)
{
  const Layout *layout;
  const Box *plot;
  double u, v;

  g_return_val_if_fail (SCMM_IS_FIGURE_VIEW (view), FALSE);
  g_return_val_if_fail (factor > 0, FALSE);

  layout = zoomable_layout (view);
  if (layout == NULL)
    return FALSE;

  plot = &layout->plot;
  u = layout->x_lo + CLAMP ((x - plot->x) / plot->w, 0, 1) * (layout->x_hi - layout->x_lo);
  v = layout->y_lo + CLAMP ((plot->y + plot->h - y) / plot->h, 0, 1) * (layout->y_hi - layout->y_lo);
  /* The y zoom reads the layout before the x view moves it. */
  if (view->figure->kind == SCMM_FIGURE_SCATTER)
    zoom_axis (view->figure, SCMM_AXIS_Y, layout, factor, v);
  zoom_axis (view->figure, SCMM_AXIS_X, layout, factor, u);
  view_changed (view);
  return TRUE;
}

/* [lo, hi] moved by `shift` in axis units, within the data's range. */
static void
pan_axis (ScmmFigure   *figure,
          ScmmAxis      axis,
          const Layout *layout,
          double        shift)
{
  gboolean x = axis == SCMM_AXIS_X;
  double lo = x ? layout->x_lo : layout->y_lo, hi = x ? layout->x_hi : layout->y_hi;
  const double *data = x ? layout->data_x : layout->data_y;
  double span = hi - lo;

  if (!scmm_figure_get_view (figure, axis, NULL, NULL) || span >= data[1] - data[0])
    return;
  lo = CLAMP (lo + shift, data[0], data[1] - span);
  set_axis_view (figure, axis, layout, lo, lo + span);
}

/**
 * scmm_figure_view_pan:
 * @view: a #ScmmFigureView
 * @dx: how far the data move right, in widget pixels
 * @dy: how far the data move down, in widget pixels
 *
 * Moves a zoomed view as a drag does (a line plot's only along x), within
 * the data's range.
 *
 * Returns: whether the figure zooms.
 */
gboolean
scmm_figure_view_pan (ScmmFigureView *view,
                      double          dx,
                      double          dy)
{
  const Layout *layout;

  g_return_val_if_fail (SCMM_IS_FIGURE_VIEW (view), FALSE);

  layout = zoomable_layout (view);
  if (layout == NULL)
    return FALSE;

  if (view->figure->kind == SCMM_FIGURE_SCATTER)
    pan_axis (view->figure, SCMM_AXIS_Y, layout, dy / layout->plot.h * (layout->y_hi - layout->y_lo));
  pan_axis (view->figure, SCMM_AXIS_X, layout, -dx / layout->plot.w * (layout->x_hi - layout->x_lo));
  view_changed (view);
  return TRUE;
}

/**
 * scmm_figure_view_reset_zoom:
 * @view: a #ScmmFigureView
 *
 * Shows the data's whole range again.
 *
 * Returns: whether the figure zooms.
 */
gboolean
scmm_figure_view_reset_zoom (ScmmFigureView *view)
{
  g_return_val_if_fail (SCMM_IS_FIGURE_VIEW (view), FALSE);

  if (zoomable_layout (view) == NULL)
    return FALSE;

  scmm_figure_set_x_view (view->figure, NAN, NAN);
  scmm_figure_set_y_view (view->figure, NAN, NAN);
  view_changed (view);
  return TRUE;
}

static void
pointer_moved (GtkEventControllerMotion *motion,
               double                    x,
               double                    y,
               ScmmFigureView           *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
pointer_left (GtkEventControllerMotion *motion,
              ScmmFigureView           *self)
{
  self->pointer_x = self->pointer_y = NAN;
}

/* Scrolling zooms around the pointer, when it is on the plot. */
static gboolean
scrolled (GtkEventControllerScroll *scroll,
          double                    dx,
          double                    dy,
          ScmmFigureView           *self)
{
  const Layout *layout = zoomable_layout (self);
  const Box *plot;

  if (layout == NULL || dy == 0 || isnan (self->pointer_x))
    return FALSE;
  /* Zooming out of the whole: the scroll goes on to the page. */
  if (dy > 0 && !scmm_figure_get_view (self->figure, SCMM_AXIS_X, NULL, NULL) &&
      !scmm_figure_get_view (self->figure, SCMM_AXIS_Y, NULL, NULL))
    return FALSE;
  plot = &layout->plot;
  if (self->pointer_x < plot->x || self->pointer_x > plot->x + plot->w || self->pointer_y < plot->y ||
      self->pointer_y > plot->y + plot->h)
    return FALSE;

  return scmm_figure_view_zoom (self, pow (ZOOM_STEP, CLAMP (dy, -5, 5)), self->pointer_x, self->pointer_y);
}

static void
drag_begun (GtkGestureDrag *drag,
            double          x,
            double          y,
            ScmmFigureView *self)
{
  self->drag_x = self->drag_y = 0;
  if (zoomable_layout (self) == NULL)
    gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_DENIED);
}

static void
drag_updated (GtkGestureDrag *drag,
              double          offset_x,
              double          offset_y,
              ScmmFigureView *self)
{
  if (offset_x == self->drag_x && offset_y == self->drag_y)
    return;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  scmm_figure_view_pan (self, offset_x - self->drag_x, offset_y - self->drag_y);
  self->drag_x = offset_x;
  self->drag_y = offset_y;
}

static void
drag_ended (GtkGestureDrag *drag,
            double          offset_x,
            double          offset_y,
            ScmmFigureView *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

/* The keys: + and - around the plot's middle, 0 back to the whole. */
static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScmmFigureView *self = SCMM_FIGURE_VIEW (widget);
  const Layout *layout = zoomable_layout (self);

  if (layout == NULL)
    return;
  if (g_str_equal (action_name, "figure.zoom-reset"))
    scmm_figure_view_reset_zoom (self);
  else
    scmm_figure_view_zoom (self, g_str_equal (action_name, "figure.zoom-in") ? 1 / ZOOM_STEP : ZOOM_STEP,
                           layout->plot.x + layout->plot.w / 2, layout->plot.y + layout->plot.h / 2);
}

/* ---- context menu ---- */

static void
show_context_menu (ScmmFigureView *self,
                   double          x,
                   double          y)
{
  if (self->figure == NULL)
    return;

  if (self->context_menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();

      g_menu_append (menu, _("_Export Figure…"), "figure.export");
      self->context_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
context_menu_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      ScmmFigureView  *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));

  if (event == NULL || !gdk_event_triggers_context_menu (event))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_context_menu (self, x, y);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_context_menu (SCMM_FIGURE_VIEW (widget), gtk_widget_get_width (widget) / 2.0,
                     gtk_widget_get_height (widget) / 2.0);
}

/* ---- export ---- */

static void
close_export_chooser (ScmmFigureView *self)
{
  if (self->export_chooser == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->export_chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  for (guint i = 0; i < G_N_ELEMENTS (self->export_filters); i++)
    g_clear_object (&self->export_filters[i]);
}

static gboolean
has_export_suffix (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autofree char *suffix = g_strconcat (".", export_formats[i].suffix, NULL);
      gsize path_len = strlen (path), suffix_len = strlen (suffix);

      if (path_len > suffix_len && g_ascii_strcasecmp (path + path_len - suffix_len, suffix) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The chosen path; a name without a known suffix gets the chosen filter's
 * (PNG when none). */
static char *
chosen_export_path (ScmmFigureView *self,
                    GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);
  GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (self->export_chooser));
  const char *suffix = export_formats[0].suffix;

  if (path == NULL || has_export_suffix (path))
    return g_steal_pointer (&path);

  for (guint i = 0; i < G_N_ELEMENTS (self->export_filters); i++)
    if (filter != NULL && filter == self->export_filters[i])
      suffix = export_formats[i].suffix;

  return g_strconcat (path, ".", suffix, NULL);
}

/* What is exported is what is shown: the widget's layout, in points for
 * SVG and PDF and at twice the size for PNG, sharp on a slide. */
static void
export_size (ScmmFigureView *self,
             const char     *path,
             int            *width,
             int            *height)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  gsize len = strlen (path);

  if (w <= 0 || h <= 0)
    {
      w = DEFAULT_EXPORT_WIDTH;
      h = DEFAULT_EXPORT_HEIGHT;
    }
  if (len > 4 && g_ascii_strcasecmp (path + len - 4, ".png") == 0)
    {
      w *= 2;
      h *= 2;
    }
  *width = w;
  *height = h;
}

static void
export_chooser_response (GtkNativeDialog *dialog,
                         int              response,
                         ScmmFigureView  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkRoot *root;
  int width, height;

  if (response != GTK_RESPONSE_ACCEPT || self->figure == NULL)
    {
      close_export_chooser (self);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file != NULL ? chosen_export_path (self, file) : NULL;
  close_export_chooser (self);

  if (path == NULL)
    {
      g_autofree char *uri = file != NULL ? g_file_get_uri (file) : g_strdup ("?");

      g_set_error (&error, SCMM_ERROR, SCMM_ERROR_IO, _("%s: figures can only be exported to a local file"), uri);
    }
  else
    {
      export_size (self, path, &width, &height);
      scmm_figure_export (self->figure, path, width, height, &error);
    }

  if (error != NULL)
    {
      root = gtk_widget_get_root (GTK_WIDGET (self));
      scmm_show_error (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Could not export the figure"), error);
    }
}

/* The name the export proposes: the title in lower case, each run of
 * other characters than letters and digits as one '-', cut after a whole
 * word when longer than MAX_FILE_NAME_STEM characters; "figure" when no
 * letter or digit is left. */
static char *
proposed_file_name (const ScmmFigure *figure,
                    const char       *suffix)
{
  const char *title = scmm_figure_get_title (figure);
  g_autoptr(GString) stem = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = title != NULL ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (!g_unichar_isalnum (c))
        {
          dash = stem->len > 0;
          continue;
        }
      if (dash)
        g_string_append_c (stem, '-');
      g_string_append_unichar (stem, g_unichar_tolower (c));
      dash = FALSE;
    }

  if (g_utf8_strlen (stem->str, -1) > MAX_FILE_NAME_STEM)
    {
      const char *end = g_utf8_offset_to_pointer (stem->str, MAX_FILE_NAME_STEM);

      /* A cut inside a word drops that word and the dash before it,
       * unless it is the first word. */
      if (*end != '-')
        {
          const char *word = end;

          while (word > stem->str && word[-1] != '-')
            word--;
          if (word > stem->str)
            end = word - 1;
        }
      g_string_truncate (stem, (gsize) (end - stem->str));
    }

  if (stem->len == 0)
    g_string_append (stem, _("figure"));
  return g_strconcat (stem->str, ".", suffix, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScmmFigureView *self = SCMM_FIGURE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  if (self->figure == NULL)
    return;

  if (self->export_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
      return;
    }

  self->export_chooser = gtk_file_chooser_native_new (_("Export Figure"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->export_chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(export_formats[i].name));
      gtk_file_filter_add_suffix (filter, export_formats[i].suffix);
      gtk_file_filter_add_mime_type (filter, export_formats[i].mime_type);
      gtk_file_chooser_add_filter (chooser, filter);
      self->export_filters[i] = filter;
    }
  gtk_file_chooser_set_filter (chooser, self->export_filters[0]);
  name = proposed_file_name (self->figure, export_formats[0].suffix);
  gtk_file_chooser_set_current_name (chooser, name);

  g_signal_connect (self->export_chooser, "response", G_CALLBACK (export_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* ---- GObject ---- */

static void
scmm_figure_view_dispose (GObject *object)
{
  ScmmFigureView *self = SCMM_FIGURE_VIEW (object);

  close_export_chooser (self);
  g_clear_handle_id (&self->gl_failure_idle, g_source_remove);
  g_clear_pointer (&self->gl_plot, gtk_widget_unparent);
  clear_layers (self);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->figure, scmm_figure_unref);
  g_clear_pointer (&self->accessible_label, g_free);

  G_OBJECT_CLASS (scmm_figure_view_parent_class)->dispose (object);
}

static void
scmm_figure_view_class_init (ScmmFigureViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scmm_figure_view_dispose;

  widget_class->realize = scmm_figure_view_realize;
  widget_class->snapshot = scmm_figure_view_snapshot;
  widget_class->measure = scmm_figure_view_measure;
  widget_class->size_allocate = scmm_figure_view_size_allocate;
  widget_class->query_tooltip = scmm_figure_view_query_tooltip;
  widget_class->state_flags_changed = scmm_figure_view_state_flags_changed;

  /**
   * ScmmFigureView|figure.export:
   *
   * Asks for a file and exports the figure to it (PNG, SVG or PDF, by the
   * name's extension). Disabled while the view shows no figure.
   */
  /**
   * ScmmFigureView::cell-activated:
   * @view: the view
   * @row: the cell's row; -1 for a bar
   * @col: the cell's column, or the bar's index
   *
   * A primary click on a cell of a heatmap or a confusion matrix, or on a
   * bar of a bar chart.
   */
  signals[SIGNAL_CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "figure.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "figure.context-menu", NULL, context_menu_action);

  /**
   * ScmmFigureView|figure.zoom-in:
   *
   * Zooms a line plot's x axis (a scatter plot's both axes) in around the
   * plot's middle; figure.zoom-out zooms out, figure.zoom-reset shows the
   * data's whole range.
   */
  gtk_widget_class_install_action (widget_class, "figure.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "figure.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "figure.zoom-reset", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "figure.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_SHIFT_MASK, "figure.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "figure.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "figure.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "figure.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "figure.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "figure.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "figure.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "figure.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "figure.context-menu", NULL);

  gtk_widget_class_set_css_name (widget_class, "figureview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
scmm_figure_view_init (ScmmFigureView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (context_menu_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (primary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  self->pointer_x = self->pointer_y = NAN;
  {
    GtkEventController *motion = gtk_event_controller_motion_new ();
    GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
    GtkGesture *drag = gtk_gesture_drag_new ();

    g_signal_connect (motion, "enter", G_CALLBACK (pointer_moved), self);
    g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved), self);
    g_signal_connect (motion, "leave", G_CALLBACK (pointer_left), self);
    gtk_widget_add_controller (GTK_WIDGET (self), motion);
    g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
    gtk_widget_add_controller (GTK_WIDGET (self), scroll);
    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
    g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begun), self);
    g_signal_connect (drag, "drag-update", G_CALLBACK (drag_updated), self);
    g_signal_connect (drag, "drag-end", G_CALLBACK (drag_ended), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  }

  self->gl_plot = scmm_gl_plot_new ();
  gtk_widget_set_parent (self->gl_plot, GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  /* Focusable, so that Shift+F10 and the Menu key reach the context menu. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figure.export", FALSE);
}
