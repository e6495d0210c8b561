//! Taking a compact JWS apart without verifying it: the three parts, each
//! decoded, with an error that says which part is wrong and how.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::json::{self, StrictError};
use crate::jwk::{b64url_decode, b64url_decode_canonical};

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
    #[error(
        "the signature ends in '=' padding, which a JWS never carries (RFC 7515 §2): the same signature without it is the real token"
    )]
    SignaturePadding,
    #[error(
        "the signature is not canonical base64url: its last character carries bits that must be zero (RFC 7515 §2)"
    )]
    SignatureNotCanonical,
    #[error("the {part} is not JSON: {error}")]
    NotJson { part: &'static str, error: String },
    #[error("the {0} is not a JSON object")]
    NotObject(&'static str),
    #[error("the header has no \"alg\"")]
    NoAlg,
    #[error(
        "the {part} names the member {member:?} twice: readers disagree on which one counts, so the token is refused"
    )]
    Duplicate { part: &'static str, member: String },
    #[error("the header member {member:?} must be a JSON {expected}")]
    MemberType {
        member: &'static str,
        expected: &'static str,
    },
    #[error("the token contains {character} at offset {offset}, which never appears in a JWT")]
    BadCharacter {
        /// The character, shown safely (`'!'`, or `U+00A0` for invisible ones).
        character: String,
        /// Where it is: characters from the start of the input, counting from 0.
        offset: usize,
    },
}

/// Registered header members (RFC 7515 4.1) and the JSON type each must
/// have. A `kid` of 7 is not "no kid": ignoring it would try every key.
const HEADER_TYPES: [(&str, &str); 10] = [
    ("alg", "string"),
    ("kid", "string"),
    ("typ", "string"),
    ("cty", "string"),
    ("jku", "string"),
    ("x5u", "string"),
    ("x5t", "string"),
    ("x5t#S256", "string"),
    ("crit", "array"),
    ("jwk", "object"),
];

fn check_header_types(header: &Map<String, Value>) -> Result<(), DecodeError> {
    match header_type_mismatches(header).next() {
        Some((member, expected)) => Err(DecodeError::MemberType { member, expected }),
        None => Ok(()),
    }
}

/// The registered header members present with another JSON type.
fn header_type_mismatches(
    header: &Map<String, Value>,
) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    HEADER_TYPES.into_iter().filter(|(member, expected)| {
        header.get(*member).is_some_and(|value| match *expected {
            "string" => !value.is_string(),
            "array" => !value.is_array(),
            _ => !value.is_object(),
        })
    })
}

/// How a character that never appears in a JWT is named in an error.
fn shown(c: char) -> String {
    if c.is_whitespace() || c.is_control() || !c.is_ascii() {
        format!("the character U+{:04X}", c as u32)
    } else {
        format!("the character '{c}'")
    }
}

/// The characters of a compact JWS: base64url, the dots, and (tolerated by
/// the base64 decoder as a mistake to report later) `=` padding.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=')
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
    /// A member named twice is an error, as in the header.
    pub fn claims(&self) -> Result<Map<String, Value>, DecodeError> {
        match json::parse(&self.payload) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(DecodeError::NotObject("payload")),
            Err(StrictError::Duplicate(member)) => Err(DecodeError::Duplicate {
                part: "payload",
                member,
            }),
            Err(StrictError::Syntax(error)) => Err(DecodeError::NotJson {
                part: "payload",
                error,
            }),
        }
    }
}

impl Decoded<'_> {
    /// The payload as JWT claims read leniently: a member named twice keeps
    /// the last value; the paths of such members are returned.
    pub fn claims_relaxed(&self) -> Result<(Map<String, Value>, Vec<String>), DecodeError> {
        match json::parse_lenient(&self.payload) {
            Ok((Value::Object(map), dups)) => Ok((map, dups)),
            Ok(_) => Err(DecodeError::NotObject("payload")),
            Err(e) => Err(DecodeError::NotJson {
                part: "payload",
                error: e.to_string(),
            }),
        }
    }
}

