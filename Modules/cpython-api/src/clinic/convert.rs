//! The converters of Argument Clinic: one function per converter (or per
//! variant of one, such as `bitwise=True`), taking the argument as the
//! generated C code does and raising what it raises.
//!
//! Most call the public C function that the C code calls, which raises the
//! right exception itself. The private helpers that C Argument Clinic uses
//! (`_PyLong_UnsignedShort_Converter`, `_PyEval_SliceIndex`, ...) are
//! rewritten here with their messages, so the same code serves every
//! version. The string and buffer converters whose C code goes through
//! `_PyArg_ParseStack` do what its format units do, naming the argument as
//! [`ArgumentRef::bad_argument`] where getargs would say "must be ..., not
//! ...", and keeping the exception a C function raised where getargs keeps
//! it.

use core::ffi::{CStr, c_int, c_long, c_ulong};
use std::borrow::Cow;

use cpython_sys as ffi;

use super::ArgumentRef;
use crate::buffer::{Buffer, releases_exports};
use crate::err::{PyErr, PyResult};
use crate::exceptions;
use crate::object::Bound;
use crate::python::Python;
use crate::shared_bytes::copy_shared;
use crate::sync::critical_section;
use crate::types;

/// A C `Py_complex`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Complex {
    pub real: f64,
    pub imag: f64,
}

/// `PyBytesObject`: a `bytes`, subclasses included.
pub fn bytes_object<'a, 'py>(arg: &'a Bound<'py>, at: &ArgumentRef) -> PyResult<&'a Bound<'py>> {
    if is_bytes(arg) {
        Ok(arg)
    } else {
        Err(at.bad_argument("bytes", arg))
    }
}

/// `PyByteArrayObject`: a `bytearray`, subclasses included.
pub fn bytearray_object<'a, 'py>(arg: &'a Bound<'py>, at: &ArgumentRef) -> PyResult<&'a Bound<'py>> {
    if is_bytearray(arg) {
        Ok(arg)
    } else {
        Err(at.bad_argument("bytearray", arg))
    }
}

/// `unicode`: a `str`, subclasses included.
pub fn unicode_object<'a, 'py>(arg: &'a Bound<'py>, at: &ArgumentRef) -> PyResult<&'a Bound<'py>> {
    if types::is_str(arg) {
        Ok(arg)
    } else {
        Err(at.bad_argument("str", arg))
    }
}

/// Lists the static types `object(subclass_of=...)` may name, once for both
/// the list and the lookup.
macro_rules! subclass_of_types {
    ($($symbol:ident),* $(,)?) => {
        /// The C type objects that [`subclass_of`] knows, by their C names.
        pub const SUBCLASS_OF_TYPES: &[&str] = &[$(stringify!($symbol)),*];

        /// The type object named `symbol` in C.
        fn static_type(symbol: &str) -> Option<*mut ffi::PyTypeObject> {
            match symbol {
                $(stringify!($symbol) => Some(&raw mut ffi::$symbol),)*
                _ => None,
            }
        }
    };
}

subclass_of_types! {
    PyLong_Type, PyUnicode_Type, PyBytes_Type, PyByteArray_Type, PyTuple_Type, PyList_Type, PyDict_Type,
    PyFloat_Type, PyComplex_Type, PyBool_Type, PySet_Type, PyFrozenSet_Type, PyType_Type, PyMemoryView_Type,
}

/// `object(subclass_of="&PyLong_Type")` and the like: an instance of the
/// type whose C name is `type_symbol` (one of [`SUBCLASS_OF_TYPES`]), or of
/// a subclass. `SystemError` for a name not in that list.
pub fn subclass_of<'a, 'py>(arg: &'a Bound<'py>, at: &ArgumentRef, type_symbol: &str) -> PyResult<&'a Bound<'py>> {
    let Some(expected) = static_type(type_symbol) else {
        return Err(PyErr::new(
            exceptions::SystemError(arg.py()),
            &format!("subclass_of: unknown type object {type_symbol}"),
        ));
    };
    // SAFETY: a valid object and a static type, ready once the interpreter
    // runs.
    if unsafe { ffi::PyObject_TypeCheck(arg.as_ptr(), expected) } {
        return Ok(arg);
    }
    // SAFETY: a static type's name is a NUL-terminated string that lives
    // as long as the process.
    let name = unsafe { CStr::from_ptr((*expected).tp_name) };
    Err(at.bad_argument(&name.to_string_lossy(), arg))
}

/// `bool` and `bool(accept={object})`: the truth of any object
/// (`PyObject_IsTrue`).
pub fn bool_truth(arg: &Bound<'_>) -> PyResult<bool> {
    types::is_true(arg)
}

