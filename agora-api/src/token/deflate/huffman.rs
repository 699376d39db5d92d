//! The block writer of stock zlib's `trees.c`: its Huffman trees, its
//! choice between a stored, a fixed-code and a dynamic-code block, and the
//! bits of each, for one final block.
//!
//! A dynamic block's code lengths depend on how zlib breaks ties between
//! equal frequencies, so its heap is reproduced step for step: the same
//! comparison (frequency, then depth), the same sift-down, the same order
//! of new nodes. The sift-down compares one packed key instead of zlib's
//! two-field test and picks a child without a branch; that changes the cost
//! of a tie, not its outcome. Building these trees is most of a token's
//! compression time, even when (as for every token seen) the fixed-code
//! block wins.

use super::codes::{
    BL_CODES, BL_ORDER, BitWriter, D_CODES, DISTANCES, END_BLOCK, EXTRA_BLBITS, EXTRA_DBITS,
    EXTRA_LBITS, HEAP_SIZE, L_CODES, LENGTHS, MAX_BITS, MAX_BL_BITS, REP_3_6, REPZ_3_10,
    REPZ_11_138, STATIC_LTREE, dist_code, reverse,
};
use super::matcher::{MIN_MATCH, Symbol};

/// What zlib's `tree_desc` and `static_tree_desc` say of one tree.
struct Desc {
    elems: usize,
    max_length: usize,
    extra: &'static [u8],
    /// The first symbol with extra bits.
    extra_base: usize,
    /// Length of each symbol in the fixed code, for the fixed block's size.
    fixed: Option<fn(usize) -> u32>,
}

/// One Huffman tree of at most `N` nodes.
struct Tree<const N: usize> {
    freq: [u32; N],
    len: [u16; N],
    dad: [u16; N],
    code: [u16; N],
    max_code: usize,
}

impl<const N: usize> Tree<N> {
    fn new() -> Self {
        Self {
            freq: [0; N],
            len: [0; N],
            dad: [0; N],
            code: [0; N],
            max_code: 0,
        }
    }
}

/// zlib's heap, depths and bit-length counts, shared by the three trees,
/// and the two block sizes in bits.
///
/// A heap entry packs a node's frequency, depth and number as
/// `freq << 18 | depth << 10 | node`, so that zlib's `smaller(n, m)`
/// (lower frequency, or equal frequency and depth not greater) is one
/// comparison of `entry >> 10`, read from the heap itself.
struct Builder {
    heap: [u32; HEAP_SIZE],
    heap_len: usize,
    heap_max: usize,
    bl_count: [u16; MAX_BITS + 1],
    /// The dynamic block's size (zlib's `opt_len`).
    opt_len: i64,
    /// The fixed-code block's size (zlib's `static_len`).
    static_len: i64,
}

/// Bits of an entry below its depth: the node number (< 1024).
const NODE_BITS: u32 = 10;
const NODE_MASK: u32 = (1 << NODE_BITS) - 1;
/// Bits below the frequency: depth (8, wrapping as zlib's `uch`) and node.
const FREQ_SHIFT: u32 = NODE_BITS + 8;
// Every frequency is at most the symbol count of one stream plus three.
const _: () = assert!(HEAP_SIZE <= 1 << NODE_BITS && super::MAX_INPUT + 3 < 1 << (32 - FREQ_SHIFT));

fn entry(freq: u32, depth: u32, node: usize) -> u32 {
    freq << FREQ_SHIFT | depth << NODE_BITS | node as u32
}

fn node_of(entry: u32) -> usize {
    (entry & NODE_MASK) as usize
}

fn depth_of(entry: u32) -> u32 {
    (entry >> NODE_BITS) & 0xff
}

impl Builder {
    /// zlib's `pqdownheap`.
    fn sift_down(&mut self, mut k: usize) {
        let v = self.heap[k];
        // heap_len never exceeds L_CODES; saying so lets the indexing
        // below go unchecked.
        let len = self.heap_len.min(L_CODES);
        loop {
            let j = k << 1;
            if j > len {
                break;
            }
            // The right son when it exists and is smaller. heap[j + 1] is
            // in bounds: j <= heap_len < HEAP_SIZE - 1.
            let (left, right) = (self.heap[j], self.heap[j + 1]);
            let take_right = (j < len) & (right >> NODE_BITS <= left >> NODE_BITS);
            let son = if take_right { right } else { left };
            if v >> NODE_BITS <= son >> NODE_BITS {
                break;
            }
            self.heap[k] = son;
            k = j + usize::from(take_right);
        }
        self.heap[k] = v;
    }

