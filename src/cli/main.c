/* paimon-lens entry point: the batch commands (the browser comes later).
 * Results go to stdout, messages to stderr, and the exit status tells
 * scripts what went wrong (see cli.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/remote_cmds.h"
#include "cli/output.h"
#include "paimon/rowset.h"
#include "ui/ui.h"
#include "util/sanitize.h"
#include "util/strbuf.h"

int pl_cli_open_storage(const struct pl_cli_args *args, const char *uri,
			struct pl_storage **out, struct pl_error *err)
{
	if (pl_storage_open(uri, &args->storage, out, err))
		return pl_err_prefix(err, "cannot open warehouse %s", uri);
	return 0;
}

int pl_cli_print(const struct pl_cli_args *args, const struct pl_rowset *rs,
		 struct pl_error *err)
{
	int rc = args->json ? pl_output_json(stdout, rs) : pl_output_text(stdout, rs);
	if (rc || fflush(stdout))
		return pl_err(err, PL_ERR_IO, "cannot write the output");
	return 0;
}

/* The browser: on a warehouse given instead of a command, optionally with
 * "DB.TABLE" to open first; without one, on the start screen (the data
 * sources, or how to add one and the demo lake). */
static int run_browser(const struct pl_cli_args *args, const char *warehouse)
{
	struct pl_ui_options o;
	pl_ui_options_from_env(&o);
	o.storage = &args->storage;
	o.table = warehouse && args->npositional ? args->positional[0] : NULL;
	o.start_sources = warehouse == NULL;
	return pl_ui_main(warehouse ? warehouse : pl_ui_default_warehouse(), &o);
}

static int looks_like_warehouse(const char *arg)
{
	struct stat sb;
	struct pl_storage_options source_opts = { 0 };
	return strstr(arg, "://") || strchr(arg, '/') || (stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode)) ||
	       pl_cli_source_lookup(arg, &source_opts);
}

/* The contract knows 0, 2, 3, 4, 5: fold the internal codes into those. */
static int exit_status(enum pl_err_code code)
{
	switch (code) {
	case PL_OK:
		return 0;
	case PL_ERR_USAGE:
	case PL_ERR_NOT_FOUND:
	case PL_ERR_CORRUPT:
	case PL_ERR_IO:
		return (int)code;
	case PL_ERR_LIMIT:
		return PL_ERR_CORRUPT;
	default:
		return 1;
	}
}

/* Messages quote paths and names from the lake and from argv: sanitised so
 * a crafted name cannot drive the terminal through stderr either. */
static void print_error(const char *before, const char *text, const char *after)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_sanitize_append(&sb, text, strlen(text));
	fprintf(stderr, "paimon-lens: %s%s%s\n", before, pl_strbuf_str(&sb), after);
	pl_strbuf_free(&sb);
}

int main(int argc, char **argv)
{
	struct pl_cli_args args;
	struct pl_error err;
	pl_err_clear(&err);

	/* export takes options of its own (cli/cmd_export.c). */
	if (argc > 1 && strcmp(argv[1], "export") == 0)
		return pl_cmd_export_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "collect") == 0)
		return pl_cmd_collect_main(argc - 1, argv + 1);
	/* The remote-lake commands parse their own options (cli/remote_cmds.h). */
	if (argc > 1 && strcmp(argv[1], "sources") == 0)
		return cmd_sources(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "test-connection") == 0)
		return cmd_test_connection(argc - 1, argv + 1);
	if (pl_cli_parse(argc - 1, argv + 1, &args, &err)) {
		print_error("", err.msg, "");
		fputs("Try 'paimon-lens --help'.\n", stderr);
		return exit_status(err.code);
	}
	if (!args.command)
		return run_browser(&args, NULL);
	if (strcmp(args.command, "help") == 0) {
		pl_cli_usage(stdout);
		return 0;
	}
	if (strcmp(args.command, "version") == 0) {
		printf("paimon-lens %s\n", PACKAGE_VERSION);
		return 0;
	}

	int rc;
	if (strcmp(args.command, "ls") == 0) {
		rc = pl_cmd_ls(&args, &err);
	} else if (strcmp(args.command, "show") == 0) {
		rc = pl_cmd_show(&args, &err);
	} else if (looks_like_warehouse(args.command)) {
		return run_browser(&args, args.command);
	} else {
		print_error("unknown command '", args.command, "'");
		fputs("Try 'paimon-lens --help'.\n", stderr);
		return PL_ERR_USAGE;
	}
	if (rc) {
		if (err.code == PL_OK)
			err.code = PL_ERR_GENERIC;
		print_error("", err.msg[0] ? err.msg : "failed", "");
		if (err.code == PL_ERR_USAGE)
			fputs("Try 'paimon-lens --help'.\n", stderr);
		return exit_status(err.code);
	}
	return 0;
}
