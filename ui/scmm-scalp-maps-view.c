/* scmm-scalp-maps-view.c: DE scalp maps, one per band, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interpolation (ScmmTopomap: a [cells, electrodes] matrix) is made once
 * per set of channels; each update then costs one matrix-vector product per
 * band. A class' mean is computed the first time it is asked for and kept
 * until the corpus changes. The maps share one row, so the view asks for a
 * height that follows its width (square maps), not the figures' natural
 * height: the page gives the rest to what is above it.
 */

#include "scmm-build-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "scmm-band-values.h"
#include "scmm-figure-view.h"
#include "scmm-placeholder.h"
#include "scmm-scalp-maps-view.h"
#include "scmm-snapshot-grid.h"
#include "scmm-topomap.h"

/* Cells across a map: a 200-pixel map shows no steps at this resolution. */
#define GRID          128
#define SPACING       10
/* A map figure's height for its width: the map is square, with the
 * colorbar and its labels beside it (about this wide) and the title above
 * (about this tall). */
#define COLORBAR_ROOM 62
#define TITLE_ROOM    36
#define MAX_MAP_HEIGHT   300

static const char *const band_names[SCMM_DE_BANDS] = {
  N_("delta"), N_("theta"), N_("alpha"), N_("beta"), N_("gamma"),
};

struct _ScmmScalpMapsView
{
  GtkWidget          parent_instance;

  /* Widgets */
  GtkWidget         *box;
  GtkWidget         *controls;
  GtkLabel          *heading;
  GtkDropDown       *mode_dropdown;
  GtkStringList     *mode_names;
  GtkWidget         *show_label;
  GtkWidget         *window_scale;
  GtkWidget         *window_spin;
  GtkAdjustment     *window_adjustment;
  GtkWidget         *shared_check;
  GtkStack          *stack;
  GtkLabel          *placeholder_title;
  GtkLabel          *placeholder_text;
  GtkLabel          *skipped_label;
  ScmmFigureView    *views[SCMM_DE_BANDS];
  ScmmFigure        *figures[SCMM_DE_BANDS];

  /* The corpus (borrowed) and its interpolation */
  const ScmmCorpus  *corpus;
  const ScmmTrial   *trial;
  ScmmTopomap       *topomap;       /* NULL: no positions (placeholder_text says why) */
  GStrv              topomap_channels;
  char              *topomap_error;
  double            *electrode_xy;  /* [E, 2] in the figure's coordinates */
  char             **electrode_names; /* [E + 1] */
  float             *class_means;   /* [classes, bands, channels], NAN until computed */
  gint64            *class_windows; /* [classes], -1 until computed */

  /* What is shown */
  int                window;
  int                label;         /* -1: the window */
  gboolean           shared_scale;
  gboolean           syncing;       /* the controls are being set from code */

  float             *grids;         /* [bands, GRID, GRID] */
  float             *values;        /* [channels] */
  float             *electrode_values; /* [bands, E] */
};

