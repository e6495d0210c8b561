//! Files jwksctl reads or creates on the user's behalf, tested as attacks:
//! endless files named on the command line, loose directory modes under a
//! permissive umask, writable key directories and symlinked lock files.

mod common;

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
