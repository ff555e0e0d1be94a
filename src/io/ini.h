/* The INI dialect of ~/.aws/config, ~/.alibabacloud/credentials and our
 * data-source file: "[section]", "key = value", '#' and ';' comments,
 * indented continuation lines below an empty "key =" become "key.sub". */
#ifndef PL_IO_INI_H
#define PL_IO_INI_H

#include <stddef.h>

#include "util/err.h"

struct pl_ini_entry {
	char *section;     /* "" before the first section header */
	char *key;         /* lower case */
	char *value;
	int line;
};

struct pl_ini {
	struct pl_ini_entry *items;
	size_t n, cap;
	char **sections;   /* in file order, each once */
	size_t n_sections, cap_sections;
	char *duplicate;   /* first section header seen twice, or NULL */
};

/* The files are small; anything above this is not a configuration file. */
#define PL_INI_MAX_BYTES (1 << 20)

int pl_ini_parse(const char *text, size_t len, const char *file, struct pl_ini *out,
		 struct pl_error *err);
/* PL_ERR_NOT_FOUND when the file does not exist. */
int pl_ini_load(const char *path, struct pl_ini *out, struct pl_error *err);
const char *pl_ini_get(const struct pl_ini *ini, const char *section, const char *key);
int pl_ini_has_section(const struct pl_ini *ini, const char *section);
void pl_ini_free(struct pl_ini *ini);

#endif
