//! The completion scripts committed under `completions/` must match what the
//! CLI generates; regenerate them with `scripts/regen.sh` when flags change.

use assert_cmd::Command;

const SHELLS: &[(&str, &str)] = &[
    ("bash", "jwksctl.bash"),
    ("zsh", "_jwksctl"),
    ("fish", "jwksctl.fish"),
    ("powershell", "_jwksctl.ps1"),
    ("elvish", "jwksctl.elv"),
];

#[test]
fn committed_completions_match_the_cli() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in SHELLS {
        let out = Command::cargo_bin("jwksctl")
            .unwrap()
            .args(["completions", shell])
            .assert()
            .success();
        let generated = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(
            generated.contains("template"),
            "{shell} script mentions commands"
        );
        let committed = std::fs::read_to_string(dir.join(file))
            .unwrap_or_else(|e| panic!("completions/{file}: {e}; run scripts/regen.sh"));
        assert!(
            committed == generated,
            "completions/{file} is out of date with the CLI; run scripts/regen.sh"
        );
    }
}

#[test]
fn unknown_shell_is_a_usage_error() {
    Command::cargo_bin("jwksctl")
        .unwrap()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("invalid value 'tcsh'"));
}
