//! Table-driven cases for the target rules, each naming the target code it
//! reflects (powersync-ja/powersync-service 332d649, tursodatabase/libsql
//! f8fb14f with jsonwebtoken 9.3.0). The end-to-end cases, signatures
//! included, are in tests/it/targets.rs.

use serde_json::{Map, Value, json};

use super::powersync::{self, Limits, js_number};
use super::sqld::{self, Access, Perm, read_token};
use super::target::Grant;
use crate::alg::Alg;

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

const NOW: i64 = 1_000_000;

/// (claims, Some(rule that fails) | None, the code it reflects)
#[test]
fn sqld_claims_as_jwt_rs_reads_them() {
    let cases: Vec<(Value, Option<&str>, &str)> = vec![
        (
            json!({}),
            None,
            "jwt.rs Token: every field #[serde(default)]",
        ),
        (json!({"p": null}), None, "jwt.rs: p None -> Legacy"),
        (
            json!({"a": null, "id": null}),
            None,
            "Option<Permission>/Option<NamespaceName> accept null",
        ),
        (
            json!({"a": "rwa"}),
            Some("sqld.claims"),
            "permission.rs: ro, rw, roa only",
        ),
        (json!({"a": "rw", "id": "db"}), None, "permission.rs: rw"),
        (json!({"a": "ro"}), None, "permission.rs: ro"),
        (json!({"a": "roa"}), None, "permission.rs: roa"),
        (
            json!({"p": [null, null, null, null, null, null]}),
            Some("sqld.claims"),
            "serde: more elements than Authorized's five fields",
        ),
        (
            json!({"p": [null, null, null, null, {"ns": ["d"]}]}),
            None,
            "five elements: ro, rw, roa, rwa, ddl",
        ),
        (
            json!({"p": {"rw": [["a"], ["t"], 1]}}),
            Some("sqld.claims"),
            "Scopes has two fields",
        ),
        (
            json!({"id": ""}),
            Some("sqld.claims"),
            "namespace/name.rs validate: empty refused",
        ),
        (
            json!({"id": 7}),
            Some("sqld.claims"),
            "NamespaceName visits strings only",
        ),
        (
            json!({"p": []}),
            None,
            "serde reads Authorized from an empty array: all None",
        ),
        (
            json!({"p": 3}),
            Some("sqld.claims"),
            "Authorized from a number: invalid type",
        ),
        (
            json!({"p": {"rw": {"ns": "db"}}}),
            Some("sqld.claims"),
            "Scopes.ns is a HashSet",
        ),
        (
            json!({"p": {"rw": {"ns": [""]}}}),
            Some("sqld.claims"),
            "NamespaceName in ns: non-empty",
        ),
        (
            json!({"p": {"zz": 1}}),
            None,
            "unknown fields of Authorized ignored",
        ),
        (
            json!({"p": {"rw": null}}),
            None,
            "Option<Scopes> accepts null",
        ),
        (
            json!({"p": {"rw": {}}, "a": "bad"}),
            Some("sqld.claims"),
            "a is parsed even with p",
        ),
        (
            json!({"exp": NOW - 61}),
            Some("sqld.exp"),
            "validation.rs: exp < now - leeway(60)",
        ),
        (
            json!({"exp": NOW - 60}),
            None,
            "validation.rs: exactly now - 60 is not expired",
        ),
        (
            json!({"exp": 1.5e6}),
            Some("sqld.claims"),
            "jwt_time: Option<i64> refuses floats",
        ),
        (
            json!({"exp": "soon"}),
            Some("sqld.claims"),
            "jwt_time: Option<i64> refuses strings",
        ),
        (
            json!({"exp": -5}),
            None,
            "numeric_type skips negatives; i64 -5 is a date",
        ),
        (json!({"exp": null}), None, "Option<i64> accepts null"),
        (
            json!({"exp": 9_000_000_000_000_i64}),
            Some("sqld.claims"),
            "chrono from_timestamp out of range",
        ),
        (
            json!({"aud": "x"}),
            Some("sqld.aud"),
            "validation.rs: aud parsed, no audience configured",
        ),
        (
            json!({"aud": []}),
            Some("sqld.aud"),
            "an empty array of strings is Audience::Multiple",
        ),
        (
            json!({"aud": ["a", 1]}),
            None,
            "untagged Audience fails to parse: TryParse::FailedToParse",
        ),
        (
            json!({"aud": null}),
            None,
            "Option<Audience> None: NotPresent",
        ),
        (json!({"aud": 5}), None, "a number is no Audience"),
        (
            json!({"nbf": NOW + 9999, "iss": 5}),
            None,
            "validate_nbf false; iss never configured",
        ),
        (
            json!({"sub": 5}),
            None,
            "sub: a number is consumed and skipped",
        ),
        (
            json!({"sub": ["x"]}),
            Some("sqld.claims"),
            "sub: serde_json cannot skip an array there",
        ),
    ];
    for (claims, fails, why) in cases {
        let (checks, _) = sqld::claim_checks(&obj(claims.clone()), &[], NOW, None);
        let failed = checks.iter().find(|c| !c.passed).map(|c| c.rule);
        assert_eq!(failed, fails, "{claims} ({why})");
    }
    // The reason is said: a float is not an integer, a huge integer does not fit.
    let why = |claims: Value| {
        sqld::claim_checks(&obj(claims), &[], NOW, None).0[0]
            .message
            .clone()
    };
    assert!(why(json!({"exp": 1.5e6})).contains("must be an integer"));
    assert!(why(json!({"exp": u64::MAX})).contains("does not fit an i64"));
    // Legacy rw reads and writes its namespace.
    let rw = read_token(&obj(json!({"a": "rw", "id": "db"})), &[])
        .unwrap()
        .access;
    assert_eq!(rw.on("db", None), g("db", true, true, false, false));
    // serde refuses a struct field named twice; other duplicates pass.
    let dup =
        |d: &str| sqld::claim_checks(&obj(json!({})), &[d.to_string()], NOW, None).0[0].passed;
    assert!(!dup("id") && !dup("p.rw") && !dup("p.rw.ns") && dup("foo") && dup("p.rw.x"));
}

