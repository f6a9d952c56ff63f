#!/bin/bash
# sedesk report spend (issues 13 and 14): the awards of the opportunities
# per year and department as text (euro, words, bars of the social share),
# CSV (plain amounts) and JSON (cents and codes); whole years only; the
# officer sees his own departments; errors.
#
# The fixed history: eco's "Groenonderhoud parken" (SROI 5%) with lot 1
# awarded outside the register (€19,000, contract ended 2026-03-01, no
# social return: unfulfilled) and reserved lot 2 to a recognised
# maatwerkbedrijf (€9,500, €200 of its €475 social return spent); wel's
# "Drukwerk jaarverslag" awarded to the same enterprise in 2025 (€8,000).
#
# Clock: Monday 2026-03-02 09:00 UTC (common.sh).
. "$(dirname "$0")/common.sh"
init_db

add_ent --name "Groen Atelier" --number "$KBO1" --kind maatwerkbedrijf \
	--recognition maatwerkbedrijf=2019-01-01 --nace 81.300 --offers groenonderhoud >/dev/null
run bram opportunity add --title "Groenonderhoud parken" --kind purchase --dept eco \
	--deadline 2026-04-30 --sroi 5 --qualify maatwerkbedrijf \
	--lot "Maaien=20000" --lot "Snoeiwerk=10.000,50;reserved"
O=$OUT
run ann opportunity add --title "Drukwerk jaarverslag" --kind purchase --dept wel --value 8000
W=$OUT
run bram opportunity award "$O" --lot 2 --enterprise "$KBO1" --value 9.500 --ends 2026-12-31
rc_is "setup: the reserved lot to the maatwerkbedrijf" 0
run bram opportunity award "$O" --lot 1 --outside "Groendienst NV" --value 19000 \
	--date 2026-03-01 --ends 2026-03-01
rc_is "setup: lot 1 outside the register" 0
run bram opportunity sroi "$O" --lot 2 --spent 200 --text stageplaats
rc_is "setup: social return partly spent" 0
run ann opportunity award "$W" --enterprise "$KBO1" --value 8000 --date 2025-06-30
rc_is "setup: wel's award in 2025" 0

# --- JSON: cents and codes ----------------------------------------------------------------
run dina report spend --year 2026 --json
rc_is "the manager's spend report" 0
jq_is "JSON: the report's name" '.report' spend
jq_is "JSON: 2026 has one row, eco's" '[.rows[] | "\(.year) \(.department)"] | join(",")' \
	"2026 eco"
jq_is "JSON: two awards" '.rows[0].awards' 2
jq_is "JSON: awarded in cents" '.rows[0].total_cents' 2850000
jq_is "JSON: to social enterprises (the maatwerkbedrijf only)" '.rows[0].social_cents' 950000
jq_is "JSON: the social share" '.rows[0].social_share * 1000 | floor' 333
jq_is "JSON: one reserved lot" '.rows[0].reserved' 1
jq_is "JSON: social return due, 5% of both" '.rows[0].sroi_due_cents' 142500
jq_is "JSON: social return spent" '.rows[0].sroi_spent_cents' 20000
jq_is "JSON: both obligations open" '.rows[0].sroi_open' 2
jq_is "JSON: the ended one unfulfilled" '.rows[0].sroi_unfulfilled' 1
jq_is "JSON: the total" '.total.total_cents' 2850000

run dina report spend --from 2025-01-01 --to 2026-12-31 --json
jq_is "two years: by year, then department" \
	'[.rows[] | "\(.year) \(.department)"] | join(",")' "2025 wel,2026 eco"
jq_is "two years: wel's award all social" '.rows[0].social_share' 1
jq_is "two years: the total" '.total.total_cents' 3650000
jq_is "two years: the social total" '.total.social_cents' 1750000
run dina report spend --json
jq_is "no period: every year" '.rows | length' 2
run dina report spend --to 2025-12-31 --json
jq_is "an open start: up to 2025" '[.rows[].year] | join(",")' 2025
run dina report spend --from 2025-01-01 --to 2026-12-31 --dept wel --json
jq_is "--dept: wel's only" '[.rows[].department] | join(",")' wel

# --- text: words, euro, bars -----------------------------------------------------------------
run dina report spend --from 2025-01-01 --to 2026-12-31
rc_is "text" 0
like "text: the title" "$OUT" "Spend — 2025-01-01 to 2026-12-31"
like "text: the department's name, not its code" "$OUT" "2026 +Economie"
like "text: amounts in euro" "$OUT" "€28,500.00 +€9,500.00 +33%"
like "text: the total row" "$OUT" "Total +3 +€36,500.00 +€17,500.00 +48%"
like "text: a full bar for all social" "$OUT" "  100%  ██████████  "
like "text: a third of a bar for a third" "$OUT" "   33%  ███▍  "
like "text: social return due, spent, fulfilled, open, unfulfilled" "$OUT" \
	"€1,425.00 +€200.00 +14% +2 +1"
like "text: the sentence" "$OUT" \
	"3 awards worth €36,500.00; €17,500.00 of it .48%. to registered social enterprises. Reserved contracts or lots awarded: 1."
