//! The results of `_testclinic`'s functions: most return the tuple of
//! their converted arguments, as the C module's `RETURN_PACKED_ARGS` does.

use cpython_api::clinic::ReturnValue;
use cpython_api::{Bound, PyResult, Python, types};

/// A tuple of the objects.
pub fn pack<'py>(py: Python<'py>, items: &[&Bound<'py>]) -> PyResult<Bound<'py>> {
    types::tuple_from(py, items)
}

/// A tuple of the values, each converted as a return converter would.
pub fn pack_values<'py, T: ReturnValue<'py> + Copy, const N: usize>(
    py: Python<'py>,
    values: &[T; N],
) -> PyResult<Bound<'py>> {
    types::tuple_from_fn(py, N, |index| values[index].into_object(py))
}

/// `None` for an argument that was not passed, as the C module returns it.
pub fn or_none<'py>(py: Python<'py>, value: Option<&Bound<'py>>) -> Bound<'py> {
    value.cloned().unwrap_or_else(|| py.none())
}