G_DEFINE_FINAL_TYPE (ScmmScalpMapsView, scmm_scalp_maps_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WINDOW,
  PROP_LABEL,
  PROP_SHARED_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
scmm_scalp_maps_view_new (void)
{
  return g_object_new (SCMM_TYPE_SCALP_MAPS_VIEW, NULL);
}

static int
n_bands (ScmmScalpMapsView *self)
{
  return self->corpus != NULL ? MIN (self->corpus->n_bands, SCMM_DE_BANDS) : SCMM_DE_BANDS;
}

/* ---- the interpolation, once per set of channels ---- */

static void
clear_class_means (ScmmScalpMapsView *self)
{
  g_clear_pointer (&self->class_means, g_free);
  g_clear_pointer (&self->class_windows, g_free);
}

static void
clear_topomap (ScmmScalpMapsView *self)
{
  g_clear_pointer (&self->topomap, scmm_topomap_free);
  g_clear_pointer (&self->topomap_channels, g_strfreev);
  g_clear_pointer (&self->topomap_error, g_free);
  g_clear_pointer (&self->electrode_xy, g_free);
  g_clear_pointer (&self->electrode_names, g_strfreev);
  g_clear_pointer (&self->electrode_values, g_free);
}

/* The head cartoon, in the figure's coordinates (the map disc's radius is 1). */
static void
set_outline (ScmmFigure *figure,
             double      radius)
{
  const ScmmHeadOutline *outline = scmm_topomap_head_outline ();
  const ScmmPolyline *lines[] = { &outline->head, &outline->nose, &outline->left_ear,
                                  &outline->right_ear };
  int n_points[G_N_ELEMENTS (lines)];
  int total = 0, at = 0;
  g_autofree double *xy = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (lines); k++)
    total += n_points[k] = lines[k]->n_points;
  xy = g_new (double, 2 * (gsize) total);
  for (guint k = 0; k < G_N_ELEMENTS (lines); k++)
    for (int i = 0; i < 2 * lines[k]->n_points; i++)
      xy[at++] = lines[k]->xy[i] / radius;

  scmm_figure_set_scalp_outline (figure, xy, n_points, G_N_ELEMENTS (lines));
}

static void
build_topomap (ScmmScalpMapsView *self)
{
  const ScmmCorpus *corpus = self->corpus;
  g_autoptr(GError) error = NULL;
  ScmmTopomap *map;

  if (self->topomap_channels != NULL
      && g_strv_equal ((const char *const *) self->topomap_channels,
                       (const char *const *) corpus->channel_names))
    return;

  clear_topomap (self);
  self->topomap_channels = g_strdupv (corpus->channel_names);
  map = scmm_topomap_new ((const char *const *) corpus->channel_names, corpus->n_channels, GRID,
                          &error);
  if (map == NULL)
    {
      self->topomap_error = g_strdup (error->message);
      return;
    }

  self->topomap = map;
  self->electrode_xy = g_new (double, 2 * (gsize) map->n_electrodes);
  self->electrode_names = g_new0 (char *, (gsize) map->n_electrodes + 1);
  self->electrode_values = g_new (float, (gsize) SCMM_DE_BANDS * map->n_electrodes);
  for (int e = 0; e < map->n_electrodes; e++)
    {
      self->electrode_xy[2 * e] = map->electrode_xy[2 * e] / map->radius;
      self->electrode_xy[2 * e + 1] = map->electrode_xy[2 * e + 1] / map->radius;
      self->electrode_names[e] = g_strdup (corpus->channel_names[map->electrode_channel[e]]);
    }
  for (int b = 0; b < SCMM_DE_BANDS; b++)
    set_outline (self->figures[b], map->radius);
}

/* ---- the values of a band ---- */

static gboolean
class_band_values (ScmmScalpMapsView *self,
                   int                band,
                   GError           **error)
{
  const ScmmCorpus *corpus = self->corpus;
  const gsize C = (gsize) corpus->n_channels, F = (gsize) corpus->n_bands;
  float *cached;

  if (self->class_means == NULL)
    {
      self->class_means = g_new (float, (gsize) corpus->n_classes * F * C);
      self->class_windows = g_new (gint64, corpus->n_classes);
      for (gsize i = 0; i < (gsize) corpus->n_classes * F * C; i++)
        self->class_means[i] = NAN;
      for (int k = 0; k < corpus->n_classes; k++)
        self->class_windows[k] = -1;
    }

  cached = self->class_means + ((gsize) self->label * F + (gsize) band) * C;
  if (isnan (cached[0])
      && !scmm_band_values_class_mean (corpus, self->label, band, cached,
                                       &self->class_windows[self->label], error))
    return FALSE;

  memcpy (self->values, cached, C * sizeof (float));
  return TRUE;
}

static gboolean
band_values (ScmmScalpMapsView *self,
             int                band,
             GError           **error)
{
  if (self->label >= 0)
    return class_band_values (self, band, error);
  return scmm_band_values_window (self->corpus, self->trial, self->window, band, self->values, error);
}

