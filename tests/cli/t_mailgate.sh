#!/bin/bash
# Incoming mail (issue 16): `sedesk mailgate` reads one message on stdin,
# as the MTA's alias pipe gives it, and stores it as [mail] gate_user
# (role gate): a new case (channel e-mail, status new, the sender's
# enterprise by address or domain, else the desk's unknown enterprise), a
# note on the case its subject's tag names (sender checked against the
# enterprise's contact persons), attachments with the case up to
# [mail] attachment_max; loops and auto-replies dropped with exit 0;
# exit codes an MTA understands; hostile mail stays inert and stores
# nothing half.  Messages: tests/data/mail/.
. "$(dirname "$0")/common.sh"
MAIL=$T_TESTS/data/mail
ME=$(id -un)

# The gate: an officer of role gate, run by this suite's own Unix user.
cat >>"$T_CONF" <<INI

[officer:mailgate]
name = Mail gate
role = gate

[mail]
gate_user = mailgate
gate_unix_users = nobody, $ME
INI
init_db
KROON=$(add_ent --name "Café De Kroon" --number "$KBO1" --email info@dekroon.be \
	--person "name=An Peeters;role=zaakvoerder;email=an.peeters@dekroon.be")
WEST=$(add_ent --name "Kringwinkel West" --number "$KBO2" --email info@kringwinkel-west.be)
add_ent --name "Gmail-klant" --number "$KBO3" --email someone@gmail.com >/dev/null

# mailgate FILE [ARG…]: the message on stdin, as the MTA gives it.
mailgate() {
	_f=$1; shift
	RUN_STDIN=$_f run "$ME" mailgate "$@"
	RUN_STDIN=/dev/null
}
ncases() { as root case list --json --limit 1000 2>/dev/null | jq length; }

# GMime is the parser's, never sedesk's (process start, and no mail parser in a setgid process).
unlike "sedesk itself does not link GMime" "$(ldd "$SEDESK_BIN" 2>&1)" "gmime|glib"

# --- a Thunderbird multipart with an attachment: a new case ------------------------
mailgate "$MAIL/thunderbird.eml"
rc_is "Thunderbird multipart: exit 0" 0
like "it prints the new case's number" "$OUT" '^2026-[0-9]{5}$'
C1=$OUT
like "stderr says what happened" "$ERR" "new case $C1"
run ann case show "$C1" --json
jq_is "channel e-mail" .channel email
jq_is "status new" .status new
jq_is "the decoded subject" .subject "Vraag over een terras en een subsidie voor het café"
jq_is "the sender's enterprise, by a contact person's address" .enterprise.name "Café De Kroon"
jq_true "the description names the sender" \
	'.description | startswith("E-mail from An Peeters – Café De Kroon <an.peeters@dekroon.be>:")'
jq_true "the plain part, quoted-printable decoded" '.description | contains("ons café en vragen")'
jq_true "not the HTML alternative" '.description | contains("HTML-versie") | not'
jq_is "one attachment" '.attachments | length' 1
jq_is "its name" '.attachments[0].name' terrasplan.pdf
jq_is "its type" '.attachments[0].type' application/pdf
jq_is "its size" '.attachments[0].size' 102
jq_is "from whom" '.attachments[0].from' an.peeters@dekroon.be
run ann case show "$C1"
like "case show lists the attachment" "$OUT" "1  terrasplan.pdf  \\(application/pdf, 102 bytes\\)"
run ann case attachment save "$C1" 1 "$T_DIR/plan.pdf"
rc_is "case attachment save: exit 0" 0
printf '%%PDF-1.4\n%% sedesk test attachment\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T_DIR/want.pdf"
if cmp -s "$T_DIR/plan.pdf" "$T_DIR/want.pdf"; then ok "the saved file is the attachment, byte for byte"
else not_ok "the saved file is the attachment, byte for byte"; fi
fails 2 "save over an existing file" ann case attachment save "$C1" 1 "$T_DIR/plan.pdf"
like "it says the file exists" "$ERR" "exists already"
fails 3 "save of an attachment that is not there" ann case attachment save "$C1" 7 "$T_DIR/x"
run ann case attachment list "$C1" --json
jq_is "attachment list --json" '.[0].number' 1
C2=$(new_case --enterprise "$KBO2" --subject "Routed elsewhere")
run ann case route "$C2" wel; rc_is "set-up: route another case to wel" 0
run ann case route "$C1" wel; rc_is "set-up: route the mail's case to wel" 0
fails 3 "an officer of another department does not see the attachments" \
	bram case attachment list "$C1"
