#!/bin/bash
# tests/bench/report, which puts a `make bench` run's blocks into
# tests/bench/RESULTS.md: a run replaces its own block where it stands,
# appends a new one at the end, and keeps everything else, the analyses
# written by hand above all (it used to keep only the scale blocks and the
# text before them, so every run dropped the rest).
. "$(dirname "$0")/common.sh"
report=${BENCH_REPORT:-$(dirname "$0")/../bench/report}

cat >"$T_DIR/R.md" <<'MD'
intro, edited by hand

<!-- scale:10k -->
old 10k
<!-- /scale:10k -->

notes between the blocks
<!-- lead, session 8 -->
a hand-written block
<!-- /lead, session 8 -->
<!-- scale:1m -->
old 1m
<!-- /scale:1m -->
notes after the last block
MD
cat >"$T_DIR/S.md" <<'MD'
<!-- scale:10k -->
new 10k
<!-- /scale:10k -->
<!-- scale:10k-check -->
new check rows
<!-- /scale:10k-check -->
MD
"$report" 10k "$T_DIR/S.md" "$T_DIR/R.md"
RC=$?
rc_is "the report runs" 0
OUT=$(cat "$T_DIR/R.md")
like "the run's block is the new one" "$OUT" "new 10k"
unlike "…and the old one is gone" "$OUT" "old 10k"
is "…where the old one stood (line 4)" "$(sed -n 4p "$T_DIR/R.md")" "new 10k"
like "the intro is kept" "$OUT" "intro, edited by hand"
like "notes between blocks are kept" "$OUT" "notes between the blocks"
like "a hand-written block is kept" "$OUT" "a hand-written block"
like "another scale's block is kept" "$OUT" "old 1m"
like "notes after the last block are kept" "$OUT" "notes after the last block"
is "a new block goes at the end" "$(tail -1 "$T_DIR/R.md")" "<!-- /scale:10k-check -->"
is "the new block comes once" "$(grep -c "new check rows" "$T_DIR/R.md")" 1

# A second run of the same scale replaces it again, nothing doubles.
sed -i 's/new 10k/newer 10k/; s/new check rows/newer check rows/' "$T_DIR/S.md"
"$report" 10k "$T_DIR/S.md" "$T_DIR/R.md"
OUT=$(cat "$T_DIR/R.md")
is "a second run: one 10k block" "$(grep -c "^<!-- scale:10k -->" "$T_DIR/R.md")" 1
is "…one check block, replaced" "$(grep -c "check rows" "$T_DIR/R.md")" 1
like "…with the newer rows" "$OUT" "newer check rows"
like "…and the hand-written block still there" "$OUT" "a hand-written block"

# A new file starts with RESULTS.head.md.
"$report" 10k "$T_DIR/S.md" "$T_DIR/new.md"
is "a new file starts with the head" "$(head -1 "$T_DIR/new.md")" "# sedesk benchmark results"
like "…and holds the run's blocks" "$(cat "$T_DIR/new.md")" "newer 10k"

finish
