/* scmm-test-screenshot.h: widget screenshots and main-loop waits for UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*ScmmTestCondition) (gpointer user_data);

/* Call after gtk_test_init(): moves the pointer off the test windows. */
void        scmm_test_park_pointer          (void);
/* Real input events through the X server (XTest, loaded at run time):
 * whether they can be sent; a key pressed and released in `window` (which
 * gets the keyboard focus first); a click of the first button at (x, y)
 * of `widget` (the pointer stays there: park it again after, waiting out
 * the tooltip quirk). FALSE when not on X11 or without libXtst. */
gboolean    scmm_test_xtest_available       (void);
gboolean    scmm_test_send_key              (GtkWidget         *window,
                                             guint              keyval);
gboolean    scmm_test_click                 (GtkWidget         *widget,
                                             double             x,
                                             double             y);
/* gtk_test_init(), scmm_test_park_pointer() and the application's own
 * styling (its resources and style.css), so the screenshots look like the
 * app: the start of a UI test's main(). */
void        scmm_test_init_ui               (int               *argc,
                                             char            ***argv);
/* The first widget of `type` under `root` (itself included), depth first;
 * NULL when there is none. */
GtkWidget  *scmm_test_find_widget           (GtkWidget         *root,
                                             GType              type);
/* The first label under `root` (itself included) whose text holds `text`,
 * mapped ones only when `mapped`; NULL when there is none. */
GtkLabel   *scmm_test_find_label            (GtkWidget         *root,
                                             const char        *text,
                                             gboolean           mapped);
/* Deletes a file, or a folder and all it holds (links are not followed). */
void        scmm_test_remove_tree           (const char        *path);

/* A ScmmTestCondition: whether `widget` (a GtkWidget) is mapped. */
gboolean    scmm_test_widget_is_mapped      (gpointer           widget);
gboolean    scmm_test_wait_until            (ScmmTestCondition  condition,
                                             gpointer           user_data,
                                             guint              timeout_ms);
gboolean    scmm_test_wait_for_frames       (GtkWidget         *widget,
                                             guint              n_frames,
                                             guint              timeout_ms);
gboolean    scmm_test_wait_for_weak_pointers (gpointer          *pointers[],
                                             guint              timeout_ms);
GdkTexture *scmm_test_screenshot            (GtkWidget         *widget);
guint       scmm_test_count_colours         (GdkTexture        *texture,
                                             guint              limit);
char       *scmm_test_save_screenshot       (GdkTexture        *texture,
                                             const char        *name);
void        scmm_test_screenshot_cleanup    (void);

/* A page's screenshot after 3 more frames, checked to be the widget's
 * width and no blank page (16 colours or more), saved under `name`. */
void        scmm_test_save_page_screenshot  (GtkWidget         *widget,
                                             const char        *name);
/* Destroys `window` and waits until it and `widget` are finalized. */
void        scmm_test_destroy_and_check_finalized (GtkWindow   *window,
                                                   GtkWidget   *widget);
/* The mapped file chooser dialog, or NULL; and, as a ScmmTestCondition,
 * whether there is one. */
GtkFileChooser *scmm_test_find_file_chooser (void);
gboolean    scmm_test_file_chooser_shown    (gpointer           unused);

/* The main loop's pulse while work goes on elsewhere: a 5 ms timeout's
 * runs, the longest gap between two in wall time, and in the main thread's
 * own processor time (what the code under test does on it; the wall time
 * adds whatever else the machine ran). */
typedef struct {
  guint  source;
  guint  ticks;
  gint64 last_us, last_cpu_us;
  gint64 longest_gap_us, longest_cpu_gap_us;
} ScmmTestPulse;

void        scmm_test_pulse_start           (ScmmTestPulse     *pulse);
void        scmm_test_pulse_stop            (ScmmTestPulse     *pulse);

G_END_DECLS
