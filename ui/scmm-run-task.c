/* scmm-run-task.c: being written. */
#include "scmm-run-task.h"
