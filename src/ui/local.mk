# The curses browser, linked into paimon-lens (objects, so that the static
# libraries after them in LDADD resolve their symbols).
paimon_lens_SOURCES += \
	src/ui/ui.h src/ui/app.h src/ui/app.c src/ui/loader.c \
	src/ui/screen.c src/ui/table_widget.c src/ui/table_widget.h \
	src/ui/theme.c src/ui/theme.h src/ui/keys.c src/ui/keys.h \
	src/ui/view_table.c src/ui/view_schema.c src/ui/view_snapshots.c \
	src/ui/view_files.c src/ui/view_health.c src/ui/view_sources.c src/ui/commands.c src/ui/cmdbar.c src/ui/prompt.c \
	src/ui/config.c src/ui/script.c src/ui/export.c src/ui/export.h
paimon_lens_CFLAGS += $(NCURSES_CFLAGS) -DPL_BUILD_DEMO='"$(abs_top_builddir)/demo-lake"'
paimon_lens_LDADD += $(NCURSES_LIBS) $(READLINE_LIBS) $(PTHREAD_LIBS)
themesdir = $(pkgdatadir)/themes
dist_themes_DATA = themes/default.theme themes/light.theme themes/mono.theme
