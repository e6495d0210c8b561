//! Local development signing keys (docs/tokens.md, "Development keys"): generation ([`generate`]), the
//! key store under `data/keys/` ([`store`]) and conversions between JWK,
//! PKCS#8/SPKI PEM and signing keys ([`convert`]), and the store's public
//! keys as a local JWKS endpoint ([`serve`]).

pub mod convert;
pub mod files;
pub mod generate;
pub mod serve;
pub mod sqld;
pub mod store;

use crate::jwk::Jwk;

/// The public JWK a verifier gets: public members plus `kid`, `alg` and
/// `use: "sig"`. `None` for HMAC keys, which have no public part.
pub fn public_jwk(jwk: &Jwk) -> Option<Jwk> {
    if jwk.kty == "oct" {
        return None;
    }
    let mut public = jwk.to_public();
    public.use_ = Some("sig".into());
    public.key_ops = None;
    Some(public)
}

/// Check a key id given by the user: it names a file, so no path characters.
pub fn validate_kid(kid: &str) -> Result<(), String> {
    if kid.is_empty() || kid.len() > 128 {
        return Err("a kid is 1 to 128 characters".into());
    }
    if let Some(c) = kid
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!(
            "a kid may use letters, digits, '-', '_' and '.', not {}",
            crate::claims::describe_char(c)
        ));
    }
    if kid.starts_with('.') {
        return Err("a kid may not start with '.'".into());
    }
    Ok(())
}
