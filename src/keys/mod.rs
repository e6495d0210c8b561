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

/// The algorithms `keys generate` makes keys for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlg {
    EdDSA,
    ES256,
    ES384,
    ES512,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    HS256,
    HS384,
    HS512,
}

impl KeyAlg {
    /// Every generatable algorithm.
    pub const ALL: [KeyAlg; 13] = [
        KeyAlg::EdDSA,
        KeyAlg::ES256,
        KeyAlg::ES384,
        KeyAlg::ES512,
        KeyAlg::RS256,
        KeyAlg::RS384,
        KeyAlg::RS512,
        KeyAlg::PS256,
        KeyAlg::PS384,
        KeyAlg::PS512,
        KeyAlg::HS256,
        KeyAlg::HS384,
        KeyAlg::HS512,
    ];

    /// The JWS name.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyAlg::EdDSA => "EdDSA",
            KeyAlg::ES256 => "ES256",
            KeyAlg::ES384 => "ES384",
            KeyAlg::ES512 => "ES512",
            KeyAlg::RS256 => "RS256",
            KeyAlg::RS384 => "RS384",
            KeyAlg::RS512 => "RS512",
            KeyAlg::PS256 => "PS256",
            KeyAlg::PS384 => "PS384",
            KeyAlg::PS512 => "PS512",
            KeyAlg::HS256 => "HS256",
            KeyAlg::HS384 => "HS384",
            KeyAlg::HS512 => "HS512",
        }
    }

    /// The algorithm named `name` (exact JWS spelling, or any case).
    pub fn parse(name: &str) -> Option<KeyAlg> {
        KeyAlg::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(name))
    }

    /// HMAC keys (HS*): shared secrets, never a default by themselves.
    pub fn is_hmac(self) -> bool {
        matches!(self, KeyAlg::HS256 | KeyAlg::HS384 | KeyAlg::HS512)
    }

    /// RSA keys (RS*, PS*): the ones `--bits` applies to.
    pub fn is_rsa(self) -> bool {
        matches!(
            self,
            KeyAlg::RS256
                | KeyAlg::RS384
                | KeyAlg::RS512
                | KeyAlg::PS256
                | KeyAlg::PS384
                | KeyAlg::PS512
        )
    }
}

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
