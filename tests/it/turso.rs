//! The `turso` registry backend against the stand-in of the Turso Platform
//! API on 127.0.0.1 ([`common::turso`]), which checks the bearer token and
//! the bodies, and the `config` command with the precedence of settings.

use crate::common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use common::turso::{TOKEN, api};
use common::{Recorded, Reply, Server, good_jwks, jwksctl, refused_url};
use predicates::prelude::*;
use serde_json::{Value, json};

/// `jwksctl` on the turso registry of `acme` at the stand-in.
fn turso(home: &Path, api: &Server) -> Command {
    let mut cmd = jwksctl(home);
    cmd.env("JWKSCTL_REGISTRY", "turso")
        .env("JWKSCTL_ORG", "acme")
        .env("JWKSCTL_API_URL", &api.base)
        .env("TURSO_API_TOKEN", TOKEN);
    cmd
}

/// Run and check that the token appears nowhere in the output.
pub fn run(mut cmd: Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    for stream in [&out.stdout, &out.stderr] {
        assert!(
            !String::from_utf8_lossy(stream).contains(TOKEN),
            "the token leaked: {}",
            String::from_utf8_lossy(stream)
        );
    }
    out
}

#[test]
fn save_list_remove_template_end_to_end() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let jwks = Server::fixed(Reply::json(good_jwks()));
    let url = jwks.url("/.well-known/jwks.json");

    let mut cmd = turso(home.path(), &api);
    cmd.args(["save", "Clerk Production", &url, "-v"]);
    let out = run(cmd);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("PUT "), "-v logs the request: {stderr}");

    let mut cmd = turso(home.path(), &api);
    cmd.args(["list", "-o", "json"]);
    let out = run(cmd);
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The local backend's shape; what the Turso API does not keep is null.
    assert_eq!(
        listed,
        json!([{"name": "Clerk Production", "url": url, "provider": null,
                "created_at": null, "updated_at": null}])
    );

    let mut cmd = turso(home.path(), &api);
    cmd.arg("list");
    let out = run(cmd);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("NAME"));
    assert!(table.contains("Clerk Production"));
    assert!(
        !table.contains("UPDATED"),
        "the remote registry has no dates"
    );

    let mut cmd = turso(home.path(), &api);
    cmd.args([
        "template",
        "-d",
        "mydb",
        "-p",
        "all:data_read",
        "-p",
        "comments:data_add",
    ]);
    let out = run(cmd);
    assert!(out.status.success());
    // The server's template, unchanged: its member order, compacted.
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\"id\":\"0b5e-uuid-mydb\",\"a\":\"rw\",\"rid\":\"r-1\",\"perm\":[{\"a\":[\"data_read\"],\"t\":null},{\"a\":[\"data_add\"],\"t\":[\"comments\"]}]}\n"
    );
    let mut cmd = turso(home.path(), &api);
    cmd.args(["template", "-g", "prod", "-s", "read-only", "--pretty"]);
    let out = run(cmd);
    let pretty = String::from_utf8(out.stdout).unwrap();
    assert!(pretty.contains("\n  \"gid\": \"prod\""), "{pretty}");
    assert!(pretty.contains("\"a\": \"ro\""), "{pretty}");
    assert!(
        pretty.find("gid").unwrap() < pretty.find("\"a\"").unwrap(),
        "server order kept"
    );
    // --provider clerk and -o yaml keep the server's order too.
    for extra in [&["--provider", "clerk"][..], &["-o", "yaml"]] {
        let mut cmd = turso(home.path(), &api);
        cmd.args(["template", "-g", "prod"]).args(extra);
        let out = String::from_utf8(run(cmd).stdout).unwrap();
        let (gid, a, rid) = (
            out.find("gid").unwrap(),
            out.find("a\"").or_else(|| out.find("a:")).unwrap(),
            out.find("rid").unwrap(),
        );
        assert!(gid < a && a < rid, "{extra:?}: {out}");
    }

    let mut cmd = turso(home.path(), &api);
    cmd.args(["remove", "Clerk Production"]);
    assert!(run(cmd).status.success());

    // Exactly the requests `turso org jwks` makes (docs/registry.md), with the headers.
    let requests = api.requests();
    let lines: Vec<String> = requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        lines,
        [
            "PUT /v2/organizations/acme/jwks/Clerk%20Production",
            "GET /v2/organizations/acme/jwks",
            "GET /v2/organizations/acme/jwks",
            "POST /v2/organizations/acme/jwks-template",
            "POST /v2/organizations/acme/jwks-template",
            "POST /v2/organizations/acme/jwks-template",
            "POST /v2/organizations/acme/jwks-template",
            "DELETE /v2/organizations/acme/jwks/Clerk%20Production",
        ]
    );
    assert_eq!(
        serde_json::from_str::<Value>(&requests[0].body).unwrap(),
        json!({ "jwks_url": url })
    );
    assert_eq!(
        serde_json::from_str::<Value>(&requests[3].body).unwrap(),
        json!({"database":"mydb","group":null,"scope":"full-access","permissions":[{"t":null,"a":["data_read"]},{"t":["comments"],"a":["data_add"]}]})
    );
    assert_eq!(
        serde_json::from_str::<Value>(&requests[4].body).unwrap(),
        json!({"database":null,"group":"prod","scope":"read-only","permissions":[]})
    );
    for r in &requests {
        assert_eq!(
            r.header("user-agent"),
            Some(concat!("jwksctl/", env!("CARGO_PKG_VERSION")))
        );
        assert_eq!(
            r.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
    }
    assert!(
        !home.path().join("config/registry.json").exists(),
        "nothing local"
    );
}

