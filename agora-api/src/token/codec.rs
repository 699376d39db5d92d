//! Wire primitives shared by both token formats: little-endian integers,
//! `u16`-length-prefixed strings, privilege maps, base64, zlib and HMAC.

use std::cell::Cell;
use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use ring::hmac;

use super::error::TokenError;

/// Largest decompressed `007` content accepted by the parser. Real tokens are
/// a few hundred bytes; the limit only stops decompression bombs.
pub(super) const MAX_CONTENT_LEN: usize = 1 << 20;

/// Appends wire fields to a buffer.
#[derive(Default)]
pub(super) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub(super) fn new() -> Self {
        Self::default()
    }

    /// A writer with room for `capacity` bytes, so that a field of known
    /// size is written without growing the buffer.
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Self {
            buf: Vec::with_capacity(capacity),
        }
    }

    pub(super) fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    pub(super) fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(super) fn i16(&mut self, v: i16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(super) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// A `u16` count; fails above 65535.
    pub(super) fn count(&mut self, what: &'static str, n: usize) -> Result<(), TokenError> {
        let n16 = u16::try_from(n).map_err(|_| TokenError::TooMany { what, count: n })?;
        self.u16(n16);
        Ok(())
    }

    /// `u16` byte length + raw bytes.
    pub(super) fn bytes(&mut self, field: &'static str, b: &[u8]) -> Result<(), TokenError> {
        let len = u16::try_from(b.len()).map_err(|_| TokenError::FieldTooLong {
            field,
            len: b.len(),
        })?;
        self.u16(len);
        self.buf.extend_from_slice(b);
        Ok(())
    }

    pub(super) fn string(&mut self, field: &'static str, s: &str) -> Result<(), TokenError> {
        self.bytes(field, s.as_bytes())
    }

    /// `u16` count + `(u16 key, u32 value)` pairs in ascending key order.
    pub(super) fn privileges(&mut self, map: &BTreeMap<u16, u32>) -> Result<(), TokenError> {
        self.count("privileges", map.len())?;
        for (&k, &v) in map {
            self.u16(k);
            self.u32(v);
        }
        Ok(())
    }
}

