//! `keys` and `token mint`, with every minted token checked by an independent
//! implementation (PyJWT + cryptography) against the JWKS `keys jwks` prints.

use crate::common;

use std::fs;

use common::jwksctl;
use predicates::prelude::*;
use serde_json::{Value, json};

use common::vectors;

use common::stdout;

/// Verify `token` with PyJWT against `key` (a JWK), expecting `alg` and
/// audience `aud`; returns {"header":…, "claims":…} or panics with PyJWT's error.
fn pyjwt_verify(token: &str, key: &Value, alg: &str, aud: Option<&str>) -> Value {
    const SCRIPT: &str = r#"
import json, sys, jwt
token, key, alg, aud = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
k = jwt.PyJWK.from_dict(key, algorithm=alg)
opts = {} if aud else {"verify_aud": False}
claims = jwt.decode(token, k.key, algorithms=[alg], audience=aud or None, options=opts)
print(json.dumps({"header": jwt.get_unverified_header(token), "claims": claims}))
"#;
    let out = common::python::python3()
        .args([
            "-c",
            SCRIPT,
            token,
            &key.to_string(),
            alg,
            aud.unwrap_or(""),
        ])
        .output()
        .expect("python3 starts");
    assert!(
        out.status.success(),
        "PyJWT refused the {alg} token: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every algorithm `keys generate` makes, with the `--bits` to use.
const ALGORITHMS: [(&str, &[&str]); 13] = [
    ("EdDSA", &[]),
    ("ES256", &[]),
    ("ES384", &[]),
    ("ES512", &[]),
    ("RS256", &["--bits", "2048"]),
    ("RS384", &["--bits", "3072"]),
    ("RS512", &[]),
    ("PS256", &[]),
    ("PS384", &[]),
    ("PS512", &["--bits", "4096"]),
    ("HS256", &[]),
    ("HS384", &[]),
    ("HS512", &[]),
];

/// Verify each (token, alg) with `jose` (the library PowerSync's service
/// verifies with) against the JWKS `keys jwks` printed, audience `svc`.
fn jose_verify(jwks: &Value, tokens: &[(String, String)]) {
    const SCRIPT: &str = r#"
import * as jose from "jose";
const [jwks, tokens] = process.argv.slice(1).map((a) => JSON.parse(a));
const set = jose.createLocalJWKSet(jwks);
const out = [];
for (const [token, alg] of tokens) {
  const { protectedHeader } = await jose.jwtVerify(token, set, { audience: "svc", algorithms: [alg] });
  out.push(protectedHeader.alg);
}
console.log(JSON.stringify(out));
"#;
    let (ok, stdout, stderr) = common::node::module(
        SCRIPT,
        &[&jwks.to_string(), &serde_json::to_string(tokens).unwrap()],
    );
    assert!(ok, "jose refused a token: {stderr}");
    let algs: Vec<String> = serde_json::from_str(stdout.trim()).unwrap();
    let want: Vec<&str> = tokens.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(algs, want);
}

#[test]
fn every_algorithm_verifies_in_pyjwt_and_jose() {
    let home = tempfile::tempdir().unwrap();
    let mut for_jose = Vec::new();
    for (alg, extra) in ALGORITHMS {
        let kid = format!("k-{}", alg.to_lowercase());
        let mut args = vec!["keys", "generate", "--alg", alg, "--kid", &kid];
        args.extend(extra);
        let generated: Value =
            serde_json::from_str(&stdout(home.path(), &[&args[..], &["-o", "json"]].concat()))
                .unwrap();
        assert_eq!(generated["alg"], alg);
        if let Some(bits) = extra.get(1) {
            let n = generated["jwk"]["n"].as_str().unwrap();
            assert_eq!(n.len() * 6 / 8 * 8, bits.parse::<usize>().unwrap(), "{alg}");
        }
        // One audience: a string. Two: an array.
        for auds in [vec!["svc"], vec!["svc", "other"]] {
            let mut mint = vec![
                "token",
                "mint",
                "--key",
                &kid,
                "--ttl",
                "15m",
                "--sub",
                "alice",
                "--claim",
                "n=3",
                "--claim",
                "role=admin",
                "-d",
                "mydb",
            ];
            for a in &auds {
                mint.extend(["--aud", a]);
            }
            let token = stdout(home.path(), &mint);
            let token = token.trim();
            let key = if alg.starts_with("HS") {
                // HMAC keys stay out of `keys jwks`; the secret comes from an explicit export.
                serde_json::from_str(&stdout(
                    home.path(),
                    &["keys", "export", &kid, "--format", "jwk", "--private"],
                ))
                .unwrap()
            } else {
                for_jose.push((token.to_string(), alg.to_string()));
                let jwks: Value =
                    serde_json::from_str(&stdout(home.path(), &["keys", "jwks"])).unwrap();
                jwks["keys"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|k| k["kid"] == kid.as_str())
                    .unwrap_or_else(|| panic!("{kid} missing from keys jwks"))
                    .clone()
            };
            let verified = pyjwt_verify(token, &key, alg, Some("svc"));
            let (header, claims) = (&verified["header"], &verified["claims"]);
            assert_eq!(header, &json!({"alg": alg, "kid": kid, "typ": "JWT"}));
            if auds.len() == 1 {
                assert_eq!(claims["aud"], "svc");
            } else {
                assert_eq!(claims["aud"], json!(["svc", "other"]));
            }
            assert_eq!(
                claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap(),
                900
            );
            assert_eq!(claims["n"], 3, "--claim n=3 is a number");
            assert_eq!(claims["role"], "admin", "--claim role=admin is a string");
            assert_eq!(claims["sub"], "alice");
            assert_eq!(claims["id"], "mydb");
            assert_eq!(claims["a"], "rw");
        }
    }
    assert_eq!(
        for_jose.len(),
        20,
        "10 asymmetric algorithms, 2 tokens each"
    );
    let jwks: Value = serde_json::from_str(&stdout(home.path(), &["keys", "jwks"])).unwrap();
    jose_verify(&jwks, &for_jose);
}

/// Every export format carries only what its consumer takes; PowerSync's own
/// published schema decodes every `--format powersync` block.
#[test]
fn export_formats_refuse_what_the_target_cannot_carry() {
    let home = tempfile::tempdir().unwrap();
    let mut blocks = Vec::new();
    for (alg, _) in ALGORITHMS {
        let kid = format!("k-{}", alg.to_lowercase());
        stdout(
            home.path(),
            &["keys", "generate", "--alg", alg, "--kid", &kid],
        );
        let export = |format: &str| {
            jwksctl(home.path())
                .args(["keys", "export", &kid, "--format", format])
                .output()
                .unwrap()
        };
        let out = export("powersync");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if alg.starts_with("PS") {
            assert_eq!(out.status.code(), Some(2), "{alg}: {stderr}");
            assert!(out.stdout.is_empty(), "{alg}");
            assert!(
                stderr.contains("PowerSync takes RSA keys only as RS256, RS384 or RS512"),
                "{stderr}"
            );
            assert!(stderr.contains("hint:"), "{stderr}");
        } else {
            assert!(out.status.success(), "{alg}: {stderr}");
            let yaml: Value = yaml_serde::from_slice(&out.stdout).unwrap();
            blocks.push((alg, yaml));
        }
        let out = export("sqld");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if alg == "EdDSA" {
            assert!(out.status.success(), "{stderr}");
        } else {
            assert_eq!(out.status.code(), Some(2), "{alg}: {stderr}");
            assert!(out.stdout.is_empty(), "{alg}");
            assert!(stderr.contains("EdDSA (Ed25519) keys only"), "{stderr}");
        }
        let out = export("pem");
        if alg.starts_with("HS") {
            assert_eq!(out.status.code(), Some(2), "{alg}");
            assert!(out.stdout.is_empty(), "{alg}");
        } else {
            assert!(out.status.success(), "{alg}");
            assert!(String::from_utf8_lossy(&out.stdout).starts_with("-----BEGIN PUBLIC KEY-----"));
        }
    }
    // PowerSync's schema needs a storage and a replication section around client_auth.
    const SCRIPT: &str = r#"
import { configFile } from "@powersync/service-types";
const blocks = JSON.parse(process.argv[1]);
const base = {
  storage: { type: "mongodb", uri: "mongodb://127.0.0.1:27017/powersync" },
  replication: { connections: [{ type: "postgresql", uri: "postgresql://127.0.0.1/db" }] },
};
const out = [];
for (const [alg, block] of blocks) {
  const decoded = configFile.powerSyncConfig.decode({ ...base, ...block });
  out.push([alg, decoded.client_auth.jwks.keys[0].alg]);
}
console.log(JSON.stringify(out));
"#;
    let (ok, out, err) = common::node::module(SCRIPT, &[&serde_json::to_string(&blocks).unwrap()]);
    assert!(ok, "PowerSync's schema refused an export: {err}");
    let decoded: Vec<(String, String)> = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(decoded.len(), 10);
    for (alg, key_alg) in decoded {
        assert_eq!(alg, key_alg);
    }
}

#[test]
fn jwks_is_public_and_leaves_out_hmac() {
    let home = tempfile::tempdir().unwrap();
    for alg in ["EdDSA", "RS256", "HS256"] {
        stdout(home.path(), &["keys", "generate", "--alg", alg]);
    }
    let jwks: Value = serde_json::from_str(&stdout(home.path(), &["keys", "jwks"])).unwrap();
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2, "the HS256 key is left out");
    jwksctl(home.path())
        .args(["keys", "jwks"])
        .assert()
        .success()
        .stderr(predicate::str::contains("left out 1 HMAC key(s)"));
    for k in keys {
        for private in ["d", "p", "q", "dp", "dq", "qi", "k"] {
            assert!(k.get(private).is_none(), "{private} in {k}");
        }
        assert_eq!(k["use"], "sig");
        assert!(k["kid"].is_string() && k["alg"].is_string());
    }
    // Only on request, with a warning that -q does not hide.
    jwksctl(home.path())
        .args(["keys", "jwks", "--include-secret", "-q"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"k\""))
        .stderr(predicate::str::contains("warning:"));
}

#[test]
fn key_files_are_private_and_sqld_export_is_x() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let kid = stdout(home.path(), &["keys", "generate"]);
    let kid = kid.lines().next().unwrap();
    let dir = home.path().join("data/keys");
    assert_eq!(
        fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let file = dir.join(format!("{kid}.json"));
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let jwk: Value = serde_json::from_str(&stdout(home.path(), &["keys", "export", kid])).unwrap();
    assert!(jwk.get("d").is_none());
    let sqld = stdout(home.path(), &["keys", "export", kid, "--format", "sqld"]);
    assert_eq!(
        sqld,
        jwk["x"].as_str().unwrap(),
        "no trailing newline in the key file"
    );
    // The kid is the RFC 7638 thumbprint of the key.
    assert_eq!(kid.len(), 43);
}

/// sqld reads its key file as SPKI PEM or raw base64url Ed25519; both exports
/// parse that way (jsonwebtoken's from_ed_pem / from_ed_components, as sqld
/// does) and verify a minted token.
#[test]
fn sqld_key_formats_verify_minted_tokens() {
    use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode};
    let home = tempfile::tempdir().unwrap();
    stdout(home.path(), &["keys", "generate", "--kid", "sqld-dev"]);
    let token = stdout(
        home.path(),
        &[
            "token",
            "mint",
            "--dialect",
            "libsql",
            "-d",
            "mydb",
            "--key",
            "sqld-dev",
        ],
    );
    let pem = stdout(
        home.path(),
        &["keys", "export", "sqld-dev", "--format", "pem"],
    );
    assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    let raw = stdout(
        home.path(),
        &["keys", "export", "sqld-dev", "--format", "sqld"],
    );
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.validate_aud = false;
    for key in [
        DecodingKey::from_ed_pem(pem.as_bytes()).unwrap(),
        // Exactly the file's bytes, as sqld passes them to jsonwebtoken.
        DecodingKey::from_ed_components(&raw).unwrap(),
    ] {
        let data = decode::<Value>(token.trim(), &key, &validation).unwrap();
        assert_eq!(data.claims["p"], json!({"rw": {"ns": ["mydb"]}}));
    }
}

