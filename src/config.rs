//! Settings: `config.yaml`, the user's persistent settings (docs/registry.md,
//! "Settings: config"), and their resolution into one typed [`Settings`] —
//! flag > environment > `config.yaml` > default — where every value knows
//! its [`Origin`]. Modelled on uv's `crates/uv/src/settings.rs`: each setting
//! is resolved once, and commands read typed fields, never a key by name.
//!
//! The flags and variables are read before any command runs ([`Given`]:
//! a bad duration or registry stops the run, naming the flag or variable);
//! the file is read, and the whole [`Settings`] built, only when a command
//! asks for them, so commands that need no setting pay nothing for them.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{Error, Result};
use crate::fsutil;
use crate::paths::Paths;

/// A setting, by its `config.yaml` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Registry,
    Org,
    ApiUrl,
    Timeout,
    MaxStale,
    DefaultKey,
}

impl Key {
    /// Every key, in the order `config show` prints them.
    pub const ALL: [Key; 6] = [
        Key::Registry,
        Key::Org,
        Key::ApiUrl,
        Key::Timeout,
        Key::MaxStale,
        Key::DefaultKey,
    ];

    /// The key's name in `config.yaml`.
    pub fn name(self) -> &'static str {
        match self {
            Key::Registry => "registry",
            Key::Org => "org",
            Key::ApiUrl => "api_url",
            Key::Timeout => "timeout",
            Key::MaxStale => "max_stale",
            Key::DefaultKey => "default_key",
        }
    }

    /// The flag that sets it, if one does.
    pub fn flag(self) -> Option<&'static str> {
        match self {
            Key::Registry => Some("--registry"),
            Key::Org => Some("--org"),
            Key::ApiUrl => Some("--api-url"),
            Key::Timeout => Some("--timeout"),
            Key::MaxStale => Some("--max-stale"),
            Key::DefaultKey => None,
        }
    }

    /// The environment variable that sets it, if one does.
    pub fn var(self) -> Option<&'static str> {
        match self {
            Key::Registry => Some("JWKSCTL_REGISTRY"),
            Key::Org => Some("JWKSCTL_ORG"),
            Key::ApiUrl => Some("JWKSCTL_API_URL"),
            Key::Timeout => Some("JWKSCTL_TIMEOUT"),
            Key::MaxStale => Some("JWKSCTL_MAX_STALE"),
            Key::DefaultKey => None,
        }
    }

    /// The key named `text` (`config set KEY`); an unknown one is a usage
    /// error listing the keys, with the closest as a hint.
    pub fn parse(text: &str) -> Result<Key> {
        Key::ALL
            .into_iter()
            .find(|k| k.name() == text)
            .ok_or_else(|| unknown_key(text))
    }
}

/// The keys' names, in the order `config show` prints them.
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
/// Default network timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);
/// [`DEFAULT_TIMEOUT`] as `config show` prints it.
const DEFAULT_TIMEOUT_TEXT: &str = "15s";
/// [`crate::jwks::fetch::DEFAULT_MAX_STALE`] as `config show` prints it.
const DEFAULT_MAX_STALE_TEXT: &str = "24h";

/// Which registry backend (`--registry`, `sync --from/--to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RegistryKind {
    /// A file in the config directory.
    Local,
    /// The Turso Platform API (your organization's JWKS).
    Turso,
}

impl RegistryKind {
    /// The setting's value as `config.yaml` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RegistryKind::Local => "local",
            RegistryKind::Turso => "turso",
        }
    }
}

/// A Turso organization slug: not empty, no `/`, no control character, not
/// `.` or `..` (it becomes a path segment of every API request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgName(String);

