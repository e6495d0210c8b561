//! Which keys may verify which algorithm (RFC 8725 §3.1; docs/security.md),
//! and the signature checks themselves, on aws-lc-rs with keys parsed once.

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::hmac;
use aws_lc_rs::signature::{self, ParsedPublicKey, RsaPublicKeyComponents};

use super::Verifier;
use crate::alg::{Alg, Family, Hash};
use crate::jwk::{Jwk, JwkError, KeyMaterial};

pub(super) enum Prepared {
    Parsed(ParsedPublicKey),
    Rsa(RsaPublicKeyComponents<Vec<u8>>),
    Hmac(Box<hmac::Key>),
}

impl Verifier {
    /// The key prepared for `alg`, or why the key cannot be used (kept
    /// between tokens, so each key is validated and parsed once).
    pub(super) fn prepared(
        &mut self,
        s: usize,
        k: usize,
        alg: Alg,
    ) -> Result<&Prepared, &JwkError> {
        let key = &self.sources[s].keys[k];
        self.prepared
            .entry((s, k, alg))
            .or_insert_with(|| prepare(key, alg))
            .as_ref()
    }

    pub(super) fn check_signature(
        &mut self,
        s: usize,
        k: usize,
        alg: Alg,
        msg: &[u8],
        sig: &[u8],
    ) -> bool {
        match self.prepared(s, k, alg) {
            Ok(Prepared::Parsed(p)) => p.verify_sig(msg, sig).is_ok(),
            Ok(Prepared::Rsa(components)) => components.verify(rsa_params(alg), msg, sig).is_ok(),
            Ok(Prepared::Hmac(key)) => hmac::verify(key, msg, sig).is_ok(),
            Err(_) => false,
        }
    }
}

impl Verifier {
    /// An HMAC secret given as raw text that is itself base64url (as
    /// PowerSync's `k` is), and that verifies the signature once decoded.
    pub(super) fn secret_looks_base64url(
        &self,
        s: usize,
        k: usize,
        alg: Alg,
        msg: &[u8],
        sig: &[u8],
    ) -> bool {
        let source = &self.sources[s];
        let key = &source.keys[k];
        if !source.raw_secret || key.kty != "oct" {
            return false;
        }
        let Some(raw) = key
            .private_member("k")
            .and_then(|k| crate::jwk::b64url_decode(k).ok())
        else {
            return false;
        };
        let Ok(text) = std::str::from_utf8(&raw) else {
            return false;
        };
        let Ok(decoded) = crate::jwk::b64url_decode(text.trim()) else {
            return false;
        };
        if !alg.is_hmac() {
            return false;
        }
        let h = hmac_algorithm(alg);
        !decoded.is_empty() && hmac::verify(&hmac::Key::new(h, &decoded), msg, sig).is_ok()
    }
}

/// Whether a key may verify `alg` (RFC 8725 §3.1; docs/security.md).
pub(super) fn fits(key: &Jwk, alg: Alg, hmac_allowed: bool) -> bool {
    unfit(key, alg, hmac_allowed).is_none()
}

fn unfit(key: &Jwk, alg: Alg, hmac_allowed: bool) -> Option<String> {
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
        && key_alg != alg.as_str()
    {
        return Some(format!("it is for {key_alg}"));
    }
    if !Alg::for_key(&key.kty, key.crv.as_deref()).contains(&alg) {
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

/// Whether the key can do `alg` at all (its type and curve), as a JOSE
/// library checks before verifying (jose's `checkKeyType` and curve checks):
/// `use`, `key_ops` and the `alg` member are not looked at.
pub(super) fn fits_powersync(key: &Jwk, alg: Alg) -> Option<String> {
    if Alg::for_key(&key.kty, key.crv.as_deref()).contains(&alg) {
        None
    } else {
        let what = match key.crv.as_deref() {
            Some(crv) => format!("{} {crv}", key.kty),
            None => key.kty.clone(),
        };
        Some(format!("it is a {what} key"))
    }
}

/// jwksctl's `use` / `key_ops` rule alone (RFC 7517 §4.2, §4.3), for the
/// warning when a target does not apply it.
pub(super) fn unfit_strict(key: &Jwk) -> Option<String> {
    if let Some(u) = key.use_.as_deref()
        && u != "sig"
    {
        return Some(format!("is for use {u:?}, not signatures (RFC 7517 §4.2)"));
    }
    if let Some(ops) = &key.key_ops
        && !ops.iter().any(|o| o == "verify")
    {
        return Some("has key_ops without verify (RFC 7517 §4.3)".into());
    }
    None
}

/// Why a key cannot verify `alg`: the policy, else the key itself.
pub(super) fn unfit_reason(key: &Jwk, alg: Alg) -> String {
    unfit(key, alg, false)
        .or_else(|| prepare(key, alg).err().map(|e| e.to_string()))
        .unwrap_or_else(|| "it does not fit".into())
}

/// The key ready for `alg`, from the one JWK validation the audit shares
/// ([`Jwk::key_material`]); a key it refuses never verifies anything.
pub(super) fn prepare(key: &Jwk, alg: Alg) -> Result<Prepared, JwkError> {
    Ok(match key.key_material()? {
        KeyMaterial::Ed25519(parsed) | KeyMaterial::Ec(parsed, _) => Prepared::Parsed(parsed),
        // Parsed once, as the other key types are: building the key from its
        // components on every token cost about a third of an RS256 check.
        // Should aws-lc refuse the encoding, the components decide, as before.
        KeyMaterial::Rsa(components, _) => match components
            .as_der()
            .ok()
            .and_then(|der| ParsedPublicKey::new(rsa_params(alg), der.as_ref()).ok())
        {
            Some(parsed) => Prepared::Parsed(parsed),
            None => Prepared::Rsa(components),
        },
        KeyMaterial::Oct(secret) => {
            let h = hmac_algorithm(alg);
            Prepared::Hmac(Box::new(hmac::Key::new(h, secret.expose())))
        }
        KeyMaterial::Unsupported => {
            return Err(JwkError::UnsupportedKty(key.kty.clone()));
        }
    })
}

/// The RSA verification for an algorithm: PKCS#1 v1.5 or PSS, by its hash,
/// keys of 2048 to 8192 bits (smaller ones are refused before this).
fn rsa_params(alg: Alg) -> &'static signature::RsaParameters {
    match (alg.family(), alg.hash()) {
        (Family::RsaPkcs1, Some(Hash::Sha256)) => &signature::RSA_PKCS1_2048_8192_SHA256,
        (Family::RsaPkcs1, Some(Hash::Sha384)) => &signature::RSA_PKCS1_2048_8192_SHA384,
        (Family::RsaPkcs1, _) => &signature::RSA_PKCS1_2048_8192_SHA512,
        (_, Some(Hash::Sha256)) => &signature::RSA_PSS_2048_8192_SHA256,
        (_, Some(Hash::Sha384)) => &signature::RSA_PSS_2048_8192_SHA384,
        _ => &signature::RSA_PSS_2048_8192_SHA512,
    }
}

/// The HMAC for an algorithm's hash (SHA-512 for any other: only HMAC
/// algorithms reach an `oct` key).
fn hmac_algorithm(alg: Alg) -> hmac::Algorithm {
    match alg.hash() {
        Some(Hash::Sha256) => hmac::HMAC_SHA256,
        Some(Hash::Sha384) => hmac::HMAC_SHA384,
        _ => hmac::HMAC_SHA512,
    }
}