/// `bool(accept={int})`: an integer, as a C `int` (`PyLong_AsInt`).
pub fn bool_from_int(arg: &Bound<'_>) -> PyResult<c_int> {
    as_c_int(arg)
}

/// `char`: the byte of a `bytes` or `bytearray` of length 1.
pub fn char(arg: &Bound<'_>, at: &ArgumentRef) -> PyResult<u8> {
    let expected = "a byte string of length 1";
    if is_bytes(arg) {
        return match types::bytes_data(arg)? {
            [byte] => Ok(*byte),
            other => Err(at.bad_length(expected, "a bytes object", other.len(), arg)),
        };
    } else if is_bytearray(arg) {
        // SAFETY: a bytearray, whose size cannot fail to be read.
        if unsafe { ffi::PyByteArray_Size(arg.as_ptr()) } == 1 {
            // Another thread may have resized it since: check the copy.
            if let [byte] = bytearray_contents(arg)?[..] {
                return Ok(byte);
            }
        }
        // SAFETY: as above.
        let length = unsafe { ffi::PyByteArray_Size(arg.as_ptr()) } as usize;
        return Err(at.bad_length(expected, "a bytearray object", length, arg));
    }
    Err(at.bad_argument(expected, arg))
}

/// `unsigned_char` and `unsigned_char(bitwise=False)`: an integer in
/// 0..=255 (`PyLong_AsLong`, then a range check).
pub fn unsigned_char(arg: &Bound<'_>) -> PyResult<u8> {
    let value = as_c_long(arg)?;
    u8::try_from(value).map_err(|_| {
        let bound = if value < 0 {
            "less than minimum"
        } else {
            "greater than maximum"
        };
        overflow(arg.py(), &format!("unsigned byte integer is {bound}"))
    })
}

/// `unsigned_char(bitwise=True)`: the low 8 bits of an integer, negative
/// ones included (`PyLong_AsUnsignedLongMask`).
pub fn unsigned_char_bitwise(arg: &Bound<'_>) -> PyResult<u8> {
    Ok(masked_warning_out_of_range(arg, 8)? as u8)
}

/// `short`: an integer in C `short`'s range (`PyLong_AsLong`, then a range
/// check).
pub fn short(arg: &Bound<'_>) -> PyResult<i16> {
    let value = as_c_long(arg)?;
    i16::try_from(value).map_err(|_| {
        let bound = if value < 0 {
            "less than minimum"
        } else {
            "greater than maximum"
        };
        overflow(arg.py(), &format!("signed short integer is {bound}"))
    })
}

/// `unsigned_short` and `unsigned_short(bitwise=False)`: a non-negative
/// `int` (no `__index__`), as `_PyLong_UnsignedShort_Converter` takes it.
pub fn unsigned_short(arg: &Bound<'_>) -> PyResult<u16> {
    if UNSIGNED_TAKES_INDEX {
        return Ok(unsigned_of_width(arg, 16, "unsigned short")? as u16);
    }
    let value = unsigned_long(arg)?;
    u16::try_from(value).map_err(|_| overflow(arg.py(), "Python int too large for C unsigned short"))
}

/// `unsigned_short(bitwise=True)`: the low 16 bits of an integer
/// (`PyLong_AsUnsignedLongMask`).
pub fn unsigned_short_bitwise(arg: &Bound<'_>) -> PyResult<u16> {
    Ok(masked_warning_out_of_range(arg, 16)? as u16)
}

/// `int` and `int(accept={int})`: an integer in C `int`'s range
/// (`PyLong_AsInt`).
#[inline]
pub fn int(arg: &Bound<'_>) -> PyResult<c_int> {
    as_c_int(arg)
}

/// `int(accept={str})`: the code point of a `str` of length 1.
pub fn int_from_char(arg: &Bound<'_>, at: &ArgumentRef) -> PyResult<c_int> {
    let expected = "a unicode character";
    if !types::is_str(arg) {
        return Err(at.bad_argument(expected, arg));
    }
    let text = arg.as_ptr();
    // SAFETY: a str; only its state bits are read.
    if unsafe { ffi::PyUnicode_IS_COMPACT(text) } {
        // SAFETY: a compact str is always ready (3.11): its length and
        // canonical form can be read, and never change once other code can
        // see it; the one character is read at its kind's width.
        let code_point = unsafe {
            let length = ffi::PyUnicode_GET_LENGTH(text);
            if length != 1 {
                return Err(at.bad_length(expected, "a string", length as usize, arg));
            }
            let data = ffi::PyUnicode_DATA(text);
            match ffi::PyUnicode_KIND(text) {
                ffi::PyUnicode_1BYTE_KIND => u32::from(*data.cast::<u8>()),
                ffi::PyUnicode_2BYTE_KIND => u32::from(*data.cast::<u16>()),
                _ => *data.cast::<u32>(),
            }
        };
        // Code points end at U+10FFFF, well within a C int.
        return Ok(code_point as c_int);
    }
    let py = arg.py();
    // SAFETY: a str; -1 with an exception set on failure (3.11 may have to
    // build the canonical form of a legacy string first).
    let len = checked(py, unsafe { ffi::PyUnicode_GetLength(arg.as_ptr()) }, -1)?;
    if len != 1 {
        return Err(at.bad_length(expected, "a string", len as usize, arg));
    }
    // SAFETY: a str with one character, read at index 0.
    let code_point = checked(
        py,
        unsafe { ffi::PyUnicode_ReadChar(arg.as_ptr(), 0) },
        ffi::Py_UCS4::MAX,
    )?;
    // Code points end at U+10FFFF, well within a C int.
    Ok(code_point as c_int)
}

