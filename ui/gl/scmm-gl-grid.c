/* scmm-gl-grid.c: the cells of a heatmap, a confusion matrix or a scalp map
 * drawn with OpenGL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The values go to an R32F texture, one texel a cell, reallocated only when
 * the grid's size changes and otherwise updated in place with
 * glTexSubImage2D, and only when the figure's revision moved. The fragment
 * shader (resources/gl/grid.frag) picks the colormap's entry the cairo
 * drawing picks, so both paths show the same colours. A confusion matrix
 * uploads its row fractions and uses the blues map. A scalp map uploads its
 * cells as its cairo image has them (scmm_figure_draw_scalp_cell), in the
 * square of its coordinates' [-1, 1]², smoothed and cut to the disc as
 * cairo's filter and clip do.
 */

#include <math.h>
#include <string.h>

#include "gl/scmm-gl-private.h"
#include "gl/scmm-gl-shader.h"

enum {
  MAP_VIRIDIS,
  MAP_DIVERGING,
  MAP_BLUES,
};

static GLuint
lut_texture (const guint32 *lut)
{
  guchar rgba[LUT_SIZE * 4];
  GLuint texture;

  for (int i = 0; i < LUT_SIZE; i++)
    {
      rgba[4 * i] = (guchar) (lut[i] >> 16 & 0xff);
      rgba[4 * i + 1] = (guchar) (lut[i] >> 8 & 0xff);
      rgba[4 * i + 2] = (guchar) (lut[i] & 0xff);
      rgba[4 * i + 3] = 0xff;
    }

  glGenTextures (1, &texture);
  glBindTexture (GL_TEXTURE_2D, texture);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, LUT_SIZE, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  return texture;
}

static gboolean
program_init (GlGridProgram *program,
              const char    *defines,
              gboolean       use_es,
              GError       **error)
{
  program->program = scmm_gl_shader_program_new ("quad.vert", "grid.frag", defines, use_es, error);
  if (program->program == 0)
    return FALSE;

  program->u_range = glGetUniformLocation (program->program, "u_range");
  program->u_missing = glGetUniformLocation (program->program, "u_missing");
  program->u_values = glGetUniformLocation (program->program, "u_values");
  program->u_colormap = glGetUniformLocation (program->program, "u_colormap");
  program->u_grid = glGetUniformLocation (program->program, "u_grid");
  program->u_disc = glGetUniformLocation (program->program, "u_disc");
  return TRUE;
}

gboolean
scmm_gl_grid_init (ScmmGlGrid *grid,
                   gboolean    use_es,
                   GError    **error)
{
  guint32 blues[LUT_SIZE];

  memset (grid, 0, sizeof *grid);
  /* Two programs of one source: the heatmaps' stays as cheap as it was. */
  if (!program_init (&grid->flat, NULL, use_es, error))
    return FALSE;
  if (!program_init (&grid->smooth, "#define SMOOTH 1\n", use_es, error))
    {
      glDeleteProgram (grid->flat.program);
      grid->flat.program = 0;
      return FALSE;
    }

  /* Core profiles draw nothing without a vertex array, even one with no
   * attribute: the quad's corners come from gl_VertexID. */
  glGenVertexArrays (1, &grid->vao);

  for (int i = 0; i < LUT_SIZE; i++)
    {
      double rgb[3];

      scmm_colormap_blues_rgb (i / (double) (LUT_SIZE - 1), rgb);
      blues[i] = scmm_colormap_pack_rgb (rgb);
    }
  grid->colormaps[MAP_VIRIDIS] = lut_texture (scmm_colormap_lut (SCMM_COLORMAP_VIRIDIS));
  grid->colormaps[MAP_DIVERGING] = lut_texture (scmm_colormap_lut (SCMM_COLORMAP_DIVERGING));
  grid->colormaps[MAP_BLUES] = lut_texture (blues);

  glGenTextures (1, &grid->values);
  glBindTexture (GL_TEXTURE_2D, grid->values);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  return TRUE;
}

/* The figure's cells as floats: a heatmap's own values; a confusion
 * matrix's row fractions, a scalp map's cells as its image has them (in
 * the staging buffer). */
static const float *
cell_values (ScmmGlGrid       *grid,
             const ScmmFigure *figure,
             int              *rows,
             int              *cols)
{
  gboolean scalp = figure->kind == SCMM_FIGURE_SCALP_MAP;
  int k = scalp ? figure->rows : figure->k;

  if (figure->kind == SCMM_FIGURE_HEATMAP)
    {
      *rows = figure->rows;
      *cols = figure->cols;
      return figure->values;
    }

  grid->staging = g_renew (float, grid->staging, (gsize) k * (gsize) k);
  for (int r = 0; r < k; r++)
    for (int c = 0; c < k; c++)
      grid->staging[r * k + c] = (float) (scalp ? scmm_figure_draw_scalp_cell (figure, r, c)
                                                : scmm_figure_confusion_fraction (figure, r, c, NULL));
  *rows = *cols = k;
  return grid->staging;
}

