//! Hangul syllables to conjoining jamo, by the arithmetic of the Unicode
//! standard (chapter 3.12): each of the 11,172 syllables is one leading
//! consonant, one vowel and an optional trailing consonant, numbered in that
//! order from U+AC00. Rules then see the letters across syllable boundaries,
//! where Korean sound changes happen (신라 → ᄉ ᅵ ᆫ ᄅ ᅡ → Silla).

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = 19 * N_COUNT;

/// `text` with every precomposed Hangul syllable written as its jamo.
pub(crate) fn decompose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for c in text.chars() {
        let s = (c as u32).wrapping_sub(S_BASE);
        if s >= S_COUNT {
            out.push(c);
            continue;
        }
        let jamo = [L_BASE + s / N_COUNT, V_BASE + (s % N_COUNT) / T_COUNT, T_BASE + s % T_COUNT];
        for (i, cp) in jamo.into_iter().enumerate() {
            // A trailing index of 0 means no final consonant.
            if i == 2 && cp == T_BASE {
                continue;
            }
            out.extend(char::from_u32(cp));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_split_into_jamo() {
        assert_eq!(decompose("신라"), "\u{1109}\u{1175}\u{11AB}\u{1105}\u{1161}");
        assert_eq!(decompose("가 힣!"), "\u{1100}\u{1161} \u{1112}\u{1175}\u{11C2}!");
        assert_eq!(decompose("abc ㄱ"), "abc ㄱ");
    }
}
