//! `config.yaml`: the user's persistent settings (docs/registry.md, "Settings: config") and how a setting is
//! resolved — flag > environment > `config.yaml` > default. Clap already
//! merges a flag with its environment variable, so callers pass that merged
//! value as `explicit` and this module supplies the rest of the chain.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fsutil;
use crate::paths::Paths;

/// The keys `config set` accepts, in the order `config show` prints them.
pub const KEYS: [&str; 6] = [
    "registry",
    "org",
    "api_url",
    "timeout",
    "max_stale",
    "default_key",
];

/// Default Turso Platform API base URL.
pub const DEFAULT_API_URL: &str = "https://api.turso.tech";

/// The contents of `config.yaml`. Every field is optional; absent means default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `local` or `turso`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// Turso organization slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// Turso Platform API base URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
    /// Network timeout (`15s`, `1m`: [`crate::duration`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    /// How long past its max-age a cached JWKS may stand in for a server
    /// that cannot be reached (`24h`, `0s` never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_stale: Option<String>,
    /// kid of the default signing key in the local key store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_key: Option<String>,
}

impl Config {
    /// The path of `config.yaml` under these directories.
    pub fn path(paths: &Paths) -> PathBuf {
        paths.config_dir.join("config.yaml")
    }

    /// Read `config.yaml`; a missing file is the default configuration. A file
    /// that does not parse is an error naming the file; it is never rewritten.
    pub fn load(paths: &Paths) -> Result<Config> {
        let path = Self::path(paths);
        fsutil::ensure_private_dir(&paths.config_dir)?;
        match fsutil::read_owned_string(&path) {
            Ok(text) => Self::parse(&text, &path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Error::failure(format!(
                "cannot read {}: {e}",
                path.display()
            ))),
        }
    }

    /// The settings of a broken file worth keeping: every known key whose
    /// value is valid, when the text is a YAML mapping at all.
    fn salvage(text: &str) -> Config {
        let mut config = Config::default();
        let Ok(yaml_serde::Value::Mapping(map)) = yaml_serde::from_str::<yaml_serde::Value>(text)
        else {
            return config;
        };
        for (key, value) in map {
            if let (Some(key), Some(value)) = (key.as_str(), value.as_str()) {
                let _ = config.set(key, Some(value.to_string()));
            }
        }
        config
    }

    /// The parse error of an existing `config.yaml` that is not valid (not
    /// an I/O error: only a file that is there and wrong).
    pub fn invalid(paths: &Paths) -> Option<Error> {
        let path = Self::path(paths);
        let text = fs::read_to_string(&path).ok()?;
        Self::parse(&text, &path).err()
    }

