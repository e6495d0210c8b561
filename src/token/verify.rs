//! The verifier (SPEC §4, RFC 8725): the algorithm policy, key selection by
//! `kid` with one refetch on rotation, signature checks with aws-lc-rs, the
//! claim checks, and a [`Verdict`] whose reason is one of eleven stable
//! strings. Key sources are loaded by the caller; this module never touches
//! the network itself (a refetch goes through the caller's hook).

use std::collections::HashMap;

use aws_lc_rs::hmac;
use aws_lc_rs::signature::{self, ParsedPublicKey, RsaPublicKeyComponents};
use serde::Serialize;
use serde_json::{Map, Value};

use super::decode::{self, Decoded};
use super::describe::{numeric_date, relative, rfc3339};
use crate::jwk::Jwk;
use crate::jwks::audit::algorithms_for;

/// Why a token is not valid. The strings are a stable contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Malformed,
    Unsigned,
    UnsupportedAlg,
    NoMatchingKey,
    BadSignature,
    Expired,
    NotYetValid,
    AudienceMismatch,
    IssuerMismatch,
    SubjectMismatch,
    MissingClaim,
}

impl Reason {
    /// The stable string.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Malformed => "malformed",
            Reason::Unsigned => "unsigned",
            Reason::UnsupportedAlg => "unsupported_alg",
            Reason::NoMatchingKey => "no_matching_key",
            Reason::BadSignature => "bad_signature",
            Reason::Expired => "expired",
            Reason::NotYetValid => "not_yet_valid",
            Reason::AudienceMismatch => "audience_mismatch",
            Reason::IssuerMismatch => "issuer_mismatch",
            Reason::SubjectMismatch => "subject_mismatch",
            Reason::MissingClaim => "missing_claim",
        }
    }
}

/// Asymmetric algorithms, allowed by default.
pub const ASYMMETRIC: [&str; 10] = [
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
];
/// HMAC algorithms, allowed only when a secret is given.
pub const HMAC: [&str; 3] = ["HS256", "HS384", "HS512"];

/// Where keys come from.
#[derive(Debug, Clone)]
pub struct Source {
    /// Registry name, URL, file path, `env:VAR` or `local:<kid>`.
    pub label: String,
    /// The URL, for sources that can be refetched.
    pub url: Option<String>,
    pub keys: Vec<Jwk>,
    /// `oct` keys may verify (secrets and explicitly named files only).
    pub hmac: bool,
    /// A single key given explicitly (`--key`, a secret): it is tried even
    /// when the token names a `kid` the key does not carry.
    pub explicit: bool,
    refetched: bool,
}

impl Source {
    pub fn new(label: impl Into<String>, url: Option<String>, keys: Vec<Jwk>) -> Self {
        Source {
            label: label.into(),
            url,
            keys,
            hmac: false,
            explicit: false,
            refetched: false,
        }
    }
}

/// What the caller asks of a token.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Allowed algorithms; empty means the default set.
    pub algs: Vec<String>,
    pub aud: Vec<String>,
    pub iss: Vec<String>,
    pub sub: Option<String>,
    pub require: Vec<String>,
    /// Seconds.
    pub leeway: u64,
    pub ignore_exp: bool,
    /// Judge times at this instant (Unix seconds) instead of now.
    pub at: Option<i64>,
    /// The payload is any text: check only the signature.
    pub jws: bool,
}

/// The verdict on one token.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub valid: bool,
    pub reason: Option<Reason>,
    pub message: String,
    pub alg: Option<String>,
    pub kid: Option<String>,
    /// The label of the source whose key verified the signature.
    pub source: Option<String>,
    pub header: Option<Map<String, Value>>,
    pub claims: Option<Map<String, Value>>,
    /// The payload as text (`--jws`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
}

impl Verdict {
    fn invalid(reason: Reason, message: impl Into<String>) -> Self {
        Verdict {
            valid: false,
            reason: Some(reason),
            message: message.into(),
            alg: None,
            kid: None,
            source: None,
            header: None,
            claims: None,
            payload: None,
        }
    }
}

/// A refetch hook: fresh keys for a URL source, or `None` when it failed.
pub type Refetch<'a> = dyn FnMut(&Source) -> Option<Vec<Jwk>> + 'a;

enum Prepared {
    Parsed(ParsedPublicKey),
    Rsa(RsaPublicKeyComponents<Vec<u8>>),
    Hmac(Box<hmac::Key>),
}

