# orc unit tests (check_PROGRAMS += ...)
