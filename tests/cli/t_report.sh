#!/bin/bash
# sedesk report: golden files of every report as text, CSV and JSON on a
# fixed history (tests/cli/report/history.sh) with a fixed clock; who may
# see which report; --cases; -o FILE; usage errors; an upgraded schema-2
# database reports the figures of its cases.
#   REPORT_GOLDEN_UPDATE=1 SEDESK_BIN=./sedesk tests/run tests/cli t_report.sh
#   rewrites the golden files (review the diff).
. "$(dirname "$0")/common.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
GOLD=$HERE/report
. "$HERE/report/history.sh" >/dev/null 2>&1

golden() {	# golden NAME USER ARG…   (output against $GOLD/NAME)
	_name=$1; shift
	run "$@"
	if [ -n "$REPORT_GOLDEN_UPDATE" ]; then
		printf '%s\n' "$OUT" > "$GOLD/$_name"
	fi
	if [ "$RC" -eq 0 ] && [ "$OUT" = "$(cat "$GOLD/$_name")" ]; then
		ok "$_name: as the golden file"
	else
		not_ok "$_name: as the golden file" "exit $RC: $ERR
$(diff <(printf '%s\n' "$OUT") "$GOLD/$_name" | head -20)"
	fi
}

for r in departments silos recognition backlog channels; do
	golden "$r.txt" dina report "$r" --year 2026
	golden "$r.csv" dina report "$r" --year 2026 --format csv
	golden "$r.json" dina report "$r" --year 2026 --json
done
golden departments-eco-funding.txt ann report departments --from 2026-01-01 --to 2026-01-31 \
    --dept eco --category funding
golden channels-semicolon.csv dina report channels --from 2026-01-01 --to 2026-03-31 \
    --format csv --separator ';'

# The figures, spelled out (not only "as before").
run dina report departments --year 2026 --json
jq_is "eco received 4 routes in 2026" '.departments[0].received' 4
jq_is "eco: one decline, for its reason" '.departments[0].decline_reasons[0].reason' \
    "Niet voor ons"
jq_is "eco: median pick-up 2 working days" '.departments[0].pickup_days.median' 2
run dina report silos --year 2026 --json
jq_is "3 cases needed two or more departments" '.two_or_more' 3
jq_is "eco and wel were routed together twice" \
    '.pairs[] | select(.departments == ["eco","wel"]) | .cases' 2
run dina report recognition --year 2026 --json
jq_is "the gap: the contact point scores 1.5 higher" '.total.gap_mean' 1.5
jq_is "reach: the register holds four enterprises" '.reach.register' 4
jq_is "reach: three with a case" '.reach.case' 3
jq_is "reach: one met at a contact moment" '.reach.moment' 1
jq_is "reach: one at an event" '.reach.event' 1
jq_is "reach: all four with one of them" '.reach.any' 4
run dina report recognition --from 2026-02-23 --to 2026-02-23 --json
jq_is "reach of one day: the visit only" '[.reach.any, .reach.moment, .reach.event] | join(",")' \
    "1,1,0"

# Words, not codes, in text and CSV.
run dina report channels --year 2026
like "text names channels in words" "$OUT" "e-mail"
unlike "text has no channel codes" "$OUT" "site-visit"
run dina report departments --year 2026 --format csv
like "CSV names departments in words" "$OUT" "Economie en ondernemen"

# The byte order mark only when asked.
run dina report silos --year 2026 --format csv --bom
is "--bom starts the CSV with EF BB BF" "$(printf '%s' "$OUT" | head -c 3 | od -An -tx1 | tr -d ' ')" \
    "efbbbf"
run dina report silos --year 2026 --format csv
is "without --bom no mark" "$(printf '%s' "$OUT" | head -c 3)" "Dep"

# The cases behind a figure.
run dina report departments --year 2026 --dept eco --cases declined
is "--cases: the case eco declined" "$OUT" "$C2"
run dina report silos --year 2026 --cases touched:2
is "--cases: the three cases with two departments" "$(echo $OUT)" "$C2 $C3 $C4"
run dina report recognition --cases satisfaction:2 --json
jq_is "--cases --json: an array of numbers" '.[0]' "$C3"
fails 2 "an unknown figure" dina report silos --cases nothing
like "… names the figures there are" "$ERR" "touched:2"

