/* scmm-colormap.h: colormaps, from a value in [0, 1] to a colour
 *
 * A perceptual sequential colormap (viridis) and a diverging one (blue -
 * white - red), for heatmaps and whatever else maps values to colours; NaN
 * is the theme's grey for a missing value. scmm-figure.h includes this
 * header. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SCMM_COLORMAP_VIRIDIS,     /* perceptual, sequential */
  SCMM_COLORMAP_DIVERGING,   /* blue - white - red, centred on the middle of the range */
} ScmmColormap;

/* The colour of a colormap at t in [0, 1]. */
void           scmm_colormap_rgb          (ScmmColormap colormap, double t, double rgb[3]);

G_END_DECLS
