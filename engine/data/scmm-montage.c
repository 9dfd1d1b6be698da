/* scmm-montage.c: 10-05 channel names and their 2-D positions on an
 * idealised spherical head.
 *
 * The positions are derived from the construction of the 10-10 system, not
 * copied from a table of measured coordinates: a point at EEGLAB polar
 * (theta, radius) lies at inclination radius * 180 degrees from the vertex
 * (Cz) and azimuth theta (0 = nose, positive to the right), so the
 * nasion-inion and tragus-tragus lines are great circles whose 10 % steps are
 * 0.125 of radius, and the Fpz-T7-Oz-T8 circumference (radius 0.5) carries
 * an electrode every 18 degrees. The intermediate electrodes of a row (F5 F3
 * F1 between F7 and Fz) divide, in equal arc lengths, the circle on the
 * sphere through the row's two lateral ends and its midline electrode. The
 * 2-D position is the azimuthal equidistant projection EEGLAB's topoplot
 * uses: x = radius sin(theta), y = radius cos(theta). */
#include "scmm-montage.h"

#include <math.h>
#include <string.h>

const char *const scmm_montage_seed62[SCMM_SEED_CHANNELS] = {
  "Fp1", "Fpz", "Fp2", "AF3", "AF4", "F7",  "F5",  "F3",  "F1",  "Fz",
  "F2",  "F4",  "F6",  "F8",  "FT7", "FC5", "FC3", "FC1", "FCz", "FC2",
  "FC4", "FC6", "FT8", "T7",  "C5",  "C3",  "C1",  "Cz",  "C2",  "C4",
  "C6",  "T8",  "TP7", "CP5", "CP3", "CP1", "CPz", "CP2", "CP4", "CP6",
  "TP8", "P7",  "P5",  "P3",  "P1",  "Pz",  "P2",  "P4",  "P6",  "P8",
  "PO7", "PO5", "PO3", "POz", "PO4", "PO6", "PO8", "CB1", "O1",  "Oz",
  "O2",  "CB2",
};

/* Geneva order, as in DEAP's data_preprocessed_matlab. */
const char *const scmm_montage_deap32[SCMM_DEAP_CHANNELS] = {
  "Fp1", "AF3", "F3",  "F7",  "FC5", "FC1", "C3",  "T7",  "CP5", "CP1", "P3",
  "P7",  "PO3", "O1",  "Oz",  "Pz",  "Fp2", "AF4", "Fz",  "F4",  "F8",  "FC6",
  "FC2", "Cz",  "C4",  "T8",  "CP6", "CP2", "P4",  "P8",  "PO4", "O2",
};

/* ---- Geometry ---------------------------------------------------------- */

#define CIRCUMFERENCE_RADIUS 0.5
/* One 10 % step below the circumference: Nz, T9, Iz. */
#define LOWER_RING_RADIUS 0.625
/* Each row: lateral end, three intermediates, midline = 4 equal arcs. */
#define ROW_STEPS 4

/* A point of the unit sphere: x to the right, y to the nose, z to the vertex. */
typedef struct
{
  double x, y, z;
} Vec3;

static Vec3
vec3_sub (Vec3 a, Vec3 b)
{
  return (Vec3) { a.x - b.x, a.y - b.y, a.z - b.z };
}

static Vec3
vec3_axpy (double a, Vec3 x, Vec3 y)
{
  return (Vec3) { a * x.x + y.x, a * x.y + y.y, a * x.z + y.z };
}

static double
vec3_dot (Vec3 a, Vec3 b)
{
  return a.x * b.x + a.y * b.y + a.z * b.z;
}

static Vec3
vec3_cross (Vec3 a, Vec3 b)
{
  return (Vec3) { a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x };
}

static Vec3
vec3_scale (Vec3 a, double s)
{
  return (Vec3) { s * a.x, s * a.y, s * a.z };
}

static Vec3
vec3_normalize (Vec3 a)
{
  return vec3_scale (a, 1.0 / sqrt (vec3_dot (a, a)));
}

static double
radians (double degrees)
{
  return degrees * G_PI / 180.0;
}

