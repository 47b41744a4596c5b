//! Building and reading the built-in types, one module per type. Readers
//! that need a particular type raise `TypeError` for any other, as the C
//! functions they wrap do.

mod bool;
mod bytearray;
mod bytes;
mod dict;
mod float;
mod int;
mod str;
mod tuple;

pub use bool::is_true;
pub use bytearray::{bytearray_from, bytearray_with};
pub use bytes::{bytes_data, bytes_from, bytes_with, bytes_with_capacity, bytes_with_len, is_bytes};
pub use dict::{dict_get, dict_keys, dict_len};
pub use float::{complex_from, float_from, float_to_f64};
pub(crate) use int::compact_int_value;
pub use int::{
    int_from_i64, int_from_isize, int_from_u64, int_from_usize, int_to_i64, int_to_isize, int_to_u64, int_to_usize,
};
pub use str::{is_exact_str, is_str, str_as_utf8, str_ascii_bytes, str_from, str_from_utf8, str_to_string_lossy};
pub use tuple::{tuple_from, tuple_from_fn, tuple_items};

use crate::err::PyResult;
use crate::object::Bound;

/// `type(value).__name__`, for messages in CPython's style ("expected str,
/// int found").
fn type_name(value: &Bound<'_>) -> PyResult<String> {
    value.get_type().getattr("__name__")?.to_string_lossy()
}
