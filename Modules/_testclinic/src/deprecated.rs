//! Functions whose parameters will become keyword-only (`* [from X.Y]`)
//! or positional-only (`/ [from X.Y]`): calls that rely on what will go
//! away warn with `DeprecationWarning`. All return `None`.

use cpython_api::{Bound, PyResult};
use cpython_clinic::clinic;

#[clinic(
    r#"
    _testclinic.depr_star_pos0_len1
        * [from 3.14]
        a: object
    "#
)]
fn depr_star_pos0_len1_impl<'py>(module: &Bound<'py>, _a: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_star_pos0_len2
        * [from 3.14]
        a: object
        b: object
    "#
)]
fn depr_star_pos0_len2_impl<'py>(module: &Bound<'py>, _a: &Bound<'py>, _b: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_star_pos0_len3_with_kwd
        * [from 3.14]
        a: object
        b: object
        c: object
        *
        d: object
    "#
)]
fn depr_star_pos0_len3_with_kwd_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
    _d: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_star_pos1_len1_opt
        a: object
        * [from 3.14]
        b: object = None
    "#
)]
fn depr_star_pos1_len1_opt_impl<'py>(module: &Bound<'py>, _a: &Bound<'py>, _b: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_star_pos1_len1
        a: object
        * [from 3.14]
        b: object
    "#
)]
fn depr_star_pos1_len1_impl<'py>(module: &Bound<'py>, _a: &Bound<'py>, _b: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_star_pos1_len2_with_kwd
        a: object
        * [from 3.14]
        b: object
        c: object
        *
        d: object
    "#
)]
fn depr_star_pos1_len2_with_kwd_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
    _d: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_star_pos2_len1
        a: object
        b: object
        * [from 3.14]
        c: object
    "#
)]
fn depr_star_pos2_len1_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_star_pos2_len2
        a: object
        b: object
        * [from 3.14]
        c: object
        d: object
    "#
)]
fn depr_star_pos2_len2_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
    _d: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_star_pos2_len2_with_kwd
        a: object
        b: object
        * [from 3.14]
        c: object
        d: object
        *
        e: object
    "#
)]
fn depr_star_pos2_len2_with_kwd_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
    _d: &Bound<'py>,
    _e: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_star_noinline
        a: object
        * [from 3.14]
        b: object
        c: object = None
        *
        # Force to use _PyArg_ParseStackAndKeywords.
        d: str(accept={str, robuffer}, zeroes=True) = ''
    "#
)]
fn depr_star_noinline_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
    _d: &[u8],
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_star_multi
        a: object
        * [from 3.16]
        b: object
        * [from 3.15]
        c: object
        d: object
        * [from 3.14]
        e: object
        f: object
        g: object
        *
        h: object
    "#
)]
fn depr_star_multi_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
    _d: &Bound<'py>,
    _e: &Bound<'py>,
    _f: &Bound<'py>,
    _g: &Bound<'py>,
    _h: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_kwd_required_1
        a: object
        /
        b: object
        / [from 3.14]
    "#
)]
fn depr_kwd_required_1_impl<'py>(module: &Bound<'py>, _a: &Bound<'py>, _b: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_kwd_required_2
        a: object
        /
        b: object
        c: object
        / [from 3.14]
    "#
)]
fn depr_kwd_required_2_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_kwd_optional_1
        a: object
        /
        b: object = None
        / [from 3.14]
    "#
)]
fn depr_kwd_optional_1_impl<'py>(module: &Bound<'py>, _a: &Bound<'py>, _b: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_kwd_optional_2
        a: object
        /
        b: object = None
        c: object = None
        / [from 3.14]
    "#
)]
fn depr_kwd_optional_2_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_kwd_optional_3
        a: object = None
        b: object = None
        c: object = None
        / [from 3.14]
    "#
)]
fn depr_kwd_optional_3_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_kwd_required_optional
        a: object
        /
        b: object
        c: object = None
        / [from 3.14]
    "#
)]
fn depr_kwd_required_optional_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_kwd_noinline
        a: object
        /
        b: object
        c: object = None
        / [from 3.14]
        # Force to use _PyArg_ParseStackAndKeywords.
        d: str(accept={str, robuffer}, zeroes=True) = ''
    "#
)]
fn depr_kwd_noinline_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
    _d: &[u8],
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_kwd_multi
        a: object
        /
        b: object
        / [from 3.14]
        c: object
        d: object
        / [from 3.15]
        e: object
        f: object
        g: object
        / [from 3.16]
        h: object
    "#
)]
fn depr_kwd_multi_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
    _d: &Bound<'py>,
    _e: &Bound<'py>,
    _f: &Bound<'py>,
    _g: &Bound<'py>,
    _h: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.depr_multi
        a: object
        /
        b: object
        / [from 3.14]
        c: object
        / [from 3.15]
        d: object
        * [from 3.15]
        e: object
        * [from 3.14]
        f: object
        *
        g: object
    "#
)]
fn depr_multi_impl<'py>(
    module: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
    _d: &Bound<'py>,
    _e: &Bound<'py>,
    _f: &Bound<'py>,
    _g: &Bound<'py>,
) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}
