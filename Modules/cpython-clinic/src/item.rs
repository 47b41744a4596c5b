//! What the macro reads from the item it annotates: the implementing
//! function's name and return type. The item itself is emitted unchanged.

use proc_macro::{Delimiter, TokenStream, TokenTree};

use crate::generate::Implementation;

pub fn implementation(item: &TokenStream) -> Result<Implementation, String> {
    let mut tokens = item.clone().into_iter().peekable();
    while let Some(token) = tokens.next() {
        let TokenTree::Ident(ident) = &token else { continue };
        if ident.to_string() != "fn" {
            continue;
        }
        let Some(TokenTree::Ident(name)) = tokens.next() else {
            break;
        };
        // Skip the generics and the parameters.
        let mut depth = 0i32;
        for token in tokens.by_ref() {
            match &token {
                TokenTree::Punct(punct) if punct.as_char() == '<' => depth += 1,
                TokenTree::Punct(punct) if punct.as_char() == '>' => depth -= 1,
                TokenTree::Group(group) if depth == 0 && group.delimiter() == Delimiter::Parenthesis => break,
                _ => {}
            }
        }
        let mut return_type = Vec::new();
        if matches!(tokens.peek(), Some(TokenTree::Punct(punct)) if punct.as_char() == '-') {
            tokens.next();
            tokens.next();
            for token in tokens.by_ref() {
                match &token {
                    TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => break,
                    TokenTree::Ident(ident) if ident.to_string() == "where" => break,
                    _ => return_type.push(token),
                }
            }
        }
        return Ok(Implementation {
            name: name.to_string(),
            return_type: return_type.into_iter().collect::<TokenStream>().to_string(),
        });
    }
    Err("#[clinic] goes on the function that implements the block".to_owned())
}
