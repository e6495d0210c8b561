use std::process::ExitCode;

use clap::Parser;
use jwksctl::cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => refused(e),
    };
    let out = jwksctl::output_for(&cli.global);
    let code = match jwksctl::run(cli, out.clone()) {
        Ok(code) => code,
        Err(error) => {
            out.error(&error);
            out.error_document(&error);
            error.kind().exit_code()
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// A command line clap refused: clap's message on stderr and its exit code;
/// with `-o json|yaml`, the error document on stdout too.
fn refused(e: clap::Error) -> ! {
    use clap::error::ErrorKind;
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
        let error = jwksctl::error::Error::usage(message.to_string());
        jwksctl::output::print_error_document(format, &error);
    }
    e.exit()
}
