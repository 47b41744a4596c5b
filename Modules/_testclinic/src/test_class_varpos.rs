//! `TestClass`'s methods with `*args` (3.14): two that take
//! `defining_class`, and class methods that C parses from a tuple
//! (`@disable fastcall`), with `*args` as a tuple or as an array.

use cpython_api::{Bound, PyResult, types};
use cpython_clinic::clinic;

use crate::pack::pack;
use crate::varpos::tuple_of;

#[clinic(
    r#"
    _testclinic.TestClass.defclass_varpos
        cls: defining_class
        *args: tuple
    "#
)]
fn defclass_varpos_impl<'py>(instance: &Bound<'py>, cls: &Bound<'py>, args: &Bound<'py>) -> PyResult<Bound<'py>> {
    types::tuple_from(instance.py(), &[cls, args])
}

#[clinic(
    r#"
    _testclinic.TestClass.defclass_posonly_varpos
        cls: defining_class
        a: object
        b: object
        /
        *args: tuple
    "#
)]
fn defclass_posonly_varpos_impl<'py>(
    instance: &Bound<'py>,
    cls: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(instance.py(), &[cls, a, b, args])
}

#[clinic(
    r#"
    @disable fastcall
    @classmethod
    _testclinic.TestClass.varpos_no_fastcall

        *args: tuple
    "#
)]
fn varpos_no_fastcall_impl<'py>(_class: &Bound<'py>, args: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(args.clone())
}

#[clinic(
    r#"
    @disable fastcall
    @classmethod
    _testclinic.TestClass.posonly_varpos_no_fastcall

        a: object
        b: object
        /
        *args: tuple
    "#
)]
fn posonly_varpos_no_fastcall_impl<'py>(
    class: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(class.py(), &[a, b, args])
}

#[clinic(
    r#"
    @disable fastcall
    @classmethod
    _testclinic.TestClass.posonly_req_opt_varpos_no_fastcall

        a: object
        b: object = False
        /
        *args: tuple
    "#
)]
fn posonly_req_opt_varpos_no_fastcall_impl<'py>(
    class: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(class.py(), &[a, b, args])
}

#[clinic(
    r#"
    @disable fastcall
    @classmethod
    _testclinic.TestClass.posonly_poskw_varpos_no_fastcall

        a: object
        /
        b: object
        *args: tuple
    "#
)]
fn posonly_poskw_varpos_no_fastcall_impl<'py>(
    class: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(class.py(), &[a, b, args])
}

#[clinic(
    r#"
    @disable fastcall
    @classmethod
    _testclinic.TestClass.varpos_array_no_fastcall

        *args: array
    "#
)]
fn varpos_array_no_fastcall_impl<'py>(class: &Bound<'py>, args: &[Bound<'py>]) -> PyResult<Bound<'py>> {
    tuple_of(class.py(), args)
}

#[clinic(
    r#"
    @disable fastcall
    @classmethod
    _testclinic.TestClass.posonly_varpos_array_no_fastcall

        a: object
        b: object
        /
        *args: array
    "#
)]
fn posonly_varpos_array_no_fastcall_impl<'py>(
    class: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &[Bound<'py>],
) -> PyResult<Bound<'py>> {
    let py = class.py();
    pack(py, &[a, b, &tuple_of(py, args)?])
}

#[clinic(
    r#"
    @disable fastcall
    @classmethod
    _testclinic.TestClass.posonly_req_opt_varpos_array_no_fastcall

        a: object
        b: object = False
        /
        *args: array
    "#
)]
fn posonly_req_opt_varpos_array_no_fastcall_impl<'py>(
    class: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &[Bound<'py>],
) -> PyResult<Bound<'py>> {
    let py = class.py();
    pack(py, &[a, b, &tuple_of(py, args)?])
}

#[clinic(
    r#"
    @disable fastcall
    @classmethod
    _testclinic.TestClass.posonly_poskw_varpos_array_no_fastcall

        a: object
        /
        b: object
        *args: array
    "#
)]
fn posonly_poskw_varpos_array_no_fastcall_impl<'py>(
    class: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &[Bound<'py>],
) -> PyResult<Bound<'py>> {
    let py = class.py();
    pack(py, &[a, b, &tuple_of(py, args)?])
}
