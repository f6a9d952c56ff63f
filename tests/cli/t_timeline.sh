#!/bin/bash
# An enterprise's timeline (`enterprise timeline`) and reach (`enterprise
# list --not-contacted-since`): newest first, dated lines in words, JSON
# with codes and the ref that opens each, an officer's view, bad dates,
# unknown enterprises, never-contacted first; and `check` finds a damaged
# timeline index and `check --repair` restores it.
# Needs jq and lmdb-utils (mdb_dump, mdb_load).
. "$(dirname "$0")/common.sh"
for _tool in mdb_dump mdb_load; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		not_ok "$_tool is installed (apt-get install lmdb-utils)"
		finish
	fi
done
init_db

E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1" --city Gent)
E2=$(add_ent --name "Atelier Oud" --number "$KBO2")
E3=$(add_ent --name "Nooit Gezien" --number "$KBO3")
E4=$(add_ent --name "Recent Bezocht" --number "$KBO4")

# Cases on different days: the clock moves with SEDESK_NOW.
C1=$(SEDESK_NOW=2025-11-03T10:00:00Z new_case --enterprise "$E1" --subject "Terrasvergunning")
C2=$(SEDESK_NOW=2026-02-16T10:00:00Z new_case --enterprise "$E1" --subject "Subsidie groene daken")
C3=$(SEDESK_NOW=2026-01-12T10:00:00Z new_case --enterprise "$E1" --subject "Zorgvraag personeel")
C4=$(SEDESK_NOW=2024-05-06T10:00:00Z new_case --enterprise "$E2" --subject "Oude vraag")
C5=$(new_case --enterprise "$E4" --subject "Vraag van vandaag")
if [ -n "$C1" ] && [ -n "$C2" ] && [ -n "$C3" ] && [ -n "$C4" ] && [ -n "$C5" ]; then
	ok "set-up: five cases on four days"
else
	not_ok "set-up: five cases on four days" "$(cat "$T_DIR/.adderr")"
fi
run ann case route "$C3" eco
rc_is "set-up: $C3 routed to eco" 0

# --- the timeline ------------------------------------------------------------
run ann enterprise timeline "$E1"
rc_is "enterprise timeline exits 0" 0
is "three lines, newest first" "$(printf '%s\n' "$OUT" | awk '{ print $1 }' | tr '\n' ' ')" \
    "2026-02-16 2026-01-12 2025-11-03 "
like "a line says the date, the kind, the number, the subject and the state in words" \
    "$(printf '%s\n' "$OUT" | head -n 1)" \
    "^2026-02-16  case +$C2 +Subsidie groene daken · new$"
like "the routed case's state in words" "$(printf '%s\n' "$OUT" | sed -n 2p)" "· routed$"
run ann enterprise timeline "$KBO1"
is "the same by the enterprise's number" "$(printf '%s\n' "$OUT" | wc -l)" 3

run ann enterprise timeline "$E1" --json
rc_is "enterprise timeline --json exits 0" 0
jq_is "JSON: the refs that open each, newest first" '[.[].ref] | join(" ")' "$C2 $C3 $C1"
jq_is "JSON: kind and state as codes" '.[1] | .kind + "/" + .state' "case/routed"
jq_is "JSON: date and time" '.[0] | .date + " " + .time' "2026-02-16 2026-02-16T10:00:00Z"
jq_is "JSON: title and contact" '.[2] | .title + "/" + (.contact | tostring)' \
    "Terrasvergunning/true"

run ann enterprise timeline "$E1" --limit 2 --json
jq_is "--limit 2: the two newest" '[.[].ref] | join(" ")' "$C2 $C3"
run ann enterprise timeline "$E1" --limit 2
like "--limit in text: says there is more" "$OUT" "more: use --limit"
run ann enterprise timeline "$E3"
rc_is "an enterprise with no history: exit 0" 0
like "… says the timeline is empty" "$OUT" "nothing on the timeline yet"
run ann enterprise timeline "$E3" --json
is "… and JSON is an empty array" "$OUT" "[]"

# An officer: the cases of his departments; an enterprise of none of them is not found.
run bram enterprise timeline "$E1" --json
rc_is "bram (eco) reads the timeline" 0
jq_is "bram sees the eco case only" '[.[].ref] | join(" ")' "$C3"
fails 3 "chris (wel) gets not found for an enterprise with no wel case" chris \
    enterprise timeline "$E1"
like "… in the words of an unknown enterprise" "$ERR" "no enterprise"
run dina enterprise timeline "$E1" --json
jq_is "a manager reads all" 'length' 3

