# Runs every read command of paimon-lens over one warehouse: both forms
# of ls, every show view (and --json, time travel), export (a table, a
# view, the catalog, to files), collect (all formats, with a state file,
# twice for the incremental path), sources, test-connection and the
# browser in script mode with :export and :save-display. For the secrets
# and the request-method tests, which then inspect what came out.
# Source after tests/lib.sh.
#
# every_command DIR WAREHOUSE DB.TABLE [STORAGE OPTIONS...]: stdout and
# stderr of each command in DIR/NAME.out and DIR/NAME.err, files written
# in DIR, "NAME STATUS" lines in DIR/status.
every_command() {
	_ec_dir=$1 _ec_wh=$2 _ec_table=$3
	shift 3
	mkdir -p "$_ec_dir"
	_ec ls ls "$_ec_wh" "$@"
	_ec ls-db ls "$_ec_wh" "${_ec_table%%.*}" "$@"
	_ec_views="overview schema schemas snapshots partitions buckets files manifests tags
		branches consumers options statistics indexes health"
	# Under valgrind (tests/lib.sh) each start costs about a second: the
	# views that read the most and one command of each kind, to keep the
	# CI stage short (the rest runs there in cli_basics.sh and in the
	# plain and ASan stages).
	_ec_all=1
	[ -n "$_vg_dir" ] && _ec_views="overview files health" _ec_all=
	for _ec_view in $_ec_views; do
		_ec "show-$_ec_view" show "$_ec_wh" "$_ec_table" "$_ec_view" "$@"
	done
	[ -n "$_ec_all" ] && _ec show-json show "$_ec_wh" "$_ec_table" files --json "$@"
	[ -n "$_ec_all" ] && _ec show-snapshot-1 show "$_ec_wh" "$_ec_table" files --snapshot 1 "$@"
	_ec export-table export "$_ec_wh" "$_ec_table" -o "$_ec_dir/export-table.json" "$@"
	[ -n "$_ec_all" ] && _ec export-view export "$_ec_wh" "$_ec_table" snapshots "$@"
	[ -n "$_ec_all" ] && _ec export-catalog export "$_ec_wh" -o "$_ec_dir/export-catalog.ndjson" "$@"
	_ec collect collect "$_ec_wh" "$@"
	_ec collect-state collect "$_ec_wh" --state "$_ec_dir/collect.state" "$@"
	[ -n "$_ec_all" ] && _ec collect-again collect "$_ec_wh" --state "$_ec_dir/collect.state" "$@"
	_ec collect-datahub collect "$_ec_wh" --format datahub "$@"
	[ -n "$_ec_all" ] && _ec collect-openmetadata collect "$_ec_wh" --format openmetadata "$@"
	_ec sources sources
	_ec test-connection test-connection "$_ec_wh" "$@"
	cat >"$_ec_dir/browser.script" <<EOF
:cd $_ec_table
:view files
:export $_ec_dir/browser-export.json
:save-display $_ec_dir/browser-files.screen
:view snapshots
:save-display $_ec_dir/browser-snapshots.screen
:diff snapshot 1 2
:save-display $_ec_dir/browser-diff.screen
EOF
	_ec browser env PAIMON_LENS_SCRIPT="$_ec_dir/browser.script" PAIMON_LENS_SIZE=160x40 \
		timeout 120 "$PL" "$_ec_wh" "$@"
}

# _ec NAME ARGS...: one paimon-lens command; ARGS starting with `env` are
# a whole command line (the browser, with its script in the environment).
_ec() {
	_ec_name=$1
	shift
	if [ "$1" = env ]; then
		"$@" >"$_ec_dir/$_ec_name.out" 2>"$_ec_dir/$_ec_name.err"
	else
		"$PL" "$@" >"$_ec_dir/$_ec_name.out" 2>"$_ec_dir/$_ec_name.err"
	fi
	echo "$_ec_name $?" >>"$_ec_dir/status"
}
