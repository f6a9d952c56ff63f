#!/bin/bash
# Real Unix users against a shared (setgid) install made by `make install`:
#   C  contact         creates cases; routes one to eco, one only to wel
#   A  officer of eco  sees the eco case, "not found" (exit 3) for the wel one
#                      on every path (show, note, pickup, list, search, inbox,
#                      the enterprise of that case)
#   B  officer of wel  the mirror image
#   X  a login that is not in the configuration: refused, no data
# None of them can read the data or the configuration directly; the
# environment and -c/--db do not change who they are or which database they
# reach; $EDITOR, run from the TUI's note action, runs without the group.
. "$(dirname "$0")/common.sh"

mu_users c a b x
mu_install
mu_officer "$U_c" contact
mu_officer "$U_a" officer eco
mu_officer "$U_b" officer wel

# --- the install as make install left it ---------------------------------------------
is "the binary is setgid sedesk" "$(stat -c '%G %A' "$P/bin/sedesk")" "sedesk -rwxr-sr-x"
is "the configuration is root:sedesk 0640" "$(stat -c '%U:%G %a' "$MU_CONF")" "root:sedesk 640"
is "the database directory is root:sedesk 2770" "$(stat -c '%U:%G %a' "$MU_DB")" "root:sedesk 2770"
for u in "$U_c" "$U_a" "$U_b" "$U_x"; do
	unlike "$u is not a member of group sedesk (id -Gn)" "$(id -Gn "$u")" '(^| )sedesk( |$)'
done
unlike "group sedesk lists no test user" "$(getent group sedesk | cut -d: -f4)" "sdt$$"

# --- identities --------------------------------------------------------------------------
urun "$U_c" whoami --json
rc_is "the contact runs sedesk (whoami)" 0
is "whoami: the contact is the contact" "$(printf '%s' "$OUT" | jq -r '.login + " " + .role')" "$U_c contact"
urun "$U_a" whoami --json
is "whoami: officer A is an officer of eco" \
    "$(printf '%s' "$OUT" | jq -r '.login + " " + .role + " " + (.departments | join(","))')" \
    "$U_a officer eco"
urun "$U_b" whoami --json
is "whoami: officer B is an officer of wel" \
    "$(printf '%s' "$OUT" | jq -r '.login + " " + .role + " " + (.departments | join(","))')" \
    "$U_b officer wel"

urun "$U_x" whoami
rc_is "a login that is not an officer is refused (exit 4)" 4
like "… with a message that says so" "$ERR" "^sedesk: user $U_x is not an officer"

# --- the contact creates and routes ------------------------------------------------------
urun "$U_c" enterprise add --name "Kringwinkel De Ark" --city Gent
need_rc0 "contact: enterprise add"
E1=$OUT
urun "$U_c" enterprise add --name "Zorgboerderij Het Veld" --city Leuven
need_rc0 "contact: enterprise add"
E2=$OUT
urun "$U_c" case new --enterprise "$E1" --subject "Startlening voor de herstelplaats"
need_rc0 "contact: case new"
N1=$OUT
urun "$U_c" case new --enterprise "$E2" --subject "Dagbesteding voor kwetsbare jongeren"
need_rc0 "contact: case new"
N2=$OUT
urun "$U_c" case route "$N1" eco
rc_is "the contact routes $N1 to eco" 0
urun "$U_c" case route "$N2" wel
rc_is "the contact routes $N2 only to wel" 0
rrun case show "$N1" --json
is "root (admin) sees $N1 routed to eco" "$(printf '%s' "$OUT" | jq -r '[.routes[].department] | join(",")')" eco
rrun case show "$N2" --json
is "root (admin) sees $N2 routed to wel" "$(printf '%s' "$OUT" | jq -r '[.routes[].department] | join(",")')" wel

