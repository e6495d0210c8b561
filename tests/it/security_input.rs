//! The second security review (docs/security.md), MEDIUM 2 and LOW 1–4, 6: input
//! built to exhaust or mislead — YAML that explodes when parsed, an endless
//! `--batch` line, a registry entry over plain http, an API that echoes the
//! token back, invisible characters, credentials in a hand-edited registry.
//! Memory is measured as the child's peak resident size (`ru_maxrss`),
//! against the issue's 64 MB bound.

use crate::common;

use std::io::Write;
use std::path::Path;
use std::time::Instant;

const MEMORY_BOUND_KB: i64 = 64 * 1024;

/// Run jwksctl with `args` (stdin from the file `input`); exit code,
/// stdout, stderr and peak memory in kB (the time it took is printed). A small Python process starts it
/// and reads its children's `ru_maxrss`: measured from this (large, many
/// threaded) test process, the figure would include this process's own
/// peak, which a spawned child inherits until it execs.
fn measured(home: &Path, args: &[&str], input: Option<&Path>) -> (i32, String, String, i64) {
    const RUN: &str = "import resource, subprocess, sys, time\n\
        stdin = open(sys.argv[1], 'rb') if sys.argv[1] else subprocess.DEVNULL\n\
        started = time.monotonic()\n\
        r = subprocess.run(sys.argv[2:], stdin=stdin, capture_output=True)\n\
        took = time.monotonic() - started\n\
        sys.stdout.buffer.write(r.stdout)\n\
        sys.stderr.buffer.write(r.stderr)\n\
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n\
        sys.stderr.write(f'\\nmeasured: {r.returncode} {peak} {took:.3f}\\n')\n";
    let out = common::scrubbed("python3")
        .env("JWKSCTL_HOME", home)
        .args(["-c", RUN])
        .arg(input.map(|p| p.as_os_str()).unwrap_or_default())
        .arg(common::jwksctl_std(home).get_program())
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let (stderr, measured) = stderr
        .rsplit_once("\nmeasured: ")
        .unwrap_or_else(|| panic!("python3 did not run jwksctl: {stderr}"));
    let figures: Vec<&str> = measured.split_whitespace().collect();
    let (code, peak): (i32, i64) = (figures[0].parse().unwrap(), figures[1].parse().unwrap());
    println!(
        "jwksctl {}: exit {code} in {} s, peak {peak} kB",
        args.join(" "),
        figures[2]
    );
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr.to_string(),
        peak,
    )
}

/// MEDIUM 2: the review's YAML attacks on `--powersync-config` — a 100 KB
/// anchored string and 90,000 aliases to it (8.8 GB before), 50,000 and
/// 100,000 nested `[` (11 s and more than 60 s before), a line of 300,000
/// nested `- ` — are refused before parsing, with the line, in a few MB.
#[test]
fn yaml_bombs_are_refused_before_parsing() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("powersync.yaml");
    let cases = [
        (
            "90,000 aliases to 100 KB",
            format!(
                "client_auth:\n  audience: &a {}\n  jwks_uri: [{}]\n",
                "x".repeat(100_000),
                vec!["*a"; 90_000].join(",")
            ),
            "line 3: its aliases (`*a` here) could expand the document past 4 MiB",
        ),
        (
            "50,000 nested [",
            format!("client_auth:\n  audience: {}\n", "[".repeat(50_000)),
            "line 2: more than 1000 flow collections",
        ),
        (
            "100,000 nested [",
            format!("client_auth:\n  audience: {}\n", "[".repeat(100_000)),
            "line 2: more than 1000 flow collections",
        ),
        (
            "300,000 nested -",
            format!("client_auth:\n  audience:\n{}x\n", "- ".repeat(300_000)),
            "line 3: more than 64 block entries",
        ),
    ];
    for (attack, yaml, reason) in cases {
        std::fs::write(&file, &yaml).unwrap();
        let started = Instant::now();
        let (code, stdout, stderr, kb) = measured(
            home.path(),
            &[
                "token",
                "mint",
                "--powersync-config",
                file.to_str().unwrap(),
            ],
            None,
        );
        println!(
            "{attack} ({} KB): exit {code} after {:?}, peak {kb} kB",
            yaml.len() / 1024,
            started.elapsed()
        );
        assert_eq!(code, 2, "{attack}: {stderr}");
        assert!(
            stderr.starts_with(&format!(
                "error: PowerSync configuration {} refused: {reason}",
                file.display()
            )),
            "{attack}: {stderr}"
        );
        assert_eq!(stdout, "", "{attack}");
        assert!(kb < MEMORY_BOUND_KB, "{attack}: peak {kb} kB");
    }
}

