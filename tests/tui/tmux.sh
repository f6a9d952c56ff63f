# Shared set-up for the TUI suites (sourced by tests/tui/t_*.sh).
#
# Drives the real binary ($SEDESK_BIN, default the checkout's ./sedesk) inside a
# private tmux server against a temporary database, and removes the server
# and every temporary file on exit, whatever happened.
#
#   tui_start [VAR=VALUE…]   starts sedesk in a new 80×24 session (the last one
#                            is closed first); VARs are added to its environment,
#                            e.g. SEDESK_USER=bram NO_COLOR=1 LANGUAGE=nl
#   tui_quit                 presses Q (quit at once) until sedesk has exited;
#                            true when it ended with status 0
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
#   mouse_event BUTTON X Y   writes an xterm (X10) mouse report to the pane:
#                            BUTTON 0 left press, 3 release, 64/65 wheel up/down;
#                            X, Y the 0-based cell (tests/tui/t_mouse.sh)
#   wheel_down; wheel_up     one notch of the wheel over the list (cell 10,8)
#   click X Y                a left press and release on cell X, Y
#   cursor                   "X,Y" of the terminal's cursor (tmux #{cursor_x},#{cursor_y})
#   cursor_flag              1 when the cursor is shown, 0 when hidden
#   after TEXT               "X,Y" just after TEXT on the first line holding it
#   expect_cursor DESC WANT  one assertion, polled: the cursor stands at WANT
#   expect_flag DESC 0|1     one assertion, polled: the cursor is hidden / shown
#   cli USER ARG…            runs the CLI as USER (stdout passes through)
#   setup USER ARG…          a set-up step through the CLI (output in CLI_OUT);
#                            the suite ends with a failure when it fails
#   dialog_text              the text inside the dialog box on the screen, its
#                            wrapped lines joined by one space
#   expect_dialog DESC SECS TEXT   one assertion: the dialog's text holds TEXT
#   expect_screen DESC SECS TEXT   one assertion: TEXT shows within SECS
#   refute_screen DESC TEXT        one assertion: TEXT is not on the screen now
#   need DESC SECS TEXT            expect_screen, and the suite ends here when it
#                                  fails (the steps after it depend on it)
#
# The session's pane is one of tests/lib.sh (its pane_* helpers and is,
# like, … work on it too); keys reach sedesk in the order sent, so a test
# sends keys and then waits for the screen that shows their effect.
# Fixture: tests/fixture/sedesk.ini; the clock is Monday 2026-03-02T09:00:00Z.

# shellcheck shell=bash
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

for _tool in tmux jq; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		not_ok "$_tool is installed (the TUI suites need it: apt-get install $_tool)"
		finish
	fi
done
sedesk_bin

t_tmpdir tui
tmux_init
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

fixture_ini "$SEDESK_CONFIG"

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
	T_EXIT=
	pane_start "$T_SESSION" env -i PATH="$PATH" HOME="$HOME" \
	    XDG_CONFIG_HOME="$XDG_CONFIG_HOME" TERM=screen-256color LANG=C.UTF-8 LANGUAGE=en TZ=UTC \
	    SEDESK_CONFIG="$SEDESK_CONFIG" SEDESK_USER=ann SEDESK_NOW="$SEDESK_NOW" \
	    EDITOR="$T_EDITOR" "$@" "$SEDESK_BIN"
}

tui_alive() { ! pane_exited "$T_SESSION"; }

tui_quit() {	# presses Q until sedesk exits (at most ~5 s); true when it exited 0
	_i=0
	while tui_alive && [ $_i -lt 50 ]; do
		[ $((_i % 5)) -eq 0 ] && keys Q
		sleep 0.1; _i=$((_i + 1))
	done
	tui_alive && return 1
	T_EXIT=$(pane_status "$T_SESSION")
	[ "$T_EXIT" = 0 ]
}