#[test]
fn kid_is_the_rfc_thumbprint_for_key_files() {
    let home = tempfile::tempdir().unwrap();
    // RFC 8037 A.1's private key; A.3 gives its thumbprint.
    let vector: Value = serde_json::from_str(
        &fs::read_to_string(vectors().join("rfc8037/A4_Ed25519.json")).unwrap(),
    )
    .unwrap();
    let file = home.path().join("ed.jwk");
    fs::write(&file, vector["jwk"].to_string()).unwrap();
    let out = stdout(
        home.path(),
        &[
            "token",
            "mint",
            "--key-file",
            file.to_str().unwrap(),
            "-o",
            "json",
        ],
    );
    let minted: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        minted["header"]["kid"],
        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    );
    assert_eq!(minted["header"]["alg"], "EdDSA");
    let public = &vector["jwk_public"];
    pyjwt_verify(minted["token"].as_str().unwrap(), public, "EdDSA", None);

    // A PKCS#8 PEM works too: export one and sign with it.
    stdout(
        home.path(),
        &["keys", "generate", "--alg", "ES256", "--kid", "ec"],
    );
    let pem = stdout(
        home.path(),
        &["keys", "export", "ec", "--format", "pem", "--private"],
    );
    let pem_file = home.path().join("ec.pem");
    fs::write(&pem_file, pem).unwrap();
    let out = stdout(
        home.path(),
        &[
            "token",
            "mint",
            "--key-file",
            pem_file.to_str().unwrap(),
            "-o",
            "json",
        ],
    );
    let minted: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(minted["header"]["alg"], "ES256");
    // A PEM carries no kid: the thumbprint, with a warning naming --kid;
    // --kid puts the published kid in the header, and the token verifies
    // against the store's JWKS.
    let out = jwksctl(home.path())
        .args(["token", "mint", "--key-file", pem_file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("pass --kid KID"));
    let out = stdout(
        home.path(),
        &[
            "token",
            "mint",
            "--key-file",
            pem_file.to_str().unwrap(),
            "--kid",
            "ec",
            "-o",
            "json",
        ],
    );
    let minted: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(minted["header"]["kid"], "ec");
    jwksctl(home.path())
        .args(["token", "mint", "--kid", "ec"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--key-file"));
    let jwks: Value = serde_json::from_str(&stdout(home.path(), &["keys", "jwks"])).unwrap();
    let ec = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == "ec")
        .unwrap();
    pyjwt_verify(minted["token"].as_str().unwrap(), ec, "ES256", None);
}

#[test]
fn powersync_config_with_env_secret() {
    let home = tempfile::tempdir().unwrap();
    let secret_b64url = "c2hhcmVkLXNlY3JldC1mb3ItcG93ZXJzeW5jLWRldi0xMjM0";
    let config = home.path().join("powersync.yaml");
    fs::write(
        &config,
        "port: 8181\nclient_auth:\n  audience: ['powersync-dev']\n  jwks:\n    keys:\n      - kty: oct\n        alg: HS256\n        kid: powersync-dev\n        k: !env PS_SHARED_SECRET\n",
    )
    .unwrap();
    let out = jwksctl(home.path())
        .args([
            "token",
            "mint",
            "--powersync-config",
            config.to_str().unwrap(),
        ])
        .env("PS_SHARED_SECRET", secret_b64url)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap();
    let key = json!({"kty": "oct", "k": secret_b64url, "alg": "HS256"});
    let verified = pyjwt_verify(token.trim(), &key, "HS256", Some("powersync-dev"));
    assert_eq!(verified["header"]["kid"], "powersync-dev");
    // The service's jwt_audiences is client_auth.audience alone (PowerSync
    // 332d649 compound-config-collector.ts): its URL is no audience.
    assert_eq!(verified["claims"]["aud"], json!("powersync-dev"));
    assert_eq!(verified["claims"]["sub"], "test_user");
    assert!(!home.path().join("data").exists(), "no local key was made");

    jwksctl(home.path())
        .args([
            "token",
            "mint",
            "--powersync-config",
            config.to_str().unwrap(),
        ])
        .env_remove("PS_SHARED_SECRET")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("PS_SHARED_SECRET"));
}

