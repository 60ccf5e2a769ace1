//! Machinery shared by the pipeline's stages.

/// `f` applied to every number below `len`, in order, spread over the
/// machine's cores. Building an index computes one key per alias,
/// independently, and a large registry has hundreds of thousands of them.
pub(crate) fn par_map<R: Send>(len: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads < 2 || len < 4_096 {
        return (0..len).map(f).collect();
    }
    let chunk = len.div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..len)
            .step_by(chunk)
            .map(|start| s.spawn(move || (start..len.min(start + chunk)).map(f).collect::<Vec<R>>()))
            .collect();
        // A panic in `f` is a bug in nomen, not bad input; re-raise it.
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// The data rows of one of nomen's small embedded tables: `#` comment
/// lines, blank lines and the header line skipped, fields split at tabs.
pub(crate) fn tsv_rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
}

/// The match keys of the words of a `word<TAB>lang` table.
pub(crate) fn word_keys(text: &str) -> impl Iterator<Item = String> + '_ {
    tsv_rows(text).filter_map(|f| {
        let mut key = String::new();
        crate::normalize::word_key(f.first()?, f.get(1).copied(), &mut key);
        Some(key)
    })
}

/// A hash map for hot lookups (words of a text, trie edges, the reading
/// table): hashbrown's foldhash, a few multiplies per key instead of
/// SipHash's rounds, seeded per process so that no text can be written to
/// make its words collide.
pub(crate) type FastMap<K, V> = hashbrown::HashMap<K, V>;

/// The hasher of [`FastMap`], for std's maps and sets where they are used.
pub(crate) type FastHash = hashbrown::DefaultHashBuilder;

/// A hash set with [`FastHash`].
pub(crate) type FastSet<T> = std::collections::HashSet<T, FastHash>;

/// Where the first byte outside ASCII is. Thirty-two bytes a step, then
/// eight: scans of a whole text use it, and most of a news text is ASCII.
pub(crate) fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = |c: &[u8]| c.first_chunk::<8>().map_or(HIGH, |&w| u64::from_le_bytes(w));
    let ascii = |c: &[u8]| c.chunks_exact(8).fold(0, |high, w| high | word(w)) & HIGH == 0;
    let mut skipped = bytes.chunks_exact(32).take_while(|c| ascii(c)).count() * 32;
    skipped += bytes[skipped..].chunks_exact(8).take_while(|c| ascii(c)).count() * 8;
    bytes[skipped..].iter().position(|b| !b.is_ascii()).map(|n| skipped + n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order() {
        for len in [0, 1, 4_095, 4_096, 10_001] {
            assert_eq!(super::par_map(len, |x| x * 2), (0..len).map(|x| x * 2).collect::<Vec<_>>(), "{len}");
        }
    }

    #[test]
    fn finds_the_first_byte_outside_ascii_at_any_offset() {
        for len in 0..80 {
            let ascii = "a".repeat(len);
            assert_eq!(super::first_non_ascii(ascii.as_bytes()), None);
            for at in 0..len {
                let text = format!("{}é{}", &ascii[..at], &ascii[at..]);
                assert_eq!(super::first_non_ascii(text.as_bytes()), Some(at), "{text}");
            }
        }
    }
}
