//! `keys serve`: the key store's public keys as a local JWKS endpoint with
//! OpenID discovery, for PowerSync's custom-auth setup and for tests.
//!
//! An HTTP/1.1 server (hyper on a single-threaded tokio runtime, both
//! already in the tree through reqwest): every request re-reads the key
//! store, so a `keys generate` shows up without a restart. Only allowlisted
//! public members are ever served (HMAC keys are left out), with
//! `Cache-Control: max-age` and an `ETag` honoured by `If-None-Match`.
//!
//! A hostile client gets bounded resources and cannot hold up the others:
//! request heads are capped ([`MAX_HEAD_BYTES`], [`MAX_HEADERS`]) and must
//! arrive within [`HEAD_TIMEOUT`]; a connection lives at most
//! [`CONNECTION_LIFETIME`] (then it is closed after the answer in flight,
//! or at once when its client reads nothing); at most [`MAX_CONNECTIONS`]
//! are open, each polled in turn on one thread, so no thread is spawned per
//! client and one connection's pipelined requests wait for its own
//! answers to be read, not for anyone else's.

use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;
use std::time::Duration;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use http_body_util::Full;
use hyper::body::Bytes;
use serde_json::{Value, json};

use crate::error::{Error, Result};

/// The path of the JWKS document.
pub const JWKS_PATH: &str = "/.well-known/jwks.json";
/// The path of the OpenID discovery document.
pub const DISCOVERY_PATH: &str = "/.well-known/openid-configuration";
/// How long clients may cache a document.
pub const MAX_AGE_SECS: u64 = 60;
/// Most bytes in a request head (request line and headers); more is `431`.
pub const MAX_HEAD_BYTES: usize = 8 * 1024;
/// Most header lines in a request; more is `431`.
pub const MAX_HEADERS: usize = 32;
/// Most bytes buffered per connection, reading or writing (hyper's least).
pub const MAX_BUFFER: usize = 16 * 1024;
/// A request head must be complete this long after it started (slowloris).
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest a connection stays open; then it is closed once the answer
/// in flight is sent, or after [`CLOSE_GRACE`] when that answer is not read.
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(30);
/// How long a connection being closed may still take.
pub const CLOSE_GRACE: Duration = Duration::from_secs(1);
/// Most connections open at once; further clients wait in the listen queue.
pub const MAX_CONNECTIONS: usize = 256;

/// A bound server, not yet answering.
pub struct Server {
    listener: std::net::TcpListener,
    bound: SocketAddr,
    base: String,
}

/// What one request gets back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Server {
    /// Bind `listen` (`ADDR:PORT`; port 0 picks a free one).
    pub fn bind(listen: &str) -> Result<Server> {
        let addr: SocketAddr = listen.parse().map_err(|_| {
            Error::usage(format!(
                "invalid listen address {listen:?}: expected ADDR:PORT, e.g. 127.0.0.1:8080"
            ))
        })?;
        let listener = std::net::TcpListener::bind(addr)
            .map_err(|e| Error::failure(format!("cannot listen on {addr}: {e}")))?;
        let bound = listener
            .local_addr()
            .and_then(|bound| listener.set_nonblocking(true).map(|()| bound))
            .map_err(|e| Error::failure(format!("cannot listen on {addr}: {e}")))?;
        // A wildcard address is reached through loopback on this machine.
        let host = if bound.ip().is_unspecified() {
            match bound {
                SocketAddr::V4(_) => "127.0.0.1".to_string(),
                SocketAddr::V6(_) => "[::1]".to_string(),
            }
        } else {
            match bound {
                SocketAddr::V4(a) => a.ip().to_string(),
                SocketAddr::V6(a) => format!("[{}]", a.ip()),
            }
        };
        Ok(Server {
            listener,
            bound,
            base: format!("http://{host}:{}", bound.port()),
        })
    }

    /// The base URL (`http://127.0.0.1:PORT`), which is also the issuer.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The address actually listened on (`0.0.0.0:PORT` for every interface).
    pub fn bound(&self) -> SocketAddr {
        self.bound
    }

    /// Whether only this machine can connect (a loopback address).
    pub fn is_loopback(&self) -> bool {
        self.bound.ip().is_loopback()
    }

    /// Answer requests until `stop` is set, with the JWKS `jwks()` returns
    /// at the time of each request. An error starting the runtime is returned.
    pub fn run(self, stop: &Arc<AtomicBool>, jwks: &dyn Fn() -> Result<Value>) -> Result<()> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| Error::failure(format!("cannot start the server: {e}")))?;
        let base = self.base;
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::from_std(self.listener)
                .map_err(|e| Error::failure(format!("cannot listen on {}: {e}", self.bound)))?;
            let mut connections = FuturesUnordered::new();
            let mut tick = tokio::time::interval(Duration::from_millis(100));
            while !stop.load(Ordering::SeqCst) {
                let accepted = std::future::poll_fn(|cx| {
                    // Finished connections free their slot.
                    while let Poll::Ready(Some(())) = connections.poll_next_unpin(cx) {}
                    if connections.len() < MAX_CONNECTIONS
                        && let Poll::Ready(accepted) = listener.poll_accept(cx)
                    {
                        return Poll::Ready(Some(accepted));
                    }
                    // Look at `stop` again now and then.
                    tick.poll_tick(cx).map(|_| None)
                })
                .await;
                match accepted {
                    Some(Ok((stream, _))) => connections.push(connection(stream, &base, jwks)),
                    // Out of file descriptors, or the client left already:
                    // breathe, the open connections go on.
                    Some(Err(_)) => {
                        tick.tick().await;
                    }
                    None => {}
                }
            }
            Ok(())
        })
    }
}

