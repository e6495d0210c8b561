//! `check`: the audit of real providers' JWKS documents served over loopback,
//! its JSON contract, and the JWKS cache (fresh, revalidated, refresh, offline,
//! corrupt).

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Reply, Server, good_jwks, jwksctl, refused_url, sample};
use predicates::prelude::*;
use serde_json::{Value, json};

fn check_json(home: &Path, args: &[&str]) -> (Option<i32>, Vec<Value>) {
    let out = jwksctl(home)
        .arg("check")
        .args(args)
        .args(["-o", "json"])
        .output()
        .unwrap();
    let reports: Vec<Value> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), reports)
}

fn codes(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

fn sample_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/jwks-samples");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("index.json"))
        .collect();
    files.sort();
    files
}

/// Every sample document, served over loopback, is usable; the warnings are
/// exactly the ones its shape calls for.
#[test]
fn every_sample_passes_with_the_expected_warnings() {
    let files = sample_files();
    assert!(files.len() >= 11, "{files:?}");
    let server = Server::start(|req| {
        let name = req.path.trim_start_matches('/');
        Reply::json(sample(name))
    });
    let home = tempfile::tempdir().unwrap();
    for file in files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let url = server.url(&format!("/{name}"));
        let (code, reports) = check_json(home.path(), &[&url]);
        assert_eq!(code, Some(0), "{name}: {reports:?}");
        let r = &reports[0];
        assert_eq!(r["ok"], true, "{name}");
        assert_eq!(r["source"], url.as_str());
        assert!(r["errors"].as_array().unwrap().is_empty(), "{name}");
        let warnings = codes(&r["warnings"]);
        let expected: &[&str] = match name {
            "redpanda_keycloak_realm_certs.json" => &["encryption_key"],
            n if n.contains("entra") || n.contains("azure_ad") => &["missing_alg"],
            _ => &[],
        };
        let mut distinct = warnings.clone();
        distinct.dedup();
        assert_eq!(distinct, expected, "{name}: {warnings:?}");
        assert_facts(name, r);
    }
}

/// The report's keys against the facts `index.json` records for the sample,
/// found by PyJWT, jwcrypto and cryptography: the count, and each key's kid,
/// kty, alg, use and RSA size in order; the keys usable for signatures are
/// exactly the ones PyJWT's key set keeps.
fn assert_facts(name: &str, report: &Value) {
    let index: Value = serde_json::from_str(&sample("index.json")).unwrap();
    let entry = index["samples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["file"] == format!("jwks-samples/{name}").as_str())
        .unwrap_or_else(|| panic!("{name} is not in index.json"));
    let facts = &entry["checks"];
    let keys = report["keys"].as_array().unwrap();
    assert_eq!(
        keys.len() as u64,
        facts["key_count"].as_u64().unwrap(),
        "{name}"
    );
    for (key, fact) in keys.iter().zip(facts["keys"].as_array().unwrap()) {
        for member in ["kid", "kty", "alg", "use"] {
            assert_eq!(key[member], fact[member], "{name}: {member} of {key}");
        }
        assert_eq!(
            key["size"],
            fact["rsa_bits"].as_u64().unwrap().to_string().as_str(),
            "{name}: {key}"
        );
        let usable = if fact["use"] == "enc" {
            "ignored"
        } else {
            "ok"
        };
        assert_eq!(key["status"], usable, "{name}: {key}");
    }
    let usable = keys.iter().filter(|k| k["status"] == "ok").count();
    assert_eq!(
        usable as u64,
        facts["pyjwt_PyJWKSet_usable_keys"].as_u64().unwrap(),
        "{name}"
    );
}

#[test]
fn keycloak_encryption_key_is_ignored_not_fatal() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::fixed(Reply::json(sample("redpanda_keycloak_realm_certs.json")));
    let (_, reports) = check_json(home.path(), &[&server.url("/certs")]);
    let keys = reports[0]["keys"].as_array().unwrap();
    let enc = keys.iter().find(|k| k["use"] == "enc").unwrap();
    assert_eq!(enc["status"], "ignored");
    assert_eq!(enc["alg"], "RSA-OAEP");
    let sig = keys.iter().find(|k| k["use"] == "sig").unwrap();
    assert_eq!(sig["status"], "ok");
    assert_eq!(sig["size"], "2048");
}

