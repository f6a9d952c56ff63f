#!/bin/bash
# sedesk report council --format html: one self-contained page (no scripts,
# no external files), four SVG charts with titles and axis labels, A4
# portrait, English or Dutch; rendered by headless Chromium to PDF and PNG:
# the page count, every chart in the PDF's text, no word outside the page's
# printable width (pdftotext -bbox), and a measuring copy of the page (the
# page plus a script, a test's copy only) finds no text wider than its box.
. "$(dirname "$0")/common.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/report/history.sh" >/dev/null 2>&1

CHROME=$(command -v chromium || command -v chromium-browser || true)
chrome() {	# chrome ARG…   headless, as root only without the sandbox
	timeout 60 "$CHROME" --headless=new --no-sandbox --disable-gpu --no-first-run \
	    --disable-extensions --user-data-dir="$T_DIR/chrome" "$@" 2>>"$T_DIR/chrome.log"
}

H=$T_DIR/verslag.html
run dina report council --year 2026 --format html -o "$H"
rc_is "council --format html -o FILE" 0
html=$(cat "$H")
unlike "no scripts" "$html" "<script"
if printf '%s' "$html" | grep -Eiq '(src|href)=|url\(|@import'; then
	not_ok "no external files (src=, href=, url(), @import)"
else ok "no external files (src=, href=, url(), @import)"; fi
like "A4 portrait" "$html" "size:A4 portrait"
is "four charts" "$(printf '%s' "$html" | grep -o '<svg class="chart"' | wc -l)" 4
for id in chart-silos chart-departments chart-recognition chart-months; do
	svg=$(printf '%s' "$html" | grep -o "<svg class=\"chart\" id=\"$id\".*</svg>" | head -1)
	like "$id: has a title" "$svg" "<title>[^<]"
	like "$id: has an axis label" "$svg" 'class="axis"'
done
like "the generated text states the enquiries" "$html" "registered 7 enquiries"
like "… and the share that needed two or more departments" "$html" "43% of them needed"
like "the department table is there" "$html" "<caption>Routes per department</caption>"

# Dutch by the locale (and the configuration's language when the locale names none).
LANGUAGE=nl SEDESK_USER=dina "$SEDESK_BIN" report council --year 2026 -o "$T_DIR/nl.html"
nl=$(cat "$T_DIR/nl.html")
like "Dutch: lang=nl" "$nl" '<html lang="nl">'
like "Dutch: the title in Dutch" "$nl" "Verslag aan de gemeenteraad"
like "Dutch: the generated text in Dutch" "$nl" "registreerde het aanspreekpunt 7 vragen"

if [ -z "$CHROME" ] || ! chrome --dump-dom "file://$H" >/dev/null; then
	ok "# SKIP rendering: chromium does not start here ($(tail -1 "$T_DIR/chrome.log" 2>/dev/null)); install the Debian package chromium"
	finish
fi

chrome --no-pdf-header-footer --print-to-pdf="$T_DIR/v.pdf" "file://$H" >/dev/null
pages=$(pdfinfo "$T_DIR/v.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
is "the PDF has 4 pages" "$pages" 4
like "the PDF is A4" "$(pdfinfo "$T_DIR/v.pdf")" "(A4)"
txt=$(pdftotext -layout "$T_DIR/v.pdf" - 2>/dev/null)
for t in "Enquiries by the number of departments they needed" \
    "Working days to answer, per department" \
    "Scores at closing: the enterprise and the contact point" "Enquiries per month"; do
	like "the PDF shows the chart \"$t\"" "$txt" "$t"
done
like "the PDF shows the axis labels" "$txt" "working days from routing to answer"
# Every word inside the printable width: the page less 10 mm each side.
out=$(pdftotext -bbox "$T_DIR/v.pdf" - 2>/dev/null | awk '
	/<page / { match($0, /width="[0-9.]+"/); w = substr($0, RSTART + 7, RLENGTH - 8) }
	/<word / { match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
		   match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7)
		   n++; if (x0 + 0 < 28 || x1 + 0 > w - 28) { bad++; print "outside: " $0 } }
	END { print n " words, " bad + 0 " outside" }')
like "pdftotext -bbox: no word outside the printable width" "$out" " 0 outside"
like "… and words were there to measure" "$out" "^[1-9][0-9]* words"

chrome --window-size=794,1123 --screenshot="$T_DIR/v.png" "file://$H" >/dev/null
if [ -s "$T_DIR/v.png" ] && [ "$(head -c 4 "$T_DIR/v.png" | od -An -c | tr -d ' ')" = "211PNG" ]; then
	ok "a PNG of the first page"
else not_ok "a PNG of the first page"; fi

# The measuring copy: the page with a script that checks every table cell
# and every chart text against its box, run at the width of A4.
cat > "$T_DIR/measure.js" <<'JS'
var bad = [];
document.querySelectorAll("td,th,caption,h1,h2,p,figcaption").forEach(function (e) {
	if (e.scrollWidth > e.clientWidth + 1)
		bad.push(e.tagName + ":" + e.textContent.slice(0, 30));
});
document.querySelectorAll("svg.chart").forEach(function (s) {
	var vb = s.viewBox.baseVal;
	s.querySelectorAll("text").forEach(function (t) {
		var b = t.getBBox(), x = b.x, y = b.y, w = b.width, h = b.height;
		/* The y axis label stands turned a quarter: its box turns with it. */
		if (t.getAttribute("transform")) {
			x = b.x + b.width / 2 - b.height / 2; y = b.y + b.height / 2 - b.width / 2;
			w = b.height; h = b.width;
		}
		if (x < -0.5 || y < -0.5 || x + w > vb.width + 0.5 || y + h > vb.height + 0.5)
			bad.push(s.id + ":" + t.textContent);
	});
});
if (document.documentElement.scrollWidth > window.innerWidth)
	bad.push("page wider than the window");
document.body.insertAdjacentHTML("beforeend", "<pre id=verdict>" + (bad.length ?
    "OVERFLOW " + bad.join(" | ") : "FITS " + document.querySelectorAll("svg.chart text").length) +
    "</pre>");
JS
measure() {	# measure FILE.html -> the script's verdict
	awk -v js="$T_DIR/measure.js" '/<\/body>/ { print "<script>"; while ((getline l < js) > 0)
		print l; print "</script>" } { print }' "$1" > "$1.measure.html"
	chrome --window-size=680,1000 --dump-dom "file://$1.measure.html" |
	    grep -o '<pre id="verdict">[^<]*'
}
v=$(measure "$H")
like "measured: no text overflows its box" "$v" "FITS [1-9]"
# The measure sees an overflow when there is one: a cell that cannot wrap,
# a chart label past the chart's edge.
sed 's|<td>Niet voor ons</td>|<td style="white-space:nowrap">Niet_voor_ons_niet_voor_ons_niet_voor_ons_niet_voor_ons_niet_voor_ons</td>|' \
    "$H" > "$T_DIR/broken.html"
like "… and finds a cell that overflows" "$(measure "$T_DIR/broken.html")" "OVERFLOW TD:Niet_voor"
sed 's|\(<svg class="chart" id="chart-silos"[^>]*>\)|\1<text x="600" y="100">far past the edge of the chart</text>|' \
    "$H" > "$T_DIR/broken2.html"
like "… and a chart text past the chart's edge" "$(measure "$T_DIR/broken2.html")" \
    "OVERFLOW chart-silos:far past"
finish
