/* scmm-similarity-view.c: S, W and R of a pre-training batch
 *
 * The heatmap shows one N x N matrix with the blocks of rows and columns
 * outlined (originals, then each masked view) and the selected row
 * highlighted. S is raw dot products (z is not normalised, SCMM-METHOD.md
 * §4): its diagonal, |z_i|², ranges over an order of magnitude and its
 * scale drifts as training goes, so the heatmap shows it as a cosine,
 * S_ij / sqrt(S_ii S_jj), on a fixed diverging scale [-1, 1] (the tables
 * give the raw values too). W and R are weights, viridis over [0, max]. The bar chart beside it always shows
 * the selected row of W, the targets L_C pulls S towards, its positive pairs
 * highlighted; under it the row's strongest neighbours in S say whether the
 * encoder already finds the positive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <glib/gi18n.h>

#include "scmm-figure-view.h"
#include "scmm-similarity-view.h"
#include "scmm-snapshot-grid.h"

enum {
  COLUMN_ROW,
  COLUMN_S,
  COLUMN_COSINE,
  COLUMN_KIND,
  COLUMN_CLASS,
  N_COLUMNS
};

struct _ScmmSimilarityView
{
  ScmmSnapshotView parent_instance;

  GtkToggleButton *matrix_buttons[3];
  GtkSpinButton   *row_spin;
  GtkLabel        *caption;
  ScmmFigure      *heatmap;
  GtkWidget       *heatmap_view;
  ScmmFigure      *bars;
  GtkWidget       *bars_view;
  GtkLabel        *neighbours_heading;
  GtkLabel        *headings[N_COLUMNS];
  GtkLabel        *cells[SCMM_SIMILARITY_NEIGHBOURS][N_COLUMNS];

  ScmmSimilarityMatrix matrix;
  int              blocks_n, blocks_b;   /* the shape the rects were drawn for */
  double          *row_values;           /* [N] */
  int              row_values_size;
  float           *cosine;               /* [N, N] */
  gsize            cosine_size;
};

G_DEFINE_FINAL_TYPE (ScmmSimilarityView, scmm_similarity_view, SCMM_TYPE_SNAPSHOT_VIEW)

GtkWidget *
scmm_similarity_view_new (void)
{
  return g_object_new (SCMM_TYPE_SIMILARITY_VIEW, NULL);
}

void
scmm_similarity_view_set_snapshot (ScmmSimilarityView *view,
                                   ScmmSnapshot       *snapshot)
{
  g_return_if_fail (SCMM_IS_SIMILARITY_VIEW (view));

  scmm_snapshot_view_set_snapshot (SCMM_SNAPSHOT_VIEW (view), snapshot);
}

void
scmm_similarity_view_set_matrix (ScmmSimilarityView   *view,
                                 ScmmSimilarityMatrix  matrix)
{
  g_return_if_fail (SCMM_IS_SIMILARITY_VIEW (view));
  g_return_if_fail (matrix <= SCMM_SIMILARITY_R);

  if (!gtk_toggle_button_get_active (view->matrix_buttons[matrix]))
    gtk_toggle_button_set_active (view->matrix_buttons[matrix], TRUE);
  if (view->matrix == matrix)
    return;

  view->matrix = matrix;
  scmm_snapshot_view_queue_update (SCMM_SNAPSHOT_VIEW (view));
}

ScmmSimilarityMatrix
scmm_similarity_view_get_matrix (ScmmSimilarityView *view)
{
  g_return_val_if_fail (SCMM_IS_SIMILARITY_VIEW (view), SCMM_SIMILARITY_S);

  return view->matrix;
}

void
scmm_similarity_view_set_row (ScmmSimilarityView *view,
                              int                 row)
{
  g_return_if_fail (SCMM_IS_SIMILARITY_VIEW (view));

  scmm_snapshot_view_set_selected (SCMM_SNAPSHOT_VIEW (view), row);
}

