//! Reads the text of a clinic block into a [`Function`].
//!
//! The layout is Argument Clinic's: optional `@decorator` lines, the
//! function line at the block's left margin (`module.name [as rust_name]
//! [-> converter]`), parameter lines indented under it (each optionally
//! followed by its documentation, indented further, and with `/` and `*`
//! markers on lines of their own), then the docstring back at the margin.
//! The block may be indented as a whole (as inside a Rust raw string): the
//! indentation of its first non-blank line is the margin.
//!
//! Parsing collects every error it can rather than stopping at the first.

use crate::model::{Converter, Error, Function, Group, Parameter, ParameterKind};

pub fn parse(text: &str) -> Result<Function, Vec<Error>> {
    let lines: Vec<&str> = text.lines().collect();
    let margin = lines
        .iter()
        .find(|line| !line.trim().is_empty())
        .map_or(0, |line| indentation(line));
    let mut errors = Vec::new();
    let mut index = 0;
    let skip_blank = |index: &mut usize| {
        while *index < lines.len() && lines[*index].trim().is_empty() {
            *index += 1;
        }
    };

    skip_blank(&mut index);
    let mut decorators = Vec::new();
    while index < lines.len() && lines[index].trim_start().starts_with('@') {
        decorators.push(lines[index].trim()[1..].to_owned());
        index += 1;
        skip_blank(&mut index);
    }
    let Some(header) = lines.get(index) else {
        return Err(vec![Error {
            line: 1,
            message: "a clinic block needs a function line".to_owned(),
        }]);
    };
    let header_line = index + 1;
    let (full_name, rust_name, return_converter) = match parse_header(header.trim()) {
        Ok(header) => header,
        Err(message) => {
            errors.push(Error {
                line: header_line,
                message,
            });
            (Vec::new(), None, None)
        }
    };
    index += 1;

    let mut parameters: Vec<Parameter> = Vec::new();
    let mut parameter_indent = None;
    let mut kind = ParameterKind::PositionalOrKeyword;
    let mut seen_slash = false;
    // The version of the `* [from X.Y]` in force, and the index of the first
    // parameter a `/ [from X.Y]` would cover.
    let mut deprecated_positional: Option<String> = None;
    let mut deprecated_keyword_start = 0;
    // The optional group being read: its index among all groups, from 0.
    let mut open_group: Option<usize> = None;
    let mut groups = 0;
    while index < lines.len() {
        let line = lines[index];
        let line_number = index + 1;
        // Blank lines, and comment lines as C Clinic skips them.
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            index += 1;
            continue;
        }
        let indent = indentation(line).saturating_sub(margin);
        if indent == 0 {
            break;
        }
        let level = *parameter_indent.get_or_insert(indent);
        let content = line.trim();
        if indent > level {
            match parameters.last_mut() {
                Some(parameter) => push_doc_line(&mut parameter.doc, &line[(margin + level).min(line.len())..]),
                None => errors.push(Error {
                    line: line_number,
                    message: "documentation before any parameter".into(),
                }),
            }
        } else if indent < level {
            errors.push(Error {
                line: line_number,
                message: "parameter lines must be indented alike".into(),
            });
        } else if let Some(version) = deprecation_marker(content, '/') {
            match version {
                Ok(version) if kind == ParameterKind::KeywordOnly => errors.push(Error {
                    line: line_number,
                    message: format!("'/ [from {version}]' must come before '*'"),
                }),
                Ok(version) => {
                    for parameter in &mut parameters[deprecated_keyword_start..] {
                        if parameter.kind == ParameterKind::PositionalOrKeyword {
                            parameter.deprecated_keyword = Some(version.clone());
                        }
                    }
                    deprecated_keyword_start = parameters.len();
                }
                Err(message) => errors.push(Error {
                    line: line_number,
                    message,
                }),
            }
        } else if let Some(version) = deprecation_marker(content, '*') {
            match version {
                Ok(_) if kind == ParameterKind::KeywordOnly => errors.push(Error {
                    line: line_number,
                    message: "'* [from ...]' must come before '*'".into(),
                }),
                Ok(version) => deprecated_positional = Some(version),
                Err(message) => errors.push(Error {
                    line: line_number,
                    message,
                }),
            }
        } else if content == "[" {
            if open_group.is_some() {
                errors.push(Error {
                    line: line_number,
                    message: "nested optional groups are not supported".into(),
                });
            }
            open_group = Some(groups);
            groups += 1;
        } else if content == "]" {
            if open_group.take().is_none() {
                errors.push(Error {
                    line: line_number,
                    message: "']' closes no optional group".into(),
                });
            }
        } else if content == "/" {
            if open_group.is_some() {
                errors.push(Error {
                    line: line_number,
                    message: "'/' inside an optional group".into(),
                });
            }
            if seen_slash {
                errors.push(Error {
                    line: line_number,
                    message: "'/' given twice".into(),
                });
            } else if parameters
                .iter()
                .any(|parameter| parameter.kind == ParameterKind::KeywordOnly)
            {
                // 3.11's Clinic accepts `/` right after `*args` (its
                // _testclinic has `a: object, *args: object, /`), but not
                // after a keyword-only parameter.
                errors.push(Error {
                    line: line_number,
                    message: "'/' must come before '*'".into(),
                });
            }
            seen_slash = true;
            deprecated_keyword_start = parameters.len();
            for parameter in &mut parameters {
                if parameter.kind == ParameterKind::PositionalOrKeyword {
                    parameter.kind = ParameterKind::PositionalOnly;
                }
            }
        } else if content == "*" {
            if kind == ParameterKind::KeywordOnly {
                errors.push(Error {
                    line: line_number,
                    message: "'*' given twice".into(),
                });
            }
            kind = ParameterKind::KeywordOnly;
        } else {
            match parse_parameter(content, kind, line_number) {
                Ok(mut parameter) => {
                    if parameter.kind == ParameterKind::PositionalOrKeyword {
                        parameter.deprecated_positional = deprecated_positional.clone();
                    }
                    if parameter.kind == ParameterKind::VarPositional {
                        kind = ParameterKind::KeywordOnly;
                    }
                    parameter.group = open_group.map(|number| Group { number, left: false });
                    parameters.push(parameter);
                }
                Err(message) => errors.push(Error {
                    line: line_number,
                    message,
                }),
            }
        }
        index += 1;
    }

    if open_group.is_some() {
        errors.push(Error {
            line: lines.len(),
            message: "an optional group is not closed with ']'".into(),
        });
    }
    number_groups(&mut parameters);
    for parameter in &mut parameters {
        parameter.doc = dedent(&parameter.doc);
    }
    let docstring = dedent_docstring(&lines[index.min(lines.len())..], margin);
    if errors.is_empty() {
        Ok(Function {
            full_name,
            rust_name,
            return_converter,
            decorators,
            parameters,
            docstring,
            line: header_line,
        })
    } else {
        Err(errors)
    }
}

