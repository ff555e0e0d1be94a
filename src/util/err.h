/* Errors with context: every failing call fills a pl_error that names the
 * file, the byte offset where relevant, and what was expected. The code
 * doubles as the process exit status of the batch CLI. */
#ifndef PL_UTIL_ERR_H
#define PL_UTIL_ERR_H

#include <stdarg.h>
#include <stdint.h>

enum pl_err_code {
	PL_OK = 0,
	PL_ERR_GENERIC = 1,
	PL_ERR_USAGE = 2,
	PL_ERR_NOT_FOUND = 3,
	PL_ERR_CORRUPT = 4,
	PL_ERR_IO = 5,
	PL_ERR_LIMIT = 6,       /* a length or count above our safety caps */
	PL_ERR_NOMEM = 7,
	PL_ERR_CANCELLED = 8,
};

#define PL_ERR_MSG_MAX 1024

struct pl_error {
	enum pl_err_code code;
	char msg[PL_ERR_MSG_MAX];
};

/* Sets err (if not NULL) and returns -1 so callers can `return pl_err(...)`. */
int pl_err(struct pl_error *err, enum pl_err_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Like pl_err for a corrupt file: "FILE: offset N: MSG". */
int pl_err_corrupt(struct pl_error *err, const char *file, uint64_t offset,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Prepends "CONTEXT: " to an existing message (keeps the code). */
int pl_err_prefix(struct pl_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pl_err_clear(struct pl_error *err);
const char *pl_err_code_name(enum pl_err_code code);

#endif
