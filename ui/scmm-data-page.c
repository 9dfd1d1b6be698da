/* scmm-data-page.c: the Data page: corpora and their recordings
 *
 * The page keeps one corpus in memory (the one shown) and rebuilds its views
 * when another is opened: the summary, a tree of subjects > sessions > trials
 * (a GtkTreeListModel over nodes built once per corpus), and the panel of the
 * selected trial with its DE heatmap, and across the page the DE scalp maps
 * of the five bands (ScmmScalpMapsView: a window of that trial, marked on
 * the heatmap, or a class' mean). Stores are read on the main thread (a
 * store loads in well under a second); imports run on a worker thread
 * (ScmmImportTask) and report per file through the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "scmm-data-page.h"
#include "scmm-demo.h"
#include "scmm-figure-view.h"
#include "scmm-import-task.h"
#include "scmm-resources.h"
#include "scmm-scalp-maps-view.h"
#include "scmm-settings.h"

#define DEFAULT_CORPUS "demo:seed"
#define DEFAULT_BAND   2   /* alpha: the posterior alpha makes a readable first picture */

static const char *const band_names[SCMM_DE_BANDS] = {
  N_("delta"), N_("theta"), N_("alpha"), N_("beta"), N_("gamma"),
};

static const struct
{
  const char *spec;
  const char *title;
} demo_corpora[] = {
  { "demo:seed", N_("Demo SEED-like") },
  { "demo:deap", N_("Demo DEAP-like") },
};

/* ------------------------------------------------------------------------- */
/* A node of the subjects > sessions > trials tree                           */
/* ------------------------------------------------------------------------- */

typedef enum {
  NODE_SUBJECT,
  NODE_SESSION,
  NODE_TRIAL,
} NodeKind;

#define SCMM_TYPE_DATA_NODE (scmm_data_node_get_type ())
G_DECLARE_FINAL_TYPE (ScmmDataNode, scmm_data_node, SCMM, DATA_NODE, GObject)

struct _ScmmDataNode
{
  GObject     parent_instance;

  NodeKind    kind;
  char       *title;      /* "Subject 3", "Session 1", "Trial 7" */
  char       *label;      /* the trial's class, or "15 trials" */
  gint64      windows;
  int         subject;    /* indices into the corpus */
  int         session;
  int         trial;
  GListStore *children;   /* ScmmDataNode, or NULL for a trial */
};

G_DEFINE_FINAL_TYPE (ScmmDataNode, scmm_data_node, G_TYPE_OBJECT)

static void
scmm_data_node_finalize (GObject *object)
{
  ScmmDataNode *self = SCMM_DATA_NODE (object);

  g_free (self->title);
  g_free (self->label);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (scmm_data_node_parent_class)->finalize (object);
}

static void
scmm_data_node_class_init (ScmmDataNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = scmm_data_node_finalize;
}

static void
scmm_data_node_init (ScmmDataNode *self)
{
}

static ScmmDataNode *
scmm_data_node_new (NodeKind kind, char *title, char *label, gint64 windows,
                    int subject, int session, int trial)
{
  ScmmDataNode *self = g_object_new (SCMM_TYPE_DATA_NODE, NULL);

  self->kind = kind;
  self->title = title;
  self->label = label;
  self->windows = windows;
  self->subject = subject;
  self->session = session;
  self->trial = trial;
  if (kind != NODE_TRIAL)
    self->children = g_list_store_new (SCMM_TYPE_DATA_NODE);
  return self;
}

/* ------------------------------------------------------------------------- */
/* The page                                                                  */
/* ------------------------------------------------------------------------- */

struct _ScmmDataPage
{
  GtkWidget            parent_instance;

  /* Template children */
  GtkWidget           *root_box;
  GtkListBox          *corpus_list;
  GtkWidget           *stores_hint;
  GtkRevealer         *import_revealer;
  GtkSpinner          *import_spinner;
  GtkLabel            *import_title;
  GtkProgressBar      *import_progress;
  GtkLabel            *import_status;
  GtkLabel            *corpus_title;
  GtkLabel            *corpus_subtitle;
  GtkLabel            *subjects_value;
  GtkLabel            *sessions_value;
  GtkLabel            *trials_value;
  GtkLabel            *windows_value;
  GtkLabel            *channels_value;
  GtkGrid             *classes_grid;
  GtkColumnView       *tree_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *label_column;
  GtkColumnViewColumn *windows_column;
  GtkWidget           *trial_panel;
  GtkLabel            *trial_title;
  GtkLabel            *trial_subtitle;
  GtkLabel            *trial_label_value;
  GtkLabel            *trial_windows_value;
  GtkLabel            *trial_length_value;
  GtkLabel            *session_classes_caption;
  GtkGrid             *session_classes_grid;
  GtkWidget           *band_box;
  GtkBox              *figure_box;
  GtkBox              *scalp_box;
  GtkPaned            *page_paned;

  /* Created in code */
  ScmmFigureView      *figure_view;
  ScmmFigure          *figure;
  ScmmScalpMapsView   *scalp_view;

  /* State */
  char                *spec;          /* the corpus shown */
  ScmmCorpus          *corpus;
  GtkTreeListModel    *tree_model;
  GtkSingleSelection  *selection;
  int                  subject;       /* the trial shown, -1 for none */
  int                  session;
  int                  trial;
  int                  band;
  gboolean             syncing;       /* the sidebar is being updated from code */
  guint                divider_idle;  /* placing the divider above the scalp maps */
  int                  divider_position; /* where it was placed, -1 before */
  int                  divider_max;   /* the paned's max-position then */
  gboolean             divider_moved; /* by the user: left where it is */
  guint                scroll_tick;   /* bringing the trial's row into view */
  int                  scroll_frames;

  GtkNativeDialog     *chooser;
  char                *import_folder; /* between the two choosers */
  ScmmImportTask      *import_task;
};

G_DEFINE_FINAL_TYPE (ScmmDataPage, scmm_data_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CORPUS,
  PROP_BAND,
  PROP_IMPORTING,
  N_PROPS
};

