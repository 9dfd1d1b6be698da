/* scmm-experiment-page.c: the Experiment page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form speaks the .ini's language. Every control is one key of
 * docs/experiment-config.md (the table `fields` below); an experiment fills
 * the controls through the text scmm_experiment_to_data writes, and the form
 * is checked by writing a key file from the controls and reading it with
 * scmm_experiment_load_data: the checks of `scmm run`, whose messages name the
 * group and the key, and so name a control.
 */

#include "scmm-build-config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "scmm-error.h"
#include "scmm-experiment-page.h"
#include "scmm-resources.h"

/* What the form calls itself in the engine's messages; taken off again. */
#define FORM_LABEL "form"

/* A problem found while typing is shown once the typing pauses: "1-" on the
 * way to "1-10" is not worth a banner. */
#define PROBLEM_DELAY_MS 600

/* The keys of the .ini, one control each (`fields` below). */
#define N_FIELDS 42

struct _ScmmExperimentPage
{
  GtkWidget parent_instance;

  /* Template children: the toolbar and the problem banner */
  GtkMenuButton     *preset_button;
  GtkButton         *open_button;
  GtkButton         *save_button;
  GtkInfoBar        *problem_bar;
  GtkLabel          *problem_label;
  GtkButton         *show_problem_button;
  GtkScrolledWindow *scrolled_window;
  GtkWidget         *form_box;

  /* [experiment] */
  GtkEntry          *name_entry;
  GtkDropDown       *protocol_dropdown;
  GtkGrid           *methods_grid;
  GtkDropDown       *fidelity_dropdown;
  GtkLabel          *fidelity_description;
  /* [source] */
  GtkEntry          *source_corpus_entry;
  GtkEntry          *source_subjects_entry;
  GtkEntry          *source_sessions_entry;
  /* [target] */
  GtkStack          *target_corpus_stack;
  GtkLabel          *target_corpus_description;
  GtkLabel          *target_same_label;
  GtkEntry          *target_corpus_entry;
  GtkEntry          *target_subjects_entry;
  GtkEntry          *target_sessions_entry;
  GtkEntry          *finetune_trials_entry;
  GtkEntry          *test_trials_entry;
  /* [classes] */
  GtkDropDown       *mapping_dropdown;
  GtkWidget         *map_row;
  GtkEntry          *map_entry;
  GtkDropDown       *deap_label_dropdown;
  /* [pretrain] */
  GtkSpinButton     *pretrain_epochs_spin;
  GtkSpinButton     *pretrain_batch_spin;
  GtkEntry          *pretrain_lr_entry;
  GtkDropDown       *subset_dropdown;
  GtkWidget         *subset_size_row;
  GtkSpinButton     *subset_size_spin;
  /* [mask] */
  GtkDropDown       *mask_mode_dropdown;
  GtkSpinButton     *mask_ratio_spin;
  GtkSpinButton     *mask_threshold_spin;
  GtkSpinButton     *mask_views_spin;
  /* [loss] */
  GtkSpinButton     *alpha_spin;
  GtkSpinButton     *sigma_spin;
  GtkSpinButton     *tau_spin;
  GtkDropDown       *recon_target_dropdown;
  /* [finetune] */
  GtkSpinButton     *finetune_epochs_spin;
  GtkSpinButton     *finetune_batch_spin;
  GtkEntry          *finetune_lr_entry;
  GtkSwitch         *gradient_accumulation_switch;
  GtkDropDown       *model_selection_dropdown;
  GtkWidget         *validation_fraction_row;
  GtkSpinButton     *validation_fraction_spin;
  GtkDropDown       *normalisation_dropdown;
  /* [optimizer] */
  GtkSpinButton     *beta1_spin;
  GtkSpinButton     *beta2_spin;
  GtkEntry          *eps_entry;
  GtkEntry          *weight_decay_entry;
  /* [run] */
  GtkEntry          *seed_entry;
  GtkSpinButton     *threads_spin;
  GtkSpinButton     *snapshot_every_spin;

  GtkCheckButton    *method_checks[SCMM_N_METHODS];
  guint              spin_digits[N_FIELDS];  /* the template's, before a value widened them */
  GArray            *method_order;     /* ScmmMethod, in the order they were ticked */

  GtkFileChooserNative *chooser;
  char              *path;             /* the file last opened or saved */

  gboolean           filling;          /* the controls are being set: check once, after */
  gboolean           valid;
  char              *problem;
  GPtrArray         *marked;           /* widgets wearing the error style */
  GtkWidget         *problem_widget;   /* where "Show" goes */
  guint              show_problem_id;
};

