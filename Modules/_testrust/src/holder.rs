//! `_testrust.Holder`: a subclassable class whose instances hold one object,
//! with `__init__`, computed attributes, `repr`, comparisons and hashing.

use std::sync::atomic::{AtomicUsize, Ordering};

use cpython_api::class::{
    CompareOp, GetSetDef, Getter, Hash, Init, MethodDefiningClass, MethodNoArgs, MethodOneArg, Repr, RichCompare,
    Setter, cannot_delete,
};
use cpython_api::{
    Arguments, Bound, ClassDef, ClassMethodDef, PyClass, PyErr, PyResult, Subclassing, TraverseError, Visit,
    exceptions, types,
};

use crate::MODULE;
use crate::slot::Slot;

pub static HOLDER: ClassDef<Holder> = ClassDef::new(
    c"_testrust.Holder",
    c"Holder(value, /)\n--\n\nHolds one object.",
    HOLDER_METHODS,
)
.subclassing(Subclassing::Allowed)
.getset(HOLDER_ATTRIBUTES)
.init()
.repr()
.rich_compare()
.hash();

static HOLDER_METHODS: &[ClassMethodDef<Holder>] = &[
    ClassMethodDef::noargs::<Get>(c"get", c"get($self, /)\n--\n\nReturn the object held."),
    ClassMethodDef::one_arg::<Set>(
        c"set",
        c"set($self, value, /)\n--\n\nHold value; return the previous one.",
    ),
    ClassMethodDef::defining_class::<CountModuleCalls>(
        c"count_module_calls",
        c"count_module_calls($self, /)\n--\n\nCount a call in the state of the module that defines the class.",
    ),
    ClassMethodDef::END,
];

static HOLDER_ATTRIBUTES: &[GetSetDef<Holder>] = &[
    GetSetDef::read_write::<Get, Set>(c"value", c"The object held."),
    GetSetDef::read_only::<InitCalls>(c"init_calls", c"How many times __init__ ran."),
    GetSetDef::read_write::<Innermost, Innermost>(
        c"innermost",
        c"What the innermost of nested holders holds; assigning replaces it.",
    ),
    GetSetDef::END,
];

/// The value of a `_testrust.Holder`.
pub struct Holder {
    held: Slot,
    init_calls: AtomicUsize,
}

impl PyClass for Holder {
    /// As `list` does, `__new__` accepts any arguments and `__init__` checks
    /// them, so that subclasses may take other arguments in their `__init__`.
    fn new<'py>(_class: &Bound<'py>, _args: &Bound<'py>, _kwargs: Option<&Bound<'py>>) -> PyResult<Self> {
        Ok(Holder {
            held: Slot::default(),
            init_calls: AtomicUsize::new(0),
        })
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        self.held.traverse(visit)
    }

    fn clear(&self) {
        self.held.clear();
    }
}

impl Init for Holder {
    fn init<'py>(&self, instance: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<()> {
        let ([value], None) = (types::tuple_items(args)?, kwargs) else {
            return Err(PyErr::new(
                exceptions::TypeError(instance.py()),
                "Holder() takes exactly one positional argument",
            ));
        };
        self.held.replace(Some(value));
        self.init_calls.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

impl Repr for Holder {
    fn repr<'py>(&self, instance: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = instance.py();
        let class_name = instance.get_type().getattr("__name__")?.to_string_lossy()?;
        let held = self.held.get(py).repr()?.to_string_lossy()?;
        types::str_from(py, &format!("{class_name}({held})"))
    }
}

/// Holders are equal when what they hold is; they do not order.
impl RichCompare for Holder {
    fn compare<'py>(&self, instance: &Bound<'py>, other: &Bound<'py>, op: CompareOp) -> PyResult<Bound<'py>> {
        let py = instance.py();
        let class = &MODULE.state_of_instance(instance)?.holder_class;
        let (CompareOp::Eq | CompareOp::Ne, Ok(other)) = (op, class.value(other)) else {
            return Ok(py.not_implemented());
        };
        self.held.get(py).rich_compare(&other.held.get(py), op)
    }
}

impl Hash for Holder {
    fn hash(&self, instance: &Bound<'_>) -> PyResult<isize> {
        self.held.get(instance.py()).hash()
    }
}

pub struct Get;
impl MethodNoArgs<Holder> for Get {
    fn call<'py>(this: &Holder, instance: &Bound<'py>) -> PyResult<Bound<'py>> {
        Ok(this.held.get(instance.py()))
    }
}
impl Getter<Holder> for Get {
    fn get<'py>(this: &Holder, instance: &Bound<'py>) -> PyResult<Bound<'py>> {
        Ok(this.held.get(instance.py()))
    }
}

pub struct Set;
impl MethodOneArg<Holder> for Set {
    fn call<'py>(this: &Holder, instance: &Bound<'py>, value: &Bound<'py>) -> PyResult<Bound<'py>> {
        let py = instance.py();
        Ok(this
            .held
            .replace(Some(value))
            .map_or_else(|| py.none(), |previous| previous.into_bound(py)))
    }
}
impl Setter<Holder> for Set {
    fn set<'py>(this: &Holder, instance: &Bound<'py>, value: Option<&Bound<'py>>) -> PyResult<()> {
        let value = value.ok_or_else(|| cannot_delete(instance.py(), "value"))?;
        this.held.replace(Some(value));
        Ok(())
    }
}

/// Follows `innermost` through what is held as long as it is a Holder
/// (of any subclass, whose own `innermost` is used).
pub struct Innermost;
impl Innermost {
    fn held_holder<'py>(this: &Holder, instance: &Bound<'py>) -> PyResult<Option<Bound<'py>>> {
        let py = instance.py();
        let held = this.held.get(py);
        let class = &MODULE.state_of_instance(instance)?.holder_class;
        Ok(held.is_instance(class.bind(py))?.then_some(held))
    }
}
impl Getter<Holder> for Innermost {
    fn get<'py>(this: &Holder, instance: &Bound<'py>) -> PyResult<Bound<'py>> {
        match Innermost::held_holder(this, instance)? {
            Some(inner) => inner.getattr("innermost"),
            None => Ok(this.held.get(instance.py())),
        }
    }
}
impl Setter<Holder> for Innermost {
    fn set<'py>(this: &Holder, instance: &Bound<'py>, value: Option<&Bound<'py>>) -> PyResult<()> {
        let value = value.ok_or_else(|| cannot_delete(instance.py(), "innermost"))?;
        match Innermost::held_holder(this, instance)? {
            Some(inner) => inner.setattr("innermost", value),
            None => {
                this.held.replace(Some(value));
                Ok(())
            }
        }
    }
}

pub struct InitCalls;
impl Getter<Holder> for InitCalls {
    fn get<'py>(this: &Holder, instance: &Bound<'py>) -> PyResult<Bound<'py>> {
        types::int_from_isize(instance.py(), this.init_calls.load(Ordering::Relaxed) as isize)
    }
}

pub struct CountModuleCalls;
impl MethodDefiningClass<Holder> for CountModuleCalls {
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
