//! The converter functions: one per group of Argument Clinic converters.

use core::ffi::{c_int, c_long, c_uint, c_ulong};

use cpython_api::clinic::convert::Complex;
use cpython_api::{Bound, Buffer, PyResult, types};
use cpython_clinic::clinic;

use crate::pack::{or_none, pack, pack_values};

#[clinic(
    r#"
    _testclinic.test_empty_function
    "#
)]
fn test_empty_function_impl<'py>(module: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.objects_converter

        a: object
        b: object = NULL
        /
    "#
)]
fn objects_converter_impl<'py>(module: &Bound<'py>, a: &Bound<'py>, b: Option<&Bound<'py>>) -> PyResult<Bound<'py>> {
    let py = module.py();
    pack(py, &[a, &or_none(py, b)])
}

#[clinic(
    r#"
    _testclinic.bytes_object_converter

        a: PyBytesObject
        /
    "#
)]
fn bytes_object_converter_impl<'py>(module: &Bound<'py>, a: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a])
}

#[clinic(
    r#"
    _testclinic.byte_array_object_converter

        a: PyByteArrayObject
        /
    "#
)]
fn byte_array_object_converter_impl<'py>(module: &Bound<'py>, a: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a])
}

#[clinic(
    r#"
    _testclinic.unicode_converter

        a: unicode
        /
    "#
)]
fn unicode_converter_impl<'py>(module: &Bound<'py>, a: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a])
}

#[clinic(
    r#"
    _testclinic.bool_converter

        a: bool = True
        b: bool(accept={object}) = True
        c: bool(accept={int}) = True
        /
    "#
)]
fn bool_converter_impl<'py>(module: &Bound<'py>, a: bool, b: bool, c: bool) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a, b, c])
}

#[cfg(clinic_bool_c_default)]
#[clinic(
    r#"
    _testclinic.bool_converter_c_default

        a: bool = True
        b: bool = False
        c: bool(c_default="-2") = True
        d: bool(c_default="-3") = x
        /
    "#
)]
fn bool_converter_c_default_impl<'py>(
    module: &Bound<'py>,
    a: bool,
    b: bool,
    c: c_int,
    d: c_int,
) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[c_int::from(a), c_int::from(b), c, d])
}

#[clinic(
    r#"
    _testclinic.char_converter

        a: char = b'A'
        b: char = b'\a'
        c: char = b'\b'
        d: char = b'\t'
        e: char = b'\n'
        f: char = b'\v'
        g: char = b'\f'
        h: char = b'\r'
        i: char = b'"'
        j: char = b"'"
        k: char = b'?'
        l: char = b'\\'
        m: char = b'\000'
        n: char = b'\377'
        /
    "#
)]
#[allow(clippy::too_many_arguments)]
fn char_converter_impl<'py>(
    module: &Bound<'py>,
    a: u8,
    b: u8,
    c: u8,
    d: u8,
    e: u8,
    f: u8,
    g: u8,
    h: u8,
    i: u8,
    j: u8,
    k: u8,
    l: u8,
    m: u8,
    n: u8,
) -> PyResult<Bound<'py>> {
    let bytes = [a, b, c, d, e, f, g, h, i, j, k, l, m, n].map(c_long::from);
    pack_values(module.py(), &bytes)
}

#[clinic(
    r#"
    _testclinic.unsigned_char_converter

        a: unsigned_char = 12
        b: unsigned_char(bitwise=False) = 34
        c: unsigned_char(bitwise=True) = 56
        /
    "#
)]
fn unsigned_char_converter_impl<'py>(module: &Bound<'py>, a: u8, b: u8, c: u8) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a, b, c].map(c_long::from))
}

#[clinic(
    r#"
    _testclinic.short_converter

        a: short = 12
        /
    "#
)]
fn short_converter_impl<'py>(module: &Bound<'py>, a: i16) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[c_long::from(a)])
}

#[clinic(
    r#"
    _testclinic.unsigned_short_converter

        a: unsigned_short = 12
        b: unsigned_short(bitwise=False) = 34
        c: unsigned_short(bitwise=True) = 56
        /
    "#
)]
fn unsigned_short_converter_impl<'py>(module: &Bound<'py>, a: u16, b: u16, c: u16) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a, b, c].map(c_long::from))
}

#[cfg_attr(
    not(Py_3_14),
    clinic(
        r#"
    _testclinic.int_converter

        a: int = 12
        b: int(accept={int}) = 34
        c: int(accept={str}) = 45
        /
    "#
    )
)]
#[cfg_attr(
    Py_3_14,
    clinic(
        r#"
    _testclinic.int_converter

        a: int = 12
        b: int(accept={int}) = 34
        c: int(accept={str}) = '-'
        /
    "#
    )
)]
fn int_converter_impl<'py>(module: &Bound<'py>, a: c_int, b: c_int, c: c_int) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a, b, c])
}

#[clinic(
    r#"
    _testclinic.unsigned_int_converter

        a: unsigned_int = 12
        b: unsigned_int(bitwise=False) = 34
        c: unsigned_int(bitwise=True) = 56
        /
    "#
)]
fn unsigned_int_converter_impl<'py>(module: &Bound<'py>, a: c_uint, b: c_uint, c: c_uint) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a, b, c])
}

#[clinic(
    r#"
    _testclinic.long_converter

        a: long = 12
        /
    "#
)]
fn long_converter_impl<'py>(module: &Bound<'py>, a: c_long) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a])
}

#[clinic(
    r#"
    _testclinic.unsigned_long_converter

        a: unsigned_long = 12
        b: unsigned_long(bitwise=False) = 34
        c: unsigned_long(bitwise=True) = 56
        /
    "#
)]
fn unsigned_long_converter_impl<'py>(module: &Bound<'py>, a: c_ulong, b: c_ulong, c: c_ulong) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a, b, c])
}

