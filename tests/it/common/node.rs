//! Running generated provider code in node with recording stand-ins: the
//! Auth0 post-login Action with a recording `api`, and the Firebase script
//! with recording `firebase-admin` modules.

use std::path::Path;
use std::process::Command;

use serde_json::{Map, Value};

/// Fail with one line naming the missing prerequisite when node is absent.
pub fn require() {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "node is required to run the generated Auth0 and Firebase code: install Node.js 18 or later (e.g. apt-get install nodejs)"
    );
}

fn run(script: &str, dir: &Path) -> String {
    require();
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .current_dir(dir)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Run an Auth0 Action; returns the claims it set on the access token.
pub fn auth0_claims(action: &str) -> Map<String, Value> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("action.js"), action).unwrap();
    let recorded = run(
        r#"
        const action = require("./action.js");
        const claims = {};
        const api = {
          accessToken: { setCustomClaim: (name, value) => {
            if (name in claims) throw new Error("claim set twice: " + name);
            claims[name] = value;
          } },
          idToken: { setCustomClaim: () => { throw new Error("id token touched"); } },
        };
        action.onExecutePostLogin({ user: { user_id: "auth0|1" } }, api)
          .then(() => process.stdout.write(JSON.stringify(claims)));
        "#,
        dir.path(),
    );
    serde_json::from_str(&recorded).unwrap()
}

/// Syntax-check and run the Firebase script for uid `user-1` whose existing
/// custom claims are `{"keep": true}`; returns the `setCustomUserClaims` calls.
pub fn firebase_calls(script: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("set-claims.js");
    std::fs::write(&path, script).unwrap();
    let check = Command::new("node")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let recorded = run(
        r#"
        const Module = require("module");
        const calls = [];
        const fakes = {
          "firebase-admin/app": { initializeApp: () => {} },
          "firebase-admin/auth": { getAuth: () => ({
            getUser: async (uid) => ({ uid, customClaims: { keep: true } }),
            setCustomUserClaims: async (uid, claims) => { calls.push({ uid, claims }); },
          }) },
        };
        const load = Module._load;
        Module._load = function (req, ...rest) { return fakes[req] || load.call(this, req, ...rest); };
        process.argv[2] = "user-1";
        console.log = () => {};
        require("./set-claims.js");
        // When every promise the script started has settled, not after a guess.
        process.once("beforeExit", () => process.stdout.write(JSON.stringify(calls)));
        "#,
        dir.path(),
    );
    serde_json::from_str(&recorded).unwrap()
}

/// The pinned npm packages of `tests/tools/node/` (`jose`, PowerSync's
/// `@powersync/service-types`), installed with `npm ci` into
/// `target/tmp/node-<hash of the lock file>/` on first use and reused after.
/// Panics with one line naming what is missing when they cannot be had.
pub fn tools() -> &'static Path {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(provision_tools)
}

const PACKAGE_JSON: &str = include_str!("../../tools/node/package.json");
const PACKAGE_LOCK: &str = include_str!("../../tools/node/package-lock.json");

fn provision_tools() -> std::path::PathBuf {
    let digest = aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA256,
        format!("{PACKAGE_JSON}\0{PACKAGE_LOCK}").as_bytes(),
    );
    let tag: String = digest.as_ref()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = root.join(format!("node-{tag}"));
    if dir.join(".complete").exists() {
        return dir;
    }
    require();
    let npm_ok = Command::new("npm")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        npm_ok,
        "npm is required to install the pinned jose and @powersync/service-types of tests/tools/node: install npm (it comes with Node.js)"
    );
    // Install into a private directory, then rename it into place: parallel
    // test processes never see a half-filled directory.
    let staging = root.join(format!(".node-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join("package.json"), PACKAGE_JSON).unwrap();
    std::fs::write(staging.join("package-lock.json"), PACKAGE_LOCK).unwrap();
    let out = Command::new("npm")
        .args([
            "ci",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ])
        .current_dir(&staging)
        .env("npm_config_update_notifier", "false")
        .output()
        .expect("npm starts");
    if !out.status.success() {
        let _ = std::fs::remove_dir_all(&staging);
        panic!(
            "npm ci could not install tests/tools/node (is the npm registry reachable?): {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    std::fs::write(staging.join(".complete"), "").unwrap();
    if std::fs::rename(&staging, &dir).is_err() {
        // Another process finished first; its copy is as good as ours.
        let _ = std::fs::remove_dir_all(&staging);
        assert!(
            dir.join(".complete").exists(),
            "could not move the npm install into {}",
            dir.display()
        );
    }
    dir
}

/// Run an ES module `script` with the pinned npm packages importable and
/// `args` as `process.argv[1..]`; returns (success, stdout, stderr).
pub fn module(script: &str, args: &[&str]) -> (bool, String, String) {
    let dir = tools();
    let out = Command::new("node")
        .args(["--input-type=module", "-e", script, "--"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("node runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
