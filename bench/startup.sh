#!/usr/bin/env bash
# Wall time of one short CLI call, `nomen resolve Kyiv` with the built-in
# tables: the first run (builds and saves the index) and later runs (load
# it from the cache). Prints the median of RUNS runs of each, in ms.
#
#   bash bench/startup.sh            # RUNS=20 by default
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
cargo build --release --quiet
bin=target/release/nomen
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT

ms() { # run "$@" once, print its wall time in ms
  local t0 t1
  t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

first=$(for _ in $(seq 3); do rm -rf "$cache"/*; NOMEN_CACHE_DIR=$cache ms $bin resolve Kyiv; done | median)
NOMEN_CACHE_DIR=$cache $bin resolve Kyiv >/dev/null
cached=$(for _ in $(seq "$RUNS"); do NOMEN_CACHE_DIR=$cache ms $bin resolve Kyiv; done | median)
none=$(for _ in $(seq 3); do NOMEN_CACHE_DIR= ms $bin resolve Kyiv; done | median)
echo "nomen resolve Kyiv, built-in tables (median wall ms):"
echo "  no cache (NOMEN_CACHE_DIR empty): $none"
echo "  first run (build + save):         $first"
echo "  later runs (load from the cache): $cached"