int
scmm_similarity_view_get_row (ScmmSimilarityView *view)
{
  g_return_val_if_fail (SCMM_IS_SIMILARITY_VIEW (view), 0);

  return scmm_snapshot_view_get_selected (SCMM_SNAPSHOT_VIEW (view));
}

/* ---- the rows' relations ---- */

int
scmm_similarity_positives (const ScmmSnapshot *snapshot,
                           int                 row,
                           int                *positives)
{
  int count = 0;

  g_return_val_if_fail (row >= 0 && row < snapshot->n, 0);

  for (int j = row % snapshot->b; j < snapshot->n; j += snapshot->b)
    if (j != row)
      positives[count++] = j;
  return count;
}

int
scmm_similarity_neighbours (const ScmmSnapshot *snapshot,
                            int                 row,
                            int                *neighbours,
                            int                 n)
{
  const float *s = snapshot->S + (gsize) row * (gsize) snapshot->n;
  int count = 0;

  g_return_val_if_fail (row >= 0 && row < snapshot->n, 0);

  /* Insertion into a short sorted list: n is a handful, N a few hundred. */
  for (int j = 0; j < snapshot->n; j++)
    {
      int at;

      if (j == row || (count == n && !(s[j] > s[neighbours[n - 1]])))
        continue;
      at = MIN (count, n - 1);
      while (at > 0 && s[j] > s[neighbours[at - 1]])
        {
          neighbours[at] = neighbours[at - 1];
          at--;
        }
      neighbours[at] = j;
      count = MIN (count + 1, n);
    }
  return count;
}

/* The rank of S[row, col] among the row's values of S (1: the largest). */
static int
rank_in_row (const ScmmSnapshot *snapshot,
             int                 row,
             int                 col)
{
  const float *s = snapshot->S + (gsize) row * (gsize) snapshot->n;
  int rank = 1;

  for (int j = 0; j < snapshot->n; j++)
    rank += j != row && j != col && s[j] > s[col];
  return rank;
}

/* "original of sample 12", "masked view of sample 12". */
static char *
describe_row (const ScmmSnapshot *snapshot,
              int                 row)
{
  int view = row / snapshot->b, sample = row % snapshot->b;

  if (view == 0)
    return g_strdup_printf (_("original of sample %d"), sample);
  if (snapshot->views == 1)
    return g_strdup_printf (_("masked view of sample %d"), sample);
  return g_strdup_printf (_("masked view %d of sample %d"), view, sample);
}

static char *
describe_class (const ScmmSnapshot *snapshot,
                int                 row)
{
  int label = snapshot->labels != NULL ? snapshot->labels[row % snapshot->b] : -1;

  return label >= 0 ? g_strdup_printf (_("class %d"), label) : g_strdup (_("unlabelled"));
}

/* ---- drawing ---- */

static const float *
matrix_values (const ScmmSnapshot   *snapshot,
               ScmmSimilarityMatrix  matrix)
{
  switch (matrix)
    {
    case SCMM_SIMILARITY_W:
      return snapshot->W;
    case SCMM_SIMILARITY_R:
      return snapshot->R;
    case SCMM_SIMILARITY_S:
    default:
      return snapshot->S;
    }
}

/* "original", "masked" (or "view 2" when there are several). */
static char *
block_name (const ScmmSnapshot *snapshot,
            int                 block)
{
  if (block == 0)
    return g_strdup (_("original"));
  if (snapshot->views == 1)
    return g_strdup (_("masked"));
  return g_strdup_printf (_("view %d"), block);
}

/* The blocks of rows and columns: originals, then each masked view. */
static void
update_blocks (ScmmSimilarityView *self,
               const ScmmSnapshot *snapshot)
{
  if (self->blocks_n == snapshot->n && self->blocks_b == snapshot->b)
    return;
  self->blocks_n = snapshot->n;
  self->blocks_b = snapshot->b;

  scmm_figure_clear_heatmap_rects (self->heatmap);
  for (int u = 0; u <= snapshot->views; u++)
    for (int v = 0; v <= snapshot->views; v++)
      {
        g_autofree char *rows = block_name (snapshot, u);
        g_autofree char *cols = block_name (snapshot, v);
        g_autofree char *label = g_strdup_printf ("%s × %s", rows, cols);

        scmm_figure_add_heatmap_rect (self->heatmap, u * snapshot->b, v * snapshot->b, snapshot->b,
                                      snapshot->b, label);
      }
}

