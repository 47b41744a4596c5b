//! `_testrust`: exercises cpython-api from Python, as `_testcapi` does for
//! the C API. Written in safe Rust only: whatever it needs that the layer
//! lacks belongs in the layer.

mod blob;
mod calls;
mod conversions;
mod countdown;
mod data;
mod errors;
mod holder;
mod relay;
mod slot;
mod state;
mod sync;

use cpython_api::{MethodDef, ModuleDef};

use crate::state::State;

static MODULE: ModuleDef<State> = ModuleDef::new(c"_testrust", c"Exercises cpython-api from Python.", METHODS)
    .per_interpreter_gil()
    .gil_not_used();
cpython_api::module_init!(_testrust, MODULE);

static METHODS: &[MethodDef] = &[
    MethodDef::noargs::<calls::ReturnNone>(c"return_none", c"return_none()\n--\n\nReturn None."),
    MethodDef::fastcall::<calls::Pack>(c"pack", c"pack(*args)\n--\n\nReturn the arguments as a tuple built item by item."),
    MethodDef::one_arg::<data::ByteRange>(c"byte_range", c"byte_range(n, /)\n--\n\nReturn bytes 0, 1, ... n-1 (mod 256)."),
    MethodDef::one_arg::<errors::RaiseValueError>(c"raise_value_error", c"raise_value_error(message, /)\n--\n\nRaise ValueError(message)."),
    MethodDef::one_arg::<errors::RaiseChained>(
        c"raise_chained",
        c"raise_chained(message, /)\n--\n\nRaise ValueError(message) from KeyError('cause'), with context LookupError('context').",
    ),
    MethodDef::one_arg::<state::RaiseModuleError>(
        c"raise_module_error",
        c"raise_module_error(message, /)\n--\n\nRaise _testrust.Error(message), a class made by the module.",
    ),
    MethodDef::one_arg::<errors::CatchAndDescribe>(
        c"catch_and_describe",
        c"catch_and_describe(callable, /)\n--\n\nCall callable(); if it raises, return (exception, matches ValueError, __cause__, __context__), else None.",
    ),
    MethodDef::one_arg::<errors::PanicWith>(c"panic_with", c"panic_with(message, /)\n--\n\nPanic in Rust with that message."),
    MethodDef::one_arg::<errors::PanicDetached>(
        c"panic_detached",
        c"panic_detached(message, /)\n--\n\nPanic in Rust with that message, with the thread detached.",
    ),
    MethodDef::one_arg::<errors::PanicInThread>(
        c"panic_in_thread",
        c"panic_in_thread(message, /)\n--\n\nPanic with that message on a new Rust thread; return whether it panicked.",
    ),
    MethodDef::fastcall_keywords::<calls::Keywords>(
        c"keywords",
        c"keywords(*args, **kwargs)\n--\n\nReturn (args, keyword names or None, keyword values) as received.",
    ),
    MethodDef::noargs::<state::CountCalls>(c"count_calls", c"count_calls()\n--\n\nCount calls in the module state; return the count."),
    MethodDef::one_arg::<state::Remember>(c"remember", c"remember(object, /)\n--\n\nKeep object in the module state; return the previous one or None."),
    MethodDef::one_arg::<data::BufferSummary>(
        c"buffer_summary",
        c"buffer_summary(data, /)\n--\n\nReturn (length, read-only, sum of the bytes) of a bytes-like object.",
    ),
    MethodDef::one_arg::<data::BufferCopy>(c"buffer_copy", c"buffer_copy(data, /)\n--\n\nReturn the bytes of a bytes-like object."),
    MethodDef::fastcall::<sync::InCriticalSection>(
        c"in_critical_section",
        c"in_critical_section(object, callable, /)\n--\n\nReturn callable(), called holding object's critical section.",
    ),
    MethodDef::one_arg::<conversions::RoundtripI64>(
        c"roundtrip_i64",
        c"roundtrip_i64(x, /)\n--\n\nReturn operator.index(x) converted to a Rust i64 and back.",
    ),
    MethodDef::one_arg::<conversions::RoundtripU64>(
        c"roundtrip_u64",
        c"roundtrip_u64(x, /)\n--\n\nReturn operator.index(x) converted to a Rust u64 and back.",
    ),
    MethodDef::one_arg::<conversions::RoundtripIsize>(
        c"roundtrip_isize",
        c"roundtrip_isize(x, /)\n--\n\nReturn operator.index(x) converted to a Rust isize and back.",
    ),
    MethodDef::one_arg::<conversions::RoundtripUsize>(
        c"roundtrip_usize",
        c"roundtrip_usize(x, /)\n--\n\nReturn operator.index(x) converted to a Rust usize and back.",
    ),
    MethodDef::one_arg::<conversions::RoundtripFloat>(
        c"roundtrip_float",
        c"roundtrip_float(x, /)\n--\n\nReturn x converted to a Rust f64 (as PyFloat_AsDouble does) and back.",
    ),
    MethodDef::one_arg::<conversions::Truthiness>(c"truthiness", c"truthiness(x, /)\n--\n\nReturn bool(x), decided in Rust."),
    MethodDef::one_arg::<conversions::RoundtripStr>(
        c"roundtrip_str",
        c"roundtrip_str(text, /)\n--\n\nReturn a new str made from the UTF-8 borrowed from text.",
    ),
    MethodDef::one_arg::<conversions::Utf8Length>(
        c"utf8_length",
        c"utf8_length(text, /)\n--\n\nReturn the length in bytes of the UTF-8 of text.",
    ),
    MethodDef::one_arg::<conversions::AsciiFastPath>(
        c"ascii_fast_path",
        c"ascii_fast_path(text, /)\n--\n\nReturn the characters of an ASCII str as bytes, or None for any other object.",
    ),
    MethodDef::one_arg::<conversions::MakeBytearray>(
        c"make_bytearray",
        c"make_bytearray(n, /)\n--\n\nReturn bytearray 0, 1, ... n-1 (mod 256).",
    ),
    MethodDef::one_arg::<conversions::BytearrayOf>(
        c"bytearray_of",
        c"bytearray_of(data, /)\n--\n\nReturn a bytearray copy of a bytes object.",
    ),
    MethodDef::one_arg::<conversions::BytesViewSum>(
        c"bytes_view_sum",
        c"bytes_view_sum(data, /)\n--\n\nReturn the sum of the bytes of a bytes object, read in place.",
    ),
    MethodDef::END,
];
