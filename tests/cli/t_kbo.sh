#!/bin/bash
# enterprise import-kbo DIR (issue 15): the real sample rows of the KBO open
# data (tests/data/kbo/full, see tests/data/kbo/SOURCE) and a hand-made
# update delivery on top of them (tests/data/kbo/update); a second run
# changes nothing; the ceased marking; the filters; errors; kill -9 in the
# middle of a larger synthetic extract (build/kbogen) and the rerun:
# nothing lost or doubled.
. "$(dirname "$0")/common.sh"
init_db

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FULL=$ROOT/tests/data/kbo/full
UPD=$ROOT/tests/data/kbo/update
KBOGEN=${KBOGEN:-$ROOT/build/kbogen}

show() {	# show NUMBER FILTER  -> the field of the enterprise's JSON
	run dina enterprise show "$1" --json
	printf '%s' "$OUT" | jq -r "$2"
}

# --- a full delivery --------------------------------------------------------------
run ann enterprise import-kbo "$FULL" --json
rc_is "the sample extract imports" 0
jq_is "nine enterprises added" .added 9
jq_is "the two without a name in the sample are skipped, with the reason" \
    '.skipped_by_reason.no_name' 2
jq_is "it is a full delivery" .delivery full
jq_is "the extract's number from meta.csv" .extract 136
jq_is "the snapshot day from meta.csv (dd-mm-yyyy read)" .snapshot 2025-05-30

is "the Dutch name (language 2, type 001)" "$(show 0200.065.765 .name)" \
    "Intergemeentelijke Vereniging Veneco"
is "the abbreviation is an alternative name" "$(show 0200.065.765 .alt_names)" Veneco
is "a French-only name is the name" "$(show 0200.362.210 .name)" \
    "in BW Association Intercommunale"
is "its abbreviation kept too" "$(show 0200.362.210 .alt_names)" "in B.W."
is "a German name (language 3) when there is no other" "$(show 0220.815.847 .name)" \
    "Kirchenfabrik Sankt-Matthias in Dürler (WL - Burg-Reuland)"
is "the legal form in the words of the extract's code.csv" \
    "$(show 0220.815.847 .legal_form)" "Openbare instelling"
is "a legal form code.csv does not describe stays its code (never made up)" \
    "$(show 0200.065.765 .legal_form)" 416
is "the juridical situation in words" "$(show 0200.065.765 .situation)" "Normale toestand"
is "the type of enterprise in words" "$(show 0200.065.765 .kbo_type)" "Rechtspersoon"
is "the start date (09-08-1960)" "$(show 0200.065.765 .start_date)" 1960-08-09
is "the seat's street and number" "$(show 0200.068.636 .street)" "Stropstraat 1"
is "the seat's postcode" "$(show 0200.068.636 .postcode)" 9000
is "the seat's municipality" "$(show 0200.068.636 .city)" Gent
is "the addresses, one a line, with the type's words" "$(show 0200.068.636 .addresses)" \
    "0200.068.636 Zetel: Stropstraat 1, 9000 Gent"
is "a comma inside a quoted field kept" "$(show 0220.815.847 .street)" "Bergstraße, Dürler 6"
is "the contact data of a legal person (not personal)" "$(show 0200.362.408 .kbo_contacts)" \
    "0200.362.408 E-mailadres: info@isbw.be
0200.362.408 Telefoonnummer: 02 315 13 51"
is "no personal contact data for a legal person" \
    "$(show 0200.362.408 .kbo_person_contacts)" null
is "a new enterprise gets the KBO e-mail" "$(show 0200.362.408 .email)" info@isbw.be
is "and phone" "$(show 0200.362.408 .phone)" "02 315 13 51"
is "the NACE codes of the newest version in the profile, main first, each once" \
    "$(show 0200.068.636 '[.nace[] | "\(.code):\(.version):\(.main)"] | join(" ")')" \
    "36.000:2025:true 93.110:2025:false 93.299:2025:false 93.126:2025:false"
