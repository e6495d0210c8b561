//! Conversions between the forms a key takes — a private JWK (how the key
//! store keeps it), PKCS#8 DER / PEM (what `--key-file` and `export --format
//! pem` use), SPKI for public keys — and the aws-lc-rs signing key built from
//! a JWK. aws-lc-rs does the cryptography; `simple_asn1` reads the one DER
//! structure aws-lc-rs does not take apart for us (an RSA private key's
//! components).

use aws_lc_rs::encoding::{AsBigEndian, AsDer};
use aws_lc_rs::hmac;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair as RsaKeyPair, KeyPairComponents, PublicKeyComponents};
use aws_lc_rs::signature::{
    self, ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING,
    ECDSA_P521_SHA512_FIXED_SIGNING, EcdsaKeyPair, EcdsaSigningAlgorithm, Ed25519KeyPair,
    KeyPair as _, RsaEncoding,
};
use serde_json::{Map, Value};

use crate::alg::{Alg, Family, Hash};
use crate::jwk::{Jwk, b64url_encode};

/// Why a key could not be used or converted. Never carries key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("{0}")]
    Invalid(String),
    #[error("algorithm {alg} does not fit a {kty} key")]
    AlgMismatch { alg: String, kty: String },
    #[error("unsupported algorithm {0:?}")]
    UnsupportedAlg(String),
    #[error("the key has no private material: it can verify but not sign")]
    NotPrivate,
}

fn invalid(message: impl Into<String>) -> KeyError {
    KeyError::Invalid(message.into())
}

/// A key ready to sign JWS signing input.
pub enum SigningKey {
    Ed25519(Ed25519KeyPair),
    Ecdsa(EcdsaKeyPair, Alg),
    Rsa(RsaKeyPair, Alg),
    Hmac(Box<hmac::Key>, Alg),
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({}, [redacted])", self.alg())
    }
}

/// The default algorithm for a key type (what `alg` a JWK without one gets).
pub fn default_alg(jwk: &Jwk) -> Result<Alg, KeyError> {
    Alg::default_for_key(&jwk.kty, jwk.crv.as_deref()).ok_or_else(|| {
        invalid(format!(
            "unsupported key type {}{}",
            jwk.kty,
            jwk.crv
                .as_deref()
                .map(|c| format!(" with curve {c}"))
                .unwrap_or_default()
        ))
    })
}