/* S as cosines: S_ij / sqrt(S_ii S_jj), into self->cosine. */
static void
update_cosine (ScmmSimilarityView *self,
           const ScmmSnapshot *snapshot)
{
  gsize n = (gsize) snapshot->n;
  g_autofree float *inverse_norm = g_new (float, n);

  if (self->cosine_size < n * n)
    {
      self->cosine = g_renew (float, self->cosine, n * n);
      self->cosine_size = n * n;
    }
  for (gsize i = 0; i < n; i++)
    inverse_norm[i] = 1.0f / sqrtf (MAX (snapshot->S[i * n + i], 1e-12f));
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < n; j++)
      self->cosine[i * n + j] = snapshot->S[i * n + j] * inverse_norm[i] * inverse_norm[j];
}

static void
update_heatmap (ScmmSimilarityView *self,
                const ScmmSnapshot *snapshot,
                int                 row)
{
  static const char *const titles[] = {
    N_("Similarity S = z zᵀ, as cosines"),
    N_("Soft targets W"),
    N_("Aggregator weights R"),
  };
  gsize nn = (gsize) snapshot->n * (gsize) snapshot->n;
  const float *values;
  double top = 0;

  scmm_figure_set_title (self->heatmap, _(titles[self->matrix]));
  if (self->matrix == SCMM_SIMILARITY_S)
    {
      scmm_figure_set_heatmap (self->heatmap, self->cosine, snapshot->n, snapshot->n,
                               SCMM_COLORMAP_DIVERGING, -1, 1, _("cosine"));
    }
  else
    {
      values = matrix_values (snapshot, self->matrix);
      for (gsize i = 0; i < nn; i++)
        if (isfinite (values[i]))
          top = MAX (top, values[i]);
      if (!(top > 0))
        top = 1;
      scmm_figure_set_heatmap (self->heatmap, values, snapshot->n, snapshot->n, SCMM_COLORMAP_VIRIDIS,
                               0, top, self->matrix == SCMM_SIMILARITY_W ? "W" : "R");
    }
  update_blocks (self, snapshot);
  scmm_figure_set_heatmap_selected_row (self->heatmap, row);
  scmm_figure_view_update (SCMM_FIGURE_VIEW (self->heatmap_view));
}

static void
update_bars (ScmmSimilarityView *self,
             const ScmmSnapshot *snapshot,
             int                 row)
{
  const float *w = snapshot->W + (gsize) row * (gsize) snapshot->n;
  g_autofree int *positives = g_new (int, snapshot->views);
  g_autofree char *title = NULL;
  int n_positives;

  if (self->row_values_size < snapshot->n)
    {
      self->row_values = g_renew (double, self->row_values, snapshot->n);
      self->row_values_size = snapshot->n;
    }
  for (int j = 0; j < snapshot->n; j++)
    self->row_values[j] = w[j];

  title = g_strdup_printf (_("Soft weights W of row %d"), row);
  scmm_figure_set_title (self->bars, title);
  scmm_figure_set_bars (self->bars, self->row_values, snapshot->n, NULL);
  n_positives = scmm_similarity_positives (snapshot, row, positives);
  scmm_figure_set_bar_highlight (self->bars, positives, n_positives);
  scmm_figure_view_update (SCMM_FIGURE_VIEW (self->bars_view));
}

