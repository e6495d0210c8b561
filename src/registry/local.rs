//! The local registry backend: `config/registry.json`, `{"version":1,"entries":[…]}`
//! sorted by name. Every change takes an exclusive lock on `registry.lock`,
//! re-reads, modifies and writes through a temporary file that is fsynced and
//! renamed (ARCHITECTURE.md, "Invariants"). A file that does not parse is reported and
//! never replaced.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Entry, EntryMeta, Registry, Saved, unknown_name};
use crate::claims::Template;
use crate::error::{Error, Result};
use crate::fsutil;

/// The file format version this binary reads and writes.
pub const VERSION: u64 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u64,
    entries: Vec<StoredEntry>,
}

/// An entry as stored: every field present.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredEntry {
    name: String,
    url: String,
    #[serde(default)]
    provider: Option<String>,
    created_at: String,
    updated_at: String,
}

impl From<StoredEntry> for Entry {
    fn from(e: StoredEntry) -> Entry {
        Entry {
            name: e.name,
            url: e.url,
            meta: Some(EntryMeta {
                provider: e.provider,
                created_at: e.created_at,
                updated_at: e.updated_at,
            }),
        }
    }
}

/// The registry file under a config directory.
#[derive(Debug, Clone)]
pub struct LocalRegistry {
    dir: PathBuf,
}

impl LocalRegistry {
    /// The registry kept in `config_dir/registry.json`.
    pub fn new(config_dir: &Path) -> Self {
        LocalRegistry {
            dir: config_dir.to_path_buf(),
        }
    }

