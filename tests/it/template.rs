//! `jwksctl template` through the real binary: every documented claim-flag row (docs/templates.md) with short
//! and long flags, formats, every refused input, and provider renderings proven
//! by running them (node).

use std::path::Path;

use crate::common;

use assert_cmd::Command;
use common::node;
use predicates::prelude::*;
use serde_json::{Map, Value};

fn jwksctl(home: &Path) -> Command {
    common::jwksctl(home)
}

fn stdout_of(args: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path()).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn claims_of(args: &[&str]) -> Map<String, Value> {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

/// (short form, long form, exact stdout without the newline)
const FLAG_ROWS: &[(&str, &str, &str)] = &[
    (
        "-d mydb",
        "--database mydb",
        r#"{"a":"rw","id":"mydb","perm":[]}"#,
    ),
    (
        "-d mydb -s read-only",
        "--database mydb --scope read-only",
        r#"{"a":"ro","id":"mydb","perm":[]}"#,
    ),
    (
        "-g prod -s read-only",
        "--group prod --scope read-only",
        r#"{"a":"ro","gid":"prod","perm":[]}"#,
    ),
    (
        "-d mydb -p all:data_read -p comments:data_add,data_update",
        "--database mydb --permissions all:data_read --permissions comments:data_add,data_update",
        r#"{"a":"rw","id":"mydb","perm":[{"a":["data_read"],"t":null},{"a":["data_add","data_update"],"t":["comments"]}]}"#,
    ),
    (
        "--dialect libsql -d a",
        "--dialect libsql --database a",
        r#"{"p":{"rw":{"ns":["a"]}}}"#,
    ),
    (
        "--dialect libsql -d a -d b -s read-only",
        "--dialect libsql --database a --database b --scope read-only",
        r#"{"p":{"ro":{"ns":["a","b"]}}}"#,
    ),
    (
        "--dialect libsql -d a --attach b",
        "--dialect=libsql --database=a --attach=b",
        r#"{"p":{"roa":{"ns":["b"]},"rw":{"ns":["a"]}}}"#,
    ),
];

#[test]
fn spec_rows_print_exactly_with_short_and_long_flags() {
    for (short, long, expected) in FLAG_ROWS {
        for form in [short, long] {
            let mut args = vec!["template"];
            args.extend(form.split(' '));
            let home = tempfile::tempdir().unwrap();
            jwksctl(home.path())
                .args(&args)
                .assert()
                .success()
                .stdout(format!("{expected}\n"))
                .stderr("");
            // Nothing is written by an offline template.
            assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
        }
    }
}

#[test]
fn global_options_work_after_and_before_the_subcommand() {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["-o", "yaml", "template", "-d", "mydb"])
        .assert()
        .success()
        .stdout("a: rw\nid: mydb\nperm: []\n");
    jwksctl(home.path())
        .args(["template", "-d", "mydb", "--output", "json", "-q"])
        .assert()
        .success()
        .stdout("{\"a\":\"rw\",\"id\":\"mydb\",\"perm\":[]}\n");
}

#[test]
fn merging_deduplicates_and_orders_actions_canonically() {
    let out = stdout_of(&[
        "template",
        "-d",
        "mydb",
        "-p",
        "comments:schema_delete,data_read",
        "-p",
        "posts:data_add",
        "-p",
        "comments:data_read,data_add",
    ]);
    assert_eq!(
        out,
        "{\"a\":\"rw\",\"id\":\"mydb\",\"perm\":[{\"a\":[\"data_read\",\"data_add\",\"schema_delete\"],\"t\":[\"comments\"]},{\"a\":[\"data_add\"],\"t\":[\"posts\"]}]}\n"
    );
}

#[test]
fn yaml_and_pretty_carry_the_same_claims() {
    for (short, _, expected) in FLAG_ROWS {
        let mut base = vec!["template"];
        base.extend(short.split(' '));
        let expected: Value = serde_json::from_str(expected).unwrap();

        let yaml = stdout_of(&[base.as_slice(), &["-o", "yaml"]].concat());
        let from_yaml: Value = yaml_serde::from_str(&yaml).unwrap();
        assert_eq!(from_yaml, expected, "yaml for {short}");

        let pretty = stdout_of(&[base.as_slice(), &["--pretty"]].concat());
        assert!(pretty.contains("\n  "), "indented: {pretty}");
        assert!(pretty.ends_with("}\n") && !pretty.ends_with("\n\n"));
        let from_pretty: Value = serde_json::from_str(&pretty).unwrap();
        assert_eq!(from_pretty, expected, "pretty for {short}");
    }
}

