//! Which keys may verify which algorithm (RFC 8725 §3.1, SPEC §4 rule 2),
//! and the signature checks themselves, on aws-lc-rs with keys parsed once.

use aws_lc_rs::hmac;
use aws_lc_rs::signature::{self, ParsedPublicKey, RsaPublicKeyComponents};

use super::Verifier;
use crate::jwk::Jwk;
use crate::jwks::audit::algorithms_for;
use crate::keys::convert::strip_zeros;

pub(super) enum Prepared {
    Parsed(ParsedPublicKey),
    Rsa(RsaPublicKeyComponents<Vec<u8>>),
    Hmac(Box<hmac::Key>),
}

impl Verifier {
    pub(super) fn check_signature(
        &mut self,
        s: usize,
        k: usize,
        alg: &'static str,
        msg: &[u8],
        sig: &[u8],
    ) -> bool {
        let key = &self.sources[s].keys[k];
        let prepared = self
            .prepared
            .entry((s, k, alg))
            .or_insert_with(|| prepare(key, alg));
        match prepared {
            Some(Prepared::Parsed(p)) => p.verify_sig(msg, sig).is_ok(),
            Some(Prepared::Rsa(components)) => {
                let params: &'static signature::RsaParameters = match alg {
                    "RS256" => &signature::RSA_PKCS1_2048_8192_SHA256,
                    "RS384" => &signature::RSA_PKCS1_2048_8192_SHA384,
                    "RS512" => &signature::RSA_PKCS1_2048_8192_SHA512,
                    "PS256" => &signature::RSA_PSS_2048_8192_SHA256,
                    "PS384" => &signature::RSA_PSS_2048_8192_SHA384,
                    _ => &signature::RSA_PSS_2048_8192_SHA512,
                };
                components.verify(params, msg, sig).is_ok()
            }
            Some(Prepared::Hmac(key)) => hmac::verify(key, msg, sig).is_ok(),
            None => false,
        }
    }
}

/// Whether a key may verify `alg` (RFC 8725 §3.1, SPEC §4 rule 2).
pub(super) fn fits(key: &Jwk, alg: &str, hmac_allowed: bool) -> bool {
    unfit(key, alg, hmac_allowed).is_none()
}

fn unfit(key: &Jwk, alg: &str, hmac_allowed: bool) -> Option<String> {
    if let Some(u) = key.use_.as_deref()
        && u != "sig"
    {
        return Some(format!("it is for use {u:?}, not signatures"));
    }
    if let Some(ops) = &key.key_ops
        && !ops.iter().any(|o| o == "verify")
    {
        return Some("its key_ops do not include verify".into());
    }
    if let Some(key_alg) = key.alg.as_deref()
        && key_alg != alg
    {
        return Some(format!("it is for {key_alg}"));
    }
    if !algorithms_for(&key.kty, key.crv.as_deref()).contains(&alg) {
        let what = match key.crv.as_deref() {
            Some(crv) => format!("{} {crv}", key.kty),
            None => key.kty.clone(),
        };
        return Some(format!("it is a {what} key"));
    }
    if key.kty == "oct" && !hmac_allowed {
        return Some("HMAC keys are used only from secrets and files named explicitly".into());
    }
    None
}

pub(super) fn unfit_reason(key: &Jwk, alg: &str) -> String {
    unfit(key, alg, false).unwrap_or_else(|| "it does not fit".into())
}

pub(super) fn prepare(key: &Jwk, alg: &str) -> Option<Prepared> {
    let member = |m: &'static str| key.decode_member(m).ok();
    match key.kty.as_str() {
        "OKP" => ParsedPublicKey::new(&signature::ED25519, member("x")?)
            .ok()
            .map(Prepared::Parsed),
        "EC" => {
            let verification: &'static dyn signature::VerificationAlgorithm = match alg {
                "ES256" => &signature::ECDSA_P256_SHA256_FIXED,
                "ES384" => &signature::ECDSA_P384_SHA384_FIXED,
                _ => &signature::ECDSA_P521_SHA512_FIXED,
            };
            let mut point = vec![0x04];
            point.extend(member("x")?);
            point.extend(member("y")?);
            ParsedPublicKey::new(verification, point)
                .ok()
                .map(Prepared::Parsed)
        }
        "RSA" => {
            let strip = |v: Vec<u8>| strip_zeros(&v).to_vec();
            Some(Prepared::Rsa(RsaPublicKeyComponents {
                n: strip(member("n")?),
                e: strip(member("e")?),
            }))
        }
        "oct" => {
            let h = match alg {
                "HS256" => hmac::HMAC_SHA256,
                "HS384" => hmac::HMAC_SHA384,
                _ => hmac::HMAC_SHA512,
            };
            Some(Prepared::Hmac(Box::new(hmac::Key::new(h, &member("k")?))))
        }
        _ => None,
    }
}