is "one main activity in the profile although KBO has two (groups 001 and 006)" \
    "$(show 0200.065.765 '[.nace[] | select(.main)] | length')" 1
is "the activities with the classification's words" "$(show 0200.068.636 .activities)" \
    "36.000 (NACE 2025, Hoofdactiviteit)
93.110 (NACE 2025, Nevenactiviteit)
93.299 (NACE 2025, Nevenactiviteit)
93.126 (NACE 2025, Nevenactiviteit)"
is "not ceased" "$(show 0200.065.765 .ceased)" null

run dina search SOLVA --json
jq_is "an alternative name is searchable" '.[0].title' \
    "Intergemeentelijk Samenwerkingsverband voor ruimtelijke ordening en socio-economische expansie"
run dina search stropstraat --json
jq_is "the addresses are searchable" '.[0].title' Farys

# The same in partitions of two enterprises (several passes over the files,
# the later ones passing over other entities' rows unsplit): the same records.
run dina enterprise list --json
one_pass=$(printf '%s' "$OUT" | jq -c '[.[] | del(.id, .created, .updated)]')
for n in $(printf '%s' "$OUT" | jq -r '.[].number'); do
	run dina enterprise show "$n" --json
	printf '%s\n' "$OUT" | jq -c 'del(.id, .created, .updated, .cases)'
done >"$T_DIR/one-pass.json"
saved_db=$T_DIR/db-one-pass
mv "$T_DB" "$saved_db"
init_db
SEDESK_KBO_PARTITION=2 run ann enterprise import-kbo "$FULL" --json
jq_is "in partitions of two: six passes" .passes 6
jq_is "in partitions of two: the same nine added" .added 9
run dina enterprise list --json
is "in partitions of two: the same list" \
    "$(printf '%s' "$OUT" | jq -c '[.[] | del(.id, .created, .updated)]')" "$one_pass"
for n in $(printf '%s' "$OUT" | jq -r '.[].number'); do
	run dina enterprise show "$n" --json
	printf '%s\n' "$OUT" | jq -c 'del(.id, .created, .updated, .cases)'
done >"$T_DIR/parts.json"
is "in partitions of two: the same records, field by field" "$(cat "$T_DIR/parts.json")" \
    "$(cat "$T_DIR/one-pass.json")"
rm -rf "$T_DB"
mv "$saved_db" "$T_DB"

# --- a second run changes nothing ---------------------------------------------------------
before=$(db_fingerprint)
run ann enterprise import-kbo "$FULL" --json
rc_is "a second run succeeds" 0
jq_is "a second run adds nothing" .added 0
jq_is "a second run finds all nine unchanged" .unchanged 9
is "a second run changes nothing in the database" "$(db_fingerprint)" "$before"

# --- what the contact point recorded stays -------------------------------------------------
run ann enterprise edit 0200.065.765 --notes "Bezocht in mei" --tags maatwerk --kind sociaal
[ "$RC" -ne 0 ] && run ann enterprise edit 0200.065.765 --notes "Bezocht in mei" --tags maatwerk
rc_is "the contact point notes something on Veneco" 0
kind_before=$(show 0200.065.765 .kind)

# --- an update delivery on top -------------------------------------------------------------
run ann enterprise import-kbo "$UPD" --json
rc_is "the update delivery applies" 0
jq_is "it is an update delivery" .delivery update
jq_is "one enterprise added by the update" .added 1
jq_is "three updated (situation and contact; name; address)" .updated 3
jq_is "one ceased (deleted, not inserted again)" .ceased 1
is "the new situation of Veneco, from the update's enterprise_insert" \
    "$(show 0200.065.765 .situation)" Verlenging
is "Veneco's new contact data" "$(show 0200.065.765 .kbo_contacts)" \
    "0200.065.765 E-mailadres: info@veneco.be"
is "the notes of the contact point are kept" "$(show 0200.065.765 .notes)" "Bezocht in mei"
is "the tags of the contact point are kept" "$(show 0200.065.765 '.tags | join(",")')" maatwerk
is "the kind of the contact point is kept" "$(show 0200.065.765 .kind)" "$kind_before"
is "the name Veneco kept (the update does not touch its denominations)" \
    "$(show 0200.065.765 .name)" "Intergemeentelijke Vereniging Veneco"
