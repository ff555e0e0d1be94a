#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* "--name VALUE" or "--name=VALUE"; returns the value or NULL when arg is
 * not this option. A missing value is a usage error. */
const char *pl_cli_option_value(int argc, char **argv, int *i, const char *name, int *missing)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);
	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '=')
		return arg + n + 1;
	if (arg[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

static int parse_i64(const char *s, int64_t *out)
{
	char *end;
	if (!*s)
		return -1;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int pl_cli_parse(int argc, char **argv, struct pl_cli_args *out, struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	int options_done = 0;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		int missing = 0, st;
		const char *v;
		if (options_done || arg[0] != '-' || arg[1] == '\0') {
			if (!out->command) {
				out->command = arg;
			} else {
				if (out->npositional >= PL_CLI_MAX_POSITIONAL)
					return pl_err(err, PL_ERR_USAGE, "too many arguments");
				out->positional[out->npositional++] = arg;
			}
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			options_done = 1;
		} else if (strcmp(arg, "--json") == 0) {
			out->json = 1;
		} else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			out->command = "help";
		} else if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
			out->command = "version";
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--snapshot", &missing))) {
			if (parse_i64(v, &out->snapshot_id))
				return pl_err(err, PL_ERR_USAGE, "--snapshot needs a number, not '%s'", v);
			out->has_snapshot = 1;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--tag", &missing))) {
			out->tag = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--branch", &missing))) {
			out->branch = v;
		} else if ((v = pl_cli_option_value(argc, argv, &i, "--older-than", &missing))) {
			out->older_than = v;
		} else if ((st = pl_storage_options_from_args(argc, argv, &i, &out->storage, err)) != 0) {
			if (st < 0)
				return -1;
			i--; /* it stepped past the flag; the loop steps too */
		} else if (missing) {
			return pl_err(err, PL_ERR_USAGE, "%s needs a value", arg);
		} else {
			return pl_err(err, PL_ERR_USAGE, "unknown option '%s'", arg);
		}
		if (missing)
			return pl_err(err, PL_ERR_USAGE, "%s needs a value", arg);
	}
	if (out->has_snapshot && out->tag)
		return pl_err(err, PL_ERR_USAGE, "--snapshot and --tag exclude each other");
	return 0;
}

void pl_cli_usage(FILE *out)
{
	fputs("usage: paimon-lens COMMAND [ARGS] [OPTIONS]\n"
	      "\n"
	      "Read-only browser and metadata collector for Apache Paimon lakes.\n"
	      "\n"
	      "Commands:\n"
	      "  ls WAREHOUSE             list the databases of a warehouse\n"
	      "  ls WAREHOUSE DB          list the tables of a database\n"
	      "  show WAREHOUSE DB.TABLE VIEW\n"
	      "                           print one system-table view of a table; VIEW is one of\n"
	      "                           overview schema schemas snapshots partitions buckets\n"
	      "                           files manifests tags branches consumers options\n"
	      "                           statistics indexes health\n"
	      "  export WAREHOUSE [DB[.TABLE] [VIEW]] [-o FILE]\n"
	      "                           governance record (OpenLineage DatasetEvent) of a\n"
	      "                           table, or NDJSON of every table of a database/catalog\n"
	      "  collect SOURCE|WAREHOUSE [--state FILE] [--format openlineage|datahub|openmetadata]\n"
	      "                           stream one record per table, incrementally\n"
	      "  sources                  list the data sources of the sources file\n"
	      "  test-connection NAME|URI check that a data source can be reached and read\n"
	      "  [WAREHOUSE|SOURCE]       no command: open the browser (without a warehouse on\n"
	      "                           the start screen: the data sources and the demo lake)\n"
	      "  help                     this text\n"
	      "  version                  the program version\n"
	      "\n"
	      "Options:\n"
	      "  --json                   one JSON document instead of an aligned table\n"
	      "  --snapshot ID            time travel to snapshot ID\n"
	      "  --tag NAME               time travel to the snapshot of tag NAME\n"
	      "  --branch NAME            read branch NAME instead of main\n"
	      "  --older-than DURATION    health: orphan cut-off (default 1 d)\n"
	      "  --help, --version\n"
	      "\n"
	      "Object store options (every command that opens a lake):\n"
	      "  --endpoint URL           S3/OSS endpoint (default: from the source or environment)\n"
	      "  --region NAME            signing region\n"
	      "  --path-style             address the bucket in the path, not the host name\n"
	      "  --profile NAME           profile of ~/.aws/credentials or ~/.alibabacloud/credentials\n"
	      "  --access-mode MODE       access-key, sts or ram-role (ECS metadata service)\n"
	      "  --signature v4|v1|s3     OSS signing: V4 (default), V1, or AWS SigV4\n"
	      "  --ca-file FILE           CA bundle that TLS certificates must chain to\n"
	      "  --max-parallel N         concurrent requests, 1-256 (default 16)\n"
	      "  --no-cache               neither read nor fill the metadata cache\n"
	      "\n"
	      "Exit status: 0 ok, 2 usage, 3 not found, 4 corrupt metadata, 5 I/O error.\n",
	      out);
}