enum {
  SIGNAL_CORPUS_OPENED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
scmm_data_page_new (void)
{
  return g_object_new (SCMM_TYPE_DATA_PAGE, NULL);
}

const char *
scmm_data_page_get_corpus (ScmmDataPage *self)
{
  g_return_val_if_fail (SCMM_IS_DATA_PAGE (self), NULL);
  return self->spec;
}

static gboolean
is_demo (const char *spec)
{
  return g_str_has_prefix (spec, "demo:");
}

/* ---- formatting ---- */

static char *
format_count (gint64 n)
{
  /* The locale's thousands separator, where it has one. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

/* "41 s", "2 min 44 s", "2 h 30 min" */
static char *
format_duration (double seconds)
{
  int total = (int) lround (seconds);

  if (total < 120)
    return g_strdup_printf (_("%g s"), seconds);
  if (total < 3600)
    return g_strdup_printf (_("%d min %d s"), total / 60, total % 60);
  return g_strdup_printf (_("%d h %d min"), total / 3600, total / 60 % 60);
}

/* A trial's length: "33 s", or "164 s (2 min 44 s)". */
static char *
format_seconds (double seconds)
{
  g_autofree char *duration = format_duration (seconds);

  if (seconds < 120.0)
    return g_steal_pointer (&duration);
  return g_strdup_printf (_("%g s (%s)"), seconds, duration);
}

static char *
format_band (const ScmmCorpus *corpus, int band)
{
  return g_strdup_printf (_("%s, %g–%g Hz"), _(band_names[band]),
                          corpus->bands[band].low_hz, corpus->bands[band].high_hz);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
grid_label (const char *text, gboolean dim, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* Rows of "class  N windows  (M trials)" into grid. counts/trials are per
 * class; the unlabelled windows, when there are any, get a row of their own;
 * a corpus without classes shows "unlabelled". */
static void
fill_class_grid (GtkGrid          *grid,
                 const ScmmCorpus *corpus,
                 const gint64     *windows,
                 const int        *trials,
                 gint64            unlabelled_windows,
                 int               unlabelled_trials)
{
  int row = 0;

  clear_grid (grid);

  for (int k = 0; k < corpus->n_classes; k++, row++)
    {
      g_autofree char *count = format_count (windows[k]);
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%s window", "%s windows",
                                                            (gulong) windows[k]), count);

      gtk_grid_attach (grid, grid_label (corpus->class_names[k], FALSE, 0.0f), 0, row, 1, 1);
      gtk_grid_attach (grid, grid_label (text, FALSE, 1.0f), 1, row, 1, 1);
      if (trials != NULL)
        {
          g_autofree char *t = g_strdup_printf (g_dngettext (NULL, "%d trial", "%d trials",
                                                             (gulong) trials[k]), trials[k]);
          gtk_grid_attach (grid, grid_label (t, TRUE, 1.0f), 2, row, 1, 1);
        }
    }

  if (corpus->n_classes == 0 || unlabelled_windows > 0)
    {
      g_autofree char *count = format_count (unlabelled_windows);
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%s window", "%s windows",
                                                            (gulong) unlabelled_windows), count);

      gtk_grid_attach (grid, grid_label (_("unlabelled"), corpus->n_classes > 0, 0.0f), 0, row, 1, 1);
      gtk_grid_attach (grid, grid_label (text, FALSE, 1.0f), 1, row, 1, 1);
      if (trials != NULL)
        {
          g_autofree char *t = g_strdup_printf (g_dngettext (NULL, "%d trial", "%d trials",
                                                             (gulong) unlabelled_trials),
                                                unlabelled_trials);
          gtk_grid_attach (grid, grid_label (t, TRUE, 1.0f), 2, row, 1, 1);
        }
    }
}

static const char *
class_name (const ScmmCorpus *corpus, int label)
{
  if (label < 0 || label >= corpus->n_classes)
    return _("unlabelled");
  return corpus->class_names[label];
}

/* ---- the heatmap ---- */

static const ScmmTrial *
current_trial (ScmmDataPage *self)
{
  if (self->corpus == NULL || self->subject < 0)
    return NULL;

  ScmmSubject *subject = g_ptr_array_index (self->corpus->subjects, self->subject);
  ScmmSession *session = g_ptr_array_index (subject->sessions, self->session);
  return g_ptr_array_index (session->trials, self->trial);
}

static void
scmm_data_page_update_figure (ScmmDataPage *self)
{
  const ScmmTrial *trial = current_trial (self);
  const ScmmCorpus *corpus = self->corpus;

  if (trial == NULL)
    {
      scmm_figure_view_set_figure (self->figure_view, NULL);
      return;
    }

  const int C = corpus->n_channels, F = corpus->n_bands, W = trial->windows;
  const int band = CLAMP (self->band, 0, F - 1);
  g_autofree float *values = g_new (float, (gsize) C * W);
  g_autofree char *title = format_band (corpus, band);
  g_autofree char *x_label = g_strdup_printf (_("window (%g s each)"), corpus->window_s);

  /* de is [windows, channels, bands]; the heatmap is [channels, windows]. */
  for (int c = 0; c < C; c++)
    for (int w = 0; w < W; w++)
      values[(gsize) c * W + w] = trial->de[((gsize) w * C + c) * F + band];

  scmm_figure_set_title (self->figure, title);
  scmm_figure_set_axis_labels (self->figure, x_label, _("channel"));
  scmm_figure_set_heatmap (self->figure, values, C, W, SCMM_COLORMAP_VIRIDIS, NAN, NAN,
                           _("DE (nats)"));
  scmm_figure_set_heatmap_labels (self->figure, (const char *const *) corpus->channel_names, NULL);
  /* The window the scalp maps show, when they show one. */
  scmm_figure_clear_heatmap_rects (self->figure);
  if (scmm_scalp_maps_view_get_label (self->scalp_view) < 0)
    scmm_figure_add_heatmap_rect (self->figure, 0, scmm_scalp_maps_view_get_window (self->scalp_view),
                                  C, 1, NULL);

  if (scmm_figure_view_get_figure (self->figure_view) != self->figure)
    scmm_figure_view_set_figure (self->figure_view, self->figure);
  scmm_figure_view_update (self->figure_view);
}

/* A click on the heatmap picks the window of the scalp maps. */
static void
scmm_data_page_heatmap_clicked (ScmmDataPage   *self,
                                int             row,
                                int             col,
                                ScmmFigureView *view)
{
  scmm_scalp_maps_view_set_label (self->scalp_view, -1);
  scmm_scalp_maps_view_set_window (self->scalp_view, col);
}

/* The divider above the scalp maps: where their natural height puts it (as
 * tall as their width asks) while there is room for the rest of the page;
 * GTK 4.8's paned would give them only their minimum. Once the user moves
 * it, it stays. */
static gboolean
scmm_data_page_place_divider (gpointer user_data)
{
  ScmmDataPage *self = user_data;
  GtkWidget *paned = GTK_WIDGET (self->page_paned);
  int width = gtk_widget_get_width (paned), height = gtk_widget_get_height (paned);
  int top_minimum, maps_natural, position;

  self->divider_idle = 0;
  if (self->divider_moved || width <= 0 || height <= 0)
    return G_SOURCE_REMOVE;

  gtk_widget_measure (GTK_WIDGET (self->scalp_box), GTK_ORIENTATION_VERTICAL, width, NULL,
                      &maps_natural, NULL, NULL);
  gtk_widget_measure (gtk_paned_get_start_child (self->page_paned), GTK_ORIENTATION_VERTICAL, width,
                      &top_minimum, NULL, NULL, NULL);
  position = MAX (top_minimum, height - maps_natural);
  self->divider_position = position;
  g_object_get (self->page_paned, "max-position", &self->divider_max, NULL);
  gtk_paned_set_position (self->page_paned, position);
  return G_SOURCE_REMOVE;
}

