//! Key sources named on the command line (src/sources.rs): JWKS and single
//! JWK files given to `--jwks`, and when their HMAC keys may verify. These
//! tests kill cargo-mutants survivors: each fails if the HMAC
//! filter in `Loader::file`, the single-JWK guard of `parse_jwks` or the
//! "ignoring N HMAC key(s)" warning's condition is changed.

use crate::common;

use std::fs;
use std::path::Path;

use common::jwksctl;
use predicates::prelude::*;

/// A home with an HS256 key `h1` and an EdDSA key `e1`; files in `dir`:
/// `set.json` (a JWKS holding h1's secret), `e1.json` (e1's public JWK
/// alone, not a set), `both.json` (a JWKS holding h1's secret and e1's
/// private JWK). Returns (HS256 token, EdDSA token).
fn setup(home: &Path, dir: &Path) -> (String, String) {
    jwksctl(home)
        .args(["keys", "generate", "--alg", "HS256", "--kid", "h1"])
        .assert()
        .success();
    jwksctl(home)
        .args(["keys", "generate", "--kid", "e1"])
        .assert()
        .success();
    let export = |args: &[&str]| common::stdout(home, args);
    let h1 = export(&["keys", "export", "h1", "--format", "jwk", "--private"]);
    let e1_private = export(&["keys", "export", "e1", "--format", "jwk", "--private"]);
    fs::write(dir.join("set.json"), format!("{{\"keys\":[{h1}]}}")).unwrap();
    fs::write(
        dir.join("e1.json"),
        export(&["keys", "export", "e1", "--format", "jwk"]),
    )
    .unwrap();
    fs::write(
        dir.join("both.json"),
        format!("{{\"keys\":[{h1},{e1_private}]}}"),
    )
    .unwrap();
    let mint = |kid: &str| {
        common::stdout(home, &["token", "mint", "--key", kid, "--sub", "alice"])
            .trim()
            .to_string()
    };
    (mint("h1"), mint("e1"))
}

fn verify(home: &Path, dir: &Path, token: &str, jwks: &str) -> (Option<i32>, String, String) {
    let out = jwksctl(home)
        .current_dir(dir)
        .args(["token", "verify", token, "--jwks", jwks, "-o", "json"])
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// An HS256 token verifies against a JWKS file named with a path: its
/// secret key is kept whole (not reduced to a public part, which for `oct`
/// is nothing), and the other keys of the file still verify as public keys.
#[test]
fn hmac_keys_of_a_jwks_file_named_by_path_verify() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (hs, ed) = setup(home.path(), dir.path());
    for file in ["./set.json", "./both.json"] {
        let (code, stdout, stderr) = verify(home.path(), dir.path(), &hs, file);
        assert_eq!(code, Some(0), "{file}: {stdout}{stderr}");
        assert!(stdout.contains("\"valid\": true"), "{stdout}");
        assert!(!stderr.contains("ignoring"), "{file}: {stderr}");
    }
    let (code, stdout, stderr) = verify(home.path(), dir.path(), &ed, "./both.json");
    assert_eq!(code, Some(0), "{stdout}{stderr}");
}

/// A bare word naming a file in the working directory never enables HMAC:
/// the secret is ignored with a warning naming the count and the file, and
/// the HS256 token is invalid; named with a path, no warning.
#[test]
fn a_bare_file_name_ignores_hmac_keys_with_a_warning() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (hs, ed) = setup(home.path(), dir.path());
    let (code, _, stderr) = verify(home.path(), dir.path(), &hs, "set.json");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("warning: ignoring 1 HMAC key(s) in set.json"),
        "{stderr}"
    );
    // No HMAC key in the file: no warning, bare word or not.
    for file in ["e1.json", "./e1.json"] {
        let (code, _, stderr) = verify(home.path(), dir.path(), &ed, file);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(!stderr.contains("ignoring"), "{file}: {stderr}");
    }
}

/// A file holding one JWK (not a set) is a key source of one key.
#[test]
fn a_single_jwk_file_verifies() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (_, ed) = setup(home.path(), dir.path());
    let (code, stdout, stderr) = verify(home.path(), dir.path(), &ed, "./e1.json");
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("\"kid\": \"e1\""), "{stdout}");
    jwksctl(home.path())
        .current_dir(dir.path())
        .args(["check", "./e1.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no \"keys\" array"));
}