/// One client's connection, within the limits above.
async fn connection(stream: tokio::net::TcpStream, base: &str, jwks: &dyn Fn() -> Result<Value>) {
    let _ = stream.set_nodelay(true);
    let service = hyper::service::service_fn(move |request: hyper::Request<_>| {
        let if_none_match = request
            .headers()
            .get(hyper::header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok());
        let answer = respond(
            base,
            request.method().as_str(),
            request.uri().path(),
            if_none_match,
            jwks,
        );
        let mut reply = hyper::Response::builder().status(answer.status);
        for (name, value) in answer.headers {
            reply = reply.header(name, value);
        }
        std::future::ready(reply.body(Full::new(Bytes::from(answer.body))))
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_header_size(MAX_HEAD_BYTES)
        .max_headers(MAX_HEADERS)
        .max_buf_size(MAX_BUFFER);
    let mut conn = pin!(builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service));
    // A client that went away, or broke the protocol, is no concern of
    // the server's (hyper has answered what deserves an answer).
    if tokio::time::timeout(CONNECTION_LIFETIME, conn.as_mut())
        .await
        .is_err()
    {
        conn.as_mut().graceful_shutdown();
        let _ = tokio::time::timeout(CLOSE_GRACE, conn).await;
    }
}

/// The answer to one request (pure, so it is tested without sockets).
pub fn respond(
    base: &str,
    method: &str,
    url: &str,
    if_none_match: Option<&str>,
    jwks: &dyn Fn() -> Result<Value>,
) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let doc = match path {
        JWKS_PATH => jwks().map(|doc| public_only(&doc)),
        DISCOVERY_PATH => Ok(json!({
            "issuer": base,
            "jwks_uri": format!("{base}{JWKS_PATH}"),
            "id_token_signing_alg_values_supported": crate::alg::Alg::ALL
                .iter()
                .filter(|a| !a.is_hmac())
                .map(|a| a.as_str())
                .collect::<Vec<_>>(),
        })),
        _ => {
            return error(
                404,
                "not_found",
                &format!("nothing at {path}; the JWKS is at {JWKS_PATH}"),
            );
        }
    };
    if method != "GET" && method != "HEAD" {
        return error(
            405,
            "method_not_allowed",
            &format!("{method} is not allowed; use GET"),
        );
    }
    let doc = match doc {
        Ok(doc) => doc,
        // The reason (which names the key store's path) is for the server's
        // operator, whom `jwks()` tells; a client learns only that it failed.
        Err(_) => {
            return error(
                500,
                "key_store_unreadable",
                "the key store cannot be read; the server's log says why",
            );
        }
    };
    let body = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &body);
    let etag = format!("\"{}\"", crate::jwk::b64url_encode(&digest.as_ref()[..16]));
    let mut headers = vec![
        ("Cache-Control", format!("public, max-age={MAX_AGE_SECS}")),
        ("ETag", etag.clone()),
    ];
    let matches = if_none_match.is_some_and(|v| {
        v.split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*")
    });
    if matches {
        return Response {
            status: 304,
            headers,
            body: Vec::new(),
        };
    }
    headers.push(("Content-Type", "application/json".into()));
    if method == "HEAD" {
        // The length GET would send (RFC 9110, 9.3.2), without the body.
        headers.push(("Content-Length", body.len().to_string()));
        return Response {
            status: 200,
            headers,
            body: Vec::new(),
        };
    }
    Response {
        status: 200,
        headers,
        body,
    }
}

/// The members served for each key type: RFC 7517 §4 (common), RFC 7518
/// §6.2.1 (EC), §6.3.1 (RSA) and RFC 8037 §2 (OKP) — the public ones only.
/// Anything else a key-store file carries (`d`, `priv`, `secret`, `D`…) is
/// left out, whatever its name: an allowlist, not a list of what to hide.
fn public_members(kty: &str) -> Option<&'static [&'static str]> {
    match kty {
        "RSA" => Some(&["n", "e"]),
        "EC" => Some(&["crv", "x", "y"]),
        "OKP" => Some(&["crv", "x"]),
        _ => None,
    }
}

/// Members every key type may carry and that are public.
const COMMON_MEMBERS: [&str; 8] = [
    "kty", "kid", "use", "key_ops", "alg", "x5c", "x5t", "x5t#S256",
];

