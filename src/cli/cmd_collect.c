/* `paimon-lens collect SOURCE|WAREHOUSE`: every table as NDJSON governance
 * records, with an optional state file for incremental runs (issue 6).
 * stdout carries nothing but data; progress and the summary go to stderr,
 * the progress bar only when stderr is a terminal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "collect/collect.h"
#include "collect/record.h"
#include "io/sources.h"
#include "util/alloc.h"
#include "util/sanitize.h"
#include "util/strbuf.h"

struct progress {
	struct timespec start;
	int on;
};

static double since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void show_progress(void *ctx, size_t done, size_t total)
{
	struct progress *p = ctx;
	if (!p->on || !total)
		return;
	double secs = since(&p->start);
	double rate = secs > 0 ? (double)done / secs : 0;
	double eta = rate > 0 ? (double)(total - done) / rate : 0;
	int width = 30, filled = (int)((double)done / (double)total * width);
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu tables, %.1f/s, ETA %.0fs ", filled,
		"##############################", width - filled, "", done, total, rate, eta);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* A bare data-source name (io/sources.h) also names the catalog: its
 * catalog name, region, endpoint and access mode go into the catalog facet
 * unless a flag set them. The sources file holds no secrets, and only these
 * descriptive fields are copied. The strings stay owned by *sources. */
static void describe_source(const char *target, struct pl_sources *sources,
			    struct pl_export_options *eo)
{
	struct pl_error ignored;
	pl_err_clear(&ignored);
	if (strchr(target, '/') || strchr(target, ':') || pl_sources_load(NULL, sources, &ignored))
		return;
	const struct pl_source *src = pl_sources_find(sources, target);
	if (!src)
		return;
	if (!eo->data_source_name)
		eo->data_source_name = src->name;
	if (!eo->catalog_name)
		eo->catalog_name = src->catalog ? src->catalog : src->name;
	if (!eo->metastore)
		eo->metastore = src->metastore;
	if (!eo->region)
		eo->region = src->region;
	if (!eo->endpoint)
		eo->endpoint = src->endpoint;
	if (!eo->access_mode)
		eo->access_mode = src->access_mode;
}

