#!/usr/bin/env bash
# nomen side by side with PyICU, anyascii, unidecode, iuliia, rigour, rapidfuzz, nomenklatura,
# pyahocorasick and flashtext, on the same inputs, in one command:
#
#     bash bench/compare/run.sh [--rounds N] [--rounds-1m N] [--tasks translit,exact,resolve,extract]
#
# Installs what it needs (Debian's libicu-dev and pkg-config for PyICU, a Python venv in
# target/compare/venv with the peers of requirements.txt), builds nomen --release, writes the
# bench data with the project's generator (examples/bench_data.rs → target/bench-data/), then
# runs compare.py, which prints the Markdown table and writes target/compare/table.md.
# Not part of CI: it downloads packages and runs for about a quarter of an hour on 2 cores.
# Reads ../shared/ (conformance scripts, eval/resolve): a dev tool, not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=target/compare
VENV=$OUT/venv
mkdir -p "$OUT"

say() { printf '== %s\n' "$*" >&2; }

# System packages: PyICU compiles against ICU and finds it through pkg-config.
need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists icu-i18n 2>/dev/null || need+=(libicu-dev)
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
[ -x /usr/bin/time ] || need+=(time) # GNU time: each run's own peak memory
if ((${#need[@]})); then
    say "installing ${need[*]}"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
    fi
fi

# The peers, each on its own, so one that fails to install does not stop the others.
if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip >&2
fi
while read -r req; do
    case "$req" in '' | '#'*) continue ;; esac
    if ! "$VENV/bin/python" -m pip install -q "$req" >"$OUT/pip.log" 2>&1; then
        say "could not install $req (the table will say so); see $OUT/pip.log"
        tail -n 5 "$OUT/pip.log" >&2
    fi
done <bench/compare/requirements.txt

say "building nomen and the bench-data generator (release)"
cargo build --release --quiet --bin nomen --example bench_data
mkdir -p "$OUT/bin"
if [ -n "${NOMEN_REV:-}" ]; then
    # NOMEN_REV=<git revision>: measure that commit (built from `git archive` in $OUT/rev),
    # not the work tree, e.g. while uncommitted work is in progress in src/.
    say "building nomen at $NOMEN_REV"
    rm -rf "$OUT/rev/src" && mkdir -p "$OUT/rev/src"
    git archive "$NOMEN_REV" | tar -x -C "$OUT/rev/src"
    CARGO_TARGET_DIR="$PWD/$OUT/rev/target" cargo build --release --quiet --bin nomen \
        --manifest-path "$OUT/rev/src/Cargo.toml"
    cp "$OUT/rev/target/release/nomen" "$OUT/bin/nomen"
    export NOMEN_DESCRIBE
    NOMEN_DESCRIBE="$(git describe --always "$NOMEN_REV")"
else
    # A copy, so that a rebuild during the run (another cargo command) cannot change what is measured.
    cp target/release/nomen "$OUT/bin/nomen"
fi

say "writing the bench data"
target/release/examples/bench_data target/bench-data >&2

say "comparing"
"$VENV/bin/python" bench/compare/compare.py --nomen "$OUT/bin/nomen" --data target/bench-data --out "$OUT" "$@"