/* EEGLAB polar (theta degrees, radius) -> the unit sphere. */
static Vec3
polar_to_sphere (double theta, double radius)
{
  double inclination = radius * G_PI, azimuth = radians (theta);
  return (Vec3) { sin (inclination) * sin (azimuth), sin (inclination) * cos (azimuth),
                  cos (inclination) };
}

/* The unit sphere -> EEGLAB's 2-D plane (the inverse of polar_to_sphere,
 * then x = radius sin(theta), y = radius cos(theta)). */
static void
sphere_to_plane (Vec3 p, double *x, double *y)
{
  double radius = acos (CLAMP (p.z, -1.0, 1.0)) / G_PI;
  double horizontal = hypot (p.x, p.y);
  if (horizontal < 1e-12)
    {
      *x = *y = 0.0;
      return;
    }
  *x = radius * p.x / horizontal;
  *y = radius * p.y / horizontal;
}

/* The circle through three points: its centre and radius (the circumcentre
 * of the triangle, which lies in the triangle's plane). */
static void
circle_through (Vec3 a, Vec3 b, Vec3 c, Vec3 *centre, double *radius)
{
  Vec3 ca = vec3_sub (a, c), cb = vec3_sub (b, c);
  Vec3 normal = vec3_cross (ca, cb);
  Vec3 u = vec3_axpy (-vec3_dot (cb, cb), ca, vec3_scale (cb, vec3_dot (ca, ca)));
  Vec3 offset = vec3_scale (vec3_cross (u, normal), 0.5 / vec3_dot (normal, normal));
  *centre = vec3_axpy (1.0, offset, c);
  *radius = sqrt (vec3_dot (offset, offset));
}

/* The point a fraction t of the way from `from` to `to` along the shorter arc
 * of the circle (centre, radius) that passes through both. */
static Vec3
arc_point (Vec3 centre, double radius, Vec3 from, Vec3 to, double t)
{
  Vec3 e1 = vec3_normalize (vec3_sub (from, centre));
  Vec3 m = vec3_normalize (vec3_sub (to, centre));
  double angle = acos (CLAMP (vec3_dot (e1, m), -1.0, 1.0));
  Vec3 e2 = vec3_normalize (vec3_axpy (-vec3_dot (m, e1), e1, m));
  Vec3 p = vec3_axpy (radius * cos (t * angle), e1, centre);
  p = vec3_axpy (radius * sin (t * angle), e2, p);
  /* The circle lies on the sphere; renormalising only removes rounding. */
  return vec3_normalize (p);
}

/* ---- The table ---------------------------------------------------------- */

typedef struct
{
  char   name[8];
  double x, y;
} Electrode;

/* Two rings of 20, seven rows of 7, CB1/CB2: 91. */
#define MAX_ELECTRODES 96

typedef struct
{
  Electrode electrodes[MAX_ELECTRODES];
  int       n;
} Montage;

static void
add_electrode (Montage *m, const char *name, double x, double y)
{
  g_assert (m->n < MAX_ELECTRODES);
  Electrode *e = &m->electrodes[m->n++];
  g_strlcpy (e->name, name, sizeof e->name);
  e->x = x;
  e->y = y;
}

static void
add_polar (Montage *m, const char *name, double theta, double radius)
{
  add_electrode (m, name, radius * sin (radians (theta)), radius * cos (radians (theta)));
}

/* A left electrode at polar (theta <= 0, radius) and its mirror image. */
static void
add_polar_pair (Montage *m, const char *left, const char *right, double theta, double radius)
{
  add_polar (m, left, theta, radius);
  add_polar (m, right, -theta, radius);
}

/* A ring of constant radius: the midline electrodes at 0 and 180 degrees and
 * a pair every 18 degrees between them (pairs[k] at -/+ 18 (k + 1)). */
static void
add_ring (Montage *m, double radius, const char *front, const char *back,
          const char *const pairs[9][2])
{
  add_polar (m, front, 0.0, radius);
  for (int k = 0; k < 9; k++)
    add_polar_pair (m, pairs[k][0], pairs[k][1], -18.0 * (k + 1), radius);
  add_polar (m, back, 180.0, radius);
}

typedef struct
{
  const char *prefix;         /* "F" names F5 F3 F1 Fz F2 F4 F6 */
  double      lateral_theta;  /* the left end, on the circumference (F7 -54) */
  double      midline_theta;  /* 0 in front of Cz, 180 behind */
  double      midline_radius;
} Row;

