//! `_testrust`: exercises cpython-api from Python, as `_testcapi` does for
//! the C API. Written in safe Rust only: whatever it needs that the layer
//! lacks belongs in the layer.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use cpython_api::function::{Fastcall, FastcallKeywords, NoArgs, OneArg};
use cpython_api::class::{MethodDefiningClass, MethodNoArgs, MethodOneArg};
use cpython_api::{
    Arguments, Bound, Buffer, Class, ClassDef, ClassMethodDef, MethodDef, ModuleDef, ModuleState, PyClass, PyErr,
    PyResult, TraverseError, Unbound, Visit, critical_section,
};
use cpython_api::{exceptions, types};

static MODULE: ModuleDef<State> = ModuleDef::new(c"_testrust", c"Exercises cpython-api from Python.", METHODS)
    .per_interpreter_gil()
    .gil_not_used();
cpython_api::module_init!(PyInit__testrust, MODULE);

static METHODS: &[MethodDef] = &[
    MethodDef::noargs::<ReturnNone>(c"return_none", c"return_none()\n--\n\nReturn None."),
    MethodDef::fastcall::<Pack>(c"pack", c"pack(*args)\n--\n\nReturn the arguments as a tuple built item by item."),
    MethodDef::one_arg::<ByteRange>(c"byte_range", c"byte_range(n, /)\n--\n\nReturn bytes 0, 1, ... n-1 (mod 256)."),
    MethodDef::one_arg::<RaiseValueError>(c"raise_value_error", c"raise_value_error(message, /)\n--\n\nRaise ValueError(message)."),
    MethodDef::one_arg::<RaiseChained>(
        c"raise_chained",
        c"raise_chained(message, /)\n--\n\nRaise ValueError(message) from KeyError('cause'), with context LookupError('context').",
    ),
    MethodDef::one_arg::<CatchAndDescribe>(
        c"catch_and_describe",
        c"catch_and_describe(callable, /)\n--\n\nCall callable(); if it raises, return (exception, matches ValueError, __cause__, __context__), else None.",
    ),
    MethodDef::one_arg::<PanicWith>(c"panic_with", c"panic_with(message, /)\n--\n\nPanic in Rust with that message."),
    MethodDef::fastcall_keywords::<Keywords>(
        c"keywords",
        c"keywords(*args, **kwargs)\n--\n\nReturn (args, keyword names or None, keyword values) as received.",
    ),
    MethodDef::noargs::<CountCalls>(c"count_calls", c"count_calls()\n--\n\nCount calls in the module state; return the count."),
    MethodDef::one_arg::<Remember>(c"remember", c"remember(object, /)\n--\n\nKeep object in the module state; return the previous one or None."),
    MethodDef::one_arg::<BufferSummary>(
        c"buffer_summary",
        c"buffer_summary(data, /)\n--\n\nReturn (length, read-only, sum of the bytes) of a bytes-like object.",
    ),
    MethodDef::one_arg::<BufferCopy>(c"buffer_copy", c"buffer_copy(data, /)\n--\n\nReturn the bytes of a bytes-like object."),
    MethodDef::fastcall::<InCriticalSection>(
        c"in_critical_section",
        c"in_critical_section(object, callable, /)\n--\n\nReturn callable(), called holding object's critical section.",
    ),
    MethodDef::END,
];

/// The module state: a counter, one remembered object and the class.
struct State {
    calls: AtomicUsize,
    remembered: Slot,
    holder_class: Class<Holder>,
}

impl ModuleState for State {
    fn exec(module: &Bound<'_>) -> PyResult<State> {
        let holder_class = HOLDER.create(module)?;
        module.setattr("Holder", holder_class.bind(module.py()))?;
        Ok(State { calls: AtomicUsize::new(0), remembered: Slot::default(), holder_class })
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        self.remembered.traverse(visit)?;
        visit.call(self.holder_class.as_unbound())
    }

