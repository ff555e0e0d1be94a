# remote CLI commands (paimon_lens_SOURCES += ...)
