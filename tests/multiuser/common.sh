# Shared set-up for the multi-user suites (sourced by tests/multiuser/t_*.sh).
#
# These suites run as root: they create real Unix users, install sedesk the
# way an administrator does (make install: group sedesk, setgid binary,
# configuration readable by the group only) into a temporary prefix, and run
# sedesk as those users with runuser, in tmux and over SSH.  Everything they
# create is removed on exit, whatever happened: the users (userdel -r), the
# prefix, tmux servers, sshd, background processes, and the group sedesk
# only when it did not exist before.
#
#   mu_users ROLE…         creates one Unix user per ROLE letter (c, a, b…):
#                          login sdt<PID><letter>, home in the temporary dir,
#                          shell /bin/sh, no password (key log-in only);
#                          sets U_<letter> to the login
#   mu_install [VAR=VALUE…]   make install into $P (PREFIX=$P SYSCONFDIR=$P/etc
#                          LOCALSTATEDIR=$P/var on make's command line); the
#                          VARs go into make's environment, as an administrator's
#                          own settings would (make must not read them); the
#                          suite ends when it fails
#   mu_officer LOGIN ROLE [DEPTS]   adds [officer:LOGIN] to $P/etc/sedesk/sedesk.ini
#   urun USER [VAR=VALUE…] ARG…     runs $P/bin/sedesk as USER (runuser, from /);
#                          sets RC, OUT, ERR
#   uexec USER CMD…        runs CMD as USER (from /); sets RC, OUT, ERR
#   rrun ARG…              runs $P/bin/sedesk as root (admin in the config)
#   pane_open_case NAME NUM         opens case NUM from the inbox (/ NUM Enter)
#   pane_leave_case NAME DESC       back to the inbox and q: one assertion,
#                          the program ended with status 0
#   mu_bg_pid PID          a background process to kill on exit
#   the assertions (is, like, unlike, rc_is, need_rc0) and the tmux helpers
#   (tm, pane_start, pane, pane_has, pane_wait, pane_keys, …): tests/lib.sh
#
# The suite runs from tests/multiuser; the repository is two levels up.

# shellcheck shell=bash
MU_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$MU_HERE/../lib.sh"
REPO=$(cd "$MU_HERE/../.." && pwd)

if [ "$(id -u)" != 0 ]; then
	echo "ok - multi-user tests need root; not run as uid $(id -u)"
	exit 0
fi

for _tool in tmux jq runuser useradd userdel make; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		not_ok "$_tool is installed (the multi-user suites need it)"
		finish
	fi
done

# Whether the group existed before this suite: only then is it left alone.
if getent group sedesk >/dev/null 2>&1; then MU_GROUP_EXISTED=1; else MU_GROUP_EXISTED=0; fi

t_tmpdir mu
# The test users must reach the prefix: every component traversable.
chmod 755 "$T_DIR"
P=$T_DIR/prefix
MU_USERS=()
MU_PIDS=()
MU_EXTRA_CLEANUP=()	# commands (strings) run on exit, after tmux is gone, last first

