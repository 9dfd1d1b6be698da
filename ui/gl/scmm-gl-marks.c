/* scmm-gl-marks.c: a line plot's series, a scatter plot's markers and a bar
 * chart's bars drawn with OpenGL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every segment of a series, every marker and every bar is one instance of
 * a quad (resources/gl/marks.vert) whose fragment shader computes the
 * coverage of a round-capped segment, a disc or a ring: antialiased lines of
 * any width in a core profile. Styles follow the cairo drawing: the
 * palette's colours, dashed past its end, a dot for a lone point; filled or
 * hollow markers. A bar is a box filled whole, where the cairo drawing puts
 * it (scmm_figure_layout_bar_box, on whole pixels): the others' colour, then
 * the highlighted ones over them. The instances are rebuilt each frame (a
 * few thousand at most) into one buffer that only grows.
 */

#include <math.h>
#include <string.h>

#include "gl/scmm-gl-private.h"
#include "gl/scmm-gl-shader.h"

gboolean
scmm_gl_marks_init (ScmmGlMarks *marks,
                    gboolean     use_es,
                    GError     **error)
{
  memset (marks, 0, sizeof *marks);
  marks->program = scmm_gl_shader_program_new ("marks.vert", "marks.frag", NULL, use_es, error);
  if (marks->program == 0)
    return FALSE;

  marks->u_size = glGetUniformLocation (marks->program, "u_size");
  marks->u_colour = glGetUniformLocation (marks->program, "u_colour");
  marks->u_dash = glGetUniformLocation (marks->program, "u_dash");
  marks->u_ring = glGetUniformLocation (marks->program, "u_ring");
  marks->u_box = glGetUniformLocation (marks->program, "u_box");
  marks->segments = g_array_new (FALSE, FALSE, sizeof (GlSegment));
  marks->runs = g_array_new (FALSE, FALSE, sizeof (GlRun));

  glGenVertexArrays (1, &marks->vao);
  glGenBuffers (1, &marks->buffer);
  glBindVertexArray (marks->vao);
  glBindBuffer (GL_ARRAY_BUFFER, marks->buffer);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 4, GL_FLOAT, GL_FALSE, sizeof (GlSegment), (void *) G_STRUCT_OFFSET (GlSegment, x0));
  glVertexAttribDivisor (0, 1);
  glEnableVertexAttribArray (1);
  glVertexAttribPointer (1, 2, GL_FLOAT, GL_FALSE, sizeof (GlSegment),
                         (void *) G_STRUCT_OFFSET (GlSegment, distance));
  glVertexAttribDivisor (1, 1);
  glBindVertexArray (0);
  glBindBuffer (GL_ARRAY_BUFFER, 0);
  return TRUE;
}

/* A point in axis units to the GL area's pixels, y up. */
static void
to_pixels (const Layout   *layout,
           const GlTarget *target,
           double          u,
           double          v,
           float          *x,
           float          *y)
{
  scmm_gl_target_point (target, scmm_figure_layout_map_x (layout, u), scmm_figure_layout_map_y (layout, v), x, y);
}

static GlRun *
begin_run (ScmmGlMarks *marks,
           const Rgb   *colour,
           double       alpha)
{
  GlRun run = { marks->segments->len, 0, { (float) colour->r, (float) colour->g, (float) colour->b, (float) alpha },
                0, 0, 0 };

  g_array_append_val (marks->runs, run);
  return &g_array_index (marks->runs, GlRun, marks->runs->len - 1);
}

/* The last run holds the segments added since it began. */
static void
end_run (ScmmGlMarks *marks)
{
  GlRun *run = &g_array_index (marks->runs, GlRun, marks->runs->len - 1);

  run->count = marks->segments->len - run->first;
}

/* A series as segments: breaks at NaN, a dot for a point alone. */
static void
add_series (ScmmGlMarks    *marks,
            const Series   *series,
            guint           index,
            const Layout   *layout,
            const GlTarget *target)
{
  guint n_colours = scmm_figure_theme_n_line_colours;
  double line_w = 2.0 * layout->scale * target->scale;
  GlRun *run = begin_run (marks, &scmm_figure_theme_line_palette[index % n_colours], 1.0);
  float last_x = 0, last_y = 0, distance = 0;
  guint in_run = 0;

  if ((index / n_colours) % 2 == 1)
    run->dash = (float) (5.5 * line_w);

  for (guint i = 0; i <= series->x->len; i++)
    {
      double u, v;
      float x, y;
      PointState state = i < series->x->len ? scmm_figure_layout_series_point (series, i, layout->y_log, &u, &v)
                                            : POINT_BREAK;

      if (state == POINT_SKIP)
        continue;
      if (state == POINT_BREAK)
        {
          if (in_run == 1)
            {
              GlSegment dot = { last_x, last_y, last_x, last_y, 0, (float) (line_w * 1.25) };

              g_array_append_val (marks->segments, dot);
            }
          in_run = 0;
          continue;
        }

      to_pixels (layout, target, u, v, &x, &y);
      if (in_run == 0)
        {
          distance = 0;
        }
      else
        {
          GlSegment segment = { last_x, last_y, x, y, distance, (float) (line_w / 2) };

          g_array_append_val (marks->segments, segment);
          distance += hypotf (x - last_x, y - last_y);
        }
      last_x = x;
      last_y = y;
      in_run++;
    }
  end_run (marks);
}

