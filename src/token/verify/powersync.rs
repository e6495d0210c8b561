//! `--for powersync`: a token judged exactly as a PowerSync service judges
//! it, in its terms (`PSYNC_*` codes and messages).
//!
//! Learnt from powersync-ja/powersync-service at 332d649:
//! - `packages/service-core/src/auth/KeyStore.ts` (`verifyJwt`,
//!   `getCachedKey`): the key selection (the first key whose `kid` matches
//!   is the one key; otherwise keys without `kid` are tried), jose's
//!   `jwtVerify` with `clockTolerance: 60`, `algorithms:
//!   SUPPORTED_ALGORITHMS`, `requiredClaims: ['sub', 'iat', 'exp']`, then
//!   the audience, the lifetime and `parameters`.
//! - `packages/service-core/src/auth/KeySpec.ts` (`matchesAlgorithm`,
//!   `SUPPORTED_ALGORITHMS`), `RemoteJWKSCollector.ts` (only keys fetched
//!   from `jwks_uri` are filtered by `kty`, `use` and `key_ops`),
//!   `StaticSupabaseKeyCollector.ts` (the Supabase secret's audience and
//!   lifetime), `utils.ts` (`mapJoseError`: the codes and messages).
//! - `packages/service-core/src/routes/auth.ts` and
//!   `util/config/compound-config-collector.ts`: the options production
//!   passes (`jwt_audiences` = `client_auth.audience`, `token_max_expiration: '1d'`).
//! - jose 4.15.9 (the service's dependency): `jwt_claims_set.ts` (the claim
//!   checks and their order), `validate_crit.ts` (only `b64` is understood),
//!   node's base64 decoder (padding and trailing bits tolerated).

use serde_json::{Map, Value};

use super::keys::fits_powersync;
use super::target::{Check, Target, Warning};
use super::{Reason, Refetch, Remedy, Verdict, Verifier};
use crate::alg::{Alg, Family};
use crate::jwk::Jwk;
use crate::token::decode::{self, Relaxed};

/// KeySpec.ts `SUPPORTED_ALGORITHMS`: no PS*, no `none`.
pub const ALGS: [Alg; 10] = [
    Alg::HS256,
    Alg::HS384,
    Alg::HS512,
    Alg::RS256,
    Alg::RS384,
    Alg::RS512,
    Alg::ES256,
    Alg::ES384,
    Alg::ES512,
    Alg::EdDSA,
];
/// routes/auth.ts passes `token_max_expiration: '1d'` (compound-config-collector.ts).
pub const MAX_LIFETIME: f64 = 86_400.0;
/// StaticSupabaseKeyCollector.ts `SUPABASE_KEY_OPTIONS.maxLifetimeSeconds`.
pub const SUPABASE_MAX_LIFETIME: f64 = 86_400.0 * 7.0 + 1_200.0;
/// StaticSupabaseKeyCollector.ts `SUPABASE_KEY_OPTIONS.requiresAudience`.
pub const SUPABASE_AUDIENCE: &str = "authenticated";
/// routes/auth.ts: `jwt_audiences` is `client_auth.audience`; KeyStore.ts
/// refuses every token's `aud` when it is empty.
pub const NO_AUDIENCE: &str =
    "the configuration has no client_auth.audience, so PowerSync accepts no token at all";
/// KeyStore.ts `verifyJwt`: `clockTolerance: 60`.
pub const CLOCK_TOLERANCE: f64 = 60.0;

/// utils.ts `mapJoseError`: the code of a token PowerSync cannot verify.
const S2101: Option<&str> = Some("PSYNC_S2101");

/// One of PowerSync's rules: the name jwksctl gives it (`powersync.*`, in
/// checks, JSON and messages) and the code the service answers when it
/// fails. The verifier judges by these and `token mint` refuses by the same
/// ones before it signs: each rule, its source and its code are here only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub name: &'static str,
    pub code: &'static str,
}

impl Rule {
    const fn of(name: &'static str, code: &'static str) -> Rule {
        Rule { name, code }
    }

    fn check(self, outcome: Result<String, String>) -> Check {
        Check::result(self.name, Some(self.code), outcome)
    }
}

/// The rules, each with the source it follows (powersync-ja/powersync-service
/// at 332d649, and its jose 4.15.9).
pub mod rule {
    use super::Rule;

