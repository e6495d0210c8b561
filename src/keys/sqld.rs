//! sqld's JWT key file (docs/sqld.md, "Key files from a JWKS"): which keys of
//! a JWKS sqld can verify with, and the file that holds several of them.
//!
//! The file follows tursodatabase/libsql at commit f8fb14f,
//! `libsql-server/src/auth/parsers.rs`, `parse_jwt_keys` (read from
//! `--auth-jwt-key-file` or `SQLD_AUTH_JWT_KEY`, `libsql-server/src/main.rs`):
//! text that starts with `-----BEGIN` is split with `pem::parse_many`, and
//! each `PUBLIC KEY` block becomes an Ed25519 decoding key
//! (`DecodingKey::from_ed_pem`); a `PRIVATE KEY` block or any other tag
//! fails the whole file. Anything else is one raw base64url key, so several
//! keys (rotation, libsql PRs #1374 and #1602) need the PEM form.

use crate::alg::Alg;
use crate::jwk::Jwk;
use crate::keys::convert::{self, KeyError};
use crate::keys::files;

/// Why a key of a JWKS is left out of sqld's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Not an Ed25519 key: sqld verifies EdDSA with Ed25519 only
    /// (`from_ed_pem`). Carries `kty` and `crv` (or `alg` for `oct`).
    NotEd25519(String),
    /// `use: enc`: an encryption key, not a signing key.
    Encryption,
    /// `key_ops` present without `verify`.
    NoVerify,
    /// An `alg` other than `EdDSA` (sqld's JWT library knows only `EdDSA`
    /// for Ed25519 keys).
    OtherAlg(String),
    /// The key material is invalid (small-order or non-canonical point…).
    Invalid(String),
    /// The same public key came already (from this source or an earlier one).
    Duplicate,
}

impl Skip {
    /// The stable code `-o json` prints.
    pub fn code(&self) -> &'static str {
        match self {
            Skip::NotEd25519(_) => "not_ed25519",
            Skip::Encryption => "encryption_key",
            Skip::NoVerify => "no_verify_op",
            Skip::OtherAlg(_) => "other_alg",
            Skip::Invalid(_) => "invalid_key",
            Skip::Duplicate => "duplicate",
        }
    }
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::NotEd25519(what) => write!(f, "{what}: sqld verifies Ed25519 keys only"),
            Skip::Encryption => f.write_str("\"use\": \"enc\" (an encryption key)"),
            Skip::NoVerify => f.write_str("its \"key_ops\" do not include \"verify\""),
            Skip::OtherAlg(alg) => write!(f, "\"alg\": {alg:?}, not EdDSA"),
            Skip::Invalid(why) => write!(f, "invalid key: {why}"),
            Skip::Duplicate => f.write_str("the same key is already in the file"),
        }
    }
}

/// A key that goes into the file.
#[derive(Debug, Clone)]
pub struct Chosen {
    pub source: String,
    pub kid: Option<String>,
    /// The public JWK.
    pub jwk: Jwk,
}

/// A key left out, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub source: String,
    pub kid: Option<String>,
    pub why: Skip,
}

/// Whether sqld can verify tokens with this key, or why not.
pub fn usable(jwk: &Jwk) -> Result<(), Skip> {
    if jwk.kty != Alg::EdDSA.kty() || jwk.crv.as_deref() != Alg::EdDSA.curve() {
        let what = match (jwk.kty.as_str(), &jwk.crv, &jwk.alg) {
            ("oct", _, Some(alg)) => format!("an HMAC key ({alg})"),
            ("oct", _, None) => "an HMAC key".to_string(),
            (kty, Some(crv), _) => format!("a {kty} {crv} key"),
            (kty, None, _) => format!("a {kty} key"),
        };
        return Err(Skip::NotEd25519(what));
    }
    if jwk.use_.as_deref() == Some("enc") {
        return Err(Skip::Encryption);
    }
    if let Some(ops) = &jwk.key_ops
        && !ops.iter().any(|op| op == "verify")
    {
        return Err(Skip::NoVerify);
    }
    if let Some(alg) = &jwk.alg
        && alg != Alg::EdDSA.as_str()
    {
        return Err(Skip::OtherAlg(alg.clone()));
    }
    jwk.key_material()
        .map(|_| ())
        .map_err(|e| Skip::Invalid(e.to_string()))
}

