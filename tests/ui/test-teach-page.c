/* test-teach-page.c: the Teach page on the built-in demo corpus
 * - a screenshot per stage (kept with SCMM_SCREENSHOT_DIR): the lit box of
 *   the diagram is the stage's and no other; the stage's view is shown;
 *   S's diagonal is at the top of its scale; the masked view's cells are
 *   grey exactly where the session's keep says;
 * - the keys of a presenter's clicker: Page Down, Right, Space go on, Page
 *   Up, Left, BackSpace go back, Home and End to the ends (the bindings are
 *   looked up in the page's shortcuts and activated); then as real key
 *   events through the X server (XTest): after the page is shown, after a
 *   click on a figure, in a spin button (Page Down moves, Right edits,
 *   Escape gives the keys back), after a click on the diagram, and with the
 *   focus on a button outside the page; b and period change nothing;
 * - at the default window size (1200 x 800) the page fits, text a size
 *   smaller;
 * - changing tau recomputes at once: R's figure and the L_C shown are the
 *   engine's new ones, S is not changed (it has no tau);
 * - Train runs on a worker: steps_trained advances and the main loop is
 *   never blocked longer than 100 ms;
 * - the corpus: the Experiment page's source, the Data page's corpus, and a
 *   corpus that cannot be opened (an error naming it; the batch shown stays).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "scmm-checkpoint.h"
#include "scmm-figure-view.h"
#include "scmm-masks-view.h"
#include "scmm-resources.h"
#include "scmm-similarity-view.h"
#include "scmm-teach-page.h"
#include "scmm-test-screenshot.h"

#define WAIT_MS 30000
#define MISSING_GREY 0xbdbdbd

static GtkWidget *window;
static ScmmTeachPage *page;

static gboolean
has_session (gpointer user_data)
{
  return scmm_teach_page_get_session (user_data) != NULL;
}

static gboolean
not_training (gpointer user_data)
{
  return !scmm_teach_page_get_training (user_data);
}

/* The views crossfade: a screenshot waits for the new one alone. */
static gboolean
stack_settled (gpointer user_data)
{
  return !gtk_stack_get_transition_running (GTK_STACK (user_data));
}

/* ---- pixels ---- */

typedef struct {
  GdkTexture *texture;
  guchar     *bgra;
  int         width, height;
} Picture;

static Picture
picture_of (GtkWidget *widget)
{
  Picture pic;
  g_assert_true (scmm_test_wait_for_frames (widget, 3, WAIT_MS));
  pic.texture = scmm_test_screenshot (widget);
  g_assert_nonnull (pic.texture);
  pic.width = gdk_texture_get_width (pic.texture);
  pic.height = gdk_texture_get_height (pic.texture);
  pic.bgra = g_malloc ((gsize) pic.width * pic.height * 4);
  gdk_texture_download (pic.texture, pic.bgra, (gsize) pic.width * 4);
  return pic;
}

static void
picture_free (Picture *pic)
{
  g_clear_object (&pic->texture);
  g_clear_pointer (&pic->bgra, g_free);
}

