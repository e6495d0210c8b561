//! The Turso CLI's login as a source of the Turso registry's token and
//! organization: a fake Turso CLI settings folder in the
//! test's directory, the loopback Platform API of `turso.rs`, and the
//! precedence flag > JWKSCTL_* > config.yaml > TURSO_API_TOKEN / TURSO_API_BASEURL
//! > settings.json. The file is read, never written.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

use crate::common::turso::{TOKEN, api};
use crate::common::{Reply, Server, jwksctl};
use crate::turso::run;

/// Write a Turso CLI `settings.json` (mode 0600, as the Turso CLI writes it)
/// under `folder`; returns its path.
fn settings(folder: &Path, doc: &Value) -> PathBuf {
    fs::create_dir_all(folder).unwrap();
    let path = folder.join("settings.json");
    fs::write(&path, doc.to_string()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    }
    path
}

/// jwksctl on the turso registry at the stand-in, with no organization or
/// token of its own: whatever the Turso CLI's login says.
fn bare(home: &Path, api: &Server) -> Command {
    let mut cmd = jwksctl(home);
    cmd.env("JWKSCTL_REGISTRY", "turso")
        .env("JWKSCTL_API_URL", &api.base);
    cmd
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn paths(api: &Server) -> Vec<String> {
    api.requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

/// `turso auth login` left a token and an organization in the default
/// folder (HOME/.config/turso): `list` uses both, `config show` says so
/// (never the token), and the file is left exactly as it was.
#[test]
fn the_default_folder_gives_token_and_organization() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let file = settings(
        &home.path().join(".config/turso"),
        &json!({"token": TOKEN, "organization": "acme", "username": "alice"}),
    );
    let before = (
        fs::read(&file).unwrap(),
        fs::metadata(&file).unwrap().modified().unwrap(),
    );
    let mut cmd = bare(home.path(), &api);
    cmd.args(["list", "-o", "json"]);
    let out = run(cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(paths(&api), ["GET /v2/organizations/acme/jwks"]);
    assert_eq!(
        api.requests()[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );

    let mut cmd = bare(home.path(), &api);
    cmd.args(["config", "show", "-o", "json"]);
    let out = run(cmd);
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    let file_text = file.display().to_string();
    assert_eq!(
        shown["org"],
        json!({"value": "acme", "source": "turso-cli", "file": file_text})
    );
    assert_eq!(
        shown["api_token"],
        json!({"value": "[redacted]", "source": "turso-cli", "file": file_text})
    );
    let mut cmd = bare(home.path(), &api);
    cmd.args(["config", "show"]);
    let out = run(cmd);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains(&format!("turso-cli ({file_text})")),
        "{table}"
    );
    // Read, never written.
    assert_eq!(
        (
            fs::read(&file).unwrap(),
            fs::metadata(&file).unwrap().modified().unwrap()
        ),
        before
    );
    assert_eq!(fs::read_dir(file.parent().unwrap()).unwrap().count(), 1);
}

/// XDG_CONFIG_HOME moves the default folder, and TURSO_CONFIG_FOLDER wins
/// over both (turso-cli settings.go: `config-path` replaces
/// `configdir.LocalConfig("turso")`).
#[test]
fn config_folder_variables() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    // A decoy in the default folder: the variables must move away from it.
    settings(
        &home.path().join(".config/turso"),
        &json!({"token": "decoy", "organization": "decoy"}),
    );
    let xdg = home.path().join("xdg");
    settings(
        &xdg.join("turso"),
        &json!({"token": TOKEN, "organization": "acme"}),
    );
    let mut cmd = bare(home.path(), &api);
    cmd.env("XDG_CONFIG_HOME", &xdg).arg("list");
    assert!(run(cmd).status.success());

    let folder = home.path().join("elsewhere");
    settings(&folder, &json!({"token": TOKEN, "organization": "acme"}));
    let mut cmd = bare(home.path(), &api);
    cmd.env("XDG_CONFIG_HOME", home.path().join("nothing-here"))
        .env("TURSO_CONFIG_FOLDER", &folder)
        .arg("list");
    assert!(run(cmd).status.success());
    // An empty TURSO_CONFIG_FOLDER is unset (turso-cli: `len(configPathFlag) > 0`).
    let mut cmd = bare(home.path(), &api);
    cmd.env("XDG_CONFIG_HOME", &xdg)
        .env("TURSO_CONFIG_FOLDER", "")
        .arg("list");
    assert!(run(cmd).status.success());
    assert_eq!(api.count(), 3);
    assert!(
        api.requests()
            .iter()
            .all(|r| r.header("authorization") == Some(&format!("Bearer {TOKEN}"))),
        "the decoy token was never sent"
    );
}

/// An empty (or absent) organization is the personal one, addressed by the
/// slug `GET /v2/organizations` gives it (turso-cli org.go, `isCurrentOrg`).
#[test]
fn empty_organization_is_the_personal_one() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let folder = home.path().join("turso");
    for doc in [
        json!({"token": TOKEN, "organization": ""}),
        json!({"token": TOKEN}),
    ] {
        settings(&folder, &doc);
        let mut cmd = bare(home.path(), &api);
        cmd.env("TURSO_CONFIG_FOLDER", &folder).args(["list", "-v"]);
        let out = run(cmd);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains("using your personal one, acme"));
    }
    assert_eq!(
        paths(&api),
        [
            "GET /v2/organizations",
            "GET /v2/organizations/acme/jwks",
            "GET /v2/organizations",
            "GET /v2/organizations/acme/jwks"
        ]
    );
    let mut cmd = bare(home.path(), &api);
    cmd.env("TURSO_CONFIG_FOLDER", &folder)
        .args(["config", "show", "-o", "json"]);
    let shown: Value = serde_json::from_slice(&run(cmd).stdout).unwrap();
    assert_eq!(shown["org"]["value"], Value::Null);
    assert_eq!(shown["org"]["source"], "turso-cli");
    let mut cmd = bare(home.path(), &api);
    cmd.env("TURSO_CONFIG_FOLDER", &folder)
        .args(["config", "show"]);
    let table = String::from_utf8(run(cmd).stdout).unwrap();
    assert!(table.contains("(your personal organization)"), "{table}");

    // A token whose organizations include no personal one: a clear failure.
    let no_personal = Server::fixed(Reply::json(
        r#"{"organizations":[{"slug":"team-x","type":"team"}]}"#,
    ));
    let mut cmd = bare(home.path(), &no_personal);
    cmd.env("TURSO_CONFIG_FOLDER", &folder).arg("list");
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no personal organization"),
        "{}",
        stderr(&out)
    );
    assert_eq!(no_personal.count(), 1);
}

