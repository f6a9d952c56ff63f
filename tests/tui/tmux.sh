# Shared set-up for the TUI suites (sourced by tests/tui/t_*.sh).
#
# Drives the real binary ($SEDESK_BIN, default /work/main/sedesk) inside a
# private tmux server against a temporary database, and removes the server
# and every temporary file on exit, whatever happened.
#
#   tui_start [VAR=VALUE…]   starts sedesk in a new 80×24 session (the last one
#                            is closed first); VARs are added to its environment,
#                            e.g. SEDESK_USER=bram NO_COLOR=1 LANGUAGE=nl
#   tui_quit                 presses q until sedesk has exited; true when it
#                            ended with status 0
#   tui_alive                true while sedesk runs in the pane
#   expect_quit DESC         one assertion: tui_quit succeeds
#   screen                   the pane as text (capture-pane -p)
#   screen_e                 the pane with its attributes (capture-pane -p -e)
#   screen_has TEXT          TEXT (fixed string) is on the screen
#   screen_line TEXT         the first screen line holding TEXT
#   wait_screen SECS TEXT    polls every 0.1 s until TEXT shows; false after SECS
#   wait_gone SECS TEXT      polls until TEXT is no longer shown
#   keys KEY…                tmux send-keys (key names: Enter Tab Escape Down F2 C-s …)
#   typein TEXT              sends TEXT literally (UTF-8 as is)
#   resize COLS ROWS         resizes the window
#   win_size                 "COLSxROWS" of the window
#   sgr_params LINE          the SGR parameters used on LINE, one per line
#   disp_col LINE TEXT       the display column (0-based) where TEXT starts on LINE
#   set_editor_text TEXT     what the scripted $EDITOR writes into its file next
#   cli USER ARG…            runs the CLI as USER (stdout passes through)
#   setup USER ARG…          a set-up step through the CLI (output in CLI_OUT);
#                            the suite ends with a failure when it fails
#   expect_screen DESC SECS TEXT   one assertion: TEXT shows within SECS
#   refute_screen DESC TEXT        one assertion: TEXT is not on the screen now
#   is DESC GOT WANT               one assertion: GOT equals WANT
#   need DESC SECS TEXT            expect_screen, and the suite ends here when it
#                                  fails (the steps after it depend on it)
#
# Keys reach sedesk in the order sent, so a test sends keys and then waits
# for the screen that shows their effect; it never sleeps instead.
# Fixture (sedesk.ini, as the CLI suites have it): departments eco, wel, spa;
# officers ann (contact), bram (officer of eco), chris (officer of wel),
# dina (manager), root (admin); categories funding (-> eco) and permit; the
# clock is Monday 2026-03-02T09:00:00Z.

# shellcheck shell=bash
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

