//! A differential test of the verifier against an independent one:
//! `jsonwebtoken` built on RustCrypto (its own JSON handling, base64 and
//! crypto; nothing shared with aws-lc-rs). Valid tokens are mutated — a
//! character of a segment, segments swapped, header members, claims (then
//! signed again, so the claim checks are reached) — and both must agree on
//! valid / invalid, for every algorithm both support. The differences that
//! are deliberate are listed in [`documented_difference`], each with why.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::alg::Alg;
use crate::jwk::b64url_encode;
use crate::keys::convert::SigningKey;
use crate::keys::{generate::generate, public_jwk};

/// Algorithms both implementations verify (RustCrypto in jsonwebtoken has
/// no P-521, so ES512 is left to the RFC vectors and PyJWT).
const ALGS: [Alg; 8] = [
    Alg::EdDSA,
    Alg::ES256,
    Alg::ES384,
    Alg::RS256,
    Alg::PS384,
    Alg::RS512,
    Alg::HS256,
    Alg::HS512,
];

/// A fixed instant, far from any claim the mutations write.
const NOW: i64 = 1_800_000_000;

struct Fixture {
    alg: Alg,
    signer: SigningKey,
    ours: Source,
    theirs: jsonwebtoken::DecodingKey,
    header: Value,
    claims: Value,
}

fn fixtures() -> &'static Vec<Fixture> {
    static ALL: std::sync::OnceLock<Vec<Fixture>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        ALGS.iter()
            .map(|&alg| {
                let private = generate(alg, Some(2048), Some("k1")).unwrap();
                let signer = SigningKey::from_jwk(&private).unwrap();
                let (ours, theirs) = if private.kty == "oct" {
                    let secret = crate::jwk::b64url_decode(
                        private.extra.get("k").and_then(Value::as_str).unwrap(),
                    )
                    .unwrap();
                    let mut source = Source::new("secret", None, vec![private.clone()]);
                    source.hmac = true;
                    (source, jsonwebtoken::DecodingKey::from_secret(&secret))
                } else {
                    let public = public_jwk(&private).unwrap();
                    let jwk: jsonwebtoken::jwk::Jwk =
                        serde_json::from_value(serde_json::to_value(&public).unwrap()).unwrap();
                    (
                        Source::new("file", None, vec![public]),
                        jsonwebtoken::DecodingKey::from_jwk(&jwk).unwrap(),
                    )
                };
                Fixture {
                    alg,
                    signer,
                    ours,
                    theirs,
                    header: json!({"alg": alg.as_str(), "kid": "k1", "typ": "JWT"}),
                    claims: json!({"sub": "alice", "iat": NOW - 10, "exp": NOW + 3600}),
                }
            })
            .collect()
    })
}

/// A compact JWS of these exact header and payload texts, signed.
fn signed(f: &Fixture, header: &str, payload: &str) -> String {
    let input = format!(
        "{}.{}",
        b64url_encode(header.as_bytes()),
        b64url_encode(payload.as_bytes())
    );
    let sig = f.signer.sign(input.as_bytes()).unwrap();
    format!("{input}.{}", b64url_encode(sig))
}

fn ours(f: &Fixture, token: &str) -> Verdict {
    let policy = Policy {
        leeway: 60,
        at: Some(NOW),
        algs: vec![f.alg],
        ..Default::default()
    };
    let mut v = Verifier::new(vec![f.ours.clone()], policy);
    v.verify(token, NOW, &mut |asked| {
        asked.iter().map(|_| None).collect()
    })
}

