//! 3.15's `**kwargs` functions: they return their arguments, `**kwds` as
//! the dict of the call's keyword arguments.

use cpython_api::{Bound, PyResult};
use cpython_clinic::clinic;

use crate::pack::pack;

#[clinic(
    r#"
    _testclinic.lone_kwds

        **kwds: dict
    "#
)]
fn lone_kwds_impl<'py>(module: &Bound<'py>, kwds: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[kwds])
}

#[clinic(
    r#"
    _testclinic.kwds_with_pos_only

        a: object
        b: object
        /
        **kwds: dict
    "#
)]
fn kwds_with_pos_only_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    kwds: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, kwds])
}

#[clinic(
    r#"
    _testclinic.kwds_with_stararg

        *args: tuple
        **kwds: dict
    "#
)]
fn kwds_with_stararg_impl<'py>(module: &Bound<'py>, args: &Bound<'py>, kwds: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[args, kwds])
}

#[clinic(
    r#"
    _testclinic.kwds_with_pos_only_and_stararg

        a: object
        b: object
        /
        *args: tuple
        **kwds: dict
    "#
)]
fn kwds_with_pos_only_and_stararg_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    args: &Bound<'py>,
    kwds: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, args, kwds])
}

#[clinic(
    r#"
    _testclinic.kwds_with_optional_pos_only

        a: object
        b: object = None
        /
        **kwds: dict
    "#
)]
fn kwds_with_optional_pos_only_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    kwds: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, kwds])
}
