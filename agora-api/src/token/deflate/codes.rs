//! Deflate's fixed tables (RFC 1951 3.2.5-3.2.7) as zlib builds them, and
//! the bit writer.

/// Literal bytes, end of block and the 29 length codes.
pub(super) const L_CODES: usize = 286;
pub(super) const D_CODES: usize = 30;
pub(super) const BL_CODES: usize = 19;
pub(super) const END_BLOCK: usize = 256;
/// The shared heap: room for every node of the largest tree.
pub(super) const HEAP_SIZE: usize = 2 * L_CODES + 1;
pub(super) const MAX_BITS: usize = 15;
pub(super) const MAX_BL_BITS: usize = 7;
/// Bit-length codes for repeats: previous length 3-6 times, zeros 3-10
/// times, zeros 11-138 times.
pub(super) const REP_3_6: usize = 16;
pub(super) const REPZ_3_10: usize = 17;
pub(super) const REPZ_11_138: usize = 18;

pub(super) const EXTRA_LBITS: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
pub(super) const EXTRA_DBITS: [u8; D_CODES] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
pub(super) const EXTRA_BLBITS: [u8; BL_CODES] =
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7];
/// The order bit-length code lengths are sent in.
pub(super) const BL_ORDER: [usize; BL_CODES] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// zlib's `_length_code` and `base_length`, built as `tr_static_init` does.
pub(super) const LENGTHS: ([u8; 256], [u8; 29]) = {
    let mut code_of = [0u8; 256];
    let mut base = [0u8; 29];
    let mut length = 0usize;
    let mut code = 0usize;
    while code < 28 {
        base[code] = length as u8;
        let mut n = 0;
        while n < (1 << EXTRA_LBITS[code]) {
            code_of[length] = code as u8;
            length += 1;
            n += 1;
        }
        code += 1;
    }
    // Length 258 has two codes; zlib sends the shorter one, code 28.
    code_of[length - 1] = code as u8;
    (code_of, base)
};

/// zlib's `_dist_code` (512 entries) and `base_dist`.
pub(super) const DISTANCES: ([u8; 512], [u16; D_CODES]) = {
    let mut code_of = [0u8; 512];
    let mut base = [0u16; D_CODES];
    let mut dist = 0usize;
    let mut code = 0usize;
    while code < 16 {
        base[code] = dist as u16;
        let mut n = 0;
        while n < (1 << EXTRA_DBITS[code]) {
            code_of[dist] = code as u8;
            dist += 1;
            n += 1;
        }
        code += 1;
    }
    dist >>= 7;
    while code < D_CODES {
        base[code] = (dist << 7) as u16;
        let mut n = 0;
        while n < (1 << (EXTRA_DBITS[code] - 7)) {
            code_of[256 + dist] = code as u8;
            dist += 1;
            n += 1;
        }
        code += 1;
    }
    (code_of, base)
};

/// zlib's `d_code` of a distance minus one.
pub(super) fn dist_code(dist: usize) -> usize {
    let index = if dist < 256 { dist } else { 256 + (dist >> 7) };
    usize::from(DISTANCES.0[index & 511])
}

/// The fixed literal/length code (RFC 1951 3.2.6): (bit-reversed code,
/// length) for 288 symbols, as zlib's `static_ltree`.
pub(super) const STATIC_LTREE: [(u16, u8); 288] = {
    let mut lens = [0u8; 288];
    let mut n = 0;
    while n < 288 {
        lens[n] = if n < 144 {
            8
        } else if n < 256 {
            9
        } else if n < 280 {
            7
        } else {
            8
        };
        n += 1;
    }
    let mut count = [0u16; MAX_BITS + 1];
    count[7] = 24;
    count[8] = 152;
    count[9] = 112;
    let codes = canonical_codes(&lens, &count);
    let mut tree = [(0u16, 0u8); 288];
    let mut n = 0;
    while n < 288 {
        tree[n] = (codes[n], lens[n]);
        n += 1;
    }
    tree
};

/// Canonical codes for `lens` (zlib's `gen_codes`), bit-reversed for
/// sending.
const fn canonical_codes<const N: usize>(lens: &[u8; N], count: &[u16; MAX_BITS + 1]) -> [u16; N] {
    let mut next = [0u16; MAX_BITS + 1];
    let mut code = 0u32;
    let mut bits = 1;
    while bits <= MAX_BITS {
        code = (code + count[bits - 1] as u32) << 1;
        next[bits] = code as u16;
        bits += 1;
    }
    let mut codes = [0u16; N];
    let mut n = 0;
    while n < N {
        let len = lens[n] as usize;
        if len != 0 {
            codes[n] = reverse(next[len], len as u32);
            next[len] = next[len].wrapping_add(1);
        }
        n += 1;
    }
    codes
}

/// The low `len` bits of `code`, in reverse order.
pub(super) const fn reverse(code: u16, len: u32) -> u16 {
    code.reverse_bits() >> (16 - len)
}

/// Bits written least significant first, as deflate packs them.
pub(super) struct BitWriter<'a> {
    pub(super) out: &'a mut Vec<u8>,
    acc: u64,
    filled: u32,
}

impl<'a> BitWriter<'a> {
    pub(super) fn new(out: &'a mut Vec<u8>) -> Self {
        Self {
            out,
            acc: 0,
            filled: 0,
        }
    }

    /// Appends the low `len` (at most 16) bits of `value`.
    pub(super) fn put(&mut self, value: u32, len: u32) {
        self.acc |= u64::from(value) << self.filled;
        self.filled += len;
        if self.filled >= 32 {
            self.out.extend_from_slice(&(self.acc as u32).to_le_bytes());
            self.acc >>= 32;
            self.filled -= 32;
        }
    }

    /// Pads to a byte boundary with zero bits (zlib's `bi_windup`).
    pub(super) fn align(&mut self) {
        let bytes = self.filled.div_ceil(8) as usize;
        self.out.extend_from_slice(&self.acc.to_le_bytes()[..bytes]);
        self.acc = 0;
        self.filled = 0;
    }
}