/* 0xRRGGBB of the pixel at (x, y). */
static guint32
rgb_at (const Picture *pic, int x, int y)
{
  g_assert_true (x >= 0 && y >= 0 && x < pic->width && y < pic->height);
  const guchar *p = pic->bgra + ((gsize) y * pic->width + x) * 4;
  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static gboolean
rgb_near (guint32 a, guint32 b, int tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* The rectangle of a heatmap's cells in a figure drawn w x h, found by
 * where describe_at names something along the middle lines. */
static void
grid_rect (ScmmFigure *figure, int w, int h, int *x0, int *x1, int *y0, int *y1)
{
  *x0 = *x1 = *y0 = *y1 = -1;
  for (int x = 0; x < w; x++)
    {
      g_autofree char *t = scmm_figure_describe_at (figure, w, h, x + 0.5, h / 2.0);
      if (t != NULL && *x0 < 0)
        *x0 = x;
      if (t != NULL)
        *x1 = x + 1;
    }
  int xm = (*x0 + *x1) / 2;
  for (int y = 0; y < h; y++)
    {
      g_autofree char *t = scmm_figure_describe_at (figure, w, h, xm + 0.5, y + 0.5);
      if (t != NULL && *y0 < 0)
        *y0 = y;
      if (t != NULL)
        *y1 = y + 1;
    }
  g_assert_cmpint (*x0, >=, 0);
  g_assert_cmpint (*y0, >=, 0);
}

/* The widget of a type under `widget`, breadth first, after `skip` others. */
static GtkWidget *
find_widget (GtkWidget *widget, GType type, int skip)
{
  GPtrArray *todo = g_ptr_array_new ();
  GtkWidget *found = NULL;
  g_ptr_array_add (todo, widget);
  for (guint i = 0; i < todo->len && found == NULL; i++)
    {
      GtkWidget *w = g_ptr_array_index (todo, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && skip-- == 0)
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (todo, c);
    }
  g_ptr_array_unref (todo);
  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
first_figure_view (GtkWidget *widget, int skip)
{
  return find_widget (widget, SCMM_TYPE_FIGURE_VIEW, skip);
}

/* ---- stages ---- */

static const char *const stage_views[SCMM_TEACH_N_STAGES] = {
  "input", "masks", "h", "z", "similarity", "similarity", "similarity", "reconstruction",
  "errors", "terms",
};

static void
assert_lit (ScmmTeachStage stage)
{
  ScmmPipelineDiagram *diagram = scmm_teach_page_get_diagram (page);
  Picture pic = picture_of (GTK_WIDGET (diagram));
  const guint32 accent = 0x3585e3;   /* rgb (0.21, 0.52, 0.89) */
  for (int s = 0; s < SCMM_TEACH_N_STAGES; s++)
    {
      graphene_rect_t r;
      g_assert_true (scmm_pipeline_diagram_get_box (diagram, s, &r));
      /* inside the box, left of its centred text */
      guint32 rgb = rgb_at (&pic, (int) r.origin.x + 6, (int) (r.origin.y + r.size.height - 8));
      if (rgb_near (rgb, accent, 12) != (s == (int) stage))
        g_error ("stage %d lit: box %d is #%06x", stage, s, rgb);
    }
  picture_free (&pic);
}

/* The masked view of the masks stage: grey cells exactly where keep is 0. */
static void
assert_masks (void)
{
  ScmmTeachSession *session = scmm_teach_page_get_session (page);
  const ScmmPretrainStep *step = scmm_teach_session_get_step (session);
  const int C = step->dims.conv[0].in_ch, F = step->dims.conv[0].in_len;
  const int sample = scmm_teach_page_get_sample (page);
  const guint8 *keep = scmm_teach_session_get_keep (session) + (gsize) sample * C * F;
  GtkWidget *view = first_figure_view (scmm_teach_page_get_stage_view (page), 1);
  Picture pic = picture_of (view);
  int x0, x1, y0, y1, masked = 0;
  grid_rect (scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view)), pic.width, pic.height,
             &x0, &x1, &y0, &y1);
  for (int c = 0; c < C; c++)
    for (int f = 0; f < F; f++)
      {
        int x = x0 + (int) ((f + 0.5) * (x1 - x0) / F), y = y0 + (int) ((c + 0.5) * (y1 - y0) / C);
        gboolean grey = rgb_near (rgb_at (&pic, x, y), MISSING_GREY, 6);
        if (grey != !keep[c * F + f])
          g_error ("channel %d band %d: keep %d, pixel #%06x", c, f, keep[c * F + f],
                   rgb_at (&pic, x, y));
        masked += !keep[c * F + f];
      }
  g_test_message ("sample %d: %d of %d cells masked, grey on screen", sample, masked, C * F);
  g_assert_cmpint (masked, >, 0);
  picture_free (&pic);
}

/* S's heatmap (cosines on [-1, 1]): the diagonal, 1, is the red end; the
 * mean cell is far from it. */
static void
assert_s_diagonal (void)
{
  const ScmmPretrainStep *step = scmm_teach_session_get_step (scmm_teach_page_get_session (page));
  GtkWidget *view = first_figure_view (scmm_teach_page_get_stage_view (page), 0);
  Picture pic = picture_of (view);
  int x0, x1, y0, y1, n = step->n, red = 0, checked = 0;
  grid_rect (scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view)), pic.width, pic.height,
             &x0, &x1, &y0, &y1);
  g_assert_cmpint (x1 - x0, >=, n);   /* a pixel or more a cell */
  /* the selected row is drawn highlighted: left out */
  const int selected = scmm_teach_page_get_sample (page);
  const int b = step->b;
  for (int i = 0; i < n; i += 3)
    {
      /* off the blocks' labels (their first rows) and outlines */
      if (i == selected || i % b < 12 || i % b > b - 3)
        continue;
      checked++;
      int x = x0 + (int) ((i + 0.5) * (x1 - x0) / n), y = y0 + (int) ((i + 0.5) * (y1 - y0) / n);
      guint32 rgb = rgb_at (&pic, x, y);
      int r = rgb >> 16, blue = rgb & 0xff;
      if (r > 150 && r - blue > 80)
        red++;
      else
        g_test_message ("S[%d, %d] at (%d, %d) is #%06x", i, i, x, y, rgb);
    }
  g_test_message ("S: %d of %d diagonal cells at the red end", red, checked);
  g_assert_cmpint (red, ==, checked);
  picture_free (&pic);
}

static void
test_stages (void)
{
  gtk_widget_activate_action (GTK_WIDGET (page), "teach.first", NULL);
  for (int s = 0; s < SCMM_TEACH_N_STAGES; s++)
    {
      g_assert_cmpint (scmm_teach_page_get_stage (page), ==, s);
      g_assert_cmpint (scmm_pipeline_diagram_get_stage (scmm_teach_page_get_diagram (page)), ==, s);
      GtkWidget *view = scmm_teach_page_get_stage_view (page);
      GtkStack *stack = GTK_STACK (gtk_widget_get_parent (view));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, stage_views[s]);
      g_assert_true (scmm_test_wait_until (stack_settled, stack, WAIT_MS));
      g_assert_true (scmm_test_wait_for_frames (window, 4, WAIT_MS));
      g_autoptr (GdkTexture) shot = scmm_test_screenshot (window);
      g_autofree char *name = g_strdup_printf ("teach-stage-%02d", s + 1);
      g_autofree char *path = scmm_test_save_screenshot (shot, name);
      if (path != NULL)
        g_test_message ("%s", path);
      assert_lit (s);
      if (s == SCMM_TEACH_STAGE_MASKING)
        assert_masks ();
      if (s == SCMM_TEACH_STAGE_SIMILARITY)
        assert_s_diagonal ();
      gtk_widget_activate_action (GTK_WIDGET (page), "teach.next", NULL);
    }
  /* past the last stage it stays there */
  g_assert_cmpint (scmm_teach_page_get_stage (page), ==, SCMM_TEACH_N_STAGES - 1);
}