static void
upload (ScmmGlGrid       *grid,
        const ScmmFigure *figure)
{
  int rows, cols;
  const float *values = cell_values (grid, figure, &rows, &cols);

  glBindTexture (GL_TEXTURE_2D, grid->values);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 4);
  if (rows != grid->rows || cols != grid->cols)
    {
      glTexImage2D (GL_TEXTURE_2D, 0, GL_R32F, cols, rows, 0, GL_RED, GL_FLOAT, values);
      grid->rows = rows;
      grid->cols = cols;
    }
  else
    {
      glTexSubImage2D (GL_TEXTURE_2D, 0, 0, 0, cols, rows, GL_RED, GL_FLOAT, values);
    }
  grid->uploaded_figure = figure;
  grid->uploaded_revision = figure->revision;
}

/* Where the grid goes in the GL area, in its pixels (y up): a heatmap's
 * or a confusion matrix's fills it; a scalp map's is the square of its
 * coordinates' [-1, 1]², its disc inscribed. */
static void
place (ScmmGlGrid          *grid,
       const GlGridProgram *program,
       const ScmmFigure    *figure,
       const Layout        *layout,
       const GlTarget      *target)
{
  Box square;
  float x0, y0, x1, y1;

  if (figure->kind != SCMM_FIGURE_SCALP_MAP)
    {
      glUniform4f (program->u_grid, 0.0f, (float) target->height, (float) grid->cols / (float) target->width,
                   -(float) grid->rows / (float) target->height);
      return;
    }

  square = scmm_figure_layout_scalp_square (layout);
  scmm_gl_target_point (target, square.x, square.y, &x0, &y0);
  scmm_gl_target_point (target, square.x + square.w, square.y + square.h, &x1, &y1);
  glUniform4f (program->u_grid, x0, y0, (float) grid->cols / (x1 - x0), (float) grid->rows / (y1 - y0));
  glUniform3f (program->u_disc, (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2);
}

void
scmm_gl_grid_draw (ScmmGlGrid       *grid,
                   const ScmmFigure *figure,
                   const Layout     *layout,
                   const GlTarget   *target)
{
  gboolean confusion = figure->kind == SCMM_FIGURE_CONFUSION, scalp = figure->kind == SCMM_FIGURE_SCALP_MAP;
  const GlGridProgram *program = scalp ? &grid->smooth : &grid->flat;
  double vmin = confusion ? 0.0 : layout->vmin, vmax = confusion ? 1.0 : layout->vmax;
  int map = confusion ? MAP_BLUES : figure->colormap == SCMM_COLORMAP_DIVERGING ? MAP_DIVERGING : MAP_VIRIDIS;
  /* A heatmap's missing cells are grey; a scalp map's let the background
   * show, as in its cairo image. */
  float missing_alpha = scalp ? 0.0f : 1.0f;
  const Rgb *missing = &scmm_figure_theme_missing;

  if (grid->uploaded_figure != figure || grid->uploaded_revision != figure->revision || grid->rows == 0)
    upload (grid, figure);
  if (grid->rows <= 0 || grid->cols <= 0)
    return;

  glUseProgram (program->program);
  glActiveTexture (GL_TEXTURE0);
  glBindTexture (GL_TEXTURE_2D, grid->values);
  glUniform1i (program->u_values, 0);
  glActiveTexture (GL_TEXTURE1);
  glBindTexture (GL_TEXTURE_2D, grid->colormaps[map]);
  glUniform1i (program->u_colormap, 1);
  glUniform2f (program->u_range, (float) vmin, (float) ((LUT_SIZE - 1) / (vmax - vmin)));
  glUniform4f (program->u_missing, (float) missing->r * missing_alpha, (float) missing->g * missing_alpha,
               (float) missing->b * missing_alpha, missing_alpha);
  place (grid, program, figure, layout, target);

  glDisable (GL_BLEND);
  glBindVertexArray (grid->vao);
  glDrawArrays (GL_TRIANGLE_STRIP, 0, 4);
  glBindVertexArray (0);
  glActiveTexture (GL_TEXTURE0);
  glUseProgram (0);
}

void
scmm_gl_grid_free (ScmmGlGrid *grid)
{
  if (grid->flat.program != 0)
    glDeleteProgram (grid->flat.program);
  if (grid->smooth.program != 0)
    glDeleteProgram (grid->smooth.program);
  if (grid->vao != 0)
    glDeleteVertexArrays (1, &grid->vao);
  if (grid->values != 0)
    glDeleteTextures (1, &grid->values);
  for (guint i = 0; i < G_N_ELEMENTS (grid->colormaps); i++)
    if (grid->colormaps[i] != 0)
      glDeleteTextures (1, &grid->colormaps[i]);
  g_free (grid->staging);
  memset (grid, 0, sizeof *grid);
}
