/* Table templates: realistic columns and types for the demo tables, and the
 * schema changes each template goes through (one ALTER TABLE per step). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/gen_model.h"
#include "util/alloc.h"

static const char *const STATUS_WORDS[] = {
	"CANCELLED", "CREATED", "DELIVERED", "PAID", "RETURNED", "SHIPPED", NULL };
static const char *const REGION_WORDS[] = { "ap-south", "eu-west", "us-east", NULL };
static const char *const NAME_WORDS[] = {
	"Ada Lovelace", "Alan Turing", "Barbara Liskov", "Edsger Dijkstra",
	"Grace Hopper", "Ken Thompson", "Margaret Hamilton", "Niklaus Wirth", NULL };
static const char *const EMAIL_WORDS[] = {
	"ada@example.com", "alan@example.org", "barbara.liskov@example.net",
	"grace.hopper@example.com", "ken@example.org", "margaret.hamilton@example.com", NULL };
static const char *const COUNTRY_WORDS[] = { "BR", "DE", "FR", "IN", "JP", "NL", "US", NULL };
static const char *const EVENT_WORDS[] = {
	"add_to_cart", "checkout", "click", "login", "logout", "page_view", "search", NULL };
static const char *const URL_WORDS[] = {
	"https://shop.example.com/cart", "https://shop.example.com/checkout/payment",
	"https://shop.example.com/products/42", "https://shop.example.com/search?q=lamp", NULL };
static const char *const HOST_WORDS[] = {
	"db-01.prod", "db-02.prod", "web-01.prod", "web-02.prod", "web-03.prod", NULL };
static const char *const METRIC_WORDS[] = {
	"cpu.user", "disk.read_bytes", "mem.used", "net.rx_bytes", "net.tx_bytes", NULL };
static const char *const PHONE_WORDS[] = { "+31 20 555 0100", "+49 30 555 0199", NULL };
static const char *const SESSION_WORDS[] = { "s-0a1b2c", "s-9f8e7d", NULL };
static const char *const GROUP_WORDS[] = { "control", "variant-a", "variant-b", NULL };

struct col_def {
	const char *name;
	enum gen_col_kind kind;
	enum gen_col_role role;
	int not_null;
	const char *const *words;
};

static const struct col_def ORDERS[] = {
	{ "order_id", COL_BIGINT, ROLE_KEY, 1, NULL },
	{ "customer_id", COL_INT, ROLE_VALUE, 0, NULL },
	{ "dt", COL_STRING, ROLE_PARTITION, 1, NULL },
	{ "region", COL_STRING, ROLE_PARTITION, 1, REGION_WORDS },
	{ "amount", COL_DECIMAL, ROLE_VALUE, 0, NULL },
	{ "status", COL_STRING, ROLE_VALUE, 0, STATUS_WORDS },
	{ "created_at", COL_TIMESTAMP, ROLE_VALUE, 0, NULL },
	{ "ship_date", COL_DATE, ROLE_VALUE, 0, NULL },
	{ "is_gift", COL_BOOLEAN, ROLE_VALUE, 0, NULL },
	{ "items", COL_ARRAY, ROLE_VALUE, 0, NULL },
	{ "attributes", COL_MAP, ROLE_VALUE, 0, NULL },
	{ "shipping_address", COL_ROW, ROLE_VALUE, 0, NULL },
	{ NULL, 0, 0, 0, NULL },
};

static const struct col_def CUSTOMERS[] = {
	{ "customer_id", COL_BIGINT, ROLE_KEY, 1, NULL },
	{ "name", COL_STRING, ROLE_VALUE, 0, NAME_WORDS },
	{ "email", COL_STRING, ROLE_VALUE, 0, EMAIL_WORDS },
	{ "country", COL_STRING, ROLE_VALUE, 0, COUNTRY_WORDS },
	{ "signup_date", COL_DATE, ROLE_VALUE, 0, NULL },
	{ "lifetime_value", COL_DECIMAL, ROLE_VALUE, 0, NULL },
	{ "vip", COL_BOOLEAN, ROLE_VALUE, 0, NULL },
	{ "updated_at", COL_TIMESTAMP, ROLE_VALUE, 0, NULL },
	{ NULL, 0, 0, 0, NULL },
};

static const struct col_def EVENTS[] = {
	{ "event_id", COL_BIGINT, ROLE_VALUE, 1, NULL },
	{ "dt", COL_STRING, ROLE_PARTITION, 1, NULL },
	{ "user_id", COL_BIGINT, ROLE_VALUE, 0, NULL },
	{ "event_type", COL_STRING, ROLE_VALUE, 0, EVENT_WORDS },
	{ "url", COL_STRING, ROLE_VALUE, 0, URL_WORDS },
	{ "event_time", COL_TIMESTAMP, ROLE_VALUE, 0, NULL },
	{ "duration_ms", COL_INT, ROLE_VALUE, 0, NULL },
	{ "properties", COL_MAP, ROLE_VALUE, 0, NULL },
	{ NULL, 0, 0, 0, NULL },
};

static const struct col_def METRICS[] = {
	{ "host", COL_STRING, ROLE_VALUE, 1, HOST_WORDS },
	{ "metric", COL_STRING, ROLE_VALUE, 1, METRIC_WORDS },
	{ "value", COL_BIGINT, ROLE_VALUE, 0, NULL },
	{ "sampled_at", COL_TIMESTAMP, ROLE_VALUE, 0, NULL },
	{ "labels", COL_MAP, ROLE_VALUE, 0, NULL },
	{ NULL, 0, 0, 0, NULL },
};

static void add_option(struct gen_schema *s, const char *k, const char *v)
{
	for (size_t i = 0; i < s->noptions; i++) {
		if (strcmp(s->options[i].key, k) == 0) {
			free(s->options[i].value);
			s->options[i].value = pl_strdup(v);
			return;
		}
	}
	s->options = pl_reallocarray(s->options, s->noptions + 1, sizeof(*s->options));
	s->options[s->noptions].key = pl_strdup(k);
	s->options[s->noptions].value = pl_strdup(v);
	s->noptions++;
}

const char *gen_schema_option(const struct gen_schema *s, const char *key)
{
	for (size_t i = 0; i < s->noptions; i++)
		if (strcmp(s->options[i].key, key) == 0)
			return s->options[i].value;
	return NULL;
}

static void add_column(struct gen_schema *s, const char *name, enum gen_col_kind kind,
		       enum gen_col_role role, int not_null, const char *const *words)
{
	s->cols = pl_reallocarray(s->cols, s->ncols + 1, sizeof(*s->cols));
	struct gen_column *c = &s->cols[s->ncols++];
	memset(c, 0, sizeof(*c));
	c->id = ++s->highest_field_id;
	c->name = pl_strdup(name);
	c->kind = kind;
	c->role = role;
	c->not_null = not_null;
	c->words = words;
	if (kind == COL_ROW) {
		/* the ROW's own fields take the next ids (pre-order numbering) */
		c->sub_id = s->highest_field_id + 1;
		s->highest_field_id += 3;
	}
}

