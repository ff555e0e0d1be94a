/* The remote-lake commands: `paimon-lens sources` and
 * `paimon-lens test-connection NAME|URI`. Both take argv with the command
 * name first (argv[0] == "sources" / "test-connection") and return the
 * process exit status. */
#ifndef PL_CLI_REMOTE_CMDS_H
#define PL_CLI_REMOTE_CMDS_H

#include "io/storage.h"

int cmd_sources(int argc, char **argv);
int cmd_test_connection(int argc, char **argv);

/* When name is a data source of the sources file, fills the options it
 * sets (command-line ones win) and returns its warehouse URI; returns NULL
 * when name is not a source (then it is a path or URI). The strings live
 * until the process ends. A broken sources file is reported on stderr
 * once and treated as empty. */
const char *pl_cli_source_lookup(const char *name, struct pl_storage_options *opts);

#endif