fn g(ns: &str, read: bool, write: bool, attach: bool, ddl: bool) -> Grant {
    Grant {
        namespace: ns.into(),
        read,
        write,
        attach,
        ddl,
    }
}

#[test]
fn sqld_grants_as_authorized_rs_computes_them() {
    let access = |claims: Value| read_token(&obj(claims), &[]).unwrap().access;
    // authorized.rs: rw/rwa/ddl write, all read, roa/rwa attach, ddl override.
    let p = access(json!({"p": {
        "ro": {"ns": ["r"]}, "rw": {"ns": ["w"]}, "roa": {"ns": ["ra"]},
        "rwa": {"ns": ["wa"]}, "ddl": {"ns": ["d"]}}}));
    assert_eq!(
        p.grants(None),
        [
            g("d", true, true, false, true),
            g("r", true, false, false, false),
            g("ra", true, false, true, false),
            g("w", true, true, false, false),
            g("wa", true, true, true, false),
        ]
    );
    assert_eq!(p.on("other", None), g("other", false, false, false, false));
    // Legacy (jwt.rs): no id = every namespace, no a = read-write.
    let legacy = access(json!({}));
    assert_eq!(
        legacy,
        Access::Legacy {
            namespace: None,
            perm: Perm::Write
        }
    );
    assert_eq!(legacy.grants(None), [g("*", true, true, false, false)]);
    assert_eq!(
        access(json!({"p": null, "a": null})).grants(None),
        [g("*", true, true, false, false)]
    );
    assert_eq!(
        access(json!({"id": "db", "a": "ro"})).grants(None),
        [g("db", true, false, false, false)]
    );
    // permission.rs has_right(AttachRead, AttachRead): a legacy roa attaches.
    assert_eq!(
        access(json!({"id": "db", "a": "roa"})).on("db", None),
        g("db", true, false, true, false)
    );
    assert_eq!(
        access(json!({"id": "db"})).on("x", None),
        g("x", false, false, false, false)
    );
    // Scopes::contains: tags match LIBSQL_GID, on every namespace.
    let tagged = access(json!({"p": {"ro": {"tags": ["g1"]}}}));
    assert!(tagged.grants(None).is_empty());
    assert_eq!(
        tagged.grants(Some("g1")),
        [g("*", true, false, false, false)]
    );
    assert_eq!(
        tagged.on("any", Some("g2")),
        g("any", false, false, false, false)
    );
    // p: [] grants nothing; warnings say so, and "every namespace" is warned.
    let nothing = access(json!({"p": []}));
    let rules = |a: &Access| -> Vec<&str> {
        sqld::grant_warnings(a, &a.grants(None), None)
            .into_iter()
            .map(|w| w.rule)
            .collect()
    };
    assert_eq!(rules(&nothing), ["sqld.grants_nothing"]);
    assert_eq!(rules(&legacy), ["sqld.every_namespace"]);
    assert_eq!(rules(&tagged), ["sqld.grants_nothing", "sqld.tags"]);
}