impl SigningKey {
    /// A signing key from a private JWK, for `alg` (the JWK's own `alg`, else
    /// the key type's default).
    pub fn from_jwk(jwk: &Jwk) -> Result<SigningKey, KeyError> {
        let alg = match jwk.alg.as_deref() {
            Some(a) => a
                .parse::<Alg>()
                .map_err(|e| KeyError::UnsupportedAlg(e.0))?,
            None => default_alg(jwk)?,
        };
        let mismatch = || KeyError::AlgMismatch {
            alg: alg.as_str().to_string(),
            kty: jwk.kty.clone(),
        };
        let member = |m: &'static str| {
            jwk.decode_member(m).map_err(|e| {
                if jwk.private_member(m).is_none() && ["d", "k"].contains(&m) {
                    KeyError::NotPrivate
                } else {
                    invalid(e.to_string())
                }
            })
        };
        match jwk.kty.as_str() {
            "OKP" => {
                if alg != Alg::EdDSA || jwk.crv.as_deref() != alg.curve() {
                    return Err(mismatch());
                }
                let pair = Ed25519KeyPair::from_seed_and_public_key(&member("d")?, &member("x")?)
                    .map_err(|_| {
                    invalid("the Ed25519 private key does not match its public key")
                })?;
                Ok(SigningKey::Ed25519(pair))
            }
            "EC" => {
                let signing = ecdsa_alg(alg, jwk.crv.as_deref()).ok_or_else(mismatch)?;
                let mut point = vec![0x04];
                point.extend(member("x")?);
                point.extend(member("y")?);
                let pair =
                    EcdsaKeyPair::from_private_key_and_public_key(signing, &member("d")?, &point)
                        .map_err(|_| invalid("the EC private key does not match its public key"))?;
                Ok(SigningKey::Ecdsa(pair, alg))
            }
            "RSA" => {
                if !alg.is_rsa() {
                    return Err(mismatch());
                }
                let parts: Vec<Vec<u8>> = ["n", "e", "d", "p", "q", "dp", "dq", "qi"]
                    .into_iter()
                    .map(member)
                    .collect::<Result<_, _>>()?;
                let components = KeyPairComponents {
                    public_key: PublicKeyComponents {
                        n: strip_zeros(&parts[0]),
                        e: strip_zeros(&parts[1]),
                    },
                    d: parts[2].as_slice(),
                    p: parts[3].as_slice(),
                    q: parts[4].as_slice(),
                    dP: parts[5].as_slice(),
                    dQ: parts[6].as_slice(),
                    qInv: parts[7].as_slice(),
                };
                let pair = RsaKeyPair::from_components(&components)
                    .map_err(|e| invalid(format!("not a valid RSA private key: {e}")))?;
                Ok(SigningKey::Rsa(pair, alg))
            }
            "oct" => {
                let h = match (alg.family(), alg.hash()) {
                    (Family::Hmac, Some(Hash::Sha256)) => hmac::HMAC_SHA256,
                    (Family::Hmac, Some(Hash::Sha384)) => hmac::HMAC_SHA384,
                    (Family::Hmac, Some(Hash::Sha512)) => hmac::HMAC_SHA512,
                    _ => return Err(mismatch()),
                };
                let secret = member("k")?;
                if secret.is_empty() {
                    return Err(invalid("the HMAC secret is empty"));
                }
                Ok(SigningKey::Hmac(Box::new(hmac::Key::new(h, &secret)), alg))
            }
            other => Err(invalid(format!("unsupported key type {other:?}"))),
        }
    }

    /// The JWS `alg` this key signs with.
    pub fn alg(&self) -> Alg {
        match self {
            SigningKey::Ed25519(_) => Alg::EdDSA,
            SigningKey::Ecdsa(_, a) | SigningKey::Rsa(_, a) | SigningKey::Hmac(_, a) => *a,
        }
    }

    /// Sign the JWS signing input.
    pub fn sign(&self, input: &[u8]) -> Result<Vec<u8>, KeyError> {
        let failed = |_| invalid("signing failed");
        match self {
            SigningKey::Ed25519(pair) => Ok(pair.sign(input).as_ref().to_vec()),
            SigningKey::Ecdsa(pair, _) => pair
                .sign(&SystemRandom::new(), input)
                .map(|s| s.as_ref().to_vec())
                .map_err(failed),
            SigningKey::Rsa(pair, alg) => {
                let padding: &'static dyn RsaEncoding = match (alg.family(), alg.hash()) {
                    (Family::RsaPkcs1, Some(Hash::Sha256)) => &signature::RSA_PKCS1_SHA256,
                    (Family::RsaPkcs1, Some(Hash::Sha384)) => &signature::RSA_PKCS1_SHA384,
                    (Family::RsaPkcs1, _) => &signature::RSA_PKCS1_SHA512,
                    (_, Some(Hash::Sha256)) => &signature::RSA_PSS_SHA256,
                    (_, Some(Hash::Sha384)) => &signature::RSA_PSS_SHA384,
                    _ => &signature::RSA_PSS_SHA512,
                };
                let mut sig = vec![0; pair.public_modulus_len()];
                pair.sign(padding, &SystemRandom::new(), input, &mut sig)
                    .map_err(failed)?;
                Ok(sig)
            }
            SigningKey::Hmac(key, _) => Ok(hmac::sign(key, input).as_ref().to_vec()),
        }
    }
}

fn ecdsa_alg(alg: Alg, crv: Option<&str>) -> Option<&'static EcdsaSigningAlgorithm> {
    if alg.family() != Family::Ecdsa || crv != alg.curve() {
        return None;
    }
    match alg.hash() {
        Some(Hash::Sha256) => Some(&ECDSA_P256_SHA256_FIXED_SIGNING),
        Some(Hash::Sha384) => Some(&ECDSA_P384_SHA384_FIXED_SIGNING),
        _ => Some(&ECDSA_P521_SHA512_FIXED_SIGNING),
    }
}

/// Big-endian integer bytes without leading zeros (as aws-lc-rs wants RSA `n`, `e`).
pub fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[first..]
}

/// A private JWK (no `kid`, no `alg`) from a PKCS#8 DER private key of any
/// supported type.
pub fn jwk_from_pkcs8(der: &[u8]) -> Result<Jwk, KeyError> {
    if let Ok(pair) = Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
        let seed = pair
            .seed()
            .and_then(|s| s.as_be_bytes())
            .map_err(|_| invalid("cannot read the Ed25519 seed"))?;
        return Ok(okp_jwk(pair.public_key().as_ref(), seed.as_ref()));
    }
    for (crv, alg, len) in [
        ("P-256", &ECDSA_P256_SHA256_FIXED_SIGNING, 32),
        ("P-384", &ECDSA_P384_SHA384_FIXED_SIGNING, 48),
        ("P-521", &ECDSA_P521_SHA512_FIXED_SIGNING, 66),
    ] {
        if let Ok(pair) = EcdsaKeyPair::from_pkcs8(alg, der) {
            let d = pair
                .private_key()
                .as_be_bytes()
                .map_err(|_| invalid("cannot read the EC private key"))?;
            return Ok(ec_jwk(crv, pair.public_key().as_ref(), d.as_ref(), len));
        }
    }
    if RsaKeyPair::from_pkcs8(der).is_ok() {
        return rsa_jwk_from_pkcs8(der);
    }
    Err(invalid(
        "not a supported private key (Ed25519, EC P-256/P-384/P-521 or RSA in PKCS#8)",
    ))
}

