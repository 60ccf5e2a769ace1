//! Names in Latin letters other than as the tables write them, read again
//! as the tables would. Chinese names in Wade–Giles (Ta-t'ung, Hsin-yu-hsien,
//! Mao Tse-tung) and pinyin with an administrative syllable (xin yu shi,
//! Shenyang-shi): their letters are far from the pinyin of the same name
//! (Ta-t'ung and Datong share three), so no edit distance finds them; read
//! syllable by syllable (`tables/normalize/wade_giles.tsv`) they are that
//! pinyin; so are Chinese names in the national transcriptions of European
//! languages (Czech Čao-čching, Polish Czengczou: `pinyin_national.tsv`).
//! Names transcribed with Central European letters (Džakarta, Fudžou), read
//! with English and pinyin digraphs. Foreign names written in Hangul or
//! katakana and romanized (budapeseuteu, mosukuwa), Chinese transcriptions
//! in pinyin a syllable a word (lei nuo sa), and names transliterated
//! letter for letter from Arabic script without short vowels (mnsk), read
//! back into the script they were written in, to be compared as names of
//! that script.
//! Foreign names in a Russian romanization (Dzhakarta, Adehn) read with
//! English spelling, and those in Cyrillic letters through their
//! romanization (Джакарта, Џакарта); Chinese names in Russian Cyrillic
//! (Palladius: Си Цзиньпин, Чжэнчжоу) read as pinyin. Foreign names in Thai
//! read with their letters as spelt (เอเธนส์: ethens, not RTGS Ethen), in
//! Greek with the letters English spells them with (Αρούμπα: aruba), and in
//! Burmese with the letters of their sounds (ကိုမိုရိုစ်: komoros).

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use crate::normalize::MatchKey;
use crate::translit::RuleSet;
use crate::util::FastHash;

/// Every other reading of `name`, none for nearly every name: pinyin for
/// Wade–Giles and Palladius, digraphs for Central European letters, English
/// letters for Hungarian digraphs, Hangul for romanized Korean, katakana for
/// romanized Japanese, Arabic script for a vowel-less transliteration,
/// English spelling for a Russian romanization, for Cyrillic and for Greek,
/// letters as spelt for Thai, sounds for Burmese, Khmer and Lao, pinyin for
/// the national transcriptions of Mandarin (of a name read in several ways,
/// those `known` takes), Chinese characters for pinyin a syllable a word.
/// Each reading lets a name go on a test of its letters before it makes a
/// string: every query passes here.
pub(crate) fn readings(name: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut out = pinyin_readings(name);
    out.extend(digraph_reading(name));
    out.extend(hungarian_reading(name));
    out.extend(hangul_reading(name));
    out.extend(kana_reading(name));
    out.extend(abjad_reading(name));
    out.extend(russian_latin_reading(name));
    out.extend(cyrillic_reading(name));
    out.extend(palladius_reading(name));
    out.extend(national_readings(name, known));
    out.extend(thai_reading(name));
    out.extend(greek_reading(name));
    out.extend(sound_reading(name));
    out.extend(japanese_reading(name));
    out.extend(han_reading(name));
    out
}

/// A name of kanji alone read as Japanese: without kana beside them, Han
/// characters are read as Chinese (川口 Chuankou), and a Japanese place is
/// named by its Japanese reading (Kawaguchi).
fn japanese_reading(name: &str) -> Option<String> {
    use unicode_script::{Script, UnicodeScript};
    let mut letters = name.chars().filter(|c| c.is_alphabetic()).peekable();
    if letters.peek().is_none() || !letters.all(|c| c.script() == Script::Han) {
        return None;
    }
    Some(crate::translit::transliterate_lang(name, Some("ja")).to_lowercase())
}

/// A name in Chinese characters written as their pinyin, a word a
/// syllable (lei nuo sa, mo si ke: 雷诺萨 Reynosa, 莫斯科 Moscow), read
/// back into characters, one for each syllable
/// (`tables/translit/han_readings.tsv`), to be compared as a name in that
/// script: a Chinese transcription's letters differ from the name's as
/// much as the characters' pinyin does. Only three syllables or more, each
/// a word of its own: two (Xi Jinping, Ming Cai) are a Chinese name.
fn han_reading(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 3 || !name.is_ascii() {
        return None;
    }
    let characters = han_characters();
    words.iter().map(|w| characters.get(w.to_ascii_lowercase().as_str()).copied()).collect()
}

/// A character for each pinyin syllable: the first of the readings table
/// read that way alone (of the unified ideographs).
fn han_characters() -> &'static HashMap<&'static str, char, FastHash> {
    static CHARACTERS: OnceLock<HashMap<&'static str, char, FastHash>> = OnceLock::new();
    CHARACTERS.get_or_init(|| {
        let mut characters: HashMap<&str, char, FastHash> = HashMap::default();
        for row in crate::util::tsv_rows(include_str!("../../tables/translit/han_readings.tsv")) {
            let [word, reading, ..] = row[..] else { continue };
            let mut chars = word.chars();
            if let (Some(c @ '\u{4E00}'..='\u{9FFF}'), None) = (chars.next(), chars.next()) {
                characters.entry(reading).or_insert(c);
            }
        }
        characters
    })
}

/// A foreign name in Greek letters read through its romanization with the
/// letters English spells it with (`tables/normalize/greek_latin.rules`):
/// Greek writes b, d, g, j, u with two letters, which ELOT 743 keeps
/// (Αρούμπα Aroumpa, Ντέρμπαν Dermpan, Φίτζι Fitzi: aruba, derban, fiji).
/// Only a name with μπ ντ γκ γγ τζ ου or γι.
fn greek_reading(name: &str) -> Option<String> {
    static RULES: OnceLock<Option<RuleSet>> = OnceLock::new();
    if !name.chars().any(|c| matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}')) {
        return None;
    }
    let latin = romanized(name).to_lowercase();
    if !["mp", "nt", "gk", "gg", "tz", "ou", "gi"].iter().any(|pair| latin.contains(pair)) {
        return None;
    }
    let file = "tables/normalize/greek_latin.rules";
    read_with(&RULES, file, include_str!("../../tables/normalize/greek_latin.rules"), &latin)
}

