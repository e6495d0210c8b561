//! `jwksctl doctor`: each common broken chain from provider to database,
//! with the JWKS served from 127.0.0.1, named at its first broken link with
//! the right exit code; later links skipped.

use crate::common;

use std::path::Path;

use common::{Reply, Server, jwksctl};
use serde_json::{Value, json};

fn run(home: &Path, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let mut cmd = jwksctl(home);
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(home: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(home, args, &[]);
    assert_eq!(code, Some(0), "{args:?}: {err}");
    out.trim().to_string()
}

/// `doctor … -o json`: (exit code, checklist), and the same in text.
fn doctor(home: &Path, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, Value) {
    let (code, out, err) = run(home, &[&["doctor"], args, &["-o", "json"]].concat(), env);
    let list: Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{out} {err}"));
    // The same in text, fetching anew as the first run did (no cached copy,
    // the same Date headers).
    let (text_code, text, _) = run(home, &[&["doctor", "--refresh"], args].concat(), env);
    assert_eq!(text_code, code, "{text}");
    for link in list["links"].as_array().unwrap() {
        let mark = match link["status"].as_str().unwrap() {
            "ok" => "ok  ",
            "fail" => "FAIL",
            "warn" => "WARN",
            _ => "skip",
        };
        // Details carry times: the marks and links are what must agree.
        let line = format!("{mark} {:<16} ", link["link"].as_str().unwrap());
        assert!(text.contains(&line), "{line:?} not in\n{text}");
    }
    (code, list)
}

/// The first link that failed: (link, detail, fix); every later link skipped.
fn first_failure(list: &Value) -> (String, String, String) {
    let links = list["links"].as_array().unwrap();
    let at = links
        .iter()
        .position(|l| l["status"] == "fail")
        .unwrap_or_else(|| panic!("no failure: {list:#}"));
    assert!(
        links[at + 1..].iter().all(|l| l["status"] == "skip"),
        "{list:#}"
    );
    assert!(
        links[..at]
            .iter()
            .all(|l| l["status"] == "ok" || l["status"] == "warn"),
        "{list:#}"
    );
    assert_eq!(list["ok"], false);
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    (
        s(&links[at]["link"]),
        s(&links[at]["detail"]),
        s(&links[at]["fix"]),
    )
}

fn all_hold(list: &Value) {
    assert_eq!(list["ok"], true, "{list:#}");
    assert!(
        list["links"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["status"] == "ok" || l["status"] == "warn"),
        "{list:#}"
    );
}

/// A token signed by local key KID with exactly these claims (for times
/// `token mint` will not write: an expired token).
fn sign(home: &Path, kid: &str, claims: &Value) -> String {
    let pem = ok(
        home,
        &["keys", "export", kid, "--format", "pem", "--private"],
    );
    let key = jsonwebtoken::EncodingKey::from_ed_pem(pem.as_bytes()).unwrap();
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA);
    header.kid = Some(kid.to_string());
    jsonwebtoken::encode(&header, claims, &key).unwrap()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A home with Ed25519 keys `old` and `new`, a server publishing JWKS_OF
/// (the kids it serves), and a PowerSync configuration naming it with
/// audience `app` (or AUDIENCE as written).
struct Chain {
    home: tempfile::TempDir,
    _server: Server,
    config: std::path::PathBuf,
}

impl Chain {
    fn powersync(serves: &[&str], audience: &str) -> Chain {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        ok(h, &["keys", "generate", "--kid", "old"]);
        ok(h, &["keys", "generate", "--kid", "new"]);
        let all: Value = serde_json::from_str(&ok(h, &["keys", "jwks"])).unwrap();
        let keys: Vec<Value> = all["keys"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|k| serves.contains(&k["kid"].as_str().unwrap()))
            .cloned()
            .collect();
        let server = Server::fixed(Reply::json(json!({ "keys": keys }).to_string()));
        let config = h.join("powersync.yaml");
        std::fs::write(
            &config,
            format!(
                "client_auth:\n  jwks_uri: {}\n{audience}",
                server.url("/jwks.json")
            ),
        )
        .unwrap();
        Chain {
            home,
            _server: server,
            config,
        }
    }

    fn h(&self) -> &Path {
        self.home.path()
    }

    fn doctor(&self, token: &str) -> (Option<i32>, Value) {
        doctor(
            self.h(),
            &[
                token,
                "--for",
                "powersync",
                "--powersync-config",
                self.config.to_str().unwrap(),
            ],
            &[],
        )
    }

    fn mint(&self, args: &[&str]) -> String {
        ok(self.h(), &[&["token", "mint"], args].concat())
    }
}

const AUDIENCE: &str = "  audience: [app]\n";

#[test]
fn good_chain_holds() {
    let c = Chain::powersync(&["old", "new"], AUDIENCE);
    let token = c.mint(&["--key", "new", "--aud", "app", "--sub", "u", "--ttl", "1h"]);
    let (code, list) = c.doctor(&token);
    assert_eq!(code, Some(0), "{list:#}");
    all_hold(&list);
    let names: Vec<&str> = list["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["link"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "config",
            "source",
            "token.decode",
            "token.alg",
            "token.kid",
            "token.signature",
            "token.time",
            "token.audience",
            "token.rules",
            "grants"
        ]
    );
    let kid = &list["links"][4]["detail"];
    assert!(kid.as_str().unwrap().contains("\"new\""), "{kid}");
}