/// An OKP JWK from the raw public key and seed.
pub fn okp_jwk(public: &[u8], seed: &[u8]) -> Jwk {
    let mut jwk = base_jwk("OKP");
    jwk.crv = Some("Ed25519".into());
    jwk.x = Some(b64url_encode(public));
    jwk.extra.insert("d".into(), b64url_encode(seed).into());
    jwk
}

/// An EC JWK from the uncompressed point and private scalar.
pub fn ec_jwk(crv: &str, point: &[u8], d: &[u8], len: usize) -> Jwk {
    let mut jwk = base_jwk("EC");
    jwk.crv = Some(crv.into());
    let coords = &point[1..];
    jwk.x = Some(b64url_encode(&coords[..len]));
    jwk.y = Some(b64url_encode(&coords[len..]));
    // The scalar is fixed-length in a JWK (RFC 7518 §6.2.2.1).
    let mut padded = vec![0u8; len.saturating_sub(d.len())];
    padded.extend_from_slice(d);
    jwk.extra.insert("d".into(), b64url_encode(&padded).into());
    jwk
}

/// An empty JWK of a key type.
pub fn base_jwk(kty: &str) -> Jwk {
    Jwk {
        kty: kty.into(),
        kid: None,
        alg: None,
        use_: None,
        key_ops: None,
        n: None,
        e: None,
        crv: None,
        x: None,
        y: None,
        extra: Map::new(),
    }
}

/// An RSA JWK from a PKCS#8 `PrivateKeyInfo` wrapping a PKCS#1 `RSAPrivateKey`.
fn rsa_jwk_from_pkcs8(der: &[u8]) -> Result<Jwk, KeyError> {
    use simple_asn1::ASN1Block;
    let bad = || invalid("malformed RSA private key");
    let outer = simple_asn1::from_der(der).map_err(|_| bad())?;
    let Some(ASN1Block::Sequence(_, info)) = outer.first() else {
        return Err(bad());
    };
    let Some(ASN1Block::OctetString(_, inner)) = info.get(2) else {
        return Err(bad());
    };
    let blocks = simple_asn1::from_der(inner).map_err(|_| bad())?;
    let Some(ASN1Block::Sequence(_, fields)) = blocks.first() else {
        return Err(bad());
    };
    let ints: Vec<Vec<u8>> = fields
        .iter()
        .skip(1)
        .take(8)
        .map(|b| match b {
            ASN1Block::Integer(_, v) => Ok(v.to_bytes_be().1),
            _ => Err(bad()),
        })
        .collect::<Result<_, _>>()?;
    if ints.len() != 8 {
        return Err(bad());
    }
    let mut jwk = base_jwk("RSA");
    jwk.n = Some(b64url_encode(&ints[0]));
    jwk.e = Some(b64url_encode(&ints[1]));
    for (name, value) in ["d", "p", "q", "dp", "dq", "qi"].iter().zip(&ints[2..]) {
        jwk.extra
            .insert((*name).into(), Value::String(b64url_encode(value)));
    }
    Ok(jwk)
}

/// The PKCS#8 v1 DER of a private JWK.
pub fn pkcs8_der(jwk: &Jwk) -> Result<Vec<u8>, KeyError> {
    let failed = |_| invalid("cannot encode the private key");
    match SigningKey::from_jwk(jwk)? {
        SigningKey::Ed25519(pair) => pair
            .to_pkcs8v1()
            .map(|d| d.as_ref().to_vec())
            .map_err(failed),
        SigningKey::Ecdsa(pair, _) => pair
            .to_pkcs8v1()
            .map(|d| d.as_ref().to_vec())
            .map_err(failed),
        SigningKey::Rsa(pair, _) => pair.as_der().map(|d| d.as_ref().to_vec()).map_err(failed),
        SigningKey::Hmac(..) => Err(invalid("an HMAC secret has no PKCS#8 form")),
    }
}

