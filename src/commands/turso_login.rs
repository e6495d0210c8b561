//! Where the Turso registry's organization, API token and API URL come from
//! (docs/registry.md, "Using the Turso CLI's login"): jwksctl's own settings
//! first, then the Turso CLI's — flag > `JWKSCTL_*` > `config.yaml` >
//! `TURSO_API_TOKEN` / `TURSO_API_BASEURL` > the Turso CLI's `settings.json`
//! (read, never written; the rules are in [`crate::registry::turso_cli`]).

use std::path::PathBuf;

use crate::commands::Context;
use crate::config::Origin;
use crate::error::{Error, Result};
use crate::registry::turso_cli::{self, CliSettings};
use crate::secret::Secret;

/// Where a value of the Turso login came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginSource {
    /// jwksctl's own settings, or a variable (`JWKSCTL_API_TOKEN`, and the
    /// Turso CLI's `TURSO_API_TOKEN` / `TURSO_API_BASEURL`).
    Setting(Origin),
    /// The Turso CLI's settings file.
    TursoCli,
}

impl LoginSource {
    /// The word `config show` prints: [`Origin::word`], or `turso-cli`.
    pub fn word(self) -> String {
        match self {
            LoginSource::Setting(source) => source.word(),
            LoginSource::TursoCli => "turso-cli".to_string(),
        }
    }
}

/// Which organization the Turso registry addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Org {
    /// A slug, as given.
    Slug(String),
    /// The token's personal organization (the Turso CLI's empty
    /// `organization`), looked up with the first request.
    Personal,
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    pub value: T,
    pub source: LoginSource,
}

/// The Turso registry's settings, resolved.
#[derive(Debug, Clone)]
pub struct Login {
    pub org: Option<Sourced<Org>>,
    pub token: Option<Sourced<Secret<String>>>,
    pub api_url: Sourced<String>,
    /// The Turso CLI's settings file, when it was read (only when jwksctl's
    /// own settings left the organization or the token unset).
    pub cli_file: Option<PathBuf>,
}

/// A non-empty environment variable.
fn env(var: &str) -> Option<String> {
    std::env::var(var)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl Context {
    /// The Turso Platform API settings. The Turso CLI's settings file is read
    /// only when jwksctl's own settings and the environment leave the
    /// organization or the token unset; a file that cannot be read is a
    /// warning (the values it would have given stay unset), a file others
    /// can read is used with a warning.
    pub fn turso_login(&self) -> Result<Login> {
        let settings = self.settings()?;
        let mut org = settings.org.as_ref().map(|org| Sourced {
            value: Org::Slug(org.value.as_str().to_string()),
            source: LoginSource::Setting(org.source),
        });
        let mut token = super::TOKEN_VARS.iter().find_map(|var| {
            env(var).map(|t| Sourced {
                value: Secret::new(t),
                source: LoginSource::Setting(Origin::Env(var)),
            })
        });
        // jwksctl's own api_url, else the Turso CLI's variable, else the default.
        let api_url = match &settings.api_url {
            Some(url) => Sourced {
                value: url.text.clone(),
                source: LoginSource::Setting(url.source),
            },
            None => match env(turso_cli::BASE_URL_VAR) {
                Some(value) => Sourced {
                    value,
                    source: LoginSource::Setting(Origin::Env(turso_cli::BASE_URL_VAR)),
                },
                None => Sourced {
                    value: crate::config::DEFAULT_API_URL.to_string(),
                    source: LoginSource::Setting(Origin::Default),
                },
            },
        };
        let mut cli_file = None;
        if (org.is_none() || token.is_none())
            && let Some(cli) = self.turso_cli_settings()
        {
            cli_file = Some(cli.path.clone());
            if token.is_none()
                && let Some(t) = cli.token
            {
                token = Some(Sourced {
                    value: t,
                    source: LoginSource::TursoCli,
                });
            }
            if org.is_none() {
                org = Some(Sourced {
                    value: cli.organization.map_or(Org::Personal, Org::Slug),
                    source: LoginSource::TursoCli,
                });
            }
        }
        Ok(Login {
            org,
            token,
            api_url,
            cli_file,
        })
    }

    /// The Turso CLI's settings, when its file exists and reads; warnings
    /// for a file that does not, or that others can read.
    fn turso_cli_settings(&self) -> Option<CliSettings> {
        let folder =
            turso_cli::folder(std::env::var(turso_cli::CONFIG_FOLDER_VAR).ok().as_deref())?;
        match turso_cli::load(&folder) {
            Ok(Some(cli)) => {
                if cli.readable_by_others && cli.token.is_some() {
                    self.out.warn(&format!(
                        "the Turso CLI's settings {} can be read by other users, and they hold your API token; using it anyway (`chmod 600 {}` fixes it)",
                        cli.path.display(),
                        cli.path.display()
                    ));
                }
                Some(cli)
            }
            Ok(None) => {
                self.out.detail(&format!(
                    "no Turso CLI login: {} does not exist",
                    turso_cli::file_in(&folder).display()
                ));
                None
            }
            Err(e) => {
                self.out
                    .warn(&format!("ignoring the Turso CLI's settings: {e}"));
                None
            }
        }
    }
}

impl Login {
    /// The hint for a token the API refuses (401/403), by where it came from.
    pub fn refused_hint(&self, org: &str) -> Option<String> {
        let token = self.token.as_ref()?;
        (token.source == LoginSource::TursoCli).then(|| {
            format!(
                "the Turso CLI's login in {} was refused (it may have expired): run `turso auth login`, and check that it can access organization {org}",
                self.cli_file
                    .as_ref()
                    .map_or("settings.json".to_string(), |p| p.display().to_string())
            )
        })
    }
}

/// The error for a Turso registry without an organization.
pub fn no_org() -> Error {
    Error::usage("the turso registry needs an organization").with_hint(
        "pass --org ORG, set JWKSCTL_ORG, run `jwksctl config set org ORG`, or log in with `turso auth login`",
    )
}

/// The error for a Turso registry without an API token.
pub fn no_token() -> Error {
    Error::usage(
        "the turso registry needs an API token: none in JWKSCTL_API_TOKEN, TURSO_API_TOKEN or the Turso CLI's login",
    )
    .with_hint(
        "log in with `turso auth login`, or create a token with `turso auth api-tokens mint jwksctl` and export it as TURSO_API_TOKEN",
    )
}