static void add_key(char ***keys, size_t *n, const char *name)
{
	*keys = pl_reallocarray(*keys, *n + 1, sizeof(**keys));
	(*keys)[(*n)++] = pl_strdup(name);
}

struct gen_schema *gen_schema_initial(const struct gen_table_spec *spec, int64_t time_ms)
{
	const struct col_def *defs;
	const char *comment;
	switch (spec->tpl) {
	case TPL_ORDERS:
		defs = ORDERS;
		comment = "Customer orders, one row per order";
		break;
	case TPL_CUSTOMERS:
		defs = CUSTOMERS;
		comment = "Customer master data";
		break;
	case TPL_EVENTS:
		defs = EVENTS;
		comment = "Click-stream events, append only";
		break;
	default:
		defs = METRICS;
		comment = NULL;
		break;
	}
	struct gen_schema *s = pl_calloc(1, sizeof(*s));
	s->highest_field_id = -1;
	s->time_ms = time_ms;
	s->comment = comment ? pl_strdup(comment) : NULL;
	int nparts = 0;
	for (const struct col_def *d = defs; d->name; d++) {
		enum gen_col_role role = d->role;
		if (role == ROLE_PARTITION && spec->partitions <= 0)
			role = ROLE_VALUE;
		add_column(s, d->name, d->kind, role, d->not_null,
			   d->words ? d->words : (d->kind == COL_STRING ? REGION_WORDS : NULL));
		if (role == ROLE_PARTITION) {
			s->cols[s->ncols - 1].part_index = nparts++;
			add_key(&s->partition_keys, &s->npartition_keys, d->name);
		}
	}
	int pk = spec->tpl == TPL_ORDERS || spec->tpl == TPL_CUSTOMERS;
	if (pk) {
		for (size_t i = 0; i < s->ncols; i++)
			if (s->cols[i].role == ROLE_KEY)
				add_key(&s->primary_keys, &s->nprimary_keys, s->cols[i].name);
		for (size_t i = 0; i < s->npartition_keys; i++)
			add_key(&s->primary_keys, &s->nprimary_keys, s->partition_keys[i]);
	}
	char buf[32];
	snprintf(buf, sizeof(buf), "%d", spec->buckets);
	add_option(s, "bucket", buf);
	add_option(s, "file.format", spec->tpl == TPL_METRICS ? "orc" : "parquet");
	if (spec->dv)
		add_option(s, "deletion-vectors.enabled", "true");
	if (spec->expire_keep > 0) {
		snprintf(buf, sizeof(buf), "%d", spec->expire_keep);
		add_option(s, "snapshot.num-retained.min", buf);
		add_option(s, "snapshot.num-retained.max", buf);
	}
	if (spec->tpl == TPL_EVENTS)
		add_option(s, "partition.expiration-time", "30 d");
	return s;
}

