//! Bulk quoted-printable, a register of input at a time.
//!
//! Decoding: every byte of a block decodes on its own except where a '='
//! stands, and the block's '=' start escapes independently of one another
//! unless one follows another ("==") or a '\r' follows one (C then skips to
//! the line's end): the kernels leave blocks with those to the exact code.
//! In the rest, each '=' before two hex digits becomes the byte they spell,
//! each '=' before a '\n' goes with it, and the bytes so consumed are
//! squeezed out.
//!
//! Encoding: most bytes are written the same wherever they stand, as
//! themselves or as "=XX"; the kernels take runs of either kind, breaking
//! lines as the exact code would, and stop at the bytes whose encoding
//! depends on their neighbours ('.', line ends in text) and at a line's limit
//! before a byte written as itself (which the exact code decides). They
//! also count instead of writing, for the pass that sizes the output.
//!
//! Every path produces the same bytes; `crate::cpu` picks one per process,
//! and the scalar path has no kernel (the exact code does everything).

use std::mem::MaybeUninit;

use super::{EncodeOptions, MAX_LINE_LENGTH};
use crate::Output;
use crate::cpu::Path;

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx512;
#[cfg(target_arch = "x86_64")]
mod ssse3;

/// The kernels a path runs here. Beyond the path's own instructions they
/// count bits (POPCNT) and, with AVX-512, spread them (BMI2) and compress
/// bytes (VBMI2): a CPU without those runs the next narrower kernels.
#[derive(Clone, Copy)]
enum Kernels {
    #[cfg(target_arch = "x86_64")]
    Avx512,
    #[cfg(target_arch = "x86_64")]
    Avx2,
    #[cfg(target_arch = "x86_64")]
    Ssse3,
    None,
}

#[inline]
fn kernels(path: Path) -> Kernels {
    match path {
        #[cfg(target_arch = "x86_64")]
        Path::Avx512Vbmi
            if is_x86_feature_detected!("avx512vbmi2")
                && is_x86_feature_detected!("bmi2")
                && is_x86_feature_detected!("popcnt") =>
        {
            Kernels::Avx512
        }
        // Every CPU with AVX-512 has AVX2.
        #[cfg(target_arch = "x86_64")]
        Path::Avx512Vbmi | Path::Avx2 if is_x86_feature_detected!("popcnt") => Kernels::Avx2,
        #[cfg(target_arch = "x86_64")]
        Path::Avx512Vbmi | Path::Avx2 | Path::Ssse3 => Kernels::Ssse3,
        Path::Scalar => Kernels::None,
    }
}

/// What a register width offers the shared loops.
#[cfg(target_arch = "x86_64")]
trait Lanes: Copy {
    /// Bytes per block (at most 64: a bit of a `u64` each).
    const WIDTH: usize;

    /// The block at `src`, whose `WIDTH + 2` bytes must be readable.
    ///
    /// # Safety
    /// The CPU must have the width's instructions.
    unsafe fn decode_block(src: *const u8, header: bool) -> DecodedBlock<Self>;

    /// `decode_block` of `chars` (shorter than `WIDTH + 2`) followed by
    /// zeros.
    ///
    /// # Safety
    /// As `decode_block`.
    #[inline(always)]
    unsafe fn decode_short_block(chars: &[u8], header: bool) -> DecodedBlock<Self> {
        let mut padded = [0; 66];
        padded[..chars.len()].copy_from_slice(chars);
        // SAFETY: `padded` holds `WIDTH + 2` bytes; the caller vouches for
        // the instructions.
        unsafe { Self::decode_block(padded.as_ptr(), header) }
    }

    /// Stores the whole register; `WIDTH` bytes at `dst` must be writable.
    ///
    /// # Safety
    /// As `decode_block`.
    unsafe fn store(self, dst: *mut u8);

    /// Stores the bytes whose bit `keep` sets, in order, and returns their
    /// count; may write up to `WIDTH` bytes at `dst`, which must be writable.
    ///
    /// # Safety
    /// As `decode_block`.
    unsafe fn store_kept(self, keep: u64, dst: *mut u8) -> usize;

    /// The bytes of the block at `src` (`WIDTH` of them, readable) written
    /// as themselves and those written "=XX", wherever they stand (see
    /// `super::PIECES`), as masks.
    ///
    /// # Safety
    /// As `decode_block`.
    unsafe fn classify(src: *const u8, options: EncodeOptions) -> (u64, u64);