G_DEFINE_FINAL_TYPE (ScmmExperimentPage, scmm_experiment_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALID,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void scmm_experiment_page_check (ScmmExperimentPage *self, gboolean show_at_once);

/* ---- the keys and their controls ---- */

typedef enum {
  FIELD_TEXT,     /* GtkEntry: the value as typed */
  FIELD_NUMBER,   /* GtkEntry: a real number, small ones in scientific notation */
  FIELD_SPIN,     /* GtkSpinButton */
  FIELD_CHOICE,   /* GtkDropDown: item i is choice (i) */
  FIELD_SWITCH,   /* GtkSwitch: true / false */
  FIELD_METHODS,  /* the method check buttons (the control is their grid) */
} FieldKind;

/* The .ini's name of a dropdown's item, or NULL past the last one. */
typedef const char *(*ChoiceName) (guint index);

typedef struct
{
  const char *group;
  const char *key;
  FieldKind   kind;
  gsize       offset;   /* of the control's pointer in ScmmExperimentPage */
  ChoiceName  choice;
} Field;

static const char *
protocol_choice (guint i)
{
  return i <= SCMM_PROTOCOL_CROSS_SESSION ? scmm_protocol_to_string ((ScmmProtocol) i) : NULL;
}

static const char *
fidelity_choice (guint i)
{
  static const char *const names[] = { "honest", "released" };
  return i < G_N_ELEMENTS (names) ? names[i] : NULL;
}

static const char *
mapping_choice (guint i)
{
  return i <= SCMM_CLASSES_MAP ? scmm_class_mapping_to_string ((ScmmClassMapping) i) : NULL;
}

static const char *
deap_label_choice (guint i)
{
  static const char *const names[] = { "valence", "arousal" };
  return i < G_N_ELEMENTS (names) ? names[i] : NULL;
}

static const char *
subset_choice (guint i)
{
  static const char *const names[] = { "full", "first" };
  return i < G_N_ELEMENTS (names) ? names[i] : NULL;
}

static const char *
mask_mode_choice (guint i)
{
  return i <= SCMM_MASK_PARALLEL ? scmm_mask_mode_to_string ((ScmmMaskMode) i) : NULL;
}

static const char *
recon_target_choice (guint i)
{
  return i <= SCMM_RECON_ORIGINAL ? scmm_recon_target_to_string ((ScmmReconTarget) i) : NULL;
}

static const char *
model_selection_choice (guint i)
{
  return i <= SCMM_SELECT_BEST_TEST
           ? scmm_model_selection_to_string ((ScmmModelSelection) i) : NULL;
}

static const char *
normalisation_choice (guint i)
{
  return i <= SCMM_NORMALISE_NONE ? scmm_normalisation_to_string ((ScmmNormalisation) i) : NULL;
}

#define FIELD(group, key, kind, member, choice) \
  { group, key, kind, G_STRUCT_OFFSET (ScmmExperimentPage, member), choice }

/* Every key of docs/experiment-config.md, in the file's order. */
static const Field fields[] = {
  FIELD ("experiment", "name", FIELD_TEXT, name_entry, NULL),
  FIELD ("experiment", "protocol", FIELD_CHOICE, protocol_dropdown, protocol_choice),
  FIELD ("experiment", "method", FIELD_METHODS, methods_grid, NULL),
  FIELD ("experiment", "fidelity", FIELD_CHOICE, fidelity_dropdown, fidelity_choice),
  FIELD ("source", "corpus", FIELD_TEXT, source_corpus_entry, NULL),
  FIELD ("source", "subjects", FIELD_TEXT, source_subjects_entry, NULL),
  FIELD ("source", "sessions", FIELD_TEXT, source_sessions_entry, NULL),
  FIELD ("target", "corpus", FIELD_TEXT, target_corpus_entry, NULL),
  FIELD ("target", "subjects", FIELD_TEXT, target_subjects_entry, NULL),
  FIELD ("target", "sessions", FIELD_TEXT, target_sessions_entry, NULL),
  FIELD ("target", "finetune_trials", FIELD_TEXT, finetune_trials_entry, NULL),
  FIELD ("target", "test_trials", FIELD_TEXT, test_trials_entry, NULL),
  FIELD ("classes", "mapping", FIELD_CHOICE, mapping_dropdown, mapping_choice),
  FIELD ("classes", "map", FIELD_TEXT, map_entry, NULL),
  FIELD ("classes", "deap_label", FIELD_CHOICE, deap_label_dropdown, deap_label_choice),
  FIELD ("pretrain", "epochs", FIELD_SPIN, pretrain_epochs_spin, NULL),
  FIELD ("pretrain", "batch_size", FIELD_SPIN, pretrain_batch_spin, NULL),
  FIELD ("pretrain", "learning_rate", FIELD_NUMBER, pretrain_lr_entry, NULL),
  FIELD ("pretrain", "subset", FIELD_CHOICE, subset_dropdown, subset_choice),
  FIELD ("pretrain", "subset_size", FIELD_SPIN, subset_size_spin, NULL),
  FIELD ("mask", "mode", FIELD_CHOICE, mask_mode_dropdown, mask_mode_choice),
  FIELD ("mask", "ratio", FIELD_SPIN, mask_ratio_spin, NULL),
  FIELD ("mask", "threshold", FIELD_SPIN, mask_threshold_spin, NULL),
  FIELD ("mask", "views", FIELD_SPIN, mask_views_spin, NULL),
  FIELD ("loss", "alpha", FIELD_SPIN, alpha_spin, NULL),
  FIELD ("loss", "sigma", FIELD_SPIN, sigma_spin, NULL),
  FIELD ("loss", "tau", FIELD_SPIN, tau_spin, NULL),
  FIELD ("loss", "recon_target", FIELD_CHOICE, recon_target_dropdown, recon_target_choice),
  FIELD ("finetune", "epochs", FIELD_SPIN, finetune_epochs_spin, NULL),
  FIELD ("finetune", "batch_size", FIELD_SPIN, finetune_batch_spin, NULL),
  FIELD ("finetune", "learning_rate", FIELD_NUMBER, finetune_lr_entry, NULL),
  FIELD ("finetune", "gradient_accumulation", FIELD_SWITCH, gradient_accumulation_switch, NULL),
  FIELD ("finetune", "model_selection", FIELD_CHOICE, model_selection_dropdown,
         model_selection_choice),
  FIELD ("finetune", "validation_fraction", FIELD_SPIN, validation_fraction_spin, NULL),
  FIELD ("finetune", "normalisation", FIELD_CHOICE, normalisation_dropdown,
         normalisation_choice),
  FIELD ("optimizer", "beta1", FIELD_SPIN, beta1_spin, NULL),
  FIELD ("optimizer", "beta2", FIELD_SPIN, beta2_spin, NULL),
  FIELD ("optimizer", "eps", FIELD_NUMBER, eps_entry, NULL),
  FIELD ("optimizer", "weight_decay", FIELD_NUMBER, weight_decay_entry, NULL),
  FIELD ("run", "seed", FIELD_TEXT, seed_entry, NULL),
  FIELD ("run", "threads", FIELD_SPIN, threads_spin, NULL),
  FIELD ("run", "snapshot_every", FIELD_SPIN, snapshot_every_spin, NULL),
};

#undef FIELD

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == N_FIELDS);