/// A foreign name in Burmese, Khmer or Lao read with the letters its
/// sounds have in the name's own spelling, by the rules of its script
/// (`tables/normalize/{burmese,khmer,lao}_latin.rules`: Burmese ော, ို, စ,
/// ဂျ as o, o, s, j; Khmer ហ្គ and ី, spelt hk and ei, as g and i; Lao ຊ,
/// spelt x, as s): ဟောင်ကောင် honkon (not heankean), ហ្គីយ៉ាន giyan
/// (Guyana), ຊູດານ sudan. Without the word for city that Burmese writes
/// after a city's name (မြို့: မနီလာမြို့ is Manila).
fn sound_reading(name: &str) -> Option<String> {
    static BURMESE: OnceLock<Option<RuleSet>> = OnceLock::new();
    static KHMER: OnceLock<Option<RuleSet>> = OnceLock::new();
    static LAO: OnceLock<Option<RuleSet>> = OnceLock::new();
    let name = name.trim();
    let (cell, file, rules, name) = match name.chars().find(|c| c.is_alphabetic())? {
        '\u{1000}'..='\u{109F}' => (
            &BURMESE,
            "tables/normalize/burmese_latin.rules",
            include_str!("../../tables/normalize/burmese_latin.rules"),
            name.strip_suffix("မြို့").filter(|rest| !rest.is_empty()).unwrap_or(name),
        ),
        '\u{1780}'..='\u{17FF}' => (
            &KHMER,
            "tables/normalize/khmer_latin.rules",
            include_str!("../../tables/normalize/khmer_latin.rules"),
            name,
        ),
        '\u{0E80}'..='\u{0EFF}' => (
            &LAO,
            "tables/normalize/lao_latin.rules",
            include_str!("../../tables/normalize/lao_latin.rules"),
            name,
        ),
        _ => return None,
    };
    read_with(cell, file, rules, &romanized(name).to_lowercase())
}

/// A foreign name written in Thai read with its letters as spelt, not as
/// Thai says them: a letter the thanthakhat silences is the source's
/// (เอเธนส์, Athens: RTGS Ethen, here ethens), and a consonant that ends a
/// syllable keeps its first sound (ตาบริซ, Tabriz: RTGS Taprit, here
/// tabris; เปศวาร์, Peshawar: peswar). The rules are RTGS's
/// (`tables/translit/th_rtgs.rules`) with those two changes made as they
/// are read.
fn thai_reading(name: &str) -> Option<String> {
    static RULES: OnceLock<Option<RuleSet>> = OnceLock::new();
    if !name.chars().any(|c| matches!(c, '\u{0E01}'..='\u{0E2E}')) {
        return None;
    }
    let file = "tables/translit/th_rtgs.rules";
    let rules = RULES.get_or_init(|| {
        RuleSet::parse(file, &spelt_thai(include_str!("../../tables/translit/th_rtgs.rules"))).ok()
    });
    let mut out = String::with_capacity(2 * name.len());
    rules.as_ref()?.apply_str(name, &mut out);
    Some(out.to_lowercase())
}

