//! The docstring C Argument Clinic writes: the signature line that
//! `__text_signature__` reads (`name($module, /, a, b=None)` and the `--`
//! line), the summary, the documented parameters, the body. The rules are
//! Clinic's, wrapping long signatures at 72 columns included, so that
//! `__doc__`, `__text_signature__`, `inspect.signature` and `help()` show
//! what they show for the C function.

use crate::literal::Literal;
use crate::model::{Function, Parameter, ParameterKind};

/// The receiver shown first in the signature, if any.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Receiver {
    Module,
    Instance,
    Class,
    /// `__new__` and `__init__`: the signature is the class's call.
    Hidden,
}

/// The text of a parameter's default in the signature.
pub fn default_text(parameter: &Parameter) -> Result<String, String> {
    if let Some(text) = parameter.converter.py_default()? {
        return Ok(text);
    }
    let written = parameter.default.as_deref().unwrap_or_default();
    Ok(match written {
        "NULL" | "unspecified" => "<unrepresentable>".to_owned(),
        _ => match Literal::parse(written) {
            Some(literal) => literal.repr(),
            None => written.to_owned(),
        },
    })
}

/// The whole docstring, as Clinic formats it (before [`finish`]).
pub fn docstring(function: &Function, display_name: &str, receiver: Receiver) -> Result<String, String> {
    let signature = signature_line(function, display_name, receiver)?;
    let is_constructor = receiver == Receiver::Hidden;
    if is_constructor && function.docstring.is_empty() {
        return Ok(String::new());
    }
    let mut lines: Vec<String> = function.docstring.split('\n').map(str::to_owned).collect();
    if lines.len() >= 2 && !lines[1].is_empty() {
        return Err("the docstring must start with a one-line summary followed by a blank line".to_owned());
    }
    if lines.len() == 1 {
        lines.push(String::new());
    }
    let marker = lines.iter().filter(|line| line.contains("{parameters}")).count();
    if marker > 1 {
        return Err("{parameters} may appear only once in a docstring".to_owned());
    }
    if marker == 0 {
        lines.insert(2, "{parameters}".to_owned());
    }
    lines.insert(0, "{signature}".to_owned());
    let parameters: String = function
        .parameters
        .iter()
        .filter(|parameter| !parameter.doc.is_empty())
        .map(|parameter| {
            let mut text = format!("  {}", parameter.name);
            for line in parameter.doc.split('\n') {
                text.push_str("\n    ");
                text.push_str(line);
            }
            format!("{}\n", text.trim_end())
        })
        .collect();
    let text = lines.join("\n");
    Ok(
        linear_format(&text, &[("signature", &signature), ("parameters", &parameters)])
            .trim_end()
            .to_owned(),
    )
}

/// The docstring as C holds it: a docstring that ends with the `--` line
/// gets the blank line that `__text_signature__` looks for.
pub fn finish(mut docstring: String) -> String {
    if docstring.ends_with("\n--") {
        docstring.push_str("\n\n");
    }
    docstring
}

/// Clinic's `linear_format`: `{name}` alone on a line is replaced by its
/// text, indented as the marker was; an empty text removes the line.
fn linear_format(text: &str, substitutions: &[(&str, &str)]) -> String {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let indent_len = line.len() - line.trim_start().len();
        let (indent, rest) = line.split_at(indent_len);
        let found = rest
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
            .and_then(|name| substitutions.iter().find(|(key, _)| *key == name));
        match found {
            Some((_, "")) => {}
            Some((_, value)) => {
                let indented: Vec<String> = value
                    .split('\n')
                    .map(|line| {
                        let line = line.trim_end();
                        if line.is_empty() {
                            String::new()
                        } else {
                            format!("{indent}{line}")
                        }
                    })
                    .collect();
                out.push(indented.join("\n"));
            }
            None => out.push(line.to_owned()),
        }
    }
    out.join("\n")
}

