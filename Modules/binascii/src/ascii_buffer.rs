//! The `ascii_buffer` converter of C's binascii: the decoding functions
//! take any contiguous buffer, or a `str` of ASCII characters.

use std::ops::ControlFlow;

use cpython_api::clinic::{ArgumentRef, Converter, type_name};
use cpython_api::{Bound, Buffer, PyErr, PyResult, Python, exceptions, types};

pub enum AsciiBuffer<'a, 'py> {
    /// The characters of an ASCII `str`, borrowed from it.
    Str(&'a [u8]),
    Buffer(Buffer<'py>),
}

/// The converter's name in the clinic blocks, which are C's.
#[allow(non_camel_case_types)]
pub type ascii_buffer<'a, 'py> = AsciiBuffer<'a, 'py>;

impl<'a, 'py> Converter<'a, 'py> for AsciiBuffer<'a, 'py> {
    #[inline(always)]
    fn unconverted(py: Python<'py>) -> Self {
        AsciiBuffer::Buffer(Buffer::unfilled(py))
    }

    #[inline(always)]
    fn convert(&mut self, arg: &'a Bound<'py>, _at: &ArgumentRef) -> PyResult<()> {
        let py = arg.py();
        if types::is_str(arg) {
            let characters = types::str_ascii_bytes(arg).ok_or_else(|| {
                PyErr::new(
                    exceptions::ValueError(py),
                    "string argument should contain only ASCII characters",
                )
            })?;
            *self = AsciiBuffer::Str(characters);
            return Ok(());
        }
        let AsciiBuffer::Buffer(buffer) = self else {
            unreachable!("ascii_buffer converts into an unconverted value")
        };
        // C replaces whatever error the exporter raised with its own.
        buffer.fill(arg).map_err(|_| {
            PyErr::new(
                exceptions::TypeError(py),
                &format!(
                    "argument should be bytes, buffer or ASCII string, not '{}'",
                    c_type_name(arg)
                ),
            )
        })
    }
}

impl AsciiBuffer<'_, '_> {
    pub fn len(&self) -> usize {
        match self {
            AsciiBuffer::Str(characters) => characters.len(),
            AsciiBuffer::Buffer(buffer) => buffer.len(),
        }
    }

    /// Runs `read` on the characters in consecutive pieces, as
    /// [`Buffer::read_pieces`] does.
    pub fn read_pieces<B>(&self, granule: usize, read: impl FnMut(&[u8]) -> ControlFlow<B> + Send) -> ControlFlow<B> {
        match self {
            AsciiBuffer::Str(characters) => {
                let mut read = read;
                read(characters)
            }
            AsciiBuffer::Buffer(buffer) => buffer.read_pieces(granule, read),
        }
    }
}

/// The type's name as C's "%.100s" prints it.
pub fn c_type_name(object: &Bound<'_>) -> String {
    let mut name = type_name(object);
    if let Some((cut, _)) = name.char_indices().nth(100) {
        name.truncate(cut);
    }
    name
}
