//! Every shell command shown in README.md and docs/*.md that runs jwksctl is
//! executed here, in order, one fresh JWKSCTL_HOME per file, so the docs cannot
//! rot: a renamed flag or a changed output breaks this test.
//!
//! - ```` ```console ```` blocks: lines starting with `$ ` are commands; the lines
//!   after one, up to the next command, are its expected stdout, compared line
//!   by line: a `…` in a line stands for any text within that line only (the
//!   line count must match).
//! - ```` ```sh ```` / ```` ```bash ```` blocks: every line that runs jwksctl.
//! - `cargo run --release -- ARGS` runs the binary with ARGS.
//! - Example hosts (Clerk, Auth0, … domains) are rewritten to a loopback
//!   server that serves a JWKS only at the paths the docs show for those
//!   hosts (and 404 elsewhere), so a wrong path in the docs fails; nothing
//!   reaches the internet.
//! - The `Examples:` of every command's `--help` run too, each after the
//!   setup it needs.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Hosts the docs use as examples, each played by its own loopback
/// stand-in, with the paths the real service serves its keys at (from the
/// providers' documentation, as `registry/presets.rs` builds them): a JWKS
/// path first, then an OpenID discovery path if it has one. Any other path
/// is a 404, so a wrong path in the docs fails the test.
const EXAMPLE_HOSTS: &[(&str, &[&str])] = &[
    (
        "https://my-app.clerk.accounts.dev",
        &[
            "/.well-known/jwks.json",
            "/.well-known/openid-configuration",
        ],
    ),
    (
        "https://my-tenant.us.auth0.com",
        &[
            "/.well-known/jwks.json",
            "/.well-known/openid-configuration",
        ],
    ),
    (
        "https://abcdefghijklmnop.supabase.co",
        &["/auth/v1/.well-known/jwks.json"],
    ),
    // A generic OpenID provider.
    (
        "https://auth.example.com",
        &[
            "/.well-known/jwks.json",
            "/.well-known/openid-configuration",
        ],
    ),
    (
        "https://www.googleapis.com",
        &[
            "/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com",
            "/oauth2/v3/certs",
        ],
    ),
    // Firebase's issuer: only named, its keys are at www.googleapis.com.
    ("https://securetoken.google.com", &[]),
];

/// The stand-ins' addresses, in the order of [`EXAMPLE_HOSTS`].
type Bases = [String];

/// Replace the example hosts with their stand-ins' addresses.
fn rewrite(text: &str, bases: &Bases) -> String {
    EXAMPLE_HOSTS
        .iter()
        .zip(bases)
        .fold(text.to_string(), |t, ((host, _), base)| {
            t.replace(host, base)
        })
}

/// A page may ask for a provider token its commands can use as `$TOKEN`:
/// `<!-- docs-test: token iss=… aud=… sub=… -->`. The claims (with example
/// hosts rewritten) are signed by PyJWT — an implementation independent of
/// jwksctl — with a key whose JWKS the stand-in serves.
fn token_request(path: &Path, bases: &Bases) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap();
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("<!-- docs-test: token "))?;
    let mut claims = serde_json::Map::new();
    for pair in line.trim_end_matches("-->").split_whitespace() {
        let (k, v) = pair
            .split_once('=')
            .expect("docs-test token: key=value pairs");
        claims.insert(k.to_string(), rewrite(v, bases).into());
    }
    Some(claims.into())
}

/// Generate an RSA key with Python's cryptography and sign each claims set
/// with PyJWT. Returns the public JWKS and the tokens.
fn provider_tokens(requests: &[serde_json::Value]) -> (String, Vec<String>) {
    const SCRIPT: &str = r#"
import json, sys, time, jwt
from cryptography.hazmat.primitives.asymmetric import rsa
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
jwk.update(kid="docs-provider-key", alg="RS256", use="sig")
now = int(time.time())
tokens = [jwt.encode(dict(c, iat=now, exp=now + 3600), key, algorithm="RS256",
                     headers={"kid": "docs-provider-key"})
          for c in json.loads(sys.argv[1])]
print(json.dumps({"jwks": {"keys": [jwk]}, "tokens": tokens}))
"#;
    let out = common::python::python3()
        .args(["-c", SCRIPT, &serde_json::to_string(requests).unwrap()])
        .output()
        .expect("python3 starts");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tokens = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    (v["jwks"].to_string(), tokens)
}