    fn parse(text: &str, path: &Path) -> Result<Config> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let config: Config = yaml_serde::from_str(text).map_err(|e| {
            Error::failure(format!("invalid config file {}: {e}", path.display())).with_hint(
                format!("fix or delete the file (or rewrite it: `jwksctl config set KEY VALUE --yes`); valid keys are {}", KEYS.join(", ")),
            )
        })?;
        config.validate().map_err(|e| {
            Error::failure(format!(
                "invalid config file {}: {}",
                path.display(),
                e.message()
            ))
        })?;
        Ok(config)
    }

    /// Check every value as `config set` would.
    fn validate(&self) -> Result<()> {
        for key in KEYS {
            if let Some(value) = self.get(key) {
                check_value(key, value)?;
            }
        }
        Ok(())
    }

    /// Change the file under an exclusive lock: re-read, apply `change`, write
    /// atomically. An invalid existing file stops the change untouched.
    pub fn update<T>(paths: &Paths, change: impl FnOnce(&mut Config) -> Result<T>) -> Result<T> {
        Self::update_or_replace(paths, false, change)
    }

    /// [`Config::update`]; with `replace_invalid`, a file that does not parse
    /// (or holds an invalid value) is kept as `config.yaml.bak` and the
    /// change starts from the defaults — `config set/unset` after the user
    /// confirmed.
    pub fn update_or_replace<T>(
        paths: &Paths,
        replace_invalid: bool,
        change: impl FnOnce(&mut Config) -> Result<T>,
    ) -> Result<T> {
        let path = Self::path(paths);
        fsutil::ensure_dir(&paths.config_dir, Some(0o700)).map_err(|e| {
            Error::failure(format!("cannot create {}: {e}", paths.config_dir.display()))
        })?;
        fsutil::ensure_private_dir(&paths.config_dir)?;
        let _lock = fsutil::lock_exclusive(&paths.config_dir.join("config.lock"))?;
        let mut config = match Self::load(paths) {
            Ok(config) => config,
            Err(e) if replace_invalid && Self::invalid(paths).is_some() => {
                let backup = path.with_extension("yaml.bak");
                let old = fs::read(&path).map_err(|_| e.clone())?;
                fsutil::write_atomic(&backup, &old, 0o600).map_err(|io| {
                    Error::failure(format!("cannot write {}: {io}", backup.display()))
                })?;
                Self::salvage(&String::from_utf8_lossy(&old))
            }
            Err(e) => return Err(e),
        };
        let result = change(&mut config)?;
        let text = if config == Config::default() {
            String::new()
        } else {
            yaml_serde::to_string(&config)
                .map_err(|e| Error::failure(format!("cannot encode the configuration: {e}")))?
        };
        fsutil::write_atomic(&path, text.as_bytes(), 0o644)
            .map_err(|e| Error::failure(format!("cannot write {}: {e}", path.display())))?;
        Ok(result)
    }

    /// The value of a key, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        match key {
            "registry" => self.registry.as_deref(),
            "org" => self.org.as_deref(),
            "api_url" => self.api_url.as_deref(),
            "timeout" => self.timeout.as_deref(),
            "max_stale" => self.max_stale.as_deref(),
            "default_key" => self.default_key.as_deref(),
            _ => None,
        }
    }

    /// Set (`Some`) or unset (`None`) a key, validating the key and the value.
    pub fn set(&mut self, key: &str, value: Option<String>) -> Result<()> {
        if let Some(value) = &value {
            check_value(key, value)?;
        }
        let slot = match key {
            "registry" => &mut self.registry,
            "org" => &mut self.org,
            "api_url" => &mut self.api_url,
            "timeout" => &mut self.timeout,
            "max_stale" => &mut self.max_stale,
            "default_key" => &mut self.default_key,
            _ => return Err(unknown_key(key)),
        };
        *slot = value;
        Ok(())
    }
}

fn unknown_key(key: &str) -> Error {
    let mut error = Error::usage(format!(
        "unknown configuration key {key:?}; valid keys: {}",
        KEYS.join(", ")
    ));
    if let Some(close) = KEYS
        .iter()
        .find(|k| strsim::damerau_levenshtein(k, key) <= 2)
    {
        error = error.with_hint(format!("did you mean {close}?"));
    }
    error
}

/// Validate one value for one key.
pub fn check_value(key: &str, value: &str) -> Result<()> {
    match key {
        "registry" => parse_registry(value).map(|_| ()),
        "org" => {
            if value.is_empty()
                || value.chars().any(|c| c.is_control() || c == '/')
                || crate::registry::is_dot_segment(value)
            {
                Err(Error::usage(format!("invalid organization slug {value:?}")))
            } else {
                Ok(())
            }
        }
        "api_url" => crate::registry::turso::validate_api_url(value).map(|_| ()),
        "timeout" => parse_timeout(value).map(|_| ()),
        "max_stale" => parse_max_stale(value).map(|_| ()),
        "default_key" => {
            if value.is_empty()
                || value.contains(['/', '\\'])
                || value.chars().any(char::is_control)
            {
                Err(Error::usage(format!("invalid key id {value:?}")))
            } else {
                Ok(())
            }
        }
        _ => Err(unknown_key(key)),
    }
}

/// Which registry backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistryKind {
    Local,
    Turso,
}

/// Parse `local` / `turso`.
pub fn parse_registry(value: &str) -> Result<RegistryKind> {
    match value {
        "local" => Ok(RegistryKind::Local),
        "turso" => Ok(RegistryKind::Turso),
        other => Err(Error::usage(format!(
            "invalid registry {other:?}: expected local or turso"
        ))),
    }
}

/// Parse a timeout (`15s`, `1m30s`: [`crate::duration`]); zero is refused.
pub fn parse_timeout(value: &str) -> Result<Duration> {
    crate::duration::parse_above_zero(value)
        .map_err(|why| Error::usage(format!("invalid timeout {value:?}: {why}")))
}

/// Parse `max_stale` (`24h`; `0s` never uses a stale copy when the server is down).
pub fn parse_max_stale(value: &str) -> Result<Duration> {
    crate::duration::parse(value)
        .map_err(|why| Error::usage(format!("invalid max_stale {value:?}: {why}")))
}

