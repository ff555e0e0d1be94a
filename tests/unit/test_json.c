#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/json.h"

static struct pl_arena arena;

static struct pl_json *parse(const char *text)
{
	struct pl_json *v = NULL;
	struct pl_error err;
	pl_err_clear(&err);
	if (pl_json_parse(text, strlen(text), "t.json", &arena, &v, &err) < 0)
		return NULL;
	return v;
}

/* Returns the error message for text that must fail, or NULL if it parsed. */
static const char *parse_error(const char *text, size_t len)
{
	static struct pl_error err;
	struct pl_json *v = (struct pl_json *)1;
	pl_err_clear(&err);
	if (pl_json_parse(text, len, "t.json", &arena, &v, &err) == 0)
		return NULL;
	if (v != NULL || err.code != PL_ERR_CORRUPT)
		return "(bad error contract)";
	return err.msg;
}

#define CHECK_REJECTS(text) CHECK(parse_error((text), strlen(text)) != NULL)

TEST(java_long_extremes_are_exact)
{
	struct pl_json *v = parse("{\"commitIdentifier\" : 9223372036854775807, "
				  "\"watermark\" : -9223372036854775808}");
	CHECK(v != NULL);
	int64_t x = 0;
	CHECK_INT_EQ(pl_json_get_i64(v, "commitIdentifier", &x), 1);
	CHECK(x == INT64_MAX);
	CHECK_INT_EQ(pl_json_get_i64(v, "watermark", &x), 1);
	CHECK(x == INT64_MIN);
	CHECK_STR_EQ(pl_json_get(v, "watermark")->str, "-9223372036854775808");

	v = parse("9223372036854775808");
	CHECK(v && v->kind == PL_JSON_NUMBER && !v->is_int);
	CHECK(v && v->d == 9223372036854775808.0);
	v = parse("-9223372036854775809");
	CHECK(v && !v->is_int);
	v = parse("123456789012345678901234567890");
	CHECK(v && !v->is_int && v->d > 1e29);
	v = parse("9007199254740993");
	CHECK(v && v->is_int && v->i == 9007199254740993LL);
	v = parse("-0");
	CHECK(v && v->is_int && v->i == 0);
	v = parse("0");
	CHECK(v && v->is_int && v->i == 0);
}

TEST(fractions_and_exponents_are_not_integers)
{
	struct pl_json *v = parse("[1.0, 1e3, -2.5E-1, 10]");
	CHECK(v && v->kind == PL_JSON_ARRAY && v->n == 4);
	if (!v || v->n != 4)
		return;
	CHECK(!v->items[0]->is_int && v->items[0]->d == 1.0);
	CHECK(!v->items[1]->is_int && v->items[1]->d == 1000.0);
	CHECK(!v->items[2]->is_int && v->items[2]->d == -0.25);
	CHECK(v->items[3]->is_int && v->items[3]->i == 10);
	int64_t x;
	struct pl_json *o = parse("{\"a\": 1.5, \"b\": null, \"c\": \"7\"}");
	CHECK_INT_EQ(pl_json_get_i64(o, "a", &x), -1);
	CHECK_INT_EQ(pl_json_get_i64(o, "b", &x), 0);
	CHECK_INT_EQ(pl_json_get_i64(o, "c", &x), -1);
	CHECK_INT_EQ(pl_json_get_i64(o, "missing", &x), 0);
}

TEST(bad_numbers_are_rejected)
{
	CHECK_REJECTS("01");
	CHECK_REJECTS("-");
	CHECK_REJECTS("1.");
	CHECK_REJECTS(".5");
	CHECK_REJECTS("1e");
	CHECK_REJECTS("1e+");
	CHECK_REJECTS("+1");
	CHECK_REJECTS("0x10");
	CHECK_REJECTS("NaN");
	CHECK_REJECTS("Infinity");
	CHECK_REJECTS("-Infinity");
}

TEST(strings_decode_escapes_and_surrogates)
{
	struct pl_json *v = parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"");
	CHECK(v && v->kind == PL_JSON_STRING);
	CHECK_STR_EQ(v ? v->str : NULL, "a\"b\\c/d\b\f\n\r\t");
	v = parse("\"\\u00e9\\u20AC\\ud83d\\ude00\"");
	CHECK_STR_EQ(v ? v->str : NULL, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	v = parse("\"x\\u0000y\"");
	CHECK(v && v->len == 3 && memcmp(v->str, "x\0y", 3) == 0);
	/* A lone surrogate becomes U+FFFD rather than invalid UTF-8. */
	v = parse("\"\\ud800x\"");
	CHECK_STR_EQ(v ? v->str : NULL, "\xef\xbf\xbdx");
	v = parse("\"\\udc00\"");
	CHECK_STR_EQ(v ? v->str : NULL, "\xef\xbf\xbd");
	/* Invalid UTF-8 is passed through untouched. */
	v = parse("\"\xff\xfe\"");
	CHECK(v && v->len == 2 && (unsigned char)v->str[0] == 0xff);
}

TEST(bad_strings_are_rejected)
{
	CHECK_REJECTS("\"abc");
	CHECK_REJECTS("\"a\nb\"");
	CHECK_REJECTS("\"a\tb\"");
	CHECK_REJECTS("\"\\x\"");
	CHECK_REJECTS("\"\\u12\"");
	CHECK_REJECTS("\"\\u12g4\"");
	CHECK_REJECTS("\"\\");
	CHECK_REJECTS("'single'");
	const char *msg = parse_error("{\"k\": \"a\x01\"}", 10);
	CHECK(msg && strstr(msg, "t.json: offset 8:") && strstr(msg, "expected"));
}