#[test]
fn cognito_kids_with_base64_characters_are_fine() {
    let home = tempfile::tempdir().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/jwks-samples/aws_cognito_user_pool.json");
    let (code, reports) = check_json(home.path(), &[path.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert!(reports[0]["warnings"].as_array().unwrap().is_empty());
    let kid = reports[0]["keys"][0]["kid"].as_str().unwrap();
    assert!(kid.contains('+') || kid.contains('/') || kid.contains('='));
}

/// A duplicated kid is a warning; an RSA-1024 key is an error (exit 1, code
/// `weak_key`, its size shown), and `save` refuses the endpoint.
#[test]
fn weak_rsa_keys_are_errors_and_duplicate_kids_warnings() {
    // Build a JWKS from Google's keys: one duplicated kid and one RSA-1024.
    let google: Value = serde_json::from_str(&good_jwks()).unwrap();
    let key = google["keys"][0].clone();
    let mut weak = key.clone();
    // 1024-bit modulus: 128 bytes with the top bit set.
    weak["n"] = json!(format!("w{}", "A".repeat(170)));
    weak["kid"] = json!("weak");
    let doc = json!({"keys": [key.clone(), key, weak]}).to_string();
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("jwks.json");
    fs::write(&file, doc).unwrap();
    let (code, reports) = check_json(home.path(), &[file.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    let warnings = codes(&reports[0]["warnings"]);
    assert!(
        warnings.contains(&"duplicate_kid".to_string()),
        "{warnings:?}"
    );
    assert_eq!(codes(&reports[0]["errors"]), ["weak_key"]);
    assert!(
        reports[0]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("RSA-1024 key: RSA keys under 2048 bits are refused (RFC 7518 3.3)")
    );
    let weak = &reports[0]["keys"][2];
    assert_eq!(weak["status"], "weak");
    assert_eq!(weak["size"], "1024");
    let server = Server::fixed(Reply::json(fs::read_to_string(&file).unwrap()));
    jwksctl(home.path())
        .args(["save", "weak", &server.url("/jwks")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("weak_key").or(predicate::str::contains("RSA-1024")));
    assert!(!home.path().join("config/registry.json").exists());
}

/// `check` fetches several endpoints at once (the server sees requests
/// overlap, never more than the bound) and reports them in the registry's order.
#[test]
fn many_endpoints_are_fetched_concurrently_in_a_stable_order() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let inflight = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let (now, max) = (inflight.clone(), most.clone());
    let jwks = good_jwks();
    let server = Server::start(move |_| {
        let n = now.fetch_add(1, Ordering::SeqCst) + 1;
        max.fetch_max(n, Ordering::SeqCst);
        std::thread::sleep(std::time::Duration::from_millis(300));
        now.fetch_sub(1, Ordering::SeqCst);
        Reply::json(jwks.clone())
    });
    let home = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..12).map(|i| format!("e{i:02}")).collect();
    // A bound below the number of entries, so the bound itself is tested.
    for name in &names {
        jwksctl(home.path())
            .args(["save", name, &server.url(&format!("/{name}")), "--no-check"])
            .assert()
            .success();
    }
    let out = jwksctl(home.path())
        .env("JWKSCTL_PARALLEL", "5")
        .args(["check", "--all", "--refresh", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    let reports: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let order: Vec<&str> = reports
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(order, names.iter().map(String::as_str).collect::<Vec<_>>());
    for (r, name) in reports.iter().zip(&names) {
        assert!(r["url"].as_str().unwrap().ends_with(&format!("/{name}")));
    }
    let most = most.load(Ordering::SeqCst);
    assert!((2..=5).contains(&most), "{most} requests in flight at once");
    assert_eq!(server.count(), 12);
}

#[test]
fn json_report_shape() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::fixed(Reply::json(good_jwks()));
    let url = server.url("/k");
    let (code, reports) = check_json(home.path(), &[&url]);
    assert_eq!(code, Some(0));
    let r = &reports[0];
    let fields: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(fields.len(), 7, "{fields:?}");
    // Fetched from the server in this run: no cache state.
    assert_eq!(r["cache"], Value::Null);
    assert_eq!(r["source"], url.as_str());
    assert_eq!(r["url"], url.as_str());
    assert_eq!(r["ok"], true);
    assert_eq!(r["errors"], json!([]));
    assert_eq!(r["warnings"], json!([]));
    // Google's sample as index.json records it.
    assert_eq!(
        r["keys"],
        json!([
            {"kid": "73e25f9789119c7875d58087a78ac23f5ef2eda3", "kty": "RSA", "alg": "RS256",
             "use": "sig", "size": "2048", "status": "ok"},
            {"kid": "c88d809f4db943df53da7accfd47764d05ba391f", "kty": "RSA", "alg": "RS256",
             "use": "sig", "size": "2048", "status": "ok"},
        ])
    );

    // A failing report: ok false, the error with its code, kid and message.
    let private = Server::fixed(Reply::json(
        r#"{"keys":[{"kty":"oct","kid":"h","k":"dG9wLXNlY3JldA"}]}"#,
    ));
    let (code, reports) = check_json(home.path(), &[&private.url("/k")]);
    assert_eq!(code, Some(1));
    assert_eq!(reports[0]["ok"], false);
    let error = &reports[0]["errors"][0];
    assert_eq!(error["code"], "private_key_material", "{error}");
    assert_eq!(error["kid"], "h", "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("private key material"),
        "{error}"
    );
}

#[test]
fn table_output_and_errors() {
    let home = tempfile::tempdir().unwrap();
    let good = Server::fixed(Reply::json(good_jwks()));
    let private = Server::fixed(Reply::json(
        r#"{"keys":[{"kty":"oct","kid":"h","k":"dG9wLXNlY3JldA"}]}"#,
    ));
    jwksctl(home.path())
        .args(["check", &good.url("/k")])
        .assert()
        .success()
        .stdout(predicate::str::contains("KID"))
        .stdout(predicate::str::contains("SIZE/CRV"))
        .stdout(predicate::str::contains(": ok"));
    jwksctl(home.path())
        .args(["check", &good.url("/k"), &private.url("/k")])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAILED"))
        .stdout(predicate::str::contains("private key material"))
        .stdout(predicate::str::contains("dG9wLXNlY3JldA").not());
    // A definite failure wins over an unreachable source: exit 1 (exit 3
    // says only that a retry may help).
    jwksctl(home.path())
        .args(["check", &private.url("/k"), &refused_url()])
        .assert()
        .code(1);
    jwksctl(home.path())
        .args(["check", &good.url("/k"), &refused_url()])
        .assert()
        .code(3);
    // Not a name, URL or file.
    jwksctl(home.path())
        .args(["check", "nothing-here"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a registry entry"));
}

#[test]
fn check_all_uses_the_registry() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::fixed(Reply::json(good_jwks()));
    jwksctl(home.path())
        .args(["check", "--all", "-o", "json"])
        .assert()
        .success()
        .stdout("[]\n");
    for name in ["one", "two"] {
        jwksctl(home.path())
            .args(["save", name, &server.url(&format!("/{name}"))])
            .assert()
            .success();
    }
    let (code, reports) = check_json(home.path(), &[]);
    assert_eq!(code, Some(0));
    let sources: Vec<&str> = reports
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["one", "two"]);
    let (_, reports) = check_json(home.path(), &["two"]);
    assert_eq!(reports[0]["url"], server.url("/two").as_str());
}

fn cache_files(home: &Path) -> Vec<PathBuf> {
    match fs::read_dir(home.join("cache/jwks")) {
        Ok(dir) => dir.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn fresh_cache_makes_one_request() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::fixed(Reply::json(good_jwks()).header("Cache-Control", "max-age=300"));
    let url = server.url("/jwks");
    for _ in 0..2 {
        jwksctl(home.path())
            .args(["check", &url])
            .assert()
            .success();
    }
    assert_eq!(server.count(), 1);
    let files = cache_files(home.path());
    assert_eq!(files.len(), 1);
    let entry: Value = serde_json::from_slice(&fs::read(&files[0]).unwrap()).unwrap();
    assert_eq!(entry["url"], url.as_str());
    assert_eq!(entry["max_age"], 300);
    // The file is named by the SHA-256 of the URL, in lower-case hex.
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, url.as_bytes());
    let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        files[0].file_name().unwrap().to_str().unwrap(),
        format!("{hex}.json")
    );

    // --refresh fetches anew.
    jwksctl(home.path())
        .args(["check", &url, "--refresh"])
        .assert()
        .success();
    assert_eq!(server.count(), 2);
}

#[test]
fn stale_entries_are_revalidated_with_the_etag() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(|req| {
        if req.header("if-none-match") == Some("\"v1\"") {
            Reply::status(304, "")
        } else {
            Reply::json(good_jwks()).header("ETag", "\"v1\"")
        }
    });
    let url = server.url("/jwks");
    jwksctl(home.path())
        .args(["check", &url])
        .assert()
        .success();
    // Age the entry past its max-age.
    let file = &cache_files(home.path())[0];
    let mut entry: Value = serde_json::from_slice(&fs::read(file).unwrap()).unwrap();
    entry["fetched_at"] = json!(entry["fetched_at"].as_u64().unwrap() - 3600);
    fs::write(file, entry.to_string()).unwrap();
    jwksctl(home.path())
        .args(["check", &url, "-o", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"ok\": true"));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].header("if-none-match"), Some("\"v1\""));
    // The 304 refreshed the entry: a third check is served from the cache.
    jwksctl(home.path())
        .args(["check", &url])
        .assert()
        .success();
    assert_eq!(server.count(), 2);
}

