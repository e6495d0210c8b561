//! The verifier (docs/tokens.md and docs/security.md; RFC 8725): the algorithm policy, key selection by
//! `kid` with one refetch on rotation, signature checks with aws-lc-rs, the
//! claim checks, the rules of a `--for` target (PowerSync, sqld, Turso), and
//! a [`Verdict`] whose reason is one of the stable strings of [`Reason::ALL`]. Key sources
//! are loaded by the caller; this module never touches the network itself
//! (a refetch goes through the caller's hook).
//!
//! [`Judge`] is the one entry point: every caller (`token verify`, its
//! `--batch`, the issuer-first default sources) judges through it.

mod claims;
#[cfg(test)]
mod differential;
mod judge;
mod keys;
pub mod powersync;
pub mod sqld;
pub mod target;
#[cfg(test)]
mod target_tests;
#[cfg(test)]
mod tests;

pub use judge::{
    Judge, Local, Outcome, Pending, Report, Settings, Settled, Shared, SharedRefetch,
    TargetContext, Tentative, report,
};
use target::{Grant, Target, Warning};

use std::collections::HashMap;

use keys::{Prepared, fits, unfit_reason};

use serde::Serialize;
use serde_json::{Map, Value};

use super::decode::{self, Decoded};
use crate::alg::Alg;
use crate::jwk::{Jwk, JwkError};
use crate::jwks::fetch::{CacheState, CacheUse};

/// Why a token is not valid. The strings are a stable contract, and this
/// enum is their one list: docs/tokens.md and docs/ci.md name exactly
/// [`Reason::ALL`] (a test keeps them equal).
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
    /// A rule of the `--for` target failed (its `code`, for PowerSync).
    TargetRule,
}

impl Reason {
    /// Every reason, in the order the docs list them.
    pub const ALL: [Reason; 12] = [
        Reason::Malformed,
        Reason::Unsigned,
        Reason::UnsupportedAlg,
        Reason::NoMatchingKey,
        Reason::BadSignature,
        Reason::Expired,
        Reason::NotYetValid,
        Reason::AudienceMismatch,
        Reason::IssuerMismatch,
        Reason::SubjectMismatch,
        Reason::MissingClaim,
        Reason::TargetRule,
    ];

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
            Reason::TargetRule => "target_rule",
        }
    }
}

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
    /// A PowerSync configuration's Supabase key: its tokens have their own
    /// audience and lifetime (StaticSupabaseKeyCollector.ts).
    pub supabase: bool,
    /// An HMAC secret taken as raw bytes (so a base64url-looking one is
    /// worth a hint when the signature does not match).
    pub raw_secret: bool,
    /// Kids that came from the environment: messages name them so, never
    /// print them.
    pub env_kids: Vec<String>,
    /// How the cache served a fetched document (`None`: the server sent it
    /// in this run, or the source is not fetched).
    pub cache: Option<CacheUse>,
    refetched: bool,
}

/// A key source as a verdict reports it (`sources` in `-o json`): its
/// label, its URL when fetched, and how the cache served it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consulted {
    pub source: String,
    pub url: Option<String>,
    pub cache: Option<CacheUse>,
}

impl Source {
    /// True when the keys came from a cached copy past its max-age.
    pub fn is_stale(&self) -> bool {
        self.cache.is_some_and(|c| c.state == CacheState::Stale)
    }
}

impl Source {
    /// The keys were just fetched from the origin in this run: a rotation
    /// refetch would only ask again for what arrived a moment ago.
    pub fn fresh_from_origin(mut self) -> Self {
        self.refetched = true;
        self
    }

    pub fn new(label: impl Into<String>, url: Option<String>, keys: Vec<Jwk>) -> Self {
        Source {
            label: label.into(),
            url,
            keys,
            hmac: false,
            explicit: false,
            supabase: false,
            raw_secret: false,
            env_kids: Vec::new(),
            cache: None,
            refetched: false,
        }
    }
}