TEST(structure_errors_name_the_offset)
{
	CHECK_REJECTS("");
	CHECK_REJECTS("   ");
	CHECK_REJECTS("[1,]");
	CHECK_REJECTS("[1 2]");
	CHECK_REJECTS("{\"a\" 1}");
	CHECK_REJECTS("{\"a\": 1,}");
	CHECK_REJECTS("{a: 1}");
	CHECK_REJECTS("{\"a\": }");
	CHECK_REJECTS("[");
	CHECK_REJECTS("{");
	CHECK_REJECTS("tru");
	CHECK_REJECTS("nul");
	CHECK_REJECTS("True");
	const char *msg = parse_error("{} x", 4);
	CHECK(msg && strstr(msg, "offset 3:") && strstr(msg, "expected end of input"));
	msg = parse_error("[1, 2", 5);
	CHECK(msg && strstr(msg, "offset 5:") && strstr(msg, "found end of input"));
	/* An embedded NUL is garbage, not an end of input. */
	CHECK(parse_error("{}\0", 3) != NULL);
}

TEST(bom_and_whitespace_are_accepted)
{
	struct pl_json *v = parse("\xef\xbb\xbf{ \"a\" : [ ] }\n");
	CHECK(v && v->kind == PL_JSON_OBJECT && v->n == 1);
	CHECK(v && pl_json_get(v, "a")->kind == PL_JSON_ARRAY && pl_json_get(v, "a")->n == 0);
	v = parse(" \t\r\n true \n");
	CHECK(v && v->kind == PL_JSON_BOOL && v->b == 1);
	/* A BOM is only skipped at the start. */
	CHECK_REJECTS("[\xef\xbb\xbf]");
}

TEST(objects_keep_order_and_last_duplicate_wins)
{
	struct pl_json *v = parse("{\"b\": 1, \"a\": true, \"b\": \"two\", \"n\": null, "
				  "\"f\": false}");
	CHECK(v && v->n == 5);
	if (!v)
		return;
	CHECK_STR_EQ(v->keys[0], "b");
	CHECK_STR_EQ(v->keys[1], "a");
	CHECK_STR_EQ(pl_json_get_str(v, "b"), "two");
	CHECK_INT_EQ(pl_json_get_bool(v, "a"), 1);
	CHECK_INT_EQ(pl_json_get_bool(v, "f"), 0);
	CHECK_INT_EQ(pl_json_get_bool(v, "n"), -1);
	CHECK(pl_json_get_str(v, "n") == NULL);
	CHECK(pl_json_get(v, "zz") == NULL);
	CHECK(pl_json_get(v->items[0], "b") == NULL);
	CHECK_INT_EQ(v->items[1]->offset, 14);
}

TEST(depth_is_bounded)
{
	char buf[2 * (PL_JSON_MAX_DEPTH + 1) + 1];
	for (int i = 0; i < PL_JSON_MAX_DEPTH; i++) {
		buf[i] = '[';
		buf[2 * PL_JSON_MAX_DEPTH - 1 - i] = ']';
	}
	buf[2 * PL_JSON_MAX_DEPTH] = '\0';
	CHECK(parse(buf) != NULL);

	for (int i = 0; i <= PL_JSON_MAX_DEPTH; i++) {
		buf[i] = '[';
		buf[2 * PL_JSON_MAX_DEPTH + 1 - i] = ']';
	}
	buf[2 * (PL_JSON_MAX_DEPTH + 1)] = '\0';
	const char *msg = parse_error(buf, strlen(buf));
	CHECK(msg && strstr(msg, "nested"));

	/* Far deeper than the stack could take unbounded. */
	size_t n = 1000000;
	char *deep = malloc(n);
	memset(deep, '[', n);
	CHECK(parse_error(deep, n) != NULL);
	memset(deep, '{', n);
	CHECK(parse_error(deep, n) != NULL);
	free(deep);
}

TEST(every_truncation_fails_cleanly)
{
	const char *doc = "{\n  \"id\" : 3,\n  \"a\" : [ 1, -2.5e3, \"x\\u00e9\\n\" ],\n"
			  "  \"o\" : { \"t\" : true, \"f\" : false, \"n\" : null }\n}";
	size_t len = strlen(doc);
	for (size_t i = 0; i < len; i++) {
		char *copy = malloc(i ? i : 1);
		memcpy(copy, doc, i);
		if (parse_error(copy, i) == NULL)
			CHECK(!"truncation parsed");
		free(copy);
	}
	CHECK(parse_error(doc, len) == NULL);
}

int main(void)
{
	pl_arena_init(&arena, 0);
	RUN(java_long_extremes_are_exact);
	RUN(fractions_and_exponents_are_not_integers);
	RUN(bad_numbers_are_rejected);
	RUN(strings_decode_escapes_and_surrogates);
	RUN(bad_strings_are_rejected);
	RUN(structure_errors_name_the_offset);
	RUN(bom_and_whitespace_are_accepted);
	RUN(objects_keep_order_and_last_duplicate_wins);
	RUN(depth_is_bounded);
	RUN(every_truncation_fails_cleanly);
	pl_arena_free(&arena);
	return pl_test_done();
}
