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

/// A key file sqld would refuse to start with (`Could not parse JWT
/// decoding key(s)`), or would load without being able to verify anything.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SqldKeyError {
    #[error(
        "sqld would not start: the file is not UTF-8 text (it reads the key file with read_to_string)"
    )]
    NotUtf8,
    #[error(
        "sqld would not start: the text is not unpadded base64url{where_}: {why} (sqld reads a file that does not start with -----BEGIN as one raw base64url Ed25519 key, used as is: no padding, no white space, no trailing newline)"
    )]
    Base64 { why: String, where_: String },
    #[error(
        "sqld would not start: block {block} is a PRIVATE KEY (\"Received a private key, but a public key is expected\"): give sqld the public key instead"
    )]
    Private { block: usize },
    #[error(
        "sqld would not start: block {block} is a PEM {tag:?} block (\"Key is in unsupported PEM format\"); sqld reads PUBLIC KEY blocks"
    )]
    Tag { block: usize, tag: String },
    #[error(
        "sqld would not start: block {block} is not an Ed25519 public key (\"Could not decode Ed25519 public key from PEM\"): {why}"
    )]
    NotEd25519 { block: usize, why: String },
    #[error(
        "sqld would not start: the PEM text does not parse (\"Could not parse many certificates from PEM\"): {0}"
    )]
    Pem(String),
    #[error(
        "sqld starts with this key, but it is {0} bytes, not the 32 of an Ed25519 key: no token can verify"
    )]
    Length(usize),
}

/// The keys of a key file exactly as sqld loads `--auth-jwt-key-file`
/// (tursodatabase/libsql f8fb14f, `libsql-server/src/auth/parsers.rs`
/// `parse_jwt_keys`, read by `libsql-server/src/main.rs` with
/// `read_to_string`): text starting with `-----BEGIN` is one or more PEM
/// blocks, each a `PUBLIC KEY` (jsonwebtoken `from_ed_pem`), tried in turn;
/// anything else is one raw base64url key (jsonwebtoken `from_ed_components`:
/// `URL_SAFE_NO_PAD`, the whole text, nothing trimmed).
pub fn sqld_keys(bytes: &[u8]) -> Result<Vec<Jwk>, SqldKeyError> {
    let text = std::str::from_utf8(bytes).map_err(|_| SqldKeyError::NotUtf8)?;
    let ed = |raw: &[u8]| -> Result<Jwk, SqldKeyError> {
        if raw.len() != 32 {
            return Err(SqldKeyError::Length(raw.len()));
        }
        let mut jwk = base_jwk("OKP");
        jwk.crv = Some("Ed25519".into());
        jwk.x = Some(b64url_encode(raw));
        Ok(jwk)
    };
    if text.starts_with("-----BEGIN") {
        let blocks = pem::parse_many(text).map_err(|e| SqldKeyError::Pem(e.to_string()))?;
        let mut keys = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            let n = i + 1;
            match block.tag() {
                "PUBLIC KEY" => {
                    let jwk =
                        jwk_from_spki(block.contents()).map_err(|e| SqldKeyError::NotEd25519 {
                            block: n,
                            why: e.to_string(),
                        });
                    match jwk {
                        Ok(jwk) if jwk.kty == "OKP" => keys.push(jwk),
                        Ok(jwk) => {
                            return Err(SqldKeyError::NotEd25519 {
                                block: n,
                                why: format!("it is a {} key", jwk.kty),
                            });
                        }
                        Err(e) => return Err(e),
                    }
                }
                "PRIVATE KEY" => return Err(SqldKeyError::Private { block: n }),
                other => {
                    return Err(SqldKeyError::Tag {
                        block: n,
                        tag: other.to_string(),
                    });
                }
            }
        }
        return Ok(keys);
    }
    use base64::Engine;
    match base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text) {
        Ok(raw) => Ok(vec![ed(&raw)?]),
        Err(e) => {
            let (why, offset) = match e {
                base64::DecodeError::InvalidByte(offset, byte) => (
                    format!("{} is not a base64url character", shown_byte(byte)),
                    Some(offset),
                ),
                base64::DecodeError::InvalidLastSymbol { offset, .. } => (
                    "the last character carries bits that must be zero".to_string(),
                    Some(offset),
                ),
                base64::DecodeError::InvalidPadding => ("'=' padding".to_string(), None),
                base64::DecodeError::InvalidLength(n) => {
                    (format!("{n} characters is not a base64 length"), None)
                }
            };
            let where_ = match offset {
                Some(o) => {
                    let line = text[..o.min(text.len())].matches('\n').count() + 1;
                    format!(" at offset {o} (line {line})")
                }
                None => String::new(),
            };
            Err(SqldKeyError::Base64 { why, where_ })
        }
    }
}

fn shown_byte(byte: u8) -> String {
    match byte {
        b'\n' => "a newline (\\n)".into(),
        b'\r' => "a carriage return (\\r)".into(),
        b' ' => "a space".into(),
        b'\t' => "a tab".into(),
        b if b.is_ascii_graphic() => format!("'{}'", b as char),
        b => format!("the byte 0x{b:02x}"),
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
