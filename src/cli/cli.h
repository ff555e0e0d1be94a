/* Shared declarations of the batch CLI: parsed arguments and the commands.
 * Exit codes are enum pl_err_code values: 0 ok, 2 usage, 3 not found,
 * 4 corrupt metadata, 5 I/O error. */
#ifndef PL_CLI_CLI_H
#define PL_CLI_CLI_H

#include <stdint.h>

#include "io/storage.h"
#include "util/err.h"

#define PL_CLI_MAX_POSITIONAL 8

struct pl_cli_args {
	const char *command;
	const char *positional[PL_CLI_MAX_POSITIONAL];
	int npositional;
	int json;
	int has_snapshot;
	int64_t snapshot_id;
	const char *tag;
	const char *branch;
	const char *older_than;    /* show ... health --older-than DURATION */
	struct pl_storage_options storage;
};

/* Parses everything after the program name. Options may come before or
 * after the positional arguments; "--" ends options. */
int pl_cli_parse(int argc, char **argv, struct pl_cli_args *out, struct pl_error *err);

void pl_cli_usage(FILE *out);
/* "--name VALUE" or "--name=VALUE" at argv[*i]: the value (advancing *i past
 * a separate value), or NULL when argv[*i] is not this option; *missing is
 * set when the value is absent. Shared by every command's option parser. */
const char *pl_cli_option_value(int argc, char **argv, int *i, const char *name, int *missing);

int pl_cmd_ls(const struct pl_cli_args *args, struct pl_error *err);
int pl_cmd_show(const struct pl_cli_args *args, struct pl_error *err);
/* `show WAREHOUSE DB.TABLE health` (cli/cmd_health.c). */
int pl_cmd_show_health(const struct pl_cli_args *args, struct pl_error *err);
/* `export`: argv starts at "export"; returns the exit status. */
int pl_cmd_export_main(int argc, char **argv);
/* `collect`: likewise (cli/cmd_collect.c). */
int pl_cmd_collect_main(int argc, char **argv);

/* Opens the warehouse argument (path or URI). */
int pl_cli_open_storage(const struct pl_cli_args *args, const char *uri,
			struct pl_storage **out, struct pl_error *err);
/* Prints a rowset in the requested format; I/O failures set err. */
struct pl_rowset;
int pl_cli_print(const struct pl_cli_args *args, const struct pl_rowset *rs,
		 struct pl_error *err);

#endif