/// The JWKS with only the allowlisted public members of each valid
/// asymmetric key, whatever the caller passed: the server never serves key
/// material (secret keys and unknown key types are left out whole).
fn public_only(doc: &Value) -> Value {
    let keys: Vec<Value> = doc
        .get("keys")
        .and_then(Value::as_array)
        .map(|keys| {
            keys.iter()
                .filter(|k| crate::jwk::Jwk::from_value(k).is_ok())
                .filter_map(|k| {
                    let members = public_members(k.get("kty")?.as_str()?)?;
                    let object = k.as_object()?;
                    let public: serde_json::Map<String, Value> = object
                        .iter()
                        .filter(|(name, _)| {
                            COMMON_MEMBERS.contains(&name.as_str())
                                || members.contains(&name.as_str())
                        })
                        .map(|(name, value)| (name.clone(), value.clone()))
                        .collect();
                    Some(Value::Object(public))
                })
                .collect()
        })
        .unwrap_or_default();
    json!({ "keys": keys })
}

fn error(status: u16, code: &str, message: &str) -> Response {
    let body = serde_json::to_vec(&json!({"error": code, "message": message})).unwrap_or_default();
    Response {
        status,
        headers: vec![("Content-Type", "application/json".into())],
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Result<Value> {
        Ok(json!({"keys": [
            {"kty": "oct", "kid": "h", "k": "c2VjcmV0"},
            {"kty": "RSA", "kid": "r", "n": "AQAB", "e": "AQAB", "d": "AQAB", "p": "AQ", "q": "AQ"},
        ]}))
    }

    #[test]
    fn serves_public_members_etags_and_404s() {
        let base = "http://127.0.0.1:9";
        let r = respond(base, "GET", JWKS_PATH, None, &store);
        assert_eq!(r.status, 200);
        let doc: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(doc["keys"].as_array().unwrap().len(), 1);
        for member in ["d", "p", "q", "k"] {
            assert!(doc["keys"][0].get(member).is_none(), "{member} served");
        }
        let etag = r
            .headers
            .iter()
            .find(|(n, _)| *n == "ETag")
            .unwrap()
            .1
            .clone();
        let again = respond(base, "GET", JWKS_PATH, Some(&etag), &store);
        assert_eq!((again.status, again.body.len()), (304, 0));
        let stale = respond(base, "GET", JWKS_PATH, Some("\"other\""), &store);
        assert_eq!(stale.status, 200);
        let d = respond(base, "GET", &format!("{DISCOVERY_PATH}?x=1"), None, &store);
        let doc: Value = serde_json::from_slice(&d.body).unwrap();
        assert_eq!(doc["issuer"], base);
        assert_eq!(doc["jwks_uri"], format!("{base}{JWKS_PATH}"));
        let missing = respond(base, "GET", "/nope", None, &store);
        assert_eq!(missing.status, 404);
        let body: Value = serde_json::from_slice(&missing.body).unwrap();
        assert_eq!(body["error"], "not_found");
        assert_eq!(respond(base, "POST", JWKS_PATH, None, &store).status, 405);
    }

    #[test]
    fn head_lengths_allowlists_and_500s() {
        let base = "http://127.0.0.1:9";
        let get = respond(base, "GET", JWKS_PATH, None, &store);
        let head = respond(base, "HEAD", JWKS_PATH, None, &store);
        assert_eq!((head.status, head.body.len()), (200, 0));
        assert!(
            head.headers
                .contains(&("Content-Length", get.body.len().to_string())),
            "{:?}",
            head.headers
        );
        let odd = || -> Result<Value> {
            Ok(json!({"keys": [
                {"kty": "OKP", "crv": "Ed25519", "kid": "e", "use": "sig",
                 "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                 "priv": "s1", "private_key": "s2", "secret": "s3", "D": "s4"},
                {"kty": "EC", "crv": "P-256", "kid": "p",
                 "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                 "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", "d": "s5"},
                {"kty": "weird", "kid": "w", "x": "AA"},
            ]}))
        };
        let body = respond(base, "GET", JWKS_PATH, None, &odd).body;
        let doc: Value = serde_json::from_slice(&body).unwrap();
        let members = |k: &Value| {
            let mut m: Vec<String> = k.as_object().unwrap().keys().cloned().collect();
            m.sort();
            m
        };
        assert_eq!(doc["keys"].as_array().unwrap().len(), 2, "{doc}");
        assert_eq!(members(&doc["keys"][0]), ["crv", "kid", "kty", "use", "x"]);
        assert_eq!(members(&doc["keys"][1]), ["crv", "kid", "kty", "x", "y"]);
        let broken = || -> Result<Value> { Err(Error::failure("cannot read /home/secret/keys")) };
        let failed = respond(base, "GET", JWKS_PATH, None, &broken);
        assert_eq!(failed.status, 500);
        assert!(!String::from_utf8_lossy(&failed.body).contains("/home"));
    }
}
