//! The jwksctl binary: parse, run, map the outcome to an exit status.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use jwksctl::error::ExitStatus;

fn main() -> ExitCode {
    // A TAB in a shell (JWKSCTL_COMPLETE set): print candidates and exit.
    jwksctl::commands::completions::complete_if_asked();
    let cli = match jwksctl::argv::parse() {
        Ok(cli) => cli,
        Err(e) => refused(e),
    };
    let out = jwksctl::output_for(&cli.global);
    let status = match jwksctl::run(cli, out.clone()) {
        Ok(status) => status,
        Err(error) => {
            out.error(&error);
            out.error_document(&error);
            ExitStatus::from(error.kind())
        }
    };
    ExitCode::from(status)
}

/// A command line clap refused: clap's message on stderr and its exit code;
/// with `-o json|yaml`, the error document on stdout too.
fn refused(mut e: clap::Error) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() == ErrorKind::InvalidSubcommand
        && let Some(ContextValue::String(given)) = e.get(ContextKind::InvalidSubcommand)
    {
        let after: Vec<String> = std::env::args()
            .skip_while(|a| a != given)
            .skip(1)
            .collect();
        if let Some(tip) = old_form(given, &after) {
            e.insert(
                ContextKind::Suggested,
                ContextValue::StyledStrs(vec![tip.into()]),
            );
        }
    }
    if !matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) && let Some(format) = jwksctl::output::format_in_args(std::env::args_os())
    {
        let rendered = e.render().to_string();
        let first = rendered.lines().next().unwrap_or_default();
        let message = first.strip_prefix("error: ").unwrap_or(first);
        let mut error = jwksctl::error::Error::usage(message.to_string());
        if let Some(hint) = tip(&rendered) {
            error = error.with_hint(hint);
        }
        jwksctl::output::print_error_document(format, &error);
    }
    e.exit()
}

/// Clap's `tip:` lines ("a similar argument exists: '--aud'"), joined: the
/// error document's `hint`, as the text form shows them.
fn tip(rendered: &str) -> Option<String> {
    let tips: Vec<&str> = rendered
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("tip: "))
        .collect();
    (!tips.is_empty()).then(|| tips.join("; "))
}

/// The command meant by a top-level word that is a subcommand elsewhere
/// (`jwksctl verify` for `jwksctl token verify`; `turso org jwks list`
/// typed as `jwksctl jwks list`), given the words after it: a "did you
/// mean" line, or `None`.
pub fn old_form(given: &str, after: &[String]) -> Option<String> {
    let meant = match given {
        "verify" | "mint" | "decode" => format!("jwksctl token {given}"),
        "generate" | "export" | "serve" | "default" => format!("jwksctl keys {given}"),
        "show" | "set" | "unset" | "path" => format!("jwksctl config {given}"),
        "jwks" | "org" => {
            let turso = ["list", "save", "remove", "template"];
            match after.iter().take(2).find(|a| turso.contains(&a.as_str())) {
                Some(next) => format!("jwksctl {next}"),
                None => {
                    return Some(
                        "the `turso org jwks` commands are top-level here: `jwksctl list`, `save`, `remove`, `template`"
                            .to_string(),
                    );
                }
            }
        }
        _ => return None,
    };
    Some(format!("did you mean `{meant}`?"))
}
