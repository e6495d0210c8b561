//! `token verify` and `token decode` against the public vectors (RFC 7515,
//! 7520, 8037, real providers' tokens), tokens made at test time by an
//! independent library (PyJWT), loopback JWKS servers, and malformed input.

use crate::common;

use std::fs;
use std::path::Path;

use common::{Reply, Server, jwksctl, refused_url};
use predicates::prelude::*;
use serde_json::{Value, json};

use common::vectors;

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Run `token verify -o json` with ARGS; returns (exit code, verdict).
fn verify(home: &Path, token: &str, args: &[&str]) -> (i32, Value) {
    let out = jwksctl(home)
        .args(["token", "verify", token, "-o", "json"])
        .args(args)
        .output()
        .unwrap();
    let verdict = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), verdict)
}

/// Change one character in the middle of the signature (the last one may
/// only carry padding bits).
fn corrupt_signature(token: &str) -> String {
    let dot = token.rfind('.').unwrap();
    let mut chars: Vec<char> = token.chars().collect();
    let i = dot + 1 + (token.len() - dot - 1) / 2;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

#[test]
fn rfc_vectors_verify_and_fail_when_altered() {
    let home = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for dir in ["rfc7515", "rfc8037", "rfc7520"] {
        for entry in fs::read_dir(vectors().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if name.ends_with(".jwks.json") || name.starts_with("section3") {
                continue;
            }
            let v = read_json(&path);
            let jwks = vectors().join(v["jwks_file"].as_str().unwrap());
            let jwks = jwks.to_str().unwrap();
            let mut args = vec!["--jwks", jwks];
            if v["payload_json"].is_null() {
                args.push("--jws");
            } else {
                args.push("--ignore-exp");
            }
            let token = v["compact"].as_str().unwrap();
            let (code, verdict) = verify(home.path(), token, &args);
            assert_eq!(code, 0, "{name}: {verdict}");
            assert_eq!(verdict["valid"], true);
            assert_eq!(verdict["source"], jwks);
            let (code, verdict) = verify(home.path(), &corrupt_signature(token), &args);
            assert_eq!(code, 1, "{name}");
            assert_eq!(verdict["reason"], "bad_signature", "{name}: {verdict}");
            // Any position: the first and the last character too (the last may
            // carry only padding bits; non-canonical base64url is refused).
            for at in [token.rfind('.').unwrap() + 1, token.len() - 1] {
                let mut chars: Vec<char> = token.chars().collect();
                chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
                let altered: String = chars.into_iter().collect();
                let (code, verdict) = verify(home.path(), &altered, &args);
                assert_eq!(
                    (code, verdict["reason"].as_str()),
                    (1, Some("bad_signature")),
                    "{name} @{at}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 9);
    // The 2011 expiry is enforced without --ignore-exp.
    let a1 = read_json(&vectors().join("rfc7515/A1_HS256.json"));
    let jwks = vectors().join("rfc7515/A1_HS256.jwks.json");
    let (code, verdict) = verify(
        home.path(),
        a1["compact"].as_str().unwrap(),
        &["--jwks", jwks.to_str().unwrap()],
    );
    assert_eq!((code, verdict["reason"].as_str()), (1, Some("expired")));
    // A text payload without --jws is malformed, not silently accepted.
    let a4 = read_json(&vectors().join("rfc8037/A4_Ed25519.json"));
    let jwks = vectors().join("rfc8037/A4_Ed25519.jwks.json");
    let (_, verdict) = verify(
        home.path(),
        a4["compact"].as_str().unwrap(),
        &["--jwks", jwks.to_str().unwrap()],
    );
    assert_eq!(verdict["reason"], "malformed");
}

#[test]
fn real_world_tokens_were_valid_then_and_are_expired_now() {
    let home = tempfile::tempdir().unwrap();
    let dir = vectors().join("real-world-tokens");
    let mut checked = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.ends_with("index.json") {
            continue;
        }
        let v = read_json(&path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let token = v["token"].as_str().unwrap();
        let jwks = vectors().join(v["jwks_file"].as_str().unwrap());
        let mut args: Vec<String> = vec!["--jwks".into(), jwks.to_str().unwrap().into()];
        if v["expected"]["signature_valid"] == false {
            let (code, verdict) = verify(
                home.path(),
                token,
                &args.iter().map(String::as_str).collect::<Vec<_>>(),
            );
            assert_eq!(code, 1);
            assert_eq!(verdict["reason"], "bad_signature", "{name}");
            checked += 1;
            continue;
        }
        if let Some(iss) = v["expected_issuer"].as_str() {
            args.extend(["--iss".into(), iss.into()]);
        }
        if let Some(aud) = v["expected_audience"].as_str() {
            args.extend(["--aud".into(), aud.into()]);
        }
        let now_args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, verdict) = verify(home.path(), token, &now_args);
        assert_eq!(code, 1, "{name}");
        assert_eq!(verdict["reason"], "expired", "{name}: {verdict}");
        let at = v["reference_time_unix"].as_i64().unwrap().to_string();
        let mut then_args = now_args.clone();
        then_args.extend(["--at", &at]);
        let (code, verdict) = verify(home.path(), token, &then_args);
        assert_eq!(code, 0, "{name}: {verdict}");
        assert_eq!(verdict["kid"], v["kid"]);
        checked += 1;
    }
    assert_eq!(checked, 8);
}

/// Keys and tokens made by PyJWT at test time.
struct PyJwt {
    dir: tempfile::TempDir,
}

impl PyJwt {
    /// Generate RSA, EC P-256 and Ed25519 keys; write their public JWKS
    /// (plus one `use: enc` copy of the RSA key under another kid).
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let script = r#"
import json, sys, jwt
from cryptography.hazmat.primitives.asymmetric import rsa, ec, ed25519
from cryptography.hazmat.primitives import serialization as s
d = sys.argv[1]
keys = {"rsa": rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "ec": ec.generate_private_key(ec.SECP256R1()),
        "ed": ed25519.Ed25519PrivateKey.generate()}
pub = []
for kid, k in keys.items():
    open(f"{d}/{kid}.pem", "wb").write(k.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()))
    open(f"{d}/{kid}.pub.pem", "wb").write(k.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo))
from jwt.algorithms import RSAAlgorithm, ECAlgorithm, OKPAlgorithm
for kid, alg, k in [("rsa", RSAAlgorithm, keys["rsa"]), ("ec", ECAlgorithm, keys["ec"]), ("ed", OKPAlgorithm, keys["ed"])]:
    j = json.loads(alg.to_jwk(k.public_key())); j["kid"] = kid; j["use"] = "sig"; pub.append(j)
enc = json.loads(RSAAlgorithm.to_jwk(keys["rsa"].public_key())); enc["kid"] = "rsa-enc"; enc["use"] = "enc"
json.dump({"keys": pub}, open(f"{d}/jwks.json", "w"))
json.dump({"keys": [enc]}, open(f"{d}/enc.json", "w"))
"#;
        run_python(script, &[dir.path().to_str().unwrap()]);
        PyJwt { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_str().unwrap().to_string()
    }

    /// Sign `claims` with the key `kid` (`secret:...` for HMAC) as `alg`.
    fn token(&self, kid: &str, alg: &str, claims: Value, header_kid: Option<&str>) -> String {
        let script = r#"
import base64, hashlib, hmac, json, sys, jwt
d, kid, alg, claims, hkid = sys.argv[1:6]
headers = {"kid": hkid} if hkid else {}
if kid.startswith("secret:"):
    # HMAC by hand with the standard library: PyJWT (rightly) refuses a
    # PEM-looking secret, and the algorithm-confusion test needs exactly that.
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    header = b64(json.dumps(dict(headers, alg=alg, typ="JWT")).encode())
    body = b64(claims.encode())
    sig = hmac.new(kid[len("secret:"):].encode(), f"{header}.{body}".encode(), hashlib.sha256).digest()
    print(f"{header}.{body}.{b64(sig)}")
else:
    print(jwt.encode(json.loads(claims), open(f"{d}/{kid}", "rb").read(), algorithm=alg, headers=headers))
"#;
        run_python(
            script,
            &[
                self.dir.path().to_str().unwrap(),
                kid,
                alg,
                &claims.to_string(),
                header_kid.unwrap_or(""),
            ],
        )
        .trim()
        .to_string()
    }
}

fn run_python(script: &str, args: &[&str]) -> String {
    let out = common::python::python3()
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 starts");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[test]
fn tokens_from_pyjwt() {
    let home = tempfile::tempdir().unwrap();
    let py = PyJwt::new();
    let jwks = py.path("jwks.json");
    let now = now();
    let good =
        json!({"sub": "alice", "aud": "api", "iss": "https://idp", "iat": now, "exp": now + 600});
    for (kid, alg) in [
        ("rsa.pem", "RS256"),
        ("ec.pem", "ES256"),
        ("ed.pem", "EdDSA"),
    ] {
        let hkid = kid.trim_end_matches(".pem");
        let token = py.token(kid, alg, good.clone(), Some(hkid));
        let (code, verdict) = verify(
            home.path(),
            &token,
            &[
                "--jwks",
                &jwks,
                "--aud",
                "api",
                "--iss",
                "https://idp",
                "--sub",
                "alice",
            ],
        );
        assert_eq!(code, 0, "{alg}: {verdict}");
        assert_eq!(verdict["alg"], alg);
        assert_eq!(verdict["kid"], hkid);
        assert_eq!(verdict["claims"]["sub"], "alice");
        // The public key as a PEM file (no kid) works too.
        let (code, _) = verify(
            home.path(),
            &token,
            &["--key", &py.path(&format!("{hkid}.pub.pem"))],
        );
        assert_eq!(code, 0, "{alg} via --key");
    }

    // HS256 with a secret from the environment. The secret never appears on
    // either stream, in any format, with -v, whether it verifies or not.
    let secret_token = py.token("secret:s3cret-value", "HS256", good.clone(), None);
    for (secret, code) in [("s3cret-value", 0), ("wrong-secret", 1)] {
        for format in ["text", "json"] {
            let out = jwksctl(home.path())
                .args(["-v", "token", "verify", &secret_token])
                .args(["--secret-env", "MY_SECRET", "-o", format])
                .env("MY_SECRET", secret)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert_eq!(out.status.code(), Some(code), "{secret} {format}: {stdout}");
            if code == 1 && format == "text" {
                assert!(stdout.contains("[bad_signature]"), "{stdout}");
            }
            for stream in [&out.stdout, &out.stderr] {
                let text = String::from_utf8_lossy(stream);
                assert!(!text.contains(secret), "{secret} {format}: {text}");
                assert!(!text.contains(&base64_url(secret.as_bytes())), "{text}");
            }
        }
    }

    let rsa = |claims: Value| py.token("rsa.pem", "RS256", claims, Some("rsa"));
    let cases: Vec<(String, Vec<&str>, &str)> = vec![
        (rsa(json!({"exp": now - 3600})), vec![], "expired"),
        (rsa(json!({"nbf": now + 3600})), vec![], "not_yet_valid"),
        (
            rsa(json!({"aud": "other"})),
            vec!["--aud", "api"],
            "audience_mismatch",
        ),
        (
            rsa(json!({"iss": "https://evil"})),
            vec!["--iss", "https://idp"],
            "issuer_mismatch",
        ),
        (
            rsa(json!({"sub": "bob"})),
            vec!["--sub", "alice"],
            "subject_mismatch",
        ),
        (rsa(json!({})), vec!["--require", "email"], "missing_claim"),
        (
            py.token("ed.pem", "EdDSA", json!({}), Some("unknown-kid")),
            vec![],
            "no_matching_key",
        ),
    ];
    for (token, extra, reason) in cases {
        let mut args = vec!["--jwks", jwks.as_str()];
        args.extend(extra);
        let (code, verdict) = verify(home.path(), &token, &args);
        assert_eq!(code, 1, "{reason}");
        assert_eq!(verdict["reason"], reason, "{verdict}");
        assert_eq!(verdict["valid"], false);
    }

    // A tampered payload.
    let token = rsa(json!({"role": "user"}));
    let parts: Vec<&str> = token.split('.').collect();
    let forged_payload = base64_url(br#"{"role":"admin"}"#);
    let tampered = format!("{}.{forged_payload}.{}", parts[0], parts[2]);
    let (_, verdict) = verify(home.path(), &tampered, &["--jwks", &jwks]);
    assert_eq!(verdict["reason"], "bad_signature");

    // alg none, in any case.
    for none in ["none", "None", "NONE", "nOnE"] {
        let header = base64_url(format!(r#"{{"alg":"{none}","typ":"JWT"}}"#).as_bytes());
        let token = format!("{header}.{}.", base64_url(br#"{"sub":"admin"}"#));
        let (code, verdict) = verify(home.path(), &token, &["--jwks", &jwks]);
        assert_eq!(
            (code, verdict["reason"].as_str()),
            (1, Some("unsigned")),
            "{none}"
        );
    }

    // HS256 signed with the RSA public key PEM as the secret: never accepted,
    // not even when HS256 is allowed explicitly.
    let pem = fs::read_to_string(py.path("rsa.pub.pem")).unwrap();
    let confused = py.token(
        &format!("secret:{pem}"),
        "HS256",
        json!({"sub": "admin"}),
        Some("rsa"),
    );
    let (_, verdict) = verify(home.path(), &confused, &["--jwks", &jwks]);
    assert_eq!(verdict["reason"], "unsupported_alg");
    let (_, verdict) = verify(home.path(), &confused, &["--jwks", &jwks, "--alg", "HS256"]);
    assert_eq!(verdict["reason"], "no_matching_key");
    let (_, verdict) = verify(
        home.path(),
        &confused,
        &["--key", &py.path("rsa.pub.pem"), "--alg", "HS256"],
    );
    assert_eq!(verdict["reason"], "no_matching_key");

    // A use:"enc" key never verifies, even for a token it signed.
    let enc_token = py.token("rsa.pem", "RS256", json!({}), Some("rsa-enc"));
    let (_, verdict) = verify(home.path(), &enc_token, &["--jwks", &py.path("enc.json")]);
    assert_eq!(verdict["reason"], "no_matching_key");
    assert!(
        verdict["message"]
            .as_str()
            .unwrap()
            .ends_with("it is for use \"enc\", not signatures"),
        "{verdict}"
    );
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[test]
fn rotation_refetches_once_and_unreachable_sources_exit_3() {
    let home = tempfile::tempdir().unwrap();
    let py = PyJwt::new();
    let jwks = fs::read_to_string(py.path("jwks.json")).unwrap();
    let server = Server::fixed(Reply::json(jwks).header("Cache-Control", "max-age=3600"));
    let url = server.url("/jwks");
    let known = py.token("ed.pem", "EdDSA", json!({}), Some("ed"));
    let (code, _) = verify(home.path(), &known, &["--jwks", &url]);
    assert_eq!(code, 0);
    assert_eq!(server.count(), 1);
    // Cached: no request. An unknown kid: exactly one refetch, then no_matching_key.
    let (code, _) = verify(home.path(), &known, &["--jwks", &url]);
    assert_eq!((code, server.count()), (0, 1));
    let stranger = py.token("ed.pem", "EdDSA", json!({}), Some("rotated-away"));
    let (code, verdict) = verify(home.path(), &stranger, &["--jwks", &url]);
    assert_eq!(code, 1);
    assert_eq!(verdict["reason"], "no_matching_key");
    assert_eq!(server.count(), 2, "exactly one refetch");
    // --offline: no refetch.
    let (_, verdict) = verify(home.path(), &stranger, &["--jwks", &url, "--offline"]);
    assert_eq!(verdict["reason"], "no_matching_key");
    assert_eq!(server.count(), 2);

    // Nothing reachable at all: undecided, exit 3, the source named.
    let out = jwksctl(home.path())
        .args(["token", "verify", &known, "--jwks", &refused_url()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("undecided: "), "{text}");
    assert!(text.contains("1 source(s) could not be loaded"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot load keys: cannot fetch"));
    let (code, verdict) = verify(home.path(), &known, &["--jwks", &refused_url()]);
    assert_eq!(code, 3);
    assert_eq!(verdict["valid"], false);
    assert_eq!(verdict["undecided"], true);
    assert_eq!(verdict["unavailable"].as_array().unwrap().len(), 1);
    // A registry name resolves to its URL; default sources are the registry.
    jwksctl(home.path())
        .args(["save", "idp", &url])
        .assert()
        .success();
    let (code, verdict) = verify(home.path(), &known, &["--jwks", "idp"]);
    assert_eq!((code, verdict["source"].as_str()), (0, Some("idp")));
    let (code, verdict) = verify(home.path(), &known, &[]);
    assert_eq!((code, verdict["source"].as_str()), (0, Some("idp")));
}

#[test]
fn mint_then_verify_with_no_flags() {
    let home = tempfile::tempdir().unwrap();
    let token = jwksctl(home.path())
        .args(["token", "mint", "--sub", "alice"])
        .output()
        .unwrap();
    let token = String::from_utf8(token.stdout).unwrap();
    jwksctl(home.path())
        .args(["token", "verify", "-"])
        .write_stdin(token.clone())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("valid: EdDSA signature by key"));
    // An empty store and registry: nothing to verify with. Not "unreachable"
    // (nothing was): its own kind, exit 1, as retrying cannot help.
    let empty = tempfile::tempdir().unwrap();
    jwksctl(empty.path())
        .args(["token", "verify", token.trim()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no keys to verify with"));
    let out = jwksctl(empty.path())
        .args(["token", "verify", token.trim(), "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let error: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["error"]["kind"], "no_keys", "{error}");
    assert_eq!(error["error"]["exit_code"], 1, "{error}");
}

#[test]
fn batch_streams_one_verdict_per_line() {
    let home = tempfile::tempdir().unwrap();
    let mint = |args: &[&str]| {
        let out = jwksctl(home.path())
            .args(["token", "mint"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let good = mint(&[]);
    let expired = mint(&["--ttl", "1m"]);
    // Judged ten minutes from now: the 1m token has expired, the default
    // 12h one has not. No waiting on the clock.
    let at = (now() + 600).to_string();
    let input = format!("{good}\n\n{expired}\nnot-a-token\n  Bearer {good}  \n");
    let out = jwksctl(home.path())
        .args(["token", "verify", "--batch", "--leeway", "0s", "--at", &at])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "the blank line is skipped");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["valid"], true);
    assert!(lines[0]["source"].as_str().unwrap().starts_with("local:"));
    assert_eq!(lines[1]["line"], 3);
    assert_eq!(lines[1]["reason"], "expired");
    assert_eq!(lines[2]["reason"], "malformed");
    assert_eq!(lines[3]["valid"], true);
    for l in &lines {
        let keys: Vec<&String> = l.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "kid",
                "line",
                "message",
                "reason",
                "source",
                "sources",
                "stale",
                "undecided",
                "valid"
            ]
        );
        assert_eq!(l["undecided"], false);
        assert_eq!(l["stale"], false);
    }
    assert!(
        lines[1]["message"].as_str().unwrap().contains("expired"),
        "{}",
        lines[1]
    );
    let out = jwksctl(home.path())
        .args(["token", "verify", "--batch"])
        .write_stdin(format!("{good}\n{good}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // --batch writes JSON lines: -o text is refused, not ignored.
    let out = jwksctl(home.path())
        .args(["token", "verify", "--batch", "-o", "text"])
        .write_stdin(format!("{good}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not support `-o text`"));
}

/// With -o json|yaml every outcome is a document on stdout: a verdict, or
/// `{"error":{…}}` for errors, clap's usage errors included.
#[test]
fn machine_output_on_every_outcome() {
    let home = tempfile::tempdir().unwrap();
    for (args, code, kind) in [
        (
            &["token", "verify", "x.y.z", "-o", "json"][..],
            1,
            "no_keys",
        ),
        (
            &["token", "verify", "-o", "json", "--bogus"][..],
            2,
            "usage",
        ),
        (
            &["--output=yaml", "token", "verify", "--leeway", "x", "t"][..],
            2,
            "usage",
        ),
        (&["remove", "nope", "-ojson"][..], 1, "failure"),
        (&["keys", "export", "nope", "-o", "json"][..], 1, "failure"),
    ] {
        let out = jwksctl(home.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?} {out:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        let doc: Value = if args.contains(&"--output=yaml") {
            yaml_serde::from_str(&text).unwrap()
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}: {text}"))
        };
        assert_eq!(doc["error"]["kind"], kind, "{args:?}");
        assert_eq!(doc["error"]["exit_code"], code);
        assert!(!doc["error"]["message"].as_str().unwrap().is_empty());
        assert!(String::from_utf8_lossy(&out.stderr).contains("error:"));
    }
    // Without -o, nothing on stdout.
    let out = jwksctl(home.path())
        .args(["remove", "nope"])
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
}

#[test]
fn decode_explains_and_refuses_malformed_input() {
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path())
        .args([
            "token",
            "mint",
            "--sub",
            "alice",
            "-d",
            "mydb",
            "-s",
            "read-only",
        ])
        .output()
        .unwrap();
    let token = String::from_utf8(out.stdout).unwrap();
    jwksctl(home.path())
        .args(["token", "decode", token.trim()])
        .assert()
        .success()
        .stdout(predicate::str::contains("read-only on database mydb"))
        .stdout(predicate::str::contains("NOT verified"))
        .stdout(
            predicate::str::is_match(
                r"\nissued     \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \((just now|\d+s ago)\)\nexpires    \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in \d",
            )
            .unwrap(),
        );
    // From stdin, with a Bearer prefix.
    jwksctl(home.path())
        .args(["token", "decode", "-o", "json"])
        .write_stdin(format!("Bearer {token}"))
        .assert()
        .success()
        .stdout(predicate::str::contains("\"signature\""));

    let header = base64_url(br#"{"alg":"HS256"}"#);
    let big = "a".repeat(1024 * 1024 + 1);
    let cases: Vec<(String, i32, &str)> = vec![
        ("abc.def".into(), 1, "three dot-separated parts"),
        ("a.b.c.d.e".into(), 1, "JWE"),
        (format!("{header}.e30!.sig"), 1, "character '!'"),
        ("e30.e30.".into(), 1, "no \"alg\""),
        (
            format!("{}.e30.", base64_url(b"not json")),
            1,
            "header is not JSON",
        ),
        (
            format!("{header}.{}.", base64_url(b"[1]")),
            1,
            "payload is not a JSON object",
        ),
        ("%%%.e30.".into(), 1, "character '%'"),
        ("A.e30.".into(), 1, "header is not valid base64url"),
    ];
    for (input, code, message) in cases {
        jwksctl(home.path())
            .args(["token", "decode", &input])
            .assert()
            .code(code)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
    // No token is a usage error (exit 2) in decode and verify alike, from
    // stdin or the argument, with a hint naming the command.
    for command in ["decode", "verify"] {
        for (stdin, message) in [("", "empty"), ("  \n", "empty"), (big.as_str(), "1 MiB")] {
            jwksctl(home.path())
                .args(["token", command, "-"])
                .write_stdin(stdin.to_string())
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains(message));
        }
        for arg in ["", "\"\"", " \n "] {
            jwksctl(home.path())
                .args(["token", command, arg])
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains("empty"))
                .stderr(predicate::str::contains(format!(
                    "hint: jwksctl token {command} \"$TOKEN\""
                )));
        }
    }
}

/// Tokens as people paste them: broken over lines (CRLF too), quoted, with a
/// `Bearer ` prefix. `decode` and `verify` (argument, stdin, `--batch`) take
/// them all, `-v` says what was removed, and any other stray character is
/// named with its offset.
/// decode's time rows (issued, not before, EXPIRED, in the future), its
/// YAML form (the same document as JSON), and input that is not UTF-8.
#[test]
fn decode_time_rows_yaml_and_non_utf8_input() {
    let home = tempfile::tempdir().unwrap();
    let header = base64_url(br#"{"alg":"EdDSA"}"#);
    let past = format!(
        "{header}.{}.c2ln",
        base64_url(br#"{"iat":1000000000,"nbf":1000000060,"exp":1000003600,"sub":"a"}"#)
    );
    let days = (now() - 1_000_003_600) / 86_400;
    let out = jwksctl(home.path())
        .args(["token", "decode", &past])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "decode does not judge");
    let text = String::from_utf8(out.stdout).unwrap();
    for row in [
        format!("issued     2001-09-09T01:46:40Z ({days} days ago)\n"),
        format!("not before 2001-09-09T01:47:40Z ({days} days ago)\n"),
        format!("expires    2001-09-09T02:46:40Z (EXPIRED {days} days ago)\n"),
    ] {
        assert!(text.contains(&row), "{row}in\n{text}");
    }
    let soon = now() + 3 * 86_400 + 3_600;
    let future = format!(
        "{header}.{}.c2ln",
        base64_url(format!(r#"{{"exp":{soon}}}"#).as_bytes())
    );
    let out = jwksctl(home.path())
        .args(["token", "decode", &future])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(" (in 3 days)\n"), "{text}");
    assert!(
        !text.contains("EXPIRED") && !text.contains("issued"),
        "{text}"
    );

    let yaml = jwksctl(home.path())
        .args(["token", "decode", &past, "-o", "yaml"])
        .output()
        .unwrap();
    let json = jwksctl(home.path())
        .args(["token", "decode", &past, "-o", "json"])
        .output()
        .unwrap();
    let from_yaml: Value = yaml_serde::from_slice(&yaml.stdout).unwrap();
    let from_json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(from_yaml, from_json);
    assert_eq!(from_json["claims"]["exp"], 1_000_003_600);
    assert_eq!(from_json["signature"], "c2ln");

    for input in [&b"\xff\xfeabc"[..], &b"e30.\xff.x"[..]] {
        jwksctl(home.path())
            .args(["token", "decode", "-"])
            .write_stdin(input)
            .assert()
            .code(1)
            .stdout("")
            .stderr("error: the input is not UTF-8 text\n");
    }
}

#[test]
fn pasted_tokens_decode_and_verify() {
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path())
        .args(["token", "mint", "--sub", "alice", "-d", "mydb"])
        .output()
        .unwrap();
    let t = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let split = format!("{}\r\n{}\n", &t[..50], &t[50..]);
    let forms = [
        split.clone(),
        format!("\"{t}\""),
        format!("Bearer {t}"),
        format!("'Bearer {}\n  {}'", &t[..30], &t[30..]),
    ];
    for form in &forms {
        for stdin in [true, false] {
            let mut decode = jwksctl(home.path());
            decode.args(["token", "decode", "-o", "json"]);
            let mut verify = jwksctl(home.path());
            verify.args(["token", "verify", "-o", "json"]);
            if stdin {
                decode.arg("-").write_stdin(form.clone());
                verify.arg("-").write_stdin(form.clone());
            } else {
                decode.arg(form);
                verify.arg(form);
            }
            let out = decode.output().unwrap();
            assert!(out.status.success(), "decode {form:?}: {out:?}");
            let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(doc["claims"]["sub"], "alice", "{form:?}");
            assert_eq!(doc["claims"]["id"], "mydb", "{form:?}");
            let out = verify.output().unwrap();
            assert_eq!(out.status.code(), Some(0), "verify {form:?}: {out:?}");
            let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(doc["valid"], true, "{form:?}");
        }
    }
    // -v says what was removed.
    jwksctl(home.path())
        .args(["-v", "token", "decode", "-"])
        .write_stdin(split.clone())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "removed from the token as given: 2 line-break characters",
        ));
    jwksctl(home.path())
        .args(["-v", "token", "verify", &format!("\"Bearer {t}\"")])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "removed from the token as given: surrounding quotes, the \"Bearer \" prefix",
        ));
    // --batch: each line may be quoted, prefixed or end in CRLF.
    let out = jwksctl(home.path())
        .args(["-v", "token", "verify", "--batch"])
        .write_stdin(format!("\"{t}\"\r\nBearer {t}\r\n{t}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["valid"] == true), "{rows:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("line 1: removed from the token as given: surrounding quotes\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 2: removed from the token as given: the \"Bearer \" prefix\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("line 3:"), "{stderr}");
    // A stray character: named, with its offset in the input as given.
    let bad = format!("{}!{}", &t[..40], &t[40..]);
    for input in [bad.clone(), format!("Bearer {bad}")] {
        let offset = if input.starts_with("Bearer") { 47 } else { 40 };
        for command in ["decode", "verify"] {
            let out = jwksctl(home.path())
                .args(["token", command, &input])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{command} {input}");
            let both = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                both.contains(&format!("the character '!' at offset {offset}")),
                "{command}: {both}"
            );
        }
    }
}

/// The decode outputs are contracts: snapshot them for a fixed token
/// (no time claims, so the text does not depend on today's date).
#[test]
fn decode_snapshots() {
    let home = tempfile::tempdir().unwrap();
    let token = format!(
        "{}.{}.c2lnbmF0dXJl",
        base64_url(br#"{"alg":"EdDSA","kid":"k1","typ":"JWT"}"#),
        base64_url(
            br#"{"a":"ro","id":"mydb","perm":[{"a":["data_add"],"t":["comments"]}],"sub":"alice"}"#
        )
    );
    let text = jwksctl(home.path())
        .args(["token", "decode", &token])
        .output()
        .unwrap();
    insta::assert_snapshot!(
        "decode_text",
        String::from_utf8(text.stdout.clone()).unwrap()
    );
    let json = jwksctl(home.path())
        .args(["token", "decode", &token, "-o", "json"])
        .output()
        .unwrap();
    insta::assert_snapshot!(
        "decode_json",
        String::from_utf8(json.stdout.clone()).unwrap()
    );
    // The contradiction docs/claims.md says jwksctl refuses to produce is
    // flagged in every format (the JSON document itself is unchanged).
    for out in [&text, &json] {
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(
                "warning: claim a is \"ro\" (read-only) but perm grants data_add on table comments"
            ),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // And jwksctl indeed refuses to produce it.
    jwksctl(home.path())
        .args([
            "template",
            "-d",
            "mydb",
            "-s",
            "read-only",
            "-p",
            "comments:data_add",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--scope read-only contradicts action data_add on table comments",
        ));
}

/// decode says whose reading its grants line is, and -o json carries the
/// times, the reading and `"verified": false`.
#[test]
fn decode_names_the_reading_and_json_has_times() {
    let home = tempfile::tempdir().unwrap();
    // A PowerSync token: no claim Turso or sqld reads.
    let token = mint_in(
        home.path(),
        &["--sub", "alice", "--aud", "powersync-dev", "--ttl", "1h"],
    );
    let out = jwksctl(home.path())
        .args(["token", "decode", &token])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("grants     no Turso or libSQL permission claims"),
        "{text}"
    );
    assert!(!text.contains("grants     no permission claims: full access"));
    let out = jwksctl(home.path())
        .args(["token", "decode", &token, "-o", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["verified"], false);
    assert_eq!(doc["expired"], false);
    assert_eq!(doc["grants"]["reading"], "none");
    // Minted a moment ago: an hour from now, or a second less if the clock
    // ticked between the two commands.
    let relative = doc["times"]["exp"]["relative"].as_str().unwrap();
    assert!(["in 1h", "in 59m 59s"].contains(&relative), "{relative}");
    assert_eq!(doc["times"]["exp"]["unix"], doc["claims"]["exp"]);
    assert!(doc["times"]["iat"]["utc"].as_str().unwrap().ends_with('Z'));
    assert!(doc["times"].get("nbf").is_none());
    // libSQL claims: sqld's reading.
    let token = mint_in(home.path(), &["--dialect", "libsql", "-d", "a"]);
    let out = jwksctl(home.path())
        .args(["token", "decode", &token, "-o", "yaml"])
        .output()
        .unwrap();
    let doc: Value = yaml_serde::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["grants"]["reading"], "sqld");
    assert_eq!(
        doc["grants"]["summary"],
        "read-write on database a (as sqld reads it)"
    );
}

/// A caller that sends one token and waits for its verdict before sending
/// the next gets it: results are flushed before --batch waits for input,
/// and with several jobs the line read so far is handed out before a read
/// that may wait (never kept back to fill a chunk).
#[test]
fn batch_answers_each_line_before_reading_the_next() {
    use std::io::{BufRead, BufReader, Write};
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path())
        .args(["token", "mint"])
        .output()
        .unwrap();
    let token = String::from_utf8(out.stdout).unwrap();
    for jobs in ["1", "2", "4"] {
        let mut child = common::jwksctl_std(home.path())
            .args(["token", "verify", "--batch", "--jobs", jobs])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        for n in 1..=5 {
            stdin.write_all(token.as_bytes()).unwrap();
            stdin.flush().unwrap();
            let line = rx
                .recv_timeout(std::time::Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("jobs {jobs}: no verdict {n} while stdin is open"));
            let verdict: Value = serde_json::from_str(&line).unwrap();
            assert_eq!(verdict["line"], n, "jobs {jobs}");
            assert_eq!(verdict["valid"], true, "jobs {jobs}");
        }
        drop(stdin);
        assert!(child.wait().unwrap().success(), "jobs {jobs}");
    }
}

/// Issue 17: a JWKS publishing a small-order Ed25519 key (any of its 14
/// encodings) must not make a token forged without a private key valid.
#[test]
fn small_order_ed25519_keys_do_not_verify_a_forged_token() {
    let home = tempfile::tempdir().unwrap();
    let token = common::ed25519::forged_token();
    for (i, x) in common::ed25519::SMALL_ORDER.iter().enumerate() {
        let file = home.path().join(format!("forge{i}.json"));
        fs::write(&file, common::ed25519::jwks(x)).unwrap();
        let (code, verdict) = verify(home.path(), &token, &["--jwks", file.to_str().unwrap()]);
        assert_eq!(code, 1, "{x}: {verdict}");
        assert_eq!(verdict["valid"], false, "{x}");
        assert_eq!(verdict["reason"], "no_matching_key", "{x}: {verdict}");
        let message = verdict["message"].as_str().unwrap();
        assert!(message.contains("small-order Ed25519 point"), "{message}");
    }
}

/// Issue 17: a token is expired at exactly exp (RFC 7519 4.1.4), one second
/// earlier it is not; with a leeway, at exactly exp + leeway.
#[test]
fn exp_equal_to_now_is_expired() {
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path())
        .args(["token", "mint", "--sub", "alice", "--ttl", "1h"])
        .output()
        .unwrap();
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let payload = token.split('.').nth(1).unwrap();
    let claims: Value = {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    };
    let exp = claims["exp"].as_i64().unwrap();
    for (leeway, at, reason) in [
        ("0s", exp, Some("expired")),
        ("0s", exp - 1, None),
        ("30s", exp + 30, Some("expired")),
        ("30s", exp + 29, None),
    ] {
        let at = at.to_string();
        let (code, verdict) = verify(home.path(), &token, &["--leeway", leeway, "--at", &at]);
        assert_eq!(
            verdict["reason"].as_str(),
            reason,
            "{leeway} {at}: {verdict}"
        );
        assert_eq!(code, if reason.is_some() { 1 } else { 0 });
    }
}

/// Issue 17: RFC 7515 A.3's P-256 key with x and y split 31/33 bytes (the
/// same 64 bytes once concatenated) is refused by verify and by check, for
/// the same reason, from the one JWK validation both use.
#[test]
fn split_ec_key_is_refused_alike_by_verify_and_check() {
    let home = tempfile::tempdir().unwrap();
    let a3 = read_json(&vectors().join("rfc7515/A3_ES256.json"));
    let token = a3["compact"].as_str().unwrap();
    let good = vectors().join("rfc7515/A3_ES256.jwks.json");
    let (code, _) = verify(
        home.path(),
        token,
        &["--jwks", good.to_str().unwrap(), "--ignore-exp"],
    );
    assert_eq!(code, 0);
    let split = home.path().join("split.json");
    fs::write(
        &split,
        json!({"keys":[{"kty":"EC","crv":"P-256",
            "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVA",
            "y":"RcfxRM0bvZt-hyzf7bnuufSzaV1uqQskrYpGIyiFiOWt"}]})
        .to_string(),
    )
    .unwrap();
    let split = split.to_str().unwrap();
    let reason = "member \"x\" is not 32 bytes, as P-256 needs";
    let (code, verdict) = verify(home.path(), token, &["--jwks", split, "--ignore-exp"]);
    assert_eq!(code, 1, "{verdict}");
    assert_eq!(verdict["reason"], "no_matching_key");
    let message = verdict["message"].as_str().unwrap();
    assert!(message.ends_with(reason), "{message}");
    let out = jwksctl(home.path())
        .args(["check", split, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["keys"][0]["status"], "invalid");
    assert_eq!(report[0]["warnings"][0]["code"], "invalid_key");
    assert_eq!(
        report[0]["warnings"][0]["message"],
        format!("key #1: {reason}")
    );
    assert_eq!(report[0]["errors"][0]["code"], "no_usable_key");
}

/// Issue 17: `sig==` is the same signature bytes spelled differently; one
/// signed token has one string, so padding never verifies.
#[test]
fn padded_signature_does_not_verify() {
    let home = tempfile::tempdir().unwrap();
    for (vector, extra) in [
        ("rfc7515/A3_ES256", "--ignore-exp"),
        ("rfc8037/A4_Ed25519", "--jws"),
    ] {
        let v = read_json(&vectors().join(format!("{vector}.json")));
        let token = v["compact"].as_str().unwrap();
        let jwks = vectors().join(format!("{vector}.jwks.json"));
        let args = ["--jwks", jwks.to_str().unwrap(), extra];
        assert_eq!(verify(home.path(), token, &args).0, 0, "{vector}");
        for padded in [format!("{token}=="), format!("{token}=")] {
            let (code, verdict) = verify(home.path(), &padded, &args);
            assert_eq!(code, 1, "{vector}");
            assert_eq!(verdict["valid"], false);
            assert_eq!(verdict["reason"], "bad_signature", "{vector}: {verdict}");
            assert!(
                verdict["message"].as_str().unwrap().contains("'=' padding"),
                "{verdict}"
            );
        }
    }
}

/// A loopback JWKS server that answers after 200 ms and records the most
/// requests it had in flight at once.
fn slow_jwks_server(body: String) -> (Server, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let inflight = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let max = most.clone();
    let server = Server::start(move |_| {
        let n = inflight.fetch_add(1, Ordering::SeqCst) + 1;
        max.fetch_max(n, Ordering::SeqCst);
        std::thread::sleep(std::time::Duration::from_millis(200));
        inflight.fetch_sub(1, Ordering::SeqCst);
        Reply::json(body.clone())
    });
    (server, most)
}

fn mint_in(home: &Path, args: &[&str]) -> String {
    let out = jwksctl(home)
        .args(["token", "mint"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Default sources: the entry the token's issuer points at is consulted
/// first and alone when it decides; otherwise every entry is fetched at once
/// (the server sees the requests overlap).
#[test]
fn default_sources_issuer_first_then_all_concurrently() {
    use std::sync::atomic::Ordering;
    let signer = tempfile::tempdir().unwrap();
    jwksctl(signer.path())
        .args(["keys", "generate", "--alg", "ES256"])
        .assert()
        .success();
    let out = jwksctl(signer.path())
        .args(["keys", "jwks"])
        .output()
        .unwrap();
    let near = Server::fixed(Reply::json(String::from_utf8(out.stdout).unwrap()));
    let near_url = near.url("/jwks").replace("127.0.0.1", "localhost");
    let iss = near.base.replace("127.0.0.1", "localhost");
    let (far, most) = slow_jwks_server(common::good_jwks());
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["save", "near", &near_url, "--no-check"])
        .assert()
        .success();
    for i in 0..6 {
        jwksctl(home.path())
            .args([
                "save",
                &format!("far{i}"),
                &far.url(&format!("/f{i}")),
                "--no-check",
            ])
            .assert()
            .success();
    }
    // The issuer matches "near": valid, and no other entry is fetched.
    let token = mint_in(signer.path(), &["--sub", "a", "--iss", &iss]);
    let out = jwksctl(home.path())
        .args(["-v", "token", "verify", &token])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("the token's issuer matches 'near': consulted first")
    );
    assert_eq!(near.count(), 1);
    assert_eq!(far.count(), 0, "{:?}", far.requests());
    // The verdict names the entry and, as it differs, the URL it holds; a
    // URL given as the source is named once.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("valid: ES256 signature by key ")
            && stdout.contains(&format!(" from 'near' ({near_url}), expires in ")),
        "{stdout}"
    );
    let (_, verdict) = verify(home.path(), &token, &["--jwks", &near_url]);
    let message = verdict["message"].as_str().unwrap();
    assert!(
        message.contains(&format!(" from '{near_url}', expires in ")),
        "{message}"
    );
    // No issuer: every entry, fetched concurrently (the cache has "near").
    let token = mint_in(signer.path(), &["--sub", "a"]);
    let (code, verdict) = verify(home.path(), &token, &[]);
    assert_eq!(code, 0, "{verdict}");
    assert_eq!(verdict["source"], "near");
    assert_eq!(far.count(), 6);
    let most = most.load(Ordering::SeqCst);
    assert!(most >= 2, "only {most} request(s) in flight at once");
    // An issuer entry that cannot decide (unknown kid): one rotation refetch
    // of it, then every other entry; still no key: invalid.
    let stranger = tempfile::tempdir().unwrap();
    let token = mint_in(stranger.path(), &["--sub", "a", "--iss", &iss]);
    let (code, verdict) = verify(home.path(), &token, &["--refresh"]);
    assert_eq!(code, 1, "{verdict}");
    assert_eq!(verdict["reason"], "no_matching_key");
    // Every source was searched in the end: the issuer's entry (kept from
    // the first round) and then all the others.
    let message = verdict["message"].as_str().unwrap();
    assert!(
        message.ends_with(" from near, far0, far1, far2, far3, far4, far5"),
        "{message}"
    );
}

/// When no key matched and a source could not be loaded, the verdict is
/// undecided (exit 3, "retry later"), naming the source; when a key matched
/// and the token is bad, it is invalid (exit 1) even with a source down.
#[test]
fn no_key_matched_with_a_source_down_is_exit_3() {
    let signer = tempfile::tempdir().unwrap();
    let token = mint_in(signer.path(), &["--sub", "a"]);
    let up = Server::fixed(Reply::json(common::good_jwks()));
    let home = tempfile::tempdir().unwrap();
    for (name, url) in [("up", up.url("/jwks")), ("down", refused_url())] {
        jwksctl(home.path())
            .args(["save", name, &url, "--no-check"])
            .assert()
            .success();
    }
    let (code, verdict) = verify(home.path(), &token, &[]);
    assert_eq!(code, 3, "{verdict}");
    assert_eq!(verdict["reason"], "no_matching_key");
    let message = verdict["message"].as_str().unwrap();
    assert!(
        message.contains("undecided: 1 source(s) could not be loaded"),
        "{message}"
    );
    assert!(
        message.contains("'down': cannot fetch http://127.0.0.1"),
        "{message}"
    );
    // In -o json: `valid` stays a boolean; `undecided` and `unavailable` say why.
    assert_eq!(verdict["valid"], false);
    assert_eq!(verdict["undecided"], true);
    let unavailable = verdict["unavailable"].as_array().unwrap();
    assert_eq!(unavailable.len(), 1, "{verdict}");
    assert!(
        unavailable[0]
            .as_str()
            .unwrap()
            .starts_with("'down': cannot fetch"),
        "{verdict}"
    );
    // --batch: the same verdict per line, and exit 3 when none is invalid.
    let out = jwksctl(home.path())
        .args(["token", "verify", "--batch"])
        .write_stdin(format!("{token}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let row: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(row["undecided"], true);
    assert!(row["message"].as_str().unwrap().contains("undecided"));
    // A decided invalid line makes the batch exit 1.
    let out = jwksctl(home.path())
        .args(["token", "verify", "--batch"])
        .write_stdin(format!("{token}\nnot-a-token\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // The signer's own key in the store: a key matches, the signature is bad.
    let bad = corrupt_signature(&token);
    let (code, verdict) = verify(
        signer.path(),
        &bad,
        &[
            "--jwks",
            &up.url("/jwks"),
            "--jwks",
            &refused_url(),
            "--key",
            &{
                let out = jwksctl(signer.path())
                    .args(["keys", "list", "-o", "json"])
                    .output()
                    .unwrap();
                let keys: Value = serde_json::from_slice(&out.stdout).unwrap();
                let kid = keys[0]["kid"].as_str().unwrap().to_string();
                let pem = signer.path().join("pub.pem");
                let out = jwksctl(signer.path())
                    .args(["keys", "export", &kid, "--format", "pem"])
                    .output()
                    .unwrap();
                fs::write(&pem, out.stdout).unwrap();
                pem.to_str().unwrap().to_string()
            },
        ],
    );
    assert_eq!(code, 1, "{verdict}");
    assert_eq!(verdict["reason"], "bad_signature");
}

/// Duplicate member names in the header or the claims, and registered
/// header members of the wrong type, make a token malformed, naming the member.
#[test]
fn duplicate_and_mistyped_members_are_malformed() {
    let home = tempfile::tempdir().unwrap();
    let token = mint_in(home.path(), &["--sub", "a"]);
    let mut parts = token.split('.');
    let (header, claims, sig) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let decode = |part: &str| {
        String::from_utf8(
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, part)
                .unwrap(),
        )
        .unwrap()
    };
    let (h, c) = (decode(header), decode(claims));
    let twice = |json: &str, member: &str, value: &str| {
        format!("{},\"{member}\":{value}}}", json.trim_end_matches('}'))
    };
    let cases = [
        (
            base64_url(twice(&h, "alg", "\"none\"").as_bytes()),
            claims.to_string(),
            "the header names the member \"alg\" twice",
        ),
        (
            base64_url(twice(&h, "kid", "\"other\"").as_bytes()),
            claims.to_string(),
            "the header names the member \"kid\" twice",
        ),
        (
            header.to_string(),
            base64_url(twice(&c, "exp", "99999999999").as_bytes()),
            "the payload names the member \"exp\" twice",
        ),
        (
            base64_url(br#"{"alg":"EdDSA","kid":7}"#),
            claims.to_string(),
            "the header member \"kid\" must be a JSON string",
        ),
    ];
    for (h, c, message) in cases {
        let forged = format!("{h}.{c}.{sig}");
        let (code, verdict) = verify(home.path(), &forged, &[]);
        assert_eq!(code, 1, "{verdict}");
        assert_eq!(verdict["reason"], "malformed", "{verdict}");
        assert!(
            verdict["message"].as_str().unwrap().contains(message),
            "{verdict}"
        );
        jwksctl(home.path())
            .args(["token", "decode", &forged])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
    }
}

/// A token whose key is RSA-1024: verify names the key size and the rule,
/// never "bad signature".
#[test]
fn weak_rsa_keys_are_named_not_bad_signatures() {
    let home = tempfile::tempdir().unwrap();
    let google: Value = serde_json::from_str(&common::good_jwks()).unwrap();
    let mut weak = google["keys"][0].clone();
    weak["n"] = json!(format!("w{}", "A".repeat(170)));
    weak["kid"] = json!("weak");
    let file = home.path().join("weak.json");
    fs::write(&file, json!({"keys": [weak]}).to_string()).unwrap();
    let token = format!(
        "{}.{}.{}",
        base64_url(br#"{"alg":"RS256","kid":"weak"}"#),
        base64_url(br#"{"sub":"a"}"#),
        base64_url(&[7u8; 128])
    );
    let (code, verdict) = verify(home.path(), &token, &["--jwks", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{verdict}");
    assert_eq!(verdict["reason"], "no_matching_key", "{verdict}");
    let message = verdict["message"].as_str().unwrap();
    assert!(message.contains("RSA-1024"), "{message}");
    assert!(message.contains("RFC 7518 3.3"), "{message}");
}

/// Keys and tokens for every algorithm jwksctl verifies, made by PyJWT:
/// {"jwks": {...}, "tokens": {"RS384": "...", ...}, "hmac": {"HS384": "..."},
/// "secret": "<the HMAC secret's raw text>"}.
fn pyjwt_all_algorithms(exp: i64) -> Value {
    let script = r#"
import json, sys, jwt
from cryptography.hazmat.primitives.asymmetric import rsa, ec, ed25519
from jwt.algorithms import RSAAlgorithm, ECAlgorithm, OKPAlgorithm
exp = int(sys.argv[1])
rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
keys = {"rsa": (rsa_key, RSAAlgorithm), "p256": (ec.generate_private_key(ec.SECP256R1()), ECAlgorithm),
        "p384": (ec.generate_private_key(ec.SECP384R1()), ECAlgorithm),
        "p521": (ec.generate_private_key(ec.SECP521R1()), ECAlgorithm),
        "ed": (ed25519.Ed25519PrivateKey.generate(), OKPAlgorithm)}
jwks = []
for kid, (k, alg) in keys.items():
    j = json.loads(alg.to_jwk(k.public_key())); j["kid"] = kid; jwks.append(j)
uses = {"RS256": "rsa", "RS384": "rsa", "RS512": "rsa", "PS256": "rsa", "PS384": "rsa", "PS512": "rsa",
        "ES256": "p256", "ES384": "p384", "ES512": "p521", "EdDSA": "ed"}
claims = {"sub": "alice", "exp": exp}
tokens = {a: jwt.encode(claims, keys[k][0], algorithm=a, headers={"kid": k}) for a, k in uses.items()}
secret = "correct horse battery staple ~~~??? long enough for HS512 keys!"
hmac = {a: jwt.encode(claims, secret.encode(), algorithm=a) for a in ["HS256", "HS384", "HS512"]}
print(json.dumps({"jwks": {"keys": jwks}, "tokens": tokens, "hmac": hmac, "secret": secret}))
"#;
    serde_json::from_str(&run_python(script, &[&exp.to_string()])).unwrap()
}

/// Issue 16: every asymmetric algorithm, from an independent signer, verifies
/// and fails when altered; a JWK whose `alg` differs from the token's or
/// whose `key_ops` lack "verify" is refused, by verify and by check alike.
#[test]
fn every_asymmetric_algorithm_verifies_and_key_rules_hold() {
    let home = tempfile::tempdir().unwrap();
    let made = pyjwt_all_algorithms(now() + 3600);
    let file = home.path().join("jwks.json");
    fs::write(&file, made["jwks"].to_string()).unwrap();
    let jwks = file.to_str().unwrap();
    let tokens = made["tokens"].as_object().unwrap();
    assert_eq!(tokens.len(), 10);
    for (alg, token) in tokens {
        let token = token.as_str().unwrap();
        let (code, verdict) = verify(home.path(), token, &["--jwks", jwks]);
        assert_eq!(code, 0, "{alg}: {verdict}");
        assert_eq!(verdict["alg"], alg.as_str());
        assert_eq!(verdict["claims"]["sub"], "alice");
        let (code, verdict) = verify(home.path(), &corrupt_signature(token), &["--jwks", jwks]);
        assert_eq!(
            (code, verdict["reason"].as_str()),
            (1, Some("bad_signature")),
            "{alg}"
        );
        // --alg limits the accepted algorithms.
        let other = if alg == "EdDSA" { "ES256" } else { "EdDSA" };
        let (code, verdict) = verify(home.path(), token, &["--jwks", jwks, "--alg", other]);
        assert_eq!(
            (code, verdict["reason"].as_str()),
            (1, Some("unsupported_alg")),
            "{alg}"
        );
    }
    // The RSA key declared for RS256 only: an RS384 token is refused with a
    // message naming both, although the signature is the key's.
    let mut pinned = made["jwks"].clone();
    pinned["keys"][0]["alg"] = json!("RS256");
    let pinned_file = home.path().join("pinned.json");
    fs::write(&pinned_file, pinned.to_string()).unwrap();
    let pinned_file = pinned_file.to_str().unwrap();
    let (code, verdict) = verify(
        home.path(),
        tokens["RS256"].as_str().unwrap(),
        &["--jwks", pinned_file],
    );
    assert_eq!(code, 0, "{verdict}");
    let (code, verdict) = verify(
        home.path(),
        tokens["RS384"].as_str().unwrap(),
        &["--jwks", pinned_file],
    );
    assert_eq!(
        (code, verdict["reason"].as_str()),
        (1, Some("no_matching_key")),
        "{verdict}"
    );
    let message = verdict["message"].as_str().unwrap();
    assert!(
        message.contains("RS256") && message.contains("RS384"),
        "{message}"
    );
    // key_ops without "verify".
    let mut ops = made["jwks"].clone();
    for key in ops["keys"].as_array_mut().unwrap() {
        key["key_ops"] = json!(["encrypt"]);
    }
    let ops_file = home.path().join("ops.json");
    fs::write(&ops_file, ops.to_string()).unwrap();
    let ops_file = ops_file.to_str().unwrap();
    for token in tokens.values() {
        let (code, verdict) = verify(home.path(), token.as_str().unwrap(), &["--jwks", ops_file]);
        assert_eq!(
            (code, verdict["reason"].as_str()),
            (1, Some("no_matching_key")),
            "{verdict}"
        );
        assert!(
            verdict["message"].as_str().unwrap().contains("key_ops"),
            "{verdict}"
        );
    }
    let out = jwksctl(home.path())
        .args(["check", ops_file, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["errors"][0]["code"], "no_usable_key", "{report}");
}

/// Issue 16: HMAC secrets in every form (environment, file with one trailing
/// newline stripped, raw / base64 / base64url), HS256/384/512, and the
/// refusals: an empty or unset secret, and an HMAC key from a JWKS source.
#[test]
fn hmac_secrets_in_every_form() {
    use base64::Engine;
    let home = tempfile::tempdir().unwrap();
    let made = pyjwt_all_algorithms(now() + 3600);
    let secret = made["secret"].as_str().unwrap();
    let b64 = base64::engine::general_purpose::STANDARD.encode(secret);
    let b64url = base64_url(secret.as_bytes());
    assert_ne!(b64, b64url, "the two encodings differ for this secret");
    let file = |name: &str, text: &str| {
        let path = home.path().join(name);
        fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let raw_nl = file("raw-nl", &format!("{secret}\n"));
    let raw_2nl = file("raw-2nl", &format!("{secret}\n\n"));
    let b64_file = file("b64", &format!("{b64}\n"));
    let b64url_file = file("b64url", &b64url);
    let empty = file("empty", "");
    for (alg, token) in made["hmac"].as_object().unwrap() {
        let token = token.as_str().unwrap();
        let run = |args: &[&str], env: Option<&str>| {
            let mut cmd = jwksctl(home.path());
            cmd.args(["token", "verify", token, "-o", "json"])
                .args(args);
            if let Some(value) = env {
                cmd.env("SECRET", value);
            }
            let out = cmd.output().unwrap();
            let verdict: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
            (
                out.status.code().unwrap(),
                verdict,
                String::from_utf8_lossy(&out.stderr).to_string(),
            )
        };
        for (args, env) in [
            (vec!["--secret-env", "SECRET"], Some(secret)),
            (vec!["--secret-file", raw_nl.as_str()], None),
            (
                vec![
                    "--secret-file",
                    b64_file.as_str(),
                    "--secret-encoding",
                    "base64",
                ],
                None,
            ),
            (
                vec![
                    "--secret-file",
                    b64url_file.as_str(),
                    "--secret-encoding",
                    "base64url",
                ],
                None,
            ),
            (
                vec!["--secret-env", "SECRET", "--secret-encoding", "base64url"],
                Some(b64url.as_str()),
            ),
        ] {
            let (code, verdict, stderr) = run(&args, env);
            assert_eq!(code, 0, "{alg} {args:?}: {verdict} {stderr}");
            assert_eq!(verdict["alg"], alg.as_str());
        }
        // Only one newline is stripped; the wrong encoding is the wrong key.
        for (args, env) in [
            (vec!["--secret-file", raw_2nl.as_str()], None),
            (vec!["--secret-file", b64_file.as_str()], None),
        ] {
            let (code, verdict, stderr) = run(&args, env);
            assert_eq!(
                (code, verdict["reason"].as_str()),
                (1, Some("bad_signature")),
                "{alg} {args:?}: {stderr}"
            );
        }
        // base64url text where base64 is expected: refused, not guessed.
        let (code, _, stderr) = run(
            &["--secret-env", "SECRET", "--secret-encoding", "base64"],
            Some(b64url.as_str()),
        );
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("env:SECRET: the secret is not valid base64"),
            "{stderr}"
        );
        // No secret at all: a usage error naming the variable or the file.
        let (code, _, stderr) = run(&["--secret-env", "SECRET"], None);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("SECRET"), "{stderr}");
        let (code, _, stderr) = run(&["--secret-env", "SECRET"], Some(""));
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("empty"), "{stderr}");
        let (code, _, stderr) = run(&["--secret-file", empty.as_str()], None);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("empty"), "{stderr}");
    }
    // The same secret published as an oct JWK at a URL, in the registry (and so
    // among the default sources): an HMAC key from a fetched key set never
    // verifies. A JWKS file is an explicit path, like --secret-file: it does.
    let oct = json!({"keys": [{"kty": "oct", "k": b64url, "alg": "HS256"}]}).to_string();
    let oct_file = file("oct.json", &oct);
    let server = Server::fixed(Reply::json(oct.clone()));
    let url = server.url("/jwks");
    jwksctl(home.path())
        .args(["save", "hmac-idp", &url, "--no-check"])
        .assert()
        .success();
    let token = made["hmac"]["HS256"].as_str().unwrap();
    let (code, verdict) = verify(home.path(), token, &["--jwks", &oct_file, "--alg", "HS256"]);
    assert_eq!(code, 0, "{verdict}");
    for args in [
        vec!["--jwks", url.as_str(), "--alg", "HS256"],
        vec!["--jwks", "hmac-idp", "--alg", "HS256"],
        vec!["--alg", "HS256"],
    ] {
        let (code, verdict) = verify(home.path(), token, &args);
        assert_eq!(code, 1, "{args:?}: {verdict}");
        assert_eq!(verdict["reason"], "no_matching_key", "{args:?}: {verdict}");
        assert_eq!(verdict["valid"], false);
    }
}

/// `--color always` colours even a pipe (and beats NO_COLOR); `--color
/// never`, `--no-color` and NO_COLOR with the default `auto` do not.
#[test]
fn color_choice() {
    let home = tempfile::tempdir().unwrap();
    let token = mint_in(home.path(), &["--sub", "a"]);
    let run = |flags: &[&str], no_color: bool| {
        let mut cmd = jwksctl(home.path());
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd
            .args(flags)
            .args(["token", "verify", &token])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let painted = "\u{1b}[32;1mvalid:\u{1b}[0m";
    assert!(run(&["--color", "always"], false).starts_with(painted));
    assert!(run(&["--color", "always"], true).starts_with(painted));
    for (flags, no_color) in [
        (&["--color", "never"][..], false),
        (&["--no-color"][..], false),
        (&[][..], true),
        (&[][..], false),
        (&["--color", "auto"][..], false),
    ] {
        let out = run(flags, no_color);
        assert!(out.starts_with("valid:"), "{flags:?}: {out:?}");
        assert!(!out.contains('\u{1b}'), "{flags:?}: {out:?}");
    }
    jwksctl(home.path())
        .args(["--color", "sometimes", "token", "verify", &token])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'sometimes' for '--color <WHEN>'",
        ));
}

/// A value for a time flag: numbers at and past every boundary (year 9999,
/// i64, u64), negatives, bare numbers, every unit, and arbitrary text.
fn time_flag_value() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        "-?[0-9]{1,22}",
        "-?[0-9]{1,20}(ns|us|ms|s|m|h|d|w|M|y|years|sec)",
        "[0-9]{1,5}y[0-9]{1,3}d",
        Just("253402300799".to_string()),
        Just("253402300800".to_string()),
        Just("9223372036854775807".to_string()),
        Just("-9223372036854775808".to_string()),
        Just("18446744073709551615s".to_string()),
        Just("100y".to_string()),
        Just("101y".to_string()),
        Just("9999-12-31T23:59:59Z".to_string()),
        Just("10000-01-01T00:00:00Z".to_string()),
        Just("1969-12-31T23:59:59Z".to_string()),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})",
        "\\PC{0,16}",
    ]
}

/// A `--claim` value: names and JSON values at the edges (huge numbers,
/// registered names, nested documents, no `=`), and arbitrary text.
fn claim_flag_value() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        "(exp|nbf|iat|a|id|p|sub|x)=-?[0-9]{1,40}(\\.[0-9]{1,5})?(e[0-9]{1,4})?",
        "(exp|nbf|x|perm)=(null|true|\\[\\]|\\{\\}|\\[1,\\{\"a\":\\[\\]\\}\\])",
        "-?[a-z=]{0,6}",
        "\\PC{0,24}",
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 32,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]
    /// Arbitrary --ttl, --claim, --at and --leeway: mint and verify exit 0,
    /// 1, 2 or 3 — never a panic (101) — and a usage error writes nothing
    /// on stdout.
    #[test]
    fn time_and_claim_flags_never_panic(
        ttl in time_flag_value(),
        claim in claim_flag_value(),
        at in time_flag_value(),
        leeway in time_flag_value(),
    ) {
        let home = tempfile::tempdir().unwrap();
        let out = jwksctl(home.path())
            .args(["token", "mint", "--ttl", &ttl, "--claim", &claim])
            .output()
            .unwrap();
        let code = out.status.code();
        proptest::prop_assert!(matches!(code, Some(0..=2)), "mint {ttl:?} {claim:?}: {out:?}");
        if code == Some(2) {
            proptest::prop_assert!(out.stdout.is_empty());
        }
        let token = if code == Some(0) {
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        } else {
            mint_in(home.path(), &[])
        };
        let out = jwksctl(home.path())
            .args(["token", "verify", &token, "--at", &at, "--leeway", &leeway, "-o", "json"])
            .output()
            .unwrap();
        let code = out.status.code();
        proptest::prop_assert!(matches!(code, Some(0..=3)), "verify --at {at:?} --leeway {leeway:?}: {out:?}");
        // Every outcome is a JSON document: a verdict or an error.
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        proptest::prop_assert!(doc.get("valid").is_some() || doc.get("error").is_some());
    }
}

/// Dates past year 9999 and negative lifetimes are usage errors, not panics;
/// bare numbers name the units they could mean; `--at` before `iat` says so.
#[test]
fn dates_and_durations_at_their_bounds() {
    let home = tempfile::tempdir().unwrap();
    for (args, message) in [
        (
            &["token", "mint", "--ttl", "8000y"][..],
            "at most 100 years",
        ),
        (
            &["token", "mint", "--ttl", "90"][..],
            "90s, 90m, 90h or 90d",
        ),
        (&["token", "mint", "--ttl", "-5m"][..], "cannot be negative"),
        (&["token", "verify", "x", "--leeway", "90"][..], "90s, 90m"),
        (
            &["token", "verify", "x", "--leeway", "200y"][..],
            "at most 100 years",
        ),
        (
            &["token", "verify", "x", "--at", "253402300800"][..],
            "9999-12-31T23:59:59Z",
        ),
        (
            &["token", "verify", "x", "--at", "-1"][..],
            "1970-01-01T00:00:00Z",
        ),
    ] {
        let out = jwksctl(home.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} {out:?}");
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!stderr.contains("90ms"), "{stderr}");
    }
    // 1y is a documented unit.
    let token = mint_in(home.path(), &["--ttl", "1y"]);
    let out = jwksctl(home.path())
        .args(["token", "verify", &token, "--at", "253402300799"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let out = jwksctl(home.path())
        .args(["token", "verify", &token, "--at", "1000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("note: it is judged at 1970-01-01T00:16:40Z, before it was issued"),
        "{text}"
    );
    let out = jwksctl(home.path())
        .args(["token", "mint", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("1y"));
    // Dates past year 9999 in a token print as numbers, never panic.
    let far = format!(
        "{}.{}.c2ln",
        base64_url(br#"{"alg":"EdDSA"}"#),
        base64_url(br#"{"exp":99999999999999,"iat":-99999999999999,"nbf":1e300}"#)
    );
    for format in ["text", "json"] {
        let out = jwksctl(home.path())
            .args(["token", "decode", &far, "-o", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("99999999999999"));
    }
    let out = jwksctl(home.path())
        .args(["token", "verify", &far, "-o", "json"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(1 | 3)), "{out:?}");
}

/// RFC 3339 for Unix seconds, with an offset of `offset_hours` (0: `Z`).
fn rfc3339_at(secs: i64, offset_hours: i64) -> String {
    let local =
        std::time::UNIX_EPOCH + std::time::Duration::from_secs((secs + offset_hours * 3600) as u64);
    let text = humantime::format_rfc3339_seconds(local).to_string();
    if offset_hours == 0 {
        text
    } else {
        text.replace('Z', &format!("{offset_hours:+03}:00"))
    }
}

/// `--at` in RFC 3339 (UTC and with an offset) judges exp at that instant,
/// with the default 60 s leeway (valid 59 s after exp, expired at 60 s); bad `--at`, `--leeway` and `--timeout`
/// values are usage errors that name the value, before any fetch.
#[test]
fn at_in_rfc3339_and_invalid_time_flags() {
    let home = tempfile::tempdir().unwrap();
    let token = mint_in(home.path(), &["--ttl", "1h"]);
    let (_, verdict) = verify(home.path(), &token, &[]);
    let exp = verdict["claims"]["exp"].as_i64().unwrap();
    for offset in [0, 1, -5] {
        let (code, verdict) = verify(
            home.path(),
            &token,
            &["--at", &rfc3339_at(exp + 59, offset)],
        );
        assert_eq!(
            (code, &verdict["valid"]),
            (0, &json!(true)),
            "{offset}: {verdict}"
        );
        let (code, verdict) = verify(
            home.path(),
            &token,
            &["--at", &rfc3339_at(exp + 60, offset)],
        );
        assert_eq!(
            (code, verdict["reason"].as_str()),
            (1, Some("expired")),
            "{offset}: {verdict}"
        );
    }

    let server = Server::fixed(Reply::json(common::good_jwks()));
    let jwks = server.url("/k");
    for (args, message) in [
        (
            ["--at", "yesterday"],
            "error: invalid --at \"yesterday\": timestamp format is invalid (expected Unix seconds or RFC 3339, e.g. 2024-05-01T12:00:00Z)\n",
        ),
        (
            ["--leeway", "5parsecs"],
            "error: invalid value '5parsecs' for '--leeway <DURATION>': unknown unit \"parsecs\" in \"5parsecs\" (units: s, m, h, d, w, y (365.25 days), combined as in 1h30m)\n\nFor more information, try '--help'.\n",
        ),
        (
            ["--timeout", "0s"],
            "error: invalid value '0s' for '--timeout <DURATION>': must be more than zero\n",
        ),
        (
            ["--timeout", "soon"],
            "error: invalid value 'soon' for '--timeout <DURATION>': \"soon\" is not a duration (units: s, m, h, d, w, y (365.25 days), combined as in 1h30m)\n",
        ),
        (
            // `none` is never an algorithm to allow.
            ["--alg", "none"],
            "error: invalid value 'none' for '--alg <ALG>'\n  [possible values: EdDSA, ES256, ES384, ES512, RS256, RS384, RS512, PS256, PS384, PS512, HS256, HS384, HS512]\n\nFor more information, try '--help'.\n",
        ),
    ] {
        jwksctl(home.path())
            .args(["token", "verify", &token, "--jwks", &jwks])
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(message);
    }
    assert_eq!(server.count(), 0, "no fetch before the flags are read");
    // `--alg` takes the JWS names in any case.
    let (code, verdict) = verify(home.path(), &token, &["--alg", "eDdSa"]);
    assert_eq!((code, &verdict["valid"]), (0, &json!(true)), "{verdict}");
    let (code, verdict) = verify(home.path(), &token, &["--alg", "es256"]);
    assert_eq!(
        (code, verdict["reason"].as_str()),
        (1, Some("unsupported_alg")),
        "{verdict}"
    );
}

/// `--refresh` fetches a JWKS the cache still holds fresh.
#[test]
fn verify_refresh_fetches_anew() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["keys", "generate", "--kid", "k"])
        .assert()
        .success();
    let token = mint_in(home.path(), &[]);
    let jwk = jwksctl(home.path())
        .args(["keys", "export", "k", "--format", "jwk"])
        .output()
        .unwrap()
        .stdout;
    let jwk: Value = serde_json::from_slice(&jwk).unwrap();
    let server = Server::fixed(
        Reply::json(json!({ "keys": [jwk] }).to_string()).header("Cache-Control", "max-age=300"),
    );
    let url = server.url("/k");
    for (extra, requests) in [(None, 1), (None, 1), (Some("--refresh"), 2)] {
        let mut args = vec!["--jwks", url.as_str()];
        args.extend(extra);
        let (code, verdict) = verify(home.path(), &token, &args);
        assert_eq!(code, 0, "{verdict}");
        assert_eq!(server.count(), requests, "{extra:?}");
    }
}

/// Key files alone fetch nothing, so `token verify --key` reads neither the
/// network settings nor the JWKS cache: a broken `config.yaml` and a cache
/// directory others can write to do not concern it. A run that may fetch
/// (`--jwks URL`) still reads both, and refuses the broken file.
#[cfg(unix)]
#[test]
fn key_files_alone_read_no_settings_and_no_cache() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["keys", "generate", "--kid", "k"])
        .assert()
        .success();
    let token = mint_in(home.path(), &["--key", "k"]);
    let out = jwksctl(home.path())
        .args(["keys", "export", "k", "--format", "jwk"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let jwk = work.path().join("k.jwk");
    fs::write(&jwk, &out.stdout).unwrap();
    let jwk = jwk.to_str().unwrap();
    let config = home.path().join("config/config.yaml");
    fs::write(&config, "timeout: [not, a, duration\n").unwrap();
    let cache = home.path().join("cache");
    fs::create_dir_all(&cache).unwrap();
    fs::set_permissions(&cache, fs::Permissions::from_mode(0o777)).unwrap();

    let out = jwksctl(home.path())
        .args(["token", "verify", &token, "--key", jwk])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "", "nothing about the settings or the cache");
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("valid: "),
        "{out:?}"
    );

    let jwk_doc: Value = serde_json::from_str(&fs::read_to_string(jwk).unwrap()).unwrap();
    let server = Server::fixed(Reply::json(json!({ "keys": [jwk_doc] }).to_string()));
    let out = jwksctl(home.path())
        .args([
            "token",
            "verify",
            &token,
            "--jwks",
            &server.url("/jwks.json"),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: invalid config file {}", config.display())),
        "{stderr}"
    );
    assert_eq!(out.stdout, b"");
}

/// `--jwks` that names nothing, or plain http off loopback, is a usage
/// error; `--key` reads a JWK file and sqld's raw base64url key (and only
/// that key: another key's file does not verify); a source that cannot be
/// reached does not stop one that loads from deciding.
#[test]
fn jwks_and_key_sources() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["keys", "generate", "--kid", "k"])
        .assert()
        .success();
    jwksctl(home.path())
        .args(["keys", "generate", "--kid", "other"])
        .assert()
        .success();
    let token = mint_in(home.path(), &["--key", "k"]);
    let export = |kid: &str, format: &str| {
        let out = jwksctl(home.path())
            .args(["keys", "export", kid, "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        let path = work.path().join(format!("{kid}.{format}"));
        fs::write(&path, out.stdout).unwrap();
        path.to_str().unwrap().to_string()
    };
    let (jwk, raw, other_raw) = (
        export("k", "jwk"),
        export("k", "sqld"),
        export("other", "sqld"),
    );
    assert!(!fs::read_to_string(&raw).unwrap().contains('{'));
    // Only the files can verify from here on.
    for kid in ["k", "other"] {
        jwksctl(home.path())
            .args(["keys", "remove", kid, "-y"])
            .assert()
            .success();
    }
    for file in [&jwk, &raw] {
        let (code, verdict) = verify(home.path(), &token, &["--key", file]);
        assert_eq!(code, 0, "{file}: {verdict}");
        assert_eq!(verdict["source"], file.as_str(), "{verdict}");
    }
    let (code, verdict) = verify(home.path(), &token, &["--key", &other_raw]);
    assert_eq!(code, 1, "{verdict}");
    assert_ne!(verdict["valid"], true);

    jwksctl(home.path())
        .args(["token", "verify", &token, "--jwks", "nosuch"])
        .assert()
        .code(2)
        .stderr("error: --jwks \"nosuch\" is not a registry entry, an http(s) URL or an existing file\nhint: the registry is empty\n");
    jwksctl(home.path())
        .args(["token", "verify", &token, "--jwks", "http://jwks.example/keys"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: --jwks refusing plain http:// for jwks.example: keys fetched without TLS can be replaced in transit\nhint: use https://",
        ));

    let jwk_doc: Value = serde_json::from_str(&fs::read_to_string(&jwk).unwrap()).unwrap();
    let server = Server::fixed(Reply::json(json!({ "keys": [jwk_doc] }).to_string()));
    let down = refused_url();
    let out = jwksctl(home.path())
        .args(["token", "verify", &token, "-o", "json", "--jwks", &down])
        .args(["--jwks", &server.url("/k")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let verdict: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdict["source"], server.url("/k").as_str());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("warning: cannot load keys: cannot fetch {down}")),
        "{stderr}"
    );
}

/// `--batch` with a terminal on stdin is refused at once (it would wait for
/// lines no one types), saying how to feed it.
#[test]
fn batch_on_a_terminal_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = common::jwksctl_std(home.path());
    cmd.args(["token", "verify", "--batch"])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
    p.exp_string("error: --batch reads tokens from stdin, one per line")
        .unwrap();
    p.exp_string("jwksctl token verify --batch < tokens.txt")
        .unwrap();
    let status = format!("{:?}", p.process().wait().unwrap());
    assert!(
        status.starts_with("Exited(") && status.ends_with(", 2)"),
        "{status}"
    );
}

/// A rotation seen in the middle of a batch: the cached JWKS holds key a,
/// the endpoint now serves b before a. After the refetch, key b is checked
/// with b's own material (nothing prepared for the old key list is reused).
#[test]
fn rotation_during_a_batch_uses_the_new_keys() {
    let signer = tempfile::tempdir().unwrap();
    let jwk = |kid: &str| -> Value {
        jwksctl(signer.path())
            .args(["keys", "generate", "--kid", kid])
            .assert()
            .success();
        let out = jwksctl(signer.path())
            .args(["keys", "export", kid, "--format", "jwk"])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (a, b) = (jwk("a"), jwk("b"));
    let token_a = mint_in(signer.path(), &["--key", "a"]);
    let token_b = mint_in(signer.path(), &["--key", "b"]);
    let served = std::sync::atomic::AtomicUsize::new(0);
    let server = Server::start(move |_| {
        let keys = if served.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            json!({ "keys": [a] })
        } else {
            json!({ "keys": [b, a] })
        };
        Reply::json(keys.to_string()).header("Cache-Control", "max-age=300")
    });
    let home = tempfile::tempdir().unwrap();
    // The first run fills the cache; the batch starts from the cached copy
    // (a copy fetched from the origin in the same run is not refetched).
    let (code, verdict) = verify(home.path(), &token_a, &["--jwks", &server.url("/k")]);
    assert_eq!(code, 0, "{verdict}");
    let out = jwksctl(home.path())
        .args(["token", "verify", "--batch", "--jwks", &server.url("/k")])
        .write_stdin(format!("{token_a}\n{token_b}\n"))
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for (line, kid) in lines.iter().zip(["a", "b"]) {
        assert_eq!(line["valid"], true, "{line}");
        assert_eq!(line["kid"], kid, "{line}");
    }
    assert_eq!(server.count(), 2, "one fetch, one rotation refetch");
}

/// `--batch --jobs N` answers as `--jobs 1` does, line for line and in
/// input order: valid, expired, malformed, over-long, altered and blank
/// lines, and a rotation in the middle that retires the old key (its tokens
/// are valid before the first unknown kid and have no key after it, however
/// far ahead the other threads had judged), refetched once.
#[test]
fn batch_jobs_answer_as_one_job_does() {
    let signer = tempfile::tempdir().unwrap();
    let jwk = |kid: &str| -> Value {
        jwksctl(signer.path())
            .args(["keys", "generate", "--kid", kid])
            .assert()
            .success();
        let out = jwksctl(signer.path())
            .args(["keys", "export", kid, "--format", "jwk"])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (a, b) = (jwk("a"), jwk("b"));
    jwk("stranger");
    let token_a = mint_in(signer.path(), &["--key", "a"]);
    let token_b = mint_in(signer.path(), &["--key", "b"]);
    let expired = mint_in(signer.path(), &["--key", "a", "--ttl", "1m"]);
    let stranger = mint_in(signer.path(), &["--key", "stranger"]);
    let rotated = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let serving = rotated.clone();
    let server = Server::start(move |_| {
        let keys = if serving.load(std::sync::atomic::Ordering::SeqCst) {
            json!({ "keys": [b] })
        } else {
            json!({ "keys": [a] })
        };
        Reply::json(keys.to_string()).header("Cache-Control", "max-age=300")
    });
    let mut input = format!(
        "{token_a}\n\n{expired}\nnot-a-token\n{}\n{}\n",
        "x".repeat(1024 * 1024 + 10),
        corrupt_signature(&token_a)
    );
    for _ in 0..30 {
        input.push_str(&format!("{token_a}\n"));
    }
    input.push_str(&format!("{token_b}\n \n"));
    for _ in 0..30 {
        input.push_str(&format!("{token_a}\n"));
    }
    input.push_str(&format!("{stranger}\n{token_b}\n"));
    // Judged ten minutes from now: the 1m token has expired.
    let at = (now() + 600).to_string();
    let mut outputs = Vec::new();
    for jobs in ["1", "4"] {
        // The cache starts with key a only; the endpoint then serves b only.
        let home = tempfile::tempdir().unwrap();
        rotated.store(false, std::sync::atomic::Ordering::SeqCst);
        let (code, verdict) = verify(home.path(), &token_a, &["--jwks", &server.url("/k")]);
        assert_eq!(code, 0, "{verdict}");
        rotated.store(true, std::sync::atomic::Ordering::SeqCst);
        let before = server.count();
        let out = jwksctl(home.path())
            .args(["token", "verify", "--batch", "--jobs", jobs])
            .args(["--leeway", "0s", "--at", &at, "--jwks", &server.url("/k")])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "jobs {jobs}");
        assert_eq!(
            server.count() - before,
            1,
            "jobs {jobs}: one rotation refetch"
        );
        let rows: Vec<Value> = String::from_utf8(out.stdout.clone())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let numbers: Vec<u64> = rows.iter().map(|r| r["line"].as_u64().unwrap()).collect();
        let mut expected: Vec<u64> = vec![1, 3, 4, 5, 6];
        expected.extend(7..=37);
        expected.extend(39..=70);
        assert_eq!(
            numbers, expected,
            "jobs {jobs}: in order, blank lines skipped"
        );
        let reason = |line: u64| rows.iter().find(|r| r["line"] == line).unwrap()["reason"].clone();
        assert_eq!(reason(1), Value::Null);
        assert_eq!(reason(3), "expired");
        assert_eq!(reason(4), "malformed");
        assert_eq!(reason(5), "malformed", "the over-long line");
        assert_eq!(reason(6), "bad_signature");
        assert_eq!(reason(36), Value::Null, "key a before the rotation");
        assert_eq!(reason(37), Value::Null, "key b, refetched");
        assert_eq!(reason(39), "no_matching_key", "key a retired");
        assert_eq!(reason(68), "no_matching_key", "key a retired");
        assert_eq!(reason(69), "no_matching_key", "no second refetch");
        assert_eq!(reason(70), Value::Null);
        // The rows as given, but for the cached copy's age in seconds, which
        // two runs a moment apart on a loaded machine may see differently.
        let mut rows = rows;
        for row in &mut rows {
            for source in row["sources"].as_array_mut().into_iter().flatten() {
                if let Some(age) = source["cache"].get_mut("age") {
                    assert!(age.is_u64(), "{row}");
                    *age = Value::Null;
                }
            }
        }
        outputs.push(rows);
    }
    assert_eq!(outputs[0], outputs[1]);
}

/// `--jobs`: exit 0 when every line is valid; a count of at least one, and
/// only with --batch (usage errors, nothing written).
#[test]
fn batch_jobs_exit_codes_and_usage() {
    let home = tempfile::tempdir().unwrap();
    let token = mint_in(home.path(), &[]);
    let out = jwksctl(home.path())
        .args(["token", "verify", "--batch", "--jobs", "3"])
        .write_stdin(format!("{token}\n").repeat(50))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 50);
    for (args, says) in [
        (&["--batch", "--jobs", "0"][..], "at least one job"),
        (&["--batch", "--jobs", "two"][..], "not a number of jobs"),
        (&["--batch", "--jobs", "-1"][..], "'-1'"),
        (&["--jobs", "2", token.as_str()][..], "--batch"),
    ] {
        let out = jwksctl(home.path())
            .args(["token", "verify"])
            .args(args)
            .write_stdin(format!("{token}\n"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

/// The verifier names no flags; the command turns its remedies into hints
/// that do (`--jws`, `--secret-env`, `--alg`), on stderr.
#[test]
fn remedies_become_flag_hints() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["keys", "generate", "--alg", "EdDSA", "--kid", "ed"])
        .assert()
        .success();
    jwksctl(home.path())
        .args(["keys", "generate", "--alg", "HS256", "--kid", "hs"])
        .assert()
        .success();
    // A JWS over plain text, signed by the store's EdDSA key.
    let text_jws = {
        let out = jwksctl(home.path())
            .args(["token", "mint", "--key", "ed", "--sub", "a"])
            .output()
            .unwrap();
        let token = String::from_utf8(out.stdout).unwrap();
        let header = token.split('.').next().unwrap().to_string();
        // Same header, a text payload, the original signature: malformed
        // before any signature check.
        format!("{header}.{}.c2ln", base64_url(b"plain text"))
    };
    let hs = mint_in(home.path(), &["--key", "hs", "--sub", "a"]);
    let es = mint_in(home.path(), &["--key", "ed", "--sub", "a"]);
    for (token, args, hint) in [
        (
            text_jws.as_str(),
            &[][..],
            "hint: for a JWS that signs plain text, pass --jws",
        ),
        (
            hs.as_str(),
            &[][..],
            "hint: pass the secret with --secret-env VAR or --secret-file PATH",
        ),
        (
            es.as_str(),
            &["--alg", "RS256"][..],
            "hint: allow it with --alg, if you trust it",
        ),
    ] {
        let out = jwksctl(home.path())
            .args(["token", "verify", token])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(hint), "{hint}: {stderr}");
    }
}

/// Age every cached JWKS in HOME by SECS (its fetch date moved back).
fn age_cache(home: &Path, secs: u64) {
    let dir = home.join("cache/jwks");
    for file in fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
        let mut entry: Value = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
        entry["fetched_at"] = json!(entry["fetched_at"].as_u64().unwrap() - secs);
        fs::write(&file, entry.to_string()).unwrap();
    }
}

/// A signer home with key KID: its public JWK and a token it signs.
fn signer(kid: &str) -> (tempfile::TempDir, Value, String) {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["keys", "generate", "--kid", kid])
        .assert()
        .success();
    let out = jwksctl(home.path())
        .args(["keys", "export", kid, "--format", "jwk"])
        .output()
        .unwrap();
    let jwk = serde_json::from_slice(&out.stdout).unwrap();
    let token = mint_in(home.path(), &["--key", kid, "--sub", "a"]);
    (home, jwk, token)
}

/// Issue 22: the cache never hides a dead endpoint or a revoked key. Every
/// verdict says per source how the cache served it (null: from the server;
/// fresh; revalidated; stale, with its age); one that relied on a stale copy
/// says `"stale": true` and `stale:` in its message, and the warning that
/// the server is down survives -q. Once the copy is older than max_stale
/// (the key removed from the server, the server down, the cache entry
/// fetched 400 days ago), the source is unavailable: undecided, exit 3 —
/// never valid.
#[test]
fn a_stale_copy_is_said_and_bounded() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let (_signer, jwk, token) = signer("k");
    let up = Arc::new(AtomicBool::new(true));
    let answer = up.clone();
    let server = Server::start(move |req| {
        if !answer.load(Ordering::SeqCst) {
            // Down, and the key is gone from what it would serve.
            Reply::status(503, "down")
        } else if req.header("if-none-match") == Some("\"v1\"") {
            Reply::status(304, "")
        } else {
            Reply::json(json!({ "keys": [jwk] }).to_string()).header("ETag", "\"v1\"")
        }
    });
    let url = server.url("/jwks");
    let home = tempfile::tempdir().unwrap();
    let cache_of = |verdict: &Value| {
        let sources = verdict["sources"].as_array().unwrap();
        assert_eq!(sources.len(), 1, "{verdict}");
        assert_eq!(sources[0]["source"], url.as_str(), "{verdict}");
        assert_eq!(sources[0]["url"], url.as_str(), "{verdict}");
        sources[0]["cache"].clone()
    };
    // From the server: cache null; then fresh; then a 304.
    let (code, verdict) = verify(home.path(), &token, &["--jwks", &url]);
    assert_eq!((code, cache_of(&verdict)), (0, Value::Null), "{verdict}");
    assert_eq!(verdict["stale"], false);
    let (code, verdict) = verify(home.path(), &token, &["--jwks", &url]);
    assert_eq!(
        (code, cache_of(&verdict)["state"].clone()),
        (0, json!("fresh"))
    );
    age_cache(home.path(), 3600);
    let (code, verdict) = verify(home.path(), &token, &["--jwks", &url]);
    let cache = cache_of(&verdict);
    assert_eq!((code, cache["state"].clone()), (0, json!("revalidated")));
    assert!(cache["age"].as_u64().unwrap() >= 3600, "{cache}");
    assert_eq!(verdict["stale"], false);

    // The server goes down; the copy is an hour stale: used, and said.
    up.store(false, Ordering::SeqCst);
    age_cache(home.path(), 3600);
    let (code, verdict) = verify(home.path(), &token, &["--jwks", &url]);
    assert_eq!(code, 0, "{verdict}");
    assert_eq!(verdict["valid"], true);
    assert_eq!(verdict["stale"], true, "{verdict}");
    let cache = cache_of(&verdict);
    assert_eq!(cache["state"], "stale", "{verdict}");
    assert!(cache["age"].as_u64().unwrap() >= 3600, "{cache}");
    let message = verdict["message"].as_str().unwrap();
    assert!(
        message.contains("stale: the keys of '") && message.contains("are a cached copy fetched"),
        "{message}"
    );
    // -q: the verdict line alone on stdout, the warning kept on stderr.
    let out = jwksctl(home.path())
        .args(["-q", "token", "verify", &token, "--jwks", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("valid: ") && stdout.contains("stale: "),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("using a stale cached copy of"), "{stderr}");
    // --batch rows say the same.
    let out = jwksctl(home.path())
        .args(["token", "verify", "--batch", "--jwks", &url])
        .write_stdin(format!("{token}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let row: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(row["stale"], true, "{row}");
    assert_eq!(row["sources"][0]["cache"]["state"], "stale", "{row}");

    // Fetched 400 days ago: past max_stale, the source is unavailable.
    age_cache(home.path(), 400 * 86_400);
    let (code, verdict) = verify(home.path(), &token, &["--jwks", &url]);
    assert_eq!(code, 3, "{verdict}");
    assert_eq!(verdict["valid"], false);
    assert_eq!(verdict["undecided"], true);
    assert_eq!(verdict["reason"], "no_matching_key");
    assert_eq!(verdict["stale"], false);
    let unavailable = verdict["unavailable"][0].as_str().unwrap();
    assert!(
        unavailable.contains("more than the 1day allowed"),
        "{verdict}"
    );
    let out = jwksctl(home.path())
        .args(["-q", "token", "verify", &token, "--jwks", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("undecided: "));
    // The same through a registry entry and the default sources.
    jwksctl(home.path())
        .args(["save", "idp", &url, "--no-check"])
        .assert()
        .success();
    let (code, verdict) = verify(home.path(), &token, &[]);
    assert_eq!(
        (code, verdict["undecided"].clone()),
        (3, json!(true)),
        "{verdict}"
    );
}

/// Issue 22: a source that answered with something that is not a JWKS (an
/// HTML page, a 404) failed for good: listed in `broken`, never a reason to
/// call a verdict undecided — so one such entry does not make every
/// unknown-kid verify exit 3 — and a definite failure wins over an
/// unreachable source (exit 1).
#[test]
fn a_source_that_is_not_a_jwks_is_a_definite_failure() {
    let (_signer, _jwk, token) = signer("unknown");
    let (_other, other_jwk, _) = signer("other");
    let html = Server::fixed(
        Reply::status(200, "<!doctype html><title>login</title>")
            .header("Content-Type", "text/html"),
    );
    let gone = Server::fixed(Reply::status(404, "not found"));
    let good = Server::fixed(Reply::json(json!({ "keys": [other_jwk] }).to_string()));
    let home = tempfile::tempdir().unwrap();
    let save = |name: &str, url: &str| {
        jwksctl(home.path())
            .args(["save", name, url, "--no-check"])
            .assert()
            .success();
    };
    save("good", &good.url("/jwks"));
    save("html", &html.url("/jwks"));
    // An unknown kid: the HTML entry is broken, not unavailable: exit 1.
    let (code, verdict) = verify(home.path(), &token, &[]);
    assert_eq!(code, 1, "{verdict}");
    assert_eq!(verdict["reason"], "no_matching_key");
    assert_eq!(verdict["undecided"], false);
    assert_eq!(verdict["unavailable"], json!([]), "{verdict}");
    let broken = verdict["broken"].as_array().unwrap();
    assert_eq!(broken.len(), 1, "{verdict}");
    assert!(
        broken[0].as_str().unwrap().starts_with("html: not JSON"),
        "{verdict}"
    );
    let message = verdict["message"].as_str().unwrap();
    assert!(
        message.contains("1 source(s) failed and may hold the key"),
        "{message}"
    );
    // A 404 is as definite; a closed port beside them does not make it
    // undecided: the definite failures win (exit 1).
    save("gone", &gone.url("/jwks"));
    save("down", &refused_url());
    let (code, verdict) = verify(home.path(), &token, &[]);
    assert_eq!(code, 1, "{verdict}");
    assert_eq!(verdict["undecided"], false);
    assert_eq!(verdict["broken"].as_array().unwrap().len(), 2, "{verdict}");
    assert_eq!(
        verdict["unavailable"].as_array().unwrap().len(),
        1,
        "{verdict}"
    );
    // --batch: the same, exit 1.
    let out = jwksctl(home.path())
        .args(["token", "verify", "--batch"])
        .write_stdin(format!("{token}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // Only the closed port failing: retry later (exit 3).
    let (code, verdict) = verify(home.path(), &token, &["--jwks", &refused_url()]);
    assert_eq!((code, verdict["undecided"].clone()), (3, json!(true)));
    // Only the HTML page: nothing loaded, said plainly, exit 1.
    let (code, verdict) = verify(home.path(), &token, &["--jwks", "html"]);
    assert_eq!(
        (code, verdict["undecided"].clone()),
        (1, json!(false)),
        "{verdict}"
    );
    let message = verdict["message"].as_str().unwrap();
    assert!(
        message.contains("among the key sources: none could be loaded"),
        "{message}"
    );
}

/// "among 0 keys from no source" is said plainly: a source that holds no
/// key is named as holding none.
#[test]
fn no_key_held_by_any_source_is_said_plainly() {
    let (_signer, _jwk, token) = signer("k");
    let empty = Server::fixed(Reply::json(r#"{"keys": []}"#));
    let home = tempfile::tempdir().unwrap();
    let url = empty.url("/jwks");
    let (code, verdict) = verify(home.path(), &token, &["--jwks", &url]);
    assert_eq!(code, 1, "{verdict}");
    let message = verdict["message"].as_str().unwrap();
    assert_eq!(
        message,
        format!("no key with kid \"k\" among the keys of {url}: it holds none")
    );
    let both = format!("{url}?again");
    let (_, verdict) = verify(home.path(), &token, &["--jwks", &url, "--jwks", &both]);
    let message = verdict["message"].as_str().unwrap();
    assert!(message.ends_with(": none of them holds any"), "{message}");
}

/// `-q token verify` prints the verdict line only (no claims document);
/// `-o json` is the same document with or without -q.
#[test]
fn quiet_verify_prints_only_the_verdict_line() {
    let (signer, _jwk, token) = signer("k");
    // One instant for every run: the verdict line says "expires in …",
    // which would change between runs a minute apart on a slow machine.
    let at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let run = |args: &[&str]| {
        let out = jwksctl(signer.path())
            .args(args)
            .args(["token", "verify", "--at", &at, &token])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let full = run(&[]);
    assert!(full.lines().count() > 1, "{full}");
    assert!(full.contains("\"sub\": \"a\""), "{full}");
    let quiet = run(&["-q"]);
    assert_eq!(quiet, format!("{}\n", full.lines().next().unwrap()));
    let keys = |text: &str| {
        let doc: Value = serde_json::from_str(text).unwrap();
        let mut keys: Vec<String> = doc.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        (keys, doc["claims"].clone(), doc["valid"].clone())
    };
    assert_eq!(
        keys(&run(&["-q", "-o", "json"])),
        keys(&run(&["-o", "json"]))
    );
}

/// `--batch`: a line over the size limit made of whitespace only is a blank
/// line (no row), and one with text is malformed, whatever the jobs: its
/// bytes are dropped as they are read, but what they were is kept.
#[test]
fn batch_an_over_long_blank_line_is_still_blank() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["keys", "generate"])
        .assert()
        .success();
    let token = mint_in(home.path(), &[]);
    let spaces = " \t".repeat(1024 * 512 + 5);
    let input = format!("{token}\n{spaces}\n{spaces}x\n{token}\n");
    for jobs in ["1", "2"] {
        let out = jwksctl(home.path())
            .args(["token", "verify", "--batch", "--jobs", jobs])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "jobs {jobs}");
        let rows: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let lines: Vec<(u64, Value)> = rows
            .iter()
            .map(|r| (r["line"].as_u64().unwrap(), r["reason"].clone()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (1, Value::Null),
                (3, Value::from("malformed")),
                (4, Value::Null)
            ],
            "jobs {jobs}"
        );
    }
}
