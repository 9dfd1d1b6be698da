/* scmm-masks-view.c: the hybrid masks of a pre-training batch
 *
 * The original sample and its masked views are heatmaps of one colour scale
 * (the original's range); a masked cell is a missing value, drawn in the
 * figures' "no value" grey, whatever the value under it (0 for the model).
 * The caption's ratios are counted in the snapshot's masks, not taken from
 * the configuration: what the batch really had.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <glib/gi18n.h>

#include "scmm-figure-view.h"
#include "scmm-masks-view.h"
#include "scmm-snapshot-grid.h"

struct _ScmmMasksView
{
  ScmmSnapshotView parent_instance;

  GtkSpinButton *sample_spin;
  GtkLabel      *caption;
  GtkWidget     *figures_box;
  GPtrArray     *figures;       /* ScmmFigure *: the original, then each masked view */
  float         *values;        /* [C, F] scratch */
  gsize          values_size;

  ScmmMaskConfig mask;
  gboolean       has_mask;
};

G_DEFINE_FINAL_TYPE (ScmmMasksView, scmm_masks_view, SCMM_TYPE_SNAPSHOT_VIEW)

GtkWidget *
scmm_masks_view_new (void)
{
  return g_object_new (SCMM_TYPE_MASKS_VIEW, NULL);
}

void
scmm_masks_view_set_snapshot (ScmmMasksView *view,
                              ScmmSnapshot  *snapshot)
{
  g_return_if_fail (SCMM_IS_MASKS_VIEW (view));

  scmm_snapshot_view_set_snapshot (SCMM_SNAPSHOT_VIEW (view), snapshot);
}

/**
 * scmm_masks_view_set_mask_config:
 * @view: a #ScmmMasksView
 * @config: (nullable): the masking of the run's method
 *
 * Names the masking mode and its nominal ratio in the caption.
 */
void
scmm_masks_view_set_mask_config (ScmmMasksView        *view,
                                 const ScmmMaskConfig *config)
{
  g_return_if_fail (SCMM_IS_MASKS_VIEW (view));

  view->has_mask = config != NULL;
  if (config != NULL)
    view->mask = *config;
  scmm_snapshot_view_queue_update (SCMM_SNAPSHOT_VIEW (view));
}

void
scmm_masks_view_set_sample (ScmmMasksView *view,
                            int            sample)
{
  g_return_if_fail (SCMM_IS_MASKS_VIEW (view));

  scmm_snapshot_view_set_selected (SCMM_SNAPSHOT_VIEW (view), sample);
}

int
scmm_masks_view_get_sample (ScmmMasksView *view)
{
  g_return_val_if_fail (SCMM_IS_MASKS_VIEW (view), 0);

  return scmm_snapshot_view_get_selected (SCMM_SNAPSHOT_VIEW (view));
}

/* ---- drawing ---- */

/* The mode and its parameters, short (*title), and how it draws the masks,
 * in a sentence (*rule, NULL when there is nothing to add). */
static void
describe_mask_config (const ScmmMaskConfig *mask,
                      char                **title,
                      char                **rule)
{
  *rule = NULL;
  switch (mask->mode)
    {
    case SCMM_MASK_HYBRID:
      /* SCMM-METHOD.md §2: with probability δ a channel draws a channel
       * mask (all its bands masked with probability r), else an
       * element-wise one (each band masked with probability r). */
      *title = g_strdup_printf (_("Hybrid masking, r = %.2f, δ = %.2f"), mask->ratio, mask->threshold);
      *rule = g_strdup (_("With probability δ a channel gets a whole-channel mask (then, with "
                          "probability r, all its bands are masked together), else each of its "
                          "bands is masked on its own with probability r."));
      break;
    case SCMM_MASK_RANDOM:
      *title = g_strdup_printf (_("Element-wise masking only, r = %.2f"), mask->ratio);
      *rule = g_strdup (_("Each band of each channel is masked with probability r."));
      break;
    case SCMM_MASK_CHANNEL:
      *title = g_strdup_printf (_("Whole-channel masking only, r = %.2f"), mask->ratio);
      *rule = g_strdup (_("Each channel is masked whole with probability r."));
      break;
    case SCMM_MASK_PARALLEL:
      *title = g_strdup_printf (_("One kind of mask per sample, r = %.2f, δ = %.2f"), mask->ratio,
                                mask->threshold);
      *rule = g_strdup (_("With probability δ a sample gets whole-channel masks, else element-wise "
                          "ones, each with probability r."));
      break;
    default:
      *title = g_strdup (scmm_mask_mode_to_string (mask->mode));
      break;
    }
}

static void
append_escaped (GString    *markup,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (markup, escaped);
}

