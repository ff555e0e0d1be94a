#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "paimon/rowset.h"
#include "paimon/systables_internal.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/strbuf.h"

static const struct pl_rowset_col cols[] = {
	{ "name", PL_COL_STRING, 0 },
	{ "n", PL_COL_INT64, 0 },
	{ "t", PL_COL_TIME, PL_COLF_WALL_CLOCK },
};

TEST(rowset_cells_in_column_order)
{
	struct pl_rowset *rs = pl_rowset_new("v", cols, 3);
	pl_rowset_row(rs);
	pl_rowset_str(rs, "b");
	pl_rowset_i64(rs, INT64_MIN);
	pl_rowset_null(rs);
	pl_rowset_row(rs);
	pl_rowset_str(rs, "a");
	pl_rowset_i64(rs, 7);
	/* the last cell left unset stays null */
	CHECK_INT_EQ(rs->nrows, 2);
	CHECK_STR_EQ(pl_rowset_cell(rs, 0, 0)->u.s, "b");
	CHECK(pl_rowset_cell(rs, 0, 1)->u.i == INT64_MIN);
	CHECK(pl_rowset_cell(rs, 0, 2)->is_null);
	CHECK(pl_rowset_cell(rs, 1, 2)->is_null);
	CHECK_INT_EQ(pl_rowset_col_index(rs, "t"), 2);
	CHECK_INT_EQ(pl_rowset_col_index(rs, "nope"), -1);
	CHECK_STR_EQ(pl_col_kind_name(rs->cols[2].kind), "time");
	pl_rowset_free(rs);
}

static int by_name(const struct pl_rowset *rs, size_t a, size_t b, void *ctx)
{
	(void)ctx;
	return pl_rowset_cmp_col(rs, a, b, 0);
}

TEST(rowset_sort_is_stable_and_nulls_first)
{
	struct pl_rowset *rs = pl_rowset_new("v", cols, 3);
	const char *names[] = { "c", "a", NULL, "a", "b" };
	for (int i = 0; i < 5; i++) {
		pl_rowset_row(rs);
		pl_rowset_str(rs, names[i]);
		pl_rowset_i64(rs, i);
	}
	for (int i = 0; i < 200; i++) {
		pl_rowset_row(rs);
		pl_rowset_str(rs, "z");
		pl_rowset_i64(rs, 100 + i);
	}
	pl_rowset_sort(rs, by_name, NULL);
	CHECK(pl_rowset_cell(rs, 0, 0)->is_null);
	CHECK_INT_EQ(pl_rowset_cell(rs, 1, 1)->u.i, 1);
	CHECK_INT_EQ(pl_rowset_cell(rs, 2, 1)->u.i, 3);
	CHECK_STR_EQ(pl_rowset_cell(rs, 3, 0)->u.s, "b");
	CHECK_STR_EQ(pl_rowset_cell(rs, 4, 0)->u.s, "c");
	int stable = 1;
	for (size_t r = 5; r < rs->nrows; r++)
		stable &= pl_rowset_cell(rs, r, 1)->u.i == (int64_t)(100 + r - 5);
	CHECK(stable);
	pl_rowset_free(rs);
}

TEST(duration_like_java)
{
	static const char *const cases[][2] = {
		{ "86400.000000000", "PT24H" }, { "0.000000000", "PT0S" },
		{ "5.000000000", "PT5S" }, { "1.500000000", "PT1.5S" },
		{ "1800.000000000", "PT30M" }, { "3661.000000001", "PT1H1M1.000000001S" },
		{ "90000", "PT25H" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pl_strbuf sb = PL_STRBUF_INIT;
		pl_st_duration_string(&sb, cases[i][0]);
		CHECK_STR_EQ(sb.buf, cases[i][1]);
		pl_strbuf_free(&sb);
	}
}

TEST(json_pretty_like_jackson)
{
	struct pl_arena a;
	struct pl_json *j;
	struct pl_error err;
	const char *text = "{\"f0\":{\"colId\":0,\"min\":\"A\\\"\",\"l\":[1,2],\"e\":[],\"o\":{}}}";
	pl_arena_init(&a, 0);
	CHECK_INT_EQ(pl_json_parse(text, strlen(text), "x", &a, &j, &err), 0);
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_st_json_pretty(&sb, j, 0);
	CHECK_STR_EQ(sb.buf, "{\n  \"f0\" : {\n    \"colId\" : 0,\n    \"min\" : \"A\\\"\",\n"
		     "    \"l\" : [ 1, 2 ],\n    \"e\" : [ ],\n    \"o\" : { }\n  }\n}");
	pl_strbuf_free(&sb);
	pl_arena_free(&a);
}

int main(void)
{
	RUN(rowset_cells_in_column_order);
	RUN(rowset_sort_is_stable_and_nulls_first);
	RUN(duration_like_java);
	RUN(json_pretty_like_jackson);
	return pl_test_done();
}
