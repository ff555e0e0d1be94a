/* The type-string grammar: Java's DataTypeJsonParser language (keywords are
 * case-insensitive, aliases such as INTEGER/NUMERIC/TIMESTAMP_LTZ, optional
 * parameters with Java's defaults, the suffix form "INT ARRAY") plus the
 * nested forms that asSQLString prints (ARRAY<..>, MAP<.., ..>, ROW<..>), so
 * that anything we print parses back. */
#include "paimon/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

enum tok_kind {
	TK_END, TK_LT, TK_GT, TK_LP, TK_RP, TK_COMMA, TK_DOT,
	TK_STRING,   /* '...' with '' for a quote */
	TK_IDENT,    /* `...` with `` for a backtick */
	TK_INT,      /* a run of digits */
	TK_WORD,     /* anything else up to a delimiter */
};

struct token {
	enum tok_kind kind;
	size_t start, end;     /* byte range in the text */
	const char *str;       /* TK_STRING/TK_IDENT decoded, TK_WORD copied */
	int64_t ival;          /* TK_INT, saturated above INT32_MAX */
};

struct lexer {
	const char *text;
	size_t len;
	size_t pos;
	int depth;
	struct pl_arena *arena;
	struct pl_error *err;
};

static int is_space(unsigned char c)
{
	/* Java's Character.isWhitespace for ASCII. */
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

static int is_delim(unsigned char c)
{
	return is_space(c) || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' ||
	       c == '.';
}

static int syntax_error(struct lexer *lx, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int syntax_error(struct lexer *lx, size_t at, const char *fmt, ...)
{
	/* Long texts are cut: the position still points into the original. */
	int shown = lx->len > 160 ? 160 : (int)lx->len;
	char what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return pl_err(lx->err, PL_ERR_CORRUPT, "type \"%.*s%s\": position %zu: %s", shown,
		      lx->text, lx->len > 160 ? "..." : "", at, what);
}

static int lex(struct lexer *lx, struct token *t)
{
	while (lx->pos < lx->len && is_space((unsigned char)lx->text[lx->pos]))
		lx->pos++;
	memset(t, 0, sizeof(*t));
	t->start = lx->pos;
	if (lx->pos >= lx->len) {
		t->kind = TK_END;
		t->end = lx->pos;
		return 0;
	}
	unsigned char c = (unsigned char)lx->text[lx->pos];
	static const char singles[] = "<>(),.";
	const char *single = strchr(singles, c);
	if (single && c) {
		static const enum tok_kind kinds[] = { TK_LT, TK_GT, TK_LP, TK_RP, TK_COMMA,
						       TK_DOT };
		t->kind = kinds[single - singles];
		t->end = ++lx->pos;
		return 0;
	}
	if (c == '\'' || c == '`') {
		/* Find the end first: peeking lexes a token more than once and
		 * each copy must cost only the token's own size. */
		size_t i = lx->pos + 1;
		for (;; i++) {
			if (i >= lx->len)
				return syntax_error(lx, t->start, "expected a closing %s",
						    c == '`' ? "backtick" : "quote");
			if (lx->text[i] != (char)c)
				continue;
			if (i + 1 < lx->len && lx->text[i + 1] == (char)c) {
				i++;
				continue;
			}
			break;
		}
		char *out = pl_arena_alloc(lx->arena, i - lx->pos);
		size_t n = 0;
		for (size_t k = lx->pos + 1; k < i; k++) {
			out[n++] = lx->text[k];
			if (lx->text[k] == (char)c)
				k++;
		}
		out[n] = '\0';
		t->kind = c == '`' ? TK_IDENT : TK_STRING;
		t->str = out;
		lx->pos = t->end = i + 1;
		return 0;
	}
	if (c >= '0' && c <= '9') {
		t->kind = TK_INT;
		while (lx->pos < lx->len && lx->text[lx->pos] >= '0' && lx->text[lx->pos] <= '9') {
			if (t->ival <= INT32_MAX)
				t->ival = t->ival * 10 + (lx->text[lx->pos] - '0');
			lx->pos++;
		}
		t->end = lx->pos;
		return 0;
	}
	while (lx->pos < lx->len && !is_delim((unsigned char)lx->text[lx->pos]))
		lx->pos++;
	t->kind = TK_WORD;
	t->end = lx->pos;
	t->str = pl_arena_strndup(lx->arena, lx->text + t->start, t->end - t->start);
	return 0;
}

static int peek(struct lexer *lx, struct token *t)
{
	size_t saved = lx->pos;
	int rc = lex(lx, t);
	lx->pos = saved;
	return rc;
}

static const char *describe(struct lexer *lx, const struct token *t)
{
	if (t->kind == TK_END)
		return "end of text";
	size_t n = t->end - t->start;
	return pl_arena_printf(lx->arena, "'%.*s'", n > 60 ? 60 : (int)n, lx->text + t->start);
}

/* what: the expected thing, e.g. "'>'". */
static int expect(struct lexer *lx, enum tok_kind kind, const char *what, struct token *t)
{
	if (lex(lx, t) < 0)
		return -1;
	if (t->kind != kind)
		return syntax_error(lx, t->start, "expected %s, found %s", what, describe(lx, t));
	return 0;
}

static int is_word(const struct token *t, const char *kw)
{
	return t->kind == TK_WORD && strcasecmp(t->str, kw) == 0;
}

/* Consumes the keyword when it comes next. */
static int accept_word(struct lexer *lx, const char *kw)
{
	struct token t;
	if (peek(lx, &t) < 0 || !is_word(&t, kw))
		return 0;
	lex(lx, &t);
	return 1;
}

static int expect_word(struct lexer *lx, const char *kw)
{
	struct token t;
	if (lex(lx, &t) < 0)
		return -1;
	if (!is_word(&t, kw))
		return syntax_error(lx, t.start, "expected %s, found %s", kw, describe(lx, &t));
	return 0;
}

static int accept_kind(struct lexer *lx, enum tok_kind kind)
{
	struct token t;
	if (peek(lx, &t) < 0 || t.kind != kind)
		return 0;
	lex(lx, &t);
	return 1;
}

static int expect_int(struct lexer *lx, int64_t min, int64_t max, const char *what, int64_t *out)
{
	struct token t;
	if (expect(lx, TK_INT, what, &t) < 0)
		return -1;
	if (t.ival < min || t.ival > max)
		return syntax_error(lx, t.start, "expected %s in [%lld, %lld], found %s", what,
				    (long long)min, (long long)max, describe(lx, &t));
	*out = t.ival;
	return 0;
}

/* "(n)" when present, else def. */
static int optional_param(struct lexer *lx, int64_t min, int64_t max, int64_t def,
			  const char *what, int64_t *out)
{
	struct token t;
	*out = def;
	if (!accept_kind(lx, TK_LP))
		return 0;
	if (expect_int(lx, min, max, what, out) < 0)
		return -1;
	return expect(lx, TK_RP, "')'", &t);
}

static int parse_type(struct lexer *lx, struct pl_dtype **out);

static int parse_nullability(struct lexer *lx, int *nullable)
{
	struct token t;
	*nullable = 1;
	if (peek(lx, &t) < 0)
		return -1;
	if (is_word(&t, "NOT")) {
		lex(lx, &t);
		*nullable = 0;
		return expect_word(lx, "NULL");
	}
	accept_word(lx, "NULL");
	return 0;
}

static int parse_geo_param(struct lexer *lx, const char **out)
{
	struct token t;
	if (lex(lx, &t) < 0)
		return -1;
	if (t.kind != TK_WORD && t.kind != TK_IDENT && t.kind != TK_STRING)
		return syntax_error(lx, t.start, "expected a CRS or algorithm name, found %s",
				    describe(lx, &t));
	*out = t.str;
	return 0;
}

static int parse_geo(struct lexer *lx, struct pl_dtype *t, int geography)
{
	static const char *const algorithms[] = {
		"spherical", "vincenty", "thomas", "andoyer", "karney",
	};
	struct token tok;
	t->crs = "OGC:CRS84";
	if (geography)
		t->algorithm = algorithms[0];
	if (!accept_kind(lx, TK_LP))
		return 0;
	if (parse_geo_param(lx, &t->crs) < 0)
		return -1;
	if (!t->crs[0])
		return syntax_error(lx, lx->pos, "expected a non-empty CRS");
	if (geography && accept_kind(lx, TK_COMMA)) {
		struct token next;
		if (peek(lx, &next) < 0)
			return -1;
		size_t at = next.start;
		const char *name;
		if (parse_geo_param(lx, &name) < 0)
			return -1;
		t->algorithm = NULL;
		for (size_t i = 0; i < sizeof(algorithms) / sizeof(*algorithms); i++)
			if (strcasecmp(name, algorithms[i]) == 0)
				t->algorithm = algorithms[i];
		if (!t->algorithm)
			return syntax_error(lx, at, "expected an edge algorithm (spherical, "
					    "vincenty, thomas, andoyer, karney), found '%s'", name);
	}
	return expect(lx, TK_RP, "')'", &tok);
}

/* DEFAULT takes the literal text up to the next ',' or closing bracket of
 * the ROW; Java prints it unescaped. */
static int parse_default(struct lexer *lx, const char **out)
{
	struct token t;
	size_t start = 0, end = 0;
	int depth = 0, any = 0;
	for (;;) {
		if (peek(lx, &t) < 0)
			return -1;
		if (t.kind == TK_END)
			break;
		if (depth == 0 && (t.kind == TK_COMMA || t.kind == TK_GT || t.kind == TK_RP))
			break;
		if (t.kind == TK_LT || t.kind == TK_LP)
			depth++;
		else if (t.kind == TK_GT || t.kind == TK_RP)
			depth--;
		lex(lx, &t);
		if (!any)
			start = t.start;
		end = t.end;
		any = 1;
	}
	if (!any)
		return syntax_error(lx, t.start, "expected a default value, found %s",
				    describe(lx, &t));
	*out = pl_arena_strndup(lx->arena, lx->text + start, end - start);
	return 0;
}

static int parse_row_field(struct lexer *lx, struct pl_dfield *f)
{
	struct token t;
	if (lex(lx, &t) < 0)
		return -1;
	if (t.kind != TK_IDENT && t.kind != TK_WORD)
		return syntax_error(lx, t.start, "expected a field name, found %s",
				    describe(lx, &t));
	f->id = -1;
	f->name = t.str;
	if (parse_type(lx, &f->type) < 0)
		return -1;
	/* Java ≤ 1.1 printed "name TYPE 'comment'", 1.2+ "COMMENT 'comment'". */
	int has_comment = accept_word(lx, "COMMENT");
	if (peek(lx, &t) < 0)
		return -1;
	if (t.kind == TK_STRING) {
		lex(lx, &t);
		f->description = t.str;
	} else if (has_comment) {
		return syntax_error(lx, t.start, "expected a quoted comment, found %s",
				    describe(lx, &t));
	}
	if (accept_word(lx, "DEFAULT"))
		return parse_default(lx, &f->default_value);
	return 0;
}

static int parse_row(struct lexer *lx, struct pl_dtype *t)
{
	struct token tok;
	if (lex(lx, &tok) < 0)
		return -1;
	if (tok.kind != TK_LT && tok.kind != TK_LP)
		return syntax_error(lx, tok.start, "expected '<' after ROW, found %s",
				    describe(lx, &tok));
	enum tok_kind close = tok.kind == TK_LT ? TK_GT : TK_RP;
	struct pl_dfield *fields = NULL;
	size_t n = 0, cap = 0;
	if (!accept_kind(lx, close)) {
		for (;;) {
			if (n == cap) {
				/* Every field takes at least two bytes of
				 * text, which bounds the growth. */
				size_t ncap = cap ? cap * 2 : 4;
				struct pl_dfield *nf = pl_arena_alloc(lx->arena,
								      ncap * sizeof(*nf));
				if (n)
					memcpy(nf, fields, n * sizeof(*nf));
				fields = nf;
				cap = ncap;
			}
			if (parse_row_field(lx, &fields[n]) < 0)
				return -1;
			n++;
			if (lex(lx, &tok) < 0)
				return -1;
			if (tok.kind == close)
				break;
			if (tok.kind != TK_COMMA)
				return syntax_error(lx, tok.start, "expected ',' or '%c', found %s",
						    close == TK_GT ? '>' : ')', describe(lx, &tok));
		}
	}
	t->fields = fields;
	t->nfields = n;
	return 0;
}

static int parse_vector(struct lexer *lx, struct pl_dtype *t)
{
	struct token tok;
	if (expect(lx, TK_LT, "'<' after VECTOR", &tok) < 0)
		return -1;
	size_t at = lx->pos;
	if (parse_type(lx, &t->element) < 0)
		return -1;
	switch (t->element->root) {
	case PL_T_BOOLEAN: case PL_T_TINYINT: case PL_T_SMALLINT: case PL_T_INTEGER:
	case PL_T_BIGINT: case PL_T_FLOAT: case PL_T_DOUBLE:
		break;
	default:
		return syntax_error(lx, at, "expected a BOOLEAN or numeric vector element");
	}
	if (expect(lx, TK_COMMA, "',' after the vector element", &tok) < 0 ||
	    expect_int(lx, 1, INT32_MAX, "vector length", &t->length) < 0)
		return -1;
	return expect(lx, TK_GT, "'>'", &tok);
}

static int parse_subtype(struct lexer *lx, struct pl_dtype **out, enum tok_kind after,
			 const char *what)
{
	struct token t;
	if (parse_type(lx, out) < 0)
		return -1;
	return expect(lx, after, what, &t);
}

static int parse_base(struct lexer *lx, struct pl_dtype *t)
{
	struct token tok;
	int64_t v;
	if (lex(lx, &tok) < 0)
		return -1;
	if (tok.kind != TK_WORD)
		return syntax_error(lx, tok.start, "expected a type name, found %s",
				    describe(lx, &tok));
	const char *w = tok.str;
	if (!strcasecmp(w, "CHAR") || !strcasecmp(w, "VARCHAR") || !strcasecmp(w, "BINARY") ||
	    !strcasecmp(w, "VARBINARY")) {
		t->root = !strcasecmp(w, "CHAR") ? PL_T_CHAR
			: !strcasecmp(w, "VARCHAR") ? PL_T_VARCHAR
			: !strcasecmp(w, "BINARY") ? PL_T_BINARY : PL_T_VARBINARY;
		return optional_param(lx, 1, INT32_MAX, 1, "length", &t->length);
	}
	if (!strcasecmp(w, "STRING") || !strcasecmp(w, "BYTES")) {
		t->root = !strcasecmp(w, "STRING") ? PL_T_VARCHAR : PL_T_VARBINARY;
		t->length = INT32_MAX;
		return 0;
	}
	static const struct { const char *name; enum pl_type_root root; } plain[] = {
		{ "BOOLEAN", PL_T_BOOLEAN }, { "TINYINT", PL_T_TINYINT },
		{ "SMALLINT", PL_T_SMALLINT }, { "INT", PL_T_INTEGER },
		{ "INTEGER", PL_T_INTEGER }, { "BIGINT", PL_T_BIGINT },
		{ "FLOAT", PL_T_FLOAT }, { "DATE", PL_T_DATE },
		{ "VARIANT", PL_T_VARIANT }, { "BLOB", PL_T_BLOB },
	};
	for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++) {
		if (!strcasecmp(w, plain[i].name)) {
			t->root = plain[i].root;
			return 0;
		}
	}
	if (!strcasecmp(w, "DOUBLE")) {
		t->root = PL_T_DOUBLE;
		accept_word(lx, "PRECISION");
		return 0;
	}
	if (!strcasecmp(w, "DECIMAL") || !strcasecmp(w, "NUMERIC") || !strcasecmp(w, "DEC")) {
		t->root = PL_T_DECIMAL;
		t->precision = 10;
		if (!accept_kind(lx, TK_LP))
			return 0;
		if (expect_int(lx, 1, 38, "decimal precision", &v) < 0)
			return -1;
		t->precision = (int)v;
		if (accept_kind(lx, TK_COMMA)) {
			if (expect_int(lx, 0, t->precision, "decimal scale", &v) < 0)
				return -1;
			t->scale = (int)v;
		}
		return expect(lx, TK_RP, "')'", &tok);
	}
	if (!strcasecmp(w, "TIME")) {
		t->root = PL_T_TIME;
		if (optional_param(lx, 0, 9, 0, "time precision", &v) < 0)
			return -1;
		t->precision = (int)v;
		if (accept_word(lx, "WITHOUT"))
			return expect_word(lx, "TIME") < 0 ? -1 : expect_word(lx, "ZONE");
		return 0;
	}
	if (!strcasecmp(w, "TIMESTAMP") || !strcasecmp(w, "TIMESTAMP_LTZ")) {
		int ltz = !strcasecmp(w, "TIMESTAMP_LTZ");
		t->root = ltz ? PL_T_TIMESTAMP_LTZ : PL_T_TIMESTAMP;
		if (optional_param(lx, 0, 9, 6, "timestamp precision", &v) < 0)
			return -1;
		t->precision = (int)v;
		if (ltz)
			return 0;
		if (accept_word(lx, "WITHOUT"))
			return expect_word(lx, "TIME") < 0 ? -1 : expect_word(lx, "ZONE");
		if (accept_word(lx, "WITH")) {
			/* TIMESTAMP WITH TIME ZONE is not a Paimon type. */
			if (expect_word(lx, "LOCAL") < 0 || expect_word(lx, "TIME") < 0 ||
			    expect_word(lx, "ZONE") < 0)
				return -1;
			t->root = PL_T_TIMESTAMP_LTZ;
		}
		return 0;
	}
	if (!strcasecmp(w, "GEOMETRY") || !strcasecmp(w, "GEOGRAPHY")) {
		int geography = !strcasecmp(w, "GEOGRAPHY");
		t->root = geography ? PL_T_GEOGRAPHY : PL_T_GEOMETRY;
		return parse_geo(lx, t, geography);
	}
	if (!strcasecmp(w, "VECTOR")) {
		t->root = PL_T_VECTOR;
		return parse_vector(lx, t);
	}
	if (!strcasecmp(w, "ARRAY") || !strcasecmp(w, "MULTISET")) {
		t->root = !strcasecmp(w, "ARRAY") ? PL_T_ARRAY : PL_T_MULTISET;
		if (expect(lx, TK_LT, "'<'", &tok) < 0)
			return -1;
		return parse_subtype(lx, &t->element, TK_GT, "'>'");
	}
	if (!strcasecmp(w, "MAP")) {
		t->root = PL_T_MAP;
		if (expect(lx, TK_LT, "'<' after MAP", &tok) < 0 ||
		    parse_subtype(lx, &t->key, TK_COMMA, "',' after the map key type") < 0)
			return -1;
		return parse_subtype(lx, &t->value, TK_GT, "'>'");
	}
	if (!strcasecmp(w, "ROW")) {
		t->root = PL_T_ROW;
		return parse_row(lx, t);
	}
	return syntax_error(lx, tok.start, "expected a type name, found %s", describe(lx, &tok));
}

static int parse_type(struct lexer *lx, struct pl_dtype **out)
{
	if (++lx->depth > PL_TYPE_MAX_DEPTH)
		return syntax_error(lx, lx->pos, "expected at most %d nested types",
				    PL_TYPE_MAX_DEPTH);
	struct pl_dtype *t = pl_arena_alloc(lx->arena, sizeof(*t));
	if (parse_base(lx, t) < 0 || parse_nullability(lx, &t->nullable) < 0)
		return -1;
	/* Java's suffix notation: "INT NOT NULL ARRAY NOT NULL". */
	int multiset = 0;
	if (accept_word(lx, "ARRAY") || (multiset = accept_word(lx, "MULTISET"))) {
		struct pl_dtype *outer = pl_arena_alloc(lx->arena, sizeof(*outer));
		outer->root = multiset ? PL_T_MULTISET : PL_T_ARRAY;
		outer->element = t;
		if (parse_nullability(lx, &outer->nullable) < 0)
			return -1;
		t = outer;
	}
	lx->depth--;
	*out = t;
	return 0;
}

int pl_dtype_parse(const char *text, struct pl_arena *arena, struct pl_dtype **out,
		   struct pl_error *err)
{
	struct lexer lx = { .text = text, .len = strlen(text), .arena = arena, .err = err };
	struct token t;
	*out = NULL;
	struct pl_dtype *type;
	if (parse_type(&lx, &type) < 0 || lex(&lx, &t) < 0)
		return -1;
	if (t.kind != TK_END)
		return syntax_error(&lx, t.start, "expected the end of the type, found %s",
				    describe(&lx, &t));
	*out = type;
	return 0;
}
