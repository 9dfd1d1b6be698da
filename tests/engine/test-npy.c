/* test-npy.c: the .npy reader on hand-made files: dtypes, byte orders,
 * Fortran order, versions, and every kind of damage. */
#include <math.h>

#include "scmm-error.h"
#include "scmm-npy.h"
#include "scmm-test-util.h"

/* A .npy in memory: version 1 header padded to 64 bytes, then `data`. */
static GByteArray *
make_npy (const char *dict, const void *data, gsize bytes, int version)
{
  GByteArray *out = g_byte_array_new ();
  gsize prefix = version == 1 ? 10 : 12;
  gsize len = strlen (dict) + 1;
  gsize padded = ((prefix + len + 63) / 64) * 64 - prefix;
  g_byte_array_append (out, (const guint8 *) "\x93NUMPY", 6);
  guint8 ver[2] = { (guint8) version, 0 };
  g_byte_array_append (out, ver, 2);
  guint8 hl[4] = { padded & 0xff, (padded >> 8) & 0xff, (padded >> 16) & 0xff, 0 };
  g_byte_array_append (out, hl, version == 1 ? 2 : 4);
  g_byte_array_append (out, (const guint8 *) dict, strlen (dict));
  for (gsize i = strlen (dict); i + 1 < padded; i++)
    g_byte_array_append (out, (const guint8 *) " ", 1);
  g_byte_array_append (out, (const guint8 *) "\n", 1);
  g_byte_array_append (out, data, bytes);
  return out;
}

static double *
parse (GByteArray *npy, ScmmShape *shape, GError **error)
{
  return scmm_npy_parse (npy->data, npy->len, "test.npy", shape, error);
}

static void
test_npy_dtypes (void)
{
  GError *error = NULL;
  ScmmShape shape;
  float f[6] = { 1, 2, 3, 4, 5, 6.5f };
  g_autoptr (GByteArray) a = make_npy ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", f, sizeof f, 1);
  g_autofree double *va = parse (a, &shape, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shape.ndim, ==, 2);
  g_assert_cmpint (shape.dim[1], ==, 3);
  g_assert_cmpfloat (va[5], ==, 6.5);

  /* big-endian float64, version 2 */
  double d = -2.25;
  guint64 bits;
  memcpy (&bits, &d, 8);
  bits = GUINT64_TO_BE (bits);
  g_autoptr (GByteArray) b = make_npy ("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", &bits, 8, 2);
  g_autofree double *vb = parse (b, &shape, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (vb[0], ==, -2.25);

  /* signed 16-bit and booleans */
  gint16 s[3] = { -3, 0, 300 };
  g_autoptr (GByteArray) c = make_npy ("{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }", s, sizeof s, 1);
  g_autofree double *vc = parse (c, &shape, &error);
  g_assert_cmpfloat (vc[0], ==, -3);
  g_assert_cmpfloat (vc[2], ==, 300);
  guint8 bools[2] = { 1, 0 };
  g_autoptr (GByteArray) e = make_npy ("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", bools, 2, 1);
  g_autofree double *ve = parse (e, &shape, &error);
  g_assert_cmpfloat (ve[0], ==, 1);
  g_assert_no_error (error);
}

static void
test_npy_fortran_order (void)
{
  /* the 2 x 3 matrix [[1 2 3] [4 5 6]] stored column by column */
  double col[6] = { 1, 4, 2, 5, 3, 6 };
  g_autoptr (GByteArray) a = make_npy ("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", col, sizeof col, 1);
  ScmmShape shape;
  GError *error = NULL;
  g_autofree double *v = parse (a, &shape, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 6; i++)
    g_assert_cmpfloat (v[i], ==, i + 1);
}

static void
expect_error (const char *dict, const void *data, gsize bytes, const char *fragment)
{
  g_autoptr (GByteArray) a = make_npy (dict, data, bytes, 1);
  ScmmShape shape;
  GError *error = NULL;
  double *v = parse (a, &shape, &error);
  g_assert_null (v);
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "test.npy"));
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
  g_clear_error (&error);
}

static void
test_npy_damage (void)
{
  float f[4] = { 0 };
  expect_error ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", f, sizeof f, "truncated");
  expect_error ("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", f, 8, "not supported");
  expect_error ("{'descr': '<f4', 'fortran_order': False, }", f, 4, "'shape'");
  expect_error ("{'descr': '<f4', 'shape': (1,), }", f, 4, "fortran_order");
  expect_error ("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", f, 4, "'descr'");
  expect_error ("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }", f, 4, "too large");
  expect_error ("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1, 1, 1), }", f, 4, "more than 4");
  GError *error = NULL;
  ScmmShape shape;
  g_assert_null (scmm_npy_parse ((const guint8 *) "not numpy", 9, "x.npy", &shape, &error));
  g_assert_nonnull (strstr (error->message, "x.npy: not a NumPy"));
  g_clear_error (&error);
  g_autoptr (GByteArray) a = make_npy ("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", f, 4, 1);
  for (guint cut = 0; cut < a->len; cut++)   /* every truncation is an error, never a crash */
    {
      double *v = scmm_npy_parse (a->data, cut, "cut.npy", &shape, &error);
      g_assert_null (v);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/npy/dtypes", test_npy_dtypes);
  g_test_add_func ("/npy/fortran-order", test_npy_fortran_order);
  g_test_add_func ("/npy/damage", test_npy_damage);
  return g_test_run ();
}