/* The method check buttons: a label and what the method switches off. */
static const struct
{
  const char *label;
  const char *description;
} method_labels[] = {
  [SCMM_METHOD_SCMM] = { N_("SCMM"), N_("The method") },
  [SCMM_METHOD_SUPERVISED] = { N_("Supervised"),
                               N_("No pre-training: fine-tune from a random encoder") },
  [SCMM_METHOD_HARD_CONTRASTIVE] = { N_("Hard contrastive"),
                                     N_("Soft weights off: 1 for the positives, 0 elsewhere") },
  [SCMM_METHOD_RECONSTRUCTION_ONLY] = { N_("Reconstruction only"),
                                        N_("No contrastive loss") },
  [SCMM_METHOD_NO_AGGREGATOR] = { N_("No aggregator"),
                                  N_("Each row rebuilt from its own embedding") },
  [SCMM_METHOD_RANDOM_MASK] = { N_("Element-wise masks"),
                                N_("SCMM with element-wise masks only") },
  [SCMM_METHOD_CHANNEL_MASK] = { N_("Channel masks"), N_("SCMM with channel masks only") },
  [SCMM_METHOD_PARALLEL_MASK] = { N_("Parallel masks"),
                                  N_("SCMM with one mask kind per sample") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (method_labels) == SCMM_N_METHODS);

static GtkWidget *
field_widget (ScmmExperimentPage *self,
              const Field        *field)
{
  return G_STRUCT_MEMBER (GtkWidget *, self, field->offset);
}

static const Field *
find_field (const char *group,
            const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strcmp (fields[i].group, group) == 0 && strcmp (fields[i].key, key) == 0)
      return &fields[i];
  return NULL;
}

static gboolean
is_within_corpus (ScmmExperimentPage *self)
{
  return gtk_drop_down_get_selected (self->protocol_dropdown) != SCMM_PROTOCOL_CROSS_CORPUS;
}

/* ---- numbers as text ---- */

/* The shortest decimal that reads back as exactly v, in the C locale. */
static char *
format_shortest (double v)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  /* Whole numbers whole: 20, not 2e+01 (an integer key would refuse it). */
  if (v == floor (v) && fabs (v) < 1e15)
    return g_strdup_printf ("%.0f", v);

  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (text, sizeof text, format, v);
      if (g_ascii_strtod (text, NULL) == v)
        break;
    }

  return g_strdup (text);
}

/* "5e-04" -> "5e-4" */
static void
compact_exponent (char *text)
{
  char *exponent = strchr (text, 'e');
  char *digits, *first;

  if (exponent == NULL)
    return;
  digits = exponent + 1 + (exponent[1] == '-' || exponent[1] == '+');
  first = digits;
  while (first[0] == '0' && first[1] != '\0')
    first++;
  memmove (digits, first, strlen (first) + 1);
}

/* A learning rate, eps or weight decay as a person writes it: 5e-4 rather
 * than 0.0005, and the same number exactly. */
static char *
number_for_display (const char *text)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (v) || v == 0.0
      || fabs (v) >= 1e-2)
    return g_strdup (text);

  for (int digits = 0; digits <= 16; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, v);
      if (g_ascii_strtod (buffer, NULL) == v)
        break;
    }
  compact_exponent (buffer);
  return g_strdup (buffer);
}

/* The spin button's text as the .ini writes numbers. GtkSpinButton reads
 * its text in the user's locale, and so does this; text that is not a
 * number goes to the engine as it is, to be named in its message. The text,
 * not the value: what is typed is checked before it is committed. */
static char *
spin_get_text (GtkSpinButton *spin)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char *end = NULL;
  double v = g_strtod (text, &end);

  if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (v))
    return g_steal_pointer (&text);

  return format_shortest (v);
}

static gboolean
shows_exactly (double v,
               guint  digits)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_snprintf (format, sizeof format, "%%.%uf", digits);
  g_ascii_formatd (text, sizeof text, format, v);
  return g_ascii_strtod (text, NULL) == v;
}

/* Sets the spin button to the number in text so that it shows it whole and
 * gives it back unchanged: a file may hold sigma = 0.0001 or a fraction with
 * 16 digits, and opening and saving it must not round them. */
static void
spin_set_text (GtkSpinButton *spin,
               guint          default_digits,
               const char    *text)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  double v = g_ascii_strtod (text, NULL);
  guint digits = default_digits;

  if (v < gtk_adjustment_get_lower (adjustment))
    gtk_adjustment_set_lower (adjustment, v);
  if (v > gtk_adjustment_get_upper (adjustment))
    gtk_adjustment_set_upper (adjustment, v);

  while (digits < 20 && !shows_exactly (v, digits))
    digits++;
  if (digits != gtk_spin_button_get_digits (spin))
    gtk_spin_button_set_digits (spin, digits);

  gtk_spin_button_set_value (spin, v);
}

/* ---- the methods ---- */

static char *
methods_get_text (ScmmExperimentPage *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->method_order->len; i++)
    {
      ScmmMethod method = g_array_index (self->method_order, ScmmMethod, i);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", scmm_method_to_string (method));
    }

  return g_string_free (text, FALSE);
}