/* ---- keys ---- */

static gboolean
stage_is (gpointer user_data)
{
  return (int) scmm_teach_page_get_stage (page) == GPOINTER_TO_INT (user_data);
}

/* Whether a page (user_data) is at the masking stage, at the input. */
static gboolean
at_masking (gpointer user_data)
{
  return scmm_teach_page_get_stage (user_data) == SCMM_TEACH_STAGE_MASKING;
}

static gboolean
at_input (gpointer user_data)
{
  return scmm_teach_page_get_stage (user_data) == SCMM_TEACH_STAGE_INPUT;
}

static GtkWidget *
focus_widget (void)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* The focus is on a widget that lets the stage keys through: not text
 * being edited, not a selectable label. */
static void
assert_focus_lets_keys_through (const char *after)
{
  GtkWidget *focus = focus_widget ();
  g_test_message ("after %s the focus is a %s", after,
                  focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "(none)");
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (page)));
  g_assert_false (GTK_IS_EDITABLE (focus));
  g_assert_false (GTK_IS_LABEL (focus) && gtk_label_get_selectable (GTK_LABEL (focus)));
}

/* A real key press (XTest) and the stage it must lead to. */
static void
real_key (guint keyval, ScmmTeachStage expected)
{
  g_assert_true (scmm_test_send_key (window, keyval));
  if (!scmm_test_wait_until (stage_is, GINT_TO_POINTER (expected), 5000))
    g_error ("%s: stage %d, not %d (focus on a %s)", gdk_keyval_name (keyval),
             scmm_teach_page_get_stage (page), expected,
             focus_widget () != NULL ? G_OBJECT_TYPE_NAME (focus_widget ()) : "(none)");
}

/* A real key press that must leave the stage as it is. */
static void
real_key_ignored (guint keyval)
{
  ScmmTeachStage stage = scmm_teach_page_get_stage (page);
  g_assert_true (scmm_test_send_key (window, keyval));
  g_assert_false (scmm_test_wait_until (stage_is, GINT_TO_POINTER (stage == 0 ? 1 : stage - 1),
                                        300));
  g_assert_cmpint (scmm_teach_page_get_stage (page), ==, stage);
}

static gboolean
focus_on_diagram (gpointer user_data)
{
  return focus_widget () == GTK_WIDGET (scmm_teach_page_get_diagram (page));
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

/* Clicks at the middle of `widget` with the real pointer, then parks it
 * (after the tooltip delay and more: a tooltip shown must not close at
 * once). */
static void
real_click (GtkWidget *widget, double x, double y)
{
  g_assert_true (scmm_test_click (widget, x, y));
  g_assert_false (scmm_test_wait_until (never, NULL, 1100));   /* the main loop runs 1.1 s */
  scmm_test_park_pointer ();
}

/* The keys of a clicker as the X server sends them: after the page is
 * shown, after a click on a figure, in a spin button (Page Down still
 * moves, the arrows edit, Escape gives the keys back), after a click on
 * the diagram; b and period (blank screen) do nothing. */
static void
test_real_keys (void)
{
  if (!scmm_test_xtest_available ())
    {
      g_test_skip ("no XTest (libXtst.so.6) to send real key events");
      return;
    }
  scmm_teach_page_set_stage (page, SCMM_TEACH_STAGE_INPUT);
  /* the page shown again: the focus is its own */
  gtk_widget_set_visible (GTK_WIDGET (page), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (page), TRUE);
  g_assert_true (scmm_test_wait_for_frames (window, 3, WAIT_MS));
  assert_focus_lets_keys_through ("showing the page");
  real_key (GDK_KEY_Page_Down, SCMM_TEACH_STAGE_MASKING);
  real_key (GDK_KEY_Right, SCMM_TEACH_STAGE_ENCODER);
  real_key (GDK_KEY_space, SCMM_TEACH_STAGE_PROJECTOR);
  real_key (GDK_KEY_Page_Up, SCMM_TEACH_STAGE_ENCODER);
  real_key (GDK_KEY_Left, SCMM_TEACH_STAGE_MASKING);
  real_key (GDK_KEY_BackSpace, SCMM_TEACH_STAGE_INPUT);
  real_key (GDK_KEY_End, SCMM_TEACH_STAGE_TOTAL_LOSS);
  real_key (GDK_KEY_Home, SCMM_TEACH_STAGE_INPUT);
  real_key_ignored (GDK_KEY_b);
  real_key_ignored (GDK_KEY_period);

  /* a click on a row of the input's figure selects that window and takes
   * the focus; the keys go on working */
  GtkWidget *view = scmm_teach_page_get_stage_view (page);
  g_assert_true (SCMM_IS_FIGURE_VIEW (view));
  g_assert_true (scmm_test_wait_until (stack_settled, gtk_widget_get_parent (view), WAIT_MS));
  int x0, x1, y0, y1;
  grid_rect (scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view)), gtk_widget_get_width (view),
             gtk_widget_get_height (view), &x0, &x1, &y0, &y1);
  const int b = scmm_teach_session_get_batch_size (scmm_teach_page_get_session (page));
  const int row = 7;
  real_click (view, (x0 + x1) / 2.0, y0 + (row + 0.5) * (y1 - y0) / b);
  g_assert_cmpint (scmm_teach_page_get_sample (page), ==, row);
  assert_focus_lets_keys_through ("clicking a figure");
  real_key (GDK_KEY_Page_Down, SCMM_TEACH_STAGE_MASKING);
  real_key (GDK_KEY_Right, SCMM_TEACH_STAGE_ENCODER);
  real_key (GDK_KEY_space, SCMM_TEACH_STAGE_PROJECTOR);
  real_key (GDK_KEY_Left, SCMM_TEACH_STAGE_ENCODER);

  /* in a spin button's text: Page Down moves on, Right edits, Escape gives
   * the focus back to the diagram */
  GtkWidget *spin = GTK_WIDGET (scmm_teach_page_get_param_spin (page, "ratio"));
  real_click (spin, 12, gtk_widget_get_height (spin) / 2.0);
  g_assert_true (GTK_IS_EDITABLE (focus_widget ()));
  g_assert_true (gtk_widget_is_ancestor (focus_widget (), spin));
  real_key (GDK_KEY_Page_Down, SCMM_TEACH_STAGE_PROJECTOR);
  real_key_ignored (GDK_KEY_Right);
  g_assert_true (scmm_test_send_key (window, GDK_KEY_Escape));
  g_assert_true (scmm_test_wait_until (focus_on_diagram, NULL, 5000));
  assert_focus_lets_keys_through ("Escape in a spin button");
  real_key (GDK_KEY_Right, SCMM_TEACH_STAGE_SIMILARITY);

  /* back in the spin button, then a click on the diagram's box of the
   * decoder: that stage, and the keys are the page's again */
  real_click (spin, 12, gtk_widget_get_height (spin) / 2.0);
  g_assert_true (GTK_IS_EDITABLE (focus_widget ()));
  ScmmPipelineDiagram *diagram = scmm_teach_page_get_diagram (page);
  graphene_rect_t r;
  g_assert_true (scmm_pipeline_diagram_get_box (diagram, SCMM_TEACH_STAGE_DECODER, &r));
  real_click (GTK_WIDGET (diagram), r.origin.x + r.size.width / 2, r.origin.y + r.size.height / 2);
  g_assert_cmpint (scmm_teach_page_get_stage (page), ==, SCMM_TEACH_STAGE_DECODER);
  assert_focus_lets_keys_through ("clicking the diagram");
  real_key (GDK_KEY_space, SCMM_TEACH_STAGE_RECONSTRUCTION_LOSS);
  real_key (GDK_KEY_Page_Up, SCMM_TEACH_STAGE_DECODER);
  scmm_teach_page_set_sample (page, 0);
}

