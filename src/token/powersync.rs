//! PowerSync service configurations (`--powersync-config`), read as the
//! service reads them (powersync-ja/powersync-service 332d649,
//! `packages/service-core/src/util/config/`: `collectors/config-collector.ts`
//! parses YAML, or JSON for `.json`; `collectors/impl/yaml-env.ts` resolves
//! `!env`; `compound-config-collector.ts` builds the key store; the schema is
//! `packages/types/src/config/PowerSyncConfig.ts`). What would stop the
//! service from starting is an error saying so, naming the field.
//!
//! `!env NAME` (with `::string`, `::number` or `::boolean`) is resolved
//! wherever the service resolves it, for `PS_` variables only (the service's
//! own rule). For `token verify` the values decide which keys and audiences
//! count; messages name such a value by its variable, never print it. `token
//! mint` copies `kid` and the audience into the token it prints, so there an
//! `!env` in those fields is an error: a configuration from someone else
//! could otherwise copy an environment secret (`kid: !env PS_SHARED_SECRET`)
//! into the token.

use std::path::Path;

use serde_json::Value;
use yaml_serde::Value as Yaml;

use crate::alg::{Alg, Family};
use crate::error::{Error, Result};
use crate::jwk::Jwk;
use crate::token::verify::powersync as rules;

/// The prefix PowerSync requires of every `!env` variable.
const ENV_PREFIX: &str = "PS_";

/// What minting needs from a PowerSync configuration.
#[derive(Debug, Clone)]
pub struct PowerSync {
    /// The signing key (private), with its `kid`, or why there is none (a
    /// configuration that verifies with `jwks_uri` only signs nothing:
    /// mint with a key of the JWKS then).
    pub key: std::result::Result<Jwk, Error>,
    /// `client_auth.audience[0]`, if any.
    pub audience: Option<String>,
    /// `port` (default 8080).
    pub port: u16,
    /// Why the audiences cannot be taken from the file (an `!env` in
    /// `client_auth.audience` or `port`), reported only when they are needed.
    audience_error: Option<Error>,
}

