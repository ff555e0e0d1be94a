bin_PROGRAMS += paimon-lens
paimon_lens_SOURCES = src/cli/main.c
paimon_lens_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS)
paimon_lens_LDADD = $(PL_COLLECT_LIBS) $(PL_CORE_LDADD)
paimon_lens_SOURCES += src/cli/cmd_export.c src/cli/cmd_collect.c
paimon_lens_SOURCES += src/cli/cmd_health.c
include src/cli/cli.mk
include src/cli/remote.mk