/* The action a key is bound to in the page's shortcuts (class bindings). */
static char *
action_for_key (guint keyval)
{
  g_autoptr (GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, 0);
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);
      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted)
              && GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }
  return NULL;
}

static void
press (guint keyval)
{
  g_autofree char *action = action_for_key (keyval);
  if (action == NULL)
    g_error ("no binding for %s", gdk_keyval_name (keyval));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), action, NULL));
}

static void
test_keys (void)
{
  scmm_teach_page_set_stage (page, SCMM_TEACH_STAGE_INPUT);
  press (GDK_KEY_Page_Down);
  g_assert_cmpint (scmm_teach_page_get_stage (page), ==, SCMM_TEACH_STAGE_MASKING);
  press (GDK_KEY_Right);
  press (GDK_KEY_space);
  g_assert_cmpint (scmm_teach_page_get_stage (page), ==, SCMM_TEACH_STAGE_PROJECTOR);
  press (GDK_KEY_Page_Up);
  g_assert_cmpint (scmm_teach_page_get_stage (page), ==, SCMM_TEACH_STAGE_ENCODER);
  press (GDK_KEY_Left);
  press (GDK_KEY_BackSpace);
  g_assert_cmpint (scmm_teach_page_get_stage (page), ==, SCMM_TEACH_STAGE_INPUT);
  press (GDK_KEY_Left);   /* stays at the first */
  g_assert_cmpint (scmm_teach_page_get_stage (page), ==, SCMM_TEACH_STAGE_INPUT);
  press (GDK_KEY_End);
  g_assert_cmpint (scmm_teach_page_get_stage (page), ==, SCMM_TEACH_STAGE_TOTAL_LOSS);
  press (GDK_KEY_Home);
  g_assert_cmpint (scmm_teach_page_get_stage (page), ==, SCMM_TEACH_STAGE_INPUT);

  /* P plays: the stage moves on by itself, P again stops */
  g_autofree char *play = action_for_key (GDK_KEY_p);
  g_autofree char *play_return = action_for_key (GDK_KEY_Return);
  g_assert_cmpstr (play, ==, "teach.play");
  g_assert_cmpstr (play_return, ==, "teach.play");
  g_autofree char *train = action_for_key (GDK_KEY_t);
  g_assert_cmpstr (train, ==, "teach.train");

  /* a click on a box goes to its stage */
  ScmmPipelineDiagram *diagram = scmm_teach_page_get_diagram (page);
  graphene_rect_t r;
  g_assert_true (scmm_pipeline_diagram_get_box (diagram, SCMM_TEACH_STAGE_AGGREGATOR, &r));
  g_assert_cmpint (scmm_pipeline_diagram_stage_at (diagram, r.origin.x + r.size.width / 2,
                                                   r.origin.y + r.size.height / 2),
                   ==, SCMM_TEACH_STAGE_AGGREGATOR);
  g_signal_emit_by_name (diagram, "stage-activated", SCMM_TEACH_STAGE_AGGREGATOR);
  g_assert_cmpint (scmm_teach_page_get_stage (page), ==, SCMM_TEACH_STAGE_AGGREGATOR);
}


