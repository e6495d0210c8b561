//! Where verification keys come from, shared by `check` and `token verify`:
//! what a source argument names (a URL, a registry entry or a file, never
//! ambiguously), JWKS documents fetched concurrently through the cache,
//! JWKS/JWK and public key files, HMAC secrets, and the local key store.
//! Sources that fail to load are collected, each attributed to its source,
//! for the caller to report; nothing here prints, and nothing here names a
//! flag: a named source that cannot be used is a [`NamedError`] saying which
//! of the request's lists named it, and the command layer words it.

use std::path::{Path, PathBuf};

use base64::Engine;
use serde_json::Value;
use url::Url;

use crate::error::{Error, ErrorKind, Result};
use crate::jwk::{Jwk, b64url_encode};
use crate::jwks::fetch::{CacheMode, Fetcher};
use crate::keys::convert::{KeyError, base_jwk};
use crate::keys::files::{self, SqldKeyError};
use crate::keys::store::KeyStore;
use crate::notice::{Notice, Notices};
use crate::registry::{self, Entry};
use crate::token::verify::{Judge, Reason, Settings, Source, Verdict};

/// What a source argument (`check SOURCE`, `token verify --jwks SOURCE`) names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// An `http://` or `https://` URL, validated.
    Url(Url),
    /// A registry entry (its URL validated like a typed one).
    Entry(Entry, Url),
    /// A file. `explicit` when written as a path (`./x`, `/x`, `dir/x`,
    /// `file:x`): only then may its HMAC keys verify tokens.
    File { path: String, explicit: bool },
}

/// Decide what `given` names, without ambiguity: a URL by its scheme, a path
/// when written as one, otherwise a registry entry — or a file of that name
/// when no entry has it. A bare word that is both an entry and a file is an
/// error: in CI a pull request can add a file, and it must never stand in
/// for the registry entry the command line names. `entries` is called only
/// for a bare word.
pub fn resolve<'e>(
    given: &str,
    allow_http: bool,
    entries: &mut dyn FnMut() -> Result<&'e [Entry]>,
) -> Result<Named> {
    let lower = given.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Ok(Named::Url(registry::validate_url(given, allow_http)?));
    }
    if let Some(rest) = given.strip_prefix("file:") {
        let path = rest.strip_prefix("//").unwrap_or(rest);
        return Ok(Named::File {
            path: path.to_string(),
            explicit: true,
        });
    }
    if given.contains('/') || given.contains(std::path::MAIN_SEPARATOR) {
        return Ok(Named::File {
            path: given.to_string(),
            explicit: true,
        });
    }
    let all = entries()?;
    let entry = all.iter().find(|e| e.name == given);
    let file = Path::new(given).exists();
    match (entry, file) {
        (Some(_), true) => Err(Error::usage(format!(
            "{given:?} is both a registry entry and a file in the current directory"
        ))
        .with_hint(format!(
            "write ./{given} to mean the file; rename or remove the file to mean the entry"
        ))),
        (Some(entry), false) => Ok(Named::Entry(entry.clone(), entry_url(entry, allow_http)?)),
        (None, true) => Ok(Named::File {
            path: given.to_string(),
            explicit: false,
        }),
        (None, false) => {
            let names: Vec<String> = all.iter().map(|e| e.name.clone()).collect();
            Err(Error::usage(format!(
                "{given:?} is not a registry entry, an http(s) URL or an existing file"
            ))
            .with_hint(registry::names_hint(given, &names, "registry")))
        }
    }
}

/// A registry entry's URL under the rule a typed URL meets, in the same
/// words: plain http only to a loopback host unless `allow_http` (an entry
/// is whatever the registry holds — a shared Turso organization, a
/// hand-edited file — so `save` having checked it once is not enough).
fn entry_url(entry: &Entry, allow_http: bool) -> Result<Url> {
    let url = registry::entry_url(entry)?;
    registry::validate_url(url.as_str(), allow_http).map_err(|e| {
        Error::failure(format!("registry entry {:?}: {}", entry.name, e.message())).with_hint(
            format!(
                "use https:// (`jwksctl save {:?} https://…` replaces it)",
                entry.name
            ),
        )
    })?;
    Ok(url)
}

/// How an HMAC secret is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretEncoding {
    Raw,
    Base64,
    Base64url,
}

