#!/bin/bash
# sedesk privacy (issue 17): the register of personal data; export
# (art. 15) through every path there is (contact person, case text, notes,
# answers and reasons, contact moments, the journal's old values); erasure
# (art. 17) that keeps the figures and, after the compaction, leaves no
# byte of the erased strings in data.mdb or lock.mdb; the compaction
# pending while another process has the database open, shown in the
# administrator's inbox; and who may use any of it: admin and dpo read,
# only admin changes; every other role is refused with exit 4 and the
# database unchanged.
#
# Clock: Monday 2026-03-02 09:00 UTC (see common.sh).  The fixture gets a
# data protection officer, petra.
. "$(dirname "$0")/common.sh"
cat >>"$T_CONF" <<'INI'

[officer:petra]
name = Petra Vos
role = dpo
INI
init_db

# --- the register --------------------------------------------------------------
run petra privacy fields --json
rc_is "privacy fields --json (dpo)" 0
jq_true "the register lists the enterprise's contact persons" \
	'any(.[]; .record == "enterprise" and .field == "persons" and (.purpose | length) > 0 and (.retention | length) > 0)'
jq_true "… KBO person contacts, case text, route answers, journal text, moment reports" \
	'[.[] | .record + "." + .field] as $f | all(("enterprise.kbo_person_contacts","case.description","case.subject","route.answer","journal.text","moment.text"); . as $x | $f | index($x) != null)'
jq_true "officers' logins are marked staff" \
	'all(.[] | select(.record + "." + .field == "case.owner" or .record + "." + .field == "journal.actor"); .staff)'
jq_true "a sole proprietor's name is personal, marked so" \
	'any(.[]; .record == "enterprise" and .field == "name" and .sole_proprietor)'
jq_true "not personal: the city, the category" \
	'all(.[]; (.record + "." + .field) != "enterprise.city" and (.record + "." + .field) != "case.category")'
n=$(printf '%s' "$OUT" | jq length)

run root privacy fields
rc_is "privacy fields (admin, text)" 0
like "text: a field with its purpose" "$OUT" "enterprise persons"
like "text: its retention" "$OUT" "kept: while the enterprise is registered"
like "text: staff marked" "$OUT" "case owner \\(staff\\)"
is "text: one line per field and two under it" "$(printf '%s\n' "$OUT" | grep -c '^[a-z]')" "$n"

# The man page's PRIVACY section names every field of the register.
man=$(dirname "$0")/../../share/man/sedesk.1
sect=$(awk '/^\.Sh PRIVACY/ { p = 1; next } /^\.Sh / { p = 0 } p' "$man")
missing=""
for f in $(printf '%s' "$OUT" | grep '^[a-z]' | awk '{ print $1 ":" $2 }'); do
	rec=${f%%:*} field=${f#*:}
	case "$rec" in opportunity) rec=opportunity ;; esac
	printf '%s\n' "$sect" | grep -q -- "$field" || missing="$missing $f"
done
is "man: PRIVACY names every field of the register" "$missing" ""

# --- who may ---------------------------------------------------------------------
for u in ann bram dina; do
	rejects 4 "privacy fields refused for $u" $u privacy fields
done
like "the refusal names who may" "$ERR" "data protection officer"

# --- a person in every place ------------------------------------------------------
E1=$(add_ent --name "Kringwinkel Zuid" --number "$KBO1" \
	--person "name=Jan Peeters;role=zaakvoerder;email=jan.peeters@example.be;phone=09 123 45 67" \
	--notes "Jan Peeters belt liefst op maandag")
run ann enterprise edit "$E1" --email jan.peeters@example.be
run ann enterprise edit "$E1" --email info@zuid.example.be
rc_is "set-up: the e-mail address changed twice (the journal keeps the old one)" 0
run ann case new --enterprise "$E1" --subject "Vraag van Jan Peeters" --category funding \
	--description "Jan Peeters wil uitbreiden; mail naar jan.peeters@example.be"
