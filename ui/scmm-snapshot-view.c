/* scmm-snapshot-view.c: the base of the views of a pre-training snapshot
 *
 * Holds the latest snapshot and a stack: the placeholder, then the
 * subclass's content. A new snapshot (or a new setting) only marks the view
 * out of date; a tick callback, added while the view is mapped, calls the
 * subclass's update() once at the next frame, however many snapshots came
 * since. An unmapped view catches up when it is mapped again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "scmm-snapshot-view.h"

typedef struct
{
  ScmmSnapshot *snapshot;
  GtkStack     *stack;
  GtkLabel     *placeholder;
  GtkSpinButton *selector;
  int           selected;
  gboolean      has_content;
  gboolean      out_of_date;
  guint         tick_id;
} ScmmSnapshotViewPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (ScmmSnapshotView, scmm_snapshot_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_now (ScmmSnapshotView *self)
{
  ScmmSnapshotViewPrivate *priv = scmm_snapshot_view_get_instance_private (self);

  priv->out_of_date = FALSE;
  if (priv->stack == NULL)
    return;
  if (priv->snapshot == NULL || !priv->has_content)
    {
      gtk_stack_set_visible_child_name (priv->stack, "placeholder");
      return;
    }

  SCMM_SNAPSHOT_VIEW_GET_CLASS (self)->update (self, priv->snapshot);
  gtk_stack_set_visible_child_name (priv->stack, "content");

  /* The spin button's range comes with the snapshot: a selection made
   * before it (or beyond it) shows now, clamped by the range. */
  if (priv->selector != NULL && gtk_spin_button_get_value_as_int (priv->selector) != priv->selected)
    gtk_spin_button_set_value (priv->selector, priv->selected);
}

static gboolean
update_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  ScmmSnapshotView *self = SCMM_SNAPSHOT_VIEW (widget);
  ScmmSnapshotViewPrivate *priv = scmm_snapshot_view_get_instance_private (self);

  priv->tick_id = 0;
  if (priv->out_of_date)
    update_now (self);
  return G_SOURCE_REMOVE;
}

/**
 * scmm_snapshot_view_queue_update:
 * @view: a #ScmmSnapshotView
 *
 * Marks the view out of date: it draws its snapshot again at the next
 * frame if it is mapped, else when it is.
 */
void
scmm_snapshot_view_queue_update (ScmmSnapshotView *view)
{
  ScmmSnapshotViewPrivate *priv;

  g_return_if_fail (SCMM_IS_SNAPSHOT_VIEW (view));
  priv = scmm_snapshot_view_get_instance_private (view);

  priv->out_of_date = TRUE;
  if (priv->tick_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (view)))
    priv->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (view), update_tick, NULL, NULL);
}

/**
 * scmm_snapshot_view_set_snapshot:
 * @view: a #ScmmSnapshotView
 * @snapshot: (nullable): the batch to show
 *
 * Shows @snapshot (a reference is kept) from the next frame; %NULL shows
 * the placeholder again.
 */
void
scmm_snapshot_view_set_snapshot (ScmmSnapshotView *view,
                                 ScmmSnapshot     *snapshot)
{
  ScmmSnapshotViewPrivate *priv;

  g_return_if_fail (SCMM_IS_SNAPSHOT_VIEW (view));
  priv = scmm_snapshot_view_get_instance_private (view);

  if (priv->snapshot == snapshot)
    return;

  if (snapshot != NULL)
    scmm_snapshot_ref (snapshot);
  g_clear_pointer (&priv->snapshot, scmm_snapshot_unref);
  priv->snapshot = snapshot;

  if (snapshot == NULL)
    {
      priv->out_of_date = FALSE;
      if (priv->stack != NULL)
        gtk_stack_set_visible_child_name (priv->stack, "placeholder");
      return;
    }
  scmm_snapshot_view_queue_update (view);
}

/**
 * scmm_snapshot_view_get_snapshot:
 * @view: a #ScmmSnapshotView
 *
 * Returns: (transfer none) (nullable): the snapshot shown (or about to be).
 */