    /// jose `validate_crit.ts`: `crit` may name only what jwtVerify
    /// understands (`b64`); utils.ts maps the refusal to PSYNC_S2101.
    pub const CRIT: Rule = Rule::of("powersync.crit", "PSYNC_S2101");
    /// packages/service-core/src/auth/KeySpec.ts `SUPPORTED_ALGORITHMS`,
    /// jose's `algorithms` in KeyStore.ts `verifyJwt` ([`super::verifies`]).
    pub const ALG: Rule = Rule::of("powersync.alg", "PSYNC_S2101");
    /// KeyStore.ts `verifyJwt`: `requiredClaims: ['sub', 'iat', 'exp']`
    /// (jose `jwt_claims_set.ts`: `claim in payload`).
    pub const REQUIRED_CLAIMS: Rule = Rule::of("powersync.required_claims", "PSYNC_S2101");
    /// jose `jwt_claims_set.ts`: `iat`, `nbf` and `exp`, when present, are
    /// numbers (utils.ts words it as a missing claim).
    pub const CLAIM_TYPES: Rule = Rule::of("powersync.claim_types", "PSYNC_S2101");
    /// jose `jwt_claims_set.ts`: `nbf` with KeyStore.ts's `clockTolerance`.
    pub const NBF: Rule = Rule::of("powersync.nbf", "PSYNC_S2101");
    /// jose `jwt_claims_set.ts`: `exp` with KeyStore.ts's `clockTolerance`;
    /// utils.ts maps JWTExpired to PSYNC_S2103.
    pub const EXP: Rule = Rule::of("powersync.exp", "PSYNC_S2103");
    /// KeyStore.ts `verifyJwt`: `aud` is required and one of its entries is
    /// one of `jwt_audiences` (routes/auth.ts: `client_auth.audience`), else
    /// PSYNC_S2105.
    pub const AUD: Rule = Rule::of("powersync.aud", "PSYNC_S2105");
    /// KeyStore.ts `verifyJwt`: `exp - iat` above `maxAge` is PSYNC_S2104
    /// ([`super::too_long`], [`super::MAX_LIFETIME`]).
    pub const MAX_LIFETIME: Rule = Rule::of("powersync.max_lifetime", "PSYNC_S2104");
    /// KeyStore.ts `verifyJwt`: `parameters`, when not null, is an object.
    pub const PARAMETERS: Rule = Rule::of("powersync.parameters", "PSYNC_S2101");
}

/// KeySpec.ts `SUPPORTED_ALGORITHMS`: whether PowerSync verifies `alg` at all.
pub fn verifies(alg: Alg) -> bool {
    ALGS.contains(&alg)
}

/// KeyStore.ts: `tokenDuration > maxAge` refuses; exact numbers, so
/// fractions count.
pub fn too_long(lifetime: f64, max: f64) -> bool {
    lifetime > max
}
/// utils.ts `mapJoseError` for JWSInvalid / JWTInvalid.
const NOT_WELL_FORMED: &str = "Token is not a well-formed JWT. Check the token format.";

/// A number as JavaScript prints it (`${n}`), for PowerSync's messages.
pub fn js_number(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{}", n as i128)
    } else if n.abs() >= 1e21 {
        let e = format!("{n:e}");
        e.replace("e", "e+").replace("e+-", "e-")
    } else {
        format!("{n}")
    }
}

/// What the claim checks need beyond the claims.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The audiences the service accepts; `None` when not known (decode
    /// without them): only the presence of `aud` is checked then.
    pub audiences: Option<Vec<String>>,
    /// The audiences as messages print them (`!env PS_X` for values from the
    /// environment); empty: as they are.
    pub shown: Vec<String>,
    /// The lifetime limit, seconds.
    pub max_lifetime: f64,
}

impl Limits {
    /// A token signed by one of the service's own keys (`client_auth.jwks`,
    /// `jwks_uri`): its audiences, `token_max_expiration: '1d'`.
    pub fn service(audiences: Option<Vec<String>>, shown: Vec<String>) -> Limits {
        Limits {
            audiences,
            shown,
            max_lifetime: MAX_LIFETIME,
        }
    }

    /// A token signed by a Supabase key (StaticSupabaseKeyCollector.ts
    /// `SUPABASE_KEY_OPTIONS`): audience `authenticated`, a week and 20 minutes.
    pub fn supabase() -> Limits {
        Limits {
            audiences: Some(vec![SUPABASE_AUDIENCE.to_string()]),
            shown: Vec::new(),
            max_lifetime: SUPABASE_MAX_LIFETIME,
        }
    }
}