#[clinic(
    r#"
    _testclinic.long_long_converter

        a: long_long = 12
        /
    "#
)]
fn long_long_converter_impl<'py>(module: &Bound<'py>, a: i64) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a])
}

#[clinic(
    r#"
    _testclinic.unsigned_long_long_converter

        a: unsigned_long_long = 12
        b: unsigned_long_long(bitwise=False) = 34
        c: unsigned_long_long(bitwise=True) = 56
        /
    "#
)]
fn unsigned_long_long_converter_impl<'py>(module: &Bound<'py>, a: u64, b: u64, c: u64) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a, b, c])
}

#[cfg(not(Py_3_15))]
#[clinic(
    r#"
    _testclinic.py_ssize_t_converter

        a: Py_ssize_t = 12
        b: Py_ssize_t(accept={int}) = 34
        c: Py_ssize_t(accept={int, NoneType}) = 56
        /
    "#
)]
fn py_ssize_t_converter_impl<'py>(module: &Bound<'py>, a: isize, b: isize, c: isize) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a, b, c])
}

/// 3.15 adds `allow_negative=False`.
#[cfg(Py_3_15)]
#[clinic(
    r#"
    _testclinic.py_ssize_t_converter

        a: Py_ssize_t = 12
        b: Py_ssize_t(accept={int}) = 34
        c: Py_ssize_t(accept={int, NoneType}) = 56
        d: Py_ssize_t(accept={int}, allow_negative=False) = 78
        e: Py_ssize_t(accept={int, NoneType}, allow_negative=False) = 90
        f: Py_ssize_t(accept={int}, allow_negative=False) = -12
        g: Py_ssize_t(accept={int, NoneType}, py_default="-34", allow_negative=False) = -34
        /
    "#
)]
#[allow(clippy::too_many_arguments)]
fn py_ssize_t_converter_impl<'py>(
    module: &Bound<'py>,
    a: isize,
    b: isize,
    c: isize,
    d: isize,
    e: isize,
    f: isize,
    g: isize,
) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a, b, c, d, e, f, g])
}

#[clinic(
    r#"
    _testclinic.slice_index_converter

        a: slice_index = 12
        b: slice_index(accept={int}) = 34
        c: slice_index(accept={int, NoneType}) = 56
        /
    "#
)]
fn slice_index_converter_impl<'py>(module: &Bound<'py>, a: isize, b: isize, c: isize) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a, b, c])
}

#[clinic(
    r#"
    _testclinic.size_t_converter

        a: size_t = 12
        /
    "#
)]
fn size_t_converter_impl<'py>(module: &Bound<'py>, a: usize) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a])
}

#[clinic(
    r#"
    _testclinic.float_converter

        a: float = 12.5
        /
    "#
)]
fn float_converter_impl<'py>(module: &Bound<'py>, a: f32) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a])
}

#[clinic(
    r#"
    _testclinic.double_converter

        a: double = 12.5
        /
    "#
)]
fn double_converter_impl<'py>(module: &Bound<'py>, a: f64) -> PyResult<Bound<'py>> {
    pack_values(module.py(), &[a])
}

#[clinic(
    r#"
    _testclinic.py_complex_converter

        a: Py_complex
        /
    "#
)]
fn py_complex_converter_impl<'py>(module: &Bound<'py>, a: Complex) -> PyResult<Bound<'py>> {
    let py = module.py();
    pack(py, &[&types::complex_from(py, a.real, a.imag)?])
}

#[clinic(
    r#"
    _testclinic.str_converter

        a: str = "a"
        b: str(accept={robuffer}) = "b"
        c: str(accept={robuffer, str}, zeroes=True) = "c"
        /
    "#
)]
fn str_converter_impl<'py>(module: &Bound<'py>, a: &str, b: &[u8], c: &[u8]) -> PyResult<Bound<'py>> {
    let py = module.py();
    pack(
        py,
        &[
            &types::str_from(py, a)?,
            &types::str_from_utf8(py, b)?,
            &types::str_from_utf8(py, c)?,
        ],
    )
}

#[clinic(
    r#"
    _testclinic.str_converter_encoding

        a: str(encoding="idna")
        b: str(encoding="idna", accept={bytes, bytearray, str})
        c: str(encoding="idna", accept={bytes, bytearray, str}, zeroes=True)
        /
    "#
)]
fn str_converter_encoding_impl<'py>(module: &Bound<'py>, a: &[u8], b: &[u8], c: &[u8]) -> PyResult<Bound<'py>> {
    let py = module.py();
    let strings = [a, b, c].map(|bytes| types::str_from_utf8(py, bytes));
    let [a, b, c] = strings;
    pack(py, &[&a?, &b?, &c?])
}

#[clinic(
    r#"
    _testclinic.py_buffer_converter

        a: Py_buffer(accept={str, buffer, NoneType})
        b: Py_buffer(accept={rwbuffer})
        /
    "#
)]
fn py_buffer_converter_impl<'py>(module: &Bound<'py>, a: &Buffer<'py>, b: &Buffer<'py>) -> PyResult<Bound<'py>> {
    let py = module.py();
    let a = a.to_vec()?;
    let b = b.to_vec()?;
    pack(py, &[&types::bytes_from(py, &a)?, &types::bytes_from(py, &b)?])
}

#[clinic(
    r#"
    _testclinic.gh_99240_double_free

        a: str(encoding="idna")
        b: str(encoding="idna")
        /

    Proof-of-concept of GH-99240 double-free bug.
    "#
)]
fn gh_99240_double_free_impl<'py>(module: &Bound<'py>, _a: &[u8], _b: &[u8]) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}
