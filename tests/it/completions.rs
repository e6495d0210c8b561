//! The completion scripts committed under `completions/` must match what the
//! CLI generates; regenerate them with `scripts/regen.sh` when flags change.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;

/// The binary, through the one spawn helper (completions touch no home).
fn bin(home: &tempfile::TempDir) -> Command {
    common::jwksctl(home.path())
}

const SHELLS: &[(&str, &str)] = &[
    ("bash", "jwksctl.bash"),
    ("zsh", "_jwksctl"),
    ("fish", "jwksctl.fish"),
    ("powershell", "_jwksctl.ps1"),
    ("elvish", "jwksctl.elv"),
];

#[test]
fn committed_completions_match_the_cli() {
    let home = tempfile::tempdir().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in SHELLS {
        let out = bin(&home).args(["completions", shell]).assert().success();
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
    let home = tempfile::tempdir().unwrap();
    bin(&home)
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("invalid value 'tcsh'"));
}

/// `-h` and `--help` list each command's own options first and the global
/// options after them under their own heading (as cargo and uv do), and the
/// completion scripts still offer every option, global ones included.
#[test]
fn help_lists_global_options_after_the_commands_own() {
    let home = tempfile::tempdir().unwrap();
    const GLOBAL: &[&str] = &[
        "--home",
        "--output",
        "--color",
        "--no-color",
        "--quiet",
        "--verbose",
        "--yes",
        "--timeout",
        "--registry",
        "--org",
        "--api-url",
    ];
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["token", "verify"],
            &["--aud", "--iss", "--jwks", "--batch"],
        ),
        (&["token", "mint"], &["--sub", "--ttl", "--database"]),
        (&["save"], &["--provider", "--discover"]),
        (&["check"], &["--all", "--refresh"]),
    ];
    for (command, own) in cases {
        for help in ["-h", "--help"] {
            let out = bin(&home).args(*command).arg(help).assert().success();
            let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
            let heading = text
                .find("\nGlobal options:\n")
                .unwrap_or_else(|| panic!("{command:?} {help}: no Global options heading\n{text}"));
            // Where the option's own line is (`  -o, --output <FORMAT>  …`).
            let position = |flag: &str| {
                let mut at = 0;
                for line in text.split_inclusive('\n') {
                    let words = line.trim();
                    if words.starts_with('-')
                        && words
                            .split([' ', ','])
                            .take_while(|w| w.starts_with('-') || w.is_empty())
                            .any(|w| w == flag)
                    {
                        return at;
                    }
                    at += line.len();
                }
                panic!("{command:?} {help}: {flag} missing\n{text}")
            };
            for flag in *own {
                assert!(
                    position(flag) < heading,
                    "{command:?} {help}: {flag} after the heading"
                );
            }
            for flag in GLOBAL {
                assert!(
                    position(flag) > heading,
                    "{command:?} {help}: {flag} before the heading"
                );
            }
        }
    }
    let bash = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/jwksctl.bash"),
    )
    .unwrap();
    for flag in GLOBAL
        .iter()
        .chain(["--aud", "--jwks", "--sub", "--discover", "--all"].iter())
    {
        assert!(bash.contains(flag), "the bash completion offers {flag}");
    }
}

