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