/// KeySpec.ts `matchesAlgorithm`: the key's `alg` when it has one, else its
/// `kty`'s family.
pub fn matches_algorithm(key: &Jwk, alg: Alg) -> bool {
    match key.alg.as_deref() {
        Some(a) => a == alg.as_str(),
        None => match key.kty.as_str() {
            "RSA" => alg.family() == Family::RsaPkcs1,
            "oct" => alg.family() == Family::Hmac,
            "OKP" => alg.family() == Family::EdDSA,
            "EC" => alg.family() == Family::Ecdsa,
            _ => false,
        },
    }
}

/// RemoteJWKSCollector.ts `getKeys`: keys fetched from a `jwks_uri` count
/// only with kty RSA, OKP or EC, `use` (when a string) `sig`, and `key_ops`
/// (when a list) including `verify`. Inline keys are never filtered.
pub fn remote_key_counts(key: &Jwk) -> bool {
    ["RSA", "OKP", "EC"].contains(&key.kty.as_str())
        && key.use_.as_deref().is_none_or(|u| u == "sig")
        && key
            .key_ops
            .as_ref()
            .is_none_or(|ops| ops.iter().any(|o| o == "verify"))
}

/// jose 4 `validate_crit.ts` with jwtVerify's recognized `b64`: `Ok(true)`
/// when the header carries an accepted `crit`, `Err` when jose refuses it.
fn crit(header: &Map<String, Value>) -> Result<bool, String> {
    let Some(crit) = header.get("crit") else {
        return Ok(false);
    };
    let list = match crit {
        Value::Array(list)
            if !list.is_empty()
                && list
                    .iter()
                    .all(|c| c.as_str().is_some_and(|s| !s.is_empty())) =>
        {
            list
        }
        _ => {
            return Err(
                "\"crit\" (Critical) Header Parameter MUST be an array of non-empty strings when present".into(),
            );
        }
    };
    for c in list.iter().filter_map(Value::as_str) {
        if c != "b64" {
            return Err(format!(
                "Extension Header Parameter \"{c}\" is not recognized"
            ));
        }
        if !header.contains_key(c) {
            return Err(format!("Extension Header Parameter \"{c}\" is missing"));
        }
    }
    match header.get("b64") {
        Some(Value::Bool(true)) => Ok(true),
        Some(Value::Bool(false)) => Err("JWTs MUST NOT use unencoded payload".into()),
        _ => {
            Err("The \"b64\" (base64url-encode payload) Header Parameter must be a boolean".into())
        }
    }
}

/// The header checks PowerSync (jose) applies before any key: `crit` and
/// the algorithm allowlist.
pub fn header_checks(header: &Map<String, Value>) -> Vec<Check> {
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    let mut out = Vec::new();
    if header.contains_key("crit") {
        out.push(
            rule::CRIT.check(
                crit(header)
                    .map(|_| "crit names only b64, which jose understands".to_string())
                    .map_err(|why| format!("{NOT_WELL_FORMED} ({why})")),
            ),
        );
    }
    out.push(rule::ALG.check(
        if alg.is_empty() {
            Err(format!("{NOT_WELL_FORMED} (JWS \"alg\" (Algorithm) Header Parameter missing or invalid)"))
        } else if alg.parse::<Alg>().is_ok_and(verifies) {
            Ok(format!("{alg} is an algorithm PowerSync verifies"))
        } else {
            Err(format!(
                "\"alg\" (Algorithm) Header Parameter not allowed: PowerSync verifies {} only, not {alg:?}",
                Alg::join(&ALGS)
            ))
        },
    ));
    out
}

