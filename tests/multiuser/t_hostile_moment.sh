#!/bin/bash
# Hostile users against a contact moment's report file (issue 12):
# `moment add | edit | done --text-file` reads the user's file with the
# user's own rights (sd_user_read_file, the real gid), never the group's.
# Real Unix users on a setgid install made by `make install`:
#   C  contact         records the enterprise and a planned visit
#   A  officer of eco  hostile: names the group-only configuration, the
#                      database file, a symlink to the database in his
#                      home, B's private file and a symlink to it
#   B  officer of wel  owns a private file (0600)
# Each attempt is refused, quotes nothing of the file and changes nothing
# (an mdb_dump digest; `sedesk check` clean); A's own file works.
. "$(dirname "$0")/common.sh"

for _tool in mdb_dump sha256sum; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		not_ok "$_tool is installed (apt-get install lmdb-utils coreutils)"
		finish
	fi
done

mu_users c a b
mu_install
mu_officer "$U_c" contact
mu_officer "$U_a" officer eco
mu_officer "$U_b" officer wel
H_a=$T_DIR/home/$U_a
H_b=$T_DIR/home/$U_b

db_digest() {
	local d
	if d=$(umask 007 && mdb_dump -a "$MU_DB" 2>&1) && [ -n "$d" ]; then
		printf '%s\n' "$d" | grep -v '^mapsize=' | sha256sum | cut -d' ' -f1
	else
		echo "unreadable-$RANDOM$RANDOM"
	fi
}
unchanged() {	# unchanged DESC DIGEST: the data as it was, and check clean
	is "$1: the database is unchanged" "$(db_digest)" "$2"
	rrun check
	is "$1: sedesk check is clean" "$RC/$OUT" "0/no problems found."
}

rrun init
need_rc0 "root: init"
urun "$U_c" enterprise add --name "Kringwinkel De Ark" --city Gent
need_rc0 "C: enterprise add"
E1=$OUT
urun "$U_c" moment add --enterprise "$E1" --kind site-visit --date "$(date -u +%F)T23:59" --dept eco
need_rc0 "C: a visit of eco planned for tonight (it may be reported done today)"
M1=$OUT
urun "$U_c" moment add --enterprise "$E1" --kind site-visit --date 2020-01-02 --dept eco \
    --text "Planned."
need_rc0 "C: another"
M2=$OUT

# B's private file, and A's symlinks: into the database and to B's file.
printf 'BSECRET %s\n' "$$" >"$H_b/private.txt"
chown "$U_b" "$H_b/private.txt"
chmod 600 "$H_b/private.txt"
chmod 755 "$H_b"
ln -s "$MU_DB/data.mdb" "$H_a/db.txt"
ln -s "$H_b/private.txt" "$H_a/b.txt"
chown -h "$U_a" "$H_a/db.txt" "$H_a/b.txt"

D0=$(db_digest)
urun "$U_a" moment add --enterprise "$E1" --kind phone --text-file "$MU_CONF"
rc_is "A: moment add --text-file <the group-only configuration>: refused (exit 2)" 2
like "… says it cannot read it" "$ERR" "^sedesk: cannot read $MU_CONF: Permission denied"
unlike "… and quotes none of it" "$ERR$OUT" 'officer:|departments *='
unchanged "--text-file on the configuration" "$D0"

urun "$U_a" moment add --enterprise "$E1" --kind phone --text-file "$MU_DB/data.mdb"
rc_is "A: --text-file <the database file>: refused (exit 2)" 2
like "… because the file cannot be read" "$ERR" "^sedesk: cannot read"
urun "$U_a" moment add --enterprise "$E1" --kind phone --text-file "$H_a/db.txt"
rc_is "A: --text-file <a symlink of his to the database>: refused (exit 2)" 2
like "… because the file cannot be read" "$ERR" "^sedesk: cannot read"
unlike "… quotes nothing of it" "$ERR$OUT" 'Kringwinkel'
urun "$U_a" moment edit "$M1" --text-file "$H_a/db.txt"
rc_is "A: moment edit --text-file <the symlink>: refused (exit 2)" 2
like "… because the file cannot be read" "$ERR" "^sedesk: cannot read"
unchanged "--text-file on the database" "$D0"

urun "$U_a" moment add --enterprise "$E1" --kind phone --text-file "$H_b/private.txt"
rc_is "A: --text-file <B's private file>: refused (exit 2)" 2
like "… because the file cannot be read" "$ERR" "^sedesk: cannot read"
urun "$U_a" moment done "$M1" --text-file "$H_a/b.txt"
rc_is "A: moment done --text-file <a symlink to B's file>: refused (exit 2)" 2
like "… because the file cannot be read" "$ERR" "^sedesk: cannot read"
unlike "… quotes none of it" "$ERR$OUT" 'BSECRET'
unchanged "--text-file on another user's file" "$D0"

# A's own file (0600) works, and what it says is the report.
printf 'Bezocht: %s\nZe zoeken werkruimte.\n' "$$" >"$H_a/report.txt"
chown "$U_a" "$H_a/report.txt"
chmod 600 "$H_a/report.txt"
urun "$U_a" moment edit "$M2" --text-file "$H_a/report.txt"
rc_is "A: --text-file on his own file (0600) works" 0
rrun moment show "$M2" --json
is "… the report holds the file's text" "$(printf '%s' "$OUT" | jq -r .text)" \
    "Bezocht: $$
Ze zoeken werkruimte."
rrun check
is "after A's report: sedesk check is clean" "$RC/$OUT" "0/no problems found."
finish
