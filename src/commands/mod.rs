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

use crate::cli::CacheArgs;
use crate::config::{Config, Given, OrgName, RegistryKind, Settings};
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
    /// Settings given by flag or environment, read before the command runs.
    given: Given,
    /// Every setting, resolved on first use ([`Context::settings`]).
    settings: std::cell::OnceCell<Settings>,
    /// `config.yaml`, read at most once per run.
    config: std::cell::OnceCell<Config>,
    /// The registry's entries, listed at most once per run (a Turso listing
    /// is a request).
    entries: std::cell::OnceCell<Vec<crate::registry::Entry>>,
    /// The command needs no setting to do its work (`template` offline,
    /// `token decode`…): an invalid `config.yaml` is a warning and the
    /// defaults apply, instead of an error.
    pub lenient_config: bool,
}

impl Context {
    /// A context; nothing is read until a command asks.
    pub fn new(
        out: Output,
        home: Option<PathBuf>,
        yes: bool,
        given: Given,
        lenient_config: bool,
    ) -> Context {
        Context {
            out,
            home,
            yes,
            given,
            settings: std::cell::OnceCell::new(),
            config: std::cell::OnceCell::new(),
            entries: std::cell::OnceCell::new(),
            lenient_config,
        }
    }

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

    /// Every setting — flag > environment > `config.yaml` > default
    /// (docs/registry.md, "Settings: config") — resolved the first time a
    /// command asks, reading `config.yaml` then; commands that never ask
    /// never read it.
    pub fn settings(&self) -> Result<&Settings> {
        if let Some(settings) = self.settings.get() {
            return Ok(settings);
        }
        let resolved = Settings::resolve(&self.given, &self.config()?)?;
        Ok(self.settings.get_or_init(|| resolved))
    }
}

/// Environment variables holding the Turso API token, in order of preference.
pub const TOKEN_VARS: [&str; 2] = ["JWKSCTL_API_TOKEN", "TURSO_API_TOKEN"];

impl Context {
    /// The registry the settings select. For `turso`, the organization and
    /// the API token are checked here, before any request is made.
    pub fn registry(&self) -> Result<Box<dyn Registry + '_>> {
        self.registry_of(self.settings()?.registry.value)
    }

    /// A registry backend, whatever the settings select (`sync` opens two).
    pub fn registry_of(&self, kind: RegistryKind) -> Result<Box<dyn Registry + '_>> {
        let paths = self.paths()?;
        match kind {
            RegistryKind::Local => Ok(Box::new(LocalRegistry::new(&paths.config_dir))),
            RegistryKind::Turso => {
                let login = self.turso_login()?;
                let org = login.org.clone().ok_or_else(turso_login::no_org)?;
                // jwksctl's own settings were checked when resolved; the
                // Turso CLI's file is checked here, when it is used.
                if let turso_login::Org::Slug(slug) = &org.value
                    && org.source == turso_login::LoginSource::TursoCli
                {
                    OrgName::parse(slug)?;
                }
                let token = login.token.clone().ok_or_else(turso_login::no_token)?;
                let timeout = self.settings()?.timeout.value;
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
                    OrgName::parse(&slug)?;
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
        let settings = self.settings()?;
        let mut fetcher = Fetcher::new(&self.out, settings.timeout.value, Some(&paths.cache_dir))
            .with_max_stale(settings.max_stale.value);
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
