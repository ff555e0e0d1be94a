/* The credential chain.
 *
 * OSS (oss://):  ram-role mode -> ECS metadata service only; otherwise
 *   1. a profile named by the source or --profile in ~/.alibabacloud/credentials
 *   2. OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET / OSS_SESSION_TOKEN
 *   3. ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN
 *   4. ~/.alibabacloud/credentials ($ALIBABA_CLOUD_CREDENTIALS_FILE), profile
 *      $ALIBABA_CLOUD_PROFILE or "default"
 *   5. the ECS metadata service when $ALIBABA_CLOUD_ECS_METADATA names a role
 * S3 (s3://, s3a://):
 *   1. a profile named by the source or --profile in ~/.aws/credentials
 *   2. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
 *   3. ~/.aws/credentials ($AWS_SHARED_CREDENTIALS_FILE), profile $AWS_PROFILE
 *      or "default"
 * An explicit profile wins over the environment because the user named it
 * for this lake; the environment wins over the default profile as in the
 * vendors' own tools. */
#include "io/credentials.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/http.h"
#include "io/ini.h"
#include "util/arena.h"
#include "util/json.h"

#define ECS_DEFAULT_URL "http://100.100.100.200"
#define REFRESH_MARGIN 180

static char *dup_or_null(const char *s)
{
	return s && *s ? pl_strdup(s) : NULL;
}

static void wipe_free(char *s)
{
	if (s) {
		memset(s, 0, strlen(s));
		free(s);
	}
}

void pl_credentials_free(struct pl_credentials *c)
{
	wipe_free(c->access_key_id);
	wipe_free(c->secret);
	wipe_free(c->token);
	free(c->ecs_role);
	free(c->ecs_base_url);
	memset(c, 0, sizeof(*c));
}

void pl_credentials_mask(const char *key_id, char out[24])
{
	size_t n = key_id ? strlen(key_id) : 0;
	if (n >= 12)
		snprintf(out, 24, "%.4s****%s", key_id, key_id + n - 4);
	else
		snprintf(out, 24, "****");
}

static int set_keys(struct pl_credentials *c, const char *id, const char *secret,
		    const char *token, const char *kind, const char *what)
{
	c->access_key_id = pl_strdup(id);
	c->secret = pl_strdup(secret);
	c->token = dup_or_null(token);
	snprintf(c->source, sizeof(c->source), "%s %s", kind, what);
	return 0;
}

static int from_env(struct pl_credentials *c, const char *id_var, const char *secret_var,
		    const char *token_var, struct pl_error *err)
{
	const char *id = getenv(id_var), *secret = getenv(secret_var);
	if (!id || !*id)
		return 1;
	if (!secret || !*secret)
		return pl_err(err, PL_ERR_USAGE, "%s is set but %s is not", id_var, secret_var);
	return set_keys(c, id, secret, getenv(token_var), "environment variable", id_var);
}

static char *home_path(const char *rel)
{
	const char *home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	size_t n = strlen(home) + strlen(rel) + 2;
	char *p = pl_malloc(n);
	snprintf(p, n, "%s/%s", home, rel);
	return p;
}

static const char *ini_any(const struct pl_ini *ini, const char *section, const char *const *keys)
{
	for (; *keys; keys++) {
		const char *v = pl_ini_get(ini, section, *keys);
		if (v && *v)
			return v;
	}
	return NULL;
}

