//! Unit tests of the verifier.

use super::*;
use crate::alg::Alg;
use crate::keys::convert::SigningKey;
use crate::keys::{generate::generate, public_jwk};
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

fn no_refetch() -> impl FnMut(&[&Source]) -> Vec<Option<Vec<Jwk>>> {
    |asked| asked.iter().map(|_| None).collect()
}

#[test]
fn valid_and_each_claim_failure() {
    let jwk = generate(Alg::EdDSA, None, Some("k1")).unwrap();
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
                algs: vec![Alg::RS256],
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
    let old = generate(Alg::EdDSA, None, Some("old")).unwrap();
    let new = generate(Alg::EdDSA, None, Some("new")).unwrap();
    let t = token(&new, serde_json::json!({}), None, 0);
    let source = Source::new(
        "idp",
        Some("https://idp/jwks".into()),
        vec![public_jwk(&old).unwrap()],
    );
    let mut calls = 0;
    let rotated = public_jwk(&new).unwrap();
    let mut v = Verifier::new(vec![source.clone()], Policy::default());
    let verdict = v.verify(&t, 0, &mut |asked: &[&Source]| {
        calls += 1;
        assert_eq!(asked.len(), 1, "every URL source asked for at once");
        vec![Some(vec![rotated.clone()])]
    });
    assert!(verdict.valid, "{}", verdict.message);
    assert_eq!(calls, 1);
    // An unknown kid: one refetch, then no_matching_key, and never again.
    let stranger = generate(Alg::EdDSA, None, Some("stranger")).unwrap();
    let t = token(&stranger, serde_json::json!({}), None, 0);
    let mut calls = 0;
    let mut v = Verifier::new(vec![source], Policy::default());
    for _ in 0..3 {
        let verdict = v.verify(&t, 0, &mut |asked: &[&Source]| {
            calls += 1;
            vec![None; asked.len()]
        });
        assert_eq!(verdict.reason, Some(Reason::NoMatchingKey));
    }
    assert_eq!(calls, 1);
}

