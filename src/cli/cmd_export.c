/* `paimon-lens export WAREHOUSE [DB[.TABLE [VIEW]]]`: the governance record
 * (doc/governance.md). One pretty event for a table, with paimonLens_view
 * when a VIEW is named; NDJSON, one event per table, for a database or the
 * whole warehouse. The export options are taken out here and the rest goes
 * through the common parser, so --snapshot/--tag/--branch and the storage
 * options mean what they mean for `show`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "collect/export.h"
#include "collect/record.h"
#include "paimon/systables.h"
#include "util/alloc.h"
#include "util/sanitize.h"
#include "util/strbuf.h"

struct export_flags {
	const char *output;
	struct pl_export_options o;
};

/* Takes the export options out of argv; the others are kept in rest. */
static int take_flags(int argc, char **argv, struct export_flags *f, char **rest, int *nrest,
		      struct pl_error *err)
{
	memset(f, 0, sizeof(*f));
	*nrest = 0;
	for (int i = 0; i < argc; i++) {
		int missing = 0;
		const char *v;
		const char *arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			while (i < argc)
				rest[(*nrest)++] = argv[i++];
			break;
		}
		if ((v = pl_cli_option_value(argc, argv, &i, "-o", &missing)) ||
		    (v = pl_cli_option_value(argc, argv, &i, "--output", &missing))) {
			f->output = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--event-time", &missing))) {
			if (pl_record_parse_time(v, &f->o.event_time_ms))
				return pl_err(err, PL_ERR_USAGE,
					      "--event-time needs an RFC 3339 UTC time, not '%s'", v);
			f->o.has_event_time = 1;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--max-items", &missing))) {
			char *end;
			errno = 0;
			long long n = strtoll(v, &end, 10);
			if (errno || *end || n < 1 || n > 1000000)
				return pl_err(err, PL_ERR_USAGE,
					      "--max-items needs a number from 1 to 1000000, not '%s'", v);
			f->o.max_items = (size_t)n;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--producer", &missing))) {
			f->o.producer = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--catalog-name", &missing))) {
			f->o.catalog_name = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--data-source", &missing))) {
			f->o.data_source_name = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--metastore", &missing))) {
			f->o.metastore = v;
		} else if (strcmp(arg, "--no-health") == 0) {
			f->o.health = PL_EXPORT_HEALTH_NONE;
		} else if (strcmp(arg, "--orphans") == 0) {
			f->o.health = PL_EXPORT_HEALTH_FULL;
		} else if (missing) {
			return pl_err(err, PL_ERR_USAGE, "%s needs a value", arg);
		} else {
			rest[(*nrest)++] = argv[i];
		}
		if (missing)
			return pl_err(err, PL_ERR_USAGE, "%s needs a value", arg);
	}
	return 0;
}

static int known_view(const char *view)
{
	for (size_t i = 0; pl_systable_views[i]; i++)
		if (strcmp(view, pl_systable_views[i]) == 0)
			return 1;
	return 0;
}

static int export_one(const struct pl_cli_args *args, struct pl_storage *st,
		      const struct export_flags *f, const char *qualified, const char *view,
		      FILE *out, struct pl_error *err)
{
	const char *dot = strchr(qualified, '.');
	size_t dblen = (size_t)(dot - qualified);
	char *db = pl_strndup(qualified, dblen);
	char *dbdir = pl_malloc(dblen + 4);
	memcpy(dbdir, qualified, dblen);
	memcpy(dbdir + dblen, ".db", 4);
	char *db_path = pl_path_join_dup(st->root, dbdir);
	char *table_path = pl_path_join_dup(db_path, dot + 1);

	struct pl_systables *t = NULL;
	struct pl_rowset *rs = NULL;
	int rc = 0;
	if (view) {
		struct pl_table_selector sel = {
			.branch = args->branch,
			.has_snapshot = args->has_snapshot,
			.snapshot_id = args->snapshot_id,
			.tag = args->tag,
		};
		rc = pl_systables_open(st, table_path, qualified, &sel, &t, err);
		if (!rc)
			rc = pl_systable_build(t, view, &rs, err);
	}
	if (!rc) {
		struct pl_export_table_ref ref = {
			.st = st,
			.table_path = table_path,
			.database = db,
			.table = dot + 1,
			.sel = {
				.branch = args->branch,
				.has_snapshot = args->has_snapshot,
				.snapshot_id = args->snapshot_id,
				.tag = args->tag,
			},
		};
		struct pl_export_view v = { .rows = rs };
		rc = pl_export_table(&ref, &f->o, rs ? &v : NULL, out, err);
	}
	pl_rowset_free(rs);
	pl_systables_close(t);
	free(db);
	free(dbdir);
	free(db_path);
	free(table_path);
	return rc;
}

