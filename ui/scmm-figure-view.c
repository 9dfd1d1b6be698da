/* scmm-figure-view.c: a widget that shows a ScmmFigure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figure draws itself with cairo into the widget's snapshot; the view
 * keeps the revision it last drew, so scmm_figure_view_update() redraws only
 * when the figure changed. The value under the pointer is the tooltip; a
 * right click (or Shift+F10, Menu) opens a menu whose one entry is the
 * "figure.export" action, which asks for a file (named after the title)
 * and writes PNG, SVG or PDF. The title is also the accessible label, so a
 * screen reader names the figure without hovering it.
 */

#include <string.h>

#include <glib/gi18n.h>

#include "scmm-error.h"

#include "scmm-error-dialog.h"
#include "scmm-figure-view.h"

#define MIN_WIDTH 200
#define MIN_HEIGHT 150
#define NATURAL_WIDTH 480
#define NATURAL_HEIGHT 360

/* Exports without a widget size (never drawn) use this many points. */
#define DEFAULT_EXPORT_WIDTH 800
#define DEFAULT_EXPORT_HEIGHT 600

/* A proposed file name keeps at most this many characters of the title. */
#define MAX_FILE_NAME_STEM 64

struct _ScmmFigureView
{
  GtkWidget             parent_instance;

  ScmmFigure           *figure;
  guint64               drawn_revision;
  char                 *accessible_label;   /* the label last set, NULL when reset */

  GtkWidget            *context_menu;
  GtkFileChooserNative *export_chooser;
  GtkFileFilter        *export_filters[3];
};

G_DEFINE_FINAL_TYPE (ScmmFigureView, scmm_figure_view, GTK_TYPE_WIDGET)

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

  gtk_widget_queue_draw (GTK_WIDGET (view));
}

/* ---- drawing ---- */

static void
scmm_figure_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  ScmmFigureView *self = SCMM_FIGURE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const cairo_font_options_t *options;
  cairo_t *cr;

  if (self->figure == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The screen's antialiasing and hinting for the text. */
  options = pango_cairo_context_get_font_options (gtk_widget_get_pango_context (widget));
  if (options != NULL)
    cairo_set_font_options (cr, options);

  scmm_figure_draw_cairo (self->figure, cr, width, height);
  cairo_destroy (cr);

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
  gtk_widget_class_install_action (widget_class, "figure.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "figure.context-menu", NULL, context_menu_action);

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

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  /* Focusable, so that Shift+F10 and the Menu key reach the context menu. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figure.export", FALSE);
}