impl OrgName {
    /// Check a slug.
    pub fn parse(text: &str) -> Result<OrgName> {
        if text.is_empty()
            || text.chars().any(|c| c.is_control() || c == '/')
            || crate::registry::is_dot_segment(text)
        {
            Err(Error::usage(format!("invalid organization slug {text:?}")))
        } else {
            Ok(OrgName(text.to_string()))
        }
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The kid of a key in the local key store (`default_key`): not empty, no
/// path separator, no control character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyId(String);

impl KeyId {
    /// Check a kid.
    pub fn parse(text: &str) -> Result<KeyId> {
        if text.is_empty() || text.contains(['/', '\\']) || text.chars().any(char::is_control) {
            Err(Error::usage(format!("invalid key id {text:?}")))
        } else {
            Ok(KeyId(text.to_string()))
        }
    }

    /// The kid.
    pub fn as_str(&self) -> &str {
        &self.0
    }
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

/// Parse a Turso Platform API base URL ([`crate::registry::turso::validate_api_url`]).
pub fn parse_api_url(value: &str) -> Result<Url> {
    crate::registry::turso::validate_api_url(value)
}

/// Where a resolved setting came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Its flag on the command line.
    Flag,
    /// This environment variable.
    Env(&'static str),
    /// `config.yaml`.
    Config,
    /// Nothing set it.
    Default,
}

impl Origin {
    /// The word `config show` prints: `flag`, `env:VAR`, `config` or `default`.
    pub fn word(self) -> String {
        match self {
            Origin::Flag => "flag".to_string(),
            Origin::Env(var) => format!("env:{var}"),
            Origin::Config => "config".to_string(),
            Origin::Default => "default".to_string(),
        }
    }
}

/// A value read from text, with that text: `config.yaml` keeps it and
/// `config show` prints it as the user wrote it (a URL, a duration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<T> {
    pub value: T,
    pub text: String,
}

impl<T> Parsed<T> {
    fn read(text: &str, parse: impl FnOnce(&str) -> Result<T>) -> Result<Parsed<T>> {
        Ok(Parsed {
            value: parse(text)?,
            text: text.to_string(),
        })
    }

    fn from(self, source: Origin) -> Setting<T> {
        Setting {
            value: self.value,
            text: self.text,
            source,
        }
    }
}

/// A resolved setting: its typed value, the text it was read from, and
/// where that came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub text: String,
    pub source: Origin,
}

/// The contents of `config.yaml`: typed values, each with the text it was
/// read from (written back as is). Every one is optional; absent means default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub registry: Option<Parsed<RegistryKind>>,
    pub org: Option<Parsed<OrgName>>,
    pub api_url: Option<Parsed<Url>>,
    pub timeout: Option<Parsed<Duration>>,
    pub max_stale: Option<Parsed<Duration>>,
    pub default_key: Option<Parsed<KeyId>>,
}