static int run(int argc, char **argv, struct pl_error *err)
{
	struct export_flags f;
	char **rest = pl_calloc((size_t)argc + 2, sizeof(*rest));
	int nrest;
	struct pl_cli_args args;
	int rc = take_flags(argc, argv, &f, rest + 1, &nrest, err);
	rest[0] = "export";
	if (!rc)
		rc = pl_cli_parse(nrest + 1, rest, &args, err);
	free(rest);
	if (rc)
		return -1;
	if (args.npositional < 1 || args.npositional > 3 ||
	    (args.npositional == 3 && !strchr(args.positional[1], '.')))
		return pl_err(err, PL_ERR_USAGE,
			      "usage: paimon-lens export WAREHOUSE [DB | DB.TABLE [VIEW]] "
			      "[-o FILE] [--event-time TIME] [--max-items N]");
	const char *target = args.npositional > 1 ? args.positional[1] : NULL;
	const char *view = args.npositional > 2 ? args.positional[2] : NULL;
	const char *dot = target ? strchr(target, '.') : NULL;
	if (dot && (dot == target || !dot[1]))
		return pl_err(err, PL_ERR_USAGE, "expected DB.TABLE, not '%s'", target);
	if (view && !known_view(view))
		return pl_err(err, PL_ERR_USAGE, "unknown view '%s'", view);
	if (!dot && (args.has_snapshot || args.tag))
		return pl_err(err, PL_ERR_USAGE, "--snapshot and --tag need a DB.TABLE");
	f.o.region = args.storage.region;
	f.o.endpoint = args.storage.endpoint;
	f.o.access_mode = args.storage.access_mode;

	struct pl_storage *st;
	if (pl_cli_open_storage(&args, args.positional[0], &st, err))
		return -1;
	/* Written next to the target and renamed at the end, so a failed run
	 * never leaves half a record behind. */
	char *tmp = NULL;
	FILE *out = stdout;
	if (f.output && strcmp(f.output, "-") != 0) {
		tmp = pl_malloc(strlen(f.output) + 8);
		sprintf(tmp, "%s.tmp", f.output);
		out = fopen(tmp, "w");
		if (!out) {
			pl_err(err, PL_ERR_IO, "cannot write %s: %s", tmp, strerror(errno));
			free(tmp);
			pl_storage_close(st);
			return -1;
		}
	}
	if (dot) {
		rc = export_one(&args, st, &f, target, view, out, err);
	} else {
		size_t failed = 0;
		rc = pl_export_catalog(st, target, &f.o, 1, out, &failed, err);
		if (!rc && failed)
			rc = pl_err(err, PL_ERR_CORRUPT, "%zu table%s could not be exported", failed,
				    failed == 1 ? "" : "s");
	}
	if (fflush(out) && !rc)
		rc = pl_err(err, PL_ERR_IO, "cannot write the export");
	if (tmp) {
		if (fclose(out) && !rc)
			rc = pl_err(err, PL_ERR_IO, "cannot write %s", tmp);
		/* Partial database exports are still worth keeping. */
		if ((!rc || !dot) && rename(tmp, f.output) && !rc)
			rc = pl_err(err, PL_ERR_IO, "cannot rename %s: %s", tmp, strerror(errno));
		if (rc && dot)
			unlink(tmp);
		free(tmp);
	}
	pl_storage_close(st);
	return rc;
}

int pl_cmd_export_main(int argc, char **argv)
{
	struct pl_error err;
	pl_err_clear(&err);
	if (!run(argc - 1, argv + 1, &err))
		return 0;
	/* The message quotes lake paths and table names: sanitised for the terminal. */
	const char *msg = err.msg[0] ? err.msg : "export failed";
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_sanitize_append(&sb, msg, strlen(msg));
	fprintf(stderr, "paimon-lens: %s\n", pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
	switch (err.code) {
	case PL_ERR_USAGE:
		fputs("Try 'paimon-lens --help'.\n", stderr);
		return PL_ERR_USAGE;
	case PL_ERR_NOT_FOUND:
	case PL_ERR_CORRUPT:
	case PL_ERR_IO:
		return (int)err.code;
	case PL_ERR_LIMIT:
		return PL_ERR_CORRUPT;
	default:
		return 1;
	}
}
