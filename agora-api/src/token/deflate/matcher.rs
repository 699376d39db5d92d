//! The string matching of stock zlib's `deflate_slow` at level 6: hash
//! chains over 3-byte strings, lazy evaluation, and the same limits, so that
//! the same input gives the same literals and (length, distance) pairs.
//!
//! The input is one whole stream of at most [`super::MAX_INPUT`] bytes
//! given at once, as a token's content always is. zlib then reads it into
//! its window in one go and never slides the window or flushes a block
//! early, so the parse below is zlib's parse for that stream.

/// zlib's `MIN_MATCH`: the shortest string a match may copy.
pub(super) const MIN_MATCH: usize = 3;
/// zlib's `MAX_MATCH`: the longest.
pub(super) const MAX_MATCH: usize = 258;

/// Level 6 of zlib's configuration table: `good_length`, `max_lazy`,
/// `nice_length`, `max_chain`.
const GOOD_LENGTH: usize = 8;
const MAX_LAZY: usize = 16;
const NICE_LENGTH: usize = 128;
const MAX_CHAIN: usize = 128;
/// Matches of length 3 further back than this are dropped (zlib's
/// `TOO_FAR`).
const TOO_FAR: usize = 4096;

/// `memLevel` 8 gives 15 hash bits; the hash shifts by `(15 + 2) / 3`.
const HASH_BITS: u32 = 15;
const HASH_SIZE: usize = 1 << HASH_BITS;
const HASH_MASK: u32 = (1 << HASH_BITS) - 1;
const HASH_SHIFT: u32 = HASH_BITS.div_ceil(3);

/// One symbol of the parse: a literal byte, or a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Symbol {
    /// A byte sent as itself.
    Literal(u8),
    /// Copy `length` (3..=258) bytes from `distance` (1..) bytes back.
    Match {
        /// Bytes copied.
        length: u16,
        /// How far back the copy starts.
        distance: u16,
    },
}

/// The hash table and chains, kept by the caller between streams. Only the
/// slots a stream used are cleared afterwards, not all 32768 (zlib clears
/// them all on every reset: 64 KiB of writes per token).
pub(super) struct Matcher {
    /// Most recent position + 1 with each hash, 0 for none.
    head: Box<[u16]>,
    /// For each position, the previous position + 1 with its hash.
    prev: Vec<u16>,
    /// The hash slots written by the current stream.
    touched: Vec<u16>,
}

impl Matcher {
    pub(super) fn new() -> Self {
        Self {
            head: vec![0u16; HASH_SIZE].into_boxed_slice(),
            prev: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// Parses `data` as zlib would, appending its symbols to `out`.
    ///
    /// `data.len()` must not exceed [`super::MAX_INPUT`] (positions are
    /// kept as `u16`).
    pub(super) fn parse(&mut self, data: &[u8], out: &mut Vec<Symbol>) {
        debug_assert!(data.len() <= super::MAX_INPUT);
        self.prev.clear();
        self.prev.resize(data.len(), 0);
        let mut state = Parse {
            data,
            matcher: self,
            ins_h: 0,
        };
        state.run(out);
        for &slot in &self.touched {
            self.head[usize::from(slot)] = 0;
        }
        self.touched.clear();
    }
}

/// One stream's parse in progress.
struct Parse<'a> {
    data: &'a [u8],
    matcher: &'a mut Matcher,
    /// The rolling hash of the string at the last inserted position.
    ins_h: u32,
}

impl Parse<'_> {
    /// zlib's `INSERT_STRING`: hashes the string at `pos`, links it in
    /// front of its chain and returns the chain's former head (a
    /// position + 1, or 0).
    fn insert(&mut self, pos: usize) -> usize {
        let byte = self.data.get(pos + MIN_MATCH - 1).copied().unwrap_or(0);
        self.ins_h = ((self.ins_h << HASH_SHIFT) ^ u32::from(byte)) & HASH_MASK;
        let slot = self.ins_h as usize;
        let former = self.matcher.head[slot];
        if former == 0 {
            self.matcher.touched.push(slot as u16);
        }
        self.matcher.prev[pos] = former;
        // Positions are below MAX_INPUT, so pos + 1 fits.
        self.matcher.head[slot] = (pos + 1) as u16;
        usize::from(former)
    }