fn theirs(f: &Fixture, token: &str) -> Result<(), String> {
    let alg: jsonwebtoken::Algorithm = f.alg.as_str().parse().unwrap();
    let mut validation = jsonwebtoken::Validation::new(alg);
    validation.leeway = 60;
    validation.validate_nbf = true;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    // jsonwebtoken reads the clock itself: judge claims relative to the
    // real now by shifting them (see `shift`), so both see the same offsets.
    jsonwebtoken::decode::<Value>(token, &f.theirs, &validation)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The two verdicts may differ only for these, each on purpose.
fn documented_difference(header: &str, payload: &str) -> Option<&'static str> {
    let dup = |text: &str| {
        matches!(
            crate::json::parse(text.as_bytes()),
            Err(crate::json::StrictError::Duplicate(_))
        )
    };
    if dup(header) || dup(payload) {
        // We refuse duplicate member names (RFC 7515 4, RFC 7519 4); serde
        // in jsonwebtoken keeps the last one.
        return Some("duplicate member");
    }
    let h: Value = serde_json::from_str(header).ok()?;
    if h.get("kid")
        .and_then(Value::as_str)
        .is_some_and(|k| k != "k1")
    {
        // The token names another key: we choose keys by kid, and find none;
        // a library handed one key checks with it whatever the kid says.
        return Some("kid of another key");
    }
    if h.get("kid").is_some_and(|k| !k.is_string()) || h.get("typ").is_some_and(|t| !t.is_string())
    {
        // Registered header members of the wrong type are malformed here.
        return Some("mistyped header member");
    }
    if h.get("crit").is_some() {
        // We refuse critical extensions we do not know (RFC 7515 4.1.11).
        return Some("crit");
    }
    let c: Value = serde_json::from_str(payload).ok()?;
    for claim in ["exp", "nbf", "iat"] {
        if c.get(claim).is_some_and(|v| !v.is_u64()) {
            // jsonwebtoken reads these as unsigned integers only; we accept
            // any JSON number (RFC 7519 NumericDate may be negative or
            // fractional) and judge it.
            return Some("non-integer date");
        }
    }
    None
}

