/* scmm-placeholder.h: what a view shows instead of its figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dimmed icon, a heading and a wrapped, centred text, in the middle of
 * the room it is given: the views' "nothing to show yet, and why". Not a
 * widget class: a box of labels the view keeps and sets.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The placeholder, with its two labels in *title and *text (empty). */
GtkWidget *scmm_placeholder_new (const char  *icon_name,
                                 GtkLabel   **title,
                                 GtkLabel   **text);

G_END_DECLS
