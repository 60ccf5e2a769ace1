//! A registry and its resolve index as bytes, so that a later process with
//! the same tables starts in milliseconds instead of reading and keying
//! every alias again (see [`crate::RegistryBuilder::cache`]).
//!
//! The format is private to one build of nomen: the header carries a hash
//! of the sources and tables the binary was built from ([`BUILD_ID`]) and
//! of the tables loaded, and anything that does not match, or is cut short,
//! is refused so the caller builds afresh. Reading never trusts a length:
//! every read is checked against the bytes left, and large arrays are used
//! where they lie in the file (memory-mapped), never copied.
//!
//! A checksum ends the bytes, so that a damaged byte that would still read
//! as a name or a number is refused too. It is verified for snapshots of up
//! to [`VERIFY_UP_TO`] bytes (the built-in tables' is 28 MB): verifying a
//! larger one would read all of it, which is what mapping it avoids (a
//! million aliases make 220 MB, of which a query reads a few pages). Those
//! rest on how they are written: whole, under a temporary name, then
//! renamed into place, and never changed after.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// A hash of nomen's sources and built-in tables, made by build.rs.
pub(crate) const BUILD_ID: &str = env!("NOMEN_BUILD_ID");

const MAGIC: &[u8; 8] = b"NOMENSNP";

/// A snapshot that cannot be used: damaged, or made by another build or
/// from other tables. Never shown to users; they get a fresh build.
#[derive(Debug)]
pub(crate) struct Unusable;

/// FNV-1a, 64 bits: a stable hash (std's may change between Rust
/// versions) of the tables a snapshot was made from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        // The length ends each field, so ("ab", "c") and ("a", "bc") differ.
        for b in (bytes.len() as u64).to_le_bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub(crate) fn finish(self) -> u64 {
        self.0
    }
}

/// The checksum that ends a snapshot. Eight multiply–rotate lanes over
/// 8-byte words: a few ms for the built-in tables' snapshot, where
/// byte-wise FNV would take about as long as loading it.
fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = Checksum::default();
    sum.write(bytes);
    sum.finish()
}

/// [`checksum`] of bytes that come in pieces of any size (a file read a
/// buffer at a time): the same value as for the bytes at once.
#[derive(Debug, Clone)]
pub(crate) struct Checksum {
    lanes: [u64; 8],
    /// The bytes of a 64-byte chunk not complete yet.
    pending: [u8; 64],
    len: usize,
}

impl Default for Checksum {
    fn default() -> Checksum {
        Checksum { lanes: [1, 2, 3, 4, 5, 6, 7, 8], pending: [0; 64], len: 0 }
    }
}

impl Checksum {
    pub(crate) fn write(&mut self, mut bytes: &[u8]) {
        if self.len > 0 {
            let take = bytes.len().min(64 - self.len);
            let (head, rest) = bytes.split_at(take);
            self.pending[self.len..self.len + take].copy_from_slice(head);
            self.len += take;
            bytes = rest;
            if self.len < 64 {
                return;
            }
            let chunk = self.pending;
            self.mix(&chunk);
            self.len = 0;
        }
        let mut chunks = bytes.chunks_exact(64);
        for chunk in &mut chunks {
            self.mix(chunk);
        }
        let rest = chunks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.len = rest.len();
    }

    fn mix(&mut self, chunk: &[u8]) {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let words = chunk
            .chunks_exact(8)
            .map(|w| u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]));
        for (lane, word) in self.lanes.iter_mut().zip(words) {
            *lane = (*lane ^ word).wrapping_mul(K).rotate_left(29);
        }
    }

    pub(crate) fn finish(self) -> u64 {
        let mut h = Fnv::default();
        for lane in self.lanes {
            h.write(&lane.to_le_bytes());
        }
        h.write(&self.pending[..self.len]);
        h.finish()
    }
}