run chris case attachment list "$C1" --json
jq_is "an officer of the department the case is routed to sees them" '.[0].name' terrasplan.pdf
run dina case attachment list "$C1" --json
jq_is "a manager sees them" '.[0].name' terrasplan.pdf

# --- an Outlook HTML-only mail in Windows-1252 ---------------------------------------
mailgate "$MAIL/outlook-html.eml"
rc_is "Outlook HTML-only: exit 0" 0
C3=$OUT
run ann case show "$C3" --json
jq_is "Windows-1252 subject in UTF-8" .subject "Aanvraag “café” ruimte – dringend"
jq_is "the enterprise by the sender's domain (one enterprise has it)" .enterprise.name \
	"Kringwinkel West"
jq_true "the HTML reduced to text, entities and € converted" \
	'.description | contains("ons “café” met 15 werknemers & vrijwilligers. Kost: 300 € per maand.")'
jq_true "no tags, no style sheet" '.description | (contains("<p ") or contains("<p>") or contains("<html") or contains("<div") or contains("MsoNormal")) | not'

# --- a reply with the case tag: a note on that case ------------------------------------
before=$(ncases)
sed "s/CASENUMBER/$C1/g" "$MAIL/reply.eml" >"$T_DIR/reply.eml"
mailgate "$T_DIR/reply.eml" --json
rc_is "reply with the tag: exit 0" 0
jq_is "a note" .outcome note
jq_is "on the tagged case" .case "$C1"
is "no new case" "$(ncases)" "$before"
OUT=$(cfield "$C1" '.journal | map(select(.kind == "note")) | last | .text | split("\n")[0]')
is "the note starts with the known sender" "$OUT" "E-mail from An Peeters <an.peeters@dekroon.be>:"
is "the note is the gate's" "$(cfield "$C1" '.journal | last | .actor')" mailgate

# The same reply from someone who is not a contact person: kept, to be confirmed.
sed -e "s/CASENUMBER/$C1/g" -e 's/^From: .*/From: Mallory <mallory@attacker.example>/' \
	"$MAIL/reply.eml" >"$T_DIR/reply2.eml"
mailgate "$T_DIR/reply2.eml" --json
rc_is "reply from an unknown sender: exit 0" 0
jq_is "a note to be confirmed" .outcome unconfirmed
is "its first line asks the contact point to confirm the sender" \
	"$(cfield "$C1" '.journal | map(select(.kind == "note")) | last | .text | split("\n")[0]')" \
	"E-mail from Mallory <mallory@attacker.example>, who is not a contact person of Café De Kroon: confirm the sender before you rely on it."
# A reply on a case waiting on the enterprise brings it back to the inbox today.
CW=$(new_case --enterprise "$KBO1" --subject "Wacht op het plan")
run ann case wait "$CW" --until 2026-03-20 --reason "het plan"
rc_is "set-up: a case waiting until 2026-03-20" 0
run ann inbox --json
jq_is "the waiting case is not in the inbox" "[.[] | select(.number == \"$CW\")] | length" 0
sed "s/CASENUMBER/$CW/g" "$MAIL/reply.eml" >"$T_DIR/reply-wait.eml"
mailgate "$T_DIR/reply-wait.eml" --json
jq_is "the reply is a note on the waiting case" .case "$CW"
is "the day it comes back is today" "$(cfield "$CW" .wait_until)" "$T_TODAY"
is "journaled as a change of that day" \
	"$(cfield "$CW" '.journal | map(select(.field == "wait_until")) | last | .old + " -> " + .new')" \
	"2026-03-20 -> $T_TODAY"
run ann inbox --json
jq_is "it is in the contact point's inbox: its wait is over" \
	"[.[] | select(.number == \"$CW\")][0].reason" wait_over
# A tag of a case that does not exist is a new enquiry.
sed -e "s/CASENUMBER/2026-09999/g" "$MAIL/reply.eml" >"$T_DIR/reply3.eml"
mailgate "$T_DIR/reply3.eml" --json
jq_is "a tag of no case: a new case" .outcome case

