#!/bin/bash
# Hostile users against the access log (issue 17, who looked), on a setgid
# install made by `make install`, with real Unix users:
#   C  contact          registers an enterprise and a case, routes it to eco
#   A  officer of eco   views the case: the log's folder and day file are
#                       made with the database's group (2770 folder, 0660
#                       file); then tries, outside sedesk, to read, append
#                       to, truncate, replace and link the log and the
#                       failure counter (all refused), and through sedesk
#                       to forge a line: another login ($SEDESK_USER), another
#                       day ($SEDESK_NOW), a case number with a tab and a
#                       newline (none gets in); `privacy log` is refused (4)
#   M  manager          views: logged under M
#   D  admin, not root  reads the log: the entries are A's and M's, whole;
#                       with the folder and the day's file made read-only, A's
#                       view still works, and D's inbox shows the failure
. "$(dirname "$0")/common.sh"

mu_users c a m d
mu_install
mu_officer "$U_c" contact
mu_officer "$U_a" officer eco
mu_officer "$U_m" manager
mu_officer "$U_d" admin

urun "$U_c" enterprise add --name "Kringwinkel De Ark" --city Gent \
    --person "name=Jan Vermeulen;email=jan.v@example.be"
need_rc0 "an enterprise with a contact person"
ENT=$OUT
urun "$U_c" case new --enterprise "$ENT" --subject "Vraag over een terras"
need_rc0 "a case"
NUM=$OUT
urun "$U_c" case route "$NUM" eco
need_rc0 "the case routed to eco"
TODAY=$(date -u +%F)
LOGDIR=$MU_DB/access
DAY=$LOGDIR/$TODAY.log

# --- the setgid install makes the files with the group --------------------------------
urun "$U_a" case show "$NUM"
rc_is "officer of eco: case show" 0
is "the folder: group sedesk, 2770" "$(stat -c '%G %a' "$LOGDIR")" "sedesk 2770"
is "the day's file: group sedesk, 660" "$(stat -c '%G %a' "$DAY")" "sedesk 660"
is "the failure counter: group sedesk, 660" "$(stat -c '%G %a' "$MU_DB/access-failures")" \
    "sedesk 660"
is "one line, A's" "$(cut -f2-4 "$DAY")" "$U_a	c	c"

# --- outside sedesk: nothing --------------------------------------------------------
refused() {	# refused DESC: the last uexec failed for want of permission
	if [ "$RC" -ne 0 ] && case $ERR in *"Permission denied"*) true ;; *) false ;; esac; then
		ok "$1"
	else
		not_ok "$1" "exit $RC: $OUT $ERR"
	fi
}
_before=$(sha256sum <"$DAY")
uexec "$U_a" cat "$DAY"
refused "A cannot read the day's file"
uexec "$U_a" ls "$LOGDIR"
refused "A cannot list the folder"
uexec "$U_a" sh -c "echo '09:00:00	$U_d	c	c	$NUM	-' >>'$DAY'"
refused "A cannot append a forged line"
uexec "$U_a" truncate -s 0 "$DAY"
refused "A cannot truncate it"
uexec "$U_a" rm -f "$DAY"
refused "A cannot remove it"
uexec "$U_a" ln -s /dev/null "$LOGDIR/2099-01-01.log"
refused "A cannot plant a link in the folder"
uexec "$U_a" sh -c "printf 'sedesk-access-failures failures=0 seen=0' >'$MU_DB/access-failures'"
refused "A cannot rewrite the failure counter"
uexec "$U_m" cat "$DAY"
refused "M (manager) cannot read it outside sedesk either"
is "the file is as it was" "$(sha256sum <"$DAY")" "$_before"

# --- through sedesk: no forged line --------------------------------------------------
urun "$U_a" SEDESK_USER="$U_d" case show "$NUM"
rc_is "A with SEDESK_USER=D: case show (the variable is ignored)" 0
urun "$U_a" SEDESK_NOW=2020-01-01T00:00:00Z case show "$NUM"
rc_is "A with SEDESK_NOW of 2020: case show (ignored)" 0
if [ -e "$LOGDIR/2020-01-01.log" ]; then not_ok "no file of the forged day"; else
	ok "no file of the forged day"; fi
urun "$U_a" case show "$NUM	$U_d
09:00:00	$U_d	c	c	$NUM	-"
case $RC in
2|3) ok "A with a tab and a newline in the number: refused (exit $RC)" ;;
*) not_ok "A with a tab and a newline in the number: refused" "exit $RC: $OUT $ERR" ;;
esac
urun "$U_a" privacy log
rc_is "A (officer) may not read the log" 4
urun "$U_m" privacy log --json
rc_is "M (manager) may not read the log" 4
urun "$U_c" privacy log
rc_is "C (contact) may not read the log" 4
urun "$U_m" case show "$NUM" --json
rc_is "M (manager): case show" 0
urun "$U_m" enterprise show "$ENT" --json
rc_is "M (manager): enterprise show (contact persons)" 0

urun "$U_d" privacy log --json
rc_is "D (admin, not root) reads the log" 0
is "D sees the views: A three times, M twice" \
    "$(printf '%s' "$OUT" | jq -r '[.entries[].user] | join(",")')" \
    "$U_a,$U_a,$U_a,$U_m,$U_m"
is "every line whole" "$(printf '%s' "$OUT" | jq '.unreadable_lines')" 0
is "no line of D's (the forged login)" \
    "$(printf '%s' "$OUT" | jq --arg d "$U_d" '[.entries[] | select(.user == $d)] | length')" 0
is "every line of today (real clock)" \
    "$(printf '%s' "$OUT" | jq -r --arg t "$TODAY" '[.entries[] | select(.at[0:10] != $t)] | length')" 0
is "four lines of case views, one of the enterprise" \
    "$(printf '%s' "$OUT" | jq -r '[.entries[].record] | join(",")')" "case,case,case,case,enterprise"
is "the day's file: still group sedesk, 660" "$(stat -c '%G %a' "$DAY")" "sedesk 660"

# --- a folder and file made read-only (by the administrator, or a broken disk) -----------
chmod 2550 "$LOGDIR"
chmod 0440 "$DAY"
urun "$U_a" case show "$NUM" --json
rc_is "read-only log: A's view still exits 0" 0
is "…and shows the case" "$(printf '%s' "$OUT" | jq -r '.number')" "$NUM"
is "…with nothing on stderr" "$ERR" ""
urun "$U_d" inbox
like "the admin's inbox says a view was not logged" "$OUT" "Access log: 1 view could not be logged"
urun "$U_d" privacy log --json
is "privacy log: counted, with the reason" \
    "$(printf '%s' "$OUT" | jq -r '[.failures.count, .failures.reason] | map(tostring) | join(",")')" \
    "1,Permission denied"
chmod 2770 "$LOGDIR"
chmod 0660 "$DAY"
urun "$U_d" privacy log --acknowledge
rc_is "the admin (not root) acknowledges" 0
urun "$U_a" privacy log --acknowledge
rc_is "an officer may not acknowledge" 4
urun "$U_d" inbox
unlike "the admin's inbox is quiet again" "$OUT" "Access log"
finish
