//! Taking a compact JWS apart without verifying it: the three parts, each
//! decoded, with an error that says which part is wrong and how.

use serde_json::{Map, Value};

use crate::jwk::b64url_decode;

/// Largest token accepted.
pub const MAX_TOKEN: usize = 1024 * 1024;

/// Why a token could not be taken apart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("no token given (the input is empty)")]
    Empty,
    #[error("the token is larger than 1 MiB")]
    TooLarge,
    #[error("encrypted tokens (JWE, five parts) are not supported")]
    Jwe,
    #[error("a JWT has three dot-separated parts (header.payload.signature); this has {0}")]
    Parts(usize),
    #[error("the {0} is not valid base64url")]
    Base64(&'static str),
    #[error("the {part} is not JSON: {error}")]
    NotJson { part: &'static str, error: String },
    #[error("the {0} is not a JSON object")]
    NotObject(&'static str),
    #[error("the header has no \"alg\"")]
    NoAlg,
    #[error("the token contains {0}, which never appears in a JWT")]
    BadCharacter(String),
}

/// A token taken apart.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// `header.payload`, the bytes the signature covers.
    pub signing_input: &'a str,
    pub header: Map<String, Value>,
    /// The payload bytes (JWT claims, or any text for a plain JWS).
    pub payload: Vec<u8>,
    pub signature: Vec<u8>,
    /// The signature as it appears in the token.
    pub signature_b64: &'a str,
}

impl Decoded<'_> {
    /// The `alg` header (present: checked by [`decode`]).
    pub fn alg(&self) -> &str {
        self.header.get("alg").and_then(Value::as_str).unwrap_or("")
    }

    /// The `kid` header, when it is a string.
    pub fn kid(&self) -> Option<&str> {
        self.header.get("kid").and_then(Value::as_str)
    }

    /// The payload as JWT claims: a JSON object.
    pub fn claims(&self) -> Result<Map<String, Value>, DecodeError> {
        match serde_json::from_slice::<Value>(&self.payload) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(DecodeError::NotObject("payload")),
            Err(e) => Err(DecodeError::NotJson {
                part: "payload",
                error: e.to_string(),
            }),
        }
    }
}

/// The token text from user input: white space trimmed, a leading `Bearer `
/// (any case) removed.
pub fn clean(input: &str) -> Result<&str, DecodeError> {
    if input.len() > MAX_TOKEN {
        return Err(DecodeError::TooLarge);
    }
    let mut token = input.trim();
    if token.len() > 7
        && let Some(prefix) = token.get(..7)
        && prefix.eq_ignore_ascii_case("bearer ")
    {
        token = token[7..].trim_start();
    }
    if token.is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(token)
}

/// Split and decode a compact JWS (already [`clean`]ed).
pub fn decode(token: &str) -> Result<Decoded<'_>, DecodeError> {
    if token.len() > MAX_TOKEN {
        return Err(DecodeError::TooLarge);
    }
    if let Some(c) = token
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=')))
    {
        let shown = if c.is_whitespace() || c.is_control() {
            format!("the character U+{:04X}", c as u32)
        } else {
            format!("the character '{c}'")
        };
        return Err(DecodeError::BadCharacter(shown));
    }
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        3 => {}
        5 => return Err(DecodeError::Jwe),
        n => return Err(DecodeError::Parts(n)),
    }
    let header_bytes = b64url_decode(parts[0]).map_err(|_| DecodeError::Base64("header"))?;
    let header = match serde_json::from_slice::<Value>(&header_bytes) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(DecodeError::NotObject("header")),
        Err(e) => {
            return Err(DecodeError::NotJson {
                part: "header",
                error: e.to_string(),
            });
        }
    };
    if !header.get("alg").is_some_and(Value::is_string) {
        return Err(DecodeError::NoAlg);
    }
    let payload = b64url_decode(parts[1]).map_err(|_| DecodeError::Base64("payload"))?;
    let signature = b64url_decode(parts[2]).map_err(|_| DecodeError::Base64("signature"))?;
    let signing_input = &token[..parts[0].len() + 1 + parts[1].len()];
    Ok(Decoded {
        signing_input,
        header,
        payload,
        signature,
        signature_b64: parts[2],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TOKEN: &str = "eyJhbGciOiJFZERTQSJ9.eyJhIjoicm8ifQ.c2ln";

    #[test]
    fn parts_and_errors() {
        let d = decode(TOKEN).unwrap();
        assert_eq!(d.alg(), "EdDSA");
        assert_eq!(d.claims().unwrap()["a"], "ro");
        assert_eq!(d.signature, b"sig");
        assert_eq!(d.signing_input, "eyJhbGciOiJFZERTQSJ9.eyJhIjoicm8ifQ");
        assert_eq!(clean("  Bearer  x.y.z\n").unwrap(), "x.y.z");
        assert_eq!(clean("BEARER x").unwrap(), "x");
        assert_eq!(clean(" \n").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode("a.b").unwrap_err(), DecodeError::Parts(2));
        assert_eq!(decode("a.b.c.d.e").unwrap_err(), DecodeError::Jwe);
        assert_eq!(
            decode("a!.b.c").unwrap_err(),
            DecodeError::BadCharacter("the character '!'".into())
        );
        assert_eq!(decode("e30.e30.").unwrap_err(), DecodeError::NoAlg);
        assert_eq!(
            decode("bm90anNvbg.e30.")
                .unwrap_err()
                .to_string()
                .split(':')
                .next(),
            Some("the header is not JSON")
        );
        assert_eq!(
            decode("W10.e30.").unwrap_err(),
            DecodeError::NotObject("header")
        );
        assert_eq!(decode("a.e30.").unwrap_err(), DecodeError::Base64("header"));
        let big = "a".repeat(MAX_TOKEN + 1);
        assert_eq!(decode(&big).unwrap_err(), DecodeError::TooLarge);
        assert_eq!(clean(&big).unwrap_err(), DecodeError::TooLarge);
        let text = decode("eyJhbGciOiJIUzI1NiJ9.UGF5bG9hZA.").unwrap();
        assert!(text.claims().is_err());
    }

    proptest! {
        #[test]
        fn arbitrary_strings_never_panic(s in ".{0,300}") {
            if let Ok(t) = clean(&s)
                && let Ok(d) = decode(t)
            {
                let _ = d.claims();
            }
        }

        #[test]
        fn token_shaped_strings_never_panic(s in "[A-Za-z0-9_=-]{0,40}(\\.[A-Za-z0-9_=-]{0,40}){0,5}") {
            if let Ok(d) = decode(&s) {
                let _ = d.claims();
            }
        }
    }
}