static void
methods_set_text (ScmmExperimentPage *self,
                  const char         *text)
{
  g_auto(GStrv) names = g_strsplit (text, ",", -1);
  gboolean chosen[SCMM_N_METHODS] = { FALSE };

  g_array_set_size (self->method_order, 0);
  for (guint i = 0; names[i] != NULL; i++)
    {
      ScmmMethod method;

      if (scmm_method_from_string (g_strstrip (names[i]), &method) && !chosen[method])
        {
          chosen[method] = TRUE;
          g_array_append_val (self->method_order, method);
        }
    }

  for (int m = 0; m < SCMM_N_METHODS; m++)
    gtk_check_button_set_active (self->method_checks[m], chosen[m]);
}

static void
method_toggled (GtkCheckButton     *check,
                ScmmExperimentPage *self)
{
  if (self->filling)
    return;

  for (int m = 0; m < SCMM_N_METHODS; m++)
    {
      ScmmMethod method = (ScmmMethod) m;
      guint i = 0;

      if (self->method_checks[m] != check)
        continue;

      /* Ticked: last in the comparison. Unticked: out of it. */
      while (i < self->method_order->len)
        if (g_array_index (self->method_order, ScmmMethod, i) == method)
          g_array_remove_index (self->method_order, i);
        else
          i++;
      if (gtk_check_button_get_active (check))
        g_array_append_val (self->method_order, method);
    }

  scmm_experiment_page_check (self, FALSE);
}

/* ---- controls as text ---- */

static char *
field_get_text (ScmmExperimentPage *self,
                const Field        *field)
{
  GtkWidget *widget = field_widget (self, field);

  switch (field->kind)
    {
    case FIELD_TEXT:
    case FIELD_NUMBER:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));

    case FIELD_SPIN:
      return spin_get_text (GTK_SPIN_BUTTON (widget));

    case FIELD_CHOICE:
      {
        guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));
        const char *name = selected != GTK_INVALID_LIST_POSITION ? field->choice (selected) : NULL;

        return g_strdup (name != NULL ? name : "");
      }

    case FIELD_SWITCH:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (widget)) ? "true" : "false");

    case FIELD_METHODS:
      return methods_get_text (self);

    default:
      g_assert_not_reached ();
    }
}

static void
field_set_text (ScmmExperimentPage *self,
                const Field        *field,
                const char         *text)
{
  GtkWidget *widget = field_widget (self, field);

  switch (field->kind)
    {
    case FIELD_TEXT:
      gtk_editable_set_text (GTK_EDITABLE (widget), text);
      break;

    case FIELD_NUMBER:
      {
        g_autofree char *display = number_for_display (text);
        gtk_editable_set_text (GTK_EDITABLE (widget), display);
      }
      break;

    case FIELD_SPIN:
      spin_set_text (GTK_SPIN_BUTTON (widget), self->spin_digits[field - fields], text);
      break;

    case FIELD_CHOICE:
      for (guint i = 0; field->choice (i) != NULL; i++)
        if (strcmp (field->choice (i), text) == 0)
          {
            gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), i);
            return;
          }
      g_critical ("[%s] %s = %s: no such item in the form", field->group, field->key, text);
      break;

    case FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (widget), strcmp (text, "true") == 0);
      break;

    case FIELD_METHODS:
      methods_set_text (self, text);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Whether the key is left out of the .ini: a single-corpus protocol leaves
 * the target's corpus out (the engine then names the source's, as for a file
 * that leaves it out), and the map is only read when mapping = map (the
 * hidden entry keeps its text, should the mapping come back to map). */
static gboolean
field_left_out (ScmmExperimentPage *self,
                const Field        *field)
{
  GtkWidget *widget = field_widget (self, field);

  if (widget == GTK_WIDGET (self->target_corpus_entry))
    return is_within_corpus (self);
  if (widget == GTK_WIDGET (self->map_entry))
    return gtk_drop_down_get_selected (self->mapping_dropdown) != SCMM_CLASSES_MAP;
  return FALSE;
}

/* The form as an .ini. */
static char *
form_to_data (ScmmExperimentPage *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *field = &fields[i];
      g_autofree char *text = NULL;

      if (field_left_out (self, field))
        continue;

      text = field_get_text (self, field);
      g_key_file_set_string (file, field->group, field->key, text);
    }

  return g_key_file_to_data (file, NULL, NULL);
}

/* The experiment the form describes, read as `scmm run` reads a file. */
static ScmmExperiment *
form_read (ScmmExperimentPage *self,
           GError            **error)
{
  g_autofree char *data = form_to_data (self);
  g_autoptr(GError) local = NULL;
  ScmmExperiment *experiment = scmm_experiment_load_data (data, FORM_LABEL, &local);

  if (experiment == NULL)
    {
      const char *message = local->message;

      if (g_str_has_prefix (message, FORM_LABEL ": "))
        message += strlen (FORM_LABEL ": ");
      g_set_error_literal (error, local->domain, local->code, message);
    }

  return experiment;
}

/* ---- the problem: properties, banner, marks ---- */

static GtkWidget *
row_title (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *child = row;

  /* The title is the row's first label (see the template). */
  while (child != NULL && !GTK_IS_LABEL (child))
    child = gtk_widget_get_first_child (child);

  return child;
}

static void
mark (ScmmExperimentPage *self,
      GtkWidget          *widget)
{
  GtkWidget *title = row_title (widget);

  gtk_widget_add_css_class (widget, "error");
  g_ptr_array_add (self->marked, widget);
  if (title != NULL)
    {
      gtk_widget_add_css_class (title, "error");
      g_ptr_array_add (self->marked, title);
    }
}

static void
unmark_all (ScmmExperimentPage *self)
{
  for (guint i = 0; i < self->marked->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->marked, i), "error");
  g_ptr_array_set_size (self->marked, 0);
  self->problem_widget = NULL;
}

/* Marks the controls of the keys a message names: "[target] subjects = …",
 * "[target] finetune_trials = 1-10 and test_trials = …", "[experiment]
 * protocol = cross-subject needs [source] subjects and [target] subjects …".
 * "Show" goes to the last one named: the one the message ends on. */
