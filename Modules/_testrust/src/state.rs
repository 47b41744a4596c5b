//! The module state, and the functions that use it.

use std::sync::atomic::{AtomicUsize, Ordering};

use cpython_api::function::{NoArgs, OneArg};
use cpython_api::{Bound, Class, ModuleState, PyResult, TraverseError, Visit, types};

use crate::MODULE;
use crate::blob::BLOB;
use crate::countdown::COUNTDOWN;
use crate::holder::{HOLDER, Holder};
use crate::slot::Slot;

/// The module state: a counter, one remembered object and the class.
pub struct State {
    pub calls: AtomicUsize,
    remembered: Slot,
    pub holder_class: Class<Holder>,
}

impl ModuleState for State {
    fn exec(module: &Bound<'_>) -> PyResult<State> {
        let py = module.py();
        let holder_class = HOLDER.create(module)?;
        module.setattr("Holder", holder_class.bind(py))?;
        // Only Holder's methods need their class from the state.
        module.setattr("Countdown", COUNTDOWN.create(module)?.bind(py))?;
        module.setattr("Blob", BLOB.create(module)?.bind(py))?;
        Ok(State {
            calls: AtomicUsize::new(0),
            remembered: Slot::default(),
            holder_class,
        })
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        self.remembered.traverse(visit)?;
        visit.call(self.holder_class.as_unbound())
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
