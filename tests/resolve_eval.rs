//! Resolution accuracy on the public dev split (tests/data/eval/), measured
//! by `nomen eval resolve`: the registry alone (no built-in tables), every
//! query resolved with the default threshold. Asserts floors under the
//! measured figures so that a change that loses accuracy, or accepts more
//! near-miss negatives, fails here.
//!
//! `cargo test --release --test resolve_eval -- --nocapture` prints the
//! table (the same as `nomen eval resolve --registry
//! tests/data/eval/registry_dev.tsv --queries tests/data/eval/queries_dev.tsv`).

mod common;

use serde_json::Value;

const ARGS: [&str; 6] = [
    "eval",
    "resolve",
    "--registry",
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/eval/registry_dev.tsv"),
    "--queries",
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/eval/queries_dev.tsv"),
];

#[test]
fn dev_set_accuracy() {
    let text = common::run(&ARGS, None);
    assert_eq!(text.code, 0, "{}", text.stderr);
    println!("{}", text.stdout);
    let json = common::run(&[&["--format", "json"][..], &ARGS].concat(), None);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let v: Value = serde_json::from_str(&json.stdout).expect("one JSON object");
    let top1 = v["positives"]["top1"].as_f64().expect("top1");
    let false_accepts = v["negatives"]["false_accept_rate"].as_f64().expect("false_accept_rate");
    assert_eq!(v["positives"]["queries"], 10_896);
    assert_eq!(v["negatives"]["queries"], 177);
    assert!(top1 >= 0.60, "top-1 accuracy {top1:.3}");
    assert!(false_accepts <= 0.02, "false accepts {false_accepts:.3}");
    // No script may fall far below the others unnoticed.
    for script in ["Cyrillic", "Arabic", "Han", "Hangul", "Japanese"] {
        let s = v["by_script"][script]["top1"].as_f64().expect("script");
        assert!(s >= 0.4, "{script}: top-1 {s:.3}");
    }
    // Latin, the largest group, where the readings of other romanizations
    // (Wade–Giles, national transcriptions of Chinese, romanized kana) count.
    let latin = v["by_script"]["Latin"]["top1"].as_f64().expect("Latin");
    assert!(latin >= 0.52, "Latin: top-1 {latin:.3}");
}