static gboolean
play_stopped (gpointer user_data)
{
  return !scmm_teach_page_get_playing (user_data);
}

static void
test_play (void)
{
  const guint ms = 400;
  scmm_teach_page_set_play_interval (page, ms);
  scmm_teach_page_set_stage (page, SCMM_TEACH_STAGE_ENCODER);
  press (GDK_KEY_p);
  g_assert_true (scmm_teach_page_get_playing (page));
  g_assert_true (scmm_test_wait_until (stage_is, GINT_TO_POINTER (SCMM_TEACH_STAGE_PROJECTOR),
                                       ms + 3000));
  press (GDK_KEY_p);
  g_assert_false (scmm_teach_page_get_playing (page));
  g_assert_false (scmm_test_wait_until (stage_is, GINT_TO_POINTER (SCMM_TEACH_STAGE_SIMILARITY),
                                        3 * ms));
  /* played to the end, it stops there */
  scmm_teach_page_set_stage (page, SCMM_TEACH_STAGE_RECONSTRUCTION_LOSS);
  press (GDK_KEY_Return);
  g_assert_true (scmm_teach_page_get_playing (page));
  g_assert_true (scmm_test_wait_until (stage_is, GINT_TO_POINTER (SCMM_TEACH_STAGE_TOTAL_LOSS),
                                       ms + 3000));
  g_assert_true (scmm_test_wait_until (play_stopped, page, 3 * ms + 3000));
  scmm_teach_page_set_play_interval (page, SCMM_TEACH_PLAY_MS);
}

/* ---- settings ---- */

static void
test_tau (void)
{
  ScmmTeachSession *session = scmm_teach_page_get_session (page);
  const ScmmPretrainStep *step = scmm_teach_session_get_step (session);
  scmm_teach_page_set_stage (page, SCMM_TEACH_STAGE_AGGREGATOR);
  GtkWidget *view = first_figure_view (scmm_teach_page_get_stage_view (page), 0);
  g_assert_true (scmm_test_wait_for_frames (view, 3, WAIT_MS));
  ScmmFigure *figure = scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view));
  guint64 revision = scmm_figure_get_revision (figure);
  g_autofree float *S = g_memdup2 (step->S, sizeof (float) * step->n * step->n);
  g_autofree float *R = g_memdup2 (step->R, sizeof (float) * step->n * step->n);
  double lc = step->result.loss_c;

  gint64 t0 = g_get_monotonic_time ();
  gtk_spin_button_set_value (scmm_teach_page_get_param_spin (page, "tau"), 0.5);
  double ms = (g_get_monotonic_time () - t0) / 1000.0;
  g_test_message ("tau 0.05 -> 0.5: recomputed and shown in %.1f ms; L_C %.4f -> %.4f", ms, lc,
                  step->result.loss_c);

  ScmmTeachParams p;
  scmm_teach_session_get_params (session, &p);
  g_assert_cmpfloat (p.tau, ==, 0.5f);
  g_assert_true (memcmp (S, step->S, sizeof (float) * step->n * step->n) == 0);
  g_assert_false (memcmp (R, step->R, sizeof (float) * step->n * step->n) == 0);
  g_assert_cmpfloat (fabs (step->result.loss_c - lc), >, 1e-4);
  g_autofree char *shown = g_strdup_printf ("LC = %.4f", step->result.loss_c);   /* L<sub>C</sub> */
  g_assert_nonnull (strstr (scmm_teach_page_get_numbers_text (page), shown));
  g_assert_true (scmm_test_wait_for_frames (view, 3, WAIT_MS));
  g_assert_cmpuint (scmm_figure_get_revision (scmm_figure_view_get_figure (SCMM_FIGURE_VIEW (view))),
                    >, revision);
  /* the heatmap shows the new R: a cell's description has its value */
  g_autofree char *shot_name = g_strdup ("teach-tau-0.5");
  g_autoptr (GdkTexture) shot = scmm_test_screenshot (window);
  g_free (scmm_test_save_screenshot (shot, shot_name));

  /* a bad value is refused by the spin button's range; back to the default */
  gtk_widget_activate_action (GTK_WIDGET (page), "teach.reset", NULL);
  scmm_teach_session_get_params (session, &p);
  g_assert_cmpfloat (p.tau, ==, 0.05f);
  g_assert_cmpfloat (gtk_spin_button_get_value (scmm_teach_page_get_param_spin (page, "tau")), ==,
                     (double) 0.05f);
}

/* ---- training ---- */