/// The claim checks of jose's `jwtVerify` and `KeyStore.verifyJwt`, in
/// their order; the first that fails is PowerSync's answer.
pub fn claim_checks(claims: &Map<String, Value>, at: i64, limits: &Limits) -> Vec<Check> {
    let mut out = Vec::new();
    // jwt_claims_set.ts: `for (const claim of new Set(requiredClaims.reverse()))`
    // with requiredClaims ['sub', 'iat', 'exp'], `claim in payload` (null counts).
    let missing: Vec<&str> = ["exp", "iat", "sub"]
        .into_iter()
        .filter(|c| !claims.contains_key(*c))
        .collect();
    out.push(rule::REQUIRED_CLAIMS.check(match missing.first() {
        None => Ok("sub, iat and exp are present".into()),
        // utils.ts mapJoseError: JWTClaimValidationFailed.
        Some(c) => Err(format!("JWT payload is missing a required claim \"{c}\"")),
    }));
    let number = |name: &str| claims.get(name).and_then(Value::as_f64);
    let typed = |name: &'static str| -> Option<Check> {
        let value = claims.get(name)?;
        (!value.is_number()).then(|| {
            // jose: '"iat" claim must be a number', mapped to "missing a required claim".
            Check::fail(
                rule::CLAIM_TYPES.name,
                Some(rule::CLAIM_TYPES.code),
                format!("JWT payload is missing a required claim \"{name}\" (jose: \"{name}\" claim must be a number, not {value})"),
            )
        })
    };
    let now = at as f64;
    if let Some(c) = typed("iat") {
        out.push(c);
    }
    if let Some(c) = typed("nbf") {
        out.push(c);
    } else if let Some(nbf) = number("nbf") {
        out.push(rule::NBF.check(
            if nbf > now + CLOCK_TOLERANCE {
                Err("JWT payload is missing a required claim \"nbf\" (jose: \"nbf\" claim timestamp check failed: not valid yet)".into())
            } else {
                Ok(format!("valid from nbf on (with {CLOCK_TOLERANCE} s tolerance)"))
            },
        ));
    }
    if let Some(c) = typed("exp") {
        out.push(c);
    } else if let Some(exp) = number("exp") {
        out.push(rule::EXP.check(
            // jwt_claims_set.ts: `payload.exp <= now - tolerance` is expired.
            if exp <= now - CLOCK_TOLERANCE {
                Err(format!(
                    "JWT has expired (PowerSync allows {CLOCK_TOLERANCE} s of clock skew)"
                ))
            } else {
                Ok(format!(
                    "not expired (with PowerSync's {CLOCK_TOLERANCE} s clock tolerance)"
                ))
            },
        ));
    }
    // KeyStore.ts: `aud == null` is missing; otherwise any entry may match.
    let aud = claims.get("aud").filter(|a| !a.is_null());
    let accepted = |list: &[String]| {
        let list = if limits.shown.len() == list.len() && !list.is_empty() {
            &limits.shown[..]
        } else {
            list
        };
        if list.is_empty() {
            NO_AUDIENCE.to_string()
        } else {
            format!(
                "the service accepts {}",
                serde_json::to_string(list).unwrap_or_default()
            )
        }
    };
    out.push(rule::AUD.check(match (aud, &limits.audiences) {
        (None, None) => Err("JWT payload is missing a required claim \"aud\"".into()),
        (None, Some(list)) => Err(format!(
            "JWT payload is missing a required claim \"aud\"; {}",
            accepted(list)
        )),
        (Some(_), None) => {
            Ok("aud is present (not checked: the service's audiences were not given)".into())
        }
        (Some(a), Some(list)) => {
            let entries: Vec<&Value> = match a {
                Value::Array(items) => items.iter().collect(),
                one => vec![one],
            };
            if entries
                .iter()
                .any(|e| e.as_str().is_some_and(|s| list.iter().any(|w| w == s)))
            {
                Ok(format!(
                    "aud matches one of {}",
                    serde_json::to_string(list).unwrap_or_default()
                ))
            } else {
                Err(format!(
                    "Unexpected \"aud\" claim value: {a}; {}",
                    accepted(list)
                ))
            }
        }
    }));
    if let (Some(exp), Some(iat)) = (number("exp"), number("iat")) {
        let duration = exp - iat;
        let max = limits.max_lifetime;
        out.push(rule::MAX_LIFETIME.check(if too_long(duration, max) {
            Err(format!(
                "Token must expire in a maximum of {} seconds, got {}s",
                js_number(max),
                js_number(duration)
            ))
        } else {
            Ok(format!(
                "lifetime {}s is within {}s",
                js_number(duration),
                js_number(max)
            ))
        }));
    }
    if let Some(p) = claims.get("parameters") {
        // KeyStore.ts: `parameters != null && (Array.isArray(parameters) || typeof parameters != 'object')`.
        out.push(rule::PARAMETERS.check(if p.is_object() || p.is_null() {
            Ok("parameters is an object".into())
        } else {
            Err("Payload parameters must be an object".into())
        }));
    }
    out
}

