//! `save`, `list`, `remove` and `providers` against the local registry, with
//! JWKS endpoints played by loopback servers.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use common::{Reply, Server, TlsServer, good_jwks, jwksctl, refused_url};
use predicates::prelude::*;
use serde_json::Value;

fn registry_file(home: &Path) -> std::path::PathBuf {
    home.join("config/registry.json")
}

fn list_json(home: &Path) -> Vec<Value> {
    let out = jwksctl(home).args(["list", "-o", "json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn save_list_remove_round_trip() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::fixed(Reply::json(good_jwks()));
    let url = server.url("/.well-known/jwks.json");

    jwksctl(home.path())
        .args(["save", "Clerk Production", &url])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("saved \"Clerk Production\""));
    jwksctl(home.path())
        .args(["save", "auth0", &url])
        .assert()
        .success();
    assert_eq!(server.count(), 2, "save audits the endpoint");

    let entries = list_json(home.path());
    let names: Vec<&str> = entries
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Clerk Production", "auth0"], "sorted by name");
    for e in &entries {
        let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["created_at", "name", "provider", "updated_at", "url"]
        );
        assert_eq!(e["url"], url.as_str());
        assert!(e["provider"].is_null());
        assert!(e["created_at"].as_str().unwrap().ends_with('Z'));
    }

    // The table.
    jwksctl(home.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("NAME"))
        .stdout(predicate::str::contains("Clerk Production"))
        .stdout(predicate::str::contains("UPDATED"));

    // YAML.
    let out = jwksctl(home.path())
        .args(["list", "-o", "yaml"])
        .output()
        .unwrap();
    let yaml: Vec<Value> = yaml_serde::from_slice(&out.stdout).unwrap();
    assert_eq!(yaml.len(), 2);

    // Replacing says so and shows the old URL.
    let other = server.url("/other/jwks.json");
    jwksctl(home.path())
        .args(["save", "auth0", &other])
        .assert()
        .success()
        .stderr(predicate::str::contains("replaced \"auth0\""))
        .stderr(predicate::str::contains(&url));
    let entries = list_json(home.path());
    assert_eq!(entries[1]["url"], other.as_str());

    jwksctl(home.path())
        .args(["remove", "Clerk Production"])
        .assert()
        .success();
    let entries = list_json(home.path());
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["name"], "auth0");
}

#[test]
fn empty_registry_lists_nothing() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["list", "-o", "json"])
        .assert()
        .success()
        .stdout("[]\n");
    jwksctl(home.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("NAME"));
    assert!(
        !home.path().join("config").exists(),
        "read-only commands create nothing"
    );
}

