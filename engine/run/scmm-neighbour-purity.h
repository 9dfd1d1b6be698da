/* scmm-neighbour-purity.h: how well groups of points keep to themselves.
 *
 * The k-nearest-neighbour purity of a grouping: for every point, the share
 * of its k nearest other points (Euclidean) that are in its own group,
 * averaged over the points. 1 when every group is a cloud of its own; the
 * chance level (scmm_neighbour_purity_chance) when the groups are mixed
 * through each other. The embedding map's domain-separation score: with the
 * corpora as groups, "how far apart are the source and target windows in
 * the encoder's space"; with the classes, "how well does it keep the
 * emotions apart".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* x [n, d]; group [n]: a point's group, or -1 to leave the point out (it is
 * neither measured nor anyone's neighbour). The distances come from
 * cblas_sgemm in blocks of rows (|a|^2 + |b|^2 - 2 a.b of the points centred
 * on their mean), so the time is that of an n x n x d product. A tie at the k-th distance goes to the point of
 * lower index. Fails when fewer than k + 1 points take part, k < 1, or x
 * holds NaN or Inf. */
gboolean scmm_neighbour_purity        (const float *x, int n, int d, const int *group, int k,
                                       double *purity, GError **error);
/* The expected purity of the same groups scattered at random: the chance
 * that another point drawn at random is of the same group,
 * sum_g n_g (n_g - 1) / (m (m - 1)) over the m points taking part (NAN when
 * m < 2). */
double   scmm_neighbour_purity_chance (const int *group, int n);

G_END_DECLS