/// Verifies tokens against a fixed set of sources, keeping parsed keys
/// between tokens (for `--batch`).
pub struct Verifier {
    sources: Vec<Source>,
    policy: Policy,
    prepared: HashMap<(usize, usize, &'static str), Option<Prepared>>,
}

impl Verifier {
    pub fn new(sources: Vec<Source>, policy: Policy) -> Self {
        Verifier {
            sources,
            policy,
            prepared: HashMap::new(),
        }
    }

    /// The sources (after any refetch).
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Judge one token at `now` (Unix seconds).
    pub fn verify(&mut self, input: &str, now: i64, refetch: &mut Refetch<'_>) -> Verdict {
        let token = match decode::clean(input) {
            Ok(t) => t,
            Err(e) => return Verdict::invalid(Reason::Malformed, e.to_string()),
        };
        let decoded = match decode::decode(token) {
            Ok(d) => d,
            Err(e) => return Verdict::invalid(Reason::Malformed, e.to_string()),
        };
        let mut verdict = self.judge(&decoded, now, refetch);
        verdict.alg = Some(decoded.alg().to_string());
        verdict.kid = decoded.kid().map(str::to_string);
        verdict.header = Some(decoded.header.clone());
        if self.policy.jws {
            verdict.payload = Some(String::from_utf8_lossy(&decoded.payload).into_owned());
        } else if verdict.claims.is_none() {
            verdict.claims = decoded.claims().ok();
        }
        verdict
    }

    fn judge(&mut self, token: &Decoded<'_>, now: i64, refetch: &mut Refetch<'_>) -> Verdict {
        let alg_text = token.alg();
        if alg_text.eq_ignore_ascii_case("none") {
            return Verdict::invalid(
                Reason::Unsigned,
                format!(
                    "alg {alg_text:?}: the token is unsigned; unsigned tokens are never accepted"
                ),
            );
        }
        let Some(alg) = ASYMMETRIC
            .iter()
            .chain(HMAC.iter())
            .find(|a| **a == alg_text)
            .copied()
        else {
            return Verdict::invalid(
                Reason::UnsupportedAlg,
                format!("alg {alg_text:?} is not supported"),
            );
        };
        if let Err(why) = self.alg_allowed(alg) {
            return Verdict::invalid(Reason::UnsupportedAlg, why);
        }
        let claims = if self.policy.jws {
            None
        } else {
            match token.claims() {
                Ok(c) => Some(c),
                Err(e) => {
                    return Verdict::invalid(
                        Reason::Malformed,
                        format!("{e} (for a JWS that signs plain text, pass --jws)"),
                    );
                }
            }
        };
        if token.signature.is_empty() {
            return Verdict::invalid(Reason::BadSignature, "the signature is empty");
        }
        let kid = token.kid();
        let mut candidates = self.candidates(alg, kid);
        if candidates.is_empty() && kid.is_some() && self.refetch_missing(refetch) {
            candidates = self.candidates(alg, kid);
        }
        if candidates.is_empty() {
            return Verdict::invalid(Reason::NoMatchingKey, self.no_key_message(alg, kid));
        }
        let message = token.signing_input.as_bytes();
        let mut matched = None;
        for (s, k) in &candidates {
            if self.check_signature(*s, *k, alg, message, &token.signature) {
                matched = Some((*s, *k));
                break;
            }
        }
        let Some((s, k)) = matched else {
            let what = match candidates.as_slice() {
                [(s, k)] => format!(
                    "key {} from '{}'",
                    self.sources[*s].keys[*k]
                        .kid
                        .as_deref()
                        .unwrap_or("(no kid)"),
                    self.sources[*s].label
                ),
                many => format!("any of the {} keys that fit", many.len()),
            };
            return Verdict::invalid(
                Reason::BadSignature,
                format!(
                    "the {alg} signature does not match {what}: the token was altered or signed by another key"
                ),
            );
        };
        let source = &self.sources[s];
        let key_kid = source.keys[k]
            .kid
            .clone()
            .or_else(|| kid.map(str::to_string));
        let from = match &source.url {
            Some(url) if url != &source.label => format!("'{}' ({url})", source.label),
            _ => format!("'{}'", source.label),
        };
        let signed_by = format!(
            "{alg} signature by key {} from {from}",
            key_kid.as_deref().unwrap_or("(no kid)")
        );
        let label = source.label.clone();
        let mut verdict = match &claims {
            Some(claims) => self.check_claims(claims, now, &signed_by),
            None => Verdict {
                valid: true,
                reason: None,
                message: signed_by,
                alg: None,
                kid: None,
                source: None,
                header: None,
                claims: None,
                payload: None,
            },
        };
        verdict.source = Some(label);
        verdict.claims = claims;
        verdict
    }

