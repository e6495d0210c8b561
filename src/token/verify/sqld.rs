//! `--for sqld`: a token judged exactly as a self-hosted libSQL server
//! (sqld) judges it, and what it grants there.
//!
//! Learnt from tursodatabase/libsql at f8fb14f:
//! - `libsql-server/src/auth/user_auth_strategies/jwt.rs`: every key of the
//!   key file is tried in turn (`validate_any_jwt`; `kid` is never read),
//!   with jsonwebtoken 9.3 and `Validation::new(EdDSA)` minus the required
//!   `exp`: EdDSA only, 60 s leeway, `nbf` and `iss` never checked, no
//!   audience configured. The claims are read into `Token { id, a, p, exp }`.
//! - `libsql-server/src/auth/authorized.rs`, `permission.rs`,
//!   `authenticated.rs`, `namespace/name.rs`: what `p` (authorized) or
//!   `id`/`a` (legacy) grant, namespace names, `LIBSQL_GID` tags.
//! - jsonwebtoken 9.3.0 `src/validation.rs`, `src/decoding.rs`,
//!   `src/header.rs`: the order of the checks and how each claim is parsed.
//!
//! Each rule below names the code it reflects.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::target::{Check, Grant, Target, Warning, WarningKind};
use super::{Reason, Refetch, Verdict, Verifier};
use crate::alg::Alg;
use crate::token::decode::{self, Relaxed};

/// sqld's clock tolerance: jsonwebtoken's default `leeway` (validation.rs).
pub const LEEWAY: i64 = 60;

/// jsonwebtoken 9.3.0 `Header` (header.rs): the members it parses, each
/// `Option<String>` but `alg`, `x5c` (`Option<Vec<String>>`) and `jwk`.
const HEADER_STRINGS: [&str; 7] = ["typ", "cty", "jku", "kid", "x5u", "x5t", "x5t#S256"];
const HEADER_FIELDS: [&str; 10] = [
    "typ", "alg", "cty", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256",
];
/// jsonwebtoken 9.3.0 `Algorithm` (algorithms.rs): any other `alg` fails to parse.
const JSONWEBTOKEN_ALGS: [Alg; 12] = [
    Alg::HS256,
    Alg::HS384,
    Alg::HS512,
    Alg::ES256,
    Alg::ES384,
    Alg::RS256,
    Alg::RS384,
    Alg::RS512,
    Alg::PS256,
    Alg::PS384,
    Alg::PS512,
    Alg::EdDSA,
];
/// The claims sqld's `Token` and jsonwebtoken's `ClaimsForValidation` read:
/// serde refuses either struct when one of them is named twice.
const CLAIM_FIELDS: [&str; 8] = ["id", "a", "p", "exp", "nbf", "sub", "iss", "aud"];
/// `Authorized`'s fields (authorized.rs), in declaration order (serde also
/// reads a struct from an array, positionally).
const SCOPES: [&str; 5] = ["ro", "rw", "roa", "rwa", "ddl"];

/// A legacy token's access (permission.rs: `ro`, `rw`, `roa`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perm {
    Read,
    Write,
    AttachRead,
}

/// One `p` scope (authorized.rs `Scopes`): namespaces and tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub ns: Option<BTreeSet<String>>,
    pub tags: Option<BTreeSet<String>>,
}

impl Scope {
    /// authorized.rs `Scopes::contains`: the namespace is listed, or the
    /// server's `LIBSQL_GID` is one of the tags.
    fn contains(&self, name: &str, gid: Option<&str>) -> bool {
        self.ns.as_ref().is_some_and(|ns| ns.contains(name))
            || gid
                .zip(self.tags.as_ref())
                .is_some_and(|(g, t)| t.contains(g))
    }

    /// Whether the tags alone grant every namespace on a server with `gid`.
    fn by_tag(&self, gid: Option<&str>) -> bool {
        gid.zip(self.tags.as_ref())
            .is_some_and(|(g, t)| t.contains(g))
    }
}

/// How sqld authenticates a token (jwt.rs `validate_jwt`): a non-null `p`
/// makes it `Authorized`; otherwise it is `Legacy`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// `p`: `[ro, rw, roa, rwa, ddl]`.
    Authorized(Box<[Option<Scope>; 5]>),
    /// `id` (none: every namespace) and `a` (none: read-write).
    Legacy {
        namespace: Option<String>,
        perm: Perm,
    },
}