/// What the caller asks of a token.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Allowed algorithms; empty means the default set.
    pub algs: Vec<Alg>,
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
    /// The `--for` target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// The target's error code for a refusal (PowerSync's `PSYNC_*`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// The target's rules, each passed or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checks: Option<Vec<target::Check>>,
    /// Under `--for`: what is worth a second look without changing the
    /// verdict (jwksctl's stricter rules the target does not enforce,
    /// tokens that grant every namespace).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<Warning>>,
    /// `--for sqld`: what the token grants, per namespace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grants: Option<Vec<Grant>>,
    /// No key matched while a source could not be loaded: the missing source
    /// may hold the key, so the verdict is "retry later" (exit 3), not a
    /// judgement of the token. `valid` stays `false`.
    pub undecided: bool,
    /// The sources that could not be loaded and may load on a retry (the
    /// server is down, slow, or nothing is cached offline), one line each
    /// (empty when all loaded).
    pub unavailable: Vec<String>,
    /// The sources that failed for good: the server answered with something
    /// that is not a key set (an HTML page, a 404), or the URL is refused.
    /// A retry will not help, so they never make a verdict undecided.
    pub broken: Vec<String>,
    /// The verdict relied on a stale cached copy (the server could not be
    /// reached, or `--offline`): the key that decided, or, when no key
    /// matched, any key set searched.
    pub stale: bool,
    /// Every key source the verdict was judged against, with how the cache
    /// served it.
    pub sources: Vec<Consulted>,
    /// What the user could do about it; the command words it for its flags.
    #[serde(skip)]
    pub remedy: Option<Remedy>,
}

/// A way out of a verdict, named without the command line's words (the
/// command layer turns it into a hint naming its flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// The payload is not JWT claims: verify it as a plain JWS.
    PlainJws,
    /// HMAC tokens need the shared secret, named explicitly.
    HmacSecret,
    /// The token's algorithm is not among the allowed ones.
    AllowAlg,
    /// The HMAC secret was taken raw but is base64url text.
    SecretEncoding,
}

impl Verdict {
    /// The token's `alg`, `kid`, header and (when the verdict holds none yet)
    /// its claims as given, for a target's verdict judged on a decoded token.
    pub(crate) fn with_token(mut self, decoded: &decode::Decoded<'_>) -> Verdict {
        self.alg = Some(decoded.alg().to_string());
        self.kid = decoded.kid().map(str::to_string);
        self.header = Some(decoded.header.clone());
        if self.claims.is_none() {
            self.claims = decoded.claims_relaxed().ok().map(|(c, _)| c);
        }
        self
    }

    pub(super) fn invalid(reason: Reason, message: impl Into<String>) -> Self {
        Verdict {
            valid: false,
            reason: Some(reason),
            ..Verdict::valid(message)
        }
    }

    /// A valid verdict; the caller fills in what it knows.
    pub(super) fn valid(message: impl Into<String>) -> Self {
        Verdict {
            valid: true,
            reason: None,
            message: message.into(),
            alg: None,
            kid: None,
            source: None,
            header: None,
            claims: None,
            payload: None,
            target: None,
            code: None,
            checks: None,
            warnings: None,
            grants: None,
            undecided: false,
            unavailable: Vec::new(),
            broken: Vec::new(),
            stale: false,
            sources: Vec::new(),
            remedy: None,
        }
    }

    fn with_remedy(mut self, remedy: Remedy) -> Self {
        self.remedy = Some(remedy);
        self
    }

