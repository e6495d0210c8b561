//! The interactive template builder, driven in a pseudo-terminal: its result
//! must equal the output of the equivalent flags, and it must print that
//! command line on stderr.

use crate::common;

use common::jwksctl_std;

use rexpect::session::spawn_command;

/// Run `jwksctl template EXTRA…` in a pty, answering prompts: each step waits
/// for a prompt text, then sends keys. Returns everything the terminal showed.
fn drive(extra: &[&str], steps: &[(&str, &str)]) -> String {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = jwksctl_std(home.path());
    cmd.arg("template")
        .args(extra)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(20_000)).unwrap();
    for (prompt, keys) in steps {
        p.exp_string(prompt)
            .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
        p.send(keys).unwrap();
        p.flush().unwrap();
    }
    let rest = p.exp_eof().unwrap();
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
    rest
}

fn flags_output(args: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl_std(home.path())
        .arg("template")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .trim_end()
        .to_string()
}

#[test]
fn database_with_table_rules_matches_flags() {
    let screen = drive(
        &[],
        &[
            ("Grant access to", "\r"),
            ("Database name", "mydb\r"),
            ("Scope", "\r"),
            ("Add a table permission rule?", "y"),
            ("Table", "comments\r"),
            // data_read is first; move to data_add and data_update and select both.
            ("Actions", "j j \r"),
            ("Add a table permission rule?", "y"),
            ("Table", "all\r"),
            ("Actions", " \r"),
            ("Add a table permission rule?", "n"),
        ],
    );
    let expected = flags_output(&[
        "-d",
        "mydb",
        "-p",
        "comments:data_add,data_update",
        "-p",
        "all:data_read",
    ]);
    assert!(
        screen.lines().any(|l| l.trim_end() == expected),
        "result {expected} not in:\n{screen}"
    );
    assert!(
        screen.contains(
            "equivalent command: jwksctl template -d mydb -p comments:data_add,data_update -p all:data_read"
        ),
        "{screen}"
    );
}

#[test]
fn read_only_group_matches_flags() {
    let screen = drive(
        &["--pretty"],
        &[
            ("Grant access to", "j\r"),
            ("Group name", "prod\r"),
            ("Scope", "j\r"),
            ("Add a table permission rule?", "n"),
        ],
    );
    let expected = flags_output(&["-g", "prod", "-s", "read-only", "--pretty"]);
    let screen = screen.replace("\r\n", "\n");
    assert!(
        screen.contains(&expected),
        "result {expected} not in:\n{screen}"
    );
    assert!(
        screen.contains("equivalent command: jwksctl template -g prod -s read-only --pretty"),
        "{screen}"
    );
}

#[test]
fn invalid_name_is_asked_again() {
    let screen = drive(
        &[],
        &[
            ("Grant access to", "\r"),
            ("Database name", "my db\r"),
            ("a space at position 3", "mydb\r"),
            ("Scope", "\r"),
            ("Add a table permission rule?", "n"),
        ],
    );
    assert!(
        screen.contains(r#"{"a":"rw","id":"mydb","perm":[]}"#),
        "{screen}"
    );
}

#[test]
fn libsql_builder_matches_flags() {
    let screen = drive(
        &["--dialect", "libsql"],
        &[
            ("Databases (namespaces", "a, b\r"),
            ("ATTACH", "c\r"),
            ("Scope", "\r"),
        ],
    );
    let expected = flags_output(&["--dialect", "libsql", "-d", "a", "-d", "b", "--attach", "c"]);
    assert!(
        screen.lines().any(|l| l.trim_end() == expected),
        "result {expected} not in:\n{screen}"
    );
    assert!(
        screen
            .contains("equivalent command: jwksctl template --dialect libsql -d a -d b --attach c"),
        "{screen}"
    );
}

/// `remove` asks in a terminal; "n" keeps the entry, "y" removes it.
#[test]
fn remove_asks_for_confirmation_in_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let status = jwksctl_std(home.path())
        .args([
            "save",
            "Clerk Production",
            "https://example.com/jwks.json",
            "--no-check",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let registry = home.path().join("config/registry.json");
    for (answer, kept) in [("n", true), ("y", false)] {
        let mut cmd = jwksctl_std(home.path());
        cmd.args(["remove", "Clerk Production"])
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        let mut p = spawn_command(cmd, Some(20_000)).unwrap();
        p.exp_string("Remove \"Clerk Production\" (https://example.com/jwks.json)")
            .unwrap();
        p.send(answer).unwrap();
        p.flush().unwrap();
        p.exp_eof().unwrap();
        let text = std::fs::read_to_string(&registry).unwrap();
        assert_eq!(text.contains("Clerk Production"), kept, "after {answer:?}");
    }
}

/// `keys remove` asks in a terminal; "n" keeps the key (exit 1, "nothing
/// removed"), "y" deletes its file.
#[test]
fn keys_remove_asks_for_confirmation_in_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let status = jwksctl_std(home.path())
        .args(["keys", "generate", "--kid", "dev"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let file = home.path().join("data/keys/dev.json");
    assert!(file.exists());
    for (answer, kept) in [("n", true), ("y", false)] {
        let mut cmd = jwksctl_std(home.path());
        cmd.args(["keys", "remove", "dev"])
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        let mut p = spawn_command(cmd, Some(20_000)).unwrap();
        p.exp_string("Delete EdDSA key dev? Tokens it signed can no longer be verified locally")
            .unwrap();
        p.send(answer).unwrap();
        p.flush().unwrap();
        let rest = p.exp_eof().unwrap();
        if kept {
            assert!(rest.contains("nothing removed"), "{rest:?}");
        } else {
            assert!(rest.contains("removed dev"), "{rest:?}");
        }
        assert_eq!(file.exists(), kept, "after {answer:?}");
    }
}

/// `token verify` with no token on a terminal asks for one, naming itself in
/// the hint (not `token decode`); exit 2 without waiting for input.
#[test]
fn token_commands_without_a_token_on_a_terminal_hint_themselves() {
    for command in ["decode", "verify"] {
        let home = tempfile::tempdir().unwrap();
        let mut cmd = jwksctl_std(home.path());
        cmd.args(["token", command])
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        let mut p = spawn_command(cmd, Some(20_000)).unwrap();
        p.exp_string("give a token, or pipe one on stdin").unwrap();
        p.exp_string(&format!("jwksctl token {command} \"$TOKEN\""))
            .unwrap();
        p.exp_eof().unwrap();
    }
}

/// `config set` over an invalid config.yaml asks in a terminal: "n" leaves
/// the file as it is, "y" rewrites it keeping the old one as .bak.
#[test]
fn config_set_asks_before_replacing_an_invalid_file() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("config/config.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "org: [unclosed\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            file.parent().unwrap(),
            std::fs::Permissions::from_mode(0o700),
        )
        .unwrap();
    }
    for (answer, replaced) in [("n", false), ("y", true)] {
        let mut cmd = jwksctl_std(home.path());
        cmd.args(["config", "set", "timeout", "5s"])
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        let mut p = spawn_command(cmd, Some(20_000)).unwrap();
        p.exp_string("(kept as config.yaml.bak) with one holding only this change?")
            .unwrap();
        p.send(answer).unwrap();
        p.flush().unwrap();
        p.exp_eof().unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(
            text.contains("timeout: 5s"),
            replaced,
            "after {answer:?}: {text}"
        );
        assert_eq!(
            home.path().join("config/config.yaml.bak").exists(),
            replaced
        );
    }
}