/// Reads wire fields from a byte slice; every read is bounds-checked.
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(data: &'a [u8]) -> Self {
        Self { rest: data }
    }

    pub(super) fn remaining(&self) -> &'a [u8] {
        self.rest
    }

    pub(super) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    fn take(&mut self, field: &'static str, n: usize) -> Result<&'a [u8], TokenError> {
        if self.rest.len() < n {
            return Err(TokenError::Truncated {
                field,
                needed: n,
                available: self.rest.len(),
            });
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self, field: &'static str) -> Result<[u8; N], TokenError> {
        let bytes = self.take(field, N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(bytes);
        Ok(out)
    }

    pub(super) fn u16(&mut self, field: &'static str) -> Result<u16, TokenError> {
        self.array::<2>(field).map(u16::from_le_bytes)
    }

    pub(super) fn i16(&mut self, field: &'static str) -> Result<i16, TokenError> {
        self.array::<2>(field).map(i16::from_le_bytes)
    }

    pub(super) fn u32(&mut self, field: &'static str) -> Result<u32, TokenError> {
        self.array::<4>(field).map(u32::from_le_bytes)
    }

    pub(super) fn bytes(&mut self, field: &'static str) -> Result<&'a [u8], TokenError> {
        let len = self.u16(field)?;
        self.take(field, usize::from(len))
    }

    pub(super) fn string(&mut self, field: &'static str) -> Result<String, TokenError> {
        let raw = self.bytes(field)?;
        std::str::from_utf8(raw)
            .map(str::to_owned)
            .map_err(|_| TokenError::InvalidUtf8 { field })
    }

    pub(super) fn privileges(
        &mut self,
        field: &'static str,
    ) -> Result<BTreeMap<u16, u32>, TokenError> {
        let n = self.u16(field)?;
        let mut map = BTreeMap::new();
        for _ in 0..n {
            let k = self.u16(field)?;
            let v = self.u32(field)?;
            map.insert(k, v);
        }
        Ok(map)
    }
}

/// Appends the base64 of `data` to `out` (the token's version prefix),
/// reserving its exact length first.
pub(super) fn base64_encode_into(data: &[u8], out: &mut String) {
    out.reserve(data.len().div_ceil(3) * 4);
    STANDARD.encode_string(data, out);
}

pub(super) fn base64_decode(text: &str) -> Result<Vec<u8>, TokenError> {
    STANDARD.decode(text).map_err(|e| TokenError::Base64 {
        detail: e.to_string(),
    })
}

thread_local! {
    /// This thread's deflate stream (level 6, zlib header, window 15,
    /// memory level 8: what `ZlibEncoder::new(.., Compression::new(6))`
    /// sets up), kept between inputs too large for `super::deflate`. zlib's deflate state is a few hundred
    /// KiB; allocating and freeing it for every token cost more than the
    /// rest of the token. `deflateReset` keeps the parameters, so the bytes
    /// are those of a fresh stream.
    static DEFLATE: Cell<Option<Compress>> = const { Cell::new(None) };
    /// This thread's inflate stream (zlib header), kept between tokens the
    /// same way.
    static INFLATE: Cell<Option<Decompress>> = const { Cell::new(None) };
}

/// zlib stream at the default level 6 (the level every official builder
/// uses), as stock zlib writes it.
///
/// Token-sized inputs are written by [`super::deflate`], zlib's algorithm
/// without its per-stream costs. Larger ones go to zlib itself, through this
/// thread's deflate stream: taken out of its slot for the call (so
/// concurrent threads never share one and nothing waits on a lock), reset,
/// and put back only after a complete stream, so a failure never leaves a
/// half-used stream behind.
pub(super) fn zlib_compress(data: &[u8]) -> Result<Vec<u8>, TokenError> {
    if let Some(stream) = super::deflate::compress(data) {
        return Ok(stream);
    }
    let mut deflate = DEFLATE
        .take()
        .unwrap_or_else(|| Compress::new(Compression::new(6), true));
    // Tokens barely compress; stored blocks add 5 bytes per 16 KiB, and the
    // zlib header and checksum 6.
    let bound = data
        .len()
        .saturating_add(data.len() / 16_000 * 5)
        .saturating_add(64);
    let mut out = Vec::with_capacity(bound);
    loop {
        let consumed = usize::try_from(deflate.total_in()).unwrap_or(usize::MAX);
        let input = data.get(consumed..).unwrap_or(&[]);
        let status = deflate
            .compress_vec(input, &mut out, FlushCompress::Finish)
            .map_err(|e| TokenError::Zlib {
                detail: e.to_string(),
            })?;
        match status {
            Status::StreamEnd => break,
            Status::Ok | Status::BufError => {
                // Out of room: grow and go on.
                let more = out.capacity().max(64);
                out.reserve(more);
            }
        }
    }
    deflate.reset();
    DEFLATE.set(Some(deflate));
    Ok(out)
}

/// Inflates one complete zlib stream (header, data, adler32) with nothing
/// after it, refusing output above [`MAX_CONTENT_LEN`].
///
/// Uses this thread's inflate stream, as [`zlib_compress`] does its deflate
/// stream; after an error the stream is dropped, not reused.
pub(super) fn zlib_decompress(data: &[u8]) -> Result<Vec<u8>, TokenError> {
    let mut inflater = INFLATE.take().unwrap_or_else(|| Decompress::new(true));
    let out = inflate_all(&mut inflater, data)?;
    inflater.reset(true);
    INFLATE.set(Some(inflater));
    Ok(out)
}

/// The loop of [`zlib_decompress`], on a fresh or freshly reset stream.
fn inflate_all(inflater: &mut Decompress, data: &[u8]) -> Result<Vec<u8>, TokenError> {
    let mut out: Vec<u8> = Vec::with_capacity(data.len().saturating_mul(4).min(MAX_CONTENT_LEN));
    loop {
        let consumed = usize::try_from(inflater.total_in()).unwrap_or(usize::MAX);
        let input = data.get(consumed..).unwrap_or(&[]);
        if out.len() == out.capacity() {
            if out.len() >= MAX_CONTENT_LEN {
                return Err(TokenError::ContentTooLarge {
                    limit: MAX_CONTENT_LEN,
                });
            }
            let grow = out
                .len()
                .max(256)
                .min(MAX_CONTENT_LEN.saturating_sub(out.len()));
            out.reserve_exact(grow);
        }
        let before_out = out.len();
        let status = inflater
            .decompress_vec(input, &mut out, FlushDecompress::Finish)
            .map_err(|e| TokenError::Zlib {
                detail: e.to_string(),
            })?;
        let consumed_now = usize::try_from(inflater.total_in()).unwrap_or(usize::MAX);
        if out.len() > MAX_CONTENT_LEN {
            return Err(TokenError::ContentTooLarge {
                limit: MAX_CONTENT_LEN,
            });
        }
        match status {
            Status::StreamEnd => {
                let trailing = data.len().saturating_sub(consumed_now);
                if trailing != 0 {
                    return Err(TokenError::Zlib {
                        detail: format!("{trailing} bytes after the end of the zlib stream"),
                    });
                }
                return Ok(out);
            }
            Status::Ok | Status::BufError => {
                let progressed = consumed_now != consumed || out.len() != before_out;
                let input_left = consumed_now < data.len();
                let room_left = out.len() < out.capacity();
                if !progressed && (!input_left || room_left) {
                    return Err(TokenError::Zlib {
                        detail: "stream ends before its end marker and checksum (truncated)"
                            .to_owned(),
                    });
                }
            }
        }
    }
}

/// `HMAC-SHA256(key, parts concatenated)`, with ring (already linked for
/// TLS, so tokens add no second crypto library).
pub(super) fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut context = hmac::Context::with_key(&hmac::Key::new(hmac::HMAC_SHA256, key));
    for part in parts {
        context.update(part);
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(context.sign().as_ref());
    out
}

/// Constant-time comparison of `HMAC(key, parts)` with `expected`.
pub(super) fn hmac_sha256_verify(key: &[u8], parts: &[&[u8]], expected: &[u8]) -> bool {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    match parts {
        [one] => hmac::verify(&key, one, expected).is_ok(),
        _ => hmac::verify(&key, &parts.concat(), expected).is_ok(),
    }
}

pub(super) fn crc32(data: &[u8]) -> u32 {
    crc32fast::hash(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a fresh stock-zlib stream writes for `data`.
    fn fresh(data: &[u8]) -> Vec<u8> {
        use std::io::Write as _;
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), Compression::new(6));
        enc.write_all(data).expect("writing to a Vec");
        enc.finish().expect("writing to a Vec")
    }

    #[test]
    fn the_reused_deflate_stream_writes_the_bytes_of_a_fresh_one() {
        // Inputs of several sizes, one after another on this thread's
        // stream, including one larger than a token and the same input
        // twice: each must equal a fresh stream's output.
        let long: Vec<u8> = (0..70_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let inputs: [&[u8]; 5] = [b"", b"abcabcabcabc", &long, b"abcabcabcabc", b"x"];
        for input in inputs {
            assert_eq!(zlib_compress(input).expect("compresses"), fresh(input));
        }
    }

    #[test]
    fn the_reused_inflate_stream_is_clean_after_a_failed_stream() {
        let good = fresh(b"a token's content");
        let truncated = &good[..good.len() - 3];
        assert!(zlib_decompress(truncated).is_err());
        assert!(zlib_decompress(b"not zlib at all").is_err());
        assert_eq!(
            zlib_decompress(&good).expect("inflates"),
            b"a token's content"
        );
        // And twice more on the now reused stream.
        for _ in 0..2 {
            assert_eq!(
                zlib_decompress(&good).expect("inflates"),
                b"a token's content"
            );
        }
    }

    #[test]
    fn each_thread_has_its_own_streams() {
        let threads: Vec<_> = (0..4u8)
            .map(|n| {
                std::thread::spawn(move || {
                    let data = vec![n; 300];
                    for _ in 0..50 {
                        let packed = zlib_compress(&data).expect("compresses");
                        assert_eq!(packed, fresh(&data));
                        assert_eq!(zlib_decompress(&packed).expect("inflates"), data);
                    }
                })
            })
            .collect();
        for thread in threads {
            assert!(thread.join().is_ok());
        }
    }
}