fails 3 "an unknown enterprise" ann enterprise timeline 00000000-0000-4000-8000-000000000000
like "… says no enterprise" "$ERR" "no enterprise 00000000"
fails 3 "an unknown number" ann enterprise timeline "$KBO5"
fails 2 "no operand" ann enterprise timeline
fails 2 "a bad --limit" ann enterprise timeline "$E1" --limit 0

# --- reach -------------------------------------------------------------------
run ann enterprise list --not-contacted-since 2026-01-01
rc_is "list --not-contacted-since exits 0" 0
is "never contacted first, then the oldest contact; contacted since: left out" \
    "$(printf '%s\n' "$OUT" | awk '{ print $1 "/" $2 }' | tr '\n' ' ')" \
    "never/$KBO3 2024-05-06/$KBO2 "
like "a line names the enterprise" "$(printf '%s\n' "$OUT" | head -n 1)" "Nooit Gezien"
run ann enterprise list --not-contacted-since 2026-03-03 --json
rc_is "list --not-contacted-since --json exits 0" 0
jq_is "JSON: in order, with the last contact (null: never)" \
    '[.[] | .name + "=" + (.last_contact // "never")] | join(", ")' \
    "Nooit Gezien=never, Atelier Oud=2024-05-06, Café De Zonnebloem=2026-02-16, Recent Bezocht=2026-03-02"
run ann enterprise list --not-contacted-since 2026-02-16 --json
jq_is "a contact on the day itself is a contact since" '[.[].name] | join(", ")' \
    "Nooit Gezien, Atelier Oud"
run ann enterprise list --not-contacted-since 2030-01-01 --limit 1
like "--limit 1: the never-contacted one, and there is more" "$OUT" "Nooit Gezien"
like "… says there is more" "$OUT" "more: use --limit"
run bram enterprise list --not-contacted-since 2030-01-01 --json
jq_is "an officer: the enterprises of his cases only" '[.[].name] | join(", ")' \
    "Café De Zonnebloem"

fails 2 "a date that does not exist" ann enterprise list --not-contacted-since 2026-02-30
like "… names the option and the form" "$ERR" "not-contacted-since 2026-02-30: give a date as YYYY-MM-DD"
fails 2 "not a date at all" ann enterprise list --not-contacted-since lastyear
fails 2 "no date given" ann enterprise list --not-contacted-since
fails 2 "with --tag" ann enterprise list --not-contacted-since 2026-01-01 --tag horeca

# --- check finds a damaged timeline and --repair restores it ------------------
run root check
is "set-up: the database is clean" "$RC/$OUT" "0/no problems found."
mdb_dump -a "$T_DB" >"$T_DIR/all.dump"
# Every entry of the timeline table left out of a reload.
awk '/^database=timeline$/ { s = 1 }
     s == 1 && /^HEADER=END/ { s = 2; print; next }
     s == 2 && /^ / { next }
     /^DATA=END/ { s = 0 }
     { print }' "$T_DIR/all.dump" >"$T_DIR/cut.dump"
rm -f "$T_DB/data.mdb" "$T_DB/lock.mdb"
if mdb_load -f "$T_DIR/cut.dump" "$T_DB" 2>"$T_DIR/load.err"; then
	ok "set-up: the timeline table emptied"
else
	not_ok "set-up: the timeline table emptied" "$(cat "$T_DIR/load.err")"
fi
run ann enterprise timeline "$E1" --json
is "the damaged timeline is empty" "$OUT" "[]"
run root check
rc_is "check finds the missing timeline entries: exit 1" 1
like "… naming the timeline table" "$OUT" "timeline: 5 entries missing"
run root check --repair
rc_is "check --repair exits 0" 0
run root check
is "clean after the repair" "$RC/$OUT" "0/no problems found."
run ann enterprise timeline "$E1" --json
jq_is "the timeline is back, newest first" '[.[].ref] | join(" ")' "$C2 $C3 $C1"

# The last-contact index damaged: Atelier Oud's entry removed.
mdb_dump -a "$T_DB" >"$T_DIR/all.dump"
awk '/^database=ent_by_contact$/ { s = 1 }
     s == 1 && /^HEADER=END/ { s = 2; print; next }
     s == 2 && /^ / { next }
     /^DATA=END/ { s = 0 }
     { print }' "$T_DIR/all.dump" >"$T_DIR/cut.dump"
rm -f "$T_DB/data.mdb" "$T_DB/lock.mdb"
mdb_load -f "$T_DIR/cut.dump" "$T_DB" 2>/dev/null
run ann enterprise list --not-contacted-since 2030-01-01 --json
is "with ent_by_contact emptied, the reach list is empty" "$OUT" "[]"
run root check
like "check finds the reach index damaged" "$RC/$OUT" "^1/.*ent_by_contact: 4 entries missing"
run root check --repair
run ann enterprise list --not-contacted-since 2026-01-01 --json
jq_is "after --repair the reach list is back" '[.[].name] | join(", ")' \
    "Nooit Gezien, Atelier Oud"