/// Whether GOT is the output EXPECTED documents: the same number of lines,
/// each equal, except that a `…` in an expected line matches any text
/// (possibly none) within that one line. A line naming an example host also
/// matches with the host rewritten to its stand-in in BASES (a URL the
/// command was given is rewritten; one built from a preset is not).
fn output_matches(expected: &str, got: &str, bases: &Bases) -> bool {
    let (want, have): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), got.lines().collect());
    want.len() == have.len()
        && expected.ends_with('\n') == got.ends_with('\n')
        && want
            .iter()
            .zip(&have)
            .all(|(w, h)| line_matches(w, h) || line_matches(&rewrite(w, bases), h))
}

fn line_matches(want: &str, have: &str) -> bool {
    let mut parts = want.split('…');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = have.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

struct Snippet {
    file: String,
    line: usize,
    /// One command (console blocks) or the jwksctl lines of a whole sh block,
    /// run as one script so that variables set on one line reach the next.
    command: String,
    expected: Option<String>,
    block: usize,
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
    // Any line that runs jwksctl as a command word: at the start, after a
    // pipe, `&&`, `$(`, `;`, or inside a loop body.
    let runs_jwksctl = line.starts_with("jwksctl ")
        || line.match_indices("jwksctl ").any(|(i, _)| {
            line[..i]
                .chars()
                .last()
                .is_some_and(|c| matches!(c, ' ' | '(' | '|' | ';' | '&'))
        });
    runs_jwksctl.then(|| line.to_string())
}

fn snippets(path: &Path) -> Vec<Snippet> {
    let text = std::fs::read_to_string(path).unwrap();
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut out: Vec<Snippet> = Vec::new();
    let mut fence: Option<String> = None;
    let mut collecting = false;
    let mut block = 0;
    for (i, raw) in text.lines().enumerate() {
        if let Some(lang) = raw.trim_start().strip_prefix("```") {
            fence = match fence {
                Some(_) => None,
                None => Some(lang.trim().to_string()),
            };
            block += 1;
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
                            block,
                        });
                        collecting = true;
                    }
                } else if collecting && let Some(last) = out.last_mut() {
                    let expected = last.expected.get_or_insert_with(String::new);
                    expected.push_str(raw);
                    expected.push('\n');
                }
            }
            // CI workflow steps: `run:` lines that run jwksctl, with the
            // step's literal `env:` values (secrets come from the test's env).
            "yaml" | "yml" => {
                let line = raw.trim();
                let run = line
                    .strip_prefix("- run: ")
                    .or_else(|| line.strip_prefix("run: "));
                if let Some(command) = run.and_then(jwksctl_command) {
                    out.push(Snippet {
                        file: file.clone(),
                        line: i + 1,
                        command,
                        expected: None,
                        block,
                    });
                } else if let Some((key, value)) = line.split_once(": ")
                    && key.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                    && !value.contains("${{")
                    && let Some(last) = out.last_mut().filter(|l| l.block == block)
                {
                    last.command = format!("export {key}='{value}'\n{}", last.command);
                }
            }
            "sh" | "bash" => {
                if let Some(command) = jwksctl_command(raw) {
                    match out.last_mut() {
                        Some(last) if last.block == block => {
                            last.command.push('\n');
                            last.command.push_str(&command);
                        }
                        _ => out.push(Snippet {
                            file: file.clone(),
                            line: i + 1,
                            command,
                            expected: None,
                            block,
                        }),
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The stand-ins: for each example host, a loopback server answering a GET
/// of one of its JWKS paths with the shared JWKS, of its discovery path with
/// an OpenID discovery document pointing at its JWKS path, and 404 for
/// anything else; then the Turso Platform API's stand-in
/// ([`common::turso::api`], organization `acme`). Returns the hosts'
/// addresses and the API's.
fn serve(jwks: Arc<std::sync::Mutex<String>>) -> (Vec<String>, String) {
    let bases = EXAMPLE_HOSTS
        .iter()
        .map(|(_, paths)| {
            let jwks = jwks.clone();
            listen(
                move |method, url, _body, base| match paths.iter().position(|p| *p == url) {
                    Some(_) if method != "GET" => (405, "{}".into()),
                    Some(_) if url.ends_with("/openid-configuration") => (
                        200,
                        format!(r#"{{"issuer":"{base}","jwks_uri":"{base}{}"}}"#, paths[0]),
                    ),
                    Some(_) => (200, jwks.lock().unwrap().clone()),
                    None => (404, r#"{"error":"not found"}"#.into()),
                },
            )
        })
        .collect();
    // The server runs until the test process ends; its base is all the examples need.
    (bases, common::turso::api().base)
}

/// A loopback server answering each request with `answer(method, url, body,
/// own base)` as JSON; returns its base URL.
fn listen(answer: impl Fn(&str, &str, &str, &str) -> (u16, String) + Send + 'static) -> String {
    let own = Arc::new(std::sync::OnceLock::<String>::new());
    let base = own.clone();
    let answer = std::sync::Mutex::new(answer);
    let server = common::Server::start(move |request| {
        let own = base.get().map(String::as_str).unwrap_or_default();
        let (status, body) =
            (answer.lock().unwrap())(&request.method, &request.path, &request.body, own);
        common::Reply::status(status, body)
    });
    own.set(server.base.clone()).unwrap();
    server.base
}

/// `PATH` with the built jwksctl's folder first, so examples run it by name.
fn path_with_jwksctl() -> String {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_jwksctl"))
        .parent()
        .unwrap()
        .to_path_buf();
    format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn every_documented_command_runs() {
    let path = path_with_jwksctl();
    let jwks = Arc::new(std::sync::Mutex::new(String::new()));
    let (bases, api) = serve(jwks.clone());
    let files = doc_files();
    let requests: Vec<(usize, serde_json::Value)> = files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| token_request(f, &bases).map(|r| (i, r)))
        .collect();
    let (served, tokens) =
        provider_tokens(&requests.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>());
    *jwks.lock().unwrap() = served;
    let mut ran = 0;
    let mut failures = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let home = tempfile::tempdir().unwrap();
        let work = tempfile::tempdir().unwrap();
        let token = requests
            .iter()
            .position(|(i, _)| *i == index)
            .map(|p| tokens[p].clone())
            .unwrap_or_default();
        // A page marked `docs-test: turso-login` runs as after `turso auth
        // login`: the Turso CLI's settings.json in ~/.config/turso holds the
        // token and organization, and TURSO_API_TOKEN is unset.
        let logged_in = std::fs::read_to_string(file)
            .unwrap()
            .contains("<!-- docs-test: turso-login");
        if logged_in {
            let folder = work.path().join(".config/turso");
            std::fs::create_dir_all(&folder).unwrap();
            let settings = folder.join("settings.json");
            std::fs::write(
                &settings,
                serde_json::json!({"token": common::turso::TOKEN, "organization": "acme"})
                    .to_string(),
            )
            .unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&settings, std::fs::Permissions::from_mode(0o600))
                    .unwrap();
            }
        }
        for snippet in snippets(file) {
            let command = rewrite(&snippet.command, &bases);
            let mut bash = common::scrubbed("bash");
            bash.args(["-euo", "pipefail", "-c", &command])
                .current_dir(work.path())
                .env("PATH", &path)
                .env("HOME", work.path())
                .env("JWKSCTL_HOME", home.path())
                // The Turso Platform API of the docs' examples is the stand-in.
                .env("JWKSCTL_API_URL", &api)
                .env("TOKEN", &token);
            if !logged_in {
                bash.env("TURSO_API_TOKEN", common::turso::TOKEN);
            }
            let out = bash.output().unwrap();
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
                && !output_matches(expected, &stdout, &bases)
            {
                failures.push(format!("{place}\n  expected:\n{expected}  got:\n{stdout}"));
            }
        }
    }
    assert!(ran >= 10, "only {ran} documented commands found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The setup each `--help` example needs before it can run (in a fresh home
/// and working directory, with `$TOKEN` a Clerk token signed by the Clerk
/// stand-in's key), keyed by the example as printed. An example missing here
/// fails the test, so a new example comes with its setup.
const HELP_EXAMPLE_SETUP: &[(&str, &str)] = &[
    (
        "jwksctl doctor \"$TOKEN\" --for powersync --powersync-config powersync.yaml",
        "jwksctl keys generate --alg HS256 --kid ps\n\
         jwksctl keys export ps --format powersync --audience app > powersync.yaml 2>/dev/null\n\
         TOKEN=$(jwksctl token mint --powersync-config powersync.yaml)",
    ),
    (
        "jwksctl doctor \"$TOKEN\" --for sqld --key jwt_key.pem",
        "jwksctl keys generate --kid k\n\
         jwksctl keys export k --format sqld > jwt_key.pem\n\
         TOKEN=$(jwksctl token mint --dialect libsql -d mydb)",
    ),
    (
        "jwksctl doctor --for turso --jwks https://my-app.clerk.accounts.dev/.well-known/jwks.json -d mydb",
        "",
    ),
    (
        "jwksctl doctor \"$TOKEN\" --jwks clerk -o json",
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json",
    ),
    ("jwksctl template -d mydb", ""),
    ("jwksctl template -d mydb -s read-only", ""),
    (
        "jwksctl template -g prod -p all:data_read -p comments:data_add,data_update",
        "",
    ),
    ("jwksctl template --dialect libsql -d a --attach b", ""),
    ("jwksctl template -d mydb --provider auth0", ""),
    (
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json",
        "",
    ),
    (
        "jwksctl save 'Clerk Production' --provider clerk --set domain=my-app.clerk.accounts.dev",
        "",
    ),
    (
        "jwksctl save auth0 --discover https://my-tenant.us.auth0.com/",
        "",
    ),
    (
        "jwksctl keys export sqld-dev --format pem > jwt_key.pem",
        "jwksctl keys generate --kid sqld-dev",
    ),
    (
        "jwksctl keys export old-key new-key --format sqld > jwt_keys.pem",
        "jwksctl keys generate --kid old-key\n\
         jwksctl keys generate --kid new-key",
    ),
    (
        "jwksctl keys sqld ./jwks.json --write jwt_keys.pem",
        "jwksctl keys generate\n\
         jwksctl keys jwks > jwks.json",
    ),
    // The stand-in's RSA keys are skipped with a warning; the file's fits.
    (
        "jwksctl keys sqld https://my-app.clerk.accounts.dev/.well-known/jwks.json ./jwks.json",
        "jwksctl keys generate\n\
         jwksctl keys jwks > jwks.json",
    ),
    (
        "jwksctl sync --from local --to turso --org acme --dry-run",
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json",
    ),
    (
        "jwksctl sync --from local --to turso --org acme --prune --yes",
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json",
    ),
    (
        "jwksctl sync --from turso --to local --org acme --yes -o json",
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json\n\
         jwksctl sync --from local --to turso --org acme --yes\n\
         jwksctl remove clerk -y",
    ),
    (
        "jwksctl token mint --sub alice -d mydb -s read-only",
        "jwksctl keys generate",
    ),
    (
        "jwksctl token mint --dialect libsql -d mydb --ttl 1h",
        "jwksctl keys generate",
    ),
    (
        "jwksctl token mint --powersync-config powersync.yaml",
        "jwksctl keys generate --alg HS256 --kid powersync-dev\n\
         jwksctl keys export powersync-dev --format powersync > powersync.yaml 2>/dev/null\n\
         jwksctl keys remove powersync-dev -y",
    ),
    (
        "TOKEN=$(jwksctl token mint --sub alice --aud my-api)",
        "jwksctl keys generate",
    ),
    (
        "jwksctl token mint | jwksctl token verify -",
        "jwksctl keys generate",
    ),
    (
        "jwksctl token verify \"$TOKEN\" --jwks clerk --iss https://my-app.clerk.accounts.dev",
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json",
    ),
    (
        "jwksctl -q token verify \"$TOKEN\" --jwks clerk",
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json",
    ),
    // The key file is all there is: the key leaves the store.
    (
        "jwksctl token verify \"$TOKEN\" --key jwt_key.pem",
        "jwksctl keys generate --kid k\n\
         jwksctl keys export k --format pem > jwt_key.pem\n\
         TOKEN=$(jwksctl token mint)\n\
         jwksctl keys remove k -y",
    ),
    // The secret is all there is: the key leaves the store.
    (
        "jwksctl token verify \"$TOKEN\" --secret-env PS_SHARED_SECRET --secret-encoding base64url",
        "jwksctl keys generate --alg HS256 --kid ps\n\
         export PS_SHARED_SECRET=$(jwksctl keys export ps --private 2>/dev/null | sed -n 's/.*\"k\": *\"\\([^\"]*\\)\".*/\\1/p')\n\
         [ -n \"$PS_SHARED_SECRET\" ]\n\
         TOKEN=$(jwksctl token mint --key ps)\n\
         jwksctl keys remove ps -y",
    ),
    // Issue 22: one example per command at least.
    ("jwksctl template -d mydb --provider clerk", ""),
    (
        "jwksctl check --all",
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json",
    ),
    ("jwksctl list", ""),
    ("jwksctl list -o json", ""),
    (
        "jwksctl remove clerk -y",
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json",
    ),
    (
        "jwksctl check clerk",
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json",
    ),
    (
        "jwksctl check --all -o json",
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json",
    ),
    (
        "jwksctl check https://my-app.clerk.accounts.dev/.well-known/jwks.json --max-stale 1h",
        "",
    ),
    ("jwksctl providers", ""),
    ("jwksctl keys generate --alg ES256", ""),
    ("jwksctl keys list", "jwksctl keys generate"),
    (
        "jwksctl token mint --sub alice | jwksctl token decode",
        "jwksctl keys generate",
    ),
    ("jwksctl config show", ""),
    ("jwksctl completions bash > jwksctl.bash", ""),
    ("jwksctl completions zsh > _jwksctl", ""),
    ("jwksctl token decode \"$TOKEN\"", ""),
    ("jwksctl token decode \"$TOKEN\" -o json", ""),
    ("jwksctl keys generate", ""),
    (
        "jwksctl keys generate --alg RS256 --bits 3072 --kid prod-2024",
        "",
    ),
    ("jwksctl keys list -o json", "jwksctl keys generate"),
    ("jwksctl keys jwks > jwks.json", "jwksctl keys generate"),
    (
        "jwksctl keys export \"$KID\" --format sqld > jwt_key.txt",
        "jwksctl keys generate --kid dev\nKID=dev",
    ),
    (
        "jwksctl keys export \"$KID\" --format pem",
        "jwksctl keys generate --kid dev\nKID=dev",
    ),
    (
        "jwksctl keys serve --listen 127.0.0.1:0",
        "jwksctl keys generate",
    ),
    (
        "jwksctl keys default \"$KID\"",
        "jwksctl keys generate --kid a\njwksctl keys generate --kid dev\nKID=dev",
    ),
    (
        "jwksctl keys remove \"$KID\" -y",
        "jwksctl keys generate --kid dev\nKID=dev",
    ),
    ("jwksctl config path", ""),
    ("jwksctl config show -o json", ""),
    ("jwksctl --timeout 30s config show", ""),
    ("jwksctl config set max_stale 6h", ""),
    ("jwksctl config unset timeout", ""),
    (
        "jwksctl token verify --batch --jwks clerk < tokens.txt",
        "jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json\n\
         echo \"$TOKEN\" > tokens.txt",
    ),
];

/// The `Examples:` lines of every command's `--help`, found by walking the
/// command tree from `jwksctl --help`.
fn help_examples(home: &Path) -> Vec<String> {
    let help = |path: &[String]| {
        let out = common::jwksctl_std(home)
            .args(path)
            .arg("--help")
            .output()
            .unwrap();
        assert!(out.status.success(), "{path:?} --help");
        String::from_utf8(out.stdout).unwrap()
    };
    let mut examples = Vec::new();
    let mut todo: Vec<Vec<String>> = vec![Vec::new()];
    let mut commands = 0;
    while let Some(path) = todo.pop() {
        commands += 1;
        let text = help(&path);
        let before = examples.len();
        let mut section = "";
        for line in text.lines() {
            if !line.starts_with(' ') && line.ends_with(':') {
                section = line;
                continue;
            }
            if line.trim().is_empty() {
                section = "";
                continue;
            }
            let item = line.trim();
            match section {
                "Commands:" => {
                    let name = item.split_whitespace().next().unwrap().to_string();
                    if name != "help" {
                        let mut sub = path.clone();
                        sub.push(name);
                        todo.push(sub);
                    }
                }
                "Examples:" => examples.push(item.to_string()),
                _ => {}
            }
        }
        assert!(
            examples.len() > before,
            "`jwksctl {}` has no example in --help",
            path.join(" ")
        );
    }
    assert!(commands >= 20, "only {commands} commands found");
    examples
}

/// Every example printed by `--help` runs and exits 0 after its setup. The
/// preset example gets `--no-check`: its host is built from `--set domain=`,
/// which cannot name a loopback stand-in (registry.md says the same).
#[test]
fn every_help_example_runs() {
    let path = path_with_jwksctl();
    let jwks = Arc::new(std::sync::Mutex::new(String::new()));
    let (bases, api) = serve(jwks.clone());
    let claims = serde_json::json!({
        "iss": rewrite("https://my-app.clerk.accounts.dev", &bases),
        "sub": "user_help",
    });
    let (served, tokens) = provider_tokens(&[claims]);
    *jwks.lock().unwrap() = served;

    let scratch = tempfile::tempdir().unwrap();
    let examples = help_examples(scratch.path());
    let mut documented: Vec<&str> = examples.iter().map(String::as_str).collect();
    let mut listed: Vec<&str> = HELP_EXAMPLE_SETUP.iter().map(|(e, _)| *e).collect();
    documented.sort();
    listed.sort();
    assert_eq!(
        documented, listed,
        "help examples without a setup (or gone)"
    );

    let mut failures = Vec::new();
    for (example, setup) in HELP_EXAMPLE_SETUP {
        let home = tempfile::tempdir().unwrap();
        let work = tempfile::tempdir().unwrap();
        let mut run = rewrite(example, &bases);
        if example.contains("--provider clerk --set domain=") {
            run.push_str(" --no-check");
        }
        // A server runs until stopped: wait for its URL line, then stop it
        // as its help says (SIGTERM, exit 0).
        if example.starts_with("jwksctl keys serve") {
            run = format!(
                "URLS=$(mktemp); {run} > \"$URLS\" & SERVER=$!; for _ in $(seq 100); do [ \"$(wc -l < \"$URLS\")\" -ge 1 ] && break; sleep 0.1; done; kill -TERM $SERVER; wait $SERVER"
            );
        }
        let script = format!("{}\n{run}", rewrite(setup, &bases));
        let out = common::scrubbed("bash")
            .args(["-euo", "pipefail", "-c", &script])
            .current_dir(work.path())
            .env("PATH", &path)
            .env("HOME", work.path())
            .env("JWKSCTL_HOME", home.path())
            .env("TOKEN", &tokens[0])
            // The Turso Platform API of the examples (`sync`) is the stand-in.
            .env("JWKSCTL_API_URL", &api)
            .env("TURSO_API_TOKEN", common::turso::TOKEN)
            .output()
            .unwrap();
        if !out.status.success() {
            failures.push(format!(
                "{example}\n  exit {:?}: {}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
    }
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
    assert_eq!(commands, ["jwksctl a", "jwksctl b\njwksctl c"]);
    assert_eq!(jwksctl_command("turso auth api-tokens mint jwksctl"), None);
    assert!(jwksctl_command("for u in a b; do jwksctl token mint; done > t.txt").is_some());
    assert_eq!(got[0].expected.as_deref(), Some("out1\n"));
    assert_eq!(got[1].expected, None);
    let yaml = dir.path().join("y.md");
    std::fs::write(
        &yaml,
        "```yaml\n- run: jwksctl list\n  env:\n    JWKSCTL_ORG: acme\n    TOKEN: ${{ secrets.T }}\n```\n",
    )
    .unwrap();
    let got = snippets(&yaml);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].command, "export JWKSCTL_ORG='acme'\njwksctl list");
}

/// Split a documented command line into words (single and double quotes,
/// no expansions), stopping at a redirection, pipe or comment.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut has_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                has_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if has_word || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                    has_word = false;
                }
            }
            (None, '>' | '|' | '#') => break,
            (None, c) => word.push(c),
        }
    }
    if has_word || !word.is_empty() {
        out.push(word);
    }
    out
}

