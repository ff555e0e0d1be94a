/* Selected reading for Avro (pl_record_reader_select). The selection is
 * compiled once per file, against the writer schema, into one flat program
 * of steps per record on a selected path: selected leaves go straight into
 * the caller's slots, records on a path are entered, and everything else
 * is stepped over by small fixed steps (records not on a path are inlined,
 * ["null", X] unions become one branch test). Walking the schema graph for
 * every value (a pointer chase and an indirect jump per node) cost more
 * than decompressing the manifest; a flat program of a few step kinds runs
 * the same sequence for every record, which the branch predictor learns. */
#include "paimon/avro_internal.h"

#include <stdio.h>
#include <string.h>

enum step_op {
	ST_END,           /* the record's last step is done */
	ST_LEAF,          /* selected: decoded into vals[slot] (generic) */
	ST_LEAF_INT,      /* selected int or long */
	ST_LEAF_STR,      /* selected string or bytes (arg: the value kind) */
	ST_ENTER,         /* a record on a selected path (sub) */
	ST_VARINT,        /* int, long, timestamp */
	ST_BYTES,         /* string, bytes */
	ST_FIXED,         /* arg bytes: fixed, float, double */
	ST_BOOL,
	ST_ENUM,          /* arg symbols */
	ST_OPT,           /* ["null", X]: branch arg is null, then the next
			   * span steps are X's, jumped over when null */
	ST_LONG_ARRAY,    /* array of long or ["null", long] (null counts) */
	ST_NODE,          /* anything else: the generic skip of node */
	ST_COUNT
};

/* Flattening stops here (recursive or absurd schemas use ST_NODE). */
#define MAX_INLINE_DEPTH 8
#define MAX_STEPS 4096

struct step {
	uint8_t op;
	int32_t arg;
	int32_t span;                        /* ST_OPT */
	int32_t slot;                        /* ST_LEAF */
	const struct avro_node *node;
	const struct avro_selection *sub;    /* ST_ENTER */
	const char *name;                    /* field path, for messages */
};

struct avro_selection {
	const struct avro_node *record;      /* AVRO_RECORD */
	/* While compiling: per field, its slot or its sub-selection. */
	int *slots;
	struct avro_selection **subs;
	/* The program, built once all paths are added. */
	struct step *steps;
	size_t nsteps, cap;
};

/* The selection of the root: the root may be ["null", record]. */
struct avro_root_selection {
	struct avro_selection sel;
	const struct avro_node *root;
	size_t nslots;
};

/* The record inside n when n is a record or a union of null and a record. */
static const struct avro_node *record_of(const struct avro_node *n)
{
	if (n->op == AVRO_RECORD)
		return n;
	if (n->op == AVRO_UNION && n->nchildren == 2) {
		for (size_t i = 0; i < 2; i++)
			if (n->children[i]->op == AVRO_RECORD && n->children[1 - i]->op == AVRO_NULL)
				return n->children[i];
	}
	return NULL;
}

static void init_selection(struct avro_selection *s, struct pl_arena *arena,
			   const struct avro_node *rec)
{
	size_t n = rec->nchildren ? rec->nchildren : 1;
	memset(s, 0, sizeof(*s));
	s->record = rec;
	s->slots = pl_arena_alloc(arena, n * sizeof(*s->slots));
	s->subs = pl_arena_alloc(arena, n * sizeof(*s->subs));
	for (size_t i = 0; i < n; i++) {
		s->slots[i] = -1;
		s->subs[i] = NULL;
	}
}

static int field_index(const struct avro_node *rec, const char *name, size_t len)
{
	for (size_t i = 0; i < rec->nchildren; i++) {
		const char *f = rec->rtype->fields[i].name;
		if (strlen(f) == len && memcmp(f, name, len) == 0)
			return (int)i;
	}
	return -1;
}

/* Adds path (names separated by '/') as slot. A path the file does not
 * have is left out: its slot always reads null. */
