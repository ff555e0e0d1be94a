/* The immutable-file cache: one file per object, named by the SHA-256 of
 * store scope and key, holding a header line ("PLCACHE1 SIZE ETAG") and
 * the bytes. Writes go to a temporary file renamed into place, so readers
 * never see half an entry; when the folder exceeds its limit the oldest
 * entries go first. */
#include "io/cache.h"
#include "util/alloc.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bigger files are data files: a scan re-reads them rarely enough. */
#define MAX_ENTRY ((size_t)16 << 20)

/* What the store last said about an object (listing or HEAD): an entry
 * whose size or ETag differs is an object rewritten under the same name. */
struct seen {
	char *key;
	uint64_t size;
	char etag[128];
};

struct pl_cache {
	char *dir;
	char *scope;
	uint64_t limit;
	struct seen *seen;     /* open addressing, NULL key = free slot */
	size_t seen_cap, seen_n;
};

/* Header form of an ETag: quotes and weak marker dropped, printable. */
static void etag_norm(const char *etag, char *out, size_t n)
{
	if (!etag || !*etag)
		etag = "-";
	if (strncmp(etag, "W/", 2) == 0)
		etag += 2;
	if (*etag == '"')
		etag++;
	snprintf(out, n, "%s", etag);
	size_t len = strlen(out);
	if (len && out[len - 1] == '"')
		out[--len] = 0;
	if (!len)
		snprintf(out, n, "-");
	for (char *p = out; *p; p++)
		if (!isgraph((unsigned char)*p))
			*p = '_';
}

static size_t key_hash(const char *key)
{
	size_t h = 14695981039346656037ULL & SIZE_MAX;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * (size_t)1099511628211ULL;
	return h;
}

