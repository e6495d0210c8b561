//! Shared test helpers: the real binary with a private home, and a
//! programmable HTTP server on 127.0.0.1 that records every request.

pub mod ed25519;
pub mod node;
pub mod python;
pub mod turso;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use assert_cmd::Command;

/// Whether the developer's environment variable NAME could change what
/// jwksctl does in a test: its own settings, the Turso CLI's token, PowerSync
/// `!env` secrets, colour switches, proxies and extra CA certificates. A test
/// that needs one sets it explicitly after the helper.
pub fn leaks(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["JWKSCTL_", "TURSO_", "PS_"]
        .iter()
        .any(|prefix| upper.starts_with(prefix))
        || upper.ends_with("_PROXY")
        || [
            "NO_COLOR",
            "CLICOLOR",
            "CLICOLOR_FORCE",
            "FORCE_COLOR",
            "SSL_CERT_FILE",
            "SSL_CERT_DIR",
            // Where the Turso CLI's login is looked for (with HOME, which
            // the helpers point into the test's directory).
            "XDG_CONFIG_HOME",
        ]
        .contains(&upper.as_str())
}

/// PROGRAM with every [`leaks`] variable of this process removed: the one
/// place tests spawn anything that runs jwksctl (directly or through a shell).
pub fn scrubbed(program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_none_or(leaks) {
            cmd.env_remove(&name);
        }
    }
    cmd
}

/// The jwksctl binary with a scrubbed environment and `JWKSCTL_HOME=HOME`,
/// as a `std::process::Command` (for spawning children, pseudo-terminals).
/// `HOME` is the test's directory too, so the Turso CLI's login is looked
/// for there (`HOME/.config/turso`), never in the developer's.
pub fn jwksctl_std(home: &Path) -> std::process::Command {
    let mut cmd = scrubbed(env!("CARGO_BIN_EXE_jwksctl"));
    cmd.env("JWKSCTL_HOME", home).env("HOME", home);
    cmd
}

/// A running `keys serve` started with `args`, and its base URL (the first
/// line of its stdout); stdout is then dropped, stderr left piped.
pub fn keys_serve(home: &Path, args: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = jwksctl_std(home)
        .args(["keys", "serve"])
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line.trim().to_string())
}

/// `jwksctl` with a scrubbed environment and `JWKSCTL_HOME=HOME`.
pub fn jwksctl(home: &Path) -> Command {
    Command::from_std(jwksctl_std(home))
}

/// `jwksctl(home)` started by `sh` after `umask MASK`, for tests of the modes
/// of what jwksctl creates.
pub fn jwksctl_with_umask(home: &Path, mask: &str) -> Command {
    let mut cmd = scrubbed("sh");
    cmd.args(["-c", &format!("umask {mask}; exec \"$0\" \"$@\"")])
        .arg(env!("CARGO_BIN_EXE_jwksctl"))
        .env("JWKSCTL_HOME", home)
        .env("HOME", home);
    Command::from_std(cmd)
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
    /// Send the body one byte at a time, pausing this long after each.
    pub trickle: Option<Duration>,
}

