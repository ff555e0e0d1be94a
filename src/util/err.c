#include "util/err.h"

#include <stdio.h>
#include <string.h>

static void set_msg(struct pl_error *err, const char *prefix, const char *fmt, va_list ap)
{
	size_t n = 0;
	if (prefix) {
		int k = snprintf(err->msg, sizeof(err->msg), "%s", prefix);
		n = k < 0 ? 0 : (size_t)k;
		if (n >= sizeof(err->msg))
			n = sizeof(err->msg) - 1;
	}
	vsnprintf(err->msg + n, sizeof(err->msg) - n, fmt, ap);
}

int pl_err(struct pl_error *err, enum pl_err_code code, const char *fmt, ...)
{
	if (!err)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	err->code = code;
	set_msg(err, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int pl_err_corrupt(struct pl_error *err, const char *file, uint64_t offset, const char *fmt, ...)
{
	if (!err)
		return -1;
	char prefix[512];
	snprintf(prefix, sizeof(prefix), "%s: offset %llu: ", file ? file : "(input)",
		 (unsigned long long)offset);
	va_list ap;
	va_start(ap, fmt);
	err->code = PL_ERR_CORRUPT;
	set_msg(err, prefix, fmt, ap);
	va_end(ap);
	return -1;
}

int pl_err_prefix(struct pl_error *err, const char *fmt, ...)
{
	if (!err)
		return -1;
	char old[PL_ERR_MSG_MAX];
	memcpy(old, err->msg, sizeof(old));
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	size_t n = k < 0 ? 0 : (size_t)k;
	/* Append ": OLD" by hand: the message is cut at the buffer's end on
	 * purpose, which snprintf's truncation warning cannot know. */
	for (const char *src = ": "; n + 1 < sizeof(err->msg) && *src; src++)
		err->msg[n++] = *src;
	for (const char *src = old; n + 1 < sizeof(err->msg) && *src; src++)
		err->msg[n++] = *src;
	if (n < sizeof(err->msg))
		err->msg[n] = '\0';
	if (err->code == PL_OK)
		err->code = PL_ERR_GENERIC;
	return -1;
}

void pl_err_clear(struct pl_error *err)
{
	if (err) {
		err->code = PL_OK;
		err->msg[0] = '\0';
	}
}

const char *pl_err_code_name(enum pl_err_code code)
{
	switch (code) {
	case PL_OK: return "ok";
	case PL_ERR_GENERIC: return "error";
	case PL_ERR_USAGE: return "usage";
	case PL_ERR_NOT_FOUND: return "not found";
	case PL_ERR_CORRUPT: return "corrupt";
	case PL_ERR_IO: return "I/O error";
	case PL_ERR_LIMIT: return "limit exceeded";
	case PL_ERR_NOMEM: return "out of memory";
	case PL_ERR_CANCELLED: return "cancelled";
	}
	return "error";
}
