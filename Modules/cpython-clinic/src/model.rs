//! What a clinic block declares, independent of how it was written.

/// A function or method, as its clinic block declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    /// The dotted name: `module.function` or `module.Class.method`.
    pub full_name: Vec<String>,
    /// The name after `as`, for the generated Rust items.
    pub rust_name: Option<String>,
    /// `-> converter` for what the implementation returns.
    pub return_converter: Option<Converter>,
    /// `@classmethod`, `@staticmethod`, ... in the order given.
    pub decorators: Vec<String>,
    pub parameters: Vec<Parameter>,
    /// Everything after the parameters: the summary line, a blank line,
    /// the body.
    pub docstring: String,
    /// The line of the block (from 1) the function line is on.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    pub name: String,
    pub converter: Converter,
    /// The default, as written (a Python expression).
    pub default: Option<String>,
    pub kind: ParameterKind,
    /// The parameter's own documentation, dedented.
    pub doc: String,
    /// `* [from 3.14]` before it: passing it by position is deprecated,
    /// and it becomes keyword-only in that Python version.
    pub deprecated_positional: Option<String>,
    /// `/ [from 3.14]` after it: passing it by keyword is deprecated, and
    /// it becomes positional-only in that Python version.
    pub deprecated_keyword: Option<String>,
    /// The optional group (`[` ... `]`) it is in, if any.
    pub group: Option<Group>,
    pub line: usize,
}

/// An optional group: its parameters are passed all together or not at all,
/// decided by the number of positional arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// Groups are numbered from 1, in order, left ones and right ones apart
    /// (C's `group_left_N`, `group_right_N`).
    pub number: usize,
    /// Before the parameters that are in no group.
    pub left: bool,
}

/// How an argument may be passed, as in `inspect.Parameter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterKind {
    PositionalOnly,
    PositionalOrKeyword,
    KeywordOnly,
    /// `*args`.
    VarPositional,
    /// `**kwargs`.
    VarKeyword,
}

/// A converter and its arguments: `unsigned_int(bitwise=True)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converter {
    pub name: String,
    /// `(keyword, value)`, values as written.
    pub arguments: Vec<(String, String)>,
}

/// A mistake in a clinic block, at a line of it (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub line: usize,
    pub message: String,
}