impl PowerSync {
    /// The audience a token for this service carries: the first of
    /// `client_auth.audience`, the service's `jwt_audiences`
    /// (compound-config-collector.ts; routes/auth.ts passes nothing else).
    /// Without one the service accepts no token, so there is nothing to mint.
    pub fn audiences(&self) -> Result<Vec<String>> {
        if let Some(e) = &self.audience_error {
            return Err(e.clone());
        }
        match &self.audience {
            Some(a) => Ok(vec![a.clone()]),
            None => Err(Error::usage(format!(
                "{} (every token gets {})",
                rules::NO_AUDIENCE,
                rules::rule::AUD.code
            ))
            .with_hint(HINT_GIVE_AUDIENCE)),
        }
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

/// How `!env` is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Only a key's secret `k` (and the Supabase secret); elsewhere the tag
    /// is recorded and the variable never read (`token mint`).
    KeyMaterial,
    /// Everywhere, as the service does; every tag is recorded too (`token verify`).
    Service,
}

/// The file as JSON, `!env` resolved as `mode` says. A `.json` file is
/// JSON (config-collector.ts `parseContent`: no `!env` there).
fn parse(
    path: &Path,
    env: &dyn Fn(&str) -> Option<String>,
    mode: Mode,
) -> Result<(Value, Unresolved)> {
    let shown = path.display();
    let text = crate::fsutil::read_user_text(path)?;
    let not_start = |e: String| {
        Error::usage(match mode {
            Mode::Service => format!("PowerSync would not start: {shown}: {e}"),
            Mode::KeyMaterial => format!("invalid PowerSync configuration {shown}: {e}"),
        })
    };
    // Bounded before any parse: aliases, expansion and nesting (yaml_guard.rs).
    crate::yaml_guard::check(&text)
        .map_err(|e| Error::usage(format!("PowerSync configuration {shown} refused: {e}")))?;
    let mut unresolved = Unresolved::new();
    if path.extension().is_some_and(|e| e == "json") {
        let doc: Value = serde_json::from_str(&text).map_err(|e| not_start(e.to_string()))?;
        return Ok((doc, unresolved));
    }
    let yaml: Yaml = match yaml_serde::from_str(&text) {
        Ok(y) => y,
        // config-collector.ts: no known extension, YAML then JSON.
        Err(e) => match serde_json::from_str::<Value>(&text) {
            Ok(doc) if !path.extension().is_some_and(|x| x == "yaml" || x == "yml") => {
                return Ok((doc, unresolved));
            }
            _ => return Err(not_start(e.to_string())),
        },
    };
    let doc = resolve(yaml, &mut Vec::new(), env, path, &mut unresolved, mode)?;
    Ok((doc, unresolved))
}

/// The keys a PowerSync service verifies with, as it reads its `client_auth`.
#[derive(Debug, Clone, Default)]
pub struct ServiceKeys {
    /// `client_auth.jwks.keys`, in order (asymmetric keys as their public part).
    pub keys: Vec<Jwk>,
    /// The `kid`s that came from `!env` (named by their variable in messages).
    pub env_kids: Vec<String>,
    /// `client_auth.jwks_uri`, a string or a list.
    pub jwks_uris: Vec<String>,
    /// `client_auth.supabase_jwt_secret` when `supabase: true`: an HS256
    /// key without `kid` (a wildcard), `k` = the secret's UTF-8 bytes.
    pub supabase: Option<Jwk>,
    /// With `supabase: true`, the Supabase project's JWKS derived from the
    /// replication connection's host (utils.ts `getSupabaseJwksUrl`).
    pub supabase_jwks: Option<String>,
    /// `client_auth.audience` (none: the service accepts no token).
    pub audiences: Vec<String>,
    /// The audiences as messages may print them (`!env PS_X` for values
    /// from the environment).
    pub audiences_shown: Vec<String>,
    /// What is worth saying about this configuration (Supabase without a
    /// secret or a connection, no audience).
    pub notes: Vec<String>,
}

/// packages/types/src/config/PowerSyncConfig.ts: the JWK union a
/// `client_auth.jwks.keys` entry must match (members beyond these allowed).
fn schema_key(key: &Value) -> std::result::Result<(), String> {
    let Value::Object(m) = key else {
        return Err("is not an object".into());
    };
    let string = |n: &str| m.get(n).is_some_and(Value::is_string);
    let optional = |n: &str| m.get(n).is_none_or(Value::is_string);
    let one_of = |n: &str, allowed: &[&str]| {
        m.get(n)
            .and_then(Value::as_str)
            .is_some_and(|v| allowed.contains(&v))
    };
    // The schema spells each allowed `alg` exactly, per family.
    let alg_in = |family: Family| {
        m.get("alg")
            .and_then(Value::as_str)
            .and_then(|v| v.parse::<Alg>().ok())
            .is_some_and(|a| a.family() == family)
    };
    let need = |ok: bool, what: &str| if ok { Ok(()) } else { Err(what.to_string()) };
    let kty = m.get("kty").and_then(Value::as_str).unwrap_or("");
    need(optional("use"), "use must be a string")?;
    match kty {
        // jwkRSA: kid, n, e required; alg RS256/384/512 when present.
        "RSA" => {
            need(string("kid"), "an RSA key needs a kid (a string)")?;
            need(string("n") && string("e"), "an RSA key needs n and e")?;
            need(
                m.get("alg").is_none() || alg_in(Family::RsaPkcs1),
                "an RSA key's alg must be RS256, RS384 or RS512",
            )
        }
        // jwkHmac: k and alg required.
        "oct" => {
            need(optional("kid"), "kid must be a string")?;
            need(string("k"), "an oct key needs k")?;
            need(
                alg_in(Family::Hmac),
                "an oct key needs alg HS256, HS384 or HS512",
            )
        }
        // jwkOKP: crv Ed25519/Ed448, x, alg EdDSA required.
        "OKP" => {
            need(optional("kid"), "kid must be a string")?;
            need(
                one_of("crv", &["Ed25519", "Ed448"]),
                "an OKP key needs crv Ed25519 or Ed448",
            )?;
            need(string("x"), "an OKP key needs x")?;
            need(alg_in(Family::EdDSA), "an OKP key needs alg EdDSA")
        }
        // jwkEC: crv, x, y and alg required.
        "EC" => {
            need(optional("kid"), "kid must be a string")?;
            need(
                one_of("crv", &["P-256", "P-384", "P-521"]),
                "an EC key needs crv P-256, P-384 or P-521",
            )?;
            need(string("x") && string("y"), "an EC key needs x and y")?;
            need(
                alg_in(Family::Ecdsa),
                "an EC key needs alg ES256, ES384 or ES512",
            )
        }
        _ => Err(format!("kty {kty:?} is not RSA, oct, OKP or EC")),
    }
}

/// utils.ts `getSupabaseJwksUrl`: a `postgresql` connection whose
/// `hostname` (or the host of its `uri`) is `db.<project>.supabase.co`.
pub fn supabase_jwks_url(connection: &Value) -> Option<String> {
    if connection.get("type").and_then(Value::as_str) != Some("postgresql") {
        return None;
    }
    let host = match connection.get("hostname").and_then(Value::as_str) {
        Some(h) => h.to_string(),
        None => {
            let uri = connection.get("uri").and_then(Value::as_str)?;
            url::Url::parse(uri).ok()?.host_str()?.to_string()
        }
    };
    // /^db\.(\w+)\.supabase\.co$/
    let project = host.strip_prefix("db.")?.strip_suffix(".supabase.co")?;
    (!project.is_empty()
        && project
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_'))
    .then(|| format!("https://{project}.supabase.co/auth/v1/.well-known/jwks.json"))
}

/// Read a PowerSync configuration as the service reads it, for `verify`.
pub fn load_service(path: &Path, env: &dyn Fn(&str) -> Option<String>) -> Result<ServiceKeys> {
    let shown = path.display();
    let (doc, from_env) = parse(path, env, Mode::Service)?;
    let stop = |why: String| Error::usage(format!("PowerSync would not start: {shown}: {why}"));
    let env_var = |field: &[Step]| {
        from_env
            .iter()
            .find(|(f, _)| f.as_slice() == field)
            .map(|(_, v)| v.clone())
    };
    if !doc.is_object() {
        return Err(stop("the configuration is not a mapping".into()));
    }
    let auth = match doc.get("client_auth") {
        None => Value::Null,
        Some(a @ Value::Object(_)) => a.clone(),
        Some(_) => return Err(stop("client_auth must be a mapping".into())),
    };
    let mut out = ServiceKeys::default();
    match auth.get("jwks") {
        None => {}
        Some(Value::Object(jwks)) => match jwks.get("keys") {
            Some(Value::Array(keys)) => {
                for (i, key) in keys.iter().enumerate() {
                    let field = format!("client_auth.jwks.keys[{i}]");
                    schema_key(key).map_err(|why| stop(format!("{field}: {why}")))?;
                    let jwk = Jwk::from_value(key).map_err(|e| stop(format!("{field}: {e}")))?;
                    let kid_path = [
                        Step::Key("client_auth".into()),
                        Step::Key("jwks".into()),
                        Step::Key("keys".into()),
                        Step::Index(i),
                        Step::Key("kid".into()),
                    ];
                    if let (Some(kid), Some(_)) = (&jwk.kid, env_var(&kid_path)) {
                        out.env_kids.push(kid.clone());
                    }
                    out.keys.push(if jwk.kty == "oct" {
                        jwk
                    } else {
                        jwk.to_public()
                    });
                }
            }
            _ => return Err(stop("client_auth.jwks.keys must be a list of keys".into())),
        },
        Some(_) => return Err(stop("client_auth.jwks must be a mapping with keys".into())),
    }
    match auth.get("jwks_uri") {
        None => {}
        Some(Value::String(u)) => out.jwks_uris.push(u.clone()),
        Some(Value::Array(list)) if list.iter().all(Value::is_string) => out
            .jwks_uris
            .extend(list.iter().filter_map(Value::as_str).map(str::to_string)),
        Some(_) => {
            return Err(stop(
                "client_auth.jwks_uri must be a string or a list of strings".into(),
            ));
        }
    }
    let supabase = match auth.get("supabase") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(stop("client_auth.supabase must be a boolean".into())),
    };
    let secret = match auth.get("supabase_jwt_secret") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(stop(
                "client_auth.supabase_jwt_secret must be a string".into(),
            ));
        }
    };
    match auth.get("audience") {
        None => {}
        Some(Value::Array(list)) if list.iter().all(Value::is_string) => {
            for (i, a) in list.iter().filter_map(Value::as_str).enumerate() {
                out.audiences.push(a.to_string());
                let path = [
                    Step::Key("client_auth".into()),
                    Step::Key("audience".into()),
                    Step::Index(i),
                ];
                out.audiences_shown.push(match env_var(&path) {
                    Some(var) => format!("!env {var}"),
                    None => a.to_string(),
                });
            }
        }
        Some(_) => {
            return Err(stop(
                "client_auth.audience must be a list of strings (PowerSync's schema refuses a single string)".into(),
            ));
        }
    }
    let connections = match doc.pointer("/replication/connections") {
        None => Vec::new(),
        Some(Value::Array(list)) => list.clone(),
        Some(_) => return Err(stop("replication.connections must be a list".into())),
    };
    if connections.len() > 1 {
        // compound-config-collector.ts
        return Err(stop(
            "Only a single replication data source is supported currently".into(),
        ));
    }
    if let Some(c) = connections.first()
        && !c.get("type").is_some_and(Value::is_string)
    {
        return Err(stop("replication.connections[0] needs a type".into()));
    }
    if supabase {
        // compound-config-collector.ts: `supabase_jwt_secret != null`.
        if let Some(secret) = secret {
            let mut jwk = crate::keys::convert::base_jwk("oct");
            jwk.alg = Some(Alg::HS256.as_str().into());
            jwk.extra.insert(
                "k".into(),
                crate::jwk::b64url_encode(secret.as_bytes()).into(),
            );
            out.supabase = Some(jwk);
        } else {
            out.notes.push("client_auth.supabase is true but supabase_jwt_secret is not set: Supabase's HS256 (shared secret) tokens are refused".into());
        }
        out.supabase_jwks = connections.first().and_then(supabase_jwks_url);
        if out.supabase_jwks.is_none() {
            out.notes.push("client_auth.supabase is true but no replication connection is a Supabase database (db.<project>.supabase.co): no Supabase signing keys (JWKS) are used".into());
        }
    }
    if out.audiences.is_empty() {
        out.notes.push(format!(
            "client_auth.audience is empty: the service accepts no token ({}), except Supabase tokens (audience {})",
            rules::rule::AUD.code,
            rules::SUPABASE_AUDIENCE
        ));
    }
    if out.keys.is_empty()
        && out.jwks_uris.is_empty()
        && out.supabase.is_none()
        && out.supabase_jwks.is_none()
    {
        out.notes.push(
            "client_auth has no keys (jwks, jwks_uri, supabase): the service accepts no token"
                .into(),
        );
    }
    Ok(out)
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