static void
scmm_data_page_queue_divider (ScmmDataPage *self)
{
  if (self->divider_idle == 0 && !self->divider_moved)
    self->divider_idle = g_idle_add (scmm_data_page_place_divider, self);
}

static void
scmm_data_page_divider_moved (ScmmDataPage *self)
{
  int max_position;

  /* A resize moves it too (and is followed by a new placing): only a move
   * away from where it was placed, in a paned of the same size, is the
   * user's. */
  g_object_get (self->page_paned, "max-position", &max_position, NULL);
  if (self->divider_position >= 0 && max_position == self->divider_max
      && gtk_paned_get_position (self->page_paned) != self->divider_position)
    self->divider_moved = TRUE;
}

/* The heatmap marks the window the maps show. */
static void
scmm_data_page_maps_changed (ScmmDataPage      *self,
                             GParamSpec        *pspec,
                             ScmmScalpMapsView *view)
{
  scmm_data_page_update_figure (self);
}

/* ---- the trial panel ---- */

static void
scmm_data_page_show_trial (ScmmDataPage *self,
                           int           subject_index,
                           int           session_index,
                           int           trial_index)
{
  const ScmmCorpus *corpus = self->corpus;
  ScmmSubject *subject = g_ptr_array_index (corpus->subjects, subject_index);
  ScmmSession *session = g_ptr_array_index (subject->sessions, session_index);
  ScmmTrial *trial = g_ptr_array_index (session->trials, trial_index);
  gint64 windows[SCMM_CORPUS_MAX_CLASSES] = { 0 };
  int trials[SCMM_CORPUS_MAX_CLASSES] = { 0 };
  gint64 unlabelled_windows = 0;
  int unlabelled_trials = 0;

  self->subject = subject_index;
  self->session = session_index;
  self->trial = trial_index;

  g_autofree char *title = g_strdup_printf (_("Trial %s"), trial->name);
  g_autofree char *subtitle = g_strdup_printf (_("Subject %s · Session %s · %s"), subject->name,
                                               session->name, corpus->name);
  g_autofree char *n_windows = format_count (trial->windows);
  g_autofree char *length = format_seconds (trial->windows * corpus->window_s);

  gtk_label_set_label (self->trial_title, title);
  gtk_label_set_label (self->trial_subtitle, subtitle);
  gtk_label_set_label (self->trial_label_value, class_name (corpus, trial->label));
  gtk_label_set_label (self->trial_windows_value, n_windows);
  gtk_label_set_label (self->trial_length_value, length);

  for (guint t = 0; t < session->trials->len; t++)
    {
      const ScmmTrial *other = g_ptr_array_index (session->trials, t);

      if (other->label >= 0 && other->label < corpus->n_classes)
        {
          windows[other->label] += other->windows;
          trials[other->label]++;
        }
      else
        {
          unlabelled_windows += other->windows;
          unlabelled_trials++;
        }
    }
  {
    g_autofree char *caption = g_strdup_printf (_("In session %s"), session->name);
    gtk_label_set_label (self->session_classes_caption, caption);
  }
  fill_class_grid (self->session_classes_grid, corpus, windows, trials, unlabelled_windows,
                   unlabelled_trials);

  gtk_widget_set_sensitive (self->trial_panel, TRUE);
  scmm_scalp_maps_view_set_trial (self->scalp_view, trial);
  scmm_data_page_update_figure (self);
}

static void
scmm_data_page_clear_trial (ScmmDataPage *self)
{
  self->subject = self->session = self->trial = -1;
  gtk_label_set_label (self->trial_title, _("No trial"));
  gtk_label_set_label (self->trial_subtitle, _("This corpus has no recordings"));
  gtk_label_set_label (self->trial_label_value, "—");
  gtk_label_set_label (self->trial_windows_value, "—");
  gtk_label_set_label (self->trial_length_value, "—");
  clear_grid (self->session_classes_grid);
  gtk_widget_set_sensitive (self->trial_panel, FALSE);
  scmm_scalp_maps_view_set_trial (self->scalp_view, NULL);
  scmm_data_page_update_figure (self);
}

/* ---- the corpus summary and tree ---- */

static void
scmm_data_page_update_summary (ScmmDataPage *self)
{
  const ScmmCorpus *corpus = self->corpus;
  ScmmCorpusCounts counts = scmm_corpus_count (corpus);
  g_autofree char *subjects = format_count (counts.subjects);
  g_autofree char *sessions = format_count (counts.sessions);
  g_autofree char *trials = format_count (counts.trials);
  g_autofree char *windows = format_count (counts.windows);
  g_autofree char *length = format_duration (counts.windows * corpus->window_s);
  g_autofree char *windows_text = g_strdup_printf (_("%s × %g s  (%s of EEG)"), windows,
                                                   corpus->window_s, length);
  g_autofree char *channels = NULL;
  g_autofree char *channel_list = NULL;
  g_autofree char *subtitle = NULL;

  if (is_demo (self->spec))
    subtitle = g_strdup (_("Built in: generated, no file needed"));
  else
    {
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (parts, g_path_get_basename (self->spec));
      if (corpus->importer != NULL && corpus->importer[0] != '\0')
        g_ptr_array_add (parts, g_strdup_printf (_("%s import"), corpus->importer));
      if (corpus->source_rate_hz > 0)
        g_ptr_array_add (parts, g_strdup_printf (_("DE of %g Hz EEG"), corpus->source_rate_hz));
      else if (corpus->feature != NULL && corpus->feature[0] != '\0')
        g_ptr_array_add (parts, g_strdup_printf (_("%s features"), corpus->feature));
      g_ptr_array_add (parts, NULL);
      subtitle = g_strjoinv (" · ", (char **) parts->pdata);
    }

  channel_list = g_strjoinv (", ", corpus->channel_names);
  channels = g_strdup_printf ("%d  (%s)", corpus->n_channels, channel_list);

  gtk_label_set_label (self->corpus_title, corpus->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->corpus_title), self->spec);
  gtk_label_set_label (self->corpus_subtitle, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->corpus_subtitle), self->spec);
  gtk_label_set_label (self->subjects_value, subjects);
  gtk_label_set_label (self->sessions_value, sessions);
  gtk_label_set_label (self->trials_value, trials);
  gtk_label_set_label (self->windows_value, windows_text);
  gtk_label_set_label (self->channels_value, channels);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->channels_value), channel_list);

  fill_class_grid (self->classes_grid, corpus, counts.class_windows, NULL,
                   counts.unlabelled_windows, 0);

  /* The band buttons say what each band is in this corpus. */
  for (GtkWidget *button = gtk_widget_get_first_child (self->band_box);
       button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
      int band = target != NULL ? g_variant_get_int32 (target) : -1;

      if (band >= 0 && band < corpus->n_bands)
        {
          g_autofree char *tip = format_band (corpus, band);
          gtk_widget_set_tooltip_text (button, tip);
        }
    }
}

