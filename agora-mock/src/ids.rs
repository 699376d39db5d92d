//! Identifiers and made-up numbers: a small seeded generator for the IDs
//! the emulator hands out (resource IDs, sids, request IDs, App IDs), and
//! a stable hash for data that must be the same on every call (analytics,
//! usage).

/// SplitMix64: small, fast, and good enough for identifiers that only have
/// to be unique and unpredictable-looking, and reproducible from a seed.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ALNUM: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX: &[u8; 16] = b"0123456789abcdef";

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| {
                let index = (self.next_u64() % alphabet.len() as u64) as usize;
                char::from(alphabet[index])
            })
            .collect()
    }

    /// `len` lower-case hexadecimal digits.
    pub(crate) fn hex(&mut self, len: usize) -> String {
        self.pick(HEX, len)
    }

    /// `len` characters of the URL-safe base64 alphabet (resource IDs).
    pub(crate) fn base64url(&mut self, len: usize) -> String {
        self.pick(BASE64URL, len)
    }

    /// `len` ASCII letters and digits (project IDs).
    pub(crate) fn alnum(&mut self, len: usize) -> String {
        self.pick(ALNUM, len)
    }

    /// `len` decimal digits, the first not zero.
    pub(crate) fn digits(&mut self, len: usize) -> String {
        let mut text = self.pick(b"0123456789", len);
        if text.starts_with('0') {
            text.replace_range(..1, "1");
        }
        text
    }
}

/// FNV-1a over the parts (with a separator), for values that must be the
/// same every time they are asked for.
pub(crate) fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    // One more mixing round, so near inputs give far outputs.
    Rng::new(hash).next_u64()
}

/// A stable number in `low..=high` for `parts`.
pub(crate) fn stable_in(parts: &[&str], low: u64, high: u64) -> u64 {
    low + stable_hash(parts) % (high - low + 1)
}

/// A stable ratio in `0..max` with three decimals, for `parts`.
pub(crate) fn stable_ratio(parts: &[&str], max: f64) -> f64 {
    let thousandths = stable_hash(parts) % 1000;
    (thousandths as f64 / 1000.0 * max * 1000.0).round() / 1000.0
}

/// A stable hexadecimal string of `len` digits for `parts`.
pub(crate) fn stable_hex(parts: &[&str], len: usize) -> String {
    Rng::new(stable_hash(parts)).hex(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_ids() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(a.hex(32), b.hex(32));
        assert_eq!(a.base64url(10).len(), 10);
        assert!(!a.digits(12).starts_with('0'));
        assert_eq!(stable_hash(&["a", "b"]), stable_hash(&["a", "b"]));
        assert_ne!(stable_hash(&["ab"]), stable_hash(&["a", "b"]));
        assert!((0.0..0.1).contains(&stable_ratio(&["x"], 0.1)));
    }
}
