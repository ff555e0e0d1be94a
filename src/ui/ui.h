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
	const struct pl_storage_options *storage;
};

/* Runs the browser until the user quits. Returns a process exit status. */
int pl_ui_main(const char *warehouse, const struct pl_ui_options *opts);

#endif
