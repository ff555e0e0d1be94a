#include "test.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paimon/types.h"
#include "util/arena.h"
#include "util/json.h"
#include "util/strbuf.h"

static struct pl_arena arena;

static struct pl_dtype *parse(const char *text)
{
	struct pl_dtype *t = NULL;
	struct pl_error err;
	pl_err_clear(&err);
	if (pl_dtype_parse(text, &arena, &t, &err) < 0) {
		printf("# parse \"%s\": %s\n", text, err.msg);
		return NULL;
	}
	return t;
}

/* Printed form of text, or "(error)". */
static const char *canon(const char *text)
{
	struct pl_dtype *t = parse(text);
	return t ? pl_dtype_to_string(t, &arena) : "(error)";
}

static const char *parse_error(const char *text)
{
	static struct pl_error err;
	struct pl_dtype *t = NULL;
	pl_err_clear(&err);
	if (pl_dtype_parse(text, &arena, &t, &err) == 0)
		return NULL;
	return err.msg;
}

/* Every canonical form Java writes prints back unchanged, and the printed
 * form of any type parses to the same print again. */
static void check_round_trip(const char *text)
{
	const char *once = canon(text);
	CHECK_STR_EQ(once, text);
	CHECK_STR_EQ(canon(once), once);
}

TEST(canonical_forms_round_trip)
{
	static const char *const forms[] = {
		"BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE",
		"DECIMAL(10, 2)", "DECIMAL(38, 18)", "DECIMAL(2, 2)", "DECIMAL(23, 5)",
		"CHAR(5)", "VARCHAR(10)", "STRING", "BINARY(16)", "VARBINARY(16)", "BYTES",
		"DATE", "TIME(0)", "TIME(9)", "TIMESTAMP(0)", "TIMESTAMP(3)", "TIMESTAMP(6)",
		"TIMESTAMP(9)", "TIMESTAMP(3) WITH LOCAL TIME ZONE",
		"TIMESTAMP(6) WITH LOCAL TIME ZONE NOT NULL", "VARIANT", "BLOB", "BLOB NOT NULL",
		"INT NOT NULL", "STRING NOT NULL", "VECTOR<FLOAT, 3>", "VECTOR<BIGINT NOT NULL, 1> NOT NULL",
		"ARRAY<STRING>", "ARRAY<INT NOT NULL> NOT NULL", "MULTISET<DATE>",
		"MAP<STRING NOT NULL, ARRAY<DOUBLE>>", "ROW<`a` INT NOT NULL COMMENT 'c'>",
		"ROW<`a` INT, `b` STRING>", "ROW<>", "ROW<`x``y` ROW<`it's` BIGINT COMMENT 'it''s'>> NOT NULL",
		"ROW<`d` INT DEFAULT 5, `e` STRING DEFAULT 'x'>",
		"GEOMETRY(OGC:CRS84)", "GEOMETRY('4326')", "GEOGRAPHY(OGC:CRS84, spherical)",
		"GEOGRAPHY('my crs', karney) NOT NULL",
	};
	for (size_t i = 0; i < sizeof(forms) / sizeof(*forms); i++)
		check_round_trip(forms[i]);
}

