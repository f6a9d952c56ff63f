#!/bin/bash
# The Dutch interface: LANGUAGE=nl (with LANG=C.UTF-8) shows the screens in
# Dutch, from share/locale/nl.po as built into build/locale; and with no
# language in the environment the configuration's `language = nl` does.
# The words checked are msgstr entries of nl.po for text on these screens.
. "$(dirname "$0")/tmux.sh"

MO=$(cd "$(dirname "$0")/../.." && pwd)/build/locale/nl/LC_MESSAGES/sedesk.mo
if [ -f "$MO" ]; then ok "the Dutch catalogue is built ($MO)"
else not_ok "the Dutch catalogue is built ($MO)" "share/locale/nl.po missing, or not built by make"; fi

setup ann enterprise add --name "Buurtwerk Noord" --number 0200.065.765
setup ann case new --enterprise 0200.065.765 --subject "Vraag over huur"
NUM=$CLI_OUT

tui_start LANGUAGE=nl
need "nl: the inbox opens (\"zaak wacht op u\")" 5 "1 zaak wacht op u"
header=$(screen | grep -m 1 '^ Nummer ')
# (At 80 columns the routes column gives way to the enterprise, issue 10.)
for w in Nummer Waarom Vervaldatum Onderneming Onderwerp; do
	if printf '%s\n' $header | grep -qx "$w"; then ok "nl: the inbox has the column \"$w\""
	else not_ok "nl: the inbox has the column \"$w\"" "column titles: $header"; fi
done
expect_screen "nl: the status line says hulp" 1 ":hulp"
expect_screen "nl: the status line says nieuw" 1 "n:nieuw"
expect_screen "nl: the status line says ondernemingen" 1 "e:ondernemingen"
refute_screen "nl: no English column title Subject" "Subject"
refute_screen "nl: no English \"need you\"" " need"
keys Enter
need "nl: Enter opens the case (\"Zaak …\")" 3 "Zaak $NUM"
expect_screen "nl: the case screen has a Logboek (journal)" 1 "Logboek"
expect_screen "nl: the case screen's keys say verwijzen" 1 "R:verwijzen"
# (Picking up is the departments'; the contact's status line offers notes.)
expect_screen "nl: the case screen's keys say notitie" 1 "n:notitie"
keys '?'
need "nl: the help opens (\"Dit scherm\")" 3 "Dit scherm"
expect_screen "nl: the help describes R in Dutch" 1 "doorverwijzen naar afdelingen"
expect_screen "nl: the help has the section Overal" 1 "Overal"
refute_screen "nl: the help has no English descriptions" "route to departments"
expect_quit "nl: sedesk quits with status 0"

# Control: the same screens in English without LANGUAGE=nl (so the checks
# above cannot pass by accident).
tui_start LANGUAGE=en
need "en: the inbox is English" 5 "1 case needs you"
refute_screen "en: no Dutch column title Onderwerp" "Onderwerp"
expect_quit "en: sedesk quits with status 0"

# The configuration's language is the default when the environment names none.
sed 's/^language = en$/language = nl/' "$SEDESK_CONFIG" >"$T_DIR/sedesk-nl.ini"
tui_start LANGUAGE= SEDESK_CONFIG="$T_DIR/sedesk-nl.ini"
expect_screen "config language = nl, LANG=C.UTF-8 and no LANGUAGE: Dutch" 5 "1 zaak wacht op u"
expect_quit "config nl: sedesk quits with status 0"

finish
