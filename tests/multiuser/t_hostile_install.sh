#!/bin/bash
# Hostile users of a shared (setgid) install, issue 9: the install itself
# and what must keep holding.
#   make install    takes no path from the caller's environment (finding 11)
#                   and writes a configuration with the example's departments
#                   and categories but no people except root (finding 12)
#   init            only for an admin: an officer's, a manager's or the
#                   contact's init is refused and creates nothing, also on
#                   an empty database folder (finding 4)
#   X               a login that is not configured is told how an admin
#                   adds it: the configuration's path and the lines to add
#   the environment SEDESK_NOW, loader variables (LD_PRELOAD, LD_AUDIT,
#                   LD_LIBRARY_PATH), catalog injection (LANGUAGE with a
#                   path, LOCPATH, NLSPATH) and TERMINFO change nothing
#   file modes      0660 database files whatever the umask; 0600 backups
#   officer A       hidden cases and enterprises answer exactly like missing
#                   ones, on every command
#   manager M       the 13 writes are refused and change nothing; the TUI
#                   offers M no write key and never starts M's $EDITOR
#   make install    again, as an upgrade: configuration and data stay
. "$(dirname "$0")/common.sh"

mu_users c a m x

# --- finding 11: make install reads no path from the environment ---------------------------
# The program's own variables and the install directories, set in the
# environment of the administrator who runs make install.  Dry run: nothing
# is built or installed, make only prints what it would do.
ENVP=$T_DIR/env
_dry=$(cd "$REPO" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
    SEDESK_DB="$ENVP/db" SEDESK_ETC="$ENVP/etc" SEDESK_CONFIG="$ENVP/etc/x.ini" \
    SEDESK_USER=nobody BINDIR="$ENVP/bin" DATADIR="$ENVP/share" MANDIR="$ENVP/man" \
    PREFIX="$ENVP/prefix" SYSCONFDIR="$ENVP/sysconf" LOCALSTATEDIR="$ENVP/var" \
    DBDIR="$ENVP/dbdir" CONFDIR="$ENVP/confdir" \
    make -n install PREFIX="$P" SYSCONFDIR="$P/etc" LOCALSTATEDIR="$P/var" 2>&1)
unlike "make -n install: no path comes from the caller's environment" "$_dry" "$ENVP"
like "make -n install: the database goes to LOCALSTATEDIR/lib/sedesk" "$_dry" "$P/var/lib/sedesk"
like "make -n install: the binary goes to PREFIX/bin" "$_dry" "$P/bin/sedesk"

# The reproduction of the issue: SEDESK_DB set for testing while installing.
mu_install SEDESK_DB="$ENVP/db"
if [ ! -e "$ENVP/db" ]; then ok "make install with SEDESK_DB in the environment: nothing at \$SEDESK_DB"
else not_ok "make install with SEDESK_DB in the environment: nothing at \$SEDESK_DB" "$(ls -la "$ENVP/db")"; fi
is "the installed configuration names the database under LOCALSTATEDIR" \
    "$(sed -n 's/^path *= *//p' "$MU_CONF")" "$MU_DB"
if [ -f "$MU_DB/data.mdb" ]; then ok "the database was made in $MU_DB"
else not_ok "the database was made in $MU_DB" "$(ls -la "$MU_DB" 2>&1)"; fi

# --- finding 12: the installed configuration has no example people --------------------------
EX=$REPO/sedesk.ini.example
is "the installed configuration has one officer: root" \
    "$(grep -E '^\[officer:' "$MU_CONF" | tr '\n' ' ')" "[officer:root] "
is "… and root is its admin" \
    "$(sed -n '/^\[officer:root\]/,/^\[/ s/^role *= *//p' "$MU_CONF")" "admin"
