//! Inflected names without a morphological analyser: case endings and
//! proclitics are stripped from words of the text, nominative endings from
//! the registry's names, and the stems are compared (rules in
//! `tables/names/inflection.tsv`).

use std::collections::HashMap;

use unicode_script::{Script, UnicodeScript};

/// The rules of one script.
#[derive(Debug, Default)]
struct Rules {
    /// Longest first.
    endings: Vec<String>,
    /// Endings added to the nominative as it is (German genitive -s): the
    /// stem must be a whole name word, never a name's stem.
    genitives: Vec<String>,
    particles: Vec<String>,
    /// A proclitic, and what the name starts with in its place (Arabic
    /// للقاهرة: the article's alef is not written after ل, so لل stands for
    /// ل and ال).
    prefixes: Vec<(String, String)>,
    nominative: Vec<String>,
    alternations: Vec<(String, String)>,
}

/// A stem of a word of the text, and how many bytes of the word a mention
/// leaves out at each end (a particle or a proclitic is not part of the name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stem {
    pub(crate) text: String,
    pub(crate) trim_start: usize,
    pub(crate) trim_end: usize,
    /// The stem must equal a whole name word (a genitive ending).
    pub(crate) whole: bool,
    /// One letter shorter than a stem may be alone ([`min_stem`]): it
    /// may only be a word of a longer name, whose other words bear it out
    /// (Кира Стармера, Keir Starmer's genitive; never Кира alone).
    pub(crate) short: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Inflection {
    by_script: HashMap<Script, Rules>,
}

/// Stems shorter than this (in letters) never match: short stems of common
/// words would meet too many names. Syllabic Hangul packs more per letter.
fn min_stem(script: Script) -> usize {
    match script {
        Script::Hangul => 2,
        Script::Arabic | Script::Hebrew => 3,
        _ => 4,
    }
}

fn script_of(word: &str) -> Option<Script> {
    word.chars().find(|c| c.is_alphabetic()).map(|c| c.script())
}

impl Inflection {
    pub(crate) fn builtin() -> Inflection {
        let mut by_script: HashMap<Script, Rules> = HashMap::new();
        for f in crate::util::tsv_rows(include_str!("../../tables/names/inflection.tsv")) {
            let (Some(script), Some(kind), Some(affix)) = (f.first(), f.get(1), f.get(2)) else { continue };
            let Some(script) = Script::from_short_name(script) else { continue };
            let rules = by_script.entry(script).or_default();
            let affix = affix.to_string();
            match *kind {
                "ending" => rules.endings.push(affix),
                "genitive" => rules.genitives.push(affix),
                "particle" => rules.particles.push(affix),
                "prefix" => rules.prefixes.push((affix, f.get(3).unwrap_or(&"").to_string())),
                "nominative" => rules.nominative.push(affix),
                "alternation" => rules.alternations.push((affix, f.get(3).unwrap_or(&"").to_string())),
                _ => {}
            }
        }
        for rules in by_script.values_mut() {
            for list in
                [&mut rules.endings, &mut rules.genitives, &mut rules.particles, &mut rules.nominative]
            {
                list.sort_by_key(|a| std::cmp::Reverse(a.chars().count()));
                list.dedup();
            }
            rules.prefixes.sort_by_key(|(a, _)| std::cmp::Reverse(a.chars().count()));
            rules.prefixes.dedup();
        }
        Inflection { by_script }
    }

    /// Stems a word of the text may have: the word without each ending,
    /// particle or prefix that fits it (lower case, in its own script).
    pub(crate) fn text_stems(&self, word: &str) -> Vec<Stem> {
        let Some(script) = script_of(word) else { return Vec::new() };
        let Some(rules) = self.by_script.get(&script) else { return Vec::new() };
        let lower = word.to_lowercase();
        // Lower-casing can change byte lengths (İ); spans are only trimmed
        // where it did not, so they stay true to the original word.
        let same_len = lower.len() == word.len();
        let min = min_stem(script);
        let mut stems = Vec::new();
        let mut push = |stem: &str, trim_start: usize, trim_end: usize, whole: bool| {
            let letters = stem.chars().count();
            if letters + 1 >= min && letters >= 2 {
                let (trim_start, trim_end) = if same_len { (trim_start, trim_end) } else { (0, 0) };
                stems.push(Stem {
                    text: stem.to_string(),
                    trim_start,
                    trim_end,
                    whole,
                    short: letters < min,
                });
            }
        };
        for e in &rules.endings {
            if let Some(stem) = lower.strip_suffix(e.as_str()) {
                push(stem, 0, 0, false);
            }
        }
        for e in &rules.genitives {
            if let Some(stem) = lower.strip_suffix(e.as_str()) {
                push(stem, 0, 0, true);
            }
        }
        for e in &rules.particles {
            if let Some(stem) = lower.strip_suffix(e.as_str()) {
                push(stem, 0, e.len(), false);
            }
        }
        for (p, to) in &rules.prefixes {
            if let Some(rest) = lower.strip_prefix(p.as_str()) {
                // The letters the proclitic and the name's start share are
                // the name's, written (لل: the second ل is the article's).
                let shared = p.chars().rev().zip(to.chars().rev()).take_while(|(a, b)| a == b);
                let kept: usize = shared.map(|(a, _)| a.len_utf8()).sum();
                push(&format!("{to}{rest}"), p.len() - kept, 0, false);
            }
        }
        stems
    }

