/* scmm-cmd-run.c: `scmm run`, an experiment from its config, with a progress
 * bar on a terminal; Ctrl-C stops between steps and leaves a resumable run. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "scmm-cmd.h"
#include "scmm-error.h"
#include "scmm-experiment.h"
#include "scmm-run.h"

static volatile sig_atomic_t interrupted = 0;

static void
on_interrupt (int signum)
{
  if (interrupted)
    _exit (130);   /* a second Ctrl-C: now */
  interrupted = 1;
}

typedef struct {
  gboolean        tty;
  ScmmRunControl *control;
  gboolean        told_stopping;
  int             last_line_epoch;
} Watcher;

static char *
format_duration (double seconds)
{
  if (seconds < 0)
    return g_strdup ("--:--");
  int s = (int) (seconds + 0.5);
  if (s >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  return g_strdup_printf ("%d:%02d", s / 60, s % 60);
}

static void
draw_bar (GString *line, double fraction)
{
  const int width = 20;
  int filled = (int) (fraction * width + 0.5);
  g_string_append (line, "[");
  for (int i = 0; i < width; i++)
    g_string_append (line, i < filled ? "#" : ".");
  g_string_append_printf (line, "] %3d%% ", (int) (100 * fraction + 0.5));
}

static void
watch (const ScmmRunEvent *ev, gpointer user_data)
{
  Watcher *w = user_data;
  if (interrupted && !w->told_stopping)
    {
      scmm_run_control_cancel (w->control);
      g_printerr ("%sstopping after this step (Ctrl-C again to quit at once)\n", w->tty ? "\r\033[K" : "");
      w->told_stopping = TRUE;
    }
  g_autofree char *eta = format_duration (ev->eta_s);
  if (ev->kind == SCMM_RUN_EVENT_STAGE && ev->stage == SCMM_RUN_STAGE_PREPARE)
    g_printerr ("scmm: opening the corpora and building the samples\n");
  if (ev->kind == SCMM_RUN_EVENT_SUBJECT)
    g_printerr ("%s%s  subject %s (%d/%d): accuracy %.2f%%, macro-F1 %.2f%% (epoch %d)\n",
                w->tty ? "\r\033[K" : "", ev->method, ev->subject, ev->subject_index,
                ev->subjects, 100 * ev->accuracy, 100 * ev->f1, ev->epoch);
  if (ev->kind == SCMM_RUN_EVENT_EPOCH && ev->stage == SCMM_RUN_STAGE_PRETRAIN && !w->tty)
    g_printerr ("%s  pre-training epoch %d/%d: loss %.4f (L_C %.4f, L_R %.4f), %.1f s, ETA %s\n",
                ev->method, ev->epoch, ev->epochs, ev->loss, ev->loss_c, ev->loss_r,
                ev->step_seconds, eta);
  if (!w->tty || (ev->kind != SCMM_RUN_EVENT_STEP && ev->kind != SCMM_RUN_EVENT_EPOCH))
    return;
  g_autoptr (GString) line = g_string_new ("\r\033[K");
  draw_bar (line, ev->fraction_done);
  if (ev->stage == SCMM_RUN_STAGE_PRETRAIN)
    g_string_append_printf (line, "%s (%d/%d) pre-train epoch %d/%d step %d/%d  loss %.3f "
                                  "(C %.3f, R %.4f)", ev->method, ev->method_index + 1,
                            ev->methods, ev->epoch, ev->epochs, ev->step, ev->steps, ev->loss,
                            ev->loss_c, ev->loss_r);
  else
    g_string_append_printf (line, "%s (%d/%d) fine-tune subject %s (%d/%d) epoch %d/%d  "
                                  "loss %.3f  test %.1f%%", ev->method, ev->method_index + 1,
                            ev->methods, ev->subject, ev->subject_index, ev->subjects,
                            ev->epoch, ev->epochs, ev->loss, 100 * ev->accuracy);
  g_string_append_printf (line, "  ETA %s", eta);
  fputs (line->str, stderr);
}

int
scmm_cmd_run (int argc, char **argv)
{
  g_autofree char *out = NULL, *resume = NULL, *preset = NULL;
  gboolean demo = FALSE;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "The run folder to create", "DIR" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Run the built-in demo experiment (demo corpora, under a minute)", NULL },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, "Run a built-in preset (see docs/experiment-config.md)", "NAME" },
    { "resume", 0, 0, G_OPTION_ARG_FILENAME, &resume, "Continue the run in DIR", "DIR" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("[EXPERIMENT.ini] - run an experiment");
  g_option_context_set_summary (context,
    "Pre-trains on the source corpus and fine-tunes and tests on every target subject,\n"
    "for every method of the experiment, and writes the run folder (docs/run-folder.md)\n"
    "with the results table. Ctrl-C stops between steps; --resume continues.\n"
    "  scmm run EXPERIMENT.ini --out DIR\n"
    "  scmm run --demo --out DIR\n"
    "  scmm run --resume DIR");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!scmm_cmd_parse_options (context, "run", &argc, &argv, 1))
    return SCMM_EXIT_USAGE;
  int sources = (argc > 1) + (demo ? 1 : 0) + (preset != NULL) + (resume != NULL);
  if (sources != 1 || (resume == NULL && out == NULL) || (resume != NULL && out != NULL))
    {
      g_printerr ("scmm run: give one of EXPERIMENT.ini, --demo, --preset NAME (each with --out "
                  "DIR), or --resume DIR\nTry “scmm run --help”.\n");
      return SCMM_EXIT_USAGE;
    }

  GError *error = NULL;
  g_autoptr (ScmmExperiment) experiment = NULL;
  if (argc > 1)
    experiment = scmm_experiment_load (argv[1], &error);
  else if (demo || preset != NULL)
    {
      experiment = scmm_experiment_preset (demo ? "demo" : preset);
      if (experiment == NULL)
        {
          g_printerr ("scmm run: no preset “%s”\n", preset);
          return SCMM_EXIT_USAGE;
        }
    }
  if (resume == NULL && experiment == NULL)
    return scmm_cmd_fail (error);

  g_autoptr (ScmmRunControl) control = scmm_run_control_new ();
  Watcher watcher = { isatty (fileno (stderr)), control, FALSE, 0 };
  struct sigaction sa = { 0 };
  sa.sa_handler = on_interrupt;
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);

  const char *dir = resume ? resume : out;
  gint64 started = g_get_monotonic_time ();
  gboolean ok = resume ? scmm_run_resume (resume, watch, &watcher, control, &error)
                       : scmm_run_experiment (experiment, out, watch, &watcher, control, &error);
  if (watcher.tty)
    g_printerr ("\r\033[K");
  if (!ok)
    {
      if (g_error_matches (error, SCMM_ERROR, SCMM_ERROR_CANCELLED))
        {
          g_printerr ("scmm: stopped; continue with: scmm run --resume %s\n", dir);
          g_error_free (error);
          return 130;
        }
      g_printerr ("scmm: %s\nThe run folder %s keeps what was done; fix the cause and continue "
                  "with: scmm run --resume %s\n", error->message, dir, dir);
      g_error_free (error);
      return EXIT_FAILURE;
    }
  g_autofree char *table = scmm_run_results_markdown (dir, NULL);
  g_print ("%s\nfinished in %.1f s; the run folder is %s\n", table ? table : "",
           (g_get_monotonic_time () - started) / 1e6, dir);
  return EXIT_SUCCESS;
}