/// Read and interpret a PowerSync configuration file.
pub fn load(path: &Path, env: &dyn Fn(&str) -> Option<String>) -> Result<PowerSync> {
    let shown = path.display();
    let (doc, unresolved) = parse(path, env, Mode::KeyMaterial)?;
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
    let signing = || -> Result<Jwk> {
        let no_keys = Vec::new();
        let keys = match doc
            .pointer("/client_auth/jwks/keys")
            .and_then(Value::as_array)
        {
            Some(keys) => keys,
            None if doc.pointer("/client_auth/jwks_uri").is_some() => &no_keys,
            None => return Err(bad("no client_auth.jwks.keys list")),
        };
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
            return Err(bad(
                "no key under client_auth.jwks.keys has private material (k for HS256)",
            )
            .with_hint(HINT_LOCAL_KEY));
        };
        let mut key_path = keys_path.to_vec();
        key_path.push(Step::Index(index));
        if let Some(found) = unresolved.iter().find(|(f, _)| under(f, &key_path)) {
            return Err(refused(found));
        }
        if key.kid.is_none() {
            return Err(bad("the signing key has no kid"));
        }
        Ok(key)
    };
    let key = signing();
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
    mode: Mode,
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
                let value = resolve(item, at, env, path, unresolved, mode);
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
                let value = resolve(v, at, env, path, unresolved, mode);
                at.pop();
                out.insert(key, value?);
            }
            Value::Object(out)
        }
        Yaml::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            if tag.trim_start_matches('!') != "env" {
                return resolve(tagged.value, at, env, path, unresolved, mode);
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
            if mode == Mode::Service {
                unresolved.push((at.clone(), name.clone()));
                return env_value(&name, &field, env).map_err(|why| {
                    Error::usage(format!(
                        "PowerSync would not start: {}: {field}: {why}",
                        path.display()
                    ))
                });
            }
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

/// yaml-env.ts `YamlEnvTag.resolve`: the name must start with `PS_` (the
/// whole text, suffix included); `NAME::type` casts to `string` (default),
/// `number` (JavaScript's `Number()`; NaN refused) or `boolean` (`true` /
/// `false`, any case); an unset variable is an error.
fn env_value(
    name: &str,
    field: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> std::result::Result<Value, String> {
    if !name.starts_with(ENV_PREFIX) {
        return Err(format!(
            "Attempting to substitute environment variable {name} is not allowed. Variables must start with \"{ENV_PREFIX}\""
        ));
    }
    let mut parts = name.split("::");
    let var = parts.next().unwrap_or_default();
    let kind = parts.next().unwrap_or("string");
    let value = env(var).ok_or_else(|| {
        format!(
            "Attempted to substitute environment variable \"{name}\" which is undefined ({field})"
        )
    })?;
    match kind {
        "string" => Ok(Value::String(value)),
        "number" => js_number_of(&value)
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("Environment variable \"{name}\" is not a valid number")),
        "boolean" => match value.to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!(
                "Environment variable \"{name}\" is not a boolean. Expected \"true\" or \"false\""
            )),
        },
        other => Err(format!(
            "Environment variable \"{name}\" has an invalid type suffix \"{other}\""
        )),
    }
}