#[test]
fn algorithm_policy() {
    let rsa = generate(Alg::RS256, None, Some("r")).unwrap();
    let public = public_jwk(&rsa).unwrap();
    // HS256 signed with the RSA public key's PEM as the secret (alg confusion).
    let pem = crate::keys::files::pem_encode(
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
            algs: vec![Alg::HS256],
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
    // Critical header extensions are refused (jwksctl implements none).
    let header = crate::jwk::b64url_encode(r#"{"alg":"RS256","crit":["b64"],"b64":false}"#);
    let t = format!("{header}.e30.c2ln");
    assert_eq!(
        v.verify(&t, 0, &mut no_refetch()).reason,
        Some(Reason::Malformed)
    );
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

/// The issue's forgery: a JWK whose `x` is a small-order point and the
/// signature R = identity, s = 0. aws-lc-rs alone accepts it for the identity
/// key; the verifier refuses every small-order encoding, whatever the message.
#[test]
fn small_order_ed25519_keys_forge_nothing() {
    let identity =
        crate::jwk::b64url_decode("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
    let mut forged_sig = identity.clone();
    forged_sig.extend([0u8; 32]);
    let header = crate::jwk::b64url_encode(r#"{"alg":"EdDSA","kid":"f"}"#);
    let payload = crate::jwk::b64url_encode(r#"{"sub":"admin"}"#);
    let signing_input = format!("{header}.{payload}");
    // The attack is real: the library verifies it.
    let raw = aws_lc_rs::signature::ParsedPublicKey::new(
        &aws_lc_rs::signature::ED25519,
        identity.as_slice(),
    )
    .unwrap();
    assert!(
        raw.verify_sig(signing_input.as_bytes(), &forged_sig)
            .is_ok()
    );
    let t = format!("{signing_input}.{}", crate::jwk::b64url_encode(&forged_sig));
    let small_order = [
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIA",
        "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIA",
        "JuiVj8KyJ7BFw_SJ8u-Y8NXfrAXTxjM5sTgCiG1T_AU",
        "JuiVj8KyJ7BFw_SJ8u-Y8NXfrAXTxjM5sTgCiG1T_IU",
        "xxdqcD1N2E-6PAt2DRBnDyogU_osOczGTsf9d5KsA3o",
        "xxdqcD1N2E-6PAt2DRBnDyogU_osOczGTsf9d5KsA_o",
        "7P_______________________________________38",
        "7P________________________________________8",
        "7f_______________________________________38",
        "7f________________________________________8",
        "7v_______________________________________38",
        "7v________________________________________8",
    ];
    for x in small_order {
        let key = Jwk::from_value(&serde_json::json!(
            {"kty":"OKP","crv":"Ed25519","x":x,"kid":"f"}
        ))
        .unwrap();
        let mut v = Verifier::new(vec![Source::new("idp", None, vec![key])], Policy::default());
        let verdict = v.verify(&t, 0, &mut no_refetch());
        assert!(!verdict.valid, "{x}");
        assert_eq!(verdict.reason, Some(Reason::NoMatchingKey), "{x}");
        assert!(
            verdict.message.contains("small-order"),
            "{x}: {}",
            verdict.message
        );
    }
}

/// RFC 7519 4.1.4 and 4.1.5: a token is expired from exp + leeway on, and
/// valid from nbf - leeway on.
#[test]
fn exp_and_nbf_boundaries() {
    let jwk = generate(Alg::EdDSA, None, Some("k")).unwrap();
    let source = Source::new("local:k", None, vec![public_jwk(&jwk).unwrap()]);
    let (exp, nbf) = (2_000_000i64, 1_000_000i64);
    let t = token(&jwk, serde_json::json!({"exp": exp, "nbf": nbf}), None, 0);
    for (leeway, at, reason) in [
        (0, exp, Some(Reason::Expired)),
        (0, exp - 1, None),
        (60, exp + 60, Some(Reason::Expired)),
        (60, exp + 59, None),
        (0, nbf, None),
        (0, nbf - 1, Some(Reason::NotYetValid)),
        (60, nbf - 60, None),
        (60, nbf - 61, Some(Reason::NotYetValid)),
    ] {
        let mut v = Verifier::new(
            vec![source.clone()],
            Policy {
                leeway,
                ..Default::default()
            },
        );
        let verdict = v.verify(&t, at, &mut no_refetch());
        assert_eq!(
            verdict.reason, reason,
            "leeway {leeway}, at {at}: {}",
            verdict.message
        );
    }
}

/// One token, one string: `=` padding or non-zero trailing bits on the
/// signature never verify, though the bytes they decode to are the signature.
#[test]
fn re_spelled_signatures_do_not_verify() {
    let jwk = generate(Alg::EdDSA, None, Some("k")).unwrap();
    let t = token(&jwk, serde_json::json!({}), None, 0);
    let mut v = Verifier::new(
        vec![Source::new(
            "local:k",
            None,
            vec![public_jwk(&jwk).unwrap()],
        )],
        Policy::default(),
    );
    assert!(v.verify(&t, 0, &mut no_refetch()).valid);
    for padded in [format!("{t}=="), format!("{t}=")] {
        let verdict = v.verify(&padded, 0, &mut no_refetch());
        assert_eq!(verdict.reason, Some(Reason::BadSignature));
        assert!(
            verdict.message.contains("'=' padding"),
            "{}",
            verdict.message
        );
    }
    // An Ed25519 signature is 64 bytes: 86 characters, the last carrying 2
    // bits of data and 4 that must be zero.
    let last = t.chars().last().unwrap();
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let value = alphabet.find(last).unwrap();
    let respelled = alphabet.chars().nth(value | 1).unwrap();
    let t2 = format!("{}{respelled}", &t[..t.len() - 1]);
    let verdict = v.verify(&t2, 0, &mut no_refetch());
    assert_eq!(verdict.reason, Some(Reason::BadSignature));
    assert!(
        verdict.message.contains("not canonical"),
        "{}",
        verdict.message
    );
}

/// Issue 16: each claim verdict says what was wrong in words (the product's
/// promise), `aud` as an array (Auth0 and others) is matched member by
/// member, and a valid verdict says how expiry stands.
#[test]
fn claim_verdicts_explain_themselves() {
    let jwk = generate(Alg::EdDSA, None, Some("k1")).unwrap();
    let source = Source::new("local:k1", None, vec![public_jwk(&jwk).unwrap()]);
    let now: i64 = 1_000_000; // 1970-01-12T13:46:40Z
    let check = |claims: Value, policy: Policy, at: i64| {
        let t = token(&jwk, claims, None, 0);
        let mut v = Verifier::new(vec![source.clone()], policy);
        let verdict = v.verify(&t, at, &mut no_refetch());
        (verdict.reason, verdict.message)
    };
    let aud = |list: &[&str]| Policy {
        aud: list.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    let signed = "EdDSA signature by key k1 from 'local:k1'";
    let cases: Vec<(Value, Policy, i64, Option<Reason>, String)> = vec![
        (
            serde_json::json!({"aud": ["x", "api"]}),
            aud(&["api"]),
            now,
            None,
            format!("{signed}, no expiry"),
        ),
        (
            serde_json::json!({"aud": ["x", "api"]}),
            aud(&["y", "api"]),
            now,
            None,
            format!("{signed}, no expiry"),
        ),
        (
            serde_json::json!({"aud": ["x", "y"]}),
            aud(&["api"]),
            now,
            Some(Reason::AudienceMismatch),
            "audience one of \"x\", \"y\" is not \"api\"".into(),
        ),
        (
            serde_json::json!({"aud": "x"}),
            aud(&["a", "b"]),
            now,
            Some(Reason::AudienceMismatch),
            "audience \"x\" is not one of \"a\", \"b\"".into(),
        ),
        (
            serde_json::json!({}),
            aud(&["api"]),
            now,
            Some(Reason::AudienceMismatch),
            "the token has no aud; expected \"api\"".into(),
        ),
        (
            serde_json::json!({"iss": "i"}),
            Policy {
                iss: vec!["x".into()],
                ..Default::default()
            },
            now,
            Some(Reason::IssuerMismatch),
            "issuer \"i\" is not \"x\"".into(),
        ),
        (
            serde_json::json!({}),
            Policy {
                iss: vec!["x".into(), "y".into()],
                ..Default::default()
            },
            now,
            Some(Reason::IssuerMismatch),
            "the token has no iss; expected one of \"x\", \"y\"".into(),
        ),
        (
            serde_json::json!({"sub": "s"}),
            Policy {
                sub: Some("t".into()),
                ..Default::default()
            },
            now,
            Some(Reason::SubjectMismatch),
            "subject \"s\" is not \"t\"".into(),
        ),
        (
            serde_json::json!({}),
            Policy {
                sub: Some("t".into()),
                ..Default::default()
            },
            now,
            Some(Reason::SubjectMismatch),
            "the token has no sub; expected \"t\"".into(),
        ),
        (
            serde_json::json!({"a": 1}),
            Policy {
                require: vec!["a".into(), "email".into()],
                ..Default::default()
            },
            now,
            Some(Reason::MissingClaim),
            "the required claim \"email\" is missing".into(),
        ),
        (
            serde_json::json!({"exp": now}),
            Policy::default(),
            now + 90,
            Some(Reason::Expired),
            "expired 1m 30s ago (1970-01-12T13:46:40Z)".into(),
        ),
        (
            serde_json::json!({"exp": now}),
            Policy {
                at: Some(now + 5),
                ..Default::default()
            },
            now + 999_999,
            Some(Reason::Expired),
            "expired 5s before the instant judged, 1970-01-12T13:46:45Z (exp 1970-01-12T13:46:40Z)"
                .into(),
        ),
        (
            serde_json::json!({"nbf": now + 3600}),
            Policy::default(),
            now,
            Some(Reason::NotYetValid),
            "not valid until 1970-01-12T14:46:40Z (in 1h)".into(),
        ),
        (
            serde_json::json!({"nbf": now + 3600}),
            Policy {
                at: Some(now),
                ..Default::default()
            },
            0,
            Some(Reason::NotYetValid),
            "not valid until 1970-01-12T14:46:40Z (judged at 1970-01-12T13:46:40Z)".into(),
        ),
        (
            serde_json::json!({"exp": now + 600}),
            Policy::default(),
            now,
            None,
            format!("{signed}, expires in 10m"),
        ),
        (
            serde_json::json!({"exp": now - 5}),
            Policy {
                leeway: 60,
                ..Default::default()
            },
            now,
            None,
            format!("{signed}, expired 5s ago but within the leeway"),
        ),
        (
            serde_json::json!({"exp": now - 5}),
            Policy {
                ignore_exp: true,
                ..Default::default()
            },
            now,
            None,
            format!("{signed}, expiry not checked (as asked)"),
        ),
        (
            serde_json::json!({"exp": "soon"}),
            Policy::default(),
            now,
            Some(Reason::Malformed),
            "claim exp is not a number".into(),
        ),
        (
            serde_json::json!({"nbf": true}),
            Policy::default(),
            now,
            Some(Reason::Malformed),
            "claim nbf is not a number".into(),
        ),
    ];
    for (i, (claims, policy, at, reason, message)) in cases.into_iter().enumerate() {
        assert_eq!(check(claims, policy, at), (reason, message), "case {i}");
    }
}

/// The verdict the RFC 7519 rules give, computed apart from the verifier:
/// expired from exp + leeway on, not yet valid before nbf - leeway.
fn expected_time_verdict(exp: i64, nbf: i64, at: i64, leeway: u64) -> Option<Reason> {
    let (exp, nbf, at, leeway) = (exp as i128, nbf as i128, at as i128, leeway as i128);
    if at >= exp + leeway {
        Some(Reason::Expired)
    } else if at < nbf - leeway {
        Some(Reason::NotYetValid)
    } else {
        None
    }
}

proptest! {
    #[test]
    fn arbitrary_input_never_panics(s in ".{0,200}") {
        let mut v = Verifier::new(vec![Source::new("x", None, vec![])], Policy::default());
        let verdict = v.verify(&s, 0, &mut no_refetch());
        // No key: nothing verifies, and the verdict always names a reason.
        prop_assert!(!verdict.valid);
        prop_assert!(verdict.reason.is_some());
        prop_assert!(!verdict.message.is_empty());
    }

    #[test]
    fn arbitrary_time_claims_match_the_rfc(exp in any::<i64>(), nbf in any::<i64>(), at in any::<i64>(), leeway in prop_oneof![0u64..100_000, any::<u64>()], f in prop_oneof![any::<f64>(), Just(f64::NAN), Just(f64::INFINITY), -1e12f64..1e12]) {
        let jwk = generate(Alg::EdDSA, None, Some("a")).unwrap();
        let source = Source::new("x", None, vec![public_jwk(&jwk).unwrap()]);
        let policy = Policy { at: Some(at), leeway, ..Default::default() };
        let t = token(&jwk, serde_json::json!({"exp": exp, "nbf": nbf}), None, 0);
        let mut v = Verifier::new(vec![source.clone()], policy.clone());
        let verdict = v.verify(&t, 0, &mut no_refetch());
        prop_assert_eq!(verdict.reason, expected_time_verdict(exp, nbf, at, leeway), "{}", verdict.message);
        prop_assert!(!verdict.message.is_empty());
        // A float exp counts by its whole seconds; NaN and infinities cannot
        // be written in JSON (they become null): not a number, malformed.
        let t = token(&jwk, serde_json::json!({"exp": f, "iat": f}), None, 0);
        let verdict = v.verify(&t, 0, &mut no_refetch());
        let want = if f.is_finite() {
            expected_time_verdict(f as i64, i64::MIN, at, leeway)
        } else {
            Some(Reason::Malformed)
        };
        prop_assert_eq!(verdict.reason, want, "{}", verdict.message);
    }

    /// Around the boundary with any leeway: expired exactly from exp + leeway,
    /// valid exactly from nbf - leeway.
    #[test]
    fn validity_window_edges(t in -1_000_000_000_000i64..1_000_000_000_000, leeway in 0u64..1_000_000, off in -2i64..=2) {
        let jwk = generate(Alg::EdDSA, None, Some("a")).unwrap();
        let source = Source::new("x", None, vec![public_jwk(&jwk).unwrap()]);
        let policy = Policy { leeway, ..Default::default() };
        let l = leeway as i64;
        let t_exp = token(&jwk, serde_json::json!({"exp": t}), None, 0);
        let mut v = Verifier::new(vec![source.clone()], policy.clone());
        let verdict = v.verify(&t_exp, t + l + off, &mut no_refetch());
        prop_assert_eq!(verdict.reason, (off >= 0).then_some(Reason::Expired));
        let t_nbf = token(&jwk, serde_json::json!({"nbf": t}), None, 0);
        let verdict = v.verify(&t_nbf, t - l + off, &mut no_refetch());
        prop_assert_eq!(verdict.reason, (off < 0).then_some(Reason::NotYetValid));
    }

    #[test]
    fn arbitrary_headers_never_panic(h in "\\{\"alg\":\"[A-Za-z0-9]{0,6}\"(,\"kid\":\"[a-z]{0,3}\")?\\}", p in ".{0,40}") {
        let t = format!("{}.{}.c2ln", crate::jwk::b64url_encode(h), crate::jwk::b64url_encode(p));
        let jwk = generate(Alg::EdDSA, None, Some("a")).unwrap();
        let mut v = Verifier::new(vec![Source::new("x", None, vec![public_jwk(&jwk).unwrap()])], Policy { jws: true, ..Default::default() });
        let verdict = v.verify(&t, 0, &mut no_refetch());
        // "sig" is no signature of any key: never valid, always a reason.
        prop_assert!(!verdict.valid);
        prop_assert!(verdict.reason.is_some(), "{}", verdict.message);
    }
}

/// `--at` before `iat` is valid with a note; at `iat` or later, no note.
#[test]
fn judging_before_iat_is_noted() {
    let jwk = generate(Alg::EdDSA, None, Some("k1")).unwrap();
    let source = Source::new("x", None, vec![public_jwk(&jwk).unwrap()]);
    let t = token(&jwk, serde_json::json!({}), None, 1_000);
    let note =
        "; note: it is judged at 1970-01-01T00:16:39Z, before it was issued (1970-01-01T00:16:40Z)";
    for (at, noted) in [(999, true), (1_000, false), (1_001, false)] {
        let policy = Policy {
            at: Some(at),
            ..Default::default()
        };
        let mut v = Verifier::new(vec![source.clone()], policy);
        let verdict = v.verify(&t, 0, &mut no_refetch());
        assert!(verdict.valid, "{at}: {}", verdict.message);
        assert_eq!(
            verdict.message.ends_with(note),
            noted,
            "{at}: {}",
            verdict.message
        );
        assert_eq!(
            verdict.message.contains("before it was issued"),
            noted,
            "{at}"
        );
    }
}

/// The backquoted words after `marker`, up to the first one that ends a
/// sentence: the list of reasons a document gives.
fn listed_after(doc: &str, marker: &str) -> Vec<String> {
    let start = doc.find(marker).expect("the marker is in the document") + marker.len();
    let rest = &doc[start..];
    let end = rest.find("`.").expect("the list ends a sentence") + 1;
    rest[..end]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Reason is the one list of reasons: its strings are what JSON prints,
/// and docs/tokens.md and docs/ci.md list exactly them, in its order.
#[test]
fn the_docs_list_exactly_the_reasons() {
    let all: Vec<String> = Reason::ALL.iter().map(|r| r.as_str().to_string()).collect();
    for reason in Reason::ALL {
        assert_eq!(
            serde_json::to_value(reason).unwrap(),
            Value::String(reason.as_str().into())
        );
    }
    for (name, doc) in [
        ("docs/tokens.md", include_str!("../../../docs/tokens.md")),
        ("docs/ci.md", include_str!("../../../docs/ci.md")),
    ] {
        assert_eq!(listed_after(doc, "<!-- reasons -->"), all, "{name}");
    }
}

/// Reason::ALL holds every variant once: each variant's place, given by an
/// exhaustive match (a new variant does not compile until it has one), is
/// where ALL has it.
#[test]
fn reason_all_holds_every_variant() {
    let place = |reason: Reason| match reason {
        Reason::Malformed => 0,
        Reason::Unsigned => 1,
        Reason::UnsupportedAlg => 2,
        Reason::NoMatchingKey => 3,
        Reason::BadSignature => 4,
        Reason::Expired => 5,
        Reason::NotYetValid => 6,
        Reason::AudienceMismatch => 7,
        Reason::IssuerMismatch => 8,
        Reason::SubjectMismatch => 9,
        Reason::MissingClaim => 10,
        Reason::TargetRule => 11,
    };
    assert_eq!(Reason::ALL.len(), 12);
    for (i, reason) in Reason::ALL.into_iter().enumerate() {
        assert_eq!(place(reason), i, "{reason:?}");
    }
}

/// A verdict is `stale` exactly when it relied on a stale cached copy: the
/// source whose key decided (valid, or a claim failed), or any source
/// searched when no key decided (no key matched, a bad signature); never
/// for a token refused before any key is looked at, nor for fresh copies.
/// `sources` lists each source with its cache use.
#[test]
fn stale_when_the_verdict_relied_on_a_stale_copy() {
    use crate::jwks::fetch::{CacheState, CacheUse};
    let jwk = generate(Alg::EdDSA, None, Some("k")).unwrap();
    let other = generate(Alg::EdDSA, None, Some("other")).unwrap();
    let now = 1_000_000;
    let good = token(&jwk, serde_json::json!({}), Some(600), now as u64);
    let expired = token(&jwk, serde_json::json!({}), Some(1), 1000);
    let unknown = token(&other, serde_json::json!({}), Some(600), now as u64);
    // The good token's header and claims under another key's signature.
    let signature = &unknown[unknown.rfind('.').unwrap()..];
    let forged = format!("{}{signature}", &good[..good.rfind('.').unwrap()]);
    let served = |state: CacheState| {
        let mut s = Source::new(
            "idp",
            Some("https://idp.example/jwks".into()),
            vec![public_jwk(&jwk).unwrap()],
        )
        .fresh_from_origin();
        s.cache = Some(CacheUse { state, age: 7200 });
        s
    };
    for (state, stale) in [
        (CacheState::Stale, true),
        (CacheState::Fresh, false),
        (CacheState::Revalidated, false),
    ] {
        let mut judge = Judge::new(vec![served(state)], Vec::new(), Settings::default());
        let mut judged = |t: &str| judge.judge(t, now, &mut no_refetch());
        let v = judged(&good);
        assert!(v.valid, "{}", v.message);
        assert_eq!(v.stale, stale, "{state:?}");
        assert_eq!(v.message.contains("; stale: the keys of 'idp'"), stale);
        assert_eq!(v.sources.len(), 1);
        assert_eq!(v.sources[0].cache.map(|c| c.state), Some(state));
        assert_eq!(
            v.sources[0].url.as_deref(),
            Some("https://idp.example/jwks")
        );
        for (t, reason) in [
            (&expired, Reason::Expired),
            (&unknown, Reason::NoMatchingKey),
            (&forged, Reason::BadSignature),
        ] {
            let v = judged(t);
            assert_eq!(v.reason, Some(reason), "{}", v.message);
            assert_eq!(v.stale, stale, "{reason:?} {state:?}");
        }
        let v = judged("not-a-token");
        assert_eq!(v.reason, Some(Reason::Malformed));
        assert!(!v.stale);
    }
    // Another source's stale copy does not make a decided verdict stale.
    let mut cold = served(CacheState::Stale);
    cold.label = "cold".into();
    cold.keys.clear();
    let mut judge = Judge::new(
        vec![served(CacheState::Fresh), cold],
        Vec::new(),
        Settings::default(),
    );
    let v = judge.judge(&good, now, &mut no_refetch());
    assert!(v.valid && !v.stale, "{}", v.message);
    let v = judge.judge(&unknown, now, &mut no_refetch());
    assert!(v.stale, "{}", v.message);
}

/// A broken source (not a JWKS) never makes a verdict undecided, and wins
/// over an unreachable one; an unreachable one alone does.
#[test]
fn broken_sources_are_definite_failures() {
    let jwk = generate(Alg::EdDSA, None, Some("k")).unwrap();
    let other = generate(Alg::EdDSA, None, Some("other")).unwrap();
    let now = 1_000_000;
    let unknown = token(&other, serde_json::json!({}), Some(600), now as u64);
    let source = || vec![Source::new("a", None, vec![public_jwk(&jwk).unwrap()])];
    let down = vec!["down: cannot fetch".to_string()];
    let html = vec!["html: not JSON".to_string()];
    for (unavailable, broken, undecided) in [
        (down.clone(), Vec::new(), true),
        (Vec::new(), html.clone(), false),
        (down.clone(), html.clone(), false),
        (Vec::new(), Vec::new(), false),
    ] {
        let v = Judge::new(source(), unavailable.clone(), Settings::default())
            .with_broken(broken.clone())
            .judge(&unknown, now, &mut no_refetch());
        assert_eq!(v.reason, Some(Reason::NoMatchingKey));
        assert_eq!(v.undecided, undecided, "{}", v.message);
        assert_eq!((v.unavailable, v.broken), (unavailable, broken.clone()));
        assert_eq!(
            v.message.contains("failed and may hold the key"),
            !broken.is_empty()
        );
    }
}

/// `--batch --jobs N`: judged in any order on any thread, then settled in
/// input order, the verdicts are those of one Judge going line by line, and
/// the rotation refetch happens once. The rotation here retires the old key:
/// its tokens are valid before the first unknown kid and have no key after.
#[test]
fn a_shared_judge_gives_the_verdicts_of_one_judge_in_order() {
    let old = generate(Alg::EdDSA, None, Some("old")).unwrap();
    let new = generate(Alg::EdDSA, None, Some("new")).unwrap();
    let stranger = generate(Alg::EdDSA, None, Some("stranger")).unwrap();
    let (o, n, s) = (
        token(&old, serde_json::json!({}), None, 0),
        token(&new, serde_json::json!({}), None, 0),
        token(&stranger, serde_json::json!({}), None, 0),
    );
    let tokens: Vec<String> = [&o, &o, "x.y", &o, &n, &o, &s, &n, &o, &o, &n, &o]
        .iter()
        .map(|t| t.to_string())
        .collect();
    let source = Source::new(
        "idp",
        Some("https://idp/jwks".into()),
        vec![public_jwk(&old).unwrap()],
    );
    let rotated = vec![public_jwk(&new).unwrap()];
    let judge = || Judge::new(vec![source.clone()], Vec::new(), Settings::default());
    let mut sequential = judge();
    let expected: Vec<(bool, Option<Reason>, String)> = tokens
        .iter()
        .map(|t| {
            let v = sequential.judge(t, 0, &mut |_: &[&Source]| vec![Some(rotated.clone())]);
            (v.valid, v.reason, v.message)
        })
        .collect();
    assert!(
        expected[3].0 && expected[4].0,
        "old before, new at the rotation"
    );
    assert_eq!(expected[5].1, Some(Reason::NoMatchingKey), "old retired");
    let count = tokens.len() as u64;
    let forward: Vec<u64> = (0..count).collect();
    let backward: Vec<u64> = (0..count).rev().collect();
    let odd_first: Vec<u64> = (0..count)
        .filter(|i| i % 2 == 1)
        .chain((0..count).filter(|i| i % 2 == 0))
        .collect();
    for order in [forward, backward, odd_first] {
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let refetch = |asked: &[&Source]| {
            calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            assert_eq!(asked.len(), 1);
            vec![Some(rotated.clone())]
        };
        let shared = Shared::new(judge());
        let mut judged: Vec<Option<Tentative>> = (0..count).map(|_| None).collect();
        // Two threads, each taking every other index of the order.
        let halves: Vec<Vec<(u64, Tentative)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..2)
                .map(|part| {
                    let (order, shared, tokens, refetch) = (&order, &shared, &tokens, &refetch);
                    scope.spawn(move || {
                        // Each thread keeps its own judges, as --batch does.
                        let mut local = shared.local();
                        order
                            .iter()
                            .skip(part)
                            .step_by(2)
                            .map(|&i| (i, local.judge(i, &tokens[i as usize], 0, refetch)))
                            .collect()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (i, t) in halves.into_iter().flatten() {
            judged[i as usize] = Some(t);
        }
        let mut settled = Settled::default();
        let got: Vec<(bool, Option<Reason>, String)> = judged
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let (v, pending) = t.unwrap().split();
                let kept = (v.valid, v.reason, v.message);
                match shared.settle(
                    pending,
                    || tokens[i].as_str().into(),
                    0,
                    &mut settled,
                    &refetch,
                ) {
                    None => kept,
                    Some(v) => (v.valid, v.reason, v.message),
                }
            })
            .collect();
        assert_eq!(got, expected, "order {order:?}");
        assert_eq!(
            calls.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "order {order:?}"
        );
    }
}

/// Every rule of jwksctl's that a target does not enforce, both ways: the
/// token is refused without a target, and valid under it with a
/// `not_enforced` warning naming the rule (PowerSync: jose 4's
/// `jwtVerify` reads the last of duplicate members, understands `crit:
/// ["b64"]`; sqld: jsonwebtoken 9 skips unknown fields and never reads
/// `nbf`, and an `exp` that is no u64 is never checked).
#[test]
fn stricter_rules_refuse_alone_and_warn_under_each_target() {
    use super::target::{Target, WarningKind};
    let jwk = generate(Alg::EdDSA, None, Some("k1")).unwrap();
    let key = SigningKey::from_jwk(&jwk).unwrap();
    let source = || vec![Source::new("file", None, vec![public_jwk(&jwk).unwrap()])];
    let now: i64 = 1_000_000;
    let sign = |header: &str, payload: String| {
        let input = format!(
            "{}.{}",
            crate::jwk::b64url_encode(header),
            crate::jwk::b64url_encode(payload)
        );
        let sig = key.sign(input.as_bytes()).unwrap();
        format!("{input}.{}", crate::jwk::b64url_encode(sig))
    };
    let plain = r#"{"alg":"EdDSA","kid":"k1","typ":"JWT"}"#;
    let (iat, exp) = (now - 10, now + 600);
    let cases: Vec<(Target, &str, String, &str)> = vec![
        (
            Target::PowerSync,
            plain,
            format!(r#"{{"sub":"a","sub":"b","aud":"ps","iat":{iat},"exp":{exp}}}"#),
            "jwksctl.strict_json",
        ),
        (
            Target::PowerSync,
            r#"{"alg":"EdDSA","kid":"k1","crit":["b64"],"b64":true}"#,
            format!(r#"{{"sub":"a","aud":"ps","iat":{iat},"exp":{exp}}}"#),
            "jwksctl.crit",
        ),
        (
            Target::Sqld,
            plain,
            // jsonwebtoken's own claim struct refuses a duplicate sub or exp;
            // a member nothing reads is skipped.
            format!(r#"{{"x":1,"x":2,"id":"default","exp":{exp}}}"#),
            "jwksctl.strict_json",
        ),
        (
            Target::Sqld,
            r#"{"alg":"EdDSA","kid":"k1","crit":["zz"],"zz":1}"#,
            format!(r#"{{"id":"default","exp":{exp}}}"#),
            "jwksctl.crit",
        ),
        (
            Target::Sqld,
            plain,
            format!(r#"{{"id":"default","nbf":{},"exp":{exp}}}"#, now + 3600),
            "jwksctl.nbf",
        ),
        (
            Target::Sqld,
            plain,
            r#"{"id":"default","exp":-5}"#.to_string(),
            "jwksctl.exp",
        ),
    ];
    // A padded signature (node's base64 decoder takes it) and an inline key
    // marked `use: enc` (only keys fetched from jwks_uri are filtered).
    let ps_claims = format!(r#"{{"sub":"a","aud":"ps","iat":{iat},"exp":{exp}}}"#);
    let padded = format!("{}==", sign(plain, ps_claims.clone()));
    let mut enc = serde_json::to_value(public_jwk(&jwk).unwrap()).unwrap();
    enc["use"] = "enc".into();
    let enc: Jwk = serde_json::from_value(enc).unwrap();
    let more = [
        (padded, source(), "jwksctl.signature_encoding"),
        (
            sign(plain, ps_claims),
            vec![Source::new("file", None, vec![enc])],
            "jwksctl.key_use",
        ),
    ];
    let cases = cases
        .into_iter()
        .map(|(target, header, payload, rule)| (target, sign(header, payload), source(), rule))
        .chain(
            more.into_iter()
                .map(|(t, s, rule)| (Target::PowerSync, t, s, rule)),
        );
    for (target, token, sources, rule) in cases {
        let source = || sources.clone();
        let alone = Judge::new(source(), Vec::new(), Settings::default()).judge(
            &token,
            now,
            &mut no_refetch(),
        );
        assert!(!alone.valid, "{rule}: refused without --for: {token}");
        let settings = Settings {
            target: Some((
                target,
                TargetContext {
                    audiences: vec!["ps".into()],
                    ..Default::default()
                },
            )),
            ..Default::default()
        };
        let under =
            Judge::new(source(), Vec::new(), settings).judge(&token, now, &mut no_refetch());
        assert!(under.valid, "{rule} under {target:?}: {}", under.message);
        assert!(
            under
                .warnings
                .iter()
                .flatten()
                .any(|w| w.rule == rule && w.kind == WarningKind::NotEnforced),
            "{rule} under {target:?}: {:?}",
            under.warnings
        );
    }
}
