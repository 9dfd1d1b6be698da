// marks.frag: the coverage of a round-capped segment (or a disc, or a ring
// for a hollow marker) at this pixel, for antialiased edges; dashes cut
// along the series. A box (a bar, on whole pixels) is filled whole.
// Premultiplied output.
// SPDX-License-Identifier: GPL-3.0-or-later

in vec2 v_pos;
flat in vec4 v_ends;
flat in vec2 v_extra;
out vec4 colour;

uniform vec4 u_colour;                    // straight alpha
uniform float u_dash;                     // the period, 0: solid
uniform float u_ring;                     // a hollow marker's stroke, 0: filled
uniform float u_box;                      // 1: a box

void
main ()
{
  if (u_box > 0.5)
    {
      colour = vec4 (u_colour.rgb * u_colour.a, u_colour.a);
      return;
    }

  vec2 p0 = v_ends.xy;
  vec2 ba = v_ends.zw - p0;
  float len2 = dot (ba, ba);
  float h = len2 > 0.0 ? clamp (dot (v_pos - p0, ba) / len2, 0.0, 1.0) : 0.0;
  float dist = length (v_pos - p0 - ba * h);
  float radius = v_extra.y;
  float coverage;

  if (u_ring > 0.0)
    coverage = clamp (u_ring * 0.5 + 0.5 - abs (dist - (radius - u_ring * 0.5)), 0.0, 1.0);
  else
    coverage = clamp (radius + 0.5 - dist, 0.0, 1.0);

  if (u_dash > 0.0 && mod (v_extra.x + h * sqrt (len2), u_dash) > u_dash * (3.0 / 5.5))
    discard;
  if (coverage <= 0.0)
    discard;

  float a = u_colour.a * coverage;
  colour = vec4 (u_colour.rgb * a, a);
}