impl Access {
    fn scope(&self, i: usize) -> Option<&Scope> {
        match self {
            Access::Authorized(s) => s[i].as_ref(),
            Access::Legacy { .. } => None,
        }
    }

    /// What the token grants on `name` (authorized.rs `has_right`,
    /// `ddl_permitted`; authenticated.rs `has_right` for legacy tokens).
    pub fn on(&self, name: &str, gid: Option<&str>) -> Grant {
        let has = |i: usize| self.scope(i).is_some_and(|s| s.contains(name, gid));
        let (read, write, attach, ddl) = match self {
            Access::Authorized(_) => {
                // can_write_ns: rw, rwa, ddl; can_read_ns: those, ro, roa;
                // can_attach_ns: roa, rwa; ddl_permitted: ddl.
                let write = has(1) || has(3) || has(4);
                (write || has(0) || has(2), write, has(2) || has(3), has(4))
            }
            Access::Legacy { namespace, perm } => {
                let here = namespace.as_deref().is_none_or(|n| n == name);
                // permission.rs `Permission::has_right`: rw reads and writes,
                // ro reads, roa reads and attaches; a legacy token never gets
                // the DDL override (authenticated.rs `ddl_permitted`).
                (
                    here,
                    here && *perm == Perm::Write,
                    here && *perm == Perm::AttachRead,
                    false,
                )
            }
        };
        Grant {
            namespace: name.to_string(),
            read,
            write,
            attach,
            ddl,
        }
    }

    /// Every grant, per namespace named in the token, and `*` for what holds
    /// on every namespace (a legacy token without `id`, or tags matching `gid`).
    pub fn grants(&self, gid: Option<&str>) -> Vec<Grant> {
        let mut out = Vec::new();
        match self {
            Access::Legacy { namespace, .. } => {
                out.push(self.on(namespace.as_deref().unwrap_or("*"), gid));
                if namespace.is_none() {
                    // `on("*")` with no id holds for any name.
                    out[0].namespace = "*".into();
                }
            }
            Access::Authorized(scopes) => {
                let everywhere = scopes.iter().flatten().any(|s| s.by_tag(gid));
                if everywhere {
                    // A name in no `ns` list: only the tags grant.
                    let none = Access::Authorized(Box::new((**scopes).clone().map(|s| {
                        s.map(|s| Scope {
                            ns: None,
                            tags: s.tags,
                        })
                    })));
                    let mut all = none.on("", gid);
                    all.namespace = "*".into();
                    out.push(all);
                }
                let names: BTreeSet<&String> = scopes
                    .iter()
                    .flatten()
                    .filter_map(|s| s.ns.as_ref())
                    .flatten()
                    .collect();
                out.extend(names.into_iter().map(|n| self.on(n, gid)));
            }
        }
        out
    }

    /// Tags that grant only on servers whose `LIBSQL_GID` is one of them.
    pub fn tags(&self) -> BTreeSet<String> {
        match self {
            Access::Authorized(s) => s
                .iter()
                .flatten()
                .filter_map(|s| s.tags.clone())
                .flatten()
                .collect(),
            Access::Legacy { .. } => BTreeSet::new(),
        }
    }
}

/// What sqld reads from the claims (jwt.rs `Token`), or why serde refuses them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub access: Access,
    /// `exp` when it is an unsigned integer: the only form jsonwebtoken checks.
    pub exp_checked: Option<u64>,
    /// `aud` as jsonwebtoken's `TryParse<Audience>` parses it: a string or
    /// an array of strings (refused, as sqld configures no audience).
    pub aud_parsed: bool,
}

/// namespace/name.rs `NamespaceName`: any non-empty string.
fn namespace(v: &Value, what: &str) -> Result<Option<String>, String> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if !s.is_empty() => Ok(Some(s.clone())),
        Value::String(_) => Err(format!("{what} is an empty namespace name")),
        other => Err(format!("{what} must be a namespace name, not {other}")),
    }
}