/// The claim flags of every `jwksctl template` command in the docs, with the
/// provider and format flags removed.
fn documented_templates() -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for file in doc_files() {
        for snippet in snippets(&file) {
            for line in snippet.command.lines() {
                let Some(start) = line.find("jwksctl template ") else {
                    continue;
                };
                let mut args = Vec::new();
                let mut iter = words(&line[start + "jwksctl template ".len()..]).into_iter();
                while let Some(w) = iter.next() {
                    match w.as_str() {
                        "--provider" | "-o" | "--output" => {
                            iter.next();
                        }
                        "--pretty" => {}
                        _ => args.push(w),
                    }
                }
                found.push((format!("{}:{}", snippet.file, snippet.line), args));
            }
        }
    }
    found
}

fn jwksctl_out(args: &[String]) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = common::jwksctl_std(home.path())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every template example in the docs, as an Auth0 Action run in node with a
/// recording `api`, and as the Firebase script run against a recording
/// `getAuth()`, sets exactly the template's claims.
#[test]
fn every_documented_template_runs_as_auth0_action_and_firebase_script() {
    common::node::require();
    let templates = documented_templates();
    assert!(
        templates.len() >= 10,
        "only {} template examples found",
        templates.len()
    );
    for (place, args) in templates {
        let with = |extra: &[&str]| {
            let mut all = vec!["template".to_string()];
            all.extend(args.iter().cloned());
            all.extend(extra.iter().map(|s| s.to_string()));
            jwksctl_out(&all)
        };
        let claims: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&with(&[])).unwrap();
        let action = with(&["--provider", "auth0"]);
        assert_eq!(
            common::node::auth0_claims(&action),
            claims,
            "{place}: {args:?}"
        );
        let calls = common::node::firebase_calls(&with(&["--provider", "firebase"]));
        let mut want = claims.clone();
        want.insert("keep".into(), true.into());
        assert_eq!(calls.len(), 1, "{place}");
        assert_eq!(
            calls[0]["claims"],
            serde_json::Value::Object(want),
            "{place}: {args:?}"
        );
    }
}