static GListModel *
scmm_data_page_create_children (gpointer item,
                                gpointer user_data)
{
  ScmmDataNode *node = item;

  return node->children != NULL ? g_object_ref (G_LIST_MODEL (node->children)) : NULL;
}

static char *
count_trials_text (int n)
{
  return g_strdup_printf (g_dngettext (NULL, "%d trial", "%d trials", (gulong) n), n);
}

/* The whole tree, built once: a SEED-IV store has about a thousand trials. */
static GListModel *
build_tree (const ScmmCorpus *corpus)
{
  GListStore *root = g_list_store_new (SCMM_TYPE_DATA_NODE);

  for (guint s = 0; s < corpus->subjects->len; s++)
    {
      ScmmSubject *subject = g_ptr_array_index (corpus->subjects, s);
      g_autoptr(ScmmDataNode) subject_node = NULL;
      gint64 subject_windows = 0;
      int subject_trials = 0;

      subject_node = scmm_data_node_new (NODE_SUBJECT, g_strdup_printf (_("Subject %s"), subject->name),
                                         NULL, 0, (int) s, -1, -1);

      for (guint x = 0; x < subject->sessions->len; x++)
        {
          ScmmSession *session = g_ptr_array_index (subject->sessions, x);
          g_autoptr(ScmmDataNode) session_node = NULL;
          gint64 session_windows = 0;

          session_node = scmm_data_node_new (NODE_SESSION,
                                             g_strdup_printf (_("Session %s"), session->name),
                                             NULL, 0, (int) s, (int) x, -1);

          for (guint t = 0; t < session->trials->len; t++)
            {
              ScmmTrial *trial = g_ptr_array_index (session->trials, t);
              g_autoptr(ScmmDataNode) trial_node = NULL;

              trial_node = scmm_data_node_new (NODE_TRIAL, g_strdup_printf (_("Trial %s"), trial->name),
                                               g_strdup (class_name (corpus, trial->label)),
                                               trial->windows, (int) s, (int) x, (int) t);
              g_list_store_append (session_node->children, trial_node);
              session_windows += trial->windows;
            }

          session_node->windows = session_windows;
          session_node->label = count_trials_text ((int) session->trials->len);
          subject_windows += session_windows;
          subject_trials += (int) session->trials->len;
          g_list_store_append (subject_node->children, session_node);
        }

      subject_node->windows = subject_windows;
      subject_node->label = count_trials_text (subject_trials);
      g_list_store_append (root, subject_node);
    }

  return G_LIST_MODEL (root);
}

static void scmm_data_page_selection_changed (ScmmDataPage *self, GParamSpec *pspec,
                                              GtkSingleSelection *selection);

static void
scmm_data_page_set_tree (ScmmDataPage *self)
{
  g_autoptr(GtkSingleSelection) old = g_steal_pointer (&self->selection);
  GListModel *root = build_tree (self->corpus);

  /* The selection model owns the tree model; the old ones go with it. */
  self->tree_model = gtk_tree_list_model_new (root, FALSE, FALSE,
                                              scmm_data_page_create_children, NULL, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->tree_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (scmm_data_page_selection_changed), self, G_CONNECT_SWAPPED);

  if (old != NULL)
    g_signal_handlers_disconnect_by_data (old, self);
  gtk_column_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));
}

static void
scmm_data_page_selection_changed (ScmmDataPage       *self,
                                  GParamSpec         *pspec,
                                  GtkSingleSelection *selection)
{
  GtkTreeListRow *row;
  g_autoptr(ScmmDataNode) node = NULL;

  if (selection != self->selection)
    return;

  row = gtk_single_selection_get_selected_item (selection);
  if (row == NULL)
    return;

  node = gtk_tree_list_row_get_item (row);
  if (node->kind == NODE_TRIAL)
    scmm_data_page_show_trial (self, node->subject, node->session, node->trial);
}

/* Subjects and sessions open and close on activation (double click, Enter). */
static void
scmm_data_page_row_activated (ScmmDataPage  *self,
                              guint          position,
                              GtkColumnView *view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree_model), position);

  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/* The list view inside the column view: it has the scroll action. */
static GtkWidget *
tree_list_view (ScmmDataPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tree_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* Brings the shown trial's row into view, with its subject's row where there
 * is room for both. GTK 4.8's list view scrolls by the positions of its last
 * layout: right after a new model (a corpus just opened) they are stale and
 * the row lands at the top. So this waits for a frame laid out with the
 * model (and for the page to be on screen at all). */
static gboolean
scmm_data_page_scroll_tick (GtkWidget     *widget,
                            GdkFrameClock *frame_clock,
                            gpointer       user_data)
{
  ScmmDataPage *self = SCMM_DATA_PAGE (widget);
  g_autoptr(GtkTreeListRow) subject_row = NULL;
  g_autoptr(GtkTreeListRow) session_row = NULL;
  g_autoptr(GtkTreeListRow) trial_row = NULL;
  GtkWidget *list_view = tree_list_view (self);

  if (++self->scroll_frames < 2)
    return G_SOURCE_CONTINUE;
  self->scroll_tick = 0;

  if (list_view == NULL || self->subject < 0)
    return G_SOURCE_REMOVE;

  subject_row = gtk_tree_list_model_get_child_row (self->tree_model, (guint) self->subject);
  if (subject_row != NULL && gtk_tree_list_row_get_expanded (subject_row))
    session_row = gtk_tree_list_row_get_child_row (subject_row, (guint) self->session);
  if (session_row != NULL && gtk_tree_list_row_get_expanded (session_row))
    trial_row = gtk_tree_list_row_get_child_row (session_row, (guint) self->trial);
  if (trial_row == NULL)
    return G_SOURCE_REMOVE;

  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u",
                              gtk_tree_list_row_get_position (subject_row));
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u",
                              gtk_tree_list_row_get_position (trial_row));
  return G_SOURCE_REMOVE;
}

