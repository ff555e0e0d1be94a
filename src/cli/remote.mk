# remote CLI commands (paimon_lens_SOURCES += ...)
paimon_lens_SOURCES += src/cli/remote_cmds.h src/cli/cmd_sources.c src/cli/cmd_test_connection.c
