//! One consistent view of an argument's bytes, for codecs that read them
//! twice (once to size the result, once to write it).

use std::borrow::Cow;

use cpython_api::Buffer;

use crate::ascii_buffer::AsciiBuffer;

/// The bytes of `buffer`: borrowed if nobody can change them, else a copy
/// (another thread could change a `bytearray` between two readings).
pub fn of_buffer<'a>(buffer: &'a Buffer<'_>) -> Cow<'a, [u8]> {
    match buffer.as_immutable() {
        Some(bytes) => Cow::Borrowed(bytes),
        None => Cow::Owned(buffer.with_bytes(<[u8]>::to_vec)),
    }
}

pub fn of_ascii_buffer<'a>(data: &'a AsciiBuffer<'_, '_>) -> Cow<'a, [u8]> {
    match data {
        AsciiBuffer::Str(characters) => Cow::Borrowed(characters),
        AsciiBuffer::Buffer(buffer) => of_buffer(buffer),
    }
}