#[test]
fn powersync_claims_as_keystore_and_jose_check_them() {
    let limits = Limits {
        audiences: Some(vec!["ps".into()]),
        shown: Vec::new(),
        max_lifetime: powersync::MAX_LIFETIME,
    };
    let base = json!({"sub": "u", "iat": NOW, "exp": NOW + 3600, "aud": "ps"});
    let with = |k: &str, v: Value| {
        let mut c = base.clone();
        c[k] = v;
        c
    };
    let without = |k: &str| {
        let mut c = base.clone();
        c.as_object_mut().unwrap().remove(k);
        c
    };
    type Case = (Value, Option<(&'static str, &'static str)>, &'static str);
    let cases: Vec<Case> = vec![
        (base.clone(), None, "KeyStore.verifyJwt"),
        (
            with("sub", json!(null)),
            None,
            "jose requiredClaims: `claim in payload`, null counts",
        ),
        (
            with("sub", json!(5)),
            None,
            "sub only present; JwtPayload stringifies it",
        ),
        (
            without("sub"),
            Some(("powersync.required_claims", "PSYNC_S2101")),
            "requiredClaims",
        ),
        (
            with("iat", json!("x")),
            Some(("powersync.claim_types", "PSYNC_S2101")),
            "jose: iat must be a number",
        ),
        (
            with("iat", json!(null)),
            Some(("powersync.claim_types", "PSYNC_S2101")),
            "typeof null is not number",
        ),
        (
            with("exp", json!(NOW - 60)),
            Some(("powersync.exp", "PSYNC_S2103")),
            "exp <= now - tolerance",
        ),
        (
            with("exp", json!(NOW - 59)),
            None,
            "within the 60 s tolerance",
        ),
        (
            with("exp", json!(NOW as f64 - 59.5)),
            None,
            "exact numbers: 999940.5 > 999940",
        ),
        (
            with("nbf", json!(NOW + 61)),
            Some(("powersync.nbf", "PSYNC_S2101")),
            "nbf > now + tolerance",
        ),
        (with("nbf", json!(NOW + 60)), None, "nbf == now + 60 passes"),
        (
            without("aud"),
            Some(("powersync.aud", "PSYNC_S2105")),
            "aud == null: missing",
        ),
        (
            with("aud", json!(null)),
            Some(("powersync.aud", "PSYNC_S2105")),
            "aud null is missing too",
        ),
        (with("aud", json!(["x", "ps"])), None, "aud.some(includes)"),
        (with("aud", json!([1, "ps"])), None, "any entry may match"),
        (
            with("aud", json!(["x"])),
            Some(("powersync.aud", "PSYNC_S2105")),
            "no entry matches",
        ),
        (
            with("iss", json!(5)),
            None,
            "iss is never checked (no issuer option)",
        ),
        (with("exp", json!(NOW + 86_400)), None, "exactly one day"),
        (
            with("exp", json!(NOW as f64 + 86_400.25)),
            Some(("powersync.max_lifetime", "PSYNC_S2104")),
            "exp - iat compared exactly",
        ),
        (
            with("parameters", json!([1])),
            Some(("powersync.parameters", "PSYNC_S2101")),
            "arrays refused",
        ),
        (
            with("parameters", json!("x")),
            Some(("powersync.parameters", "PSYNC_S2101")),
            "typeof != object",
        ),
        (with("parameters", json!(null)), None, "parameters != null"),
    ];
    for (claims, fails, why) in cases {
        let checks = powersync::claim_checks(&obj(claims.clone()), NOW, &limits);
        let failed = checks
            .iter()
            .find(|c| !c.passed)
            .map(|c| (c.rule, c.code.unwrap_or("")));
        assert_eq!(failed, fails, "{claims} ({why})");
    }
    // No audience configured: jwt_audiences is [] and every token is refused.
    let none = Limits {
        audiences: Some(Vec::new()),
        shown: Vec::new(),
        max_lifetime: powersync::MAX_LIFETIME,
    };
    let checks = powersync::claim_checks(&obj(base.clone()), NOW, &none);
    let aud = checks.iter().find(|c| c.rule == "powersync.aud").unwrap();
    assert!(
        !aud.passed && aud.message.contains("accepts no token"),
        "{aud:?}"
    );
    // The message gives JavaScript's number.
    let long = with("exp", json!(NOW as f64 + 86_400.25));
    let checks = powersync::claim_checks(&obj(long), NOW, &limits);
    assert!(
        checks
            .iter()
            .any(|c| c.message == "Token must expire in a maximum of 86400 seconds, got 86400.25s"),
        "{checks:?}"
    );
    assert_eq!(js_number(3600.0), "3600");
    assert_eq!(js_number(0.5), "0.5");
}

#[test]
fn powersync_header_rules_follow_jose() {
    let run = |h: Value| -> Option<&'static str> {
        powersync::header_checks(&obj(h))
            .into_iter()
            .find(|c| !c.passed)
            .map(|c| c.rule)
    };
    assert_eq!(run(json!({"alg": "ES256"})), None);
    assert_eq!(
        run(json!({"alg": "PS256"})),
        Some("powersync.alg"),
        "SUPPORTED_ALGORITHMS has no PS*"
    );
    assert_eq!(run(json!({"alg": "none"})), Some("powersync.alg"));
    // validate_crit.ts: only b64 is recognized; b64: false is refused by jwtVerify.
    assert_eq!(
        run(json!({"alg": "ES256", "crit": ["b64"], "b64": true})),
        None
    );
    assert_eq!(
        run(json!({"alg": "ES256", "crit": ["b64"], "b64": false})),
        Some("powersync.crit")
    );
    assert_eq!(
        run(json!({"alg": "ES256", "crit": ["exp"], "exp": 1})),
        Some("powersync.crit")
    );
    assert_eq!(
        run(json!({"alg": "ES256", "crit": []})),
        Some("powersync.crit")
    );
    // KeySpec.ts matchesAlgorithm: the key's alg, else its kty's family.
    let key = |v: Value| crate::jwk::Jwk::from_value(&v).unwrap();
    assert!(powersync::matches_algorithm(
        &key(json!({"kty": "EC", "crv": "P-384", "x": "", "y": ""})),
        Alg::ES256
    ));
    assert!(!powersync::matches_algorithm(
        &key(json!({"kty": "RSA", "n": "", "e": ""})),
        Alg::PS256
    ));
    assert!(!powersync::matches_algorithm(
        &key(json!({"kty": "OKP", "alg": "EdDSA", "crv": "Ed25519", "x": ""})),
        Alg::ES256
    ));
    // RemoteJWKSCollector.ts: use / key_ops filter fetched keys only.
    assert!(!powersync::remote_key_counts(&key(
        json!({"kty": "EC", "use": "enc", "crv": "P-256", "x": "", "y": ""})
    )));
    assert!(!powersync::remote_key_counts(&key(
        json!({"kty": "oct", "k": "AA"})
    )));
    assert!(powersync::remote_key_counts(&key(
        json!({"kty": "OKP", "crv": "Ed25519", "x": ""})
    )));
}

