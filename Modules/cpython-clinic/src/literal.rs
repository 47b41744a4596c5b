//! Defaults as written in a clinic block: Python literals, read into a
//! value the generated Rust can use, and shown in `__text_signature__` as
//! C Argument Clinic shows them: the `repr()` of the value.

/// A default that is a Python literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    None,
    Bool(bool),
    /// As written (decimal, possibly negative), checked to be an integer.
    Int(i128),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
}

impl Literal {
    /// The literal `text` denotes, if it is one this module reads.
    pub fn parse(text: &str) -> Option<Literal> {
        let text = text.trim();
        match text {
            "None" => return Some(Literal::None),
            "True" => return Some(Literal::Bool(true)),
            "False" => return Some(Literal::Bool(false)),
            _ => {}
        }
        if let Some(body) = text.strip_prefix('b').or_else(|| text.strip_prefix('B')) {
            return parse_quoted(body, true)
                .map(|units| Literal::Bytes(units.into_iter().map(|unit| unit as u8).collect()));
        }
        if text.starts_with(['"', '\'']) {
            let units = parse_quoted(text, false)?;
            return units
                .into_iter()
                .map(char::from_u32)
                .collect::<Option<String>>()
                .map(Literal::Str);
        }
        let digits = text.replace('_', "");
        if let Ok(value) = digits.parse::<i128>() {
            return Some(Literal::Int(value));
        }
        if digits.bytes().any(|byte| byte.is_ascii_digit()) && !digits.contains("0x") {
            return digits.parse::<f64>().ok().map(Literal::Float);
        }
        None
    }

    /// Python's `repr()` of the value.
    pub fn repr(&self) -> String {
        match self {
            Literal::None => "None".to_owned(),
            Literal::Bool(true) => "True".to_owned(),
            Literal::Bool(false) => "False".to_owned(),
            Literal::Int(value) => value.to_string(),
            Literal::Float(value) => float_repr(*value),
            Literal::Str(text) => quote(text.chars().map(|c| c as u32), false),
            Literal::Bytes(bytes) => format!("b{}", quote(bytes.iter().map(|&b| u32::from(b)), true)),
        }
    }
}

/// The code units between the quotes of a (non-raw) string or bytes
/// literal, escapes resolved; `None` for anything else.
fn parse_quoted(text: &str, bytes: bool) -> Option<Vec<u32>> {
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut units = Vec::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == quote {
            return None;
        }
        if c != '\\' {
            if bytes && !c.is_ascii() {
                return None;
            }
            units.push(c as u32);
            continue;
        }
        let escaped = chars.next()?;
        let unit = match escaped {
            'a' => 7,
            'b' => 8,
            't' => 9,
            'n' => 10,
            'v' => 11,
            'f' => 12,
            'r' => 13,
            '\\' | '\'' | '"' => escaped as u32,
            '0'..='7' => {
                let mut value = escaped.to_digit(8)?;
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(digit) => {
                            value = value * 8 + digit;
                            chars.next();
                        }
                        None => break,
                    }
                }
                value
            }
            'x' => hex_digits(&mut chars, 2)?,
            'u' if !bytes => hex_digits(&mut chars, 4)?,
            'U' if !bytes => hex_digits(&mut chars, 8)?,
            _ => return None,
        };
        if bytes && unit > 0xff {
            return None;
        }
        units.push(unit);
    }
    Some(units)
}

fn hex_digits(chars: &mut impl Iterator<Item = char>, count: usize) -> Option<u32> {
    (0..count).try_fold(0, |value, _| Some(value * 16 + chars.next()?.to_digit(16)?))
}

/// `repr()` of a `str` (code points) or `bytes` (byte values): single
/// quotes unless the text holds one and no double quote.
fn quote(units: impl Iterator<Item = u32> + Clone, bytes: bool) -> String {
    let has_single = units.clone().any(|unit| unit == u32::from(b'\''));
    let has_double = units.clone().any(|unit| unit == u32::from(b'"'));
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::from(quote);
    for unit in units {
        match char::from_u32(unit) {
            Some('\\') => out.push_str("\\\\"),
            Some('\t') => out.push_str("\\t"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some(c) if c == quote => {
                out.push('\\');
                out.push(c);
            }
            Some(c) if (' '..='~').contains(&c) => out.push(c),
            Some(c) if !bytes && !c.is_ascii() && !c.is_control() => out.push(c),
            _ if unit <= 0xff => out.push_str(&format!("\\x{unit:02x}")),
            _ if unit <= 0xffff => out.push_str(&format!("\\u{unit:04x}")),
            _ => out.push_str(&format!("\\U{unit:08x}")),
        }
    }
    out.push(quote);
    out
}

/// `repr()` of a float: the shortest text that reads back the same, with
/// a `.0` on integral values, as Python prints it.
fn float_repr(value: f64) -> String {
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    if value.is_nan() {
        return "nan".to_owned();
    }
    let text = format!("{value:?}");
    if text.contains('e') {
        // Rust writes 1e300 as "1e300"; Python as "1e+300".
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let sign = if exponent.starts_with('-') { "-" } else { "+" };
        let digits = exponent.trim_start_matches('-');
        let mantissa = mantissa.strip_suffix(".0").unwrap_or(mantissa);
        return format!("{mantissa}e{sign}{digits:0>2}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repr_of(text: &str) -> String {
        Literal::parse(text)
            .unwrap_or_else(|| panic!("{text} is no literal"))
            .repr()
    }

    #[test]
    fn reprs_match_python() {
        assert_eq!(repr_of("12"), "12");
        assert_eq!(repr_of("-1"), "-1");
        assert_eq!(repr_of("12.5"), "12.5");
        assert_eq!(repr_of("True"), "True");
        assert_eq!(repr_of("None"), "None");
        assert_eq!(repr_of("\"a\""), "'a'");
        assert_eq!(repr_of("b'A'"), "b'A'");
        assert_eq!(repr_of(r"b'\a'"), r"b'\x07'");
        assert_eq!(repr_of(r"b'\000'"), r"b'\x00'");
        assert_eq!(repr_of(r"b'\377'"), r"b'\xff'");
        assert_eq!(repr_of(r#"b'"'"#), r#"b'"'"#);
        assert_eq!(repr_of(r#"b"'""#), r#"b"'""#);
        assert_eq!(repr_of(r"b'\\'"), r"b'\\'");
        assert_eq!(repr_of(r"'\n'"), r"'\n'");
    }

    #[test]
    fn names_are_not_literals() {
        assert_eq!(Literal::parse("x"), None);
        assert_eq!(Literal::parse("NULL"), None);
        assert_eq!(Literal::parse("sys.maxsize"), None);
    }
}