/// Where an HMAC secret is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretFrom {
    Env(String),
    File(PathBuf),
}

/// The keys of a PowerSync service configuration (`--powersync-config`), and
/// the file's name for labels.
#[derive(Debug, Clone)]
pub struct Service {
    pub shown: String,
    pub keys: crate::token::powersync::ServiceKeys,
}

/// The key sources a verification names. Empty means the defaults: every
/// registry entry and the local key store's asymmetric keys.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Registry names, URLs or JWKS/JWK files.
    pub jwks: Vec<String>,
    /// Public key files (PEM, JWK, sqld's raw Ed25519 key).
    pub keys: Vec<PathBuf>,
    pub secret: Option<(SecretFrom, SecretEncoding)>,
    /// Keys exactly as a PowerSync service reads its configuration.
    pub service: Option<Service>,
    /// Read `keys` exactly as sqld reads its key file (`--for sqld`): every
    /// PEM block a key, the raw form used as is.
    pub sqld_keys: bool,
}

impl Request {
    /// True when any source is named (so the defaults are not used).
    pub fn is_explicit(&self) -> bool {
        !self.jwks.is_empty()
            || !self.keys.is_empty()
            || self.secret.is_some()
            || self.service.is_some()
    }
}

/// What loading found: the sources, and one line per source that failed,
/// kept apart by whether a retry may help.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    /// Sources that could not be loaded for now (the server is down or
    /// slow, nothing cached offline): a retry may help.
    pub failures: Vec<String>,
    /// Sources that failed for good: the server answered with something
    /// that is not a key set (HTML, a 404, too large), or the URL is refused.
    pub broken: Vec<String>,
}

impl Loaded {
    /// Add what another load found, after what is here.
    pub fn append(&mut self, other: Loaded) {
        self.sources.extend(other.sources);
        self.failures.extend(other.failures);
        self.broken.extend(other.broken);
    }

    /// Every failure line, the definite ones first.
    pub fn all_failures(&self) -> impl Iterator<Item = &String> {
        self.broken.iter().chain(&self.failures)
    }

    fn failed(&mut self, failure: Failure) {
        match failure {
            Failure::Unavailable(line) => self.failures.push(line),
            Failure::Broken(line) => self.broken.push(line),
        }
    }
}

/// What a URL source's label is, for its failure line: the URL as written
/// (the fetch error names it already) or a name (a registry entry, a
/// configuration's member) said before the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelIs {
    TheUrl,
    AName,
}

/// A source that could not be loaded, by whether a retry may help.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Failure {
    Unavailable(String),
    Broken(String),
}

/// The registry entries a token's issuer points at (the entry URL's host is
/// the issuer's host), and the others. With no issuer, nothing is likely.
pub fn split_by_issuer(entries: &[Entry], iss: Option<&str>) -> (Vec<Entry>, Vec<Entry>) {
    let host = |text: &str| {
        Url::parse(text)
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
    };
    let Some(wanted) = iss.and_then(host) else {
        return (Vec::new(), entries.to_vec());
    };
    entries
        .iter()
        .cloned()
        .partition(|e| host(&e.url).as_deref() == Some(wanted.as_str()))
}

/// What [`Loader::issuer_first`] found.
pub enum IssuerFirst {
    /// The issuer's entries (and the key store) decided: the verdict, and
    /// the sources among them that failed to load.
    Decided(Box<Verdict>, Vec<String>),
    /// They could not (no key matched, or the issuer matched no entry):
    /// every default source, with what the first try learned kept.
    Undecided(Loaded),
}

/// What loading needs from around it.
pub struct Loader<'a> {
    pub fetcher: &'a Fetcher<'a>,
    pub mode: CacheMode,
    /// Where loading hands its notices (HMAC keys ignored, a rotation
    /// refetch, which entries the issuer picked); the command layer words
    /// and prints them.
    pub out: &'a dyn Notices,
}

