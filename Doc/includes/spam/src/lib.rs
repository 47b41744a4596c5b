//! `spam`: the module built step by step in Doc/rust-tutorial.md.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use cpython_api::class::{GetSetDef, Getter, MethodOneArg};
use cpython_api::function::{NoArgs, OneArg};
use cpython_api::{
    Bound, Class, ClassDef, ClassMethodDef, MethodDef, ModuleDef, ModuleState, PyClass, PyErr, PyResult, TraverseError,
    Unbound, Visit, exceptions, types,
};

// The module: its name, docstring and functions, and the type of its state.
static MODULE: ModuleDef<State> = ModuleDef::new(c"spam", c"An example module written in Rust.", FUNCTIONS)
    .per_interpreter_gil()
    .gil_not_used();
cpython_api::module_init!(spam, MODULE);

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::one_arg::<Greet>(c"greet", c"greet(name, /)\n--\n\nReturn a greeting for name."),
    MethodDef::noargs::<Greetings>(c"greetings", c"greetings()\n--\n\nReturn how many greetings were made."),
    MethodDef::END,
];

// A function: `greet(name)`, with the convention METH_O (one argument).
struct Greet;

impl OneArg for Greet {
    fn call<'py>(module: &Bound<'py>, name: &Bound<'py>) -> PyResult<Bound<'py>> {
        let name = name.to_string_lossy()?;
        MODULE.state(module)?.greetings.fetch_add(1, Ordering::Relaxed);
        types::str_from(module.py(), &format!("Hello, {name}!"))
    }
}

// The module state: one per module object, created when the module executes.
struct State {
    greetings: AtomicUsize,
    error: Unbound,
    tally_class: Class<Tally>,
}

impl ModuleState for State {
    fn exec(module: &Bound<'_>) -> PyResult<State> {
        let py = module.py();
        let error = exceptions::new_type(py, c"spam.Error", c"Raised by spam.", None)?;
        module.setattr("Error", &error)?;
        let tally_class = TALLY.create(module)?;
        module.setattr("Tally", tally_class.bind(py))?;
        Ok(State {
            greetings: AtomicUsize::new(0),
            error: error.unbind(),
            tally_class,
        })
    }

    // The state holds Python objects: the garbage collector must see them.
    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        visit.call(&self.error)?;
        visit.call(self.tally_class.as_unbound())
    }
}

struct Greetings;

impl NoArgs for Greetings {
    fn call<'py>(module: &Bound<'py>) -> PyResult<Bound<'py>> {
        let count = MODULE.state(module)?.greetings.load(Ordering::Relaxed);
        types::int_from_isize(module.py(), count as isize)
    }
}

// A class: `Tally()` adds up numbers; `add(n)` refuses negative ones.
static TALLY: ClassDef<Tally> =
    ClassDef::new(c"spam.Tally", c"Tally()\n--\n\nAdds up numbers.", TALLY_METHODS).getset(TALLY_ATTRIBUTES);

static TALLY_METHODS: &[ClassMethodDef<Tally>] = &[
    ClassMethodDef::one_arg::<Add>(c"add", c"add($self, n, /)\n--\n\nAdd n, which must not be negative."),
    ClassMethodDef::END,
];

static TALLY_ATTRIBUTES: &[GetSetDef<Tally>] = &[
    GetSetDef::read_only::<Total>(c"total", c"The sum so far."),
    GetSetDef::END,
];

// The Rust value inside each instance. Several threads may share it, so it
// changes only through a Mutex.
struct Tally {
    total: Mutex<isize>,
}

impl PyClass for Tally {
    fn new<'py>(class: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<Self> {
        if !types::tuple_items(args)?.is_empty() || kwargs.is_some() {
            return Err(PyErr::new(
                exceptions::TypeError(class.py()),
                "Tally() takes no arguments",
            ));
        }
        Ok(Tally { total: Mutex::new(0) })
    }
}

struct Add;

impl MethodOneArg<Tally> for Add {
    fn call<'py>(this: &Tally, instance: &Bound<'py>, n: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = instance.py();
        let n = types::int_to_isize(n)?;
        if n < 0 {
            let state = MODULE.state_of_instance(instance)?;
            return Err(PyErr::new(state.error.bind(py).clone(), &format!("cannot add {n}")));
        }
        let mut total = this.total.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *total += n;
        types::int_from_isize(py, *total)
    }
}

struct Total;

impl Getter<Tally> for Total {
    fn get<'py>(this: &Tally, instance: &Bound<'py>) -> PyResult<Bound<'py>> {
        let total = *this.total.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        types::int_from_isize(instance.py(), total)
    }
}
