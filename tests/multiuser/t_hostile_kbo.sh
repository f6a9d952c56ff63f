#!/bin/bash
# Hostile users against `enterprise import-kbo` (issue 15): the extract is
# read with the caller's own rights, never the group's, on a setgid
# install made by `make install`:
#   C  contact   points import-kbo at the database directory, at a folder
#                and a ZIP file only the group can read, at the
#                configuration: each refused, nothing read, nothing changed;
#                then at an extract of its own (0700 folder): imported.
. "$(dirname "$0")/common.sh"

for _tool in mdb_dump sha256sum python3; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		not_ok "$_tool is installed"
		finish
	fi
done

mu_users c
mu_install
mu_officer "$U_c" contact
H_c=$T_DIR/home/$U_c
FULL=$REPO/tests/data/kbo/full

db_digest() {
	local d
	if d=$(umask 007 && mdb_dump -a "$MU_DB" 2>&1) && [ -n "$d" ]; then
		printf '%s\n' "$d" | grep -v '^mapsize=' | sha256sum | cut -d' ' -f1
	else
		echo "unreadable-$RANDOM$RANDOM"
	fi
}

# A real extract the group may read and C may not: a folder and a ZIP file.
GRP=$T_DIR/grp
mkdir -p "$GRP/kbo"
cp "$FULL"/*.csv "$GRP/kbo/"
(cd "$GRP/kbo" && python3 -m zipfile -c "$GRP/kbo.zip" ./*.csv)
chgrp -R sedesk "$GRP"
chmod 750 "$GRP" "$GRP/kbo"
chmod 640 "$GRP"/kbo/*.csv "$GRP/kbo.zip"
chmod 755 "$T_DIR"

D0=$(db_digest)
urun "$U_c" enterprise import-kbo "$MU_DB"
rc_is "C: import-kbo <the database directory>: refused (exit 2)" 2
unlike "… names no file inside it" "$ERR" "data.mdb|lock.mdb|code.csv"
urun "$U_c" enterprise import-kbo "$GRP/kbo"
rc_is "C: import-kbo <a group-only extract folder>: refused (exit 2)" 2
unlike "… reads none of its rows" "$ERR$OUT" "Veneco|Farys|added"
urun "$U_c" enterprise import-kbo "$GRP/kbo.zip"
rc_is "C: import-kbo <a group-only ZIP file>: refused (exit 2)" 2
unlike "… reads none of its rows" "$ERR$OUT" "Veneco|Farys|added"
urun "$U_c" enterprise import-kbo "$MU_CONF"
rc_is "C: import-kbo <the configuration>: refused (exit 2)" 2
unlike "… shows none of its lines" "$ERR$OUT" 'officer|departments|language|\['
is "nothing was changed by the refused imports" "$(db_digest)" "$D0"

mkdir -p "$H_c/kbo"
cp "$FULL"/*.csv "$H_c/kbo/"
chown -R "$U_c" "$H_c/kbo"
chmod 700 "$H_c/kbo"
chmod 600 "$H_c"/kbo/*.csv
urun "$U_c" enterprise import-kbo "$H_c/kbo" --json
rc_is "C: import-kbo of C's own extract (0700, 0600) works" 0
is "… nine added" "$(printf '%s' "$OUT" | jq .added)" 9
rrun check
is "sedesk check is clean after the imports" "$RC/$OUT" "0/no problems found."

finish