impl Loader<'_> {
    /// The sources a request names explicitly, URLs fetched concurrently and
    /// the sources kept in the order they were given.
    pub fn named<'e>(
        &self,
        request: &Request,
        entries: &mut dyn FnMut() -> Result<&'e [Entry]>,
    ) -> std::result::Result<Loaded, NamedError> {
        enum Slot {
            Url(String, Url, LabelIs),
            Ready(Box<Source>),
        }
        let mut slots = Vec::new();
        let mut loaded = Loaded::default();
        if let Some(Service { shown, keys }) = &request.service {
            if !keys.keys.is_empty() {
                let mut source = Source::new(
                    format!("{shown}: client_auth.jwks"),
                    None,
                    keys.keys.clone(),
                );
                source.hmac = true;
                source.env_kids = keys.env_kids.clone();
                slots.push(Slot::Ready(Box::new(source)));
            }
            for uri in &keys.jwks_uris {
                // As PowerSync's RemoteJWKSCollector: no HMAC keys from a URL.
                match registry::validate_url(uri, false) {
                    Ok(url) => slots.push(Slot::Url(uri.clone(), url, LabelIs::TheUrl)),
                    Err(e) => loaded.broken.push(format!(
                        "{shown}: client_auth.jwks_uri {uri:?}: {}",
                        e.message()
                    )),
                }
            }
            if let Some(key) = &keys.supabase {
                let mut source = Source::new(
                    format!("{shown}: {}", crate::token::powersync::SUPABASE_LABEL),
                    None,
                    vec![key.clone()],
                );
                source.hmac = true;
                source.supabase = true;
                slots.push(Slot::Ready(Box::new(source)));
            }
        }
        // The Supabase project's signing keys (compound-config-collector.ts).
        let supabase_jwks = request.service.as_ref().and_then(|s| {
            let uri = s.keys.supabase_jwks.as_ref()?;
            let label = format!("{}: supabase JWKS", s.shown);
            match registry::validate_url(uri, false) {
                Ok(url) => Some((label, url)),
                Err(_) => None,
            }
        });
        if let Some((label, url)) = &supabase_jwks {
            slots.push(Slot::Url(label.clone(), url.clone(), LabelIs::AName));
        }
        for given in &request.jwks {
            let named = resolve(given, false, entries).map_err(NamedError::Jwks)?;
            slots.push(match named {
                Named::Url(url) => Slot::Url(given.clone(), url, LabelIs::TheUrl),
                Named::Entry(entry, url) => Slot::Url(entry.name, url, LabelIs::AName),
                Named::File { path, explicit } => {
                    Slot::Ready(Box::new(self.file(&path, explicit)?))
                }
            });
        }
        for path in &request.keys {
            if request.sqld_keys {
                let bytes = crate::fsutil::read_user_file(path)?;
                let keys = files::sqld_keys(&bytes).map_err(|why| NamedError::SqldKey {
                    path: path.clone(),
                    why,
                })?;
                let mut source = Source::new(path.display().to_string(), None, keys);
                source.explicit = true;
                slots.push(Slot::Ready(Box::new(source)));
                continue;
            }
            let text = crate::fsutil::read_user_text(path)?;
            let jwk = files::public_jwk_from_key_file(&text).map_err(|why| NamedError::Key {
                path: path.clone(),
                why,
                key_set: text.contains("\"keys\""),
            })?;
            let mut source = Source::new(path.display().to_string(), None, vec![jwk]);
            source.explicit = true;
            slots.push(Slot::Ready(Box::new(source)));
        }
        if let Some((from, encoding)) = &request.secret {
            slots.push(Slot::Ready(Box::new(secret(from, *encoding)?)));
        }
        let urls: Vec<(String, Url, LabelIs)> = slots
            .iter()
            .filter_map(|s| match s {
                Slot::Url(label, url, is) => Some((label.clone(), url.clone(), *is)),
                Slot::Ready(_) => None,
            })
            .collect();
        let mut fetched = self.urls(&urls).into_iter();
        for slot in slots {
            match slot {
                Slot::Ready(source) => loaded.sources.push(*source),
                Slot::Url(..) => match fetched.next() {
                    Some(Ok(mut source)) => {
                        source.supabase = supabase_jwks
                            .as_ref()
                            .is_some_and(|(label, _)| *label == source.label);
                        loaded.sources.push(source);
                    }
                    Some(Err(failure)) => loaded.failed(failure),
                    None => {}
                },
            }
        }
        Ok(loaded)
    }

    /// Registry entries as sources, fetched concurrently, in their order.
    pub fn entries(&self, entries: &[Entry]) -> Loaded {
        let mut loaded = Loaded::default();
        let mut urls = Vec::new();
        for entry in entries {
            match entry_url(entry, false) {
                Ok(url) => urls.push((entry.name.clone(), url, LabelIs::AName)),
                Err(e) => loaded.broken.push(e.message().to_string()),
            }
        }
        for result in self.urls(&urls) {
            match result {
                Ok(source) => loaded.sources.push(source),
                Err(failure) => loaded.failed(failure),
            }
        }
        loaded
    }

    /// The default sources: these registry entries (fetched concurrently)
    /// and the local key store's asymmetric keys.
    pub fn defaults(&self, entries: &[Entry], store: &KeyStore) -> Result<Loaded> {
        let mut loaded = self.entries(entries);
        loaded.append(self.key_store(store)?);
        Ok(loaded)
    }

    /// The default sources for one token, the likely ones first: the
    /// registry entries its issuer points at, with the local key store, are
    /// loaded and tried alone; every other entry is fetched only when those
    /// cannot decide (no key matched). Without a matching entry, everything
    /// is loaded at once, concurrently.
    pub fn issuer_first(
        &self,
        entries: &[Entry],
        store: &KeyStore,
        token: &str,
        settings: &Settings,
        now: i64,
    ) -> Result<IssuerFirst> {
        let (likely, rest) = split_by_issuer(entries, unverified_iss(token).as_deref());
        if likely.is_empty() {
            return Ok(IssuerFirst::Undecided(self.defaults(entries, store)?));
        }
        self.out.notice(Notice::IssuerFirst {
            entries: likely.iter().map(|e| e.name.clone()).collect(),
        });
        let mut first = self.defaults(&likely, store)?;
        if !first.sources.is_empty() {
            let mut judge = Judge::new(first.sources, first.failures.clone(), settings.clone())
                .with_broken(first.broken.clone());
            let verdict = judge.judge(token, now, &mut |asked| self.refetch(asked));
            if verdict.reason != Some(Reason::NoMatchingKey) {
                let failures = first.broken.into_iter().chain(first.failures).collect();
                return Ok(IssuerFirst::Decided(Box::new(verdict), failures));
            }
            // Keep what the first try learned (a rotation refetch is done once).
            first.sources = judge.into_parts().0;
        }
        first.append(self.entries(&rest));
        Ok(IssuerFirst::Undecided(first))
    }

    /// The local key store's asymmetric keys. HMAC keys verify only when
    /// named explicitly (`--secret-*`, a file path): a shared secret is never
    /// picked up implicitly; `-v` says which were left out.
    pub fn key_store(&self, store: &KeyStore) -> Result<Loaded> {
        let (keys, _) = store.list()?;
        let mut loaded = Loaded::default();
        let mut left_out = Vec::new();
        for key in keys {
            if key.jwk.kty == "oct" {
                left_out.push(key.kid.clone());
                continue;
            }
            let keys = vec![key.jwk.to_public()];
            loaded
                .sources
                .push(Source::new(format!("local:{}", key.kid), None, keys));
        }
        if !left_out.is_empty() {
            self.out.notice(Notice::StoreHmacLeftOut { kids: left_out });
        }
        Ok(loaded)
    }

    /// Fresh keys for URL sources after an unknown `kid` (key rotation),
    /// fetched concurrently; `None` for each that failed.
    pub fn refetch(&self, sources: &[&Source]) -> Vec<Option<Vec<Jwk>>> {
        if self.mode == CacheMode::Offline {
            return sources.iter().map(|_| None).collect();
        }
        let urls: Vec<Option<Url>> = sources
            .iter()
            .map(|s| s.url.as_deref().and_then(|u| Url::parse(u).ok()))
            .collect();
        let wanted: Vec<Url> = urls.iter().flatten().cloned().collect();
        for (source, url) in sources.iter().zip(&urls) {
            if let Some(url) = url {
                self.out.notice(Notice::Rotation {
                    label: source.label.clone(),
                    url: url.clone(),
                });
            }
        }
        let mut bodies = self
            .fetcher
            .jwks_many(&wanted, CacheMode::Refresh)
            .into_iter();
        urls.iter()
            .map(|url| {
                url.as_ref()?;
                match bodies.next()? {
                    Ok(body) => Some(parse_jwks(&body).ok()?.0),
                    Err(e) => {
                        self.out.notice(Notice::RefetchFailed(e));
                        None
                    }
                }
            })
            .collect()
    }

    /// URL sources fetched concurrently: a source (saying how the cache
    /// served it), or a failure line naming it. A document that is not a
    /// key set is a definite failure, as is any answer a retry cannot mend;
    /// only a server that could not be reached is unavailable.
    fn urls(&self, urls: &[(String, Url, LabelIs)]) -> Vec<std::result::Result<Source, Failure>> {
        let list: Vec<Url> = urls.iter().map(|(_, u, _)| u.clone()).collect();
        self.fetcher
            .documents(&list, self.mode)
            .into_iter()
            .zip(urls)
            .map(|(result, (label, url, is))| match result {
                Ok(document) => match parse_jwks(&document.body) {
                    Ok((keys, _)) => {
                        let keys = keys.iter().map(Jwk::to_public).collect();
                        let mut source = Source::new(label.as_str(), Some(url.to_string()), keys);
                        source.cache = document.cache;
                        Ok(if self.fetcher.fetched_from_origin(url) {
                            source.fresh_from_origin()
                        } else {
                            source
                        })
                    }
                    Err(why) => Err(Failure::Broken(format!("{label}: {why}"))),
                },
                Err(e) => {
                    // The message names the URL; a registry entry is named too.
                    let line = match is {
                        LabelIs::TheUrl => e.message().to_string(),
                        LabelIs::AName => format!("'{label}': {}", e.message()),
                    };
                    Err(if e.kind() == ErrorKind::Unreachable {
                        Failure::Unavailable(line)
                    } else {
                        Failure::Broken(line)
                    })
                }
            })
            .collect()
    }

    /// A JWKS or JWK file. Its HMAC keys may verify only when the file was
    /// named with an explicit path (`./x`, `/x`, `file:x`): a bare word that
    /// happens to be a file in the working directory never enables HMAC.
    fn file(&self, path: &str, explicit_path: bool) -> std::result::Result<Source, NamedError> {
        let text = crate::fsutil::read_user_text(Path::new(path))?;
        let (keys, single) = parse_jwks(text.as_bytes()).map_err(|why| NamedError::JwksFile {
            path: path.to_string(),
            why,
        })?;
        let secrets = keys.iter().filter(|k| k.kty == "oct").count();
        if secrets > 0 && !explicit_path {
            self.out.notice(Notice::HmacIgnored {
                count: secrets,
                path: path.to_string(),
            });
        }
        let keys: Vec<Jwk> = keys
            .into_iter()
            .filter(|k| explicit_path || k.kty != "oct")
            .map(|k| if k.kty == "oct" { k } else { k.to_public() })
            .collect();
        let mut source = Source::new(path, None, keys);
        source.hmac = explicit_path;
        source.explicit = single;
        Ok(source)
    }
}

