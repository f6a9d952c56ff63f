#!/bin/bash
# A long journal on the case screen (issue 9, finding 9): the screen reads
# the journal a page (200 entries) at a time and the next page as the
# reader scrolls towards its end, so a case with 450 entries opens with the
# first page and every entry can still be scrolled to, in order.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Dossier BV"
ENT=$CLI_OUT
setup ann case new --enterprise "$ENT" --subject "Lang dossier"
NUM=$CLI_OUT
for i in $(seq -w 1 448); do
	cli ann case note "$NUM" "noot-$i" >/dev/null 2>&1 || { not_ok "set-up: note $i"; finish; }
done

tui_start SEDESK_USER=ann
need "the inbox opens" 5 "Inbox"
keys /
need "/ opens the search" 3 "Search"
typein "$NUM"
need "the case is found" 5 "$NUM "
keys Enter
need "the case opens" 5 "Case $NUM"
expect_screen "the journal starts with the first entry" 3 "noot-001"
# Down the whole journal: past the first page (200) and the second (400).
for _step in 1 2 3 4 5 6 7 8 9; do keys $(printf 'j %.0s' $(seq 50)); done
expect_screen "scrolled past the first and second pages: the last entry" 5 "noot-448"
refute_screen "the first entries scrolled away" "noot-001"
keys $(printf 'k %.0s' $(seq 50))
expect_screen "scrolling back shows earlier entries again" 5 "noot-400"
keys q
need "q returns to the search" 3 "Search"
keys Escape
need "Esc returns to the inbox" 3 "Inbox"
expect_quit "sedesk ends normally"
finish
