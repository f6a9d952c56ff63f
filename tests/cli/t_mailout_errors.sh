#!/bin/bash
# Why a mail failed, in the reader's words (issue 16's leftover): the mail
# helper (sedesk-mailmake, a separate program without the catalogue) says
# what went wrong in a fixed form, and sedesk puts it in words in its own
# language: a mailer that cannot be run, one that ends with a status, one
# killed by a signal.  A mailer's own words are kept as it said them.
. "$(dirname "$0")/common.sh"
init_db
mkdir -p "$T_DIR/bin"
printf '#!/bin/sh\ncat >/dev/null\nexit 75\n' > "$T_DIR/bin/silent75"
printf '#!/bin/sh\ncat >/dev/null\nkill -9 $$\n' > "$T_DIR/bin/killed"
printf '#!/bin/sh\ncat >/dev/null\necho "mta: queue file write error" >&2\nexit 75\n' \
    > "$T_DIR/bin/talks"
printf 'not a program\n' > "$T_DIR/bin/notexec"
chmod 755 "$T_DIR/bin/silent75" "$T_DIR/bin/killed" "$T_DIR/bin/talks"
chmod 644 "$T_DIR/bin/notexec"
ini_set "$T_CONF" mail from "desk@example.be"
E=$(as ann enterprise add --name "Drukkerij Het Anker")

# fails PROGRAM SUBJECT: routes a new case with that mailer; $ERROR is the outbox's error.
fails() {
	ini_set "$T_CONF" mail sendmail "$1"
	C=$(as ann case new --enterprise "$E" --subject "$2")
	run ann case route "$C" eco
	rc_is "$2: the route succeeds although its mail fails" 0
	ERROR=$(as root outbox --json | jq -r --arg s "$2" '[.[] | select(.subject | contains($s))][0].error')
}

fails "$T_DIR/bin/silent75 -t -i" "Stil"
is "a mailer that ends with a status, silent" "$ERROR" \
    "the mail program $T_DIR/bin/silent75 ended with status 75"
fails "$T_DIR/bin/killed" "Gedood"
is "a mailer killed by a signal" "$ERROR" "the mail program $T_DIR/bin/killed was killed by signal 9"
fails "$T_DIR/bin/notexec -t" "Geen programma"
is "a mailer that cannot be run, with the system's reason" "$ERROR" \
    "the mail program $T_DIR/bin/notexec cannot be run: Permission denied"
fails "$T_DIR/bin/talks" "Praat"
is "a mailer's own words are kept" "$ERROR" "mta: queue file write error"
unlike "no helper's internal form reaches the reader" "$(as root outbox)" "sedesk-mailmake|mailmake:"

# The same failures as a Dutch reader delivers them.
export LANGUAGE=nl
fails "$T_DIR/bin/silent75" "Stil nl"
is "in Dutch: a status" "$ERROR" "het mailprogramma $T_DIR/bin/silent75 stopte met status 75"
fails "$T_DIR/bin/killed" "Gedood nl"
is "in Dutch: a signal" "$ERROR" "het mailprogramma $T_DIR/bin/killed werd gestopt door signaal 9"
finish