/// JavaScript's `Number(text)` for the forms a configuration holds:
/// white space trimmed, empty is 0, decimal and `0x`/`0o`/`0b` integers.
fn js_number_of(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() {
        return Some(0.0);
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(digits) = t.strip_prefix(prefix) {
            return u64::from_str_radix(digits, radix).ok().map(|n| n as f64);
        }
    }
    match t {
        "Infinity" | "+Infinity" => return Some(f64::INFINITY),
        "-Infinity" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    if t.chars()
        .any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
    {
        return None;
    }
    t.parse::<f64>().ok().filter(|f| f.is_finite())
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
        let key = ps.key.clone().unwrap();
        assert_eq!(key.kid.as_deref(), Some("powersync-dev"));
        assert_eq!(key.private_member("k"), Some("c2VjcmV0"));
        // compound-config-collector.ts: jwt_audiences is client_auth.audience only.
        assert_eq!(ps.audiences().unwrap(), ["powersync-dev"]);
        let e = load(&path, &|_| None).unwrap_err();
        assert!(e.message().contains("PS_SHARED_SECRET"), "{e}");
        assert!(!format!("{:?}", key).contains("c2VjcmV0"));
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
        let e = result.and_then(|p| p.key).unwrap_err();
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
        assert_eq!(
            result.unwrap().key.unwrap().private_member("k"),
            Some("c2VjcmV0")
        );
        assert_eq!(asked, ["PS_KEY"]);

        let yaml = format!(
            "client_auth:\n  jwks:\n    keys:\n{KEY}        kid: dev\n        k: !env HOME\n"
        );
        let (result, asked) = load_text(&yaml, &[("HOME", "c2VjcmV0")]);
        let e = result.and_then(|p| p.key).unwrap_err();
        assert!(e.message().contains("must start with PS_"), "{e}");
        assert!(asked.is_empty(), "read {asked:?}");
    }

    /// Without `client_auth.audience` there is nothing to mint: said with
    /// the rule's code.
    #[test]
    fn no_audience_names_the_rules_code() {
        let yaml =
            format!("client_auth:\n  jwks:\n    keys:\n{KEY}        kid: k\n        k: c2VjcmV0\n");
        let e = load_text(&yaml, &[]).0.unwrap().audiences().unwrap_err();
        assert_eq!(
            e.message(),
            "the configuration has no client_auth.audience, so PowerSync accepts no token at all (every token gets PSYNC_S2105)"
        );
    }
}

