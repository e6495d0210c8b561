//! The rules a target applies on top of RFC 7519 (`--for powersync|sqld|turso`),
//! learnt from the targets' own code: PowerSync's `KeyStore.verifyJwt`
//! (service-core `auth/`), sqld's `auth/user_auth_strategies/jwt.rs` (libsql
//! server, jsonwebtoken 9 with its default `Validation` for EdDSA), and Turso
//! Cloud's documented claim shape (docs/claims.md). Each check names its rule and,
//! for PowerSync, the error code the service returns, so users can match
//! their server logs.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::claims::Action;
use crate::token::verify::{Reason, Verdict};

/// A verifier with rules of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    PowerSync,
    Sqld,
    Turso,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::PowerSync => "powersync",
            Target::Sqld => "sqld",
            Target::Turso => "turso",
        }
    }
}

/// PowerSync's algorithms (`SUPPORTED_ALGORITHMS` in its KeySpec): no PS*.
pub const POWERSYNC_ALGS: [&str; 10] = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA",
];
/// PowerSync's default token lifetime limit (`token_max_expiration: '1d'`).
pub const POWERSYNC_MAX_LIFETIME: i64 = 86_400;
/// The limit for its Supabase shared-secret key (one week and 20 minutes).
pub const SUPABASE_MAX_LIFETIME: i64 = 86_400 * 7 + 1_200;
/// PowerSync's and sqld's clock tolerance, in seconds.
pub const CLOCK_TOLERANCE: i64 = 60;

/// One rule's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// A stable name, `target.rule`.
    pub rule: &'static str,
    pub passed: bool,
    pub message: String,
    /// The error code the target reports when this rule fails (PowerSync).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// Passed, but worth saying (Turso: no database named).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub warning: bool,
}

impl Check {
    fn pass(rule: &'static str, message: impl Into<String>) -> Check {
        Check {
            rule,
            passed: true,
            message: message.into(),
            code: None,
            warning: false,
        }
    }

    fn fail(rule: &'static str, code: Option<&'static str>, message: impl Into<String>) -> Check {
        Check {
            rule,
            passed: false,
            message: message.into(),
            code,
            warning: false,
        }
    }

    fn result(
        rule: &'static str,
        code: Option<&'static str>,
        outcome: Result<String, String>,
    ) -> Check {
        match outcome {
            Ok(m) => Check::pass(rule, m),
            Err(m) => Check::fail(rule, code, m),
        }
    }

    /// `rule: message (CODE)`, for one-line verdicts and errors.
    pub fn describe(&self) -> String {
        match self.code {
            Some(code) => format!("{}: {} ({code})", self.rule, self.message),
            None => format!("{}: {}", self.rule, self.message),
        }
    }
}

/// What the checks know beyond the token.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Audiences the service accepts (PowerSync); `None`: not known (decode
    /// without `--aud`), so only the presence of `aud` is checked.
    pub audiences: Option<Vec<String>>,
    /// The lifetime limit (PowerSync), seconds; default one day.
    pub max_lifetime: Option<i64>,
    /// Judge times at this instant (Unix seconds).
    pub now: i64,
}

/// Every rule of `target` applied to a token's header and claims.
/// `--for TARGET`: the target and the audiences it accepts (PowerSync).
#[derive(Debug, Clone)]
pub struct Rules {
    pub target: Target,
    pub audiences: Option<Vec<String>>,
}