/* Returns 0 found, 1 file or profile absent, -1 error. */
static int from_file(struct pl_credentials *c, enum pl_store_kind kind, const char *profile,
		     int required, struct pl_error *err)
{
	const char *override = getenv(kind == PL_STORE_OSS ? "ALIBABA_CLOUD_CREDENTIALS_FILE"
							   : "AWS_SHARED_CREDENTIALS_FILE");
	char *path = override && *override ? pl_strdup(override)
					   : home_path(kind == PL_STORE_OSS ? ".alibabacloud/credentials"
									    : ".aws/credentials");
	if (!path)
		return 1;
	struct pl_ini ini;
	struct pl_error ierr;
	if (pl_ini_load(path, &ini, &ierr)) {
		int rc = 1;
		if (ierr.code != PL_ERR_NOT_FOUND || required) {
			rc = pl_err(err, ierr.code == PL_ERR_NOT_FOUND ? PL_ERR_USAGE : ierr.code,
				    "credentials file %s", ierr.msg);
		}
		free(path);
		return rc;
	}
	int rc;
	if (!pl_ini_has_section(&ini, profile)) {
		rc = required ? pl_err(err, PL_ERR_USAGE, "profile '%s' not found in %s", profile, path)
			      : 1;
		goto out;
	}
	if (kind == PL_STORE_OSS) {
		static const char *const id_keys[] = { "access_key_id", "accesskeyid", NULL };
		static const char *const sk_keys[] = { "access_key_secret", "accesskeysecret", NULL };
		static const char *const tk_keys[] = { "security_token", "sts_token", NULL };
		const char *type = pl_ini_get(&ini, profile, "type");
		if (type && strcmp(type, "ecs_ram_role") == 0) {
			const char *role = pl_ini_get(&ini, profile, "role_name");
			rc = pl_credentials_from_ecs(NULL, role, c, err);
			goto out;
		}
		if (type && strcmp(type, "access_key") != 0 && strcmp(type, "sts") != 0) {
			rc = pl_err(err, PL_ERR_USAGE,
				    "profile '%s' in %s has type '%s', which needs a call to STS: not supported (use access_key, sts or ecs_ram_role)",
				    profile, path, type);
			goto out;
		}
		const char *id = ini_any(&ini, profile, id_keys), *sk = ini_any(&ini, profile, sk_keys);
		if (!id || !sk) {
			rc = pl_err(err, PL_ERR_USAGE, "profile '%s' in %s lacks access_key_id or access_key_secret",
				    profile, path);
			goto out;
		}
		char what[160];
		snprintf(what, sizeof(what), "%s [%s]", path, profile);
		rc = set_keys(c, id, sk, ini_any(&ini, profile, tk_keys), "credentials file", what);
	} else {
		const char *id = pl_ini_get(&ini, profile, "aws_access_key_id");
		const char *sk = pl_ini_get(&ini, profile, "aws_secret_access_key");
		if (!id || !*id || !sk || !*sk) {
			rc = pl_err(err, PL_ERR_USAGE,
				    "profile '%s' in %s lacks aws_access_key_id or aws_secret_access_key",
				    profile, path);
			goto out;
		}
		char what[160];
		snprintf(what, sizeof(what), "%s [%s]", path, profile);
		rc = set_keys(c, id, sk, pl_ini_get(&ini, profile, "aws_session_token"),
			      "credentials file", what);
	}
out:
	pl_ini_free(&ini);
	free(path);
	return rc;
}

static const char *default_profile(enum pl_store_kind kind)
{
	const char *p = getenv(kind == PL_STORE_OSS ? "ALIBABA_CLOUD_PROFILE" : "AWS_PROFILE");
	return p && *p ? p : "default";
}

static int check_mode(const struct pl_cred_query *q, struct pl_credentials *c,
		      struct pl_error *err)
{
	if (q->access_mode && strcmp(q->access_mode, "sts") == 0 && !c->token) {
		pl_err(err, PL_ERR_USAGE,
		       "access-mode is sts but the credentials from %s carry no security token",
		       c->source);
		pl_credentials_free(c);
		return -1;
	}
	return 0;
}

