#!/bin/bash
# Incoming mail through a real MTA (issue 16): messages handed to the
# private Postfix for desk@localhost go through its alias pipe
#   desk: "|SEDESK -c CONFIG mailgate"
# run by Postfix as default_privs (nobody), the [mail] gate_unix_users of
# the desk, and become cases and notes: a Thunderbird multipart with an
# attachment, an Outlook HTML-only mail in Windows-1252, a reply with the
# case tag, an auto-reply (dropped, no bounce).  A message over
# [mail] message_max is bounced to its sender (65); while the database is
# busy the MTA defers the message (75) and delivers it once it is free.
. "$(dirname "$0")/common.sh"
MAIL=$(cd "$(dirname "$0")/../data/mail" && pwd)

cat >>"$SEDESK_CONFIG" <<INI

[officer:mailgate]
name = Mail gate
role = gate

[mail]
gate_user = mailgate
gate_unix_users = nobody
message_max = 64K
INI
ini_set "$SEDESK_CONFIG" database lock_timeout 1
unset SEDESK_NOW	# the pipe runs with the real clock
run root init
need_rc0 "sedesk init"
run ann enterprise add --name "Café De Kroon" --email info@dekroon.be \
	--person "name=An Peeters;email=an.peeters@dekroon.be"
need_rc0 "an enterprise with a contact person"
run ann enterprise add --name "Kringwinkel West" --email info@kringwinkel-west.be
need_rc0 "an enterprise with the Outlook sender's domain"
# The pipe runs as nobody: the desk's database is nobody's to write (a
# private install; the setgid one gives the group instead).
chown -R nobody "$T_DIR/db"
chmod 755 "$T_DIR/db"
pf_alias desk "\"|$SEDESK_BIN -c $SEDESK_CONFIG mailgate\""

# deliver FILE: the message to desk@localhost from SENDER (default x@example.be).
deliver() {
	/usr/sbin/sendmail -C "$PF_CONF" -i -f "${2:-x@example.be}" desk@localhost <"$1"
}
ncases() { run root case list --json --limit 1000; printf '%s' "$OUT" | jq length; }
# The number of the newest case whose subject is $1.
case_of() {
	run root case list --json --limit 1000
	printf '%s' "$OUT" | jq -r --arg s "$1" '[.[] | select(.subject == $s)][0].number // empty'
}
has_case() { [ -n "$(case_of "$1")" ]; }

deliver "$MAIL/thunderbird.eml"
S1="Vraag over een terras en een subsidie voor het café"
check "the Thunderbird multipart arrives through the alias pipe as a case" \
	wait_for 30 has_case "$S1"
C1=$(case_of "$S1")
run ann case show "$C1" --json
jq_is() { is "$1" "$(printf '%s' "$OUT" | jq -r "$2")" "$3"; }
jq_is "channel e-mail, status new" '.channel + " " + .status' "email new"
jq_is "the sender's enterprise" .enterprise.name "Café De Kroon"
jq_is "the gate's case" .owner mailgate
jq_is "its attachment stored" '.attachments[0].name + " " + (.attachments[0].size | tostring)' \
	"terrasplan.pdf 102"
like "the log says the pipe delivered it" "$(cat "$PF_LOG")" "status=sent \\(delivered to command"

deliver "$MAIL/outlook-html.eml"
S2="Aanvraag “café” ruimte – dringend"
check "the Outlook HTML-only mail in Windows-1252 arrives as a case" wait_for 30 has_case "$S2"
run ann case show "$(case_of "$S2")" --json
like "its HTML reduced to text, in UTF-8" "$(printf '%s' "$OUT" | jq -r .description)" \
	"ons “café” met 15 werknemers & vrijwilligers. Kost: 300 € per maand."
jq_is "the enterprise by the sender's domain" .enterprise.name "Kringwinkel West"

sed "s/CASENUMBER/$C1/g" "$MAIL/reply.eml" >"$T_DIR/reply.eml"
before=$(ncases)
deliver "$T_DIR/reply.eml"
note_in() {
	run root case show "$C1" --json
	printf '%s' "$OUT" | jq -e '.journal | map(select(.kind == "note")) | length > 0' >/dev/null
}
check "the reply with the case tag becomes a note on $C1" wait_for 30 note_in
run root case show "$C1" --json
like "from the known sender" "$(printf '%s' "$OUT" | jq -r '.journal | map(select(.kind == "note")) | last | .text')" \
	"^E-mail from An Peeters <an.peeters@dekroon.be>:"
is "no new case for the reply" "$(ncases)" "$before"

nsent=$(grep -c "status=sent (delivered to command" "$PF_LOG")
deliver "$MAIL/autoreply.eml"
sent_more() { [ "$(grep -c "status=sent (delivered to command" "$PF_LOG")" -gt "$nsent" ]; }
check "the auto-reply is taken by the pipe (exit 0: no bounce)" wait_for 30 sent_more
is "and not turned into a case" "$(ncases)" "$before"

# Over message_max: exit 65, the MTA returns it to its sender.
{ printf 'From: big@example.be\nTo: desk@localhost\nSubject: te groot\n\n'
  head -c 70000 /dev/zero | tr '\0' 'x' | fold -w 76; } >"$T_DIR/big.eml"
pf_clear
deliver "$T_DIR/big.eml" big@example.be
bounced() { [ -n "$(mail_to big@example.be)" ]; }
check "a message over message_max is bounced to its sender" wait_for 30 bounced
like "the bounce names the pipe's failure" "$(cat $(mail_to big@example.be) 2>/dev/null)" \
	"larger than \\[mail\\] message_max"
is "nothing stored of it" "$(ncases)" "$before"

# The database busy: 75, deferred, delivered once it is free.
python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o660)
fcntl.lockf(fd, fcntl.LOCK_EX, 1, 0)
open(sys.argv[2], "w").close()
time.sleep(60)' "$T_DIR/db/writer.lock" "$T_DIR/held" &
holder=$!
trap 'kill $holder 2>/dev/null; mail_cleanup' EXIT
for _ in $(seq 50); do [ -e "$T_DIR/held" ] && break; sleep 0.1; done
sed 's/^Subject: .*/Subject: Later, please/' "$MAIL/unknown.eml" >"$T_DIR/later.eml"
mark=$(wc -l <"$PF_LOG")
deliver "$T_DIR/later.eml"
deferred() { tail -n +"$((mark + 1))" "$PF_LOG" | grep -q "status=deferred (temporary failure"; }
check "while the database is busy the MTA defers the message (75)" wait_for 30 deferred
is "nothing stored meanwhile" "$(has_case "Later, please" && echo yes || echo no)" no
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
pf_flush
check "once the database is free the MTA delivers it: a case" wait_for 60 has_case "Later, please"
finish
