/* JSON text exactly as Java Paimon writes its metadata: Jackson's default
 * pretty printer ("key" : value, two-space indent, scalar arrays on one
 * line, "[ ]" and "{ }" when empty, no trailing newline). Documents are
 * built as cJSON trees; 64-bit integers go in as raw number text because
 * cJSON keeps numbers as doubles, which would corrupt
 * commitIdentifier = 9223372036854775807 and similar values. */
#ifndef PL_GEN_JSON_WRITER_H
#define PL_GEN_JSON_WRITER_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "util/err.h"
#include "util/strbuf.h"

/* Exact integer node (raw number text). */
cJSON *gen_json_i64(int64_t v);
void gen_json_add_i64(cJSON *obj, const char *key, int64_t v);
void gen_json_add_str(cJSON *obj, const char *key, const char *v);
/* Appends the Jackson rendering of node to sb. */
void gen_json_render(struct pl_strbuf *sb, const cJSON *node);
/* Renders and writes to path; does not free node. */
int gen_json_write_file(const char *path, const cJSON *node, struct pl_error *err);

#endif
