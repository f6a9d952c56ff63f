#!/bin/bash
# Every error path of the contract: the exit code, a message on stderr that
# starts with "sedesk:", and — for every command that would write — a
# database that is byte-for-byte the same afterwards.
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1")
if [ -z "$E1" ]; then not_ok "set-up: an enterprise" "$(cat "$T_DIR/.adderr")"; finish; fi
C1=$(new_case --enterprise "$E1" --subject "Routed")
as ann case route "$C1" eco >/dev/null 2>&1
C2=$(new_case --enterprise "$E1" --subject "Nieuw")
C3=$(new_case --enterprise "$E1" --subject "Af")
as ann case route "$C3" wel >/dev/null 2>&1
as chris case answer "$C3" --dept wel --text "Gedaan" >/dev/null 2>&1
as ann case close "$C3" --resolution "Klaar" >/dev/null 2>&1
is "set-up: routed, new and closed cases" \
    "$(cfield "$C1" .status)/$(cfield "$C2" .status)/$(cfield "$C3" .status)" routed/new/closed
NOCASE=2026-09999

# --- usage --------------------------------------------------------------------
rejects 2 "unknown command" ann frobnicate
like "unknown command: the message names it" "$ERR" frobnicate
like "unknown command: the message says what to do (usage or help)" "$ERR" '[Uu]sage|help'
rejects 2 "unknown subcommand of case" ann case frobnicate "$C1"
rejects 2 "unknown subcommand of enterprise" ann enterprise frobnicate
rejects 2 "case without a subcommand" ann case
rejects 2 "unknown option on a write command" ann enterprise add --name "X" --bogus
rejects 2 "unknown option on a read command" ann case list --bogus
rejects 2 "unknown global option" ann --bogus whoami
rejects 2 "option missing its value at the end" ann case list --limit
rejects 2 "-c without a file" ann whoami -c

# --- missing required options and arguments ----------------------------------
rejects 2 "enterprise add without --name" ann enterprise add --city Gent
rejects 2 "enterprise edit without a reference" ann enterprise edit --city Gent
rejects 2 "case new without --subject" ann case new --enterprise "$E1"
rejects 2 "case new with an empty --subject" ann case new --enterprise "$E1" --subject ""
rejects 2 "case new without --enterprise" ann case new --subject "Zonder onderneming"
rejects 2 "case new with both --description and --description-file" \
    ann case new --enterprise "$E1" --subject "Twee" --description "a" --description-file /dev/null
rejects 2 "case route without a department" ann case route "$C2"
rejects 2 "case route without a number" ann case route
rejects 2 "case pickup without --dept" bram case pickup "$C1"
rejects 2 "case answer without --text" bram case answer "$C1" --dept eco
rejects 2 "case answer with an empty --text" bram case answer "$C1" --dept eco --text ""
rejects 2 "case decline without --reason" bram case decline "$C1" --dept eco
rejects 2 "case decline with an empty --reason" bram case decline "$C1" --dept eco --reason ""
rejects 2 "case close without --resolution" ann case close "$C1"
rejects 2 "case close with an empty --resolution" ann case close "$C1" --resolution ""
rejects 2 "case note without text" ann case note "$C1"
rejects 2 "case note with empty text" ann case note "$C1" ""
rejects 2 "case show without a number" ann case show
rejects 2 "case wait without a number" ann case wait

# --- bad values ------------------------------------------------------------------
for v in abc -1 1x ""; do
	rejects 2 "case list --limit '$v'" ann case list --limit "$v"
done
rejects 2 "enterprise list --limit abc" ann enterprise list --limit abc
for v in 0 6 abc 3.5 -2 ""; do
	rejects 2 "case close --satisfaction '$v'" ann case close "$C1" --resolution "Klaar" --satisfaction "$v"
done
rejects 2 "case new --channel fax" ann case new --enterprise "$E1" --subject "Fax" --channel fax
rejects 2 "case new --priority extreme" ann case new --enterprise "$E1" --subject "P" --priority extreme
rejects 2 "case new --category unknown" ann case new --enterprise "$E1" --subject "C" --category nosuch
rejects 2 "case new with invalid UTF-8 in the subject" ann case new --enterprise "$E1" --subject "$(printf 'Caf\xe9')"
rejects 2 "case edit --priority extreme" ann case edit "$C2" --priority extreme
rejects 2 "case edit --owner of an unknown login" ann case edit "$C2" --owner nobody
rejects 2 "case list --status unknown" ann case list --status lost
rejects 2 "case list --dept unknown" ann case list --dept atlantis
like "…the core's answer lists the configured departments" "$ERR" "unknown department atlantis; known: .*eco"
rejects 2 "case list --category unknown" ann case list --category atlantis
like "…the core's answer lists the configured categories" "$ERR" "unknown category atlantis; known: .*funding"
rejects 2 "--expect-version not a number" ann case note "$C1" "x" --expect-version abc

