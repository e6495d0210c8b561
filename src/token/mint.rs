//! `token mint`: assemble the claims (template, claims file, `--claim`, then
//! the registered claims), build the JWS header and sign with a local key.

use std::time::Duration;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::jwk::b64url_encode;
use crate::keys::convert::{KeyError, SigningKey};

/// Parse `NAME=VALUE`: VALUE as JSON when it parses, else as a string. The
/// error is the reason only.
pub fn parse_claim(text: &str) -> Result<(String, Value), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| "expected NAME=VALUE".to_string())?;
    let name = name.trim();
    if name.is_empty() {
        return Err("the claim name is empty".into());
    }
    let value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_string()));
    Ok((name.to_string(), value))
}

/// The longest `--ttl`: 100 years.
pub const MAX_TTL_SECS: u64 = crate::token::describe::MAX_SPAN_SECS;

/// Parse a ttl: the one duration grammar (`30s`, `15m`, `12h`, `7d`, `2w`, `1y`) or `never`;
/// between one second and [`MAX_TTL_SECS`]. The error is the reason only.
pub fn parse_ttl(text: &str) -> Result<Option<Duration>, String> {
    if text.trim().eq_ignore_ascii_case("never") {
        return Ok(None);
    }
    let d = crate::duration::parse(text)?;
    if d.as_secs() > MAX_TTL_SECS {
        return Err("at most 100 years (`never` makes a token without exp)".into());
    }
    if d.as_secs() == 0 {
        return Err("must be at least one second".into());
    }
    Ok(Some(d))
}

/// What to mint.
#[derive(Debug, Clone, Default)]
pub struct MintRequest {
    /// Non-registered claims, already merged (template, file, --claim).
    pub claims: Map<String, Value>,
    pub sub: Option<String>,
    pub aud: Vec<String>,
    pub iss: Option<String>,
    /// `None`: no `exp`.
    pub ttl: Option<Duration>,
    /// Unix seconds.
    pub now: u64,
}

/// A minted token and its parts.
#[derive(Debug, Clone, Serialize)]
pub struct Minted {
    pub token: String,
    pub header: Value,
    pub claims: Value,
    /// RFC 3339, or null without `exp`.
    pub expires_at: Option<String>,
}

#[derive(Serialize)]
struct Header<'a> {
    alg: &'a str,
    kid: &'a str,
    typ: &'a str,
}

/// Sign the request with `key` under `kid`.
pub fn mint(key: &SigningKey, kid: &str, request: &MintRequest) -> Result<Minted, KeyError> {
    let mut claims = request.claims.clone();
    if let Some(sub) = &request.sub {
        claims.insert("sub".into(), sub.clone().into());
    }
    match request.aud.as_slice() {
        [] => {}
        [one] => {
            claims.insert("aud".into(), one.clone().into());
        }
        many => {
            claims.insert("aud".into(), many.to_vec().into());
        }
    }
    if let Some(iss) = &request.iss {
        claims.insert("iss".into(), iss.clone().into());
    }
    claims.insert("iat".into(), request.now.into());
    // parse_ttl bounds the ttl; saturate rather than wrap for any other caller.
    let exp = request
        .ttl
        .map(|ttl| request.now.saturating_add(ttl.as_secs().min(MAX_TTL_SECS)));
    if let Some(exp) = exp {
        claims.insert("exp".into(), exp.into());
    }
    let header = Header {
        alg: key.alg().as_str(),
        kid,
        typ: "JWT",
    };
    // Plain structs and maps of JSON values always serialize.
    let header_json = serde_json::to_vec(&header).unwrap_or_default();
    let claims_json = serde_json::to_vec(&claims).unwrap_or_default();
    let input = format!(
        "{}.{}",
        b64url_encode(header_json),
        b64url_encode(claims_json)
    );
    let signature = key.sign(input.as_bytes())?;
    let token = format!("{input}.{}", b64url_encode(signature));
    let expires_at = exp.map(|e| {
        humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + Duration::from_secs(e))
            .to_string()
    });
    Ok(Minted {
        token,
        header: serde_json::to_value(&header).unwrap_or_default(),
        claims: Value::Object(claims),
        expires_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::Alg;
    use crate::keys::generate::generate;

    #[test]
    fn claims_and_ttl() {
        assert_eq!(parse_claim("n=3").unwrap(), ("n".into(), Value::from(3)));
        assert_eq!(
            parse_claim("role=admin").unwrap(),
            ("role".into(), Value::from("admin"))
        );
        assert_eq!(parse_claim("ok=true").unwrap().1, Value::Bool(true));
        assert_eq!(parse_claim("o={\"a\":1}").unwrap().1["a"], 1);
        assert_eq!(parse_claim("s=\"3\"").unwrap().1, Value::from("3"));
        assert!(parse_claim("novalue").is_err());
        assert!(parse_claim("=x").is_err());
        assert_eq!(parse_ttl("12h").unwrap(), Some(Duration::from_secs(43200)));
        assert_eq!(
            parse_ttl("2w").unwrap(),
            Some(Duration::from_secs(14 * 86400))
        );
        assert_eq!(parse_ttl("never").unwrap(), None);
        assert!(parse_ttl("soon").is_err());
        assert!(parse_ttl("0s").is_err());
        // Past 100 years, and values that would wrap a u64 of seconds.
        assert_eq!(
            parse_ttl("100y").unwrap(),
            Some(Duration::from_secs(MAX_TTL_SECS))
        );
        for (huge, why) in [
            (
                "101y",
                "at most 100 years (`never` makes a token without exp)",
            ),
            (
                "8000y",
                "at most 100 years (`never` makes a token without exp)",
            ),
        ] {
            assert_eq!(parse_ttl(huge).unwrap_err(), why, "{huge}");
        }
        assert!(parse_ttl("18446744072000000000s").is_err());
        assert_eq!(parse_claim("x").unwrap_err(), "expected NAME=VALUE");
        assert_eq!(parse_claim("=1").unwrap_err(), "the claim name is empty");
    }

    #[test]
    fn token_shape() {
        let jwk = generate(Alg::EdDSA, None, Some("k1")).unwrap();
        let key = SigningKey::from_jwk(&jwk).unwrap();
        let minted = mint(
            &key,
            "k1",
            &MintRequest {
                aud: vec!["a".into(), "b".into()],
                sub: Some("alice".into()),
                ttl: Some(Duration::from_secs(60)),
                now: 1_000,
                ..Default::default()
            },
        )
        .unwrap();
        let parts: Vec<&str> = minted.token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header = crate::jwk::b64url_decode(parts[0]).unwrap();
        assert_eq!(header, br#"{"alg":"EdDSA","kid":"k1","typ":"JWT"}"#);
        assert_eq!(minted.claims["aud"], serde_json::json!(["a", "b"]));
        assert_eq!(minted.claims["exp"], 1_060);
        assert_eq!(minted.expires_at.as_deref(), Some("1970-01-01T00:17:40Z"));
    }
}
