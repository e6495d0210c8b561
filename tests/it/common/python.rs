//! Python with PyJWT, provisioned by the tests themselves: the pinned packages
//! of `tests/tools/requirements.txt` are installed with `pip --target` into
//! `target/tmp/python-<hash>/` on first use and reused after. A machine's own
//! `python3` needs only pip; nothing is installed outside `target/`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const REQUIREMENTS: &str = include_str!("../../tools/requirements.txt");

/// A `python3` command whose `import jwt, cryptography` resolves to the pinned
/// packages. Panics with one line naming what is missing when it cannot be had.
pub fn python3() -> Command {
    let site = site_packages();
    let mut cmd = Command::new("python3");
    cmd.env("PYTHONPATH", site)
        .env("PYTHONNOUSERSITE", "1")
        .env("PYTHONDONTWRITEBYTECODE", "1");
    cmd
}

fn site_packages() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(provision)
}

fn provision() -> PathBuf {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, REQUIREMENTS.as_bytes());
    let tag: String = digest.as_ref()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let site = root.join(format!("python-{tag}"));
    if site.join(".complete").exists() {
        return site;
    }
    match Command::new("python3").arg("--version").output() {
        Ok(out) if out.status.success() => {}
        _ => panic!(
            "python3 is required for the PyJWT interop tests: install Python 3 with pip (e.g. apt-get install python3 python3-pip)"
        ),
    }
    // Install into a private directory, then rename it into place: parallel
    // test processes never see a half-filled directory.
    let staging = root.join(format!(".python-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).unwrap();
    let requirements = staging.join("requirements.txt");
    std::fs::write(&requirements, REQUIREMENTS).unwrap();
    let out = Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
            "--no-deps",
            "--only-binary=:all:",
            "--target",
        ])
        .arg(&staging)
        .arg("-r")
        .arg(&requirements)
        .env("PIP_ROOT_USER_ACTION", "ignore")
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) => panic!("python3 -m pip could not start ({e}): install pip for Python 3"),
    };
    if !out.status.success() {
        let _ = std::fs::remove_dir_all(&staging);
        panic!(
            "pip could not install tests/tools/requirements.txt (is PyPI reachable? is pip installed?): {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    std::fs::write(staging.join(".complete"), "").unwrap();
    if std::fs::rename(&staging, &site).is_err() {
        // Another process finished first; its copy is as good as ours.
        let _ = std::fs::remove_dir_all(&staging);
        assert!(
            site.join(".complete").exists(),
            "could not move the PyJWT install into {}",
            site.display()
        );
    }
    site
}