/// LOW 1: `token verify --batch` fed 256 MiB of `A` without a newline (1 GB
/// peaked at 1 GB before), then a real token: the long line is one
/// `malformed` row, dropped as it is read, and the token on the next line
/// is still judged.
#[test]
fn an_endless_batch_line_is_dropped_as_it_is_read() {
    let home = tempfile::tempdir().unwrap();
    common::stdout(home.path(), &["keys", "generate", "--alg", "EdDSA"]);
    let token = common::stdout(home.path(), &["token", "mint", "--sub", "u"]);
    let input = home.path().join("input");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
    let chunk = vec![b'A'; 1 << 20];
    for _ in 0..256 {
        file.write_all(&chunk).unwrap();
    }
    file.write_all(format!("\n{}\n", token.trim()).as_bytes())
        .unwrap();
    drop(file);
    let started = Instant::now();
    let (code, stdout, stderr, kb) =
        measured(home.path(), &["token", "verify", "--batch"], Some(&input));
    println!(
        "256 MiB line: exit {code} after {:?}, peak {kb} kB",
        started.elapsed()
    );
    std::fs::remove_file(&input).unwrap();
    assert_eq!(code, 1, "{stderr}");
    let rows: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2, "{stdout}");
    assert_eq!(
        (&rows[0]["line"], &rows[0]["reason"]),
        (&serde_json::json!(1), &serde_json::json!("malformed"))
    );
    assert_eq!(
        (&rows[1]["line"], &rows[1]["valid"]),
        (&serde_json::json!(2), &serde_json::json!(true))
    );
    assert!(kb < MEMORY_BOUND_KB, "peak {kb} kB");
}

