//! Hard person-name pairs (tests/data/cases/name_pairs.tsv): every left name
//! is an entity of one registry; each right name is resolved against it and
//! must reach its left name's entity (`same`) or must not (`different`).
//!
//! Prints every failing case and how many pass; asserts a floor for each
//! side, so a change that breaks a case that passes today fails the test.
//! Run `cargo test --test name_pairs -- --nocapture` to see the list.

use std::collections::BTreeMap;

use nomen::{Registry, Resolver};

/// What passes today; raise these when more rules land.
const SAME_FLOOR: usize = 110;
const DIFFERENT_FLOOR: usize = 57;

/// Cases of rules that must hold one by one, not only in the count:
/// particles (name_particles.tsv) and optional patronymics.
const MUST_PASS: [&str; 17] = [
    "assad-no-particle",
    "assad-el",
    "assad-ar",
    "abdullah-ibn",
    "abdullah-no-nasab",
    "abdullah-short",
    "abdullah-brother",
    "mbr-not-mbs",
    "al-given-name",
    "putin-patronymic",
    "putin-official-order",
    "putin-cyrl-patronymic",
    "tymoshenko-uk",
    "matviyenko",
    "medvedev-alias-patronymic",
    "medvedev-other-father",
    "abramovich-surname",
];

struct Case<'a> {
    name: &'a str,
    left: &'a str,
    right: &'a str,
    same: bool,
}

fn cases(text: &str) -> Vec<Case<'_>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "name_pairs.tsv: five fields: {l}");
            assert!(matches!(f[3], "same" | "different"), "name_pairs.tsv: same or different: {l}");
            Case { name: f[0], left: f[1], right: f[2], same: f[3] == "same" }
        })
        .collect()
}

#[test]
fn hard_name_pairs() {
    let text = include_str!("data/cases/name_pairs.tsv");
    let cases = cases(text);
    // One entity per distinct left name.
    let mut ids: BTreeMap<&str, String> = BTreeMap::new();
    for c in &cases {
        let n = ids.len();
        ids.entry(c.left).or_insert_with(|| format!("person:p{n:03}"));
    }
    let mut table = String::from("id\tkind\tname\n");
    for (name, id) in &ids {
        table.push_str(&format!("{id}\tperson\t{name}\n"));
    }
    let registry =
        Registry::builder().no_builtin().add_table("name_pairs", table).build().expect("the pairs' registry");
    let resolver = Resolver::new(&registry);
    let (mut same_ok, mut same_all, mut diff_ok, mut diff_all) = (0, 0, 0, 0);
    let mut must_fail = Vec::new();
    for c in &cases {
        let r = resolver.resolve(c.right);
        let best = r.best();
        let hit = best.is_some_and(|m| Some(m.entity.id()) == ids.get(c.left).map(String::as_str));
        let ok = hit == c.same;
        if c.same {
            same_all += 1;
            same_ok += usize::from(ok);
        } else {
            diff_all += 1;
            diff_ok += usize::from(ok);
        }
        if !ok && MUST_PASS.contains(&c.name) {
            must_fail.push(c.name);
        }
        if !ok {
            let got = best.map_or("nothing".to_string(), |m| format!("{} ({:.3})", m.entity.name(), m.score));
            let want = if c.same { "expected" } else { "expected anything but" };
            println!("FAIL {}: {:?} → {got}; {want} {:?}", c.name, c.right, c.left);
        }
    }
    println!("name pairs: {same_ok}/{same_all} pairs resolved, {diff_ok}/{diff_all} non-pairs kept apart");
    assert!(must_fail.is_empty(), "cases that must pass fail: {must_fail:?}");
    assert!(
        MUST_PASS.iter().all(|n| cases.iter().any(|c| c.name == *n)),
        "a case named in MUST_PASS is missing from name_pairs.tsv"
    );
    assert!(same_ok >= SAME_FLOOR, "pairs resolved: {same_ok} < floor {SAME_FLOOR}");
    assert!(diff_ok >= DIFFERENT_FLOOR, "non-pairs kept apart: {diff_ok} < floor {DIFFERENT_FLOOR}");
}
