/* Live file set of a table's latest snapshot against its physical floor,
 * measured in one run: reading the manifest bytes, and decompressing them
 * alone with libzstd in a loop (the Avro blocks' payloads, or every
 * compression chunk of an ORC file).
 *
 *   bench_fileset [--repeat N] [--threads N] [--prefix P] TABLE_PATH
 *
 * --prefix P names the results P.cpu, P.floor_cpu, ... instead of
 * fileset.cpu, floor.zstd_cpu, ... (run-bench.sh uses "orc" for the lake
 * with ORC manifests).
 *
 * Prints RESULT lines (bench_util.h) that run-bench.sh turns into the
 * table and the JSON. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "bench_util.h"
#include "io/storage.h"
#include "paimon/fileset.h"
#include "paimon/manifest.h"
#include "paimon/records.h"
#include "paimon/snapshot.h"
#include "util/alloc.h"

static void die(const char *what, const struct pl_error *err)
{
	fprintf(stderr, "bench_fileset: %s: %s\n", what, err ? err->msg : "failed");
	exit(1);
}

/* ---- the Avro container, just enough to find block payloads ---------- */

struct cursor {
	const uint8_t *p, *end;
};

static int pb_varint(struct cursor *c, uint64_t *out);

/* Avro's zig-zag long over the same base-128 varint as protobuf's. */
static int read_long(struct cursor *c, int64_t *out)
{
	uint64_t v;
	if (pb_varint(c, &v))
		return -1;
	*out = (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
	return 0;
}

static int skip_bytes(struct cursor *c, const uint8_t **p, size_t *n)
{
	int64_t len;
	if (read_long(c, &len) || len < 0 || len > c->end - c->p)
		return -1;
	*p = c->p;
	*n = (size_t)len;
	c->p += len;
	return 0;
}

struct floor {
	ZSTD_DCtx *dctx;
	uint8_t *out;
	size_t out_cap;
	uint64_t decompressed;
	uint64_t blocks;
};

static int decompress_zstd(struct floor *fl, const uint8_t *in, size_t n)
{
	ZSTD_inBuffer ib = { in, n, 0 };
	ZSTD_DCtx_reset(fl->dctx, ZSTD_reset_session_only);
	for (;;) {
		ZSTD_outBuffer ob = { fl->out, fl->out_cap, 0 };
		size_t rc = ZSTD_decompressStream(fl->dctx, &ob, &ib);
		if (ZSTD_isError(rc))
			return -1;
		fl->decompressed += ob.pos;
		if (rc == 0 && ib.pos == ib.size)
			return 0;
		if (ib.pos == ib.size && ob.pos < ob.size)
			return -1;   /* truncated frame */
	}
}

/* Walks the container and decompresses every block; 1 when the file is
 * not a zstd Avro file (nothing to measure), -1 when it is malformed. */
static int floor_avro(struct floor *fl, const uint8_t *data, size_t len)
{
	struct cursor c = { data, data + len };
	if (len < 4 || memcmp(data, "Obj\1", 4))
		return 1;
	c.p += 4;
	int zstd = 0;
	for (;;) {
		int64_t count;
		if (read_long(&c, &count))
			return -1;
		if (!count)
			break;
		if (count < 0) {
			int64_t size;
			if (read_long(&c, &size))
				return -1;
			count = -count;
		}
		for (int64_t k = 0; k < count; k++) {
			const uint8_t *key, *val;
			size_t nk, nv;
			if (skip_bytes(&c, &key, &nk) || skip_bytes(&c, &val, &nv))
				return -1;
			if (nk == 10 && !memcmp(key, "avro.codec", 10))
				zstd = nv == 9 && !memcmp(val, "zstandard", 9);
		}
	}
	if (!zstd)
		return 1;
	if (c.end - c.p < 16)
		return -1;
	c.p += 16;
	while (c.p < c.end) {
		int64_t count;
		const uint8_t *payload;
		size_t n;
		if (read_long(&c, &count) || skip_bytes(&c, &payload, &n) || c.end - c.p < 16)
			return -1;
		c.p += 16;
		if (decompress_zstd(fl, payload, n))
			return -1;
		fl->blocks++;
	}
	return 0;
}

/* ---- ORC: every compression chunk ---------------------------------------- */

static int pb_varint(struct cursor *c, uint64_t *out)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (c->p >= c->end)
			return -1;
		uint8_t b = *c->p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

/* The PostScript's compression kind and block size. */
static int orc_postscript(const uint8_t *p, size_t n, uint64_t *kind, uint64_t *block)
{
	struct cursor c = { p, p + n };
	*kind = 0;
	*block = 256 << 10;
	while (c.p < c.end) {
		uint64_t key, v;
		if (pb_varint(&c, &key))
			return -1;
		if ((key & 7) == 0) {
			if (pb_varint(&c, &v))
				return -1;
			if (key >> 3 == 2)
				*kind = v;
			if (key >> 3 == 3)
				*block = v;
		} else if ((key & 7) == 2) {
			if (pb_varint(&c, &v) || v > (uint64_t)(c.end - c.p))
				return -1;
			c.p += v;
		} else {
			return -1;
		}
	}
	return 0;
}

/* Stripes, metadata and footer lie back to back between the magic and the
 * PostScript, each a run of chunks (3-byte header, then a zstd frame or
 * the original bytes): decompresses every zstd chunk and copies every
 * original one, as a reader must. 1 when the file is not a zstd ORC file,
 * -1 when it is malformed. */
static int floor_orc(struct floor *fl, const uint8_t *data, size_t len)
{
	if (len < 4 || memcmp(data, "ORC", 3))
		return 1;
	size_t ps_len = data[len - 1];
	if (ps_len == 0 || ps_len > len - 4)
		return -1;
	uint64_t kind, block;
	if (orc_postscript(data + len - 1 - ps_len, ps_len, &kind, &block))
		return -1;
	if (kind != 5)
		return 1;
	if (block > fl->out_cap) {
		fl->out = pl_realloc(fl->out, (size_t)block);
		fl->out_cap = (size_t)block;
	}
	const uint8_t *p = data + 3, *end = data + len - 1 - ps_len;
	while (p < end) {
		if (end - p < 3)
			return -1;
		uint32_t h = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
		size_t n = h >> 1;
		p += 3;
		if (n > (size_t)(end - p))
			return -1;
		if (h & 1) {
			if (n > fl->out_cap)
				return -1;
			memcpy(fl->out, p, n);
			fl->decompressed += n;
		} else {
			size_t got = ZSTD_decompressDCtx(fl->dctx, fl->out, fl->out_cap, p, n);
			if (ZSTD_isError(got))
				return -1;
			fl->decompressed += got;
		}
		fl->blocks++;
		p += n;
	}
	return 0;
}

/* ---- the table -------------------------------------------------------- */

struct manifests {
	char **paths;
	size_t n;
};

static void list_manifests(struct pl_storage *st, const char *table,
			   const struct pl_snapshot *snap, struct manifests *out)
{
	struct pl_arena arena;
	struct pl_manifest_file_metas metas = { 0 };
	struct pl_error err;
	pl_arena_init(&arena, 64 << 10);
	if (snap->base_manifest_list &&
	    pl_manifest_list_read(st, table, snap->base_manifest_list, 0, &arena, &metas, &err))
		die("base manifest list", &err);
	if (snap->delta_manifest_list &&
	    pl_manifest_list_read(st, table, snap->delta_manifest_list, 0, &arena, &metas, &err))
		die("delta manifest list", &err);
	out->paths = pl_calloc(metas.n ? metas.n : 1, sizeof(char *));
	out->n = metas.n;
	char *dir = pl_path_join_dup(table, "manifest");
	for (size_t k = 0; k < metas.n; k++)
		out->paths[k] = pl_path_join_dup(dir, metas.items[k].file_name);
	free(dir);
	free(metas.items);
	pl_arena_free(&arena);
}

/* A RESULT under its usual key, or prefix.short_key with --prefix. */
static void result(const char *prefix, const char *key, const char *short_key, double v,
		   const char *unit)
{
	char buf[128];
	if (prefix)
		snprintf(buf, sizeof(buf), "%s.%s", prefix, short_key);
	bench_result(prefix ? buf : key, v, unit);
}

/* The live file set once; returns its wall time. */
static double load_once(struct pl_storage *st, const char *table,
			const struct pl_fileset_source *src, size_t *n_files, double *cpu)
{
	struct pl_fileset *fs;
	struct pl_error err;
	double c0 = bench_cpu(), t0 = bench_wall();
	if (pl_fileset_load(st, table, src, &fs, &err))
		die("live file set", &err);
	double t = bench_wall() - t0;
	*cpu = bench_cpu() - c0;
	*n_files = fs->n_files;
	pl_fileset_free(fs);
	return t;
}

int main(int argc, char **argv)
{
	int repeat = 3;
	int argi = 1;
	const char *prefix = NULL;
	int threads = 2;
	while (argi + 1 < argc && argv[argi][0] == '-') {
		if (!strcmp(argv[argi], "--repeat"))
			repeat = atoi(argv[argi + 1]);
		else if (!strcmp(argv[argi], "--threads"))
			threads = atoi(argv[argi + 1]);
		else if (!strcmp(argv[argi], "--prefix"))
			prefix = argv[argi + 1];
		else
			break;
		argi += 2;
	}
	if (argi + 1 != argc || repeat < 1 || threads < 1) {
		fprintf(stderr, "usage: bench_fileset [--repeat N] [--threads N] [--prefix P] TABLE_PATH\n");
		return 2;
	}
	const char *table = argv[argi];
	struct pl_storage *st;
	struct pl_error err;
	if (pl_storage_local_open(table, &st, &err))
		die(table, &err);

	struct pl_arena arena;
	pl_arena_init(&arena, 16 << 10);
	char *snapdir = pl_path_join(&arena, table, "snapshot");
	int64_t id;
	struct pl_snapshot snap;
	if (pl_hint_find_latest(st, snapdir, "snapshot-", &id, NULL, &err) ||
	    pl_snapshot_load(st, snapdir, "snapshot-", id, &arena, &snap, &err))
		die("latest snapshot", &err);
	struct pl_fileset_source src = {
		.base_manifest_list = snap.base_manifest_list,
		.base_manifest_list_size = snap.base_manifest_list_size.present
						   ? (uint64_t)snap.base_manifest_list_size.v : 0,
		.delta_manifest_list = snap.delta_manifest_list,
		.delta_manifest_list_size = snap.delta_manifest_list_size.present
						    ? (uint64_t)snap.delta_manifest_list_size.v : 0,
		.index_manifest = snap.index_manifest,
	};

	/* The target is for one thread: no read-ahead until the threaded runs
	 * below. */
	pl_record_readers_set_threads(1);
	/* Memory first, on a quiet heap: the high-water mark of one load and
	 * what the loaded set keeps. */
	bench_trim();
	uint64_t rss0 = bench_rss();
	int peak_ok = bench_reset_peak() == 0;
	struct pl_fileset *fs;
	double c0 = bench_cpu(), t0 = bench_wall();
	if (pl_fileset_load(st, table, &src, &fs, &err))
		die("live file set", &err);
	double best_wall = bench_wall() - t0, best_cpu = bench_cpu() - c0;
	uint64_t peak = bench_peak_rss();
	bench_trim();
	uint64_t held = bench_rss() - rss0;
	size_t n_files = fs->n_files;
	size_t n_manifests = fs->manifests.n;
	pl_fileset_free(fs);

	/* Best of N, wall and CPU each: on a shared machine a neighbour can
	 * slow any one run. */
	for (int r = 1; r < repeat; r++) {
		double cpu, wall = load_once(st, table, &src, &n_files, &cpu);
		if (wall < best_wall)
			best_wall = wall;
		if (cpu < best_cpu)
			best_cpu = cpu;
	}
	/* Again with the decode spread over threads (Avro decompresses big
	 * manifests' blocks ahead on a second thread). */
	pl_record_readers_set_threads(threads);
	double threads_wall = 0, threads_cpu = 0;
	for (int r = 0; r < repeat; r++) {
		double cpu, wall = load_once(st, table, &src, &n_files, &cpu);
		if (!r || wall < threads_wall)
			threads_wall = wall;
		if (!r || cpu < threads_cpu)
			threads_cpu = cpu;
	}

	/* The floor: the same manifest bytes read, then decompressed alone. */
	struct manifests ms;
	list_manifests(st, table, &snap, &ms);
	struct pl_buf *bufs = pl_calloc(ms.n ? ms.n : 1, sizeof(*bufs));
	double read_best = 0, read_cpu = 0;
	uint64_t bytes = 0;
	for (int r = 0; r < repeat; r++) {
		for (size_t k = 0; k < ms.n; k++)
			pl_buf_free(&bufs[k]);
		bytes = 0;
		double r0 = bench_wall(), rc0 = bench_cpu();
		for (size_t k = 0; k < ms.n; k++) {
			if (pl_storage_read(st, ms.paths[k], 0, &bufs[k], &err))
				die(ms.paths[k], &err);
			bytes += bufs[k].len;
		}
		double t = bench_wall() - r0, tc = bench_cpu() - rc0;
		if (!r || t < read_best)
			read_best = t;
		if (!r || tc < read_cpu)
			read_cpu = tc;
	}
	struct floor fl = { ZSTD_createDCtx(), NULL, ZSTD_DStreamOutSize() * 4, 0, 0 };
	fl.out = pl_malloc(fl.out_cap);
	double dec_best = 0, dec_cpu = 0;
	int avro_zstd = 1;   /* every manifest zstd-compressed, Avro or ORC */
	for (int r = 0; r < repeat; r++) {
		fl.decompressed = fl.blocks = 0;
		double d0 = bench_wall(), dc0 = bench_cpu();
		for (size_t k = 0; k < ms.n && avro_zstd; k++) {
			int is_orc = bufs[k].len >= 3 && !memcmp(bufs[k].data, "ORC", 3);
			int rc = is_orc ? floor_orc(&fl, bufs[k].data, bufs[k].len)
				: floor_avro(&fl, bufs[k].data, bufs[k].len);
			if (rc < 0) {
				fprintf(stderr, "bench_fileset: %s: malformed %s file\n",
					ms.paths[k], is_orc ? "ORC" : "Avro container");
				return 1;
			}
			if (rc > 0)
				avro_zstd = 0;
		}
		double t = bench_wall() - d0, tc = bench_cpu() - dc0;
		if (!r || t < dec_best)
			dec_best = t;
		if (!r || tc < dec_cpu)
			dec_cpu = tc;
	}

	bench_note("%s: %zu live files from %zu manifests (%" PRIu64 " bytes)", table, n_files,
		   n_manifests, bytes);
	result(prefix, "fileset.live_files", "live_files", (double)n_files, "files");
	result(prefix, "fileset.manifests", "manifests", (double)n_manifests, "files");
	result(prefix, "fileset.manifest_bytes", "manifest_bytes", (double)bytes, "bytes");
	result(prefix, "fileset.wall", "wall", best_wall, "s");
	result(prefix, "fileset.cpu", "cpu", best_cpu, "s");
	result(prefix, "fileset.entries_per_s", "entries_per_s", n_files / best_wall, "1/s");
	bench_note("threaded runs: %d threads", threads);
	result(prefix, "fileset.wall_threads", "wall_threads", threads_wall, "s");
	result(prefix, "fileset.cpu_threads", "cpu_threads", threads_cpu, "s");
	if (peak_ok)
		result(prefix, "fileset.peak_rss", "peak_rss",
		       (double)(peak > rss0 ? peak - rss0 : 0), "bytes");
	result(prefix, "fileset.held_rss", "held_rss", (double)held, "bytes");
	result(prefix, "fileset.bytes_per_file", "bytes_per_file",
	       n_files ? (double)held / n_files : 0, "bytes");
	result(prefix, "floor.read", "floor_read", read_best, "s");
	result(prefix, "floor.read_cpu", "floor_read_cpu", read_cpu, "s");
	if (avro_zstd) {
		result(prefix, "floor.decompressed_bytes", "floor_decompressed_bytes",
		       (double)fl.decompressed, "bytes");
		result(prefix, "floor.zstd_wall", "floor_wall", dec_best, "s");
		result(prefix, "floor.zstd_cpu", "floor_cpu", dec_cpu, "s");
		/* CPU against CPU: wall time on a shared machine measures the
		 * neighbours as much as the code. */
		result(prefix, "fileset.ratio_to_zstd", "ratio_to_floor", best_cpu / dec_cpu, "x");
	} else {
		bench_note("manifests are not zstd-compressed: no decompression floor");
	}

	for (size_t k = 0; k < ms.n; k++) {
		pl_buf_free(&bufs[k]);
		free(ms.paths[k]);
	}
	free(bufs);
	free(ms.paths);
	free(fl.out);
	ZSTD_freeDCtx(fl.dctx);
	pl_arena_free(&arena);
	pl_storage_close(st);
	return 0;
}