    /// The stems of a registry name's word: the word itself, the word
    /// without its nominative ending (the longest that fits), and, for a
    /// word of a place's name (`place`), its alternates. (A text word
    /// stripped of its ending may equal the name as it is: Putinem →
    /// Putin.) The alternations are those of the locative (w Katarze, w
    /// Niemczech, у Львові), the case of places: a person is in it after
    /// "about" only, and a stem more for every word of every person's name
    /// costs memory at a million names.
    pub(crate) fn name_stems(&self, word: &str, place: bool) -> Vec<String> {
        let Some(script) = script_of(word) else { return Vec::new() };
        let Some(rules) = self.by_script.get(&script) else { return Vec::new() };
        let lower = word.to_lowercase();
        let min = min_stem(script);
        let stem = rules
            .nominative
            .iter()
            .find_map(|e| lower.strip_suffix(e.as_str()).filter(|s| s.chars().count() >= min))
            .unwrap_or(&lower)
            .to_string();
        let mut stems = vec![lower.clone()];
        if stem != lower {
            stems.push(stem.clone());
        }
        for (from, to) in rules.alternations.iter().filter(|_| place) {
            if let Some(head) = stem.strip_suffix(from.as_str()) {
                stems.push(format!("{head}{to}"));
            }
        }
        // One letter shorter too: a text's stem that short only counts as a
        // word of a longer name ([`Stem::short`]).
        stems.retain(|s| s.chars().count() + 1 >= min);
        stems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meets(text_word: &str, name_word: &str) -> bool {
        let inf = Inflection::builtin();
        let names = inf.name_stems(name_word, true);
        inf.text_stems(text_word).iter().any(|s| names.contains(&s.text))
    }

    /// A genitive -s is added to a name as it is (Putins, Kiews), so its
    /// stem must be the whole name: Talks is no form of Talca.
    #[test]
    fn a_genitive_meets_only_a_whole_name() {
        let inf = Inflection::builtin();
        let whole = |text: &str, name: &str| {
            inf.text_stems(text).iter().any(|s| {
                if s.whole {
                    s.text == name.to_lowercase()
                } else {
                    inf.name_stems(name, true).contains(&s.text)
                }
            })
        };
        assert!(whole("Putins", "Putin"));
        assert!(whole("Kiews", "Kiew"));
        assert!(!whole("Talks", "Talca"));
        assert!(!whole("Marks", "Marka"));
    }

    #[test]
    fn case_forms_meet_their_nominative() {
        assert!(meets("Зеленського", "Зеленський"));
        assert!(meets("Зеленского", "Зеленский"));
        assert!(meets("Путиным", "Путин"));
        assert!(meets("Москвы", "Москва"));
        assert!(meets("Києва", "Київ"));
        assert!(meets("Харкова", "Харків"));
        assert!(meets("Киеве", "Киев"));
        assert!(meets("Zełenskiego", "Zełenski"));
        assert!(meets("Kijowa", "Kijów"));
        assert!(meets("Moskwie", "Moskwa"));
        assert!(meets("Putinem", "Putin"));
        assert!(meets("김정은이", "김정은"));
        assert!(meets("وموسكو", "موسكو"));
    }

    #[test]
    fn particles_and_prefixes_are_left_out_of_the_span() {
        let inf = Inflection::builtin();
        let stems = inf.text_stems("김정은이");
        assert!(stems.iter().any(|s| s.text == "김정은" && s.trim_end == "이".len()), "{stems:?}");
        let stems = inf.text_stems("במוסקבה");
        assert!(stems.iter().any(|s| s.text == "מוסקבה" && s.trim_start == "ב".len()), "{stems:?}");
        // Two proclitics (and, in), and ل before the article, whose alef
        // it drops: the name starts at the article's ل.
        let stems = inf.text_stems("وبموسكو");
        assert!(stems.iter().any(|s| s.text == "موسكو" && s.trim_start == "وب".len()), "{stems:?}");
        let stems = inf.text_stems("وللقاهرة");
        assert!(stems.iter().any(|s| s.text == "القاهرة" && s.trim_start == "ول".len()), "{stems:?}");
    }

    /// The locative softens a stem's last consonant in Polish and Czech (w
    /// Katarze, w Niemczech, v Praze): a place's name has those stems too, a
    /// person's not (its words are seldom in the locative).
    #[test]
    fn a_place_name_has_its_softened_stems() {
        let inf = Inflection::builtin();
        assert!(meets("Katarze", "Katar"));
        assert!(meets("Niemczech", "Niemcy"));
        assert!(meets("Włoszech", "Włochy"));
        assert!(meets("Pradze", "Praga"));
        assert!(meets("Praze", "Praha"));
        assert!(meets("Egipcie", "Egipt"));
        assert!(!inf.name_stems("Starmer", false).contains(&"starmerz".to_string()));
        assert!(inf.name_stems("Katar", true).contains(&"katarz".to_string()));
    }

    /// A stem one letter short of standing alone meets a name only as
    /// `short`, which the scanner takes only inside a longer name (Кира
    /// Стармера); shorter still, never.
    #[test]
    fn short_stems_meet_only_as_short() {
        let inf = Inflection::builtin();
        let meeting = |text: &str, name: &str| -> Vec<bool> {
            let names = inf.name_stems(name, true);
            inf.text_stems(text).into_iter().filter(|s| names.contains(&s.text)).map(|s| s.short).collect()
        };
        assert_eq!(meeting("Мира", "Мир"), [true]);
        assert!(meeting("Male", "Mali").is_empty());
        assert_eq!(meeting("Кира", "Кир"), [true]);
        assert!(meeting("Уфы", "Уфа").is_empty());
        assert_eq!(meeting("Путиным", "Путин"), [false]);
    }
}