/// `unsigned_int` and `unsigned_int(bitwise=False)`: a non-negative `int`
/// (no `__index__`), as `_PyLong_UnsignedInt_Converter` takes it.
pub fn unsigned_int(arg: &Bound<'_>) -> PyResult<u32> {
    if UNSIGNED_TAKES_INDEX {
        return Ok(unsigned_of_width(arg, 32, "unsigned int")? as u32);
    }
    let value = unsigned_long(arg)?;
    u32::try_from(value).map_err(|_| overflow(arg.py(), "Python int too large for C unsigned int"))
}

/// `unsigned_int(bitwise=True)`: the low 32 bits of an integer
/// (`PyLong_AsUnsignedLongMask`).
pub fn unsigned_int_bitwise(arg: &Bound<'_>) -> PyResult<u32> {
    Ok(masked_warning_out_of_range(arg, 32)? as u32)
}

/// `long`: an integer in C `long`'s range (`PyLong_AsLong`).
pub fn long(arg: &Bound<'_>) -> PyResult<c_long> {
    as_c_long(arg)
}

/// `unsigned_long` and `unsigned_long(bitwise=False)`: a non-negative `int`
/// (no `__index__`), as `_PyLong_UnsignedLong_Converter` takes it.
pub fn unsigned_long(arg: &Bound<'_>) -> PyResult<c_ulong> {
    if UNSIGNED_TAKES_INDEX {
        return Ok(unsigned_of_width(arg, c_ulong::BITS, "unsigned long")? as c_ulong);
    }
    reject_negative(arg)?;
    // SAFETY: a valid object; all ones with an exception set on failure.
    checked(
        arg.py(),
        unsafe { ffi::PyLong_AsUnsignedLong(arg.as_ptr()) },
        c_ulong::MAX,
    )
}

/// `unsigned_long(bitwise=True)`: an `int` (no `__index__`) modulo 2**64
/// (`PyLong_AsUnsignedLongMask`).
pub fn unsigned_long_bitwise(arg: &Bound<'_>, at: &ArgumentRef) -> PyResult<c_ulong> {
    if !(is_int(arg) || (BITWISE_TAKES_INDEX && has_index(arg))) {
        return Err(at.bad_argument("int", arg));
    }
    masked_warning_out_of_range(arg, c_ulong::BITS)
}

/// `long_long`: an integer in C `long long`'s range (`PyLong_AsLongLong`).
pub fn long_long(arg: &Bound<'_>) -> PyResult<i64> {
    // SAFETY: a valid object; -1 with an exception set on failure.
    checked(arg.py(), unsafe { ffi::PyLong_AsLongLong(arg.as_ptr()) }, -1)
}

/// `unsigned_long_long` and `unsigned_long_long(bitwise=False)`: a
/// non-negative `int` (no `__index__`), as
/// `_PyLong_UnsignedLongLong_Converter` takes it.
pub fn unsigned_long_long(arg: &Bound<'_>) -> PyResult<u64> {
    if UNSIGNED_TAKES_INDEX {
        return unsigned_of_width(arg, 64, "unsigned long long");
    }
    reject_negative(arg)?;
    // SAFETY: a valid object; all ones with an exception set on failure.
    checked(
        arg.py(),
        unsafe { ffi::PyLong_AsUnsignedLongLong(arg.as_ptr()) },
        u64::MAX,
    )
}

/// `unsigned_long_long(bitwise=True)`: an `int` (no `__index__`) modulo
/// 2**64 (`PyLong_AsUnsignedLongLongMask`).
pub fn unsigned_long_long_bitwise(arg: &Bound<'_>, at: &ArgumentRef) -> PyResult<u64> {
    if !(is_int(arg) || (BITWISE_TAKES_INDEX && has_index(arg))) {
        return Err(at.bad_argument("int", arg));
    }
    masked_warning_out_of_range(arg, u64::BITS)
}

