//! sqld key files of several keys (for key rotation): `keys export KID…
//! --format sqld` and `keys sqld SOURCE…`. The files are read back the way
//! sqld reads them (tursodatabase/libsql f8fb14f,
//! libsql-server/src/auth/parsers.rs `parse_jwt_keys`: `pem::parse_many`,
//! each `PUBLIC KEY` block through jsonwebtoken's `from_ed_pem`; and
//! user_auth_strategies/jwt.rs: each key tried in turn, EdDSA, `exp` not
//! required), so rotation is judged by sqld's own parser, not ours.

use std::fs;
use std::path::Path;

use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode};
use serde_json::{Value, json};

use crate::common::{Reply, Server, jwksctl, refused_url, stdout};

/// The keys sqld would load from this file's text, or why it would refuse it.
fn sqld_keys(text: &str) -> Result<Vec<DecodingKey>, String> {
    if !text.starts_with("-----BEGIN") {
        return DecodingKey::from_ed_components(text)
            .map(|k| vec![k])
            .map_err(|e| e.to_string());
    }
    pem::parse_many(text)
        .map_err(|e| e.to_string())?
        .iter()
        .map(|block| match block.tag() {
            "PUBLIC KEY" => {
                DecodingKey::from_ed_pem(block.to_string().as_bytes()).map_err(|e| e.to_string())
            }
            other => Err(format!("unsupported PEM block {other}")),
        })
        .collect()
}

/// Whether sqld, holding this key file, accepts the token.
fn sqld_accepts(file: &str, token: &str) -> bool {
    let keys = sqld_keys(file).expect("sqld loads the file");
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.required_spec_claims.remove("exp");
    keys.iter()
        .any(|key| decode::<Value>(token.trim(), key, &validation).is_ok())
}

