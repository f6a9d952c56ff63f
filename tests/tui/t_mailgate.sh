#!/bin/bash
# A case's e-mail attachments in the interface (issue 16): the case screen's
# A key lists them (asked of sd_permit first: the gate's attachments are a
# contact point's, a manager's, the case's departments' to read), the one
# chosen is saved to the file typed at the prompt, byte for byte; a file
# that exists is refused, not overwritten; a case without attachments says
# so.
. "$(dirname "$0")/tmux.sh"
MAIL=$T_TESTS/data/mail

cat >>"$SEDESK_CONFIG" <<INI

[officer:mailgate]
name = Mail gate
role = gate

[mail]
gate_user = mailgate
gate_unix_users = $(id -un)
INI
setup ann enterprise add --name "Café De Kroon" --email info@dekroon.be \
	--person "name=An Peeters;email=an.peeters@dekroon.be"
ENT=$CLI_OUT
if ! NUM=$(timeout 30 "$SEDESK_BIN" mailgate <"$MAIL/thunderbird.eml" 2>"$T_DIR/.err"); then
	not_ok "set-up: sedesk mailgate" "$(cat "$T_DIR/.err")"
	finish
fi
setup ann case new --enterprise "$ENT" --subject "Zonder bijlage"
EMPTY=$CLI_OUT

tui_start SEDESK_USER=ann
need "the inbox opens" 5 "Inbox"
keys /
need "/ opens the search" 3 "Search"
typein "$NUM"
need "the case is found" 5 "$NUM "
keys Enter
need "the case opens" 5 "Case $NUM"
expect_screen "the case screen counts the attachments and names the key" 3 \
	"Attachments  1 from the e-mail (A: list, save)"
keys '?'
expect_screen "the help lists the attachments key" 3 "the e-mail's attachments"
keys q
wait_screen 3 "Case $NUM"
keys A
expect_screen "A lists the attachments" 3 "Save which attachment?"
expect_screen "with name, type and size" 3 "1  terrasplan.pdf  (application/pdf, 102 bytes)"
keys Enter
expect_screen "a prompt for the file, the attachment's name offered" 3 "terrasplan.pdf"
keys C-u
typein "$T_DIR/saved.pdf"
keys Enter
expect_screen "it says where it saved it" 3 "saved to $T_DIR/saved.pdf"
printf '%%PDF-1.4\n%% sedesk test attachment\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T_DIR/want.pdf"
if cmp -s "$T_DIR/saved.pdf" "$T_DIR/want.pdf"; then ok "the saved file is the attachment, byte for byte"
else not_ok "the saved file is the attachment, byte for byte"; fi
# Again to the same file: refused, the file unchanged.
echo keep >"$T_DIR/keep"
keys A
wait_screen 3 "Save which attachment?"
keys Enter
wait_screen 3 "Save to file"
keys C-u
typein "$T_DIR/keep"
keys Enter
expect_screen "a file that exists is refused" 3 "exists already"
is "and left as it was" "$(cat "$T_DIR/keep")" keep
expect_quit "sedesk quits"

# A case without attachments.
if [ -n "$EMPTY" ]; then
	tui_start SEDESK_USER=ann
	need "the inbox opens again" 5 "Inbox"
	keys /
	wait_screen 3 "Search"
	typein "$EMPTY"
	wait_screen 5 "$EMPTY "
	keys Enter
	need "the other case opens" 5 "Case $EMPTY"
	refute_screen "a case without attachments has no such line" "from the e-mail (A:"
	keys A
	expect_screen "a case without attachments says so" 3 "has no e-mail attachments"
	expect_quit "sedesk quits"
else
	not_ok "set-up: a case without attachments"
fi
finish
