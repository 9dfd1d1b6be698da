/* scmm-experiment-page.c: being written. */
#include "scmm-experiment-page.h"
