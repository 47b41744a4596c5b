//! The converters of C Argument Clinic, and what the generated Rust does for
//! each: which function of `cpython_api::clinic::convert` converts the
//! argument, what the implementation receives, how a default is written in
//! Rust, and whether C Clinic has inline code for it (without, C falls back
//! to `PyArg_ParseTuple`-style parsing, whose count errors read
//! differently).

use crate::literal::Literal;
use crate::model::Converter;

/// What the generated code does with one parameter's argument.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    /// A Rust expression of type `PyResult<_>` converting `__arg`
    /// (`&Bound`), naming it `__at` (`&ArgumentRef`) in errors, or
    /// `__parameter_name` (the parameter's name, a `&str`) where C does.
    pub expression: String,
    /// The converter yields `Option`, `None` meaning "keep the default"
    /// (`slice_index`, `Py_ssize_t(accept={int, NoneType})`).
    pub none_keeps_default: bool,
    /// The converted value is owned by the generated code and lent to the
    /// implementation (`Py_buffer`, encoded strings).
    pub lent: bool,
    /// The value is declared first, as this expression, and `expression`
    /// (of type `PyResult<()>`) fills it through `__slot` (`&mut`): a
    /// `Py_buffer`, which must not move once written (see
    /// `cpython_api::Buffer::unfilled`).
    pub in_place: Option<String>,
    /// C Clinic converts it inline rather than through a format string.
    pub inline: bool,
    pub default_kind: DefaultKind,
}

/// How a literal default becomes a Rust value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultKind {
    /// `None` becomes `py.none()`.
    Object,
    Bool,
    Integer,
    Float,
    /// A `bytes` of length 1 becomes its byte.
    Byte,
    /// A `str` becomes a `&str`.
    Text,
    /// An integer, or a one-character `str` for its code point (3.14's
    /// Clinic writes `int(accept={str})` defaults so).
    CodePoint,
    /// A `str` or `bytes` becomes a borrowed `Cow<[u8]>`.
    Bytes,
    /// Only `None`, which becomes `None`.
    OptionalNone,
    /// None can be written; a default needs `c_default` (or makes the
    /// parameter an `Option`).
    Unwritable,
}

/// The built-in types `object(subclass_of=...)` knows, by C name.
const SUBCLASS_OF_TYPES: &[&str] = &[
    "PyLong_Type",
    "PyUnicode_Type",
    "PyBytes_Type",
    "PyByteArray_Type",
    "PyTuple_Type",
    "PyList_Type",
    "PyDict_Type",
    "PyFloat_Type",
    "PyComplex_Type",
    "PyBool_Type",
    "PySet_Type",
    "PyFrozenSet_Type",
    "PyType_Type",
    "PyMemoryView_Type",
];

/// Converter arguments every converter takes.
const COMMON_ARGUMENTS: &[&str] = &["c_default", "py_default"];

impl Converter {
    pub fn argument(&self, keyword: &str) -> Option<&str> {
        self.arguments
            .iter()
            .find(|(name, _)| name == keyword)
            .map(|(_, value)| value.as_str())
    }

    /// `accept={str, NoneType}` as its members, if given.
    fn accept(&self) -> Option<Vec<String>> {
        let value = self.argument("accept")?;
        let inner = value.trim().strip_prefix('{')?.strip_suffix('}')?;
        let mut members: Vec<String> = inner
            .split(',')
            .map(|member| member.trim().to_owned())
            .filter(|member| !member.is_empty())
            .collect();
        members.sort();
        Some(members)
    }

    fn flag(&self, keyword: &str) -> Result<bool, String> {
        match self.argument(keyword) {
            None | Some("False") => Ok(false),
            Some("True") => Ok(true),
            Some(other) => Err(format!("{keyword}={other}: expected True or False")),
        }
    }

