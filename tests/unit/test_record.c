/* The formatting rules of the governance record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/record.h"
#include "collect/table_meta.h"
#include "test.h"
#include "util/strbuf.h"

static const char *iso(const char *paimon)
{
	static char out[64];
	int64_t ms;
	if (pl_record_parse_duration(paimon, &ms))
		return "invalid";
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_record_iso_duration(&sb, ms);
	snprintf(out, sizeof(out), "%s", pl_strbuf_str(&sb));
	pl_strbuf_free(&sb);
	return out;
}

TEST(durations)
{
	CHECK_STR_EQ(iso("1 h"), "PT1H");
	CHECK_STR_EQ(iso("30 d"), "P30D");
	CHECK_STR_EQ(iso("7d"), "P7D");
	CHECK_STR_EQ(iso("1h 30min"), "PT1H30M");
	CHECK_STR_EQ(iso("36 h"), "P1DT12H");
	CHECK_STR_EQ(iso("5 s"), "PT5S");
	CHECK_STR_EQ(iso("1500"), "PT1.5S");
	CHECK_STR_EQ(iso("250 ms"), "PT0.25S");
	CHECK_STR_EQ(iso("0 s"), "PT0S");
	CHECK_STR_EQ(iso("2 Minutes"), "PT2M");
	CHECK_STR_EQ(iso("1 DAYS 1 sec"), "P1DT1S");
	CHECK_STR_EQ(iso(""), "invalid");
	CHECK_STR_EQ(iso("h"), "invalid");
	CHECK_STR_EQ(iso("1 fortnight"), "invalid");
	CHECK_STR_EQ(iso("-1 h"), "invalid");
	CHECK_STR_EQ(iso("99999999999999999999 d"), "invalid");
	CHECK_STR_EQ(iso("9999999999999 d"), "invalid");
	CHECK_STR_EQ(iso("1 hourssssssssssssssss"), "invalid");
}

TEST(times)
{
	char buf[PL_RECORD_TIME_LEN];
	pl_record_format_time(buf, 0);
	CHECK_STR_EQ(buf, "1970-01-01T00:00:00.000Z");
	pl_record_format_time(buf, 1725534228114LL);
	CHECK_STR_EQ(buf, "2024-09-05T11:03:48.114Z");
	pl_record_format_time(buf, -1);
	CHECK_STR_EQ(buf, "1969-12-31T23:59:59.999Z");
	pl_record_format_time(buf, 951782400000LL);     /* leap day 2000 */
	CHECK_STR_EQ(buf, "2000-02-29T00:00:00.000Z");
	/* Hostile values stay four-digit years. */
	pl_record_format_time(buf, INT64_MAX);
	CHECK_STR_EQ(buf, "9999-12-31T23:59:59.999Z");
	pl_record_format_time(buf, INT64_MIN);
	CHECK_STR_EQ(buf, "0000-01-01T00:00:00.000Z");

	int64_t ms;
	CHECK_INT_EQ(pl_record_parse_time("2024-09-05T11:03:48.114Z", &ms), 0);
	CHECK_INT_EQ(ms, 1725534228114LL);
	CHECK_INT_EQ(pl_record_parse_time("2026-01-01T00:00:00Z", &ms), 0);
	CHECK_INT_EQ(ms, 1767225600000LL);
	CHECK_INT_EQ(pl_record_parse_time("2026-01-01T00:00:00+00:00", &ms), 0);
	CHECK_INT_EQ(pl_record_parse_time("2026-01-01T00:00:00+02:00", &ms), -1);
	CHECK_INT_EQ(pl_record_parse_time("2026-13-01T00:00:00Z", &ms), -1);
	CHECK_INT_EQ(pl_record_parse_time("2026-01-01", &ms), -1);
	CHECK_INT_EQ(pl_record_parse_time("2026-01-01T00:00:00.Z", &ms), -1);
	CHECK_INT_EQ(pl_record_parse_time("", &ms), -1);
}

TEST(secret_keys)
{
	CHECK(pl_record_is_secret_key("fs.oss.accessKeySecret"));
	CHECK(pl_record_is_secret_key("fs.oss.accessKeyId"));
	CHECK(pl_record_is_secret_key("s3.access-key"));
	CHECK(pl_record_is_secret_key("s3.access.key"));
	CHECK(pl_record_is_secret_key("fs.s3a.access_key"));
	CHECK(pl_record_is_secret_key("jdbc.PASSWORD"));
	CHECK(pl_record_is_secret_key("fs.oss.security-token"));
	CHECK(pl_record_is_secret_key("dlf.credential.provider"));
	CHECK(pl_record_is_secret_key("s3.secret-key"));
	CHECK(!pl_record_is_secret_key("bucket"));
	CHECK(!pl_record_is_secret_key("file.format"));
	CHECK(!pl_record_is_secret_key("access.mode"));
	CHECK(!pl_record_is_secret_key("access-log.keyword"));
	CHECK(!pl_record_is_secret_key("owner"));
}

TEST(exact_integers)
{
	cJSON *o = cJSON_CreateObject();
	pl_record_add_i64(o, "big", INT64_MAX);
	pl_record_add_i64(o, "neg", INT64_MIN);
	pl_record_add_opt_i64(o, "none", 0, 5);
	pl_record_add_str(o, "s", NULL);
	char *text = pl_record_print(o, 0);
	CHECK_STR_EQ(text, "{\"big\":9223372036854775807,\"neg\":-9223372036854775808,"
		     "\"none\":null,\"s\":null}");
	free(text);
	cJSON_Delete(o);
}