ScmmSnapshot *
scmm_snapshot_view_get_snapshot (ScmmSnapshotView *view)
{
  ScmmSnapshotViewPrivate *priv;

  g_return_val_if_fail (SCMM_IS_SNAPSHOT_VIEW (view), NULL);
  priv = scmm_snapshot_view_get_instance_private (view);

  return priv->snapshot;
}

/**
 * scmm_snapshot_view_is_up_to_date:
 * @view: a #ScmmSnapshotView
 *
 * Returns: whether the snapshot is drawn: there is one, and no update is
 *   pending.
 */
gboolean
scmm_snapshot_view_is_up_to_date (ScmmSnapshotView *view)
{
  ScmmSnapshotViewPrivate *priv;

  g_return_val_if_fail (SCMM_IS_SNAPSHOT_VIEW (view), FALSE);
  priv = scmm_snapshot_view_get_instance_private (view);

  return priv->snapshot != NULL && !priv->out_of_date;
}

void
scmm_snapshot_view_set_placeholder_text (ScmmSnapshotView *view,
                                         const char       *text)
{
  ScmmSnapshotViewPrivate *priv;

  g_return_if_fail (SCMM_IS_SNAPSHOT_VIEW (view));
  priv = scmm_snapshot_view_get_instance_private (view);

  if (priv->placeholder != NULL)
    gtk_label_set_label (priv->placeholder, text != NULL ? text : "");
}

void
scmm_snapshot_view_set_content (ScmmSnapshotView *view,
                                GtkWidget        *content)
{
  ScmmSnapshotViewPrivate *priv;

  g_return_if_fail (SCMM_IS_SNAPSHOT_VIEW (view));
  g_return_if_fail (GTK_IS_WIDGET (content));
  priv = scmm_snapshot_view_get_instance_private (view);
  g_return_if_fail (!priv->has_content);

  gtk_stack_add_named (priv->stack, content, "content");
  priv->has_content = TRUE;
}

/**
 * scmm_snapshot_view_set_selected:
 * @view: a #ScmmSnapshotView
 * @selected: the sample or row, from 0
 *
 * Shows another sample (or row) of the batch, from the next frame.
 */
void
scmm_snapshot_view_set_selected (ScmmSnapshotView *view,
                                 int               selected)
{
  ScmmSnapshotViewPrivate *priv;

  g_return_if_fail (SCMM_IS_SNAPSHOT_VIEW (view));
  priv = scmm_snapshot_view_get_instance_private (view);

  selected = MAX (selected, 0);
  if (priv->selected == selected)
    return;

  priv->selected = selected;
  if (priv->selector != NULL && gtk_spin_button_get_value_as_int (priv->selector) != selected)
    gtk_spin_button_set_value (priv->selector, selected);
  scmm_snapshot_view_queue_update (view);
  g_object_notify_by_pspec (G_OBJECT (view), properties[PROP_SELECTED]);
}

int
scmm_snapshot_view_get_selected (ScmmSnapshotView *view)
{
  ScmmSnapshotViewPrivate *priv;

  g_return_val_if_fail (SCMM_IS_SNAPSHOT_VIEW (view), 0);
  priv = scmm_snapshot_view_get_instance_private (view);

  return priv->selected;
}

static void
selector_changed (ScmmSnapshotView *self,
                  GtkSpinButton    *spin)
{
  scmm_snapshot_view_set_selected (self, gtk_spin_button_get_value_as_int (spin));
}

void
scmm_snapshot_view_set_selector (ScmmSnapshotView *view,
                                 GtkSpinButton    *spin)
{
  ScmmSnapshotViewPrivate *priv;

  g_return_if_fail (SCMM_IS_SNAPSHOT_VIEW (view));
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));
  priv = scmm_snapshot_view_get_instance_private (view);
  g_return_if_fail (priv->selector == NULL);

  priv->selector = spin;
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (selector_changed), view, G_CONNECT_SWAPPED);
}