is "Farys renamed by the update" "$(show 0200.068.636 .name)" \
    "Farys Intergemeentelijke Vereniging"
is "its former name now an alternative" "$(show 0200.068.636 .alt_names)" Farys
is "the seat of Lemberge moved" "$(show 0200.171.970 .street)" "Brabantdam 103 bus 2"
is "the ceased one is marked with the day of the delivery" "$(show 0200.420.410 .ceased)" \
    2025-06-06
is "a ceased enterprise is not deleted" "$(show 0200.420.410 .name)" \
    "Congregatie der Gasthuiszusters-Augustinessen van Diest"
is "the new natural person's name" "$(show 0403.170.701 .name)" "Peeters An"
is "its establishment's commercial name is an alternative name, with its number" \
    "$(show 0403.170.701 .alt_names)" "Café De Zonnebloem [2.000.000.339]"
is "a natural person's contact data is personal" "$(show 0403.170.701 .kbo_person_contacts)" \
    "2.000.000.339 Telefoonnummer: 09 123 45 67"
is "and not in the non-personal field" "$(show 0403.170.701 .kbo_contacts)" null
is "a natural person has no seat: the establishment's place" "$(show 0403.170.701 .city)" Gent
run dina enterprise show 0200.065.765 --json
jq_is "the update raised Veneco's version" .version 3

before=$(db_fingerprint)
run ann enterprise import-kbo "$UPD" --json
jq_is "the same update again changes nothing (updated 0)" .updated 0
jq_is "the same update again ceases nothing more" .ceased 0
is "the same update again leaves the database as it was" "$(db_fingerprint)" "$before"

U=root
run root check
rc_is "check finds nothing wrong after the imports" 0

# --- ceased only when absent from the whole extract ----------------------------------------
# The full extract again: Diest is back (no longer ceased), Peeters An (not
# in the full extract) is ceased; nothing is ceased for having moved out of
# the chosen places.
run ann enterprise import-kbo "$FULL" --postcode 9000 --json
jq_is "a filtered full run ceases only what is absent from the whole extract" .ceased 1
is "absent from the extract: ceased" "$(show 0403.170.701 .ceased)" 2025-05-30
is "back in the extract: no longer ceased" "$(show 0200.420.410 .ceased)" null
is "registered, in the extract, outside 9000: not ceased" "$(show 0200.362.408 .ceased)" null

# --- filters, on a fresh database ---------------------------------------------------------------
rm -rf "$T_DB"
init_db
run ann enterprise import-kbo "$FULL" --postcode 9000 --json
jq_is "--postcode 9000 keeps the two seats in 9000" .added 2
run dina enterprise list --json
jq_is "those two" '[.[].number] | sort | join(" ")' "0200.068.636 0200.171.970"
rm -rf "$T_DB"; init_db
run ann enterprise import-kbo "$FULL" --municipality gand --json
jq_is "--municipality by its French name, any case" .added 2
rm -rf "$T_DB"; init_db
run ann enterprise import-kbo "$FULL" --municipality Gent --nace 93 --json
jq_is "--nace 93 keeps the one with such an activity" .added 1
jq_is "and says why the other was skipped" .skipped_by_reason.nace 1
rm -rf "$T_DB"; init_db
run ann enterprise import-kbo "$FULL" --juridical-form 124 --json
jq_is "--juridical-form 124 keeps the one with a name" .added 1
run dina enterprise list --json
jq_is "the public body" '.[0].number' 0220.815.847