/* The rows between the Fp and O rows; their lateral ends are on the
 * circumference (added by the ring) and their midline electrodes are the 10 %
 * steps of the nasion-inion line. The C row and the midline are great
 * circles; the others are not, which is why the intermediates are not at
 * equal steps of theta. */
static const Row rows[] = {
  { "AF", -36.0, 0.0, 0.375 },
  { "F", -54.0, 0.0, 0.25 },
  { "FC", -72.0, 0.0, 0.125 },
  { "C", -90.0, 0.0, 0.0 },
  { "CP", -108.0, 180.0, 0.125 },
  { "P", -126.0, 180.0, 0.25 },
  { "PO", -144.0, 180.0, 0.375 },
};

static void
add_row (Montage *m, const Row *row)
{
  Vec3 left = polar_to_sphere (row->lateral_theta, CIRCUMFERENCE_RADIUS);
  Vec3 right = polar_to_sphere (-row->lateral_theta, CIRCUMFERENCE_RADIUS);
  Vec3 mid = polar_to_sphere (row->midline_theta, row->midline_radius);
  Vec3 centre;
  double radius;
  circle_through (left, mid, right, &centre, &radius);

  /* Steps 1..3 from the left end: F5, F3, F1 and their mirrors F6, F4, F2. */
  for (int k = 1; k < ROW_STEPS; k++)
    {
      Vec3 p = arc_point (centre, radius, left, mid, (double) k / ROW_STEPS);
      double x, y;
      sphere_to_plane (p, &x, &y);
      char name[8];
      g_snprintf (name, sizeof name, "%s%d", row->prefix, 2 * (ROW_STEPS - k) - 1);
      add_electrode (m, name, x, y);
      g_snprintf (name, sizeof name, "%s%d", row->prefix, 2 * (ROW_STEPS - k));
      add_electrode (m, name, -x, y);
    }
  char name[8];
  g_snprintf (name, sizeof name, "%sz", row->prefix);
  add_polar (m, name, row->midline_theta, row->midline_radius);
}

static const char *const circumference_pairs[9][2] = {
  { "Fp1", "Fp2" }, { "AF7", "AF8" }, { "F7", "F8" }, { "FT7", "FT8" }, { "T7", "T8" },
  { "TP7", "TP8" }, { "P7", "P8" },   { "PO7", "PO8" }, { "O1", "O2" },
};

/* One 10 % step below the circumference, 10-05 names (I1/I2 are the places
 * some 10-10 charts call O9/O10). */
static const char *const lower_ring_pairs[9][2] = {
  { "N1", "N2" },     { "AF9", "AF10" }, { "F9", "F10" },   { "FT9", "FT10" }, { "T9", "T10" },
  { "TP9", "TP10" },  { "P9", "P10" },   { "PO9", "PO10" }, { "I1", "I2" },
};

static gpointer
build_montage (gpointer data)
{
  static Montage table;
  Montage *m = &table;

  add_ring (m, CIRCUMFERENCE_RADIUS, "Fpz", "Oz", circumference_pairs);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    add_row (m, &rows[i]);
  add_ring (m, LOWER_RING_RADIUS, "Nz", "Iz", lower_ring_pairs);
  /* CB1/CB2 (Neuroscan's cerebellar electrodes) are outside the 10-05
   * system; caps put them roughly one 10 % step below O1/O2, so this is an
   * approximation, and it coincides with I1/I2. */
  add_polar_pair (m, "CB1", "CB2", -162.0, LOWER_RING_RADIUS);
  return m;
}

static const Montage *
montage (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, build_montage, NULL);
}

static const Electrode *
find_electrode (const char *name)
{
  const Montage *m = montage ();
  for (int i = 0; i < m->n; i++)
    if (g_ascii_strcasecmp (m->electrodes[i].name, name) == 0)
      return &m->electrodes[i];
  return NULL;
}

/* ---- Names -------------------------------------------------------------- */

/* The old 10-20 names of the temporal electrodes. */
static const char *const aliases[][2] = {
  { "T3", "T7" }, { "T4", "T8" }, { "T5", "P7" }, { "T6", "P8" },
};