static void
mark_named_keys (ScmmExperimentPage *self,
                 const char         *message)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\[([a-z_]+)\\] ([a-z_]+)|\\band ([a-z_]+) =",
                                         G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *group = NULL;

  g_regex_match (regex, message, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *key = NULL;
      g_autofree char *and_key = g_match_info_fetch (match, 3);
      const Field *field;

      if (and_key != NULL && *and_key != '\0')
        key = g_steal_pointer (&and_key);
      else
        {
          g_free (group);
          group = g_match_info_fetch (match, 1);
          key = g_match_info_fetch (match, 2);
        }

      field = group != NULL ? find_field (group, key) : NULL;
      if (field == NULL)
        continue;
      if (field_left_out (self, field))
        continue;

      mark (self, field_widget (self, field));
      self->problem_widget = field_widget (self, field);
    }
}

static void
show_problem (ScmmExperimentPage *self)
{
  g_clear_handle_id (&self->show_problem_id, g_source_remove);
  unmark_all (self);

  if (self->problem != NULL)
    {
      gtk_label_set_text (self->problem_label, self->problem);
      mark_named_keys (self, self->problem);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->show_problem_button), self->problem_widget != NULL);
  gtk_info_bar_set_revealed (self->problem_bar, self->problem != NULL);
}

static gboolean
show_problem_later (gpointer user_data)
{
  ScmmExperimentPage *self = user_data;

  self->show_problem_id = 0;
  show_problem (self);
  return G_SOURCE_REMOVE;
}

static void
set_problem (ScmmExperimentPage *self,
             const char         *problem,
             gboolean            show_at_once)
{
  gboolean valid = problem == NULL;

  if (g_strcmp0 (problem, self->problem) != 0)
    {
      g_free (self->problem);
      self->problem = g_strdup (problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }
  if (valid != self->valid)
    {
      self->valid = valid;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiment.save", valid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }

  /* A fix shows at once; a new problem once the typing pauses. */
  if (valid || show_at_once)
    show_problem (self);
  else
    {
      g_clear_handle_id (&self->show_problem_id, g_source_remove);
      self->show_problem_id = g_timeout_add (PROBLEM_DELAY_MS, show_problem_later, self);
    }
}

/* ---- controls that depend on others ---- */

static void
update_dependent (ScmmExperimentPage *self)
{
  gboolean within = is_within_corpus (self);
  gboolean released = gtk_drop_down_get_selected (self->fidelity_dropdown) == 1;

  gtk_widget_set_visible (self->map_row,
                          gtk_drop_down_get_selected (self->mapping_dropdown) == SCMM_CLASSES_MAP);
  gtk_widget_set_visible (self->validation_fraction_row,
                          gtk_drop_down_get_selected (self->model_selection_dropdown)
                          == SCMM_SELECT_VALIDATION);
  gtk_widget_set_visible (self->subset_size_row,
                          gtk_drop_down_get_selected (self->subset_dropdown) == 1);

  gtk_stack_set_visible_child_name (self->target_corpus_stack, within ? "same" : "corpus");
  if (within)
    {
      const char *source = gtk_editable_get_text (GTK_EDITABLE (self->source_corpus_entry));
      g_autofree char *same = g_strdup_printf (_("Same as the source: %s"), source);

      gtk_label_set_text (self->target_same_label, same);
    }
  gtk_label_set_text (self->target_corpus_description,
                      within ? _("Cross-subject and cross-session use the source’s corpus")
                             : _("Another corpus than the source"));

  gtk_label_set_text (self->fidelity_description,
                      released
                      ? _("As released: summed gradients, best test epoch, a subset, each set "
                          "scaled alone")
                      : _("Zeroed gradients, last epoch, full source, scaling fitted on "
                          "fine-tuning"));
}

/* Choosing a fidelity sets the four settings it decides, as the key does in
 * a file; each can be changed after. */
static void
apply_fidelity (ScmmExperimentPage *self)
{
  gboolean released = gtk_drop_down_get_selected (self->fidelity_dropdown) == 1;

  self->filling = TRUE;
  gtk_switch_set_active (self->gradient_accumulation_switch, released);
  gtk_drop_down_set_selected (self->model_selection_dropdown,
                              released ? SCMM_SELECT_BEST_TEST : SCMM_SELECT_LAST);
  gtk_drop_down_set_selected (self->subset_dropdown, released ? 1 : 0);
  gtk_drop_down_set_selected (self->normalisation_dropdown,
                              released ? SCMM_NORMALISE_PER_SET : SCMM_NORMALISE_TRAIN_ONLY);
  self->filling = FALSE;
}

static void
scmm_experiment_page_check (ScmmExperimentPage *self,
                            gboolean            show_at_once)
{
  g_autoptr(ScmmExperiment) experiment = NULL;
  g_autoptr(GError) error = NULL;

  if (self->filling)
    return;

  update_dependent (self);
  experiment = form_read (self, &error);
  set_problem (self, error != NULL ? error->message : NULL, show_at_once);
}

static void
control_changed (GtkWidget          *widget,
                 ScmmExperimentPage *self)
{
  if (self->filling)
    return;

  if (widget == GTK_WIDGET (self->fidelity_dropdown))
    apply_fidelity (self);

  /* A choice is made at once; text is typed. */
  scmm_experiment_page_check (self, GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget));
}

static void
control_notify (GtkWidget          *widget,
                GParamSpec         *pspec,
                ScmmExperimentPage *self)
{
  control_changed (widget, self);
}

/* ---- public API ---- */

GtkWidget *
scmm_experiment_page_new (void)
{
  return g_object_new (SCMM_TYPE_EXPERIMENT_PAGE, NULL);
}

/**
 * scmm_experiment_page_set_experiment:
 * @page: a #ScmmExperimentPage
 * @experiment: the experiment to show
 *
 * Fills every control from @experiment, which is not kept.
 */
void
scmm_experiment_page_set_experiment (ScmmExperimentPage   *page,
                                     const ScmmExperiment *experiment)
{
  g_autofree char *data = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SCMM_IS_EXPERIMENT_PAGE (page));
  g_return_if_fail (experiment != NULL);

  data = scmm_experiment_to_data (experiment);
  if (!g_key_file_load_from_data (file, data, (gsize) -1, G_KEY_FILE_NONE, &error))
    {
      g_critical ("the experiment's own text does not read back: %s", error->message);
      return;
    }

  page->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = g_key_file_get_string (file, fields[i].group, fields[i].key, NULL);

      /* The map is written empty unless mapping = map: keep what the
       * hidden entry holds. */
      if (text != NULL
          && !(*text == '\0' && field_widget (page, &fields[i]) == GTK_WIDGET (page->map_entry)))
        field_set_text (page, &fields[i], text);
    }
  page->filling = FALSE;

  scmm_experiment_page_check (page, TRUE);
}

