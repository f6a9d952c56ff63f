#!/bin/bash
# Who looked (issue 17): every `case show`, `case export`, `enterprise show`
# of an enterprise with personal data and `moment show` appends one line to
# the access log, by every role; `sedesk privacy log` reads it with its
# filters (admin and dpo only, exit 4 for every other role); the log keeps
# [privacy] access_log_days days (fixed clock); a log that cannot be
# written fails no view, is counted and shown to the administrator.
. "$(dirname "$0")/common.sh"

ini_set "$T_CONF" "officer:pia" name "Pia Wouters"
ini_set "$T_CONF" "officer:pia" role dpo
init_db

LOGDIR=$T_DB/access
entries() {	# entries USER [ARG…]: the number of entries privacy log --json gives
	_u=$1; shift
	SEDESK_USER=$_u "$SEDESK_BIN" privacy log --json "$@" 2>/dev/null </dev/null |
	    jq '.entries | length' 2>&1
}

E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1" \
    --person "name=Jan Vermeulen;email=jan.v@example.be")
E2=$(add_ent --name "Kringwinkel Noord" --number "$KBO2" --city Gent)
if [ -z "$E1" ] || [ -z "$E2" ]; then not_ok "set-up: enterprises" "$(cat "$T_DIR/.adderr")"; finish; fi
C1=$(new_case --enterprise "$E1" --subject "Twee diensten")
C2=$(new_case --enterprise "$E2" --subject "Niet gerouteerd")
as ann case route "$C1" eco >/dev/null 2>&1
as ann case note "$C2" "Gebeld met Marieke Claes" >/dev/null 2>&1
M1=$(SEDESK_USER=ann "$SEDESK_BIN" moment add --enterprise "$E1" --kind phone --dept eco \
    --text "Jan belde" 2>/dev/null </dev/null)
is "set-up makes no entry (no show yet)" "$(ls "$LOGDIR" 2>/dev/null | wc -l)" 0

# --- every role's views are logged -------------------------------------------------
succeeds "contact: case show" ann case show "$C1"
succeeds "officer of eco: case show of a case routed to eco" bram case show "$C1"
succeeds "manager: case show --json" dina case show "$C1" --json
succeeds "admin: case show" root case show "$C1"
succeeds "dpo: case show" pia case show "$C1"
succeeds "contact: case export" gert case export "$C1"
succeeds "manager: enterprise show (contact persons: personal)" dina enterprise show "$E1"
succeeds "manager: enterprise show of one without personal data" dina enterprise show "$E2"
succeeds "officer of eco: moment show" els moment show "$M1"
fails 3 "officer of eco: case show of a case not routed to eco" bram case show "$C2"

run root privacy log --json
rc_is "admin: privacy log" 0
jq_is "eight views are logged (not the refused one, not E2)" '.entries | length' 8
jq_is "in order, by user" '[.entries[].user] | join(",")' "ann,bram,dina,root,pia,gert,dina,els"
jq_is "kinds of record" '[.entries[].record] | join(",")' \
    "case,case,case,case,case,case,enterprise,moment"
jq_is "the case's number" '.entries[0].case' "$C1"
jq_is "the case's enterprise, named" '.entries[0].enterprise.name' "Café De Zonnebloem"
jq_is "the time (the fixed clock)" '.entries[0].at' "2026-03-02T09:00:00Z"
jq_is "the front" '.entries[0].front' "cli"
jq_is "no unreadable line" '.unreadable_lines' 0
jq_is "no failure" '.failures.count' 0
# The moment was shown by els: she serves eco and wel; is it there?
run root privacy log --json --user els
jq_is "officer els's moment show is logged" '[.entries[] | .record + " " + .moment] | join(",")' \
    "moment $M1"

# What a line holds on disk: the day's file, tab-separated, no personal text.
_file=$LOGDIR/$T_TODAY.log
is "one file for the day" "$(ls "$LOGDIR")" "$T_TODAY.log"
is "eight lines in it" "$(wc -l <"$_file")" 8
like "a line: time, user, front, kind, number, enterprise" "$(head -1 "$_file")" \
    "^09:00:00	ann	c	c	$C1	[0-9a-f-]{36}\$"
if grep -q -e Vermeulen -e Zonnebloem -e "jan.v" "$_file"; then
	not_ok "the log holds no name or address (ids only)"
else
	ok "the log holds no name or address (ids only)"
fi
_max=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$_file")
if [ "$_max" -le 100 ]; then ok "lines are short ($_max bytes at most)"; else
	not_ok "lines are short" "longest $_max"; fi