/// With optional groups, C Clinic writes `name([a, b,] c=None, [d])`, which
/// no text signature can express: no receiver, no `/`, no `--` line.
fn group_signature_line(function: &Function, display_name: &str) -> Result<String, String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut open: Option<crate::model::Group> = None;
    for parameter in &function.parameters {
        let mut text = parameter.name.clone();
        if parameter.default.is_some() {
            text.push('=');
            text.push_str(&default_text(parameter)?);
        }
        if parameter.group != open {
            if let Some(group) = open.take() {
                close_group(&mut pieces, group);
            }
            if parameter.group.is_some() {
                text.insert(0, '[');
                open = parameter.group;
            }
        }
        pieces.push(text);
    }
    if let Some(group) = open {
        close_group(&mut pieces, group);
    }
    let mut line = format!("{display_name}(");
    for (index, piece) in pieces.iter().enumerate() {
        line.push_str(piece);
        let closes_left_group = piece.ends_with(",]");
        if index + 1 < pieces.len() && !closes_left_group {
            line.push_str(", ");
        } else if closes_left_group && index + 1 < pieces.len() {
            line.push(' ');
        }
    }
    line.push(')');
    Ok(line)
}

/// Ends the last piece's group: `b,]` for a left group (the comma belongs to
/// the group), `d]` for a right one.
fn close_group(pieces: &mut [String], group: crate::model::Group) {
    if let Some(last) = pieces.last_mut() {
        last.push_str(if group.left { ",]" } else { "]" });
    }
}

/// `name($module, a, /, b=None, *, c)` and the `--` line.
fn signature_line(function: &Function, display_name: &str, receiver: Receiver) -> Result<String, String> {
    if function.parameters.iter().any(|parameter| parameter.group.is_some()) {
        return group_signature_line(function, display_name);
    }
    let shown: Vec<&Parameter> = function
        .parameters
        .iter()
        .filter(|parameter| parameter.converter.name != "defining_class")
        .collect();
    let receiver_name = match receiver {
        Receiver::Module => Some("$module"),
        Receiver::Instance => Some("$self"),
        Receiver::Class => Some("$type"),
        Receiver::Hidden => None,
    };
    // The receiver counts as a positional-only parameter.
    let last_is_positional_only = match shown.last() {
        Some(parameter) => parameter.kind == ParameterKind::PositionalOnly,
        None => receiver_name.is_some(),
    };
    let mut head = format!("{display_name}(");
    let indent = " ".repeat(head.len());
    let mut line_length = head.len();
    let mut first = true;
    let mut pieces: Vec<String> = Vec::new();
    let mut add = |text: String, pieces: &mut Vec<String>| {
        let piece = if first {
            first = false;
            text
        } else if line_length + text.len() + 1 >= 72 {
            pieces.push(format!("\n{indent}"));
            line_length = indent.len();
            text
        } else {
            format!(" {text}")
        };
        line_length += piece.len();
        pieces.push(piece);
    };
    let mut need_slash = false;
    let mut added_slash = false;
    let mut added_star = false;
    let total = shown.len() + usize::from(receiver_name.is_some());
    let mut index = 0;
    if let Some(name) = receiver_name {
        need_slash = true;
        index += 1;
        let comma = if index < total || last_is_positional_only {
            ","
        } else {
            ""
        };
        add(format!("{name}{comma}"), &mut pieces);
    }
    for parameter in shown {
        index += 1;
        if parameter.kind == ParameterKind::PositionalOnly {
            need_slash = true;
        } else if need_slash && !added_slash {
            added_slash = true;
            add("/,".to_owned(), &mut pieces);
        }
        if parameter.kind == ParameterKind::KeywordOnly && !added_star {
            added_star = true;
            add("*,".to_owned(), &mut pieces);
        }
        let mut text = String::new();
        match parameter.kind {
            ParameterKind::VarPositional => {
                text.push('*');
                added_star = true;
            }
            ParameterKind::VarKeyword => text.push_str("**"),
            _ => {}
        }
        text.push_str(&parameter.name);
        if parameter.default.is_some() {
            text.push('=');
            text.push_str(&default_text(parameter)?);
        }
        if index < total || last_is_positional_only {
            text.push(',');
        }
        add(text, &mut pieces);
    }
    if last_is_positional_only {
        add("/".to_owned(), &mut pieces);
    }
    head.extend(pieces);
    head.push_str(")\n--\n");
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn doc(text: &str, receiver: Receiver) -> String {
        let function = parse(text).unwrap_or_else(|errors| panic!("{errors:?}"));
        let name = if receiver == Receiver::Hidden {
            &function.full_name[function.full_name.len() - 2]
        } else {
            function.full_name.last().unwrap()
        };
        finish(docstring(&function, name, receiver).unwrap())
    }

    #[test]
    fn keyword_parameters() {
        assert_eq!(
            doc("m.keywords\n    a: object\n    b: object\n", Receiver::Module),
            "keywords($module, /, a, b)\n--\n\n"
        );
    }

    #[test]
    fn positional_only_and_unrepresentable() {
        assert_eq!(
            doc("m.f\n    a: object\n    b: object = NULL\n    /\n", Receiver::Module),
            "f($module, a, b=<unrepresentable>, /)\n--\n\n"
        );
    }

    #[test]
    fn no_parameters() {
        assert_eq!(
            doc("m.f\n\nSummary.", Receiver::Module),
            "f($module, /)\n--\n\nSummary."
        );
    }

    #[test]
    fn star_args_and_keyword_only() {
        assert_eq!(
            doc(
                "m.f\n    a: object\n    *args: object\n    b: bool = False\n",
                Receiver::Module
            ),
            "f($module, /, a, *args, b=False)\n--\n\n"
        );
        assert_eq!(
            doc("m.f\n    a: object\n    /\n    *\n    b: object\n", Receiver::Module),
            "f($module, a, /, *, b)\n--\n\n"
        );
    }

    #[test]
    fn parameter_docs_follow_the_summary() {
        assert_eq!(
            doc(
                "m.f\n    a: object\n        The a.\n    /\n\nSummary.\n\nBody.",
                Receiver::Module
            ),
            "f($module, a, /)\n--\n\nSummary.\n\n  a\n    The a.\n\nBody."
        );
    }

    #[test]
    fn constructors_show_no_receiver() {
        assert_eq!(
            doc("m.C.__new__\n    a: object = None\n\nS.", Receiver::Hidden),
            "C(a=None)\n--\n\nS."
        );
    }
}

