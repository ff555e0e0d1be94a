/* The immutable-file cache: what is cached, what never is, damaged entries,
 * the size limit. */
#include "test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/cache.h"

static struct pl_buf buf_of(const char *s)
{
	struct pl_buf b = { .data = (uint8_t *)s, .len = strlen(s) };
	return b;
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *de;
	while (d && (de = readdir(d)))
		n += strlen(de->d_name) == 64;
	if (d)
		closedir(d);
	return n;
}

TEST(immutable_names)
{
	CHECK(pl_cache_is_immutable("wh/db.db/t/snapshot/snapshot-12"));
	CHECK(pl_cache_is_immutable("wh/db.db/t/schema/schema-0"));
	CHECK(pl_cache_is_immutable("wh/db.db/t/manifest/manifest-list-4f-0"));
	CHECK(pl_cache_is_immutable("wh/db.db/t/manifest/manifest-4f-0"));
	CHECK(pl_cache_is_immutable("t/manifest/index-manifest-4f-0"));
	CHECK(!pl_cache_is_immutable("wh/db.db/t/snapshot/LATEST"));
	CHECK(!pl_cache_is_immutable("wh/db.db/t/snapshot/EARLIEST"));
	CHECK(!pl_cache_is_immutable("wh/db.db/t/snapshot/snapshot-"));
	CHECK(!pl_cache_is_immutable("wh/db.db/t/snapshot/snapshot-1x"));
	CHECK(!pl_cache_is_immutable("wh/db.db/t/tag/tag-v1"));
}

TEST(put_get_and_what_is_never_cached)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/cache1", pl_test_tmpdir());
	struct pl_cache *c = pl_cache_open(dir, "127.0.0.1:9000/lake", 0);
	CHECK(c != NULL);
	if (!c)
		return;
	struct pl_kvlist h = { 0 };
	pl_kvlist_add(&h, "ETag", "\"abc\"");
	struct pl_buf in = buf_of("{\"id\":1}"), out = { 0 };
	pl_cache_put(c, "wh/t/snapshot/snapshot-1", &h, 0, PL_READ_WHOLE, &in);
	CHECK_INT_EQ(pl_cache_get(c, "wh/t/snapshot/snapshot-1", 0, PL_READ_WHOLE, &out), 0);
	CHECK_INT_EQ(out.len, in.len);
	CHECK(out.data && memcmp(out.data, in.data, in.len) == 0);
	pl_buf_free(&out);
	/* ranges, hint files and other stores miss */
	CHECK_INT_EQ(pl_cache_get(c, "wh/t/snapshot/snapshot-1", 1, 3, &out), -1);
	pl_cache_put(c, "wh/t/snapshot/LATEST", &h, 0, PL_READ_WHOLE, &in);
	CHECK_INT_EQ(pl_cache_get(c, "wh/t/snapshot/LATEST", 0, PL_READ_WHOLE, &out), -1);
	pl_cache_put(c, "wh/t/snapshot/snapshot-2", &h, 4, 2, &in);
	CHECK_INT_EQ(pl_cache_get(c, "wh/t/snapshot/snapshot-2", 0, PL_READ_WHOLE, &out), -1);
	struct pl_cache *other = pl_cache_open(dir, "127.0.0.1:9000/other", 0);
	CHECK_INT_EQ(pl_cache_get(other, "wh/t/snapshot/snapshot-1", 0, PL_READ_WHOLE, &out), -1);
	pl_cache_close(other);
	CHECK_INT_EQ(count_entries(dir), 1);

	/* a damaged entry is a miss, never wrong bytes */
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (strlen(de->d_name) != 64)
			continue;
		char p[4200];
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		CHECK_INT_EQ(truncate(p, 12), 0);
	}
	if (d)
		closedir(d);
	CHECK_INT_EQ(pl_cache_get(c, "wh/t/snapshot/snapshot-1", 0, PL_READ_WHOLE, &out), -1);
	pl_kvlist_free(&h);
	pl_cache_close(c);
}

