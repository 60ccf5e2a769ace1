#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer on stable Rust, without cargo-fuzz.
#
#   fuzz/run-libfuzzer.sh TARGET [libFuzzer options…]
#   fuzz/run-libfuzzer.sh extract -max_total_time=300
#
# TARGET is one of: table translit normalize resolve extract jsonl snapshot.
# cargo-fuzz would add -Zsanitizer=address, which needs nightly; the
# instrumentation libFuzzer needs (SanitizerCoverage) is reachable on stable
# through -Cpasses and -Cllvm-args, so this script sets those flags itself and
# builds into its own target dir (fuzz/target/libfuzzer) so that the flags
# never force a rebuild of the normal build. Needs a C++ compiler (libfuzzer-sys
# builds libFuzzer from source). Crashes land in fuzz/artifacts/TARGET/, the
# growing corpus in fuzz/corpus/TARGET/ (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")"

target="${1:?name a target: table translit normalize resolve extract jsonl snapshot}"
shift

export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 -Cdebug-assertions -Coverflow-checks"
host="$(rustc -vV | sed -n "s/^host: //p")"
# --target keeps RUSTFLAGS off build scripts, which must not be instrumented.
cargo build --release --features libfuzzer --bin "fuzz_$target" --target-dir target/libfuzzer --target "$host"

mkdir -p "corpus/$target" "artifacts/$target"
exec "target/libfuzzer/$host/release/fuzz_$target" "corpus/$target" \
    -artifact_prefix="artifacts/$target/" -max_len=4096 "$@"