# --- officer A: eco only ------------------------------------------------------------------
urun "$U_a" case show "$N1" --json
rc_is "A opens $N1 (routed to eco)" 0
is "A sees $N1's subject" "$(printf '%s' "$OUT" | jq -r .subject)" "Startlening voor de herstelplaats"
urun "$U_a" case show "$N2"
rc_is "A gets exit 3 for $N2 (routed only to wel)" 3
like "… with \"not found\" wording, as for a case that does not exist" "$ERR" "no case $N2"
MSG_HIDDEN=${ERR//$N2/NUM}
urun "$U_a" case show 2026-09999
is "the refusal for a hidden case equals the one for a missing case" "$MSG_HIDDEN" "${ERR//2026-09999/NUM}"
urun "$U_a" case show "$N2" --json
rc_is "A: case show $N2 --json: exit 3" 3
is "A: case show $N2 --json prints nothing" "$OUT" ""
urun "$U_a" case note "$N2" "nieuwsgierig"
rc_is "A: case note $N2: exit 3" 3
urun "$U_a" case pickup "$N2" --dept eco
rc_is "A: case pickup $N2 --dept eco (A's own department): exit 3" 3
urun "$U_a" case answer "$N2" --dept eco --text "x"
rc_is "A: case answer $N2 --dept eco: exit 3" 3
# Another department's route: refused (4) before the case is looked up, so
# the answer is the same whether the case exists or not.
urun "$U_a" case pickup "$N2" --dept wel
_hid="$RC ${ERR//$N2/NUM}"
urun "$U_a" case pickup 2026-09999 --dept wel
is "A: case pickup --dept wel answers alike for hidden $N2 and a missing case" "$_hid" "$RC ${ERR//2026-09999/NUM}"
urun "$U_a" case list --json
rc_is "A: case list" 0
is "A: case list holds $N1 and not $N2" "$(printf '%s' "$OUT" | jq -r '[.[].number] | sort | join(" ")')" "$N1"
urun "$U_a" case list --dept wel --json
is "A: case list --dept wel shows nothing" "$(printf '%s' "$OUT" | jq -r '[.[]?.number] | join(" ")' 2>/dev/null)" ""
urun "$U_a" inbox --json
rc_is "A: inbox" 0
is "A: the inbox holds $N1 and not $N2" "$(printf '%s' "$OUT" | jq -r '[.[].number] | join(" ")')" "$N1"
urun "$U_a" search herstelplaats --json
rc_is "A: search finds the eco case" 0
like "A: search herstelplaats lists $N1" "$OUT" "$N1"
urun "$U_a" search kwetsbare jongeren --json
unlike "A: search for the wel case's words does not list $N2" "$OUT" "$N2"
urun "$U_a" search "$N2" --json
unlike "A: search for the number $N2 does not list it" "$OUT" "$N2"
urun "$U_a" search "$N2"
unlike "A: search for the number $N2 (text) does not list it" "$OUT" "$N2"
urun "$U_a" enterprise show "$E1" --json
rc_is "A: enterprise show of the eco case's enterprise" 0
urun "$U_a" enterprise show "$E2"
rc_is "A: enterprise show of the enterprise that has only the wel case: exit 3" 3
urun "$U_a" enterprise list --json
is "A: enterprise list holds only the eco case's enterprise" \
    "$(printf '%s' "$OUT" | jq -r '[.[].name] | join(", ")')" "Kringwinkel De Ark"
urun "$U_a" search Zorgboerderij --json
is "A: search does not find the wel-only enterprise" \
    "$(printf '%s' "$OUT" | jq -r '[.[] | .kind + " " + .title] | join(", ")')" ""
urun "$U_a" case pickup "$N1" --dept eco
rc_is "A picks up $N1 for eco" 0

# --- officer B: the mirror image -------------------------------------------------------------
urun "$U_b" case show "$N2"
rc_is "B opens $N2 (routed to wel)" 0
urun "$U_b" case show "$N1"
rc_is "B gets exit 3 for $N1 (routed only to eco)" 3
urun "$U_b" inbox --json
is "B: the inbox holds $N2 and not $N1" "$(printf '%s' "$OUT" | jq -r '[.[].number] | join(" ")')" "$N2"
urun "$U_b" case list --json
is "B: case list holds $N2 and not $N1" "$(printf '%s' "$OUT" | jq -r '[.[].number] | join(" ")')" "$N2"

# --- the contact sees both ------------------------------------------------------------------
urun "$U_x" case list --json
rc_is "the login that is not an officer gets no case list (exit 4)" 4
is "… and no data" "$OUT" ""
urun "$U_c" case list --json
is "the contact's case list holds both" "$(printf '%s' "$OUT" | jq -r '[.[].number] | sort | join(" ")')" "$N1 $N2"

# --- no direct access -------------------------------------------------------------------------
for u in "$U_c" "$U_a" "$U_b" "$U_x"; do
	uexec "$u" cat "$MU_DB/data.mdb"
	if [ "$RC" -ne 0 ] && printf '%s' "$ERR" | grep -q "Permission denied"; then
		ok "$u: cat data.mdb: permission denied"
	else
		not_ok "$u: cat data.mdb: permission denied" "exit $RC; stderr: $ERR; $(printf '%s' "$OUT" | wc -c) bytes read"
	fi
	uexec "$u" cat "$MU_CONF"
	if [ "$RC" -ne 0 ] && printf '%s' "$ERR" | grep -q "Permission denied"; then
		ok "$u: cat sedesk.ini: permission denied"
	else
		not_ok "$u: cat sedesk.ini: permission denied" "exit $RC; stderr: $ERR; $(printf '%s' "$OUT" | wc -c) bytes read"
	fi
done
uexec "$U_a" mdb_stat -e "$MU_DB"
if [ "$RC" -ne 0 ]; then ok "A: mdb_stat on the database fails (exit $RC)"
else not_ok "A: mdb_stat on the database fails" "it printed: $OUT"; fi

# --- the environment and -c/--db change nothing under setgid ------------------------------------
urun "$U_a" SEDESK_USER="$U_c" whoami --json
is "SEDESK_USER=<contact> as A: whoami still says A, officer" \
    "$(printf '%s' "$OUT" | jq -r '.login + " " + .role')" "$U_a officer"
urun "$U_a" SEDESK_USER="$U_c" case show "$N2"
rc_is "SEDESK_USER=<contact> as A: $N2 stays hidden (exit 3)" 3
urun "$U_a" SEDESK_USER=root case close "$N1" --resolution "als beheerder"
rc_is "SEDESK_USER=root as A: closing is still refused (exit 4)" 4

# A configuration of A's own, in which A is the admin, with a database of A's own.
mkdir -p "$T_DIR/own"
cat >"$T_DIR/own/sedesk.ini" <<EOF
[database]
path = $T_DIR/own/db
[department:eco]
name = Eigen
[officer:$U_a]
role = admin
EOF
chown -R "$U_a" "$T_DIR/own"
urun "$U_a" SEDESK_CONFIG="$T_DIR/own/sedesk.ini" whoami --json
is "SEDESK_CONFIG=<A's own file>: ignored, A is still an officer" \
    "$(printf '%s' "$OUT" | jq -r '.login + " " + .role')" "$U_a officer"
urun "$U_a" XDG_CONFIG_HOME="$T_DIR/own" HOME="$T_DIR/own" whoami --json
is "XDG_CONFIG_HOME/HOME: ignored, A is still an officer" \
    "$(printf '%s' "$OUT" | jq -r '.login + " " + .role')" "$U_a officer"
urun "$U_a" SEDESK_DB="$T_DIR/own/db" case list --json
is "SEDESK_DB=<A's own dir>: ignored, the shared database answers" \
    "$(printf '%s' "$OUT" | jq -r '[.[].number] | join(" ")')" "$N1"
urun "$U_a" -c "$T_DIR/own/sedesk.ini" whoami
rc_is "-c FILE is refused (exit 4)" 4
like "-c: the message says why" "$ERR" "^sedesk: .*-c"
urun "$U_a" whoami -c "$T_DIR/own/sedesk.ini"
rc_is "-c FILE after the command is refused too (exit 4)" 4
urun "$U_a" --db "$T_DIR/own/db" case list
rc_is "--db DIR is refused (exit 4)" 4
like "--db: the message starts with sedesk:" "$ERR" "^sedesk: "
urun "$U_a" --db="$T_DIR/own/db" case list
rc_is "--db=DIR is refused (exit 4)" 4
if [ ! -e "$T_DIR/own/db/data.mdb" ]; then ok "nothing was created in A's own database directory"
else not_ok "nothing was created in A's own database directory" "$(ls -l "$T_DIR/own/db")"; fi

# --- $EDITOR from the TUI runs without the group --------------------------------------------------
mkdir -p "$T_DIR/bin" "$T_DIR/out"
chmod 755 "$T_DIR/bin" "$T_DIR/out"
NOTE_TEXT="Notitie van $U_a uit de editor ($$)"
printf '%s\n' "$NOTE_TEXT" >"$T_DIR/bin/note-text"
EDLOG=$T_DIR/out/editor.log
: >"$EDLOG"
chown "$U_a" "$EDLOG"
cat >"$T_DIR/bin/editor.sh" <<EOF
#!/bin/sh
# Records who runs it, then writes the note.
{
	echo "G=\$(id -G)"
	echo "g=\$(id -g)"
	echo "u=\$(id -un)"
	echo "file=\$(stat -c '%U %a' "\$1")"
} >>"$EDLOG"
cat "$T_DIR/bin/note-text" >"\$1"
EOF
chmod 755 "$T_DIR/bin/editor.sh"
chmod 644 "$T_DIR/bin/note-text"

pane_start tuiA sh -c 'cd / && exec runuser -u "$0" -- env EDITOR="$1" TERM=screen-256color LANG=C.UTF-8 LANGUAGE=en "$2"' \
    "$U_a" "$T_DIR/bin/editor.sh" "$P/bin/sedesk"
need_pane "A's TUI (setgid, via runuser) opens the inbox" 10 tuiA "Inbox"
expect_pane "A's TUI inbox lists $N1" 3 tuiA "$N1"
if pane_has tuiA "$N2"; then not_ok "A's TUI inbox does not list $N2" "$(pane tuiA)"
else ok "A's TUI inbox does not list $N2"; fi
pane_open_case tuiA "$N1"
need_pane "A opens $N1 in the TUI" 3 tuiA "Case $N1"
pane_keys tuiA n
expect_pane "n runs \$EDITOR and saves the note" 10 tuiA "note added."
is "the editor ran as A" "$(sed -n 's/^u=//p' "$EDLOG")" "$U_a"
_G=$(sed -n 's/^G=//p' "$EDLOG")
if [ -n "$_G" ] && [ -n "$SEDESK_GID" ] && ! printf ' %s ' "$_G" | grep -q " $SEDESK_GID "; then
	ok "the editor's id -G ($_G) lacks sedesk's gid $SEDESK_GID"
else
	not_ok "the editor's id -G lacks sedesk's gid $SEDESK_GID" "editor log: $(cat "$EDLOG")"
fi
is "the editor's id -g is A's own group" "$(sed -n 's/^g=//p' "$EDLOG")" "$(id -g "$U_a")"
is "the editor's file is A's, mode 600" "$(sed -n 's/^file=//p' "$EDLOG")" "$U_a 600"
rrun case show "$N1" --json
is "the note is saved in the journal, by A" \
    "$(printf '%s' "$OUT" | jq -r --arg t "$NOTE_TEXT" '[.journal[] | select(.kind == "note" and .text == $t) | .actor] | join(",")')" \
    "$U_a"
pane_leave_case tuiA "A's TUI ends with status 0"

# After everyone's writes the files still let every group member's process in.
is "data.mdb: group sedesk, rw for the group, nothing for others" \
    "$(stat -c '%G %A' "$MU_DB/data.mdb")" "sedesk -rw-rw----"
is "lock.mdb: group sedesk, rw for the group, nothing for others" \
    "$(stat -c '%G %A' "$MU_DB/lock.mdb")" "sedesk -rw-rw----"
finish
