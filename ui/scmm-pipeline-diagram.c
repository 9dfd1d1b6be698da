/* scmm-pipeline-diagram.c: the stages of one SCMM step as boxes and arrows
 *
 * Drawn with cairo and Pango on a six-column grid: the top row holds the
 * six stages from x to L_C, the bottom row the aggregator under S and the
 * decoder, L_R and L to its left, so that the path of the data turns back
 * as in the paper's figure. The lit box is filled with the accent colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <glib/gi18n.h>

#include "scmm-pipeline-diagram.h"

#define COLUMNS    6
#define MARGIN     12.0
#define ROW_GAP    34.0
#define LANE       18.0   /* below the bottom row: the L_C -> L wire */
#define ACCENT_R   0.21
#define ACCENT_G   0.52
#define ACCENT_B   0.89

struct _ScmmPipelineDiagram
{
  GtkWidget      parent_instance;

  ScmmTeachStage stage;
  char          *titles[SCMM_TEACH_N_STAGES];
  char          *details[SCMM_TEACH_N_STAGES];
};

G_DEFINE_FINAL_TYPE (ScmmPipelineDiagram, scmm_pipeline_diagram, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STAGE,
  N_PROPS
};

enum {
  STAGE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Where each stage sits: column and row. */
static const struct { int column, row; } cells[SCMM_TEACH_N_STAGES] = {
  [SCMM_TEACH_STAGE_INPUT] = { 0, 0 },
  [SCMM_TEACH_STAGE_MASKING] = { 1, 0 },
  [SCMM_TEACH_STAGE_ENCODER] = { 2, 0 },
  [SCMM_TEACH_STAGE_PROJECTOR] = { 3, 0 },
  [SCMM_TEACH_STAGE_SIMILARITY] = { 4, 0 },
  [SCMM_TEACH_STAGE_CONTRASTIVE] = { 5, 0 },
  [SCMM_TEACH_STAGE_AGGREGATOR] = { 4, 1 },
  [SCMM_TEACH_STAGE_DECODER] = { 3, 1 },
  [SCMM_TEACH_STAGE_RECONSTRUCTION_LOSS] = { 2, 1 },
  [SCMM_TEACH_STAGE_TOTAL_LOSS] = { 1, 1 },
};

static const char *
default_title (ScmmTeachStage stage)
{
  switch (stage)
    {
    case SCMM_TEACH_STAGE_INPUT: return _("Input x");
    case SCMM_TEACH_STAGE_MASKING: return _("Hybrid masking");
    case SCMM_TEACH_STAGE_ENCODER: return _("Encoder E");
    case SCMM_TEACH_STAGE_PROJECTOR: return _("Projector P");
    case SCMM_TEACH_STAGE_SIMILARITY: return _("Similarity S");
    case SCMM_TEACH_STAGE_CONTRASTIVE: return _("Soft contrastive L<sub>C</sub>");
    case SCMM_TEACH_STAGE_AGGREGATOR: return _("Aggregator R");
    case SCMM_TEACH_STAGE_DECODER: return _("Decoder D → x̂");
    case SCMM_TEACH_STAGE_RECONSTRUCTION_LOSS: return _("Reconstruction L<sub>R</sub>");
    case SCMM_TEACH_STAGE_TOTAL_LOSS: return _("Total loss L");
    case SCMM_TEACH_N_STAGES:
    default: return "";
    }
}

GtkWidget *
scmm_pipeline_diagram_new (void)
{
  return g_object_new (SCMM_TYPE_PIPELINE_DIAGRAM, NULL);
}

void
scmm_pipeline_diagram_set_stage (ScmmPipelineDiagram *self,
                                 ScmmTeachStage       stage)
{
  g_return_if_fail (SCMM_IS_PIPELINE_DIAGRAM (self));
  g_return_if_fail (stage < SCMM_TEACH_N_STAGES);

  if (self->stage == stage)
    return;
  self->stage = stage;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

ScmmTeachStage
scmm_pipeline_diagram_get_stage (ScmmPipelineDiagram *self)
{
  g_return_val_if_fail (SCMM_IS_PIPELINE_DIAGRAM (self), SCMM_TEACH_STAGE_INPUT);
  return self->stage;
}

void
scmm_pipeline_diagram_set_box_text (ScmmPipelineDiagram *self,
                                    ScmmTeachStage       stage,
                                    const char          *title,
                                    const char          *detail_markup)
{
  g_return_if_fail (SCMM_IS_PIPELINE_DIAGRAM (self));
  g_return_if_fail (stage < SCMM_TEACH_N_STAGES);

  g_free (self->titles[stage]);
  self->titles[stage] = g_strdup (title);
  g_free (self->details[stage]);
  self->details[stage] = g_strdup (detail_markup);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The geometry of the grid at a size. */
typedef struct {
  double box_w, box_h, gap, x0, y0;
} Grid;

static Grid
grid_for (double width, double height)
{
  Grid g;
  g.gap = CLAMP (width * 0.025, 18.0, 40.0);
  g.box_w = (width - 2 * MARGIN - (COLUMNS - 1) * g.gap) / COLUMNS;
  g.box_h = (height - 2 * MARGIN - ROW_GAP - LANE) / 2;
  g.x0 = MARGIN;
  g.y0 = MARGIN;
  return g;
}

static graphene_rect_t
box_rect (const Grid *g, ScmmTeachStage stage)
{
  graphene_rect_t r;
  graphene_rect_init (&r, g->x0 + cells[stage].column * (g->box_w + g->gap),
                      g->y0 + cells[stage].row * (g->box_h + ROW_GAP), g->box_w, g->box_h);
  return r;
}

gboolean
scmm_pipeline_diagram_get_box (ScmmPipelineDiagram *self,
                               ScmmTeachStage       stage,
                               graphene_rect_t     *rect)
{
  g_return_val_if_fail (SCMM_IS_PIPELINE_DIAGRAM (self), FALSE);
  g_return_val_if_fail (stage < SCMM_TEACH_N_STAGES, FALSE);

  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    return FALSE;
  Grid g = grid_for (width, height);
  *rect = box_rect (&g, stage);
  return TRUE;
}

int
scmm_pipeline_diagram_stage_at (ScmmPipelineDiagram *self,
                                double               x,
                                double               y)
{
  for (int s = 0; s < SCMM_TEACH_N_STAGES; s++)
    {
      graphene_rect_t r;
      if (scmm_pipeline_diagram_get_box (self, s, &r)
          && graphene_rect_contains_point (&r, &GRAPHENE_POINT_INIT (x, y)))
        return s;
    }
  return -1;
}

static void
rounded_rect (cairo_t *cr, const graphene_rect_t *r, double radius)
{
  double x = r->origin.x, y = r->origin.y, w = r->size.width, h = r->size.height;
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A line from (x1, y1) to (x2, y2) with a filled head at the end. */
static void
arrow (cairo_t *cr, double x1, double y1, double x2, double y2)
{
  const double head = 9.0;
  double angle = atan2 (y2 - y1, x2 - x1);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2 - head * 0.8 * cos (angle), y2 - head * 0.8 * sin (angle));
  cairo_stroke (cr);
  cairo_move_to (cr, x2, y2);
  cairo_line_to (cr, x2 - head * cos (angle - 0.45), y2 - head * sin (angle - 0.45));
  cairo_line_to (cr, x2 - head * cos (angle + 0.45), y2 - head * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Centred text in a box at a point size, wrapped to `width`; returns its height. */
static double
text_height (PangoLayout *layout)
{
  int w, h;
  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static PangoLayout *
box_layout (GtkWidget *widget, const char *markup, double points, gboolean bold, double width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  PangoFontDescription *font = pango_font_description_copy (
    pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  pango_font_description_set_size (font, (int) (points * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -3);   /* at most 3 lines */
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

#define PAD 8.0

static const char *
title_of (ScmmPipelineDiagram *self, ScmmTeachStage stage)
{
  return self->titles[stage] != NULL ? self->titles[stage] : default_title (stage);
}

/* The largest title size (points, 9 to 16) at which every title fits its
 * box on one line: all boxes share it. */
static double
fit_title_points (ScmmPipelineDiagram *self, const Grid *g)
{
  double points = 16.0;
  for (; points > 9.0; points -= 0.5)
    {
      gboolean fits = TRUE;
      for (int s = 0; s < SCMM_TEACH_N_STAGES && fits; s++)
        {
          g_autoptr (PangoLayout) t = box_layout (GTK_WIDGET (self), title_of (self, s), points,
                                                  TRUE, -1);
          int w, h;
          pango_layout_get_pixel_size (t, &w, &h);
          fits = w <= g->box_w - 2 * PAD;
        }
      if (fits)
        break;
    }
  return points;
}

static void
draw_box (ScmmPipelineDiagram *self, cairo_t *cr, const Grid *g, ScmmTeachStage stage,
          double title_pt, const GdkRGBA *fg)
{
  GtkWidget *widget = GTK_WIDGET (self);
  graphene_rect_t r = box_rect (g, stage);
  gboolean lit = stage == self->stage;
  double detail_pt = MAX (9.0, title_pt * 0.8);

  rounded_rect (cr, &r, 10);
  if (lit)
    cairo_set_source_rgb (cr, ACCENT_R, ACCENT_G, ACCENT_B);
  else
    cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.07);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, lit ? 3.0 : 1.5);
  if (lit)
    cairo_set_source_rgb (cr, ACCENT_R * 0.7, ACCENT_G * 0.7, ACCENT_B * 0.7);
  else
    cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.45);
  cairo_stroke (cr);

  const double pad = PAD;
  const char *title = title_of (self, stage);
  g_autoptr (PangoLayout) t = box_layout (widget, title, title_pt, TRUE, r.size.width - 2 * pad);
  g_autoptr (PangoLayout) d = NULL;
  double h = text_height (t);
  if (self->details[stage] != NULL)
    {
      /* smaller, down to 8 pt, until it fits under the title */
      for (;; detail_pt -= 0.5)
        {
          g_clear_object (&d);
          d = box_layout (widget, self->details[stage], detail_pt, FALSE, r.size.width - 2 * pad);
          if (detail_pt <= 8.0 || h + 4 + text_height (d) <= r.size.height - 6)
            break;
        }
      h += 4 + text_height (d);
    }
  double y = r.origin.y + MAX (pad, (r.size.height - h) / 2);
  if (lit)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    gdk_cairo_set_source_rgba (cr, fg);
  cairo_move_to (cr, r.origin.x + pad, y);
  pango_cairo_show_layout (cr, t);
  if (d != NULL)
    {
      cairo_move_to (cr, r.origin.x + pad, y + text_height (t) + 4);
      pango_cairo_show_layout (cr, d);
    }
}

static void
draw_arrows (cairo_t *cr, const Grid *g, const GdkRGBA *fg)
{
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7);
  cairo_set_line_width (cr, 2.0);
  /* top row, left to right */
  for (int s = SCMM_TEACH_STAGE_INPUT; s < SCMM_TEACH_STAGE_CONTRASTIVE; s++)
    {
      graphene_rect_t a = box_rect (g, s), b = box_rect (g, s + 1);
      double y = a.origin.y + a.size.height / 2;
      arrow (cr, a.origin.x + a.size.width + 2, y, b.origin.x - 2, y);
    }
  /* S down to the aggregator */
  graphene_rect_t s = box_rect (g, SCMM_TEACH_STAGE_SIMILARITY);
  graphene_rect_t agg = box_rect (g, SCMM_TEACH_STAGE_AGGREGATOR);
  double x = s.origin.x + s.size.width / 2;
  arrow (cr, x, s.origin.y + s.size.height + 2, x, agg.origin.y - 2);
  /* bottom row, right to left */
  for (int k = SCMM_TEACH_STAGE_AGGREGATOR; k < SCMM_TEACH_STAGE_TOTAL_LOSS; k++)
    {
      graphene_rect_t a = box_rect (g, k), b = box_rect (g, k + 1);
      double y = a.origin.y + a.size.height / 2;
      arrow (cr, a.origin.x - 2, y, b.origin.x + b.size.width + 2, y);
    }
  /* L_C down and along the lane to L */
  graphene_rect_t lc = box_rect (g, SCMM_TEACH_STAGE_CONTRASTIVE);
  graphene_rect_t total = box_rect (g, SCMM_TEACH_STAGE_TOTAL_LOSS);
  double lane = agg.origin.y + agg.size.height + LANE * 0.6;
  double xl = lc.origin.x + lc.size.width / 2, xt = total.origin.x + total.size.width / 2;
  cairo_move_to (cr, xl, lc.origin.y + lc.size.height + 2);
  cairo_line_to (cr, xl, lane);
  cairo_line_to (cr, xt, lane);
  cairo_stroke (cr);
  arrow (cr, xt, lane, xt, total.origin.y + total.size.height + 2);
}

static void
scmm_pipeline_diagram_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  ScmmPipelineDiagram *self = SCMM_PIPELINE_DIAGRAM (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkRGBA fg;

  if (width <= 0 || height <= 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  Grid g = grid_for (width, height);
  draw_arrows (cr, &g, &fg);
  double title_pt = fit_title_points (self, &g);
  for (int s = 0; s < SCMM_TEACH_N_STAGES; s++)
    draw_box (self, cr, &g, s, title_pt, &fg);
  if (gtk_widget_has_visible_focus (widget))
    {
      graphene_rect_t r = box_rect (&g, self->stage);
      graphene_rect_inset (&r, -4, -4);
      rounded_rect (cr, &r, 12);
      cairo_set_source_rgba (cr, ACCENT_R, ACCENT_G, ACCENT_B, 0.6);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
scmm_pipeline_diagram_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  const gboolean across = orientation == GTK_ORIENTATION_HORIZONTAL;

  /* two rows of boxes: wide, and tall enough for two lines of detail */
  *minimum = across ? 600 : 230;
  *natural = across ? 1200 : 270;
}

static void
on_pressed (GtkGestureClick     *gesture,
            int                  n_press,
            double               x,
            double               y,
            ScmmPipelineDiagram *self)
{
  int stage = scmm_pipeline_diagram_stage_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (stage < 0)
    return;
  scmm_pipeline_diagram_set_stage (self, stage);
  g_signal_emit (self, signals[STAGE_ACTIVATED], 0, stage);
}

static void
scmm_pipeline_diagram_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ScmmPipelineDiagram *self = SCMM_PIPELINE_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_pipeline_diagram_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ScmmPipelineDiagram *self = SCMM_PIPELINE_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      scmm_pipeline_diagram_set_stage (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_pipeline_diagram_finalize (GObject *object)
{
  ScmmPipelineDiagram *self = SCMM_PIPELINE_DIAGRAM (object);

  for (int s = 0; s < SCMM_TEACH_N_STAGES; s++)
    {
      g_free (self->titles[s]);
      g_free (self->details[s]);
    }
  G_OBJECT_CLASS (scmm_pipeline_diagram_parent_class)->finalize (object);
}

static void
scmm_pipeline_diagram_class_init (ScmmPipelineDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = scmm_pipeline_diagram_get_property;
  object_class->set_property = scmm_pipeline_diagram_set_property;
  object_class->finalize = scmm_pipeline_diagram_finalize;
  widget_class->snapshot = scmm_pipeline_diagram_snapshot;
  widget_class->measure = scmm_pipeline_diagram_measure;

  /**
   * ScmmPipelineDiagram:stage:
   *
   * The lit stage (a ScmmTeachStage).
   */
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, 0, SCMM_TEACH_N_STAGES - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScmmPipelineDiagram::stage-activated:
   * @stage: the stage whose box was clicked
   */
  signals[STAGE_ACTIVATED] =
    g_signal_new ("stage-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "pipelinediagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
scmm_pipeline_diagram_init (ScmmPipelineDiagram *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The stages of one pre-training step"), -1);
}
