/* Printed JSON made inert for a terminal. JSON allows DEL, C1 controls
 * and bidirectional overrides raw inside strings, but a terminal acts on
 * them (U+009B is CSI, U+202E reverses the text): written as \uXXXX they
 * stay the same JSON value. Every JSON the CLI prints (show --json, export,
 * collect) passes through here. */
#ifndef PL_UTIL_JSON_SAFE_H
#define PL_UTIL_JSON_SAFE_H

/* A malloc'ed copy of the printed JSON text with those characters
 * escaped; the caller frees it with free(). They can only occur inside
 * strings (cJSON escapes C0 itself), so a pass over the text is enough. */
char *pl_json_terminal_safe(const char *text);

#endif