/// The SPKI DER of a JWK's public key (from public members only).
pub fn spki_der(jwk: &Jwk) -> Result<Vec<u8>, KeyError> {
    let member = |m: &'static str| jwk.decode_member(m).map_err(|e| invalid(e.to_string()));
    let failed = |_| invalid("cannot encode the public key");
    match (jwk.kty.as_str(), jwk.crv.as_deref()) {
        ("OKP", Some("Ed25519")) => {
            let x = member("x")?;
            if x.len() != 32 {
                return Err(invalid("an Ed25519 key is 32 bytes"));
            }
            // SubjectPublicKeyInfo { id-Ed25519 (1.3.101.112), BIT STRING x }.
            let mut der = vec![
                0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
            ];
            der.extend(x);
            Ok(der)
        }
        ("EC", crv) => {
            let (alg, len) = match crv {
                Some("P-256") => (&signature::ECDSA_P256_SHA256_FIXED, 32),
                Some("P-384") => (&signature::ECDSA_P384_SHA384_FIXED, 48),
                Some("P-521") => (&signature::ECDSA_P521_SHA512_FIXED, 66),
                _ => return Err(invalid("unsupported curve")),
            };
            let (x, y) = (member("x")?, member("y")?);
            if x.len() != len || y.len() != len {
                return Err(invalid("the EC coordinates have the wrong length"));
            }
            let mut point = vec![0x04];
            point.extend(x);
            point.extend(y);
            let key = signature::ParsedPublicKey::new(alg, &point)
                .map_err(|_| invalid("the EC public key is not a point on its curve"))?;
            key.as_der().map(|d| d.as_ref().to_vec()).map_err(failed)
        }
        ("RSA", _) => {
            let n = member("n")?;
            let e = member("e")?;
            PublicKeyComponents {
                n: strip_zeros(&n),
                e: strip_zeros(&e),
            }
            .as_der()
            .map(|d| d.as_ref().to_vec())
            .map_err(failed)
        }
        ("oct", _) => Err(invalid("an HMAC secret has no public key")),
        (kty, _) => Err(invalid(format!("unsupported key type {kty:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(path: &str) -> Value {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/vectors")
                .join(path),
        )
        .unwrap();
        serde_json::from_str(&text).unwrap()
    }

    /// The RFC 7515 private keys sign, and their PKCS#8 round-trips to the same JWK.
    #[test]
    fn rfc_keys_convert_and_sign() {
        for file in [
            "rfc7515/A2_RS256.json",
            "rfc7515/A3_ES256.json",
            "rfc7515/A4_ES512.json",
            "rfc8037/A4_Ed25519.json",
        ] {
            let v = vector(file);
            let jwk = Jwk::from_value(&v["jwk"]).unwrap();
            let key = SigningKey::from_jwk(&jwk).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert!(!key.sign(b"x").unwrap().is_empty());
            let der = pkcs8_der(&jwk).unwrap();
            let back = jwk_from_pkcs8(&der).unwrap();
            assert_eq!(
                back.thumbprint().unwrap(),
                jwk.thumbprint().unwrap(),
                "{file}"
            );
            for m in ["d", "p", "q"] {
                assert_eq!(back.private_member(m), jwk.private_member(m), "{file} {m}");
            }
            let spki = spki_der(&jwk).unwrap();
            let back = crate::keys::files::jwk_from_spki(&spki).unwrap();
            assert_eq!(
                back.thumbprint().unwrap(),
                jwk.thumbprint().unwrap(),
                "{file} spki"
            );
        }
    }

    /// RSA-PKCS1 and HMAC are deterministic: the RFC signatures come out exactly.
    #[test]
    fn deterministic_signatures_match_the_rfc() {
        for file in ["rfc7515/A1_HS256.json", "rfc7515/A2_RS256.json"] {
            let v = vector(file);
            let jwk = Jwk::from_value(&v["jwk"]).unwrap();
            let sig = SigningKey::from_jwk(&jwk)
                .unwrap()
                .sign(v["signing_input"].as_str().unwrap().as_bytes())
                .unwrap();
            assert_eq!(
                b64url_encode(sig),
                v["signature_b64u"].as_str().unwrap(),
                "{file}"
            );
        }
    }

    #[test]
    fn refuses_public_and_mismatched_keys() {
        let v = vector("rfc8037/A4_Ed25519.json");
        let public = Jwk::from_value(&v["jwk_public"]).unwrap();
        assert_eq!(
            SigningKey::from_jwk(&public).unwrap_err(),
            KeyError::NotPrivate
        );
        let mut wrong = Jwk::from_value(&v["jwk"]).unwrap();
        wrong.alg = Some("RS256".into());
        assert!(matches!(
            SigningKey::from_jwk(&wrong).unwrap_err(),
            KeyError::AlgMismatch { .. }
        ));
    }
}
