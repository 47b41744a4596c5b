//! What the code that cpython-clinic generates calls: argument unpacking
//! with CPython's messages, the converters of Argument Clinic, deprecation
//! warnings, return values. Each function here does what a C helper of
//! `Python/getargs.c` (or a converter's inline code) does for C Argument
//! Clinic, raising the same exceptions with the same text for the
//! interpreter it is built for.

mod argument;
pub mod convert;
mod converter_trait;
mod deprecation;
mod keyword;
mod returns;
mod signature;
mod suggestions;

pub use argument::{ArgumentName, ArgumentRef, type_name};
pub use converter_trait::Converter;
pub use deprecation::{by_keyword, warn_deprecated};
pub use keyword::Keyword;
pub use returns::ReturnValue;
pub use signature::{
    Signature, check_no_arguments, check_no_positional, check_positional, check_positional_format, var_keyword,
    var_positional,
};