# A natural person with no name of its own, only its establishment's commercial name.
rm -rf "$T_DB"; init_db
mkdir -p "$T_DIR/np"
cp "$FULL"/*.csv "$T_DIR/np/"
echo '"0403.170.701","AC","000","1",,,14-03-2019' >>"$T_DIR/np/enterprise.csv"
echo '"2.000.009.940",14-03-2019,"0403.170.701"' >>"$T_DIR/np/establishment.csv"
echo '"2.000.009.940","2","003","Café De Zonnebloem"' >>"$T_DIR/np/denomination.csv"
echo '"2.000.009.940","BAET",,,"9000","Gent","Gent","Kouter","Kouter","1","","",' \
    >>"$T_DIR/np/address.csv"
run ann enterprise import-kbo "$T_DIR/np" --postcode 9000 --json
jq_is "the natural person is kept by its establishment in 9000" .added 3
is "its establishment's commercial name is its name" "$(show 0403.170.701 .name)" \
    "Café De Zonnebloem"
is "and not an alternative name besides" "$(show 0403.170.701 .alt_names)" null
is "its place is the establishment's" "$(show 0403.170.701 .street)" "Kouter 1"

# --- a dry run changes nothing ------------------------------------------------------------
before=$(db_fingerprint)
run ann enterprise import-kbo "$FULL" --dry-run --json
rc_is "a dry run succeeds" 0
jq_is "a dry run says what it would add" .added 7
jq_is "and what it would mark ceased" .ceased 1
jq_is "a dry run says it is one" .dry_run true
is "a dry run changes nothing" "$(db_fingerprint)" "$before"
run ann enterprise import-kbo "$FULL" --dry-run
like "a dry run says so in words" "$OUT" "dry run: nothing was changed"

# --- errors ---------------------------------------------------------------------------------
rejects 2 "a folder that does not exist" ann enterprise import-kbo "$T_DIR/nowhere"
like "it says to give an extract" "$ERR" "neither a folder nor a ZIP file"
mkdir -p "$T_DIR/empty"
rejects 2 "a folder without the KBO files" ann enterprise import-kbo "$T_DIR/empty"
like "it names the file it misses" "$ERR" "code.csv"
mkdir -p "$T_DIR/bad"
cp "$FULL"/*.csv "$T_DIR/bad/"
printf '"EnterpriseNumber","Status"\n' >"$T_DIR/bad/enterprise.csv"
rejects 2 "an enterprise.csv with another header" ann enterprise import-kbo "$T_DIR/bad"
like "it names the file and line and the header it wants" "$ERR" \
    'enterprise.csv:1: not the header of the KBO file enterprise.csv; it should be "EnterpriseNumber","Status","JuridicalSituation"'
rejects 2 "a postcode that is not four digits" ann enterprise import-kbo "$FULL" --postcode 90
like "it says what a postcode is" "$ERR" "four digits"
rejects 2 "an unknown municipality" ann enterprise import-kbo "$FULL" --municipality Atlantis
like "it names the municipality" "$ERR" "Atlantis"
rejects 2 "--nace with letters" ann enterprise import-kbo "$FULL" --nace abc
rejects 4 "an officer may not import enterprises" bram enterprise import-kbo "$FULL"

# A row that cannot be read: reported with file and line, the others imported,
# and nothing marked ceased (the extract is not whole).
cp "$FULL"/*.csv "$T_DIR/bad/"
sed -i '3s/.*/"0200.068.636","AC","000"/' "$T_DIR/bad/enterprise.csv"
run ann enterprise import-kbo "$T_DIR/bad" --json
rc_is "an extract with an unreadable row exits 2" 2
like "the row is named by file and line" "$ERR" 'enterprise.csv:3: 3 fields where the file has 7'
jq_is "and counted" .skipped_by_reason.bad_row 1
jq_is "no ceased marking from an extract that could not be read whole" .ceased_withheld true

