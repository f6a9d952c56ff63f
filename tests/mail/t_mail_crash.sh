#!/bin/bash
# A crash between the commit and the delivery (issue 16): sedesk is killed
# (kill -9) while its mail is being handed over.  The action is kept; the
# mail stays in the outbox and goes later, exactly once when nothing had
# reached the MTA, and again with the same Message-ID when it had (at
# least once: a reader sees it is the same mail).
. "$(dirname "$0")/common.sh"
mail_desk
ini_set "$SEDESK_CONFIG" mail timeout 10	# held 10 + 60 s by a delivery
mkdir -p "$T_DIR/bin"
# Waits for $T_DIR/go before it hands the message to the real MTA.
cat > "$T_DIR/bin/slowmail" <<SH
#!/bin/sh
echo \$\$ > "$T_DIR/started"
while [ ! -e "$T_DIR/go" ]; do sleep 0.05; done
exec $PF_SENDMAIL
SH
chmod 755 "$T_DIR/bin/slowmail"
ini_set "$SEDESK_CONFIG" mail sendmail "$T_DIR/bin/slowmail"

# Routes case $1 to wel (one mail: welzijn@) in the background, and kills
# sedesk with SIGKILL once its sendmail has started.
route_and_crash() {
	rm -f "$T_DIR/started" "$T_DIR/go"
	SEDESK_USER=ann "$SEDESK_BIN" case route "$1" wel >/dev/null 2>&1 &
	local p=$!
	wait_for 20 test -s "$T_DIR/started" || { not_ok "set-up: the mail's sendmail started"; finish; }
	kill -9 "$p"
	wait "$p" 2>/dev/null
}

# --- killed before the MTA had it: sent exactly once afterwards -------------------
C=$(new_case "Crash voor de overdracht")
route_and_crash "$C"
kill -9 "$(cat "$T_DIR/started")" 2>/dev/null	# the machine went down: nothing handed over
run ann case show "$C" --json
jq_is "the route was committed before the crash" '[.routes[] | select(.department == "wel")] | length' 1
run root outbox --json
jq_is "its mail is in the outbox, not sent" '[length, .[0].state] | map(tostring) | join(",")' "1,pending"
ID=$(printf '%s' "$OUT" | jq -r '.[0].message_id')
is "nothing reached the MTA" "$(pf_count)" 0

ini_set "$SEDESK_CONFIG" mail sendmail "$PF_SENDMAIL"
run ann outbox --deliver --json
jq_is "while the dead delivery's hold lasts, nobody sends it" '[.sent, .waiting] | join(",")' "0,1"
SEDESK_NOW=2026-03-02T09:01:11Z run ann outbox --deliver --json
jq_is "after the hold it is sent" '.sent' 1
check "it arrives" pf_wait 1 20
SEDESK_NOW=2026-03-02T09:05:00Z run ann outbox --deliver --json
jq_is "a later delivery sends nothing" '.sent' 0
sleep 0.5; pf_flush; sleep 0.5
is "exactly once" "$(pf_count)" 1
is "with the Message-ID stored in the action's transaction" \
	"$(mf "$(pf_files | head -1)" raw:Message-Id)" "$ID"

# --- killed after the MTA had it: sent again, recognisably the same ------------------
pf_clear
ini_set "$SEDESK_CONFIG" mail sendmail "$T_DIR/bin/slowmail"
C2=$(new_case "Crash na de overdracht")
route_and_crash "$C2"
touch "$T_DIR/go"	# the hand-over completes; only the mark "sent" is lost
check "the MTA delivers the first copy" pf_wait 1 20
run root outbox --json
jq_is "the outbox does not know it was sent" '.[0].state' pending
ID2=$(printf '%s' "$OUT" | jq -r '.[0].message_id')
SEDESK_NOW=2026-03-02T09:01:11Z run ann outbox --deliver --json
jq_is "after the hold it is sent again" '.sent' 1
check "a second copy arrives" pf_wait 2 20
ids=$(for f in $(pf_files); do mf "$f" raw:Message-Id; done | sort -u)
is "both copies carry the same Message-ID" "$ids" "$ID2"
run root outbox --json
jq_is "and now nothing waits" 'length' 0
finish
