//! Argument Clinic for Rust: reads the DSL of CPython's `Tools/clinic` (the
//! text a C clinic block holds) so Rust modules declare their signatures
//! the way C modules do.
//!
//! Split as serde_derive is: `parse` (text to model, collecting every error
//! with its line), `model` (what a block declares), `check` (rules that need
//! the whole declaration), then `generate` (the Rust, with `converters`,
//! `docstring` and `literal` for the parts of it that follow C Argument
//! Clinic's rules). Every mistake is a compile error at the block. The
//! generated code calls `cpython_api::clinic`; see Doc/clinic.md.

mod check;
mod converters;
mod docstring;
mod generate;
mod item;
mod literal;
mod model;
mod parse;

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// `#[clinic(r#"module.function ..."#)]` on the function implementing it.
#[proc_macro_attribute]
pub fn clinic(attribute: TokenStream, item: TokenStream) -> TokenStream {
    let mut tokens = attribute.into_iter();
    let (literal, extra) = (tokens.next(), tokens.next());
    let block = match (&literal, extra) {
        (Some(TokenTree::Literal(literal)), None) => string_value(literal),
        _ => None,
    };
    let span = literal.as_ref().map_or_else(Span::call_site, TokenTree::span);
    let Some(block) = block else {
        return with_errors(
            item,
            span,
            &["expected one string literal holding a clinic block".to_owned()],
        );
    };
    let function = match parse::parse(&block) {
        Ok(function) => function,
        Err(errors) => return with_errors(item, span, &block_messages(&errors)),
    };
    let errors = check::check(&function);
    if !errors.is_empty() {
        return with_errors(item, span, &block_messages(&errors));
    }
    let generated = item::implementation(&item)
        .map_err(|message| vec![message])
        .and_then(|implementation| generate::generate(&function, &implementation));
    match generated {
        Ok(code) => match code.parse::<TokenStream>() {
            Ok(tokens) => {
                let mut output = item;
                output.extend(tokens);
                output
            }
            Err(error) => with_errors(item, span, &[format!("cpython-clinic generated invalid Rust: {error}")]),
        },
        Err(messages) => {
            let messages: Vec<String> = messages
                .iter()
                .map(|message| format!("clinic block: {message}"))
                .collect();
            with_errors(item, span, &messages)
        }
    }
}

fn block_messages(errors: &[model::Error]) -> Vec<String> {
    errors
        .iter()
        .map(|error| format!("clinic block, line {}: {}", error.line, error.message))
        .collect()
}

/// The text of a string literal token: raw (`r"..."`, `r#"..."#`) or plain
/// with the escapes a clinic block needs (`\n`, `\t`, `\\`, `\"`, `\'`).
fn string_value(literal: &Literal) -> Option<String> {
    let text = literal.to_string();
    if let Some(raw) = text.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        return raw.get(hashes + 1..raw.len() - hashes - 1).map(str::to_owned);
    }
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    let mut value = String::with_capacity(inner.len());
    let mut characters = inner.chars();
    while let Some(character) = characters.next() {
        if character != '\\' {
            value.push(character);
            continue;
        }
        match characters.next()? {
            'n' => value.push('\n'),
            't' => value.push('\t'),
            '\n' => {
                // A line continuation also skips the next line's indentation.
                let rest: String = characters.clone().collect();
                let skipped = rest.len() - rest.trim_start().len();
                characters.nth(skipped.checked_sub(1)?);
            }
            escaped @ ('\\' | '"' | '\'') => value.push(escaped),
            _ => return None,
        }
    }
    Some(value)
}

/// `item` followed by one `compile_error!` per message, at `span`.
fn with_errors(mut item: TokenStream, span: Span, messages: &[String]) -> TokenStream {
    for message in messages {
        let mut message = Literal::string(message);
        message.set_span(span);
        let invocation: [TokenTree; 4] = [
            Ident::new("compile_error", span).into(),
            Punct::new('!', Spacing::Alone).into(),
            Group::new(Delimiter::Parenthesis, TokenTree::from(message).into()).into(),
            Punct::new(';', Spacing::Alone).into(),
        ];
        item.extend(invocation);
    }
    item
}
