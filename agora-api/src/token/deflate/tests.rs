//! The writer against stock zlib itself (the `flate2` build the crate links):
//! the same bytes for every input tried, and every kind of block reached.

use std::io::Write as _;

use proptest::prelude::*;

use super::{MAX_INPUT, compress};

/// What a fresh stock zlib stream writes at level 6.
fn zlib(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(data).expect("in memory");
    encoder.finish().expect("in memory")
}

/// The block type (0 stored, 1 fixed codes, 2 dynamic codes) of a
/// single-block stream.
fn block_type(stream: &[u8]) -> u8 {
    (stream[2] >> 1) & 3
}

fn assert_same(data: &[u8]) -> Vec<u8> {
    let ours = compress(data).expect("within MAX_INPUT");
    let theirs = zlib(data);
    assert_eq!(ours, theirs, "input of {} bytes: {:02x?}", data.len(), data);
    ours
}

/// A deterministic byte source for the fixed cases.
fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed | 1;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

#[test]
fn short_inputs_match_zlib_byte_for_byte() {
    for len in 0..=6 {
        assert_same(&vec![b'a'; len]);
        assert_same(&(0..len as u8).collect::<Vec<_>>());
    }
}

#[test]
fn each_kind_of_block_is_written_as_zlib_writes_it() {
    let mut next = xorshift(7);
    // Random bytes barely compress: a stored block.
    let random: Vec<u8> = (0..2000).map(|_| next() as u8).collect();
    assert_eq!(block_type(&assert_same(&random)), 0);
    // A token's content: the fixed codes.
    let token = crate::token::TokenBuilder::new(
        crate::token::AppId::new("970CA35de60c44645bbae8a215061b33").expect("valid"),
        crate::token::AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").expect("valid"),
    )
    .with_issue_ts(1111111)
    .with_salt(1)
    .rtm_token("test_user", 600)
    .expect("a token");
    let raw = super::super::codec::base64_decode(&token.expose_secret()[3..]).expect("base64");
    let content = super::super::codec::zlib_decompress(&raw).expect("zlib");
    assert_eq!(block_type(&assert_same(&content)), 1);
    // Text with a skewed alphabet: dynamic codes.
    let text: Vec<u8> = (0..3000)
        .map(|_| b"eeeeeeetttaaoinshrdlu  \n"[(next() % 24) as usize])
        .collect();
    assert_eq!(block_type(&assert_same(&text)), 2);
}

#[test]
fn long_runs_far_matches_and_the_size_limit() {
    // Matches of the longest length, back to back.
    assert_same(&vec![0u8; MAX_INPUT]);
    assert_same(&b"ab".repeat(MAX_INPUT / 2));
    // Three-byte matches further back than 4096 bytes are dropped by zlib
    // (TOO_FAR); longer ones are kept.
    let mut next = xorshift(11);
    let mut far: Vec<u8> = b"xyz".to_vec();
    far.extend((0..5000).map(|_| (next() % 200) as u8 + 40));
    far.extend_from_slice(b"xyz");
    far.extend_from_slice(b"xyzw");
    far.extend((0..100).map(|_| (next() % 200) as u8 + 40));
    assert_same(&far);
    assert!(compress(&vec![0u8; MAX_INPUT + 1]).is_none());
}

#[test]
fn skewed_frequencies_that_overflow_the_code_length_limits() {
    // Fibonacci-like symbol counts make the unlimited Huffman code deeper
    // than deflate allows, and zlib's own limiting takes over.
    let mut counts = vec![1usize, 1];
    while counts.len() < 18 {
        let n = counts.len();
        counts.push(counts[n - 1] + counts[n - 2]);
    }
    let mut next = xorshift(3);
    let mut data = Vec::new();
    for (symbol, &count) in counts.iter().enumerate() {
        data.extend(std::iter::repeat_n(symbol as u8 * 13, count));
    }
    data.truncate(MAX_INPUT);
    // Shuffled, so that runs do not all become matches.
    for i in (1..data.len()).rev() {
        data.swap(i, (next() % (i as u64 + 1)) as usize);
    }
    assert_same(&data);
}

/// Inputs from a few kinds of alphabet: all bytes, a handful of bytes
/// (long matches), and skewed text.
fn inputs() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        prop::collection::vec(0u8..4, 0..3000),
        prop::collection::vec(
            prop::sample::select(b"aaaaabbbccdefg01 ".to_vec()),
            0..MAX_INPUT
        ),
        (prop::collection::vec(any::<u8>(), 1..40), 1usize..200).prop_map(|(unit, times)| unit
            .repeat(times)
            .into_iter()
            .take(MAX_INPUT)
            .collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_input_gives_the_bytes_of_stock_zlib(data in inputs()) {
        let ours = compress(&data).expect("within MAX_INPUT");
        prop_assert_eq!(ours, zlib(&data));
    }
}
