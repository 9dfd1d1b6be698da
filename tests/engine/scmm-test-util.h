/* scmm-test-util.h: helpers shared by the engine tests: random buffers,
 * finite-difference gradient checks, tolerance comparisons and the paths of
 * the committed fixtures. */
#pragma once

#include <glib.h>

#include "scmm-h5.h"
#include "scmm-rng.h"

G_BEGIN_DECLS

/* tests/fixtures in the source tree. */
const char *scmm_test_fixtures_dir (void);
/* tests/fixtures/<relative>, newly allocated. */
char       *scmm_test_fixture (const char *relative);
/* tests/fixtures/<relative>, opened read-only; fails the test when it cannot be. */
ScmmH5     *scmm_test_open_fixture (const char *relative);

void   scmm_test_fill_uniform (float *v, gsize n, ScmmRng *rng, float lo, float hi);
/* sum_i a_i b_i in double: the scalar "loss" of a layer test, L = <w, y>. */
double scmm_test_dot          (const float *a, const float *b, gsize n);

/* The loss as a function of the values being checked (which the check
 * perturbs in place). */
typedef double (*ScmmTestLossFunc) (gpointer user_data);

/* Central differences (L(x + eps e) - L(x - eps e)) / 2 eps against the
 * analytic gradient, on `samples` elements (the largest gradients and random
 * ones) and on 3 random directions over all of x. Fails the test with a
 * message naming `label` when the relative error exceeds `tolerance`
 * (elements: relative to max(|fd|, |analytic|, 1e-2 max|grad|), skipping
 * elements next to a kink; directions: relative to |grad|). Returns the worst error. */
double scmm_test_gradcheck (const char *label, ScmmTestLossFunc loss, gpointer user_data,
                            float *x, const float *grad, gsize n, float eps, int samples,
                            double tolerance, ScmmRng *rng);

/* max|actual - expected| <= rtol max|expected| + atol; fails naming `what`.
 * Returns the relative error max|a - e| / max|e|. */
double scmm_test_assert_close (const char *what, const float *actual, const float *expected,
                               gsize n, double rtol, double atol);

/* Checks that *error is set, in SCMM_ERROR with `code`, and that its message
 * holds `fragment` (unless NULL); then clears it. */
void   scmm_test_assert_error (GError **error, int code, const char *fragment);

/* Reads a float dataset of a fixture file whose numel must be `n`. */
float *scmm_test_read_expected (ScmmH5 *h5, const char *name, gsize n);

G_END_DECLS