/* ---- showing ---- */

static void
show_placeholder (ScmmScalpMapsView *self,
                  const char        *title,
                  const char        *text)
{
  gtk_label_set_label (self->placeholder_title, title);
  gtk_label_set_label (self->placeholder_text, text);
  gtk_stack_set_visible_child_name (self->stack, "none");
  gtk_widget_set_sensitive (self->controls, FALSE);
  gtk_label_set_markup (self->heading, _("<b>Scalp Maps</b>"));
}

static char *
band_title (const ScmmCorpus *corpus,
            int               band)
{
  return g_strdup_printf (_("%s, %g–%g Hz"), _(band_names[band]), corpus->bands[band].low_hz,
                          corpus->bands[band].high_hz);
}

/* "Scalp Maps  Trial 7 · window 12 of 0–39 (48–52 s)" or "… mean of 2,990 “sad”
 * windows". Windows count from 0, as the spin button and the heatmap's axis
 * do: "window 0 of 40" would read as a window before the first. */
static void
update_heading (ScmmScalpMapsView *self)
{
  const ScmmCorpus *corpus = self->corpus;
  g_autofree char *details = NULL;
  g_autofree char *markup = NULL;

  if (self->label >= 0)
    {
      gint64 windows = self->class_windows != NULL ? self->class_windows[self->label] : -1;
      g_autofree char *count = g_strdup_printf ("%'" G_GINT64_FORMAT, MAX (windows, 0));

      details = g_strdup_printf (g_dngettext (NULL, "mean of %s “%s” window", "mean of %s “%s” windows",
                                              (gulong) MAX (windows, 0)),
                                 count, corpus->class_names[self->label]);
    }
  else
    {
      double start = self->window * corpus->window_s;

      details = g_strdup_printf (_("Trial %s · window %d of 0–%d (%g–%g s)"), self->trial->name,
                                 self->window, self->trial->windows - 1, start, start + corpus->window_s);
    }

  markup = g_markup_printf_escaped ("<b>%s</b>   <span alpha=\"65%%\">%s</span>", _("Scalp Maps"),
                                    details);
  gtk_label_set_markup (self->heading, markup);
}

static void
update_maps (ScmmScalpMapsView *self)
{
  const gsize cells = (gsize) GRID * GRID;
  const int F = n_bands (self);
  double vmin = NAN, vmax = NAN;
  int E;

  if (self->corpus == NULL)
    {
      show_placeholder (self, _("No Corpus"), _("Open a corpus to see its scalp maps."));
      return;
    }
  if (self->topomap == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("This corpus’ channels cannot be placed on a "
                                                 "scalp map: %s."), self->topomap_error);
      show_placeholder (self, _("No Electrode Positions"), text);
      return;
    }
  E = self->topomap->n_electrodes;
  if (self->label < 0 && self->trial == NULL)
    {
      show_placeholder (self, _("No Trial Selected"),
                        self->corpus->n_classes > 0
                        ? _("Select a trial to map its windows, or show a class’ mean.")
                        : _("Select a trial to map its windows."));
      gtk_widget_set_sensitive (self->controls, TRUE);
      return;
    }
  if (self->label < 0 && self->trial->windows == 0)
    {
      show_placeholder (self, _("No Window"),
                        _("The selected trial has no window to map. Choose another trial, or a class."));
      gtk_widget_set_sensitive (self->controls, TRUE);
      return;
    }

  for (int b = 0; b < F; b++)
    {
      g_autoptr(GError) error = NULL;

      if (!band_values (self, b, &error))
        {
          show_placeholder (self, _("Nothing to Map"), error->message);
          gtk_widget_set_sensitive (self->controls, TRUE);
          return;
        }
      scmm_topomap_render (self->topomap, self->values, self->grids + (gsize) b * cells);
      /* The electrodes' own values, for the tooltip. */
      for (int e = 0; e < E; e++)
        self->electrode_values[b * E + e] = self->values[self->topomap->electrode_channel[e]];
    }

  if (self->shared_scale)
    {
      vmin = INFINITY;
      vmax = -INFINITY;
      scmm_snapshot_extend_range (self->grids, (gsize) F * cells, &vmin, &vmax);
      if (!(vmin <= vmax))
        vmin = vmax = NAN;
    }

  for (int b = 0; b < F; b++)
    {
      g_autofree char *title = band_title (self->corpus, b);

      scmm_figure_set_title (self->figures[b], title);
      scmm_figure_set_scalp_map (self->figures[b], self->grids + (gsize) b * cells, GRID, vmin, vmax,
                                 SCMM_COLORMAP_VIRIDIS, _("DE (nats)"));
      scmm_figure_set_scalp_electrodes (self->figures[b], self->electrode_xy,
                                        (const char *const *) self->electrode_names,
                                        self->electrode_values + b * E, E);
      if (scmm_figure_view_get_figure (self->views[b]) != self->figures[b])
        scmm_figure_view_set_figure (self->views[b], self->figures[b]);
      scmm_figure_view_update (self->views[b]);
    }

  gtk_widget_set_sensitive (self->controls, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "maps");
  update_heading (self);
}

