//! `jwksctl token mint|decode|verify`.

mod mint;

use crate::cli::{TokenArgs, TokenCommand};
use crate::commands::Context;
use crate::error::Result;

/// `jwksctl token …`.
pub fn run(ctx: &Context, args: TokenArgs) -> Result<i32> {
    match args.command {
        TokenCommand::Mint(args) => mint::run(ctx, args),
    }
}
