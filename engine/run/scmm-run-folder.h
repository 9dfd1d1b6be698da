/* scmm-run-folder.h: a run folder (docs/run-folder.md) read back, for the
 * views and for --resume.
 *
 * The reader takes what is there: a run going on, stopped or killed has no
 * results.csv yet (or one from an earlier method), and the subjects done
 * since are only their result.ini. Those are read too; a subject without a
 * result.ini is not done. Absent files are no error; a file that is there but
 * damaged is, and the message names the file and what is wrong with it
 * (SCMM_ERROR_FORMAT; SCMM_ERROR_IO when it cannot be read). */
#pragma once

#include <glib.h>

#include "scmm-experiment.h"
#include "scmm-metrics.h"
#include "scmm-trainer.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_RUN_STATUS_NONE,       /* no record.json: not started */
  SCMM_RUN_STATUS_RUNNING,    /* running, or killed while running */
  SCMM_RUN_STATUS_FINISHED,
  SCMM_RUN_STATUS_STOPPED,
  SCMM_RUN_STATUS_FAILED,
  SCMM_RUN_STATUS_OTHER,      /* a word this version does not know */
} ScmmRunStatus;

/* record.json: the status, and every other value by its key ("program",
 * "git_revision", "seed", "threads", "blas", "host", "source.corpus",
 * "source.name", "source.fingerprint", "target.…", "notes"). */
typedef struct {
  ScmmRunStatus  status;
  char          *status_word;   /* "running", "finished", "stopped", "failed"; NULL: none */
  char          *why;           /* "failed: why": why; NULL when it says nothing more */
  gint64         updated;       /* the last update, unix seconds; 0 when unknown */
  GHashTable    *values;        /* key -> the value's text (numbers as written) */
} ScmmRunRecord;

/* <method>/pretrain.csv: one row a pre-training epoch. */
typedef struct {
  int    epoch;
  double loss;
  double loss_c;
  double loss_r;
  double p1;          /* the learned loss weights */
  double p2;
  double lr;
  double seconds;
} ScmmPretrainEpoch;

/* A target subject done: its result.ini and finetune.csv. */
typedef struct {
  char          *name;          /* first, as in ScmmRunMethod (looked up by it) */
  double         accuracy;
  double         macro_f1;
  int            selected_epoch;
  int            test_windows;  /* -1 when only results.csv has the subject */
  GStrv          classes;       /* the class names; NULL likewise */
  ScmmConfusion *confusion;     /* of the selected epoch; NULL likewise */
  GArray        *finetune;      /* ScmmFinetuneEpoch, one a fine-tuning epoch */
} ScmmRunSubject;

/* A method of the run: the folder <method>/. */
typedef struct {
  char          *name;                 /* first; "scmm", "supervised", ... */
  GArray        *pretrain;             /* ScmmPretrainEpoch; empty: no pre-training (yet) */
  GPtrArray     *subjects;             /* ScmmRunSubject *: those done, in results.csv's
                                        * order, then those done since by name */
  /* Over the subjects done (NAN when none): results.csv's numbers when it
   * holds them all, else computed from the subjects. */
  double         accuracy_mean, accuracy_std;
  double         f1_mean, f1_std;
  GArray        *finetune_mean;        /* ScmmFinetuneEpoch: per epoch, the mean over
                                        * the subjects that have it */
  int            finetune_subjects;    /* how many subjects have a fine-tuning curve */
  ScmmConfusion *confusion;            /* summed over the subjects done; NULL when none */
  GStrv          classes;              /* its class names */
} ScmmRunMethod;

/* A row of results.csv; the mean and std rows have subject "mean" / "std"
 * and selected_epoch -1. */
typedef struct {
  char   *method;
  char   *subject;
  double  accuracy;
  double  macro_f1;
  int     selected_epoch;
} ScmmRunTableRow;

typedef struct {
  char           *dir;
  ScmmExperiment *config;            /* config.ini */
  ScmmRunRecord  *record;            /* record.json (status NONE when absent) */
  char           *source_name;       /* the corpora's names: the record's, else the config's */
  char           *target_name;
  int             target_subjects;   /* how many the run has; -1 when not known yet */
  GPtrArray      *methods;           /* ScmmRunMethod *: the config's in its order, then
                                      * any other that results.csv names */
  GPtrArray      *subjects;          /* char *: every subject some method has done */
  GArray         *table;             /* ScmmRunTableRow: results.csv; empty when absent */
  int             best;              /* the method with the best mean accuracy; -1 */
} ScmmRunFolder;

/* Everything: config, record, every method's files and results.csv. */
ScmmRunFolder  *scmm_run_folder_read         (const char *dir, GError **error);
/* config.ini and record.json only (methods and subjects empty): enough to list a run. */
ScmmRunFolder  *scmm_run_folder_read_summary (const char *dir, GError **error);
void            scmm_run_folder_free         (ScmmRunFolder *folder);
ScmmRunMethod  *scmm_run_folder_find_method  (const ScmmRunFolder *folder, const char *method);

/* One method's files as far as the run has come: pretrain.csv, and every
 * subject with a result.ini. Its mean and std are computed from the subjects. */
ScmmRunMethod  *scmm_run_method_read         (const char *dir, const char *method, GError **error);
void            scmm_run_method_free         (ScmmRunMethod *method);
ScmmRunSubject *scmm_run_method_find_subject (const ScmmRunMethod *method, const char *subject);

/* The single files. record.json absent: status NONE. pretrain.csv absent: no rows. */
ScmmRunRecord  *scmm_run_record_read         (const char *dir, GError **error);
/* A value of the record, as text; NULL when it has none. */
const char     *scmm_run_record_get          (const ScmmRunRecord *record, const char *key);
void            scmm_run_record_free         (ScmmRunRecord *record);
GArray         *scmm_run_pretrain_read       (const char *dir, const char *method, GError **error);
/* A result.ini (it must exist); the subject's fine-tuning curve is left empty. */
ScmmRunSubject *scmm_run_result_read         (const char *path, GError **error);
void            scmm_run_subject_free        (ScmmRunSubject *subject);

/* <dir>/<method>/subjects/<subject>, the subject's name made a file name. */
char           *scmm_run_subject_dir         (const char *dir, const char *method,
                                              const char *subject);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmRunFolder, scmm_run_folder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmRunMethod, scmm_run_method_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmRunRecord, scmm_run_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmRunSubject, scmm_run_subject_free)

G_END_DECLS
