#!/bin/bash
# Incoming mail on the setgid install (issue 16): who may use
# `sedesk mailgate` and what its parser gets.
#   M  the MTA's Unix user ([mail] gate_unix_users), no officer
#   C  a contact point
#   O  another local user, no officer
# - the parser child (sedesk-mailparse, replaced by a probe that runs it)
#   has no descriptor above 2 and not the group sedesk (real, effective,
#   saved, supplementary), and only the message on its input;
# - C and O, though they run the same setgid program, cannot use mailgate
#   (exit 77, nothing stored), nor can $SEDESK_USER make them the gate;
# - C's `case attachment save` writes with C's rights only: not into the
#   database folder (group sedesk), not into O's folder, not through a
#   symbolic link; a saved file is C's own, with C's group and umask.
. "$(dirname "$0")/common.sh"
MAIL=$REPO/tests/data/mail

mu_users m c o
mu_install
mu_officer "$U_c" contact
mu_officer mailgate gate
ini_set "$MU_CONF" mail gate_user mailgate
ini_set "$MU_CONF" mail gate_unix_users "$U_m"
rrun enterprise add --name "Café De Kroon" --email info@dekroon.be \
	--person "name=An Peeters;email=an.peeters@dekroon.be"
need_rc0 "admin: enterprise add"

# mgate USER [VAR=VALUE…] FILE: the message on stdin, as the MTA gives it.
mgate() {
	local u=$1 f=${*: -1}
	shift
	local envs=("${@:1:$#-1}")
	(cd / && timeout "$MU_TIMEOUT" runuser -u "$u" -- env LANG=C.UTF-8 LANGUAGE=en \
	    "${envs[@]}" "$P/bin/sedesk" mailgate) <"$f" >"$T_DIR/.out" 2>"$T_DIR/.err"
	RC=$?
	OUT=$(cat "$T_DIR/.out")
	ERR=$(cat "$T_DIR/.err")
}
ncases() { rrun case list --json --limit 1000; printf '%s' "$OUT" | jq length; }

# --- the parser child --------------------------------------------------------------
PARSER=$P/lib/sedesk/sedesk-mailparse
if [ ! -x "$PARSER" ]; then
	not_ok "set-up: make install put the parser at $PARSER"
	finish
fi
mv "$PARSER" "$PARSER.real"
MU_EXTRA_CLEANUP+=("[ -e '$PARSER.real' ] && mv -f '$PARSER.real' '$PARSER'")
PRO=$T_DIR/probe
mkdir -p "$PRO"
chown "$U_m" "$PRO"
chmod 700 "$PRO"
{
	echo '#!/bin/sh'
	echo "o=$PRO"
	echo 'readlink /proc/$$/fd/0 >"$o/fd0"'
	mu_probe_lines
	echo "exec \"$PARSER.real\" \"\$@\""
} >"$PARSER"
chmod 755 "$PARSER"

