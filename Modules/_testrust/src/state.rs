//! The module state, and the functions that use it.

use std::sync::atomic::{AtomicUsize, Ordering};

use cpython_api::function::{NoArgs, OneArg};
use cpython_api::{Bound, Class, ModuleState, PyErr, PyResult, TraverseError, Unbound, Visit, exceptions, types};

use crate::MODULE;
use crate::blob::BLOB;
use crate::countdown::COUNTDOWN;
use crate::holder::{HOLDER, Holder};
use crate::relay::RELAY;
use crate::slot::Slot;

/// The module state: a counter, one remembered object and the class.
pub struct State {
    pub calls: AtomicUsize,
    remembered: Slot,
    pub holder_class: Class<Holder>,
    /// `_testrust.Error`, raised by `raise_module_error`.
    error: Unbound,
}

impl ModuleState for State {
    fn exec(module: &Bound<'_>) -> PyResult<State> {
        let py = module.py();
        let holder_class = HOLDER.create(module)?;
        module.setattr("Holder", holder_class.bind(py))?;
        // Only Holder's methods need their class from the state.
        module.setattr("Countdown", COUNTDOWN.create(module)?.bind(py))?;
        module.setattr("Blob", BLOB.create(module)?.bind(py))?;
        module.setattr("Relay", RELAY.create(module)?.bind(py))?;
        let error = exceptions::new_type(
            py,
            c"_testrust.Error",
            c"Raised by raise_module_error().",
            Some(&exceptions::ValueError(py)),
        )?;
        module.setattr("Error", &error)?;
        module.setattr("ANSWER", &types::int_from_isize(py, 42)?)?;
        Ok(State {
            calls: AtomicUsize::new(0),
            remembered: Slot::default(),
            holder_class,
            error: error.unbind(),
        })
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        self.remembered.traverse(visit)?;
        visit.call(self.holder_class.as_unbound())?;
        visit.call(&self.error)
    }

    fn clear(&self) {
        self.remembered.clear();
    }
}

pub struct CountCalls;
impl NoArgs for CountCalls {
    fn call<'py>(module: &Bound<'py>) -> PyResult<Bound<'py>> {
        let state = MODULE.state(module)?;
        let count = state.calls.fetch_add(1, Ordering::Relaxed) + 1;
        types::int_from_isize(module.py(), count as isize)
    }
}

pub struct Remember;
impl OneArg for Remember {
    fn call<'py>(module: &Bound<'py>, object: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = module.py();
        let previous = MODULE.state(module)?.remembered.replace(Some(object));
        Ok(previous.map_or_else(|| py.none(), |previous| previous.into_bound(py)))
    }
}

pub struct RaiseModuleError;
impl OneArg for RaiseModuleError {
    fn call<'py>(module: &Bound<'py>, message: &Bound<'py>) -> PyResult<Bound<'py>> {
        let error_class = MODULE.state(module)?.error.bind(module.py());
        Err(PyErr::from_instance(error_class.call(&[message])?))
    }
}