/**
 * scmm_experiment_page_get_experiment:
 * @page: a #ScmmExperimentPage
 * @error: the problem, which names the setting, when the form is not valid
 *
 * Returns: (transfer full) (nullable): the experiment the form describes,
 *   checked as `scmm run` checks a file
 */
ScmmExperiment *
scmm_experiment_page_get_experiment (ScmmExperimentPage *page,
                                     GError            **error)
{
  g_return_val_if_fail (SCMM_IS_EXPERIMENT_PAGE (page), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return form_read (page, error);
}

/**
 * scmm_experiment_page_load_file:
 * @page: a #ScmmExperimentPage
 * @path: an experiment .ini
 * @error: why it could not be read (the message names the file)
 *
 * Fills the form from the file; the form is left as it was when the file
 * cannot be read. Relative corpus paths come back absolute (relative to the
 * file's folder), as `scmm run` reads them.
 */
gboolean
scmm_experiment_page_load_file (ScmmExperimentPage *page,
                                const char         *path,
                                GError            **error)
{
  g_autoptr(ScmmExperiment) experiment = NULL;

  g_return_val_if_fail (SCMM_IS_EXPERIMENT_PAGE (page), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  experiment = scmm_experiment_load (path, error);
  if (experiment == NULL)
    return FALSE;

  scmm_experiment_page_set_experiment (page, experiment);
  g_free (page->path);
  page->path = g_strdup (path);
  return TRUE;
}

/**
 * scmm_experiment_page_save_file:
 * @page: a #ScmmExperimentPage
 * @path: where to write the experiment
 * @error: why it was not written: the form is not valid, or the file could
 *   not be written
 *
 * Writes every setting, as `scmm run` keeps a run's config.
 */
gboolean
scmm_experiment_page_save_file (ScmmExperimentPage *page,
                                const char         *path,
                                GError            **error)
{
  g_autoptr(ScmmExperiment) experiment = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (SCMM_IS_EXPERIMENT_PAGE (page), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  experiment = form_read (page, &local);
  if (experiment == NULL)
    {
      g_set_error (error, local->domain, local->code,
                   _("%s was not saved: the experiment is not valid: %s"), path, local->message);
      return FALSE;
    }

  if (!scmm_experiment_save (experiment, path, error))
    return FALSE;

  g_free (page->path);
  page->path = g_strdup (path);
  return TRUE;
}

gboolean
scmm_experiment_page_get_valid (ScmmExperimentPage *page)
{
  g_return_val_if_fail (SCMM_IS_EXPERIMENT_PAGE (page), FALSE);

  return page->valid;
}

/* ---- file choosers ---- */

typedef enum {
  CHOOSE_OPEN,
  CHOOSE_SAVE,
  CHOOSE_SOURCE_CORPUS,
  CHOOSE_TARGET_CORPUS,
} ChooseWhat;

static void
clear_chooser (ScmmExperimentPage *self)
{
  if (self->chooser == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
emit_error (ScmmExperimentPage *self,
            const GError       *error)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
}

static void
chooser_response (GtkNativeDialog    *dialog,
                  int                 response,
                  ScmmExperimentPage *self)
{
  ChooseWhat what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "scmm-choose"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);

  g_object_ref (dialog);
  clear_chooser (self);

  if (file != NULL && path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      error = g_error_new (SCMM_ERROR, SCMM_ERROR_IO, _("%s is not a local file"), uri);
    }
  else if (path != NULL)
    {
      switch (what)
        {
        case CHOOSE_OPEN:
          scmm_experiment_page_load_file (self, path, &error);
          break;

        case CHOOSE_SAVE:
          scmm_experiment_page_save_file (self, path, &error);
          break;

        case CHOOSE_SOURCE_CORPUS:
          gtk_editable_set_text (GTK_EDITABLE (self->source_corpus_entry), path);
          break;

        case CHOOSE_TARGET_CORPUS:
          gtk_editable_set_text (GTK_EDITABLE (self->target_corpus_entry), path);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (error != NULL)
    emit_error (self, error);
  g_object_unref (dialog);
}

static GtkFileFilter *
suffix_filter (const char *name,
               const char *suffix,
               ...)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  va_list args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, suffix);
  for (; suffix != NULL; suffix = va_arg (args, const char *))
    gtk_file_filter_add_suffix (filter, suffix);
  va_end (args);
  return filter;
}

static GtkFileFilter *
all_files_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  return filter;
}

/* A file name from the experiment's name: "SEED-IV to SEED" -> seed-iv-to-seed.ini */
static char *
suggested_file_name (ScmmExperimentPage *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "experiment");
  g_string_append (out, ".ini");
  return g_string_free (out, FALSE);
}

static void
choose (ScmmExperimentPage *self,
        GtkWindow          *parent,
        ChooseWhat          what)
{
  gboolean save = what == CHOOSE_SAVE;
  gboolean corpus = what == CHOOSE_SOURCE_CORPUS || what == CHOOSE_TARGET_CORPUS;
  const char *title = save ? _("Save Experiment")
                      : corpus ? _("Choose a Corpus Store") : _("Open Experiment");
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GtkFileFilter) all = all_files_filter ();
  GtkFileChooser *chooser;

  clear_chooser (self);
  self->chooser = gtk_file_chooser_native_new (title, parent,
                                               save ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                    : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               save ? _("_Save") : _("_Open"),
                                               _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "scmm-choose", GINT_TO_POINTER (what));

  filter = corpus ? suffix_filter (_("Corpus Stores"), "h5", "hdf5", NULL)
                  : suffix_filter (_("Experiments"), "ini", NULL);
  gtk_file_chooser_add_filter (chooser, filter);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, filter);

  if (self->path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->path);
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (chooser, folder, NULL);
    }
  if (save)
    {
      g_autofree char *name = self->path != NULL ? g_path_get_basename (self->path)
                                                 : suggested_file_name (self);
      gtk_file_chooser_set_current_name (chooser, name);
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static GtkWindow *
page_window (ScmmExperimentPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * scmm_experiment_page_choose_open:
 * @page: a #ScmmExperimentPage
 * @parent: (nullable): the window the chooser belongs to
 *
 * Asks for an experiment file and opens it; a file that cannot be read is
 * reported with the "error" signal.
 */
void
scmm_experiment_page_choose_open (ScmmExperimentPage *page,
                                  GtkWindow          *parent)
{
  g_return_if_fail (SCMM_IS_EXPERIMENT_PAGE (page));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  choose (page, parent, CHOOSE_OPEN);
}

/**
 * scmm_experiment_page_choose_save:
 * @page: a #ScmmExperimentPage
 * @parent: (nullable): the window the chooser belongs to
 *
 * Asks where to save the experiment and saves it; a failure is reported with
 * the "error" signal.
 */
void
scmm_experiment_page_choose_save (ScmmExperimentPage *page,
                                  GtkWindow          *parent)
{
  g_return_if_fail (SCMM_IS_EXPERIMENT_PAGE (page));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  choose (page, parent, CHOOSE_SAVE);
}

/* ---- actions ---- */

static void
preset_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ScmmExperimentPage *self = SCMM_EXPERIMENT_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(ScmmExperiment) preset = scmm_experiment_preset (name);

  g_return_if_fail (preset != NULL);
  scmm_experiment_page_set_experiment (self, preset);
  g_clear_pointer (&self->path, g_free);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ScmmExperimentPage *self = SCMM_EXPERIMENT_PAGE (widget);

  choose (self, page_window (self), CHOOSE_OPEN);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ScmmExperimentPage *self = SCMM_EXPERIMENT_PAGE (widget);

  choose (self, page_window (self), CHOOSE_SAVE);
}

static void
choose_corpus_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ScmmExperimentPage *self = SCMM_EXPERIMENT_PAGE (widget);
  gboolean target = g_strcmp0 (g_variant_get_string (parameter, NULL), "target") == 0;

  choose (self, page_window (self), target ? CHOOSE_TARGET_CORPUS : CHOOSE_SOURCE_CORPUS);
}

