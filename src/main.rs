use std::process::ExitCode;

use clap::Parser;
use jwksctl::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = jwksctl::output_for(&cli.global);
    let code = match jwksctl::run(cli, out.clone()) {
        Ok(code) => code,
        Err(error) => {
            out.error(&error);
            error.kind().exit_code()
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
