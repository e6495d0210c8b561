//! PowerSync service configurations (`--powersync-config`): the first key under
//! `client_auth.jwks.keys` with private material, the audience and the port.
//!
//! YAML `!env NAME` is resolved only where it holds key material: the HMAC
//! secret `k` of a key under `client_auth.jwks.keys`, and only for variables
//! named `PS_…`, the prefix PowerSync itself requires. PowerSync resolves
//! `!env` anywhere, but jwksctl copies `kid`, the audience and the port into
//! the token it prints, so a config from someone else could otherwise copy any
//! environment secret (`kid: !env PS_SHARED_SECRET`) into it. There `!env` is
//! an error naming the field; in fields jwksctl does not read (`storage`,
//! `replication`, …) it is left alone and the variable is never read.

use std::path::Path;

use serde_json::Value;
use yaml_serde::Value as Yaml;

use crate::error::{Error, Result};
use crate::jwk::Jwk;

/// The prefix PowerSync requires of every `!env` variable.
const ENV_PREFIX: &str = "PS_";

/// What minting needs from a PowerSync configuration.
#[derive(Debug, Clone)]
pub struct PowerSync {
    /// The signing key (private), with its `kid`.
    pub key: Jwk,
    /// `client_auth.audience[0]`, if any.
    pub audience: Option<String>,
    /// `port` (default 8080).
    pub port: u16,
    /// Why the audiences cannot be taken from the file (an `!env` in
    /// `client_auth.audience` or `port`), reported only when they are needed.
    audience_error: Option<Error>,
}

impl PowerSync {
    /// The audiences a token for this service carries: the first configured
    /// audience, then the service's own URL.
    pub fn audiences(&self) -> Result<Vec<String>> {
        if let Some(e) = &self.audience_error {
            return Err(e.clone());
        }
        let mut aud: Vec<String> = self.audience.iter().cloned().collect();
        aud.push(format!("http://127.0.0.1:{}", self.port));
        Ok(aud)
    }
}

