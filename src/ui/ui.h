/* The interactive browser: a curses application over one warehouse. */
#ifndef PL_UI_UI_H
#define PL_UI_UI_H

#include "io/storage.h"

struct pl_ui_options {
	/* Keys and :commands to run instead of reading the terminal
	 * (PAIMON_LENS_SCRIPT); the screen is then drawn off-terminal. */
	const char *script;
	/* Fixed screen size (script mode); 0 = the terminal's. */
	int cols, rows;
	const char *table;        /* "db" or "db.table" to open first, or NULL */
	int start_sources;        /* open on the data-source list, not the catalog */
	const struct pl_storage_options *storage;
};

/* Fills opts from the environment: PAIMON_LENS_SCRIPT (script mode) and
 * PAIMON_LENS_SIZE ("COLSxROWS", the fixed screen of script mode). */
void pl_ui_options_from_env(struct pl_ui_options *opts);
/* The demo lake: $PAIMON_LENS_DEMO, the build tree's demo-lake, or the
 * installed one. */
const char *pl_ui_default_warehouse(void);

/* Runs the browser until the user quits. Returns a process exit status. */
int pl_ui_main(const char *warehouse, const struct pl_ui_options *opts);

#endif