/// The `kid` as KeyStore.ts `getCachedKey` uses it: `if (kid)` (an empty
/// string is no kid), compared with `==`.
fn header_kid(header: &Map<String, Value>) -> Option<String> {
    match header.get("kid")? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => n.as_f64().filter(|f| *f != 0.0).map(js_number),
        Value::Bool(true) => Some("\u{0}true".into()),
        Value::Array(_) | Value::Object(_) => Some("\u{0}object".into()),
        _ => None,
    }
}

impl Verifier {
    /// (source, key) pairs PowerSync holds, in order: keys from a URL only
    /// when they count (RemoteJWKSCollector.ts), others all.
    fn powersync_keys(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (s, source) in self.sources.iter().enumerate() {
            for (k, key) in source.keys.iter().enumerate() {
                if source.url.is_none() || remote_key_counts(key) {
                    out.push((s, k));
                }
            }
        }
        out
    }

    /// Judge a cleaned token as PowerSync does.
    pub(super) fn judge_powersync(
        &mut self,
        token: &str,
        now: i64,
        refetch: &mut Refetch<'_>,
        ctx: &super::TargetContext,
    ) -> Verdict {
        let at = self.policy.at.unwrap_or(now);
        let (decoded, relaxed) = match decode::decode_relaxed(token) {
            Ok(d) => d,
            Err(e) => {
                let mut v = Verdict::invalid(
                    Reason::Malformed,
                    format!("{NOT_WELL_FORMED} ({e}) (PSYNC_S2101)"),
                );
                v.code = S2101;
                return v;
            }
        };
        self.judge_powersync_decoded(&decoded, &relaxed, at, refetch, ctx)
            .with_token(&decoded)
    }