_mode=$(stat -c %a "$_file")
is "the day's file is 0660 less the umask (private install: 640)" "$_mode" 640

# --- filters ----------------------------------------------------------------------
is "--user dina" "$(entries root --user dina)" 2
is "--user nobody" "$(entries root --user nobody)" 0
is "--case C1" "$(entries root --case "$C1")" 6
is "--case C2 (refused view: none)" "$(entries root --case "$C2")" 0
is "--enterprise E1: its cases, itself and its moment" "$(entries root --enterprise "$E1")" 8
is "--enterprise by KBO number" "$(entries root --enterprise "$KBO1")" 8
is "--enterprise E2" "$(entries root --enterprise "$E2")" 0
is "--person: the contact person of E1 (search index)" "$(entries root --person Vermeulen)" 8
is "--person and --user" "$(entries root --person Vermeulen --user bram)" 1
is "--person nobody" "$(entries root --person Xylofoonspeler)" 0
is "--from today" "$(entries root --from "$T_TODAY")" 8
is "--to yesterday" "$(entries root --to 2026-03-01)" 0
fails 2 "--from not a date" root privacy log --from 2026-13-01
fails 2 "--to before --from" root privacy log --from 2026-03-02 --to 2026-03-01
fails 2 "--case not a number" root privacy log --case 42x
fails 3 "--enterprise unknown" root privacy log --enterprise 0200.999.999
run root privacy log
like "text: time, user, front, record" "$OUT" \
    "2026-03-02T09:00:00Z  ann +command line +case $C1  Café De Zonnebloem"
like "text: an enterprise by its name" "$OUT" "enterprise Café De Zonnebloem"
run root privacy log --user nobody
like "text: none" "$OUT" "Nobody looked at anything that matches."

# A later day: --from/--to pick the day.
SEDESK_NOW=2026-03-05T14:30:00Z run chris case show "$C1"
rc_is "officer of wel: case show refused (not routed to wel)" 3
SEDESK_NOW=2026-03-05T14:30:00Z run dina case show "$C2"
is "--from 2026-03-03" "$(entries root --from 2026-03-03)" 1
is "--to 2026-03-04" "$(entries root --to 2026-03-04)" 8
run root privacy log --json --from 2026-03-05
jq_is "the later view's time" '.entries[0].at' "2026-03-05T14:30:00Z"
is "--person: a name in a case's note (search)" "$(entries root --person Claes)" 1

# --- 8 concurrent readers (whole processes): every entry there, none torn ---------------
_n0=$(entries root --from 2026-03-07 --to 2026-03-07)
for _r in 1 2 3 4 5 6 7 8; do
	(
		for _i in $(seq 25); do
			SEDESK_USER=dina SEDESK_NOW=2026-03-07T10:00:00Z "$SEDESK_BIN" case show "$C1" \
			    >/dev/null 2>&1 </dev/null || echo "view failed" >>"$T_DIR/conc.err"
		done
	) &
done
wait
is "8 readers x 25 views: none failed" "$(cat "$T_DIR/conc.err" 2>/dev/null)" ""
run root privacy log --json --from 2026-03-07 --to 2026-03-07
jq_is "8 readers x 25 views: 200 entries" '.entries | length' $((_n0 + 200))
jq_is "8 readers: no torn or mixed line" '.unreadable_lines' 0
is "8 readers: every line of the file well formed" \
    "$(grep -cvE '^10:00:00	dina	c	c	[0-9]{4}-[0-9]{5}	[0-9a-f-]{36}$' "$LOGDIR/2026-03-07.log")" 0

# --- only admin and dpo read it (exit 4 for every other role) -------------------------
_before=$(entries root)
for _u in ann gert bram chris els dina mallory; do
	fails 4 "$_u may not read the access log" "$_u" privacy log
	fails 4 "$_u may not read the access log (--json, a filter)" "$_u" privacy log --json --user root
done
run pia privacy log --json
rc_is "dpo: privacy log" 0
jq_is "dpo reads the same entries" '.entries | length' "$_before"
fails 4 "dpo may not acknowledge failures (reads only)" pia privacy log --acknowledge
is "reading the log is not itself logged as a view" "$(entries root)" "$_before"

# --- retention with a fixed clock -----------------------------------------------------
ini_set "$T_CONF" privacy access_log_days 30
SEDESK_NOW=2026-01-15T08:00:00Z run dina case show "$C1"
SEDESK_NOW=2026-02-10T08:00:00Z run dina case show "$C1"
is "2026-01-15 is kept on 2026-02-10 (26 days)" "$(ls "$LOGDIR" | tr '\n' ' ')" \
    "2026-01-15.log 2026-02-10.log 2026-03-02.log 2026-03-05.log 2026-03-07.log "
