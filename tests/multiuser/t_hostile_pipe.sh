#!/bin/bash
# The interface's | (issue 10) on the setgid install: the command a user
# pipes a text (an answer, a whole case) to is theirs to run, and gets
# nothing of sedesk's — no descriptor above 2 (the database, its lock, the
# configuration), not the group sedesk (real, effective, saved or
# supplementary), the caller's umask — only the text on its standard input.
# And s writes the case with the user's rights: their file, their group,
# their umask.
#   A  officer of eco  runs the TUI (umask 027) and pipes to a probe
#   C  contact         registers and routes the case
. "$(dirname "$0")/common.sh"

mu_users c a
mu_install
mu_officer "$U_c" contact
mu_officer "$U_a" officer eco

urun "$U_c" enterprise add --name "Repair Café Het Anker" --city Brugge
need_rc0 "contact: enterprise add"
E1=$OUT
urun "$U_c" case new --enterprise "$E1" --subject "Ruimte voor het herstelcafé" \
    --description "PIJP-VRAAG $$"
need_rc0 "contact: case new"
N1=$OUT
urun "$U_c" case route "$N1" eco
need_rc0 "contact: case route $N1 eco"

# The probe: what it inherited, and the text on its input.
PR=$T_DIR/probe
PRO=$PR/out		# A writes here
mkdir -p "$PRO"
chmod 755 "$PR"
chown "$U_a" "$PRO"
chmod 700 "$PRO"
cat >"$PR/probe.sh" <<EOF
#!/bin/sh
o=$PRO
readlink /proc/\$\$/fd/0 >"\$o/fd0"
cat >"\$o/stdin"
$(mu_probe_lines)
echo done >"\$o/ran"
EOF
chmod 755 "$PR/probe.sh"

pane_start tuiA sh -c 'cd / && exec runuser -u "$0" -- sh -c "umask 027; exec \"\$@\"" sh \
    env TERM=screen-256color LANG=C.UTF-8 LANGUAGE=en "$1"' "$U_a" "$P/bin/sedesk"
need_pane "A's TUI opens the inbox" 10 tuiA "Inbox"
pane_open_case tuiA "$N1"
need_pane "A opens $N1" 5 tuiA "Case $N1"

pane_keys tuiA '|'
need_pane "| asks for the command" 5 tuiA "Pipe to command"
pane_type tuiA "$PR/probe.sh"
pane_keys tuiA Enter
need_pane "the command runs; sedesk waits for Enter" 10 tuiA "Press Enter to return"
pane_keys tuiA Enter
expect_pane "back in sedesk: piped" 5 tuiA "piped to"
is "the probe ran" "$(cat "$PRO/ran" 2>/dev/null)" done
like "the probe read the case on its input" "$(cat "$PRO/stdin" 2>/dev/null)" "PIJP-VRAAG $$"
FDS=""
while read -r _n _fl _target; do
	[ "$_n" -gt 2 ] && [ $((8#${_fl:-0} & 8#2000000)) -eq 0 ] && FDS="$FDS $_n:$_target"
done <"$PRO/fds"
if [ -s "$PRO/fds" ] && [ -z "$FDS" ]; then ok "the piped command inherits no descriptor above 2"
else not_ok "the piped command inherits no descriptor above 2" "inherited:$FDS
all: $(cat "$PRO/fds" 2>&1)"; fi
like "…its input is the pipe from sedesk" "$(cat "$PRO/fd0")" "^pipe:"
is "the command reads nothing from descriptors 3-20" "$(stat -c %s "$PRO/read")" 0
_gid=$(sed -n 's/^Gid:[[:space:]]*//p' "$PRO/status" | tr -s '[:space:]' ' ' | sed 's/ $//')
_ag=$(id -g "$U_a")
is "the command's real, effective, saved and fs group are A's own ($_ag)" "$_gid" "$_ag $_ag $_ag $_ag"
_groups=$(sed -n 's/^Groups:[[:space:]]*//p' "$PRO/status")
unlike "the command's supplementary groups lack sedesk ($SEDESK_GID)" " $_groups " " $SEDESK_GID "
unlike "the command's id -G lacks sedesk ($SEDESK_GID)" " $(cat "$PRO/idG") " " $SEDESK_GID "
is "the command runs with the caller's umask (027)" "$(cat "$PRO/umask")" 0027

# s: the case written as A, not as the group.
pane_keys tuiA s
need_pane "s asks for a file name" 5 tuiA "Save to file"
pane_type tuiA "$PRO/case.txt"
pane_keys tuiA Enter
expect_pane "s saves the case" 5 tuiA "saved to"
is "the saved file is A's, in A's group, with A's umask (027: 640)" \
    "$(stat -c '%U %g %a' "$PRO/case.txt" 2>&1)" "$U_a $_ag 640"
like "…and holds the case" "$(cat "$PRO/case.txt")" "PIJP-VRAAG $$"
# A folder only the group may write: A's own rights do not reach it.
GRP=$T_DIR/grp
mkdir -p "$GRP"
chgrp sedesk "$GRP"
chmod 770 "$GRP"
pane_keys tuiA s
need_pane "s asks again" 5 tuiA "Save to file"
pane_type tuiA "$GRP/case.txt"
pane_keys tuiA Enter
expect_pane "s into a folder only the group may write: refused" 5 tuiA "cannot write"
is "…nothing was written there" "$(ls -A "$GRP")" ""

pane_leave_case tuiA "A's TUI ends normally"

# case export -o on the setgid install: the same rights as s.
uexec "$U_a" sh -c "umask 027; exec $P/bin/sedesk case export $N1 -o $PRO/export.txt"
rc_is "A: case export -o" 0
is "export's file is A's, in A's group, with A's umask (640)" \
    "$(stat -c '%U %g %a' "$PRO/export.txt" 2>&1)" "$U_a $_ag 640"
uexec "$U_a" sh -c "exec $P/bin/sedesk case export $N1 -o $GRP/export.txt"
rc_is "A: case export -o into a folder only the group may write: refused" 1
is "…nothing was written there" "$(ls -A "$GRP")" ""
finish
