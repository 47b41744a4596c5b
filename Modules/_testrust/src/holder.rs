//! `_testrust.Holder`: a class whose instances hold one object.

use std::sync::atomic::Ordering;

use cpython_api::class::{MethodDefiningClass, MethodNoArgs, MethodOneArg};
use cpython_api::{
    Arguments, Bound, ClassDef, ClassMethodDef, PyClass, PyErr, PyResult, TraverseError, Visit, exceptions, types,
};

use crate::MODULE;
use crate::slot::Slot;

pub static HOLDER: ClassDef<Holder> = ClassDef::new(
    c"_testrust.Holder",
    c"Holder(value, /)\n--\n\nHolds one object.",
    HOLDER_METHODS,
);

static HOLDER_METHODS: &[ClassMethodDef<Holder>] = &[
    ClassMethodDef::noargs::<HolderGet>(c"get", c"get($self, /)\n--\n\nReturn the object held."),
    ClassMethodDef::one_arg::<HolderSet>(
        c"set",
        c"set($self, value, /)\n--\n\nHold value; return the previous one.",
    ),
    ClassMethodDef::defining_class::<HolderModuleCalls>(
        c"count_module_calls",
        c"count_module_calls($self, /)\n--\n\nCount a call in the state of the module that defines the class.",
    ),
    ClassMethodDef::END,
];

/// The value of a `_testrust.Holder`.
pub struct Holder {
    held: Slot,
}

impl PyClass for Holder {
    fn new<'py>(class: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<Self> {
        let py = class.py();
        match (types::tuple_items(args)?, kwargs) {
            ([value], None) => {
                let held = Slot::default();
                held.replace(Some(value));
                Ok(Holder { held })
            }
            _ => Err(PyErr::new(
                exceptions::TypeError(py),
                "Holder() takes exactly one positional argument",
            )),
        }
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        self.held.traverse(visit)
    }

    fn clear(&self) {
        self.held.clear();
    }

    fn repr<'py>(&self, instance: &Bound<'py>) -> Option<PyResult<Bound<'py>>> {
        let py = instance.py();
        Some(
            self.held
                .get(py)
                .repr()
                .and_then(|held| types::str_from(py, &format!("Holder({})", held.to_string_lossy()?))),
        )
    }
}

pub struct HolderGet;
impl MethodNoArgs<Holder> for HolderGet {
    fn call<'py>(this: &Holder, instance: &Bound<'py>) -> PyResult<Bound<'py>> {
        Ok(this.held.get(instance.py()))
    }
}

pub struct HolderSet;
impl MethodOneArg<Holder> for HolderSet {
    fn call<'py>(this: &Holder, instance: &Bound<'py>, value: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = instance.py();
        Ok(this
            .held
            .replace(Some(value))
            .map_or_else(|| py.none(), |previous| previous.into_bound(py)))
    }
}

pub struct HolderModuleCalls;
impl MethodDefiningClass<Holder> for HolderModuleCalls {
    fn call<'py>(
        _this: &Holder,
        instance: &Bound<'py>,
        defining_class: &Bound<'py>,
        _args: Arguments<'_, 'py>,
    ) -> PyResult<Bound<'py>> {
        let state = MODULE.state_of_class(defining_class)?;
        let count = state.calls.fetch_add(1, Ordering::Relaxed) + 1;
        types::int_from_isize(instance.py(), count as isize)
    }
}