/* The controls follow the state (from code or from themselves). */
static void
sync_controls (ScmmScalpMapsView *self)
{
  int windows = self->trial != NULL ? self->trial->windows : 0;
  gboolean window_mode = self->label < 0;

  self->syncing = TRUE;
  gtk_adjustment_configure (self->window_adjustment, self->window, 0, MAX (windows - 1, 0), 1, 10, 0);
  gtk_drop_down_set_selected (self->mode_dropdown, (guint) (self->label + 1));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->shared_check), self->shared_scale);
  self->syncing = FALSE;

  gtk_widget_set_sensitive (self->window_scale, window_mode && windows > 1);
  gtk_widget_set_sensitive (self->window_spin, window_mode && windows > 1);
}

static void
update (ScmmScalpMapsView *self)
{
  sync_controls (self);
  update_maps (self);
}

/* ---- the public setters ---- */

static void
fill_mode_names (ScmmScalpMapsView *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_add (names, (gpointer) _("Window"));
  for (int k = 0; self->corpus != NULL && k < self->corpus->n_classes; k++)
    g_ptr_array_add (names, self->corpus->class_names[k]);
  g_ptr_array_add (names, NULL);

  self->syncing = TRUE;
  gtk_string_list_splice (self->mode_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->mode_names)),
                          (const char *const *) names->pdata);
  self->syncing = FALSE;
}

void
scmm_scalp_maps_view_set_corpus (ScmmScalpMapsView *self,
                                 const ScmmCorpus  *corpus)
{
  g_return_if_fail (SCMM_IS_SCALP_MAPS_VIEW (self));

  self->corpus = corpus;
  self->trial = NULL;
  if (self->window != 0)
    {
      self->window = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW]);
    }
  clear_class_means (self);
  g_clear_pointer (&self->values, g_free);
  if (self->label >= 0)
    {
      self->label = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
    }

  if (corpus != NULL)
    {
      self->values = g_new (float, MAX (corpus->n_channels, 1));
      build_topomap (self);
    }
  for (int b = 0; b < SCMM_DE_BANDS; b++)
    gtk_widget_set_visible (GTK_WIDGET (self->views[b]), b < n_bands (self));

  fill_mode_names (self);
  gtk_widget_set_visible (GTK_WIDGET (self->mode_dropdown), corpus != NULL && corpus->n_classes > 0);
  gtk_widget_set_visible (self->show_label, corpus != NULL && corpus->n_classes > 0);
  if (self->topomap != NULL && self->topomap->skipped[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", self->topomap->skipped);
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "Not on the maps (no known position): %s",
                                                            "Not on the maps (no known positions): %s",
                                                            g_strv_length (self->topomap->skipped)),
                                               list);
      gtk_label_set_label (self->skipped_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->skipped_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->skipped_label), FALSE);

  update (self);
}

