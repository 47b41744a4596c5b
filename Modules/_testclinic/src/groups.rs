//! Optional groups followed by parameters with a default (gh-64502, in
//! patch releases of 3.13, 3.14 and 3.15): the number of arguments decides
//! which are given. Each returns whether its group was given, then the
//! arguments, `None` for those not given.

use cpython_api::{Bound, PyResult};
use cpython_clinic::clinic;

use crate::pack::{or_none, pack};

#[clinic(
    r#"
    _testclinic.group_and_opt

        [
        a: object
        b: object
        ]
        c: object = None
        /
    "#
)]
fn group_and_opt_impl<'py>(
    module: &Bound<'py>,
    group_left_1: bool,
    a: Option<&Bound<'py>>,
    b: Option<&Bound<'py>>,
    c: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    let py = module.py();
    pack(py, &[&py.bool(group_left_1), &or_none(py, a), &or_none(py, b), c])
}

#[clinic(
    r#"
    _testclinic.group_and_two_opt

        [
        a: object
        b: object
        c: object
        ]
        d: object = None
        e: object = None
        /
    "#
)]
fn group_and_two_opt_impl<'py>(
    module: &Bound<'py>,
    group_left_1: bool,
    a: Option<&Bound<'py>>,
    b: Option<&Bound<'py>>,
    c: Option<&Bound<'py>>,
    d: &Bound<'py>,
    e: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    let py = module.py();
    pack(
        py,
        &[
            &py.bool(group_left_1),
            &or_none(py, a),
            &or_none(py, b),
            &or_none(py, c),
            d,
            e,
        ],
    )
}