#[test]
fn first_mint_makes_a_default_key() {
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path())
        .args([
            "token",
            "mint",
            "--sub",
            "alice",
            "-d",
            "mydb",
            "-s",
            "read-only",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("generated EdDSA key"));
    let keys: Value =
        serde_json::from_str(&stdout(home.path(), &["keys", "list", "-o", "json"])).unwrap();
    assert_eq!(keys.as_array().unwrap().len(), 1);
    assert_eq!(keys[0]["default"], true);
    assert_eq!(keys[0]["alg"], "EdDSA");
    // The second mint uses it silently.
    jwksctl(home.path())
        .args(["token", "mint"])
        .assert()
        .success()
        .stderr("");
}

/// Parallel first runs on one fresh home agree on a single default key.
#[test]
fn parallel_first_mints_make_one_key() {
    let home = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..8)
        .map(|_| {
            common::jwksctl_std(home.path())
                .args(["token", "mint", "-o", "json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut kids = std::collections::BTreeSet::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let minted: Value = serde_json::from_slice(&out.stdout).unwrap();
        kids.insert(minted["header"]["kid"].as_str().unwrap().to_string());
    }
    assert_eq!(kids.len(), 1, "{kids:?}");
    let keys: Value =
        serde_json::from_str(&stdout(home.path(), &["keys", "list", "-o", "json"])).unwrap();
    assert_eq!(keys.as_array().unwrap().len(), 1);
}

#[test]
fn usage_errors_print_nothing_on_stdout() {
    let home = tempfile::tempdir().unwrap();
    let not_a_key = home.path().join("notakey.txt");
    fs::write(&not_a_key, "hello").unwrap();
    let public_only = home.path().join("public.jwk");
    fs::write(
        &public_only,
        r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
    )
    .unwrap();
    let mut cases: Vec<Vec<String>> = ["exp", "iat", "nbf", "sub", "aud", "iss"]
        .iter()
        .map(|c| vec!["--claim".to_string(), format!("{c}=5")])
        .collect();
    cases.push(vec!["--ttl".into(), "soon".into()]);
    cases.push(vec!["--key".into(), "nope".into()]);
    cases.push(vec![
        "--key-file".into(),
        not_a_key.to_str().unwrap().into(),
    ]);
    cases.push(vec![
        "--key-file".into(),
        public_only.to_str().unwrap().into(),
    ]);
    cases.push(vec!["-s".into(), "read-only".into()]);
    cases.push(vec!["-d".into(), "my db".into()]);
    for args in cases {
        jwksctl(home.path())
            .args(["token", "mint"])
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with("error: "));
    }
    assert!(
        !home.path().join("data").exists(),
        "refused mints create no key"
    );
    let claims = home.path().join("claims.json");
    fs::write(&claims, r#"{"exp": 1}"#).unwrap();
    jwksctl(home.path())
        .args(["token", "mint", "--claims-file", claims.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ttl"));
}

#[test]
fn claims_file_and_never_ttl() {
    let home = tempfile::tempdir().unwrap();
    let claims = home.path().join("claims.json");
    fs::write(&claims, r#"{"tier": "pro", "n": 1}"#).unwrap();
    let out = stdout(
        home.path(),
        &[
            "token",
            "mint",
            "--claims-file",
            claims.to_str().unwrap(),
            "--claim",
            "n=2",
            "--ttl",
            "never",
            "-o",
            "json",
        ],
    );
    let minted: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(minted["claims"]["tier"], "pro");
    assert_eq!(minted["claims"]["n"], 2, "--claim comes after the file");
    assert!(minted["claims"].get("exp").is_none());
    assert!(minted["expires_at"].is_null());
}

#[test]
fn keys_default_remove_and_unknown_kids() {
    let home = tempfile::tempdir().unwrap();
    stdout(home.path(), &["keys", "generate", "--kid", "one"]);
    stdout(
        home.path(),
        &["keys", "generate", "--kid", "two", "--alg", "ES256"],
    );
    let list: Value =
        serde_json::from_str(&stdout(home.path(), &["keys", "list", "-o", "json"])).unwrap();
    assert_eq!(list[0]["default"], true);
    assert_eq!(list[1]["default"], false);
    stdout(home.path(), &["keys", "default", "two"]);
    let minted: Value =
        serde_json::from_str(&stdout(home.path(), &["token", "mint", "-o", "json"])).unwrap();
    assert_eq!(minted["header"]["kid"], "two");
    jwksctl(home.path())
        .args(["keys", "remove", "two"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no default"));
    for args in [
        ["keys", "remove", "zzz"],
        ["keys", "default", "zzz"],
        ["keys", "export", "zzz"],
    ] {
        jwksctl(home.path())
            .args(args)
            .assert()
            .code(1)
            .stderr("error: no key with kid \"zzz\" in the key store\nhint: keys: one\n");
    }
    jwksctl(home.path())
        .args(["keys", "generate", "--kid", "one"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    jwksctl(home.path())
        .args(["keys", "generate", "--kid", "../x"])
        .assert()
        .code(2);
    jwksctl(home.path())
        .args(["keys", "generate", "--bits", "4096"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("RSA"));
    // No default left: mint says which keys there are instead of guessing.
    jwksctl(home.path())
        .args(["token", "mint"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--key KID"));
}

/// Thumbprints are base64url: one in 64 starts with '-'. Such kids work as
/// arguments everywhere a kid is taken.
#[test]
fn kids_starting_with_a_dash_work_as_arguments() {
    let home = tempfile::tempdir().unwrap();
    let kid = "-sMeyKid_with-dash";
    stdout(home.path(), &["keys", "generate", "--kid", kid]);
    stdout(home.path(), &["keys", "generate", "--kid", "other"]);
    let jwk: Value = serde_json::from_str(&stdout(home.path(), &["keys", "export", kid])).unwrap();
    assert_eq!(jwk["kid"], kid);
    stdout(home.path(), &["keys", "export", kid, "--format", "sqld"]);
    stdout(home.path(), &["keys", "default", kid]);
    let minted: Value = serde_json::from_str(&stdout(
        home.path(),
        &["token", "mint", "--key", kid, "-o", "json"],
    ))
    .unwrap();
    assert_eq!(minted["header"]["kid"], kid);
    stdout(home.path(), &["keys", "remove", kid]);
    jwksctl(home.path())
        .args(["keys", "export", kid])
        .assert()
        .code(1);
}

#[test]
fn powersync_export_round_trips_into_mint() {
    let home = tempfile::tempdir().unwrap();
    stdout(
        home.path(),
        &[
            "keys",
            "generate",
            "--alg",
            "HS256",
            "--kid",
            "powersync-dev",
        ],
    );
    let out = jwksctl(home.path())
        .args(["keys", "export", "powersync-dev", "--format", "powersync"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "warning: the output contains the private key: keep it out of logs and repositories\n",
        "printing k warns"
    );
    let yaml = String::from_utf8(out.stdout).unwrap();
    assert!(yaml.starts_with("client_auth:"), "{yaml}");
    let file = home.path().join("powersync.yaml");
    fs::write(&file, &yaml).unwrap();
    let minted: Value = serde_json::from_str(&stdout(
        home.path(),
        &[
            "token",
            "mint",
            "--powersync-config",
            file.to_str().unwrap(),
            "-o",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(minted["header"]["kid"], "powersync-dev");
    assert_eq!(minted["claims"]["aud"], json!("powersync-dev"));
    // The signature, checked by PyJWT with the k read straight from the
    // exported file (not through jwksctl): a wrong k in the export fails here.
    let k: Vec<&str> = yaml
        .lines()
        .filter_map(|l| l.trim().strip_prefix("k: "))
        .collect();
    assert_eq!(k.len(), 1, "{yaml}");
    let key = json!({"kty": "oct", "k": k[0], "alg": "HS256"});
    let token = minted["token"].as_str().unwrap();
    let verified = pyjwt_verify(token, &key, "HS256", Some("powersync-dev"));
    assert_eq!(verified["header"]["kid"], "powersync-dev");
}

/// Issue 16: `generate` never prints an HMAC secret, `-o json` is the
/// documented shape, `--bits` really sizes the modulus, exports of the wrong
/// kind of key are usage errors naming the fix, and `export --private` warns
/// on stderr while the public export carries no private member anywhere.
#[test]
fn generate_and_export_edges() {
    use base64::Engine;
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path())
        .args([
            "keys", "generate", "--alg", "HS256", "--kid", "h", "-o", "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let generated: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        generated,
        json!({"alg": "HS256", "default": false, "kid": "h",
               "jwk": {"alg": "HS256", "kid": "h", "kty": "oct", "use": "sig"}})
    );
    let secret: Value = serde_json::from_str(&stdout(
        home.path(),
        &["keys", "export", "h", "--format", "jwk", "--private"],
    ))
    .unwrap();
    let k = secret["k"].as_str().unwrap();
    assert_eq!(k.len(), 43, "a 256-bit secret");
    for stream in [&out.stdout, &out.stderr] {
        assert!(!String::from_utf8_lossy(stream).contains(k));
    }
    for bits in [2048, 3072, 4096] {
        let kid = format!("r{bits}");
        let out = stdout(
            home.path(),
            &[
                "keys",
                "generate",
                "--alg",
                "PS256",
                "--bits",
                &bits.to_string(),
                "--kid",
                &kid,
                "-o",
                "json",
            ],
        );
        let generated: Value = serde_json::from_str(&out).unwrap();
        // The HMAC key did not take the default: the first RSA key does.
        assert_eq!(generated["default"], bits == 2048);
        let n = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(generated["jwk"]["n"].as_str().unwrap())
            .unwrap();
        assert_eq!(n.len() * 8, bits, "{kid}");
        assert!(n[0] & 0x80 != 0, "{kid}: the modulus uses its top bit");
    }
    for (kid, format, message) in [
        (
            "h",
            "sqld",
            "error: --format sqld carries EdDSA (Ed25519) keys only: sqld verifies nothing else, and h is HS256\nhint: generate one with `jwksctl keys generate` (EdDSA is the default), or use --format pem / jwk for other consumers\n",
        ),
        (
            "r3072",
            "sqld",
            "error: --format sqld carries EdDSA (Ed25519) keys only: sqld verifies nothing else, and r3072 is PS256\nhint: generate one with `jwksctl keys generate` (EdDSA is the default), or use --format pem / jwk for other consumers\n",
        ),
        (
            "h",
            "pem",
            "error: h is an HMAC secret, which has no PEM form\nhint: use --format jwk --private or --format powersync\n",
        ),
    ] {
        for private in [false, true] {
            let mut cmd = jwksctl(home.path());
            cmd.args(["keys", "export", kid, "--format", format]);
            if private {
                cmd.arg("--private");
            }
            cmd.assert().code(2).stdout("").stderr(message);
        }
    }
    // The private export warns, on stderr only; the public one is silent and
    // has no private member on either stream.
    let warning =
        "warning: the output contains the private key: keep it out of logs and repositories\n";
    let out = jwksctl(home.path())
        .args(["keys", "export", "r2048", "--private"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), warning);
    let private: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = private["d"].as_str().unwrap();
    let out = jwksctl(home.path())
        .args(["keys", "export", "r2048"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let public: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(public["n"], private["n"]);
    for member in ["d", "p", "q", "dp", "dq", "qi"] {
        assert!(public.get(member).is_none(), "{member}");
    }
    assert!(!String::from_utf8_lossy(&out.stdout).contains(d));
}

/// Following docs/powersync.md in a fresh home: the HS256 key does not
/// become the default, so `token mint -d mydb` signs with a new EdDSA
/// default key and says so; `keys default` can still pick the HMAC key.
#[test]
fn hmac_keys_never_become_the_default_implicitly() {
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path())
        .args([
            "keys",
            "generate",
            "--alg",
            "HS256",
            "--kid",
            "powersync-dev",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    let generated: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(generated["default"], false);
    assert!(String::from_utf8_lossy(&out.stderr).contains("never becomes the default"));
    let out = jwksctl(home.path())
        .args(["token", "mint", "-d", "mydb", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let minted: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(minted["header"]["alg"], "EdDSA");
    assert!(String::from_utf8_lossy(&out.stderr).contains("generated EdDSA key"));
    jwksctl(home.path())
        .args(["keys", "default", "powersync-dev"])
        .assert()
        .success();
    let minted: Value =
        serde_json::from_str(&stdout(home.path(), &["token", "mint", "-o", "json"])).unwrap();
    assert_eq!(minted["header"]["alg"], "HS256");
}

/// A --claim (or --claims-file entry) that changes what the template made
/// is warned about; the same value is not.
#[test]
fn claims_overriding_the_template_warn() {
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path())
        .args([
            "token", "mint", "-d", "mydb", "--claim", "a=ro", "-o", "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let minted: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(minted["claims"]["a"], "ro");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--claim replaces the template's \"a\": \"rw\" becomes \"ro\""),
        "{out:?}"
    );
    let out = jwksctl(home.path())
        .args(["token", "mint", "-d", "mydb", "--claim", "a=rw"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("replaces"));
}
