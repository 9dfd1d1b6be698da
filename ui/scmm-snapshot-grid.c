/* scmm-snapshot-grid.c: one sample of a snapshot as a channels x bands grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <glib/gi18n.h>

#include "scmm-figure-view.h"
#include "scmm-snapshot-grid.h"

/* The five DE bands of SCMM-METHOD.md §1. */
static const char *const five_bands[] = { "δ", "θ", "α", "β", "γ", NULL };

const char *const *
scmm_snapshot_band_labels (int bands)
{
  static GStrv numbered[16];

  if (bands == 5)
    return five_bands;
  if (bands < 1 || bands > (int) G_N_ELEMENTS (numbered))
    return NULL;

  if (g_once_init_enter (&numbered[bands - 1]))
    {
      GStrv labels = g_new0 (char *, bands + 1);

      for (int f = 0; f < bands; f++)
        labels[f] = g_strdup_printf ("%d", f + 1);
      g_once_init_leave (&numbered[bands - 1], labels);
    }
  return (const char *const *) numbered[bands - 1];
}

void
scmm_snapshot_sample_values (const ScmmSnapshot *snapshot,
                             const float        *rows,
                             int                 row,
                             const guint8       *keep,
                             float              *out)
{
  gsize per = (gsize) snapshot->channels * (gsize) snapshot->bands;
  const float *in = rows + (gsize) row * per;

  g_return_if_fail (row >= 0 && row < snapshot->n);

  for (gsize i = 0; i < per; i++)
    out[i] = keep != NULL && keep[i] == 0 ? NAN : in[i];
}

const guint8 *
scmm_snapshot_keep_of (const ScmmSnapshot *snapshot,
                       int                 view,
                       int                 sample)
{
  gsize per = (gsize) snapshot->channels * (gsize) snapshot->bands;

  g_return_val_if_fail (view >= 0 && view < snapshot->views, NULL);
  g_return_val_if_fail (sample >= 0 && sample < snapshot->b, NULL);

  return snapshot->keep + ((gsize) view * (gsize) snapshot->b + (gsize) sample) * per;
}

double
scmm_snapshot_masked_fraction (const guint8 *keep,
                               gsize         n)
{
  gsize masked = 0;

  for (gsize i = 0; i < n; i++)
    masked += keep[i] == 0;
  return n > 0 ? (double) masked / (double) n : 0;
}

int
scmm_snapshot_masked_channels (const guint8 *keep,
                               int           channels,
                               int           bands)
{
  int whole = 0;

  for (int c = 0; c < channels; c++)
    {
      gboolean all = TRUE;

      for (int f = 0; f < bands && all; f++)
        all = keep[c * bands + f] == 0;
      whole += all;
    }
  return whole;
}

void
scmm_snapshot_extend_range (const float *values,
                            gsize        n,
                            double      *lo,
                            double      *hi)
{
  for (gsize i = 0; i < n; i++)
    if (isfinite (values[i]))
      {
        *lo = MIN (*lo, values[i]);
        *hi = MAX (*hi, values[i]);
      }
}

ScmmFigure *
scmm_snapshot_grid_figure_new (const char *title)
{
  ScmmFigure *figure = scmm_figure_new (title);

  scmm_figure_set_axis_labels (figure, _("band"), _("channel"));
  return figure;
}

void
scmm_snapshot_grid_figure_set (ScmmFigure         *figure,
                               const ScmmSnapshot *snapshot,
                               const float        *values,
                               double              lo,
                               double              hi,
                               const char         *colorbar_label)
{
  g_auto(GStrv) channels = g_new0 (char *, snapshot->channels + 1);

  /* Channels by number, from 1 as the corpora count them. */
  for (int c = 0; c < snapshot->channels; c++)
    channels[c] = g_strdup_printf ("%d", c + 1);

  if (!(hi > lo))
    {
      lo = NAN;
      hi = NAN;
    }
  scmm_figure_set_heatmap (figure, values, snapshot->channels, snapshot->bands,
                           SCMM_COLORMAP_VIRIDIS, lo, hi, colorbar_label);
  scmm_figure_set_heatmap_labels (figure, (const char *const *) channels,
                                  scmm_snapshot_band_labels (snapshot->bands));
}

GtkWidget *
scmm_snapshot_figure_view_new (ScmmFigure *figure)
{
  GtkWidget *view = scmm_figure_view_new ();

  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_vexpand (view, TRUE);
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  return view;
}

GtkWidget *
scmm_snapshot_spin_box_new (const char     *label,
                            const char     *tooltip,
                            GtkSpinButton **spin)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_label_new_with_mnemonic (label);
  GtkWidget *button = gtk_spin_button_new_with_range (0, 0, 1);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (button), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (button), 4);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text), button);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), button);

  *spin = GTK_SPIN_BUTTON (button);
  return box;
}

void
scmm_snapshot_spin_set_count (GtkSpinButton *spin,
                              int            n)
{
  double lo, hi;

  gtk_spin_button_get_range (spin, &lo, &hi);
  if (lo != 0 || hi != MAX (n - 1, 0))
    gtk_spin_button_set_range (spin, 0, MAX (n - 1, 0));
}

void
scmm_snapshot_label_set (GtkLabel   *label,
                         const char *text,
                         gboolean    markup)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) == 0 && gtk_label_get_use_markup (label) == markup)
    return;
  if (markup)
    gtk_label_set_markup (label, text);
  else
    gtk_label_set_text (label, text);
}

GtkWidget *
scmm_snapshot_caption_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

GtkWidget *
scmm_snapshot_header_new (const char     *spin_label,
                          const char     *spin_tooltip,
                          GtkSpinButton **spin,
                          GtkLabel      **caption)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *spin_box = scmm_snapshot_spin_box_new (spin_label, spin_tooltip, spin);
  GtkWidget *label = scmm_snapshot_caption_new ();

  gtk_widget_set_valign (spin_box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (header), spin_box);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (header), label);

  *caption = GTK_LABEL (label);
  return header;
}
