//! jwksctl: connect an auth provider's JWTs to databases that verify them
//! through JWKS (Turso Cloud, self-hosted libSQL, PowerSync).
//!
//! The crate is a library so tests and benchmarks can call it in-process;
//! `main.rs` only parses, runs and maps the error to an exit code.
//! Only `output.rs` writes to the standard streams (clippy denies the print
//! macros everywhere else).

#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod alg;
pub mod argv;
pub mod batch;
pub mod claims;
pub mod cli;
pub mod commands;
pub mod config;
pub mod doctor;
pub mod duration;
pub mod error;
pub mod fsutil;
pub mod http;
pub mod json;
pub mod jwk;
pub mod jwks;
pub mod keys;
pub mod manpages;
pub mod notice;
pub mod output;
pub mod paths;
pub mod registry;
pub mod secret;
pub mod sources;
pub mod token;
pub mod yaml_guard;

use cli::{Cli, Command, GlobalArgs, OutputFormat};
use commands::Context;
use error::{ExitStatus, Result};
use output::{Color, Format, Output, Verbosity};

/// The output settings the global flags ask for.
pub fn output_for(global: &GlobalArgs) -> Output {
    let format = global.output.map(|f| match f {
        OutputFormat::Json => Format::Json,
        OutputFormat::Yaml => Format::Yaml,
        OutputFormat::Table => Format::Table,
        OutputFormat::Text => Format::Text,
    });
    let verbosity = if global.quiet == Some(true) {
        Verbosity::Quiet
    } else if global.verbose == Some(true) {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let color = if global.no_color == Some(true) {
        Color::Never
    } else {
        match global.color {
            cli::ColorChoice::Auto => Color::Auto,
            cli::ColorChoice::Always => Color::Always,
            cli::ColorChoice::Never => Color::Never,
        }
    };
    Output::new(format, color, verbosity)
}

/// The settings given by flag, else by their `JWKSCTL_*` variable, checked
/// here so a bad value names where it came from ([`config::Given`]).
fn given_settings(global: &GlobalArgs) -> Result<config::Given> {
    config::Given::read(
        config::Flags {
            registry: global.registry,
            timeout: global.timeout.as_deref(),
            max_stale: global.max_stale.as_deref(),
            org: global.org.as_deref(),
            api_url: global.api_url.as_deref(),
        },
        |var| std::env::var(var).ok(),
    )
}

/// Run a parsed command line; returns the exit code on success.
pub fn run(cli: Cli, out: Output) -> Result<ExitStatus> {
    let lenient_config = match &cli.command.0 {
        Command::Template(_) | Command::Providers(_) | Command::Completions(_) => true,
        Command::Token(args) => matches!(args.command.0, cli::TokenCommand::Decode(_)),
        Command::Config(args) => matches!(args.command, cli::ConfigCommand::Path { .. }),
        _ => false,
    };
    let given = given_settings(&cli.global)?;
    let home = cli.global.home.clone().or_else(|| {
        std::env::var_os("JWKSCTL_HOME")
            .filter(|v| !v.is_empty())
            .map(Into::into)
    });
    let yes = cli.global.yes == Some(true);
    let ctx = Context::new(out, home, yes, given, lenient_config);
    match cli.command.0 {
        Command::Template(args) => commands::template::run(&ctx, args.0),
        Command::Save(args) => commands::registry::save(&ctx, args.0),
        Command::List(args) => commands::registry::list(&ctx, args.0),
        Command::Remove(args) => commands::registry::remove(&ctx, args.0),
        Command::Sync(args) => commands::sync::run(&ctx, args.0),
        Command::Check(args) => commands::check::run(&ctx, args.0),
        Command::Providers(_) => commands::providers::run(&ctx),
        Command::Keys(args) => commands::keys::run(&ctx, args.0),
        Command::Token(args) => commands::token::run(&ctx, *args.0),
        Command::Config(args) => commands::config::run(&ctx, args.0),
        Command::Completions(args) => commands::completions::run(&ctx, args.0),
        Command::Doctor(args) => commands::doctor::run(&ctx, *args.0),
    }
}
