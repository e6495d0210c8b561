//! `keys serve`: a local JWKS endpoint that real consumers (jose's remote
//! JWKS, another jwksctl through OpenID discovery) verify tokens with; only
//! public members served; ETag/304; a clean exit 0 on SIGINT and SIGTERM.

use crate::common;

use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use common::jwksctl;
use serde_json::Value;

use common::stdout;

/// A running `keys serve` and its base URL (the first line of its stdout).
struct Serving {
    child: Child,
    base: String,
}

impl Serving {
    fn start(home: &Path, extra: &[&str]) -> Serving {
        let (child, base) = common::keys_serve(home, extra);
        assert!(
            base.starts_with("http://127.0.0.1:"),
            "first line: {base:?}"
        );
        Serving { child, base }
    }

    /// Send `signal`; the exit status and how long it took.
    fn stop(mut self, signal: i32) -> (Option<i32>, Duration, String) {
        let started = Instant::now();
        // SAFETY: kill(2) on the pid of a child we own.
        unsafe { libc::kill(self.child.id() as i32, signal) };
        let deadline = started + Duration::from_secs(5);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut stderr = String::new();
                use std::io::Read;
                let _ = self
                    .child
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut stderr);
                return (status.code(), started.elapsed(), stderr);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("keys serve did not stop within 5 s of signal {signal}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn get(url: &str, etag: Option<&str>) -> (u16, Vec<(String, String)>, String) {
    // Like the spawned jwksctl, never through the caller's HTTP_PROXY.
    let client = reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap();
    let mut request = client.get(url);
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    let response = request.send().unwrap();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    (status, headers, response.text().unwrap())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[test]
fn serves_public_keys_that_jose_and_discovery_verify_with() {
    let home = tempfile::tempdir().unwrap();
    for (alg, kid) in [("EdDSA", "ed"), ("HS256", "hmac"), ("RS256", "rsa")] {
        stdout(
            home.path(),
            &["keys", "generate", "--alg", alg, "--kid", kid],
        );
    }
    let server = Serving::start(home.path(), &[]);
    let jwks_url = format!("{}/.well-known/jwks.json", server.base);

    // Public members only; the HMAC key left out.
    let (status, headers, body) = get(&jwks_url, None);
    assert_eq!(status, 200);
    let doc: Value = serde_json::from_str(&body).unwrap();
    let keys = doc["keys"].as_array().unwrap();
    let kids: Vec<&str> = keys.iter().map(|k| k["kid"].as_str().unwrap()).collect();
    assert_eq!(kids.len(), 2, "{body}");
    assert!(kids.contains(&"ed") && kids.contains(&"rsa"), "{body}");
    for key in keys {
        for member in ["d", "p", "q", "dp", "dq", "qi", "k"] {
            assert!(key.get(member).is_none(), "{member} served: {body}");
        }
    }
    assert!(
        header(&headers, "cache-control").is_some_and(|v| v.contains("max-age=")),
        "{headers:?}"
    );
    // A repeated request with the ETag is a 304.
    let etag = header(&headers, "etag").unwrap().to_string();
    let (status, _, body) = get(&jwks_url, Some(&etag));
    assert_eq!((status, body.as_str()), (304, ""));

    // Discovery: issuer = base URL.
    let (status, _, body) = get(
        &format!("{}/.well-known/openid-configuration", server.base),
        None,
    );
    assert_eq!(status, 200);
    let discovery: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(discovery["issuer"], server.base.as_str());
    assert_eq!(discovery["jwks_uri"], jwks_url.as_str());

    // Anything else: 404 with a JSON body.
    let (status, _, body) = get(&format!("{}/nope", server.base), None);
    assert_eq!(status, 404);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["error"],
        "not_found"
    );

    // jose's remote JWKS (what PowerSync uses for jwks_uri) verifies a minted token.
    let token = stdout(
        home.path(),
        &[
            "token", "mint", "--key", "rsa", "--aud", "svc", "--sub", "alice",
        ],
    );
    const SCRIPT: &str = r#"
import * as jose from "jose";
const [url, token] = process.argv.slice(1);
const set = jose.createRemoteJWKSet(new URL(url));
const { payload, protectedHeader } = await jose.jwtVerify(token, set, { audience: "svc" });
console.log(JSON.stringify({ kid: protectedHeader.kid, sub: payload.sub }));
"#;
    let (ok, out, err) = common::node::module(SCRIPT, &[&jwks_url, token.trim()]);
    assert!(ok, "jose refused the token: {err}");
    assert_eq!(out.trim(), r#"{"kid":"rsa","sub":"alice"}"#);

    // A key generated while serving shows up without a restart.
    stdout(
        home.path(),
        &["keys", "generate", "--alg", "ES256", "--kid", "late"],
    );
    let (status, _, body) = get(&jwks_url, Some(&etag));
    assert_eq!(status, 200, "a changed key store is not a 304");
    assert!(body.contains("\"late\""), "{body}");

    // Another home finds the keys through discovery and verifies with them.
    let other = tempfile::tempdir().unwrap();
    stdout(other.path(), &["save", "dev", "--discover", &server.base]);
    let token = stdout(
        home.path(),
        &["token", "mint", "--key", "late", "--aud", "svc"],
    );
    let verdict: Value = serde_json::from_str(&stdout(
        other.path(),
        &["token", "verify", token.trim(), "-o", "json"],
    ))
    .unwrap();
    assert_eq!(verdict["valid"], true, "{verdict}");
    assert_eq!(verdict["source"], "dev");

    let (code, took, stderr) = server.stop(libc::SIGINT);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert!(stderr.contains("/.well-known/jwks.json"), "{stderr}");
    assert!(
        stderr.contains("/.well-known/openid-configuration"),
        "{stderr}"
    );
}

#[test]
fn sigterm_ends_it_with_exit_0() {
    let home = tempfile::tempdir().unwrap();
    let server = Serving::start(home.path(), &["--listen", "127.0.0.1:0"]);
    let (status, _, body) = get(&format!("{}/.well-known/jwks.json", server.base), None);
    assert_eq!(
        (status, body.contains("\"keys\"")),
        (200, true),
        "an empty store serves no keys"
    );
    let (code, took, stderr) = server.stop(libc::SIGTERM);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

#[test]
fn bad_listen_addresses_are_refused() {
    let home = tempfile::tempdir().unwrap();
    for (listen, code) in [("localhost", 2), ("127.0.0.1:99999", 2), ("", 2)] {
        let out = jwksctl(home.path())
            .args(["keys", "serve", "--listen", listen])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{listen}: {stderr}");
        assert!(out.stdout.is_empty(), "{listen}");
        assert!(stderr.contains("--listen"), "{stderr}");
    }
    // A port already taken: a failure naming the address, nothing on stdout.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = jwksctl(home.path())
        .args(["keys", "serve", "--listen", &addr])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(stderr.contains(&addr), "{stderr}");
    assert!(!home.path().join("data").exists(), "nothing written");
}
