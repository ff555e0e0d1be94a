#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gen/gen_util.h"
#include "gen/json_writer.h"

cJSON *gen_json_i64(int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%" PRId64, v);
	return cJSON_CreateRaw(buf);
}

void gen_json_add_i64(cJSON *obj, const char *key, int64_t v)
{
	cJSON_AddItemToObject(obj, key, gen_json_i64(v));
}

void gen_json_add_str(cJSON *obj, const char *key, const char *v)
{
	cJSON_AddItemToObject(obj, key, v ? cJSON_CreateString(v) : cJSON_CreateNull());
}

static void add_string(struct pl_strbuf *sb, const char *s)
{
	pl_strbuf_addch(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': pl_strbuf_addstr(sb, "\\\""); break;
		case '\\': pl_strbuf_addstr(sb, "\\\\"); break;
		case '\n': pl_strbuf_addstr(sb, "\\n"); break;
		case '\r': pl_strbuf_addstr(sb, "\\r"); break;
		case '\t': pl_strbuf_addstr(sb, "\\t"); break;
		case '\b': pl_strbuf_addstr(sb, "\\b"); break;
		case '\f': pl_strbuf_addstr(sb, "\\f"); break;
		default:
			if (*p < 0x20)
				pl_strbuf_addf(sb, "\\u%04X", *p);
			else
				pl_strbuf_addch(sb, (char)*p);
		}
	}
	pl_strbuf_addch(sb, '"');
}

static void indent(struct pl_strbuf *sb, int depth)
{
	pl_strbuf_addch(sb, '\n');
	for (int i = 0; i < depth; i++)
		pl_strbuf_addstr(sb, "  ");
}

/* depth = number of enclosing objects: Jackson indents object members on
 * new lines but keeps array items inline, so arrays do not nest deeper. */
static void render(struct pl_strbuf *sb, const cJSON *n, int depth)
{
	if (cJSON_IsRaw(n)) {
		pl_strbuf_addstr(sb, n->valuestring);
	} else if (cJSON_IsString(n)) {
		add_string(sb, n->valuestring);
	} else if (cJSON_IsNull(n)) {
		pl_strbuf_addstr(sb, "null");
	} else if (cJSON_IsTrue(n)) {
		pl_strbuf_addstr(sb, "true");
	} else if (cJSON_IsFalse(n)) {
		pl_strbuf_addstr(sb, "false");
	} else if (cJSON_IsNumber(n)) {
		/* only small integers are ever stored as cJSON numbers here */
		pl_strbuf_addf(sb, "%.0f", n->valuedouble);
	} else if (cJSON_IsArray(n)) {
		if (!n->child) {
			pl_strbuf_addstr(sb, "[ ]");
			return;
		}
		pl_strbuf_addstr(sb, "[ ");
		for (const cJSON *c = n->child; c; c = c->next) {
			render(sb, c, depth);
			if (c->next)
				pl_strbuf_addstr(sb, ", ");
		}
		pl_strbuf_addstr(sb, " ]");
	} else if (cJSON_IsObject(n)) {
		if (!n->child) {
			pl_strbuf_addstr(sb, "{ }");
			return;
		}
		pl_strbuf_addch(sb, '{');
		for (const cJSON *c = n->child; c; c = c->next) {
			indent(sb, depth + 1);
			add_string(sb, c->string);
			pl_strbuf_addstr(sb, " : ");
			render(sb, c, depth + 1);
			if (c->next)
				pl_strbuf_addch(sb, ',');
		}
		indent(sb, depth);
		pl_strbuf_addch(sb, '}');
	}
}

void gen_json_render(struct pl_strbuf *sb, const cJSON *node)
{
	render(sb, node, 0);
}

int gen_json_write_file(const char *path, const cJSON *node, struct pl_error *err)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	gen_json_render(&sb, node);
	int rc = gen_write_file(path, sb.buf, sb.len, err);
	pl_strbuf_free(&sb);
	return rc;
}
