//! A place for one object, shared between threads and visible to the
//! garbage collector: what the module state and Holder keep objects in.

use std::sync::Mutex;

use cpython_api::{Bound, Python, TraverseError, Unbound, Visit};

#[derive(Default)]
pub struct Slot(Mutex<Option<Unbound>>);

impl Slot {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Unbound>> {
        // A panic while holding the lock leaves the Option intact.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn replace<'py>(&self, object: Option<&Bound<'py>>) -> Option<Unbound> {
        std::mem::replace(&mut *self.lock(), object.map(|object| object.clone().unbind()))
    }

    pub fn get<'py>(&self, py: Python<'py>) -> Bound<'py> {
        self.lock()
            .as_ref()
            .map_or_else(|| py.none(), |object| object.bind(py).clone())
    }

    pub fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        match &*self.lock() {
            Some(object) => visit.call(object),
            None => Ok(()),
        }
    }

    pub fn clear(&self) {
        // Released after the lock: a finalizer it runs may use the slot.
        let released = self.lock().take();
        drop(released);
    }
}