    /// Escapes a store writes at most.
    const ESCAPES_PER_STORE: usize = 16;

    /// Writes "=XX" for each of `count` bytes at `src` (at most
    /// `ESCAPES_PER_STORE` of them); may write up to 64 bytes at `dst`.
    ///
    /// # Safety
    /// As `decode_block`; 16 bytes at `src` must be readable (`count` if
    /// `ESCAPES_PER_STORE` is larger) and 64 at `dst` writable.
    #[inline(always)]
    unsafe fn store_escapes(src: *const u8, count: usize, dst: *mut u8) {
        let _ = count;
        // SAFETY: the caller vouches for SSSE3 and the bytes read and written.
        unsafe { store_escapes_of_16(src, dst) }
    }

    /// Writes `count` (1 to 16) bytes from `src` as themselves (a header's
    /// spaces as '_') or, where `escapes` has their bit, as "=XX"; may write
    /// up to 64 bytes at `dst`.
    ///
    /// # Safety
    /// As `decode_block`; 16 bytes at `src` must be readable and 64 at `dst`
    /// writable.
    #[inline(always)]
    unsafe fn store_mixed(src: *const u8, escapes: u64, count: usize, header: bool, dst: *mut u8) {
        // SAFETY: the caller vouches for the bytes read and written.
        unsafe { store_mixed_bytewise(src, escapes, count, header, dst) }
    }
}

/// A block of encoded input: bit `i` of each mask is about its byte `i`.
#[cfg(target_arch = "x86_64")]
struct DecodedBlock<V> {
    /// What each byte decodes to where it stands: an escape's byte at its
    /// '=', a header's space for '_', else the byte itself.
    values: V,
    /// The '='.
    equals: u64,
    /// The '=' that a '=' or '\r' follows.
    tangled: u64,
    /// The '=' that a '\n' follows: soft line breaks.
    soft_breaks: u64,
    /// The '=' that two hex digits follow.
    escapes: u64,
}

/// Decodes blocks from the start of `input` while the exact code would do
/// with them what the kernels do, stopping where it must take over (and at
/// the last bytes, which the kernels would need to read past); appends to
/// `out` and returns the bytes of `input` consumed: always at the start of
/// an escape or of a byte that stands for itself.
pub fn decode_prefix(path: Path, input: &[u8], header: bool, out: &mut Output<'_>) -> usize {
    let spare = out.spare();
    let (read, written) = match kernels(path) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `kernels` picks only kernels whose features the CPU has.
        Kernels::Avx512 => unsafe { avx512::decode(input, header, spare) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above.
        Kernels::Avx2 => unsafe { avx2::decode(input, header, spare) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above.
        Kernels::Ssse3 => unsafe { ssse3::decode(input, header, spare) },
        Kernels::None => {
            let _ = (input, header, spare);
            (0, 0)
        }
    };
    // SAFETY: the kernels initialise the first `written` bytes of `spare`.
    unsafe { out.advance(written) };
    read
}

/// The loop every width shares: returns the bytes read and written. The
/// last block, shorter than a register, goes through scratch arrays.
///
/// # Safety
/// The CPU must have the width's instructions.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn decode<V: Lanes>(input: &[u8], header: bool, output: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let width = V::WIDTH;
    let (mut read, mut written) = (0, 0);
    while input.len() - read >= width + 2 && output.len() - written >= width {
        // SAFETY: the loop's condition leaves `width + 2` bytes of `input`
        // from `read`; the caller vouches for the instructions.
        let block = unsafe { V::decode_block(input.as_ptr().add(read), header) };
        let dst = output[written..].as_mut_ptr().cast::<u8>();
        if block.equals == 0 {
            // SAFETY: the loop's condition leaves `width` bytes of `output`
            // from `written`.
            unsafe { block.values.store(dst) };
            read += width;
            written += width;
            continue;
        }
        let Some((kept, taken)) = squeeze(&block, width) else {
            return (read, written);
        };
        // SAFETY: as for `store` above.
        written += unsafe { block.values.store_kept(kept, dst) };
        read += taken;
    }
    // The last bytes but two (whose '=' would need bytes past the end).
    let rest = input.len() - read;
    if !(3..width + 2).contains(&rest) {
        return (read, written);
    }
    // SAFETY: `rest` bytes from `read` are in `input`; the caller vouches
    // for the instructions.
    let block = unsafe { V::decode_short_block(&input[read..], header) };
    let Some((kept, taken)) = squeeze(&block, rest - 2) else {
        return (read, written);
    };
    let mut bytes = [0; 64];
    // SAFETY: `bytes` holds `width` bytes; the caller vouches for the
    // instructions.
    let count = unsafe { block.values.store_kept(kept, bytes.as_mut_ptr()) };
    if output.len() - written < count {
        return (read, written);
    }
    for (slot, &byte) in output[written..written + count].iter_mut().zip(&bytes) {
        slot.write(byte);
    }
    (read + taken, written + count)
}