/// flag > JWKSCTL_ORG > config.yaml > the Turso CLI's organization; and
/// JWKSCTL_API_TOKEN > TURSO_API_TOKEN > the Turso CLI's token.
#[test]
fn jwksctl_settings_and_variables_win_over_the_file() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let folder = home.path().join("turso");
    // The file names another organization and a token the API refuses.
    settings(
        &folder,
        &json!({"token": "stale", "organization": "team-x"}),
    );
    let with = |cmd: &mut Command| {
        cmd.env("TURSO_CONFIG_FOLDER", &folder);
    };
    // TURSO_API_TOKEN wins over the file's token; the file's organization is used.
    let mut cmd = bare(home.path(), &api);
    with(&mut cmd);
    cmd.env("TURSO_API_TOKEN", TOKEN).args(["list"]);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(1), "team-x is not served");
    assert_eq!(
        paths(&api).last().unwrap(),
        "GET /v2/organizations/team-x/jwks"
    );
    // config.yaml's org wins over the file's.
    jwksctl(home.path())
        .args(["config", "set", "org", "acme"])
        .assert()
        .success();
    let mut cmd = bare(home.path(), &api);
    with(&mut cmd);
    cmd.env("TURSO_API_TOKEN", TOKEN)
        .args(["config", "show", "-o", "json"]);
    let shown: Value = serde_json::from_slice(&run(cmd).stdout).unwrap();
    let config_file = home.path().join("config/config.yaml");
    assert_eq!(
        shown["org"],
        json!({"value": "acme", "source": "config", "file": config_file.to_str().unwrap()})
    );
    assert_eq!(
        shown["api_token"],
        json!({"value": "[redacted]", "source": "env:TURSO_API_TOKEN"})
    );
    let mut cmd = bare(home.path(), &api);
    with(&mut cmd);
    cmd.env("TURSO_API_TOKEN", TOKEN).arg("list");
    assert!(run(cmd).status.success());
    // JWKSCTL_ORG and --org win over config.yaml.
    let mut cmd = bare(home.path(), &api);
    with(&mut cmd);
    cmd.env("TURSO_API_TOKEN", TOKEN)
        .env("JWKSCTL_ORG", "team-x")
        .args(["list", "--org", "acme"]);
    assert!(run(cmd).status.success());
    // JWKSCTL_API_TOKEN wins over TURSO_API_TOKEN, which wins over the file.
    let mut cmd = bare(home.path(), &api);
    with(&mut cmd);
    cmd.env("TURSO_API_TOKEN", "also-stale")
        .env("JWKSCTL_API_TOKEN", TOKEN)
        .arg("list");
    assert!(run(cmd).status.success());
    let mut cmd = bare(home.path(), &api);
    with(&mut cmd);
    cmd.env("TURSO_API_TOKEN", "also-stale").arg("list");
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !stderr(&out).contains("turso auth login`, and"),
        "not the file's token"
    );
    let sent: Vec<Option<String>> = api
        .requests()
        .iter()
        .map(|r| r.header("authorization").map(str::to_string))
        .collect();
    assert!(
        !sent.contains(&Some("Bearer stale".to_string())),
        "the file's token was never needed: {sent:?}"
    );
}