/// `Py_ssize_t` and `Py_ssize_t(accept={int})`: an integer or an object
/// with `__index__`, in `Py_ssize_t`'s range (`PyNumber_Index`, then
/// `PyLong_AsSsize_t`).
pub fn ssize_t(arg: &Bound<'_>) -> PyResult<isize> {
    types::int_to_isize(arg)
}

/// `Py_ssize_t(accept={int, NoneType})`: as [`ssize_t`], or `None` (the
/// parameter keeps its default), as `_Py_convert_optional_to_ssize_t` takes
/// it.
pub fn optional_ssize_t(arg: &Bound<'_>) -> PyResult<Option<isize>> {
    if arg.is_none() {
        return Ok(None);
    }
    let py = arg.py();
    if !has_index(arg) {
        let name = super::type_name(arg);
        return Err(PyErr::new(
            exceptions::TypeError(py),
            &format!("argument should be integer or None, not '{}'", c_precision(&name, 200)),
        ));
    }
    // SAFETY: an object with `__index__` and a borrowed exception type;
    // -1 with an exception set on failure.
    let value = unsafe { ffi::PyNumber_AsSsize_t(arg.as_ptr(), ffi::PyExc_OverflowError) };
    checked(py, value, -1).map(Some)
}

/// `Py_ssize_t(allow_negative=False)` (3.15): as [`ssize_t`], and not
/// negative: "d cannot be negative", naming the parameter.
pub fn non_negative_ssize_t(arg: &Bound<'_>, parameter: &str) -> PyResult<isize> {
    let value = ssize_t(arg)?;
    if value < 0 {
        return Err(PyErr::new(
            exceptions::ValueError(arg.py()),
            &format!("{parameter} cannot be negative"),
        ));
    }
    Ok(value)
}

/// `Py_ssize_t(accept={int, NoneType}, allow_negative=False)` (3.15): as
/// [`optional_ssize_t`], and not negative, as
/// `_Py_convert_optional_to_non_negative_ssize_t` words it.
pub fn optional_non_negative_ssize_t(arg: &Bound<'_>) -> PyResult<Option<isize>> {
    let value = optional_ssize_t(arg)?;
    if value.is_some_and(|value| value < 0) {
        return Err(PyErr::new(
            exceptions::ValueError(arg.py()),
            "argument cannot be negative",
        ));
    }
    Ok(value)
}

/// `slice_index` and `slice_index(accept={int, NoneType})`: an integer or
/// an object with `__index__`, clamped to `Py_ssize_t`'s range, or `None`
/// (the parameter keeps its default), as `_PyEval_SliceIndex` takes it.
pub fn slice_index(arg: &Bound<'_>) -> PyResult<Option<isize>> {
    if arg.is_none() {
        return Ok(None);
    }
    // 3.15's `_PyEval_SliceIndex` no longer names None in its message.
    let message = if cfg!(Py_3_15) {
        "slice indices must be integers or have an __index__ method"
    } else {
        "slice indices must be integers or None or have an __index__ method"
    };
    clamped_index(arg, message).map(Some)
}

/// `slice_index(accept={int})`: as [`slice_index`] without `None`, as
/// `_PyEval_SliceIndexNotNone` takes it.
pub fn slice_index_not_none(arg: &Bound<'_>) -> PyResult<isize> {
    clamped_index(arg, "slice indices must be integers or have an __index__ method")
}

/// `size_t`: a non-negative `int` (no `__index__`) in `size_t`'s range, as
/// `_PyLong_Size_t_Converter` takes it.
pub fn size_t(arg: &Bound<'_>) -> PyResult<usize> {
    if UNSIGNED_TAKES_INDEX {
        return Ok(unsigned_of_width(arg, usize::BITS, "size_t")? as usize);
    }
    reject_negative(arg)?;
    // SAFETY: a valid object; all ones with an exception set on failure.
    checked(arg.py(), unsafe { ffi::PyLong_AsSize_t(arg.as_ptr()) }, usize::MAX)
}

/// `float`: a real number (`PyFloat_AsDouble`) rounded to a C `float`, as
/// C's `(float)` cast rounds it (1e300 becomes infinity).
pub fn float(arg: &Bound<'_>) -> PyResult<f32> {
    Ok(types::float_to_f64(arg)? as f32)
}

/// `double`: a real number (`PyFloat_AsDouble`).
#[inline]
pub fn double(arg: &Bound<'_>) -> PyResult<f64> {
    types::float_to_f64(arg)
}

/// `Py_complex`: a complex number, or anything with `__complex__`,
/// `__float__` or `__index__` (`PyComplex_AsCComplex`).
pub fn complex(arg: &Bound<'_>) -> PyResult<Complex> {
    // SAFETY: a valid object; an exception is set on failure.
    let value = unsafe { ffi::PyComplex_AsCComplex(arg.as_ptr()) };
    // Any result can be a real one, so only the error indicator tells.
    match PyErr::take(arg.py()) {
        Some(error) => Err(error),
        None => Ok(Complex {
            real: value.real,
            imag: value.imag,
        }),
    }
}

