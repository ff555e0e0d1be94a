/* :export: the governance record of the view on screen. */
#ifndef PL_UI_EXPORT_H
#define PL_UI_EXPORT_H

#include <stddef.h>

#include "util/err.h"

struct app;

/* Writes to file, or to a name made from the table and view when file is
 * NULL; the path written is returned in path. */
int ui_export_view(struct app *a, const char *file, char *path, size_t n, struct pl_error *err);

#endif