/* A scatter plot's category: a disc (filled) or a ring (hollow) a point. */
static void
add_category (ScmmGlMarks    *marks,
              const Series   *category,
              guint           index,
              const Layout   *layout,
              const GlTarget *target)
{
  gboolean hollow = category->marker == SCMM_MARKER_HOLLOW;
  const Rgb *colour = scmm_figure_theme_palette_colour (category->colour >= 0 ? category->colour : (int) index);
  GlRun *run = begin_run (marks, colour, hollow ? 0.95 : 0.8);
  float radius = (float) (layout->marker_radius * target->scale);

  if (hollow)
    run->ring = (float) (MAX (1.0, 1.25 * layout->scale) * target->scale);

  for (guint i = 0; i < category->x->len; i++)
    {
      double u, v;
      GlSegment dot = { 0, 0, 0, 0, 0, radius };

      if (scmm_figure_layout_series_point (category, i, FALSE, &u, &v) != POINT_OK)
        continue;
      to_pixels (layout, target, u, v, &dot.x0, &dot.y0);
      dot.x1 = dot.x0;
      dot.y1 = dot.y0;
      g_array_append_val (marks->segments, dot);
    }
  end_run (marks);
}

/* The bars that are (or are not) highlighted, as boxes in their colour. */
static void
add_bars (ScmmGlMarks      *marks,
          const ScmmFigure *figure,
          const Layout     *layout,
          const GlTarget   *target,
          gboolean          highlighted)
{
  GlRun *run = begin_run (marks, highlighted ? &scmm_figure_theme_highlight : &scmm_figure_theme_bar, 1.0);

  run->box = 1;
  for (int i = 0; i < figure->n_bars; i++)
    {
      GlSegment bar = { 0, 0, 0, 0, 0, 0 };
      Box box;

      if (scmm_figure_layout_bar_highlighted (figure, i) != highlighted ||
          !scmm_figure_layout_bar_box (figure, layout, i, &box))
        continue;
      scmm_gl_target_point (target, box.x, box.y + box.h, &bar.x0, &bar.y0);
      scmm_gl_target_point (target, box.x + box.w, box.y, &bar.x1, &bar.y1);
      g_array_append_val (marks->segments, bar);
    }
  end_run (marks);
}

void
scmm_gl_marks_draw (ScmmGlMarks      *marks,
                    const ScmmFigure *figure,
                    const Layout     *layout,
                    const GlTarget   *target)
{
  gboolean lines = figure->kind == SCMM_FIGURE_LINES;
  const GPtrArray *all = lines ? figure->lines : figure->points;
  gsize bytes;

  g_array_set_size (marks->segments, 0);
  g_array_set_size (marks->runs, 0);
  if (figure->kind == SCMM_FIGURE_BARS)
    {
      add_bars (marks, figure, layout, target, FALSE);
      add_bars (marks, figure, layout, target, TRUE);
    }
  else
    {
      for (guint s = 0; s < all->len; s++)
        {
          if (lines)
            add_series (marks, g_ptr_array_index (all, s), s, layout, target);
          else
            add_category (marks, g_ptr_array_index (all, s), s, layout, target);
        }
    }
  if (marks->segments->len == 0)
    return;

  glBindBuffer (GL_ARRAY_BUFFER, marks->buffer);
  bytes = (gsize) marks->segments->len * sizeof (GlSegment);
  if (bytes > marks->buffer_size)
    {
      marks->buffer_size = MAX (bytes, 2 * marks->buffer_size);
      glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) marks->buffer_size, NULL, GL_DYNAMIC_DRAW);
    }
  glBufferSubData (GL_ARRAY_BUFFER, 0, (GLsizeiptr) bytes, marks->segments->data);
  glBindBuffer (GL_ARRAY_BUFFER, 0);

  glUseProgram (marks->program);
  glUniform2f (marks->u_size, (float) target->width, (float) target->height);
  glEnable (GL_BLEND);
  glBlendFunc (GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glBindVertexArray (marks->vao);
  glBindBuffer (GL_ARRAY_BUFFER, marks->buffer);
  for (guint r = 0; r < marks->runs->len; r++)
    {
      const GlRun *run = &g_array_index (marks->runs, GlRun, r);

      if (run->count == 0)
        continue;
      glUniform4fv (marks->u_colour, 1, run->rgba);
      glUniform1f (marks->u_dash, run->dash);
      glUniform1f (marks->u_ring, run->ring);
      glUniform1f (marks->u_box, run->box);
      /* The attributes start at the run's first instance. */
      glVertexAttribPointer (0, 4, GL_FLOAT, GL_FALSE, sizeof (GlSegment),
                             (void *) (run->first * sizeof (GlSegment) + G_STRUCT_OFFSET (GlSegment, x0)));
      glVertexAttribPointer (1, 2, GL_FLOAT, GL_FALSE, sizeof (GlSegment),
                             (void *) (run->first * sizeof (GlSegment) + G_STRUCT_OFFSET (GlSegment, distance)));
      glDrawArraysInstanced (GL_TRIANGLE_STRIP, 0, 4, (GLsizei) run->count);
    }
  glBindBuffer (GL_ARRAY_BUFFER, 0);
  glBindVertexArray (0);
  glDisable (GL_BLEND);
  glUseProgram (0);
}

void
scmm_gl_marks_free (ScmmGlMarks *marks)
{
  if (marks->program != 0)
    glDeleteProgram (marks->program);
  if (marks->vao != 0)
    glDeleteVertexArrays (1, &marks->vao);
  if (marks->buffer != 0)
    glDeleteBuffers (1, &marks->buffer);
  g_clear_pointer (&marks->segments, g_array_unref);
  g_clear_pointer (&marks->runs, g_array_unref);
  memset (marks, 0, sizeof *marks);
}