    fn string_argument(&self, keyword: &str) -> Result<Option<String>, String> {
        match self.argument(keyword) {
            None => Ok(None),
            Some(value) => match Literal::parse(value) {
                Some(Literal::Str(text)) => Ok(Some(text)),
                _ => Err(format!("{keyword}={value}: expected a string")),
            },
        }
    }

    /// The C default, as Rust code, if `c_default="..."` is given.
    pub fn c_default(&self) -> Result<Option<String>, String> {
        self.string_argument("c_default")
    }

    pub fn py_default(&self) -> Result<Option<String>, String> {
        self.string_argument("py_default")
    }

    fn check_arguments(&self, allowed: &[&str]) -> Result<(), String> {
        for (keyword, _) in &self.arguments {
            if !allowed.contains(&keyword.as_str()) && !COMMON_ARGUMENTS.contains(&keyword.as_str()) {
                return Err(format!("converter {} takes no argument {keyword:?}", self.name));
            }
        }
        Ok(())
    }

    /// What the generated code does for this converter; an error for a
    /// converter or argument this port does not provide.
    pub fn conversion(&self) -> Result<Conversion, String> {
        let simple = |function: &str, default_kind| Conversion {
            expression: format!("__clinic::convert::{function}(__arg)"),
            none_keeps_default: false,
            lent: false,
            in_place: None,
            inline: true,
            default_kind,
        };
        let with_at = |function: &str, default_kind| Conversion {
            expression: format!("__clinic::convert::{function}(__arg, __at)"),
            ..simple(function, default_kind)
        };
        let accept = self.accept();
        let accepts = |members: &[&str]| {
            accept.as_ref().is_some_and(|accept| {
                accept.len() == members.len() && members.iter().all(|m| accept.iter().any(|a| a == m))
            })
        };
        let bitwise = || self.flag("bitwise");
        let name = self.name.as_str();
        let conversion = match name {
            "object" => {
                self.check_arguments(&["subclass_of", "type"])?;
                match self.string_argument("subclass_of")? {
                    Some(symbol) => {
                        let symbol = symbol.trim_start_matches('&');
                        if !SUBCLASS_OF_TYPES.contains(&symbol) {
                            return Err(format!(
                                "subclass_of={symbol:?}: known types are {}",
                                SUBCLASS_OF_TYPES.join(", ")
                            ));
                        }
                        Conversion {
                            expression: format!("__clinic::convert::subclass_of(__arg, __at, {symbol:?})"),
                            ..simple("", DefaultKind::Object)
                        }
                    }
                    None => Conversion {
                        expression: "::core::result::Result::<_, ::cpython_api::PyErr>::Ok(__arg)".to_owned(),
                        ..simple("", DefaultKind::Object)
                    },
                }
            }
            "PyBytesObject" => with_at("bytes_object", DefaultKind::Unwritable),
            "PyByteArrayObject" => with_at("bytearray_object", DefaultKind::Unwritable),
            "unicode" => with_at("unicode_object", DefaultKind::Unwritable),
            "bool" => {
                self.check_arguments(&["accept"])?;
                let as_int = self.c_default()?.is_some();
                let (function, as_bool) = if accept.is_none() || accepts(&["object"]) {
                    ("bool_truth", "__value")
                } else if accepts(&["int"]) {
                    ("bool_from_int", "__value != 0")
                } else {
                    return Err("bool takes accept={object} or accept={int}".to_owned());
                };
                let value = if as_int {
                    if function == "bool_truth" {
                        "::core::ffi::c_int::from(__value)"
                    } else {
                        "__value"
                    }
                } else {
                    as_bool
                };
                Conversion {
                    expression: format!("__clinic::convert::{function}(__arg).map(|__value| {value})"),
                    ..simple(
                        "",
                        if as_int {
                            DefaultKind::Integer
                        } else {
                            DefaultKind::Bool
                        },
                    )
                }
            }
            "char" => {
                self.check_arguments(&[])?;
                with_at("char", DefaultKind::Byte)
            }
            "unsigned_char" | "unsigned_short" | "unsigned_int" => {
                self.check_arguments(&["bitwise"])?;
                let function = if bitwise()? {
                    format!("{name}_bitwise")
                } else {
                    name.to_owned()
                };
                simple(&function, DefaultKind::Integer)
            }
            "unsigned_long" | "unsigned_long_long" => {
                self.check_arguments(&["bitwise"])?;
                if bitwise()? {
                    with_at(&format!("{name}_bitwise"), DefaultKind::Integer)
                } else {
                    simple(name, DefaultKind::Integer)
                }
            }
            "short" | "long" | "long_long" | "size_t" => {
                self.check_arguments(&[])?;
                simple(name, DefaultKind::Integer)
            }
            "int" => {
                self.check_arguments(&["accept", "type"])?;
                if accept.is_none() || accepts(&["int"]) {
                    simple("int", DefaultKind::Integer)
                } else if accepts(&["str"]) {
                    with_at("int_from_char", DefaultKind::CodePoint)
                } else {
                    return Err("int takes accept={int} or accept={str}".to_owned());
                }
            }
            "Py_ssize_t" => {
                self.check_arguments(&["accept", "allow_negative"])?;
                let non_negative = self.argument("allow_negative").is_some() && !self.flag("allow_negative")?;
                if (accept.is_none() || accepts(&["int"])) && non_negative {
                    Conversion {
                        expression: "__clinic::convert::non_negative_ssize_t(__arg, __parameter_name)".to_owned(),
                        ..simple("", DefaultKind::Integer)
                    }
                } else if accept.is_none() || accepts(&["int"]) {
                    simple("ssize_t", DefaultKind::Integer)
                } else if accepts(&["int", "NoneType"]) {
                    let function = if non_negative {
                        "optional_non_negative_ssize_t"
                    } else {
                        "optional_ssize_t"
                    };
                    Conversion {
                        none_keeps_default: true,
                        ..simple(function, DefaultKind::Integer)
                    }
                } else {
                    return Err("Py_ssize_t takes accept={int} or accept={int, NoneType}".to_owned());
                }
            }
            "slice_index" => {
                self.check_arguments(&["accept"])?;
                if accept.is_none() || accepts(&["int", "NoneType"]) {
                    Conversion {
                        none_keeps_default: true,
                        ..simple("slice_index", DefaultKind::Integer)
                    }
                } else if accepts(&["int"]) {
                    simple("slice_index_not_none", DefaultKind::Integer)
                } else {
                    return Err("slice_index takes accept={int} or accept={int, NoneType}".to_owned());
                }
            }
            "float" | "double" => {
                self.check_arguments(&[])?;
                simple(name, DefaultKind::Float)
            }
            "Py_complex" => {
                self.check_arguments(&[])?;
                simple("complex", DefaultKind::Unwritable)
            }
            "str" => self.str_conversion(&accepts)?,
            "Py_buffer" => {
                self.check_arguments(&["accept"])?;
                let (function, inline) = if accept.is_none() || accepts(&["buffer"]) {
                    ("buffer", true)
                } else if accepts(&["str", "buffer"]) {
                    ("buffer_or_str", true)
                } else if accepts(&["str", "buffer", "NoneType"]) {
                    ("buffer_or_str_or_none", false)
                } else if accepts(&["rwbuffer"]) {
                    ("writable_buffer", true)
                } else {
                    return Err(
                        "Py_buffer takes accept={buffer}, {str, buffer}, {str, buffer, NoneType} or {rwbuffer}"
                            .to_owned(),
                    );
                };
                Conversion {
                    expression: format!("__clinic::convert::{function}(__slot, __arg, __at)"),
                    lent: true,
                    in_place: Some("::cpython_api::Buffer::unfilled(__py)".to_owned()),
                    inline,
                    ..simple(function, DefaultKind::Unwritable)
                }
            }
            "self" => return Err("the receiver is always the implementation's first parameter: drop 'self'".into()),
            "defining_class" => unreachable!("defining_class is no argument"),
            _ => Conversion {
                expression: "__clinic::Converter::convert(__slot, __arg, __at)".to_owned(),
                lent: true,
                in_place: Some(format!("<{name} as __clinic::Converter>::unconverted(__py)")),
                ..simple("", DefaultKind::Unwritable)
            },
        };
        Ok(conversion)
    }