#[test]
fn an_ellipsis_matches_within_its_own_line_only() {
    let base = &EXAMPLE_HOSTS
        .iter()
        .enumerate()
        .map(|(i, _)| format!("http://127.0.0.1:{}", i + 1))
        .collect::<Vec<_>>();
    assert!(output_matches("a\nb\n", "a\nb\n", base));
    assert!(!output_matches("a\nb\n", "a\nc\n", base));
    assert!(output_matches("x: …\n", "x: 2026-01-01\n", base));
    assert!(output_matches("x: …\n", "x: \n", base));
    assert!(output_matches("[\n  …\n]\n", "[\n  1\n]\n", base));
    // One `…` never stands for several lines, nor for a missing one.
    assert!(!output_matches("[\n  …\n]\n", "[\n  1,\n  2\n]\n", base));
    assert!(!output_matches("[\n  …\n]\n", "[\n]\n", base));
    // Text around and between ellipses must be there, in order.
    assert!(output_matches("a…b…c\n", "a1b2c\n", base));
    assert!(!output_matches("a…b…c\n", "a1c2b\n", base));
    assert!(!output_matches("x: …!\n", "x: 1\n", base));
    assert!(!output_matches("ab…ba\n", "aba\n", base));
    // Example hosts may appear as the stand-in.
    assert!(output_matches(
        "url https://auth.example.com/k\n",
        "url http://127.0.0.1:4/k\n",
        base
    ));
    assert!(!output_matches("a\n", "a", base));
}

