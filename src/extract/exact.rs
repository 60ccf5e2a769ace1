//! Whether a span of text is written as a name is (case, the kind of
//! apostrophe and runs of spaces aside), decided by comparing hashes: each
//! pattern end keeps its name's hash, and a span found in a text is hashed
//! once, with no need to read the name (far away in memory).

use unicode_normalization::UnicodeNormalization;

use crate::translit;

/// A hash of a name as [`exact_chars`] folds it: two names with the same
/// hash are written alike. ASCII, the bulk of news text, is folded eight
/// bytes at a time; the hash is the same whichever way it was folded.
pub(super) fn exact_hash(s: &str) -> u64 {
    if !s.is_ascii() {
        return chars_hash(s);
    }
    let mut hash = ExactHash::default();
    fold_ascii(s.trim().as_bytes(), &mut hash);
    hash.finish()
}

/// [`exact_hash`] of any text, folded a char at a time.
fn chars_hash(s: &str) -> u64 {
    let mut hash = ExactHash::default();
    let mut utf8 = [0; 4];
    for c in exact_chars(s) {
        for &b in c.encode_utf8(&mut utf8).as_bytes() {
            hash.byte(b);
        }
    }
    hash.finish()
}

/// A name case-folded (NFC), one kind of apostrophe, any run of spaces or
/// line breaks as one space.
fn exact_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut space = false;
    s.trim().nfc().flat_map(char::to_lowercase).filter_map(move |c| {
        let was_space = std::mem::replace(&mut space, c.is_whitespace());
        match c {
            c if c.is_whitespace() => (!was_space).then_some(' '),
            c if translit::is_apostrophe(c) => Some('\''),
            c => Some(c),
        }
    })
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// [`exact_chars`] of trimmed ASCII, into `hash`. Eight bytes with no
/// white space but single spaces and no backquote (nearly every name) are
/// lower-cased at once; others go a byte at a time.
fn fold_ascii(bytes: &[u8], hash: &mut ExactHash) {
    // Whether the byte before was white space.
    let mut space = false;
    let mut eights = bytes.chunks_exact(8);
    for eight in &mut eights {
        let x = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        // Bytes below 0x20 (tab, line breaks) or backquotes; spaces after
        // a space.
        let spaces = zero_bytes(x ^ (ONES * u64::from(b' ')));
        let plain = (below(x, 0x20) | zero_bytes(x ^ (ONES * u64::from(b'`')))) == 0
            && spaces & (spaces << 8) == 0
            && !(space && spaces & 0x80 != 0);
        if plain {
            // 'A'..='Z' gain 0x20.
            let upper =
                (x + ONES * (0x80 - u64::from(b'A'))) & !(x + ONES * (0x80 - u64::from(b'Z') - 1)) & HIGH;
            hash.eight(x | upper >> 2);
            space = spaces >> 63 != 0;
        } else {
            for &b in eight {
                fold_byte(b, &mut space, hash);
            }
        }
    }
    for &b in eights.remainder() {
        fold_byte(b, &mut space, hash);
    }
}

/// One byte of [`fold_ascii`].
fn fold_byte(b: u8, space: &mut bool, hash: &mut ExactHash) {
    // `char::is_whitespace` of ASCII.
    if b == b' ' || (b'\t'..=b'\r').contains(&b) {
        if !std::mem::replace(space, true) {
            hash.byte(b' ');
        }
    } else {
        *space = false;
        hash.byte(if b == b'`' { b'\'' } else { b.to_ascii_lowercase() });
    }
}

/// The high bit of each zero byte of `x` (exactly: no false positives).
fn zero_bytes(x: u64) -> u64 {
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

/// The high bit of each byte of `x` (ASCII) below `n` (at most 0x80).
fn below(x: u64, n: u8) -> u64 {
    (x | HIGH).wrapping_sub(ONES * u64::from(n)) & HIGH ^ HIGH
}

/// A 64-bit hash of bytes, taken eight at a time.
#[derive(Default)]
struct ExactHash {
    hash: u64,
    /// Bytes not hashed yet, `pending` of them, the first lowest.
    word: u64,
    pending: u32,
    len: u64,
}

impl ExactHash {
    fn byte(&mut self, b: u8) {
        self.word |= u64::from(b) << (8 * self.pending);
        self.pending += 1;
        if self.pending == 8 {
            self.mix(self.word);
            (self.word, self.pending) = (0, 0);
        }
    }

    /// Eight bytes, the first lowest.
    fn eight(&mut self, x: u64) {
        if self.pending == 0 {
            self.mix(x);
        } else {
            let shift = 8 * self.pending;
            self.mix(self.word | x << shift);
            self.word = x >> (64 - shift);
        }
    }

    fn mix(&mut self, word: u64) {
        self.hash = (self.hash ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
        self.len += 8;
    }

    fn finish(self) -> u64 {
        // The length sets "ab" apart from "ab\0".
        let mut h = (self.hash ^ self.word).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ (self.len + u64::from(self.pending));
        // MurmurHash3's finaliser: every bit of the input moves every bit.
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ASCII folded eight bytes at a time hashes as folded a char at a
    /// time: on every string over an alphabet of the bytes that matter, of
    /// up to 40 bytes.
    #[test]
    fn ascii_folds_as_chars_do() {
        let alphabet = b"aZ `'\t\n\x0b\r.-@[{_0";
        let mut seed = 11u64;
        for _ in 0..50_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = (seed >> 58) as usize % 41;
            let s: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    char::from(alphabet[(seed >> 33) as usize % alphabet.len()])
                })
                .collect();
            assert_eq!(exact_hash(&s), chars_hash(&s), "{s:?}");
        }
        for b in 0..128u8 {
            let c = char::from(b);
            let s = format!("abcdefg{c}{c}hijklmnopq");
            assert_eq!(exact_hash(&s), chars_hash(&s), "{s:?}");
        }
    }

    #[test]
    fn names_written_alike_hash_alike() {
        let alike = [
            ("Kim Jong-un", "KIM  JONG-UN"),
            ("Kim Jong-un", " kim\tjong-un\n"),
            ("O`Neill", "O’Neill"),
            ("İstanbul", "i̇stanbul"),
            ("Łódź", "ŁÓDŹ"),
            ("Alexandria Ocasio-Cortez", "ALEXANDRIA   OCASIO-CORTEZ"),
        ];
        for (a, b) in alike {
            assert_eq!(exact_hash(a), exact_hash(b), "{a} {b}");
        }
        let unlike = [
            ("Lodz", "Łódź"),
            ("Kim Jong-un", "Kim Jong-il"),
            ("Kyiv", "Kyiv."),
            ("ab", "a b"),
            ("ab", "ab\0"),
            ("abcdefgh", "abcdefgh\0"),
        ];
        for (a, b) in unlike {
            assert_ne!(exact_hash(a), exact_hash(b), "{a:?} {b:?}");
        }
        // ("" and " " are both empty once trimmed.)
        assert_eq!(exact_hash(""), exact_hash(" "));
    }
}