static void
corpus_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ScmmExperimentPage *self = SCMM_EXPERIMENT_PAGE (widget);
  GtkEntry *entry = g_str_equal (action_name, "experiment.target-corpus")
                      ? self->target_corpus_entry : self->source_corpus_entry;

  gtk_editable_set_text (GTK_EDITABLE (entry), g_variant_get_string (parameter, NULL));
}

/* Scrolls the control the problem names into view and focuses it. */
static void
show_problem_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ScmmExperimentPage *self = SCMM_EXPERIMENT_PAGE (widget);
  GtkWidget *target = self->problem_widget;
  GtkWidget *row;
  graphene_rect_t bounds;

  if (target == NULL)
    return;

  row = gtk_widget_get_ancestor (target, GTK_TYPE_LIST_BOX_ROW);
  if (gtk_widget_compute_bounds (row != NULL ? row : target, self->form_box, &bounds))
    {
      GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
      double page = gtk_adjustment_get_page_size (vadjustment);

      gtk_adjustment_clamp_page (vadjustment, bounds.origin.y - page / 3,
                                 bounds.origin.y + bounds.size.height + page / 3);
    }

  if (GTK_IS_GRID (target))
    target = GTK_WIDGET (self->method_checks[0]);
  gtk_widget_grab_focus (target);
}

/* ---- the object ---- */