static void
update_neighbours (ScmmSimilarityView *self,
                   const ScmmSnapshot *snapshot,
                   int                 row)
{
  int neighbours[SCMM_SIMILARITY_NEIGHBOURS];
  int count = scmm_similarity_neighbours (snapshot, row, neighbours, SCMM_SIMILARITY_NEIGHBOURS);
  g_autofree char *heading = g_strdup_printf (_("Strongest neighbours of row %d in S"), row);
  gboolean labelled = FALSE;

  scmm_snapshot_label_set (self->neighbours_heading, heading, FALSE);
  /* The classes, when the batch has them (a source corpus whose classes map
   * onto the experiment's). */
  for (int i = 0; i < snapshot->b && snapshot->labels != NULL && !labelled; i++)
    labelled = snapshot->labels[i] >= 0;
  gtk_widget_set_visible (GTK_WIDGET (self->headings[COLUMN_CLASS]), labelled);
  for (int k = 0; k < SCMM_SIMILARITY_NEIGHBOURS; k++)
    gtk_widget_set_visible (GTK_WIDGET (self->cells[k][COLUMN_CLASS]), labelled);
  for (int k = 0; k < SCMM_SIMILARITY_NEIGHBOURS; k++)
    {
      int j = k < count ? neighbours[k] : -1;
      gboolean positive = j >= 0 && j != row && j % snapshot->b == row % snapshot->b;
      g_autofree char *index = j >= 0 ? g_strdup_printf ("%d", j) : g_strdup ("");
      g_autofree char *value = j >= 0 ? g_strdup_printf ("%.3f", snapshot->S[(gsize) row * snapshot->n + j])
                                      : g_strdup ("");
      g_autofree char *cosine = j >= 0 ? g_strdup_printf ("%.3f", self->cosine[(gsize) row * snapshot->n + j])
                                       : g_strdup ("");
      g_autofree char *kind = j >= 0 ? describe_row (snapshot, j) : g_strdup ("");
      g_autofree char *label = j >= 0 ? describe_class (snapshot, j) : g_strdup ("");

      if (positive)
        {
          g_autofree char *plain = g_steal_pointer (&kind);

          kind = g_strdup_printf (_("%s · positive pair"), plain);
        }
      scmm_snapshot_label_set (self->cells[k][COLUMN_ROW], index, FALSE);
      scmm_snapshot_label_set (self->cells[k][COLUMN_S], value, FALSE);
      scmm_snapshot_label_set (self->cells[k][COLUMN_COSINE], cosine, FALSE);
      scmm_snapshot_label_set (self->cells[k][COLUMN_KIND], kind, FALSE);
      scmm_snapshot_label_set (self->cells[k][COLUMN_CLASS], label, FALSE);
      for (int c = 0; c < N_COLUMNS; c++)
        {
          if (positive)
            gtk_widget_add_css_class (GTK_WIDGET (self->cells[k][c]), "accent");
          else
            gtk_widget_remove_css_class (GTK_WIDGET (self->cells[k][c]), "accent");
        }
    }
}

static void
update_caption (ScmmSimilarityView *self,
                const ScmmSnapshot *snapshot,
                int                 row)
{
  const float *w = snapshot->W + (gsize) row * (gsize) snapshot->n;
  g_autofree int *positives = g_new (int, snapshot->views);
  int n_positives = scmm_similarity_positives (snapshot, row, positives);
  g_autofree char *kind = describe_row (snapshot, row);
  g_autofree char *label = describe_class (snapshot, row);
  g_autoptr(GString) text = g_string_new (NULL);
  double others = 0;
  int n_others = 0;

  g_string_append_printf (text, _("<b>Row %d</b>: the %s (%s)."), row, kind, label);
  for (int p = 0; p < n_positives; p++)
    {
      g_autofree char *positive_kind = describe_row (snapshot, positives[p]);

      g_string_append_printf (text, _(" Its positive pair, row %d (the %s), ranks %d of %d in S (S = %.3f)."),
                              positives[p], positive_kind, rank_in_row (snapshot, row, positives[p]),
                              snapshot->n - 1, snapshot->S[(gsize) row * snapshot->n + positives[p]]);
    }
  for (int j = 0; j < snapshot->n; j++)
    if (j != row && j % snapshot->b != row % snapshot->b)
      {
        others += w[j];
        n_others++;
      }
  if (n_others > 0)
    g_string_append_printf (text, _(" W pulls it to its positive with weight 1 and to the other rows with "
                                    "%.3f on average."),
                            others / n_others);

  scmm_snapshot_label_set (self->caption, text->str, TRUE);
}

