//! The JSON Web Key model shared by the key store, the JWKS audit and token
//! verification: base64url helpers, a typed [`Jwk`] that keeps unknown members,
//! private-member detection, public projection, the RFC 7638 thumbprint, and
//! the one validation of a key's material ([`Jwk::key_material`]).

use std::fmt;

use aws_lc_rs::signature::{self, ParsedPublicKey, RsaPublicKeyComponents};
use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE_NO_PAD, URL_SAFE_NO_PAD_INDIFFERENT};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::secret::Secret;

mod ed25519;

/// Members that carry private key material in any key type (RFC 7518 §6).
/// `k` is the whole secret of an `oct` key.
pub const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// base64url without padding (RFC 7515 §2).
pub fn b64url_encode(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// base64url exactly as RFC 7515 §2 writes it: no `=` padding, and zero bits
/// after the last byte, so one byte string has one spelling. For signatures,
/// where a second spelling would be a second token with the same signature.
pub fn b64url_decode_canonical(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    URL_SAFE_NO_PAD.decode(text)
}

/// base64url decoding; trailing `=` padding is tolerated (some providers pad).
pub fn b64url_decode(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    URL_SAFE_NO_PAD_INDIFFERENT.decode(text)
}

/// One JSON Web Key. Members jwksctl does not model are kept in `extra` so a
/// key round-trips unchanged. `Debug` never prints private members.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Jwk {
    pub kty: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(rename = "use", skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_ops: Option<Vec<String>>,
    /// RSA modulus.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    /// RSA public exponent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
    /// EC / OKP curve.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<String>,
    /// Everything else, private members included.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl fmt::Debug for Jwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Jwk");
        s.field("kty", &self.kty)
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .field("use", &self.use_)
            .field("crv", &self.crv);
        let private = self.private_members();
        if !private.is_empty() {
            s.field(
                "private",
                &format_args!("[redacted: {}]", private.join(",")),
            );
        }
        s.finish_non_exhaustive()
    }
}

/// Why a value is not a JWK.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwkError {
    #[error("not a JSON object")]
    NotAnObject,
    #[error("not a valid JWK: {0}")]
    Invalid(String),
    #[error("member {0:?} is missing")]
    Missing(&'static str),
    #[error("member {member:?} is not valid base64url")]
    BadBase64 { member: &'static str },
    #[error("cannot compute a thumbprint for key type {0:?}")]
    UnsupportedKty(String),
    #[error("member {member:?} is not {len} bytes, as {crv} needs")]
    Length {
        member: &'static str,
        len: usize,
        crv: &'static str,
    },
    #[error("the point (x, y) is not on the curve {0}")]
    NotOnCurve(&'static str),
    #[error("the modulus n is zero")]
    ZeroModulus,
    #[error(
        "it is an RSA-{0} key: RSA keys under 2048 bits are refused (RFC 7518 3.3), by jwksctl and by PowerSync alike"
    )]
    WeakRsa(usize),
    #[error(
        "member \"x\" is a small-order Ed25519 point: it verifies forged signatures without any private key"
    )]
    SmallOrder,
    #[error("member \"x\" is not a canonical Ed25519 point encoding (RFC 8032 5.1.3)")]
    NonCanonical,
}

/// The smallest RSA modulus jwksctl verifies with (RFC 7518 3.3; aws-lc-rs
/// and PowerSync's `jose` refuse smaller ones too).
pub const MIN_RSA_BITS: usize = 2048;

/// The key material of a JWK, decoded and checked: the one validation the
/// JWKS audit and the verifier share, so `check` never calls a key `ok` that
/// the verifier would treat differently, and the reverse.
pub enum KeyMaterial {
    /// RSA `n` and `e` without leading zeros, and the modulus size in bits.
    Rsa(RsaPublicKeyComponents<Vec<u8>>, usize),
    /// A point on P-256, P-384 or P-521 (which fixes the algorithm).
    Ec(ParsedPublicKey, &'static str),
    /// An Ed25519 public key that is canonical and not of small order.
    Ed25519(ParsedPublicKey),
    /// An HMAC secret.
    Oct(Secret<Vec<u8>>),
    /// A key type or curve jwksctl does not verify with (not decoded).
    Unsupported,
}

impl Jwk {
    /// Parse one key from a JSON value.
    pub fn from_value(value: &Value) -> Result<Self, JwkError> {
        if !value.is_object() {
            return Err(JwkError::NotAnObject);
        }
        Jwk::deserialize(value).map_err(|e| JwkError::Invalid(e.to_string()))
    }

    /// A private member by name (`d`, `k`, …), if present.
    pub fn private_member(&self, name: &str) -> Option<&str> {
        self.extra.get(name).and_then(Value::as_str)
    }

    /// The names of the private members this key carries (empty for a public key).
    pub fn private_members(&self) -> Vec<&'static str> {
        PRIVATE_MEMBERS
            .into_iter()
            .filter(|m| self.extra.contains_key(*m))
            .collect()
    }

    /// True when the key carries any private material.
    pub fn is_private(&self) -> bool {
        !self.private_members().is_empty()
    }