TEST(aliases_and_defaults)
{
	CHECK_STR_EQ(canon("integer"), "INT");
	CHECK_STR_EQ(canon("VARCHAR(2147483647)"), "STRING");
	CHECK_STR_EQ(canon("VARBINARY(2147483647)"), "BYTES");
	CHECK_STR_EQ(canon("CHAR"), "CHAR(1)");
	CHECK_STR_EQ(canon("VARCHAR"), "VARCHAR(1)");
	CHECK_STR_EQ(canon("BINARY"), "BINARY(1)");
	CHECK_STR_EQ(canon("VARBINARY"), "VARBINARY(1)");
	CHECK_STR_EQ(canon("DECIMAL"), "DECIMAL(10, 0)");
	CHECK_STR_EQ(canon("NUMERIC(5)"), "DECIMAL(5, 0)");
	CHECK_STR_EQ(canon("dec(7,3)"), "DECIMAL(7, 3)");
	CHECK_STR_EQ(canon("DOUBLE PRECISION"), "DOUBLE");
	CHECK_STR_EQ(canon("TIME"), "TIME(0)");
	CHECK_STR_EQ(canon("TIME(3) WITHOUT TIME ZONE"), "TIME(3)");
	CHECK_STR_EQ(canon("TIMESTAMP"), "TIMESTAMP(6)");
	CHECK_STR_EQ(canon("timestamp without time zone"), "TIMESTAMP(6)");
	CHECK_STR_EQ(canon("TIMESTAMP WITH LOCAL TIME ZONE"), "TIMESTAMP(6) WITH LOCAL TIME ZONE");
	CHECK_STR_EQ(canon("TIMESTAMP_LTZ(3)"), "TIMESTAMP(3) WITH LOCAL TIME ZONE");
	CHECK_STR_EQ(canon("TIMESTAMP_LTZ"), "TIMESTAMP(6) WITH LOCAL TIME ZONE");
	CHECK_STR_EQ(canon("  INT   NULL "), "INT");
	CHECK_STR_EQ(canon("int not null"), "INT NOT NULL");
	CHECK_STR_EQ(canon("INT NOT NULL ARRAY"), "ARRAY<INT NOT NULL>");
	CHECK_STR_EQ(canon("STRING MULTISET NOT NULL"), "MULTISET<STRING> NOT NULL");
	CHECK_STR_EQ(canon("GEOMETRY"), "GEOMETRY(OGC:CRS84)");
	CHECK_STR_EQ(canon("GEOGRAPHY(EPSG:4326)"), "GEOGRAPHY(EPSG:4326, spherical)");
	CHECK_STR_EQ(canon("GEOGRAPHY('a.b', VINCENTY)"), "GEOGRAPHY('a.b', vincenty)");
	/* Java <= 1.1 printed comments without the COMMENT keyword. */
	CHECK_STR_EQ(canon("ROW<`a` INT 'c', b STRING>"), "ROW<`a` INT COMMENT 'c', `b` STRING>");
	CHECK_STR_EQ(canon("ROW(a INT, b STRING NOT NULL)"), "ROW<`a` INT, `b` STRING NOT NULL>");
	CHECK_STR_EQ(canon("ROW<`a` INT ''>"), "ROW<`a` INT>");
	CHECK_STR_EQ(canon("ROW<a INT DEFAULT CAST(1 AS INT), b INT>"),
		     "ROW<`a` INT DEFAULT CAST(1 AS INT), `b` INT>");
}

TEST(parameters_are_kept)
{
	struct pl_dtype *t = parse("DECIMAL(23, 5) NOT NULL");
	CHECK(t && t->root == PL_T_DECIMAL && t->precision == 23 && t->scale == 5 && !t->nullable);
	t = parse("VARCHAR(7)");
	CHECK(t && t->root == PL_T_VARCHAR && t->length == 7 && t->nullable);
	t = parse("STRING");
	CHECK(t && t->root == PL_T_VARCHAR && t->length == 2147483647);
	t = parse("TIMESTAMP(3) WITH LOCAL TIME ZONE");
	CHECK(t && t->root == PL_T_TIMESTAMP_LTZ && t->precision == 3);
	t = parse("VECTOR<FLOAT, 128>");
	CHECK(t && t->root == PL_T_VECTOR && t->length == 128 && t->element->root == PL_T_FLOAT);
	t = parse("MAP<INT, ROW<`k` STRING COMMENT 'key'>>");
	CHECK(t && t->root == PL_T_MAP && t->key->root == PL_T_INTEGER &&
	      t->value->root == PL_T_ROW && t->value->nfields == 1);
	if (t && t->value && t->value->nfields == 1) {
		CHECK_STR_EQ(t->value->fields[0].name, "k");
		CHECK_STR_EQ(t->value->fields[0].description, "key");
		CHECK_INT_EQ(t->value->fields[0].id, -1);
	}
	CHECK_STR_EQ(pl_type_root_name(PL_T_TIMESTAMP_LTZ), "TIMESTAMP_WITH_LOCAL_TIME_ZONE");
	CHECK_STR_EQ(pl_type_root_name(PL_T_INTEGER), "INTEGER");
}

TEST(bad_type_strings_name_text_and_position)
{
	static const char *const bad[] = {
		"", "   ", "FOO", "INT INT", "INT NOT", "INT NOT FOO", "DECIMAL(0)",
		"DECIMAL(39, 2)", "DECIMAL(5, 6)", "DECIMAL(5,", "DECIMAL(5", "CHAR(0)",
		"VARCHAR(2147483648)", "VARCHAR(99999999999999999999999)", "TIME(10)",
		"TIMESTAMP(10)", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP(3) WITH", "ARRAY",
		"ARRAY<>", "ARRAY<INT", "MAP<INT>", "MAP<INT, INT", "ROW<a>", "ROW<`a INT>",
		"ROW<a INT,>", "ROW<a INT COMMENT>", "ROW<a INT DEFAULT>", "ROW<'a' INT>",
		"VECTOR<STRING, 3>", "VECTOR<FLOAT, 0>", "VECTOR<FLOAT>", "GEOGRAPHY(x, fast)",
		"GEOMETRY('')", "GEOMETRY(4326)", "INT)", "<", "ROW", "INT ARRAY ARRAY",
		"INTERVAL", "RAW('x')",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		const char *msg = parse_error(bad[i]);
		if (!msg) {
			printf("# accepted: \"%s\"\n", bad[i]);
			CHECK(!"bad type accepted");
		}
	}
	const char *msg = parse_error("DECIMAL(5, 6)");
	CHECK(msg && strstr(msg, "\"DECIMAL(5, 6)\"") && strstr(msg, "position 11"));
	msg = parse_error("INT INT");
	CHECK(msg && strstr(msg, "position 4") && strstr(msg, "'INT'"));
	msg = parse_error("ARRAY<INT");
	CHECK(msg && strstr(msg, "end of text"));
}