    /// zlib's `build_tree`: the tree's code lengths and codes, and its
    /// share of both block sizes.
    fn build<const N: usize>(&mut self, tree: &mut Tree<N>, desc: &Desc) {
        self.heap_len = 0;
        self.heap_max = HEAP_SIZE;
        let mut max_code: Option<usize> = None;
        for n in 0..desc.elems {
            if tree.freq[n] != 0 {
                self.heap_len += 1;
                self.heap[self.heap_len] = entry(tree.freq[n], 0, n);
                max_code = Some(n);
            } else {
                tree.len[n] = 0;
            }
        }
        // At least two codes, as zlib forces: the next symbol or symbol 0,
        // with frequency 1 and not counted in the sizes.
        while self.heap_len < 2 {
            let node = match max_code {
                Some(m) if m >= 2 => 0,
                Some(m) => {
                    max_code = Some(m + 1);
                    m + 1
                }
                None => {
                    max_code = Some(0);
                    0
                }
            };
            self.heap_len += 1;
            self.heap[self.heap_len] = entry(1, 0, node);
            tree.freq[node] = 1;
            self.opt_len -= 1;
            if let Some(fixed) = desc.fixed {
                self.static_len -= i64::from(fixed(node));
            }
        }
        let max_code = max_code.unwrap_or(0);
        tree.max_code = max_code;
        for n in (1..=self.heap_len / 2).rev() {
            self.sift_down(n);
        }
        let mut node = desc.elems;
        loop {
            let n = self.heap[1];
            self.heap[1] = self.heap[self.heap_len];
            self.heap_len -= 1;
            self.sift_down(1);
            let m = self.heap[1];
            self.heap_max -= 2;
            self.heap[self.heap_max + 1] = n;
            self.heap[self.heap_max] = m;
            let freq = (n >> FREQ_SHIFT) + (m >> FREQ_SHIFT);
            let depth = (depth_of(n).max(depth_of(m)) + 1) & 0xff;
            tree.freq[node] = freq;
            tree.dad[node_of(n)] = node as u16;
            tree.dad[node_of(m)] = node as u16;
            self.heap[1] = entry(freq, depth, node);
            node += 1;
            self.sift_down(1);
            if self.heap_len < 2 {
                break;
            }
        }
        self.heap_max -= 1;
        self.heap[self.heap_max] = self.heap[1];
        self.lengths(tree, desc);
        // zlib's `gen_codes`: canonical codes, reversed for sending.
        let mut next = [0u16; MAX_BITS + 1];
        let mut code = 0u16;
        for (slot, &shorter) in next[1..].iter_mut().zip(&self.bl_count) {
            code = code.wrapping_add(shorter) << 1;
            *slot = code;
        }
        for n in 0..=max_code {
            let len = usize::from(tree.len[n]);
            if len != 0 {
                tree.code[n] = reverse(next[len], len as u32);
                next[len] = next[len].wrapping_add(1);
            }
        }
    }

    /// zlib's `gen_bitlen`: lengths from the tree, limited to the
    /// descriptor's maximum the way zlib limits them.
    fn lengths<const N: usize>(&mut self, tree: &mut Tree<N>, desc: &Desc) {
        let max_code = tree.max_code;
        self.bl_count = [0; MAX_BITS + 1];
        let root = node_of(self.heap[self.heap_max]);
        tree.len[root] = 0;
        let mut overflow = 0i32;
        for h in self.heap_max + 1..HEAP_SIZE {
            let n = node_of(self.heap[h]);
            let mut bits = usize::from(tree.len[usize::from(tree.dad[n])]) + 1;
            if bits > desc.max_length {
                bits = desc.max_length;
                overflow += 1;
            }
            tree.len[n] = bits as u16;
            if n > max_code {
                continue;
            }
            self.bl_count[bits] += 1;
            let xbits = if n >= desc.extra_base {
                u32::from(desc.extra[n - desc.extra_base])
            } else {
                0
            };
            let f = i64::from(tree.freq[n]);
            self.opt_len += f * i64::from(bits as u32 + xbits);
            if let Some(fixed) = desc.fixed {
                self.static_len += f * i64::from(fixed(n) + xbits);
            }
        }
        if overflow == 0 {
            return;
        }
        while overflow > 0 {
            let mut bits = desc.max_length - 1;
            while self.bl_count[bits] == 0 {
                bits -= 1;
            }
            self.bl_count[bits] -= 1;
            self.bl_count[bits + 1] += 2;
            self.bl_count[desc.max_length] -= 1;
            overflow -= 2;
        }
        let mut h = HEAP_SIZE;
        for bits in (1..=desc.max_length).rev() {
            let mut n = self.bl_count[bits];
            while n != 0 {
                h -= 1;
                let m = node_of(self.heap[h]);
                if m > max_code {
                    continue;
                }
                if usize::from(tree.len[m]) != bits {
                    self.opt_len +=
                        (bits as i64 - i64::from(tree.len[m])) * i64::from(tree.freq[m]);
                    tree.len[m] = bits as u16;
                }
                n -= 1;
            }
        }
    }
}