/// `str`: the text of a `str` as UTF-8, without NUL characters.
pub fn str_utf8<'a>(arg: &'a Bound<'_>, at: &ArgumentRef) -> PyResult<&'a str> {
    if !types::is_str(arg) {
        return Err(at.bad_argument("str", arg));
    }
    utf8_without_nul(arg)
}

/// `str(accept={str, NoneType})`: as [`str_utf8`], or `None`.
pub fn optional_str_utf8<'a>(arg: &'a Bound<'_>, at: &ArgumentRef) -> PyResult<Option<&'a str>> {
    if arg.is_none() {
        return Ok(None);
    }
    if !types::is_str(arg) {
        return Err(at.bad_argument("str or None", arg));
    }
    utf8_without_nul(arg).map(Some)
}

/// `str(accept={robuffer})`, format `y`: the bytes of a read-only
/// bytes-like object, without NUL bytes.
///
/// Borrowed from `arg` when its export is read-only; a copy when the
/// exporter lets others write (ctypes arrays do), since they could change
/// it while the caller reads it.
pub fn robuffer_without_nul<'a>(arg: &'a Bound<'_>, at: &ArgumentRef) -> PyResult<Cow<'a, [u8]>> {
    let bytes = read_only_bytes(arg, at)?;
    if bytes.contains(&0) {
        return Err(PyErr::new(exceptions::ValueError(arg.py()), "embedded null byte"));
    }
    Ok(bytes)
}

/// `str(accept={robuffer, str}, zeroes=True)`, format `s#`: the UTF-8 of a
/// `str`, or else as [`robuffer_without_nul`] but with NUL bytes allowed.
pub fn str_or_robuffer<'a>(arg: &'a Bound<'_>, at: &ArgumentRef) -> PyResult<Cow<'a, [u8]>> {
    if types::is_str(arg) {
        return Ok(Cow::Borrowed(types::str_as_utf8(arg)?.as_bytes()));
    }
    read_only_bytes(arg, at)
}

/// `str(encoding=...)`, formats `es` and `es#`, and with
/// `accept={bytes, bytearray, str}` (`accept_bytes`) `et` and `et#`: a
/// `str` encoded with the codec named `encoding` ("strict" errors), or
/// with `accept_bytes` the bytes of a `bytes` or `bytearray` as they are.
/// Without `zeroes=True` (`allow_nul`), a result with a NUL byte is refused.
pub fn encoded_str(
    arg: &Bound<'_>,
    at: &ArgumentRef,
    encoding: &CStr,
    accept_bytes: bool,
    allow_nul: bool,
) -> PyResult<Vec<u8>> {
    let encoded = if accept_bytes && is_bytes(arg) {
        copy_of(arg.py(), types::bytes_data(arg)?)?
    } else if accept_bytes && is_bytearray(arg) {
        bytearray_contents(arg)?
    } else if types::is_str(arg) {
        let py = arg.py();
        // SAFETY: a str and a NUL-terminated codec name; null errors means
        // "strict"; a new bytes object or null with the codec's exception.
        let bytes = unsafe {
            Bound::from_owned_ptr_or_err(
                py,
                ffi::PyUnicode_AsEncodedString(arg.as_ptr(), encoding.as_ptr(), core::ptr::null()),
            )
        }?;
        copy_of(py, types::bytes_data(&bytes)?)?
    } else {
        return Err(at.bad_argument(if accept_bytes { "str, bytes or bytearray" } else { "str" }, arg));
    };
    if !allow_nul && encoded.contains(&0) {
        return Err(at.bad_argument("encoded string without null bytes", arg));
    }
    Ok(encoded)
}

/// A copy of `bytes`, or `MemoryError` (as C's `es#` when its
/// `PyMem_Malloc` fails).
fn copy_of(py: Python<'_>, bytes: &[u8]) -> PyResult<Vec<u8>> {
    let mut copy = Vec::new();
    copy.try_reserve_exact(bytes.len()).map_err(|_| PyErr::no_memory(py))?;
    copy.extend_from_slice(bytes);
    Ok(copy)
}

/// `Py_buffer` (`accept={buffer}`), format `y*`: any object that exports a
/// buffer, held by `view` (filled in place, see [`Buffer::unfilled`]) until
/// it is dropped.
#[inline(always)]
pub fn buffer<'py>(view: &mut Buffer<'py>, arg: &Bound<'py>, at: &ArgumentRef) -> PyResult<()> {
    view.fill(arg)?;
    contiguous(view, arg, at)
}

