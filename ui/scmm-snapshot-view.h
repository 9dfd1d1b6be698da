/* scmm-snapshot-view.h: the base of the views of a pre-training snapshot
 *
 * A view of one batch's internals (ScmmSnapshot: masks, S, W, R,
 * reconstructions): a friendly placeholder until the first snapshot, then
 * the subclass's content. The subclass's update() draws the snapshot; it is
 * called at most once a frame, and only while the view is mapped (a hidden
 * page of a stack costs nothing: it catches up when shown).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "scmm-run-events.h"

G_BEGIN_DECLS

#define SCMM_TYPE_SNAPSHOT_VIEW (scmm_snapshot_view_get_type ())
G_DECLARE_DERIVABLE_TYPE (ScmmSnapshotView, scmm_snapshot_view, SCMM, SNAPSHOT_VIEW, GtkWidget)

struct _ScmmSnapshotViewClass
{
  GtkWidgetClass parent_class;

  /* Shows `snapshot` (never NULL). */
  void (*update) (ScmmSnapshotView *view, ScmmSnapshot *snapshot);

  gpointer padding[4];
};

/* Shows `snapshot` (a reference is kept); NULL: the placeholder again. */
void          scmm_snapshot_view_set_snapshot (ScmmSnapshotView *view, ScmmSnapshot *snapshot);
ScmmSnapshot *scmm_snapshot_view_get_snapshot (ScmmSnapshotView *view);
/* What the placeholder says (why there is nothing to see yet). */
void          scmm_snapshot_view_set_placeholder_text (ScmmSnapshotView *view, const char *text);
/* Whether the snapshot is drawn now (FALSE: the placeholder, or an update pending). */
gboolean      scmm_snapshot_view_is_up_to_date (ScmmSnapshotView *view);
/* The sample (or row) the view is about, from 0 (property "selected"); a
 * subclass clamps it to what its snapshot has. */
void          scmm_snapshot_view_set_selected (ScmmSnapshotView *view, int selected);
int           scmm_snapshot_view_get_selected (ScmmSnapshotView *view);

/* For subclasses: the content shown once a snapshot came (call once, in init). */
void          scmm_snapshot_view_set_content  (ScmmSnapshotView *view, GtkWidget *content);
/* For subclasses: draw the snapshot again (a setting changed), at the next frame. */
void          scmm_snapshot_view_queue_update (ScmmSnapshotView *view);
/* For subclasses: the spin button that picks the selection (kept in step with it). */
void          scmm_snapshot_view_set_selector (ScmmSnapshotView *view, GtkSpinButton *spin);

G_END_DECLS
