#!/bin/bash
# Real SSH: the suite starts its own sshd (its own configuration and host
# key, key-only log-in, 127.0.0.1 on a free port), and officer A logs in with
# `ssh -tt` inside tmux and drives the TUI of the setgid install: opens the
# case routed to eco and picks it up.  Meanwhile the contact, in a second tmux
# window (runuser, locally), shows that case's screen and sees the route
# become "picked up" within 2 seconds without pressing a key.
. "$(dirname "$0")/common.sh"

SSHD=/usr/sbin/sshd
for _tool in "$SSHD" ssh ssh-keygen ss; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		not_ok "$_tool is installed (apt-get install openssh-server openssh-client iproute2)"
		finish
	fi
done

mu_users c a
mu_install
mu_officer "$U_c" contact
mu_officer "$U_a" officer eco

urun "$U_c" enterprise add --name "Fietsatelier Op Wielen" --city Mechelen
need_rc0 "contact: enterprise add"
E1=$OUT
urun "$U_c" case new --enterprise "$E1" --subject "Aanbesteding fietsonderhoud"
need_rc0 "contact: case new"
N1=$OUT
urun "$U_c" case route "$N1" eco
need_rc0 "contact: case route $N1 eco"

# --- our own sshd ------------------------------------------------------------------------
S=$T_DIR/ssh
mkdir -p "$S"
chmod 700 "$S"
# sshd's privilege separation needs /run/sshd; removed again if we made it.
if [ ! -d /run/sshd ]; then
	mkdir -m 755 /run/sshd && MU_EXTRA_CLEANUP+=("rmdir /run/sshd")
fi
# StrictModes checks every directory above the keys file: root-owned and not
# group- or world-writable, so not under /tmp (1777); /run is root's.
KEYS=$(mktemp -d /run/sedesk-mu-keys.XXXXXX) || { not_ok "set-up: a keys directory under /run"; finish; }
MU_EXTRA_CLEANUP+=("rm -rf '$KEYS'")
chmod 755 "$KEYS"
ssh-keygen -q -t ed25519 -N '' -C sedesk-test-host -f "$S/host_ed25519" </dev/null
ssh-keygen -q -t ed25519 -N '' -C sedesk-test-officer -f "$S/client" </dev/null
install -m 644 -o root -g root "$S/client.pub" "$KEYS/$U_a"

SSHD_PID=
_ssh_cleanup() {
	[ -n "$SSHD_PID" ] || return 0
	# The listener's children (one per connection) first, then the listener.
	local kids
	kids=$(ps -o pid= --ppid "$SSHD_PID" 2>/dev/null)
	# shellcheck disable=SC2086
	[ -n "$kids" ] && kill -TERM $kids 2>/dev/null
	kill -TERM "$SSHD_PID" 2>/dev/null
	local i=0
	while kill -0 "$SSHD_PID" 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
	kill -KILL "$SSHD_PID" 2>/dev/null
	# shellcheck disable=SC2086
	[ -n "$kids" ] && kill -KILL $kids 2>/dev/null
	wait "$SSHD_PID" 2>/dev/null
}
MU_EXTRA_CLEANUP+=(_ssh_cleanup)

port_free() { [ -z "$(ss -Htln "sport = :$1" 2>/dev/null)" ]; }
sshd_listening() { grep -q "Server listening on 127.0.0.1 port $PORT" "$S/sshd.log"; }

for _try in 1 2 3 4 5 6 7 8; do
	PORT=$((20000 + RANDOM % 40000))
	port_free "$PORT" || continue
	cat >"$S/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $PORT
HostKey $S/host_ed25519
PidFile $S/sshd.pid
AuthorizedKeysFile $KEYS/%u
AuthorizedPrincipalsFile none
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
HostbasedAuthentication no
PermitRootLogin no
AllowUsers $U_a $U_c
UsePAM no
StrictModes yes
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PermitUserEnvironment no
EOF
	if ! _out=$("$SSHD" -t -f "$S/sshd_config" 2>&1); then
		not_ok "set-up: sshd -t accepts the configuration" "$_out"
		finish
	fi
	"$SSHD" -D -e -f "$S/sshd_config" 2>"$S/sshd.log" </dev/null &
	SSHD_PID=$!
	if wait_for 10 sshd_listening; then break; fi
	_ssh_cleanup
	SSHD_PID=
