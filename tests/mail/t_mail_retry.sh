#!/bin/bash
# Delivery that fails (issue 16): a failing sendmail leaves the mail in the
# outbox as failing with its error, tried again only after a back-off that
# grows (1 minute, 2, …), and sent with its stored Message-ID once sendmail
# works; a sendmail that hangs is killed after [mail] timeout, with its
# children; the action itself never fails because of mail.
. "$(dirname "$0")/common.sh"
mail_desk
mkdir -p "$T_DIR/bin"
cat > "$T_DIR/bin/failmail" <<'SH'
#!/bin/sh
cat >/dev/null
echo "failmail: the relay is down" >&2
exit 75
SH
cat > "$T_DIR/bin/hangmail" <<SH
#!/bin/sh
echo \$\$ > "$T_DIR/hang.pid"
exec sleep 300
SH
chmod 755 "$T_DIR/bin/failmail" "$T_DIR/bin/hangmail"

ini_set "$SEDESK_CONFIG" mail sendmail "$T_DIR/bin/failmail -t -i"
C=$(new_case "Opnieuw proberen")
run ann case route "$C" wel
rc_is "the route succeeds although its mail fails" 0
like "the CLI says the mail is tried again later" "$ERR" "1 mail could not be sent now; it is tried again later"
run root outbox --json
jq_is "one mail in the outbox" 'length' 1
jq_is "failing" '.[0].state' failing
jq_is "tried once" '.[0].tries' 1
jq_is "with sendmail's own words" '.[0].error' "failmail: the relay is down"
jq_is "next try one minute later" '.[0].next' "2026-03-02T09:01:00Z"
ID=$(printf '%s' "$OUT" | jq -r '.[0].message_id')
run root outbox
like "the text list says failing and the error" "$OUT" "failing .*welzijn@example.be.*
.*failmail: the relay is down
.*tried 1 time; next try 2026-03-02T09:01:00Z"

run ann outbox --deliver --json
jq_is "before its time it is not tried again" '[.sent, .failed, .waiting] | join(",")' "0,0,1"
SEDESK_NOW=2026-03-02T09:01:00Z run ann outbox --deliver --json
jq_is "at its time it is, and fails again" '[.sent, .failed] | join(",")' "0,1"
rc_is "outbox --deliver exits 1 when a mail failed" 1
run root outbox --json
jq_is "tried twice; the next try two minutes on" '[.[0].tries, .[0].next] | map(tostring) | join(",")' \
	"2,2026-03-02T09:03:00Z"

ini_set "$SEDESK_CONFIG" mail sendmail "$PF_SENDMAIL"
SEDESK_NOW=2026-03-02T09:03:00Z run chris outbox --deliver --json
jq_is "with sendmail back, anyone's delivery sends it" '[.sent, .failed] | join(",")' "1,0"
check "it arrives" pf_wait 1 20
is "with the Message-ID it had from the start" "$(mf "$(mail_to welzijn@example.be)" raw:Message-Id)" "$ID"
run root outbox --json
jq_is "nothing waits any more" 'length' 0
run root outbox --all --json
jq_is "the sent mail is listed with --all" '.[0].state + " " + (.[0].tries | tostring)' "sent 2"

# --- a sendmail that hangs: killed after [mail] timeout, with its children ---------
ini_set "$SEDESK_CONFIG" mail sendmail "$T_DIR/bin/hangmail"
ini_set "$SEDESK_CONFIG" mail timeout 1
C2=$(new_case "Hangt")
start=$(date +%s)
run ann case route "$C2" wel
took=$(( $(date +%s) - start ))
rc_is "the route succeeds" 0
check "the command waited no more than the timeout (took ${took}s)" test "$took" -le 4
like "and said the mail waits" "$ERR" "could not be sent now"
run root outbox --json
jq_is "the error names the timeout" '.[0].error' "sendmail did not finish within 1 seconds ([mail] timeout)"
pid=$(cat "$T_DIR/hang.pid" 2>/dev/null)
# Gone, or a zombie whose parent (mailmake, killed with it) left it to init.
gone() { [ -n "$1" ] && { ! kill -0 "$1" 2>/dev/null || grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }; }
check "the hanging sendmail was killed" wait_for 3 gone "$pid"

# --- a user who is not admin may deliver but not read the outbox ----------------------
run ann outbox
rc_is "only the admin reads the outbox" 4
like "and is told so" "$ERR" "only an administrator reads the outbox"
finish