#[test]
fn offline_never_touches_the_network() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::fixed(Reply::json(good_jwks()));
    let url = server.url("/jwks");
    jwksctl(home.path())
        .args(["check", &url, "--offline"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains(format!(
            "no cached copy of {url}, and in offline mode nothing is fetched"
        )));
    assert_eq!(server.count(), 0);
    jwksctl(home.path())
        .args(["check", &url])
        .assert()
        .success();
    assert_eq!(server.count(), 1);
    // Even stale, the cache is used offline, with a warning.
    let file = &cache_files(home.path())[0];
    let mut entry: Value = serde_json::from_slice(&fs::read(file).unwrap()).unwrap();
    entry["fetched_at"] = json!(1);
    fs::write(file, entry.to_string()).unwrap();
    jwksctl(home.path())
        .args(["check", &url, "--offline"])
        .assert()
        .success()
        .stderr(predicate::str::contains("stale"));
    assert_eq!(server.count(), 1);
}

/// A stale cache and a server that is down (503, refused): `check` and
/// `verify` use the stale copy with a warning, as --offline would; not with
/// --refresh, and not when the server answers that the document is gone.
#[test]
fn stale_cache_is_used_when_the_server_is_down() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU16, Ordering};
    let home = tempfile::tempdir().unwrap();
    let status = Arc::new(AtomicU16::new(200));
    let answer = status.clone();
    let server = Server::start(move |_| match answer.load(Ordering::SeqCst) {
        200 => Reply::json(good_jwks()),
        code => Reply::status(code, "<html>down</html>"),
    });
    let url = server.url("/jwks");
    jwksctl(home.path())
        .args(["check", &url])
        .assert()
        .success();
    let file = &cache_files(home.path())[0];
    let mut entry: Value = serde_json::from_slice(&fs::read(file).unwrap()).unwrap();
    entry["fetched_at"] = json!(entry["fetched_at"].as_u64().unwrap() - 3600);
    fs::write(file, entry.to_string()).unwrap();
    status.store(503, Ordering::SeqCst);
    // The endpoint is down: exit 3 whatever the cache holds; the cached
    // audit is shown marked stale, and the warning survives -q.
    jwksctl(home.path())
        .args(["check", &url])
        .assert()
        .code(3)
        .stdout(predicate::str::contains(
            "STALE cached copy, fetched 60m ago",
        ))
        .stderr(predicate::str::contains("using a stale cached copy"))
        .stderr(predicate::str::contains("503"));
    let out = jwksctl(home.path())
        .args(["-q", "check", &url, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("warning: using a stale cached copy"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &reports[0];
    assert_eq!(r["ok"], false);
    assert_eq!(r["cache"]["state"], "stale");
    let age = r["cache"]["age"].as_u64().unwrap();
    assert!((3600..3700).contains(&age), "{age}");
    assert_eq!(r["keys"].as_array().unwrap().len(), 2, "{r}");
    assert_eq!(codes(&r["errors"]), ["unreachable"]);
    assert!(r["errors"][0]["message"].as_str().unwrap().contains("503"));
    jwksctl(home.path())
        .args(["check", &url, "--refresh"])
        .assert()
        .code(3);
    status.store(404, Ordering::SeqCst);
    jwksctl(home.path())
        .args(["check", &url])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("stale").not());
    // --offline with nothing cached never hints to use --offline.
    let other = server.url("/other");
    let out = jwksctl(home.path())
        .args(["check", &other, "--offline"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    for stream in [&out.stdout, &out.stderr] {
        assert!(!String::from_utf8_lossy(stream).contains("use --offline"));
    }
    let out = jwksctl(home.path())
        .args(["token", "verify", "x.y.z", "--jwks", &other, "--offline"])
        .output()
        .unwrap();
    for stream in [&out.stdout, &out.stderr] {
        assert!(!String::from_utf8_lossy(stream).contains("use --offline"));
    }
}

#[test]
fn corrupt_cache_is_ignored_and_replaced() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::fixed(Reply::json(good_jwks()));
    let url = server.url("/jwks");
    jwksctl(home.path())
        .args(["check", &url])
        .assert()
        .success();
    let file = cache_files(home.path())[0].clone();
    fs::write(&file, b"{\"url\": trunc").unwrap();
    jwksctl(home.path())
        .args(["check", &url])
        .assert()
        .success();
    assert_eq!(server.count(), 2);
    let entry: Value = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
    assert_eq!(entry["url"], url.as_str());
}

#[test]
fn broken_answers_are_not_cached() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::fixed(Reply::json("not json"));
    let url = server.url("/jwks");
    for _ in 0..2 {
        jwksctl(home.path()).args(["check", &url]).assert().code(1);
    }
    assert_eq!(server.count(), 2);
    assert!(cache_files(home.path()).is_empty());
}

/// `check --all` over an entry serving HTML (a definite failure) and one
/// whose port is closed (unreachable): exit 1, each finding its own code.
#[test]
fn a_definite_failure_wins_over_an_unreachable_entry() {
    let home = tempfile::tempdir().unwrap();
    let html = Server::fixed(Reply::status(200, "<html>login</html>"));
    for (name, url) in [("html", html.url("/jwks")), ("closed", refused_url())] {
        jwksctl(home.path())
            .args(["save", name, &url, "--no-check"])
            .assert()
            .success();
    }
    let (code, reports) = check_json(home.path(), &["--all"]);
    assert_eq!(code, Some(1));
    let sources: Vec<&str> = reports
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["closed", "html"]);
    assert_eq!(codes(&reports[0]["errors"]), ["unreachable"]);
    assert_eq!(codes(&reports[1]["errors"]), ["not_json"]);
    // Alone, the closed port is worth a retry: exit 3.
    let (code, _) = check_json(home.path(), &["closed"]);
    assert_eq!(code, Some(3));
}