#[test]
fn expired_token_fails_at_time() {
    let c = Chain::powersync(&["old", "new"], AUDIENCE);
    let t = now();
    let token = sign(
        c.h(),
        "new",
        &json!({"sub": "u", "aud": "app", "iat": t - 7200, "exp": t - 3600}),
    );
    let (code, list) = c.doctor(&token);
    assert_eq!(code, Some(1));
    let (link, detail, fix) = first_failure(&list);
    assert_eq!(link, "token.time");
    assert!(detail.contains("PSYNC_S2103"), "{detail}");
    assert!(fix.contains("expired"), "{fix}");
}

#[test]
fn wrong_audience_fails_at_audience() {
    let c = Chain::powersync(&["new"], AUDIENCE);
    let token = c.mint(&[
        "--key", "new", "--aud", "other", "--sub", "u", "--ttl", "1h",
    ]);
    let (code, list) = c.doctor(&token);
    assert_eq!(code, Some(1));
    let (link, detail, fix) = first_failure(&list);
    assert_eq!(link, "token.audience");
    assert!(
        detail.contains("PSYNC_S2105") && detail.contains("other"),
        "{detail}"
    );
    assert!(fix.contains("client_auth.audience"), "{fix}");
}

#[test]
fn unknown_kid_after_a_rotation_fails_at_kid() {
    // The provider rotated: its JWKS now serves only `new`.
    let c = Chain::powersync(&["new"], AUDIENCE);
    let token = c.mint(&["--key", "old", "--aud", "app", "--sub", "u", "--ttl", "1h"]);
    let (code, list) = c.doctor(&token);
    assert_eq!(code, Some(1));
    let (link, detail, fix) = first_failure(&list);
    assert_eq!(link, "token.kid");
    assert!(detail.contains("old"), "{detail}");
    assert!(fix.contains("jwks_uri"), "{fix}");
    // The source link listed the kids the endpoint serves.
    let source = list["links"][1]["detail"].as_str().unwrap();
    assert!(
        source.contains("new") && !source.contains("old"),
        "{source}"
    );
}

#[test]
fn endpoint_down_fails_at_source_with_exit_3() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    ok(h, &["keys", "generate", "--kid", "ed"]);
    let config = h.join("powersync.yaml");
    std::fs::write(
        &config,
        format!(
            "client_auth:\n  jwks_uri: {}\n{AUDIENCE}",
            common::refused_url()
        ),
    )
    .unwrap();
    let token = ok(
        h,
        &["token", "mint", "--aud", "app", "--sub", "u", "--ttl", "1h"],
    );
    let (code, list) = doctor(
        h,
        &[
            &token,
            "--for",
            "powersync",
            "--powersync-config",
            config.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, Some(3), "{list:#}");
    assert_eq!(list["unavailable"], true);
    let (link, _, fix) = first_failure(&list);
    assert_eq!(link, "source");
    assert!(fix.contains("retry"), "{fix}");
}

#[test]
fn endpoint_serving_html_fails_at_source() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    ok(h, &["keys", "generate", "--kid", "ed"]);
    let server = Server::fixed(
        Reply::status(200, "<!doctype html><html><body>Sign in</body></html>")
            .header("Content-Type", "text/html"),
    );
    let token = ok(h, &["token", "mint", "--ttl", "1h"]);
    let url = server.url("/login");
    let (code, list) = doctor(h, &[&token, "--jwks", &url], &[]);
    assert_eq!(code, Some(1), "{list:#}");
    assert_eq!(list["unavailable"], false);
    let (link, detail, fix) = first_failure(&list);
    assert_eq!(link, "source");
    assert!(
        detail.contains("not JSON") || detail.contains("not_json"),
        "{detail}"
    );
    assert!(fix.contains("serves a page"), "{fix}");
}