/// TURSO_API_BASEURL sets the API URL when jwksctl's own settings do not;
/// JWKSCTL_API_URL wins; a plain-http non-loopback one is refused before
/// anything is sent.
#[test]
fn turso_api_baseurl() {
    let home = tempfile::tempdir().unwrap();
    let from_turso = api();
    let from_jwksctl = api();
    let base = |cmd: &mut Command| {
        cmd.env("JWKSCTL_REGISTRY", "turso")
            .env("JWKSCTL_ORG", "acme")
            .env("TURSO_API_TOKEN", TOKEN);
    };
    let mut cmd = jwksctl(home.path());
    base(&mut cmd);
    cmd.env("TURSO_API_BASEURL", &from_turso.base).arg("list");
    assert!(run(cmd).status.success());
    let mut cmd = jwksctl(home.path());
    base(&mut cmd);
    cmd.env("TURSO_API_BASEURL", &from_turso.base)
        .args(["config", "show", "-o", "json"]);
    let shown: Value = serde_json::from_slice(&run(cmd).stdout).unwrap();
    assert_eq!(
        shown["api_url"],
        json!({"value": from_turso.base, "source": "env:TURSO_API_BASEURL"})
    );
    let mut cmd = jwksctl(home.path());
    base(&mut cmd);
    cmd.env("TURSO_API_BASEURL", &from_turso.base)
        .env("JWKSCTL_API_URL", &from_jwksctl.base)
        .arg("list");
    assert!(run(cmd).status.success());
    assert_eq!((from_turso.count(), from_jwksctl.count()), (1, 1));
    let mut cmd = jwksctl(home.path());
    base(&mut cmd);
    cmd.env("TURSO_API_BASEURL", "http://api.example.net")
        .arg("list");
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("refusing plain http://"),
        "{}",
        stderr(&out)
    );
}