/// Age a cached entry by SECS.
fn age_cache(home: &Path, secs: u64) {
    for file in cache_files(home) {
        let mut entry: Value = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
        entry["fetched_at"] = json!(entry["fetched_at"].as_u64().unwrap() - secs);
        fs::write(&file, entry.to_string()).unwrap();
    }
}

/// `cache` says how the cache served each source: fresh (with its age),
/// revalidated (a 304), stale; null when the server sent the body.
#[test]
fn every_result_says_how_the_cache_served_it() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(|req| {
        if req.header("if-none-match") == Some("\"v1\"") {
            Reply::status(304, "")
        } else {
            Reply::json(good_jwks()).header("ETag", "\"v1\"")
        }
    });
    let url = server.url("/jwks");
    let state = |args: &[&str]| {
        let (code, reports) = check_json(home.path(), args);
        (code, reports[0]["cache"].clone())
    };
    assert_eq!(state(&[&url]), (Some(0), Value::Null));
    age_cache(home.path(), 120);
    let (code, cache) = state(&[&url]);
    assert_eq!(code, Some(0));
    assert_eq!(cache["state"], "fresh");
    assert!(
        (120..200).contains(&cache["age"].as_u64().unwrap()),
        "{cache}"
    );
    age_cache(home.path(), 3600);
    let (code, cache) = state(&[&url]);
    assert_eq!(code, Some(0));
    assert_eq!(cache["state"], "revalidated");
    assert!(cache["age"].as_u64().unwrap() >= 3720, "{cache}");
    assert_eq!(server.count(), 2);
    // Offline, a stale copy is what was asked for: exit by its audit, marked stale.
    age_cache(home.path(), 3600);
    let (code, cache) = state(&[&url, "--offline"]);
    assert_eq!(code, Some(0));
    assert_eq!(cache["state"], "stale");
    let (code, cache) = state(&[&url, "--refresh"]);
    assert_eq!((code, cache), (Some(0), Value::Null));
}

