#!/bin/bash
# A full disk (issue 6, "Durability and space"): the database lives on a
# 6 MiB tmpfs with a map of 64M (the fixture's), far larger than the disk,
# so the disk fills long before the map.  A filler file takes 3¾M of it.
#   1. imports of 300 rows until one fails;
#   2. cases with a 19 KB description until one fails;
#   3. a note, an enterprise and a resolution of 19 KB, each tried until
#      one fails.
# Each failing write exits 1 with "disk full … nothing was changed" and
# changes nothing (LMDB's last transaction id shows that nothing was
# committed) -- except the import, which commits in chunks: it says
# "disk full", leaves a prefix of its file, and the same import run again
# once there is space completes it, each row once; what was
# acknowledged before is all there; reads (check, case list/show,
# enterprise show, search, inbox) work on the full disk; and once the
# filler is deleted the writes that failed succeed.
#
# Needs root (to mount the tmpfs), mdb_dump and mdb_stat (lmdb-utils).  As another
# user it prints one line saying so and passes.
. "$(dirname "$0")/common.sh"

if [ "$(id -u)" -ne 0 ]; then
	ok "disk-full tests need root; skipped as non-root"
	exit 0
fi
for _tool in mdb_dump mdb_stat mountpoint; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		not_ok "$_tool is installed (this suite needs lmdb-utils and util-linux)"
		finish
	fi
done

DISK=$T_DIR/disk
T_DB=$DISK/db
mkdir -p "$DISK"
_disk_cleanup() {
	if mountpoint -q "$DISK" 2>/dev/null; then
		umount "$DISK" 2>/dev/null || umount -l "$DISK" 2>/dev/null
	fi
	mountpoint -q "$DISK" 2>/dev/null || rm -rf "$T_DIR"
}
trap _disk_cleanup EXIT

if ! _m=$(mount -t tmpfs -o size=6m,mode=0700 tmpfs "$DISK" 2>&1); then
	not_ok "set-up: mount a 6 MiB tmpfs (as root)" "$_m"
	finish
fi
ok "set-up: a 6 MiB tmpfs is mounted for the database"
sed -i "s|^path = db\$|path = $T_DB|" "$T_CONF"
# The filler leaves the database as much room as on a 4 MiB disk; freed at the
# end, it leaves room for every write that failed (the import's rerun writes
# a chunk of index pages).
head -c 3840K /dev/zero >"$DISK/filler"
# 256 KiB held back, freed after the imports (section 2).
head -c 256K /dev/zero >"$DISK/room"
init_db
E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1" --city Gent)
if [ -z "$E1" ]; then not_ok "set-up: an enterprise" "$(cat "$T_DIR/.adderr")"; finish; fi

avail_kb() { df -Pk "$DISK" | awk 'NR == 2 { print $4 }'; }
ent_count() {	# ent_count TAG
	SEDESK_USER=root "$SEDESK_BIN" enterprise list --tag "$1" --limit 100000 \
	    </dev/null 2>/dev/null | grep -vc '^(more:'
}
# The row numbers of the import with TAG that are there ("Vulling TAG rij
# N"): "1..K" when they are 1 to K each once, "none", or what is wrong.
row_numbers() {	# row_numbers TAG
	SEDESK_USER=root "$SEDESK_BIN" enterprise list --tag "$1" --limit 100000 --json \
	    </dev/null 2>/dev/null | jq -r --arg p "Vulling $1 rij " '
	    [.[].name | select(startswith($p)) | ltrimstr($p) | tonumber] | sort as $s
	    | if ($s | length) == 0 then "none"
	      elif $s == [range(1; ($s | length) + 1)] then "1..\($s | length)"
	      else "not a prefix: \($s | length) rows" end' 2>&1
}
make_csv() {	# make_csv TAG FILE
	awk -v t="$1" 'BEGIN {
		print "name,city,tags,offers,notes"
		for (i = 1; i <= 300; i++)
			printf "Vulling %s rij %d,Gent,%s,catering;schoonmaak,Een notitie van enige lengte over rij %d\n", t, i, t, i
	}' >"$2"
}
# The id of the last committed transaction.
txn_id() { mdb_stat -e "$T_DB" 2>/dev/null | awk -F': *' '/Last transaction ID/ { print $2 }'; }
# Three assertions on a write that failed for want of space: exit 1, the
# message says "disk full" and that nothing was changed (starting with
# "sedesk:"), and the database is as it was: the same content ($BEFORE,
# when set) or no transaction committed ($TXN_BEFORE).
full_failure() {	# full_failure WHAT
	if [ "$RC" -eq 1 ]; then ok "$1 fails with exit 1"
	else not_ok "$1 fails with exit 1" "exit $RC
stdout: $OUT
stderr: $ERR"; fi
	case $ERR in
	"sedesk: "*"disk full"*"nothing was changed"*) ok "$1: the message says 'disk full … nothing was changed'" ;;
	*) not_ok "$1: the message says 'disk full … nothing was changed'" "stderr: $ERR" ;;
	esac
	if [ -n "$BEFORE" ]; then
		is "$1: nothing was changed (the same content)" "$(db_fingerprint)" "$BEFORE"
	else
		is "$1: nothing was changed (no transaction committed)" "$(txn_id)" "$TXN_BEFORE"
	fi
}