#[test]
fn template_falls_back_to_get_on_405() {
    let home = tempfile::tempdir().unwrap();
    let api = Server::start(|req| match req.method.as_str() {
        "POST" => Reply::status(405, r#"{"error":"method not allowed"}"#),
        _ => Reply::json(r#"{"template":{"a":"rw","id":"u-1","perm":[]}}"#),
    });
    let mut cmd = turso(home.path(), &api);
    cmd.args(["template", "-d", "mydb"]);
    let out = run(cmd);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\"a\":\"rw\",\"id\":\"u-1\",\"perm\":[]}\n"
    );
    let requests = api.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].method, "GET");
    assert_eq!(
        requests[1].body, requests[0].body,
        "GET carries the same body"
    );
}

/// `-v` tells each answer of the API and the retry as GET, in order: the
/// API client hands them over as notices, and the command layer words them.
#[test]
fn verbose_tells_each_answer_and_the_retry() {
    let home = tempfile::tempdir().unwrap();
    let api = Server::start(|req| match req.method.as_str() {
        "POST" => Reply::status(405, r#"{"error":"method not allowed"}"#),
        _ => Reply::json(r#"{"template":{"a":"rw","id":"u-1","perm":[]}}"#),
    });
    let mut cmd = turso(home.path(), &api);
    cmd.args(["-v", "template", "-d", "mydb"]);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let url = format!("{}/v2/organizations/acme/jwks-template", api.base);
    let post = stderr.find(&format!("POST {url} -> 405 (")).expect(&stderr);
    let retry = stderr
        .find("POST not allowed; retrying as GET")
        .expect(&stderr);
    let get = stderr.find(&format!("GET {url} -> 200 (")).expect(&stderr);
    assert!(post < retry && retry < get, "{stderr}");
}

/// A refusal that is not the API's JSON (a proxy's page) is shown whole
/// under `-v`, the token in it redacted (`run` checks that it never shows).
#[test]
fn verbose_shows_a_proxy_page_with_the_token_redacted() {
    let home = tempfile::tempdir().unwrap();
    let api = Server::fixed(
        Reply::status(502, format!("<html>bad gateway for {TOKEN}</html>"))
            .header("Content-Type", "text/html"),
    );
    let mut cmd = turso(home.path(), &api);
    cmd.args(["-v", "list"]);
    let out = run(cmd);
    // A 502 is a gateway's: a retry may help.
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("Turso API 502 body:\n<html>bad gateway for [redacted]</html>"),
        "{stderr}"
    );
    // Without -v the page is not repeated.
    let mut cmd = turso(home.path(), &api);
    cmd.arg("list");
    let quiet = String::from_utf8(run(cmd).stderr).unwrap();
    assert!(!quiet.contains("body:"), "{quiet}");
}

/// Only the status 405 makes the template request go again as GET: any
/// other refusal is the error, even one whose message reads "405".
#[test]
fn template_does_not_retry_other_failures() {
    let home = tempfile::tempdir().unwrap();
    let api = Server::fixed(Reply::status(400, r#"{"error":"405"}"#));
    let mut cmd = turso(home.path(), &api);
    cmd.args(["template", "-d", "mydb"]);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: Turso API 400: 405\n"
    );
    let requests = api.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0].method, "POST");
}

