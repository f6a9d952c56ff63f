#!/bin/bash
# A refusal of the core is shown beside the field it is about, in Dutch too
# (issue 11): the forms place it by struct sd_error's field (the stable name
# "name", "number"), not by matching the translated message text, which in
# Dutch ("naam: …", "nummer: …") never matched.
#
# The assertions marked [field] need the core to fill err.field for the
# enterprise's validation (sd_fail_field, from the field tables of issue
# 11).  Until that has landed they fail; with FIELD_FILLED=no a failing
# [field] assertion is reported as skipped, so that the suite passes on a
# branch without it.  Set FIELD_FILLED=yes once it has landed: then they are
# plain assertions.
FIELD_FILLED=${FIELD_FILLED:-yes}
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel Het Anker" --number 0403.170.701

# The line of the form's field LABEL (the label at column 1, not the full
# messages below the form, which read "LABEL: …").
field_line() { screen | grep -m 1 -E "^ $1 {2,}"; }

# One [field] assertion: the line of field LABEL holds TEXT within 3 s.
beside_field() {	# beside_field DESC LABEL TEXT
	_i=0
	while [ $_i -lt 30 ]; do
		case $(field_line "$2") in *"$3"*) ok "[field] $1"; return ;; esac
		sleep 0.1; _i=$((_i + 1))
	done
	if [ "$FIELD_FILLED" = yes ]; then
		not_ok "[field] $1" "the line of \"$2\" lacks \"$3\"; the screen:
$(screen)"
	else
		T_N=$((T_N + 1))
		echo "not ok $T_N - [field] $1 # SKIP the core does not fill err.field yet (FIELD_FILLED=no)"
	fi
}

tui_start LANGUAGE=nl
need "nl: the inbox opens" 5 "Er wacht niets op u."
keys e
need "nl: e opens the enterprise list" 3 "Ondernemingen ("
keys a
need "nl: a opens the new enterprise form" 3 "Nieuwe onderneming"

# An empty name, saved at once: only the core's check runs.
keys F2
expect_screen "nl: F2 with no name is refused (message line)" 3 \
    "een onderneming moet een naam hebben"
beside_field "nl: the refusal of the empty name is beside the field Naam" Naam \
    "een onderneming"
is "nl: nothing was registered" "$(cli root enterprise list --json | jq length)" 1

# A KBO number with wrong check digits, saved while still in the field.
typein "Buurtwerk Noord"
keys Tab
typein "0403170702"
keys F2
expect_screen "nl: F2 with a bad KBO number is refused (message line)" 3 "controlecijfers"
beside_field "nl: the refusal of the number is beside the field Nummer (KBO/KvK)" \
    "Nummer \\(KBO\\/KvK\\)" "KBO-nummer"
case $(field_line Naam) in
*"een onderneming"*) not_ok "nl: the name's old message went once a name was typed" "$(screen)" ;;
*) ok "nl: the name's old message went once a name was typed" ;;
esac
is "nl: still nothing registered" "$(cli root enterprise list --json | jq length)" 1

# Leaving the number field checks it in the form itself (no [field] needed).
keys BSpace
typein "2"
keys Tab
expect_screen "nl: leaving the bad number shows why beside it" 3 "controlecijfers"
case $(field_line "Nummer \\(KBO\\/KvK\\)") in
*KBO-nummer*) ok "nl: … on the line of the field Nummer (KBO/KvK)" ;;
*) not_ok "nl: … on the line of the field Nummer (KBO/KvK)" "$(screen)" ;;
esac

keys Escape
need "nl: Esc asks before losing what was typed" 3 "Verlaten en wat u typte verliezen?"
keys y
need "nl: y leaves the form" 3 "Ondernemingen ("
expect_quit "nl: sedesk quits with status 0"

finish