# --- 1. imports until the disk is full ---------------------------------------------
IMPORTED=() FAILED_TAG=""
for i in $(seq 1 30); do
	make_csv "vul$i" "$T_DIR/vul$i.csv"
	BEFORE=$(db_fingerprint)
	run ann enterprise import "$T_DIR/vul$i.csv"
	if [ "$RC" -eq 0 ] && [ "$OUT" = "imported 300, rejected 0" ]; then
		IMPORTED+=("vul$i")
		continue
	fi
	FAILED_TAG=vul$i
	break
done
if [ ${#IMPORTED[@]} -gt 0 ] && [ -n "$FAILED_TAG" ]; then
	ok "set-up: ${#IMPORTED[@]} imports of 300 rows fit, the next one did not"
else
	not_ok "set-up: some imports of 300 rows fit, then one did not" "imported: ${IMPORTED[*]}; last exit $RC: $OUT $ERR"
	finish
fi
# The import commits in chunks (src/core/bulk.h): the one that did not fit
# says so and undid only the chunk it was writing; what it left is a prefix
# of its file (rows 1..k, none twice) that a rerun completes (below).
if [ "$RC" -eq 1 ]; then ok "the import that does not fit on the disk fails with exit 1"
else not_ok "the import that does not fit on the disk fails with exit 1" "exit $RC
stdout: $OUT
stderr: $ERR"; fi
case $ERR in
"sedesk: "*"disk full"*) ok "the import that does not fit: the message says 'disk full'" ;;
*) not_ok "the import that does not fit: the message says 'disk full'" "stderr: $ERR" ;;
esac
FAILED_PREFIX=$(row_numbers "$FAILED_TAG")
case $FAILED_PREFIX in
none) ok "the import that does not fit left no row (its first chunk did not fit)" ;;
1..*)
	ok "the import that does not fit left a prefix of its file, none twice: rows $FAILED_PREFIX"
	like "… and says that a rerun continues after them" "$ERR" \
	    "rows up to line $(( ${FAILED_PREFIX#1..} + 1 )) were imported.*Run the same import again" ;;
*) not_ok "the import that does not fit left a prefix of its file, none twice" "$FAILED_PREFIX" ;;
esac
# The imports leave the pages they freed scattered over the file (each
# enterprise's index entries, by word and by NACE code, land all over their
# trees), while a case's long description needs a run of pages: the room
# held back is freed, so that some cases fit before the disk is full again.
rm -f "$DISK/room"

# --- 2. cases with a long description until the disk is full -------------------------
DESC=$(awk 'BEGIN { for (i = 0; i < 500; i++) printf "Regel %03d woord%d beschrijving.\n", i, i }')
CASES=() FAILED_SUBJECT="" BEFORE=""	# the cases acknowledged, in order
for i in $(seq 1 1000); do
	TXN_BEFORE=$(txn_id)
	run ann case new --enterprise "$E1" --subject "Lange vraag $i" --description "$DESC"
	if [ "$RC" -eq 0 ]; then CASES+=("$OUT"); continue; fi
	FAILED_SUBJECT="Lange vraag $i"
	break
