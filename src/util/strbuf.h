/* Growable NUL-terminated byte buffer. */
#ifndef PL_UTIL_STRBUF_H
#define PL_UTIL_STRBUF_H

#include <stddef.h>
#include <stdint.h>

struct pl_strbuf {
	char *buf;   /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

#define PL_STRBUF_INIT { NULL, 0, 0 }

void pl_strbuf_add(struct pl_strbuf *sb, const void *p, size_t n);
void pl_strbuf_addstr(struct pl_strbuf *sb, const char *s);
void pl_strbuf_addch(struct pl_strbuf *sb, char c);
void pl_strbuf_addf(struct pl_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pl_strbuf_reset(struct pl_strbuf *sb);
/* Returns the buffer (possibly "" allocated) and leaves sb empty. */
char *pl_strbuf_detach(struct pl_strbuf *sb);
void pl_strbuf_free(struct pl_strbuf *sb);
const char *pl_strbuf_str(const struct pl_strbuf *sb);

#endif