/// A settings file others can read is used, with a warning saying how to
/// fix it.
#[cfg(unix)]
#[test]
fn a_file_others_can_read_is_used_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let folder = home.path().join("turso");
    let file = settings(&folder, &json!({"token": TOKEN, "organization": "acme"}));
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    let mut cmd = bare(home.path(), &api);
    cmd.env("TURSO_CONFIG_FOLDER", &folder).arg("list");
    let out = run(cmd);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("warning: the Turso CLI's settings")
            && err.contains("can be read by other users"),
        "{err}"
    );
    assert!(
        err.contains(&format!("chmod 600 {}", file.display())),
        "{err}"
    );
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o644,
        "jwksctl never changes the Turso CLI's file"
    );
    // 0600: no warning.
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
    let mut cmd = bare(home.path(), &api);
    cmd.env("TURSO_CONFIG_FOLDER", &folder).arg("list");
    let out = run(cmd);
    assert!(out.status.success());
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

/// The API refuses the Turso CLI's token (an expired session): exit 1 and
/// the hint to log in again; the token never shown.
#[test]
fn a_refused_login_says_turso_auth_login() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let folder = home.path().join("turso");
    let expired = "expired-session-token-SECRET";
    let file = settings(&folder, &json!({"token": expired, "organization": "acme"}));
    let mut cmd = bare(home.path(), &api);
    cmd.env("TURSO_CONFIG_FOLDER", &folder).args(["list", "-v"]);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("Turso API 401"), "{err}");
    assert!(
        err.contains(&format!(
            "hint: the Turso CLI's login in {} was refused (it may have expired): run `turso auth login`",
            file.display()
        )),
        "{err}"
    );
    assert!(!err.contains(expired) && !String::from_utf8_lossy(&out.stdout).contains(expired));
}

/// No usable login: a broken file is a warning naming it, a logged-out one
/// (empty token) gives no token; either way the usage error says how to log
/// in, nothing is sent, and the file is not touched.
#[test]
fn broken_or_logged_out_files_send_nothing() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    let folder = home.path().join("turso");
    fs::create_dir_all(&folder).unwrap();
    let file = folder.join("settings.json");
    for (text, says) in [
        ("{\"token\": ", Some("is not a JSON object")),
        ("[]", Some("is not a JSON object")),
        (r#"{"token":"","organization":"acme"}"#, None),
    ] {
        // World-readable, but with no token: nothing to warn about.
        fs::write(&file, text).unwrap();
        let mut cmd = bare(home.path(), &api);
        cmd.env("TURSO_CONFIG_FOLDER", &folder)
            .env("JWKSCTL_ORG", "acme")
            .arg("list");
        let out = run(cmd);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = stderr(&out);
        assert!(
            err.contains("needs an API token") && err.contains("turso auth login"),
            "{err}"
        );
        match says {
            Some(says) => assert!(
                err.contains("warning: ignoring the Turso CLI's settings")
                    && err.contains(&file.display().to_string())
                    && err.contains(says),
                "{err}"
            ),
            None => assert!(!err.contains("warning"), "{err}"),
        }
        assert_eq!(fs::read_to_string(&file).unwrap(), text);
        assert!(out.stdout.is_empty());
    }
    // A folder with no settings file: the organization is missing too.
    fs::remove_file(&file).unwrap();
    let mut cmd = bare(home.path(), &api);
    cmd.env("TURSO_CONFIG_FOLDER", &folder).arg("list");
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("needs an organization"),
        "{}",
        stderr(&out)
    );
    assert!(!file.exists(), "no settings file is created");
    assert_eq!(api.count(), 0);
}

/// An organization in the Turso CLI's file is checked when the registry is
/// opened (jwksctl's own were checked when the settings were read): a slug
/// that is a path step is refused before any request; `config show` still
/// shows where it came from.
#[test]
fn a_bad_organization_in_the_file_is_refused_before_any_request() {
    let home = tempfile::tempdir().unwrap();
    let api = api();
    settings(
        &home.path().join(".config/turso"),
        &json!({"token": TOKEN, "organization": ".."}),
    );
    let out = run({
        let mut cmd = bare(home.path(), &api);
        cmd.arg("list");
        cmd
    });
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("invalid organization slug \"..\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(paths(&api), Vec::<String>::new());
    let out = run({
        let mut cmd = bare(home.path(), &api);
        cmd.args(["config", "show", "-o", "json"]);
        cmd
    });
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["org"]["value"], "..");
    assert_eq!(shown["org"]["source"], "turso-cli");
}