/// `Py_buffer(accept={str, buffer})`, format `s*`: as [`buffer`], or the
/// UTF-8 of a `str` as a read-only buffer that keeps the `str` alive.
pub fn buffer_or_str<'py>(view: &mut Buffer<'py>, arg: &Bound<'py>, at: &ArgumentRef) -> PyResult<()> {
    if types::is_str(arg) {
        return view.fill_with_str_utf8(arg);
    }
    buffer(view, arg, at)
}

/// `Py_buffer(accept={str, buffer, NoneType})`, format `z*`: as
/// [`buffer_or_str`], or an empty buffer for `None`.
pub fn buffer_or_str_or_none<'py>(view: &mut Buffer<'py>, arg: &Bound<'py>, at: &ArgumentRef) -> PyResult<()> {
    if arg.is_none() {
        // An unfilled view is the empty buffer of no object C makes.
        return Ok(());
    }
    buffer_or_str(view, arg, at)
}

/// `Py_buffer(accept={rwbuffer})`, format `w*`: a writable buffer.
pub fn writable_buffer<'py>(view: &mut Buffer<'py>, arg: &Bound<'py>, at: &ArgumentRef) -> PyResult<()> {
    // Whatever the exporter raised gives way to the argument's message.
    if view.fill_with_flags(arg, ffi::PyBUF_WRITABLE as c_int).is_err() {
        return Err(at.bad_argument("read-write bytes-like object", arg));
    }
    contiguous(view, arg, at)
}

/// Whether `view` is C-contiguous, as a simple request guarantees; 3.11's
/// C code checks it anyway, naming the argument.
#[inline(always)]
fn contiguous(view: &Buffer<'_>, arg: &Bound<'_>, at: &ArgumentRef) -> PyResult<()> {
    if view.is_c_contiguous() {
        Ok(())
    } else {
        Err(at.bad_argument("contiguous buffer", arg))
    }
}

/// What getargs' `y#` does: the bytes of an exporter that needs no release
/// (a `bytearray` or `memoryview`, whose bytes could move or be released
/// after the call, is refused).
fn read_only_bytes<'a>(arg: &'a Bound<'_>, at: &ArgumentRef) -> PyResult<Cow<'a, [u8]>> {
    // SAFETY: a valid object and the static bytes type; only its type is read.
    if unsafe { ffi::Py_IS_TYPE(arg.as_ptr(), &raw mut ffi::PyBytes_Type) } {
        // What an exact bytes exports: its own immutable bytes, contiguous,
        // with nothing to release (a subclass may export others).
        return Ok(Cow::Borrowed(types::bytes_data(arg)?));
    }
    if releases_exports(arg) {
        return Err(at.bad_argument("read-only bytes-like object", arg));
    }
    let view = Buffer::get(arg)?;
    contiguous(&view, arg, at)?;
    // SAFETY: `arg` exported the view and its type has no
    // `bf_releasebuffer`, checked above.
    unsafe { view.into_exporter_bytes(arg) }
}

/// The UTF-8 of a `str`, refused if it holds a NUL character (C would
/// stop reading there).
fn utf8_without_nul<'a>(text: &'a Bound<'_>) -> PyResult<&'a str> {
    let utf8 = types::str_as_utf8(text)?;
    if utf8.contains('\0') {
        return Err(PyErr::new(exceptions::ValueError(text.py()), "embedded null character"));
    }
    Ok(utf8)
}

/// A copy of a `bytearray`'s bytes, taken in its critical section: that is
/// what keeps other threads from resizing it meanwhile, where CPython's own
/// code takes it too.
fn bytearray_contents(bytearray: &Bound<'_>) -> PyResult<Vec<u8>> {
    critical_section(bytearray, || {
        let object = bytearray.as_ptr();
        // SAFETY: a bytearray, whose size cannot fail to be read.
        let len = unsafe { ffi::PyByteArray_Size(object) } as usize;
        // SAFETY: a bytearray's buffer holds `len` bytes and stays allocated
        // while its critical section (or the GIL) is held.
        unsafe { copy_shared(ffi::PyByteArray_AsString(object).cast::<u8>(), len) }
    })
    .map_err(|_| PyErr::no_memory(bytearray.py()))
}

/// `PyLong_AsInt` (`_PyLong_AsInt` before 3.13), rewritten since 3.12 has
/// neither in its public API: `PyLong_AsLong`'s conversion with C `int`'s
/// range.
#[inline]
fn as_c_int(arg: &Bound<'_>) -> PyResult<c_int> {
    if let Some(value) = types::compact_int_value(arg) {
        // One digit and a sign: 31 bits.
        return Ok(value as c_int);
    }
    let mut overflow_sign: c_int = 0;
    // SAFETY: a valid object and an out-parameter; -1 with an exception
    // set on failure, and with `overflow_sign` set (no exception) when the
    // value does not fit a C long.
    let value = unsafe { ffi::PyLong_AsLongAndOverflow(arg.as_ptr(), &mut overflow_sign) };
    let value = checked(arg.py(), value, -1)?;
    match c_int::try_from(value) {
        Ok(value) if overflow_sign == 0 => Ok(value),
        _ => Err(overflow(arg.py(), "Python int too large to convert to C int")),
    }
}

