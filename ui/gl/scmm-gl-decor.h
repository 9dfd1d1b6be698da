/* scmm-gl-decor.h: what cairo draws around a figure's OpenGL data
 *
 * When the data are drawn with OpenGL (scmm-gl-plot.h), the rest of the
 * figure is drawn with cairo in two layers, at the screen's scale so that
 * text is crisp: under the data, the whole figure with its plot box left
 * empty but for the background and the grid lines; over them, what the
 * cairo drawing puts on the data (a heatmap's marks, a confusion matrix's
 * numbers, a scalp map's outline and electrodes, a bar chart's baseline,
 * the frame or the axis lines). A key tells when the layers must be
 * drawn again: a heatmap's values or a line plot's points change every frame
 * while their axes stay put.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gsk/gsk.h>

#include "gl/scmm-figure.h"

G_BEGIN_DECLS

/* The layers of a width x height drawing of `figure`, into cr. */
void   scmm_gl_decor_draw_under (const ScmmFigure *figure, cairo_t *cr, double width, double height);
void   scmm_gl_decor_draw_over  (const ScmmFigure *figure, cairo_t *cr, double width, double height);
/* A layer as a render node in a width x height drawing, at `scale` pixels
 * a unit, its text with `options` (may be NULL): a texture node for GSK's
 * OpenGL renderers (`as_texture`), which keep it on the GPU, a cairo node
 * for its cairo renderer, which would convert a texture every frame. It
 * is composited again each frame, so the layer over the data covers only
 * the plot box and its frame. */
GskRenderNode *scmm_gl_decor_node (const ScmmFigure *figure, gboolean over, int width, int height, int scale,
                                   const cairo_font_options_t *options, gboolean as_texture);
/* A digest of everything the layers show: equal keys, equal layers. */
char  *scmm_gl_decor_key        (const ScmmFigure *figure, double width, double height);

G_END_DECLS
