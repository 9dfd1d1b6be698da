/* scmm-gl-grid.c: a heatmap's or a confusion matrix's cells drawn with OpenGL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The values go to an R32F texture, one texel a cell, reallocated only when
 * the grid's size changes and otherwise updated in place with
 * glTexSubImage2D, and only when the figure's revision moved. The fragment
 * shader (resources/gl/grid.frag) picks the colormap's entry the cairo
 * drawing picks, so both paths show the same colours. A confusion matrix
 * uploads its row fractions and uses the blues map.
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

gboolean
scmm_gl_grid_init (ScmmGlGrid *grid,
                   gboolean    use_es,
                   GError    **error)
{
  guint32 blues[LUT_SIZE];

  memset (grid, 0, sizeof *grid);
  grid->program = scmm_gl_shader_program_new ("quad.vert", "grid.frag", use_es, error);
  if (grid->program == 0)
    return FALSE;

  grid->u_range = glGetUniformLocation (grid->program, "u_range");
  grid->u_missing = glGetUniformLocation (grid->program, "u_missing");
  grid->u_values = glGetUniformLocation (grid->program, "u_values");
  grid->u_colormap = glGetUniformLocation (grid->program, "u_colormap");

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

/* The figure's cells as floats: a heatmap's own values, a confusion
 * matrix's row fractions (in the staging buffer). */
static const float *
cell_values (ScmmGlGrid       *grid,
             const ScmmFigure *figure,
             int              *rows,
             int              *cols)
{
  int k = figure->k;

  if (figure->kind == SCMM_FIGURE_HEATMAP)
    {
      *rows = figure->rows;
      *cols = figure->cols;
      return figure->values;
    }

  grid->staging = g_renew (float, grid->staging, (gsize) k * (gsize) k);
  for (int r = 0; r < k; r++)
    for (int c = 0; c < k; c++)
      grid->staging[r * k + c] = (float) scmm_figure_confusion_fraction (figure, r, c, NULL);
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

void
scmm_gl_grid_draw (ScmmGlGrid       *grid,
                   const ScmmFigure *figure,
                   const Layout     *layout)
{
  gboolean heatmap = figure->kind == SCMM_FIGURE_HEATMAP;
  double vmin = heatmap ? layout->vmin : 0.0, vmax = heatmap ? layout->vmax : 1.0;
  int map = !heatmap ? MAP_BLUES : figure->colormap == SCMM_COLORMAP_DIVERGING ? MAP_DIVERGING : MAP_VIRIDIS;
  const Rgb *missing = &scmm_figure_theme_missing;

  if (grid->uploaded_figure != figure || grid->uploaded_revision != figure->revision || grid->rows == 0)
    upload (grid, figure);
  if (grid->rows <= 0 || grid->cols <= 0)
    return;

  glUseProgram (grid->program);
  glActiveTexture (GL_TEXTURE0);
  glBindTexture (GL_TEXTURE_2D, grid->values);
  glUniform1i (grid->u_values, 0);
  glActiveTexture (GL_TEXTURE1);
  glBindTexture (GL_TEXTURE_2D, grid->colormaps[map]);
  glUniform1i (grid->u_colormap, 1);
  glUniform2f (grid->u_range, (float) vmin, (float) ((LUT_SIZE - 1) / (vmax - vmin)));
  glUniform4f (grid->u_missing, (float) missing->r, (float) missing->g, (float) missing->b, 1.0f);

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
  if (grid->program != 0)
    glDeleteProgram (grid->program);
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