void
scmm_scalp_maps_view_set_trial (ScmmScalpMapsView *self,
                                const ScmmTrial   *trial)
{
  int window;

  g_return_if_fail (SCMM_IS_SCALP_MAPS_VIEW (self));
  g_return_if_fail (trial == NULL || self->corpus != NULL);

  self->trial = trial;
  window = trial != NULL ? CLAMP (self->window, 0, MAX (trial->windows - 1, 0)) : 0;
  if (window != self->window)
    {
      self->window = window;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW]);
    }
  update (self);
}

void
scmm_scalp_maps_view_set_window (ScmmScalpMapsView *self,
                                 int                window)
{
  g_return_if_fail (SCMM_IS_SCALP_MAPS_VIEW (self));

  window = self->trial != NULL ? CLAMP (window, 0, MAX (self->trial->windows - 1, 0)) : 0;
  if (window == self->window)
    return;

  self->window = window;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW]);
}

int
scmm_scalp_maps_view_get_window (ScmmScalpMapsView *self)
{
  g_return_val_if_fail (SCMM_IS_SCALP_MAPS_VIEW (self), 0);
  return self->window;
}

void
scmm_scalp_maps_view_set_label (ScmmScalpMapsView *self,
                                int                label)
{
  int classes = self->corpus != NULL ? self->corpus->n_classes : 0;

  g_return_if_fail (SCMM_IS_SCALP_MAPS_VIEW (self));

  label = label >= 0 && label < classes ? label : -1;
  if (label == self->label)
    return;

  self->label = label;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

int
scmm_scalp_maps_view_get_label (ScmmScalpMapsView *self)
{
  g_return_val_if_fail (SCMM_IS_SCALP_MAPS_VIEW (self), -1);
  return self->label;
}

void
scmm_scalp_maps_view_set_shared_scale (ScmmScalpMapsView *self,
                                       gboolean           shared)
{
  g_return_if_fail (SCMM_IS_SCALP_MAPS_VIEW (self));

  shared = !!shared;
  if (shared == self->shared_scale)
    return;

  self->shared_scale = shared;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARED_SCALE]);
}

gboolean
scmm_scalp_maps_view_has_maps (ScmmScalpMapsView *self)
{
  g_return_val_if_fail (SCMM_IS_SCALP_MAPS_VIEW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "maps") == 0;
}

ScmmFigure *
scmm_scalp_maps_view_get_figure (ScmmScalpMapsView *self,
                                 int                band)
{
  g_return_val_if_fail (SCMM_IS_SCALP_MAPS_VIEW (self), NULL);

  if (band < 0 || band >= n_bands (self))
    return NULL;
  return self->figures[band];
}

/* ---- the controls ---- */

static void
window_changed (ScmmScalpMapsView *self,
                GtkAdjustment     *adjustment)
{
  if (!self->syncing)
    scmm_scalp_maps_view_set_window (self, (int) lround (gtk_adjustment_get_value (adjustment)));
}

static void
mode_changed (ScmmScalpMapsView *self,
              GParamSpec        *pspec,
              GtkDropDown       *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (!self->syncing && selected != GTK_INVALID_LIST_POSITION)
    scmm_scalp_maps_view_set_label (self, (int) selected - 1);
}

static void
shared_toggled (ScmmScalpMapsView *self,
                GtkCheckButton    *check)
{
  if (!self->syncing)
    scmm_scalp_maps_view_set_shared_scale (self, gtk_check_button_get_active (check));
}

