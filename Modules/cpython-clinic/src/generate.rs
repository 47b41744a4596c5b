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
    /// `METH_VARARGS`: a tuple (`@disable fastcall`, optional groups).
    Varargs,
    /// `METH_VARARGS | METH_KEYWORDS`: a tuple and a dict (`@disable
    /// fastcall` with keywords, `**kwargs`).
    VarargsKeywords,
    /// `METH_VARARGS` parsed by the number of arguments, for optional groups.
    Groups,
}

impl Convention {
    /// Whether the positional arguments come as a tuple (`__args`).
    fn takes_tuple(self) -> bool {
        matches!(
            self,
            Convention::TupleAndDict | Convention::Varargs | Convention::VarargsKeywords | Convention::Groups
        )
    }
}

/// How `*args` reaches the implementation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum VarPositional {
    /// A tuple (`*args: tuple`, and `object` as 3.13's Clinic wrote it).
    Tuple,
    /// The arguments themselves, as a slice (`*args: array`).
    Array,
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
        errors.push(format!(
            "the block says `as {rust_name}`, but the implementation is `{}`",
            implementation.name
        ));
    }
    let kind = match (function.full_name.len(), function.full_name.last().map(String::as_str)) {
        (2, _) => Kind::Function,
        (3, Some("__new__")) => Kind::New,
        (3, Some("__init__")) => Kind::Init,
        (3, _) => Kind::Method,
        _ => return Err(vec!["expected module.function or module.Class.method".to_owned()]),
    };
    let mut no_fastcall = false;
    let mut receiver = match kind {
        Kind::Function => Receiver::Module,
        Kind::Method => Receiver::Instance,
        Kind::New | Kind::Init => Receiver::Hidden,
    };
    for decorator in &function.decorators {
        match decorator.as_str() {
            "classmethod" if kind == Kind::Method => receiver = Receiver::Class,
            "classmethod" if kind == Kind::New => {}
            "disable fastcall" if matches!(kind, Kind::Function | Kind::Method) => no_fastcall = true,
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
    let named: Vec<Named> = function
        .parameters
        .iter()
        .filter(|p| {
            p.converter.name != "defining_class"
                && !matches!(p.kind, ParameterKind::VarPositional | ParameterKind::VarKeyword)
        })
        .enumerate()
        .map(|(slot, parameter)| Named { parameter, slot })
        .collect();
    let var_positional = match function
        .parameters
        .iter()
        .find(|p| p.kind == ParameterKind::VarPositional)
    {
        None => None,
        Some(parameter) => match parameter.converter.name.as_str() {
            "object" | "tuple" => Some(VarPositional::Tuple),
            "array" => Some(VarPositional::Array),
            other => {
                errors.push(format!(
                    "*{}: the converter is tuple or array, not {other}",
                    parameter.name
                ));
                None
            }
        },
    };
    let var_keyword = function.parameters.iter().find(|p| p.kind == ParameterKind::VarKeyword);
    if let Some(parameter) = var_keyword
        && parameter.converter.name != "dict"
    {
        errors.push(format!("**{}: the converter is dict", parameter.name));
    }
    let keyword_capable = named.iter().any(|n| n.parameter.kind != ParameterKind::PositionalOnly);
    let grouped = function.parameters.iter().any(|p| p.group.is_some());
    if grouped && (keyword_capable || var_positional.is_some() || var_keyword.is_some() || defining_class.is_some()) {
        errors
            .push("optional groups take positional-only parameters, without *args, **kwargs or defining_class".into());
    }
    if var_keyword.is_some() && (keyword_capable || defining_class.is_some()) {
        errors.push("**kwargs goes with positional-only parameters and *args only".into());
    }
    if no_fastcall && defining_class.is_some() {
        errors.push("@disable fastcall does not go with defining_class".into());
    }
    let var_positional_kind = var_positional;
    let var_positional = var_positional.is_some();

    let convention = if matches!(kind, Kind::New | Kind::Init) {
        Convention::TupleAndDict
    } else if grouped {
        Convention::Groups
    } else if var_keyword.is_some() || (no_fastcall && keyword_capable) {
        Convention::VarargsKeywords
    } else if no_fastcall {
        Convention::Varargs
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
        .filter(|n| {
            matches!(
                n.parameter.kind,
                ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword
            )
        })
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
    // With keywords to look for, the slots come from a `Signature`; without,
    // straight from the positional arguments (`__items`, for a tuple).
    let keyword_parsing = match convention {
        Convention::FastcallKeywords | Convention::TupleAndDict => true,
        Convention::DefiningClass => !named.is_empty() || var_positional,
        Convention::VarargsKeywords => keyword_capable,
        _ => false,
    };
    let tuple_slots = convention.takes_tuple() && keyword_parsing;
    let slot_of = |slot: usize| match convention {
        Convention::OneArg => "::core::option::Option::Some(__arg0)".to_owned(),
        Convention::Fastcall => format!("__args.get({slot})"),
        Convention::Groups => format!("__group_slots[{slot}].map(|__index| &__items[__index])"),
        _ if tuple_slots => format!("__slots[{slot}].as_ref()"),
        _ if convention.takes_tuple() => format!("__items.get({slot})"),
        _ => format!("__slots[{slot}]"),
    };
    // The positional arguments, as a slice, for `*args` and the counts.
    let positional_arguments = match convention {
        Convention::Fastcall => "__args",
        _ if convention.takes_tuple() => "__items",
        _ => "__args.positional",
    };
    let nargs = format!("{positional_arguments}.len()");
    if convention.takes_tuple() {
        body.push_str("let __items = ::cpython_api::types::tuple_items(__args)?;");
    }
    let named_count = named.len();
    if keyword_parsing {
        let keywords: Vec<String> = named
            .iter()
            .filter(|n| n.parameter.kind != ParameterKind::PositionalOnly)
            .map(|n| {
                format!(
                    "__clinic::Keyword::new({:?}, \"{}\\0\")",
                    n.parameter.name, n.parameter.name
                )
            })
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
        let unpack = if convention.takes_tuple() {
            format!("__SIGNATURE.unpack_tuple_and_dict::<{named_count}>(__args, __kwargs)?")
        } else {
            format!("__SIGNATURE.unpack::<{named_count}>(__py, &__args)?")
        };
        let _ = write!(body, "let __slots = {unpack};");
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
    } else if convention == Convention::Groups {
        match group_cases(function, &named, message_name) {
            Ok(cases) => body.push_str(&cases),
            Err(message) => return Err(vec![message]),
        }
    } else if var_keyword.is_some() && positional.is_empty() && !var_positional {
        let _ = write!(body, "__clinic::check_no_positional(__py, {message_name:?}, __items)?;");
    } else if matches!(
        convention,
        Convention::Fastcall | Convention::Varargs | Convention::VarargsKeywords
    ) {
        let max = if var_positional {
            "usize::MAX".to_owned()
        } else {
            positional.len().to_string()
        };
        let check = if all_inline {
            "check_positional"
        } else {
            "check_positional_format"
        };
        let _ = write!(
            body,
            "__clinic::{check}(__py, {message_name:?}, {nargs}, {min_positional}, {max})?;"
        );
    }

    let mut call_arguments = vec!["__receiver".to_owned()];
    let mut conversion_index = 0;
    let mut previous_group = None;
    for parameter in &function.parameters {
        if let Some(group) = parameter.group
            && previous_group != Some(group)
        {
            call_arguments.push(group_flag(group));
        }
        previous_group = parameter.group;
        if parameter.converter.name == "defining_class" {
            call_arguments.push("__defining_class".to_owned());
            continue;
        }
        if parameter.kind == ParameterKind::VarPositional {
            let start = positional.len();
            let extra = format!("{positional_arguments}.get({start}..).unwrap_or_default()");
            let value = match var_positional_kind {
                Some(VarPositional::Array) => extra,
                // The tuple C was given is the one `*args` needs.
                _ if convention.takes_tuple() && start == 0 => "__args.clone()".to_owned(),
                _ => format!("__clinic::var_positional(__py, {extra})?"),
            };
            let _ = write!(body, "let __p_{name} = {value};", name = parameter.name);
            let pass = if var_positional_kind == Some(VarPositional::Array) {
                ""
            } else {
                "&"
            };
            call_arguments.push(format!("{pass}__p_{}", parameter.name));
            continue;
        }
        if parameter.kind == ParameterKind::VarKeyword {
            let _ = write!(
                body,
                "let __p_{} = __clinic::var_keyword(__py, __kwargs)?;",
                parameter.name
            );
            call_arguments.push(format!("&__p_{}", parameter.name));
            continue;
        }
        let entry = &named[conversion_index];
        let conversion = &conversions[conversion_index];
        conversion_index += 1;
        // Format-string parsing (`_PyArg_ParseStackAndKeywords`), which C
        // falls back to without inline code, names every argument by position.
        let by_position =
            parameter.kind == ParameterKind::PositionalOnly || !all_inline || convention == Convention::Groups;
        let at_name = match convention {
            Convention::OneArg => "__clinic::ArgumentName::Only".to_owned(),
            _ if by_position => format!("__clinic::ArgumentName::Position({})", entry.slot + 1),
            _ => format!("__clinic::ArgumentName::Keyword({:?})", parameter.name),
        };
        let argument_ref =
            format!("let __at = &__clinic::ArgumentRef {{ function: {message_name:?}, name: {at_name} }};");
        let expression = conversion
            .expression
            .replace("__parameter_name", &format!("{:?}", parameter.name));
        let converted = format!("{{ {argument_ref} {expression}? }}");
        let slot = slot_of(entry.slot);
        let local = format!("__p_{}", parameter.name);
        // A parameter of an optional group may be missing: `None` then.
        let default = if parameter.group.is_some() {
            Some("NULL")
        } else {
            parameter.default.as_deref()
        };
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
            if optional_type {
                format!("{local}.as_ref()")
            } else {
                format!("&{local}")
            }
        } else {
            local.clone()
        };
        let statement = if default.is_none() {
            format!(
                "let {local} = match {slot} {{ ::core::option::Option::Some(__arg) => {converted}, \
                 ::core::option::Option::None => unreachable!(\"clinic: a required argument was not unpacked\") }};"
            )
        } else if optional_type {
            let wrap = if conversion.none_keeps_default {
                converted
            } else {
                format!("::core::option::Option::Some({converted})")
            };
            format!(
                "let {local} = match {slot} {{ ::core::option::Option::Some(__arg) => {wrap}, \
                 ::core::option::Option::None => ::core::option::Option::None }};"
            )
        } else if let Some(object) = c_default
            .is_none()
            .then(|| object_default(conversion.default_kind, literal.as_ref()))
            .flatten()
        {
            format!(
                "let {local}_default; let {local} = match {slot} {{ ::core::option::Option::Some(__arg) => {converted}, \
                 ::core::option::Option::None => {{ {local}_default = {object}; &{local}_default }} }};"
            )
        } else {
            let value = match c_default {
                Some(value) => value,
                None => match literal
                    .as_ref()
                    .and_then(|literal| conversion.default_kind.rust_value(literal))
                {
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
        let _ = write!(
            body,
            "if {condition} {{ __clinic::warn_deprecated(__py, c{message:?})?; }}"
        );
    }
    let call = format!("{}({})", implementation.name, call_arguments.join(", "));

    let upper = base.to_uppercase();
    let doc_literal = format!("c{doc:?}");
    if matches!(kind, Kind::New | Kind::Init) {
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
        Convention::Varargs | Convention::Groups => (
            "Varargs",
            "__receiver: &::cpython_api::Bound<'py>, __args: &::cpython_api::Bound<'py>",
            "varargs",
        ),
        Convention::VarargsKeywords => (
            "VarargsKeywords",
            "__receiver: &::cpython_api::Bound<'py>, __args: &::cpython_api::Bound<'py>, \
             __kwargs: ::core::option::Option<&::cpython_api::Bound<'py>>",
            "varargs_keywords",
        ),
        Convention::TupleAndDict => unreachable!("handled above"),
    };
    let class_method = if receiver == Receiver::Class {
        ".class_method()"
    } else {
        ""
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
            ::cpython_api::MethodDef::{constructor}::<{type_name}>(c{method_name:?}, {doc_literal}){class_method};",
        method_name = name[name.len() - 1],
    ))
}

/// The object an `object` parameter defaults to, for the singletons a
/// literal can name.
fn object_default(kind: DefaultKind, literal: Option<&Literal>) -> Option<String> {
    match (kind, literal?) {
        (DefaultKind::Object, Literal::None) => Some("__py.none()".to_owned()),
        (DefaultKind::Object, Literal::Bool(value)) => Some(format!("__py.bool({value})")),
        _ => None,
    }
}

/// The argument passed for an optional group: whether it was given.
fn group_flag(group: crate::model::Group) -> String {
    let side = if group.left { "left" } else { "right" };
    format!("__group_{side}_{}", group.number)
}

/// For optional groups: the code that decides, from the number of
/// arguments, which groups are given (`__group_left_1`, ...) and where each
/// parameter's argument is (`__group_slots`, indexes into `__items`). The
/// groups given are the innermost left ones, and the right ones from the
/// left; parameters with a default in no group are filled before right
/// groups. A count that two cases share is a compile error, as C Clinic
/// rejects such a signature; a count no case has raises C's error.
fn group_cases(function: &Function, named: &[Named], name: &str) -> Result<String, String> {
    let groups_on = |left: bool| {
        let mut numbers: Vec<usize> = named
            .iter()
            .filter_map(|n| n.parameter.group.filter(|g| g.left == left).map(|g| g.number))
            .collect();
        numbers.dedup();
        numbers.sort_unstable();
        numbers
    };
    let (left_groups, right_groups) = (groups_on(true), groups_on(false));
    let optional = named
        .iter()
        .filter(|n| n.parameter.group.is_none() && n.parameter.default.is_some())
        .count();
    let mut flags: Vec<crate::model::Group> = Vec::new();
    for parameter in &function.parameters {
        if let Some(group) = parameter.group
            && !flags.contains(&group)
        {
            flags.push(group);
        }
    }
    let mut cases: Vec<(usize, String)> = Vec::new();
    for left in 0..=left_groups.len() {
        for given_optional in 0..=optional {
            let rights = if given_optional == optional {
                right_groups.len()
            } else {
                0
            };
            for right in 0..=rights {
                let given = |n: &Named| match n.parameter.group {
                    Some(group) if group.left => group.number <= left,
                    Some(group) => group.number <= right,
                    None => true,
                };
                let mut index = 0;
                let mut optional_seen = 0;
                let mut slots = Vec::new();
                for n in named {
                    let present = if n.parameter.group.is_none() && n.parameter.default.is_some() {
                        optional_seen += 1;
                        optional_seen <= given_optional
                    } else {
                        given(n)
                    };
                    if present {
                        slots.push(format!("::core::option::Option::Some({index}usize)"));
                        index += 1;
                    } else {
                        slots.push("::core::option::Option::None".to_owned());
                    }
                }
                let group_values: Vec<&str> = flags
                    .iter()
                    .map(|group| {
                        let on = if group.left {
                            group.number <= left
                        } else {
                            group.number <= right
                        };
                        if on { "true" } else { "false" }
                    })
                    .collect();
                if cases.iter().any(|(count, _)| *count == index) {
                    return Err(format!(
                        "the optional groups are ambiguous: {index} arguments fit two ways of filling them"
                    ));
                }
                cases.push((
                    index,
                    format!("(({},), [{}])", group_values.join(", "), slots.join(", ")),
                ));
            }
        }
    }
    cases.sort();
    let min = cases.first().map_or(0, |(count, _)| *count);
    let max = cases.last().map_or(0, |(count, _)| *count);
    let arms: String = cases
        .iter()
        .map(|(count, value)| format!("{count} => {value},"))
        .collect();
    let names: Vec<String> = flags.iter().map(|group| group_flag(*group)).collect();
    Ok(format!(
        "let (({names},), __group_slots) = match __items.len() {{ {arms} \
         _ => return ::core::result::Result::Err(::cpython_api::PyErr::new(::cpython_api::exceptions::TypeError(__py), \
         {message:?})) }};",
        names = names.join(", "),
        message = format!("{name} requires {min} to {max} arguments"),
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
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
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
        .filter_map(|(index, n)| {
            n.parameter
                .deprecated_positional
                .as_deref()
                .map(|v| (index, n.parameter, v))
        })
        .collect();
    let (first, _, _) = *deprecated.first()?;
    let (last, _, _) = *deprecated.last()?;
    let (condition, amount, plural) = if deprecated.len() == 1 {
        let amount = if first > 0 {
            format!("{} ", first + 1)
        } else {
            String::new()
        };
        (format!("nargs == {}", first + 1), amount, "s")
    } else {
        let amount = if first > 0 {
            format!("more than {first} ")
        } else {
            String::new()
        };
        (
            format!("nargs > {first} && nargs <= {}", last + 1),
            amount,
            if first != 1 { "s" } else { "" },
        )
    };
    let mut message = format!("Passing {amount}positional argument{plural} to {full_display_name}() is deprecated.");
    let parameters: Vec<(&Parameter, &str)> = deprecated.iter().map(|(_, p, v)| (*p, *v)).collect();
    for (version, names) in by_version(&parameters) {
        let words = pprint_words(&names);
        if names.len() == 1 {
            let _ = write!(
                message,
                " Parameter {words} will become a keyword-only parameter in Python {version}."
            );
        } else {
            let _ = write!(
                message,
                " Parameters {words} will become keyword-only parameters in Python {version}."
            );
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
    let names: Vec<String> = deprecated
        .iter()
        .map(|(n, _)| format!("'{}'", n.parameter.name))
        .collect();
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
    let slots = deprecated
        .iter()
        .map(|(n, _)| (n.slot, n.parameter.default.is_some()))
        .collect();
    Some((slots, message))
}