#[test]
fn powersync_lifetime_over_a_day_fails_at_time() {
    let c = Chain::powersync(&["new"], AUDIENCE);
    let token = c.mint(&["--key", "new", "--aud", "app", "--sub", "u", "--ttl", "2d"]);
    let (code, list) = c.doctor(&token);
    assert_eq!(code, Some(1));
    let (link, detail, fix) = first_failure(&list);
    assert_eq!(link, "token.time");
    assert!(detail.contains("PSYNC_S2104"), "{detail}");
    assert!(fix.contains("24 h"), "{fix}");
}

#[test]
fn powersync_config_without_audience_fails_at_config() {
    let c = Chain::powersync(&["new"], "");
    let token = c.mint(&["--key", "new", "--aud", "app", "--sub", "u", "--ttl", "1h"]);
    let (code, list) = c.doctor(&token);
    assert_eq!(code, Some(1));
    let (link, detail, fix) = first_failure(&list);
    assert_eq!(link, "config");
    assert!(detail.contains("accepts no token"), "{detail}");
    assert!(fix.contains("audience"), "{fix}");
    // Nothing was fetched after the configuration failed; every later link
    // is listed, skipped.
    assert_eq!(c._server.count(), 0);
    let skipped: Vec<&str> = list["links"].as_array().unwrap()[1..]
        .iter()
        .map(|l| l["link"].as_str().unwrap())
        .collect();
    assert_eq!(
        skipped,
        [
            "source",
            "token.decode",
            "token.alg",
            "token.kid",
            "token.signature",
            "token.time",
            "token.audience",
            "token.rules",
            "grants"
        ]
    );
}

#[test]
fn sqld_token_without_namespace_claims_warns_at_grants() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    ok(h, &["keys", "generate", "--kid", "ed"]);
    let file = h.join("jwt_key.pem");
    std::fs::write(&file, ok(h, &["keys", "export", "ed", "--format", "sqld"])).unwrap();
    let key = file.to_str().unwrap();
    let token = ok(h, &["token", "mint", "--key", "ed", "--ttl", "1h"]);
    let (code, list) = doctor(h, &[&token, "--for", "sqld", "--key", key], &[]);
    assert_eq!(code, Some(0), "{list:#}");
    all_hold(&list);
    let grants = list["links"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (grants["link"].as_str(), grants["status"].as_str()),
        (Some("grants"), Some("warn"))
    );
    assert!(
        grants["detail"]
            .as_str()
            .unwrap()
            .contains("every namespace"),
        "{grants}"
    );
    assert!(
        grants["fix"].as_str().unwrap().contains("--dialect libsql"),
        "{grants}"
    );
    // With the libsql claims, the grant is named and holds.
    let scoped = ok(
        h,
        &[
            "token",
            "mint",
            "--key",
            "ed",
            "--ttl",
            "1h",
            "--dialect",
            "libsql",
            "-d",
            "mydb",
        ],
    );
    let (code, list) = doctor(h, &[&scoped, "--for", "sqld", "--key", key], &[]);
    assert_eq!(code, Some(0));
    let grants = list["links"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(grants["status"], "ok", "{grants}");
    assert!(
        grants["detail"].as_str().unwrap().contains("mydb"),
        "{grants}"
    );
}

#[test]
fn hs256_secret_in_the_wrong_encoding_fails_at_signature() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    ok(h, &["keys", "generate", "--alg", "HS256", "--kid", "hs"]);
    let jwk: Value = serde_json::from_str(&ok(h, &["keys", "export", "hs", "--private"])).unwrap();
    let k = jwk["k"].as_str().unwrap().to_string();
    let token = ok(
        h,
        &[
            "token", "mint", "--key", "hs", "--aud", "app", "--sub", "u", "--ttl", "1h",
        ],
    );
    let (code, list) = doctor(h, &[&token, "--secret-env", "PS_K"], &[("PS_K", &k)]);
    assert_eq!(code, Some(1));
    let (link, _, fix) = first_failure(&list);
    assert_eq!(link, "token.signature");
    assert!(fix.contains("--secret-encoding base64url"), "{fix}");
    let (code, list) = doctor(
        h,
        &[
            &token,
            "--secret-env",
            "PS_K",
            "--secret-encoding",
            "base64url",
        ],
        &[("PS_K", &k)],
    );
    assert_eq!(code, Some(0), "{list:#}");
    // The secret never appears in the output.
    assert!(!list.to_string().contains(&k));
}