    fn judge_powersync_decoded(
        &mut self,
        decoded: &decode::Decoded<'_>,
        relaxed: &[Relaxed],
        at: i64,
        refetch: &mut Refetch<'_>,
        ctx: &super::TargetContext,
    ) -> Verdict {
        let mut warnings: Vec<Warning> = relaxed
            .iter()
            .map(|r| {
                let rule = match r {
                    Relaxed::SignatureSpelling(_) => "jwksctl.signature_encoding",
                    _ => "jwksctl.strict_json",
                };
                Warning::not_enforced(rule, Target::PowerSync, r.message())
            })
            .collect();
        let mut checks = header_checks(&decoded.header);
        if let Some(failed) = checks.iter().find(|c| !c.passed).cloned() {
            return refused(Reason::TargetRule, &failed, checks, warnings);
        }
        if decoded.header.contains_key("crit") {
            warnings.push(Warning::not_enforced(
                "jwksctl.crit",
                Target::PowerSync,
                "the header marks b64 as a critical extension (RFC 7515 §4.1.11, RFC 7797), which jwksctl does not implement",
            ));
        }
        let alg = decoded.alg().to_string();
        // header_checks passed: the algorithm is one PowerSync verifies.
        let known = alg.parse::<Alg>().ok();
        let kid = header_kid(&decoded.header);
        let msg = decoded.signing_input.as_bytes();
        let mut picked = self.powersync_pick(&alg, kid.as_deref(), msg, &decoded.signature);
        if matches!(picked, Pick::None) && kid.is_some() && self.refetch_missing(refetch) {
            picked = self.powersync_pick(&alg, kid.as_deref(), msg, &decoded.signature);
        }
        let (s, k) = match picked {
            Pick::Key(s, k) => (s, k),
            Pick::WrongAlg(s, k) => {
                let key = &self.sources[s].keys[k];
                let mut v = Verdict::invalid(
                    Reason::NoMatchingKey,
                    format!(
                        "Unexpected token algorithm {alg} (PSYNC_S2101): the key with kid {:?} from '{}' is kty {}{}; PowerSync tries no other key",
                        key.kid.as_deref().unwrap_or(""),
                        self.sources[s].label,
                        key.kty,
                        key.alg
                            .as_deref()
                            .map(|a| format!(", alg {a}"))
                            .unwrap_or_default()
                    ),
                );
                v.code = S2101;
                v.warnings = Some(warnings);
                return v;
            }
            Pick::Unusable(s, k, why) => {
                let key = &self.sources[s].keys[k];
                let mut v = Verdict::invalid(
                    Reason::NoMatchingKey,
                    format!(
                        "the key {} from '{}' cannot verify {alg}: {why} (PSYNC_S2101)",
                        key.kid.as_deref().unwrap_or("(no kid)"),
                        self.sources[s].label
                    ),
                );
                v.code = S2101;
                v.warnings = Some(warnings);
                return v;
            }
            Pick::BadSignature(s, k) => {
                let key = &self.sources[s].keys[k];
                let mut v = Verdict::invalid(
                    Reason::BadSignature,
                    format!(
                        "signature verification failed (PSYNC_S2101): the {alg} signature does not match key {} from '{}'",
                        key.kid.as_deref().unwrap_or("(no kid)"),
                        self.sources[s].label
                    ),
                );
                if known
                    .is_some_and(|a| self.secret_looks_base64url(s, k, a, msg, &decoded.signature))
                {
                    v.message.push_str("; the secret was given as raw text but it is base64url (as PowerSync's k is), and decoded it verifies the signature");
                    v.remedy = Some(Remedy::SecretEncoding);
                }
                v.code = S2101;
                v.warnings = Some(warnings);
                return v;
            }
            Pick::None => {
                let mut v = Verdict::invalid(
                    Reason::NoMatchingKey,
                    self.powersync_no_key(&alg, kid.as_deref(), &decoded.header, decoded),
                );
                let raw_base64url = self.powersync_keys().into_iter().any(|(s, k)| {
                    known.is_some_and(|a| {
                        self.secret_looks_base64url(s, k, a, msg, &decoded.signature)
                    })
                });
                if raw_base64url {
                    v.message.push_str("; the secret was given as raw text but it is base64url (as PowerSync's k is), and decoded it verifies the signature");
                    v.remedy = Some(Remedy::SecretEncoding);
                }
                v.code = S2101;
                v.warnings = Some(warnings);
                return v;
            }
        };
        // jwt.ts: the payload must be a JSON object (JSON.parse: the last of two members wins).
        let (claims, dups) = match decoded.claims_relaxed() {
            Ok(c) => c,
            Err(e) => {
                let mut v = Verdict::invalid(
                    Reason::Malformed,
                    format!("{NOT_WELL_FORMED} ({e}) (PSYNC_S2101)"),
                );
                v.code = S2101;
                v.warnings = Some(warnings);
                return v;
            }
        };
        for d in dups {
            warnings.push(Warning::not_enforced(
                "jwksctl.strict_json",
                Target::PowerSync,
                format!("the payload names the member {d:?} twice (PowerSync keeps the last)"),
            ));
        }
        let source = &self.sources[s];
        let limits = if source.supabase {
            Limits::supabase()
        } else {
            Limits::service(Some(ctx.audiences.clone()), ctx.audiences_shown.clone())
        };
        let from = match &source.url {
            Some(url) if url != &source.label => format!("'{}' ({url})", source.label),
            _ => format!("'{}'", source.label),
        };
        let signed_by = format!(
            "{alg} signature by key {} from {from}",
            source.keys[k].kid.as_deref().unwrap_or("(no kid)")
        );
        let label = source.label.clone();
        checks.extend(claim_checks(&claims, at, &limits));
        if let Some(failed) = checks.iter().find(|c| !c.passed).cloned() {
            let mut v = refused(Reason::TargetRule, &failed, checks, warnings);
            v.source = Some(label);
            v.claims = Some(claims);
            return v;
        }
        // jwksctl's own rules, for what PowerSync lets pass.
        let key = &self.sources[s].keys[k];
        if let Some(why) = super::keys::unfit_strict(key) {
            warnings.push(Warning::not_enforced(
                "jwksctl.key_use",
                Target::PowerSync,
                format!("key {} {why}", key.kid.as_deref().unwrap_or("(no kid)")),
            ));
        }
        let strict = self.check_claims(&claims, at, "");
        if !strict.valid {
            warnings.push(Warning::not_enforced(
                super::sqld::strict_rule(strict.reason),
                Target::PowerSync,
                strict.message,
            ));
        }
        let mut v = Verdict::valid(format!("PowerSync accepts it: {signed_by}"));
        v.source = Some(label);
        v.claims = Some(claims);
        v.checks = Some(checks);
        v.warnings = Some(warnings);
        v
    }