/// The run-length coding of a tree's code lengths, shared by zlib's
/// `scan_tree` (counting) and `send_tree` (sending): calls `emit(code,
/// extra_value, extra_len)` for each bit-length code in order.
fn run_lengths<const N: usize>(tree: &mut Tree<N>, mut emit: impl FnMut(usize, u32, u32)) {
    let max_code = tree.max_code;
    // zlib's guard after the last code.
    tree.len[max_code + 1] = 0xffff;
    let mut prevlen: i32 = -1;
    let mut nextlen = i32::from(tree.len[0]);
    let mut count = 0u32;
    let (mut max_count, mut min_count) = if nextlen == 0 { (138, 3) } else { (7, 4) };
    for n in 0..=max_code {
        let curlen = nextlen;
        nextlen = i32::from(tree.len[n + 1]);
        count += 1;
        if count < max_count && curlen == nextlen {
            continue;
        } else if count < min_count {
            for _ in 0..count {
                emit(curlen as usize, 0, 0);
            }
        } else if curlen != 0 {
            if curlen != prevlen {
                emit(curlen as usize, 0, 0);
                count -= 1;
            }
            emit(REP_3_6, count - 3, 2);
        } else if count <= 10 {
            emit(REPZ_3_10, count - 3, 3);
        } else {
            emit(REPZ_11_138, count - 11, 7);
        }
        count = 0;
        prevlen = curlen;
        (max_count, min_count) = if nextlen == 0 {
            (138, 3)
        } else if curlen == nextlen {
            (6, 3)
        } else {
            (7, 4)
        };
    }
}

fn fixed_literal_len(n: usize) -> u32 {
    u32::from(STATIC_LTREE[n].1)
}

fn fixed_distance_len(_: usize) -> u32 {
    5
}

/// The three trees and the heap, kept by the caller between streams so
/// that nothing of their 9 KiB is cleared but the frequencies.
pub(super) struct Trees {
    ltree: Tree<HEAP_SIZE>,
    dtree: Tree<{ 2 * D_CODES + 1 }>,
    bltree: Tree<{ 2 * BL_CODES + 1 }>,
    builder: Builder,
}

impl Trees {
    pub(super) fn new() -> Self {
        Self {
            ltree: Tree::new(),
            dtree: Tree::new(),
            bltree: Tree::new(),
            builder: Builder {
                heap: [0; HEAP_SIZE],
                heap_len: 0,
                heap_max: HEAP_SIZE,
                bl_count: [0; MAX_BITS + 1],
                opt_len: 0,
                static_len: 0,
            },
        }
    }
}