done
if [ -z "$SSHD_PID" ]; then
	not_ok "set-up: our sshd listens on 127.0.0.1" "$(cat "$S/sshd.log" 2>/dev/null)"
	finish
fi
ok "our sshd listens on 127.0.0.1 port $PORT"

SSH=(ssh -F /dev/null -i "$S/client" -p "$PORT" -o StrictHostKeyChecking=no
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes
    -o IdentitiesOnly=yes -o IdentityAgent=none -o ConnectTimeout=10)
REMOTE_ENV="env TERM=screen-256color LANG=C.UTF-8 LANGUAGE=en"

# A plain command first: the key works, and sedesk knows A by the login.
_out=$(timeout 30 "${SSH[@]}" "$U_a@127.0.0.1" "$REMOTE_ENV $P/bin/sedesk whoami --json" 2>&1 </dev/null)
is "over ssh, sedesk whoami says officer A" "$(printf '%s' "$_out" | jq -r '.login + " " + .role' 2>/dev/null)" "$U_a officer"
_out=$(timeout 30 "${SSH[@]}" "$U_c@127.0.0.1" true 2>&1 </dev/null)
_rc=$?
if [ "$_rc" -ne 0 ]; then ok "the contact has no key: ssh log-in refused (exit $_rc)"
else not_ok "the contact has no key: ssh log-in refused" "it logged in"; fi

# --- the contact, locally, on the case screen ----------------------------------------------
pane_start contact sh -c 'cd / && exec runuser -u "$0" -- env TERM=screen-256color LANG=C.UTF-8 LANGUAGE=en "$1"' \
    "$U_c" "$P/bin/sedesk"
need_pane "the contact's TUI opens" 10 contact "Inbox"
pane_open_case contact "$N1"
need_pane "the contact opens $N1" 3 contact "Case $N1"
expect_pane "the contact sees the eco route pending" 3 contact "ECO    … pending"

# --- the officer, over ssh -tt inside tmux ------------------------------------------------------
pane_start officer "${SSH[@]}" -tt "$U_a@127.0.0.1" "$REMOTE_ENV $P/bin/sedesk"
need_pane "officer A's TUI opens over ssh -tt" 15 officer "Inbox"
expect_pane "A's inbox (over ssh) lists $N1" 3 officer "$N1"
pane_open_case officer "$N1"
need_pane "A opens $N1 over ssh" 3 officer "Case $N1"
if pane_has contact "picked up"; then
	not_ok "before the pick-up the contact's screen shows no pick-up" "$(pane contact)"
else
	ok "before the pick-up the contact's screen shows no pick-up"
fi
pane_keys officer p
need_pane "p picks up eco's route on A's screen" 5 officer "ECO    ▸ picked up"

# From here the contact presses nothing; poll every 0.1 s, for at most
# 10 s (the screen follows others' changes on a tick of about a second;
# "without a key" is what is asserted, the time is printed).
_t0=$(date +%s%N)
if wait_for 10 pane_has contact "picked up"; then
	_ms=$((($(date +%s%N) - _t0) / 1000000))
	ok "the contact's screen shows the pick-up without a key (${_ms} ms after A's screen did)"
else
	not_ok "the contact's screen shows the pick-up within 10 s without a key" "the contact's screen:
$(pane contact)"
fi
expect_pane "the contact's route line names officer A" 1 contact "ECO    ▸ picked up   $U_a"
expect_pane "the contact's title shows the case in progress" 1 contact "Case $N1 · in progress"
rrun case show "$N1" --json
is "the journal has the pick-up by A" \
    "$(printf '%s' "$OUT" | jq -r '[.journal[] | select(.kind == "picked_up") | .actor + "/" + .department] | join(",")')" \
    "$U_a/eco"

# --- both leave -------------------------------------------------------------------------------
pane_leave_case officer "A quits; ssh ends with status 0"
pane_leave_case contact "the contact quits with status 0"
finish