/// A server whose Date header is an hour ahead: the clock link warns, and an
/// expired-looking token is blamed on the clock.
#[test]
fn clock_skew_from_date_headers() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    ok(h, &["keys", "generate", "--kid", "ed"]);
    let jwks = ok(h, &["keys", "jwks"]);
    let ahead = httpdate(now() - 3 * 3600);
    let server = Server::fixed(Reply::json(jwks).header("Date", &ahead));
    let t = now();
    // Valid by the server's clock (three hours behind ours), expired by ours.
    let token = sign(
        h,
        "ed",
        &json!({"sub": "u", "iat": t - 4 * 3600, "exp": t - 2 * 3600}),
    );
    let (code, list) = doctor(h, &[&token, "--jwks", &server.url("/jwks.json")], &[]);
    assert_eq!(code, Some(1), "{list:#}");
    let clock = list["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["link"] == "clock")
        .cloned()
        .unwrap();
    assert_eq!(clock["status"], "warn", "{clock}");
    assert!(
        clock["detail"].as_str().unwrap().contains("ahead of"),
        "{clock}"
    );
    let (link, _, fix) = first_failure(&list);
    assert_eq!(link, "token.time");
    assert!(fix.contains("clock"), "{fix}");
}

fn httpdate(secs: i64) -> String {
    let out = std::process::Command::new("date")
        .args([
            "-u",
            "-d",
            &format!("@{secs}"),
            "+%a, %d %b %Y %H:%M:%S GMT",
        ])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// With a provider and no token: what a token must carry, as a template.
#[test]
fn provider_without_token_gives_the_template() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    ok(h, &["keys", "generate", "--kid", "ed"]);
    let file = h.join("jwt_key.pem");
    std::fs::write(&file, ok(h, &["keys", "export", "ed", "--format", "sqld"])).unwrap();
    let (code, list) = doctor(
        h,
        &[
            "--for",
            "sqld",
            "--key",
            file.to_str().unwrap(),
            "-d",
            "mydb",
        ],
        &[],
    );
    assert_eq!(code, Some(0), "{list:#}");
    let last = list["links"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["link"], "template");
    assert_eq!(last["template"], json!({"p": {"rw": {"ns": ["mydb"]}}}));

    let c = Chain::powersync(&["new"], AUDIENCE);
    let (code, list) = doctor(
        c.h(),
        &[
            "--for",
            "powersync",
            "--powersync-config",
            c.config.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, Some(0), "{list:#}");
    let last = list["links"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["template"]["aud"], "app", "{last}");
    assert!(last["detail"].as_str().unwrap().contains("24 h"), "{last}");

    // Without a target there is no template to give: said, and skipped.
    let (code, list) = doctor(c.h(), &["--jwks", &c._server.url("/jwks.json")], &[]);
    assert_eq!(code, Some(0), "{list:#}");
    let last = list["links"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["link"].as_str(), last["status"].as_str()),
        (Some("template"), Some("skip"))
    );
    assert!(last["detail"].as_str().unwrap().contains("--for"), "{last}");
}

/// Bad input: a usage error (exit 2), nothing on stdout, nothing fetched.
#[test]
fn bad_input_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let server = Server::fixed(Reply::json(common::good_jwks()));
    let url = server.url("/jwks.json");
    for args in [
        vec!["doctor"],
        vec!["doctor", "--for", "powersync"],
        vec!["doctor", "--for", "sqld"],
        vec!["doctor", "--for", "sqld", "--key", "/nonexistent/key.pem"],
        vec![
            "doctor",
            "--for",
            "powersync",
            "--powersync-config",
            "/nonexistent.yaml",
        ],
        vec!["doctor", "--powersync-config", "x.yaml", "--jwks", &url],
        vec!["doctor", "--namespace", "db", "--jwks", &url],
        vec!["doctor", "", "--jwks", &url],
        vec!["doctor", "--provider", "nosuch", "--set", "a=b"],
        vec!["doctor", "--provider", "clerk"],
        vec![
            "doctor",
            "--for",
            "powersync",
            "-d",
            "db",
            "--powersync-config",
            "x.yaml",
        ],
        vec!["doctor", "-o", "table", "--jwks", &url],
    ] {
        let (code, out, err) = run(h, &args, &[]);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.contains("error"), "{args:?}: {err}");
    }
    assert_eq!(server.count(), 0);
    assert!(
        !h.join("cache").exists()
            || std::fs::read_dir(h.join("cache/jwks"))
                .map(|d| d.count())
                .unwrap_or(0)
                == 0
    );
    // A malformed token: the decode link fails (exit 1), after the sources.
    let (code, list) = doctor(h, &["not.a-token", "--jwks", &url], &[]);
    assert_eq!(code, Some(1));
    assert_eq!(first_failure(&list).0, "token.decode");
}
