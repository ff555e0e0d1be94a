#include "util/json_safe.h"

#include <string.h>

#include "util/alloc.h"

/* The code point to escape at p, with the bytes it takes in *len; 0 when
 * p starts nothing that needs escaping. */
static unsigned unsafe_at(const unsigned char *p, size_t *len)
{
	if (p[0] == 0x7f) {
		*len = 1;
		return 0x7f;
	}
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
		*len = 2;
		return p[1];
	}
	/* U+202A..U+202E (embeddings, overrides), U+2066..U+2069 (isolates) */
	if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) {
		*len = 3;
		return 0x2000u | (p[2] - 0x80u);
	}
	if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9) {
		*len = 3;
		return 0x2040u | (p[2] - 0x80u);
	}
	return 0;
}

char *pl_json_terminal_safe(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = strlen(text), extra = 0, len;
	for (size_t i = 0; i < n; i++)
		if (unsafe_at(p + i, &len)) {
			extra += 6 - len;
			i += len - 1;
		}
	char *out = pl_malloc(n + extra + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		unsigned cp = unsafe_at(p + i, &len);
		if (cp) {
			static const char hex[] = "0123456789abcdef";
			o[0] = '\\';
			o[1] = 'u';
			for (int k = 0; k < 4; k++)
				o[2 + k] = hex[(cp >> (12 - 4 * k)) & 0xf];
			o += 6;
			i += len - 1;
		} else {
			*o++ = (char)p[i];
		}
	}
	*o = 0;
	return out;
}