/// A bare word that names no entry (`--jwks`, `check`) gets the hint local
/// `remove` gives: the closest name, then every name, or that the registry
/// is empty; exit 2, nothing fetched or written.
#[test]
fn unknown_source_name_suggests_the_closest_entry() {
    let home = tempfile::tempdir().unwrap();
    for name in ["Clerk Production", "auth0"] {
        jwksctl(home.path())
            .args(["save", name, "https://example.com/jwks.json", "--no-check"])
            .assert()
            .success();
    }
    let before = fs::read(registry_file(home.path())).unwrap();
    let names = r#"entries: "Clerk Production", "auth0""#;
    for (args, flag, hint) in [
        (
            &["token", "verify", "x", "--jwks", "auht0"][..],
            "--jwks ",
            format!(r#"did you mean "auth0"? {names}"#),
        ),
        (
            &["token", "verify", "x", "--jwks", "clerk"][..],
            "--jwks ",
            format!(r#"did you mean "Clerk Production"? {names}"#),
        ),
        (
            &["token", "verify", "x", "--jwks", "nosuchentry"][..],
            "--jwks ",
            names.to_string(),
        ),
        (
            &["check", "auth"][..],
            "",
            format!(r#"did you mean "auth0"? {names}"#),
        ),
        (&["check", "nosuchentry"][..], "", names.to_string()),
    ] {
        let given = args[args.len() - 1];
        jwksctl(home.path())
            .current_dir(home.path())
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "error: {flag}\"{given}\" is not a registry entry, an http(s) URL or an existing file\nhint: {hint}\n"
            ));
    }
    let out = jwksctl(home.path())
        .current_dir(home.path())
        .args(["check", "auht0", "-o", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["error"]["hint"],
        format!(r#"did you mean "auth0"? {names}"#)
    );
    assert_eq!(fs::read(registry_file(home.path())).unwrap(), before);

    let empty = tempfile::tempdir().unwrap();
    jwksctl(empty.path())
        .current_dir(empty.path())
        .args(["token", "verify", "x", "--jwks", "clerk"])
        .assert()
        .code(2)
        .stderr(predicate::str::ends_with("\nhint: the registry is empty\n"));
}

#[test]
fn remove_unknown_name_lists_names_and_closest() {
    let home = tempfile::tempdir().unwrap();
    for name in ["Clerk Production", "auth0"] {
        jwksctl(home.path())
            .args(["save", name, "https://example.com/jwks.json", "--no-check"])
            .assert()
            .success();
    }
    let before = fs::read(registry_file(home.path())).unwrap();
    jwksctl(home.path())
        .args(["remove", "clerk"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no entry named \"clerk\""))
        .stderr(predicate::str::contains(
            "did you mean \"Clerk Production\"?",
        ))
        .stderr(predicate::str::contains("\"auth0\""));
    assert_eq!(fs::read(registry_file(home.path())).unwrap(), before);

    let empty = tempfile::tempdir().unwrap();
    jwksctl(empty.path())
        .args(["remove", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is empty"));
    assert!(!empty.path().join("config").exists());
}

/// Each refused save leaves the registry bytes exactly as they were.
#[test]
fn refused_saves_write_nothing() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args([
            "save",
            "keep",
            "https://example.com/jwks.json",
            "--no-check",
        ])
        .assert()
        .success();
    let before = fs::read(registry_file(home.path())).unwrap();

    let private = Server::fixed(Reply::json(
        r#"{"keys":[{"kty":"RSA","kid":"k","n":"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw","e":"AQAB","d":"c2VjcmV0LXByaXZhdGUtZXhwb25lbnQ"}]}"#,
    ));
    let html = Server::fixed(Reply::json("<html>hello</html>"));
    let huge = Server::fixed(Reply::json(format!(
        r#"{{"keys":[],"pad":"{}"}}"#,
        "x".repeat(1024 * 1024 + 10)
    )));
    let missing = Server::fixed(Reply::status(404, "not found"));
    let down = Server::fixed(Reply::status(503, "down"));
    let missing_404 = format!("GET {} answered 404 Not Found", missing.url("/jwks"));
    let down_503 = format!("GET {} answered 503 Service Unavailable", down.url("/jwks"));
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (
            vec!["n".into(), "http://example.com/jwks.json".into()],
            2,
            "refusing plain http:// for example.com",
        ),
        (
            vec!["n".into(), "https://user:pw@example.com/jwks.json".into()],
            2,
            "credentials",
        ),
        (vec!["n".into(), "not a url".into()], 2, "not a URL"),
        (
            vec!["n".into(), "ftp://example.com/jwks".into()],
            2,
            "scheme",
        ),
        (
            vec!["a/b".into(), "https://example.com/jwks.json".into()],
            2,
            "'/'",
        ),
        (
            vec![" lead".into(), "https://example.com/jwks.json".into()],
            2,
            "space",
        ),
        (vec!["n".into()], 2, "needs a URL"),
        (
            vec!["n".into(), private.url("/jwks")],
            1,
            "private key material",
        ),
        (vec!["n".into(), html.url("/jwks")], 1, "not JSON"),
        (vec!["n".into(), huge.url("/jwks")], 1, "larger than 1 MiB"),
        (vec!["n".into(), missing.url("/jwks")], 1, &missing_404),
        (vec!["n".into(), down.url("/jwks")], 3, &down_503),
        (vec!["n".into(), refused_url()], 3, "cannot fetch"),
    ];
    for (args, code, message) in cases {
        let out = jwksctl(home.path())
            .arg("save")
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
        assert!(
            !stderr.contains("c2VjcmV0"),
            "the private member is never shown"
        );
        assert_eq!(
            fs::read(registry_file(home.path())).unwrap(),
            before,
            "{args:?}"
        );
    }
}

#[test]
fn slow_server_times_out_within_the_limit() {
    let home = tempfile::tempdir().unwrap();
    let slow = Server::fixed(Reply::json(good_jwks()).delayed(Duration::from_secs(30)));
    jwksctl(home.path())
        .args(["save", "slow", &slow.url("/jwks"), "--timeout", "1s"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("did not answer within 1s"));
    // Gave up at the timeout: the 30 s answer had not been sent yet.
    assert_eq!((slow.count(), slow.answered()), (1, 0));
    assert!(!registry_file(home.path()).exists());

    // Also from the environment.
    jwksctl(home.path())
        .args(["check", &slow.url("/jwks")])
        .env("JWKSCTL_TIMEOUT", "1s")
        .assert()
        .code(3)
        .stdout(predicate::str::contains("did not answer within 1s"));
    assert_eq!((slow.count(), slow.answered()), (2, 0));
}

#[test]
fn allow_http_is_needed_for_remote_plain_http() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args([
            "save",
            "n",
            "http://jwks.example/keys",
            "--no-check",
            "--allow-http",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: saving a plain http:// URL",
        ));
}

#[test]
fn truncated_registry_is_reported_and_untouched() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["save", "a", "https://example.com/jwks.json", "--no-check"])
        .assert()
        .success();
    let path = registry_file(home.path());
    let full = fs::read(&path).unwrap();
    let cut = &full[..full.len() / 2];
    fs::write(&path, cut).unwrap();
    for args in [
        vec!["list"],
        vec!["save", "b", "https://example.com/b.json", "--no-check"],
        vec!["remove", "a"],
    ] {
        jwksctl(home.path())
            .args(&args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(path.display().to_string()))
            .stderr(predicate::str::contains("EOF while parsing"));
        assert_eq!(fs::read(&path).unwrap(), cut, "{args:?}");
    }
    // A newer format version is refused the same way.
    fs::write(&path, br#"{"version":9,"entries":[]}"#).unwrap();
    jwksctl(home.path())
        .arg("list")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("newer"));
}

#[test]
fn parallel_saves_lose_nothing() {
    let home = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..32)
        .map(|i| {
            common::jwksctl_std(home.path())
                .args([
                    "save",
                    &format!("job {i:02}"),
                    &format!("https://example.com/{i}/jwks.json"),
                    "--no-check",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let entries = list_json(home.path());
    assert_eq!(entries.len(), 32);
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e["name"], format!("job {i:02}"));
    }
}

/// Processes killed at random moments never leave a broken registry, every
/// save that reported success is in it, and the temporary files killed
/// writers leave are removed by the next save. Each round, one save is killed
/// while the test holds the registry lock (so it certainly dies before
/// writing); the others at a reproducible spread of moments.
#[test]
fn killed_saves_never_corrupt_the_registry() {
    use std::os::unix::process::ExitStatusExt;
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args([
            "save",
            "first",
            "https://example.com/jwks.json",
            "--no-check",
        ])
        .assert()
        .success();
    let lock_path = home.path().join("config/registry.lock");
    let mut committed = vec!["first".to_string()];
    let mut killed = 0;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..120 {
        let lock = fs::File::open(&lock_path).unwrap();
        lock.lock().unwrap();
        let mut children: Vec<_> = (0..3)
            .map(|j| {
                let name = format!("r{round:03} {j}");
                let child = common::jwksctl_std(home.path())
                    .args(["save", &name, "https://example.com/jwks.json", "--no-check"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                (name, child)
            })
            .collect();
        // The first cannot get past the lock we hold: it dies before writing.
        let (name, mut blocked) = children.remove(0);
        blocked.kill().unwrap();
        let status = blocked.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "{name}: {status:?}");
        killed += 1;
        drop(lock);
        // xorshift: a reproducible spread of kill moments from 0 to ~8 ms.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % 8000));
        for (name, mut child) in children {
            let _ = child.kill();
            let status = child.wait().unwrap();
            if status.success() {
                committed.push(name);
            } else {
                assert_eq!(status.signal(), Some(9), "{name}: {status:?}");
                killed += 1;
            }
        }
        let text = fs::read(registry_file(home.path())).unwrap();
        let doc: Value = serde_json::from_slice(&text).expect("the registry always parses");
        let names: Vec<&str> = doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap())
            .collect();
        for name in &committed {
            assert!(
                names.contains(&name.as_str()),
                "{name} exited 0 but is missing"
            );
        }
    }
    assert!(killed >= 120, "{killed}");
    // A writer killed between creating its temporary file and renaming it
    // leaves the file behind (no destructor runs); plant one for certain. The
    // next save, holding the lock, removes every one of them.
    let config = home.path().join("config");
    fs::write(config.join(".jwksctl-tmp-registry.json-planted"), b"{").unwrap();
    jwksctl(home.path())
        .args([
            "save",
            "last",
            "https://example.com/jwks.json",
            "--no-check",
        ])
        .assert()
        .success();
    let mut left: Vec<String> = fs::read_dir(&config)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["registry.json", "registry.lock"]);
    assert!(list_json(home.path()).len() > committed.len());
}

#[test]
fn providers_lists_every_preset() {
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path())
        .args(["providers", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let presets: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = presets
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "clerk",
            "auth0",
            "firebase",
            "supabase",
            "stytch",
            "keycloak",
            "cognito",
            "azure-ad",
            "google",
            "supertokens",
            "workos"
        ]
    );
    assert_eq!(presets[0]["url"], "https://{domain}/.well-known/jwks.json");
    assert_eq!(presets[0]["params"][0]["name"], "domain");
    let table = jwksctl(home.path()).arg("providers").output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.starts_with("PRESET"));
    for name in names {
        assert!(table.contains(name), "{name}");
    }
}