/// Typed flags fail before anything runs, exit 2, the message naming where
/// the bad value came from: the flag, or the variable (never blaming the
/// flag for a variable), in the one duration grammar.
#[test]
fn typed_flags_fail_at_parse_time() {
    let home = tempfile::tempdir().unwrap();
    for (args, env, message) in [
        (
            &["--timeout", "0s", "list"][..],
            None,
            "invalid value '0s' for '--timeout <DURATION>': must be more than zero",
        ),
        (
            &["list"][..],
            Some(("JWKSCTL_TIMEOUT", "soon")),
            "error: invalid value 'soon' for the variable JWKSCTL_TIMEOUT: \"soon\" is not a duration (units: s, m, h, d, w, y (365.25 days), combined as in 1h30m)\n",
        ),
        (
            &["list"][..],
            Some(("JWKSCTL_TIMEOUT", "abc")),
            "the variable JWKSCTL_TIMEOUT",
        ),
        (
            &["--timeout", "500ms", "list"][..],
            None,
            "invalid value '500ms' for '--timeout <DURATION>': unknown unit \"ms\"",
        ),
        (
            &["token", "mint", "--ttl", "1months"][..],
            None,
            "invalid value '1months' for '--ttl <DURATION|never>': unknown unit \"months\" in \"1months\" (units: s, m, h, d, w, y (365.25 days), combined as in 1h30m)\n",
        ),
        (
            &["token", "verify", "x", "--leeway", "10"][..],
            None,
            "invalid value '10' for '--leeway <DURATION>': a unit is needed: 10s, 10m, 10h or 10d\n",
        ),
        (
            &["--timeout", "5", "list"][..],
            None,
            "invalid value '5' for '--timeout <DURATION>': a unit is needed: 5s, 5m, 5h or 5d\n",
        ),
        (
            &["list"][..],
            Some(("JWKSCTL_REGISTRY", "s3")),
            "invalid value 's3' for the variable JWKSCTL_REGISTRY: expected local or turso",
        ),
        (
            &["--registry", "s3", "list"][..],
            None,
            "invalid value 's3' for '--registry <REGISTRY>'\n  [possible values: local, turso]",
        ),
        (
            &["--color", "rainbow", "list"][..],
            None,
            "invalid value 'rainbow' for '--color <WHEN>'",
        ),
    ] {
        let mut cmd = common::jwksctl(home.path());
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        cmd.args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicates::str::contains(message))
            .stderr(
                predicates::str::contains("--timeout")
                    .count(usize::from(args.contains(&"--timeout"))),
            );
    }
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
}

/// A `JWKSCTL_*` variable set never makes its option look required in a
/// usage line, an empty one is not shown as `[env: X=]`, and with `-o json`
/// clap's "a similar argument exists" tip is the error's hint.
#[test]
fn variables_stay_out_of_usage_lines_and_tips_reach_json() {
    let home = tempfile::tempdir().unwrap();
    common::jwksctl(home.path())
        .env("JWKSCTL_TIMEOUT", "5s")
        .env("JWKSCTL_ORG", "")
        .arg("save")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "Usage: jwksctl save <NAME> [URL]\n",
        ));
    common::jwksctl(home.path())
        .env("JWKSCTL_TIMEOUT", "")
        .args(["save", "--help"])
        .assert()
        .success()
        .stdout(predicates::str::contains("[env: JWKSCTL_TIMEOUT]"))
        .stdout(predicates::str::contains("JWKSCTL_TIMEOUT=").not())
        .stdout(predicates::str::contains("JWKSCTL_HOME=").not());
    let out = common::jwksctl(home.path())
        .args(["token", "verify", "x", "--aux", "a", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["error"]["hint"], "a similar argument exists: '--aud'");
}

/// Each command's help lists only the `-o` formats it prints, and clap
/// refuses the others with its own message; `-o` before the command still
/// works for every format the command takes.
#[test]
fn each_command_lists_its_own_output_formats() {
    let home = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["template"], "json, yaml"),
        (&["list"], "table, json, yaml"),
        (&["check"], "table, json, yaml"),
        (&["providers"], "table, json, yaml"),
        (&["save"], "text, json, yaml"),
        (&["token", "verify"], "text, json, yaml"),
        (&["token", "mint"], "text, json, yaml"),
        (&["keys", "jwks"], "json, yaml"),
        (&["keys", "serve"], "text"),
        (&["config", "show"], "table, text, json, yaml"),
        (&["completions"], "text"),
    ];
    for (command, formats) in cases {
        let out = common::jwksctl(home.path())
            .args(*command)
            .arg("--help")
            .output()
            .unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(
            help.contains(&format!("[possible values: {formats}]")),
            "{command:?}: {help}"
        );
    }
    common::jwksctl(home.path())
        .args(["template", "-d", "x", "-o", "table"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::starts_with(
            "error: invalid value 'table' for '--output <FORMAT>'\n  [possible values: json, yaml]",
        ));
    common::jwksctl(home.path())
        .args(["-o", "yaml", "template", "-d", "x"])
        .assert()
        .success()
        .stdout("a: rw\nid: x\nperm: []\n");
    common::jwksctl(home.path())
        .args(["template", "-d", "x", "-o", "yaml"])
        .assert()
        .success()
        .stdout("a: rw\nid: x\nperm: []\n");
}