# --- a schema-1 database: its cases are on the timeline after the upgrade ------
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$T_DIR/s1/db"
cp "$here/data/schema-1.mdb" "$T_DIR/s1/db/data.mdb"
sed "s|^path *=.*|path = $T_DIR/s1/db|" "$here/../sedesk.ini.example" >"$T_DIR/s1/sedesk.ini"
OUT=$(SEDESK_CONFIG=$T_DIR/s1/sedesk.ini SEDESK_USER=ann "$SEDESK_BIN" enterprise timeline \
    0403.170.701 --json 2>&1)
jq_is "schema 1 upgraded: both cases on the timeline, newest first" \
    '[.[] | .ref + ":" + .state] | join(" ")' "2026-00002:closed 2026-00001:in_progress"

# --- every kind on one timeline (issue 12's modules together) -----------------
# A recognition, a case, a held visit, a planned pitch, an event invited to
# and one attended: all on the timeline by date, newest first, each with
# its state and the ref that opens it; only what took place counts as
# contact, and the reach list moves with it.
K=$(add_ent --name "Vlinderhof" --number 0417.497.106)
run ann enterprise edit "$K" --recognition maatwerkbedrijf=2019-01-01
rc_is "set-up: a recognition since 2019" 0
SEDESK_NOW=2026-02-10T10:00:00Z run ann case new --enterprise "$K" --subject "Terrasvergunning"
KC=$OUT
SEDESK_NOW=2026-02-20T10:00:00Z run ann moment add --enterprise "$K" --kind site-visit \
    --date 2026-02-20T09:00 --dept eco --text "Bezoek aan de werkplaats."
KM=$OUT
run ann moment add --enterprise "$K" --kind pitch --date 2026-03-20T14:00 --dept eco
KP=$OUT
SEDESK_NOW=2026-01-05T10:00:00Z run ann event add --title "Nieuwjaarsreceptie" --kind network \
    --start 2026-01-15T18:00 --place "Stadhuis"
KE=$OUT
SEDESK_NOW=2026-01-05T10:00:00Z run ann event invite "$KE" "$K"
SEDESK_NOW=2026-01-16T10:00:00Z run ann event attend "$KE" "$K"
rc_is "set-up: attended the reception" 0
run ann event add --title "Infosessie" --kind info --start 2026-04-02T10:00 --place "Stadhuis"
KI=$OUT
run ann event invite "$KI" "$K"
run ann enterprise timeline "$K" --json
jq_is "all kinds, newest first" '[.[] | .kind + ":" + .state] | join(" ")' \
    "event:invited moment:planned moment:held case:new event:attended recognition:recognised"
jq_is "each ref opens its record" '[.[] | .ref] | join(" ")' \
    "$KI $KP $KM $KC $KE 1"
jq_is "only what took place is a contact" '[.[] | .contact] | map(tostring) | join(" ")' \
    "false false true true true false"
jq_is "the recognition by its label and day" \
    '.[] | select(.kind=="recognition") | .date + " " + .title' "2019-01-01 recognised maatwerkbedrijf"
run ann enterprise timeline "$K"
like "text: the visit in words" "$OUT" "2026-02-20 +contact moment +$KM +site visit: Bezoek aan de werkplaats"
run ann enterprise list --not-contacted-since 2026-02-21 --json
jq_is "the held visit is its last contact" \
    '.[] | select(.name=="Vlinderhof") | .last_contact' 2026-02-20
run ann enterprise list --not-contacted-since 2026-02-20 --json
jq_is "contacted on the day asked: not in the list" '[.[] | select(.name=="Vlinderhof")] | length' 0
# An officer sees the enterprise through his department's visit (before,
# he recorded moments on an enterprise he could then not open), and on its
# timeline what he may see: his department's moments, then also a case
# routed to it; never the events of no department of his.
run bram enterprise timeline "$K" --json
rc_is "an officer of eco opens the enterprise his department visited" 0
jq_is "… his department's moments, no case or event he does not see" \
    '[.[] | .kind] | join(" ")' "moment moment recognition"
run chris enterprise show "$K"
rc_is "an officer of wel, with nothing of his there, does not" 3
run ann case route "$KC" eco
run bram enterprise timeline "$K" --json
jq_is "an officer of eco: his department's case and moments, no events" \
    '[.[] | .kind] | join(" ")' "moment moment case recognition"

finish
