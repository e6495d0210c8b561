//! One module per command group. Each turns parsed arguments into a domain
//! call and hands the result to [`crate::output`]. Thin by design.

pub mod check;
pub mod completions;
pub mod config;
pub mod doctor;
pub mod keys;
pub mod notices;
pub mod providers;
pub mod registry;
pub mod sqld_keys;
pub mod sync;
pub mod template;
pub mod token;
pub mod turso_login;

use std::path::PathBuf;
use std::time::Duration;

use crate::cli::CacheArgs;
use crate::config::{self as settings, Config, Origin, RegistryKind};
use crate::error::{Error, Result};
use crate::jwks::fetch::FetchError;
use crate::jwks::fetch::{CacheMode, Fetcher};
use crate::output::Output;
use crate::paths::Paths;
use crate::registry::Registry;
use crate::registry::local::LocalRegistry;
use crate::registry::turso::TursoApi;

/// What every command may need from the global options.
#[derive(Debug)]
pub struct Context {
    pub out: Output,
    pub home: Option<PathBuf>,
    pub yes: bool,
    /// Settings given by flag or environment (clap merged the two); `config.yaml`
    /// and defaults fill the gaps when a command asks.
    pub settings: Settings,
    /// `config.yaml`, read at most once per run.
    pub config: std::cell::OnceCell<Config>,
    /// The registry's entries, listed at most once per run (a Turso listing
    /// is a request).
    pub entries: std::cell::OnceCell<Vec<crate::registry::Entry>>,
    /// The command needs no setting to do its work (`template` offline,
    /// `token decode`…): an invalid `config.yaml` is a warning and the
    /// defaults apply, instead of an error.
    pub lenient_config: bool,
}

/// The global settings as given on the command line or in the environment.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub timeout: Option<String>,
    pub max_stale: Option<String>,
    pub registry: Option<String>,
    pub org: Option<String>,
    pub api_url: Option<String>,
}

impl Context {
    /// The directories jwksctl uses (resolved on demand, never created here).
    pub fn paths(&self) -> Result<Paths> {
        Paths::resolve(self.home.as_deref())
    }

    /// `config.yaml` (default when absent; an error when invalid).
    pub fn config(&self) -> Result<Config> {
        if let Some(config) = self.config.get() {
            return Ok(config.clone());
        }
        let paths = self.paths()?;
        let loaded = match Config::load(&paths) {
            Ok(config) => config,
            Err(e) if self.lenient_config && Config::invalid(&paths).is_some() => {
                self.out.warn(&format!(
                    "{}; ignored: this command needs no setting, the defaults apply",
                    e.message()
                ));
                self.out
                    .note("hint: `jwksctl config set KEY VALUE --yes` rewrites the file");
                Config::default()
            }
            Err(e) => return Err(e),
        };
        Ok(self.config.get_or_init(|| loaded).clone())
    }

    /// A setting: flag or environment > `config.yaml` > default (docs/registry.md, "Settings: config").
    /// The configuration is read only when no flag or variable decides.
    pub fn setting(&self, key: &str) -> Result<Option<(String, Origin)>> {
        let s = &self.settings;
        let (explicit, env) = match key {
            "registry" => (s.registry.as_deref(), Some("JWKSCTL_REGISTRY")),
            "org" => (
                s.org.as_deref().filter(|v| !v.is_empty()),
                Some("JWKSCTL_ORG"),
            ),
            "api_url" => (
                s.api_url.as_deref().filter(|v| !v.is_empty()),
                Some("JWKSCTL_API_URL"),
            ),
            "timeout" => (s.timeout.as_deref(), Some("JWKSCTL_TIMEOUT")),
            "max_stale" => (s.max_stale.as_deref(), Some("JWKSCTL_MAX_STALE")),
            _ => (None, None),
        };
        settings::resolve(key, explicit, env, || self.config())
    }

    /// The network timeout (default 15 s).
    pub fn timeout(&self) -> Result<Duration> {
        let value = self.setting("timeout")?.map(|(v, _)| v);
        settings::parse_timeout(value.as_deref().unwrap_or("15s"))
    }

