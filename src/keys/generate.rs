//! New development keys from aws-lc-rs (the project's one crypto stack), as
//! private JWKs whose `kid` defaults to the RFC 7638 thumbprint.

use aws_lc_rs::encoding::{AsBigEndian, AsDer};
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::rsa::{KeyPair as RsaKeyPair, KeySize};
use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING,
    ECDSA_P521_SHA512_FIXED_SIGNING, EcdsaKeyPair, Ed25519KeyPair, KeyPair as _,
};

use super::convert::{KeyError, base_jwk, ec_jwk, jwk_from_pkcs8, okp_jwk};
use crate::alg::{Alg, Family, Hash};
use crate::jwk::{Jwk, b64url_encode};

/// Generate a private JWK for `alg` (`bits` for RSA: 2048, 3072 or 4096).
/// The JWK carries `alg` and `kid` (the thumbprint unless `kid` is given).
pub fn generate(alg: Alg, bits: Option<u32>, kid: Option<&str>) -> Result<Jwk, KeyError> {
    let failed = |_| KeyError::Invalid("key generation failed".into());
    let mut jwk = match alg.family() {
        Family::EdDSA => {
            let pair = Ed25519KeyPair::generate().map_err(failed)?;
            let seed = pair.seed().and_then(|s| s.as_be_bytes()).map_err(failed)?;
            okp_jwk(pair.public_key().as_ref(), seed.as_ref())
        }
        Family::Ecdsa => {
            let (signing, len) = match alg.hash() {
                Some(Hash::Sha256) => (&ECDSA_P256_SHA256_FIXED_SIGNING, 32),
                Some(Hash::Sha384) => (&ECDSA_P384_SHA384_FIXED_SIGNING, 48),
                _ => (&ECDSA_P521_SHA512_FIXED_SIGNING, 66),
            };
            let crv = alg.curve().unwrap_or_default();
            let pair = EcdsaKeyPair::generate(signing).map_err(failed)?;
            let d = pair.private_key().as_be_bytes().map_err(failed)?;
            ec_jwk(crv, pair.public_key().as_ref(), d.as_ref(), len)
        }
        Family::RsaPkcs1 | Family::RsaPss => {
            let size = match bits.unwrap_or(2048) {
                2048 => KeySize::Rsa2048,
                3072 => KeySize::Rsa3072,
                4096 => KeySize::Rsa4096,
                other => {
                    return Err(KeyError::Invalid(format!(
                        "RSA keys are 2048, 3072 or 4096 bits, not {other}"
                    )));
                }
            };
            let pair = RsaKeyPair::generate(size).map_err(failed)?;
            let der = pair.as_der().map_err(failed)?;
            jwk_from_pkcs8(der.as_ref())?
        }
        Family::Hmac => {
            // As long as the hash (RFC 7518 §3.2): 256, 384 or 512 bits.
            let len = match alg.hash() {
                Some(Hash::Sha256) => 32,
                Some(Hash::Sha384) => 48,
                _ => 64,
            };
            let mut secret = vec![0u8; len];
            SystemRandom::new().fill(&mut secret).map_err(failed)?;
            let mut jwk = base_jwk("oct");
            jwk.extra.insert("k".into(), b64url_encode(secret).into());
            jwk
        }
    };
    jwk.alg = Some(alg.as_str().into());
    jwk.kid = Some(match kid {
        Some(kid) => kid.to_string(),
        None => jwk
            .thumbprint()
            .map_err(|e| KeyError::Invalid(e.to_string()))?,
    });
    Ok(jwk)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::convert::SigningKey;

    #[test]
    fn every_algorithm_generates_a_signing_key() {
        for alg in Alg::ALL {
            let jwk = generate(alg, None, None).unwrap();
            assert_eq!(jwk.alg.as_deref(), Some(alg.as_str()));
            assert_eq!(jwk.kid, Some(jwk.thumbprint().unwrap()));
            assert!(jwk.is_private());
            let key = SigningKey::from_jwk(&jwk).unwrap();
            assert_eq!(key.alg(), alg);
            assert!(!key.sign(b"input").unwrap().is_empty());
            assert!(!format!("{key:?}").contains(jwk.private_member("d").unwrap_or("k")));
        }
        assert!(generate(Alg::RS256, Some(1024), None).is_err());
        let named = generate(Alg::EdDSA, None, Some("dev")).unwrap();
        assert_eq!(named.kid.as_deref(), Some("dev"));
    }
}