TEST(nesting_and_huge_inputs_are_bounded)
{
	size_t n = 200000;
	char *deep = malloc(n * 6 + 4);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(deep + k, "ARRAY<", 6);
		k += 6;
	}
	memcpy(deep + k, "INT", 4);
	CHECK(parse_error(deep) != NULL);
	/* Many quoted tokens: memory must stay linear in the input. */
	k = 0;
	memcpy(deep, "ROW<", 4);
	k = 4;
	while (k + 16 < n * 6) {
		memcpy(deep + k, "`a` INT 'c', ", 13);
		k += 13;
	}
	memcpy(deep + k, "`z` INT>", 9);
	struct pl_arena local;
	pl_arena_init(&local, 0);
	struct pl_dtype *t;
	struct pl_error err;
	CHECK_INT_EQ(pl_dtype_parse(deep, &local, &t, &err), 0);
	CHECK(local.total < 100 * k);
	pl_arena_free(&local);
	free(deep);
}

static struct pl_json *json(const char *text)
{
	struct pl_json *j = NULL;
	struct pl_error err;
	if (pl_json_parse(text, strlen(text), "t", &arena, &j, &err) < 0)
		printf("# json: %s\n", err.msg);
	return j;
}

TEST(json_object_forms)
{
	struct pl_dtype *t = NULL;
	struct pl_error err;
	struct pl_json *j = json("{\"type\" : \"ROW NOT NULL\", \"fields\" : [ "
				 "{\"id\" : 3, \"name\" : \"f0\", \"type\" : \"BOOLEAN\"}, "
				 "{\"id\" : 4, \"name\" : \"m\", \"description\" : \"it's\", "
				 "\"type\" : {\"type\" : \"MAP\", \"key\" : \"TINYINT NOT NULL\", "
				 "\"value\" : {\"type\" : \"ARRAY NOT NULL\", \"element\" : "
				 "{\"type\" : \"MULTISET\", \"element\" : \"DATE\"}}}}, "
				 "{\"id\" : 7, \"name\" : \"v\", \"defaultValue\" : \"1\", \"type\" : "
				 "{\"type\" : \"VECTOR\", \"element\" : \"FLOAT\", \"length\" : 3}} ]}");
	CHECK_INT_EQ(pl_dtype_from_json(j, &arena, &t, &err), 0);
	CHECK_STR_EQ(t ? pl_dtype_to_string(t, &arena) : NULL,
		     "ROW<`f0` BOOLEAN, `m` MAP<TINYINT NOT NULL, ARRAY<MULTISET<DATE>> NOT NULL> "
		     "COMMENT 'it''s', `v` VECTOR<FLOAT, 3> DEFAULT 1> NOT NULL");
	CHECK(t && t->nfields == 3 && t->fields[1].id == 4 && t->fields[2].id == 7);
	if (t)
		check_round_trip(pl_dtype_to_string(t, &arena));

	/* Fields without ids are numbered in pre-order from 0. */
	j = json("{\"type\":\"ROW\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"ROW\","
		 "\"fields\":[{\"name\":\"b\",\"type\":\"INT\"}]}},{\"name\":\"c\",\"type\":\"INT\"}]}");
	CHECK_INT_EQ(pl_dtype_from_json(j, &arena, &t, &err), 0);
	CHECK(t && t->fields[0].id == 0 && t->fields[0].type->fields[0].id == 1 &&
	      t->fields[1].id == 2);

	/* A string we cannot read stays visible as its raw text. */
	CHECK_INT_EQ(pl_dtype_from_json(json("\"INTERVAL DAY NOT NULL\""), &arena, &t, &err), 0);
	CHECK(t && t->root == PL_T_OPAQUE && !t->nullable && t->opaque_reason);
	CHECK_STR_EQ(t ? pl_dtype_to_string(t, &arena) : NULL, "INTERVAL DAY NOT NULL");
	CHECK_INT_EQ(pl_dtype_from_json(json("{\"type\":\"STRUCT\"}"), &arena, &t, &err), 0);
	CHECK(t && t->root == PL_T_OPAQUE);
}