#[test]
fn api_errors_map_to_exit_codes() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    // 404 on remove of a name the organization does not have: exit 1,
    // said as the local registry says it (names, the closest one).
    let mut cmd = turso(home.path(), &api);
    cmd.args(["remove", "nope"]);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: no entry named \"nope\" in the Turso organization acme\nhint: the Turso organization acme is empty\n"
    );
    for name in ["clerk-prod", "auth0"] {
        let mut cmd = turso(home.path(), &api);
        cmd.args(["save", name, "https://example.com/jwks.json", "--no-check"]);
        assert_eq!(run(cmd).status.code(), Some(0));
    }
    let mut cmd = turso(home.path(), &api);
    cmd.args(["remove", "clerk-prd", "-o", "json"]);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["error"]["message"],
        "no entry named \"clerk-prd\" in the Turso organization acme"
    );
    assert_eq!(
        doc["error"]["hint"],
        "did you mean \"clerk-prod\"? entries: \"auth0\", \"clerk-prod\""
    );
    // A 404 for the organization itself: the API's own answer.
    let mut cmd = turso(home.path(), &api);
    cmd.env("JWKSCTL_ORG", "nosuch").args(["remove", "auth0"]);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Turso API 404: organization not found"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["clerk-prod", "auth0"] {
        let mut cmd = turso(home.path(), &api);
        cmd.args(["remove", name]);
        assert_eq!(run(cmd).status.code(), Some(0));
    }

    // 401 with a wrong token: exit 1 and a hint about the token.
    let mut cmd = turso(home.path(), &api);
    cmd.env("TURSO_API_TOKEN", "wrong").args(["list", "-v"]);
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("Turso API 401: invalid token"), "{stderr}");
    assert!(stderr.contains("hint:") && stderr.contains("TURSO_API_TOKEN"));
    assert!(!stderr.contains("wrong"), "{stderr}");

    let forbidden = Server::fixed(Reply::status(403, r#"{"error":"forbidden"}"#));
    let mut cmd = turso(home.path(), &forbidden);
    cmd.arg("list");
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("JWKSCTL_API_TOKEN"));

    let down = Server::fixed(Reply::status(502, "bad gateway"));
    let mut cmd = turso(home.path(), &down);
    cmd.arg("list");
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Turso API 502"));

    let mut cmd = jwksctl(home.path());
    cmd.args(["list", "--registry", "turso", "--org", "acme", "--api-url"])
        .arg(refused_url().trim_end_matches("/jwks.json"))
        .env("JWKSCTL_API_TOKEN", TOKEN);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot reach the Turso API"));
}