/// A source the request names that cannot be used, by the list of the
/// [`Request`] that named it, so that the command layer can word it with the
/// flag it came from (`commands/notices.rs`).
#[derive(Debug, Clone)]
pub enum NamedError {
    /// A `jwks` value names nothing usable (the error names the value).
    Jwks(Error),
    /// A `jwks` file that is neither a key set nor a key.
    JwksFile { path: String, why: JwksError },
    /// A `keys` file that is not a public key; `key_set` when it looks like
    /// a JWKS (which `jwks` takes).
    Key {
        path: PathBuf,
        why: KeyError,
        key_set: bool,
    },
    /// A `keys` file sqld would not load (`sqld_keys`).
    SqldKey { path: PathBuf, why: SqldKeyError },
    /// The variable the `secret` is read from is not set.
    SecretEnvUnset { var: String },
    /// Anything else, already worded without a flag (a file that cannot be
    /// read, a secret that does not decode, the registry).
    Other(Error),
}

impl From<Error> for NamedError {
    fn from(error: Error) -> Self {
        NamedError::Other(error)
    }
}

/// The token's `iss`, read without verifying (only to pick which source to
/// consult first; the verdict never depends on it).
fn unverified_iss(text: &str) -> Option<String> {
    let cleaned = crate::token::decode::clean(text).ok()?;
    let decoded = crate::token::decode::decode(&cleaned.token).ok()?;
    decoded
        .claims()
        .ok()?
        .get("iss")?
        .as_str()
        .map(str::to_string)
}

