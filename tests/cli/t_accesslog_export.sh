#!/bin/bash
# Minimal by default (issue 17): CSV and JSON exports of lists say at their
# top that they hold personal data when they do, decided from the field
# tables' personal marks (the report of departments shows decline reasons,
# route.answer; the backlog the subjects of waiting cases, case.subject);
# exports of figures only say so in JSON ("personal_data": false) and not
# at all in CSV; the list commands' --json arrays keep their shape.
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1")
if [ -z "$E1" ]; then not_ok "set-up: an enterprise" "$(cat "$T_DIR/.adderr")"; finish; fi
C1=$(new_case --enterprise "$E1" --subject "Terras en subsidie")
C2=$(new_case --enterprise "$E1" --subject "Wachten op Jan Vermeulen")
as ann case route "$C1" eco wel >/dev/null 2>&1
as chris case decline "$C1" --dept wel --reason "Niet voor ons: vraag het aan Jan" >/dev/null 2>&1
as ann case wait "$C2" >/dev/null 2>&1
NOTICE="# Personal data (GDPR): this list shows"

# --- personal: the statement first --------------------------------------------------
run root report departments --format csv
rc_is "report departments --format csv" 0
is "CSV: the first line states personal data" "$(printf '%s\n' "$OUT" | head -1 | cut -c1-${#NOTICE})" \
    "$NOTICE"
like "…naming the field" "$(printf '%s\n' "$OUT" | head -1)" "route\\.answer"
unlike "…in one cell: no separator, no quote" "$(printf '%s\n' "$OUT" | head -1)" '[,;"]'
like "the table follows as before" "$(printf '%s\n' "$OUT" | sed -n 2p)" "^Routes per department"
like "the reason is there (personal indeed)" "$OUT" "Niet voor ons"
run root report departments --format csv --separator ';'
unlike "with ; as separator: still one cell" "$(printf '%s\n' "$OUT" | head -1)" '[,;"]'
run root report departments --format csv --bom
is "with --bom: the mark first, then the statement" \
    "$(printf '%s' "$OUT" | head -c 6 | od -An -c | tr -s ' ')" " 357 273 277 # P"
run root report departments --format json
jq_is "JSON: personal_data is the first member" 'keys_unsorted[0]' personal_data
jq_is "JSON: true" '.personal_data' true
jq_is "JSON: the fields" '.personal_fields | join(",")' route.answer
jq_true "JSON: the notice in words" '.personal_data_notice | startswith("Personal data (GDPR)")'
jq_is "JSON: the report as before" '.report' departments
run root report backlog --format csv
like "backlog (subjects of waiting cases): stated" "$(printf '%s\n' "$OUT" | head -1)" \
    "^# Personal data.*case\\.subject"
run root report council --format json
jq_is "council (holds the departments and backlog): stated" '.personal_data' true
run root report council --format csv
like "council CSV: stated" "$(printf '%s\n' "$OUT" | head -1)" "^# Personal data"

# --- figures only: nothing in CSV, false in JSON ---------------------------------------
run root report channels --format csv
unlike "channels CSV: no statement" "$(printf '%s\n' "$OUT" | head -1)" "^#"
run root report channels --format json
jq_is "channels JSON: personal_data false, first" '[keys_unsorted[0], .personal_data] | map(tostring) | join(",")' \
    "personal_data,false"
jq_true "channels JSON: no fields named" 'has("personal_fields") | not'
run root report silos --format json
jq_is "silos JSON: false" '.personal_data' false

# --- the attendee list: enterprise names and numbers are not marked personal -------------
run ann event add --title "Workshop" --kind workshop --start 2026-03-12T14:00 \
    --end 2026-03-12T16:00 --place "Stadhuis" --dept eco
EV=$OUT
as ann event invite "$EV" "$E1" >/dev/null 2>&1
run ann event export "$EV" --format csv
is "event export CSV: the header first, no statement" "$(printf '%s\n' "$OUT" | head -1 | tr -d '\r')" \
    "name,number,state,people,invited,registered,attended"
run ann event export "$EV" --format json
jq_true "event export JSON: an array as before" 'type == "array"'

# --- the list commands' --json keep their shape ----------------------------------------
run root case list --json
jq_true "case list --json: an array as before" 'type == "array"'
run root enterprise list --json
jq_true "enterprise list --json: an array as before" 'type == "array"'

# --- in the user's language ------------------------------------------------------------
LANGUAGE=nl run root report departments --format csv
like "Dutch: the statement in Dutch" "$(printf '%s\n' "$OUT" | head -1)" "^# Persoonsgegevens \\(AVG\\)"
unlike "Dutch: still one cell" "$(printf '%s\n' "$OUT" | head -1)" '[,;"]'
finish