static void
test_train (void)
{
  int before = scmm_teach_session_get_steps_trained (scmm_teach_page_get_session (page));
  double loss_before = scmm_teach_session_get_step (scmm_teach_page_get_session (page))->result.loss;
  gtk_spin_button_set_value (scmm_teach_page_get_param_spin (page, "steps"), 15);
  scmm_teach_page_set_stage (page, SCMM_TEACH_STAGE_TOTAL_LOSS);
  ScmmTestPulse pulse;
  scmm_test_pulse_start (&pulse);
  gint64 t0 = g_get_monotonic_time ();
  press (GDK_KEY_t);
  g_assert_true (scmm_teach_page_get_training (page));
  g_assert_null (scmm_teach_page_get_session (page));   /* the worker owns it */
  g_assert_true (scmm_test_wait_until (not_training, page, WAIT_MS));
  double seconds = (g_get_monotonic_time () - t0) / 1e6;
  scmm_test_pulse_stop (&pulse);
  ScmmTeachSession *session = scmm_teach_page_get_session (page);
  g_assert_nonnull (session);
  int after = scmm_teach_session_get_steps_trained (session);
  double loss_after = scmm_teach_session_get_step (session)->result.loss;
  g_test_message ("15 steps in %.2f s; longest main-loop gap %.1f ms wall, %.1f ms of the main "
                  "thread's processor time; batch L %.4f -> %.4f", seconds, pulse.longest_gap_us / 1000.0,
                  pulse.longest_cpu_gap_us / 1000.0, loss_before, loss_after);
  g_assert_cmpint (after, ==, before + 15);
  g_assert_cmpuint (pulse.ticks, >=, 3);
  g_assert_cmpint (pulse.longest_cpu_gap_us, <, 100000);
  g_autofree char *shown = g_strdup_printf ("%d steps trained", after);
  g_assert_nonnull (strstr (scmm_teach_page_get_numbers_text (page), shown));
  g_assert_true (scmm_test_wait_for_frames (window, 4, WAIT_MS));
  g_autoptr (GdkTexture) shot = scmm_test_screenshot (window);
  g_free (scmm_test_save_screenshot (shot, "teach-trained"));
}

static gboolean
has_trained (gpointer user_data)
{
  return scmm_teach_page_get_training (page)
         && gtk_progress_bar_get_fraction (user_data) > 0;
}

static void
test_stop (void)
{
  int before = scmm_teach_session_get_steps_trained (scmm_teach_page_get_session (page));
  gtk_spin_button_set_value (scmm_teach_page_get_param_spin (page, "steps"), 1000);
  GtkProgressBar *progress = GTK_PROGRESS_BAR (find_widget (GTK_WIDGET (page),
                                                            GTK_TYPE_PROGRESS_BAR, 0));
  gtk_widget_activate_action (GTK_WIDGET (page), "teach.train", NULL);
  g_assert_true (scmm_test_wait_until (has_trained, progress, WAIT_MS));
  gtk_widget_activate_action (GTK_WIDGET (page), "teach.stop", NULL);
  g_assert_true (scmm_test_wait_until (not_training, page, WAIT_MS));
  int after = scmm_teach_session_get_steps_trained (scmm_teach_page_get_session (page));
  g_test_message ("stopped after %d of 1000 steps", after - before);
  g_assert_cmpint (after, >, before);
  g_assert_cmpint (after, <, before + 1000);
  g_autofree char *shown = g_strdup_printf ("%d steps trained", after);
  g_assert_nonnull (strstr (scmm_teach_page_get_numbers_text (page), shown));
}

/* ---- linked views ---- */

static void
test_linked_views (void)
{
  const int b = scmm_teach_session_get_batch_size (scmm_teach_page_get_session (page));
  scmm_teach_page_set_stage (page, SCMM_TEACH_STAGE_SIMILARITY);
  ScmmSimilarityView *similarity = SCMM_SIMILARITY_VIEW (scmm_teach_page_get_stage_view (page));
  scmm_teach_page_set_stage (page, SCMM_TEACH_STAGE_MASKING);
  ScmmMasksView *masks = SCMM_MASKS_VIEW (scmm_teach_page_get_stage_view (page));

  /* a row of the masked copies in S selects its sample everywhere */
  scmm_similarity_view_set_row (similarity, b + 5);
  g_assert_cmpint (scmm_teach_page_get_sample (page), ==, 5);
  g_assert_cmpint (scmm_masks_view_get_sample (masks), ==, 5);
  g_assert_cmpint (scmm_similarity_view_get_row (similarity), ==, b + 5);
  /* a sample picked in the masks view moves S's row to its original */
  scmm_masks_view_set_sample (masks, 9);
  g_assert_cmpint (scmm_teach_page_get_sample (page), ==, 9);
  g_assert_cmpint (scmm_similarity_view_get_row (similarity), ==, 9);
  /* a click on a row of a heatmap of the page (h) */
  scmm_teach_page_set_stage (page, SCMM_TEACH_STAGE_ENCODER);
  g_signal_emit_by_name (scmm_teach_page_get_stage_view (page), "cell-activated", b + 2, 17);
  g_assert_cmpint (scmm_teach_page_get_sample (page), ==, 2);
  g_assert_cmpint (scmm_masks_view_get_sample (masks), ==, 2);
  scmm_teach_page_set_sample (page, 0);
}

/* ---- a trained model ---- */

static void
test_load_model (void)
{
  /* a model trained elsewhere (a run's pretrained.h5): the engine's own
   * session, 10 steps on the demo corpus */
  g_autoptr (ScmmExperiment) e = scmm_experiment_preset ("demo");
  g_autoptr (GError) error = NULL;
  g_autoptr (ScmmTeachSession) trained = scmm_teach_session_new (e, SCMM_TEACH_DEFAULT_BATCH, &error);
  g_assert_no_error (error);
  g_assert_true (scmm_teach_session_train (trained, 10, NULL, NULL, NULL, &error));
  g_autofree char *dir = g_dir_make_tmp ("scmm-teach-page-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pretrained.h5", NULL);
  g_assert_true (scmm_checkpoint_save (scmm_teach_session_get_model (trained), NULL, path, &error));

  g_assert_true (scmm_teach_page_load_model (page, path, &error));
  g_assert_no_error (error);
  ScmmTeachSession *session = scmm_teach_page_get_session (page);
  const ScmmPretrainStep *mine = scmm_teach_session_get_step (session);
  const ScmmPretrainStep *theirs = scmm_teach_session_get_step (trained);
  /* the same batch and masks (demo, seed 42, same settings): the same losses */
  g_assert_cmpfloat (mine->result.loss, ==, theirs->result.loss);
  g_autofree char *shown = g_strdup_printf ("L = %.4f", theirs->result.loss);
  g_assert_nonnull (strstr (scmm_teach_page_get_numbers_text (page), shown));

  g_assert_false (scmm_teach_page_load_model (page, dir, &error));   /* a folder */
  g_assert_nonnull (error);
  g_test_message ("a folder: %s", error->message);
  g_clear_error (&error);
  g_unlink (path);
  g_rmdir (dir);
}

