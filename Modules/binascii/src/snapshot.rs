//! One consistent view of an argument's bytes, for codecs that read them
//! twice (once to size the result, once to write it).

use std::borrow::Cow;

use cpython_api::{Buffer, PyResult};

/// The bytes of `buffer`: borrowed if nobody can change them, else a copy
/// (another thread could change a `bytearray` between two readings), or
/// `MemoryError`.
pub fn of_buffer<'a>(buffer: &'a Buffer<'_>) -> PyResult<Cow<'a, [u8]>> {
    match buffer.as_immutable() {
        Some(bytes) => Ok(Cow::Borrowed(bytes)),
        None => buffer.to_vec().map(Cow::Owned),
    }
}
