//! Clones (3.12+): C writes `_testclinic.clone_f2 as clone_f2 =
//! _testclinic.clone_f1`; cpython-clinic has no clone syntax, so each
//! clone repeats the parameters. What is tested is that messages name the
//! clone, and that a custom converter's default is the clone's own.

use cpython_api::clinic::{ArgumentRef, Converter};
use cpython_api::{Bound, PyResult, Python, types};
use cpython_clinic::clinic;

#[clinic(
    r#"
    _testclinic.clone_f1 as clone_f1
       path: str
    "#
)]
fn clone_f1_impl<'py>(module: &Bound<'py>, _path: &str) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

#[clinic(
    r#"
    _testclinic.clone_f2 as clone_f2
       path: str
    "#
)]
fn clone_f2_impl<'py>(module: &Bound<'py>, _path: &str) -> PyResult<Bound<'py>> {
    Ok(module.py().none())
}

/// The custom converter of C's `_testclinic`: it accepts anything and
/// keeps the name of the function being called, which C puts in the
/// default of each clone.
#[allow(non_camel_case_types)]
pub struct custom_t {
    name: &'static str,
}

impl Converter<'_, '_> for custom_t {
    fn unconverted(_py: Python<'_>) -> custom_t {
        custom_t { name: "" }
    }

    fn convert(&mut self, _arg: &Bound<'_>, at: &ArgumentRef) -> PyResult<()> {
        self.name = at.function;
        Ok(())
    }
}

#[clinic(
    r#"
    _testclinic.clone_with_conv_f1 -> object
        path: custom_t = None
    "#
)]
fn clone_with_conv_f1_impl<'py>(module: &Bound<'py>, path: Option<&custom_t>) -> PyResult<Bound<'py>> {
    let name = path.map_or("clone_with_conv_f1", |path| path.name);
    types::str_from(module.py(), name)
}

#[clinic(
    r#"
    _testclinic.clone_with_conv_f2 -> object
        path: custom_t = None
    "#
)]
fn clone_with_conv_f2_impl<'py>(module: &Bound<'py>, path: Option<&custom_t>) -> PyResult<Bound<'py>> {
    let name = path.map_or("clone_with_conv_f2", |path| path.name);
    types::str_from(module.py(), name)
}