static GtkWidget *
build_controls (ScmmScalpMapsView *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (heading, TRUE);
  self->heading = GTK_LABEL (heading);

  self->mode_names = gtk_string_list_new (NULL);
  self->mode_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->mode_names)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mode_dropdown),
                               _("One window of the selected trial, or a class’ mean over every window of the corpus"));
  g_signal_connect_object (self->mode_dropdown, "notify::selected", G_CALLBACK (mode_changed), self,
                           G_CONNECT_SWAPPED);

  self->show_label = gtk_label_new_with_mnemonic (_("_Show"));
  gtk_widget_add_css_class (self->show_label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->show_label), GTK_WIDGET (self->mode_dropdown));
  self->window_adjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 1, 10, 0));
  self->window_scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->window_adjustment);
  gtk_scale_set_draw_value (GTK_SCALE (self->window_scale), FALSE);
  gtk_widget_set_size_request (self->window_scale, 220, -1);
  gtk_widget_set_tooltip_text (self->window_scale, _("The window of the selected trial"));
  self->window_spin = gtk_spin_button_new (self->window_adjustment, 1, 0);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->window_spin), TRUE);
  gtk_widget_set_tooltip_text (self->window_spin, _("The window of the selected trial, from 0"));
  g_signal_connect_object (self->window_adjustment, "value-changed", G_CALLBACK (window_changed), self,
                           G_CONNECT_SWAPPED);

  self->shared_check = gtk_check_button_new_with_mnemonic (_("_Same colour scale for all bands"));
  gtk_widget_set_tooltip_text (self->shared_check,
                               _("One colour scale compares the bands; one per band shows each band’s own pattern"));
  g_signal_connect_object (self->shared_check, "toggled", G_CALLBACK (shared_toggled), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (row), heading);
  gtk_box_append (GTK_BOX (row), self->show_label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->mode_dropdown));
  gtk_box_append (GTK_BOX (row), self->window_scale);
  gtk_box_append (GTK_BOX (row), self->window_spin);
  gtk_box_append (GTK_BOX (row), self->shared_check);
  return row;
}

/* ---- size: a height that follows the width ---- */

static GtkSizeRequestMode
scmm_scalp_maps_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
scmm_scalp_maps_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  ScmmScalpMapsView *self = SCMM_SCALP_MAPS_VIEW (widget);
  int width, controls_min, controls_natural, maps;

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation != GTK_ORIENTATION_VERTICAL || !scmm_scalp_maps_view_has_maps (self))
    return;

  /* The figures' own natural height is a free-standing figure's: here the
   * row of square maps decides. */
  if (for_size < 0)
    gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  else
    width = for_size;
  gtk_widget_measure (self->controls, GTK_ORIENTATION_VERTICAL, width, &controls_min, &controls_natural,
                      NULL, NULL);
  maps = MIN ((width - SPACING * (n_bands (self) - 1)) / n_bands (self) - COLORBAR_ROOM + TITLE_ROOM,
              MAX_MAP_HEIGHT);
  if (gtk_widget_get_visible (GTK_WIDGET (self->skipped_label)))
    {
      int skipped_min, skipped_natural;

      gtk_widget_measure (GTK_WIDGET (self->skipped_label), GTK_ORIENTATION_VERTICAL, width,
                          &skipped_min, &skipped_natural, NULL, NULL);
      maps += skipped_natural + SPACING;
    }
  *natural = MAX (*minimum, controls_natural + SPACING + maps);
}

static void
scmm_scalp_maps_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  gtk_widget_allocate (SCMM_SCALP_MAPS_VIEW (widget)->box, width, height, baseline, NULL);
}

/* ---- GObject ---- */

