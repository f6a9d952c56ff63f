#!/bin/bash
# At 80×24 (issue 10), in English and in Dutch: the title bar names the user
# and their whole role and no database path (the help names the database);
# the inbox shows at least 20 characters of a long enterprise name; the
# conflict dialog's text is whole (wrapped inside the box, not cut).
. "$(dirname "$0")/tmux.sh"

LONG="Vereniging voor Sociale Tewerkstelling Oost-Vlaanderen vzw"
setup ann enterprise add --name "$LONG" --number 0403.170.701 --city Gent
setup ann case new --enterprise 0403.170.701 --subject "Terrasvergunning voor de zomer"
NUM=$CLI_OUT
setup ann case new --enterprise 0403.170.701 --subject "Subsidie voor een oven"
OVEN=$CLI_OUT
setup ann case route "$OVEN" eco
DB=$(cli root status --json 2>/dev/null | jq -r '.database // empty' 2>/dev/null)
[ -n "$DB" ] || DB=$(dirname "$SEDESK_CONFIG")/db

sed 's/^language = en$/language = nl/' "$SEDESK_CONFIG" >"$T_DIR/nl.ini"

round() {	# round LABEL INBOX-TEXT ROLE-LABEL CONFLICT-TITLE CONFLICT-TEXT TUI-ARGS…
	_l=$1 _inbox=$2 _role=$3 _ctitle=$4 _ctext=$5; shift 5

	tui_start "$@"
	need "$_l: the inbox opens" 5 "$_inbox"
	is "$_l: the window is 80×24" "$(win_size)" "80x24"
	title=$(screen | sed -n 1p)
	case $title in *"$T_DIR"* | *"/db"*) not_ok "$_l: the title bar holds no database path" "$title" ;;
	*) ok "$_l: the title bar holds no database path" ;; esac
	case $title in *"(ann, $_role)"*) ok "$_l: the title bar shows the whole role ($_role)" ;;
	*) not_ok "$_l: the title bar shows the whole role ($_role)" "$title" ;; esac
	row=$(screen_line "$NUM")
	case $row in *"${LONG:0:20}"*) ok "$_l: the inbox shows 20 characters of the enterprise's name" ;;
	*) not_ok "$_l: the inbox shows 20 characters of the enterprise's name" "$row" ;; esac
	keys '?'
	wait_screen 3 "$DB"
	case $(screen | sed -n 2p) in *"$DB"*) ok "$_l: the help names the database (under the title bar)" ;;
	*) not_ok "$_l: the help names the database (under the title bar)" "$(screen)" ;; esac
	keys q
	wait_screen 3 "$_inbox"

	keys Enter
	need "$_l: the case opens" 3 "$NUM"
	keys e
	need "$_l: the edit form opens" 3 "$NUM"
	keys C-u
	typein "Mijn onderwerp"
	# Another saves four fields meanwhile (each round other values).
	setup root case edit "$NUM" "${OTHERS[@]}"
	keys F2
	need "$_l: F2 opens the conflict dialog" 3 "$_ctitle"
	expect_dialog "$_l: the dialog's text is whole" 1 "$_ctext"
	keys Escape
	wait_gone 3 "$_ctitle"
	keys Escape
	wait_screen 3 "y:"
	keys y
	wait_gone 3 "y:"
	expect_quit "$_l: sedesk quits"
}

OTHERS=(--priority high --subject "Hun onderwerp" --description "Een beschrijving" --channel email)
round en " need" "contact point" "Someone else saved this case meanwhile" \
    "case $NUM changed since you opened it (version 1 → 2): Subject Description Channel Priority."
OTHERS=(--priority low --subject "Hun tweede" --description "Een andere" --channel phone)
round nl "wacht" "aanspreekpunt" "Iemand anders heeft deze zaak intussen bewaard" \
    "zaak $NUM is gewijzigd sinds u ze opende (versie 2 → 3): Onderwerp Omschrijving Kanaal Prioriteit." \
    LANGUAGE= SEDESK_CONFIG="$T_DIR/nl.ini"

# A department officer's longer role, in Dutch.
tui_start LANGUAGE= SEDESK_CONFIG="$T_DIR/nl.ini" SEDESK_USER=els
need "els' inbox opens (nl)" 5 "wacht"
title=$(screen | sed -n 1p)
case $title in *"(els, afdelingsmedewerker)"*) ok "nl: the officer's role is not cut in the title bar" ;;
*) not_ok "nl: the officer's role is not cut in the title bar" "$title" ;; esac
finish