C1=$OUT
run ann case route "$C1" eco wel
run bram case answer "$C1" --dept eco --text "Beste Jan Peeters, de subsidie bestaat."
run chris case decline "$C1" --dept wel --reason "Niet voor ons; Jan Peeters weet het."
run ann case note "$C1" "Gebeld met Jan Peeters"
run ann case close "$C1" --resolution "Jan Peeters geholpen" --satisfaction 4
rc_is "set-up: the case answered, declined, noted and closed" 0
run ann moment add --enterprise "$E1" --kind site-visit --date 2026-02-27 \
	--text "Bezoek: Jan Peeters toonde de werkplaats"
rc_is "set-up: a contact moment naming him" 0
M1=$OUT
run ann event add --title "Infosessie" --kind workshop --start 2026-04-02T14:00 --place Gent \
	--text "Met een getuigenis van Jan Peeters"
rc_is "set-up: an event whose text names him" 0
EV=$OUT
run ann opportunity add --title "Herstel van fietsen" --kind purchase --dept eco --value 5000 \
	--text "Contact bij de leverancier: Jan Peeters"
rc_is "set-up: an opportunity whose text names him" 0
OP=$OUT
# Someone else, who stays.
E2=$(add_ent --name "Atelier Noord" --number "$KBO2" \
	--person "name=Els Jacobs;email=els@noord.example.be" --notes "Els Jacobs: nieuw atelier")
C2=$(new_case --enterprise "$E2" --subject "Huur van Els Jacobs" --category permit)
run ann case route "$C2" spa
run ann case close "$C2" --resolution "Els Jacobs doorverwezen" --satisfaction 2
rc_is "set-up: a second case, of someone else" 0

# --- export ----------------------------------------------------------------------------
run petra privacy export --person "Jan Peeters" --json
rc_is "export --person (dpo)" 0
jq_true "exact: the contact person of the enterprise" \
	'any(.exact[]; .record == "enterprise" and .field == "persons" and (.text | test("name=Jan Peeters")))'