# A reply to a closed case is a new enquiry of the same enterprise, which
# refers to the closed one (and the closed one to it): a note on a closed
# case is in nobody's inbox, so the enterprise would wait on no one.
CC=$(new_case --enterprise "$KBO2" --subject "Afgesloten vraag")
run ann case close "$CC" --resolution "Beantwoord" --satisfaction 4
rc_is "set-up: a closed case of Kringwinkel West" 0
before=$(ncases)
sed -e "s/CASENUMBER/$CC/g" "$MAIL/reply.eml" >"$T_DIR/reply-closed.eml"
mailgate "$T_DIR/reply-closed.eml" --json
rc_is "a reply to a closed case: exit 0" 0
jq_is "a follow-up case" .outcome follow-up
jq_is "it names the closed case it follows" .follows "$CC"
CF=$(printf '%s' "$OUT" | jq -r .case)
is "one case more" "$(ncases)" "$((before + 1))"
is "the closed case stays closed" "$(cfield "$CC" .status)" closed
is "the follow-up is new, in the contact point's inbox" "$(cfield "$CF" .status)" new
is "… of the closed case's enterprise (not the sender's)" "$(cfield "$CF" .enterprise.name)" "Kringwinkel West"
like "its description names the closed case first" "$(cfield "$CF" '.description | split("\n")[0]')" \
	"^Follow-up to case $CC, which was closed: e-mail from An Peeters <an.peeters@dekroon.be>, who is not a contact person of Kringwinkel West"
run ann case show "$CF" --json
jq_true "… and holds the mail's text" '.description | contains("het plan is aangepast")'
is "the closed case's journal points to the follow-up" \
	"$(cfield "$CC" '.journal | map(select(.kind == "note")) | last | .text')" \
	"A reply came after this case was closed: it is case $CF."
run ann inbox --json
jq_is "the follow-up is in the inbox" "[.[] | select(.number == \"$CF\")] | length" 1
LANGUAGE=nl mailgate "$T_DIR/reply-closed.eml"
like "the gate's log line in words" "$ERR" "vervolg"

# --- loops and auto-replies: dropped, exit 0, nothing stored ----------------------------
drops() {	# drops DESC FILE WORDS
	_before=$(db_fingerprint)
	mailgate "$2"
	rc_is "$1: exit 0 (no bounce)" 0
	like "$1: stderr says why" "$ERR" "dropped, not turned into a case: $3"
	is "$1: nothing stored" "$(db_fingerprint)" "$_before"
}
drops "Auto-Submitted: auto-replied" "$MAIL/autoreply.eml" "an automatic message"
sed 's/^Auto-Submitted: .*/Precedence: bulk/' "$MAIL/autoreply.eml" >"$T_DIR/bulk.eml"
drops "Precedence: bulk" "$T_DIR/bulk.eml" "a bulk or list message"
sed 's/^Auto-Submitted: .*/Precedence: JUNK/' "$MAIL/autoreply.eml" >"$T_DIR/junk.eml"
drops "Precedence: junk (any case)" "$T_DIR/junk.eml" "a bulk or list message"
sed 's/^Auto-Submitted: .*/X-Autoreply: yes/' "$MAIL/autoreply.eml" >"$T_DIR/xauto.eml"
drops "X-Autoreply" "$T_DIR/xauto.eml" "an automatic reply"
sed -e '/^Auto-Submitted/d' -e 's/^Message-ID: .*/Message-ID: <sedesk.2026-00001.1@gemeente.example>/' \
	"$MAIL/autoreply.eml" >"$T_DIR/own.eml"
drops "our own Message-ID" "$T_DIR/own.eml" "a message sedesk sent itself"
sed -e '/^Auto-Submitted/d' -e 's/^From: .*/From: MAILER-DAEMON@mx.example (Mail Delivery System)/' \
	"$MAIL/autoreply.eml" >"$T_DIR/bounce.eml"
drops "a bounce from the mail system" "$T_DIR/bounce.eml" "a delivery report"
ini_set "$T_CONF" mail from loket@gemeente.example
sed -e '/^Auto-Submitted/d' -e 's/^From: .*/From: Het Loket <LOKET@gemeente.example>/' \
	"$MAIL/autoreply.eml" >"$T_DIR/self.eml"
drops "mail from the desk's own address" "$T_DIR/self.eml" "a message from the desk's own address"
sed -i '/^from = loket@gemeente.example/d' "$T_CONF"
# Auto-Submitted: no is a person's mail.
sed 's/^Auto-Submitted: .*/Auto-Submitted: no/' "$MAIL/autoreply.eml" >"$T_DIR/no.eml"
mailgate "$T_DIR/no.eml" --json
jq_is "Auto-Submitted: no is stored" .outcome case

