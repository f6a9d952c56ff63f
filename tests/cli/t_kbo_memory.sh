#!/bin/bash
# enterprise import-kbo keeps memory flat (issue 15): the extract is read
# as streams and only the chosen municipality's enterprises are gathered,
# so the resident anonymous memory (RssAnon: the heap and LMDB's dirty
# pages, not the mapped database nor the files' page cache) of filtering
# an extract to one city hardly depends on the extract's size.  Synthetic
# extracts of N and 10×N enterprises (build/kbogen), filtered to
# Destelbergen (one postcode: the kept set is small at both sizes).  Not
# under the sanitizer, whose shadow memory would hide what the program
# keeps.
. "$(dirname "$0")/common.sh"

case "$SEDESK_BIN" in
*-san) ok "# SKIP memory is not measured under the sanitizer"; finish ;;
esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KBOGEN=${KBOGEN:-$ROOT/build/kbogen}
if [ ! -x "$KBOGEN" ]; then
	not_ok "build/kbogen is built (make build/kbogen)"
	finish
fi

# Peak RssAnon in KiB of the import as ann, sampled while it runs.
import_peak() {	# import_peak DIR
	SEDESK_USER=ann "$SEDESK_BIN" enterprise import-kbo "$1" --municipality Destelbergen \
	    --json >"$T_DIR/.out" 2>"$T_DIR/.err" </dev/null &
	_pid=$!
	PEAK=0
	while kill -0 "$_pid" 2>/dev/null; do
		_kb=$(awk '/^RssAnon:/ { print $2 }' "/proc/$_pid/status" 2>/dev/null)
		[ -n "$_kb" ] && [ "$_kb" -gt "$PEAK" ] && PEAK=$_kb
		sleep 0.005
	done
	wait "$_pid"
	RC=$?
	OUT=$(cat "$T_DIR/.out")
	ERR=$(cat "$T_DIR/.err")
}

N=${T_KBO_ENTERPRISES:-4000}
"$KBOGEN" -n "$N" "$T_DIR/small"
"$KBOGEN" -n $((N * 10)) "$T_DIR/large"

init_db
import_peak "$T_DIR/small"
rc_is "filtering $N enterprises exits 0" 0
jq_true "some enterprises of Destelbergen added" '.added > 0'
small=$PEAK
rm -rf "$T_DB"; init_db
import_peak "$T_DIR/large"
rc_is "filtering $((N * 10)) enterprises exits 0" 0
jq_true "more of Destelbergen added from the larger extract" '.added > 0'
large=$PEAK
echo "# RssAnon peak: $small KiB at $N enterprises, $large KiB at $((N * 10))"
# Ten times the rows (about 20 MiB more to read) may cost at most 4 MiB
# more: what grows is the kept set (a few hundred numbers), not the rows.
if [ "$large" -le $((small + 4096)) ]; then
	ok "RssAnon stays flat: $large KiB at $((N * 10)) against $small KiB at $N"
else
	not_ok "RssAnon stays flat: $large KiB at $((N * 10)) against $small KiB at $N"
fi

finish
