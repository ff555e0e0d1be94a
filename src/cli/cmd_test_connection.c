/* `paimon-lens test-connection NAME|URI`: prints each step of the
 * connectivity test with its time, then "Connected" or
 * "Connection failed: STEP: cause" and a hint. Exit status 0, or 10 + the
 * failing step (configuration 10, DNS 11, TCP 12, TLS 13, authentication
 * 14, bucket 15, list permission 16, Paimon catalog 17). */
#include <stdio.h>
#include <string.h>

#include "cli/remote_cmds.h"
#include "io/connection_test.h"
#include "util/sanitize.h"
#include "util/strbuf.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: paimon-lens test-connection NAME|URI [--endpoint URL] [--region R]\n"
		   "       [--path-style] [--profile P] [--access-mode M] [--signature v4|v1|s3]\n"
		   "       [--ca-file FILE] [--max-parallel N]\n");
}

/* Server messages reach the terminal: never let them carry escapes. */
static const char *safe(const char *s)
{
	static struct pl_strbuf sb;
	pl_strbuf_reset(&sb);
	pl_sanitize_append(&sb, s, strlen(s));
	return pl_strbuf_str(&sb);
}

static const char *state_word(enum pl_conn_state s)
{
	switch (s) {
	case PL_CONN_OK:
		return "OK";
	case PL_CONN_FAILED:
		return "FAIL";
	case PL_CONN_SKIPPED:
		return "skip";
	default:
		return "-";
	}
}

int cmd_test_connection(int argc, char **argv)
{
	struct pl_storage_options opts = { 0 };
	struct pl_error err = { 0 };
	const char *target = NULL;
	for (int i = 1; i < argc;) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		}
		int r = pl_storage_options_from_args(argc, argv, &i, &opts, &err);
		if (r < 0) {
			fprintf(stderr, "paimon-lens: %s\n", safe(err.msg));
			return PL_ERR_USAGE;
		}
		if (r > 0)
			continue;
		if (argv[i][0] == '-' || target) {
			fprintf(stderr, "paimon-lens: test-connection: unexpected '%s'\n", safe(argv[i]));
			usage(stderr);
			return PL_ERR_USAGE;
		}
		target = argv[i++];
	}
	if (!target) {
		usage(stderr);
		return PL_ERR_USAGE;
	}
	const char *uri = pl_cli_source_lookup(target, &opts);
	/* safe() reuses one buffer: one call per printf. */
	if (uri) {
		printf("Testing source %s", safe(target));
		printf(" (%s)\n", safe(uri));
	} else {
		printf("Testing %s\n", safe(uri = target));
	}

	struct pl_conn_result r;
	int rc = pl_connection_test(uri, &opts, &r);
	if (r.config[0]) {
		for (const char *p = r.config; *p;) {
			size_t n = strcspn(p, "\n");
			char line[1024];
			snprintf(line, sizeof(line), "%.*s", (int)n, p);
			printf("  %s\n", safe(line));
			p += n + (p[n] ? 1 : 0);
		}
	}
	for (int s = 0; s < PL_CONN_STEPS; s++) {
		const struct pl_conn_step_result *st = &r.steps[s];
		if (st->state == PL_CONN_NOT_RUN)
			continue;
		printf("  %-16s %-4s %7.0f ms  %s\n", pl_conn_step_name((enum pl_conn_step)s),
		       state_word(st->state), st->seconds * 1000.0,
		       st->state == PL_CONN_FAILED ? "" : safe(st->detail));
	}
	for (const char *p = r.notes; *p;) {
		size_t n = strcspn(p, "\n");
		char line[1024];
		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		printf("  note: %s\n", safe(line));
		p += n + (p[n] ? 1 : 0);
	}
	if (rc == 0) {
		printf("Connected\n");
		return 0;
	}
	printf("Connection failed: %s: %s\n", pl_conn_step_name((enum pl_conn_step)r.failed),
	       safe(r.cause));
	if (r.hint[0])
		printf("Hint: %s\n", safe(r.hint));
	fflush(stdout);
	return rc;
}
