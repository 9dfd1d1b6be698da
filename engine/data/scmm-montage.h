/* scmm-montage.h: EEG channel names and 2-D scalp positions.
 *
 * Names are normalised to the 10-05 system's spelling ("Fp1", "AFz", "FC5",
 * "Cz", "CB1"), whatever the file wrote: any case, trailing dots (EDF's
 * "Fc5."), an "EEG " prefix, and the old 10-20 names T3/T4/T5/T6 (= T7/T8/P7/P8).
 * Positions are those of an idealised spherical head in EEGLAB's polar
 * convention projected to 2-D: x to the right, y to the nose, radius 0.5 at
 * the Fpz-T7-Oz-T8 circumference; electrodes below it (CB1, Iz, T9) lie
 * outside 0.5. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SCMM_SEED_CHANNELS 62
#define SCMM_DEAP_CHANNELS 32

/* SEED's and SEED-IV's 62 channels and DEAP's 32 (Geneva order), normalised. */
extern const char *const scmm_montage_seed62[SCMM_SEED_CHANNELS];
extern const char *const scmm_montage_deap32[SCMM_DEAP_CHANNELS];

/* The normalised name (newly allocated); NULL when `name` is empty. Names the
 * system does not know are returned trimmed, otherwise unchanged. */
char    *scmm_channel_name_normalize (const char *name);
/* Whether the two names denote the same electrode. */
gboolean scmm_channel_names_equal    (const char *a, const char *b);
/* The 2-D position of a known electrode; FALSE for an unknown name. */
gboolean scmm_montage_position       (const char *name, double *x, double *y);

/* The channels two montages share, in the order of `b`: for k < returned
 * count, a[index_a[k]] and b[index_b[k]] are the same electrode. index_a and
 * index_b must hold nb entries. */
int      scmm_montage_common         (const char *const *a, int na, const char *const *b, int nb,
                                      int *index_a, int *index_b);

G_END_DECLS
