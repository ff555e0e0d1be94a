/* The global storage flags, shared by every command that opens a lake. */
#include "io/storage.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int takes_value;
} flags[] = {
	{ "--endpoint", 1 }, { "--region", 1 }, { "--path-style", 0 }, { "--no-cache", 0 },
	{ "--max-parallel", 1 }, { "--profile", 1 }, { "--signature", 1 }, { "--ca-file", 1 },
	{ "--access-mode", 1 },
};

int pl_storage_options_from_args(int argc, char **argv, int *i,
				 struct pl_storage_options *opts, struct pl_error *err)
{
	const char *arg = argv[*i];
	for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++) {
		size_t n = strlen(flags[k].name);
		if (strncmp(arg, flags[k].name, n) != 0 || (arg[n] && arg[n] != '='))
			continue;
		const char *value = NULL;
		if (flags[k].takes_value) {
			if (arg[n] == '=')
				value = arg + n + 1;
			else if (*i + 1 < argc)
				value = argv[++*i];
			else
				return pl_err(err, PL_ERR_USAGE, "%s needs a value", flags[k].name);
			if (!*value)
				return pl_err(err, PL_ERR_USAGE, "%s needs a non-empty value", flags[k].name);
		} else if (arg[n] == '=') {
			return pl_err(err, PL_ERR_USAGE, "%s takes no value", flags[k].name);
		}
		(*i)++;
		switch (k) {
		case 0: opts->endpoint = value; break;
		case 1: opts->region = value; break;
		case 2: opts->path_style = 1; break;
		case 3: opts->no_cache = 1; break;
		case 4: {
			char *end;
			long v = strtol(value, &end, 10);
			if (*end || v < 1 || v > 256)
				return pl_err(err, PL_ERR_USAGE, "--max-parallel wants a number from 1 to 256, not '%s'", value);
			opts->max_parallel = (int)v;
			break;
		}
		case 5: opts->profile = value; break;
		case 6:
			if (strcmp(value, "v4") != 0 && strcmp(value, "v1") != 0 && strcmp(value, "s3") != 0)
				return pl_err(err, PL_ERR_USAGE, "--signature wants v4, v1 or s3, not '%s'", value);
			opts->signature = value;
			break;
		case 7: opts->ca_file = value; break;
		case 8:
			if (strcmp(value, "access-key") != 0 && strcmp(value, "sts") != 0 &&
			    strcmp(value, "ram-role") != 0)
				return pl_err(err, PL_ERR_USAGE, "--access-mode wants access-key, sts or ram-role, not '%s'", value);
			opts->access_mode = value;
			break;
		}
		return 1;
	}
	return 0;
}
