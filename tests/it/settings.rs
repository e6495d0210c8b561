//! Settings: `config show` prints every setting with its value and where it
//! came from (flag > environment > `config.yaml` > default), in a table and
//! as the documented JSON / YAML; bad values name the flag, the variable or
//! the file at fault.

use crate::common::jwksctl;

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

fn config_file(home: &Path) -> std::path::PathBuf {
    home.join("config/config.yaml")
}

fn write_config(home: &Path, text: &str) {
    let file = config_file(home);
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, text).unwrap();
}

/// Each source once: a flag, two variables, two `config.yaml` values (with
/// the file named), defaults and unset values; the JSON members in the
/// documented order, YAML the same document, the table the same rows.
#[test]
fn config_show_prints_each_value_with_its_source() {
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        "timeout: 30s\napi_url: https://config.example\nregistry: local\n",
    );
    let file = config_file(home.path()).to_str().unwrap().to_string();
    let show = |format: &[&str]| {
        let out = jwksctl(home.path())
            .args(["--registry", "turso", "config", "show"])
            .args(format)
            .env("JWKSCTL_MAX_STALE", "2h")
            .env("JWKSCTL_ORG", "acme")
            // Empty: unset, so config.yaml's timeout stands.
            .env("JWKSCTL_TIMEOUT", "")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let text = show(&["-o", "json"]);
    let shown: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        shown,
        json!({
            "registry": {"value": "turso", "source": "flag"},
            "org": {"value": "acme", "source": "env:JWKSCTL_ORG"},
            "api_url": {"value": "https://config.example", "source": "config", "file": file},
            "timeout": {"value": "30s", "source": "config", "file": file},
            "max_stale": {"value": "2h", "source": "env:JWKSCTL_MAX_STALE"},
            "default_key": {"value": null, "source": "unset"},
            "api_token": {"value": null, "source": "unset"},
        })
    );
    let order: Vec<usize> = [
        "registry",
        "org",
        "api_url",
        "timeout",
        "max_stale",
        "default_key",
        "api_token",
    ]
    .iter()
    .map(|k| text.find(&format!("\"{k}\":")).unwrap())
    .collect();
    assert!(order.is_sorted(), "members in the documented order: {text}");
    let yaml: Value = yaml_serde::from_str(&show(&["-o", "yaml"])).unwrap();
    assert_eq!(yaml, shown);

    let table = show(&[]);
    let rows: Vec<Vec<&str>> = table
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let config = format!("({file})");
    assert_eq!(
        rows,
        [
            vec!["KEY", "VALUE", "FROM"],
            vec!["registry", "turso", "flag"],
            vec!["org", "acme", "env:JWKSCTL_ORG"],
            vec!["api_url", "https://config.example", "config", &config],
            vec!["timeout", "30s", "config", &config],
            vec!["max_stale", "2h", "env:JWKSCTL_MAX_STALE"],
            vec!["default_key", "-", "unset"],
            vec!["api_token", "-", "unset"],
        ],
        "{table}"
    );
}

/// Nothing set: every default, and `default_key` from `keys generate`.
#[test]
fn config_show_defaults_and_the_default_key() {
    let home = tempfile::tempdir().unwrap();
    let show = || {
        let out = jwksctl(home.path())
            .args(["config", "show", "-o", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let shown = show();
    for (key, value) in [
        ("registry", "local"),
        ("api_url", "https://api.turso.tech"),
        ("timeout", "15s"),
        ("max_stale", "24h"),
    ] {
        assert_eq!(
            shown[key],
            json!({"value": value, "source": "default"}),
            "{key}"
        );
    }
    assert_eq!(shown["org"], json!({"value": null, "source": "unset"}));
    jwksctl(home.path())
        .args(["keys", "generate", "--kid", "k1"])
        .assert()
        .success();
    assert_eq!(
        show()["default_key"],
        json!({
            "value": "k1",
            "source": "config",
            "file": config_file(home.path()).to_str().unwrap()
        })
    );
}

/// A bad value in config.yaml: `config show` (and every command that reads
/// settings) stops, exit 1, naming the file, the key and the value, even
/// when a flag gives that setting; the file is left as it is. A command that
/// needs no setting warns and goes on.
#[test]
fn a_bad_config_value_is_named_with_its_file() {
    let home = tempfile::tempdir().unwrap();
    write_config(home.path(), "timeout: 30s\nmax_stale: 1months\n");
    let file = config_file(home.path());
    let message = format!(
        "error: invalid config file {}: invalid max_stale \"1months\": unknown unit \"months\" in \"1months\" (units: s, m, h, d, w, y (365.25 days), combined as in 1h30m)\n",
        file.display()
    );
    for args in [
        &["config", "show"][..],
        &["config", "show", "-o", "json"],
        &["--max-stale", "1h", "config", "show"],
        &["list"],
    ] {
        let out = jwksctl(home.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with(&message), "{args:?}: {stderr}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        if args.contains(&"json") {
            let doc: Value = serde_json::from_str(&stdout).unwrap();
            assert!(
                doc["error"]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("invalid max_stale")),
                "{stdout}"
            );
        } else {
            assert_eq!(stdout, "", "{args:?}");
        }
    }
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "timeout: 30s\nmax_stale: 1months\n"
    );
    jwksctl(home.path())
        .args(["template", "-d", "mydb"])
        .assert()
        .success()
        .stdout("{\"a\":\"rw\",\"id\":\"mydb\",\"perm\":[]}\n")
        .stderr(predicates::str::contains("invalid max_stale"));
}

/// An organization or API URL given by flag or variable is checked when the
/// settings are read: the domain's message, and a hint naming the flag or
/// the variable it came from. Nothing is sent, nothing written.
#[test]
fn a_bad_org_or_api_url_names_its_flag_or_variable() {
    let home = tempfile::tempdir().unwrap();
    for (args, env, message, hint) in [
        (
            &["config", "show"][..],
            Some(("JWKSCTL_ORG", "a/b")),
            "error: invalid organization slug \"a/b\"",
            "the value comes from the variable JWKSCTL_ORG",
        ),
        (
            &["--org", "..", "list"][..],
            None,
            "error: invalid organization slug \"..\"",
            "the value comes from --org",
        ),
        (
            &["--api-url", "ftp://x", "config", "show"][..],
            None,
            "error: invalid Turso API URL: expected an absolute https:// URL",
            "the value comes from --api-url",
        ),
        (
            &["list"][..],
            Some(("JWKSCTL_API_URL", "https://user:pw@api.example")),
            "error: refusing a Turso API URL with credentials in it",
            "the value comes from the variable JWKSCTL_API_URL",
        ),
    ] {
        let mut cmd = jwksctl(home.path());
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd.args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(out.stdout, b"", "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with(message), "{args:?}: {stderr}");
        assert!(stderr.contains(hint), "{args:?}: {stderr}");
        assert!(!stderr.contains("pw@"), "no password echoed: {stderr}");
    }
    assert_eq!(fs::read_dir(home.path()).unwrap().count(), 0);
}

/// A `config.yaml` that is there but cannot be read is an error naming it,
/// never taken for a missing file (whose defaults would silently apply).
#[test]
fn an_unreadable_config_file_is_not_a_missing_one() {
    let home = tempfile::tempdir().unwrap();
    let file = config_file(home.path());
    fs::create_dir_all(&file).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(file.parent().unwrap(), fs::Permissions::from_mode(0o700)).unwrap();
    }
    let out = jwksctl(home.path())
        .args(["config", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout, b"");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!("error: cannot read {}: ", file.display())),
        "{stderr}"
    );
}