/// The flag and variable behind a duration setting, for messages that name
/// where a bad value came from.
pub fn duration_sources(key: &str) -> Option<(&'static str, &'static str)> {
    match key {
        "timeout" => Some(("--timeout", "JWKSCTL_TIMEOUT")),
        "max_stale" => Some(("--max-stale", "JWKSCTL_MAX_STALE")),
        _ => None,
    }
}

/// Where a resolved setting came from (shown by `config show`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Flag,
    Env,
    Config,
    Default,
}

impl Origin {
    /// The word `config show` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Flag => "flag",
            Origin::Env => "env",
            Origin::Config => "config",
            Origin::Default => "default",
        }
    }
}

/// The default of a setting, if it has one.
pub fn default_for(key: &str) -> Option<&'static str> {
    match key {
        "registry" => Some("local"),
        "api_url" => Some(DEFAULT_API_URL),
        "timeout" => Some("15s"),
        "max_stale" => Some("24h"),
        _ => None,
    }
}

/// Resolve a setting: flag or environment (clap merged them into `explicit`;
/// `env_var` tells which it was) > `config.yaml` > default. The configuration
/// is loaded only when no flag or variable decides, so a broken file never
/// blocks an explicit value.
pub fn resolve(
    key: &str,
    explicit: Option<&str>,
    env_var: Option<&str>,
    config: impl FnOnce() -> Result<Config>,
) -> Result<Option<(String, Origin)>> {
    if let Some(value) = explicit {
        let from_env = env_var.is_some_and(|var| std::env::var(var).is_ok_and(|v| v == value));
        let origin = if from_env { Origin::Env } else { Origin::Flag };
        return Ok(Some((value.to_string(), origin)));
    }
    if let Some(value) = config()?.get(key) {
        return Ok(Some((value.to_string(), Origin::Config)));
    }
    Ok(default_for(key).map(|d| (d.to_string(), Origin::Default)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_validates_keys_and_values() {
        let mut c = Config::default();
        c.set("registry", Some("turso".into())).unwrap();
        assert_eq!(c.get("registry"), Some("turso"));
        assert!(c.set("registry", Some("s3".into())).is_err());
        let e = c.set("regsitry", Some("local".into())).unwrap_err();
        assert!(e.message().contains("valid keys: registry, org"));
        assert_eq!(e.hint(), Some("did you mean registry?"));
        assert!(c.set("timeout", Some("soon".into())).is_err());
        assert!(c.set("api_url", Some("ftp://x".into())).is_err());
        c.set("registry", None).unwrap();
        assert_eq!(c, Config::default());
    }

    #[test]
    fn round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        assert_eq!(Config::load(&paths).unwrap(), Config::default());
        Config::update(&paths, |c| c.set("org", Some("acme".into()))).unwrap();
        let text = fs::read_to_string(Config::path(&paths)).unwrap();
        assert_eq!(text, "org: acme\n");
        assert_eq!(Config::load(&paths).unwrap().org.as_deref(), Some("acme"));
    }

    #[test]
    fn invalid_file_is_reported_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        fs::create_dir_all(&paths.config_dir).unwrap();
        let path = Config::path(&paths);
        for bad in ["registry: [", "colour: red\n", "timeout: soon\n", "- a\n"] {
            fs::write(&path, bad).unwrap();
            let e = Config::load(&paths).unwrap_err();
            assert!(e.message().contains(&path.display().to_string()), "{e}");
            let e = Config::update(&paths, |c| c.set("org", Some("x".into()))).unwrap_err();
            assert!(e.message().contains("invalid config file"));
            assert_eq!(fs::read_to_string(&path).unwrap(), bad);
        }
    }

    #[test]
    fn precedence() {
        let config = || {
            let mut c = Config::default();
            c.set("org", Some("from-config".into()))?;
            Ok(c)
        };
        let got = |explicit| resolve("org", explicit, None, config).unwrap();
        assert_eq!(got(Some("a")), Some(("a".into(), Origin::Flag)));
        assert_eq!(got(None), Some(("from-config".into(), Origin::Config)));
        let default = resolve("api_url", None, None, || Ok(Config::default())).unwrap();
        assert_eq!(default, Some((DEFAULT_API_URL.into(), Origin::Default)));
        assert_eq!(
            resolve("org", None, None, || Ok(Config::default())).unwrap(),
            None
        );
        // An explicit value never reads the configuration.
        let broken = || Err(Error::failure("broken"));
        assert!(resolve("timeout", Some("3s"), None, broken).is_ok());
        assert!(resolve("timeout", None, None, broken).is_err());
    }
}
