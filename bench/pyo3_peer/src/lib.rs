//! The functions of `bench/clinic_overhead.py`'s calls, written with PyO3:
//! each takes the arguments of `_testclinic`'s function of the same name
//! and returns what it returns (the tuple of its converted arguments).
//! PyO3 chooses its calling convention itself: `METH_FASTCALL |
//! METH_KEYWORDS` for every function with parameters.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};

#[pyfunction]
fn test_empty_function() {}

#[pyfunction]
#[pyo3(signature = (a, /))]
fn unicode_converter<'py>(a: &Bound<'py, PyString>) -> (Bound<'py, PyString>,) {
    (a.clone(),)
}

#[pyfunction]
#[pyo3(signature = (a, /))]
fn bytes_object_converter<'py>(a: &Bound<'py, PyBytes>) -> (Bound<'py, PyBytes>,) {
    (a.clone(),)
}

#[pyfunction]
#[pyo3(signature = (a, b = None, /))]
fn objects_converter<'py>(a: &Bound<'py, PyAny>, b: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyTuple>> {
    let py = a.py();
    let b = b.cloned().unwrap_or_else(|| py.None().into_bound(py));
    PyTuple::new(py, [a.clone(), b])
}

/// `c` is a `str` of one character, whose code point is returned, as
/// `int(accept={str})` takes it.
#[pyfunction]
#[pyo3(signature = (a = 12, b = 34, c = '-', /))]
fn int_converter(a: i32, b: i32, c: char) -> (i32, i32, u32) {
    (a, b, u32::from(c))
}

#[pyfunction]
#[pyo3(signature = (a = 12.5, /))]
fn double_converter(a: f64) -> (f64,) {
    (a,)
}

/// `b` is bytes, `c` a `str` or bytes, as `str(accept={robuffer})` and
/// `str(accept={robuffer, str}, zeroes=True)` take them.
#[pyfunction]
#[pyo3(signature = (a = "a", b = None, c = None, /))]
fn str_converter<'py>(
    py: Python<'py>,
    a: &str,
    b: Option<&[u8]>,
    c: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let c = match c {
        None => PyString::new(py, "c"),
        Some(c) => match c.cast::<PyString>() {
            Ok(text) => PyString::new(py, text.to_str()?),
            Err(_) => PyString::new(py, utf8(c.cast::<PyBytes>()?.as_bytes())?),
        },
    };
    let b = PyString::new(py, utf8(b.unwrap_or(b"b"))?);
    PyTuple::new(py, [PyString::new(py, a), b, c])
}

/// Bytes as text, as the C module's `PyUnicode_FromString` reads them.
fn utf8(bytes: &[u8]) -> PyResult<&str> {
    std::str::from_utf8(bytes).map_err(|error| PyValueError::new_err(error.to_string()))
}

#[pyfunction]
fn keywords<'py>(a: Bound<'py, PyAny>, b: Bound<'py, PyAny>) -> (Bound<'py, PyAny>, Bound<'py, PyAny>) {
    (a, b)
}

#[pyfunction]
#[pyo3(signature = (a, *args))]
fn vararg<'py>(a: Bound<'py, PyAny>, args: Bound<'py, PyTuple>) -> (Bound<'py, PyAny>, Bound<'py, PyTuple>) {
    (a, args)
}

#[pymodule(gil_used = false)]
fn _testclinic_pyo3(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(test_empty_function, module)?)?;
    module.add_function(wrap_pyfunction!(unicode_converter, module)?)?;
    module.add_function(wrap_pyfunction!(bytes_object_converter, module)?)?;
    module.add_function(wrap_pyfunction!(objects_converter, module)?)?;
    module.add_function(wrap_pyfunction!(int_converter, module)?)?;
    module.add_function(wrap_pyfunction!(double_converter, module)?)?;
    module.add_function(wrap_pyfunction!(str_converter, module)?)?;
    module.add_function(wrap_pyfunction!(keywords, module)?)?;
    module.add_function(wrap_pyfunction!(vararg, module)?)?;
    Ok(())
}
