# Local I/O faults (issue 8): an LD_PRELOAD shim that fails reads and opens
# of chosen lake files, and the test that drives the CLI and the browser
# through it. The shim is a plain shared object built for `make check`
# (not a check program: run-tests.sh would try to run it). Built without
# the project's CFLAGS so a sanitizer build does not instrument it.
PL_FAULT_LIB = tests/fault/libfault.so
$(PL_FAULT_LIB): $(top_srcdir)/tests/fault/libfault.c
	@mkdir -p $(@D)
	$(AM_V_CC)$(CC) -std=c11 -O1 -g -fPIC -shared -Wall -Wextra -Werror -o $@ \
	  $(top_srcdir)/tests/fault/libfault.c -ldl
check-local: $(PL_FAULT_LIB)
CLEANFILES += $(PL_FAULT_LIB)
SHELL_TESTS += tests/cli/local_faults.sh
EXTRA_DIST += tests/fault/libfault.c
