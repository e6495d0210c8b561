//! Every shell command shown in README.md and docs/*.md that runs jwksctl is
//! executed here, in order, one fresh JWKSCTL_HOME per file, so the docs cannot
//! rot: a renamed flag or a changed output breaks this test.
//!
//! - ```` ```console ```` blocks: lines starting with `$ ` are commands; the lines
//!   after one, up to the next command, are its exact expected stdout (unless
//!   they contain `…`, which marks output that varies).
//! - ```` ```sh ```` / ```` ```bash ```` blocks: every line that runs jwksctl.
//! - `cargo run --release -- ARGS` runs the binary with ARGS.
//! - Example hosts (Clerk, Auth0, … domains) are rewritten to a loopback
//!   server that serves a JWKS, the same way the docs' commands would reach
//!   the real ones; nothing reaches the internet.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::thread;

const JWKS: &str = include_str!("../../shared/vectors/jwks-samples/clerk_fixture_mockJwks.json");

/// Hosts the docs use as examples, served by the loopback stand-in.
const EXAMPLE_HOSTS: &[&str] = &[
    "https://my-app.clerk.accounts.dev",
    "https://my-tenant.us.auth0.com",
    "https://abcdefghijklmnop.supabase.co",
    "https://auth.example.com",
];

struct Snippet {
    file: String,
    line: usize,
    command: String,
    expected: Option<String>,
}

fn doc_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The command a doc line runs, normalised to start with `jwksctl`, or None.
fn jwksctl_command(line: &str) -> Option<String> {
    let line = line.trim();
    // Drop a trailing comment (docs align them after two or more spaces).
    let line = match line.find("  #") {
        Some(i) => line[..i].trim_end(),
        None => line,
    };
    if let Some(rest) = line.strip_prefix("cargo run --release -- ") {
        return Some(format!("jwksctl {rest}"));
    }
    let runs_jwksctl = line.starts_with("jwksctl ")
        || line.contains("| jwksctl ")
        || line.contains("&& jwksctl ")
        || line.contains("$(jwksctl ")
        || line.starts_with("export ") && line.contains("$(jwksctl ");
    runs_jwksctl.then(|| line.to_string())
}