/// `remove` reads the listing only for a 404: a server error on DELETE
/// stays unavailable (exit 3), even for a name the listing lacks, and a 404
/// for a name the listing does have is the API's own answer.
#[test]
fn remove_lists_the_entries_only_for_a_404() {
    let home = tempfile::tempdir().unwrap();
    for (status, name, code, said) in [
        (502, "auth0", 3, "Turso API 502: bad gateway"),
        (404, "clerk", 1, "Turso API 404: jwks not found"),
    ] {
        let api = Server::start(move |req: &Recorded| match req.method.as_str() {
            "GET" => Reply::json(
                r#"{"jwks":[{"jwks_name":"clerk","jwks_url":"https://example.com/jwks.json"}]}"#,
            ),
            _ if status == 502 => Reply::status(502, "bad gateway"),
            _ => Reply::status(404, r#"{"error":"jwks not found"}"#),
        });
        let mut cmd = turso(home.path(), &api);
        cmd.args(["remove", name]);
        let out = run(cmd);
        assert_eq!(out.status.code(), Some(code), "{status}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("error: {said}\n"),
            "{status}"
        );
    }
}

#[test]
fn hanging_api_times_out() {
    let home = tempfile::tempdir().unwrap();
    let hang = Server::fixed(Reply::json("{}").delayed(Duration::from_secs(30)));
    let mut cmd = turso(home.path(), &hang);
    cmd.args(["list", "--timeout", "1s", "-v"]);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did not answer within 1s"));
    // Gave up at the timeout: the 30 s answer had not been sent yet.
    assert_eq!((hang.count(), hang.answered()), (1, 0));
}

#[test]
fn missing_org_or_token_sends_nothing() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let jwks = Server::fixed(Reply::json(good_jwks()));
    for (unset, says) in [
        ("JWKSCTL_ORG", "organization"),
        ("TURSO_API_TOKEN", "API token"),
    ] {
        for args in [
            vec!["list"],
            vec!["remove", "x"],
            vec!["template", "-d", "db"],
            vec!["save", "x", &jwks.url("/k")],
        ] {
            let mut cmd = turso(home.path(), &api);
            cmd.env_remove(unset).args(&args);
            let out = run(cmd);
            assert_eq!(out.status.code(), Some(2), "{unset} {args:?}");
            assert!(String::from_utf8_lossy(&out.stderr).contains(says));
            assert!(out.stdout.is_empty());
        }
    }
    assert_eq!(api.count(), 0);
    assert_eq!(
        jwks.count(),
        0,
        "nothing is fetched before the settings are complete"
    );
}

#[test]
fn jwksctl_token_wins_over_turso_token() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let mut cmd = turso(home.path(), &api);
    cmd.env("TURSO_API_TOKEN", "other")
        .env("JWKSCTL_API_TOKEN", TOKEN)
        .arg("list");
    assert!(run(cmd).status.success());
}

#[test]
fn config_round_trip() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["config", "set", "org", "acme"])
        .assert()
        .success();
    jwksctl(home.path())
        .args(["config", "set", "timeout", "30s"])
        .assert()
        .success();
    let out = jwksctl(home.path())
        .args(["config", "show", "-o", "json"])
        .output()
        .unwrap();
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = home.path().join("config/config.yaml");
    let file = file.to_str().unwrap();
    assert_eq!(
        shown["org"],
        json!({"value": "acme", "source": "config", "file": file})
    );
    assert_eq!(
        shown["timeout"],
        json!({"value": "30s", "source": "config", "file": file})
    );
    assert_eq!(
        shown["registry"],
        json!({"value": "local", "source": "default"})
    );
    assert_eq!(shown["api_url"]["value"], "https://api.turso.tech");
    let out = jwksctl(home.path())
        .args(["config", "show", "-o", "yaml"])
        .output()
        .unwrap();
    let yaml: Value = yaml_serde::from_slice(&out.stdout).unwrap();
    assert_eq!(yaml, shown);

    jwksctl(home.path())
        .args(["config", "unset", "org"])
        .assert()
        .success();
    let text = fs::read_to_string(home.path().join("config/config.yaml")).unwrap();
    assert_eq!(text, "timeout: 30s\n");

    // The token is reported as present, never shown.
    jwksctl(home.path())
        .args(["config", "show"])
        .env("TURSO_API_TOKEN", TOKEN)
        .assert()
        .success()
        .stdout(predicate::str::contains("env:TURSO_API_TOKEN"))
        .stdout(predicate::str::contains(TOKEN).not());

    jwksctl(home.path())
        .args(["config", "path", "-o", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("registry.json"));
}