/// One step of the path to a YAML value, to name a field in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The dotted name of a field: `client_auth.jwks.keys[0].kid`.
fn field_name(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Whether `path` is `client_auth.jwks.keys[i].k` or
/// `client_auth.supabase_jwt_secret`, the secrets whose `!env` is resolved.
fn is_key_material(path: &[Step]) -> bool {
    matches!(path, [Step::Key(a), Step::Key(b), Step::Key(c), Step::Index(_), Step::Key(m)]
        if a == "client_auth" && b == "jwks" && c == "keys" && m == "k")
        || matches!(path, [Step::Key(a), Step::Key(b)]
        if a == "client_auth" && b == "supabase_jwt_secret")
}

/// `!env` tags left unresolved: the field and the variable it names.
type Unresolved = Vec<(Vec<Step>, String)>;

/// The file as JSON, `!env` resolved where it holds key material.
fn parse(path: &Path, env: &dyn Fn(&str) -> Option<String>) -> Result<(Value, Unresolved)> {
    let shown = path.display();
    let text = crate::fsutil::read_user_text(path)?;
    crate::yaml_guard::check(&text)
        .map_err(|e| Error::usage(format!("PowerSync configuration {shown} refused: {e}")))?;
    let yaml: Yaml = yaml_serde::from_str(&text)
        .map_err(|e| Error::usage(format!("invalid PowerSync configuration {shown}: {e}")))?;
    let mut unresolved = Unresolved::new();
    let doc = resolve(yaml, &mut Vec::new(), env, path, &mut unresolved)?;
    Ok((doc, unresolved))
}

/// The keys a PowerSync service verifies with, as it reads its `client_auth`.
#[derive(Debug, Clone, Default)]
pub struct ServiceKeys {
    /// `client_auth.jwks.keys` (asymmetric keys as their public part).
    pub keys: Vec<Jwk>,
    /// `client_auth.jwks_uri`, a string or a list.
    pub jwks_uris: Vec<String>,
    /// `client_auth.supabase_jwt_secret` when `supabase: true`: an HS256
    /// key without `kid` (a wildcard), `k` = the secret's UTF-8 bytes.
    pub supabase: Option<Jwk>,
    /// `client_auth.audience`.
    pub audiences: Vec<String>,
}

/// Hints the commands may word for their flags (they name no flag here).
pub const HINT_GIVE_VALUES: &str = "give the audience and the keys yourself instead";
/// See [`HINT_GIVE_VALUES`].
pub const HINT_LOCAL_KEY: &str = "for an asymmetric key, mint with a key from the local key store";
/// See [`HINT_GIVE_VALUES`].
pub const HINT_GIVE_AUDIENCE: &str = "give the audience yourself instead";

/// The label suffix of a PowerSync configuration's Supabase secret source:
/// its tokens have their own audience and lifetime in PowerSync.
pub const SUPABASE_LABEL: &str = "client_auth.supabase_jwt_secret";

/// Read the keys and audience of a PowerSync configuration for `verify`.
pub fn load_service(path: &Path, env: &dyn Fn(&str) -> Option<String>) -> Result<ServiceKeys> {
    let shown = path.display();
    let (doc, unresolved) = parse(path, env)?;
    let bad = |why: String| Error::usage(format!("invalid PowerSync configuration {shown}: {why}"));
    if let Some((field, var)) = unresolved
        .iter()
        .find(|(f, _)| matches!(f.first(), Some(Step::Key(k)) if k == "client_auth"))
    {
        return Err(bad(format!(
            "{} is read from the environment (!env {var}); jwksctl resolves !env only in a key's secret `k`",
            field_name(field)
        ))
        .with_hint(HINT_GIVE_VALUES));
    }
    let auth = doc.get("client_auth").cloned().unwrap_or(Value::Null);
    let mut out = ServiceKeys::default();
    if let Some(keys) = auth.pointer("/jwks/keys") {
        let Value::Array(keys) = keys else {
            return Err(bad("client_auth.jwks.keys is not a list".into()));
        };
        for (i, key) in keys.iter().enumerate() {
            let jwk = Jwk::from_value(key)
                .map_err(|e| bad(format!("client_auth.jwks.keys[{i}]: {e}")))?;
            out.keys.push(if jwk.kty == "oct" {
                jwk
            } else {
                jwk.to_public()
            });
        }
    }
    match auth.get("jwks_uri") {
        None | Some(Value::Null) => {}
        Some(Value::String(u)) => out.jwks_uris.push(u.clone()),
        Some(Value::Array(list)) => {
            for u in list {
                let u = u
                    .as_str()
                    .ok_or_else(|| bad("client_auth.jwks_uri holds a non-string".into()))?;
                out.jwks_uris.push(u.to_string());
            }
        }
        Some(_) => return Err(bad("client_auth.jwks_uri is not a string or a list".into())),
    }
    if auth.get("supabase") == Some(&Value::Bool(true))
        && let Some(secret) = auth.get("supabase_jwt_secret").and_then(Value::as_str)
    {
        let mut jwk = crate::keys::convert::base_jwk("oct");
        jwk.alg = Some("HS256".into());
        jwk.extra.insert(
            "k".into(),
            crate::jwk::b64url_encode(secret.as_bytes()).into(),
        );
        out.supabase = Some(jwk);
    }
    match auth.get("audience") {
        None | Some(Value::Null) => {}
        Some(Value::String(a)) => out.audiences.push(a.clone()),
        Some(Value::Array(list)) => out
            .audiences
            .extend(list.iter().filter_map(Value::as_str).map(str::to_string)),
        Some(_) => return Err(bad("client_auth.audience is not a list".into())),
    }
    if out.keys.is_empty() && out.jwks_uris.is_empty() && out.supabase.is_none() {
        return Err(bad(
            "client_auth has no keys (jwks, jwks_uri or supabase_jwt_secret)".into(),
        ));
    }
    Ok(out)
}

/// Read and interpret a PowerSync configuration file.
pub fn load(path: &Path, env: &dyn Fn(&str) -> Option<String>) -> Result<PowerSync> {
    let shown = path.display();
    let (doc, unresolved) = parse(path, env)?;
    let bad = |why: &str| Error::usage(format!("invalid PowerSync configuration {shown}: {why}"));
    // An `!env` in a field that reaches the token (or decides the key) is refused.
    let refused = |(field, var): &(Vec<Step>, String)| {
        bad(&format!(
            "{} is read from the environment (!env {var}); jwksctl resolves !env only in a key's secret `k`, never in a value that is copied into the token",
            field_name(field)
        ))
    };
    let under = |field: &[Step], prefix: &[Step]| field.starts_with(prefix);
    let keys_path = [
        Step::Key("client_auth".into()),
        Step::Key("jwks".into()),
        Step::Key("keys".into()),
    ];
    let keys = doc
        .pointer("/client_auth/jwks/keys")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no client_auth.jwks.keys list"))?;
    let Some((index, key)) = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| Jwk::from_value(k).ok().map(|k| (i, k)))
        .find(|(_, k)| k.is_private())
    else {
        // A key member from the environment may be why no key qualifies.
        if let Some(found) = unresolved.iter().find(|(f, _)| under(f, &keys_path)) {
            return Err(refused(found));
        }
        return Err(
            bad("no key under client_auth.jwks.keys has private material (k for HS256)")
                .with_hint(HINT_LOCAL_KEY),
        );
    };
    let mut key_path = keys_path.to_vec();
    key_path.push(Step::Index(index));
    if let Some(found) = unresolved.iter().find(|(f, _)| under(f, &key_path)) {
        return Err(refused(found));
    }
    if key.kid.is_none() {
        return Err(bad("the signing key has no kid"));
    }
    let audience_error = unresolved
        .iter()
        .find(|(f, _)| {
            under(
                f,
                &[
                    Step::Key("client_auth".into()),
                    Step::Key("audience".into()),
                ],
            ) || under(f, &[Step::Key("port".into())])
        })
        .map(|found| refused(found).with_hint(HINT_GIVE_AUDIENCE));
    let audience = match doc.pointer("/client_auth/audience") {
        Some(Value::Array(list)) => list.first().and_then(Value::as_str).map(str::to_string),
        Some(Value::String(one)) => Some(one.clone()),
        _ => None,
    };
    let port = match doc.get("port") {
        _ if audience_error.is_some() => 8080,
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
        audience_error,
    })
}

