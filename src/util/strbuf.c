#include "util/strbuf.h"
#include "util/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reserve(struct pl_strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need > sb->cap) {
		size_t cap = sb->cap ? sb->cap : 64;
		while (cap < need)
			cap *= 2;
		sb->buf = pl_realloc(sb->buf, cap);
		sb->cap = cap;
	}
}

void pl_strbuf_add(struct pl_strbuf *sb, const void *p, size_t n)
{
	reserve(sb, n);
	if (n)
		memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void pl_strbuf_addstr(struct pl_strbuf *sb, const char *s)
{
	pl_strbuf_add(sb, s, strlen(s));
}

void pl_strbuf_addch(struct pl_strbuf *sb, char c)
{
	pl_strbuf_add(sb, &c, 1);
}

void pl_strbuf_addf(struct pl_strbuf *sb, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		reserve(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap2);
		sb->len += (size_t)n;
	}
	va_end(ap2);
}

void pl_strbuf_reset(struct pl_strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *pl_strbuf_detach(struct pl_strbuf *sb)
{
	char *p = sb->buf ? sb->buf : pl_strdup("");
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void pl_strbuf_free(struct pl_strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

const char *pl_strbuf_str(const struct pl_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}
