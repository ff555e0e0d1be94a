/* The connectivity test: checks, in order, that the configuration is
 * complete and consistent, the endpoint resolves, a TCP connection and a
 * TLS session can be made, the signature is accepted, the bucket exists in
 * the stated region, the warehouse prefix may be listed and looks like a
 * Paimon catalog. It stops at the first failure and says which step
 * failed, why, and what to try. Pure library: the CLI and the browser print
 * the result. */
#ifndef PL_IO_CONNECTION_TEST_H
#define PL_IO_CONNECTION_TEST_H

#include "io/storage.h"

enum pl_conn_step {
	PL_CONN_CONFIG = 0,
	PL_CONN_DNS,
	PL_CONN_TCP,
	PL_CONN_TLS,
	PL_CONN_AUTH,
	PL_CONN_BUCKET,
	PL_CONN_LIST,
	PL_CONN_CATALOG,
	PL_CONN_STEPS,
};

enum pl_conn_state {
	PL_CONN_NOT_RUN = 0,
	PL_CONN_OK,
	PL_CONN_FAILED,
	PL_CONN_SKIPPED,           /* does not apply (TLS over http, local lakes) */
};

struct pl_conn_step_result {
	enum pl_conn_state state;
	double seconds;
	char detail[256];          /* what was checked or found */
};

struct pl_conn_result {
	struct pl_conn_step_result steps[PL_CONN_STEPS];
	int failed;                /* failing step, or -1 when connected */
	char cause[768];
	char hint[512];
	/* the effective configuration, one "name: value" a line, no secrets */
	char config[1024];
	/* warnings and diagnostics (e.g. our and the server's StringToSign) */
	char notes[4096];
};

/* Runs the test against a warehouse URI (oss://, s3://, s3a:// or a local
 * path). Returns 0 when connected, else the failing step's exit code. */
int pl_connection_test(const char *uri, const struct pl_storage_options *opts,
		       struct pl_conn_result *out);

/* "configuration", "DNS", "TCP connect", ... */
const char *pl_conn_step_name(enum pl_conn_step step);
/* The distinct process exit status of a failing step (10 + step). */
int pl_conn_exit_code(enum pl_conn_step step);

#endif