impl Rules {
    /// Judge a verdict whose header and claims were read by the target's
    /// rules too: a valid token a rule refuses becomes `target_rule`, and
    /// the verdict lists every check. Tokens verified by a PowerSync
    /// configuration's Supabase secret have Supabase's audience and lifetime.
    pub fn apply(&self, verdict: &mut Verdict, now: i64) {
        verdict.target = Some(self.target.as_str());
        let (Some(header), Some(claims)) = (&verdict.header, &verdict.claims) else {
            verdict.checks = Some(Vec::new());
            return;
        };
        let supabase = verdict
            .source
            .as_deref()
            .is_some_and(|s| s.ends_with(crate::token::powersync::SUPABASE_LABEL));
        let ctx = Context {
            audiences: if supabase {
                Some(vec!["authenticated".into()])
            } else {
                self.audiences.clone()
            },
            max_lifetime: supabase.then_some(SUPABASE_MAX_LIFETIME),
            now,
        };
        let checks = check(self.target, header, claims, &ctx);
        if verdict.valid
            && let Some(failed) = checks.iter().find(|c| !c.passed)
        {
            verdict.valid = false;
            verdict.reason = Some(Reason::TargetRule);
            verdict.message = format!("{} refuses it: {}", self.target.as_str(), failed.describe());
        }
        verdict.checks = Some(checks);
    }
}

pub fn check(
    target: Target,
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
    ctx: &Context,
) -> Vec<Check> {
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    match target {
        Target::PowerSync => powersync(alg, claims, ctx),
        Target::Sqld => sqld(alg, claims, ctx),
        Target::Turso => turso(claims),
    }
}

const S2101: Option<&str> = Some("PSYNC_S2101");
const S2103: Option<&str> = Some("PSYNC_S2103");
const S2104: Option<&str> = Some("PSYNC_S2104");
const S2105: Option<&str> = Some("PSYNC_S2105");

fn int(claims: &Map<String, Value>, name: &str) -> Option<i64> {
    claims.get(name).and_then(|v| {
        v.as_i64()
            .or_else(|| v.as_f64().filter(|f| f.is_finite()).map(|f| f as i64))
    })
}