/// The RTGS rules (`rtgs`) with the letters the thanthakhat silences kept,
/// and a syllable's final consonant (its rules' contexts say so) spelt as
/// before a vowel; not อ ว ย, which stand for vowels there.
fn spelt_thai(rtgs: &str) -> String {
    const FINAL: [&str; 2] = ["after=beforefinal !after=[เ].[า] !before=vowel", "end !start"];
    fn rule(line: &str) -> Option<(&str, &str, &str)> {
        match line.split('\t').collect::<Vec<_>>()[..] {
            [letter, spelling, context] => Some((letter, spelling, context)),
            _ => None,
        }
    }
    let before_vowel: HashMap<&str, &str> = rtgs
        .lines()
        .filter_map(rule)
        .filter(|(_, _, context)| *context == "before=vowel")
        .map(|(letter, spelling, _)| (letter, spelling))
        .collect();
    let mut out = String::with_capacity(rtgs.len());
    for line in rtgs.lines() {
        match rule(line) {
            Some((_, "∅", context)) if context.contains("0E4C") => continue,
            Some(("ร", "∅", context)) if context.starts_with("end") => continue,
            Some((letter, _, context)) if FINAL.contains(&context) && !["อ", "ว", "ย"].contains(&letter) => {
                if let Some(spelling) = before_vowel.get(letter) {
                    out.push_str(&format!("{letter}\t{spelling}\t{context}\n"));
                    continue;
                }
            }
            _ => {}
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A foreign name in Cyrillic letters spelt by its sounds (Джакарта, Џакарта,
/// Ђинан, Чжэнчжоу) read as its romanization would be as a query: the
/// romanization keeps the letters (Dzhakarta, Džakarta, Đinan,
/// Chzhenchzhou), which the readings of Russian and Central European
/// transcriptions then spell as English and pinyin do (jakarta, jinan,
/// zhengzhou).
fn cyrillic_reading(name: &str) -> Option<String> {
    // The letters of дж, чж, цз and э, and Serbian џ and ђ.
    if !name.chars().any(|c| matches!(c, 'ж' | 'Ж' | 'з' | 'З' | 'э' | 'Э' | 'џ' | 'Џ' | 'ђ' | 'Ђ'))
    {
        return None;
    }
    let latin = romanized(name);
    digraph_reading(&latin).or_else(|| russian_latin_reading(&latin))
}

/// `name` in Latin letters as nomen romanizes it (auto mode).
fn romanized(name: &str) -> String {
    crate::translit::transliterate_lang(name, crate::translit::detect_lang(name))
}

/// Does `name` hold `part` (lower-case ASCII), case aside?
fn holds(name: &str, part: &[u8]) -> bool {
    name.as_bytes().windows(part.len()).any(|w| w.eq_ignore_ascii_case(part))
}

/// At most this many readings of one query (a Wade–Giles syllable may
/// stand for two pinyin ones when ü is written u: chu is zhu or ju).
const MAX_READINGS: usize = 4;

struct Syllables {
    pinyin: std::collections::HashSet<&'static str, FastHash>,
    /// Wade–Giles syllable → its pinyin readings, in table order.
    wade_giles: HashMap<&'static str, Vec<&'static str>, FastHash>,
}

fn syllables() -> &'static Syllables {
    static SYLLABLES: OnceLock<Syllables> = OnceLock::new();
    SYLLABLES.get_or_init(|| {
        let rows = |text: &'static str| crate::util::tsv_rows(text);
        let pinyin = rows(include_str!("../../tables/normalize/pinyin_syllables.tsv"))
            .filter_map(|r| r.first().copied());
        let mut wade_giles: HashMap<&str, Vec<&str>, FastHash> = HashMap::default();
        for row in rows(include_str!("../../tables/normalize/wade_giles.tsv")) {
            if let [wg, py, ..] = row[..] {
                wade_giles.entry(wg).or_default().push(py);
            }
        }
        Syllables { pinyin: pinyin.collect(), wade_giles }
    })
}

/// The pinyin readings of `name` when it is a Chinese name romanized by
/// Wade–Giles or ends in an administrative syllable (shi, xian, zhen:
/// `tables/names/place_words.tsv`, `zh-Latn` rows) glued on with a hyphen
/// or written apart after two syllables or more. Empty for anything else,
/// which is nearly every name: every syllable must be one of the system's.
///
/// A name is read as Wade–Giles when some syllable can only be that (an
/// aspiration apostrophe, hs, -ieh, -ung…); then all of its syllables are
/// (Chang-tien is Zhangdian). Hyphenated syllables make one word (Mao
/// Tse-tung: mao zedong).
pub(crate) fn pinyin_readings(name: &str) -> Vec<String> {
    // Every query passes here: one word without a hyphen is one syllable at
    // most, and is let go before it is folded.
    if !name.trim().contains(|c: char| c.is_whitespace() || c == '-') {
        return Vec::new();
    }
    let folded: String = crate::normalize::fold::lower_unmarked(name.trim())
        .map(|c| if crate::translit::is_apostrophe(c) || c == '`' { '\'' } else { c })
        .collect();
    if !folded.bytes().all(|b| b.is_ascii_lowercase() || matches!(b, b' ' | b'-' | b'\'')) {
        return Vec::new();
    }
    let table = syllables();
    // Words of syllables; a syllable's apostrophe is only Wade–Giles's.
    let words: Vec<Vec<&str>> = folded.split_whitespace().map(|w| w.split('-').collect()).collect();
    let syllable_count: usize = words.iter().map(Vec::len).sum();
    if syllable_count < 2 || words.iter().flatten().any(|s| s.is_empty()) {
        return Vec::new();
    }
    let pinyin = |s: &str| table.pinyin.contains(s);
    let wade_giles = |s: &str| table.wade_giles.get(s);
    if words.iter().flatten().any(|s| !pinyin(s) && wade_giles(s).is_none()) {
        return Vec::new();
    }
    let is_wade_giles = words.iter().flatten().any(|s| !pinyin(s));
    // Every combination of the syllables' readings (the first few).
    let mut readings: Vec<Vec<&str>> = vec![Vec::new()];
    for &s in words.iter().flatten() {
        let options = match wade_giles(s).filter(|_| is_wade_giles) {
            Some(spellings) => spellings.as_slice(),
            None => std::slice::from_ref(&s),
        };
        readings = readings
            .iter()
            .flat_map(|head| options.iter().map(move |&o| [head.as_slice(), &[o]].concat()))
            .take(MAX_READINGS)
            .collect();
    }
    let lengths: Vec<usize> = words.iter().map(Vec::len).collect();
    let mut out = Vec::new();
    for mut syllables in readings {
        let mut lengths = lengths.clone();
        let dropped = drop_administrative(&mut syllables, &mut lengths);
        if !(is_wade_giles || dropped) {
            continue;
        }
        // Hyphenated syllables make one word.
        let mut rest = syllables.as_slice();
        let mut spelt = Vec::new();
        for n in lengths {
            let (word, after) = rest.split_at(n.min(rest.len()));
            spelt.push(word.concat());
            rest = after;
        }
        let text = spelt.join(" ");
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// Leave out an administrative syllable at the end (Xinyu-shi, xin yu shi)
/// when two syllables or more stay: a hyphenated one, or a word of its own
/// after words of one syllable each (written the way `tai cang shi` is).
/// `lengths` are the syllable counts of the words.
fn drop_administrative(syllables: &mut Vec<&str>, lengths: &mut Vec<usize>) -> bool {
    let administrative = |s: &str| {
        let mut key = String::new();
        crate::normalize::word_key(s, Some("zh-Latn"), &mut key);
        super::place_words::class_of(&key).is_some()
    };
    let (Some(&last), Some(&last_word)) = (syllables.last(), lengths.last()) else { return false };
    let spaced = lengths.iter().all(|&n| n == 1);
    if !administrative(last) || syllables.len() < 3 || !(last_word > 2 || spaced) {
        return false;
    }
    syllables.pop();
    if let Some(n) = lengths.last_mut() {
        *n -= 1;
    }
    lengths.retain(|&n| n > 0);
    true
}

/// A name written with Central European letters for sounds English writes
/// with two (Džakarta, Čile, Fudžou) read with those two
/// (`tables/normalize/caron_digraphs.rules`): jakarta, chile, fujou. None
/// for a name without such a letter, which is nearly every one.
fn digraph_reading(name: &str) -> Option<String> {
    static RULES: OnceLock<Option<RuleSet>> = OnceLock::new();
    if name.is_ascii() {
        return None;
    }
    // (Composed: the rules and this test are written on composed letters.)
    let name: String = name.nfc().flat_map(char::to_lowercase).collect();
    if !name.contains(['č', 'ć', 'š', 'ś', 'ž', 'ź', 'ż', 'đ', 'ĉ', 'ĝ', 'ĥ', 'ĵ', 'ŝ', 'ŭ']) {
        return None;
    }
    let file = "tables/normalize/caron_digraphs.rules";
    read_with(&RULES, file, include_str!("../../tables/normalize/caron_digraphs.rules"), &name)
}

/// A name transcribed with Hungarian digraphs (Omszk, Lisszabon,
/// Dzsakarta) read with English letters
/// (`tables/normalize/hungarian_digraphs.rules`): omsk, lisabon, jakarta.
/// None for a name without sz, zs or cs, which is nearly every one.
fn hungarian_reading(name: &str) -> Option<String> {
    static RULES: OnceLock<Option<RuleSet>> = OnceLock::new();
    if ![b"sz", b"zs", b"cs"].iter().any(|pair| holds(name, *pair)) {
        return None;
    }
    let name = name.to_lowercase();
    let file = "tables/normalize/hungarian_digraphs.rules";
    read_with(&RULES, file, include_str!("../../tables/normalize/hungarian_digraphs.rules"), &name)
}

/// A foreign name written in Hangul and romanized (budapeseuteu, seon-yang
/// si, ha-eolbin si) read back into Hangul (부다페스트, 서냥 시, 하얼빈 시),
/// syllable by syllable (`tables/normalize/hangul_spellings.tsv`; of the
/// ways to cut a word the one of fewest syllables, which may differ from
/// the Korean spelling where a final consonant could start the next
/// syllable: that Hangul romanizes to the same letters). Compared as Hangul,
/// its letters may differ from the name's in the registry as much as a
/// Korean transcription's do; compared as Latin, they may not. Only a name
/// with a vowel no other romanization writes (eo, eu) is read, and only if
/// every word is cut into syllables without a letter left over.
fn hangul_reading(name: &str) -> Option<String> {
    if !name.is_ascii() || !(holds(name, b"eo") || holds(name, b"eu")) {
        return None;
    }
    let lower = name.trim().to_ascii_lowercase();
    if !lower.bytes().all(|b| b.is_ascii_lowercase() || matches!(b, b' ' | b'-')) {
        return None;
    }
    let spellings = hangul_spellings();
    by_syllables(&lower, |part| fewest_syllables(part, spellings))
}

/// A foreign name written in katakana and romanized (omusuku, mosukuwa,
/// erusaremu) read back into katakana (オムスク, モスクワ, エルサレム),
/// syllable by syllable (the syllables as nomen romanizes them by Hepburn;
/// of the ways to cut a word the one of fewest syllables), to be compared
/// as a name in kana: Japanese adds a vowel after every consonant but n.
/// Only a name of three syllables or more in all, with vowels added in two
/// places or more where the name has none: su, ku, to, ru … before another
/// consonant or at the end of a word (mosukuwa, omusuku; not Kananga, Tanga,
/// Maseru, Natore, which other languages spell the same).
fn kana_reading(name: &str) -> Option<String> {
    if !name.is_ascii() {
        return None;
    }
    let lower = name.trim().to_ascii_lowercase();
    if !lower.bytes().all(|b| b.is_ascii_lowercase() || matches!(b, b' ' | b'-')) {
        return None;
    }
    let (spellings, syllable_list) = kana_spellings();
    let mut syllables = 0;
    let mut added_vowels = 0;
    let mut out = String::new();
    for (n, word) in lower.split([' ', '-']).filter(|w| !w.is_empty()).enumerate() {
        let cut: Vec<&(String, String)> = fewest_syllables(word, spellings)?
            .iter()
            .filter_map(|&i| syllable_list.get(i as usize))
            .collect();
        // (The romanized syllables again, to see where a vowel was added.)
        let romanized: Vec<&str> = cut.iter().map(|(_, r)| r.as_str()).collect();
        added_vowels += romanized
            .iter()
            .enumerate()
            .filter(|&(k, syllable)| {
                let consonant = &syllable[..syllable.len() - 1];
                let epenthetic = syllable.ends_with(['u', 'o'])
                    && (consonant.len() == 1 || consonant == "ts")
                    && !matches!(consonant, "y" | "w" | "n");
                let next_consonant = romanized
                    .get(k + 1)
                    .is_none_or(|s| !s.bytes().next().is_some_and(super::score::is_vowel));
                epenthetic && next_consonant
            })
            .count();
        syllables += cut.len();
        if n > 0 {
            out.push(' ');
        }
        out.extend(cut.iter().map(|(kana, _)| kana.as_str()));
    }
    (syllables >= 3 && added_vowels >= 2).then_some(out)
}

/// Katakana syllables by their Hepburn spelling as nomen romanizes them
/// (marks left out: ō is o), also with a doubled first consonant for the
/// small tsu before them (kka: ッカ): the index of each in the list of
/// (katakana, romanized syllable).
type KanaSyllables = (Spelt<u32>, Vec<(String, String)>);

fn kana_spellings() -> &'static KanaSyllables {
    static SPELLINGS: OnceLock<KanaSyllables> = OnceLock::new();
    SPELLINGS.get_or_init(|| {
        // (Not the small kana, which stand for the same letters after another.)
        let small = ['ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ'];
        let mut kana: Vec<String> =
            ('\u{30A1}'..='\u{30F3}').filter(|c| !small.contains(c)).map(String::from).collect();
        for base in ["キ", "シ", "チ", "ニ", "ヒ", "ミ", "リ", "ギ", "ジ", "ビ", "ピ"] {
            kana.extend(["ャ", "ュ", "ョ"].iter().map(|small| format!("{base}{small}")));
        }
        let mut syllables: Vec<(String, String)> = Vec::new();
        let mut spellings: HashMap<String, u32, FastHash> = HashMap::default();
        for k in kana {
            let romanized: String =
                crate::normalize::fold::lower_unmarked(&crate::translit::transliterate(&k)).collect();
            if romanized.is_empty() || !romanized.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let mut add = |spelling: String, syllable: (String, String)| {
                if let std::collections::hash_map::Entry::Vacant(e) = spellings.entry(spelling) {
                    e.insert(syllables.len() as u32);
                    syllables.push(syllable);
                }
            };
            if let Some(first) = romanized.bytes().next().filter(|&c| !super::score::is_vowel(c) && c != b'n')
            {
                let first = char::from(first);
                add(format!("{first}{romanized}"), (format!("ッ{k}"), romanized.clone()));
            }
            add(romanized.clone(), (k, romanized));
        }
        (with_longest(spellings), syllables)
    })
}

/// `text` read word by word, each cut into syllables by `cut`, which spells
/// them or gives up (then so does the reading); a hyphen parts syllables of
/// one word (ha-eolbin, 하얼빈; Ши-цзячжуан).
fn by_syllables<T>(text: &str, cut: impl Fn(&str) -> Option<Vec<T>>) -> Option<String>
where
    String: Extend<T>,
{
    let mut out = String::new();
    for (n, word) in text.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if n > 0 {
            out.push(' ');
        }
        for part in word.split('-') {
            out.extend(cut(part)?);
        }
    }
    Some(out)
}

/// Syllables as spelt, what each stands for, and the longest spelling's
/// length in bytes.
type Spelt<T> = (HashMap<String, T, FastHash>, usize);

fn with_longest<T>(syllables: HashMap<String, T, FastHash>) -> Spelt<T> {
    let longest = syllables.keys().map(String::len).max().unwrap_or(0);
    (syllables, longest)
}

/// Syllable spellings and the Hangul syllables they stand for (the first
/// of the table's composition for a spelling two could have).
fn hangul_spellings() -> &'static Spelt<char> {
    static SPELLINGS: OnceLock<Spelt<char>> = OnceLock::new();
    SPELLINGS.get_or_init(|| {
        let mut parts: HashMap<&str, Vec<(u32, &str)>> = HashMap::new();
        for row in crate::util::tsv_rows(include_str!("../../tables/normalize/hangul_spellings.tsv")) {
            if let [part, index, _, spellings] = row[..] {
                let Ok(index) = index.parse::<u32>() else { continue };
                for spelling in spellings.split(' ') {
                    parts.entry(part).or_default().push((index, if spelling == "-" { "" } else { spelling }));
                }
            }
        }
        let part = |name: &str| parts.get(name).cloned().unwrap_or_default();
        let (initials, vowels, finals) = (part("initial"), part("vowel"), part("final"));
        let mut syllables: HashMap<String, char, FastHash> = HashMap::default();
        for &(i, si) in &initials {
            for &(v, sv) in &vowels {
                for &(f, sf) in &finals {
                    if let Some(c) = char::from_u32(0xAC00 + (i * 21 + v) * 28 + f) {
                        syllables.entry(format!("{si}{sv}{sf}")).or_insert(c);
                    }
                }
            }
        }
        with_longest(syllables)
    })
}

/// `word` cut into the fewest syllables of `syllables` (the longest
/// `longest` bytes), if it can be; of cuts into as many, the one with the
/// shortest syllables first (Синин: си-нин, xining, not син-ин).
fn fewest_syllables<T: Copy>(word: &str, (syllables, longest): &Spelt<T>) -> Option<Vec<T>> {
    // fewest[i]: the fewest syllables that spell word[..i], and the last one.
    let mut fewest: Vec<Option<(usize, usize, Option<T>)>> = vec![None; word.len() + 1];
    fewest[0] = Some((0, 0, None));
    for start in 0..word.len() {
        let Some((count, _, _)) = fewest[start] else { continue };
        let reach = (start + longest).min(word.len());
        for (end, slot) in fewest.iter_mut().enumerate().take(reach + 1).skip(start + 1) {
            if let Some(&c) = word.get(start..end).and_then(|s| syllables.get(s)) {
                if slot.is_none_or(|(n, _, _)| count + 1 < n) {
                    *slot = Some((count + 1, start, Some(c)));
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut at = word.len();
    while at > 0 {
        let (_, start, c) = fewest[at]?;
        out.push(c?);
        at = start;
    }
    out.reverse();
    Some(out)
}

/// A Chinese name in Russian letters by the Palladius system (Си Цзиньпин,
/// Чжэнчжоу, Цзинань) read as pinyin (xi jinping, zhengzhou, jinan),
/// syllable by syllable (`tables/normalize/palladius.tsv`); a hyphen, ъ or
/// an apostrophe parts syllables of one word (Дунъин). The Ukrainian
/// spelling, with і for и and е for э (Сі Цзіньпін, Чженчжоу), is read too.
/// Only if every word is cut into syllables without a letter left over:
/// Russian words (Москва, Лондон) are not read.
fn palladius_reading(name: &str) -> Option<String> {
    if !name.chars().any(is_cyrillic) {
        return None;
    }
    let lower: String = name
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'і' => 'и',
            'є' => 'е',
            'ъ' | '\'' | '’' => '-',
            c => c,
        })
        .collect();
    let syllables = palladius_syllables();
    by_syllables(&lower, |part| {
        fewest_syllables(part, syllables).or_else(|| fewest_syllables(&part.replace('е', "э"), syllables))
    })
}

/// A Chinese name in a national transcription of Mandarin (Czech
/// Čao-čching, Polish Czengczou, Serbian Džengdžou) read as pinyin
/// (zhaoqing, zhengzhou), syllable by syllable
/// (`tables/normalize/pinyin_national.tsv`), by each system that cuts every
/// word into its syllables without a letter left over (four at most to a
/// word, two or more in all). A system that writes two initials alike
/// (Hungarian cs for zh, ch, j and q) reads a name several ways: kept are
/// those `known` takes (a registry's key), or, when none is, the first
/// reading of all, unless the name reads as pinyin as it is (Ming Cai);
/// never a reading with the name's own key (Mava, mawa). Most names are not
/// cut (Praha, Kingston); one that is (Tanga: danga) reads as a Chinese
/// name a registry seldom holds.
fn national_readings(name: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    let lower: String = name
        .trim()
        .nfc()
        .flat_map(char::to_lowercase)
        .map(|c| if crate::translit::is_apostrophe(c) { '\'' } else { c })
        .collect();
    // The query's key, made once some system reads it: a reading with the
    // same key (Mava, mawa) says nothing new.
    let own_key = OnceLock::new();
    let (mut out, mut first): (Vec<String>, Option<String>) = (Vec::new(), None);
    for (spelt, options) in national_systems() {
        // Per word, the pinyin syllables each of its syllables may be.
        let mut words: Vec<Vec<&[&str]>> = Vec::new();
        let cut_all = lower.split(' ').filter(|w| !w.is_empty()).all(|word| {
            let mut syllables = Vec::new();
            let cut = word.split('-').all(|part| {
                let Some(cut) = fewest_syllables(part, spelt) else { return false };
                syllables.extend(cut.iter().map(|&i| options[i as usize].as_slice()));
                true
            });
            // A Chinese name's word has four syllables at most (Wu-lu-mu-čchi).
            let chinese = cut && syllables.len() <= 4;
            words.push(syllables);
            chinese
        });
        if !cut_all || words.iter().map(Vec::len).sum::<usize>() < 2 {
            continue;
        }
        // Every way to read the syllables (the first few), words apart.
        let mut readings = vec![String::new()];
        for (n, word) in words.iter().enumerate() {
            for (k, syllable) in word.iter().enumerate() {
                let gap = if n > 0 && k == 0 { " " } else { "" };
                readings = readings
                    .iter()
                    .flat_map(|head| syllable.iter().map(move |s| format!("{head}{gap}{s}")))
                    .take(MAX_NATIONAL_READINGS)
                    .collect();
            }
        }
        let own_key = own_key.get_or_init(|| MatchKey::new(name));
        readings.retain(|r| MatchKey::new(r) != *own_key);
        if first.is_none() {
            first = readings.first().cloned();
        }
        for reading in readings.into_iter().filter(|r| known(r)) {
            if !out.contains(&reading) && out.len() < MAX_READINGS {
                out.push(reading);
            }
        }
    }
    // The readings of names the registry has; else the first reading, for
    // a name spelt a little otherwise, unless its syllables are pinyin too
    // (Ming Cai; Peng-pu, Bengbu in Czech): then only the registry's names.
    if out.is_empty() {
        let pinyin = || lower.split([' ', '-']).all(|w| w.is_empty() || super::score::reads_as_pinyin(w));
        out.extend(first.filter(|_| !pinyin()));
    }
    out
}

/// At most this many ways to read a name in one national transcription
/// are looked up (Hungarian Csang-csou: zhangzhou, changzhou, …).
const MAX_NATIONAL_READINGS: usize = 8;

/// Per national transcription: its syllables (by spelling, the index of
/// their pinyin readings) and the pinyin readings, in table order.
type National = (Spelt<u32>, Vec<Vec<&'static str>>);

fn national_systems() -> &'static [National] {
    static SYSTEMS: OnceLock<Vec<National>> = OnceLock::new();
    SYSTEMS.get_or_init(|| {
        let rows: Vec<[&str; 3]> =
            crate::util::tsv_rows(include_str!("../../tables/normalize/pinyin_national.tsv"))
                .filter_map(|row| match row[..] {
                    [system, spelling, pinyin, ..] => Some([system, spelling, pinyin]),
                    _ => None,
                })
                .collect();
        rows.chunk_by(|a, b| a[0] == b[0])
            .map(|system| {
                let mut by_spelling: HashMap<String, u32, FastHash> = HashMap::default();
                let mut options: Vec<Vec<&str>> = Vec::new();
                for &[_, spelling, pinyin] in system {
                    let i = *by_spelling.entry(spelling.to_string()).or_insert(options.len() as u32);
                    if i as usize == options.len() {
                        options.push(Vec::new());
                    }
                    options[i as usize].push(pinyin);
                }
                (with_longest(by_spelling), options)
            })
            .collect()
    })
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// Palladius syllables and their pinyin, and the longest syllable's length
/// in bytes.
fn palladius_syllables() -> &'static Spelt<&'static str> {
    static SYLLABLES: OnceLock<Spelt<&'static str>> = OnceLock::new();
    SYLLABLES.get_or_init(|| {
        let mut syllables: HashMap<String, &str, FastHash> = HashMap::default();
        for row in crate::util::tsv_rows(include_str!("../../tables/normalize/palladius.tsv")) {
            if let [cyrillic, pinyin, ..] = row[..] {
                syllables.entry(cyrillic.to_string()).or_insert(pinyin);
            }
        }
        with_longest(syllables)
    })
}

/// A name transliterated letter for letter from Persian, Urdu or Arabic
/// without short vowels (mnsk, kyyf, fladyfwstwk) read back into Arabic
/// script (`tables/normalize/abjad_letters.rules`): منسک, کییف. Only a name
/// of four Latin letters or more without marks, not in capitals, without
/// e, i, o, u, with at most one a in four letters, and either no a or a w
/// or y between two consonants: Brno, Minsk, Volodymyr, CNN and hmm are not
/// read.
fn abjad_reading(name: &str) -> Option<String> {
    static RULES: OnceLock<Option<RuleSet>> = OnceLock::new();
    // A word in capitals is an abbreviation (CNN, SBS), not a name. Such a
    // transliteration writes an alef a, the long vowels w and y, and no
    // other vowel letter: Slavic names with y for their vowel (Volodymyr
    // Zelensky) have others beside it.
    let capitals = name.bytes().filter(u8::is_ascii_uppercase).count();
    if capitals > 1
        || !name.trim().bytes().all(|b| b.is_ascii_alphabetic() || b == b' ')
        || name.bytes().any(|b| matches!(b.to_ascii_lowercase(), b'e' | b'i' | b'o' | b'u'))
    {
        return None;
    }
    let name = name.trim().to_ascii_lowercase();
    let letters = name.bytes().filter(u8::is_ascii_lowercase).count();
    let alefs = name.bytes().filter(|&b| b == b'a').count();
    let glide_between = name.as_bytes().windows(3).any(|w| {
        let consonant = |b: u8| b.is_ascii_lowercase() && !matches!(b, b'a' | b'w' | b'y');
        matches!(w[1], b'w' | b'y') && consonant(w[0]) && consonant(w[2])
    });
    if letters < 4 || alefs * 4 > letters || !(alefs == 0 || glide_between) {
        return None;
    }
    let file = "tables/normalize/abjad_letters.rules";
    read_with(&RULES, file, include_str!("../../tables/normalize/abjad_letters.rules"), &name)
}

/// A foreign name in a Russian romanization (Dzhakarta, Adehn, Shehn'jan)
/// read with English spelling (`tables/normalize/russian_latin.rules`):
/// jakarta, aden, shenjan. Only a name with dzh or with eh after a
/// consonant: an apostrophe alone is as often an Irish, Italian or Wade–Giles
/// one (O'Neil, d'Arco, Ta-t'ung), and each reading costs a lookup.
fn russian_latin_reading(name: &str) -> Option<String> {
    static RULES: OnceLock<Option<RuleSet>> = OnceLock::new();
    let e_h = name.as_bytes().windows(3).any(|w| {
        let first = w[0].to_ascii_lowercase();
        first.is_ascii_lowercase() && !b"aeiou".contains(&first) && w[1..].eq_ignore_ascii_case(b"eh")
    });
    if !(holds(name, b"dzh") || holds(name, b"chzh") || holds(name, b"tsz") || e_h) {
        return None;
    }
    let lower = name.trim().to_lowercase();
    let file = "tables/normalize/russian_latin.rules";
    read_with(&RULES, file, include_str!("../../tables/normalize/russian_latin.rules"), &lower)
}

/// `name` rewritten by the rules of `file` (`text`), parsed on first use
/// into `cell`. The files are tested below; a broken one would only leave
/// names unread.
fn read_with(cell: &OnceLock<Option<RuleSet>>, file: &str, text: &str, name: &str) -> Option<String> {
    let rules = cell.get_or_init(|| RuleSet::parse(file, text).ok()).as_ref()?;
    let mut out = String::with_capacity(2 * name.len());
    rules.apply_str(name, &mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hungarian_digraphs_read_as_english_letters() {
        assert_eq!(hungarian_reading("Lisszabon").as_deref(), Some("lisabon"));
        assert_eq!(hungarian_reading("Dzsakarta").as_deref(), Some("jakarta"));
        assert_eq!(hungarian_reading("Jeruzsálem").as_deref(), Some("jeruzhálem"));
        assert_eq!(hungarian_reading("Pimpri-Csincsvád").as_deref(), Some("pimpri-chinchvád"));
        assert_eq!(hungarian_reading("Budapest"), None);
    }

    #[test]
    fn romanized_korean_transcriptions_read_back_into_hangul() {
        assert_eq!(hangul_reading("budapeseuteu").as_deref(), Some("부다페스트"));
        assert_eq!(hangul_reading("ha-eolbin si").as_deref(), Some("하얼빈 시"));
        assert_eq!(hangul_reading("Omseukeu").as_deref(), Some("옴스크"));
        assert_eq!(hangul_reading("koleudoba").as_deref(), Some("코르도바"));
        assert_eq!(hangul_reading("Seoul").as_deref(), Some("서울"));
        // No vowel only Korean romanization writes, or a letter left over.
        assert_eq!(hangul_reading("Budapest"), None);
        assert_eq!(hangul_reading("Leonardo"), None);
    }

    #[test]
    fn vowel_less_transliterations_read_back_into_arabic_script() {
        assert_eq!(abjad_reading("mnsk").as_deref(), Some("منسک"));
        assert_eq!(abjad_reading("kyyf").as_deref(), Some("کییف"));
        assert_eq!(abjad_reading("jmshydbwr").as_deref(), Some("جمشیدبور"));
        assert_eq!(abjad_reading("sry ngr").as_deref(), Some("سری نگر"));
        assert_eq!(abjad_reading("Mnsk").as_deref(), Some("منسک"));
        // Names with their vowels, short ones and abbreviations are not.
        for name in ["minsk", "Brno", "gdansk", "kabul", "ny", "hmm", "CNN", "Volodymyr Zelensky", "Tbilisi"]
        {
            assert_eq!(abjad_reading(name), None, "{name}");
        }
    }

    #[test]
    fn russian_romanizations_read_with_english_spelling() {
        assert_eq!(russian_latin_reading("Dzhakarta").as_deref(), Some("jakarta"));
        assert_eq!(russian_latin_reading("Los Andzheles").as_deref(), Some("los anjeles"));
        assert_eq!(russian_latin_reading("Adehn").as_deref(), Some("aden"));
        assert_eq!(russian_latin_reading("Shehn’jan").as_deref(), Some("shenjan"));
        assert_eq!(russian_latin_reading("Chzhuchzhou").as_deref(), Some("zhuzhou"));
        assert_eq!(russian_latin_reading("Tszinan’").as_deref(), Some("jinan"));
        assert_eq!(russian_latin_reading("Tszybo").as_deref(), Some("zibo"));
        // No dzh, no eh after a consonant.
        for name in ["Jakarta", "Ehrlich", "Shen'jan", "O'Neil", "Kyiv"] {
            assert_eq!(russian_latin_reading(name), None, "{name}");
        }
    }

    #[test]
    fn cyrillic_transcriptions_of_foreign_names_read_through_their_romanization() {
        assert_eq!(cyrillic_reading("Джакарта").as_deref(), Some("jakarta"));
        assert_eq!(cyrillic_reading("Џакарта").as_deref(), Some("jakarta"));
        assert_eq!(cyrillic_reading("Ђинан").as_deref(), Some("jinan"));
        assert_eq!(cyrillic_reading("Цзыбо").as_deref(), Some("zibo"));
        // Names without such letters, and names in other scripts, are not.
        for name in ["Москва", "Київ", "Dzhakarta", "Τζακάρτα", "Jakarta"] {
            assert_eq!(cyrillic_reading(name), None, "{name}");
        }
    }

    #[test]
    fn chinese_names_in_palladius_cyrillic_read_as_pinyin() {
        assert_eq!(palladius_reading("Си Цзиньпин").as_deref(), Some("xi jinping"));
        assert_eq!(palladius_reading("Чжэнчжоу").as_deref(), Some("zhengzhou"));
        assert_eq!(palladius_reading("Синин").as_deref(), Some("xining"));
        assert_eq!(palladius_reading("Дунъин").as_deref(), Some("dongying"));
        assert_eq!(palladius_reading("Ши-цзячжуан").as_deref(), Some("shijiazhuang"));
        assert_eq!(palladius_reading("Люй Бувэй").as_deref(), Some("lu buwei"));
        // Ukrainian spelling.
        assert_eq!(palladius_reading("Сі Цзіньпін").as_deref(), Some("xi jinping"));
        assert_eq!(palladius_reading("Чженчжоу").as_deref(), Some("zhengzhou"));
        // Russian words and other scripts are not read.
        for name in ["Москва", "Лондон", "Владимир Путин", "Xi Jinping", "北京"] {
            assert_eq!(palladius_reading(name), None, "{name}");
        }
    }

    #[test]
    fn chinese_names_in_national_transcriptions_read_as_pinyin() {
        let none = |_: &str| false;
        assert_eq!(national_readings("Čao-čching", &none), ["zhaoqing"]);
        assert_eq!(national_readings("Pej-ťing", &none), ["beijing"]);
        assert_eq!(national_readings("Hszining", &none), ["xining"]);
        assert_eq!(national_readings("Ĝengĝoŭo", &none), ["zhengzhou"]);
        // Systems that write two initials alike read each way; the registry
        // says which names exist (zh or ch, j or q).
        let zhengzhou = |r: &str| r == "zhengzhou";
        for name in ["Czengczou", "Csengcsou", "Džengdžou", "Çengçou"] {
            assert!(national_readings(name, &zhengzhou).contains(&"zhengzhou".to_string()), "{name}");
        }
        // Words stay apart; a syllable alone is no reading.
        assert_eq!(national_readings("Mao Ce-tung", &none).first().map(String::as_str), Some("mao zedong"));
        for name in ["Praha", "Kingston", "Berlin", "Sin", "Zhengzhou", "Xi Jinping", "Ming Cai", "Москва"]
        {
            assert!(
                national_readings(name, &none).is_empty(),
                "{name}: {:?}",
                national_readings(name, &none)
            );
        }
    }

    #[test]
    fn spaced_pinyin_syllables_read_back_into_characters() {
        let reading = han_reading("lei nuo sa").unwrap();
        assert_eq!(reading.chars().count(), 3);
        assert_eq!(crate::translit::transliterate(&reading).to_lowercase().replace(' ', ""), "leinuosa");
        for name in ["Xi Jinping", "ming cai", "Kim Jong Un", "Santa Cruz de la Sierra", "mo si kva"] {
            assert_eq!(han_reading(name), None, "{name}");
        }
    }

    #[test]
    fn romanized_katakana_transcriptions_read_back_into_katakana() {
        assert_eq!(kana_reading("omusuku").as_deref(), Some("オムスク"));
        assert_eq!(kana_reading("mosukuwa").as_deref(), Some("モスクワ"));
        assert_eq!(kana_reading("koyanbuttouru").as_deref(), Some("コヤンブットウル"));
        // Names other languages spell alike, and names with a cluster, are not read.
        for name in ["Kananga", "Tanga", "Maseru", "Natore", "Guyuan", "Samara", "Moskva", "Omsk"] {
            assert_eq!(kana_reading(name), None, "{name}");
        }
    }

    #[test]
    fn foreign_names_in_burmese_read_with_their_sounds() {
        assert_eq!(sound_reading("ကိုမိုရိုစ်").as_deref(), Some("komoros"));
        assert_eq!(sound_reading("တိုဂို").as_deref(), Some("togo"));
        // The word for city after a city's name is left out.
        assert_eq!(sound_reading("မနီလာမြို့").as_deref(), Some("manila"));
        assert_eq!(sound_reading("Manila"), None);
    }

    #[test]
    fn foreign_names_in_khmer_and_lao_read_with_their_sounds() {
        assert_eq!(sound_reading("ហ្គីយ៉ាន").as_deref(), Some("giyan"));
        assert_eq!(sound_reading("ຊູດານ").as_deref(), Some("sudan"));
        assert_eq!(sound_reading("Sudan"), None);
    }

    #[test]
    fn the_palladius_table_spells_every_pinyin_syllable_once() {
        let (syllables, _) = palladius_syllables();
        assert!(syllables.len() > 400, "{}", syllables.len());
        let pinyin: std::collections::HashSet<&str> = syllables.values().copied().collect();
        for s in ["zhi", "zi", "ju", "xue", "hui", "jiong", "er", "weng"] {
            assert!(pinyin.contains(s), "{s}");
        }
        assert_eq!(syllables.get("цзы").copied(), Some("zi"));
        assert_eq!(syllables.get("хуэй").copied(), Some("hui"));
    }

    #[test]
    fn foreign_names_in_thai_read_with_their_letters_as_spelt() {
        assert_eq!(thai_reading("เอเธนส์").as_deref(), Some("ethens"));
        assert_eq!(thai_reading("ตาบริซ").as_deref(), Some("tabris"));
        assert_eq!(thai_reading("เปศวาร์").as_deref(), Some("peswar"));
        // Vowels written with อ ว ย keep their RTGS reading (ลาว: lao).
        assert_eq!(thai_reading("ลาว").as_deref(), Some("lao"));
        for name in ["Bangkok", "Москва", "北京"] {
            assert_eq!(thai_reading(name), None, "{name}");
        }
    }

    #[test]
    fn foreign_names_in_greek_read_with_english_letters() {
        assert_eq!(greek_reading("Αρούμπα").as_deref(), Some("aruba"));
        assert_eq!(greek_reading("Ντέρμπαν").as_deref(), Some("derban"));
        assert_eq!(greek_reading("Φίτζι").as_deref(), Some("fiji"));
        assert_eq!(greek_reading("Γουαγιακίλ").as_deref(), Some("guayakil"));
        // Without such pairs, or not in Greek letters, no second reading.
        for name in ["Αθήνα", "Μόσχα", "Aroumpa", "Москва"] {
            assert_eq!(greek_reading(name), None, "{name}");
        }
    }

    #[test]
    fn kanji_alone_are_read_as_japanese_too() {
        assert_eq!(japanese_reading("横浜").as_deref(), Some("yokohama"));
        assert_eq!(japanese_reading("川口").as_deref(), Some("kawaguchi"));
        // Kana already make the name Japanese; other scripts have their own.
        for name in ["東京タワー", "Tokyo", "서울", ""] {
            assert_eq!(japanese_reading(name), None, "{name}");
        }
    }

    #[test]
    fn central_european_letters_read_as_digraphs() {
        assert_eq!(digraph_reading("Ĝodhpur").as_deref(), Some("jodhpur"));
        assert_eq!(digraph_reading("Budapeŝto").as_deref(), Some("budapeshto"));
        assert_eq!(digraph_reading("Džakarta").as_deref(), Some("jakarta"));
        assert_eq!(digraph_reading("Fudžou").as_deref(), Some("fujou"));
        assert_eq!(digraph_reading("Čile").as_deref(), Some("chile"));
        assert_eq!(digraph_reading("Žengžou").as_deref(), Some("zhengzhou"));
        assert_eq!(digraph_reading("Radźkot").as_deref(), Some("rajkot"));
        // Decomposed marks are read too.
        assert_eq!(digraph_reading("S\u{30C}enjang").as_deref(), Some("shenjang"));
        assert_eq!(digraph_reading("Kyiv"), None);
        assert_eq!(digraph_reading("Zürich"), None);
    }

    #[test]
    fn wade_giles_names_read_as_pinyin() {
        assert_eq!(pinyin_readings("Ta-t'ung"), ["datong"]);
        assert_eq!(pinyin_readings("Ta-t’ung"), ["datong"]);
        assert_eq!(pinyin_readings("Mao Tse-tung"), ["mao zedong"]);
        assert_eq!(pinyin_readings("Teng Hsiao-p'ing"), ["deng xiaoping"]);
        assert_eq!(pinyin_readings("K'ai-feng-shih"), ["kaifeng"]);
        assert_eq!(pinyin_readings("Chang-tien"), ["zhangdian"], "all of a Wade–Giles name is Wade–Giles");
        assert!(
            pinyin_readings("Hsin-yu").contains(&"xinyu".to_string()),
            "{:?}",
            pinyin_readings("Hsin-yu")
        );
    }

    #[test]
    fn administrative_syllables_are_left_out() {
        assert_eq!(pinyin_readings("xin yu shi"), ["xin yu"]);
        assert_eq!(pinyin_readings("Shenyang-shi"), Vec::<String>::new(), "one word: Shenyang is not split");
        assert_eq!(pinyin_readings("Shen-yang-shi"), ["shenyang"]);
        assert_eq!(pinyin_readings("Pei-hai-shih"), ["beihai"]);
    }

    #[test]
    fn other_names_have_no_reading() {
        for name in
            ["Taicang", "tai cang", "Xi Jinping", "Berlin", "New York", "Kim Jong-un", "Zelensky", "Li Shi"]
        {
            assert!(pinyin_readings(name).is_empty(), "{name}: {:?}", pinyin_readings(name));
        }
    }
}
