/* Resolving a remote warehouse: URI parsing, endpoint and region sources,
 * region derivation from OSS/AWS endpoints, addressing style, and the
 * configuration errors the connectivity test reports as step 1. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "io/s3.h"

static struct pl_s3 *open_uri(const char *uri, const char *endpoint, const char *region,
			      int path_style, struct pl_error *err)
{
	struct pl_s3_config cfg = { 0 };
	char *bucket = NULL, *prefix = NULL;
	if (pl_remote_uri_parse(uri, &cfg, &bucket, &prefix, err))
		return NULL;
	cfg.bucket = bucket;
	cfg.prefix = prefix;
	cfg.endpoint = endpoint;
	cfg.region = region;
	cfg.path_style = path_style;
	struct pl_s3 *s = NULL;
	if (pl_s3_new(&cfg, &s, err))
		s = NULL;
	free(bucket);
	free(prefix);
	return s;
}

static void env_setup(void)
{
	static const char *const unset[] = { "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL",
		"AWS_ENDPOINT_URL_S3", "OSS_ENDPOINT", "OSS_REGION", "AWS_PROFILE", NULL };
	for (int i = 0; unset[i]; i++)
		unsetenv(unset[i]);
	setenv("HOME", pl_test_tmpdir(), 1);
	setenv("AWS_ACCESS_KEY_ID", "AKIATEST00000001", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "secret", 1);
	setenv("OSS_ACCESS_KEY_ID", "LTAITEST00000001", 1);
	setenv("OSS_ACCESS_KEY_SECRET", "secret", 1);
}

TEST(uri_parsing)
{
	struct pl_s3_config cfg = { 0 };
	char *b, *p;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_remote_uri_parse("oss://bucket/a/b/", &cfg, &b, &p, &err), 0);
	CHECK_INT_EQ(cfg.kind, PL_STORE_OSS);
	CHECK_STR_EQ(b, "bucket");
	CHECK_STR_EQ(p, "a/b");
	free(b);
	free(p);
	CHECK_INT_EQ(pl_remote_uri_parse("s3a://bkt", &cfg, &b, &p, &err), 0);
	CHECK_INT_EQ(cfg.kind, PL_STORE_S3);
	CHECK_STR_EQ(p, "");
	free(b);
	free(p);
	CHECK_INT_EQ(pl_remote_uri_parse("s3:///x", &cfg, &b, &p, &err), -1);
	CHECK_INT_EQ(pl_remote_uri_parse("gs://x/y", &cfg, &b, &p, &err), -1);
}

TEST(oss_endpoints_and_regions)
{
	env_setup();
	struct pl_error err = { 0 };
	struct pl_s3 *s = open_uri("oss://lake/wh", "oss-cn-hangzhou-internal.aliyuncs.com", NULL, 0, &err);
	CHECK(s != NULL);
	if (s) {
		const struct pl_s3_info *in = pl_s3_info(s);
		CHECK_STR_EQ(in->region, "cn-hangzhou");
		CHECK_STR_EQ(in->endpoint_scheme, "https");
		CHECK_STR_EQ(in->request_host, "lake.oss-cn-hangzhou-internal.aliyuncs.com");
		CHECK(!in->path_style);
		CHECK_INT_EQ(in->sig, PL_SIG_OSS_V4);
		pl_s3_free(s);
	}
	/* the region alone gives the public endpoint */
	s = open_uri("oss://lake/wh", NULL, "cn-shanghai", 0, &err);
	if (s) {
		CHECK_STR_EQ(pl_s3_info(s)->endpoint_host, "oss-cn-shanghai.aliyuncs.com");
		pl_s3_free(s);
	}
	CHECK(s != NULL);
	/* contradictions and gaps are configuration errors */
	CHECK(open_uri("oss://lake/wh", "oss-cn-hangzhou.aliyuncs.com", "cn-beijing", 0, &err) == NULL);
	CHECK(strstr(err.msg, "does not match") != NULL);
	CHECK(open_uri("oss://lake/wh", NULL, NULL, 0, &err) == NULL);
	CHECK(strstr(err.msg, "no OSS endpoint or region") != NULL);
	CHECK(open_uri("oss://lake/wh", "oss-accelerate.aliyuncs.com", NULL, 0, &err) == NULL);
	CHECK(strstr(err.msg, "--region") != NULL);
	setenv("OSS_ENDPOINT", "http://10.0.0.5:8080", 1);
	s = open_uri("oss://lake/wh", NULL, "cn-hangzhou", 0, &err);
	if (s) {
		const struct pl_s3_info *in = pl_s3_info(s);
		CHECK(in->path_style);
		CHECK_STR_EQ(in->request_host, "10.0.0.5:8080");
		CHECK_STR_EQ(in->endpoint_from, "OSS_ENDPOINT");
		pl_s3_free(s);
	}
	CHECK(s != NULL);
	unsetenv("OSS_ENDPOINT");
}

