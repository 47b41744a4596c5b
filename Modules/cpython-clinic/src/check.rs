//! Rules about a whole declaration, checked after parsing; every violation
//! is reported, each at its parameter's line.

use std::collections::HashSet;

use crate::model::{Error, Function, ParameterKind};

pub fn check(function: &Function) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut names = HashSet::new();
    let mut positional_default_seen = false;
    let mut var_keyword_seen = false;
    for parameter in &function.parameters {
        let error = |message: String| Error {
            line: parameter.line,
            message,
        };
        if !names.insert(parameter.name.as_str()) {
            errors.push(error(format!("parameter {:?} is declared twice", parameter.name)));
        }
        if var_keyword_seen {
            errors.push(error(format!("parameter {:?} follows '**' parameter", parameter.name)));
        }
        match parameter.kind {
            ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword => {
                if parameter.default.is_some() {
                    positional_default_seen = true;
                } else if positional_default_seen {
                    errors.push(error(format!(
                        "parameter {:?} has no default but follows one that has",
                        parameter.name
                    )));
                }
            }
            ParameterKind::VarPositional | ParameterKind::VarKeyword => {
                if parameter.default.is_some() {
                    errors.push(error(format!(
                        "'*' and '**' parameters cannot have a default ({:?})",
                        parameter.name
                    )));
                }
                var_keyword_seen |= parameter.kind == ParameterKind::VarKeyword;
            }
            ParameterKind::KeywordOnly => {}
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn errors_of(text: &str) -> Vec<(usize, String)> {
        let function = parse(text).unwrap_or_else(|errors| panic!("{errors:?}"));
        check(&function)
            .into_iter()
            .map(|error| (error.line, error.message))
            .collect()
    }

    #[test]
    fn a_valid_declaration_passes() {
        assert_eq!(
            errors_of("m.f\n    a: object\n    b: int = 0\n    /\n    *\n    c: bool\n"),
            []
        );
    }

    #[test]
    fn duplicate_names() {
        let errors = errors_of("m.f\n    a: object\n    a: int\n");
        assert_eq!(errors, [(3, "parameter \"a\" is declared twice".to_owned())]);
    }

    #[test]
    fn required_after_optional() {
        let errors = errors_of("m.f\n    a: object = None\n    b: object\n");
        assert_eq!(errors[0].0, 3);
        assert!(errors[0].1.contains("no default"));
    }

    #[test]
    fn keyword_only_may_follow_optional() {
        assert_eq!(errors_of("m.f\n    a: object = None\n    *\n    b: object\n"), []);
    }

    #[test]
    fn nothing_after_var_keyword() {
        let errors = errors_of("m.f\n    **kwargs: dict\n    *\n    b: object\n");
        assert!(
            errors
                .iter()
                .any(|(line, message)| *line == 4 && message.contains("follows '**'"))
        );
    }
}
