//! `jwksctl token mint|decode|verify`.

mod decode;
mod mint;
mod verify;

use crate::cli::{TokenArgs, TokenCommand};
use crate::commands::Context;
use crate::error::{ExitStatus, Result};

/// `jwksctl token …`.
pub fn run(ctx: &Context, args: TokenArgs) -> Result<ExitStatus> {
    match args.command {
        TokenCommand::Mint(args) => mint::run(ctx, args),
        TokenCommand::Decode(args) => decode::run(ctx, args),
        TokenCommand::Verify(args) => verify::run(ctx, args),
    }
}