/// A set of strings (`HashSet<NamespaceName>` / `HashSet<String>`).
fn set(v: &Value, what: &str, names: bool) -> Result<Option<BTreeSet<String>>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) if names && s.is_empty() => {
                    Err(format!("{what} holds an empty namespace name"))
                }
                Value::String(s) => Ok(s.clone()),
                other => Err(format!("{what} must hold strings, not {other}")),
            })
            .collect::<Result<_, _>>()
            .map(Some),
        other => Err(format!("{what} must be a list, not {other}")),
    }
}

/// serde reads a struct from an object (by name, unknown members ignored)
/// or from an array (by position, no more elements than fields).
fn fields<'v>(
    v: &'v Value,
    names: &[&'static str],
    what: &str,
) -> Result<Vec<Option<&'v Value>>, String> {
    match v {
        Value::Object(map) => Ok(names.iter().map(|n| map.get(*n)).collect()),
        Value::Array(items) if items.len() <= names.len() => {
            Ok((0..names.len()).map(|i| items.get(i)).collect())
        }
        Value::Array(_) => Err(format!("{what} has more elements than fields")),
        other => Err(format!("{what} must be an object, not {other}")),
    }
}

/// `p` as authorized.rs `Authorized` deserializes it.
fn authorized(p: &Value) -> Result<[Option<Scope>; 5], String> {
    let values = fields(p, &SCOPES, "p")?;
    let mut out: [Option<Scope>; 5] = Default::default();
    for (i, value) in values.into_iter().enumerate() {
        let what = format!("p.{}", SCOPES[i]);
        out[i] = match value {
            None | Some(Value::Null) => None,
            Some(v) => {
                let parts = fields(v, &["ns", "tags"], &what)?;
                Some(Scope {
                    ns: match parts[0] {
                        Some(ns) => set(ns, &format!("{what}.ns"), true)?,
                        None => None,
                    },
                    tags: match parts[1] {
                        Some(t) => set(t, &format!("{what}.tags"), false)?,
                        None => None,
                    },
                })
            }
        };
    }
    Ok(out)
}

/// chrono `DateTime::from_timestamp(secs, 0)` range (jwt.rs `jwt_time`).
const CHRONO_MIN: i64 = -8_334_601_228_800;
const CHRONO_MAX: i64 = 8_210_266_876_799;

/// The claims as sqld reads them (jwt.rs `Token` and jsonwebtoken's
/// `ClaimsForValidation`), or why serde refuses them: then sqld answers
/// `JwtInvalid`. `dups` are the members named twice.
pub fn read_token(claims: &Map<String, Value>, dups: &[String]) -> Result<Token, String> {
    if let Some(d) = dups.iter().find(|d| {
        CLAIM_FIELDS.contains(&d.as_str())
            || d.strip_prefix("p.").is_some_and(|rest| {
                let mut parts = rest.split('.');
                let scope = parts.next().unwrap_or("");
                SCOPES.contains(&scope) && parts.next().is_none_or(|f| f == "ns" || f == "tags")
            })
    }) {
        return Err(format!(
            "the claim {d:?} appears twice (serde refuses a duplicate field)"
        ));
    }
    let get = |n: &str| claims.get(n).unwrap_or(&Value::Null);
    let id = namespace(get("id"), "id")?;
    let perm = match get("a") {
        Value::Null => None,
        Value::String(a) if a == "ro" => Some(Perm::Read),
        Value::String(a) if a == "rw" => Some(Perm::Write),
        Value::String(a) if a == "roa" => Some(Perm::AttachRead),
        other => {
            return Err(format!("a must be \"ro\", \"rw\" or \"roa\", not {other}"));
        }
    };
    let p = match get("p") {
        Value::Null => None,
        p => Some(authorized(p)?),
    };
    // jwt.rs `jwt_time`: `Option<i64>`, then chrono's range.
    match get("exp") {
        Value::Null => {}
        Value::Number(n) => match n.as_i64() {
            Some(e) if (CHRONO_MIN..=CHRONO_MAX).contains(&e) => {}
            Some(_) => return Err("exp is out of the range of dates sqld reads".into()),
            None if n.is_f64() => {
                return Err(format!(
                    "exp must be an integer, not {n} (sqld reads exp as an i64)"
                ));
            }
            None => return Err(format!("exp {n} does not fit an i64")),
        },
        other => return Err(format!("exp must be an integer, not {other}")),
    }
    // validation.rs `ClaimsForValidation.sub: TryParse<Cow<str>>`: serde_json
    // refuses a string from an array or object without consuming it, which
    // breaks the whole claims object (a number, boolean or null is skipped).
    if matches!(claims.get("sub"), Some(Value::Array(_) | Value::Object(_))) {
        return Err("sub is an array or object, which jsonwebtoken cannot skip".into());
    }
    // validation.rs `numeric_type`: a u64, or a finite non-negative float, rounded.
    let exp_checked = match claims.get("exp") {
        Some(Value::Number(n)) => n.as_u64(),
        _ => None,
    };
    // validation.rs `Audience`: a string, or an array of strings.
    let aud_parsed = match claims.get("aud") {
        Some(Value::String(_)) => true,
        Some(Value::Array(list)) => list.iter().all(Value::is_string),
        _ => false,
    };
    let access = match p {
        Some(scopes) => Access::Authorized(Box::new(scopes)),
        None => Access::Legacy {
            namespace: id,
            perm: perm.unwrap_or(Perm::Write),
        },
    };
    Ok(Token {
        access,
        exp_checked,
        aud_parsed,
    })
}