/// Python's `textwrap.fill(text)` (70 columns), for the deprecation notes
/// Clinic appends to docstrings: words break across lines only after a
/// hyphen between letters, as `textwrap` breaks them.
pub fn fill(text: &str) -> String {
    const WIDTH: usize = 70;
    let mut chunks: Vec<&str> = Vec::new();
    for (index, word) in text.split(' ').enumerate() {
        if index > 0 {
            chunks.push(" ");
        }
        let mut rest = word;
        while let Some(at) = hyphen_break(rest) {
            chunks.push(&rest[..=at]);
            rest = &rest[at + 1..];
        }
        chunks.push(rest);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for chunk in chunks {
        if chunk.is_empty() || (line.is_empty() && chunk == " ") {
            continue;
        }
        if line.chars().count() + chunk.chars().count() > WIDTH && !line.is_empty() {
            lines.push(line.trim_end().to_owned());
            line = String::new();
            if chunk == " " {
                continue;
            }
        }
        line.push_str(chunk);
    }
    if !line.trim_end().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines.join("\n")
}

/// Where `word` may break after a hyphen: two letters before it and a
/// letter after it.
fn hyphen_break(word: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    (2..chars.len().saturating_sub(1)).find_map(|index| {
        let (at, c) = chars[index];
        let letter = |i: usize| chars[i].1.is_alphabetic();
        (c == '-' && letter(index - 1) && letter(index - 2) && letter(index + 1)).then_some(at)
    })
}

#[cfg(test)]
mod fill_tests {
    use super::fill;

    #[test]
    fn breaks_after_hyphens_like_textwrap() {
        let message = "Note: Passing keyword arguments 'b', 'c', 'd', 'e', 'f' and 'g' to depr_kwd_multi() is \
                       deprecated. Parameter 'b' will become positional-only in Python 3.14. Parameters 'c' and \
                       'd' will become positional-only in Python 3.15. Parameters 'e', 'f' and 'g' will become \
                       positional-only in Python 3.16.";
        assert_eq!(
            fill(message),
            "Note: Passing keyword arguments 'b', 'c', 'd', 'e', 'f' and 'g' to\ndepr_kwd_multi() is deprecated. \
             Parameter 'b' will become positional-\nonly in Python 3.14. Parameters 'c' and 'd' will become \
             positional-\nonly in Python 3.15. Parameters 'e', 'f' and 'g' will become\npositional-only in Python \
             3.16."
        );
    }
}
