//! Shared test helpers: the real binary with a private home, and a
//! programmable HTTP server on 127.0.0.1 that records every request.
#![allow(dead_code)]

pub mod ed25519;
pub mod node;
pub mod python;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use assert_cmd::Command;

/// Environment variables that would leak the developer's settings into a test.
const SCRUBBED: [&str; 8] = [
    "JWKSCTL_HOME",
    "JWKSCTL_REGISTRY",
    "JWKSCTL_ORG",
    "JWKSCTL_API_URL",
    "JWKSCTL_API_TOKEN",
    "JWKSCTL_TIMEOUT",
    "TURSO_API_TOKEN",
    "NO_COLOR",
];

/// `jwksctl --home HOME` with a clean environment.
pub fn jwksctl(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("jwksctl").unwrap();
    for var in SCRUBBED {
        cmd.env_remove(var);
    }
    cmd.env("JWKSCTL_HOME", home);
    cmd
}

/// `jwksctl --home HOME` with a clean environment, as a std `Command` for
/// processes the test spawns and talks to while they run (`keys serve`).
pub fn jwksctl_spawnable(home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_jwksctl"));
    for var in SCRUBBED {
        cmd.env_remove(var);
    }
    cmd.env("JWKSCTL_HOME", home);
    cmd
}

/// `jwksctl(home)` started by `sh` after `umask MASK`, for tests of the modes
/// of what jwksctl creates.
pub fn jwksctl_with_umask(home: &Path, mask: &str) -> Command {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", &format!("umask {mask}; exec \"$0\" \"$@\"")])
        .arg(env!("CARGO_BIN_EXE_jwksctl"));
    for var in SCRUBBED {
        cmd.env_remove(var);
    }
    cmd.env("JWKSCTL_HOME", home);
    cmd
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    /// A header's value (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
}

impl Reply {
    /// 200 with a JSON body.
    pub fn json(body: impl Into<String>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into().into_bytes(),
            delay: Duration::ZERO,
        }
    }

    /// A status with a body.
    pub fn status(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            ..Reply::json(body)
        }
    }

    /// Add a header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Answer after a delay.
    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A loopback HTTP server running `handler` for each request, each on its own
/// thread (so a slow answer does not hold up the next request).
pub struct Server {
    pub base: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Server {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let base = format!("http://{}", server.server_addr().to_ip().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = requests.clone();
        let handler: Arc<Handler> = Arc::new(handler);
        thread::spawn(move || {
            for mut request in server.incoming_requests() {
                let mut body = String::new();
                let _ = request.as_reader().read_to_string(&mut body);
                let recorded = Recorded {
                    method: request.method().to_string(),
                    path: request.url().to_string(),
                    headers: request
                        .headers()
                        .iter()
                        .map(|h| (h.field.to_string(), h.value.to_string()))
                        .collect(),
                    body,
                };
                log.lock().unwrap().push(recorded.clone());
                let handler = handler.clone();
                thread::spawn(move || {
                    let reply = handler(&recorded);
                    thread::sleep(reply.delay);
                    let mut response =
                        tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
                    for (k, v) in reply.headers {
                        response.add_header(
                            tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap(),
                        );
                    }
                    let _ = request.respond(response);
                });
            }
        });
        Server { base, requests }
    }

    /// A server that answers every request with the same reply.
    pub fn fixed(reply: Reply) -> Server {
        Server::start(move |_| reply.clone())
    }

    /// `base + path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// How many requests so far.
    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

/// A JWKS document from the shared vectors.
pub fn sample(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/vectors/jwks-samples")
            .join(name),
    )
    .unwrap()
}

/// A valid one-key JWKS (Google's sample).
pub fn good_jwks() -> String {
    sample("google_oauth2_v3_certs.json")
}

/// A loopback address nothing listens on.
pub fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}/jwks.json")
}