TEST(s3_endpoints_and_regions)
{
	env_setup();
	struct pl_error err = { 0 };
	struct pl_s3 *s = open_uri("s3://my-bucket/wh", NULL, NULL, 0, &err);
	if (s) {
		const struct pl_s3_info *in = pl_s3_info(s);
		CHECK_STR_EQ(in->region, "us-east-1");
		CHECK_STR_EQ(in->request_host, "my-bucket.s3.us-east-1.amazonaws.com");
		CHECK_INT_EQ(in->sig, PL_SIG_AWS_V4);
		pl_s3_free(s);
	}
	CHECK(s != NULL);
	setenv("AWS_ENDPOINT_URL", "http://generic:1", 1);
	setenv("AWS_ENDPOINT_URL_S3", "http://localhost:9000/", 1);
	setenv("AWS_DEFAULT_REGION", "eu-central-1", 1);
	s = open_uri("s3://my-bucket/wh", NULL, NULL, 0, &err);
	if (s) {
		const struct pl_s3_info *in = pl_s3_info(s);
		CHECK_STR_EQ(in->endpoint_host, "localhost:9000");
		CHECK_STR_EQ(in->endpoint_from, "AWS_ENDPOINT_URL_S3");
		CHECK_STR_EQ(in->region, "eu-central-1");
		CHECK(in->path_style);
		pl_s3_free(s);
	}
	CHECK(s != NULL);
	unsetenv("AWS_ENDPOINT_URL_S3");
	s = open_uri("s3://my-bucket/wh", NULL, NULL, 1, &err);
	if (s) {
		CHECK_STR_EQ(pl_s3_info(s)->endpoint_host, "generic:1");
		CHECK(pl_s3_info(s)->path_style);
		pl_s3_free(s);
	}
	CHECK(s != NULL);
	unsetenv("AWS_ENDPOINT_URL");
	unsetenv("AWS_DEFAULT_REGION");
	s = open_uri("s3://my-bucket/wh", "https://s3.ap-southeast-1.amazonaws.com", NULL, 0, &err);
	if (s) {
		CHECK_STR_EQ(pl_s3_info(s)->region, "ap-southeast-1");
		pl_s3_free(s);
	}
	CHECK(s != NULL);
	/* OSS through its S3-compatible endpoint */
	s = open_uri("s3://my-bucket/wh", "https://s3.oss-cn-hangzhou.aliyuncs.com", NULL, 0, &err);
	if (s) {
		CHECK_STR_EQ(pl_s3_info(s)->region, "cn-hangzhou");
		pl_s3_free(s);
	}
	CHECK(s != NULL);
	CHECK(open_uri("s3://ab/wh", NULL, NULL, 0, &err) == NULL);
	CHECK(strstr(err.msg, "3 to 63") != NULL);
	CHECK(open_uri("s3://Bad_Bucket!/wh", NULL, NULL, 0, &err) == NULL);
	CHECK(open_uri("s3://my-bucket/wh", "ftp://x", NULL, 0, &err) == NULL);
	CHECK(open_uri("s3://my-bucket/wh", "http://user:pw@host", NULL, 0, &err) == NULL);
	CHECK(strstr(err.msg, "pw") == NULL);
}

int main(void)
{
	RUN(uri_parsing);
	RUN(oss_endpoints_and_regions);
	RUN(s3_endpoints_and_regions);
	return pl_test_done();
}