    /// zlib's `longest_match` for the string at `start` against the chain
    /// from `chain_head` (a position + 1), given the previous step's match
    /// length. Returns the length (at most the bytes left) and where the
    /// match starts; `None` when no candidate beats `prev_length`.
    ///
    /// zlib compares past the end of the input into its window and clamps
    /// afterwards; a candidate that reaches the end stops the search there
    /// (`nice_match` is clamped to the bytes left), so comparing only real
    /// bytes chooses the same candidate.
    fn longest_match(
        &self,
        start: usize,
        chain_head: usize,
        prev_length: usize,
    ) -> Option<(usize, usize)> {
        let data = self.data;
        let lookahead = data.len() - start;
        let mut chain = MAX_CHAIN;
        if prev_length >= GOOD_LENGTH {
            chain >>= 2;
        }
        let nice = NICE_LENGTH.min(lookahead);
        let longest = MAX_MATCH.min(lookahead);
        let scan = &data[start..start + longest];
        let mut best_len = prev_length;
        let mut best = None;
        let mut candidate = chain_head;
        // Chains hold positions + 1; zlib never matches position 0 (its
        // `NIL`), which here is the value 1 and stops the walk (`> limit`
        // with limit 0 in zlib, for an input this short).
        while candidate > 1 {
            let at = candidate - 1;
            if best_len < longest {
                let len = common_prefix(&data[at..], scan);
                if len > best_len {
                    best_len = len;
                    best = Some(at);
                    if len >= nice {
                        break;
                    }
                }
            }
            chain -= 1;
            if chain == 0 {
                break;
            }
            candidate = usize::from(self.matcher.prev[at]);
        }
        best.map(|at| (best_len.min(lookahead), at))
    }

    /// zlib's `deflate_slow` loop for a whole stream ending with
    /// `Z_FINISH`.
    fn run(&mut self, out: &mut Vec<Symbol>) {
        let data = self.data;
        let len = data.len();
        if len >= MIN_MATCH {
            // fill_window's hash start: the first two bytes.
            self.ins_h = ((u32::from(data[0]) << HASH_SHIFT) ^ u32::from(data[1])) & HASH_MASK;
        }
        let mut strstart = 0usize;
        // The previous step's match (length, start) and this step's.
        let mut match_length = MIN_MATCH - 1;
        let mut match_start = 0usize;
        let mut match_available = false;
        while strstart < len {
            let lookahead = len - strstart;
            let mut hash_head = 0;
            if lookahead >= MIN_MATCH {
                hash_head = self.insert(strstart);
            }
            let prev_length = match_length;
            let prev_match = match_start;
            match_length = MIN_MATCH - 1;
            // hash_head is a position + 1; zlib's `hash_head != NIL`.
            if hash_head > 1 && prev_length < MAX_LAZY {
                if let Some((found, at)) = self.longest_match(strstart, hash_head, prev_length) {
                    match_length = found;
                    match_start = at;
                }
                if match_length == MIN_MATCH && strstart - match_start > TOO_FAR {
                    match_length = MIN_MATCH - 1;
                }
            }
            if prev_length >= MIN_MATCH && match_length <= prev_length {
                let max_insert = strstart + lookahead - MIN_MATCH;
                // Both below MAX_INPUT.
                out.push(Symbol::Match {
                    length: prev_length as u16,
                    distance: (strstart - 1 - prev_match) as u16,
                });
                // strstart - 1 and strstart are inserted; insert the rest
                // of the match, but not past max_insert.
                for _ in 0..prev_length - 2 {
                    strstart += 1;
                    if strstart <= max_insert {
                        self.insert(strstart);
                    }
                }
                match_available = false;
                match_length = MIN_MATCH - 1;
                strstart += 1;
            } else if match_available {
                out.push(Symbol::Literal(data[strstart - 1]));
                strstart += 1;
            } else {
                match_available = true;
                strstart += 1;
            }
        }
        if match_available {
            out.push(Symbol::Literal(data[strstart - 1]));
        }
    }
}

/// How many leading bytes `a` and `b` share, at most `b.len()`.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut i = 0;
    while i + 8 <= n {
        let x = u64::from_le_bytes(a[i..i + 8].try_into().unwrap_or([0; 8]));
        let y = u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]));
        let diff = x ^ y;
        if diff != 0 {
            return i + (diff.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}
