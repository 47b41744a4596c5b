//! The converter functions: one per group of Argument Clinic converters.

use cpython_api::clinic::{ArgumentRef, Converter};
use cpython_api::{Bound, PyResult, types};
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
