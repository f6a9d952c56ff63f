#!/bin/bash
# The inbox at 80×24 in English and in Dutch (issue 10, found closing it):
#   - a reminded route says when it was reminded ("ECO reminded 2026-03-05"),
#     the whole date on the screen (the CLI: tests/cli/t_day_inbox.sh);
#   - the priority column fits its translated header ("Prioriteit" was cut
#     to "Priorit…" in a column of 8) and its values ("dringend"), and the
#     enterprise name stays readable (20 characters) beside them.
. "$(dirname "$0")/tmux.sh"

LONG="Vereniging voor Sociale Tewerkstelling Oost-Vlaanderen vzw"
setup ann enterprise add --name "$LONG" --number 0403.170.701
setup ann case new --enterprise 0403.170.701 --subject "Terras" --priority urgent
C1=$CLI_OUT
setup ann case new --enterprise 0403.170.701 --subject "Oven"
C2=$CLI_OUT
setup ann case new --enterprise 0403.170.701 --subject "Huur van de loods"
C3=$CLI_OUT
setup ann case route "$C1" eco
setup ann case route "$C2" eco
SEDESK_NOW=2026-03-03T10:00:00Z setup ann case remind "$C1" --dept eco
setup ann case new --enterprise 0403.170.701 --subject "Zorg voor de werknemers"
C4=$CLI_OUT
setup ann case route "$C4" wel
NOW=2026-03-05T09:00:00Z

# header WORD: the header line's word starting with WORD, as shown
header_word() { screen | grep -m 1 '^ Num' | grep -o "$1[^ ]*"; }

# --- English ----------------------------------------------------------------------
tui_start SEDESK_USER=bram SEDESK_NOW=$NOW
need "en: bram's inbox opens" 5 "2 cases need you"
is "en: the window is 80×24" "$(win_size)" 80x24
like "en: the reminded row says when, the whole date" "$(screen_line "$C1")" \
    "$C1 +ECO reminded 2026-03-03 +urgent "
like "en: …and keeps 20 characters of the enterprise's name" "$(screen_line "$C1")" \
    "${LONG:0:20}"
like "en: the row that was not reminded says pending" "$(screen_line "$C2")" "$C2 +ECO pending +normal "
is "en: the priority header is whole" "$(header_word Prio)" "Priority"
expect_quit "en: sedesk ends normally"

# --- Dutch -------------------------------------------------------------------------
tui_start SEDESK_USER=bram SEDESK_NOW=$NOW LANGUAGE=nl
need "nl: bram's inbox opens" 5 "2 zaken wachten op u"
is "nl: the priority header is whole (not Priorit…)" "$(header_word Prio)" "Prioriteit"
row=$(screen_line "$C1")
like "nl: the reminded row says when, in Dutch, the whole date" "$row" "herinnerd 2026-03-03 +dringend "
like "nl: …and keeps 20 characters of the enterprise's name" "$row" "${LONG:0:20}"
# The priority values start under the header's first letter.
hdr=$(screen | grep -m 1 '^ Num')
is "nl: the priority values stand under their header" "$(disp_col "$row" dringend)" \
    "$(disp_col "$hdr" Prioriteit)"
DUE=$(SEDESK_NOW=$NOW cli bram inbox --json | jq -r '.[] | select(.number=="'"$C1"'") | .due')
is "nl: the due date stands under its header" "$(disp_col "$row" "dringend   $DUE")" \
    "$(( $(disp_col "$hdr" Vervaldatum) - 11 ))"
expect_quit "nl: sedesk ends normally"

# els serves eco and wel: the rows keep their department's code; in Dutch
# at 80 columns "ECO herinnerd 2026-03-03" does not fit beside a readable
# enterprise name, and the row says "ECO herinnerd" rather than cut the day.
tui_start SEDESK_USER=els SEDESK_NOW=$NOW
need "en (els): the inbox opens" 5 "3 cases need you"
like "en (els): the reminded row keeps the code and the whole day" "$(screen_line "$C1")" \
    "$C1 +ECO reminded 2026-03-03 +urgent "
like "en (els): the wel row has its code" "$(screen_line "$C4")" "$C4 +WEL pending "
expect_quit "en (els): sedesk ends normally"
tui_start SEDESK_USER=els SEDESK_NOW=$NOW LANGUAGE=nl
need "nl (els): the inbox opens" 5 "3 zaken wachten op u"
row=$(screen_line "$C1")
like "nl (els): the reminded row keeps its code and reason" "$row" "$C1 +ECO herinnerd +dringend "
unlike "nl (els): …and shows no day cut in half" "$row" "2026-0[0-9]?…"
like "nl (els): …and keeps 20 characters of the enterprise's name" "$row" "${LONG:0:20}"
expect_quit "nl (els): sedesk ends normally"

# The contact officer's inbox in Dutch: the header whole, the subject still shown.
tui_start SEDESK_USER=ann SEDESK_NOW=$NOW LANGUAGE=nl
need "nl: ann's inbox opens" 5 "Inbox"
is "nl (ann): the priority header is whole" "$(header_word Prio)" "Prioriteit"
like "nl (ann): the row keeps the enterprise's 20 characters" "$(screen_line "$C3")" "${LONG:0:20}"
like "nl (ann): …and the subject's start" "$(screen_line "$C3")" "${LONG:0:20}… Huur"
expect_quit "nl (ann): sedesk ends normally"
finish