static void
scmm_data_page_queue_scroll (ScmmDataPage *self)
{
  self->scroll_frames = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scmm_data_page_scroll_tick,
                                                      NULL, NULL);
}

/* Selects a trial's row (opening the way to it) and shows the trial. With
 * `scroll`, brings the row into view; a corpus just opened starts at the top
 * of its tree, where its first trial already is. */
static gboolean
scmm_data_page_select_indices (ScmmDataPage *self,
                               int           subject,
                               int           session,
                               int           trial,
                               gboolean      scroll)
{
  g_autoptr(GtkTreeListRow) subject_row = NULL;
  g_autoptr(GtkTreeListRow) session_row = NULL;
  g_autoptr(GtkTreeListRow) trial_row = NULL;
  guint position;

  /* Selected from code: only the way to it is open. */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_tree_list_model_get_model (self->tree_model)); i++)
    if ((int) i != subject)
      {
        g_autoptr(GtkTreeListRow) other = gtk_tree_list_model_get_child_row (self->tree_model, i);
        gtk_tree_list_row_set_expanded (other, FALSE);
      }

  subject_row = gtk_tree_list_model_get_child_row (self->tree_model, (guint) subject);
  if (subject_row == NULL)
    return FALSE;
  gtk_tree_list_row_set_expanded (subject_row, TRUE);
  session_row = gtk_tree_list_row_get_child_row (subject_row, (guint) session);
  if (session_row == NULL)
    return FALSE;
  gtk_tree_list_row_set_expanded (session_row, TRUE);
  trial_row = gtk_tree_list_row_get_child_row (session_row, (guint) trial);
  if (trial_row == NULL)
    return FALSE;

  position = gtk_tree_list_row_get_position (trial_row);
  gtk_single_selection_set_selected (self->selection, position);
  /* Selecting the row shows it, unless it was selected already. */
  if (self->subject != subject || self->session != session || self->trial != trial)
    scmm_data_page_show_trial (self, subject, session, trial);

  if (scroll)
    scmm_data_page_queue_scroll (self);

  return TRUE;
}

gboolean
scmm_data_page_select_trial (ScmmDataPage *self,
                             const char   *subject,
                             const char   *session,
                             const char   *trial)
{
  g_return_val_if_fail (SCMM_IS_DATA_PAGE (self), FALSE);
  g_return_val_if_fail (subject != NULL && session != NULL && trial != NULL, FALSE);

  if (self->corpus == NULL)
    return FALSE;

  for (guint s = 0; s < self->corpus->subjects->len; s++)
    {
      ScmmSubject *su = g_ptr_array_index (self->corpus->subjects, s);

      if (g_strcmp0 (su->name, subject) != 0)
        continue;
      for (guint x = 0; x < su->sessions->len; x++)
        {
          ScmmSession *se = g_ptr_array_index (su->sessions, x);

          if (g_strcmp0 (se->name, session) != 0)
            continue;
          for (guint t = 0; t < se->trials->len; t++)
            {
              ScmmTrial *tr = g_ptr_array_index (se->trials, t);

              if (g_strcmp0 (tr->name, trial) == 0)
                return scmm_data_page_select_indices (self, (int) s, (int) x, (int) t, TRUE);
            }
        }
    }

  return FALSE;
}

/* The first trial of the first subject that has one. */
static void
scmm_data_page_select_first_trial (ScmmDataPage *self)
{
  for (guint s = 0; s < self->corpus->subjects->len; s++)
    {
      ScmmSubject *subject = g_ptr_array_index (self->corpus->subjects, s);

      for (guint x = 0; x < subject->sessions->len; x++)
        {
          ScmmSession *session = g_ptr_array_index (subject->sessions, x);

          if (session->trials->len > 0
              && scmm_data_page_select_indices (self, (int) s, (int) x, 0, FALSE))
            return;
        }
    }

  scmm_data_page_clear_trial (self);
}

/* ---- tree cells ---- */

static void
setup_name_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (item, expander);
}

static void
bind_name_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (item));
  GtkLabel *label = GTK_LABEL (gtk_tree_expander_get_child (expander));
  g_autoptr(ScmmDataNode) node = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (expander, row);
  gtk_label_set_label (label, node->title);
  /* Rows are recycled: the class follows the row's kind both ways. */
  if (node->kind == NODE_SUBJECT)
    gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "heading");
}

static void
unbind_name_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (item));

  gtk_tree_expander_set_list_row (expander, NULL);
}

static void
setup_text_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  float xalign = GPOINTER_TO_INT (user_data) ? 1.0f : 0.0f;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autoptr(ScmmDataNode) node = gtk_tree_list_row_get_item (row);

  gtk_label_set_label (GTK_LABEL (label), node->label);
  if (node->kind == NODE_TRIAL)
    gtk_widget_remove_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

static void
bind_windows_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autoptr(ScmmDataNode) node = gtk_tree_list_row_get_item (row);
  g_autofree char *text = format_count (node->windows);

  gtk_label_set_label (GTK_LABEL (label), text);
  if (node->kind == NODE_TRIAL)
    gtk_widget_remove_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

static void
set_column_factory (GtkColumnViewColumn *column,
                    GCallback            setup,
                    GCallback            bind,
                    GCallback            unbind,
                    gpointer             data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", bind, data);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, data);
  gtk_column_view_column_set_factory (column, factory);
}

/* ---- the sidebar ---- */

static GtkListBoxRow *
find_corpus_row (ScmmDataPage *self,
                 const char   *spec)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->corpus_list, i);

      if (row == NULL)
        return NULL;
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "spec"), spec) == 0)
        return row;
    }
}

static GtkListBoxRow *
add_corpus_row (ScmmDataPage *self,
                const char   *spec,
                const char   *title,
                const char   *subtitle,
                const char   *icon_name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *subtitle_label = gtk_label_new (subtitle);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (subtitle_label, "caption");
  gtk_widget_add_css_class (subtitle_label, "dim-label");

  gtk_box_append (GTK_BOX (text), title_label);
  gtk_box_append (GTK_BOX (text), subtitle_label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, spec);
  g_object_set_data_full (G_OBJECT (row), "spec", g_strdup (spec), g_free);
  g_object_set_data (G_OBJECT (row), "title-label", title_label);

  gtk_list_box_append (self->corpus_list, row);
  return GTK_LIST_BOX_ROW (row);
}

static GtkListBoxRow *
add_store_row (ScmmDataPage *self,
               const char   *path,
               const char   *title)
{
  g_autofree char *file = g_path_get_basename (path);

  gtk_widget_set_visible (self->stores_hint, FALSE);
  return add_corpus_row (self, path, title, file, "drive-harddisk-symbolic");
}

/* The stores opened lately (GSettings' recent-corpora) that are still there,
 * named by their files until they are opened: reading each to learn its
 * corpus' name would cost a start-up. */
