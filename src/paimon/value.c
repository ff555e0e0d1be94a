#include "paimon/value.h"

#include <string.h>

int pl_rtype_field_index(const struct pl_rtype *rec, const char *name)
{
	if (!rec || rec->kind != PL_VK_RECORD)
		return -1;
	for (size_t i = 0; i < rec->nfields; i++)
		if (strcmp(rec->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

const struct pl_value *pl_value_field(const struct pl_value *rec, const char *name)
{
	if (!rec || rec->kind != PL_VK_RECORD)
		return NULL;
	return pl_value_field_at(rec, pl_rtype_field_index(rec->u.record.type, name));
}

const char *pl_vkind_name(enum pl_vkind k)
{
	switch (k) {
	case PL_VK_NULL: return "null";
	case PL_VK_BOOL: return "boolean";
	case PL_VK_INT: return "integer";
	case PL_VK_FLOAT: return "float";
	case PL_VK_DOUBLE: return "double";
	case PL_VK_STRING: return "string";
	case PL_VK_BYTES: return "bytes";
	case PL_VK_ARRAY: return "array";
	case PL_VK_MAP: return "map";
	case PL_VK_RECORD: return "record";
	case PL_VK_TIMESTAMP_MS: return "timestamp";
	}
	return "?";
}