TEST(malformed_json_types_are_errors)
{
	static const char *const bad[] = {
		"12", "null", "[]", "{}", "{\"type\": 1}", "{\"type\":\"ARRAY\"}",
		"{\"type\":\"MAP\",\"key\":\"INT\"}", "{\"type\":\"ROW\"}",
		"{\"type\":\"ROW\",\"fields\":{}}", "{\"type\":\"ROW\",\"fields\":[1]}",
		"{\"type\":\"ROW\",\"fields\":[{\"id\":1,\"type\":\"INT\"}]}",
		"{\"type\":\"ROW\",\"fields\":[{\"id\":1,\"name\":\"a\"}]}",
		"{\"type\":\"ROW\",\"fields\":[{\"id\":\"1\",\"name\":\"a\",\"type\":\"INT\"}]}",
		"{\"type\":\"ROW\",\"fields\":[{\"id\":4294967296,\"name\":\"a\",\"type\":\"INT\"}]}",
		"{\"type\":\"VECTOR\",\"element\":\"FLOAT\"}",
		"{\"type\":\"VECTOR\",\"element\":\"FLOAT\",\"length\":0}",
		"{\"type\":\"ARRAY\",\"element\":[]}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct pl_dtype *t = NULL;
		struct pl_error err;
		pl_err_clear(&err);
		if (pl_dtype_from_json(json(bad[i]), &arena, &t, &err) == 0) {
			printf("# accepted: %s\n", bad[i]);
			CHECK(!"bad JSON type accepted");
		} else {
			CHECK(strstr(err.msg, "offset ") && strstr(err.msg, "expected"));
		}
	}
	/* In a schema file every field needs its id. */
	struct pl_dfield f;
	struct pl_error err;
	CHECK_INT_EQ(pl_dfield_from_json(json("{\"name\":\"a\",\"type\":\"INT\"}"), &arena, &f,
					 &err), -1);
	CHECK_INT_EQ(pl_dfield_from_json(json("{\"id\":5,\"name\":\"a\",\"type\":\"INT\","
					      "\"description\":\"\"}"), &arena, &f, &err), 0);
	CHECK(f.id == 5 && f.description && !f.description[0]);
}

TEST(fields_serialise_like_jackson_compact)
{
	struct pl_json *j = json("{\"id\" : 2, \"name\" : \"f3\", \"description\" : \"a\\\"b\\u0001\", "
				 "\"type\" : {\"type\" : \"ROW NOT NULL\", \"fields\" : [ {\"id\" : 3, "
				 "\"name\" : \"f0\", \"type\" : {\"type\" : \"MAP\", \"key\" : \"INT NOT NULL\", "
				 "\"value\" : {\"type\":\"VECTOR\",\"element\":\"FLOAT\",\"length\":4}}}, "
				 "{\"id\" : 4, \"name\" : \"f1\", \"defaultValue\" : \"7\", \"type\" : "
				 "{\"type\" : \"ARRAY\", \"element\" : \"TIMESTAMP(9)\"}} ]}}");
	struct pl_dfield f;
	struct pl_error err;
	CHECK_INT_EQ(pl_dfield_from_json(j, &arena, &f, &err), 0);
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_dfield_to_json(&sb, &f);
	CHECK_STR_EQ(pl_strbuf_str(&sb),
		     "{\"id\":2,\"name\":\"f3\",\"type\":{\"type\":\"ROW NOT NULL\",\"fields\":["
		     "{\"id\":3,\"name\":\"f0\",\"type\":{\"type\":\"MAP\",\"key\":\"INT NOT NULL\","
		     "\"value\":{\"type\":\"VECTOR\",\"element\":\"FLOAT\",\"length\":4}}},"
		     "{\"id\":4,\"name\":\"f1\",\"type\":{\"type\":\"ARRAY\",\"element\":"
		     "\"TIMESTAMP(9)\"},\"defaultValue\":\"7\"}]},\"description\":\"a\\\"b\\u0001\"}");
	pl_strbuf_reset(&sb);
	pl_json_add_string(&sb, "q\"\\/\b\f\n\r\t\x1f\x7f\xc3\xa9");
	CHECK_STR_EQ(pl_strbuf_str(&sb), "\"q\\\"\\\\/\\b\\f\\n\\r\\t\\u001F\x7f\xc3\xa9\"");
	pl_strbuf_free(&sb);
}