/// Why jsonwebtoken 9.3.0 refuses the header (`Header::from_encoded`,
/// `verify_signature`): `JwtInvalid` in sqld.
pub(super) fn header_problem(
    header: &Map<String, Value>,
    relaxed: &[Relaxed],
    raw_parts: (&str, &str),
) -> Option<String> {
    // serialization.rs `b64_decode`: URL_SAFE_NO_PAD, no padding, canonical.
    for (part, text) in [("header", raw_parts.0), ("payload", raw_parts.1)] {
        if crate::jwk::b64url_decode_canonical(text).is_err() {
            return Some(format!(
                "the {part} is not unpadded canonical base64url, which jsonwebtoken requires"
            ));
        }
    }
    for r in relaxed {
        match r {
            Relaxed::Duplicate { part, member }
                if *part == "header" && HEADER_FIELDS.contains(&member.as_str()) =>
            {
                return Some(format!(
                    "the header member {member:?} appears twice (serde refuses a duplicate field)"
                ));
            }
            Relaxed::SignatureSpelling(e) => return Some(e.to_string()),
            _ => {}
        }
    }
    for member in HEADER_STRINGS {
        if let Some(v) = header.get(member)
            && !v.is_string()
            && !v.is_null()
        {
            return Some(format!(
                "the header member {member} must be a string, not {v}"
            ));
        }
    }
    match header.get("x5c") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => {}
        Some(other) => {
            return Some(format!(
                "the header member x5c must be a list of strings, not {other}"
            ));
        }
    }
    if let Some(jwk) = header.get("jwk")
        && !(jwk.is_null() || jwk.is_object())
    {
        return Some(format!("the header member jwk must be a JWK, not {jwk}"));
    }
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    if !alg
        .parse::<Alg>()
        .is_ok_and(|a| JSONWEBTOKEN_ALGS.contains(&a))
    {
        return Some(format!(
            "alg {alg:?} is not an algorithm jsonwebtoken knows"
        ));
    }
    None
}

/// The claim checks sqld applies after the signature, in its order, and
/// what the token grants; also used without a signature (`token decode`).
pub fn claim_checks(
    claims: &Map<String, Value>,
    dups: &[String],
    at: i64,
    gid: Option<&str>,
) -> (Vec<Check>, Option<Access>) {
    let mut out = Vec::new();
    let token = match read_token(claims, dups) {
        Ok(t) => t,
        Err(why) => {
            out.push(Check::fail(
                "sqld.claims",
                None,
                format!("{why}: sqld cannot read the claims (JwtInvalid)"),
            ));
            return (out, None);
        }
    };
    out.push(Check::pass(
        "sqld.claims",
        match &token.access {
            Access::Authorized(_) => "p is present: an authorized token (id and a are not used)",
            Access::Legacy { .. } => "no p (or p is null): a legacy token read from id and a",
        },
    ));
    // validation.rs `validate`: `exp < now - leeway` is expired.
    if let Some(exp) = token.exp_checked {
        let expired = i128::from(exp) < i128::from(at) - i128::from(LEEWAY);
        out.push(Check::result(
            "sqld.exp",
            None,
            if expired {
                Err("expired (sqld allows 60 s of clock skew) (JwtExpired)".into())
            } else {
                Ok("not expired (with sqld's 60 s leeway)".into())
            },
        ));
    } else {
        out.push(Check::pass(
            "sqld.exp",
            if claims.get("exp").is_some_and(|e| !e.is_null()) {
                "exp is not an unsigned integer: jsonwebtoken does not check it"
            } else {
                "no exp: the token does not expire for sqld"
            },
        ));
    }
    out.push(Check::result(
        "sqld.aud",
        None,
        if token.aud_parsed {
            Err("sqld configures no audience, so jsonwebtoken refuses a token whose aud is a string or a list of strings (InvalidAudience)".into())
        } else {
            Ok(match claims.get("aud") {
                None | Some(Value::Null) => "no aud".to_string(),
                Some(other) => {
                    format!("aud {other} is not a string or a list of strings: jsonwebtoken skips it")
                }
            })
        },
    ));
    let _ = gid;
    (out, Some(token.access))
}