# --- unknown records: exit 3 -----------------------------------------------------
rejects 3 "case show of an unknown number" ann case show "$NOCASE"
like "not found: the message names the case" "$ERR" "$NOCASE"
rejects 3 "case route of an unknown number" ann case route "$NOCASE" eco
rejects 3 "case note on an unknown number" ann case note "$NOCASE" "x"
rejects 3 "case close of an unknown number" ann case close "$NOCASE" --resolution "x"
rejects 3 "case pickup on an unknown number" bram case pickup "$NOCASE" --dept eco
rejects 3 "case wait on an unknown number" ann case wait "$NOCASE"
rejects 3 "case reopen on an unknown number" ann case reopen "$NOCASE"
rejects 3 "case suggest on an unknown number" ann case suggest "$NOCASE"
rejects 3 "case edit of an unknown number" ann case edit "$NOCASE" --priority low
rejects 3 "case new for an unregistered enterprise number" ann case new --enterprise "$KBO2" --subject "x"
rejects 3 "case new for an unknown enterprise id" ann case new --enterprise 00000000-0000-4000-8000-000000000000 --subject "x"
rejects 3 "case list --enterprise unregistered" ann case list --enterprise "$KBO2"
rejects 3 "enterprise show unknown" ann enterprise show 00000000-0000-4000-8000-000000000000

# --- unknown department named by the user: invalid input, exit 2 ------------------
rejects 2 "case route to an unknown department" ann case route "$C2" atlantis
like "unknown department: the message names it" "$ERR" atlantis
rejects 2 "case route to a known and an unknown department (nothing routed)" ann case route "$C2" eco atlantis
is "a route with one unknown department routed nothing" "$(cfield "$C2" '.routes | length')" 0
rejects 2 "case pickup --dept unknown" root case pickup "$C1" --dept atlantis
rejects 2 "case answer --dept unknown" root case answer "$C1" --dept atlantis --text "x"

# --- invalid transitions ---------------------------------------------------------
rejects 2 "route to a department whose route is still open" ann case route "$C1" eco
_before=$(db_fingerprint)
run bram case pickup "$C2" --dept eco
case $RC in 2|3) ok "pickup of a route that does not exist is refused (exit $RC)" ;;
*) not_ok "pickup of a route that does not exist is refused" "exit $RC, wanted 2 or 3: $ERR" ;; esac
err_prefix "pickup of a missing route: message starts with 'sedesk:'"
is "pickup of a missing route: database unchanged" "$(db_fingerprint)" "$_before"
as bram case pickup "$C1" --dept eco >/dev/null 2>&1
rejects 2 "pickup of a route already picked up" bram case pickup "$C1" --dept eco
as bram case answer "$C1" --dept eco --text "Antwoord" >/dev/null 2>&1
is "set-up: C1 answered" "$(cfield "$C1" .status)" answered
rejects 2 "answer a route already answered" bram case answer "$C1" --dept eco --text "Nog eens"
rejects 2 "decline a route already answered" bram case decline "$C1" --dept eco --reason "Toch niet"
rejects 2 "close a closed case" ann case close "$C3" --resolution "Nog eens"
rejects 2 "wait on a closed case" ann case wait "$C3"
rejects 2 "reopen a case that is not waiting, answered or closed" ann case reopen "$C2"

# --- stale versions: exit 5 ------------------------------------------------------
V=$(cfield "$C2" .version)
as ann case note "$C2" "versie omhoog" >/dev/null 2>&1
rejects 5 "case close with a stale --expect-version" ann case close "$C2" --resolution "x" --expect-version "$V"
rejects 5 "case wait with a stale --expect-version" ann case wait "$C2" --expect-version "$V"
EV=$(efield "$E1" .version)
as ann enterprise edit "$E1" --city Gent >/dev/null 2>&1
rejects 5 "enterprise edit with a stale --expect-version" ann enterprise edit "$E1" --city Brugge --expect-version "$EV"

# --- a clock that cannot be read is an error, not the real time ------------------
SEDESK_NOW=yesterday rejects 2 "SEDESK_NOW that is not a time" ann case new --enterprise "$E1" --subject "Klok"
like "bad SEDESK_NOW: the message names the variable" "$ERR" SEDESK_NOW

# --- files -----------------------------------------------------------------------
_before=$(db_fingerprint)
run ann case new --enterprise "$E1" --subject "x" --description-file "$T_DIR/no-such-file"
if [ "$RC" -ne 0 ]; then ok "--description-file naming a missing file fails (exit $RC)"
else not_ok "--description-file naming a missing file fails" "exit 0: $OUT"; fi
err_prefix "--description-file missing: message starts with 'sedesk:'"
like "--description-file missing: the message names the file" "$ERR" 'no-such-file'
is "--description-file missing: database unchanged (no number used)" "$(db_fingerprint)" "$_before"
run ann case new --enterprise "$E1" --subject "Na de fouten"
is "rejected case new commands used no case numbers" "$OUT" 2026-00004

# --- errors go to stderr only -------------------------------------------------------
run ann case show "$NOCASE"
is "a failing command prints nothing on stdout" "$OUT" ""
run ann case show "$NOCASE" --json
is "a failing --json command prints nothing on stdout" "$OUT" ""

finish
