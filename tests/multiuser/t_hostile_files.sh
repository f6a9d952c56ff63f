#!/bin/bash
# Hostile users against files and programs (issue 9: findings 1, 3, 5, 7).
# Real Unix users on a setgid install made by `make install`:
#   C  contact        imports enterprises (a group-only CSV: refused)
#   A  officer of eco  runs the TUI with a hostile $EDITOR: it looks for
#                      inherited descriptors (3–20), the group (real,
#                      effective, saved, supplementary) and the umask, and
#                      replaces its temporary file with a symlink to the
#                      configuration, a file of someone else, a FIFO; saves
#                      by rename (that must keep working).  From the CLI:
#                      --text-file naming group-only files
#   B  officer of wel  owns the file A's editor slips in
#   D  admin, not root backup into the database directory (also through a
#                      symlink and ".."), into a folder only the group can
#                      write, into the home (works, 0600, D's); restore from
#                      a group-only file (refused) and from D's own backup
# After each attack: `sedesk check` is clean and the database holds nothing
# it should not (an mdb_dump digest, or each case's journal for the TUI).
. "$(dirname "$0")/common.sh"

for _tool in mdb_dump sha256sum mkfifo; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		not_ok "$_tool is installed (apt-get install lmdb-utils coreutils)"
		finish
	fi
done

mu_users c a b d
mu_install
mu_officer "$U_c" contact
mu_officer "$U_a" officer eco
mu_officer "$U_b" officer wel
mu_officer "$U_d" admin
H_a=$T_DIR/home/$U_a
H_c=$T_DIR/home/$U_c
H_d=$T_DIR/home/$U_d

# A digest of every table's content (the map size aside).  With the
# program's umask: after a restore mdb_dump may be the one making lock.mdb.
db_digest() {
	local d
	if d=$(umask 007 && mdb_dump -a "$MU_DB" 2>&1) && [ -n "$d" ]; then
		printf '%s\n' "$d" | grep -v '^mapsize=' | sha256sum | cut -d' ' -f1
	else
		echo "unreadable-$RANDOM$RANDOM"
	fi
}
# One assertion: root's `sedesk check` finds no problem.
check_clean() {	# check_clean DESC
	local rc out err
	rrun check
	rc=$RC out=$OUT err=$ERR
	RC=$rc OUT=$out ERR=$err
	is "$1: sedesk check is clean" "$rc/$out" "0/no problems found."
}
# Two assertions: check is clean and the data is what it was.
unchanged() {	# unchanged DESC DIGEST
	local got
	got=$(db_digest)
	is "$1: the database is unchanged" "$got" "$2"
	check_clean "$1"
}
jn() {	# jn CASE: the number of notes in CASE's journal (root's view)
	rrun case show "$1" --json
	printf '%s' "$OUT" | jq '[.journal[] | select(.kind == "note")] | length'
}
# Every case's journal, and the enterprises, as root sees them.
view_of() {	# view_of CASE…
	local n
	rrun enterprise list --json
	printf '%s\n' "$OUT"
	for n in "$@"; do
		rrun case show "$n" --json
		printf '%s\n' "$OUT"
	done
}

urun "$U_c" enterprise add --name "Repair Café Het Anker" --city Brugge
need_rc0 "contact: enterprise add"
E1=$OUT
urun "$U_c" case new --enterprise "$E1" --subject "Ruimte voor het herstelcafé"
need_rc0 "contact: case new"
N1=$OUT
urun "$U_c" case new --enterprise "$E1" --subject "Vertrouwelijk dossier voor welzijn"
need_rc0 "contact: case new"
N2=$OUT
urun "$U_c" case route "$N1" eco
need_rc0 "contact: case route $N1 eco"
urun "$U_c" case route "$N2" wel
need_rc0 "contact: case route $N2 wel"
# A text only the group can read, in a folder everyone can enter.
PUB=$T_DIR/pub
mkdir -p "$PUB"
chmod 755 "$PUB"
SECRET=$PUB/secret.csv
printf 'GEHEIM-kolom-%s,name\nx,y\n' "$$" >"$SECRET"
chgrp sedesk "$SECRET"
chmod 640 "$SECRET"

