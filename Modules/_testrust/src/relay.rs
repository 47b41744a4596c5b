//! `_testrust.Relay`: an iterator over what another iterator yields, whose
//! source can be replaced, even by the relay itself.

use cpython_api::class::{GetSetDef, Getter, IterNext, Setter, cannot_delete};
use cpython_api::{Bound, ClassDef, ClassMethodDef, PyClass, PyErr, PyResult, TraverseError, Visit, exceptions, types};

use crate::slot::Slot;

pub static RELAY: ClassDef<Relay> = ClassDef::new(
    c"_testrust.Relay",
    c"Relay(source, /)\n--\n\nIterate over what next(source) returns.",
    RELAY_METHODS,
)
.getset(RELAY_ATTRIBUTES)
.iterator();

static RELAY_METHODS: &[ClassMethodDef<Relay>] = &[ClassMethodDef::END];

static RELAY_ATTRIBUTES: &[GetSetDef<Relay>] = &[
    GetSetDef::read_write::<Source, Source>(c"source", c"The iterator items are taken from."),
    GetSetDef::END,
];

pub struct Relay {
    source: Slot,
}

impl PyClass for Relay {
    fn new<'py>(class: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<Self> {
        let ([source], None) = (types::tuple_items(args)?, kwargs) else {
            return Err(PyErr::new(
                exceptions::TypeError(class.py()),
                "Relay() takes exactly one argument",
            ));
        };
        let source_slot = Slot::default();
        source_slot.replace(Some(source));
        Ok(Relay { source: source_slot })
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        self.source.traverse(visit)
    }

    fn clear(&self) {
        self.source.clear();
    }
}

impl IterNext for Relay {
    fn next<'py>(&self, instance: &Bound<'py>) -> PyResult<Option<Bound<'py>>> {
        self.source.get(instance.py()).next()
    }
}

pub struct Source;
impl Getter<Relay> for Source {
    fn get<'py>(this: &Relay, instance: &Bound<'py>) -> PyResult<Bound<'py>> {
        Ok(this.source.get(instance.py()))
    }
}
impl Setter<Relay> for Source {
    fn set<'py>(this: &Relay, instance: &Bound<'py>, value: Option<&Bound<'py>>) -> PyResult<()> {
        let value = value.ok_or_else(|| cannot_delete(instance.py(), "source"))?;
        this.source.replace(Some(value));
        Ok(())
    }
}
