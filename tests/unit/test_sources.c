/* The INI reader, the data-source file and the storage flags. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/ini.h"
#include "io/sources.h"

static char *write_file(const char *name, const char *text)
{
	static char path[4096];
	snprintf(path, sizeof(path), "%s/%s", pl_test_tmpdir(), name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

TEST(ini_dialect)
{
	const char *text = "# comment\n; another\n[default]\nregion = us-east-1\n"
			   "[profile minio]\nregion=us-east-1\ns3 =\n    addressing_style = path\n"
			   "Endpoint_URL = http://x\n[source  a]\nkey = last\nkey = wins\n";
	struct pl_ini ini;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_ini_parse(text, strlen(text), "t", &ini, &err), 0);
	CHECK_STR_EQ(pl_ini_get(&ini, "default", "region"), "us-east-1");
	CHECK_STR_EQ(pl_ini_get(&ini, "profile minio", "s3.addressing_style"), "path");
	CHECK_STR_EQ(pl_ini_get(&ini, "profile minio", "endpoint_url"), "http://x");
	CHECK_STR_EQ(pl_ini_get(&ini, "source a", "key"), "wins");
	CHECK(pl_ini_has_section(&ini, "source a"));
	CHECK(!pl_ini_has_section(&ini, "nope"));
	pl_ini_free(&ini);
}

TEST(ini_rejects_garbage)
{
	struct pl_ini ini;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_ini_parse("[unclosed\n", 10, "f", &ini, &err), -1);
	CHECK(strstr(err.msg, "f:1") != NULL);
	CHECK_INT_EQ(pl_ini_parse("[a]\njust words\n", 15, "f", &ini, &err), -1);
	CHECK(strstr(err.msg, "f:2") != NULL);
	CHECK_INT_EQ(pl_ini_parse("a\0b=c", 5, "f", &ini, &err), -1);
	CHECK_INT_EQ(pl_ini_parse("x", (size_t)PL_INI_MAX_BYTES + 1, "f", &ini, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_LIMIT);
	CHECK_INT_EQ(pl_ini_load("/nonexistent/file", &ini, &err), -1);
	CHECK_INT_EQ(err.code, PL_ERR_NOT_FOUND);
}

TEST(sources_file_loads_and_applies)
{
	const char *path = write_file("sources",
		"[source lake-prod]\n"
		"catalog = paimon\nmetastore = filesystem\nfilesystem = oss\n"
		"access-mode = access-key\nregion = cn-hangzhou\n"
		"warehouse = oss://my-bucket/warehouse\n\n"
		"[source minio]\nwarehouse = s3://paimon/wh\nendpoint = http://127.0.0.1:9000\n"
		"path-style = true\nprofile = minio\n\n"
		"[source here]\nwarehouse = /tmp/lake\n");
	struct pl_sources s;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_sources_load(path, &s, &err), 0);
	CHECK_INT_EQ(s.n, 3);
	const struct pl_source *p = pl_sources_find(&s, "lake-prod");
	CHECK(p != NULL);
	if (p) {
		CHECK_STR_EQ(p->region, "cn-hangzhou");
		CHECK_STR_EQ(p->access_mode, "access-key");
		struct pl_storage_options o = { 0 };
		o.region = "cn-shanghai"; /* the command line wins */
		CHECK_STR_EQ(pl_source_apply(p, &o), "oss://my-bucket/warehouse");
		CHECK_STR_EQ(o.region, "cn-shanghai");
		CHECK_STR_EQ(o.access_mode, "access-key");
	}
	p = pl_sources_find(&s, "minio");
	if (p) {
		struct pl_storage_options o = { 0 };
		pl_source_apply(p, &o);
		CHECK(o.path_style);
		CHECK_STR_EQ(o.endpoint, "http://127.0.0.1:9000");
		CHECK_STR_EQ(o.profile, "minio");
	}
	CHECK(pl_sources_find(&s, "nope") == NULL);
	pl_sources_free(&s);

	/* no file: no sources, no error */
	CHECK_INT_EQ(pl_sources_load("/nonexistent/sources", &s, &err), 0);
	CHECK_INT_EQ(s.n, 0);
	pl_sources_free(&s);
}

