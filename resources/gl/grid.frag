// grid.frag: the cells of a heatmap or a confusion matrix, a value each in
// an R32F texture, coloured through a colormap's lookup table exactly as the
// cairo drawing does (the nearest of its entries); NaN is the missing colour.
// SPDX-License-Identifier: GPL-3.0-or-later

in vec2 v_uv;
out vec4 colour;

uniform sampler2D u_values;     // R32F [rows, cols]
uniform sampler2D u_colormap;   // RGBA8 [256, 1]
uniform vec2 u_range;           // vmin, (256 - 1) / (vmax - vmin)
uniform vec4 u_missing;

void
main ()
{
  ivec2 size = textureSize (u_values, 0);
  ivec2 cell = clamp (ivec2 (floor (v_uv * vec2 (size))), ivec2 (0), size - 1);
  float v = texelFetch (u_values, cell, 0).r;

  if (isnan (v))
    {
      colour = u_missing;
      return;
    }
  float index = clamp (floor ((v - u_range.x) * u_range.y + 0.5), 0.0, 255.0);
  colour = texelFetch (u_colormap, ivec2 (int (index), 0), 0);
}
