/* scmm-tsne.h: t-SNE to 2-D (van der Maaten and Hinton 2008), exact.
 *
 * Input affinities: p_j|i ~ exp(-|x_i - x_j|^2 beta_i), beta_i found by
 * binary search so that row i's perplexity (exp of its entropy, natural
 * log) is the configured one; P = (P_j|i + P_i|j) / 2n, floored at 1e-12.
 * Map affinities: the Student-t kernel q_ij ~ 1 / (1 + |y_i - y_j|^2).
 * Gradient descent on KL(P || Q) with the paper's settings (§3.4):
 * dC/dy_i = 4 sum_j (p_ij - q_ij)(y_i - y_j) / (1 + |y_i - y_j|^2);
 * y from N(0, 1e-4 I); learning rate 100 with Jacobs' (1988) adaptive gains
 * per coordinate (gain + 0.2 where the gradient's sign is opposite to the
 * last update's, i.e. the coordinate keeps moving the same way; gain x 0.8
 * where it is not; at least 0.01); momentum 0.5 for the first 250
 * iterations, then 0.8; P multiplied by 4 ("early exaggeration") for the
 * first 50 iterations; 1000 iterations; the map re-centred every iteration.
 *
 * Exact means O(n^2) time and memory per iteration (two n x n float
 * matrices; the n^2 loops run in float, the optimiser's state in double):
 * about 0.6 s for 1000 points and 6 s (80 MB) for 3000 on one core, so n is
 * capped at SCMM_TSNE_MAX_POINTS. Deterministic for a seed: one thread,
 * fixed order, the initial map from the project's RNG. */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

#define SCMM_TSNE_MAX_POINTS  3000
/* How often the progress callback runs (and the KL divergence is computed). */
#define SCMM_TSNE_REPORT_EVERY 25

typedef struct {
  double   perplexity;               /* 30; must be below n - 1 */
  int      iterations;               /* 1000 */
  double   learning_rate;            /* 100 */
  double   exaggeration;             /* 4 */
  int      exaggeration_iterations;  /* 50 */
  double   initial_momentum;         /* 0.5 */
  double   final_momentum;           /* 0.8 */
  int      momentum_switch;          /* 250: the first iteration with final_momentum */
  uint64_t seed;                     /* 42 */
} ScmmTsneConfig;

ScmmTsneConfig scmm_tsne_config_default (void);

/* Called every SCMM_TSNE_REPORT_EVERY iterations and after the last, with
 * the KL divergence of the current map (against the unexaggerated P).
 * Returning FALSE stops t-SNE with SCMM_ERROR_CANCELLED. */
typedef gboolean (*ScmmTsneProgress) (int iteration, int iterations, double kl,
                                      gpointer user_data);

/* y [n, 2] from x [n, d]. progress may be NULL. Fails when n > SCMM_TSNE_MAX_POINTS,
 * n < 3, the perplexity is not in [1, n - 1), the settings are out of range,
 * or x holds NaN or Inf. */
gboolean scmm_tsne (const float *x, int n, int d, const ScmmTsneConfig *config,
                    ScmmTsneProgress progress, gpointer user_data, float *y, GError **error);

G_END_DECLS