# --- an unknown sender: the desk's unknown enterprise, linked later -------------------
mailgate "$MAIL/unknown.eml" --json
rc_is "unknown sender: exit 0" 0
jq_is "a new case" .outcome case
jq_is "its enterprise not known" .enterprise_known false
C4=$(printf '%s' "$OUT" | jq -r .case)
U1=$(cfield "$C4" .enterprise.id)
is "the unknown enterprise" "$(cfield "$C4" .enterprise.name)" "Unknown enterprise (e-mail)"
like "latin-1 text in UTF-8" "$(cfield "$C4" .description)" "coöperatie"
sed 's/^From: .*/From: other@elsewhere.example/' "$MAIL/unknown.eml" >"$T_DIR/unknown2.eml"
mailgate "$T_DIR/unknown2.eml" --json
is "a second unknown sender: the same unknown enterprise" \
	"$(cfield "$(printf '%s' "$OUT" | jq -r .case)" .enterprise.id)" "$U1"
sed 's/^From: .*/From: iemand@gmail.com/' "$MAIL/unknown.eml" >"$T_DIR/gmail.eml"
mailgate "$T_DIR/gmail.eml" --json
is "a shared provider's domain is not an enterprise's" \
	"$(cfield "$(printf '%s' "$OUT" | jq -r .case)" .enterprise.id)" "$U1"
run ann case edit "$C4" --enterprise "$KBO2"
rc_is "the contact point links the case to its enterprise" 0
is "case edit --enterprise: the case's enterprise" "$(cfield "$C4" .enterprise.name)" \
	"Kringwinkel West"
is "the link is journaled" "$(cfield "$C4" '.journal | last | .field')" enterprise
like "the enterprise's cases list it" "$(as ann enterprise show "$KBO2" 2>&1)" "$C4"
fails 4 "an officer may not link a case" bram case edit "$C2" --enterprise "$KBO1"

# --- attachments over the limit: a note, no bounce ---------------------------------------
ini_set "$T_CONF" mail attachment_max 64
mailgate "$MAIL/thunderbird.eml" --json
rc_is "an attachment over attachment_max: exit 0" 0
jq_is "nothing stored of it" .attachments 0
jq_is "one refused" .refused 1
C5=$(printf '%s' "$OUT" | jq -r .case)
like "the case says so in a note" "$(cfield "$C5" '.journal | last | .text')" \
	"terrasplan.pdf \\(102 bytes\\): not stored, larger than the limit of 64 bytes"
# Three of 50 bytes with the limit at 64: two kept (100; a message brings at most 128), one named.
ini_set "$T_CONF" mail attachment_max 64
{ printf 'From: a@b.example\r\nSubject: three\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n'
  for i in 1 2 3; do printf -- '--B\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename="d%d.txt"\r\n\r\n%050d\r\n' "$i" 0; done
  printf -- '--B--\r\n'; } >"$T_DIR/three.eml"
mailgate "$T_DIR/three.eml" --json
jq_is "attachments together over twice the limit: two stored" .attachments 2
jq_is "one refused" .refused 1
like "the note names it and why" "$(cfield "$(printf '%s' "$OUT" | jq -r .case)" '.journal | last | .text')" \
	"d3.txt \(50 bytes\): not stored, the message's attachments together are more than twice 64 bytes"
ini_set "$T_CONF" mail attachment_max 10M

# --- hostile mail ------------------------------------------------------------------------
mailgate "$MAIL/hostile-escape.eml" --json
rc_is "escape sequences: exit 0" 0
C6=$(printf '%s' "$OUT" | jq -r .case)
run ann case show "$C6"
no_raw "case show of it: no raw control character" "$OUT"
is "the subject without the escapes and the bidi override" "$(cfield "$C6" .subject)" \
	"Hello RED txt.exe"
is "the attachment's name without path or escape" "$(cfield "$C6" '.attachments[0].name')" bashrc
unlike "the clipboard escape is gone" "$(cfield "$C6" .description)" "52;c"
mailgate "$MAIL/forged.eml" --json
rc_is "forged headers: exit 0" 0
is "an encoded line break does not make a header" \
	"$(cfield "$(printf '%s' "$OUT" | jq -r .case)" .subject)" "Forged X-Injected: yes"
is "two From lines: the first one counts" \
	"$(cfield "$(printf '%s' "$OUT" | jq -r .case)" .enterprise.name)" "Café De Kroon"
mailgate "$MAIL/malformed.eml"
rc_is "a malformed MIME tree: exit 0" 0
head -c 3000 /dev/urandom >"$T_DIR/noise.eml"
before=$(ncases)
mailgate "$T_DIR/noise.eml"
like "random bytes: stored or refused, never a crash" "$RC" '^(0|65)$'

# 50 MB: refused whole (over message_max), within seconds, nothing stored.
{ printf 'From: a@b.example\r\nSubject: big\r\n\r\n'; head -c 52428800 /dev/zero | tr '\0' 'x'; } \
	>"$T_DIR/big.eml"