/// `config.yaml` as text: what serde reads and writes. Unknown keys are an
/// error; each value is then checked by [`Config::set`].
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    registry: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    api_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    timeout: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_stale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default_key: Option<String>,
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
            if let (Some(key), Some(value)) = (key.as_str(), value.as_str())
                && let Ok(key) = Key::parse(key)
            {
                let _ = config.set(key, Some(value));
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
        let file: ConfigFile = yaml_serde::from_str(text).map_err(|e| {
            Error::failure(format!("invalid config file {}: {e}", path.display())).with_hint(
                format!("fix or delete the file (or rewrite it: `jwksctl config set KEY VALUE --yes`); valid keys are {}", KEYS.join(", ")),
            )
        })?;
        let mut config = Config::default();
        for key in Key::ALL {
            config.set(key, file.get(key)).map_err(|e| {
                Error::failure(format!(
                    "invalid config file {}: {}",
                    path.display(),
                    e.message()
                ))
            })?;
        }
        Ok(config)
    }

    /// The file's text form.
    fn file(&self) -> ConfigFile {
        let text = |key| self.get(key).map(str::to_string);
        ConfigFile {
            registry: text(Key::Registry),
            org: text(Key::Org),
            api_url: text(Key::ApiUrl),
            timeout: text(Key::Timeout),
            max_stale: text(Key::MaxStale),
            default_key: text(Key::DefaultKey),
        }
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
            yaml_serde::to_string(&config.file())
                .map_err(|e| Error::failure(format!("cannot encode the configuration: {e}")))?
        };
        fsutil::write_atomic(&path, text.as_bytes(), 0o644)
            .map_err(|e| Error::failure(format!("cannot write {}: {e}", path.display())))?;
        Ok(result)
    }

    /// The text of a key, if set.
    pub fn get(&self, key: Key) -> Option<&str> {
        fn text<T>(p: &Option<Parsed<T>>) -> Option<&str> {
            p.as_ref().map(|p| p.text.as_str())
        }
        match key {
            Key::Registry => text(&self.registry),
            Key::Org => text(&self.org),
            Key::ApiUrl => text(&self.api_url),
            Key::Timeout => text(&self.timeout),
            Key::MaxStale => text(&self.max_stale),
            Key::DefaultKey => text(&self.default_key),
        }
    }

    /// Set (`Some`) or unset (`None`) a key, checking the value; an invalid
    /// one changes nothing.
    pub fn set(&mut self, key: Key, value: Option<&str>) -> Result<()> {
        fn read<T>(
            value: Option<&str>,
            parse: impl FnOnce(&str) -> Result<T>,
        ) -> Result<Option<Parsed<T>>> {
            value.map(|text| Parsed::read(text, parse)).transpose()
        }
        match key {
            Key::Registry => self.registry = read(value, parse_registry)?,
            Key::Org => self.org = read(value, OrgName::parse)?,
            Key::ApiUrl => self.api_url = read(value, parse_api_url)?,
            Key::Timeout => self.timeout = read(value, parse_timeout)?,
            Key::MaxStale => self.max_stale = read(value, parse_max_stale)?,
            Key::DefaultKey => self.default_key = read(value, KeyId::parse)?,
        }
        Ok(())
    }
}

impl ConfigFile {
    fn get(&self, key: Key) -> Option<&str> {
        match key {
            Key::Registry => self.registry.as_deref(),
            Key::Org => self.org.as_deref(),
            Key::ApiUrl => self.api_url.as_deref(),
            Key::Timeout => self.timeout.as_deref(),
            Key::MaxStale => self.max_stale.as_deref(),
            Key::DefaultKey => self.default_key.as_deref(),
        }
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

/// The settings given on the command line or in the environment, read
/// before the command runs. Durations and the registry are checked here, so
/// a bad one stops every command, naming the flag or the variable;
/// `org` and `api_url` are checked when [`Settings`] are resolved, by the
/// commands that use them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Given {
    pub registry: Option<Setting<RegistryKind>>,
    pub timeout: Option<Setting<Duration>>,
    pub max_stale: Option<Setting<Duration>>,
    pub org: Option<(String, Origin)>,
    pub api_url: Option<(String, Origin)>,
}

/// The flags behind [`Given`], as clap parsed them.
#[derive(Debug, Clone, Default)]
pub struct Flags<'a> {
    /// Checked by clap.
    pub registry: Option<RegistryKind>,
    pub timeout: Option<&'a str>,
    pub max_stale: Option<&'a str>,
    pub org: Option<&'a str>,
    pub api_url: Option<&'a str>,
}