SEDESK_NOW=2026-02-20T08:00:00Z run dina case show "$C1"
is "the day's first view removes the days older than 30 (2026-01-15)" \
    "$(ls "$LOGDIR" | tr '\n' ' ')" "2026-02-10.log 2026-02-20.log 2026-03-02.log 2026-03-05.log 2026-03-07.log "
SEDESK_NOW=2026-04-01T08:00:00Z run root privacy log --json
jq_is "privacy log applies the retention too: only the days within 30 days of 2026-04-01" \
    '[.entries[].at[0:10]] | unique | join(",")' "2026-03-02,2026-03-05,2026-03-07"
is "the files are gone" "$(ls "$LOGDIR" | tr '\n' ' ')" "2026-03-02.log 2026-03-05.log 2026-03-07.log "
ini_set "$T_CONF" privacy access_log_days 0
fails 2 "access_log_days = 0 is refused" root privacy log
like "the message names the key" "$ERR" "access_log_days"
ini_set "$T_CONF" privacy access_log_days 365

# --- a log that cannot be written fails no view ---------------------------------------
run root case show "$C1" --json
_want=$OUT
# The folder replaced by a file: refused even to root.
mv "$LOGDIR" "$T_DIR/access.saved"
echo "not a folder" >"$LOGDIR"
run bram case show "$C1" --json
rc_is "a view with the log unwritable: exit 0" 0
is "the same output" "$OUT" "$_want"
is "nothing on stderr for the viewer" "$ERR" ""
run bram case show "$C1"
rc_is "a second view: exit 0" 0
run root privacy log --json
rc_is "privacy log says why it cannot read the folder" 1
run root inbox
like "the admin's inbox shows the failures" "$OUT" "Access log: 2 views could not be logged"
run ann inbox
unlike "a contact's inbox does not" "$OUT" "Access log"
run root inbox --json
jq_true "the admin's inbox --json stays an array" 'type == "array"'
jq_is "…with the line as a privacy item, as privacy's lines" \
    '[.[] | select(.kind == "privacy") | .text] | join("|")' \
    "Access log: 2 views could not be logged; see \`sedesk privacy log\`."
rm -f "$LOGDIR"
mv "$T_DIR/access.saved" "$LOGDIR"
run root privacy log --json
jq_is "counted: 2 failures" '.failures.count' 2
jq_is "unacknowledged: 2" '.failures.unacknowledged' 2
jq_is "the reason" '.failures.reason' "Not a directory"
run root privacy log
like "text: the warning after the entries" "$OUT" "Warning: 2 views could not be written"
succeeds "admin acknowledges" root privacy log --acknowledge
run root inbox
unlike "after acknowledging, the inbox is quiet" "$OUT" "Access log"
run root privacy log --json
jq_is "still counted, none unacknowledged" '[.failures.count, .failures.unacknowledged] | map(tostring) | join(",")' "2,0"

# A full disk (root: a small tmpfs): the counter is rewritten in place.
if [ "$(id -u)" -eq 0 ] && command -v mountpoint >/dev/null 2>&1; then
	DISK=$T_DIR/disk
	mkdir -p "$DISK"
	trap 'umount "$DISK" 2>/dev/null || umount -l "$DISK" 2>/dev/null; rm -rf "$T_DIR"' EXIT
	if _m=$(mount -t tmpfs -o size=4m,mode=0700 tmpfs "$DISK" 2>&1); then
		cp -a "$T_DB" "$DISK/db"
		sed -i "s|^path = .*\$|path = $DISK/db|" "$T_CONF"
		T_DB=$DISK/db
		head -c 8M /dev/zero >"$DISK/filler" 2>/dev/null
		SEDESK_NOW=2026-03-09T10:00:00Z run dina case show "$C1" --json
		rc_is "a full disk: the view exits 0" 0
		jq_is "a full disk: the case is shown" '.number' "$C1"
		run root privacy log --json --from 2026-03-09
		jq_is "a full disk: counted (3)" '.failures.count' 3
		jq_is "a full disk: the reason" '.failures.reason' "No space left on device"
		jq_is "a full disk: no entry (and no half line)" '[(.entries | length), .unreadable_lines] | map(tostring) | join(",")' "0,0"
		rm -f "$DISK/filler"
		SEDESK_NOW=2026-03-09T10:05:00Z run dina case show "$C1"
		is "space again: the view is logged" "$(entries root --from 2026-03-09)" 1
	else
		not_ok "set-up: mount a small tmpfs" "$_m"
	fi
else
	ok "the full-disk part needs root; skipped"
fi
finish