_before=$(db_fingerprint)
t0=$(date +%s)
mailgate "$T_DIR/big.eml"
rc_is "a 50 MB message: exit 65 (the MTA bounces it)" 65
like "it says why" "$ERR" "larger than \\[mail\\] message_max"
is "a 50 MB message: nothing stored" "$(db_fingerprint)" "$_before"
t1=$(date +%s)
if [ $((t1 - t0)) -lt 30 ]; then ok "a 50 MB message: done in $((t1 - t0)) s"
else not_ok "a 50 MB message: done in under 30 s" "$((t1 - t0)) s"; fi
rm -f "$T_DIR/big.eml"

# Thousands of parts: at most 20 attachments kept, the rest counted in a note.
{ printf 'From: a@b.example\r\nSubject: parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n'
  for i in $(seq 1 5000); do printf -- '--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="f%d.bin"\r\n\r\nx\r\n' "$i"; done
  printf -- '--B--\r\n'; } >"$T_DIR/parts.eml"
mailgate "$T_DIR/parts.eml" --json
rc_is "5,000 parts: exit 0" 0
jq_is "5,000 parts: 20 attachments kept" .attachments 20
like "the rest named in a note" "$(cfield "$(printf '%s' "$OUT" | jq -r .case)" '.journal | last | .text')" \
	"more attachments: not stored"
# 100,000 nested multiparts: read for the header only.
{ printf 'From: a@b.example\r\nSubject: deep\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n'
  seq 1 100000 | awk '{ printf "--b%d\r\nContent-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n", $1 - 1, $1 }'; } \
	>"$T_DIR/deep.eml"
mailgate "$T_DIR/deep.eml" --json
rc_is "100,000 nested parts: exit 0" 0
like "the case says its content was not kept" \
	"$(cfield "$(printf '%s' "$OUT" | jq -r .case)" '.journal | last | .text')" "structure is too complex"

# --- who may run it ------------------------------------------------------------------
ini_set "$T_CONF" mail gate_unix_users nobody
_before=$(db_fingerprint)
mailgate "$MAIL/thunderbird.eml"
rc_is "a Unix user not in gate_unix_users: exit 77" 77
like "it names the user and the key" "$ERR" "user $ME may not run sedesk mailgate.*gate_unix_users"
is "refused: nothing stored" "$(db_fingerprint)" "$_before"
ini_set "$T_CONF" mail gate_unix_users "$ME"
SEDESK_USER=ann
mailgate "$MAIL/autoreply.eml"
rc_is "\$SEDESK_USER does not change who runs the gate" 0
fails 4 "the gate's login is no person's" mailgate inbox
like "it says so" "$ERR" "login of the mail gate"
fails 4 "a contact point's case note as the gate is no way in" mailgate case note "$C1" "hi"

# The configuration: without a gate the MTA defers (78); a gate_user of another role is refused.
cp "$T_CONF" "$T_DIR/with-gate.ini"
sed -i '/^gate_user/d; /^gate_unix_users/d' "$T_CONF"
mailgate "$MAIL/thunderbird.eml"
rc_is "no gate configured: exit 78 (the MTA keeps the mail)" 78
like "it says what to set" "$ERR" "set \\[mail\\] gate_user"
cp "$T_DIR/with-gate.ini" "$T_CONF"
ini_set "$T_CONF" mail gate_user ann
fails 2 "gate_user of role contact" root inbox
like "the error names the key" "$ERR" "\\[mail\\] gate_user: \"ann\" is not an officer of role gate"
ini_set "$T_CONF" mail gate_user mailgate
ini_set "$T_CONF" mail attachment_max lots
fails 2 "attachment_max not a size" root inbox
like "the error names the key" "$ERR" "\\[mail\\] attachment_max"
ini_set "$T_CONF" mail attachment_max 10M

# The database busy: 75, so the MTA tries again later.
ini_set "$T_CONF" database lock_timeout 1
python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o660)
fcntl.lockf(fd, fcntl.LOCK_EX, 1, 0)
open(sys.argv[2], "w").close()
time.sleep(8)' "$T_DB/writer.lock" "$T_DIR/held" &
holder=$!
for _ in $(seq 50); do [ -e "$T_DIR/held" ] && break; sleep 0.1; done
_before=$(db_fingerprint)
mailgate "$MAIL/outlook-html.eml"
rc_is "the database busy: exit 75 (EX_TEMPFAIL)" 75
is "busy: nothing stored" "$(db_fingerprint)" "$_before"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
mailgate "$MAIL/outlook-html.eml"
rc_is "the same message later: stored" 0

run root check
rc_is "check finds the database clean after all of it" 0
finish
