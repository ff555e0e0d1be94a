/* Health report building blocks: size parsing, the findings rowset and
 * the paimonLens_storage facet. The checks themselves run on generated
 * lakes in tests/cli/health_planted.sh. */
#include <stdlib.h>
#include <string.h>

#include "collect/health.h"
#include "paimon/options.h"
#include "collect/health_facet.h"
#include "tests/unit/test.h"
#include "util/alloc.h"

TEST(parse_size)
{
	CHECK_INT_EQ(pl_option_parse_size("128 mb"), 128 << 20);
	CHECK_INT_EQ(pl_option_parse_size("256MB"), 256 << 20);
	CHECK_INT_EQ(pl_option_parse_size("1 gb"), (int64_t)1 << 30);
	CHECK_INT_EQ(pl_option_parse_size("4096"), 4096);
	CHECK_INT_EQ(pl_option_parse_size("2 kibibytes"), 2048);
	CHECK_INT_EQ(pl_option_parse_size(""), -1);
	CHECK_INT_EQ(pl_option_parse_size("mb"), -1);
	CHECK_INT_EQ(pl_option_parse_size("12 parsecs"), -1);
	CHECK_INT_EQ(pl_option_parse_size("99999999999 tb"), -1);
	CHECK_INT_EQ(pl_option_parse_size(NULL), -1);
}

static struct pl_health_report *sample(void)
{
	struct pl_health_report *r = pl_calloc(1, sizeof(*r));
	pl_arena_init(&r->arena, 4096);
	pl_health_add(r, "small_files", PL_HEALTH_INFO, 3, NULL, "%d small", 3);
	pl_health_add(r, "missing_files", PL_HEALTH_CRITICAL, 2, "a/b", "%d missing", 2);
	pl_health_add(r, "orphan_files", PL_HEALTH_WARNING, 5, NULL, "%d orphans", 5);
	r->orphans_scanned = 1;
	r->older_than_ms = 86400000;
	r->orphan_count = 5;
	r->orphan_bytes = 50;
	r->orphan_paths = pl_calloc(2, sizeof(*r->orphan_paths));
	r->orphan_paths[0] = "t/x1";
	r->orphan_paths[1] = "t/x2";
	r->n_orphan_paths = 2;
	return r;
}

TEST(rowset_order)
{
	struct pl_health_report *r = sample();
	struct pl_rowset *rs = pl_health_rowset(r);
	CHECK_INT_EQ(rs->nrows, 3);
	CHECK_INT_EQ(rs->ncols, 5);
	CHECK_STR_EQ(pl_rowset_cell(rs, 0, 0)->u.s, "missing_files");
	CHECK_STR_EQ(pl_rowset_cell(rs, 0, 1)->u.s, "critical");
	CHECK_STR_EQ(pl_rowset_cell(rs, 1, 0)->u.s, "orphan_files");
	CHECK_STR_EQ(pl_rowset_cell(rs, 2, 0)->u.s, "small_files");
	CHECK(pl_rowset_cell(rs, 2, 4)->is_null);
	CHECK_STR_EQ(pl_rowset_cell(rs, 0, 3)->u.s, "2 missing");
	pl_rowset_free(rs);
	pl_health_report_free(r);
}

TEST(storage_facet)
{
	struct pl_health_report *r = sample();
	cJSON *f = cJSON_CreateObject();
	cJSON *o = cJSON_AddObjectToObject(f, "orphanCandidates");
	cJSON_AddFalseToObject(o, "scanned");
	pl_health_fill_storage_facet(r, f, 1);
	char *text = cJSON_PrintUnformatted(f);
	CHECK_STR_EQ(text, "{\"orphanCandidates\":{\"scanned\":true,\"olderThan\":\"P1D\","
		     "\"count\":5,\"bytes\":50,\"truncated\":true,\"items\":[\"t/x1\"]},"
		     "\"missingFiles\":{\"scanned\":true,\"olderThan\":\"P1D\",\"count\":0,"
		     "\"bytes\":0,\"truncated\":false,\"items\":[]},\"findings\":["
		     "{\"check\":\"small_files\",\"severity\":\"info\",\"value\":3,\"hint\":\"3 small\"},"
		     "{\"check\":\"missing_files\",\"severity\":\"critical\",\"value\":2,"
		     "\"hint\":\"2 missing\",\"details\":\"a/b\"},{\"check\":\"orphan_files\",\"severity\":\"warning\","
		     "\"value\":5,\"hint\":\"5 orphans\"}]}");
	free(text);
	cJSON_Delete(f);
	/* Not scanned: the export's "scanned": false stays. */
	r->orphans_scanned = 0;
	f = cJSON_CreateObject();
	o = cJSON_AddObjectToObject(f, "orphanCandidates");
	cJSON_AddFalseToObject(o, "scanned");
	pl_health_fill_storage_facet(r, f, 10);
	CHECK(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(f, "orphanCandidates"),
						"scanned")));
	cJSON_Delete(f);
	pl_health_report_free(r);
}

int main(void)
{
	RUN(parse_size);
	RUN(rowset_order);
	RUN(storage_facet);
	return pl_test_done();
}
