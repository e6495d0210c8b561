//! `jwksctl completions SHELL`: completion scripts generated from the clap
//! definitions, the same text that is committed under `completions/`.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs};
use crate::commands::Context;
use crate::error::{ExitStatus, Result};

/// The completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let mut command = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut command, "jwksctl", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The file name the script is committed under in `completions/`.
pub fn file_name(shell: Shell) -> String {
    match shell {
        Shell::Bash => "jwksctl.bash".into(),
        Shell::Zsh => "_jwksctl".into(),
        Shell::Fish => "jwksctl.fish".into(),
        Shell::PowerShell => "_jwksctl.ps1".into(),
        Shell::Elvish => "jwksctl.elv".into(),
        other => format!("jwksctl.{other}"),
    }
}

pub fn run(ctx: &Context, args: CompletionsArgs) -> Result<ExitStatus> {
    // A shell script is the result: no machine form of it.
    ctx.out.format_for(
        "completions",
        &[crate::output::Format::Text],
        crate::output::Format::Text,
    )?;
    ctx.out.result(&script(args.shell))?;
    Ok(ExitStatus::Success)
}
