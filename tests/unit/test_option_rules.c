/* The option rules the browser and the health check share: documented
 * defaults, memory sizes, the small-file threshold, and the file count a
 * snapshot's manifest lists imply. */
#include "test.h"
#include "lake_testlib.h"

#include <string.h>

#include "paimon/options.h"
#include "paimon/snapshot_files.h"
#include "util/arena.h"

static struct pl_arena arena;

static struct pl_schema *schema_with(const char *options_json)
{
	const char *json = lake_schema_json(0, options_json);
	struct pl_schema *s = NULL;
	struct pl_error err;
	if (pl_schema_parse(json, strlen(json), "schema-0", &arena, &s, &err))
		return NULL;
	return s;
}

TEST(defs_sorted_and_documented_defaults)
{
	size_t n;
	const struct pl_option_def *d = pl_option_defs(&n);
	CHECK(n >= 40);
	for (size_t i = 1; i < n; i++)
		CHECK(strcmp(d[i - 1].key, d[i].key) < 0);
	CHECK_STR_EQ(pl_option_default(NULL, "merge-engine"), "deduplicate");
	CHECK_STR_EQ(pl_option_default(NULL, "snapshot.num-retained.min"), "10");
	CHECK_STR_EQ(pl_option_default(NULL, "write-buffer-size"), "256 mb");
	CHECK_STR_EQ(pl_option_default(NULL, "num-sorted-run.compaction-trigger"), "5");
	CHECK(pl_option_default(NULL, "no.such.option") == NULL);
}

TEST(default_column_ignores_the_stored_value)
{
	struct pl_schema *s = schema_with("{ \"bucket\" : \"4\", "
					  "\"snapshot.time-retained\" : \"2 h\" }");
	CHECK(s != NULL);
	if (!s)
		return;
	enum pl_option_source src;
	CHECK_STR_EQ(pl_option_effective(s, "bucket", &src), "4");
	CHECK_INT_EQ(src, PL_OPTION_SET);
	CHECK_STR_EQ(pl_option_default(s, "bucket"), "-1");
	/* A primary-key table: 128 mb; the changelog follows the snapshot. */
	CHECK_STR_EQ(pl_option_default(s, "target-file-size"), "128 mb");
	CHECK_STR_EQ(pl_option_default(s, "changelog.time-retained"), "2 h");
}

TEST(memory_sizes)
{
	CHECK_INT_EQ(pl_option_parse_size("128 mb"), 128LL << 20);
	CHECK_INT_EQ(pl_option_parse_size("64MB"), 64LL << 20);
	CHECK_INT_EQ(pl_option_parse_size("1024"), 1024);
	CHECK_INT_EQ(pl_option_parse_size("2 gibibytes"), 2LL << 30);
	CHECK_INT_EQ(pl_option_parse_size("1 kb"), 1024);
	CHECK_INT_EQ(pl_option_parse_size("mb"), -1);
	CHECK_INT_EQ(pl_option_parse_size("12 parsecs"), -1);
	CHECK_INT_EQ(pl_option_parse_size("99999999999999 tb"), -1);
	CHECK_INT_EQ(pl_option_parse_size(NULL), -1);
}

TEST(small_file_threshold_is_a_quarter_of_the_target)
{
	struct pl_schema *pk = schema_with(NULL);
	struct pl_schema *set = schema_with("{ \"target-file-size\" : \"256 mb\" }");
	struct pl_schema *bad = schema_with("{ \"target-file-size\" : \"huge\" }");
	CHECK(pk && set && bad);
	if (!pk || !set || !bad)
		return;
	CHECK_INT_EQ(pl_option_small_file_threshold(pk), 32LL << 20);
	CHECK_INT_EQ(pl_option_small_file_threshold(set), 64LL << 20);
	CHECK_INT_EQ(pl_option_small_file_threshold(bad), 32LL << 20);
	/* No schema: an append table's 256 mb. */
	CHECK_INT_EQ(pl_option_small_file_threshold(NULL), 64LL << 20);
}

TEST(net_files_of_manifest_lists)
{
	struct pl_manifest_file_meta items[3];
	memset(items, 0, sizeof(items));
	items[0].num_added_files = 10;
	items[1].num_added_files = 3;
	items[1].num_deleted_files = 4;
	items[2].num_added_files = 1;
	struct pl_manifest_file_metas metas = { items, 3 };
	CHECK_INT_EQ(pl_manifest_metas_net_files(&metas), 10);
	struct pl_manifest_file_metas none = { NULL, 0 };
	CHECK_INT_EQ(pl_manifest_metas_net_files(&none), 0);
}

int main(void)
{
	pl_arena_init(&arena, 0);
	RUN(defs_sorted_and_documented_defaults);
	RUN(default_column_ignores_the_stored_value);
	RUN(memory_sizes);
	RUN(small_file_threshold_is_a_quarter_of_the_target);
	RUN(net_files_of_manifest_lists);
	pl_arena_free(&arena);
	return pl_test_done();
}