/// Why a document is not a key set (or a single key).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwksError {
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("\"keys\" is not an array")]
    KeysNotArray,
    #[error("not a JWKS (no \"keys\") nor a JWK (no \"kty\")")]
    Neither,
    #[error(transparent)]
    Jwk(#[from] crate::jwk::JwkError),
}

/// The keys of a JWKS body (members as given; callers take the public part);
/// also says whether the document was a single JWK rather than a set.
pub fn parse_jwks(body: &[u8]) -> std::result::Result<(Vec<Jwk>, bool), JwksError> {
    let doc: Value = serde_json::from_slice(body).map_err(|e| JwksError::NotJson(e.to_string()))?;
    match doc.get("keys") {
        Some(Value::Array(list)) => Ok((
            list.iter()
                .filter_map(|k| Jwk::from_value(k).ok())
                .collect(),
            false,
        )),
        Some(_) => Err(JwksError::KeysNotArray),
        None if doc.get("kty").is_some() => Ok((vec![Jwk::from_value(&doc)?], true)),
        None => Err(JwksError::Neither),
    }
}

/// An HMAC secret as a source: from an environment variable or a file (one
/// trailing newline stripped), decoded as asked. Never empty.
fn secret(from: &SecretFrom, encoding: SecretEncoding) -> std::result::Result<Source, NamedError> {
    let (label, raw) = match from {
        SecretFrom::Env(var) => {
            let value = std::env::var_os(var)
                .ok_or_else(|| NamedError::SecretEnvUnset { var: var.clone() })?;
            #[cfg(unix)]
            let bytes = {
                use std::os::unix::ffi::OsStringExt;
                value.into_vec()
            };
            #[cfg(not(unix))]
            let bytes = value.to_string_lossy().into_owned().into_bytes();
            (format!("env:{var}"), bytes)
        }
        SecretFrom::File(path) => {
            let bytes = crate::fsutil::read_user_file(path)?;
            (path.display().to_string(), bytes)
        }
    };
    let mut bytes = raw;
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
    let secret = match encoding {
        SecretEncoding::Raw => bytes,
        SecretEncoding::Base64 | SecretEncoding::Base64url => {
            let name = if encoding == SecretEncoding::Base64 {
                "base64"
            } else {
                "base64url"
            };
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::usage(format!("{label}: the secret is not {name} text")))?;
            let text = text.trim();
            let decoded = if encoding == SecretEncoding::Base64 {
                base64::engine::general_purpose::STANDARD.decode(text)
            } else {
                crate::jwk::b64url_decode(text)
            };
            decoded.map_err(|_| Error::usage(format!("{label}: the secret is not valid {name}")))?
        }
    };
    if secret.is_empty() {
        return Err(Error::usage(format!("{label}: the secret is empty")).into());
    }
    let mut jwk = base_jwk("oct");
    jwk.extra.insert("k".into(), b64url_encode(secret).into());
    let mut source = Source::new(label, None, vec![jwk]);
    source.hmac = true;
    source.explicit = true;
    source.raw_secret = encoding == SecretEncoding::Raw;
    Ok(source)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::time::Duration;

    use super::*;

    /// Loading says what it left out as a value, and prints nothing: a
    /// bare-word file's HMAC keys are ignored, with a notice naming them.
    #[test]
    fn ignored_hmac_keys_are_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.json");
        std::fs::write(
            &path,
            r#"{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"s"}]}"#,
        )
        .unwrap();
        let fetches = Mutex::new(Vec::new());
        let fetcher = Fetcher::new(&fetches, Duration::from_secs(1), None);
        let notices = Mutex::new(Vec::new());
        let loader = Loader {
            fetcher: &fetcher,
            mode: CacheMode::Offline,
            out: &notices,
        };
        let shown = path.display().to_string();
        let source = loader.file(&shown, false).unwrap();
        assert!(source.keys.is_empty());
        let notices = notices.into_inner().unwrap();
        assert!(
            matches!(&notices[..], [Notice::HmacIgnored { count: 1, path }] if *path == shown),
            "{notices:?}"
        );
        let notices = Mutex::new(Vec::new());
        let loader = Loader {
            fetcher: &fetcher,
            mode: CacheMode::Offline,
            out: &notices,
        };
        assert_eq!(loader.file(&shown, true).unwrap().keys.len(), 1);
        assert!(notices.into_inner().unwrap().is_empty());
    }
}