SEDESK_BIN=${SEDESK_BIN:-/work/main/sedesk}
case $SEDESK_BIN in /*) ;; *) SEDESK_BIN=$PWD/$SEDESK_BIN ;; esac
export SEDESK_BIN

for _tool in tmux jq; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		not_ok "$_tool is installed (the TUI suites need it: apt-get install $_tool)"
		finish
	fi
done
if [ ! -x "$SEDESK_BIN" ]; then
	not_ok "the binary $SEDESK_BIN exists and is executable"
	finish
fi

T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sedesk-tui.XXXXXX") || exit 1
# The server's socket lives in the temporary directory, so removing that
# removes every trace of the server too.
T_SOCK=$T_DIR/tmux-sedesk-test-$$
T_SESSION=
T_STARTS=0

_cleanup() {
	tmux -S "$T_SOCK" kill-server >/dev/null 2>&1
	rm -rf "$T_DIR"
}
trap _cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Nothing from the caller's environment may leak into the CLI runs either.
unset SEDESK_DB SEDESK_USER VISUAL EDITOR NO_COLOR LC_ALL LC_MESSAGES
export HOME=$T_DIR/home XDG_CONFIG_HOME=$T_DIR/xdg
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
export LANG=C.UTF-8 LANGUAGE=en TZ=UTC
export SEDESK_CONFIG=$T_DIR/sedesk.ini
export SEDESK_NOW=2026-03-02T09:00:00Z

cat >"$SEDESK_CONFIG" <<'EOF'
; sedesk TUI test fixture
[database]
path = db
mapsize = 64M

[general]
language = en
service_days = 10
holidays = 2026-03-04, 2026-04-06

[department:eco]
name = Economie en ondernemen
email = economie@example.be
service_days = 3

[department:wel]
name = Welzijn
email = welzijn@example.be
service_days = 2

[department:spa]
name = Ruimtelijke ordening
email = omgeving@example.be
service_days = 7

[officer:ann]
name = Ann Peeters
role = contact

[officer:bram]
name = Bram De Smet
role = officer
departments = eco

[officer:chris]
name = Chris Janssens
role = officer
departments = wel

[officer:dina]
name = Dina Maes
role = manager

[officer:root]
name = Beheerder
role = admin

[category:funding]
name = Subsidies en financiering
service_days = 5

[category:permit]
name = Vergunningen
service_days = 10

[rule:funding-eco]
category = funding
departments = eco

[rule:care]
keywords = zorg, kwetsbare
departments = wel
EOF

# The scripted editor: writes the content of editor-text into the file it is
# given (replacing what was there) and logs each call with what it found.
T_EDITOR=$T_DIR/editor.sh
cat >"$T_EDITOR" <<EOF
#!/bin/sh
{ echo "edit \$1"; cat "\$1"; echo "--"; } >>"$T_DIR/editor.log"
cat "$T_DIR/editor-text" >"\$1"
EOF
chmod +x "$T_EDITOR"
: >"$T_DIR/editor-text"
set_editor_text() { printf '%s\n' "$1" >"$T_DIR/editor-text"; }

# tmux: a private server (its own socket, like -L sedesk-test-PID but inside
# T_DIR) with no user configuration; it stays up between sessions, and a pane
# stays after sedesk exits so its last screen can be read.
cat >"$T_DIR/tmux.conf" <<'EOF'
set -g exit-empty off
set -g remain-on-exit on
set -g default-terminal screen-256color
set -g history-limit 100
EOF
tm() { tmux -S "$T_SOCK" -f "$T_DIR/tmux.conf" "$@"; }

cli() {		# cli USER ARG…
	_u=$1; shift
	SEDESK_USER=$_u timeout 30 "$SEDESK_BIN" "$@" </dev/null
}

# A set-up step through the CLI: its output in CLI_OUT; when it fails the
# suite ends with one failed assertion that says which step and why.
setup() {	# setup USER ARG…
	if ! CLI_OUT=$(cli "$@" 2>"$T_DIR/.err"); then
		not_ok "set-up: sedesk $*" "$(cat "$T_DIR/.err")"
		finish
	fi
}

if ! _out=$(cli root init 2>&1); then
	not_ok "set-up: sedesk init" "$_out"
	finish
fi

tui_start() {	# tui_start [VAR=VALUE…]
	[ -n "$T_SESSION" ] && tm kill-session -t "$T_SESSION" >/dev/null 2>&1
	T_STARTS=$((T_STARTS + 1))
	T_SESSION=sd$T_STARTS
	T_EXITFILE=$T_DIR/exit.$T_STARTS
	T_EXIT=
	# A small shell between tmux and sedesk writes sedesk's exit status to
	# a file (tmux 3.3 does not always reap a pane's process in time).
	tm new-session -d -s "$T_SESSION" -x 80 -y 24 -- \
	    sh -c '"$@"; echo $? >"$0.tmp" && mv "$0.tmp" "$0"' "$T_EXITFILE" \
	    env -i PATH="$PATH" HOME="$HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
	    TERM=screen-256color LANG=C.UTF-8 LANGUAGE=en TZ=UTC \
	    SEDESK_CONFIG="$SEDESK_CONFIG" SEDESK_USER=ann SEDESK_NOW="$SEDESK_NOW" \
	    EDITOR="$T_EDITOR" "$@" "$SEDESK_BIN"
	# The window keeps the size it was given (no client is attached).
	tm set-option -t "$T_SESSION" window-size manual >/dev/null 2>&1
}

tui_alive() { [ ! -e "$T_EXITFILE" ]; }

tui_quit() {	# presses q until sedesk exits (at most ~5 s); true when it exited 0
	_i=0
	while tui_alive && [ $_i -lt 50 ]; do
		[ $((_i % 5)) -eq 0 ] && keys q
		sleep 0.1; _i=$((_i + 1))
	done
	tui_alive && return 1
	T_EXIT=$(cat "$T_EXITFILE")
	[ "$T_EXIT" = 0 ]
}

screen() { tm capture-pane -p -t "$T_SESSION" 2>/dev/null; }
screen_e() { tm capture-pane -p -e -t "$T_SESSION" 2>/dev/null; }
screen_has() { screen | grep -F -q -- "$1"; }
screen_line() { screen | grep -F -m 1 -- "$1"; }
wait_screen() { wait_for "$1" screen_has "$2"; }
_screen_lacks() { ! screen_has "$1"; }
wait_gone() { wait_for "$1" _screen_lacks "$2"; }
keys() { tm send-keys -t "$T_SESSION" "$@"; }
typein() { tm send-keys -t "$T_SESSION" -l -- "$1"; }
resize() { tm resize-window -t "$T_SESSION" -x "$1" -y "$2"; }
win_size() { tm display-message -p -t "$T_SESSION" '#{window_width}x#{window_height}'; }

# The SGR parameters on a line of `screen_e`, one per line ("" for ESC[m).
sgr_params() {
	printf '%s\n' "$1" | grep -o $'\033\\[[0-9;:]*m' | sed 's/^\x1b\[//; s/m$//' |
	    tr ';' '\n'
}
# The display column (0-based) where TEXT first starts on LINE (plain text).
disp_col() {
	case $1 in
	*"$2"*) ;;
	*) echo -1; return ;;
	esac
	_pre=${1%%"$2"*}
	printf '%s\n' "$_pre" | LC_ALL=C.UTF-8 wc -L
}

# --- assertions -------------------------------------------------------------------

expect_screen() {	# expect_screen DESC SECS TEXT
	if wait_screen "$2" "$3"; then ok "$1"
	else not_ok "$1" "\"$3\" did not show within $2 s; the screen:
$(screen)"; fi
}
refute_screen() {	# refute_screen DESC TEXT
	if screen_has "$2"; then not_ok "$1" "\"$2\" is on the screen:
$(screen)"
	else ok "$1"; fi
}
is() {
	if [ "$2" = "$3" ]; then ok "$1"
	else not_ok "$1" "got:  $2
want: $3"; fi
}
expect_quit() {		# expect_quit DESC   (q until sedesk exits; status 0)
	if tui_quit; then ok "$1"
	else not_ok "$1" "running: $(tui_alive && echo yes || echo no); exit status: ${T_EXIT:-?}; the screen:
$(screen)"; fi
}
# Skips to the end of the suite when a step it cannot go on without failed.
need() {	# need DESC SECS TEXT   (like expect_screen, but stops the suite on failure)
	expect_screen "$1" "$2" "$3"
	if ! screen_has "$3"; then
		echo "# cannot go on without that step; the rest of $(basename "$0") is skipped"
		finish
	fi
}