#[test]
fn save_from_a_preset() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args([
            "save",
            "ck",
            "--provider",
            "clerk",
            "--set",
            "domain=my-app.clerk.accounts.dev",
            "--no-check",
        ])
        .assert()
        .success();
    let entries = list_json(home.path());
    assert_eq!(
        entries[0]["url"],
        "https://my-app.clerk.accounts.dev/.well-known/jwks.json"
    );
    assert_eq!(entries[0]["provider"], "clerk");
    let before = fs::read(registry_file(home.path())).unwrap();

    jwksctl(home.path())
        .args([
            "save",
            "ck2",
            "--provider",
            "cognito",
            "--set",
            "region=us-east-1",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--set user_pool_id="));
    jwksctl(home.path())
        .args([
            "save",
            "evil",
            "--provider",
            "clerk",
            "--set",
            "domain=https://evil.example/x",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid domain"));
    jwksctl(home.path())
        .args(["save", "x", "--provider", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown provider"));
    assert_eq!(fs::read(registry_file(home.path())).unwrap(), before);
}

#[test]
fn save_by_discovery() {
    let home = tempfile::tempdir().unwrap();
    // The JWKS on one server, the discovery document (pointing at it) on another.
    let server = Server::start(|req| {
        if req.path == "/tenant/keys" {
            Reply::json(good_jwks())
        } else {
            Reply::status(404, "{}")
        }
    });
    let base = server.base.clone();
    let discovery = Server::start(move |req| {
        if req.path == "/tenant/.well-known/openid-configuration" {
            Reply::json(format!(
                r#"{{"issuer":"http://ignored","jwks_uri":"{base}/tenant/keys"}}"#
            ))
        } else {
            Reply::status(404, "{}")
        }
    });
    jwksctl(home.path())
        .args(["save", "disc", "--discover", &discovery.url("/tenant/")])
        .assert()
        .success()
        .stderr(predicate::str::contains("discovered jwks_uri"));
    let entries = list_json(home.path());
    assert_eq!(entries[0]["url"], server.url("/tenant/keys"));
    assert_eq!(
        discovery.requests()[0].path,
        "/tenant/.well-known/openid-configuration"
    );
    assert_eq!(server.count(), 1, "the discovered URL was audited");
    // The full discovery URL works as well as the issuer (the well-known
    // path is not appended twice).
    let full = discovery.url("/tenant/.well-known/openid-configuration");
    jwksctl(home.path())
        .args(["save", "disc2", "--discover", &full])
        .assert()
        .success();
    assert_eq!(list_json(home.path())[1]["url"], server.url("/tenant/keys"));
    assert!(
        discovery
            .requests()
            .iter()
            .all(|r| r.path == "/tenant/.well-known/openid-configuration"),
        "{:?}",
        discovery.requests()
    );
    // The discovery URL saved as a JWKS URL: refused, hinting --discover.
    jwksctl(home.path())
        .args(["save", "wrong", &full])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "hint: this is an OpenID discovery document",
        ))
        .stderr(predicate::str::contains("--discover"));

    // A discovery document without jwks_uri.
    let bare = Server::fixed(Reply::json(r#"{"issuer":"x"}"#));
    jwksctl(home.path())
        .args(["save", "bare", "--discover", &bare.base])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has no jwks_uri"));
}

#[test]
fn requests_carry_user_agent_and_accept() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::fixed(Reply::json(good_jwks()));
    jwksctl(home.path())
        .args(["save", "g", &server.url("/k")])
        .assert()
        .success();
    let req = &server.requests()[0];
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.header("user-agent"),
        Some(concat!("jwksctl/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(req.header("accept"), Some("application/json"));
}

#[test]
fn redirects_are_limited_at_five() {
    let home = tempfile::tempdir().unwrap();
    // At the boundary http.rs sets: five redirects are followed, six are not.
    let server = Server::start(|req| {
        let n: u32 = req.path.trim_start_matches("/r/").parse().unwrap_or(0);
        if n < 6 {
            Reply::status(302, "").header("Location", &format!("/r/{}", n + 1))
        } else {
            Reply::json(good_jwks())
        }
    });
    jwksctl(home.path())
        .args(["check", &server.url("/r/0")])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("more than 5 redirects"));
    assert_eq!(server.count(), 6, "the sixth redirect is not followed");
    jwksctl(home.path())
        .args(["check", &server.url("/r/1")])
        .assert()
        .success();
    assert_eq!(server.count(), 12, "five redirects, then the document");
}

/// `-v` shows what lay under a failed fetch, one "caused by:" line per
/// error in the chain, down to the operating system's answer; without -v the
/// one-line error stays.
#[test]
fn verbose_errors_show_their_cause_chain() {
    let home = tempfile::tempdir().unwrap();
    let url = refused_url();
    let out = jwksctl(home.path())
        .args(["-v", "save", "x", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let causes: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("  caused by: "))
        .collect();
    assert!(causes.len() >= 2, "{stderr}");
    assert!(
        causes[0].starts_with(&format!("error sending request for url ({url})")),
        "{stderr}"
    );
    assert!(
        causes.last().unwrap().starts_with("Connection refused"),
        "{stderr}"
    );
    jwksctl(home.path())
        .args(["save", "x", &url])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("caused by").not());
}

/// The forms people type from other tools or older habits get a tip with
/// the command they meant; exit 2, nothing on stdout.
#[test]
fn old_top_level_forms_suggest_the_command() {
    let home = tempfile::tempdir().unwrap();
    for (args, tip) in [
        (&["verify", "x"][..], "did you mean `jwksctl token verify`?"),
        (&["mint"][..], "did you mean `jwksctl token mint`?"),
        (&["decode", "-"][..], "did you mean `jwksctl token decode`?"),
        (&["jwks", "list"][..], "did you mean `jwksctl list`?"),
        (
            &["org", "jwks", "save", "x"][..],
            "did you mean `jwksctl save`?",
        ),
        (&["jwks"][..], "top-level here: `jwksctl list`"),
        (&["generate"][..], "did you mean `jwksctl keys generate`?"),
        (&["ls"][..], "'list'"),
    ] {
        let out = jwksctl(home.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(tip), "{args:?}: {stderr}");
    }
}

/// One rule for -o: every command that prints a result prints a parseable
/// JSON and YAML document (lists also a table); a format a command cannot
/// print is a usage error, itself a document on stdout.
#[test]
fn every_command_prints_json_and_yaml() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::fixed(Reply::json(good_jwks()));
    let url = server.url("/jwks");
    let run = |args: &[&str]| jwksctl(home.path()).args(args).output().unwrap();
    let out = run(&["keys", "generate", "-o", "json"]);
    let kid = serde_json::from_slice::<Value>(&out.stdout).unwrap()["kid"]
        .as_str()
        .unwrap()
        .to_string();
    let token = String::from_utf8(run(&["token", "mint", "--sub", "a"]).stdout).unwrap();
    let token = token.trim();
    for format in ["json", "yaml"] {
        let parse = |args: &[&str]| -> Value {
            let out = jwksctl(home.path())
                .args(args)
                .args(["-o", format])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{args:?} -o {format}: {out:?}");
            let text = String::from_utf8(out.stdout).unwrap();
            let doc: Value = if format == "json" {
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}: {text}"))
            } else {
                yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}: {text}"))
            };
            assert!(!doc.is_null(), "{args:?} -o {format}: {text}");
            doc
        };
        let saved = parse(&["save", "e", &url]);
        assert_eq!(saved["action"], "created");
        assert_eq!(saved["url"], url.as_str());
        // The same URL again: unchanged, with a structured registry.
        let again = parse(&["save", "e", &url]);
        assert_eq!(again["action"], "unchanged");
        assert_eq!(again["old_url"], url.as_str());
        assert_eq!(again["registry"]["backend"], "local");
        assert!(
            again["registry"]["path"]
                .as_str()
                .unwrap()
                .ends_with("config/registry.json"),
            "{again}"
        );
        let other = format!("{url}?v=2");
        let replaced = parse(&["save", "e", &other]);
        assert_eq!(replaced["action"], "replaced");
        assert_eq!(replaced["old_url"], url.as_str());
        assert_eq!(parse(&["save", "e", &url])["action"], "replaced");
        assert_eq!(parse(&["list"])[0]["name"], "e");
        assert_eq!(parse(&["check", "e"])[0]["ok"], true);
        assert!(parse(&["providers"]).as_array().unwrap().len() >= 11);
        assert_eq!(parse(&["keys", "list"])[0]["kid"], kid.as_str());
        assert!(parse(&["keys", "jwks"])["keys"].is_array());
        assert_eq!(parse(&["keys", "export", &kid])["kid"], kid.as_str());
        let other = parse(&["keys", "generate", "--alg", "ES256"]);
        let other_kid = other["kid"].as_str().unwrap().to_string();
        assert_eq!(parse(&["keys", "default", &other_kid])["default"], true);
        assert_eq!(parse(&["keys", "default", &kid])["kid"], kid.as_str());
        assert_eq!(
            parse(&["keys", "remove", &other_kid, "-y"])["removed"],
            true
        );
        assert!(parse(&["token", "mint"])["token"].is_string());
        assert_eq!(parse(&["token", "decode", token])["verified"], false);
        assert_eq!(parse(&["token", "verify", token])["valid"], true);
        assert!(parse(&["config", "show"])["timeout"].is_object());
        assert!(parse(&["config", "path"])["config_file"].is_string());
        assert_eq!(parse(&["config", "set", "timeout", "20s"])["value"], "20s");
        assert_eq!(parse(&["config", "unset", "timeout"])["previous"], "20s");
        assert_eq!(parse(&["template", "-d", "x"])["id"], "x");
        assert_eq!(parse(&["remove", "e", "-y"])["removed"], true);
    }
    // Lists and settings as tables.
    jwksctl(home.path())
        .args(["save", "e", &url])
        .assert()
        .success();
    for args in [
        &["list"][..],
        &["check", "e"],
        &["providers"],
        &["keys", "list"],
        &["config", "show"],
        &["config", "path"],
    ] {
        let out = jwksctl(home.path())
            .args(args)
            .args(["-o", "table"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert!(!out.stdout.is_empty());
    }
    // Unsupported: a usage error, as a document.
    for args in [
        &["template", "-d", "x", "-o", "table"][..],
        &["keys", "jwks", "-o", "table"],
        &["keys", "export", &kid, "--format", "pem", "-o", "json"],
        &["completions", "bash", "-o", "json"],
        &["save", "e", &url, "-o", "table"],
    ] {
        let out = jwksctl(home.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        if args.contains(&"json") {
            let doc: Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(doc["error"]["kind"], "usage");
        } else {
            assert!(stdout.is_empty(), "{args:?}: {stdout}");
        }
    }
}

/// A JWKS fetched over https is never handed over to plain http, even on
/// loopback where a plain-http URL is otherwise allowed; an https hop is
/// followed. The TLS server's CA is trusted only through `SSL_CERT_FILE`.
#[test]
fn https_never_redirects_to_http() {
    let home = tempfile::tempdir().unwrap();
    let plain = Server::fixed(Reply::json(good_jwks()));
    let downgrade = plain.url("/keys");
    let tls = TlsServer::start(move |req| match req.path.as_str() {
        "/keys" => Reply::json(good_jwks()),
        "/hop" => Reply::status(302, "").header("Location", "/keys"),
        _ => Reply::status(302, "").header("Location", &downgrade),
    });
    let check = |path: &str| {
        let mut cmd = jwksctl(home.path());
        cmd.env("SSL_CERT_FILE", tls.ca_file())
            .args(["check", &tls.url(path)]);
        cmd
    };

    // Without the test CA the certificate is refused: the server is real TLS.
    jwksctl(home.path())
        .args(["check", &tls.url("/keys")])
        .assert()
        .code(3)
        .stdout(predicate::str::contains(
            "invalid peer certificate: UnknownIssuer",
        ));
    assert_eq!(tls.count(), 0);

    check("/keys").assert().success();
    check("/hop").assert().success();
    assert_eq!(tls.count(), 3, "/keys, then /hop and /keys");

    check("/down")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "refused a redirect from https to http ({})",
            plain.url("/keys")
        )));
    assert_eq!(tls.count(), 4);
    assert_eq!(plain.count(), 0, "the plain-http server is never asked");
}

/// Every preset builds the URL its provider documents, written out here in
/// full (not from the presets' own templates); the list of presets is
/// exactly these, so a new one comes with its case.
#[test]
fn every_preset_builds_its_providers_url() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "clerk",
            &["domain=my-app.clerk.accounts.dev"],
            "https://my-app.clerk.accounts.dev/.well-known/jwks.json",
        ),
        (
            "auth0",
            &["domain=my-tenant.eu.auth0.com"],
            "https://my-tenant.eu.auth0.com/.well-known/jwks.json",
        ),
        (
            "firebase",
            &[],
            "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com",
        ),
        (
            "supabase",
            &["project_ref=abcdefghijklmnopqrst"],
            "https://abcdefghijklmnopqrst.supabase.co/auth/v1/.well-known/jwks.json",
        ),
        (
            "stytch",
            &["environment=live", "project_id=project-live-42"],
            "https://live.stytch.com/v1/sessions/jwks/project-live-42",
        ),
        (
            "keycloak",
            &["base_url=https://sso.example.com/auth", "realm=r1"],
            "https://sso.example.com/auth/realms/r1/protocol/openid-connect/certs",
        ),
        (
            "cognito",
            &["region=eu-west-1", "user_pool_id=eu-west-1_AbC123"],
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json",
        ),
        (
            "azure-ad",
            &["tenant_id=common"],
            "https://login.microsoftonline.com/common/discovery/v2.0/keys",
        ),
        ("google", &[], "https://www.googleapis.com/oauth2/v3/certs"),
        (
            "supertokens",
            &["core_url=https://core.example.com"],
            "https://core.example.com/.well-known/jwks.json",
        ),
        (
            "workos",
            &["client_id=client_01ABC"],
            "https://api.workos.com/sso/jwks/client_01ABC",
        ),
    ];
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path())
        .args(["providers", "-o", "json"])
        .output()
        .unwrap();
    let presets: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<&str> = presets
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    let mut tried: Vec<&str> = cases.iter().map(|c| c.0).collect();
    names.sort();
    tried.sort();
    assert_eq!(names, tried);
    for (preset, params, _) in cases {
        let mut cmd = jwksctl(home.path());
        cmd.args(["save", preset, "--provider", preset, "--no-check"]);
        for param in *params {
            cmd.args(["--set", param]);
        }
        cmd.assert().success();
    }
    let entries = list_json(home.path());
    assert_eq!(entries.len(), cases.len());
    for (preset, _, url) in cases {
        let entry = entries.iter().find(|e| e["name"] == *preset).unwrap();
        assert_eq!(entry["url"], *url, "{preset}");
        assert_eq!(entry["provider"], *preset, "{preset}");
    }
}