static void
scmm_data_page_add_recent_stores (ScmmDataPage *self)
{
  g_auto(GStrv) recent = scmm_settings_get_recent_corpora ();

  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      g_autofree char *file = NULL;

      if (is_demo (recent[i]) || !g_file_test (recent[i], G_FILE_TEST_IS_REGULAR)
          || find_corpus_row (self, recent[i]) != NULL)
        continue;

      file = g_path_get_basename (recent[i]);
      if (g_str_has_suffix (file, ".h5"))
        file[strlen (file) - 3] = '\0';
      add_store_row (self, recent[i], file);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The corpus stores (*.h5) directly in the data folders of the preferences,
 * in name order, named by their files until they are opened. */
static void
scmm_data_page_add_data_folder_stores (ScmmDataPage *self)
{
  g_auto(GStrv) folders = scmm_settings_get_data_folders ();

  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (folders[i], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".h5"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (guint j = 0; j < names->len; j++)
        {
          const char *file = g_ptr_array_index (names, j);
          g_autofree char *path = g_build_filename (folders[i], file, NULL);
          g_autofree char *title = g_strndup (file, strlen (file) - 3);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && find_corpus_row (self, path) == NULL)
            {
              GtkListBoxRow *row = add_store_row (self, path, title);

              g_object_set_data (G_OBJECT (row), "from-data-folder", GINT_TO_POINTER (TRUE));
            }
        }
    }
}

/* The data folders changed: the rows they brought go (but the corpus shown),
 * and the folders' stores are listed again. */
static void
scmm_data_page_data_folders_changed (ScmmDataPage *self)
{
  GtkListBoxRow *row;
  int i = 0;

  while ((row = gtk_list_box_get_row_at_index (self->corpus_list, i)) != NULL)
    {
      if (g_object_get_data (G_OBJECT (row), "from-data-folder") != NULL
          && row != find_corpus_row (self, self->spec))
        gtk_list_box_remove (self->corpus_list, GTK_WIDGET (row));
      else
        i++;
    }
  scmm_data_page_add_data_folder_stores (self);
}

/* File choosers start in the first data folder that exists. */
static void
scmm_data_page_start_in_data_folder (GtkFileChooser *chooser)
{
  g_auto(GStrv) folders = scmm_settings_get_data_folders ();

  for (guint i = 0; folders[i] != NULL; i++)
    if (g_file_test (folders[i], G_FILE_TEST_IS_DIR))
      {
        g_autoptr(GFile) folder = g_file_new_for_path (folders[i]);

        gtk_file_chooser_set_current_folder (chooser, folder, NULL);
        return;
      }
}

static void
scmm_data_page_sync_sidebar (ScmmDataPage *self)
{
  GtkListBoxRow *row = find_corpus_row (self, self->spec);

  if (row == NULL)
    row = add_store_row (self, self->spec, self->corpus->name);
  else if (!is_demo (self->spec))
    gtk_label_set_label (g_object_get_data (G_OBJECT (row), "title-label"), self->corpus->name);

  self->syncing = TRUE;
  gtk_list_box_select_row (self->corpus_list, row);
  self->syncing = FALSE;
}

/* ---- opening ---- */

gboolean
scmm_data_page_open_corpus (ScmmDataPage  *self,
                            const char    *spec,
                            GError       **error)
{
  g_autoptr(ScmmCorpus) corpus = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (SCMM_IS_DATA_PAGE (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  corpus = scmm_corpus_open (spec, &local_error);
  if (corpus == NULL)
    {
      /* The engine's messages name the file; make sure of it. */
      if (strstr (local_error->message, spec) == NULL)
        g_prefix_error (&local_error, "%s: ", spec);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  g_free (self->spec);
  self->spec = g_strdup (spec);
  /* The maps borrow the corpus: they let go of the old one first. */
  scmm_scalp_maps_view_set_corpus (self->scalp_view, NULL);
  g_clear_pointer (&self->corpus, scmm_corpus_free);
  self->corpus = g_steal_pointer (&corpus);
  self->subject = self->session = self->trial = -1;
  scmm_scalp_maps_view_set_corpus (self->scalp_view, self->corpus);

  scmm_data_page_update_summary (self);
  scmm_data_page_set_tree (self);
  scmm_data_page_sync_sidebar (self);
  scmm_data_page_select_first_trial (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORPUS]);
  g_signal_emit (self, signals[SIGNAL_CORPUS_OPENED], 0, self->spec);

  return TRUE;
}

/* Opens spec for the page's own controls (the sidebar, the chooser, an
 * import): a store opened is remembered, a failure goes to "error". */
static gboolean
scmm_data_page_open_and_report (ScmmDataPage *self,
                                const char   *spec)
{
  g_autoptr(GError) error = NULL;

  if (scmm_data_page_open_corpus (self, spec, &error))
    {
      scmm_settings_add_recent_corpus (spec);
      return TRUE;
    }

  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
  return FALSE;
}

static void
scmm_data_page_corpus_row_selected (ScmmDataPage  *self,
                                    GtkListBoxRow *row,
                                    GtkListBox    *list)
{
  const char *spec;

  if (self->syncing || row == NULL)
    return;

  spec = g_object_get_data (G_OBJECT (row), "spec");
  if (g_strcmp0 (spec, self->spec) == 0)
    return;

  /* A store that went away keeps its row; the shown corpus stays selected. */
  if (!scmm_data_page_open_and_report (self, spec) && self->spec != NULL)
    scmm_data_page_sync_sidebar (self);
}

/* ---- choosers ---- */

static void
scmm_data_page_clear_chooser (ScmmDataPage *self)
{
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
}

static GtkFileFilter *
store_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Corpus stores (*.h5)"));
  gtk_file_filter_add_suffix (filter, "h5");
  return filter;
}

static char *
chosen_path (GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
scmm_data_page_store_chosen (ScmmDataPage    *self,
                             int              response,
                             GtkNativeDialog *chooser)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (chooser) : NULL;

  scmm_data_page_clear_chooser (self);
  if (path != NULL)
    scmm_data_page_open_and_report (self, path);
}

void
scmm_data_page_choose_store (ScmmDataPage *self,
                             GtkWindow    *parent)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) stores = store_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (SCMM_IS_DATA_PAGE (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  scmm_data_page_clear_chooser (self);

  native = gtk_file_chooser_native_new (_("Open Corpus Store"), parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), stores);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), stores);
  scmm_data_page_start_in_data_folder (GTK_FILE_CHOOSER (native));

  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (scmm_data_page_store_chosen),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static void scmm_data_page_start_import (ScmmDataPage *self, const char *folder,
                                         const char *store_path);

