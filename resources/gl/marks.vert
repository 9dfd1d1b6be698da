// marks.vert: a segment of a series, or a marker (both ends the same
// point), as a quad around it; or a bar, the box between its two corners.
// Positions in device pixels, y up.
// SPDX-License-Identifier: GPL-3.0-or-later

layout (location = 0) in vec4 a_ends;    // x0, y0, x1, y1
layout (location = 1) in vec2 a_extra;   // distance along the series to x0 y0, radius

uniform vec2 u_size;                      // the GL area in pixels
uniform float u_box;                      // 1: a box, corner to corner

out vec2 v_pos;
flat out vec4 v_ends;
flat out vec2 v_extra;

void
main ()
{
  vec2 p0 = a_ends.xy, p1 = a_ends.zw;
  vec2 along = p1 - p0;
  float len = length (along);
  vec2 d = len > 0.0 ? along / len : vec2 (1.0, 0.0);
  vec2 n = vec2 (-d.y, d.x);
  float reach = a_extra.y + 1.0;          // the radius and a pixel of antialiasing
  vec2 corner = vec2 (float (gl_VertexID & 1), float ((gl_VertexID >> 1) & 1));
  vec2 pos = u_box > 0.5 ? mix (p0, p1, corner)
                         : mix (p0 - d * reach, p1 + d * reach, corner.x) + n * reach * (corner.y * 2.0 - 1.0);

  v_pos = pos;
  v_ends = a_ends;
  v_extra = a_extra;
  gl_Position = vec4 (pos / u_size * 2.0 - 1.0, 0.0, 1.0);
}