# --- the extract as published: a ZIP file -------------------------------------------------------
rm -rf "$T_DB"; init_db
(cd "$FULL" && python3 -m zipfile -c "$T_DIR/full.zip" ./*.csv)
(cd "$UPD" && python3 -m zipfile -c "$T_DIR/update.zip" ./*.csv)
run ann enterprise import-kbo "$T_DIR/full.zip" --json
rc_is "the sample extract as a ZIP file imports" 0
jq_is "the same nine from the ZIP file" .added 9
is "a name read from inside the archive" "$(show 0200.362.210 .name)" \
    "in BW Association Intercommunale"
run ann enterprise import-kbo "$T_DIR/update.zip" --json
jq_is "an update delivery as a ZIP file" .delivery update
jq_is "its ceased one" .ceased 1
run ann enterprise import-kbo "$T_DIR/full.zip" --json
jq_is "the full ZIP again: back to the full extract (Diest no longer ceased, Peeters An ceased)" \
    '"\(.updated) \(.ceased)"' "4 1"
printf 'not a zip\n' >"$T_DIR/bad.zip"
rejects 2 "a file that is not a ZIP archive" ann enterprise import-kbo "$T_DIR/bad.zip"
like "it says so" "$ERR" "not a ZIP file"

# --- kill -9 in the middle, then the rerun: nothing lost or doubled ---------------------------------
if [ ! -x "$KBOGEN" ]; then
	not_ok "build/kbogen is built (make build/kbogen)"
	finish
fi
"$KBOGEN" -n 3000 "$T_DIR/syn" || not_ok "kbogen writes an extract"
rm -rf "$T_DB"; init_db
# Small chunks with a pause between two (chunk.h), so that the kill lands
# between commits however quick the machine: 30 chunks of 100 rows, at
# least 50 ms apart. The heap's steering cannot be relied on for it: under
# the sanitizer the heap reads 0 and a chunk grows 64 times at once, and
# 3000 rows were done in two commits (CI, session 8).
# The kill lands after the third committed chunk.
SEDESK_USER=ann SEDESK_CHUNK_TRACE=1 SEDESK_CHUNK_ROWS=100 SEDESK_CHUNK_PAUSE_MS=50 \
    "$SEDESK_BIN" enterprise import-kbo "$T_DIR/syn" >/dev/null 2>"$T_DIR/kbo-kill.err" &
pid=$!
for _ in $(seq 1 400); do
	[ "$(grep -c 'bulk: committed' "$T_DIR/kbo-kill.err")" -ge 3 ] && break
	sleep 0.02
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
# In the middle: the job's index writes wait in runs (check says so in
# words); the register's lists cannot tell, they wait in the runs too.
run root check
like "kill -9 stopped the import in the middle (check: its index writes pending)" "$OUT" \
    "index writes of an unfinished import are pending"
run ann enterprise import-kbo "$T_DIR/syn" --json
rc_is "the rerun after kill -9 completes" 0
jq_is "the rerun resumed the stopped job" .resumed true
jq_is "the rerun reports the whole job: 3000 added" .added 3000
run dina enterprise list --json --limit 5000
jq_is "3000 enterprises after the rerun" length 3000
jq_is "each once (no number twice)" '[.[].number] | unique | length' 3000
run ann enterprise import-kbo "$T_DIR/syn" --json
jq_is "a third run finds all 3000 unchanged" .unchanged 3000
run root check
rc_is "check finds nothing wrong after kill -9 and the rerun" 0

# A progress line on a terminal only: through a pseudo-terminal (script(1))
# a slow run shows it on stderr; redirected, stderr stays empty.
if command -v script >/dev/null 2>&1; then
	"$KBOGEN" -n 30000 "$T_DIR/syn30" || not_ok "kbogen writes an extract"
	SEDESK_USER=ann SEDESK_KBO_PARTITION=3000 script -q -e -c "$SEDESK_BIN enterprise \
	    import-kbo $T_DIR/syn30 --dry-run" /dev/null >"$T_DIR/tty.out" 2>&1
	# The first line is drawn at once (reading the first file), then one a
	# second (it waited a second, and a quick or loaded run showed only a
	# later stage, or none).
	like "on a terminal a progress line shows what is read, from the start" \
	    "$(cat "$T_DIR/tty.out")" "reading [a-z]+\.csv: [0-9]+%"
	run ann enterprise import-kbo "$T_DIR/syn30" --dry-run
	is "not on a terminal: no progress line" "$ERR" ""
fi

finish
