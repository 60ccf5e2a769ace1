//! The inherent vowel of the southern Brahmic scripts, which have no scheme
//! of their own (Tamil, Telugu, Kannada, Malayalam, Sinhala, Burmese).
//!
//! In these scripts a consonant letter without a vowel sign or a virama is
//! read with the vowel *a* (Telugu జ is *ja*), but the generic fallback
//! (`any_ascii`) spells each letter on its own and writes the bare
//! consonant: జకార్తా (Jakarta) came out `jkarta`, ಕಲಬುರಗಿ (Kalaburagi)
//! `klburgi`, Burmese လန်ဒန် (London) `lndn`. This module tells where the
//! vowel is heard, so the fallback can write it.
//!
//! Not in the northern scripts (Bengali, Gurmukhi, Gujarati, Oriya): their
//! languages drop the inherent vowel in most places (schwa deletion) and
//! write foreign names without viramas (ਓਮਸਕ is Omsk, কানপুর Kanpur), so
//! the bare consonants of the fallback are the better guess there; measured
//! on the dev split, adding the vowel cost as many names there as it won.
//!
//! The Brahmic blocks follow the ISCII layout of Devanagari: the same offset
//! in each 128-letter block holds the same kind of letter (consonants at
//! 0x15–0x39 and 0x58–0x5F, vowel signs at 0x3E–0x4C, the virama at 0x4D,
//! the nukta at 0x3C). Sinhala has its own layout. See the Unicode Standard,
//! chapter 12 ("South and Central Asia-I"), and its code charts.

/// What a character is in its abugida, as far as the inherent vowel cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A consonant letter, read with the inherent vowel unless a sign follows.
    Consonant,
    /// A dependent vowel sign or a virama: it replaces or kills the vowel.
    VowelOrVirama,
    /// A nukta (or a Burmese medial or tone mark): it modifies the
    /// consonant before it and lets the next character decide.
    Nukta,
    /// Anything else.
    Other,
}

fn kind(c: char) -> Kind {
    let cp = c as u32;
    match cp {
        // Tamil, Telugu, Kannada, Malayalam: the ISCII-parallel blocks.
        0x0B80..=0x0D7F => match cp & 0x7F {
            0x15..=0x39 | 0x58..=0x5F => Kind::Consonant,
            0x3E..=0x4D | 0x55..=0x57 | 0x62..=0x63 => Kind::VowelOrVirama,
            0x3C => Kind::Nukta,
            _ => Kind::Other,
        },
        // Sinhala: consonants, the al-lakuna (virama), vowel signs.
        0x0D9A..=0x0DC6 => Kind::Consonant,
        0x0DCA | 0x0DCF..=0x0DDF | 0x0DF2..=0x0DF3 => Kind::VowelOrVirama,
        // Burmese: consonants; vowel signs, the stacking virama and the
        // asat; medials and tone marks, which stand between a consonant and
        // its vowel sign or asat (ကျ, kya; န့်). Not the letters of Shan and
        // the other languages of the block: written with tone marks after
        // every syllable, their names met the wrong Latin names with a
        // vowel added (on the dev split, three wrong and none right).
        0x1000..=0x1021 | 0x103F => Kind::Consonant,
        0x102B..=0x1035 | 0x1039..=0x103A => Kind::VowelOrVirama,
        0x1037..=0x1038 | 0x103B..=0x103E => Kind::Nukta,
        _ => Kind::Other,
    }
}

/// Is the inherent vowel heard after `c`, given the text before it
/// (`before`) and the characters that follow it (`next`)? After a consonant
/// of the scripts above, or after the last of the marks that modify one (a
/// nukta, a Burmese medial: ကျ is k, y, then the vowel: kya, not kay);
/// false for anything else.
pub(crate) fn inherent_vowel_after(before: &str, c: char, mut next: impl Iterator<Item = char>) -> bool {
    let after_consonant = match kind(c) {
        Kind::Consonant => true,
        Kind::Nukta => {
            before.chars().rev().find(|&p| kind(p) != Kind::Nukta).is_some_and(|p| kind(p) == Kind::Consonant)
        }
        _ => false,
    };
    // A mark after `c` comes before the vowel; a vowel sign or a virama
    // takes its place. (Anusvara and visarga follow the vowel: ಬೆಂ, bem;
    // ಕಂ, kam.)
    after_consonant && !next.next().is_some_and(|n| matches!(kind(n), Kind::Nukta | Kind::VowelOrVirama))
}