/* ---- closing ---- */

static void
test_close_while_training (void)
{
  GtkWidget *other = gtk_window_new ();
  ScmmTeachPage *p = SCMM_TEACH_PAGE (scmm_teach_page_new ());
  gpointer weak_page = p;
  gtk_window_set_default_size (GTK_WINDOW (other), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (other), GTK_WIDGET (p));
  gtk_window_present (GTK_WINDOW (other));
  g_assert_true (scmm_test_wait_until (has_session, p, WAIT_MS));
  gtk_spin_button_set_value (scmm_teach_page_get_param_spin (p, "steps"), 1000);
  gtk_widget_activate_action (GTK_WIDGET (p), "teach.train", NULL);
  g_assert_true (scmm_teach_page_get_training (p));
  g_object_add_weak_pointer (G_OBJECT (p), &weak_page);
  gtk_window_destroy (GTK_WINDOW (other));
  /* the worker stops at the next step and gives the session back to a
   * page that is gone: no warning, everything freed */
  gpointer *pointers[] = { &weak_page, NULL };
  g_assert_true (scmm_test_wait_for_weak_pointers (pointers, 10000));   /* 1000 steps take longer */
}

/* ---- the corpus ---- */

static ScmmExperiment *
deap_experiment (gpointer user_data, GError **error)
{
  ScmmExperiment *e = scmm_experiment_preset ("demo");
  g_free (e->source.corpus);
  e->source.corpus = g_strdup ("demo:deap");
  g_free (e->target.corpus);
  e->target.corpus = g_strdup ("demo:seed");
  (*(int *) user_data)++;
  return e;
}

static ScmmExperiment *
missing_experiment (gpointer user_data, GError **error)
{
  ScmmExperiment *e = scmm_experiment_preset ("demo");
  g_free (e->source.corpus);
  e->source.corpus = g_strdup (user_data);
  return e;
}

/* The Data page's corpus: user_data, or none. */
static char *
data_page_corpus (gpointer user_data, GError **error)
{
  if (user_data == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "the Data page shows no corpus");
      return NULL;
    }
  return g_strdup (user_data);
}

static gboolean
not_loading (gpointer user_data)
{
  return scmm_teach_page_get_session (page) != NULL;
}

static gboolean
label_shown (gpointer user_data)
{
  return scmm_test_find_label (GTK_WIDGET (page), user_data, TRUE) != NULL;
}

/* The first drop-down of the page. */
static GtkDropDown *
corpus_dropdown (void)
{
  return GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, 0));
}

static void
test_experiment_source (void)
{
  int asked = 0;
  GtkDropDown *dropdown = corpus_dropdown ();
  scmm_teach_page_set_experiment_func (page, deap_experiment, &asked);
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_cmpint (asked, ==, 1);
  if (!scmm_test_wait_until (has_session, page, WAIT_MS))
    {
      g_autoptr (ScmmExperiment) e = deap_experiment (&asked, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (ScmmTeachSession) s = scmm_teach_session_new (e, SCMM_TEACH_DEFAULT_BATCH, &error);
      g_error ("no session on demo:deap: %s", error != NULL ? error->message : "(built by hand)");
    }
  ScmmTeachSession *session = scmm_teach_page_get_session (page);
  g_assert_cmpstr (scmm_teach_session_get_experiment (session)->source.corpus, ==, "demo:deap");
  g_assert_cmpint (scmm_teach_session_get_steps_trained (session), ==, 0);
  g_assert_nonnull (strstr (scmm_teach_page_get_numbers_text (page), "windows of demo:deap"));
  g_test_message ("%s", scmm_teach_page_get_numbers_text (page));

  /* back to the demo corpus */
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_true (scmm_test_wait_until (has_session, page, WAIT_MS));
  session = scmm_teach_page_get_session (page);
  g_assert_cmpstr (scmm_teach_session_get_experiment (session)->source.corpus, ==, "demo:seed");

  /* the Data page's corpus: a batch of every window of it */
  scmm_teach_page_set_corpus_func (page, data_page_corpus, "demo:deap");
  gtk_drop_down_set_selected (dropdown, 2);
  g_assert_true (scmm_test_wait_until (has_session, page, WAIT_MS));
  session = scmm_teach_page_get_session (page);
  g_assert_cmpstr (scmm_teach_session_get_experiment (session)->source.corpus, ==, "demo:deap");
  g_assert_nonnull (strstr (scmm_teach_page_get_numbers_text (page), "windows of demo:deap"));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 2);
  /* no corpus on the Data page: said, and the batch stays */
  scmm_teach_page_set_corpus_func (page, data_page_corpus, NULL);
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_true (scmm_test_wait_until (has_session, page, WAIT_MS));
  session = scmm_teach_page_get_session (page);
  gtk_drop_down_set_selected (dropdown, 2);
  g_assert_true (scmm_teach_page_get_session (page) == session);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_nonnull (scmm_test_find_label (GTK_WIDGET (page), "shows no corpus", TRUE));

  /* a corpus that cannot be opened: an error naming it, and the batch
   * shown before stays, with its choice */
  g_autofree char *dir = g_dir_make_tmp ("scmm-teach-page-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-corpus.h5", NULL);
  scmm_teach_page_set_experiment_func (page, missing_experiment, missing);
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_true (scmm_test_wait_until (not_loading, NULL, WAIT_MS));
  g_assert_true (scmm_test_wait_until (label_shown, "no-such-corpus.h5", 1000));
  GtkLabel *status = scmm_test_find_label (GTK_WIDGET (page), "no-such-corpus.h5", TRUE);
  g_test_message ("%s", gtk_label_get_text (status));
  g_assert_nonnull (strstr (gtk_label_get_text (status), missing));
  g_assert_true (scmm_teach_page_get_session (page) == session);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (scmm_teach_page_get_param_spin (page, "tau"))));
  scmm_teach_page_set_experiment_func (page, NULL, NULL);
  g_rmdir (dir);
}

