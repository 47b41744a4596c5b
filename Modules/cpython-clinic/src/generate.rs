//! The Rust that C Argument Clinic's generated C corresponds to: a calling
//! convention, the unpacking and conversion of each argument, deprecation
//! warnings, the call of the implementation, the return conversion, and
//! the method definition with its docstring.
//!
//! For `module.function` (or `module.Class.method`) implemented by
//! `fn name_impl`, the output defines `NAME_METHODDEF`, a
//! `cpython_api::MethodDef`. For `module.Class.__new__` and `__init__` it
//! defines `fn name(receiver, args, kwargs)`, which parses the tuple and
//! dict that `tp_new`/`tp_init` receive and calls the implementation, and
//! `NAME_DOC`, the class docstring.

use std::fmt::Write as _;

use crate::converters::DefaultKind;
use crate::docstring::{self, Receiver};
use crate::literal::Literal;
use crate::model::{Function, Parameter, ParameterKind};

/// What the generator needs to know about the implementing function.
pub struct Implementation {
    pub name: String,
    /// The tokens after `->`, as text (empty for `()`).
    pub return_type: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Function,
    Method,
    New,
    Init,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Convention {
    NoArgs,
    OneArg,
    Fastcall,
    FastcallKeywords,
    DefiningClass,
    /// `tp_new`/`tp_init`: a tuple and a dict.
    TupleAndDict,
}

/// Where a parameter's value is taken from in the generated code.
struct Named<'f> {
    parameter: &'f Parameter,
    /// Its slot among the named parameters (all but `*args`).
    slot: usize,
}

