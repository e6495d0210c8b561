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
