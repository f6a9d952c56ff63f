#!/bin/bash
# Mail and the interface (issue 16): an administrator sees a mark in the
# title while mail is failing; the interface delivers due mail in a
# background child, so a sendmail that takes its time never stops the keys.
. "$(dirname "$0")/common.sh"
command -v tmux >/dev/null || { not_ok "tmux is installed"; finish; }
mail_desk
tmux_init
tui_cleanup() { tm kill-server >/dev/null 2>&1; mail_cleanup; }
trap tui_cleanup EXIT
mkdir -p "$T_DIR/bin"
printf '#!/bin/sh\ncat >/dev/null\necho "failmail: down" >&2\nexit 75\n' > "$T_DIR/bin/failmail"
cat > "$T_DIR/bin/slowmail" <<SH
#!/bin/sh
while [ ! -e "$T_DIR/go" ]; do sleep 0.05; done
exec $PF_SENDMAIL
SH
chmod 755 "$T_DIR/bin/failmail" "$T_DIR/bin/slowmail"

ini_set "$SEDESK_CONFIG" mail sendmail "$T_DIR/bin/failmail"
C=$(new_case "Voor de interface")
run ann case route "$C" wel
run root outbox --json
jq_is "set-up: one mail failing" '.[0].state' failing

pane_start admin env SEDESK_USER=root "$SEDESK_BIN"
expect_pane "the admin's title shows that mail is failing" 5 admin "mail: 1 failing"
pane_start ann env SEDESK_USER=ann "$SEDESK_BIN"
need_pane "ann's interface starts" 5 ann "Inbox"
refute_pane "a contact person sees no mark" ann "failing"
pane_keys ann q
pane_keys admin q

# Due again a minute later; the interface's child delivers it through slowmail.
ini_set "$SEDESK_CONFIG" mail sendmail "$T_DIR/bin/slowmail"
pane_start ann2 env SEDESK_USER=ann SEDESK_NOW=2026-03-02T09:01:30Z "$SEDESK_BIN"
need_pane "the interface starts while a mail is due" 5 ann2 "Inbox"
check "its background delivery is waiting in sendmail" wait_for 5 pgrep -f "$T_DIR/bin/slowmail"
pane_keys ann2 '?'
expect_pane "the keys still answer meanwhile (help opens)" 3 ann2 "This screen"
pane_keys ann2 q
touch "$T_DIR/go"
check "the mail arrives" pf_wait 1 20
is "at the department's address" "$(mail_to welzijn@example.be | wc -l)" 1
check "the child marked it sent" wait_for 5 sh -c "SEDESK_USER=root '$SEDESK_BIN' outbox --json | jq -e 'length == 0'"
pane_keys ann2 q
finish