static int add_path(struct avro_selection *s, const char *path, int slot, struct pl_arena *arena,
		    const char *file, struct pl_error *err)
{
	const char *p = path;
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		int i = field_index(s->record, p, len);
		if (i < 0)
			return 0;
		if (s->slots[i] >= 0 || (!slash && s->subs[i]))
			return pl_err(err, PL_ERR_USAGE, "%s: selection path \"%s\" overlaps another",
				      file, path);
		if (!slash) {
			s->slots[i] = slot;
			return 0;
		}
		if (!s->subs[i]) {
			const struct avro_node *rec = record_of(s->record->children[i]);
			if (!rec)
				return 0;   /* not a record in this file: nothing below */
			s->subs[i] = pl_arena_alloc(arena, sizeof(**s->subs));
			init_selection(s->subs[i], arena, rec);
		}
		s = s->subs[i];
		p = slash + 1;
	}
}

/* ---- compiling the steps ---------------------------------------------- */

static struct step *add_step(struct avro_selection *s, struct pl_arena *arena, enum step_op op,
			     const struct avro_node *n, const char *name)
{
	if (s->nsteps == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 32;
		struct step *grown = pl_arena_alloc(arena, cap * sizeof(*grown));
		if (s->nsteps)
			memcpy(grown, s->steps, s->nsteps * sizeof(*grown));
		s->steps = grown;
		s->cap = cap;
	}
	struct step *st = &s->steps[s->nsteps++];
	memset(st, 0, sizeof(*st));
	st->op = (uint8_t)op;
	st->node = n;
	st->name = name;
	st->slot = -1;
	return st;
}

static int is_null_long_array(const struct avro_node *n)
{
	if (n->op != AVRO_ARRAY)
		return 0;
	const struct avro_node *it = n->items;
	return it->op == AVRO_INT ||
	       (it->op == AVRO_UNION && it->nchildren == 2 && it->children[0]->op == AVRO_NULL &&
		it->children[1]->op == AVRO_INT);
}

static const char *join_name(struct pl_arena *arena, const char *parent, const char *field)
{
	size_t n = strlen(parent) + strlen(field) + 2;
	char *s = pl_arena_alloc(arena, n);
	snprintf(s, n, "%s.%s", parent, field);
	return s;
}

/* The steps that step over one value of n. */
static void compile_skip(struct avro_selection *s, struct pl_arena *arena,
			 const struct avro_node *n, const char *name, int depth)
{
	if (depth > MAX_INLINE_DEPTH || s->nsteps >= MAX_STEPS) {
		add_step(s, arena, ST_NODE, n, name);
		return;
	}
	switch (n->op) {
	case AVRO_NULL:
		return;
	case AVRO_INT:
	case AVRO_TIMESTAMP:
		add_step(s, arena, ST_VARINT, n, name);
		return;
	case AVRO_STRING:
	case AVRO_BYTES:
		add_step(s, arena, ST_BYTES, n, name);
		return;
	case AVRO_FLOAT:
	case AVRO_DOUBLE:
	case AVRO_FIXED:
		add_step(s, arena, ST_FIXED, n, name)->arg =
			(int32_t)(n->op == AVRO_FLOAT ? 4 : n->op == AVRO_DOUBLE ? 8 : n->fixed_size);
		return;
	case AVRO_BOOLEAN:
		add_step(s, arena, ST_BOOL, n, name);
		return;
	case AVRO_ENUM:
		add_step(s, arena, ST_ENUM, n, name)->arg = (int32_t)n->nsymbols;
		return;
	case AVRO_RECORD:
		for (size_t i = 0; i < n->nchildren; i++)
			compile_skip(s, arena, n->children[i],
				     join_name(arena, name, n->rtype->fields[i].name), depth + 1);
		return;
	case AVRO_UNION:
		if (n->nchildren == 2 && (n->children[0]->op == AVRO_NULL) !=
					     (n->children[1]->op == AVRO_NULL)) {
			int null_branch = n->children[0]->op == AVRO_NULL ? 0 : 1;
			size_t at = s->nsteps;
			add_step(s, arena, ST_OPT, n, name)->arg = null_branch;
			compile_skip(s, arena, n->children[1 - null_branch], name, depth + 1);
			s->steps[at].span = (int32_t)(s->nsteps - at - 1);
			return;
		}
		break;
	case AVRO_ARRAY:
		if (is_null_long_array(n)) {
			add_step(s, arena, ST_LONG_ARRAY, n, name);
			return;
		}
		break;
	case AVRO_MAP:
		break;
	}
	add_step(s, arena, ST_NODE, n, name);
}

