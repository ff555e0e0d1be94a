#include "test.h"

#include <stdlib.h>
#include <pthread.h>
#include <string.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/sanitize.h"
#include "util/strbuf.h"

TEST(arena_allocations_are_zeroed_and_aligned)
{
	struct pl_arena a;
	pl_arena_init(&a, 128);
	for (int i = 0; i < 100; i++) {
		unsigned char *p = pl_arena_alloc(&a, (size_t)i * 7 + 1);
		CHECK(((uintptr_t)p % sizeof(void *)) == 0);
		for (int k = 0; k < i * 7 + 1; k++)
			CHECK(p[k] == 0);
		memset(p, 0xab, (size_t)i * 7 + 1);
	}
	char *s = pl_arena_printf(&a, "%s-%d", "x", 42);
	CHECK_STR_EQ(s, "x-42");
	pl_arena_reset(&a);
	CHECK_STR_EQ(pl_arena_strndup(&a, "hello", 4), "hell");
	pl_arena_free(&a);
}

static void *big_alloc_and_free(void *arg)
{
	struct pl_arena a;
	pl_arena_init(&a, 0);
	unsigned char *p = pl_arena_alloc(&a, (size_t)3 << 20);
	p[0] = 1;
	pl_arena_free(&a);
	return arg;
}

TEST(arena_big_blocks_are_reused_on_the_thread)
{
	struct pl_arena a, b, c;
	pl_arena_init(&a, 0);
	unsigned char *p = pl_arena_alloc(&a, (size_t)2 << 20);
	memset(p, 0xab, (size_t)2 << 20);
	pl_arena_free(&a);
	/* The next arena of about that size gets the same block back, zeroed. */
	pl_arena_init(&b, 0);
	unsigned char *q = pl_arena_alloc(&b, ((size_t)2 << 20) - 100);
	CHECK(q == p);
	CHECK(q[0] == 0 && q[((size_t)2 << 20) - 101] == 0);
	/* A much smaller one does not take it (that would waste it). */
	pl_arena_free(&b);
	pl_arena_init(&c, 0);
	unsigned char *r = pl_arena_alloc(&c, (size_t)300 << 10);
	CHECK(r != p);
	pl_arena_free(&c);
	/* Given back: a new block is a new allocation. */
	pl_arena_release_cache();
	pl_arena_init(&a, 0);
	(void)pl_arena_alloc(&a, (size_t)2 << 20);
	pl_arena_free(&a);
	pl_arena_release_cache();
	/* Other threads' kept blocks go when they end (valgrind checks). */
	pthread_t t;
	CHECK_INT_EQ(pthread_create(&t, NULL, big_alloc_and_free, NULL), 0);
	pthread_join(t, NULL);
}

TEST(strbuf_grows_and_formats)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	CHECK_STR_EQ(pl_strbuf_str(&sb), "");
	for (int i = 0; i < 1000; i++)
		pl_strbuf_addf(&sb, "%d,", i % 10);
	CHECK_INT_EQ(sb.len, 2000);
	CHECK(strncmp(sb.buf, "0,1,2,", 6) == 0);
	char *s = pl_strbuf_detach(&sb);
	CHECK_INT_EQ(strlen(s), 2000);
	free(s);
	CHECK(sb.buf == NULL);
}

TEST(errors_carry_context)
{
	struct pl_error err;
	pl_err_clear(&err);
	CHECK_INT_EQ(pl_err_corrupt(&err, "manifest-x", 17, "expected %s", "a long"), -1);
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
	CHECK_STR_EQ(err.msg, "manifest-x: offset 17: expected a long");
	pl_err_prefix(&err, "reading snapshot %d", 3);
	CHECK_STR_EQ(err.msg, "reading snapshot 3: manifest-x: offset 17: expected a long");
	CHECK_INT_EQ(err.code, PL_ERR_CORRUPT);
}

TEST(sanitize_escapes_terminal_controls)
{
	struct pl_arena a;
	pl_arena_init(&a, 1024);
	CHECK_STR_EQ(pl_sanitize(&a, "plain dt=2024", 13), "plain dt=2024");
	CHECK_STR_EQ(pl_sanitize(&a, "a\x1b[2Jb", 6), "a\\e[2Jb");
	CHECK_STR_EQ(pl_sanitize(&a, "x\ny\tz\x7f", 6), "x\\ny\\tz\\x7F");
	/* valid UTF-8 stays, invalid bytes and C1 controls are escaped */
	CHECK_STR_EQ(pl_sanitize(&a, "caf\xc3\xa9", 5), "caf\xc3\xa9");
	CHECK_STR_EQ(pl_sanitize(&a, "\xff\xc3", 2), "\\xFF\\xC3");
	CHECK_STR_EQ(pl_sanitize(&a, "\xc2\x9b" "31m", 5), "\\x9B31m");
	/* overlong encoding of '/' and a UTF-16 surrogate are invalid */
	CHECK_STR_EQ(pl_sanitize(&a, "\xc0\xaf", 2), "\\xC0\\xAF");
	CHECK_STR_EQ(pl_sanitize(&a, "\xed\xa0\x80", 3), "\\xED\\xA0\\x80");
	/* right-to-left override */
	CHECK_STR_EQ(pl_sanitize(&a, "ab\xe2\x80\xae" "cd", 7), "ab\\u{202E}cd");
	CHECK_STR_EQ(pl_sanitize(&a, "nul\0x", 5), "nul\\x00x");
	CHECK(pl_is_terminal_safe("\xe4\xb8\xad\xe6\x96\x87", 6));
	CHECK(!pl_is_terminal_safe("\x07", 1));
	pl_arena_free(&a);
}

int main(void)
{
	RUN(sanitize_escapes_terminal_controls);
	RUN(arena_allocations_are_zeroed_and_aligned);
	RUN(arena_big_blocks_are_reused_on_the_thread);
	RUN(strbuf_grows_and_formats);
	RUN(errors_carry_context);
	return pl_test_done();
}
