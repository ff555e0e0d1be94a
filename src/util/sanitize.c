#include "util/sanitize.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (1..4) and its code point, or 0
 * when the bytes are not valid UTF-8 (overlong forms and surrogates too). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		len = 2; v = c & 0x1f; min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3; v = c & 0x0f; min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

static int is_unsafe_code_point(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
		return 1;
	/* Bidirectional overrides and isolates can make text display in an
	 * order other than it is stored ("Trojan Source"). */
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c)
		return 1;
	return 0;
}

int pl_is_terminal_safe(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(p + i, n - i, &cp);
		if (!len || is_unsafe_code_point(cp))
			return 0;
		i += len;
	}
	return 1;
}

void pl_sanitize_append(struct pl_strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	char tmp[16];
	for (size_t i = 0; i < n;) {
		size_t run = i;
		while (run < n && p[run] >= 0x20 && p[run] < 0x7f)
			run++;
		if (run > i) {
			pl_strbuf_add(sb, p + i, run - i);
			i = run;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(p + i, n - i, &cp);
		if (!len) {
			snprintf(tmp, sizeof(tmp), "\\x%02X", p[i]);
			pl_strbuf_addstr(sb, tmp);
			i++;
			continue;
		}
		if (!is_unsafe_code_point(cp)) {
			pl_strbuf_add(sb, p + i, len);
		} else if (cp == '\n') {
			pl_strbuf_addstr(sb, "\\n");
		} else if (cp == '\t') {
			pl_strbuf_addstr(sb, "\\t");
		} else if (cp == '\r') {
			pl_strbuf_addstr(sb, "\\r");
		} else if (cp == 0x1b) {
			pl_strbuf_addstr(sb, "\\e");
		} else if (cp < 0x100) {
			snprintf(tmp, sizeof(tmp), "\\x%02X", (unsigned)cp);
			pl_strbuf_addstr(sb, tmp);
		} else {
			snprintf(tmp, sizeof(tmp), "\\u{%04X}", (unsigned)cp);
			pl_strbuf_addstr(sb, tmp);
		}
		i += len;
	}
}

char *pl_sanitize(struct pl_arena *a, const char *s, size_t n)
{
	if (pl_is_terminal_safe(s, n))
		return pl_arena_strndup(a, s, n);
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_sanitize_append(&sb, s, n);
	char *r = pl_arena_strndup(a, pl_strbuf_str(&sb), sb.len);
	pl_strbuf_free(&sb);
	return r;
}
