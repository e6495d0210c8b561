//! `--for powersync|sqld|turso` on `token verify`, `token decode` and
//! `token mint`: one token per rule, each failing with its rule and (for
//! PowerSync) the code the service returns.

use crate::common;

use std::path::Path;

use common::jwksctl;
use serde_json::Value;

fn run(home: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = jwksctl(home).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mint(home: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(home, &[&["token", "mint"], args].concat());
    assert_eq!(code, Some(0), "{args:?}: {err}");
    out.trim().to_string()
}

/// `token verify --for TARGET -o json`: (exit code, verdict).
fn verify(home: &Path, token: &str, extra: &[&str]) -> (Option<i32>, Value) {
    let (code, out, err) = run(
        home,
        &[&["token", "verify", token, "-o", "json"], extra].concat(),
    );
    let verdict = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{out} {err}"));
    (code, verdict)
}

fn failed_rule(verdict: &Value) -> (String, Option<String>) {
    let failed: Vec<&Value> = verdict["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false)
        .collect();
    assert_eq!(failed.len(), 1, "{verdict}");
    (
        failed[0]["rule"].as_str().unwrap().to_string(),
        failed[0]["code"].as_str().map(str::to_string),
    )
}

#[test]
fn powersync_rules_one_token_each() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["keys", "generate", "--kid", "ed"]);
    run(h, &["keys", "generate", "--alg", "ES256", "--kid", "ec"]);
    let ps = ["--for", "powersync", "--aud", "ps"];

    // Minted for PowerSync: passes verify --for powersync.
    let good = mint(
        h,
        &[
            "--key",
            "ed",
            "--for",
            "powersync",
            "--aud",
            "ps",
            "--ttl",
            "1h",
        ],
    );
    let (code, v) = verify(h, &good, &ps);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["target"], "powersync");
    assert!(
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["passed"] == true),
        "{v}"
    );

    for (args, rule, code) in [
        (
            vec!["--aud", "ps", "--ttl", "2d", "--sub", "u"],
            "powersync.max_lifetime",
            "PSYNC_S2104",
        ),
        (vec!["--sub", "u"], "powersync.aud", "PSYNC_S2105"),
        (
            vec!["--aud", "other", "--sub", "u"],
            "powersync.aud",
            "PSYNC_S2105",
        ),
        (
            vec!["--aud", "ps"],
            "powersync.required_claims",
            "PSYNC_S2101",
        ),
        (
            vec!["--aud", "ps", "--sub", "u", "--claim", "parameters=[1]"],
            "powersync.parameters",
            "PSYNC_S2101",
        ),
    ] {
        let token = mint(h, &[&["--key", "ed"], &args[..]].concat());
        let (exit, v) = verify(h, &token, &ps);
        assert_eq!(exit, Some(1), "{args:?}: {v}");
        assert_eq!(v["reason"], "target_rule", "{v}");
        assert_eq!(
            failed_rule(&v),
            (rule.to_string(), Some(code.to_string())),
            "{args:?}"
        );
        assert!(v["message"].as_str().unwrap().contains(code), "{v}");
        // decode --for reports the same rule without the signature, exit 1.
        let (exit, out, _) = run(
            h,
            &[
                "token",
                "decode",
                &token,
                "-o",
                "json",
                "--for",
                "powersync",
                "--aud",
                "ps",
            ],
        );
        assert_eq!(exit, Some(1));
        let report: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            failed_rule(&report),
            (rule.to_string(), Some(code.to_string()))
        );
    }

    // A key whose kid matches but whose algorithm does not is an error:
    // no other key is tried.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("powersync.yaml");
    let ed: Value = serde_json::from_str(&run(h, &["keys", "export", "ed"]).1).unwrap();
    let ec: Value = serde_json::from_str(&run(h, &["keys", "export", "ec"]).1).unwrap();
    let mut wrong = ec.clone();
    wrong["kid"] = "ed".into();
    let mut wildcard = ed.clone();
    wildcard.as_object_mut().unwrap().remove("kid");
    let write = |keys: Vec<&Value>| {
        let doc = serde_json::json!({"client_auth": {"audience": ["ps"], "jwks": {"keys": keys}}});
        std::fs::write(&config, serde_json::to_string(&doc).unwrap()).unwrap();
    };
    write(vec![&wrong, &wildcard]);
    let cfg = config.to_str().unwrap();
    let (exit, v) = verify(h, &good, &["--for", "powersync", "--powersync-config", cfg]);
    assert_eq!(
        (exit, v["reason"].as_str()),
        (Some(1), Some("no_matching_key")),
        "{v}"
    );
    // Without a kid match, a key without kid is a wildcard, whatever other
    // kids the set holds.
    let mut other = ec.clone();
    other["kid"] = "other".into();
    for keys in [vec![&wildcard], vec![&other, &wildcard]] {
        write(keys);
        let (exit, v) = verify(h, &good, &["--for", "powersync", "--powersync-config", cfg]);
        assert_eq!(exit, Some(0), "{v}");
    }
    // A kid match is the one key.
    write(vec![&other, &ed]);
    let (exit, v) = verify(h, &good, &["--for", "powersync", "--powersync-config", cfg]);
    assert_eq!(exit, Some(0), "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .starts_with("PowerSync accepts it: EdDSA signature by key ed from "),
        "{v}"
    );

    // mint --for powersync refuses what PowerSync would refuse, writing nothing.
    run(h, &["keys", "generate", "--alg", "PS256", "--kid", "pss"]);
    for (args, needle) in [
        (vec!["--key", "ed"], "PSYNC_S2105"),
        (
            vec!["--key", "ed", "--aud", "ps", "--ttl", "2d"],
            "PSYNC_S2104",
        ),
        (
            vec!["--key", "ed", "--aud", "ps", "--ttl", "never"],
            "PSYNC_S2104",
        ),
        (vec!["--key", "pss", "--aud", "ps"], "powersync.alg"),
    ] {
        let (code, out, err) = run(
            h,
            &[&["token", "mint", "--for", "powersync"], &args[..]].concat(),
        );
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(needle), "{err}");
    }
    // verify --for powersync without an audience is a usage error.
    let (code, _, err) = run(h, &["token", "verify", &good, "--for", "powersync"]);
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn sqld_and_turso_rules() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["keys", "generate", "--kid", "ed"]);
    run(h, &["keys", "generate", "--alg", "ES256", "--kid", "ec"]);
    let key = h.join("sqld.key");
    std::fs::write(
        &key,
        run(h, &["keys", "export", "ed", "--format", "sqld"]).1,
    )
    .unwrap();
    let k = key.to_str().unwrap();

    let good = mint(h, &["--key", "ed", "--for", "sqld", "-d", "db"]);
    let (code, v) = verify(h, &good, &["--for", "sqld", "--key", k]);
    assert_eq!(code, Some(0), "{v}");
    let (_, decoded, _) = run(h, &["token", "decode", &good, "-o", "json"]);
    assert!(decoded.contains("\"p\""), "libsql dialect: {decoded}");

    for (args, rule) in [
        (vec!["--key", "ed", "--aud", "x"], "sqld.aud"),
        (vec!["--key", "ed", "--claim", "a=rwa"], "sqld.claims"),
        (vec!["--key", "ed", "--claim", "p=3"], "sqld.claims"),
    ] {
        let token = mint(h, &args);
        let (exit, v) = verify(h, &token, &["--for", "sqld", "--key", k]);
        assert_eq!(exit, Some(1), "{args:?}: {v}");
        assert_eq!(failed_rule(&v).0, rule, "{args:?}");
    }
    let es = mint(h, &["--key", "ec"]);
    let (_, out, _) = run(h, &["token", "decode", &es, "-o", "json", "--for", "sqld"]);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(failed_rule(&report).0, "sqld.alg");
    let (code, out, err) = run(
        h,
        &["token", "mint", "--key", "ec", "--for", "sqld", "-d", "db"],
    );
    assert_eq!((code, out.is_empty()), (Some(2), true));
    assert!(err.contains("sqld.alg"), "{err}");

    // Turso: no id/gid is valid but warned; bad shapes fail with their rule.
    let open = mint(h, &["--key", "ed"]);
    let (code, out, err) = run(h, &["token", "verify", &open, "--for", "turso"]);
    assert_eq!(code, Some(0), "{out} {err}");
    assert!(err.contains("every database in every group"), "{err}");
    let (code, _, err) = run(h, &["token", "mint", "--key", "ed", "--for", "turso"]);
    assert_eq!(code, Some(0));
    assert!(err.contains("every database in every group"), "{err}");
    for (args, rule) in [
        (
            vec!["--key", "ed", "-d", "db", "--claim", "a=rwa"],
            "turso.a",
        ),
        (
            vec!["--key", "ed", "-d", "db", "--claim", "gid=g"],
            "turso.target",
        ),
        (
            vec![
                "--key",
                "ed",
                "-d",
                "db",
                "--claim",
                r#"perm=[{"a":["data_eat"],"t":null}]"#,
            ],
            "turso.perm",
        ),
    ] {
        let token = mint(h, &args);
        let (exit, v) = verify(h, &token, &["--for", "turso"]);
        assert_eq!(exit, Some(1), "{args:?}: {v}");
        assert_eq!(failed_rule(&v).0, rule, "{args:?}");
    }
    // Unknown target: a usage error.
    let (code, _, _) = run(h, &["token", "verify", &open, "--for", "mysql"]);
    assert_eq!(code, Some(2));
}