#[test]
fn config_refuses_bad_keys_values_and_files() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["config", "set", "colour", "red"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "registry, org, api_url, timeout, max_stale, default_key",
        ));
    jwksctl(home.path())
        .args(["config", "set", "registry", "s3"])
        .assert()
        .code(2);
    jwksctl(home.path())
        .args(["config", "set", "timeout", "soon"])
        .assert()
        .code(2);
    jwksctl(home.path())
        .args(["config", "set", "api_url", "not a url"])
        .assert()
        .code(2);
    jwksctl(home.path())
        .args(["config", "set", "default_key", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no key with kid"));
    assert!(!home.path().join("config").exists(), "nothing written");

    let file = home.path().join("config/config.yaml");
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, "org: [unclosed\n").unwrap();
    for args in [
        vec!["config", "show"],
        vec!["config", "set", "org", "x"],
        vec!["config", "unset", "org"],
    ] {
        jwksctl(home.path())
            .args(&args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(file.display().to_string()))
            .stderr(predicate::str::contains("--yes"));
        assert_eq!(fs::read_to_string(&file).unwrap(), "org: [unclosed\n");
    }
    // Commands that need no setting warn and go on.
    jwksctl(home.path())
        .args(["template", "-d", "mydb"])
        .assert()
        .success()
        .stdout("{\"a\":\"rw\",\"id\":\"mydb\",\"perm\":[]}\n")
        .stderr(predicate::str::contains(
            "ignored: this command needs no setting",
        ));
    // Those that read settings still refuse.
    jwksctl(home.path()).args(["list"]).assert().code(1);
    // With --yes, `config set` rewrites it, keeping the old file and every
    // valid setting it held.
    fs::write(&file, "timeout: 5s\nbogus: 1\n").unwrap();
    jwksctl(home.path())
        .args(["config", "set", "org", "acme", "--yes"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(home.path().join("config/config.yaml.bak")).unwrap(),
        "timeout: 5s\nbogus: 1\n"
    );
    let config = fs::read_to_string(&file).unwrap();
    assert!(
        config.contains("org: acme") && config.contains("timeout: 5s"),
        "{config}"
    );
    assert!(!config.contains("bogus"));
    jwksctl(home.path())
        .args(["config", "show"])
        .assert()
        .success();
    // default_key must name a key in the store.
    jwksctl(home.path())
        .args(["config", "set", "default_key", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no key with kid \"nope\""));
    assert!(!fs::read_to_string(&file).unwrap().contains("nope"));
}

/// flag > env > config > default, for registry, org and api_url.
#[test]
fn settings_precedence() {
    let home = tempfile::tempdir().unwrap();
    let from_config = api();
    let from_env = api();
    let from_flag = api();
    let list = |cmd: &mut Command| {
        cmd.env("TURSO_API_TOKEN", TOKEN)
            .args(["list", "-o", "json"]);
    };

    // Default: the local registry.
    jwksctl(home.path())
        .args(["list", "-o", "json"])
        .assert()
        .success()
        .stdout("[]\n");

    // config: registry turso, org acme, api_url from_config.
    for (k, v) in [
        ("registry", "turso"),
        ("org", "acme"),
        ("api_url", from_config.base.as_str()),
    ] {
        jwksctl(home.path())
            .args(["config", "set", k, v])
            .assert()
            .success();
    }
    let mut cmd = jwksctl(home.path());
    list(&mut cmd);
    cmd.assert().success();
    assert_eq!(from_config.count(), 1);

    // env beats config.
    let mut cmd = jwksctl(home.path());
    list(&mut cmd);
    cmd.env("JWKSCTL_API_URL", &from_env.base)
        .assert()
        .success();
    assert_eq!((from_config.count(), from_env.count()), (1, 1));

    // flag beats env.
    let mut cmd = jwksctl(home.path());
    list(&mut cmd);
    cmd.env("JWKSCTL_API_URL", &from_env.base)
        .args(["--api-url", &from_flag.base])
        .assert()
        .success();
    assert_eq!(from_flag.count(), 1);
    assert_eq!(from_env.count(), 1);

    // org: env and flag override config (a wrong org is a 404 from the stand-in).
    let mut cmd = jwksctl(home.path());
    list(&mut cmd);
    cmd.env("JWKSCTL_ORG", "other").assert().code(1);
    let mut cmd = jwksctl(home.path());
    list(&mut cmd);
    cmd.env("JWKSCTL_ORG", "other")
        .args(["--org", "acme"])
        .assert()
        .success();
    let paths: Vec<String> = from_config
        .requests()
        .iter()
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(
        paths,
        [
            "/v2/organizations/acme/jwks",
            "/v2/organizations/other/jwks",
            "/v2/organizations/acme/jwks"
        ]
    );

    // registry: env and flag override config.
    let mut cmd = jwksctl(home.path());
    list(&mut cmd);
    cmd.env("JWKSCTL_REGISTRY", "local")
        .assert()
        .success()
        .stdout("[]\n");
    let mut cmd = jwksctl(home.path());
    list(&mut cmd);
    cmd.env("JWKSCTL_REGISTRY", "turso")
        .args(["--registry", "local"])
        .assert()
        .success()
        .stdout("[]\n");
    assert_eq!(from_config.count(), 3, "local listings sent nothing");
}

/// An HTML error page from something in front of the API: the status and
/// its title, never the markup; the body only with -v.
#[test]
fn html_error_pages_are_summarized() {
    let home = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    let api = Server::fixed(Reply::status(502, page));
    let mut cmd = turso(home.path(), &api);
    cmd.arg("list");
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: Turso API 502: 502 Bad Gateway\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("<html"), "{stderr}");
    let mut cmd = turso(home.path(), &api);
    cmd.args(["list", "-v"]);
    let out = run(cmd);
    assert!(String::from_utf8_lossy(&out.stderr).contains("<center>nginx</center>"));
}