# --- finding 1 and 7: what the editor inherits ---------------------------------------------
# One hostile editor; what it does is in $ED/mode, the text it saves in $ED/text.
ED=$T_DIR/ed
EDO=$T_DIR/ed/out	# A writes here
mkdir -p "$EDO" "$T_DIR/shared"
chmod 755 "$ED"
chown "$U_a" "$EDO"
chmod 700 "$EDO"
# A folder A may rename out of (not sticky) holding a file of B's that A can read.
chmod 777 "$T_DIR/shared"
cat >"$ED/editor.sh" <<EOF
#!/bin/sh
o=$EDO
mode=\$(cat $ED/mode)
case \$mode in
probe)
	# ls is a child: it lists this shell's descriptors as they came.
	# With each one's flags: the shell's own (on this script) are
	# close-on-exec, which nothing inherited across an exec can be.
$(mu_probe_lines)
	cat $ED/text >"\$1"
	;;
symlink)
	rm -f "\$1" && ln -s $MU_CONF "\$1"
	;;
rename)	# as Emacs and vim with some settings do
	cat $ED/text >"\$1.new" && mv "\$1.new" "\$1"
	;;
other)
	mv $T_DIR/shared/bfile "\$1"
	stat -c %U "\$1" >"\$o/owner"
	;;
fifo)
	rm -f "\$1" && mkfifo "\$1"
	;;
nul)
	printf 'EDNOTE voor\\000na\\n' >"\$1"
	;;
esac
echo "\$mode" >>"\$o/ran"
EOF
chmod 755 "$ED/editor.sh"
ed_mode() {	# ed_mode MODE [TEXT]
	echo "$1" >"$ED/mode"
	printf '%s\n' "${2:-}" >"$ED/text"
	chmod 644 "$ED/mode" "$ED/text"
}
ran_count() { grep -c . "$EDO/ran" 2>/dev/null || echo 0; }
ran_more() { [ "$(ran_count)" -gt "$1" ]; }

VIEW_N2=$(view_of "$N2")
NOTES=$(jn "$N1")
ed_mode probe "EDNOTE probe $$"
# The caller's umask is 027: the editor must see that, not the program's 007.
pane_start tuiA sh -c 'cd / && exec runuser -u "$0" -- sh -c "umask 027; exec \"\$@\"" sh \
    env EDITOR="$1" TERM=screen-256color LANG=C.UTF-8 LANGUAGE=en "$2"' \
    "$U_a" "$ED/editor.sh" "$P/bin/sedesk"
need_pane "A's TUI opens the inbox" 10 tuiA "Inbox"
pane_open_case tuiA "$N1"
need_pane "A opens $N1" 5 tuiA "Case $N1"

