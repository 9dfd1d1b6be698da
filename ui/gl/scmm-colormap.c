/* scmm-colormap.c: the colormaps of heatmaps and confusion matrices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Viridis (perceptual) and a diverging blue - white - red for heatmaps,
 * ColorBrewer's Blues for confusion matrices; NaN maps to the theme's
 * "missing" grey. Drawing reads them through a table of opaque cairo
 * pixels computed once.
 */

#include <math.h>

#include "gl/scmm-colormap.h"
#include "gl/scmm-figure-private.h"

/* ColorBrewer's RdBu (7 classes), blue at 0 and red at 1. */
static const Rgb diverging_stops[] = {
  RGB_HEX (0x2166ac), RGB_HEX (0x67a9cf), RGB_HEX (0xd1e5f0), RGB_HEX (0xf7f7f7),
  RGB_HEX (0xfddbc7), RGB_HEX (0xef8a62), RGB_HEX (0xb2182b),
};

/* ColorBrewer's Blues (9 classes), for confusion matrices: an empty cell is
 * near white, a full one dark blue. */
static const Rgb blues_stops[] = {
  RGB_HEX (0xf7fbff), RGB_HEX (0xdeebf7), RGB_HEX (0xc6dbef), RGB_HEX (0x9ecae1),
  RGB_HEX (0x6baed6), RGB_HEX (0x4292c6), RGB_HEX (0x2171b5), RGB_HEX (0x08519c),
  RGB_HEX (0x08306b),
};

static void
interpolate_stops (const Rgb *stops,
                   int        n_stops,
                   double     t,
                   double     rgb[3])
{
  double u = CLAMP (t, 0.0, 1.0) * (n_stops - 1);
  int i = MIN ((int) floor (u), n_stops - 2);
  double f = u - i;

  rgb[0] = stops[i].r + f * (stops[i + 1].r - stops[i].r);
  rgb[1] = stops[i].g + f * (stops[i + 1].g - stops[i].g);
  rgb[2] = stops[i].b + f * (stops[i + 1].b - stops[i].b);
}

/* Viridis as a degree-6 polynomial in t per channel: the least-squares fit
 * of matplotlib's viridis published by Matt Zucconi ("Polynomial
 * approximations of colormaps", shadertoy WlfXRN, 2020). It stays within a
 * few 1/255 of the reference; the ends are #470155 and #fce722 against
 * viridis's #440154 and #fde725. */
static void
viridis (double t,
         double rgb[3])
{
  static const double c[7][3] = {
    {  0.2777273272234177,  0.005407344544966578,  0.3340998053353061 },
    {  0.1050930431085774,  1.404613529898575,     1.384590162594685 },
    { -0.3308618287255563,  0.214847559468213,     0.09509516302823659 },
    { -4.634230498983486,  -5.799100973351585,   -19.33244095627987 },
    {  6.228269936347081,  14.17993336680509,     56.69055260068105 },
    {  4.776384997670288, -13.74514537774601,    -65.35303263337234 },
    { -5.435455855934631,   4.645852612178535,    26.3124352495832 },
  };

  t = CLAMP (t, 0.0, 1.0);
  for (int ch = 0; ch < 3; ch++)
    {
      double v = c[6][ch];

      for (int i = 5; i >= 0; i--)
        v = c[i][ch] + t * v;
      rgb[ch] = CLAMP (v, 0.0, 1.0);
    }
}

void
scmm_colormap_rgb (ScmmColormap colormap,
                   double       t,
                   double       rgb[3])
{
  g_return_if_fail (rgb != NULL);

  if (isnan (t))
    {
      rgb[0] = scmm_figure_theme_missing.r;
      rgb[1] = scmm_figure_theme_missing.g;
      rgb[2] = scmm_figure_theme_missing.b;
      return;
    }

  switch (colormap)
    {
    case SCMM_COLORMAP_DIVERGING:
      interpolate_stops (diverging_stops, G_N_ELEMENTS (diverging_stops), t, rgb);
      break;

    case SCMM_COLORMAP_VIRIDIS:
    default:
      viridis (t, rgb);
      break;
    }
}

/* A confusion matrix's colour at t in [0, 1]: Blues, from near white to
 * dark blue. */
void
scmm_colormap_blues_rgb (double t,
                         double rgb[3])
{
  interpolate_stops (blues_stops, G_N_ELEMENTS (blues_stops), t, rgb);
}

guint32
scmm_colormap_pack_rgb (const double rgb[3])
{
  return 0xff000000u
         | (guint32) lround (rgb[0] * 255.0) << 16
         | (guint32) lround (rgb[1] * 255.0) << 8
         | (guint32) lround (rgb[2] * 255.0);
}

/* Opaque cairo pixels (0xAARRGGBB) of a colormap, computed once. */
const guint32 *
scmm_colormap_lut (ScmmColormap colormap)
{
  static guint32 luts[2][LUT_SIZE];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (int m = 0; m < 2; m++)
        for (int i = 0; i < LUT_SIZE; i++)
          {
            double rgb[3];

            scmm_colormap_rgb ((ScmmColormap) m, i / (double) (LUT_SIZE - 1), rgb);
            luts[m][i] = scmm_colormap_pack_rgb (rgb);
          }
      g_once_init_leave (&initialised, 1);
    }

  return luts[colormap == SCMM_COLORMAP_DIVERGING ? 1 : 0];
}
