/* Credentials for object stores, resolved along a documented chain (see
 * doc/remote.md). A credential never reaches output, logs, error messages
 * or the cache: only its source and a masked key id are shown. */
#ifndef PL_IO_CREDENTIALS_H
#define PL_IO_CREDENTIALS_H

#include <time.h>

#include "util/err.h"

enum pl_store_kind {
	PL_STORE_S3 = 1,
	PL_STORE_OSS = 2,
};

struct pl_credentials {
	char *access_key_id;
	char *secret;
	char *token;               /* STS/session token or NULL */
	time_t expiration;         /* 0: does not expire */
	char source[192];          /* e.g. "environment (AWS_ACCESS_KEY_ID)" */
	/* ECS RAM role: what is needed to fetch fresh ones */
	char *ecs_role;
	char *ecs_base_url;
};

struct pl_cred_query {
	enum pl_store_kind kind;
	/* access-key | sts | ram-role, or NULL to take the first that works */
	const char *access_mode;
	/* profile of the credential files; NULL: $AWS_PROFILE /
	 * $ALIBABA_CLOUD_PROFILE, then "default" */
	const char *profile;
	/* ram-role: the role name; NULL asks the metadata service */
	const char *ram_role;
};

/* Walks the chain; fails with a message naming every place looked at. */
int pl_credentials_resolve(const struct pl_cred_query *q, struct pl_credentials *out,
			   struct pl_error *err);
/* Fetches RAM-role credentials again when fewer than 180 s remain. */
int pl_credentials_refresh(struct pl_credentials *c, time_t now, struct pl_error *err);
/* Fetches role credentials from an ECS metadata service at base_url
 * ("http://100.100.100.200" in production). */
int pl_credentials_from_ecs(const char *base_url, const char *role, struct pl_credentials *out,
			    struct pl_error *err);
void pl_credentials_free(struct pl_credentials *c);
/* "LTAI****abcd": enough to recognise a key, useless to an attacker.
 * Writes at most 24 bytes. */
void pl_credentials_mask(const char *key_id, char out[24]);

#endif