/// Bytes being written: to memory, or to a file a buffer at a time, so
/// that saving a snapshot of 200 MB does not first hold all of it.
#[derive(Default)]
pub(crate) struct Writer {
    /// What is not written to `file` yet (everything, without a file).
    bytes: Vec<u8>,
    file: Option<std::fs::File>,
    /// The checksum of what went to `file`.
    sum: Checksum,
    error: Option<std::io::Error>,
}

/// Snapshots up to this size have their checksum verified (see the
/// module's docs).
const VERIFY_UP_TO: usize = 64 << 20;

/// The bytes of a snapshot file, or of something built in memory.
#[derive(Debug)]
pub(crate) enum Bytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Default for Bytes {
    fn default() -> Bytes {
        Bytes::Owned(Vec::new())
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

impl Bytes {
    /// A snapshot file, memory-mapped (or read, where it cannot be).
    pub(crate) fn open(path: &Path) -> std::io::Result<Bytes> {
        let file = std::fs::File::open(path)?;
        match map(&file) {
            Ok(map) => Ok(Bytes::Mapped(map)),
            Err(_) => std::fs::read(path).map(Bytes::Owned),
        }
    }
}

/// The file's bytes as they lie on disk.
#[allow(unsafe_code, reason = "memory-mapping a file is unsafe in Rust; the one place nomen does it")]
fn map(file: &std::fs::File) -> std::io::Result<memmap2::Mmap> {
    // SAFETY: the map is undefined behaviour only if the file changes while
    // mapped. Snapshot files are written whole under another name and
    // renamed into place, and never written again; a rename or removal
    // leaves the mapped file as it was. Only another program truncating
    // the file could break that, and the cache directory is nomen's own.
    unsafe { memmap2::Mmap::map(file) }
}

/// Bytes being read back.
pub(crate) struct Reader {
    buf: Arc<Bytes>,
    at: usize,
    end: usize,
}

/// Bytes shared with the snapshot they were read from: large arrays are
/// used where they lie instead of being copied out.
#[derive(Clone, Default)]
pub(crate) struct Blob {
    buf: Arc<Bytes>,
    start: usize,
    end: usize,
}

/// Its size, not its bytes (a registry's text is megabytes).
impl std::fmt::Debug for Blob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Blob({} bytes)", self.end - self.start)
    }
}

impl Blob {
    pub(crate) fn bytes(&self) -> &[u8] {
        self.buf.get(self.start..self.end).unwrap_or_default()
    }

    /// Numbers as the little-endian bytes a blob holds them in.
    pub(crate) fn from_u32s(numbers: &[u32]) -> Blob {
        numbers.iter().flat_map(|n| n.to_le_bytes()).collect::<Vec<u8>>().into()
    }