    /// Mark the verdict undecided when no key matched while some sources
    /// could not be loaded (`unavailable`) and none failed for good
    /// (`broken`): a definite failure wins over an unreachable source, as
    /// retrying cannot mend it. Record both either way.
    pub fn note_unavailable(&mut self, unavailable: &[String], broken: &[String]) {
        self.unavailable = unavailable.to_vec();
        self.broken = broken.to_vec();
        if self.reason != Some(Reason::NoMatchingKey) {
            return;
        }
        if !broken.is_empty() {
            self.message = format!(
                "{}; {} source(s) failed and may hold the key ({})",
                self.message,
                broken.len() + unavailable.len(),
                broken
                    .iter()
                    .chain(unavailable)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        } else if !unavailable.is_empty() {
            self.undecided = true;
            self.message = format!(
                "{}; undecided: {} source(s) could not be loaded and may hold the key ({})",
                self.message,
                unavailable.len(),
                unavailable.join("; ")
            );
        }
    }
}

/// A refetch hook: fresh keys for each URL source asked for (all at once, so
/// the caller can fetch them concurrently), `None` for each that failed.
pub type Refetch<'a> = dyn FnMut(&[&Source]) -> Vec<Option<Vec<Jwk>>> + 'a;
/// Verifies tokens against a fixed set of sources, keeping parsed keys
/// between tokens (for `--batch`).
pub(crate) struct Verifier {
    sources: Vec<Source>,
    policy: Policy,
    /// `--for`: whose rules decide (PowerSync and sqld judge by their own).
    target: Option<(Target, TargetContext)>,
    prepared: HashMap<(usize, usize, Alg), Result<Prepared, JwkError>>,
}

impl Verifier {
    pub(crate) fn new(sources: Vec<Source>, policy: Policy) -> Self {
        Verifier {
            sources,
            policy,
            target: None,
            prepared: HashMap::new(),
        }
    }

    /// The same verifier with nothing prepared yet.
    fn fresh(&self) -> Self {
        Verifier {
            sources: self.sources.clone(),
            policy: self.policy.clone(),
            target: self.target.clone(),
            prepared: HashMap::new(),
        }
    }

    /// The sources back, with what verifying learned (keys refetched after a
    /// rotation, and that they were), to verify again with more sources.
    pub(crate) fn into_sources(self) -> Vec<Source> {
        self.sources
    }

