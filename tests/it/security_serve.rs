//! The second security review (docs/security.md), MEDIUM 1 and LOW 5–6: `keys
//! serve` under attack. Each test runs the real server, plays the hostile
//! client over raw TCP and checks that another client is still answered
//! within the bound (one second), that the server's peak memory
//! (`VmHWM` in /proc/PID/status) stays under 64 MB, and that what it serves
//! and says gives nothing away.

use crate::common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use common::jwksctl;
use serde_json::Value;

/// The bounds.
const MEMORY_BOUND_KB: u64 = 64 * 1024;
const OTHER_CLIENT_BOUND: Duration = Duration::from_secs(1);

/// A running `keys serve`, its port, and what it printed on stderr so far
/// (collected by a thread).
struct Serving {
    child: Child,
    port: u16,
    base: String,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Serving {
    fn start(home: &Path, listen: &str) -> Serving {
        let (mut child, base) = common::keys_serve(home, &["--listen", listen]);
        let port = base.rsplit(':').next().unwrap().parse().unwrap();
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = stderr.clone();
        let mut pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Serving {
            child,
            port,
            base,
            stderr,
        }
    }

    fn connect(&self) -> TcpStream {
        TcpStream::connect(("127.0.0.1", self.port)).unwrap()
    }

    /// A field of /proc/PID/status, in its unit (kB for memory).
    fn status(&self, field: &str) -> u64 {
        let text = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{field}:")))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {field} in /proc status"))
    }

    /// A second, well-behaved client: GET the JWKS on a new connection.
    /// The status code (0 when there was no answer within 10 s) and how
    /// long the answer took.
    fn other_client(&self) -> (u16, Duration) {
        let started = Instant::now();
        let mut s = self.connect();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(b"GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer);
        let status = String::from_utf8_lossy(&answer)
            .strip_prefix("HTTP/1.1 ")
            .and_then(|r| r.get(..3))
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (status, started.elapsed())
    }

    /// The server still answers others at once, and has stayed small.
    fn assert_unharmed(&self, attack: &str) {
        let (status, took) = self.other_client();
        let hwm = self.status("VmHWM");
        println!(
            "{attack}: another client answered {status} in {took:?}; VmHWM {} MB",
            hwm / 1024
        );
        assert_eq!(status, 200, "{attack}: another client not answered");
        assert!(
            took < OTHER_CLIENT_BOUND,
            "{attack}: another client waited {took:?}"
        );
        assert!(hwm < MEMORY_BOUND_KB, "{attack}: VmHWM {hwm} kB");
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn home_with_key() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    jwksctl(home.path())
        .args(["keys", "generate", "--alg", "EdDSA", "--kid", "ed"])
        .assert()
        .success();
    home
}

/// Write `chunk` `times` times to `stream` until the server stops taking
/// it; how many bytes it took.
fn flood(stream: &mut TcpStream, head: &[u8], chunk: &[u8], times: usize) -> usize {
    stream
        .set_write_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut sent = 0;
    if stream.write_all(head).is_err() {
        return sent;
    }
    sent += head.len();
    for _ in 0..times {
        if stream.write_all(chunk).is_err() {
            break;
        }
        sent += chunk.len();
    }
    sent
}

/// One connection pipelines 20,000 GETs and never reads an answer. The
/// server answers it only as fast as it reads, so it buffers little, and
/// everyone else is answered meanwhile.
#[test]
fn pipelined_requests_left_unread_starve_no_one() {
    let home = home_with_key();
    let server = Serving::start(home.path(), "127.0.0.1:0");
    let mut attacker = server.connect();
    let hold = attacker.try_clone().unwrap();
    let writer = std::thread::spawn(move || {
        let request = b"GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\n\r\n";
        flood(&mut attacker, b"", request, 20_000)
    });
    // Let the server fill its buffers and the socket's with answers.
    std::thread::sleep(Duration::from_millis(500));
    server.assert_unharmed("20,000 pipelined GETs, answers unread");
    hold.shutdown(Shutdown::Both).unwrap();
    writer.join().unwrap();
    server.assert_unharmed("after the pipelining client left");
}

/// 100 MiB of header lines, and one 300 MiB header line: the server stops
/// reading after its head limit (8 KiB), answers 431 and closes, so the
/// attacker cannot even send it all; memory stays flat.
#[test]
fn endless_headers_are_cut_off() {
    let home = home_with_key();
    let server = Serving::start(home.path(), "127.0.0.1:0");
    let head = b"GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\n";
    let line = [b"X-Filler: ".as_slice(), &[b'a'; 1014], b"\r\n"].concat();
    let cases: [(&str, &[u8], usize); 2] = [
        ("100 MiB of header lines", &line, 100 * 1024),
        ("one 300 MiB header line", &[b'a'; 64 * 1024], 300 * 16),
    ];
    for (attack, chunk, times) in cases {
        let mut attacker = server.connect();
        let head = if times == 300 * 16 {
            [head.as_slice(), b"X-Long: "].concat()
        } else {
            head.to_vec()
        };
        let total = head.len() + chunk.len() * times;
        let sent = flood(&mut attacker, &head, chunk, times);
        assert!(
            sent < total / 10,
            "{attack}: the server took {sent} of {total} bytes"
        );
        // What the server said before closing, if the close let it through.
        attacker
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut answer = Vec::new();
        let _ = attacker.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 431 "),
            "{attack}: {answer}"
        );
        server.assert_unharmed(attack);
    }
}

