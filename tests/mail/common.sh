# Shared set-up for the mail suites (sourced by tests/mail/t_*.sh): root
# only, like the multi-user suites.  A temporary folder (removed on exit), a
# private Postfix in it (tests/mail/postfix.sh, stopped on exit, whatever
# happened; under tests/mail/run the one instance of the whole run, emptied
# first), a copy of the fixture whose [mail] sendmail is that instance's,
# and the CLI helpers:
#
#   run USER ARG…          runs $SEDESK_BIN as USER; sets RC, OUT, ERR
#   hdr FILE NAME          the (unfolded, raw) value of header NAME in FILE
#   mail_to ADDR           the delivered files for ADDR (Delivered-To), oldest first
#
# shellcheck shell=bash
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/postfix.sh"

if [ "$(id -u)" != 0 ]; then
	echo "ok - the mail tests need root (a private Postfix); not run as uid $(id -u)"
	exit 0
fi
sedesk_bin

t_tmpdir mail
chmod 755 "$T_DIR"
mail_cleanup() { pf_stop; rm -rf "$T_DIR"; }
trap mail_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

unset SEDESK_DB SEDESK_USER SEDESK_CONFIG VISUAL EDITOR
export HOME=$T_DIR/home XDG_CONFIG_HOME=$T_DIR/xdg
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
export LC_ALL=C.UTF-8 LANGUAGE=en LANG=C.UTF-8 NO_COLOR=1

[ -e /etc/postfix/main.cf ] && PF_HAD_MAINCF=1
if [ "${PF_SHARED:-}" = 1 ] && [ "$(basename "$0")" != t_harness.sh ]; then
	# tests/mail/run's instance: this suite starts from an empty queue and Maildir.
	postsuper -c "$PF_CONF" -d ALL >/dev/null 2>&1
	pf_clear
else
	PF_SHARED=
	if ! pf_install; then
		not_ok "Postfix is installed (make build/.deps-check)"
		finish
	fi
	if ! pf_start "$T_DIR/pf"; then
		not_ok "the private Postfix instance starts" "$(cat "$PF_LOG" 2>/dev/null)"
		finish
	fi
fi

export SEDESK_CONFIG=$T_DIR/sedesk.ini
fixture_ini "$SEDESK_CONFIG"
export SEDESK_NOW=2026-03-02T09:00:00Z

run() {	# run USER ARG…
	local user=$1; shift
	OUT=$(SEDESK_USER=$user "$SEDESK_BIN" "$@" 2>"$T_DIR/.err" <"${RUN_STDIN:-/dev/null}")
	RC=$?
	ERR=$(cat "$T_DIR/.err")
}

# The raw value of header NAME in FILE (continuation lines joined).
hdr() {
	awk -v want="$(printf '%s' "$2" | tr 'A-Z' 'a-z')" '
		/^$/ { exit }
		/^[ \t]/ { if (on) v = v $0; next }
		{ if (on) { print v; found = 1; exit }
		  i = index($0, ":"); n = tolower(substr($0, 1, i - 1));
		  on = (n == want); if (on) v = substr($0, i + 2) }
		END { if (on && !found) print v }' "$1"
}

mail_to() {	# mail_to ADDR
	local f
	for f in $(pf_files); do
		[ "$(hdr "$f" Delivered-To)" = "$1" ] && echo "$f"
	done
	return 0
}

# The desk of the mail suites: the fixture with mail on, sent through the
# private Postfix, and addresses for some of its people:
#   ann  contact, owner of the cases   each, English (the desk's)
#   bram officer of eco                each, Dutch
#   els  officer of eco and wel        digest
#   chris officer of wel               none
#   gert contact                       no address
# Names and the eco department carry accents, for RFC 2047.
mail_desk() {
	ini_set "$SEDESK_CONFIG" mail from "desk@example.be"
	ini_set "$SEDESK_CONFIG" mail sendmail "$PF_SENDMAIL"
	ini_set "$SEDESK_CONFIG" mail timeout 10
	ini_set "$SEDESK_CONFIG" department:eco name "Économie & Ondernemen"
	ini_set "$SEDESK_CONFIG" officer:ann email "ann@example.be"
	ini_set "$SEDESK_CONFIG" officer:bram email "bram@example.be"
	ini_set "$SEDESK_CONFIG" officer:bram name "Bram Désiré De Smet"
	ini_set "$SEDESK_CONFIG" officer:bram language nl
	ini_set "$SEDESK_CONFIG" officer:els email "els@example.be"
	ini_set "$SEDESK_CONFIG" officer:els mail digest
	ini_set "$SEDESK_CONFIG" officer:chris email "chris@example.be"
	ini_set "$SEDESK_CONFIG" officer:chris mail none
	run root init
	need_rc0 "sedesk init"
	run ann enterprise add --name "Café De Zon"
	need_rc0 "an enterprise"
	ENT=$OUT
}

# A new case of ENT owned by ann; prints its number.
new_case() {	# new_case SUBJECT
	SEDESK_USER=ann "$SEDESK_BIN" case new --enterprise "$ENT" --subject "$1" 2>/dev/null
}

mf() { python3 "$(dirname "$0")/mailfield.py" "$@"; }