    /// How long past its max-age a cached JWKS may stand in for a server
    /// that cannot be reached (default 24 h).
    pub fn max_stale(&self) -> Result<Duration> {
        let value = self.setting("max_stale")?.map(|(v, _)| v);
        settings::parse_max_stale(value.as_deref().unwrap_or("24h"))
    }
}

/// Environment variables holding the Turso API token, in order of preference.
pub const TOKEN_VARS: [&str; 2] = ["JWKSCTL_API_TOKEN", "TURSO_API_TOKEN"];

impl Context {
    /// Which registry backend (default `local`).
    pub fn registry_kind(&self) -> Result<RegistryKind> {
        match self.setting("registry")? {
            Some((value, _)) => settings::parse_registry(&value),
            None => Ok(RegistryKind::Local),
        }
    }

    /// The registry the settings select. For `turso`, the organization and
    /// the API token are checked here, before any request is made.
    pub fn registry(&self) -> Result<Box<dyn Registry + '_>> {
        self.registry_of(self.registry_kind()?)
    }

    /// A registry backend, whatever the settings select (`sync` opens two).
    pub fn registry_of(&self, kind: RegistryKind) -> Result<Box<dyn Registry + '_>> {
        let paths = self.paths()?;
        match kind {
            RegistryKind::Local => Ok(Box::new(LocalRegistry::new(&paths.config_dir))),
            RegistryKind::Turso => {
                let login = self.turso_login()?;
                let org = login.org.clone().ok_or_else(turso_login::no_org)?;
                if let turso_login::Org::Slug(slug) = &org.value {
                    settings::check_value("org", slug)?;
                }
                let token = login.token.clone().ok_or_else(turso_login::no_token)?;
                let timeout = self.timeout()?;
                let shown_org = match &org.value {
                    turso_login::Org::Slug(slug) => slug.clone(),
                    turso_login::Org::Personal => "(your personal organization)".to_string(),
                };
                let mut api = TursoApi::new(
                    crate::http::api_client(timeout)?,
                    &login.api_url.value,
                    &shown_org,
                    token.value,
                    timeout,
                    &self.out,
                )?;
                if let Some(hint) = login.refused_hint(&shown_org) {
                    api = api.with_refused_hint(hint);
                }
                if org.value == turso_login::Org::Personal {
                    let slug = api.personal_org()?;
                    settings::check_value("org", &slug)?;
                    self.out.detail(&format!(
                        "the Turso CLI's login names no organization: using your personal one, {slug}"
                    ));
                    api.set_org(&slug);
                }
                Ok(Box::new(api))
            }
        }
    }

    /// The selected registry's entries, listed on first use and kept.
    pub fn registry_entries(&self) -> Result<&[crate::registry::Entry]> {
        if let Some(entries) = self.entries.get() {
            return Ok(entries);
        }
        let listed = self.registry()?.list()?;
        Ok(self.entries.get_or_init(|| listed))
    }

    /// Ask before a destructive change: true with `-y`, and never prompts
    /// when not interactive (the caller's checks decide then); otherwise the
    /// user's answer (default no).
    pub fn confirm(&self, prompt: &str) -> Result<bool> {
        if self.yes || !self.out.is_interactive() {
            return Ok(true);
        }
        dialoguer::Confirm::new()
            .with_prompt(prompt)
            .default(false)
            .interact()
            .map_err(|e| Error::failure(format!("cannot read the answer: {e}")))
    }

    /// A JWKS fetcher with the configured timeout, the cache under the
    /// cache directory, and `JWKSCTL_PARALLEL` (1–64, default 16) fetches at
    /// most in flight.
    pub fn fetcher(&self) -> Result<Fetcher<'_>> {
        let paths = self.paths()?;
        let mut fetcher = Fetcher::new(&self.out, self.timeout()?, Some(&paths.cache_dir))
            .with_max_stale(self.max_stale()?);
        if let Ok(text) = std::env::var("JWKSCTL_PARALLEL") {
            let n = text
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=64).contains(n));
            let n = n.ok_or_else(|| {
                Error::usage(format!(
                    "invalid JWKSCTL_PARALLEL {text:?}: a number of fetches from 1 to 64"
                ))
            })?;
            fetcher = fetcher.with_parallel(n);
        }
        Ok(fetcher)
    }
}