/// (args, exit code, a fragment the error must contain)
const REFUSED: &[(&[&str], i32, &str)] = &[
    (
        &["-d", "a", "-g", "b"],
        2,
        "--database and --group cannot be used together",
    ),
    (&[], 2, "either --database or --group must be specified"),
    (
        &["-d", "mydb", "-p", "comments"],
        2,
        "permission rule \"comments\" has no ':'",
    ),
    (
        &["-d", "mydb", "-p", ":data_read"],
        2,
        "has no table before ':'",
    ),
    (
        &["-d", "mydb", "-p", "comments:"],
        2,
        "has no action after ':'",
    ),
    (
        &["-d", "mydb", "-p", "comments:data_insert"],
        2,
        "unknown action \"data_insert\" in permission rule \"comments:data_insert\"; valid actions: data_read, data_add, data_update, data_delete, schema_add, schema_update, schema_delete",
    ),
    (
        &["-d", "my db"],
        2,
        "invalid database name \"my db\": a space at position 3",
    ),
    (
        &["-d", "a\"b"],
        2,
        "invalid database name \"a\\\"b\": the character '\"' at position 2",
    ),
    (&["-d", "a/b"], 2, "the character '/' at position 2"),
    (&["-d", ""], 2, "invalid database name \"\": it is empty"),
    (
        &["-d", "x", "--scope", "write"],
        2,
        "invalid value 'write' for '--scope",
    ),
    (
        &["-d", "x", "-s", "read-only", "-p", "all:data_add"],
        2,
        "--scope read-only contradicts action data_add on table all",
    ),
    (
        &["--dialect", "libsql", "-g", "prod"],
        2,
        "sqld has no groups",
    ),
    (
        &["--dialect", "libsql", "-d", "a", "-p", "all:data_read"],
        2,
        "sqld has no table-level permissions",
    ),
    (
        &["--dialect", "libsql"],
        2,
        "--dialect libsql needs at least one --database",
    ),
    (
        &["-d", "a", "--attach", "b"],
        2,
        "--attach is only for --dialect libsql",
    ),
    (
        &["-d", "a", "-d", "b"],
        2,
        "the turso dialect takes one --database",
    ),
    (&["-g", "a b"], 2, "invalid group name"),
    (
        &["-d", "x", "-p", "bad table:data_read"],
        2,
        "invalid table name",
    ),
    (
        &["-d", "mydb", "--provider", "auth0", "-o", "yaml"],
        2,
        "-o yaml cannot be used with --provider auth0",
    ),
    (
        &["-d", "mydb", "--provider", "supabase", "-o", "yaml"],
        2,
        "--provider supabase",
    ),
    (
        &["-d", "mydb", "--provider", "firebase", "-o", "yaml"],
        2,
        "--provider firebase",
    ),
    (
        &["-d", "mydb", "-o", "table"],
        2,
        "invalid value 'table' for '--output <FORMAT>'\n  [possible values: json, yaml]",
    ),
    (
        &["-d", "mydb", "--provider", "okta"],
        2,
        "invalid value 'okta'",
    ),
];

#[test]
fn refused_inputs_name_the_problem_and_print_nothing_on_stdout() {
    for (args, code, fragment) in REFUSED {
        let home = tempfile::tempdir().unwrap();
        let assert = jwksctl(home.path())
            .arg("template")
            .args(*args)
            // Not a terminal: the builder must never start.
            .write_stdin("")
            .assert()
            .code(*code);
        // Nothing on stdout, except with -o yaml: the error as a document.
        let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        if args.contains(&"yaml") {
            let doc: serde_json::Value = yaml_serde::from_str(&stdout).unwrap();
            assert_eq!(doc["error"]["kind"], "usage", "{args:?}");
        } else {
            assert_eq!(stdout, "", "{args:?}");
        }
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            stderr.contains(fragment),
            "args {args:?}: stderr {stderr:?} lacks {fragment:?}"
        );
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
    }
}

#[test]
fn firebase_limit_is_a_failure() {
    let mut args = vec!["template".to_string(), "-d".into(), "mydb".into()];
    for i in 0..40 {
        args.push("-p".into());
        args.push(format!("table_number_{i}:data_read,data_add,data_update"));
    }
    args.extend(["--provider".into(), "firebase".into()]);
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(&args)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "Firebase allows at most 1000 bytes of custom claims",
        ));
}