R0=$(ran_count)
pane_keys tuiA n
if wait_for 10 ran_more "$R0"; then ok "n runs the probing editor"
else not_ok "n runs the probing editor" "$(pane tuiA)"; fi
expect_pane "the probe's note is saved" 10 tuiA "note added."
# The editor's descriptors above 2 that it did not open itself.
FDS=""
while read -r _n _fl _target; do
	[ "$_n" -gt 2 ] && [ $((8#${_fl:-0} & 8#2000000)) -eq 0 ] && FDS="$FDS $_n:$_target"
done <"$EDO/fds"
if [ -s "$EDO/fds" ] && [ -z "$FDS" ]; then ok "the editor inherits no descriptor above 2"
else not_ok "the editor inherits no descriptor above 2" "inherited:$FDS
all: $(cat "$EDO/fds" 2>&1)"; fi
is "the editor reads nothing from descriptors 3-20" "$(stat -c %s "$EDO/read")" 0
_gid=$(sed -n 's/^Gid:[[:space:]]*//p' "$EDO/status" | tr -s '[:space:]' ' ' | sed 's/ $//')
_ag=$(id -g "$U_a")
is "the editor's real, effective, saved and fs group are A's own ($_ag)" "$_gid" "$_ag $_ag $_ag $_ag"
_groups=$(sed -n 's/^Groups:[[:space:]]*//p' "$EDO/status")
unlike "the editor's supplementary groups lack sedesk ($SEDESK_GID)" " $_groups " " $SEDESK_GID "
unlike "the editor's id -G lacks sedesk ($SEDESK_GID)" " $(cat "$EDO/idG") " " $SEDESK_GID "
is "the editor runs with the caller's umask (027)" "$(cat "$EDO/umask")" 0027
is "one note more on $N1" "$(jn "$N1")" $((NOTES + 1))
rrun case show "$N1" --json
is "… the probe's text, by A" "$(printf '%s' "$OUT" | jq -r '.journal | last | "\(.kind) \(.actor) \(.text)"')" \
    "note $U_a EDNOTE probe $$"
is "the other case and the enterprises are unchanged" "$(view_of "$N2")" "$VIEW_N2"
check_clean "after the probing editor"

# --- finding 3: the editor's result ----------------------------------------------------------
ed_mode symlink
NOTES=$(jn "$N1")
R0=$(ran_count)
pane_keys tuiA n
wait_for 10 ran_more "$R0"
expect_pane "an editor that leaves a symlink to the configuration: nothing saved" 10 tuiA \
    "cannot read the edited text"
is "… no note added" "$(jn "$N1")" "$NOTES"
rrun case show "$N1" --json
unlike "… the configuration is not in the journal" "$OUT" 'officer:|departments *='
is "… the other case and the enterprises are unchanged" "$(view_of "$N2")" "$VIEW_N2"
check_clean "after the symlinking editor"

ed_mode rename "EDNOTE saved by rename $$"
R0=$(ran_count)
pane_keys tuiA n
wait_for 10 ran_more "$R0"
expect_pane "an editor that saves by writing a new file and renaming it: saved" 10 tuiA "note added."
is "… one note more" "$(jn "$N1")" $((NOTES + 1))
rrun case show "$N1" --json
is "… with the renamed file's text" "$(printf '%s' "$OUT" | jq -r '.journal | last | .text')" \
    "EDNOTE saved by rename $$"
NOTES=$((NOTES + 1))

printf 'EDNOTE the text of %s\n' "$U_b" >"$T_DIR/shared/bfile"
# sedesk (as A) cannot remove B's file from the sticky /tmp; the suite does
# (and what A's editor left, should a failing sedesk have left anything).
MU_EXTRA_CLEANUP+=("find /tmp -maxdepth 1 -name 'sedesk-??????*' \\( -user '$U_b' -o -user '$U_a' \\) -delete")
chown "$U_b" "$T_DIR/shared/bfile"
chmod 644 "$T_DIR/shared/bfile"
ed_mode other
R0=$(ran_count)
pane_keys tuiA n
wait_for 10 ran_more "$R0"
is "set-up: the editor put B's file in its place" "$(cat "$EDO/owner" 2>/dev/null)" "$U_b"
expect_pane "a file owned by someone else as the result: refused" 10 tuiA "no longer a file of yours"
is "… no note added" "$(jn "$N1")" "$NOTES"
rrun case show "$N1" --json
unlike "… B's text is not in the journal" "$OUT" "the text of $U_b"

ed_mode nul
R0=$(ran_count)
pane_keys tuiA n
wait_for 10 ran_more "$R0"
expect_pane "a text with a NUL byte: refused" 10 tuiA "holds a NUL byte"
is "… no note added" "$(jn "$N1")" "$NOTES"

# An answer through the same editor, saved by rename.
pane_keys tuiA p
expect_pane "A picks up $N1 for eco" 5 tuiA "picked up"
ed_mode rename "EDANSWER by rename $$"
R0=$(ran_count)
pane_keys tuiA a
wait_for 10 ran_more "$R0"
expect_pane "the answer editor saves by rename: answered" 10 tuiA "✓ answered"
rrun case show "$N1" --json
is "… the answer is the renamed file's text" \
    "$(printf '%s' "$OUT" | jq -r '.routes[] | select(.department == "eco") | .answer')" \
    "EDANSWER by rename $$"

# Last: the old code hangs on a FIFO.
ed_mode fifo
NOTES=$(jn "$N1")
R0=$(ran_count)
pane_keys tuiA n
wait_for 10 ran_more "$R0"
expect_pane "an editor that leaves a FIFO: refused, without hanging" 10 tuiA \
    "no longer a file of yours"
is "… no note added" "$(jn "$N1")" "$NOTES"
is "… the other case and the enterprises are unchanged" "$(view_of "$N2")" "$VIEW_N2"
pane_leave_case tuiA "A's TUI ends with status 0"
unlike "no temporary file of the editor is left in /tmp (owned by A)" \
    "$(find /tmp -maxdepth 1 -name 'sedesk-??????*' -user "$U_a" 2>/dev/null)" .
check_clean "after the editors"

# --- finding 3: --text-file and import name group-only files ---------------------------------
D0=$(db_digest)
urun "$U_a" case note "$N1" --text-file "$MU_CONF"
rc_is "A: case note --text-file <the group-only configuration>: refused (exit 2)" 2
like "… says it cannot read it" "$ERR" "^sedesk: cannot read $MU_CONF: Permission denied"
unlike "… and quotes none of it" "$ERR$OUT" 'officer:|departments *='
unchanged "--text-file on the configuration" "$D0"

urun "$U_a" case note "$N1" --text-file "$MU_DB/data.mdb"
_exists="$RC ${ERR//data.mdb/X}"
urun "$U_a" case note "$N1" --text-file "$MU_DB/no-such-file"
is "--text-file inside the database folder answers alike whether the file exists or not" \
    "$_exists" "$RC ${ERR//no-such-file/X}"
is "… refused (exit 2)" "$RC" 2
unchanged "--text-file in the database folder" "$D0"

mkfifo "$PUB/fifo"
chmod 666 "$PUB/fifo"
urun "$U_a" case note "$N1" --text-file "$PUB/fifo"
if [ "$RC" -ne 0 ] && [ "$RC" -ne 124 ]; then ok "--text-file on a FIFO without a writer ends, refused ($RC)"
else not_ok "--text-file on a FIFO without a writer ends, refused" "exit $RC: $ERR"; fi
unchanged "--text-file on a FIFO" "$D0"

printf 'EDNOTE uit een eigen bestand %s\n' "$$" >"$H_a/note.txt"
chown "$U_a" "$H_a/note.txt"
chmod 600 "$H_a/note.txt"
urun "$U_a" case note "$N1" --text-file "$H_a/note.txt"
rc_is "A: --text-file on A's own file (0600) works" 0
rrun case show "$N1" --json
is "… the note holds the file's text" "$(printf '%s' "$OUT" | jq -r '.journal | last | .text')" \
    "EDNOTE uit een eigen bestand $$"
(cd / && printf 'EDNOTE uit stdin %s\n' "$$" | timeout "$MU_TIMEOUT" runuser -u "$U_a" -- \
    env LANG=C.UTF-8 LANGUAGE=en "$P/bin/sedesk" case note "$N1" --text-file -) \
    >"$T_DIR/.out" 2>"$T_DIR/.err"
RC=$? ERR=$(cat "$T_DIR/.err")
rc_is "A: --text-file - reads standard input" 0
rrun case show "$N1" --json
is "… the note holds what came in" "$(printf '%s' "$OUT" | jq -r '.journal | last | .text')" \
    "EDNOTE uit stdin $$"
check_clean "after A's notes from files"

D0=$(db_digest)
urun "$U_c" enterprise import "$SECRET"
rc_is "C: enterprise import <a group-only CSV>: refused (exit 2)" 2
like "… says it cannot read it" "$ERR" "cannot read $SECRET: Permission denied"
unlike "… without its first line" "$ERR$OUT" "GEHEIM"
unchanged "import of a group-only file" "$D0"
urun "$U_c" enterprise import "$MU_CONF"
rc_is "C: enterprise import <the configuration>: refused (exit 2)" 2
unlike "… without any of its lines" "$ERR$OUT" 'officer|sedesk\]|departments|language|\['
unchanged "import of the configuration" "$D0"
printf 'name,city\nKringloop Eigen Import %s,Brugge\n' "$$" >"$H_c/mine.csv"
chown "$U_c" "$H_c/mine.csv"
chmod 600 "$H_c/mine.csv"
urun "$U_c" enterprise import "$H_c/mine.csv"
rc_is "C: import of C's own file (0600) works" 0
is "… one imported" "$OUT" "imported 1, rejected 0"
rrun enterprise list --json
is "… the enterprise is there" \
    "$(printf '%s' "$OUT" | jq -r --arg n "Kringloop Eigen Import $$" '[.[] | select(.name == $n)] | length')" 1
check_clean "after C's imports"

# --- finding 5: a non-root admin's backup ----------------------------------------------------
D0=$(db_digest)
DB_FILES=$(ls -A "$MU_DB")
LOCK_INO=$(stat -c %i "$MU_DB/lock.mdb")
ln -s "$MU_DB" "$H_d/dbl"
chown -h "$U_d" "$H_d/dbl"
for t in "$MU_DB/stolen.mdb" "$H_d/dbl/stolen.mdb" "$MU_DB/../sedesk/stolen.mdb" "$MU_DB/lock.mdb"; do
	urun "$U_d" backup "$t"
	if [ "$RC" -ne 0 ]; then ok "D (admin, not root): backup $t is refused ($RC)"
	else not_ok "D (admin, not root): backup $t is refused" "exit 0: $OUT"; fi
	like "… with a message" "$ERR" "^sedesk: cannot write $t"
done
is "… nothing was written into the database folder" "$(ls -A "$MU_DB")" "$DB_FILES"
is "… lock.mdb is the same file" "$(stat -c %i "$MU_DB/lock.mdb")" "$LOCK_INO"
# Root may write where it likes, but not into the database folder either.
ln -s "$MU_DB" "$T_DIR/dbl"
for t in "$MU_DB/stolen.mdb" "$T_DIR/dbl/stolen.mdb" "$MU_DB/../sedesk/stolen.mdb"; do
	rrun backup "$t"
	if [ "$RC" -ne 0 ]; then ok "root: backup $t is refused ($RC)"
	else not_ok "root: backup $t is refused" "exit 0: $OUT"; fi
	like "… because it is inside the database directory" "$ERR" "inside the database directory"
done
is "… nothing was written into the database folder" "$(ls -A "$MU_DB")" "$DB_FILES"
unchanged "backups into the database folder" "$D0"

GW=$T_DIR/groupw
mkdir "$GW"
chgrp sedesk "$GW"
chmod 775 "$GW"
urun "$U_d" backup "$GW/b.mdb"
if [ "$RC" -ne 0 ]; then ok "D: backup into a folder only the group can write is refused ($RC)"
else not_ok "D: backup into a folder only the group can write is refused" "exit 0: $OUT"; fi
like "… cannot write: permission denied" "$ERR" "^sedesk: cannot write $GW/b.mdb: Permission denied"
is "… nothing was written there" "$(ls -A "$GW")" ""

urun "$U_d" backup "$H_d/b.mdb"
rc_is "D: backup into D's home works" 0
is "… the backup is D's, in D's own group, 0600" "$(stat -c '%U %G %a' "$H_d/b.mdb" 2>&1)" \
    "$U_d $(id -gn "$U_d") 600"
is "… no temporary file is left" "$(ls -A "$H_d" | grep -c 'tmp')" 0
unchanged "D's backups" "$D0"

# --- finding 3/5: restore reads its source with the user's rights -----------------------------
rrun backup "$PUB/group.mdb"
need_rc0 "root: a backup for the group only"
chgrp sedesk "$PUB/group.mdb"
chmod 640 "$PUB/group.mdb"
DATA_INO=$(stat -c %i "$MU_DB/data.mdb")
urun "$U_d" restore "$PUB/group.mdb"
rc_is "D: restore <a group-only backup>: refused (exit 2)" 2
like "… cannot read it" "$ERR" "^sedesk: cannot read $PUB/group.mdb: Permission denied"
is "… data.mdb is the same file" "$(stat -c %i "$MU_DB/data.mdb")" "$DATA_INO"
is "… nothing was left in the database folder" "$(ls -A "$MU_DB")" "$DB_FILES"
unchanged "restore from a group-only file" "$D0"

urun "$U_d" restore "$H_d/b.mdb"
rc_is "D: restore of D's own backup works" 0
is "… the restored data equals the backed-up data" "$(db_digest)" "$D0"
is "… nothing else was left in the database folder" "$(ls -A "$MU_DB" | grep -v '^lock.mdb$')" \
    "$(printf '%s\n' "$DB_FILES" | grep -v '^lock.mdb$')"
check_clean "after D's restore"
urun "$U_a" case list --json
rc_is "A works on the restored database" 0
is "data.mdb: group sedesk, rw for the group, nothing for others" \
    "$(stat -c '%G %A' "$MU_DB/data.mdb")" "sedesk -rw-rw----"
finish
