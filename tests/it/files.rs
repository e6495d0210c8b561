//! Files jwksctl reads or creates on the user's behalf, tested as attacks:
//! endless files named on the command line, loose directory modes under a
//! permissive umask, writable key directories and symlinked lock files.

use crate::common;

use std::path::Path;

use common::jwksctl;

/// Everything under `home`, so a test can say that nothing was written.
fn tree(home: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![home.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            out.push(path.strip_prefix(home).unwrap().display().to_string());
            if path.is_dir() && !path.is_symlink() {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn endless_files_named_on_the_command_line_are_refused() {
    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.ZHVtbXk";
    let cases: &[(&[&str], i32)] = &[
        (&["token", "verify", TOKEN, "--secret-file", "/dev/zero"], 2),
        (&["token", "verify", TOKEN, "--key", "/dev/zero"], 2),
        (&["token", "verify", TOKEN, "--jwks", "/dev/zero"], 2),
        (&["token", "mint", "--key-file", "/dev/zero"], 2),
        (&["token", "mint", "--claims-file", "/dev/zero"], 2),
        (&["token", "mint", "--powersync-config", "/dev/zero"], 2),
        (&["check", "/dev/zero"], 1),
    ];
    for (args, code) in cases {
        let home = tempfile::tempdir().unwrap();
        let out = jwksctl(home.path()).args(*args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {stderr}");
        let said = format!("{stdout}{stderr}");
        assert!(
            said.contains("/dev/zero is larger than 1 MiB"),
            "{args:?} does not name the file and the limit: {said}"
        );
        assert!(
            tree(home.path()).is_empty(),
            "{args:?} wrote {:?}",
            tree(home.path())
        );
    }
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn directories_are_private_under_a_permissive_umask() {
    let home = tempfile::tempdir().unwrap();
    let server = common::Server::fixed(common::Reply::json(common::good_jwks()));
    for args in [
        &["config", "set", "org", "acme"][..],
        &["keys", "generate", "--alg", "EdDSA"][..],
        &["check", &server.url("/jwks.json")][..],
    ] {
        let out = common::jwksctl_with_umask(home.path(), "000")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for dir in ["config", "data", "data/keys", "cache", "cache/jwks"] {
        assert_eq!(mode(&home.path().join(dir)), 0o700, "{dir}");
    }
    for file in [
        "config/config.yaml",
        "config/config.lock",
        "data/keys/.lock",
    ] {
        assert_eq!(mode(&home.path().join(file)) & 0o022, 0, "{file}");
    }
}

#[cfg(unix)]
#[test]
fn directories_others_can_write_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    for (dir, args) in [
        ("data/keys", &["keys", "generate", "--alg", "EdDSA"][..]),
        ("data/keys", &["keys", "list"][..]),
        ("config", &["config", "set", "org", "acme"][..]),
        ("config", &["list"][..]),
    ] {
        let home = tempfile::tempdir().unwrap();
        let path = home.path().join(dir);
        std::fs::create_dir_all(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
        let out = jwksctl(home.path()).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("is writable by its group and all users (mode 777)")
                && stderr.contains(&format!("hint: chmod 700 {}", path.display())),
            "{args:?}: {stderr}"
        );
        assert_eq!(out.stdout, b"", "{args:?}");
        assert_eq!(
            std::fs::read_dir(&path).unwrap().count(),
            0,
            "{args:?} wrote"
        );
    }
}

/// A JWKS cache directory other users can write to is not used: a key
/// planted there (here: the attacker's own JWKS under the name of the
/// registry entry's URL) would be trusted until it expired, or for ever with
/// --offline. The fetch goes to the server instead, with a warning.
#[cfg(unix)]
#[test]
fn a_cache_others_can_write_is_not_trusted() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let server = common::Server::fixed(common::Reply::json(common::good_jwks()));
    let url = server.url("/jwks.json");
    // The attacker's key, and a token it signed.
    let attacker = tempfile::tempdir().unwrap();
    jwksctl(attacker.path())
        .args(["keys", "generate", "--alg", "EdDSA"])
        .assert()
        .success();
    let out = jwksctl(attacker.path())
        .args(["keys", "jwks"])
        .output()
        .unwrap();
    let planted_jwks = String::from_utf8(out.stdout).unwrap();
    let out = jwksctl(attacker.path())
        .args(["token", "mint", "--sub", "admin"])
        .output()
        .unwrap();
    let token = String::from_utf8(out.stdout).unwrap();
    jwksctl(home.path())
        .args(["save", "idp", &url])
        .assert()
        .success();
    // Plant the attacker's JWKS as the cached copy of the entry's URL, fresh.
    let cache = home.path().join("cache/jwks");
    let file = std::fs::read_dir(&cache)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut entry: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    entry["body"] = serde_json::Value::String(planted_jwks);
    std::fs::write(&file, entry.to_string()).unwrap();
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o777)).unwrap();
    let before = server.count();
    let out = jwksctl(home.path())
        .args(["token", "verify", token.trim(), "--jwks", "idp"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("not using the JWKS cache:")
            && stderr.contains(&format!("chmod 700 {}", cache.display())),
        "{stderr}"
    );
    assert_eq!(
        server.count(),
        before + 1,
        "fetched from the server instead"
    );
    // With the directory private again the cache is used, without a word
    // (only its owner can write there).
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::remove_file(&file).unwrap();
    let out = jwksctl(home.path())
        .args(["token", "verify", token.trim(), "--jwks", "idp"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("not using the JWKS cache"));
    assert!(file.exists(), "the fresh copy was cached again");
}

#[cfg(unix)]
#[test]
fn symlinked_lock_files_are_not_followed() {
    let server = common::Server::fixed(common::Reply::json(common::good_jwks()));
    let url = server.url("/jwks.json");
    for (lock, args) in [
        (
            "data/keys/.lock",
            &["keys", "generate", "--alg", "EdDSA"][..],
        ),
        ("config/registry.lock", &["save", "prod", &url][..]),
        ("config/config.lock", &["config", "set", "org", "acme"][..]),
    ] {
        let home = tempfile::tempdir().unwrap();
        let lock = home.path().join(lock);
        let dir = lock.parent().unwrap();
        std::fs::create_dir_all(dir).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        let target = home.path().join("planted");
        std::os::unix::fs::symlink(&target, &lock).unwrap();
        let out = jwksctl(home.path()).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("is a symbolic link; jwksctl does not follow it"),
            "{args:?}: {stderr}"
        );
        assert!(!target.exists(), "{args:?} created the symlink's target");
    }
}