/// jsonwebtoken 9.3.0 header.rs `Header` (typed members, serde's duplicate
/// refusal) and serialization.rs `b64_decode` (URL_SAFE_NO_PAD): JwtInvalid.
#[test]
fn sqld_header_as_jsonwebtoken_parses_it() {
    use crate::token::decode::Relaxed;
    let ok = ("eyJhbGciOiJFZERTQSJ9", "e30");
    let run = |h: Value, relaxed: &[Relaxed], parts: (&str, &str)| {
        sqld::header_problem(&obj(h), relaxed, parts)
    };
    assert_eq!(run(json!({"alg": "EdDSA"}), &[], ok), None);
    assert_eq!(
        run(json!({"alg": "EdDSA", "typ": null, "crit": 5}), &[], ok),
        None,
        "crit ignored, null is None"
    );
    for (h, why) in [
        (json!({"alg": "EdDSA", "typ": 5}), "typ must be a string"),
        (json!({"alg": "EdDSA", "kid": 7}), "kid must be a string"),
        (
            json!({"alg": "EdDSA", "x5c": [1]}),
            "x5c must be a list of strings",
        ),
        (json!({"alg": "EdDSA", "jwk": "k"}), "jwk must be a JWK"),
        (
            json!({"alg": "ES512"}),
            "not an algorithm jsonwebtoken knows",
        ),
    ] {
        let got = run(h.clone(), &[], ok).unwrap_or_default();
        assert!(got.contains(why), "{h}: {got}");
    }
    let dup = |member: &str| Relaxed::Duplicate {
        part: "header",
        member: member.into(),
    };
    assert!(run(json!({"alg": "EdDSA"}), &[dup("alg")], ok).is_some());
    assert_eq!(run(json!({"alg": "EdDSA"}), &[dup("foo")], ok), None);
    let payload_dup = Relaxed::Duplicate {
        part: "payload",
        member: "alg".into(),
    };
    assert_eq!(
        run(json!({"alg": "EdDSA"}), &[payload_dup], ok),
        None,
        "judged with the claims"
    );
    // A padded signature: jsonwebtoken's strict base64url refuses it.
    let padded = Relaxed::SignatureSpelling(crate::token::decode::DecodeError::SignaturePadding);
    assert!(run(json!({"alg": "EdDSA"}), &[padded], ok).is_some());
    assert!(
        run(
            json!({"alg": "EdDSA"}),
            &[],
            ("eyJhbGciOiJFZERTQSJ9", "e30=")
        )
        .is_some(),
        "padding"
    );
    assert!(
        run(
            json!({"alg": "EdDSA"}),
            &[],
            ("eyJhbGciOiJFZERTQSJ9", "e31")
        )
        .is_some(),
        "trailing bits"
    );
}