/// `PyLong_AsLong`: an integer or an object with `__index__`.
#[inline]
fn as_c_long(arg: &Bound<'_>) -> PyResult<c_long> {
    if let Some(value) = types::compact_int_value(arg) {
        return Ok(value as c_long);
    }
    // SAFETY: a valid object; -1 with an exception set on failure.
    checked(arg.py(), unsafe { ffi::PyLong_AsLong(arg.as_ptr()) }, -1)
}

/// 3.14's bitwise `unsigned_long` and `unsigned_long_long` take objects
/// with `__index__` (before, an `int` only).
const BITWISE_TAKES_INDEX: bool = cfg!(Py_3_14);

/// 3.15 warns (`DeprecationWarning`) when a bitwise unsigned converter
/// drops bits: a value outside `-2**(bits-1) .. 2**bits - 1`.
const BITWISE_WARNS_OUT_OF_RANGE: bool = cfg!(Py_3_15);

/// A bitwise unsigned converter's value: an integer or an object with
/// `__index__`, modulo 2**64 (the caller keeps the low `bits`), with 3.15's
/// warning for a value that does not fit.
fn masked_warning_out_of_range(arg: &Bound<'_>, bits: u32) -> PyResult<c_ulong> {
    if !BITWISE_WARNS_OUT_OF_RANGE {
        return as_c_ulong_mask(arg);
    }
    let py = arg.py();
    let index = if is_int(arg) {
        arg.clone()
    } else {
        // SAFETY: a valid object; a new int, or null with an exception set.
        unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Index(arg.as_ptr())) }?
    };
    let masked = as_c_ulong_mask(&index)?;
    if !fits_signed_or_unsigned(&index, bits)? {
        super::warn_deprecated(py, c"integer value out of range")?;
    }
    Ok(masked)
}

/// Whether the int `value` lies in `-2**(bits-1) .. 2**bits - 1` (bits at
/// most 64): it fits a C integer of that width, signed or unsigned.
fn fits_signed_or_unsigned(value: &Bound<'_>, bits: u32) -> PyResult<bool> {
    let mut overflow_sign: c_int = 0;
    // SAFETY: an int (nothing runs): its value, or -1 with the sign of one
    // too large for a C long long in `overflow_sign`.
    let small = unsafe { ffi::PyLong_AsLongLongAndOverflow(value.as_ptr(), &mut overflow_sign) };
    match overflow_sign {
        0 => {
            let minimum = -(1i128 << (bits - 1));
            let maximum = (1i128 << bits) - 1;
            Ok((minimum..=maximum).contains(&i128::from(small)))
        }
        sign if sign < 0 => Ok(false),
        _ if bits < 64 => Ok(false),
        _ => {
            // SAFETY: an int; all ones with OverflowError set past 2**64-1.
            let large = unsafe { ffi::PyLong_AsUnsignedLongLong(value.as_ptr()) };
            if large == u64::MAX && PyErr::take(value.py()).is_some() {
                return Ok(false);
            }
            Ok(true)
        }
    }
}

/// `PyLong_AsUnsignedLongMask`: an integer or an object with `__index__`,
/// modulo 2**64.
fn as_c_ulong_mask(arg: &Bound<'_>) -> PyResult<c_ulong> {
    // SAFETY: a valid object; all ones with an exception set on failure.
    checked(
        arg.py(),
        unsafe { ffi::PyLong_AsUnsignedLongMask(arg.as_ptr()) },
        c_ulong::MAX,
    )
}

/// 3.14 rewrote the `_PyLong_Unsigned*_Converter` functions (and
/// `_PyLong_Size_t_Converter`): they take objects with `__index__`, and word
/// their errors as `PyLong_AsNativeBytes` does.
const UNSIGNED_TAKES_INDEX: bool = cfg!(Py_3_14);

