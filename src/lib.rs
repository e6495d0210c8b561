//! jwksctl: connect an auth provider's JWTs to databases that verify them
//! through JWKS (Turso Cloud, self-hosted libSQL, PowerSync).
//!
//! The crate is a library so tests and benchmarks can call it in-process;
//! `main.rs` only parses, runs and maps the error to an exit code.
//! Only `output.rs` writes to the standard streams (clippy denies the print
//! macros everywhere else).

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod claims;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod fsutil;
pub mod http;
pub mod json;
pub mod jwk;
pub mod jwks;
pub mod keys;
pub mod manpages;
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
    let verbosity = if global.quiet {
        Verbosity::Quiet
    } else if global.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let color = if global.no_color {
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

/// Run a parsed command line; returns the exit code on success.
pub fn run(cli: Cli, out: Output) -> Result<ExitStatus> {
    let lenient_config = match &cli.command {
        Command::Template(_) | Command::Providers(_) | Command::Completions(_) => true,
        Command::Token(args) => matches!(args.command, cli::TokenCommand::Decode(_)),
        Command::Config(args) => matches!(args.command, cli::ConfigCommand::Path { .. }),
        _ => false,
    };
    let ctx = Context {
        out,
        home: cli.global.home,
        yes: cli.global.yes,
        settings: commands::Settings {
            timeout: cli.global.timeout,
            registry: cli.global.registry.map(|r| r.as_str().to_string()),
            org: cli.global.org,
            api_url: cli.global.api_url,
        },
        config: std::cell::OnceCell::new(),
        entries: std::cell::OnceCell::new(),
        lenient_config,
    };
    match cli.command {
        Command::Template(args) => commands::template::run(&ctx, args),
        Command::Save(args) => commands::registry::save(&ctx, args),
        Command::List(args) => commands::registry::list(&ctx, args),
        Command::Remove(args) => commands::registry::remove(&ctx, args),
        Command::Check(args) => commands::check::run(&ctx, args),
        Command::Providers(_) => commands::providers::run(&ctx),
        Command::Keys(args) => commands::keys::run(&ctx, args),
        Command::Token(args) => commands::token::run(&ctx, *args),
        Command::Config(args) => commands::config::run(&ctx, args),
        Command::Completions(args) => commands::completions::run(&ctx, args),
    }
}
