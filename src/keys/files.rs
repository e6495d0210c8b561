//! Key files as users hold them: PEM (PKCS#8 private keys, SPKI public keys),
//! JWK text, and sqld's raw base64url Ed25519 key — read into JWKs and
//! written back out.

use serde_json::Value;

use super::convert::{KeyError, base_jwk, jwk_from_pkcs8};
use crate::jwk::{Jwk, b64url_decode, b64url_encode};

fn invalid(message: impl Into<String>) -> KeyError {
    KeyError::Invalid(message.into())
}

/// PEM text (LF line endings) for DER under a label.
pub fn pem_encode(label: &str, der: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(label, der),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

/// A private JWK from key-file text: a JWK (JSON) or a PKCS#8 PEM.
pub fn jwk_from_key_file(text: &str) -> Result<Jwk, KeyError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        let value: Value = serde_json::from_str(trimmed)
            .map_err(|e| invalid(format!("not a JSON Web Key: {e}")))?;
        let jwk = Jwk::from_value(&value).map_err(|e| invalid(e.to_string()))?;
        if !jwk.is_private() {
            return Err(KeyError::NotPrivate);
        }
        return Ok(jwk);
    }
    if trimmed.starts_with("-----BEGIN") {
        let block = pem::parse(trimmed).map_err(|e| invalid(format!("not a PEM file: {e}")))?;
        return match block.tag() {
            "PRIVATE KEY" => jwk_from_pkcs8(block.contents()),
            "PUBLIC KEY" => Err(KeyError::NotPrivate),
            "RSA PRIVATE KEY" | "EC PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => {
                Err(invalid(format!(
                    "{} PEM is not supported; convert it to unencrypted PKCS#8 (openssl pkcs8 -topk8 -nocrypt)",
                    block.tag()
                )))
            }
            other => Err(invalid(format!(
                "a PEM {other:?} block is not a private key"
            ))),
        };
    }
    Err(invalid(
        "expected a private JWK (JSON) or a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)",
    ))
}

/// A public JWK from SubjectPublicKeyInfo DER (Ed25519, EC P-256/384/521, RSA).
pub fn jwk_from_spki(der: &[u8]) -> Result<Jwk, KeyError> {
    use simple_asn1::{ASN1Block, oid};
    let bad = || invalid("not a SubjectPublicKeyInfo public key");
    let blocks = simple_asn1::from_der(der).map_err(|_| bad())?;
    let Some(ASN1Block::Sequence(_, spki)) = blocks.first() else {
        return Err(bad());
    };
    let (Some(ASN1Block::Sequence(_, algorithm)), Some(ASN1Block::BitString(_, _, key))) =
        (spki.first(), spki.get(1))
    else {
        return Err(bad());
    };
    let Some(ASN1Block::ObjectIdentifier(_, id)) = algorithm.first() else {
        return Err(bad());
    };
    if *id == oid!(1, 3, 101, 112) {
        if key.len() != 32 {
            return Err(invalid("an Ed25519 public key is 32 bytes"));
        }
        let mut jwk = base_jwk("OKP");
        jwk.crv = Some("Ed25519".into());
        jwk.x = Some(b64url_encode(key));
        return Ok(jwk);
    }
    if *id == oid!(1, 2, 840, 10045, 2, 1) {
        let Some(ASN1Block::ObjectIdentifier(_, curve)) = algorithm.get(1) else {
            return Err(bad());
        };
        let (crv, len) = if *curve == oid!(1, 2, 840, 10045, 3, 1, 7) {
            ("P-256", 32)
        } else if *curve == oid!(1, 3, 132, 0, 34) {
            ("P-384", 48)
        } else if *curve == oid!(1, 3, 132, 0, 35) {
            ("P-521", 66)
        } else {
            return Err(invalid("unsupported EC curve"));
        };
        if key.len() != 1 + 2 * len || key[0] != 0x04 {
            return Err(invalid(
                "the EC point is not an uncompressed point of its curve",
            ));
        }
        let mut jwk = base_jwk("EC");
        jwk.crv = Some(crv.into());
        jwk.x = Some(b64url_encode(&key[1..=len]));
        jwk.y = Some(b64url_encode(&key[1 + len..]));
        return Ok(jwk);
    }
    if *id == oid!(1, 2, 840, 113549, 1, 1, 1) {
        let inner = simple_asn1::from_der(key).map_err(|_| bad())?;
        let Some(ASN1Block::Sequence(_, parts)) = inner.first() else {
            return Err(bad());
        };
        let (Some(ASN1Block::Integer(_, n)), Some(ASN1Block::Integer(_, e))) =
            (parts.first(), parts.get(1))
        else {
            return Err(bad());
        };
        let mut jwk = base_jwk("RSA");
        jwk.n = Some(b64url_encode(n.to_bytes_be().1));
        jwk.e = Some(b64url_encode(e.to_bytes_be().1));
        return Ok(jwk);
    }
    Err(invalid("unsupported public key algorithm"))
}

/// A public key from `--key` file text: SPKI PEM, a JWK, or sqld's raw
/// base64url Ed25519 key. Private members of a JWK are dropped.
pub fn public_jwk_from_key_file(text: &str) -> Result<Jwk, KeyError> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') {
        let value: Value = serde_json::from_str(trimmed)
            .map_err(|e| invalid(format!("not a JSON Web Key: {e}")))?;
        if value.get("keys").is_some() {
            return Err(invalid("this is a JWKS (a key set), not a single key"));
        }
        let jwk = Jwk::from_value(&value).map_err(|e| invalid(e.to_string()))?;
        return Ok(jwk.to_public());
    }
    if trimmed.starts_with("-----BEGIN") {
        let block = pem::parse(trimmed).map_err(|e| invalid(format!("not a PEM file: {e}")))?;
        return match block.tag() {
            "PUBLIC KEY" => jwk_from_spki(block.contents()),
            "PRIVATE KEY" => Ok(jwk_from_pkcs8(block.contents())?.to_public()),
            other => Err(invalid(format!(
                "a PEM {other:?} block is not supported; use an SPKI \"PUBLIC KEY\""
            ))),
        };
    }
    match b64url_decode(trimmed) {
        Ok(bytes) if bytes.len() == 32 => {
            let mut jwk = base_jwk("OKP");
            jwk.crv = Some("Ed25519".into());
            jwk.x = Some(b64url_encode(bytes));
            Ok(jwk)
        }
        _ => Err(invalid(
            "expected an SPKI PEM (-----BEGIN PUBLIC KEY-----), a JWK, or a raw base64url Ed25519 key",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_key() {
        assert!(jwk_from_key_file("hello").is_err());
        assert!(public_jwk_from_key_file("hello").is_err());
        assert!(
            jwk_from_key_file("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
                .is_err()
        );
        assert!(public_jwk_from_key_file(r#"{"keys":[]}"#).is_err());
    }
}