fn snippets(path: &Path) -> Vec<Snippet> {
    let text = std::fs::read_to_string(path).unwrap();
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut out: Vec<Snippet> = Vec::new();
    let mut fence: Option<String> = None;
    let mut collecting = false;
    for (i, raw) in text.lines().enumerate() {
        if let Some(lang) = raw.trim_start().strip_prefix("```") {
            fence = match fence {
                Some(_) => None,
                None => Some(lang.trim().to_string()),
            };
            collecting = false;
            continue;
        }
        let Some(lang) = fence.as_deref() else {
            continue;
        };
        match lang {
            "console" => {
                if let Some(cmd) = raw.strip_prefix("$ ") {
                    collecting = false;
                    if let Some(command) = jwksctl_command(cmd) {
                        out.push(Snippet {
                            file: file.clone(),
                            line: i + 1,
                            command,
                            expected: Some(String::new()),
                        });
                        collecting = true;
                    }
                } else if collecting && let Some(last) = out.last_mut() {
                    let expected = last.expected.get_or_insert_with(String::new);
                    expected.push_str(raw);
                    expected.push('\n');
                }
            }
            "sh" | "bash" => {
                if let Some(command) = jwksctl_command(raw) {
                    out.push(Snippet {
                        file: file.clone(),
                        line: i + 1,
                        command,
                        expected: None,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// A loopback server answering every GET with the sample JWKS (and an OIDC
/// discovery document pointing at it), and playing the JWKS part of the
/// Turso Platform API (list / save / remove / template) for any organization.
fn serve() -> String {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let base = format!("http://{}", server.server_addr().to_ip().unwrap());
    let base2 = base.clone();
    thread::spawn(move || {
        let mut saved: Vec<(String, String)> = Vec::new();
        for mut request in server.incoming_requests() {
            let url = request.url().to_string();
            let mut body_in = String::new();
            let _ = request.as_reader().read_to_string(&mut body_in);
            let (status, body) = if url.starts_with("/v2/organizations/") {
                turso_api(request.method().as_str(), &url, &body_in, &mut saved)
            } else if url.ends_with("/.well-known/openid-configuration") {
                (
                    200,
                    format!(r#"{{"issuer":"{base2}","jwks_uri":"{base2}/.well-known/jwks.json"}}"#),
                )
            } else {
                (200, JWKS.to_string())
            };
            let header = tiny_http::Header::from_bytes("Content-Type", "application/json").unwrap();
            let _ = request.respond(
                tiny_http::Response::from_string(body)
                    .with_header(header)
                    .with_status_code(status),
            );
        }
    });
    base
}

/// The Turso Platform API's JWKS endpoints, just enough for the docs' examples.
fn turso_api(
    method: &str,
    url: &str,
    body: &str,
    saved: &mut Vec<(String, String)>,
) -> (u16, String) {
    let parts: Vec<&str> = url.trim_start_matches('/').split('/').collect();
    match (method, parts.as_slice()) {
        ("GET", ["v2", "organizations", _, "jwks"]) => {
            let list: Vec<String> = saved
                .iter()
                .map(|(n, u)| format!(r#"{{"jwks_name":"{n}","jwks_url":"{u}"}}"#))
                .collect();
            (200, format!(r#"{{"jwks":[{}]}}"#, list.join(",")))
        }
        ("PUT", ["v2", "organizations", _, "jwks", name]) => {
            let name = name.replace("%20", " ");
            let url: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
            saved.retain(|(n, _)| *n != name);
            saved.push((name, url["jwks_url"].as_str().unwrap_or("").to_string()));
            (200, "{}".into())
        }
        ("DELETE", ["v2", "organizations", _, "jwks", name]) => {
            let name = name.replace("%20", " ");
            let before = saved.len();
            saved.retain(|(n, _)| *n != name);
            if saved.len() < before {
                (200, "{}".into())
            } else {
                (404, r#"{"error":"jwks not found"}"#.into())
            }
        }
        ("POST" | "GET", ["v2", "organizations", _, "jwks-template"]) => {
            let req: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
            let a = if req["scope"] == "read-only" {
                "ro"
            } else {
                "rw"
            };
            let target = match req["database"].as_str() {
                Some(_) => r#""id":"4c2b5f0e-0000-4000-8000-000000000000""#.to_string(),
                None => format!(r#""gid":"{}""#, req["group"].as_str().unwrap_or("")),
            };
            (
                200,
                format!(
                    r#"{{"template":{{"a":"{a}",{target},"perm":{},"rid":"b1f0c3d2-0000-4000-8000-000000000000"}}}}"#,
                    req["permissions"]
                ),
            )
        }
        _ => (404, r#"{"error":"not found"}"#.into()),
    }
}

#[test]
fn every_documented_command_runs() {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_jwksctl"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let base = serve();
    let mut ran = 0;
    let mut failures = Vec::new();
    for file in doc_files() {
        let home = tempfile::tempdir().unwrap();
        let work = tempfile::tempdir().unwrap();
        for snippet in snippets(&file) {
            let mut command = snippet.command.clone();
            for host in EXAMPLE_HOSTS {
                command = command.replace(host, &base);
            }
            let out = Command::new("bash")
                .args(["-euo", "pipefail", "-c", &command])
                .current_dir(work.path())
                .env("PATH", &path)
                .env("HOME", work.path())
                .env("JWKSCTL_HOME", home.path())
                .env_remove("JWKSCTL_REGISTRY")
                .env_remove("JWKSCTL_ORG")
                .env_remove("JWKSCTL_API_TOKEN")
                .env_remove("JWKSCTL_TIMEOUT")
                // The Turso Platform API of the docs' examples is the stand-in.
                .env("JWKSCTL_API_URL", &base)
                .env("TURSO_API_TOKEN", "docs-example-token")
                .output()
                .unwrap();
            ran += 1;
            let stdout = String::from_utf8_lossy(&out.stdout);
            let place = format!("{}:{}: {}", snippet.file, snippet.line, snippet.command);
            if !out.status.success() {
                failures.push(format!(
                    "{place}\n  exit {:?}: {}",
                    out.status.code(),
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
                continue;
            }
            if let Some(expected) = &snippet.expected
                && !expected.contains('…')
                && stdout != *expected
            {
                failures.push(format!("{place}\n  expected:\n{expected}  got:\n{stdout}"));
            }
        }
    }
    assert!(ran >= 10, "only {ran} documented commands found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_parser_finds_commands_and_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("x.md");
    std::fs::write(
        &md,
        "```console\n$ jwksctl a\nout1\n$ echo hi\nnot collected\n```\n```sh\njwksctl b  # note\ncargo run --release -- c\ncargo test\n```\n",
    )
    .unwrap();
    let got = snippets(&md);
    let commands: Vec<&str> = got.iter().map(|s| s.command.as_str()).collect();
    assert_eq!(commands, ["jwksctl a", "jwksctl b", "jwksctl c"]);
    assert_eq!(got[0].expected.as_deref(), Some("out1\n"));
    assert_eq!(got[1].expected, None);
}