    fn clear(&self) {
        self.remembered.clear();
    }
}

/// A place for one object that the garbage collector can see into.
#[derive(Default)]
struct Slot(Mutex<Option<Unbound>>);

impl Slot {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Unbound>> {
        // A panic while holding the lock leaves the Option intact.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn replace<'py>(&self, object: Option<&Bound<'py>>) -> Option<Unbound> {
        std::mem::replace(&mut *self.lock(), object.map(|object| object.clone().unbind()))
    }

    fn get<'py>(&self, py: cpython_api::Python<'py>) -> Bound<'py> {
        self.lock().as_ref().map_or_else(|| py.none(), |object| object.bind(py).clone())
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        match &*self.lock() {
            Some(object) => visit.call(object),
            None => Ok(()),
        }
    }

    fn clear(&self) {
        // Released after the lock: a finalizer it runs may use the slot.
        let released = self.lock().take();
        drop(released);
    }
}

struct ReturnNone;
impl NoArgs for ReturnNone {
    fn call<'py>(module: &Bound<'py>) -> PyResult<Bound<'py>> {
        Ok(module.py().none())
    }
}

struct Pack;
impl Fastcall for Pack {
    fn call<'py>(module: &Bound<'py>, args: &[Bound<'py>]) -> PyResult<Bound<'py>> {
        let items: Vec<&Bound<'py>> = args.iter().collect();
        types::tuple_from(module.py(), &items)
    }
}

struct ByteRange;
impl OneArg for ByteRange {
    fn call<'py>(module: &Bound<'py>, count: &Bound<'py>) -> PyResult<Bound<'py>> {
        let count = types::int_to_isize(count)?;
        let Ok(length) = usize::try_from(count) else {
            return Err(PyErr::new(exceptions::ValueError(module.py()), "negative count"));
        };
        types::bytes_with(module.py(), length, |buffer| {
            for (index, byte) in buffer.iter_mut().enumerate() {
                *byte = index as u8;
            }
        })
    }
}

struct RaiseValueError;
impl OneArg for RaiseValueError {
    fn call<'py>(module: &Bound<'py>, message: &Bound<'py>) -> PyResult<Bound<'py>> {
        Err(PyErr::from_instance(exceptions::ValueError(module.py()).call(&[message])?))
    }
}

struct RaiseChained;
impl OneArg for RaiseChained {
    fn call<'py>(module: &Bound<'py>, message: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = module.py();
        let error = PyErr::from_instance(exceptions::ValueError(py).call(&[message])?);
        error.set_context(py, Some(PyErr::new(exceptions::LookupError(py), "context")));
        error.set_cause(py, Some(PyErr::new(exceptions::KeyError(py), "cause")));
        Err(error)
    }
}

struct CatchAndDescribe;
impl OneArg for CatchAndDescribe {
    fn call<'py>(module: &Bound<'py>, callable: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = module.py();
        let Err(error) = callable.call(&[]) else { return Ok(py.none()) };
        let describe = |error: Option<PyErr>| error.map_or_else(|| py.none(), |error| error.value(py).clone());
        let matches = py.bool(error.matches(py, &exceptions::ValueError(py)));
        let cause = describe(error.cause(py));
        let context = describe(error.context(py));
        types::tuple_from(py, &[error.value(py), &matches, &cause, &context])
    }
}

struct PanicWith;
impl OneArg for PanicWith {
    fn call<'py>(_module: &Bound<'py>, message: &Bound<'py>) -> PyResult<Bound<'py>> {
        panic!("{}", message.to_string_lossy()?);
    }
}

struct Keywords;
impl FastcallKeywords for Keywords {
    fn call<'py>(module: &Bound<'py>, args: Arguments<'_, 'py>) -> PyResult<Bound<'py>> {
        let py = module.py();
        let positional: Vec<&Bound<'py>> = args.positional.iter().collect();
        let values: Vec<&Bound<'py>> = args.keyword_values.iter().collect();
        let names = args.keyword_names.cloned().unwrap_or_else(|| py.none());
        types::tuple_from(py, &[&types::tuple_from(py, &positional)?, &names, &types::tuple_from(py, &values)?])
    }
}

