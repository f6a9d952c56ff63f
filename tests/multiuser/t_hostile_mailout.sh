#!/bin/bash
# Outgoing mail on the setgid install (issue 16): the mail program sedesk
# runs after an action (sedesk-mailmake, and the sendmail it starts) gets
# nothing of sedesk's: no descriptor above 2 (the database, its lock), not
# the group sedesk, the caller's umask; only the message on its input.  And
# the caller cannot choose another mailer: the environment and -c do not
# reach a setgid sedesk, and the helper's folder is fixed at build time.
#   C  contact  routes cases (their sedesk delivers the mail)
. "$(dirname "$0")/common.sh"

mu_users c
mu_install
mu_officer "$U_c" contact

PR=$T_DIR/probe
PRO=$PR/out
mkdir -p "$PRO" "$PR/bin"
chmod 755 "$PR"
chmod 1777 "$PRO"
# The configured "sendmail": a probe of what it inherited, and the message.
{
	echo '#!/bin/sh'
	echo "o=$PRO"
	echo 'readlink /proc/$$/fd/0 >"$o/fd0"'
	echo 'cat >"$o/stdin"'
	mu_probe_lines
	echo 'echo "$@" >"$o/args"'
	echo 'echo done >"$o/ran"'
} >"$PR/probe.sh"
# What a hostile user would like sedesk to run instead.
printf '#!/bin/sh\necho ran >"%s/evil"\n' "$PRO" >"$PR/evil.sh"
cp "$PR/evil.sh" "$PR/bin/sendmail"
chmod 755 "$PR/probe.sh" "$PR/evil.sh" "$PR/bin/sendmail"
ini_set "$MU_CONF" mail from "desk@example.be"
ini_set "$MU_CONF" mail sendmail "$PR/probe.sh -t -i"
# A configuration the user controls, naming the evil mailer.
EVIL_INI=$PR/evil.ini
sed "s|^sendmail *=.*|sendmail = $PR/evil.sh|" "$MU_CONF" >"$EVIL_INI"
chmod 644 "$EVIL_INI"

urun "$U_c" enterprise add --name "Kringwinkel De Ruil"
need_rc0 "contact: enterprise add"
E1=$OUT
urun "$U_c" case new --enterprise "$E1" --subject "Loods voor de kringwinkel"
need_rc0 "contact: case new"
N1=$OUT
urun "$U_c" case route "$N1" eco -c "$EVIL_INI"
rc_is "-c naming the user's own configuration is refused" 4
urun "$U_c" SEDESK_CONFIG="$EVIL_INI" PATH="$PR/bin:/usr/bin:/bin" MAIL_CONFIG="$PR" \
    case route "$N1" eco
rc_is "the contact routes $N1 (SEDESK_CONFIG, PATH and MAIL_CONFIG set to the user's)" 0

is "the configured mail program ran" "$(cat "$PRO/ran" 2>/dev/null)" done
is "…with the configured options" "$(cat "$PRO/args" 2>/dev/null)" "-t -i"
is "the mailer the user named did not run" "$(cat "$PRO/evil" 2>/dev/null)" ""
like "it read the message on its input" "$(cat "$PRO/stdin" 2>/dev/null)" "Subject: \[sedesk $N1\]"
like "…through a pipe from sedesk-mailmake" "$(cat "$PRO/fd0" 2>/dev/null)" "^pipe:"
FDS=""
while read -r _n _fl _target; do
	[ "$_n" -gt 2 ] && [ $((8#${_fl:-0} & 8#2000000)) -eq 0 ] && FDS="$FDS $_n:$_target"
done <"$PRO/fds"
if [ -s "$PRO/fds" ] && [ -z "$FDS" ]; then ok "the mail program inherits no descriptor above 2"
else not_ok "the mail program inherits no descriptor above 2" "inherited:$FDS
all: $(cat "$PRO/fds" 2>&1)"; fi
is "it reads nothing from descriptors 3-20" "$(stat -c %s "$PRO/read" 2>/dev/null)" 0
_gid=$(sed -n 's/^Gid:[[:space:]]*//p' "$PRO/status" | tr -s '[:space:]' ' ' | sed 's/ $//')
_cg=$(id -g "$U_c")
is "its real, effective, saved and fs group are the caller's ($_cg)" "$_gid" "$_cg $_cg $_cg $_cg"
_groups=$(sed -n 's/^Groups:[[:space:]]*//p' "$PRO/status")
unlike "its supplementary groups lack sedesk ($SEDESK_GID)" " $_groups " " $SEDESK_GID "
unlike "its id -G lacks sedesk" " $(cat "$PRO/idG") " " $SEDESK_GID "

# The user cannot read the outbox (others' addresses) nor send the digest.
urun "$U_c" outbox
rc_is "a contact may not read the outbox" 4
urun "$U_c" digest
rc_is "nor send the digest" 4
urun "$U_c" outbox --deliver --json
rc_is "but may deliver what is due (housekeeping)" 0
finish