/// Of the first `len` bytes of `block`: which to keep, and how many bytes
/// of input they and the escapes among them take (an escape or soft line
/// break at their end takes one or two more). `None` if the exact code must
/// decode them.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn squeeze<V>(block: &DecodedBlock<V>, len: usize) -> Option<(u64, usize)> {
    let first = u64::MAX >> (64 - len);
    if block.tangled & first != 0 {
        return None;
    }
    let (escapes, soft_breaks) = (u128::from(block.escapes & first), u128::from(block.soft_breaks & first));
    let consumed = soft_breaks | soft_breaks << 1 | escapes << 1 | escapes << 2;
    Some((!consumed as u64 & first, len + (consumed >> len).count_ones() as usize))
}

/// Encodes runs from the start of `input`, which must end before the
/// input's last byte, as the exact code's stretches do, from a line
/// `line_length` long; appends to `out` and returns the bytes consumed and
/// the line's length after them. `crlf` for line ends written "\r\n".
/// (Lengths go in and out by value so that the callers' loops keep theirs
/// in registers.)
pub fn encode_prefix(
    path: Path,
    input: &[u8],
    options: EncodeOptions,
    crlf: bool,
    mut line_length: usize,
    out: &mut Output<'_>,
) -> (usize, usize) {
    let spare = out.spare();
    let (read, written) = stretch_on(path, input, options, crlf, &mut line_length, Some(spare));
    // SAFETY: the kernels initialise the first `written` bytes of `spare`.
    unsafe { out.advance(written) };
    (read, line_length)
}

/// What `encode_prefix` would consume, how many bytes it would write, and
/// the line's length after them.
pub fn count_prefix(
    path: Path,
    input: &[u8],
    options: EncodeOptions,
    crlf: bool,
    mut line_length: usize,
) -> (usize, usize, usize) {
    let (read, written) = stretch_on(path, input, options, crlf, &mut line_length, None);
    (read, written, line_length)
}