const TEMPLATE_CASES: &[&[&str]] = &[
    &["-d", "mydb"],
    &["-g", "prod", "-s", "read-only", "-p", "all:data_read"],
    &[
        "-d",
        "mydb",
        "-p",
        "all:data_read",
        "-p",
        "comments:data_add,data_update",
    ],
    &["--dialect", "libsql", "-d", "a", "--attach", "b"],
];

#[test]
fn auth0_action_sets_exactly_the_template_claims_in_node() {
    node::require();
    for case in TEMPLATE_CASES {
        let expected = claims_of(&[&["template"], *case].concat());
        let action = stdout_of(&[&["template"], *case, &["--provider", "auth0"]].concat());
        assert_eq!(node::auth0_claims(&action), expected, "case {case:?}");
    }
}

/// The Dashboard path the generated Action gives is the one docs/auth0.md
/// gives (they once disagreed; the terminal's paste hint is pinned
/// to the same path in `claims::providers`' unit tests).
#[test]
fn auth0_dashboard_steps_agree_with_the_docs() {
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path())
        .args(["template", "-d", "mydb", "--provider", "auth0"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/auth0.md"),
    )
    .unwrap();
    // Markdown and comment line breaks are not part of the path.
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let path = "Actions > Library > Create Action > Build from scratch";
    assert!(
        flat(&docs).contains(&format!("**{path}**")),
        "docs/auth0.md"
    );
    let code = flat(&String::from_utf8_lossy(&out.stdout).replace(" * ", " "));
    assert!(
        code.contains(&format!(
            "Create it in {path} (trigger: Login / Post Login)"
        )),
        "{code}"
    );
}

#[test]
fn firebase_snippet_is_valid_javascript_and_sets_the_claims() {
    node::require();
    for case in TEMPLATE_CASES {
        let expected = claims_of(&[&["template"], *case].concat());
        let script = stdout_of(&[&["template"], *case, &["--provider", "firebase"]].concat());
        let calls = node::firebase_calls(&script);
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0]["uid"], "user-1");
        let mut want = expected.clone();
        want.insert("keep".into(), Value::Bool(true));
        assert_eq!(calls[0]["claims"], Value::Object(want), "case {case:?}");
    }
}

#[test]
fn clerk_output_is_the_claims_as_indented_json() {
    for case in TEMPLATE_CASES {
        let expected = claims_of(&[&["template"], *case].concat());
        let out = stdout_of(&[&["template"], *case, &["--provider", "clerk"]].concat());
        assert_eq!(
            out,
            format!("{}\n", serde_json::to_string_pretty(&expected).unwrap())
        );
    }
}

#[test]
fn supabase_output_defines_the_hook_with_the_claims() {
    for case in TEMPLATE_CASES {
        let expected = claims_of(&[&["template"], *case].concat());
        let sql = stdout_of(&[&["template"], *case, &["--provider", "supabase"]].concat());
        assert!(sql.contains(
            "create or replace function public.custom_access_token_hook(event jsonb)\nreturns jsonb"
        ));
        assert!(sql.contains(
            "grant execute on function public.custom_access_token_hook to supabase_auth_admin;"
        ));
        let json = serde_json::to_string(&expected).unwrap();
        assert!(sql.contains(&format!("'{json}'::jsonb")), "{sql}");
    }
}

#[test]
fn provider_outputs_are_stable() {
    let args = ["template", "-d", "mydb", "-p", "comments:data_add"];
    for provider in ["clerk", "auth0", "supabase", "firebase"] {
        let out = stdout_of(&[&args[..], &["--provider", provider]].concat());
        let out = out.replace(env!("CARGO_PKG_VERSION"), "<version>");
        insta::assert_snapshot!(format!("provider_{provider}"), out);
    }
}

#[test]
fn no_terminal_never_prompts() {
    // stdin is piped and stderr captured: must fail fast rather than wait.
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .arg("template")
        .timeout(std::time::Duration::from_secs(20))
        .write_stdin("mydb\n")
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn help_lists_the_commands() {
    let home = tempfile::tempdir().unwrap();
    let out = jwksctl(home.path()).arg("--help").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("template"));
    assert!(text.contains("completions"));
}