    /// The key without private members.
    pub fn to_public(&self) -> Jwk {
        let mut public = self.clone();
        for m in PRIVATE_MEMBERS {
            public.extra.remove(m);
        }
        public
    }

    /// A required base64url member decoded.
    pub fn decode_member(&self, member: &'static str) -> Result<Vec<u8>, JwkError> {
        let text = match member {
            "n" => self.n.as_deref(),
            "e" => self.e.as_deref(),
            "x" => self.x.as_deref(),
            "y" => self.y.as_deref(),
            other => self.private_member(other),
        }
        .ok_or(JwkError::Missing(member))?;
        b64url_decode(text).map_err(|_| JwkError::BadBase64 { member })
    }

    /// The key material, decoded and checked (RSA moduli of at least
    /// [`MIN_RSA_BITS`]): members present and decodable,
    /// EC coordinates of the curve's exact length and on the curve, an RSA
    /// modulus that is not zero, an Ed25519 key that is canonical and not of
    /// small order. The audit and the verifier both call this and nothing else.
    pub fn key_material(&self) -> Result<KeyMaterial, JwkError> {
        let crv = || self.crv.as_deref().ok_or(JwkError::Missing("crv"));
        match self.kty.as_str() {
            "RSA" => {
                let n = strip_leading_zeros(self.decode_member("n")?);
                let e = strip_leading_zeros(self.decode_member("e")?);
                let Some(first) = n.first() else {
                    return Err(JwkError::ZeroModulus);
                };
                let bits = n.len() * 8 - first.leading_zeros() as usize;
                if bits < MIN_RSA_BITS {
                    return Err(JwkError::WeakRsa(bits));
                }
                Ok(KeyMaterial::Rsa(RsaPublicKeyComponents { n, e }, bits))
            }
            "EC" => {
                let (crv, len, alg): (_, _, &'static signature::EcdsaVerificationAlgorithm) =
                    match crv()? {
                        "P-256" => ("P-256", 32, &signature::ECDSA_P256_SHA256_FIXED),
                        "P-384" => ("P-384", 48, &signature::ECDSA_P384_SHA384_FIXED),
                        "P-521" => ("P-521", 66, &signature::ECDSA_P521_SHA512_FIXED),
                        _ => return Ok(KeyMaterial::Unsupported),
                    };
                // Each coordinate on its own: x and y split 31/33 concatenate
                // to the same point, and must not pass for it.
                let mut point = vec![0x04];
                for member in ["x", "y"] {
                    let bytes = self.decode_member(member)?;
                    if bytes.len() != len {
                        return Err(JwkError::Length { member, len, crv });
                    }
                    point.extend(bytes);
                }
                ParsedPublicKey::new(alg, point)
                    .map(|key| KeyMaterial::Ec(key, crv))
                    .map_err(|_| JwkError::NotOnCurve(crv))
            }
            "OKP" => {
                if crv()? != "Ed25519" {
                    return Ok(KeyMaterial::Unsupported);
                }
                let x: [u8; 32] =
                    self.decode_member("x")?
                        .try_into()
                        .map_err(|_| JwkError::Length {
                            member: "x",
                            len: 32,
                            crv: "Ed25519",
                        })?;
                if ed25519::small_order(&x) {
                    return Err(JwkError::SmallOrder);
                }
                if ed25519::non_canonical(&x) {
                    return Err(JwkError::NonCanonical);
                }
                ParsedPublicKey::new(&signature::ED25519, x)
                    .map(KeyMaterial::Ed25519)
                    .map_err(|_| {
                        JwkError::Invalid("member \"x\" is not an Ed25519 public key".into())
                    })
            }
            "oct" => Ok(KeyMaterial::Oct(Secret::new(self.decode_member("k")?))),
            _ => Ok(KeyMaterial::Unsupported),
        }
    }

    /// The RFC 7638 JWK thumbprint: base64url SHA-256 of the required members
    /// in lexicographic order with no white space.
    pub fn thumbprint(&self) -> Result<String, JwkError> {
        let get = |name: &'static str, v: &Option<String>| v.clone().ok_or(JwkError::Missing(name));
        let mut members: Vec<(&str, String)> = match self.kty.as_str() {
            "RSA" => vec![("e", get("e", &self.e)?), ("n", get("n", &self.n)?)],
            "EC" => vec![
                ("crv", get("crv", &self.crv)?),
                ("x", get("x", &self.x)?),
                ("y", get("y", &self.y)?),
            ],
            "OKP" => vec![("crv", get("crv", &self.crv)?), ("x", get("x", &self.x)?)],
            "oct" => vec![(
                "k",
                self.private_member("k")
                    .map(str::to_string)
                    .ok_or(JwkError::Missing("k"))?,
            )],
            other => return Err(JwkError::UnsupportedKty(other.to_string())),
        };
        members.push(("kty", self.kty.clone()));
        members.sort_by(|a, b| a.0.cmp(b.0));
        let mut canonical = Map::new();
        for (k, v) in members {
            canonical.insert(k.to_string(), Value::String(v));
        }
        // serde_json's default map is sorted and compact output has no white space.
        let json =
            serde_json::to_string(&canonical).map_err(|e| JwkError::Invalid(e.to_string()))?;
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, json.as_bytes());
        Ok(b64url_encode(digest.as_ref()))
    }
}

