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

# A case moved to another enterprise: both by name (the journal once showed
# eight hex digits of their ids, which two enterprises made in the same
# minute share); the JSON keeps the whole ids.
E2=$(add_ent --name "Fietsatelier Het Wiel")
C2=$(new_case --enterprise "$E1" --subject "Verkeerde onderneming")
run ann case edit "$C2" --enterprise "$E2"
rc_is "set-up: the case moved to another enterprise" 0
run ann case show "$C2"
like "journal: the enterprises by name" "$OUT" "enterprise: Kringwinkel De Vlinder \($KBO1\) → Fietsatelier Het Wiel"
unlike "journal: no id of an enterprise" "$OUT" "[0-9a-f]{8}"
run ann case show "$C2" --json
jq_is "JSON keeps the whole ids" '[.journal[] | select(.field == "enterprise") | .old + " " + .new][0]' \
    "$(as ann enterprise show "$E1" --json | jq -r .id) $(as ann enterprise show "$E2" --json | jq -r .id)"

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

# --- 2. the configured language from the first message on -------------------
# The environment names no language (LANG=C.UTF-8) or one without a
# catalogue (fr_BE); the configuration says nl.
NL_CONF=$T_DIR/nl.ini
write_config "$NL_CONF"
ini_set "$NL_CONF" general language nl
nl_run() {	# nl_run USER ARG…  with language = nl and LANG=${NL_LANG:-C.UTF-8}
	_lang=$LANGUAGE _all=$LC_ALL _l=$LANG
	unset LANGUAGE LC_ALL
	export LANG=${NL_LANG:-C.UTF-8}
	SEDESK_CONFIG=$NL_CONF run "$@"
	export LANGUAGE=$_lang LC_ALL=$_all LANG=$_l
}
nl_run ann case list --bogus
like "nl: an unknown option is said in Dutch" "$ERR" "onbekende optie --bogus"
unlike "nl: …not in English" "$ERR" "unknown option"
NL_LANG=fr_BE.UTF-8 nl_run ann case list --bogus
like "LANG=fr_BE (no catalogue) falls back to the configured nl" "$ERR" "onbekende optie --bogus"
NL_LANG=fr_BE.UTF-8 nl_run ann case show "$C1"
like "LANG=fr_BE: journal lines in the configured nl" "$OUT" "prioriteit: normaal → hoog"
LANGUAGE=en nl_run ann case list --bogus
like "an English \$LANGUAGE still wins over the configuration" "$ERR" "unknown option --bogus"
# An error in the rest of the file, once its language is known.
BAD_CONF=$T_DIR/bad.ini
awk '/^\[officer:bram\]/ { skip = 1 } skip && /^role/ { skip = 0; next } { print }' \
    "$NL_CONF" >"$BAD_CONF"
NL_CONF=$BAD_CONF nl_run ann case list
like "nl: a missing key of the configuration is said in Dutch" "$ERR" "role: ontbreekt"
NL_CONF=$BAD_CONF nl_run ann case list --bogus
like "nl: an unknown option with a broken file is still Dutch" "$ERR" "onbekende optie"
nl_run root restore "$T_DIR/no-such-backup.mdb"
rc_is "restore of a missing file fails" 2
unlike "nl: restore's message is not English" "$ERR" "cannot|not found|No such file"
like "nl: restore's message is in Dutch" "$ERR" "niet"

# --- 3. a department's overdue is its own route's ----------------------------
# C2 goes to eco (3 working days: due 2026-03-06, the 4th is a holiday)
# and wel (2: due 2026-03-05); the case itself is due in 8 working days.
C2=$(new_case --enterprise "$E1" --subject "Terras en subsidie")
run ann case route "$C2" eco wel
rc_is "set-up: C2 routed to eco and wel" 0
run chris case answer "$C2" --dept wel --text "Geen bezwaar."
rc_is "set-up: wel answers at once" 0
# 2026-03-09: eco's route is late, the case is not.
SEDESK_NOW=2026-03-09T09:00:00Z run dina case list --dept eco --overdue
like "--dept eco --overdue lists a case whose eco route is late" "$OUT" "Terras en subsidie"
SEDESK_NOW=2026-03-09T09:00:00Z run dina case list --overdue
unlike "…though the case itself is not overdue" "$OUT" "Terras en subsidie"
# 2026-03-20: the case is late, wel's answered route is not.
SEDESK_NOW=2026-03-20T09:00:00Z run dina case list --overdue
like "on 2026-03-20 the case is overdue" "$OUT" "Terras en subsidie"
SEDESK_NOW=2026-03-20T09:00:00Z run dina case list --dept wel --overdue
unlike "--dept wel --overdue leaves out a case wel answered in time" "$OUT" "Terras en subsidie"
SEDESK_NOW=2026-03-20T09:00:00Z run dina case list --dept wel --overdue --json
jq_is "…in the JSON too" 'map(select(.subject == "Terras en subsidie")) | length' 0

# --- 4. every department declined -------------------------------------------
C3=$(new_case --enterprise "$E1" --subject "Een vraag die niemand beantwoordt")
run ann case route "$C3" eco wel
rc_is "set-up: C3 routed to eco and wel" 0
run bram case decline "$C3" --dept eco --reason "Niet voor ons."
rc_is "set-up: eco declines" 0
run chris case decline "$C3" --dept wel --reason "Ook niet voor ons."
rc_is "set-up: wel declines" 0
run ann case show "$C3"
like "case show: every department declined" "$OUT" "\\[every department declined\\]"
unlike "case show: not \"answered\"" "$OUT" "\\[answered\\]"
run ann case list
like "case list: every department declined" "$OUT" "every department declined.*Een vraag die niemand"
run ann inbox
like "inbox: why the case is there, every department declined" "$OUT" "every department declined.*Een vraag die niemand"
run ann enterprise show "$E1"
like "enterprise show: every department declined" "$OUT" "every department declined"
run ann case show "$C3" --json
jq_is "the JSON keeps the stored status" '.status' answered
jq_is "the JSON says every route was declined" '.all_declined' true
# One answer among the declines: answered, as before.
run ann case show "$C2" --json
jq_is "a case with an answer is not all-declined" '.all_declined' false

finish