/// The repository root, for the vectors.
fn vector(name: &str) -> String {
    format!("{}/tests/vectors/sqld/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn warnings(v: &Value) -> Vec<String> {
    v["warnings"]
        .as_array()
        .unwrap_or_else(|| panic!("no warnings list: {v}"))
        .iter()
        .map(|w| w["rule"].as_str().unwrap().to_string())
        .collect()
}

/// sqld's own test pair (libsql f8fb14f parsers.rs `parse_jwt_keys_multiple_pems`):
/// example3.jwt is signed by the third key of combined123.pem.
#[test]
fn sqld_own_vectors_verify_with_their_grants() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let token = std::fs::read_to_string(vector("example3.jwt")).unwrap();
    let (code, v) = verify(
        h,
        token.trim(),
        &["--for", "sqld", "--key", &vector("combined123.pem")],
    );
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["target"], "sqld");
    let grants = v["grants"].as_array().unwrap();
    assert_eq!(grants.len(), 2, "{v}");
    for (g, ns) in grants.iter().zip(["example3e", "example3f"]) {
        assert_eq!(
            g,
            &serde_json::json!({"namespace": ns, "read": true, "write": false, "attach": false, "ddl": false})
        );
    }
    // The first key alone does not verify it (every key is tried, none else).
    let (code, v) = verify(
        h,
        token.trim(),
        &["--for", "sqld", "--key", &vector("example1.pem")],
    );
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("bad_signature")),
        "{v}"
    );
    let token1 = std::fs::read_to_string(vector("example1.jwt")).unwrap();
    let (code, v) = verify(
        h,
        token1.trim(),
        &["--for", "sqld", "--key", &vector("combined123.pem")],
    );
    assert_eq!(code, Some(0), "{v}");
}

