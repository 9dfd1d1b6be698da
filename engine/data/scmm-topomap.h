/* scmm-topomap.h: topographic scalp maps, interpolated with spherical splines.
 *
 * Coordinates are the montage's (scmm-montage.h): x to the right, y to the
 * nose, the head circle (the Fpz-T7-Oz-T8 circumference) at radius 0.5, not
 * 1. The map is the head's disc, radius 0.505 (the circle and MNE's 1 %
 * margin, so that the electrodes on the circumference are inside).
 * Electrodes below the circle (SEED's CB1/CB2, at 0.625) shape the map but
 * lie outside it, as in MNE: a disc widened to take them in would be mostly
 * extrapolation beyond T7/T8, where a spline strays far (for SEED-IV's DE,
 * by 30 % of the range in the median window, up to twice the range).
 *
 * Interpolation: Perrin et al. (1989) spherical splines, as EEGLAB's and
 * MNE's spherical interpolation. A 2-D point is projected back onto the unit
 * sphere by inverting the montage's azimuthal equidistant projection
 * (inclination from the vertex = pi r), and
 *   V(p) = c0 + sum_j c_j g(cos(p, e_j)),
 *   g(t) = 1/(4 pi) sum_{n=1..20} (2n + 1) / (n (n + 1))^4 P_n(t)
 * (stiffness m = 4; the terms after 20 change g by less than 1e-7), with
 * [G 1; 1^T 0] [c; c0] = [v; 0], G_ij = g(cos(e_i, e_j)). There is no
 * smoothing term (MNE adds 1e-5 to G's diagonal for repairing bad channels;
 * with this g and SEED's 62 electrodes that would move a real SEED-IV DE
 * map's electrode values by a quarter to 40 % of its range), so the map
 * passes through every electrode's value; the system is solved in double
 * precision, and a montage whose system is too ill-conditioned for that (two
 * electrodes almost on top of each other) is an error. Like every
 * interpolating spline it overshoots the electrodes' values a little: for
 * SEED-IV's DE by 4 % of their range in the median window, 13 % at most.
 *
 * The map is linear in the values: for a fixed montage and grid the
 * interpolation matrix [P, E] (P grid cells inside the disc, E electrodes)
 * is computed once, and each new band or window costs one cblas_sgemv. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SCMM_TOPOMAP_HEAD_RADIUS   0.5
#define SCMM_TOPOMAP_MAX_GRID      512
#define SCMM_TOPOMAP_MAX_ELECTRODES 512

/* Grid cell (row i, column j) of a G x G map has its centre at
 *   x = radius (2 (j + 0.5) / G - 1),  y = radius (1 - 2 (i + 0.5) / G):
 * row 0 is at the nose, as in an image. Cells whose centre lies outside the
 * disc are NAN in every map. */
typedef struct {
  int     grid;               /* G */
  double  radius;             /* of the map disc: 0.505 */
  int     n_channels;         /* as given */
  int     n_electrodes;       /* E: the channels that have a known, distinct position */
  int    *electrode_channel;  /* [E] index of each electrode in the given channels */
  float  *electrode_xy;       /* [E, 2] their positions */
  GStrv   skipped;            /* the given names without a known position (or repeating an
                               * earlier channel's electrode), in order; empty when none */
  int     n_inside;           /* P: grid cells inside the disc */
  int    *inside;             /* [P] their indices i G + j, ascending */
  float  *interpolation;      /* [P, E] map values = interpolation . electrode values */
  double *spline;             /* [E + 1, E] electrode values -> (c_1..c_E, c0) */
  double *electrode_sphere;   /* [E, 3] the electrodes on the unit sphere */
  /* (the arrays share one allocation) */
} ScmmTopomap;

/* The interpolation of `n_channels` channels, named as in a corpus, onto a
 * G x G grid (2 <= G <= SCMM_TOPOMAP_MAX_GRID). Channels without a known
 * position are skipped and listed in `skipped`; none known is an error. */
ScmmTopomap *scmm_topomap_new      (const char *const *channel_names, int n_channels, int grid,
                                    GError **error);
void         scmm_topomap_free     (ScmmTopomap *map);

/* grid_out [G, G] from values [n_channels] (in the given channels' order;
 * skipped channels' values are ignored). Cells outside the disc are NAN. */
void         scmm_topomap_render   (const ScmmTopomap *map, const float *values, float *grid_out);
/* The interpolated value at one point (x, y), evaluated directly from the
 * spline rather than the grid, inside the disc or not (an electrode below
 * the head circle gets its own value back). */
float        scmm_topomap_value_at (const ScmmTopomap *map, const float *values, double x,
                                    double y);
/* The centre of grid cell (row, col). */
void         scmm_topomap_cell_centre (const ScmmTopomap *map, int row, int col, double *x,
                                       double *y);

/* The head cartoon the views draw, in the same coordinates. */
typedef struct {
  int          n_points;
  const float *xy;            /* [n_points, 2] */
} ScmmPolyline;

typedef struct {
  ScmmPolyline head;          /* the circle of radius 0.5, closed (last point = first) */
  ScmmPolyline nose;          /* from the circle up to the tip at y = 0.56 and back */
  ScmmPolyline left_ear;      /* from the circle out to x = -0.54 and back */
  ScmmPolyline right_ear;
} ScmmHeadOutline;

/* Static data, built once; never free it. */
const ScmmHeadOutline *scmm_topomap_head_outline (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmTopomap, scmm_topomap_free)

G_END_DECLS