/// Sort the keys of several sources (label, keys, in order) into those sqld's
/// file carries — every usable Ed25519 signing key, each public key once —
/// and those left out.
pub fn select(sources: &[(String, Vec<Jwk>)]) -> (Vec<Chosen>, Vec<Skipped>) {
    let mut chosen: Vec<Chosen> = Vec::new();
    let mut skipped = Vec::new();
    for (source, keys) in sources {
        for jwk in keys {
            let verdict = usable(jwk).and_then(|()| {
                if chosen.iter().any(|c| c.jwk.x == jwk.x) {
                    Err(Skip::Duplicate)
                } else {
                    Ok(())
                }
            });
            match verdict {
                Ok(()) => chosen.push(Chosen {
                    source: source.clone(),
                    kid: jwk.kid.clone(),
                    jwk: jwk.to_public(),
                }),
                Err(why) => skipped.push(Skipped {
                    source: source.clone(),
                    kid: jwk.kid.clone(),
                    why,
                }),
            }
        }
    }
    (chosen, skipped)
}

/// The key file: one SPKI `PUBLIC KEY` PEM block per key, in order, the
/// text starting with `-----BEGIN` (sqld checks `starts_with`, so nothing
/// may come before it). `keys` must be Ed25519 public keys.
pub fn key_file(keys: &[&Jwk]) -> Result<String, KeyError> {
    let mut text = String::new();
    for jwk in keys {
        text.push_str(&files::pem_encode("PUBLIC KEY", &convert::spki_der(jwk)?));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn jwk(value: serde_json::Value) -> Jwk {
        Jwk::from_value(&value).unwrap()
    }

    /// RFC 8037 A.2's public key.
    const X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    #[test]
    fn which_keys_sqld_can_use() {
        let ok = jwk(json!({"kty":"OKP","crv":"Ed25519","x":X,"kid":"a"}));
        assert_eq!(usable(&ok), Ok(()));
        let with = |extra: serde_json::Value| {
            let mut v = json!({"kty":"OKP","crv":"Ed25519","x":X});
            v.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            usable(&jwk(v))
        };
        assert_eq!(with(json!({"use":"sig","alg":"EdDSA"})), Ok(()));
        assert_eq!(with(json!({"key_ops":["verify"]})), Ok(()));
        assert_eq!(with(json!({"use":"enc"})), Err(Skip::Encryption));
        assert_eq!(with(json!({"key_ops":["sign"]})), Err(Skip::NoVerify));
        assert_eq!(
            with(json!({"alg":"Ed25519"})),
            Err(Skip::OtherAlg("Ed25519".into()))
        );
        let small = jwk(
            json!({"kty":"OKP","crv":"Ed25519","x":"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}),
        );
        assert!(matches!(usable(&small), Err(Skip::Invalid(_))));
        let x448 = jwk(json!({"kty":"OKP","crv":"Ed448","x":"AA"}));
        assert_eq!(
            usable(&x448),
            Err(Skip::NotEd25519("a OKP Ed448 key".into()))
        );
        let rsa = jwk(json!({"kty":"RSA","n":"AQAB","e":"AQAB"}));
        assert_eq!(usable(&rsa), Err(Skip::NotEd25519("a RSA key".into())));
        let hmac = jwk(json!({"kty":"oct","k":"c2VjcmV0","alg":"HS256"}));
        assert_eq!(
            usable(&hmac),
            Err(Skip::NotEd25519("an HMAC key (HS256)".into()))
        );
    }

    #[test]
    fn select_keeps_order_and_drops_duplicates() {
        let a = jwk(
            json!({"kty":"OKP","crv":"Ed25519","x":X,"kid":"a","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}),
        );
        let rsa = jwk(json!({"kty":"RSA","n":"AQAB","e":"AQAB","kid":"r"}));
        let again = jwk(json!({"kty":"OKP","crv":"Ed25519","x":X,"kid":"a2"}));
        let (chosen, skipped) =
            select(&[("one".into(), vec![a, rsa]), ("two".into(), vec![again])]);
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].kid.as_deref(), Some("a"));
        assert!(!chosen[0].jwk.is_private(), "only the public part");
        let why: Vec<(&str, &str)> = skipped
            .iter()
            .map(|s| (s.kid.as_deref().unwrap(), s.why.code()))
            .collect();
        assert_eq!(why, [("r", "not_ed25519"), ("a2", "duplicate")]);
    }

    #[test]
    fn the_file_is_pem_blocks_from_the_first_byte() {
        let a = jwk(json!({"kty":"OKP","crv":"Ed25519","x":X}));
        let text = key_file(&[&a, &a]).unwrap();
        assert!(text.starts_with("-----BEGIN PUBLIC KEY-----\n"));
        assert_eq!(text.matches("-----BEGIN PUBLIC KEY-----").count(), 2);
        let blocks = pem::parse_many(&text).unwrap();
        assert_eq!(blocks.len(), 2);
        let back = files::jwk_from_spki(blocks[1].contents()).unwrap();
        assert_eq!(back.x.as_deref(), Some(X));
        assert_eq!(key_file(&[]).unwrap(), "");
    }
}