static int run(int argc, char **argv, int *some_failed, struct pl_error *err)
{
	struct pl_collect_options o;
	memset(&o, 0, sizeof(o));
	const char *output = NULL, *format = "openlineage";
	int quiet = 0;
	char **rest = pl_calloc((size_t)argc + 2, sizeof(*rest));
	int nrest = 0, rc = 0;
	rest[nrest++] = "collect";
	for (int i = 0; i < argc && !rc; i++) {
		int missing = 0;
		const char *v;
		if ((v = pl_cli_option_value(argc, argv, &i, "-o", &missing)) ||
		    (v = pl_cli_option_value(argc, argv, &i, "--output", &missing))) {
			output = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--databases", &missing))) {
			o.db_glob = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--tables", &missing))) {
			o.table_glob = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--state", &missing))) {
			o.state_file = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--format", &missing))) {
			format = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--event-time", &missing))) {
			if (pl_record_parse_time(v, &o.export.event_time_ms))
				rc = pl_err(err, PL_ERR_USAGE,
					    "--event-time needs an RFC 3339 UTC time, not '%s'", v);
			o.export.has_event_time = 1;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--max-items", &missing))) {
			char *end;
			errno = 0;
			long long n = strtoll(v, &end, 10);
			if (errno || *end || n < 1 || n > 1000000)
				rc = pl_err(err, PL_ERR_USAGE,
					    "--max-items needs a number from 1 to 1000000, not '%s'", v);
			o.export.max_items = (size_t)n;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--producer", &missing))) {
			o.export.producer = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--catalog-name", &missing))) {
			o.export.catalog_name = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--data-source", &missing))) {
			o.export.data_source_name = v;
		} else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
			quiet = 1;
		} else if (strcmp(argv[i], "--no-health") == 0) {
			o.export.health = PL_EXPORT_HEALTH_NONE;
		} else if (strcmp(argv[i], "--orphans") == 0) {
			o.export.health = PL_EXPORT_HEALTH_FULL;
		} else if (missing) {
			rc = pl_err(err, PL_ERR_USAGE, "%s needs a value", argv[i]);
		} else {
			rest[nrest++] = argv[i];
		}
		if (missing && !rc)
			rc = pl_err(err, PL_ERR_USAGE, "%s needs a value", argv[i]);
	}
	struct pl_cli_args args;
	if (!rc)
		rc = pl_cli_parse(nrest, rest, &args, err);
	free(rest);
	if (rc)
		return -1;
	if (args.npositional != 1)
		return pl_err(err, PL_ERR_USAGE,
			      "usage: paimon-lens collect SOURCE|WAREHOUSE [--databases GLOB] "
			      "[--tables GLOB] [--state FILE] [--format openlineage|datahub|"
			      "openmetadata] [--no-health|--orphans] [-o FILE|-]");
	if (strcmp(format, "openlineage") == 0)
		o.format = PL_COLLECT_OPENLINEAGE;
	else if (strcmp(format, "datahub") == 0)
		o.format = PL_COLLECT_DATAHUB;
	else if (strcmp(format, "openmetadata") == 0)
		o.format = PL_COLLECT_OPENMETADATA;
	else
		return pl_err(err, PL_ERR_USAGE,
			      "--format must be openlineage, datahub or openmetadata, not '%s'",
			      format);
	if (args.has_snapshot || args.tag || args.branch)
		return pl_err(err, PL_ERR_USAGE, "collect reads the latest state of main only");
	o.export.region = args.storage.region;
	o.export.endpoint = args.storage.endpoint;
	o.export.access_mode = args.storage.access_mode;
	struct pl_sources sources = { 0 };
	describe_source(args.positional[0], &sources, &o.export);

	struct pl_storage *st;
	if (pl_cli_open_storage(&args, args.positional[0], &st, err)) {
		pl_sources_free(&sources);
		return -1;
	}
	FILE *out = stdout;
	char *tmp = NULL;
	if (output && strcmp(output, "-") != 0) {
		tmp = pl_malloc(strlen(output) + 8);
		sprintf(tmp, "%s.tmp", output);
		out = fopen(tmp, "w");
		if (!out) {
			pl_err(err, PL_ERR_IO, "cannot write %s: %s", tmp, strerror(errno));
			free(tmp);
			pl_storage_close(st);
			pl_sources_free(&sources);
			return -1;
		}
	}
	struct progress p = { .on = !quiet && isatty(STDERR_FILENO) };
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	o.progress = show_progress;
	o.progress_ctx = &p;
	struct pl_collect_summary sum;
	rc = pl_collect_run(st, &o, out, &sum, err);
	if (tmp) {
		if (fclose(out) && !rc)
			rc = pl_err(err, PL_ERR_IO, "cannot write %s", tmp);
		if (!rc && rename(tmp, output))
			rc = pl_err(err, PL_ERR_IO, "cannot rename %s: %s", tmp, strerror(errno));
		if (rc)
			remove(tmp);
		free(tmp);
	}
	if (!rc && !quiet)
		fprintf(stderr, "paimon-lens: %zu tables: %zu collected, %zu unchanged (skipped), "
			"%zu failed, %zu dropped\n", sum.total, sum.emitted, sum.skipped,
			sum.failed, sum.dropped);
	*some_failed = sum.failed > 0;
	pl_storage_close(st);
	pl_sources_free(&sources);
	return rc;
}

int pl_cmd_collect_main(int argc, char **argv)
{
	struct pl_error err;
	pl_err_clear(&err);
	int some_failed = 0;
	if (!run(argc - 1, argv + 1, &some_failed, &err))
		return some_failed ? PL_ERR_CORRUPT : 0;
	/* The message quotes lake paths and names: sanitised for the terminal. */
	const char *msg = err.msg[0] ? err.msg : "collect failed";
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