TEST(equality_ignores_ids_only)
{
	struct pl_dtype *a = parse("ROW<`a` INT NOT NULL>"), *b = parse("ROW<`a` INT NOT NULL>");
	CHECK(a && b && pl_dtype_equal(a, b, 0));
	if (a && b)
		b->fields[0].id = 99;
	CHECK(a && b && pl_dtype_equal(a, b, 0));
	CHECK(!pl_dtype_equal(parse("INT"), parse("INT NOT NULL"), 0));
	CHECK(pl_dtype_equal(parse("INT"), parse("INT NOT NULL"), 1));
	CHECK(!pl_dtype_equal(parse("ROW<`a` INT>"), parse("ROW<`a` INT NOT NULL>"), 1));
	CHECK(!pl_dtype_equal(parse("ROW<`a` INT>"), parse("ROW<`b` INT>"), 0));
	CHECK(!pl_dtype_equal(parse("DECIMAL(5, 2)"), parse("DECIMAL(5, 3)"), 1));
}

static void walk_json_types(const struct pl_json *type, int *count)
{
	struct pl_dtype *t = NULL;
	struct pl_error err;
	pl_err_clear(&err);
	if (pl_dtype_from_json(type, &arena, &t, &err) < 0) {
		printf("# %s\n", err.msg);
		CHECK(!"fixture type failed");
		return;
	}
	CHECK(t->root != PL_T_OPAQUE);
	(*count)++;
	const char *printed = pl_dtype_to_string(t, &arena);
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_dtype_to_json(&sb, t);
	struct pl_json *again = json(pl_strbuf_str(&sb));
	struct pl_dtype *t2 = NULL;
	CHECK(again && pl_dtype_from_json(again, &arena, &t2, &err) == 0);
	CHECK_STR_EQ(t2 ? pl_dtype_to_string(t2, &arena) : NULL, printed);
	pl_strbuf_free(&sb);
	if (type->kind == PL_JSON_STRING)
		CHECK_STR_EQ(printed, type->str);
	check_round_trip(printed);
	static const char *const subs[] = { "element", "key", "value" };
	for (size_t i = 0; i < 3; i++)
		if (pl_json_get(type, subs[i]))
			walk_json_types(pl_json_get(type, subs[i]), count);
	const struct pl_json *fields = pl_json_get(type, "fields");
	for (size_t i = 0; fields && i < fields->n; i++)
		walk_json_types(pl_json_get(fields->items[i], "type"), count);
}

TEST(every_fixture_type_round_trips)
{
	const char *fx = pl_test_fixtures();
	if (!fx) {
		SKIP("no fixtures");
		return;
	}
	char pattern[2][4200];
	snprintf(pattern[0], sizeof(pattern[0]), "%s/*/*.db/*/schema/schema-*", fx);
	snprintf(pattern[1], sizeof(pattern[1]), "%s/*/*.db/*/branch/*/schema/schema-*", fx);
	glob_t g;
	int flags = 0, types = 0;
	for (int p = 0; p < 2; p++) {
		glob(pattern[p], flags, NULL, &g);
		flags = GLOB_APPEND;
	}
	CHECK(g.gl_pathc > 50);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t len;
		char *text = (char *)pl_test_slurp(g.gl_pathv[i], &len);
		struct pl_json *doc = NULL;
		struct pl_error err;
		if (!text || pl_json_parse(text, len, g.gl_pathv[i], &arena, &doc, &err) < 0) {
			printf("# %s\n", text ? err.msg : g.gl_pathv[i]);
			CHECK(!"fixture schema unreadable");
			free(text);
			continue;
		}
		const struct pl_json *fields = pl_json_get(doc, "fields");
		for (size_t k = 0; fields && k < fields->n; k++)
			walk_json_types(pl_json_get(fields->items[k], "type"), &types);
		free(text);
	}
	printf("# %zu schema files, %d types\n", (size_t)g.gl_pathc, types);
	CHECK(types > 500);
	globfree(&g);
}

int main(void)
{
	pl_arena_init(&arena, 0);
	RUN(canonical_forms_round_trip);
	RUN(aliases_and_defaults);
	RUN(parameters_are_kept);
	RUN(bad_type_strings_name_text_and_position);
	RUN(nesting_and_huge_inputs_are_bounded);
	RUN(json_object_forms);
	RUN(malformed_json_types_are_errors);
	RUN(fields_serialise_like_jackson_compact);
	RUN(equality_ignores_ids_only);
	RUN(every_fixture_type_round_trips);
	pl_arena_free(&arena);
	return pl_test_done();
}