    fn str_conversion(&self, accepts: &dyn Fn(&[&str]) -> bool) -> Result<Conversion, String> {
        self.check_arguments(&["accept", "encoding", "zeroes"])?;
        let zeroes = self.flag("zeroes")?;
        let default_str = self.argument("accept").is_none() || accepts(&["str"]);
        let conversion = |function: &str, arguments: &str, inline, lent, default_kind| Conversion {
            expression: format!("__clinic::convert::{function}(__arg, __at{arguments})"),
            none_keeps_default: false,
            lent,
            in_place: None,
            inline,
            default_kind,
        };
        if let Some(encoding) = self.string_argument("encoding")? {
            let accept_bytes = if default_str {
                false
            } else if accepts(&["bytes", "bytearray", "str"]) {
                true
            } else {
                return Err("str(encoding=...) takes accept={str} or accept={bytes, bytearray, str}".to_owned());
            };
            let arguments = format!(", c{encoding:?}, {accept_bytes}, {zeroes}");
            return Ok(conversion(
                "encoded_str",
                &arguments,
                false,
                true,
                DefaultKind::Unwritable,
            ));
        }
        Ok(match (zeroes, default_str) {
            (false, true) => conversion("str_utf8", "", true, false, DefaultKind::Text),
            (false, false) if accepts(&["str", "NoneType"]) => {
                conversion("optional_str_utf8", "", true, false, DefaultKind::OptionalNone)
            }
            (false, false) if accepts(&["robuffer"]) => {
                conversion("robuffer_without_nul", "", false, true, DefaultKind::Bytes)
            }
            (true, false) if accepts(&["robuffer", "str"]) => {
                conversion("str_or_robuffer", "", false, true, DefaultKind::Bytes)
            }
            _ => {
                return Err(
                    "str takes accept={str}, {str, NoneType}, {robuffer}, or {robuffer, str} with zeroes=True"
                        .to_owned(),
                );
            }
        })
    }
}

