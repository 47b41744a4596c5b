//! Building and reading built-in objects, and bytes-like arguments.

use cpython_api::function::OneArg;
use cpython_api::{Bound, Buffer, PyErr, PyResult, exceptions, types};

pub struct ByteRange;
impl OneArg for ByteRange {
    fn call<'py>(module: &Bound<'py>, count: &Bound<'py>) -> PyResult<Bound<'py>> {
        let count = types::int_to_isize(count)?;
        let Ok(length) = usize::try_from(count) else {
            return Err(PyErr::new(exceptions::ValueError(module.py()), "negative count"));
        };
        types::bytes_with(module.py(), length, |buffer| {
            for (index, byte) in buffer.iter_mut().enumerate() {
                *byte = index as u8;
            }
        })
    }
}

pub struct BufferSummary;
impl OneArg for BufferSummary {
    fn call<'py>(module: &Bound<'py>, data: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = module.py();
        let buffer = Buffer::get(data)?;
        let sum = buffer.with_bytes(|bytes| bytes.iter().map(|&byte| byte as isize).sum())?;
        let length = types::int_from_isize(py, buffer.len() as isize)?;
        types::tuple_from(
            py,
            &[
                &length,
                &py.bool(buffer.is_readonly()),
                &types::int_from_isize(py, sum)?,
            ],
        )
    }
}

pub struct BufferCopy;
impl OneArg for BufferCopy {
    fn call<'py>(module: &Bound<'py>, data: &Bound<'py>) -> PyResult<Bound<'py>> {
        let buffer = Buffer::get(data)?;
        let copy = buffer.to_vec()?;
        types::bytes_from(module.py(), &copy)
    }
}