/// Groups before the first parameter in no group are left groups, numbered
/// from the innermost (the nearest to those parameters) outwards; the others
/// are right groups, numbered from the left, as C Clinic numbers them.
fn number_groups(parameters: &mut [Parameter]) {
    let first_ungrouped = parameters.iter().position(|parameter| parameter.group.is_none());
    let boundary = first_ungrouped.unwrap_or(parameters.len());
    let mut order: Vec<usize> = Vec::new();
    for parameter in parameters.iter() {
        if let Some(group) = parameter.group
            && !order.contains(&group.number)
        {
            order.push(group.number);
        }
    }
    let left_count = parameters[..boundary]
        .iter()
        .filter_map(|parameter| parameter.group.map(|group| group.number))
        .fold(Vec::new(), |mut seen, number| {
            if !seen.contains(&number) {
                seen.push(number);
            }
            seen
        })
        .len();
    for (index, parameter) in parameters.iter_mut().enumerate() {
        if let Some(group) = &mut parameter.group {
            let position = order
                .iter()
                .position(|number| *number == group.number)
                .unwrap_or_default();
            group.left = index < boundary;
            group.number = if group.left {
                left_count - position
            } else {
                position - left_count + 1
            };
        }
    }
}

/// `* [from 3.14]` or `/ [from 3.14]` (for `marker` `*` or `/`): the
/// version, or what is wrong with it; `None` if the line is neither.
fn deprecation_marker(content: &str, marker: char) -> Option<Result<String, String>> {
    let rest = content.strip_prefix(marker)?.trim_start();
    let inside = rest.strip_prefix('[')?.strip_suffix(']')?.trim();
    let Some(version) = inside.strip_prefix("from ") else {
        return Some(Err(format!("{content:?}: expected '{marker} [from X.Y]'")));
    };
    let version = version.trim();
    let is_version = version.split_once('.').is_some_and(|(major, minor)| {
        !major.is_empty()
            && !minor.is_empty()
            && major.bytes().all(|byte| byte.is_ascii_digit())
            && minor.bytes().all(|byte| byte.is_ascii_digit())
    });
    Some(if is_version {
        Ok(version.to_owned())
    } else {
        Err(format!("{version:?} is not a version like 3.14"))
    })
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

fn push_doc_line(doc: &mut String, line: &str) {
    if !doc.is_empty() {
        doc.push('\n');
    }
    doc.push_str(line.trim_end());
}

/// `module.name [as rust_name] [-> converter]`.
fn parse_header(text: &str) -> Result<(Vec<String>, Option<String>, Option<Converter>), String> {
    let (text, return_converter) = match text.split_once("->") {
        Some((before, converter)) => (before.trim(), Some(parse_converter(converter.trim())?)),
        None => (text, None),
    };
    let (dotted, rust_name) = match text.split_once(" as ") {
        Some((dotted, rust_name)) => {
            let rust_name = rust_name.trim();
            if !is_identifier(rust_name) {
                return Err(format!("{rust_name:?} after 'as' is not an identifier"));
            }
            (dotted.trim(), Some(rust_name.to_owned()))
        }
        None => (text.trim(), None),
    };
    let full_name: Vec<String> = dotted.split('.').map(str::to_owned).collect();
    if full_name.len() < 2 || !full_name.iter().all(|part| is_identifier(part)) {
        return Err(format!("{dotted:?} is not a dotted name like module.function"));
    }
    Ok((full_name, rust_name, return_converter))
}

/// `name: converter[(arguments)] [= default]`, `*name: converter`,
/// `**name: converter`.
fn parse_parameter(text: &str, kind: ParameterKind, line: usize) -> Result<Parameter, String> {
    let (text, kind) = if let Some(rest) = text.strip_prefix("**") {
        (rest, ParameterKind::VarKeyword)
    } else if let Some(rest) = text.strip_prefix('*') {
        (rest, ParameterKind::VarPositional)
    } else {
        (text, kind)
    };
    let Some((name, rest)) = text.split_once(':') else {
        return Err(format!("{text:?} is not a parameter: expected 'name: converter'"));
    };
    let name = name.trim();
    if !is_identifier(name) {
        return Err(format!("{name:?} is not a parameter name"));
    }
    let (converter, default) = match split_top_level(rest, '=') {
        Some((converter, default)) => (converter.trim(), Some(default.trim().to_owned())),
        None => (rest.trim(), None),
    };
    if default.as_deref() == Some("") {
        return Err(format!("parameter {name:?} has '=' but no default"));
    }
    Ok(Parameter {
        name: name.to_owned(),
        converter: parse_converter(converter)?,
        default,
        kind,
        doc: String::new(),
        deprecated_positional: None,
        deprecated_keyword: None,
        group: None,
        line,
    })
}

/// `name` or `name(keyword=value, ...)`.
fn parse_converter(text: &str) -> Result<Converter, String> {
    let (name, arguments) = match text.split_once('(') {
        Some((name, rest)) => {
            let Some(inside) = rest.trim_end().strip_suffix(')') else {
                return Err(format!("{text:?}: unbalanced parentheses"));
            };
            (name.trim(), parse_arguments(inside)?)
        }
        None => (text.trim(), Vec::new()),
    };
    if !is_identifier(name) {
        return Err(format!("{name:?} is not a converter name"));
    }
    Ok(Converter {
        name: name.to_owned(),
        arguments,
    })
}

fn parse_arguments(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut arguments = Vec::new();
    for argument in split_all_top_level(text, ',') {
        let argument = argument.trim();
        if argument.is_empty() {
            continue;
        }
        let Some((keyword, value)) = split_top_level(argument, '=') else {
            return Err(format!("converter argument {argument:?} must be keyword=value"));
        };
        let keyword = keyword.trim();
        if !is_identifier(keyword) {
            return Err(format!("{keyword:?} is not a keyword"));
        }
        arguments.push((keyword.to_owned(), value.trim().to_owned()));
    }
    Ok(arguments)
}

/// Splits at the first `separator` outside quotes and brackets.
fn split_top_level(text: &str, separator: char) -> Option<(&str, &str)> {
    top_level_positions(text, separator)
        .next()
        .map(|at| (&text[..at], &text[at + 1..]))
}

fn split_all_top_level(text: &str, separator: char) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for at in top_level_positions(text, separator) {
        pieces.push(&text[start..at]);
        start = at + 1;
    }
    pieces.push(&text[start..]);
    pieces
}

