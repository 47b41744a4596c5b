//! Functions with `*args`: most return the tuple of their arguments, with
//! `*args` as a tuple; the `gh_*` ones only check that parsing works.

use cpython_api::{Bound, PyResult};
use cpython_clinic::clinic;

use crate::pack::pack;

#[cfg(not(Py_3_14))]
#[clinic(
    r#"
    _testclinic.posonly_vararg

        a: object
        /
        b: object
        *args: object
    "#
)]
fn posonly_vararg_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, args])
}

#[cfg(not(Py_3_13))]
#[clinic(
    r#"
    _testclinic.vararg_and_posonly

        a: object
        *args: object
        /
    "#
)]
fn vararg_and_posonly_impl<'py>(module: &Bound<'py>, a: &Bound<'py>, args: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, args])
}

#[cfg(not(Py_3_14))]
#[clinic(
    r#"
    _testclinic.vararg

        a: object
        *args: object
    "#
)]
fn vararg_impl<'py>(module: &Bound<'py>, a: &Bound<'py>, args: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, args])
}

#[cfg(not(Py_3_14))]
#[clinic(
    r#"
    _testclinic.vararg_with_default

        a: object
        *args: object
        b: bool = False
    "#
)]
fn vararg_with_default_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    args: &Bound<'py>,
    b: bool,
) -> PyResult<Bound<'py>> {
    let py = module.py();
    pack(py, &[a, args, &py.bool(b)])
}

#[cfg(all(Py_3_13, not(Py_3_14)))]
#[clinic(
    r#"
    _testclinic.vararg_with_default2

        a: object
        *args: object
        b: object = None
        c: object = None
    "#
)]
fn vararg_with_default2_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    args: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, args, b, c])
}

#[cfg(not(Py_3_14))]
#[clinic(
    r#"
    _testclinic.vararg_with_only_defaults

        *args: object
        b: object = None
    "#
)]
fn vararg_with_only_defaults_impl<'py>(module: &Bound<'py>, args: &Bound<'py>, b: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[args, b])
}

#[cfg(all(Py_3_13, not(Py_3_14)))]
#[clinic(
    r#"
    _testclinic.vararg_kwonly_req_opt

        *args: object
        a: object
        b: object = None
        c: object = None
    "#
)]
fn vararg_kwonly_req_opt_impl<'py>(
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
    _testclinic.gh_32092_oob

        pos1: object
        pos2: object
        *varargs: object
        kw1: object = None
        kw2: object = None

    Proof-of-concept of GH-32092 OOB bug.
    "#
)]
fn gh_32092_oob_impl<'py>(
    module: &Bound<'py>,
    _pos1: &Bound<'py>,
    _pos2: &Bound<'py>,
    _varargs: &Bound<'py>,
    _kw1: &Bound<'py>,
    _kw2: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.gh_32092_kw_pass

        pos: object
        *args: object
        kw: object = None

    Proof-of-concept of GH-32092 keyword args passing bug.
    "#
)]
fn gh_32092_kw_pass_impl<'py>(
    module: &Bound<'py>,
    _pos: &Bound<'py>,
    _args: &Bound<'py>,
    _kw: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[cfg(not(Py_3_13))]
#[clinic(
    r#"
    _testclinic.gh_99233_refcount

        *args: object
        /

    Proof-of-concept of GH-99233 refcount error bug.
    "#
)]
fn gh_99233_refcount_impl<'py>(module: &Bound<'py>, _args: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[cfg(Py_3_13)]
#[clinic(
    r#"
    _testclinic.gh_99233_refcount

        *args: object

    Proof-of-concept of GH-99233 refcount error bug.
    "#
)]
fn gh_99233_refcount_impl<'py>(module: &Bound<'py>, _args: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[cfg(Py_3_13)]
#[clinic(
    r#"
    _testclinic.null_or_tuple_for_varargs

        name: object
        *constraints: object
        covariant: bool = False

    See https://github.com/python/cpython/issues/110864
    "#
)]
fn null_or_tuple_for_varargs_impl<'py>(
    module: &Bound<'py>,
    name: &Bound<'py>,
    constraints: &Bound<'py>,
    covariant: bool,
) -> PyResult<Bound<'py>> {
    let py = module.py();
    pack(py, &[name, constraints, &py.bool(covariant)])
}
