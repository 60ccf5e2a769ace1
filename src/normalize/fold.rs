//! Turning a transliterated word into plain lower-case ASCII letters and digits.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-case, strip marks, spell remaining non-ASCII letters in ASCII
/// (ł → l, ß → ss, æ → ae) and drop everything that is not a letter or digit:
/// apostrophes, soft-sign marks (ʹ), hyphens, dots and quotes.
pub(crate) fn fold_word(word: &str, out: &mut String) {
    for c in word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase) {
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
}