run dina report spend --year 2025
like "text: one award is one, not 'awards'" "$OUT" "^1 award worth €8,000.00;"
LANGUAGE=nl run dina report spend --year 2025
like "Dutch: one award is 'gunning', not 'gunningen'" "$OUT" "^1 gunning ter waarde van € 8.000,00;"
LANGUAGE=nl run dina report spend --year 2026
like "Dutch: the amounts as written there" "$OUT" "€ 28.500,00"

# --- CSV: plain amounts ---------------------------------------------------------------------
run dina report spend --year 2026 --format csv
rc_is "CSV" 0
like "CSV: the row in plain amounts" "$OUT" "2026,Economie en ondernemen,2,28500.00,9500.00,33%,1"
like "CSV: the social return row" "$OUT" "2026,Economie en ondernemen,1425.00,200.00,14%,2,1"
unlike "CSV: no bars" "$OUT" "█"
unlike "CSV: no euro signs" "$OUT" "€"

# --- who sees what ------------------------------------------------------------------------------
run bram report spend --from 2025-01-01 --to 2026-12-31 --json
rc_is "an officer may see spend" 0
jq_is "…his own department's only" '[.rows[].department] | join(",")' eco
run chris report spend --from 2025-01-01 --to 2026-12-31 --json
jq_is "wel's officer: wel's only" '[.rows[].department] | join(",")' wel
fails 4 "an officer asks for another department" chris report spend --year 2026 --dept eco
like "…says why" "$ERR" "does not serve department eco"
run bram report spend --year 2025
rc_is "a year without his awards" 0
like "…says there are none" "$OUT" "No awards in this period."

# --- errors -----------------------------------------------------------------------------------
fails 2 "a period that is not whole years" dina report spend --from 2026-02-01 --to 2026-12-31
like "…says it is per calendar year" "$ERR" "per calendar year"
fails 2 "an end that is not 31 December" dina report spend --from 2026-01-01 --to 2026-06-30
fails 2 "a category (awards have none)" dina report spend --year 2026 --category funding
like "…says so" "$ERR" "awards have no category"
fails 2 "--from after --to" dina report spend --from 2027-01-01 --to 2026-12-31
run dina report spend --year 2026 --dept nope
rc_is "an unknown department" 2
fails 2 "--year and --from" dina report spend --year 2026 --from 2026-01-01
fails 2 "no figure to list cases of" dina report spend --year 2026 --cases awards

# --- the council's report ------------------------------------------------------------------------
H=$T_DIR/verslag.html
run dina report council --year 2026 --format html -o "$H"
rc_is "council with awards in the year" 0
html=$(cat "$H")
is "council: five charts, the spend's the fifth" \
	"$(printf '%s' "$html" | grep -o '<svg class="chart" id="[a-z-]*"' | sed 's/.*id=//' | tr -d '"' | tr '\n' ' ')" \
	"chart-silos chart-departments chart-recognition chart-months chart-spend "
svg=$(printf '%s' "$html" | grep -o '<svg class="chart" id="chart-spend".*</svg>' | head -1)
like "chart-spend: has a title" "$svg" "<title>Value awarded per department"
like "chart-spend: has an axis label" "$svg" 'class="axis"[^>]*>euro<'
like "chart-spend: the department's bar in euro" "$svg" "Economie en ondernemen: 28500<"
like "chart-spend: its social part" "$svg" "Economie en ondernemen: 9500<"
unlike "chart-spend: 2025's department not in 2026" "$svg" "Welzijn"
like "council: the sentence on the spend" "$html" \
	"awarded €28,500.00 in contracts, €9,500.00 of it .33%. to registered social enterprises. Contracts or lots reserved for them: 1."
like "council: the spend table" "$html" "<caption>Awards per year and department</caption>"
like "council: the social return table" "$html" "<caption>Social return per year and department</caption>"
run dina report council --year 2026 --json
jq_is "council JSON: the spend in cents" '.spend.total.total_cents' 2850000
run dina report council --year 2024 --format html
rc_is "council of a year without awards" 0
unlike "…has no spend chart" "$OUT" "chart-spend"
unlike "…nor its table" "$OUT" "Awards per year and department"
run dina report council --from 2026-01-01 --to 2026-06-30 --format html
rc_is "council of half a year" 0
unlike "…leaves the spend out (awards count per year)" "$OUT" "chart-spend"

CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
	ok "# SKIP rendering: no chromium; install the Debian package chromium"
	finish
fi
timeout 60 "$CHROME" --headless=new --no-sandbox --disable-gpu --no-first-run \
    --disable-extensions --user-data-dir="$T_DIR/chrome" --no-pdf-header-footer \
    --print-to-pdf="$T_DIR/v.pdf" "file://$H" >/dev/null 2>>"$T_DIR/chrome.log"
txt=$(pdftotext -layout "$T_DIR/v.pdf" - 2>/dev/null)
like "the PDF shows the spend chart" "$txt" "Value awarded per department, and to social"
out=$(pdftotext -bbox "$T_DIR/v.pdf" - 2>/dev/null | awk '
	/<page / { match($0, /width="[0-9.]+"/); w = substr($0, RSTART + 7, RLENGTH - 8) }
	/<word / { match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
		   match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7)
		   n++; if (x0 + 0 < 28 || x1 + 0 > w - 28) { bad++; print "outside: " $0 } }
	END { print n " words, " bad + 0 " outside" }')
like "the PDF with the spend: no word outside the printable width" "$out" " 0 outside"

finish
