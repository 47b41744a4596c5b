//! 3.14's `*args` functions, which replaced the `vararg*` ones: the
//! parameters after `*args` are keyword-only, and `*args` comes as a tuple
//! or, for the `_array` ones, as the arguments themselves.

use cpython_api::{Bound, PyResult, Python, types};
use cpython_clinic::clinic;

use crate::pack::pack;

/// `(a, b, args)`, with the `_array` functions' arguments as a tuple, as
/// the C module's `pack_arguments_2pos_varpos` returns them.
fn pack_two_and_array<'py>(
    py: Python<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &[Bound<'py>],
) -> PyResult<Bound<'py>> {
    let args = tuple_of(py, args)?;
    pack(py, &[a, b, &args])
}

pub(crate) fn tuple_of<'py>(py: Python<'py>, items: &[Bound<'py>]) -> PyResult<Bound<'py>> {
    types::tuple_from_fn(py, items.len(), |index| Ok(items[index].clone()))
}

#[clinic(
    r#"
    _testclinic.varpos

        *args: tuple
    "#
)]
fn varpos_impl<'py>(_module: &Bound<'py>, args: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(args.clone())
}

#[clinic(
    r#"
    _testclinic.posonly_varpos

        a: object
        b: object
        /
        *args: tuple
    "#
)]
fn posonly_varpos_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, args])
}

#[clinic(
    r#"
    _testclinic.posonly_req_opt_varpos

        a: object
        b: object = False
        /
        *args: tuple
    "#
)]
fn posonly_req_opt_varpos_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, args])
}

#[clinic(
    r#"
    _testclinic.posonly_poskw_varpos

        a: object
        /
        b: object
        *args: tuple
    "#
)]
fn posonly_poskw_varpos_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, args])
}

#[clinic(
    r#"
    _testclinic.poskw_varpos

        a: object
        *args: tuple
    "#
)]
fn poskw_varpos_impl<'py>(module: &Bound<'py>, a: &Bound<'py>, args: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, args])
}

#[clinic(
    r#"
    _testclinic.poskw_varpos_kwonly_opt

        a: object
        *args: tuple
        b: bool = False
    "#
)]
fn poskw_varpos_kwonly_opt_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    args: &Bound<'py>,
    b: bool,
) -> PyResult<Bound<'py>> {
    let py = module.py();
    pack(py, &[a, args, &py.bool(b)])
}

#[clinic(
    r#"
    _testclinic.poskw_varpos_kwonly_opt2

        a: object
        *args: tuple
        b: object = False
        c: object = False
    "#
)]
fn poskw_varpos_kwonly_opt2_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    args: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, args, b, c])
}

#[clinic(
    r#"
    _testclinic.varpos_kwonly_opt

        *args: tuple
        b: object = False
    "#
)]
fn varpos_kwonly_opt_impl<'py>(module: &Bound<'py>, args: &Bound<'py>, b: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[args, b])
}

#[clinic(
    r#"
    _testclinic.varpos_kwonly_req_opt

        *args: tuple
        a: object
        b: object = False
        c: object = False
    "#
)]
fn varpos_kwonly_req_opt_impl<'py>(
    module: &Bound<'py>,
    args: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[args, a, b, c])
}

#[clinic(
    r#"
    _testclinic.varpos_array

        *args: array
    "#
)]
fn varpos_array_impl<'py>(module: &Bound<'py>, args: &[Bound<'py>]) -> PyResult<Bound<'py>> {
    tuple_of(module.py(), args)
}

#[clinic(
    r#"
    _testclinic.posonly_varpos_array

        a: object
        b: object
        /
        *args: array
    "#
)]
fn posonly_varpos_array_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &[Bound<'py>],
) -> PyResult<Bound<'py>> {
    pack_two_and_array(module.py(), a, b, args)
}

#[clinic(
    r#"
    _testclinic.posonly_req_opt_varpos_array

        a: object
        b: object = False
        /
        *args: array
    "#
)]
fn posonly_req_opt_varpos_array_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &[Bound<'py>],
) -> PyResult<Bound<'py>> {
    pack_two_and_array(module.py(), a, b, args)
}

#[clinic(
    r#"
    _testclinic.posonly_poskw_varpos_array

        a: object
        /
        b: object
        *args: array
    "#
)]
fn posonly_poskw_varpos_array_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &[Bound<'py>],
) -> PyResult<Bound<'py>> {
    pack_two_and_array(module.py(), a, b, args)
}
