/* Terminal safety for strings read from a lake. Names, comments, option
 * values, partition values and commit users are untrusted: a crafted table
 * name could carry escape sequences that rewrite the user's terminal. Every
 * such string passes through here before it is drawn or printed. */
#ifndef PL_UTIL_SANITIZE_H
#define PL_UTIL_SANITIZE_H

#include <stddef.h>

#include "util/arena.h"
#include "util/strbuf.h"

/* Appends s[0..n) with C0/C1 controls, DEL, bidirectional overrides and
 * invalid UTF-8 shown escaped (\n, \t, \e, \xNN, \u{202E}); a backslash
 * stays a single backslash. Valid printable UTF-8 is kept as is. */
void pl_sanitize_append(struct pl_strbuf *sb, const char *s, size_t n);
/* NUL-terminated copy in the arena. */
char *pl_sanitize(struct pl_arena *a, const char *s, size_t n);
/* 1 when s needs no escaping (fast path for the common case). */
int pl_is_terminal_safe(const char *s, size_t n);

#endif
