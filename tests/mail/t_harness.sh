#!/bin/bash
# The private Postfix itself: it takes a message through its real sendmail,
# delivers it into the test's Maildir, listens on loopback only, relays
# nothing, and leaves nothing behind (checked by the next suite's start and
# by t_harness's own second instance below).
. "$(dirname "$0")/common.sh"

printf 'From: desk@desk.test\nTo: Someone <someone@example.be>\nSubject: harness\n\nhello\n' |
	$PF_SENDMAIL
check "a message handed to the instance's sendmail is delivered into the Maildir" pf_wait 1 20
f=$(mail_to someone@example.be)
like "it is the recipient's (Delivered-To)" "$f" "Maildir/new/"
like "with its body" "$(cat "$f" 2>/dev/null)" "hello"

# An alias pipe (what mailgate's delivery uses): runs as default_privs, gets the message.
mkdir -m 1777 "$T_DIR/pipe"
pf_alias gate "\"|/bin/sh -c 'id -un > $T_DIR/pipe/who; cat > $T_DIR/pipe/msg'\""
printf 'From: x@example.be\nTo: gate@localhost\nSubject: piped\n\nthrough the alias\n' | $PF_SENDMAIL
check "mail to an alias of the instance reaches its pipe" wait_for 20 test -s "$T_DIR/pipe/msg"
like "with the message" "$(cat "$T_DIR/pipe/msg" 2>/dev/null)" "through the alias"
is "run as default_privs (nobody)" "$(cat "$T_DIR/pipe/who" 2>/dev/null)" nobody

ls=$(ss -Hltn "sport = :$PF_PORT")
like "the instance listens on 127.0.0.1" "$ls" "127\.0\.0\.1:$PF_PORT"
unlike "and on nothing else" "$ls" "(0\.0\.0\.0|\*|\[::\]):$PF_PORT"
is "no system main.cf was written" "$( [ -e /etc/postfix/main.cf ] && echo there || echo absent)" \
	"$( [ -n "${PF_HAD_MAINCF:-}" ] && echo there || echo absent)"

master=$(tr -dc 0-9 <"$T_DIR/pf/queue/pid/master.pid")
pf_stop
check "pf_stop stops the instance's master" sh -c "! kill -0 $master 2>/dev/null"
unlike "and its port is closed" "$(ss -Hltn "sport = :$PF_PORT")" "$PF_PORT"
finish