    fn alg_allowed(&self, alg: &str) -> Result<(), String> {
        if !self.policy.algs.is_empty() {
            return if self.policy.algs.iter().any(|a| a == alg) {
                Ok(())
            } else {
                Err(format!(
                    "alg {alg} is not allowed (--alg {})",
                    self.policy.algs.join(", ")
                ))
            };
        }
        let has_secret = self
            .sources
            .iter()
            .any(|s| s.hmac && s.keys.iter().any(|k| k.kty == "oct"));
        if HMAC.contains(&alg) && !has_secret {
            return Err(format!(
                "{alg} tokens need the shared secret: pass --secret-env VAR or --secret-file PATH (a public key is never used as an HMAC secret)"
            ));
        }
        Ok(())
    }

    /// (source, key) pairs that may verify `alg` / `kid`, in source order.
    fn candidates(&self, alg: &str, kid: Option<&str>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (s, source) in self.sources.iter().enumerate() {
            for (k, key) in source.keys.iter().enumerate() {
                let kid_ok = match (kid, key.kid.as_deref()) {
                    (Some(want), Some(have)) => want == have,
                    (Some(_), None) => source.explicit,
                    (None, _) => true,
                };
                if kid_ok && fits(key, alg, source.hmac) {
                    out.push((s, k));
                }
            }
        }
        out
    }

    /// Refetch every URL source not refetched yet; true when any came back.
    fn refetch_missing(&mut self, refetch: &mut Refetch<'_>) -> bool {
        let mut any = false;
        for s in 0..self.sources.len() {
            if self.sources[s].url.is_none() || self.sources[s].refetched {
                continue;
            }
            self.sources[s].refetched = true;
            if let Some(keys) = refetch(&self.sources[s]) {
                self.sources[s].keys = keys;
                self.prepared.retain(|(src, _, _), _| *src != s);
                any = true;
            }
        }
        any
    }

    fn no_key_message(&self, alg: &str, kid: Option<&str>) -> String {
        let labels: Vec<&str> = self.sources.iter().map(|s| s.label.as_str()).collect();
        let total: usize = self.sources.iter().map(|s| s.keys.len()).sum();
        let searched = format!(
            "{total} key{} from {}",
            if total == 1 { "" } else { "s" },
            if labels.is_empty() {
                "no source".to_string()
            } else {
                labels.join(", ")
            }
        );
        match kid {
            Some(kid) => {
                let same_kid = self
                    .sources
                    .iter()
                    .flat_map(|s| &s.keys)
                    .find(|k| k.kid.as_deref() == Some(kid));
                match same_kid {
                    Some(k) => format!(
                        "the key with kid {kid:?} cannot verify {alg}: {}",
                        unfit_reason(k, alg)
                    ),
                    None => format!("no key with kid {kid:?} among {searched}"),
                }
            }
            None => format!("no key that can verify {alg} among {searched}"),
        }
    }