/// Writes `symbols` (the parse of `data`) as one final block, of the kind
/// and with the bits zlib's `_tr_flush_block` would write.
///
/// Every field of `trees` that is read is written first, except the
/// frequencies, which are cleared here.
pub(super) fn write_final_block(
    trees: &mut Trees,
    data: &[u8],
    symbols: &[Symbol],
    bits: &mut BitWriter<'_>,
) {
    let Trees {
        ltree,
        dtree,
        bltree,
        builder,
    } = trees;
    ltree.freq[..L_CODES].fill(0);
    dtree.freq[..D_CODES].fill(0);
    bltree.freq[..BL_CODES].fill(0);
    builder.opt_len = 0;
    builder.static_len = 0;
    ltree.freq[END_BLOCK] = 1;
    for symbol in symbols {
        match *symbol {
            Symbol::Literal(byte) => ltree.freq[usize::from(byte)] += 1,
            Symbol::Match { length, distance } => {
                let lc = usize::from(length) - MIN_MATCH;
                ltree.freq[usize::from(LENGTHS.0[lc]) + END_BLOCK + 1] += 1;
                dtree.freq[dist_code(usize::from(distance) - 1)] += 1;
            }
        }
    }
    builder.build(
        ltree,
        &Desc {
            elems: L_CODES,
            max_length: MAX_BITS,
            extra: &EXTRA_LBITS,
            extra_base: END_BLOCK + 1,
            fixed: Some(fixed_literal_len),
        },
    );
    builder.build(
        dtree,
        &Desc {
            elems: D_CODES,
            max_length: MAX_BITS,
            extra: &EXTRA_DBITS,
            extra_base: 0,
            fixed: Some(fixed_distance_len),
        },
    );
    run_lengths(ltree, |code, _, _| bltree.freq[code] += 1);
    run_lengths(dtree, |code, _, _| bltree.freq[code] += 1);
    builder.build(
        bltree,
        &Desc {
            elems: BL_CODES,
            max_length: MAX_BL_BITS,
            extra: &EXTRA_BLBITS,
            extra_base: 0,
            fixed: None,
        },
    );
    let mut max_blindex = BL_CODES - 1;
    while max_blindex >= 3 && bltree.len[BL_ORDER[max_blindex]] == 0 {
        max_blindex -= 1;
    }
    builder.opt_len += 3 * (max_blindex as i64 + 1) + 5 + 5 + 4;

    let mut opt_lenb = (builder.opt_len + 3 + 7) >> 3;
    let static_lenb = (builder.static_len + 3 + 7) >> 3;
    if static_lenb <= opt_lenb {
        opt_lenb = static_lenb;
    }
    let stored_len = data.len() as i64;
    if stored_len + 4 <= opt_lenb {
        bits.put(0b001, 3);
        bits.align();
        let len = data.len() as u16;
        bits.out.extend_from_slice(&len.to_le_bytes());
        bits.out.extend_from_slice(&(!len).to_le_bytes());
        bits.out.extend_from_slice(data);
    } else if static_lenb == opt_lenb {
        bits.put(0b011, 3);
        send_symbols(
            symbols,
            bits,
            |n| STATIC_LTREE[n],
            |n| (reverse(n as u16, 5), 5),
        );
        bits.align();
    } else {
        bits.put(0b101, 3);
        let lcodes = ltree.max_code + 1;
        let dcodes = dtree.max_code + 1;
        bits.put((lcodes - 257) as u32, 5);
        bits.put((dcodes - 1) as u32, 5);
        bits.put((max_blindex + 1 - 4) as u32, 4);
        for &code in &BL_ORDER[..=max_blindex] {
            bits.put(u32::from(bltree.len[code]), 3);
        }
        let bl = |code: usize| (u32::from(bltree.code[code]), u32::from(bltree.len[code]));
        let mut send_length = |code: usize, extra: u32, extra_len: u32| {
            let (c, l) = bl(code);
            bits.put(c, l);
            if extra_len != 0 {
                bits.put(extra, extra_len);
            }
        };
        run_lengths(ltree, &mut send_length);
        run_lengths(dtree, &mut send_length);
        send_symbols(
            symbols,
            bits,
            |n| (ltree.code[n], ltree.len[n] as u8),
            |n| (dtree.code[n], dtree.len[n] as u8),
        );
        bits.align();
    }
}

/// zlib's `compress_block`: the symbols and the end-of-block code, with the
/// codes `literal` and `distance` give as (reversed code, length).
fn send_symbols(
    symbols: &[Symbol],
    bits: &mut BitWriter<'_>,
    literal: impl Fn(usize) -> (u16, u8),
    distance: impl Fn(usize) -> (u16, u8),
) {
    let mut send = |(code, len): (u16, u8)| bits.put(u32::from(code), u32::from(len));
    for symbol in symbols {
        match *symbol {
            Symbol::Literal(byte) => send(literal(usize::from(byte))),
            Symbol::Match {
                length,
                distance: d,
            } => {
                let lc = usize::from(length) - MIN_MATCH;
                let code = usize::from(LENGTHS.0[lc]);
                send(literal(code + END_BLOCK + 1));
                let extra = EXTRA_LBITS[code];
                if extra != 0 {
                    send(((lc - usize::from(LENGTHS.1[code])) as u16, extra));
                }
                let dist = usize::from(d) - 1;
                let code = dist_code(dist);
                send(distance(code));
                let extra = EXTRA_DBITS[code];
                if extra != 0 {
                    send(((dist - usize::from(DISTANCES.1[code])) as u16, extra));
                }
            }
        }
    }
    send(literal(END_BLOCK));
}
