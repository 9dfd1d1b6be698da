/* scmm-reconstruction-view.c: what the decoder rebuilds of a masked sample
 *
 * x̂ comes from the aggregator's mix of the batch's embeddings (H_rec = R H,
 * SCMM-METHOD.md §5) without the row's own: x̂ of an original row is
 * rebuilt from its masked view and the samples S finds alike, and is
 * trained towards x whichever reconstruction target the run uses (the
 * masked rows' x̂ are trained towards the masked input, zeros and all, in
 * the released code's). So the original row's x̂ is shown, and its error on
 * the cells the masked view hid says how well the batch filled them in.
 * The three figures share the colour scale of x and x̂ together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <glib/gi18n.h>

#include "scmm-figure-view.h"
#include "scmm-reconstruction-view.h"
#include "scmm-snapshot-grid.h"

enum {
  FIGURE_ORIGINAL,
  FIGURE_MASKED,
  FIGURE_RECONSTRUCTION,
  N_FIGURES
};

struct _ScmmReconstructionView
{
  ScmmSnapshotView parent_instance;

  GtkSpinButton *sample_spin;
  GtkLabel      *caption;
  ScmmFigure    *figures[N_FIGURES];
  GtkWidget     *views[N_FIGURES];
  float         *values;        /* [N_FIGURES, C, F] */
  gsize          values_size;
};

G_DEFINE_FINAL_TYPE (ScmmReconstructionView, scmm_reconstruction_view, SCMM_TYPE_SNAPSHOT_VIEW)

GtkWidget *
scmm_reconstruction_view_new (void)
{
  return g_object_new (SCMM_TYPE_RECONSTRUCTION_VIEW, NULL);
}

void
scmm_reconstruction_view_set_snapshot (ScmmReconstructionView *view,
                                       ScmmSnapshot           *snapshot)
{
  g_return_if_fail (SCMM_IS_RECONSTRUCTION_VIEW (view));

  scmm_snapshot_view_set_snapshot (SCMM_SNAPSHOT_VIEW (view), snapshot);
}

void
scmm_reconstruction_view_set_sample (ScmmReconstructionView *view,
                                     int                     sample)
{
  g_return_if_fail (SCMM_IS_RECONSTRUCTION_VIEW (view));

  scmm_snapshot_view_set_selected (SCMM_SNAPSHOT_VIEW (view), sample);
}

int
scmm_reconstruction_view_get_sample (ScmmReconstructionView *view)
{
  g_return_val_if_fail (SCMM_IS_RECONSTRUCTION_VIEW (view), 0);

  return scmm_snapshot_view_get_selected (SCMM_SNAPSHOT_VIEW (view));
}

/**
 * scmm_reconstruction_errors:
 * @snapshot: a snapshot
 * @view: a masked view, 0-based
 * @sample: a sample, 0-based
 * @masked_mse: (out): the mean squared error of x̂ on the masked cells
 * @kept_mse: (out): and on the kept cells
 *
 * Returns: the number of masked cells.
 */
int
scmm_reconstruction_errors (const ScmmSnapshot *snapshot,
                            int                 view,
                            int                 sample,
                            double             *masked_mse,
                            double             *kept_mse)
{
  gsize per = (gsize) snapshot->channels * (gsize) snapshot->bands;
  const guint8 *keep = scmm_snapshot_keep_of (snapshot, view, sample);
  const float *x = snapshot->x_in + (gsize) sample * per;
  const float *x_hat = snapshot->x_hat + (gsize) sample * per;
  double sum[2] = { 0, 0 };
  int count[2] = { 0, 0 };

  for (gsize i = 0; i < per; i++)
    {
      double d = (double) x_hat[i] - (double) x[i];
      int kept = keep[i] != 0;

      sum[kept] += d * d;
      count[kept]++;
    }
  *masked_mse = count[0] > 0 ? sum[0] / count[0] : NAN;
  *kept_mse = count[1] > 0 ? sum[1] / count[1] : NAN;
  return count[0];
}

/* ---- drawing ---- */

static void
update_caption (ScmmReconstructionView *self,
                const ScmmSnapshot     *snapshot,
                int                     sample)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double masked_mse, kept_mse;
  int masked = scmm_reconstruction_errors (snapshot, 0, sample, &masked_mse, &kept_mse);
  double weight = snapshot->R[(gsize) sample * snapshot->n + snapshot->b + sample];

  if (masked > 0)
    g_string_append_printf (text, _("<b>Error of x̂ on the %d cells the masked view hid: %.4f</b> "
                                    "(mean squared)"),
                            masked, masked_mse);
  else
    g_string_append (text, _("<b>Nothing of this sample is masked</b>"));
  if (isfinite (kept_mse))
    g_string_append_printf (text, _(" · on the other cells: %.4f"), kept_mse);
  g_string_append_printf (text, _(" · batch loss L_R %.4f"), snapshot->loss_r);
  g_string_append (text, "\n");
  g_string_append_printf (text, _("x̂ is the decoder’s output for the original row, rebuilt from the "
                                  "other rows of the batch as the aggregator R weighs them: R gives "
                                  "the masked view %.3f (an even share would be %.3f). Grey cells "
                                  "were masked."),
                          weight, 1.0 / (snapshot->n - 1));

  scmm_snapshot_label_set (self->caption, text->str, TRUE);
}