/// YAML to JSON. `!env NAME` becomes the variable's value at a key's `k`;
/// anywhere else it becomes null and is recorded in `unresolved`.
fn resolve(
    yaml: Yaml,
    at: &mut Vec<Step>,
    env: &dyn Fn(&str) -> Option<String>,
    path: &Path,
    unresolved: &mut Unresolved,
) -> Result<Value> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => serde_json::to_value(&n).unwrap_or(Value::Null),
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                at.push(Step::Index(i));
                let value = resolve(item, at, env, path, unresolved);
                at.pop();
                out.push(value?);
            }
            Value::Array(out)
        }
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
                at.push(Step::Key(key.clone()));
                let value = resolve(v, at, env, path, unresolved);
                at.pop();
                out.insert(key, value?);
            }
            Value::Object(out)
        }
        Yaml::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            if tag.trim_start_matches('!') != "env" {
                return resolve(tagged.value, at, env, path, unresolved);
            }
            let field = field_name(at);
            let name = match &tagged.value {
                Yaml::String(s) => s.trim().to_string(),
                _ => {
                    return Err(Error::usage(format!(
                        "{}: {field}: !env needs a variable name",
                        path.display()
                    )));
                }
            };
            if !is_key_material(at) {
                unresolved.push((at.clone(), name));
                return Ok(Value::Null);
            }
            // PowerSync's `NAME::string` form; a secret is never a number or boolean.
            let var = name.strip_suffix("::string").unwrap_or(&name);
            if !var.starts_with(ENV_PREFIX) || var.contains("::") {
                return Err(Error::usage(format!(
                    "{}: {field}: !env {name} is not a variable PowerSync substitutes: the name must start with {ENV_PREFIX} (and name a string)",
                    path.display()
                )));
            }
            let value = env(var).ok_or_else(|| {
                Error::usage(format!(
                    "{} reads the environment variable {var} (!env {name}), which is not set",
                    path.display()
                ))
                .with_hint(format!("export {var}=… before minting"))
            })?;
            Value::String(value)
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
        assert_eq!(
            ps.audiences().unwrap(),
            ["powersync-dev", "http://127.0.0.1:8181"]
        );
        let e = load(&path, &|_| None).unwrap_err();
        assert!(e.message().contains("PS_SHARED_SECRET"), "{e}");
        assert!(!format!("{:?}", ps.key).contains("c2VjcmV0"));
    }

    /// Loads `yaml`, recording every variable the loader asks for.
    fn load_text(yaml: &str, env: &[(&str, &str)]) -> (Result<PowerSync>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("powersync.yaml");
        std::fs::write(&path, yaml).unwrap();
        let asked = std::cell::RefCell::new(Vec::new());
        let result = load(&path, &|n| {
            asked.borrow_mut().push(n.to_string());
            env.iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| v.to_string())
        });
        (result, asked.into_inner())
    }

    const KEY: &str = "      - kty: oct\n        alg: HS256\n";

    #[test]
    fn env_in_kid_is_refused_without_reading_the_variable() {
        let yaml = format!(
            "client_auth:\n  jwks:\n    keys:\n{KEY}        kid: !env PS_SHARED_SECRET\n        k: c2VjcmV0\n"
        );
        let (result, asked) = load_text(&yaml, &[("PS_SHARED_SECRET", "c2VjcmV0")]);
        let e = result.unwrap_err();
        assert!(
            e.message().contains(
                "client_auth.jwks.keys[0].kid is read from the environment (!env PS_SHARED_SECRET)"
            ),
            "{e}"
        );
        assert!(asked.is_empty(), "read {asked:?}");
    }

    #[test]
    fn env_in_audience_or_port_is_refused_when_the_audience_is_needed() {
        for (port, audience) in [
            ("", "  audience: [!env PS_AUD]\n"),
            ("", "  audience: !env PS_AUD\n"),
            ("port: !env PS_AUD::number\n", ""),
        ] {
            let yaml = format!(
                "{port}client_auth:\n{audience}  jwks:\n    keys:\n{KEY}        kid: dev\n        k: c2VjcmV0\n"
            );
            let (result, asked) = load_text(&yaml, &[("PS_AUD", "8181")]);
            let ps = result.unwrap();
            assert!(asked.is_empty(), "read {asked:?}");
            let e = ps.audiences().unwrap_err();
            assert!(e.message().contains("(!env PS_AUD"), "{e}");
            assert_eq!(e.hint(), Some(HINT_GIVE_AUDIENCE), "{e:?}");
        }
    }

    #[test]
    fn env_elsewhere_is_never_read_and_k_needs_the_ps_prefix() {
        let yaml = format!(
            "storage:\n  uri: !env PS_MONGO_URI\nclient_auth:\n  jwks:\n    keys:\n{KEY}        kid: dev\n        k: !env PS_KEY::string\n"
        );
        let (result, asked) = load_text(&yaml, &[("PS_KEY", "c2VjcmV0")]);
        assert_eq!(result.unwrap().key.private_member("k"), Some("c2VjcmV0"));
        assert_eq!(asked, ["PS_KEY"]);

        let yaml = format!(
            "client_auth:\n  jwks:\n    keys:\n{KEY}        kid: dev\n        k: !env HOME\n"
        );
        let (result, asked) = load_text(&yaml, &[("HOME", "c2VjcmV0")]);
        let e = result.unwrap_err();
        assert!(e.message().contains("must start with PS_"), "{e}");
        assert!(asked.is_empty(), "read {asked:?}");
    }
}