mgate "$U_m" "$MAIL/thunderbird.eml"
rc_is "the MTA's user: mailgate stores the message (exit 0)" 0
like "it prints the new case" "$OUT" '^2026-[0-9]{5}$'
N1=$OUT
FDS=""
while read -r _n _fl _target; do
	[ "$_n" -gt 2 ] && [ $((8#${_fl:-0} & 8#2000000)) -eq 0 ] && FDS="$FDS $_n:$_target"
done <"$PRO/fds"
if [ -s "$PRO/fds" ] && [ -z "$FDS" ]; then ok "the parser child inherits no descriptor above 2"
else not_ok "the parser child inherits no descriptor above 2" "inherited:$FDS
all: $(cat "$PRO/fds" 2>&1)"; fi
is "the parser reads nothing from descriptors 3-20" "$(stat -c %s "$PRO/read" 2>&1)" 0
unlike "its input is the MTA's message, not the database" "$(cat "$PRO/fd0")" "sedesk|\\.mdb"
_gid=$(sed -n 's/^Gid:[[:space:]]*//p' "$PRO/status" | tr -s '[:space:]' ' ' | sed 's/ $//')
_mg=$(id -g "$U_m")
is "the parser's real, effective, saved and fs group are M's own ($_mg)" "$_gid" \
	"$_mg $_mg $_mg $_mg"
_groups=$(sed -n 's/^Groups:[[:space:]]*//p' "$PRO/status")
unlike "the parser's supplementary groups lack sedesk ($SEDESK_GID)" " $_groups " " $SEDESK_GID "
mv -f "$PARSER.real" "$PARSER"
rrun case show "$N1" --json
is "the case is the gate's, with its attachment" \
	"$(printf '%s' "$OUT" | jq -r '.owner + " " + .attachments[0].name')" "mailgate terrasplan.pdf"

# --- who may run it ------------------------------------------------------------------
before=$(ncases)
for who in c o; do
	u=U_$who
	mgate "${!u}" "$MAIL/outlook-html.eml"
	rc_is "$who (${!u}), not the MTA's user: mailgate refused (exit 77)" 77
	like "$who: the message says who may" "$ERR" "may not run sedesk mailgate"
	mgate "${!u}" SEDESK_USER="$U_m" "$MAIL/outlook-html.eml"
	rc_is "$who: \$SEDESK_USER=$U_m does not make them the MTA's user" 77
done
is "nothing was stored by them" "$(ncases)" "$before"
urun "$U_o" SEDESK_USER=mailgate inbox
rc_is "O, no officer, is refused with SEDESK_USER=mailgate too (exit 4)" 4
urun "$U_c" SEDESK_USER=mailgate case note "$N1" "als gate"
_rc=$RC
rrun case show "$N1" --json
is "C's \$SEDESK_USER=mailgate is ignored: the note is C's own" \
	"$_rc $(printf '%s' "$OUT" | jq -r '.journal | last | .actor')" "0 $U_c"

# --- saving an attachment with the user's rights ---------------------------------------
urun "$U_c" case attachment save "$N1" 1 "$MU_DB/evil.pdf"
rc_is "C may not save into the database folder (group sedesk's)" 2
like "the message says why" "$ERR" "cannot write"
if [ ! -e "$MU_DB/evil.pdf" ]; then ok "no file in the database folder"
else not_ok "no file in the database folder" "$(ls -l "$MU_DB/evil.pdf")"; fi
OD=$T_DIR/o-only
mkdir -p "$OD"
chown "$U_o" "$OD"
chmod 700 "$OD"
urun "$U_c" case attachment save "$N1" 1 "$OD/x.pdf"
rc_is "C may not save into O's folder" 2
if [ ! -e "$OD/x.pdf" ]; then ok "no file in O's folder"; else not_ok "no file in O's folder"; fi
CD=$T_DIR/c-home
mkdir -p "$CD"
chown "$U_c" "$CD"
chmod 700 "$CD"
(cd / && runuser -u "$U_c" -- sh -c 'umask 027; exec "$@"' sh env LANG=C.UTF-8 LANGUAGE=en \
    "$P/bin/sedesk" case attachment save "$N1" 1 "$CD/plan.pdf") >"$T_DIR/.out" 2>"$T_DIR/.err"
RC=$?
rc_is "C saves into C's own folder" 0
is "the file is C's, with C's group, and C's umask (027)" \
	"$(stat -c '%U %G %a' "$CD/plan.pdf" 2>&1)" "$U_c $(id -gn "$U_c") 640"
ln -s "$T_DIR/target" "$CD/link.pdf"
urun "$U_c" case attachment save "$N1" 1 "$CD/link.pdf"
rc_is "a symbolic link is not followed" 2
if [ ! -e "$T_DIR/target" ]; then ok "nothing written through the link"
else not_ok "nothing written through the link"; fi
finish