    /// The registry file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join("registry.json")
    }

    fn read(&self) -> Result<Vec<StoredEntry>> {
        let path = self.path();
        fsutil::ensure_private_dir(&self.dir)?;
        match fsutil::read_owned(&path) {
            Ok(bytes) => parse(&bytes).map_err(|why| {
                Error::failure(format!("invalid registry file {}: {why}", path.display()))
                    .with_hint(
                        "fix the file by hand or move it away; jwksctl will not overwrite it",
                    )
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(Error::failure(format!(
                "cannot read {}: {e}",
                path.display()
            ))),
        }
    }

    /// Lock, re-read, change, write atomically. `change` returns what the
    /// caller wants back, or an error that leaves the file untouched.
    fn modify<T>(&self, change: impl FnOnce(&mut Vec<StoredEntry>) -> Result<T>) -> Result<T> {
        fsutil::ensure_dir(&self.dir, Some(0o700))
            .map_err(|e| Error::failure(format!("cannot create {}: {e}", self.dir.display())))?;
        fsutil::ensure_private_dir(&self.dir)?;
        let _lock = fsutil::lock_exclusive(&self.dir.join("registry.lock"))?;
        fsutil::remove_stale_temps(&self.path());
        let mut entries = self.read()?;
        let result = change(&mut entries)?;
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        let file = File {
            version: VERSION,
            entries,
        };
        let mut bytes = serde_json::to_vec_pretty(&file)
            .map_err(|e| Error::failure(format!("cannot encode the registry: {e}")))?;
        bytes.push(b'\n');
        let path = self.path();
        fsutil::write_atomic(&path, &bytes, 0o644)
            .map_err(|e| Error::failure(format!("cannot write {}: {e}", path.display())))?;
        Ok(result)
    }
}

/// Parse registry bytes; the error says what is wrong, with line and column.
fn parse(bytes: &[u8]) -> std::result::Result<Vec<StoredEntry>, String> {
    #[derive(Deserialize)]
    struct Version {
        version: u64,
    }
    // Check the version first so a newer file is reported as such, not as
    // an unknown field of this version.
    let version: Version = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if version.version > VERSION {
        return Err(format!(
            "format version {} is newer than this jwksctl understands ({VERSION}); upgrade jwksctl",
            version.version
        ));
    }
    if version.version == 0 {
        return Err("format version 0 is not valid".into());
    }
    let file: File = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let mut names = std::collections::HashSet::new();
    for entry in &file.entries {
        if !names.insert(entry.name.as_str()) {
            return Err(format!("the name {:?} appears twice", entry.name));
        }
    }
    Ok(file.entries)
}

/// Now, RFC 3339 UTC to the second.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

impl Registry for LocalRegistry {
    fn describe(&self) -> String {
        format!("local registry ({})", self.path().display())
    }

    fn list(&self) -> Result<Vec<Entry>> {
        let mut entries = self.read()?;
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries.into_iter().map(Entry::from).collect())
    }

    fn save(&self, name: &str, url: &str, provider: Option<&str>) -> Result<Saved> {
        self.modify(|entries| {
            let now = now_rfc3339();
            if let Some(existing) = entries.iter_mut().find(|e| e.name == name) {
                let old_url = std::mem::replace(&mut existing.url, url.to_string());
                existing.provider = provider.map(str::to_string);
                existing.updated_at = now;
                Ok(Saved::Replaced {
                    old_url: Some(old_url),
                })
            } else {
                entries.push(StoredEntry {
                    name: name.to_string(),
                    url: url.to_string(),
                    provider: provider.map(str::to_string),
                    created_at: now.clone(),
                    updated_at: now,
                });
                Ok(Saved::Created)
            }
        })
    }

    fn remove(&self, name: &str) -> Result<()> {
        // Check first without taking the lock or creating anything, so removing
        // from an empty or missing registry writes nothing.
        let names: Vec<String> = self.read()?.into_iter().map(|e| e.name).collect();
        if !names.iter().any(|n| n == name) {
            return Err(unknown_name(name, &names, "local registry"));
        }
        self.modify(|entries| {
            let before = entries.len();
            entries.retain(|e| e.name != name);
            if entries.len() == before {
                let names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
                return Err(unknown_name(name, &names, "local registry"));
            }
            Ok(())
        })
    }

    fn template(&self, _template: &Template) -> Result<Option<String>> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn save_list_remove() {
        let dir = tempfile::tempdir().unwrap();
        let reg = LocalRegistry::new(dir.path());
        assert!(reg.list().unwrap().is_empty());
        assert_eq!(reg.save("b", "https://b/", None).unwrap(), Saved::Created);
        assert_eq!(
            reg.save("a", "https://a/", Some("clerk")).unwrap(),
            Saved::Created
        );
        assert_eq!(
            reg.save("b", "https://b2/", None).unwrap(),
            Saved::Replaced {
                old_url: Some("https://b/".into())
            }
        );
        let names: Vec<_> = reg.list().unwrap().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["a", "b"]);
        reg.remove("a").unwrap();
        let e = reg.remove("zz").unwrap_err();
        assert!(e.hint().unwrap().contains("\"b\""));
    }

    #[test]
    fn newer_version_is_refused() {
        let e = parse(br#"{"version":2,"entries":[]}"#).unwrap_err();
        assert!(e.contains("newer"), "{e}");
        assert!(parse(br#"{"version":1,"entries":[]}"#).is_ok());
        assert!(parse(br#"{"version":1,"entries":[{"name":"a","url":"u","created_at":"t","updated_at":"t"},{"name":"a","url":"u","created_at":"t","updated_at":"t"}]}"#).is_err());
    }

    proptest! {
        /// Random bytes are a registry only when they are a JSON object
        /// of version 1; a refusal says why.
        #[test]
        fn arbitrary_bytes_are_refused_unless_a_registry(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            match parse(&bytes) {
                Ok(_) => {
                    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                    prop_assert_eq!(&v["version"], 1);
                }
                Err(e) => prop_assert!(!e.trim().is_empty()),
            }
        }

        /// The version decides first: a newer one is refused as newer, 0 as
        /// invalid, and only version 1 is ever read; entries that parse have
        /// distinct names.
        #[test]
        fn versions_are_judged_first(text in r#"\{"version":[0-9]{1,3},"entries":\[.{0,40}\]\}"#) {
            let version: Option<u64> = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v["version"].as_u64());
            match (parse(text.as_bytes()), version) {
                (Ok(entries), Some(1)) => {
                    let mut names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
                    names.sort();
                    names.dedup();
                    prop_assert_eq!(names.len(), entries.len());
                }
                (Ok(_), v) => prop_assert!(false, "version {:?} was read", v),
                (Err(e), Some(v)) if v > 1 => prop_assert!(e.contains("newer"), "{}", e),
                (Err(e), Some(0)) => prop_assert!(e.contains("version 0"), "{}", e),
                (Err(e), _) => prop_assert!(!e.trim().is_empty()),
            }
        }
    }
}
