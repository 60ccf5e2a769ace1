//! libFuzzer entry point for nomen_fuzz::snapshot (see README.md, "Fuzzing").
#![no_main]

libfuzzer_sys::fuzz_target!(init: nomen_fuzz::init(), |data: &[u8]| nomen_fuzz::snapshot(data));