fn powersync(alg: &str, claims: &Map<String, Value>, ctx: &Context) -> Vec<Check> {
    let mut out = vec![Check::result(
        "powersync.alg",
        S2101,
        if POWERSYNC_ALGS.contains(&alg) {
            Ok(format!("{alg} is an algorithm PowerSync verifies"))
        } else {
            Err(format!(
                "PowerSync verifies {} only, not {alg:?}",
                POWERSYNC_ALGS.join(", ")
            ))
        },
    )];
    // jose's requiredClaims: ['sub', 'iat', 'exp'], each a string / number.
    let missing: Vec<&str> = ["sub", "iat", "exp"]
        .into_iter()
        .filter(|c| !claims.contains_key(*c))
        .collect();
    out.push(Check::result(
        "powersync.required_claims",
        S2101,
        if missing.is_empty() {
            Ok("sub, iat and exp are present".into())
        } else {
            Err(format!(
                "JWT payload is missing a required claim {}",
                missing
                    .iter()
                    .map(|c| format!("{c:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        },
    ));
    let (iat, exp) = (int(claims, "iat"), int(claims, "exp"));
    let bad_types: Vec<&str> = [("iat", iat), ("exp", exp)]
        .into_iter()
        .filter(|(n, v)| claims.contains_key(*n) && v.is_none())
        .map(|(n, _)| n)
        .chain((claims.contains_key("sub") && !claims["sub"].is_string()).then_some("sub"))
        .collect();
    if !bad_types.is_empty() {
        out.push(Check::fail(
            "powersync.claim_types",
            S2101,
            format!(
                "{} must be {}",
                bad_types.join(", "),
                "numbers (iat, exp) and a string (sub)"
            ),
        ));
    }
    if let Some(exp) = exp {
        out.push(Check::result(
            "powersync.exp",
            S2103,
            if i128::from(ctx.now) >= i128::from(exp) + i128::from(CLOCK_TOLERANCE) {
                Err("JWT has expired (PowerSync allows 60 s of clock skew)".into())
            } else {
                Ok("not expired (with PowerSync's 60 s clock tolerance)".into())
            },
        ));
    }
    let have: Vec<&str> = match claims.get("aud") {
        Some(Value::String(a)) => vec![a.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let aud = if !claims.contains_key("aud") {
        Err("JWT payload is missing a required claim \"aud\"".to_string())
    } else {
        match &ctx.audiences {
            None => Ok("aud is present (not checked: no audience of the service was given)".into()),
            Some(allowed) if have.iter().any(|a| allowed.iter().any(|w| w == a)) => {
                Ok(format!("aud matches the service's audience {allowed:?}"))
            }
            Some(allowed) => Err(format!(
                "Unexpected \"aud\" claim value: {}; the service allows {allowed:?}",
                claims["aud"]
            )),
        }
    };
    out.push(Check::result("powersync.aud", S2105, aud));
    if let (Some(iat), Some(exp)) = (iat, exp) {
        let max = ctx.max_lifetime.unwrap_or(POWERSYNC_MAX_LIFETIME);
        let lifetime = i128::from(exp) - i128::from(iat);
        out.push(Check::result(
            "powersync.max_lifetime",
            S2104,
            if lifetime > i128::from(max) {
                Err(format!(
                    "Token must expire in a maximum of {max} seconds, got {lifetime}s (exp - iat)"
                ))
            } else {
                Ok(format!("lifetime {lifetime}s is within {max}s"))
            },
        ));
    }
    if let Some(p) = claims.get("parameters") {
        out.push(Check::result(
            "powersync.parameters",
            S2101,
            if p.is_object() || p.is_null() {
                Ok("parameters is an object".into())
            } else {
                Err("Payload parameters must be an object".into())
            },
        ));
    }
    out
}

fn sqld(alg: &str, claims: &Map<String, Value>, ctx: &Context) -> Vec<Check> {
    let mut out = vec![Check::result(
        "sqld.alg",
        None,
        if alg == "EdDSA" {
            Ok("sqld verifies EdDSA (Ed25519)".into())
        } else {
            Err(format!(
                "sqld verifies EdDSA (Ed25519) tokens only, not {alg:?}"
            ))
        },
    )];
    // jsonwebtoken 9 refuses a token with `aud` when the verifier names none,
    // and sqld names none.
    out.push(Check::result(
        "sqld.no_aud",
        None,
        if claims.contains_key("aud") {
            Err("sqld rejects tokens that carry aud (it configures no audience, so jsonwebtoken refuses any)".into())
        } else {
            Ok("no aud".into())
        },
    ));
    if let Some(exp) = claims.get("exp") {
        out.push(Check::result(
            "sqld.exp",
            None,
            match exp.as_i64() {
                None => Err(format!("exp must be an integer, not {exp}")),
                Some(e) if i128::from(ctx.now) > i128::from(e) + i128::from(CLOCK_TOLERANCE) => {
                    Err("expired (sqld allows 60 s of clock skew)".into())
                }
                Some(_) => Ok("not expired".into()),
            },
        ));
    }
    let mut shape = Vec::new();
    if let Some(a) = claims.get("a")
        && !matches!(a.as_str(), Some("ro" | "rw" | "roa"))
    {
        shape.push(format!("a must be \"ro\", \"rw\" or \"roa\", not {a}"));
    }
    if let Some(id) = claims.get("id")
        && id.as_str().is_none_or(|s| s.is_empty())
    {
        shape.push(format!("id must be a non-empty namespace name, not {id}"));
    }
    match claims.get("p") {
        None | Some(Value::Null) => {}
        Some(Value::Object(p)) => {
            for (scope, value) in p {
                if !["ro", "rw", "roa", "rwa", "ddl"].contains(&scope.as_str()) {
                    continue;
                }
                match value {
                    Value::Null => {}
                    Value::Object(s) => match s.get("ns") {
                        None | Some(Value::Null) => {}
                        Some(Value::Array(ns))
                            if ns.iter().all(|n| n.as_str().is_some_and(|n| !n.is_empty())) => {}
                        Some(other) => shape.push(format!(
                            "p.{scope}.ns must be a list of non-empty namespace names, not {other}"
                        )),
                    },
                    other => shape.push(format!("p.{scope} must be an object, not {other}")),
                }
            }
        }
        Some(other) => shape.push(format!("p must be an object, not {other}")),
    }
    out.push(Check::result(
        "sqld.claims",
        None,
        if shape.is_empty() {
            Ok(if claims.contains_key("p") {
                "p has the shape sqld reads (id and a are ignored when p is present)".into()
            } else {
                "id and a have the shape sqld reads".into()
            })
        } else {
            Err(shape.join("; "))
        },
    ));
    out
}

fn turso(claims: &Map<String, Value>) -> Vec<Check> {
    let mut out = Vec::new();
    out.push(Check::result(
        "turso.a",
        None,
        match claims.get("a") {
            None => Ok("no a: full access".into()),
            Some(Value::String(a)) if a == "ro" || a == "rw" => Ok(format!("a is {a:?}")),
            Some(other) => Err(format!("a must be \"ro\" or \"rw\", not {other}")),
        },
    ));
    let name = |v: &Value| v.as_str().is_some_and(|s| !s.is_empty());
    let target = match (claims.get("id"), claims.get("gid")) {
        (Some(_), Some(_)) => {
            Err("a token names either id (a database) or gid (a group), not both".into())
        }
        (Some(id), None) if !name(id) => {
            Err(format!("id must be a database name or UUID, not {id}"))
        }
        (None, Some(gid)) if !name(gid) => Err(format!("gid must be a group name, not {gid}")),
        (Some(id), None) => Ok(format!("database {id}")),
        (None, Some(gid)) => Ok(format!("group {gid}")),
        (None, None) => Ok(String::new()),
    };
    let mut check = Check::result("turso.target", None, target);
    if check.passed && check.message.is_empty() {
        check.message = "no id or gid: the token grants every database in every group".into();
        check.warning = true;
    }
    out.push(check);
    if let Some(perm) = claims.get("perm") {
        let mut problems = Vec::new();
        match perm {
            Value::Array(entries) => {
                for (i, entry) in entries.iter().enumerate() {
                    match entry.get("a").and_then(Value::as_array) {
                        Some(actions) => {
                            for a in actions {
                                if a.as_str().is_none_or(|s| Action::parse(s).is_none()) {
                                    problems.push(format!(
                                        "perm[{i}].a: unknown action {a} (known: {})",
                                        Action::valid_list()
                                    ));
                                }
                            }
                        }
                        None => problems.push(format!("perm[{i}].a must be a list of actions")),
                    }
                    match entry.get("t") {
                        None | Some(Value::Null) => {}
                        Some(Value::Array(t)) if t.iter().all(name) => {}
                        Some(other) => problems.push(format!(
                            "perm[{i}].t must be null (every table) or a list of table names, not {other}"
                        )),
                    }
                }
            }
            other => problems.push(format!("perm must be a list, not {other}")),
        }
        out.push(Check::result(
            "turso.perm",
            None,
            if problems.is_empty() {
                Ok("perm entries have known actions".into())
            } else {
                Err(problems.join("; "))
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(target: Target, alg: &str, claims: Value, audiences: Option<&[&str]>) -> Vec<Check> {
        let header = json!({"alg": alg}).as_object().unwrap().clone();
        let ctx = Context {
            audiences: audiences.map(|a| a.iter().map(|s| s.to_string()).collect()),
            max_lifetime: None,
            now: 1_000_000,
        };
        check(target, &header, claims.as_object().unwrap(), &ctx)
    }

    fn failed(checks: &[Check]) -> Vec<(&'static str, Option<&'static str>)> {
        checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| (c.rule, c.code))
            .collect()
    }

    #[test]
    fn powersync_rules_and_codes() {
        let good = json!({"sub": "u", "iat": 1_000_000, "exp": 1_003_600, "aud": "ps"});
        assert!(
            failed(&run(
                Target::PowerSync,
                "ES256",
                good.clone(),
                Some(&["ps"])
            ))
            .is_empty()
        );
        let table: Vec<(&str, Value, (&str, &str))> = vec![
            ("PS256", good.clone(), ("powersync.alg", "PSYNC_S2101")),
            (
                "ES256",
                json!({"iat": 1_000_000, "exp": 1_003_600, "aud": "ps"}),
                ("powersync.required_claims", "PSYNC_S2101"),
            ),
            (
                "ES256",
                json!({"sub": "u", "iat": 990_000, "exp": 999_900, "aud": "ps"}),
                ("powersync.exp", "PSYNC_S2103"),
            ),
            (
                "ES256",
                json!({"sub": "u", "iat": 1_000_000, "exp": 1_003_600}),
                ("powersync.aud", "PSYNC_S2105"),
            ),
            (
                "ES256",
                json!({"sub": "u", "iat": 1_000_000, "exp": 1_003_600, "aud": "x"}),
                ("powersync.aud", "PSYNC_S2105"),
            ),
            (
                "ES256",
                json!({"sub": "u", "iat": 1_000_000, "exp": 1_172_800, "aud": "ps"}),
                ("powersync.max_lifetime", "PSYNC_S2104"),
            ),
            (
                "ES256",
                json!({"sub": "u", "iat": 1_000_000, "exp": 1_003_600, "aud": "ps", "parameters": [1]}),
                ("powersync.parameters", "PSYNC_S2101"),
            ),
        ];
        for (alg, claims, (rule, code)) in table {
            assert_eq!(
                failed(&run(Target::PowerSync, alg, claims.clone(), Some(&["ps"]))),
                [(rule, Some(code))],
                "{claims}"
            );
        }
        // Exactly a day is allowed; the 60 s tolerance on exp.
        let day = json!({"sub": "u", "iat": 1_000_000, "exp": 1_086_400, "aud": "ps"});
        assert!(failed(&run(Target::PowerSync, "EdDSA", day, Some(&["ps"]))).is_empty());
        let skew = json!({"sub": "u", "iat": 990_000, "exp": 999_941, "aud": "ps"});
        assert!(failed(&run(Target::PowerSync, "EdDSA", skew, Some(&["ps"]))).is_empty());
    }

    #[test]
    fn sqld_and_turso_rules() {
        assert!(
            failed(&run(
                Target::Sqld,
                "EdDSA",
                json!({"p": {"rw": {"ns": ["a"]}}}),
                None
            ))
            .is_empty()
        );
        assert!(
            failed(&run(
                Target::Sqld,
                "EdDSA",
                json!({"id": "a", "a": "ro"}),
                None
            ))
            .is_empty()
        );
        for (alg, claims, rule) in [
            ("ES256", json!({}), "sqld.alg"),
            ("EdDSA", json!({"aud": "x"}), "sqld.no_aud"),
            ("EdDSA", json!({"exp": 10}), "sqld.exp"),
            ("EdDSA", json!({"exp": "soon"}), "sqld.exp"),
            ("EdDSA", json!({"a": "rwa"}), "sqld.claims"),
            ("EdDSA", json!({"p": {"rw": {"ns": "a"}}}), "sqld.claims"),
            ("EdDSA", json!({"p": []}), "sqld.claims"),
            ("EdDSA", json!({"id": ""}), "sqld.claims"),
        ] {
            assert_eq!(
                failed(&run(Target::Sqld, alg, claims.clone(), None)),
                [(rule, None)],
                "{claims}"
            );
        }
        let ok = json!({"a": "rw", "id": "db", "perm": [{"a": ["data_read"], "t": null}]});
        assert!(failed(&run(Target::Turso, "EdDSA", ok, None)).is_empty());
        let open = run(Target::Turso, "EdDSA", json!({"a": "rw"}), None);
        assert!(
            open.iter()
                .any(|c| c.rule == "turso.target" && c.passed && c.warning)
        );
        for (claims, rule) in [
            (json!({"a": "rwa", "id": "d"}), "turso.a"),
            (json!({"id": "d", "gid": "g"}), "turso.target"),
            (json!({"id": 3}), "turso.target"),
            (
                json!({"id": "d", "perm": [{"a": ["data_eat"], "t": null}]}),
                "turso.perm",
            ),
            (json!({"id": "d", "perm": {"a": []}}), "turso.perm"),
        ] {
            assert_eq!(
                failed(&run(Target::Turso, "EdDSA", claims.clone(), None)),
                [(rule, None)],
                "{claims}"
            );
        }
    }
}
