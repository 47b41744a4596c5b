//! The calling conventions: no arguments, positional, keywords.

use cpython_api::function::{Fastcall, FastcallKeywords, NoArgs};
use cpython_api::{Arguments, Bound, PyResult, types};

pub struct ReturnNone;
impl NoArgs for ReturnNone {
    fn call<'py>(module: &Bound<'py>) -> PyResult<Bound<'py>> {
        Ok(module.py().none())
    }
}

pub struct Pack;
impl Fastcall for Pack {
    fn call<'py>(module: &Bound<'py>, args: &[Bound<'py>]) -> PyResult<Bound<'py>> {
        let items: Vec<&Bound<'py>> = args.iter().collect();
        types::tuple_from(module.py(), &items)
    }
}

pub struct Keywords;
impl FastcallKeywords for Keywords {
    fn call<'py>(module: &Bound<'py>, args: Arguments<'_, 'py>) -> PyResult<Bound<'py>> {
        let py = module.py();
        let positional: Vec<&Bound<'py>> = args.positional.iter().collect();
        let values: Vec<&Bound<'py>> = args.keyword_values.iter().collect();
        let names = args.keyword_names.cloned().unwrap_or_else(|| py.none());
        types::tuple_from(
            py,
            &[
                &types::tuple_from(py, &positional)?,
                &names,
                &types::tuple_from(py, &values)?,
            ],
        )
    }
}