impl Given {
    /// The flags, else their variables as `env` reads them (an empty
    /// variable counts as unset, as does an empty `--org` or `--api-url`).
    pub fn read(flags: Flags<'_>, env: impl Fn(&str) -> Option<String>) -> Result<Given> {
        let env = |key: Key| {
            let var = key.var()?;
            env(var)
                .filter(|v| !v.is_empty())
                .map(|v| (v, Origin::Env(var)))
        };
        let pick = |flag: Option<&str>, key: Key| match flag {
            Some(value) => Some((value.to_string(), Origin::Flag)),
            None => env(key),
        };
        let duration = |flag: Option<&str>, key: Key, above_zero: bool| {
            let Some((text, source)) = pick(flag, key) else {
                return Ok(None);
            };
            let parsed = if above_zero {
                crate::duration::parse_above_zero(&text)
            } else {
                crate::duration::parse(&text)
            };
            match parsed {
                Ok(value) => Ok(Some(Setting {
                    value,
                    text,
                    source,
                })),
                Err(why) => Err(Error::usage(format!(
                    "invalid value '{text}' for {}: {why}",
                    given_as(key, source)
                ))),
            }
        };
        // Checked in this order, the first bad value reported.
        let timeout = duration(flags.timeout, Key::Timeout, true)?;
        let max_stale = duration(flags.max_stale, Key::MaxStale, false)?;
        let registry = match flags.registry {
            Some(value) => Some(Setting {
                value,
                text: value.as_str().to_string(),
                source: Origin::Flag,
            }),
            None => match env(Key::Registry) {
                Some((text, source)) => Some(Setting {
                    value: parse_registry(&text).map_err(|_| {
                        Error::usage(format!(
                            "invalid value '{text}' for {}: expected local or turso",
                            given_as(Key::Registry, source)
                        ))
                    })?,
                    text,
                    source,
                }),
                None => None,
            },
        };
        let text = |flag: Option<&str>, key: Key| pick(flag.filter(|v| !v.is_empty()), key);
        Ok(Given {
            registry,
            timeout,
            max_stale,
            org: text(flags.org, Key::Org),
            api_url: text(flags.api_url, Key::ApiUrl),
        })
    }
}

/// How a message names a value given by flag or variable, as clap does:
/// `'--timeout <DURATION>'`, `the variable JWKSCTL_TIMEOUT`.
fn given_as(key: Key, source: Origin) -> String {
    match source {
        Origin::Env(var) => format!("the variable {var}"),
        _ => format!("'{} <DURATION>'", key.flag().unwrap_or(key.name())),
    }
}

/// Every setting, resolved: flag > environment > `config.yaml` > default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub registry: Setting<RegistryKind>,
    /// No default: the Turso registry then asks the Turso CLI's login.
    pub org: Option<Setting<OrgName>>,
    /// No default here: unset, the Turso login asks `TURSO_API_BASEURL`,
    /// then uses [`DEFAULT_API_URL`].
    pub api_url: Option<Setting<Url>>,
    pub timeout: Setting<Duration>,
    pub max_stale: Setting<Duration>,
    /// No default; the key store checks that the key exists.
    pub default_key: Option<Setting<KeyId>>,
}