fn stretch_on(
    path: Path,
    input: &[u8],
    options: EncodeOptions,
    crlf: bool,
    line_length: &mut usize,
    output: Option<&mut [MaybeUninit<u8>]>,
) -> (usize, usize) {
    match kernels(path) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `kernels` picks only kernels whose features the CPU has.
        Kernels::Avx512 => unsafe { avx512::stretch(input, options, crlf, line_length, output) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above.
        Kernels::Avx2 => unsafe { avx2::stretch(input, options, crlf, line_length, output) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above.
        Kernels::Ssse3 => unsafe { ssse3::stretch(input, options, crlf, line_length, output) },
        Kernels::None => {
            let _ = (input, options, crlf, line_length, output);
            (0, 0)
        }
    }
}

/// The encoding loop every width shares, writing to `output` or, without
/// one, only counting: returns the bytes read and written. Each block is
/// classified once; then up to 16 bytes at a time, before the next byte
/// whose encoding depends on its neighbours, are written whole if they fit
/// in the line, else run by run with the line breaks between. The last
/// blocks, which 16-byte reads would overrun, are read from a scratch
/// array, and those near the end of `output` written to one.
///
/// # Safety
/// The CPU must have the width's instructions and SSSE3.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn stretch<V: Lanes>(
    input: &[u8],
    options: EncodeOptions,
    crlf: bool,
    line_length: &mut usize,
    mut output: Option<&mut [MaybeUninit<u8>]>,
) -> (usize, usize) {
    let width = V::WIDTH;
    let block_room = most_written_by_a_block(width);
    let soft_line_break: &[u8] = if crlf { b"=\r\n" } else { b"=\n" };
    // Written whole, its spare bytes overwritten next.
    let soft_line_break_store = if crlf { *b"=\r\n\0" } else { *b"=\n\0\0" };
    let mut line = *line_length;
    let (mut read, mut written) = (0, 0);
    let mut scratch = [0; 64 + 16];
    // Where blocks near the end of `output` are written first.
    let mut spill = [MaybeUninit::<u8>::uninit(); MOST_WRITTEN_BY_A_BLOCK];
    while read < input.len() {
        let spilled = output
            .as_deref()
            .is_some_and(|output| output.len() - written < block_room);
        let dst = match output.as_deref_mut() {
            Some(_) if spilled => Some(spill.as_mut_ptr().cast::<u8>()),
            Some(output) => Some(output[written..].as_mut_ptr().cast::<u8>()),
            None => None,
        };
        let line_before = line;
        let rest = input.len() - read;
        let src = if rest >= width + 16 {
            input[read..].as_ptr()
        } else {
            let copied = rest.min(width + 16);
            scratch[..copied].copy_from_slice(&input[read..read + copied]);
            scratch.as_ptr()
        };
        let in_block = rest.min(width);
        // SAFETY: `src` has `width + 16` readable bytes (at most 80); the
        // caller vouches for the instructions.
        let (literals, escapes) = unsafe { V::classify(src, options) };
        let context_free = literals | escapes;
        let block_start = written;
        let mut offset = 0;
        while offset < in_block {
            // `src` has 16 readable bytes from `offset`, and `dst` room for
            // `block_room` bytes from `block_start`, of which this block
            // writes at most `block_room - 64` before a store.
            let at = src.wrapping_add(offset);
            let to = dst.map(|dst| dst.wrapping_add(written - block_start));
            let run_of = |mask: u64| ((!(mask >> offset)).trailing_zeros() as usize).min(in_block - offset);
            let count = run_of(context_free).min(16);
            if count == 0 {
                break;
            }
            let chunk_escapes = escapes >> offset & (u64::MAX >> (64 - count));
            let chunk_len = count + 2 * chunk_escapes.count_ones() as usize;
            let escape_run = run_of(escapes);
            if escape_run < LONG_ESCAPE_RUN && line + chunk_len < MAX_LINE_LENGTH {
                if let Some(to) = to {
                    // Text is mostly chunks without escapes, some data all
                    // escapes: simpler stores for those.
                    if chunk_escapes == 0 {
                        // SAFETY: see above.
                        unsafe { store_literals_of_16(at, options.header, to) };
                    } else if count == 16 && chunk_escapes == 0xffff {
                        // SAFETY: see above.
                        unsafe { store_escapes_of_16(at, to) };
                    } else {
                        // SAFETY: see above.
                        unsafe { V::store_mixed(at, chunk_escapes, count, options.header, to) };
                    }
                }
                offset += count;
                written += chunk_len;
                line += chunk_len;
            } else if escape_run == 0 {
                let count = run_of(literals).min((MAX_LINE_LENGTH - 1).saturating_sub(line));
                if count == 0 {
                    // A byte written as itself at the line's limit starts a
                    // new line unless a '\n' follows it; the exact code
                    // decides where the next byte is not in this block.
                    // SAFETY: see above.
                    if offset + 1 == in_block || unsafe { *at.add(1) } == b'\n' {
                        break;
                    }
                    if let Some(to) = to {
                        // SAFETY: see above.
                        unsafe { to.cast::<[u8; 4]>().write_unaligned(soft_line_break_store) };
                    }
                    written += soft_line_break.len();
                    line = 0;
                    continue;
                }
                if let Some(to) = to {
                    for chunk in (0..count).step_by(16) {
                        // SAFETY: see above.
                        unsafe { store_literals_of_16(at.add(chunk), options.header, to.add(chunk)) };
                    }
                }
                offset += count;
                written += count;
                line += count;
            } else if let Some(dst) = dst {
                // A run of escapes, line by line: as many as fit before the
                // limit, then a soft line break.
                let run = escape_run;
                let mut done = 0;
                while done < run {
                    let mut fit = (MAX_LINE_LENGTH - 1).saturating_sub(line) / 3;
                    if fit == 0 {
                        // SAFETY: see above.
                        unsafe {
                            dst.add(written - block_start)
                                .cast::<[u8; 4]>()
                                .write_unaligned(soft_line_break_store)
                        };
                        written += soft_line_break.len();
                        line = 0;
                        fit = ESCAPES_PER_LINE;
                    }
                    let count = (run - done).min(fit);
                    let to = dst.wrapping_add(written - block_start);
                    for chunk in (0..count).step_by(V::ESCAPES_PER_STORE) {
                        // SAFETY: see above.
                        unsafe { V::store_escapes(at.add(done + chunk), count - chunk, to.add(3 * chunk)) };
                    }
                    done += count;
                    written += 3 * count;
                    line += 3 * count;
                }
                offset += run;
            } else {
                // Counting a run of escapes: as many as fit before the
                // line's limit, then lines of 25 after soft line breaks.
                let fit = (MAX_LINE_LENGTH - 1).saturating_sub(line) / 3;
                let after_breaks = escape_run.saturating_sub(fit);
                let breaks = after_breaks.div_ceil(ESCAPES_PER_LINE);
                written += 3 * escape_run + breaks * soft_line_break.len();
                line = if breaks == 0 {
                    line + 3 * escape_run
                } else {
                    3 * (after_breaks - (breaks - 1) * ESCAPES_PER_LINE)
                };
                offset += escape_run;
            }
        }
        if let Some(output) = output.as_deref_mut()
            && spilled
        {
            let block = &spill[..written - block_start];
            if block.len() > output.len() - block_start {
                // The caller's room was short: the exact code takes over
                // from the block's start.
                written = block_start;
                line = line_before;
                break;
            }
            output[block_start..written].copy_from_slice(block);
        }
        read += offset;
        if offset < in_block {
            break;
        }
    }
    *line_length = line;
    (read, written)
}