    /// KeyStore.ts `getCachedKey`, then jose's signature check.
    fn powersync_pick(&mut self, alg: &str, kid: Option<&str>, msg: &[u8], sig: &[u8]) -> Pick {
        let Some(alg) = alg.parse::<Alg>().ok().filter(|a| verifies(*a)) else {
            return Pick::None;
        };
        let keys = self.powersync_keys();
        if let Some(kid) = kid
            && let Some(&(s, k)) = keys
                .iter()
                .find(|(s, k)| self.sources[*s].keys[*k].kid.as_deref() == Some(kid))
        {
            let key = &self.sources[s].keys[k];
            if !matches_algorithm(key, alg) {
                return Pick::WrongAlg(s, k);
            }
            if let Some(why) = fits_powersync(key, alg) {
                return Pick::Unusable(s, k, why);
            }
            if let Err(e) = self.prepared(s, k, alg) {
                return Pick::Unusable(s, k, e.to_string());
            }
            return if self.check_signature(s, k, alg, msg, sig) {
                Pick::Key(s, k)
            } else {
                Pick::BadSignature(s, k)
            };
        }
        for (s, k) in keys {
            let key = &self.sources[s].keys[k];
            if key.kid.is_some() || !matches_algorithm(key, alg) {
                continue;
            }
            // jose throws (not "no match") when the key cannot do the algorithm.
            if let Some(why) = fits_powersync(key, alg) {
                return Pick::Unusable(s, k, why);
            }
            if self.prepared(s, k, alg).is_ok() && self.check_signature(s, k, alg, msg, sig) {
                return Pick::Key(s, k);
            }
        }
        Pick::None
    }

    /// PSYNC_S2101 "Could not find an appropriate key", with utils.ts
    /// `debugKeyNotFound`'s details: the kids the configuration holds, and
    /// the Supabase cases.
    fn powersync_no_key(
        &self,
        alg: &str,
        kid: Option<&str>,
        header: &Map<String, Value>,
        decoded: &decode::Decoded<'_>,
    ) -> String {
        let known: Vec<String> = self
            .powersync_keys()
            .into_iter()
            .map(|(s, k)| {
                let key = &self.sources[s].keys[k];
                let mut d = format!(
                    "kid: {}, kty: {}",
                    key.kid.as_deref().unwrap_or("*"),
                    key.kty
                );
                if let Some(a) = &key.alg {
                    d.push_str(&format!(", alg: {a}"));
                }
                format!("<{d}>")
            })
            .collect();
        let mut out = format!(
            "Could not find an appropriate key in the keystore. The key is missing or no key matched the token KID (PSYNC_S2101): {} kid {}; known keys: {}",
            alg,
            kid.map(|k| format!("{k:?}"))
                .unwrap_or_else(|| "(none)".into()),
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        );
        // utils.ts debugKeyNotFound: a Supabase HS256 token without the secret.
        let iss = decoded
            .claims_relaxed()
            .ok()
            .and_then(|(c, _)| c.get("iss").and_then(Value::as_str).map(str::to_string));
        let supabase = iss.as_deref().is_some_and(|i| i.contains("supabase.co"));
        if supabase && header.get("alg").and_then(Value::as_str) == Some(Alg::HS256.as_str()) {
            let configured = self.sources.iter().any(|s| s.supabase && s.url.is_none());
            out.push_str(if configured {
                "; the token is a Supabase HS256 (shared secret) token, but the configured Supabase JWT secret does not match"
            } else {
                "; the token is a Supabase HS256 (shared secret) token, but no Supabase JWT secret is configured (client_auth.supabase_jwt_secret with supabase: true)"
            });
        }
        out
    }
}

/// What key selection found.
enum Pick {
    Key(usize, usize),
    /// The kid matched a key of another algorithm.
    WrongAlg(usize, usize),
    /// The kid matched (or a wildcard fits) a key that cannot verify.
    Unusable(usize, usize, String),
    BadSignature(usize, usize),
    None,
}

fn refused(reason: Reason, failed: &Check, checks: Vec<Check>, warnings: Vec<Warning>) -> Verdict {
    let mut v = Verdict::invalid(
        reason,
        format!("PowerSync refuses it: {}", failed.describe()),
    );
    v.code = failed.code;
    v.checks = Some(checks);
    v.warnings = Some(warnings);
    v
}
