//! `keys serve`: the key store's public keys as a local JWKS endpoint with
//! OpenID discovery, for PowerSync's custom-auth setup and for tests.
//!
//! A small blocking server (tiny_http, no async runtime): every request
//! re-reads the key store, so a `keys generate` shows up without a restart.
//! Only public members are ever served (HMAC keys are left out), with
//! `Cache-Control: max-age` and an `ETag` honoured by `If-None-Match`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::{Value, json};

use crate::error::{Error, Result};

/// The path of the JWKS document.
pub const JWKS_PATH: &str = "/.well-known/jwks.json";
/// The path of the OpenID discovery document.
pub const DISCOVERY_PATH: &str = "/.well-known/openid-configuration";
/// How long clients may cache a document.
pub const MAX_AGE_SECS: u64 = 60;

/// A bound server, not yet answering.
pub struct Server {
    http: tiny_http::Server,
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
        let addr: std::net::SocketAddr = listen.parse().map_err(|_| {
            Error::usage(format!(
                "invalid listen address {listen:?}: expected ADDR:PORT, e.g. 127.0.0.1:8080"
            ))
        })?;
        let http = tiny_http::Server::http(addr)
            .map_err(|e| Error::failure(format!("cannot listen on {addr}: {e}")))?;
        let bound = http
            .server_addr()
            .to_ip()
            .ok_or_else(|| Error::failure(format!("cannot listen on {addr}")))?;
        // A wildcard address is reached through loopback on this machine.
        let host = if bound.ip().is_unspecified() {
            match bound {
                std::net::SocketAddr::V4(_) => "127.0.0.1".to_string(),
                std::net::SocketAddr::V6(_) => "[::1]".to_string(),
            }
        } else {
            match bound {
                std::net::SocketAddr::V4(a) => a.ip().to_string(),
                std::net::SocketAddr::V6(a) => format!("[{}]", a.ip()),
            }
        };
        Ok(Server {
            http,
            base: format!("http://{host}:{}", bound.port()),
        })
    }

    /// The base URL (`http://127.0.0.1:PORT`), which is also the issuer.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Answer requests until `stop` is set, with the JWKS `jwks()` returns
    /// at the time of each request.
    pub fn run(&self, stop: &Arc<AtomicBool>, jwks: &dyn Fn() -> Result<Value>) {
        while !stop.load(Ordering::SeqCst) {
            let request = match self.http.recv_timeout(Duration::from_millis(100)) {
                Ok(Some(r)) => r,
                Ok(None) => continue,
                // Interrupted by a signal, or the listener failed: look at `stop` again.
                Err(_) => continue,
            };
            let if_none_match = request
                .headers()
                .iter()
                .find(|h| h.field.equiv("If-None-Match"))
                .map(|h| h.value.to_string());
            let method = request.method().as_str().to_string();
            let response = respond(
                &self.base,
                &method,
                request.url(),
                if_none_match.as_deref(),
                jwks,
            );
            let mut reply =
                tiny_http::Response::from_data(response.body).with_status_code(response.status);
            for (name, value) in response.headers {
                if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                    reply.add_header(h);
                }
            }
            // A client that went away is no concern of the server's.
            let _ = request.respond(reply);
        }
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
        Err(e) => return error(500, "key_store_unreadable", e.message()),
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
    Response {
        status: 200,
        headers,
        body: if method == "HEAD" { Vec::new() } else { body },
    }
}

/// The JWKS with every private member removed and secret keys left out,
/// whatever the caller passed: the server never serves key material.
fn public_only(doc: &Value) -> Value {
    let keys: Vec<Value> = doc
        .get("keys")
        .and_then(Value::as_array)
        .map(|keys| {
            keys.iter()
                .filter(|k| k.get("kty").and_then(Value::as_str) != Some("oct"))
                .filter_map(|k| crate::jwk::Jwk::from_value(k).ok())
                .filter_map(|k| serde_json::to_value(k.to_public()).ok())
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
}