fn mint(home: &Path, kid: &str) -> String {
    stdout(
        home,
        &["token", "mint", "--for", "sqld", "-d", "mydb", "--key", kid],
    )
    .trim()
    .to_string()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Rotation with `keys export OLD NEW --format sqld`: both keys' tokens pass
/// sqld's parser; after the next rotation (NEW NEWER) the removed key's
/// token does not. Each block alone verifies its own key's token with
/// `token verify --key`.
#[test]
fn rotation_with_exported_kids() {
    let home = tempfile::tempdir().unwrap();
    for kid in ["old", "new", "newer"] {
        stdout(home.path(), &["keys", "generate", "--kid", kid]);
    }
    let (old, new, newer) = (
        mint(home.path(), "old"),
        mint(home.path(), "new"),
        mint(home.path(), "newer"),
    );
    let file = stdout(
        home.path(),
        &["keys", "export", "old", "new", "--format", "sqld"],
    );
    assert!(file.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{file}");
    assert_eq!(sqld_keys(&file).unwrap().len(), 2);
    assert!(sqld_accepts(&file, &old));
    assert!(sqld_accepts(&file, &new));
    assert!(!sqld_accepts(&file, &newer));

    // The blocks are in the order given, each the key `--format pem` gives.
    let blocks = pem::parse_many(&file).unwrap();
    for (block, kid) in blocks.iter().zip(["old", "new"]) {
        let single = stdout(home.path(), &["keys", "export", kid, "--format", "pem"]);
        assert_eq!(block.to_string().replace("\r\n", "\n"), single);
        let path = home.path().join(format!("{kid}.pem"));
        fs::write(&path, &single).unwrap();
        for (token, valid) in [(&old, kid == "old"), (&new, kid == "new")] {
            let out = jwksctl(home.path())
                .args(["token", "verify", token, "--key"])
                .arg(&path)
                .output()
                .unwrap();
            assert_eq!(out.status.success(), valid, "{kid}: {}", stderr(&out));
        }
    }

    let rotated = stdout(
        home.path(),
        &["keys", "export", "new", "newer", "--format", "sqld"],
    );
    assert!(!sqld_accepts(&rotated, &old), "the removed key's token");
    assert!(sqld_accepts(&rotated, &new));
    assert!(sqld_accepts(&rotated, &newer));

    // One kid keeps the raw base64url form sqld also reads.
    let raw = stdout(home.path(), &["keys", "export", "new", "--format", "sqld"]);
    assert!(!raw.contains("BEGIN") && !raw.ends_with('\n'));
    assert!(sqld_accepts(&raw, &new) && !sqld_accepts(&raw, &old));
}

/// The same rotation judged by `token verify --for sqld --key FILE`, which
/// loads a file of several PEM blocks as sqld does.
#[test]
fn rotation_verified_for_sqld() {
    let home = tempfile::tempdir().unwrap();
    for kid in ["old", "new", "newer"] {
        stdout(home.path(), &["keys", "generate", "--kid", kid]);
    }
    let tokens: Vec<String> = ["old", "new", "newer"]
        .iter()
        .map(|kid| mint(home.path(), kid))
        .collect();
    let verify = |file: &str, token: &str| {
        let path = home.path().join("jwt_keys.pem");
        fs::write(&path, file).unwrap();
        jwksctl(home.path())
            .args(["token", "verify", token, "--for", "sqld", "--key"])
            .arg(&path)
            .output()
            .unwrap()
            .status
            .code()
    };
    let first = stdout(
        home.path(),
        &["keys", "export", "old", "new", "--format", "sqld"],
    );
    assert_eq!(verify(&first, &tokens[0]), Some(0));
    assert_eq!(verify(&first, &tokens[1]), Some(0));
    assert_eq!(verify(&first, &tokens[2]), Some(1));
    let rotated = stdout(
        home.path(),
        &["keys", "export", "new", "newer", "--format", "sqld"],
    );
    assert_eq!(verify(&rotated, &tokens[0]), Some(1), "the removed key");
    assert_eq!(verify(&rotated, &tokens[1]), Some(0));
    assert_eq!(verify(&rotated, &tokens[2]), Some(0));
}

/// `keys sqld URL` follows an endpoint's rotation: the file made before it
/// holds old and new; the one made after (with --refresh) new and newer;
/// sqld takes exactly the tokens of the keys in each.
#[test]
fn rotation_from_a_jwks_endpoint() {
    let home = tempfile::tempdir().unwrap();
    for kid in ["old", "new", "newer"] {
        stdout(home.path(), &["keys", "generate", "--kid", kid]);
    }
    let tokens: Vec<String> = ["old", "new", "newer"]
        .iter()
        .map(|kid| mint(home.path(), kid))
        .collect();
    let all: Value = serde_json::from_str(&stdout(home.path(), &["keys", "jwks"])).unwrap();
    let jwks_of = |kids: &[&str]| {
        let keys: Vec<Value> = all["keys"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|k| kids.contains(&k["kid"].as_str().unwrap()))
            .cloned()
            .collect();
        json!({ "keys": keys }).to_string()
    };
    let served = std::sync::Arc::new(std::sync::Mutex::new(jwks_of(&["old", "new"])));
    let body = served.clone();
    let server = Server::start(move |_| Reply::json(body.lock().unwrap().clone()));
    let url = server.url("/.well-known/jwks.json");
    let path = home.path().join("jwt_keys.pem");
    let out = jwksctl(home.path())
        .args(["keys", "sqld", &url, "--write"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "--write: the file, not stdout");
    assert!(stderr(&out).contains(&format!("wrote 2 keys to {}", path.display())));
    let file = fs::read_to_string(&path).unwrap();
    assert_eq!(
        [&tokens[0], &tokens[1], &tokens[2]].map(|t| sqld_accepts(&file, t)),
        [true, true, false]
    );
    *served.lock().unwrap() = jwks_of(&["new", "newer"]);
    stdout(
        home.path(),
        &[
            "keys",
            "sqld",
            &url,
            "--refresh",
            "--write",
            path.to_str().unwrap(),
        ],
    );
    let file = fs::read_to_string(&path).unwrap();
    assert_eq!(
        [&tokens[0], &tokens[1], &tokens[2]].map(|t| sqld_accepts(&file, t)),
        [false, true, true]
    );
}

/// Every Ed25519 signing key of the sources, once each, in order; every
/// other key skipped with a warning naming it and why; `-o json` lists both.
#[test]
fn only_ed25519_signing_keys_with_warnings_for_the_rest() {
    let home = tempfile::tempdir().unwrap();
    stdout(home.path(), &["keys", "generate", "--kid", "ed"]);
    stdout(
        home.path(),
        &["keys", "generate", "--kid", "ec", "--alg", "ES256"],
    );
    stdout(
        home.path(),
        &["keys", "generate", "--kid", "rsa", "--alg", "RS256"],
    );
    let token = mint(home.path(), "ed");
    let mut jwks: Value = serde_json::from_str(&stdout(home.path(), &["keys", "jwks"])).unwrap();
    let ed = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == "ed")
        .unwrap()
        .clone();
    let mut enc = ed.clone();
    enc["kid"] = "ed-enc".into();
    enc["use"] = "enc".into();
    let mut other_alg = ed.clone();
    other_alg["kid"] = "ed-alg".into();
    other_alg["alg"] = "Ed25519".into();
    let keys = jwks["keys"].as_array_mut().unwrap();
    keys.extend([enc, other_alg, json!({"kty": "OKP", "kid": "broken"})]);
    fs::write(home.path().join("jwks.json"), jwks.to_string()).unwrap();
    // The same key again in a second source: once in the file.
    fs::write(home.path().join("again.json"), ed.to_string()).unwrap();

    let jwks_path = home.path().join("jwks.json");
    let again_path = home.path().join("again.json");
    let out = jwksctl(home.path())
        .args(["keys", "sqld", "-o", "json"])
        .arg(&jwks_path)
        .arg(&again_path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["file"], Value::Null);
    assert_eq!(doc["keys"].as_array().unwrap().len(), 1);
    assert_eq!(doc["keys"][0]["kid"], "ed");
    assert_eq!(doc["keys"][0]["source"], jwks_path.display().to_string());
    assert_eq!(doc["keys"][0]["x"], ed["x"]);
    let skipped: Vec<(String, String)> = doc["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["kid"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("ec", "not_ed25519"),
        ("rsa", "not_ed25519"),
        ("ed-enc", "encryption_key"),
        ("ed-alg", "other_alg"),
        ("broken", "not_ed25519"),
        ("ed", "duplicate"),
    ];
    let mut got = skipped.clone();
    got.sort();
    let mut want: Vec<(String, String)> = expected
        .iter()
        .map(|(k, r)| (k.to_string(), r.to_string()))
        .collect();
    want.sort();
    assert_eq!(got, want);
    assert!(sqld_accepts(doc["pem"].as_str().unwrap(), &token));
    let err = stderr(&out);
    for (kid, _) in expected {
        assert!(
            err.contains(&format!("warning: skipped kid \"{kid}\" from ")),
            "{kid}: {err}"
        );
    }
    assert!(
        err.contains("a EC P-256 key: sqld verifies Ed25519 keys only"),
        "{err}"
    );
    assert!(err.contains("\"use\": \"enc\""), "{err}");

    // Text: the file itself on stdout, nothing else.
    let out = jwksctl(home.path())
        .args(["keys", "sqld"])
        .arg(&jwks_path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, doc["pem"].as_str().unwrap());
}

/// A registry entry is a source too (as in `check`).
#[test]
fn a_registry_entry_as_source() {
    let home = tempfile::tempdir().unwrap();
    stdout(home.path(), &["keys", "generate", "--kid", "ed"]);
    let token = mint(home.path(), "ed");
    let jwks = stdout(home.path(), &["keys", "jwks"]);
    let server = Server::fixed(Reply::json(jwks));
    stdout(
        home.path(),
        &["save", "my idp", &server.url("/.well-known/jwks.json")],
    );
    let file = stdout(home.path(), &["keys", "sqld", "my idp"]);
    assert!(sqld_accepts(&file, &token));
}

/// Bad inputs: a clear error, the right exit code, nothing written — not
/// even when other sources were fine, and an existing file is left as it was.
#[test]
fn nothing_written_on_failure() {
    let home = tempfile::tempdir().unwrap();
    stdout(home.path(), &["keys", "generate", "--kid", "ed"]);
    let good = home.path().join("good.json");
    fs::write(&good, stdout(home.path(), &["keys", "jwks"])).unwrap();
    let rsa_only = Server::fixed(Reply::json(crate::common::good_jwks()));
    let missing = Server::fixed(Reply::status(404, "not found"));
    let html = Server::fixed(Reply::json("<html>oops</html>"));
    let not_json = home.path().join("not.json");
    fs::write(&not_json, "nope").unwrap();
    let target = home.path().join("jwt_keys.pem");
    fs::write(&target, "previous\n").unwrap();
    let good_s = good.display().to_string();
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (vec![rsa_only.url("/k")], 1, "no Ed25519 signing key in"),
        (vec![missing.url("/k"), good_s.clone()], 1, "404"),
        (vec![html.url("/k")], 1, "not JSON"),
        (vec![refused_url(), good_s.clone()], 3, "nothing written"),
        (vec![not_json.display().to_string()], 1, "not JSON"),
        (
            vec![home.path().join("absent.json").display().to_string()],
            2,
            "absent.json",
        ),
        (vec!["no-such-entry".into()], 2, "not a registry entry"),
        (
            vec!["http://idp.example.net/jwks".into()],
            2,
            "refusing plain http://",
        ),
    ];
    for (sources, code, says) in cases {
        let out = jwksctl(home.path())
            .args(["keys", "sqld", "--write"])
            .arg(&target)
            .args(&sources)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{sources:?}: {}",
            stderr(&out)
        );
        assert!(stderr(&out).contains(says), "{sources:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{sources:?}");
        assert_eq!(
            fs::read_to_string(&target).unwrap(),
            "previous\n",
            "{sources:?}"
        );
    }
    // Without --write, no half file on stdout either.
    let out = jwksctl(home.path())
        .args(["keys", "sqld", &rsa_only.url("/k")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("warning: skipped kid"),
        "the RSA key is named: {err}"
    );
    assert!(
        err.contains("hint: sqld verifies EdDSA (Ed25519) tokens only"),
        "{err}"
    );
    // -o json: the error is a document.
    let out = jwksctl(home.path())
        .args(["keys", "sqld", &rsa_only.url("/k"), "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["error"]["exit_code"], 1);
    // A directory that does not exist.
    let out = jwksctl(home.path())
        .args(["keys", "sqld", &good_s, "--write"])
        .arg(home.path().join("no/such/dir/k.pem"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    // Usage: no source, a format it does not print.
    for args in [
        vec!["keys", "sqld"],
        vec!["keys", "sqld", &good_s, "-o", "table"],
    ] {
        let out = jwksctl(home.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
    }
}

/// `keys export` with several kids: only --format sqld, public only, every
/// kid an Ed25519 key of the store, each once; nothing printed otherwise.
#[test]
fn export_several_kids_refusals() {
    let home = tempfile::tempdir().unwrap();
    stdout(home.path(), &["keys", "generate", "--kid", "a"]);
    stdout(home.path(), &["keys", "generate", "--kid", "b"]);
    stdout(
        home.path(),
        &["keys", "generate", "--kid", "ec", "--alg", "ES256"],
    );
    let cases: [(&[&str], i32, &str); 7] = [
        (&["a", "b", "--format", "pem"], 2, "only with --format sqld"),
        (&["a", "b"], 2, "only with --format sqld"),
        (
            &["a", "b", "--format", "sqld", "--private"],
            2,
            "no private form",
        ),
        (&["a", "nope", "--format", "sqld"], 1, "nope"),
        (
            &["a", "ec", "--format", "sqld"],
            2,
            "EdDSA (Ed25519) keys only",
        ),
        (&["a", "a", "--format", "sqld"], 2, "given twice"),
        (
            &["a", "b", "--format", "sqld", "-o", "json"],
            2,
            "prints the file itself",
        ),
    ];
    for (args, code, says) in cases {
        let out = jwksctl(home.path())
            .args(["keys", "export"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        if !args.contains(&"json") {
            assert!(out.stdout.is_empty(), "{args:?}");
        }
    }
    // Kids that start with '-' (thumbprints may): the first as is, the
    // others after `--`.
    stdout(home.path(), &["keys", "generate", "--kid", "-x"]);
    stdout(home.path(), &["keys", "generate", "--kid", "-y"]);
    let file = stdout(
        home.path(),
        &["keys", "export", "-x", "--format", "sqld", "--", "-y", "a"],
    );
    assert_eq!(sqld_keys(&file).unwrap().len(), 3);
}
