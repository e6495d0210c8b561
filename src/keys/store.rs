//! The key store: one private JWK per file, `data/keys/<kid>.json`, in a
//! directory of mode 0700 with files of mode 0600, each written atomically.
//! The default key's kid lives in `config.yaml` (`default_key`). Reading the
//! store never creates anything.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::Value;

use super::validate_kid;
use crate::config::{Config, Key};
use crate::error::{Error, Result};
use crate::fsutil;
use crate::jwk::Jwk;

/// The store holds asymmetric keys but none is the default: kept typed under
/// the error [`KeyStore::default_or_create`] returns, for callers that word
/// another way out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("no default key is set")]
pub struct NoDefaultKey;
use crate::paths::Paths;

/// One stored key.
#[derive(Debug, Clone)]
pub struct StoredKey {
    pub kid: String,
    pub alg: String,
    /// RFC 3339 UTC (the file's modification time: key files are written once).
    pub created_at: Option<String>,
    /// The private JWK.
    pub jwk: Jwk,
}

/// The key store of one jwksctl home.
#[derive(Debug, Clone)]
pub struct KeyStore {
    paths: Paths,
}

impl KeyStore {
    /// The store under `paths.data_dir/keys`.
    pub fn new(paths: &Paths) -> Self {
        KeyStore {
            paths: paths.clone(),
        }
    }

    /// The directory.
    pub fn dir(&self) -> PathBuf {
        self.paths.data_dir.join("keys")
    }

    fn file(&self, kid: &str) -> PathBuf {
        self.dir().join(format!("{kid}.json"))
    }

    /// Every readable key, sorted by kid. Files that are not keys are skipped
    /// (and named in `skipped`).
    pub fn list(&self) -> Result<(Vec<StoredKey>, Vec<String>)> {
        let dir = self.dir();
        fsutil::ensure_private_dir(&dir)?;
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
            Err(e) => {
                return Err(Error::failure(format!(
                    "cannot read {}: {e}",
                    dir.display()
                )));
            }
        };
        let mut keys = Vec::new();
        let mut skipped = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(kid) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".json"))
            else {
                continue;
            };
            match read_key(&path, kid) {
                Ok(key) => keys.push(key),
                Err(e) => skipped.push(e.message().to_string()),
            }
        }
        keys.sort_by(|a, b| a.kid.cmp(&b.kid));
        Ok((keys, skipped))
    }

    /// The key with this kid; an unknown kid is a usage error naming the kids
    /// that exist.
    pub fn get(&self, kid: &str) -> Result<StoredKey> {
        let path = self.file(kid);
        fsutil::ensure_private_dir(&self.dir())?;
        if validate_kid(kid).is_err() || !path.is_file() {
            return Err(self.unknown(kid));
        }
        read_key(&path, kid)
    }

    /// The error for a kid that is not in the store.
    pub fn unknown(&self, kid: &str) -> Error {
        let kids: Vec<String> = self
            .list()
            .map(|(keys, _)| keys.into_iter().map(|k| k.kid).collect())
            .unwrap_or_default();
        let hint = if kids.is_empty() {
            "the key store is empty; create a key with `jwksctl keys generate`".to_string()
        } else {
            format!("keys: {}", kids.join(", "))
        };
        Error::usage(format!("no key with kid {kid:?} in the key store")).with_hint(hint)
    }

    /// The default key's kid, when it is set and the key exists.
    pub fn default_kid(&self) -> Result<Option<String>> {
        let config = Config::load(&self.paths)?;
        Ok(config
            .default_key
            .map(|kid| kid.value.as_str().to_string())
            .filter(|kid| self.file(kid).is_file()))
    }

    /// Run `f` holding the store's exclusive lock (creating the directory).
    fn locked<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let dir = self.dir();
        fsutil::ensure_dir(&dir, Some(0o700))
            .map_err(|e| Error::failure(format!("cannot create {}: {e}", dir.display())))?;
        fsutil::ensure_private_dir(&dir)?;
        let _lock = fsutil::lock_exclusive(&dir.join(".lock"))?;
        f()
    }

    /// Store a new private JWK (its `kid` must be set and unused).
    pub fn insert(&self, jwk: &Jwk) -> Result<()> {
        self.locked(|| self.insert_unlocked(jwk))
    }

    /// The default key; when there is none and the store is empty, `make` a
    /// key, store it and make it the default — under the lock, so parallel
    /// first runs agree on one key. Returns the key and whether it is new.
    /// Asymmetric keys without a default is an error: which one to use is
    /// the user's call.
    pub fn default_or_create(
        &self,
        make: impl FnOnce() -> Result<Jwk>,
    ) -> Result<(StoredKey, bool)> {
        if let Some(kid) = self.default_kid()? {
            return Ok((self.get(&kid)?, false));
        }
        self.locked(|| {
            if let Some(kid) = self.default_kid()? {
                return Ok((self.get(&kid)?, false));
            }
            let (keys, _) = self.list()?;
            // HMAC keys never become the default implicitly; a store holding
            // only those gets a new asymmetric default as an empty one would.
            if keys.iter().any(|k| k.jwk.kty != "oct") {
                let kids: Vec<&str> = keys.iter().map(|k| k.kid.as_str()).collect();
                return Err(Error::usage(NoDefaultKey.to_string())
                    .with_hint(format!(
                        "make one the default with `jwksctl keys default KID` (keys: {})",
                        kids.join(", ")
                    ))
                    .with_typed(NoDefaultKey));
            }
            let jwk = make()?;
            self.insert_unlocked(&jwk)?;
            let kid = jwk.kid.clone().unwrap_or_default();
            self.set_default(Some(&kid))?;
            Ok((self.get(&kid)?, true))
        })
    }

    fn insert_unlocked(&self, jwk: &Jwk) -> Result<()> {
        let kid = jwk
            .kid
            .as_deref()
            .ok_or_else(|| Error::failure("a stored key needs a kid"))?;
        validate_kid(kid).map_err(|why| Error::usage(format!("invalid kid {kid:?}: {why}")))?;
        let path = self.file(kid);
        if path.exists() {
            return Err(
                Error::failure(format!("a key with kid {kid:?} already exists"))
                    .with_hint("choose another kid, or remove the key first"),
            );
        }
        let mut bytes = serde_json::to_vec_pretty(jwk)
            .map_err(|e| Error::failure(format!("cannot encode the key: {e}")))?;
        bytes.push(b'\n');
        fsutil::write_atomic(&path, &bytes, 0o600)
            .map_err(|e| Error::failure(format!("cannot write {}: {e}", path.display())))
    }

    /// Delete a key file.
    pub fn remove(&self, kid: &str) -> Result<()> {
        let path = self.file(kid);
        fs::remove_file(&path)
            .map_err(|e| Error::failure(format!("cannot remove {}: {e}", path.display())))
    }

    /// Make `kid` the default key.
    pub fn set_default(&self, kid: Option<&str>) -> Result<()> {
        Config::update(&self.paths, |c| c.set(Key::DefaultKey, kid))
    }
}

