//! Error messages and hints a terminal user and a script read:
//! network failures said once with the host, hints for a URL without its
//! scheme, and `save` of an unchanged URL.

use crate::common;

use common::{Reply, Server, jwksctl, refused_url};
use predicates::prelude::*;

/// A closed port: one plain line naming the URL once and the host, no
/// transport layers; `-v` keeps the chain underneath.
#[test]
fn a_refused_connection_is_said_once_with_its_host() {
    let home = tempfile::tempdir().unwrap();
    let url = refused_url();
    let host = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let out = jwksctl(home.path())
        .args(["save", "x", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        format!("error: cannot fetch {url}: connection refused by {host}\n")
    );
    jwksctl(home.path())
        .args(["save", "x", &url, "-v"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("caused by: error sending request"));
}

/// A redirect the policy refuses names its target.
#[test]
fn a_refused_redirect_names_its_target() {
    let home = tempfile::tempdir().unwrap();
    let server =
        Server::fixed(Reply::status(302, "").header("Location", "http://jwks.example/keys.json"));
    let url = server.url("/jwks");
    jwksctl(home.path())
        .args(["check", &url])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "refused a redirect to plain http off loopback (http://jwks.example/keys.json)",
        ))
        .stdout(predicate::str::contains("error following redirect").not());
}

/// `HOST:PORT/path` is a URL without its scheme: the hint says which to add.
#[test]
fn a_url_without_a_scheme_gets_the_scheme_to_add() {
    let home = tempfile::tempdir().unwrap();
    for (given, hint) in [
        (
            "127.0.0.1:8080/jwks.json",
            "hint: add http://: http://127.0.0.1:8080/jwks.json",
        ),
        (
            "localhost:8080/jwks.json",
            "hint: add http://: http://localhost:8080/jwks.json",
        ),
        (
            "idp.example:443/jwks.json",
            "hint: add https://: https://idp.example:443/jwks.json",
        ),
    ] {
        jwksctl(home.path())
            .args(["save", "x", given])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "error: {given:?} is not a URL: it has no scheme\n{hint}\n"
            )));
    }
    assert!(!home.path().join("config/registry.json").exists());
}

/// A named source that cannot be used is said with the flag that named it
/// (`sources.rs` names no flag; the command layer adds it), the same in
/// `token verify` and `doctor`: exit 2, the exact words, nothing on stdout.
#[test]
fn an_unusable_named_source_names_its_flag() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("jwks.json"),
        r#"{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("not.json"), r#"{"a":1}"#).unwrap();
    std::fs::write(dir.path().join("bad.pem"), "garbage\n").unwrap();
    let token = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
    let cases: [(&[&str], &str); 5] = [
        (
            &["--secret-env", "JWKSCTL_TEST_UNSET_SECRET"],
            "error: --secret-env JWKSCTL_TEST_UNSET_SECRET: the variable is not set\n",
        ),
        (
            &["--key", "./jwks.json"],
            "error: --key ./jwks.json: this is a JWKS (a key set), not a single key\nhint: pass a key set with --jwks ./jwks.json\n",
        ),
        (
            &["--key", "./bad.pem"],
            "error: --key ./bad.pem: expected an SPKI PEM (-----BEGIN PUBLIC KEY-----), a JWK, or a raw base64url Ed25519 key\n",
        ),
        (
            &["--for", "sqld", "--key", "./bad.pem"],
            "error: --key ./bad.pem: sqld would not start: the text is not unpadded base64url at offset 7 (line 1): a newline (\\n) is not a base64url character (sqld reads a file that does not start with -----BEGIN as one raw base64url Ed25519 key, used as is: no padding, no white space, no trailing newline)\n",
        ),
        (
            &["--jwks", "./not.json"],
            "error: --jwks ./not.json: not a JWKS (no \"keys\") nor a JWK (no \"kty\")\n",
        ),
    ];
    for command in [&["token", "verify"][..], &["doctor"][..]] {
        for (args, expected) in cases {
            if command == ["doctor"] && args[0] == "--for" {
                continue;
            }
            let out = jwksctl(home.path())
                .current_dir(dir.path())
                .args(command)
                .arg(token)
                .args(args)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{command:?} {args:?}");
            assert_eq!(
                String::from_utf8_lossy(&out.stderr),
                expected,
                "{command:?} {args:?}"
            );
            assert!(out.stdout.is_empty(), "{command:?} {args:?}");
        }
    }
}