    /// Row `i` of a blob of rows of `N` numbers each.
    pub(crate) fn row<const N: usize>(&self, i: usize) -> Option<[u32; N]> {
        let bytes = self.bytes().get(4 * N * i..4 * N * (i + 1))?;
        let mut row = [0; N];
        for (n, c) in row.iter_mut().zip(bytes.chunks_exact(4)) {
            *n = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        Some(row)
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Blob {
        Blob { end: bytes.len(), buf: Arc::new(Bytes::Owned(bytes)), start: 0 }
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Bytes {
        Bytes::Owned(bytes)
    }
}

/// How many bytes a [`Writer`] gathers before it writes them to its file.
const WRITE_BUFFER: usize = 1 << 20;

impl Writer {
    /// A snapshot in memory, for tests.
    #[cfg(test)]
    pub(crate) fn new(tables_hash: u64) -> Writer {
        Writer::start(None, tables_hash)
    }

    /// A snapshot written to `file` as it is made.
    pub(crate) fn to_file(file: std::fs::File, tables_hash: u64) -> Writer {
        Writer::start(Some(file), tables_hash)
    }

    /// A snapshot starts with the magic, the build and the tables' hash.
    fn start(file: Option<std::fs::File>, tables_hash: u64) -> Writer {
        let mut w = Writer { file, ..Writer::default() };
        w.put(MAGIC);
        BUILD_ID.to_string().write(&mut w);
        tables_hash.write(&mut w);
        w
    }

    pub(crate) fn put(&mut self, bytes: &[u8]) {
        if self.file.is_some() && self.bytes.len() + bytes.len() > WRITE_BUFFER {
            self.flush();
            if bytes.len() > WRITE_BUFFER {
                self.write_out(bytes);
                return;
            }
        }
        self.bytes.extend_from_slice(bytes);
    }

    fn flush(&mut self) {
        if self.file.is_none() {
            return;
        }
        let bytes = std::mem::take(&mut self.bytes);
        self.write_out(&bytes);
        self.bytes = bytes;
        self.bytes.clear();
    }

    /// Write `bytes` to the file (the first failure is kept for `finish`).
    fn write_out(&mut self, bytes: &[u8]) {
        let Some(file) = &mut self.file else { return };
        self.sum.write(bytes);
        if self.error.is_none() {
            if let Err(e) = std::io::Write::write_all(file, bytes) {
                self.error = Some(e);
            }
        }
    }

    /// The snapshot's bytes, ended by their checksum (empty for a file).
    pub(crate) fn finish(mut self) -> std::io::Result<Vec<u8>> {
        self.flush();
        self.sum.write(&self.bytes);
        let sum = self.sum.clone().finish();
        self.put(&sum.to_le_bytes());
        self.flush();
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.bytes),
        }
    }
}

impl Reader {
    /// A reader past the header, if the header is this build's and names
    /// these tables, and the bytes end with their checksum (verified up to
    /// [`VERIFY_UP_TO`] bytes).
    pub(crate) fn new(bytes: impl Into<Bytes>, tables_hash: u64) -> Result<Reader, Unusable> {
        let bytes = bytes.into();
        let body = bytes.len().checked_sub(8).ok_or(Unusable)?;
        if body <= VERIFY_UP_TO && bytes[body..] != checksum(&bytes[..body]).to_le_bytes() {
            return Err(Unusable);
        }
        let mut r = Reader { end: body, buf: Arc::new(bytes), at: 0 };
        if r.take(MAGIC.len())? != MAGIC
            || String::read(&mut r)? != BUILD_ID
            || u64::read(&mut r)? != tables_hash
        {
            return Err(Unusable);
        }
        Ok(r)
    }

    fn left(&self) -> usize {
        self.end - self.at
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&[u8], Unusable> {
        if n > self.left() {
            return Err(Unusable);
        }
        self.at += n;
        Ok(&self.buf[self.at - n..self.at])
    }

    /// A count of items, each at least `min_size` bytes long: a count
    /// larger than the bytes left could hold is damage, not a reason to
    /// allocate.
    fn count(&mut self, min_size: usize) -> Result<usize, Unusable> {
        let n = u64::read(self)? as usize;
        if n.saturating_mul(min_size.max(1)) > self.left() { Err(Unusable) } else { Ok(n) }
    }

    /// Everything was read: trailing bytes mean the layout is not ours.
    pub(crate) fn finish(self) -> Result<(), Unusable> {
        if self.left() == 0 { Ok(()) } else { Err(Unusable) }
    }
}

/// A value that can be written to a snapshot and read back.
pub(crate) trait Persist: Sized {
    fn write(&self, w: &mut Writer);
    fn read(r: &mut Reader) -> Result<Self, Unusable>;
}

impl Persist for u64 {
    fn write(&self, w: &mut Writer) {
        w.put(&self.to_le_bytes());
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let b = r.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().map_err(|_| Unusable)?))
    }
}

impl Persist for usize {
    fn write(&self, w: &mut Writer) {
        (*self as u64).write(w);
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        usize::try_from(u64::read(r)?).map_err(|_| Unusable)
    }
}

impl Persist for Blob {
    fn write(&self, w: &mut Writer) {
        self.bytes().len().write(w);
        w.put(self.bytes());
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let n = r.count(1)?;
        r.take(n)?;
        Ok(Blob { buf: r.buf.clone(), start: r.at - n, end: r.at })
    }
}