fn read_key(path: &Path, kid: &str) -> Result<StoredKey> {
    let text = fsutil::read_owned_string(path)
        .map_err(|e| Error::failure(format!("cannot read {}: {e}", path.display())))?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| Error::failure(format!("invalid key file {}: {e}", path.display())))?;
    let jwk = Jwk::from_value(&value)
        .map_err(|e| Error::failure(format!("invalid key file {}: {e}", path.display())))?;
    let alg = match &jwk.alg {
        Some(a) => a.clone(),
        None => super::convert::default_alg(&jwk)
            .map_err(|e| Error::failure(format!("invalid key file {}: {e}", path.display())))?
            .to_string(),
    };
    let created_at = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t: SystemTime| humantime::format_rfc3339_seconds(t).to_string());
    Ok(StoredKey {
        kid: kid.to_string(),
        alg,
        created_at,
        jwk,
    })
}

#[cfg(test)]
mod typed_tests {
    use super::*;
    use crate::alg::Alg;
    use crate::keys::generate::generate;

    /// Asymmetric keys and no default: the error carries the typed
    /// [`NoDefaultKey`] its callers decide by, and nothing is generated.
    #[test]
    fn no_default_key_is_typed() {
        let home = tempfile::tempdir().unwrap();
        let store = KeyStore::new(&crate::paths::Paths::under(home.path()));
        store
            .insert(&generate(Alg::EdDSA, None, Some("k1")).unwrap())
            .unwrap();
        let e = store
            .default_or_create(|| panic!("no key is generated"))
            .unwrap_err();
        assert_eq!(e.cause_as::<NoDefaultKey>(), Some(&NoDefaultKey));
        assert_eq!(e.message(), "no default key is set");
    }
}