/// A stale copy stands in for a down server only within max_stale (default
/// 24 h past its max-age): past it the source is unavailable (exit 3), for
/// `check` and `token verify` alike; the flag, the variable and the config
/// key set the bound, and bad values name where they came from.
#[test]
fn max_stale_bounds_how_old_a_stand_in_may_be() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let home = tempfile::tempdir().unwrap();
    let up = Arc::new(AtomicBool::new(true));
    let answer = up.clone();
    let server = Server::start(move |_| {
        if answer.load(Ordering::SeqCst) {
            Reply::json(good_jwks())
        } else {
            Reply::status(503, "down")
        }
    });
    let url = server.url("/jwks");
    jwksctl(home.path())
        .args(["check", &url])
        .assert()
        .success();
    up.store(false, Ordering::SeqCst);
    let down = |args: &[&str], env: Option<(&str, &str)>| {
        let mut cmd = jwksctl(home.path());
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd
            .arg("check")
            .arg(&url)
            .args(args)
            .args(["-o", "json"])
            .output()
            .unwrap();
        let reports: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        (
            out.status.code(),
            reports[0].clone(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // 400 days old: past the default bound; no keys shown, exit 3.
    age_cache(home.path(), 400 * 86_400);
    let (code, r, stderr) = down(&[], None);
    assert_eq!(code, Some(3), "{stderr}");
    assert_eq!(r["keys"], json!([]), "{r}");
    assert_eq!(codes(&r["errors"]), ["unreachable"]);
    let message = r["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("went stale 399d ago, more than the 1day allowed"),
        "{message}"
    );
    assert!(!stderr.contains("using a stale cached copy"), "{stderr}");
    // A wider bound by flag, variable or config key lets it stand in (still exit 3).
    let (code, r, _) = down(&["--max-stale", "2y"], None);
    assert_eq!(
        (code, r["cache"]["state"].clone()),
        (Some(3), json!("stale"))
    );
    let (code, r, _) = down(&[], Some(("JWKSCTL_MAX_STALE", "500d")));
    assert_eq!(
        (code, r["cache"]["state"].clone()),
        (Some(3), json!("stale"))
    );
    jwksctl(home.path())
        .args(["config", "set", "max_stale", "2y"])
        .assert()
        .success();
    let (code, r, _) = down(&[], None);
    assert_eq!(
        (code, r["cache"]["state"].clone()),
        (Some(3), json!("stale"))
    );
    // The flag wins over the config key: 0s never uses a stale copy.
    let (code, r, _) = down(&["--max-stale", "0s"], None);
    assert_eq!((code, r["keys"].clone()), (Some(3), json!([])));
    // verify: the source is unavailable, so the verdict is undecided (exit 3).
    let out = jwksctl(home.path())
        .args([
            "token",
            "verify",
            "x.y.z",
            "--jwks",
            &url,
            "--max-stale",
            "1h",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("more than the 1h allowed"), "{stderr}");
    // Bad values name their origin, with one message for the one grammar.
    for (args, env, message) in [
        (
            &["--max-stale", "1months"][..],
            None,
            "invalid value '1months' for '--max-stale <DURATION>': unknown unit \"months\"",
        ),
        (
            &[][..],
            Some(("JWKSCTL_MAX_STALE", "abc")),
            "invalid value 'abc' for the variable JWKSCTL_MAX_STALE: \"abc\" is not a duration",
        ),
    ] {
        let mut cmd = jwksctl(home.path());
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        cmd.arg("check")
            .arg(&url)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    jwksctl(home.path())
        .args(["config", "set", "max_stale", "1months"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid max_stale \"1months\": unknown unit",
        ));
}

/// Issue 17: a JWKS publishing a small-order Ed25519 key (any of its 14
/// encodings) fails `check` with the finding named, and `save` refuses it.
#[test]
fn small_order_ed25519_keys_are_an_error() {
    let home = tempfile::tempdir().unwrap();
    for (i, x) in common::ed25519::SMALL_ORDER.iter().enumerate() {
        let file = home.path().join(format!("forge{i}.json"));
        fs::write(&file, common::ed25519::jwks(x)).unwrap();
        let (code, reports) = check_json(home.path(), &[file.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{x}: {reports:?}");
        let r = &reports[0];
        assert_eq!(r["ok"], false);
        assert!(
            codes(&r["errors"]).contains(&"small_order_key".to_string()),
            "{x}: {r}"
        );
        assert_eq!(r["keys"][0]["status"], "invalid", "{x}");
    }
    // In words too, and save refuses the endpoint.
    let server = Server::fixed(Reply::json(common::ed25519::jwks(
        common::ed25519::SMALL_ORDER[2],
    )));
    jwksctl(home.path())
        .args(["check", &server.url("/jwks")])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("small-order Ed25519 point"));
    jwksctl(home.path())
        .args(["save", "forge", &server.url("/jwks")])
        .assert()
        .code(1);
    jwksctl(home.path())
        .args(["list", "-o", "json"])
        .assert()
        .stdout(predicate::str::contains("forge").not());
}

/// The public JWK of a new key of ALG, with KID, from a scratch home.
fn new_jwk(alg: &str, kid: &str) -> Value {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["keys", "generate", "--alg", alg, "--kid", kid])
        .assert()
        .success();
    let out = jwksctl(home.path())
        .args(["keys", "export", kid, "--format", "jwk"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn check_doc(home: &Path, doc: Value) -> (Option<i32>, Value) {
    let file = home.join("jwks.json");
    fs::write(&file, doc.to_string()).unwrap();
    let (code, mut reports) = check_json(home, &[file.to_str().unwrap()]);
    (code, reports.remove(0))
}

/// Every curve jwksctl verifies is usable (named with its algorithm); a
/// lone key needs no kid, but in a set of two the kid-less one is named;
/// `key_ops` with `verify` is a signing key, without it the key is ignored;
/// the STATUS column prints each status word.
#[test]
fn curves_kids_key_ops_and_status_words() {
    let home = tempfile::tempdir().unwrap();
    let (es256, es384, es512) = (
        new_jwk("ES256", "p256"),
        new_jwk("ES384", "p384"),
        new_jwk("ES512", "p521"),
    );
    let (code, r) = check_doc(home.path(), json!({"keys": [es256, es384, es512]}));
    assert_eq!(code, Some(0), "{r}");
    let rows: Vec<(&str, &str, &str)> = r["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["size"].as_str().unwrap(),
                k["alg"].as_str().unwrap(),
                k["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("P-256", "ES256", "ok"),
            ("P-384", "ES384", "ok"),
            ("P-521", "ES512", "ok")
        ]
    );
    assert_eq!(r["warnings"], json!([]));

    // A lone kid-less key: no warning; two keys, one kid-less: a warning.
    let mut lone = new_jwk("EdDSA", "x");
    lone.as_object_mut().unwrap().remove("kid");
    let (code, r) = check_doc(home.path(), json!({"keys": [lone]}));
    assert_eq!((code, &r["warnings"]), (Some(0), &json!([])), "{r}");
    let (_, r) = check_doc(home.path(), json!({"keys": [lone, es256]}));
    assert_eq!(codes(&r["warnings"]), ["missing_kid"]);
    assert_eq!(
        r["warnings"][0]["message"],
        "1 of 2 keys have no kid: verifiers must try each key in turn"
    );

    // key_ops.
    let mut verify = es256.clone();
    verify["key_ops"] = json!(["verify"]);
    let mut encrypt = es384.clone();
    encrypt["key_ops"] = json!(["encrypt"]);
    let (code, r) = check_doc(home.path(), json!({"keys": [verify, encrypt]}));
    assert_eq!(code, Some(0), "{r}");
    assert_eq!(r["keys"][0]["status"], "ok", "{r}");
    assert_eq!(r["keys"][1]["status"], "ignored", "{r}");
    assert_eq!(codes(&r["warnings"]), ["key_ops"]);

    // The STATUS column: ok, ignored, unsupported, invalid, weak, PRIVATE.
    let google: Value = serde_json::from_str(&good_jwks()).unwrap();
    let mut enc = google["keys"][1].clone();
    enc["use"] = json!("enc");
    enc["kid"] = json!("enc");
    let mut unsupported = es256.clone();
    unsupported["alg"] = json!("RS256");
    unsupported["kid"] = json!("unsupported");
    let mut invalid = es256.clone();
    invalid["x"] = json!("AAAA");
    invalid["kid"] = json!("invalid");
    let mut weak = google["keys"][0].clone();
    weak["n"] = json!(format!("w{}", "A".repeat(170)));
    weak["kid"] = json!("weak");
    let private = json!({"kty": "oct", "kid": "private", "k": "dG9wLXNlY3JldA"});
    let file = home.path().join("all.json");
    fs::write(
        &file,
        json!({"keys": [google["keys"][0], enc, unsupported, invalid, weak, private]}).to_string(),
    )
    .unwrap();
    let out = jwksctl(home.path())
        .args(["check", file.to_str().unwrap()])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let status = |kid: &str| {
        table
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{kid} ")))
            .and_then(|l| l.split_whitespace().last())
            .unwrap_or_else(|| panic!("{kid}: {table}"))
            .to_string()
    };
    let ok_kid = google["keys"][0]["kid"].as_str().unwrap();
    for (kid, word) in [
        (ok_kid, "ok"),
        ("enc", "ignored"),
        ("unsupported", "unsupported"),
        ("invalid", "invalid"),
        ("weak", "weak"),
        ("private", "PRIVATE"),
    ] {
        assert_eq!(status(kid), word, "{table}");
    }
    // The size column: an HMAC key's bits (10 bytes of k).
    let (_, reports) = check_json(home.path(), &[file.to_str().unwrap()]);
    assert_eq!(reports[0]["keys"][5]["size"], "80", "{}", reports[0]);
    assert_eq!(reports[0]["keys"][2]["size"], "P-256", "{}", reports[0]);
}

/// Every row of docs/ci.md's table of error kinds, walked: a command that
/// fails with that kind prints the documented kind and exit code, in the
/// JSON error document and as its exit status.
#[test]
fn every_error_kind_row_of_ci_md_holds() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci.md")).unwrap();
    let start = doc.find("<!-- error-kinds -->").unwrap();
    let rows: Vec<(String, i32)> = doc[start..]
        .lines()
        .skip(3)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().trim_matches('`'))
                .collect();
            (cells[0].to_string(), cells[1].parse().unwrap())
        })
        .collect();
    assert_eq!(rows.len(), 4, "{rows:?}");
    let home = tempfile::tempdir().unwrap();
    let refused = refused_url();
    for (kind, exit) in rows {
        let args: Vec<&str> = match kind.as_str() {
            "failure" => vec!["remove", "nosuch"],
            "usage" => vec!["check", "nothing-here"],
            "unreachable" => vec!["save", "down", &refused],
            // An empty registry and key store: nothing to verify with.
            "no_keys" => vec!["token", "verify", "eyJhbGciOiJFZERTQSJ9.e30.c2ln"],
            other => panic!("no command walks the row {other:?} of docs/ci.md"),
        };
        let out = jwksctl(home.path())
            .args(&args)
            .args(["-o", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(exit), "{kind}");
        let error: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(error["error"]["kind"], kind.as_str());
        assert_eq!(error["error"]["exit_code"], exit);
    }
}

/// The freshness stored for a document: the server's max-age up to one day
/// (86400 s), ten minutes (600 s) when it says nothing, one minute at least.
#[test]
fn stored_max_age_is_clamped_to_a_day_and_defaults_to_ten_minutes() {
    for (header, stored) in [
        (Some("max-age=9999999"), 86_400),
        (Some("public, max-age=86401"), 86_400),
        (Some("max-age=86399"), 86_399),
        (None, 600),
        (Some("no-cache"), 600),
        (Some("max-age=5"), 60),
    ] {
        let home = tempfile::tempdir().unwrap();
        let mut reply = Reply::json(good_jwks());
        if let Some(value) = header {
            reply = reply.header("Cache-Control", value);
        }
        let server = Server::fixed(reply);
        jwksctl(home.path())
            .args(["check", &server.url("/jwks")])
            .assert()
            .success();
        let file = &cache_files(home.path())[0];
        let entry: Value = serde_json::from_slice(&fs::read(file).unwrap()).unwrap();
        assert_eq!(entry["max_age"], stored, "{header:?}");
    }
}

/// The test suite's own HTTP clients ignore the caller's proxy variables,
/// as the spawned jwksctl (scrubbed environment) does: every reqwest client
/// built under tests/ is built with `.no_proxy()`.
#[test]
fn test_http_clients_ignore_the_callers_proxy() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it");
    let mut files = vec![dir.clone()];
    let mut seen = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let needle = ["reqwest::", "blocking::Client"].concat();
        for (at, _) in text.match_indices(&needle) {
            let rest = &text[at..];
            let statement = &rest[..rest.find(';').unwrap_or(rest.len())];
            if statement.contains("Client::new()") || statement.contains("builder()") {
                seen += 1;
                assert!(
                    statement.contains(".no_proxy()"),
                    "{}: a reqwest client that reads HTTP_PROXY: {statement}",
                    path.display()
                );
            }
        }
    }
    assert!(seen >= 1, "the serve tests build a client");
}