int pl_credentials_resolve(const struct pl_cred_query *q, struct pl_credentials *out,
			   struct pl_error *err)
{
	memset(out, 0, sizeof(*out));
	const char *mode = q->access_mode;
	if (mode && strcmp(mode, "access-key") != 0 && strcmp(mode, "sts") != 0 &&
	    strcmp(mode, "ram-role") != 0)
		return pl_err(err, PL_ERR_USAGE,
			      "unknown access-mode '%s' (use access-key, sts or ram-role)", mode);
	if (mode && strcmp(mode, "ram-role") == 0) {
		const char *role = q->ram_role;
		if (!role || !*role)
			role = getenv("ALIBABA_CLOUD_ECS_METADATA");
		return pl_credentials_from_ecs(NULL, role, out, err);
	}
	int rc;
	if (q->profile && *q->profile) {
		rc = from_file(out, q->kind, q->profile, 1, err);
		return rc ? -1 : check_mode(q, out, err);
	}
	if (q->kind == PL_STORE_OSS) {
		rc = from_env(out, "OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", "OSS_SESSION_TOKEN", err);
		if (rc == 1)
			rc = from_env(out, "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
				      "ALIBABA_CLOUD_SECURITY_TOKEN", err);
	} else {
		rc = from_env(out, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", err);
	}
	if (rc == 1)
		rc = from_file(out, q->kind, default_profile(q->kind), 0, err);
	if (rc == 1 && q->kind == PL_STORE_OSS) {
		const char *role = getenv("ALIBABA_CLOUD_ECS_METADATA");
		const char *off = getenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED");
		if (role && *role && !(off && strcmp(off, "true") == 0))
			rc = pl_credentials_from_ecs(NULL, role, out, err) ? -1 : 0;
	}
	if (rc == 1)
		return pl_err(err, PL_ERR_USAGE, "%s",
			      q->kind == PL_STORE_OSS
				      ? "no OSS credentials found: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (or ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET), add a profile to ~/.alibabacloud/credentials, or use access-mode = ram-role on ECS"
				      : "no S3 credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a profile to ~/.aws/credentials");
	if (rc)
		return -1;
	return check_mode(q, out, err);
}

/* ---- ECS RAM role ------------------------------------------------------- */

struct ecs_get {
	const char *url;
	const char *token;
};

static int ecs_prepare(struct pl_http_xfer *x, void *ctx)
{
	struct ecs_get *g = ctx;
	x->url = pl_strdup(g->url);
	if (g->token)
		pl_kvlist_add(&x->headers, "X-aliyun-ecs-metadata-token", g->token);
	return 0;
}

static int ecs_put_prepare(struct pl_http_xfer *x, void *ctx)
{
	struct ecs_get *g = ctx;
	x->url = pl_strdup(g->url);
	x->method = "PUT";
	pl_kvlist_add(&x->headers, "X-aliyun-ecs-metadata-token-ttl-seconds", "21600");
	return 0;
}

/* One small request; the body is returned (NUL-terminated) or NULL. */
static char *ecs_fetch(struct pl_http_client *hc, const char *url, const char *token, int put,
		       long *status, struct pl_error *err)
{
	struct ecs_get g = { url, token };
	struct pl_http_xfer x = { .prepare = put ? ecs_put_prepare : ecs_prepare, .ctx = &g,
				  .body_cap = 64 * 1024 };
	struct pl_http_xfer *xs = &x;
	pl_http_perform(hc, &xs, 1);
	*status = x.status;
	char *body = NULL;
	const char *terr = pl_http_transport_error(&x);
	if (terr)
		pl_err(err, PL_ERR_IO, "ECS metadata service %s: %s", url, terr);
	else if (x.status != 200)
		pl_err(err, x.status == 404 ? PL_ERR_NOT_FOUND : PL_ERR_IO,
		       "ECS metadata service %s: HTTP %ld", url, x.status);
	else {
		body = (char *)x.body;
		x.body = NULL;
		if (!body)
			body = pl_strdup("");
	}
	pl_http_xfer_reset(&x);
	return body;
}

static int parse_role_json(const char *body, struct pl_credentials *out, const char *role,
			   struct pl_error *err)
{
	struct pl_arena arena;
	pl_arena_init(&arena, 4096);
	struct pl_json *j;
	int rc = -1;
	if (pl_json_parse(body, strlen(body), "ECS role credentials", &arena, &j, err))
		goto done;
	const char *code = pl_json_get_str(j, "Code");
	const char *id = pl_json_get_str(j, "AccessKeyId");
	const char *sk = pl_json_get_str(j, "AccessKeySecret");
	const char *tk = pl_json_get_str(j, "SecurityToken");
	const char *exp = pl_json_get_str(j, "Expiration");
	if (!code || strcmp(code, "Success") != 0) {
		pl_err(err, PL_ERR_IO, "ECS metadata service: role '%s' answered Code %s", role,
		       code ? code : "(none)");
		goto done;
	}
	if (!id || !*id || !sk || !*sk || !tk || !*tk) {
		pl_err(err, PL_ERR_CORRUPT,
		       "ECS metadata service: role '%s' answer lacks AccessKeyId, AccessKeySecret or SecurityToken",
		       role);
		goto done;
	}
	time_t t = exp ? pl_time_parse_iso8601(exp) : 0;
	if (exp && t < 0) {
		pl_err(err, PL_ERR_CORRUPT, "ECS metadata service: bad Expiration '%.40s'", exp);
		goto done;
	}
	wipe_free(out->access_key_id);
	wipe_free(out->secret);
	wipe_free(out->token);
	out->access_key_id = pl_strdup(id);
	out->secret = pl_strdup(sk);
	out->token = pl_strdup(tk);
	out->expiration = t;
	rc = 0;
done:
	/* The arena held the secrets too. */
	pl_arena_free(&arena);
	return rc;
}

int pl_credentials_from_ecs(const char *base_url, const char *role, struct pl_credentials *out,
			    struct pl_error *err)
{
	if (!base_url || !*base_url)
		base_url = getenv("PAIMON_LENS_ECS_METADATA_URL");
	if (!base_url || !*base_url)
		base_url = ECS_DEFAULT_URL;
	/* Off-cloud the service does not answer: fail within about a second. */
	struct pl_http_options o = { .max_parallel = 1, .max_attempts = 1,
				     .connect_timeout_ms = 1000, .low_speed_time_s = 2 };
	struct pl_http_client *hc;
	if (pl_http_client_new(&o, &hc, err))
		return -1;
	char url[1024];
	long status;
	struct pl_error terr;
	snprintf(url, sizeof(url), "%s/latest/api/token", base_url);
	char *token = ecs_fetch(hc, url, NULL, 1, &status, &terr);
	const char *v1off = getenv("ALIBABA_CLOUD_IMDSV1_DISABLED");
	int rc = -1;
	char *role_name = NULL, *body = NULL;
	if (!token && v1off && strcmp(v1off, "true") == 0) {
		pl_err(err, PL_ERR_IO, "%s (a metadata token is required because ALIBABA_CLOUD_IMDSV1_DISABLED=true)",
		       terr.msg);
		goto done;
	}
	if (role && *role) {
		role_name = pl_strdup(role);
	} else {
		snprintf(url, sizeof(url), "%s/latest/meta-data/ram/security-credentials/", base_url);
		role_name = ecs_fetch(hc, url, token, 0, &status, err);
		if (!role_name) {
			pl_err_prefix(err, "cannot find the instance's RAM role (is this an ECS instance with a role attached?)");
			goto done;
		}
		char *nl = strpbrk(role_name, "\r\n");
		if (nl)
			*nl = 0;
		if (!*role_name || strchr(role_name, '/')) {
			pl_err(err, PL_ERR_IO, "ECS metadata service named no usable RAM role");
			goto done;
		}
	}
	snprintf(url, sizeof(url), "%s/latest/meta-data/ram/security-credentials/%s", base_url,
		 role_name);
	body = ecs_fetch(hc, url, token, 0, &status, err);
	if (!body) {
		pl_err_prefix(err, "cannot fetch credentials of RAM role '%s'", role_name);
		goto done;
	}
	if (parse_role_json(body, out, role_name, err))
		goto done;
	free(out->ecs_role);
	free(out->ecs_base_url);
	out->ecs_role = pl_strdup(role_name);
	out->ecs_base_url = pl_strdup(base_url);
	snprintf(out->source, sizeof(out->source), "ECS RAM role '%.100s'", role_name);
	rc = 0;
done:
	wipe_free(token);
	wipe_free(body);
	free(role_name);
	pl_http_client_free(hc);
	return rc;
}

int pl_credentials_refresh(struct pl_credentials *c, time_t now, struct pl_error *err)
{
	if (!c->ecs_role || !c->expiration || c->expiration - now > REFRESH_MARGIN)
		return 0;
	char *base = pl_strdup(c->ecs_base_url), *role = pl_strdup(c->ecs_role);
	int rc = pl_credentials_from_ecs(base, role, c, err);
	free(base);
	free(role);
	return rc;
}
