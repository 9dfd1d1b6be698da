/* scmm-gl-status.c: whether OpenGL works in this process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A singleton with two properties, "unavailable" and "reason". It never goes
 * back to available: a view that failed draws with cairo for the rest of its
 * life, and a driver that failed once is not trusted to work the next time.
 */

#include "gl/scmm-gl-status.h"

struct _ScmmGlStatus
{
  GObject   parent_instance;

  char     *reason;          /* NULL while OpenGL works */
  gboolean  notice_claimed;
};

G_DEFINE_FINAL_TYPE (ScmmGlStatus, scmm_gl_status, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UNAVAILABLE,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ScmmGlStatus *
scmm_gl_status_get_default (void)
{
  static ScmmGlStatus *status = NULL;

  /* Kept for the life of the process, like the display it describes. */
  if (status == NULL)
    status = g_object_new (SCMM_TYPE_GL_STATUS, NULL);
  return status;
}

gboolean
scmm_gl_status_get_unavailable (ScmmGlStatus *status)
{
  g_return_val_if_fail (SCMM_IS_GL_STATUS (status), FALSE);

  return status->reason != NULL;
}

const char *
scmm_gl_status_get_reason (ScmmGlStatus *status)
{
  g_return_val_if_fail (SCMM_IS_GL_STATUS (status), NULL);

  return status->reason;
}

void
scmm_gl_status_report_failure (ScmmGlStatus *status,
                               const GError *error)
{
  g_return_if_fail (SCMM_IS_GL_STATUS (status));

  if (status->reason != NULL)
    return;

  status->reason = g_strdup (error != NULL && error->message != NULL ? error->message : "unknown error");
  g_message ("OpenGL is not available, figures are drawn with cairo: %s", status->reason);
  g_object_notify_by_pspec (G_OBJECT (status), properties[PROP_REASON]);
  g_object_notify_by_pspec (G_OBJECT (status), properties[PROP_UNAVAILABLE]);
}

gboolean
scmm_gl_status_claim_notice (ScmmGlStatus *status)
{
  g_return_val_if_fail (SCMM_IS_GL_STATUS (status), FALSE);

  if (status->reason == NULL || status->notice_claimed)
    return FALSE;
  status->notice_claimed = TRUE;
  return TRUE;
}

static void
scmm_gl_status_finalize (GObject *object)
{
  ScmmGlStatus *self = SCMM_GL_STATUS (object);

  g_free (self->reason);

  G_OBJECT_CLASS (scmm_gl_status_parent_class)->finalize (object);
}

static void
scmm_gl_status_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ScmmGlStatus *self = SCMM_GL_STATUS (object);

  switch (prop_id)
    {
    case PROP_UNAVAILABLE:
      g_value_set_boolean (value, self->reason != NULL);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_gl_status_class_init (ScmmGlStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = scmm_gl_status_finalize;
  object_class->get_property = scmm_gl_status_get_property;

  /**
   * ScmmGlStatus:unavailable:
   *
   * Whether a figure view could not draw with OpenGL (it then draws with
   * cairo). Goes from FALSE to TRUE once, never back.
   */
  properties[PROP_UNAVAILABLE] =
    g_param_spec_boolean ("unavailable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ScmmGlStatus:reason:
   *
   * The first error reported, NULL while OpenGL works.
   */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scmm_gl_status_init (ScmmGlStatus *self)
{
}