static void
connect_controls (ScmmExperimentPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *widget = field_widget (self, &fields[i]);

      switch (fields[i].kind)
        {
        case FIELD_TEXT:
        case FIELD_NUMBER:
        case FIELD_SPIN:
          g_signal_connect (widget, "changed", G_CALLBACK (control_changed), self);
          break;

        case FIELD_CHOICE:
          g_signal_connect (widget, "notify::selected", G_CALLBACK (control_notify), self);
          break;

        case FIELD_SWITCH:
          g_signal_connect (widget, "notify::active", G_CALLBACK (control_notify), self);
          break;

        case FIELD_METHODS:
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
add_method_checks (ScmmExperimentPage *self)
{
  for (int m = 0; m < SCMM_N_METHODS; m++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_(method_labels[m].label));
      g_autofree char *tooltip = g_strdup_printf ("%s (%s)", _(method_labels[m].description),
                                                  scmm_method_to_string ((ScmmMethod) m));

      gtk_widget_set_tooltip_text (check, tooltip);
      gtk_grid_attach (self->methods_grid, check, m % 2, m / 2, 1, 1);
      g_signal_connect (check, "toggled", G_CALLBACK (method_toggled), self);
      self->method_checks[m] = GTK_CHECK_BUTTON (check);
    }
}

static void
scmm_experiment_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ScmmExperimentPage *self = SCMM_EXPERIMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_experiment_page_dispose (GObject *object)
{
  ScmmExperimentPage *self = SCMM_EXPERIMENT_PAGE (object);
  GtkWidget *child;

  clear_chooser (self);
  g_clear_handle_id (&self->show_problem_id, g_source_remove);
  if (self->marked != NULL)
    g_ptr_array_set_size (self->marked, 0);
  self->problem_widget = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (object), SCMM_TYPE_EXPERIMENT_PAGE);
  /* The template's unnamed children (the toolbar, the separator) too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (scmm_experiment_page_parent_class)->dispose (object);
}

static void
scmm_experiment_page_finalize (GObject *object)
{
  ScmmExperimentPage *self = SCMM_EXPERIMENT_PAGE (object);

  g_clear_pointer (&self->method_order, g_array_unref);
  g_clear_pointer (&self->marked, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (scmm_experiment_page_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ScmmExperimentPage, name)

static void
scmm_experiment_page_class_init (ScmmExperimentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = scmm_experiment_page_get_property;
  object_class->dispose = scmm_experiment_page_dispose;
  object_class->finalize = scmm_experiment_page_finalize;

  /**
   * ScmmExperimentPage:valid:
   *
   * Whether the form describes an experiment `scmm run` would accept.
   */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * ScmmExperimentPage:problem:
   *
   * Why the form is not valid, naming the setting as the .ini does
   * ("[target] subjects = 10-1: the range 10-1 runs backwards (write 1-10)");
   * %NULL when it is.
   */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScmmExperimentPage::error:
   * @page: the page
   * @error: what went wrong; the message names the file
   *
   * A file chosen to open or save could not be read or written.
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_install_action (widget_class, "experiment.preset", "s", preset_activated);
  gtk_widget_class_install_action (widget_class, "experiment.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "experiment.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "experiment.choose-corpus", "s",
                                   choose_corpus_activated);
  gtk_widget_class_install_action (widget_class, "experiment.source-corpus", "s",
                                   corpus_activated);
  gtk_widget_class_install_action (widget_class, "experiment.target-corpus", "s",
                                   corpus_activated);
  gtk_widget_class_install_action (widget_class, "experiment.show-problem", NULL,
                                   show_problem_activated);

  scmm_resources_ensure_registered ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SCMM_RESOURCE_BASE_PATH "/ui/scmm-experiment-page.ui");
  BIND (preset_button);
  BIND (open_button);
  BIND (save_button);
  BIND (problem_bar);
  BIND (problem_label);
  BIND (show_problem_button);
  BIND (scrolled_window);
  BIND (form_box);
  BIND (name_entry);
  BIND (protocol_dropdown);
  BIND (methods_grid);
  BIND (fidelity_dropdown);
  BIND (fidelity_description);
  BIND (source_corpus_entry);
  BIND (source_subjects_entry);
  BIND (source_sessions_entry);
  BIND (target_corpus_stack);
  BIND (target_corpus_description);
  BIND (target_same_label);
  BIND (target_corpus_entry);
  BIND (target_subjects_entry);
  BIND (target_sessions_entry);
  BIND (finetune_trials_entry);
  BIND (test_trials_entry);
  BIND (mapping_dropdown);
  BIND (map_row);
  BIND (map_entry);
  BIND (deap_label_dropdown);
  BIND (pretrain_epochs_spin);
  BIND (pretrain_batch_spin);
  BIND (pretrain_lr_entry);
  BIND (subset_dropdown);
  BIND (subset_size_row);
  BIND (subset_size_spin);
  BIND (mask_mode_dropdown);
  BIND (mask_ratio_spin);
  BIND (mask_threshold_spin);
  BIND (mask_views_spin);
  BIND (alpha_spin);
  BIND (sigma_spin);
  BIND (tau_spin);
  BIND (recon_target_dropdown);
  BIND (finetune_epochs_spin);
  BIND (finetune_batch_spin);
  BIND (finetune_lr_entry);
  BIND (gradient_accumulation_switch);
  BIND (model_selection_dropdown);
  BIND (validation_fraction_row);
  BIND (validation_fraction_spin);
  BIND (normalisation_dropdown);
  BIND (beta1_spin);
  BIND (beta2_spin);
  BIND (eps_entry);
  BIND (weight_decay_entry);
  BIND (seed_entry);
  BIND (threads_spin);
  BIND (snapshot_every_spin);
}

#undef BIND

static void
scmm_experiment_page_init (ScmmExperimentPage *self)
{
  g_autoptr(ScmmExperiment) demo = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->method_order = g_array_new (FALSE, FALSE, sizeof (ScmmMethod));
  self->marked = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *widget = field_widget (self, &fields[i]);

      g_assert (widget != NULL);
      if (fields[i].kind == FIELD_SPIN)
        self->spin_digits[i] = gtk_spin_button_get_digits (GTK_SPIN_BUTTON (widget));
      if (fields[i].kind == FIELD_CHOICE)
        {
          /* The template's items and the .ini's names must agree. */
          guint n = g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (widget)));

          g_assert (n > 0 && fields[i].choice (n - 1) != NULL && fields[i].choice (n) == NULL);
        }
    }

  add_method_checks (self);
  connect_controls (self);

  /* The page starts on the demo, which runs with no file at all. */
  self->valid = TRUE;
  demo = scmm_experiment_preset ("demo");
  scmm_experiment_page_set_experiment (self, demo);
}