/// Byte positions of `separator` outside quotes and brackets; `==`, `<=`,
/// `>=` and `!=` are not an `=` separator.
fn top_level_positions(text: &str, separator: char) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    text.char_indices()
        .filter(move |&(at, character)| {
            if let Some(open) = quote {
                if escaped {
                    escaped = false;
                } else if character == '\\' {
                    escaped = true;
                } else if character == open {
                    quote = None;
                }
                return false;
            }
            match character {
                '\'' | '"' => quote = Some(character),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            }
            let comparison =
                character == '=' && (bytes.get(at + 1) == Some(&b'=') || at > 0 && b"=<>!".contains(&bytes[at - 1]));
            depth == 0 && character == separator && !comparison
        })
        .map(|(at, _)| at)
}

fn is_identifier(text: &str) -> bool {
    let mut characters = text.chars();
    characters
        .next()
        .is_some_and(|first| first == '_' || first.is_alphabetic())
        && characters.all(|character| character == '_' || character.is_alphanumeric())
}

/// `text` without the indentation its non-blank lines share.
fn dedent(text: &str) -> String {
    let common = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(indentation)
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|line| line.get(common..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The docstring lines, without the margin and surrounding blank lines.
fn dedent_docstring(lines: &[&str], margin: usize) -> String {
    let kept: Vec<&str> = lines
        .iter()
        .map(|line| line.get(margin..).unwrap_or("").trim_end())
        .collect();
    let start = kept.iter().position(|line| !line.is_empty()).unwrap_or(kept.len());
    let end = kept
        .iter()
        .rposition(|line| !line.is_empty())
        .map_or(start, |last| last + 1);
    kept[start..end].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Function {
        parse(text).unwrap_or_else(|errors| panic!("{errors:?}"))
    }

    #[test]
    fn positional_only_parameters_and_docstring() {
        let function = parsed(
            "
            binascii.crc_hqx

                data: Py_buffer
                crc: unsigned_int(bitwise=True)
                /

            Compute CRC-CCITT incrementally.
            ",
        );
        assert_eq!(function.full_name, ["binascii", "crc_hqx"]);
        assert_eq!(function.line, 2);
        assert_eq!(function.parameters.len(), 2);
        assert!(
            function
                .parameters
                .iter()
                .all(|parameter| parameter.kind == ParameterKind::PositionalOnly)
        );
        assert_eq!(function.parameters[1].converter.name, "unsigned_int");
        assert_eq!(
            function.parameters[1].converter.arguments,
            [("bitwise".to_owned(), "True".to_owned())]
        );
        assert_eq!(function.docstring, "Compute CRC-CCITT incrementally.");
    }

    #[test]
    fn keyword_only_defaults_and_parameter_docs() {
        let function = parsed(
            "binascii.b2a_base64 as encode -> object

    data: Py_buffer(accept={buffer})
        The data.
        More about it.
    /
    *
    newline: bool = True

Base64-code line of data.

The body.",
        );
        assert_eq!(function.rust_name.as_deref(), Some("encode"));
        assert_eq!(
            function.return_converter.as_ref().map(|c| c.name.as_str()),
            Some("object")
        );
        let [data, newline] = &function.parameters[..] else {
            panic!()
        };
        assert_eq!(data.kind, ParameterKind::PositionalOnly);
        assert_eq!(data.converter.arguments, [("accept".to_owned(), "{buffer}".to_owned())]);
        assert_eq!(data.doc, "The data.\nMore about it.");
        assert_eq!(newline.kind, ParameterKind::KeywordOnly);
        assert_eq!(newline.default.as_deref(), Some("True"));
        assert_eq!(function.docstring, "Base64-code line of data.\n\nThe body.");
    }

    #[test]
    fn star_args_makes_the_rest_keyword_only() {
        let function = parsed("m.f\n    a: object\n    *args: tuple\n    b: int = 0\n");
        let kinds: Vec<ParameterKind> = function.parameters.iter().map(|parameter| parameter.kind).collect();
        assert_eq!(
            kinds,
            [
                ParameterKind::PositionalOrKeyword,
                ParameterKind::VarPositional,
                ParameterKind::KeywordOnly
            ]
        );
    }

    #[test]
    fn decorators_and_methods() {
        let function = parsed("@classmethod\nm.Class.make\n    cls: defining_class\n    /\n");
        assert_eq!(function.decorators, ["classmethod"]);
        assert_eq!(function.full_name, ["m", "Class", "make"]);
        assert_eq!(function.line, 2);
    }

    #[test]
    fn defaults_with_separators_inside() {
        let function =
            parsed("m.f\n    a: str(accept={str, NoneType}) = \"a=b, c\"\n    b: int(c_default=\"x == y\") = 1\n");
        assert_eq!(function.parameters[0].default.as_deref(), Some("\"a=b, c\""));
        assert_eq!(function.parameters[0].converter.arguments[0].1, "{str, NoneType}");
        assert_eq!(function.parameters[1].converter.arguments[0].1, "\"x == y\"");
    }

    #[test]
    fn errors_are_collected_with_their_lines() {
        let errors = parse("m.f\n    a int\n    /\n    /\n    b: 3x\n").unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|error| error.line).collect();
        assert_eq!(lines, [2, 4, 5]);
        assert!(errors[1].message.contains("'/' given twice"));
    }

    #[test]
    fn deprecation_markers() {
        let function = parsed(
            "m.f\n    a: object\n    /\n    b: object\n    / [from 3.14]\n    * [from 3.15]\n    c: object\n    *\n    d: object\n",
        );
        let marks: Vec<(Option<&str>, Option<&str>)> = function
            .parameters
            .iter()
            .map(|parameter| {
                (
                    parameter.deprecated_positional.as_deref(),
                    parameter.deprecated_keyword.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            marks,
            [(None, None), (None, Some("3.14")), (Some("3.15"), None), (None, None)]
        );
        let errors = parse("m.f\n    a: object\n    * [from x]\n").unwrap_err();
        assert!(errors[0].message.contains("not a version"));
    }

    #[test]
    fn bad_function_line() {
        let errors = parse("\n  justaname\n").unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert!(errors[0].message.contains("dotted name"));
    }
}