/// Tibetan, whose fallback spells neither the inherent vowel nor the
/// vowel carrier ཨ nor the long-vowel sign ཱ (any_ascii gives `m` for མ, a
/// code point for ཨ): a syllable (between tshegs) without a vowel sign is
/// read with *a* after its first letter and the letters stacked under it
/// (ལེ་བ་ནོན, le ba non). A syllable that starts with a prefix letter
/// (བསྟན, bstan) is read wrongly so, but the names of other countries and
/// cities written in Tibetan seldom have one.
pub(crate) mod tibetan {
    /// The letter ཨ, which carries a vowel and has no sound of its own.
    pub(crate) const CARRIER: char = '\u{0F68}';
    /// The sign ཱ, which lengthens a vowel: read as *a*.
    pub(crate) const LONG_A: char = '\u{0F71}';

    fn is_letter(c: char) -> bool {
        matches!(c, '\u{0F40}'..='\u{0F6C}')
    }

    fn is_subjoined(c: char) -> bool {
        matches!(c, '\u{0F90}'..='\u{0FBC}')
    }

    fn is_vowel_sign(c: char) -> bool {
        matches!(c, '\u{0F71}'..='\u{0F7D}' | '\u{0F80}' | '\u{0F81}')
    }

    /// Is the inherent vowel heard after the letter `c` at the end of
    /// `before` + `c`, followed by `after`? `before` is the text before `c`.
    pub(crate) fn vowel_after(before: &str, c: char, after: &str) -> bool {
        if !(is_letter(c) || is_subjoined(c)) || after.chars().next().is_some_and(is_subjoined) {
            return false;
        }
        // The syllable's first letter: `c` itself or the letter it is stacked under.
        let mut back = before.chars().rev().skip_while(|&p| is_subjoined(p));
        let base_is_first = if is_subjoined(c) {
            let base = back.next();
            base.is_some_and(is_letter) && !back.next().is_some_and(|p| is_letter(p) || is_subjoined(p))
        } else {
            !before.chars().next_back().is_some_and(|p| is_letter(p) || is_subjoined(p) || is_vowel_sign(p))
        };
        let syllable_has_vowel = after
            .chars()
            .take_while(|&n| is_letter(n) || is_subjoined(n) || is_vowel_sign(n))
            .any(is_vowel_sign);
        base_is_first && !syllable_has_vowel
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vowels(word: &str) -> String {
        word.char_indices()
            .map(|(i, c)| {
                let (before, after) = (&word[..i], &word[i + c.len_utf8()..]);
                if inherent_vowel_after(before, c, after.chars()) { 'a' } else { '.' }
            })
            .collect()
    }

    #[test]
    fn consonants_without_a_sign_carry_the_vowel() {
        // Telugu జ కా ర్ తా: ja kā r tā.
        assert_eq!(vowels("జకార్తా"), "a......");
        // Kannada ಕ ಲ ಬು ರ ಗಿ: ka la bu ra gi.
        assert_eq!(vowels("ಕಲಬುರಗಿ"), "aa..a..");
        // Tamil ம ணி லா: ma ṇi lā; before an anusvara the vowel is heard.
        assert_eq!(vowels("மணிலா"), "a....");
        assert_eq!(vowels("ಕಂ"), "a.");
        // Burmese လ န် ဒ န်: la n da n; ကျ ပ်: kya p, the vowel after the
        // medial ya; မြို့: the vowel signs after the medial take its place.
        assert_eq!(vowels("လန်ဒန်"), "a..a..");
        assert_eq!(vowels("ကျပ်"), ".a..");
        assert_eq!(vowels("ကျ"), ".a");
        assert_eq!(vowels("မြို့"), ".....");
    }

    #[test]
    fn a_tibetan_syllable_without_a_vowel_sign_reads_a() {
        let vowels = |text: &str| -> String {
            text.char_indices()
                .map(|(i, c)| {
                    let (before, after) = (&text[..i], &text[i + c.len_utf8()..]);
                    if tibetan::vowel_after(before, c, after) { 'a' } else { '.' }
                })
                .collect()
        };
        // ལེ་བ་ནོན: le ba non.
        assert_eq!(vowels("ལེ་བ་ནོན"), "...a....");
        // བྷེ: a stacked letter, with a vowel sign.
        assert_eq!(vowels("བྷ་ཀྲ"), ".a..a");
    }

    #[test]
    fn other_scripts_are_left_alone() {
        assert_eq!(vowels("Kolkata"), ".......");
        assert_eq!(vowels("कलकत्ता"), ".......");
        assert_eq!(vowels("কলকাতা"), "......");
    }
}