pub fn generate(function: &Function, implementation: &Implementation) -> Result<String, Vec<String>> {
    let mut errors = Vec::new();
    let Some(base) = implementation.name.strip_suffix("_impl") else {
        return Err(vec![format!(
            "name the implementation `<name>_impl`, as C Argument Clinic does (found `{}`)",
            implementation.name
        )]);
    };
    if let Some(rust_name) = &function.rust_name
        && rust_name != base
    {
        errors.push(format!("the block says `as {rust_name}`, but the implementation is `{}`", implementation.name));
    }
    let kind = match (function.full_name.len(), function.full_name.last().map(String::as_str)) {
        (2, _) => Kind::Function,
        (3, Some("__new__")) => Kind::New,
        (3, Some("__init__")) => Kind::Init,
        (3, _) => Kind::Method,
        _ => return Err(vec!["expected module.function or module.Class.method".to_owned()]),
    };
    let mut receiver = match kind {
        Kind::Function => Receiver::Module,
        Kind::Method => Receiver::Instance,
        Kind::New | Kind::Init => Receiver::Hidden,
    };
    for decorator in &function.decorators {
        match decorator.as_str() {
            "classmethod" if kind == Kind::Method => receiver = Receiver::Class,
            "classmethod" if kind == Kind::New => {}
            other => errors.push(format!("@{other} is not supported here")),
        }
    }
    if kind == Kind::New && !function.decorators.iter().any(|decorator| decorator == "classmethod") {
        errors.push("'__new__' must be a class method: put @classmethod before it".to_owned());
    }
    let name = &function.full_name;
    let display_name = match kind {
        Kind::Function | Kind::Method => name[name.len() - 1].clone(),
        Kind::New | Kind::Init => name[1].clone(),
    };
    let full_display_name = match kind {
        Kind::Function => display_name.clone(),
        Kind::Method => name.join("."),
        Kind::New | Kind::Init => name[..2].join("."),
    };

    let defining_class = function
        .parameters
        .iter()
        .position(|parameter| parameter.converter.name == "defining_class");
    if defining_class.is_some_and(|position| position != 0) {
        errors.push("defining_class must be the first parameter".to_owned());
    }
    if defining_class.is_some() && !matches!(kind, Kind::Method) {
        errors.push("defining_class is only for methods of a class".to_owned());
    }
    if function.parameters.iter().any(|p| p.kind == ParameterKind::VarKeyword) {
        errors.push("**kwargs parameters need Python 3.14's Argument Clinic; no supported target has them".to_owned());
    }
    let named: Vec<Named> = function
        .parameters
        .iter()
        .filter(|p| p.converter.name != "defining_class" && p.kind != ParameterKind::VarPositional)
        .enumerate()
        .map(|(slot, parameter)| Named { parameter, slot })
        .collect();
    let var_positional = function.parameters.iter().any(|p| p.kind == ParameterKind::VarPositional);
    let keyword_capable = named.iter().any(|n| n.parameter.kind != ParameterKind::PositionalOnly);

    let convention = if matches!(kind, Kind::New | Kind::Init) {
        Convention::TupleAndDict
    } else if defining_class.is_some() {
        Convention::DefiningClass
    } else if named.is_empty() && !var_positional {
        Convention::NoArgs
    } else if named.len() == 1
        && !var_positional
        && named[0].parameter.kind == ParameterKind::PositionalOnly
        && named[0].parameter.default.is_none()
    {
        Convention::OneArg
    } else if !keyword_capable {
        Convention::Fastcall
    } else {
        Convention::FastcallKeywords
    };

    let mut conversions = Vec::new();
    for entry in &named {
        match entry.parameter.converter.conversion() {
            Ok(conversion) => conversions.push(conversion),
            Err(message) => errors.push(format!("parameter {:?}: {message}", entry.parameter.name)),
        }
    }
    let mut doc = match docstring::docstring(function, &display_name, receiver) {
        Ok(doc) => doc,
        Err(message) => {
            errors.push(message);
            String::new()
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let all_inline = conversions.iter().all(|conversion| conversion.inline);

    let positional: Vec<&Named> = named
        .iter()
        .filter(|n| matches!(n.parameter.kind, ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword))
        .collect();
    let positional_only = positional
        .iter()
        .filter(|n| n.parameter.kind == ParameterKind::PositionalOnly)
        .count();
    let min_positional = positional.iter().filter(|n| n.parameter.default.is_none()).count();
    let min_keyword_only = named
        .iter()
        .filter(|n| n.parameter.kind == ParameterKind::KeywordOnly && n.parameter.default.is_none())
        .count();

    // Deprecations, as Clinic words and places them.
    let keyword_deprecation = deprecate_keyword_use(&named, &full_display_name);
    let positional_deprecation = deprecate_positional_use(&positional, &full_display_name);
    let notes = keyword_deprecation.iter().map(|(_, message)| message);
    for message in notes.chain(positional_deprecation.iter().map(|(_, message)| message)) {
        let _ = write!(doc, "\n\n{}\n", docstring::fill(&format!("Note: {message}")));
    }
    let doc = docstring::finish(doc);

    let mut body = String::new();
    let message_name = &display_name;
    let slot_of = |slot: usize| match convention {
        Convention::OneArg => "::core::option::Option::Some(__arg0)".to_owned(),
        Convention::Fastcall => format!("__args.get({slot})"),
        Convention::TupleAndDict => format!("__slots[{slot}].as_ref()"),
        _ => format!("__slots[{slot}]"),
    };
    let nargs = match convention {
        Convention::TupleAndDict => "::cpython_api::types::tuple_items(__args)?.len()",
        Convention::Fastcall => "__args.len()",
        _ => "__args.positional.len()",
    };
    let named_count = named.len();
    if matches!(
        convention,
        Convention::FastcallKeywords | Convention::DefiningClass | Convention::TupleAndDict
    ) && !(convention == Convention::DefiningClass && named.is_empty() && !var_positional)
    {
        let keywords: Vec<String> = named
            .iter()
            .filter(|n| n.parameter.kind != ParameterKind::PositionalOnly)
            .map(|n| format!("__clinic::Keyword::new({:?}, \"{}\\0\")", n.parameter.name, n.parameter.name))
            .collect();
        let _ = write!(
            body,
            "static __KEYWORDS: [__clinic::Keyword; {count}] = [{list}];
            static __SIGNATURE: __clinic::Signature = __clinic::Signature {{
                function: {message_name:?},
                positional_only: {positional_only},
                keywords: &__KEYWORDS,
                min_positional: {min_positional},
                max_positional: {max_positional},
                min_keyword_only: {min_keyword_only},
                var_positional: {var_positional},
            }};
            let __nargs = {nargs};",
            count = keywords.len(),
            list = keywords.join(", "),
            max_positional = positional.len(),
        );
        if let Some((condition, message)) = &positional_deprecation {
            let _ = write!(
                body,
                "if {condition} {{ __clinic::warn_deprecated(__py, c{message:?})?; }}",
                condition = condition.replace("nargs", "__nargs")
            );
        }
        let unpack = if convention == Convention::TupleAndDict {
            format!("__SIGNATURE.unpack_tuple_and_dict::<{named_count}>(__args, __kwargs)?")
        } else {
            format!("__SIGNATURE.unpack::<{named_count}>(__py, &__args)?")
        };
        let _ = write!(body, "let (__slots, __varargs) = {unpack};");
        // Without inline code C tests after converting, see below.
        if let Some((deprecated, message)) = keyword_deprecation.as_ref().filter(|_| all_inline) {
            let condition: Vec<String> = deprecated
                .iter()
                .map(|(slot, _)| format!("(__nargs <= {slot} && __slots[{slot}].is_some())"))
                .collect();
            let _ = write!(
                body,
                "if {} {{ __clinic::warn_deprecated(__py, c{message:?})?; }}",
                condition.join(" || ")
            );
        }
    } else if convention == Convention::DefiningClass {
        let _ = write!(body, "__clinic::check_no_arguments(__py, {message_name:?}, &__args)?;");
    } else if convention == Convention::Fastcall {
        let max = if var_positional { "usize::MAX".to_owned() } else { positional.len().to_string() };
        let check = if all_inline { "check_positional" } else { "check_positional_format" };
        let _ = write!(
            body,
            "__clinic::{check}(__py, {message_name:?}, __args.len(), {min_positional}, {max})?;"
        );
        if var_positional {
            let _ = write!(
                body,
                "let __varargs = ::core::option::Option::Some(__clinic::var_positional(__py, __args, {})?);",
                positional.len()
            );
        }
    }

    let mut call_arguments = vec!["__receiver".to_owned()];
    let mut conversion_index = 0;
    for parameter in &function.parameters {
        if parameter.converter.name == "defining_class" {
            call_arguments.push("__defining_class".to_owned());
            continue;
        }
        if parameter.kind == ParameterKind::VarPositional {
            let _ = write!(
                body,
                "let __p_{name} = match __varargs {{ ::core::option::Option::Some(__tuple) => __tuple, \
                 ::core::option::Option::None => unreachable!(\"clinic: *args was not unpacked\") }};",
                name = parameter.name
            );
            call_arguments.push(format!("&__p_{}", parameter.name));
            continue;
        }
        let entry = &named[conversion_index];
        let conversion = &conversions[conversion_index];
        conversion_index += 1;
        // Format-string parsing (`_PyArg_ParseStackAndKeywords`), which C
        // falls back to without inline code, names every argument by position.
        let by_position = parameter.kind == ParameterKind::PositionalOnly || !all_inline;
        let at_name = match convention {
            Convention::OneArg => "__clinic::ArgumentName::Only".to_owned(),
            _ if by_position => format!("__clinic::ArgumentName::Position({})", entry.slot + 1),
            _ => format!("__clinic::ArgumentName::Keyword({:?})", parameter.name),
        };
        let argument_ref =
            format!("let __at = &__clinic::ArgumentRef {{ function: {message_name:?}, name: {at_name} }};");
        let converted = format!("{{ {argument_ref} {expression}? }}", expression = conversion.expression);
        let slot = slot_of(entry.slot);
        let local = format!("__p_{}", parameter.name);
        let default = parameter.default.as_deref();
        let c_default = parameter.converter.c_default().unwrap_or_default();
        let literal = default.and_then(Literal::parse);
        let optional_type = matches!(default, Some("NULL" | "unspecified"))
            || (c_default.is_none()
                && conversion.default_kind == DefaultKind::Unwritable
                && literal == Some(Literal::None));
        if let Some(empty) = &conversion.in_place {
            let fill = |target: &str, then: &str| {
                format!(
                    "{{ {argument_ref} let __slot = &mut {target}; {expression}?; {then} }}",
                    expression = conversion.expression
                )
            };
            let (statement, pass) = if default.is_none() {
                (
                    format!(
                        "let mut {local} = {empty}; match {slot} {{ ::core::option::Option::Some(__arg) => {fill}, \
                         ::core::option::Option::None => unreachable!(\"clinic: a required argument was not unpacked\") }}",
                        fill = fill(&local, "")
                    ),
                    format!("&{local}"),
                )
            } else if optional_type {
                let view = format!("{local}_view");
                (
                    format!(
                        "let mut {view} = {empty}; let {local} = match {slot} {{ ::core::option::Option::Some(__arg) => {fill}, \
                         ::core::option::Option::None => ::core::option::Option::None }};",
                        fill = fill(&view, &format!("::core::option::Option::Some(&{view})"))
                    ),
                    local,
                )
            } else if let Some(value) = c_default {
                (
                    format!(
                        "let mut {local} = {empty}; match {slot} {{ ::core::option::Option::Some(__arg) => {fill}, \
                         ::core::option::Option::None => {{ {local} = {value}; }} }}",
                        fill = fill(&local, "")
                    ),
                    format!("&{local}"),
                )
            } else {
                return Err(vec![format!(
                    "parameter {:?}: a {} defaults to None, NULL or its c_default=\"<Rust expression>\"",
                    parameter.name, parameter.converter.name
                )]);
            };
            body.push_str(&statement);
            call_arguments.push(pass);
            continue;
        }
        let pass = if conversion.lent {
            if optional_type { format!("{local}.as_ref()") } else { format!("&{local}") }
        } else {
            local.clone()
        };
        let statement = if default.is_none() {
            format!(
                "let {local} = match {slot} {{ ::core::option::Option::Some(__arg) => {converted}, \
                 ::core::option::Option::None => unreachable!(\"clinic: a required argument was not unpacked\") }};"
            )
        } else if optional_type {
            let wrap = if conversion.none_keeps_default { converted } else { format!("::core::option::Option::Some({converted})") };
            format!(
                "let {local} = match {slot} {{ ::core::option::Option::Some(__arg) => {wrap}, \
                 ::core::option::Option::None => ::core::option::Option::None }};"
            )
        } else if c_default.is_none()
            && conversion.default_kind == DefaultKind::Object
            && literal == Some(Literal::None)
        {
            format!(
                "let {local}_default; let {local} = match {slot} {{ ::core::option::Option::Some(__arg) => {converted}, \
                 ::core::option::Option::None => {{ {local}_default = __py.none(); &{local}_default }} }};"
            )
        } else {
            let value = match c_default {
                Some(value) => value,
                None => match literal.as_ref().and_then(|literal| conversion.default_kind.rust_value(literal)) {
                    Some(value) => value,
                    None => {
                        return Err(vec![format!(
                            "parameter {:?}: the default {} cannot be written in Rust for converter {}; \
                             give c_default=\"<Rust expression>\", or NULL to receive an Option",
                            parameter.name,
                            default.unwrap_or_default(),
                            parameter.converter.name
                        )]);
                    }
                },
            };
            let converted = if conversion.none_keeps_default {
                format!(
                    "match {converted} {{ ::core::option::Option::Some(__value) => __value, \
                     ::core::option::Option::None => {value} }}"
                )
            } else {
                converted
            };
            format!(
                "let {local} = match {slot} {{ ::core::option::Option::Some(__arg) => {converted}, \
                 ::core::option::Option::None => {value} }};"
            )
        };
        body.push_str(&statement);
        call_arguments.push(pass);
    }
    if let Some((deprecated, message)) = keyword_deprecation.as_ref().filter(|_| !all_inline) {
        let condition = keyword_deprecation_after_parsing(deprecated, positional_only, convention);
        let _ = write!(body, "if {condition} {{ __clinic::warn_deprecated(__py, c{message:?})?; }}");
    }
    let call = format!("{}({})", implementation.name, call_arguments.join(", "));

    let upper = base.to_uppercase();
    let doc_literal = format!("c{doc:?}");
    if convention == Convention::TupleAndDict {
        let return_type = &implementation.return_type;
        return Ok(format!(
            "#[doc = \"Parses the arguments of `{full_display_name}()` as C Argument Clinic would, then calls `{impl_name}`.\"]
            pub fn {base}<'py>(
                __receiver: &::cpython_api::Bound<'py>,
                __args: &::cpython_api::Bound<'py>,
                __kwargs: ::core::option::Option<&::cpython_api::Bound<'py>>,
            ) -> {return_type} {{
                #![allow(unused_variables)]
                use ::cpython_api::clinic as __clinic;
                let __py = __receiver.py();
                {body}
                {call}
            }}
            #[doc = \"The docstring of `{full_display_name}`, with its text signature.\"]
            pub const {upper}_DOC: &::core::ffi::CStr = {doc_literal};",
            impl_name = implementation.name,
        ));
    }

    let return_type = match &function.return_converter {
        None => None,
        Some(converter) => match return_rust_type(&converter.name) {
            Some(rust) => Some(rust),
            None => return Err(vec![format!("unknown return converter {:?}", converter.name)]),
        },
    };
    let value = match return_type {
        Some(rust) => format!("let __value: {rust} = {call}?;"),
        None => format!("let __value = {call}?;"),
    };
    let finish = format!("{body} {value} __clinic::ReturnValue::into_object(__value, __py)");
    let type_name = camel_case(base) + "Clinic";
    let (trait_name, signature, constructor) = match convention {
        Convention::NoArgs => ("NoArgs", "__receiver: &::cpython_api::Bound<'py>", "noargs"),
        Convention::OneArg => (
            "OneArg",
            "__receiver: &::cpython_api::Bound<'py>, __arg0: &::cpython_api::Bound<'py>",
            "one_arg",
        ),
        Convention::Fastcall => (
            "Fastcall",
            "__receiver: &::cpython_api::Bound<'py>, __args: &[::cpython_api::Bound<'py>]",
            "fastcall",
        ),
        Convention::FastcallKeywords => (
            "FastcallKeywords",
            "__receiver: &::cpython_api::Bound<'py>, __args: ::cpython_api::Arguments<'_, 'py>",
            "fastcall_keywords",
        ),
        Convention::DefiningClass => (
            "DefiningClassMethod",
            "__receiver: &::cpython_api::Bound<'py>, __defining_class: &::cpython_api::Bound<'py>, \
             __args: ::cpython_api::Arguments<'_, 'py>",
            "defining_class",
        ),
        Convention::TupleAndDict => unreachable!("handled above"),
    };
    Ok(format!(
        "#[doc(hidden)]
        struct {type_name};
        impl ::cpython_api::function::{trait_name} for {type_name} {{
            #[allow(unused_variables)]
            fn call<'py>({signature}) -> ::cpython_api::PyResult<::cpython_api::Bound<'py>> {{
                use ::cpython_api::clinic as __clinic;
                let __py = __receiver.py();
                {finish}
            }}
        }}
        #[doc = \"`{full_display_name}`, as the method table entry C Argument Clinic would make.\"]
        pub const {upper}_METHODDEF: ::cpython_api::MethodDef =
            ::cpython_api::MethodDef::{constructor}::<{type_name}>(c{method_name:?}, {doc_literal});",
        method_name = name[name.len() - 1],
    ))
}

/// The Rust type an implementation returns for a return converter.
fn return_rust_type(converter: &str) -> Option<&'static str> {
    Some(match converter {
        "object" => "::cpython_api::Bound<'py>",
        "NoneType" => "()",
        "bool" => "bool",
        "int" => "::core::ffi::c_int",
        "unsigned_int" => "::core::ffi::c_uint",
        "long" => "::core::ffi::c_long",
        "unsigned_long" => "::core::ffi::c_ulong",
        "Py_ssize_t" => "isize",
        "size_t" => "usize",
        "double" => "f64",
        "float" => "f32",
        _ => return None,
    })
}