#[test]
fn words_split_like_a_shell() {
    assert_eq!(
        words(r#"-d mydb -p 'a b:data_read' --x "q" > out.js"#),
        ["-d", "mydb", "-p", "a b:data_read", "--x", "q"]
    );
}

/// ARCHITECTURE.md matches the code: every `src/…` or `tests/…` path it names
/// exists, and every top-level module in `src/lib.rs` is named.
#[test]
fn architecture_names_every_module_and_only_real_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let named: Vec<&str> = doc
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| s.starts_with("src/") || s.starts_with("tests/"))
        .collect();
    assert!(named.len() >= 20, "only {} paths named", named.len());
    for path in &named {
        let path = path
            .split('/')
            .take_while(|p| !p.contains('{'))
            .collect::<Vec<_>>();
        let path = path.join("/");
        assert!(
            root.join(&path).exists(),
            "ARCHITECTURE.md names {path}, which does not exist"
        );
    }
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).unwrap();
    let modules: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    assert!(modules.len() >= 10, "{modules:?}");
    for module in modules {
        let file = format!("src/{module}.rs");
        let dir = format!("src/{module}/");
        assert!(
            named.iter().any(|n| *n == file || *n == dir),
            "ARCHITECTURE.md does not name the module {module} ({file} or {dir})"
        );
    }
}