TEST(utf8_repair)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "ok\xff", "a\xc3\x28z");
	cJSON_AddStringToObject(o, "fine", "\xe4\xb8\xad");
	pl_record_fix_utf8(o);
	char *text = pl_record_print(o, 0);
	CHECK_STR_EQ(text, "{\"ok\xef\xbf\xbd\":\"a\xef\xbf\xbd(z\",\"fine\":\"\xe4\xb8\xad\"}");
	free(text);
	cJSON_Delete(o);
}

static int parse_snap(const char *json, struct pl_cm_snapshot *s, struct pl_error *err)
{
	struct pl_arena a;
	pl_arena_init(&a, 0);
	int rc = pl_cm_snapshot_parse(json, strlen(json), "snap", &a, s, err);
	pl_arena_free(&a);
	return rc;
}

TEST(snapshot_files)
{
	struct pl_cm_snapshot s;
	struct pl_error err;
	CHECK_INT_EQ(parse_snap("{\"id\":4,\"schemaId\":0,\"baseManifestList\":\"a\","
				"\"deltaManifestList\":\"b\",\"commitKind\":\"COMPACT\","
				"\"timeMillis\":1725534228114,\"totalRecordCount\":11,"
				"\"watermark\":-9223372036854775808,"
				"\"tagCreateTime\":[2024,7,18,10,30,5,123000000],"
				"\"tagTimeRetained\":86400.000000000}", &s, &err), 0);
	CHECK_INT_EQ(s.id, 4);
	CHECK_INT_EQ(s.total_record_count.v, 11);
	CHECK(!s.delta_record_count.present);
	CHECK_INT_EQ(s.watermark.v, INT64_MIN);
	CHECK(s.tag_create_time.present);
	CHECK_INT_EQ(s.tag_create_time.v, 1721298605123LL);
	CHECK_INT_EQ(s.tag_time_retained_ms.v, 86400000);

	/* Corrupt input: clear errors, never a crash. */
	CHECK_INT_EQ(parse_snap("", &s, &err), -1);
	CHECK_INT_EQ(parse_snap("[]", &s, &err), -1);
	CHECK_INT_EQ(parse_snap("{\"id\":\"x\"}", &s, &err), -1);
	CHECK(strstr(err.msg, "id") != NULL);
	/* Manifest lists may be absent (Jackson gives null): the record still
	 * parses, and says so; a list of the wrong type is corrupt. */
	CHECK_INT_EQ(parse_snap("{\"id\":1,\"timeMillis\":1}", &s, &err), 0);
	CHECK(s.base_manifest_list == NULL);
	CHECK_INT_EQ(parse_snap("{\"id\":1,\"timeMillis\":1,\"baseManifestList\":7}", &s, &err), -1);
	CHECK(strstr(err.msg, "baseManifestList") != NULL);
	CHECK_INT_EQ(parse_snap("{\"id\":1,\"timeMillis\":1,\"baseManifestList\":\"a\","
				"\"deltaManifestList\":\"b\",\"totalRecordCount\":\"7\"}",
				&s, &err), -1);
	CHECK_INT_EQ(parse_snap("{\"id\":1,\"timeMillis\":1,\"baseManifestList\":\"a\","
				"\"deltaManifestList\":\"b\",\"tagCreateTime\":[2024,13,1,0,0]}",
				&s, &err), -1);
	CHECK(strstr(err.msg, "tagCreateTime") != NULL);
	CHECK_INT_EQ(parse_snap("{\"id\":1,\"timeMillis\":1,\"baseManifestList\":\"a\","
				"\"deltaManifestList\":\"b\",\"tagTimeRetained\":1e999}",
				&s, &err), -1);
	CHECK_INT_EQ(parse_snap("{\"id\":1,\"timeMillis\":1,\"baseManifestList\":\"a\","
				"\"deltaManifestList\":\"b\",\"tagTimeRetained\":99999999999999999999}",
				&s, &err), -1);
}

TEST(redacted_json_text)
{
	char *r = pl_record_redact_json_text("{\"bucket\":\"2\",\"fs.oss.accessKeySecret\":\"x\","
					     "\"n\":{\"PASSWORD\":\"y\",\"k\":1}}");
	CHECK_STR_EQ(r, "{\"bucket\":\"2\",\"n\":{\"k\":1}}");
	free(r);
	r = pl_record_redact_json_text("[{\"token\":1}]");
	CHECK_STR_EQ(r, "[{}]");
	free(r);
	/* Nothing to redact, not JSON, broken JSON: left alone. */
	CHECK(pl_record_redact_json_text("{\"bucket\":\"2\"}") == NULL);
	CHECK(pl_record_redact_json_text("password") == NULL);
	CHECK(pl_record_redact_json_text("{\"password\":") == NULL);
	CHECK(pl_record_redact_json_text("") == NULL);
}

int main(void)
{
	RUN(durations);
	RUN(times);
	RUN(secret_keys);
	RUN(exact_integers);
	RUN(utf8_repair);
	RUN(snapshot_files);
	RUN(redacted_json_text);
	return pl_test_done();
}