/* ---- GtkWidget ---- */

static void
scmm_snapshot_view_map (GtkWidget *widget)
{
  ScmmSnapshotView *self = SCMM_SNAPSHOT_VIEW (widget);
  ScmmSnapshotViewPrivate *priv = scmm_snapshot_view_get_instance_private (self);

  /* Caught up before the first frame that shows it. */
  if (priv->out_of_date)
    update_now (self);

  GTK_WIDGET_CLASS (scmm_snapshot_view_parent_class)->map (widget);
}

static void
scmm_snapshot_view_unmap (GtkWidget *widget)
{
  ScmmSnapshotView *self = SCMM_SNAPSHOT_VIEW (widget);
  ScmmSnapshotViewPrivate *priv = scmm_snapshot_view_get_instance_private (self);

  if (priv->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, priv->tick_id);
      priv->tick_id = 0;
    }

  GTK_WIDGET_CLASS (scmm_snapshot_view_parent_class)->unmap (widget);
}

/* ---- GObject ---- */

static void
scmm_snapshot_view_dispose (GObject *object)
{
  ScmmSnapshotView *self = SCMM_SNAPSHOT_VIEW (object);
  ScmmSnapshotViewPrivate *priv = scmm_snapshot_view_get_instance_private (self);
  GtkWidget *child;

  g_clear_pointer (&priv->snapshot, scmm_snapshot_unref);
  /* The spin button goes with the content: a selection set after this
   * (a binding of "selected" letting go) must not reach it. */
  priv->selector = NULL;
  priv->stack = NULL;
  priv->placeholder = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (scmm_snapshot_view_parent_class)->dispose (object);
}

static void
scmm_snapshot_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ScmmSnapshotView *self = SCMM_SNAPSHOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int (value, scmm_snapshot_view_get_selected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_snapshot_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ScmmSnapshotView *self = SCMM_SNAPSHOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      scmm_snapshot_view_set_selected (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_snapshot_view_real_update (ScmmSnapshotView *view,
                                ScmmSnapshot     *snapshot)
{
}

static void
scmm_snapshot_view_class_init (ScmmSnapshotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = scmm_snapshot_view_get_property;
  object_class->set_property = scmm_snapshot_view_set_property;
  object_class->dispose = scmm_snapshot_view_dispose;
  widget_class->map = scmm_snapshot_view_map;
  widget_class->unmap = scmm_snapshot_view_unmap;
  klass->update = scmm_snapshot_view_real_update;

  /**
   * ScmmSnapshotView:selected:
   *
   * The sample (or row) of the batch the view is about, from 0.
   */
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scmm-snapshot-view");
}

static void
scmm_snapshot_view_init (ScmmSnapshotView *self)
{
  ScmmSnapshotViewPrivate *priv = scmm_snapshot_view_get_instance_private (self);
  GtkWidget *placeholder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "camera-photo-symbolic",
                                  "pixel-size", 64, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);
  GtkWidget *title = gtk_label_new (_("No Snapshot Yet"));
  GtkWidget *text = gtk_label_new (_("The batch shows here at the first snapshot of pre-training."));

  priv->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (priv->stack), GTK_WIDGET (self));

  /* As the pages' empty states look. */
  gtk_widget_add_css_class (placeholder, "empty-state");
  gtk_widget_set_valign (placeholder, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (placeholder, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (title, "empty-state-title");
  priv->placeholder = GTK_LABEL (text);
  gtk_label_set_wrap (priv->placeholder, TRUE);
  gtk_label_set_justify (priv->placeholder, GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (priv->placeholder, 60);
  gtk_widget_add_css_class (text, "empty-state-description");
  gtk_box_append (GTK_BOX (placeholder), icon);
  gtk_box_append (GTK_BOX (placeholder), title);
  gtk_box_append (GTK_BOX (placeholder), text);
  gtk_stack_add_named (priv->stack, placeholder, "placeholder");
  gtk_stack_set_visible_child_name (priv->stack, "placeholder");
}