for path in 'case:subject' 'case:description' 'case:resolution' 'route:answer' \
	'journal:text' 'moment:text' 'enterprise:notes'; do
	rec=${path%%:*} field=${path#*:}
	jq_true "to review: $rec $field" "any(.review[]; .record == \"$rec\" and .field == \"$field\")"
done
jq_true "the decline reason and the note are there (journal)" \
	'[.review[] | select(.record == "journal") | .text] | (any(test("Niet voor ons")) and any(test("Gebeld met")))'
jq_true "the moment by its id" "any(.review[]; .record == \"moment\" and .ref == \"$M1\")"
jq_true "the event by its id" "any(.review[]; .record == \"event\" and .ref == \"$EV\")"
jq_true "the opportunity by its id" "any(.review[]; .record == \"opportunity\" and .ref == \"$OP\")"
jq_true "nobody else: not Els Jacobs's case" '[.exact[], .review[]] | all(.text | test("Els") | not)'

run petra privacy export --email jan.peeters@example.be --json
rc_is "export --email" 0
jq_true "exact: the person by address" 'any(.exact[]; .field == "persons")'
jq_true "the journal's old value of the e-mail address" \
	'any(.review[]; .record == "journal" and .field == "old" and .text == "jan.peeters@example.be")'

run petra privacy export --enterprise "$KBO1" --json
rc_is "export --enterprise (a sole proprietor)" 0
jq_true "every personal field of his records, exact" \
	'[.exact[] | .record + ":" + .field] as $f | all(("enterprise:persons","enterprise:notes","enterprise:name","case:description","route:answer","moment:text","journal:text"); . as $x | $f | index($x) != null)'
jq_true "officers' logins are not his data" '[.exact[] | .field] | all(. != "owner" and . != "actor")'

umask 027
run petra privacy export --person "Jan Peeters" -o "$T_DIR/jan.json"
rc_is "export -o FILE" 0
like "says what it wrote" "$OUT" "jan.json .JSON. and .*jan.json.txt"
jq -e '.exact | length > 0' "$T_DIR/jan.json" >/dev/null && ok "FILE is the JSON document" || not_ok "FILE is the JSON document"
grep -q "Records that name the person" "$T_DIR/jan.json.txt" && ok "FILE.txt is the text version" || not_ok "FILE.txt is the text version"
is "written with the caller's umask" "$(stat -c %a "$T_DIR/jan.json")" "640"
umask 022

run petra privacy export --person Jan
rc_is "a too short name is refused" 2

# --- who may change ------------------------------------------------------------------
for u in petra ann bram dina; do
	rejects 4 "privacy erase refused for $u" $u privacy erase --person "Jan Peeters"
done
for u in petra ann bram dina; do
	rejects 4 "privacy compact refused for $u" $u privacy compact
done
for u in ann bram dina; do
	rejects 4 "privacy export refused for $u" $u privacy export --person "Jan Peeters"
done

# --- erase -------------------------------------------------------------------------------
numbers() {	# every number of the reports, in order
	for r in departments silos backlog channels; do
		run dina report "$r" --year 2026 --json
		printf '%s' "$OUT" | jq -c '[paths(numbers) as $p | [$p, getpath($p)]]'
	done
}
before=$(numbers)
like "the reports give numbers to compare" "$before" "[0-9]"
[ "$(printf '%s\n' "$before" | grep -c '\[\[')" -eq 4 ] && ok "… of all four reports" ||
	not_ok "… of all four reports" "$before"
db=$T_DIR/db
[ "$(grep -c "Peeters" "$db/data.mdb")" -gt 0 ] && ok "before: the name is in data.mdb" ||
	not_ok "before: the name is in data.mdb"

run root privacy erase --person "Jan Peeters"
rc_is "erase --person (admin)" 0
like "says how many and that it compacted" "$OUT" "erased [0-9]+ values.*
the database was compacted"
run root privacy erase --email jan.peeters@example.be
rc_is "erase --email (admin)" 0
for s in "Jan Peeters" "Peeters" "jan.peeters@example.be" "09 123 45 67"; do
	is "no byte of '$s' in data.mdb" "$(grep -c -a -F "$s" "$db/data.mdb")" 0
	is "no byte of '$s' in lock.mdb" "$(grep -c -a -F "$s" "$db/lock.mdb")" 0
done
[ "$(grep -c -a "Els Jacobs" "$db/data.mdb")" -gt 0 ] && ok "Els Jacobs is still there" ||
	not_ok "Els Jacobs is still there"
run root check
rc_is "check passes after erase and compaction" 0
is "the report numbers are equal before and after" "$(numbers)" "$before"
run root case show "$C1" --json
jq_is "the subject is tombstoned" '.subject' "Vraag van [erased 2026-03-02]"
jq_is "the satisfaction is kept" '.satisfaction' 4
jq_is "the category is kept" '.category' funding
jq_true "the erasure is journaled, without the data" \
	'any(.journal[]; .kind == "erased" and .text == "[erased 2026-03-02]" and .actor == "root")'
run root search Peeters --json
jq_is "search finds him nowhere" 'length' 0
run root search erased --json
rc_is "the tombstone is searchable (the index was rebuilt)" 0
run petra privacy export --person "Jan Peeters" --json
jq_is "a second export finds nothing" '(.exact + .review) | length' 0

# --- when others have the database open ----------------------------------------------------
hold() {	# holds a shared lock on lock.mdb's first byte, as LMDB does, until killed
	python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_SH, 1, 0)
open(sys.argv[2], "w").close()
time.sleep(60)' "$db/lock.mdb" "$T_DIR/held" &
	HOLDER=$!
	for _ in $(seq 50); do [ -e "$T_DIR/held" ] && break; sleep 0.1; done
}
hold
trap 'kill $HOLDER 2>/dev/null; rm -rf "$T_DIR"' EXIT
run root privacy erase --enterprise "$KBO2"
rc_is "erase while another process has the database open: done" 0
like "… and says the compaction waits" "$OUT" "not compacted yet"
[ "$(grep -c -a -F "Els Jacobs" "$db/data.mdb")" -gt 0 ] &&
	ok "until the compaction the old pages still hold the erased name (what the grep proves)" ||
	not_ok "until the compaction the old pages still hold the erased name (what the grep proves)"