/// The words built from the rule constants (the tolerance, the lifetime,
/// the audience) read as they always have, and each key's origin gets its
/// own limits (StaticSupabaseKeyCollector.ts for Supabase keys).
#[test]
fn powersync_words_and_limits_from_the_rules() {
    let messages = |claims: Value, limits: &Limits| -> Vec<(&'static str, bool, String)> {
        powersync::claim_checks(&obj(claims), NOW, limits)
            .into_iter()
            .map(|c| (c.rule, c.passed, c.message))
            .collect()
    };
    let service = Limits::service(Some(vec!["ps".into()]), Vec::new());
    assert_eq!(service.max_lifetime, 86_400.0);
    let fine = json!({"sub": "u", "iat": NOW, "nbf": NOW, "exp": NOW + 3600, "aud": "ps"});
    let found = messages(fine, &service);
    assert!(found.contains(&(
        "powersync.nbf",
        true,
        "valid from nbf on (with 60 s tolerance)".into()
    )));
    assert!(found.contains(&(
        "powersync.exp",
        true,
        "not expired (with PowerSync's 60 s clock tolerance)".into()
    )));
    let expired = json!({"sub": "u", "iat": NOW - 7200, "exp": NOW - 60, "aud": "ps"});
    assert!(messages(expired, &service).contains(&(
        "powersync.exp",
        false,
        "JWT has expired (PowerSync allows 60 s of clock skew)".into()
    )));
    let nobody = Limits::service(Some(Vec::new()), Vec::new());
    let checks = powersync::claim_checks(
        &obj(json!({"sub": "u", "iat": NOW, "exp": NOW + 60, "aud": "ps"})),
        NOW,
        &nobody,
    );
    let aud = checks.iter().find(|c| c.rule == "powersync.aud").unwrap();
    assert_eq!(
        aud.describe(),
        "powersync.aud: Unexpected \"aud\" claim value: \"ps\"; the configuration has no client_auth.audience, so PowerSync accepts no token at all (PSYNC_S2105)"
    );
    // A Supabase key: audience `authenticated`, a week and 20 minutes.
    let supabase = Limits::supabase();
    let week =
        json!({"sub": "u", "iat": NOW, "exp": NOW + 7 * 86_400 + 1_200, "aud": "authenticated"});
    assert!(
        powersync::claim_checks(&obj(week.clone()), NOW, &supabase)
            .iter()
            .all(|c| c.passed)
    );
    assert!(
        !powersync::claim_checks(&obj(week), NOW, &service)
            .iter()
            .all(|c| c.passed)
    );
    let longer =
        json!({"sub": "u", "iat": NOW, "exp": NOW + 7 * 86_400 + 1_201, "aud": "authenticated"});
    assert!(messages(longer, &supabase).contains(&(
        "powersync.max_lifetime",
        false,
        "Token must expire in a maximum of 606000 seconds, got 606001s".into()
    )));
    assert!(powersync::too_long(86_400.25, 86_400.0));
    assert!(!powersync::too_long(86_400.0, 86_400.0));
}