# The session's pane, by the names the suites use.
screen() { pane "$T_SESSION"; }
screen_e() { pane "$T_SESSION" -e; }
screen_has() { pane_has "$T_SESSION" "$1"; }
screen_line() { screen | grep -F -m 1 -- "$1"; }
wait_screen() { pane_wait "$1" "$T_SESSION" "$2"; }
_screen_lacks() { ! screen_has "$1"; }
wait_gone() { wait_for "$1" _screen_lacks "$2"; }
keys() { pane_keys "$T_SESSION" "$@"; }
typein() { pane_type "$T_SESSION" "$1"; }
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

# The mouse: the xterm (X10) reports ncurses reads for TERM=screen-256color
# (kmous=\E[M): ESC [ M, then 32 + the button, 33 + the column, 33 + the row.
mouse_event() {	# mouse_event BUTTON X Y (0-based cell)
	keys -H 1b 5b 4d "$(printf '%x' $((32 + $1)))" "$(printf '%x' $((33 + $2)))" \
	    "$(printf '%x' $((33 + $3)))"
}
wheel_down() { mouse_event 65 10 8; }
wheel_up() { mouse_event 64 10 8; }
click() { mouse_event 0 "$1" "$2"; mouse_event 3 "$1" "$2"; }	# click X Y

# The terminal's cursor, as tmux has it.
cursor() { tm display -p -t "$T_SESSION" '#{cursor_x},#{cursor_y}'; }
cursor_flag() { tm display -p -t "$T_SESSION" '#{cursor_flag}'; }
# "X,Y" just after TEXT on the first screen line holding it.
after() {	# after TEXT
	_y=$(screen | grep -n -F -m 1 -- "$1" | cut -d: -f1)
	[ -n "$_y" ] || { echo "none"; return; }
	_line=$(screen | sed -n "${_y}p")
	_x=$(disp_col "$_line" "$1")
	_w=$(printf '%s' "$1" | LC_ALL=C.UTF-8 wc -L)
	echo "$((_x + _w)),$((_y - 1))"
}

# --- assertions -------------------------------------------------------------------

# One assertion, polled (the pane settles after the keys): the cursor at WANT.
expect_cursor() {	# expect_cursor DESC WANT
	_c=
	for _i in $(seq 20); do
		_c=$(cursor)
		[ "$_c" = "$2" ] && break
		sleep 0.1
	done
	is "$1" "$_c" "$2"
}
expect_flag() {		# expect_flag DESC 0|1
	_f=
	for _i in $(seq 20); do
		_f=$(cursor_flag)
		[ "$_f" = "$2" ] && break
		sleep 0.1
	done
	is "$1" "$_f" "$2"
}

expect_screen() { expect_pane "$1" "$2" "$T_SESSION" "$3"; }	# DESC SECS TEXT
refute_screen() { refute_pane "$1" "$T_SESSION" "$2"; }		# DESC TEXT
dialog_text() {
	screen | sed -n 's/^[^│]*│ \(.*\)│.*$/\1/p' | sed 's/ *$//' | grep -v '^$' |
	    tr '\n' ' ' | sed 's/ $//'
}
_dialog_has() { case $(dialog_text) in *"$1"*) return 0 ;; esac; return 1; }
expect_dialog() {	# expect_dialog DESC SECS TEXT
	if wait_for "$2" _dialog_has "$3"; then ok "$1"
	else not_ok "$1" "\"$3\" not in the dialog's text within $2 s: $(dialog_text)
$(screen)"; fi
}
expect_quit() {		# expect_quit DESC   (Q until sedesk exits; status 0)
	if tui_quit; then ok "$1"
	else not_ok "$1" "running: $(tui_alive && echo yes || echo no); exit status: ${T_EXIT:-?}; the screen:
$(screen)"; fi
}
# Skips to the end of the suite when a step it cannot go on without failed.
need() { need_pane "$1" "$2" "$T_SESSION" "$3"; }	# DESC SECS TEXT
