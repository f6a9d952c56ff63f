#!/bin/bash
# sedesk ical -o (issue 12) on the setgid install: the calendar file is the
# user's — written with their real group and umask, never where only the
# group sedesk may write, never through a symlink (into the database or
# the configuration), and a refused file leaves the target as it was.
#   A  officer of eco  writes calendars
#   C  contact         organises the event
. "$(dirname "$0")/common.sh"

mu_users c a
mu_install
mu_officer "$U_c" contact
mu_officer "$U_a" officer eco

urun "$U_c" event add --title "Workshop sociale clausules" --kind workshop \
    --start 2026-03-12T14:00 --place Stadhuis --dept eco
need_rc0 "contact: event add"
EV=$OUT

OUTD=$T_DIR/icalout
mkdir -p "$OUTD"
chown "$U_a" "$OUTD"
chmod 700 "$OUTD"
_ag=$(id -g "$U_a")

uexec "$U_a" sh -c "umask 027; exec $P/bin/sedesk ical -o $OUTD/a.ics"
rc_is "A: ical -o" 0
is "the file is A's, in A's own group, with A's umask (640)" \
    "$(stat -c '%U %g %a' "$OUTD/a.ics" 2>&1)" "$U_a $_ag 640"
like "…and holds the event" "$(tr -d '\r' <"$OUTD/a.ics")" "UID:$EV@sedesk"

# A folder only the group sedesk may write: the program's group must not help.
GRP=$T_DIR/grpical
mkdir -p "$GRP"
chgrp sedesk "$GRP"
chmod 770 "$GRP"
uexec "$U_a" sh -c "exec $P/bin/sedesk ical -o $GRP/a.ics"
rc_is "A: ical -o into a folder only the group may write: refused" 1
is "…nothing was written there" "$(ls -A "$GRP")" ""

# A symlink planted at the target, to the configuration: not followed.
_conf_before=$(sha256sum <"$MU_CONF")
ln -s "$MU_CONF" "$OUTD/link.ics"
uexec "$U_a" sh -c "exec $P/bin/sedesk ical -o $OUTD/link.ics"
rc_is "A: ical -o onto a symlink: refused" 1
is "…the configuration is untouched" "$(sha256sum <"$MU_CONF")" "$_conf_before"
# Into the database folder: the group's, not A's.
uexec "$U_a" sh -c "exec $P/bin/sedesk ical -o $MU_DB/x.ics"
rc_is "A: ical -o into the database folder: refused" 1
is "…nothing was written there" "$(ls "$MU_DB" | grep -c 'x.ics')" 0
finish
