//! One module per command group. Each turns parsed arguments into a domain
//! call and hands the result to [`crate::output`]. Thin by design.

pub mod completions;
pub mod template;

use std::path::PathBuf;
use std::time::Duration;

use crate::config::{self, Config};
use crate::error::Result;
use crate::output::Output;
use crate::paths::Paths;

/// What every command may need from the global options.
#[derive(Debug)]
pub struct Context {
    pub out: Output,
    pub home: Option<PathBuf>,
    pub yes: bool,
    /// Settings given by flag or environment (clap merged the two); `config.yaml`
    /// and defaults fill the gaps when a command asks.
    pub settings: Settings,
}

/// The global settings as given on the command line or in the environment.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub timeout: Option<String>,
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
        Config::load(&self.paths()?)
    }

    /// The network timeout: flag/env > config > 15 s. The config file is only
    /// read when no flag was given, so a broken config never blocks `--timeout`.
    pub fn timeout(&self) -> Result<Duration> {
        match &self.settings.timeout {
            Some(t) => config::parse_timeout(t),
            None => match self.config()?.timeout {
                Some(t) => config::parse_timeout(&t),
                None => Ok(config::DEFAULT_TIMEOUT),
            },
        }
    }
}