/// A JWKS with warnings only is saved, the warnings printed on stderr.
#[test]
fn save_warns_but_saves() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::fixed(Reply::json(common::sample(
        "microsoft_entra_common_v2_keys.json",
    )));
    jwksctl(home.path())
        .args(["save", "entra", &server.url("/keys")])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: ").and(predicate::str::contains("has no alg")));
    let entries = list_json(home.path());
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["url"], server.url("/keys").as_str());
}

/// The global options: `--home` beats `JWKSCTL_HOME`; `-q` hides notes and
/// warnings; `-v` logs each request and each use of the cache; `timeout`
/// in config.yaml bounds fetches; colour only on a terminal, and never with
/// `--no-color` or `NO_COLOR`.
#[test]
fn global_options() {
    let env_home = tempfile::tempdir().unwrap();
    let flag_home = tempfile::tempdir().unwrap();
    let warned = Server::fixed(
        Reply::json(common::sample("microsoft_entra_common_v2_keys.json"))
            .header("Cache-Control", "max-age=300"),
    );
    let url = warned.url("/keys");

    // --home: the entry lands under the flag's directory only.
    let out = jwksctl(env_home.path())
        .args([
            "--home",
            flag_home.path().to_str().unwrap(),
            "save",
            "a",
            &url,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(registry_file(flag_home.path()).exists());
    assert!(!registry_file(env_home.path()).exists());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("warning: key "), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "no colour in a pipe: {stderr:?}"
    );

    // -q: nothing on stderr for a save that warns.
    jwksctl(flag_home.path())
        .args(["-q", "save", "b", &url])
        .assert()
        .success()
        .stderr("");

    // -v: the request, then the cache.
    let home = tempfile::tempdir().unwrap();
    let fetched = format!("GET {url} -> 200 (");
    let cached = format!("cache: {url} (fetched ");
    for (round, (want, not)) in [(&fetched, &cached), (&cached, &fetched)]
        .iter()
        .enumerate()
    {
        let out = jwksctl(home.path())
            .args(["-v", "check", &url])
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(want.as_str()), "round {round}: {stderr}");
        assert!(!stderr.contains(not.as_str()), "round {round}: {stderr}");
        let quiet = jwksctl(home.path()).args(["check", &url]).output().unwrap();
        assert!(!String::from_utf8(quiet.stderr).unwrap().contains("cache: "));
    }

    // timeout from config.yaml.
    let slow = Server::fixed(Reply::json(good_jwks()).delayed(Duration::from_secs(30)));
    fs::create_dir_all(home.path().join("config")).unwrap();
    fs::write(home.path().join("config/config.yaml"), "timeout: 1s\n").unwrap();
    jwksctl(home.path())
        .args(["check", &slow.url("/jwks")])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("did not answer within 1s"));
    assert_eq!(slow.answered(), 0);

    // Colour on a terminal, off with --no-color or NO_COLOR.
    let on_terminal = |extra: &[&str], no_color: bool| {
        let home = tempfile::tempdir().unwrap();
        let mut cmd = common::jwksctl_std(home.path());
        cmd.args(extra)
            .args(["save", "t", &url])
            .env("TERM", "xterm");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
        p.exp_eof().unwrap()
    };
    let screen = on_terminal(&[], false);
    assert!(screen.contains("\u{1b}[33;1mwarning:"), "{screen:?}");
    // (The spinner's erase-line codes are not colour.)
    let colour = |s: &str| {
        s.split("\u{1b}[").skip(1).any(|rest| {
            let code: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ';')
                .collect();
            rest[code.len()..].starts_with('m')
        })
    };
    assert!(colour(&screen));
    for screen in [on_terminal(&["--no-color"], false), on_terminal(&[], true)] {
        assert!(screen.contains("warning: key "), "{screen:?}");
        assert!(!colour(&screen), "{screen:?}");
    }
}