/// Bytes in bulk (small numbers, buffers of keys).
impl Persist for Vec<u8> {
    fn write(&self, w: &mut Writer) {
        self.len().write(w);
        w.put(self);
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let n = r.count(1)?;
        Ok(r.take(n)?.to_vec())
    }
}

impl Persist for String {
    fn write(&self, w: &mut Writer) {
        self.len().write(w);
        w.put(self.as_bytes());
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let n = r.count(1)?;
        let bytes = r.take(n)?;
        std::str::from_utf8(bytes).map(str::to_string).map_err(|_| Unusable)
    }
}

impl<T: Persist> Persist for Option<T> {
    fn write(&self, w: &mut Writer) {
        match self {
            None => w.put(&[0]),
            Some(v) => {
                w.put(&[1]);
                v.write(w);
            }
        }
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        match r.take(1)?[0] {
            0 => Ok(None),
            1 => T::read(r).map(Some),
            _ => Err(Unusable),
        }
    }
}

impl<T: Persist> Persist for Vec<T> {
    fn write(&self, w: &mut Writer) {
        self.len().write(w);
        for v in self {
            v.write(w);
        }
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let n = r.count(1)?;
        (0..n).map(|_| T::read(r)).collect()
    }
}

/// Numbers in bulk (postings lists): four bytes each, read in one pass.
impl Persist for Vec<u32> {
    fn write(&self, w: &mut Writer) {
        self.len().write(w);
        for v in self {
            w.put(&v.to_le_bytes());
        }
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let n = r.count(4)?;
        let bytes = r.take(n * 4)?;
        Ok(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }
}

impl<K: Persist + Ord, V: Persist> Persist for BTreeMap<K, V> {
    fn write(&self, w: &mut Writer) {
        self.len().write(w);
        for (k, v) in self {
            k.write(w);
            v.write(w);
        }
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let n = r.count(2)?;
        (0..n).map(|_| Ok((K::read(r)?, V::read(r)?))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checksum_in_pieces_is_the_checksum_at_once() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        let whole = checksum(&bytes);
        for piece in [1, 3, 63, 64, 65, 200, 1000] {
            let mut sum = Checksum::default();
            for part in bytes.chunks(piece) {
                sum.write(part);
            }
            assert_eq!(sum.finish(), whole, "pieces of {piece}");
        }
        assert_ne!(checksum(&bytes[..999]), whole);
    }

    #[test]
    fn values_come_back_and_damage_is_refused() {
        let mut w = Writer::new(7);
        let value: (Vec<String>, Vec<u32>, Option<usize>) =
            (vec!["Київ".into(), String::new()], vec![1, 2, u32::MAX], Some(5));
        value.0.write(&mut w);
        value.1.write(&mut w);
        value.2.write(&mut w);
        let bytes = w.finish().unwrap();
        let mut r = Reader::new(bytes.clone(), 7).unwrap();
        assert_eq!(Vec::<String>::read(&mut r).unwrap(), value.0);
        assert_eq!(Vec::<u32>::read(&mut r).unwrap(), value.1);
        assert_eq!(Option::<usize>::read(&mut r).unwrap(), value.2);
        r.finish().unwrap();
        // Other tables, and every cut-short copy, are refused without a panic.
        assert!(Reader::new(bytes.clone(), 8).is_err());
        for end in 0..bytes.len() {
            let read = Reader::new(bytes[..end].to_vec(), 7).and_then(|mut r| {
                Vec::<String>::read(&mut r)?;
                Vec::<u32>::read(&mut r)?;
                Option::<usize>::read(&mut r)?;
                r.finish()
            });
            assert!(read.is_err(), "cut at {end}");
        }
        // So is every copy with one byte changed, also where the change
        // would still read as a string (found by fuzz target `snapshot`).
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assert!(Reader::new(damaged, 7).is_err(), "byte {at} changed");
        }
    }
}