struct CountCalls;
impl NoArgs for CountCalls {
    fn call<'py>(module: &Bound<'py>) -> PyResult<Bound<'py>> {
        let state = MODULE.state(module)?;
        let count = state.calls.fetch_add(1, Ordering::Relaxed) + 1;
        types::int_from_isize(module.py(), count as isize)
    }
}

struct Remember;
impl OneArg for Remember {
    fn call<'py>(module: &Bound<'py>, object: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = module.py();
        let previous = MODULE.state(module)?.remembered.replace(Some(object));
        Ok(previous.map_or_else(|| py.none(), |previous| previous.into_bound(py)))
    }
}

struct BufferSummary;
impl OneArg for BufferSummary {
    fn call<'py>(module: &Bound<'py>, data: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = module.py();
        let buffer = Buffer::get(data)?;
        let sum = buffer.with_bytes(|bytes| bytes.iter().map(|&byte| byte as isize).sum());
        let length = types::int_from_isize(py, buffer.len() as isize)?;
        types::tuple_from(py, &[&length, &py.bool(buffer.is_readonly()), &types::int_from_isize(py, sum)?])
    }
}

struct BufferCopy;
impl OneArg for BufferCopy {
    fn call<'py>(module: &Bound<'py>, data: &Bound<'py>) -> PyResult<Bound<'py>> {
        let buffer = Buffer::get(data)?;
        let copy = buffer.with_bytes(<[u8]>::to_vec);
        types::bytes_from(module.py(), &copy)
    }
}

struct InCriticalSection;
impl Fastcall for InCriticalSection {
    fn call<'py>(module: &Bound<'py>, args: &[Bound<'py>]) -> PyResult<Bound<'py>> {
        let [object, callable] = args else {
            return Err(PyErr::new(exceptions::TypeError(module.py()), "in_critical_section() takes 2 arguments"));
        };
        critical_section(object, || callable.call(&[]))
    }
}

static HOLDER: ClassDef<Holder> = ClassDef::new(
    c"_testrust.Holder",
    c"Holder(value, /)\n--\n\nHolds one object.",
    HOLDER_METHODS,
);

static HOLDER_METHODS: &[ClassMethodDef<Holder>] = &[
    ClassMethodDef::noargs::<HolderGet>(c"get", c"get($self, /)\n--\n\nReturn the object held."),
    ClassMethodDef::one_arg::<HolderSet>(c"set", c"set($self, value, /)\n--\n\nHold value; return the previous one."),
    ClassMethodDef::defining_class::<HolderModuleCalls>(
        c"count_module_calls",
        c"count_module_calls($self, /)\n--\n\nCount a call in the state of the module that defines the class.",
    ),
    ClassMethodDef::END,
];

/// The value of a `_testrust.Holder`.
struct Holder {
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
            _ => Err(PyErr::new(exceptions::TypeError(py), "Holder() takes exactly one positional argument")),
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
        Some(self.held.get(py).repr().and_then(|held| {
            types::str_from(py, &format!("Holder({})", held.to_string_lossy()?))
        }))
    }
}

struct HolderGet;
impl MethodNoArgs<Holder> for HolderGet {
    fn call<'py>(this: &Holder, instance: &Bound<'py>) -> PyResult<Bound<'py>> {
        Ok(this.held.get(instance.py()))
    }
}

struct HolderSet;
impl MethodOneArg<Holder> for HolderSet {
    fn call<'py>(this: &Holder, instance: &Bound<'py>, value: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = instance.py();
        Ok(this.held.replace(Some(value)).map_or_else(|| py.none(), |previous| previous.into_bound(py)))
    }
}

struct HolderModuleCalls;
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