done
if [ -n "$FAILED_SUBJECT" ] && [ ${#CASES[@]} -gt 0 ]; then
	ok "set-up: ${#CASES[@]} cases fit after the imports, the next one did not"
else
	not_ok "set-up: some cases fit after the imports, then one did not" "${#CASES[@]} cases; last exit $RC: $ERR"
	finish
fi
full_failure "the case that does not fit on the disk"
is "no case has the failed case's subject" \
    "$(SEDESK_USER=root "$SEDESK_BIN" case list --limit 100000 --json </dev/null 2>/dev/null |
       jq --arg s "$FAILED_SUBJECT" '[.[] | select(.subject == $s)] | length')" 0

# --- 3. other kinds of write on the full disk ---------------------------------------------
# A note, an enterprise and a resolution, each of 19 KB, are tried (up to 40
# times each, on the newest cases) until one fails; some may still fit in
# pages the database freed before.  The one that fails must say why and
# change nothing.
LONG=$(awk 'BEGIN { for (i = 0; i < 500; i++) printf "Zin %03d tekst%d volle schijf.\n", i, i }')
NOTES=() ENTS=() CLOSED=()
LAST=${CASES[-1]}
for WHAT in "case note" "enterprise add" "case close"; do
	FAILED=""
	for i in $(seq 1 40); do
		TXN_BEFORE=$(txn_id)
		TOK="$WHAT $i"
		case $WHAT in
		"case note") run ann case note "$LAST" "$TOK $LONG" ;;
		"enterprise add") run ann enterprise add --name "Onderneming $i" --notes "$TOK $LONG" ;;
		"case close")
			ON=${CASES[$(( ${#CASES[@]} - i ))]:-}
			[ -n "$ON" ] || break
			run ann case close "$ON" --resolution "$TOK $LONG" ;;
		esac
		if [ "$RC" -eq 0 ]; then
			case $WHAT in
			"case note") NOTES+=("$LAST	$TOK $LONG") ;;
			"enterprise add") ENTS+=("$OUT") ;;
			"case close") CLOSED+=("$ON") ;;
			esac
			continue
		fi
		FAILED=$i
		break
	done
	if [ -n "$FAILED" ]; then
		BEFORE=""
		full_failure "$WHAT with 19 KB of text on the full disk (after $((FAILED - 1)) fitted)"
	else
		not_ok "$WHAT with 19 KB of text fails on the full disk within 40 tries" "exit $RC: $OUT $ERR"
	fi
done
like "the disk is full (under 64 KiB free)" "$(avail_kb)" '^([0-9]|[1-5][0-9]|6[0-3])$'

# --- reads on the full disk ----------------------------------------------------------
FULL=$(db_fingerprint)
# Everything acknowledged: the imports, the cases with their numbers, the
# notes (each once), the enterprises added.
acknowledged_all_there() {	# acknowledged_all_there WHEN
	_bad=""
	for _t in "${IMPORTED[@]}"; do
		_c=$(ent_count "$_t")
		[ "$_c" = 300 ] || _bad="$_bad
import $_t: $_c rows of 300"
	done
	SEDESK_USER=root "$SEDESK_BIN" case list --limit 100000 --json </dev/null >"$T_DIR/list.json" 2>"$T_DIR/list.err"
	_got=$(jq -r '.[].number' "$T_DIR/list.json" 2>/dev/null | sort | tr '\n' ' ')
	_want=$(printf '%s\n' "${CASES[@]}" | sort | tr '\n' ' ')
	[ "$_got" = "$_want" ] || _bad="$_bad
case list: $_got
acknowledged: $_want $(cat "$T_DIR/list.err")"
	for _n in "${NOTES[@]}"; do	# CASE<tab>TEXT
		_c=$(SEDESK_USER=root "$SEDESK_BIN" case show "${_n%%	*}" --json </dev/null 2>/dev/null |
		    jq --arg t "${_n#*	}" '[.journal[] | select(.kind == "note" and .text == $t)] | length')
		[ "$_c" = 1 ] || _bad="$_bad
note on ${_n%%	*} (${_n:11:20}…): ${_c:-no case} times"
	done
	for _e in "${ENTS[@]}"; do
		[ "$(efield "$_e" .id)" = "$_e" ] || _bad="$_bad
enterprise $_e is missing"
	done
	for _c in "${CLOSED[@]}"; do
		_st=$(cfield "$_c" .status)
		[ "$_st" = closed ] || _bad="$_bad
case $_c was closed, is $_st"
	done
	if [ -z "$_bad" ]; then
		ok "$1: every acknowledged write is there (${#IMPORTED[@]} imports, ${#CASES[@]} cases, ${#NOTES[@]} notes, ${#ENTS[@]} enterprises, ${#CLOSED[@]} closed)"
	else
		not_ok "$1: every acknowledged write is there" "$_bad"
	fi
}

run root check
# The import that failed committed its first chunks, whose index writes wait
# in runs (bulk_run.c) until it is run again: check says so, in words, and
# counts no problem.
is "on the full disk, sedesk check exits 0 and finds no problems" \
    "$RC/$(grep -v 'index writes of an unfinished import are pending; run the import again' <<<"$OUT")" \
    "0/no problems found."
acknowledged_all_there "on the full disk"
FIRST=${CASES[0]}
run ann case show "$FIRST" --json
rc_is "on the full disk, case show --json exits 0" 0
jq_is "… and shows the first long case whole" '"\(.subject)|\(.description | length)"' "Lange vraag 1|${#DESC}"
run ann case show "$LAST"
rc_is "on the full disk, case show (text) exits 0" 0
like "… and shows the case's number" "$OUT" "$LAST"
run ann case list --limit 5
rc_is "on the full disk, case list exits 0" 0
like "… and lists the newest case" "$OUT" "$LAST"
run ann enterprise show "$KBO1" --json
rc_is "on the full disk, enterprise show exits 0" 0
jq_is "… with the enterprise's cases" '.cases | length > 0' true
run ann search Vulling "${IMPORTED[0]}" --kind enterprise --limit 3 --json
rc_is "on the full disk, search exits 0" 0
like "… and finds an imported enterprise" "$OUT" "Vulling ${IMPORTED[0]} rij"
run ann inbox
rc_is "on the full disk, inbox exits 0" 0
is "the reads changed nothing" "$(db_fingerprint)" "$FULL"

# --- space freed: the writes that failed succeed ---------------------------------------
rm -f "$DISK/filler"
run ann enterprise import "$T_DIR/$FAILED_TAG.csv"
is "after freeing space, the failed import run again completes (the whole file's counts)" \
    "$RC/$OUT" "0/imported 300, rejected 0"
[ "$RC" -eq 0 ] && IMPORTED+=("$FAILED_TAG")
is "… and all its 300 rows are there, each once" "$(row_numbers "$FAILED_TAG")" "1..300"
NEXT=$(printf '%s\n' "${CASES[@]}" | sort | tail -n 1)
NEXT=$(printf '2026-%05d' $((10#${NEXT#2026-} + 1)))
run ann case new --enterprise "$E1" --subject "$FAILED_SUBJECT" --description "$DESC"
is "after freeing space, the failed case is created with the next number (none was used up)" "$RC/$OUT" "0/$NEXT"
[ "$RC" -eq 0 ] && CASES+=("$OUT") && LAST=$OUT
run ann case note "$LAST" "Na het vrijmaken van ruimte"
rc_is "after freeing space, a note is added" 0
[ "$RC" -eq 0 ] && NOTES+=("$LAST	Na het vrijmaken van ruimte")
run root check
is "after freeing space, sedesk check exits 0 and finds no problems" "$RC/$OUT" "0/no problems found."
acknowledged_all_there "after freeing space"

finish