#[cfg(test)]
mod service_tests {
    use super::*;

    fn service(yaml: &str, env: &[(&str, &str)]) -> Result<ServiceKeys> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("powersync.yaml");
        std::fs::write(&path, yaml).unwrap();
        load_service(&path, &|n| {
            env.iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| v.to_string())
        })
    }

    const ED: &str =
        "{kty: OKP, crv: Ed25519, alg: EdDSA, x: 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo}";

    /// PowerSyncConfig.ts's schema and yaml-env.ts's `!env`, each refusal
    /// named "PowerSync would not start".
    #[test]
    fn what_the_service_refuses_to_start_with() {
        for (yaml, needle) in [
            (
                "client_auth:\n  audience: ps\n".to_string(),
                "client_auth.audience must be a list",
            ),
            (
                "client_auth:\n  jwks: {keys: [{kty: RSA, n: AQAB, e: AQAB}]}\n".into(),
                "an RSA key needs a kid",
            ),
            (
                "client_auth:\n  jwks: {keys: [{kty: oct, k: c2VjcmV0}]}\n".into(),
                "an oct key needs alg",
            ),
            (
                "client_auth:\n  jwks: {keys: [{kty: OKP, crv: Ed25519, x: AA}]}\n".into(),
                "an OKP key needs alg EdDSA",
            ),
            (
                "client_auth:\n  audience: [!env HOME]\n".into(),
                "Variables must start with \"PS_\"",
            ),
            (
                "storage:\n  uri: !env PS_UNSET\n".into(),
                "which is undefined",
            ),
            (
                "port: !env PS_PORT::number\n".into(),
                "is not a valid number",
            ),
            (
                "client_auth:\n  supabase: !env PS_SB::boolean\n".into(),
                "is not a boolean",
            ),
            (
                "client_auth:\n  audience: [!env PS_A::bigint]\n".into(),
                "invalid type suffix",
            ),
            (
                "replication:\n  connections: [{type: postgresql}, {type: mysql}]\n".into(),
                "Only a single replication data source",
            ),
            ("client_auth: [\n".into(), "PowerSync would not start"),
        ] {
            let e = service(
                &yaml,
                &[("PS_PORT", "eighty"), ("PS_SB", "yes"), ("PS_A", "a")],
            )
            .unwrap_err();
            assert!(
                e.message().starts_with("PowerSync would not start: "),
                "{yaml}: {e}"
            );
            assert!(e.message().contains(needle), "{yaml}: {e}");
        }
    }

    #[test]
    fn env_resolves_everywhere_with_its_type_suffixes() {
        let yaml = format!(
            "client_auth:\n  audience: [!env PS_AUD]\n  supabase: !env PS_SB::boolean\n  supabase_jwt_secret: !env PS_SECRET\n  jwks_uri: !env PS_URI\n  jwks:\n    keys: [{ED}]\nport: !env PS_PORT::number\n"
        );
        let env = [
            ("PS_AUD", "ps-aud"),
            ("PS_SB", "TRUE"),
            ("PS_SECRET", "s3cret"),
            ("PS_URI", "https://idp.example/jwks.json"),
            ("PS_PORT", " 0x1F90 "),
        ];
        let s = service(&yaml, &env).unwrap();
        assert_eq!(s.audiences, ["ps-aud"]);
        assert_eq!(s.audiences_shown, ["!env PS_AUD"]);
        assert_eq!(s.jwks_uris, ["https://idp.example/jwks.json"]);
        let secret = s.supabase.unwrap();
        assert_eq!(
            secret.private_member("k"),
            Some(crate::jwk::b64url_encode("s3cret").as_str())
        );
        assert!(secret.kid.is_none(), "a wildcard key");
        assert!(
            s.notes
                .iter()
                .any(|n| n.contains("no replication connection")),
            "{:?}",
            s.notes
        );
        assert_eq!(js_number_of(""), Some(0.0));
        assert_eq!(js_number_of("1e3"), Some(1000.0));
        assert_eq!(js_number_of("12px"), None);
    }

    /// utils.ts getSupabaseJwksUrl.
    #[test]
    fn supabase_jwks_from_the_replication_connection() {
        let url = |c: serde_json::Value| supabase_jwks_url(&c);
        let want = Some("https://abc_1.supabase.co/auth/v1/.well-known/jwks.json".to_string());
        assert_eq!(
            url(serde_json::json!({"type": "postgresql", "hostname": "db.abc_1.supabase.co"})),
            want
        );
        assert_eq!(
            url(
                serde_json::json!({"type": "postgresql", "uri": "postgresql://u:p@db.abc_1.supabase.co:5432/postgres"})
            ),
            want
        );
        assert_eq!(
            url(serde_json::json!({"type": "mysql", "hostname": "db.abc.supabase.co"})),
            None
        );
        assert_eq!(
            url(serde_json::json!({"type": "postgresql", "hostname": "db.a-b.supabase.co"})),
            None
        );
        assert_eq!(
            url(serde_json::json!({"type": "postgresql", "hostname": "abc.supabase.co"})),
            None
        );
        let s = service(
            "client_auth:\n  supabase: true\n  audience: [x]\nreplication:\n  connections:\n    - type: postgresql\n      uri: postgresql://u:p@db.proj.supabase.co/postgres\n",
            &[],
        )
        .unwrap();
        assert_eq!(
            s.supabase_jwks.as_deref(),
            Some("https://proj.supabase.co/auth/v1/.well-known/jwks.json")
        );
        assert!(
            s.notes
                .iter()
                .any(|n| n.contains("supabase_jwt_secret is not set")),
            "{:?}",
            s.notes
        );
    }

    /// Without `client_auth.audience` the service accepts nothing: said
    /// with the rule's code and Supabase's audience.
    #[test]
    fn no_audience_note_names_the_rules_code() {
        let s = service(&format!("client_auth:\n  jwks:\n    keys: [{ED}]\n"), &[]).unwrap();
        assert_eq!(
            s.notes,
            [
                "client_auth.audience is empty: the service accepts no token (PSYNC_S2105), except Supabase tokens (audience authenticated)"
            ]
        );
    }
}