/* Page Down / Page Up with the focus outside the page (a button of the
 * window, like a header bar's) still move the stages. */
static void
test_keys_from_outside (void)
{
  if (!scmm_test_xtest_available ())
    {
      g_test_skip ("no XTest (libXtst.so.6) to send real key events");
      return;
    }
  GtkWidget *other = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *button = gtk_button_new_with_label ("Outside the page");
  ScmmTeachPage *p = SCMM_TEACH_PAGE (scmm_teach_page_new ());
  gpointer weak_page = p;
  g_object_add_weak_pointer (G_OBJECT (p), &weak_page);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (p));
  gtk_window_set_child (GTK_WINDOW (other), box);
  gtk_window_set_default_size (GTK_WINDOW (other), 1200, 800);
  gtk_window_present (GTK_WINDOW (other));
  g_assert_true (scmm_test_wait_until (has_session, p, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (other, 3, WAIT_MS));
  gtk_widget_grab_focus (button);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (other)) == button);
  g_assert_cmpint (scmm_teach_page_get_stage (p), ==, SCMM_TEACH_STAGE_INPUT);
  g_assert_true (scmm_test_send_key (other, GDK_KEY_Page_Down));
  g_assert_true (scmm_test_wait_until (at_masking, p, 5000));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (other)) == button);
  g_assert_true (scmm_test_send_key (other, GDK_KEY_Page_Up));
  g_assert_true (scmm_test_wait_until (at_input, p, 5000));
  gtk_window_destroy (GTK_WINDOW (other));
  gpointer *pointers[] = { &weak_page, NULL };
  g_assert_true (scmm_test_wait_for_weak_pointers (pointers, 10000));
}

/* ---- the default window size ---- */

static void
test_default_size (void)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  const ScmmTeachStage stages[] = { SCMM_TEACH_STAGE_MASKING, SCMM_TEACH_STAGE_CONTRASTIVE,
                                    SCMM_TEACH_STAGE_RECONSTRUCTION_LOSS };
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      scmm_teach_page_set_stage (page, stages[i]);
      GtkWidget *view = scmm_teach_page_get_stage_view (page);
      g_assert_true (scmm_test_wait_until (stack_settled, gtk_widget_get_parent (view), WAIT_MS));
      g_assert_true (scmm_test_wait_for_frames (window, 4, WAIT_MS));
      g_assert_cmpint (gtk_widget_get_width (window), ==, 1200);
      g_assert_cmpint (gtk_widget_get_height (window), ==, 800);
      g_autoptr (GdkTexture) shot = scmm_test_screenshot (window);
      g_autofree char *name = g_strdup_printf ("teach-1200x800-stage-%02d", stages[i] + 1);
      g_free (scmm_test_save_screenshot (shot, name));
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  g_assert_true (scmm_test_wait_for_frames (window, 4, WAIT_MS));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  scmm_test_park_pointer ();
  scmm_resources_ensure_registered ();
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/scmm_studio/ScmmStudio/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  page = SCMM_TEACH_PAGE (scmm_teach_page_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  /* the demo batch is prepared by itself when the page is shown */
  g_assert_true (scmm_test_wait_until (has_session, page, WAIT_MS));

  g_test_add_func ("/teach-page/stages", test_stages);
  g_test_add_func ("/teach-page/keys", test_keys);
  g_test_add_func ("/teach-page/real-keys", test_real_keys);
  g_test_add_func ("/teach-page/keys-from-outside", test_keys_from_outside);
  g_test_add_func ("/teach-page/default-size", test_default_size);
  g_test_add_func ("/teach-page/play", test_play);
  g_test_add_func ("/teach-page/tau", test_tau);
  g_test_add_func ("/teach-page/train", test_train);
  g_test_add_func ("/teach-page/stop", test_stop);
  g_test_add_func ("/teach-page/linked-views", test_linked_views);
  g_test_add_func ("/teach-page/experiment-source", test_experiment_source);
  g_test_add_func ("/teach-page/load-model", test_load_model);
  g_test_add_func ("/teach-page/close-while-training", test_close_while_training);
  int status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  scmm_test_screenshot_cleanup ();
  return status;
}