/// Big-endian integer bytes without leading zeros (as aws-lc-rs wants RSA `n`, `e`).
fn strip_leading_zeros(mut bytes: Vec<u8>) -> Vec<u8> {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.drain(..first);
    bytes
}

/// A JWK Set document: `{"keys":[…]}`. Keys stay raw JSON values so one bad
/// key never hides the others; parse each with [`Jwk::from_value`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JwkSet {
    pub keys: Vec<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rfc7638_example_thumbprint() {
        let key = json!({
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e": "AQAB",
            "alg": "RS256",
            "kid": "2011-04-29"
        });
        let jwk = Jwk::from_value(&key).unwrap();
        assert_eq!(
            jwk.thumbprint().unwrap(),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }

    #[test]
    fn rfc8037_thumbprint() {
        let key =
            json!({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
        assert_eq!(
            Jwk::from_value(&key).unwrap().thumbprint().unwrap(),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }

    #[test]
    fn private_members_are_found_stripped_and_redacted() {
        let key = json!({"kty":"OKP","crv":"Ed25519","x":"AAAA","d":"c2VjcmV0LXZhbHVl","kid":"k1","custom":1});
        let jwk = Jwk::from_value(&key).unwrap();
        assert_eq!(jwk.private_members(), vec!["d"]);
        let debug = format!("{jwk:?}");
        assert!(!debug.contains("c2VjcmV0LXZhbHVl"), "{debug}");
        let public = jwk.to_public();
        assert!(!public.is_private());
        let back = serde_json::to_value(&public).unwrap();
        assert_eq!(
            back,
            json!({"kty":"OKP","crv":"Ed25519","x":"AAAA","kid":"k1","custom":1})
        );
    }

    fn okp(x: &[u8]) -> Jwk {
        Jwk::from_value(&serde_json::json!({"kty":"OKP","crv":"Ed25519","x":b64url_encode(x)}))
            .unwrap()
    }

    #[test]
    fn ed25519_small_order_and_non_canonical_keys_are_refused() {
        for listed in ed25519::SMALL_ORDER {
            for sign in [0, 0x80] {
                let mut x = listed;
                x[31] |= sign;
                assert_eq!(okp(&x).key_material().err(), Some(JwkError::SmallOrder));
            }
        }
        // y = p + 2 .. 2^255 - 1: not canonical (p and p + 1 are small-order).
        for low in 0xef..=0xff {
            let mut x = [0xff; 32];
            x[0] = low;
            x[31] = 0x7f;
            assert_eq!(okp(&x).key_material().err(), Some(JwkError::NonCanonical));
        }
        // RFC 8037's key is fine.
        let rfc8037 = b64url_decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
        assert!(matches!(
            okp(&rfc8037).key_material(),
            Ok(KeyMaterial::Ed25519(_))
        ));
        assert!(matches!(
            okp(&[1; 31]).key_material(),
            Err(JwkError::Length { member: "x", .. })
        ));
    }

    /// x and y are checked one by one: RFC 7515 A.3's P-256 key with its
    /// coordinates split 31/33 makes the same 64 bytes and is still refused.
    #[test]
    fn ec_coordinates_have_the_curve_length_each() {
        let x = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
        let y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
        let ec = |x: &str, y: &str| {
            Jwk::from_value(&serde_json::json!({"kty":"EC","crv":"P-256","x":x,"y":y})).unwrap()
        };
        assert!(matches!(
            ec(x, y).key_material(),
            Ok(KeyMaterial::Ec(_, "P-256"))
        ));
        let (xb, yb) = (b64url_decode(x).unwrap(), b64url_decode(y).unwrap());
        let x31 = b64url_encode(&xb[..31]);
        let y33 = b64url_encode([&xb[31..], &yb[..]].concat());
        let err = ec(&x31, &y33).key_material().err().unwrap();
        assert_eq!(
            err.to_string(),
            "member \"x\" is not 32 bytes, as P-256 needs"
        );
        // The right lengths but not a point of the curve.
        let mut off = yb.clone();
        off[31] ^= 1;
        assert_eq!(
            ec(x, &b64url_encode(off)).key_material().err(),
            Some(JwkError::NotOnCurve("P-256"))
        );
    }

    #[test]
    fn not_a_key() {
        assert_eq!(Jwk::from_value(&json!([1])), Err(JwkError::NotAnObject));
        assert!(Jwk::from_value(&json!({"n":"x"})).is_err());
        assert!(b64url_decode("AQAB").is_ok());
        assert!(b64url_decode("AQ").is_ok());
        assert!(b64url_decode("AQ==").is_ok());
        assert!(b64url_decode("A+/B").is_err());
        assert!(b64url_decode_canonical("AQ").is_ok());
        assert!(b64url_decode_canonical("AQ==").is_err());
        assert!(
            b64url_decode_canonical("AR").is_err(),
            "non-zero trailing bits"
        );
    }
}