/// The most a block of `width` bytes writes: each byte escaped, a soft
/// line break per 25 of them and one more, and the rest of the last 64-byte
/// store.
#[cfg(target_arch = "x86_64")]
const fn most_written_by_a_block(width: usize) -> usize {
    3 * width + 3 * (width / ESCAPES_PER_LINE + 2) + 64
}

#[cfg(target_arch = "x86_64")]
const MOST_WRITTEN_BY_A_BLOCK: usize = most_written_by_a_block(64);

/// Runs of escapes at least this long are taken line by line, rather than
/// 16 bytes at a time.
#[cfg(target_arch = "x86_64")]
const LONG_ESCAPE_RUN: usize = 16;

/// The escapes a line holds after a soft line break.
#[cfg(target_arch = "x86_64")]
const ESCAPES_PER_LINE: usize = (MAX_LINE_LENGTH - 1) / 3;

/// `Lanes::store_mixed` a byte at a time from tables, for widths without a
/// better way.
///
/// # Safety
/// `count` bytes at `src` must be readable and 64 at `dst` writable.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn store_mixed_bytewise(src: *const u8, escapes: u64, count: usize, header: bool, dst: *mut u8) {
    let mut written = 0;
    for index in 0..count {
        // SAFETY: the caller vouches for the bytes read and written (at
        // most 3 * 16 + 1).
        unsafe {
            let byte = *src.add(index);
            let literal = if header && byte == b' ' { b'_' } else { byte };
            // A choice without a branch: binary data mixes the two kinds
            // at random.
            let escaped = (escapes >> index & 1) as u32;
            let choice = 0u32.wrapping_sub(escaped);
            let piece = u32::from_le_bytes(ESCAPES[usize::from(byte)]) & choice | u32::from(literal) & !choice;
            dst.add(written).cast::<[u8; 4]>().write_unaligned(piece.to_le_bytes());
            written += 1 + 2 * escaped as usize;
        }
    }
}

/// "=XX" for each byte, and a byte for the next write to overwrite.
#[cfg(target_arch = "x86_64")]
static ESCAPES: [[u8; 4]; 256] = {
    let mut table = [[0; 4]; 256];
    let mut byte = 0;
    while byte < 256 {
        let [equals, high, low] = super::escape(byte as u8);
        table[byte] = [equals, high, low, 0];
        byte += 1;
    }
    table
};

