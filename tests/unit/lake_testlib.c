/* Scratch lakes for the metadata tests. */
#define _XOPEN_SOURCE 700   /* nftw */
#include "lake_testlib.h"
#include "test.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
}

/* Lakes made by this program, removed at exit (unless PL_KEEP_LAKES is
 * set, to look at them after a failure). */
static char **made;
static size_t nmade;

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void remove_lakes(void)
{
	for (size_t i = 0; i < nmade; i++) {
		if (!getenv("PL_KEEP_LAKES"))
			nftw(made[i], remove_entry, 16, FTW_DEPTH | FTW_PHYS);
		free(made[i]);
	}
	free(made);
}

char *lake_new(const char *tag)
{
	static int seq;
	size_t n = strlen(pl_test_tmpdir()) + strlen(tag) + 32;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s-%d", pl_test_tmpdir(), tag, ++seq);
	mkdirs(p);
	if (!nmade)
		atexit(remove_lakes);
	made = realloc(made, (nmade + 1) * sizeof(*made));
	made[nmade++] = strdup(p);
	return p;
}

void lake_mkdir(const char *root, const char *rel)
{
	size_t n = strlen(root) + strlen(rel) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", root, rel);
	mkdirs(p);
	free(p);
}

void lake_write(const char *root, const char *rel, const char *data, size_t len)
{
	size_t n = strlen(root) + strlen(rel) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", root, rel);
	char *slash = strrchr(p, '/');
	*slash = 0;
	mkdirs(p);
	*slash = '/';
	FILE *f = fopen(p, "wb");
	if (!f) {
		perror(p);
		exit(2);
	}
	if (len == (size_t)-1)
		len = strlen(data);
	fwrite(data, 1, len, f);
	fclose(f);
	free(p);
}

void lake_remove(const char *root, const char *rel)
{
	size_t n = strlen(root) + strlen(rel) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", root, rel);
	unlink(p);
	free(p);
}

const char *lake_snapshot_json(long long id)
{
	static char buf[1024];
	snprintf(buf, sizeof(buf),
		 "{\n  \"version\" : 3,\n  \"id\" : %lld,\n  \"schemaId\" : 0,\n"
		 "  \"baseManifestList\" : \"manifest-list-a-%lld\",\n"
		 "  \"deltaManifestList\" : \"manifest-list-b-%lld\",\n"
		 "  \"changelogManifestList\" : null,\n  \"commitUser\" : \"u\",\n"
		 "  \"commitIdentifier\" : %lld,\n  \"commitKind\" : \"APPEND\",\n"
		 "  \"timeMillis\" : %lld,\n  \"logOffsets\" : { },\n"
		 "  \"totalRecordCount\" : %lld,\n  \"deltaRecordCount\" : 1,\n"
		 "  \"changelogRecordCount\" : 0\n}",
		 id, id, id, id, 1700000000000LL + id, id);
	return buf;
}

const char *lake_schema_json(long long id, const char *options_json)
{
	static char buf[1024];
	snprintf(buf, sizeof(buf),
		 "{\n  \"version\" : 3,\n  \"id\" : %lld,\n  \"fields\" : [ {\n    \"id\" : 0,\n"
		 "    \"name\" : \"k\",\n    \"type\" : \"INT NOT NULL\"\n  } ],\n"
		 "  \"highestFieldId\" : 0,\n  \"partitionKeys\" : [ ],\n"
		 "  \"primaryKeys\" : [ \"k\" ],\n  \"options\" : %s,\n"
		 "  \"timeMillis\" : 1700000000000\n}",
		 id, options_json ? options_json : "{ }");
	return buf;
}