# Who sees what: officers their own departments only.
run bram report departments --year 2026 --json
jq_is "an officer sees his own department's row only" '[.departments[].department] | join(",")' eco
fails 4 "an officer: another department's figures" bram report departments --dept wel
fails 4 "an officer: the silos report" bram report silos
fails 4 "an officer: the cases of another department" bram report departments --dept wel \
    --cases declined
succeeds "the contact point sees every report" ann report backlog
succeeds "the administrator sees every report" root report recognition

# Usage.
fails 2 "an unknown report" dina report nothing
fails 2 "an unknown format" dina report silos --format pdf
fails 2 "--year with --from" dina report silos --year 2026 --from 2026-01-01
fails 2 "a bad day" dina report silos --from 2026-02-30
fails 2 "the period backwards" dina report silos --from 2026-03-01 --to 2026-02-01
fails 2 "an unknown department" dina report departments --dept nope

# -o FILE: the caller's file, with the caller's umask.
rm -f "$T_DIR/out.csv"
(umask 077; SEDESK_USER=dina "$SEDESK_BIN" report channels --year 2026 --format csv \
    -o "$T_DIR/out.csv")
is "-o writes the file" "$(head -1 "$T_DIR/out.csv" | tr -d '\r')" \
    "\"Cases opened per month, by channel\""
is "… with the caller's umask" "$(stat -c %a "$T_DIR/out.csv")" 600
ln -s "$T_DIR/elsewhere" "$T_DIR/link.csv"
fails 1 "-o never follows a symlink" dina report silos -o "$T_DIR/link.csv"
[ ! -e "$T_DIR/elsewhere" ] && ok "… and wrote nothing there" || not_ok "… and wrote nothing there"

# A reading user's report writes nothing.
before=$(db_fingerprint)
run dina report departments --year 2026
is "a report changes nothing" "$(db_fingerprint)" "$before"

# The check rebuilds the figures and finds them equal; a damaged count is found and repaired.
run root check
rc_is "check finds the figures equal to the records" 0
mdb_dump -p -s report_agg "$T_DB" > "$T_DIR/agg.dump"
# One count changed: the first value's first byte.
awk 'BEGIN { done = 0 } /^ / && n++ % 2 == 1 && !done { sub(/^ ../, " 09"); done = 1 } { print }' \
    "$T_DIR/agg.dump" > "$T_DIR/agg2.dump"
mdb_load -s report_agg "$T_DB" < "$T_DIR/agg2.dump" 2>/dev/null
run root check
like "check finds a damaged count" "$OUT$ERR" "report_agg"
run root check --repair
run root check
rc_is "check --repair mends it" 0

# A share that is not nothing never reads "0%" (4 of 1,004 reached is
# 0.4 %, which "%.0f%%" printed as 0 % beside its bar), nor does one short
# of the whole read "100%".
awk 'BEGIN { print "name,city"; for (i = 1; i <= 1000; i++) printf "Stille onderneming %04d,Gent\n", i }' \
    >"$T_DIR/many.csv"
run ann enterprise import "$T_DIR/many.csv"
is "set-up: 1,000 enterprises without contact" "$RC/$OUT" "0/imported 1000, rejected 0"
run dina report recognition --year 2026
like "4 of 1,004 reached: <1%, not 0%" "$OUT" "any of these +4 +<1%"
unlike "… and no share of the register reads 0%" "$(printf '%s\n' "$OUT" | sed -n '/^Reach/,$p')" " 0% "

# A schema-2 database: upgraded, its cases counted.
mkdir -p "$T_DIR/old"
cp "$HERE/../data/schema-2.mdb" "$T_DIR/old/data.mdb"
sed "s|^path *=.*|path = $T_DIR/old|" "$HERE/../../sedesk.ini.example" > "$T_DIR/old.ini"
out=$(SEDESK_CONFIG=$T_DIR/old.ini SEDESK_USER=root "$SEDESK_BIN" report departments --json)
is "schema 2 upgraded: its routes are counted" \
    "$(printf '%s' "$out" | jq -r '[.departments[] | select(.received > 0) | .department + ":" + (.received|tostring)] | join(",")')" \
    "eco:1,omg:1"
finish