/// parsers.rs parse_jwt_keys: the key file as sqld loads it.
#[test]
fn sqld_key_files_sqld_would_refuse() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["keys", "generate", "--kid", "ed"]);
    let token = mint(h, &["--key", "ed", "--for", "sqld", "-d", "default"]);
    let raw = run(h, &["keys", "export", "ed", "--format", "sqld"]).1;
    let pem = run(h, &["keys", "export", "ed", "--format", "pem"]).1;
    let private = run(h, &["keys", "export", "ed", "--format", "pem", "--private"]).1;
    let dir = tempfile::tempdir().unwrap();
    for (name, text, needle) in [
        ("newline", format!("{raw}\n"), "at offset 43"),
        ("padded", format!("{raw}="), "'=' padding"),
        ("space", format!(" {pem}"), "at offset 0"),
        (
            "private",
            format!("{pem}{private}"),
            "block 2 is a PRIVATE KEY",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        let (code, out, err) = run(
            h,
            &[
                "token",
                "verify",
                &token,
                "--for",
                "sqld",
                "--key",
                path.to_str().unwrap(),
            ],
        );
        assert_eq!(code, Some(2), "{name}: {out} {err}");
        assert!(
            err.contains("sqld would not start") && err.contains(needle),
            "{name}: {err}"
        );
        // Without --for the same file is read leniently, as before.
        if name == "newline" {
            let (code, _, err) = run(
                h,
                &["token", "verify", &token, "--key", path.to_str().unwrap()],
            );
            assert_eq!(code, Some(0), "{err}");
        }
    }
    let path = dir.path().join("exact");
    std::fs::write(&path, &raw).unwrap();
    let (code, v) = verify(
        h,
        &token,
        &["--for", "sqld", "--key", path.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{v}");
}

/// jwt.rs validate_jwt: no p (or p null) is a legacy token; no id is every
/// namespace, no a is read-write; --namespace asks about one namespace.
#[test]
fn sqld_grants_legacy_tokens_and_namespaces() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["keys", "generate", "--kid", "ed"]);
    let key = h.join("sqld.key");
    std::fs::write(
        &key,
        run(h, &["keys", "export", "ed", "--format", "sqld"]).1,
    )
    .unwrap();
    let k = key.to_str().unwrap();
    let everywhere = serde_json::json!([{"namespace": "*", "read": true, "write": true, "attach": false, "ddl": false}]);
    for extra in [&[][..], &["--claim", "p=null"][..]] {
        let token = mint(h, &[&["--key", "ed"], extra].concat());
        let (code, v) = verify(h, &token, &["--for", "sqld", "--key", k]);
        assert_eq!(code, Some(0), "{v}");
        assert_eq!(v["grants"], everywhere, "{v}");
        assert!(
            warnings(&v).contains(&"sqld.every_namespace".to_string()),
            "{v}"
        );
        let (_, out, err) = run(h, &["token", "verify", &token, "--for", "sqld", "--key", k]);
        assert!(out.contains("read-write on every namespace"), "{out}");
        assert!(err.contains("sqld.every_namespace"), "{err}");
        // decode --for sqld: the same grants, without the signature.
        let (code, out, _) = run(
            h,
            &["token", "decode", &token, "--for", "sqld", "-o", "json"],
        );
        assert_eq!(code, Some(0));
        let d: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(d["grants"], everywhere, "{d}");
    }
    // -d mydb grants nothing on `default`, the one namespace of an sqld
    // started without --enable-namespaces.
    let token = mint(h, &["--key", "ed", "--for", "sqld", "-d", "mydb"]);
    let (code, v) = verify(
        h,
        &token,
        &["--for", "sqld", "--key", k, "--namespace", "default"],
    );
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(
        v["grants"],
        serde_json::json!([{"namespace": "default", "read": false, "write": false, "attach": false, "ddl": false}])
    );
    assert!(
        warnings(&v).contains(&"sqld.grants_nothing".to_string()),
        "{v}"
    );
    let (_, v) = verify(
        h,
        &token,
        &["--for", "sqld", "--key", k, "--namespace", "mydb"],
    );
    assert_eq!(v["grants"][0]["write"], true, "{v}");
    // Tags count only with the server's LIBSQL_GID.
    let tagged = mint(
        h,
        &["--key", "ed", "--claim", r#"p={"ro":{"tags":["g1"]}}"#],
    );
    let (_, v) = verify(
        h,
        &tagged,
        &["--for", "sqld", "--key", k, "--libsql-gid", "g1"],
    );
    assert_eq!(v["grants"][0]["namespace"], "*", "{v}");
    let (_, v) = verify(h, &tagged, &["--for", "sqld", "--key", k]);
    assert_eq!(v["grants"], serde_json::json!([]), "{v}");
    // mint --for sqld names the namespace, or says it grants them all.
    let (code, out, err) = run(h, &["token", "mint", "--key", "ed", "--for", "sqld"]);
    assert_eq!((code, out.is_empty()), (Some(2), true), "{err}");
    assert!(
        err.contains("every namespace") && err.contains("--all-namespaces"),
        "{err}"
    );
    let (code, _, err) = run(
        h,
        &[
            "token",
            "mint",
            "--key",
            "ed",
            "--for",
            "sqld",
            "--all-namespaces",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("sqld.every_namespace"), "{err}");
    // --namespace and --libsql-gid are sqld's.
    let (code, _, _) = run(
        h,
        &[
            "token",
            "verify",
            &token,
            "--for",
            "turso",
            "--namespace",
            "x",
        ],
    );
    assert_eq!(code, Some(2));
}

/// A rule of jwksctl's that the target does not enforce: refused without
/// --for, valid with a warning under it (both targets).
#[test]
fn stricter_rules_are_warnings_under_for() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["keys", "generate", "--kid", "ed"]);
    let key = h.join("sqld.key");
    std::fs::write(
        &key,
        run(h, &["keys", "export", "ed", "--format", "sqld"]).1,
    )
    .unwrap();
    let k = key.to_str().unwrap();
    // RFC 7519 4.1.7: jti is a string; neither sqld nor PowerSync reads it.
    let sqld = mint(
        h,
        &[
            "--key",
            "ed",
            "-d",
            "default",
            "--dialect",
            "libsql",
            "--claim",
            "jti=5",
        ],
    );
    let (code, v) = verify(h, &sqld, &["--key", k]);
    assert_eq!(
        (code, v["reason"].as_str()),
        (Some(1), Some("malformed")),
        "{v}"
    );
    let (code, v) = verify(h, &sqld, &["--for", "sqld", "--key", k]);
    assert_eq!(code, Some(0), "{v}");
    assert!(
        warnings(&v).contains(&"jwksctl.claim_types".to_string()),
        "{v}"
    );
    let w = &v["warnings"][0];
    assert_eq!(w["kind"], "not_enforced", "{v}");
    assert!(
        w["message"]
            .as_str()
            .unwrap()
            .contains("sqld does not enforce it"),
        "{v}"
    );

    let ps = mint(
        h,
        &[
            "--key", "ed", "--aud", "ps", "--sub", "u", "--claim", "jti=5",
        ],
    );
    let (code, _) = verify(h, &ps, &["--aud", "ps"]);
    assert_eq!(code, Some(1));
    let (code, v) = verify(h, &ps, &["--for", "powersync", "--aud", "ps"]);
    assert_eq!(code, Some(0), "{v}");
    assert!(
        warnings(&v).contains(&"jwksctl.claim_types".to_string()),
        "{v}"
    );
    // Under --for the target's settings decide: jwksctl's own asks are refused.
    let (code, _, err) = run(
        h,
        &[
            "token",
            "verify",
            &ps,
            "--for",
            "powersync",
            "--aud",
            "ps",
            "--iss",
            "x",
        ],
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("--iss"), "{err}");
}

