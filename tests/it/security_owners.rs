//! The second security review (docs/security.md), HIGH: another user's directory.
//! A second local user B prepares a jwksctl home (or a part of one) that
//! user A then uses: B's key planted in `data/keys`, B's JWKS planted in the
//! cache as fresh for ever, B swapping `data/` inside A's world-writable
//! home. Each attack must fail with a refusal naming the path, the owner
//! and the fix. B is a real second user: the test runs `sh` as uid 65534
//! through a uid switch, which needs root; elsewhere the test says it is
//! skipped and why.

use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};

use common::{Reply, Server, jwksctl};

/// The second user (`nobody` on most systems).
const OTHER: u32 = 65534;

/// A directory B can enter (root-owned, 0755), holding the homes and files
/// of one test; `None` (with the reason printed) where the test cannot act
/// as B.
fn arena(test: &str) -> Option<tempfile::TempDir> {
    // SAFETY: geteuid(2) has no preconditions.
    let euid = unsafe { libc::geteuid() };
    if euid != 0 {
        println!("skipped {test}: it runs as uid {euid}, and only root can act as a second user");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let probe = common::scrubbed("sh")
        .args(["-c", "test \"$(id -u)\" = 65534"])
        .uid(OTHER)
        .gid(OTHER)
        .current_dir(dir.path())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        println!("skipped {test}: cannot start a process as uid {OTHER} here");
        return None;
    }
    Some(dir)
}

/// An empty directory `name` in the arena, B's (as if B had made it:
/// only B can write in it).
fn others_dir(arena: &Path, name: &str) -> PathBuf {
    let dir = arena.join(name);
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::chown(&dir, Some(OTHER), Some(OTHER)).unwrap();
    dir
}

