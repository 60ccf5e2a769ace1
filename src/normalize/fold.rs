//! Turning a transliterated word into plain lower-case ASCII letters and digits.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-case, strip marks, spell remaining non-ASCII letters in ASCII
/// (ł → l, ß → ss, æ → ae) and drop everything that is not a letter or digit:
/// apostrophes, soft-sign marks (ʹ), hyphens, dots and quotes.
pub(crate) fn fold_word(word: &str, out: &mut String) {
    for c in lower_unmarked(word) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.extend(
                any_ascii::any_ascii_char(c)
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|a| a.to_ascii_lowercase()),
            );
        }
    }
}

/// The letters of `word` in lower case, without their marks (Αθήνα, ΑΘΗΝΑ:
/// αθηνα).
pub(crate) fn lower_unmarked(word: &str) -> impl Iterator<Item = char> + '_ {
    word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase)
}

/// `latin` without the code points (`U+1038`) that transliteration writes
/// for combining marks it cannot spell (Myanmar and Shan tone and vowel
/// marks, a Tibetan vowel length mark): in a key they would make a word
/// unlike every spelling of it in another script, and a mark tells less
/// than the letters around it. Letters stay spelt as code points, so that
/// different names do not meet.
pub(crate) fn drop_unspelt_marks(latin: &str) -> std::borrow::Cow<'_, str> {
    if !latin.contains("U+") {
        return std::borrow::Cow::Borrowed(latin);
    }
    let mut out = String::with_capacity(latin.len());
    let mut rest = latin;
    while let Some(at) = rest.find("U+") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let hex = after.bytes().take(6).take_while(u8::is_ascii_hexdigit).count();
        let mark = u32::from_str_radix(&after[..hex], 16)
            .ok()
            .and_then(char::from_u32)
            .filter(|c| is_combining_mark(*c));
        if hex >= 4 && mark.is_some() {
            rest = &after[hex..];
        } else {
            out.push_str("U+");
            rest = after;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(w: &str) -> String {
        let mut s = String::new();
        fold_word(w, &mut s);
        s
    }

    #[test]
    fn folds_marks_case_and_punctuation() {
        assert_eq!(fold("Zełenski"), "zelenski");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Černyševskij"), "cernysevskij");
        assert_eq!(fold("O’Brien"), "obrien");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("U.S"), "us");
        assert_eq!(fold("ʹ"), "");
    }

    #[test]
    fn unspelt_marks_leave_no_trace() {
        assert_eq!(drop_unspelt_marks("peU+1038kU+0EADa"), "pekU+0EADa");
        assert_eq!(drop_unspelt_marks("U+12"), "U+12");
    }
}
