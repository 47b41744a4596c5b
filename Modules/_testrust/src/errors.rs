//! Raising, chaining, fetching and inspecting exceptions; panics.

use cpython_api::function::OneArg;
use cpython_api::{Bound, PyErr, PyResult, exceptions, types};

pub struct RaiseValueError;
impl OneArg for RaiseValueError {
    fn call<'py>(module: &Bound<'py>, message: &Bound<'py>) -> PyResult<Bound<'py>> {
        Err(PyErr::from_instance(
            exceptions::ValueError(module.py()).call(&[message])?,
        ))
    }
}

pub struct RaiseChained;
impl OneArg for RaiseChained {
    fn call<'py>(module: &Bound<'py>, message: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = module.py();
        let error = PyErr::from_instance(exceptions::ValueError(py).call(&[message])?);
        error.set_context(py, Some(PyErr::new(exceptions::LookupError(py), "context")));
        error.set_cause(py, Some(PyErr::new(exceptions::KeyError(py), "cause")));
        Err(error)
    }
}

pub struct CatchAndDescribe;
impl OneArg for CatchAndDescribe {
    fn call<'py>(module: &Bound<'py>, callable: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = module.py();
        let Err(error) = callable.call(&[]) else {
            return Ok(py.none());
        };
        let describe = |error: Option<PyErr>| error.map_or_else(|| py.none(), |error| error.value(py).clone());
        let matches = py.bool(error.matches(py, &exceptions::ValueError(py)));
        let cause = describe(error.cause(py));
        let context = describe(error.context(py));
        types::tuple_from(py, &[error.value(py), &matches, &cause, &context])
    }
}

pub struct PanicWith;
impl OneArg for PanicWith {
    fn call<'py>(_module: &Bound<'py>, message: &Bound<'py>) -> PyResult<Bound<'py>> {
        panic!("{}", message.to_string_lossy()?);
    }
}

/// A panic in work run with the thread detached (`allow_threads`), which
/// the entry point's guard catches all the same.
pub struct PanicDetached;
impl OneArg for PanicDetached {
    fn call<'py>(module: &Bound<'py>, message: &Bound<'py>) -> PyResult<Bound<'py>> {
        let text = message.to_string_lossy()?;
        module
            .py()
            .allow_threads(move || -> PyResult<Bound<'py>> { panic!("{text}") })
    }
}

/// A panic on a thread of Rust's own, while this one holds the GIL: the
/// hook must print it (nothing else reports it).
pub struct PanicInThread;
impl OneArg for PanicInThread {
    fn call<'py>(module: &Bound<'py>, message: &Bound<'py>) -> PyResult<Bound<'py>> {
        let text = message.to_string_lossy()?;
        let outcome = std::thread::spawn(move || -> () { panic!("{text}") }).join();
        Ok(module.py().bool(outcome.is_err()))
    }
}