_mu_kill_user_procs() {	# every process still running as a test user
	local u pids
	for u in "${MU_USERS[@]}"; do
		pids=$(ps -o pid= -u "$u" 2>/dev/null)
		# shellcheck disable=SC2086
		[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
	done
}

_mu_cleanup() {
	local p u i
	set +e
	# Once begun, the clean-up runs to its end.
	trap '' HUP INT TERM
	tmux -S "$T_SOCK" kill-server >/dev/null 2>&1
	# Last registered, first run.
	for ((i = ${#MU_EXTRA_CLEANUP[@]} - 1; i >= 0; i--)); do
		eval "${MU_EXTRA_CLEANUP[i]}" >/dev/null 2>&1
	done
	for p in "${MU_PIDS[@]}"; do
		# The process and its children (a worker's sedesk of the moment).
		# shellcheck disable=SC2046
		kill -TERM $(ps -o pid= --ppid "$p" 2>/dev/null) "$p" 2>/dev/null
	done
	for p in "${MU_PIDS[@]}"; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
		kill -KILL "$p" 2>/dev/null
	done
	_mu_kill_user_procs
	sleep 0.2
	_mu_kill_user_procs
	for u in "${MU_USERS[@]}"; do
		userdel -r -f "$u" >/dev/null 2>&1 || userdel -f "$u" >/dev/null 2>&1
		getent group "$u" >/dev/null 2>&1 && groupdel "$u" >/dev/null 2>&1
	done
	if [ "$MU_GROUP_EXISTED" = 0 ] && getent group sedesk >/dev/null 2>&1; then
		groupdel sedesk >/dev/null 2>&1
	fi
	rm -rf "$T_DIR"
}
trap _mu_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

mu_bg_pid() { MU_PIDS+=("$1"); }

unset SEDESK_DB SEDESK_USER SEDESK_CONFIG SEDESK_NOW VISUAL EDITOR NO_COLOR LC_ALL LC_MESSAGES
export LANG=C.UTF-8 LANGUAGE=en TZ=UTC

# --- users --------------------------------------------------------------------------
mkdir -p "$T_DIR/home"
chmod 755 "$T_DIR/home"

mu_users() {	# mu_users LETTER…
	local l u
	for l in "$@"; do
		u=sdt$$$l
		if getent passwd "$u" >/dev/null 2>&1; then
			not_ok "set-up: the login $u is free" "it already exists; not touching it"
			finish
		fi
		# -p '*': no password, yet not locked (sshd refuses locked accounts).
		if ! out=$(useradd -m -d "$T_DIR/home/$u" -s /bin/sh -p '*' "$u" 2>&1); then
			not_ok "set-up: useradd $u" "$out"
			finish
		fi
		MU_USERS+=("$u")
		printf -v "U_$l" '%s' "$u"
	done
}

# --- the install ----------------------------------------------------------------------
MU_CONF=$P/etc/sedesk/sedesk.ini
MU_DB=$P/var/lib/sedesk

mu_install() {	# mu_install [VAR=VALUE…]
	local log=$T_DIR/install.log
	# A make of its own: not the jobserver or flags of a make check around us.
	if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES "$@" \
	    make -C "$REPO" -j"$(nproc 2>/dev/null || echo 2)" install \
	    PREFIX="$P" SYSCONFDIR="$P/etc" LOCALSTATEDIR="$P/var" >"$log" 2>&1; then
		not_ok "set-up: make install PREFIX=$P" "$(tail -n 30 "$log")"
		finish
	fi
	if [ ! -x "$P/bin/sedesk" ] || [ ! -f "$MU_CONF" ]; then
		not_ok "set-up: make install made $P/bin/sedesk and $MU_CONF" "$(tail -n 30 "$log")"
		finish
	fi
	# The tests read English messages whatever the example's default.
	sed -i 's/^language *=.*/language = en/' "$MU_CONF"
	SEDESK_GID=$(getent group sedesk | cut -d: -f3)
}

mu_officer() {	# mu_officer LOGIN ROLE [DEPTS]
	{
		echo
		echo "[officer:$1]"
		echo "name = Test $1"
		echo "role = $2"
		[ -n "${3:-}" ] && echo "departments = $3"
	} >>"$MU_CONF"
}

# --- running as someone ---------------------------------------------------------------
MU_TIMEOUT=${MU_TIMEOUT:-60}

uexec() {	# uexec USER CMD…  -> RC OUT ERR
	local u=$1; shift
	(cd / && timeout "$MU_TIMEOUT" runuser -u "$u" -- "$@") \
	    >"$T_DIR/.out" 2>"$T_DIR/.err" </dev/null
	RC=$?
	OUT=$(cat "$T_DIR/.out")
	ERR=$(cat "$T_DIR/.err")
}

urun() {	# urun USER [VAR=VALUE…] ARG…  -> RC OUT ERR
	local u=$1; shift
	local envs=()
	while [ $# -gt 0 ] && [[ $1 =~ ^[A-Z_][A-Z0-9_]*= ]]; do envs+=("$1"); shift; done
	uexec "$u" env LANG=C.UTF-8 LANGUAGE=en "${envs[@]}" "$P/bin/sedesk" "$@"
}

rrun() {	# rrun ARG…  (root: the admin of the example configuration)
	(cd / && timeout "$MU_TIMEOUT" "$P/bin/sedesk" "$@") >"$T_DIR/.out" 2>"$T_DIR/.err" </dev/null
	RC=$?
	OUT=$(cat "$T_DIR/.out")
	ERR=$(cat "$T_DIR/.err")
}

# --- tmux -----------------------------------------------------------------------------
tmux_init

# Opens case NUM in the TUI running in pane NAME, from its inbox, with the
# search screen (/, the number, Enter).
pane_open_case() {	# pane_open_case NAME NUM
	pane_keys "$1" /
	pane_wait 5 "$1" "Search" || return 1
	pane_type "$1" "$2"
	pane_wait 5 "$1" "$2 " || return 1
	pane_keys "$1" Enter
	pane_wait 5 "$1" "Case $2"
}
# Leaves a case opened with pane_open_case and quits: one assertion, that the
# program ended with status 0.
pane_leave_case() {	# pane_leave_case NAME DESC
	pane_keys "$1" q
	pane_wait 3 "$1" "Search"
	pane_keys "$1" Escape
	pane_wait 3 "$1" "Inbox"
	pane_keys "$1" Q
	if wait_for 10 pane_exited "$1"; then
		is "$2" "$(pane_status "$1")" 0
	else
		not_ok "$2" "$(pane "$1")"
	fi
}

# mu_probe_lines: shell lines, for a script a test user's child runs, that
# record in "$o" what that process inherited: its descriptors with their
# flags, its group ids, its umask, and what descriptors 3-20 give to read.
# Expanded inside a suite's unquoted here-document as $(mu_probe_lines).
mu_probe_lines() {
	cat <<'PROBE'
ls /proc/$$/fd >"$o/fdlist" 2>&1
while read -r n; do
	echo "$n $(sed -n 's/^flags:[[:space:]]*//p' /proc/$$/fdinfo/$n) $(readlink /proc/$$/fd/$n)"
done <"$o/fdlist" >"$o/fds"
grep -E '^(Gid|Groups):' /proc/$$/status >"$o/status"
id -G >"$o/idG"
umask >"$o/umask"
: >"$o/read"
n=3
while [ $n -le 20 ]; do
	sh -c "cat <&$n" >>"$o/read" 2>/dev/null
	n=$((n + 1))
done
PROBE
}
