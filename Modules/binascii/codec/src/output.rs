//! Where the codecs write: a buffer that may start uninitialised.
//!
//! The `binascii` module builds its results in place inside a new `bytes`
//! object, whose memory CPython hands out uninitialised. Clearing it first
//! would cost a pass over the output as long as the encoding itself, so the
//! codecs append to an `Output` instead, which tracks how much of the buffer
//! they have written.

use std::mem::MaybeUninit;

pub struct Output<'a> {
    buf: &'a mut [MaybeUninit<u8>],
    len: usize,
}

impl<'a> Output<'a> {
    #[inline]
    pub fn new(buf: &'a mut [MaybeUninit<u8>]) -> Self {
        Output { buf, len: 0 }
    }

    /// Bytes written so far.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes that can still be written.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.len
    }

    /// Appends one byte.
    ///
    /// Panics when the buffer is full: callers size the buffer from the
    /// codec's worst case, so a full buffer is a bug in that computation.
    #[inline]
    pub fn push(&mut self, byte: u8) {
        self.buf[self.len].write(byte);
        self.len += 1;
    }

    /// Appends bytes; panics when they do not fit, as `push` does.
    #[inline]
    pub fn extend_from_slice(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        for (slot, &byte) in self.buf[self.len..end].iter_mut().zip(bytes) {
            slot.write(byte);
        }
        self.len = end;
    }

    /// Writes all of `piece` but counts only its first `count` bytes as
    /// written; the rest is left for the next write to overwrite. Encoders
    /// whose pieces vary in length can so store each with one fixed-size
    /// write instead of branching on its length. Panics unless the whole
    /// piece fits, as `push` does, and if `count` exceeds it.
    #[inline]
    pub fn push_piece<const N: usize>(&mut self, piece: &[u8; N], count: usize) {
        assert!(count <= N);
        let slots: &mut [MaybeUninit<u8>; N] = (&mut self.buf[self.len..self.len + N]).try_into().unwrap();
        for (slot, &byte) in slots.iter_mut().zip(piece) {
            slot.write(byte);
        }
        self.len += count;
    }

    /// Overwrites the last byte written; panics if there is none.
    #[inline]
    pub fn replace_last(&mut self, byte: u8) {
        self.buf[self.len - 1].write(byte);
    }

    /// The part of the buffer not written yet, for vector kernels that store
    /// whole registers at a time.
    #[inline]
    pub fn spare(&mut self) -> &mut [MaybeUninit<u8>] {
        &mut self.buf[self.len..]
    }

    /// Counts `count` bytes of `spare()` as written.
    ///
    /// # Safety
    /// The first `count` bytes of `spare()` must have been initialised.
    #[inline]
    pub unsafe fn advance(&mut self, count: usize) {
        assert!(count <= self.remaining());
        self.len += count;
    }

    /// What has been written so far.
    #[inline]
    pub fn written(&self) -> &[u8] {
        initialised_prefix(self.buf, self.len)
    }
}

impl<'a> Output<'a> {
    /// What has been written, for as long as the buffer lives: the proof
    /// (for `cpython_api::types::bytes_with_capacity`) that those bytes are
    /// initialised.
    #[inline]
    pub fn into_written(self) -> &'a [u8] {
        initialised_prefix(self.buf, self.len)
    }
}

/// The first `len` bytes of an `Output`'s buffer, which its `len` counts as
/// written: `len` only grows through `push`, `extend_from_slice`,
/// `push_piece` (which write at least what they count) and `advance` (whose
/// caller vouches for what it counts).
fn initialised_prefix(buf: &[MaybeUninit<u8>], len: usize) -> &[u8] {
    let written = &buf[..len];
    // SAFETY: initialised (see above); MaybeUninit<u8> has u8's layout.
    unsafe { &*(written as *const [MaybeUninit<u8>] as *const [u8]) }
}

/// Runs `encode` on an `Output` over a new buffer of `capacity` bytes and
/// returns what it wrote; for tests and for callers that want a `Vec`.
pub fn collect(capacity: usize, encode: impl FnOnce(&mut Output<'_>)) -> Vec<u8> {
    let mut buf = vec![MaybeUninit::uninit(); capacity];
    let mut output = Output::new(&mut buf);
    encode(&mut output);
    output.written().to_vec()
}
