#!/bin/bash
# sedesk privacy (issue 17): the register of personal data, and who may
# use any of it: admin and dpo read, only admin changes; every other role
# is refused with exit 4 and the database unchanged.
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

finish