/// Issue 16: every test spawns jwksctl through `tests/it/common`'s scrubbed
/// helpers, and the scrub covers the developer's settings (a
/// `JWKSCTL_REGISTRY=turso` in the shell would otherwise send test saves to
/// the real Turso API).
#[test]
fn every_spawn_goes_through_the_scrubbed_helper() {
    for name in [
        "JWKSCTL_REGISTRY",
        "JWKSCTL_ORG",
        "JWKSCTL_API_URL",
        "JWKSCTL_API_TOKEN",
        "JWKSCTL_TIMEOUT",
        "JWKSCTL_HOME",
        "JWKSCTL_ANYTHING_NEW",
        "TURSO_API_TOKEN",
        "PS_SHARED_SECRET",
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "HTTPS_PROXY",
        "https_proxy",
        "http_proxy",
        "ALL_PROXY",
        "no_proxy",
        "SSL_CERT_FILE",
        "TURSO_CONFIG_FOLDER",
        "TURSO_API_BASEURL",
        "XDG_CONFIG_HOME",
    ] {
        assert!(common::leaks(name), "{name} is not scrubbed");
    }
    for name in ["PATH", "HOME", "TERM", "LANG", "TMPDIR"] {
        assert!(!common::leaks(name), "{name} is scrubbed");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it");
    let mut bypasses = Vec::new();
    // Spelled in pieces so that this test does not find itself.
    let patterns = [
        ["cargo_", "bin("].concat(),
        ["CARGO_BIN", "_EXE_"].concat(),
        ["Command::new(", "\"bash\")"].concat(),
        ["Command::new(", "\"sh\")"].concat(),
    ];
    let mut files = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            if patterns.iter().any(|p| line.contains(p.as_str())) && !line.contains("let bin_dir") {
                bypasses.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(files >= 14, "{files}");
    assert!(
        bypasses.is_empty(),
        "spawns that bypass common::jwksctl: {bypasses:#?}"
    );
}

/// Comments cite only what is in the repository: no section of the SPEC (a document
/// outside it), and every `docs/…md` a source file names exists.
#[test]
fn comments_cite_files_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = rust_files(vec![root.join("src"), root.join("tests")]);
    assert!(files.len() > 40, "{} files", files.len());
    let spec = ["SPEC", " §"].concat();
    let mut cited = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(!text.contains(&spec), "{} cites {spec}", file.display());
        for (i, _) in text.match_indices("docs/") {
            let name: String = text[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-'))
                .collect();
            if let Some(md) = name.strip_suffix(".md").map(|n| format!("{n}.md")) {
                cited += 1;
                assert!(root.join(&md).exists(), "{} cites {md}", file.display());
            }
        }
    }
    assert!(cited >= 15, "only {cited} docs citations found");
}

/// Statements in the docs that name something in the code agree with it:
/// the Rust version the README states is Cargo.toml's `rust-version`, the
/// Auth0 page names the step the tool prints, the Firebase page installs the
/// SDK the script needs, and the registry page's Entra ID preset exists
/// under both names.
#[test]
fn docs_name_what_the_code_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let manifest = read("Cargo.toml");
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("Cargo.toml states rust-version");
    assert!(read("README.md").contains(&format!("Rust {version}+")));
    let home = tempfile::tempdir().unwrap();
    let out = common::jwksctl(home.path())
        .args(["template", "-d", "mydb", "--provider", "auth0"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Library > Create Action"));
    assert!(read("docs/auth0.md").contains("Actions > Library > Create Action"));
    assert!(!read("docs/auth0.md").contains("Build Custom"));
    assert!(read("docs/firebase.md").contains("npm install firebase-admin"));
    let out = common::jwksctl(home.path())
        .args(["template", "-d", "mydb", "--provider", "firebase"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("firebase-admin"));
    assert!(read("docs/registry.md").contains("`azure-ad`, also\naccepted as `entra`"));
    for name in ["azure-ad", "entra"] {
        let out = common::jwksctl(home.path())
            .args([
                "save",
                name,
                "--provider",
                name,
                "--set",
                "tenant_id=common",
                "--no-check",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {out:?}");
    }
    let out = common::jwksctl(home.path())
        .args(["list", "-o", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["url"], list[1]["url"]);
    // --alg's help and the docs say the same about HMAC keys (they once disagreed).
    let out = common::jwksctl(home.path())
        .args(["token", "verify", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout).replace(char::is_whitespace, " ");
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("HS* only with a secret named explicitly"),
        "{help}"
    );
    assert!(
        help.contains("the key store's HMAC keys never verify"),
        "{help}"
    );
    let tokens = read("docs/tokens.md").replace('\n', " ");
    assert!(tokens.contains(
        "The local key store's HMAC keys and a file named with a bare word never verify a token"
    ));
    let security = read("docs/security.md").replace('\n', " ");
    assert!(security.contains("HMAC keys in the local key store verify nothing unless named"));
}

/// The domain modules (and `sources.rs`, `doctor.rs`) speak no command line and print
/// nothing: no flag name (`--x`) in their code outside comments and test
/// modules, and no use of the printer (`crate::output`'s `Output`); the
/// command layer adds flags to their errors and hints and words their
/// notices, so a flag renamed in cli.rs is renamed everywhere.
#[test]
fn domain_modules_name_no_flags() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![
        root.join("notice.rs"),
        root.join("sources.rs"),
        root.join("doctor.rs"),
    ];
    let dirs = ["token", "registry", "keys", "jwks", "claims"].map(|d| root.join(d));
    files.extend(
        rust_files(dirs.to_vec())
            .into_iter()
            .filter(|p| !p.ends_with("tests.rs") && !p.ends_with("differential.rs")),
    );
    assert!(files.len() >= 20, "{} files", files.len());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("#[cfg(test)]") {
                break;
            }
            if line.trim_start().starts_with("//") {
                continue;
            }
            let flag = line.match_indices("--").any(|(at, _)| {
                line[at + 2..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_lowercase())
            });
            let printer = line.contains("Output");
            if flag || printer {
                found.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "flag names or printing in domain code: {found:#?}"
    );
}

/// Colour codes live in `output.rs` alone: other modules ask for a
/// meaning (`output::Style`), never write an escape sequence.
#[test]
fn colour_codes_only_in_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut files = 0;
    for path in rust_files(vec![root.clone()]) {
        if path == root.join("output.rs") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            let escape = ["\\x1b", "\\u{1b}", "\\u{001b}", "\\033", "\\e["]
                .iter()
                .any(|e| line.contains(e));
            if escape {
                found.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(files >= 50, "{files} files");
    assert!(
        found.is_empty(),
        "escape codes outside output.rs: {found:#?}"
    );
}

/// Every `.rs` file under `dirs`, recursively (test vectors skipped).
fn rust_files(mut dirs: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with("vectors") {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}