    fn check_signature(
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

    fn check_claims(&self, claims: &Map<String, Value>, now: i64, signed_by: &str) -> Verdict {
        let p = &self.policy;
        let at = p.at.unwrap_or(now);
        let leeway = i64::try_from(p.leeway).unwrap_or(i64::MAX);
        let when = |t: i64| {
            if p.at.is_some() {
                format!("{} (relative to --at {})", rfc3339(t), rfc3339(at))
            } else {
                format!("{} ({})", rfc3339(t), relative(t, at))
            }
        };
        // A date claim that is present must be a number.
        let date = |name: &str| -> Result<Option<i64>, String> {
            match claims.get(name) {
                None => Ok(None),
                Some(v) => numeric_date(v)
                    .map(Some)
                    .ok_or_else(|| format!("claim {name} is not a number")),
            }
        };
        let (exp, nbf) = match (date("exp"), date("nbf")) {
            (Ok(exp), Ok(nbf)) => (exp, nbf),
            (Err(why), _) | (_, Err(why)) => return Verdict::invalid(Reason::Malformed, why),
        };
        if let Some(exp) = exp
            && !p.ignore_exp
            && at > exp.saturating_add(leeway)
        {
            return Verdict::invalid(
                Reason::Expired,
                format!("expired {}", ago_or_before(exp, at, p.at.is_some())),
            );
        }
        if let Some(nbf) = nbf
            && at.saturating_add(leeway) < nbf
        {
            return Verdict::invalid(
                Reason::NotYetValid,
                format!("not valid until {}", when(nbf)),
            );
        }
        if !p.aud.is_empty() {
            let have: Vec<&str> = match claims.get("aud") {
                Some(Value::String(a)) => vec![a.as_str()],
                Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !have.iter().any(|a| p.aud.iter().any(|w| w == a)) {
                let message = if have.is_empty() {
                    format!("the token has no aud; expected {}", quoted(&p.aud))
                } else {
                    format!("audience {} is not {}", quoted_str(&have), quoted(&p.aud))
                };
                return Verdict::invalid(Reason::AudienceMismatch, message);
            }
        }
        if !p.iss.is_empty() {
            let have = claims.get("iss").and_then(Value::as_str);
            if !have.is_some_and(|i| p.iss.iter().any(|w| w == i)) {
                let message = match have {
                    Some(i) => format!("issuer {i:?} is not {}", quoted(&p.iss)),
                    None => format!("the token has no iss; expected {}", quoted(&p.iss)),
                };
                return Verdict::invalid(Reason::IssuerMismatch, message);
            }
        }
        if let Some(want) = &p.sub {
            let have = claims.get("sub").and_then(Value::as_str);
            if have != Some(want.as_str()) {
                let message = match have {
                    Some(s) => format!("subject {s:?} is not {want:?}"),
                    None => format!("the token has no sub; expected {want:?}"),
                };
                return Verdict::invalid(Reason::SubjectMismatch, message);
            }
        }
        if let Some(missing) = p.require.iter().find(|c| !claims.contains_key(c.as_str())) {
            return Verdict::invalid(
                Reason::MissingClaim,
                format!("the required claim {missing:?} is missing"),
            );
        }
        let expiry = match exp {
            Some(_) if p.ignore_exp => ", expiry not checked (--ignore-exp)".to_string(),
            Some(exp) if at > exp => {
                format!(", expired {} but within the leeway", relative(exp, at))
            }
            Some(exp) => format!(", expires {}", relative(exp, at)),
            None => ", no expiry".to_string(),
        };
        Verdict {
            valid: true,
            reason: None,
            message: format!("{signed_by}{expiry}"),
            alg: None,
            kid: None,
            source: None,
            header: None,
            claims: None,
            payload: None,
        }
    }
}

fn ago_or_before(exp: i64, at: i64, explicit_at: bool) -> String {
    let span =
        super::describe::span(u64::try_from(i128::from(at) - i128::from(exp)).unwrap_or(u64::MAX));
    if explicit_at {
        format!("{span} before --at {} (exp {})", rfc3339(at), rfc3339(exp))
    } else {
        format!("{span} ago ({})", rfc3339(exp))
    }
}

fn quoted(list: &[String]) -> String {
    quoted_str(&list.iter().map(String::as_str).collect::<Vec<_>>())
}

fn quoted_str(list: &[&str]) -> String {
    let items: Vec<String> = list.iter().map(|s| format!("{s:?}")).collect();
    if items.len() == 1 {
        items[0].clone()
    } else {
        format!("one of {}", items.join(", "))
    }
}

/// Whether a key may verify `alg` (RFC 8725 §3.1, SPEC §4 rule 2).
pub fn fits(key: &Jwk, alg: &str, hmac_allowed: bool) -> bool {
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

fn unfit_reason(key: &Jwk, alg: &str) -> String {
    unfit(key, alg, false).unwrap_or_else(|| "it does not fit".into())
}

fn prepare(key: &Jwk, alg: &str) -> Option<Prepared> {
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
            let strip = |v: Vec<u8>| {
                let first = v.iter().position(|b| *b != 0).unwrap_or(v.len());
                v[first..].to_vec()
            };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::convert::SigningKey;
    use crate::keys::{KeyAlg, generate::generate, public_jwk};
    use crate::token::mint::{MintRequest, mint};
    use proptest::prelude::*;

    fn token(jwk: &Jwk, claims: Value, ttl: Option<u64>, now: u64) -> String {
        let key = SigningKey::from_jwk(jwk).unwrap();
        mint(
            &key,
            jwk.kid.as_deref().unwrap(),
            &MintRequest {
                claims: claims.as_object().unwrap().clone(),
                ttl: ttl.map(std::time::Duration::from_secs),
                now,
                ..Default::default()
            },
        )
        .unwrap()
        .token
    }

    fn no_refetch() -> impl FnMut(&Source) -> Option<Vec<Jwk>> {
        |_| None
    }

    #[test]
    fn valid_and_each_claim_failure() {
        let jwk = generate(KeyAlg::EdDSA, None, Some("k1")).unwrap();
        let public = public_jwk(&jwk).unwrap();
        let source = Source::new("local:k1", None, vec![public]);
        let now = 1_000_000;
        let t = token(
            &jwk,
            serde_json::json!({"aud": "a", "iss": "i", "sub": "s"}),
            Some(600),
            now as u64,
        );
        let mut v = Verifier::new(
            vec![source.clone()],
            Policy {
                leeway: 60,
                ..Default::default()
            },
        );
        let verdict = v.verify(&t, now, &mut no_refetch());
        assert!(verdict.valid, "{}", verdict.message);
        assert!(
            verdict
                .message
                .starts_with("EdDSA signature by key k1 from 'local:k1'")
        );
        let cases: Vec<(Policy, i64, Reason)> = vec![
            (
                Policy {
                    leeway: 60,
                    ..Default::default()
                },
                now + 661,
                Reason::Expired,
            ),
            (
                Policy {
                    leeway: 60,
                    ignore_exp: true,
                    ..Default::default()
                },
                now + 661,
                Reason::Expired,
            ),
            (
                Policy {
                    aud: vec!["b".into()],
                    ..Default::default()
                },
                now,
                Reason::AudienceMismatch,
            ),
            (
                Policy {
                    iss: vec!["x".into()],
                    ..Default::default()
                },
                now,
                Reason::IssuerMismatch,
            ),
            (
                Policy {
                    sub: Some("t".into()),
                    ..Default::default()
                },
                now,
                Reason::SubjectMismatch,
            ),
            (
                Policy {
                    require: vec!["email".into()],
                    ..Default::default()
                },
                now,
                Reason::MissingClaim,
            ),
            (
                Policy {
                    algs: vec!["RS256".into()],
                    ..Default::default()
                },
                now,
                Reason::UnsupportedAlg,
            ),
        ];
        for (i, (policy, at, reason)) in cases.into_iter().enumerate() {
            let ignore = policy.ignore_exp;
            let mut v = Verifier::new(vec![source.clone()], policy);
            let verdict = v.verify(&t, at, &mut no_refetch());
            if ignore {
                assert!(verdict.valid, "case {i}: {}", verdict.message);
            } else {
                assert_eq!(
                    verdict.reason,
                    Some(reason),
                    "case {i}: {}",
                    verdict.message
                );
            }
        }
        // Within the leeway is still valid.
        let mut v = Verifier::new(
            vec![source.clone()],
            Policy {
                leeway: 60,
                ..Default::default()
            },
        );
        assert!(v.verify(&t, now + 650, &mut no_refetch()).valid);
        // nbf in the future.
        let early = token(
            &jwk,
            serde_json::json!({"nbf": now + 3600}),
            None,
            now as u64,
        );
        let verdict = v.verify(&early, now, &mut no_refetch());
        assert_eq!(verdict.reason, Some(Reason::NotYetValid));
    }

    #[test]
    fn kid_rotation_refetches_once() {
        let old = generate(KeyAlg::EdDSA, None, Some("old")).unwrap();
        let new = generate(KeyAlg::EdDSA, None, Some("new")).unwrap();
        let t = token(&new, serde_json::json!({}), None, 0);
        let source = Source::new(
            "idp",
            Some("https://idp/jwks".into()),
            vec![public_jwk(&old).unwrap()],
        );
        let mut calls = 0;
        let rotated = public_jwk(&new).unwrap();
        let mut v = Verifier::new(vec![source.clone()], Policy::default());
        let verdict = v.verify(&t, 0, &mut |_: &Source| {
            calls += 1;
            Some(vec![rotated.clone()])
        });
        assert!(verdict.valid, "{}", verdict.message);
        assert_eq!(calls, 1);
        // An unknown kid: one refetch, then no_matching_key, and never again.
        let stranger = generate(KeyAlg::EdDSA, None, Some("stranger")).unwrap();
        let t = token(&stranger, serde_json::json!({}), None, 0);
        let mut calls = 0;
        let mut v = Verifier::new(vec![source], Policy::default());
        for _ in 0..3 {
            let verdict = v.verify(&t, 0, &mut |_: &Source| {
                calls += 1;
                None
            });
            assert_eq!(verdict.reason, Some(Reason::NoMatchingKey));
        }
        assert_eq!(calls, 1);
    }

    #[test]
    fn algorithm_policy() {
        let rsa = generate(KeyAlg::RS256, None, Some("r")).unwrap();
        let public = public_jwk(&rsa).unwrap();
        // HS256 signed with the RSA public key's PEM as the secret (alg confusion).
        let pem = crate::keys::convert::pem_encode(
            "PUBLIC KEY",
            &crate::keys::convert::spki_der(&public).unwrap(),
        );
        let mut forged_key = crate::keys::convert::base_jwk("oct");
        forged_key.kid = Some("r".into());
        forged_key.alg = Some("HS256".into());
        forged_key
            .extra
            .insert("k".into(), crate::jwk::b64url_encode(pem.as_bytes()).into());
        let forged = token(&forged_key, serde_json::json!({}), None, 0);
        let mut v = Verifier::new(
            vec![Source::new("idp", None, vec![public.clone()])],
            Policy::default(),
        );
        assert_eq!(
            v.verify(&forged, 0, &mut no_refetch()).reason,
            Some(Reason::UnsupportedAlg)
        );
        // Even with HS256 allowed, an RSA key never verifies it.
        let mut v = Verifier::new(
            vec![Source::new("idp", None, vec![public.clone()])],
            Policy {
                algs: vec!["HS256".into()],
                ..Default::default()
            },
        );
        assert_eq!(
            v.verify(&forged, 0, &mut no_refetch()).reason,
            Some(Reason::NoMatchingKey)
        );
        // alg none, any case.
        for none in ["none", "None", "NONE"] {
            let header = crate::jwk::b64url_encode(format!("{{\"alg\":\"{none}\"}}"));
            let t = format!("{header}.e30.");
            assert_eq!(
                v.verify(&t, 0, &mut no_refetch()).reason,
                Some(Reason::Unsigned)
            );
        }
        // use: enc keys never verify.
        let mut enc = public.clone();
        enc.use_ = Some("enc".into());
        let t = token(&rsa, serde_json::json!({}), None, 0);
        let mut v = Verifier::new(vec![Source::new("idp", None, vec![enc])], Policy::default());
        assert_eq!(
            v.verify(&t, 0, &mut no_refetch()).reason,
            Some(Reason::NoMatchingKey)
        );
        // A tampered payload.
        let mut v = Verifier::new(
            vec![Source::new("idp", None, vec![public])],
            Policy::default(),
        );
        assert!(v.verify(&t, 0, &mut no_refetch()).valid);
        let parts: Vec<&str> = t.split('.').collect();
        let tampered = format!(
            "{}.{}.{}",
            parts[0],
            crate::jwk::b64url_encode("{\"admin\":true}"),
            parts[2]
        );
        assert_eq!(
            v.verify(&tampered, 0, &mut no_refetch()).reason,
            Some(Reason::BadSignature)
        );
    }

    proptest! {
        #[test]
        fn arbitrary_input_never_panics(s in ".{0,200}") {
            let mut v = Verifier::new(vec![Source::new("x", None, vec![])], Policy::default());
            let _ = v.verify(&s, 0, &mut |_: &Source| None);
        }

        #[test]
        fn arbitrary_time_claims_never_panic(exp in any::<i64>(), nbf in any::<i64>(), at in any::<i64>(), f in any::<f64>()) {
            let jwk = generate(KeyAlg::EdDSA, None, Some("a")).unwrap();
            let source = Source::new("x", None, vec![public_jwk(&jwk).unwrap()]);
            for claims in [serde_json::json!({"exp": exp, "nbf": nbf}), serde_json::json!({"exp": f, "iat": f})] {
                let t = token(&jwk, claims, None, 0);
                let mut v = Verifier::new(vec![source.clone()], Policy { at: Some(at), leeway: u64::MAX, ..Default::default() });
                let _ = v.verify(&t, at, &mut |_: &Source| None);
            }
        }

        #[test]
        fn arbitrary_headers_never_panic(h in "\\{\"alg\":\"[A-Za-z0-9]{0,6}\"(,\"kid\":\"[a-z]{0,3}\")?\\}", p in ".{0,40}") {
            let t = format!("{}.{}.c2ln", crate::jwk::b64url_encode(h), crate::jwk::b64url_encode(p));
            let jwk = generate(KeyAlg::EdDSA, None, Some("a")).unwrap();
            let mut v = Verifier::new(vec![Source::new("x", None, vec![public_jwk(&jwk).unwrap()])], Policy { jws: true, ..Default::default() });
            let _ = v.verify(&t, 0, &mut |_: &Source| None);
        }
    }
}
