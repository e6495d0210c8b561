//! `jwksctl sync`: the local registry and the loopback
//! stand-in of the Turso Platform API (`turso.rs`) kept in step — the plan,
//! the audit before each write, the confirmation, idempotence, `--prune`,
//! `-o json`, and every refusal writing nothing.

use std::path::Path;

use assert_cmd::Command;
use rexpect::session::spawn_command;
use serde_json::{Value, json};

use crate::common::turso::{TOKEN, api};
use crate::common::{Reply, Server, good_jwks, jwksctl, jwksctl_std, refused_url, stdout};
use crate::turso::run;

/// jwksctl with the stand-in's organization, URL and token (the registry
/// setting stays local: `--from` / `--to` decide).
fn cmd(home: &Path, api: &Server) -> Command {
    let mut cmd = jwksctl(home);
    cmd.env("JWKSCTL_ORG", "acme")
        .env("JWKSCTL_API_URL", &api.base)
        .env("TURSO_API_TOKEN", TOKEN);
    cmd
}

fn sync(home: &Path, api: &Server, extra: &[&str]) -> std::process::Output {
    let mut c = cmd(home, api);
    c.args(["sync", "--from", "local", "--to", "turso"])
        .args(extra);
    run(c)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The organization's entries, as `list -o json` gives them.
/// The organization's entries as `list -o json` gives them, name and URL only
/// (the Turso API keeps neither a provider nor dates: those are null).
fn remote(home: &Path, api: &Server) -> Value {
    let mut c = cmd(home, api);
    c.args(["--registry", "turso", "list", "-o", "json"]);
    let rows: Vec<Value> = serde_json::from_slice(&run(c).stdout).unwrap();
    rows.into_iter()
        .map(|r| {
            assert!(r["provider"].is_null() && r["created_at"].is_null(), "{r}");
            serde_json::json!({"name": r["name"], "url": r["url"]})
        })
        .collect()
}

/// The writes the stand-in received.
fn writes(api: &Server) -> Vec<String> {
    api.requests()
        .iter()
        .filter(|r| r.method != "GET")
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

fn save_remote(home: &Path, api: &Server, name: &str, url: &str) {
    let mut c = cmd(home, api);
    c.args(["--registry", "turso", "save", name, url]);
    assert!(run(c).status.success());
}

#[test]
fn local_to_turso_plan_apply_idempotent_prune() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let jwks = Server::fixed(Reply::json(good_jwks()));
    let (a, b1, b2, c) = (
        jwks.url("/a"),
        jwks.url("/b1"),
        jwks.url("/b2"),
        jwks.url("/c"),
    );
    stdout(home.path(), &["save", "alpha", &a]);
    stdout(home.path(), &["save", "beta", &b2]);
    save_remote(home.path(), &api, "beta", &b1);
    save_remote(home.path(), &api, "gamma", &c);
    let before = writes(&api).len();

    // --dry-run: the plan, audited, nothing written, exit 0.
    let out = sync(home.path(), &api, &["--dry-run", "-o", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc,
        json!({
            "from": format!("local registry ({})", home.path().join("config/registry.json").display()),
            "to": "Turso organization acme",
            "prune": false,
            "dry_run": true,
            "applied": false,
            "steps": [
                {"action": "add", "name": "alpha", "url": a, "old_url": null, "status": "planned", "message": null},
                {"action": "change", "name": "beta", "url": b2, "old_url": b1, "status": "planned", "message": null},
            ],
            "unchanged": [],
            "kept": ["gamma"],
        }),
        "{}",
        serde_json::to_string_pretty(&doc).unwrap()
    );
    assert_eq!(writes(&api).len(), before);

    // No terminal and no --yes: the plan on stdout, "not applied", exit 1.
    let out = sync(home.path(), &api, &[]);
    assert_eq!(out.status.code(), Some(1));
    let plan = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(plan.contains(&format!("+ add    alpha {a}")), "{plan}");
    assert!(
        plan.contains(&format!("~ change beta {b1} -> {b2}")),
        "{plan}"
    );
    assert!(plan.contains("gamma (--prune removes them)"), "{plan}");
    let err = stderr(&out);
    assert!(
        err.contains("error: not applied: 2 changes planned for the Turso organization acme"),
        "{err}"
    );
    assert!(err.contains("hint: pass --yes"), "{err}");
    assert_eq!(writes(&api).len(), before);

    // --yes: written, each endpoint fetched for the audit first.
    let fetched = jwks.count();
    let out = sync(home.path(), &api, &["--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("applied 2 changes to the Turso organization acme"));
    assert_eq!(jwks.count(), fetched + 2, "both endpoints audited");
    assert_eq!(
        writes(&api)[before..],
        [
            "PUT /v2/organizations/acme/jwks/alpha",
            "PUT /v2/organizations/acme/jwks/beta"
        ]
    );
    assert_eq!(
        remote(home.path(), &api),
        json!([
            {"name": "alpha", "url": a},
            {"name": "beta", "url": b2},
            {"name": "gamma", "url": c},
        ])
    );

    // Again: nothing planned, nothing written, nothing fetched.
    let (writes_before, fetched) = (writes(&api).len(), jwks.count());
    let out = sync(home.path(), &api, &["--yes", "-o", "json"]);
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["steps"], json!([]));
    assert_eq!(doc["unchanged"], json!(["alpha", "beta"]));
    assert_eq!(doc["applied"], true);
    let out = sync(home.path(), &api, &[]);
    assert!(out.status.success(), "in step: no --yes needed");
    assert!(stderr(&out).contains("nothing to do"));
    assert_eq!((writes(&api).len(), jwks.count()), (writes_before, fetched));

    // --prune removes what only the target has; then nothing again.
    let out = sync(home.path(), &api, &["--prune", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        writes(&api).last().unwrap(),
        "DELETE /v2/organizations/acme/jwks/gamma"
    );
    assert_eq!(remote(home.path(), &api).as_array().unwrap().len(), 2);
    let out = sync(home.path(), &api, &["--prune", "--yes", "-o", "json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["steps"], json!([]));
}

#[test]
fn turso_to_local() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let jwks = Server::fixed(Reply::json(good_jwks()));
    save_remote(home.path(), &api, "Clerk Production", &jwks.url("/clerk"));
    stdout(home.path(), &["save", "local-only", &jwks.url("/local")]);
    let mut c = cmd(home.path(), &api);
    c.args([
        "sync", "--from", "turso", "--to", "local", "--yes", "-o", "json",
    ]);
    let out = run(c);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["steps"][0]["status"], "applied");
    assert_eq!(doc["kept"], json!(["local-only"]));
    let listed: Value =
        serde_json::from_str(&stdout(home.path(), &["list", "-o", "json"])).unwrap();
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Clerk Production", "local-only"]);
    // Pruned, then in step.
    let mut c = cmd(home.path(), &api);
    c.args([
        "sync", "--from", "turso", "--to", "local", "--prune", "--yes",
    ]);
    assert!(run(c).status.success());
    let listed: Value =
        serde_json::from_str(&stdout(home.path(), &["list", "-o", "json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let mut c = cmd(home.path(), &api);
    c.args(["sync", "--from", "turso", "--to", "local", "--prune"]);
    let out = run(c);
    assert!(out.status.success());
    assert!(stderr(&out).contains("nothing to do"));
}

/// Each entry is audited before it is written, as `save` does: one that
/// publishes private keys is refused (exit 1), one that cannot be reached
/// is not written (exit 3 when nothing else failed); the others go through.
#[test]
fn audit_refusals_are_not_written() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let good = Server::fixed(Reply::json(good_jwks()));
    let leaky = Server::fixed(Reply::json(
        r#"{"keys":[{"kty":"oct","kid":"h","k":"dG9wLXNlY3JldA"}]}"#,
    ));
    stdout(home.path(), &["save", "good", &good.url("/k")]);
    stdout(
        home.path(),
        &["save", "leaky", &leaky.url("/k"), "--no-check"],
    );
    stdout(home.path(), &["save", "down", &refused_url(), "--no-check"]);
    let out = sync(home.path(), &api, &["--yes", "-o", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let status: Vec<(&str, &str)> = doc["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status,
        [
            ("down", "unreachable"),
            ("good", "applied"),
            ("leaky", "refused")
        ]
    );
    assert!(
        doc["steps"][2]["message"]
            .as_str()
            .unwrap()
            .contains("failed the audit: ")
    );
    assert_eq!(writes(&api), ["PUT /v2/organizations/acme/jwks/good"]);

    // Text: the refusals under their step.
    let out = sync(home.path(), &api, &["--yes"]);
    let plan = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(plan.contains("not written: failed the audit"), "{plan}");

    // Only an unreachable endpoint left: exit 3 (a retry may help).
    stdout(home.path(), &["remove", "leaky", "-y"]);
    let out = sync(home.path(), &api, &["--yes"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(writes(&api).len(), 1);
}

/// Plain http:// to a remote host is refused unless --allow-http, as `save`.
#[test]
fn plain_http_needs_allow_http() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    stdout(
        home.path(),
        &[
            "save",
            "plain",
            "http://idp.example.net/jwks",
            "--no-check",
            "--allow-http",
        ],
    );
    let out = sync(home.path(), &api, &["--yes", "-o", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["steps"][0]["status"], "refused");
    assert!(
        doc["steps"][0]["message"]
            .as_str()
            .unwrap()
            .contains("--allow-http lets it through")
    );
    assert!(writes(&api).is_empty());
}

/// A write the API refuses stops the sync there: the error, its exit code,
/// and the steps after it left unwritten.
#[test]
fn a_failed_write_stops_there() {
    let home = tempfile::tempdir().unwrap();
    let good = Server::fixed(Reply::json(good_jwks()));
    stdout(home.path(), &["save", "one", &good.url("/1")]);
    stdout(home.path(), &["save", "two", &good.url("/2")]);
    let broken = Server::start(|req| match req.method.as_str() {
        "GET" => Reply::json(r#"{"jwks":[]}"#),
        _ => Reply::status(502, "bad gateway"),
    });
    let out = sync(home.path(), &broken, &["--yes"]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("add \"one\" failed: Turso API 502") && err.contains("not applied"),
        "{err}"
    );
    let puts = broken
        .requests()
        .iter()
        .filter(|r| r.method == "PUT")
        .count();
    assert_eq!(puts, 1, "stopped at the first failure");
}

/// Usage errors and missing settings: exit 2, nothing sent or written.
#[test]
fn bad_invocations_send_and_write_nothing() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let cases: [(&[&str], &str); 5] = [
        (&["sync", "--from", "local", "--to", "local"], "both local"),
        (&["sync", "--from", "local"], "--to"),
        (&["sync", "--from", "s3", "--to", "local"], "s3"),
        (
            &["sync", "--from", "local", "--to", "turso", "-o", "table"],
            "table",
        ),
        (&["sync", "--from", "turso", "--to", "turso"], "both turso"),
    ];
    for (args, says) in cases {
        let mut c = cmd(home.path(), &api);
        c.args(args);
        let out = run(c);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    // No organization: refused before any request.
    let mut c = cmd(home.path(), &api);
    c.env_remove("JWKSCTL_ORG")
        .args(["sync", "--from", "local", "--to", "turso", "--yes"]);
    let out = run(c);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("needs an organization"));
    assert_eq!(api.count(), 0);
    assert!(!home.path().join("config/registry.json").exists());
}

/// On a terminal, sync asks: "n" writes nothing (exit 1), "y" applies.
#[test]
fn asks_on_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let good = Server::fixed(Reply::json(good_jwks()));
    stdout(home.path(), &["save", "clerk", &good.url("/k")]);
    for (answer, applied) in [("n", false), ("y", true)] {
        let mut c = jwksctl_std(home.path());
        c.args(["sync", "--from", "local", "--to", "turso"])
            .env("JWKSCTL_ORG", "acme")
            .env("JWKSCTL_API_URL", &api.base)
            .env("TURSO_API_TOKEN", TOKEN)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        let mut p = spawn_command(c, Some(20_000)).unwrap();
        p.exp_string("Apply 1 change to the Turso organization acme?")
            .unwrap();
        p.send(answer).unwrap();
        p.flush().unwrap();
        let rest = p.exp_eof().unwrap();
        assert_eq!(
            !writes(&api).is_empty(),
            applied,
            "after {answer:?}: {rest}"
        );
        if !applied {
            assert!(rest.contains("nothing changed"), "{rest:?}");
        }
    }
}