static struct gen_schema *copy_schema(const struct gen_schema *s, int64_t time_ms)
{
	struct gen_schema *c = pl_calloc(1, sizeof(*c));
	c->id = s->id + 1;
	c->time_ms = time_ms;
	c->highest_field_id = s->highest_field_id;
	c->ncols = s->ncols;
	c->cols = pl_reallocarray(NULL, s->ncols ? s->ncols : 1, sizeof(*c->cols));
	for (size_t i = 0; i < s->ncols; i++) {
		c->cols[i] = s->cols[i];
		c->cols[i].name = pl_strdup(s->cols[i].name);
		c->cols[i].description =
			s->cols[i].description ? pl_strdup(s->cols[i].description) : NULL;
	}
	for (size_t i = 0; i < s->npartition_keys; i++)
		add_key(&c->partition_keys, &c->npartition_keys, s->partition_keys[i]);
	for (size_t i = 0; i < s->nprimary_keys; i++)
		add_key(&c->primary_keys, &c->nprimary_keys, s->primary_keys[i]);
	for (size_t i = 0; i < s->noptions; i++)
		add_option(c, s->options[i].key, s->options[i].value);
	c->comment = s->comment ? pl_strdup(s->comment) : NULL;
	return c;
}

static struct gen_column *find_col(struct gen_schema *s, const char *name)
{
	for (size_t i = 0; i < s->ncols; i++)
		if (strcmp(s->cols[i].name, name) == 0)
			return &s->cols[i];
	return NULL;
}

static void rename_col(struct gen_schema *s, const char *from, const char *to)
{
	struct gen_column *c = find_col(s, from);
	if (!c)
		return;
	free(c->name);
	c->name = pl_strdup(to);
	for (size_t i = 0; i < s->nprimary_keys; i++)
		if (strcmp(s->primary_keys[i], from) == 0) {
			free(s->primary_keys[i]);
			s->primary_keys[i] = pl_strdup(to);
		}
}

struct gen_schema *gen_schema_evolve(const struct gen_schema *s, int step, int64_t time_ms,
				     const char **what)
{
	int orders = find_col((struct gen_schema *)s, "order_id") != NULL;
	int customers = !orders && find_col((struct gen_schema *)s, "email") != NULL;
	struct gen_schema *c;
	if (step == 0) {
		c = copy_schema(s, time_ms);
		if (orders) {
			add_column(c, "discount", COL_DECIMAL, ROLE_VALUE, 0, NULL);
			c->cols[c->ncols - 1].description =
				pl_strdup("discount applied at checkout");
		} else if (customers) {
			add_column(c, "phone", COL_STRING, ROLE_VALUE, 0, PHONE_WORDS);
			c->cols[c->ncols - 1].description = pl_strdup("");
		} else {
			add_column(c, "session_id", COL_STRING, ROLE_VALUE, 0, SESSION_WORDS);
			c->cols[c->ncols - 1].description = pl_strdup("");
		}
		*what = "add column";
		return c;
	}
	if (!orders && step > 1)
		return NULL;
	c = copy_schema(s, time_ms);
	switch (step) {
	case 1:
		if (orders) {
			rename_col(c, "status", "order_status");
			*what = "rename column status to order_status";
		} else {
			add_option(c, "snapshot.time-retained", "2 h");
			*what = "set option snapshot.time-retained";
		}
		return c;
	case 2: {
		struct gen_column *col = find_col(c, "customer_id");
		if (col)
			col->kind = COL_BIGINT;
		*what = "customer_id INT to BIGINT";
		return c;
	}
	case 3:
		free(c->comment);
		c->comment = pl_strdup("Customer orders, one row per order (deduplicated)");
		add_option(c, "target-file-size", "256 mb");
		*what = "change comment and option target-file-size";
		return c;
	}
	gen_schema_free(c);
	return NULL;
}

struct gen_schema *gen_schema_branch_change(const struct gen_schema *s, int64_t time_ms)
{
	struct gen_schema *c = copy_schema(s, time_ms);
	add_column(c, "experiment_group", COL_STRING, ROLE_VALUE, 0, GROUP_WORDS);
	c->cols[c->ncols - 1].description = pl_strdup("A/B test bucket (branch only)");
	return c;
}

void gen_schema_free(struct gen_schema *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ncols; i++) {
		free(s->cols[i].name);
		free(s->cols[i].description);
	}
	free(s->cols);
	for (size_t i = 0; i < s->npartition_keys; i++)
		free(s->partition_keys[i]);
	free(s->partition_keys);
	for (size_t i = 0; i < s->nprimary_keys; i++)
		free(s->primary_keys[i]);
	free(s->primary_keys);
	for (size_t i = 0; i < s->noptions; i++) {
		free(s->options[i].key);
		free(s->options[i].value);
	}
	free(s->options);
	free(s->comment);
	free(s);
}
