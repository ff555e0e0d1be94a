/* libcurl multi driver with bounded concurrency and retries. */
#include "io/http.h"
#include "util/alloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>

#include <curl/curl.h>

#define MAX_RESP_HEADERS 64

struct pl_http_client {
	CURLM *multi;
	struct pl_http_options opts;
	char *ca_file;
	long clock_offset;
	unsigned int seed;
};

static int64_t now_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static void global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* Clients are made on worker threads too (the browser's loads and its
 * connection test): curl_global_init must run once, before any of them. */
static void global_init_once(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, global_init);
}

int pl_http_client_new(const struct pl_http_options *opts, struct pl_http_client **out,
		       struct pl_error *err)
{
	global_init_once();
	struct pl_http_client *c = pl_calloc(1, sizeof(*c));
	if (opts)
		c->opts = *opts;
	if (c->opts.max_parallel <= 0)
		c->opts.max_parallel = 16;
	if (c->opts.max_attempts <= 0)
		c->opts.max_attempts = 4;
	if (c->opts.backoff_base_ms <= 0)
		c->opts.backoff_base_ms = 200;
	if (c->opts.backoff_max_ms <= 0)
		c->opts.backoff_max_ms = 5000;
	if (c->opts.connect_timeout_ms <= 0)
		c->opts.connect_timeout_ms = 10000;
	if (c->opts.low_speed_time_s <= 0)
		c->opts.low_speed_time_s = 30;
	/* libcurl ignores these variables itself (object-stores.md 6.3). */
	const char *ca = c->opts.ca_file;
	if (!ca || !*ca)
		ca = getenv("AWS_CA_BUNDLE");
	if (!ca || !*ca)
		ca = getenv("CURL_CA_BUNDLE");
	if (!ca || !*ca)
		ca = getenv("SSL_CERT_FILE");
	c->ca_file = ca && *ca ? pl_strdup(ca) : NULL;
	c->opts.ca_file = c->ca_file;
	c->multi = curl_multi_init();
	if (!c->multi) {
		free(c->ca_file);
		free(c);
		return pl_err(err, PL_ERR_IO, "cannot initialise libcurl");
	}
	curl_multi_setopt(c->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)c->opts.max_parallel);
	curl_multi_setopt(c->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)c->opts.max_parallel);
	curl_multi_setopt(c->multi, CURLMOPT_MAXCONNECTS, (long)c->opts.max_parallel);
	curl_multi_setopt(c->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	c->seed = (unsigned int)now_ms();
	*out = c;
	return 0;
}

void pl_http_client_free(struct pl_http_client *c)
{
	if (!c)
		return;
	curl_multi_cleanup(c->multi);
	free(c->ca_file);
	free(c);
}

time_t pl_http_now(const struct pl_http_client *c)
{
	return time(NULL) + (c ? c->clock_offset : 0);
}

long pl_http_clock_offset(const struct pl_http_client *c)
{
	return c->clock_offset;
}

static void clear_result(struct pl_http_xfer *x)
{
	free(x->body);
	x->body = NULL;
	x->body_len = 0;
	pl_kvlist_free(&x->resp_headers);
	x->status = 0;
	x->curl_code = 0;
	x->curl_error[0] = 0;
	x->os_errno = 0;
	x->too_large = 0;
	x->truncated = 0;
	x->t_dns = x->t_connect = x->t_tls = x->t_total = 0;
	x->primary_ip[0] = 0;
}

void pl_http_xfer_reset(struct pl_http_xfer *x)
{
	clear_result(x);
	free(x->url);
	x->url = NULL;
	pl_kvlist_free(&x->headers);
}

struct running {
	struct pl_http_xfer *x;
	CURL *easy;
	struct curl_slist *hdrs;
	size_t cap;            /* allocated bytes of x->body */
	int64_t ready_at;
	int done;
	int skew_retried;
};

static size_t on_body(char *p, size_t size, size_t nmemb, void *ud)
{
	struct running *r = ud;
	struct pl_http_xfer *x = r->x;
	size_t n = size * nmemb;
	if (x->body_cap && x->body_len + n > x->body_cap) {
		x->too_large = 1;
		return 0;
	}
	if (x->body_len + n + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 16384;
		while (cap < x->body_len + n + 1)
			cap *= 2;
		x->body = pl_realloc(x->body, cap);
		r->cap = cap;
	}
	memcpy(x->body + x->body_len, p, n);
	x->body_len += n;
	x->body[x->body_len] = 0;
	return n;
}