for _p in ann bram chris els dina; do
	if grep -Eq "^\[officer:$_p\]|^name *= *.*$(sed -n "/^\[officer:$_p\]/,/^\[/ s/^name *= *//p" "$EX" | head -n 1)\$" "$MU_CONF"; then
		not_ok "the example's $_p is not in the installed configuration" "$(grep -n -A3 "$_p" "$MU_CONF")"
	else
		ok "the example's $_p is not in the installed configuration"
	fi
done
for _kind in department category rule; do
	is "the installed configuration has the example's ${_kind} sections" \
	    "$(grep -E "^\[$_kind:" "$MU_CONF" | tr '\n' ' ')" "$(grep -E "^\[$_kind:" "$EX" | tr '\n' ' ')"
done
is "the installed configuration keeps the example's holidays" \
    "$(sed -n '/^holidays/,/^$/p' "$MU_CONF")" "$(sed -n '/^holidays/,/^$/p' "$EX")"
rrun whoami --json
is "root is the admin of the installed configuration" \
    "$(printf '%s' "$OUT" | jq -r '.login + " " + .role' 2>/dev/null)" "root admin"
rrun officers --json
is "sedesk officers lists only root" "$(printf '%s' "$OUT" | jq -r '[.[].login] | join(",")' 2>/dev/null)" root

# A login that is not configured learns how an admin adds it.
urun "$U_x" whoami
rc_is "a login that is not configured is refused (exit 4)" 4
like "… the message starts as before" "$ERR" "^sedesk: user $U_x is not an officer"
like "… names the configuration file" "$ERR" "$MU_CONF"
like "… and the section to add" "$ERR" "\\[officer:$U_x\\]"
like "… with its role line" "$ERR" "role = "
like "… and its departments line" "$ERR" "departments = "
unlike "… and no data or raw controls" "$ERR" $'[\x01-\x08\x0b-\x1f]'

mu_officer "$U_c" contact
mu_officer "$U_a" officer eco
mu_officer "$U_m" manager

# --- finding 4: init is for an admin -------------------------------------------------------
txn_id() { mdb_stat -e "$MU_DB" 2>/dev/null | sed -n 's/^ *Last transaction ID: *//p'; }
_t0=$(txn_id)
for _u in "$U_a" "$U_m" "$U_c"; do
	urun "$_u" init
	rc_is "$_u: init on the shared database is refused (exit 4)" 4
	like "$_u: … the message says the role may not" "$ERR" "may not"
done
is "the refused inits wrote nothing (last transaction $_t0)" "$(txn_id)" "$_t0"

# On an empty database folder (a new server, or a lost database).
rm -f "$MU_DB"/*.mdb "$MU_DB"/writer.lock
for _u in "$U_a" "$U_m" "$U_c" "$U_x"; do
	urun "$_u" init
	rc_is "$_u: init on an empty database folder is refused (exit 4)" 4
	is "$_u: … and created nothing" "$(ls -A "$MU_DB")" ""
done
urun "$U_a" --db "$T_DIR/own-db" init
rc_is "A: --db DIR init is refused under setgid" 4
if [ ! -e "$T_DIR/own-db" ]; then ok "A: … and made no folder"
else not_ok "A: … and made no folder" "$(ls -la "$T_DIR/own-db")"; fi

# The admin's init makes files every member's process can use, whatever the umask.
(cd / && umask 077 && timeout "$MU_TIMEOUT" "$P/bin/sedesk" init) >/dev/null 2>"$T_DIR/.err"
RC=$?
rc_is "root (admin) initialises the empty folder under umask 077" 0
is "data.mdb: root:sedesk 0660 under umask 077" "$(stat -c '%U:%G %a' "$MU_DB/data.mdb")" "root:sedesk 660"
is "lock.mdb: root:sedesk 0660 under umask 077" "$(stat -c '%U:%G %a' "$MU_DB/lock.mdb")" "root:sedesk 660"
rrun init
rc_is "root (admin) runs init again on the database (exit 0)" 0

# --- data for the rest -----------------------------------------------------------------------
urun "$U_c" enterprise add --name "Kringloopcentrum De Schakel" --number 0403.170.701 --city Gent
need_rc0 "contact: enterprise add"
E1=$OUT
urun "$U_c" enterprise add --name "Buurtrestaurant Het Zout" --city Aalst
need_rc0 "contact: enterprise add"
E2=$OUT
urun "$U_c" case new --enterprise "$E1" --subject "Vraag over een startlening"
need_rc0 "contact: case new"
N1=$OUT
urun "$U_c" case new --enterprise "$E2" --subject "Subsidie voor de keuken"
need_rc0 "contact: case new"
N2=$OUT
urun "$U_c" case route "$N1" eco
need_rc0 "contact: case route $N1 eco"
urun "$U_c" case route "$N2" wel
need_rc0 "contact: case route $N2 wel"

# --- umask: files the program writes -------------------------------------------------------
urun "$U_a" case pickup "$N1" --dept eco
uexec "$U_a" sh -c "umask 077 && exec '$P/bin/sedesk' case note '$N1' 'onder umask 077'"
rc_is "A adds a note under umask 077" 0
is "data.mdb stays 0660 after A's write under umask 077" "$(stat -c '%G %a' "$MU_DB/data.mdb")" "sedesk 660"
is "lock.mdb stays 0660 after A's write under umask 077" "$(stat -c '%G %a' "$MU_DB/lock.mdb")" "sedesk 660"
mkdir -p "$T_DIR/backup"
(cd / && umask 000 && timeout "$MU_TIMEOUT" "$P/bin/sedesk" backup "$T_DIR/backup/b.mdb") >/dev/null 2>"$T_DIR/.err"
RC=$?
rc_is "root's backup under umask 000" 0
is "the backup file is 0600 under umask 000" "$(stat -c '%a' "$T_DIR/backup/b.mdb" 2>&1)" 600

# --- the environment: SEDESK_NOW ------------------------------------------------------------
urun "$U_c" SEDESK_NOW=2999-06-01T09:00:00Z case new --enterprise "$E1" --subject "Klok van de omgeving"
rc_is "contact: case new with SEDESK_NOW in the future" 0
like "SEDESK_NOW is ignored under setgid: the case has this year's number" "$OUT" "^$(date -u +%Y)-[0-9]{5}\$"
N3=$OUT

# --- the environment: loader variables --------------------------------------------------------
mkdir -p "$T_DIR/lib" "$T_DIR/out"
chmod 755 "$T_DIR/lib"
chmod 1777 "$T_DIR/out"
MARK=$T_DIR/out/loader.ran
cat >"$T_DIR/lib/mark.c" <<EOF
#include <fcntl.h>
#include <unistd.h>
__attribute__((constructor)) static void
mark(void)
{
	int fd = open("$MARK", O_WRONLY | O_CREAT | O_APPEND, 0666);
	if (fd >= 0) {
		write(fd, "ran\n", 4);
		close(fd);
	}
}
unsigned int la_version(unsigned int v) { return v; }
EOF
if gcc -shared -fPIC -o "$T_DIR/lib/mark.so" "$T_DIR/lib/mark.c" 2>"$T_DIR/.err"; then
	chmod 755 "$T_DIR/lib/mark.so"
	# The control: the library does run in a program that is not setgid.
	rm -f "$MARK"
	uexec "$U_a" env LD_PRELOAD="$T_DIR/lib/mark.so" /bin/true
	if [ -e "$MARK" ]; then ok "control: LD_PRELOAD runs the library in /bin/true"
	else not_ok "control: LD_PRELOAD runs the library in /bin/true" "$ERR"; fi
	for _var in LD_PRELOAD LD_AUDIT; do
		rm -f "$MARK"
		urun "$U_a" "$_var=$T_DIR/lib/mark.so" whoami --json
		rc_is "A: whoami with $_var set" 0
		if [ ! -e "$MARK" ]; then ok "A: $_var did not run in the setgid sedesk"
		else not_ok "A: $_var did not run in the setgid sedesk" "$(cat "$MARK")"; fi
	done
	# A folder with the library under the names of every library sedesk needs.
	mkdir -p "$T_DIR/lib/fake"
	chmod 755 "$T_DIR/lib/fake"
	for _so in $(objdump -p "$P/bin/sedesk" 2>/dev/null | sed -n 's/^ *NEEDED *//p'); do
		case $_so in libc.so*|ld-linux*) continue ;; esac
		cp "$T_DIR/lib/mark.so" "$T_DIR/lib/fake/$_so"
	done
	rm -f "$MARK"
	urun "$U_a" LD_LIBRARY_PATH="$T_DIR/lib/fake" whoami --json
	rc_is "A: whoami with LD_LIBRARY_PATH at fake libraries works" 0
	if [ ! -e "$MARK" ]; then ok "A: LD_LIBRARY_PATH was not used by the setgid sedesk"
	else not_ok "A: LD_LIBRARY_PATH was not used by the setgid sedesk" "$(cat "$MARK")"; fi
	rm -f "$MARK"
else
	not_ok "set-up: build a preload library" "$(cat "$T_DIR/.err")"
fi

# --- the environment: message catalogs and locale data -------------------------------------------
# Every translation of the real catalog prefixed with a marker, at a path a
# user controls.
FAKE=$T_DIR/fake
mkdir -p "$FAKE/nl/LC_MESSAGES" "$FAKE/xx_XX/LC_MESSAGES"
if msgfilter --keep-header -i "$REPO/share/locale/nl.po" -o "$FAKE/fake.po" \
    sed -e '0,/[^[:space:]]/s/[^[:space:]]/GEKAAPT &/' 2>"$T_DIR/.err" &&
    msgfmt -o "$FAKE/nl/LC_MESSAGES/sedesk.mo" "$FAKE/fake.po" 2>>"$T_DIR/.err"; then
	cp "$FAKE/nl/LC_MESSAGES/sedesk.mo" "$FAKE/xx_XX/LC_MESSAGES/sedesk.mo"
	chmod -R a+rX "$FAKE"
	UP=../../../../../../../../../../..
	# The control: a copy that is not setgid (run by root, who may read the
	# configuration) does load the fake catalog through such a LANGUAGE.
	cp "$P/bin/sedesk" "$T_DIR/lib/plain"
	(cd / && LANGUAGE="$UP$FAKE/nl" timeout "$MU_TIMEOUT" "$T_DIR/lib/plain" case show 2026-09999) \
	    >/dev/null 2>"$T_DIR/.err"
	like "control: a sedesk that is not setgid loads the fake catalog through LANGUAGE" \
	    "$(cat "$T_DIR/.err")" GEKAAPT
	urun "$U_a" LANGUAGE=nl case show 2026-09999
	like "control: LANGUAGE=nl gives the Dutch message" "$ERR" "bestaat niet"
	unlike "control: … from the real catalog" "$ERR" GEKAAPT
	for _env in "LANGUAGE=$UP$FAKE/nl" "LANGUAGE=$UP$FAKE/nl:nl" "LC_MESSAGES=$UP$FAKE/nl" \
	    "LC_ALL=$UP$FAKE/nl" "LANG=$UP$FAKE/nl" "LOCPATH=$FAKE" "NLSPATH=$FAKE/%L/LC_MESSAGES/%N.mo" \
	    "TEXTDOMAINDIR=$FAKE"; do
		urun "$U_a" "$_env" case show 2026-09999
		rc_is "A: $_env: case show of a missing case: exit 3" 3
		unlike "A: $_env: the fake catalog is not used" "$ERR$OUT" GEKAAPT
	done
	urun "$U_a" LOCPATH="$FAKE" LANG=xx_XX.UTF-8 LANGUAGE=xx_XX case show 2026-09999
	unlike "A: LOCPATH with LANG=xx_XX: the fake catalog is not used" "$ERR$OUT" GEKAAPT
else
	not_ok "set-up: a fake catalog" "$(cat "$T_DIR/.err")"
fi

# --- the environment: TERMINFO ---------------------------------------------------------------
mkdir -p "$T_DIR/ti"
if infocmp -x screen-256color 2>/dev/null | sed 's/^screen-256color|[^,]*,/sdtfake|fake terminal,/' \
    >"$T_DIR/ti/src" && tic -x -o "$T_DIR/ti" "$T_DIR/ti/src" 2>"$T_DIR/.err"; then
	chmod -R a+rX "$T_DIR/ti"
	uexec "$U_a" env TERMINFO="$T_DIR/ti" infocmp sdtfake
	rc_is "control: the fake terminal description is found with TERMINFO" 0
	# $HOME/.terminfo is read too: a home of A's choosing holds the entry.
	mkdir -p "$T_DIR/tihome/.terminfo"
	cp -R "$T_DIR/ti/." "$T_DIR/tihome/.terminfo/"
	chmod -R a+rX "$T_DIR/tihome"
	uexec "$U_a" env HOME="$T_DIR/tihome" infocmp sdtfake
	rc_is "control: the fake terminal description is found in \$HOME/.terminfo" 0
	for _var in TERMINFO TERMINFO_DIRS HOME; do
		_val=$T_DIR/ti
		[ "$_var" = HOME ] && _val=$T_DIR/tihome
		pane_start "ti$_var" sh -c 'cd / && exec runuser -u "$0" -- env TERM=sdtfake "$1"="$2" LANG=C.UTF-8 LANGUAGE=en "$3"' \
		    "$U_a" "$_var" "$_val" "$P/bin/sedesk"
		if wait_for 10 pane_exited "ti$_var"; then
			if [ "$(pane_status "ti$_var")" != 0 ] && ! pane_has "ti$_var" "Inbox"; then
				ok "A: $_var is not used by the setgid sedesk (no terminal sdtfake)"
			else
				not_ok "A: $_var is not used by the setgid sedesk" "$(pane "ti$_var")"
			fi
		else
			not_ok "A: $_var is not used by the setgid sedesk" "it started: $(pane "ti$_var")"
		fi
	done
else
	not_ok "set-up: a fake terminal description" "$(cat "$T_DIR/.err")"
fi

# --- officer A: hidden is the same as missing, on every command ------------------------------
# A gives the hidden case N2 and a missing number to each command; exit
# status and message must not differ except for the number.
MISSING=$(date -u +%Y)-09999
for _cmd in "case show NUM" "case show NUM --json" "case note NUM x" "case pickup NUM --dept eco" \
    "case answer NUM --dept eco --text x" "case decline NUM --dept eco --reason x" \
    "case suggest NUM" "case suggest NUM --json" "case edit NUM --subject x" "case wait NUM" \
    "case reopen NUM" "case close NUM --resolution x" "case route NUM eco"; do
	# shellcheck disable=SC2086
	urun "$U_a" ${_cmd//NUM/$N2}
	_hid="$RC|${OUT//$N2/NUM}|${ERR//$N2/NUM}"
	# shellcheck disable=SC2086
	urun "$U_a" ${_cmd//NUM/$MISSING}
	is "A: '$_cmd' answers alike for hidden $N2 and missing $MISSING" "$_hid" \
	    "$RC|${OUT//$MISSING/NUM}|${ERR//$MISSING/NUM}"
	unlike "A: '$_cmd' does not show the hidden subject" "$_hid" "Subsidie voor de keuken"
done
E_MISSING=00000000-0000-4000-8000-000000000000
for _cmd in "enterprise show ENT" "enterprise show ENT --json" "enterprise edit ENT --city x" \
    "case new --enterprise ENT --subject x"; do
	# shellcheck disable=SC2086
	urun "$U_a" ${_cmd//ENT/$E2}
	_hid="$RC|${ERR//$E2/ENT}"
	# shellcheck disable=SC2086
	urun "$U_a" ${_cmd//ENT/$E_MISSING}
	is "A: '$_cmd' answers alike for the hidden enterprise and a missing one" "$_hid" \
	    "$RC|${ERR//$E_MISSING/ENT}"
done
urun "$U_a" enterprise show 0403170701 --json
rc_is "A: enterprise show by the number of the eco case's enterprise" 0
for _q in "Het Zout" "Buurtrestaurant" "keuken" "$N2"; do
	urun "$U_a" search "$_q" --json
	is "A: search '$_q' finds nothing hidden" "$(printf '%s' "$OUT" | jq -r 'length' 2>/dev/null)" 0
done
urun "$U_a" inbox --json
is "A: inbox holds only $N1" "$(printf '%s' "$OUT" | jq -r '[.[].number] | join(" ")')" "$N1"
urun "$U_a" enterprise list --json
is "A: enterprise list holds only the eco case's enterprise" \
    "$(printf '%s' "$OUT" | jq -r '[.[].name] | join(",")')" "Kringloopcentrum De Schakel"

# --- manager M: the 13 writes are refused and change nothing ----------------------------------
printf 'name,city\nVia de manager,Gent\n' >"$T_DIR/out/m.csv"
chmod 644 "$T_DIR/out/m.csv"
_t0=$(txn_id)
_n=0
while IFS= read -r _cmd; do
	_n=$((_n + 1))
	# shellcheck disable=SC2086
	urun "$U_m" ${_cmd}
	rc_is "M (manager): '$_cmd' is refused (exit 4)" 4
	like "M: '$_cmd': the message names the role" "$ERR" "manager"
done <<EOF
enterprise add --name Manager-bv
enterprise edit $E1 --city Brugge
enterprise import $T_DIR/out/m.csv
case new --enterprise $E1 --subject Manager
case edit $N1 --subject Manager
case route $N1 wel
case note $N1 Manager
case pickup $N1 --dept eco
case answer $N1 --dept eco --text Manager
case decline $N1 --dept eco --reason Manager
case wait $N1
case reopen $N3
case close $N1 --resolution Manager
EOF
is "the manager's refused writes are 13" "$_n" 13
for _cmd in init "backup $T_DIR/out/m-backup.mdb" "check --repair" reindex; do
	# shellcheck disable=SC2086
	urun "$U_m" $_cmd
	rc_is "M (manager): '$_cmd' is refused (exit 4)" 4
done
is "the manager's refused commands wrote nothing (last transaction $_t0)" "$(txn_id)" "$_t0"
if [ ! -e "$T_DIR/out/m-backup.mdb" ]; then ok "M: no backup file was written"
else not_ok "M: no backup file was written" "$(ls -la "$T_DIR/out")"; fi

# --- manager M in the TUI: no write key, no editor --------------------------------------------
EDMARK=$T_DIR/out/editor.ran
cat >"$T_DIR/lib/editor.sh" <<EOF
#!/bin/sh
echo "\$(id -un) \$*" >>"$EDMARK"
echo "tekst van de editor" >"\$1"
EOF
chmod 755 "$T_DIR/lib/editor.sh"
rm -f "$EDMARK"
pane_start tuiM sh -c 'cd / && exec runuser -u "$0" -- env EDITOR="$1" VISUAL="$1" TERM=screen-256color LANG=C.UTF-8 LANGUAGE=en "$2"' \
    "$U_m" "$T_DIR/lib/editor.sh" "$P/bin/sedesk"
need_pane "M's TUI opens the inbox" 10 tuiM "Inbox"
if pane_has tuiM "n:new"; then
	not_ok "M's inbox status line offers no n:new" "$(pane tuiM)"
else ok "M's inbox status line offers no n:new"; fi
pane_keys tuiM n
expect_pane "M: n on the inbox says the role may not" 5 tuiM "may not"
if pane_has tuiM "Case form"; then
	not_ok "M: n opened no new-case form" "$(pane tuiM)"
	pane_keys tuiM Escape
	pane_wait 3 tuiM "Inbox"
else ok "M: n opened no new-case form"; fi
pane_open_case tuiM "$N1"
need_pane "M opens $N1" 5 tuiM "Case $N1"
for _k in n a d p e c w o R; do
	pane_keys tuiM "$_k"
	expect_pane "M: '$_k' on the case screen says the role may not" 5 tuiM "may not"
	if pane_has tuiM "Case $N1"; then ok "M: '$_k' opened nothing over the case"
	else not_ok "M: '$_k' opened nothing over the case" "$(pane tuiM)"; fi
	pane_keys tuiM r	# refresh: clears the message for the next key
	pane_wait 3 tuiM "refreshed."
done
if [ ! -e "$EDMARK" ]; then ok "M's \$EDITOR never ran"
else not_ok "M's \$EDITOR never ran" "$(cat "$EDMARK")"; fi
pane_leave_case tuiM "M's TUI ends with status 0"
is "M's TUI wrote nothing (last transaction)" "$(txn_id)" "$_t0"

# --- make install again (an upgrade): the configuration and the data stay ----------------------------
_conf=$(sha256sum <"$MU_CONF")
_t0=$(txn_id)
mu_install
is "a second make install keeps the configuration (and its officers)" "$(sha256sum <"$MU_CONF")" "$_conf"
is "a second make install does not run init on the database" "$(txn_id)" "$_t0"
urun "$U_a" case show "$N1" --json
is "after the second install A still reaches $N1" "$(printf '%s' "$OUT" | jq -r .number 2>/dev/null)" "$N1"

# --- and at the end ------------------------------------------------------------------------------
rrun check
rc_is "sedesk check is clean after all of it" 0
is "data.mdb: group sedesk, 0660" "$(stat -c '%G %a' "$MU_DB/data.mdb")" "sedesk 660"
is "lock.mdb: group sedesk, 0660" "$(stat -c '%G %a' "$MU_DB/lock.mdb")" "sedesk 660"
finish