/// An integer (or an object with `__index__`) in `0 .. 2**bits - 1`, as
/// 3.14's unsigned converters take it: "Cannot convert negative int", "Python
/// int too large for C {c_name}".
fn unsigned_of_width(arg: &Bound<'_>, bits: u32, c_name: &str) -> PyResult<u64> {
    let py = arg.py();
    let index = if is_int(arg) {
        arg.clone()
    } else {
        // SAFETY: a valid object; a new int, or null with an exception set.
        unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Index(arg.as_ptr())) }?
    };
    let mut overflow_sign: c_int = 0;
    // SAFETY: an int (nothing runs): its value, or -1 with the sign of one
    // too large for a C long long in `overflow_sign`.
    let small = unsafe { ffi::PyLong_AsLongLongAndOverflow(index.as_ptr(), &mut overflow_sign) };
    if overflow_sign < 0 || (overflow_sign == 0 && small < 0) {
        return Err(PyErr::new(exceptions::ValueError(py), "Cannot convert negative int"));
    }
    let too_large = || overflow(py, &format!("Python int too large for C {c_name}"));
    let value = if overflow_sign == 0 {
        small as u64
    } else {
        // SAFETY: an int; all ones with OverflowError set past 2**64-1.
        let large = unsafe { ffi::PyLong_AsUnsignedLongLong(index.as_ptr()) };
        if large == u64::MAX && PyErr::take(py).is_some() {
            return Err(too_large());
        }
        large
    };
    if bits < 64 && value >> bits != 0 {
        return Err(too_large());
    }
    Ok(value)
}

/// The check that starts each of the `_PyLong_Unsigned*_Converter`
/// functions: a negative `int` is a `ValueError`, not an `OverflowError`.
fn reject_negative(arg: &Bound<'_>) -> PyResult<()> {
    if !is_int(arg) {
        return Ok(());
    }
    let mut overflow_sign: c_int = 0;
    // SAFETY: an int (not converted with __index__, so nothing runs and
    // nothing fails): its value, or -1 with the sign of one too large for a
    // C long in `overflow_sign`.
    let value = unsafe { ffi::PyLong_AsLongAndOverflow(arg.as_ptr(), &mut overflow_sign) };
    if overflow_sign < 0 || (overflow_sign == 0 && value < 0) {
        return Err(PyErr::new(exceptions::ValueError(arg.py()), "value must be positive"));
    }
    Ok(())
}

/// `_PyEval_SliceIndex` for anything but `None`: an object with
/// `__index__`, its value clamped to `Py_ssize_t`'s range; else a
/// `TypeError` with `message`.
fn clamped_index(arg: &Bound<'_>, message: &str) -> PyResult<isize> {
    let py = arg.py();
    if !has_index(arg) {
        return Err(PyErr::new(exceptions::TypeError(py), message));
    }
    // A null exception type asks for clamping instead of OverflowError;
    // -1 with an exception set is whatever `__index__` raised.
    // SAFETY: a valid object that has `__index__`.
    let value = unsafe { ffi::PyNumber_AsSsize_t(arg.as_ptr(), core::ptr::null_mut()) };
    checked(py, value, -1)
}

/// `result`, unless it is the `error` value a C function returns with an
/// exception set: then that exception. (`error` is also a valid result,
/// which only the error indicator tells apart.)
fn checked<T: PartialEq>(py: Python<'_>, result: T, error: T) -> PyResult<T> {
    if result == error {
        if let Some(exception) = PyErr::take(py) {
            return Err(exception);
        }
    }
    Ok(result)
}

fn overflow(py: Python<'_>, message: &str) -> PyErr {
    PyErr::new(exceptions::OverflowError(py), message)
}

/// `PyLong_Check`.
fn is_int(object: &Bound<'_>) -> bool {
    // SAFETY: a valid object; only its type's flags are read.
    unsafe { ffi::PyType_FastSubclass(ffi::Py_TYPE(object.as_ptr()), ffi::Py_TPFLAGS_LONG_SUBCLASS) }
}

/// `PyBytes_Check`.
fn is_bytes(object: &Bound<'_>) -> bool {
    // SAFETY: a valid object; only its type's flags are read.
    unsafe { ffi::PyType_FastSubclass(ffi::Py_TYPE(object.as_ptr()), ffi::Py_TPFLAGS_BYTES_SUBCLASS) }
}

/// `PyByteArray_Check`.
fn is_bytearray(object: &Bound<'_>) -> bool {
    // SAFETY: a valid object and the static bytearray type.
    unsafe { ffi::PyObject_TypeCheck(object.as_ptr(), &raw mut ffi::PyByteArray_Type) }
}

/// `PyIndex_Check`: whether the type has `__index__`.
fn has_index(object: &Bound<'_>) -> bool {
    // SAFETY: a valid object; only its type's slots are read.
    unsafe { ffi::PyIndex_Check(object.as_ptr()) != 0 }
}

/// `text` as C's `%.<max>s` puts it in a message: cut after `max` bytes, a
/// character cut in two becoming U+FFFD.
pub(crate) fn c_precision(text: &str, max: usize) -> Cow<'_, str> {
    match text.as_bytes().get(..max) {
        Some(cut) if cut.len() < text.len() => String::from_utf8_lossy(cut),
        _ => Cow::Borrowed(text),
    }
}