    /// The sources as they stand (keys refetched after a rotation included).
    pub(crate) fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Judge one token at `now` (Unix seconds).
    pub(crate) fn verify(&mut self, input: &str, now: i64, refetch: &mut Refetch<'_>) -> Verdict {
        let token = match decode::clean(input) {
            Ok(t) => t,
            Err(e) => return Verdict::invalid(Reason::Malformed, e.to_string()),
        };
        match self.target.clone() {
            Some((Target::PowerSync, ctx)) => {
                return self.judge_powersync(&token.token, now, refetch, &ctx);
            }
            Some((Target::Sqld, ctx)) => return self.judge_sqld(&token.token, now, refetch, &ctx),
            _ => {}
        }
        let decoded = match decode::decode(&token.token) {
            Ok(d) => d,
            // A well-formed token whose signature text was altered (say, its
            // last character, which only carries padding bits) is a bad
            // signature, not a malformed token.
            // So is a signature re-spelled with padding or non-zero trailing
            // bits: one signed token has exactly one string.
            Err(
                e @ (decode::DecodeError::Base64("signature")
                | decode::DecodeError::SignaturePadding
                | decode::DecodeError::SignatureNotCanonical),
            ) => {
                return Verdict::invalid(Reason::BadSignature, e.to_string());
            }
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
        // RFC 7515 §4.1.11: extensions marked critical must be understood;
        // jwksctl implements none (e.g. RFC 7797's unencoded `b64` payload).
        if let Some(crit) = token.header.get("crit") {
            return Verdict::invalid(
                Reason::Malformed,
                format!(
                    "the header marks {crit} as critical extensions, which jwksctl does not implement"
                ),
            );
        }
        let Ok(alg) = alg_text.parse::<Alg>() else {
            return Verdict::invalid(
                Reason::UnsupportedAlg,
                format!("alg {alg_text:?} is not supported"),
            );
        };
        if let Err((why, remedy)) = self.alg_allowed(alg) {
            return Verdict::invalid(Reason::UnsupportedAlg, why).with_remedy(remedy);
        }
        let claims = if self.policy.jws {
            None
        } else {
            match token.claims() {
                Ok(c) => Some(c),
                Err(e) => {
                    return Verdict::invalid(
                        Reason::Malformed,
                        format!("{e} (a JWS that signs plain text is checked as a plain JWS)"),
                    )
                    .with_remedy(Remedy::PlainJws);
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
            let mut verdict = Verdict::invalid(
                Reason::BadSignature,
                format!(
                    "the {alg} signature does not match {what}: the token was altered or signed by another key"
                ),
            );
            if candidates
                .iter()
                .any(|(s, k)| self.secret_looks_base64url(*s, *k, alg, message, &token.signature))
            {
                verdict.message.push_str("; the secret was given as raw text but it is base64url, and decoded it verifies the signature");
                verdict.remedy = Some(Remedy::SecretEncoding);
            }
            return verdict;
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
            None => Verdict::valid(signed_by),
        };
        verdict.source = Some(label);
        verdict.claims = claims;
        verdict
    }

    fn alg_allowed(&self, alg: Alg) -> Result<(), (String, Remedy)> {
        if !self.policy.algs.is_empty() {
            return if self.policy.algs.contains(&alg) {
                Ok(())
            } else {
                Err((
                    format!(
                        "alg {alg} is not among the allowed algorithms ({})",
                        Alg::join(&self.policy.algs)
                    ),
                    Remedy::AllowAlg,
                ))
            };
        }
        let has_secret = self
            .sources
            .iter()
            .any(|s| s.hmac && s.keys.iter().any(|k| k.kty == "oct"));
        if alg.is_hmac() && !has_secret {
            return Err((
                format!(
                    "{alg} tokens need the shared secret, named explicitly (a public key is never used as an HMAC secret)"
                ),
                Remedy::HmacSecret,
            ));
        }
        Ok(())
    }

    /// (source, key) pairs that may verify `alg` / `kid`, in source order:
    /// the policy allows them and the key passes the JWK validation.
    fn candidates(&mut self, alg: Alg, kid: Option<&str>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for s in 0..self.sources.len() {
            for k in 0..self.sources[s].keys.len() {
                let source = &self.sources[s];
                let key = &source.keys[k];
                let kid_ok = match (kid, key.kid.as_deref()) {
                    (Some(want), Some(have)) => want == have,
                    (Some(_), None) => source.explicit,
                    (None, _) => true,
                };
                if kid_ok && fits(key, alg, source.hmac) && self.prepared(s, k, alg).is_ok() {
                    out.push((s, k));
                }
            }
        }
        out
    }

    /// Refetch every URL source not refetched yet; true when any came back.
    fn refetch_missing(&mut self, refetch: &mut Refetch<'_>) -> bool {
        let pending: Vec<usize> = (0..self.sources.len())
            .filter(|&s| self.sources[s].url.is_some() && !self.sources[s].refetched)
            .collect();
        if pending.is_empty() {
            return false;
        }
        for &s in &pending {
            self.sources[s].refetched = true;
        }
        let asked: Vec<&Source> = pending.iter().map(|&s| &self.sources[s]).collect();
        let fresh = refetch(&asked);
        let mut any = false;
        for (&s, keys) in pending.iter().zip(fresh) {
            if let Some(keys) = keys {
                self.sources[s].keys = keys;
                // Fetched anew from the server: no longer the cached copy.
                self.sources[s].cache = None;
                self.prepared.retain(|(src, _, _), _| *src != s);
                any = true;
            }
        }
        any
    }

    fn no_key_message(&self, alg: Alg, kid: Option<&str>) -> String {
        let labels: Vec<&str> = self.sources.iter().map(|s| s.label.as_str()).collect();
        let total: usize = self.sources.iter().map(|s| s.keys.len()).sum();
        // Said plainly when there was nothing to search.
        let searched = match (labels.as_slice(), total) {
            ([], _) => "the key sources: none could be loaded".to_string(),
            ([one], 0) => format!("the keys of {one}: it holds none"),
            (many, 0) => format!("the keys of {}: none of them holds any", many.join(", ")),
            (many, _) => format!(
                "{total} key{} from {}",
                if total == 1 { "" } else { "s" },
                many.join(", ")
            ),
        };
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
            None => {
                // No candidate, so a key the policy allows failed the JWK validation.
                let refused = self
                    .sources
                    .iter()
                    .flat_map(|s| s.keys.iter().map(move |k| (s, k)))
                    .find(|(s, k)| fits(k, alg, s.hmac));
                match refused {
                    Some((_, k)) => format!(
                        "no usable key for {alg} among {searched}: key {} cannot be used: {}",
                        k.kid.as_deref().unwrap_or("(no kid)"),
                        unfit_reason(k, alg)
                    ),
                    None => format!("no key that can verify {alg} among {searched}"),
                }
            }
        }
    }
}