/// 200 connections each send half a request and wait (slowloris). Another
/// client is answered at once, the server holds no thread per connection,
/// and the half-sent requests are closed after the head timeout (5 s).
#[test]
fn idle_half_sent_requests_are_timed_out() {
    let home = home_with_key();
    let server = Serving::start(home.path(), "127.0.0.1:0");
    let started = Instant::now();
    let mut idle: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut s = server.connect();
            s.write_all(b"GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    server.assert_unharmed("200 idle half-sent requests");
    let threads = server.status("Threads");
    assert!(threads <= 4, "{threads} threads for 200 connections");
    // Each is closed by the server (a 408 or nothing, then end of stream)
    // well before the attacker would give up.
    for s in &mut idle {
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut rest = Vec::new();
        let closed = match s.read_to_end(&mut rest) {
            Ok(_) => true,
            Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
        };
        assert!(closed, "still open after {:?}", started.elapsed());
    }
    let took = started.elapsed();
    println!("200 half-sent requests all closed after {took:?}");
    assert!(took < Duration::from_secs(20), "closed after {took:?}");
    server.assert_unharmed("after the idle connections were closed");
}

/// LOW 6: `HEAD` says how long the document is; an `HTTP/2.0` request line
/// is answered (and the connection closed), not left hanging; a key store
/// that cannot be read is a 500 whose body names no path (the server's own
/// stderr says why).
#[test]
fn head_http2_and_500_answers_give_the_truth_and_nothing_more() {
    let home = home_with_key();
    let server = Serving::start(home.path(), "127.0.0.1:0");
    let raw = |request: &[u8]| {
        let mut s = server.connect();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s.write_all(request).unwrap();
        let mut answer = Vec::new();
        let result = s.read_to_end(&mut answer);
        (
            result.is_ok(),
            String::from_utf8_lossy(&answer).into_owned(),
        )
    };
    let (_, get) =
        raw(b"GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let body_len = get.split_once("\r\n\r\n").unwrap().1.len();
    let (_, head) =
        raw(b"HEAD /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("\r\ncontent-length: {body_len}\r\n"))
            && head.ends_with("\r\n\r\n"),
        "{head}"
    );
    let (closed, answer) = raw(b"GET /.well-known/jwks.json HTTP/2.0\r\nHost: x\r\n\r\n");
    assert!(closed, "HTTP/2.0 request left hanging");
    assert!(
        answer.starts_with("HTTP/1.1 400 ") || answer.starts_with("HTTP/1.1 505 "),
        "{answer}"
    );

    use std::os::unix::fs::PermissionsExt;
    let keys = home.path().join("data/keys");
    std::fs::set_permissions(&keys, std::fs::Permissions::from_mode(0o777)).unwrap();
    let (_, answer) =
        raw(b"GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 500 "), "{answer}");
    let home_text = home.path().display().to_string();
    assert!(!answer.contains(&home_text), "{answer}");
    assert!(answer.contains("key_store_unreadable"), "{answer}");
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        server.stderr().contains(&format!(
            "warning: answered 500: {} is writable",
            keys.display()
        )),
        "{}",
        server.stderr()
    );
}

/// LOW 5: a key-store file carrying private material under names no
/// denylist knows (`priv`, `private_key`, `secret`, `D`) serves none of it:
/// only each key type's public members go out.
#[test]
fn only_allowlisted_public_members_are_served() {
    let home = home_with_key();
    let file = home.path().join("data/keys/ed.json");
    let mut key: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    for member in ["priv", "private_key", "secret", "D", "seed"] {
        key[member] = Value::String("SECRET-MATERIAL".into());
    }
    std::fs::write(&file, key.to_string()).unwrap();
    let server = Serving::start(home.path(), "127.0.0.1:0");
    let body = reqwest::blocking::get(format!("{}/.well-known/jwks.json", server.base))
        .unwrap()
        .text()
        .unwrap();
    assert!(!body.contains("SECRET-MATERIAL"), "{body}");
    let doc: Value = serde_json::from_str(&body).unwrap();
    let mut members: Vec<&str> = doc["keys"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    members.sort();
    assert_eq!(members, ["alg", "crv", "kid", "kty", "use", "x"], "{body}");
}

/// MEDIUM 1: listening on every interface says so: the real address, and
/// a warning that other machines can reach the server.
#[test]
fn a_wildcard_listen_address_is_named_and_warned_about() {
    let home = home_with_key();
    let server = Serving::start(home.path(), "0.0.0.0:0");
    let (status, _) = server.other_client();
    assert_eq!(status, 200);
    let deadline = Instant::now() + Duration::from_secs(5);
    while !server.stderr().contains("Ctrl-C") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let stderr = server.stderr();
    assert!(
        stderr.contains(&format!("listening on 0.0.0.0:{}", server.port))
            && stderr.contains(
                "warning: 0.0.0.0 is not a loopback address: other machines can reach this server"
            ),
        "{stderr}"
    );
    let local = Serving::start(home.path(), "127.0.0.1:0");
    let (status, _) = local.other_client();
    assert_eq!(status, 200);
    std::thread::sleep(Duration::from_millis(200));
    assert!(!local.stderr().contains("loopback"), "{}", local.stderr());
}
