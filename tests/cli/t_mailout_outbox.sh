#!/bin/bash
# sedesk outbox and digest without a real MTA (issue 16, outgoing): a
# sendmail script that keeps each message in a file, so that these run in
# every make check (tests/mail has the real Postfix, as root).
. "$(dirname "$0")/common.sh"
init_db
mkdir -p "$T_DIR/sent"
cat > "$T_DIR/sendmail" <<SH
#!/bin/sh
cat > "\$(mktemp "$T_DIR/sent/msg.XXXXXX")"
SH
chmod 755 "$T_DIR/sendmail"
sent() { ls "$T_DIR/sent" | wc -l; }

E=$(as ann enterprise add --name "Bakkerij De Korenbloem")
C=$(as ann case new --enterprise "$E" --subject "Oven")
run ann case route "$C" eco
rc_is "without [mail] from a route works" 0
run root outbox
like "the outbox says mail is off" "$ERR" "\[mail\] from is not set"
like "and that nothing waits" "$OUT" "No mail is waiting."
run root digest
rc_is "a digest without [mail] from sends nothing, and says so" 0
like "…in words" "$ERR" "no digest is sent"

ini_set "$T_CONF" mail from "desk@example.be"
ini_set "$T_CONF" mail sendmail "$T_DIR/sendmail -t -i"
C2=$(as ann case new --enterprise "$E" --subject "Oven 2")
run ann case route "$C2" eco
rc_is "a route with mail on" 0
is "the CLI handed the mail over before it ended" "$(sent)" 1
like "a whole MIME message" "$(cat "$T_DIR"/sent/*)" "Content-Type: text/plain; charset=utf-8"
run ann outbox --deliver --json
jq_is "nothing more is due" '[.sent, .failed, .waiting] | join(",")' "0,0,0"
run ann outbox --deliver --quiet
is "--quiet says nothing when all went" "$OUT$ERR" ""
run root outbox --all --json
jq_is "the admin sees it sent" '.[0] | [.state, .to, .kind, .case] | join(" ")' "sent economie@example.be routed $C2"
jq_true "with a Message-ID and times" '.[0].message_id | test("^<sedesk-.*@example\\.be>$")'
run root outbox
like "nothing waits" "$OUT" "No mail is waiting."
LANGUAGE=nl run root outbox --all
like "the list in Dutch" "$OUT" "^verstuurd +2026-03-02T09:00:00Z  economie@example.be"
# The reader's language, never the actor's: without [general] language, English.
ini_set "$T_CONF" general language ""
C3=$(as ann case new --enterprise "$E" --subject "Oven 3")
LANGUAGE=nl run ann case route "$C3" wel
like "a Dutch-speaking actor's route mails the department in English" \
	"$(grep -h '^Subject:' $(ls -t "$T_DIR"/sent/* | head -1))" "New route: Oven 3"
ini_set "$T_CONF" general language nl
C4=$(as ann case new --enterprise "$E" --subject "Oven 4")
LANGUAGE=en run ann case route "$C4" wel
like "with [general] language = nl, in Dutch whatever the actor speaks" \
	"$(grep -h '^Subject:' $(ls -t "$T_DIR"/sent/* | head -1))" "Nieuwe doorverwijzing: Oven 4"
ini_set "$T_CONF" general language en
run dina outbox
rc_is "a manager may not read the outbox" 4
run bram digest
rc_is "an officer may not send the digest" 4
run root digest --json
jq_is "the admin's digest queues the departments' (eco and wel have open routes)" '.queued' 2
is "and delivers them before the command ends" "$(sent)" 5
run root digest --json
jq_is "the second the same day queues nothing" '.queued' 0
is "and nothing more is sent" "$(sent)" 5
# Sent mail stays 30 days: the next mail sent after that takes the old ones away.
C5=$(SEDESK_NOW=2026-04-02T09:00:00Z as ann case new --enterprise "$E" --subject "Oven 5")
SEDESK_NOW=2026-04-02T09:00:00Z run ann case route "$C5" spa
run root outbox --all --json
jq_is "31 days later only the new mail is listed" '[length, .[0].case] | map(tostring) | join(" ")' "1 $C5"

# GMime builds the mail in sedesk-mailmake only: sedesk itself starts without it.
unlike "sedesk is not linked with GMime or GLib" "$(ldd "$SEDESK_BIN" 2>&1)" "libgmime|libglib"
finish
