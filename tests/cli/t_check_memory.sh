#!/bin/bash
# check keeps its resident memory bounded whatever the database's size
# (issue 15: under 1 GiB at any size).  Its peak resident set (VmHWM, what
# `top` and a cgroup limit see) counts the pages of the LMDB maps it read
# -- the live database and the scratch copy it rebuilds into -- as well
# as what it allocated; check.c gives the mapped pages back once they
# pass 48 MiB and caps the pages a copy chunk changes.  On a desk of
# ~1.5 GiB the peak must stay far below the data's size: before,
# a rebuild chunk kept every page it touched (740 MiB on a 1.8 GiB desk
# of 200,000 cases, 1.2-1.6 GiB at a million) and the copy kept ~200 MiB
# of changed pages.  Not under the sanitizer, whose shadow memory would
# hide what the program keeps.
. "$(dirname "$0")/common.sh"

case "$SEDESK_BIN" in
*-san) ok "# SKIP memory is not measured under the sanitizer"; finish ;;
esac

# Enterprises with long notes of varied words: records of ~3.5 KiB, and
# search postings spread over the whole index, as a real desk's are.
N=${T_CHECK_MEMORY_ENTS:-40000}
awk -v count="$N" 'BEGIN {
	srand(15)
	print "name,city,tags,notes"
	for (w = 0; w < 30000; w++) {
		s = ""
		for (j = 0; j < 4 + w % 6; j++)
			s = s substr("bcdfghjklmnprstvwz", 1 + int(rand() * 18), 1) \
			    substr("aeiou", 1 + int(rand() * 5), 1)
		word[w] = s
	}
	for (i = 1; i <= count; i++) {
		n = ""
		for (j = 0; j < 250; j++)
			n = n " " word[int(rand() * rand() * 30000)]
		printf "Onderneming %d,Gent,t%d,\"%s\"\n", i, i % 40, n
	}
}' >"$T_DIR/ents.csv"

init_db
SEDESK_USER=ann "$SEDESK_BIN" enterprise import "$T_DIR/ents.csv" >"$T_DIR/.out" 2>&1 </dev/null
is "set-up: $N enterprises imported" "$(cat "$T_DIR/.out")" "imported $N, rejected 0"
DATA_KB=$(( $(stat -c %s "$T_DB/data.mdb") / 1024 ))
echo "# data.mdb: $((DATA_KB / 1024)) MiB"

# The last VmHWM (KiB) of `sedesk check` as root, read while it runs (the
# peak never goes down, so the last reading is within 20 ms of the end).
SEDESK_USER=root "$SEDESK_BIN" check >"$T_DIR/.out" 2>"$T_DIR/.err" </dev/null &
pid=$!
HWM=0
while kill -0 "$pid" 2>/dev/null; do
	kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	[ -n "$kb" ] && [ "$kb" -gt "$HWM" ] && HWM=$kb
	sleep 0.02
done
wait "$pid"
RC=$?
is "check finds the imported desk clean" "$RC/$(cat "$T_DIR/.out")" "0/no problems found."
echo "# check: VmHWM $((HWM / 1024)) MiB on $((DATA_KB / 1024)) MiB of data"
# 48 MiB of mapped pages (plus what one record touches), a half-second
# chunk's changed pages (~130 MiB here) and the program: under 448 MiB (258-296 MiB measured);
# before, the peak grew with the data (720-852 MiB here, from a
# data.mdb of ~1.5 GiB).
if [ "$DATA_KB" -lt $((300 * 1024)) ]; then
	not_ok "set-up: a desk of at least 300 MiB (data.mdb is $((DATA_KB / 1024)) MiB)"
elif [ "$HWM" -gt 0 ] && [ "$HWM" -le $((448 * 1024)) ]; then
	ok "check's peak resident $((HWM / 1024)) MiB stays under 448 MiB"
else
	not_ok "check's peak resident $((HWM / 1024)) MiB stays under 448 MiB"
fi

finish