fn camel_case(snake: &str) -> String {
    snake
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

/// `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`.
fn pprint_words(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Consecutive runs of parameters with the same version, in order.
fn by_version<'p>(parameters: &[(&'p Parameter, &'p str)]) -> Vec<(&'p str, Vec<String>)> {
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for (parameter, version) in parameters {
        let quoted = format!("'{}'", parameter.name);
        match groups.last_mut() {
            Some((last, names)) if last == version => names.push(quoted),
            _ => groups.push((version, vec![quoted])),
        }
    }
    groups
}

/// For `* [from X.Y]`: the condition on `nargs` and the message.
fn deprecate_positional_use(positional: &[&Named], full_display_name: &str) -> Option<(String, String)> {
    let deprecated: Vec<(usize, &Parameter, &str)> = positional
        .iter()
        .enumerate()
        .filter_map(|(index, n)| n.parameter.deprecated_positional.as_deref().map(|v| (index, n.parameter, v)))
        .collect();
    let (first, _, _) = *deprecated.first()?;
    let (last, _, _) = *deprecated.last()?;
    let (condition, amount, plural) = if deprecated.len() == 1 {
        let amount = if first > 0 { format!("{} ", first + 1) } else { String::new() };
        (format!("nargs == {}", first + 1), amount, "s")
    } else {
        let amount = if first > 0 { format!("more than {first} ") } else { String::new() };
        (
            format!("nargs > {first} && nargs <= {}", last + 1),
            amount,
            if first != 1 { "s" } else { "" },
        )
    };
    let mut message =
        format!("Passing {amount}positional argument{plural} to {full_display_name}() is deprecated.");
    let parameters: Vec<(&Parameter, &str)> = deprecated.iter().map(|(_, p, v)| (*p, *v)).collect();
    for (version, names) in by_version(&parameters) {
        let words = pprint_words(&names);
        if names.len() == 1 {
            let _ = write!(message, " Parameter {words} will become a keyword-only parameter in Python {version}.");
        } else {
            let _ = write!(message, " Parameters {words} will become keyword-only parameters in Python {version}.");
        }
    }
    Some((condition, message))
}

/// The condition C Argument Clinic (3.13) tests for `/ [from X.Y]` after
/// `_PyArg_ParseStackAndKeywords` or `_PyArg_ParseTupleAndKeywordsFast`,
/// which leave no slots to look at: `nargs` tells of a required parameter;
/// of an optional one, whether the call's keywords contain its name. A
/// required parameter makes the tests of those before it redundant.
fn keyword_deprecation_after_parsing(
    deprecated: &[(usize, bool)],
    positional_only: usize,
    convention: Convention,
) -> String {
    let mut tests: Vec<String> = Vec::new();
    for &(slot, optional) in deprecated {
        let position = slot + 1;
        if optional {
            let keyword = format!("&__KEYWORDS[{}]", slot - positional_only);
            let given = match convention {
                Convention::TupleAndDict => format!("__clinic::by_keyword::given_in_dict(__py, __kwargs, {keyword})?"),
                _ => format!("__clinic::by_keyword::given_in_vectorcall(__py, &__args, {keyword})?"),
            };
            tests.push(format!("(__nargs < {position} && {given})"));
        } else {
            tests = vec![format!("(__nargs < {position})")];
        }
    }
    let tests = tests.join(" || ");
    let last_optional = deprecated.last().is_some_and(|&(_, optional)| optional);
    if !last_optional {
        return tests;
    }
    let any = match convention {
        Convention::TupleAndDict => "__clinic::by_keyword::any_in_dict(__kwargs)",
        _ => "__clinic::by_keyword::any_in_vectorcall(&__args)",
    };
    format!("{any} && ({tests})")
}

/// For `/ [from X.Y]`: the slots to check, each with whether its parameter
/// is optional, and the message.
fn deprecate_keyword_use(named: &[Named], full_display_name: &str) -> Option<(Vec<(usize, bool)>, String)> {
    let deprecated: Vec<(&Named, &str)> = named
        .iter()
        .filter_map(|n| n.parameter.deprecated_keyword.as_deref().map(|version| (n, version)))
        .collect();
    if deprecated.is_empty() {
        return None;
    }
    let names: Vec<String> = deprecated.iter().map(|(n, _)| format!("'{}'", n.parameter.name)).collect();
    let plural = if names.len() != 1 { "s" } else { "" };
    let mut message = format!(
        "Passing keyword argument{plural} {} to {full_display_name}() is deprecated.",
        pprint_words(&names)
    );
    let parameters: Vec<(&Parameter, &str)> = deprecated.iter().map(|(n, v)| (n.parameter, *v)).collect();
    for (version, names) in by_version(&parameters) {
        let plural = if names.len() != 1 { "s" } else { "" };
        let _ = write!(
            message,
            " Parameter{plural} {} will become positional-only in Python {version}.",
            pprint_words(&names)
        );
    }
    let slots = deprecated.iter().map(|(n, _)| (n.slot, n.parameter.default.is_some())).collect();
    Some((slots, message))
}
