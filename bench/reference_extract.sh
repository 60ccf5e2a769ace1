#!/usr/bin/env bash
# nomen's extractor on the inputs of ../shared/bench's reference generator (make_registry_and_news.py:
# its 100k registry, read as person aliases, and its news_5mb.txt), next to a plain pyahocorasick loop
# with a word-boundary check over the same inputs. Reads ../shared: a dev tool, not a test.
#
#     bash bench/reference_extract.sh        # READINGS=5 warm readings by default
#
# pyahocorasick comes from the venv bench/compare/run.sh makes (target/compare/venv), or is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/reference-data
READINGS=${READINGS:-5}
mkdir -p "$OUT"
[ -f "$OUT/news_5mb.txt" ] || python3 ../shared/bench/make_registry_and_news.py "$OUT" >&2
# alias<TAB>id → nomen's table format.
awk -F'\t' 'BEGIN { print "id\tkind\tname\tlang\ttype" }
    { print "person:" tolower($2) "\tperson\t" $1 "\ten\talias" }' "$OUT/registry_100k.tsv" >"$OUT/nomen_100k.tsv"
cargo build --release --quiet --example extract_warm
echo "nomen: $(target/release/examples/extract_warm "$OUT/nomen_100k.tsv" "$OUT/news_5mb.txt" "$READINGS")"
py=target/compare/venv/bin/python
if [ -x "$py" ] && "$py" -c 'import ahocorasick' 2>/dev/null; then
    echo "pyahocorasick: $("$py" bench/reference_pyahocorasick.py "$OUT/registry_100k.tsv" "$OUT/news_5mb.txt")"
else
    echo "pyahocorasick: skipped (run bash bench/compare/run.sh once to make its venv)"
fi