/* A selected leaf: ["null", X] is a branch test (the slot is null unless
 * X's step runs), then X's own step. */
static void compile_leaf(struct avro_selection *s, struct pl_arena *arena,
			 const struct avro_node *n, const char *name, int slot)
{
	size_t opt = SIZE_MAX;
	if (n->op == AVRO_UNION && n->nchildren == 2 &&
	    (n->children[0]->op == AVRO_NULL) != (n->children[1]->op == AVRO_NULL)) {
		int null_branch = n->children[0]->op == AVRO_NULL ? 0 : 1;
		opt = s->nsteps;
		add_step(s, arena, ST_OPT, n, name)->arg = null_branch;
		n = n->children[1 - null_branch];
	}
	struct step *st;
	switch (n->op) {
	case AVRO_INT:
		st = add_step(s, arena, ST_LEAF_INT, n, name);
		break;
	case AVRO_STRING:
	case AVRO_BYTES:
		st = add_step(s, arena, ST_LEAF_STR, n, name);
		st->arg = n->op == AVRO_STRING ? PL_VK_STRING : PL_VK_BYTES;
		break;
	default:
		st = add_step(s, arena, ST_LEAF, n, name);
		break;
	}
	st->slot = slot;
	if (opt != SIZE_MAX)
		s->steps[opt].span = (int32_t)(s->nsteps - opt - 1);
}

static void compile_steps(struct avro_selection *s, struct pl_arena *arena)
{
	const struct avro_node *rec = s->record;
	for (size_t i = 0; i < rec->nchildren; i++) {
		const struct avro_node *n = rec->children[i];
		const char *name = rec->rtype->fields[i].name;
		if (s->slots[i] >= 0) {
			compile_leaf(s, arena, n, name, s->slots[i]);
		} else if (s->subs[i]) {
			compile_steps(s->subs[i], arena);
			add_step(s, arena, ST_ENTER, n, name)->sub = s->subs[i];
		} else {
			compile_skip(s, arena, n, name, 0);
		}
	}
	add_step(s, arena, ST_END, NULL, NULL);
}

int avro_select_compile(const struct avro_node *root, const char *const *paths, size_t n,
			struct pl_arena *arena, const struct avro_selection **out,
			const char *file, struct pl_error *err)
{
	const struct avro_node *rec = record_of(root);
	if (!rec)
		return pl_err(err, PL_ERR_USAGE, "%s: selected reading needs records", file);
	struct avro_root_selection *rs = pl_arena_alloc(arena, sizeof(*rs));
	init_selection(&rs->sel, arena, rec);
	rs->root = root;
	rs->nslots = n;
	for (size_t i = 0; i < n; i++)
		if (add_path(&rs->sel, paths[i], (int)i, arena, file, err))
			return -1;
	compile_steps(&rs->sel, arena);
	*out = &rs->sel;
	return 0;
}

/* ---- running them ----------------------------------------------------- */

/* A union branch index below nbranches, or -1 on error; the one-byte
 * case inline. */
static inline int64_t read_branch(struct avro_cursor *c, size_t nbranches)
{
	const uint8_t *at = c->p;
	int64_t i;
	if (c->p < c->end && *c->p < 2 * nbranches && !(*c->p & 1))
		return *c->p++ >> 1;
	if (avro_read_long(c, &i))
		return -1;
	if (i < 0 || (uint64_t)i >= nbranches)
		return avro_bad(c, at, "expected a union branch below %zu, got %lld", nbranches,
				(long long)i);
	return i;
}

