#include "orc_testlib.h"

long orc_read_all(const uint8_t *d, size_t len, const char *name, struct pl_error *err)
{
	void *impl = NULL;
	const struct pl_record_reader_ops *ops = NULL;
	if (pl_orc_reader_open(d, len, name, &impl, &ops, err))
		return -1;
	const struct pl_value *row;
	long n = 0;
	int rc;
	while ((rc = ops->next(impl, &row, err)) == 1)
		n++;
	ops->close(impl);
	return rc < 0 ? -1 : n;
}
