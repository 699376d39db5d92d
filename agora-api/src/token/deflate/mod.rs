//! A zlib stream at level 6 with the bytes stock zlib writes, for inputs of
//! a token's size.
//!
//! Agora's token strings are base64 of a zlib stream, and the official
//! vectors are what stock zlib (level 6, window 15, memory level 8, default
//! strategy) writes. Every token therefore has one right byte string. Stock
//! zlib spends most of a token's time clearing its 64 KiB hash table and
//! building three Huffman trees, mostly to find that the fixed-code block
//! is smaller. This is its algorithm (`deflate_slow` and `trees.c`, as of
//! zlib 1.3.2) for a single final block, at less cost: only the hash slots
//! a stream used are cleared, and the trees (still built, since the choice
//! of block depends on them) come from a heap that compares packed keys
//! without branching.
//!
//! Inputs above [`MAX_INPUT`] bytes (no real token comes near) are left to
//! zlib itself, where window slides and early block flushes begin.

mod codes;
mod huffman;
mod matcher;

use std::cell::Cell;

use codes::BitWriter;
use matcher::{Matcher, Symbol};

/// The largest input written here; above it [`compress`] answers `None`.
/// Up to this size zlib reads the whole input into its window at once and
/// writes one block (its symbol buffer holds 16383 symbols), so neither a
/// window slide nor an early flush has to be reproduced; positions fit in
/// the matcher's `u16` chains.
pub(super) const MAX_INPUT: usize = 8192;

/// The reused parts: the hash table with its chains, the symbol list and
/// the trees.
struct Scratch {
    matcher: Matcher,
    symbols: Vec<Symbol>,
    trees: huffman::Trees,
}

thread_local! {
    /// This thread's scratch, taken out for a call so threads never share
    /// one.
    static SCRATCH: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
}

/// `data` as a zlib stream (header, one deflate block, Adler-32), byte for
/// byte what `compress2(.., 6)` gives; `None` when `data` is longer than
/// [`MAX_INPUT`].
pub(super) fn compress(data: &[u8]) -> Option<Vec<u8>> {
    if data.len() > MAX_INPUT {
        return None;
    }
    let mut scratch = SCRATCH.take().unwrap_or_else(|| {
        Box::new(Scratch {
            matcher: Matcher::new(),
            symbols: Vec::new(),
            trees: huffman::Trees::new(),
        })
    });
    scratch.symbols.clear();
    let Scratch {
        matcher,
        symbols,
        trees,
    } = &mut *scratch;
    matcher.parse(data, symbols);
    // A stored block is the largest kind: 5 bytes over the input, plus the
    // header and checksum.
    let mut out = Vec::with_capacity(data.len() + 16);
    // CMF 0x78 (deflate, 32 KiB window), FLG 0x9c (level 6, check bits).
    out.extend_from_slice(&[0x78, 0x9c]);
    {
        let mut bits = BitWriter::new(&mut out);
        huffman::write_final_block(trees, data, symbols, &mut bits);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    SCRATCH.set(Some(scratch));
    Some(out)
}

/// The Adler-32 checksum zlib appends.
fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    // The most bytes summed before the sums could overflow 32 bits.
    const NMAX: usize = 5552;
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(NMAX) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    b << 16 | a
}

#[cfg(test)]
mod tests;