static struct seen *seen_slot(struct seen *tab, size_t cap, const char *key)
{
	size_t i = key_hash(key) & (cap - 1);
	while (tab[i].key && strcmp(tab[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

void pl_cache_note(struct pl_cache *c, const char *key, uint64_t size, const char *etag)
{
	if (!c || !pl_cache_is_immutable(key))
		return;
	if ((c->seen_n + 1) * 2 > c->seen_cap) {
		size_t cap = c->seen_cap ? c->seen_cap * 2 : 256;
		struct seen *tab = pl_calloc(cap, sizeof(*tab));
		for (size_t i = 0; i < c->seen_cap; i++)
			if (c->seen[i].key)
				*seen_slot(tab, cap, c->seen[i].key) = c->seen[i];
		free(c->seen);
		c->seen = tab;
		c->seen_cap = cap;
	}
	struct seen *e = seen_slot(c->seen, c->seen_cap, key);
	if (!e->key) {
		e->key = pl_strdup(key);
		c->seen_n++;
	}
	e->size = size;
	etag_norm(etag, e->etag, sizeof(e->etag));
}

/* 0 when the entry's header agrees with what the store last said (or the
 * store said nothing about the key). */
static int entry_current(const struct pl_cache *c, const char *key, unsigned long long size,
			 const char *etag)
{
	if (!c->seen_cap)
		return 0;
	const struct seen *e = seen_slot(c->seen, c->seen_cap, key);
	if (!e->key)
		return 0;
	if (e->size != size)
		return -1;
	/* a store that gave no ETag on one side: the size has to do */
	if (strcmp(e->etag, "-") == 0 || strcmp(etag, "-") == 0)
		return 0;
	return strcmp(e->etag, etag) == 0 ? 0 : -1;
}

static int mkdirs(const char *path)
{
	char *p = pl_strdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0700) && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, 0700) && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

struct pl_cache *pl_cache_open(const char *dir, const char *scope, uint64_t limit)
{
	char buf[4096];
	if (!dir || !*dir)
		dir = getenv("PAIMON_LENS_CACHE_DIR");
	if (!dir || !*dir) {
		const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
		if (xdg && *xdg == '/')
			snprintf(buf, sizeof(buf), "%s/paimon-lens", xdg);
		else if (home && *home)
			snprintf(buf, sizeof(buf), "%s/.cache/paimon-lens", home);
		else
			return NULL;
		dir = buf;
	}
	if (mkdirs(dir))
		return NULL;
	struct pl_cache *c = pl_calloc(1, sizeof(*c));
	c->dir = pl_strdup(dir);
	c->scope = pl_strdup(scope ? scope : "");
	c->limit = limit ? limit : PL_CACHE_LIMIT_DEFAULT;
	return c;
}

void pl_cache_close(struct pl_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->seen_cap; i++)
		free(c->seen[i].key);
	free(c->seen);
	free(c->dir);
	free(c->scope);
	free(c);
}

static int digits_after(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(s, prefix, n) != 0 || !s[n])
		return 0;
	for (s += n; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

int pl_cache_is_immutable(const char *key)
{
	const char *base = strrchr(key, '/');
	base = base ? base + 1 : key;
	if (digits_after(base, "snapshot-") || digits_after(base, "schema-") ||
	    digits_after(base, "changelog-"))
		return 1;
	/* manifest-*, manifest-list-*, index-manifest-*: Paimon names them
	 * with a fresh UUID on every write. */
	return strncmp(base, "manifest-", 9) == 0 || strncmp(base, "index-manifest-", 15) == 0;
}

static char *entry_path(const struct pl_cache *c, const char *key)
{
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_strbuf_addf(&sb, "%s\n%s", c->scope, key);
	char hash[65];
	pl_sha256_hex(sb.buf, sb.len, hash);
	pl_strbuf_reset(&sb);
	pl_strbuf_addf(&sb, "%s/%s", c->dir, hash);
	return pl_strbuf_detach(&sb);
}

int pl_cache_get(struct pl_cache *c, const char *key, uint64_t offset, uint64_t length,
		 struct pl_buf *out)
{
	if (!c || offset != 0 || length != PL_READ_WHOLE || !pl_cache_is_immutable(key))
		return -1;
	char *path = entry_path(c, key);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return -1;
	char header[512], etag[128];
	unsigned long long size;
	int rc = -1;
	if (!fgets(header, sizeof(header), f) ||
	    sscanf(header, "PLCACHE1 %llu %127s", &size, etag) != 2 || size > MAX_ENTRY ||
	    entry_current(c, key, size, etag))
		goto done;
	uint8_t *data = pl_malloc((size_t)size + 1);
	if (fread(data, 1, (size_t)size, f) != (size_t)size || fgetc(f) != EOF) {
		/* Truncated or overlong: a damaged entry is a miss. */
		free(data);
		goto done;
	}
	data[size] = 0;
	out->data = data;
	out->len = (size_t)size;
	rc = 0;
done:
	fclose(f);
	return rc;
}

struct entry {
	char *path;
	time_t mtime;
	uint64_t size;
};

static int oldest_first(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	return x->mtime < y->mtime ? -1 : x->mtime > y->mtime;
}

static void evict(struct pl_cache *c)
{
	DIR *d = opendir(c->dir);
	if (!d)
		return;
	struct entry *es = NULL;
	size_t n = 0, cap = 0;
	uint64_t total = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strlen(de->d_name) != 64)
			continue;
		struct stat sb;
		char *p = pl_malloc(strlen(c->dir) + 66);
		sprintf(p, "%s/%s", c->dir, de->d_name);
		if (stat(p, &sb) || !S_ISREG(sb.st_mode)) {
			free(p);
			continue;
		}
		PL_GROW(es, cap, n + 1);
		es[n++] = (struct entry){ p, sb.st_mtime, (uint64_t)sb.st_size };
		total += (uint64_t)sb.st_size;
	}
	closedir(d);
	if (total > c->limit) {
		qsort(es, n, sizeof(*es), oldest_first);
		for (size_t i = 0; i < n && total > c->limit / 10 * 9; i++) {
			if (unlink(es[i].path) == 0)
				total -= es[i].size;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(es[i].path);
	free(es);
}

void pl_cache_put(struct pl_cache *c, const char *key, const struct pl_kvlist *resp_headers,
		  uint64_t offset, uint64_t length, const struct pl_buf *data)
{
	if (!c || offset != 0 || length != PL_READ_WHOLE || !pl_cache_is_immutable(key) ||
	    data->len > MAX_ENTRY || data->len > c->limit)
		return;
	const char *etag = resp_headers ? pl_kvlist_get(resp_headers, "ETag") : NULL;
	char *path = entry_path(c, key);
	size_t n = strlen(path) + 16;
	char *tmp = pl_malloc(n);
	snprintf(tmp, n, "%s.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		FILE *f = fdopen(fd, "wb");
		if (!f) {
			close(fd);
		} else {
			char safe_etag[128];
			/* The ETag goes into a one-line header: keep it printable. */
			etag_norm(etag, safe_etag, sizeof(safe_etag));
			int ok = fprintf(f, "PLCACHE1 %zu %s\n", data->len, safe_etag) > 0 &&
				 fwrite(data->data, 1, data->len, f) == data->len;
			ok = (fclose(f) == 0) && ok;
			if (ok && rename(tmp, path) == 0)
				evict(c);
		}
		unlink(tmp);
	}
	free(tmp);
	free(path);
}