/// A Turso `save` the audit refuses sends no PUT: the organization never
/// holds an endpoint that publishes private keys; with warnings only, the
/// PUT goes out.
#[test]
fn refused_save_sends_no_put() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let private = Server::fixed(Reply::json(
        r#"{"keys":[{"kty":"oct","kid":"h","k":"dG9wLXNlY3JldA"}]}"#,
    ));
    let mut cmd = turso(home.path(), &api);
    cmd.args(["save", "leaky", &private.url("/k")]);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("private key material"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(private.count(), 1, "the endpoint was audited");
    let methods: Vec<String> = api.requests().iter().map(|r| r.method.clone()).collect();
    assert!(!methods.iter().any(|m| m == "PUT"), "{methods:?}");

    let warned = Server::fixed(Reply::json(common::sample(
        "microsoft_entra_common_v2_keys.json",
    )));
    let mut cmd = turso(home.path(), &api);
    cmd.args(["save", "entra", &warned.url("/k")]);
    assert!(run(cmd).status.success());
    let puts: Vec<String> = api
        .requests()
        .iter()
        .filter(|r| r.method == "PUT")
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(puts, ["/v2/organizations/acme/jwks/entra"]);
}

/// With the turso registry, TAB on `remove` completes the organization's
/// entry names from the API (with the token, org and URL the line or the
/// environment gives); an API that cannot be reached gives no candidates
/// and no message.
#[test]
fn completion_lists_the_organizations_entries() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    for name in ["clerk-prod", "auth0"] {
        let mut cmd = turso(home.path(), &api);
        cmd.args(["save", name, "https://example.com/jwks.json", "--no-check"]);
        assert_eq!(run(cmd).status.code(), Some(0));
    }
    let ask = |env: &[(&str, &str)], words: &[&str]| {
        let mut cmd = common::jwksctl_std(home.path());
        cmd.env("JWKSCTL_COMPLETE", "fish")
            .env("TURSO_API_TOKEN", TOKEN)
            .envs(env.iter().copied())
            .args(["--", "jwksctl"])
            .args(words);
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
        String::from_utf8(out.stdout).unwrap()
    };
    let base = api.base.as_str();
    let env = [
        ("JWKSCTL_REGISTRY", "turso"),
        ("JWKSCTL_ORG", "acme"),
        ("JWKSCTL_API_URL", base),
    ];
    assert_eq!(
        ask(&env, &["remove", "cl"]),
        "clerk-prod\thttps://example.com/jwks.json\n"
    );
    // The flags on the line being completed choose the registry.
    assert_eq!(
        ask(
            &[],
            &[
                "--registry",
                "turso",
                "--org",
                "acme",
                "--api-url",
                base,
                "remove",
                "a"
            ]
        ),
        "auth0\thttps://example.com/jwks.json\n"
    );
    let refused = refused_url();
    let down = [
        ("JWKSCTL_REGISTRY", "turso"),
        ("JWKSCTL_ORG", "acme"),
        ("JWKSCTL_API_URL", refused.as_str()),
    ];
    assert_eq!(ask(&down, &["remove", "cl"]), "");
}
