/* scmm-results-page.c: being written. */
#include "scmm-results-page.h"
