//! The one stand-in of the Turso Platform API the tests use: the JWKS part
//! (list, save, remove, template) and the organization list, for
//! organization `acme` (the token's personal organization; `team-x` is
//! another it belongs to), on a [`Server`] that records every request.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use super::{Recorded, Reply, Server};

/// The only token the stand-in accepts (anything else: 401). Tests check
/// that it never appears in jwksctl's output.
pub const TOKEN: &str = "tok-3f9a1c7e5b2d4680-SECRET";

/// A stateful stand-in for the Platform API that checks the bearer token
/// and the bodies, answering as turso-cli's client expects.
pub fn api() -> Server {
    let state: Arc<Mutex<BTreeMap<String, String>>> = Arc::default();
    Server::start(move |req: &Recorded| {
        if req.header("authorization") != Some(&format!("Bearer {TOKEN}")) {
            return Reply::status(401, r#"{"error":"invalid token"}"#);
        }
        let path = req.path.as_str();
        let mut state = state.lock().unwrap();
        match (req.method.as_str(), path) {
            // turso-cli's `Organizations.List`: the personal one is `type: personal`.
            ("GET", "/v2/organizations") => Reply::json(
                json!({"organizations": [
                    {"name": "team-x", "slug": "team-x", "type": "team"},
                    {"name": "acme", "slug": "acme", "type": "personal"},
                ]})
                .to_string(),
            ),
            ("GET", "/v2/organizations/acme/jwks") => {
                let jwks: Vec<Value> = state
                    .iter()
                    .map(|(n, u)| json!({"jwks_name": n, "jwks_url": u}))
                    .collect();
                Reply::json(json!({ "jwks": jwks }).to_string())
            }
            ("POST", "/v2/organizations/acme/jwks-template") => {
                let body: Value = match serde_json::from_str(&req.body) {
                    Ok(b) => b,
                    Err(_) => return Reply::status(400, r#"{"error":"bad body"}"#),
                };
                // The real server answers with the database UUID and a rid,
                // in its own member order and spacing.
                let a = if body["scope"] == "read-only" {
                    "ro"
                } else {
                    "rw"
                };
                let target = if body["database"].is_string() {
                    format!(
                        r#""id": "0b5e-uuid-{}""#,
                        body["database"].as_str().unwrap()
                    )
                } else {
                    format!(r#""gid": "{}""#, body["group"].as_str().unwrap_or(""))
                };
                Reply::json(format!(
                    r#"{{"template": {{ {target}, "a": "{a}", "rid": "r-1", "perm": {} }} }}"#,
                    body["permissions"]
                ))
            }
            ("PUT" | "DELETE", p) if p.starts_with("/v2/organizations/acme/jwks/") => {
                let name = percent_decode(&p["/v2/organizations/acme/jwks/".len()..]);
                if req.method == "PUT" {
                    let body: Value = serde_json::from_str(&req.body).unwrap_or(Value::Null);
                    let Some(url) = body["jwks_url"].as_str() else {
                        return Reply::status(400, r#"{"error":"jwks_url missing"}"#);
                    };
                    state.insert(name, url.to_string());
                    Reply::json("{}")
                } else if state.remove(&name).is_some() {
                    Reply::json("{}")
                } else {
                    Reply::status(404, r#"{"error":"jwks not found"}"#)
                }
            }
            _ => Reply::status(404, r#"{"error":"organization not found"}"#),
        }
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