impl DefaultKind {
    /// The Rust value of a literal default, if it can be written.
    pub fn rust_value(self, literal: &Literal) -> Option<String> {
        Some(match (self, literal) {
            (DefaultKind::Bool, Literal::Bool(value)) => value.to_string(),
            (DefaultKind::Integer, Literal::Int(value)) => value.to_string(),
            (DefaultKind::Integer, Literal::Bool(value)) => i32::from(*value).to_string(),
            (DefaultKind::CodePoint, Literal::Int(value)) => value.to_string(),
            (DefaultKind::CodePoint, Literal::Str(text)) if text.chars().count() == 1 => {
                u32::from(text.chars().next()?).to_string()
            }
            (DefaultKind::Float, Literal::Float(value)) => format!("{value:?}"),
            (DefaultKind::Float, Literal::Int(value)) => format!("{value}.0"),
            (DefaultKind::Byte, Literal::Bytes(bytes)) if bytes.len() == 1 => format!("{}u8", bytes[0]),
            (DefaultKind::Text, Literal::Str(text)) => format!("{text:?}"),
            (DefaultKind::Bytes, Literal::Str(text)) => format!("::std::borrow::Cow::Borrowed({text:?}.as_bytes())"),
            (DefaultKind::Bytes, Literal::Bytes(bytes)) => format!("::std::borrow::Cow::Borrowed(&{bytes:?}[..])"),
            (DefaultKind::OptionalNone, Literal::None) => "::core::option::Option::None".to_owned(),
            _ => return None,
        })
    }
}
