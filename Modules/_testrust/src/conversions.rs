//! Conversions between the built-in types and Rust values, each round trip
//! through the Rust type so that the range and the errors are the layer's.

use cpython_api::function::OneArg;
use cpython_api::{Bound, PyResult, types};

pub struct RoundtripI64;
impl OneArg for RoundtripI64 {
    fn call<'py>(module: &Bound<'py>, value: &Bound<'py>) -> PyResult<Bound<'py>> {
        types::int_from_i64(module.py(), types::int_to_i64(value)?)
    }
}

pub struct RoundtripU64;
impl OneArg for RoundtripU64 {
    fn call<'py>(module: &Bound<'py>, value: &Bound<'py>) -> PyResult<Bound<'py>> {
        types::int_from_u64(module.py(), types::int_to_u64(value)?)
    }
}

pub struct RoundtripIsize;
impl OneArg for RoundtripIsize {
    fn call<'py>(module: &Bound<'py>, value: &Bound<'py>) -> PyResult<Bound<'py>> {
        types::int_from_isize(module.py(), types::int_to_isize(value)?)
    }
}

pub struct RoundtripUsize;
impl OneArg for RoundtripUsize {
    fn call<'py>(module: &Bound<'py>, value: &Bound<'py>) -> PyResult<Bound<'py>> {
        types::int_from_usize(module.py(), types::int_to_usize(value)?)
    }
}

pub struct RoundtripFloat;
impl OneArg for RoundtripFloat {
    fn call<'py>(module: &Bound<'py>, value: &Bound<'py>) -> PyResult<Bound<'py>> {
        types::float_from(module.py(), types::float_to_f64(value)?)
    }
}

pub struct Truthiness;
impl OneArg for Truthiness {
    fn call<'py>(module: &Bound<'py>, value: &Bound<'py>) -> PyResult<Bound<'py>> {
        Ok(module.py().bool(types::is_true(value)?))
    }
}

pub struct RoundtripStr;
impl OneArg for RoundtripStr {
    fn call<'py>(module: &Bound<'py>, text: &Bound<'py>) -> PyResult<Bound<'py>> {
        types::str_from(module.py(), types::str_as_utf8(text)?)
    }
}

pub struct Utf8Length;
impl OneArg for Utf8Length {
    fn call<'py>(module: &Bound<'py>, text: &Bound<'py>) -> PyResult<Bound<'py>> {
        types::int_from_usize(module.py(), types::str_as_utf8(text)?.len())
    }
}

pub struct AsciiFastPath;
impl OneArg for AsciiFastPath {
    fn call<'py>(module: &Bound<'py>, text: &Bound<'py>) -> PyResult<Bound<'py>> {
        match types::str_ascii_bytes(text) {
            Some(characters) => types::bytes_from(module.py(), characters),
            None => Ok(module.py().none()),
        }
    }
}

pub struct MakeBytearray;
impl OneArg for MakeBytearray {
    fn call<'py>(module: &Bound<'py>, count: &Bound<'py>) -> PyResult<Bound<'py>> {
        types::bytearray_with(module.py(), types::int_to_usize(count)?, |buffer| {
            for (index, byte) in buffer.iter_mut().enumerate() {
                *byte = index as u8;
            }
        })
    }
}

pub struct BytearrayOf;
impl OneArg for BytearrayOf {
    fn call<'py>(module: &Bound<'py>, data: &Bound<'py>) -> PyResult<Bound<'py>> {
        types::bytearray_from(module.py(), types::bytes_data(data)?)
    }
}

pub struct BytesViewSum;
impl OneArg for BytesViewSum {
    fn call<'py>(module: &Bound<'py>, data: &Bound<'py>) -> PyResult<Bound<'py>> {
        let sum = types::bytes_data(data)?.iter().map(|&byte| u64::from(byte)).sum();
        types::int_from_u64(module.py(), sum)
    }
}