static void
scmm_data_page_destination_chosen (ScmmDataPage    *self,
                                   int              response,
                                   GtkNativeDialog *chooser)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (chooser) : NULL;
  g_autofree char *folder = g_steal_pointer (&self->import_folder);

  scmm_data_page_clear_chooser (self);
  if (path != NULL && folder != NULL)
    scmm_data_page_start_import (self, folder, path);
}

static void
scmm_data_page_folder_chosen (ScmmDataPage    *self,
                              int              response,
                              GtkNativeDialog *chooser)
{
  g_autofree char *folder = response == GTK_RESPONSE_ACCEPT ? chosen_path (chooser) : NULL;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) stores = store_filter ();
  g_autoptr(GFile) parent_folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  /* The second chooser gets the first one's parent: keep it alive. */
  if (parent != NULL)
    g_object_ref (parent);
  scmm_data_page_clear_chooser (self);

  if (folder == NULL)
    {
      g_clear_object (&parent);
      return;
    }

  /* Where the store goes: beside the folder, named after it. */
  base = g_path_get_basename (folder);
  name = g_strconcat (base, ".h5", NULL);
  native = gtk_file_chooser_native_new (_("Save the Imported Corpus As"), parent,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), stores);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  {
    g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
    parent_folder = g_file_get_parent (folder_file);
  }
  if (parent_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), parent_folder, NULL);

  self->import_folder = g_steal_pointer (&folder);
  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (scmm_data_page_destination_chosen),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
  g_clear_object (&parent);
}