static const char *load_error(const char *text)
{
	static char msg[PL_ERR_MSG_MAX];
	const char *path = write_file("bad-sources", text);
	struct pl_sources s;
	struct pl_error err = { 0 };
	if (pl_sources_load(path, &s, &err) == 0) {
		pl_sources_free(&s);
		return "";
	}
	snprintf(msg, sizeof(msg), "%s", err.msg);
	return msg;
}

TEST(sources_file_errors_name_the_problem)
{
	CHECK(strstr(load_error("[source a]\nfilesystem = oss\n"), "no warehouse"));
	CHECK(strstr(load_error("[source a]\nfilesystem = s3\nwarehouse = oss://b/w\n"), "is on oss"));
	CHECK(strstr(load_error("[source a]\nfilesystem = hdfs\nwarehouse = oss://b/w\n"), "filesystem must be"));
	CHECK(strstr(load_error("[source a]\nwarehouse = oss://b/w\nacces-mode = sts\n"), "unknown key 'acces-mode'"));
	CHECK(strstr(load_error("[source a]\nwarehouse = oss://b/w\naccess-mode = root\n"), "access-mode must be"));
	CHECK(strstr(load_error("[source a]\nwarehouse = s3://b/w\naccess-mode = ram-role\n"), "ram-role needs"));
	CHECK(strstr(load_error("[source a]\nwarehouse = oss://b/w\nmetastore = hive\n"), "not supported"));
	CHECK(strstr(load_error("[lake]\nwarehouse = oss://b/w\n"), "expected [source NAME]"));
	CHECK(strstr(load_error("[source a]\nwarehouse = oss://b/w\n[source a]\nregion = x\n"), "twice"));
	CHECK(strstr(load_error("[source a]\nwarehouse = hdfs://nn/w\n"), "not an oss://"));
	CHECK(strstr(load_error("warehouse = oss://b/w\n"), "outside"));
}

TEST(storage_flags)
{
	char *argv[] = { "x", "--endpoint", "http://h:1", "--region=cn-beijing", "--path-style",
			 "--no-cache", "--max-parallel", "4", "--signature", "v1", "ls", NULL };
	int argc = 11, i = 1;
	struct pl_storage_options o = { 0 };
	struct pl_error err = { 0 };
	int n = 0;
	while (pl_storage_options_from_args(argc, argv, &i, &o, &err) == 1)
		n++;
	CHECK_INT_EQ(n, 6);
	CHECK_INT_EQ(i, 10);
	CHECK_STR_EQ(o.endpoint, "http://h:1");
	CHECK_STR_EQ(o.region, "cn-beijing");
	CHECK(o.path_style && o.no_cache);
	CHECK_INT_EQ(o.max_parallel, 4);
	CHECK_STR_EQ(o.signature, "v1");

	char *bad1[] = { "x", "--max-parallel", "0" };
	i = 1;
	CHECK_INT_EQ(pl_storage_options_from_args(3, bad1, &i, &o, &err), -1);
	char *bad2[] = { "x", "--endpoint" };
	i = 1;
	CHECK_INT_EQ(pl_storage_options_from_args(2, bad2, &i, &o, &err), -1);
	char *bad3[] = { "x", "--path-style=yes" };
	i = 1;
	CHECK_INT_EQ(pl_storage_options_from_args(2, bad3, &i, &o, &err), -1);
	char *other[] = { "x", "--endpointx" };
	i = 1;
	CHECK_INT_EQ(pl_storage_options_from_args(2, other, &i, &o, &err), 0);
}

int main(void)
{
	RUN(ini_dialect);
	RUN(ini_rejects_garbage);
	RUN(sources_file_loads_and_applies);
	RUN(sources_file_errors_name_the_problem);
	RUN(storage_flags);
	return pl_test_done();
}
