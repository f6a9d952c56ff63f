#!/bin/bash
# The administrator's inbox in the interface says what personal data waits
# for (issue 17): a compaction an erasure left pending, closed cases past
# their retention; a contact's inbox does not, and no key of the interface
# reaches any privacy command (none is offered to anyone).
. "$(dirname "$0")/tmux.sh"

cat >>"$SEDESK_CONFIG" <<'INI'

[privacy]
retention = 6m
INI
setup ann enterprise add --name "Atelier Noord" --number 0200.065.765 \
	--notes "Els Jacobs opent een atelier"
setup ann case new --enterprise 0200.065.765 --subject "Vraag van Els Jacobs"
NUM=$CLI_OUT
setup ann case close "$NUM" --resolution "Geholpen" --satisfaction 4

# Another process has the database open: a shared lock on lock.mdb, as LMDB holds.
DB=$(dirname "$SEDESK_CONFIG")/db
python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_SH, 1, 0)
open(sys.argv[2], "w").close()
time.sleep(60)' "$DB/lock.mdb" "$T_DIR/held" &
HOLDER=$!
for _ in $(seq 50); do [ -e "$T_DIR/held" ] && break; sleep 0.1; done
cli root privacy erase --person "Els Jacobs" >/dev/null
kill $HOLDER; wait $HOLDER 2>/dev/null

tui_start SEDESK_USER=root
need "the administrator's inbox opens" 5 "Inbox"
expect_screen "… and says the compaction is pending" 3 "sedesk privacy compact"
tui_quit

tui_start
need "the contact's inbox opens" 5 "Inbox"
sleep 0.5
if screen_has "privacy"; then not_ok "the contact's inbox says nothing of it" "$(screen)"
else ok "the contact's inbox says nothing of it"; fi
keys '?'
need "? opens the help of the inbox" 3 "Help"
if screen_has "privacy" || screen_has "erase"; then
	not_ok "no key of the interface offers a privacy command" "$(screen)"
else ok "no key of the interface offers a privacy command"; fi
tui_quit

cli root privacy compact >/dev/null
SEDESK_NOW=2026-09-03T09:00:00Z tui_start SEDESK_USER=root SEDESK_NOW=2026-09-03T09:00:00Z
need "six months later the administrator's inbox opens" 5 "Inbox"
expect_screen "… and says a case is past its retention" 3 "1 closed case is past its retention"
tui_quit

finish