/// The warnings about what a token grants: every namespace, nothing, tags.
pub fn grant_warnings(access: &Access, grants: &[Grant], gid: Option<&str>) -> Vec<Warning> {
    let mut out = Vec::new();
    // Whatever namespace was asked about, a token for every namespace is said.
    if access
        .grants(gid)
        .iter()
        .any(|g| g.namespace == "*" && g.read)
    {
        out.push(Warning::new(
            "sqld.every_namespace",
            WarningKind::Grant,
            "the token grants access to every namespace on the server",
        ));
    }
    if grants.iter().all(|g| !g.read) {
        out.push(Warning::new(
            "sqld.grants_nothing",
            WarningKind::Grant,
            "the token is accepted but grants nothing: every statement is refused (Forbidden)",
        ));
    }
    let tags = access.tags();
    if !tags.is_empty() && gid.is_none() {
        out.push(Warning::new(
            "sqld.tags",
            WarningKind::Note,
            format!(
                "the tags {} grant every namespace on a server whose LIBSQL_GID is one of them; give the server's LIBSQL_GID to count them",
                tags.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    out
}

impl Verifier {
    /// Judge a cleaned token as sqld does (jwt.rs `validate_any_jwt`).
    pub(super) fn judge_sqld(
        &mut self,
        token: &str,
        now: i64,
        _refetch: &mut Refetch<'_>,
        ctx: &super::TargetContext,
    ) -> Verdict {
        let at = self.policy.at.unwrap_or(now);
        let (decoded, relaxed) = match decode::decode_relaxed(token) {
            Ok(d) => d,
            Err(e) => {
                return Verdict::invalid(
                    Reason::Malformed,
                    format!("{e}: sqld cannot read the token (JwtInvalid)"),
                );
            }
        };
        self.judge_sqld_decoded(&decoded, &relaxed, token, at, ctx)
            .with_token(&decoded)
    }

    fn judge_sqld_decoded(
        &mut self,
        decoded: &decode::Decoded<'_>,
        relaxed: &[Relaxed],
        token: &str,
        at: i64,
        ctx: &super::TargetContext,
    ) -> Verdict {
        let parts: Vec<&str> = token.split('.').collect();
        let mut warnings = Vec::new();
        if let Some(why) = header_problem(&decoded.header, relaxed, (parts[0], parts[1])) {
            return Verdict::invalid(Reason::Malformed, format!("{why} (JwtInvalid)"));
        }
        let alg = decoded.alg();
        if alg != Alg::EdDSA.as_str() {
            // jwt.rs: `Validation::new(Algorithm::EdDSA)`.
            return Verdict::invalid(
                Reason::UnsupportedAlg,
                format!("sqld verifies EdDSA (Ed25519) tokens only, not {alg:?} (JwtInvalid)"),
            );
        }
        for r in relaxed {
            if let Relaxed::Duplicate { .. } | Relaxed::HeaderType { .. } = r {
                warnings.push(Warning::not_enforced(
                    "jwksctl.strict_json",
                    Target::Sqld,
                    r.message(),
                ));
            }
        }
        if let Some(crit) = decoded.header.get("crit") {
            warnings.push(Warning::not_enforced(
                "jwksctl.crit",
                Target::Sqld,
                format!("the header marks {crit} as critical extensions (RFC 7515 §4.1.11); jsonwebtoken ignores crit"),
            ));
        }
        // Every Ed25519 key in order, kid ignored (jwt.rs `validate_any_jwt`).
        let mut matched = None;
        let mut tried = 0usize;
        'keys: for s in 0..self.sources.len() {
            for k in 0..self.sources[s].keys.len() {
                let key = &self.sources[s].keys[k];
                if key.kty != Alg::EdDSA.kty() || key.crv.as_deref() != Alg::EdDSA.curve() {
                    continue;
                }
                tried += 1;
                if self.check_signature(
                    s,
                    k,
                    Alg::EdDSA,
                    decoded.signing_input.as_bytes(),
                    &decoded.signature,
                ) {
                    matched = Some((s, k));
                    break 'keys;
                }
            }
        }
        let Some((s, k)) = matched else {
            let message = if tried == 0 {
                "no Ed25519 key to verify with (sqld reads Ed25519 public keys only)".to_string()
            } else {
                format!(
                    "the EdDSA signature does not match any of the {tried} Ed25519 key(s): the token was altered or signed by another key (JwtInvalid)"
                )
            };
            let mut v = Verdict::invalid(
                if tried == 0 {
                    Reason::NoMatchingKey
                } else {
                    Reason::BadSignature
                },
                message,
            );
            v.warnings = Some(warnings);
            return v;
        };
        let (claims, dups) = match decoded.claims_relaxed() {
            Ok(c) => c,
            Err(e) => {
                return Verdict::invalid(Reason::Malformed, format!("{e} (JwtInvalid)"));
            }
        };
        for d in dups
            .iter()
            .filter(|d| !CLAIM_FIELDS.contains(&d.as_str()) && !d.starts_with("p."))
        {
            warnings.push(Warning::not_enforced(
                "jwksctl.strict_json",
                Target::Sqld,
                format!("the payload names the member {d:?} twice"),
            ));
        }
        let (checks, access) = claim_checks(&claims, &dups, at, ctx.gid.as_deref());
        let source = &self.sources[s];
        let signed_by = format!(
            "EdDSA signature by key {} of '{}'",
            source.keys[k]
                .kid
                .as_deref()
                .map_or_else(|| format!("#{}", k + 1), str::to_string),
            source.label
        );
        let label = source.label.clone();
        let mut verdict = match checks.iter().find(|c| !c.passed) {
            Some(failed) => Verdict::invalid(
                Reason::TargetRule,
                format!("sqld refuses it: {}", failed.describe()),
            ),
            None => Verdict::valid(format!("sqld accepts it: {signed_by}")),
        };
        verdict.source = Some(label);
        if verdict.valid {
            // jwksctl's own rules, for what sqld lets pass.
            let strict = self.check_claims(&claims, at, "");
            if !strict.valid {
                warnings.push(Warning::not_enforced(
                    strict_rule(strict.reason),
                    Target::Sqld,
                    strict.message,
                ));
            }
        }
        if let Some(access) = &access {
            let grants = match &ctx.namespace {
                Some(name) => vec![access.on(name, ctx.gid.as_deref())],
                None => access.grants(ctx.gid.as_deref()),
            };
            if verdict.valid {
                let words: Vec<String> = grants.iter().map(Grant::describe).collect();
                verdict.message.push_str(&format!(
                    "; grants {}",
                    if words.is_empty() {
                        "nothing".to_string()
                    } else {
                        words.join("; ")
                    }
                ));
                warnings.extend(grant_warnings(access, &grants, ctx.gid.as_deref()));
            }
            verdict.grants = Some(grants);
        }
        verdict.checks = Some(checks);
        verdict.warnings = Some(warnings);
        verdict.claims = Some(claims);
        verdict
    }
}

/// The rule name of a jwksctl claim refusal, for its warning.
pub(super) fn strict_rule(reason: Option<Reason>) -> &'static str {
    match reason {
        Some(Reason::Expired) => "jwksctl.exp",
        Some(Reason::NotYetValid) => "jwksctl.nbf",
        Some(Reason::Malformed) => "jwksctl.claim_types",
        _ => "jwksctl.claims",
    }
}
