//! Building and reading the built-in types.

mod bytes;
mod int;
mod str;
mod tuple;

pub use bytes::{bytes_from, bytes_with};
pub use int::{int_from_isize, int_to_isize};
pub use str::{str_from, str_to_string_lossy};
pub use tuple::{tuple_from, tuple_items};