static size_t on_header(char *p, size_t size, size_t nmemb, void *ud)
{
	struct running *r = ud;
	size_t n = size * nmemb;
	/* A new status line (after a redirect or 100-continue) starts over. */
	if (n >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		pl_kvlist_free(&r->x->resp_headers);
		return n;
	}
	const char *colon = memchr(p, ':', n);
	if (!colon || r->x->resp_headers.n >= MAX_RESP_HEADERS || n > 8192)
		return n;
	char *name = pl_strndup(p, (size_t)(colon - p));
	const char *v = colon + 1;
	size_t vn = n - (size_t)(v - p);
	while (vn && (*v == ' ' || *v == '\t'))
		v++, vn--;
	while (vn && (v[vn - 1] == '\r' || v[vn - 1] == '\n' || v[vn - 1] == ' '))
		vn--;
	char *value = pl_strndup(v, vn);
	pl_kvlist_add(&r->x->resp_headers, name, value);
	free(name);
	free(value);
	return n;
}

static int start(struct pl_http_client *c, struct running *r)
{
	struct pl_http_xfer *x = r->x;
	clear_result(x);
	free(x->url);
	x->url = NULL;
	pl_kvlist_free(&x->headers);
	r->cap = 0;
	x->attempts++;
	if (x->prepare && x->prepare(x, x->ctx)) {
		snprintf(x->curl_error, sizeof(x->curl_error), "request could not be prepared");
		x->curl_code = CURLE_FAILED_INIT;
		return -1;
	}
	CURL *e = curl_easy_init();
	if (!e) {
		x->curl_code = CURLE_FAILED_INIT;
		snprintf(x->curl_error, sizeof(x->curl_error), "cannot create a curl handle");
		return -1;
	}
	r->easy = e;
	r->hdrs = NULL;
	for (size_t i = 0; i < x->headers.n; i++) {
		char line[8192];
		snprintf(line, sizeof(line), "%s: %s", x->headers.items[i].name,
			 x->headers.items[i].value ? x->headers.items[i].value : "");
		r->hdrs = curl_slist_append(r->hdrs, line);
	}
	/* Nothing unsigned that could change the request's meaning. */
	r->hdrs = curl_slist_append(r->hdrs, "Accept:");
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->hdrs);
	curl_easy_setopt(e, CURLOPT_NOBODY, x->head ? 1L : 0L);
	if (x->method)
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, x->method);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(e, CURLOPT_PRIVATE, r);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->curl_error);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)c->opts.connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)c->opts.low_speed_time_s);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	/* Waiting for a connection to offer multiplexing pays only where HTTP/2
	 * can be negotiated (TLS): on http:// it would hold every transfer
	 * behind the first whenever the server closes connections. */
	curl_easy_setopt(e, CURLOPT_PIPEWAIT, strncmp(x->url, "https:", 6) == 0 ? 1L : 0L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "paimon-lens");
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	if (c->ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, c->ca_file);
	curl_multi_add_handle(c->multi, e);
	return 0;
}

static const char *resp_header(const struct pl_http_xfer *x, const char *name)
{
	return pl_kvlist_get(&x->resp_headers, name);
}

/* The server closed early though it announced more: a reset mid-body. */
static int body_is_short(const struct pl_http_xfer *x)
{
	if (x->head || (x->status != 200 && x->status != 206))
		return 0;
	const char *cr = resp_header(x, "Content-Range");
	unsigned long long first, last;
	if (cr && sscanf(cr, "bytes %llu-%llu/", &first, &last) == 2 && last >= first)
		return (unsigned long long)x->body_len != last - first + 1;
	const char *cl = resp_header(x, "Content-Length");
	if (cl)
		return strtoull(cl, NULL, 10) != (unsigned long long)x->body_len;
	return 0;
}

static void finish(struct pl_http_client *c, struct running *r, CURLcode cc)
{
	struct pl_http_xfer *x = r->x;
	CURL *e = r->easy;
	x->curl_code = cc;
	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &x->status);
	curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &x->os_errno);
	curl_off_t t;
	if (curl_easy_getinfo(e, CURLINFO_NAMELOOKUP_TIME_T, &t) == CURLE_OK)
		x->t_dns = (double)t / 1e6;
	if (curl_easy_getinfo(e, CURLINFO_CONNECT_TIME_T, &t) == CURLE_OK)
		x->t_connect = (double)t / 1e6;
	if (curl_easy_getinfo(e, CURLINFO_APPCONNECT_TIME_T, &t) == CURLE_OK)
		x->t_tls = (double)t / 1e6;
	if (curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &t) == CURLE_OK)
		x->t_total = (double)t / 1e6;
	char *ip = NULL;
	if (curl_easy_getinfo(e, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip)
		snprintf(x->primary_ip, sizeof(x->primary_ip), "%s", ip);
	if (cc == CURLE_OK && body_is_short(x))
		x->truncated = 1;
	if (cc != CURLE_OK && !x->curl_error[0])
		snprintf(x->curl_error, sizeof(x->curl_error), "%s", curl_easy_strerror(cc));
	curl_multi_remove_handle(c->multi, e);
	curl_easy_cleanup(e);
	curl_slist_free_all(r->hdrs);
	r->easy = NULL;
	r->hdrs = NULL;
	(void)c;
}

