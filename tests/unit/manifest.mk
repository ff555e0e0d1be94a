# manifest unit tests (check_PROGRAMS += ...)