void
scmm_data_page_choose_import (ScmmDataPage *self,
                              GtkWindow    *parent)
{
  GtkFileChooserNative *native;

  g_return_if_fail (SCMM_IS_DATA_PAGE (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  if (self->import_task != NULL)
    return;

  scmm_data_page_clear_chooser (self);
  g_clear_pointer (&self->import_folder, g_free);

  native = gtk_file_chooser_native_new (_("Import a Corpus Folder"), parent,
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                        _("_Cancel"));
  scmm_data_page_start_in_data_folder (GTK_FILE_CHOOSER (native));
  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (scmm_data_page_folder_chosen),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

/* ---- importing ---- */

static void
scmm_data_page_import_progress (ScmmDataPage   *self,
                                ScmmImportTask *task)
{
  int index = scmm_import_task_get_index (task);
  int total = scmm_import_task_get_total (task);
  g_autofree char *status = NULL;

  if (scmm_import_task_get_writing (task))
    {
      g_autofree char *store = g_path_get_basename (scmm_import_task_get_store_path (task));
      status = g_strdup_printf (_("%d files read; writing %s"), total, store);
    }
  else if (index > 0)
    status = g_strdup_printf (_("file %d of %d: %s"), index, total, scmm_import_task_get_file (task));
  else
    status = g_strdup (_("Looking at the folder…"));

  gtk_label_set_label (self->import_status, status);
  gtk_progress_bar_set_fraction (self->import_progress, scmm_import_task_get_fraction (task));
}

static void
scmm_data_page_set_importing (ScmmDataPage *self,
                              gboolean      importing)
{
  gtk_revealer_set_reveal_child (self->import_revealer, importing);
  gtk_spinner_set_spinning (self->import_spinner, importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.import-folder", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.import", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.cancel-import", importing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
}

static void
scmm_data_page_import_finished (ScmmDataPage   *self,
                                gboolean        ok,
                                ScmmImportTask *task)
{
  g_autoptr(ScmmImportTask) finished = g_steal_pointer (&self->import_task);

  g_signal_handlers_disconnect_by_data (task, self);
  scmm_data_page_set_importing (self, FALSE);

  if (ok)
    scmm_data_page_open_and_report (self, scmm_import_task_get_store_path (task));
  else if (!scmm_import_task_get_cancelled (task))
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, scmm_import_task_get_error (task));
}

static void
scmm_data_page_start_import (ScmmDataPage *self,
                             const char   *folder,
                             const char   *store_path)
{
  g_autofree char *base = g_path_get_basename (folder);
  g_autofree char *title = g_strdup_printf (_("Importing “%s”"), base);

  g_return_if_fail (self->import_task == NULL);

  self->import_task = scmm_import_task_new (folder, store_path);
  g_signal_connect_object (self->import_task, "progress",
                           G_CALLBACK (scmm_data_page_import_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import_task, "finished",
                           G_CALLBACK (scmm_data_page_import_finished), self, G_CONNECT_SWAPPED);

  gtk_label_set_label (self->import_title, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_title), folder);
  scmm_data_page_import_progress (self, self->import_task);
  scmm_data_page_set_importing (self, TRUE);

  scmm_import_task_start (self->import_task);
}

/* ---- actions ---- */

static GtkWindow *
page_window (ScmmDataPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
action_open_store (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ScmmDataPage *self = SCMM_DATA_PAGE (widget);

  scmm_data_page_choose_store (self, page_window (self));
}

static void
action_import_folder (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ScmmDataPage *self = SCMM_DATA_PAGE (widget);

  scmm_data_page_choose_import (self, page_window (self));
}

/* data.open("spec"): what the store chooser does once a file is chosen. */
static void
action_open (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  scmm_data_page_open_and_report (SCMM_DATA_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/* data.import(("folder", "store.h5")): what the two import choosers do. */
static void
action_import (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScmmDataPage *self = SCMM_DATA_PAGE (widget);
  const char *folder, *store;

  if (self->import_task != NULL)
    return;

  g_variant_get (parameter, "(&s&s)", &folder, &store);
  scmm_data_page_start_import (self, folder, store);
}

static void
action_cancel_import (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ScmmDataPage *self = SCMM_DATA_PAGE (widget);

  if (self->import_task != NULL)
    {
      scmm_import_task_cancel (self->import_task);
      gtk_label_set_label (self->import_status, _("Cancelling…"));
    }
}

/* ---- GObject ---- */

static void
scmm_data_page_set_band (ScmmDataPage *self,
                         int           band)
{
  band = CLAMP (band, 0, SCMM_DE_BANDS - 1);
  if (band == self->band)
    return;

  self->band = band;
  scmm_data_page_update_figure (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BAND]);
}

static void
scmm_data_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ScmmDataPage *self = SCMM_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_CORPUS:
      g_value_set_string (value, self->spec);
      break;

    case PROP_BAND:
      g_value_set_int (value, self->band);
      break;

    case PROP_IMPORTING:
      g_value_set_boolean (value, self->import_task != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_data_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ScmmDataPage *self = SCMM_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_BAND:
      scmm_data_page_set_band (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_data_page_dispose (GObject *object)
{
  ScmmDataPage *self = SCMM_DATA_PAGE (object);

  /* A running import is stopped; its worker ends between two files and holds
   * the task (not the page) until then. */
  if (self->import_task != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->import_task, self);
      scmm_import_task_cancel (self->import_task);
      g_clear_object (&self->import_task);
    }
  scmm_data_page_clear_chooser (self);

  g_clear_handle_id (&self->divider_idle, g_source_remove);
  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
      self->scroll_tick = 0;
    }

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCMM_TYPE_DATA_PAGE);

  g_clear_object (&self->selection);
  self->tree_model = NULL;
  g_clear_pointer (&self->figure, scmm_figure_unref);

  G_OBJECT_CLASS (scmm_data_page_parent_class)->dispose (object);
}

static void
scmm_data_page_finalize (GObject *object)
{
  ScmmDataPage *self = SCMM_DATA_PAGE (object);

  g_clear_pointer (&self->corpus, scmm_corpus_free);
  g_clear_pointer (&self->spec, g_free);
  g_clear_pointer (&self->import_folder, g_free);

  G_OBJECT_CLASS (scmm_data_page_parent_class)->finalize (object);
}

static void
scmm_data_page_class_init (ScmmDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = scmm_data_page_get_property;
  object_class->set_property = scmm_data_page_set_property;
  object_class->dispose = scmm_data_page_dispose;
  object_class->finalize = scmm_data_page_finalize;

  /**
   * ScmmDataPage:corpus:
   *
   * The corpus shown: "demo:seed", "demo:deap" or a store's path.
   */
  properties[PROP_CORPUS] =
    g_param_spec_string ("corpus", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ScmmDataPage:band:
   *
   * The band of the DE heatmap: 0 delta, 1 theta, 2 alpha, 3 beta, 4 gamma.
   */
  properties[PROP_BAND] =
    g_param_spec_int ("band", NULL, NULL,
                      0, SCMM_DE_BANDS - 1, DEFAULT_BAND,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ScmmDataPage:importing:
   *
   * Whether a folder is being imported.
   */
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScmmDataPage::corpus-opened:
   * @spec: the corpus now shown
   */
  signals[SIGNAL_CORPUS_OPENED] =
    g_signal_new ("corpus-opened",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * ScmmDataPage::error:
   * @error: what went wrong; the message names the file
   *
   * A corpus chosen on the page could not be opened, or an import failed.
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_install_action (widget_class, "data.open-store", NULL, action_open_store);
  gtk_widget_class_install_action (widget_class, "data.import-folder", NULL, action_import_folder);
  gtk_widget_class_install_action (widget_class, "data.open", "s", action_open);
  gtk_widget_class_install_action (widget_class, "data.import", "(ss)", action_import);
  gtk_widget_class_install_action (widget_class, "data.cancel-import", NULL, action_cancel_import);
  gtk_widget_class_install_property_action (widget_class, "data.band", "band");

  scmm_resources_ensure_registered ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SCMM_RESOURCE_BASE_PATH "/ui/scmm-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, corpus_list);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, stores_hint);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, import_spinner);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, import_title);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, import_progress);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, import_status);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, corpus_title);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, corpus_subtitle);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, subjects_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, sessions_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, trials_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, windows_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, channels_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, classes_grid);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, tree_view);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, label_column);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, windows_column);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, trial_panel);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, trial_title);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, trial_subtitle);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, trial_label_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, trial_windows_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, trial_length_value);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, session_classes_caption);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, session_classes_grid);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, band_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, scalp_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmDataPage, page_paned);
  /* Reachable with gtk_widget_get_template_child (tests), no field of their own. */
  for (guint i = 0; i < SCMM_DE_BANDS; i++)
    {
      g_autofree char *id = g_strconcat ("band_", band_names[i], NULL);
      gtk_widget_class_bind_template_child_full (widget_class, id, FALSE, 0);
    }

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scmm-data-page");
}

static void
scmm_data_page_init (ScmmDataPage *self)
{
  g_autoptr(GError) error = NULL;

  self->band = DEFAULT_BAND;
  self->divider_position = -1;
  self->subject = self->session = self->trial = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->figure = scmm_figure_new (NULL);
  self->figure_view = SCMM_FIGURE_VIEW (scmm_figure_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->figure_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->figure_view), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->figure_view), 320, 200);
  gtk_box_append (self->figure_box, GTK_WIDGET (self->figure_view));
  g_signal_connect_object (self->figure_view, "cell-activated",
                           G_CALLBACK (scmm_data_page_heatmap_clicked), self, G_CONNECT_SWAPPED);

  self->scalp_view = SCMM_SCALP_MAPS_VIEW (scmm_scalp_maps_view_new ());
  gtk_box_append (self->scalp_box, GTK_WIDGET (self->scalp_view));
  g_signal_connect_object (self->scalp_view, "notify::window",
                           G_CALLBACK (scmm_data_page_maps_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scalp_view, "notify::label",
                           G_CALLBACK (scmm_data_page_maps_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_paned, "notify::max-position",
                           G_CALLBACK (scmm_data_page_queue_divider), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_paned, "notify::position",
                           G_CALLBACK (scmm_data_page_divider_moved), self, G_CONNECT_SWAPPED);

  set_column_factory (self->name_column, G_CALLBACK (setup_name_cell),
                      G_CALLBACK (bind_name_cell), G_CALLBACK (unbind_name_cell), NULL);
  set_column_factory (self->label_column, G_CALLBACK (setup_text_cell),
                      G_CALLBACK (bind_label_cell), NULL, GINT_TO_POINTER (FALSE));
  set_column_factory (self->windows_column, G_CALLBACK (setup_text_cell),
                      G_CALLBACK (bind_windows_cell), NULL, GINT_TO_POINTER (TRUE));
  g_signal_connect_object (self->tree_view, "activate",
                           G_CALLBACK (scmm_data_page_row_activated), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (demo_corpora); i++)
    add_corpus_row (self, demo_corpora[i].spec, _(demo_corpora[i].title),
                    demo_corpora[i].spec, "scmm-eeg-symbolic");
  scmm_data_page_add_recent_stores (self);
  scmm_data_page_add_data_folder_stores (self);
  if (scmm_settings_get () != NULL)
    g_signal_connect_object (scmm_settings_get (), "changed::data-folders",
                             G_CALLBACK (scmm_data_page_data_folders_changed), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->corpus_list, "row-selected",
                           G_CALLBACK (scmm_data_page_corpus_row_selected), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.cancel-import", FALSE);

  /* Never empty: the page starts on the built-in corpus. */
  if (!scmm_data_page_open_corpus (self, DEFAULT_CORPUS, &error))
    g_critical ("the built-in corpus %s cannot be made: %s", DEFAULT_CORPUS, error->message);
}