impl Settings {
    /// Resolve every setting from what was given and the configuration.
    /// An invalid `--org` / `--api-url` (or variable) is an error whose hint
    /// names it.
    pub fn resolve(given: &Given, config: &Config) -> Result<Settings> {
        fn pick<T: Clone>(
            given: Option<Setting<T>>,
            file: &Option<Parsed<T>>,
        ) -> Option<Setting<T>> {
            given.or_else(|| file.clone().map(|p| p.from(Origin::Config)))
        }
        // Built, not parsed: resolving costs no parse for what is not set
        // (a unit test checks each default's text parses to its value).
        fn default<T>(value: T, text: &str) -> Setting<T> {
            Setting {
                value,
                text: text.to_string(),
                source: Origin::Default,
            }
        }
        fn explicit<T>(
            given: &Option<(String, Origin)>,
            key: Key,
            parse: impl FnOnce(&str) -> Result<T>,
        ) -> Result<Option<Setting<T>>> {
            let Some((text, source)) = given else {
                return Ok(None);
            };
            let value = parse(text).map_err(|e| {
                let named = match source {
                    Origin::Env(var) => format!("the variable {var}"),
                    _ => key.flag().unwrap_or(key.name()).to_string(),
                };
                e.with_hint(format!("the value comes from {named}"))
            })?;
            Ok(Some(Setting {
                value,
                text: text.clone(),
                source: *source,
            }))
        }
        let registry = pick(given.registry.clone(), &config.registry)
            .unwrap_or_else(|| default(RegistryKind::Local, RegistryKind::Local.as_str()));
        let org = pick(explicit(&given.org, Key::Org, OrgName::parse)?, &config.org);
        let api_url = pick(
            explicit(&given.api_url, Key::ApiUrl, parse_api_url)?,
            &config.api_url,
        );
        let timeout = pick(given.timeout.clone(), &config.timeout)
            .unwrap_or_else(|| default(DEFAULT_TIMEOUT, DEFAULT_TIMEOUT_TEXT));
        let max_stale = pick(given.max_stale.clone(), &config.max_stale).unwrap_or_else(|| {
            default(
                crate::jwks::fetch::DEFAULT_MAX_STALE,
                DEFAULT_MAX_STALE_TEXT,
            )
        });
        Ok(Settings {
            registry,
            org,
            api_url,
            timeout,
            max_stale,
            default_key: config.default_key.clone().map(|p| p.from(Origin::Config)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_validates_keys_and_values() {
        let mut c = Config::default();
        c.set(Key::Registry, Some("turso")).unwrap();
        assert_eq!(c.get(Key::Registry), Some("turso"));
        assert_eq!(c.registry.as_ref().unwrap().value, RegistryKind::Turso);
        assert!(c.set(Key::Registry, Some("s3")).is_err());
        assert_eq!(
            c.get(Key::Registry),
            Some("turso"),
            "a refused value changes nothing"
        );
        let e = Key::parse("regsitry").unwrap_err();
        assert!(e.message().contains("valid keys: registry, org"));
        assert_eq!(e.hint(), Some("did you mean registry?"));
        assert!(c.set(Key::Timeout, Some("soon")).is_err());
        assert!(c.set(Key::Timeout, Some("0s")).is_err());
        assert!(c.set(Key::ApiUrl, Some("ftp://x")).is_err());
        assert!(c.set(Key::Org, Some("..")).is_err());
        assert!(c.set(Key::DefaultKey, Some("a/b")).is_err());
        c.set(Key::Registry, None).unwrap();
        assert_eq!(c, Config::default());
    }

    /// The key names are listed once as [`Key`] and once as [`KEYS`]
    /// (completions and messages): the two agree.
    #[test]
    fn key_names_agree() {
        let names: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names, KEYS);
        for key in Key::ALL {
            assert_eq!(Key::parse(key.name()).unwrap(), key);
            assert_eq!(key.flag().is_some(), key.var().is_some());
        }
    }

    #[test]
    fn round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        assert_eq!(Config::load(&paths).unwrap(), Config::default());
        Config::update(&paths, |c| c.set(Key::Org, Some("acme"))).unwrap();
        // A value is written back as it was written.
        Config::update(&paths, |c| c.set(Key::Timeout, Some("1h30m"))).unwrap();
        let text = fs::read_to_string(Config::path(&paths)).unwrap();
        assert_eq!(text, "org: acme\ntimeout: 1h30m\n");
        let config = Config::load(&paths).unwrap();
        assert_eq!(config.org.unwrap().value.as_str(), "acme");
        assert_eq!(config.timeout.unwrap().value, Duration::from_secs(5400));
    }

    #[test]
    fn invalid_file_is_reported_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        fs::create_dir_all(&paths.config_dir).unwrap();
        let path = Config::path(&paths);
        for (bad, why) in [
            ("registry: [", ""),
            ("colour: red\n", "unknown field `colour`"),
            (
                "timeout: soon\n",
                ": invalid timeout \"soon\": \"soon\" is not a duration",
            ),
            ("max_stale: 1months\n", ": invalid max_stale \"1months\""),
            ("org: a/b\n", ": invalid organization slug \"a/b\""),
            ("- a\n", ""),
        ] {
            fs::write(&path, bad).unwrap();
            let e = Config::load(&paths).unwrap_err();
            let named = format!("invalid config file {}", path.display());
            assert!(e.message().starts_with(&named), "{e}");
            assert!(e.message().contains(why), "{e}");
            let e = Config::update(&paths, |c| c.set(Key::Org, Some("x"))).unwrap_err();
            assert!(e.message().contains("invalid config file"));
            assert_eq!(fs::read_to_string(&path).unwrap(), bad);
        }
    }

    /// A broken file replaced after confirmation keeps every valid setting.
    #[test]
    fn salvage_keeps_the_valid_settings() {
        let config = Config::salvage("timeout: 5s\nbogus: 1\norg: a/b\nregistry: turso\n");
        assert_eq!(config.get(Key::Timeout), Some("5s"));
        assert_eq!(config.get(Key::Registry), Some("turso"));
        assert_eq!(config.org, None);
        assert_eq!(Config::salvage("- a\n"), Config::default());
    }

    /// An environment with these variables only.
    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    fn config(pairs: &[(Key, &str)]) -> Config {
        let mut c = Config::default();
        for (key, value) in pairs {
            c.set(*key, Some(value)).unwrap();
        }
        c
    }

    /// flag > environment > config.yaml > default, for every setting, each
    /// value with its source.
    #[test]
    fn precedence_with_sources() {
        let file = config(&[
            (Key::Registry, "turso"),
            (Key::Org, "from-config"),
            (Key::ApiUrl, "https://config.example"),
            (Key::Timeout, "30s"),
            (Key::MaxStale, "2h"),
            (Key::DefaultKey, "k1"),
        ]);
        let vars = env(&[
            ("JWKSCTL_REGISTRY", "local"),
            ("JWKSCTL_ORG", "from-env"),
            ("JWKSCTL_API_URL", "https://env.example"),
            ("JWKSCTL_TIMEOUT", "20s"),
            ("JWKSCTL_MAX_STALE", "3h"),
        ]);
        let flags = Flags {
            registry: Some(RegistryKind::Turso),
            timeout: Some("10s"),
            max_stale: Some("0s"),
            org: Some("from-flag"),
            api_url: Some("https://flag.example"),
        };

        // Flags win.
        let s = Settings::resolve(&Given::read(flags.clone(), &vars).unwrap(), &file).unwrap();
        assert_eq!(
            (s.registry.value, s.registry.source),
            (RegistryKind::Turso, Origin::Flag)
        );
        let org = s.org.unwrap();
        assert_eq!(
            (org.value.as_str(), org.source),
            ("from-flag", Origin::Flag)
        );
        let api_url = s.api_url.unwrap();
        assert_eq!(
            (api_url.text.as_str(), api_url.source),
            ("https://flag.example", Origin::Flag)
        );
        assert_eq!(api_url.value.host_str(), Some("flag.example"));
        assert_eq!(
            (s.timeout.value, s.timeout.source),
            (Duration::from_secs(10), Origin::Flag)
        );
        assert_eq!(
            (s.max_stale.value, s.max_stale.text.as_str()),
            (Duration::ZERO, "0s")
        );
        // Only the file sets default_key.
        let key = s.default_key.unwrap();
        assert_eq!((key.value.as_str(), key.source), ("k1", Origin::Config));

        // Then the variables, each named.
        let s = Settings::resolve(&Given::read(Flags::default(), &vars).unwrap(), &file).unwrap();
        assert_eq!(
            (s.registry.value, s.registry.source),
            (RegistryKind::Local, Origin::Env("JWKSCTL_REGISTRY"))
        );
        assert_eq!(s.org.unwrap().source, Origin::Env("JWKSCTL_ORG"));
        assert_eq!(s.api_url.unwrap().source, Origin::Env("JWKSCTL_API_URL"));
        assert_eq!(
            (s.timeout.value, s.timeout.source),
            (Duration::from_secs(20), Origin::Env("JWKSCTL_TIMEOUT"))
        );
        assert_eq!(
            (s.max_stale.value, s.max_stale.source),
            (
                Duration::from_secs(3 * 3600),
                Origin::Env("JWKSCTL_MAX_STALE")
            )
        );
        assert_eq!(s.max_stale.source.word(), "env:JWKSCTL_MAX_STALE");

        // Then config.yaml (an empty variable or an empty --org is unset).
        let empty = env(&[("JWKSCTL_ORG", ""), ("JWKSCTL_TIMEOUT", "")]);
        let given = Given::read(
            Flags {
                org: Some(""),
                ..Flags::default()
            },
            &empty,
        )
        .unwrap();
        let s = Settings::resolve(&given, &file).unwrap();
        assert_eq!(
            (s.registry.value, s.registry.source),
            (RegistryKind::Turso, Origin::Config)
        );
        assert_eq!(s.org.unwrap().value.as_str(), "from-config");
        assert_eq!(s.api_url.unwrap().source, Origin::Config);
        assert_eq!(
            (s.timeout.value, s.timeout.source),
            (Duration::from_secs(30), Origin::Config)
        );
        assert_eq!(s.max_stale.value, Duration::from_secs(7200));

        // Then the defaults.
        let s = Settings::resolve(&Given::default(), &Config::default()).unwrap();
        assert_eq!(
            (s.registry.value, s.registry.source),
            (RegistryKind::Local, Origin::Default)
        );
        assert_eq!(s.org, None);
        assert_eq!(s.api_url, None, "the Turso login decides");
        assert_eq!(
            (s.timeout.value, s.timeout.text.as_str()),
            (Duration::from_secs(15), "15s")
        );
        assert_eq!(s.max_stale.value, crate::jwks::fetch::DEFAULT_MAX_STALE);
        assert_eq!(s.max_stale.text, "24h");
        // Each default's text is what it means.
        assert_eq!(parse_registry(&s.registry.text).unwrap(), s.registry.value);
        assert_eq!(parse_timeout(&s.timeout.text).unwrap(), s.timeout.value);
        assert_eq!(
            parse_max_stale(&s.max_stale.text).unwrap(),
            s.max_stale.value
        );
        assert!(parse_api_url(DEFAULT_API_URL).is_ok());
        assert_eq!(s.default_key, None);
        assert_eq!(
            [Origin::Flag, Origin::Config, Origin::Default].map(Origin::word),
            ["flag", "config", "default"]
        );
    }

    /// A bad value names where it came from: the flag or the variable
    /// (in the message for durations and the registry, in the hint for
    /// the organization and the URL, whose messages are the domain's).
    #[test]
    fn bad_values_name_their_source() {
        let none = env(&[]);
        let e = Given::read(
            Flags {
                timeout: Some("0s"),
                ..Flags::default()
            },
            &none,
        )
        .unwrap_err();
        assert_eq!(
            e.message(),
            "invalid value '0s' for '--timeout <DURATION>': must be more than zero"
        );
        let e = Given::read(Flags::default(), env(&[("JWKSCTL_MAX_STALE", "abc")])).unwrap_err();
        assert!(
            e.message()
                .starts_with("invalid value 'abc' for the variable JWKSCTL_MAX_STALE: ")
        );
        let e = Given::read(Flags::default(), env(&[("JWKSCTL_REGISTRY", "s3")])).unwrap_err();
        assert_eq!(
            e.message(),
            "invalid value 's3' for the variable JWKSCTL_REGISTRY: expected local or turso"
        );
        // A flag wins over a bad variable, which is then never read.
        let given = Given::read(
            Flags {
                timeout: Some("5s"),
                ..Flags::default()
            },
            env(&[("JWKSCTL_TIMEOUT", "soon")]),
        )
        .unwrap();
        assert_eq!(given.timeout.unwrap().value, Duration::from_secs(5));

        // org and api_url: read as given, checked when resolved.
        let given = Given::read(Flags::default(), env(&[("JWKSCTL_ORG", "a/b")])).unwrap();
        let e = Settings::resolve(&given, &Config::default()).unwrap_err();
        assert_eq!(e.message(), "invalid organization slug \"a/b\"");
        assert_eq!(
            e.hint(),
            Some("the value comes from the variable JWKSCTL_ORG")
        );
        let given = Given::read(
            Flags {
                api_url: Some("not a url"),
                ..Flags::default()
            },
            &none,
        )
        .unwrap();
        let e = Settings::resolve(&given, &Config::default()).unwrap_err();
        assert!(e.message().starts_with("invalid Turso API URL"), "{e}");
        assert_eq!(e.hint(), Some("the value comes from --api-url"));
    }
}
