// quad.vert: the whole GL area as a triangle strip of 4 vertices, with uv in
// [0, 1]², v = 0 at the top (a grid's first row).
// SPDX-License-Identifier: GPL-3.0-or-later

out vec2 v_uv;

void
main ()
{
  vec2 corner = vec2 (float (gl_VertexID & 1), float ((gl_VertexID >> 1) & 1));

  v_uv = vec2 (corner.x, 1.0 - corner.y);
  gl_Position = vec4 (corner * 2.0 - 1.0, 0.0, 1.0);
}
