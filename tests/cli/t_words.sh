#!/bin/bash
# Issue 10, "say it in the user's words": plain output names fields and
# values by their translated labels and names, never by the codes the
# store and the JSON keep; every message is in the configured language
# from the first one on; a department's filter reads its own route; a
# case whose every route was declined says so.
#
# Clock: Monday 2026-03-02 09:00 UTC; eco answers in 3 working days, wel
# in 2, a case without a category in 8 (tests/fixture/sedesk.ini).
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1" --legal-form vzw --city Gent)
C1=$(new_case --enterprise "$E1" --subject "Subsidie voor een atelier" --channel phone)
run ann case edit "$C1" --priority high --category funding --channel email
rc_is "set-up: priority, category and channel changed" 0
run ann case route "$C1" eco
rc_is "set-up: routed to eco" 0
run bram case pickup "$C1" --dept eco
rc_is "set-up: eco picks it up" 0

# --- 1. journal lines in words ----------------------------------------------
run ann case show "$C1"
like "journal: the priority change in words" "$OUT" "priority: normal → high"
like "journal: the category by its configured name" "$OUT" "category: - → Subsidies en financiering"
like "journal: the channel by its label" "$OUT" "channel: phone → e-mail"
like "journal: the status change by its labels" "$OUT" "status: new → routed"
like "journal: a later status change" "$OUT" "status: routed → in progress"
like "journal: the route event names the department" "$OUT" "routed to Economie en ondernemen"
unlike "no stored status code in plain output" "$OUT" "in_progress"
unlike "no raw priority code line" "$OUT" "priority: normal → high.*priority:"
unlike "no category id where its name belongs" "$OUT" "→ funding"
run ann case show "$C1" --json
jq_true "JSON keeps the codes: status" '[.journal[] | select(.field == "status") | .new] | index("in_progress") != null'
jq_true "JSON keeps the codes: priority" '[.journal[] | select(.field == "priority") | .new] == ["high"]'
jq_true "JSON keeps the codes: category" '[.journal[] | select(.field == "category") | .new] == ["funding"]'

# Dutch: the same lines in the catalogue's words.
LANGUAGE=nl run ann case show "$C1"
like "nl: the priority change" "$OUT" "prioriteit: normaal → hoog"
like "nl: the status change" "$OUT" "status: nieuw → doorverwezen"
like "nl: the channel change" "$OUT" "kanaal: telefoon → e-mail"
like "nl: the category change" "$OUT" "categorie: - → Subsidies en financiering"
unlike "nl: no English value in a change line" "$OUT" "normal → high|new → routed"
unlike "nl: no stored code" "$OUT" "in_progress"

# enterprise show: titles, not field codes; JSON keeps the keys.
run ann enterprise show "$E1"
like "enterprise show: the legal form's title" "$OUT" "Legal form +vzw"
unlike "enterprise show: no field code" "$OUT" "legal_form"
LANGUAGE=nl run ann enterprise show "$E1"
like "nl: enterprise show says Rechtsvorm" "$OUT" "Rechtsvorm +vzw"
like "nl: enterprise show says Plaats" "$OUT" "Plaats +Gent"
like "nl: the case's status translated in enterprise show" "$OUT" "bezig"
run ann enterprise show "$E1" --json
jq_is "enterprise JSON keeps its keys" '.legal_form' vzw

finish