/// KeyStore.ts getCachedKey: only the first key with the token's kid is tried.
#[test]
fn powersync_first_key_of_a_kid_only() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["keys", "generate", "--kid", "a"]);
    run(h, &["keys", "generate", "--kid", "b"]);
    let token = mint(
        h,
        &["--key", "b", "--aud", "ps", "--sub", "u", "--ttl", "1h"],
    );
    let a: Value = serde_json::from_str(&run(h, &["keys", "export", "a"]).1).unwrap();
    let mut b: Value = serde_json::from_str(&run(h, &["keys", "export", "b"]).1).unwrap();
    b["kid"] = "a".into();
    let mut a = a;
    a["kid"] = "a".into();
    // The token names kid b; rename it: the config holds two keys with kid "b".
    a["kid"] = "b".into();
    b["kid"] = "b".into();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("ps.json");
    for a_or_b in [&a, &b] {
        if let Some(o) = (*a_or_b).clone().as_object_mut() {
            o.insert("alg".into(), "EdDSA".into());
        }
    }
    let with_alg = |mut k: Value| {
        k["alg"] = "EdDSA".into();
        k
    };
    let doc = serde_json::json!({"client_auth": {"audience": ["ps"], "jwks": {"keys": [with_alg(a.clone()), with_alg(b.clone())]}}});
    std::fs::write(&config, doc.to_string()).unwrap();
    let cfg = config.to_str().unwrap();
    let (code, v) = verify(
        h,
        &token,
        &["--for", "powersync", "--powersync-config", cfg],
    );
    assert_eq!(
        (code, v["code"].as_str()),
        (Some(1), Some("PSYNC_S2101")),
        "{v}"
    );
    assert_eq!(v["reason"], "bad_signature", "{v}");
    // In the other order the signing key comes first.
    let doc = serde_json::json!({"client_auth": {"audience": ["ps"], "jwks": {"keys": [with_alg(b), with_alg(a)]}}});
    std::fs::write(&config, doc.to_string()).unwrap();
    let (code, v) = verify(
        h,
        &token,
        &["--for", "powersync", "--powersync-config", cfg],
    );
    assert_eq!(code, Some(0), "{v}");
}