/// The cache mode the flags ask for.
pub fn cache_mode(args: &CacheArgs) -> CacheMode {
    if args.refresh {
        CacheMode::Refresh
    } else if args.offline {
        CacheMode::Offline
    } else {
        CacheMode::Use
    }
}

// How the domain's typed errors become the command line's: the kind (and so
// the exit status) and the hints are decided here, not in the domain.

/// A refused registry name: a usage error, with the naming rule as hint.
impl From<crate::registry::NameError> for Error {
    fn from(e: crate::registry::NameError) -> Error {
        Error::usage(e.to_string())
            .with_hint(crate::registry::NAME_RULE)
            .with_typed(e)
    }
}

/// A fetch that failed: unavailable ones (retry later) exit 3, others 1.
impl From<FetchError> for Error {
    fn from(e: FetchError) -> Error {
        let kind = if e.is_unavailable() {
            crate::error::ErrorKind::Unreachable
        } else {
            crate::error::ErrorKind::Failure
        };
        let hint = match &e {
            FetchError::NotCached(_) => Some("run once without --offline to fill the cache"),
            FetchError::TimedOut { .. } => {
                Some("raise --timeout (or JWKSCTL_TIMEOUT), or check the URL")
            }
            FetchError::Status {
                server_error: false,
                ..
            } => Some("check the URL"),
            FetchError::TooStale { .. } => Some(
                "retry when the server is back, or raise --max-stale (or JWKSCTL_MAX_STALE) to accept an older copy",
            ),
            _ => None,
        };
        let mut error = Error::new(kind, e.to_string());
        if let Some(hint) = hint {
            error = error.with_hint(hint);
        }
        if let FetchError::Transport { causes, .. } = &e {
            error = error.with_causes(causes.clone());
        }
        error.with_typed(e)
    }
}

/// The plural ending of a count's noun: "" for one, else "s".
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod fetch_errors {
    use crate::error::{Error, ErrorKind};
    use crate::jwks::fetch::FetchError;

    /// Unavailable (retry later, exit 3) versus failed (exit 1), the
    /// messages, hints and cause chains each kind becomes.
    #[test]
    fn fetch_errors_become_errors() {
        let url = "https://idp.example/jwks".to_string();
        let cases = [
            (
                FetchError::NotCached(url.clone()),
                ErrorKind::Unreachable,
                Some("run once without --offline to fill the cache"),
            ),
            (
                FetchError::TimedOut {
                    url: url.clone(),
                    after: "2s".into(),
                },
                ErrorKind::Unreachable,
                Some("raise --timeout (or JWKSCTL_TIMEOUT), or check the URL"),
            ),
            (
                FetchError::Status {
                    url: url.clone(),
                    status: "503 Service Unavailable".into(),
                    server_error: true,
                },
                ErrorKind::Unreachable,
                None,
            ),
            (
                FetchError::Status {
                    url: url.clone(),
                    status: "404 Not Found".into(),
                    server_error: false,
                },
                ErrorKind::Failure,
                Some("check the URL"),
            ),
            (FetchError::TooLarge(url.clone()), ErrorKind::Failure, None),
            (
                FetchError::Transport {
                    url: url.clone(),
                    detail: "refused".into(),
                    causes: vec!["a".into(), "b".into()],
                    refused_redirect: false,
                    unresolved: false,
                },
                ErrorKind::Unreachable,
                None,
            ),
            (
                FetchError::Transport {
                    url: url.clone(),
                    detail: "redirect".into(),
                    causes: vec![],
                    refused_redirect: true,
                    unresolved: false,
                },
                ErrorKind::Failure,
                None,
            ),
        ];
        for (fetch, kind, hint) in cases {
            let text = fetch.to_string();
            assert!(text.contains(&url), "{text}");
            let error = Error::from(fetch.clone());
            assert_eq!(error.kind(), kind, "{fetch:?}");
            assert_eq!(error.hint(), hint, "{fetch:?}");
            assert_eq!(error.message(), text);
            if let FetchError::Transport { causes, .. } = &fetch {
                assert_eq!(error.causes(), causes.as_slice());
            }
        }
        assert_eq!(
            FetchError::Status {
                url: url.clone(),
                status: "404 Not Found".into(),
                server_error: false
            }
            .to_string(),
            format!("GET {url} answered 404 Not Found")
        );
    }
}