/// Run `script` with `sh` as user B, in `dir`.
fn as_other_user(dir: &Path, script: &str) {
    let out = common::scrubbed("sh")
        .args(["-c", script])
        .uid(OTHER)
        .gid(OTHER)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "as uid {OTHER}: {script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// B's signing key (a key-store file anyone can read, `evil.json`) and a
/// token it signed for `sub: admin`.
fn attacker_key(arena: &Path) -> (PathBuf, String) {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["keys", "generate", "--alg", "EdDSA", "--kid", "evil"])
        .assert()
        .success();
    let out = jwksctl(home.path())
        .args(["token", "mint", "--sub", "admin"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let key = arena.join("evil.json");
    std::fs::copy(home.path().join("data/keys/evil.json"), &key).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    (
        key,
        String::from_utf8(out.stdout).unwrap().trim().to_string(),
    )
}

/// The cache file name of `url` (the hex SHA-256 of the URL).
fn cache_name(url: &str) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, url.as_bytes());
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

fn verify(home: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = jwksctl(home)
        .args(["token", "verify"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// B creates the home (`--home /tmp/x` on a shared CI runner, made by B
/// first) with its own key in `data/keys`. A's verify must not take B's key:
/// the refusal names the directory, B as its owner, and what to do.
#[test]
fn a_key_planted_by_another_user_verifies_nothing() {
    let Some(arena) = arena("a_key_planted_by_another_user_verifies_nothing") else {
        return;
    };
    let (_, token) = attacker_key(arena.path());
    others_dir(arena.path(), "h");
    as_other_user(
        arena.path(),
        "mkdir -p -m 700 h/data/keys && cp evil.json h/data/keys/evil.json",
    );
    let home = arena.path().join("h");
    let (code, stdout, stderr) = verify(&home, &[&token]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(!stdout.starts_with("valid"), "{stdout}");
    let keys = home.join("data/keys");
    assert!(
        stderr.contains(&format!(
            "{} is owned by nobody (uid 65534), not by you (root)",
            keys.display()
        )) && stderr.contains(&format!("chown -R root {}", keys.display())),
        "{stderr}"
    );
    // An empty home of B's: A's own key store under it is refused too (B
    // could rename A's `data` away), before A's key is written.
    let home = others_dir(arena.path(), "b");
    let out = jwksctl(&home)
        .args(["keys", "generate", "--alg", "EdDSA"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{} (above {}) is owned by nobody (uid 65534), not by you (root) or root",
            home.display(),
            home.join("data/keys").display()
        )) && stderr
            .contains("hint: keep jwksctl's files in a directory only you and root control"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(home.join("data/keys")).unwrap().count(),
        0
    );
    // The same with the home A's own and only `data/keys` B's (made while
    // it was writable, or by an earlier owner): the directory is refused.
    let home = arena.path().join("a");
    std::fs::create_dir_all(home.join("data")).unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(home.join("data"), std::fs::Permissions::from_mode(0o777)).unwrap();
    as_other_user(
        arena.path(),
        "mkdir -m 700 a/data/keys && cp evil.json a/data/keys/evil.json",
    );
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::set_permissions(home.join("data"), std::fs::Permissions::from_mode(0o700)).unwrap();
    let keys = home.join("data/keys");
    let (code, stdout, stderr) = verify(&home, &[&token]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(!stdout.starts_with("valid"), "{stdout}");
    assert!(
        stderr.contains(&format!(
            "{} is owned by nobody (uid 65534), not by you (root)",
            keys.display()
        )) && stderr.contains(&format!("chown -R root {}", keys.display())),
        "{stderr}"
    );
    // A key file of B's in A's own private directory is not read either.
    std::fs::remove_dir_all(&keys).unwrap();
    jwksctl(&home)
        .args(["keys", "generate", "--alg", "EdDSA", "--kid", "mine"])
        .assert()
        .success();
    std::fs::copy(arena.path().join("evil.json"), keys.join("evil.json")).unwrap();
    std::os::unix::fs::chown(keys.join("evil.json"), Some(OTHER), Some(OTHER)).unwrap();
    let (code, stdout, stderr) = verify(&home, &[&token]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(
        stdout.starts_with("invalid: no key with kid \"evil\" among 1 key from local:mine"),
        "{stdout}"
    );
    let out = jwksctl(&home).args(["keys", "list"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "warning: skipped cannot read {}: it is owned by nobody (uid 65534), not by you (root)",
            keys.join("evil.json").display()
        )),
        "{stderr}"
    );
}

/// A's home is world-writable (0777, no sticky bit): B renames `data` away
/// and puts its own `data/keys` in its place. Refused, naming the home.
#[test]
fn a_parent_others_can_write_is_refused() {
    let Some(arena) = arena("a_parent_others_can_write_is_refused") else {
        return;
    };
    let (_, token) = attacker_key(arena.path());
    let home = arena.path().join("h");
    jwksctl(&home)
        .args(["keys", "generate", "--alg", "EdDSA", "--kid", "mine"])
        .assert()
        .success();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o777)).unwrap();
    as_other_user(
        arena.path(),
        "mv h/data h/data.old && mkdir -p -m 700 h/data/keys && cp evil.json h/data/keys/",
    );
    let (code, stdout, stderr) = verify(&home, &[&token]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(!stdout.starts_with("valid"), "{stdout}");
    assert!(
        stderr.contains(&format!(
            "error: {} (above {}/",
            home.display(),
            home.display()
        )) && stderr
            .contains("is writable by its group and all users (mode 777) without the sticky bit")
            && stderr.contains(&format!("hint: chmod go-w {}", home.display())),
        "{stderr}"
    );
    // The sticky bit (as on /tmp) stops B from renaming A's `data`: with it
    // and A's own tree back in place, A's key store is used again.
    std::fs::remove_dir_all(home.join("data")).unwrap();
    std::fs::rename(home.join("data.old"), home.join("data")).unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o1777)).unwrap();
    jwksctl(&home).args(["keys", "list"]).assert().success();
}

/// B plants its JWKS in the cache as the copy of A's identity provider, with
/// `max_age: 18446744073709551615`; and the same file hand-edited by A with
/// a fetch time ten years ahead. Neither is trusted fresh: the server is
/// asked, and B's token stays invalid.
#[test]
fn a_planted_cache_entry_is_not_fresh_for_ever() {
    let Some(arena) = arena("a_planted_cache_entry_is_not_fresh_for_ever") else {
        return;
    };
    let (key, token) = attacker_key(arena.path());
    let server = Server::fixed(Reply::json(common::good_jwks()));
    let url = server.url("/.well-known/jwks.json");
    let mut evil: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&key).unwrap()).unwrap();
    evil.as_object_mut().unwrap().remove("d");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let planted = |url: &str, fetched_at: u64, max_age: u64| {
        serde_json::json!({
            "url": url,
            "fetched_at": fetched_at,
            "max_age": max_age,
            "etag": null,
            "body": serde_json::json!({"keys": [evil]}).to_string(),
        })
        .to_string()
    };
    let name = cache_name(&url);
    std::fs::write(
        arena.path().join("entry.json"),
        planted(&url, now, u64::MAX),
    )
    .unwrap();
    std::fs::set_permissions(
        arena.path().join("entry.json"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    // B made the home, cache included.
    others_dir(arena.path(), "h");
    as_other_user(
        arena.path(),
        &format!("mkdir -p -m 700 h/cache/jwks && cp entry.json h/cache/jwks/{name}.json"),
    );
    let home = arena.path().join("h");
    let (code, stdout, stderr) = verify(&home, &[&token, "--jwks", &url]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(!stdout.starts_with("valid"), "{stdout}");
    assert!(
        stderr.contains("warning: not using the JWKS cache:")
            && stderr.contains("is owned by nobody (uid 65534)"),
        "{stderr}"
    );
    assert_eq!(server.count(), 1, "the server was asked");

    // A's own cache, with a file no fetch would have written: an endless
    // max-age from two days ago.
    let home = arena.path().join("a");
    let cache = home.join("cache/jwks");
    std::fs::create_dir_all(&cache).unwrap();
    for dir in [&home, &home.join("cache"), &cache] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    std::fs::write(
        cache.join(format!("{name}.json")),
        planted(&url, now - 2 * 86_400, u64::MAX),
    )
    .unwrap();
    let (code, stdout, stderr) = verify(&home, &[&token, "--jwks", &url]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(!stdout.starts_with("valid"), "{stdout}");
    assert_eq!(server.count(), 2, "the server was asked");
    // A fetch time ten years ahead, for a server that is down: a stale
    // copy would be used with a warning; this one is not a copy at all.
    let down = "http://127.0.0.1:1/.well-known/jwks.json";
    std::fs::write(
        cache.join(format!("{}.json", cache_name(down))),
        planted(down, now + 10 * 365 * 86_400, 3600),
    )
    .unwrap();
    let (code, stdout, stderr) = verify(&home, &[&token, "--jwks", down]);
    assert_eq!(code, Some(3), "{stdout}{stderr}");
    assert!(!stdout.starts_with("valid"), "{stdout}");
    assert!(!stderr.contains("stale"), "{stderr}");
}
