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
