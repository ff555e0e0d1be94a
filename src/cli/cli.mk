# CLI sources (appended to paimon_lens_SOURCES)
paimon_lens_SOURCES += src/cli/cli.h src/cli/args.c src/cli/cmd_ls.c src/cli/cmd_show.c \
	src/cli/output.h src/cli/output_text.c src/cli/output_json.c
