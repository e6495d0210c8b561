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
