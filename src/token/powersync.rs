//! PowerSync service configurations (`--powersync-config`): the first key under
//! `client_auth.jwks.keys` with private material, the audience and the port.
//! YAML `!env NAME` values are read from the environment, as PowerSync does.

use std::path::Path;

use serde_json::Value;
use yaml_serde::Value as Yaml;

use crate::error::{Error, Result};
use crate::jwk::Jwk;

/// What minting needs from a PowerSync configuration.
#[derive(Debug, Clone)]
pub struct PowerSync {
    /// The signing key (private), with its `kid`.
    pub key: Jwk,
    /// `client_auth.audience[0]`, if any.
    pub audience: Option<String>,
    /// `port` (default 8080).
    pub port: u16,
}

impl PowerSync {
    /// The audiences a token for this service carries: the first configured
    /// audience, then the service's own URL.
    pub fn audiences(&self) -> Vec<String> {
        let mut aud: Vec<String> = self.audience.iter().cloned().collect();
        aud.push(format!("http://127.0.0.1:{}", self.port));
        aud
    }
}

/// Read and interpret a PowerSync configuration file.
pub fn load(path: &Path, env: &dyn Fn(&str) -> Option<String>) -> Result<PowerSync> {
    let shown = path.display();
    let text = crate::fsutil::read_user_text(path)?;
    let yaml: Yaml = yaml_serde::from_str(&text)
        .map_err(|e| Error::usage(format!("invalid PowerSync configuration {shown}: {e}")))?;
    let doc = resolve(yaml, env, path)?;
    let bad = |why: &str| Error::usage(format!("invalid PowerSync configuration {shown}: {why}"));
    let keys = doc
        .pointer("/client_auth/jwks/keys")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no client_auth.jwks.keys list"))?;
    let key = keys
        .iter()
        .filter_map(|k| Jwk::from_value(k).ok())
        .find(|k| k.is_private())
        .ok_or_else(|| {
            bad("no key under client_auth.jwks.keys has private material (k for HS256)")
                .with_hint("for an asymmetric key, mint with --key KID from the local key store")
        })?;
    if key.kid.is_none() {
        return Err(bad("the signing key has no kid"));
    }
    let audience = match doc.pointer("/client_auth/audience") {
        Some(Value::Array(list)) => list.first().and_then(Value::as_str).map(str::to_string),
        Some(Value::String(one)) => Some(one.clone()),
        _ => None,
    };
    let port = match doc.get("port") {
        None | Some(Value::Null) => 8080,
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|p| u16::try_from(p).ok())
            .ok_or_else(|| bad("port is not a port number"))?,
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map_err(|_| bad("port is not a port number"))?,
        Some(_) => return Err(bad("port is not a port number")),
    };
    Ok(PowerSync {
        key,
        audience,
        port,
    })
}

/// YAML to JSON, replacing `!env NAME` with the variable's value.
fn resolve(yaml: Yaml, env: &dyn Fn(&str) -> Option<String>, path: &Path) -> Result<Value> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => serde_json::to_value(&n).unwrap_or(Value::Null),
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(
            items
                .into_iter()
                .map(|i| resolve(i, env, path))
                .collect::<Result<_>>()?,
        ),
        Yaml::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let key = match k {
                    Yaml::String(s) => s,
                    other => yaml_serde::to_string(&other)
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                };
                out.insert(key, resolve(v, env, path)?);
            }
            Value::Object(out)
        }
        Yaml::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            if tag.trim_start_matches('!') == "env" {
                let name = match &tagged.value {
                    Yaml::String(s) => s.trim().to_string(),
                    _ => {
                        return Err(Error::usage(format!(
                            "{}: !env needs a variable name",
                            path.display()
                        )));
                    }
                };
                let value = env(&name).ok_or_else(|| {
                    Error::usage(format!(
                        "{} reads the environment variable {name} (!env {name}), which is not set",
                        path.display()
                    ))
                    .with_hint(format!("export {name}=… before minting"))
                })?;
                Value::String(value)
            } else {
                resolve(tagged.value, env, path)?
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_tags_audience_and_port() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("powersync.yaml");
        std::fs::write(
            &path,
            "port: 8181\nclient_auth:\n  audience: ['powersync-dev', 'powersync']\n  jwks:\n    keys:\n      - kty: oct\n        alg: HS256\n        kid: powersync-dev\n        k: !env PS_SHARED_SECRET\n",
        )
        .unwrap();
        let ps = load(&path, &|n| {
            (n == "PS_SHARED_SECRET").then(|| "c2VjcmV0".to_string())
        })
        .unwrap();
        assert_eq!(ps.key.kid.as_deref(), Some("powersync-dev"));
        assert_eq!(ps.key.private_member("k"), Some("c2VjcmV0"));
        assert_eq!(ps.audiences(), ["powersync-dev", "http://127.0.0.1:8181"]);
        let e = load(&path, &|_| None).unwrap_err();
        assert!(e.message().contains("PS_SHARED_SECRET"), "{e}");
        assert!(!format!("{:?}", ps.key).contains("c2VjcmV0"));
    }
}
