#!/usr/bin/env bash
# Wall time of one short CLI call, `nomen resolve Kyiv`: the first run
# (builds and saves the index), later runs (load it from the cache) and runs
# without a cache. Prints the median of RUNS runs of the later runs (3 of the
# others), in ms, and the peak RSS of one later run.
#
#   bash bench/startup.sh                     # the built-in tables; RUNS=20 by default
#   bash bench/startup.sh registry_1m.tsv     # a table of your own instead (--no-builtin)
#
# The bench generator writes registries of 100k and 1M aliases:
#   cargo run --release --example bench_data -- /tmp/bd
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
cargo build --release --quiet
bin=target/release/nomen
tables=()
if [ $# -gt 0 ]; then tables=(--no-builtin --tables "$1"); fi
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT

ms() { # run "$@" once, print its wall time in ms
  local t0 t1
  t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() { $bin "${tables[@]}" resolve Kyiv; }

first=$(for _ in $(seq 3); do rm -rf "${cache:?}"/*; NOMEN_CACHE_DIR=$cache ms run; done | median)
NOMEN_CACHE_DIR=$cache run >/dev/null
cached=$(for _ in $(seq "$RUNS"); do NOMEN_CACHE_DIR=$cache ms run; done | median)
none=$(for _ in $(seq 3); do NOMEN_CACHE_DIR= ms run; done | median)
echo "nomen ${tables[*]:+${tables[*]} }resolve Kyiv (median wall ms):"
echo "  no cache (NOMEN_CACHE_DIR empty): $none"
echo "  first run (build + save):         $first"
echo "  later runs (load from the cache): $cached"
if [ -x /usr/bin/time ]; then
  NOMEN_CACHE_DIR=$cache /usr/bin/time -f "  peak RSS of a later run:          %M KB" "$bin" "${tables[@]}" resolve Kyiv >/dev/null
fi