/// LOW 2: a URL that `--jwks` refuses when typed (plain http to a host that
/// is not loopback: 0.0.0.0 reaches this machine, but is not a loopback
/// address) is refused in the same words when it comes from a registry
/// entry — named with `--jwks prod`, or among the default sources — and
/// nothing is fetched from it.
#[test]
fn registry_entries_meet_the_plain_http_rule() {
    let (home, idp) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    common::stdout(idp.path(), &["keys", "generate", "--alg", "EdDSA"]);
    let jwks = common::stdout(idp.path(), &["keys", "jwks"]);
    let token = common::stdout(idp.path(), &["token", "mint", "--sub", "u"]);
    let token = token.trim();
    let server = common::Server::fixed(common::Reply::json(jwks));
    let url = server.url("/jwks.json").replace("127.0.0.1", "0.0.0.0");
    let typed = common::jwksctl(home.path())
        .args(["token", "verify", token, "--jwks", &url])
        .output()
        .unwrap();
    let words =
        "refusing plain http:// for 0.0.0.0: keys fetched without TLS can be replaced in transit";
    assert!(
        String::from_utf8_lossy(&typed.stderr).contains(words),
        "{}",
        String::from_utf8_lossy(&typed.stderr)
    );
    common::jwksctl(home.path())
        .args(["save", "prod", &url, "--allow-http"])
        .assert()
        .success();
    let fetched = server.count();
    for args in [&[token, "--jwks", "prod"][..], &[token][..]] {
        let out = common::jwksctl(home.path())
            .args(["token", "verify"])
            .args(args)
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_ne!(out.status.code(), Some(0), "{args:?}: {stdout}{stderr}");
        assert!(!stdout.starts_with("valid"), "{args:?}: {stdout}");
        assert!(
            stderr.contains(&format!("registry entry \"prod\": {words}")),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(server.count(), fetched, "nothing fetched from the entry");
}

/// LOW 3: a Turso API (or a proxy before it) that echoes the request's
/// `Authorization` header back — in a JSON error, in an HTML page shown
/// with `-v`, in the names and URLs of a listing — never makes jwksctl
/// print the token: not in `error:` lines, not in the `-o json` error
/// document, not in `list`.
#[test]
fn an_echoed_api_token_is_redacted() {
    const TOKEN: &str = "tok-5e1d-echo-SECRET";
    let api = common::Server::start(|req| {
        let auth = req.header("authorization").unwrap_or_default().to_string();
        match req.path.as_str() {
            p if p.starts_with("/v2/organizations/json/") => common::Reply::status(
                401,
                serde_json::json!({ "error": format!("invalid {auth}") }).to_string(),
            ),
            p if p.starts_with("/v2/organizations/html/") => {
                common::Reply::status(502, format!("<html><title>{auth}</title>{auth}</html>"))
            }
            _ => common::Reply::json(
                serde_json::json!({"jwks": [
                    {"jwks_name": auth, "jwks_url": format!("https://idp.example/{TOKEN}/jwks.json")}
                ]})
                .to_string(),
            ),
        }
    });
    let home = tempfile::tempdir().unwrap();
    for (org, args) in [
        ("json", &["list"][..]),
        ("json", &["list", "-o", "json"][..]),
        ("html", &["list", "-v"][..]),
        ("html", &["list", "-o", "json", "-v"][..]),
        ("ok", &["list"][..]),
        ("ok", &["list", "-o", "json"][..]),
    ] {
        let out = common::jwksctl(home.path())
            .env("JWKSCTL_REGISTRY", "turso")
            .env("JWKSCTL_ORG", org)
            .env("JWKSCTL_API_URL", &api.base)
            .env("TURSO_API_TOKEN", TOKEN)
            .args(args)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text.contains(TOKEN), "{org} {args:?}: {text}");
        assert!(text.contains("[redacted]"), "{org} {args:?}: {text}");
    }
    assert_eq!(api.count(), 6);
}

/// LOW 4: invisible and direction characters — U+200B, U+200E, U+200F,
/// U+061C, U+2028, U+2029, U+FEFF, U+00AD and the tag characters — in a
/// token's claims (decode, verify) and in registry names (list) reach the
/// terminal escaped, like control characters; `-o json` keeps them.
#[test]
fn invisible_and_direction_characters_arrive_escaped() {
    use base64::Engine;
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let hidden = [
        '\u{200b}',
        '\u{200e}',
        '\u{200f}',
        '\u{061c}',
        '\u{2028}',
        '\u{2029}',
        '\u{feff}',
        '\u{00ad}',
        '\u{e0001}',
        '\u{e0041}',
        '\u{e007f}',
    ];
    let hostile: String = hidden.iter().collect();
    let escaped = "\\u200b\\u200e\\u200f\\u061c\\u2028\\u2029\\ufeff\\u00ad\\udb40\\udc01\\udb40\\udc41\\udb40\\udc7f";
    let clean = |all: &str| hidden.iter().all(|c| !all.contains(*c));
    let home = tempfile::tempdir().unwrap();
    let claims = serde_json::json!({"sub": format!("admin{hostile}"), "a": "rw",
                                    "id": format!("db{hostile}")});
    let token = format!(
        "{}.{}.c2ln",
        b64(br#"{"alg":"EdDSA","kid":"k"}"#),
        b64(claims.to_string().as_bytes())
    );
    for args in [
        &["token", "decode", &token][..],
        &["token", "verify", &token, "--jwks", "./none.json"][..],
    ] {
        let out = common::jwksctl(home.path()).args(args).output().unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if args[1] == "decode" {
            assert!(out.status.success(), "{all}");
            assert!(all.contains(&format!("admin{escaped}")), "{all:?}");
        }
        assert!(clean(&all), "{args:?}: {all:?}");
    }
    let out = common::jwksctl(home.path())
        .args(["token", "decode", &token, "-o", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["claims"]["sub"], format!("admin{hostile}"));
    // Names from a registry (here the Turso API's list).
    let api = common::Server::fixed(common::Reply::json(
        serde_json::json!({"jwks": [{"jwks_name": format!("prod{hostile}"),
                                     "jwks_url": "https://example.com/jwks"}]})
        .to_string(),
    ));
    let out = common::jwksctl(home.path())
        .env("JWKSCTL_REGISTRY", "turso")
        .env("JWKSCTL_ORG", "acme")
        .env("JWKSCTL_API_URL", &api.base)
        .env("TURSO_API_TOKEN", "tok")
        .arg("list")
        .output()
        .unwrap();
    let all = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{all}");
    assert!(all.contains(&format!("prod{escaped}")), "{all:?}");
    assert!(clean(&all), "{all:?}");
}

/// LOW 6: a hand-edited registry file whose URL carries credentials
/// (`save` refuses them) is listed with them as `***`, in every format.
#[test]
fn list_masks_credentials_in_a_hand_edited_registry() {
    let home = tempfile::tempdir().unwrap();
    let server = common::Server::fixed(common::Reply::json(common::good_jwks()));
    common::jwksctl(home.path())
        .args(["save", "prod", &server.url("/jwks.json")])
        .assert()
        .success();
    let file = home.path().join("config/registry.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replace("http://127.0.0.1", "http://admin:hunter2@127.0.0.1");
    assert_ne!(text, edited);
    std::fs::write(&file, edited).unwrap();
    for args in [
        &["list"][..],
        &["list", "-o", "json"],
        &["list", "-o", "yaml"],
    ] {
        let out = common::jwksctl(home.path()).args(args).output().unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{args:?}: {all}");
        assert!(
            !all.contains("hunter2") && !all.contains("admin"),
            "{args:?}: {all}"
        );
        assert!(all.contains("http://***@127.0.0.1:"), "{args:?}: {all}");
    }
}