int pl_http_is_transient(const struct pl_http_xfer *x)
{
	if (x->too_large)
		return 0;
	if (x->truncated)
		return 1;
	switch (x->curl_code) {
	case CURLE_OK:
		break;
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return 1;
	case CURLE_OPERATION_TIMEDOUT:
		/* A connect timeout is a network configuration problem that a
		 * retry only makes slower to report; a stalled transfer is not. */
		return x->t_connect > 0;
	default:
		return 0;
	}
	if (x->status == 429 || (x->status >= 500 && x->status <= 599 && x->status != 501))
		return 1;
	if (x->status == 503 || (x->body && strstr((const char *)x->body, "<Code>SlowDown</Code>")))
		return 1;
	return 0;
}

static int is_clock_skew(const struct pl_http_xfer *x)
{
	return x->status == 403 && x->body &&
	       strstr((const char *)x->body, "RequestTimeTooSkewed") != NULL;
}

static int64_t backoff_ms(struct pl_http_client *c, int attempt)
{
	int64_t cap = c->opts.backoff_base_ms;
	for (int i = 1; i < attempt && cap < c->opts.backoff_max_ms; i++)
		cap *= 2;
	if (cap > c->opts.backoff_max_ms)
		cap = c->opts.backoff_max_ms;
	/* Half fixed, half random: spreads retries of parallel transfers. */
	return cap / 2 + (int64_t)(rand_r(&c->seed) % (unsigned int)(cap / 2 + 1));
}

void pl_http_perform(struct pl_http_client *c, struct pl_http_xfer **xs, size_t n)
{
	if (!n)
		return;
	struct running *rs = pl_calloc(n, sizeof(*rs));
	for (size_t i = 0; i < n; i++) {
		rs[i].x = xs[i];
		xs[i]->attempts = 0;
	}
	/* cursor: the next transfer never started; retries are rare, so
	 * only they cost a scan of the whole batch. */
	size_t remaining = n, active = 0, cursor = 0, retries = 0;
	while (remaining) {
		int64_t now = now_ms(), wait = 200;
		for (size_t i = 0; retries && i < cursor && active < (size_t)c->opts.max_parallel; i++) {
			struct running *r = &rs[i];
			if (r->done || r->easy || !r->ready_at)
				continue;
			if (r->ready_at > now) {
				if (r->ready_at - now < wait)
					wait = r->ready_at - now;
				continue;
			}
			retries--;
			r->ready_at = 0;
			if (start(c, r)) {
				r->done = 1;
				remaining--;
			} else {
				active++;
			}
		}
		while (cursor < n && active < (size_t)c->opts.max_parallel) {
			struct running *r = &rs[cursor++];
			if (start(c, r)) {
				r->done = 1;
				remaining--;
			} else {
				active++;
			}
		}
		int running_handles = 0;
		curl_multi_perform(c->multi, &running_handles);
		CURLMsg *m;
		int q;
		while ((m = curl_multi_info_read(c->multi, &q))) {
			if (m->msg != CURLMSG_DONE)
				continue;
			struct running *r = NULL;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&r);
			CURLcode cc = m->data.result;
			finish(c, r, cc);
			active--;
			struct pl_http_xfer *x = r->x;
			if (is_clock_skew(x) && !r->skew_retried) {
				time_t server = pl_time_parse_rfc1123(resp_header(x, "Date"));
				if (server > 0) {
					c->clock_offset = (long)(server - time(NULL));
					r->skew_retried = 1;
					r->ready_at = now_ms();
					retries++;
					continue;
				}
			}
			if (pl_http_is_transient(x) && x->attempts < c->opts.max_attempts) {
				r->ready_at = now_ms() + backoff_ms(c, x->attempts);
				retries++;
				continue;
			}
			r->done = 1;
			remaining--;
		}
		if (!remaining)
			break;
		/* A slot just freed is refilled at once: waiting here first
		 * cost up to 200 ms per request at --max-parallel 1. */
		if (cursor < n && active < (size_t)c->opts.max_parallel)
			continue;
		if (active)
			curl_multi_poll(c->multi, NULL, 0, (int)(wait > 0 ? wait : 1), NULL);
		else if (wait > 0) {
			struct timespec ts = { (time_t)(wait / 1000), (long)(wait % 1000) * 1000000L };
			nanosleep(&ts, NULL);
		}
	}
	free(rs);
}

const char *pl_http_transport_error(const struct pl_http_xfer *x)
{
	if (x->curl_code == CURLE_OK && !x->truncated)
		return NULL;
	if (x->truncated)
		return "the connection closed before the whole body arrived";
	return x->curl_error[0] ? x->curl_error : curl_easy_strerror((CURLcode)x->curl_code);
}
