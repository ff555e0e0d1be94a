/* Script mode (PAIMON_LENS_SCRIPT=FILE): keys and :commands from a file,
 * the screen drawn off-terminal at a fixed size, :save-display dumping it
 * as text. Lines:
 *	:COMMAND ARGS     a command, as typed in the command bar
 *	KEY KEY ...       keys: a character, <Enter>, <Tab>, <C-x>...; a
 *	                  longer word without <> types its characters
 *	# comment
 * Loads finish before the next line runs, so screens are deterministic. */
#include <stdio.h>
#include <string.h>

#include "ui/app.h"
#include "ui/keys.h"

static void run_keys(struct app *a, char *line)
{
	char *save = NULL;
	for (char *w = strtok_r(line, " \t", &save); w && !a->quit; w = strtok_r(NULL, " \t", &save)) {
		int key = key_parse(w);
		if (key >= 0) {
			app_handle_key(a, key);
		} else if (w[0] == '<') {
			app_error(a, "script: unknown key %s", w);
		} else {
			for (const char *c = w; *c && !a->quit; c++)
				app_handle_key(a, (unsigned char)*c);
		}
		load_wait(a);
	}
}

int script_run(struct app *a, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		app_error(a, "cannot read script %s", path);
		return 2;
	}
	char line[2048];
	app_draw(a);
	while (!a->quit && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		/* :watch polls between lines, as the main loop does between
		 * keys; a test feeding a FIFO controls the timing. */
		if (a->watch_seconds && app_now() >= a->next_poll) {
			watch_poll(a);
			load_wait(a);
		}
		if (line[0] == ':')
			run_command(a, line + 1);
		else
			run_keys(a, line);
		load_wait(a);
		app_draw(a);
	}
	fclose(f);
	return 0;
}
