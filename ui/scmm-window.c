/* scmm-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include "scmm-resources.h"
#include "scmm-window.h"

struct _ScmmWindow
{
  GtkApplicationWindow parent_instance;

  /* Template children */
  GtkHeaderBar     *header_bar;
  GtkStackSwitcher *page_switcher;
  GtkMenuButton    *primary_menu_button;
  GtkStack         *stack;
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

/**
 * scmm_window_get_page:
 * @self: a #ScmmWindow
 *
 * Returns: the name of the visible page: "data", "experiment", "training"
 *   or "results".
 */
const char *
scmm_window_get_page (ScmmWindow *self)
{
  g_return_val_if_fail (SCMM_IS_WINDOW (self), NULL);

  if (self->stack == NULL)
    return NULL;

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * scmm_window_set_page:
 * @self: a #ScmmWindow
 * @name: the name of a page
 *
 * Shows the page called @name. An unknown name is a programming error and
 * leaves the visible page as it was.
 */
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
scmm_window_dispose (GObject *object)
{
  ScmmWindow *self = SCMM_WINDOW (object);

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

static void
scmm_window_class_init (ScmmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = scmm_window_get_property;
  object_class->set_property = scmm_window_set_property;
  object_class->dispose = scmm_window_dispose;

  /**
   * ScmmWindow:page:
   *
   * The name of the visible page: "data", "experiment", "training" or
   * "results".
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

  scmm_resources_ensure_registered ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SCMM_RESOURCE_BASE_PATH "/ui/scmm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScmmWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ScmmWindow, page_switcher);
  gtk_widget_class_bind_template_child (widget_class, ScmmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmWindow, stack);
}

static void
scmm_window_init (ScmmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (scmm_window_stack_notify_visible_child_name),
                           self, G_CONNECT_SWAPPED);
}
