//! Completion: the scripts committed under `completions/` must match what the
//! CLI generates (regenerate them with `scripts/regen.sh`), and the binary,
//! asked through the protocol those scripts use (`JWKSCTL_COMPLETE=SHELL
//! jwksctl -- WORDS…`), completes registry entry names, key ids and presets
//! from the home the command line names, in every shell.

use crate::common;

use std::path::Path;

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
        // A script that asks jwksctl for the candidates (see below).
        assert!(
            generated.contains("JWKSCTL_COMPLETE")
                && (generated.contains("jwksctl\" -- ") || generated.contains("jwksctl -- ")),
            "{shell} script calls jwksctl back: {generated}"
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
    // The completion offers every option, global ones included.
    let offered = candidates(home.path(), home.path(), "bash", &["token", "verify", "--"]);
    for flag in GLOBAL
        .iter()
        .chain(["--aud", "--jwks", "--sub", "--leeway"].iter())
    {
        assert!(
            offered.iter().any(|c| c == flag),
            "bash offers {flag}: {offered:?}"
        );
    }
    let offered = candidates(home.path(), home.path(), "bash", &["check", "--a"]);
    assert_eq!(offered, ["--all", "--api-url"]);
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

/// Every shell the completion scripts are made for.
const SHELL_NAMES: &[&str] = &["bash", "zsh", "fish", "elvish", "powershell"];

/// The completion request SHELL's script makes for the command line
/// `jwksctl WORDS…` with the cursor at the end of the last word, run in `cwd`.
pub fn request(home: &Path, cwd: &Path, shell: &str, words: &[&str]) -> std::process::Output {
    let mut cmd = common::jwksctl_std(home);
    cmd.current_dir(cwd)
        .env("JWKSCTL_COMPLETE", shell)
        .args(["--", "jwksctl"])
        .args(words);
    // What each script passes besides the words (clap_complete's
    // src/env/shells.rs): the index of the word under the cursor and the
    // separator of the answer; fish and PowerShell complete the last word.
    match shell {
        "bash" => {
            cmd.env("_CLAP_COMPLETE_INDEX", words.len().to_string())
                .env("_CLAP_IFS", "\u{b}")
                .env("_CLAP_COMPLETE_COMP_TYPE", "9")
                .env("_CLAP_COMPLETE_SPACE", "false");
        }
        "zsh" | "elvish" => {
            cmd.env("_CLAP_COMPLETE_INDEX", words.len().to_string())
                .env("_CLAP_IFS", "\n");
        }
        _ => {}
    }
    cmd.output().unwrap()
}

/// The candidates (values only) SHELL gets for `jwksctl WORDS…`; the
/// request must succeed silently.
pub fn candidates(home: &Path, cwd: &Path, shell: &str, words: &[&str]) -> Vec<String> {
    let out = request(home, cwd, shell, words);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{shell} {words:?}: {stdout}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "{shell} {words:?}: nothing on stderr"
    );
    let separator = if shell == "bash" { '\u{b}' } else { '\n' };
    stdout
        .split(separator)
        .filter(|line| !line.is_empty())
        .map(|line| match shell {
            // value:help, `:` in the value escaped as `\:`.
            "zsh" => {
                let mut value = String::new();
                let mut chars = line.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => value.extend(chars.next()),
                        ':' => break,
                        c => value.push(c),
                    }
                }
                value
            }
            "fish" | "powershell" => line.split('\t').next().unwrap().to_string(),
            _ => line.to_string(),
        })
        .collect()
}

/// A home with two registry entries and one key, and a working directory
/// with two files.
fn populated() -> (tempfile::TempDir, tempfile::TempDir) {
    let home = tempfile::tempdir().unwrap();
    for (name, url) in [
        ("clerk", "https://clerk.example/.well-known/jwks.json"),
        ("auth0-prod", "https://auth0.example/.well-known/jwks.json"),
    ] {
        common::jwksctl(home.path())
            .args(["save", name, url, "--no-check"])
            .assert()
            .success();
    }
    common::jwksctl(home.path())
        .args(["keys", "generate", "--kid", "dev-key"])
        .assert()
        .success();
    let cwd = tempfile::tempdir().unwrap();
    std::fs::write(cwd.path().join("jwks.json"), "{}").unwrap();
    std::fs::write(cwd.path().join("notes.txt"), "").unwrap();
    (home, cwd)
}

