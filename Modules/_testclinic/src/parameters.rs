//! Functions whose parameters are all objects, in every combination of
//! positional-only, positional-or-keyword and keyword-only, required and
//! optional: each returns the tuple of its arguments.

use cpython_api::{Bound, PyResult};
use cpython_clinic::clinic;

use crate::pack::pack;

#[clinic(
    r#"
    _testclinic.keywords

        a: object
        b: object
    "#
)]
fn keywords_impl<'py>(module: &Bound<'py>, a: &Bound<'py>, b: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b])
}

#[clinic(
    r#"
    _testclinic.keywords_kwonly

        a: object
        *
        b: object
    "#
)]
fn keywords_kwonly_impl<'py>(module: &Bound<'py>, a: &Bound<'py>, b: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b])
}

#[clinic(
    r#"
    _testclinic.keywords_opt

        a: object
        b: object = None
        c: object = None
    "#
)]
fn keywords_opt_impl<'py>(module: &Bound<'py>, a: &Bound<'py>, b: &Bound<'py>, c: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, c])
}

#[clinic(
    r#"
    _testclinic.keywords_opt_kwonly

        a: object
        b: object = None
        *
        c: object = None
        d: object = None
    "#
)]
fn keywords_opt_kwonly_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
    d: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, c, d])
}

#[clinic(
    r#"
    _testclinic.keywords_kwonly_opt

        a: object
        *
        b: object = None
        c: object = None
    "#
)]
fn keywords_kwonly_opt_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, c])
}

#[clinic(
    r#"
    _testclinic.posonly_keywords

        a: object
        /
        b: object
    "#
)]
fn posonly_keywords_impl<'py>(module: &Bound<'py>, a: &Bound<'py>, b: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b])
}

#[clinic(
    r#"
    _testclinic.posonly_kwonly

        a: object
        /
        *
        b: object
    "#
)]
fn posonly_kwonly_impl<'py>(module: &Bound<'py>, a: &Bound<'py>, b: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b])
}

#[clinic(
    r#"
    _testclinic.posonly_keywords_kwonly

        a: object
        /
        b: object
        *
        c: object
    "#
)]
fn posonly_keywords_kwonly_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, c])
}

#[clinic(
    r#"
    _testclinic.posonly_keywords_opt

        a: object
        /
        b: object
        c: object = None
        d: object = None
    "#
)]
fn posonly_keywords_opt_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
    d: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, c, d])
}

#[clinic(
    r#"
    _testclinic.posonly_opt_keywords_opt

        a: object
        b: object = None
        /
        c: object = None
        d: object = None
    "#
)]
fn posonly_opt_keywords_opt_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
    d: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, c, d])
}

#[clinic(
    r#"
    _testclinic.posonly_kwonly_opt

        a: object
        /
        *
        b: object
        c: object = None
        d: object = None
    "#
)]
fn posonly_kwonly_opt_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
    d: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, c, d])
}

#[clinic(
    r#"
    _testclinic.posonly_opt_kwonly_opt

        a: object
        b: object = None
        /
        *
        c: object = None
        d: object = None
    "#
)]
fn posonly_opt_kwonly_opt_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
    d: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, c, d])
}

#[clinic(
    r#"
    _testclinic.posonly_keywords_kwonly_opt

        a: object
        /
        b: object
        *
        c: object
        d: object = None
        e: object = None
    "#
)]
fn posonly_keywords_kwonly_opt_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
    d: &Bound<'py>,
    e: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, c, d, e])
}

#[clinic(
    r#"
    _testclinic.posonly_keywords_opt_kwonly_opt

        a: object
        /
        b: object
        c: object = None
        *
        d: object = None
        e: object = None
    "#
)]
fn posonly_keywords_opt_kwonly_opt_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
    d: &Bound<'py>,
    e: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, c, d, e])
}

#[clinic(
    r#"
    _testclinic.posonly_opt_keywords_opt_kwonly_opt

        a: object
        b: object = None
        /
        c: object = None
        *
        d: object = None
    "#
)]
fn posonly_opt_keywords_opt_kwonly_opt_impl<'py>(
    module: &Bound<'py>,
    a: &Bound<'py>,
    b: &Bound<'py>,
    c: &Bound<'py>,
    d: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a, b, c, d])
}

#[clinic(
    r#"
    _testclinic.keyword_only_parameter

        *
        a: object
    "#
)]
fn keyword_only_parameter_impl<'py>(module: &Bound<'py>, a: &Bound<'py>) -> PyResult<Bound<'py>> {
    pack(module.py(), &[a])
}