impl Reply {
    /// 200 with a JSON body.
    pub fn json(body: impl Into<String>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into().into_bytes(),
            delay: Duration::ZERO,
            trickle: None,
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

    /// Send the headers at once, then the body one byte every `pause`
    /// (until the client hangs up).
    pub fn trickled(mut self, pause: Duration) -> Reply {
        self.trickle = Some(pause);
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A loopback HTTP server running `handler` for each request, each
/// connection on its own thread (so a slow answer does not hold up the next
/// request, and many clients at once are all served). HTTP/1.1 with
/// `Connection: close`: one request per connection, a body by
/// `Content-Length`.
pub struct Server {
    pub base: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    answered: Arc<std::sync::atomic::AtomicUsize>,
}

impl Server {
    pub fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Server {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = requests.clone();
        let handler: Arc<Handler> = Arc::new(handler);
        let answered = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let done = answered.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (log, handler, done) = (log.clone(), handler.clone(), done.clone());
                thread::spawn(move || {
                    if serve_tcp(stream, &log, &*handler) {
                        done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                });
            }
        });
        Server {
            base,
            requests,
            answered,
        }
    }

    /// How many replies the server has finished sending (a delayed reply
    /// counts once its delay is over): a client that gave up at its timeout
    /// exits while this is still 0.
    pub fn answered(&self) -> usize {
        self.answered.load(std::sync::atomic::Ordering::SeqCst)
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

/// A loopback HTTPS server: [`Server`]'s handler and recording behind TLS,
/// with a certificate for `127.0.0.1` and `localhost` issued by a CA made
/// for this server alone. jwksctl trusts that CA only when a test sets
/// `SSL_CERT_FILE` to [`TlsServer::ca_file`] (rustls-platform-verifier reads
/// the system roots through rustls-native-certs, which honours it on Linux).
pub struct TlsServer {
    /// `https://127.0.0.1:PORT`.
    pub base: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    _dir: tempfile::TempDir,
    ca_file: std::path::PathBuf,
}

impl TlsServer {
    pub fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> TlsServer {
        use rcgen::{
            BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
            KeyPair, KeyUsagePurpose,
        };
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "jwksctl test CA");
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca, ca_key);
        let leaf_key = KeyPair::generate().unwrap();
        let mut leaf =
            CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()]).unwrap();
        leaf.distinguished_name
            .push(DnType::CommonName, "127.0.0.1");
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let leaf_cert = leaf.signed_by(&leaf_key, &issuer).unwrap();

        let dir = tempfile::tempdir().unwrap();
        let ca_file = dir.path().join("ca.pem");
        std::fs::write(&ca_file, ca_cert.pem()).unwrap();

        let key = rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into());
        let config = Arc::new(
            rustls::ServerConfig::builder()
                .with_no_client_auth()
                .with_single_cert(vec![leaf_cert.der().clone()], key)
                .unwrap(),
        );
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("https://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = requests.clone();
        let handler: Arc<Handler> = Arc::new(handler);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (log, handler, config) = (log.clone(), handler.clone(), config.clone());
                thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
                    let Ok(conn) = rustls::ServerConnection::new(config) else {
                        return;
                    };
                    let mut tls = rustls::StreamOwned::new(conn, stream);
                    serve(&mut tls, &log, &*handler);
                    tls.conn.send_close_notify();
                    let _ = std::io::Write::flush(&mut tls);
                });
            }
        });
        TlsServer {
            base,
            requests,
            _dir: dir,
            ca_file,
        }
    }

    /// The PEM file of the CA that issued the server's certificate.
    pub fn ca_file(&self) -> &Path {
        &self.ca_file
    }

    /// `base + path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// How many requests so far (a client that refused the certificate
    /// sends none).
    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

/// One request on one connection: read it, record it, answer, close.
/// True when the reply was sent (after its delay).
fn serve_tcp(stream: std::net::TcpStream, log: &Mutex<Vec<Recorded>>, handler: &Handler) -> bool {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    serve(&mut &stream, log, handler)
}

/// One request read from STREAM (plain or TLS), recorded and answered.
fn serve(
    stream: &mut (impl std::io::Read + std::io::Write),
    log: &Mutex<Vec<Recorded>>,
    handler: &Handler,
) -> bool {
    use std::io::{BufRead, BufReader, Read};
    let mut reader = BufReader::new(&mut *stream);
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return false;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 {
            return false;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    if reader.read_exact(&mut body).is_err() {
        return false;
    }
    let recorded = Recorded {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    log.lock().unwrap().push(recorded.clone());
    let reply = handler(&recorded);
    thread::sleep(reply.delay);
    let mut out = format!("HTTP/1.1 {} X\r\n", reply.status);
    for (k, v) in &reply.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        reply.body.len()
    ));
    drop(reader);
    let _ = stream
        .write_all(out.as_bytes())
        .and_then(|()| match reply.trickle {
            None => stream.write_all(&reply.body),
            Some(pause) => reply.body.chunks(1).try_for_each(|byte| {
                stream.write_all(byte)?;
                stream.flush()?;
                thread::sleep(pause);
                Ok(())
            }),
        })
        .and_then(|()| stream.flush());
    true
}

/// The public test vectors (tests/vectors, sources in its README).
pub fn vectors() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

/// `jwksctl ARGS` that must succeed; its stdout.
pub fn stdout(home: &Path, args: &[&str]) -> String {
    let out = jwksctl(home).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
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