static inline int skip_varint(struct avro_cursor *c)
{
	int64_t v;
	return avro_read_long(c, &v);
}

/* An array block count; a small positive one inline. */
static inline int read_block_count(struct avro_cursor *c, size_t min, uint64_t total,
				   int64_t *out)
{
	if (c->p < c->end && *c->p < 0x80 && !(*c->p & 1) && min &&
	    (size_t)(*c->p >> 1) <= (size_t)(c->end - c->p - 1) / min) {
		*out = *c->p++ >> 1;
		return 0;
	}
	return avro_read_block_count(c, min, total, out);
}

/* Arrays of longs or of ["null", long]: the null counts of statistics. */
static int skip_long_array(struct avro_cursor *c, const struct avro_node *n)
{
	const struct avro_node *it = n->items;
	int nullable = it->op == AVRO_UNION;
	uint64_t total = 0;
	for (;;) {
		int64_t count;
		if (read_block_count(c, it->min_size, total, &count))
			return -1;
		if (count == 0)
			return 0;
		total += (uint64_t)count;
		for (int64_t k = 0; k < count; k++) {
			/* ["null", long] non-null with a small count: 02 xx */
			if (nullable && c->end - c->p >= 2 && c->p[0] == 2 && c->p[1] < 0x80) {
				c->p += 2;
				continue;
			}
			if (nullable) {
				int64_t branch = read_branch(c, 2);
				if (branch < 0)
					return -1;
				if (branch == 0)
					continue;
			}
			if (skip_varint(c))
				return -1;
		}
	}
}

static int run(struct avro_cursor *c, const struct avro_selection *s, struct pl_value *vals,
	       int depth);

/* A string or bytes length that fits in what remains. */
static inline int read_blob_len(struct avro_cursor *c, int64_t *n)
{
	const uint8_t *at = c->p;
	if (avro_read_long(c, n))
		return -1;
	if (*n < 0 || (uint64_t)*n > (uint64_t)(c->end - c->p))
		return avro_bad(c, at, "expected a length of at most %zu remaining bytes, got %lld",
				(size_t)(c->end - c->p), (long long)*n);
	return 0;
}

/* A record on a selected path, maybe behind a ["null", record] union. */
static int enter(struct avro_cursor *c, const struct avro_node *n,
		 const struct avro_selection *sub, struct pl_value *vals, int depth)
{
	if (depth > AVRO_MAX_DEPTH)
		return avro_bad(c, c->p, "values nested deeper than %d levels", AVRO_MAX_DEPTH);
	if (n->op == AVRO_UNION) {
		int64_t i = read_branch(c, n->nchildren);
		if (i < 0)
			return -1;
		if (n->children[i]->op == AVRO_NULL)
			return 0;   /* the slots below stay null */
	}
	return run(c, sub, vals, depth);
}

/* The steps of one record. With GCC and Clang every step jumps straight
 * to the next step's code (a jump per step site, each learning its own
 * successor), elsewhere a switch. */
#if defined(__GNUC__) && !defined(PL_AVRO_SWITCH_DISPATCH)
#define THREADED_DISPATCH 1
#define DISPATCH() goto *dispatch[st->op]
#define STEP(op) op_##op:
#define NEXT() do { st++; DISPATCH(); } while (0)
#else
#define DISPATCH() goto again
#define STEP(op) case op:
#define NEXT() do { st++; goto again; } while (0)
#endif