static void
scmm_similarity_view_update (ScmmSnapshotView *view,
                             ScmmSnapshot     *snapshot)
{
  ScmmSimilarityView *self = SCMM_SIMILARITY_VIEW (view);
  int row = MIN (scmm_snapshot_view_get_selected (view), snapshot->n - 1);

  scmm_snapshot_spin_set_count (self->row_spin, snapshot->n);
  update_cosine (self, snapshot);
  update_heatmap (self, snapshot, row);
  update_bars (self, snapshot, row);
  update_neighbours (self, snapshot, row);
  update_caption (self, snapshot, row);
}

/* ---- input ---- */

static void
matrix_toggled (ScmmSimilarityView *self,
                GtkToggleButton    *button)
{
  for (int m = 0; m < (int) G_N_ELEMENTS (self->matrix_buttons); m++)
    if (button == self->matrix_buttons[m] && gtk_toggle_button_get_active (button))
      scmm_similarity_view_set_matrix (self, (ScmmSimilarityMatrix) m);
}

/* A click on a cell selects its row; on a bar, the row that bar is. */
static void
heatmap_cell_activated (ScmmSimilarityView *self,
                        int                 row,
                        int                 col)
{
  if (row >= 0)
    scmm_similarity_view_set_row (self, row);
}

static void
bar_activated (ScmmSimilarityView *self,
               int                 row,
               int                 col)
{
  if (col >= 0)
    scmm_similarity_view_set_row (self, col);
}

/* ---- GObject ---- */

static void
scmm_similarity_view_finalize (GObject *object)
{
  ScmmSimilarityView *self = SCMM_SIMILARITY_VIEW (object);

  g_clear_pointer (&self->heatmap, scmm_figure_unref);
  g_clear_pointer (&self->bars, scmm_figure_unref);
  g_clear_pointer (&self->row_values, g_free);
  g_clear_pointer (&self->cosine, g_free);

  G_OBJECT_CLASS (scmm_similarity_view_parent_class)->finalize (object);
}

static void
scmm_similarity_view_class_init (ScmmSimilarityViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ScmmSnapshotViewClass *view_class = SCMM_SNAPSHOT_VIEW_CLASS (klass);

  object_class->finalize = scmm_similarity_view_finalize;
  view_class->update = scmm_similarity_view_update;
}

