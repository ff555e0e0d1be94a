/* HTTP transfers for the object-store back ends: one libcurl multi handle
 * per client, so that parallel and sequential requests to a host share its
 * connections (and HTTP/2 streams where the server offers them); bounded
 * concurrency; timeouts; retries with exponential backoff and jitter for
 * transient failures only (5xx, 429, SlowDown, resets, timeouts, truncated
 * bodies), never for 4xx answers such as a rejected signature. */
#ifndef PL_IO_HTTP_H
#define PL_IO_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "io/sign.h"
#include "util/err.h"

struct pl_http_options {
	int max_parallel;          /* default 16 */
	int max_attempts;          /* default 4: the first try and 3 retries */
	int backoff_base_ms;       /* default 200; doubles per attempt, jittered */
	int backoff_max_ms;        /* default 5000 */
	int connect_timeout_ms;    /* default 10000 */
	int low_speed_time_s;      /* abort a transfer slower than 1 B/s this long; default 30 */
	const char *ca_file;       /* NULL: $AWS_CA_BUNDLE, $CURL_CA_BUNDLE, $SSL_CERT_FILE, system */
};

struct pl_http_client;

struct pl_http_xfer;
/* Called before every attempt: fills url and headers (signing them with
 * the client's corrected clock, pl_http_now). Returns 0, or -1 to fail the
 * transfer without sending it. */
typedef int (*pl_http_prepare_fn)(struct pl_http_xfer *x, void *ctx);

struct pl_http_xfer {
	/* request, set by prepare */
	char *url;
	struct pl_kvlist headers;
	int head;                  /* HEAD instead of GET */
	const char *method;        /* another method ("PUT" without body), or NULL */
	size_t body_cap;           /* larger bodies fail the transfer (PL_ERR_LIMIT) */
	pl_http_prepare_fn prepare;
	void *ctx;

	/* result of the last attempt */
	long status;               /* 0 when no HTTP answer arrived */
	uint8_t *body;
	size_t body_len;
	struct pl_kvlist resp_headers;
	int curl_code;             /* CURLcode */
	char curl_error[256];
	long os_errno;
	int attempts;
	int too_large;
	int truncated;             /* body shorter than Content-Length/Content-Range */
	/* seconds from the start of the last attempt */
	double t_dns, t_connect, t_tls, t_total;
	char primary_ip[64];
};

int pl_http_client_new(const struct pl_http_options *opts, struct pl_http_client **out,
		       struct pl_error *err);
void pl_http_client_free(struct pl_http_client *c);
/* Wall clock corrected by the offset learned from a RequestTimeTooSkewed
 * answer, so a skewed local clock costs one retry, not every request. */
time_t pl_http_now(const struct pl_http_client *c);
/* The offset in seconds (server - local) the client applies. */
long pl_http_clock_offset(const struct pl_http_client *c);

/* Runs the transfers, at most max_parallel at a time, retrying transient
 * failures. Every transfer ends with its own result. */
void pl_http_perform(struct pl_http_client *c, struct pl_http_xfer **xs, size_t n);

/* Frees request and result fields (not the struct itself). */
void pl_http_xfer_reset(struct pl_http_xfer *x);

/* A one-line description of a failed transfer's transport error
 * ("Couldn't connect to server: ..."), or NULL for an HTTP answer. */
const char *pl_http_transport_error(const struct pl_http_xfer *x);

/* True for curl results and statuses worth another attempt. */
int pl_http_is_transient(const struct pl_http_xfer *x);

#endif
