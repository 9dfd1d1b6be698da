/* scmm-training-page.c: being written. */
#include "scmm-training-page.h"
