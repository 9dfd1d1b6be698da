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

G_END_DECLS