static GtkWidget *
matrix_switch_new (ScmmSimilarityView *self)
{
  static const char *const labels[] = { N_("_S similarity"), N_("_W soft targets"), N_("_R aggregator") };
  static const char *const tooltips[] = {
    N_("S = z zᵀ: how alike the encoder finds each pair of rows"),
    N_("W: the soft targets of the contrastive loss, from the inputs’ cosine similarity"),
    N_("R: the aggregator’s weights, the softmax of S / τ; the decoder rebuilds each row from them"),
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  for (int m = 0; m < (int) G_N_ELEMENTS (labels); m++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_mnemonic (_(labels[m]));

      gtk_widget_set_tooltip_text (button, _(tooltips[m]));
      if (m > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->matrix_buttons[0]);
      self->matrix_buttons[m] = GTK_TOGGLE_BUTTON (button);
      g_signal_connect_object (button, "toggled", G_CALLBACK (matrix_toggled), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_toggle_button_set_active (self->matrix_buttons[0], TRUE);
  return box;
}

static GtkWidget *
neighbours_grid_new (ScmmSimilarityView *self)
{
  static const char *const headings[N_COLUMNS] = { N_("Row"), N_("S"), N_("cosine"), N_("Which"), N_("Class") };
  GtkWidget *grid = gtk_grid_new ();

  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (int c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *heading = gtk_label_new (_(headings[c]));

      gtk_widget_add_css_class (heading, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (heading), c == COLUMN_KIND || c == COLUMN_CLASS ? 0 : 1);
      self->headings[c] = GTK_LABEL (heading);
      gtk_grid_attach (GTK_GRID (grid), heading, c, 0, 1, 1);
    }
  for (int k = 0; k < SCMM_SIMILARITY_NEIGHBOURS; k++)
    for (int c = 0; c < N_COLUMNS; c++)
      {
        GtkWidget *cell = gtk_label_new (NULL);
        PangoAttrList *attrs = pango_attr_list_new ();

        pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
        gtk_label_set_attributes (GTK_LABEL (cell), attrs);
        pango_attr_list_unref (attrs);
        gtk_label_set_xalign (GTK_LABEL (cell), c == COLUMN_KIND || c == COLUMN_CLASS ? 0 : 1);
        self->cells[k][c] = GTK_LABEL (cell);
        gtk_grid_attach (GTK_GRID (grid), cell, c, k + 1, 1, 1);
      }
  return grid;
}

static void
scmm_similarity_view_init (ScmmSimilarityView *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *main = gtk_grid_new ();
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (NULL);

  /* The controls, then the caption on the whole width: it is long. */
  gtk_box_append (GTK_BOX (top), matrix_switch_new (self));
  gtk_box_append (GTK_BOX (top),
                  scmm_snapshot_spin_box_new (_("R_ow"), _("The row whose weights and neighbours are shown: "
                                                           "samples first, then their masked views"),
                                              &self->row_spin));
  gtk_box_append (GTK_BOX (content), top);
  self->caption = GTK_LABEL (scmm_snapshot_caption_new ());
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->caption));

  self->heatmap = scmm_figure_new (_("Similarity S = z zᵀ, as cosines"));
  scmm_figure_set_axis_labels (self->heatmap, _("column"), _("row"));
  self->heatmap_view = scmm_snapshot_figure_view_new (self->heatmap);
  gtk_widget_set_size_request (self->heatmap_view, 320, 320);
  g_signal_connect_object (self->heatmap_view, "cell-activated", G_CALLBACK (heatmap_cell_activated), self,
                           G_CONNECT_SWAPPED);

  self->bars = scmm_figure_new (_("Soft weights W"));
  scmm_figure_set_axis_labels (self->bars, _("column"), _("W"));
  scmm_figure_set_y_range (self->bars, 0, NAN);
  self->bars_view = scmm_snapshot_figure_view_new (self->bars);
  g_signal_connect_object (self->bars_view, "cell-activated", G_CALLBACK (bar_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (side), self->bars_view);

  self->neighbours_heading = GTK_LABEL (heading);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_top (heading, 6);
  gtk_box_append (GTK_BOX (side), heading);
  gtk_box_append (GTK_BOX (side), neighbours_grid_new (self));

  /* Three fifths for the matrix, which wants to be square and large. */
  gtk_grid_set_column_homogeneous (GTK_GRID (main), TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (main), 12);
  gtk_grid_attach (GTK_GRID (main), self->heatmap_view, 0, 0, 3, 1);
  gtk_grid_attach (GTK_GRID (main), side, 3, 0, 2, 1);
  gtk_widget_set_vexpand (main, TRUE);
  gtk_box_append (GTK_BOX (content), main);

  scmm_snapshot_view_set_selector (SCMM_SNAPSHOT_VIEW (self), self->row_spin);
  scmm_snapshot_view_set_content (SCMM_SNAPSHOT_VIEW (self), content);
  scmm_snapshot_view_set_placeholder_text (SCMM_SNAPSHOT_VIEW (self),
                                           _("The batch’s similarity S, soft targets W and aggregator "
                                             "weights R show here at the first snapshot of pre-training."));
}
