//! Critical sections.

use cpython_api::function::Fastcall;
use cpython_api::{Bound, PyErr, PyResult, critical_section, exceptions};

pub struct InCriticalSection;
impl Fastcall for InCriticalSection {
    fn call<'py>(module: &Bound<'py>, args: &[Bound<'py>]) -> PyResult<Bound<'py>> {
        let [object, callable] = args else {
            return Err(PyErr::new(
                exceptions::TypeError(module.py()),
                "in_critical_section() takes 2 arguments",
            ));
        };
        critical_section(object, || callable.call(&[]))
    }
}