/// The 16 bytes at `src` as themselves (a header's spaces as '_'), at `dst`.
///
/// # Safety
/// 16 bytes at `src` must be readable and at `dst` writable.
#[cfg(target_arch = "x86_64")]
#[inline]
#[target_feature(enable = "ssse3")]
unsafe fn store_literals_of_16(src: *const u8, header: bool, dst: *mut u8) {
    use std::arch::x86_64::*;
    // SAFETY: the caller vouches for the 16 bytes at `src`.
    let mut bytes = unsafe { _mm_loadu_si128(src.cast()) };
    if header {
        let spaces = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b' ' as i8));
        bytes = _mm_or_si128(
            _mm_andnot_si128(spaces, bytes),
            _mm_and_si128(spaces, _mm_set1_epi8(b'_' as i8)),
        );
    }
    // SAFETY: the caller vouches for the 16 bytes at `dst`.
    unsafe { _mm_storeu_si128(dst.cast(), bytes) };
}

/// "=XX" for each of the 16 bytes at `src` (48 bytes at `dst`), uppercase.
///
/// # Safety
/// 16 bytes at `src` must be readable and 48 at `dst` writable.
#[cfg(target_arch = "x86_64")]
#[inline]
#[target_feature(enable = "ssse3")]
unsafe fn store_escapes_of_16(src: *const u8, dst: *mut u8) {
    use std::arch::x86_64::*;
    // SAFETY: the caller vouches for the 16 bytes at `src`; the others are
    // the 16-byte rows of the tables.
    let (bytes, digits) = unsafe {
        (
            _mm_loadu_si128(src.cast()),
            _mm_loadu_si128(b"0123456789ABCDEF".as_ptr().cast()),
        )
    };
    let low_nibbles = _mm_set1_epi8(0x0f);
    let high = _mm_shuffle_epi8(digits, _mm_and_si128(_mm_srli_epi16(bytes, 4), low_nibbles));
    let low = _mm_shuffle_epi8(digits, _mm_and_si128(bytes, low_nibbles));
    let pairs = [_mm_unpacklo_epi8(high, low), _mm_unpackhi_epi8(high, low)];
    for (row, shuffles) in ESCAPE_SHUFFLES.iter().enumerate() {
        // SAFETY: each table row is 16 bytes; the caller vouches for the 48
        // bytes at `dst`.
        unsafe {
            let [from_first, from_second, equals] = shuffles.map(|shuffle| _mm_loadu_si128(shuffle.as_ptr().cast()));
            let chars = _mm_or_si128(
                _mm_or_si128(
                    _mm_shuffle_epi8(pairs[0], from_first),
                    _mm_shuffle_epi8(pairs[1], from_second),
                ),
                equals,
            );
            _mm_storeu_si128(dst.add(16 * row).cast(), chars);
        }
    }
}

/// For each 16 characters of 16 escapes: the shuffles that take their
/// digits from the first 8 pairs of digits and from the last 8 (index 0x80
/// gives 0), and the '=' between (0 elsewhere, for an OR).
#[cfg(target_arch = "x86_64")]
static ESCAPE_SHUFFLES: [[[u8; 16]; 3]; 3] = escape_shuffles();

#[cfg(target_arch = "x86_64")]
const fn escape_shuffles() -> [[[u8; 16]; 3]; 3] {
    let mut rows = [[[0x80; 16], [0x80; 16], [0; 16]]; 3];
    let mut at = 0;
    while at < 48 {
        let (row, column) = (at / 16, at % 16);
        // Character `at` is the `at % 3`-th of escape `at / 3`: '=' then
        // the digits, which are pair characters `2 * (at / 3) + 0 or 1`.
        if at % 3 == 0 {
            rows[row][2][column] = b'=';
        } else {
            let digit = 2 * (at / 3) + at % 3 - 1;
            rows[row][digit / 16][column] = (digit % 16) as u8;
        }
        at += 1;
    }
    rows
}

/// For each 8 bits of a mask, the indices of the set ones in order, then
/// zeros: the shuffle that keeps those bytes of an 8-byte group.
#[cfg(target_arch = "x86_64")]
static KEEP_SHUFFLES: [u64; 256] = keep_shuffles();

#[cfg(target_arch = "x86_64")]
const fn keep_shuffles() -> [u64; 256] {
    let mut table = [0; 256];
    let mut mask = 0;
    while mask < 256 {
        let (mut bit, mut kept) = (0, 0);
        let mut shuffle = 0u64;
        while bit < 8 {
            if mask >> bit & 1 != 0 {
                shuffle |= (bit as u64) << (8 * kept);
                kept += 1;
            }
            bit += 1;
        }
        table[mask] = shuffle;
        mask += 1;
    }
    table
}
