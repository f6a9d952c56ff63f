#!/bin/sh
# The generator's bulk path makes the same desk as the workflow's actions:
# gen (each case played in memory, written whole on the core's bulk path)
# and gen --replay (every action through sd_case_*) from one seed give the
# same cases, routes and journal (every column but the random uuids), the
# same report figures, and a desk that `sedesk check` finds whole (indexes,
# aggregates, search terms).  The bench's read rows depend on the
# distributions, so `tests/bench/run` runs this before it generates.
#   tests/bench/t_gen_same.sh BIN_DIR SEDESK [CASES]
set -eu
bin=$1 sedesk=$2 cases=${3:-1500}
work=$(mktemp -d "${TMPDIR:-/tmp}/sedesk-gen-same-XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
fail=0

"$bin/gen" "$work/bulk" --cases "$cases" --enterprises 200 >/dev/null
"$bin/gen" "$work/replay" --cases "$cases" --enterprises 200 --replay >/dev/null
for x in bulk replay; do
	"$bin/tosqlite" "$work/$x" "$work/$x.sqlite" >/dev/null
done

same() {	# what query
	a=$(sqlite3 "$work/bulk.sqlite" "$2" | md5sum)
	b=$(sqlite3 "$work/replay.sqlite" "$2" | md5sum)
	n=$(sqlite3 "$work/bulk.sqlite" "SELECT count(*) FROM ($2)")
	if [ "$a" = "$b" ] && [ "$n" -gt 0 ]; then
		echo "ok - $1 the same ($n rows)"
	else
		echo "not ok - $1 differ (or none: $n rows)"
		fail=1
	fi
}
same cases "SELECT number, enterprise, subject, description, category, owner, resolution,
    channel, priority, status, created, updated, closed, due, satisfaction, version
    FROM cases ORDER BY id"
same routes "SELECT case_id, dept, state, officer, due, answer, routed, picked_up, finished,
    round FROM route ORDER BY case_id, dept"
same journal "SELECT id, case_id, enterprise, at, actor, kind, dept, text, field, old_value,
    new_value FROM journal ORDER BY id"
same statuses "SELECT status, count(*) FROM cases GROUP BY status"

for r in departments silos recognition backlog channels; do
	for x in bulk replay; do
		SEDESK_CONFIG=$work/$x/sedesk.ini SEDESK_USER=root "$sedesk" report "$r" \
		    --from 2025-01-01 --to 2026-03-01 --format json >"$work/$x.$r" 2>&1 || true
	done
	if cmp -s "$work/bulk.$r" "$work/replay.$r" && [ -s "$work/bulk.$r" ] &&
	    ! grep -qi error "$work/bulk.$r"; then
		echo "ok - report $r the same"
	else
		echo "not ok - report $r differs"; head -3 "$work/bulk.$r"
		fail=1
	fi
done

if out=$(SEDESK_CONFIG=$work/bulk/sedesk.ini SEDESK_USER=root "$sedesk" check 2>&1) &&
    echo "$out" | grep -q "no problems found"; then
	echo "ok - check finds the bulk desk whole"
else
	echo "not ok - check on the bulk desk: $out"
	fail=1
fi
exit $fail
