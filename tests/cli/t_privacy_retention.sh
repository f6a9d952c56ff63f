#!/bin/bash
# sedesk privacy retention (issue 17): per category a period after
# closing and an action, with the desk's default ([privacy]); with a fixed
# clock ($SEDESK_NOW) the cases past it are listed (--dry-run, the dpo
# too), then anonymised or destroyed by the administrator only, the
# figures kept, `check` passing, the administrator's inbox saying what is
# due, and a case done not due again.
#
# Clock: the cases are made and closed on Monday 2026-03-02 (common.sh);
# later runs move SEDESK_NOW.
. "$(dirname "$0")/common.sh"
cat >>"$T_CONF" <<'INI'

[privacy]
retention = 2y

[officer:petra]
name = Petra Vos
role = dpo
INI
ini_set "$T_CONF" category:funding retention 1y
ini_set "$T_CONF" category:permit retention 6m
ini_set "$T_CONF" category:permit retention_action destroy
init_db

E1=$(add_ent --name "Kringwinkel Zuid" --number "$KBO1")
case_for() {	# case_for CATEGORY: a closed case naming Jan Peeters
	run ann case new --enterprise "$E1" --subject "Vraag van Jan Peeters ${1:-zonder}" \
		${1:+--category "$1"} --description "Jan Peeters vraagt iets"
	_c=$OUT
	run ann case note "$_c" "Gebeld met Jan Peeters"
	run ann case route "$_c" eco
	run bram case answer "$_c" --dept eco --text "Antwoord aan Jan Peeters"
	run ann case close "$_c" --resolution "Jan Peeters geholpen" --satisfaction 4
	echo "$_c"
}
CF=$(case_for funding)
CP=$(case_for permit)
CN=$(case_for "")
COPEN=$(new_case --enterprise "$E1" --subject "Open vraag van Jan Peeters" --category permit)
[ -n "$CF" ] && [ -n "$CP" ] && [ -n "$CN" ] && ok "set-up: three closed cases, one open" ||
	not_ok "set-up: three closed cases, one open"

numbers() {
	for r in departments silos backlog channels; do
		run dina report "$r" --year 2026 --json
		printf '%s' "$OUT" | jq -c '[paths(numbers) as $p | [$p, getpath($p)]]'
	done
}
# The backlog counts ages "now": both sides read at the last clock of the test.
before=$(SEDESK_NOW=2028-03-02T09:00:00Z numbers)

# --- the configuration is checked ---------------------------------------------------
cp "$T_CONF" "$T_DIR/bad.ini"
ini_set "$T_DIR/bad.ini" category:funding retention 5x
SEDESK_CONFIG=$T_DIR/bad.ini run root privacy retention --dry-run
rc_is "a period that is no period is refused" 2
like "… saying how to write one" "$ERR" "5y, 18m or 90d"
cp "$T_CONF" "$T_DIR/bad.ini"
ini_set "$T_DIR/bad.ini" privacy retention_action shred
SEDESK_CONFIG=$T_DIR/bad.ini run root privacy retention --dry-run
rc_is "an action that is no action is refused" 2
like "… naming the two" "$ERR" "anonymise or destroy"

# --- nothing due yet ------------------------------------------------------------------
SEDESK_NOW=2026-09-01T09:00:00Z run root privacy retention --dry-run --json
rc_is "the day before the first period ends" 0
jq_is "nothing is due" '.cases | length' 0
SEDESK_NOW=2026-09-01T09:00:00Z run root inbox
unlike "the inbox says nothing of retention" "$OUT" "retention"

# --- six months after closing: the permit case ------------------------------------------
export SEDESK_NOW=2026-09-02T09:00:00Z
run petra privacy retention --dry-run --json
rc_is "--dry-run by the dpo" 0
jq_is "the permit case is due (6 months)" '[.cases[].number] | join(",")' "$CP"
jq_is "… to be destroyed" '.cases[0].action' destroy
jq_is "… kept until" '.cases[0].due' 2026-09-02
jq_is "a dry run applies nothing" '.applied' false
for u in petra ann bram dina; do
	rejects 4 "applying retention refused for $u" $u privacy retention
done
for u in ann bram dina; do
	rejects 4 "--dry-run refused for $u" $u privacy retention --dry-run
done
run root inbox
like "the administrator's inbox says one case is due" "$OUT" "1 closed case is past its retention"
run ann inbox
unlike "the contact's does not" "$OUT" "retention"
run root privacy retention
rc_is "applied by the administrator" 0
like "says what it did" "$OUT" "1 case anonymised or destroyed"
run root case show "$CP" --json
jq_is "destroyed: the subject is the tombstone" '.subject' "[erased 2026-09-02]"
jq_is "… the route's answer too" '.routes[0].answer' "[erased 2026-09-02]"
jq_is "… its journal is one entry, the erasure" '[.journal[].kind] | join(",")' erased
jq_is "… the satisfaction stays" '.satisfaction' 4
jq_is "… so does the category" '.category' permit
run root case show "$CF" --json
jq_is "the funding case is untouched" '.subject' "Vraag van Jan Peeters funding"
run root case show "$COPEN" --json
jq_is "an open case is never due" '.subject' "Open vraag van Jan Peeters"
run root inbox
unlike "the inbox line is gone" "$OUT" "retention"
run root privacy retention --dry-run --json
jq_is "a case done is not due again" '.cases | length' 0

# The applied run noted the next day a case is due: the inbox says nothing
# before it, and the day itself says it; a changed retention looks again.
SEDESK_NOW=2027-03-01T09:00:00Z run root inbox
unlike "the day before the funding case is due: no line" "$OUT" "retention"
SEDESK_NOW=2027-03-02T09:00:00Z run root inbox
like "on the day: one case due" "$OUT" "1 closed case is past its retention"
cp "$T_CONF" "$T_DIR/short.ini"
ini_set "$T_DIR/short.ini" category:funding retention 3m
SEDESK_CONFIG=$T_DIR/short.ini SEDESK_NOW=2026-12-03T09:00:00Z run root inbox
like "a shorter retention configured since: due at once" "$OUT" "1 closed case is past its retention"

# --- a year: funding (anonymise); two years: no category (the desk's default) -----------
export SEDESK_NOW=2027-03-02T09:00:00Z
run root privacy retention --json
jq_is "after a year the funding case" '[.cases[] | .number + ":" + .action] | join(",")' "$CF:anonymise"
run root case show "$CF" --json
jq_is "anonymised: the description" '.description' "[erased 2027-03-02]"
jq_true "… its journal kept, the note tombstoned" \
	'any(.journal[]; .kind == "note" and .text == "[erased 2027-03-02]")'
jq_true "… who did what stays" 'any(.journal[]; .kind == "answered" and .actor == "bram")'
export SEDESK_NOW=2028-03-01T09:00:00Z
run root privacy retention --dry-run --json
jq_is "the case of no category: not before two years" '.cases | length' 0
export SEDESK_NOW=2028-03-02T09:00:00Z
run root privacy retention --json
jq_is "two years: the desk's default" '[.cases[].number] | join(",")' "$CN"

run root check
rc_is "check passes" 0
is "the report numbers are equal before and after" "$(numbers)" "$before"
is "of the closed cases nothing of Jan Peeters is in data.mdb but the open case's" \
	"$(grep -c -a -o "Jan Peeters" "$T_DIR/db/data.mdb")" \
	"$(grep -c -a -o "Open vraag van Jan Peeters" "$T_DIR/db/data.mdb")"

finish
