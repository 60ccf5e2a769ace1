//! The hash of the resolver's maps.

/// A multiplicative hash (as in rustc's FxHash) for the resolver's maps of
/// short keys: std's SipHash guards against crafted keys, which maps built
/// from nomen's and the user's own tables do not need, and costs several
/// times more per key.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

pub(crate) type FastHash = std::hash::BuildHasherDefault<FastHasher>;

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash set with [`FastHash`].
pub(crate) type FastSet<T> = std::collections::HashSet<T, FastHash>;
