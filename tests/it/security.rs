//! The security review's findings, each written as the attack:
//! loopback servers play the hostile endpoint or API, and each test checks
//! that the attack fails — the token never reaches a second host, a stray
//! file never stands in for a registry entry, a trickling body cannot hold
//! the process, escape sequences arrive escaped. docs/security.md lists the
//! guarantees these tests prove.

use crate::common;

use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use base64::Engine;
use common::{Reply, Server, good_jwks, jwksctl};
use predicates::prelude::*;
use serde_json::json;

const TOKEN: &str = "tok-5e1d-attack-SECRET";

fn turso(home: &Path, api_url: &str) -> Command {
    let mut cmd = jwksctl(home);
    cmd.env("JWKSCTL_REGISTRY", "turso")
        .env("JWKSCTL_ORG", "acme")
        .env("JWKSCTL_API_URL", api_url)
        .env("TURSO_API_TOKEN", TOKEN);
    cmd
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// An HS256 token over `claims`, signed with `secret`.
fn hs256(secret: &[u8], claims: serde_json::Value) -> String {
    let input = format!(
        "{}.{}",
        b64(br#"{"alg":"HS256","typ":"JWT"}"#),
        b64(claims.to_string().as_bytes())
    );
    let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, secret);
    let tag = aws_lc_rs::hmac::sign(&key, input.as_bytes());
    format!("{input}.{}", b64(tag.as_ref()))
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// High 1: the API answers 307 to another host (which would answer 307 to
/// itself). Nothing reaches the second host — no token, no replayed body —
/// nothing is reported as saved, and no request carries a Referer.
#[test]
fn the_turso_token_never_follows_a_redirect() {
    let other = Server::fixed(Reply::json(r#"{"jwks":[]}"#));
    // "localhost" is another host than the API's 127.0.0.1.
    let elsewhere = other.base.replace("127.0.0.1", "localhost");
    let target = elsewhere.clone();
    let api = Server::start(move |req| {
        Reply::status(307, "").header("Location", &format!("{target}{}", req.path))
    });
    let home = tempfile::tempdir().unwrap();
    let cases: [&[&str]; 4] = [
        &["list"],
        &[
            "save",
            "clerk",
            "https://example.com/jwks.json",
            "--no-check",
        ],
        &["remove", "clerk", "-y"],
        &["template", "-d", "mydb"],
    ];
    for args in cases {
        for verbose in [false, true] {
            let mut cmd = turso(home.path(), &api.base);
            if verbose {
                cmd.arg("-v");
            }
            let out = cmd.args(args).output().unwrap();
            let all = text(&out);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {all}");
            assert!(
                all.contains(&format!("a redirect to {elsewhere}")),
                "{args:?}: {all}"
            );
            assert!(!all.contains(TOKEN), "{args:?}: the token leaked: {all}");
            assert!(!all.contains("saved"), "{args:?}: {all}");
        }
    }
    assert_eq!(other.count(), 0, "{:?}", other.requests());
    assert!(api.count() >= 8);
    for req in api.requests() {
        assert_eq!(req.header("referer"), None, "{req:?}");
        assert_eq!(
            req.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
    }
}

/// Redirects of public JWKS fetches: followed on loopback without a Referer;
/// a hop from a loopback http URL to plain http elsewhere is refused.
#[test]
fn jwks_redirects_carry_no_referer_and_stay_on_loopback_for_http() {
    let jwks = good_jwks();
    let server = Server::start(move |req| match req.path.as_str() {
        "/a" => Reply::status(302, "").header("Location", "/b"),
        "/b" => Reply::json(jwks.clone()),
        _ => Reply::status(302, "").header("Location", "http://jwks.example/keys"),
    });
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["check", &server.url("/a")])
        .assert()
        .success();
    let hops = server.requests();
    assert_eq!(hops.len(), 2);
    assert!(
        hops.iter().all(|r| r.header("referer").is_none()),
        "{hops:?}"
    );
    jwksctl(home.path())
        .args(["check", &server.url("/off-loopback")])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "refused a redirect to plain http off loopback (http://jwks.example/keys)",
        ));
}

/// High 2: with a registry entry `clerk` and a file `./clerk` holding an
/// `oct` key, `--jwks clerk` is ambiguous and refused; a bare word that is
/// only a file never enables HMAC; `./clerk` written as a path does.
#[test]
fn a_stray_file_never_stands_in_for_an_entry_nor_enables_hmac() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let secret = b"attacker-chosen-secret-32-bytes!";
    std::fs::write(
        work.path().join("clerk"),
        json!({"keys": [{"kty": "oct", "k": b64(secret), "alg": "HS256"}]}).to_string(),
    )
    .unwrap();
    let token = hs256(secret, json!({"sub": "admin", "exp": now() + 600}));
    let run = |home: &Path, args: &[&str]| {
        jwksctl(home)
            .current_dir(work.path())
            .args(args)
            .output()
            .unwrap()
    };
    // No registry entry: the bare word is the file, but its HMAC key is ignored.
    let out = run(home.path(), &["token", "verify", &token, "--jwks", "clerk"]);
    assert_ne!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("ignoring 1 HMAC key(s) in clerk"),
        "{}",
        text(&out)
    );
    // Written as a path, the file is the user's explicit choice.
    let out = run(
        home.path(),
        &["token", "verify", &token, "--jwks", "./clerk"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // With a registry entry of the same name: ambiguous, refused before any fetch.
    let endpoint = Server::fixed(Reply::json(good_jwks()));
    jwksctl(home.path())
        .args(["save", "clerk", &endpoint.url("/jwks"), "--no-check"])
        .assert()
        .success();
    for args in [
        vec!["token", "verify", token.as_str(), "--jwks", "clerk"],
        vec!["check", "clerk"],
    ] {
        let out = run(home.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(
            text(&out).contains("\"clerk\" is both a registry entry and a file"),
            "{}",
            text(&out)
        );
        assert!(text(&out).contains("write ./clerk"), "{}", text(&out));
        assert!(!String::from_utf8_lossy(&out.stdout).contains("valid"));
    }
    assert_eq!(endpoint.count(), 0);
    // file: is a path too.
    let out = run(
        home.path(),
        &["token", "verify", &token, "--jwks", "file:clerk"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

/// HMAC keys in the local key store are not used by a default-source
/// verify: a shared secret never verifies implicitly.
#[test]
fn key_store_hmac_keys_verify_only_when_named() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["keys", "generate", "--alg", "EdDSA"])
        .assert()
        .success();
    jwksctl(home.path())
        .args(["keys", "generate", "--alg", "HS256", "--kid", "hs"])
        .assert()
        .success();
    let out = jwksctl(home.path())
        .args(["token", "mint", "--key", "hs", "--sub", "a"])
        .output()
        .unwrap();
    let token = String::from_utf8(out.stdout).unwrap();
    let out = jwksctl(home.path())
        .args(["-v", "token", "verify", token.trim()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("HMAC keys in the local key store are not used unless named: hs"),
        "{}",
        text(&out)
    );
}

/// Medium 4: a server that sends its headers, then one body byte every
/// 300 ms, cannot hold `check` past the timeout plus one second, the issue's
/// bound (the trickle alone would take 30 s).
#[test]
fn a_trickling_body_ends_at_the_timeout() {
    let server = Server::fixed(Reply::json(" ".repeat(100)).trickled(Duration::from_millis(300)));
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    jwksctl(home.path())
        .args(["--timeout", "2s", "check", &server.url("/jwks")])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("did not answer within 2s"));
    let took = started.elapsed();
    // The issue's bound: the timeout plus one second (measured: 2.02 s).
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

/// Medium 5: `.` and `..` are refused as entry names and organizations,
/// before any request (`remove ..` used to DELETE the whole collection).
#[test]
fn dot_names_send_nothing() {
    let api = Server::fixed(Reply::json(r#"{"jwks":[]}"#));
    let home = tempfile::tempdir().unwrap();
    for name in [".", ".."] {
        for args in [
            vec!["remove", name, "-y"],
            vec!["save", name, "https://example.com/jwks.json", "--no-check"],
        ] {
            turso(home.path(), &api.base)
                .args(&args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("path steps in a URL"));
            jwksctl(home.path()).args(&args).assert().code(2);
        }
        turso(home.path(), &api.base)
            .args(["--org", name, "list"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("invalid organization slug"));
    }
    assert_eq!(api.count(), 0, "{:?}", api.requests());
    assert!(!home.path().join("config/registry.json").exists());
}

/// Medium 6: the API URL is https except on loopback and never carries
/// credentials — refused without echoing the password, even with -v.
#[test]
fn api_urls_must_be_https_and_credential_free() {
    let home = tempfile::tempdir().unwrap();
    let out = turso(home.path(), "http://user:hunter2pw@127.0.0.1:9/")
        .args(["-v", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("with credentials in it"),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("hunter2pw"), "{}", text(&out));
    turso(home.path(), "http://api.example.com/")
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refusing plain http:// for the Turso API at api.example.com",
        ));
    jwksctl(home.path())
        .args([
            "config",
            "set",
            "api_url",
            "https://u:hunter2pw@api.turso.tech",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hunter2pw").not());
}

/// Medium 6: URLs that come back from the registry are validated like typed
/// ones before any fetch: no other scheme, no credentials.
#[test]
fn registry_urls_are_validated_before_any_fetch() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let entry = |name: &str, url: &str| {
        json!({"name": name, "url": url, "provider": null,
               "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"})
    };
    std::fs::write(
        config.join("registry.json"),
        json!({"version": 1, "entries": [
            entry("creds", "https://user:hunter2pw@example.com/jwks"),
            entry("file", "file:///etc/passwd"),
        ]})
        .to_string(),
    )
    .unwrap();
    for name in ["creds", "file"] {
        for args in [
            vec!["check", name],
            vec!["token", "verify", "a.b.c", "--jwks", name],
        ] {
            let out = jwksctl(home.path()).args(&args).output().unwrap();
            assert_ne!(out.status.code(), Some(0));
            let all = text(&out);
            assert!(
                all.contains(&format!("registry entry \"{name}\" has an unusable URL")),
                "{args:?}: {all}"
            );
            assert!(!all.contains("hunter2pw"), "{all}");
            assert!(!all.contains("root:"), "{all}");
        }
    }
}

/// Low 7: escape sequences from a Turso error body, from registry names and
/// from a token's claims reach the terminal escaped.
#[test]
fn escape_sequences_from_outside_arrive_escaped() {
    let home = tempfile::tempdir().unwrap();
    let hostile = "\x1b[2J\x1b]0;pwned\x07\u{9b}31m";
    let api = Server::fixed(Reply::status(
        400,
        format!("{{\"error\":\"bad {hostile}\"}}"),
    ));
    let out = turso(home.path(), &api.base).arg("list").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let all = text(&out);
    assert!(
        !all.contains('\x1b') && !all.contains('\x07') && !all.contains('\u{9b}'),
        "{all:?}"
    );
    assert!(all.contains("\\u001b[2J"), "{all:?}");
    // Names from the registry (here the Turso API's list).
    let name = format!("evil{hostile}");
    let api = Server::fixed(Reply::json(
        json!({"jwks": [{"jwks_name": name, "jwks_url": "https://example.com/jwks"}]}).to_string(),
    ));
    let out = turso(home.path(), &api.base).arg("list").output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let all = text(&out);
    assert!(!all.contains('\x1b') && !all.contains('\x07'), "{all:?}");
    assert!(
        all.contains("evil\\u001b[2J\\u001b]0;pwned\\u0007"),
        "{all:?}"
    );
    // A token's database and table names in decode's grants line.
    let claims = json!({"a": "rw", "id": format!("db{hostile}"),
                        "perm": [{"t": [format!("t{hostile}")], "a": ["data_read"]}]});
    let token = format!(
        "{}.{}.c2ln",
        b64(br#"{"alg":"EdDSA"}"#),
        b64(claims.to_string().as_bytes())
    );
    let out = jwksctl(home.path())
        .args(["token", "decode", &token])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let all = text(&out);
    assert!(!all.contains('\x1b') && !all.contains('\x07'), "{all:?}");
    assert!(all.contains("db\\u001b[2J"), "{all:?}");
    // Machine output stays valid JSON with the same characters.
    let out = jwksctl(home.path())
        .args(["token", "decode", &token, "-o", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["claims"]["id"], format!("db{hostile}"));
}

/// Low 9: `--ttl` past 100 years, or so large it would wrap, is a usage
/// error, never a wrapped `exp` or a panic.
#[test]
fn huge_ttls_are_usage_errors() {
    let home = tempfile::tempdir().unwrap();
    for ttl in ["8000y", "101y", "18446744072000000000s"] {
        jwksctl(home.path())
            .args(["token", "mint", "--ttl", ttl])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "invalid value '{ttl}' for '--ttl <DURATION|never>'"
            )));
    }
    assert!(!home.path().join("data").exists(), "nothing written");
}