static const Electrode *
find_electrode_or_alias (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (aliases[i][0], name) == 0)
      return find_electrode (aliases[i][1]);
  return find_electrode (name);
}

/* Removes trailing dots in place (EDF pads "Fc5" to "Fc5." and "C3" to "C3.."). */
static void
strip_trailing_dots (char *s)
{
  gsize len = strlen (s);
  while (len > 0 && s[len - 1] == '.')
    s[--len] = '\0';
}

/* Whether `s` ends with `suffix`, ignoring case. */
static gboolean
has_suffix_ci (const char *s, const char *suffix)
{
  gsize len = strlen (s), n = strlen (suffix);
  return len >= n && g_ascii_strcasecmp (s + len - n, suffix) == 0;
}

/* The electrode's name inside a recorder's label: "EEG Fp1-REF" -> "Fp1".
 * `label` is trimmed and free of trailing dots; the result is newly allocated
 * and never empty when the label was not ("EEG" stays "EEG"). */
static char *
strip_decorations (const char *label)
{
  static const char *const prefixes[] = { "EEG ", "EEG-" };
  static const char *const suffixes[] = { "-REF", "-LE" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_ascii_strncasecmp (label, prefixes[i], strlen (prefixes[i])) == 0)
      {
        label += strlen (prefixes[i]);
        break;
      }
  char *core = g_strdup (label);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (has_suffix_ci (core, suffixes[i]) && strlen (core) > strlen (suffixes[i]))
      {
        core[strlen (core) - strlen (suffixes[i])] = '\0';
        break;
      }
  g_strstrip (core);
  strip_trailing_dots (core);
  return core;
}

char *
scmm_channel_name_normalize (const char *name)
{
  if (name == NULL)
    return NULL;
  char *trimmed = g_strstrip (g_strdup (name));
  strip_trailing_dots (trimmed);
  g_strchomp (trimmed);
  if (trimmed[0] == '\0')
    {
      g_free (trimmed);
      return NULL;
    }

  g_autofree char *core = strip_decorations (trimmed);
  const Electrode *e = find_electrode_or_alias (core);
  if (e == NULL)
    return trimmed;
  g_free (trimmed);
  return g_strdup (e->name);
}

gboolean
scmm_channel_names_equal (const char *a, const char *b)
{
  g_autofree char *na = scmm_channel_name_normalize (a);
  g_autofree char *nb = scmm_channel_name_normalize (b);
  /* Known names are now canonical; unknown ones ("Status", "ECG") compare
   * like the rest, ignoring case. */
  return na != NULL && nb != NULL && g_ascii_strcasecmp (na, nb) == 0;
}

gboolean
scmm_montage_position (const char *name, double *x, double *y)
{
  g_autofree char *normalized = scmm_channel_name_normalize (name);
  const Electrode *e = normalized != NULL ? find_electrode (normalized) : NULL;
  if (e == NULL)
    return FALSE;
  if (x != NULL)
    *x = e->x;
  if (y != NULL)
    *y = e->y;
  return TRUE;
}

int
scmm_montage_common (const char *const *a, int na, const char *const *b, int nb, int *index_a,
                     int *index_b)
{
  g_return_val_if_fail (na >= 0 && nb >= 0, 0);
  g_return_val_if_fail (na == 0 || a != NULL, 0);
  g_return_val_if_fail (nb == 0 || b != NULL, 0);

  /* Normalise each name once instead of once per comparison. */
  char **normalized_a = g_new0 (char *, na + 1);
  for (int i = 0; i < na; i++)
    normalized_a[i] = scmm_channel_name_normalize (a[i]);

  int count = 0;
  for (int j = 0; j < nb; j++)
    {
      g_autofree char *name = scmm_channel_name_normalize (b[j]);
      if (name == NULL)
        continue;
      for (int i = 0; i < na; i++)
        if (normalized_a[i] != NULL && g_ascii_strcasecmp (normalized_a[i], name) == 0)
          {
            if (index_a != NULL)
              index_a[count] = i;
            if (index_b != NULL)
              index_b[count] = j;
            count++;
            break;
          }
    }
  /* NULL entries end a GStrv early, so free them one by one. */
  for (int i = 0; i < na; i++)
    g_free (normalized_a[i]);
  g_free (normalized_a);
  return count;
}