/// compound-config-collector.ts: jwt_audiences = client_auth.audience ?? [].
#[test]
fn powersync_without_audience_accepts_nothing() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["keys", "generate", "--alg", "HS256", "--kid", "hs"]);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("powersync.yaml");
    let block = run(
        h,
        &[
            "keys",
            "export",
            "hs",
            "--format",
            "powersync",
            "--audience",
            "app",
        ],
    )
    .1;
    assert!(block.contains("- app"), "{block}");
    std::fs::write(&config, block.replace("  audience:\n  - app\n", "")).unwrap();
    let cfg = config.to_str().unwrap();
    let token = mint(
        h,
        &["--key", "hs", "--aud", "app", "--sub", "u", "--ttl", "1h"],
    );
    let (code, v) = verify(
        h,
        &token,
        &["--for", "powersync", "--powersync-config", cfg],
    );
    assert_eq!(
        (code, v["code"].as_str()),
        (Some(1), Some("PSYNC_S2105")),
        "{v}"
    );
    assert!(
        v["message"].as_str().unwrap().contains("accepts no token"),
        "{v}"
    );
    let (code, out, err) = run(h, &["token", "mint", "--powersync-config", cfg]);
    assert_eq!((code, out.is_empty()), (Some(2), true), "{err}");
    assert!(err.contains("accepts no token"), "{err}");
    // A single-string audience stops the service.
    std::fs::write(&config, "client_auth:\n  audience: app\n").unwrap();
    let (code, _, err) = run(
        h,
        &[
            "token",
            "verify",
            &token,
            "--for",
            "powersync",
            "--powersync-config",
            cfg,
        ],
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains("PowerSync would not start") && err.contains("client_auth.audience"),
        "{err}"
    );
}