static void
scmm_scalp_maps_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ScmmScalpMapsView *self = SCMM_SCALP_MAPS_VIEW (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_int (value, self->window);
      break;

    case PROP_LABEL:
      g_value_set_int (value, self->label);
      break;

    case PROP_SHARED_SCALE:
      g_value_set_boolean (value, self->shared_scale);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_scalp_maps_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ScmmScalpMapsView *self = SCMM_SCALP_MAPS_VIEW (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      scmm_scalp_maps_view_set_window (self, g_value_get_int (value));
      break;

    case PROP_LABEL:
      scmm_scalp_maps_view_set_label (self, g_value_get_int (value));
      break;

    case PROP_SHARED_SCALE:
      scmm_scalp_maps_view_set_shared_scale (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_scalp_maps_view_dispose (GObject *object)
{
  ScmmScalpMapsView *self = SCMM_SCALP_MAPS_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->corpus = NULL;
  self->trial = NULL;

  G_OBJECT_CLASS (scmm_scalp_maps_view_parent_class)->dispose (object);
}

static void
scmm_scalp_maps_view_finalize (GObject *object)
{
  ScmmScalpMapsView *self = SCMM_SCALP_MAPS_VIEW (object);

  for (int b = 0; b < SCMM_DE_BANDS; b++)
    g_clear_pointer (&self->figures[b], scmm_figure_unref);
  g_clear_object (&self->mode_names);
  g_clear_object (&self->window_adjustment);
  clear_topomap (self);
  clear_class_means (self);
  g_free (self->grids);
  g_free (self->values);

  G_OBJECT_CLASS (scmm_scalp_maps_view_parent_class)->finalize (object);
}

static void
scmm_scalp_maps_view_class_init (ScmmScalpMapsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = scmm_scalp_maps_view_get_property;
  object_class->set_property = scmm_scalp_maps_view_set_property;
  object_class->dispose = scmm_scalp_maps_view_dispose;
  object_class->finalize = scmm_scalp_maps_view_finalize;

  widget_class->get_request_mode = scmm_scalp_maps_view_get_request_mode;
  widget_class->measure = scmm_scalp_maps_view_measure;
  widget_class->size_allocate = scmm_scalp_maps_view_size_allocate;

  /**
   * ScmmScalpMapsView:window:
   *
   * The window of the trial shown when #ScmmScalpMapsView:label is -1.
   */
  properties[PROP_WINDOW] =
    g_param_spec_int ("window", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ScmmScalpMapsView:label:
   *
   * -1: the maps show the window; a class index: that class' mean.
   */
  properties[PROP_LABEL] =
    g_param_spec_int ("label", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ScmmScalpMapsView:shared-scale:
   *
   * Whether the bands share one colour scale.
   */
  properties[PROP_SHARED_SCALE] =
    g_param_spec_boolean ("shared-scale", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "scmm-scalp-maps");
}

static void
scmm_scalp_maps_view_init (ScmmScalpMapsView *self)
{
  GtkWidget *maps_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, SPACING);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, SPACING);
  GtkWidget *skipped = gtk_label_new (NULL);

  self->label = -1;
  self->shared_scale = FALSE;   /* each band its own: its pattern shows */
  self->grids = g_new (float, (gsize) SCMM_DE_BANDS * GRID * GRID);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, SPACING);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->controls = build_controls (self);
  gtk_box_append (GTK_BOX (self->box), self->controls);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_widget_set_vexpand (row, TRUE);
  for (int b = 0; b < SCMM_DE_BANDS; b++)
    {
      self->figures[b] = scmm_figure_new (NULL);
      self->views[b] = SCMM_FIGURE_VIEW (scmm_figure_view_new ());
      gtk_widget_set_hexpand (GTK_WIDGET (self->views[b]), TRUE);
      gtk_widget_set_vexpand (GTK_WIDGET (self->views[b]), TRUE);
      gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->views[b]));
    }
  gtk_label_set_xalign (GTK_LABEL (skipped), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (skipped), TRUE);
  gtk_widget_add_css_class (skipped, "caption");
  gtk_widget_add_css_class (skipped, "dim-label");
  gtk_widget_set_visible (skipped, FALSE);
  self->skipped_label = GTK_LABEL (skipped);
  gtk_box_append (GTK_BOX (maps_page), row);
  gtk_box_append (GTK_BOX (maps_page), skipped);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, maps_page, "maps");
  gtk_stack_add_named (self->stack,
                       scmm_placeholder_new ("dialog-information-symbolic", &self->placeholder_title, &self->placeholder_text),
                       "none");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));

  update (self);
}