static void
update_caption (ScmmMasksView      *self,
                const ScmmSnapshot *snapshot,
                int                 sample)
{
  gsize per = (gsize) snapshot->channels * (gsize) snapshot->bands;
  double batch = scmm_snapshot_masked_fraction (snapshot->keep, per * (gsize) snapshot->views * (gsize) snapshot->b);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *rule = NULL;

  if (self->has_mask)
    describe_mask_config (&self->mask, &title, &rule);
  else
    title = g_strdup_printf (_("Masks of method %s"), snapshot->method != NULL ? snapshot->method : "?");
  g_string_append (text, "<b>");
  append_escaped (text, title);
  g_string_append (text, "</b> · ");
  g_string_append_printf (text, _("masked: %.1f %% of the batch’s values"), 100 * batch);

  for (int v = 0; v < snapshot->views; v++)
    {
      const guint8 *keep = scmm_snapshot_keep_of (snapshot, v, sample);

      g_string_append (text, snapshot->views > 1 ? "\n" : ", ");
      if (snapshot->views > 1)
        g_string_append_printf (text, _("View %d: "), v + 1);
      g_string_append_printf (text, _("%.1f %% of this sample’s, %d of %d channels masked whole"),
                              100 * scmm_snapshot_masked_fraction (keep, per),
                              scmm_snapshot_masked_channels (keep, snapshot->channels, snapshot->bands),
                              snapshot->channels);
    }
  g_string_append (text, "\n");
  if (rule != NULL)
    {
      append_escaped (text, rule);
      g_string_append (text, " ");
    }
  g_string_append (text, _("Grey cells are masked (the encoder sees 0 there): scattered cells are "
                           "element-wise masks, a full grey row is a whole channel masked."));

  scmm_snapshot_label_set (self->caption, text->str, TRUE);
}

/* One figure per view of a sample: the original, then each masked view. */
static void
ensure_figures (ScmmMasksView *self,
                int            views)
{
  GtkWidget *child;

  if ((int) self->figures->len == views + 1)
    return;

  while ((child = gtk_widget_get_first_child (self->figures_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->figures_box), child);
  g_ptr_array_set_size (self->figures, 0);

  for (int v = 0; v <= views; v++)
    {
      g_autofree char *title = v == 0 ? g_strdup (_("Original"))
                             : views == 1 ? g_strdup (_("Masked view"))
                             : g_strdup_printf (_("Masked view %d"), v);
      ScmmFigure *figure = scmm_snapshot_grid_figure_new (title);

      g_ptr_array_add (self->figures, figure);
      gtk_box_append (GTK_BOX (self->figures_box), scmm_snapshot_figure_view_new (figure));
    }
}

static void
scmm_masks_view_update (ScmmSnapshotView *view,
                        ScmmSnapshot     *snapshot)
{
  ScmmMasksView *self = SCMM_MASKS_VIEW (view);
  gsize per = (gsize) snapshot->channels * (gsize) snapshot->bands;
  int sample = MIN (scmm_snapshot_view_get_selected (view), snapshot->b - 1);
  double lo = INFINITY, hi = -INFINITY;
  GtkWidget *child;

  scmm_snapshot_spin_set_count (self->sample_spin, snapshot->b);
  ensure_figures (self, snapshot->views);
  if (self->values_size < per)
    {
      self->values = g_renew (float, self->values, per);
      self->values_size = per;
    }

  /* One colour scale: the original's. */
  scmm_snapshot_sample_values (snapshot, snapshot->x_in, sample, NULL, self->values);
  scmm_snapshot_extend_range (self->values, per, &lo, &hi);
  scmm_snapshot_grid_figure_set (g_ptr_array_index (self->figures, 0), snapshot, self->values, lo, hi,
                                 _("DE (normalised)"));

  for (int v = 0; v < snapshot->views; v++)
    {
      scmm_snapshot_sample_values (snapshot, snapshot->x_in, (v + 1) * snapshot->b + sample,
                                   scmm_snapshot_keep_of (snapshot, v, sample), self->values);
      scmm_snapshot_grid_figure_set (g_ptr_array_index (self->figures, v + 1), snapshot, self->values,
                                     lo, hi, _("DE (normalised)"));
    }

  for (child = gtk_widget_get_first_child (self->figures_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scmm_figure_view_update (SCMM_FIGURE_VIEW (child));

  update_caption (self, snapshot, sample);
}

/* ---- GObject ---- */

static void
scmm_masks_view_finalize (GObject *object)
{
  ScmmMasksView *self = SCMM_MASKS_VIEW (object);

  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_free);

  G_OBJECT_CLASS (scmm_masks_view_parent_class)->finalize (object);
}

static void
scmm_masks_view_class_init (ScmmMasksViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ScmmSnapshotViewClass *view_class = SCMM_SNAPSHOT_VIEW_CLASS (klass);

  object_class->finalize = scmm_masks_view_finalize;
  view_class->update = scmm_masks_view_update;
}

static void
scmm_masks_view_init (ScmmMasksView *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) scmm_figure_unref);

  gtk_box_append (GTK_BOX (content),
                  scmm_snapshot_header_new (_("_Sample"), _("The sample of the batch whose masks are shown"),
                                            &self->sample_spin, &self->caption));

  self->figures_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (self->figures_box), TRUE);
  gtk_widget_set_vexpand (self->figures_box, TRUE);
  gtk_box_append (GTK_BOX (content), self->figures_box);
  ensure_figures (self, 1);

  scmm_snapshot_view_set_selector (SCMM_SNAPSHOT_VIEW (self), self->sample_spin);

  scmm_snapshot_view_set_content (SCMM_SNAPSHOT_VIEW (self), content);
  scmm_snapshot_view_set_placeholder_text (SCMM_SNAPSHOT_VIEW (self),
                                           _("Each sample and its masked views show here at the first "
                                             "snapshot of pre-training."));
}