run root inbox
like "the administrator's inbox shows the pending compaction" "$OUT" "sedesk privacy compact"
run root inbox --json
jq_true "… in JSON too" 'any(.[]; .kind? == "privacy")'
run ann inbox
unlike "a contact's inbox does not" "$OUT" "privacy compact"
run root privacy compact
rc_is "compact while others have it open: busy (exit 6)" 6
kill $HOLDER; wait $HOLDER 2>/dev/null
run root privacy compact
rc_is "compact when nobody has it open" 0
is "no byte of 'Els Jacobs' in data.mdb" "$(grep -c -a -F "Els Jacobs" "$db/data.mdb")" 0
run root inbox
unlike "the inbox line is gone" "$OUT" "privacy compact"
run root check
rc_is "check passes after the pending compaction" 0
is "the report numbers are still equal" "$(numbers)" "$before"

# --- a sole proprietor from the KBO open data -----------------------------------------
# The sample's update delivers a natural person, Peeters An, whose phone
# number is in the personal field (t_kbo.sh); a database of its own.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cp "$T_CONF" "$T_DIR/kbo.ini"
ini_set "$T_DIR/kbo.ini" database path "$T_DIR/kbodb"
export SEDESK_CONFIG=$T_DIR/kbo.ini
run root init
run ann enterprise import-kbo "$ROOT/tests/data/kbo/full" --json
run ann enterprise import-kbo "$ROOT/tests/data/kbo/update" --json
rc_is "set-up: the KBO sample and its update imported" 0
run ann case new --enterprise 0403.170.701 --subject "Terras van het café" \
	--description "Mevrouw Peeters An belt terug op 09 123 45 67"
rc_is "set-up: a case of the sole proprietor" 0
KC=$OUT
run petra privacy export --enterprise 0403.170.701 --json
jq_true "export: the KBO person contacts of a natural person" \
	'any(.exact[]; .field == "kbo_person_contacts" and (.text | test("09 123 45 67")))'
jq_true "export: the sole proprietor's name" \
	'any(.exact[]; .record == "enterprise" and .field == "name" and .text == "Peeters An")'
jq_true "export: his case" "any(.exact[]; .record == \"case\" and .ref == \"$KC\")"
run petra privacy export --person "Peeters An" --json
jq_true "export --person finds the enterprise by its name" \
	'any(.exact[]; .record == "enterprise" and .field == "name")'
[ "$(grep -c -a -F "09 123 45 67" "$T_DIR/kbodb/data.mdb")" -gt 0 ] &&
	ok "before: the phone number is in data.mdb" || not_ok "before: the phone number is in data.mdb"
run root privacy erase --enterprise 0403.170.701
rc_is "erase --enterprise (a sole proprietor)" 0
for s in "09 123 45 67" "Peeters An"; do
	is "no byte of '$s' in data.mdb" "$(grep -c -a -F "$s" "$T_DIR/kbodb/data.mdb")" 0
done
run root enterprise show 0403.170.701 --json
jq_is "the number stays (the enterprise is still found)" '.number' 0403.170.701
jq_is "its name is the tombstone" '.name' "[erased 2026-03-02]"
run root case show "$KC" --json
jq_is "the case's description is the tombstone" '.description' "[erased 2026-03-02]"
jq_true "the case is marked erased" '.erased != null'
run root check
rc_is "check passes" 0

# --- in Dutch: the tombstone of the issue -----------------------------------------------
E3=$(add_ent --name "Atelier Oost" --notes "Mia Claes opent een atelier")
LANGUAGE=nl run root privacy erase --person "Mia Claes"
rc_is "erase in Dutch" 0
like "says it in Dutch" "$OUT" "1 waarde gewist die Mia Claes noemde"
run root enterprise show "$E3" --json
jq_is "the tombstone is Dutch: [gewist DAY]" '.notes' "[gewist 2026-03-02] opent een atelier"

finish
