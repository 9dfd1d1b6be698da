/* scmm-gl-shader.h: GLSL programs from the resources
 *
 * The shaders are in resources/gl/ without a #version line: it is prepended
 * here, for desktop OpenGL 3.3 core or OpenGL ES 3.0, whichever the context
 * is. Call with the GL context current.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <epoxy/gl.h>
#include <glib.h>

G_BEGIN_DECLS

/* Compiles and links the vertex and fragment shaders named (under the
 * resources' gl/ folder), `defines` (may be NULL: "#define NAME 1\n" lines)
 * put before each of them, so that one source makes several programs
 * without branching at run time; 0 and an error naming the shader when
 * that fails. */
GLuint   scmm_gl_shader_program_new (const char  *vertex_name,
                                     const char  *fragment_name,
                                     const char  *defines,
                                     gboolean     use_es,
                                     GError     **error);

G_END_DECLS
