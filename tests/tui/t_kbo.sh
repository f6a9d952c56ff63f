#!/bin/bash
# The KBO import's fields in the interface: after the real sample extract
# and the update delivery on top (tests/data/kbo), the enterprise screen
# shows a ceased enterprise's day, its juridical situation and start date
# in words, and an enterprise's other names; the enterprise form still
# offers only the fields people edit (the KBO fields are the import's).
. "$(dirname "$0")/tmux.sh"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
setup ann enterprise import-kbo "$ROOT/tests/data/kbo/full"
setup ann enterprise import-kbo "$ROOT/tests/data/kbo/update"

tui_start SEDESK_USER=ann
need "ann's inbox opens" 5 " need"
keys e
need "e opens the enterprise list" 3 "Enterprises ("
keys Enter
need "Enter opens the first enterprise (Diest's congregation)" 3 "Congregatie der Gasthuiszusters"
expect_screen "the ceased day is shown" 2 "Ceased       2025-06-06"
expect_screen "the juridical situation in the extract's words" 2 "Situation    Normale toestand"
expect_screen "the start date" 2 "Started      1968-01-01"
keys Escape
need "back in the list" 3 "Enterprises ("
keys Down
keys Enter
need "the next one: Farys, renamed by the update" 3 "Farys Intergemeentelijke Vereniging"
expect_screen "its former name among the other names" 2 "Other names  Farys"
refute_screen "Farys is not ceased" "Ceased"
keys e
need "e opens the enterprise form" 3 "Edit enterprise"
refute_screen "the form does not offer the KBO fields" "Alternative names"
keys Escape
expect_quit "sedesk quits"
finish