/// A token as pasted, made ready to decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned<'a> {
    /// The token with everything around and inside it that is not part of it removed.
    pub token: Cow<'a, str>,
    /// What was removed, for `-v` ("surrounding quotes", "2 line breaks"…).
    pub removed: Vec<String>,
}

/// The token text from user input, taken as people paste it: surrounding
/// white space and one pair of matching quotes go, then a leading `Bearer `
/// (any case), then ASCII white space anywhere (a line-wrapped or CRLF token;
/// a JWT never contains any). Any other character that cannot be in a JWT is
/// an error naming it and its offset in the input.
pub fn clean(input: &str) -> Result<Cleaned<'_>, DecodeError> {
    if input.len() > MAX_TOKEN {
        return Err(DecodeError::TooLarge);
    }
    let mut removed = Vec::new();
    let ws = |c: char| c.is_ascii_whitespace();
    // Byte range of the input still considered part of the token.
    let mut start = input.len() - input.trim_start_matches(ws).len();
    let mut end = input.trim_end_matches(ws).len().max(start);
    let bytes = input.as_bytes();
    if end - start >= 2 && matches!(bytes[start], b'"' | b'\'') && bytes[end - 1] == bytes[start] {
        start += 1;
        end -= 1;
        removed.push("surrounding quotes".to_string());
        start += input[start..end].len() - input[start..end].trim_start_matches(ws).len();
        end = start + input[start..end].trim_end_matches(ws).len();
    }
    if end - start > 7
        && bytes[start..start + 6].eq_ignore_ascii_case(b"bearer")
        && bytes[start + 6].is_ascii_whitespace()
    {
        start += 6;
        removed.push("the \"Bearer \" prefix".to_string());
        start += input[start..end].len() - input[start..end].trim_start_matches(ws).len();
    }
    let body = &input[start..end];
    let offset_base = input[..start].chars().count();
    let mut breaks = 0usize;
    let mut spaces = 0usize;
    for (i, c) in body.chars().enumerate() {
        if c == '\n' || c == '\r' {
            breaks += 1;
        } else if ws(c) {
            spaces += 1;
        } else if !is_token_char(c) {
            return Err(DecodeError::BadCharacter {
                character: shown(c),
                offset: offset_base + i,
            });
        }
    }
    if breaks > 0 {
        removed.push(plural(breaks, "line-break character"));
    }
    if spaces > 0 {
        removed.push(plural(spaces, "space or tab"));
    }
    let token: Cow<'_, str> = if breaks + spaces > 0 {
        Cow::Owned(body.chars().filter(|c| !ws(*c)).collect())
    } else {
        Cow::Borrowed(body)
    };
    if token.is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Cleaned { token, removed })
}

fn plural(n: usize, what: &str) -> String {
    match (n, what) {
        (1, _) => format!("1 {what}"),
        (_, "space or tab") => format!("{n} spaces or tabs"),
        _ => format!("{n} {what}s"),
    }
}

/// Split and decode a compact JWS (already [`clean`]ed).
pub fn decode(token: &str) -> Result<Decoded<'_>, DecodeError> {
    if token.len() > MAX_TOKEN {
        return Err(DecodeError::TooLarge);
    }
    if let Some((offset, c)) = token.chars().enumerate().find(|(_, c)| !is_token_char(*c)) {
        return Err(DecodeError::BadCharacter {
            character: shown(c),
            offset,
        });
    }
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        3 => {}
        5 => return Err(DecodeError::Jwe),
        n => return Err(DecodeError::Parts(n)),
    }
    let header_bytes = b64url_decode(parts[0]).map_err(|_| DecodeError::Base64("header"))?;
    let header = match json::parse(&header_bytes) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(DecodeError::NotObject("header")),
        Err(StrictError::Duplicate(member)) => {
            return Err(DecodeError::Duplicate {
                part: "header",
                member,
            });
        }
        Err(StrictError::Syntax(error)) => {
            return Err(DecodeError::NotJson {
                part: "header",
                error,
            });
        }
    };
    if !header.get("alg").is_some_and(Value::is_string) {
        return Err(DecodeError::NoAlg);
    }
    check_header_types(&header)?;
    let payload = b64url_decode(parts[1]).map_err(|_| DecodeError::Base64("payload"))?;
    let signature = decode_signature(parts[2])?;
    let signing_input = &token[..parts[0].len() + 1 + parts[1].len()];
    Ok(Decoded {
        signing_input,
        header,
        payload,
        signature,
        signature_b64: parts[2],
    })
}