/// Move every date claim by the distance between the real clock and [`NOW`],
/// so jsonwebtoken (which reads the real clock) judges the same offsets.
fn shift(claims: &mut Value) {
    let real = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    for claim in ["exp", "nbf", "iat"] {
        if let Some(t) = claims.get(claim).and_then(Value::as_i64) {
            claims[claim] = json!(t - NOW + real);
        }
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the character at this position (modulo the length) of a segment.
    Char {
        segment: usize,
        at: usize,
        with: char,
    },
    /// Swap two segments.
    Swap(usize, usize),
    /// Set a header member (then sign again).
    Header(&'static str, Value),
    /// Write a header member twice (then sign again).
    HeaderTwice(&'static str, Value),
    /// Set a claim, relative to NOW for dates (then sign again).
    Claim(&'static str, Value),
    /// Write a claim twice (then sign again).
    ClaimTwice(&'static str, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let b64 = prop::sample::select(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.="
            .chars()
            .collect::<Vec<_>>(),
    );
    let date = prop_oneof![
        Just(json!(-100_000)),
        Just(json!(-120)),
        Just(json!(-30)),
        Just(json!(30)),
        Just(json!(120)),
        Just(json!(100_000)),
        Just(json!(1.5)),
        Just(json!("soon")),
        Just(json!(null)),
    ];
    let alg = prop::sample::select(vec![
        json!("none"),
        json!("HS256"),
        json!("RS256"),
        json!("ES256"),
        json!("EdDSA"),
        json!("PS384"),
        json!("rs256"),
        json!(7),
    ]);
    prop_oneof![
        (0usize..3, any::<usize>(), b64).prop_map(|(segment, at, with)| Mutation::Char {
            segment,
            at,
            with
        }),
        (0usize..3, 0usize..3).prop_map(|(a, b)| Mutation::Swap(a, b)),
        alg.clone().prop_map(|v| Mutation::Header("alg", v)),
        alg.prop_map(|v| Mutation::HeaderTwice("alg", v)),
        prop::sample::select(vec![json!("k2"), json!(7), json!(null)])
            .prop_map(|v| Mutation::Header("kid", v)),
        Just(Mutation::HeaderTwice("kid", json!("k2"))),
        Just(Mutation::Header("crit", json!(["exp"]))),
        date.clone().prop_map(|v| Mutation::Claim("exp", v)),
        date.clone().prop_map(|v| Mutation::Claim("nbf", v)),
        date.prop_map(|v| Mutation::ClaimTwice("exp", v)),
        Just(Mutation::Claim("sub", json!(["not", "a", "string"]))),
    ]
}

/// `{... , "member": value}` written after the existing members, so the
/// member appears twice.
fn twice(object: &Value, member: &str, value: &Value) -> String {
    let text = object.to_string();
    format!("{},\"{member}\":{value}}}", text.trim_end_matches('}'))
}

fn date(v: &Value) -> Value {
    match v.as_i64() {
        Some(offset) => json!(NOW + offset),
        None => v.clone(),
    }
}

/// The token a mutation makes, with its header and payload texts.
fn apply(f: &Fixture, m: &Mutation) -> (String, String, String) {
    let header = f.header.to_string();
    let payload = f.claims.to_string();
    let base = signed(f, &header, &payload);
    match m {
        Mutation::Char { segment, at, with } => {
            let mut parts: Vec<String> = base.split('.').map(str::to_string).collect();
            let part = &mut parts[*segment];
            if !part.is_empty() {
                let i = at % part.len();
                part.replace_range(i..i + 1, &with.to_string());
            }
            (parts.join("."), header, payload)
        }
        Mutation::Swap(a, b) => {
            let mut parts: Vec<&str> = base.split('.').collect();
            parts.swap(*a, *b);
            (parts.join("."), header, payload)
        }
        Mutation::Header(member, value) => {
            let mut h = f.header.clone();
            h[*member] = value.clone();
            let header = h.to_string();
            (signed(f, &header, &payload), header, payload)
        }
        Mutation::HeaderTwice(member, value) => {
            let header = twice(&f.header, member, value);
            (signed(f, &header, &payload), header, payload)
        }
        Mutation::Claim(claim, value) => {
            let mut c = f.claims.clone();
            c[*claim] = if matches!(*claim, "exp" | "nbf") {
                date(value)
            } else {
                value.clone()
            };
            let payload = c.to_string();
            (signed(f, &header, &payload), header, payload)
        }
        Mutation::ClaimTwice(claim, value) => {
            let payload = twice(&f.claims, claim, &date(value));
            (signed(f, &header, &payload), header, payload)
        }
    }
}

/// The same token with its dates moved to the real clock, for jsonwebtoken.
fn for_theirs(f: &Fixture, token: &str, header: &str, payload: &str) -> String {
    let Ok(mut claims) = serde_json::from_str::<Value>(payload) else {
        return token.to_string();
    };
    if claims.is_object() && token.split('.').nth(1) == Some(&b64url_encode(payload.as_bytes())[..])
    {
        shift(&mut claims);
        signed(f, header, &claims.to_string())
    } else {
        token.to_string()
    }
}

#[test]
fn unmutated_tokens_agree_for_every_algorithm() {
    for f in fixtures() {
        let token = signed(f, &f.header.to_string(), &f.claims.to_string());
        let verdict = ours(f, &token);
        assert!(verdict.valid, "{}: {}", f.alg, verdict.message);
        let shifted = for_theirs(f, &token, &f.header.to_string(), &f.claims.to_string());
        assert_eq!(theirs(f, &shifted), Ok(()), "{}", f.alg);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutated_tokens_get_the_same_verdict(which in 0usize..ALGS.len(), m in mutation()) {
        let f = &fixtures()[which];
        let (token, header, payload) = apply(f, &m);
        let verdict = ours(f, &token);
        // Re-signed mutations keep their meaning under the clock shift;
        // character edits and swaps are judged on the same bytes.
        let resigned = !matches!(m, Mutation::Char { .. } | Mutation::Swap(..));
        let their_token = if resigned { for_theirs(f, &token, &header, &payload) } else { token.clone() };
        let other = theirs(f, &their_token);
        if verdict.valid != other.is_ok() {
            let why = documented_difference(&header, &payload);
            prop_assert!(
                why.is_some(),
                "{} {:?}: jwksctl says {} ({}), jsonwebtoken says {:?}",
                f.alg, m, verdict.valid, verdict.message, other
            );
            // Every documented difference is jwksctl being stricter.
            prop_assert!(!verdict.valid, "{:?}: {:?}", m, why);
        }
    }
}
