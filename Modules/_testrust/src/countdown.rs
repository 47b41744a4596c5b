//! `_testrust.Countdown`: a final iterator class.

use std::sync::atomic::{AtomicIsize, Ordering};

use cpython_api::class::IterNext;
use cpython_api::{Bound, ClassDef, ClassMethodDef, PyClass, PyErr, PyResult, exceptions, types};

pub static COUNTDOWN: ClassDef<Countdown> = ClassDef::new(
    c"_testrust.Countdown",
    c"Countdown(n, /)\n--\n\nIterate over n-1, n-2, ... 0.",
    COUNTDOWN_METHODS,
)
.iterator();

static COUNTDOWN_METHODS: &[ClassMethodDef<Countdown>] = &[ClassMethodDef::END];

pub struct Countdown {
    remaining: AtomicIsize,
}

impl PyClass for Countdown {
    fn new<'py>(class: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<Self> {
        let ([start], None) = (types::tuple_items(args)?, kwargs) else {
            return Err(PyErr::new(
                exceptions::TypeError(class.py()),
                "Countdown() takes exactly one argument",
            ));
        };
        Ok(Countdown {
            remaining: AtomicIsize::new(types::int_to_isize(start)?.max(0)),
        })
    }
}

impl IterNext for Countdown {
    fn next<'py>(&self, instance: &Bound<'py>) -> PyResult<Option<Bound<'py>>> {
        // One decrement per item, even with threads sharing the iterator.
        let taken = self
            .remaining
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                (left > 0).then(|| left - 1)
            });
        match taken {
            Ok(left) => Ok(Some(types::int_from_isize(instance.py(), left - 1)?)),
            Err(_) => Ok(None),
        }
    }
}