/// What [`decode_relaxed`] let pass that [`decode`] refuses: each a rule of
/// jwksctl's that a target may not enforce (the target decides).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relaxed {
    /// A member named twice (the last one was kept, as lenient readers do).
    Duplicate { part: &'static str, member: String },
    /// The signature is padded or has non-zero trailing bits.
    SignatureSpelling(DecodeError),
    /// A registered header member of another JSON type.
    HeaderType {
        member: &'static str,
        expected: &'static str,
    },
}

impl Relaxed {
    /// The refusal [`decode`] would have made.
    pub fn message(&self) -> String {
        match self {
            Relaxed::Duplicate { part, member } => DecodeError::Duplicate {
                part,
                member: member.clone(),
            }
            .to_string(),
            Relaxed::SignatureSpelling(e) => e.to_string(),
            Relaxed::HeaderType { member, expected } => {
                DecodeError::MemberType { member, expected }.to_string()
            }
        }
    }
}

/// [`decode`] for a target's reading: members named twice keep the last
/// one, a padded or non-canonical signature is decoded anyway, and header
/// members of another type are let through, each reported as [`Relaxed`].
/// Everything else [`decode`] refuses is still refused.
pub fn decode_relaxed(token: &str) -> Result<(Decoded<'_>, Vec<Relaxed>), DecodeError> {
    match decode(token) {
        Ok(d) => return Ok((d, Vec::new())),
        Err(
            DecodeError::Duplicate { .. }
            | DecodeError::SignaturePadding
            | DecodeError::SignatureNotCanonical
            | DecodeError::MemberType { .. },
        ) => {}
        Err(e) => return Err(e),
    }
    let parts: Vec<&str> = token.split('.').collect();
    let mut relaxed = Vec::new();
    let header_bytes = b64url_decode(parts[0]).map_err(|_| DecodeError::Base64("header"))?;
    let header = match json::parse_lenient(&header_bytes) {
        Ok((Value::Object(map), dups)) => {
            relaxed.extend(dups.into_iter().map(|member| Relaxed::Duplicate {
                part: "header",
                member,
            }));
            map
        }
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
    relaxed.extend(
        header_type_mismatches(&header)
            .map(|(member, expected)| Relaxed::HeaderType { member, expected }),
    );
    let payload = b64url_decode(parts[1]).map_err(|_| DecodeError::Base64("payload"))?;
    let signature = match decode_signature(parts[2]) {
        Ok(s) => s,
        Err(e @ (DecodeError::SignaturePadding | DecodeError::SignatureNotCanonical)) => {
            relaxed.push(Relaxed::SignatureSpelling(e));
            lenient_signature(parts[2]).map_err(|_| DecodeError::Base64("signature"))?
        }
        Err(e) => return Err(e),
    };
    let signing_input = &token[..parts[0].len() + 1 + parts[1].len()];
    Ok((
        Decoded {
            signing_input,
            header,
            payload,
            signature,
            signature_b64: parts[2],
        },
        relaxed,
    ))
}

/// base64url as lenient decoders read it: padding and trailing bits allowed.
fn lenient_signature(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    use base64::Engine;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    )
    .decode(text)
}