static void
scmm_reconstruction_view_update (ScmmSnapshotView *view,
                                 ScmmSnapshot     *snapshot)
{
  ScmmReconstructionView *self = SCMM_RECONSTRUCTION_VIEW (view);
  gsize per = (gsize) snapshot->channels * (gsize) snapshot->bands;
  int sample = MIN (scmm_snapshot_view_get_selected (view), snapshot->b - 1);
  int masked_row = snapshot->b + sample;
  double lo = INFINITY, hi = -INFINITY;
  float *values[N_FIGURES];

  scmm_snapshot_spin_set_count (self->sample_spin, snapshot->b);
  if (self->values_size < N_FIGURES * per)
    {
      self->values = g_renew (float, self->values, N_FIGURES * per);
      self->values_size = N_FIGURES * per;
    }
  for (int i = 0; i < N_FIGURES; i++)
    values[i] = self->values + i * per;

  scmm_snapshot_sample_values (snapshot, snapshot->x_in, sample, NULL, values[FIGURE_ORIGINAL]);
  scmm_snapshot_sample_values (snapshot, snapshot->x_in, masked_row, scmm_snapshot_keep_of (snapshot, 0, sample),
                               values[FIGURE_MASKED]);
  scmm_snapshot_sample_values (snapshot, snapshot->x_hat, sample, NULL, values[FIGURE_RECONSTRUCTION]);

  /* One colour scale, so that a colour is a value in all three. */
  scmm_snapshot_extend_range (values[FIGURE_ORIGINAL], per, &lo, &hi);
  scmm_snapshot_extend_range (values[FIGURE_RECONSTRUCTION], per, &lo, &hi);

  for (int i = 0; i < N_FIGURES; i++)
    {
      scmm_snapshot_grid_figure_set (self->figures[i], snapshot, values[i], lo, hi, _("DE (normalised)"));
      scmm_figure_view_update (SCMM_FIGURE_VIEW (self->views[i]));
    }

  update_caption (self, snapshot, sample);
}

/* ---- GObject ---- */

static void
scmm_reconstruction_view_finalize (GObject *object)
{
  ScmmReconstructionView *self = SCMM_RECONSTRUCTION_VIEW (object);

  for (int i = 0; i < N_FIGURES; i++)
    g_clear_pointer (&self->figures[i], scmm_figure_unref);
  g_clear_pointer (&self->values, g_free);

  G_OBJECT_CLASS (scmm_reconstruction_view_parent_class)->finalize (object);
}

static void
scmm_reconstruction_view_class_init (ScmmReconstructionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ScmmSnapshotViewClass *view_class = SCMM_SNAPSHOT_VIEW_CLASS (klass);

  object_class->finalize = scmm_reconstruction_view_finalize;
  view_class->update = scmm_reconstruction_view_update;
}

static void
scmm_reconstruction_view_init (ScmmReconstructionView *self)
{
  const char *titles[N_FIGURES] = { _("Original x"), _("Masked x"), _("Reconstruction x̂") };
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *figures_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_append (GTK_BOX (content),
                  scmm_snapshot_header_new (_("_Sample"), _("The sample of the batch whose reconstruction is shown"),
                                            &self->sample_spin, &self->caption));

  gtk_box_set_homogeneous (GTK_BOX (figures_box), TRUE);
  gtk_widget_set_vexpand (figures_box, TRUE);
  for (int i = 0; i < N_FIGURES; i++)
    {
      self->figures[i] = scmm_snapshot_grid_figure_new (titles[i]);
      self->views[i] = scmm_snapshot_figure_view_new (self->figures[i]);
      gtk_box_append (GTK_BOX (figures_box), self->views[i]);
    }
  gtk_box_append (GTK_BOX (content), figures_box);

  scmm_snapshot_view_set_selector (SCMM_SNAPSHOT_VIEW (self), self->sample_spin);

  scmm_snapshot_view_set_content (SCMM_SNAPSHOT_VIEW (self), content);
  scmm_snapshot_view_set_placeholder_text (SCMM_SNAPSHOT_VIEW (self),
                                           _("Each sample, its masked view and the decoder’s reconstruction "
                                             "show here at the first snapshot of pre-training."));
}
