/* scmm-gl-private.h: what the OpenGL plot's files share (not part of its API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ScmmGlPlot (scmm-gl-plot.c) is the GtkGLArea over a figure's plot box; it
 * draws the data there with two renderers, plain structs created and freed
 * with the GL context current:
 *
 *   scmm-gl-grid.c    the cells of a heatmap, a confusion matrix or a scalp
 *                     map: the values as a float texture, mapped through a
 *                     colormap texture in the fragment shader (a scalp
 *                     map's smoothed and cut to its disc)
 *   scmm-gl-marks.c   a line plot's series, a scatter plot's points and a
 *                     bar chart's bars: each segment, marker or bar an
 *                     instanced quad (core profile has no wide lines),
 *                     antialiased in the fragment shader but for the bars,
 *                     which are on whole pixels
 *
 * Both read the figure and the layout its cairo drawing uses
 * (scmm-figure-private.h), so that the data land where the axes say.
 */
#pragma once

#include <epoxy/gl.h>

#include "gl/scmm-figure-private.h"

G_BEGIN_DECLS

/* The GL area: where its top-left corner is in the layout's units, its size
 * in device pixels, and how many device pixels a layout unit is. */
typedef struct
{
  double x, y;
  int    width;
  int    height;
  double scale;
} GlTarget;

/* A point of the drawing, in the layout's units, in the GL area's pixels
 * (y up, GL's). */
static inline void
scmm_gl_target_point (const GlTarget *target,
                      double          x,
                      double          y,
                      float          *gl_x,
                      float          *gl_y)
{
  *gl_x = (float) ((x - target->x) * target->scale);
  *gl_y = (float) (target->height - (y - target->y) * target->scale);
}

/* ---- cells (scmm-gl-grid.c) ---- */

/* One of the cells' programs (resources/gl/grid.frag): flat, or smooth. */
typedef struct
{
  GLuint    program;
  GLint     u_range, u_missing, u_values, u_colormap, u_grid, u_disc;
} GlGridProgram;

typedef struct
{
  GlGridProgram flat;              /* a heatmap's, a confusion matrix's */
  GlGridProgram smooth;            /* a scalp map's, cut to its disc */
  GLuint    vao;
  GLuint    values;                /* R32F [rows, cols] */
  GLuint    colormaps[3];          /* RGBA8 [LUT_SIZE, 1]: viridis, diverging, blues */
  int       rows, cols;            /* of the values texture, 0 before the first upload */
  guint64   uploaded_revision;     /* the figure revision in the texture */
  const ScmmFigure *uploaded_figure;
  float    *staging;               /* a confusion matrix's fractions or a scalp map's cells */
} ScmmGlGrid;

gboolean       scmm_gl_grid_init (ScmmGlGrid *grid, gboolean use_es, GError **error);
void           scmm_gl_grid_draw (ScmmGlGrid *grid, const ScmmFigure *figure, const Layout *layout,
                                  const GlTarget *target);
void           scmm_gl_grid_free (ScmmGlGrid *grid);

/* ---- series and markers (scmm-gl-marks.c) ---- */

/* A segment, or a dot when both ends are the same point: in device pixels
 * of the GL area, y up (GL's). */
typedef struct
{
  float x0, y0, x1, y1;
  float distance;                  /* along the series, to x0 y0: where the dashes are */
  float radius;                    /* half the line's width; a dot's radius */
} GlSegment;

/* One draw call: `count` segments from `first`, in one colour. */
typedef struct
{
  guint  first;
  guint  count;
  float  rgba[4];
  float  dash;                     /* the dash period in pixels, 0: solid */
  float  ring;                     /* a hollow marker's stroke, 0: filled */
  float  box;                      /* 1: the segments are boxes, corner to corner, filled */
} GlRun;

typedef struct
{
  GLuint    program;
  GLuint    vao;
  GLuint    buffer;
  gsize     buffer_size;           /* bytes allocated for the buffer */
  GArray   *segments;              /* GlSegment */
  GArray   *runs;                  /* GlRun */
  GLint     u_size, u_colour, u_dash, u_ring, u_box;
} ScmmGlMarks;

gboolean       scmm_gl_marks_init (ScmmGlMarks *marks, gboolean use_es, GError **error);
void           scmm_gl_marks_draw (ScmmGlMarks *marks, const ScmmFigure *figure, const Layout *layout,
                                   const GlTarget *target);
void           scmm_gl_marks_free (ScmmGlMarks *marks);

G_END_DECLS