/// The signature bytes, from canonical base64url only: a padded or otherwise
/// re-spelled signature would make a second string for one signed token.
fn decode_signature(text: &str) -> Result<Vec<u8>, DecodeError> {
    if text.ends_with('=') {
        return Err(DecodeError::SignaturePadding);
    }
    b64url_decode_canonical(text).map_err(|e| match e {
        base64::DecodeError::InvalidLastSymbol { .. } => DecodeError::SignatureNotCanonical,
        _ => DecodeError::Base64("signature"),
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
        assert_eq!(clean("  Bearer  x.y.z\n").unwrap().token, "x.y.z");
        assert_eq!(clean("BEARER x").unwrap().token, "x");
        assert_eq!(clean(" \n").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode("a.b").unwrap_err(), DecodeError::Parts(2));
        assert_eq!(decode("a.b.c.d.e").unwrap_err(), DecodeError::Jwe);
        assert_eq!(
            decode("a!.b.c").unwrap_err(),
            DecodeError::BadCharacter {
                character: "the character '!'".into(),
                offset: 1
            }
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

    #[test]
    fn duplicates_and_mistyped_header_members_are_malformed() {
        let b = |s: &str| crate::jwk::b64url_encode(s.as_bytes());
        let t = |h: &str, p: &str| format!("{}.{}.c2ln", b(h), b(p));
        assert_eq!(
            decode(&t(r#"{"alg":"none","alg":"EdDSA"}"#, "{}")).unwrap_err(),
            DecodeError::Duplicate {
                part: "header",
                member: "alg".into()
            }
        );
        let kid_twice = t(r#"{"alg":"EdDSA","kid":"a","kid":"b"}"#, "{}");
        assert!(
            decode(&kid_twice)
                .unwrap_err()
                .to_string()
                .contains("\"kid\" twice")
        );
        let exp_twice = t(r#"{"alg":"EdDSA"}"#, r#"{"exp":1,"sub":"a","exp":9}"#);
        let exp_twice = decode(&exp_twice).unwrap();
        assert_eq!(
            exp_twice.claims().unwrap_err(),
            DecodeError::Duplicate {
                part: "payload",
                member: "exp".into()
            }
        );
        for (header, member, expected) in [
            (r#"{"alg":"EdDSA","kid":7}"#, "kid", "string"),
            (r#"{"alg":"EdDSA","typ":["JWT"]}"#, "typ", "string"),
            (r#"{"alg":"EdDSA","crit":"exp"}"#, "crit", "array"),
            (r#"{"alg":"EdDSA","jwk":"k"}"#, "jwk", "object"),
        ] {
            assert_eq!(
                decode(&t(header, "{}")).unwrap_err(),
                DecodeError::MemberType { member, expected },
                "{header}"
            );
        }
        assert!(decode(&t(r#"{"alg":"EdDSA","kid":"k","x-custom":7}"#, "{}")).is_ok());
    }

    #[test]
    fn pasted_forms_are_cleaned_and_reported() {
        let quoted = format!("\"{TOKEN}\"\n");
        let c = clean(&quoted).unwrap();
        assert_eq!(c.token, TOKEN);
        assert_eq!(c.removed, ["surrounding quotes"]);
        let tabbed = format!("'Bearer\t{TOKEN}'");
        let c = clean(&tabbed).unwrap();
        assert_eq!(c.token, TOKEN);
        assert_eq!(c.removed, ["surrounding quotes", "the \"Bearer \" prefix"]);
        let wrapped = format!("{}\r\n{} {}\n", &TOKEN[..10], &TOKEN[10..20], &TOKEN[20..]);
        let c = clean(&wrapped).unwrap();
        assert_eq!(c.token, TOKEN);
        assert!(matches!(c.token, Cow::Owned(_)));
        assert_eq!(c.removed, ["2 line-break characters", "1 space or tab"]);
        let plain = clean(TOKEN).unwrap();
        assert!(plain.removed.is_empty() && matches!(plain.token, Cow::Borrowed(_)));
        // A stray character is named with its offset in the input as given.
        let bad = format!("Bearer {}\n{}!{}", &TOKEN[..5], &TOKEN[5..9], &TOKEN[9..]);
        assert_eq!(
            clean(&bad).unwrap_err(),
            DecodeError::BadCharacter {
                character: "the character '!'".into(),
                offset: 17
            }
        );
        assert_eq!(
            clean("a.b\u{a0}.c").unwrap_err().to_string(),
            "the token contains the character U+00A0 at offset 3, which never appears in a JWT"
        );
        // Unbalanced quotes are not stripped, and a quote is not a JWT character.
        assert!(matches!(
            clean(&format!("\"{TOKEN}")).unwrap_err(),
            DecodeError::BadCharacter { offset: 0, .. }
        ));
        assert_eq!(clean("\"\"").unwrap_err(), DecodeError::Empty);
        assert!(
            clean("Bearer \u{e9}")
                .unwrap_err()
                .to_string()
                .contains("U+00E9")
        );
        assert!(clean("beare\u{e9}xx").is_err());
    }

    proptest! {
        /// Any ASCII white space inserted anywhere, around any of the pasted
        /// wrappers, yields the token itself.
        #[test]
        fn pasted_tokens_clean_to_the_token(
            token in "[A-Za-z0-9_-]{1,30}\\.[A-Za-z0-9_-]{0,30}\\.[A-Za-z0-9_-]{0,30}",
            cuts in proptest::collection::vec((0usize..100, "[ \t\r\n]{1,3}"), 0..6),
            quote in 0usize..3,
            bearer in any::<bool>(),
        ) {
            let mut body = token.clone();
            for (at, ws) in cuts {
                let at = at % (body.len() + 1);
                body.insert_str(at, &ws);
            }
            if bearer {
                body = format!("Bearer {body}");
            }
            let pasted = match quote {
                0 => body,
                1 => format!("\"{body}\""),
                _ => format!(" '{body}'\r\n"),
            };
            prop_assert_eq!(clean(&pasted).unwrap().token, token);
        }

        /// Whatever is pasted, a cleaned token holds only token characters,
        /// and a decoded one has exactly three parts whose header is a JSON
        /// object; every refusal says what is wrong.
        #[test]
        fn arbitrary_strings_are_cleaned_or_refused(s in ".{0,300}") {
            match clean(&s) {
                Ok(t) => {
                    prop_assert!(t.token.chars().all(is_token_char), "{:?}", t.token);
                    match decode(&t.token) {
                        Ok(d) => {
                            prop_assert_eq!(t.token.split('.').count(), 3);
                            let header = b64url_decode(t.token.split('.').next().unwrap()).unwrap();
                            prop_assert!(serde_json::from_slice::<Value>(&header).is_ok_and(|v| v.is_object()));
                            if let Err(e) = d.claims() {
                                prop_assert!(!e.to_string().is_empty());
                            }
                        }
                        Err(e) => prop_assert!(!e.to_string().is_empty()),
                    }
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }

        /// A token-shaped string decodes only with three parts; five are
        /// named as an encrypted token, any other count as that count.
        #[test]
        fn token_shaped_strings_are_split_right(s in "[A-Za-z0-9_=-]{0,40}(\\.[A-Za-z0-9_=-]{0,40}){0,5}") {
            let parts = s.split('.').count();
            match decode(&s) {
                Ok(d) => {
                    prop_assert_eq!(parts, 3);
                    prop_assert_eq!(d.signature_b64, s.rsplit('.').next().unwrap());
                    if let Ok(claims) = d.claims() {
                        let payload = b64url_decode(s.split('.').nth(1).unwrap()).unwrap();
                        let oracle: Value = serde_json::from_slice(&payload).unwrap();
                        prop_assert_eq!(Value::Object(claims), oracle);
                    }
                }
                Err(e) => match parts {
                    5 => prop_assert!(matches!(e, DecodeError::Jwe)),
                    3 => prop_assert!(!matches!(e, DecodeError::Parts(_) | DecodeError::Jwe)),
                    n => prop_assert!(matches!(e, DecodeError::Parts(m) if m == n), "{}", e),
                },
            }
        }
    }
}