TEST(size_limit_evicts_oldest)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/cache2", pl_test_tmpdir());
	struct pl_cache *c = pl_cache_open(dir, "s", 2000);
	if (!c) {
		CHECK(c != NULL);
		return;
	}
	char data[300];
	memset(data, 'x', sizeof(data));
	struct pl_buf in = { .data = (uint8_t *)data, .len = sizeof(data) };
	for (int i = 0; i < 20; i++) {
		char key[64];
		snprintf(key, sizeof(key), "t/snapshot/snapshot-%d", i);
		pl_cache_put(c, key, NULL, 0, PL_READ_WHOLE, &in);
	}
	int n = count_entries(dir);
	CHECK(n >= 1 && n <= 6);
	struct pl_buf out = { 0 };
	CHECK_INT_EQ(pl_cache_get(c, "t/snapshot/snapshot-19", 0, PL_READ_WHOLE, &out), 0);
	pl_buf_free(&out);
	pl_cache_close(c);
}

/* What a listing or HEAD says about an object decides whether its entry
 * still holds: another size or ETag is a rewritten object. */
TEST(revalidated_by_size_and_etag)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/cache3", pl_test_tmpdir());
	struct pl_cache *c = pl_cache_open(dir, "scope", 0);
	CHECK(c != NULL);
	if (!c)
		return;
	const char *key = "wh/t/snapshot/snapshot-7";
	struct pl_kvlist h = { 0 };
	pl_kvlist_add(&h, "ETag", "\"e1\"");
	struct pl_buf in = buf_of("{\"id\":7}"), out = { 0 };
	pl_cache_put(c, key, &h, 0, PL_READ_WHOLE, &in);
	/* nothing said yet: served */
	CHECK_INT_EQ(pl_cache_get(c, key, 0, PL_READ_WHOLE, &out), 0);
	pl_buf_free(&out);
	/* the same size and ETag (listings quote it, weak or not): served */
	pl_cache_note(c, key, in.len, "\"e1\"");
	CHECK_INT_EQ(pl_cache_get(c, key, 0, PL_READ_WHOLE, &out), 0);
	pl_buf_free(&out);
	pl_cache_note(c, key, in.len, "W/\"e1\"");
	CHECK_INT_EQ(pl_cache_get(c, key, 0, PL_READ_WHOLE, &out), 0);
	pl_buf_free(&out);
	/* another ETag, same size: a miss */
	pl_cache_note(c, key, in.len, "\"e2\"");
	CHECK_INT_EQ(pl_cache_get(c, key, 0, PL_READ_WHOLE, &out), -1);
	/* another size, no ETag from the store: a miss */
	pl_cache_note(c, key, in.len + 1, NULL);
	CHECK_INT_EQ(pl_cache_get(c, key, 0, PL_READ_WHOLE, &out), -1);
	/* the same size, no ETag from the store: the size has to do */
	pl_cache_note(c, key, in.len, NULL);
	CHECK_INT_EQ(pl_cache_get(c, key, 0, PL_READ_WHOLE, &out), 0);
	pl_buf_free(&out);
	/* many notes: the table grows and keeps every key */
	for (int i = 0; i < 1000; i++) {
		char k[64];
		snprintf(k, sizeof(k), "wh/t/manifest/manifest-%d", i);
		pl_cache_note(c, k, (uint64_t)i, "x");
	}
	pl_cache_note(c, key, in.len, "\"e2\"");
	CHECK_INT_EQ(pl_cache_get(c, key, 0, PL_READ_WHOLE, &out), -1);
	/* hint files are never noted or cached */
	pl_cache_note(c, "wh/t/snapshot/LATEST", 1, "x");
	pl_kvlist_free(&h);
	pl_cache_close(c);
}

int main(void)
{
	RUN(immutable_names);
	RUN(put_get_and_what_is_never_cached);
	RUN(size_limit_evicts_oldest);
	RUN(revalidated_by_size_and_etag);
	return pl_test_done();
}
