/* scmm-test-figure.c: what the figure tests share: pixels compared, views
 * shown in windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-test-figure.h"
#include "scmm-test-screenshot.h"

#include <stdlib.h>

#define WAIT_MS 10000

int
scmm_test_pixel_distance (ScmmTestPixel a,
                          ScmmTestPixel b)
{
  return MAX (MAX (abs (a.r - b.r), abs (a.g - b.g)), abs (a.b - b.b));
}

void
scmm_test_assert_pixel_near (ScmmTestPixel actual,
                             ScmmTestPixel expected,
                             int           tolerance,
                             const char   *what)
{
  if (scmm_test_pixel_distance (actual, expected) > tolerance)
    g_error ("%s: #%02x%02x%02x, expected #%02x%02x%02x (± %d)", what, actual.r, actual.g, actual.b,
             expected.r, expected.g, expected.b, tolerance);
}

GtkWindow *
scmm_test_figure_window_new (GtkWidget *view,
                             int        width,
                             int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, view);
  return window;
}

static gboolean
view_drawn (gpointer user_data)
{
  GtkWidget *view = user_data;

  return gtk_widget_get_mapped (view) && gtk_widget_get_width (view) > 0;
}

void
scmm_test_figure_window_present (GtkWindow *window,
                                 GtkWidget *view)
{
  gtk_window_present (window);
  g_assert_true (scmm_test_wait_until (view_drawn, view, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (view, 3, WAIT_MS));
}

GtkWindow *
scmm_test_present_view (GtkWidget *view,
                        int        width,
                        int        height)
{
  GtkWindow *window = scmm_test_figure_window_new (view, width, height);

  scmm_test_figure_window_present (window, view);
  return window;
}

void
scmm_test_destroy_window (GtkWindow *window)
{
  gpointer weak = window;
  gpointer *pointers[] = { &weak, NULL };

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (window);
  g_assert_true (scmm_test_wait_for_weak_pointers (pointers, WAIT_MS));
}
