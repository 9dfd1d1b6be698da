// grid.frag: the cells of a heatmap, a confusion matrix or a scalp map, a
// value each in an R32F texture, coloured through a colormap's lookup table
// exactly as the cairo drawing does (the nearest of its entries). Compiled
// twice: as is, a heatmap's flat cells, NaN the missing colour; with SMOOTH
// defined, a scalp map's, smoothed like cairo's bilinear filter (the colours
// of the four nearest cells mixed, NaN transparent, the edge cells repeated
// beyond the grid) and cut to the disc with an antialiased edge.
// Premultiplied output.
// SPDX-License-Identifier: GPL-3.0-or-later

out vec4 colour;

uniform sampler2D u_values;     // R32F [rows, cols]
uniform sampler2D u_colormap;   // RGBA8 [256, 1]
uniform vec2 u_range;           // vmin, (256 - 1) / (vmax - vmin)
uniform vec4 u_missing;         // a NaN cell's colour: opaque, or transparent
uniform vec4 u_grid;            // the grid's top-left corner in pixels (y up), cells a pixel (x, -y)
#ifdef SMOOTH
uniform vec3 u_disc;            // the disc's centre and radius in pixels
#endif

vec4
cell_colour (ivec2 cell)
{
  ivec2 size = textureSize (u_values, 0);
  float v = texelFetch (u_values, clamp (cell, ivec2 (0), size - 1), 0).r;

  if (isnan (v))
    return u_missing;
  float index = clamp (floor ((v - u_range.x) * u_range.y + 0.5), 0.0, 255.0);
  return texelFetch (u_colormap, ivec2 (int (index), 0), 0);
}

void
main ()
{
  // Where this pixel's centre is in the grid, in cells from its top-left
  // corner.
  vec2 at = (gl_FragCoord.xy - u_grid.xy) * u_grid.zw;

#ifndef SMOOTH
  colour = cell_colour (ivec2 (floor (at)));
#else
  vec2 p = at - 0.5;
  ivec2 first = ivec2 (floor (p));
  vec2 t = p - floor (p);
  vec4 top = mix (cell_colour (first), cell_colour (first + ivec2 (1, 0)), t.x);
  vec4 bottom = mix (cell_colour (first + ivec2 (0, 1)), cell_colour (first + ivec2 (1, 1)), t.x);

  colour = mix (top, bottom, t.y) * clamp (u_disc.z - distance (gl_FragCoord.xy, u_disc.xy) + 0.5, 0.0, 1.0);
#endif
}