static int run(struct avro_cursor *c, const struct avro_selection *s, struct pl_value *vals,
	       int depth)
{
	const struct step *st = s->steps;
	const uint8_t *at;
	int64_t v;
	struct pl_value *out;
#if defined(THREADED_DISPATCH)
	static const void *const dispatch[ST_COUNT] = {
		[ST_END] = &&op_ST_END, [ST_LEAF] = &&op_ST_LEAF,
		[ST_LEAF_INT] = &&op_ST_LEAF_INT, [ST_LEAF_STR] = &&op_ST_LEAF_STR,
		[ST_ENTER] = &&op_ST_ENTER, [ST_VARINT] = &&op_ST_VARINT,
		[ST_BYTES] = &&op_ST_BYTES, [ST_FIXED] = &&op_ST_FIXED, [ST_BOOL] = &&op_ST_BOOL,
		[ST_ENUM] = &&op_ST_ENUM, [ST_OPT] = &&op_ST_OPT,
		[ST_LONG_ARRAY] = &&op_ST_LONG_ARRAY, [ST_NODE] = &&op_ST_NODE,
	};
	DISPATCH();
#else
again:
	switch ((enum step_op)st->op) {
	default:
		return avro_bad(c, c->p, "internal: unknown selection step");
#endif
	STEP(ST_END)
		return 0;
	STEP(ST_VARINT)
		if (avro_read_long(c, &v))
			goto fail;
		NEXT();
	STEP(ST_BYTES)
		if (read_blob_len(c, &v))
			goto fail;
		c->p += v;
		NEXT();
	STEP(ST_FIXED)
		if ((size_t)(c->end - c->p) < (size_t)st->arg) {
			avro_bad(c, c->p, "expected %d bytes, found %zu", (int)st->arg,
				 (size_t)(c->end - c->p));
			goto fail;
		}
		c->p += st->arg;
		NEXT();
	STEP(ST_BOOL)
		if (c->p >= c->end || *c->p > 1) {
			avro_bad(c, c->p, "expected a boolean byte 0 or 1");
			goto fail;
		}
		c->p++;
		NEXT();
	STEP(ST_ENUM)
		at = c->p;
		if (avro_read_long(c, &v))
			goto fail;
		if (v < 0 || v >= st->arg) {
			avro_bad(c, at, "expected an enum index below %d, got %lld", (int)st->arg,
				 (long long)v);
			goto fail;
		}
		NEXT();
	STEP(ST_OPT)
		v = read_branch(c, 2);
		if (v < 0)
			goto fail;
		if (v == st->arg)
			st += st->span;     /* null: X's steps are not there */
		NEXT();
	STEP(ST_LONG_ARRAY)
		if (skip_long_array(c, st->node))
			goto fail;
		NEXT();
	STEP(ST_NODE)
		if (avro_skip(c, st->node, depth + 1))
			goto fail;
		NEXT();
	STEP(ST_LEAF_INT)
		out = &vals[st->slot];
		out->kind = PL_VK_INT;
		if (avro_read_long(c, &out->u.i))
			goto fail;
		NEXT();
	STEP(ST_LEAF_STR)
		out = &vals[st->slot];
		if (read_blob_len(c, &v))
			goto fail;
		out->kind = (enum pl_vkind)st->arg;
		out->u.bytes.p = c->p;
		out->u.bytes.n = (size_t)v;
		c->p += v;
		NEXT();
	STEP(ST_LEAF)
		out = &vals[st->slot];
		/* Empty arrays (a data file's extra files, nearly always) need
		 * no allocation. */
		if (st->node->op == AVRO_ARRAY && c->p < c->end && *c->p == 0) {
			out->kind = PL_VK_ARRAY;
			out->u.array.items = NULL;
			out->u.array.n = 0;
			c->p++;
			NEXT();
		}
		if (avro_decode(c, st->node, out, depth + 1))
			goto fail;
		NEXT();
	STEP(ST_ENTER)
		if (enter(c, st->node, st->sub, vals, depth + 1))
			goto fail;
		NEXT();
#if !defined(THREADED_DISPATCH)
	}
#endif
fail:
	avro_push_path(c, st->name);
	return -1;
}

#undef THREADED_DISPATCH
#undef DISPATCH
#undef STEP
#undef NEXT

int avro_select_decode(struct avro_cursor *c, const struct avro_selection *s,
		       struct pl_value *vals)
{
	const struct avro_root_selection *rs = (const struct avro_root_selection *)s;
	for (size_t i = 0; i < rs->nslots; i++)
		vals[i].kind = PL_VK_NULL;
	return enter(c, rs->root, s, vals, 0);
}