/// Entry names (`remove`, `check`, `--jwks`), key ids (`keys export`,
/// `token mint --key`), presets (`save --provider`, never file names) and
/// config keys, from the user's own home, in every shell.
#[test]
fn completes_entry_names_key_ids_and_presets_in_every_shell() {
    let (home, cwd) = populated();
    let (h, c) = (home.path(), cwd.path());
    for shell in SHELL_NAMES {
        let has = |words: &[&str], wanted: &[&str], unwanted: &[&str]| {
            let got = candidates(h, c, shell, words);
            for w in wanted {
                assert!(
                    got.iter().any(|g| g == w),
                    "{shell} {words:?}: {w} in {got:?}"
                );
            }
            for u in unwanted {
                assert!(
                    !got.iter().any(|g| g == u),
                    "{shell} {words:?}: {u} in {got:?}"
                );
            }
        };
        let exactly = |words: &[&str], wanted: &[&str]| {
            assert_eq!(candidates(h, c, shell, words), wanted, "{shell} {words:?}");
        };
        has(
            &["remove", ""],
            &["clerk", "auth0-prod"],
            &["jwks.json", "dev-key"],
        );
        exactly(&["remove", "cl"], &["clerk"]);
        has(
            &["check", ""],
            &["clerk", "auth0-prod", "jwks.json"],
            &["dev-key"],
        );
        exactly(&["check", "clerk", "au"], &["auth0-prod"]);
        exactly(&["check", "jw"], &["jwks.json"]);
        exactly(&["token", "verify", "t", "--jwks", "au"], &["auth0-prod"]);
        exactly(&["token", "verify", "t", "--jwks=cl"], &["--jwks=clerk"]);
        has(&["keys", "export", ""], &["dev-key"], &["clerk"]);
        exactly(&["keys", "export", "d"], &["dev-key"]);
        exactly(&["keys", "remove", "d"], &["dev-key"]);
        exactly(&["token", "mint", "--key", "d"], &["dev-key"]);
        has(
            &["save", "x", "--provider", ""],
            &["clerk", "auth0", "keycloak", "azure-ad"],
            &["jwks.json", "notes.txt", "auth0-prod"],
        );
        exactly(&["save", "x", "--provider", "key"], &["keycloak"]);
        exactly(&["config", "set", "max"], &["max_stale"]);
        // --home on the command line wins over JWKSCTL_HOME.
        let other = tempfile::tempdir().unwrap();
        common::jwksctl(other.path())
            .args(["save", "okta", "https://okta.example/jwks", "--no-check"])
            .assert()
            .success();
        let other_home = other.path().to_str().unwrap();
        exactly(&["--home", other_home, "remove", "o"], &["okta"]);
        exactly(&["remove", "--home", other_home, "c"], &[]);
        exactly(&["remove", &format!("--home={other_home}"), "o"], &["okta"]);
    }
    // Shells that show descriptions get the entry's URL and the key's algorithm.
    let out = request(h, c, "fish", &["remove", "cl"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "clerk\thttps://clerk.example/.well-known/jwks.json\n"
    );
    let out = request(h, c, "zsh", &["token", "mint", "--key", "d"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "dev-key:EdDSA (default)"
    );
}

/// Bash inserts a candidate as it is: a name with a space comes escaped, so
/// it stays one word.
#[test]
fn bash_gets_names_with_spaces_escaped() {
    let home = tempfile::tempdir().unwrap();
    common::jwksctl(home.path())
        .args([
            "save",
            "Clerk Production",
            "https://clerk.example/jwks",
            "--no-check",
        ])
        .assert()
        .success();
    let h = home.path();
    assert_eq!(
        candidates(h, h, "bash", &["remove", "Cl"]),
        [r"Clerk\ Production"]
    );
    assert_eq!(
        candidates(h, h, "bash", &["remove", r"Clerk\ P"]),
        [r"Clerk\ Production"]
    );
    assert_eq!(
        candidates(h, h, "fish", &["remove", "Cl"]),
        ["Clerk Production"]
    );
    assert_eq!(
        candidates(h, h, "zsh", &["remove", "Cl"]),
        ["Clerk Production"]
    );
}

/// A missing home, an unreadable registry, a home that is a file, a key
/// store others can write: no candidates, nothing on stderr, exit 0, and
/// nothing created.
#[test]
fn completion_is_silent_on_a_broken_or_missing_home() {
    let base = tempfile::tempdir().unwrap();
    let missing = base.path().join("missing");
    let file = base.path().join("file");
    std::fs::write(&file, "not a directory").unwrap();
    let garbage = base.path().join("garbage");
    std::fs::create_dir_all(garbage.join("config")).unwrap();
    std::fs::write(garbage.join("config/registry.json"), "{not json").unwrap();
    std::fs::write(garbage.join("config/config.yaml"), "registry: [").unwrap();
    let open = base.path().join("open");
    std::fs::create_dir_all(open.join("data/keys")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            open.join("data/keys"),
            std::fs::Permissions::from_mode(0o777),
        )
        .unwrap();
    }
    std::fs::write(open.join("data/keys/k1.json"), "{}").unwrap();
    for home in [&missing, &file, &garbage, &open] {
        for shell in SHELL_NAMES {
            for words in [
                &["remove", "c"][..],
                &["check", "c"],
                &["token", "verify", "t", "--jwks", "c"],
                &["keys", "export", "k"],
                &["token", "mint", "--key", "k"],
            ] {
                assert_eq!(
                    candidates(home, base.path(), shell, words),
                    Vec::<String>::new(),
                    "{} {shell} {words:?}",
                    home.display()
                );
            }
        }
    }
    assert!(!missing.exists(), "completion created the home");
    // The turso registry without an organization or a token: no candidates either.
    let out = request(
        &missing,
        base.path(),
        "bash",
        &["--registry", "turso", "remove", "c"],
    );
    assert_eq!(
        (out.status.code(), &out.stdout[..], &out.stderr[..]),
        (Some(0), &b""[..], &b""[..])
    );
}

/// `JWKSCTL_COMPLETE=SHELL jwksctl` prints the script `completions SHELL`
/// prints (and `completions/` holds), calling the binary it was run as;
/// empty or `0` means a normal run; another shell is a usage error.
#[test]
fn the_variable_prints_the_committed_script_or_is_ignored() {
    let home = tempfile::tempdir().unwrap();
    let program = common::jwksctl_std(home.path()).get_program().to_owned();
    let binary = program.to_str().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in SHELLS {
        let out = bin(&home).env("JWKSCTL_COMPLETE", shell).assert().success();
        let printed = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(
            printed.contains(binary),
            "{shell} calls the binary it was run as"
        );
        let committed = std::fs::read_to_string(dir.join(file)).unwrap();
        assert_eq!(
            printed
                .replace(&format!("'{binary}'"), "jwksctl")
                .replace(&format!("\"{binary}\""), "\"jwksctl\"")
                .replace(binary, "jwksctl"),
            committed,
            "{shell}"
        );
    }
    for off in ["", "0"] {
        bin(&home)
            .env("JWKSCTL_COMPLETE", off)
            .args(["providers", "-o", "json"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("["));
    }
    bin(&home)
        .env("JWKSCTL_COMPLETE", "tcsh")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("unknown shell `tcsh`"));
}

/// Run `program` in SHELL (its arguments first) with the `jwksctl` under
/// test first on PATH, in the populated home and working directory; `None`
/// when the shell is not installed.
fn in_shell(shell: &str, args: &[&str], program: &str, home: &Path, cwd: &Path) -> Option<String> {
    if common::scrubbed(shell).arg("--version").output().is_err() {
        eprintln!("{shell} not installed: skipped");
        return None;
    }
    let bin_dir = tempfile::tempdir().unwrap();
    let binary = common::jwksctl_std(home).get_program().to_owned();
    #[cfg(unix)]
    std::os::unix::fs::symlink(binary, bin_dir.path().join("jwksctl")).unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = common::scrubbed(shell)
        .args(args)
        .arg(program)
        .env("PATH", &path)
        .env("JWKSCTL_HOME", home)
        .current_dir(cwd)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{shell}: {program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

/// The committed script for `file`.
fn committed(file: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("completions")
        .join(file)
        .display()
        .to_string()
}

/// The committed bash script, sourced in a real bash: its function asks the
/// `jwksctl` on PATH and fills COMPREPLY.
#[test]
fn the_committed_bash_script_completes_in_bash() {
    let (home, cwd) = populated();
    let script = committed("jwksctl.bash");
    let run = |line: &str| {
        let words: Vec<&str> = line.split(' ').collect();
        let program = format!(
            "source {script}\ncomplete -p jwksctl >/dev/null || exit 9\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE='{line}'\nCOMP_POINT=${{#COMP_LINE}}\n_clap_complete_jwksctl jwksctl '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
            words
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(" "),
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        in_shell(
            "bash",
            &["--norc", "--noprofile", "-c"],
            &program,
            home.path(),
            cwd.path(),
        )
    };
    if run("jwksctl tok").is_none() {
        return;
    }
    assert_eq!(run("jwksctl tok").unwrap(), "token\n");
    assert_eq!(run("jwksctl remove cl").unwrap(), "clerk\n");
    assert_eq!(run("jwksctl keys export d").unwrap(), "dev-key\n");
    assert_eq!(run("jwksctl save x --provider key").unwrap(), "keycloak\n");
    assert_eq!(run("jwksctl check a").unwrap(), "auth0-prod\n");
}

/// The committed fish script in a real fish (`complete -C` asks for the
/// candidates of a command line, as a TAB does).
#[test]
fn the_committed_fish_script_completes_in_fish() {
    let (home, cwd) = populated();
    let script = committed("jwksctl.fish");
    let run = |line: &str| {
        let program = format!("source {script}; complete -C '{line}'");
        in_shell(
            "fish",
            &["--no-config", "-c"],
            &program,
            home.path(),
            cwd.path(),
        )
    };
    let Some(out) = run("jwksctl remove cl") else {
        return;
    };
    assert_eq!(out, "clerk\thttps://clerk.example/.well-known/jwks.json\n");
    assert_eq!(
        run("jwksctl token mint --key d").unwrap(),
        "dev-key\tEdDSA (default)\n"
    );
    assert_eq!(
        run("jwksctl save x --provider key").unwrap(),
        "keycloak\tKeycloak\n"
    );
}

/// The committed zsh script in a real zsh, both ways it is installed:
/// autoloaded from `$fpath` as `_jwksctl` (its first run must complete the
/// TAB that loaded it) and sourced. zsh's completion system needs a
/// terminal, so `compdef` and `_describe` are stand-ins that print what
/// they are given.
#[test]
fn the_committed_zsh_script_completes_in_zsh() {
    let (home, cwd) = populated();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let stubs = "compdef() { print -r -- \"compdef $*\" }\n_describe() { shift 2; for a in \"${(@P)1}\"; do print -r -- \"$a\"; done }";
    let autoloaded = format!(
        "fpath=({} $fpath)\nautoload -U _jwksctl\n{stubs}\nwords=(jwksctl remove cl)\nCURRENT=3\n_jwksctl",
        dir.display()
    );
    let Some(out) = in_shell("zsh", &["-f", "-c"], &autoloaded, home.path(), cwd.path()) else {
        return;
    };
    assert_eq!(
        out,
        "compdef _clap_dynamic_completer_jwksctl jwksctl\nclerk:https://clerk.example/.well-known/jwks.json\n"
    );
    let sourced = format!(
        "{stubs}\nsource {}\nwords=(jwksctl keys export d)\nCURRENT=4\n_clap_dynamic_completer_jwksctl",
        committed("_jwksctl")
    );
    let out = in_shell("zsh", &["-f", "-c"], &sourced, home.path(), cwd.path()).unwrap();
    assert_eq!(
        out,
        "compdef _clap_dynamic_completer_jwksctl jwksctl\ndev-key:EdDSA (default)\n"
    );
}