/// One entry point: --batch judges --for rules at --at like single mode.
#[test]
fn batch_and_single_judge_at_the_same_instant() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["keys", "generate", "--kid", "ed"]);
    let token = mint(
        h,
        &["--key", "ed", "--aud", "ps", "--sub", "u", "--ttl", "1h"],
    );
    let exp = {
        let (_, out, _) = run(h, &["token", "decode", &token, "-o", "json"]);
        let d: Value = serde_json::from_str(&out).unwrap();
        d["claims"]["exp"].as_i64().unwrap()
    };
    let later = (exp + 3600).to_string();
    let args = ["--for", "powersync", "--aud", "ps", "--at", later.as_str()];
    let (code, v) = verify(h, &token, &args);
    assert_eq!(
        (code, v["code"].as_str()),
        (Some(1), Some("PSYNC_S2103")),
        "{v}"
    );
    let out = jwksctl(h)
        .args([&["token", "verify", "--batch"], &args[..]].concat())
        .write_stdin(format!("{token}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let row: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (row["valid"].as_bool(), row["code"].as_str()),
        (Some(false), Some("PSYNC_S2103")),
        "{row}"
    );
    let earlier = (exp - 60).to_string();
    let args = [
        "--for",
        "powersync",
        "--aud",
        "ps",
        "--at",
        earlier.as_str(),
    ];
    let out = jwksctl(h)
        .args([&["token", "verify", "--batch"], &args[..]].concat())
        .write_stdin(format!("{token}\n"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// An HS256 secret pasted raw while it is base64url (PowerSync's k).
#[test]
fn hs256_secret_encoding_hint() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["keys", "generate", "--alg", "HS256", "--kid", "hs"]);
    let jwk: Value =
        serde_json::from_str(&run(h, &["keys", "export", "hs", "--private"]).1).unwrap();
    let k = jwk["k"].as_str().unwrap().to_string();
    let token = mint(
        h,
        &["--key", "hs", "--aud", "ps", "--sub", "u", "--ttl", "1h"],
    );
    let out = jwksctl(h)
        .args([
            "token",
            "verify",
            &token,
            "--for",
            "powersync",
            "--aud",
            "ps",
            "--secret-env",
            "PS_K",
            "-o",
            "json",
        ])
        .env("PS_K", &k)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--secret-encoding base64url"), "{stderr}");
    let out = jwksctl(h)
        .args([
            "token",
            "verify",
            &token,
            "--for",
            "powersync",
            "--aud",
            "ps",
            "--secret-env",
            "PS_K",
            "--secret-encoding",
            "base64url",
        ])
        .env("PS_K", &k)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A configuration that verifies with jwks_uri only holds no private key:
/// --key signs, the audience comes from the file; without --key it says why.
#[test]
fn powersync_mint_for_a_jwks_uri_configuration() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["keys", "generate", "--kid", "ed"]);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("powersync.yaml");
    std::fs::write(
        &config,
        "client_auth:\n  jwks_uri: https://auth.example.com/.well-known/jwks.json\n  audience: [app]\n",
    )
    .unwrap();
    let cfg = config.to_str().unwrap();
    let token = mint(
        h,
        &[
            "--powersync-config",
            cfg,
            "--key",
            "ed",
            "--for",
            "powersync",
            "--ttl",
            "1h",
        ],
    );
    let (_, out, _) = run(h, &["token", "decode", &token, "-o", "json"]);
    let d: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (d["claims"]["aud"].as_str(), d["header"]["kid"].as_str()),
        (Some("app"), Some("ed")),
        "{d}"
    );
    let (code, out, err) = run(h, &["token", "mint", "--powersync-config", cfg]);
    assert_eq!((code, out.is_empty()), (Some(2), true), "{err}");
    assert!(err.contains("private material"), "{err}");
}
